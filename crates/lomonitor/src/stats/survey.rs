//! Design-based estimates for weighted data: the ratio (Hájek) mean and proportion with
//! Taylor-linearized standard errors for a stratified single-stage design without
//! replacement, as R's `survey` package computes them for
//! `svydesign(ids = ~1, strata = ~h, weights = ~w, fpc = ~N_h)`.
//!
//! Conventions (those of R `survey`, samplics and svy, which agree on them):
//! - the finite population correction of stratum h is `1 - n_h / N_h`, with `N_h` the
//!   population count of the stratum (no fpc when `stratum_population` is `None`);
//! - degrees of freedom `df = n - H`, with H the number of strata that hold observations;
//! - every observation counts in `n` and `n_h`, also one with weight 0.

use statrs::distribution::{Beta, ContinuousCDF};

use crate::error::{Error, Result};
use crate::stats::{Interval, check_level, check_weights, t_quantile};

/// How to compute the confidence interval of a design-based proportion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SurveyCiMethod {
    /// `p ± t_df SE` (R `svyciprop(method = "mean")`); zero width at p = 0 or 1 (flagged).
    Wald,
    /// Wald on the logit scale with t_df, back-transformed (R `svyciprop(method = "logit")`).
    Logit,
    /// Korn–Graubard (R `svyciprop(method = "beta")`): Clopper–Pearson with the
    /// design-effect-adjusted, df-adjusted effective sample size, not truncated.
    KornGraubard,
}

crate::options::named_options!(SurveyCiMethod, arg = "method", what = "design-based interval method", {
    Wald => "wald",
    Logit => "logit",
    KornGraubard => "korn-graubard",
});

impl SurveyCiMethod {
    /// The method's name for readers, in `lang` (`t` for the Wald interval with t_df quantiles).
    pub fn label(self, lang: crate::meta::Language) -> &'static str {
        match self {
            Self::Wald => "t",
            Self::Logit => "logit",
            Self::KornGraubard => lang.tr("Korn–Graubard", "Korn–Graubard"),
        }
    }
}

/// A design-based estimate of a mean or proportion.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurveyEstimate {
    /// The weighted (Hájek) mean or proportion.
    pub estimate: f64,
    /// The Taylor-linearized standard error.
    pub se: f64,
    /// The confidence interval.
    pub interval: Interval,
    /// Degrees of freedom `n - H` used for the t quantile.
    pub df: f64,
    /// Number of observations.
    pub n: usize,
    /// Number of strata holding observations.
    pub n_strata: usize,
    /// Sum of the weights.
    pub sum_weights: f64,
    /// Kish's design effect against simple random sampling without replacement with
    /// `N = sum of weights` (R `svymean(deff = TRUE)`); `None` when the weights sum to no more
    /// than n (rescaled weights) or the item is constant.
    pub deff: Option<f64>,
    /// Kish's effective sample size of the estimate, `n / deff` (`None` when `deff` is).
    #[serde(default)]
    pub n_eff: Option<f64>,
    /// The interval method (`None` for a mean: always `estimate ± t_df SE`).
    pub method: Option<SurveyCiMethod>,
    /// Whether a stratum fpc was applied.
    pub fpc: bool,
    /// Whether the interval has zero width because the method breaks down (not a census).
    pub degenerate: bool,
    /// Why the interval is degenerate, when it is.
    pub degenerate_reason: Option<String>,
}

struct Linearized {
    estimate: f64,
    variance: f64,
    df: f64,
    n: usize,
    n_strata: usize,
    sum_weights: f64,
    deff: Option<f64>,
    fpc: bool,
}

/// The design shared by every estimate on it: observations per stratum code, the fpc factor
/// `1 - n_h/N_h` (1 without population counts), the strata holding observations, `df = n - H`
/// and the sum of the weights. Checks everything about the design except the weights
/// themselves (the caller checks them first).
struct DesignInfo {
    count: Vec<usize>,
    fpc: Vec<f64>,
    n_strata: usize,
    df: f64,
    sum_weights: f64,
}

fn design_info(
    n: usize,
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
) -> Result<DesignInfo> {
    if n < 2 {
        return Err(Error::TooFewObservations { what: "design-based estimate", min: 2, n });
    }
    let n_strata_codes = match strata {
        Some(h) => {
            if h.len() != n {
                return Err(Error::InvalidArgument {
                    name: "strata",
                    message: format!("{} stratum codes for {n} observations", h.len()),
                });
            }
            // Dense codes: below the number of observations or of population counts (a larger
            // code would only size empty strata, or overflow).
            let limit = n.max(stratum_population.map_or(0, <[f64]>::len));
            match h.iter().position(|&m| m >= limit) {
                Some(i) => {
                    return Err(Error::InvalidArgument {
                        name: "strata",
                        message: format!(
                            "stratum code {} at position {i}: codes must be dense, 0..{limit}",
                            h.get(i).copied().unwrap_or_default()
                        ),
                    });
                }
                None => h.iter().max().map_or(1, |m| m + 1),
            }
        }
        None => 1,
    };
    if let Some(pop) = stratum_population {
        let needed = n_strata_codes;
        if pop.len() < needed {
            return Err(Error::InvalidArgument {
                name: "stratum_population",
                message: format!("{} population counts for stratum codes 0..{needed}", pop.len()),
            });
        }
        if let Some(i) = pop.iter().position(|v| !v.is_finite() || *v <= 0.0) {
            return Err(Error::InvalidArgument {
                name: "stratum_population",
                message: format!("population count of stratum {i} must be finite and > 0"),
            });
        }
    }
    let sum_weights: f64 = weights.iter().sum();
    if sum_weights <= 0.0 {
        return Err(Error::InvalidArgument { name: "weights", message: "the weights sum to 0".into() });
    }
    let mut count = vec![0usize; n_strata_codes];
    match strata {
        Some(h) => h.iter().for_each(|&h| {
            if let Some(c) = count.get_mut(h) {
                *c += 1;
            }
        }),
        None => count.iter_mut().for_each(|c| *c = n),
    }
    let mut fpc = vec![1.0f64; n_strata_codes];
    let mut n_strata = 0usize;
    for (h, (&n_h, f)) in count.iter().zip(fpc.iter_mut()).enumerate() {
        if n_h == 0 {
            continue;
        }
        n_strata += 1;
        let f_h = match stratum_population.and_then(|p| p.get(h)) {
            Some(&big_n_h) => {
                if (n_h as f64) > big_n_h {
                    return Err(Error::InvalidArgument {
                        name: "stratum_population",
                        message: format!("stratum {h} has {n_h} observations but a population of {big_n_h}"),
                    });
                }
                1.0 - n_h as f64 / big_n_h
            }
            None => 1.0,
        };
        *f = f_h;
        if n_h == 1 && f_h != 0.0 {
            // (a census stratum of one unit is fine: it contributes no variance)
            return Err(Error::TooFewObservations { what: "stratum of a design-based estimate", min: 2, n: 1 });
        }
    }
    let df = (n - n_strata) as f64;
    if df <= 0.0 {
        return Err(Error::TooFewObservations { what: "design-based estimate (n - strata)", min: n_strata + 1, n });
    }
    Ok(DesignInfo { count, fpc, n_strata, df, sum_weights })
}

