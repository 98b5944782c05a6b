//! Fisher's exact test, the odds ratio intervals, Yates' chi-square and the p-value
//! adjustments against their peers.
//!
//! The expected values come from `python/tests/reference/ref_methods.py` (scipy, statsmodels),
//! stored in `expected_methods.json`; no number here is typed by hand.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use lomonitor::stats::{
    Alternative, Domain, DomainDf, SurveyCiMethod, benjamini_hochberg, chi_square_yates_2x2, crosstab,
    fisher_exact_test, fisher_rxc_monte_carlo, holm, odds_ratio_2x2, survey_domain_mean, survey_domain_proportion,
};
use serde_json::Value;

const EXPECTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_methods.json");

fn cases(kind: &str) -> Vec<Value> {
    let all: Value = serde_json::from_str(&std::fs::read_to_string(EXPECTED).unwrap()).unwrap();
    let out: Vec<Value> = all["cases"].as_array().unwrap().iter().filter(|c| c["kind"] == kind).cloned().collect();
    assert!(!out.is_empty(), "no {kind} cases");
    out
}

fn num(v: &Value) -> f64 {
    match v.as_str() {
        Some("inf") => f64::INFINITY,
        Some("-inf") => f64::NEG_INFINITY,
        _ => v.as_f64().unwrap(),
    }
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(num).collect()
}

#[track_caller]
fn close(a: f64, b: f64, rel: f64, what: &str) {
    if a.is_infinite() || b.is_infinite() {
        assert_eq!(a, b, "{what}");
        return;
    }
    assert!((a - b).abs() <= rel * a.abs().max(b.abs()) || (a - b).abs() < 1e-300, "{what}: lomonitor {a} vs peer {b}");
}

