//! Reading definition files (TOML, or JSON with the same structure) with errors that name the
//! file and line; shared by the questionnaire, the codebook and the interview guide.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// Read a definition file; `true` when it is JSON (by its extension), else TOML.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub(crate) fn read(path: &Path) -> Result<(String, bool)> {
    let (text, _) = crate::io::read_text(path)?;
    Ok((text, path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))))
}

/// Parse TOML into the raw form of a definition.
///
/// # Errors
/// [`Error::Definition`] with the file and the line of the parse error or unknown key.
pub(crate) fn from_toml<T: DeserializeOwned>(text: &str, file: Option<&Path>) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Definition {
        location: Location {
            file: file.map(Path::to_path_buf),
            line: e.span().map(|s| crate::io::line_of(text, s.start)),
            column: None,
        },
        message: e.message().trim().to_owned(),
    })
}

/// Parse JSON into the raw form of a definition.
///
/// # Errors
/// [`Error::Definition`] with the file and the line of the parse error.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, file: Option<&Path>) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Definition {
        location: Location { file: file.map(Path::to_path_buf), line: Some(e.line() as u64), column: None },
        message: e.to_string(),
    })
}
