//! Reading single cells the way spreadsheets and survey platforms write them.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Why a cell that should hold a number does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// An Excel error value (`#N/A`, `#DIV/0!`, `#VALUE!`, ...) or `NaN`/`inf`.
    SpreadsheetError,
    /// Not a number at all.
    NotANumber,
}

/// Which character separates decimals in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSeparator {
    /// Decide from the file: a comma when the file is `;`-delimited (Dutch Excel), else a point.
    #[default]
    Auto,
    /// `12.5`, thousands `1,234.5`.
    Point,
    /// `12,5`, thousands `1.234,5` (Dutch).
    Comma,
}

impl DecimalSeparator {
    /// Resolve `Auto` for a file with this delimiter.
    pub fn resolve(self, delimiter: u8) -> DecimalSeparator {
        match self {
            DecimalSeparator::Auto if delimiter == b';' => DecimalSeparator::Comma,
            DecimalSeparator::Auto => DecimalSeparator::Point,
            other => other,
        }
    }
}

/// Parse a number written with the given decimal separator. Thousands separators are accepted
/// only in groups of three (`1.234,5` Dutch; `1,234.5` English); a lone decimal comma is accepted
/// in point mode too when it cannot be a thousands separator (`12,5`).
///
/// # Errors
/// [`NumberProblem`] saying what the text is instead.
pub fn parse_number(text: &str, sep: DecimalSeparator) -> Result<f64, NumberProblem> {
    let t = text.trim();
    if t.starts_with('#')
        || ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(&t.to_ascii_lowercase().as_str())
    {
        return Err(NumberProblem::SpreadsheetError);
    }
    let (dec, thou) = match sep {
        DecimalSeparator::Comma => (',', '.'),
        _ => ('.', ','),
    };
    let (body, sign) = match t.strip_prefix('-') {
        Some(rest) => (rest, -1.0),
        None => (t.strip_prefix('+').unwrap_or(t), 1.0),
    };
    let (int_part, frac_part) = match body.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int_digits: String = if int_part.contains(thou) {
        let groups: Vec<&str> = int_part.split(thou).collect();
        let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            // "12,5" in point mode: a decimal comma, not a thousands separator.
            if sep != DecimalSeparator::Comma && frac_part.is_none() && groups.len() == 2 {
                let joined = int_part.replace(',', ".");
                return joined.parse::<f64>().map(|v| sign * v).map_err(|_| NumberProblem::NotANumber);
            }
            return Err(NumberProblem::NotANumber);
        }
        groups.concat()
    } else {
        int_part.to_owned()
    };
    if int_digits.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(NumberProblem::NotANumber);
    }
    if !int_digits.chars().all(|c| c.is_ascii_digit()) || !frac_part.unwrap_or("").chars().all(|c| c.is_ascii_digit()) {
        return Err(NumberProblem::NotANumber);
    }
    let s = match frac_part {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    s.parse::<f64>().map(|v| sign * v).map_err(|_| NumberProblem::NotANumber)
}

/// Parse a whole-number answer code (`3`, `3.0`, ` 3 `).
pub fn parse_code(text: &str) -> Option<i32> {
    let t = text.trim();
    t.parse::<i32>().ok().or_else(|| t.strip_suffix(".0").and_then(|s| s.parse().ok()))
}

/// Parse a timestamp in the forms survey platforms and Excel write:
/// `2025-03-04 10:15:00`, `2025-03-04T10:15:00`, `2025-03-04 10:15`, `4-3-2025 10:15`,
/// `04/03/2025 10:15:00` (day first, Dutch), or a date alone (midnight).
pub fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    // `2025-03-04 10:15:00` (and with `T`), what platforms write: read without chrono's format
    // parser, which costs more than the rest of a row.
    if let Some(dt) = iso_timestamp(t) {
        return Some(dt);
    }
    const FORMATS: [&str; 8] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%d %H:%M",
        "%d-%m-%Y %H:%M:%S",
        "%d-%m-%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ];
    FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(t, f).ok()).or_else(|| {
        ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
            .map(|d| d.and_time(NaiveTime::MIN))
    })
}

/// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` exactly (19 ASCII bytes), else `None`.
fn iso_timestamp(t: &str) -> Option<NaiveDateTime> {
    let b: &[u8; 19] = t.as_bytes().try_into().ok()?;
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |v, &d| d.is_ascii_digit().then(|| v * 10 + u32::from(d - b'0')))
    };
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if seps.iter().any(|&(i, c)| b.get(i) != Some(&c)) || !matches!(b.get(10), Some(b' ' | b'T')) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
    date.and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)
}

