//! Nothing lost on write: a writer killed midway (SIGKILL, no chance to clean up) leaves the old
//! file intact, for every real writer of a file — contacts, fieldwork, response export.
//!
//! The test runs this test binary again as a child (`child_writer`, which does nothing unless
//! `LOMONITOR_ATOMIC_CHILD` is set), lets it write a large file over an existing one, and kills
//! it as soon as its temporary file has grown past 1 MB — midway through the write.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lomonitor::Study;
use lomonitor::contacts::{Directory, FieldworkLog};
use lomonitor::io::{CsvTable, TextEncoding};
use lomonitor::responses::{CsvStyle, export_csv};

const CHILD_ENV: &str = "LOMONITOR_ATOMIC_CHILD";

fn study() -> Study {
    Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap()
}

/// A contacts directory of `n` contacts (about 100 bytes each when written).
fn big_directory(s: &Study, n: usize) -> Directory {
    let codes: Vec<_> = s.frame().iter().map(|m| m.code.to_string()).collect();
    let mut text = String::from("contact_id,name,function,role,covers,email,status,notes\n");
    for i in 0..n {
        let _ = writeln!(
            text,
            "c{:04},Persoon {i},Adviseur leren en ontwikkelen,lo_adviser,{},p{i}@example.nl,active,{}",
            i + 1,
            codes[i % codes.len()],
            "x".repeat(40)
        );
    }
    let table = CsvTable::parse(&text, TextEncoding::Utf8, None).unwrap();
    let loaded = Directory::from_table(&table, s.frame(), s.organisations()).unwrap();
    loaded.value
}

/// A fieldwork log of `n` invitations.
fn big_log(s: &Study, n: usize) -> FieldworkLog {
    let codes: Vec<_> = s.frame().iter().map(|m| m.code.to_string()).collect();
    let mut text = String::from("contact_id,municipality,invited,reminders,last_reminder,status,status_date\n");
    for i in 0..n {
        let _ = writeln!(text, "c{:04},{},2025-03-03,1,2025-03-17,completed,2025-04-01", i + 1, codes[i % codes.len()]);
    }
    let table = CsvTable::parse(&text, TextEncoding::Utf8, None).unwrap();
    FieldworkLog::from_table(&table, s.frame()).unwrap().value
}

/// Run by the parent test in a child process: write a large file of `kind` to `path`.
#[test]
fn child_writer() {
    let Ok(spec) = std::env::var(CHILD_ENV) else { return };
    let (kind, path) = spec.split_once('|').unwrap();
    let path = Path::new(path);
    let s = study();
    match kind {
        "contacts" => big_directory(&s, 60_000).write(path).unwrap(),
        "fieldwork" => big_log(&s, 100_000).write(path).unwrap(),
        "export" => {
            let set = s.responses().unwrap();
            let rows: Vec<usize> = (0..40_000).map(|i| i % set.len()).collect();
            let big = set.select(&rows);
            export_csv(path, &big, s.questionnaire().unwrap(), CsvStyle::Standard).unwrap();
        }
        other => panic!("unknown writer {other}"),
    }
}

fn temp_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!(".{name}.")))
        .collect()
}

/// Start the child writer on `target`, kill it midway, return whether it was killed before the
/// rename (else it finished: the machine was faster than the poll).
fn kill_midway(kind: &str, target: &Path) -> bool {
    let dir = target.parent().unwrap();
    let name = target.file_name().unwrap().to_string_lossy().into_owned();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{kind}|{}", target.display()))
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{kind}: the child writer failed");
            return false;
        }
        let growing = temp_files(dir, &name).iter().any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 1 << 20));
        if growing {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        assert!(start.elapsed() < Duration::from_secs(300), "{kind}: the child never started writing");
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_writer_killed_midway_leaves_the_old_file_intact() {
    let dir = std::env::temp_dir().join(format!("lomonitor-atomic-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (kind, file) in [("contacts", "contacts.csv"), ("fieldwork", "fieldwork.csv"), ("export", "responses.csv")] {
        let target = dir.join(file);
        let old = format!("the old {file}, which must survive\n");
        std::fs::write(&target, &old).unwrap();
        let killed = kill_midway(kind, &target);
        let now = std::fs::read_to_string(&target).unwrap();
        if killed {
            assert_eq!(now, old, "{kind}: the old file was damaged by a writer killed midway");
            // The killed writer's temporary file is a hidden sibling, never the target.
            let temps = temp_files(&dir, file);
            assert!(!temps.is_empty() && temps.iter().all(|t| t != &target));
            for t in temps {
                std::fs::remove_file(t).unwrap();
            }
        } else {
            // Finished before the kill: then the new file is complete.
            assert!(now.len() > 1 << 20, "{kind}: a finished write left a short file");
            eprintln!("{kind}: the writer finished before it could be killed; nothing to check");
        }
        // Whatever happened, the next write succeeds and leaves no temporary file.
        let s = study();
        match kind {
            "contacts" => s.contacts().unwrap().value.write(&target).unwrap(),
            "fieldwork" => s.fieldwork().unwrap().value.write(&target).unwrap(),
            _ => export_csv(&target, s.responses().unwrap(), s.questionnaire().unwrap(), CsvStyle::DutchExcel).unwrap(),
        }
        assert!(temp_files(&dir, file).is_empty());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
