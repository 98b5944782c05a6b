//! Exact conditional inference for a 2x2 table `[[a, b], [c, d]]` given its margins: Fisher's
//! exact test (two-sided, less, greater) in log space, the conditional maximum-likelihood odds
//! ratio with its exact interval, Woolf's interval for the sample odds ratio, and Pearson's
//! chi-square with Yates' continuity correction.
//!
//! The hypergeometric probabilities are computed as R's `dhyper` does (Loader's saddle-point
//! form: Stirling remainders and the deviance `bd0`), which keeps full relative precision for
//! any N (no `ln n!` differences that lose digits at N in the millions). Tails are summed from
//! their inner edge outwards and stop once the rest cannot change the sum (the distribution is
//! log-concave), so the work grows with the spread of the distribution, not with the counts.

use std::f64::consts::PI;

use crate::error::{Error, Result};
use crate::stats::{Interval, check_level, normal_quantile};

/// The alternative hypothesis of an exact test on the odds ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Alternative {
    /// Odds ratio != 1: the probability of all tables no more likely than the observed one.
    TwoSided,
    /// Odds ratio < 1: `P(X <= a)`.
    Less,
    /// Odds ratio > 1: `P(X >= a)`.
    Greater,
}

crate::options::named_options!(Alternative, arg = "alternative", what = "alternative hypothesis", {
    TwoSided => "two-sided",
    Less => "less",
    Greater => "greater",
});

/// The odds ratio of a 2x2 table with its intervals.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OddsRatio {
    /// The sample odds ratio `a d / (b c)`; `None` when `b c = 0`.
    pub sample: Option<f64>,
    /// Woolf's (log) interval for the sample odds ratio; `None` when a cell is 0.
    pub woolf: Option<Interval>,
    /// The conditional maximum-likelihood estimate (what R's `fisher.test` reports): 0 when `a`
    /// is the smallest value its margins allow, infinite when it is the largest.
    pub conditional: f64,
    /// The exact conditional interval of the odds ratio (bounds may be 0 or infinite).
    pub conditional_interval: Interval,
}

/// The margins of a 2x2 table, as the hypergeometric law of its cell `a`.
#[derive(Clone, Copy, Debug)]
struct Margins {
    /// First row total `a + b` (white balls).
    r0: f64,
    /// Second row total `c + d` (black balls).
    r1: f64,
    /// First column total `a + c` (balls drawn).
    c0: f64,
    /// Smallest and largest possible `a`.
    lo: u64,
    hi: u64,
}

fn margins(table: [u64; 4]) -> Result<Margins> {
    let [a, b, c, d] = table;
    let sum = |x: u64, y: u64| {
        x.checked_add(y)
            .ok_or_else(|| Error::InvalidArgument { name: "table", message: format!("cell counts {x} + {y} overflow") })
    };
    let (r0, r1, c0) = (sum(a, b)?, sum(c, d)?, sum(a, c)?);
    let n = sum(r0, r1)?;
    if n > 1 << 53 {
        return Err(Error::InvalidArgument { name: "table", message: format!("total {n} exceeds 2^53") });
    }
    Ok(Margins { r0: r0 as f64, r1: r1 as f64, c0: c0 as f64, lo: c0.saturating_sub(r1), hi: r0.min(c0) })
}

/// Stirling's remainder `ln n! - ln(sqrt(2 pi n) (n/e)^n)` (R's `stirlerr`, integer n).
fn stirlerr(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 0.0 {
        return 0.0;
    }
    if n <= 15.0 {
        return statrs::function::gamma::ln_gamma(n + 1.0) - (n + 0.5) * n.ln() + n - 0.5 * (2.0 * PI).ln();
    }
    let nn = n * n;
    if n > 500.0 {
        (S0 - S1 / nn) / n
    } else if n > 80.0 {
        (S0 - (S1 - S2 / nn) / nn) / n
    } else if n > 35.0 {
        (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
    }
}

/// The deviance term `x ln(x / m) + m - x`, accurate when x is close to m (R's `bd0`).
fn bd0(x: f64, m: f64) -> f64 {
    if (x - m).abs() < 0.1 * (x + m) {
        let mut v = (x - m) / (x + m);
        let mut s = (x - m) * v;
        let mut ej = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            ej *= v;
            let s1 = s + ej / f64::from(2 * j + 1);
            if s1 == s {
                return s1;
            }
            s = s1;
        }
        s
    } else {
        x * (x / m).ln() + m - x
    }
}

