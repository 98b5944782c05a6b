//! Questionnaire items.

use crate::instrument::{Condition, Text};
use crate::meta::Language;

/// One answer option: a numeric code and its label.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnswerOption {
    /// The code stored in the data (e.g. 1, 2, 3).
    pub code: i32,
    /// The label shown to the respondent.
    pub label: Text,
}

/// A declared user-missing answer ("weet niet", "n.v.t.", "wil ik niet zeggen"): kept in the data,
/// shown in frequencies, excluded from valid percentages (as SPSS does).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MissingCode {
    /// The code stored in the data (e.g. 97, 98, 99).
    pub code: i32,
    /// The label.
    pub label: Text,
}

/// The kind of an item, with what each kind needs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ItemKind {
    /// Choose one option.
    Single {
        /// The options.
        options: Vec<AnswerOption>,
        /// The option whose choice comes with a text ("anders, namelijk"), if any.
        other: Option<i32>,
    },
    /// Select all that apply.
    Multiple {
        /// The options.
        options: Vec<AnswerOption>,
        /// The option that comes with a text ("anders, namelijk"), if any.
        other: Option<i32>,
        /// Options that cannot be combined with any other ("geen van deze").
        exclusive: Vec<i32>,
    },
    /// A Likert item with `points` categories coded 1..=points.
    Likert {
        /// Number of points (k).
        points: u8,
        /// The k labels, from code 1 up.
        labels: Vec<Text>,
    },
    /// A number.
    Numeric {
        /// Unit, e.g. "euro per fte".
        unit: Option<String>,
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
        /// Whether only whole numbers are allowed.
        integer: bool,
    },
    /// Choose and order the top `top` of the options.
    Ranking {
        /// The options.
        options: Vec<AnswerOption>,
        /// How many to rank (k).
        top: u8,
    },
    /// Free text.
    Open,
}

impl ItemKind {
    /// The kind's name in definition files.
    pub fn name(&self) -> &'static str {
        match self {
            ItemKind::Single { .. } => "single",
            ItemKind::Multiple { .. } => "multiple",
            ItemKind::Likert { .. } => "likert",
            ItemKind::Numeric { .. } => "numeric",
            ItemKind::Ranking { .. } => "ranking",
            ItemKind::Open => "open",
        }
    }
}

/// A questionnaire item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    /// The id, also the variable name in exports (e.g. `q06`).
    pub id: String,
    /// The question text.
    pub text: Text,
    /// A short label for tables (defaults to the text).
    pub label: Option<Text>,
    /// What kind of answer it takes.
    pub kind: ItemKind,
    /// Whether an answer is required when the item is shown.
    pub required: bool,
    /// The item is shown only when this holds.
    pub show_if: Option<Condition>,
    /// Reverse-keyed (Likert): high agreement means a low value of the scale.
    pub reverse: bool,
    /// User-missing codes that apply to this item (the instrument's and the item's own).
    pub missing: Vec<MissingCode>,
}

/// The position of an answer among an item's coded levels.
///
/// Single-choice and Likert answers are stored as one byte per respondent: `0` not asked, `1`
/// seen but unanswered, then one level per option (in order), then one per missing code.
pub const NOT_ASKED: u8 = 0;
/// See [`NOT_ASKED`].
pub const UNANSWERED: u8 = 1;
/// The first option's level.
pub const FIRST_LEVEL: u8 = 2;

impl Item {
    /// The label for tables: the short label, else the text.
    pub fn short_label(&self, lang: Language) -> &str {
        self.label.as_ref().unwrap_or(&self.text).get(lang)
    }

    /// The options of a choice or ranking item (empty for others; Likert points as options).
    pub fn options(&self) -> Vec<AnswerOption> {
        match &self.kind {
            ItemKind::Single { options, .. }
            | ItemKind::Multiple { options, .. }
            | ItemKind::Ranking { options, .. } => options.clone(),
            ItemKind::Likert { points, labels } => (1..=*points)
                .map(|c| AnswerOption {
                    code: i32::from(c),
                    label: labels.get(usize::from(c) - 1).cloned().unwrap_or_else(|| Text::nl(c.to_string())),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether answers are stored as one coded byte (single choice, Likert).
    pub fn is_coded(&self) -> bool {
        matches!(self.kind, ItemKind::Single { .. } | ItemKind::Likert { .. })
    }

    /// The stored level of a code: options first, then missing codes. `None` for an unknown code.
    pub fn level_of(&self, code: i32) -> Option<u8> {
        let options = self.options();
        if let Some(i) = options.iter().position(|o| o.code == code) {
            return u8::try_from(i).ok().map(|i| i + FIRST_LEVEL);
        }
        self.missing
            .iter()
            .position(|m| m.code == code)
            .and_then(|i| u8::try_from(i + options.len()).ok())
            .map(|i| i + FIRST_LEVEL)
    }

    /// The code of a stored level (`None` for not asked, unanswered or out of range).
    pub fn code_of(&self, level: u8) -> Option<i32> {
        let i = usize::from(level.checked_sub(FIRST_LEVEL)?);
        let options = self.options();
        match options.get(i) {
            Some(o) => Some(o.code),
            None => self.missing.get(i - options.len()).map(|m| m.code),
        }
    }

    /// Number of stored levels: not asked, unanswered, the options and the missing codes.
    pub fn n_levels(&self) -> usize {
        usize::from(FIRST_LEVEL) + self.options().len() + self.missing.len()
    }

    /// The index of a missing code among [`Item::missing`].
    pub fn missing_index(&self, code: i32) -> Option<usize> {
        self.missing.iter().position(|m| m.code == code)
    }
}
