//! An Excel workbook of tables as a publication table book, written with `rust_xlsxwriter`:
//! a contents sheet with a link to every table, then one sheet per [`Table`] (see [`xlsx_book`]).
//!
//! Numbers stay numbers: a percentage `12.5` is stored as `0.125` with the number format `0.0%`,
//! a count with `#,##0`, and an interval as two numeric columns (lower and upper bound). Excel
//! number-format codes are locale-independent, so Dutch Excel shows `12,5%` and `1.234`, English
//! Excel `12.5%` and `1,234`. Labels are text in the chosen [`Language`]. Each sheet has the
//! numbered title in bold in A1 with a link back to the contents, a spanning header naming a
//! crosstab's column variable in row 2, the header (bold, ruled, frozen) in row 3, the data,
//! totals in bold, and the notes under the table; columns are sized to their contents, so a
//! range pastes into Word as a tidy table.

use std::path::Path;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

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

/// `s` cut to at most `max` UTF-16 units, at the last space when that keeps at least half of
/// it (so a sheet name does not end mid-word), else mid-word.
fn cut_at_word(s: &str, max: usize) -> String {
    if utf16_len(s) <= max {
        return s.to_owned();
    }
    let hard = truncate_utf16(s, max);
    // The character after the cut: when it is a space, the cut is at a word boundary already.
    let next = s.get(hard.len()..).and_then(|r| r.chars().next());
    if next.is_some_and(char::is_whitespace) {
        return hard;
    }
    match hard.rfind(' ') {
        Some(i) if i >= max / 2 => hard.get(..i).unwrap_or(&hard).trim_end().to_owned(),
        _ => hard,
    }
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
    let cut = cut_at_word(trimmed, SHEET_NAME_MAX);
    let cut = cut.trim_end_matches(|c: char| c == '\'' || c.is_whitespace()).to_owned();
    // "History" is reserved by Excel (case-insensitive).
    if cut.is_empty() || cut.eq_ignore_ascii_case("history") { fallback.to_owned() } else { cut }
}

/// Valid and unique Excel sheet names for these titles: the characters `[]:*?/\` replaced by
/// spaces, no leading or trailing apostrophe, at most 31 characters (UTF-16 units, as Excel
/// counts; a longer title is cut at a word boundary where one lies in the second half), not `History`, and unique without regard to case (Excel's rule) by a suffix ` (2)`,
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
            let stem = cut_at_word(&base, SHEET_NAME_MAX - utf16_len(&suffix));
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

/// Excel's limit on the characters of a cell.
pub const CELL_MAX: usize = 32_767;

/// Text capped at [`CELL_MAX`] UTF-16 units (with an ellipsis), with a warning when cut.
fn capped(text: &str, what: &str, warnings: &mut Vec<String>) -> String {
    if utf16_len(text) <= CELL_MAX {
        return text.to_owned();
    }
    warnings
        .push(format!("{what}: a text of {} characters was cut to Excel's limit of {CELL_MAX}", text.chars().count()));
    let mut t = truncate_utf16(text, CELL_MAX - 1);
    t.push('…');
    t
}

/// One column of a sheet: a table column, or one bound of an interval column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Lower,
    Upper,
}

/// The columns of the sheet: an interval column becomes two numeric columns (lower, upper).
fn sheet_columns(table: &Table) -> Vec<(usize, Part)> {
    let mut out = Vec::new();
    for j in 0..table.columns().len() {
        let interval = table.rows().iter().any(|r| matches!(r.cells.get(j), Some(Cell::Interval { .. })));
        if interval {
            out.push((j, Part::Lower));
            out.push((j, Part::Upper));
        } else {
            out.push((j, Part::Whole));
        }
    }
    out
}

/// The variable of a crosstab's columns, from its title `row item × column variable`.
fn column_variable(table: &Table) -> Option<String> {
    let (_, by) = table.title().rsplit_once(" × ")?;
    let by = by.trim();
    let mut c = by.chars();
    let first = c.next()?;
    Some(first.to_uppercase().chain(c).collect())
}

