//! The population frame in Python: `Frame`, `Municipality`, `StratumTable`, `Organisation`.

use std::path::PathBuf;

use chrono::NaiveDate;
use lomonitor::{Frame, Municipality, SizeClasses, Stratification, StratumCount};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::PyLoResult;
use crate::stats::results::{Render, result_class};
use crate::table::{Column, Table, ToPython};

/// One Dutch municipality: CBS code, name, province, COROP area, inhabitants.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Municipality")]
#[derive(Clone)]
pub struct PyMunicipality {
    pub(crate) inner: Municipality,
}

#[pymethods]
impl PyMunicipality {
    /// The CBS code, e.g. ``"GM0363"``.
    #[getter]
    fn code(&self) -> String {
        self.inner.code.to_string()
    }
    /// The official CBS name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// The province (official Dutch name).
    #[getter]
    fn province(&self) -> &str {
        self.inner.province.name()
    }
    /// The COROP code (``"CR23"``) or None.
    #[getter]
    fn corop_code(&self) -> Option<&str> {
        self.inner.corop.as_ref().map(|c| c.code.as_str())
    }
    /// The COROP name or None.
    #[getter]
    fn corop_name(&self) -> Option<&str> {
        self.inner.corop.as_ref().map(|c| c.name.as_str())
    }
    /// Inhabitants on ``inhabitants_date``.
    #[getter]
    fn inhabitants(&self) -> u64 {
        self.inner.inhabitants
    }
    /// Reference date of the inhabitants.
    #[getter]
    fn inhabitants_date(&self) -> NaiveDate {
        self.inner.inhabitants_date
    }
    /// Whether this is one of the G4.
    #[getter]
    fn is_g4(&self) -> bool {
        self.inner.is_g4()
    }
    fn __repr__(&self) -> String {
        format!(
            "Municipality(code={:?}, name={:?}, province={:?}, inhabitants={})",
            self.code(),
            self.inner.name,
            self.province(),
            self.inner.inhabitants
        )
    }
    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
    fn __hash__(&self) -> u64 {
        u64::from(self.inner.code.number())
    }
}

/// The population frame: every municipality at a reference date.
///
/// ``lomonitor.register()`` gives the CBS register carried by the package (division of
/// 1 January 2025); ``Frame.from_csv(path, reference_date)`` loads a newer one.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Frame")]
pub struct PyFrame {
    pub(crate) inner: Frame,
}

#[pymethods]
impl PyFrame {
    /// Load a register CSV in CBS's layout or lomonitor's own.
    #[staticmethod]
    fn from_csv(path: PathBuf, reference_date: NaiveDate) -> PyLoResult<Self> {
        Ok(Self { inner: Frame::from_csv_path(&path, reference_date)?.0 })
    }
    /// The date of the municipal division.
    #[getter]
    fn reference_date(&self) -> NaiveDate {
        self.inner.reference_date()
    }
    /// Attribution of the data.
    #[getter]
    fn source(&self) -> &str {
        self.inner.source()
    }
    /// Total inhabitants.
    #[getter]
    fn total_inhabitants(&self) -> u64 {
        self.inner.total_inhabitants()
    }
    /// All municipalities, sorted by code.
    #[getter]
    fn municipalities(&self) -> Vec<PyMunicipality> {
        self.inner.iter().map(|m| PyMunicipality { inner: m.clone() }).collect()
    }
    /// Find a municipality by code or name (case, diacritics and apostrophes ignored).
    fn lookup(&self, query: &str) -> PyLoResult<PyMunicipality> {
        Ok(PyMunicipality { inner: self.inner.lookup(query)?.clone() })
    }
    /// ``frame["GM0363"]`` or ``frame["Den Bosch"]``.
    fn __getitem__(&self, query: &str) -> PyLoResult<PyMunicipality> {
        self.lookup(query)
    }
    fn __contains__(&self, query: &str) -> bool {
        self.inner.lookup(query).is_ok()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    /// The frame's counts per stratum (N_h): ``by`` is ``"size_class"``, ``"province"``,
    /// ``"corop"`` or a cross such as ``"size_class*province"``.
    #[pyo3(signature = (by = "size_class", *, size_classes = None, g4_separate = false, language = None, english = None))]
    fn strata(
        &self,
        by: &str,
        size_classes: Option<Vec<u64>>,
        g4_separate: bool,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyStratumTable> {
        let lang = crate::options::lang_arg(language, english)?;
        let sc = match size_classes {
            Some(b) => SizeClasses::new(b, g4_separate)?,
            None => SizeClasses::new(SizeClasses::default().bounds().to_vec(), g4_separate)?,
        };
        let s = Stratification::parse(by, sc)?;
        Ok(PyStratumTable { spec: s.spec(), rows: s.counts_with_labels(&self.inner, lang) })
    }
    /// Columns as ``dict[str, list]``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        frame_table(&self.inner).to_dict(py)
    }
    /// The frame as a pandas DataFrame.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame_table(&self.inner).to_pandas(py)
    }
    fn __repr__(&self) -> String {
        format!("Frame({} municipalities, reference_date={})", self.inner.len(), self.inner.reference_date())
    }
    fn _repr_html_(&self) -> String {
        let t = frame_table(&self.inner);
        let mut head = Table { columns: Vec::new() };
        for (name, col) in t.columns {
            head.columns.push((name, col.head(10)));
        }
        head.to_html(&format!(
            "Frame: {} gemeenten, indeling {} (eerste 10)",
            self.inner.len(),
            self.inner.reference_date()
        ))
    }
}

