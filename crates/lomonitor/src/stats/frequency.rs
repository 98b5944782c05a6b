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
/// Up to 16 levels: one vectorised pass that compares every code with the levels but the last
/// and with `n_levels` (the range check), the last level's count following from the valid
/// total. More levels: one pass into four interleaved 256-slot tables (so that runs of the same
/// code do not serialise on one counter), then one check that nothing landed at or above
/// `n_levels`. The position of an offending code is looked up only when there is one.
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
    macro_rules! levels {
        ($($l:literal)*) => {
            match n_levels {
                $($l => count_levels::<$l>(codes).map(|c| c.to_vec()),)*
                _ => {
                    // Every code below n_levels was counted, so the counts fall short of the
                    // length exactly when a code is out of range.
                    let valid: Vec<u64> = count_table(codes).into_iter().take(n_levels).collect();
                    (valid.iter().sum::<u64>() == codes.len() as u64).then_some(valid)
                }
            }
        };
    }
    levels!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16).ok_or_else(|| code_error(codes, n_levels))
}

/// Counts of the codes `0..L` for small `L` (up to 16), `None` when a code is `>= L`.
///
/// Branch-free and vectorisable: per block of `255 * LANES` codes, `L` rows of `LANES` byte
/// counters (no counter can pass 255 within a block): rows `0..L-1` add `code == k`, the last
/// adds `code < L`, then the block's counters are summed into `u64`. The last level's count is
/// the valid codes less the others, and the valid codes fall short of the length exactly when
/// a code is out of range: `L` compare-and-add vector operations per `LANES` codes, the range
/// check included, which beats a table of counters (a load, an add and a store per code) up to
/// about 16 levels.
fn count_levels<const L: usize>(codes: &[u8]) -> Option<[u64; L]> {
    const LANES: usize = 32;
    let top = u8::try_from(L).ok()?;
    // counts[L-1] holds the valid codes until the end.
    let mut counts = [0u64; L];
    for block in codes.chunks(255 * LANES) {
        let mut acc = [[0u8; LANES]; L];
        let mut vectors = block.chunks_exact(LANES);
        if let Some((valid, rows)) = acc.split_last_mut() {
            for v in &mut vectors {
                for (k, a) in (0u8..).zip(rows.iter_mut()) {
                    for (x, &c) in a.iter_mut().zip(v) {
                        *x = x.wrapping_add(u8::from(c == k));
                    }
                }
                for (x, &c) in valid.iter_mut().zip(v) {
                    *x = x.wrapping_add(u8::from(c < top));
                }
            }
        }
        for (t, a) in counts.iter_mut().zip(&acc) {
            *t += a.iter().map(|&x| u64::from(x)).sum::<u64>();
        }
        if let Some((valid, rows)) = counts.split_last_mut() {
            for &c in vectors.remainder() {
                *valid += u64::from(c < top);
                if let Some(t) = rows.get_mut(usize::from(c)) {
                    *t += 1;
                }
            }
        }
    }
    let (valid, rows) = counts.split_last_mut()?;
    if *valid != codes.len() as u64 {
        return None;
    }
    *valid -= rows.iter().sum::<u64>();
    Some(counts)
}

/// Counts of every byte value, in four interleaved 256-slot tables (so that runs of the same
/// code do not serialise on one counter).
fn count_table(codes: &[u8]) -> [u64; 256] {
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
    let mut total = [0u64; 256];
    for (k, t) in total.iter_mut().enumerate() {
        *t = t0.get(k).copied().unwrap_or(0)
            + t1.get(k).copied().unwrap_or(0)
            + t2.get(k).copied().unwrap_or(0)
            + t3.get(k).copied().unwrap_or(0);
    }
    total
}

fn check_columns(n_columns: usize, n_levels: &[usize]) -> Result<()> {
    if n_levels.len() != n_columns {
        return Err(Error::InvalidArgument {
            name: "n_levels",
            message: format!("{} level counts for {n_columns} columns", n_levels.len()),
        });
    }
    n_levels.iter().try_for_each(|&l| check_n_levels(l))
}

/// Name the column in an error about one column's codes.
fn in_column(j: usize, e: Error) -> Error {
    match e {
        Error::InvalidArgument { name, message } => {
            Error::InvalidArgument { name, message: format!("column {j}: {message}") }
        }
        other => other,
    }
}

