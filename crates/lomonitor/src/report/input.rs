//! What a report is made from: the analysis context and the study's other parts, handed over
//! by the study (the report never loads files or computes statistics itself).

use std::ops::Deref;

use crate::analysis::Analysis;
use crate::coding::Codings;
use crate::contacts::{Directory, Loaded};
use crate::error::Result;
use crate::frame::StratumVar;
use crate::instrument::Codebook;
use crate::meta::StudyInfo;

use super::ReportConfig;

/// The inputs of [`super::build_report`]. Its statistics come from [`ReportInput::analysis`];
/// the contacts and codings are read by the study beforehand (an error there leaves that part
/// out of the report with a warning).
pub struct ReportInput<'a> {
    /// The analysis context (frame, units, instrument, responses, weights).
    pub analysis: Analysis<'a>,
    /// The study's metadata.
    pub info: &'a StudyInfo,
    /// The `[report]` table of `study.toml`.
    pub config: &'a ReportConfig,
    /// The variables the report breaks results down by.
    pub breakdowns: &'a [StratumVar],
    /// The contacts directory: `None` when the study names none, else what reading it gave.
    pub contacts: Option<Result<Loaded<Directory>>>,
    /// The codebook and coded interviews: `Ok(None)` when the study names none.
    pub codings: Result<Option<(Codebook, Codings)>>,
}

impl<'a> Deref for ReportInput<'a> {
    type Target = Analysis<'a>;

    fn deref(&self) -> &Analysis<'a> {
        &self.analysis
    }
}

impl ReportInput<'_> {
    /// The study's metadata.
    pub fn info(&self) -> &StudyInfo {
        self.info
    }

    /// The `[report]` configuration.
    pub fn report_config(&self) -> &ReportConfig {
        self.config
    }

    /// The breakdown variables.
    pub fn breakdowns(&self) -> &[StratumVar] {
        self.breakdowns
    }
}
