//! Statistical disclosure control for published tables: primary suppression of small cells and
//! secondary (complementary) suppression so that a suppressed cell cannot be recomputed from the
//! published row and column totals.
//!
//! Suppression is always marked (a [`CellStatus`] per cell), never silent: a report prints a
//! symbol and a footnote where a value is withheld.

use crate::error::{Error, Result};

/// Whether a cell may be published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellStatus {
    /// The cell may be published.
    Published,
    /// Suppressed because its unweighted count is small (`1..threshold`).
    Primary,
    /// Suppressed so that a primary cell cannot be recovered from the totals.
    Secondary,
}

crate::options::named_options!(CellStatus, arg = "status", what = "cell status", {
    Published => "published",
    Primary => "primary",
    Secondary => "secondary",
});

/// The suppression rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DisclosureRule {
    /// Cells with an unweighted count in `1..threshold` are suppressed. Default 5.
    pub threshold: u64,
    /// Whether a count of 0 is disclosive too (e.g. "no municipality in this province does X").
    /// Default `false`.
    pub zero_is_disclosive: bool,
    /// Whether row and column totals are published next to the table; if so, secondary
    /// suppression is applied. Default `true`.
    pub totals_published: bool,
}

impl Default for DisclosureRule {
    fn default() -> Self {
        Self { threshold: 5, zero_is_disclosive: false, totals_published: true }
    }
}

/// The suppression pattern of a table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// Number of rows.
    pub n_rows: usize,
    /// Number of columns.
    pub n_cols: usize,
    /// One status per cell, row-major.
    pub cells: Vec<CellStatus>,
    /// Row totals that must be withheld too (a one-column table's suppressed cell equals its
    /// row total).
    pub row_total_suppressed: Vec<bool>,
    /// Column totals that must be withheld (a one-row table's suppressed cell equals its
    /// column total).
    pub col_total_suppressed: Vec<bool>,
    /// Number of primary suppressions.
    pub n_primary: usize,
    /// Number of secondary suppressions.
    pub n_secondary: usize,
    /// The rule applied.
    pub rule: DisclosureRule,
}

impl Suppression {
    /// Whether cell `index` (row-major) is withheld.
    pub fn is_suppressed(&self, index: usize) -> bool {
        !matches!(self.cells.get(index), Some(CellStatus::Published) | None)
    }

    /// Apply the pattern to values derived from the same table (weighted counts, row, column or
    /// total percentages): `None` where the cell is suppressed.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `values` is not one per cell.
    pub fn apply(&self, values: &[f64]) -> Result<Vec<Option<f64>>> {
        if values.len() != self.cells.len() {
            return Err(Error::InvalidArgument {
                name: "values",
                message: format!("{} values for a table of {} cells", values.len(), self.cells.len()),
            });
        }
        Ok(values.iter().zip(&self.cells).map(|(&v, s)| (*s == CellStatus::Published).then_some(v)).collect())
    }
}

