//! A proportion `x / n` with a confidence interval, optionally for a sample of `n` drawn
//! without replacement from a finite population of `N` (the finite population correction).
//!
//! Notation used in every formula below:
//! ```text
//! p  = x / n                       the estimate
//! f  = n / N  (0 when N unknown)   the sampling fraction
//! n* = n / (1 - f)                 the effective sample size (infinite at a census)
//! z  = normal quantile at 1 - alpha/2,  alpha = 1 - level
//! SE = sqrt((1 - f) * p * (1 - p) / n)
//! ```
//!
//! At a census (`n = N`) the SE is 0 and every method except [`CiMethod::ClopperPearson`]
//! collapses the interval to the estimate: nothing is left to estimate. Clopper–Pearson is the
//! binomial (infinite population) interval and ignores `N` by definition; use
//! [`CiMethod::Hypergeometric`] or [`CiMethod::KornGraubard`] for a finite population.

use statrs::distribution::{Beta, ContinuousCDF, DiscreteCDF, Hypergeometric};

use crate::error::{Error, Result};
use crate::stats::{Interval, check_level, normal_quantile};

/// How to compute the confidence interval of a proportion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum CiMethod {
    /// Normal approximation `p ± z SE`, clipped to [0, 1] (as statsmodels `method="normal"`).
    /// Zero width at p = 0 or 1: flagged `degenerate`.
    Wald,
    /// Wilson score interval with the effective sample size `n*`.
    Wilson,
    /// Clopper–Pearson exact binomial interval (Beta quantiles); ignores `N`.
    ClopperPearson,
    /// Wald interval on the logit scale, back-transformed. Undefined at p = 0 or 1: returns
    /// `[p, p]` flagged `degenerate`.
    Logit,
    /// Korn–Graubard: Clopper–Pearson with the effective sample size `n*` and `x* = p n*`
    /// (for a simple random sample the degrees-of-freedom factor is 1). Equals Clopper–Pearson
    /// when `N` is unknown.
    KornGraubard,
    /// Exact finite-population interval from inverting the hypergeometric test; needs `N`. The
    /// bounds are population counts `K / N`, on a lattice of step `1/N`; where the sample share
    /// `x / n`, not itself a possible `K / N`, would lie outside an interval that has collapsed
    /// to a single `K` (a near-census at a low level), the bound is moved to `x / n`, so that
    /// the interval always contains the estimate.
    Hypergeometric,
}

crate::options::named_options!(CiMethod, arg = "ci", what = "interval method", {
    Wald => "wald",
    Wilson => "wilson",
    ClopperPearson => "clopper-pearson" | "exact" | "beta",
    Logit => "logit",
    KornGraubard => "korn-graubard",
    Hypergeometric => "hypergeometric",
});

impl CiMethod {
    /// The method's name for readers (notes under tables, the methods text), in `lang`.
    ///
    /// The one label of each method: a new variant makes the compiler ask for its label here.
    pub fn label(self, lang: crate::meta::Language) -> &'static str {
        match self {
            Self::Wald => lang.tr("Wald (normale benadering)", "Wald (normal approximation)"),
            Self::Wilson => "Wilson",
            Self::ClopperPearson => "Clopper–Pearson",
            Self::Logit => "logit",
            Self::KornGraubard => "Korn–Graubard",
            Self::Hypergeometric => lang.tr("exact hypergeometrisch", "exact hypergeometric"),
        }
    }
}

/// A proportion with its standard error and confidence interval.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProportionEstimate {
    /// The proportion `x / n`.
    pub estimate: f64,
    /// Standard error `sqrt((1 - f) p (1 - p) / n)`.
    pub se: f64,
    /// The confidence interval.
    pub interval: Interval,
    /// The method used.
    pub method: CiMethod,
    /// Number of "successes".
    pub x: u64,
    /// Sample size.
    pub n: u64,
    /// Population size, when known.
    pub population: Option<u64>,
    /// Whether the interval has zero width because the method breaks down (Wald or logit at
    /// p = 0 or 1), not because the population was fully observed.
    pub degenerate: bool,
    /// Why the interval is degenerate, when it is.
    pub degenerate_reason: Option<String>,
}

/// The effective sample size n* = n / (1 - n/N); `None` at a census (infinite).
fn effective_n(n: u64, population: Option<u64>) -> Option<f64> {
    match population {
        Some(big_n) if big_n == n => None,
        Some(big_n) => Some(n as f64 / (1.0 - n as f64 / big_n as f64)),
        None => Some(n as f64),
    }
}

fn beta_quantile(a: f64, b: f64, q: f64) -> Result<f64> {
    let dist = Beta::new(a, b).map_err(|e| Error::InvalidArgument {
        name: "x",
        message: format!("Beta({a}, {b}) for the Clopper-Pearson bound: {e}"),
    })?;
    dist.try_inverse_cdf(q)
        .map_err(|e| Error::InvalidArgument { name: "level", message: format!("Beta quantile at {q}: {e}") })
}

