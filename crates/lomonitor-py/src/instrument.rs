//! The questionnaire in Python: `Questionnaire`, `Item`, `Scale`.

use std::path::PathBuf;
use std::sync::Arc;

use lomonitor::instrument::{Item, ItemKind, Questionnaire, Scale};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList};

use crate::errors::{PyLoError, PyLoResult};
use crate::stats::results::{Render, result_class};
use crate::table::{Column, Table, ToPython};

/// One questionnaire item: id, kind, question text, options, declared missing codes, routing.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Item")]
pub struct PyItem {
    pub(crate) inner: Item,
}

fn labelled(pairs: impl Iterator<Item = (i32, String)>, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (code, label) in pairs {
        d.set_item(code, label)?;
    }
    Ok(d)
}

#[pymethods]
impl PyItem {
    /// The id, also the variable name (``"visie"``).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// ``"single"``, ``"multiple"``, ``"likert"``, ``"numeric"``, ``"ranking"`` or ``"open"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.name()
    }
    /// The question text (Dutch).
    #[getter]
    fn text(&self) -> &str {
        self.inner.text.get(lomonitor::Language::Nl)
    }
    /// The question text in English (Dutch when no translation is given).
    #[getter]
    fn text_en(&self) -> &str {
        self.inner.text.get(lomonitor::Language::En)
    }
    /// The short label for tables (the text when none is given).
    #[getter]
    fn label(&self) -> &str {
        self.inner.short_label(lomonitor::Language::Nl)
    }
    /// The options, code -> label, in order (Likert points as options; empty for numeric and
    /// open items).
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        labelled(
            self.inner.options().into_iter().map(|o| (o.code, o.label.get(lomonitor::Language::Nl).to_owned())),
            py,
        )
    }
    /// The options with English labels (Dutch where no translation is given).
    #[getter]
    fn options_en<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        labelled(
            self.inner.options().into_iter().map(|o| (o.code, o.label.get(lomonitor::Language::En).to_owned())),
            py,
        )
    }
    /// The declared user-missing codes ("weet niet"), code -> label: kept in the data, shown in
    /// frequencies, excluded from valid percentages.
    #[getter]
    fn missing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        labelled(self.inner.missing.iter().map(|m| (m.code, m.label.get(lomonitor::Language::Nl).to_owned())), py)
    }
    /// The routing condition as written (``"visie == 1"``), None when always shown.
    #[getter]
    fn show_if(&self) -> Option<String> {
        self.inner.show_if.as_ref().map(ToString::to_string)
    }
    /// Whether an answer is required when the item is shown.
    #[getter]
    fn required(&self) -> bool {
        self.inner.required
    }
    /// Reverse-keyed (Likert).
    #[getter]
    fn reverse(&self) -> bool {
        self.inner.reverse
    }
    /// Likert: the number of points; None for other kinds.
    #[getter]
    fn points(&self) -> Option<u8> {
        match self.inner.kind {
            ItemKind::Likert { points, .. } => Some(points),
            _ => None,
        }
    }
    /// Ranking: how many options are ranked; None for other kinds.
    #[getter]
    fn top(&self) -> Option<u8> {
        match self.inner.kind {
            ItemKind::Ranking { top, .. } => Some(top),
            _ => None,
        }
    }
    /// The option that comes with a text ("anders, namelijk"), if any.
    #[getter]
    fn other(&self) -> Option<i32> {
        match self.inner.kind {
            ItemKind::Single { other, .. } | ItemKind::Multiple { other, .. } => other,
            _ => None,
        }
    }
    /// Multiple choice: options that cannot be combined with others.
    #[getter]
    fn exclusive(&self) -> Vec<i32> {
        match &self.inner.kind {
            ItemKind::Multiple { exclusive, .. } => exclusive.clone(),
            _ => Vec::new(),
        }
    }
    /// Numeric: the unit, e.g. ``"euro per fte"``.
    #[getter]
    fn unit(&self) -> Option<&str> {
        match &self.inner.kind {
            ItemKind::Numeric { unit, .. } => unit.as_deref(),
            _ => None,
        }
    }
    /// Numeric: the allowed range (min, max); None for other kinds.
    #[getter]
    fn range(&self) -> Option<(Option<f64>, Option<f64>)> {
        match &self.inner.kind {
            ItemKind::Numeric { min, max, .. } => Some((*min, *max)),
            _ => None,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "Item(id={:?}, kind={:?}, label={:?}, options={}, missing={}, show_if={})",
            self.inner.id,
            self.kind(),
            self.label(),
            self.inner.options().len(),
            self.inner.missing.len(),
            self.show_if().map_or_else(|| "None".to_owned(), |s| format!("{s:?}"))
        )
    }
    fn _repr_html_(&self) -> String {
        let opts = self.inner.options();
        let t = Table {
            columns: vec![
                (
                    "code",
                    Column::OptInt(
                        opts.iter()
                            .map(|o| o.code)
                            .chain(self.inner.missing.iter().map(|m| m.code))
                            .map(|c| Some(i64::from(c)))
                            .collect(),
                    ),
                ),
                (
                    "label",
                    Column::Str(
                        opts.iter()
                            .map(|o| o.label.get(lomonitor::Language::Nl).to_owned())
                            .chain(self.inner.missing.iter().map(|m| m.label.get(lomonitor::Language::Nl).to_owned()))
                            .collect(),
                    ),
                ),
                (
                    "missing",
                    Column::Bool(opts.iter().map(|_| false).chain(self.inner.missing.iter().map(|_| true)).collect()),
                ),
            ],
        };
        let routing = self.show_if().map_or_else(String::new, |s| format!(" — shown if {s}"));
        t.to_html(&format!("{} ({}, {}): {}{routing}", self.inner.id, self.kind(), self.label(), self.text()))
    }
}

