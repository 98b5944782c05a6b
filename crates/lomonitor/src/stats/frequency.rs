//! Frequencies of categorical codes: counts, weighted counts and the frequency table a report
//! prints (count, % of all, % of valid, cumulative % of valid).

use crate::error::{Error, Result};
use crate::stats::check_weights;

/// The error for a code outside `0..n_levels`, naming its position.
fn code_error(codes: &[u8], n_levels: usize) -> Error {
    let position = codes.iter().position(|&c| usize::from(c) >= n_levels);
    match position {
        Some(i) => Error::InvalidArgument {
            name: "codes",
            message: format!(
                "code {} at position {i} is not below n_levels = {n_levels}",
                codes.get(i).copied().unwrap_or_default()
            ),
        },
        None => Error::InvalidArgument { name: "codes", message: format!("a code is not below n_levels = {n_levels}") },
    }
}

fn check_n_levels(n_levels: usize) -> Result<()> {
    if n_levels == 0 || n_levels > 256 {
        return Err(Error::InvalidArgument {
            name: "n_levels",
            message: format!("n_levels must lie in 1..=256 for u8 codes, got {n_levels}"),
        });
    }
    Ok(())
}

/// Count how often each code `0..n_levels` occurs.
///
/// One pass over the codes into four interleaved 256-slot tables (so that runs of the same code
/// do not serialise on one counter), then one check that nothing landed at or above `n_levels`.
/// The position of an offending code is looked up only when there is one.
///
/// # Formula
/// ```text
/// count[k] = #{ i : codes[i] = k },   k = 0 .. n_levels-1
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `n_levels` is 0 or above 256, or when a code is `>= n_levels`
/// (the message names the first such position).
///
/// # References
/// Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.), section 1.1. Wiley.
///
/// ```
/// use lomonitor::stats::count_codes;
/// assert_eq!(count_codes(&[0, 2, 2, 1, 2], 3)?, vec![1, 1, 3]);
/// assert!(count_codes(&[0, 3], 3).is_err());
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn count_codes(codes: &[u8], n_levels: usize) -> Result<Vec<u64>> {
    check_n_levels(n_levels)?;
    let mut tables = [[0u64; 256]; 4];
    let mut chunks = codes.chunks_exact(4);
    for chunk in &mut chunks {
        if let [a, b, c, d] = *chunk {
            let [t0, t1, t2, t3] = &mut tables;
            // u8 indexes into 256 slots: the bounds checks are compiled away.
            if let Some(s) = t0.get_mut(usize::from(a)) {
                *s += 1;
            }
            if let Some(s) = t1.get_mut(usize::from(b)) {
                *s += 1;
            }
            if let Some(s) = t2.get_mut(usize::from(c)) {
                *s += 1;
            }
            if let Some(s) = t3.get_mut(usize::from(d)) {
                *s += 1;
            }
        }
    }
    let [t0, t1, t2, t3] = &mut tables;
    for &c in chunks.remainder() {
        if let Some(s) = t0.get_mut(usize::from(c)) {
            *s += 1;
        }
    }
    let total: Vec<u64> = (0..256)
        .map(|k| {
            t0.get(k).copied().unwrap_or(0)
                + t1.get(k).copied().unwrap_or(0)
                + t2.get(k).copied().unwrap_or(0)
                + t3.get(k).copied().unwrap_or(0)
        })
        .collect();
    if total.iter().skip(n_levels).any(|&c| c > 0) {
        return Err(code_error(codes, n_levels));
    }
    Ok(total.into_iter().take(n_levels).collect())
}

