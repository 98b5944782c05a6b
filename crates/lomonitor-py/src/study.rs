//! The study folder in Python.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use lomonitor::{Organisation, Study};
use pyo3::prelude::*;

use crate::errors::PyLoResult;
use crate::frame::{PyFrame, PyStratumTable};

/// A werkorganisatie serving several municipalities.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Organisation")]
pub struct PyOrganisation {
    inner: Organisation,
}

#[pymethods]
impl PyOrganisation {
    /// Stable id, e.g. ``"buch"``.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }
    /// Name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// CBS codes of the municipalities it serves.
    #[getter]
    fn municipalities(&self) -> Vec<String> {
        self.inner.municipalities.iter().map(ToString::to_string).collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "Organisation(id={:?}, name={:?}, municipalities={:?})",
            self.id(),
            self.inner.name,
            self.municipalities()
        )
    }
}

/// A study folder: ``study.toml`` with the frame, strata, organisations and the study's files.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Study")]
pub struct PyStudy {
    inner: Study,
}

#[pymethods]
impl PyStudy {
    /// Load a study from its folder (or the path of its ``study.toml``).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyLoResult<Self> {
        let inner = py.detach(|| Study::load(&path))?;
        Ok(Self { inner })
    }
    /// The title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.info().title
    }
    /// The study's reference date.
    #[getter]
    fn reference_date(&self) -> NaiveDate {
        self.inner.info().reference_date
    }
    /// Report language, ``"nl"`` or ``"en"``.
    #[getter]
    fn language(&self) -> &'static str {
        match self.inner.info().language {
            lomonitor::Language::En => "en",
            _ => "nl",
        }
    }
    /// The folder.
    #[getter]
    fn root(&self) -> PathBuf {
        self.inner.root().to_path_buf()
    }
    /// The population frame.
    #[getter]
    fn frame(&self) -> PyFrame {
        PyFrame { inner: self.inner.frame().clone() }
    }
    /// The werkorganisaties.
    #[getter]
    fn organisations(&self) -> Vec<PyOrganisation> {
        self.inner.organisations().iter().map(|o| PyOrganisation { inner: o.clone() }).collect()
    }
    /// Number of reporting units when counting per organisation.
    #[getter]
    fn n_units(&self) -> usize {
        self.inner.organisations().units(self.inner.frame()).len()
    }
    /// The files named in ``study.toml`` (key -> path relative to the folder).
    #[getter]
    fn files(&self) -> BTreeMap<String, PathBuf> {
        self.inner.files().named().into_iter().map(|(k, p)| (k.to_owned(), p.to_path_buf())).collect()
    }
    /// The frame's counts per stratum, with the study's size classes; ``by`` defaults to the
    /// study's default stratification.
    #[pyo3(signature = (by = None, *, english = false))]
    fn strata(&self, by: Option<&str>, english: bool) -> PyLoResult<PyStratumTable> {
        let s = match by {
            Some(spec) => self.inner.stratification(spec)?,
            None => self.inner.default_stratification().clone(),
        };
        Ok(PyStratumTable { spec: s.spec(), rows: s.counts_with_labels(self.inner.frame(), english) })
    }
    fn __repr__(&self) -> String {
        format!(
            "Study({:?}, frame={} municipalities, organisations={}, files={:?})",
            self.inner.info().title,
            self.inner.frame().len(),
            self.inner.organisations().len(),
            self.inner.files().named().iter().map(|(k, _)| *k).collect::<Vec<_>>()
        )
    }
}
