//! What the `lomonitor` command does, reached from Python: the archive export, the interview
//! sample, erasure, the published overview's files, REFI-QDA reading, the codebook and the
//! interview guide. Wrappers only; the logic is the core's.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lomonitor::coding::{Allocation, InterviewSample};
use lomonitor::instrument::{Codebook, InterviewGuide};
use lomonitor::{Language, Study};
use pyo3::prelude::*;

use crate::coding::PyCodings;
use crate::errors::PyLoResult;

/// The files of the archive export.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ArchiveFiles")]
pub struct PyArchiveFiles {
    #[pyo3(get)]
    csv: PathBuf,
    #[pyo3(get)]
    codebook: PathBuf,
    #[pyo3(get)]
    ddi: PathBuf,
    #[pyo3(get)]
    spss: PathBuf,
}

#[pymethods]
impl PyArchiveFiles {
    fn __repr__(&self) -> String {
        format!(
            "ArchiveFiles(csv={:?}, codebook={:?}, ddi={:?}, spss={:?})",
            self.csv, self.codebook, self.ddi, self.spss
        )
    }
}

pub(crate) fn export_archive(py: Python<'_>, study: &Study, out: PathBuf) -> PyLoResult<PyArchiveFiles> {
    let (Some(q), Some(set)) = (study.questionnaire(), study.responses()) else {
        return Err(lomonitor::Error::InvalidArgument {
            name: "study",
            message: format!(
                "{}: the archive needs files.instrument and files.responses in study.toml",
                study.root().join(lomonitor::study::STUDY_FILE).display()
            ),
        }
        .into());
    };
    let f = py.detach(|| lomonitor::responses::export_archive(&out, set, q, Some(study.info()), Default::default()))?;
    Ok(PyArchiveFiles { csv: f.csv, codebook: f.codebook, ddi: f.ddi, spss: f.spss })
}

/// A stratified random sample of municipalities to interview, reproducible from its seed.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "InterviewSample")]
pub struct PyInterviewSample {
    inner: InterviewSample,
}

#[pymethods]
impl PyInterviewSample {
    /// The stratification, e.g. ``size_class``.
    #[getter]
    fn stratification(&self) -> &str {
        &self.inner.stratification
    }
    /// The sample size asked for.
    #[getter]
    fn n(&self) -> usize {
        self.inner.n
    }
    /// The seed.
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.seed
    }
    /// The municipality codes drawn, in order.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.inner.units.iter().map(|u| u.code.to_string()).collect()
    }
    /// Per stratum: its label, population N_h and allocated n_h.
    #[getter]
    fn strata(&self) -> Vec<(String, u64, usize)> {
        self.inner.strata.iter().map(|s| (s.stratum.label.clone(), s.population, s.allocated)).collect()
    }
    /// The drawn units as columns: ``code``, ``name``, ``stratum``, ``rank``.
    fn to_dict(&self) -> BTreeMap<&'static str, Vec<String>> {
        let label = |i: usize| {
            self.inner
                .strata
                .iter()
                .find(|s| s.stratum.index == i)
                .map_or_else(String::new, |s| s.stratum.label.clone())
        };
        BTreeMap::from([
            ("code", self.inner.units.iter().map(|u| u.code.to_string()).collect()),
            ("name", self.inner.units.iter().map(|u| u.name.clone()).collect()),
            ("stratum", self.inner.units.iter().map(|u| label(u.stratum)).collect()),
            ("rank", self.inner.units.iter().map(|u| u.rank.to_string()).collect()),
        ])
    }
    fn __len__(&self) -> usize {
        self.inner.units.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "InterviewSample(n={}, by={:?}, seed={}, units={})",
            self.inner.n,
            self.inner.stratification,
            self.inner.seed,
            self.inner.units.len()
        )
    }
}

pub(crate) fn sample_interviews(
    study: &Study,
    n: usize,
    by: &str,
    seed: u64,
    equal: bool,
) -> PyLoResult<PyInterviewSample> {
    let strata = study.stratification(by)?;
    let allocation = if equal { Allocation::Equal } else { Allocation::Proportional };
    let inner = InterviewSample::draw(study.frame(), &strata, n, allocation, seed)?;
    Ok(PyInterviewSample { inner })
}

/// Write the published overview as CSV, XLSX and Markdown into `out_dir`, as `lomonitor overview`.
pub(crate) fn write_overview(
    py: Python<'_>,
    study: &Study,
    out_dir: PathBuf,
    lang: Language,
) -> PyLoResult<BTreeMap<String, PathBuf>> {
    let f = py.detach(|| study.write_overview(&out_dir, lang))?;
    let files = BTreeMap::from([("csv".to_owned(), f.csv), ("xlsx".to_owned(), f.xlsx), ("md".to_owned(), f.markdown)]);
    Ok(files)
}

