//! Survey weights: post-stratification, raking (iterative proportional fitting), trimming, and
//! the Kish design effect of a set of weights.
//!
//! Strata and margin categories are dense indices `usize` in `0..len(targets)`; targets and
//! population counts are population totals (e.g. the number of municipalities in a stratum).

use crate::error::{Error, Result};

use super::check_weights;

/// How a set of weights was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightMethod {
    /// Post-stratification to population stratum counts.
    Poststratification,
    /// Raking (iterative proportional fitting) to several margins.
    Raking,
    /// Trimming (capping) of given weights.
    Trimming,
}

crate::options::named_options!(WeightMethod, arg = "method", what = "weighting method", {
    Poststratification => "poststratification",
    Raking => "raking",
    Trimming => "trimming",
});

/// A set of weights, one per respondent, with its summary.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Weights {
    /// The weights, in the respondents' order.
    pub weights: Vec<f64>,
    /// Number of respondents.
    pub n: usize,
    /// Sum of the weights (the population total they estimate).
    pub total: f64,
    /// Kish's design effect due to weighting, `n * sum w^2 / (sum w)^2`.
    pub kish_design_effect: f64,
    /// Kish's effective sample size, `(sum w)^2 / sum w^2`.
    pub effective_sample_size: f64,
    /// How the weights were made.
    pub method: WeightMethod,
}

impl Weights {
    fn new(weights: Vec<f64>, method: WeightMethod) -> Result<Self> {
        let kish = kish_design_effect(&weights)?;
        let ess = effective_sample_size(&weights)?;
        Ok(Self {
            n: weights.len(),
            total: weights.iter().sum(),
            kish_design_effect: kish,
            effective_sample_size: ess,
            weights,
            method,
        })
    }
}

fn check_totals(name: &'static str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite() || *v < 0.0) {
        Some(i) => Err(Error::InvalidArgument {
            name,
            message: format!(
                "entry {i} is {}: population totals must be finite and non-negative",
                values.get(i).copied().unwrap_or(f64::NAN)
            ),
        }),
        None => Ok(()),
    }
}

fn base_or_ones(base: Option<&[f64]>, n: usize) -> Result<Vec<f64>> {
    match base {
        Some(b) => {
            check_weights(b, n)?;
            Ok(b.to_vec())
        }
        None => Ok(vec![1.0; n]),
    }
}

/// Post-stratify: scale the base weights within each stratum so that they add up to the
/// stratum's population count.
///
/// `sample_strata[i]` is respondent `i`'s stratum, an index into `population_counts`.
/// Without `base`, every base weight is 1 and `w_i = N_h / n_h`.
///
/// # Formula
/// ```text
/// w_i = base_i * N_h / sum_{j in h} base_j      (i in stratum h)
/// ```
///
/// # Errors
/// - [`Error::TooFewObservations`] when there are no respondents;
/// - [`Error::InvalidArgument`] when a stratum index is out of range, a population count is
///   negative or not finite, a base weight is invalid, a stratum with `N_h > 0` has no
///   respondents (or only respondents with base weight 0: collapse it with a neighbouring
///   stratum), or a respondent's stratum has `N_h = 0`. The message names the stratum.
///
/// # References
/// Holt, D. & Smith, T. M. F. (1979). Post stratification. *Journal of the Royal Statistical
/// Society A* 142(1), 33-46. Lohr, S. L. (2022). *Sampling: Design and Analysis*, 3rd ed., §8.6.
pub fn poststratify(sample_strata: &[usize], population_counts: &[f64], base: Option<&[f64]>) -> Result<Weights> {
    let n = sample_strata.len();
    if n == 0 {
        return Err(Error::TooFewObservations { what: "post-stratification", min: 1, n });
    }
    check_totals("population_counts", population_counts)?;
    let mut w = base_or_ones(base, n)?;
    let mut base_sum = vec![0.0; population_counts.len()];
    let mut count = vec![0usize; population_counts.len()];
    for (i, (&h, &wi)) in sample_strata.iter().zip(&w).enumerate() {
        match (base_sum.get_mut(h), count.get_mut(h)) {
            (Some(s), Some(c)) => {
                *s += wi;
                *c += 1;
            }
            _ => {
                return Err(Error::InvalidArgument {
                    name: "sample_strata",
                    message: format!(
                        "respondent {i} is in stratum {h}, but only {} population counts were given",
                        population_counts.len()
                    ),
                });
            }
        }
    }
    let mut factor = vec![0.0; population_counts.len()];
    for (h, ((&big_n, &s), &c)) in population_counts.iter().zip(&base_sum).zip(&count).enumerate() {
        if big_n > 0.0 && c == 0 {
            return Err(Error::InvalidArgument {
                name: "sample_strata",
                message: format!(
                    "stratum {h} has population count {big_n} but no respondents: collapse it with a neighbouring stratum"
                ),
            });
        }
        if big_n == 0.0 && c > 0 {
            return Err(Error::InvalidArgument {
                name: "population_counts",
                message: format!("stratum {h} has {c} respondent(s) but population count 0"),
            });
        }
        if c > 0 && s <= 0.0 {
            return Err(Error::InvalidArgument {
                name: "base",
                message: format!(
                    "stratum {h} has population count {big_n} but its {c} respondent(s) all have base weight 0"
                ),
            });
        }
        if let Some(f) = factor.get_mut(h) {
            *f = if c > 0 { big_n / s } else { 0.0 };
        }
    }
    for (wi, &h) in w.iter_mut().zip(sample_strata) {
        *wi *= factor.get(h).copied().unwrap_or(0.0);
    }
    Weights::new(w, WeightMethod::Poststratification)
}