fn frame_table(f: &Frame) -> Table {
    let ms = f.municipalities();
    Table {
        columns: vec![
            ("code", Column::Str(ms.iter().map(|m| m.code.to_string()).collect())),
            ("name", Column::Str(ms.iter().map(|m| m.name.clone()).collect())),
            ("province", Column::Str(ms.iter().map(|m| m.province.name().to_owned()).collect())),
            (
                "corop_code",
                Column::Str(ms.iter().map(|m| m.corop.as_ref().map(|c| c.code.clone()).unwrap_or_default()).collect()),
            ),
            (
                "corop_name",
                Column::Str(ms.iter().map(|m| m.corop.as_ref().map(|c| c.name.clone()).unwrap_or_default()).collect()),
            ),
            ("inhabitants", Column::Int(ms.iter().map(|m| m.inhabitants).collect())),
            ("inhabitants_date", Column::Str(ms.iter().map(|m| m.inhabitants_date.to_string()).collect())),
        ],
    }
}

/// The frame's count per stratum (N_h).
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "StratumTable")]
pub struct PyStratumTable {
    pub(crate) spec: String,
    pub(crate) rows: Vec<StratumCount>,
}

impl Render for PyStratumTable {
    fn table(&self) -> Table {
        Table {
            columns: vec![
                ("stratum", Column::Str(self.rows.iter().map(|r| r.stratum.label.clone()).collect())),
                ("key", Column::Str(self.rows.iter().map(|r| r.stratum.key.clone()).collect())),
                ("N", Column::Int(self.rows.iter().map(|r| r.count).collect())),
                (
                    "share",
                    Column::Float(self.rows.iter().map(|r| r.count as f64 / self.total().max(1) as f64).collect()),
                ),
                ("inhabitants", Column::Int(self.rows.iter().map(|r| r.inhabitants).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Populatie per stratum ({}), N = {}", self.spec, self.total())
    }
    fn repr(&self) -> String {
        let body: Vec<String> = self.rows.iter().map(|r| format!("  {:<28} {:>4}", r.stratum.label, r.count)).collect();
        format!("StratumTable(by={:?}, strata={}, N={})\n{}", self.spec, self.rows.len(), self.total(), body.join("\n"))
    }
}

result_class! {
    PyStratumTable(_inner) {}
    /// The stratification, e.g. ``"size_class*province"``.
    #[getter]
    fn by(&self) -> &str {
        &self.spec
    }
    /// Stratum labels in order.
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.stratum.label.clone()).collect()
    }
    /// N_h per stratum, in order.
    #[getter]
    fn counts(&self) -> Vec<u64> {
        self.rows.iter().map(|r| r.count).collect()
    }
    /// Total N.
    #[getter]
    fn total(&self) -> u64 {
        self.rows.iter().map(|r| r.count).sum()
    }
    fn __len__(&self) -> usize {
        self.rows.len()
    }
}

/// The CBS register carried by lomonitor: the municipal division of 1 January 2025.
#[pyfunction]
pub fn register() -> PyFrame {
    PyFrame { inner: Frame::embedded() }
}
