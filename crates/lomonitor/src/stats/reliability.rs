//! Reliability of a multi-item scale: Cronbach's alpha with Feldt's interval, standardized
//! alpha, item statistics (alpha if item deleted, corrected item-total correlation) and the
//! design-weighted alpha of R survey's `svycralpha`.
//!
//! # Data layout
//! Items are columns, one slice per item, each holding one value per respondent (row):
//! `items[j][i]` is respondent `i`'s answer to item `j`, `None` when missing. The slices are
//! borrowed, not copied (a study keeps its answers per item already). All items must have the
//! same length. Reverse-keyed items are recoded by the caller with [`reverse_code`] before the
//! call.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use super::{Interval, check_level, check_weights};
use crate::error::{Error, Result};

/// How missing answers are handled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Missing {
    /// Only respondents who answered every item are used (psych's `use = "complete.obs"`).
    #[default]
    Listwise,
    /// Every covariance uses the respondents who answered both items, with their own means
    /// (pandas `DataFrame.cov` / `corr`, pingouin's `nan_policy = "pairwise"`).
    Pairwise,
}

crate::options::named_options!(Missing, arg = "missing", what = "missing-data policy", {
    Listwise => "listwise",
    Pairwise => "pairwise",
});

/// Statistics of one item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemStatistics {
    /// Respondents whose answer to this item was used.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Standard deviation (denominator n - 1).
    pub sd: f64,
    /// Cronbach's alpha of the other items (`None` with 2 items, or when undefined).
    pub alpha_if_deleted: Option<f64>,
    /// Correlation of the item with the sum of the other items (`None` when undefined).
    pub item_total_correlation: Option<f64>,
    /// Why a statistic is `None`.
    pub note: Option<String>,
}

/// Reliability of a scale.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScaleReliability {
    /// Number of items.
    pub k: usize,
    /// Respondents (rows) given.
    pub n_rows: usize,
    /// Respondents used: complete rows (listwise) or rows with at least one answer (pairwise).
    pub n: usize,
    /// Missing answers among the rows given.
    pub n_missing: usize,
    /// The missing-data handling.
    pub missing: Missing,
    /// Cronbach's alpha.
    pub alpha: f64,
    /// Feldt's interval for alpha.
    pub interval: Interval,
    /// Standardized alpha from the mean inter-item correlation (`None` if an item is constant).
    pub standardized_alpha: Option<f64>,
    /// Mean of the k(k-1)/2 inter-item correlations (`None` if an item is constant).
    pub mean_inter_item_correlation: Option<f64>,
    /// Per-item statistics, in the order given.
    pub items: Vec<ItemStatistics>,
    /// Design-weighted alpha (R survey `svycralpha`) over the complete rows, when weights were
    /// given.
    pub weighted_alpha: Option<f64>,
    /// A description of the method.
    pub method: String,
}

/// Reverse-code an answer on a scale from `min` to `max`: `min + max - x`.
///
/// # Formula
/// ```text
/// x' = min + max - x        (1..5: 1 <-> 5, 2 <-> 4, 3 stays)
/// ```
///
/// # References
/// Nunnally, J. C., & Bernstein, I. H. (1994). *Psychometric Theory* (3rd ed.), ch. 8.
/// McGraw-Hill.
pub fn reverse_code(x: f64, min: f64, max: f64) -> f64 {
    min + max - x
}

/// Pairwise covariance of two columns on the rows where both are present, with the means
/// of those rows; also each column's variance on those rows and the count.
struct Pair {
    n: usize,
    cov: f64,
    var_a: f64,
    var_b: f64,
}

fn pair(a: &[Option<f64>], b: &[Option<f64>], rows: &[bool]) -> Pair {
    let mut n = 0usize;
    let (mut sa, mut sb) = (0.0, 0.0);
    for ((x, y), &keep) in a.iter().zip(b).zip(rows) {
        if let (true, Some(x), Some(y)) = (keep, x, y) {
            n += 1;
            sa += x;
            sb += y;
        }
    }
    if n < 2 {
        return Pair { n, cov: f64::NAN, var_a: f64::NAN, var_b: f64::NAN };
    }
    let (ma, mb) = (sa / n as f64, sb / n as f64);
    let (mut c, mut va, mut vb) = (0.0, 0.0, 0.0);
    for ((x, y), &keep) in a.iter().zip(b).zip(rows) {
        if let (true, Some(x), Some(y)) = (keep, x, y) {
            c += (x - ma) * (y - mb);
            va += (x - ma).powi(2);
            vb += (y - mb).powi(2);
        }
    }
    let d = n as f64 - 1.0;
    Pair { n, cov: c / d, var_a: va / d, var_b: vb / d }
}

