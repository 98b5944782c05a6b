//! Two-way tables: counts, percentages, expected counts, Pearson's chi-square, Cramér's V,
//! the likelihood-ratio G², Fisher's exact test for 2x2 tables, and the Rao–Scott corrected
//! chi-square for weighted, stratified designs.
//!
//! Tables are row-major: cell `(r, c)` is at index `r * n_cols + c`.
//!
//! **Empty rows and columns.** A row or column whose (weighted) total is 0 is reported (see
//! [`Crosstab::empty_rows`]) and left out of every test: the degrees of freedom are
//! `(r' - 1)(c' - 1)` with `r'`, `c'` the non-empty rows and columns, and its cells count
//! neither as tested cells nor as cells with a small expected count. Its percentages are
//! `None` where they would divide by 0. With fewer than two non-empty rows or columns there is
//! no test (`chi_square` is `None`). No result is ever NaN.

use statrs::distribution::{ChiSquared, ContinuousCDF, FisherSnedecor};

use crate::error::{Error, Result};

use super::check_weights;

/// Pearson's chi-square test of independence and the measures that go with it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChiSquareTest {
    /// Pearson's X² = sum (O - E)² / E over the tested cells.
    pub statistic: f64,
    /// Degrees of freedom `(r' - 1)(c' - 1)` over the non-empty rows and columns.
    pub df: usize,
    /// Upper-tail p-value of X² under chi-square(df).
    pub p_value: f64,
    /// Likelihood-ratio statistic G² = 2 sum O ln(O / E) (cells with O = 0 add 0).
    pub likelihood_ratio: f64,
    /// Upper-tail p-value of G² under chi-square(df).
    pub likelihood_ratio_p_value: f64,
    /// Cramér's V = sqrt(X² / (n * (min(r', c') - 1))).
    pub cramers_v: f64,
    /// Number of tested cells (`r' * c'`).
    pub n_cells: usize,
    /// Tested cells with an expected count below 5.
    pub n_expected_below_5: usize,
    /// Share of tested cells with an expected count below 5.
    pub share_expected_below_5: f64,
    /// Smallest expected count over the tested cells.
    pub min_expected: f64,
    /// Cochran's rule is broken: more than 20% of expected counts below 5, or one below 1.
    /// The chi-square approximation is then doubtful; say so next to the p-value.
    pub small_expected_warning: bool,
}

/// Fisher's exact test for a 2x2 table (two-sided).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FisherExact {
    /// Two-sided p-value: the probability, given the margins, of all tables no more likely
    /// than the one observed (relative tolerance 1e-7, as R's `fisher.test`).
    pub p_value: f64,
    /// The sample odds ratio `(a d) / (b c)`; `None` when `b c = 0` (infinite or undefined).
    pub odds_ratio: Option<f64>,
}

/// A two-way table with its percentages and tests.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Crosstab {
    /// Number of row levels.
    pub n_rows: usize,
    /// Number of column levels.
    pub n_cols: usize,
    /// Number of respondents (unweighted).
    pub n: usize,
    /// Whether weights were given.
    pub weighted: bool,
    /// Sum of the weights (= n when unweighted).
    pub total: f64,
    /// Weighted counts, row-major (the unweighted counts when unweighted).
    pub counts: Vec<f64>,
    /// Unweighted counts, row-major (for disclosure control and small-cell checks).
    pub unweighted_counts: Vec<u64>,
    /// Row totals of `counts`.
    pub row_totals: Vec<f64>,
    /// Column totals of `counts`.
    pub col_totals: Vec<f64>,
    /// 100 * count / row total; `None` in an empty row.
    pub row_percent: Vec<Option<f64>>,
    /// 100 * count / column total; `None` in an empty column.
    pub col_percent: Vec<Option<f64>>,
    /// 100 * count / total.
    pub total_percent: Vec<f64>,
    /// Expected counts under independence, `row total * column total / total`, in the units
    /// of `counts` (0 in empty rows and columns).
    pub expected: Vec<f64>,
    /// Rows with total 0, left out of the tests.
    pub empty_rows: Vec<usize>,
    /// Columns with total 0, left out of the tests.
    pub empty_cols: Vec<usize>,
    /// Pearson's test; `None` with fewer than two non-empty rows or columns. For a weighted
    /// table it is computed on the table rescaled to sum to n (as R's `svychisq` does before
    /// correcting): descriptive only, use [`rao_scott`] for a design-based test.
    pub chi_square: Option<ChiSquareTest>,
    /// Fisher's exact test, for an unweighted 2x2 table only.
    pub fisher: Option<FisherExact>,
}

fn check_codes(name: &'static str, codes: &[u8], levels: usize) -> Result<()> {
    match codes.iter().position(|&c| usize::from(c) >= levels) {
        Some(i) => Err(Error::InvalidArgument {
            name,
            message: format!(
                "observation {i} has code {}, but there are {levels} levels",
                codes.get(i).copied().unwrap_or_default()
            ),
        }),
        None => Ok(()),
    }
}

