//! Responses in Python: `ResponseSet` (Arrow C stream, pandas, dict), `ValidationReport`,
//! `Issue`, `ImportResult` and `import_responses()`.
//!
//! A response set crosses to Python in whole buffers. `__arrow_c_stream__` exports an Arrow
//! record batch built once when the set is wrapped: one column per stored vector (levels of
//! single-choice and Likert items as a dictionary-encoded `uint8` column whose dictionary holds the
//! labels, numeric values as `float64`, 0/1 selections and ranks as `uint8`, texts as `utf8`,
//! states as dictionary-encoded `uint8`). pyarrow, polars and duckdb import the batch without
//! copying. `to_dict()`/`to_pandas()` give the wide layout of the CSV export (codes), or labels.

use std::collections::HashMap;
use std::ffi::CStr;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::UInt8Type;
use arrow_array::{
    Array, ArrayRef, DictionaryArray, Float64Array, RecordBatch, RecordBatchIterator, StringArray,
    TimestampMicrosecondArray, UInt8Array, UInt64Array,
};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, Field, Schema};
use chrono::NaiveDateTime;
use lomonitor::Error as CoreError;
use lomonitor::instrument::{FIRST_LEVEL, Item, ItemKind, NOT_ASKED, Questionnaire, UNANSWERED};
use lomonitor::responses::{
    ANSWERED, Dialect, ImportOptions, ImportResult, Issue, IssueKind, ItemData, MISSING_BASE, ResponseSet, Severity,
    ValidationReport, column_names, import_csv_path, values::DecimalSeparator,
};
use numpy::PyArray1;
use numpy::datetime::{Datetime, units::Microseconds};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyIterator, PyList};

use crate::errors::{PyLoError, PyLoResult};
use crate::frame::PyFrame;
use crate::instrument::PyQuestionnaire;
use crate::options::opt;
use crate::stats::results::{Render, result_class};
use crate::table::{Column, Table, ToPython};

const STREAM_CAPSULE: &CStr = c"arrow_array_stream";

fn arrow_err(e: ArrowError) -> PyLoError {
    PyLoError::from(CoreError::InvalidArgument { name: "responses", message: format!("Arrow export: {e}") })
}

// ---------------------------------------------------------------------------------------------
// wide columns (the CSV layout)

/// One column of the wide layout, before it becomes numpy/pandas.
enum Wide {
    /// Codes, values or 0/1 (NaN where the file has `NA` or an empty cell).
    Num(Vec<f64>),
    /// Text (None where empty).
    Text(Vec<Option<String>>),
    /// Labels of a coded item: category index (-1 for none), categories, ordered (Likert).
    Cat(Vec<i16>, Vec<String>, bool),
    /// Timestamps.
    Time(Vec<Option<NaiveDateTime>>),
}

fn state_at(state: &[u8], r: usize) -> u8 {
    state.get(r).copied().unwrap_or(NOT_ASKED)
}

/// The missing code of a state byte, as a number.
fn missing_code(item: &Item, state: u8) -> f64 {
    state
        .checked_sub(MISSING_BASE)
        .and_then(|m| item.missing.get(usize::from(m)))
        .map_or(f64::NAN, |m| f64::from(m.code))
}

fn text_col(text: &[String], keep: impl Fn(usize) -> bool) -> Wide {
    Wide::Text(text.iter().enumerate().map(|(r, t)| (keep(r) && !t.is_empty()).then(|| t.clone())).collect())
}