/// One raking margin: each respondent's category and the population total per category.
///
/// The categories are `usize` indices for [`rake`]; [`rake_codes`] takes `Margin<'_, u8>`,
/// one-byte codes (the response store's layout), raked in place with an eighth of the memory
/// traffic.
#[derive(Clone, Copy, Debug)]
pub struct Margin<'a, C = usize> {
    /// Respondent `i`'s category, an index into `targets`.
    pub codes: &'a [C],
    /// Population total of each category.
    pub targets: &'a [f64],
}

/// The result of [`rake`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RakeResult {
    /// The raked weights and their summary.
    pub weights: Weights,
    /// Full cycles over all margins that were run.
    pub iterations: usize,
    /// Whether every margin was within `tolerance` of its targets after the last cycle.
    /// When `false`, the weights are the last iterate and do NOT reproduce the margins.
    pub converged: bool,
    /// The largest `|sum of weights in a category - target|` over all margins and categories
    /// after the last cycle, in the units of the targets.
    pub max_abs_deviation: f64,
    /// The largest `|sum of weights in a category - target| / margin total` after the last cycle.
    pub max_rel_deviation: f64,
    /// The convergence tolerance asked for (absolute, in the units of the targets).
    pub tolerance: f64,
    /// The largest number of cycles allowed.
    pub max_iterations: usize,
}

/// Rake (iterative proportional fitting, raking ratio estimation): adjust the base weights in
/// turn to each margin until every margin's weighted totals match its targets.
///
/// One iteration is one cycle over the margins in the order given. After each cycle the
/// largest absolute deviation between a weighted category total and its target is compared
/// with `tolerance`; raking stops when it is `<= tolerance` (`converged = true`) or after
/// `max_iterations` cycles (`converged = false`: reported, never silent).
///
/// # Formula
/// ```text
/// for each cycle t, for each margin m, for each category c of m:
///     w_i <- w_i * T_mc / sum_{j: code_mj = c} w_j        (i with code_mi = c)
/// deviation_t = max_{m,c} |sum_{j: code_mj = c} w_j - T_mc|
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no margins, a margin's codes are not one per
/// respondent or out of range, a target is negative or not finite, the margins' targets do not
/// sum to the same total (relative difference above 1e-9), a category has respondents but
/// target 0 or target > 0 but no respondents (with positive base weight) — naming margin and
/// category —, or `tolerance`/`max_iterations` is not positive;
/// [`Error::TooFewObservations`] when there are no respondents.
///
/// # References
/// Deming, W. E. & Stephan, F. F. (1940). On a least squares adjustment of a sampled
/// frequency table when the expected marginal totals are known. *Annals of Mathematical
/// Statistics* 11(4), 427-444. Kolenikov, S. (2014). Calibrating survey data using iterative
/// proportional fitting (raking). *The Stata Journal* 14(1), 22-59.
pub fn rake(margins: &[Margin<'_>], base: Option<&[f64]>, tolerance: f64, max_iterations: usize) -> Result<RakeResult> {
    rake_any(margins, base, tolerance, max_iterations)
}

/// Options of [`rake_with`]: a tolerance relative to the margin total and an iteration cap.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RakeOptions {
    /// Stop when every `|sum of weights in a category - target|` is at most this share of the
    /// margin total. Default 1e-10 (the fixed point to about machine precision for the
    /// populations of a municipal study; peers run to 1e-15 agree to ~1e-10).
    pub relative_tolerance: f64,
    /// The largest number of cycles. Default 1,000.
    pub max_iterations: usize,
}

