//! Single cells the way spreadsheets and survey platforms write them: numbers, codes, dates,
//! timestamps, yes/no; and the one guard against spreadsheet (CSV) injection on the way out.
//! Ground floor: imports nothing of the domain.

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

crate::options::named_options!(DecimalSeparator, arg = "decimal", what = "decimal separator", {
    Auto => "auto",
    Point => "point",
    Comma => "comma",
});

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

/// Whether a spreadsheet could take any part of the cell for a formula: the cell itself, or a
/// piece of it after a `,`, `;` or tab, which is where a spreadsheet that splits the line on the
/// other list separator (Dutch Excel reads `;`, others `,`) starts a new cell. `Jan;=1+1;` is
/// such a cell.
pub fn could_start_formula(text: &str) -> bool {
    text.split([',', ';', '\t']).any(looks_like_formula) || looks_like_formula(text)
}

/// Whether text needs a leading apostrophe in lomonitor's own CSV layout: a formula (CSV
/// injection), text that already begins with an apostrophe (else import would take that one
/// away), or text equal to the not-asked marker `NA` (else it would read back as "not asked").
fn needs_apostrophe(text: &str) -> bool {
    could_start_formula(text) || text.starts_with('\'') || text.eq_ignore_ascii_case("NA")
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

/// Neutralise a text cell of an output that is not read back (a report's table): a leading
/// apostrophe before text that a spreadsheet could run as a formula in any split of the line
/// ([`could_start_formula`]); other text is unchanged.
pub fn neutralise_formula(text: &str) -> String {
    if could_start_formula(text) { format!("'{text}") } else { text.to_owned() }
}

/// A field of a CSV file a spreadsheet may open, quoted whenever it holds either list separator
/// (`,` and `;`), a tab, a quote or a line break, whatever the file's own delimiter: a
/// spreadsheet that splits on the other separator then still sees one cell.
pub fn spreadsheet_field(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', ';', '\t', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A CSV writer for files a spreadsheet may open: every field goes through
/// [`spreadsheet_field`]. Neutralising text against formulas stays the caller's choice
/// ([`neutralise`] for files lomonitor reads back, [`neutralise_formula`] for outputs).
pub struct SpreadsheetCsv<W: std::io::Write> {
    inner: csv::Writer<W>,
}

impl<W: std::io::Write> SpreadsheetCsv<W> {
    /// A writer with this delimiter (`b','` or `b';'`).
    pub fn new(out: W, delimiter: u8) -> Self {
        let inner = csv::WriterBuilder::new().delimiter(delimiter).quote_style(csv::QuoteStyle::Never).from_writer(out);
        Self { inner }
    }

    /// Write one record.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn write_record<I, T>(&mut self, fields: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.inner.write_record(fields.into_iter().map(|f| spreadsheet_field(f.as_ref()).into_owned()))
    }

    /// Flush the writer.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Parse a date as people type it in spreadsheets: ISO `2025-03-12` (a time after it, as in
/// `2025-03-12 10:00` or `2025-03-12T10:00`, is ignored), `2025/03/12`, and the Dutch day-first
/// `12-3-2025`, `12/3/2025`, `12.3.2025`. The one date parser of the crate.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let date_part = t.split([' ', 'T']).next().unwrap_or(t);
    let year_first = date_part.len() >= 8
        && date_part.bytes().take(4).all(|b| b.is_ascii_digit())
        && matches!(date_part.as_bytes().get(4), Some(b'-' | b'/'));
    if year_first {
        for f in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(date_part, f) {
                return Some(d);
            }
        }
    }
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = date_part.split(sep).collect();
        if let [d, m, y] = parts.as_slice()
            && y.len() == 4
            && (1..=2).contains(&d.len())
            && (1..=2).contains(&m.len())
            && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>())
        {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    None
}

/// [`parse_date`], or an [`crate::Error::InvalidValue`] at `location` naming the value.
///
/// # Errors
/// [`crate::Error::InvalidValue`] when the text is not a date.
pub fn require_date(text: &str, location: &crate::error::Location) -> crate::error::Result<NaiveDate> {
    parse_date(text).ok_or_else(|| crate::error::Error::InvalidValue {
        location: location.clone(),
        value: text.to_owned(),
        message: "expected a date as 2025-03-12 or 12-3-2025".into(),
    })
}

/// Parse a yes/no cell: `ja`/`yes`/`j`/`y`/`true`/`1` and `nee`/`no`/`n`/`false`/`0`; empty is
/// `Some(None)`; anything else `None`.
pub fn parse_bool(text: &str) -> Option<Option<bool>> {
    match text.trim().to_lowercase().as_str() {
        "" => Some(None),
        "ja" | "yes" | "j" | "y" | "true" | "waar" | "1" | "x" => Some(Some(true)),
        "nee" | "no" | "n" | "false" | "onwaar" | "0" => Some(Some(false)),
        _ => None,
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

    #[test]
    fn formulas_in_any_split_are_neutralised_and_quoted() {
        assert!(could_start_formula("Jan;=1+1;"));
        assert!(could_start_formula("a,@SUM(A1)"));
        assert!(!could_start_formula("Jan, Piet; Klaas"));
        assert!(!could_start_formula("-1,5"));
        let n = neutralise("Jan;=1+1;");
        assert_eq!(n, "'Jan;=1+1;");
        assert_eq!(unneutralise(&n), "Jan;=1+1;");
        assert_eq!(spreadsheet_field("Jan;=1+1;"), "\"Jan;=1+1;\"");
        assert_eq!(spreadsheet_field("a\"b,"), "\"a\"\"b,\"");
        assert_eq!(spreadsheet_field("plain"), "plain");
        let mut out = Vec::new();
        let mut w = SpreadsheetCsv::new(&mut out, b',');
        w.write_record(["x;y", "=1", "z"]).unwrap();
        w.flush().unwrap();
        drop(w);
        assert_eq!(String::from_utf8(out).unwrap(), "\"x;y\",=1,z\n");
    }

    #[test]
    fn dates_in_every_spelling() {
        for t in [
            "2025-03-12",
            "2025/03/12",
            "12-3-2025",
            "12/03/2025",
            "12.3.2025",
            "2025-03-12 10:00",
            "2025-03-12T10:00:00",
        ] {
            assert_eq!(parse_date(t), NaiveDate::from_ymd_opt(2025, 3, 12), "{t}");
        }
        for t in ["", "12-13-2025", "2025-02-30", "morgen", "12-3-25"] {
            assert_eq!(parse_date(t), None, "{t}");
        }
        assert_eq!(parse_bool("Ja"), Some(Some(true)));
        assert_eq!(parse_bool("misschien"), None);
    }
}
