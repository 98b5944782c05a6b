//! What each survey platform's response export looks like: the column names it gives an item's
//! parts, how its cells write answer codes, and which of its rows are not real responses. One
//! module per platform; the import (`super`) asks them while it plans the columns and reads cells.

pub(super) mod limesurvey;
pub(super) mod qualtrics;

use crate::instrument::{AnswerOption, Item};

/// The code of an option or declared missing code whose label (Dutch or English, ignoring case
/// and surrounding space) is `raw`: the platforms' "full answer" / "choice text" exports.
pub(super) fn code_of_label(item: &Item, options: &[AnswerOption], raw: &str) -> Option<i32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let same = |t: &crate::instrument::Text| {
        t.nl.trim().eq_ignore_ascii_case(raw) || t.en.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(raw))
    };
    options
        .iter()
        .find(|o| same(&o.label))
        .map(|o| o.code)
        .or_else(|| item.missing.iter().find(|m| same(&m.label)).map(|m| m.code))
}
