//! Multiple-response (check all that apply) and ranking items.
//!
//! A multiple-response item is stored as one 0/1 column per option; a ranking item as one
//! column per option holding the rank 1..k the respondent gave it (0 = not ranked). An
//! optional `asked` mask says which respondents were shown the question (routing); only they
//! form the base.

use crate::error::{Error, Result};
use crate::stats::check_weights;

/// One option of a multiple-response item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MultipleResponseOption {
    /// The option's position (column index).
    pub option: usize,
    /// Number of respondents who chose it (sum of weights when weighted).
    pub count: f64,
    /// Percentage of the respondents asked.
    pub percent_of_respondents: f64,
    /// Percentage of all mentions; `None` when nobody mentioned anything.
    pub percent_of_mentions: Option<f64>,
}

/// A multiple-response table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MultipleResponse {
    /// One row per option.
    pub options: Vec<MultipleResponseOption>,
    /// Number of respondents asked (unweighted).
    pub n_asked: usize,
    /// Number of respondents not asked (outside the base).
    pub n_not_asked: usize,
    /// The base: respondents asked (sum of weights when weighted).
    pub base: f64,
    /// Total mentions (sum of weights of every choice).
    pub mentions: f64,
    /// Respondents asked who chose at least one option (weighted when weighted).
    pub respondents_with_mention: f64,
    /// Whether weights were used.
    pub weighted: bool,
}

/// One option of a ranking item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RankingOption {
    /// The option's position (column index).
    pub option: usize,
    /// Respondents asked who ranked it (sum of weights when weighted).
    pub n_ranked: f64,
    /// Mean rank among those who ranked it; `None` when nobody did.
    pub mean_rank: Option<f64>,
    /// Percentage of the respondents asked who ranked it first.
    pub percent_first: f64,
    /// Percentage of the respondents asked who ranked it within the top `top_k`.
    pub percent_top_k: f64,
}

/// A ranking table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ranking {
    /// One row per option.
    pub options: Vec<RankingOption>,
    /// The k of "top k".
    pub top_k: u8,
    /// Number of respondents asked (unweighted).
    pub n_asked: usize,
    /// Number of respondents not asked.
    pub n_not_asked: usize,
    /// The base: respondents asked (sum of weights when weighted).
    pub base: f64,
    /// Whether weights were used.
    pub weighted: bool,
}

/// Check the columns are equally long and the mask and weights match; return (n, per-row
/// weight of the base: 0 for respondents not asked).
fn base_weights(columns: &[&[u8]], asked: Option<&[bool]>, weights: Option<&[f64]>) -> Result<Vec<f64>> {
    let first = columns
        .first()
        .ok_or_else(|| Error::InvalidArgument { name: "columns", message: "no option columns".into() })?;
    let n = first.len();
    if let Some((j, c)) = columns.iter().enumerate().find(|(_, c)| c.len() != n) {
        return Err(Error::InvalidArgument {
            name: "columns",
            message: format!("option column {j} has {} rows, column 0 has {n}", c.len()),
        });
    }
    if let Some(a) = asked
        && a.len() != n
    {
        return Err(Error::InvalidArgument {
            name: "asked",
            message: format!("{} mask entries for {n} rows", a.len()),
        });
    }
    if let Some(w) = weights {
        check_weights(w, n)?;
    }
    Ok((0..n)
        .map(|i| {
            let is_asked = asked.is_none_or(|a| a.get(i).copied().unwrap_or(false));
            if is_asked { weights.and_then(|w| w.get(i).copied()).unwrap_or(1.0) } else { 0.0 }
        })
        .collect())
}

fn count_asked(asked: Option<&[bool]>, n: usize) -> usize {
    asked.map_or(n, |a| a.iter().filter(|&&b| b).count())
}

/// Percentages of respondents and of mentions for a multiple-response item.
///
/// Values of respondents not asked are ignored (whatever they hold).
///
/// # Formula
/// ```text
/// base       = sum_{i asked} w_i
/// count[j]   = sum_{i asked, x_ij = 1} w_i
/// mentions   = sum_j count[j]
/// % of respondents[j] = 100 count[j] / base
/// % of mentions[j]    = 100 count[j] / mentions
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for no columns, unequal lengths, a value other than 0/1 in an
/// asked row (naming option and row) or bad weights; [`Error::TooFewObservations`] when the
/// base is empty (or its weights sum to 0).
///
/// # References
/// IBM (2023). *SPSS Statistics 29 Algorithms*, "MULT RESPONSE".
///
/// ```
/// use lomonitor::stats::multiple_response;
/// let a: &[u8] = &[1, 1, 0, 0];
/// let b: &[u8] = &[1, 0, 0, 1];
/// let t = multiple_response(&[a, b], None, None)?;
/// assert_eq!(t.options[0].percent_of_respondents, 50.0);
/// assert_eq!(t.options[1].percent_of_mentions, Some(50.0));
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn multiple_response(
    columns: &[&[u8]],
    asked: Option<&[bool]>,
    weights: Option<&[f64]>,
) -> Result<MultipleResponse> {
    let bw = base_weights(columns, asked, weights)?;
    let n = bw.len();
    let n_asked = count_asked(asked, n);
    let base: f64 = bw.iter().sum();
    if n_asked == 0 || base <= 0.0 {
        return Err(Error::TooFewObservations { what: "multiple response", min: 1, n: 0 });
    }
    let asked_at = |i: usize| asked.is_none_or(|a| a.get(i).copied().unwrap_or(false));
    let mut counts = Vec::with_capacity(columns.len());
    let mut any = vec![false; n];
    for (j, col) in columns.iter().enumerate() {
        let mut c = 0.0;
        for (i, (&v, &w)) in col.iter().zip(&bw).enumerate() {
            if !asked_at(i) {
                continue;
            }
            match v {
                0 => {}
                1 => {
                    c += w;
                    if let Some(a) = any.get_mut(i) {
                        *a = true;
                    }
                }
                other => {
                    return Err(Error::InvalidArgument {
                        name: "columns",
                        message: format!("option {j}, row {i}: value {other} is not 0 or 1"),
                    });
                }
            }
        }
        counts.push(c);
    }
    let mentions: f64 = counts.iter().sum();
    let respondents_with_mention = any.iter().zip(&bw).filter(|(a, _)| **a).map(|(_, w)| w).sum();
    let options = counts
        .iter()
        .enumerate()
        .map(|(option, &count)| MultipleResponseOption {
            option,
            count,
            percent_of_respondents: 100.0 * count / base,
            percent_of_mentions: (mentions > 0.0).then(|| 100.0 * count / mentions),
        })
        .collect();
    Ok(MultipleResponse {
        options,
        n_asked,
        n_not_asked: n - n_asked,
        base,
        mentions,
        respondents_with_mention,
        weighted: weights.is_some(),
    })
}

