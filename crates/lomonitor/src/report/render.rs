//! Text renderers of a [`Table`]: CSV, Markdown and HTML.
//!
//! Every `write_*` function writes through [`crate::io::write_atomic`], so a crash never leaves a
//! half-written file.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::Result;
use crate::io::write_atomic;
use crate::meta::Language;
use crate::report::table::{Align, Cell, SUPPRESSED_MARK, Table};
use crate::table::format::format_plain;

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// The UTF-8 byte-order mark that makes Excel read a CSV file as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// The CSV delimiter of a language: `;` for Dutch (the list separator of Dutch Excel, needed
/// because the comma is the decimal separator), `,` for English.
pub fn csv_delimiter(lang: Language) -> char {
    match lang {
        Language::Nl => ';',
        Language::En => ',',
    }
}

pub use crate::cells::neutralise_formula;

fn csv_field(text: &str, _delimiter: char) -> String {
    crate::cells::spreadsheet_field(text).into_owned()
}

/// A cell as CSV text: numbers plain (no thousands separator, the language's decimal separator,
/// no per-cent sign, full precision of the display decimals) so that a spreadsheet reads them as
/// numbers; text neutralised with [`neutralise_formula`].
fn csv_cell(cell: &Cell, lang: Language) -> String {
    match cell {
        Cell::Text { text } => neutralise_formula(text),
        Cell::Count { value } => format_plain(*value, 0, lang),
        Cell::Percent { value, decimals } | Cell::Number { value, decimals } => format_plain(*value, *decimals, lang),
        Cell::PValue { value } => format_plain(*value, 4, lang),
        Cell::Interval { .. } | Cell::Empty => cell.display(lang),
        Cell::Suppressed => SUPPRESSED_MARK.to_owned(),
    }
}

/// What a CSV file holds besides the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvLayout {
    /// The header row and the data rows only: a rectangle that any CSV reader takes.
    #[default]
    Data,
    /// The title as the first line and the notes (n, method, the meaning of the suppression
    /// mark) after an empty line, for a person opening the file in Excel.
    WithTitleAndNotes,
}

/// The table as CSV text (without the byte-order mark), laid out as `layout` says. Numbers are
/// plain (no thousands separator, the language's decimal separator, no per-cent sign: `12,5`
/// with the header saying `%`) so a spreadsheet reads them as numbers; text cells are
/// neutralised with [`neutralise_formula`]. Lines end in CRLF (RFC 4180).
pub fn csv_string(table: &Table, lang: Language, layout: CsvLayout) -> String {
    let d = csv_delimiter(lang);
    let sep = d.to_string();
    let with_extras = layout == CsvLayout::WithTitleAndNotes;
    let mut out = String::new();
    let line = |fields: Vec<String>| fields.iter().map(|f| csv_field(f, d)).collect::<Vec<_>>().join(&sep) + "\r\n";
    if with_extras {
        out.push_str(&line(vec![neutralise_formula(table.title())]));
    }
    out.push_str(&line(table.columns().iter().map(|c| neutralise_formula(&c.label)).collect()));
    for row in table.rows() {
        out.push_str(&line(row.cells.iter().map(|c| csv_cell(c, lang)).collect()));
    }
    if with_extras {
        let notes = table.note_lines(lang);
        if !notes.is_empty() {
            out.push_str("\r\n");
            for n in notes {
                out.push_str(&line(vec![neutralise_formula(&n)]));
            }
        }
    }
    out
}

/// Write the table as a CSV file: UTF-8 with a byte-order mark (so Excel reads it as UTF-8),
/// Dutch `;` and decimal comma or English `,` and decimal point (see [`csv_string`]).
///
/// # Errors
/// [`crate::Error::Io`] naming `path`.
pub fn write_csv(path: &Path, table: &Table, lang: Language, layout: CsvLayout) -> Result<()> {
    let text = csv_string(table, lang, layout);
    write_atomic(path, |w| {
        w.write_all(UTF8_BOM.as_bytes())?;
        w.write_all(text.as_bytes())
    })
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The table as GitHub-flavoured Markdown: the title in bold, a pipe table with alignment
/// markers (numbers right-aligned), total rows in bold, the notes as lines under it.
pub fn markdown_string(table: &Table, lang: Language) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", md_escape(table.title()));
    let header: Vec<String> = table.columns().iter().map(|c| md_escape(&c.label)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let marks: Vec<&str> = table
        .columns()
        .iter()
        .map(|c| match c.align {
            Align::Left => ":---",
            Align::Center => ":---:",
            Align::Right => "---:",
        })
        .collect();
    let _ = writeln!(out, "| {} |", marks.join(" | "));
    for row in table.rows() {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                let t = md_escape(&c.display(lang));
                if row.total && !t.is_empty() { format!("**{t}**") } else { t }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let notes = table.note_lines(lang);
    if !notes.is_empty() {
        out.push('\n');
        let lines: Vec<String> = notes.iter().map(|n| format!("*{}*", md_escape(n))).collect();
        out.push_str(&lines.join("  \n"));
        out.push('\n');
    }
    out
}

/// Write tables as one Markdown file, separated by blank lines.
///
/// # Errors
/// [`crate::Error::Io`] naming `path`.
pub fn write_markdown(path: &Path, tables: &[Table], lang: Language) -> Result<()> {
    let text = tables.iter().map(|t| markdown_string(t, lang)).collect::<Vec<_>>().join("\n");
    write_atomic(path, |w| w.write_all(text.as_bytes()))
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// Escape text for HTML element content and attribute values (and remove the characters XML 1.0
/// does not allow, so inline SVG and XHTML stay well-formed): [`crate::xml::escape`].
pub fn html_escape(text: &str) -> String {
    crate::xml::escape(text)
}

fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "lm-left",
        Align::Center => "lm-center",
        Align::Right => "lm-right",
    }
}

fn cell_class(c: &Cell) -> &'static str {
    match c {
        Cell::Text { .. } => "lm-text",
        Cell::Count { .. } => "lm-num lm-count",
        Cell::Percent { .. } => "lm-num lm-percent",
        Cell::Number { .. } | Cell::PValue { .. } => "lm-num",
        Cell::Interval { .. } => "lm-num lm-interval",
        Cell::Empty => "lm-empty",
        Cell::Suppressed => "lm-suppressed",
    }
}

