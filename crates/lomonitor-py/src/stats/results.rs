//! The results of `lomonitor.stats` as frozen Python classes.
//!
//! Each class wraps the core result unchanged (`inner`) and adds getters, `__repr__`,
//! `_repr_html_`, `to_dict()` and `to_pandas()`. Absent values (`Option::None` in Rust) are
//! `None` in Python; vectors of numbers are numpy arrays. No statistics are computed here.

use lomonitor::stats::{self as core, CellStatus, Coefficient};
use numpy::{PyArray1, PyArray2, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::PyLoError;
use crate::table::{Column, Table, ToPython};

/// What every result class renders from.
pub(crate) trait Render {
    /// The result as a small table (one row for a single estimate).
    fn table(&self) -> Table;
    /// The caption of the HTML table.
    fn caption(&self) -> String;
    /// `repr()`.
    fn repr(&self) -> String;
    /// The result as the core's table (title = the caption): what every rendering reads.
    fn core_table(&self) -> lomonitor::table::Table {
        self.table().to_table(&self.caption())
    }
    /// `_repr_html_()`: the core's HTML of [`Render::core_table`], unless a class shows a matrix.
    fn html(&self) -> String {
        lomonitor::report::html_table(&self.core_table(), lomonitor::Language::En)
    }
}

/// Generates the `#[pymethods]` block of a result class: simple getters, `to_dict`,
/// `to_pandas`, `_repr_html_`, `__repr__`, then any further methods given.
macro_rules! result_class {
    (
        $ty:ident ($inner:ident) {
            $( $(#[doc = $doc:literal])* fn $name:ident -> $t:ty = $e:expr; )*
        }
        $($extra:tt)*
    ) => {
        #[pymethods]
        impl $ty {
            $(
                $(#[doc = $doc])*
                #[getter]
                fn $name(&self) -> $t {
                    let $inner = &self.inner;
                    $e
                }
            )*
            /// The result as columns, ``dict[str, list]``.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, ::pyo3::types::PyDict>> {
                Render::table(self).to_dict(py)
            }
            /// The result as a pandas DataFrame (pandas is imported on first use).
            fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Render::table(self).to_pandas(py)
            }
            fn _repr_html_(&self) -> String {
                Render::html(self)
            }
            fn __repr__(&self) -> String {
                Render::repr(self)
            }
            $($extra)*
        }
    };
}

fn f(x: f64) -> Column {
    Column::Float(vec![x])
}
fn of(x: Option<f64>) -> Column {
    Column::OptFloat(vec![x])
}
fn int(x: u64) -> Column {
    Column::Int(vec![x])
}
fn s(x: impl Into<String>) -> Column {
    Column::Str(vec![x.into()])
}
fn os(x: Option<String>) -> Column {
    Column::OptStr(vec![x])
}
fn b(x: bool) -> Column {
    Column::Bool(vec![x])
}
fn ints(v: impl IntoIterator<Item = usize>) -> Column {
    Column::Int(v.into_iter().map(|x| x as u64).collect())
}

/// A p-value: four decimals, or scientific notation below 0.0001.
pub(crate) fn pv(p: f64) -> String {
    if p != 0.0 && p < 1e-4 { format!("{p:.2e}") } else { format!("{p:.4}") }
}

/// Four decimals, or "None".
fn fmt_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "None".to_owned(), |v| format!("{v:.4}"))
}

/// A row-major vector as a 2-D numpy array.
pub(crate) fn matrix<'py, T: numpy::Element + Clone>(
    py: Python<'py>,
    v: &[T],
    rows: usize,
    cols: usize,
) -> PyResult<Bound<'py, PyArray2<T>>> {
    PyArray1::from_slice(py, v).reshape([rows, cols])
}

/// `None` as NaN, for numpy arrays of percentages.
fn nan(v: &[Option<f64>]) -> Vec<f64> {
    v.iter().map(|x| x.unwrap_or(f64::NAN)).collect()
}

// ---------------------------------------------------------------------------------------------
// proportions and survey estimates

/// A proportion x / n with its standard error and confidence interval.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ProportionEstimate")]
pub struct PyProportionEstimate {
    pub(crate) inner: core::ProportionEstimate,
}

