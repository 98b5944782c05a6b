//! LimeSurvey's response export (Export results -> CSV), as its writer
//! (`application/helpers/admin/export/Writer.php`, `CsvWriter.php`, `SurveyObj.php`) writes it:
//! a UTF-8 byte-order mark, every cell quoted, CRLF line ends.
//!
//! - Headings "question code": the question's code (`Q1`), a subquestion in brackets
//!   (`Q2[SQ001]`, an array's row `Q5[SQ001]`), the "other" text `Q2[other]`, comments
//!   `Q3[comment]` / `Q2[SQ001comment]`, ranking positions `Q4[1]`, `Q4[2]`, ...; before them the
//!   response's metadata (`id`, `submitdate`, `lastpage`, `startlanguage`, `seed`, `token`,
//!   `startdate`, `datestamp`, `ipaddr`, `refurl`) and, when the export includes participant
//!   data, the participant table's fields (`firstname`, `lastname`, `email`, `attribute_1`, ...).
//! - Answers "answer codes": the answer's code (`A1`, `AO01`), `-oth-` for a list's other,
//!   `Y` or empty for a multiple-choice subquestion; numbers with a point. "Full answers": the
//!   answer's text, `Yes`/`No` (translated) for multiple choice, the translated "Other".
//! - Null values (a question not shown) as `N/A` or empty, as the export dialog says.
//!
//! Codes map back to items by the rule of [`crate::instrument::platform::codes`].

use crate::instrument::platform::codes;
use crate::instrument::{AnswerOption, Item};

/// The response metadata and participant fields of an export: not stored, listed as platform
/// metadata (personal fields are listed as personal data by the import).
pub(in crate::responses::import) const META: &[&str] = &[
    "lastpage",
    "startlanguage",
    "seed",
    "token",
    "datestamp",
    "refurl",
    "interviewtime",
    "tid",
    "participant_id",
    "emailstatus",
    "language",
    "sent",
    "remindersent",
    "remindercount",
    "completed",
    "usesleft",
    "validfrom",
    "validuntil",
    "mpid",
    "blacklisted",
];

/// The names an item's column may carry: its platform code by the rule, and (older exports of
/// files written by hand) its lomonitor id.
pub(in crate::responses::import) fn names(item: &Item, map: &codes::CodeMap) -> Vec<String> {
    let mut v = Vec::with_capacity(2);
    if let Some(c) = map.code(&item.id) {
        v.push(c.to_owned());
    }
    if !v.contains(&item.id) {
        v.push(item.id.clone());
    }
    v
}

/// An array's row `parent[SQ001]` under the name of the item read from it
/// ([`crate::instrument::platform::from_limesurvey`] names it `parent` + `Sq001`, by the rule).
pub(in crate::responses::import) fn array_alias(header: &str) -> Option<String> {
    let (parent, rest) = header.split_once('[')?;
    let sub = rest.strip_suffix(']')?;
    if parent.is_empty()
        || sub.is_empty()
        || sub == "other"
        || sub.ends_with("comment")
        || sub.chars().all(|c| c.is_ascii_digit())
        || !sub.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let mut chars = sub.chars();
    let first = chars.next()?.to_ascii_uppercase();
    let tail: String = chars.flat_map(char::to_lowercase).collect();
    Some(format!("{parent}{first}{tail}"))
}

/// The lomonitor code of an answer cell: an answer code (`A1`, `AO01`, `AM1`), else the text of
/// an option (a "full answers" export).
pub(in crate::responses::import) fn code_of(item: &Item, options: &[AnswerOption], raw: &str) -> Option<i32> {
    codes::code_from_platform(raw)
        .filter(|c| options.iter().any(|o| o.code == *c) || item.missing_index(*c).is_some())
        .or_else(|| super::code_of_label(item, options, raw))
}

/// The translated "Other" of a list's other option in a "full answers" export.
pub(in crate::responses::import) fn is_other_text(raw: &str) -> bool {
    ["Other", "Anders", "-oth-"].iter().any(|w| raw.eq_ignore_ascii_case(w))
}

/// A multiple-choice subquestion cell: `Some(1)` chosen (`Y`, `Yes`, `Ja`), `Some(0)` not chosen
/// (`N`, `No`, `Nee`), `None` otherwise.
pub(in crate::responses::import) fn choice(raw: &str) -> Option<u8> {
    if ["Yes", "Ja"].iter().any(|w| raw.eq_ignore_ascii_case(w)) {
        Some(1)
    } else if ["No", "Nee"].iter().any(|w| raw.eq_ignore_ascii_case(w)) {
        Some(0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_rows_get_the_name_of_their_item() {
        assert_eq!(array_alias("klimaat[SQ001]").as_deref(), Some("klimaatSq001"));
        assert_eq!(array_alias("klimaat[other]"), None);
        assert_eq!(array_alias("klimaat[SQ001comment]"), None);
        assert_eq!(array_alias("rank[2]"), None);
        assert_eq!(array_alias("plain"), None);
    }

    #[test]
    fn choices_in_both_languages() {
        assert_eq!(choice("Ja"), Some(1));
        assert_eq!(choice("no"), Some(0));
        assert_eq!(choice("N/A"), None);
    }
}
