//! Replays every committed fuzz regression input through the check of the target that found it.
//!
//! `tests/data/fuzz-regressions/<target>/<file>`: minimized inputs on which a fuzz target once
//! crashed (a panic, an overflow or a broken invariant) and which must now pass. The checks are
//! the fuzz crate's own (`fuzz/src/checks.rs`, included here), so the input meets exactly the
//! code that found it. See `docs/robustness.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

#[path = "../../../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_regression_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut replayed = 0;
    for target in checks::TARGETS {
        let dir = root.join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| checks::run(target, &data));
            assert!(outcome.is_ok(), "{target}: {} fails again", file.display());
            replayed += 1;
        }
    }
    // Unknown folders would be silently skipped: every folder must be a target.
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(checks::TARGETS.contains(&name.as_str()) || name.starts_with('.') || name == "README.md", "{name}");
    }
    println!("{replayed} regression inputs replayed");
}

#[test]
fn every_target_accepts_the_example_study_files() {
    // A smoke test of the checks themselves on valid input (the fuzz seeds).
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study");
    let read = |f: &str| std::fs::read(ex.join(f)).unwrap();
    checks::run("study_toml", b"[study]\ntitle = \"t\"\nreference_date = \"2025-03-01\"\n");
    checks::run("instrument_toml", &read("questionnaire.toml"));
    checks::run("instrument_toml", &read("codebook.toml"));
    checks::run("responses_lomonitor", &read("responses.csv"));
    checks::run("contacts_csv", &read("contacts.csv"));
    checks::run("fieldwork_csv", &read("fieldwork.csv"));
    checks::run("codings_csv", &read("codings.csv"));
    let mut qdpx = vec![0u8];
    qdpx.extend(read("interviews.qdpx"));
    checks::run("qdpx", &qdpx);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    checks::run("responses_limesurvey", &std::fs::read(data.join("responses/limesurvey.csv")).unwrap());
    checks::run("responses_qualtrics", &std::fs::read(data.join("responses/qualtrics.csv")).unwrap());
    checks::run("register_csv", &std::fs::read(data.join("register/excel-utf8-bom.csv")).unwrap());
    checks::run("platform_csv", &std::fs::read(data.join("contacts/limesurvey_participants.csv")).unwrap());
    checks::run("platform_csv", &std::fs::read(data.join("contacts/qualtrics_history.csv")).unwrap());
    checks::run("limesurvey_lss", &std::fs::read(data.join("platforms/limesurvey_survey_rankingNative.lss")).unwrap());
    let q = lomonitor::instrument::Questionnaire::load(&ex.join("questionnaire.toml")).unwrap();
    let (lss, _) = lomonitor::instrument::platform::to_limesurvey(&q, &Default::default());
    checks::run("limesurvey_lss", lss.as_bytes());
    checks::run("qualtrics_qsf", lomonitor::instrument::platform::to_qualtrics(&q).0.as_bytes());
}
