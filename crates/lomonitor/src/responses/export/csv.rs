//! Exporting a response set to wide CSV in lomonitor's own layout (what [`crate::responses::import_csv`]
//! reads back exactly).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::instrument::columns::column_names;
use crate::instrument::{NOT_ASKED, Questionnaire, UNANSWERED};
use crate::responses::values::neutralise;
use crate::responses::{ANSWERED, ItemData, MISSING_BASE, ResponseSet};

/// How the CSV is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvStyle {
    /// `,` delimiter, decimal point, UTF-8 without BOM.
    #[default]
    Standard,
    /// What Dutch Excel opens directly: `;` delimiter, decimal comma, UTF-8 with BOM.
    DutchExcel,
}

crate::options::named_options!(CsvStyle, arg = "style", what = "CSV style", {
    Standard => "standard",
    DutchExcel => "dutch_excel",
});

/// Write a response set as wide CSV.
///
/// Cells: a code or value; empty for "seen but unanswered"; `NA` for "not asked". Text that a
/// spreadsheet would run as a formula (`=HYPERLINK(...)`) is written with a leading apostrophe.
///
/// # Errors
/// [`Error::InvalidArgument`] when the set does not belong to `q`; [`Error::Io`] on write errors.
pub fn write_csv<W: Write>(out: W, set: &ResponseSet, q: &Questionnaire, style: CsvStyle) -> Result<()> {
    set.check(q)?;
    let mut out = out;
    let delimiter = match style {
        CsvStyle::Standard => b',',
        CsvStyle::DutchExcel => {
            out.write_all(b"\xEF\xBB\xBF").map_err(|e| Error::io("<csv>", e))?;
            b';'
        }
    };
    let num = |v: f64| {
        let s = v.to_string();
        if style == CsvStyle::DutchExcel { s.replace('.', ",") } else { s }
    };
    let mut w = crate::cells::SpreadsheetCsv::new(out, delimiter);
    let io = |e: csv::Error| Error::io("<csv>", std::io::Error::other(e));
    w.write_record(column_names(q)).map_err(io)?;
    let mut row: Vec<String> = Vec::new();
    for r in 0..set.len() {
        row.clear();
        row.push(neutralise(set.respondent_id.get(r).map_or("", String::as_str)).into_owned());
        row.push(set.unit.get(r).map(ToString::to_string).unwrap_or_default());
        row.push(set.status.get(r).map_or("", |s| s.as_str()).to_owned());
        for t in [set.started.get(r), set.submitted.get(r)] {
            row.push(t.copied().flatten().map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default());
        }
        row.push(set.instrument_version.clone());
        for (item, data) in q.items.iter().zip(&set.items) {
            let n_options = item.options().len();
            let missing_code = |state: u8| {
                state
                    .checked_sub(MISSING_BASE)
                    .and_then(|m| item.missing.get(usize::from(m)))
                    .map(|m| m.code.to_string())
            };
            let marker = |state: u8| match state {
                NOT_ASKED => "NA".to_owned(),
                UNANSWERED => String::new(),
                s => missing_code(s).unwrap_or_default(),
            };
            match data {
                ItemData::Coded { levels, other_text } => {
                    let l = levels.get(r).copied().unwrap_or(NOT_ASKED);
                    row.push(match l {
                        NOT_ASKED => "NA".to_owned(),
                        UNANSWERED => String::new(),
                        l => item.code_of(l).map(|c| c.to_string()).unwrap_or_default(),
                    });
                    if let Some(t) = other_text {
                        row.push(neutralise(t.get(r).map_or("", String::as_str)).into_owned());
                    }
                }
                ItemData::Multiple { state, selected, other_text } => {
                    let s = state.get(r).copied().unwrap_or(NOT_ASKED);
                    for col in selected {
                        row.push(match s {
                            ANSWERED => col.get(r).copied().unwrap_or(0).to_string(),
                            NOT_ASKED => "NA".to_owned(),
                            _ => String::new(),
                        });
                    }
                    if let Some(t) = other_text {
                        row.push(neutralise(t.get(r).map_or("", String::as_str)).into_owned());
                    }
                    if !item.missing.is_empty() {
                        row.push(if s == ANSWERED { String::new() } else { marker(s) });
                    }
                }
                ItemData::Numeric { state, values } => {
                    let s = state.get(r).copied().unwrap_or(NOT_ASKED);
                    row.push(if s == ANSWERED { num(values.get(r).copied().unwrap_or(0.0)) } else { marker(s) });
                }
                ItemData::Ranking { state, ranks } => {
                    let s = state.get(r).copied().unwrap_or(NOT_ASKED);
                    for col in ranks.iter().take(n_options) {
                        row.push(match (s, col.get(r).copied().unwrap_or(0)) {
                            (ANSWERED, 0) => String::new(),
                            (ANSWERED, k) => k.to_string(),
                            (NOT_ASKED, _) => "NA".to_owned(),
                            _ => String::new(),
                        });
                    }
                    if !item.missing.is_empty() {
                        row.push(if s == ANSWERED { String::new() } else { marker(s) });
                    }
                }
                ItemData::Open { state, text } => {
                    let s = state.get(r).copied().unwrap_or(NOT_ASKED);
                    row.push(if s == ANSWERED {
                        neutralise(text.get(r).map_or("", String::as_str)).into_owned()
                    } else {
                        marker(s)
                    });
                }
            }
        }
        w.write_record(&row).map_err(io)?;
    }
    w.flush().map_err(|e| Error::io("<csv>", e))
}

/// Write a response set to a file, atomically: the rows stream into a temporary file beside
/// `path` that replaces it only when complete (see [`crate::io::write_atomic`]).
///
/// # Errors
/// As [`write_csv`], with the path in I/O errors.
pub fn export_csv(path: &Path, set: &ResponseSet, q: &Questionnaire, style: CsvStyle) -> Result<()> {
    set.check(q)?;
    crate::io::write_atomic(path, |w| write_csv(w, set, q, style).map_err(std::io::Error::other))
}
