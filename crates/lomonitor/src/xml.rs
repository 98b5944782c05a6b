//! Text for XML outputs (SVG charts, the infographic, `.qdc`, DDI, HTML): the one place that
//! escapes markup and removes the characters XML 1.0 does not allow, so every file lomonitor
//! writes is well-formed whatever a title or label holds.
//!
//! XML 1.0 (§2.2, production `Char`) allows tab, line feed, carriage return, U+0020–U+D7FF,
//! U+E000–U+FFFD and U+10000–U+10FFFF. Everything else that a Rust `char` can be — the C0
//! controls other than tab, LF and CR (NUL included), U+FFFE and U+FFFF — is removed: no
//! escape makes it legal (`&#0;` is not well-formed either). Lone surrogates cannot occur in a
//! Rust string.
//!
//! # References
//! W3C (2008), *Extensible Markup Language (XML) 1.0 (Fifth Edition)*, §2.2 Characters,
//! <https://www.w3.org/TR/xml/#charsets>.

use std::borrow::Cow;

/// Whether XML 1.0 allows `c` in a document.
#[must_use]
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 does not allow (borrowed when it has none).
#[must_use]
pub fn strip_illegal(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// Escape text for XML (and HTML) element content and attribute values: `& < > " '` become
/// entities and the characters XML 1.0 does not allow are removed.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_what_xml_forbids_and_escapes_markup() {
        let hostile = "a\u{0}b\u{1}c\u{FFFE}d\u{FFFF}e\t\n\r<&>\"'\u{7F}\u{10000}";
        let e = escape(hostile);
        assert_eq!(e, "abcde\t\n\r&lt;&amp;&gt;&quot;&#39;\u{7F}\u{10000}");
        let doc = format!("<r a=\"{e}\">{e}</r>");
        assert!(roxmltree::Document::parse(&doc).is_ok());
        assert!(matches!(strip_illegal("plain"), Cow::Borrowed(_)));
        assert_eq!(strip_illegal("x\u{0}y"), "xy");
    }
}