/// `ln P(Bin(n, p) = x)` with `q = 1 - p` (R's `dbinom_raw`, Loader 2000).
fn ln_dbinom(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        return if n == 0.0 {
            0.0
        } else if p < 0.1 {
            -bd0(n, n * q) - n * p
        } else {
            n * q.ln()
        };
    }
    if x == n {
        return if q < 0.1 { -bd0(n, n * p) - n * q } else { n * p.ln() };
    }
    if x < 0.0 || x > n {
        return f64::NEG_INFINITY;
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    let lf = (2.0 * PI).ln() + x.ln() + (-x / n).ln_1p();
    lc - 0.5 * lf
}

impl Margins {
    /// `ln P(X = x)` under the central hypergeometric law (R's `dhyper(log = TRUE)`).
    fn ln_pmf(&self, x: u64) -> f64 {
        let (x, n) = (x as f64, self.r0 + self.r1);
        let p = self.c0 / n;
        let q = (n - self.c0) / n;
        ln_dbinom(x, self.r0, p, q) + ln_dbinom(self.c0 - x, self.r1, p, q) - ln_dbinom(self.c0, n, p, q)
    }

    /// The mode of the central law.
    fn mode(&self) -> u64 {
        let m = ((self.r0 + 1.0) * (self.c0 + 1.0) / (self.r0 + self.r1 + 2.0)).floor() as u64;
        m.clamp(self.lo, self.hi)
    }

    /// `sum_{x from start outwards} P(X = x)` (outwards: down when `down`), stopping once the
    /// remaining terms cannot change the sum (they fall at least geometrically, log-concavity).
    fn tail(&self, start: u64, down: bool) -> f64 {
        let mut sum = 0.0f64;
        let mut prev = f64::INFINITY;
        let mut x = start;
        loop {
            let term = self.ln_pmf(x).exp();
            sum += term;
            let r = term / prev;
            if term == 0.0 || (prev.is_finite() && r < 1.0 && term * r / (1.0 - r) <= 1e-17 * sum) {
                break;
            }
            prev = term;
            if down {
                if x == self.lo {
                    break;
                }
                x -= 1;
            } else {
                if x == self.hi {
                    break;
                }
                x += 1;
            }
        }
        sum
    }
}