fn linearize(
    y: &[f64],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
) -> Result<Linearized> {
    let n = y.len();
    check_weights(weights, n)?;
    if let Some(i) = y.iter().position(|v| !v.is_finite()) {
        return Err(Error::InvalidArgument {
            name: "y",
            message: format!("value {i} is {}: values must be finite", y.get(i).copied().unwrap_or(f64::NAN)),
        });
    }
    let DesignInfo { count, fpc, n_strata, df, sum_weights } = design_info(n, weights, strata, stratum_population)?;
    let stratum_of = |i: usize| strata.and_then(|h| h.get(i).copied()).unwrap_or(0);
    let estimate = y.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / sum_weights;

    // Linearized values z_i = w_i (y_i - mean) / sum(w); per stratum: sum, and sum of squares
    // about the stratum mean (two passes for accuracy).
    let mut total = vec![0.0f64; count.len()];
    let z: Vec<f64> = y.iter().zip(weights).map(|(v, w)| w * (v - estimate) / sum_weights).collect();
    for (i, zi) in z.iter().enumerate() {
        if let Some(t) = total.get_mut(stratum_of(i)) {
            *t += zi;
        }
    }
    let mut ss = vec![0.0f64; count.len()];
    for (i, zi) in z.iter().enumerate() {
        let h = stratum_of(i);
        let mean_h = total.get(h).copied().unwrap_or(0.0) / count.get(h).copied().unwrap_or(1).max(1) as f64;
        if let Some(s) = ss.get_mut(h) {
            *s += (zi - mean_h).powi(2);
        }
    }
    let mut variance = 0.0;
    for ((&n_h, &ss_h), &f_h) in count.iter().zip(&ss).zip(&fpc) {
        // design_info let through strata of one only as census strata: no variance
        if n_h >= 2 {
            variance += f_h * n_h as f64 / (n_h as f64 - 1.0) * ss_h;
        }
    }
    // Design effect against SRSWOR with N = sum(w): s²_w = n/(n-1) sum w (y - m)² / sum w.
    let s2 = n as f64 / (n as f64 - 1.0) * y.iter().zip(weights).map(|(v, w)| w * (v - estimate).powi(2)).sum::<f64>()
        / sum_weights;
    let v_srs = (1.0 - n as f64 / sum_weights) * s2 / n as f64;
    let deff = (v_srs > 0.0).then(|| variance / v_srs);
    Ok(Linearized { estimate, variance, df, n, n_strata, sum_weights, deff, fpc: stratum_population.is_some() })
}

/// The design-based (Hájek) mean of `y` with its Taylor-linearized SE and t interval.
///
/// `strata` gives each observation's stratum as a dense code `0..H`; `stratum_population[h]`
/// is the population count N_h of stratum h (for the fpc; a single-element slice when there
/// are no strata).
///
/// # Formula
/// ```text
/// mean = sum w_i y_i / sum w_i
/// z_i  = w_i (y_i - mean) / sum w_i
/// V    = sum_h (1 - n_h/N_h) n_h/(n_h - 1) sum_{i in h} (z_i - zbar_h)²
/// SE   = sqrt(V);   CI = mean ± t_{n-H, 1-alpha/2} SE
/// deff = V / ((1 - n/sum w) s²_w / n),  s²_w = n/(n-1) sum w_i (y_i - mean)² / sum w_i
/// ```
/// A stratum with one observation is an error unless it is a census stratum (N_h = 1).
///
/// # Errors
/// [`Error::TooFewObservations`] when n < 2, n - H < 1, or a non-census stratum has one
/// observation; [`Error::InvalidArgument`] for non-finite y, bad weights (also all zero),
/// mismatched lengths, a stratum code without population count, or n_h > N_h.
///
/// # References
/// - Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, chapters 2–3. Wiley.
/// - Särndal, C.-E., Swensson, B. & Wretman, J. (1992). *Model Assisted Survey Sampling*,
///   section 5.6 (ratio estimator of a mean). Springer.
///
/// ```
/// use lomonitor::stats::survey_mean;
/// let e = survey_mean(&[1.0, 2.0, 3.0, 4.0], &[1.0; 4], None, Some(&[4.0]), 0.95)?;
/// assert_eq!((e.estimate, e.se), (2.5, 0.0)); // a census
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn survey_mean(
    y: &[f64],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
    level: f64,
) -> Result<SurveyEstimate> {
    check_level(level)?;
    mean_estimate(&linearize(y, weights, strata, stratum_population)?, level)
}

/// The estimate of a mean from its linearization, with the t interval (the one body of
/// [`survey_mean`] and [`survey_domain_mean`]).
fn mean_estimate(lin: &Linearized, level: f64) -> Result<SurveyEstimate> {
    if !lin.estimate.is_finite() || lin.variance.is_infinite() {
        return Err(Error::InvalidArgument {
            name: "y",
            message: "the weighted sums overflow the range of a 64-bit float; rescale the values".into(),
        });
    }
    let se = lin.variance.sqrt();
    let t = t_quantile(1.0 - (1.0 - level) / 2.0, lin.df)?;
    Ok(SurveyEstimate {
        estimate: lin.estimate,
        se,
        interval: Interval { lower: lin.estimate - t * se, upper: lin.estimate + t * se, level },
        df: lin.df,
        n: lin.n,
        n_strata: lin.n_strata,
        sum_weights: lin.sum_weights,
        deff: lin.deff,
        n_eff: lin.deff.filter(|&d| d > 0.0).map(|d| lin.n as f64 / d),
        method: None,
        fpc: lin.fpc,
        degenerate: false,
        degenerate_reason: None,
    })
}