/// The table as a semantic HTML `<table class="lm-table">`: a `<caption>` with the title, a
/// `<thead>` of `<th scope="col">`, a `<tbody>` whose first cell is a `<th scope="row">`, total
/// rows with class `lm-total`, and the notes in a `<tfoot>`. Every text is escaped; a suppressed
/// cell carries a `title` with the explanation. Style it with [`HTML_CSS`].
pub fn html_table(table: &Table, lang: Language) -> String {
    let mut out = String::from("<table class=\"lm-table\">\n");
    let _ = writeln!(out, "<caption>{}</caption>", html_escape(table.title()));
    out.push_str("<thead><tr>");
    for c in table.columns() {
        let _ = write!(out, "<th scope=\"col\" class=\"{}\">{}</th>", align_class(c.align), html_escape(&c.label));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let supp_title = table.notes.suppression.clone().unwrap_or_default();
    for row in table.rows() {
        out.push_str(if row.total { "<tr class=\"lm-total\">" } else { "<tr>" });
        for (i, (cell, col)) in row.cells.iter().zip(table.columns()).enumerate() {
            let tag = if i == 0 && matches!(cell, Cell::Text { .. }) { "th" } else { "td" };
            let scope = if tag == "th" { " scope=\"row\"" } else { "" };
            let title = if matches!(cell, Cell::Suppressed) && !supp_title.is_empty() {
                format!(" title=\"{}\"", html_escape(&supp_title))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<{tag}{scope} class=\"{} {}\"{title}>{}</{tag}>",
                align_class(col.align),
                cell_class(cell),
                html_escape(&cell.display(lang))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
    let notes = table.note_lines(lang);
    if !notes.is_empty() {
        let _ = write!(out, "<tfoot><tr><td colspan=\"{}\" class=\"lm-notes\">", table.columns().len().max(1));
        let lines: Vec<String> = notes.iter().map(|n| html_escape(n)).collect();
        out.push_str(&lines.join("<br/>"));
        out.push_str("</td></tr></tfoot>\n");
    }
    out.push_str("</table>\n");
    out
}

/// A style sheet for [`html_table`]: thin rules as in print tables, tabular figures, right-aligned
/// numbers, bold totals, small notes.
pub const HTML_CSS: &str = "\
.lm-table{border-collapse:collapse;margin:1.5em 0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:0.95rem;font-variant-numeric:tabular-nums}
.lm-table caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:0.4em}
.lm-table th,.lm-table td{padding:0.25em 0.75em;vertical-align:top}
.lm-table thead th{border-top:2px solid #222;border-bottom:1px solid #222;font-weight:600}
.lm-table tbody th{font-weight:normal}
.lm-table tbody tr:last-child th,.lm-table tbody tr:last-child td{border-bottom:2px solid #222}
.lm-table .lm-left{text-align:left}.lm-table .lm-center{text-align:center}.lm-table .lm-right{text-align:right}
.lm-table .lm-interval{white-space:nowrap;color:#444}
.lm-table .lm-suppressed{color:#666}
.lm-table tr.lm-total th,.lm-table tr.lm-total td{font-weight:600;border-top:1px solid #222}
.lm-table .lm-notes{font-size:0.85em;color:#333;padding-top:0.5em;text-align:left}
";

/// A complete HTML page (`lang` set, UTF-8, [`HTML_CSS`] inline) holding the tables.
pub fn html_page(title: &str, tables: &[Table], lang: Language) -> String {
    let code = match lang {
        Language::Nl => "nl",
        Language::En => "en",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\nbody{{max-width:60rem;margin:2rem auto;padding:0 1rem;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#111}}\n{HTML_CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        html_escape(title),
        html_escape(title)
    );
    for t in tables {
        out.push_str(&html_table(t, lang));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Write [`html_page`] to `path`.
///
/// # Errors
/// [`crate::Error::Io`] naming `path`.
pub fn write_html(path: &Path, title: &str, tables: &[Table], lang: Language) -> Result<()> {
    let text = html_page(title, tables, lang);
    write_atomic(path, |w| w.write_all(text.as_bytes()))
}