#[allow(clippy::too_many_lines)]
fn write_sheet(
    ws: &mut Worksheet,
    table: &Table,
    number: usize,
    contents: &str,
    lang: Language,
    warnings: &mut Vec<String>,
) -> std::result::Result<(), XlsxError> {
    let what = format!("table {number}");
    let title_fmt = Format::new().set_bold().set_font_size(12);
    let word = match lang {
        Language::Nl => "Tabel",
        Language::En => "Table",
    };
    let title = capped(&format!("{word} {number}. {}", table.title()), &what, warnings);
    ws.write_string_with_format(0, 0, title, &title_fmt)?;
    let back = match lang {
        Language::Nl => "← Inhoud",
        Language::En => "← Contents",
    };
    let cols = sheet_columns(table);
    let ncols = cols.len();
    let link_col = col_num(ncols.max(2));
    ws.write_url_with_text(0, link_col, format!("internal:'{contents}'!A1").as_str(), back)?;
    // Row 1: the spanning header naming the column variable of a crosstab; row 2: the header.
    let span_row = 1u32;
    let header_row = 2u32;
    let (lower, upper) = match lang {
        Language::Nl => ("ondergrens", "bovengrens"),
        Language::En => ("lower", "upper"),
    };
    let mut widths: Vec<usize> = Vec::with_capacity(ncols);
    for (k, (j, part)) in cols.iter().enumerate() {
        let Some(col) = table.columns().get(*j) else { continue };
        let label = match part {
            Part::Whole => col.label.clone(),
            Part::Lower => format!("{} {lower}", col.label),
            Part::Upper => format!("{} {upper}", col.label),
        };
        let f = Format::new()
            .set_bold()
            .set_align(align(if *part == Part::Whole { col.align } else { Align::Right }))
            .set_border_top(FormatBorder::Medium)
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        widths.push(label.chars().count().min(30));
        ws.write_string_with_format(header_row, col_num(k), capped(&label, &what, warnings), &f)?;
    }
    if let (Some(var), true) = (column_variable(table), ncols > 2) {
        let f = Format::new().set_bold().set_align(FormatAlign::Center).set_border_bottom(FormatBorder::Thin);
        ws.merge_range(span_row, 1, span_row, col_num(ncols - 1), &capped(&var, &what, warnings), &f)?;
    }
    let n_rows = table.rows().len();
    for (i, row) in table.rows().iter().enumerate() {
        let r = header_row + 1 + u32::try_from(i).unwrap_or(u32::MAX - 1);
        let last = i + 1 == n_rows;
        for (k, (j, part)) in cols.iter().enumerate() {
            let (Some(cell), Some(col)) = (row.cells.get(*j), table.columns().get(*j)) else { continue };
            let mut f = Format::new().set_align(align(if cell.is_numeric() { Align::Right } else { col.align }));
            if row.total {
                f = f.set_bold().set_border_top(FormatBorder::Thin);
            }
            if last {
                f = f.set_border_bottom(FormatBorder::Medium);
            }
            let c = col_num(k);
            match (cell, part) {
                (Cell::Interval { lower, upper, decimals, percent }, Part::Lower | Part::Upper) => {
                    let v = if *part == Part::Lower { *lower } else { *upper };
                    let code = decimals_code(*decimals);
                    if *percent {
                        ws.write_number_with_format(r, c, v / 100.0, &f.set_num_format(format!("{code}%")))?;
                    } else {
                        ws.write_number_with_format(r, c, v, &f.set_num_format(format!("#,##{code}")))?;
                    }
                }
                (_, Part::Lower | Part::Upper) => {
                    ws.write_blank(r, c, &f)?;
                }
                (Cell::Count { value } | Cell::Number { value, .. } | Cell::PValue { value }, Part::Whole) => {
                    let f = number_format(cell).map_or(f.clone(), |code| f.clone().set_num_format(code));
                    ws.write_number_with_format(r, c, *value, &f)?;
                }
                (Cell::Percent { value, .. }, Part::Whole) => {
                    let f = number_format(cell).map_or(f.clone(), |code| f.clone().set_num_format(code));
                    ws.write_number_with_format(r, c, *value / 100.0, &f)?;
                }
                (Cell::Empty, Part::Whole) => {
                    ws.write_blank(r, c, &f)?;
                }
                (Cell::Suppressed, Part::Whole) => {
                    ws.write_string_with_format(r, c, SUPPRESSED_MARK, &f)?;
                }
                (Cell::Text { .. } | Cell::Interval { .. }, Part::Whole) => {
                    ws.write_string_with_format(r, c, capped(&cell.display(lang), &what, warnings), &f)?;
                }
            }
            if let Some(w) = widths.get_mut(k) {
                let shown = if *part == Part::Whole { cell.display(lang).chars().count() } else { 8 };
                *w = (*w).max(shown);
            }
        }
    }
    let note_fmt = Format::new().set_italic().set_font_size(9);
    let first_note = header_row + 2 + u32::try_from(n_rows).unwrap_or(u32::MAX - 2);
    for (r, line) in (first_note..).zip(table.note_lines(lang)) {
        ws.write_string_with_format(r, 0, capped(&line, &what, warnings), &note_fmt)?;
    }
    for (j, w) in widths.iter().enumerate() {
        // Headers wrap, so a long header does not need the full width.
        let width = (*w as f64 * 1.1 + 2.0).clamp(6.0, 50.0);
        ws.set_column_width(col_num(j), width)?;
    }
    // The header stays in view; print on A4, landscape when wide, one page wide, the header
    // repeated on every page.
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_paper_size(9);
    let total_width: usize = widths.iter().map(|w| w + 2).sum();
    if ncols > 6 || total_width > 90 {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, header_row)?;
    Ok(())
}

fn col_num(j: usize) -> u16 {
    u16::try_from(j).unwrap_or(u16::MAX)
}

