//! Which test a study crosstab reports (issue 18): an exact test where the expected counts are
//! small (Fisher 2x2, Fisher–Freeman–Halton r x c by seeded Monte Carlo), Rao–Scott when
//! weighted, and Holm / Benjamini–Hochberg across the tests of a report. The statistics
//! themselves are checked against their peers in methods_peers.rs (scipy, a full enumeration,
//! statsmodels); here the study route must give the same numbers as the plain functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::Path;

use lomonitor::Study;
use lomonitor::analysis::{AnalysisOptions, CrosstabTestKind, PAdjustment, adjust_p_values};
use lomonitor::stats;

fn study() -> Study {
    Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap()
}

#[test]
fn small_expected_counts_get_an_exact_test_named_in_the_result() {
    let s = study();
    let o = AnalysisOptions::default();
    let x = s.crosstab("visie", "size_class", &o, None).unwrap();
    let t = x.test.clone().unwrap();
    let chi = x.table.chi_square.as_ref().unwrap();
    assert_eq!(t.small_expected, chi.small_expected_warning);
    if chi.small_expected_warning {
        assert_eq!(t.kind, CrosstabTestKind::FisherFreemanHalton);
        assert_eq!(t.replicates, Some(stats::FISHER_RXC_REPLICATES));
        // the same number as the plain function on the counts (all rows and columns hold answers)
        let mc = stats::fisher_rxc_monte_carlo(
            &x.table.unweighted_counts,
            x.table.n_rows,
            x.table.n_cols,
            stats::FISHER_RXC_REPLICATES,
            stats::FISHER_RXC_SEED,
        )
        .unwrap();
        assert_eq!(t.p_value, mc.p_value);
        assert!(
            t.name.get(lomonitor::Language::Nl).contains("Fisher-Freeman-Halton")
                && t.name.get(lomonitor::Language::En).contains("exact test")
        );
    } else {
        assert_eq!((t.kind, t.p_value), (CrosstabTestKind::ChiSquare, chi.p_value));
    }
    // a 2x2 with a sparse column (5 of 151 in one werkorg answer): Fisher's exact test
    let y = s.crosstab("doelen", "werkorg", &o, None).unwrap();
    let t = y.test.unwrap();
    assert!(t.small_expected);
    assert_eq!(t.kind, CrosstabTestKind::Fisher);
    let c = &y.table.unweighted_counts;
    assert_eq!(t.p_value, stats::fisher_exact_test([c[0], c[1], c[2], c[3]], stats::Alternative::TwoSided).unwrap());
    assert_eq!(t.name.get(lomonitor::Language::Nl), "exacte toets van Fisher");
    // weighted: Rao-Scott, its F p-value
    let w = AnalysisOptions { weighting: "poststratify:size_class".parse().unwrap(), ..AnalysisOptions::default() };
    let z = s.crosstab("visie", "province", &w, None).unwrap();
    let t = z.test.unwrap();
    assert_eq!((t.kind, t.p_value), (CrosstabTestKind::RaoScott, z.rao_scott.unwrap().f_p_value));
}

#[test]
fn the_tests_of_a_report_are_adjusted_together() {
    let s = study();
    let o = AnalysisOptions::default();
    let mut xs: Vec<_> = ["visie", "positie", "doelen", "opleidingsplan", "budget_besteed", "evaluatie"]
        .iter()
        .flat_map(|i| ["size_class", "province"].map(|b| s.crosstab(i, b, &o, None).unwrap()))
        .collect();
    let raw: Vec<f64> = xs.iter().map(|x| x.test.as_ref().unwrap().p_value).collect();
    for (method, expected) in [
        (PAdjustment::Holm, stats::holm(&raw).unwrap()),
        (PAdjustment::BenjaminiHochberg, stats::benjamini_hochberg(&raw).unwrap()),
    ] {
        adjust_p_values(&mut xs, method).unwrap();
        for (x, e) in xs.iter().zip(&expected) {
            let t = x.test.as_ref().unwrap();
            assert_eq!((t.p_adjusted, t.p_adjustment), (Some(*e), Some(method)));
            assert!(t.p_adjusted.unwrap() >= t.p_value);
        }
    }
    assert_eq!("fdr-bh".parse::<PAdjustment>().unwrap(), PAdjustment::BenjaminiHochberg);
    assert!(PAdjustment::Holm.label().get(lomonitor::Language::Nl).contains("Holm"));
}

/// Issue 18: the rendered methods text says what the fpc assumes, gives the nonresponse caveat
/// with the weighted-vs-unweighted comparison as a sensitivity check, the policy for partial
/// responses and the exact tests; in Dutch and in English.
#[test]
fn the_rendered_methods_text_is_honest() {
    let s = study();
    for (lang, needles) in [
        (
            lomonitor::Language::Nl,
            [
                "aselecte deelverzameling",
                "non-respons is geen aselecte steekproef",
                "gevoeligheidsanalyse",
                "Gedeeltelijke antwoorden",
                "Fisher-Freeman-Halton",
            ],
        ),
        (
            lomonitor::Language::En,
            [
                "random subset of the municipalities",
                "nonresponse is not random sampling",
                "sensitivity check",
                "Partial responses",
                "Fisher-Freeman-Halton",
            ],
        ),
    ] {
        let mut o = s.report_options();
        o.lang = lang;
        let html = s.build_report(&o).unwrap().html();
        for n in needles {
            assert!(html.contains(n), "{lang:?}: {n:?} not in the rendered report");
        }
        assert!(!html.contains("a large part of it answered") && !html.contains("een groot deel ervan antwoordde"));
    }
}
