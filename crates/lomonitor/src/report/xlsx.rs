//! An Excel workbook of tables, one sheet per [`Table`], written with `rust_xlsxwriter`.
//!
//! Numbers stay numbers: a percentage `12.5` is stored as `0.125` with the number format `0.0%`,
//! a count with `#,##0`. Excel number-format codes are locale-independent, so Dutch Excel shows
//! `12,5%` and `1.234`, English Excel `12.5%` and `1,234`. Intervals and labels are text in the
//! chosen [`Language`]. Each sheet has the title in bold in A1, the header (bold, ruled) in row 3,
//! the data, totals in bold, and the notes under the table; columns are sized to their contents,
//! so a range pastes into Word as a tidy table.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};
use crate::io::write_atomic;
use crate::meta::Language;
use crate::report::table::{Align, Cell, SUPPRESSED_MARK, Table};

const SHEET_NAME_MAX: usize = 31;
const FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn truncate_utf16(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        if len + c.len_utf16() > max {
            break;
        }
        len += c.len_utf16();
        out.push(c);
    }
    out
}

fn clean_sheet_name(title: &str, fallback: &str) -> String {
    let replaced: String = title
        .chars()
        .map(|c| if FORBIDDEN.contains(&c) || c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = replaced.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    let cut = truncate_utf16(trimmed, SHEET_NAME_MAX);
    let cut = cut.trim_end_matches(|c: char| c == '\'' || c.is_whitespace()).to_owned();
    // "History" is reserved by Excel (case-insensitive).
    if cut.is_empty() || cut.eq_ignore_ascii_case("history") { fallback.to_owned() } else { cut }
}

/// Valid and unique Excel sheet names for these titles: the characters `[]:*?/\` replaced by
/// spaces, no leading or trailing apostrophe, at most 31 characters (UTF-16 units, as Excel
/// counts), not `History`, and unique without regard to case (Excel's rule) by a suffix ` (2)`,
/// ` (3)`, ... that is kept within the 31 characters. An empty title becomes `Tabel n` / `Table n`.
pub fn sheet_names<S: AsRef<str>>(titles: &[S], lang: Language) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(titles.len());
    for (i, t) in titles.iter().enumerate() {
        let fallback = match lang {
            Language::Nl => format!("Tabel {}", i + 1),
            Language::En => format!("Table {}", i + 1),
        };
        let base = clean_sheet_name(t.as_ref(), &fallback);
        let taken = |name: &str, out: &[String]| out.iter().any(|o| o.to_lowercase() == name.to_lowercase());
        let mut name = base.clone();
        let mut k = 2usize;
        while taken(&name, &out) {
            let suffix = format!(" ({k})");
            let stem = truncate_utf16(&base, SHEET_NAME_MAX - utf16_len(&suffix));
            name = format!("{}{suffix}", stem.trim_end());
            k += 1;
        }
        out.push(name);
    }
    out
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::InvalidArgument { name: "xlsx", message: e.to_string() }
}

fn align(a: Align) -> FormatAlign {
    match a {
        Align::Left => FormatAlign::Left,
        Align::Center => FormatAlign::Center,
        Align::Right => FormatAlign::Right,
    }
}

fn decimals_code(decimals: u8) -> String {
    if decimals == 0 { "0".to_owned() } else { format!("0.{}", "0".repeat(usize::from(decimals.min(15)))) }
}

/// The Excel number format of a cell, `None` for text.
fn number_format(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Count { .. } => Some("#,##0".to_owned()),
        Cell::Percent { decimals, .. } => Some(format!("{}%", decimals_code(*decimals))),
        Cell::Number { decimals, .. } => Some(format!("#,##{}", decimals_code(*decimals))),
        Cell::PValue { .. } => Some("0.000".to_owned()),
        _ => None,
    }
}

