//! The embedded register against the CBS facts in `../shared/data` (when that folder is present),
//! and the register loaders against the files Dutch Excel and CBS write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lomonitor::{Error, Frame, Province, SizeClasses, Stratification, StratumVar};

fn shared_csv() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/municipalities.csv");
    p.is_file().then_some(p)
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/register").join(name)
}

#[test]
fn embedded_register_matches_cbs_facts() {
    let Some(path) = shared_csv() else {
        eprintln!("../shared/data is absent: skipping the comparison with the CBS facts");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let embedded = Frame::embedded();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let code = rec[0].parse().unwrap();
        let m = embedded.get(code).unwrap_or_else(|| panic!("{} missing from the embedded register", &rec[0]));
        assert_eq!(m.name, &rec[1]);
        assert_eq!(m.province, rec[2].parse::<Province>().unwrap());
        assert_eq!(m.inhabitants, rec[3].parse::<u64>().unwrap());
        assert_eq!(m.inhabitants_date.to_string(), format!("{}-01-01", &rec[4]));
        assert_eq!(m.corop.as_ref().unwrap().code, &rec[5]);
        assert_eq!(m.corop.as_ref().unwrap().name, &rec[6]);
        n += 1;
    }
    assert_eq!(n, embedded.len(), "every CBS row is in the register and no other");
    // The shared file itself loads as a register (its own layout with inhabitants_year).
    let (loaded, _) = Frame::from_csv_path(&path, date()).unwrap();
    assert_eq!(loaded.municipalities(), embedded.municipalities());
}

#[test]
fn stratum_counts_add_up_for_every_stratification() {
    let f = Frame::embedded();
    for spec in ["size_class", "province", "corop", "size_class*province", "province*corop", "size_class*corop"] {
        for sc in [SizeClasses::default(), SizeClasses::personeelsmonitor_with_g4()] {
            let counts = Stratification::parse(spec, sc).unwrap().counts(&f);
            assert_eq!(counts.iter().map(|c| c.count).sum::<u64>(), f.len() as u64, "{spec}");
        }
    }
    let custom = SizeClasses::new(vec![10_000, 25_000, 250_000], false).unwrap();
    let s = Stratification::new(vec![StratumVar::SizeClass], custom).unwrap();
    let counts = s.counts(&f);
    assert_eq!(counts.len(), 4);
    let smallest = f.iter().filter(|m| m.inhabitants < 10_000).count() as u64;
    assert_eq!(counts[0].count, smallest);
}

#[test]
fn dutch_excel_register_loads() {
    // ';' delimiter, UTF-8 BOM, thousands separators.
    let (f, _) = Frame::from_csv_path(&data("excel-utf8-bom.csv"), date()).unwrap();
    assert_eq!(f.len(), 3);
    assert_eq!(f.lookup("Súdwest-Fryslân").unwrap().inhabitants, 90_421);
    // Windows-1252 (Excel's plain "CSV").
    let (f, _) = Frame::from_csv_path(&data("excel-cp1252.csv"), date()).unwrap();
    assert_eq!(f.lookup("GM1900").unwrap().name, "Súdwest-Fryslân");
    assert_eq!(f.lookup("GM1900").unwrap().province, Province::Fryslan);
}

#[test]
fn cbs_layout_loads() {
    let (f, layout) = Frame::from_csv_path(&data("cbs-statline.csv"), date()).unwrap();
    assert_eq!(layout, lomonitor::frame::RegisterLayout::Cbs);
    assert_eq!(f.len(), 2, "wijken and the country row are not municipalities");
    assert_eq!(f.lookup("GM0363").unwrap().inhabitants, 931_298);
}

fn err(name: &str) -> Error {
    Frame::from_csv_path(&data(name), date()).unwrap_err()
}

#[test]
fn bad_registers_name_file_line_column_value() {
    let cases: &[(&str, u64, &str, &str)] = &[
        ("bad-code.csv", 3, "code", "GM363"),
        ("bad-code-spaces.csv", 2, "code", " gm0363 "),
        ("bad-province.csv", 3, "province", "Holland"),
        ("bad-inhabitants.csv", 2, "inhabitants", "12,5"),
    ];
    for (file, line, column, value) in cases {
        let e = err(file);
        let loc = e.location().unwrap_or_else(|| panic!("{file}: no location in {e}"));
        assert!(loc.file.as_ref().unwrap().ends_with(file), "{e}");
        assert_eq!(loc.line, Some(*line), "{file}: {e}");
        assert_eq!(loc.column.as_deref(), Some(*column), "{file}: {e}");
        assert_eq!(e.value(), Some(*value), "{file}: {e}");
    }
    match err("duplicate-code.csv") {
        Error::Duplicate { location, value, first_line, .. } => {
            assert_eq!((location.line, value.as_str(), first_line), (Some(4), "GM0363", 2));
        }
        other => panic!("{other}"),
    }
    assert!(matches!(err("empty.csv"), Error::Missing { .. }));
    assert!(matches!(err("header-only.csv"), Error::Missing { .. }));
    assert!(matches!(err("ragged.csv"), Error::Csv { location, .. } if location.line == Some(3)));
    assert!(matches!(err("missing-column.csv"), Error::Missing { what, .. } if what.contains("province")));
}
