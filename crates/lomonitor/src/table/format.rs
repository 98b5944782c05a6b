//! Number formatting for tables and charts, Dutch by default.
//!
//! | what | Dutch ([`Language::Nl`]) | English ([`Language::En`]) |
//! | --- | --- | --- |
//! | count | `1.234` | `1,234` |
//! | number, 2 decimals | `0,42` | `0.42` |
//! | percentage, 1 decimal | `12,5%` | `12.5%` |
//! | interval | `10,2–15,3` | `10.2–15.3` |
//!
//! Dutch usage follows the Taalunie (*Taaladvies*: "Getallen met decimalen", "Procentteken"): a
//! decimal comma, a full stop between thousands, and the per-cent sign written straight after the
//! number in tables. Negative numbers use the ASCII hyphen-minus so that spreadsheets still read
//! them as numbers.
//!
//! Every function here expects a finite number; [`check_finite`] is the gate that the table and
//! chart builders pass values through first, so a NaN never reaches a formatter. (Given one
//! anyway, the formatters print `–` rather than `NaN`.)
//!
//! ```
//! use lomonitor::Language;
//! use lomonitor::table::format::{format_count, format_number, format_percent};
//! assert_eq!(format_percent(12.5, 1, Language::Nl), "12,5%");
//! assert_eq!(format_percent(12.5, 1, Language::En), "12.5%");
//! assert_eq!(format_count(1234.0, Language::Nl), "1.234");
//! assert_eq!(format_number(0.4243, 2, Language::Nl), "0,42");
//! ```

use crate::error::{Error, Result};
use crate::meta::Language;

/// What a formatter prints for a value that is not a finite number (never `NaN`).
pub const NOT_A_NUMBER: &str = "–";

/// The decimal separator of a language: `,` (Dutch) or `.` (English).
pub fn decimal_separator(lang: Language) -> char {
    match lang {
        Language::Nl => ',',
        Language::En => '.',
    }
}

/// The thousands separator of a language: `.` (Dutch) or `,` (English).
pub fn thousands_separator(lang: Language) -> char {
    match lang {
        Language::Nl => '.',
        Language::En => ',',
    }
}

/// Check that `value` is finite.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `name` when it is NaN or infinite.
pub fn check_finite(name: &'static str, value: f64) -> Result<()> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(Error::InvalidArgument { name, message: format!("{value} is not a finite number") })
    }
}

/// Format `value` with `decimals` decimals and, when `grouping`, thousands separators.
///
/// Rounding is half away from zero, as in Excel and CBS tables: `0,125` with two decimals gives
/// `0,13` and `12,25%` with one gives `12,3%`. Values a few units in the last place below a half
/// because of binary representation (`1.005` is stored as `1.00499999999999989...`) are rounded as
/// the decimal they were typed as, again as Excel does. A result that rounds to zero never shows a
/// minus sign (`-0,0` becomes `0,0`).
pub fn format_fixed(value: f64, decimals: u8, grouping: bool, lang: Language) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let d = usize::from(decimals.min(15));
    let scaled = value.abs() * 10f64.powi(i32::from(decimals.min(15)));
    // Nudge by a few ulps so that a binary value just below a decimal half rounds up. From 2^52
    // on every f64 is a whole number and there is nothing to round.
    let rounded = if scaled < 4.5e15 { (scaled * (1.0 + 8.0 * f64::EPSILON)).round() } else { scaled };
    let mut digits = format!("{rounded:.0}");
    if digits.len() <= d {
        digits = format!("{}{digits}", "0".repeat(d + 1 - digits.len()));
    }
    let split = digits.len() - d;
    let (int_part, frac_part) = digits.split_at(split);
    let is_zero = digits.bytes().all(|b| b == b'0');
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    let sep = thousands_separator(lang);
    let len = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if grouping && i > 0 && (len - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if d > 0 {
        out.push(decimal_separator(lang));
        out.push_str(frac_part);
    }
    out
}

