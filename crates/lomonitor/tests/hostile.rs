#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code
//! The hostile corpus (issue 20): inputs an adversary would send, each answered with an error
//! naming file, line and value, or a well-formed output — never a stack overflow, an abort or an
//! exhausted memory. Small inputs live in `tests/data/hostile/`; large ones are built here,
//! deterministically, at run time. See docs/robustness.md.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use lomonitor::coding::{ArchiveLimits, MAX_ENTRIES, read_qdpx, read_qdpx_with_limits, write_qdc};
use lomonitor::instrument::{Code, Codebook, Questionnaire, Text};
use lomonitor::report::charts::{
    BarChart, BarDatum, Infographic, KeyFigure, ValueFormat, bar_chart_svg, infographic_html, infographic_svg,
};
use lomonitor::{Error, Language};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile").join(name)
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lomonitor-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// The characters XML 1.0 forbids, planted in titles and labels.
const PLANTED: &str = "Titel\u{0}met\u{1}rommel\u{FFFE}\u{FFFF}";

fn well_formed(what: &str, xml: &str) {
    if let Err(e) = roxmltree::Document::parse(xml) {
        panic!("{what} is not well-formed XML: {e}");
    }
    assert!(!xml.contains(['\u{0}', '\u{1}', '\u{FFFE}', '\u{FFFF}']), "{what} keeps an illegal character");
}

// ---- 1. bounded parsing ----------------------------------------------------------------------

#[test]
fn deep_show_if_is_an_error_with_file_and_line() {
    for name in ["show-if-parens.toml", "show-if-nots.toml"] {
        let path = hostile(name);
        let e = Questionnaire::load(&path).unwrap_err();
        let m = e.to_string();
        match &e {
            Error::Definition { location, .. } => {
                assert_eq!(location.file.as_deref(), Some(path.as_path()));
                assert_eq!(location.line, Some(15), "{m}"); // the line of `id = "b"`
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(m.contains("nested deeper than 64 levels") && m.contains("b.show_if"), "{m}");
        assert!(m.len() < 1_000, "the message quotes the whole expression: {} bytes", m.len());
    }
    // 100,000 "not"s (400 KB): built here.
    let text = std::fs::read_to_string(hostile("show-if-nots.toml")).unwrap();
    let (head, _) = text.rsplit_once("show_if").unwrap();
    let big = format!("{head}show_if = \"{}a == 1\"\n", "not ".repeat(100_000));
    let e = Questionnaire::from_toml_str(&big, Some(Path::new("big.toml"))).unwrap_err().to_string();
    assert!(e.contains("big.toml") && e.contains("nested deeper"), "{e}");
}

#[test]
fn deep_code_tree_in_a_qdc_is_an_error() {
    // 300 nested <Code> elements: past the codebook's 32 levels (and the XML reader's 256).
    let mut xml = String::from("<?xml version=\"1.0\"?><CodeBook><Codes>");
    for i in 0..300 {
        xml.push_str(&format!("<Code guid=\"{i:08}-0000-8000-8000-000000000000\" name=\"c{i}\" isCodable=\"true\">"));
    }
    xml.push_str(&"</Code>".repeat(300));
    xml.push_str("</Codes></CodeBook>");
    let path = tmp("deep.qdc");
    std::fs::write(&path, xml).unwrap();
    let m = lomonitor::coding::read_qdc(&path).unwrap_err().to_string();
    assert!(m.contains("deep.qdc") && m.contains("nested deeper than 256"), "{m}");
}

// ---- 2. bounded archives ---------------------------------------------------------------------

fn zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
}

fn project(sources: usize, inner: &str) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><Project name=\"p\"><CodeBook><Codes>\
         <Code guid=\"00000000-0000-8000-8000-000000000001\" name=\"c\" isCodable=\"true\"/></Codes></CodeBook><Sources>",
    );
    for i in 0..sources {
        s.push_str(&format!(
            "<TextSource guid=\"s{i}\" name=\"GM0363_2025-03-{:02}_JS{i}.txt\" plainTextPath=\"internal://{inner}\"/>",
            i % 28 + 1
        ));
    }
    s.push_str("</Sources></Project>");
    s
}