impl Default for RakeOptions {
    fn default() -> Self {
        Self { relative_tolerance: 1e-10, max_iterations: 1000 }
    }
}

/// [`rake`] to a tolerance relative to the margin total, with an error (not a silent result)
/// when it does not converge.
///
/// # Formula
/// As [`rake`]; converged when `max_{m,c} |sum_{j: code_mj = c} w_j - T_mc| / sum_c T_mc <=
/// relative_tolerance`. The result reports the cycles run and the largest relative error.
///
/// # Errors
/// As [`rake`], and [`Error::NotConverged`] when the tolerance is not reached within
/// `max_iterations` cycles (e.g. margins that no weights can satisfy together).
///
/// # References
/// Deming, W. E. & Stephan, F. F. (1940). *Annals of Mathematical Statistics* 11(4), 427-444.
///
/// ```
/// use lomonitor::stats::{Margin, RakeOptions, rake_with};
/// let (sex, age): (&[usize], &[usize]) = (&[0, 0, 1, 1, 1], &[0, 1, 0, 1, 1]);
/// let m = [Margin { codes: sex, targets: &[20.0, 30.0] }, Margin { codes: age, targets: &[25.0, 25.0] }];
/// let r = rake_with(&m, None, &RakeOptions::default())?;
/// assert!(r.converged && r.max_rel_deviation <= 1e-10);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn rake_with(margins: &[Margin<'_>], base: Option<&[f64]>, options: &RakeOptions) -> Result<RakeResult> {
    let rel = options.relative_tolerance;
    if !(rel.is_finite() && rel > 0.0) {
        return Err(Error::InvalidArgument {
            name: "relative_tolerance",
            message: format!("must be finite and positive, got {rel}"),
        });
    }
    let total: f64 = margins.first().map_or(0.0, |m| m.targets.iter().sum());
    let tolerance = if total.is_finite() && total > 0.0 { rel * total } else { rel };
    let r = rake_any(margins, base, tolerance, options.max_iterations)?;
    if !r.converged {
        return Err(Error::NotConverged {
            what: "raking",
            iterations: r.iterations,
            error: r.max_rel_deviation,
            tolerance: rel,
        });
    }
    Ok(r)
}

/// [`rake`] on margins of one-byte codes (categories `0..targets.len()`, at most 256), read in
/// place: the same weights, bit for bit, as [`rake`] on the codes widened to `usize`.
///
/// Both read the rows once per margin and cycle: each rescaling pass also sums the margin that
/// comes next (after the last margin: all of them, for the convergence check), chunk by chunk
/// while the chunk's weights are in the L1 cache.
///
/// # Formula
/// As [`rake`].
///
/// # Errors
/// As [`rake`].
///
/// # References
/// Deming, W. E. & Stephan, F. F. (1940). *Annals of Mathematical Statistics* 11(4), 427-444.
///
/// ```
/// use lomonitor::stats::{Margin, rake_codes};
/// let (sex, age): (&[u8], &[u8]) = (&[0, 0, 1, 1, 1], &[0, 1, 0, 1, 1]);
/// let m = [Margin { codes: sex, targets: &[20.0, 30.0] }, Margin { codes: age, targets: &[25.0, 25.0] }];
/// let r = rake_codes(&m, None, 1e-9, 100)?;
/// assert!(r.converged);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn rake_codes(
    margins: &[Margin<'_, u8>],
    base: Option<&[f64]>,
    tolerance: f64,
    max_iterations: usize,
) -> Result<RakeResult> {
    rake_any(margins, base, tolerance, max_iterations)
}

