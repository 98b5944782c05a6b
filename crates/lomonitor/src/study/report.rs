//! The study's report: the study hands its analysis context, metadata, `[report]` table,
//! contacts and codings to [`crate::report::build_report`].

use crate::error::Result;
use crate::report::{ReportInput, ReportOptions, StudyReport, build_report};

use super::Study;

impl Study {
    /// What the report is made from: the analysis context and the study's other parts (the
    /// contacts and codings read now; an error there leaves that part out with a warning).
    pub fn report_input(&self) -> ReportInput<'_> {
        ReportInput {
            analysis: self.analysis(),
            info: self.info(),
            config: self.report_config(),
            breakdowns: self.breakdowns(),
            contacts: self.files().contacts.as_ref().map(|_| self.contacts()),
            codings: self.codings(),
        }
    }

    /// Options for the study's report: its language, no map.
    pub fn report_options(&self) -> ReportOptions {
        ReportOptions::for_study(self.info())
    }

    /// Build the report of the study ([`crate::report::build_report`]).
    ///
    /// ```no_run
    /// let study = lomonitor::Study::load("examples/study")?;
    /// let report = study.build_report(&study.report_options())?;
    /// report.write(std::path::Path::new("out/study"))?;
    /// # Ok::<(), lomonitor::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`crate::report::build_report`].
    pub fn build_report(&self, options: &ReportOptions) -> Result<StudyReport> {
        build_report(&self.report_input(), options)
    }
}