fn alpha_from(cov: &[f64], k: usize, keep: impl Fn(usize) -> bool) -> Option<f64> {
    let mut trace = 0.0;
    let mut total = 0.0;
    let mut kk = 0usize;
    for i in (0..k).filter(|&i| keep(i)) {
        kk += 1;
        for j in (0..k).filter(|&j| keep(j)) {
            let c = cov.get(i * k + j).copied().unwrap_or(f64::NAN);
            total += c;
            if i == j {
                trace += c;
            }
        }
    }
    (kk >= 2 && total > 0.0).then(|| kk as f64 / (kk as f64 - 1.0) * (1.0 - trace / total))
}

/// Cronbach's alpha of a scale with Feldt's interval, standardized alpha, item statistics and,
/// with weights, the design-weighted alpha.
///
/// `items`: one slice per item (see the module docs); `weights`: one per row, used only for
/// [`ScaleReliability::weighted_alpha`]; `level`: confidence level of Feldt's interval.
///
/// # Formula
/// ```text
/// C = item covariance matrix (listwise: complete rows; pairwise: pandas' pairwise cov)
/// alpha     = k/(k-1) * (1 - trace(C) / sum(C))
/// Feldt:      [1 - (1-alpha) F^{-1}(1 - a/2; n-1, (n-1)(k-1)),
///              1 - (1-alpha) F^{-1}(a/2;     n-1, (n-1)(k-1))],  a = 1 - level
/// std alpha = k rbar / (1 + (k-1) rbar),   rbar = mean inter-item correlation
/// item-total r_j = sum_{l!=j} C_jl / sqrt(C_jj * sum_{l,m!=j} C_lm)
/// alpha if deleted = alpha of C without row and column j
/// weighted  = k/(k-1) * (1 - sum_j v_w(x_j) / v_w(sum_j x_j)),
///             v_w(x) = sum_i w_i (x_i - xbar_w)^2 / sum_i w_i     (complete rows)
/// ```
/// `n` in Feldt's interval is the number of rows used (see [`ScaleReliability::n`]).
/// With a constant item the correlations involving it are undefined: its item-total
/// correlation, the mean inter-item correlation and standardized alpha are `None` (with a
/// note), alpha itself is still computed.
///
/// # Errors
/// - [`Error::TooFewObservations`] with fewer than 2 items, fewer than 2 rows used, or (pairwise)
///   a pair of items answered together by fewer than 2 respondents;
/// - [`Error::InvalidArgument`] for items of unequal length, NaN or infinite answers, a bad
///   level or bad weights, a total score with zero variance, or weights summing to 0 over the
///   complete rows.
///
/// # References
/// Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
/// *Psychometrika* 16, 297-334. Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987).
/// Statistical inference for coefficient alpha. *Applied Psychological Measurement* 11, 93-103.
/// Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, Wiley (`svycralpha`).
pub fn scale_reliability(
    items: &[&[Option<f64>]],
    weights: Option<&[f64]>,
    missing: Missing,
    level: f64,
) -> Result<ScaleReliability> {
    check_level(level)?;
    let k = items.len();
    if k < 2 {
        return Err(Error::TooFewObservations { what: "scale reliability: items", min: 2, n: k });
    }
    let n_rows = items.first().map_or(0, |c| c.len());
    for (j, col) in items.iter().enumerate() {
        if col.len() != n_rows {
            return Err(Error::InvalidArgument {
                name: "items",
                message: format!("item {j} has {} values, item 0 has {n_rows}", col.len()),
            });
        }
        if let Some(i) = col.iter().position(|v| v.is_some_and(|x| !x.is_finite())) {
            return Err(Error::InvalidArgument {
                name: "items",
                message: format!("item {j}, row {i} is not a finite number"),
            });
        }
    }
    if let Some(w) = weights {
        check_weights(w, n_rows)?;
    }
    let complete: Vec<bool> =
        (0..n_rows).map(|i| items.iter().all(|c| c.get(i).is_some_and(Option::is_some))).collect();
    let any: Vec<bool> = (0..n_rows).map(|i| items.iter().any(|c| c.get(i).is_some_and(Option::is_some))).collect();
    let n_missing = items.iter().map(|c| c.iter().filter(|v| v.is_none()).count()).sum();
    let rows = match missing {
        Missing::Listwise => &complete,
        Missing::Pairwise => &any,
    };
    let n = rows.iter().filter(|&&r| r).count();
    if n < 2 {
        return Err(Error::TooFewObservations { what: "scale reliability: respondents", min: 2, n });
    }

    // covariance and correlation matrices
    let mut cov = vec![0.0; k * k];
    let mut cor: Vec<Option<f64>> = vec![None; k * k];
    for (i, a) in items.iter().enumerate() {
        for (j, b) in items.iter().enumerate().skip(i) {
            let p = pair(a, b, rows);
            if p.n < 2 {
                return Err(Error::TooFewObservations {
                    what: "scale reliability: respondents per item pair",
                    min: 2,
                    n: p.n,
                });
            }
            let r = (p.var_a > 0.0 && p.var_b > 0.0).then(|| p.cov / (p.var_a * p.var_b).sqrt());
            for idx in [i * k + j, j * k + i] {
                if let Some(c) = cov.get_mut(idx) {
                    *c = p.cov;
                }
                if let Some(c) = cor.get_mut(idx) {
                    *c = r;
                }
            }
        }
    }
    let moments: Vec<(usize, f64, f64)> = items
        .iter()
        .map(|col| {
            let vals: Vec<f64> = col.iter().zip(rows).filter_map(|(v, &keep)| if keep { *v } else { None }).collect();
            let m = vals.len() as f64;
            let mean = vals.iter().sum::<f64>() / m;
            let sd = (vals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (m - 1.0)).sqrt();
            (vals.len(), mean, sd)
        })
        .collect();
    let mut out = summarise(Moments { k, n_rows, n, n_missing, missing, cov, cor, items: moments }, level)?;
    out.weighted_alpha = match weights {
        None => None,
        Some(w) => Some(weighted_alpha(items, w, &complete)?),
    };
    Ok(out)
}

