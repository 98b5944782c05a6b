//! The shared vocabulary of every room: the language of labels, bilingual text and the study's
//! descriptive metadata. Imports nothing of the domain.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// The language of labels in tables and reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch (the default).
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// Every language, in the order options list them.
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    /// `En` when `english`, else `Nl` (for callers that still hold a flag).
    pub fn english_if(english: bool) -> Language {
        if english { Language::En } else { Language::Nl }
    }

    /// Whether this is English.
    pub fn is_english(self) -> bool {
        self == Language::En
    }

    /// The ISO 639-1 code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// The Dutch or the English text, as this language asks: the one `tr` of the crate.
    pub fn tr<'t>(self, nl: &'t str, en: &'t str) -> &'t str {
        match self {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    /// `nl` or `en` (case-insensitive; `dutch`, `nederlands`, `english`, `engels` too).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "nl" | "dutch" | "nederlands" => Ok(Language::Nl),
            "en" | "english" | "engels" => Ok(Language::En),
            _ => Err(Error::InvalidArgument {
                name: "language",
                message: format!("unknown language {s:?}: expected \"nl\" or \"en\""),
            }),
        }
    }
}

/// A label in Dutch, with an optional English translation.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    /// Dutch (always present).
    pub nl: String,
    /// English, when given.
    pub en: Option<String>,
}

impl Text {
    /// A Dutch-only label.
    pub fn nl(text: impl Into<String>) -> Self {
        Self { nl: text.into(), en: None }
    }

    /// The label in `lang`, Dutch when no English is given.
    pub fn get(&self, lang: Language) -> &str {
        match (&self.en, lang) {
            (Some(en), Language::En) => en,
            _ => &self.nl,
        }
    }

    /// The label in `lang` (the older name of [`Text::get`]).
    #[deprecated(since = "0.2.0", note = "use `Text::get`, which takes the language")]
    pub fn in_lang(&self, lang: Language) -> &str {
        self.get(lang)
    }
}

/// The study's descriptive metadata.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StudyInfo {
    /// Title (Dutch).
    pub title: String,
    /// Title in English, if given.
    pub title_en: Option<String>,
    /// The date the study describes (fieldwork reference date).
    pub reference_date: NaiveDate,
    /// Report language: `nl` (default) or `en`.
    pub language: Language,
    /// Who commissioned it (e.g. A&O fonds Gemeenten).
    pub commissioned_by: Option<String>,
    /// Who carries it out (e.g. a lectoraat).
    pub institution: Option<String>,
}

impl StudyInfo {
    /// The title in `lang` (the Dutch title when no English one is given).
    pub fn title_in(&self, lang: Language) -> &str {
        match (lang, &self.title_en) {
            (Language::En, Some(en)) => en,
            _ => &self.title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_round_trips_through_its_name() {
        for lang in Language::ALL {
            assert_eq!(lang.to_string().parse::<Language>().ok(), Some(lang));
        }
        assert!("fr".parse::<Language>().is_err());
        assert_eq!(Language::En.tr("ja", "yes"), "yes");
    }
}
