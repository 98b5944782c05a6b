//! Typed columns: a result as named columns that keep their types (whole numbers, yes/no,
//! absent values), for the bindings' `to_dict()`/`to_pandas()`, which promise those types (a
//! DataFrame's `degenerate` column is `bool`, its `n` column `int64`). [`Columns::to_table`] makes
//! the one [`Table`] every renderer reads, so a result's HTML and its DataFrame come from the
//! same columns.

use super::{Cell, Column, Table};

/// One column of a small result table.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnValues {
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

impl ColumnValues {
    /// Whether the column has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        match self {
            ColumnValues::Str(v) => v.len(),
            ColumnValues::Int(v) => v.len(),
            ColumnValues::Float(v) => v.len(),
            ColumnValues::OptFloat(v) => v.len(),
            ColumnValues::OptStr(v) => v.len(),
            ColumnValues::Bool(v) => v.len(),
            ColumnValues::OptInt(v) => v.len(),
        }
    }

    /// The first `n` entries.
    pub fn head(self, n: usize) -> ColumnValues {
        match self {
            ColumnValues::Str(v) => ColumnValues::Str(v.into_iter().take(n).collect()),
            ColumnValues::Int(v) => ColumnValues::Int(v.into_iter().take(n).collect()),
            ColumnValues::Float(v) => ColumnValues::Float(v.into_iter().take(n).collect()),
            ColumnValues::OptFloat(v) => ColumnValues::OptFloat(v.into_iter().take(n).collect()),
            ColumnValues::OptStr(v) => ColumnValues::OptStr(v.into_iter().take(n).collect()),
            ColumnValues::Bool(v) => ColumnValues::Bool(v.into_iter().take(n).collect()),
            ColumnValues::OptInt(v) => ColumnValues::OptInt(v.into_iter().take(n).collect()),
        }
    }

    /// Whether the column holds numbers (right-aligned in print).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            ColumnValues::Int(_) | ColumnValues::Float(_) | ColumnValues::OptFloat(_) | ColumnValues::OptInt(_)
        )
    }

    /// Entry `i` as a core cell: numbers with four decimals, whole numbers as counts, absent or
    /// non-finite values empty, yes/no as text.
    pub fn cell(&self, i: usize) -> Cell {
        let number = |x: f64| if x.is_finite() { Cell::number(x, 4) } else { Cell::Empty };
        let cell = match self {
            ColumnValues::Str(v) => v.get(i).map(Cell::text),
            ColumnValues::Int(v) => v.get(i).map(|x| Cell::count(*x as f64)),
            ColumnValues::Float(v) => v.get(i).map(|x| number(*x)),
            ColumnValues::OptFloat(v) => v.get(i).copied().flatten().map(number),
            ColumnValues::OptStr(v) => v.get(i).cloned().flatten().map(Cell::text),
            ColumnValues::Bool(v) => v.get(i).map(|b| Cell::text(if *b { "yes" } else { "no" })),
            ColumnValues::OptInt(v) => v.get(i).copied().flatten().map(|x| Cell::count(x as f64)),
        };
        cell.unwrap_or(Cell::Empty)
    }
}

/// A result as named, typed columns of equal length.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// Column names and values.
    pub columns: Vec<(&'static str, ColumnValues)>,
}

impl Columns {
    /// The number of rows (that of the first column; 0 without columns).
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }

    /// The table of these columns: `title`, numeric columns right-aligned, one row per index
    /// (a shorter column gives empty cells).
    pub fn to_table(&self, title: &str) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|(name, c)| if c.is_numeric() { Column::numeric(*name) } else { Column::text(*name) })
            .collect();
        let mut t = Table::new(title, columns);
        for i in 0..self.n_rows() {
            // one cell per column, each finite or empty: push_row cannot fail
            let _ = t.push_row(self.columns.iter().map(|(_, c)| c.cell(i)).collect());
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_columns_become_one_table() {
        let c = Columns {
            columns: vec![
                ("label", ColumnValues::Str(vec!["a".into(), "b".into()])),
                ("n", ColumnValues::Int(vec![3, 4])),
                ("ok", ColumnValues::Bool(vec![true, false])),
                ("p", ColumnValues::OptFloat(vec![Some(0.5), None])),
            ],
        };
        let t = c.to_table("T");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[3], Cell::Empty);
        assert_eq!(t.rows[0].cells[1], Cell::count(3.0));
        assert_eq!(c.columns[0].1.clone().head(1).len(), 1);
    }
}