/// The wide columns of a response set, named as in the CSV export.
fn wide_columns(set: &ResponseSet, q: &Questionnaire, labels: bool, lang: lomonitor::Language) -> Vec<(String, Wide)> {
    let n = set.len();
    let names = column_names(q);
    let mut cols: Vec<Wide> = vec![
        Wide::Text(set.respondent_id().iter().map(|s| Some(s.clone())).collect()),
        Wide::Text(set.unit().iter().map(|u| Some(u.to_string())).collect()),
        Wide::Text(set.status().iter().map(|s| Some(s.as_str().to_owned())).collect()),
        Wide::Time(set.started().to_vec()),
        Wide::Time(set.submitted().to_vec()),
        Wide::Text(vec![Some(set.instrument_version().to_owned()); n]),
    ];
    for (item, data) in q.items.iter().zip(set.items()) {
        let opts = item.options();
        match data {
            ItemData::Coded { levels, other_text } => {
                if labels {
                    let mut cats: Vec<String> = opts.iter().map(|o| o.label.get(lang).to_owned()).collect();
                    cats.extend(item.missing.iter().map(|m| m.label.get(lang).to_owned()));
                    let codes = levels
                        .iter()
                        .map(|&l| if l >= FIRST_LEVEL { i16::from(l - FIRST_LEVEL) } else { -1 })
                        .collect();
                    cols.push(Wide::Cat(codes, cats, matches!(item.kind, ItemKind::Likert { .. })));
                } else {
                    cols.push(Wide::Num(levels.iter().map(|&l| item.code_of(l).map_or(f64::NAN, f64::from)).collect()));
                }
                if let Some(t) = other_text {
                    cols.push(text_col(t, |_| true));
                }
            }
            ItemData::Multiple { state, selected, other_text } => {
                for col in selected {
                    cols.push(Wide::Num(
                        col.iter()
                            .enumerate()
                            .map(|(r, &v)| if state_at(state, r) == ANSWERED { f64::from(v) } else { f64::NAN })
                            .collect(),
                    ));
                }
                if let Some(t) = other_text {
                    cols.push(text_col(t, |_| true));
                }
                if !item.missing.is_empty() {
                    cols.push(Wide::Num(state.iter().map(|&s| missing_code(item, s)).collect()));
                }
            }
            ItemData::Numeric { state, values } => cols.push(Wide::Num(
                values
                    .iter()
                    .zip(state)
                    .map(|(&v, &s)| match s {
                        ANSWERED => v,
                        s if labels => {
                            let _ = s;
                            f64::NAN
                        }
                        s => missing_code(item, s),
                    })
                    .collect(),
            )),
            ItemData::Ranking { state, ranks } => {
                for col in ranks.iter().take(opts.len()) {
                    cols.push(Wide::Num(
                        col.iter()
                            .enumerate()
                            .map(
                                |(r, &k)| {
                                    if state_at(state, r) == ANSWERED && k > 0 { f64::from(k) } else { f64::NAN }
                                },
                            )
                            .collect(),
                    ));
                }
                if !item.missing.is_empty() {
                    cols.push(Wide::Num(state.iter().map(|&s| missing_code(item, s)).collect()));
                }
            }
            ItemData::Open { state, text } => {
                cols.push(text_col(text, |r| state_at(state, r) == ANSWERED));
            }
        }
    }
    names.into_iter().zip(cols).collect()
}

fn wide_dict<'py>(py: Python<'py>, cols: Vec<(String, Wide)>, pandas: bool) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let pd = if pandas { Some(py.import("pandas")?) } else { None };
    for (name, col) in cols {
        match col {
            Wide::Num(v) => d.set_item(name, PyArray1::from_vec(py, v))?,
            Wide::Text(v) => d.set_item(name, PyList::new(py, v)?)?,
            Wide::Time(v) => {
                let t: Vec<Datetime<Microseconds>> =
                    v.iter().map(|t| Datetime::from(t.map_or(i64::MIN, |t| t.and_utc().timestamp_micros()))).collect();
                d.set_item(name, PyArray1::from_vec(py, t))?;
            }
            Wide::Cat(codes, cats, ordered) => match &pd {
                Some(pd) => {
                    let kwargs = PyDict::new(py);
                    kwargs.set_item("ordered", ordered)?;
                    let cat = pd.getattr("Categorical")?.call_method(
                        "from_codes",
                        (PyArray1::from_vec(py, codes), PyList::new(py, cats)?),
                        Some(&kwargs),
                    )?;
                    d.set_item(name, cat)?;
                }
                None => {
                    let labels: Vec<Option<&String>> =
                        codes.iter().map(|&c| usize::try_from(c).ok().and_then(|c| cats.get(c))).collect();
                    d.set_item(name, PyList::new(py, labels)?)?;
                }
            },
        }
    }
    Ok(d)
}