/// The design-based proportion of `y == 1` (y coded 0/1) with a confidence interval.
///
/// # Formula
/// ```text
/// p, SE, df, deff as survey_mean on y in {0, 1}
/// Wald          = p ± t_df SE
/// Logit         = expit( logit(p) ± t_df SE / (p (1 - p)) )
/// Korn-Graubard = n_eff = p(1-p)/SE² * (t_{n-1, alpha/2} / t_{df, alpha/2})²
///                 [ B(alpha/2; n_eff p, n_eff (1-p) + 1), B(1-alpha/2; n_eff p + 1, n_eff (1-p)) ]
/// ```
/// When SE = 0 with 0 < p < 1 (census) the interval is `[p, p]` (correct, not degenerate).
/// At p = 0 or 1 the design gives no variance information: Wald and Logit return `[p, p]`
/// flagged `degenerate`; Korn–Graubard takes the design effect as 1 (n_eff = n, then
/// df-adjusted), giving `[0, upper]` or `[lower, 1]` as in the NCHS standard (Parker et al.
/// 2017) — except at a census (all N_h = n_h), where it returns `[p, p]`.
///
/// # Errors
/// As [`survey_mean`], and [`Error::InvalidArgument`] for a y value other than 0 or 1.
///
/// # References
/// - Korn, E. L. & Graubard, B. I. (1998). *Survey Methodology* 24, 193–201.
/// - Lumley, T. (2010). *Complex Surveys*, section 2.3.1 (`svyciprop`). Wiley.
/// - Parker, J. D. et al. (2017). NCHS data presentation standards for proportions. *Vital
///   Health Stat* 2(175).
pub fn survey_proportion(
    y: &[u8],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
    level: f64,
    method: SurveyCiMethod,
) -> Result<SurveyEstimate> {
    check_level(level)?;
    if let Some(i) = y.iter().position(|&v| v > 1) {
        return Err(Error::InvalidArgument {
            name: "y",
            message: format!("value {} at position {i} is not 0 or 1", y.get(i).copied().unwrap_or_default()),
        });
    }
    let yf: Vec<f64> = y.iter().map(|&v| f64::from(v)).collect();
    let lin = linearize(&yf, weights, strata, stratum_population)?;
    let census = match (strata, stratum_population) {
        (_, None) => false,
        (Some(h), Some(pop)) => {
            let mut c = vec![0usize; pop.len()];
            for &k in h {
                if let Some(v) = c.get_mut(k) {
                    *v += 1;
                }
            }
            c.iter().zip(pop).all(|(&n_h, &big)| n_h == 0 || n_h as f64 == big)
        }
        (None, Some(pop)) => pop.first().is_some_and(|&big| big == lin.n as f64),
    };
    let t = t_quantile(1.0 - (1.0 - level) / 2.0, lin.df)?;
    proportion_estimate(&lin, census, t, level, method)
}

/// The interval of a design-based proportion from its linearization (shared by
/// [`survey_proportion`] and [`survey_proportions`]); `t` is the t quantile for `lin.df`.
fn proportion_estimate(
    lin: &Linearized,
    census: bool,
    t: f64,
    level: f64,
    method: SurveyCiMethod,
) -> Result<SurveyEstimate> {
    let p = lin.estimate;
    let se = lin.variance.sqrt();
    let alpha = 1.0 - level;
    let boundary = p <= 0.0 || p >= 1.0;
    let mut reason = None;
    let (lower, upper) = if census || (se == 0.0 && !boundary) {
        (p, p)
    } else {
        match method {
            SurveyCiMethod::Wald => {
                if boundary {
                    reason = Some(format!("Wald interval has zero width at p = {p}"));
                }
                (p - t * se, p + t * se)
            }
            SurveyCiMethod::Logit => {
                if boundary {
                    reason = Some(format!("logit interval is undefined at p = {p}: returned [p, p]"));
                    (p, p)
                } else {
                    let centre = (p / (1.0 - p)).ln();
                    let half = t * se / (p * (1.0 - p));
                    let expit = |v: f64| 1.0 / (1.0 + (-v).exp());
                    (expit(centre - half), expit(centre + half))
                }
            }
            SurveyCiMethod::KornGraubard => {
                let t_n = t_quantile(alpha / 2.0, lin.n as f64 - 1.0)?;
                let t_df = t_quantile(alpha / 2.0, lin.df)?;
                let ratio = (t_n / t_df).powi(2);
                let n_eff = if boundary { lin.n as f64 * ratio.min(1.0) } else { p * (1.0 - p) / lin.variance * ratio };
                kg_bounds(p, n_eff, alpha)?
            }
        }
    };
    // The interval contains p, with bounds exactly 0 at p = 0 and 1 at p = 1 (no rounding
    // residue); Wald is not clipped otherwise (as R's svyciprop(method = "mean")).
    let lower = if p <= 0.0 { 0.0 } else { lower.min(p) };
    let upper = if p >= 1.0 { 1.0 } else { upper.max(p) };
    Ok(SurveyEstimate {
        estimate: p,
        se,
        interval: Interval { lower, upper, level },
        df: lin.df,
        n: lin.n,
        n_strata: lin.n_strata,
        sum_weights: lin.sum_weights,
        deff: lin.deff,
        n_eff: lin.deff.filter(|&d| d > 0.0).map(|d| lin.n as f64 / d),
        method: Some(method),
        fpc: lin.fpc,
        degenerate: reason.is_some(),
        degenerate_reason: reason,
    })
}