/// Clopper–Pearson bounds for `x` successes in `n` trials (both may be non-integer, as in
/// Korn–Graubard's effective counts).
fn clopper_pearson(x: f64, n: f64, alpha: f64) -> Result<(f64, f64)> {
    let lower = if x <= 0.0 { 0.0 } else { beta_quantile(x, n - x + 1.0, alpha / 2.0)? };
    let upper = if x >= n { 1.0 } else { beta_quantile(x + 1.0, n - x, 1.0 - alpha / 2.0)? };
    Ok((lower, upper))
}

/// Make the interval contain the estimate and pin the bounds at the boundary counts: the lower
/// bound is exactly 0 at x = 0 and the upper bound exactly 1 at x = n (rounding in
/// `centre ± half` otherwise leaves 1.7e-18 or 0.9999999999999999), and every bound lies in
/// [0, 1] with `lower <= p <= upper`.
pub(crate) fn pin_bounds(lower: f64, upper: f64, p: f64, at_zero: bool, at_all: bool) -> (f64, f64) {
    let lower = if at_zero { 0.0 } else { lower.clamp(0.0, 1.0).min(p) };
    let upper = if at_all { 1.0 } else { upper.clamp(0.0, 1.0).max(p) };
    (lower, upper)
}

/// The largest population the hypergeometric interval takes (statrs adds counts in u64).
const MAX_HYPERGEOMETRIC_POPULATION: u64 = 1 << 53;

/// The exact hypergeometric interval for the population count K, as proportions K / N.
fn hypergeometric_interval(x: u64, n: u64, big_n: u64, alpha: f64) -> Result<(f64, f64)> {
    let dist = |k: u64| {
        Hypergeometric::new(big_n, k, n).map_err(|e| Error::InvalidArgument {
            name: "population",
            message: format!("hypergeometric(N = {big_n}, K = {k}, n = {n}): {e}"),
        })
    };
    // K is at least x and at most N - (n - x). P(X >= x | K) grows with K and P(X <= x | K)
    // falls with K (the hypergeometric is stochastically increasing in K), so each bound is
    // found by bisection: O(log N) distributions, not O(N).
    let k_min = x;
    let k_max = big_n - (n - x);
    let upper_tail_ok = |k: u64| -> Result<bool> {
        // P(X >= x | K) = 1 - P(X <= x - 1 | K)
        Ok((if x == 0 { 1.0 } else { dist(k)?.sf(x - 1) }) > alpha / 2.0)
    };
    let lower = if upper_tail_ok(k_max)? {
        let (mut a, mut b) = (k_min, k_max); // the first K where it holds
        while a < b {
            let m = a + (b - a) / 2;
            if upper_tail_ok(m)? { b = m } else { a = m + 1 }
        }
        a
    } else {
        k_min
    };
    let lower_tail_ok = |k: u64| -> Result<bool> { Ok(dist(k)?.cdf(x) > alpha / 2.0) };
    let upper = if lower_tail_ok(k_min)? {
        let (mut a, mut b) = (k_min, k_max); // the last K where it holds
        while a < b {
            let m = a + (b - a).div_ceil(2);
            if lower_tail_ok(m)? { a = m } else { b = m - 1 }
        }
        a
    } else {
        k_max
    };
    Ok((lower as f64 / big_n as f64, upper as f64 / big_n as f64))
}

