//! Coded interviews in Python: the codings (counts), code frequencies, co-occurrence,
//! intercoder agreement and the joint display.
//!
//! Quotes appear only in the joint display, pseudonymised by the core (municipality names
//! replaced by their stratum). `repr`s show counts.

use lomonitor::coding::{self as core};
use lomonitor::instrument::Codebook;
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;

use crate::stats::results::{Render, matrix, result_class};
use crate::table::{Column, Table, ToPython, matrix_html};

fn opt4(x: Option<f64>) -> String {
    x.map_or_else(|| "None".to_owned(), |v| format!("{v:.4}"))
}

/// The flat row-major copy of a square/rectangular `Vec<Vec<T>>`.
fn flat<T: Copy>(rows: &[Vec<T>]) -> Vec<T> {
    rows.iter().flatten().copied().collect()
}

// ---------------------------------------------------------------------------------------------
// codings

/// The coded interviews of a study, as counts: interviews, segments, coders, codebook.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Codings")]
pub struct PyCodings {
    pub(crate) codebook: Codebook,
    pub(crate) inner: core::Codings,
}

impl Render for PyCodings {
    fn table(&self) -> Table {
        let i = &self.inner.interviews;
        let segments = |id: &str| self.inner.segments_of(id).count() as u64;
        Table {
            columns: vec![
                ("interview", Column::Str(i.iter().map(|x| x.id.clone()).collect())),
                ("unit", Column::Str(i.iter().map(|x| x.unit.to_string()).collect())),
                ("date", Column::Str(i.iter().map(|x| x.date.to_string()).collect())),
                ("interviewer", Column::Str(i.iter().map(|x| x.interviewer.clone()).collect())),
                ("segments", Column::Int(i.iter().map(|x| segments(&x.id)).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "Codings: {} interviews, {} segments, coders {}; codebook {} ({} codes)",
            self.inner.interviews.len(),
            self.inner.segments.len(),
            self.inner.coders().join(", "),
            self.codebook.id,
            self.codebook.len()
        )
    }
    fn repr(&self) -> String {
        format!(
            "Codings(interviews={}, segments={}, coders={:?}, codebook={:?}, codes={})",
            self.inner.interviews.len(),
            self.inner.segments.len(),
            self.inner.coders(),
            self.codebook.id,
            self.codebook.len()
        )
    }
}

result_class! {
    PyCodings(c) {
        /// The interview ids, in order.
        fn interviews -> Vec<String> = c.interviews.iter().map(|i| i.id.clone()).collect();
    }
    /// Number of segments.
    #[getter]
    fn n_segments(&self) -> usize {
        self.inner.segments.len()
    }
    /// The coders, in order of first appearance.
    #[getter]
    fn coders(&self) -> Vec<String> {
        self.inner.coders().into_iter().map(str::to_owned).collect()
    }
    /// The codebook's codes in tree order: ``(id, label, depth)``.
    #[getter]
    fn codes(&self) -> Vec<(String, String, usize)> {
        self.codebook.tree_order().into_iter().map(|(c, d)| (c.id.clone(), c.label.get(lomonitor::Language::Nl).to_owned(), d)).collect()
    }
    fn __len__(&self) -> usize {
        self.inner.interviews.len()
    }
}

// ---------------------------------------------------------------------------------------------
// code frequencies

/// Code frequencies over the codebook's theme tree: segments coded with each code (directly and
/// rolled up), interviews mentioning it and their share.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "CodeFrequencies")]
pub struct PyCodeFrequencies {
    pub(crate) inner: core::CodeFrequencies,
    pub(crate) lang: lomonitor::Language,
}

impl Render for PyCodeFrequencies {
    fn table(&self) -> Table {
        let r = &self.inner.rows;
        Table {
            columns: vec![
                ("code", Column::Str(r.iter().map(|x| x.code.clone()).collect())),
                ("label", Column::Str(r.iter().map(|x| x.label.get(self.lang).to_owned()).collect())),
                ("theme", Column::Str(r.iter().map(|x| x.theme.clone()).collect())),
                ("depth", Column::Int(r.iter().map(|x| x.depth as u64).collect())),
                ("segments_direct", Column::Int(r.iter().map(|x| x.segments_direct as u64).collect())),
                ("segments", Column::Int(r.iter().map(|x| x.segments as u64).collect())),
                ("interviews", Column::Int(r.iter().map(|x| x.interviews as u64).collect())),
                ("share_interviews", Column::OptFloat(r.iter().map(|x| x.share_interviews).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "Code frequencies: {} interviews, {} segments (double-coded segments: {})",
            self.inner.n_interviews,
            self.inner.n_segments,
            self.inner.merge.name()
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let mut lines = vec![format!(
            "CodeFrequencies(n_interviews={}, n_segments={}, merge={:?}, codes={})",
            t.n_interviews,
            t.n_segments,
            t.merge.name(),
            t.rows.len()
        )];
        for r in &t.rows {
            lines.push(format!(
                "  {}{:<30} {:>4} segments {:>3} interviews",
                "  ".repeat(r.depth),
                r.code,
                r.segments,
                r.interviews
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyCodeFrequencies(t) {
        /// Number of interviews.
        fn n_interviews -> usize = t.n_interviews;
        /// Number of segments.
        fn n_segments -> usize = t.n_segments;
        /// How double-coded segments were counted.
        fn merge -> &'static str = t.merge.name();
        /// The code ids, in tree order.
        fn codes -> Vec<String> = t.rows.iter().map(|r| r.code.clone()).collect();
        /// The interview ids, in the order of ``per_interview``'s rows.
        fn interviews -> Vec<String> = t.per_interview.iter().map(|i| i.interview.clone()).collect();
    }
    /// Segments per code (rolled up).
    #[getter]
    fn segments<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.segments as u64).collect())
    }
    /// Interviews mentioning each code.
    #[getter]
    fn interview_counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.interviews as u64).collect())
    }
    /// Segments per interview (rows) and code (columns), rolled up.
    #[getter]
    fn per_interview<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<u64>>> {
        let rows: Vec<Vec<u64>> =
            self.inner.per_interview.iter().map(|i| i.counts.iter().map(|&c| c as u64).collect()).collect();
        matrix(py, &flat(&rows), rows.len(), self.inner.rows.len())
    }
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
}

// ---------------------------------------------------------------------------------------------
// co-occurrence

/// A symmetric co-occurrence matrix of codes (or themes) within segments or interviews.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "CoOccurrence")]
pub struct PyCoOccurrence {
    pub(crate) inner: core::CoOccurrence,
}

impl Render for PyCoOccurrence {
    fn table(&self) -> Table {
        let c = &self.inner;
        let k = c.codes.len();
        let code = |i: usize| c.codes.get(i).cloned().unwrap_or_default();
        Table {
            columns: vec![
                ("code_a", Column::Str((0..k * k).map(|i| code(i / k.max(1))).collect())),
                ("code_b", Column::Str((0..k * k).map(|i| code(i % k.max(1))).collect())),
                ("count", Column::Int(flat(&c.counts).into_iter().map(|x| x as u64).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Co-occurrence of {}s within {}s (n = {})", self.inner.level.name(), self.scope(), self.inner.n)
    }
    fn repr(&self) -> String {
        format!(
            "CoOccurrence(level={:?}, scope={:?}, merge={:?}, codes={}, n={})",
            self.inner.level.name(),
            self.scope(),
            self.inner.merge.name(),
            self.inner.codes.len(),
            self.inner.n
        )
    }
    fn html(&self) -> String {
        let cells: Vec<Vec<String>> =
            self.inner.counts.iter().map(|r| r.iter().map(ToString::to_string).collect()).collect();
        matrix_html(&self.caption(), "", &self.inner.codes, &self.inner.codes, &cells)
    }
}

impl PyCoOccurrence {
    fn scope(&self) -> &'static str {
        self.inner.scope.name()
    }
}

result_class! {
    PyCoOccurrence(c) {
        /// The codes (or themes): rows and columns.
        fn codes -> Vec<String> = c.codes.clone();
        /// Segments or interviews counted over.
        fn n -> usize = c.n;
        /// ``"code"`` or ``"theme"``.
        fn level -> &'static str = c.level.name();
    }
    /// ``"segment"`` or ``"interview"``.
    #[getter(scope)]
    fn scope_name(&self) -> &'static str {
        self.scope()
    }
    /// ``counts[a, b]``: units carrying both; the diagonal: units carrying the code.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<u64>>> {
        let k = self.inner.codes.len();
        let v: Vec<u64> = flat(&self.inner.counts).into_iter().map(|x| x as u64).collect();
        matrix(py, &v, k, k)
    }
}

// ---------------------------------------------------------------------------------------------
// intercoder agreement

/// Agreement of two coders on their double-coded segments, per code and overall: percent
/// agreement and Cohen's kappa on the presence of each code.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "IntercoderAgreement")]
pub struct PyIntercoderAgreement {
    pub(crate) inner: core::IntercoderAgreement,
}

impl Render for PyIntercoderAgreement {
    fn table(&self) -> Table {
        let p = &self.inner.per_code;
        Table {
            columns: vec![
                ("code", Column::Str(p.iter().map(|x| x.code.clone()).collect())),
                ("n_segments", Column::Int(p.iter().map(|x| x.n_segments as u64).collect())),
                ("both", Column::Int(p.iter().map(|x| x.both as u64).collect())),
                ("only_first", Column::Int(p.iter().map(|x| x.only_first as u64).collect())),
                ("only_second", Column::Int(p.iter().map(|x| x.only_second as u64).collect())),
                ("neither", Column::Int(p.iter().map(|x| x.neither as u64).collect())),
                ("percent_agreement", Column::Float(p.iter().map(|x| x.percent_agreement).collect())),
                ("kappa", Column::OptFloat(p.iter().map(|x| x.kappa).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let a = &self.inner;
        format!(
            "Intercoder agreement {} / {} on {} segments ({} interviews): agreement {}, kappa {}; {}",
            a.coders[0],
            a.coders[1],
            a.n_segments,
            a.n_interviews,
            opt4(a.percent_agreement),
            opt4(a.kappa),
            a.coefficient
        )
    }
    fn repr(&self) -> String {
        let a = &self.inner;
        format!(
            "IntercoderAgreement(coders={:?}, level={:?}, n_segments={}, n_interviews={}, n_codes_used={}, percent_agreement={}, kappa={}, mean_kappa={})",
            a.coders,
            a.level.name(),
            a.n_segments,
            a.n_interviews,
            a.n_codes_used,
            opt4(a.percent_agreement),
            opt4(a.kappa),
            opt4(a.mean_kappa)
        )
    }
}

result_class! {
    PyIntercoderAgreement(a) {
        /// The two coders.
        fn coders -> (String, String) = (a.coders[0].clone(), a.coders[1].clone());
        /// ``"code"`` or ``"theme"``.
        fn level -> &'static str = a.level.name();
        /// The coefficient, in words.
        fn coefficient -> String = a.coefficient.clone();
        /// Segments coded by both.
        fn n_segments -> usize = a.n_segments;
        /// Interviews with such segments.
        fn n_interviews -> usize = a.n_interviews;
        /// Codes at least one coder used on these segments.
        fn n_codes_used -> usize = a.n_codes_used;
        /// Overall observed agreement (pooled over the used codes).
        fn percent_agreement -> Option<f64> = a.percent_agreement;
        /// Overall Cohen's kappa of the pooled table.
        fn kappa -> Option<f64> = a.kappa;
        /// Mean of the per-code kappas that are defined.
        fn mean_kappa -> Option<f64> = a.mean_kappa;
    }
    fn __len__(&self) -> usize {
        self.inner.per_code.len()
    }
}

// ---------------------------------------------------------------------------------------------
// joint display

/// A joint display (Fetters, Curry & Creswell 2013): interview themes (rows) against the
/// categories of one questionnaire answer (columns); each cell counts the interviewed units in
/// that category mentioning the theme, with a pseudonymised quote.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "JointDisplay")]
pub struct PyJointDisplay {
    pub(crate) inner: core::JointDisplay,
    pub(crate) item: String,
    pub(crate) lang: lomonitor::Language,
}

impl PyJointDisplay {
    fn row_labels(&self) -> Vec<String> {
        self.inner.row_labels.iter().map(|t| t.get(self.lang).to_owned()).collect()
    }
}

impl Render for PyJointDisplay {
    fn table(&self) -> Table {
        let j = &self.inner;
        let k = j.categories.len();
        let labels = self.row_labels();
        let cells: Vec<&core::JointCell> = j.cells.iter().flatten().collect();
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        Table {
            columns: vec![
                ("row", Column::Str((0..cells.len()).map(|i| at(&j.rows, i / k.max(1))).collect())),
                ("label", Column::Str((0..cells.len()).map(|i| at(&labels, i / k.max(1))).collect())),
                ("category", Column::Str((0..cells.len()).map(|i| at(&j.categories, i % k.max(1))).collect())),
                ("interviews", Column::Int(cells.iter().map(|c| c.interviews as u64).collect())),
                (
                    "category_interviews",
                    Column::Int(
                        (0..cells.len())
                            .map(|i| j.category_interviews.get(i % k.max(1)).copied().unwrap_or(0) as u64)
                            .collect(),
                    ),
                ),
                ("quote", Column::OptStr(cells.iter().map(|c| c.quote.as_ref().map(|q| q.text.clone())).collect())),
                (
                    "quote_interview",
                    Column::OptStr(cells.iter().map(|c| c.quote.as_ref().map(|q| q.interview.clone())).collect()),
                ),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "Joint display: {}s by {} ({} interviews with an answer, {} without)",
            self.inner.level.name(),
            self.item,
            self.inner.n_interviews,
            self.inner.without_answer.len()
        )
    }
    fn repr(&self) -> String {
        let j = &self.inner;
        let mut lines = vec![format!(
            "JointDisplay(item={:?}, level={:?}, rows={}, categories={:?}, n_interviews={}, without_answer={})",
            self.item,
            j.level.name(),
            j.rows.len(),
            j.categories,
            j.n_interviews,
            j.without_answer.len()
        )];
        for (row, cells) in j.rows.iter().zip(&j.cells) {
            let counts: String = cells
                .iter()
                .zip(&j.category_interviews)
                .map(|(c, n)| format!("{:>8}", format!("{}/{}", c.interviews, n)))
                .collect();
            lines.push(format!("  {row:<28}{counts}"));
        }
        lines.join("\n")
    }
    fn html(&self) -> String {
        let j = &self.inner;
        let cells: Vec<Vec<String>> = j
            .cells
            .iter()
            .map(|r| {
                r.iter()
                    .zip(&j.category_interviews)
                    .map(|(c, n)| match &c.quote {
                        Some(q) => format!("{}/{}: “{}”", c.interviews, n, q.text),
                        None => format!("{}/{}", c.interviews, n),
                    })
                    .collect()
            })
            .collect();
        matrix_html(&self.caption(), "", &self.row_labels(), &j.categories, &cells)
    }
}

result_class! {
    PyJointDisplay(j) {
        /// The row ids (themes or codes).
        fn rows -> Vec<String> = j.rows.clone();
        /// The answer categories (the item's options).
        fn categories -> Vec<String> = j.categories.clone();
        /// Interviews per category (the denominators).
        fn category_interviews -> Vec<usize> = j.category_interviews.clone();
        /// Interviews whose unit answered the item.
        fn n_interviews -> usize = j.n_interviews;
        /// Interviews whose unit has no answer (left out).
        fn without_answer -> Vec<String> = j.without_answer.clone();
        /// ``"code"`` or ``"theme"``.
        fn level -> &'static str = j.level.name();
        /// The pseudonymised quotes, rows x categories (None for empty cells).
        fn quotes -> Vec<Vec<Option<String>>> =
            j.cells.iter().map(|r| r.iter().map(|c| c.quote.as_ref().map(|q| q.text.clone())).collect()).collect();
    }
    /// The item id of the columns.
    #[getter]
    fn item(&self) -> &str {
        &self.item
    }
    /// The row labels.
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.row_labels()
    }
    /// Interviews per cell, rows x categories.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<u64>>> {
        let j = &self.inner;
        let v: Vec<u64> = j.cells.iter().flatten().map(|c| c.interviews as u64).collect();
        matrix(py, &v, j.rows.len(), j.categories.len())
    }
}

/// Register the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCodings>()?;
    m.add_class::<PyCodeFrequencies>()?;
    m.add_class::<PyCoOccurrence>()?;
    m.add_class::<PyIntercoderAgreement>()?;
    m.add_class::<PyJointDisplay>()?;
    Ok(())
}