/// Mean rank, % ranked first and % ranked in the top `top_k` for a ranking item.
///
/// # Formula
/// ```text
/// base           = sum_{i asked} w_i
/// mean_rank[j]   = sum_{i asked, r_ij > 0} w_i r_ij / sum_{i asked, r_ij > 0} w_i
/// % first[j]     = 100 sum_{i asked, r_ij = 1} w_i / base
/// % top k[j]     = 100 sum_{i asked, 1 <= r_ij <= k} w_i / base
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for no columns, unequal lengths, a rank above the number of
/// options in an asked row, `top_k = 0`, or bad weights; [`Error::TooFewObservations`] when the
/// base is empty.
///
/// # References
/// Marden, J. I. (1995). *Analyzing and Modeling Rank Data*, chapter 2. Chapman & Hall.
pub fn ranking(ranks: &[&[u8]], top_k: u8, asked: Option<&[bool]>, weights: Option<&[f64]>) -> Result<Ranking> {
    if top_k == 0 {
        return Err(Error::InvalidArgument { name: "top_k", message: "top_k must be at least 1".into() });
    }
    let bw = base_weights(ranks, asked, weights)?;
    let n = bw.len();
    let n_asked = count_asked(asked, n);
    let base: f64 = bw.iter().sum();
    if n_asked == 0 || base <= 0.0 {
        return Err(Error::TooFewObservations { what: "ranking", min: 1, n: 0 });
    }
    let asked_at = |i: usize| asked.is_none_or(|a| a.get(i).copied().unwrap_or(false));
    let k_max = ranks.len();
    let mut options = Vec::with_capacity(k_max);
    for (j, col) in ranks.iter().enumerate() {
        let (mut ranked, mut rank_sum, mut first, mut top) = (0.0, 0.0, 0.0, 0.0);
        for (i, (&r, &w)) in col.iter().zip(&bw).enumerate() {
            if !asked_at(i) || r == 0 {
                continue;
            }
            if usize::from(r) > k_max {
                return Err(Error::InvalidArgument {
                    name: "ranks",
                    message: format!("option {j}, row {i}: rank {r} exceeds the {k_max} options"),
                });
            }
            ranked += w;
            rank_sum += w * f64::from(r);
            if r == 1 {
                first += w;
            }
            if r <= top_k {
                top += w;
            }
        }
        options.push(RankingOption {
            option: j,
            n_ranked: ranked,
            mean_rank: (ranked > 0.0).then(|| rank_sum / ranked),
            percent_first: 100.0 * first / base,
            percent_top_k: 100.0 * top / base,
        });
    }
    Ok(Ranking { options, top_k, n_asked, n_not_asked: n - n_asked, base, weighted: weights.is_some() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors() {
        assert!(multiple_response(&[], None, None).is_err());
        let a: &[u8] = &[1, 2];
        assert!(multiple_response(&[a], None, None).unwrap_err().to_string().contains("row 1"));
        // not asked rows are ignored whatever they hold
        assert!(multiple_response(&[a], Some(&[true, false]), None).is_ok());
        assert!(multiple_response(&[a], Some(&[false, false]), None).is_err());
        let r: &[u8] = &[1, 3];
        assert!(ranking(&[r, r], 1, None, None).is_err());
        assert!(ranking(&[r], 0, None, None).is_err());
    }

    #[test]
    fn unit_weights_equal_unweighted() {
        let a: &[u8] = &[1, 0, 1, 1, 0];
        let b: &[u8] = &[0, 0, 1, 0, 1];
        let mask = [true, true, true, false, true];
        let mut x = multiple_response(&[a, b], Some(&mask), Some(&[1.0; 5])).unwrap();
        x.weighted = false;
        assert_eq!(x, multiple_response(&[a, b], Some(&mask), None).unwrap());
        let r1: &[u8] = &[1, 2, 0, 1, 2];
        let r2: &[u8] = &[2, 1, 1, 0, 1];
        let mut y = ranking(&[r1, r2], 1, Some(&mask), Some(&[1.0; 5])).unwrap();
        y.weighted = false;
        assert_eq!(y, ranking(&[r1, r2], 1, Some(&mask), None).unwrap());
    }
}
