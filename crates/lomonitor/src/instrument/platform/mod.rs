//! The questionnaire to and from survey platforms: LimeSurvey survey structure files (`.lss`) and
//! Qualtrics survey files (`.qsf`).
//!
//! Item ids map to platform codes by the rule in [`codes`]. What the platform has a field for
//! (texts in Dutch and English, options, mandatory, relevance, min/max) goes in that field; what it
//! has none for (the lomonitor id, missing codes, reverse keying, short labels, scales) is recorded
//! in a `lomonitor` attribute of the question so that a round trip gives the same questionnaire.
//! Reading a survey built on the platform gives a draft questionnaire and the list of what could
//! not be mapped ([`Unmapped`]); nothing is dropped silently. `docs/instrument-format.md` has a
//! section per platform.

// Without the `platforms` feature only the code rule (`codes`) is used, by the response import.
#![cfg_attr(not(feature = "platforms"), allow(dead_code))]

pub mod codes;
#[cfg(feature = "platforms")]
mod limesurvey;
#[cfg(feature = "platforms")]
mod qualtrics;

pub use codes::{CodeMap, Collision};
#[cfg(feature = "platforms")]
pub use limesurvey::{LssOptions, from_limesurvey, to_limesurvey};
#[cfg(feature = "platforms")]
pub use qualtrics::{from_qualtrics, to_qualtrics};

use crate::instrument::{MissingCode, Text};

/// Something in a platform file that the draft questionnaire does not hold.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unmapped {
    /// The platform's code of the question (or the element), e.g. `Q7`.
    pub code: String,
    /// The platform's question type, e.g. `|` (file upload) or `*` (equation).
    pub kind: String,
    /// Why it was not mapped, or how it was mapped approximately.
    pub reason: String,
}

/// The lomonitor-only facts of an item, recorded in the platform file beside the question.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ItemMeta {
    pub id: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingCode>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// The option code that is the platform's "other", and its position among the options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<(i32, usize)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The lomonitor-only facts of the questionnaire.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SurveyMeta {
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub missing: Vec<MissingCode>,
    #[serde(default)]
    pub scales: Vec<crate::instrument::Scale>,
}

/// Input files larger than this are refused (a survey structure is kilobytes to a few megabytes).
pub(crate) const MAX_INPUT: usize = 64 * 1024 * 1024;

fn too_large(what: &str, len: usize) -> crate::error::Error {
    crate::error::Error::Definition {
        location: crate::error::Location::default(),
        message: format!("{what} of {len} bytes is larger than the {MAX_INPUT}-byte limit"),
    }
}
