//! Joint cell indices of several categorical columns: the shared kernel of the batch counting
//! functions ([`crosstab_columns`](super::crosstab_columns),
//! [`weighted_count_columns`](super::weighted_count_columns),
//! [`survey_proportions`](super::survey_proportions)).
//!
//! Instead of one table update per item and respondent, a *pass* takes a few consecutive items
//! (say 3 items of 5 levels by a 12-level group: 5 x 5 x 5 x 12 = 1,500 cells) and counts each
//! respondent once, in the cell of its joint answer pattern, with the mixed-radix index
//!
//! ```text
//! cell_i = base_i + sum_j codes_j[i] * stride_j,   stride_M = inner, stride_j = stride_{j+1} L_{j+1}
//! ```
//!
//! (`base` the group or stratum, `inner` its number of levels). The indices of a chunk of rows
//! are computed first, in `u16` lanes that the compiler vectorises (an unpack, a multiply and an
//! add per item and 8 rows); the table update is then one load and one store per respondent for
//! all the items of the pass. The per-item tables are the margins of the joint table, summed
//! once at the end (exact for counts; for weights a different association of the same sums).
//!
//! The range check of the codes is fused into the index pass (a running maximum per item), so
//! the codes are read once; an out-of-range code lands in a wrong cell or none, and the caller
//! returns its error from the maxima before any count is used.

use std::ops::Range;

/// Rows per chunk of the index pass: the indices (4 KiB) and the chunk of every item of the
/// pass stay in the L1 cache between the two phases.
pub(crate) const CHUNK: usize = 2048;

/// Split `0..n_levels.len()` into runs of consecutive items whose joint table, `inner` times the
/// product of their level counts, has at most `cap` cells (and at most `max_items` items). An
/// item that alone exceeds `cap` forms a run of its own.
pub(crate) fn passes(n_levels: &[usize], inner: usize, cap: usize, max_items: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cells = inner;
    for (j, &l) in n_levels.iter().enumerate() {
        let grown = cells.saturating_mul(l);
        if j > start && (grown > cap || j - start >= max_items) {
            out.push(start..j);
            start = j;
            cells = inner.saturating_mul(l);
        } else {
            cells = grown;
        }
    }
    if start < n_levels.len() {
        out.push(start..n_levels.len());
    }
    out
}

/// The strides of the items of a pass (`inner` for the last item) and the number of cells.
pub(crate) fn strides(n_levels: &[usize], inner: usize) -> (Vec<usize>, usize) {
    let mut s = vec![0; n_levels.len()];
    let mut acc = inner;
    for (x, &l) in s.iter_mut().zip(n_levels).rev() {
        *x = acc;
        acc = acc.saturating_mul(l);
    }
    (s, acc)
}

/// Add `codes_j[r] * stride_j` to `idx[r]` for every item `j` of the pass, over the rows of
/// `rows` (each column is cut to it), and raise `max[j]` to the largest code seen. `idx` holds
/// `rows.len()` entries on entry (the base: group, stratum or 0). Wrapping arithmetic: an
/// out-of-range code gives a wrong index, never a panic (the caller checks `max`).
pub(crate) fn add_indices(columns: &[&[u8]], strides: &[u16], rows: Range<usize>, idx: &mut [u16], max: &mut [u8]) {
    for ((col, &s), m) in columns.iter().zip(strides).zip(max.iter_mut()) {
        let Some(codes) = col.get(rows.clone()) else { continue };
        for (x, &c) in idx.iter_mut().zip(codes) {
            *x = x.wrapping_add(u16::from(c).wrapping_mul(s));
        }
        *m = codes.iter().fold(*m, |a, &c| a.max(c));
    }
}

/// Visit the joint table in blocks of `inner` cells, with the code of every item of the pass
/// (an odometer over the mixed-radix digits, last item fastest).
pub(crate) fn for_each_pattern<T>(table: &[T], n_levels: &[usize], inner: usize, mut f: impl FnMut(&[usize], &[T])) {
    let mut digits = vec![0usize; n_levels.len()];
    for block in table.chunks(inner.max(1)) {
        f(&digits, block);
        for (d, &l) in digits.iter_mut().zip(n_levels).rev() {
            *d += 1;
            if *d < l {
                break;
            }
            *d = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_respect_the_cap() {
        assert_eq!(passes(&[5, 5, 5, 5, 5], 12, 4096, 8), vec![0..3, 3..5]);
        assert_eq!(passes(&[5, 5, 5, 5, 5], 1, 1024, 8), vec![0..4, 4..5]);
        assert_eq!(passes(&[5, 5, 5], 1, 1024, 2), vec![0..2, 2..3]);
        assert_eq!(passes(&[256, 2, 256], 256, 4096, 8), vec![0..1, 1..2, 2..3]);
        assert_eq!(passes(&[], 12, 4096, 8), Vec::<Range<usize>>::new());
        assert_eq!(strides(&[5, 3], 12), (vec![36, 12], 180));
        let mut seen = Vec::new();
        for_each_pattern(&(0..12).collect::<Vec<u32>>(), &[3, 2], 2, |d, b| seen.push((d.to_vec(), b.to_vec())));
        assert_eq!(seen[0], (vec![0, 0], vec![0, 1]));
        assert_eq!(seen[1], (vec![0, 1], vec![2, 3]));
        assert_eq!(seen[5], (vec![2, 1], vec![10, 11]));
    }
}
