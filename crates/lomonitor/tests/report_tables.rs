#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Tables: converters from the stats results, number formatting per language, and the CSV,
//! Markdown, HTML and XLSX renderers. The statistics themselves are checked against peers in the
//! `*_peers.rs` tests; here the numbers in a table are compared with the result they came from.

use std::io::Read as _;

use lomonitor::report::{
    Cell, Column, CrosstabCells, CsvLayout, SUPPRESSED_MARK, Table, agreement_table, crosstab_table, csv_string,
    descriptives_table, frequency_table, html_page, html_table, markdown_string, proportions_table, reliability_table,
    representativeness_table, sheet_names, write_csv, write_html, write_markdown, write_xlsx, xlsx_bytes,
};
use lomonitor::stats::{
    AgreementOptions, CiMethod, DescribeOptions, DisclosureRule, FrequencyTable, LevelKind, Missing, RatingMatrix,
    crosstab, describe, proportion_ci, representativeness, scale_reliability, suppress,
};
use lomonitor::{Error, Language};

fn out_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("lomonitor-report-tables-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn freq() -> FrequencyTable {
    FrequencyTable::from_counts(
        &[3.0, 40.0, 1234.0, 10.0],
        &[LevelKind::Valid, LevelKind::Valid, LevelKind::Valid, LevelKind::UserMissing],
        false,
    )
    .unwrap()
}

const LABELS: [&str; 4] = ["Nooit", "Soms", "Vaak", "Weet niet"];

fn display_row(t: &Table, i: usize, lang: Language) -> Vec<String> {
    t.rows()[i].cells.iter().map(|c| c.display(lang)).collect()
}

#[test]
fn frequency_table_layout_dutch_and_english() {
    let f = freq();
    let t = frequency_table(&f, "Hoe vaak volgt u een opleiding?", &LABELS, None, Language::Nl).unwrap();
    assert_eq!(t.columns().len(), 5);
    assert_eq!(t.rows().len(), 5);
    let r = &f.rows[2];
    assert_eq!(
        display_row(&t, 2, Language::Nl),
        [
            "Vaak".to_owned(),
            "1.234".to_owned(),
            lomonitor::table::format::format_percent(r.percent, 1, Language::Nl),
            lomonitor::table::format::format_percent(r.valid_percent.unwrap(), 1, Language::Nl),
            lomonitor::table::format::format_percent(r.cumulative_valid_percent.unwrap(), 1, Language::Nl),
        ]
    );
    assert_eq!(display_row(&t, 2, Language::Nl)[4], "100,0%");
    assert_eq!(display_row(&t, 2, Language::En)[1], "1,234");
    assert_eq!(display_row(&t, 3, Language::Nl)[0], "Weet niet (ontbrekend)");
    assert_eq!(display_row(&t, 3, Language::Nl)[3], "", "a missing level has no valid percent");
    assert!(t.rows()[4].total);
    assert_eq!(display_row(&t, 4, Language::Nl)[..3], ["Totaal", "1.287", "100,0%"]);
    assert_eq!(t.note_lines(Language::Nl)[0], "n = 1.277; ontbrekend: 10");
    let en = frequency_table(&f, "How often?", &LABELS, None, Language::En).unwrap();
    assert_eq!(en.columns()[3].label, "Valid percent");
    assert_eq!(en.note_lines(Language::En)[0], "n = 1,277; missing: 10");
    assert!(matches!(frequency_table(&f, "x", &LABELS[..3], None, Language::Nl), Err(Error::InvalidArgument { .. })));
}