/// Count the codes of many columns (items) in one call: `count_codes(columns[j], n_levels[j])`
/// for every `j`, with the columns spread over the available cores when the data is large
/// (more than 1 MiB in all).
///
/// # Formula
/// ```text
/// count[j][k] = #{ i : columns[j][i] = k },   k = 0 .. n_levels[j]-1
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `n_levels` does not give one level count per column, or as
/// [`count_codes`] for the first column at fault (the message names the column).
///
/// # References
/// Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.), section 1.1. Wiley.
///
/// ```
/// use lomonitor::stats::count_columns;
/// let counts = count_columns(&[&[0, 1, 1], &[2, 2, 0]], &[2, 3])?;
/// assert_eq!(counts, vec![vec![1, 2], vec![1, 0, 2]]);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn count_columns(columns: &[&[u8]], n_levels: &[usize]) -> Result<Vec<Vec<u64>>> {
    check_columns(columns.len(), n_levels)?;
    let bytes = columns.iter().map(|c| c.len()).sum();
    crate::stats::par_map(columns.len(), crate::stats::threads_for(bytes), |j| {
        let (col, l) = (columns.get(j).copied().unwrap_or_default(), n_levels.get(j).copied().unwrap_or(0));
        count_codes(col, l).map_err(|e| in_column(j, e))
    })
    .into_iter()
    .collect()
}

/// Weighted frequencies of many columns (items) sharing one weight per respondent:
/// `weighted_counts(columns[j], n_levels[j], Some(weights))` for every `j`.
///
/// One addition per respondent for several columns: consecutive columns are taken a few at a
/// time (as many as keep their joint table within 1,024 cells: four items of 5 levels give 625
/// cells) and each respondent's weight is added once, to the cell of its joint answer pattern;
/// the per-column sums are the margins of the joint table. The cell indices of a chunk of rows
/// are computed in vectorised `u16` lanes, with the range check of the codes in the same read.
/// The passes are spread over the available cores when the data is large. The sums are those
/// of [`weighted_counts`] up to the order of the additions (a relative difference of the order
/// of 1e-15).
///
/// # Formula
/// ```text
/// count_w[j][k] = sum_{i : columns[j][i] = k} w_i
///               = sum over the other columns' codes of joint_w[.., k, ..]
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `n_levels` does not give one level count per column, when a
/// column's length differs from the number of weights, for invalid weights (as
/// [`crate::stats::check_weights`]), or as [`count_codes`] for an out-of-range code (naming
/// the column; with several faulty columns, the first in order).
///
/// # References
/// Kish, L. (1965). *Survey Sampling*, section 2.8. Wiley.
///
/// ```
/// use lomonitor::stats::weighted_count_columns;
/// let w = [1.0, 2.0, 0.5];
/// let counts = weighted_count_columns(&[&[0, 1, 1], &[2, 2, 0]], &[2, 3], &w)?;
/// assert_eq!(counts, vec![vec![1.0, 2.5], vec![0.5, 0.0, 3.0]]);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn weighted_count_columns(columns: &[&[u8]], n_levels: &[usize], weights: &[f64]) -> Result<Vec<Vec<f64>>> {
    check_columns(columns.len(), n_levels)?;
    let n = weights.len();
    check_weights(weights, n)?;
    let column_codes = |j: usize| -> Result<()> {
        let (col, l) = (columns.get(j).copied().unwrap_or_default(), n_levels.get(j).copied().unwrap_or(1));
        if col.iter().any(|&c| usize::from(c) >= l) { Err(in_column(j, code_error(col, l))) } else { Ok(()) }
    };
    for (j, col) in columns.iter().enumerate() {
        if col.len() != n {
            // An earlier column's bad code comes first (columns are checked in order).
            (0..j).try_for_each(column_codes)?;
            return Err(Error::InvalidArgument {
                name: "columns",
                message: format!("column {j} has {} codes for {n} weights", col.len()),
            });
        }
    }
    let runs = super::joint::passes(n_levels, 1, WEIGHTED_JOINT_CELLS, 8);
    let bytes = columns.len() * n;
    let summed = super::par_map(runs.len(), super::threads_for(bytes), |p| {
        let run = runs.get(p).cloned().unwrap_or_default();
        weighted_joint(columns.get(run.clone()).unwrap_or_default(), n_levels.get(run).unwrap_or_default(), weights)
    });
    let mut out = Vec::with_capacity(columns.len());
    for (sums, max) in summed {
        for (t, m) in sums.into_iter().zip(max) {
            if usize::from(m) >= n_levels.get(out.len()).copied().unwrap_or(0) {
                column_codes(out.len())?;
            }
            out.push(t);
        }
    }
    Ok(out)
}