// ---------------------------------------------------------------------------------------------
// Arrow

/// The labels of the states not asked, unanswered and answered, in Dutch or English.
fn state_labels(lang: lomonitor::Language) -> [&'static str; 3] {
    match lang {
        lomonitor::Language::En => ["not asked", "no answer", "answered"],
        lomonitor::Language::Nl => ["niet gevraagd", "geen antwoord", "beantwoord"],
    }
}

fn labels_of_states(item: &Item, lang: lomonitor::Language) -> Vec<String> {
    let mut v: Vec<String> = state_labels(lang).iter().map(|s| (*s).to_owned()).collect();
    v.extend(item.missing.iter().map(|m| m.label.get(lang).to_owned()));
    v
}

/// Null where `keep` is false (None when every row is kept).
fn nulls(n: usize, keep: impl Fn(usize) -> bool) -> Option<NullBuffer> {
    let bits: Vec<bool> = (0..n).map(keep).collect();
    if bits.iter().all(|&b| b) { None } else { Some(NullBuffer::from(bits)) }
}

fn dictionary(keys: Vec<u8>, valid: Option<NullBuffer>, labels: Vec<String>) -> Result<ArrayRef, ArrowError> {
    let keys = UInt8Array::try_new(ScalarBuffer::from(keys), valid)?;
    let values: ArrayRef = Arc::new(StringArray::from(labels));
    Ok(Arc::new(DictionaryArray::<UInt8Type>::try_new(keys, values)?))
}

fn field(name: &str, array: &ArrayRef, meta: &[(&str, String)]) -> Field {
    let md: HashMap<String, String> = meta.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
    Field::new(name, array.data_type().clone(), true).with_metadata(md)
}

fn micros(v: &[Option<NaiveDateTime>]) -> ArrayRef {
    Arc::new(TimestampMicrosecondArray::from(
        v.iter().map(|t| t.map(|t| t.and_utc().timestamp_micros())).collect::<Vec<_>>(),
    ))
}

