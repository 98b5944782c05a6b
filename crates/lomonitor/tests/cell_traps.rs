//! Every cell stored or reported: the traps of issue 15, each in a copy of a row of the example
//! study's own file (`examples/study/responses.csv`, lomonitor's layout) with one cell changed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::Path;

use lomonitor::Study;
use lomonitor::responses::{ImportOptions, ImportResult, IssueKind, import_csv_bytes};

fn study() -> Study {
    Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap()
}

/// The example's header and its first row, with `changes` (column -> cell) applied; the file's
/// data row is line 2.
fn one_row(changes: &[(&str, &str)]) -> Vec<u8> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study/responses.csv"))
            .unwrap();
    let mut lines = text.lines();
    let header: Vec<String> =
        lines.next().unwrap().trim_start_matches('\u{feff}').split(',').map(str::to_owned).collect();
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(lines.next().unwrap().as_bytes());
    let mut row: Vec<String> = rdr.records().next().unwrap().unwrap().iter().map(str::to_owned).collect();
    for (col, value) in changes {
        let k = header.iter().position(|h| h == col).unwrap_or_else(|| panic!("no column {col}"));
        row[k] = (*value).to_owned();
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    w.write_record(&row).unwrap();
    w.into_inner().unwrap()
}

fn import(bytes: &[u8]) -> ImportResult {
    let s = study();
    import_csv_bytes(bytes, None, s.questionnaire().unwrap(), s.frame(), s.organisations(), &ImportOptions::default())
        .unwrap()
}

fn assert_issue(r: &ImportResult, kind: IssueKind, column: &str, value: &str) {
    assert!(
        r.report.issues.iter().any(|i| i.kind == kind
            && i.location.line == Some(2)
            && i.location.column.as_deref() == Some(column)
            && i.value == value),
        "expected {kind:?} at line 2, column {column:?}, value {value:?} in\n{}",
        r.report
    );
}

#[test]
fn options_beside_a_missing_code_are_reported() {
    // r001 chose instrumenten 1, 2, 6 and 9; a missing code beside them wins.
    let r = import(&one_row(&[("instrumenten_missing", "97")]));
    assert_issue(&r, IssueKind::AnswerBesideMissing, "instrumenten_1", "1");
    assert_issue(&r, IssueKind::AnswerBesideMissing, "instrumenten_6", "1");
}

#[test]
fn ranks_beside_a_missing_code_are_reported() {
    let r = import(&one_row(&[("themas_top3_missing", "97")]));
    assert_issue(&r, IssueKind::AnswerBesideMissing, "themas_top3_1", "2");
}

#[test]
fn an_other_text_without_its_answer_is_reported() {
    let r = import(&one_row(&[("functie", ""), ("functie_other", "beleidsadviseur")]));
    assert_issue(&r, IssueKind::OtherWithoutAnswer, "functie_other", "beleidsadviseur");
    let r = import(&one_row(&[
        ("instrumenten_1", "NA"),
        ("instrumenten_2", "NA"),
        ("instrumenten_3", "NA"),
        ("instrumenten_4", "NA"),
        ("instrumenten_5", "NA"),
        ("instrumenten_6", "NA"),
        ("instrumenten_7", "NA"),
        ("instrumenten_8", "NA"),
        ("instrumenten_9", "NA"),
        ("instrumenten_10", "NA"),
        ("platform", "NA"),
    ]));
    assert_issue(&r, IssueKind::OtherWithoutAnswer, "instrumenten_other", "leerwerktraject");
}

#[test]
fn not_asked_beside_a_chosen_option_is_reported() {
    let r = import(&one_row(&[("instrumenten_3", "NA"), ("platform", "NA")]));
    assert_issue(&r, IssueKind::NotAskedBesideAnswer, "instrumenten_3", "NA");
}

#[test]
fn a_comma_in_a_number_of_a_comma_file_is_reported() {
    let r = import(&one_row(&[("budget_fte", "1,250")]));
    assert_issue(&r, IssueKind::AmbiguousNumber, "budget_fte", "1,250");
}
