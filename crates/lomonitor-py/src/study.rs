//! The study folder in Python.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use lomonitor::analysis::{AnalysisOptions, Weighting};
use lomonitor::stats::{CiMethod, Missing};
use lomonitor::{Organisation, Study};
use pyo3::prelude::*;

use crate::analysis::{
    PyItemCrosstab, PyItemDescriptives, PyItemFrequencies, PyItemMultiple, PyItemProportions, PyItemRanking,
    PyResponseRates, PyScaleSummary, PyWeightingSummary,
};
use crate::coding::{PyCoOccurrence, PyCodeFrequencies, PyCodings, PyIntercoderAgreement, PyJointDisplay};
use crate::contacts::{PyContactDirectory, PyCoverage, PyFieldworkRates, PyReminders};
use crate::errors::PyLoResult;
use crate::frame::{PyFrame, PyStratumTable};
use crate::instrument::PyQuestionnaire;
use crate::options::opt;
use crate::responses::{PyImportResult, PyResponseSet, PyValidationReport};

impl PyStudy {
    fn no_codings(&self) -> lomonitor::Error {
        lomonitor::Error::InvalidArgument {
            name: "study",
            message: "the study names no codings: add files.codings and files.codebook to study.toml".into(),
        }
    }
    fn codings_or_err(&self) -> lomonitor::Result<(lomonitor::instrument::Codebook, lomonitor::coding::Codings)> {
        self.inner.codings()?.ok_or_else(|| self.no_codings())
    }
}

/// The options of a study-level statistic, from the keyword arguments (``language=``, or the
/// deprecated ``english=``, for the labels).
fn options(
    weights: Option<&str>,
    level: f64,
    ci: CiMethod,
    language: Option<&str>,
    english: Option<bool>,
) -> PyLoResult<AnalysisOptions> {
    let weighting = match weights {
        Some(w) => w.parse::<Weighting>()?,
        None => Weighting::None,
    };
    Ok(AnalysisOptions { weighting, level, ci, language: crate::options::lang_arg(language, english)? })
}

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
///
/// ``Study.load(path)`` reads the folder, the questionnaire and the responses (every problem of
/// the responses goes into ``validation_report``). The analysis methods take the item id and
/// keyword options as strings: ``ci`` (``"wald"``, ``"wilson"``, ``"clopper-pearson"``,
/// ``"logit"``, ``"korn-graubard"``, ``"hypergeometric"``), ``weights`` (``None``,
/// ``"poststratify:size_class"``, ``"rake:size_class,province"``), ``level`` (0.95) and
/// ``language`` (``"nl"``, the default, or ``"en"`` for English labels; the older
/// ``english=True`` still works, with a ``DeprecationWarning``).
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Study")]
pub struct PyStudy {
    pub(crate) inner: Study,
    questionnaire: Option<Arc<lomonitor::instrument::Questionnaire>>,
    import: Option<Py<PyImportResult>>,
}