fn check_shape(rows: &[u8], n_rows: usize, cols: &[u8], n_cols: usize) -> Result<()> {
    if rows.len() != cols.len() {
        return Err(Error::InvalidArgument {
            name: "cols",
            message: format!("{} row codes but {} column codes", rows.len(), cols.len()),
        });
    }
    if n_rows == 0 || n_cols == 0 {
        return Err(Error::InvalidArgument {
            name: "n_rows/n_cols",
            message: format!("a table needs at least one level each, got {n_rows} x {n_cols}"),
        });
    }
    // u8 codes have at most 256 levels; a larger count would only allocate empty cells (or
    // more memory than there is).
    if n_rows > 256 || n_cols > 256 {
        return Err(Error::InvalidArgument {
            name: "n_rows/n_cols",
            message: format!("u8 codes have at most 256 levels, got {n_rows} x {n_cols}"),
        });
    }
    if rows.is_empty() {
        return Err(Error::TooFewObservations { what: "crosstab", min: 1, n: 0 });
    }
    check_codes("rows", rows, n_rows)?;
    check_codes("cols", cols, n_cols)
}

fn chi2_sf(x: f64, df: f64) -> f64 {
    match ChiSquared::new(df) {
        Ok(d) => d.sf(x),
        Err(_) => 1.0,
    }
}

/// Cross-tabulate two categorical variables.
///
/// One pass counts into an `n_rows * n_cols` array; everything else works on that array.
///
/// # Formula
/// ```text
/// E_rc = R_r * C_c / T
/// X²   = sum_{r,c} (O_rc - E_rc)² / E_rc          df = (r' - 1)(c' - 1)
/// G²   = 2 sum_{r,c: O_rc > 0} O_rc ln(O_rc / E_rc)
/// V    = sqrt(X² / (n (min(r', c') - 1)))
/// weighted: O_rc = (sum of weights in the cell) * n / T before the test
/// ```
///
/// # Errors
/// [`Error::TooFewObservations`] for no observations; [`Error::InvalidArgument`] when the two
/// code slices differ in length, a code is out of range, a level count is 0, a weight is
/// invalid or all weights are 0.
///
/// # References
/// Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed. Wiley, §3.2 (X², G²), §3.5
/// (Fisher's exact test). Cramér, H. (1946). *Mathematical Methods of Statistics*, p. 282.
/// Cochran, W. G. (1954). Some methods for strengthening the common χ² tests. *Biometrics*
/// 10(4), 417-451.
pub fn crosstab(rows: &[u8], n_rows: usize, cols: &[u8], n_cols: usize, weights: Option<&[f64]>) -> Result<Crosstab> {
    check_shape(rows, n_rows, cols, n_cols)?;
    let n = rows.len();
    let cells = n_rows * n_cols;
    let mut unweighted_counts = vec![0u64; cells];
    for (&r, &c) in rows.iter().zip(cols) {
        if let Some(x) = unweighted_counts.get_mut(usize::from(r) * n_cols + usize::from(c)) {
            *x += 1;
        }
    }
    let counts: Vec<f64> = match weights {
        None => unweighted_counts.iter().map(|&x| x as f64).collect(),
        Some(w) => {
            check_weights(w, n)?;
            let mut t = vec![0.0; cells];
            for ((&r, &c), &wi) in rows.iter().zip(cols).zip(w) {
                if let Some(x) = t.get_mut(usize::from(r) * n_cols + usize::from(c)) {
                    *x += wi;
                }
            }
            t
        }
    };
    let total: f64 = counts.iter().sum();
    if total <= 0.0 {
        return Err(Error::InvalidArgument { name: "weights", message: "all weights are 0".into() });
    }
    let row_totals: Vec<f64> = counts.chunks(n_cols).map(|r| r.iter().sum()).collect();
    let mut col_totals = vec![0.0; n_cols];
    for row in counts.chunks(n_cols) {
        for (t, x) in col_totals.iter_mut().zip(row) {
            *t += x;
        }
    }
    let mut row_percent = Vec::with_capacity(cells);
    let mut col_percent = Vec::with_capacity(cells);
    let mut expected = Vec::with_capacity(cells);
    for (row, &rt) in counts.chunks(n_cols).zip(&row_totals) {
        for (&x, &ct) in row.iter().zip(&col_totals) {
            row_percent.push((rt > 0.0).then(|| 100.0 * x / rt));
            col_percent.push((ct > 0.0).then(|| 100.0 * x / ct));
            expected.push(rt * ct / total);
        }
    }
    let total_percent = counts.iter().map(|x| 100.0 * x / total).collect();
    let empty_rows: Vec<usize> = row_totals.iter().enumerate().filter(|(_, t)| **t <= 0.0).map(|(i, _)| i).collect();
    let empty_cols: Vec<usize> = col_totals.iter().enumerate().filter(|(_, t)| **t <= 0.0).map(|(i, _)| i).collect();
    let scale = if weights.is_some() { n as f64 / total } else { 1.0 };
    let chi_square = pearson(&counts, &expected, &row_totals, &col_totals, n_cols, scale, n as f64);
    let fisher = match (weights, unweighted_counts.as_slice()) {
        (None, &[a, b, c, d]) if n_rows == 2 && n_cols == 2 => Some(fisher_exact_2x2([a, b, c, d])),
        _ => None,
    };
    Ok(Crosstab {
        n_rows,
        n_cols,
        n,
        weighted: weights.is_some(),
        total,
        counts,
        unweighted_counts,
        row_totals,
        col_totals,
        row_percent,
        col_percent,
        total_percent,
        expected,
        empty_rows,
        empty_cols,
        chi_square,
        fisher,
    })
}

