//! Scale reliability against pingouin and pandas
//! (python/tests/reference/ref_reliability.py writes expected_reliability.json).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lomonitor::stats::{Missing, scale_reliability};
use serde_json::Value;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_reliability.json");

fn close(got: f64, want: f64, tol: f64, what: &str) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= tol * scale, "{what}: got {got}, want {want} (diff {})", got - want);
}

fn opt(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn pingouin_and_pandas() {
    let data: Value = serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap();
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let cols: Vec<Vec<Option<f64>>> = case["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_array().unwrap().iter().map(Value::as_f64).collect())
            .collect();
        let items: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
        let weights: Option<Vec<f64>> =
            case["weights"].as_array().map(|w| w.iter().map(|x| x.as_f64().unwrap()).collect());
        let level = case["level"].as_f64().unwrap();
        for (key, missing) in [("listwise", Missing::Listwise), ("pairwise", Missing::Pairwise)] {
            let what = format!("{name} {key}");
            let peer = &case[key];
            let r = scale_reliability(&items, weights.as_deref(), missing, level).unwrap();
            assert_eq!(r.n, peer["n"].as_u64().unwrap() as usize, "{what} n");
            // pingouin.cronbach_alpha (closed form)
            close(r.alpha, peer["alpha"].as_f64().unwrap(), 1e-9, &format!("{what} alpha"));
            // Feldt: pingouin rounds to 3 decimals; check that, and pingouin's expression unrounded
            // (scipy's F quantile vs statrs' inverse beta: 1e-9).
            let ci = peer["ci"].as_array().unwrap();
            close(r.interval.lower, ci[0].as_f64().unwrap(), 1e-9, &format!("{what} lower"));
            close(r.interval.upper, ci[1].as_f64().unwrap(), 1e-9, &format!("{what} upper"));
            let rounded = peer["ci_pingouin_rounded"].as_array().unwrap();
            close(r.interval.lower, rounded[0].as_f64().unwrap(), 5.0001e-4, &format!("{what} pingouin lower"));
            close(r.interval.upper, rounded[1].as_f64().unwrap(), 5.0001e-4, &format!("{what} pingouin upper"));
            // pandas .corr (pairwise complete) -> mean r, standardized alpha
            match opt(&peer["standardized_alpha"]) {
                Some(s) => {
                    close(r.standardized_alpha.unwrap(), s, 1e-9, &format!("{what} std alpha"));
                    close(
                        r.mean_inter_item_correlation.unwrap(),
                        peer["mean_inter_item_correlation"].as_f64().unwrap(),
                        1e-9,
                        &format!("{what} rbar"),
                    );
                }
                None => assert!(r.standardized_alpha.is_none(), "{what}: constant item"),
            }
            for (j, (ours, p)) in r.items.iter().zip(peer["items"].as_array().unwrap()).enumerate() {
                let w = format!("{what} item {j}");
                assert_eq!(ours.n, p["n"].as_u64().unwrap() as usize, "{w} n");
                close(ours.mean, p["mean"].as_f64().unwrap(), 1e-12, &format!("{w} mean"));
                close(ours.sd, p["sd"].as_f64().unwrap(), 1e-12, &format!("{w} sd"));
                match opt(&p["item_total_correlation"]) {
                    Some(c) => close(ours.item_total_correlation.unwrap(), c, 1e-9, &format!("{w} itc")),
                    None => assert!(ours.item_total_correlation.is_none() && ours.note.is_some(), "{w}"),
                }
                match opt(&p["alpha_if_deleted"]) {
                    Some(a) => close(ours.alpha_if_deleted.unwrap(), a, 1e-9, &format!("{w} aid")),
                    None => assert!(ours.alpha_if_deleted.is_none(), "{w}"),
                }
            }
            // svycralpha's formula, implemented independently in numpy (no R here)
            match opt(&case["svycralpha_formula"]) {
                Some(a) => close(r.weighted_alpha.unwrap(), a, 1e-9, &format!("{what} svycralpha")),
                None => assert!(r.weighted_alpha.is_none()),
            }
        }
        // pingouin's own listwise interval on the raw data is computed with n before dropping
        // incomplete rows (a pingouin quirk): ours differs, and we assert that it does.
        if let Some(raw) = case.get("pingouin_listwise_raw") {
            let r = scale_reliability(&items, None, Missing::Listwise, level).unwrap();
            close(r.alpha, raw["alpha"].as_f64().unwrap(), 1e-9, "raw alpha");
            let lo = raw["ci_rounded"][0].as_f64().unwrap();
            assert!((r.interval.lower - lo).abs() > 1e-3, "{name}: expected pingouin's n quirk");
        }
    }
}
