//! Weights, crosstabs, Rao–Scott and representativeness against their peers.
//!
//! The expected values come from `python/tests/reference/ref_tables.py` (samplics, weightipy,
//! pandas, scipy, svy), stored in `expected_tables.json`; no number here is typed by hand.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test helpers outside #[test] fns

use lomonitor::stats::{Design, Margin, crosstab, poststratify, rake, rao_scott, representativeness, trim};
use serde_json::Value;

const EXPECTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_tables.json");

fn cases(kind: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(EXPECTED).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    let out: Vec<Value> = all["cases"].as_array().unwrap().iter().filter(|c| c["kind"] == kind).cloned().collect();
    assert!(!out.is_empty(), "no {kind} cases");
    out
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}
fn usizes(v: &Value) -> Vec<usize> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect()
}
fn u64s(v: &Value) -> Vec<u64> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect()
}
fn u8s(v: &Value) -> Vec<u8> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as u8).collect()
}
fn opt_f64s(v: &Value) -> Option<Vec<f64>> {
    (!v.is_null()).then(|| f64s(v))
}

#[track_caller]
fn close(a: f64, b: f64, rel: f64, what: &str) {
    let tol = rel * a.abs().max(b.abs()).max(1e-300);
    assert!((a - b).abs() <= tol || (a - b).abs() < 1e-300, "{what}: lomonitor {a} vs peer {b} (rel tol {rel})");
}

#[track_caller]
fn close_all(a: &[f64], b: &[f64], rel: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        close(*x, *y, rel, &format!("{what}[{i}]"));
    }
}

#[test]
fn poststratification_matches_samplics_and_pandas() {
    for c in cases("poststratify") {
        let name = c["name"].as_str().unwrap();
        let base = opt_f64s(&c["base"]);
        let w = poststratify(&usizes(&c["strata"]), &f64s(&c["population_counts"]), base.as_deref()).unwrap();
        close_all(&w.weights, &f64s(&c["weights"]), 1e-12, name);
        close(w.kish_design_effect, c["kish_design_effect"].as_f64().unwrap(), 1e-12, name);
        close(w.effective_sample_size, c["effective_sample_size"].as_f64().unwrap(), 1e-12, name);
        close(w.total, f64s(&c["population_counts"]).iter().sum(), 1e-12, name);
    }
}

#[test]
fn raking_matches_samplics_and_weightipy() {
    for c in cases("rake") {
        let name = c["name"].as_str().unwrap();
        let codes: Vec<Vec<usize>> = c["margins"].as_array().unwrap().iter().map(usizes).collect();
        let targets: Vec<Vec<f64>> = c["targets"].as_array().unwrap().iter().map(f64s).collect();
        let margins: Vec<Margin<'_>> =
            codes.iter().zip(&targets).map(|(c, t)| Margin { codes: c, targets: t }).collect();
        let base = opt_f64s(&c["base"]);
        let total: f64 = targets[0].iter().sum();
        let r = rake(&margins, base.as_deref(), 1e-11 * total, 10_000).unwrap();
        assert!(r.converged, "{name}: {r:?}");
        // Both peers are iterative (samplics run to tol 1e-15, weightipy to no further
        // improvement); the raking limit is unique, so agreement is to the iteration's precision.
        close_all(&r.weights.weights, &f64s(&c["weights"]), 1e-9, name);
        if let Some(wp) = opt_f64s(&c["weightipy_weights_mean1"]) {
            let n = wp.len() as f64;
            let scaled: Vec<f64> = r.weights.weights.iter().map(|w| w * n / total).collect();
            close_all(&scaled, &wp, 1e-9, &format!("{name} weightipy"));
        }
    }
}

#[test]
fn trimming_matches_svy_and_numpy() {
    for c in cases("trim") {
        let name = c["name"].as_str().unwrap();
        let w = f64s(&c["weights_in"]);
        let t = trim(&w, c["lower"].as_f64(), c["upper"].as_f64(), c["keep_total"].as_bool().unwrap()).unwrap();
        // svy iterates until no weight changes (tol 1e-12); lomonitor solves for the common
        // factor: both reach the same fixed point up to rounding.
        close_all(&t.weights.weights, &f64s(&c["weights"]), 1e-12, name);
    }
    // both bounds, total kept: no peer shares lomonitor's rule (svy's procedure differs), so
    // check the rule itself: w' = clamp(c w, lower, upper) with the total unchanged.
    let w = f64s(&cases("trim")[0]["weights_in"]);
    let t = trim(&w, Some(0.5), Some(3.0), true).unwrap();
    close(t.weights.total, w.iter().sum(), 1e-12, "total kept");
    for (a, b) in t.weights.weights.iter().zip(&w) {
        close(*a, (t.factor * b).clamp(0.5, 3.0), 1e-12, "clamp(c w)");
    }
    assert!(t.n_trimmed_lower > 0 && t.n_trimmed_upper > 0);
}

