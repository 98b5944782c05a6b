//! The joint display at study level: coded interviews against the answers of their units.

use std::collections::BTreeMap;

use crate::coding::{Codings, JointDisplay, Level, Merge, Pseudonymiser, joint_display};
use crate::error::{Error, Result};
use crate::frame::Unit;
use crate::instrument::Codebook;
use crate::meta::Language;

use super::Analysis;

impl Analysis<'_> {
    /// The joint display of the study's coded interviews against one single-choice or Likert item
    /// of its questionnaire: each interview is matched to its unit's valid answer (the option
    /// label), the columns are the item's options in order, and quotes go through `pseudonymiser`
    /// (municipality names replaced by their stratum; names, e-mail addresses and phone numbers of
    /// the contacts replaced by placeholders).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the study has no questionnaire or responses, or `item` is
    /// not a single-choice or Likert item; [`Error::NotFound`] for an unknown item; errors of
    /// [`joint_display`].
    #[allow(clippy::too_many_arguments)] // the codings, the item and the three choices of a joint display
    pub fn joint_display(
        &self,
        codebook: &Codebook,
        codings: &Codings,
        item: &str,
        level: Level,
        merge: Merge,
        lang: Language,
        pseudonymiser: &Pseudonymiser,
    ) -> Result<JointDisplay> {
        let (Some(q), Some(set)) = (self.questionnaire(), self.responses()) else {
            return Err(Error::InvalidArgument {
                name: "study",
                message:
                    "a joint display needs the study's instrument and responses (files.instrument, files.responses)"
                        .into(),
            });
        };
        let levels = set.levels(q, item)?;
        let it = q.item(item).ok_or_else(|| Error::NotFound {
            what: "item",
            query: item.to_owned(),
            suggestions: Vec::new(),
        })?;
        let options = it.options();
        let label_of = |level: u8| {
            usize::from(level)
                .checked_sub(usize::from(crate::instrument::FIRST_LEVEL))
                .and_then(|i| options.get(i))
                .map(|o| o.label.get(lang).to_owned())
        };
        let answers: BTreeMap<Unit, String> =
            set.unit.iter().zip(levels).filter_map(|(u, &l)| label_of(l).map(|label| (u.clone(), label))).collect();
        let categories: Vec<String> = options.iter().map(|o| o.label.get(lang).to_owned()).collect();
        joint_display(codings, codebook, &answers, Some(&categories), level, merge, pseudonymiser)
    }
}
