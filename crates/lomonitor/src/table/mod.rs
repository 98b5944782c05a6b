//! The one table model of the crate: a title, typed columns, rows of typed [`Cell`]s and
//! [`Notes`]. Every result becomes one (the converters live with the results, in
//! the report and analysis rooms above); every renderer (CSV, Markdown, HTML, XLSX, the
//! Python binding's `_repr_html_`, `to_dict` and `to_pandas`) reads one.
//!
//! Cells keep numbers as numbers (a percentage is `12.5`, not `"12,5%"`), so each renderer
//! formats them for its medium: text with [`format`](mod@format) for CSV, Markdown and HTML, real numbers with
//! a number format for XLSX. Ground floor: imports only the error type and [`crate::meta`].

pub mod columns;
pub mod format;

use crate::error::{Error, Result};
use crate::meta::Language;
use format::{check_finite, format_count, format_interval, format_number, format_p_value, format_percent};

/// The mark printed in place of a suppressed value.
pub const SUPPRESSED_MARK: &str = "•";

/// Horizontal alignment of a column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Left (text).
    #[default]
    Left,
    /// Centre.
    Center,
    /// Right (numbers).
    Right,
}

/// A column: header label and alignment. The number format is carried by each cell, since a
/// column may mix kinds (a "value" column with a mean, an n and a p-value).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Column {
    /// The header label.
    pub label: String,
    /// Horizontal alignment of the header and the cells.
    pub align: Align,
}

impl Column {
    /// A left-aligned text column.
    pub fn text(label: impl Into<String>) -> Self {
        Self { label: label.into(), align: Align::Left }
    }

    /// A right-aligned numeric column.
    pub fn numeric(label: impl Into<String>) -> Self {
        Self { label: label.into(), align: Align::Right }
    }
}

/// One cell of a [`Table`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cell {
    /// Text (a label).
    Text {
        /// The text.
        text: String,
    },
    /// A count, printed as a whole number (weighted counts are rounded).
    Count {
        /// The count.
        value: f64,
    },
    /// A percentage, `value` in percent (0–100).
    Percent {
        /// The percentage.
        value: f64,
        /// Decimals shown.
        decimals: u8,
    },
    /// Any other number.
    Number {
        /// The number.
        value: f64,
        /// Decimals shown.
        decimals: u8,
    },
    /// A p-value, printed with three decimals or as `< 0,001`.
    PValue {
        /// The p-value.
        value: f64,
    },
    /// A confidence interval.
    Interval {
        /// Lower bound.
        lower: f64,
        /// Upper bound.
        upper: f64,
        /// Decimals shown.
        decimals: u8,
        /// Whether the bounds are percentages (0–100).
        percent: bool,
    },
    /// Nothing to show (a statistic that does not apply).
    Empty,
    /// A value withheld by disclosure control; printed as [`SUPPRESSED_MARK`].
    Suppressed,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text { text: text.into() }
    }

    /// A count cell.
    pub fn count(value: f64) -> Self {
        Cell::Count { value }
    }

    /// A percentage cell (`value` in percent).
    pub fn percent(value: f64, decimals: u8) -> Self {
        Cell::Percent { value, decimals }
    }

    /// A number cell.
    pub fn number(value: f64, decimals: u8) -> Self {
        Cell::Number { value, decimals }
    }

    /// An interval cell.
    pub fn interval(lower: f64, upper: f64, decimals: u8, percent: bool) -> Self {
        Cell::Interval { lower, upper, decimals, percent }
    }

    /// A number cell, or [`Cell::Empty`] for `None`.
    pub fn opt_number(value: Option<f64>, decimals: u8) -> Self {
        value.map_or(Cell::Empty, |v| Cell::number(v, decimals))
    }

    /// A percentage cell, or [`Cell::Empty`] for `None`.
    pub fn opt_percent(value: Option<f64>, decimals: u8) -> Self {
        value.map_or(Cell::Empty, |v| Cell::percent(v, decimals))
    }

    /// Whether the cell holds a number (is right-aligned by nature).
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text { .. } | Cell::Empty)
    }

    /// The cell as display text in `lang` (`12,5%`, `1.234`, `•`, `""` for empty).
    pub fn display(&self, lang: Language) -> String {
        match self {
            Cell::Text { text } => text.clone(),
            Cell::Count { value } => format_count(*value, lang),
            Cell::Percent { value, decimals } => format_percent(*value, *decimals, lang),
            Cell::Number { value, decimals } => format_number(*value, *decimals, lang),
            Cell::PValue { value } => format_p_value(*value, lang),
            Cell::Interval { lower, upper, decimals, percent } => {
                format_interval(*lower, *upper, *decimals, *percent, lang)
            }
            Cell::Empty => String::new(),
            Cell::Suppressed => SUPPRESSED_MARK.to_owned(),
        }
    }

    fn check(&self) -> Result<()> {
        match self {
            Cell::Count { value }
            | Cell::Percent { value, .. }
            | Cell::Number { value, .. }
            | Cell::PValue { value } => check_finite("cell", *value),
            Cell::Interval { lower, upper, .. } => {
                check_finite("cell", *lower)?;
                check_finite("cell", *upper)
            }
            Cell::Text { .. } | Cell::Empty | Cell::Suppressed => Ok(()),
        }
    }
}