#[test]
fn crosstabs_match_pandas_and_scipy() {
    for c in cases("crosstab") {
        let name = c["name"].as_str().unwrap();
        let (nr, nc) = (c["n_rows"].as_u64().unwrap() as usize, c["n_cols"].as_u64().unwrap() as usize);
        let t = crosstab(&u8s(&c["rows"]), nr, &u8s(&c["cols"]), nc, None).unwrap();
        close_all(&t.counts, &f64s(&c["counts"]), 0.0, name);
        close_all(&t.total_percent, &f64s(&c["total_percent"]), 1e-12, name);
        if let Some(rp) = c.get("row_percent") {
            let mine: Vec<f64> = t.row_percent.iter().map(|x| x.unwrap()).collect();
            close_all(&mine, &f64s(rp), 1e-12, &format!("{name} row %"));
        }
        if let Some(cp) = c.get("col_percent") {
            let mine: Vec<f64> = t.col_percent.iter().map(|x| x.unwrap()).collect();
            close_all(&mine, &f64s(cp), 1e-12, &format!("{name} col %"));
        }
        match (&t.chi_square, c["chi_square"].is_null()) {
            (None, true) => {}
            (Some(chi), false) => {
                let p = &c["chi_square"];
                close(chi.statistic, p["statistic"].as_f64().unwrap(), 1e-9, name);
                assert_eq!(chi.df as u64, p["df"].as_u64().unwrap(), "{name} df");
                close(chi.p_value, p["p_value"].as_f64().unwrap(), 1e-9, name);
                close(chi.likelihood_ratio, p["likelihood_ratio"].as_f64().unwrap(), 1e-9, name);
                close(chi.likelihood_ratio_p_value, p["likelihood_ratio_p_value"].as_f64().unwrap(), 1e-9, name);
                close(chi.cramers_v, p["cramers_v"].as_f64().unwrap(), 1e-9, name);
                // expected counts of the tested (non-empty) rows and columns
                let tested: Vec<f64> = t
                    .expected
                    .chunks(nc)
                    .zip(&t.row_totals)
                    .filter(|(_, rt)| **rt > 0.0)
                    .flat_map(|(row, _)| row.iter().zip(&t.col_totals).filter(|(_, ct)| **ct > 0.0).map(|(e, _)| *e))
                    .collect();
                let peer_e = f64s(&p["expected_tested"]);
                close_all(&tested, &peer_e, 1e-12, &format!("{name} expected"));
                let small = peer_e.iter().filter(|e| **e < 5.0).count();
                assert_eq!(chi.n_expected_below_5, small, "{name}");
                assert_eq!(
                    chi.small_expected_warning,
                    small as f64 / peer_e.len() as f64 > 0.2 || peer_e.iter().any(|e| *e < 1.0)
                );
            }
            (mine, _) => panic!("{name}: chi-square presence differs: {mine:?}"),
        }
        if let Some(f) = c.get("fisher") {
            let mine = t.fisher.unwrap();
            close(mine.p_value, f["p_value"].as_f64().unwrap(), 1e-9, &format!("{name} fisher"));
            match (mine.odds_ratio, f["odds_ratio"].as_f64()) {
                (Some(a), Some(b)) => close(a, b, 1e-12, name),
                (None, None) => {}
                other => panic!("{name}: odds ratio {other:?}"),
            }
        }
        // all weights 1: the weighted table is the unweighted one
        let ones = vec![1.0; t.n];
        let w = crosstab(&u8s(&c["rows"]), nr, &u8s(&c["cols"]), nc, Some(&ones)).unwrap();
        assert_eq!(w.counts, t.counts);
        assert_eq!(w.row_percent, t.row_percent);
        assert_eq!(w.col_percent, t.col_percent);
        assert_eq!(w.total_percent, t.total_percent);
        assert_eq!(w.expected, t.expected);
        assert_eq!(w.chi_square, t.chi_square, "{name}");
    }
}