/// Cell counts of many items (rows) by one grouping variable (columns) in one call: for every
/// item `j`, the `n_levels[j] x n_groups` table of counts, row-major (`[level * n_groups +
/// group]`), equal to `crosstab(items[j], n_levels[j], group, n_groups, None)?.unweighted_counts`
/// but without the tests and percentages.
///
/// Counting, not one table update per item and respondent: consecutive items are taken a few
/// at a time (as many as keep the joint table within 4,096 cells: three items of 5 levels by a
/// 12-level group give 5 x 5 x 5 x 12 = 1,500 cells) and each respondent is counted once, in
/// the cell of its joint answer pattern and group. The cell indices of a chunk of rows are
/// computed in vectorised `u16` lanes; the per-item tables are the margins of the joint table.
/// The range check of the codes is part of the same read (a running maximum per item). The
/// passes are spread over the available cores when the data is large.
///
/// # Formula
/// ```text
/// count[j][k * G + g] = #{ i : items[j][i] = k and group[i] = g }
///                     = sum over the other items' codes of joint[.., k, .., g]
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `n_levels` does not give one level count per item, a level
/// count is 0 or above 256, `n_groups` is 0 or above 256, an item's length differs from the
/// group's, or a code is out of range (naming the item). With several faults, the first item in
/// order that has one is reported.
///
/// # References
/// Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.), section 2.1. Wiley.
///
/// ```
/// use lomonitor::stats::crosstab_columns;
/// let group = [0, 1, 1, 0];
/// let t = crosstab_columns(&[&[0, 0, 1, 1], &[2, 2, 2, 0]], &[2, 3], &group, 2)?;
/// assert_eq!(t[0], vec![1, 1, 1, 1]);
/// assert_eq!(t[1], vec![1, 0, 0, 0, 1, 2]);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn crosstab_columns(items: &[&[u8]], n_levels: &[usize], group: &[u8], n_groups: usize) -> Result<Vec<Vec<u64>>> {
    if n_levels.len() != items.len() {
        return Err(Error::InvalidArgument {
            name: "n_levels",
            message: format!("{} level counts for {} items", n_levels.len(), items.len()),
        });
    }
    let in_range = |name: &'static str, l: usize| {
        if l == 0 || l > 256 {
            Err(Error::InvalidArgument { name, message: format!("must lie in 1..=256, got {l}") })
        } else {
            Ok(())
        }
    };
    in_range("n_groups", n_groups)?;
    check_codes("group", group, n_groups)?;
    let item_codes = |j: usize| {
        let (item, l) = (items.get(j).copied().unwrap_or_default(), n_levels.get(j).copied().unwrap_or(1));
        check_codes("items", item, l).map_err(|e| match e {
            Error::InvalidArgument { name, message } => {
                Error::InvalidArgument { name, message: format!("item {j}: {message}") }
            }
            other => other,
        })
    };
    for (j, (item, &l)) in items.iter().zip(n_levels).enumerate() {
        let shape = in_range("n_levels", l).and_then(|()| {
            if item.len() == group.len() {
                Ok(())
            } else {
                Err(Error::InvalidArgument {
                    name: "items",
                    message: format!("item {j} has {} codes, the group {}", item.len(), group.len()),
                })
            }
        });
        if let Err(e) = shape {
            // An earlier item's bad code comes first (items are checked in order).
            (0..j).try_for_each(item_codes)?;
            return Err(e);
        }
    }
    let runs = super::joint::passes(n_levels, n_groups, JOINT_CELLS, 8);
    let bytes = items.len() * group.len();
    let counted = super::par_map(runs.len(), super::threads_for(bytes), |p| {
        let run = runs.get(p).cloned().unwrap_or_default();
        count_joint(items.get(run.clone()).unwrap_or_default(), n_levels.get(run).unwrap_or_default(), group, n_groups)
    });
    let mut out = Vec::with_capacity(items.len());
    for (tables, max) in counted {
        for (t, m) in tables.into_iter().zip(max) {
            if usize::from(m) >= n_levels.get(out.len()).copied().unwrap_or(0) {
                return Err(item_codes(out.len()).err().unwrap_or_else(|| Error::InvalidArgument {
                    name: "items",
                    message: format!("item {}: a code is out of range", out.len()),
                }));
            }
            out.push(t);
        }
    }
    Ok(out)
}

/// The largest joint table of a pass of [`crosstab_columns`]: 4,096 `u32` counters (16 KiB)
/// stay in the L1 cache next to the streams of codes.
const JOINT_CELLS: usize = 4096;

/// The `(level, group)` counts of the items of one pass and the largest code of each item,
/// from the joint table of their codes and the group.
fn count_joint(items: &[&[u8]], n_levels: &[usize], group: &[u8], n_groups: usize) -> (Vec<Vec<u64>>, Vec<u8>) {
    let (strides, cells) = super::joint::strides(n_levels, n_groups);
    let strides: Vec<u16> = strides.iter().map(|&s| u16::try_from(s).unwrap_or(0)).collect();
    let mut table = vec![0u32; cells];
    let mut out: Vec<Vec<u64>> = n_levels.iter().map(|&l| vec![0; l * n_groups]).collect();
    let mut max = vec![0u8; items.len()];
    let mut idx = [0u16; super::joint::CHUNK];
    // u32 counters: flush the joint table into the margins before any could overflow.
    const FLUSH: usize = 1 << 31;
    let flush = |table: &mut [u32], out: &mut [Vec<u64>]| {
        super::joint::for_each_pattern(table, n_levels, n_groups, |digits, block| {
            for (o, &d) in out.iter_mut().zip(digits) {
                if let Some(row) = o.get_mut(d * n_groups..(d + 1) * n_groups) {
                    row.iter_mut().zip(block).for_each(|(x, &c)| *x += u64::from(c));
                }
            }
        });
        table.iter_mut().for_each(|c| *c = 0);
    };
    let mut since_flush = 0;
    for (start, g) in (0..).step_by(super::joint::CHUNK).zip(group.chunks(super::joint::CHUNK)) {
        let idx = idx.get_mut(..g.len()).unwrap_or_default();
        idx.iter_mut().zip(g).for_each(|(x, &v)| *x = u16::from(v));
        super::joint::add_indices(items, &strides, start..start + g.len(), idx, &mut max);
        for &i in idx.iter() {
            if let Some(c) = table.get_mut(usize::from(i)) {
                *c += 1;
            }
        }
        since_flush += g.len();
        if since_flush >= FLUSH {
            flush(&mut table, &mut out);
            since_flush = 0;
        }
    }
    flush(&mut table, &mut out);
    (out, max)
}