/// Rows per block of the one-pass accumulation: 2,048 rows of up to 16 items stay in L1, and
/// 2,048 products of two bytes (at most 65,025 each) fit a `u32` lane sum.
const BLOCK: usize = 2048;

/// Cronbach's alpha and item statistics of items given as one-byte codes (the response store's
/// layout, or a `uint8` array): the value of an answer is its code. Listwise, unweighted: the
/// same result as [`scale_reliability`] with `Missing::Listwise` and no weights on the codes as
/// numbers, with `missing_codes` as `None`.
///
/// All sums and cross-products are accumulated exactly (integers) in one blocked pass over the
/// rows (k(k+1)/2 accumulators), instead of one pass per item pair over `Option<f64>` columns.
/// Rows holding one of `missing_codes` in any item are left out (listwise).
///
/// # Formula
/// ```text
/// S_j = sum_i x_ij,  P_jl = sum_i x_ij x_il        (complete rows i, exact integers)
/// C_jl = (n P_jl - S_j S_l) / (n (n - 1))
/// alpha, Feldt's interval, standardized alpha and item statistics: as scale_reliability
/// ```
///
/// # Errors
/// As [`scale_reliability`] (fewer than 2 items or complete rows, items of unequal length, a
/// bad level, a total score with zero variance).
///
/// # References
/// Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
/// *Psychometrika* 16, 297-334. Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987).
/// Statistical inference for coefficient alpha. *Applied Psychological Measurement* 11, 93-103.
pub fn scale_reliability_codes(items: &[&[u8]], missing_codes: &[u8], level: f64) -> Result<ScaleReliability> {
    check_level(level)?;
    let k = items.len();
    if k < 2 {
        return Err(Error::TooFewObservations { what: "scale reliability: items", min: 2, n: k });
    }
    let n_rows = items.first().map_or(0, |c| c.len());
    if let Some((j, col)) = items.iter().enumerate().find(|(_, c)| c.len() != n_rows) {
        return Err(Error::InvalidArgument {
            name: "items",
            message: format!("item {j} has {} values, item 0 has {n_rows}", col.len()),
        });
    }
    let mut is_missing = [false; 256];
    for &c in missing_codes {
        if let Some(m) = is_missing.get_mut(usize::from(c)) {
            *m = true;
        }
    }
    // Row mask (1 = complete) only when some code is declared missing.
    let mut n_missing = 0usize;
    let mask: Option<Vec<u8>> = if missing_codes.is_empty() {
        None
    } else {
        let mut m = vec![1u8; n_rows];
        for col in items {
            for (r, &x) in m.iter_mut().zip(*col) {
                let miss = is_missing.get(usize::from(x)).copied().unwrap_or(false);
                n_missing += usize::from(miss);
                *r &= u8::from(!miss);
            }
        }
        Some(m)
    };
    let n = mask.as_ref().map_or(n_rows, |m| m.iter().map(|&r| usize::from(r)).sum());
    if n < 2 {
        return Err(Error::TooFewObservations { what: "scale reliability: respondents", min: 2, n });
    }

    // One pass: per block of rows, u32 lane sums of the products of every pair (j <= l); the
    // rows split over two threads for large inputs (integer sums: the same result either way).
    let (sums, prods) = if n_rows >= 1 << 16 {
        let mid = n_rows / 2;
        let m = mask.as_deref();
        std::thread::scope(|s| {
            let h = s.spawn(move || accumulate(items, m, 0, mid));
            let (mut sums, mut prods) = accumulate(items, m, mid, n_rows);
            let (s0, p0) = h.join().unwrap_or_else(|_| accumulate(items, m, 0, mid));
            sums.iter_mut().zip(s0).for_each(|(a, b)| *a += b);
            prods.iter_mut().zip(p0).for_each(|(a, b)| *a += b);
            (sums, prods)
        })
    } else {
        accumulate(items, mask.as_deref(), 0, n_rows)
    };

    let nn = n as i128;
    let denom = (n as f64) * (n as f64 - 1.0);
    let mut cov = vec![0.0; k * k];
    for j in 0..k {
        for l in j..k {
            let p = i128::from(prods.get(j * k + l).copied().unwrap_or(0));
            let sj = i128::from(sums.get(j).copied().unwrap_or(0));
            let sl = i128::from(sums.get(l).copied().unwrap_or(0));
            let c = (nn * p - sj * sl) as f64 / denom;
            for idx in [j * k + l, l * k + j] {
                if let Some(x) = cov.get_mut(idx) {
                    *x = c;
                }
            }
        }
    }
    let var = |j: usize| cov.get(j * k + j).copied().unwrap_or(f64::NAN);
    let mut cor: Vec<Option<f64>> = vec![None; k * k];
    for j in 0..k {
        for l in 0..k {
            let (vj, vl) = (var(j), var(l));
            if let (Some(r), Some(&c)) = (cor.get_mut(j * k + l), cov.get(j * k + l)) {
                *r = (vj > 0.0 && vl > 0.0).then(|| c / (vj * vl).sqrt());
            }
        }
    }
    let moments = (0..k)
        .map(|j| {
            let s = sums.get(j).copied().unwrap_or(0) as f64;
            (n, s / n as f64, var(j).sqrt())
        })
        .collect();
    summarise(Moments { k, n_rows, n, n_missing, missing: Missing::Listwise, cov, cor, items: moments }, level)
}