#[test]
fn suppressed_cells_are_marked_never_blank() {
    let f = freq();
    let counts: Vec<u64> = f.rows.iter().map(|r| r.count as u64).collect();
    let s = suppress(&counts, counts.len(), 1, &DisclosureRule::default()).unwrap();
    assert!(s.n_primary >= 1);
    let t = frequency_table(&f, "Opleidingen", &LABELS, Some(&s), Language::Nl).unwrap();
    // The cumulative column is dropped: a running sum would give the withheld count away.
    assert_eq!(t.columns().len(), 4);
    for (i, status) in s.cells.iter().enumerate() {
        let row = display_row(&t, i, Language::Nl);
        if *status == lomonitor::stats::CellStatus::Published {
            assert!(!row[1..].contains(&SUPPRESSED_MARK.to_owned()), "{row:?}");
        } else {
            assert_eq!(row[1..], [SUPPRESSED_MARK, SUPPRESSED_MARK, SUPPRESSED_MARK], "{row:?}");
        }
    }
    assert!(t.has_suppressed());
    let note = t.notes.suppression.clone().unwrap();
    assert!(note.starts_with("• aantal < 5, niet getoond"), "{note}");
    assert!(t.note_lines(Language::Nl).contains(&note));
    // The mark reaches every renderer.
    assert!(csv_string(&t, Language::Nl, CsvLayout::WithTitleAndNotes).contains("•"));
    assert!(markdown_string(&t, Language::Nl).contains("| Nooit | • | • | • |"));
    let html = html_table(&t, Language::Nl);
    assert!(html.contains("class=\"lm-right lm-suppressed\" title=\"• aantal &lt; 5, niet getoond"), "{html}");
    // A pattern of the wrong shape is refused.
    let s2 = suppress(&counts[..3], 3, 1, &DisclosureRule::default()).unwrap();
    assert!(frequency_table(&f, "x", &LABELS, Some(&s2), Language::Nl).is_err());
}

#[test]
fn crosstab_with_row_percentages_tests_and_suppression() {
    // 3 size classes x 2 answers.
    let rows: Vec<u8> = [vec![0u8; 30], vec![1; 50], vec![2; 20]].concat();
    let cols: Vec<u8> = (0..100).map(|i| u8::from(i % 3 == 0 || i >= 95)).collect();
    let ct = crosstab(&rows, 3, &cols, 2, None).unwrap();
    let t = crosstab_table(
        &ct,
        "Opleidingsplan naar grootte",
        &["Klein", "Middel", "Groot"],
        &["Nee", "Ja"],
        CrosstabCells::RowPercent,
        None,
        Language::Nl,
    )
    .unwrap();
    assert_eq!(t.columns().iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["", "Nee", "Ja", "Totaal", "n"]);
    for r in 0..3 {
        let row = display_row(&t, r, Language::Nl);
        let expect =
            |c: usize| lomonitor::table::format::format_percent(ct.row_percent[r * 2 + c].unwrap(), 1, Language::Nl);
        assert_eq!(row[1], expect(0));
        assert_eq!(row[2], expect(1));
        assert_eq!(row[3], "100,0%");
        assert_eq!(row[4], lomonitor::table::format::format_count(ct.row_totals[r], Language::Nl));
    }
    let total = display_row(&t, 3, Language::Nl);
    assert_eq!(total[4], "100");
    let method = t.notes.method.clone().unwrap();
    assert!(method.starts_with("Pearson χ²(2) = ") && method.contains("Cramér's V = "), "{method}");
    assert!(method.contains(&lomonitor::table::format::format_number(
        ct.chi_square.as_ref().unwrap().cramers_v,
        2,
        Language::Nl
    )));

    let s = suppress(&ct.unweighted_counts, 3, 2, &DisclosureRule::default()).unwrap();
    let ts = crosstab_table(
        &ct,
        "x",
        &["Klein", "Middel", "Groot"],
        &["Nee", "Ja"],
        CrosstabCells::Count,
        Some(&s),
        Language::Nl,
    )
    .unwrap();
    let n_marked: usize =
        ts.rows().iter().map(|r| r.cells.iter().filter(|c| matches!(c, Cell::Suppressed)).count()).sum();
    let n_expected = s.n_primary
        + s.n_secondary
        + s.row_total_suppressed.iter().chain(&s.col_total_suppressed).filter(|b| **b).count();
    assert_eq!(n_marked, n_expected);
    assert_eq!(ts.notes.suppression.is_some(), n_expected > 0);
    assert!(crosstab_table(&ct, "x", &["a"], &["Nee", "Ja"], CrosstabCells::Count, None, Language::Nl).is_err());
}