/// The record batch: one column per stored vector. The byte and float vectors are moved into the
/// Arrow buffers; validity bitmaps mark the rows without an answer.
fn record_batch(set: ResponseSet, q: &Questionnaire, lang: lomonitor::Language) -> Result<RecordBatch, ArrowError> {
    let n = set.len();
    let set = set.into_parts();
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    let mut push = |name: String, a: ArrayRef, meta: Vec<(&str, String)>| {
        fields.push(field(&name, &a, &meta));
        arrays.push(a);
    };
    push("respondent_id".into(), Arc::new(StringArray::from(set.respondent_id)), vec![]);
    push("unit".into(), Arc::new(StringArray::from_iter_values(set.unit.iter().map(ToString::to_string))), vec![]);
    push("status".into(), Arc::new(StringArray::from_iter_values(set.status.iter().map(|s| s.as_str()))), vec![]);
    push("started".into(), micros(&set.started), vec![]);
    push("submitted".into(), micros(&set.submitted), vec![]);
    push("source_line".into(), Arc::new(UInt64Array::from(set.source_line)), vec![]);
    for (item, data) in q.items.iter().zip(set.items) {
        let opts = item.options();
        let meta = |extra: Option<(&'static str, String)>| {
            let mut m = vec![("lomonitor.item", item.id.clone()), ("lomonitor.kind", item.kind.name().to_owned())];
            m.push(("lomonitor.label", item.short_label(lang).to_owned()));
            m.extend(extra);
            m
        };
        let state_col = |state: Vec<u8>| dictionary(state, None, labels_of_states(item, lang));
        match data {
            ItemData::Coded { levels, other_text } => {
                let mut labels: Vec<String> = state_labels(lang).iter().take(2).map(|s| (*s).to_owned()).collect();
                labels.extend(opts.iter().map(|o| o.label.get(lang).to_owned()));
                labels.extend(item.missing.iter().map(|m| m.label.get(lang).to_owned()));
                let codes: Vec<String> = (0..labels.len())
                    .map(|l| {
                        u8::try_from(l).ok().and_then(|l| item.code_of(l)).map_or_else(String::new, |c| c.to_string())
                    })
                    .collect();
                let valid = nulls(n, |r| levels.get(r).is_some_and(|&l| l >= FIRST_LEVEL));
                let a = dictionary(levels, valid, labels)?;
                push(item.id.clone(), a, meta(Some(("lomonitor.codes", codes.join(",")))));
                if let Some(t) = other_text {
                    let a: ArrayRef = Arc::new(StringArray::from(
                        t.iter().map(|s| (!s.is_empty()).then_some(s.as_str())).collect::<Vec<_>>(),
                    ));
                    push(format!("{}_other", item.id), a, meta(None));
                }
            }
            ItemData::Multiple { state, selected, other_text } => {
                for (o, col) in opts.iter().zip(selected) {
                    let valid = nulls(n, |r| state_at(&state, r) == ANSWERED);
                    let a: ArrayRef = Arc::new(UInt8Array::try_new(ScalarBuffer::from(col), valid)?);
                    push(
                        format!("{}_{}", item.id, o.code),
                        a,
                        meta(Some(("lomonitor.option", o.label.get(lang).to_owned()))),
                    );
                }
                if let Some(t) = other_text {
                    let a: ArrayRef = Arc::new(StringArray::from(
                        t.iter().map(|s| (!s.is_empty()).then_some(s.as_str())).collect::<Vec<_>>(),
                    ));
                    push(format!("{}_other", item.id), a, meta(None));
                }
                push(format!("{}_state", item.id), state_col(state)?, meta(None));
            }
            ItemData::Numeric { state, values } => {
                let valid = nulls(n, |r| state_at(&state, r) == ANSWERED);
                let a: ArrayRef = Arc::new(Float64Array::try_new(ScalarBuffer::from(values), valid)?);
                push(item.id.clone(), a, meta(None));
                push(format!("{}_state", item.id), state_col(state)?, meta(None));
            }
            ItemData::Ranking { state, ranks } => {
                for (o, col) in opts.iter().zip(ranks) {
                    let valid = nulls(n, |r| state_at(&state, r) == ANSWERED);
                    let a: ArrayRef = Arc::new(UInt8Array::try_new(ScalarBuffer::from(col), valid)?);
                    push(
                        format!("{}_{}", item.id, o.code),
                        a,
                        meta(Some(("lomonitor.option", o.label.get(lang).to_owned()))),
                    );
                }
                push(format!("{}_state", item.id), state_col(state)?, meta(None));
            }
            ItemData::Open { state, text } => {
                let a: ArrayRef = Arc::new(StringArray::from(
                    text.iter()
                        .enumerate()
                        .map(|(r, s)| (state_at(&state, r) == ANSWERED).then_some(s.as_str()))
                        .collect::<Vec<_>>(),
                ));
                push(item.id.clone(), a, meta(None));
                push(format!("{}_state", item.id), state_col(state)?, meta(None));
            }
        }
    }
    let md = HashMap::from([
        ("lomonitor.instrument".to_owned(), q.id.clone()),
        ("lomonitor.version".to_owned(), q.version.clone()),
        ("lomonitor.language".to_owned(), lang.to_string()),
    ]);
    RecordBatch::try_new(Arc::new(Schema::new_with_metadata(fields, md)), arrays)
}

// ---------------------------------------------------------------------------------------------
// ResponseSet

/// Answers to one questionnaire version: respondent metadata and one column per item.
///
/// ``len(rs)`` respondents; ``rs.to_pandas()`` gives the wide layout of the CSV export with the
/// answer codes (``labels=True``: pandas Categoricals of the labels); ``pyarrow.table(rs)`` or
/// ``polars.DataFrame(rs)`` read it through the Arrow PyCapsule interface without copying.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ResponseSet")]
pub struct PyResponseSet {
    set: Arc<ResponseSet>,
    questionnaire: Arc<Questionnaire>,
    batch: RecordBatch,
    lang: lomonitor::Language,
}

