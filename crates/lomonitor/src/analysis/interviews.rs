//! The interviews at study level: code frequencies and intercoder agreement of the study's coded
//! interviews (the formulas live in [`crate::coding`]); the report reads these results only.

use crate::coding::{CodeFrequencies, Codings, IntercoderAgreement, Level, Merge, frequencies, intercoder_agreement};
use crate::error::Result;
use crate::instrument::Codebook;

use super::Analysis;

impl Analysis<'_> {
    /// How many interviews (and segments) raised each code and theme of the codebook
    /// ([`crate::coding::frequencies`]).
    pub fn code_frequencies(&self, codebook: &Codebook, codings: &Codings, merge: Merge) -> CodeFrequencies {
        frequencies(codings, codebook, merge)
    }

    /// The agreement of the first two coders of the double-coded interviews, per code and pooled
    /// ([`crate::coding::intercoder_agreement`]); `None` when fewer than two coders coded.
    ///
    /// # Errors
    /// As [`crate::coding::intercoder_agreement`].
    pub fn intercoder_agreement(
        &self,
        codebook: &Codebook,
        codings: &Codings,
        level: Level,
    ) -> Option<Result<IntercoderAgreement>> {
        let coders = codings.coders();
        match coders.as_slice() {
            [a, b, ..] => Some(intercoder_agreement(codings, codebook, a, b, level)),
            _ => None,
        }
    }
}
