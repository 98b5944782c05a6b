//! Shares and counts that the report's summary and chapters ask for, computed here so that the
//! report only lays results out.

use crate::error::{Error, Result};
use crate::instrument::ItemKind;
use crate::responses::{ANSWERED, ItemData};

use super::{Analysis, AnalysisOptions, not_found};

impl Analysis<'_> {
    /// The (weighted, under `options.weighting`) percentage of the valid answers to `item` that
    /// chose any of `codes`: for a single-choice or Likert item the sum of the options'
    /// proportions ([`Analysis::proportions`]); for a multiple-choice item the share of the
    /// respondents who answered the item and selected at least one of the codes (the union, per
    /// respondent).
    ///
    /// # Formula
    /// ```text
    /// share = 100 * sum_i w_i [i answered and selected any of codes] / sum_i w_i [i answered]
    /// ```
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown item or a code that is not an option of it;
    /// [`Error::InvalidArgument`] for a numeric, open or ranking item;
    /// [`Error::TooFewObservations`] when nobody answered.
    pub fn share_of(&self, item: &str, codes: &[i32], options: &AnalysisOptions) -> Result<f64> {
        let (q, set) = self.inputs()?;
        let it = q.item(item).ok_or_else(|| not_found("item", item, q.items.iter().map(|i| i.id.clone())))?;
        let opts = it.options();
        let mut idx = Vec::with_capacity(codes.len());
        for c in codes {
            let k = opts
                .iter()
                .position(|o| o.code == *c)
                .ok_or_else(|| not_found("answer code", &c.to_string(), opts.iter().map(|o| o.code.to_string())))?;
            idx.push(k);
        }
        match &it.kind {
            ItemKind::Single { .. } | ItemKind::Likert { .. } => {
                let p = self.proportions(item, options)?;
                Ok(100.0
                    * p.options.iter().filter(|o| codes.contains(&o.code)).map(|o| o.estimate.estimate).sum::<f64>())
            }
            ItemKind::Multiple { .. } => {
                let Some(ItemData::Multiple { state, selected, .. }) = set.column(q, item) else {
                    return Err(not_found("item", item, std::iter::empty()));
                };
                let w = self.weights(&options.weighting)?;
                let (mut num, mut den) = (0.0, 0.0);
                for (r, &s) in state.iter().enumerate() {
                    if s != ANSWERED {
                        continue;
                    }
                    let wr = w.as_ref().and_then(|w| w.weights.get(r).copied()).unwrap_or(1.0);
                    den += wr;
                    if idx.iter().any(|&k| selected.get(k).and_then(|c| c.get(r)) == Some(&1)) {
                        num += wr;
                    }
                }
                if den > 0.0 {
                    Ok(100.0 * num / den)
                } else {
                    Err(Error::TooFewObservations { what: "share of a multiple-choice item", min: 1, n: 0 })
                }
            }
            other => Err(Error::InvalidArgument {
                name: "item",
                message: format!(
                    "{item:?} is a {} item: a share needs a single-choice, Likert or multiple-choice item",
                    other.name()
                ),
            }),
        }
    }

    /// The number of respondents who wrote an answer to an open item.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown item; [`Error::InvalidArgument`] for an item that is not open.
    pub fn open_answers(&self, item: &str) -> Result<usize> {
        let (q, set) = self.inputs()?;
        match set.column(q, item) {
            Some(ItemData::Open { state, .. }) => Ok(state.iter().filter(|&&s| s == ANSWERED).count()),
            Some(_) => Err(Error::InvalidArgument { name: "item", message: format!("{item:?} is not an open item") }),
            None => Err(not_found("item", item, q.items.iter().map(|i| i.id.clone()))),
        }
    }
}
