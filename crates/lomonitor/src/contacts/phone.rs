//! Phone numbers, normalised to E.164.

use std::fmt;

use crate::error::{Error, Result};

/// A phone number in E.164 form: `+` and 8 to 15 digits, e.g. `+31612345678`.
///
/// Dutch numbers are accepted as people write them — `06-12345678`, `0612345678`,
/// `+31 6 1234 5678`, `+31 (0)6 12345678`, `0031 20 123 4567`, `020-1234567` — and must have the
/// nine-digit national significant number that every Dutch geographic and mobile number has
/// (ten digits with the trunk `0`). Numbers of other countries are accepted in international form
/// (`+32 2 123 45 67`, `0032 ...`) and only checked for length.
///
/// ```
/// use lomonitor::contacts::Phone;
/// assert_eq!(Phone::parse("06-12345678").unwrap().as_str(), "+31612345678");
/// assert_eq!(Phone::parse("0031 20 123 4567").unwrap().as_str(), "+31201234567");
/// assert!(Phone::parse("06-1234567").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Normalise a written phone number to E.164.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the value: letters or other characters, a Dutch number
    /// that is not ten digits with the trunk `0`, a national number starting with `0`, an
    /// international number outside 8..=15 digits.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |why: &str| Error::InvalidArgument { name: "phone", message: format!("{text:?}: {why}") };
        let t = text.trim();
        if t.is_empty() {
            return Err(bad("empty"));
        }
        // "+31 (0)6 ..." : the (0) is the trunk prefix written for national callers.
        let t = t.replace("(0)", "");
        if !t.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}')) {
            return Err(bad("only digits, spaces, '+', '-', '.', '/' and brackets are allowed"));
        }
        let plus = t.starts_with('+');
        if t.chars().skip(1).any(|c| c == '+') {
            return Err(bad("'+' may only stand at the start"));
        }
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        let international = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if let Some(national) = digits.strip_prefix('0') {
            format!("31{national}")
        } else {
            return Err(bad("a Dutch number starts with 0 (e.g. 06-12345678), else write it as +<country code>"));
        };
        if let Some(national) = international.strip_prefix("31") {
            if national.starts_with('0') {
                return Err(bad("after +31 the trunk 0 must be left out (e.g. +31 6 12345678)"));
            }
            if national.len() != 9 {
                return Err(bad(&format!(
                    "a Dutch number has 10 digits (06-12345678, 020-1234567); this one has {}",
                    national.len() + 1
                )));
            }
        } else if international.starts_with('0') || !(8..=15).contains(&international.len()) {
            return Err(bad("an international number has a country code and 8 to 15 digits in all"));
        }
        Ok(Self(format!("+{international}")))
    }

    /// The number in E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Phone(<redacted>)")
    }
}

impl TryFrom<String> for Phone {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_forms() {
        for (input, want) in [
            ("06-12345678", "+31612345678"),
            ("0612345678", "+31612345678"),
            ("+31 6 1234 5678", "+31612345678"),
            ("+31 (0)6 12345678", "+31612345678"),
            ("0031 20 123 4567", "+31201234567"),
            ("020-1234567", "+31201234567"),
            ("(020) 123 45 67", "+31201234567"),
            ("0318-123456", "+31318123456"),
            ("+32 2 123 45 67", "+3221234567"),
        ] {
            assert_eq!(Phone::parse(input).unwrap().as_str(), want, "{input}");
        }
    }

    #[test]
    fn invalid_names_value() {
        for bad in
            ["", "06-1234567", "06-123456789", "612345678", "+310612345678", "06-1234abcd", "+31 6+1234567", "+1 23"]
        {
            let e = Phone::parse(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("{bad:?}")), "{bad}: {e}");
        }
    }
}
