//! Descriptive statistics for a finite population: pure functions over slices.
//!
//! No I/O, no labels, no municipalities: `stats` knows numbers. The study types call these
//! functions with the instrument's labels and missing codes.
//!
//! Conventions shared by every function here:
//! - categorical data are dense codes `&[u8]` in `0..n_levels` (the response store's layout);
//! - weights are `Option<&[f64]>`, one per observation, finite and non-negative;
//! - NaN or infinite input is an [`Error::InvalidArgument`], never propagated;
//! - confidence levels are in (0, 1) and checked by [`check_level`];
//! - results are typed values that know their n, missing count and method.
//!
//! Submodules: [`frequency`] (counts and frequency tables), [`proportion`] (a proportion with
//! Wald, Wilson, Clopper–Pearson, logit, Korn–Graubard or exact hypergeometric interval),
//! [`survey`] (design-based mean and proportion, stratified with fpc), [`descriptives`] (mean,
//! SD, SE, quantiles, top box, distribution), [`multiple`] (multiple response and ranking),
//! [`multitest`] (Holm and Benjamini–Hochberg adjustment),
//! [`weights`] (post-stratification, raking, trimming, Kish), [`crosstab`](mod@crosstab) (chi-square, Cramér's V,
//! Fisher, Rao–Scott), [`exact`] (Fisher's exact test in log space, exact and Woolf odds-ratio
//! intervals, Yates), [`representativeness`](mod@representativeness), [`disclosure`] (cell suppression),
//! [`reliability`] (Cronbach's alpha and item statistics), [`agreement`] (intercoder agreement).

pub mod agreement;
pub mod crosstab;
pub mod descriptives;
pub mod disclosure;
pub mod exact;
pub mod frequency;
mod joint;
pub mod multiple;
pub mod multitest;
pub mod proportion;
pub mod reliability;
pub mod representativeness;
pub mod survey;
pub mod weights;

pub use agreement::{Agreement, AgreementOptions, Coefficient, MeasurementLevel, RatingMatrix};
pub use crosstab::{
    ChiSquareTest, Crosstab, Design, FisherExact, RaoScott, crosstab, crosstab_columns, fisher_exact_2x2, rao_scott,
};
pub use descriptives::{DescribeOptions, Descriptives, QuantileMethod, ValueCount, describe};
pub use disclosure::{CellStatus, DisclosureRule, Suppression, suppress};
pub use exact::{
    Alternative, FISHER_RXC_REPLICATES, FISHER_RXC_SEED, MonteCarloExact, OddsRatio, chi_square_yates_2x2,
    fisher_exact_test, fisher_rxc_monte_carlo, odds_ratio_2x2,
};
pub use frequency::{
    FrequencyRow, FrequencyTable, LevelKind, count_codes, count_columns, weighted_count_columns, weighted_counts,
};
pub use multiple::{MultipleResponse, MultipleResponseOption, Ranking, RankingOption, multiple_response, ranking};
pub use multitest::{benjamini_hochberg, holm};
pub use proportion::{CiMethod, ProportionEstimate, proportion_ci};
pub use reliability::{
    ItemStatistics, Missing, ScaleReliability, reverse_code, scale_reliability, scale_reliability_codes,
};
pub use representativeness::{GoodnessOfFit, Representativeness, StratumResponse, representativeness};
pub use survey::{
    Domain, DomainDf, SurveyCiMethod, SurveyEstimate, survey_domain_mean, survey_domain_proportion, survey_mean,
    survey_proportion, survey_proportions,
};
pub use weights::{
    Margin, RakeOptions, RakeResult, TrimResult, WeightMethod, Weights, effective_sample_size, kish_design_effect,
    poststratify, rake, rake_codes, rake_with, trim,
};

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::error::{Error, Result};

/// A two-sided confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
}

/// Check a confidence level lies strictly between 0 and 1.
///
/// # Errors
/// [`Error::InvalidArgument`] otherwise.
pub fn check_level(level: f64) -> Result<()> {
    if level.is_finite() && level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "level",
            message: format!("confidence level must lie in (0, 1), got {level}"),
        })
    }
}

/// Check weights: as many as observations, each finite and >= 0.
///
/// # Errors
/// [`Error::InvalidArgument`] naming the first bad weight.
pub fn check_weights(weights: &[f64], n: usize) -> Result<()> {
    if weights.len() != n {
        return Err(Error::InvalidArgument {
            name: "weights",
            message: format!("{} weights for {n} observations", weights.len()),
        });
    }
    match weights.iter().position(|w| !w.is_finite() || *w < 0.0) {
        Some(i) => Err(Error::InvalidArgument {
            name: "weights",
            message: format!(
                "weight {i} is {}: weights must be finite and non-negative",
                weights.get(i).copied().unwrap_or(f64::NAN)
            ),
        }),
        None => Ok(()),
    }
}

/// Data smaller than this many bytes is processed on one thread: below it, starting a thread
/// costs more than it saves.
pub(crate) const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// How many threads to use for `bytes` of input: one below [`PARALLEL_MIN_BYTES`], otherwise
/// the available parallelism (at most 16).
pub(crate) fn threads_for(bytes: usize) -> usize {
    if bytes < PARALLEL_MIN_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(16)
    }
}

/// `(0..n).map(f).collect()`, with the indices split into contiguous blocks over `threads`
/// scoped threads; results keep their order. A panic in `f` is passed on to the caller
/// unchanged (`f` must not panic: library code has no panic paths).
pub(crate) fn par_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let per = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (lo, hi) = ((t * per).min(n), ((t + 1) * per).min(n));
                s.spawn(move || (lo..hi).map(f).collect::<Vec<T>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for h in handles {
            out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
    })
}

/// The standard normal quantile z such that P(Z <= z) = p.
pub fn normal_quantile(p: f64) -> f64 {
    Normal::standard().inverse_cdf(p)
}

/// The quantile of Student's t with `df` degrees of freedom (the normal when `df` is infinite).
///
/// # Errors
/// [`Error::InvalidArgument`] when `df` is not positive.
pub fn t_quantile(p: f64, df: f64) -> Result<f64> {
    if df.is_infinite() && df > 0.0 {
        return Ok(normal_quantile(p));
    }
    StudentsT::new(0.0, 1.0, df)
        .map(|t| t.inverse_cdf(p))
        .map_err(|e| Error::InvalidArgument { name: "df", message: format!("degrees of freedom {df}: {e}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles() {
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!(t_quantile(0.975, 0.0).is_err());
        assert!((t_quantile(0.975, f64::INFINITY).unwrap() - normal_quantile(0.975)).abs() < 1e-15);
        assert!(check_level(1.0).is_err() && check_level(0.95).is_ok() && check_level(f64::NAN).is_err());
        assert!(check_weights(&[1.0, -1.0], 2).is_err() && check_weights(&[1.0], 2).is_err());
    }
}
