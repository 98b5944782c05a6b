//! The core descriptive statistics against their peers (numpy, scipy, pandas, statsmodels,
//! samplics, svy) on the same data. Expected values come from
//! `python/tests/reference/ref_core.py` via `expected_core.json`; none is typed here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use lomonitor::stats::{
    CiMethod, DescribeOptions, FrequencyTable, LevelKind, QuantileMethod, SurveyCiMethod, describe, multiple_response,
    proportion_ci, ranking, survey_mean, survey_proportion,
};
use serde_json::Value;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_core.json");
/// Peers that evaluate closed forms or exact sums: agreement to 1e-9 relative.
const EXACT: f64 = 1e-9;

fn load() -> Value {
    serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap()
}

fn cases(area: &str) -> Vec<Value> {
    let all = load();
    let v: Vec<Value> = all["cases"].as_array().unwrap().iter().filter(|c| c["area"] == area).cloned().collect();
    assert!(!v.is_empty(), "no cases for {area}");
    v
}

#[track_caller]
fn close(got: f64, want: &Value, tol: f64, what: &str) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{what}: expected value missing ({want})"));
    let ok = (got - want).abs() <= tol * want.abs().max(1e-300) || (got - want).abs() <= 1e-15;
    assert!(ok, "{what}: got {got}, peer {want} (diff {:e})", got - want);
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn opt_f64s(v: &Value) -> Option<Vec<f64>> {
    v.as_array().map(|a| a.iter().map(|x| x.as_f64().unwrap()).collect())
}

fn u8s(v: &Value) -> Vec<u8> {
    v.as_array().unwrap().iter().map(|x| u8::try_from(x.as_u64().unwrap()).unwrap()).collect()
}

fn usizes(v: &Value) -> Option<Vec<usize>> {
    v.as_array().map(|a| a.iter().map(|x| usize::try_from(x.as_u64().unwrap()).unwrap()).collect())
}

fn bools(v: &Value) -> Vec<bool> {
    v.as_array().unwrap().iter().map(|x| x.as_bool().unwrap()).collect()
}