/// The design-based proportion of every level of many categorical items (each as
/// [`survey_proportion`] on the indicator `codes == k`), from the sums of weights and of squared
/// weights per item, stratum and level (the sufficient statistics of the linearized variance).
///
/// The sums come from one read of the codes: consecutive items are taken a few at a time (as
/// many as keep their joint table by stratum within 1,024 cells: four items of 5 levels without
/// strata give 625 cells) and each respondent adds `(w, w²)` once, to the cell of its stratum
/// and joint answer pattern; the per-item sums are the margins of the joint table. The range
/// check of the codes is part of the same read. The passes are spread over the available cores
/// when the data is large. With more than 256 strata, each item is summed on its own.
///
/// Returns, per item, one estimate per level `0..n_levels[j]`.
///
/// # Formula
/// With `W_hk`, `Q_hk` the sums of `w` and `w²` over the respondents of stratum h with code k,
/// `W_h`, `Q_h`, `n_h` those of stratum h and `W = sum_h W_h`:
/// ```text
/// p_k    = sum_h W_hk / W
/// sum_{i in h} z_i  = (W_hk - p_k W_h) / W
/// sum_{i in h} z_i² = (Q_hk (1 - p_k)² + (Q_h - Q_hk) p_k²) / W²
/// V_k    = sum_h (1 - n_h/N_h) n_h/(n_h - 1) (sum z_i² - (sum z_i)² / n_h)
/// SE, df, deff and the interval as survey_proportion
/// ```
///
/// # Errors
/// As [`survey_proportion`] (for the shared design: weights, strata, population counts), and
/// [`Error::InvalidArgument`] when `n_levels` does not give one level count per item, an item's
/// length differs from the number of weights, or a code is out of range (naming the item).
///
/// # References
/// - Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, chapters 2–3. Wiley.
/// - Korn, E. L. & Graubard, B. I. (1998). *Survey Methodology* 24, 193–201.
///
/// ```
/// use lomonitor::stats::{SurveyCiMethod, survey_proportion, survey_proportions};
/// let item: &[u8] = &[0, 1, 1, 2, 1, 0];
/// let w = [1.0, 2.0, 1.0, 1.5, 0.5, 2.0];
/// let all = survey_proportions(&[item], &[3], &w, None, None, 0.95, SurveyCiMethod::Logit)?;
/// let ones: Vec<u8> = item.iter().map(|&c| u8::from(c == 1)).collect();
/// let one = survey_proportion(&ones, &w, None, None, 0.95, SurveyCiMethod::Logit)?;
/// assert!((all[0][1].se - one.se).abs() < 1e-12);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn survey_proportions(
    items: &[&[u8]],
    n_levels: &[usize],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
    level: f64,
    method: SurveyCiMethod,
) -> Result<Vec<Vec<SurveyEstimate>>> {
    check_level(level)?;
    if n_levels.len() != items.len() {
        return Err(Error::InvalidArgument {
            name: "n_levels",
            message: format!("{} level counts for {} items", n_levels.len(), items.len()),
        });
    }
    let n = weights.len();
    // The error for item j's first out-of-range code (reported at the first occurrence of the
    // item's largest code), if it has one.
    let item_codes = |j: usize| -> Result<()> {
        let (item, l) = (items.get(j).copied().unwrap_or_default(), n_levels.get(j).copied().unwrap_or(1));
        match item
            .iter()
            .copied()
            .max()
            .filter(|&m| usize::from(m) >= l)
            .and_then(|m| item.iter().position(|&c| c == m))
        {
            Some(i) => Err(Error::InvalidArgument {
                name: "items",
                message: format!(
                    "item {j}: code {} at position {i} is not below n_levels = {l}",
                    item.get(i).copied().unwrap_or_default()
                ),
            }),
            None => Ok(()),
        }
    };
    for (j, (item, &l)) in items.iter().zip(n_levels).enumerate() {
        let shape = if l == 0 || l > 256 {
            Err(Error::InvalidArgument {
                name: "n_levels",
                message: format!("item {j}: n_levels must lie in 1..=256, got {l}"),
            })
        } else if item.len() != n {
            Err(Error::InvalidArgument {
                name: "items",
                message: format!("item {j} has {} codes for {n} weights", item.len()),
            })
        } else {
            Ok(())
        };
        if let Err(e) = shape {
            // An earlier item's bad code comes first (items are checked in order).
            (0..j).try_for_each(item_codes)?;
            return Err(e);
        }
    }
    // The design, shared by every item: validated by linearizing a constant.
    // The codes are range-checked in the counting pass below; their errors come before those
    // of the design, so a faulty design first looks for them.
    let design =
        check_weights(weights, n).and_then(|()| design_info(n, weights, strata, stratum_population)).map_err(|e| {
            match (0..items.len()).try_for_each(item_codes) {
                Err(code) => code,
                Ok(()) => e,
            }
        })?;
    let n_h_codes = strata.and_then(|h| h.iter().max()).map_or(1, |m| m + 1);
    let stratum_of = |i: usize| strata.and_then(|h| h.get(i).copied()).unwrap_or(0);
    let mut n_h = vec![0usize; n_h_codes];
    let mut w_h = vec![0.0f64; n_h_codes];
    let mut q_h = vec![0.0f64; n_h_codes];
    for (i, &w) in weights.iter().enumerate() {
        let h = stratum_of(i);
        if let (Some(c), Some(a), Some(b)) = (n_h.get_mut(h), w_h.get_mut(h), q_h.get_mut(h)) {
            *c += 1;
            *a += w;
            *b += w * w;
        }
    }
    let f_h: Vec<f64> = n_h
        .iter()
        .enumerate()
        .map(|(h, &c)| stratum_population.and_then(|p| p.get(h)).map_or(1.0, |&big| 1.0 - c as f64 / big))
        .collect();
    let census = stratum_population.is_some() && f_h.iter().zip(&n_h).all(|(&f, &c)| c == 0 || f == 0.0);
    let total_w: f64 = w_h.iter().sum();
    let t = t_quantile(1.0 - (1.0 - level) / 2.0, design.df)?;

    let threads = super::threads_for(items.len() * n);
    let sums: Vec<(Vec<f64>, Vec<f64>)> = if n_h_codes <= 256 {
        // Joint tables of a few items by the stratum (u16 cell indices), the codes range-checked
        // in the same read.
        let runs = super::joint::passes(n_levels, n_h_codes, SURVEY_JOINT_CELLS, 8);
        let passes = super::par_map(runs.len(), threads, |p| {
            let run = runs.get(p).cloned().unwrap_or_default();
            let (group, levels) = (items.get(run.clone()).unwrap_or_default(), n_levels.get(run).unwrap_or_default());
            level_sums_joint(group, levels, weights, strata, n_h_codes)
        });
        let mut sums = Vec::with_capacity(items.len());
        for (pass, max) in passes {
            for (s, m) in pass.into_iter().zip(max) {
                if usize::from(m) >= n_levels.get(sums.len()).copied().unwrap_or(0) {
                    item_codes(sums.len())?;
                }
                sums.push(s);
            }
        }
        sums
    } else {
        (0..items.len()).try_for_each(item_codes)?;
        let threads = threads.min(items.len().max(1));
        let per = items.len().div_ceil(threads.max(1)).max(1);
        let groups: Vec<(&[&[u8]], &[usize])> = items.chunks(per).zip(n_levels.chunks(per)).collect();
        super::par_map(groups.len(), threads, |g| {
            let (group, levels) = groups.get(g).copied().unwrap_or_default();
            level_sums(group, levels, weights, strata, n_h_codes)
        })
        .into_iter()
        .flatten()
        .collect()
    };
    let mut out = Vec::with_capacity(items.len());
    for ((ws, qs), &l) in sums.into_iter().zip(n_levels) {
        let mut per_level = Vec::with_capacity(l);
        for k in 0..l {
            let cell = |v: &[f64], h: usize| v.get(h * l + k).copied().unwrap_or(0.0);
            let w_k: f64 = (0..n_h_codes).map(|h| cell(&ws, h)).sum();
            let p = w_k / total_w;
            let mut variance = 0.0;
            for h in 0..n_h_codes {
                let c = n_h.get(h).copied().unwrap_or(0);
                if c < 2 {
                    continue; // empty, or a census stratum of one (linearize checked the rest)
                }
                let (wh, qh) = (w_h.get(h).copied().unwrap_or(0.0), q_h.get(h).copied().unwrap_or(0.0));
                let (whk, qhk) = (cell(&ws, h), cell(&qs, h));
                let sum_z = (whk - p * wh) / total_w;
                let sum_z2 = (qhk * (1.0 - p) * (1.0 - p) + (qh - qhk) * p * p) / (total_w * total_w);
                let ss = (sum_z2 - sum_z * sum_z / c as f64).max(0.0);
                variance += f_h.get(h).copied().unwrap_or(1.0) * c as f64 / (c as f64 - 1.0) * ss;
            }
            let nf = n as f64;
            let s2 = nf / (nf - 1.0) * (w_k * (1.0 - p) * (1.0 - p) + (total_w - w_k) * p * p) / total_w;
            let v_srs = (1.0 - nf / total_w) * s2 / nf;
            let lin = Linearized {
                estimate: p,
                variance,
                df: design.df,
                n,
                n_strata: design.n_strata,
                sum_weights: total_w,
                deff: (v_srs > 0.0).then(|| variance / v_srs),
                fpc: stratum_population.is_some(),
            };
            per_level.push(proportion_estimate(&lin, census, t, level, method)?);
        }
        out.push(per_level);
    }
    Ok(out)
}