/// Fisher's exact test for the 2x2 table `[[a, b], [c, d]]`.
///
/// # Formula
/// ```text
/// P(x)      = C(a+b, x) C(c+d, a+c-x) / C(n, a+c)           (hypergeometric, x in lo..=hi)
/// two-sided = sum_{x: P(x) <= P(a) (1 + 1e-7)} P(x)          (R's fisher.test, scipy)
/// less      = sum_{x <= a} P(x);     greater = sum_{x >= a} P(x)
/// ```
/// `ln P(x)` is computed as R's `dhyper` (Loader's saddle-point form), so the test is right for
/// any N up to 2^53; the tables no more likely than `a` form two tails around the mode, whose
/// inner edges are found by bisection and which are summed outwards until the rest is below
/// 1e-17 of the sum: O(log N + spread) work, not O(N). A table with an empty row or column has
/// p = 1. The tail sums are divided by the sum over the support (as R's `fisher.test`), so p is
/// exactly 1 when every table counts; it lies in [0, 1] and is never -0.0.
///
/// # Errors
/// [`Error::InvalidArgument`] when the total overflows or exceeds 2^53.
///
/// # References
/// - Fisher, R. A. (1935). The logic of inductive inference. *JRSS* 98(1), 39-82.
/// - Loader, C. (2000). Fast and accurate computation of binomial probabilities. Technical
///   report, Bell Labs (R's `dbinom`/`dhyper`).
/// - Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., §3.5. Wiley.
///
/// ```
/// use lomonitor::stats::{Alternative, fisher_exact_test};
/// let p = fisher_exact_test([260, 260, 260, 260], Alternative::TwoSided)?;
/// assert_eq!(p, 1.0);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn fisher_exact_test(table: [u64; 4], alternative: Alternative) -> Result<f64> {
    let m = margins(table)?;
    let a = table[0];
    if m.lo == m.hi {
        return Ok(1.0);
    }
    let mode = m.mode();
    // The sum over the whole support, for normalising (as R's fisher.test): the p-value is then
    // exactly 1 when every table is counted, whatever the rounding of the terms.
    let total = m.tail(mode, true) + if mode < m.hi { m.tail(mode + 1, false) } else { 0.0 };
    let p = match alternative {
        Alternative::Less => {
            if a <= mode {
                m.tail(a, true) / total
            } else if a == m.hi {
                1.0
            } else {
                1.0 - m.tail(a + 1, false) / total
            }
        }
        Alternative::Greater => {
            if a >= mode {
                m.tail(a, false) / total
            } else if a == m.lo {
                1.0
            } else {
                1.0 - m.tail(a - 1, true) / total
            }
        }
        Alternative::TwoSided => {
            let threshold = m.ln_pmf(a) + 1e-7f64.ln_1p();
            // left tail: the last x in lo..=mode with ln P(x) <= threshold (ln P rises to the mode)
            let left = if m.ln_pmf(m.lo) <= threshold {
                let (mut lo, mut hi) = (m.lo, mode);
                while lo < hi {
                    let mid = lo + (hi - lo).div_ceil(2);
                    if m.ln_pmf(mid) <= threshold { lo = mid } else { hi = mid - 1 }
                }
                m.tail(lo, true)
            } else {
                0.0
            };
            // right tail: the first x in mode+1..=hi with ln P(x) <= threshold
            let right = if mode < m.hi && m.ln_pmf(m.hi) <= threshold {
                let (mut lo, mut hi) = (mode + 1, m.hi);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if m.ln_pmf(mid) <= threshold { hi = mid } else { lo = mid + 1 }
                }
                m.tail(lo, false)
            } else {
                0.0
            };
            (left + right) / total
        }
    };
    Ok(p.clamp(0.0, 1.0) + 0.0)
}

/// Moments of the noncentral (Fisher) hypergeometric law with odds ratio `exp(log_psi)`:
/// `P(X <= a)`, `P(X >= a)` and `E X`, summed outwards from its mode until negligible.
fn noncentral(m: &Margins, log_psi: f64, a: u64) -> (f64, f64, f64) {
    let d0 = m.r1 - m.c0; // d - (a + c) + a ... = c + d - (a + c)
    // ln f(x+1) - ln f(x)
    let step = |x: u64| {
        let x = x as f64;
        ((m.r0 - x) * (m.c0 - x)).ln() - ((x + 1.0) * (d0 + x + 1.0)).ln() + log_psi
    };
    // the mode: the first x whose step is negative (steps fall with x)
    let (mut lo, mut hi) = (m.lo, m.hi);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if step(mid) < 0.0 { hi = mid } else { lo = mid + 1 }
    }
    let mode = lo;
    let (mut total, mut below, mut above, mut mean) = (1.0f64, 0.0f64, 0.0f64, mode as f64);
    if mode <= a {
        below += 1.0;
    }
    if mode >= a {
        above += 1.0;
    }
    for down in [true, false] {
        let (mut x, mut lf) = (mode, 0.0f64);
        loop {
            if down {
                if x == m.lo {
                    break;
                }
                x -= 1;
                lf -= step(x);
            } else {
                if x == m.hi {
                    break;
                }
                lf += step(x);
                x += 1;
            }
            let f = lf.exp();
            total += f;
            mean += f * x as f64;
            if x <= a {
                below += f;
            }
            if x >= a {
                above += f;
            }
            if f <= 1e-18 * total {
                break;
            }
        }
    }
    (below / total, above / total, mean / total)
}

/// The root in `ln psi` of an increasing function `g`, by bisection (`g(-inf) < 0 < g(inf)`).
fn root_log_psi(g: impl Fn(f64) -> f64) -> f64 {
    let (mut lo, mut hi) = (-1.0f64, 1.0f64);
    while g(lo) > 0.0 && lo > -1400.0 {
        lo *= 2.0;
    }
    while g(hi) < 0.0 && hi < 1400.0 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid == lo || mid == hi {
            break;
        }
        if g(mid) < 0.0 { lo = mid } else { hi = mid }
    }
    0.5 * (lo + hi)
}

