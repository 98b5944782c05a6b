//! Result tables crossing to Python: `to_dict()`, `to_pandas()` and `_repr_html_` of the core's
//! typed columns ([`lomonitor::table::columns`]); the binding keeps no table model of its own.
//! Everything rendered goes through the core: `_repr_html_` is [`lomonitor::report::html_table`]
//! of [`Columns::to_table`].

use lomonitor::Language;
pub use lomonitor::table::columns::{ColumnValues as Column, Columns as Table};
use lomonitor::table::{Cell, Column as CoreColumn, Table as CoreTable};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// The Python faces of [`Table`] (the core's typed columns).
pub trait ToPython {
    /// `dict[str, list]`, one list per column.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>>;
    /// A pandas DataFrame (pandas imported lazily).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// `_repr_html_`: the core's HTML table (figures as in English, with a decimal point, as
    /// Python prints them).
    fn to_html(&self, caption: &str) -> String;
}

impl ToPython for Table {
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
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

    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas")?;
        pd.call_method1("DataFrame", (self.to_dict(py)?,))
    }

    fn to_html(&self, caption: &str) -> String {
        lomonitor::report::html_table(&self.to_table(caption), Language::En)
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