/// The sums of `w` and of `w²` of one item per (stratum, level), flat `[h * n_levels + k]`.
type LevelSums = (Vec<f64>, Vec<f64>);

/// The largest joint table of a pass of [`survey_proportions`]: 1,024 cells of `(sum w, sum
/// w²)` (16 KiB).
const SURVEY_JOINT_CELLS: usize = 1024;

/// Per item of one pass: the sums of `w` and of `w²` per (stratum, level), flat
/// `[h * n_levels + k]`, and the item's largest code. Each respondent adds `(w, w²)` once to the
/// cell of its stratum and joint answer pattern (at most 256 strata: `u16` cell indices); the
/// per-item sums are the margins of the joint table.
fn level_sums_joint(
    items: &[&[u8]],
    n_levels: &[usize],
    weights: &[f64],
    strata: Option<&[usize]>,
    n_strata: usize,
) -> (Vec<LevelSums>, Vec<u8>) {
    let (strides, cells) = super::joint::strides(n_levels, n_strata);
    let strides: Vec<u16> = strides.iter().map(|&s| u16::try_from(s).unwrap_or(0)).collect();
    let mut table = vec![[0.0f64; 2]; cells];
    let mut max = vec![0u8; items.len()];
    let mut idx = [0u16; super::joint::CHUNK];
    for (start, w) in (0..).step_by(super::joint::CHUNK).zip(weights.chunks(super::joint::CHUNK)) {
        let idx = idx.get_mut(..w.len()).unwrap_or_default();
        match strata.and_then(|h| h.get(start..start + w.len())) {
            Some(h) => idx.iter_mut().zip(h).for_each(|(x, &h)| *x = u16::try_from(h).unwrap_or(u16::MAX)),
            None => idx.iter_mut().for_each(|x| *x = 0),
        }
        super::joint::add_indices(items, &strides, start..start + w.len(), idx, &mut max);
        for (&i, &wi) in idx.iter().zip(w) {
            if let Some([a, b]) = table.get_mut(usize::from(i)) {
                *a += wi;
                *b += wi * wi;
            }
        }
    }
    let mut out: Vec<LevelSums> =
        n_levels.iter().map(|&l| (vec![0.0; n_strata * l], vec![0.0; n_strata * l])).collect();
    super::joint::for_each_pattern(&table, n_levels, n_strata, |digits, block| {
        for ((ws, qs), (&d, &l)) in out.iter_mut().zip(digits.iter().zip(n_levels)) {
            for (h, [a, b]) in block.iter().enumerate() {
                if let (Some(x), Some(y)) = (ws.get_mut(h * l + d), qs.get_mut(h * l + d)) {
                    *x += a;
                    *y += b;
                }
            }
        }
    });
    (out, max)
}

/// Per item: the sums of `w` and of `w²` per (stratum, level), flat `[h * n_levels + k]`, from
/// a pass over blocks of respondents (each block's weights read once for all the items).
fn level_sums(
    items: &[&[u8]],
    n_levels: &[usize],
    weights: &[f64],
    strata: Option<&[usize]>,
    n_strata: usize,
) -> Vec<(Vec<f64>, Vec<f64>)> {
    let mut sums: Vec<(Vec<f64>, Vec<f64>)> =
        n_levels.iter().map(|&l| (vec![0.0; n_strata * l], vec![0.0; n_strata * l])).collect();
    const BLOCK: usize = super::frequency::ROW_BLOCK;
    let mut sq = [0.0f64; BLOCK];
    for (start, w_block) in (0..).step_by(BLOCK).zip(weights.chunks(BLOCK)) {
        for (s, w) in sq.iter_mut().zip(w_block) {
            *s = w * w;
        }
        for ((item, &l), (ws, qs)) in items.iter().zip(n_levels).zip(sums.iter_mut()) {
            let Some(c_block) = item.get(start..start + w_block.len()) else { continue };
            match strata {
                None => {
                    for ((&c, &w), &q) in c_block.iter().zip(w_block).zip(&sq) {
                        let k = usize::from(c);
                        if let (Some(a), Some(b)) = (ws.get_mut(k), qs.get_mut(k)) {
                            *a += w;
                            *b += q;
                        }
                    }
                }
                Some(h) => {
                    let h_block = h.get(start..start + w_block.len()).unwrap_or_default();
                    for (((&c, &w), &q), &h) in c_block.iter().zip(w_block).zip(&sq).zip(h_block) {
                        let k = h * l + usize::from(c);
                        if let (Some(a), Some(b)) = (ws.get_mut(k), qs.get_mut(k)) {
                            *a += w;
                            *b += q;
                        }
                    }
                }
            }
        }
    }
    sums
}

fn kg_bounds(p: f64, n_eff: f64, alpha: f64) -> Result<(f64, f64)> {
    let q = |a: f64, b: f64, prob: f64| -> Result<f64> {
        let d = Beta::new(a, b)
            .map_err(|e| Error::InvalidArgument { name: "y", message: format!("Korn-Graubard Beta({a}, {b}): {e}") })?;
        d.try_inverse_cdf(prob).map_err(|e| Error::InvalidArgument { name: "level", message: e.to_string() })
    };
    let x = n_eff * p;
    let lower = if p <= 0.0 { 0.0 } else { q(x, n_eff - x + 1.0, alpha / 2.0)? };
    let upper = if p >= 1.0 { 1.0 } else { q(x + 1.0, n_eff - x, 1.0 - alpha / 2.0)? };
    Ok((lower, upper))
}

/// The degrees of freedom of a domain estimate.
///
/// Default: [`DomainDf::Domain`], as R `survey` (`degf()` of a subsetted design counts the
/// PSUs and strata with a non-zero weight).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DomainDf {
    /// `n_d - H_d`: the observations of the domain less the strata holding them (R `survey`
    /// `svydesign` + `subset`, `degf()`).
    #[default]
    Domain,
    /// `n - H` of the full design (Stata `svy, subpop()`; samplics).
    Design,
}

