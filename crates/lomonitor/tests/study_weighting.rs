//! Study-level weighting (issue 18): raking to the fixed point with the study's `[weights]`
//! options, trimming, custom weights, and one definition of a weighted estimate whatever the
//! weights. Peer values: python/tests/reference/ref_study.py -> expected_study.json.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};

use lomonitor::analysis::{AnalysisOptions, Weighting};
use lomonitor::stats::CiMethod;
use lomonitor::{Error, Study};
use serde_json::Value;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

fn expected() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../python/tests/reference/expected_study.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The example study with `extra` appended to its study.toml, in a folder of its own.
fn study_with(tag: &str, extra: &str) -> lomonitor::Result<Study> {
    let dir = std::env::temp_dir().join(format!("lomonitor-weighting-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(example()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let toml = std::fs::read_to_string(example().join("study.toml")).unwrap();
    std::fs::write(dir.join("study.toml"), format!("{toml}\n{extra}\n")).unwrap();
    let s = Study::load(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    s
}

fn rake() -> Weighting {
    "rake:size_class,province".parse().unwrap()
}

/// Raking at study level reaches the fixed point samplics reaches with tol 1e-15 (the old
/// study route stopped at 1e-6 units), and reports its cycles and largest margin error.
#[test]
fn study_raking_matches_samplics_at_the_fixed_point() {
    let s = Study::load(example()).unwrap();
    let e = &expected()["rake_size_class_province"];
    let w = s.weights(&rake()).unwrap().unwrap();
    let ids = &s.responses().unwrap().respondent_id();
    for (i, (id, peer)) in ids.iter().zip(e["respondent_id"].as_array().unwrap()).enumerate() {
        assert_eq!(id, peer.as_str().unwrap());
        let p = e["weights"][i].as_f64().unwrap();
        assert!((w.weights[i] - p).abs() <= 1e-9 * p, "{id}: lomonitor {} vs samplics {p}", w.weights[i]);
    }
    assert_eq!(w.converged, Some(true));
    assert!(w.iterations.unwrap() > 1);
    assert!(w.max_rel_deviation.unwrap() <= 1e-10, "{:?}", w.max_rel_deviation);
    assert!(w.description.contains("cycles") && w.description.contains("largest margin error"), "{}", w.description);
}

/// `[weights] max_iterations` too small for the tolerance: an error, not a silent result.
#[test]
fn raking_that_does_not_converge_is_an_error() {
    let s = study_with("cap", "[weights]\nrelative_tolerance = 1e-14\nmax_iterations = 1").unwrap();
    match s.weights(&rake()) {
        Err(Error::NotConverged { iterations, .. }) => assert_eq!(iterations, 1),
        other => panic!("expected NotConverged, got {other:?}"),
    }
}

/// `[weights] trim_upper` caps every weight at that multiple of the mean, keeps the total,
/// and is used by the analyses; estimates on trimmed weights are the same domain estimate as
/// on any weights (the plain function on the trimmed weights gives the same number).
#[test]
fn trimmed_weights_are_used_by_the_study_analyses() {
    let plain = Study::load(example()).unwrap();
    let untrimmed = plain.weights(&rake()).unwrap().unwrap();
    let max = untrimmed.weights.iter().copied().fold(0.0, f64::max);
    let mean = untrimmed.weights.iter().sum::<f64>() / untrimmed.weights.len() as f64;
    let cap = 0.5 * (1.0 + max / mean); // between 1 and the largest ratio: something is trimmed
    let s = study_with("trim", &format!("[weights]\ntrim_upper = {cap}")).unwrap();
    let w = s.weights(&rake()).unwrap().unwrap();
    let (_, upper) = w.trimmed.unwrap();
    assert!(upper > 0);
    let total: f64 = w.weights.iter().sum();
    assert!((total - untrimmed.weights.iter().sum::<f64>()).abs() < 1e-9);
    assert!(w.weights.iter().all(|&x| x <= cap * mean * (1.0 + 1e-12)), "cap {}", cap * mean);
    let opts = AnalysisOptions { weighting: rake(), ci: CiMethod::Logit, ..AnalysisOptions::default() };
    let a = s.proportions("budget_besteed", &opts).unwrap();
    let b = plain.proportions("budget_besteed", &opts).unwrap();
    assert_ne!(a.options[2].estimate.estimate, b.options[2].estimate.estimate, "trimmed weights used");
    assert!(a.weighting.unwrap().contains("trimmed"));
}

/// Custom weights under a name are usable in every analysis; proportional weights give the
/// same estimates as the scheme they came from (they are rescaled to the units).
#[test]
fn custom_weights_give_the_same_numbers_as_the_scheme_they_copy() {
    let s = Study::load(example()).unwrap();
    let post: Weighting = "poststratify:size_class".parse().unwrap();
    let w = s.weights(&post).unwrap().unwrap();
    let a = s.analysis();
    a.set_custom_weights("mine", w.weights.iter().map(|x| 3.0 * x).collect()).unwrap();
    let custom: Weighting = "custom:mine".parse().unwrap();
    assert_eq!(custom.to_string(), "custom:mine");
    // variance strata: custom weights use the default stratification (size_class), as post does
    let ours = AnalysisOptions { weighting: custom.clone(), ..AnalysisOptions::default() };
    let theirs = AnalysisOptions { weighting: post, ..AnalysisOptions::default() };
    let (x, y) = (a.proportions("budget_besteed", &ours).unwrap(), a.proportions("budget_besteed", &theirs).unwrap());
    for (o, p) in x.options.iter().zip(&y.options) {
        assert!((o.estimate.estimate - p.estimate.estimate).abs() < 1e-12);
        assert!((o.estimate.se - p.estimate.se).abs() < 1e-12);
    }
    let f = a.frequencies("visie", &ours).unwrap();
    assert!(f.weighted);
    assert!(a.describe("klimaat_1", &ours).unwrap().weighted);
    assert!(a.crosstab("visie", "size_class", &ours, None).unwrap().weighted);
    // wrong length, unknown name: errors naming them
    let err = a.set_custom_weights("short", vec![1.0; 3]).unwrap_err().to_string();
    assert!(err.contains("3 weights for 151 responses"), "{err}");
    let unknown = AnalysisOptions { weighting: "custom:nope".parse().unwrap(), ..AnalysisOptions::default() };
    let err = a.proportions("visie", &unknown).unwrap_err().to_string();
    assert!(err.contains("\"nope\""), "{err}");
}

/// A bad `[weights]` option is an error naming study.toml, its line and the key.
#[test]
fn bad_weight_options_name_the_line_and_key() {
    for (extra, key) in [
        ("[weights]\nrelative_tolerance = 0.0", "weights.relative_tolerance"),
        ("[weights]\ntrim_upper = 0.5", "weights.trim_upper"),
        ("[weights]\ntrim_lower = 2.0", "weights.trim_lower"),
        ("[weights]\nmax_iterations = 0", "weights.max_iterations"),
    ] {
        let err = study_with("bad", extra).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("study.toml") && msg.contains(key), "{msg}");
        let Error::Definition { location, .. } = err else { panic!("{msg}") };
        assert!(location.line.unwrap() > 40, "{msg}");
    }
    let err = study_with("unknown", "[weights]\ntolerance = 1e-9").unwrap_err().to_string();
    assert!(err.contains("tolerance"), "{err}");
}