/// Weighted frequencies: the sum of the weights of the observations with each code (the plain
/// counts as `f64` when `weights` is `None`).
///
/// # Formula
/// ```text
/// count_w[k] = sum_{i : codes[i] = k} w_i
/// ```
///
/// # Errors
/// As [`count_codes`], and [`Error::InvalidArgument`] for weights that are not one finite,
/// non-negative value per code.
///
/// # References
/// Kish, L. (1965). *Survey Sampling*, section 2.8. Wiley.
pub fn weighted_counts(codes: &[u8], n_levels: usize, weights: Option<&[f64]>) -> Result<Vec<f64>> {
    let Some(w) = weights else {
        return count_codes(codes, n_levels).map(|c| c.into_iter().map(|v| v as f64).collect());
    };
    check_n_levels(n_levels)?;
    check_weights(w, codes.len())?;
    let mut table = [0.0f64; 256];
    for (&c, &wi) in codes.iter().zip(w) {
        if let Some(s) = table.get_mut(usize::from(c)) {
            *s += wi;
        }
    }
    if codes.iter().any(|&c| usize::from(c) >= n_levels) {
        return Err(code_error(codes, n_levels));
    }
    Ok(table.iter().take(n_levels).copied().collect())
}

/// What a level of a categorical item stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LevelKind {
    /// A substantive answer: counted in the valid base.
    Valid,
    /// A user-defined missing code ("weet niet", "n.v.t."): excluded from the valid base.
    UserMissing,
    /// The question was not answered (system missing): excluded from the valid base.
    Unanswered,
}

/// One row of a [`FrequencyTable`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrequencyRow {
    /// The level's code.
    pub level: usize,
    /// What the level stands for.
    pub kind: LevelKind,
    /// Count (the sum of weights when weighted).
    pub count: f64,
    /// Percentage of all observations, missing levels included.
    pub percent: f64,
    /// Percentage of the valid observations; `None` for missing levels and when nothing is valid.
    pub valid_percent: Option<f64>,
    /// Cumulative percentage of the valid observations over the valid levels in code order;
    /// `None` for missing levels and when nothing is valid.
    pub cumulative_valid_percent: Option<f64>,
}

/// A frequency table in the SPSS `FREQUENCIES` layout.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrequencyTable {
    /// One row per level, in code order.
    pub rows: Vec<FrequencyRow>,
    /// Total count (sum of weights when weighted).
    pub n_total: f64,
    /// Count in valid levels.
    pub n_valid: f64,
    /// Count in missing levels (user missing and unanswered).
    pub n_missing: f64,
    /// Whether the counts are sums of weights.
    pub weighted: bool,
}

impl FrequencyTable {
    /// Build a table from per-level counts (or sums of weights) and the kind of each level.
    ///
    /// # Formula
    /// ```text
    /// percent[k]        = 100 * count[k] / n_total
    /// valid_percent[k]  = 100 * count[k] / n_valid          (valid levels only)
    /// cumulative[k]     = sum of valid_percent over valid levels j <= k
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `counts` and `kinds` differ in length or a count is
    /// negative or not finite; [`Error::TooFewObservations`] when the total is 0 (no percentage
    /// exists). When only the valid count is 0 the table is built with `valid_percent = None`.
    ///
    /// # References
    /// IBM (2023). *SPSS Statistics 29 Algorithms*, "FREQUENCIES".
    pub fn from_counts(counts: &[f64], kinds: &[LevelKind], weighted: bool) -> Result<Self> {
        if counts.len() != kinds.len() {
            return Err(Error::InvalidArgument {
                name: "kinds",
                message: format!("{} level kinds for {} counts", kinds.len(), counts.len()),
            });
        }
        if let Some(i) = counts.iter().position(|c| !c.is_finite() || *c < 0.0) {
            return Err(Error::InvalidArgument {
                name: "counts",
                message: format!(
                    "count {i} is {}: counts must be finite and >= 0",
                    counts.get(i).copied().unwrap_or(f64::NAN)
                ),
            });
        }
        let n_total: f64 = counts.iter().sum();
        let n_valid: f64 = counts.iter().zip(kinds).filter(|(_, k)| **k == LevelKind::Valid).map(|(c, _)| c).sum();
        if n_total <= 0.0 {
            return Err(Error::TooFewObservations { what: "frequency table", min: 1, n: 0 });
        }
        let mut cumulative = 0.0;
        let rows = counts
            .iter()
            .zip(kinds)
            .enumerate()
            .map(|(level, (&count, &kind))| {
                let (valid_percent, cumulative_valid_percent) = if kind == LevelKind::Valid && n_valid > 0.0 {
                    let v = 100.0 * count / n_valid;
                    cumulative += count;
                    (Some(v), Some(100.0 * cumulative / n_valid))
                } else {
                    (None, None)
                };
                FrequencyRow {
                    level,
                    kind,
                    count,
                    percent: 100.0 * count / n_total,
                    valid_percent,
                    cumulative_valid_percent,
                }
            })
            .collect();
        Ok(Self { rows, n_total, n_valid, n_missing: n_total - n_valid, weighted })
    }