/// The odds ratio of the 2x2 table `[[a, b], [c, d]]`: the sample value with Woolf's interval,
/// and the conditional maximum-likelihood estimate with its exact interval.
///
/// # Formula
/// ```text
/// sample  OR = a d / (b c)
/// Woolf      = exp( ln OR ± z sqrt(1/a + 1/b + 1/c + 1/d) )         (all cells > 0)
/// P_psi(x)   ∝ C(a+b, x) C(c+d, a+c-x) psi^x                         (noncentral hypergeometric)
/// conditional MLE: psi with E_psi[X] = a   (0 at a = lo, infinite at a = hi)
/// exact CI   : lower psi with P_psi(X >= a) = alpha/2 (0 at a = lo),
///              upper psi with P_psi(X <= a) = alpha/2 (infinite at a = hi)
/// ```
/// These are R's `fisher.test` estimate and interval and scipy's
/// `odds_ratio(kind="conditional")`; Woolf's is statsmodels `Table2x2.oddsratio_confint(method="normal")`.
/// The equations are solved by bisection in `ln psi` to full precision.
///
/// # Errors
/// [`Error::InvalidArgument`] for a level outside (0, 1), or a total beyond 2^53;
/// [`Error::TooFewObservations`] when a row or column is empty (no odds ratio).
///
/// # References
/// - Woolf, B. (1955). On estimating the relation between blood group and disease. *Annals of
///   Human Genetics* 19, 251-253.
/// - Cornfield, J. (1956). A statistical problem arising from retrospective studies. *Proc.
///   Third Berkeley Symposium* 4, 135-148.
/// - Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., §3.1, §16.6. Wiley.
pub fn odds_ratio_2x2(table: [u64; 4], level: f64) -> Result<OddsRatio> {
    check_level(level)?;
    let m = margins(table)?;
    let [a, b, c, d] = table.map(|v| v as f64);
    if m.r0 == 0.0 || m.r1 == 0.0 || m.c0 == 0.0 || m.c0 == m.r0 + m.r1 {
        return Err(Error::TooFewObservations { what: "odds ratio (a row or column is empty)", min: 1, n: 0 });
    }
    let alpha = 1.0 - level;
    let sample = (b * c > 0.0).then(|| a * d / (b * c));
    let woolf = (a > 0.0 && b > 0.0 && c > 0.0 && d > 0.0).then(|| {
        let z = normal_quantile(1.0 - alpha / 2.0);
        let centre = (a * d / (b * c)).ln();
        let half = z * (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d).sqrt();
        Interval { lower: (centre - half).exp(), upper: (centre + half).exp(), level }
    });
    let x = table[0];
    let (conditional, lower, upper) = if m.lo == m.hi {
        (f64::NAN, 0.0, f64::INFINITY)
    } else {
        let mle = if x == m.lo {
            0.0
        } else if x == m.hi {
            f64::INFINITY
        } else {
            root_log_psi(|lp| noncentral(&m, lp, x).2 - x as f64).exp()
        };
        let lower = if x == m.lo { 0.0 } else { root_log_psi(|lp| noncentral(&m, lp, x).1 - alpha / 2.0).exp() };
        let upper =
            if x == m.hi { f64::INFINITY } else { root_log_psi(|lp| alpha / 2.0 - noncentral(&m, lp, x).0).exp() };
        (mle, lower, upper)
    };
    Ok(OddsRatio { sample, woolf, conditional, conditional_interval: Interval { lower, upper, level } })
}

/// Pearson's chi-square for a 2x2 table with Yates' continuity correction, and its p-value
/// (1 df); `None` when a row or column is empty.
///
/// # Formula
/// ```text
/// E_rc = R_r C_c / n;   X²_Yates = sum_rc (|O_rc - E_rc| - min(0.5, |O_rc - E_rc|))² / E_rc
/// ```
/// (the `min` keeps the correction from overshooting, as scipy's `chi2_contingency(correction=True)`).
///
/// # References
/// Yates, F. (1934). Contingency tables involving small numbers and the χ² test. *Supplement to
/// the JRSS* 1(2), 217-235.
pub fn chi_square_yates_2x2(table: [u64; 4]) -> Option<(f64, f64)> {
    let [a, b, c, d] = table.map(|v| v as f64);
    let n = a + b + c + d;
    let (rows, cols) = ([a + b, c + d], [a + c, b + d]);
    if rows.contains(&0.0) || cols.contains(&0.0) {
        return None;
    }
    let mut x2 = 0.0;
    for (i, o) in [a, b, c, d].into_iter().enumerate() {
        let e = rows.get(i / 2).copied().unwrap_or(0.0) * cols.get(i % 2).copied().unwrap_or(0.0) / n;
        let dev = (o - e).abs();
        x2 += (dev - dev.min(0.5)).powi(2) / e;
    }
    let p = statrs::distribution::ChiSquared::new(1.0).map_or(1.0, |d| statrs::distribution::ContinuousCDF::sf(&d, x2));
    Some((x2, p))
}