#[pymethods]
impl PyStudy {
    /// Load a study from its folder (or the path of its ``study.toml``).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| Study::load(&path)).map_err(crate::errors::PyLoError::Core)?;
        let questionnaire = inner.questionnaire().cloned().map(Arc::new);
        let import = match (inner.import(), &questionnaire) {
            (Some(r), Some(q)) => Some(Py::new(py, PyImportResult::new(py, r.clone(), q.clone())?)?),
            _ => None,
        };
        Ok(Self { inner, questionnaire, import })
    }
    /// The questionnaire (None when the study names no ``files.instrument``).
    #[getter]
    fn questionnaire(&self) -> Option<PyQuestionnaire> {
        self.questionnaire.as_ref().map(|q| PyQuestionnaire { inner: q.clone() })
    }
    /// The responses kept for analysis (None when the study names no ``files.responses``).
    #[getter]
    fn responses(&self, py: Python<'_>) -> Option<Py<PyResponseSet>> {
        self.import.as_ref().map(|i| i.get().responses_ref(py))
    }
    /// The validation report of the responses' import: every problem with line, column and value.
    #[getter]
    fn validation_report(&self, py: Python<'_>) -> Option<Py<PyValidationReport>> {
        self.import.as_ref().map(|i| i.get().report_ref(py))
    }
    /// The whole import: kept responses, those set aside, the report.
    #[getter]
    fn import_result(&self, py: Python<'_>) -> Option<Py<PyImportResult>> {
        self.import.as_ref().map(|i| i.clone_ref(py))
    }
    /// The labelled frequency table of a single-choice or Likert item.
    #[pyo3(signature = (item, *, weights = None, language = None, english = None))]
    fn frequencies(
        &self,
        py: Python<'_>,
        item: &str,
        weights: Option<&str>,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyItemFrequencies> {
        let o = options(weights, 0.95, CiMethod::Wilson, language, english)?;
        Ok(PyItemFrequencies { inner: py.detach(|| self.inner.frequencies(item, &o))? })
    }
    /// Proportions with standard errors and confidence intervals for every option of a
    /// single-choice, Likert or multiple-choice item (finite population corrected; design-based
    /// when weighted).
    #[allow(clippy::too_many_arguments)] // the keyword options of the Python method, plus py
    #[pyo3(signature = (item, *, ci = "wilson", weights = None, level = 0.95, language = None, english = None))]
    fn proportions(
        &self,
        py: Python<'_>,
        item: &str,
        ci: &str,
        weights: Option<&str>,
        level: f64,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyItemProportions> {
        let o = options(weights, level, opt("ci", ci)?, language, english)?;
        Ok(PyItemProportions { inner: py.detach(|| self.inner.proportions(item, &o))? })
    }
    /// Descriptive statistics of a Likert or numeric item.
    #[pyo3(signature = (item, *, weights = None, level = 0.95, language = None, english = None))]
    fn describe(
        &self,
        py: Python<'_>,
        item: &str,
        weights: Option<&str>,
        level: f64,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyItemDescriptives> {
        let o = options(weights, level, CiMethod::Wilson, language, english)?;
        Ok(PyItemDescriptives { inner: py.detach(|| self.inner.describe(item, &o))? })
    }
    /// A multiple-choice item: % of respondents and % of mentions per option.
    #[pyo3(signature = (item, *, weights = None, language = None, english = None))]
    fn multiple(
        &self,
        py: Python<'_>,
        item: &str,
        weights: Option<&str>,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyItemMultiple> {
        let o = options(weights, 0.95, CiMethod::Wilson, language, english)?;
        Ok(PyItemMultiple { inner: py.detach(|| self.inner.multiple(item, &o))? })
    }
    /// A ranking item: mean rank, % ranked first, % in the top k.
    #[pyo3(signature = (item, *, weights = None, language = None, english = None))]
    fn ranking(
        &self,
        py: Python<'_>,
        item: &str,
        weights: Option<&str>,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyItemRanking> {
        let o = options(weights, 0.95, CiMethod::Wilson, language, english)?;
        Ok(PyItemRanking { inner: py.detach(|| self.inner.ranking(item, &o))? })
    }
    /// A crosstab of an item by a stratum variable (``"size_class"``, ``"province"``,
    /// ``"corop"``) or another coded item, with the chi-square test (Rao–Scott when weighted);
    /// cells with fewer than ``suppress_below`` respondents are suppressed.
    #[allow(clippy::too_many_arguments)] // the keyword options of the Python method, plus py
    #[pyo3(signature = (item, by, *, weights = None, suppress_below = None, language = None, english = None))]
    fn crosstab(
        &self,
        py: Python<'_>,
        item: &str,
        by: &str,
        weights: Option<&str>,
        suppress_below: Option<i64>,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyItemCrosstab> {
        let o = options(weights, 0.95, CiMethod::Wilson, language, english)?;
        let suppress_below: Option<u64> =
            suppress_below.map(|v| crate::stats::non_negative("suppress_below", v)).transpose()?;
        Ok(PyItemCrosstab { inner: py.detach(|| self.inner.crosstab(item, by, &o, suppress_below))? })
    }
    /// The block of a scale: Cronbach's alpha with Feldt's interval, item statistics, each
    /// item's descriptives. ``missing`` is ``"listwise"`` or ``"pairwise"``.
    #[allow(clippy::too_many_arguments)] // the keyword options of the Python method, plus py
    #[pyo3(signature = (id, *, missing = "listwise", weights = None, level = 0.95, language = None, english = None))]
    fn scale(
        &self,
        py: Python<'_>,
        id: &str,
        missing: &str,
        weights: Option<&str>,
        level: f64,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyScaleSummary> {
        let missing: Missing = opt("missing", missing)?;
        let o = options(weights, level, CiMethod::Wilson, language, english)?;
        Ok(PyScaleSummary { inner: py.detach(|| self.inner.scale(id, &o, missing))? })
    }
    /// Response rates per stratum (reporting units) with the goodness-of-fit test against the
    /// frame; ``by`` defaults to the study's default stratification.
    #[pyo3(signature = (by = None, *, language = None, english = None))]
    fn response_rates(
        &self,
        py: Python<'_>,
        by: Option<&str>,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyResponseRates> {
        let lang = crate::options::lang_arg(language, english)?;
        let spec = by.map_or_else(|| self.inner.default_stratification().spec(), str::to_owned);
        Ok(PyResponseRates { inner: py.detach(|| self.inner.response_rates(&spec, lang))? })
    }
    /// The weights of the responses under a scheme (``"poststratify:size_class"``,
    /// ``"rake:size_class,province"``); None for ``"none"``.
    fn weights(&self, py: Python<'_>, scheme: &str) -> PyLoResult<Option<PyWeightingSummary>> {
        let w: Weighting = scheme.parse()?;
        let summary = py.detach(|| self.inner.weights(&w))?;
        let ids = self.inner.responses().map(|r| r.respondent_id().to_vec()).unwrap_or_default();
        Ok(summary.map(|inner| PyWeightingSummary { inner, respondent_id: ids }))
    }
    /// Build the full descriptive report and write it into ``out_dir``: the self-contained
    /// HTML report, the XLSX workbook with every table, the infographic (SVG and HTML) and one
    /// SVG per chart. ``boundaries`` is a GeoJSON of the municipalities (CBS/PDOK, WGS84) for
    /// the map of who responded, ``provinces`` one of the provinces drawn over it. Returns the
    /// paths written, by kind (``html``, ``xlsx``, ``infographic_svg``, ``infographic_html``,
    /// ``charts``, ``log``; ``pdf`` when Chromium printed it, ``overview`` with a contacts
    /// directory).
    #[pyo3(signature = (out_dir, *, boundaries = None, provinces = None, language = None, english = None))]
    fn report(
        &self,
        py: Python<'_>,
        out_dir: PathBuf,
        boundaries: Option<PathBuf>,
        provinces: Option<PathBuf>,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<BTreeMap<String, PathBuf>> {
        let mut options = self.inner.report_options();
        options.boundaries = boundaries;
        options.province_boundaries = provinces;
        if let Some(lang) = crate::options::language_arg(language, english)? {
            options.lang = lang;
        }
        let files = py.detach(|| {
            std::fs::create_dir_all(&out_dir).map_err(|e| lomonitor::Error::io(&out_dir, e))?;
            self.inner.build_report(&options)?.write(&out_dir)
        })?;
        let mut out = BTreeMap::from([
            ("html".to_owned(), files.html),
            ("xlsx".to_owned(), files.xlsx),
            ("infographic_svg".to_owned(), files.infographic_svg),
            ("infographic_html".to_owned(), files.infographic_html),
            ("charts".to_owned(), files.charts),
            ("log".to_owned(), files.log),
        ]);
        if let Some(p) = files.pdf {
            out.insert("pdf".to_owned(), p);
        }
        if let Some(p) = files.overview {
            out.insert("overview".to_owned(), p);
        }
        Ok(out)
    }
    /// Write the archive into ``out_dir``: responses CSV, codebook (Markdown), DDI Codebook 2.5,
    /// SPSS syntax (as ``lomonitor export``).
    fn export_archive(&self, py: Python<'_>, out_dir: PathBuf) -> PyLoResult<crate::front::PyArchiveFiles> {
        crate::front::export_archive(py, &self.inner, out_dir)
    }
    /// Draw a stratified random interview sample of ``n`` municipalities (as ``lomonitor sample``).
    #[pyo3(signature = (n, *, by = "size_class", seed, equal = false))]
    fn sample_interviews(
        &self,
        n: i64,
        by: &str,
        seed: i64,
        equal: bool,
    ) -> PyLoResult<crate::front::PyInterviewSample> {
        crate::front::sample_interviews(
            &self.inner,
            crate::stats::non_negative("n", n)?,
            by,
            crate::stats::non_negative("seed", seed)?,
            equal,
        )
    }
    /// Add a contact to ``files.contacts`` under the next free id and rewrite the file; returns
    /// the new id. ``covers``: municipality codes, organisation ids or municipality names.
    /// ``consent_publish`` as the file's column (``""``/``"nee"``: not listed, ``"ja"``: every
    /// field, or e.g. ``"name|email"``).
    #[pyo3(signature = (name, function, role, covers, *, email = None, phone = None, source = "", verified = None, status = "active", consent_research = false, consent_publish = "", notes = ""))]
    #[allow(clippy::too_many_arguments)]
    fn add_contact(
        &self,
        py: Python<'_>,
        name: &str,
        function: &str,
        role: &str,
        covers: Vec<String>,
        email: Option<&str>,
        phone: Option<&str>,
        source: &str,
        verified: Option<chrono::NaiveDate>,
        status: &str,
        consent_research: bool,
        consent_publish: &str,
        notes: &str,
    ) -> PyLoResult<String> {
        use lomonitor::contacts::{Contact, ContactId, Email, Phone, PublishConsent};
        let contact = Contact {
            id: ContactId::from_number(0),
            name: name.trim().to_owned(),
            function: function.trim().to_owned(),
            role: role.parse()?,
            covers: Vec::new(),
            email: email.map(Email::parse).transpose()?,
            phone: phone.map(Phone::parse).transpose()?,
            source: source.to_owned(),
            verified,
            status: status.parse()?,
            consent_research,
            consent_publish: PublishConsent::parse(consent_publish)?,
            notes: notes.to_owned(),
        };
        let covers: Vec<&str> = covers.iter().map(String::as_str).collect();
        let id = py.detach(|| self.inner.add_contact(contact, &covers))?;
        Ok(id.to_string())
    }
    /// Merge contact ``other`` into ``keep`` (fields filled, conflicts listed and noted, fieldwork
    /// rows moved) and rewrite the contacts and fieldwork files.
    fn merge_contacts(&self, py: Python<'_>, keep: &str, other: &str) -> PyLoResult<crate::front::PyContactMerge> {
        crate::front::merge_contacts(py, &self.inner, keep, other)
    }
    /// Write the published overview as CSV, XLSX and Markdown (as ``lomonitor overview``).
    #[pyo3(signature = (out_dir, *, language = None))]
    fn write_published_overview(
        &self,
        py: Python<'_>,
        out_dir: PathBuf,
        language: Option<&str>,
    ) -> PyLoResult<BTreeMap<String, PathBuf>> {
        let lang = crate::options::language_arg(language, None)?.unwrap_or(self.inner.info().language);
        crate::front::write_overview(py, &self.inner, out_dir, lang)
    }
    /// The study's codebook (``files.codebook``), or None.
    #[getter]
    fn codebook(&self, py: Python<'_>) -> PyLoResult<Option<crate::front::PyCodebook>> {
        let Some(p) = self.inner.files().codebook.as_deref() else { return Ok(None) };
        let path = self.inner.path_of(p);
        Ok(Some(crate::front::PyCodebook { inner: py.detach(|| lomonitor::instrument::Codebook::load(&path))? }))
    }
    /// The study's interview guide (``files.interview_guide``), or None.
    #[getter]
    fn interview_guide(&self, py: Python<'_>) -> PyLoResult<Option<crate::front::PyInterviewGuide>> {
        let Some(p) = self.inner.files().interview_guide.as_deref() else { return Ok(None) };
        let path = self.inner.path_of(p);
        Ok(Some(crate::front::PyInterviewGuide::load(py, path)?))
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
        self.inner.info().language.code()
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
    /// The contacts directory (``files.contacts``), as counts and the problems found reading it;
    /// never names or addresses (see :meth:`ContactDirectory.published_overview`).
    #[getter]
    fn contacts(&self, py: Python<'_>) -> PyLoResult<PyContactDirectory> {
        let loaded = py.detach(|| self.inner.contacts())?;
        Ok(PyContactDirectory::new(loaded, &self.inner))
    }
    /// Coverage of the frame by the directory at ``as_of`` (default: the study's reference date):
    /// municipalities with an active contact verified within ``window_months``, overall and by
    /// the study's breakdowns, and the list of gaps. ``roles`` restricts the roles that count
    /// (keys such as ``"lo_adviser"``). Raises :class:`InputError` when ``contacts.csv`` has rows
    /// with errors (see ``study.contacts.issues``).
    #[pyo3(signature = (as_of = None, *, window_months = 12, roles = None))]
    fn coverage(
        &self,
        py: Python<'_>,
        as_of: Option<NaiveDate>,
        window_months: i64,
        roles: Option<Vec<String>>,
    ) -> PyLoResult<PyCoverage> {
        let window_months: u32 = crate::stats::non_negative("window_months", window_months)?;
        let as_of = as_of.unwrap_or(self.inner.info().reference_date);
        let roles = roles
            .map(|r| r.iter().map(|k| k.parse::<lomonitor::contacts::Role>()).collect::<lomonitor::Result<Vec<_>>>())
            .transpose()?;
        let inner = py.detach(|| {
            let directory = self.inner.contacts()?.strict()?;
            let options = lomonitor::contacts::CoverageOptions {
                window_months,
                roles,
                breakdowns: self.inner.breakdowns().to_vec(),
                ..lomonitor::contacts::CoverageOptions::at(as_of)
            };
            self.inner.analysis().contact_coverage(&directory, &options)
        })?;
        Ok(PyCoverage { inner })
    }
    /// AAPOR outcome rates of the fieldwork log (``files.fieldwork``), overall and by ``by``
    /// (default: the study's default stratification). ``base`` is ``"invited"`` (the issued
    /// sample) or ``"frame"`` (never-invited municipalities count as unknown); ``as_of`` gives the
    /// state at the end of that day.
    #[pyo3(signature = (by = None, *, base = "invited", as_of = None))]
    fn fieldwork_rates(
        &self,
        py: Python<'_>,
        by: Option<&str>,
        base: &str,
        as_of: Option<NaiveDate>,
    ) -> PyLoResult<PyFieldworkRates> {
        use lomonitor::contacts::RateBase;
        let base: RateBase = opt("base", base)?;
        let strat = match by {
            Some(spec) => self.inner.stratification(spec)?,
            None => self.inner.default_stratification().clone(),
        };
        let inner = py.detach(|| self.inner.fieldwork()?.strict()?.rates(self.inner.frame(), &strat, base, as_of))?;
        Ok(PyFieldworkRates { inner })
    }
    /// Whom to remind on ``as_of`` (default: today): contacts with an open invitation whose
    /// last contact is more than ``days`` days ago. Pseudonymous contact ids only.
    #[pyo3(signature = (days = 14, *, as_of = None))]
    fn reminders(&self, py: Python<'_>, days: i64, as_of: Option<NaiveDate>) -> PyLoResult<PyReminders> {
        let days: u32 = crate::stats::non_negative("days", days)?;
        let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
        let inner =
            py.detach(|| Ok::<_, lomonitor::Error>(self.inner.fieldwork()?.strict()?.reminders_due(as_of, days)))?;
        Ok(PyReminders { inner, as_of, days })
    }
    /// Erase a person (by exactly one of ``email``, ``name``, ``id``) from the contacts file and
    /// the fieldwork log, write the published overview in the folder again, remove report outputs
    /// that held them, search every file of the folder and return the proof (AVG/GDPR art. 17).
    /// A contacts or fieldwork file outside the study folder is an :class:`InputError` unless
    /// ``allow_outside``.
    #[pyo3(signature = (*, email = None, name = None, id = None, allow_outside = false))]
    fn erase(
        &self,
        py: Python<'_>,
        email: Option<String>,
        name: Option<String>,
        id: Option<String>,
        allow_outside: bool,
    ) -> PyLoResult<PyErasure> {
        use lomonitor::contacts::{ContactId, PersonQuery};
        let query = match (email, name, id) {
            (Some(e), None, None) => PersonQuery::Email(e),
            (None, Some(n), None) => PersonQuery::Name(n),
            (None, None, Some(i)) => PersonQuery::Id(ContactId::new(&i)?),
            _ => return Err(crate::stats::arg("person", "give exactly one of email, name or id")),
        };
        let mut options = lomonitor::study::EraseOptions::default();
        options.allow_outside = allow_outside;
        let inner = py.detach(|| lomonitor::study::erase_with(&self.inner, &query, &options))?;
        Ok(PyErasure { inner })
    }
    /// The coded interviews (``files.codings`` with ``files.codebook``), as counts; None when the
    /// study names no codings.
    #[getter]
    fn codings(&self, py: Python<'_>) -> PyLoResult<Option<PyCodings>> {
        let c = py.detach(|| self.inner.codings())?;
        Ok(c.map(|(codebook, inner)| PyCodings { codebook, inner }))
    }
    /// Code frequencies over the codebook's theme tree; ``merge`` (``"first"``, ``"union"``,
    /// ``"intersection"``) says how double-coded segments count.
    #[pyo3(signature = (*, merge = "first", language = None, english = None))]
    fn code_frequencies(
        &self,
        py: Python<'_>,
        merge: &str,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyCodeFrequencies> {
        let lang = crate::options::lang_arg(language, english)?;
        let m = opt("merge", merge)?;
        let inner = py.detach(|| {
            let (cb, c) = self.codings_or_err()?;
            Ok::<_, lomonitor::Error>(lomonitor::coding::frequencies(&c, &cb, m))
        })?;
        Ok(PyCodeFrequencies { inner, lang })
    }
    /// Co-occurrence of codes (``level="code"``) or themes within segments or interviews.
    #[pyo3(signature = (*, scope = "segment", level = "code", merge = "first"))]
    fn co_occurrence(&self, py: Python<'_>, scope: &str, level: &str, merge: &str) -> PyLoResult<PyCoOccurrence> {
        let (s, l, m) = (opt("scope", scope)?, opt("level", level)?, opt("merge", merge)?);
        let inner = py.detach(|| {
            let (cb, c) = self.codings_or_err()?;
            Ok::<_, lomonitor::Error>(lomonitor::coding::co_occurrence(&c, &cb, s, l, m))
        })?;
        Ok(PyCoOccurrence { inner })
    }
    /// Agreement of two coders on their double-coded segments (default: the first two coders),
    /// per code (or theme) and overall: percent agreement and Cohen's kappa.
    #[pyo3(signature = (coder_a = None, coder_b = None, *, level = "code"))]
    fn intercoder_agreement(
        &self,
        py: Python<'_>,
        coder_a: Option<String>,
        coder_b: Option<String>,
        level: &str,
    ) -> PyLoResult<PyIntercoderAgreement> {
        let l = opt("level", level)?;
        let inner = py.detach(|| {
            let (cb, c) = self.codings_or_err()?;
            let coders = c.coders();
            let pick = |given: Option<String>, i: usize| {
                given.or_else(|| coders.get(i).map(|s| (*s).to_owned())).ok_or_else(|| {
                    lomonitor::Error::InvalidArgument {
                        name: "coders",
                        message: format!("the codings have {} coder(s); agreement needs two", coders.len()),
                    }
                })
            };
            let (a, b) = (pick(coder_a, 0)?, pick(coder_b, 1)?);
            lomonitor::coding::intercoder_agreement(&c, &cb, &a, &b, l)
        })?;
        Ok(PyIntercoderAgreement { inner })
    }
    /// The joint display of interview themes (``level="theme"``) or codes against the answers to
    /// a single-choice or Likert item; quotes are pseudonymised (municipality names replaced by
    /// their stratum).
    #[pyo3(signature = (item, *, level = "theme", merge = "first", language = None, english = None))]
    fn joint_display(
        &self,
        py: Python<'_>,
        item: &str,
        level: &str,
        merge: &str,
        language: Option<&str>,
        english: Option<bool>,
    ) -> PyLoResult<PyJointDisplay> {
        let lang = crate::options::lang_arg(language, english)?;
        let (l, m) = (opt("level", level)?, opt("merge", merge)?);
        let inner = py.detach(|| self.inner.joint_display(item, l, m, lang)?.ok_or_else(|| self.no_codings()))?;
        Ok(PyJointDisplay { inner, item: item.to_owned(), lang })
    }
    /// The frame's counts per stratum, with the study's size classes; ``by`` defaults to the
    /// study's default stratification.
    #[pyo3(signature = (by = None, *, language = None, english = None))]
    fn strata(&self, by: Option<&str>, language: Option<&str>, english: Option<bool>) -> PyLoResult<PyStratumTable> {
        let lang = crate::options::lang_arg(language, english)?;
        let s = match by {
            Some(spec) => self.inner.stratification(spec)?,
            None => self.inner.default_stratification().clone(),
        };
        Ok(PyStratumTable { spec: s.spec(), rows: s.counts_with_labels(self.inner.frame(), lang) })
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

/// The proof of an erasure (see :meth:`Study.erase`). It holds the person's removed rows, so that
/// the team can answer their request: keep it out of analysis outputs.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Erasure")]
pub struct PyErasure {
    inner: lomonitor::study::Erasure,
}

fn pairs(rows: &[Vec<(String, String)>]) -> Vec<BTreeMap<String, String>> {
    rows.iter().map(|r| r.iter().cloned().collect()).collect()
}

#[pymethods]
impl PyErasure {
    /// The ids of the removed contact records.
    #[getter]
    fn contact_ids(&self) -> Vec<String> {
        self.inner.contact_ids.iter().map(ToString::to_string).collect()
    }
    /// The removed rows of the contacts file, column -> value.
    #[getter]
    fn contact_rows(&self) -> Vec<BTreeMap<String, String>> {
        pairs(&self.inner.contact_rows)
    }
    /// The removed rows of the fieldwork log, column -> value.
    #[getter]
    fn fieldwork_rows(&self) -> Vec<BTreeMap<String, String>> {
        pairs(&self.inner.fieldwork_rows)
    }
    /// The working files rewritten without the person.
    #[getter]
    fn files_written(&self) -> Vec<PathBuf> {
        self.inner.files_written.clone()
    }
    /// The published overviews in the folder written again without the person.
    #[getter]
    fn files_regenerated(&self) -> Vec<PathBuf> {
        self.inner.files_regenerated.clone()
    }
    /// lomonitor's report outputs in the folder that held the person, removed.
    #[getter]
    fn files_removed(&self) -> Vec<PathBuf> {
        self.inner.files_removed.clone()
    }
    /// Every file and link searched: ``(path, kind, complete, note)``, kind one of ``"text"``,
    /// ``"binary"``, ``"zip"``, ``"gzip"``, ``"symlink"``, ``"git"``, ``"other"``.
    #[getter]
    fn searched(&self) -> Vec<(PathBuf, String, bool, Option<String>)> {
        use lomonitor::study::FileKind;
        let kind = |k: FileKind| match k {
            FileKind::Text => "text",
            FileKind::Binary => "binary",
            FileKind::Zip => "zip",
            FileKind::Gzip => "gzip",
            FileKind::Symlink => "symlink",
            FileKind::Git => "git",
            _ => "other",
        };
        self.inner
            .searched
            .iter()
            .map(|s| (s.path.clone(), kind(s.kind).to_owned(), s.complete, s.note.clone()))
            .collect()
    }
    /// Traces still found: ``(path, entry inside an archive or None, what was found)``.
    #[getter]
    fn still_found(&self) -> Vec<(PathBuf, Option<String>, String)> {
        self.inner.still_found.iter().map(|t| (t.path.clone(), t.entry.clone(), t.found.clone())).collect()
    }
    /// Copies not searched (git history, links out, files searched in part):
    /// ``(path, what, command or None)``.
    #[getter]
    fn remaining(&self) -> Vec<(PathBuf, String, Option<String>)> {
        self.inner.remaining.iter().map(|r| (r.path.clone(), r.what.clone(), r.command.clone())).collect()
    }
    /// True when no trace was found and nothing remains unsearched.
    #[getter]
    fn complete(&self) -> bool {
        self.inner.complete()
    }
    fn __repr__(&self) -> String {
        format!(
            "Erasure(contact_ids={:?}, searched={}, still_found={}, remaining={})",
            self.contact_ids(),
            self.inner.searched.len(),
            self.inner.still_found.len(),
            self.inner.remaining.len()
        )
    }
}
