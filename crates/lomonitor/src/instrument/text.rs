//! Bilingual labels.

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

    /// The label in the language asked for, Dutch when no English is given.
    pub fn get(&self, english: bool) -> &str {
        match (&self.en, english) {
            (Some(en), true) => en,
            _ => &self.nl,
        }
    }
}