#[test]
fn proportions_descriptives_reliability_agreement_representativeness() {
    let p = proportion_ci(93, 150, 0.95, CiMethod::Wilson, Some(342)).unwrap();
    let t = proportions_table("Opleidingsplan", &[("Ja", &p)], Language::Nl).unwrap();
    assert_eq!(t.columns()[4].label, "95%-BI");
    let row = display_row(&t, 0, Language::Nl);
    assert_eq!(row[..4], ["Ja", "93", "150", "62,0%"]);
    assert_eq!(
        row[4],
        lomonitor::table::format::format_interval(
            p.interval.lower * 100.0,
            p.interval.upper * 100.0,
            1,
            true,
            Language::Nl
        )
    );
    assert!(t.notes.method.as_ref().unwrap().starts_with("Wilson; met eindige-populatiecorrectie (N = 342)"));
    let p0 = proportion_ci(0, 20, 0.95, CiMethod::Wald, None).unwrap();
    let t0 = proportions_table("Wald", &[("Nee", &p0)], Language::En).unwrap();
    assert_eq!(t0.columns()[4].label, "95% CI");
    assert!(t0.notes.other.iter().any(|n| n.contains("breaks down")), "degenerate interval explained");
    assert!(proportions_table("x", &[], Language::Nl).is_err());

    let values: Vec<Option<f64>> = [3.0, 4.0, 5.0, 4.0, 2.0, 4.0].iter().map(|v| Some(*v)).chain([None]).collect();
    let d = describe(
        &values,
        None,
        &DescribeOptions { population: Some(342), top_codes: vec![4.0, 5.0], ..DescribeOptions::default() },
    )
    .unwrap();
    let t = descriptives_table("Tevredenheid", &[("Aanbod", &d)], 2, Language::Nl).unwrap();
    let row = display_row(&t, 0, Language::Nl);
    assert_eq!(row[1], "6");
    assert_eq!(row[2], lomonitor::table::format::format_number(d.mean, 2, Language::Nl));
    assert!(row[2].contains(','));
    assert_eq!(row[8], lomonitor::table::format::format_percent(d.top_box_percent.unwrap(), 1, Language::Nl));
    assert_eq!(t.notes.missing, Some(1.0));

    let a: Vec<Option<f64>> = [1.0, 2.0, 3.0, 4.0, 5.0, 3.0].iter().map(|v| Some(*v)).collect();
    let b: Vec<Option<f64>> = [2.0, 2.0, 3.0, 5.0, 4.0, 3.0].iter().map(|v| Some(*v)).collect();
    let c: Vec<Option<f64>> = [1.0, 3.0, 2.0, 4.0, 5.0, 4.0].iter().map(|v| Some(*v)).collect();
    let rel = scale_reliability(&[&a, &b, &c], None, Missing::Listwise, 0.95).unwrap();
    let t = reliability_table(&rel, "Schaal leerklimaat", &["Item 1", "Item 2", "Item 3"], Language::Nl).unwrap();
    assert_eq!(t.rows().len(), 3);
    let alpha_line = t.notes.other.iter().find(|l| l.starts_with("Cronbach's α = ")).unwrap();
    assert!(alpha_line.contains(&lomonitor::table::format::format_number(rel.alpha, 2, Language::Nl)));
    assert!(reliability_table(&rel, "x", &["a"], Language::Nl).is_err());

    let codes: Vec<Option<u32>> = [1, 1, 2, 2, 1, 2, 3, 3, 1, 1, 2, 3].iter().map(|c| Some(*c)).collect();
    let k = RatingMatrix::new(&codes, 2).unwrap().cohen_kappa(&AgreementOptions::default()).unwrap();
    let t = agreement_table("Intercodeurbetrouwbaarheid", &[("Thema", &k)], Language::Nl).unwrap();
    let row = display_row(&t, 0, Language::Nl);
    assert_eq!(row[1], "Cohen's κ");
    assert_eq!(row[2], lomonitor::table::format::format_number(k.estimate, 2, Language::Nl));

    let r = representativeness(&[3, 20, 15, 4], &[10, 60, 40, 4]).unwrap();
    let t = representativeness_table(&r, "Respons", &["a", "b", "c", "G4"], Language::Nl).unwrap();
    assert_eq!(t.rows().len(), 5);
    assert_eq!(display_row(&t, 4, Language::Nl)[..4], ["Totaal", "114", "42", "36,8%"]);
    assert!(t.notes.method.as_ref().unwrap().starts_with("Aanpassingstoets χ²(3) = "));
}