impl PyResponseSet {
    pub(crate) fn new(set: ResponseSet, questionnaire: Arc<Questionnaire>) -> PyLoResult<Self> {
        let batch = record_batch(set.clone(), &questionnaire, lomonitor::Language::Nl).map_err(arrow_err)?;
        Ok(Self { set: Arc::new(set), questionnaire, batch, lang: lomonitor::Language::Nl })
    }

    fn summary(&self) -> Table {
        let q = &self.questionnaire;
        let n = self.set.len();
        let count = |data: &ItemData, item: &Item, s: u8| {
            (0..n).filter(|&r| data.state(r, item.options().len()) == s).count() as u64
        };
        let pairs: Vec<(&Item, &ItemData)> = q.items.iter().zip(self.set.items()).collect();
        Table {
            columns: vec![
                ("item", Column::Str(pairs.iter().map(|(i, _)| i.id.clone()).collect())),
                ("kind", Column::Str(pairs.iter().map(|(i, _)| i.kind.name().to_owned()).collect())),
                ("answered", Column::Int(pairs.iter().map(|(i, d)| count(d, i, ANSWERED)).collect())),
                ("unanswered", Column::Int(pairs.iter().map(|(i, d)| count(d, i, UNANSWERED)).collect())),
                ("not_asked", Column::Int(pairs.iter().map(|(i, d)| count(d, i, NOT_ASKED)).collect())),
                (
                    "missing_code",
                    Column::Int(
                        pairs
                            .iter()
                            .map(|(i, d)| {
                                (0..n).filter(|&r| d.state(r, i.options().len()) >= MISSING_BASE).count() as u64
                            })
                            .collect(),
                    ),
                ),
            ],
        }
    }
}