/// What merging two contact records did: the fields filled, the conflicts (values of both, personal
/// data: for the team, not for analysis), the fieldwork rows moved to the kept id, the files
/// rewritten. ``repr`` shows ids and counts only.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ContactMerge")]
pub struct PyContactMerge {
    #[pyo3(get)]
    kept: String,
    #[pyo3(get)]
    removed: String,
    #[pyo3(get)]
    filled: Vec<&'static str>,
    #[pyo3(get)]
    conflicts: Vec<(&'static str, String, String, String)>,
    #[pyo3(get)]
    fieldwork_rows_moved: usize,
    #[pyo3(get)]
    files_written: Vec<PathBuf>,
}

#[pymethods]
impl PyContactMerge {
    fn __repr__(&self) -> String {
        format!(
            "ContactMerge(kept={:?}, removed={:?}, filled={}, conflicts={}, fieldwork_rows_moved={})",
            self.kept,
            self.removed,
            self.filled.len(),
            self.conflicts.len(),
            self.fieldwork_rows_moved
        )
    }
}

/// Merge contact `other` into `keep` in the study's contacts file, move its fieldwork rows to
/// `keep`, and write both files (atomically, after both merges succeeded in memory).
pub(crate) fn merge_contacts(py: Python<'_>, study: &Study, keep: &str, other: &str) -> PyLoResult<PyContactMerge> {
    use lomonitor::contacts::ContactId;
    let keep = ContactId::new(keep)?;
    let other = ContactId::new(other)?;
    let merged = py.detach(|| -> lomonitor::Result<PyContactMerge> {
        let files = study.files();
        let contacts_path = files.contacts.as_deref().map(|p| study.path_of(p));
        let mut directory = study.contacts()?.strict()?;
        let report = directory.merge(&keep, &other)?;
        let mut fieldwork = match files.fieldwork.as_deref() {
            Some(p) => Some((study.path_of(p), study.fieldwork()?.strict()?)),
            None => None,
        };
        let moved = match fieldwork.as_mut() {
            Some((_, log)) => log.rename_contact(&other, &keep)?,
            None => 0,
        };
        let mut written = Vec::new();
        if let Some(path) = contacts_path {
            directory.write(&path)?;
            written.push(path);
        }
        if let Some((path, log)) = fieldwork.filter(|_| moved > 0) {
            log.write(&path)?;
            written.push(path);
        }
        Ok(PyContactMerge {
            kept: report.kept.to_string(),
            removed: report.removed.to_string(),
            filled: report.filled.iter().map(|f| f.column()).collect(),
            conflicts: report
                .conflicts
                .into_iter()
                .map(|c| (c.field.column(), c.kept, c.other, c.resolution))
                .collect(),
            fieldwork_rows_moved: moved,
            files_written: written,
        })
    })?;
    Ok(merged)
}

/// A codebook for coding interviews: codes in a hierarchy, each with its label.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Codebook")]
pub struct PyCodebook {
    pub(crate) inner: Codebook,
}

#[pymethods]
impl PyCodebook {
    /// Write the codebook as a REFI-QDA codebook (``.qdc``, the exchange format of MAXQDA,
    /// ATLAS.ti and NVivo), with the labels in ``language`` (Dutch by default).
    #[pyo3(signature = (path, *, language = None))]
    fn write_qdc(&self, py: Python<'_>, path: PathBuf, language: Option<&str>) -> PyLoResult<()> {
        let lang = crate::options::lang_arg(language, None)?;
        py.detach(|| {
            let mut buf = Vec::new();
            lomonitor::coding::write_qdc(&self.inner, lang, &mut buf, &path)?;
            lomonitor::io::write_atomic(&path, |w| w.write_all(&buf))
        })?;
        Ok(())
    }
    /// Read a codebook from a ``.toml`` or ``.json`` file.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyLoResult<Self> {
        Ok(Self { inner: py.detach(|| Codebook::load(&path))? })
    }
    /// The id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The version.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }
    /// The title (Dutch).
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title.nl
    }
    /// The code ids, in order.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.inner.codes.iter().map(|c| c.id.clone()).collect()
    }
    /// The codes as columns: ``id``, ``label``, ``parent`` (empty for a top-level code), ``codable``.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<pyo3::types::PyDict>> {
        let d = pyo3::types::PyDict::new(py);
        d.set_item("id", self.codes())?;
        d.set_item("label", self.inner.codes.iter().map(|c| c.label.nl.clone()).collect::<Vec<_>>())?;
        d.set_item(
            "parent",
            self.inner.codes.iter().map(|c| c.parent.clone().unwrap_or_default()).collect::<Vec<_>>(),
        )?;
        d.set_item("codable", self.inner.codes.iter().map(|c| c.codable).collect::<Vec<_>>())?;
        Ok(d.unbind())
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __contains__(&self, id: &str) -> bool {
        self.inner.contains(id)
    }
    fn __repr__(&self) -> String {
        format!("Codebook(id={:?}, version={:?}, codes={})", self.inner.id, self.inner.version, self.inner.len())
    }
}