/// Estimate the proportion `x / n` with a confidence interval at `level`.
///
/// With `population = Some(N)` the sample is taken as a simple random sample without
/// replacement from N units and the finite population correction enters through the
/// variance (Wald, Logit), the effective sample size (Wilson, Korn–Graubard) or the exact
/// hypergeometric distribution (Hypergeometric).
///
/// # Formula
/// ```text
/// SE           = sqrt((1 - f) p (1 - p) / n)
/// Wald         = p ± z SE, clipped to [0, 1]
/// Wilson       = (p + z²/(2n*)) / (1 + z²/n*) ± z / (1 + z²/n*) sqrt(p(1-p)/n* + z²/(4n*²))
///                (the score test |p - π| <= z sqrt((1-f) π(1-π)/n) solved for π)
/// Logit        = expit( logit(p) ± z / sqrt(n* p (1 - p)) )     (= logit(p) ± z SE/(p(1-p)))
/// Clopper-P.   = [ B(alpha/2; x, n-x+1), B(1-alpha/2; x+1, n-x) ]   (B = Beta quantile)
/// Korn-Graubard= [ B(alpha/2; x*, n*-x*+1), B(1-alpha/2; x*+1, n*-x*) ],  x* = p n*
///                (the factor (t_{n-1}/t_df)² of Korn & Graubard is 1 for df = n - 1)
/// Hypergeom.   = [K_L / N, K_U / N],
///                K_L = min{K : P(X >= x | N, K, n) > alpha/2},
///                K_U = max{K : P(X <= x | N, K, n) > alpha/2}
/// ```
/// Every interval contains p and lies in [0, 1]; at x = 0 the lower bound is exactly 0 and at
/// x = n the upper bound is exactly 1, for every method (not a rounding residue such as 1.7e-18
/// or 0.9999999999999999).
/// At a census (n = N) all methods but Clopper–Pearson return `[p, p]` (SE 0): correct, the
/// population value is known. Wald and Logit at p = 0 or 1 (and not a census) return `[p, p]`
/// with `degenerate = true` and a reason: use Wilson, Korn–Graubard or Hypergeometric there.
///
/// # Errors
/// [`Error::TooFewObservations`] when `n = 0`; [`Error::InvalidArgument`] when `x > n`,
/// `n > N`, the level is not in (0, 1), or `Hypergeometric` is asked without `N` or with
/// N > 2^53.
///
/// # References
/// - Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
///   inference. *JASA* 22, 209–212.
/// - Clopper, C. J. & Pearson, E. S. (1934). *Biometrika* 26, 404–413.
/// - Korn, E. L. & Graubard, B. I. (1998). Confidence intervals for proportions with small
///   expected number of positive counts estimated from survey data. *Survey Methodology* 24,
///   193–201.
/// - Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.), sections 3.2–3.6. Wiley.
/// - Wright, T. (1991). *Exact Confidence Bounds when Sampling from Small Finite Universes*.
///   Lecture Notes in Statistics 66. Springer.
///
/// ```
/// use lomonitor::stats::{proportion_ci, CiMethod};
/// let e = proportion_ci(12, 40, 0.95, CiMethod::Wilson, None)?;
/// assert!((e.interval.lower - 0.1807).abs() < 1e-4);
/// let census = proportion_ci(12, 40, 0.95, CiMethod::Hypergeometric, Some(40))?;
/// assert_eq!((census.interval.lower, census.interval.upper), (0.3, 0.3));
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn proportion_ci(
    x: u64,
    n: u64,
    level: f64,
    method: CiMethod,
    population: Option<u64>,
) -> Result<ProportionEstimate> {
    check_level(level)?;
    if n == 0 {
        return Err(Error::TooFewObservations { what: "proportion", min: 1, n: 0 });
    }
    if x > n {
        return Err(Error::InvalidArgument { name: "x", message: format!("{x} successes in {n} trials") });
    }
    if let Some(big_n) = population
        && n > big_n
    {
        return Err(Error::InvalidArgument {
            name: "population",
            message: format!("sample size {n} exceeds population size {big_n}"),
        });
    }
    let alpha = 1.0 - level;
    let z = normal_quantile(1.0 - alpha / 2.0);
    let nf = n as f64;
    let p = x as f64 / nf;
    let fpc = population.map_or(1.0, |big_n| 1.0 - nf / big_n as f64);
    let se = (fpc * p * (1.0 - p) / nf).sqrt();
    let n_eff = effective_n(n, population);
    let boundary = x == 0 || x == n;
    let mut degenerate_reason = None;

    let (raw_lower, raw_upper) = match method {
        CiMethod::ClopperPearson => clopper_pearson(x as f64, nf, alpha)?,
        CiMethod::Hypergeometric => {
            let big_n = population.ok_or_else(|| Error::InvalidArgument {
                name: "population",
                message: "the hypergeometric interval needs the population size N".into(),
            })?;
            if big_n > MAX_HYPERGEOMETRIC_POPULATION {
                return Err(Error::InvalidArgument {
                    name: "population",
                    message: format!(
                        "N = {big_n} is too large for the hypergeometric interval (at most \
                         {MAX_HYPERGEOMETRIC_POPULATION}); use Wilson or Korn-Graubard with N"
                    ),
                });
            }
            hypergeometric_interval(x, n, big_n, alpha)?
        }
        _ if n_eff.is_none() => (p, p),
        CiMethod::Wald => {
            if boundary {
                degenerate_reason =
                    Some(format!("Wald interval has zero width at p = {p}: its variance p(1-p)/n is 0"));
            }
            ((p - z * se).max(0.0), (p + z * se).min(1.0))
        }
        CiMethod::Logit => {
            if boundary {
                degenerate_reason = Some(format!("logit interval is undefined at p = {p}: returned [p, p]"));
                (p, p)
            } else {
                let m = n_eff.unwrap_or(nf);
                let centre = (p / (1.0 - p)).ln();
                let half = z / (m * p * (1.0 - p)).sqrt();
                let expit = |v: f64| 1.0 / (1.0 + (-v).exp());
                (expit(centre - half), expit(centre + half))
            }
        }
        CiMethod::Wilson => {
            let m = n_eff.unwrap_or(nf);
            let z2 = z * z;
            let denom = 1.0 + z2 / m;
            let centre = (p + z2 / (2.0 * m)) / denom;
            let half = z / denom * (p * (1.0 - p) / m + z2 / (4.0 * m * m)).sqrt();
            ((centre - half).max(0.0), (centre + half).min(1.0))
        }
        CiMethod::KornGraubard => {
            let m = n_eff.unwrap_or(nf);
            clopper_pearson(p * m, m, alpha)?
        }
    };
    let (lower, upper) = pin_bounds(raw_lower, raw_upper, p, x == 0, x == n);
    Ok(ProportionEstimate {
        estimate: p,
        se,
        interval: Interval { lower, upper, level },
        method,
        x,
        n,
        population,
        degenerate: degenerate_reason.is_some(),
        degenerate_reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [CiMethod; 6] = [
        CiMethod::Wald,
        CiMethod::Wilson,
        CiMethod::ClopperPearson,
        CiMethod::Logit,
        CiMethod::KornGraubard,
        CiMethod::Hypergeometric,
    ];

    #[test]
    fn errors() {
        assert!(matches!(proportion_ci(0, 0, 0.95, CiMethod::Wald, None), Err(Error::TooFewObservations { .. })));
        assert!(proportion_ci(5, 4, 0.95, CiMethod::Wald, None).is_err());
        assert!(proportion_ci(1, 4, 0.95, CiMethod::Wald, Some(3)).is_err());
        assert!(proportion_ci(1, 4, 1.0, CiMethod::Wald, None).is_err());
        assert!(proportion_ci(1, 4, 0.95, CiMethod::Hypergeometric, None).is_err());
    }

    #[test]
    fn census_collapses_except_clopper_pearson() {
        for m in ALL {
            let e = proportion_ci(7, 20, 0.95, m, Some(20)).unwrap();
            assert_eq!(e.se, 0.0);
            if m == CiMethod::ClopperPearson {
                assert!(e.interval.lower < 0.35 && e.interval.upper > 0.35);
            } else {
                assert_eq!((e.interval.lower, e.interval.upper), (0.35, 0.35), "{m:?}");
            }
            assert!(!e.degenerate);
        }
    }

    /// Regression (issue 18): Wilson's `centre - half` left 1.7e-18 > p = 0 and `centre + half`
    /// 0.9999999999999999 < p = 1 for about a quarter of n in 1..400.
    #[test]
    fn bounds_are_exact_at_zero_and_n_for_every_n_and_method() {
        for n in 1..=400u64 {
            for population in [None, Some(n + 1), Some(342.max(n)), Some(10 * n)] {
                for m in ALL {
                    if m == CiMethod::Hypergeometric && population.is_none() {
                        continue;
                    }
                    for level in [0.9, 0.95, 0.99] {
                        let zero = proportion_ci(0, n, level, m, population).unwrap();
                        assert_eq!(zero.interval.lower.to_bits(), 0.0f64.to_bits(), "{m:?} n={n} N={population:?}");
                        assert!(zero.interval.upper >= 0.0 && zero.interval.upper <= 1.0);
                        let all = proportion_ci(n, n, level, m, population).unwrap();
                        assert_eq!(all.interval.upper, 1.0, "{m:?} n={n} N={population:?}");
                        assert!(all.interval.lower >= 0.0 && all.interval.lower <= 1.0);
                    }
                }
            }
        }
    }

    #[test]
    fn every_interval_contains_the_estimate() {
        for n in [1u64, 2, 3, 7, 40, 341] {
            for x in 0..=n {
                for m in ALL {
                    for population in [Some(342), Some(n + 1)] {
                        let e = proportion_ci(x, n, 0.5, m, population).unwrap();
                        let (lo, hi) = (e.interval.lower, e.interval.upper);
                        assert!(0.0 <= lo && lo <= e.estimate && e.estimate <= hi && hi <= 1.0, "{m:?} {x}/{n}: {e:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn boundaries() {
        for (x, p) in [(0u64, 0.0), (30, 1.0)] {
            for m in ALL {
                let e = proportion_ci(x, 30, 0.95, m, Some(342)).unwrap();
                assert!(e.interval.lower <= p && p <= e.interval.upper);
                match m {
                    CiMethod::Wald | CiMethod::Logit => {
                        assert!(e.degenerate && e.degenerate_reason.is_some());
                        assert_eq!(e.interval.upper - e.interval.lower, 0.0);
                    }
                    _ => {
                        assert!(!e.degenerate);
                        assert!(e.interval.upper - e.interval.lower > 0.01, "{m:?} {e:?}");
                    }
                }
            }
        }
    }
}
