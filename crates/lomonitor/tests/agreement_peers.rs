//! Agreement coefficients against irrCAC, krippendorff and statsmodels
//! (python/tests/reference/ref_agreement.py writes expected_agreement.json).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lomonitor::error::Error;
use lomonitor::stats::{Agreement, AgreementOptions, MeasurementLevel, RatingMatrix};
use serde_json::Value;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_agreement.json");

fn load() -> Value {
    serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap()
}

fn close(got: f64, want: f64, tol: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= tol * scale, "{what}: got {got}, want {want} (diff {})", got - want);
}

fn codings(case: &Value) -> RatingMatrix {
    let n_coders = case["n_coders"].as_u64().unwrap() as usize;
    let codes: Vec<Option<u32>> = case["codes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap().iter().map(|v| v.as_u64().map(|x| x as u32)))
        .collect();
    RatingMatrix::new(&codes, n_coders).unwrap()
}

fn options(case: &Value) -> AgreementOptions {
    AgreementOptions { level: case["level"].as_f64().unwrap(), population: case["population"].as_f64() }
}

/// irrCAC's estimate, se and interval (the peer is closed-form: 1e-9). At a census irrCAC
/// reports se = 1e-15 (its guard against dividing by zero) and an interval 2e-15 wide; we report
/// se = 0 and a degenerate interval, equal to 1e-9.
fn check(ours: &Agreement, peer: &Value, what: &str) {
    close(ours.estimate, peer["estimate"].as_f64().unwrap(), 1e-9, &format!("{what} estimate"));
    let se = peer["se"].as_f64().unwrap();
    close(ours.se.unwrap(), se, 1e-9, &format!("{what} se"));
    let iv = ours.interval.unwrap();
    close(iv.lower, peer["lower"].as_f64().unwrap(), 1e-9, &format!("{what} lower"));
    close(iv.upper, peer["upper"].as_f64().unwrap(), 1e-9, &format!("{what} upper"));
    if let Some(pa) = peer.get("pa").and_then(Value::as_f64) {
        close(ours.observed_agreement, pa, 1e-9, &format!("{what} pa"));
        close(ours.chance_agreement, peer["pe"].as_f64().unwrap(), 1e-9, &format!("{what} pe"));
    }
}

fn ok(v: &Value) -> Option<&Value> {
    v.get("ok")
}

#[test]
fn irrcac_coefficients() {
    let data = load();
    let mut checked = 0;
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        if matches!(name, "one_category" | "all_missing") {
            continue;
        }
        let c = codings(case);
        let o = options(case);
        let irr = &case["irrcac"];
        check(&c.percent_agreement(&o).unwrap(), ok(&irr["percent_agreement"]).unwrap(), &format!("{name} pa"));
        check(&c.fleiss_kappa(&o).unwrap(), ok(&irr["fleiss"]).unwrap(), &format!("{name} fleiss"));
        check(&c.gwet_ac1(&o).unwrap(), ok(&irr["gwet"]).unwrap(), &format!("{name} gwet"));
        check(&c.brennan_prediger(&o).unwrap(), ok(&irr["bp"]).unwrap(), &format!("{name} bp"));
        if let Some(conger) = irr.get("conger") {
            check(&c.cohen_kappa(&o).unwrap(), ok(conger).unwrap(), &format!("{name} cohen"));
        } else {
            assert!(c.cohen_kappa(&o).is_err());
        }
        checked += 1;
    }
    assert!(checked >= 10);
}

#[test]
fn krippendorff_levels() {
    let data = load();
    let levels = [
        ("nominal", MeasurementLevel::Nominal),
        ("ordinal", MeasurementLevel::Ordinal),
        ("interval", MeasurementLevel::Interval),
        ("ratio", MeasurementLevel::Ratio),
    ];
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        if matches!(name, "one_category" | "all_missing") {
            continue;
        }
        let c = codings(case);
        let o = options(case);
        for (key, level) in levels {
            let peer = ok(&case["krippendorff"][key]).unwrap();
            let ours = c.krippendorff_alpha(level, &o).unwrap();
            // krippendorff.alpha: the estimate
            close(ours.estimate, peer["alpha"].as_f64().unwrap(), 1e-9, &format!("{name} {key} alpha"));
            // irrCAC krippendorff() with weights 1 - d/max d: se, interval, pa, pe
            check(&ours, &peer["irrcac"], &format!("{name} {key} irrCAC"));
        }
    }
}