/// Respondents per block in the blocked passes: 4096 weights (32 KiB) stay in the L1/L2 cache
/// while every column of the group reads them.
pub(crate) const ROW_BLOCK: usize = 4096;

/// The largest joint table of a pass of [`weighted_count_columns`]: 1,024 sums (8 KiB).
const WEIGHTED_JOINT_CELLS: usize = 1024;

/// The weight sums per level of the columns of one pass and the largest code of each, from the
/// joint table of their codes.
fn weighted_joint(columns: &[&[u8]], n_levels: &[usize], weights: &[f64]) -> (Vec<Vec<f64>>, Vec<u8>) {
    let (strides, cells) = super::joint::strides(n_levels, 1);
    let strides: Vec<u16> = strides.iter().map(|&s| u16::try_from(s).unwrap_or(0)).collect();
    let mut table = vec![0.0f64; cells];
    let mut max = vec![0u8; columns.len()];
    let mut idx = [0u16; super::joint::CHUNK];
    for (start, w) in (0..).step_by(super::joint::CHUNK).zip(weights.chunks(super::joint::CHUNK)) {
        let idx = idx.get_mut(..w.len()).unwrap_or_default();
        idx.iter_mut().for_each(|x| *x = 0);
        super::joint::add_indices(columns, &strides, start..start + w.len(), idx, &mut max);
        for (&i, &wi) in idx.iter().zip(w) {
            if let Some(s) = table.get_mut(usize::from(i)) {
                *s += wi;
            }
        }
    }
    let mut out: Vec<Vec<f64>> = n_levels.iter().map(|&l| vec![0.0; l]).collect();
    super::joint::for_each_pattern(&table, n_levels, 1, |digits, cell| {
        let v = cell.first().copied().unwrap_or(0.0);
        for (o, &d) in out.iter_mut().zip(digits) {
            if let Some(x) = o.get_mut(d) {
                *x += v;
            }
        }
    });
    (out, max)
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
    if table.iter().any(|s| s.is_infinite()) {
        return Err(Error::InvalidArgument {
            name: "weights",
            message: "the weighted counts overflow the range of a 64-bit float; rescale the weights".into(),
        });
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

crate::options::named_options!(LevelKind, arg = "kind", what = "level kind", {
    Valid => "valid",
    UserMissing => "user_missing",
    Unanswered => "unanswered",
});

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

    /// The vectorised and table paths against a naive count on random data: every level count
    /// 1..=256, lengths around the block size (255 * 32) and not a multiple of it, an
    /// out-of-range code giving the same error as before.
    #[test]
    fn counts_match_a_naive_count() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let naive = |codes: &[u8], l: usize| {
            let mut c = vec![0u64; l];
            for &x in codes {
                c[usize::from(x)] += 1;
            }
            c
        };
        for l in 1..=256usize {
            for n in [0usize, 1, 31, 33, 8159, 8160, 8161, 20_011] {
                let codes: Vec<u8> = (0..n).map(|_| rng.random_range(0..l) as u8).collect();
                assert_eq!(count_codes(&codes, l).unwrap(), naive(&codes, l), "l = {l}, n = {n}");
                if l < 256 && n > 0 {
                    let mut bad = codes.clone();
                    let at = rng.random_range(0..n);
                    bad[at] = rng.random_range(l..=255) as u8;
                    let err = count_codes(&bad, l).unwrap_err().to_string();
                    assert_eq!(err, code_error(&bad, l).to_string());
                    assert!(err.contains(&format!("position {at} ")), "{err}");
                }
            }
        }
        // Codes all at the last level, runs of one code, and 255s just out of range.
        assert_eq!(count_codes(&[4; 9000], 5).unwrap(), vec![0, 0, 0, 0, 9000]);
        assert!(count_codes(&[255; 9000], 16).is_err());
    }

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
    fn batch_equals_per_column() {
        let mut state = 7u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        // Level counts on every path (small 4/8/16 and the table), lengths around the block sizes.
        let levels = [1usize, 2, 3, 5, 8, 9, 16, 17, 200, 256];
        for n in [0usize, 1, 31, 33, 255 * 32 + 5, 20_000] {
            let cols: Vec<Vec<u8>> =
                levels.iter().map(|&l| (0..n).map(|_| (next() % l as u64) as u8).collect()).collect();
            let views: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
            let w: Vec<f64> = (0..n).map(|_| (next() % 1000) as f64 / 100.0).collect();
            let counts = count_columns(&views, &levels).unwrap();
            let weighted = weighted_count_columns(&views, &levels, &w).unwrap();
            for (j, col) in cols.iter().enumerate() {
                let direct: Vec<u64> =
                    (0..levels[j]).map(|k| col.iter().filter(|&&c| usize::from(c) == k).count() as u64).collect();
                assert_eq!(counts[j], direct, "levels {}", levels[j]);
                assert_eq!(count_codes(col, levels[j]).unwrap(), direct);
                let wc = weighted_counts(col, levels[j], Some(&w)).unwrap();
                for (a, b) in weighted[j].iter().zip(&wc) {
                    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} {b}");
                }
            }
        }
    }

    /// The joint-table passes against a direct sum, on the edges: no rows, lengths around the
    /// chunk size, the largest code (256 levels), one level, mixed level counts in one pass.
    #[test]
    fn weighted_columns_equal_direct_sums() {
        let mut state = 13u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        let chunk = super::super::joint::CHUNK;
        for n in [0usize, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 17] {
            let levels = [5usize, 5, 5, 5, 5, 1, 256, 2, 3, 7, 32, 5];
            let cols: Vec<Vec<u8>> = levels
                .iter()
                .map(|&l| (0..n).map(|i| if i == 0 { (l - 1) as u8 } else { (next() % l as u64) as u8 }).collect())
                .collect();
            let views: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
            let w: Vec<f64> = (0..n).map(|i| if i == 2 { 0.0 } else { 0.25 + (next() % 1000) as f64 / 97.0 }).collect();
            let all = weighted_count_columns(&views, &levels, &w).unwrap();
            for (j, col) in cols.iter().enumerate() {
                let mut direct = vec![0.0f64; levels[j]];
                for (&c, &wi) in col.iter().zip(&w) {
                    direct[usize::from(c)] += wi;
                }
                assert_eq!(all[j].len(), levels[j]);
                for (a, b) in all[j].iter().zip(&direct) {
                    assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "column {j}, n {n}: {a} {b}");
                }
            }
        }
        // Errors: the first column in order with a fault, whatever the fault.
        let w = [1.0, 1.0, 1.0];
        let err = weighted_count_columns(&[&[0, 1, 0], &[0, 9, 0], &[0, 1]], &[2, 2, 2], &w).unwrap_err().to_string();
        assert!(err.contains("column 1") && err.contains("position 1"), "{err}");
        let err = weighted_count_columns(&[&[0, 1, 0], &[0, 1]], &[2, 2], &w).unwrap_err().to_string();
        assert!(err.contains("column 1 has 2 codes"), "{err}");
        let err = weighted_count_columns(&[&[0, 0, 0], &[0, 0, 255]], &[2, 2], &w).unwrap_err().to_string();
        assert!(err.contains("column 1") && err.contains("code 255"), "{err}");
    }

    #[test]
    fn batch_errors_name_the_column() {
        let err = count_columns(&[&[0, 1], &[0, 7]], &[2, 3]).unwrap_err().to_string();
        assert!(err.contains("column 1") && err.contains("position 1"), "{err}");
        assert!(count_columns(&[&[0, 1]], &[2, 3]).is_err());
        assert!(count_columns(&[&[0, 1]], &[0]).is_err());
        let err = weighted_count_columns(&[&[0, 1], &[0, 9]], &[2, 2], &[1.0, 1.0]).unwrap_err().to_string();
        assert!(err.contains("column 1"), "{err}");
        assert!(weighted_count_columns(&[&[0, 1, 1]], &[2], &[1.0, 1.0]).is_err());
        assert!(weighted_count_columns(&[&[0, 1]], &[2], &[1.0, -1.0]).is_err());
        assert_eq!(count_columns(&[], &[]).unwrap(), Vec::<Vec<u64>>::new());
        // Large enough to run on several threads.
        let big = vec![3u8; 3 << 20];
        let c = count_columns(&[&big, &big], &[4, 4]).unwrap();
        assert_eq!(c[1], vec![0, 0, 0, 3 << 20]);
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