/// An interview guide: topics with their questions, probes and codes.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "InterviewGuide")]
pub struct PyInterviewGuide {
    inner: InterviewGuide,
}

#[pymethods]
impl PyInterviewGuide {
    /// Read an interview guide from a ``.toml`` or ``.json`` file.
    #[staticmethod]
    pub(crate) fn load(py: Python<'_>, path: PathBuf) -> PyLoResult<Self> {
        Ok(Self { inner: py.detach(|| InterviewGuide::load(&path))? })
    }
    /// The id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The version.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }
    /// The title (Dutch).
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title.nl
    }
    /// The topic ids, in order.
    #[getter]
    fn topics(&self) -> Vec<String> {
        self.inner.topics.iter().map(|t| t.id.clone()).collect()
    }
    /// The questions as columns: ``topic``, ``question``, ``text``, ``probes`` (their number).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<pyo3::types::PyDict>> {
        let rows: Vec<_> = self.inner.topics.iter().flat_map(|t| t.questions.iter().map(move |q| (t, q))).collect();
        let d = pyo3::types::PyDict::new(py);
        d.set_item("topic", rows.iter().map(|(t, _)| t.id.clone()).collect::<Vec<_>>())?;
        d.set_item("question", rows.iter().map(|(_, q)| q.id.clone()).collect::<Vec<_>>())?;
        d.set_item("text", rows.iter().map(|(_, q)| q.text.nl.clone()).collect::<Vec<_>>())?;
        d.set_item("probes", rows.iter().map(|(_, q)| q.probes.len()).collect::<Vec<_>>())?;
        Ok(d.unbind())
    }
    fn __len__(&self) -> usize {
        self.inner.topics.len()
    }
    fn __repr__(&self) -> String {
        format!("InterviewGuide(id={:?}, topics={})", self.inner.id, self.inner.topics.len())
    }
}

/// A REFI-QDA project read from a ``.qdpx``: its codebook, the coded segments, and the project's
/// codes that map to no code of the codebook given (listed, not dropped).
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "QdaProject")]
pub struct PyQdaProject {
    #[pyo3(get)]
    name: Option<String>,
    #[pyo3(get)]
    unmapped_codes: Vec<String>,
    codebook: Codebook,
    codings: lomonitor::coding::Codings,
}

#[pymethods]
impl PyQdaProject {
    /// The codebook (the one given to :func:`read_qdpx`, or the project's own).
    #[getter]
    fn codebook(&self) -> PyCodebook {
        PyCodebook { inner: self.codebook.clone() }
    }
    /// The coded segments.
    #[getter]
    fn codings(&self) -> PyCodings {
        PyCodings { codebook: self.codebook.clone(), inner: self.codings.clone() }
    }
    fn __repr__(&self) -> String {
        format!(
            "QdaProject(name={:?}, codes={}, segments={}, unmapped_codes={})",
            self.name,
            self.codebook.len(),
            self.codings.segments.len(),
            self.unmapped_codes.len()
        )
    }
}

/// Read a REFI-QDA project (``.qdpx``), mapping its codes to ``codebook`` when given.
#[pyfunction]
#[pyo3(signature = (path, codebook = None))]
fn read_qdpx(py: Python<'_>, path: PathBuf, codebook: Option<&PyCodebook>) -> PyLoResult<PyQdaProject> {
    let p = py.detach(|| lomonitor::coding::read_qdpx(&path, codebook.map(|c| &c.inner)))?;
    Ok(PyQdaProject { name: p.name, unmapped_codes: p.unmapped_codes, codebook: p.codebook, codings: p.codings })
}

/// Read a REFI-QDA codebook (``.qdc``).
#[pyfunction]
fn read_qdc(py: Python<'_>, path: PathBuf) -> PyLoResult<PyCodebook> {
    Ok(PyCodebook { inner: py.detach(|| lomonitor::coding::read_qdc(&path))? })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyArchiveFiles>()?;
    m.add_class::<PyInterviewSample>()?;
    m.add_class::<PyContactMerge>()?;
    m.add_class::<PyCodebook>()?;
    m.add_class::<PyInterviewGuide>()?;
    m.add_class::<PyQdaProject>()?;
    m.add_function(wrap_pyfunction!(read_qdpx, m)?)?;
    m.add_function(wrap_pyfunction!(read_qdc, m)?)?;
    Ok(())
}