/// Whether a cell is a formula or could be taken for one by a spreadsheet (`=`, `+`, `-`, `@`
/// first, or a tab/carriage return): such text must be neutralised before export (CSV injection).
pub fn looks_like_formula(text: &str) -> bool {
    matches!(text.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
        && parse_number(text, DecimalSeparator::Point).is_err()
}

/// Whether text needs a leading apostrophe in lomonitor's own CSV layout: a formula (CSV
/// injection), text that already begins with an apostrophe (else import would take that one
/// away), or text equal to the not-asked marker `NA` (else it would read back as "not asked").
fn needs_apostrophe(text: &str) -> bool {
    looks_like_formula(text) || text.starts_with('\'') || text.eq_ignore_ascii_case("NA")
}

/// Neutralise a text cell for CSV export: a leading apostrophe before text that a spreadsheet
/// would run as a formula (OWASP's advice on CSV injection), as Excel does when one types
/// `'=1+1`. Text that begins with an apostrophe or reads `NA` gets one too, so that
/// [`unneutralise`] gives back exactly what was written.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_apostrophe(text) { std::borrow::Cow::Owned(format!("'{text}")) } else { std::borrow::Cow::Borrowed(text) }
}

/// Undo [`neutralise`] on import: `'=1+1` reads back as `=1+1`, `''s-Hertogenbosch` as
/// `'s-Hertogenbosch`, `'NA` as `NA`. Any other leading apostrophe is kept (`'s-Hertogenbosch`).
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_apostrophe(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        use DecimalSeparator::{Comma, Point};
        assert_eq!(parse_number("12,5", Comma), Ok(12.5));
        assert_eq!(parse_number("1.234,5", Comma), Ok(1234.5));
        assert_eq!(parse_number("1.234", Comma), Ok(1234.0));
        assert_eq!(parse_number("12.5", Point), Ok(12.5));
        assert_eq!(parse_number("1,234.5", Point), Ok(1234.5));
        assert_eq!(parse_number("12,5", Point), Ok(12.5));
        assert_eq!(parse_number("-3", Point), Ok(-3.0));
        assert_eq!(parse_number(" 7 ", Point), Ok(7.0));
        assert_eq!(parse_number("#N/A", Point), Err(NumberProblem::SpreadsheetError));
        assert_eq!(parse_number("#DIV/0!", Comma), Err(NumberProblem::SpreadsheetError));
        assert_eq!(parse_number("NaN", Point), Err(NumberProblem::SpreadsheetError));
        assert_eq!(parse_number("inf", Point), Err(NumberProblem::SpreadsheetError));
        assert_eq!(parse_number("12.34.5", Point), Err(NumberProblem::NotANumber));
        assert_eq!(parse_number("abc", Point), Err(NumberProblem::NotANumber));
        assert_eq!(parse_number("", Point), Err(NumberProblem::NotANumber));
        assert_eq!(parse_number("1e5", Point), Err(NumberProblem::NotANumber));
    }

    #[test]
    fn timestamps_in_three_forms() {
        let want = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap().and_hms_opt(10, 15, 0).unwrap();
        for t in ["2025-03-04 10:15:00", "2025-03-04T10:15:00", "4-3-2025 10:15", "04/03/2025 10:15:00"] {
            assert_eq!(parse_timestamp(t), Some(want), "{t}");
        }
        assert!(parse_timestamp("2025-13-04").is_none());
        assert!(parse_timestamp("gisteren").is_none());
    }

    #[test]
    fn formulas() {
        assert!(looks_like_formula("=HYPERLINK(\"http://x\")"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(!looks_like_formula("-3"));
        assert!(!looks_like_formula("tekst"));
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(unneutralise(&neutralise("=1+1")), "=1+1");
        assert_eq!(unneutralise("'quoted"), "'quoted");
        for t in ["=1+1", "'s-Hertogenbosch", "''", "'", "NA", "na", "'NA", "tekst", "-3", "@x"] {
            assert_eq!(unneutralise(&neutralise(t)), t, "{t}");
        }
        assert_eq!(neutralise("'s-Hertogenbosch"), "''s-Hertogenbosch");
        assert_eq!(neutralise("NA"), "'NA");
    }
}