impl Render for PyProportionEstimate {
    fn table(&self) -> Table {
        let e = &self.inner;
        Table {
            columns: vec![
                ("estimate", f(e.estimate)),
                ("se", f(e.se)),
                ("lower", f(e.interval.lower)),
                ("upper", f(e.interval.upper)),
                ("level", f(e.interval.level)),
                ("method", s(e.method.name())),
                ("x", int(e.x)),
                ("n", int(e.n)),
                ("population", Column::OptFloat(vec![e.population.map(|p| p as f64)])),
                ("degenerate", b(e.degenerate)),
                ("degenerate_reason", os(e.degenerate_reason.clone())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "Proportion {}/{} ({}, {:.0}%)",
            self.inner.x,
            self.inner.n,
            self.method(),
            100.0 * self.inner.interval.level
        )
    }
    fn repr(&self) -> String {
        let e = &self.inner;
        format!(
            "ProportionEstimate(estimate={:.4}, se={:.4}, ci=[{:.4}, {:.4}], level={}, method={:?}, x={}, n={}, population={:?}{})",
            e.estimate,
            e.se,
            e.interval.lower,
            e.interval.upper,
            e.interval.level,
            e.method.name(),
            e.x,
            e.n,
            e.population,
            if e.degenerate { ", degenerate=True" } else { "" }
        )
    }
}

result_class! {
    PyProportionEstimate(e) {
        /// The proportion x / n.
        fn estimate -> f64 = e.estimate;
        /// Standard error sqrt((1 - n/N) p (1 - p) / n).
        fn se -> f64 = e.se;
        /// Lower bound of the interval.
        fn lower -> f64 = e.interval.lower;
        /// Upper bound of the interval.
        fn upper -> f64 = e.interval.upper;
        /// Confidence level.
        fn level -> f64 = e.interval.level;
        /// The interval method, e.g. ``"wilson"``.
        fn method -> &'static str = e.method.name();
        /// Number of successes.
        fn x -> u64 = e.x;
        /// Sample size.
        fn n -> u64 = e.n;
        /// Population size, when given.
        fn population -> Option<u64> = e.population;
        /// Whether the interval has zero width because the method breaks down.
        fn degenerate -> bool = e.degenerate;
        /// Why the interval is degenerate.
        fn degenerate_reason -> Option<String> = e.degenerate_reason.clone();
    }
}

/// A design-based (weighted, stratified) mean or proportion.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "SurveyEstimate")]
pub struct PySurveyEstimate {
    pub(crate) inner: core::SurveyEstimate,
}

impl Render for PySurveyEstimate {
    fn table(&self) -> Table {
        let e = &self.inner;
        Table {
            columns: vec![
                ("estimate", f(e.estimate)),
                ("se", f(e.se)),
                ("lower", f(e.interval.lower)),
                ("upper", f(e.interval.upper)),
                ("level", f(e.interval.level)),
                ("df", f(e.df)),
                ("n", ints([e.n])),
                ("n_strata", ints([e.n_strata])),
                ("sum_weights", f(e.sum_weights)),
                ("deff", of(e.deff)),
                ("method", os(e.method.map(|m| m.name()).map(str::to_owned))),
                ("fpc", b(e.fpc)),
                ("degenerate", b(e.degenerate)),
                ("degenerate_reason", os(e.degenerate_reason.clone())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Design-based estimate, n = {}, {} strata", self.inner.n, self.inner.n_strata)
    }
    fn repr(&self) -> String {
        let e = &self.inner;
        format!(
            "SurveyEstimate(estimate={:.4}, se={:.4}, ci=[{:.4}, {:.4}], level={}, df={}, n={}, n_strata={}, deff={}, method={:?}, fpc={}{})",
            e.estimate,
            e.se,
            e.interval.lower,
            e.interval.upper,
            e.interval.level,
            e.df,
            e.n,
            e.n_strata,
            fmt_opt(e.deff),
            e.method.map(|m| m.name()),
            if e.fpc { "True" } else { "False" },
            if e.degenerate { ", degenerate=True" } else { "" }
        )
    }
}

result_class! {
    PySurveyEstimate(e) {
        /// The weighted (Hájek) mean or proportion.
        fn estimate -> f64 = e.estimate;
        /// Taylor-linearized standard error.
        fn se -> f64 = e.se;
        /// Lower bound of the interval.
        fn lower -> f64 = e.interval.lower;
        /// Upper bound of the interval.
        fn upper -> f64 = e.interval.upper;
        /// Confidence level.
        fn level -> f64 = e.interval.level;
        /// Degrees of freedom n - H.
        fn df -> f64 = e.df;
        /// Number of observations.
        fn n -> usize = e.n;
        /// Strata holding observations.
        fn n_strata -> usize = e.n_strata;
        /// Sum of the weights.
        fn sum_weights -> f64 = e.sum_weights;
        /// Kish's design effect against SRSWOR, or None.
        fn deff -> Option<f64> = e.deff;
        /// The interval method of a proportion (None for a mean).
        fn method -> Option<&'static str> = e.method.map(|m| m.name());
        /// Whether a stratum fpc was applied.
        fn fpc -> bool = e.fpc;
        /// Whether the interval has zero width because the method breaks down.
        fn degenerate -> bool = e.degenerate;
        /// Why the interval is degenerate.
        fn degenerate_reason -> Option<String> = e.degenerate_reason.clone();
    }
}

// ---------------------------------------------------------------------------------------------
// frequencies, descriptives, multiple response, ranking

/// A frequency table in the SPSS FREQUENCIES layout.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "FrequencyTable")]
pub struct PyFrequencyTable {
    pub(crate) inner: core::FrequencyTable,
}

impl Render for PyFrequencyTable {
    fn table(&self) -> Table {
        let r = &self.inner.rows;
        Table {
            columns: vec![
                ("level", ints(r.iter().map(|x| x.level))),
                ("kind", Column::Str(r.iter().map(|x| x.kind.name().to_owned()).collect())),
                ("count", Column::Float(r.iter().map(|x| x.count).collect())),
                ("percent", Column::Float(r.iter().map(|x| x.percent).collect())),
                ("valid_percent", Column::OptFloat(r.iter().map(|x| x.valid_percent).collect())),
                ("cumulative_valid_percent", Column::OptFloat(r.iter().map(|x| x.cumulative_valid_percent).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        format!(
            "Frequencies{}: n = {}, valid {}, missing {}",
            if t.weighted { " (weighted)" } else { "" },
            t.n_total,
            t.n_valid,
            t.n_missing
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let mut lines = vec![format!(
            "FrequencyTable(n_total={}, n_valid={}, n_missing={}, weighted={})",
            t.n_total,
            t.n_valid,
            t.n_missing,
            if t.weighted { "True" } else { "False" }
        )];
        lines.push(format!("  {:>5} {:<12} {:>10} {:>8} {:>8} {:>8}", "level", "kind", "count", "%", "valid%", "cum%"));
        for r in &t.rows {
            lines.push(format!(
                "  {:>5} {:<12} {:>10.2} {:>8.2} {:>8} {:>8}",
                r.level,
                r.kind.name(),
                r.count,
                r.percent,
                r.valid_percent.map_or_else(String::new, |v| format!("{v:.2}")),
                r.cumulative_valid_percent.map_or_else(String::new, |v| format!("{v:.2}"))
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyFrequencyTable(t) {
        /// Total count (sum of weights when weighted).
        fn n_total -> f64 = t.n_total;
        /// Count in valid levels.
        fn n_valid -> f64 = t.n_valid;
        /// Count in missing levels.
        fn n_missing -> f64 = t.n_missing;
        /// Whether the counts are sums of weights.
        fn weighted -> bool = t.weighted;
        /// The kind of each level: ``"valid"``, ``"user_missing"`` or ``"unanswered"``.
        fn kinds -> Vec<&'static str> = t.rows.iter().map(|r| r.kind.name()).collect();
    }
    /// Count (sum of weights) per level.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.count).collect())
    }
    /// Percentage of all observations per level.
    #[getter]
    fn percent<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.percent).collect())
    }
    /// Percentage of the valid observations per level (NaN for missing levels).
    #[getter]
    fn valid_percent<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.valid_percent.unwrap_or(f64::NAN)).collect())
    }
    /// Cumulative valid percentage per level (NaN for missing levels).
    #[getter]
    fn cumulative_valid_percent<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(
            py,
            self.inner.rows.iter().map(|r| r.cumulative_valid_percent.unwrap_or(f64::NAN)).collect(),
        )
    }
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
}

/// Descriptive statistics of one numeric or Likert item.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Descriptives")]
pub struct PyDescriptives {
    pub(crate) inner: core::Descriptives,
}

impl Render for PyDescriptives {
    fn table(&self) -> Table {
        let d = &self.inner;
        Table {
            columns: vec![
                ("n", ints([d.n])),
                ("missing", ints([d.missing])),
                ("sum_weights", f(d.sum_weights)),
                ("mean", f(d.mean)),
                ("sd", of(d.sd)),
                ("se", of(d.se)),
                ("lower", of(d.ci.map(|c| c.lower))),
                ("upper", of(d.ci.map(|c| c.upper))),
                ("median", f(d.median)),
                ("q1", f(d.q1)),
                ("q3", f(d.q3)),
                ("min", f(d.min)),
                ("max", f(d.max)),
                ("top_box_percent", of(d.top_box_percent)),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "Descriptives{}, n = {}, missing {}",
            if self.inner.weighted { " (weighted)" } else { "" },
            self.inner.n,
            self.inner.missing
        )
    }
    fn repr(&self) -> String {
        let d = &self.inner;
        format!(
            "Descriptives(n={}, missing={}, mean={:.4}, sd={}, se={}, ci=[{}, {}], median={}, q1={}, q3={}, min={}, max={}, top_box_percent={}, weighted={})",
            d.n,
            d.missing,
            d.mean,
            fmt_opt(d.sd),
            fmt_opt(d.se),
            fmt_opt(d.ci.map(|c| c.lower)),
            fmt_opt(d.ci.map(|c| c.upper)),
            d.median,
            d.q1,
            d.q3,
            d.min,
            d.max,
            fmt_opt(d.top_box_percent),
            if d.weighted { "True" } else { "False" }
        )
    }
}

result_class! {
    PyDescriptives(d) {
        /// Valid (non-missing) observations.
        fn n -> usize = d.n;
        /// Missing observations (NaN or None in the input).
        fn missing -> usize = d.missing;
        /// Sum of the weights of the valid observations.
        fn sum_weights -> f64 = d.sum_weights;
        /// Whether weights were used.
        fn weighted -> bool = d.weighted;
        /// (Weighted) mean.
        fn mean -> f64 = d.mean;
        /// Standard deviation (n - 1); None when n = 1.
        fn sd -> Option<f64> = d.sd;
        /// Standard error of the mean with fpc; None when n = 1.
        fn se -> Option<f64> = d.se;
        /// Lower bound of the t interval of the mean; None when n = 1.
        fn lower -> Option<f64> = d.ci.map(|c| c.lower);
        /// Upper bound of the t interval of the mean; None when n = 1.
        fn upper -> Option<f64> = d.ci.map(|c| c.upper);
        /// Confidence level of the interval; None when n = 1.
        fn level -> Option<f64> = d.ci.map(|c| c.level);
        /// Median.
        fn median -> f64 = d.median;
        /// First quartile.
        fn q1 -> f64 = d.q1;
        /// Third quartile.
        fn q3 -> f64 = d.q3;
        /// Smallest value.
        fn min -> f64 = d.min;
        /// Largest value.
        fn max -> f64 = d.max;
        /// Percentage of valid observations in the top codes; None without top codes.
        fn top_box_percent -> Option<f64> = d.top_box_percent;
        /// The quantile definition, ``"linear"`` or ``"spss"``.
        fn quantile_method -> &'static str = d.quantile_method.name();
        /// Population size used for the fpc.
        fn population -> Option<u64> = d.population;
    }
    /// Every distinct value with its count and percentage: ``{"value": [...], "count": [...],
    /// "percent": [...]}``.
    #[getter]
    fn distribution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.inner.distribution;
        Table {
            columns: vec![
                ("value", Column::Float(d.iter().map(|v| v.value).collect())),
                ("count", Column::Float(d.iter().map(|v| v.count).collect())),
                ("percent", Column::Float(d.iter().map(|v| v.percent).collect())),
            ],
        }
        .to_dict(py)
    }
}

/// A multiple-response (check all that apply) table.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "MultipleResponse")]
pub struct PyMultipleResponse {
    pub(crate) inner: core::MultipleResponse,
}

impl Render for PyMultipleResponse {
    fn table(&self) -> Table {
        let o = &self.inner.options;
        Table {
            columns: vec![
                ("option", ints(o.iter().map(|x| x.option))),
                ("count", Column::Float(o.iter().map(|x| x.count).collect())),
                ("percent_of_respondents", Column::Float(o.iter().map(|x| x.percent_of_respondents).collect())),
                ("percent_of_mentions", Column::OptFloat(o.iter().map(|x| x.percent_of_mentions).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Multiple response: base {}, {} mentions", self.inner.base, self.inner.mentions)
    }
    fn repr(&self) -> String {
        let m = &self.inner;
        let mut lines = vec![format!(
            "MultipleResponse(options={}, n_asked={}, n_not_asked={}, base={}, mentions={}, weighted={})",
            m.options.len(),
            m.n_asked,
            m.n_not_asked,
            m.base,
            m.mentions,
            if m.weighted { "True" } else { "False" }
        )];
        for o in &m.options {
            lines.push(format!(
                "  option {:>3}: {:>8.2} = {:>6.2}% of respondents, {:>6}% of mentions",
                o.option,
                o.count,
                o.percent_of_respondents,
                o.percent_of_mentions.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"))
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyMultipleResponse(m) {
        /// Respondents asked (unweighted).
        fn n_asked -> usize = m.n_asked;
        /// Respondents not asked.
        fn n_not_asked -> usize = m.n_not_asked;
        /// The base: respondents asked (sum of weights when weighted).
        fn base -> f64 = m.base;
        /// Total mentions.
        fn mentions -> f64 = m.mentions;
        /// Respondents asked who chose at least one option.
        fn respondents_with_mention -> f64 = m.respondents_with_mention;
        /// Whether weights were used.
        fn weighted -> bool = m.weighted;
    }
    /// Count (sum of weights) per option.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.count).collect())
    }
    /// Percentage of the respondents asked, per option.
    #[getter]
    fn percent_of_respondents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.percent_of_respondents).collect())
    }
    /// Percentage of all mentions, per option (NaN when nobody mentioned anything).
    #[getter]
    fn percent_of_mentions<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.percent_of_mentions.unwrap_or(f64::NAN)).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.options.len()
    }
}

/// A ranking table: mean rank, % first and % in the top k per option.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Ranking")]
pub struct PyRanking {
    pub(crate) inner: core::Ranking,
}

impl Render for PyRanking {
    fn table(&self) -> Table {
        let o = &self.inner.options;
        Table {
            columns: vec![
                ("option", ints(o.iter().map(|x| x.option))),
                ("n_ranked", Column::Float(o.iter().map(|x| x.n_ranked).collect())),
                ("mean_rank", Column::OptFloat(o.iter().map(|x| x.mean_rank).collect())),
                ("percent_first", Column::Float(o.iter().map(|x| x.percent_first).collect())),
                ("percent_top_k", Column::Float(o.iter().map(|x| x.percent_top_k).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Ranking: base {}, top {}", self.inner.base, self.inner.top_k)
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        let mut lines = vec![format!(
            "Ranking(options={}, top_k={}, n_asked={}, n_not_asked={}, base={}, weighted={})",
            r.options.len(),
            r.top_k,
            r.n_asked,
            r.n_not_asked,
            r.base,
            if r.weighted { "True" } else { "False" }
        )];
        for o in &r.options {
            lines.push(format!(
                "  option {:>3}: mean rank {:>6}, {:>6.2}% first, {:>6.2}% top {}",
                o.option,
                o.mean_rank.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}")),
                o.percent_first,
                o.percent_top_k,
                r.top_k
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyRanking(r) {
        /// The k of "top k".
        fn top_k -> u8 = r.top_k;
        /// Respondents asked (unweighted).
        fn n_asked -> usize = r.n_asked;
        /// Respondents not asked.
        fn n_not_asked -> usize = r.n_not_asked;
        /// The base (sum of weights when weighted).
        fn base -> f64 = r.base;
        /// Whether weights were used.
        fn weighted -> bool = r.weighted;
    }
    /// Mean rank per option (NaN when nobody ranked it).
    #[getter]
    fn mean_rank<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.mean_rank.unwrap_or(f64::NAN)).collect())
    }
    /// Percentage ranked first, per option.
    #[getter]
    fn percent_first<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.percent_first).collect())
    }
    /// Percentage ranked within the top k, per option.
    #[getter]
    fn percent_top_k<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.percent_top_k).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.options.len()
    }
}

// ---------------------------------------------------------------------------------------------
// weights

/// A set of weights, one per respondent, with Kish's design effect and effective sample size.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Weights")]
pub struct PyWeights {
    pub(crate) inner: core::Weights,
}

impl Render for PyWeights {
    fn table(&self) -> Table {
        Table { columns: vec![("weight", Column::Float(self.inner.weights.clone()))] }
    }
    fn caption(&self) -> String {
        let w = &self.inner;
        format!(
            "Weights ({}): n = {}, total {:.4}, Kish deff {:.4}, effective n {:.2}",
            w.method.name(),
            w.n,
            w.total,
            w.kish_design_effect,
            w.effective_sample_size
        )
    }
    fn repr(&self) -> String {
        let w = &self.inner;
        format!(
            "Weights(method={:?}, n={}, total={:.4}, kish_design_effect={:.4}, effective_sample_size={:.4})",
            w.method.name(),
            w.n,
            w.total,
            w.kish_design_effect,
            w.effective_sample_size
        )
    }
}

result_class! {
    PyWeights(w) {
        /// Number of respondents.
        fn n -> usize = w.n;
        /// Sum of the weights.
        fn total -> f64 = w.total;
        /// Kish's design effect n sum w² / (sum w)².
        fn kish_design_effect -> f64 = w.kish_design_effect;
        /// Kish's effective sample size (sum w)² / sum w².
        fn effective_sample_size -> f64 = w.effective_sample_size;
        /// ``"poststratification"``, ``"raking"`` or ``"trimming"``.
        fn method -> &'static str = w.method.name();
    }
    /// The weights as a float64 array, in the respondents' order.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.weights)
    }
    fn __len__(&self) -> usize {
        self.inner.n
    }
}

/// The result of raking: the weights, whether raking converged, and how far off it is.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "RakeResult")]
pub struct PyRakeResult {
    pub(crate) inner: core::RakeResult,
}

impl Render for PyRakeResult {
    fn table(&self) -> Table {
        let r = &self.inner;
        Table {
            columns: vec![
                ("iterations", ints([r.iterations])),
                ("converged", b(r.converged)),
                ("max_abs_deviation", f(r.max_abs_deviation)),
                ("tolerance", f(r.tolerance)),
                ("max_iterations", ints([r.max_iterations])),
                ("n", ints([r.weights.n])),
                ("total", f(r.weights.total)),
                ("kish_design_effect", f(r.weights.kish_design_effect)),
                ("effective_sample_size", f(r.weights.effective_sample_size)),
            ],
        }
    }
    fn caption(&self) -> String {
        if self.inner.converged {
            format!("Raking converged after {} iterations", self.inner.iterations)
        } else {
            format!(
                "Raking did NOT converge in {} iterations: the weights do not reproduce the margins",
                self.inner.iterations
            )
        }
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        format!(
            "RakeResult(converged={}, iterations={}, max_abs_deviation={:.3e}, tolerance={:.3e}, n={}, total={:.4}, kish_design_effect={:.4})",
            if r.converged { "True" } else { "False" },
            r.iterations,
            r.max_abs_deviation,
            r.tolerance,
            r.weights.n,
            r.weights.total,
            r.weights.kish_design_effect
        )
    }
}

result_class! {
    PyRakeResult(r) {
        /// The raked weights.
        fn weights -> PyWeights = PyWeights { inner: r.weights.clone() };
        /// Full cycles over the margins that were run.
        fn iterations -> usize = r.iterations;
        /// Whether every margin is within the tolerance of its targets. When False the weights
        /// do NOT reproduce the margins.
        fn converged -> bool = r.converged;
        /// The largest |weighted category total - target| after the last cycle.
        fn max_abs_deviation -> f64 = r.max_abs_deviation;
        /// The tolerance asked for.
        fn tolerance -> f64 = r.tolerance;
        /// The largest number of cycles allowed.
        fn max_iterations -> usize = r.max_iterations;
    }
}

/// The result of trimming weights.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "TrimResult")]
pub struct PyTrimResult {
    pub(crate) inner: core::TrimResult,
}

impl Render for PyTrimResult {
    fn table(&self) -> Table {
        let r = &self.inner;
        Table {
            columns: vec![
                ("n_trimmed_lower", ints([r.n_trimmed_lower])),
                ("n_trimmed_upper", ints([r.n_trimmed_upper])),
                ("total_before", f(r.total_before)),
                ("total_after", f(r.weights.total)),
                ("factor", f(r.factor)),
                ("keep_total", b(r.keep_total)),
                ("kish_design_effect", f(r.weights.kish_design_effect)),
                ("effective_sample_size", f(r.weights.effective_sample_size)),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Trimmed weights: {} lower, {} upper", self.inner.n_trimmed_lower, self.inner.n_trimmed_upper)
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        format!(
            "TrimResult(n_trimmed_lower={}, n_trimmed_upper={}, total_before={:.4}, total_after={:.4}, factor={:.6}, keep_total={}, kish_design_effect={:.4})",
            r.n_trimmed_lower,
            r.n_trimmed_upper,
            r.total_before,
            r.weights.total,
            r.factor,
            if r.keep_total { "True" } else { "False" },
            r.weights.kish_design_effect
        )
    }
}

result_class! {
    PyTrimResult(r) {
        /// The trimmed weights.
        fn weights -> PyWeights = PyWeights { inner: r.weights.clone() };
        /// Weights set to the lower bound.
        fn n_trimmed_lower -> usize = r.n_trimmed_lower;
        /// Weights set to the upper bound.
        fn n_trimmed_upper -> usize = r.n_trimmed_upper;
        /// Sum of the weights before trimming.
        fn total_before -> f64 = r.total_before;
        /// The common factor applied before capping (1 without keep_total).
        fn factor -> f64 = r.factor;
        /// Whether the total was kept.
        fn keep_total -> bool = r.keep_total;
    }
}

// ---------------------------------------------------------------------------------------------
// crosstabs

/// Pearson's chi-square test of independence with G², Cramér's V and Cochran's check.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ChiSquareTest")]
pub struct PyChiSquareTest {
    pub(crate) inner: core::ChiSquareTest,
}

impl Render for PyChiSquareTest {
    fn table(&self) -> Table {
        let c = &self.inner;
        Table {
            columns: vec![
                ("statistic", f(c.statistic)),
                ("df", ints([c.df])),
                ("p_value", f(c.p_value)),
                ("likelihood_ratio", f(c.likelihood_ratio)),
                ("likelihood_ratio_p_value", f(c.likelihood_ratio_p_value)),
                ("cramers_v", f(c.cramers_v)),
                ("n_cells", ints([c.n_cells])),
                ("n_expected_below_5", ints([c.n_expected_below_5])),
                ("share_expected_below_5", f(c.share_expected_below_5)),
                ("min_expected", f(c.min_expected)),
                ("small_expected_warning", b(c.small_expected_warning)),
            ],
        }
    }
    fn caption(&self) -> String {
        "Pearson chi-square test".to_owned()
    }
    fn repr(&self) -> String {
        let c = &self.inner;
        format!(
            "ChiSquareTest(statistic={:.4}, df={}, p_value={}, cramers_v={:.4}, likelihood_ratio={:.4}, min_expected={:.3}, small_expected_warning={})",
            c.statistic,
            c.df,
            pv(c.p_value),
            c.cramers_v,
            c.likelihood_ratio,
            c.min_expected,
            if c.small_expected_warning { "True" } else { "False" }
        )
    }
}

result_class! {
    PyChiSquareTest(c) {
        /// Pearson's X².
        fn statistic -> f64 = c.statistic;
        /// Degrees of freedom over the non-empty rows and columns.
        fn df -> usize = c.df;
        /// Upper-tail p-value of X².
        fn p_value -> f64 = c.p_value;
        /// Likelihood-ratio statistic G².
        fn likelihood_ratio -> f64 = c.likelihood_ratio;
        /// Upper-tail p-value of G².
        fn likelihood_ratio_p_value -> f64 = c.likelihood_ratio_p_value;
        /// Cramér's V.
        fn cramers_v -> f64 = c.cramers_v;
        /// Tested cells.
        fn n_cells -> usize = c.n_cells;
        /// Tested cells with an expected count below 5.
        fn n_expected_below_5 -> usize = c.n_expected_below_5;
        /// Share of tested cells with an expected count below 5.
        fn share_expected_below_5 -> f64 = c.share_expected_below_5;
        /// Smallest expected count.
        fn min_expected -> f64 = c.min_expected;
        /// Cochran's rule is broken (the chi-square approximation is doubtful).
        fn small_expected_warning -> bool = c.small_expected_warning;
    }
}

/// Fisher's exact test for a 2x2 table (two-sided).
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "FisherExact")]
pub struct PyFisherExact {
    pub(crate) inner: core::FisherExact,
}

impl Render for PyFisherExact {
    fn table(&self) -> Table {
        Table { columns: vec![("p_value", f(self.inner.p_value)), ("odds_ratio", of(self.inner.odds_ratio))] }
    }
    fn caption(&self) -> String {
        "Fisher's exact test (two-sided)".to_owned()
    }
    fn repr(&self) -> String {
        format!("FisherExact(p_value={}, odds_ratio={})", pv(self.inner.p_value), fmt_opt(self.inner.odds_ratio))
    }
}

result_class! {
    PyFisherExact(x) {
        /// Two-sided p-value.
        fn p_value -> f64 = x.p_value;
        /// Sample odds ratio ad / bc; None when bc = 0.
        fn odds_ratio -> Option<f64> = x.odds_ratio;
    }
}

/// A two-way table with percentages, expected counts and tests.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Crosstab")]
pub struct PyCrosstab {
    pub(crate) inner: core::Crosstab,
}

impl Render for PyCrosstab {
    fn table(&self) -> Table {
        let c = &self.inner;
        let cells = c.n_rows * c.n_cols;
        let nc = c.n_cols.max(1);
        Table {
            columns: vec![
                ("row", ints((0..cells).map(|i| i / nc))),
                ("col", ints((0..cells).map(|i| i % nc))),
                ("count", Column::Float(c.counts.clone())),
                ("unweighted_count", Column::Int(c.unweighted_counts.clone())),
                ("row_percent", Column::OptFloat(c.row_percent.clone())),
                ("col_percent", Column::OptFloat(c.col_percent.clone())),
                ("total_percent", Column::Float(c.total_percent.clone())),
                ("expected", Column::Float(c.expected.clone())),
            ],
        }
    }
    fn caption(&self) -> String {
        let c = &self.inner;
        let test = match &c.chi_square {
            Some(t) => format!("; X² = {:.3}, df = {}, p = {:.4}", t.statistic, t.df, t.p_value),
            None => String::new(),
        };
        format!("Crosstab {} x {}, n = {}{}", c.n_rows, c.n_cols, c.n, test)
    }
    fn repr(&self) -> String {
        let c = &self.inner;
        let mut lines = vec![format!(
            "Crosstab(n_rows={}, n_cols={}, n={}, total={}, weighted={}, chi_square={}, fisher={})",
            c.n_rows,
            c.n_cols,
            c.n,
            c.total,
            if c.weighted { "True" } else { "False" },
            c.chi_square.as_ref().map_or_else(
                || "None".to_owned(),
                |t| format!("(X²={:.4}, df={}, p={})", t.statistic, t.df, pv(t.p_value))
            ),
            c.fisher.map_or_else(|| "None".to_owned(), |x| format!("(p={})", pv(x.p_value)))
        )];
        for row in c.counts.chunks(c.n_cols.max(1)) {
            lines.push(format!("  {}", row.iter().map(|x| format!("{x:>10.2}")).collect::<String>()));
        }
        lines.join("\n")
    }
}

result_class! {
    PyCrosstab(c) {
        /// Number of row levels.
        fn n_rows -> usize = c.n_rows;
        /// Number of column levels.
        fn n_cols -> usize = c.n_cols;
        /// Respondents (unweighted).
        fn n -> usize = c.n;
        /// Whether weights were given.
        fn weighted -> bool = c.weighted;
        /// Sum of the weights (n when unweighted).
        fn total -> f64 = c.total;
        /// Rows with total 0, left out of the tests.
        fn empty_rows -> Vec<usize> = c.empty_rows.clone();
        /// Columns with total 0, left out of the tests.
        fn empty_cols -> Vec<usize> = c.empty_cols.clone();
        /// Pearson's test; None with fewer than two non-empty rows or columns.
        fn chi_square -> Option<PyChiSquareTest> = c.chi_square.clone().map(|inner| PyChiSquareTest { inner });
        /// Fisher's exact test, for an unweighted 2x2 table only.
        fn fisher -> Option<PyFisherExact> = c.fisher.map(|inner| PyFisherExact { inner });
    }
    /// Weighted counts, ``n_rows x n_cols``.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        matrix(py, &self.inner.counts, self.inner.n_rows, self.inner.n_cols)
    }
    /// Unweighted counts, ``n_rows x n_cols``.
    #[getter]
    fn unweighted_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<u64>>> {
        matrix(py, &self.inner.unweighted_counts, self.inner.n_rows, self.inner.n_cols)
    }
    /// Row percentages (NaN in an empty row).
    #[getter]
    fn row_percent<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        matrix(py, &nan(&self.inner.row_percent), self.inner.n_rows, self.inner.n_cols)
    }
    /// Column percentages (NaN in an empty column).
    #[getter]
    fn col_percent<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        matrix(py, &nan(&self.inner.col_percent), self.inner.n_rows, self.inner.n_cols)
    }
    /// Percentages of the total.
    #[getter]
    fn total_percent<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        matrix(py, &self.inner.total_percent, self.inner.n_rows, self.inner.n_cols)
    }
    /// Expected counts under independence.
    #[getter]
    fn expected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        matrix(py, &self.inner.expected, self.inner.n_rows, self.inner.n_cols)
    }
    /// Row totals.
    #[getter]
    fn row_totals<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.row_totals)
    }
    /// Column totals.
    #[getter]
    fn col_totals<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.col_totals)
    }
}