/// The result of [`fisher_rxc_monte_carlo`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MonteCarloExact {
    /// The Monte Carlo p-value `(1 + #{T_b <= T_obs}) / (B + 1)`.
    pub p_value: f64,
    /// Its Monte Carlo standard error `sqrt(p (1 - p) / B)`.
    pub mc_standard_error: f64,
    /// The number of simulated tables B.
    pub replicates: usize,
    /// The seed of the random generator (xoshiro256** seeded by SplitMix64), so the p-value
    /// can be reproduced.
    pub seed: u64,
    /// The statistic of the observed table, `-sum ln(x_ij!)` (larger is less probable).
    pub statistic: f64,
}

/// xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64: a small, fast generator for the
/// Monte Carlo tables (a report runs many), with unbiased bounded draws by Lemire's method.
struct Xoshiro256([u64; 4]);

impl Xoshiro256 {
    fn new(seed: u64) -> Self {
        let mut z = seed;
        let mut next = || {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = z;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        Self([next(), next(), next(), next()])
    }

    fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.0;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// Uniform in `0..n` (n >= 1), without bias (Lemire 2019).
    fn below(&mut self, n: u64) -> u64 {
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }
}

/// The default number of simulated tables of [`fisher_rxc_monte_carlo`] (as R's `fisher.test`).
pub const FISHER_RXC_REPLICATES: usize = 10_000;

/// The default seed of the exact r x c test in the study's analyses.
pub const FISHER_RXC_SEED: u64 = 20_260_101;

/// The Fisher–Freeman–Halton exact test of independence in an r x c table by seeded Monte
/// Carlo, as R's `fisher.test(x, simulate.p.value = TRUE, B = 10000)`: B tables are drawn
/// uniformly from those with the observed margins (a random permutation of the column labels of
/// the N units over the rows), and the p-value is the share of tables no more probable than the
/// observed one. `table` is row-major, `n_rows * n_cols` counts; rows and columns that are empty
/// play no part.
///
/// # Formula
/// ```text
/// T(x)  = sum_ij ln(x_ij!)            (P(x | margins) = const / exp(T): larger T, less probable)
/// p     = (1 + #{b : T(x_b) >= T(x_obs) (1 - 64 eps)}) / (B + 1)
/// MC SE = sqrt(p (1 - p) / B)
/// ```
/// R writes the statistic as `-sum lfactorial(x)` and compares with the tolerance `1 + 64 eps`;
/// this is the same test. The work is O(B · N).
///
/// # Errors
/// [`Error::InvalidArgument`] when the shape does not match the counts, `replicates` is 0, or
/// `B · N` exceeds 2·10⁹ (use the chi-square test or fewer replicates at that size);
/// [`Error::TooFewObservations`] for an empty table.
///
/// # References
/// - Freeman, G. H. & Halton, J. H. (1951). Note on an exact treatment of contingency, goodness
///   of fit and other problems of significance. *Biometrika* 38, 141–149.
/// - Hope, A. C. A. (1968). A simplified Monte Carlo significance test procedure. *JRSS B* 30,
///   582–598.
/// - R Core Team. `fisher.test` (stats), `simulate.p.value`.
///
/// ```
/// use lomonitor::stats::fisher_rxc_monte_carlo;
/// let t = fisher_rxc_monte_carlo(&[3, 1, 0, 1, 3, 1, 0, 1, 4], 3, 3, 2000, 1)?;
/// assert!(t.p_value > 0.0 && t.p_value <= 1.0 && t.replicates == 2000);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn fisher_rxc_monte_carlo(
    table: &[u64],
    n_rows: usize,
    n_cols: usize,
    replicates: usize,
    seed: u64,
) -> Result<MonteCarloExact> {
    if n_rows.checked_mul(n_cols) != Some(table.len()) {
        return Err(Error::InvalidArgument {
            name: "table",
            message: format!("{} counts for a {n_rows} x {n_cols} table", table.len()),
        });
    }
    if replicates == 0 {
        return Err(Error::InvalidArgument { name: "replicates", message: "need at least 1 replicate".into() });
    }
    let total = table
        .iter()
        .try_fold(0u64, |a, &x| a.checked_add(x))
        .ok_or(Error::InvalidArgument { name: "table", message: "the counts overflow".into() })?;
    if total == 0 {
        return Err(Error::TooFewObservations { what: "exact r x c test", min: 1, n: 0 });
    }
    if (total as f64) * (replicates as f64) > 2e9 {
        return Err(Error::InvalidArgument {
            name: "replicates",
            message: format!(
                "{replicates} replicates of a table of {total}: more than 2e9 draws; use the chi-square test or fewer replicates"
            ),
        });
    }
    let n =
        usize::try_from(total).map_err(|_| Error::InvalidArgument { name: "table", message: "too large".into() })?;
    let cell = |i: usize, j: usize| table.get(i * n_cols + j).copied().unwrap_or(0);
    let row_totals: Vec<usize> = (0..n_rows).map(|i| (0..n_cols).map(|j| cell(i, j) as usize).sum()).collect();
    // ln k! for k = 0..=n
    let mut lnfact = Vec::with_capacity(n + 1);
    lnfact.push(0.0f64);
    let mut acc = 0.0f64;
    for k in 1..=n {
        acc += (k as f64).ln();
        lnfact.push(acc);
    }
    let lf = |k: usize| lnfact.get(k).copied().unwrap_or(0.0);
    let observed: f64 = table.iter().map(|&x| lf(x as usize)).sum();
    // the column label of each unit
    let mut labels: Vec<usize> = Vec::with_capacity(n);
    for j in 0..n_cols {
        let c: u64 = (0..n_rows).map(|i| cell(i, j)).sum();
        labels.extend(std::iter::repeat_n(j, c as usize));
    }
    let mut rng = Xoshiro256::new(seed);
    let threshold = observed * (1.0 - 64.0 * f64::EPSILON);
    let mut counts = vec![0usize; n_cols];
    let mut extreme = 0usize;
    for _ in 0..replicates {
        // Fisher-Yates shuffle
        for i in (1..n).rev() {
            let k = rng.below(i as u64 + 1) as usize;
            labels.swap(i, k);
        }
        let mut stat = 0.0;
        let mut start = 0usize;
        for &r in &row_totals {
            counts.iter_mut().for_each(|c| *c = 0);
            for &j in labels.get(start..start + r).unwrap_or_default() {
                if let Some(c) = counts.get_mut(j) {
                    *c += 1;
                }
            }
            stat += counts.iter().map(|&c| lf(c)).sum::<f64>();
            start += r;
        }
        if stat >= threshold {
            extreme += 1;
        }
    }
    let b = replicates as f64;
    let p = (1.0 + extreme as f64) / (b + 1.0);
    Ok(MonteCarloExact {
        p_value: p,
        mc_standard_error: (p * (1.0 - p) / b).sqrt(),
        replicates,
        seed,
        statistic: -observed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_balanced_tables_are_one_not_minus_zero() {
        for k in [1u64, 10, 259, 260, 1000, 100_000, 10_000_000] {
            let p = fisher_exact_test([k, k, k, k], Alternative::TwoSided).unwrap();
            assert_eq!(p.to_bits(), 1.0f64.to_bits(), "k = {k}");
        }
        let t = std::time::Instant::now();
        let p = fisher_exact_test([3, 100_000_000, 100_000_000, 3], Alternative::TwoSided).unwrap();
        assert!(p.to_bits() == 0.0f64.to_bits() || (p > 0.0 && p < 1e-300), "{p}");
        assert!(t.elapsed().as_secs_f64() < 1.0, "{:?}", t.elapsed());
        assert_eq!(fisher_exact_test([0, 0, 3, 4], Alternative::Less).unwrap(), 1.0);
    }
}