#[test]
fn rao_scott_matches_svy() {
    for c in cases("rao_scott") {
        let name = c["name"].as_str().unwrap();
        let (nr, nc) = (c["n_rows"].as_u64().unwrap() as usize, c["n_cols"].as_u64().unwrap() as usize);
        let (rows, cols, w) = (u8s(&c["rows"]), u8s(&c["cols"]), f64s(&c["weights"]));
        let strata = (!c["strata"].is_null()).then(|| usizes(&c["strata"]));
        let pop = opt_f64s(&c["population_sizes"]);
        let design = Design { weights: &w, strata: strata.as_deref(), population_sizes: pop.as_deref() };
        let rs = rao_scott(&rows, nr, &cols, nc, &design).unwrap();
        // svy computes the same closed forms (R's svychisq); its linear algebra is LAPACK's.
        close(rs.pearson, c["pearson"].as_f64().unwrap(), 1e-9, name);
        assert_eq!(rs.df as u64, c["df"].as_u64().unwrap(), "{name}");
        close(rs.first_order_p_value, c["first_order_p_value"].as_f64().unwrap(), 1e-9, name);
        close(rs.f_statistic, c["f_statistic"].as_f64().unwrap(), 1e-9, name);
        close(rs.f_df_num, c["f_df_num"].as_f64().unwrap(), 1e-9, name);
        close(rs.f_df_den, c["f_df_den"].as_f64().unwrap(), 1e-9, name);
        close(rs.f_p_value, c["f_p_value"].as_f64().unwrap(), 1e-9, name);
        // the weighted table and its (descriptive) Pearson X2 rescaled to n
        let t = crosstab(&rows, nr, &cols, nc, Some(&w)).unwrap();
        close_all(&t.counts, &f64s(&c["weighted_counts"]), 1e-12, name);
        close(t.chi_square.unwrap().statistic, c["pearson"].as_f64().unwrap(), 1e-9, name);
    }
}

#[test]
fn representativeness_matches_scipy() {
    for c in cases("representativeness") {
        let name = c["name"].as_str().unwrap();
        let r = representativeness(&u64s(&c["respondents"]), &u64s(&c["population"])).unwrap();
        let g = r.goodness_of_fit.unwrap();
        close(g.statistic, c["statistic"].as_f64().unwrap(), 1e-9, name);
        close(g.p_value, c["p_value"].as_f64().unwrap(), 1e-9, name);
        assert_eq!(g.df as u64, c["df"].as_u64().unwrap());
        let expected: Vec<f64> = r.strata.iter().filter(|s| s.population > 0).map(|s| s.expected).collect();
        close_all(&expected, &f64s(&c["expected"]), 1e-12, name);
    }
}

#[test]
fn census_and_edges() {
    // census: every stratum fully observed, the fpc makes the design variance 0: no test
    let rows = [0u8, 1, 0, 1, 0, 1];
    let cols = [0u8, 1, 1, 0, 0, 1];
    let w = [1.0; 6];
    let strata = [0usize, 0, 0, 1, 1, 1];
    let pop = [3.0, 3.0];
    let d = Design { weights: &w, strata: Some(&strata), population_sizes: Some(&pop) };
    assert!(rao_scott(&rows, 2, &cols, 2, &d).is_err());
    // a stratum of one respondent cannot give a variance
    let strata1 = [0usize, 0, 0, 0, 0, 1];
    let d = Design { weights: &w, strata: Some(&strata1), population_sizes: None };
    assert!(rao_scott(&rows, 2, &cols, 2, &d).is_err());
    // one non-empty column: no test
    let d = Design { weights: &w, strata: None, population_sizes: None };
    assert!(rao_scott(&rows, 2, &[0; 6], 2, &d).is_err());
    // all weights 1 with fpc-free, unstratified design: the Rao-Scott X2 is the plain Pearson
    let rs = rao_scott(&rows, 2, &cols, 2, &d).unwrap();
    let t = crosstab(&rows, 2, &cols, 2, None).unwrap();
    assert!((rs.pearson - t.chi_square.unwrap().statistic).abs() < 1e-12);
}
