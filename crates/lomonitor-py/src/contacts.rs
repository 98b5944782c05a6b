//! Contacts and fieldwork in Python: the directory (counts and issues only), coverage of the
//! frame, AAPOR rates, reminders and the published overview.
//!
//! Privacy: the analysis classes here carry municipality codes, pseudonymous contact ids and
//! counts, never names, e-mail addresses or phone numbers. The one exception is
//! `PublishedOverview`, which holds exactly what each listed person consented to publish; its
//! `repr` shows counts only.

use lomonitor::contacts::{self as core, GapReason};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::stats::results::{Render, result_class};
use crate::table::{Column, Table, ToPython};

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{:.1}%", 100.0 * v))
}

/// One problem found in a contacts or fieldwork file: severity, file, line, column, value.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "FileIssue")]
#[derive(Clone)]
pub struct PyFileIssue {
    inner: core::Issue,
}

#[pymethods]
impl PyFileIssue {
    /// ``"warning"`` (row kept) or ``"error"`` (row left out).
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.name()
    }
    /// The file.
    #[getter]
    fn file(&self) -> Option<std::path::PathBuf> {
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
    /// The offending value as it stood in the file.
    #[getter]
    fn value(&self) -> &str {
        &self.inner.value
    }
    /// What is wrong.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "FileIssue(severity={:?}, line={}, column={:?}, message={:?})",
            self.severity(),
            self.inner.location.line.map_or_else(|| "None".to_owned(), |l| l.to_string()),
            self.column().unwrap_or(""),
            self.inner.message
        )
    }
}

fn issues_of(v: &[core::Issue]) -> Vec<PyFileIssue> {
    v.iter().map(|i| PyFileIssue { inner: i.clone() }).collect()
}

// ---------------------------------------------------------------------------------------------
// directory

/// The study's contacts directory, as counts: contacts per status and role, consents, and every
/// problem found reading ``contacts.csv``. Names and addresses stay in the file; the one output
/// with personal data is :meth:`published_overview`, limited to what each person consented to.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ContactDirectory")]
pub struct PyContactDirectory {
    pub(crate) summary: core::DirectorySummary,
    pub(crate) issues: Vec<core::Issue>,
    pub(crate) ids: Vec<String>,
    pub(crate) overview: core::PublishedOverview,
}

impl PyContactDirectory {
    pub(crate) fn new(loaded: core::Loaded<core::Directory>, study: &lomonitor::Study) -> Self {
        let d = &loaded.value;
        Self {
            summary: d.summary(),
            ids: d.iter().map(|c| c.id.to_string()).collect(),
            overview: core::published_overview(d, study.frame(), study.organisations()),
            issues: loaded.issues,
        }
    }
}

#[pymethods]
impl PyContactDirectory {
    /// Contacts per status key (``active``, ``left``, ``bounced``).
    #[getter]
    fn by_status(&self) -> std::collections::BTreeMap<String, usize> {
        self.summary.by_status.clone()
    }
    /// Contacts per role key.
    #[getter]
    fn by_role(&self) -> std::collections::BTreeMap<String, usize> {
        self.summary.by_role.clone()
    }
    /// Contacts who consented to be contacted for research.
    #[getter]
    fn consent_research(&self) -> usize {
        self.summary.consent_research
    }
    /// Contacts who may be listed in the published overview.
    #[getter]
    fn consent_listed(&self) -> usize {
        self.summary.consent_listed
    }
    /// The pseudonymous contact ids.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.ids.clone()
    }
    /// Every problem found in ``contacts.csv`` (rows with an error are left out).
    #[getter]
    fn issues(&self) -> Vec<PyFileIssue> {
        issues_of(&self.issues)
    }
    /// The published overview: listed contacts per municipality, with only the fields each
    /// consented to publish.
    fn published_overview(&self) -> PyPublishedOverview {
        PyPublishedOverview { inner: self.overview.clone() }
    }
    fn __len__(&self) -> usize {
        self.summary.contacts
    }
    fn __repr__(&self) -> String {
        format!(
            "ContactDirectory(contacts={}, by_status={:?}, consent_research={}, consent_listed={}, issues={})",
            self.summary.contacts,
            self.summary.by_status,
            self.summary.consent_research,
            self.summary.consent_listed,
            self.issues.len()
        )
    }
}

