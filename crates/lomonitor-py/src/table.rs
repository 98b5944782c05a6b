//! Result tables crossing to Python: `to_dict()`, `to_pandas()` and `_repr_html_`.
//!
//! The conversion layer of the binding, not a table model: a result's columns keep their Python
//! types here (whole numbers, yes/no, `None`), because `to_dict()`/`to_pandas()` promise them
//! (a DataFrame's `degenerate` column is `bool`, its `n` column `int64`); the core's
//! [`lomonitor::table::Table`] has number, count, text and empty cells only. Everything that is
//! rendered goes through the core: [`Table::to_core`] builds the core table and
//! `_repr_html_` is [`lomonitor::report::html_table`] of it.

use lomonitor::Language;
use lomonitor::table::{Cell, Column as CoreColumn, Table as CoreTable};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// One column of a small result table.
pub enum Column {
    /// Text.
    Str(Vec<String>),
    /// Whole numbers.
    Int(Vec<u64>),
    /// Real numbers.
    Float(Vec<f64>),
    /// Real numbers that may be absent (`None` in Python, empty in HTML).
    OptFloat(Vec<Option<f64>>),
    /// Text that may be absent.
    OptStr(Vec<Option<String>>),
    /// Yes/no.
    Bool(Vec<bool>),
    /// Whole numbers that may be absent (codes; `None` in Python).
    OptInt(Vec<Option<i64>>),
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Str(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::OptFloat(v) => v.len(),
            Column::OptStr(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::OptInt(v) => v.len(),
        }
    }

    /// The first `n` entries.
    pub fn head(self, n: usize) -> Column {
        match self {
            Column::Str(v) => Column::Str(v.into_iter().take(n).collect()),
            Column::Int(v) => Column::Int(v.into_iter().take(n).collect()),
            Column::Float(v) => Column::Float(v.into_iter().take(n).collect()),
            Column::OptFloat(v) => Column::OptFloat(v.into_iter().take(n).collect()),
            Column::OptStr(v) => Column::OptStr(v.into_iter().take(n).collect()),
            Column::Bool(v) => Column::Bool(v.into_iter().take(n).collect()),
            Column::OptInt(v) => Column::OptInt(v.into_iter().take(n).collect()),
        }
    }

    /// Whether the column holds numbers (right-aligned in print).
    fn is_numeric(&self) -> bool {
        matches!(self, Column::Int(_) | Column::Float(_) | Column::OptFloat(_) | Column::OptInt(_))
    }

    /// Entry `i` as a core cell: numbers with four decimals, whole numbers as counts, absent or
    /// non-finite values empty, yes/no as text.
    fn core_cell(&self, i: usize) -> Cell {
        let number = |x: f64| if x.is_finite() { Cell::number(x, 4) } else { Cell::Empty };
        let cell = match self {
            Column::Str(v) => v.get(i).map(Cell::text),
            Column::Int(v) => v.get(i).map(|x| Cell::count(*x as f64)),
            Column::Float(v) => v.get(i).map(|x| number(*x)),
            Column::OptFloat(v) => v.get(i).copied().flatten().map(number),
            Column::OptStr(v) => v.get(i).cloned().flatten().map(Cell::text),
            Column::Bool(v) => v.get(i).map(|b| Cell::text(if *b { "yes" } else { "no" })),
            Column::OptInt(v) => v.get(i).copied().flatten().map(|x| Cell::count(x as f64)),
        };
        cell.unwrap_or(Cell::Empty)
    }
}

/// A small named-column table.
pub struct Table {
    /// Column names and data.
    pub columns: Vec<(&'static str, Column)>,
}

impl Table {
    /// `dict[str, list]`, one list per column.
    pub fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, col) in &self.columns {
            let list = match col {
                Column::Str(v) => PyList::new(py, v)?,
                Column::Int(v) => PyList::new(py, v)?,
                Column::Float(v) => PyList::new(py, v)?,
                Column::OptFloat(v) => PyList::new(py, v)?,
                Column::OptStr(v) => PyList::new(py, v)?,
                Column::Bool(v) => PyList::new(py, v)?,
                Column::OptInt(v) => PyList::new(py, v)?,
            };
            d.set_item(*name, list)?;
        }
        Ok(d)
    }

    /// A pandas DataFrame (pandas imported lazily).
    pub fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas")?;
        pd.call_method1("DataFrame", (self.to_dict(py)?,))
    }

    /// The core table: `title`, one column per entry, one row per index.
    pub fn to_core(&self, title: &str) -> CoreTable {
        let columns = self
            .columns
            .iter()
            .map(|(name, c)| if c.is_numeric() { CoreColumn::numeric(*name) } else { CoreColumn::text(*name) })
            .collect();
        let mut t = CoreTable::new(title, columns);
        let rows = self.columns.first().map_or(0, |(_, c)| c.len());
        for i in 0..rows {
            // every cell is finite or empty and there is one per column, so this cannot fail
            let _ = t.push_row(self.columns.iter().map(|(_, c)| c.core_cell(i)).collect());
        }
        t
    }

    /// `_repr_html_`: the core's HTML table of [`Table::to_core`] (figures as in English, with a
    /// decimal point, as Python prints them).
    pub fn to_html(&self, caption: &str) -> String {
        lomonitor::report::html_table(&self.to_core(caption), Language::En)
    }
}

/// A cross table with labelled rows and columns (`cells[row][col]`, already formatted) as the
/// core's HTML table: the first column holds the row labels under `corner`.
pub fn matrix_html(
    caption: &str,
    corner: &str,
    row_labels: &[String],
    col_labels: &[String],
    cells: &[Vec<String>],
) -> String {
    let mut columns = vec![CoreColumn::text(corner)];
    columns.extend(col_labels.iter().map(|c| CoreColumn::numeric(c.as_str())));
    let mut t = CoreTable::new(caption, columns);
    for (label, row) in row_labels.iter().zip(cells) {
        let mut r = vec![Cell::text(label.as_str())];
        r.extend(row.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::text(c.as_str()) }));
        r.resize(col_labels.len() + 1, Cell::Empty);
        let _ = t.push_row(r);
    }
    lomonitor::report::html_table(&t, Language::En)
}
