//! Importing responses in three dialects, the validation report, and exact round trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};

use lomonitor::Study;
use lomonitor::instrument::Questionnaire;
use lomonitor::responses::{Dialect, ImportOptions, ImportResult, IssueKind, ResponseSet, Severity, import_csv_path};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn study() -> Study {
    Study::load(root().join("examples/study")).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/responses").join(name)
}

fn import(study: &Study, name: &str, options: &ImportOptions) -> ImportResult {
    import_csv_path(&fixture(name), study.questionnaire().unwrap(), study.frame(), study.organisations(), options)
        .unwrap()
}

fn assert_clean(r: &ImportResult) {
    assert!(r.report.is_clean(), "{}", r.report);
}

/// The same answers, whatever ids, lines and platform metadata say.
fn assert_same_answers(a: &ResponseSet, b: &ResponseSet, q: &Questionnaire) {
    assert_eq!(a.len(), b.len());
    assert_eq!(a.unit, b.unit);
    assert_eq!(a.status, b.status);
    assert_eq!(a.started, b.started);
    for (i, item) in q.items.iter().enumerate() {
        assert_eq!(a.items[i], b.items[i], "item {}", item.id);
    }
}

#[test]
fn example_study_imports_cleanly() {
    let s = study();
    let import = s.import().unwrap();
    assert_clean(import);
    assert_eq!(import.report.rows_read, 151);
    assert_eq!(import.responses.len(), 151);
    assert!(import.set_aside.is_empty());
}

#[test]
fn platform_exports_import_cleanly_and_agree() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let first40: Vec<usize> = (0..40).collect();
    let own = s.responses().unwrap().select(&first40);

    let ls = import(&s, "limesurvey.csv", &ImportOptions::default());
    assert_eq!(ls.dialect, Dialect::LimeSurvey);
    assert_clean(&ls);
    assert_same_answers(&ls.responses, &own, q);

    let qt = import(&s, "qualtrics.csv", &ImportOptions::default());
    assert_eq!(qt.dialect, Dialect::Qualtrics);
    assert_clean(&qt);
    assert_same_answers(&qt.responses, &own, q);
    // Qualtrics' personal-data columns are reported, not stored.
    let personal: Vec<_> =
        qt.report.of_kind(IssueKind::PersonalData).map(|i| i.location.column.clone().unwrap()).collect();
    assert!(
        personal.contains(&"RecipientEmail".to_owned()) && personal.contains(&"IPAddress".to_owned()),
        "{personal:?}"
    );

    let nl = import(&s, "dutch-excel.csv", &ImportOptions::default());
    assert_eq!(nl.dialect, Dialect::Lomonitor);
    assert_clean(&nl);
    assert_same_answers(&nl.responses, &own, q);
}

#[test]
fn a_broken_export_gets_every_fault_listed() {
    let s = study();
    let r = import(&s, "broken.csv", &ImportOptions::default());
    println!("{}", r.report);
    let has = |kind: IssueKind, line: u64, column: Option<&str>, value: &str| {
        assert!(
            r.report.issues.iter().any(|i| i.kind == kind
                && i.location.line == Some(line)
                && i.location.column.as_deref() == column
                && i.value == value
                && i.location.file.as_ref().is_some_and(|f| f.ends_with("broken.csv"))),
            "expected {kind:?} on line {line}, column {column:?}, value {value:?} in\n{}",
            r.report
        );
    };
    has(IssueKind::UnknownCode, 2, Some("positie"), "7");
    has(IssueKind::OutOfRange, 3, Some("budget_fte"), "20000");
    has(IssueKind::NotANumber, 4, Some("fte_lo"), "veel");
    has(IssueKind::SpreadsheetError, 5, Some("budget_fte"), "#N/A");
    has(IssueKind::RoutedAnswer, 6, Some("visie_jaar"), "2020");
    has(IssueKind::RequiredMissing, 7, Some("functie"), "");
    has(IssueKind::UnknownUnit, 8, Some("unit"), "GM9998");
    has(IssueKind::InvalidId, 9, Some("unit"), "Amsterdam");
    has(IssueKind::InvalidDate, 10, Some("started"), "gisteren");
    has(IssueKind::InvalidStatus, 11, Some("status"), "klaar");
    has(IssueKind::ExclusiveViolated, 12, Some("instrumenten_10"), "10");
    has(IssueKind::InvalidRanking, 13, Some("themas_top3_2"), "1");
    has(IssueKind::NotInteger, 14, Some("visie_jaar"), "2020,5");
    has(IssueKind::Formula, 15, Some("toelichting"), "=HYPERLINK(\"http://example.invalid\",\"klik\")");
    has(IssueKind::WrongVersion, 16, Some("instrument_version"), "0.9");
    has(IssueKind::UnknownCode, 17, Some("belemmeringen_2"), "ja");
    let line18 = r.set_aside.source_line.iter().position(|&l| l == 18).expect("line 18 is set aside");
    has(IssueKind::DuplicateRespondent, 18, Some("respondent_id"), &r.set_aside.respondent_id[line18].clone());
    has(IssueKind::UnknownCode, 21, Some("klimaat_2"), "mee eens");
    has(IssueKind::UnmappedColumn, 2, Some("extra"), "");
    let dup = r.report.of_kind(IssueKind::DuplicateUnit).next().expect("a duplicate unit");
    assert_eq!(dup.location.line, Some(19), "the earlier, partial response is set aside: {dup}");
    // Rows set aside: unknown unit, malformed unit, wrong version, duplicate id, duplicate unit.
    assert_eq!(r.report.rows_read, 20);
    assert_eq!(r.set_aside.len(), 5, "{:?}", r.set_aside.source_line);
    assert_eq!(r.responses.len() + r.set_aside.len(), r.report.rows_read, "no response is lost");
    assert!(r.report.count(Severity::Error) >= 10);
}

// import(export(x)) == x on random response sets: tests/properties.rs (proptest, both CSV styles).

#[test]
fn several_responses_per_unit_are_kept_on_request() {
    let s = study();
    let strict = import(&s, "broken.csv", &ImportOptions::default());
    assert_eq!(strict.report.of_kind(IssueKind::DuplicateUnit).count(), 1);
    let staff = import(&s, "broken.csv", &ImportOptions { several_per_unit: true, ..ImportOptions::default() });
    assert_eq!(staff.report.of_kind(IssueKind::DuplicateUnit).count(), 0);
    assert_eq!(staff.responses.len(), strict.responses.len() + 1, "the duplicate-unit row is kept");
}