#[test]
fn tables_refuse_non_finite_numbers_and_ragged_rows() {
    let mut t = Table::new("x", vec![Column::text("a"), Column::numeric("b")]);
    assert!(matches!(
        t.push_row(vec![Cell::text("a"), Cell::percent(f64::NAN, 1)]),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(t.push_row(vec![Cell::text("a"), Cell::interval(1.0, f64::INFINITY, 1, false)]).is_err());
    assert!(t.push_row(vec![Cell::text("a")]).is_err());
    assert!(t.rows().is_empty());
    // Serde round trip, and deserialisation checks the same rules.
    t.push_row(vec![Cell::text("a"), Cell::number(0.5, 2)]).unwrap();
    let json = serde_json::to_string(&t).unwrap();
    let back: Table = serde_json::from_str(&json).unwrap();
    assert_eq!(back, t);
    let ragged = json.replace("{\"kind\":\"number\",\"value\":0.5,\"decimals\":2}", "");
    let ragged = ragged.replace("},]", "}]");
    assert!(serde_json::from_str::<Table>(&ragged).is_err(), "{ragged}");
}

fn sample() -> Table {
    let mut t = Table::new(
        "Vraag 1: \"budget\" | <b>",
        vec![Column::text("Antwoord"), Column::numeric("Aantal"), Column::numeric("%")],
    );
    t.push_row(vec![Cell::text("=SUM(A1:A9)"), Cell::count(1234.0), Cell::percent(12.5, 1)]).unwrap();
    t.push_row(vec![Cell::text("-neg; \"quoted\""), Cell::count(5.0), Cell::percent(0.25, 2)]).unwrap();
    t.push_row(vec![Cell::text("@home"), Cell::Suppressed, Cell::Empty]).unwrap();
    t.push_total_row(vec![Cell::text("Totaal"), Cell::count(1239.0), Cell::percent(100.0, 1)]).unwrap();
    t.notes.n = Some(1239.0);
    t.notes.method = Some("=cmd|' /C calc'!A0".into());
    t
}

#[test]
fn csv_is_excel_ready_and_injection_safe() {
    let t = sample();
    let nl = csv_string(&t, Language::Nl, CsvLayout::Data);
    let mut rdr = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(nl.as_bytes());
    let recs: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(&recs[0], &csv::StringRecord::from(vec!["Antwoord", "Aantal", "%"]));
    assert_eq!(&recs[1], &csv::StringRecord::from(vec!["'=SUM(A1:A9)", "1234", "12,5"]));
    assert_eq!(&recs[2], &csv::StringRecord::from(vec!["'-neg; \"quoted\"", "5", "0,25"]));
    assert_eq!(&recs[3], &csv::StringRecord::from(vec!["'@home", "•", ""]));
    assert!(nl.ends_with("\r\n"));

    let en = csv_string(&t, Language::En, CsvLayout::WithTitleAndNotes);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(en.as_bytes());
    let recs: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(&recs[0][0], "Vraag 1: \"budget\" | <b>");
    assert_eq!(&recs[2], &csv::StringRecord::from(vec!["'=SUM(A1:A9)", "1234", "12.5"]));
    assert!(recs.iter().any(|r| &r[0] == "n = 1,239"));
    assert!(recs.iter().any(|r| &r[0] == "Method: =cmd|' /C calc'!A0"), "a note starting with a formula is fine");

    let path = out_dir().join("tabel.csv");
    write_csv(&path, &t, Language::Nl, CsvLayout::Data).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    // The crate's own reader (which reads what Dutch Excel writes) reads it back.
    let back = lomonitor::io::CsvTable::read(&path).unwrap();
    assert_eq!(back.delimiter, b';');
    assert_eq!(back.encoding, lomonitor::io::TextEncoding::Utf8Bom);
    assert_eq!(back.headers, ["Antwoord", "Aantal", "%"]);
    assert_eq!(back.rows.len(), t.rows().len());
    assert_eq!(back.rows[0].cells, ["'=SUM(A1:A9)", "1234", "12,5"]);
    let with_notes = out_dir().join("tabel-noten.csv");
    write_csv(&with_notes, &t, Language::Nl, CsvLayout::WithTitleAndNotes).unwrap();
    let text = std::fs::read_to_string(&with_notes).unwrap();
    assert!(text.starts_with("\u{feff}\"Vraag 1: \"\"budget\"\" | <b>\"\r\n"), "{text}");
}

#[test]
fn markdown_and_html() {
    let t = sample();
    let md = markdown_string(&t, Language::Nl);
    assert!(md.starts_with("**Vraag 1: \"budget\" \\| \\<b\\>**\n"), "{md}");
    assert!(md.contains("| Antwoord | Aantal | % |\n| :--- | ---: | ---: |\n"));
    assert!(md.contains("| =SUM(A1:A9) | 1.234 | 12,5% |"));
    assert!(md.contains("| **Totaal** | **1.239** | **100,0%** |"));
    assert!(md.contains("*n = 1.239*"));
    let body_rows = md.lines().filter(|l| l.starts_with('|')).count();
    assert_eq!(body_rows, 2 + t.rows().len());

    let html = html_table(&t, Language::En);
    let doc = roxmltree::Document::parse(&html).unwrap();
    let table = doc.root_element();
    assert_eq!(table.attribute("class"), Some("lm-table"));
    let caption = table.children().find(|n| n.has_tag_name("caption")).unwrap();
    assert_eq!(caption.text(), Some("Vraag 1: \"budget\" | <b>"), "escaped, and read back as text");
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("th") && n.attribute("scope") == Some("col")).count(), 3);
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("th") && n.attribute("scope") == Some("row")).count(), 4);
    assert!(doc.descendants().any(|n| n.has_tag_name("tr") && n.attribute("class") == Some("lm-total")));
    let tfoot = doc.descendants().find(|n| n.has_tag_name("tfoot")).unwrap();
    assert!(tfoot.descendants().any(|n| n.text() == Some("n = 1,239")));
    assert!(html.contains("<td class=\"lm-right lm-num lm-percent\">12.5%</td>"));
    assert!(!html.contains("<b>"));

    let page = html_page("Rapport <2025>", &[t.clone(), t.clone()], Language::Nl);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert_eq!(page.matches("<table class=\"lm-table\">").count(), 2);
    assert!(page.contains("<title>Rapport &lt;2025&gt;</title>"));

    let dir = out_dir();
    write_markdown(&dir.join("t.md"), std::slice::from_ref(&t), Language::Nl).unwrap();
    write_html(&dir.join("t.html"), "Rapport", &[t], Language::Nl).unwrap();
    assert!(std::fs::read_to_string(dir.join("t.md")).unwrap().contains("1.234"));
}

