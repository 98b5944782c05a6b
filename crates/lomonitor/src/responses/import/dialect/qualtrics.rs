//! Qualtrics' CSV response export ("Data Table" export, CSV), as its documentation
//! ("Understanding Your Dataset", "Exporting Response Data") describes it: three header rows (the
//! column's export tag, the question text, `{"ImportId":"QID3"}`), numeric values (the
//! choices' recode values) or choice text, several choices of a multiple-choice question joined
//! by `,` in one cell, an "other" text in `Q1_5_TEXT`, a ranking's options in `Q7_1`, `Q7_2`, ...,
//! and, with "Recode seen but unanswered questions as -99", `-99` for seen but unanswered.
//!
//! The metadata columns say which rows are no real responses: `Status` (the "Response Type":
//! `0` IP address, `1` survey preview, `2` survey test, `4` imported, `8` spam, `9` preview spam,
//! `12` imported spam, `16` offline, `17` offline preview; the choice-text export writes the
//! words) and `DistributionChannel` (`preview`, `test`, `anonymous`, `email`, ...).

/// The metadata columns that are not stored (the response type and the distribution channel
/// are read to set aside previews, tests and spam).
pub(in crate::responses::import) const META: &[&str] = &[
    "Progress",
    "Duration (in seconds)",
    "RecordedDate",
    "UserLanguage",
    "Q_RecaptchaScore",
    "Q_RelevantIDDuplicate",
    "Q_RelevantIDDuplicateScore",
    "Q_RelevantIDFraudScore",
    "Q_RelevantIDLastStartDate",
    "EndDate",
];

/// Why a row is no real response, from its `Status` (response type) and `DistributionChannel`
/// cells; `None` for a real response.
pub(in crate::responses::import) fn not_a_response(status: &str, channel: &str) -> Option<&'static str> {
    let by_status = match status.trim() {
        "1" | "17" => Some("a survey preview"),
        "2" => Some("a survey test"),
        "8" | "9" | "12" => Some("marked as spam"),
        s if s.eq_ignore_ascii_case("Survey Preview") || s.eq_ignore_ascii_case("Offline Survey Preview") => {
            Some("a survey preview")
        }
        s if s.eq_ignore_ascii_case("Survey Test") => Some("a survey test"),
        s if s.to_ascii_lowercase().contains("spam") => Some("marked as spam"),
        _ => None,
    };
    by_status.or(match channel.trim() {
        c if c.eq_ignore_ascii_case("preview") => Some("a survey preview"),
        c if c.eq_ignore_ascii_case("test") => Some("a survey test"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_tests_and_spam_are_no_responses() {
        assert_eq!(not_a_response("1", "anonymous"), Some("a survey preview"));
        assert_eq!(not_a_response("Survey Preview", ""), Some("a survey preview"));
        assert_eq!(not_a_response("8", "email"), Some("marked as spam"));
        assert_eq!(not_a_response("0", "test"), Some("a survey test"));
        assert_eq!(not_a_response("0", "email"), None);
        assert_eq!(not_a_response("IP Address", "anonymous"), None);
        assert_eq!(not_a_response("4", "email"), None);
    }
}
