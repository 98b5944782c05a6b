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
    let stratum_of = |i: usize| strata.and_then(|h| h.get(i).copied()).unwrap_or(0);

    let sum_weights: f64 = weights.iter().sum();
    if sum_weights <= 0.0 {
        return Err(Error::InvalidArgument { name: "weights", message: "the weights sum to 0".into() });
    }
    let estimate = y.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / sum_weights;

    // Linearized values z_i = w_i (y_i - mean) / sum(w); per stratum: count, sum, sum of squares
    // about the stratum mean (two passes for accuracy).
    let mut count = vec![0usize; n_strata_codes];
    let mut total = vec![0.0f64; n_strata_codes];
    let z: Vec<f64> = y.iter().zip(weights).map(|(v, w)| w * (v - estimate) / sum_weights).collect();
    for (i, zi) in z.iter().enumerate() {
        let h = stratum_of(i);
        if let (Some(c), Some(t)) = (count.get_mut(h), total.get_mut(h)) {
            *c += 1;
            *t += zi;
        }
    }
    let mut ss = vec![0.0f64; n_strata_codes];
    for (i, zi) in z.iter().enumerate() {
        let h = stratum_of(i);
        let mean_h = total.get(h).copied().unwrap_or(0.0) / count.get(h).copied().unwrap_or(1).max(1) as f64;
        if let Some(s) = ss.get_mut(h) {
            *s += (zi - mean_h).powi(2);
        }
    }
    let mut variance = 0.0;
    let mut n_strata = 0usize;
    for (h, (&n_h, &ss_h)) in count.iter().zip(&ss).enumerate() {
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
        if n_h == 1 {
            if f_h == 0.0 {
                continue; // a census stratum of one unit contributes no variance
            }
            return Err(Error::TooFewObservations { what: "stratum of a design-based estimate", min: 2, n: 1 });
        }
        variance += f_h * n_h as f64 / (n_h as f64 - 1.0) * ss_h;
    }
    let df = (n - n_strata) as f64;
    if df <= 0.0 {
        return Err(Error::TooFewObservations { what: "design-based estimate (n - strata)", min: n_strata + 1, n });
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
    let lin = linearize(y, weights, strata, stratum_population)?;
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
    let p = lin.estimate;
    let se = lin.variance.sqrt();
    let alpha = 1.0 - level;
    let t = t_quantile(1.0 - alpha / 2.0, lin.df)?;
    let boundary = p <= 0.0 || p >= 1.0;
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
    Ok(SurveyEstimate {
        estimate: p,
        se,
        interval: Interval { lower, upper, level },
        df: lin.df,
        n: lin.n,
        n_strata: lin.n_strata,
        sum_weights: lin.sum_weights,
        deff: lin.deff,
        method: Some(method),
        fpc: lin.fpc,
        degenerate: reason.is_some(),
        degenerate_reason: reason,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

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