fn write_sheet(ws: &mut Worksheet, table: &Table, lang: Language) -> std::result::Result<(), XlsxError> {
    let title_fmt = Format::new().set_bold().set_font_size(12);
    ws.write_string_with_format(0, 0, table.title(), &title_fmt)?;
    let header_row = 2u32;
    let ncols = table.columns().len();
    let mut widths: Vec<usize> = table.columns().iter().map(|c| c.label.chars().count()).collect();
    for (j, col) in table.columns().iter().enumerate() {
        let f = Format::new()
            .set_bold()
            .set_align(align(col.align))
            .set_border_top(FormatBorder::Medium)
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        ws.write_string_with_format(header_row, col_num(j), &col.label, &f)?;
    }
    let n_rows = table.rows().len();
    for (i, row) in table.rows().iter().enumerate() {
        let r = header_row + 1 + u32::try_from(i).unwrap_or(u32::MAX - 1);
        let last = i + 1 == n_rows;
        for (j, (cell, col)) in row.cells.iter().zip(table.columns()).enumerate() {
            let mut f = Format::new().set_align(align(if cell.is_numeric() { Align::Right } else { col.align }));
            if row.total {
                f = f.set_bold().set_border_top(FormatBorder::Thin);
            }
            if last {
                f = f.set_border_bottom(FormatBorder::Medium);
            }
            if let Some(code) = number_format(cell) {
                f = f.set_num_format(code);
            }
            let c = col_num(j);
            match cell {
                Cell::Count { value } | Cell::Number { value, .. } | Cell::PValue { value } => {
                    ws.write_number_with_format(r, c, *value, &f)?;
                }
                Cell::Percent { value, .. } => {
                    ws.write_number_with_format(r, c, *value / 100.0, &f)?;
                }
                Cell::Empty => {
                    ws.write_blank(r, c, &f)?;
                }
                Cell::Suppressed => {
                    ws.write_string_with_format(r, c, SUPPRESSED_MARK, &f)?;
                }
                Cell::Text { .. } | Cell::Interval { .. } => {
                    ws.write_string_with_format(r, c, cell.display(lang), &f)?;
                }
            }
            if let Some(w) = widths.get_mut(j) {
                *w = (*w).max(cell.display(lang).chars().count());
            }
        }
    }
    let note_fmt = Format::new().set_italic().set_font_size(9);
    let first_note = header_row + 2 + u32::try_from(n_rows).unwrap_or(u32::MAX - 2);
    for (r, line) in (first_note..).zip(table.note_lines(lang)) {
        ws.write_string_with_format(r, 0, line, &note_fmt)?;
    }
    for (j, w) in widths.iter().enumerate().take(ncols) {
        // Headers wrap, so a long header does not need the full width.
        let width = (*w as f64 * 1.1 + 2.0).clamp(6.0, 50.0);
        ws.set_column_width(col_num(j), width)?;
    }
    Ok(())
}

fn col_num(j: usize) -> u16 {
    u16::try_from(j).unwrap_or(u16::MAX)
}

/// The workbook as bytes: one sheet per table, named by [`sheet_names`] from the titles.
///
/// # Errors
/// [`Error::InvalidArgument`] when `tables` is empty or a table exceeds Excel's limits
/// (16,384 columns).
pub fn xlsx_bytes(tables: &[Table], lang: Language) -> Result<Vec<u8>> {
    if tables.is_empty() {
        return Err(Error::InvalidArgument { name: "tables", message: "no tables to write".into() });
    }
    let names = sheet_names(&tables.iter().map(Table::title).collect::<Vec<_>>(), lang);
    let mut wb = Workbook::new();
    for (table, name) in tables.iter().zip(&names) {
        if table.columns().len() > 16_384 {
            return Err(Error::InvalidArgument {
                name: "tables",
                message: format!("table {:?} has more columns than Excel allows", table.title()),
            });
        }
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xlsx_error)?;
        write_sheet(ws, table, lang).map_err(xlsx_error)?;
    }
    wb.save_to_buffer().map_err(xlsx_error)
}

/// Write the tables as an `.xlsx` workbook (see [`xlsx_bytes`]).
///
/// # Errors
/// As [`xlsx_bytes`], and [`Error::Io`] naming `path`.
pub fn write_xlsx(path: &Path, tables: &[Table], lang: Language) -> Result<()> {
    let bytes = xlsx_bytes(tables, lang)?;
    write_atomic(path, |w| w.write_all(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let titles = [
            "Respons per provincie",
            "Respons per provincie",
            "RESPONS PER PROVINCIE",
            "Vraag 3a: [werving]*?/\\ en selectie van nieuwe medewerkers in 2025",
            "'quoted'",
            "",
            "History",
            "Een heel lange titel die veel langer is dan eenendertig tekens",
            "Een heel lange titel die veel langer is dan eenendertig tekens",
        ];
        let names = sheet_names(&titles, Language::Nl);
        assert_eq!(names[0], "Respons per provincie");
        assert_eq!(names[1], "Respons per provincie (2)");
        assert_eq!(names[2], "RESPONS PER PROVINCIE (3)");
        assert_eq!(names[3], "Vraag 3a werving en selectie va");
        assert_eq!(names[4], "quoted");
        assert_eq!(names[5], "Tabel 6");
        assert_eq!(names[6], "Tabel 7");
        assert_eq!(names[7], "Een heel lange titel die veel l");
        assert_eq!(names[8], "Een heel lange titel die ve (2)");
        for n in &names {
            assert!(utf16_len(n) <= 31 && !n.is_empty(), "{n}");
            assert!(!n.contains(FORBIDDEN), "{n}");
            assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
        }
        let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), names.len());
    }
}