fn rake_any<C: Copy + Into<usize>>(
    margins: &[Margin<'_, C>],
    base: Option<&[f64]>,
    tolerance: f64,
    max_iterations: usize,
) -> Result<RakeResult> {
    let Some(first) = margins.first() else {
        return Err(Error::InvalidArgument { name: "margins", message: "at least one margin is needed".into() });
    };
    if !(tolerance.is_finite() && tolerance > 0.0) {
        return Err(Error::InvalidArgument {
            name: "tolerance",
            message: format!("tolerance must be finite and positive, got {tolerance}"),
        });
    }
    if max_iterations == 0 {
        return Err(Error::InvalidArgument { name: "max_iterations", message: "must be at least 1".into() });
    }
    let n = first.codes.len();
    if n == 0 {
        return Err(Error::TooFewObservations { what: "raking", min: 1, n });
    }
    let mut w = base_or_ones(base, n)?;
    let total: f64 = first.targets.iter().sum();
    let mut sums: Vec<Vec<f64>> = Vec::with_capacity(margins.len());
    for (m, margin) in margins.iter().enumerate() {
        if margin.codes.len() != n {
            return Err(Error::InvalidArgument {
                name: "margins",
                message: format!("margin {m} has {} codes for {n} respondents", margin.codes.len()),
            });
        }
        check_totals("margins.targets", margin.targets)?;
        let t: f64 = margin.targets.iter().sum();
        if (t - total).abs() > 1e-9 * total.abs().max(t.abs()) {
            return Err(Error::InvalidArgument {
                name: "margins",
                message: format!(
                    "the targets of margin {m} sum to {t}, those of margin 0 to {total}: all margins must have the same total"
                ),
            });
        }
        let mut s = vec![0.0; margin.targets.len()];
        let mut c = vec![0usize; margin.targets.len()];
        for (i, (&code, &wi)) in margin.codes.iter().zip(&w).enumerate() {
            let code: usize = code.into();
            match (s.get_mut(code), c.get_mut(code)) {
                (Some(s), Some(c)) => {
                    *s += wi;
                    *c += 1;
                }
                _ => {
                    return Err(Error::InvalidArgument {
                        name: "margins",
                        message: format!(
                            "respondent {i} has category {code} in margin {m}, which has only {} targets",
                            margin.targets.len()
                        ),
                    });
                }
            }
        }
        for (cat, ((&target, &si), &ci)) in margin.targets.iter().zip(&s).zip(&c).enumerate() {
            if target > 0.0 && si <= 0.0 {
                return Err(Error::InvalidArgument {
                    name: "margins",
                    message: format!(
                        "margin {m}, category {cat}: target {target} but no respondents (with positive base weight): collapse categories"
                    ),
                });
            }
            if target == 0.0 && ci > 0 {
                return Err(Error::InvalidArgument {
                    name: "margins",
                    message: format!("margin {m}, category {cat}: {ci} respondent(s) but target 0"),
                });
            }
        }
        sums.push(s);
    }

    // sums[m] holds margin m's category totals of the current weights whenever margin m is
    // next: margin 0's from the check above or from the end of the previous cycle, the others
    // from the update before them. Each update rescales the weights and sums the margins
    // needed next in the same pass over a chunk of rows (the next margin; all of them after the
    // last update, for the convergence check), so one cycle reads the rows once per margin.
    // The sums run in four interleaved partial sums per category (rows i mod 4), so that
    // neighbouring rows of one category do not wait on each other's addition.
    let mut iterations = 0;
    let mut deviation = f64::INFINITY;
    let n_margins = margins.len();
    let mut parts: Vec<Vec<[f64; 4]>> = margins.iter().map(|m| vec![[0.0; 4]; m.targets.len()]).collect();
    while iterations < max_iterations {
        iterations += 1;
        for (m, margin) in margins.iter().enumerate() {
            let factors: Vec<f64> = match sums.get(m) {
                Some(s) => margin.targets.iter().zip(s).map(|(&t, &si)| if si > 0.0 { t / si } else { 1.0 }).collect(),
                None => Vec::new(),
            };
            let wanted = if m + 1 == n_margins { 0..n_margins } else { m + 1..m + 2 };
            parts
                .iter_mut()
                .skip(wanted.start)
                .take(wanted.len())
                .for_each(|p| p.iter_mut().for_each(|x| *x = [0.0; 4]));
            for (start, chunk) in (0..).step_by(RAKE_CHUNK).zip(w.chunks_mut(RAKE_CHUNK)) {
                let rows = start..start + chunk.len();
                for (wi, &code) in chunk.iter_mut().zip(margin.codes.get(rows.clone()).unwrap_or_default()) {
                    if let Some(&f) = factors.get(code.into()) {
                        *wi *= f;
                    }
                }
                for (other, p) in margins.iter().zip(parts.iter_mut()).skip(wanted.start).take(wanted.len()) {
                    accumulate(other.codes.get(rows.clone()).unwrap_or_default(), chunk, p);
                }
            }
            for (s, p) in sums.iter_mut().zip(&parts).skip(wanted.start).take(wanted.len()) {
                s.iter_mut().zip(p).for_each(|(x, [a, b, c, d])| *x = (a + b) + (c + d));
            }
        }
        deviation = 0.0;
        for (margin, s) in margins.iter().zip(&sums) {
            for (&target, &si) in margin.targets.iter().zip(s.iter()) {
                deviation = f64::max(deviation, (si - target).abs());
            }
        }
        if deviation <= tolerance {
            break;
        }
    }
    Ok(RakeResult {
        weights: Weights::new(w, WeightMethod::Raking)?,
        iterations,
        converged: deviation <= tolerance,
        max_abs_deviation: deviation,
        max_rel_deviation: if total > 0.0 { deviation / total } else { deviation },
        tolerance,
        max_iterations,
    })
}

/// Rows per chunk of a raking pass: the chunk's weights (16 KiB) stay in the L1 cache while
/// they are rescaled and summed into the margins.
const RAKE_CHUNK: usize = 2048;

/// Add each weight to its category's partial sum `i mod 4` (row `i` of the chunk; chunks have
/// a length divisible by 4 except the last).
fn accumulate<C: Copy + Into<usize>>(codes: &[C], w: &[f64], parts: &mut [[f64; 4]]) {
    let (c4, c_rest) = codes.as_chunks::<4>();
    let (w4, w_rest) = w.as_chunks::<4>();
    for (c, w) in c4.iter().zip(w4) {
        for (lane, (&ci, &wi)) in c.iter().zip(w).enumerate() {
            if let Some(p) = parts.get_mut(ci.into()).and_then(|p| p.get_mut(lane)) {
                *p += wi;
            }
        }
    }
    for (&ci, &wi) in c_rest.iter().zip(w_rest) {
        if let Some([p, ..]) = parts.get_mut(ci.into()) {
            *p += wi;
        }
    }
}

/// The result of [`trim`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrimResult {
    /// The trimmed weights and their summary.
    pub weights: Weights,
    /// Weights set to the lower bound.
    pub n_trimmed_lower: usize,
    /// Weights set to the upper bound.
    pub n_trimmed_upper: usize,
    /// Sum of the weights before trimming.
    pub total_before: f64,
    /// The common factor `c` applied before capping (1 when `keep_total` is false).
    pub factor: f64,
    /// Whether the total was kept (`keep_total` was asked for).
    pub keep_total: bool,
}

