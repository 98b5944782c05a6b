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
    assert_eq!(a.unit(), b.unit());
    assert_eq!(a.status(), b.status());
    assert_eq!(a.started(), b.started());
    for (i, item) in q.items.iter().enumerate() {
        assert_eq!(a.items()[i], b.items()[i], "item {}", item.id);
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
    let line18 = r.set_aside.source_line().iter().position(|&l| l == 18).expect("line 18 is set aside");
    has(IssueKind::DuplicateRespondent, 18, Some("respondent_id"), &r.set_aside.respondent_id()[line18].clone());
    has(IssueKind::UnknownCode, 21, Some("klimaat_2"), "mee eens");
    has(IssueKind::UnmappedColumn, 2, Some("extra"), "");
    let dup = r.report.of_kind(IssueKind::DuplicateUnit).next().expect("a duplicate unit");
    assert_eq!(dup.location.line, Some(19), "the earlier, partial response is set aside: {dup}");
    // Rows set aside: unknown unit, malformed unit, wrong version, duplicate id, duplicate unit.
    assert_eq!(r.report.rows_read, 20);
    assert_eq!(r.set_aside.len(), 5, "{:?}", r.set_aside.source_line());
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

/// The example's data rows, `copies` times, each copy with its own respondent ids (`c<k>-<id>`),
/// as one CSV text; ids are the first column of the example file.
fn repeated_example(copies: usize) -> (String, usize) {
    let text = std::fs::read_to_string(root().join("examples/study/responses.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    assert!(rows.iter().all(|r| !r.starts_with('"')), "ids are not quoted in the example");
    let mut out = format!("{header}\n");
    for k in 0..copies {
        for r in &rows {
            out.push_str(&format!("c{k}-{r}\n"));
        }
    }
    (out, rows.len())
}

#[test]
fn a_large_file_read_in_batches_on_several_threads_gives_what_its_parts_give() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let options = ImportOptions { several_per_unit: true, ..ImportOptions::default() };
    let import_text = |text: &str| {
        lomonitor::responses::import_csv(
            text,
            lomonitor::io::TextEncoding::Utf8,
            None,
            q,
            s.frame(),
            s.organisations(),
            &options,
        )
        .unwrap()
    };
    let (one, n) = repeated_example(1);
    let part = import_text(&one);
    // 40 copies: about 6,000 rows, three batches and more, read on every core there is.
    let copies = 40;
    let (mut big, _) = repeated_example(copies);
    // One id repeated across batches: copy 30's first row takes copy 0's first id.
    let first_id = one.lines().nth(1).unwrap().split(',').next().unwrap().to_owned();
    let repeat_line = 2 + 30 * n; // header is line 1
    let row30 = big.lines().nth(repeat_line - 1).unwrap().to_owned();
    let replaced = format!("{first_id},{}", row30.split_once(',').unwrap().1);
    big = big.replacen(&row30, &replaced, 1);
    let all = import_text(&big);

    assert_eq!(all.report.rows_read, copies * n);
    let dup: Vec<_> = all.report.of_kind(IssueKind::DuplicateRespondent).collect();
    assert_eq!(dup.len(), 1, "{}", all.report);
    assert_eq!(dup[0].location.line, Some(repeat_line as u64));
    assert!(dup[0].message.contains("also on line 2"), "{}", dup[0].message);
    // Every copy's answers are those of the single copy, in file order.
    let kept = &all.responses;
    assert_eq!(kept.len() + all.set_aside.len(), copies * n);
    for k in [0, 1, 17, copies - 1] {
        let rows: Vec<usize> = (k * n..(k + 1) * n).filter(|&r| r != 30 * n).collect();
        let got = kept.select(&rows.iter().map(|&r| if r > 30 * n { r - 1 } else { r }).collect::<Vec<_>>());
        let want_rows: Vec<usize> = (0..n).filter(|&r| k * n + r != 30 * n).collect();
        assert_same_answers(&got, &part.responses.select(&want_rows), q);
        let lines: Vec<u64> = rows.iter().map(|&r| 2 + r as u64).collect();
        assert_eq!(got.source_line(), lines);
    }
    // The issues of every copy, in line order, each once.
    let per_copy = part.report.issues.len();
    assert_eq!(all.report.issues.len(), copies * per_copy + 1, "{}", all.report);
    let lines: Vec<u64> = all.report.issues.iter().map(|i| i.location.line.unwrap_or(0)).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_large_file_in_windows_1252_or_utf_16_streams_and_reads_like_utf_8() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let options = ImportOptions { several_per_unit: true, ..ImportOptions::default() };
    let dir = std::env::temp_dir().join(format!("lomonitor-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mut text, n) = repeated_example(30);
    // A non-ASCII answer near the end: the UTF-8 attempt fails there and the file is read again.
    let last = text.lines().last().unwrap().to_owned();
    text = text.replacen(&last, &last.replacen(",,", ",Fryslân café,", 1), 1);
    let utf8 = dir.join("utf8.csv");
    std::fs::write(&utf8, &text).unwrap();
    let cp1252 = dir.join("cp1252.csv");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    std::fs::write(&cp1252, &bytes).unwrap();
    let utf16 = dir.join("utf16.csv");
    let mut wide = vec![0xFF, 0xFE];
    wide.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, &wide).unwrap();

    let read = |p: &Path| import_csv_path(p, q, s.frame(), s.organisations(), &options).unwrap();
    let a = read(&utf8);
    assert_eq!(a.report.rows_read, 30 * n);
    let issues = |r: &ImportResult| -> Vec<(IssueKind, Option<u64>, Option<String>, String)> {
        r.report.issues.iter().map(|i| (i.kind, i.location.line, i.location.column.clone(), i.value.clone())).collect()
    };
    let stored = serde_json::to_string(&a.responses).unwrap() + &serde_json::to_string(&a.report).unwrap();
    assert!(stored.contains("Fryslân café"), "the non-ASCII text is stored or reported");
    for other in [read(&cp1252), read(&utf16)] {
        assert_same_answers(&a.responses, &other.responses, q);
        assert_eq!(issues(&a), issues(&other));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