/// The workbook as bytes (see [`xlsx_book`]).
///
/// # Errors
/// As [`xlsx_book`].
pub fn xlsx_bytes(tables: &[Table], lang: Language) -> Result<Vec<u8>> {
    xlsx_book(tables, lang).map(|(bytes, _)| bytes)
}

/// The workbook as a publication table book, with a warning for each text cut to Excel's cell
/// limit of 32,767 characters (cut rather than failing the book):
/// - a contents sheet (`Inhoud` / `Contents`) listing every table by number and title, each a
///   link to its sheet, which links back;
/// - one sheet per table, named by [`sheet_names`] from `n title` (readable, unique, at most 31
///   characters), titled `Tabel n. title` (the number the Word report gives it);
/// - the header frozen; for a crosstab (`row item × column variable`) a spanning header naming
///   the column variable; each interval column as two numeric columns (lower and upper bound);
/// - print setup: A4, landscape for wide tables, one page wide, the header on every page;
/// - a fixed creation date (2000-01-01), so the same tables give the same file.
///
/// # Errors
/// [`Error::InvalidArgument`] when `tables` is empty or a table exceeds Excel's limits
/// (16,384 columns).
pub fn xlsx_book(tables: &[Table], lang: Language) -> Result<(Vec<u8>, Vec<String>)> {
    if tables.is_empty() {
        return Err(Error::InvalidArgument { name: "tables", message: "no tables to write".into() });
    }
    let (contents_name, contents_title, nr, table_word, sheet_word) = match lang {
        Language::Nl => ("Inhoud", "Tabellen", "Nr.", "Tabel", "Blad"),
        Language::En => ("Contents", "Tables", "No.", "Table", "Sheet"),
    };
    let mut titles: Vec<String> = vec![contents_name.to_owned()];
    titles.extend(tables.iter().enumerate().map(|(i, t)| format!("{} {}", i + 1, t.title())));
    let names = sheet_names(&titles, lang);
    let mut warnings = Vec::new();
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let e = xlsx_error;
    {
        let ws = wb.add_worksheet();
        ws.set_name(contents_name).map_err(e)?;
        let bold = Format::new().set_bold();
        ws.write_string_with_format(0, 0, contents_title, &Format::new().set_bold().set_font_size(14)).map_err(e)?;
        let head = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
        ws.write_string_with_format(2, 0, nr, &head).map_err(e)?;
        ws.write_string_with_format(2, 1, table_word, &head).map_err(e)?;
        ws.write_string_with_format(2, 2, sheet_word, &head).map_err(e)?;
        for (i, (table, name)) in tables.iter().zip(names.iter().skip(1)).enumerate() {
            let r = 3 + u32::try_from(i).unwrap_or(u32::MAX - 4);
            ws.write_number(r, 0, (i + 1) as f64).map_err(e)?;
            let text = capped(table.title(), &format!("table {}", i + 1), &mut warnings);
            let url = format!("internal:'{}'!A1", name.replace('\'', "''"));
            ws.write_url_with_text(r, 1, url.as_str(), text.as_str()).map_err(e)?;
            ws.write_string(r, 2, name).map_err(e)?;
        }
        let _ = bold;
        ws.set_column_width(0, 6).map_err(e)?;
        ws.set_column_width(1, 80).map_err(e)?;
        ws.set_column_width(2, 34).map_err(e)?;
        ws.set_freeze_panes(3, 0).map_err(e)?;
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
    }
    for (i, (table, name)) in tables.iter().zip(names.iter().skip(1)).enumerate() {
        if table.columns().len() > 8_000 {
            return Err(Error::InvalidArgument {
                name: "tables",
                message: format!("table {:?} has more columns than Excel allows", table.title()),
            });
        }
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xlsx_error)?;
        write_sheet(ws, table, i + 1, &contents_name.replace('\'', "''"), lang, &mut warnings).map_err(xlsx_error)?;
    }
    let bytes = wb.save_to_buffer().map_err(xlsx_error)?;
    Ok((bytes, warnings))
}

/// Write the tables as an `.xlsx` workbook (see [`xlsx_book`]).
///
/// # Errors
/// As [`xlsx_book`], and [`Error::Io`] naming `path`.
pub fn write_xlsx(path: &Path, tables: &[Table], lang: Language) -> Result<()> {
    write_xlsx_book(path, tables, lang).map(|_| ())
}

/// As [`write_xlsx`], returning the warnings of [`xlsx_book`].
///
/// # Errors
/// As [`write_xlsx`].
pub fn write_xlsx_book(path: &Path, tables: &[Table], lang: Language) -> Result<Vec<String>> {
    let (bytes, warnings) = xlsx_book(tables, lang)?;
    write_atomic(path, |w| w.write_all(&bytes))?;
    Ok(warnings)
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
        assert_eq!(names[3], "Vraag 3a werving en selectie");
        assert_eq!(names[4], "quoted");
        assert_eq!(names[5], "Tabel 6");
        assert_eq!(names[6], "Tabel 7");
        assert_eq!(names[7], "Een heel lange titel die veel");
        assert_eq!(names[8], "Een heel lange titel die (2)");
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
