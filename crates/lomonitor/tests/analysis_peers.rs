//! The study-level analysis of the example study against the peers' values on the same files
//! (python/tests/reference/ref_study.py -> expected_study.json).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::Path;

use lomonitor::Study;
use lomonitor::analysis::{AnalysisOptions, Weighting};
use lomonitor::stats::{self, CiMethod, LevelKind, Missing};
use serde_json::Value;

fn expected() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../python/tests/reference/expected_study.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn study() -> Study {
    Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap()
}

fn close(a: f64, b: f64, rel: f64, what: &str) {
    let tol = rel * b.abs().max(1e-12);
    assert!((a - b).abs() <= tol, "{what}: lomonitor {a} vs peer {b}");
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn frequencies_match_pandas() {
    let (s, e) = (study(), expected());
    for (item, counts) in e["frequencies"]["items"].as_object().unwrap() {
        let t = s.frequencies(item, &AnalysisOptions::default()).unwrap();
        let peer = |k: &str| counts.get(k).and_then(Value::as_u64).unwrap_or(0);
        assert_eq!(t.n_not_asked as u64, peer("NA"), "{item}: not asked");
        for row in &t.rows {
            let key = row.code.map_or(String::new(), |c| c.to_string());
            assert_eq!(row.unweighted_count, peer(&key), "{item}: code {key:?}");
            assert_eq!(row.count, peer(&key) as f64);
        }
        let valid: u64 = t.rows.iter().filter(|r| r.kind == LevelKind::Valid).map(|r| r.unweighted_count).sum();
        for row in t.rows.iter().filter(|r| r.kind == LevelKind::Valid) {
            close(row.valid_percent.unwrap(), 100.0 * row.unweighted_count as f64 / valid as f64, 1e-12, item);
        }
        assert_eq!(t.n_asked as u64 + t.n_not_asked as u64, 151);
    }
}

#[test]
fn crosstab_matches_scipy() {
    let (s, e) = (study(), expected());
    let c = &e["crosstab_visie_size_class"];
    let t = s.crosstab("visie", "size_class", &AnalysisOptions::default(), None).unwrap();
    let peer: Vec<u64> = c["counts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()))
        .collect();
    assert_eq!(t.table.unweighted_counts, peer);
    let chi = t.table.chi_square.as_ref().unwrap();
    close(chi.statistic, f(&c["chi2"]), 1e-9, "chi2");
    close(chi.p_value, f(&c["p"]), 1e-9, "p");
    assert_eq!(chi.df as u64, c["dof"].as_u64().unwrap());
    close(chi.cramers_v, f(&c["cramers_v"]), 1e-9, "Cramér's V");
}

#[test]
fn scale_matches_pingouin() {
    let (s, e) = (study(), expected());
    let c = &e["scale_leerklimaat"];
    let sc = s.scale("leerklimaat", &AnalysisOptions::default(), Missing::Listwise).unwrap();
    assert_eq!(sc.reversed, ["klimaat_4"]);
    assert_eq!(sc.reliability.n as u64, c["n"].as_u64().unwrap());
    close(sc.reliability.alpha, f(&c["alpha"]), 1e-9, "alpha");
    close(sc.reliability.interval.lower, f(&c["lower"]), 1e-9, "Feldt lower");
    close(sc.reliability.interval.upper, f(&c["upper"]), 1e-9, "Feldt upper");
    for (item, peer) in sc.reliability.items.iter().zip(c["item_total"].as_array().unwrap()) {
        close(item.item_total_correlation.unwrap(), f(peer), 1e-9, "item-total r");
    }
}

#[test]
fn poststratified_weights_match_pandas() {
    let (s, e) = (study(), expected());
    let c = &e["poststratify_size_class"];
    let w = s.weights(&"poststratify:size_class".parse::<Weighting>().unwrap()).unwrap().unwrap();
    let ids = &s.responses().unwrap().respondent_id();
    for ((id, peer_id), (wi, peer_w)) in ids
        .iter()
        .zip(c["respondent_id"].as_array().unwrap())
        .zip(w.weights.iter().zip(c["weights"].as_array().unwrap()))
    {
        assert_eq!(id, peer_id.as_str().unwrap());
        close(*wi, f(peer_w), 1e-12, id);
    }
    close(w.weights.iter().sum::<f64>(), e["n_units"].as_f64().unwrap(), 1e-12, "weights sum to the units");
}

/// Issue 18: a weighted study-level proportion is the domain estimate within the full weighted
/// design (samplics `TaylorEstimator(domain=)`), and the study route gives the same number as
/// the plain function on the same weights, strata and domain. `budget_besteed` has 13 of 151
/// respondents without a valid answer: there the old route (the design of the valid rows
/// alone, fpc from their counts) differed from every peer.
#[test]
fn weighted_proportion_is_the_domain_estimate_of_samplics() {
    let (s, e) = (study(), expected());
    let scheme: Weighting = "poststratify:size_class".parse().unwrap();
    let opts = AnalysisOptions { weighting: scheme.clone(), ci: CiMethod::Logit, ..AnalysisOptions::default() };
    let weights = s.analysis().weights(&scheme).unwrap().unwrap();
    let pops: Vec<f64> = e["N_h"].as_array().unwrap().iter().map(f).collect();
    for (key, item, code) in
        [("weighted_proportion_visie_1", "visie", 1), ("weighted_proportion_budget_besteed_3", "budget_besteed", 3)]
    {
        let c = &e[key];
        let p = s.proportions(item, &opts).unwrap();
        let one = p.options.iter().find(|o| o.code == code).unwrap();
        assert_eq!(p.n as u64, c["n_valid"].as_u64().unwrap(), "{key}");
        for (ours, k) in [
            (one.estimate.estimate, "estimate"),
            (one.estimate.se, "se"),
            (one.estimate.lower, "lower"),
            (one.estimate.upper, "upper"),
        ] {
            close(ours, f(&c[k]), 1e-9, &format!("{key} {k}"));
        }
        // the plain function on the same inputs
        let y: Vec<u8> = c["y"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u8).collect();
        let members: Vec<bool> = c["domain"].as_array().unwrap().iter().map(|v| v.as_bool().unwrap()).collect();
        let strata: Vec<usize> = c["strata"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        let plain = stats::survey_domain_proportion(
            &y,
            &weights.weights,
            Some(&strata),
            Some(&pops),
            &stats::Domain { members: &members, df: stats::DomainDf::Domain },
            0.95,
            stats::SurveyCiMethod::Logit,
        )
        .unwrap();
        assert_eq!(plain.df, f(&c["df"]), "{key}: df");
        close(plain.estimate, one.estimate.estimate, 1e-12, &format!("{key}: plain vs study estimate"));
        close(plain.se, one.estimate.se, 1e-12, &format!("{key}: plain vs study se"));
        close(plain.interval.lower, one.estimate.lower, 1e-12, &format!("{key}: plain vs study lower"));
        close(plain.interval.upper, one.estimate.upper, 1e-12, &format!("{key}: plain vs study upper"));
    }
}

#[test]
fn response_rates_match_scipy() {
    let (s, e) = (study(), expected());
    let c = &e["response_rates_size_class"];
    let r = s.response_rates("size_class", lomonitor::Language::Nl).unwrap();
    let n_h: Vec<u64> = r.result.strata.iter().map(|h| h.respondents).collect();
    let peer: Vec<u64> = c["n_h"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(n_h, peer);
    let population: Vec<u64> = r.result.strata.iter().map(|h| h.population).collect();
    let peer_n: Vec<u64> = e["N_h"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(population, peer_n);
    let gof = r.result.goodness_of_fit.unwrap();
    close(gof.statistic, f(&c["statistic"]), 1e-9, "chi-square");
    close(gof.p_value, f(&c["p"]), 1e-9, "p");
}
