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
    for (j, col) in items.iter().enumerate() {
        let vals: Vec<f64> = col.iter().zip(rows).filter_map(|(v, &keep)| if keep { *v } else { None }).collect();
        let m = vals.len() as f64;
        let mean = vals.iter().sum::<f64>() / m;
        let sd = (vals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (m - 1.0)).sqrt();
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
            n: vals.len(),
            mean,
            sd,
            alpha_if_deleted,
            item_total_correlation,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }

    let weighted_alpha = match weights {
        None => None,
        Some(w) => Some(weighted_alpha(items, w, &complete)?),
    };

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
        weighted_alpha,
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
}