#[test]
fn zip_bomb_entry_is_an_error_naming_file_and_entry() {
    // 8 MiB of zeros deflates to a few KB; the cap is set to 1 MiB for the test (the default is
    // 256 MiB), which exercises the same code path without inflating 256 MiB.
    let path = tmp("bomb.qdpx");
    let zeros = vec![0u8; 8 << 20];
    zip(&path, &[("project.qde", project(1, "a.txt").as_bytes()), ("sources/a.txt", &zeros)]);
    assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
    let limits = ArchiveLimits { max_entry_bytes: 1 << 20, ..ArchiveLimits::default() };
    let m = read_qdpx_with_limits(&path, None, limits).unwrap_err().to_string();
    assert!(m.contains("bomb.qdpx") && m.contains("sources/a.txt") && m.contains("more than 1048576 bytes"), "{m}");
    // The total cap: two 600 KiB entries under a 1 MiB total.
    let half = vec![b'x'; 600 << 10];
    zip(&path, &[("project.qde", project(0, "").as_bytes()), ("sources/a.txt", &half), ("sources/b.txt", &half)]);
    let mut p = project(2, "a.txt");
    p = p.replacen("internal://a.txt\"/>", "internal://b.txt\"/>", 2).replacen(
        "internal://b.txt",
        "internal://a.txt",
        1,
    );
    zip(&path, &[("project.qde", p.as_bytes()), ("sources/a.txt", &half), ("sources/b.txt", &half)]);
    let limits = ArchiveLimits { max_entry_bytes: 1 << 20, max_total_bytes: 1 << 20, max_entries: 10 };
    let m = read_qdpx_with_limits(&path, None, limits).unwrap_err().to_string();
    assert!(m.contains("sources/b.txt") && m.contains("together"), "{m}");
}

#[test]
fn too_many_entries_is_an_error() {
    let path = tmp("many.qdpx");
    let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("sources/{i}.txt")).collect();
    let mut entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let p = project(0, "");
    entries.push(("project.qde", p.as_bytes()));
    zip(&path, &entries);
    let m = read_qdpx(&path, None).unwrap_err().to_string();
    assert!(m.contains("many.qdpx") && m.contains("10002 entries"), "{m}");
}

#[test]
fn twenty_sources_on_one_entry_read_it_once() {
    // The 20-sources-one-entry case: the total cap (3 MiB) is below 20 x the entry (2 MiB), so
    // reading the entry once per source would fail; reading it once passes.
    let path = tmp("shared.qdpx");
    let text = "Wij investeren in leren. ".repeat(2 << 20 >> 5);
    zip(&path, &[("project.qde", project(20, "shared.txt").as_bytes()), ("sources/shared.txt", text.as_bytes())]);
    let limits = ArchiveLimits { max_entry_bytes: 4 << 20, max_total_bytes: 3 << 20, max_entries: 10 };
    let p = read_qdpx_with_limits(&path, None, limits).unwrap();
    assert_eq!(p.codings.interviews.len(), 20);
}

// ---- 3. well-formed XML outputs ----------------------------------------------------------------

#[test]
fn illegal_characters_never_reach_an_xml_output() {
    let chart = BarChart::new(PLANTED, PLANTED, vec![BarDatum::new(PLANTED, 40.0), BarDatum::new("b\u{0}", 60.0)]);
    well_formed("bar chart SVG", &bar_chart_svg(&chart, Language::Nl).unwrap());
    let info = Infographic {
        title: PLANTED.into(),
        subtitle: Some(PLANTED.into()),
        key_figures: vec![KeyFigure { value: 1.0, format: ValueFormat::Count, caption: PLANTED.into() }],
        themes_title: PLANTED.into(),
        themes: vec![(PLANTED.into(), 50.0)],
        map: None,
        footer: Some(PLANTED.into()),
    };
    let svg = infographic_svg(&info, Language::Nl).unwrap();
    well_formed("infographic SVG", &svg);
    let html = infographic_html(&svg, PLANTED, Language::Nl);
    assert!(!html.contains(['\u{0}', '\u{1}', '\u{FFFE}', '\u{FFFF}']));

    let cb = Codebook::new(
        "cb".into(),
        "1".into(),
        Text::nl(PLANTED),
        vec![Code {
            id: "a".into(),
            label: Text::nl(PLANTED),
            description: Some(Text::nl(PLANTED)),
            parent: None,
            codable: true,
        }],
    )
    .unwrap();
    let mut qdc = Vec::new();
    write_qdc(&cb, lomonitor::Language::Nl, &mut qdc, Path::new("x.qdc")).unwrap();
    well_formed(".qdc", &String::from_utf8(qdc).unwrap());

    let study = lomonitor::Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap();
    let src = std::fs::read_to_string(study.root().join("questionnaire.toml")).unwrap();
    let planted = "Titel\\u0000met\\u0001rommel\\uFFFE\\uFFFF";
    let src = src
        .replacen("title = \"Leren en ontwikkelen binnen uw gemeente\"", &format!("title = \"{planted}\""), 1)
        .replacen("label = \"Functie respondent\"", &format!("label = \"{planted}\""), 1);
    let q = Questionnaire::from_toml_str(&src, None).unwrap();
    let mut ddi = Vec::new();
    lomonitor::responses::write_ddi(
        &mut ddi,
        study.responses().unwrap(),
        &q,
        Some(study.info()),
        "data.csv",
        lomonitor::responses::CsvStyle::Standard,
    )
    .unwrap();
    let ddi = String::from_utf8(ddi).unwrap();
    well_formed("DDI", &ddi);
    assert!(ddi.contains("Titelmetrommel"), "the planted title is removed, not the text around it");
}