/// A scale: a named group of Likert items (``"leerklimaat"``).
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Scale")]
pub struct PyScale {
    inner: Scale,
}

#[pymethods]
impl PyScale {
    /// The id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The label (Dutch).
    #[getter]
    fn label(&self) -> &str {
        self.inner.label.get(lomonitor::Language::Nl)
    }
    /// The item ids, in order.
    #[getter]
    fn items(&self) -> Vec<String> {
        self.inner.items.clone()
    }
    fn __repr__(&self) -> String {
        format!("Scale(id={:?}, label={:?}, items={:?})", self.inner.id, self.label(), self.inner.items)
    }
}

/// A questionnaire: id, version, items in order, scales and instrument-wide missing codes.
///
/// ``Questionnaire.load(path)`` reads TOML or JSON (``docs/instrument-format.md``);
/// ``q["visie"]`` gives an :class:`Item`; iterating gives every item.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Questionnaire")]
pub struct PyQuestionnaire {
    pub(crate) inner: Arc<Questionnaire>,
}

impl Render for PyQuestionnaire {
    fn table(&self) -> Table {
        let items = &self.inner.items;
        Table {
            columns: vec![
                ("id", Column::Str(items.iter().map(|i| i.id.clone()).collect())),
                ("kind", Column::Str(items.iter().map(|i| i.kind.name().to_owned()).collect())),
                (
                    "label",
                    Column::Str(items.iter().map(|i| i.short_label(lomonitor::Language::Nl).to_owned()).collect()),
                ),
                ("text", Column::Str(items.iter().map(|i| i.text.get(lomonitor::Language::Nl).to_owned()).collect())),
                ("n_options", Column::Int(items.iter().map(|i| i.options().len() as u64).collect())),
                (
                    "missing",
                    Column::Str(
                        items
                            .iter()
                            .map(|i| i.missing.iter().map(|m| m.code.to_string()).collect::<Vec<_>>().join(", "))
                            .collect(),
                    ),
                ),
                (
                    "show_if",
                    Column::OptStr(items.iter().map(|i| i.show_if.as_ref().map(ToString::to_string)).collect()),
                ),
                ("required", Column::Bool(items.iter().map(|i| i.required).collect())),
                ("reverse", Column::Bool(items.iter().map(|i| i.reverse).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("{} ({} {}): {} items", self.title(), self.inner.id, self.inner.version, self.inner.items.len())
    }
    fn repr(&self) -> String {
        format!(
            "Questionnaire(id={:?}, version={:?}, items={}, scales={:?})",
            self.inner.id,
            self.inner.version,
            self.inner.items.len(),
            self.inner.scales.iter().map(|s| s.id.as_str()).collect::<Vec<_>>()
        )
    }
}

result_class! {
    PyQuestionnaire(_inner) {}
    /// Load a questionnaire definition (TOML, or JSON by extension).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyLoResult<Self> {
        let q = py.detach(|| Questionnaire::load(&path))?;
        Ok(Self { inner: Arc::new(q) })
    }
    /// The questionnaire as a LimeSurvey survey structure file (`.lss` text).
    fn to_limesurvey(&self) -> String {
        lomonitor::instrument::platform::to_limesurvey(&self.inner, &Default::default()).0
    }
    /// The questionnaire as a Qualtrics survey file (`.qsf` JSON text).
    fn to_qualtrics(&self) -> String {
        lomonitor::instrument::platform::to_qualtrics(&self.inner).0
    }
    /// The id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The version a response set is bound to.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }
    /// The title (Dutch).
    #[getter]
    fn title(&self) -> &str {
        self.inner.title.get(lomonitor::Language::Nl)
    }
    /// The items, in the order asked.
    #[getter]
    fn items(&self) -> Vec<PyItem> {
        self.inner.items.iter().map(|i| PyItem { inner: i.clone() }).collect()
    }
    /// The item ids, in order.
    #[getter]
    fn item_ids(&self) -> Vec<String> {
        self.inner.items.iter().map(|i| i.id.clone()).collect()
    }
    /// The scales.
    #[getter]
    fn scales(&self) -> Vec<PyScale> {
        self.inner.scales.iter().map(|s| PyScale { inner: s.clone() }).collect()
    }
    /// The instrument-wide user-missing codes, code -> label.
    #[getter]
    fn missing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        labelled(self.inner.missing.iter().map(|m| (m.code, m.label.get(lomonitor::Language::Nl).to_owned())), py)
    }
    /// The item with this id.
    fn item(&self, id: &str) -> PyLoResult<PyItem> {
        match self.inner.item(id) {
            Some(i) => Ok(PyItem { inner: i.clone() }),
            None => Err(PyLoError::from(lomonitor::Error::NotFound {
                what: "item",
                query: id.to_owned(),
                suggestions: Vec::new(),
            })),
        }
    }
    /// ``q["visie"]``.
    fn __getitem__(&self, id: &str) -> PyLoResult<PyItem> {
        self.item(id)
    }
    fn __contains__(&self, id: &str) -> bool {
        self.inner.item(id).is_some()
    }
    fn __len__(&self) -> usize {
        self.inner.items.len()
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyList::new(py, self.items())?.try_iter()
    }
}

/// Register the classes.
type Draft<'py> = (PyQuestionnaire, Vec<Bound<'py, PyDict>>);

fn draft<'py>(
    py: Python<'py>,
    read: lomonitor::Result<(Questionnaire, Vec<lomonitor::instrument::platform::Unmapped>)>,
) -> PyResult<Draft<'py>> {
    let (q, unmapped) = read.map_err(PyLoError::from)?;
    let list = unmapped
        .into_iter()
        .map(|u| {
            let d = PyDict::new(py);
            d.set_item("code", u.code)?;
            d.set_item("kind", u.kind)?;
            d.set_item("reason", u.reason)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok((PyQuestionnaire { inner: Arc::new(q) }, list))
}

/// Read a LimeSurvey `.lss` as a draft questionnaire and the list of what could not be mapped.
#[pyfunction]
fn questionnaire_from_limesurvey(py: Python<'_>, path: PathBuf) -> PyResult<Draft<'_>> {
    let read = py.detach(|| {
        let (text, _) = lomonitor::io::read_text(&path)?;
        lomonitor::instrument::platform::from_limesurvey(&text, Some(&path))
    });
    draft(py, read)
}

/// Read a Qualtrics `.qsf` as a draft questionnaire and the list of what could not be mapped.
#[pyfunction]
fn questionnaire_from_qualtrics(py: Python<'_>, path: PathBuf) -> PyResult<Draft<'_>> {
    let read = py.detach(|| {
        let (text, _) = lomonitor::io::read_text(&path)?;
        lomonitor::instrument::platform::from_qualtrics(&text, Some(&path))
    });
    draft(py, read)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(questionnaire_from_limesurvey, m)?)?;
    m.add_function(wrap_pyfunction!(questionnaire_from_qualtrics, m)?)?;
    m.add_class::<PyQuestionnaire>()?;
    m.add_class::<PyItem>()?;
    m.add_class::<PyScale>()?;
    Ok(())
}
