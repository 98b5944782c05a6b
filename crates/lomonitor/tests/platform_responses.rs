//! Responses in as the survey platforms write them: LimeSurvey's and Qualtrics' exports of the
//! example study's answers import with the same answers as lomonitor's own layout.
//!
//! The fixtures in `tests/data/responses/platform/` are written by `make_exports.py` there, from
//! `examples/study/responses.csv`, as the platforms export them:
//! - `limesurvey-codes.csv`, `limesurvey-full.csv`: LimeSurvey's CSV writer
//!   (`application/helpers/admin/export/CsvWriter.php`: byte-order mark, every cell quoted, CRLF;
//!   `Writer.php`: headings by field code, participant fields by field name; `SurveyObj.php`:
//!   answer codes, full answers, `Y` / translated "Yes" for multiple choice, `-oth-`), of the
//!   survey `to_limesurvey` writes (question codes by the rule of `instrument/platform/codes.rs`);
//! - `qualtrics-numeric.csv`, `qualtrics-text.csv`: Qualtrics' CSV export ("Understanding Your
//!   Dataset": three header rows, export tag / question text / `{"ImportId":"QID1"}`; numeric values
//!   or choice text; `-99` for seen but unanswered; `Status` the response type), of the survey
//!   `to_qualtrics` writes, with a survey preview and a spam response added.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lomonitor::Study;
use lomonitor::instrument::Questionnaire;
use lomonitor::responses::{
    Dialect, ImportOptions, ImportResult, IssueKind, ResponseSet, import_csv_bytes, import_csv_path,
};

fn study() -> Study {
    Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/responses/platform").join(name)
}

fn import(s: &Study, name: &str, options: &ImportOptions) -> ImportResult {
    import_csv_path(&fixture(name), s.questionnaire().unwrap(), s.frame(), s.organisations(), options).unwrap()
}

fn participants() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(fixture("participants.csv")).unwrap();
    text.lines().skip(1).filter_map(|l| l.split_once(',')).map(|(t, u)| (t.to_owned(), u.to_owned())).collect()
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

fn warnings(r: &ImportResult) -> Vec<String> {
    r.report
        .issues
        .iter()
        .filter(|i| i.severity != lomonitor::responses::Severity::Info)
        .map(|i| i.to_string())
        .collect()
}

#[test]
fn limesurvey_answer_codes_with_participant_data() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let r = import(&s, "limesurvey-codes.csv", &ImportOptions::default());
    assert_eq!(r.dialect, Dialect::LimeSurvey);
    assert!(r.report.is_clean(), "{:?}", warnings(&r));
    assert_same_answers(&r.responses, s.responses().unwrap(), q);
    // The participant's name and e-mail are listed, not stored.
    let personal: Vec<_> =
        r.report.of_kind(IssueKind::PersonalData).map(|i| i.location.column.clone().unwrap()).collect();
    assert!(personal.contains(&"email".to_owned()) && personal.contains(&"firstname".to_owned()), "{personal:?}");
}

#[test]
fn limesurvey_full_answers_with_the_unit_from_the_token() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let options = ImportOptions { participants: participants(), ..ImportOptions::default() };
    let r = import(&s, "limesurvey-full.csv", &options);
    assert_eq!(r.dialect, Dialect::LimeSurvey);
    assert!(r.report.is_clean(), "{:?}", warnings(&r));
    assert_same_answers(&r.responses, s.responses().unwrap(), q);

    // Without the participant table the export has no unit: every response is set aside.
    let bare = import(&s, "limesurvey-full.csv", &ImportOptions::default());
    assert_eq!(bare.responses.len(), 0);
    assert_eq!(bare.report.of_kind(IssueKind::InvalidId).count(), 151);
}

#[test]
fn limesurvey_token_not_among_the_participants_is_reported() {
    let s = study();
    let bytes = std::fs::read(fixture("limesurvey-full.csv")).unwrap();
    let mut table = participants();
    let (first, _) = table.iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap();
    table.remove(&first);
    let options = ImportOptions { participants: table, ..ImportOptions::default() };
    let r = import_csv_bytes(&bytes, None, s.questionnaire().unwrap(), s.frame(), s.organisations(), &options).unwrap();
    let unknown: Vec<_> = r.report.of_kind(IssueKind::UnknownUnit).collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].value, first);
    assert_eq!(unknown[0].location.column.as_deref(), Some("token"));
    assert_eq!(r.responses.len(), 150);
}

#[test]
fn qualtrics_numeric_and_choice_text_set_previews_and_spam_aside() {
    let s = study();
    let q = s.questionnaire().unwrap();
    for name in ["qualtrics-numeric.csv", "qualtrics-text.csv"] {
        let r = import(&s, name, &ImportOptions::default());
        assert_eq!(r.dialect, Dialect::Qualtrics);
        let not: Vec<_> = r.report.of_kind(IssueKind::NotAResponse).collect();
        assert_eq!(not.len(), 2, "{name}: {not:?}");
        // The preview (the fourth data row) and the spam (the last), by their response ids.
        assert_eq!(not[0].respondent.as_deref(), Some("R_000000000009001"), "{name}");
        assert_eq!(not[1].respondent.as_deref(), Some("R_000000000009002"), "{name}");
        assert_eq!(not[0].location.column.as_deref(), Some("Status"));
        assert!(not[1].message.contains("spam"), "{name}: {}", not[1]);
        assert_eq!(r.set_aside.len(), 2, "{name}");
        let other: Vec<_> = warnings(&r).into_iter().filter(|w| !w.contains("not a respondent")).collect();
        assert!(other.is_empty(), "{name}: {other:?}");
        assert_same_answers(&r.responses, s.responses().unwrap(), q);
    }
}

/// With CRLF line ends (LimeSurvey's writer, Excel on Windows) the lines named are the file's.
#[test]
fn lines_of_crlf_files_are_the_file_lines() {
    let s = study();
    let r = import(&s, "limesurvey-codes.csv", &ImportOptions::default());
    assert_eq!(&r.responses.source_line()[..3], &[2, 3, 4]);
    // Qualtrics: three header rows, the preview on line 7, the spam on the last line (156).
    let r = import(&s, "qualtrics-numeric.csv", &ImportOptions::default());
    let lines: Vec<_> = r.report.of_kind(IssueKind::NotAResponse).map(|i| i.location.line).collect();
    assert_eq!(lines, [Some(7), Some(156)]);
}
