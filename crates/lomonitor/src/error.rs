//! The one error type of the crate.
//!
//! Every error that comes from user data carries a [`Location`]: the file, the line (1-based,
//! counting the header as line 1), the column and the offending value, so that a researcher can
//! open the spreadsheet and find the cell.

use std::fmt;
use std::path::PathBuf;

/// Where in a user's file a problem was found.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// The file, when the data came from one.
    pub file: Option<PathBuf>,
    /// The 1-based line in the file (the header is line 1).
    pub line: Option<u64>,
    /// The column name or the TOML key.
    pub column: Option<String>,
}

impl Location {
    /// A location in `file` with no line or column yet.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self { file: Some(file.into()), line: None, column: None }
    }

    /// The same location at `line`.
    #[must_use]
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The same location in `column`.
    #[must_use]
    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.display().to_string());
        }
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("column {column:?}"));
        }
        if parts.is_empty() { f.write_str("<input>") } else { f.write_str(&parts.join(", ")) }
    }
}

/// Everything that can go wrong in lomonitor.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A municipality code that is not `GM` followed by four digits.
    #[error("invalid municipality code {0:?}: expected \"GM\" followed by four digits, e.g. \"GM0363\"")]
    InvalidCode(String),

    /// A province name that is none of the twelve.
    #[error(
        "unknown province {0:?}: expected one of the twelve Dutch provinces, e.g. \"Fryslân\" or \"Noord-Holland\""
    )]
    UnknownProvince(String),

    /// A value in a user's file that could not be read or is not allowed.
    #[error("{location}: invalid value {value:?}: {message}")]
    InvalidValue {
        /// Where the value was found.
        location: Location,
        /// The value as it stood in the file.
        value: String,
        /// What is wrong with it.
        message: String,
    },

    /// An iterative computation that did not reach its tolerance within its iteration cap.
    #[error(
        "{what} did not converge in {iterations} iterations: largest relative error {error:e} > tolerance {tolerance:e}"
    )]
    NotConverged {
        /// What was iterated, e.g. "raking".
        what: &'static str,
        /// Iterations run.
        iterations: usize,
        /// The error reached.
        error: f64,
        /// The tolerance asked for.
        tolerance: f64,
    },

    /// A required column or key is absent.
    #[error("{location}: missing {what}")]
    Missing {
        /// The file (and line) where it was expected.
        location: Location,
        /// What was expected, e.g. `column "code"`.
        what: String,
    },

    /// The same key occurs twice where it must be unique.
    #[error("{location}: duplicate {what} {value:?} (first seen on line {first_line})")]
    Duplicate {
        /// Where the second occurrence is.
        location: Location,
        /// What kind of key (e.g. "municipality code").
        what: &'static str,
        /// The duplicated value.
        value: String,
        /// The line of the first occurrence.
        first_line: u64,
    },

    /// A file that is not valid CSV (ragged rows, unterminated quotes, ...).
    #[error("{location}: malformed CSV: {message}")]
    Csv {
        /// Where the reader stopped.
        location: Location,
        /// The reader's description.
        message: String,
    },

    /// A TOML or JSON definition file that does not parse or does not fit the schema.
    #[error("{location}: {message}")]
    Definition {
        /// The file, line and key.
        location: Location,
        /// The parser's description.
        message: String,
    },

    /// A file that cannot be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// A lookup that found nothing.
    #[error("no {what} matches {query:?}{}", suggestion_text(suggestions))]
    NotFound {
        /// What was looked up ("municipality", "organisation", ...).
        what: &'static str,
        /// The query as given.
        query: String,
        /// Close matches, best first.
        suggestions: Vec<String>,
    },

    /// A name that matches several entries equally well.
    #[error("{query:?} is ambiguous: it matches {}", candidates.join(", "))]
    Ambiguous {
        /// The query as given.
        query: String,
        /// Every entry it matches.
        candidates: Vec<String>,
    },

    /// Not enough data for the statistic asked for.
    #[error("{what}: need at least {min} observations, got {n}")]
    TooFewObservations {
        /// The statistic.
        what: &'static str,
        /// The minimum it needs.
        min: usize,
        /// What it got.
        n: usize,
    },

    /// An argument outside its domain (a confidence level of 1.5, negative weights, ...).
    #[error("invalid argument {name}: {message}")]
    InvalidArgument {
        /// The argument's name.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() { String::new() } else { format!("; did you mean {}?", suggestions.join(" or ")) }
}

impl Error {
    /// The location in a user's file, when the error has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::InvalidValue { location, .. }
            | Error::Missing { location, .. }
            | Error::Duplicate { location, .. }
            | Error::Csv { location, .. }
            | Error::Definition { location, .. } => Some(location),
            _ => None,
        }
    }

    /// The offending value, when the error has one.
    pub fn value(&self) -> Option<&str> {
        match self {
            Error::InvalidCode(v) | Error::UnknownProvince(v) => Some(v),
            Error::InvalidValue { value, .. } | Error::Duplicate { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Attach a location to an error raised without one (an invalid code or province found
    /// while reading a file).
    #[must_use]
    pub fn at(self, location: Location) -> Error {
        match self {
            Error::InvalidCode(value) => Error::InvalidValue {
                location,
                message: "expected \"GM\" followed by four digits, e.g. \"GM0363\"".into(),
                value,
            },
            Error::UnknownProvince(value) => {
                Error::InvalidValue { location, message: "not one of the twelve Dutch provinces".into(), value }
            }
            Error::InvalidArgument { name, message } => {
                Error::InvalidValue { location, value: String::new(), message: format!("{name}: {message}") }
            }
            other => other,
        }
    }

    /// Wrap an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