fn pearson(
    counts: &[f64],
    expected: &[f64],
    row_totals: &[f64],
    col_totals: &[f64],
    n_cols: usize,
    scale: f64,
    n: f64,
) -> Option<ChiSquareTest> {
    let r_active = row_totals.iter().filter(|t| **t > 0.0).count();
    let c_active = col_totals.iter().filter(|t| **t > 0.0).count();
    if r_active < 2 || c_active < 2 {
        return None;
    }
    let (mut x2, mut g2, mut small, mut tested, mut min_e) = (0.0, 0.0, 0usize, 0usize, f64::INFINITY);
    for ((row_o, row_e), &rt) in counts.chunks(n_cols).zip(expected.chunks(n_cols)).zip(row_totals) {
        if rt <= 0.0 {
            continue;
        }
        for ((&o, &e), &ct) in row_o.iter().zip(row_e).zip(col_totals) {
            if ct <= 0.0 {
                continue;
            }
            let (o, e) = (o * scale, e * scale);
            tested += 1;
            x2 += (o - e) * (o - e) / e;
            if o > 0.0 {
                g2 += 2.0 * o * (o / e).ln();
            }
            if e < 5.0 {
                small += 1;
            }
            min_e = min_e.min(e);
        }
    }
    let df = (r_active - 1) * (c_active - 1);
    let share = small as f64 / tested as f64;
    let k = (r_active.min(c_active) - 1) as f64;
    Some(ChiSquareTest {
        statistic: x2,
        df,
        p_value: chi2_sf(x2, df as f64),
        likelihood_ratio: g2,
        likelihood_ratio_p_value: chi2_sf(g2, df as f64),
        cramers_v: (x2 / (n * k)).sqrt(),
        n_cells: tested,
        n_expected_below_5: small,
        share_expected_below_5: share,
        min_expected: min_e,
        small_expected_warning: share > 0.2 || min_e < 1.0,
    })
}

/// Fisher's exact test for the 2x2 table `[[a, b], [c, d]]`, two-sided.
///
/// # Formula
/// ```text
/// P(x) = C(a+b, x) C(c+d, a+c-x) / C(n, a+c)          (hypergeometric)
/// p    = sum_{x: P(x) <= P(a) (1 + 1e-7)} P(x)
/// ```
/// A table with an empty row or column has p = 1. Computed in log space by
/// [`fisher_exact_test`](super::fisher_exact_test) (right for any N, O(spread) work; one-sided
/// tests there, the conditional odds ratio in [`odds_ratio_2x2`](super::odds_ratio_2x2)).
///
/// # References
/// Fisher, R. A. (1935). The logic of inductive inference. *Journal of the Royal Statistical
/// Society* 98(1), 39-82. Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., §3.5.
pub fn fisher_exact_2x2(table: [u64; 4]) -> FisherExact {
    let [a, b, c, d] = table.map(|v| v as f64);
    let odds_ratio = (b * c > 0.0).then(|| (a * d) / (b * c));
    // the only error is a total beyond 2^53, which no table of respondents reaches
    let p_value = super::exact::fisher_exact_test(table, super::exact::Alternative::TwoSided).unwrap_or(1.0);
    FisherExact { p_value, odds_ratio }
}

/// A stratified design with one respondent per primary sampling unit (each municipality is its
/// own PSU), for [`rao_scott`].
#[derive(Clone, Copy, Debug)]
pub struct Design<'a> {
    /// Sampling weights, one per respondent.
    pub weights: &'a [f64],
    /// Stratum of each respondent (dense indices); `None` for an unstratified design.
    pub strata: Option<&'a [usize]>,
    /// Population size `N_h` of each stratum, for the finite population correction
    /// `1 - n_h / N_h`; `None` for sampling with replacement (no correction). Without strata,
    /// one value: the population size.
    pub population_sizes: Option<&'a [f64]>,
}

/// The Rao–Scott corrected chi-square test of independence for a weighted two-way table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RaoScott {
    /// Respondents.
    pub n: usize,
    /// Strata with respondents.
    pub n_strata: usize,
    /// Design degrees of freedom, respondents minus strata.
    pub design_df: usize,
    /// Degrees of freedom `(r' - 1)(c' - 1)` over the non-empty rows and columns.
    pub df: usize,
    /// Pearson's X² of the weighted table rescaled to n (uncorrected).
    pub pearson: f64,
    /// Mean generalized design effect, trace(Delta) / df.
    pub mean_deff: f64,
    /// First-order corrected statistic X² / mean_deff.
    pub first_order_statistic: f64,
    /// Its upper-tail p-value under chi-square(df).
    pub first_order_p_value: f64,
    /// Second-order F statistic X² / trace(Delta).
    pub f_statistic: f64,
    /// Numerator degrees of freedom of F, trace(Delta)² / trace(Delta²).
    pub f_df_num: f64,
    /// Denominator degrees of freedom of F, `f_df_num * design_df`.
    pub f_df_den: f64,
    /// Upper-tail p-value of F under F(f_df_num, f_df_den).
    pub f_p_value: f64,
    /// Rows with weighted total 0, left out.
    pub empty_rows: Vec<usize>,
    /// Columns with weighted total 0, left out.
    pub empty_cols: Vec<usize>,
    /// Whether a finite population correction was applied.
    pub fpc: bool,
}