/// Trim weights to `[lower, upper]`, optionally redistributing the trimmed amount over the
/// untrimmed weights so that the sum of the weights is unchanged.
///
/// With `keep_total`, every weight is multiplied by one common factor `c` and then capped, with
/// `c` chosen so that the total is unchanged: the capped amount is spread over the weights left
/// inside the bounds in proportion to their size. This is the fixed point of the usual
/// "cap, then rescale the others, repeat" procedure, and is well defined with both bounds.
/// Without `keep_total`, `c = 1`. Weights of 0 are left at 0 (they are not in the sample) and
/// never count as trimmed.
///
/// # Formula
/// ```text
/// w_i' = min(max(c w_i, lower), upper)            (w_i > 0)
/// keep_total: c solves sum_i w_i' = sum_i w_i    (bisection, then an exact final step)
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for invalid weights, `lower > upper`, a negative or non-finite
/// bound (`None` means no bound), or, with `keep_total`, when the bounds cannot hold the total
/// (`n+ * lower > W` or `n+ * upper < W`, with `n+` the number of positive weights);
/// [`Error::TooFewObservations`] for no weights or all weights 0.
///
/// # References
/// Potter, F. J. (1990). A study of procedures to identify and trim extreme sampling weights.
/// *Proceedings of the Section on Survey Research Methods, American Statistical Association*,
/// 225-230. Valliant, R., Dever, J. A. & Kreuter, F. (2018). *Practical Tools for Designing and
/// Weighting Survey Samples*, 2nd ed., §14.4.
pub fn trim(weights: &[f64], lower: Option<f64>, upper: Option<f64>, keep_total: bool) -> Result<TrimResult> {
    check_weights(weights, weights.len())?;
    let lo = lower.unwrap_or(0.0);
    let hi = upper.unwrap_or(f64::INFINITY);
    if !(lo.is_finite() && lo >= 0.0) || hi.is_nan() || hi < 0.0 || lo > hi {
        return Err(Error::InvalidArgument {
            name: "lower/upper",
            message: format!("bounds must satisfy 0 <= lower <= upper, got lower {lower:?}, upper {upper:?}"),
        });
    }
    let positive = weights.iter().filter(|w| **w > 0.0).count();
    if positive == 0 {
        return Err(Error::TooFewObservations { what: "trimming (positive weights)", min: 1, n: 0 });
    }
    let total: f64 = weights.iter().sum();
    if keep_total && (positive as f64 * lo > total * (1.0 + 1e-12) || positive as f64 * hi < total * (1.0 - 1e-12)) {
        return Err(Error::InvalidArgument {
            name: "lower/upper",
            message: format!("{positive} positive weights within [{lo}, {hi}] cannot sum to the total {total}"),
        });
    }
    let clamp = |c: f64| -> (Vec<f64>, f64) {
        let w: Vec<f64> = weights.iter().map(|&x| if x > 0.0 { (c * x).clamp(lo, hi) } else { 0.0 }).collect();
        let s = w.iter().sum();
        (w, s)
    };
    let mut factor = 1.0;
    if keep_total {
        // sum_i clamp(c w_i) is continuous and non-decreasing in c: bracket and bisect.
        let (mut a, mut b) = (1.0f64, 1.0f64);
        while clamp(a).1 > total && a > 1e-300 {
            a /= 2.0;
        }
        while clamp(b).1 < total && b < 1e300 {
            b *= 2.0;
        }
        for _ in 0..200 {
            let mid = 0.5 * (a + b);
            if mid <= a || mid >= b {
                break;
            }
            if clamp(mid).1 < total { a = mid } else { b = mid }
        }
        // exact final step: rescale the weights strictly inside the bounds
        let (w, _) = clamp(b);
        let (mut capped, mut free) = (0.0, 0.0);
        for (&wi, &x) in w.iter().zip(weights) {
            if wi > lo && wi < hi { free += x } else { capped += wi }
        }
        factor = if free > 0.0 { (total - capped) / free } else { b };
    }
    let (w, _) = clamp(factor);
    let n_trimmed_lower = weights.iter().filter(|&&x| x > 0.0 && factor * x < lo).count();
    let n_trimmed_upper = weights.iter().filter(|&&x| x > 0.0 && factor * x > hi).count();
    Ok(TrimResult {
        weights: Weights::new(w, WeightMethod::Trimming)?,
        n_trimmed_lower,
        n_trimmed_upper,
        total_before: total,
        factor,
        keep_total,
    })
}

