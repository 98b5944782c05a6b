//! Werkorganisaties: a response for a member municipality of an organisation that answers for
//! its members is the organisation's response (issue 18). Before the fix, responses from
//! Uitgeest and Castricum beside `buch` counted BUCH three times and put both extra responses in
//! stratum 0 ("< 20.000"), changing response rates and weights without a word.

#![allow(clippy::unwrap_used)] // a test

use std::path::{Path, PathBuf};

use lomonitor::Study;
use lomonitor::analysis::{AnalysisOptions, Weighting};
use lomonitor::responses::IssueKind;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

/// A copy of the example study whose response file has two extra responses: the `buch` row again,
/// once as Uitgeest (GM0450) and once as Castricum (GM0383).
fn study_with_member_responses() -> (PathBuf, Study) {
    let dir = std::env::temp_dir().join(format!("lomonitor-werkorg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(example()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let text = std::fs::read_to_string(dir.join("responses.csv")).unwrap();
    let buch = text.lines().find(|l| l.split(',').nth(1) == Some("buch")).unwrap().to_owned();
    let mut out = text.clone();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for (id, code) in [("x-uitgeest", "GM0450"), ("x-castricum", "GM0383")] {
        let rest: Vec<&str> = buch.split(',').skip(2).collect();
        out.push_str(&format!("{id},{code},{}\n", rest.join(",")));
    }
    std::fs::write(dir.join("responses.csv"), out).unwrap();
    let study = Study::load(&dir).unwrap();
    (dir, study)
}

#[test]
fn a_member_response_is_the_organisations_response_with_an_issue() {
    let base = Study::load(example()).unwrap();
    let (dir, study) = study_with_member_responses();
    let report = study.validation_report().unwrap();
    let members: Vec<_> = report.issues.iter().filter(|i| i.kind == IssueKind::MemberOfOrganisation).collect();
    assert_eq!(members.len(), 2, "{members:#?}");
    for i in &members {
        assert!(i.location.line.is_some(), "{i}");
        assert!(i.message.contains("buch"), "{i}");
    }
    let dupes = report.issues.iter().filter(|i| i.kind == IssueKind::DuplicateUnit && i.value == "buch").count();
    assert_eq!(dupes, 2, "BUCH answers once: the two member responses are second responses of BUCH");
    // Same number of kept responses and the same response rates as without the extra rows.
    assert_eq!(study.responses().unwrap().len(), base.responses().unwrap().len());
    let rr = study.response_rates("size_class", lomonitor::Language::Nl).unwrap();
    let rr0 = base.response_rates("size_class", lomonitor::Language::Nl).unwrap();
    assert_eq!(rr.result.n, rr0.result.n);
    for (a, b) in rr.result.strata.iter().zip(&rr0.result.strata) {
        assert_eq!(a.respondents, b.respondents);
    }
    // Post-stratification weights unchanged as well.
    let w = study.weights(&Weighting::PostStratify("size_class".into())).unwrap().unwrap();
    let w0 = base.weights(&Weighting::PostStratify("size_class".into())).unwrap().unwrap();
    assert_eq!(w.weights.len(), w0.weights.len());
    let _ = study.frequencies("visie", &AnalysisOptions::default()).unwrap();
    let _ = std::fs::remove_dir_all(dir);
}
