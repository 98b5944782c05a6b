//! The study's analysis: the rooms' parts handed to an [`Analysis`] context, and the
//! study-level statistics as thin calls on it (the statistics themselves live in
//! [`crate::analysis`]).

use crate::analysis::{
    Analysis, AnalysisOptions, AnalysisParts, ItemCrosstab, ItemDescriptives, ItemFrequencies, ItemMultiple,
    ItemProportions, ItemRanking, ResponseRates, ScaleSummary, Weighting, WeightingSummary,
};
use crate::coding::{JointDisplay, Level, Merge, Pseudonymiser};
use crate::error::Result;
use crate::meta::Language;
use crate::stats::Missing;

use super::Study;

impl Study {
    /// The analysis context of the study: its frame, reporting units, instrument, responses and
    /// the weights of each scheme (computed once per study and scheme, then shared by every call).
    pub fn analysis(&self) -> Analysis<'_> {
        Analysis::new(AnalysisParts {
            frame: self.frame(),
            organisations: self.organisations(),
            size_classes: self.size_classes(),
            default_stratification: self.default_stratification(),
            questionnaire: self.questionnaire(),
            responses: self.responses(),
            weights: &self.weights,
        })
    }

    /// The weights of the responses under a weighting scheme (`None` when unweighted).
    ///
    /// # Errors
    /// As [`Weighting::compute`].
    pub fn weights(&self, weighting: &Weighting) -> Result<Option<WeightingSummary>> {
        Ok(self.analysis().weights(weighting)?.map(|w| (*w).clone()))
    }

    /// [`Analysis::frequencies`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::frequencies`].
    pub fn frequencies(&self, item: &str, options: &AnalysisOptions) -> Result<ItemFrequencies> {
        self.analysis().frequencies(item, options)
    }

    /// [`Analysis::proportions`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::proportions`].
    pub fn proportions(&self, item: &str, options: &AnalysisOptions) -> Result<ItemProportions> {
        self.analysis().proportions(item, options)
    }

    /// [`Analysis::describe`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::describe`].
    pub fn describe(&self, item: &str, options: &AnalysisOptions) -> Result<ItemDescriptives> {
        self.analysis().describe(item, options)
    }

    /// [`Analysis::multiple`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::multiple`].
    pub fn multiple(&self, item: &str, options: &AnalysisOptions) -> Result<ItemMultiple> {
        self.analysis().multiple(item, options)
    }

    /// [`Analysis::ranking`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::ranking`].
    pub fn ranking(&self, item: &str, options: &AnalysisOptions) -> Result<ItemRanking> {
        self.analysis().ranking(item, options)
    }

    /// [`Analysis::crosstab`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::crosstab`].
    pub fn crosstab(
        &self,
        item: &str,
        by: &str,
        options: &AnalysisOptions,
        suppress_below: Option<u64>,
    ) -> Result<ItemCrosstab> {
        self.analysis().crosstab(item, by, options, suppress_below)
    }

    /// [`Analysis::scale`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::scale`].
    pub fn scale(&self, id: &str, options: &AnalysisOptions, missing: Missing) -> Result<ScaleSummary> {
        self.analysis().scale(id, options, missing)
    }

    /// [`Analysis::response_rates`] of the study.
    ///
    /// # Errors
    /// As [`Analysis::response_rates`].
    pub fn response_rates(&self, by: &str, lang: Language) -> Result<ResponseRates> {
        self.analysis().response_rates(by, lang)
    }

    /// The joint display of the study's coded interviews against one single-choice or Likert
    /// item ([`Analysis::joint_display`]). `None` when the study names no codings.
    ///
    /// # Errors
    /// Errors of [`Study::codings`] and [`Analysis::joint_display`].
    pub fn joint_display(
        &self,
        item: &str,
        level: Level,
        merge: Merge,
        lang: Language,
    ) -> Result<Option<JointDisplay>> {
        let Some((codebook, codings)) = self.codings()? else { return Ok(None) };
        self.analysis()
            .joint_display(&codebook, &codings, item, level, merge, lang, &self.pseudonymiser(lang))
            .map(Some)
    }
}

impl Study {
    /// The pseudonymiser for this study's quotes: the frame's municipality names (by the default
    /// stratification's labels) and, when the study has a contacts directory, every contact
    /// ([`Pseudonymiser::with_contacts`]; rows of the directory that have errors are skipped, so
    /// their people are covered by the e-mail and phone rules only). Every quote that reaches an
    /// output goes through it.
    pub fn pseudonymiser(&self, lang: Language) -> Pseudonymiser {
        let p = Pseudonymiser::municipalities(self.frame(), self.default_stratification(), lang);
        match self.files().contacts.as_ref().map(|_| self.contacts()) {
            Some(Ok(loaded)) => {
                p.with_contacts(loaded.value.iter().map(|c| (c.name.as_str(), c.email.as_ref().map(|e| e.as_str()))))
            }
            _ => p,
        }
    }
}
