//! The L&O contacts directory and fieldwork tracking.
//!
//! Two CSV files of the study folder (formats in `docs/contacts-format.md`):
//!
//! * `contacts.csv`, the [`Directory`]: who the team can approach in which municipality or
//!   werkorganisatie, how they were found, when they were last verified, and what they consented
//!   to (being contacted for research; being listed in the published overview).
//! * `fieldwork.csv`, the [`FieldworkLog`]: every invitation of a contact for a municipality, with
//!   dates and status. It carries the pseudonymous [`ContactId`] only, never names, e-mail
//!   addresses or phone numbers.
//!
//! From these come the coverage of the frame ([`coverage`]), the AAPOR outcome rates
//! ([`FieldworkLog::rates`]), the list of whom to remind ([`FieldworkLog::reminders_due`]), the
//! published overview ([`published_overview`]) and the erasure of a person ([`erase`]).
//!
//! # Privacy (AVG/GDPR)
//! Personal data (name, function title, e-mail, phone, notes) live in [`Contact`] and in
//! `contacts.csv` only. Everything meant for analysis — [`Coverage`], [`AaporRates`],
//! [`ReminderDue`], [`DirectorySummary`] — carries municipality codes, contact ids and counts.
//! `Debug` of a [`Contact`] redacts the personal fields, so a log line or a panic message never
//! shows them. The published overview is the one output with personal data, and it holds only
//! the fields each person consented to publish.
//!
//! # Reading files: every problem, with its place
//! The readers collect every problem of every row into a list of [`Issue`]s (file, line, column,
//! value, message) instead of stopping at the first, so a team fixes a spreadsheet in one go. A
//! row with an error is left out of the result *and* listed; nothing is dropped silently.
//! [`Loaded::strict`] turns a load with errors into an [`Error`].

mod contact;
mod coverage;
mod csv;
mod directory;
mod erase;
mod fieldwork;
mod overview;
mod phone;
mod platforms;

use crate::error::{Error, Location, Result};

pub use contact::{Contact, ContactId, ContactStatus, Email, PublishConsent, Role};
pub use coverage::{Coverage, CoverageCell, CoverageGap, CoverageGroup, CoverageOptions, GapReason, coverage};
pub use directory::{
    Conflict, ContactField, Directory, DirectorySummary, DuplicateKind, DuplicatePair, MergeReport, PersonQuery,
};
pub use erase::{Erasure, erase};
pub use fieldwork::{
    AaporRates, Dispositions, FieldworkLog, FieldworkStatus, Invitation, RateBase, RatesByStratum, ReminderDue,
    StratumRates,
};
pub use overview::{OverviewRow, PublishedOverview, published_overview};
pub use phone::Phone;
pub use platforms::{PlatformChange, PlatformImport, import_limesurvey, import_qualtrics};

/// How serious a problem in a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the row was kept (a suspected duplicate, a verification date in the future).
    Warning,
    /// The row could not be read and was left out of the result.
    Error,
}

crate::options::named_options!(Severity, arg = "severity", what = "severity", {
    Warning => "warning",
    Error => "error",
});

/// One problem found in a file: where, which value, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Issue {
    /// File, line (the header is line 1) and column.
    pub location: Location,
    /// The offending value as it stood in the file (may be empty).
    pub value: String,
    /// What is wrong, in words.
    pub message: String,
    /// Error (row left out) or warning (row kept).
    pub severity: Severity,
}

impl Issue {
    pub(crate) fn error(location: Location, value: impl Into<String>, message: impl Into<String>) -> Self {
        Self { location, value: value.into(), message: message.into(), severity: Severity::Error }
    }

    pub(crate) fn warning(location: Location, value: impl Into<String>, message: impl Into<String>) -> Self {
        Self { location, value: value.into(), message: message.into(), severity: Severity::Warning }
    }

    /// The issue as an [`Error::InvalidValue`].
    pub fn to_error(&self) -> Error {
        Error::InvalidValue {
            location: self.location.clone(),
            value: self.value.clone(),
            message: self.message.clone(),
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {kind}: {:?}: {}", self.location, self.value, self.message)
    }
}

/// What a reader produced: the rows it could read, and every problem it found.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Loaded<T> {
    /// The result, without the rows that had errors.
    pub value: T,
    /// Every problem, in file order. Rows with an [`Severity::Error`] are not in `value`.
    pub issues: Vec<Issue>,
}

impl<T> Loaded<T> {
    /// The issues of severity [`Severity::Error`].
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// Whether some row could not be read.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The value when no row had an error (warnings are allowed).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for the first error, its message saying how many more there are.
    pub fn strict(self) -> Result<T> {
        let n = self.errors().count();
        let first = self.errors().next().cloned();
        match first {
            None => Ok(self.value),
            Some(first) => {
                let mut e = first;
                if n > 1 {
                    e.message = format!("{} (and {} more problems in this file)", e.message, n - 1);
                }
                Err(e.to_error())
            }
        }
    }
}

impl crate::study::Study {
    /// The contacts directory of the study (`files.contacts` in `study.toml`), checked against
    /// the study's frame and organisations, with every problem found. `.strict()` on the result
    /// gives the directory only when no row had an error.
    ///
    /// # Errors
    /// [`Error::Missing`] when the study names no contacts file; as [`Directory::read`].
    pub fn contacts(&self) -> Result<Loaded<Directory>> {
        let rel = self.files().contacts.as_deref().ok_or_else(|| self.missing_file("contacts"))?;
        Directory::read(&self.path_of(rel), self.frame(), self.organisations())
    }

    /// The fieldwork log of the study (`files.fieldwork`), checked against the frame, with every
    /// problem found.
    ///
    /// # Errors
    /// [`Error::Missing`] when the study names no fieldwork file; as [`FieldworkLog::read`].
    pub fn fieldwork(&self) -> Result<Loaded<FieldworkLog>> {
        let rel = self.files().fieldwork.as_deref().ok_or_else(|| self.missing_file("fieldwork"))?;
        FieldworkLog::read(&self.path_of(rel), self.frame())
    }

    fn missing_file(&self, key: &str) -> Error {
        Error::Missing {
            location: Location::file(self.root().join(crate::study::STUDY_FILE)).in_column(format!("files.{key}")),
            what: format!("the {key} file: add `{key} = \"{key}.csv\"` under [files]"),
        }
    }
}

pub(crate) use crate::cells::{parse_bool, parse_date};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_iso_and_dutch() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        for t in
            ["2025-03-04", "4-3-2025", "04-03-2025", "4/3/2025", "4.3.2025", "2025-03-04 10:15:00", " 2025-03-04T10:15"]
        {
            assert_eq!(parse_date(t), Some(d), "{t}");
        }
        for t in ["", "2025-13-01", "31-2-2025", "3/4/25", "maart"] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_bool("Ja"), Some(Some(true)));
        assert_eq!(parse_bool("nee"), Some(Some(false)));
        assert_eq!(parse_bool(" "), Some(None));
        assert_eq!(parse_bool("misschien"), None);
    }
}