/// Sums and cross-products (j <= l, at `j * k + l`) of the rows `from..to`; rows whose mask is 0
/// count as zeros.
fn accumulate(items: &[&[u8]], mask: Option<&[u8]>, from: usize, to: usize) -> (Vec<u64>, Vec<u64>) {
    let k = items.len();
    let mut sums = vec![0u64; k];
    let mut prods = vec![0u64; k * k];
    let mut masked: Vec<Vec<u8>> = if mask.is_some() { vec![Vec::with_capacity(BLOCK); k] } else { Vec::new() };
    let mut start = from;
    while start < to {
        let end = (start + BLOCK).min(to);
        let block: Vec<&[u8]> = match mask {
            None => items.iter().map(|c| c.get(start..end).unwrap_or(&[])).collect(),
            Some(m) => {
                let rows = m.get(start..end).unwrap_or(&[]);
                for (buf, col) in masked.iter_mut().zip(items) {
                    let src = col.get(start..end).unwrap_or(&[]);
                    buf.clear();
                    buf.extend(src.iter().zip(rows).map(|(&x, &r)| x * r));
                }
                masked.iter().map(Vec::as_slice).collect()
            }
        };
        for (j, a) in block.iter().enumerate() {
            if let Some(s) = sums.get_mut(j) {
                *s += u64::from(a.iter().map(|&x| u32::from(x)).sum::<u32>());
            }
            for (l, b) in block.iter().enumerate().skip(j) {
                // u16 products (at most 255 * 255), u32 lane sums (at most 2,048 of them).
                let p: u32 = a.iter().zip(*b).map(|(&x, &y)| u32::from(u16::from(x) * u16::from(y))).sum();
                if let Some(acc) = prods.get_mut(j * k + l) {
                    *acc += u64::from(p);
                }
            }
        }
        start = end;
    }
    (sums, prods)
}