fn zip_file(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_keeps_numbers_as_numbers() {
    let f = freq();
    let t1 = frequency_table(&f, "Hoe vaak volgt u een opleiding?", &LABELS, None, Language::Nl).unwrap();
    let t2 = sample();
    let t3 = frequency_table(&f, "Hoe vaak volgt u een opleiding?", &LABELS, None, Language::Nl).unwrap();
    let bytes = xlsx_bytes(&[t1, t2, t3], Language::Nl).unwrap();
    let wb = zip_file(&bytes, "xl/workbook.xml");
    let names = sheet_names(
        &["Hoe vaak volgt u een opleiding?", "Vraag 1: \"budget\" | <b>", "Hoe vaak volgt u een opleiding?"],
        Language::Nl,
    );
    assert_eq!(names, ["Hoe vaak volgt u een opleiding", "Vraag 1 \"budget\" | <b>", "Hoe vaak volgt u een (2)"]);
    // The book's sheets: the contents, then the tables named by number and title.
    let book = sheet_names(
        &[
            "Inhoud",
            "1 Hoe vaak volgt u een opleiding?",
            "2 Vraag 1: \"budget\" | <b>",
            "3 Hoe vaak volgt u een opleiding?",
        ],
        Language::Nl,
    );
    assert_eq!(book[3], "3 Hoe vaak volgt u een", "cut at a word: 32 characters");
    for n in &book {
        let escaped = n.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(wb.contains(&format!("name=\"{escaped}\"")), "{n} not in {wb}");
    }
    let styles = zip_file(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
    assert!(styles.contains("<b/>"), "bold header");
    let sheet = zip_file(&bytes, "xl/worksheets/sheet2.xml");
    // Row 4 (header in row 3) holds "Nooit": count 3 and its percentage as a fraction.
    let pct = f.rows[0].percent / 100.0;
    assert!(sheet.contains("<v>3</v>"), "{sheet}");
    assert!(sheet.contains(&format!("<v>{pct}</v>")), "percentage stored as the number {pct}: {sheet}");
    assert!(sheet.contains("<cols>"), "column widths set");
    let shared = zip_file(&bytes, "xl/sharedStrings.xml");
    assert!(shared.contains("n = 1.277; ontbrekend: 10"), "notes under the table");
    assert!(shared.contains("•"));

    let path = out_dir().join("tabellen.xlsx");
    write_xlsx(&path, &[sample()], Language::En).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
    assert!(xlsx_bytes(&[], Language::Nl).is_err());
}