fn sums(w: &[f64]) -> Result<(f64, f64)> {
    if w.is_empty() {
        return Err(Error::TooFewObservations { what: "design effect of weights", min: 1, n: 0 });
    }
    check_weights(w, w.len())?;
    // The sums of w / max(w): both callers are ratios that do not change with the scale, and
    // scaling keeps w_i^2 from underflowing to 0 (5e-324) or overflowing to inf (1e200).
    let m = w.iter().copied().fold(0.0f64, f64::max);
    if m <= 0.0 {
        return Err(Error::InvalidArgument { name: "weights", message: "all weights are 0".into() });
    }
    let s: f64 = w.iter().map(|x| x / m).sum();
    let s2: f64 = w.iter().map(|x| (x / m) * (x / m)).sum();
    Ok((s, s2))
}

/// Kish's design effect due to unequal weighting.
///
/// # Formula
/// ```text
/// deff = n * sum w_i^2 / (sum w_i)^2
/// ```
///
/// # Errors
/// [`Error::TooFewObservations`] for no weights; [`Error::InvalidArgument`] for a negative or
/// non-finite weight or when all weights are 0.
///
/// # References
/// Kish, L. (1965). *Survey Sampling*. New York: Wiley, §11.7.
pub fn kish_design_effect(w: &[f64]) -> Result<f64> {
    let (s, s2) = sums(w)?;
    Ok(w.len() as f64 * s2 / (s * s))
}