/// The published overview of L&O contacts: personal data by design, limited to what each person
/// consented to publish. ``repr`` shows counts only.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "PublishedOverview")]
pub struct PyPublishedOverview {
    inner: core::PublishedOverview,
}

impl Render for PyPublishedOverview {
    fn table(&self) -> Table {
        let r = &self.inner.rows;
        Table {
            columns: vec![
                ("code", Column::Str(r.iter().map(|x| x.code.to_string()).collect())),
                ("municipality", Column::Str(r.iter().map(|x| x.municipality.clone()).collect())),
                ("province", Column::Str(r.iter().map(|x| x.province.clone()).collect())),
                ("organisation", Column::OptStr(r.iter().map(|x| x.organisation.clone()).collect())),
                ("role", Column::Str(r.iter().map(|x| x.role.label(lomonitor::Language::Nl).to_owned()).collect())),
                ("name", Column::OptStr(r.iter().map(|x| x.name.clone()).collect())),
                ("function", Column::OptStr(r.iter().map(|x| x.function.clone()).collect())),
                ("email", Column::OptStr(r.iter().map(|x| x.email.clone()).collect())),
                ("phone", Column::OptStr(r.iter().map(|x| x.phone.clone()).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Published overview of L&O contacts: {} rows (consented fields only)", self.inner.rows.len())
    }
    fn repr(&self) -> String {
        let municipalities: std::collections::BTreeSet<_> = self.inner.rows.iter().map(|r| r.code).collect();
        format!("PublishedOverview(rows={}, municipalities={})", self.inner.rows.len(), municipalities.len())
    }
}

result_class! {
    PyPublishedOverview(o) {
        /// The municipality codes with a listed contact, in the overview's order.
        fn codes -> Vec<String> = o.rows.iter().map(|r| r.code.to_string()).collect();
    }
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
}

// ---------------------------------------------------------------------------------------------
// coverage

fn gap_reason(r: &GapReason) -> &'static str {
    match r {
        GapReason::NoContact => "no_contact",
        GapReason::NoActiveContact => "no_active_contact",
        GapReason::Stale { .. } => "stale",
    }
}

/// Coverage of the frame by the directory: the share of municipalities with an active contact
/// verified within the window, overall and per stratum, and the municipalities without one.
/// Codes and counts only.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Coverage")]
pub struct PyCoverage {
    pub(crate) inner: core::Coverage,
}

impl Render for PyCoverage {
    fn table(&self) -> Table {
        let c = &self.inner;
        let mut by = vec!["all".to_owned()];
        let mut cells = vec![&c.overall];
        for g in &c.by {
            for cell in &g.cells {
                by.push(g.by.to_string());
                cells.push(cell);
            }
        }
        Table {
            columns: vec![
                ("by", Column::Str(by)),
                ("key", Column::Str(cells.iter().map(|x| x.key.clone()).collect())),
                ("label", Column::Str(cells.iter().map(|x| x.label.clone()).collect())),
                ("n", Column::Int(cells.iter().map(|x| x.n).collect())),
                ("covered", Column::Int(cells.iter().map(|x| x.covered).collect())),
                ("share", Column::Float(cells.iter().map(|x| x.share).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let c = &self.inner;
        format!(
            "Coverage on {} (verified since {}): {}/{} = {:.1}%, {} gaps",
            c.as_of,
            c.fresh_since,
            c.overall.covered,
            c.overall.n,
            100.0 * c.overall.share,
            c.gaps.len()
        )
    }
    fn repr(&self) -> String {
        let c = &self.inner;
        format!(
            "Coverage(as_of={}, window_months={}, covered={}, n={}, share={:.4}, gaps={})",
            c.as_of,
            c.window_months,
            c.overall.covered,
            c.overall.n,
            c.overall.share,
            c.gaps.len()
        )
    }
}

impl PyCoverage {
    fn gaps_table(&self) -> Table {
        let g = &self.inner.gaps;
        Table {
            columns: vec![
                ("code", Column::Str(g.iter().map(|x| x.code.to_string()).collect())),
                ("name", Column::Str(g.iter().map(|x| x.name.clone()).collect())),
                ("province", Column::Str(g.iter().map(|x| x.province.clone()).collect())),
                ("size_class", Column::Str(g.iter().map(|x| x.size_class.clone()).collect())),
                ("inhabitants", Column::Int(g.iter().map(|x| x.inhabitants).collect())),
                ("organisation", Column::OptStr(g.iter().map(|x| x.organisation.clone()).collect())),
                ("reason", Column::Str(g.iter().map(|x| gap_reason(&x.reason).to_owned()).collect())),
                (
                    "last_verified",
                    Column::OptStr(
                        g.iter()
                            .map(|x| match &x.reason {
                                GapReason::Stale { last_verified } => last_verified.map(|d| d.to_string()),
                                _ => None,
                            })
                            .collect(),
                    ),
                ),
            ],
        }
    }
}

result_class! {
    PyCoverage(c) {
        /// The measurement date.
        fn as_of -> chrono::NaiveDate = c.as_of;
        /// The freshness window in months.
        fn window_months -> u32 = c.window_months;
        /// The earliest verification date that still counts.
        fn fresh_since -> chrono::NaiveDate = c.fresh_since;
        /// Municipalities in the frame.
        fn n -> u64 = c.overall.n;
        /// Municipalities with a fresh, active contact.
        fn covered -> u64 = c.overall.covered;
        /// covered / n.
        fn share -> f64 = c.overall.share;
        /// CBS codes of the municipalities without a fresh, active contact, largest first.
        fn gaps -> Vec<String> = c.gaps.iter().map(|g| g.code.to_string()).collect();
    }
    /// The to-do list: municipalities without a fresh, active contact (public data: code, name,
    /// size, organisation, reason), as ``dict[str, list]``.
    fn gaps_to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.gaps_table().to_dict(py)
    }
    /// The to-do list as a pandas DataFrame.
    fn gaps_to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.gaps_table().to_pandas(py)
    }
}

// ---------------------------------------------------------------------------------------------
// fieldwork rates, reminders

/// AAPOR outcome rates (RR1, RR2, COOP1, COOP2, REF1, CON1) and dispositions, overall and per
/// stratum, one final disposition per municipality. Codes and counts only.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "FieldworkRates")]
pub struct PyFieldworkRates {
    pub(crate) inner: core::RatesByStratum,
}

fn rate_rows(rows: &[(String, Option<u64>, &core::AaporRates)]) -> Table {
    let d = |f: fn(&core::Dispositions) -> u64| Column::Int(rows.iter().map(|(_, _, r)| f(&r.dispositions)).collect());
    let rate = |f: fn(&core::AaporRates) -> Option<f64>| Column::OptFloat(rows.iter().map(|(_, _, r)| f(r)).collect());
    Table {
        columns: vec![
            ("stratum", Column::Str(rows.iter().map(|(l, _, _)| l.clone()).collect())),
            ("n_frame", Column::OptInt(rows.iter().map(|(_, n, _)| n.and_then(|n| i64::try_from(n).ok())).collect())),
            ("n", Column::Int(rows.iter().map(|(_, _, r)| r.n).collect())),
            ("complete", d(|x| x.complete)),
            ("partial", d(|x| x.partial)),
            ("refusal", d(|x| x.refusal)),
            ("non_contact", d(|x| x.non_contact)),
            ("unknown", d(|x| x.unknown_unit + x.unknown_other)),
            ("not_eligible", d(|x| x.not_eligible)),
            ("rr1", rate(|r| r.rr1)),
            ("rr2", rate(|r| r.rr2)),
            ("coop1", rate(|r| r.coop1)),
            ("coop2", rate(|r| r.coop2)),
            ("ref1", rate(|r| r.ref1)),
            ("con1", rate(|r| r.con1)),
        ],
    }
}

impl Render for PyFieldworkRates {
    fn table(&self) -> Table {
        let r = &self.inner;
        let mut rows = vec![("all".to_owned(), None, &r.overall)];
        rows.extend(r.strata.iter().map(|s| (s.label.clone(), Some(s.n_frame), &s.rates)));
        rate_rows(&rows)
    }
    fn caption(&self) -> String {
        let r = &self.inner;
        format!(
            "AAPOR rates by {} (base: {}{}): RR1 {}, RR2 {}",
            r.stratification,
            self.base(),
            r.as_of.map_or_else(String::new, |d| format!(", on {d}")),
            pct(r.overall.rr1),
            pct(r.overall.rr2)
        )
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        let o = &r.overall;
        format!(
            "FieldworkRates(by={:?}, base={:?}, as_of={}, n={}, rr1={}, rr2={}, coop1={}, ref1={}, con1={})",
            r.stratification,
            self.base(),
            r.as_of.map_or_else(|| "None".to_owned(), |d| d.to_string()),
            o.n,
            pct(o.rr1),
            pct(o.rr2),
            pct(o.coop1),
            pct(o.ref1),
            pct(o.con1)
        )
    }
}

impl PyFieldworkRates {
    fn base(&self) -> &'static str {
        self.inner.base.name()
    }
}

result_class! {
    PyFieldworkRates(r) {
        /// The stratification.
        fn by -> String = r.stratification.clone();
        /// The date of the state (None: the log as it stands).
        fn as_of -> Option<chrono::NaiveDate> = r.as_of;
        /// Units counted (every disposition except not eligible).
        fn n -> u64 = r.overall.n;
        /// Response rate 1 (None when nothing is counted yet).
        fn rr1 -> Option<f64> = r.overall.rr1;
        /// Response rate 2 (partials count).
        fn rr2 -> Option<f64> = r.overall.rr2;
        /// Cooperation rate 1.
        fn coop1 -> Option<f64> = r.overall.coop1;
        /// Cooperation rate 2.
        fn coop2 -> Option<f64> = r.overall.coop2;
        /// Refusal rate 1.
        fn ref1 -> Option<f64> = r.overall.ref1;
        /// Contact rate 1.
        fn con1 -> Option<f64> = r.overall.con1;
        /// Stratum labels.
        fn labels -> Vec<String> = r.strata.iter().map(|s| s.label.clone()).collect();
    }
    /// ``"invited"`` (the issued sample) or ``"frame"`` (every municipality).
    #[getter(base)]
    fn base_name(&self) -> &'static str {
        self.base()
    }
    /// Overall disposition counts: ``complete``, ``partial``, ``refusal``, ``non_contact``,
    /// ``other``, ``unknown_unit``, ``unknown_other``, ``not_eligible``.
    #[getter]
    fn dispositions(&self) -> std::collections::BTreeMap<&'static str, u64> {
        let d = &self.inner.overall.dispositions;
        std::collections::BTreeMap::from([
            ("complete", d.complete),
            ("partial", d.partial),
            ("refusal", d.refusal),
            ("non_contact", d.non_contact),
            ("other", d.other),
            ("unknown_unit", d.unknown_unit),
            ("unknown_other", d.unknown_other),
            ("not_eligible", d.not_eligible),
        ])
    }
}

/// Whom to remind: pseudonymous contact ids with the municipalities still open, the last contact
/// and the reminders sent. Join with the directory for the address when sending.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Reminders")]
pub struct PyReminders {
    pub(crate) inner: Vec<core::ReminderDue>,
    pub(crate) as_of: chrono::NaiveDate,
    pub(crate) days: u32,
}

impl Render for PyReminders {
    fn table(&self) -> Table {
        let r = &self.inner;
        Table {
            columns: vec![
                ("contact_id", Column::Str(r.iter().map(|x| x.contact_id.to_string()).collect())),
                (
                    "municipalities",
                    Column::Str(
                        r.iter()
                            .map(|x| x.municipalities.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "))
                            .collect(),
                    ),
                ),
                ("last_contact", Column::Str(r.iter().map(|x| x.last_contact.to_string()).collect())),
                ("days_since", Column::OptInt(r.iter().map(|x| Some(x.days_since)).collect())),
                ("reminders_sent", Column::Int(r.iter().map(|x| u64::from(x.reminders_sent)).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "To remind on {} (last contact more than {} days ago): {} contacts",
            self.as_of,
            self.days,
            self.inner.len()
        )
    }
    fn repr(&self) -> String {
        format!("Reminders(as_of={}, days={}, contacts={})", self.as_of, self.days, self.inner.len())
    }
}

result_class! {
    PyReminders(r) {
        /// The pseudonymous contact ids, longest waiting first.
        fn contact_ids -> Vec<String> = r.iter().map(|x| x.contact_id.to_string()).collect();
    }
    /// The reference date.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.as_of
    }
    /// The minimum number of days since the last contact.
    #[getter]
    fn days(&self) -> u32 {
        self.days
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// Register the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyFileIssue>()?;
    m.add_class::<PyContactDirectory>()?;
    m.add_class::<PyPublishedOverview>()?;
    m.add_class::<PyCoverage>()?;
    m.add_class::<PyFieldworkRates>()?;
    m.add_class::<PyReminders>()?;
    Ok(())
}