#[test]
fn fisher_matches_scipy_for_any_n() {
    for c in cases("fisher") {
        let t: Vec<u64> = c["table"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
        let table = [t[0], t[1], t[2], t[3]];
        for (key, alt) in
            [("p_two-sided", Alternative::TwoSided), ("p_less", Alternative::Less), ("p_greater", Alternative::Greater)]
        {
            let p = fisher_exact_test(table, alt).unwrap();
            assert!((0.0..=1.0).contains(&p) && p.is_sign_positive(), "{table:?} {key}: {p}");
            close(p, num(&c[key]), 1e-9, &format!("{table:?} {key}"));
        }
        // the crosstab route gives the same two-sided p (regression: -0.0 at 260 per cell)
        if table.iter().sum::<u64>() < 5_000 {
            let (mut rows, mut cols) = (Vec::new(), Vec::new());
            for (cell, &k) in table.iter().enumerate() {
                rows.extend(std::iter::repeat_n((cell / 2) as u8, k as usize));
                cols.extend(std::iter::repeat_n((cell % 2) as u8, k as usize));
            }
            let x = crosstab(&rows, 2, &cols, 2, None).unwrap();
            close(x.fisher.unwrap().p_value, num(&c["p_two-sided"]), 1e-9, &format!("{table:?} crosstab"));
        }
        let or = odds_ratio_2x2(table, 0.95).unwrap();
        if !c["conditional"].is_null() {
            close(or.conditional, num(&c["conditional"]), 1e-6, &format!("{table:?} conditional OR"));
            let ci = f64s(&c["conditional_ci"]);
            close(or.conditional_interval.lower, ci[0], 1e-6, &format!("{table:?} exact CI lower"));
            close(or.conditional_interval.upper, ci[1], 1e-6, &format!("{table:?} exact CI upper"));
        }
        match (&or.woolf, c.get("woolf_ci")) {
            (Some(w), Some(ci)) => {
                let ci = f64s(ci);
                close(w.lower, ci[0], 1e-12, &format!("{table:?} Woolf lower"));
                close(w.upper, ci[1], 1e-12, &format!("{table:?} Woolf upper"));
            }
            (None, None) => {}
            (a, b) => panic!("{table:?}: Woolf {a:?} vs peer {b:?}"),
        }
        if let Some(y) = c.get("yates") {
            let (x2, p) = chi_square_yates_2x2(table).unwrap();
            let y = f64s(y);
            close(x2, y[0], 1e-9, &format!("{table:?} Yates X2"));
            close(p, y[1], 1e-9, &format!("{table:?} Yates p"));
        }
    }
}

#[test]
fn adjustments_match_statsmodels() {
    for c in cases("adjust") {
        let p = f64s(&c["p"]);
        for (got, key) in [(holm(&p).unwrap(), "holm"), (benjamini_hochberg(&p).unwrap(), "fdr_bh")] {
            for (i, (a, b)) in got.iter().zip(f64s(&c[key])).enumerate() {
                close(*a, b, 1e-12, &format!("{key}[{i}]"));
            }
        }
    }
}

#[test]
fn raking_to_the_fixed_point_matches_samplics_with_an_extreme_cell() {
    use lomonitor::stats::{Margin, RakeOptions, rake_with};
    for c in cases("rake") {
        let codes: Vec<Vec<usize>> = c["margins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect())
            .collect();
        let targets: Vec<Vec<f64>> = c["targets"].as_array().unwrap().iter().map(f64s).collect();
        let margins: Vec<Margin<'_>> =
            codes.iter().zip(&targets).map(|(c, t)| Margin { codes: c, targets: t }).collect();
        let r = rake_with(&margins, None, &RakeOptions::default()).unwrap();
        assert!(r.converged && r.max_rel_deviation <= 1e-10, "{r:?}");
        for (i, (a, b)) in r.weights.weights.iter().zip(f64s(&c["weights"])).enumerate() {
            close(*a, b, 1e-9, &format!("weight {i}"));
        }
    }
}

/// Issue 18: a domain estimate (the valid answers of an item) is computed within the full
/// design: the weights of everyone, the variance with zeros outside the domain, the fpc from the
/// full stratum counts, as samplics' `TaylorEstimator(domain=)` (whose df is the full design's).
#[test]
fn domain_estimates_match_samplics() {
    for c in cases("domain") {
        let name = c["name"].as_str().unwrap();
        let w = f64s(&c["weights"]);
        let h: Vec<usize> = c["strata"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        let pop = f64s(&c["stratum_population"]);
        let members: Vec<bool> = c["domain"].as_array().unwrap().iter().map(|v| v.as_bool().unwrap()).collect();
        let yb: Vec<u8> = c["y_binary"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u8).collect();
        let ym = f64s(&c["y_mean"]);
        let design = Domain { members: &members, df: DomainDf::Design };
        let m = survey_domain_mean(&ym, &w, Some(&h), Some(&pop), &design, 0.95).unwrap();
        let e = &c["mean"];
        for (ours, key) in
            [(m.estimate, "estimate"), (m.se, "se"), (m.interval.lower, "lower"), (m.interval.upper, "upper")]
        {
            close(ours, num(&e[key]), 1e-10, &format!("{name} mean {key}"));
        }
        assert_eq!(m.df, num(&e["design_df"]), "{name}: df of the full design");
        let p = survey_domain_proportion(&yb, &w, Some(&h), Some(&pop), &design, 0.95, SurveyCiMethod::Logit).unwrap();
        let e = &c["proportion_logit"];
        for (ours, key) in
            [(p.estimate, "estimate"), (p.se, "se"), (p.interval.lower, "lower"), (p.interval.upper, "upper")]
        {
            close(ours, num(&e[key]), 1e-10, &format!("{name} proportion {key}"));
        }
        // R survey's df (the default): n_d - H_d; estimate and SE do not depend on it
        let own = Domain { members: &members, df: DomainDf::Domain };
        let r = survey_domain_mean(&ym, &w, Some(&h), Some(&pop), &own, 0.95).unwrap();
        let n_d = members.iter().filter(|&&d| d).count();
        let mut present: Vec<usize> = h.iter().zip(&members).filter(|(_, d)| **d).map(|(h, _)| *h).collect();
        present.dedup();
        assert_eq!(r.df, (n_d - present.len()) as f64, "{name}");
        assert_eq!((r.estimate, r.se), (m.estimate, m.se), "{name}");
        // n_eff = n_d / deff
        assert!((r.n_eff.unwrap() * r.deff.unwrap() - n_d as f64).abs() < 1e-9, "{name}");
    }
}

/// Issue 18: the Fisher–Freeman–Halton r x c test by seeded Monte Carlo (R's
/// `simulate.p.value`, B = 10,000) lies within Monte Carlo error of the exact p from a full
/// enumeration of the tables with the observed margins; the same seed gives the same p.
#[test]
fn fisher_rxc_monte_carlo_is_within_mc_error_of_the_enumeration() {
    for c in cases("ffh") {
        let rows: Vec<Vec<u64>> = c["table"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect())
            .collect();
        let (r, k) = (rows.len(), rows[0].len());
        let flat: Vec<u64> = rows.concat();
        let exact = num(&c["p_exact"]);
        let t = fisher_rxc_monte_carlo(&flat, r, k, 10_000, 7).unwrap();
        let sd = (exact * (1.0 - exact) / 10_000.0).sqrt();
        assert!(
            (t.p_value - exact).abs() <= 4.5 * sd + 1.0 / 10_001.0,
            "{rows:?}: Monte Carlo {} vs exact {exact} (sd {sd})",
            t.p_value
        );
        assert_eq!(t.p_value, fisher_rxc_monte_carlo(&flat, r, k, 10_000, 7).unwrap().p_value, "seeded");
    }
    // a 2x2 through the same route: within MC error of scipy's fisher_exact
    let c = &cases("fisher")[1];
    let t: Vec<u64> = c["table"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    let mc = fisher_rxc_monte_carlo(&t, 2, 2, 20_000, 3).unwrap();
    let exact = num(&c["p_two-sided"]);
    assert!(
        (mc.p_value - exact).abs() <= 4.5 * (exact * (1.0 - exact) / 20_000.0).sqrt() + 1e-4,
        "{} vs {exact}",
        mc.p_value
    );
    // bad shapes and sizes are errors, not panics
    assert!(fisher_rxc_monte_carlo(&[1, 2, 3], 2, 2, 100, 1).is_err());
    assert!(fisher_rxc_monte_carlo(&[0, 0, 0, 0], 2, 2, 100, 1).is_err());
    assert!(fisher_rxc_monte_carlo(&[1, 1, 1, 1], 2, 2, 0, 1).is_err());
    assert!(fisher_rxc_monte_carlo(&[u64::MAX, 1, 0, 0], 2, 2, 10, 1).is_err());
    assert!(fisher_rxc_monte_carlo(&[100_000_000, 1, 1, 1], 2, 2, 10_000, 1).is_err());
}

/// Issue 18: the skewness G1 as SPSS/scipy (`skew(bias=False)`), SPSS quartiles (HAVERAGE =
/// numpy `weibull`) and the bottom-2-box share.
#[test]
fn describe_skewness_quartiles_and_bottom_box_match_scipy_numpy() {
    use lomonitor::stats::{DescribeOptions, QuantileMethod, describe};
    for c in cases("describe") {
        let name = c["name"].as_str().unwrap();
        let values: Vec<Option<f64>> = f64s(&c["values"]).into_iter().map(Some).collect();
        let o = DescribeOptions {
            quantile_method: QuantileMethod::Spss,
            bottom_codes: vec![1.0, 2.0],
            ..DescribeOptions::default()
        };
        let d = describe(&values, None, &o).unwrap();
        close(d.skewness.unwrap(), num(&c["skewness"]), 1e-10, &format!("{name} skewness"));
        let q = f64s(&c["spss_quartiles"]);
        close(d.q1, q[0], 1e-12, &format!("{name} q1"));
        close(d.median, q[1], 1e-12, &format!("{name} median"));
        close(d.q3, q[2], 1e-12, &format!("{name} q3"));
        close(d.bottom_box_percent.unwrap(), num(&c["bottom2_percent"]), 1e-12, &format!("{name} bottom box"));
        // unit weights give the unweighted skewness
        let w = vec![1.0; values.len()];
        let dw = describe(&values, Some(&w), &o).unwrap();
        close(dw.skewness.unwrap(), d.skewness.unwrap(), 1e-12, &format!("{name} weighted skewness"));
    }
    assert_eq!(describe(&[Some(1.0), Some(2.0)], None, &DescribeOptions::default()).unwrap().skewness, None);
    assert_eq!(describe(&[Some(3.0); 5], None, &DescribeOptions::default()).unwrap().skewness, None);
}