/// What [`summarise`] needs: the covariance and correlation matrices (k x k, row-major) of the
/// rows used, and per item (n, mean, sd).
struct Moments {
    k: usize,
    n_rows: usize,
    n: usize,
    n_missing: usize,
    missing: Missing,
    cov: Vec<f64>,
    cor: Vec<Option<f64>>,
    items: Vec<(usize, f64, f64)>,
}

/// Alpha, Feldt's interval, standardized alpha and item statistics from the moments (without
/// the weighted alpha).
fn summarise(m: Moments, level: f64) -> Result<ScaleReliability> {
    let Moments { k, n_rows, n, n_missing, missing, cov, cor, items: moments } = m;
    let at = |i: usize, j: usize| cov.get(i * k + j).copied().unwrap_or(f64::NAN);
    let total: f64 = cov.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return Err(Error::InvalidArgument {
            name: "items",
            message: "the total score has zero variance: alpha is undefined".into(),
        });
    }
    let alpha = alpha_from(&cov, k, |_| true).unwrap_or(f64::NAN);

    // Feldt's interval
    let df1 = n as f64 - 1.0;
    let df2 = df1 * (k as f64 - 1.0);
    let f = FisherSnedecor::new(df1, df2).map_err(|e| Error::InvalidArgument {
        name: "items",
        message: format!("F({df1}, {df2}) for Feldt's interval: {e}"),
    })?;
    let tail = (1.0 - level) / 2.0;
    let interval = Interval {
        lower: 1.0 - (1.0 - alpha) * f.inverse_cdf(1.0 - tail),
        upper: 1.0 - (1.0 - alpha) * f.inverse_cdf(tail),
        level,
    };

    // mean inter-item correlation, standardized alpha
    let off: Vec<Option<f64>> = (0..k)
        .flat_map(|i| (i + 1..k).map(move |j| (i, j)))
        .map(|(i, j)| cor.get(i * k + j).copied().flatten())
        .collect();
    let mean_r = off.iter().copied().collect::<Option<Vec<f64>>>().map(|v| v.iter().sum::<f64>() / v.len() as f64);
    let kf = k as f64;
    let standardized_alpha = mean_r.map(|r| kf * r / (1.0 + (kf - 1.0) * r));

    // item statistics
    let mut item_stats = Vec::with_capacity(k);
    for (j, &(item_n, mean, sd)) in moments.iter().enumerate() {
        let mut notes = Vec::new();
        let alpha_if_deleted = if k >= 3 {
            let a = alpha_from(&cov, k, |i| i != j);
            if a.is_none() {
                notes.push("the other items' total has zero variance: alpha if deleted undefined");
            }
            a
        } else {
            notes.push("alpha if deleted needs at least 3 items");
            None
        };
        let cjj = at(j, j);
        let c_rest: f64 = (0..k).filter(|&l| l != j).map(|l| at(j, l)).sum();
        let v_rest: f64 = (0..k)
            .filter(|&l| l != j)
            .flat_map(|l| (0..k).filter(|&m| m != j).map(move |m| (l, m)))
            .map(|(l, m)| at(l, m))
            .sum();
        let item_total_correlation = if cjj <= 0.0 {
            notes.push("constant item (zero variance): item-total correlation undefined");
            None
        } else if v_rest <= 0.0 {
            notes.push("the other items' total is constant: item-total correlation undefined");
            None
        } else {
            Some(c_rest / (cjj * v_rest).sqrt())
        };
        item_stats.push(ItemStatistics {
            n: item_n,
            mean,
            sd,
            alpha_if_deleted,
            item_total_correlation,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }

    Ok(ScaleReliability {
        k,
        n_rows,
        n,
        n_missing,
        missing,
        alpha,
        interval,
        standardized_alpha,
        mean_inter_item_correlation: mean_r,
        items: item_stats,
        weighted_alpha: None,
        method: format!(
            "Cronbach's alpha, {missing:?} deletion; Feldt interval with F({df1}, {df2}); item-total correlations corrected (item removed from the total)"
        ),
    })
}

/// R survey's `svycralpha` over the complete rows.
fn weighted_alpha(items: &[&[Option<f64>]], w: &[f64], complete: &[bool]) -> Result<f64> {
    let k = items.len() as f64;
    let sw: f64 = w.iter().zip(complete).filter(|&(_, &c)| c).map(|(w, _)| w).sum();
    if sw <= 0.0 {
        return Err(Error::InvalidArgument {
            name: "weights",
            message: "the weights of the complete rows sum to 0: weighted alpha undefined".into(),
        });
    }
    let wvar = |x: &dyn Fn(usize) -> f64| {
        let mean = (0..w.len())
            .filter(|&i| complete.get(i) == Some(&true))
            .map(|i| w.get(i).copied().unwrap_or(0.0) * x(i))
            .sum::<f64>()
            / sw;
        (0..w.len())
            .filter(|&i| complete.get(i) == Some(&true))
            .map(|i| w.get(i).copied().unwrap_or(0.0) * (x(i) - mean).powi(2))
            .sum::<f64>()
            / sw
    };
    let value = |j: usize, i: usize| items.get(j).and_then(|c| c.get(i)).copied().flatten().unwrap_or(0.0);
    let sum_items: f64 = (0..items.len()).map(|j| wvar(&|i| value(j, i))).sum();
    let v_total = wvar(&|i| (0..items.len()).map(|j| value(j, i)).sum());
    if v_total <= 0.0 {
        return Err(Error::InvalidArgument {
            name: "items",
            message: "the weighted total score has zero variance: weighted alpha undefined".into(),
        });
    }
    Ok(k / (k - 1.0) * (1.0 - sum_items / v_total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        let a = [Some(1.0), Some(2.0), Some(3.0)];
        let c = [Some(2.0), Some(2.0), Some(2.0)];
        assert!(matches!(
            scale_reliability(&[&a], None, Missing::Listwise, 0.95),
            Err(Error::TooFewObservations { .. })
        ));
        assert!(scale_reliability(&[&c, &c], None, Missing::Listwise, 0.95).is_err());
        let r = scale_reliability(&[&a, &a, &c], None, Missing::Listwise, 0.95).unwrap();
        assert!(r.items[2].item_total_correlation.is_none() && r.items[2].note.is_some());
        assert!(r.standardized_alpha.is_none());
        assert!(r.alpha.is_finite());
        let one = [Some(1.0), None, None];
        assert!(scale_reliability(&[&a, &one], None, Missing::Listwise, 0.95).is_err());
        assert!(
            scale_reliability(&[&a, &[Some(f64::NAN), Some(1.0), Some(2.0)]], None, Missing::Listwise, 0.95).is_err()
        );
        assert_eq!(reverse_code(2.0, 1.0, 5.0), 4.0);
    }

    /// A small deterministic generator (xorshift) for the equality tests.
    fn codes(n: usize, k: usize, seed: u64, max: u8) -> Vec<Vec<u8>> {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let base: Vec<u8> = (0..n).map(|_| (next() % u64::from(max)) as u8).collect();
        (0..k)
            .map(|_| base.iter().map(|&b| if next() % 3 == 0 { (next() % u64::from(max)) as u8 } else { b }).collect())
            .collect()
    }

    fn assert_same(a: &ScaleReliability, b: &ScaleReliability) {
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-12 * x.abs().max(1.0);
        let close_opt = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => close(x, y),
            (None, None) => true,
            _ => false,
        };
        assert_eq!((a.k, a.n_rows, a.n, a.n_missing, a.missing), (b.k, b.n_rows, b.n, b.n_missing, b.missing));
        assert!(close(a.alpha, b.alpha), "{} {}", a.alpha, b.alpha);
        assert!(close(a.interval.lower, b.interval.lower) && close(a.interval.upper, b.interval.upper));
        assert!(close_opt(a.standardized_alpha, b.standardized_alpha));
        assert!(close_opt(a.mean_inter_item_correlation, b.mean_inter_item_correlation));
        assert_eq!(a.method, b.method);
        assert_eq!(a.weighted_alpha, b.weighted_alpha);
        for (x, y) in a.items.iter().zip(&b.items) {
            assert_eq!(x.n, y.n);
            assert!(close(x.mean, y.mean) && close(x.sd, y.sd));
            assert!(close_opt(x.alpha_if_deleted, y.alpha_if_deleted));
            assert!(close_opt(x.item_total_correlation, y.item_total_correlation));
            assert_eq!(x.note, y.note);
        }
    }

    #[test]
    fn codes_entry_equals_the_option_entry() {
        for (n, k, seed) in [(5000, 10, 1), (2, 2, 7), (4097, 3, 3), (300, 17, 11), (70_001, 4, 5)] {
            let cols = codes(n, k, seed, 5);
            let refs: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
            // without missing codes
            let values: Vec<Vec<Option<f64>>> =
                cols.iter().map(|c| c.iter().map(|&v| Some(f64::from(v))).collect()).collect();
            let items: Vec<&[Option<f64>]> = values.iter().map(Vec::as_slice).collect();
            let fast = scale_reliability_codes(&refs, &[], 0.95);
            let slow = scale_reliability(&items, None, Missing::Listwise, 0.95);
            match (fast, slow) {
                (Ok(a), Ok(b)) => assert_same(&a, &b),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{a:?} {b:?}"),
            }
            // code 0 declared missing: dropped listwise
            let values: Vec<Vec<Option<f64>>> =
                cols.iter().map(|c| c.iter().map(|&v| (v != 0).then_some(f64::from(v))).collect()).collect();
            let items: Vec<&[Option<f64>]> = values.iter().map(Vec::as_slice).collect();
            let fast = scale_reliability_codes(&refs, &[0], 0.9);
            let slow = scale_reliability(&items, None, Missing::Listwise, 0.9);
            match (fast, slow) {
                (Ok(a), Ok(b)) => assert_same(&a, &b),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{a:?} {b:?}"),
            }
        }
        // constant item, unequal lengths, one item
        let a = [1u8, 2, 3];
        let c = [2u8, 2, 2];
        let r = scale_reliability_codes(&[&a, &a, &c], &[], 0.95).unwrap();
        let fa = [Some(1.0), Some(2.0), Some(3.0)];
        let fc = [Some(2.0), Some(2.0), Some(2.0)];
        assert_same(&r, &scale_reliability(&[&fa, &fa, &fc], None, Missing::Listwise, 0.95).unwrap());
        assert!(scale_reliability_codes(&[&c, &c], &[], 0.95).is_err());
        assert!(scale_reliability_codes(&[&a, &a[..2]], &[], 0.95).is_err());
        assert!(scale_reliability_codes(&[&a], &[], 0.95).is_err());
        assert!(scale_reliability_codes(&[&a, &a], &[1, 2], 0.95).is_err());
    }
}
