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
//! published overview ([`published_overview`]); erasing a person from the study folder belongs to the study room (it reads the whole folder).
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
//! [`Loaded::strict`] turns a load with errors into an [`crate::Error`].

mod contact;
mod coverage;
mod csv;
pub use csv::resolve_unit;
mod directory;
mod fieldwork;
mod overview;
mod participants;
mod phone;
mod platforms;

use crate::error::Result;

pub use contact::{Contact, ContactId, ContactStatus, Email, PublishConsent, Role};
pub use coverage::{Coverage, CoverageCell, CoverageGap, CoverageGroup, CoverageOptions, GapReason, coverage};
pub use directory::{
    Conflict, ContactField, Directory, DirectorySummary, DuplicateKind, DuplicatePair, MergeReport, PersonQuery,
};

pub use fieldwork::{
    AaporRates, Dispositions, FieldworkLog, FieldworkStatus, Invitation, RateBase, RatesByStratum, ReminderDue,
    StratumRates,
};
pub use overview::{OverviewRow, PublishedOverview, published_overview};
pub use participants::{Participants, TOKEN_LEN, limesurvey_participants, qualtrics_contacts};
pub use phone::Phone;
pub use platforms::{PlatformChange, PlatformImport, import_limesurvey, import_qualtrics};

pub use crate::validation::{Issue, IssueKind, Severity};

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
    /// [`crate::Error::InvalidValue`] for the first error, its message saying how many more there are.
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
