//! Reading definition files (TOML, or JSON with the same structure) with errors that name the
//! file and line; shared by the questionnaire, the codebook and the interview guide.
//!
//! # Depth limits
//! Both parsers bound their recursion, so a short file of nested brackets is an error, not a
//! stack overflow: the `toml` crate stops at 80 levels of nested arrays and inline tables (its
//! `unbounded` feature, which lifts that, is not enabled), `serde_json` at 128 (its
//! `unbounded_depth` feature is not enabled either). The tests below pin both, so a dependency
//! update that changed them would fail here.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Any {
        #[allow(dead_code)]
        x: toml::Value,
    }

    #[test]
    fn nested_brackets_are_an_error_not_a_stack_overflow() {
        let file = Some(Path::new("q.toml"));
        let deep = format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let e = from_toml::<Any>(&deep, file).unwrap_err().to_string();
        assert!(e.contains("q.toml") && e.contains("recursion"), "{e}");
        let ok = format!("x = {}1{}\n", "[".repeat(60), "]".repeat(60));
        assert!(from_toml::<Any>(&ok, file).is_ok());
        let json = format!("{{\"x\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
        let e = from_json::<serde_json::Value>(&json, Some(Path::new("q.json"))).unwrap_err().to_string();
        assert!(e.contains("q.json") && e.contains("recursion limit"), "{e}");
    }
}