    /// Count `codes` (weighted when `weights` is given) and build the table.
    ///
    /// # Errors
    /// As [`weighted_counts`] (with `n_levels = kinds.len()`) and [`FrequencyTable::from_counts`].
    ///
    /// # References
    /// IBM (2023). *SPSS Statistics 29 Algorithms*, "FREQUENCIES".
    ///
    /// ```
    /// use lomonitor::stats::{FrequencyTable, LevelKind::*};
    /// let t = FrequencyTable::from_codes(&[0, 1, 1, 2], &[Valid, Valid, UserMissing], None)?;
    /// assert_eq!(t.n_valid, 3.0);
    /// assert_eq!(t.rows[2].valid_percent, None);
    /// # Ok::<(), lomonitor::Error>(())
    /// ```
    pub fn from_codes(codes: &[u8], kinds: &[LevelKind], weights: Option<&[f64]>) -> Result<Self> {
        let counts = weighted_counts(codes, kinds.len(), weights)?;
        Self::from_counts(&counts, kinds, weights.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_errors() {
        let codes: Vec<u8> = (0..1003u32).map(|i| (i % 7) as u8).collect();
        let c = count_codes(&codes, 7).unwrap();
        assert_eq!(c.iter().sum::<u64>(), 1003);
        assert_eq!(c[0], 144);
        let err = count_codes(&[0, 1, 9, 2], 3).unwrap_err().to_string();
        assert!(err.contains("position 2"), "{err}");
        assert!(count_codes(&[], 0).is_err());
        assert_eq!(count_codes(&[], 2).unwrap(), vec![0, 0]);
        assert!(weighted_counts(&[0, 5], 2, Some(&[1.0, 1.0])).unwrap_err().to_string().contains("position 1"));
        assert!(weighted_counts(&[0, 1], 2, Some(&[1.0, f64::NAN])).is_err());
    }

    #[test]
    fn unit_weights_equal_unweighted() {
        let codes = [0u8, 1, 1, 3, 2, 1, 0, 3, 3, 3];
        let kinds = [LevelKind::Valid, LevelKind::Valid, LevelKind::Valid, LevelKind::UserMissing];
        let a = FrequencyTable::from_codes(&codes, &kinds, None).unwrap();
        let b = FrequencyTable::from_codes(&codes, &kinds, Some(&[1.0; 10])).unwrap();
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.n_missing, 4.0);
        assert!((a.rows[2].cumulative_valid_percent.unwrap() - 100.0).abs() < 1e-12);
    }

    #[test]
    fn empty_and_all_missing() {
        let kinds = [LevelKind::Valid, LevelKind::Unanswered];
        assert!(matches!(FrequencyTable::from_codes(&[], &kinds, None), Err(Error::TooFewObservations { .. })));
        let t = FrequencyTable::from_codes(&[1, 1], &kinds, None).unwrap();
        assert!(t.rows.iter().all(|r| r.valid_percent.is_none()));
        assert_eq!(t.rows[1].percent, 100.0);
    }
}
