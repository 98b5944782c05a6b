//! The one validation vocabulary of every reader: an [`Issue`] (severity, kind, file, line,
//! column, respondent, value, message), and the [`ValidationReport`] of a response import.
//! The contacts, fieldwork, codings and register readers report the same [`Issue`]. Ground floor.

use std::fmt;

use crate::error::Location;

/// How serious an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information (e.g. a column of personal data that was not stored).
    Info,
    /// Stored, but worth a look.
    Warning,
    /// The value could not be stored as given (it is listed here instead), or the response was set
    /// aside.
    Error,
}

crate::options::named_options!(Severity, arg = "severity", what = "severity", {
    Info => "info",
    Warning => "warning",
    Error => "error",
});

/// What kind of problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A code that is neither an option nor a declared missing code of the item.
    UnknownCode,
    /// Text where a number was expected.
    NotANumber,
    /// An Excel error value (`#N/A`, `#DIV/0!`) or NaN/inf.
    SpreadsheetError,
    /// A number outside the item's min..max.
    OutOfRange,
    /// A fraction where a whole number was expected.
    NotInteger,
    /// An answer to an item that routing should have skipped (set to "not asked").
    RoutedAnswer,
    /// A required item left empty in a complete response.
    RequiredMissing,
    /// An exclusive option ("geen van deze") combined with others.
    ExclusiveViolated,
    /// A ranking with repeated ranks, ranks above the top, or gaps.
    InvalidRanking,
    /// A municipality code or organisation id not in the frame or the study.
    UnknownUnit,
    /// A respondent id or unit cell that is empty or malformed.
    InvalidId,
    /// A second response for the same municipality or organisation (set aside).
    DuplicateUnit,
    /// A respondent id that occurs twice.
    DuplicateRespondent,
    /// A status that is not complete/partial (or the platform's equivalent).
    InvalidStatus,
    /// A timestamp that cannot be read.
    InvalidDate,
    /// A column that belongs to no item (its non-empty cells are counted here).
    UnmappedColumn,
    /// A column of personal data (names, e-mail, IP address, location) that was not stored.
    PersonalData,
    /// An item whose column is absent (every response set to "not asked").
    MissingColumn,
    /// A response bound to another questionnaire version.
    WrongVersion,
    /// A text cell that a spreadsheet would run as a formula (stored, neutralised on export).
    Formula,
    /// A response for a member municipality of a werkorganisatie that answers for its members:
    /// counted as the organisation's response (a second one for the same organisation is then set
    /// aside as [`IssueKind::DuplicateUnit`]).
    MemberOfOrganisation,
    /// A cell that cannot be read as its column requires (a row of a working file left out).
    InvalidValue,
    /// Kept, but worth a look: a suspected duplicate, a date in the future, a contact that
    /// cannot be reached.
    Suspicious,
    /// A row that is no respondent's answer: a platform's survey preview, test response or spam
    /// (set aside).
    NotAResponse,
    /// A `NA` (not asked) beside answers of the same item (a multiple-choice option, a rank): read
    /// as not chosen.
    NotAskedBesideAnswer,
    /// Options chosen or ranks given beside a filled missing code (`<id>_missing`): the missing
    /// code is stored, the choices are not.
    AnswerBesideMissing,
    /// An "anders, namelijk" text whose item is empty, not asked or a missing code: not stored.
    OtherWithoutAnswer,
    /// A number whose separator is ambiguous in the file (`1,250` or `1,5` in a `,`-delimited file):
    /// stored as read, worth a look.
    AmbiguousNumber,
}

crate::options::named_options!(IssueKind, arg = "kind", what = "issue kind", {
    UnknownCode => "unknown_code",
    NotANumber => "not_a_number",
    SpreadsheetError => "spreadsheet_error",
    OutOfRange => "out_of_range",
    NotInteger => "not_integer",
    RoutedAnswer => "routed_answer",
    RequiredMissing => "required_missing",
    ExclusiveViolated => "exclusive_violated",
    InvalidRanking => "invalid_ranking",
    UnknownUnit => "unknown_unit",
    InvalidId => "invalid_id",
    DuplicateUnit => "duplicate_unit",
    DuplicateRespondent => "duplicate_respondent",
    InvalidStatus => "invalid_status",
    InvalidDate => "invalid_date",
    UnmappedColumn => "unmapped_column",
    PersonalData => "personal_data",
    MissingColumn => "missing_column",
    WrongVersion => "wrong_version",
    Formula => "formula",
    MemberOfOrganisation => "member_of_organisation",
    InvalidValue => "invalid_value",
    Suspicious => "suspicious",
    NotAResponse => "not_a_response",
    NotAskedBesideAnswer => "not_asked_beside_answer",
    AnswerBesideMissing => "answer_beside_missing",
    OtherWithoutAnswer => "other_without_answer",
    AmbiguousNumber => "ambiguous_number",
});

/// One problem found in an import.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Issue {
    /// How serious.
    pub severity: Severity,
    /// What kind.
    pub kind: IssueKind,
    /// File, line and column.
    pub location: Location,
    /// The respondent id of the row, when known.
    pub respondent: Option<String>,
    /// The value as it stood in the file.
    pub value: String,
    /// A sentence for the researcher.
    pub message: String,
}

impl Issue {
    /// An error in a working file (contacts, fieldwork, codings): the row was left out.
    pub fn error(location: Location, value: impl Into<String>, message: impl Into<String>) -> Self {
        Self::of(Severity::Error, IssueKind::InvalidValue, location, value, message)
    }

    /// A warning in a working file: the row was kept.
    pub fn warning(location: Location, value: impl Into<String>, message: impl Into<String>) -> Self {
        Self::of(Severity::Warning, IssueKind::Suspicious, location, value, message)
    }

    /// An issue of any severity and kind, without a respondent.
    pub fn of(
        severity: Severity,
        kind: IssueKind,
        location: Location,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self { severity, kind, location, respondent: None, value: value.into(), message: message.into() }
    }

    /// The issue as an [`Error::InvalidValue`](crate::Error::InvalidValue).
    pub fn to_error(&self) -> crate::Error {
        crate::Error::InvalidValue {
            location: self.location.clone(),
            value: self.value.clone(),
            message: self.message.clone(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}: ", self.location)?;
        if !self.value.is_empty() {
            write!(f, "{:?}: ", self.value)?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem an import found. Nothing is dropped silently: each cell is stored or listed
/// here.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValidationReport {
    /// The issues, in file order.
    pub issues: Vec<Issue>,
    /// Data rows read.
    pub rows_read: usize,
    /// Responses kept for analysis.
    pub rows_kept: usize,
    /// Responses set aside (duplicates, unknown units), listed in the issues.
    pub rows_set_aside: usize,
}

impl ValidationReport {
    /// Whether there is nothing at warning level or above.
    pub fn is_clean(&self) -> bool {
        self.issues.iter().all(|i| i.severity == Severity::Info)
    }

    /// Number of issues of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.issues.iter().filter(|i| i.severity == severity).count()
    }

    /// The issues of one kind.
    pub fn of_kind(&self, kind: IssueKind) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.kind == kind)
    }

    pub(crate) fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} rows read, {} kept, {} set aside; {} errors, {} warnings, {} notes",
            self.rows_read,
            self.rows_kept,
            self.rows_set_aside,
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info)
        )?;
        for i in &self.issues {
            writeln!(f, "  {i}")?;
        }
        Ok(())
    }
}