/// A row of a [`Table`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Whether this is a total row (set off in print).
    pub total: bool,
}

/// The notes under a table.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Notes {
    /// Number of observations the table is based on (a sum of weights when weighted).
    pub n: Option<f64>,
    /// Number of missing observations.
    pub missing: Option<f64>,
    /// How the figures were computed (interval method, test, ...).
    pub method: Option<String>,
    /// Explanation of the suppression mark; set by the converters when a cell is suppressed.
    pub suppression: Option<String>,
    /// Further notes, in order.
    pub other: Vec<String>,
}

impl Notes {
    /// The notes as lines of text in `lang`, e.g. `["n = 150; ontbrekend: 3", "Methode: Wilson"]`.
    pub fn lines(&self, lang: Language) -> Vec<String> {
        let mut out = Vec::new();
        let mut first = Vec::new();
        if let Some(n) = self.n {
            first.push(format!("n = {}", format_count(n, lang)));
        }
        if let Some(m) = self.missing {
            let word = match lang {
                Language::Nl => "ontbrekend",
                Language::En => "missing",
            };
            first.push(format!("{word}: {}", format_count(m, lang)));
        }
        if !first.is_empty() {
            out.push(first.join("; "));
        }
        if let Some(m) = &self.method {
            let word = match lang {
                Language::Nl => "Methode",
                Language::En => "Method",
            };
            out.push(format!("{word}: {m}"));
        }
        if let Some(s) = &self.suppression {
            out.push(s.clone());
        }
        out.extend(self.other.iter().cloned());
        out
    }
}

/// A table ready to render: title, columns, rows of typed cells and notes.
///
/// Built with [`Table::new`] and [`Table::push_row`], which check that every row has one cell per
/// column and that every number is finite, so a renderer never prints `NaN`.
///
/// ```
/// use lomonitor::Language;
/// use lomonitor::report::{Cell, Column, Table};
/// let mut t = Table::new("Opleidingsbudget", vec![Column::text("Antwoord"), Column::numeric("%")]);
/// t.push_row(vec![Cell::text("Ja"), Cell::percent(62.5, 1)])?;
/// assert_eq!(t.rows()[0].cells[1].display(Language::Nl), "62,5%");
/// # Ok::<(), lomonitor::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "RawTable")]
pub struct Table {
    title: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
    /// The notes under the table.
    pub notes: Notes,
}

#[derive(serde::Deserialize)]
struct RawTable {
    title: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
    #[serde(default)]
    notes: Notes,
}

impl TryFrom<RawTable> for Table {
    type Error = Error;
    fn try_from(raw: RawTable) -> Result<Self> {
        let mut t = Table::new(raw.title, raw.columns);
        t.notes = raw.notes;
        for row in raw.rows {
            t.push(row.cells, row.total)?;
        }
        Ok(t)
    }
}

impl Table {
    /// An empty table with these columns.
    pub fn new(title: impl Into<String>, columns: Vec<Column>) -> Self {
        Self { title: title.into(), columns, rows: Vec::new(), notes: Notes::default() }
    }

    /// The title (caption).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The columns.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Append a body row.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the row does not have one cell per column or holds a
    /// non-finite number.
    pub fn push_row(&mut self, cells: Vec<Cell>) -> Result<()> {
        self.push(cells, false)
    }

    /// Append a total row.
    ///
    /// # Errors
    /// As [`Table::push_row`].
    pub fn push_total_row(&mut self, cells: Vec<Cell>) -> Result<()> {
        self.push(cells, true)
    }

    fn push(&mut self, cells: Vec<Cell>, total: bool) -> Result<()> {
        if cells.len() != self.columns.len() {
            return Err(Error::InvalidArgument {
                name: "cells",
                message: format!(
                    "row {} of table {:?} has {} cells for {} columns",
                    self.rows.len() + 1,
                    self.title,
                    cells.len(),
                    self.columns.len()
                ),
            });
        }
        for c in &cells {
            c.check().map_err(|_| Error::InvalidArgument {
                name: "cells",
                message: format!("row {} of table {:?} holds a non-finite number", self.rows.len() + 1, self.title),
            })?;
        }
        self.rows.push(Row { cells, total });
        Ok(())
    }

    /// Whether any cell is suppressed.
    pub fn has_suppressed(&self) -> bool {
        self.rows.iter().any(|r| r.cells.iter().any(|c| matches!(c, Cell::Suppressed)))
    }

    /// The notes as lines of text in `lang` (see [`Notes::lines`]).
    pub fn note_lines(&self, lang: Language) -> Vec<String> {
        self.notes.lines(lang)
    }
}