/// Mark the cells of a table of unweighted counts that may not be published.
///
/// **Primary suppression**: every cell with a count in `1..threshold` (and 0 too when
/// `zero_is_disclosive`).
///
/// **Secondary suppression** (only when totals are published), the rule: *no row and no column
/// of more than one cell may contain exactly one suppressed cell.* While some line breaks it, one
/// more cell of that line is suppressed: preferably one whose crossing line already holds a
/// suppressed cell (so no new lone suppression is made), then a non-zero count before a zero, then
/// the smallest count, then the first. Every step adds a cell, so this ends. In a line of a single
/// cell (a one-column or one-row table) a suppressed cell equals the line's total, so that total is
/// marked as withheld instead.
///
/// This guarantees that no suppressed value follows from one row or column equation. It does not
/// guarantee a minimum protection interval against a linear-programming attack that combines
/// several equations; for tables of the size published here (a few rows by a few columns) it is
/// the customary rule.
///
/// # Formula
/// ```text
/// primary(r,c)   <=> 1 <= n_rc < threshold   (or n_rc = 0 when zero is disclosive)
/// invariant      <=> for every line L with |L| > 1: #{suppressed in L} != 1
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `counts` is not `n_rows * n_cols` long (or empty for a
/// table with rows or columns), or `threshold` is 0.
///
/// # References
/// Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, §5.2 (threshold rule)
/// and §5.3 (secondary cell suppression). Cox, L. H. (1980). Suppression methodology and
/// statistical disclosure control. *JASA* 75(370), 377-385.
pub fn suppress(counts: &[u64], n_rows: usize, n_cols: usize, rule: &DisclosureRule) -> Result<Suppression> {
    // An empty table has no cells to suppress; its dimensions must not allocate either.
    if counts.is_empty() && (n_rows > 0 || n_cols > 0) {
        return Err(Error::InvalidArgument {
            name: "counts",
            message: format!("no counts for a {n_rows} x {n_cols} table"),
        });
    }
    if n_rows.checked_mul(n_cols) != Some(counts.len()) {
        return Err(Error::InvalidArgument {
            name: "counts",
            message: format!("{} counts for a {n_rows} x {n_cols} table", counts.len()),
        });
    }
    if rule.threshold == 0 {
        return Err(Error::InvalidArgument { name: "threshold", message: "must be at least 1".into() });
    }
    let mut cells: Vec<CellStatus> = counts
        .iter()
        .map(|&x| {
            if (x > 0 || rule.zero_is_disclosive) && x < rule.threshold {
                CellStatus::Primary
            } else {
                CellStatus::Published
            }
        })
        .collect();
    let n_primary = cells.iter().filter(|s| **s == CellStatus::Primary).count();
    let mut row_total_suppressed = vec![false; n_rows];
    let mut col_total_suppressed = vec![false; n_cols];
    if rule.totals_published {
        let hidden = |cells: &[CellStatus], i: usize| !matches!(cells.get(i), Some(CellStatus::Published) | None);
        loop {
            let row_hits =
                |cells: &[CellStatus], r: usize| (0..n_cols).filter(|&c| hidden(cells, r * n_cols + c)).count();
            let col_hits =
                |cells: &[CellStatus], c: usize| (0..n_rows).filter(|&r| hidden(cells, r * n_cols + c)).count();
            // the line to fix: its cells as (index, crossing line's suppressed count)
            let line: Option<Vec<(usize, usize)>> = if n_cols > 1 {
                (0..n_rows)
                    .find(|&r| row_hits(&cells, r) == 1)
                    .map(|r| (0..n_cols).map(|c| (r * n_cols + c, col_hits(&cells, c))).collect())
            } else {
                None
            }
            .or_else(|| {
                if n_rows > 1 {
                    (0..n_cols)
                        .find(|&c| col_hits(&cells, c) == 1)
                        .map(|c| (0..n_rows).map(|r| (r * n_cols + c, row_hits(&cells, r))).collect())
                } else {
                    None
                }
            });
            let Some(line) = line else { break };
            let pick = line
                .iter()
                .filter(|(i, _)| !hidden(&cells, *i))
                .min_by_key(|(i, crossing)| {
                    let x = counts.get(*i).copied().unwrap_or(0);
                    (*crossing == 0, x == 0, x, *i)
                })
                .map(|(i, _)| *i);
            match pick.and_then(|i| cells.get_mut(i)) {
                Some(s) => *s = CellStatus::Secondary,
                None => break, // cannot happen: a line with one suppressed cell of several has a published one
            }
        }
        if n_cols == 1 {
            for (r, t) in row_total_suppressed.iter_mut().enumerate() {
                *t = hidden(&cells, r);
            }
        }
        if n_rows == 1 {
            for (c, t) in col_total_suppressed.iter_mut().enumerate() {
                *t = hidden(&cells, c);
            }
        }
    }
    let n_secondary = cells.iter().filter(|s| **s == CellStatus::Secondary).count();
    Ok(Suppression {
        n_rows,
        n_cols,
        cells,
        row_total_suppressed,
        col_total_suppressed,
        n_primary,
        n_secondary,
        rule: *rule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lone_suppressions(s: &Suppression) -> usize {
        let (r, c) = (s.n_rows, s.n_cols);
        let rows = (0..r).filter(|&i| c > 1 && (0..c).filter(|&j| s.is_suppressed(i * c + j)).count() == 1).count();
        let cols = (0..c).filter(|&j| r > 1 && (0..r).filter(|&i| s.is_suppressed(i * c + j)).count() == 1).count();
        rows + cols
    }

    #[test]
    fn invariants_on_random_tables() {
        let mut state = 12345u64;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            state >> 33
        };
        for _ in 0..2000 {
            let r = 1 + (next() % 6) as usize;
            let c = 1 + (next() % 6) as usize;
            let counts: Vec<u64> = (0..r * c).map(|_| next() % 12).collect();
            for zero in [false, true] {
                let rule = DisclosureRule { zero_is_disclosive: zero, ..DisclosureRule::default() };
                let s = suppress(&counts, r, c, &rule).unwrap();
                assert_eq!(lone_suppressions(&s), 0, "{counts:?} {r}x{c}");
                for (x, st) in counts.iter().zip(&s.cells) {
                    let primary = (*x > 0 || zero) && *x < 5;
                    assert_eq!(primary, *st == CellStatus::Primary);
                }
                assert_eq!(
                    s.n_primary + s.n_secondary,
                    s.cells.iter().filter(|x| **x != CellStatus::Published).count()
                );
                if c == 1 {
                    for i in 0..r {
                        assert_eq!(s.row_total_suppressed[i], s.is_suppressed(i));
                    }
                }
            }
        }
    }

    #[test]
    fn simple_cases() {
        // 2x2 with one small cell: the whole table goes
        let s = suppress(&[3, 10, 10, 10], 2, 2, &DisclosureRule::default()).unwrap();
        assert_eq!((s.n_primary, s.n_secondary), (1, 3));
        // no totals: no secondary
        let rule = DisclosureRule { totals_published: false, ..DisclosureRule::default() };
        let s = suppress(&[3, 10, 10, 10], 2, 2, &rule).unwrap();
        assert_eq!((s.n_primary, s.n_secondary), (1, 0));
        // zeros are not disclosive by default
        let s = suppress(&[0, 10, 10, 10], 2, 2, &DisclosureRule::default()).unwrap();
        assert_eq!(s.n_primary, 0);
        assert_eq!(s.apply(&[1.0, 2.0, 3.0, 4.0]).unwrap()[0], Some(1.0));
        let s = suppress(&[2, 10, 10, 10], 2, 2, &DisclosureRule::default()).unwrap();
        assert_eq!(s.apply(&[1.0, 2.0, 3.0, 4.0]).unwrap()[0], None);
        assert!(s.apply(&[1.0]).is_err());
        assert!(suppress(&[1, 2], 2, 2, &DisclosureRule::default()).is_err());
        // 3x3 with one small cell: four cells in a rectangle
        let s = suppress(&[2, 20, 30, 40, 6, 50, 60, 70, 80], 3, 3, &DisclosureRule::default()).unwrap();
        assert_eq!((s.n_primary, s.n_secondary), (1, 3));
        assert!(s.is_suppressed(4), "the smallest complement is chosen");
    }
}