#[test]
fn frequencies_match_numpy_bincount() {
    for c in cases("frequency") {
        let name = c["name"].as_str().unwrap();
        let codes = u8s(&c["input"]["codes"]);
        let weights = opt_f64s(&c["input"]["weights"]);
        let kinds: Vec<LevelKind> = c["params"]["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| serde_json::from_value(k.clone()).unwrap())
            .collect();
        let t = FrequencyTable::from_codes(&codes, &kinds, weights.as_deref()).unwrap();
        let e = &c["expected"];
        close(t.n_total, &e["n_total"], EXACT, name);
        close(t.n_valid, &e["n_valid"], EXACT, name);
        close(t.n_missing, &e["n_missing"], EXACT, name);
        for (i, row) in t.rows.iter().enumerate() {
            close(row.count, &e["counts"][i], EXACT, name);
            close(row.percent, &e["percent"][i], EXACT, name);
            match row.valid_percent {
                Some(v) => close(v, &e["valid_percent"][i], EXACT, name),
                None => assert!(e["valid_percent"][i].is_null(), "{name} row {i}"),
            }
            match row.cumulative_valid_percent {
                Some(v) => close(v, &e["cumulative_valid_percent"][i], EXACT, name),
                None => assert!(e["cumulative_valid_percent"][i].is_null(), "{name} row {i}"),
            }
        }
        if weights.is_none() {
            let counts = lomonitor::stats::count_codes(&codes, kinds.len()).unwrap();
            let want: Vec<u64> = f64s(&e["counts"]).iter().map(|&v| v as u64).collect();
            assert_eq!(counts, want, "{name}");
        }
    }
}

fn ci_method(s: &str) -> CiMethod {
    match s {
        "Wald" => CiMethod::Wald,
        "Wilson" => CiMethod::Wilson,
        "ClopperPearson" => CiMethod::ClopperPearson,
        "Logit" => CiMethod::Logit,
        "KornGraubard" => CiMethod::KornGraubard,
        "Hypergeometric" => CiMethod::Hypergeometric,
        other => panic!("unknown method {other}"),
    }
}

#[test]
fn proportions_match_statsmodels_scipy_and_formula() {
    for c in cases("proportion") {
        let name = c["name"].as_str().unwrap();
        let x = c["input"]["x"].as_u64().unwrap();
        let n = c["input"]["n"].as_u64().unwrap();
        let population = c["input"]["population"].as_u64();
        let level = c["params"]["level"].as_f64().unwrap();
        let method = ci_method(c["params"]["method"].as_str().unwrap());
        let e = &c["expected"];
        let got = proportion_ci(x, n, level, method, population).unwrap();
        close(got.estimate, &e["estimate"], EXACT, name);
        close(got.se, &e["se"], EXACT, name);
        // Beta quantiles (Clopper-Pearson, Korn-Graubard) are found iteratively by both statrs
        // and scipy (boost): agreement to 1e-8 relative. Closed forms and the hypergeometric
        // inversion (an integer K / N) agree to 1e-9 or exactly.
        let tol = match method {
            CiMethod::ClopperPearson | CiMethod::KornGraubard => 1e-8,
            _ => EXACT,
        };
        close(got.interval.lower, &e["lower"], tol, &format!("{name} lower"));
        close(got.interval.upper, &e["upper"], tol, &format!("{name} upper"));
        if let Some(d) = e["degenerate"].as_bool() {
            // statsmodels returns the same zero-width interval at p = 0 or 1 without comment;
            // lomonitor flags it (documented choice).
            assert_eq!(got.degenerate, d, "{name}");
        }
    }
}

#[test]
fn hypergeometric_is_within_wilson_at_small_n_and_contains_p() {
    // Not a peer check: a sanity property on the municipal scale (N = 342).
    for x in [0u64, 1, 10, 75, 149, 150] {
        let h = proportion_ci(x, 150, 0.95, CiMethod::Hypergeometric, Some(342)).unwrap();
        let p = x as f64 / 150.0;
        assert!(h.interval.lower <= p && p <= h.interval.upper);
        assert!(h.interval.upper - h.interval.lower > 0.0);
    }
}

/// Weights, strata, stratum populations and level of a survey case.
type SurveyInputs = (Vec<f64>, Option<Vec<usize>>, Option<Vec<f64>>, f64);

fn survey_inputs(c: &Value) -> SurveyInputs {
    (
        f64s(&c["input"]["weights"]),
        usizes(&c["input"]["strata"]),
        opt_f64s(&c["input"]["stratum_population"]),
        c["params"]["level"].as_f64().unwrap(),
    )
}

#[test]
fn survey_mean_matches_samplics_and_svy() {
    for c in cases("survey_mean") {
        let name = c["name"].as_str().unwrap();
        let y = f64s(&c["input"]["y"]);
        let (w, h, pop, level) = survey_inputs(&c);
        let got = survey_mean(&y, &w, h.as_deref(), pop.as_deref(), level).unwrap();
        let e = &c["expected"];
        close(got.estimate, &e["estimate"], EXACT, name);
        close(got.se, &e["se"], EXACT, name);
        close(got.df, &e["df"], EXACT, name);
        close(got.interval.lower, &e["lower"], EXACT, &format!("{name} lower"));
        close(got.interval.upper, &e["upper"], EXACT, &format!("{name} upper"));
        match got.deff {
            Some(d) => close(d, &e["deff"], EXACT, &format!("{name} deff")),
            None => assert!(e["deff"].is_null(), "{name}: peer has a deff"),
        }
    }
}

#[test]
fn survey_proportion_matches_svy_and_samplics() {
    for c in cases("survey_proportion") {
        let name = c["name"].as_str().unwrap();
        let y = u8s(&c["input"]["y"]);
        let (w, h, pop, level) = survey_inputs(&c);
        let method = match c["params"]["method"].as_str().unwrap() {
            "Wald" => SurveyCiMethod::Wald,
            "Logit" => SurveyCiMethod::Logit,
            "KornGraubard" => SurveyCiMethod::KornGraubard,
            other => panic!("{other}"),
        };
        let got = survey_proportion(&y, &w, h.as_deref(), pop.as_deref(), level, method).unwrap();
        let e = &c["expected"];
        close(got.estimate, &e["estimate"], EXACT, name);
        close(got.se, &e["se"], EXACT, name);
        // Korn-Graubard: iterative Beta quantiles in both statrs and scipy -> 1e-8.
        let tol = if method == SurveyCiMethod::KornGraubard { 1e-8 } else { EXACT };
        close(got.interval.lower, &e["lower"], tol, &format!("{name} lower"));
        close(got.interval.upper, &e["upper"], tol, &format!("{name} upper"));
        if let (Some(d), Some(_)) = (got.deff, e["deff"].as_f64()) {
            close(d, &e["deff"], EXACT, &format!("{name} deff"));
        }
    }
}

#[test]
fn survey_proportion_wald_and_logit_flag_boundaries() {
    // The peers return a zero-width (svyciprop "mean") or NaN (logit) interval at p = 0 or 1;
    // lomonitor returns [p, p] flagged degenerate (documented choice).
    let y = [1u8; 20];
    let w: Vec<f64> = (0..20).map(|i| 1.0 + f64::from(i) / 10.0).collect();
    for m in [SurveyCiMethod::Wald, SurveyCiMethod::Logit] {
        let e = survey_proportion(&y, &w, None, Some(&[100.0]), 0.95, m).unwrap();
        assert!(e.degenerate && e.interval.lower == 1.0 && e.interval.upper == 1.0, "{m:?}");
    }
}

#[test]
fn survey_unit_weights_equal_simple_formulas() {
    // With all weights 1 and no strata, the design-based SE is sqrt(1 - n/N) s / sqrt(n), the
    // unweighted descriptives' SE.
    let y: Vec<f64> = (0..30).map(|i| f64::from((i * 7) % 5) + 1.0).collect();
    let s = survey_mean(&y, &[1.0; 30], None, Some(&[342.0]), 0.95).unwrap();
    let values: Vec<Option<f64>> = y.iter().map(|&v| Some(v)).collect();
    let d = describe(&values, None, &DescribeOptions { population: Some(342), ..Default::default() }).unwrap();
    assert!((s.se - d.se.unwrap()).abs() < 1e-14);
    assert!((s.interval.lower - d.ci.unwrap().lower).abs() < 1e-12);
}

#[test]
fn descriptives_match_numpy_scipy_pandas_samplics() {
    for c in cases("describe") {
        let name = c["name"].as_str().unwrap();
        let values: Vec<Option<f64>> = c["input"]["values"].as_array().unwrap().iter().map(Value::as_f64).collect();
        let weights = opt_f64s(&c["input"]["weights"]);
        let p = &c["params"];
        let options = DescribeOptions {
            level: p["level"].as_f64().unwrap(),
            quantile_method: match p["quantile_method"].as_str().unwrap() {
                "Linear" => QuantileMethod::Linear,
                _ => QuantileMethod::Spss,
            },
            population: p["population"].as_u64(),
            top_codes: f64s(&p["top_codes"]),
            ..DescribeOptions::default()
        };
        let got = describe(&values, weights.as_deref(), &options).unwrap();
        let e = &c["expected"];
        assert_eq!(got.n as u64, e["n"].as_u64().unwrap(), "{name}");
        assert_eq!(got.missing as u64, e["missing"].as_u64().unwrap(), "{name}");
        close(got.mean, &e["mean"], EXACT, name);
        close(got.sd.unwrap(), &e["sd"], EXACT, &format!("{name} sd"));
        close(got.se.unwrap(), &e["se"], EXACT, &format!("{name} se"));
        let ci = got.ci.unwrap();
        close(ci.lower, &e["lower"], EXACT, &format!("{name} lower"));
        close(ci.upper, &e["upper"], EXACT, &format!("{name} upper"));
        match got.top_box_percent {
            Some(t) => close(t, &e["top_box_percent"], EXACT, &format!("{name} top box")),
            None => assert!(e["top_box_percent"].is_null()),
        }
        if weights.is_none() {
            close(got.q1, &e["q1"], EXACT, &format!("{name} q1"));
            close(got.median, &e["median"], EXACT, &format!("{name} median"));
            close(got.q3, &e["q3"], EXACT, &format!("{name} q3"));
            close(got.min, &e["min"], EXACT, name);
            close(got.max, &e["max"], EXACT, name);
            let dist = e["distribution"].as_array().unwrap();
            assert_eq!(got.distribution.len(), dist.len(), "{name}");
            for (g, d) in got.distribution.iter().zip(dist) {
                close(g.value, &d[0], EXACT, name);
                close(g.count, &d[1], EXACT, name);
                close(g.percent, &d[2], EXACT, name);
            }
        }
        // Weighted quantiles have no peer: lomonitor's definition (see `describe`) is checked
        // by the unit-weights equality test in descriptives.rs.
    }
}

#[test]
fn multiple_response_matches_pandas() {
    for c in cases("multiple") {
        let name = c["name"].as_str().unwrap();
        let cols: Vec<Vec<u8>> = c["input"]["columns"].as_array().unwrap().iter().map(u8s).collect();
        let refs: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
        let asked = bools(&c["input"]["asked"]);
        let weights = opt_f64s(&c["input"]["weights"]);
        let got = multiple_response(&refs, Some(&asked), weights.as_deref()).unwrap();
        let e = &c["expected"];
        close(got.base, &e["base"], EXACT, name);
        close(got.mentions, &e["mentions"], EXACT, name);
        close(got.respondents_with_mention, &e["respondents_with_mention"], EXACT, name);
        assert_eq!(got.n_asked as u64, e["n_asked"].as_u64().unwrap());
        for (j, o) in got.options.iter().enumerate() {
            close(o.count, &e["count"][j], EXACT, name);
            close(o.percent_of_respondents, &e["percent_of_respondents"][j], EXACT, name);
            close(o.percent_of_mentions.unwrap(), &e["percent_of_mentions"][j], EXACT, name);
        }
    }
}

#[test]
fn ranking_matches_pandas() {
    for c in cases("ranking") {
        let name = c["name"].as_str().unwrap();
        let cols: Vec<Vec<u8>> = c["input"]["ranks"].as_array().unwrap().iter().map(u8s).collect();
        let refs: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
        let asked = bools(&c["input"]["asked"]);
        let weights = opt_f64s(&c["input"]["weights"]);
        let top_k = u8::try_from(c["params"]["top_k"].as_u64().unwrap()).unwrap();
        let got = ranking(&refs, top_k, Some(&asked), weights.as_deref()).unwrap();
        let e = &c["expected"];
        close(got.base, &e["base"], EXACT, name);
        for (j, o) in got.options.iter().enumerate() {
            close(o.n_ranked, &e["n_ranked"][j], EXACT, name);
            close(o.mean_rank.unwrap(), &e["mean_rank"][j], EXACT, name);
            close(o.percent_first, &e["percent_first"][j], EXACT, name);
            close(o.percent_top_k, &e["percent_top_k"][j], EXACT, name);
        }
    }
}