/// The Rao–Scott corrected Pearson chi-square test of independence for a weighted table from a
/// stratified design, first order (X² divided by the mean generalized design effect) and second
/// order (the F version of R's `svychisq(statistic = "F")`).
///
/// Cell proportions are estimated with the weights; their covariance `V` by Taylor
/// linearization with each respondent its own PSU, stratum by stratum (with replacement, times
/// `1 - n_h / N_h` when population sizes are given). Rows and columns with weighted total 0 are
/// left out (and reported); cells with estimated proportion 0 get weight 0 in `D^-1`, as in
/// R's `svychisq`.
///
/// # Formula
/// ```text
/// p_k = sum_i w_i y_ik / W;      z_i = w_i (y_i - p) / W
/// V   = sum_h (1 - n_h/N_h) n_h/(n_h - 1) sum_{i in h} (z_i - zbar_h)(z_i - zbar_h)'
/// C   = a basis of the interaction contrasts (orthogonal to the main effects)
/// Delta = (C' D^-1 C / n)^-1 (C' D^-1 V D^-1 C),   D = diag(p)
/// X²  = n sum_{rc} (p_rc - p_r. p_.c)² / (p_r. p_.c)
/// first order: X² / (tr(Delta) / df)  ~ chi2(df)
/// F = X² / tr(Delta)  ~ F(d, d (n - H)),   d = tr(Delta)² / tr(Delta²)
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for mismatched lengths, codes or strata out of range, invalid
/// weights, a stratum with one respondent (its variance cannot be estimated: collapse it), a
/// population size below its stratum's respondents, fewer than two non-empty rows or columns,
/// a singular contrast matrix, or a design variance of 0 (a census: there is nothing to test);
/// [`Error::TooFewObservations`] for no observations.
///
/// # References
/// Rao, J. N. K. & Scott, A. J. (1984). On chi-squared tests for multiway contingency tables
/// with cell proportions estimated from survey data. *Annals of Statistics* 12(1), 46-60.
/// Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley, §6.2.
pub fn rao_scott(rows: &[u8], n_rows: usize, cols: &[u8], n_cols: usize, design: &Design<'_>) -> Result<RaoScott> {
    check_shape(rows, n_rows, cols, n_cols)?;
    let n = rows.len();
    let w = design.weights;
    check_weights(w, n)?;
    let ones;
    let strata: &[usize] = match design.strata {
        Some(s) => {
            if s.len() != n {
                return Err(Error::InvalidArgument {
                    name: "strata",
                    message: format!("{} strata for {n} observations", s.len()),
                });
            }
            s
        }
        None => {
            ones = vec![0usize; n];
            &ones
        }
    };
    // Dense stratum codes: below the number of observations or of population sizes.
    let limit = n.max(design.population_sizes.map_or(0, <[f64]>::len));
    if let Some(i) = strata.iter().position(|&h| h >= limit) {
        return Err(Error::InvalidArgument {
            name: "strata",
            message: format!(
                "stratum code {} at position {i}: codes must be dense, 0..{limit}",
                strata.get(i).copied().unwrap_or_default()
            ),
        });
    }
    let n_h_len = strata.iter().max().map_or(0, |m| m + 1);
    let mut n_h = vec![0usize; n_h_len];
    for &h in strata {
        if let Some(x) = n_h.get_mut(h) {
            *x += 1;
        }
    }
    let mut fpc = vec![1.0; n_h_len];
    if let Some(pop) = design.population_sizes {
        if pop.len() < n_h_len {
            return Err(Error::InvalidArgument {
                name: "population_sizes",
                message: format!("{} population sizes for {n_h_len} strata", pop.len()),
            });
        }
        for (h, ((f, &nh), &big_n)) in fpc.iter_mut().zip(&n_h).zip(pop).enumerate() {
            if nh > 0 && !(big_n.is_finite() && big_n >= nh as f64) {
                return Err(Error::InvalidArgument {
                    name: "population_sizes",
                    message: format!("stratum {h} has {nh} respondents but population size {big_n}"),
                });
            }
            if nh > 0 {
                *f = 1.0 - nh as f64 / big_n;
            }
        }
    }
    if let Some(h) = n_h.iter().position(|&c| c == 1) {
        return Err(Error::InvalidArgument {
            name: "strata",
            message: format!("stratum {h} has a single respondent, so its variance cannot be estimated: collapse it"),
        });
    }
    let n_strata = n_h.iter().filter(|&&c| c > 0).count();

    // weighted cell totals and active rows/columns
    let mut t = vec![0.0; n_rows * n_cols];
    for ((&r, &c), &wi) in rows.iter().zip(cols).zip(w) {
        if let Some(x) = t.get_mut(usize::from(r) * n_cols + usize::from(c)) {
            *x += wi;
        }
    }
    let big_w: f64 = t.iter().sum();
    if big_w <= 0.0 {
        return Err(Error::InvalidArgument { name: "weights", message: "all weights are 0".into() });
    }
    let row_t: Vec<f64> = t.chunks(n_cols).map(|r| r.iter().sum()).collect();
    let mut col_t = vec![0.0; n_cols];
    for row in t.chunks(n_cols) {
        col_t.iter_mut().zip(row).for_each(|(s, x)| *s += x);
    }
    let row_map = active_map(&row_t);
    let col_map = active_map(&col_t);
    let ra = row_map.iter().flatten().count();
    let ca = col_map.iter().flatten().count();
    if ra < 2 || ca < 2 {
        return Err(Error::InvalidArgument {
            name: "rows/cols",
            message: format!("the Rao-Scott test needs at least two non-empty rows and columns, got {ra} x {ca}"),
        });
    }
    let k = ra * ca;
    let cell_of = |r: u8, c: u8| -> Option<usize> {
        let ri = row_map.get(usize::from(r)).copied().flatten()?;
        let ci = col_map.get(usize::from(c)).copied().flatten()?;
        Some(ri * ca + ci)
    };
    let mut p = vec![0.0; k];
    for (r, row) in t.chunks(n_cols).enumerate() {
        let Some(ri) = row_map.get(r).copied().flatten() else { continue };
        for (c, &x) in row.iter().enumerate() {
            if let Some(ci) = col_map.get(c).copied().flatten()
                && let Some(pk) = p.get_mut(ri * ca + ci)
            {
                *pk = x / big_w;
            }
        }
    }

    // per-stratum sums of w and w^2 per cell
    let mut s1 = vec![0.0; n_h_len * k];
    let mut s2 = vec![0.0; n_h_len * k];
    for (((&r, &c), &wi), &h) in rows.iter().zip(cols).zip(w).zip(strata) {
        if let Some(idx) = cell_of(r, c) {
            if let Some(x) = s1.get_mut(h * k + idx) {
                *x += wi;
            }
            if let Some(x) = s2.get_mut(h * k + idx) {
                *x += wi * wi;
            }
        }
    }
    let mut v = vec![0.0; k * k];
    for (h, (&nh, &f)) in n_h.iter().zip(&fpc).enumerate() {
        if nh < 2 {
            continue;
        }
        let (Some(a1), Some(a2)) = (s1.get(h * k..(h + 1) * k), s2.get(h * k..(h + 1) * k)) else { continue };
        let sum1: f64 = a1.iter().sum();
        let sum2: f64 = a2.iter().sum();
        let nhf = nh as f64;
        let zbar: Vec<f64> = a1.iter().zip(&p).map(|(s, pk)| (s - sum1 * pk) / (nhf * big_w)).collect();
        let factor = f * nhf / (nhf - 1.0);
        let w2 = big_w * big_w;
        for (i, ((&s2i, &pi), &zi)) in a2.iter().zip(&p).zip(&zbar).enumerate() {
            for (j, ((&s2j, &pj), &zj)) in a2.iter().zip(&p).zip(&zbar).enumerate() {
                let diag = if i == j { s2i } else { 0.0 };
                let m = (diag - s2i * pj - pi * s2j + sum2 * pi * pj) / w2 - nhf * zi * zj;
                if let Some(x) = v.get_mut(i * k + j) {
                    *x += factor * m;
                }
            }
        }
    }

    // contrasts C (k x m) and G = D^-1 C
    let m = (ra - 1) * (ca - 1);
    let mut cmat = vec![0.0; k * m];
    for a in 0..ra - 1 {
        for b in 0..ca - 1 {
            let col = a * (ca - 1) + b;
            for (cell, sign) in
                [(a * ca + b, 1.0), (a * ca + ca - 1, -1.0), ((ra - 1) * ca + b, -1.0), ((ra - 1) * ca + ca - 1, 1.0)]
            {
                if let Some(x) = cmat.get_mut(cell * m + col) {
                    *x = sign;
                }
            }
        }
    }
    let dinv: Vec<f64> = p.iter().map(|&pk| if pk > 0.0 { 1.0 / pk } else { 0.0 }).collect();
    let g: Vec<f64> = cmat.iter().enumerate().map(|(idx, &x)| x * dinv.get(idx / m).copied().unwrap_or(0.0)).collect();
    let nf = n as f64;
    let mut a_mat = vec![0.0; m * m];
    let mut b_mat = vec![0.0; m * m];
    // VG = V * G (k x m)
    let mut vg = vec![0.0; k * m];
    for i in 0..k {
        for j in 0..k {
            let vij = v.get(i * k + j).copied().unwrap_or(0.0);
            if vij == 0.0 {
                continue;
            }
            for c in 0..m {
                let add = vij * g.get(j * m + c).copied().unwrap_or(0.0);
                if let Some(x) = vg.get_mut(i * m + c) {
                    *x += add;
                }
            }
        }
    }
    for a in 0..m {
        for b in 0..m {
            let mut sa = 0.0;
            let mut sb = 0.0;
            for cell in 0..k {
                let ga = g.get(cell * m + a).copied().unwrap_or(0.0);
                sa += cmat.get(cell * m + b).copied().unwrap_or(0.0) * ga;
                sb += ga * vg.get(cell * m + b).copied().unwrap_or(0.0);
            }
            if let Some(x) = a_mat.get_mut(a * m + b) {
                *x = sa / nf;
            }
            if let Some(x) = b_mat.get_mut(a * m + b) {
                *x = sb;
            }
        }
    }
    let delta = solve(a_mat, b_mat, m)?;
    let tr: f64 = (0..m).map(|i| delta.get(i * m + i).copied().unwrap_or(0.0)).sum();
    let tr2: f64 = (0..m)
        .flat_map(|i| (0..m).map(move |j| (i, j)))
        .map(|(i, j)| delta.get(i * m + j).copied().unwrap_or(0.0) * delta.get(j * m + i).copied().unwrap_or(0.0))
        .sum();
    if !(tr > 0.0 && tr2 > 0.0 && tr.is_finite()) {
        return Err(Error::InvalidArgument {
            name: "design",
            message: "the design variance of the cell proportions is 0 (a census?): there is nothing to test".into(),
        });
    }

    // Pearson X^2 on the table rescaled to n
    let mut x2 = 0.0;
    for (r, rt) in row_t.iter().enumerate() {
        for (c, ct) in col_t.iter().enumerate() {
            if *rt <= 0.0 || *ct <= 0.0 {
                continue;
            }
            let pij = t.get(r * n_cols + c).copied().unwrap_or(0.0) / big_w;
            let e = (rt / big_w) * (ct / big_w);
            x2 += (pij - e) * (pij - e) / e;
        }
    }
    x2 *= nf;
    let design_df = n - n_strata;
    let mean_deff = tr / m as f64;
    let first = x2 / mean_deff;
    let f_stat = x2 / tr;
    let d0 = tr * tr / tr2;
    let ddf = d0 * design_df as f64;
    let f_p = match FisherSnedecor::new(d0, ddf) {
        Ok(dist) => dist.sf(f_stat),
        Err(e) => {
            return Err(Error::InvalidArgument {
                name: "design",
                message: format!("F({d0}, {ddf}) is not defined: {e}"),
            });
        }
    };
    Ok(RaoScott {
        n,
        n_strata,
        design_df,
        df: m,
        pearson: x2,
        mean_deff,
        first_order_statistic: first,
        first_order_p_value: chi2_sf(first, m as f64),
        f_statistic: f_stat,
        f_df_num: d0,
        f_df_den: ddf,
        f_p_value: f_p,
        empty_rows: row_t.iter().enumerate().filter(|(_, t)| **t <= 0.0).map(|(i, _)| i).collect(),
        empty_cols: col_t.iter().enumerate().filter(|(_, t)| **t <= 0.0).map(|(i, _)| i).collect(),
        fpc: design.population_sizes.is_some(),
    })
}