/// A number with `decimals` decimals and thousands separators: `1.234,57` / `1,234.57`.
pub fn format_number(value: f64, decimals: u8, lang: Language) -> String {
    format_fixed(value, decimals, true, lang)
}

/// A count, rounded to a whole number, with thousands separators: `1.234` / `1,234`. Weighted
/// counts are rounded as SPSS prints them.
pub fn format_count(value: f64, lang: Language) -> String {
    format_fixed(value, 0, true, lang)
}

/// A percentage (`value` in percent, 0–100) with the sign attached: `12,5%` / `12.5%`.
pub fn format_percent(value: f64, decimals: u8, lang: Language) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    format!("{}%", format_fixed(value, decimals, true, lang))
}

/// An interval `lower–upper` (en dash, no spaces), with a per-cent sign after the upper bound
/// when `percent`: `10,2–15,3%` / `0,80–0,87`.
pub fn format_interval(lower: f64, upper: f64, decimals: u8, percent: bool, lang: Language) -> String {
    let l = format_fixed(lower, decimals, true, lang);
    let u = format_fixed(upper, decimals, true, lang);
    if percent { format!("{l}–{u}%") } else { format!("{l}–{u}") }
}

/// A number as a spreadsheet should read it back: no thousands separators, the language's decimal
/// separator, no per-cent sign (`1234,5` / `1234.5`). Used by the CSV writer.
pub fn format_plain(value: f64, decimals: u8, lang: Language) -> String {
    format_fixed(value, decimals, false, lang)
}

/// A p-value: `< 0,001` below 0.001, else three decimals (APA style without the leading-zero
/// rule, which Dutch reports do not follow).
pub fn format_p_value(p: f64, lang: Language) -> String {
    if !p.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    if p < 0.001 { format!("< {}", format_fixed(0.001, 3, false, lang)) } else { format_fixed(p, 3, false, lang) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english() {
        use Language::{En, Nl};
        assert_eq!(format_percent(12.5, 1, Nl), "12,5%");
        assert_eq!(format_percent(12.5, 1, En), "12.5%");
        assert_eq!(format_count(1234.0, Nl), "1.234");
        assert_eq!(format_count(1234.0, En), "1,234");
        assert_eq!(format_count(1_234_567.4, Nl), "1.234.567");
        assert_eq!(format_count(999.5, Nl), "1.000");
        assert_eq!(format_number(0.4243, 2, Nl), "0,42");
        assert_eq!(format_number(0.4243, 2, En), "0.42");
        assert_eq!(format_number(-1234.5, 1, Nl), "-1.234,5");
        assert_eq!(format_number(-0.001, 1, Nl), "0,0");
        assert_eq!(format_number(12.0, 0, Nl), "12");
        assert_eq!(format_number(0.125, 2, Nl), "0,13");
        assert_eq!(format_number(1.005, 2, En), "1.01");
        assert_eq!(format_percent(12.25, 1, Nl), "12,3%");
        assert_eq!(format_number(0.0, 2, Nl), "0,00");
        assert_eq!(format_number(0.05, 3, En), "0.050");
        assert_eq!(format_number(-2.5, 0, En), "-3");
        assert_eq!(format_number(1e20, 0, En), "100,000,000,000,000,000,000");
        assert_eq!(format_plain(1234.5, 1, Nl), "1234,5");
        assert_eq!(format_plain(1234.5, 1, En), "1234.5");
        assert_eq!(format_interval(10.24, 15.27, 1, true, Nl), "10,2–15,3%");
        assert_eq!(format_interval(0.8, 0.871, 2, false, En), "0.80–0.87");
        assert_eq!(format_p_value(0.0004, Nl), "< 0,001");
        assert_eq!(format_p_value(0.0312, En), "0.031");
        assert_eq!(format_percent(f64::NAN, 1, Nl), NOT_A_NUMBER);
        assert_eq!(format_number(f64::INFINITY, 1, Nl), NOT_A_NUMBER);
        assert!(check_finite("x", f64::NAN).is_err());
        assert!(check_finite("x", 1.0).is_ok());
    }
}
