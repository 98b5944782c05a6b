//! The coverage of the contacts directory over the frame, as an analysis of the study: which
//! reporting units have a verified L&O contact, per stratum.

use crate::contacts::{Coverage, CoverageOptions, Directory, coverage};
use crate::error::Result;

use super::Analysis;

impl Analysis<'_> {
    /// The coverage of `directory` over this analysis' frame, werkorganisaties and size classes
    /// ([`crate::contacts::coverage`] with the context's parts): the one place the report and the
    /// bindings take it from.
    ///
    /// # Errors
    /// As [`crate::contacts::coverage`]: an invalid window.
    pub fn contact_coverage(&self, directory: &Directory, options: &CoverageOptions) -> Result<Coverage> {
        coverage(self.frame(), self.organisations(), self.size_classes(), directory, options)
    }
}