/// Kish's effective sample size of a set of weights.
///
/// # Formula
/// ```text
/// n_eff = (sum w_i)^2 / sum w_i^2
/// ```
///
/// # Errors
/// As [`kish_design_effect`].
///
/// # References
/// Kish, L. (1965). *Survey Sampling*. New York: Wiley, §11.7.
pub fn effective_sample_size(w: &[f64]) -> Result<f64> {
    let (s, s2) = sums(w)?;
    Ok(s * s / s2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poststratify_simple_and_errors() {
        let w = poststratify(&[0, 0, 1], &[10.0, 5.0], None).unwrap();
        assert_eq!(w.weights, vec![5.0, 5.0, 5.0]);
        assert!((w.kish_design_effect - 1.0).abs() < 1e-15);
        let e = poststratify(&[0, 0], &[10.0, 5.0], None).unwrap_err().to_string();
        assert!(e.contains("stratum 1"), "{e}");
        let e = poststratify(&[0, 1], &[10.0, 0.0], None).unwrap_err().to_string();
        assert!(e.contains("stratum 1"), "{e}");
        assert!(poststratify(&[0, 2], &[10.0, 5.0], None).is_err());
        assert!(poststratify(&[], &[10.0], None).is_err());
        assert!(poststratify(&[0], &[f64::NAN], None).is_err());
        // census: every weight 1
        let w = poststratify(&[0, 1, 1], &[1.0, 2.0], None).unwrap();
        assert_eq!(w.weights, vec![1.0, 1.0, 1.0]);
    }

    /// `rake_codes` against `rake` on the widened codes (bit for bit), and the fused passes
    /// against a plain reference of the algorithm (same iterations, weights to 1e-12), on
    /// lengths around the chunk size.
    #[test]
    fn rake_codes_equal_rake_and_reference() {
        let mut state = 23u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        // The algorithm as documented: one margin at a time, sums recomputed before each use.
        let reference = |codes: &[Vec<usize>], targets: &[Vec<f64>], tol: f64, max_it: usize| {
            let n = codes[0].len();
            let mut w = vec![1.0; n];
            let sums = |c: &[usize], w: &[f64], k: usize| {
                let mut s = vec![0.0; k];
                for (&ci, &wi) in c.iter().zip(w) {
                    s[ci] += wi;
                }
                s
            };
            let (mut it, mut dev) = (0, f64::INFINITY);
            while it < max_it {
                it += 1;
                for (c, t) in codes.iter().zip(targets) {
                    let s = sums(c, &w, t.len());
                    for (wi, &ci) in w.iter_mut().zip(c) {
                        if s[ci] > 0.0 {
                            *wi *= t[ci] / s[ci];
                        }
                    }
                }
                dev = 0.0f64;
                for (c, t) in codes.iter().zip(targets) {
                    for (si, ti) in sums(c, &w, t.len()).iter().zip(t) {
                        dev = dev.max((si - ti).abs());
                    }
                }
                if dev <= tol {
                    break;
                }
            }
            (w, it, dev)
        };
        for n in [1usize, 7, RAKE_CHUNK - 1, RAKE_CHUNK + 1, 3 * RAKE_CHUNK + 5] {
            for n_margins in [1usize, 2, 3] {
                let levels = [12usize, 5, 256];
                let bytes: Vec<Vec<u8>> = (0..n_margins)
                    .map(|m| {
                        (0..n)
                            .map(|i| if i < levels[m] { i as u8 } else { (next() % levels[m] as u64) as u8 })
                            .collect()
                    })
                    .collect();
                let wide: Vec<Vec<usize>> = bytes.iter().map(|c| c.iter().map(|&v| usize::from(v)).collect()).collect();
                // Targets: the category counts reshuffled to a common total, every category that
                // occurs gets a positive target.
                let targets: Vec<Vec<f64>> = wide
                    .iter()
                    .zip(levels)
                    .map(|(c, l)| {
                        let mut t = vec![0.0; l];
                        for &ci in c {
                            t[ci] += 1.0;
                        }
                        let raw: Vec<f64> = t
                            .iter()
                            .enumerate()
                            .map(|(k, &x)| if x > 0.0 { x + (k % 3) as f64 } else { 0.0 })
                            .collect();
                        let total: f64 = raw.iter().sum();
                        raw.iter().map(|x| x * 1000.0 / total).collect()
                    })
                    .collect();
                let mb: Vec<Margin<'_, u8>> =
                    bytes.iter().zip(&targets).map(|(c, t)| Margin { codes: c, targets: t }).collect();
                let mw: Vec<Margin<'_>> =
                    wide.iter().zip(&targets).map(|(c, t)| Margin { codes: c, targets: t }).collect();
                let a = rake_codes(&mb, None, 1e-9, 200).unwrap();
                let b = rake(&mw, None, 1e-9, 200).unwrap();
                assert_eq!(a, b);
                // The same iterations; the weights to rounding (the sums add in another order).
                let (w, it, dev) = reference(&wide, &targets, 1e-9, 200);
                assert_eq!(a.iterations, it, "n {n}, margins {n_margins}");
                assert!((a.max_abs_deviation - dev).abs() <= 1e-9, "{} {dev}", a.max_abs_deviation);
                for (x, y) in a.weights.weights.iter().zip(&w) {
                    assert!((x - y).abs() <= 1e-12 * y.abs(), "n {n}, margins {n_margins}: {x} {y}");
                }
            }
        }
        let codes: &[u8] = &[0, 2];
        assert!(rake_codes(&[Margin { codes, targets: &[1.0, 1.0] }], None, 1e-9, 10).is_err());
    }

    #[test]
    fn rake_reports_nonconvergence_and_errors() {
        let a = [0, 0, 1, 1, 1];
        let b = [0, 1, 0, 1, 1];
        let m = [Margin { codes: &a, targets: &[20.0, 30.0] }, Margin { codes: &b, targets: &[25.0, 25.0] }];
        let r = rake(&m, None, 1e-10, 1).unwrap();
        assert_eq!(r.iterations, 1);
        let r2 = rake(&m, None, 1e-10, 1000).unwrap();
        assert!(r2.converged && r2.max_abs_deviation <= 1e-10);
        assert!(!r.converged || r.max_abs_deviation <= 1e-10);
        // respondents only on the diagonal: the margins cannot both hold, raking never converges
        let d = [0, 0, 1, 1];
        let clash = [Margin { codes: &d, targets: &[20.0, 30.0] }, Margin { codes: &d, targets: &[25.0, 25.0] }];
        let r = rake(&clash, None, 1e-8, 50).unwrap();
        assert!(!r.converged && r.iterations == 50 && r.max_abs_deviation > 1.0, "{r:?}");
        let bad = [Margin { codes: &a, targets: &[20.0, 30.0] }, Margin { codes: &b, targets: &[25.0, 26.0] }];
        assert!(rake(&bad, None, 1e-8, 100).is_err());
        let empty = [Margin { codes: &a, targets: &[20.0, 30.0, 0.0] }, Margin { codes: &b, targets: &[25.0, 25.0] }];
        assert!(rake(&empty, None, 1e-8, 100).is_ok());
        let missing = [Margin { codes: &a, targets: &[20.0, 20.0, 10.0] }];
        let e = rake(&missing, None, 1e-8, 100).unwrap_err().to_string();
        assert!(e.contains("margin 0, category 2"), "{e}");
        let zero = [Margin { codes: &a, targets: &[50.0, 0.0] }];
        let e = rake(&zero, None, 1e-8, 100).unwrap_err().to_string();
        assert!(e.contains("margin 0, category 1"), "{e}");
        assert!(rake(&[], None, 1e-8, 100).is_err());
        assert!(rake(&m, None, 0.0, 100).is_err());
    }

    #[test]
    fn rake_with_reaches_the_relative_tolerance_or_errs() {
        let a = [0, 0, 1, 1, 1];
        let b = [0, 1, 0, 1, 1];
        let m = [Margin { codes: &a, targets: &[2.0e6, 3.0e6] }, Margin { codes: &b, targets: &[2.5e6, 2.5e6] }];
        let r = rake_with(&m, None, &RakeOptions::default()).unwrap();
        assert!(r.converged && r.max_rel_deviation <= 1e-10 && r.iterations > 1, "{r:?}");
        let d = [0, 0, 1, 1];
        let clash = [Margin { codes: &d, targets: &[20.0, 30.0] }, Margin { codes: &d, targets: &[25.0, 25.0] }];
        let e = rake_with(&clash, None, &RakeOptions { max_iterations: 20, ..RakeOptions::default() }).unwrap_err();
        assert!(matches!(e, Error::NotConverged { iterations: 20, .. }), "{e}");
        assert!(rake_with(&m, None, &RakeOptions { relative_tolerance: 0.0, max_iterations: 5 }).is_err());
    }

    #[test]
    fn trim_keeps_total() {
        let w = [1.0, 1.0, 1.0, 1.0, 10.0];
        let t = trim(&w, None, Some(4.0), true).unwrap();
        assert_eq!(t.n_trimmed_upper, 1);
        assert!((t.weights.total - 14.0).abs() < 1e-12);
        assert!(t.weights.weights.iter().all(|x| *x <= 4.0 + 1e-12));
        let t = trim(&w, Some(2.0), Some(4.0), true).unwrap();
        assert!((t.weights.total - 14.0).abs() < 1e-12);
        assert!(t.weights.weights.iter().all(|x| (2.0 - 1e-12..=4.0 + 1e-12).contains(x)));
        let t = trim(&w, None, Some(4.0), false).unwrap();
        assert!((t.weights.total - 8.0).abs() < 1e-12);
        assert!(trim(&w, Some(5.0), Some(4.0), false).is_err());
        assert!(trim(&w, None, Some(2.0), true).is_err());
    }

    #[test]
    fn kish() {
        assert!((kish_design_effect(&[1.0, 1.0, 1.0]).unwrap() - 1.0).abs() < 1e-15);
        assert!((effective_sample_size(&[1.0, 3.0]).unwrap() - 1.6).abs() < 1e-15);
        assert!(kish_design_effect(&[]).is_err() && kish_design_effect(&[0.0]).is_err());
    }
}