crate::options::named_options!(DomainDf, arg = "df", what = "domain degrees of freedom", {
    Domain => "domain",
    Design => "design" | "full",
});

/// A domain (subpopulation) of a design: which observations belong to it, and how its degrees
/// of freedom are counted.
#[derive(Clone, Copy, Debug)]
pub struct Domain<'a> {
    /// One flag per observation of the full design: `true` inside the domain.
    pub members: &'a [bool],
    /// The degrees of freedom of the t quantile.
    pub df: DomainDf,
}

/// The linearization of a domain (ratio) mean within the full design.
fn linearize_domain(
    y: &[f64],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
    domain: &Domain<'_>,
) -> Result<Linearized> {
    let n = weights.len();
    check_weights(weights, n)?;
    if y.len() != n || domain.members.len() != n {
        return Err(Error::InvalidArgument {
            name: "domain",
            message: format!("{} values and {} domain flags for {n} weights", y.len(), domain.members.len()),
        });
    }
    let inside = |i: usize| domain.members.get(i).copied().unwrap_or(false);
    if let Some(i) = (0..n).find(|&i| inside(i) && !y.get(i).is_some_and(|v| v.is_finite())) {
        return Err(Error::InvalidArgument {
            name: "y",
            message: format!(
                "value {i} is {}: values in the domain must be finite",
                y.get(i).copied().unwrap_or(f64::NAN)
            ),
        });
    }
    // The full design: counts, fpc 1 - n_h/N_h from every observation.
    let DesignInfo { count, fpc, df: design_df, .. } = design_info(n, weights, strata, stratum_population)?;
    let stratum_of = |i: usize| strata.and_then(|h| h.get(i).copied()).unwrap_or(0);
    let n_d = (0..n).filter(|&i| inside(i)).count();
    let sum_wd: f64 = (0..n).filter(|&i| inside(i)).map(|i| weights.get(i).copied().unwrap_or(0.0)).sum();
    if n_d < 2 || sum_wd <= 0.0 {
        return Err(Error::TooFewObservations { what: "domain estimate (observations in the domain)", min: 2, n: n_d });
    }
    let yd = |i: usize| if inside(i) { y.get(i).copied().unwrap_or(0.0) } else { 0.0 };
    let wd = |i: usize| if inside(i) { weights.get(i).copied().unwrap_or(0.0) } else { 0.0 };
    let estimate = (0..n).map(|i| wd(i) * yd(i)).sum::<f64>() / sum_wd;
    // z_i = d_i w_i (y_i - mean_d) / sum(d w): zero outside the domain, but every observation
    // counts in n_h and in the stratum mean of z.
    let z: Vec<f64> = (0..n).map(|i| wd(i) * (yd(i) - estimate) / sum_wd).collect();
    let mut total = vec![0.0f64; count.len()];
    for (i, zi) in z.iter().enumerate() {
        if let Some(t) = total.get_mut(stratum_of(i)) {
            *t += zi;
        }
    }
    let mut ss = vec![0.0f64; count.len()];
    for (i, zi) in z.iter().enumerate() {
        let h = stratum_of(i);
        let mean_h = total.get(h).copied().unwrap_or(0.0) / count.get(h).copied().unwrap_or(1).max(1) as f64;
        if let Some(s) = ss.get_mut(h) {
            *s += (zi - mean_h).powi(2);
        }
    }
    let mut variance = 0.0;
    for ((&n_h, &ss_h), &f_h) in count.iter().zip(&ss).zip(&fpc) {
        if n_h >= 2 {
            variance += f_h * n_h as f64 / (n_h as f64 - 1.0) * ss_h;
        }
    }
    let mut domain_strata = vec![false; count.len()];
    for i in (0..n).filter(|&i| inside(i)) {
        if let Some(s) = domain_strata.get_mut(stratum_of(i)) {
            *s = true;
        }
    }
    let h_d = domain_strata.iter().filter(|&&s| s).count();
    let df = match domain.df {
        DomainDf::Domain => (n_d - h_d) as f64,
        DomainDf::Design => design_df,
    };
    if df <= 0.0 {
        return Err(Error::TooFewObservations { what: "domain estimate (n_d - strata)", min: h_d + 1, n: n_d });
    }
    let nd = n_d as f64;
    let s2 = nd / (nd - 1.0) * (0..n).map(|i| wd(i) * (yd(i) - estimate).powi(2)).sum::<f64>() / sum_wd;
    let v_srs = (1.0 - nd / sum_wd) * s2 / nd;
    Ok(Linearized {
        estimate,
        variance,
        df,
        n: n_d,
        n_strata: h_d,
        sum_weights: sum_wd,
        deff: (v_srs > 0.0).then(|| variance / v_srs),
        fpc: stratum_population.is_some(),
    })
}

/// The design-based mean of `y` over a domain (subpopulation) of the full design, as R
/// `survey` computes `svymean(~y, subset(design, d))`, samplics `TaylorEstimator(domain=)` and
/// svy: the weights of every observation, the variance over the full design with the
/// observations outside the domain contributing zeros, the fpc from the full stratum counts.
/// Values of `y` outside the domain are ignored.
///
/// This is the one definition of a weighted study-level estimate among the valid answers of an
/// item: the domain is the respondents with a valid answer.
///
/// # Formula
/// ```text
/// mean_d = sum d_i w_i y_i / sum d_i w_i
/// z_i    = d_i w_i (y_i - mean_d) / sum d_i w_i        (0 outside the domain)
/// V      = sum_h (1 - n_h/N_h) n_h/(n_h - 1) sum_{i in h} (z_i - zbar_h)²
///          (n_h: every observation of stratum h, inside the domain or not)
/// df     = n_d - H_d (DomainDf::Domain, default) or n - H (DomainDf::Design)
/// deff   = V / ((1 - n_d/sum d w) s²_d / n_d);   n_eff = n_d / deff
/// ```
///
/// # Errors
/// As [`survey_mean`] for the full design; [`Error::InvalidArgument`] when `y` or the domain
/// flags do not have one entry per weight, or a value in the domain is not finite;
/// [`Error::TooFewObservations`] when the domain has fewer than 2 observations or no df.
///
/// # References
/// - Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, section 2.4
///   (domain estimation: `subset` keeps the design). Wiley.
/// - Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., section 2.13. Wiley.
/// - West, B. T., Berglund, P. & Heeringa, S. G. (2008). A closer examination of subpopulation
///   analysis of complex-sample survey data. *Stata Journal* 8(4), 520–531.
///
/// ```
/// use lomonitor::stats::{Domain, DomainDf, survey_domain_mean, survey_mean};
/// let y = [1.0, 2.0, 3.0, 4.0, 5.0];
/// let w = [1.0, 2.0, 1.0, 1.0, 2.0];
/// // a domain of everyone is the full-sample estimate
/// let all = Domain { members: &[true; 5], df: DomainDf::Domain };
/// let d = survey_domain_mean(&y, &w, None, None, &all, 0.95)?;
/// let e = survey_mean(&y, &w, None, None, 0.95)?;
/// assert!((d.se - e.se).abs() < 1e-15);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn survey_domain_mean(
    y: &[f64],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
    domain: &Domain<'_>,
    level: f64,
) -> Result<SurveyEstimate> {
    check_level(level)?;
    mean_estimate(&linearize_domain(y, weights, strata, stratum_population, domain)?, level)
}

