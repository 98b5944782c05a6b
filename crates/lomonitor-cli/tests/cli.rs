//! Runs the built `lomonitor` binary for every subcommand, as a user would.
#![allow(clippy::unwrap_used)] // test helpers: a failure is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn lomonitor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lomonitor")).args(args).output().unwrap()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the example study in a temporary folder (never modify examples/study).
fn copy_example(to: &Path) {
    for entry in std::fs::read_dir(example()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn init_check_report_from_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let o = lomonitor(&["init", s(&dir), "--title", "Mijn \"studie\""]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["study.toml", "questionnaire.toml", "responses.csv", "contacts.csv", "fieldwork.csv", "codings.csv"] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let o = lomonitor(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("responses: 0 rows read, 0 kept"), "{}", stdout(&o));
    let out = tmp.path().join("out");
    let o = lomonitor(&["report", s(&dir), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("rapport.html").is_file());
    // The empty study's report says what could not be made yet, in the log, not to the client.
    let log = std::fs::read_to_string(out.join("rapportlog.txt")).unwrap();
    assert!(log.contains("left out"), "{log}");
    // A second init into the now non-empty folder is refused.
    let o = lomonitor(&["init", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    let o = lomonitor(&["check", s(&example()), "--englsh"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--englsh"));
    let o = lomonitor(&["report", s(&example()), "--out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = lomonitor(&["sample", s(&example()), "--seed", "1"]);
    assert_eq!(o.status.code(), Some(2), "missing --n: {}", stderr(&o));
    let o = lomonitor(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("init") && stdout(&o).contains("erase"));
}

#[test]
fn a_broken_study_toml_names_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("study.toml"), "[study]\ntitle = \"x\"\nreference_date = \"2025-13-01\"\n").unwrap();
    let o = lomonitor(&["check", s(tmp.path())]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("study.toml") && err.contains("line 3") && err.contains("2025-13-01"), "{err}");
}

#[test]
fn check_json_parses() {
    let o = lomonitor(&["check", s(&example()), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    for f in ["responses", "contacts", "fieldwork", "interview_guide", "codings"] {
        assert!(files.contains(&f), "{f} not checked: {files:?}");
    }
    assert_eq!(o.status.code(), Some(if v["ok"].as_bool().unwrap() { 0 } else { 1 }));
}

#[test]
fn export_writes_the_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let o = lomonitor(&["--json", "export", s(&example()), "--out", s(tmp.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in ["csv", "codebook", "ddi", "spss"] {
        assert!(Path::new(v[key].as_str().unwrap()).is_file(), "{key}");
    }
}

#[test]
fn overview_writes_csv_xlsx_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let o = lomonitor(&["overview", s(&example()), "--out", s(tmp.path()), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["rows"].as_u64().unwrap() > 0);
    assert!(tmp.path().join("overzicht-lo-verantwoordelijken.xlsx").is_file());
}

#[test]
fn sample_is_reproducible_from_its_seed() {
    let run = || lomonitor(&["sample", s(&example()), "--n", "20", "--by", "size_class", "--seed", "7", "--json"]);
    let (a, b) = (run(), run());
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["units"].as_array().unwrap().len(), 20);
    let o = lomonitor(&["sample", s(&example()), "--n", "20", "--by", "nonsense", "--seed", "7"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nonsense"), "{}", stderr(&o));
}

#[test]
fn erase_on_a_copy_prints_its_proof() {
    let tmp = tempfile::tempdir().unwrap();
    copy_example(tmp.path());
    let o = lomonitor(&["erase", s(tmp.path()), "--email", "l.verzinkamp@buch.example.nl", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["contact_ids"], serde_json::json!(["c0001"]), "{v}");
    let contacts = std::fs::read_to_string(tmp.path().join("contacts.csv")).unwrap();
    assert!(!contacts.contains("Verzinkamp"));
    let complete = v["still_found"].as_array().unwrap().is_empty() && v["remaining"].as_array().unwrap().is_empty();
    assert_eq!(o.status.code(), Some(if complete { 0 } else { 1 }));
    // The same person again: not found, exit 1 naming the query.
    let o = lomonitor(&["erase", s(tmp.path()), "--email", "l.verzinkamp@buch.example.nl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("l.verzinkamp@buch.example.nl"), "{}", stderr(&o));
    // Neither --email nor --name: usage.
    assert_eq!(lomonitor(&["erase", s(tmp.path())]).status.code(), Some(2));
}

/// to-<platform> then from-<platform> on the example study gives the same questionnaire.
fn round_trip(to: &str, from: &str, ext: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(format!("survey.{ext}"));
    let o = lomonitor(&["questionnaire", to, s(&example()), "-o", s(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("25 items"), "{}", stdout(&o));
    let toml = tmp.path().join("questionnaire.toml");
    let o = lomonitor(&["questionnaire", from, s(&file), "--out", s(&toml)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("everything was mapped"), "{}", stdout(&o));
    let original = lomonitor::instrument::Questionnaire::load(&example().join("questionnaire.toml")).unwrap();
    let back = lomonitor::instrument::Questionnaire::load(&toml).unwrap();
    assert_eq!(back, original);
}

#[test]
fn questionnaire_round_trip_limesurvey() {
    round_trip("to-limesurvey", "from-limesurvey", "lss");
}

#[test]
fn questionnaire_round_trip_qualtrics() {
    round_trip("to-qualtrics", "from-qualtrics", "qsf");
}

#[test]
fn questionnaire_from_a_questionnaire_file_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("survey.qsf");
    let q = example().join("questionnaire.toml");
    let o = lomonitor(&["--json", "questionnaire", "to-qualtrics", s(&q), "-o", s(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["platform"], "Qualtrics");
    assert_eq!(v["items"], 25);
    assert!(v["codes"]["codes"].as_array().unwrap().iter().any(|p| p[0] == "fte_lo" && p[1] == "fteLo"), "{v}");
    let qsf: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(qsf.get("SurveyElements").is_some());
}

#[test]
fn questionnaire_unmapped_questions_are_listed_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let lss = tmp.path().join("survey.lss");
    let o = lomonitor(&["questionnaire", "to-limesurvey", s(&example()), "-o", s(&lss)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Make the first numeric question (type N) a file upload (type |), which has no item kind.
    let text =
        std::fs::read_to_string(&lss).unwrap().replacen("<type><![CDATA[N]]></type>", "<type><![CDATA[|]]></type>", 1);
    std::fs::write(&lss, text).unwrap();
    let toml = tmp.path().join("q.toml");
    let o = lomonitor(&["--json", "questionnaire", "from-limesurvey", s(&lss), "-o", s(&toml)]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let unmapped = v["unmapped"].as_array().unwrap();
    assert_eq!(unmapped.len(), 1, "{v}");
    assert_eq!(unmapped[0]["kind"], "|");
    assert!(unmapped[0]["reason"].as_str().unwrap().contains("file upload"), "{v}");
    // The draft is written all the same, with one item fewer, and reads as a questionnaire.
    let back = lomonitor::instrument::Questionnaire::load(&toml).unwrap();
    assert_eq!(back.items.len(), 24);
    // Text output lists it too.
    let o = lomonitor(&["questionnaire", "from-limesurvey", s(&lss), "-o", s(&toml)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not mapped (1)"), "{}", stdout(&o));
}

#[test]
fn questionnaire_errors_name_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.lss");
    std::fs::write(&bad, "<document><LimeSurveyDocType>Survey</LimeSurveyDocType><questions><rows><row>").unwrap();
    let o = lomonitor(&["questionnaire", "from-limesurvey", s(&bad), "-o", s(&tmp.path().join("q.toml"))]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.lss"), "{}", stderr(&o));
    let o = lomonitor(&["questionnaire", "to-limesurvey", s(&example())]);
    assert_eq!(o.status.code(), Some(2), "missing -o is a usage error: {}", stderr(&o));
}

#[test]
fn export_json_has_no_progress_on_stderr() {
    // Off a terminal (and always with --json) the spinner stays hidden: stderr is empty and stdout
    // is one JSON document.
    let tmp = tempfile::tempdir().unwrap();
    let o = lomonitor(&["--json", "export", s(&example()), "--out", s(tmp.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["ddi"].as_str().unwrap().ends_with("codebook.xml"), "{v}");
}
