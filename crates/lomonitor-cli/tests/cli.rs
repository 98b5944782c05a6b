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
    assert_eq!(o.status.code(), Some(if v["still_found"].as_array().unwrap().is_empty() { 0 } else { 1 }));
    // The same person again: not found, exit 1 naming the query.
    let o = lomonitor(&["erase", s(tmp.path()), "--email", "l.verzinkamp@buch.example.nl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("l.verzinkamp@buch.example.nl"), "{}", stderr(&o));
    // Neither --email nor --name: usage.
    assert_eq!(lomonitor(&["erase", s(tmp.path())]).status.code(), Some(2));
}