#[test]
fn statsmodels_cohen_and_fleiss() {
    let data = load();
    let mut n_cohen = 0;
    let mut n_fleiss = 0;
    for case in data["cases"].as_array().unwrap() {
        let Some(sm) = ok(&case["statsmodels"]) else { continue };
        let name = case["name"].as_str().unwrap();
        if matches!(name, "one_category" | "all_missing") {
            continue;
        }
        let c = codings(case);
        let o = options(case);
        let complete =
            !case["codes"].as_array().unwrap().iter().flat_map(|r| r.as_array().unwrap()).any(Value::is_null);
        if let Some(k) = sm.get("cohens_kappa_complete_pairs")
            && complete
        {
            // statsmodels' textbook Cohen's kappa on the 2x2 table: equal to ours without missing codes.
            close(c.cohen_kappa(&o).unwrap().estimate, k["kappa"].as_f64().unwrap(), 1e-9, name);
            n_cohen += 1;
        }
        if let Some(k) = sm.get("fleiss_kappa") {
            close(c.fleiss_kappa(&o).unwrap().estimate, k.as_f64().unwrap(), 1e-9, name);
            // statsmodels' Randolph kappa is Brennan-Prediger's free-marginal kappa
            close(c.brennan_prediger(&o).unwrap().estimate, sm["randolph_kappa"].as_f64().unwrap(), 1e-9, name);
            n_fleiss += 1;
        }
    }
    assert!(n_cohen >= 3 && n_fleiss >= 4, "{n_cohen} {n_fleiss}");
}

#[test]
fn census_has_zero_se() {
    let data = load();
    let case = data["cases"].as_array().unwrap().iter().find(|c| c["name"] == "census_342_of_342").unwrap();
    let c = codings(case);
    let a = c.fleiss_kappa(&options(case)).unwrap();
    assert_eq!(a.se, Some(0.0));
    let iv = a.interval.unwrap();
    assert_eq!((iv.lower, iv.upper), (a.estimate, a.estimate));
    assert!(
        c.fleiss_kappa(&AgreementOptions { population: Some(100.0), ..AgreementOptions::default() }).is_err(),
        "N below n"
    );
}

#[test]
fn identical_coders_are_one() {
    let data = load();
    let case = data["cases"].as_array().unwrap().iter().find(|c| c["name"] == "identical_coders").unwrap();
    let c = codings(case);
    let o = options(case);
    for a in [
        c.percent_agreement(&o).unwrap(),
        c.fleiss_kappa(&o).unwrap(),
        c.gwet_ac1(&o).unwrap(),
        c.brennan_prediger(&o).unwrap(),
        c.krippendorff_alpha(MeasurementLevel::Nominal, &o).unwrap(),
    ] {
        close(a.estimate, 1.0, 1e-12, "identical");
        assert!(a.se.unwrap() < 1e-12);
    }
}

/// One category: irrCAC raises ZeroDivisionError for Fleiss, returns NaN for Conger and AC1's
/// SE, and returns 1 for AC1/BP only by replacing pe with 1 - 1e-15 / 1e-15; the krippendorff
/// package raises. We return a documented error for every chance-corrected coefficient and the
/// percent agreement (1) without a standard error (R irrCAC gives NA for q < 2).
#[test]
fn one_category_and_all_missing() {
    let data = load();
    let cases = data["cases"].as_array().unwrap();
    let case = cases.iter().find(|c| c["name"] == "one_category").unwrap();
    assert!(case["irrcac"]["fleiss"].get("error").is_some());
    assert!(case["krippendorff"]["nominal"].get("error").is_some());
    let c = codings(case);
    let o = options(case);
    assert!(matches!(c.fleiss_kappa(&o), Err(Error::InvalidArgument { .. })));
    assert!(matches!(c.cohen_kappa(&o), Err(Error::InvalidArgument { .. })));
    assert!(matches!(c.gwet_ac1(&o), Err(Error::InvalidArgument { .. })));
    assert!(matches!(c.brennan_prediger(&o), Err(Error::InvalidArgument { .. })));
    assert!(matches!(c.krippendorff_alpha(MeasurementLevel::Nominal, &o), Err(Error::InvalidArgument { .. })));
    let pa = c.percent_agreement(&o).unwrap();
    close(pa.estimate, ok(&case["irrcac"]["percent_agreement"]).unwrap()["estimate"].as_f64().unwrap(), 1e-12, "pa");
    assert!(pa.se.is_none());

    let case = cases.iter().find(|c| c["name"] == "all_missing").unwrap();
    assert!(case["irrcac"]["fleiss"].get("error").is_some());
    let codes = vec![None; 4];
    assert!(matches!(RatingMatrix::new(&codes, 2), Err(Error::TooFewObservations { .. })));
}

/// A coder who coded one unit only, and a unit coded by one coder only: covered by the case
/// "random_3coders_missing_plus_one_shot_coder" above; here the counts.
#[test]
fn counts_with_sparse_coders() {
    let data = load();
    let case = data["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "random_3coders_missing_plus_one_shot_coder")
        .unwrap();
    let c = codings(case);
    let a = c.krippendorff_alpha(MeasurementLevel::Nominal, &options(case)).unwrap();
    assert_eq!(a.n_coders, 4);
    assert_eq!(a.n_units_uncoded, 1);
    assert_eq!(a.n_units, 39);
    assert!(a.n_pairable_units < a.n_units);
}