fn active_map(totals: &[f64]) -> Vec<Option<usize>> {
    let mut next = 0;
    totals
        .iter()
        .map(|&t| {
            (t > 0.0).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// Solve `A X = B` for square `A` (m x m, row-major) and `B` (m x m) by Gaussian elimination
/// with partial pivoting.
fn solve(mut a: Vec<f64>, mut b: Vec<f64>, m: usize) -> Result<Vec<f64>> {
    let scale = a.iter().fold(0.0f64, |s, x| s.max(x.abs()));
    let singular = || Error::InvalidArgument {
        name: "design",
        message: "the contrast matrix of the Rao-Scott correction is singular (too many empty cells)".into(),
    };
    for col in 0..m {
        let (piv, pval) = (col..m)
            .map(|r| (r, a.get(r * m + col).copied().unwrap_or(0.0).abs()))
            .fold((col, -1.0), |best, cur| if cur.1 > best.1 { cur } else { best });
        if pval.is_nan() || pval <= 1e-12 * scale {
            return Err(singular());
        }
        if piv != col {
            for j in 0..m {
                a.swap(piv * m + j, col * m + j);
                b.swap(piv * m + j, col * m + j);
            }
        }
        let d = a.get(col * m + col).copied().unwrap_or(1.0);
        for r in 0..m {
            if r == col {
                continue;
            }
            let f = a.get(r * m + col).copied().unwrap_or(0.0) / d;
            if f == 0.0 {
                continue;
            }
            for j in 0..m {
                let (acj, bcj) =
                    (a.get(col * m + j).copied().unwrap_or(0.0), b.get(col * m + j).copied().unwrap_or(0.0));
                if let Some(x) = a.get_mut(r * m + j) {
                    *x -= f * acj;
                }
                if let Some(x) = b.get_mut(r * m + j) {
                    *x -= f * bcj;
                }
            }
        }
    }
    for r in 0..m {
        let d = a.get(r * m + r).copied().unwrap_or(1.0);
        for j in 0..m {
            if let Some(x) = b.get_mut(r * m + j) {
                *x /= d;
            }
        }
    }
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosstab_columns_equal_crosstab() {
        let mut state = 11u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        for (n, n_groups) in [(1usize, 1usize), (7, 3), (5003, 12), (5003, 17), (3 << 18, 12)] {
            let levels = [1usize, 2, 5, 16, 17, 40];
            let group: Vec<u8> = (0..n).map(|_| (next() % n_groups as u64) as u8).collect();
            let cols: Vec<Vec<u8>> =
                levels.iter().map(|&l| (0..n).map(|_| (next() % l as u64) as u8).collect()).collect();
            let views: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
            let all = crosstab_columns(&views, &levels, &group, n_groups).unwrap();
            for (j, col) in cols.iter().enumerate() {
                let one = crosstab(col, levels[j], &group, n_groups, None).unwrap();
                assert_eq!(all[j], one.unweighted_counts, "item {j}, n {n}, groups {n_groups}");
            }
        }
        let err = crosstab_columns(&[&[0, 1], &[0, 5]], &[2, 3], &[0, 1], 2).unwrap_err().to_string();
        assert!(err.contains("item 1"), "{err}");
        assert!(crosstab_columns(&[&[0, 1]], &[2], &[0, 2], 2).is_err());
        assert!(crosstab_columns(&[&[0, 1]], &[2], &[0], 2).is_err());
        assert!(crosstab_columns(&[&[0, 1]], &[2, 2], &[0, 1], 2).is_err());
        assert!(crosstab_columns(&[&[0, 1]], &[2], &[0, 0], 0).is_err());
    }

    /// The joint-table passes against a direct count, on the edges: no rows, lengths around
    /// the chunk size, the largest codes (256 levels by 256 groups), one level, mixed level
    /// counts in one pass.
    #[test]
    fn crosstab_columns_equal_direct_count() {
        let mut state = 3u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        let direct = |item: &[u8], l: usize, group: &[u8], g: usize| {
            let mut t = vec![0u64; l * g];
            for (&c, &h) in item.iter().zip(group) {
                t[usize::from(c) * g + usize::from(h)] += 1;
            }
            t
        };
        let chunk = super::super::joint::CHUNK;
        for n_groups in [1usize, 2, 12, 256] {
            for n in [0usize, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 17] {
                let levels = [5usize, 5, 5, 5, 1, 256, 2, 3, 7, 5];
                let group: Vec<u8> = (0..n)
                    .map(|i| if i == 0 { (n_groups - 1) as u8 } else { (next() % n_groups as u64) as u8 })
                    .collect();
                let cols: Vec<Vec<u8>> = levels
                    .iter()
                    .map(|&l| (0..n).map(|i| if i == 1 { (l - 1) as u8 } else { (next() % l as u64) as u8 }).collect())
                    .collect();
                let views: Vec<&[u8]> = cols.iter().map(Vec::as_slice).collect();
                let all = crosstab_columns(&views, &levels, &group, n_groups).unwrap();
                for (j, col) in cols.iter().enumerate() {
                    assert_eq!(all[j], direct(col, levels[j], &group, n_groups), "item {j}, n {n}, groups {n_groups}");
                }
            }
        }
        // Errors: the first item in order with a fault, whatever the fault.
        let g = [0u8, 1, 0];
        let err = crosstab_columns(&[&[0, 1, 0], &[0, 1, 2], &[0, 1, 9]], &[2, 2, 2], &g, 2).unwrap_err().to_string();
        assert!(err.contains("item 1") && err.contains("observation 2"), "{err}");
        let err = crosstab_columns(&[&[0, 3, 0], &[0, 1]], &[2, 2], &g, 2).unwrap_err().to_string();
        assert!(err.contains("item 0") && err.contains("code 3"), "{err}");
        let err = crosstab_columns(&[&[0, 1, 0], &[0, 1]], &[2, 2], &g, 2).unwrap_err().to_string();
        assert!(err.contains("item 1 has 2 codes"), "{err}");
        let err = crosstab_columns(&[&[0, 1, 0], &[0, 0, 0]], &[2, 0], &g, 2).unwrap_err().to_string();
        assert!(err.contains("1..=256"), "{err}");
        // A code beyond the joint table of a multi-item pass is caught too.
        let err = crosstab_columns(&[&[0, 0, 0], &[0, 255, 0]], &[2, 2], &g, 2).unwrap_err().to_string();
        assert!(err.contains("item 1") && err.contains("code 255"), "{err}");
        assert_eq!(crosstab_columns(&[], &[], &g, 2).unwrap(), Vec::<Vec<u64>>::new());
    }

    #[test]
    fn empty_rows_are_dropped_not_nan() {
        // row 1 empty
        let rows = [0, 0, 2, 2, 0, 2];
        let cols = [0, 1, 0, 1, 0, 1];
        let t = crosstab(&rows, 3, &cols, 2, None).unwrap();
        assert_eq!(t.empty_rows, vec![1]);
        let chi = t.chi_square.unwrap();
        assert_eq!(chi.df, 1);
        assert_eq!(chi.n_cells, 4);
        assert!(t.row_percent[2].is_none() && t.row_percent[3].is_none());
        assert!(t.counts.iter().chain(&t.expected).chain(&t.total_percent).all(|x| x.is_finite()));
        // one row only: no test
        let t = crosstab(&[0, 0, 0], 2, &[0, 1, 1], 2, None).unwrap();
        assert!(t.chi_square.is_none());
        assert_eq!(t.fisher.unwrap().p_value, 1.0);
    }

    #[test]
    fn errors() {
        assert!(crosstab(&[], 2, &[], 2, None).is_err());
        assert!(crosstab(&[0, 2], 2, &[0, 1], 2, None).is_err());
        assert!(crosstab(&[0, 1], 2, &[0], 2, None).is_err());
        assert!(crosstab(&[0, 1], 2, &[0, 1], 2, Some(&[0.0, 0.0])).is_err());
        assert!(crosstab(&[0, 1], 2, &[0, 1], 2, Some(&[f64::NAN, 1.0])).is_err());
    }

    #[test]
    fn unit_weights_equal_unweighted() {
        let rows = [0, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2, 2];
        let cols = [0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1];
        let u = crosstab(&rows, 3, &cols, 2, None).unwrap();
        let w = crosstab(&rows, 3, &cols, 2, Some(&[1.0; 12])).unwrap();
        assert_eq!(u.counts, w.counts);
        assert_eq!(u.row_percent, w.row_percent);
        assert_eq!(u.col_percent, w.col_percent);
        assert_eq!(u.expected, w.expected);
        assert_eq!(u.chi_square, w.chi_square);
    }
}
