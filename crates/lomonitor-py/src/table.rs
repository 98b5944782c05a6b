//! Column tables crossing to Python: `to_dict()`, `to_pandas()` and `_repr_html_`.

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

    fn cell(&self, i: usize) -> String {
        match self {
            Column::Str(v) => v.get(i).cloned().unwrap_or_default(),
            Column::Int(v) => v.get(i).map(u64::to_string).unwrap_or_default(),
            Column::Float(v) => v.get(i).map(|x| format!("{x:.4}")).unwrap_or_default(),
            Column::OptFloat(v) => v.get(i).copied().flatten().map(|x| format!("{x:.4}")).unwrap_or_default(),
            Column::OptStr(v) => v.get(i).cloned().flatten().unwrap_or_default(),
            Column::Bool(v) => v.get(i).map(|b| if *b { "yes" } else { "no" }.to_owned()).unwrap_or_default(),
            Column::OptInt(v) => v.get(i).copied().flatten().map(|x| x.to_string()).unwrap_or_default(),
        }
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

    /// An HTML table with an optional caption.
    pub fn to_html(&self, caption: &str) -> String {
        let rows = self.columns.first().map_or(0, |(_, c)| c.len());
        let mut s = String::from("<table class=\"lomonitor\">");
        if !caption.is_empty() {
            s.push_str(&format!("<caption>{}</caption>", escape(caption)));
        }
        s.push_str("<thead><tr>");
        for (name, _) in &self.columns {
            s.push_str(&format!("<th>{}</th>", escape(name)));
        }
        s.push_str("</tr></thead><tbody>");
        for i in 0..rows {
            s.push_str("<tr>");
            for (_, col) in &self.columns {
                let align =
                    if matches!(col, Column::Str(_) | Column::OptStr(_) | Column::Bool(_)) { "left" } else { "right" };
                s.push_str(&format!("<td style=\"text-align:{align}\">{}</td>", escape(&col.cell(i))));
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>");
        s
    }
}

/// Escape text for HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An HTML cross table with labelled rows and columns (`cells[row][col]`, already formatted).
pub fn matrix_html(
    caption: &str,
    corner: &str,
    row_labels: &[String],
    col_labels: &[String],
    cells: &[Vec<String>],
) -> String {
    let mut s = String::from("<table class=\"lomonitor\">");
    if !caption.is_empty() {
        s.push_str(&format!("<caption>{}</caption>", escape(caption)));
    }
    s.push_str(&format!("<thead><tr><th>{}</th>", escape(corner)));
    for c in col_labels {
        s.push_str(&format!("<th>{}</th>", escape(c)));
    }
    s.push_str("</tr></thead><tbody>");
    for (label, row) in row_labels.iter().zip(cells) {
        s.push_str(&format!("<tr><th style=\"text-align:left\">{}</th>", escape(label)));
        for cell in row {
            s.push_str(&format!("<td style=\"text-align:right\">{}</td>", escape(cell)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}