#[pymethods]
impl PyResponseSet {
    /// The questionnaire id the responses are bound to.
    #[getter]
    fn instrument_id(&self) -> &str {
        self.set.instrument_id()
    }
    /// The questionnaire version the responses are bound to.
    #[getter]
    fn instrument_version(&self) -> &str {
        self.set.instrument_version()
    }
    /// Pseudonymous respondent ids, in order.
    #[getter]
    fn respondent_id(&self) -> Vec<String> {
        self.set.respondent_id().to_vec()
    }
    /// The unit (municipality code or organisation id) each response speaks for.
    #[getter]
    fn units(&self) -> Vec<String> {
        self.set.unit().iter().map(ToString::to_string).collect()
    }
    /// The column names of the wide layout (as ``to_pandas()``).
    #[getter]
    fn columns(&self) -> Vec<String> {
        column_names(&self.questionnaire)
    }
    /// The questionnaire.
    #[getter]
    fn questionnaire(&self) -> PyQuestionnaire {
        PyQuestionnaire { inner: self.questionnaire.clone() }
    }
    fn __len__(&self) -> usize {
        self.set.len()
    }
    /// The same responses, with the Arrow export's labels (dictionary values, item and option
    /// labels in the field metadata) in ``"nl"`` (Dutch, the default) or ``"en"`` (English).
    /// ``pyarrow.table(rs.with_language("en"))``.
    fn with_language(&self, py: Python<'_>, language: &str) -> PyLoResult<Self> {
        let lang = opt::<lomonitor::Language>("language", language)?;
        let (set, q) = (self.set.clone(), self.questionnaire.clone());
        let batch = py.detach(|| record_batch((*set).clone(), &q, lang)).map_err(arrow_err)?;
        Ok(Self { set, questionnaire: q, batch, lang })
    }
    /// The language of the Arrow export's labels: ``"nl"`` or ``"en"``.
    #[getter]
    fn language(&self) -> &'static str {
        self.lang.code()
    }
    /// The wide layout as ``dict[str, numpy.ndarray | list]``: codes (``labels=False``, NaN for
    /// not asked and unanswered, declared missing codes as in the file) or labels.
    #[pyo3(signature = (*, labels = false, language = None, english = None))]
    fn to_dict<'py>(
        &self,
        py: Python<'py>,
        labels: bool,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let lang = crate::options::lang_arg(language, english)?;
        let cols = py.detach(|| wide_columns(&self.set, &self.questionnaire, labels, lang));
        wide_dict(py, cols, false)
    }
    /// A pandas DataFrame in the wide layout of the CSV export: codes (default), or with
    /// ``labels=True`` pandas Categoricals of the option labels (ordered for Likert items) and
    /// declared missing numeric answers as NaN.
    #[pyo3(signature = (*, labels = false, language = None, english = None))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        labels: bool,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let lang = crate::options::lang_arg(language, english)?;
        let pd = py.import("pandas")?;
        let cols = py.detach(|| wide_columns(&self.set, &self.questionnaire, labels, lang));
        pd.call_method1("DataFrame", (wide_dict(py, cols, true)?,))
    }
    /// The Arrow PyCapsule interface: a stream of one record batch, one column per stored vector.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema; // the producer may ignore it (Arrow PyCapsule interface)
        let schema = self.batch.schema();
        let reader = RecordBatchIterator::new(vec![Ok(self.batch.clone())], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, STREAM_CAPSULE)
    }
    fn __repr__(&self) -> String {
        format!(
            "ResponseSet({} responses, instrument={}@{}, items={}, arrow_columns={})",
            self.set.len(),
            self.set.instrument_id(),
            self.set.instrument_version(),
            self.questionnaire.items.len(),
            self.batch.num_columns()
        )
    }
    fn _repr_html_(&self) -> String {
        self.summary().to_html(&format!(
            "ResponseSet: {} responses to {}@{}",
            self.set.len(),
            self.set.instrument_id(),
            self.set.instrument_version()
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// ValidationReport, Issue

/// One problem found in an import: severity, kind, file, line, column, respondent and value.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Issue")]
#[derive(Clone)]
pub struct PyIssue {
    inner: Issue,
}

#[pymethods]
impl PyIssue {
    /// ``"info"``, ``"warning"`` or ``"error"``.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.name()
    }
    /// What kind of problem (``"unknown_code"``, ``"out_of_range"``, ``"duplicate_unit"``, ...).
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.name()
    }
    /// The file.
    #[getter]
    fn file(&self) -> Option<PathBuf> {
        self.inner.location.file.clone()
    }
    /// The 1-based line (the header is line 1).
    #[getter]
    fn line(&self) -> Option<u64> {
        self.inner.location.line
    }
    /// The column.
    #[getter]
    fn column(&self) -> Option<&str> {
        self.inner.location.column.as_deref()
    }
    /// The respondent id of the row, when known.
    #[getter]
    fn respondent(&self) -> Option<&str> {
        self.inner.respondent.as_deref()
    }
    /// The value as it stood in the file.
    #[getter]
    fn value(&self) -> &str {
        &self.inner.value
    }
    /// A sentence for the researcher.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Issue(severity={:?}, kind={:?}, line={}, column={:?}, value={:?}, message={:?})",
            self.severity(),
            self.kind(),
            self.inner.location.line.map_or_else(|| "None".to_owned(), |l| l.to_string()),
            self.column().unwrap_or(""),
            self.inner.value,
            self.inner.message
        )
    }
}

/// Every problem an import found, with file, line, column and value: ``len(report)``,
/// ``for issue in report``, ``report.to_pandas()``. Validation issues are data, not exceptions.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ValidationReport")]
pub struct PyValidationReport {
    inner: ValidationReport,
}

impl PyValidationReport {
    /// One line: rows read, kept, set aside and the issues by severity.
    fn headline(&self) -> String {
        let r = &self.inner;
        format!(
            "{} rows read, {} kept, {} set aside; {} errors, {} warnings, {} notes",
            r.rows_read,
            r.rows_kept,
            r.rows_set_aside,
            r.count(Severity::Error),
            r.count(Severity::Warning),
            r.count(Severity::Info)
        )
    }
}