/// The design-based proportion of `y == 1` over a domain of the full design (see
/// [`survey_domain_mean`] for the definition), with the interval of `method` as
/// [`survey_proportion`] computes it from the domain's linearization (n = n_d, df of the
/// domain). `y` is 0 or 1 inside the domain; outside it is ignored.
///
/// # Formula
/// ```text
/// p_d, SE, df as survey_domain_mean on y in {0, 1}; the interval as survey_proportion
/// ```
///
/// # Errors
/// As [`survey_domain_mean`], and [`Error::InvalidArgument`] for a value other than 0 or 1 in
/// the domain.
///
/// # References
/// As [`survey_domain_mean`] and [`survey_proportion`].
pub fn survey_domain_proportion(
    y: &[u8],
    weights: &[f64],
    strata: Option<&[usize]>,
    stratum_population: Option<&[f64]>,
    domain: &Domain<'_>,
    level: f64,
    method: SurveyCiMethod,
) -> Result<SurveyEstimate> {
    check_level(level)?;
    if let Some(i) = y.iter().zip(domain.members).position(|(&v, &d)| d && v > 1) {
        return Err(Error::InvalidArgument {
            name: "y",
            message: format!("value {} at position {i} is not 0 or 1", y.get(i).copied().unwrap_or_default()),
        });
    }
    let yf: Vec<f64> = y.iter().map(|&v| f64::from(v)).collect();
    let lin = linearize_domain(&yf, weights, strata, stratum_population, domain)?;
    let census = match stratum_population {
        None => false,
        Some(pop) => {
            let mut c = vec![0usize; pop.len()];
            for i in 0..weights.len() {
                let h = strata.and_then(|h| h.get(i).copied()).unwrap_or(0);
                if let Some(v) = c.get_mut(h) {
                    *v += 1;
                }
            }
            c.iter().zip(pop).all(|(&n_h, &big)| n_h == 0 || n_h as f64 == big)
        }
    };
    let t = t_quantile(1.0 - (1.0 - level) / 2.0, lin.df)?;
    proportion_estimate(&lin, census, t, level, method)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18: at p = 0 the lower bound is exactly 0 and at p = 1 the upper bound exactly 1,
    /// for every method and n, with and without fpc; every interval contains p.
    #[test]
    fn bounds_exact_at_zero_and_one() {
        for n in 2..=400usize {
            let w = vec![1.5; n];
            for pop in [None, Some(vec![(n + 3) as f64])] {
                for m in [SurveyCiMethod::Wald, SurveyCiMethod::Logit, SurveyCiMethod::KornGraubard] {
                    let zero = survey_proportion(&vec![0; n], &w, None, pop.as_deref(), 0.95, m).unwrap();
                    assert_eq!(zero.interval.lower.to_bits(), 0.0f64.to_bits(), "{m:?} n={n}");
                    let one = survey_proportion(&vec![1; n], &w, None, pop.as_deref(), 0.95, m).unwrap();
                    assert_eq!(one.interval.upper, 1.0, "{m:?} n={n}");
                    let mut y = vec![0u8; n];
                    y[0] = 1;
                    let e = survey_proportion(&y, &w, None, pop.as_deref(), 0.95, m).unwrap();
                    assert!(e.interval.lower <= e.estimate && e.estimate <= e.interval.upper, "{e:?}");
                }
            }
        }
    }

    #[test]
    fn errors_and_edges() {
        assert!(survey_mean(&[1.0], &[1.0], None, None, 0.95).is_err());
        assert!(survey_mean(&[1.0, f64::NAN], &[1.0, 1.0], None, None, 0.95).is_err());
        assert!(survey_mean(&[1.0, 2.0], &[0.0, 0.0], None, None, 0.95).is_err());
        assert!(survey_mean(&[1.0, 2.0, 3.0], &[1.0; 3], Some(&[0, 0, 1]), None, 0.95).is_err());
        assert!(survey_mean(&[1.0, 2.0, 3.0], &[1.0; 3], None, Some(&[2.0]), 0.95).is_err());
        assert!(survey_proportion(&[0, 2], &[1.0; 2], None, None, 0.95, SurveyCiMethod::Wald).is_err());
    }

    #[test]
    fn census_stratum_of_one_is_fine() {
        let e = survey_mean(&[1.0, 2.0, 3.0, 5.0], &[1.0; 4], Some(&[0, 1, 1, 1]), Some(&[1.0, 10.0]), 0.95).unwrap();
        assert!(e.se > 0.0 && e.n_strata == 2 && e.df == 2.0);
    }

    #[test]
    fn proportions_of_all_levels_equal_one_at_a_time() {
        let mut state = 5u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        let n = 9001;
        let levels = [2usize, 5, 7];
        let items: Vec<Vec<u8>> = levels.iter().map(|&l| (0..n).map(|_| (next() % l as u64) as u8).collect()).collect();
        // Level 6 of the third item never occurs: p = 0.
        let items: Vec<Vec<u8>> = items.into_iter().map(|c| c.into_iter().map(|v| v.min(5)).collect()).collect();
        let views: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
        let w: Vec<f64> = (0..n).map(|_| 0.5 + (next() % 1000) as f64 / 250.0).collect();
        let h: Vec<usize> = (0..n).map(|_| (next() % 3) as usize).collect();
        let pop = [40_000.0, 35_000.0, 50_000.0];
        type DesignArgs<'a> = (Option<&'a [usize]>, Option<&'a [f64]>);
        let designs: [DesignArgs<'_>; 3] = [(None, None), (Some(&h), None), (Some(&h), Some(&pop))];
        for (strata, population) in designs {
            for method in [SurveyCiMethod::Wald, SurveyCiMethod::Logit, SurveyCiMethod::KornGraubard] {
                let all = survey_proportions(&views, &levels, &w, strata, population, 0.95, method).unwrap();
                for (j, item) in items.iter().enumerate() {
                    assert_eq!(all[j].len(), levels[j]);
                    for (k, got) in all[j].iter().enumerate() {
                        let y: Vec<u8> = item.iter().map(|&c| u8::from(usize::from(c) == k)).collect();
                        let want = survey_proportion(&y, &w, strata, population, 0.95, method).unwrap();
                        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1e-12);
                        assert!(close(got.estimate, want.estimate) || got.estimate == want.estimate);
                        assert!(close(got.se, want.se) || (got.se - want.se).abs() < 1e-15, "{} {}", got.se, want.se);
                        assert!((got.interval.lower - want.interval.lower).abs() <= 1e-9);
                        assert!((got.interval.upper - want.interval.upper).abs() <= 1e-9);
                        assert_eq!(got.degenerate, want.degenerate);
                        assert_eq!((got.df, got.n, got.n_strata, got.fpc), (want.df, want.n, want.n_strata, want.fpc));
                        match (got.deff, want.deff) {
                            (Some(a), Some(b)) => assert!(close(a, b), "{a} {b}"),
                            (a, b) => assert_eq!(a, b),
                        }
                    }
                }
            }
        }
        // A census: every interval is [p, p].
        let census =
            survey_proportions(&views, &levels, &w, None, Some(&[n as f64]), 0.95, SurveyCiMethod::Logit).unwrap();
        assert!(census[1].iter().all(|e| e.interval.lower == e.interval.upper));
        // Errors name the item.
        let err = survey_proportions(&[&[0, 1], &[0, 4]], &[2, 3], &[1.0, 1.0], None, None, 0.95, SurveyCiMethod::Wald)
            .unwrap_err()
            .to_string();
        assert!(err.contains("item 1"), "{err}");
        assert!(survey_proportions(&[&[0, 1]], &[2], &[1.0], None, None, 0.95, SurveyCiMethod::Wald).is_err());
        assert!(survey_proportions(&[&[0]], &[1], &[1.0], None, None, 0.95, SurveyCiMethod::Wald).is_err());
        assert!(survey_proportions(&[&[0, 1]], &[], &[1.0, 1.0], None, None, 0.95, SurveyCiMethod::Wald).is_err());
    }

    /// The joint-table sums against the per-item sums (`level_sums`), on the edges: no rows,
    /// lengths around the chunk size, the largest code (256 levels), one level, 1, 3 and 256
    /// strata; and the fallback for more than 256 strata.
    #[test]
    fn joint_level_sums_equal_per_item_sums() {
        let mut state = 17u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        let chunk = super::super::joint::CHUNK;
        for n_strata in [1usize, 3, 256] {
            for n in [0usize, 1, chunk - 1, chunk + 1, 2 * chunk + 5] {
                let levels = [5usize, 5, 5, 5, 5, 1, 256, 2, 7];
                let items: Vec<Vec<u8>> = levels
                    .iter()
                    .map(|&l| (0..n).map(|i| if i == 0 { (l - 1) as u8 } else { (next() % l as u64) as u8 }).collect())
                    .collect();
                let views: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
                let w: Vec<f64> = (0..n).map(|_| 0.5 + (next() % 1000) as f64 / 250.0).collect();
                let h: Vec<usize> =
                    (0..n).map(|i| if i == 1 { n_strata - 1 } else { (next() % n_strata as u64) as usize }).collect();
                let strata = (n_strata > 1).then_some(h.as_slice());
                let want = level_sums(&views, &levels, &w, strata, n_strata);
                for run in super::super::joint::passes(&levels, n_strata, SURVEY_JOINT_CELLS, 8) {
                    let (got, max) = level_sums_joint(&views[run.clone()], &levels[run.clone()], &w, strata, n_strata);
                    for ((j, (ws, qs)), m) in run.zip(got).zip(max) {
                        assert_eq!(usize::from(m), if n == 0 { 0 } else { levels[j] - 1 });
                        for (a, b) in ws.iter().zip(&want[j].0).chain(qs.iter().zip(&want[j].1)) {
                            assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "item {j}, n {n}: {a} {b}");
                        }
                    }
                }
            }
        }
        // More than 256 strata (pairs of respondents): the per-item fallback gives the same.
        let n = 1000;
        let item: Vec<u8> = (0..n).map(|_| (next() % 4) as u8).collect();
        let w: Vec<f64> = (0..n).map(|_| 0.5 + (next() % 1000) as f64 / 250.0).collect();
        let h: Vec<usize> = (0..n).map(|i| i / 2).collect();
        let all = survey_proportions(&[&item], &[4], &w, Some(&h), None, 0.95, SurveyCiMethod::Wald).unwrap();
        let y: Vec<u8> = item.iter().map(|&c| u8::from(c == 2)).collect();
        let one = survey_proportion(&y, &w, Some(&h), None, 0.95, SurveyCiMethod::Wald).unwrap();
        assert!((all[0][2].se - one.se).abs() <= 1e-12 * one.se);
        // Errors in the old order: an item's bad code before a later item's shape or the design.
        let m = SurveyCiMethod::Wald;
        let err = survey_proportions(&[&[0, 7, 0], &[0, 1]], &[2, 2], &[1.0; 3], None, None, 0.95, m).unwrap_err();
        assert!(err.to_string().contains("item 0: code 7 at position 1"), "{err}");
        let err = survey_proportions(&[&[0, 1, 0], &[0, 1]], &[2, 2], &[1.0; 3], None, None, 0.95, m).unwrap_err();
        assert!(err.to_string().contains("item 1 has 2 codes"), "{err}");
        let bad_w = [1.0, f64::NAN, 1.0];
        let err = survey_proportions(&[&[0, 1, 0], &[0, 255, 0]], &[2, 2], &bad_w, None, None, 0.95, m).unwrap_err();
        assert!(err.to_string().contains("item 1: code 255 at position 1"), "{err}");
        let err = survey_proportions(&[&[0, 1, 0], &[0, 1, 0]], &[2, 2], &bad_w, None, None, 0.95, m).unwrap_err();
        assert!(err.to_string().contains("weight 1"), "{err}");
        let err = survey_proportions(&[&[0, 1, 0], &[3, 1, 3]], &[2, 2], &[1.0; 3], None, None, 0.95, m).unwrap_err();
        assert!(err.to_string().contains("item 1: code 3 at position 0"), "{err}");
    }

    #[test]
    fn boundary_proportions() {
        let y = [0u8; 12];
        let w = [2.0; 12];
        let wald = survey_proportion(&y, &w, None, Some(&[100.0]), 0.95, SurveyCiMethod::Wald).unwrap();
        assert!(wald.degenerate);
        let kg = survey_proportion(&y, &w, None, Some(&[100.0]), 0.95, SurveyCiMethod::KornGraubard).unwrap();
        assert!(!kg.degenerate && kg.interval.lower == 0.0 && kg.interval.upper > 0.1);
        let census = survey_proportion(&y, &w, None, Some(&[12.0]), 0.95, SurveyCiMethod::KornGraubard).unwrap();
        assert_eq!((census.interval.lower, census.interval.upper), (0.0, 0.0));
    }
}
