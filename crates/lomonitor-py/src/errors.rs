//! Core errors become the Python exceptions of `lomonitor.exceptions`.
//!
//! The exception classes are defined in Python (`python/lomonitor/exceptions.py`) so they can carry
//! `file`, `line`, `column` and `value` attributes; this module only picks the class and fills
//! them in.

use lomonitor::Error as CoreError;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// A core error on its way to Python (the orphan rule forbids `From<CoreError> for PyErr`), or
/// a Python exception already raised on the way (a deprecation warning turned into an error).
pub enum PyLoError {
    /// An error of the core: mapped to its `lomonitor.exceptions` class.
    Core(CoreError),
    /// A Python exception, passed on unchanged.
    Py(PyErr),
}

impl From<CoreError> for PyLoError {
    fn from(e: CoreError) -> Self {
        PyLoError::Core(e)
    }
}

impl From<PyErr> for PyLoError {
    fn from(e: PyErr) -> Self {
        PyLoError::Py(e)
    }
}

impl From<PyLoError> for PyErr {
    fn from(e: PyLoError) -> PyErr {
        match e {
            PyLoError::Core(e) => Python::attach(|py| to_pyerr(py, &e)),
            PyLoError::Py(e) => e,
        }
    }
}

/// The name of the Python exception class for a core error.
fn class_name(e: &CoreError) -> &'static str {
    match e {
        CoreError::InvalidCode(_)
        | CoreError::UnknownProvince(_)
        | CoreError::InvalidValue { .. }
        | CoreError::Missing { .. }
        | CoreError::Duplicate { .. }
        | CoreError::Csv { .. }
        | CoreError::Definition { .. } => "InputError",
        CoreError::Io { .. } => "FileError",
        CoreError::NotFound { .. } => "NotFoundError",
        CoreError::Ambiguous { .. } => "AmbiguousError",
        CoreError::TooFewObservations { .. } => "InsufficientDataError",
        CoreError::InvalidArgument { .. } => "ArgumentError",
        _ => "LomonitorError",
    }
}

fn to_pyerr(py: Python<'_>, e: &CoreError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let module = py.import("lomonitor.exceptions")?;
        let class = module.getattr(class_name(e))?;
        let loc = e.location();
        let file = loc.and_then(|l| l.file.as_ref()).map(|f| f.display().to_string());
        let line = loc.and_then(|l| l.line);
        let column = loc.and_then(|l| l.column.clone());
        let value = e.value().map(str::to_owned);
        let instance = class.call1((e.to_string(), file, line, column, value))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|import_error| {
        PyRuntimeError::new_err(format!("{e} (and lomonitor.exceptions failed: {import_error})"))
    })
}

/// Shorthand for binding results.
pub type PyLoResult<T> = Result<T, PyLoError>;
