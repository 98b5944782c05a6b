//! Property tests (proptest) of the invariants the statistics and the response files promise.
//!
//! Each property holds for every input proptest draws; the default 256 cases per property (fewer
//! where one case is slow) keep the file well under a minute in debug builds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::Path;
use std::sync::OnceLock;

use lomonitor::stats::{
    AgreementOptions, CiMethod, DescribeOptions, FrequencyTable, LevelKind, Margin, MeasurementLevel, Missing,
    RatingMatrix, SurveyCiMethod, count_codes, crosstab, describe, poststratify, proportion_ci, rake,
    scale_reliability, survey_mean, survey_proportion, weighted_counts,
};
use lomonitor::{Frame, SizeClasses, Stratification, Study};
use proptest::prelude::*;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------------
// Frequencies and percentages

fn level_kind() -> impl Strategy<Value = LevelKind> {
    prop_oneof![4 => Just(LevelKind::Valid), 1 => Just(LevelKind::UserMissing), 1 => Just(LevelKind::Unanswered)]
}

proptest! {
    /// Percentages sum to 100; valid percentages sum to 100 over the valid levels; the last
    /// cumulative valid percentage is 100.
    #[test]
    fn percentages_sum_to_100(
        levels in prop::collection::vec((0u32..500, level_kind()), 1..12),
        weighted in any::<bool>(),
        scale in 0.01f64..100.0,
    ) {
        let counts: Vec<f64> = levels.iter().map(|(c, _)| f64::from(*c) * if weighted { scale } else { 1.0 }).collect();
        let kinds: Vec<LevelKind> = levels.iter().map(|(_, k)| *k).collect();
        let total: f64 = counts.iter().sum();
        let table = FrequencyTable::from_counts(&counts, &kinds, weighted);
        if total == 0.0 {
            prop_assert!(table.is_err());
            return Ok(());
        }
        let table = table.unwrap();
        let pct: f64 = table.rows.iter().map(|r| r.percent).sum();
        prop_assert!(close(pct, 100.0, 1e-9), "percent sums to {pct}");
        if table.n_valid > 0.0 {
            let valid: f64 = table.rows.iter().filter_map(|r| r.valid_percent).sum();
            prop_assert!(close(valid, 100.0, 1e-9), "valid percent sums to {valid}");
            let last = table.rows.iter().rev().find_map(|r| r.cumulative_valid_percent).unwrap();
            prop_assert!(close(last, 100.0, 1e-9), "last cumulative {last}");
        } else {
            prop_assert!(table.rows.iter().all(|r| r.valid_percent.is_none()));
        }
        prop_assert!(close(table.n_valid + table.n_missing, table.n_total, 1e-12));
    }

    /// Counting with every weight 1 gives the unweighted counts.
    #[test]
    fn unit_weights_give_unweighted_counts(codes in prop::collection::vec(0u8..6, 0..200)) {
        let ones = vec![1.0; codes.len()];
        let plain = count_codes(&codes, 6).unwrap();
        let weighted = weighted_counts(&codes, 6, Some(&ones)).unwrap();
        for (p, w) in plain.iter().zip(&weighted) {
            prop_assert_eq!(*p as f64, *w);
        }
    }

    /// Crosstab margins equal the frequencies of each variable, weighted or not; with every
    /// weight 1 the weighted table equals the unweighted one.
    #[test]
    fn crosstab_margins_equal_frequencies(
        pairs in prop::collection::vec((0u8..4, 0u8..3, 0.0f64..5.0), 1..150),
    ) {
        let rows: Vec<u8> = pairs.iter().map(|p| p.0).collect();
        let cols: Vec<u8> = pairs.iter().map(|p| p.1).collect();
        let w: Vec<f64> = pairs.iter().map(|p| p.2).collect();
        let t = crosstab(&rows, 4, &cols, 3, None).unwrap();
        let fr = count_codes(&rows, 4).unwrap();
        let fc = count_codes(&cols, 3).unwrap();
        prop_assert_eq!(t.row_totals.clone(), fr.iter().map(|&c| c as f64).collect::<Vec<_>>());
        prop_assert_eq!(t.col_totals.clone(), fc.iter().map(|&c| c as f64).collect::<Vec<_>>());
        prop_assert_eq!(t.total, rows.len() as f64);

        if w.iter().sum::<f64>() > 0.0 {
            let tw = crosstab(&rows, 4, &cols, 3, Some(&w)).unwrap();
            let wr = weighted_counts(&rows, 4, Some(&w)).unwrap();
            let wc = weighted_counts(&cols, 3, Some(&w)).unwrap();
            for (a, b) in tw.row_totals.iter().zip(&wr) {
                prop_assert!(close(*a, *b, 1e-12), "row total {a} vs frequency {b}");
            }
            for (a, b) in tw.col_totals.iter().zip(&wc) {
                prop_assert!(close(*a, *b, 1e-12), "column total {a} vs frequency {b}");
            }
        }

        let ones = vec![1.0; rows.len()];
        let t1 = crosstab(&rows, 4, &cols, 3, Some(&ones)).unwrap();
        prop_assert_eq!(&t1.counts, &t.counts);
        prop_assert_eq!(&t1.row_percent, &t.row_percent);
        prop_assert_eq!(&t1.col_percent, &t.col_percent);
        match (&t1.chi_square, &t.chi_square) {
            (Some(a), Some(b)) => prop_assert!(close(a.statistic, b.statistic, 1e-12)),
            (None, None) => {}
            (a, b) => prop_assert!(false, "chi-square present in one only: {a:?} / {b:?}"),
        }
    }

    /// Descriptives with every weight 1 equal the unweighted ones.
    #[test]
    fn unit_weights_give_unweighted_descriptives(
        values in prop::collection::vec(prop::option::weighted(0.9, -1e3f64..1e3), 2..80),
    ) {
        let ones = vec![1.0; values.len()];
        let opts = DescribeOptions::default();
        let (Ok(a), Ok(b)) = (describe(&values, None, &opts), describe(&values, Some(&ones), &opts)) else {
            prop_assert!(values.iter().flatten().count() < 2 || describe(&values, None, &opts).is_ok());
            return Ok(());
        };
        prop_assert_eq!(a.n, b.n);
        prop_assert!(close(a.mean, b.mean, 1e-12), "{} vs {}", a.mean, b.mean);
        prop_assert!(close(a.median, b.median, 1e-12), "median {} vs {}", a.median, b.median);
        prop_assert_eq!((a.min, a.max), (b.min, b.max));
        if let (Some(x), Some(y)) = (a.sd, b.sd) {
            prop_assert!(close(x, y, 1e-9), "sd {x} vs {y}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Proportions and confidence intervals

const METHODS: [CiMethod; 5] =
    [CiMethod::Wald, CiMethod::Wilson, CiMethod::ClopperPearson, CiMethod::Logit, CiMethod::KornGraubard];

proptest! {
    /// Every interval lies in [0, 1] and contains its estimate, with and without the fpc.
    #[test]
    fn intervals_lie_in_unit_interval_and_contain_the_estimate(
        n in 1u64..400,
        x_frac in 0.0f64..=1.0,
        extra in 0u64..400,
        level in 0.5f64..0.999,
        use_fpc in any::<bool>(),
    ) {
        let x = ((n as f64) * x_frac).round() as u64;
        let population = use_fpc.then_some(n + extra);
        let mut methods = METHODS.to_vec();
        if use_fpc {
            methods.push(CiMethod::Hypergeometric);
        }
        for m in methods {
            let e = proportion_ci(x, n, level, m, population).unwrap();
            let (lo, hi) = (e.interval.lower, e.interval.upper);
            prop_assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi), "{m:?}: [{lo}, {hi}]");
            // The exact hypergeometric interval is a set of population counts K, reported as K/N:
            // its bounds lie on the lattice of steps 1/N, and the sample share x/n (not itself a
            // possible K/N) may fall between two lattice points outside a one-point interval
            // (n = 34 of N = 35, x = 1 at level 0.5 gives K = 1 only: [1/35, 1/35] against 1/34).
            // It lies within one step of the interval.
            let slack = match (m, population) {
                (CiMethod::Hypergeometric, Some(big_n)) => 1.0 / big_n as f64,
                _ => 1e-12,
            };
            prop_assert!(lo <= e.estimate + slack && e.estimate <= hi + slack, "{m:?}: {} not in [{lo}, {hi}]", e.estimate);
            prop_assert!(e.se >= 0.0 && e.se.is_finite());
        }
    }

    /// With the finite-population correction, a census (n = N) has SE 0 and a zero-width
    /// interval at p.
    #[test]
    fn fpc_se_is_zero_at_census(n in 1u64..400, x_frac in 0.0f64..=1.0) {
        let x = ((n as f64) * x_frac).round() as u64;
        for m in METHODS.iter().copied().chain([CiMethod::Hypergeometric]) {
            let e = proportion_ci(x, n, 0.95, m, Some(n)).unwrap();
            prop_assert_eq!(e.se, 0.0, "{:?}", m);
            if m != CiMethod::ClopperPearson {
                prop_assert!(close(e.interval.lower, e.estimate, 1e-12) && close(e.interval.upper, e.estimate, 1e-12),
                    "{m:?}: [{}, {}] at a census", e.interval.lower, e.interval.upper);
            }
        }
    }

    /// Design-based: the SE falls to 0 when every stratum is a census; the interval contains the
    /// estimate and (logit, Korn–Graubard) lies in [0, 1].
    #[test]
    fn survey_estimates_and_fpc(
        obs in prop::collection::vec((0u8..=1, 0usize..3, 0.5f64..3.0, -50.0f64..50.0), 6..80),
    ) {
        let mut strata: Vec<usize> = obs.iter().map(|o| o.1).collect();
        // Every stratum holds at least two observations.
        for (i, s) in strata.iter_mut().enumerate().take(6) {
            *s = i / 2;
        }
        let y: Vec<u8> = obs.iter().map(|o| o.0).collect();
        let yf: Vec<f64> = obs.iter().map(|o| o.3).collect();
        let w: Vec<f64> = obs.iter().map(|o| o.2).collect();
        let mut n_h = [0f64; 3];
        for &s in &strata {
            n_h[s] += 1.0;
        }
        let census = survey_mean(&yf, &w, Some(&strata), Some(&n_h), 0.95).unwrap();
        prop_assert!(census.se.abs() < 1e-12, "SE {} at a census", census.se);
        let bigger = [n_h[0] * 3.0, n_h[1] * 3.0, n_h[2] * 3.0];
        for m in [SurveyCiMethod::Wald, SurveyCiMethod::Logit, SurveyCiMethod::KornGraubard] {
            let e = survey_proportion(&y, &w, Some(&strata), Some(&bigger), 0.95, m).unwrap();
            prop_assert!(e.interval.lower <= e.estimate + 1e-12 && e.estimate <= e.interval.upper + 1e-12,
                "{m:?}: {} not in [{}, {}]", e.estimate, e.interval.lower, e.interval.upper);
            if m != SurveyCiMethod::Wald {
                prop_assert!(e.interval.lower >= 0.0 && e.interval.upper <= 1.0, "{m:?}: {:?}", e.interval);
            }
            let c = survey_proportion(&y, &w, Some(&strata), Some(&n_h), 0.95, m).unwrap();
            prop_assert!(c.se.abs() < 1e-12, "{m:?}: SE {} at a census", c.se);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Weights

fn frame_strata() -> &'static (Vec<usize>, Vec<f64>) {
    static S: OnceLock<(Vec<usize>, Vec<f64>)> = OnceLock::new();
    S.get_or_init(|| {
        let frame = Frame::embedded();
        let by_size = Stratification::parse("size_class", SizeClasses::personeelsmonitor_with_g4()).unwrap();
        let counts = by_size.counts(&frame).iter().map(|c| c.count as f64).collect();
        (by_size.assign(&frame), counts)
    })
}

proptest! {
    /// Post-stratified weights add up to the frame's count in every stratum.
    #[test]
    fn poststratified_weights_reproduce_frame_counts(
        picks in prop::collection::btree_set(0usize..342, 20..200),
        base in prop::option::of(prop::collection::vec(0.2f64..5.0, 200)),
    ) {
        let (assign, counts) = frame_strata();
        let mut sample: Vec<usize> = picks.iter().map(|&i| assign[i]).collect();
        // One respondent in every stratum at least (else the weights cannot exist).
        sample.extend(0..counts.len());
        let base = base.map(|b| b[..sample.len().min(200)].iter().copied().chain(std::iter::repeat(1.0)).take(sample.len()).collect::<Vec<_>>());
        let w = poststratify(&sample, counts, base.as_deref()).unwrap();
        let mut sums = vec![0.0; counts.len()];
        for (&s, &wi) in sample.iter().zip(&w.weights) {
            sums[s] += wi;
        }
        for (h, (got, want)) in sums.iter().zip(counts.iter()).enumerate() {
            prop_assert!(close(*got, *want, 1e-9), "stratum {h}: weights sum to {got}, frame has {want}");
        }
        prop_assert!(close(w.total, counts.iter().sum(), 1e-9));
    }

    /// Raking reproduces every margin within its tolerance when it converges.
    #[test]
    fn raking_reproduces_every_margin(
        people in prop::collection::vec((0usize..3, 0usize..4), 12..200),
        cells in prop::collection::vec(1.0f64..500.0, 12),
        tolerance in 1e-8f64..1e-2,
    ) {
        let mut a: Vec<usize> = people.iter().map(|p| p.0).collect();
        let mut b: Vec<usize> = people.iter().map(|p| p.1).collect();
        for i in 0..4 {
            a[i] = i % 3;
            b[i] = i;
        }
        // Targets from a population table, so the margins agree on the total.
        let mut ta = vec![0.0; 3];
        let mut tb = vec![0.0; 4];
        for (k, c) in cells.iter().enumerate() {
            ta[k / 4] += c;
            tb[k % 4] += c;
        }
        let r = rake(&[Margin { codes: &a, targets: &ta }, Margin { codes: &b, targets: &tb }], None, tolerance, 1000).unwrap();
        if r.converged {
            for (codes, targets) in [(&a, &ta), (&b, &tb)] {
                let mut sums = vec![0.0; targets.len()];
                for (&c, &w) in codes.iter().zip(&r.weights.weights) {
                    sums[c] += w;
                }
                for (got, want) in sums.iter().zip(targets.iter()) {
                    prop_assert!((got - want).abs() <= tolerance * (1.0 + 1e-9), "{got} vs {want} (tolerance {tolerance})");
                }
            }
        } else {
            prop_assert!(r.max_abs_deviation > tolerance);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reliability and agreement

proptest! {
    /// Cronbach's alpha does not depend on the order of the items.
    #[test]
    fn alpha_is_invariant_under_item_order(
        rows in prop::collection::vec(prop::collection::vec(prop::option::weighted(0.95, 1u8..=5), 4), 5..60),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        pairwise in any::<bool>(),
    ) {
        let items: Vec<Vec<Option<f64>>> = (0..4).map(|j| rows.iter().map(|r| r[j].map(f64::from)).collect()).collect();
        let refs: Vec<&[Option<f64>]> = items.iter().map(Vec::as_slice).collect();
        let shuffled: Vec<&[Option<f64>]> = order.iter().map(|&j| items[j].as_slice()).collect();
        let missing = if pairwise { Missing::Pairwise } else { Missing::Listwise };
        match (scale_reliability(&refs, None, missing, 0.95), scale_reliability(&shuffled, None, missing, 0.95)) {
            (Ok(a), Ok(b)) => {
                prop_assert!(close(a.alpha, b.alpha, 1e-9), "{} vs {}", a.alpha, b.alpha);
                prop_assert!(close(a.interval.lower, b.interval.lower, 1e-9));
                prop_assert!(close(a.interval.upper, b.interval.upper, 1e-9));
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "one order fails: {a:?} / {b:?}"),
        }
    }

    /// Identical coders agree perfectly on every coefficient that is defined.
    #[test]
    fn identical_coders_agree_perfectly(
        units in prop::collection::vec(0u32..5, 2..60),
        n_coders in 2usize..4,
    ) {
        prop_assume!(units.iter().any(|&u| u != units[0])); // at least two categories
        let codes: Vec<Option<u32>> = units.iter().flat_map(|&u| std::iter::repeat_n(Some(u), n_coders)).collect();
        let c = RatingMatrix::new(&codes, n_coders).unwrap();
        let o = AgreementOptions::default();
        prop_assert_eq!(c.percent_agreement(&o).unwrap().estimate, 1.0);
        let coefficients = [
            c.fleiss_kappa(&o).unwrap().estimate,
            c.gwet_ac1(&o).unwrap().estimate,
            c.brennan_prediger(&o).unwrap().estimate,
            c.krippendorff_alpha(MeasurementLevel::Nominal, &o).unwrap().estimate,
            c.krippendorff_alpha(MeasurementLevel::Ordinal, &o).unwrap().estimate,
        ];
        for k in coefficients {
            prop_assert!(close(k, 1.0, 1e-12), "{k}");
        }
        if n_coders == 2 {
            prop_assert!(close(c.cohen_kappa(&o).unwrap().estimate, 1.0, 1e-12));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Responses: import(export(x)) == x

mod round_trip {
    use super::*;
    use chrono::NaiveDate;
    use lomonitor::frame::Unit;
    use lomonitor::instrument::{Answers, FIRST_LEVEL, ItemKind, NOT_ASKED, UNANSWERED};
    use lomonitor::responses::{
        ANSWERED, CsvStyle, ImportOptions, ItemData, MISSING_BASE, ResponseMeta, ResponseSet, Status, import_csv,
        write_csv,
    };
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashMap;

    fn study() -> &'static Study {
        static S: OnceLock<Study> = OnceLock::new();
        S.get_or_init(|| Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap())
    }

    struct Given<'a>(&'a HashMap<String, f64>, &'a HashMap<String, Vec<i32>>);
    impl Answers for Given<'_> {
        fn value(&self, item: &str) -> Option<f64> {
            self.0.get(item).copied()
        }
        fn selected(&self, item: &str, code: f64) -> bool {
            self.1.get(item).is_some_and(|s| s.iter().any(|&c| f64::from(c) == code))
        }
    }

    /// Text a respondent or a spreadsheet could produce: formulas, markers, quotes, delimiters,
    /// line breaks, apostrophes, non-ASCII. Import trims cells, so texts are trimmed here.
    fn hostile_text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("=HYPERLINK(\"http://example.invalid\",\"klik\")".to_owned()),
            Just("NA".to_owned()),
            Just("na".to_owned()),
            Just("'=1+1".to_owned()),
            Just("'quoted".to_owned()),
            Just("-99".to_owned()),
            Just("@SUM(A1)".to_owned()),
            Just("+31 6 1234".to_owned()),
            "[a-zA-Z0-9 ;,\"'=+@\\-\n€éâ#/]{1,16}",
        ]
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("non-empty", |s| !s.is_empty())
    }

    /// A response set consistent with the questionnaire's routing: structure from `seed`, texts
    /// and respondent ids from the strategies (so proptest can shrink them).
    fn random_set(seed: u64, n: usize, texts: &[String], ids: &[String]) -> ResponseSet {
        let s = study();
        let q = s.questionnaire().unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut set = ResponseSet::with_capacity(q, n);
        // Reporting units only: a member municipality of a werkorganisatie reads back as its
        // organisation (its answers are the organisation's).
        let codes: Vec<_> =
            s.frame().iter().map(|m| m.code).filter(|c| s.organisations().serving(*c).is_none()).collect();
        let mut t = 0usize;
        let mut text = |rng: &mut ChaCha8Rng| {
            t += 1 + rng.random_range(0..3);
            texts[t % texts.len()].clone()
        };
        for r in 0..n {
            let t0 = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
                + chrono::Duration::seconds(rng.random_range(0..2_000_000));
            set.push_response(ResponseMeta {
                respondent_id: format!("{}#{r}", ids[r % ids.len()]),
                unit: Unit::Municipality(codes[(r * 7) % codes.len()]),
                status: if rng.random_bool(0.8) { Status::Complete } else { Status::Partial },
                started: rng.random_bool(0.9).then_some(t0),
                submitted: rng.random_bool(0.9).then_some(t0 + chrono::Duration::seconds(rng.random_range(60..5000))),
                source_line: 0,
            });
            let mut values = HashMap::new();
            let mut selected = HashMap::new();
            for (item, data) in q.items.iter().zip(set.items_mut().iter_mut()) {
                let shown = item.show_if.as_ref().is_none_or(|c| c.eval(&Given(&values, &selected)));
                let n_missing = item.missing.len();
                let state: u8 = if !shown || rng.random_bool(0.05) {
                    NOT_ASKED
                } else if rng.random_bool(0.05) {
                    UNANSWERED
                } else if n_missing > 0 && rng.random_bool(0.1) {
                    MISSING_BASE + rng.random_range(0..n_missing) as u8
                } else {
                    ANSWERED
                };
                let opts = item.options();
                match data {
                    ItemData::Coded { levels, other_text } => {
                        let level = match state {
                            ANSWERED => {
                                let k = rng.random_range(0..opts.len());
                                values.insert(item.id.clone(), f64::from(opts[k].code));
                                FIRST_LEVEL + k as u8
                            }
                            s if s >= MISSING_BASE => FIRST_LEVEL + opts.len() as u8 + (s - MISSING_BASE),
                            s => s,
                        };
                        levels.push(level);
                        if let Some(o) = other_text {
                            o.push(if level >= FIRST_LEVEL && rng.random_bool(0.5) {
                                text(&mut rng)
                            } else {
                                String::new()
                            });
                        }
                    }
                    ItemData::Multiple { state: st, selected: cols, other_text } => {
                        let mut picks: Vec<u8> = (0..opts.len()).map(|_| u8::from(rng.random_bool(0.4))).collect();
                        let now = if state == ANSWERED && !picks.contains(&1) { UNANSWERED } else { state };
                        if now != ANSWERED {
                            picks.iter_mut().for_each(|p| *p = 0);
                        }
                        selected.insert(
                            item.id.clone(),
                            opts.iter().zip(&picks).filter(|(_, p)| **p == 1).map(|(o, _)| o.code).collect::<Vec<_>>(),
                        );
                        st.push(now);
                        for (c, p) in cols.iter_mut().zip(&picks) {
                            c.push(*p);
                        }
                        if let Some(o) = other_text {
                            o.push(if now == ANSWERED && rng.random_bool(0.5) {
                                text(&mut rng)
                            } else {
                                String::new()
                            });
                        }
                    }
                    ItemData::Numeric { state: st, values: vs } => {
                        let ItemKind::Numeric { min, max, integer, .. } = &item.kind else { unreachable!() };
                        let (lo, hi) = (min.unwrap_or(-1e9), max.unwrap_or(1e9));
                        let mut v = rng.random_range(lo..=hi);
                        if *integer || rng.random_bool(0.3) {
                            v = v.round();
                        }
                        if item.missing.iter().any(|m| f64::from(m.code) == v) {
                            v = hi;
                        }
                        st.push(state);
                        vs.push(if state == ANSWERED { v } else { 0.0 });
                        if state == ANSWERED {
                            values.insert(item.id.clone(), v);
                        }
                    }
                    ItemData::Ranking { state: st, ranks } => {
                        let ItemKind::Ranking { top, .. } = item.kind else { unreachable!() };
                        let mut order: Vec<usize> = (0..opts.len()).collect();
                        for i in (1..order.len()).rev() {
                            order.swap(i, rng.random_range(0..=i));
                        }
                        let m = rng.random_range(1..=usize::from(top));
                        st.push(state);
                        for (k, col) in ranks.iter_mut().enumerate() {
                            let pos = order.iter().position(|&o| o == k).unwrap();
                            col.push(if state == ANSWERED && pos < m { pos as u8 + 1 } else { 0 });
                        }
                    }
                    ItemData::Open { state: st, text: ts } => {
                        st.push(state);
                        ts.push(if state == ANSWERED { text(&mut rng) } else { String::new() });
                    }
                }
            }
        }
        set
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Exporting a response set and importing the file gives the same set, in both styles.
        #[test]
        fn import_of_export_is_identity(
            seed in any::<u64>(),
            n in 0usize..25,
            texts in prop::collection::vec(hostile_text(), 1..6),
            ids in prop::collection::vec(hostile_text(), 1..4),
        ) {
            let s = study();
            let q = s.questionnaire().unwrap();
            let set = random_set(seed, n, &texts, &ids);
            set.check(q).unwrap();
            // Splitting by moving equals selecting by copying.
            let keep: Vec<bool> = (0..n).map(|i| (seed >> (i % 64)) & 1 == 1).collect();
            let (kept, aside): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| keep[i]);
            let (a, b) = set.clone().partition(&keep);
            prop_assert_eq!(&a, &set.select(&kept));
            prop_assert_eq!(&b, &set.select(&aside));
            for style in [CsvStyle::Standard, CsvStyle::DutchExcel] {
                let mut buf = Vec::new();
                write_csv(&mut buf, &set, q, style).unwrap();
                let (text, enc) = lomonitor::io::decode_text(&buf);
                let back = import_csv(&text, enc, None, q, s.frame(), s.organisations(), &ImportOptions::default()).unwrap();
                prop_assert!(back.set_aside.is_empty(), "{style:?}: {}", back.report);
                // Everything but the source lines (the file's, not the memory's) comes back.
                let mut got = back.responses.clone().into_parts();
                got.source_line = set.source_line().to_vec();
                prop_assert_eq!(&got.respondent_id[..], set.respondent_id(), "{:?}", style);
                for (i, item) in q.items.iter().enumerate() {
                    prop_assert_eq!(&got.items[i], &set.items()[i], "{:?}: item {}", style, item.id);
                }
                prop_assert_eq!(&got, &set.clone().into_parts(), "{:?}", style);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// No panic on hostile arguments: every statistic answers with a value or an error.

fn hostile_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-1.0),
        Just(1.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        0.0f64..10.0,
    ]
}

fn hostile_usize() -> impl Strategy<Value = usize> {
    prop_oneof![
        Just(0usize),
        Just(1),
        Just(2),
        Just(255),
        Just(256),
        Just(257),
        Just(usize::MAX),
        Just(1 << 40),
        0usize..8
    ]
}

proptest! {
    #[test]
    fn statistics_never_panic(
        codes in prop::collection::vec(any::<u8>(), 0..12),
        codes2 in prop::collection::vec(0u8..4, 0..12),
        floats in prop::collection::vec(hostile_f64(), 0..12),
        floats2 in prop::collection::vec(hostile_f64(), 0..12),
        opt_floats in prop::collection::vec(prop::option::of(hostile_f64()), 0..12),
        indices in prop::collection::vec(hostile_usize(), 0..12),
        n1 in hostile_usize(),
        n2 in hostile_usize(),
        x in prop_oneof![Just(0u64), Just(1), Just(u64::MAX), 0u64..50],
        n in prop_oneof![Just(0u64), Just(1), Just(u64::MAX), 0u64..50],
        big_n in prop::option::of(prop_oneof![Just(0u64), Just(u64::MAX), 0u64..60]),
        level in hostile_f64(),
        categories in prop::collection::vec(prop::option::of(prop_oneof![Just(0u32), Just(u32::MAX), 0u32..4]), 0..12),
        n_coders in hostile_usize(),
    ) {
        use lomonitor::stats::*;
        let w = (!floats2.is_empty()).then_some(floats2.as_slice());
        let bools: Vec<bool> = codes.iter().map(|c| c % 2 == 0).collect();
        let _ = count_codes(&codes, n1);
        let _ = weighted_counts(&codes, n1, w);
        let _ = FrequencyTable::from_counts(&floats, &vec![LevelKind::Valid; floats.len()], true);
        let _ = crosstab(&codes, n1, &codes2, n2, w);
        let _ = rao_scott(&codes, n1, &codes2, n2, &Design { weights: &floats2, strata: Some(&indices), population_sizes: Some(&floats) });
        let _ = proportion_ci(x, n, level, CiMethod::Wilson, big_n);
        for m in [CiMethod::Wald, CiMethod::ClopperPearson, CiMethod::Logit, CiMethod::KornGraubard, CiMethod::Hypergeometric] {
            let _ = proportion_ci(x % 60, n % 60, 0.95, m, big_n);
        }
        let _ = survey_mean(&floats, &floats2, Some(&indices), Some(&floats), 0.95);
        let _ = survey_mean(&floats, &floats2, Some(&indices), None, level);
        let _ = survey_proportion(&codes2, &floats2, Some(&indices), None, 0.95, SurveyCiMethod::KornGraubard);
        let _ = describe(&opt_floats, w, &DescribeOptions { population: big_n, ..DescribeOptions::default() });
        let _ = multiple_response(&[&codes, &codes2], Some(&bools), w);
        let _ = ranking(&[&codes, &codes2], codes.first().copied().unwrap_or(0), None, w);
        let _ = poststratify(&indices, &floats, w);
        let _ = rake(&[Margin { codes: &indices, targets: &floats }], w, level, n1.min(50));
        let _ = trim(&floats, Some(level), floats2.first().copied(), true);
        let _ = kish_design_effect(&floats);
        let _ = effective_sample_size(&floats);
        let counts: Vec<u64> = codes.iter().map(|&c| u64::from(c)).collect();
        let _ = representativeness(&counts, &counts.iter().map(|c| c / 2).collect::<Vec<_>>());
        let _ = suppress(&counts, n1, n2, &DisclosureRule::default());
        let items: Vec<&[Option<f64>]> = vec![&opt_floats, &opt_floats[..opt_floats.len() / 2]];
        let _ = scale_reliability(&items, w, Missing::Pairwise, level);
        let _ = scale_reliability(&[&opt_floats, &opt_floats], w, Missing::Listwise, 0.95);
        if let Ok(c) = RatingMatrix::new(&categories, n_coders) {
            let o = AgreementOptions { level: if level > 0.0 && level < 1.0 { level } else { 0.95 }, population: big_n.map(|b| b as f64) };
            let _ = c.percent_agreement(&o);
            let _ = c.cohen_kappa(&o);
            let _ = c.fleiss_kappa(&o);
            let _ = c.gwet_ac1(&o);
            let _ = c.brennan_prediger(&o);
            for l in [MeasurementLevel::Nominal, MeasurementLevel::Ordinal, MeasurementLevel::Interval, MeasurementLevel::Ratio] {
                let _ = c.krippendorff_alpha(l, &o);
            }
        }
    }
}