/// The Rao–Scott corrected chi-square test for a weighted, stratified table.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "RaoScott")]
pub struct PyRaoScott {
    pub(crate) inner: core::RaoScott,
}

impl Render for PyRaoScott {
    fn table(&self) -> Table {
        let r = &self.inner;
        Table {
            columns: vec![
                ("n", ints([r.n])),
                ("n_strata", ints([r.n_strata])),
                ("design_df", ints([r.design_df])),
                ("df", ints([r.df])),
                ("pearson", f(r.pearson)),
                ("mean_deff", f(r.mean_deff)),
                ("first_order_statistic", f(r.first_order_statistic)),
                ("first_order_p_value", f(r.first_order_p_value)),
                ("f_statistic", f(r.f_statistic)),
                ("f_df_num", f(r.f_df_num)),
                ("f_df_den", f(r.f_df_den)),
                ("f_p_value", f(r.f_p_value)),
                ("fpc", b(r.fpc)),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Rao-Scott test, n = {}, {} strata", self.inner.n, self.inner.n_strata)
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        format!(
            "RaoScott(pearson={:.4}, df={}, mean_deff={:.4}, first_order_statistic={:.4}, first_order_p_value={}, f_statistic={:.4}, f_df=({:.3}, {:.3}), f_p_value={}, n={}, n_strata={}, fpc={})",
            r.pearson,
            r.df,
            r.mean_deff,
            r.first_order_statistic,
            pv(r.first_order_p_value),
            r.f_statistic,
            r.f_df_num,
            r.f_df_den,
            pv(r.f_p_value),
            r.n,
            r.n_strata,
            if r.fpc { "True" } else { "False" }
        )
    }
}

result_class! {
    PyRaoScott(r) {
        /// Respondents.
        fn n -> usize = r.n;
        /// Strata with respondents.
        fn n_strata -> usize = r.n_strata;
        /// Design degrees of freedom (respondents - strata).
        fn design_df -> usize = r.design_df;
        /// Degrees of freedom (r' - 1)(c' - 1).
        fn df -> usize = r.df;
        /// Pearson's X² of the weighted table rescaled to n.
        fn pearson -> f64 = r.pearson;
        /// Mean generalized design effect.
        fn mean_deff -> f64 = r.mean_deff;
        /// First-order corrected statistic.
        fn first_order_statistic -> f64 = r.first_order_statistic;
        /// Its p-value under chi-square(df).
        fn first_order_p_value -> f64 = r.first_order_p_value;
        /// Second-order F statistic.
        fn f_statistic -> f64 = r.f_statistic;
        /// Numerator degrees of freedom of F.
        fn f_df_num -> f64 = r.f_df_num;
        /// Denominator degrees of freedom of F.
        fn f_df_den -> f64 = r.f_df_den;
        /// p-value of F.
        fn f_p_value -> f64 = r.f_p_value;
        /// Rows with weighted total 0, left out.
        fn empty_rows -> Vec<usize> = r.empty_rows.clone();
        /// Columns with weighted total 0, left out.
        fn empty_cols -> Vec<usize> = r.empty_cols.clone();
        /// Whether a finite population correction was applied.
        fn fpc -> bool = r.fpc;
    }
}

// ---------------------------------------------------------------------------------------------
// representativeness and disclosure

/// Chi-square goodness-of-fit test of the respondents' strata against the frame.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "GoodnessOfFit")]
pub struct PyGoodnessOfFit {
    pub(crate) inner: core::GoodnessOfFit,
}

impl Render for PyGoodnessOfFit {
    fn table(&self) -> Table {
        let g = &self.inner;
        Table {
            columns: vec![
                ("statistic", f(g.statistic)),
                ("df", ints([g.df])),
                ("p_value", f(g.p_value)),
                ("n_expected_below_5", ints([g.n_expected_below_5])),
                ("min_expected", f(g.min_expected)),
                ("small_expected_warning", b(g.small_expected_warning)),
            ],
        }
    }
    fn caption(&self) -> String {
        "Goodness of fit against the frame".to_owned()
    }
    fn repr(&self) -> String {
        let g = &self.inner;
        format!(
            "GoodnessOfFit(statistic={:.4}, df={}, p_value={}, min_expected={:.3}, small_expected_warning={})",
            g.statistic,
            g.df,
            pv(g.p_value),
            g.min_expected,
            if g.small_expected_warning { "True" } else { "False" }
        )
    }
}

result_class! {
    PyGoodnessOfFit(g) {
        /// Pearson's X².
        fn statistic -> f64 = g.statistic;
        /// Degrees of freedom.
        fn df -> usize = g.df;
        /// Upper-tail p-value.
        fn p_value -> f64 = g.p_value;
        /// Strata with an expected count below 5.
        fn n_expected_below_5 -> usize = g.n_expected_below_5;
        /// Smallest expected count.
        fn min_expected -> f64 = g.min_expected;
        /// Some expected count is below 5.
        fn small_expected_warning -> bool = g.small_expected_warning;
    }
}

/// Response rates per stratum and a goodness-of-fit test against the frame.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Representativeness")]
pub struct PyRepresentativeness {
    pub(crate) inner: core::Representativeness,
}

impl Render for PyRepresentativeness {
    fn table(&self) -> Table {
        let st = &self.inner.strata;
        Table {
            columns: vec![
                ("stratum", ints(st.iter().map(|x| x.stratum))),
                ("respondents", Column::Int(st.iter().map(|x| x.respondents).collect())),
                ("population", Column::Int(st.iter().map(|x| x.population).collect())),
                ("response_rate", Column::OptFloat(st.iter().map(|x| x.response_rate).collect())),
                ("expected", Column::Float(st.iter().map(|x| x.expected).collect())),
                ("representation_ratio", Column::OptFloat(st.iter().map(|x| x.representation_ratio).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let r = &self.inner;
        let test = match &r.goodness_of_fit {
            Some(g) => format!("; X² = {:.3}, df = {}, p = {:.4}", g.statistic, g.df, g.p_value),
            None => String::new(),
        };
        format!("Response {} of {} ({:.1}%){}", r.n, r.population, 100.0 * r.response_rate, test)
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        format!(
            "Representativeness(n={}, population={}, response_rate={:.4}, strata={}, goodness_of_fit={})",
            r.n,
            r.population,
            r.response_rate,
            r.strata.len(),
            r.goodness_of_fit.as_ref().map_or_else(
                || "None".to_owned(),
                |g| format!("(X²={:.4}, df={}, p={})", g.statistic, g.df, pv(g.p_value))
            )
        )
    }
}

result_class! {
    PyRepresentativeness(r) {
        /// Respondents.
        fn n -> u64 = r.n;
        /// Population size.
        fn population -> u64 = r.population;
        /// Overall response rate n / N.
        fn response_rate -> f64 = r.response_rate;
        /// The goodness-of-fit test; None with fewer than two populated strata.
        fn goodness_of_fit -> Option<PyGoodnessOfFit> =
            r.goodness_of_fit.clone().map(|inner| PyGoodnessOfFit { inner });
    }
    /// Response rate per stratum (NaN where N_h = 0).
    #[getter]
    fn response_rates<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.strata.iter().map(|s| s.response_rate.unwrap_or(f64::NAN)).collect())
    }
    /// Representation ratio per stratum (NaN where N_h = 0).
    #[getter]
    fn representation_ratios<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(
            py,
            self.inner.strata.iter().map(|s| s.representation_ratio.unwrap_or(f64::NAN)).collect(),
        )
    }
    fn __len__(&self) -> usize {
        self.inner.strata.len()
    }
}

/// The suppression pattern of a table of counts.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Suppression")]
pub struct PySuppression {
    pub(crate) inner: core::Suppression,
}

impl Render for PySuppression {
    fn table(&self) -> Table {
        let s = &self.inner;
        let nc = s.n_cols.max(1);
        Table {
            columns: vec![
                ("row", ints((0..s.cells.len()).map(|i| i / nc))),
                ("col", ints((0..s.cells.len()).map(|i| i % nc))),
                ("status", Column::Str(s.cells.iter().map(|c| c.name().to_owned()).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!(
            "Suppression (threshold {}): {} primary, {} secondary",
            self.inner.rule.threshold, self.inner.n_primary, self.inner.n_secondary
        )
    }
    fn repr(&self) -> String {
        let s = &self.inner;
        let mut lines = vec![format!(
            "Suppression(n_rows={}, n_cols={}, n_primary={}, n_secondary={}, threshold={})",
            s.n_rows, s.n_cols, s.n_primary, s.n_secondary, s.rule.threshold
        )];
        for row in s.cells.chunks(s.n_cols.max(1)) {
            let cells: String = row
                .iter()
                .map(|c| match c {
                    CellStatus::Published => " .",
                    CellStatus::Primary => " P",
                    CellStatus::Secondary => " S",
                })
                .collect();
            lines.push(format!(" {cells}"));
        }
        lines.join("\n")
    }
}

result_class! {
    PySuppression(s) {
        /// Number of rows.
        fn n_rows -> usize = s.n_rows;
        /// Number of columns.
        fn n_cols -> usize = s.n_cols;
        /// Primary suppressions.
        fn n_primary -> usize = s.n_primary;
        /// Secondary suppressions.
        fn n_secondary -> usize = s.n_secondary;
        /// Row totals that must be withheld.
        fn row_total_suppressed -> Vec<bool> = s.row_total_suppressed.clone();
        /// Column totals that must be withheld.
        fn col_total_suppressed -> Vec<bool> = s.col_total_suppressed.clone();
        /// The status of each cell, row by row: ``"published"``, ``"primary"``, ``"secondary"``.
        fn status -> Vec<Vec<&'static str>> =
            s.cells.chunks(s.n_cols.max(1)).map(|r| r.iter().map(|c| c.name()).collect()).collect();
        /// Cells with a count in 1..threshold are suppressed.
        fn threshold -> u64 = s.rule.threshold;
        /// Whether a count of 0 is disclosive.
        fn zero_is_disclosive -> bool = s.rule.zero_is_disclosive;
        /// Whether totals are published (secondary suppression applied).
        fn totals_published -> bool = s.rule.totals_published;
    }
    /// Apply the pattern to values of the same table (weighted counts, percentages):
    /// a float array ``n_rows x n_cols`` with NaN where the cell is withheld.
    fn apply<'py>(&self, py: Python<'py>, values: Vec<Vec<f64>>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        let (r, c) = (self.inner.n_rows, self.inner.n_cols);
        if values.len() != r || values.iter().any(|row| row.len() != c) {
            return Err(PyLoError::from(lomonitor::Error::InvalidArgument {
                name: "values",
                message: format!("values must form a {r} x {c} table like the counts"),
            })
            .into());
        }
        let flat: Vec<f64> = values.into_iter().flatten().collect();
        let out: Vec<f64> = self.inner.apply(&flat).map_err(PyLoError::Core)?.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        matrix(py, &out, r, c)
    }
    /// True where a cell is withheld, ``n_rows x n_cols``.
    #[getter]
    fn mask<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<bool>>> {
        let m: Vec<bool> = (0..self.inner.cells.len()).map(|i| self.inner.is_suppressed(i)).collect();
        matrix(py, &m, self.inner.n_rows, self.inner.n_cols)
    }
}

// ---------------------------------------------------------------------------------------------
// reliability and agreement

/// Reliability of a multi-item scale: Cronbach's alpha with Feldt's interval and item statistics.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ScaleReliability")]
pub struct PyScaleReliability {
    pub(crate) inner: core::ScaleReliability,
}

impl Render for PyScaleReliability {
    fn table(&self) -> Table {
        let it = &self.inner.items;
        Table {
            columns: vec![
                ("item", ints(0..it.len())),
                ("n", ints(it.iter().map(|x| x.n))),
                ("mean", Column::Float(it.iter().map(|x| x.mean).collect())),
                ("sd", Column::Float(it.iter().map(|x| x.sd).collect())),
                ("alpha_if_deleted", Column::OptFloat(it.iter().map(|x| x.alpha_if_deleted).collect())),
                ("item_total_correlation", Column::OptFloat(it.iter().map(|x| x.item_total_correlation).collect())),
                ("note", Column::OptStr(it.iter().map(|x| x.note.clone()).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let r = &self.inner;
        format!(
            "Cronbach's alpha = {:.3} [{:.3}, {:.3}], k = {}, n = {} ({})",
            r.alpha,
            r.interval.lower,
            r.interval.upper,
            r.k,
            r.n,
            r.missing.name()
        )
    }
    fn repr(&self) -> String {
        let r = &self.inner;
        format!(
            "ScaleReliability(alpha={:.4}, ci=[{:.4}, {:.4}], level={}, standardized_alpha={}, k={}, n={}, n_rows={}, n_missing={}, missing={:?}, weighted_alpha={})",
            r.alpha,
            r.interval.lower,
            r.interval.upper,
            r.interval.level,
            fmt_opt(r.standardized_alpha),
            r.k,
            r.n,
            r.n_rows,
            r.n_missing,
            r.missing.name(),
            fmt_opt(r.weighted_alpha)
        )
    }
}

result_class! {
    PyScaleReliability(r) {
        /// Number of items.
        fn k -> usize = r.k;
        /// Respondents (rows) given.
        fn n_rows -> usize = r.n_rows;
        /// Respondents used.
        fn n -> usize = r.n;
        /// Missing answers among the rows given.
        fn n_missing -> usize = r.n_missing;
        /// ``"listwise"`` or ``"pairwise"``.
        fn missing -> &'static str = r.missing.name();
        /// Cronbach's alpha.
        fn alpha -> f64 = r.alpha;
        /// Lower bound of Feldt's interval.
        fn lower -> f64 = r.interval.lower;
        /// Upper bound of Feldt's interval.
        fn upper -> f64 = r.interval.upper;
        /// Confidence level.
        fn level -> f64 = r.interval.level;
        /// Standardized alpha (None if an item is constant).
        fn standardized_alpha -> Option<f64> = r.standardized_alpha;
        /// Mean inter-item correlation (None if an item is constant).
        fn mean_inter_item_correlation -> Option<f64> = r.mean_inter_item_correlation;
        /// Design-weighted alpha (R survey svycralpha) when weights were given.
        fn weighted_alpha -> Option<f64> = r.weighted_alpha;
        /// A description of the method.
        fn method -> String = r.method.clone();
    }
    /// Alpha if the item is deleted, per item (NaN where undefined).
    #[getter]
    fn alpha_if_deleted<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.items.iter().map(|i| i.alpha_if_deleted.unwrap_or(f64::NAN)).collect())
    }
    /// Corrected item-total correlation, per item (NaN where undefined).
    #[getter]
    fn item_total_correlation<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(
            py,
            self.inner.items.iter().map(|i| i.item_total_correlation.unwrap_or(f64::NAN)).collect(),
        )
    }
}

/// An agreement coefficient with its standard error and interval.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "Agreement")]
pub struct PyAgreement {
    pub(crate) inner: core::Agreement,
}

fn agreement_measurement(a: &core::Agreement) -> Option<&'static str> {
    match a.coefficient {
        Coefficient::KrippendorffAlpha(l) => Some(l.name()),
        _ => None,
    }
}

impl Render for PyAgreement {
    fn table(&self) -> Table {
        let a = &self.inner;
        Table {
            columns: vec![
                ("coefficient", s(a.coefficient.name())),
                ("measurement_level", os(agreement_measurement(a).map(str::to_owned))),
                ("estimate", f(a.estimate)),
                ("se", of(a.se)),
                ("lower", of(a.interval.map(|i| i.lower))),
                ("upper", of(a.interval.map(|i| i.upper))),
                ("observed_agreement", f(a.observed_agreement)),
                ("chance_agreement", f(a.chance_agreement)),
                ("n_units", ints([a.n_units])),
                ("n_pairable_units", ints([a.n_pairable_units])),
                ("n_units_uncoded", ints([a.n_units_uncoded])),
                ("n_coders", ints([a.n_coders])),
                ("n_missing", ints([a.n_missing])),
                ("n_categories", ints([a.n_categories])),
                ("method", s(a.method.clone())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("{}, {} units, {} coders", self.inner.coefficient.name(), self.inner.n_units, self.inner.n_coders)
    }
    fn repr(&self) -> String {
        let a = &self.inner;
        format!(
            "Agreement(coefficient={:?}{}, estimate={:.4}, se={}, ci=[{}, {}], n_units={}, n_coders={}, n_categories={})",
            a.coefficient.name(),
            agreement_measurement(a).map_or_else(String::new, |l| format!(", measurement_level={l:?}")),
            a.estimate,
            fmt_opt(a.se),
            fmt_opt(a.interval.map(|i| i.lower)),
            fmt_opt(a.interval.map(|i| i.upper)),
            a.n_units,
            a.n_coders,
            a.n_categories
        )
    }
}

result_class! {
    PyAgreement(a) {
        /// ``"percent_agreement"``, ``"cohen_kappa"``, ``"fleiss_kappa"``,
        /// ``"brennan_prediger"``, ``"gwet_ac1"`` or ``"krippendorff_alpha"``.
        fn coefficient -> &'static str = a.coefficient.name();
        /// The level of measurement of Krippendorff's alpha (None for the others).
        fn measurement_level -> Option<&'static str> = agreement_measurement(a);
        /// The estimate.
        fn estimate -> f64 = a.estimate;
        /// Standard error (None with fewer than 2 units).
        fn se -> Option<f64> = a.se;
        /// Lower bound of the interval.
        fn lower -> Option<f64> = a.interval.map(|i| i.lower);
        /// Upper bound of the interval.
        fn upper -> Option<f64> = a.interval.map(|i| i.upper);
        /// Confidence level of the interval.
        fn level -> Option<f64> = a.interval.map(|i| i.level);
        /// Observed agreement pa.
        fn observed_agreement -> f64 = a.observed_agreement;
        /// Chance agreement pe.
        fn chance_agreement -> f64 = a.chance_agreement;
        /// Units with at least one code.
        fn n_units -> usize = a.n_units;
        /// Units coded by at least two coders.
        fn n_pairable_units -> usize = a.n_pairable_units;
        /// Units nobody coded (dropped).
        fn n_units_uncoded -> usize = a.n_units_uncoded;
        /// Coders.
        fn n_coders -> usize = a.n_coders;
        /// Missing cells among the coded units.
        fn n_missing -> usize = a.n_missing;
        /// Categories used for the chance agreement.
        fn n_categories -> usize = a.n_categories;
        /// How the estimate, SE and interval were computed.
        fn method -> String = a.method.clone();
    }
}

// The study-level result classes (`crate::analysis` and friends) use the same pattern.
pub(crate) use result_class;