impl Render for PyValidationReport {
    fn table(&self) -> Table {
        let is = &self.inner.issues;
        Table {
            columns: vec![
                ("severity", Column::Str(is.iter().map(|i| i.severity.name().to_owned()).collect())),
                ("kind", Column::Str(is.iter().map(|i| i.kind.name().to_owned()).collect())),
                (
                    "file",
                    Column::OptStr(
                        is.iter().map(|i| i.location.file.as_ref().map(|f| f.display().to_string())).collect(),
                    ),
                ),
                (
                    "line",
                    Column::OptInt(is.iter().map(|i| i.location.line.and_then(|l| i64::try_from(l).ok())).collect()),
                ),
                ("column", Column::OptStr(is.iter().map(|i| i.location.column.clone()).collect())),
                ("respondent", Column::OptStr(is.iter().map(|i| i.respondent.clone()).collect())),
                ("value", Column::Str(is.iter().map(|i| i.value.clone()).collect())),
                ("message", Column::Str(is.iter().map(|i| i.message.clone()).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Validation report: {}", self.headline())
    }
    fn repr(&self) -> String {
        let mut lines = vec![format!("ValidationReport({})", self.headline())];
        for i in self.inner.issues.iter().take(10) {
            lines.push(format!("  {i}"));
        }
        if self.inner.issues.len() > 10 {
            lines.push(format!("  ... {} more", self.inner.issues.len() - 10));
        }
        lines.join("\n")
    }
}

result_class! {
    PyValidationReport(_inner) {}
    /// Every issue, in file order.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.inner.issues.iter().map(|i| PyIssue { inner: i.clone() }).collect()
    }
    /// Data rows read.
    #[getter]
    fn rows_read(&self) -> usize {
        self.inner.rows_read
    }
    /// Responses kept for analysis.
    #[getter]
    fn rows_kept(&self) -> usize {
        self.inner.rows_kept
    }
    /// Responses set aside (duplicates, unknown units), each listed in the issues.
    #[getter]
    fn rows_set_aside(&self) -> usize {
        self.inner.rows_set_aside
    }
    /// Whether there is nothing at warning level or above.
    #[getter]
    fn is_clean(&self) -> bool {
        self.inner.is_clean()
    }
    /// Number of issues at a severity (``"info"``, ``"warning"``, ``"error"``).
    fn count(&self, severity: &str) -> PyLoResult<usize> {
        let s: Severity = opt("severity", severity)?;
        Ok(self.inner.count(s))
    }
    /// The issues of one kind (``"unknown_code"``, ...); an unknown kind is an ``ArgumentError``.
    fn of_kind(&self, kind: &str) -> PyLoResult<Vec<PyIssue>> {
        let kind: IssueKind = opt("kind", kind)?;
        Ok(self.inner.issues.iter().filter(|i| i.kind == kind).map(|i| PyIssue { inner: i.clone() }).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.issues.len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<PyIssue> {
        let n = self.inner.issues.len() as isize;
        let i = if index < 0 { index + n } else { index };
        usize::try_from(i)
            .ok()
            .and_then(|i| self.inner.issues.get(i))
            .map(|i| PyIssue { inner: i.clone() })
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("issue index out of range"))
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyList::new(py, self.issues())?.try_iter()
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// import

/// What an import gives: the responses kept, those set aside, and the validation report.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ImportResult")]
pub struct PyImportResult {
    responses: Py<PyResponseSet>,
    set_aside: Py<PyResponseSet>,
    report: Py<PyValidationReport>,
    dialect: Dialect,
}

impl PyImportResult {
    pub(crate) fn new(py: Python<'_>, r: ImportResult, q: Arc<Questionnaire>) -> PyResult<Self> {
        Ok(Self {
            responses: Py::new(py, PyResponseSet::new(r.responses, q.clone())?)?,
            set_aside: Py::new(py, PyResponseSet::new(r.set_aside, q)?)?,
            report: Py::new(py, PyValidationReport { inner: r.report })?,
            dialect: r.dialect,
        })
    }
    pub(crate) fn responses_ref(&self, py: Python<'_>) -> Py<PyResponseSet> {
        self.responses.clone_ref(py)
    }
    pub(crate) fn report_ref(&self, py: Python<'_>) -> Py<PyValidationReport> {
        self.report.clone_ref(py)
    }
}

#[pymethods]
impl PyImportResult {
    /// Responses kept for analysis (one per unit).
    #[getter]
    fn responses(&self, py: Python<'_>) -> Py<PyResponseSet> {
        self.responses.clone_ref(py)
    }
    /// Responses set aside (duplicates, unknown units), each listed in the report.
    #[getter]
    fn set_aside(&self, py: Python<'_>) -> Py<PyResponseSet> {
        self.set_aside.clone_ref(py)
    }
    /// Every problem, with file, line, column and value.
    #[getter]
    fn report(&self, py: Python<'_>) -> Py<PyValidationReport> {
        self.report.clone_ref(py)
    }
    /// The dialect read: ``"lomonitor"``, ``"limesurvey"`` or ``"qualtrics"``.
    #[getter]
    fn dialect(&self) -> &'static str {
        self.dialect.name()
    }
    fn __repr__(&self) -> String {
        format!(
            "ImportResult(dialect={:?}, responses={}, set_aside={}, report={:?})",
            self.dialect(),
            self.responses.get().set.len(),
            self.set_aside.get().set.len(),
            self.report.get().headline()
        )
    }
}

/// Import a response CSV (lomonitor's layout, a LimeSurvey or a Qualtrics export) against a
/// questionnaire. Problems with single cells go into the report; file-level faults (an empty
/// file, broken CSV) raise :class:`InputError` with file and line.
///
/// ``frame`` defaults to the register carried by lomonitor; pass ``study`` to use a study's frame
/// and werkorganisaties. ``several_per_unit=True`` keeps every response of a unit (a staff
/// survey: many respondents per municipality); by default one response per unit is kept, the
/// latest complete one, and the others are set aside. ``participants`` maps LimeSurvey participant
/// tokens to units (municipality code or organisation id): a LimeSurvey export without a unit
/// column takes each response's unit from its token.
#[pyfunction]
#[pyo3(signature = (path, questionnaire, *, frame = None, study = None, dialect = "auto", decimal = "auto", unit_column = None, several_per_unit = false, participants = None))]
#[allow(clippy::too_many_arguments)] // keyword options of one import
pub fn import_responses(
    py: Python<'_>,
    path: PathBuf,
    questionnaire: &PyQuestionnaire,
    frame: Option<&PyFrame>,
    study: Option<&crate::study::PyStudy>,
    dialect: &str,
    decimal: &str,
    unit_column: Option<String>,
    several_per_unit: bool,
    participants: Option<std::collections::BTreeMap<String, String>>,
) -> PyResult<PyImportResult> {
    let dialect: Dialect = opt("dialect", dialect)?;
    let decimal: DecimalSeparator = opt("decimal", decimal)?;
    let options = ImportOptions {
        dialect,
        decimal,
        unit_column,
        several_per_unit,
        participants: participants.unwrap_or_default(),
    };
    let q = questionnaire.inner.clone();
    let embedded;
    let (the_frame, orgs_owned);
    let orgs = match study {
        Some(s) => {
            the_frame = s.inner.frame();
            s.inner.organisations()
        }
        None => {
            the_frame = match frame {
                Some(f) => &f.inner,
                None => {
                    embedded = lomonitor::Frame::embedded();
                    &embedded
                }
            };
            orgs_owned = lomonitor::Organisations::default();
            &orgs_owned
        }
    };
    let result = py.detach(|| import_csv_path(&path, &q, the_frame, orgs, &options)).map_err(PyLoError::Core)?;
    PyImportResult::new(py, result, q)
}

/// Register the classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyResponseSet>()?;
    m.add_class::<PyValidationReport>()?;
    m.add_class::<PyIssue>()?;
    m.add_class::<PyImportResult>()?;
    m.add_function(wrap_pyfunction!(import_responses, m)?)?;
    Ok(())
}
