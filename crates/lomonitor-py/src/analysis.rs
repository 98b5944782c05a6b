//! The results of study-level analysis (`Study.frequencies()`, `.proportions()`, ...) as frozen
//! Python classes.
//!
//! Each wraps the core result (`lomonitor::analysis::*`) unchanged and adds getters, a labelled
//! `_repr_html_`, `__repr__`, `to_dict()` and `to_pandas()`. Where the core result carries a
//! `lomonitor::stats` result (a crosstab, a reliability block), that is exposed as the class of
//! `lomonitor.stats`. No statistics are computed here.

use lomonitor::analysis as core;
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;

use crate::stats::results::{
    PyChiSquareTest, PyCrosstab, PyDescriptives, PyGoodnessOfFit, PyMultipleResponse, PyRanking, PyRaoScott,
    PyRepresentativeness, PyScaleReliability, PySuppression, Render, matrix, pv, result_class,
};
use crate::table::{Column, Table, ToPython, matrix_html};

fn yes(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// ", gewogen (...)" for captions.
fn weighting_note(weighting: Option<&String>) -> String {
    weighting.map_or_else(String::new, |w| format!("; weighted: {w}"))
}

/// The columns of `t` with `name` replaced by `replacement` (several columns may replace one).
fn replace_column(t: Table, name: &str, replacement: Vec<(&'static str, Column)>) -> Table {
    let mut out = Vec::with_capacity(t.columns.len() + replacement.len());
    let mut replacement = Some(replacement);
    for (n, c) in t.columns {
        if n == name {
            out.extend(replacement.take().unwrap_or_default());
        } else {
            out.push((n, c));
        }
    }
    Table { columns: out }
}

fn codes(v: impl IntoIterator<Item = i32>) -> Column {
    Column::OptInt(v.into_iter().map(|c| Some(i64::from(c))).collect())
}

// ---------------------------------------------------------------------------------------------
// frequencies

/// The labelled frequency table of one single-choice or Likert item: a "no answer" row, the
/// options, the declared missing codes; percentages of the respondents asked and of the valid
/// answers.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ItemFrequencies")]
pub struct PyItemFrequencies {
    pub(crate) inner: core::ItemFrequencies,
}

impl Render for PyItemFrequencies {
    fn table(&self) -> Table {
        let r = &self.inner.rows;
        Table {
            columns: vec![
                ("code", Column::OptInt(r.iter().map(|x| x.code.map(i64::from)).collect())),
                ("label", Column::Str(r.iter().map(|x| x.label.clone()).collect())),
                ("kind", Column::Str(r.iter().map(|x| x.kind.name().to_owned()).collect())),
                ("count", Column::Float(r.iter().map(|x| x.count).collect())),
                ("unweighted_count", Column::Int(r.iter().map(|x| x.unweighted_count).collect())),
                ("percent", Column::Float(r.iter().map(|x| x.percent).collect())),
                ("valid_percent", Column::OptFloat(r.iter().map(|x| x.valid_percent).collect())),
                ("cumulative_valid_percent", Column::OptFloat(r.iter().map(|x| x.cumulative_valid_percent).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        format!(
            "{} ({}): n = {} asked, {} valid, {} not asked{}",
            t.label,
            t.item,
            t.n_asked,
            t.n_valid,
            t.n_not_asked,
            weighting_note(t.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let mut lines = vec![format!(
            "ItemFrequencies(item={:?}, n_asked={}, n_valid={}, n_not_asked={}, weighted={})",
            t.item,
            t.n_asked,
            t.n_valid,
            t.n_not_asked,
            yes(t.weighted)
        )];
        lines.push(format!("  {:>5} {:<32} {:>9} {:>7} {:>7}", "code", "label", "count", "%", "valid%"));
        for r in &t.rows {
            lines.push(format!(
                "  {:>5} {:<32} {:>9.2} {:>7.1} {:>7}",
                r.code.map_or_else(String::new, |c| c.to_string()),
                r.label.chars().take(32).collect::<String>(),
                r.count,
                r.percent,
                r.valid_percent.map_or_else(String::new, |v| format!("{v:.1}"))
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyItemFrequencies(t) {
        /// The item id.
        fn item -> String = t.item.clone();
        /// The item's short label.
        fn label -> String = t.label.clone();
        /// The question text.
        fn question -> String = t.question.clone();
        /// Respondents asked (the base of ``percent``).
        fn n_asked -> usize = t.n_asked;
        /// Respondents not asked (routing), outside the base.
        fn n_not_asked -> usize = t.n_not_asked;
        /// Respondents with a valid answer (unweighted).
        fn n_valid -> usize = t.n_valid;
        /// Whether the counts are sums of weights.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// Row labels.
        fn labels -> Vec<String> = t.rows.iter().map(|r| r.label.clone()).collect();
        /// Row codes (None for the "no answer" row).
        fn codes -> Vec<Option<i32>> = t.rows.iter().map(|r| r.code).collect();
        /// Row kinds: ``"unanswered"``, ``"valid"`` or ``"user_missing"``.
        fn kinds -> Vec<&'static str> = t.rows.iter().map(|r| r.kind.name()).collect();
    }
    /// Count (sum of weights when weighted) per row.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.count).collect())
    }
    /// Unweighted count per row.
    #[getter]
    fn unweighted_counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.unweighted_count).collect())
    }
    /// Percentage of the respondents asked, per row.
    #[getter]
    fn percent<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.percent).collect())
    }
    /// Percentage of the valid answers, per row (NaN for the missing rows).
    #[getter]
    fn valid_percent<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.rows.iter().map(|r| r.valid_percent.unwrap_or(f64::NAN)).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
}

// ---------------------------------------------------------------------------------------------
// proportions

/// Proportions of every option of an item among the valid answers, with standard errors and
/// confidence intervals (finite population corrected; design-based when weighted).
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ItemProportions")]
pub struct PyItemProportions {
    pub(crate) inner: core::ItemProportions,
}

impl Render for PyItemProportions {
    fn table(&self) -> Table {
        let o = &self.inner.options;
        Table {
            columns: vec![
                ("code", codes(o.iter().map(|x| x.code))),
                ("label", Column::Str(o.iter().map(|x| x.label.clone()).collect())),
                ("count", Column::Int(o.iter().map(|x| x.count).collect())),
                ("estimate", Column::Float(o.iter().map(|x| x.estimate.estimate).collect())),
                ("se", Column::Float(o.iter().map(|x| x.estimate.se).collect())),
                ("lower", Column::Float(o.iter().map(|x| x.estimate.lower).collect())),
                ("upper", Column::Float(o.iter().map(|x| x.estimate.upper).collect())),
                ("degenerate", Column::Bool(o.iter().map(|x| x.estimate.degenerate).collect())),
                ("note", Column::OptStr(o.iter().map(|x| x.estimate.note.clone()).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        format!(
            "{} ({}): n = {}, N = {}, {:.0}% intervals, {}{}",
            t.label,
            t.item,
            t.n,
            t.population,
            100.0 * t.level,
            t.method,
            weighting_note(t.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let mut lines = vec![format!(
            "ItemProportions(item={:?}, n={}, population={}, level={}, weighted={}, method={:?})",
            t.item,
            t.n,
            t.population,
            t.level,
            yes(t.weighted),
            t.method
        )];
        for o in &t.options {
            lines.push(format!(
                "  {:>5} {:<32} {:>7.4} [{:.4}, {:.4}]",
                o.code,
                o.label.chars().take(32).collect::<String>(),
                o.estimate.estimate,
                o.estimate.lower,
                o.estimate.upper
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyItemProportions(t) {
        /// The item id.
        fn item -> String = t.item.clone();
        /// The item's short label.
        fn label -> String = t.label.clone();
        /// Valid answers (the base), unweighted.
        fn n -> usize = t.n;
        /// Population size used for the finite population correction.
        fn population -> u64 = t.population;
        /// Confidence level.
        fn level -> f64 = t.level;
        /// The interval method, described.
        fn method -> String = t.method.clone();
        /// Whether weighted.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// Option labels.
        fn labels -> Vec<String> = t.options.iter().map(|o| o.label.clone()).collect();
        /// Option codes.
        fn codes -> Vec<i32> = t.options.iter().map(|o| o.code).collect();
    }
    /// The proportion (0..1) per option.
    #[getter]
    fn estimates<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.estimate.estimate).collect())
    }
    /// Standard error per option.
    #[getter]
    fn se<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.estimate.se).collect())
    }
    /// Lower bound per option.
    #[getter]
    fn lower<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.estimate.lower).collect())
    }
    /// Upper bound per option.
    #[getter]
    fn upper<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.estimate.upper).collect())
    }
    /// Unweighted count per option.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        PyArray1::from_vec(py, self.inner.options.iter().map(|o| o.count).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.options.len()
    }
}

// ---------------------------------------------------------------------------------------------
// descriptives

/// Descriptive statistics of a Likert or numeric item (valid answers only, finite population
/// corrected); ``stats`` holds the full :class:`Descriptives`.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ItemDescriptives")]
pub struct PyItemDescriptives {
    pub(crate) inner: core::ItemDescriptives,
}

impl PyItemDescriptives {
    fn stats_class(&self) -> PyDescriptives {
        PyDescriptives { inner: self.inner.stats.clone() }
    }
}

impl Render for PyItemDescriptives {
    fn table(&self) -> Table {
        let mut t = self.stats_class().table();
        t.columns.insert(0, ("label", Column::Str(vec![self.inner.label.clone()])));
        t.columns.insert(0, ("item", Column::Str(vec![self.inner.item.clone()])));
        t
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        format!(
            "{} ({}): n = {}, missing {}, not asked {}{}",
            t.label,
            t.item,
            t.stats.n,
            t.stats.missing,
            t.n_not_asked,
            weighting_note(t.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let d = &self.inner.stats;
        format!(
            "ItemDescriptives(item={:?}, n={}, missing={}, n_not_asked={}, mean={:.4}, sd={}, median={}, ci=[{}, {}], weighted={})",
            self.inner.item,
            d.n,
            d.missing,
            self.inner.n_not_asked,
            d.mean,
            d.sd.map_or_else(|| "None".to_owned(), |v| format!("{v:.4}")),
            d.median,
            d.ci.map_or_else(|| "None".to_owned(), |c| format!("{:.4}", c.lower)),
            d.ci.map_or_else(|| "None".to_owned(), |c| format!("{:.4}", c.upper)),
            yes(self.inner.weighted)
        )
    }
}

result_class! {
    PyItemDescriptives(t) {
        /// The item id.
        fn item -> String = t.item.clone();
        /// The item's short label.
        fn label -> String = t.label.clone();
        /// Valid answers.
        fn n -> usize = t.stats.n;
        /// Respondents asked without a valid answer.
        fn missing -> usize = t.stats.missing;
        /// Respondents not asked (routing).
        fn n_not_asked -> usize = t.n_not_asked;
        /// The (weighted) mean.
        fn mean -> f64 = t.stats.mean;
        /// The standard deviation (None for n < 2).
        fn sd -> Option<f64> = t.stats.sd;
        /// The median.
        fn median -> f64 = t.stats.median;
        /// Whether weighted.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// Every statistic: :class:`lomonitor.stats.Descriptives`.
        fn stats -> PyDescriptives = PyDescriptives { inner: t.stats.clone() };
    }
}

// ---------------------------------------------------------------------------------------------
// multiple response, ranking

/// A multiple-choice item: % of respondents and % of mentions per option.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ItemMultiple")]
pub struct PyItemMultiple {
    pub(crate) inner: core::ItemMultiple,
}

impl Render for PyItemMultiple {
    fn table(&self) -> Table {
        let t = &self.inner;
        replace_column(
            PyMultipleResponse { inner: t.table.clone() }.table(),
            "option",
            vec![("code", codes(t.option_codes.iter().copied())), ("label", Column::Str(t.option_labels.clone()))],
        )
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        format!(
            "{} ({}): base {} respondents, {} mentions, {} not asked, {} unanswered{}",
            t.label,
            t.item,
            t.table.base,
            t.table.mentions,
            t.n_not_asked,
            t.n_unanswered,
            weighting_note(t.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let mut lines = vec![format!(
            "ItemMultiple(item={:?}, base={}, mentions={}, n_not_asked={}, n_unanswered={}, weighted={})",
            t.item,
            t.table.base,
            t.table.mentions,
            t.n_not_asked,
            t.n_unanswered,
            yes(t.weighted)
        )];
        for (o, label) in t.table.options.iter().zip(&t.option_labels) {
            lines.push(format!(
                "  {:<40} {:>8.2} {:>7.1}%",
                label.chars().take(40).collect::<String>(),
                o.count,
                o.percent_of_respondents
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyItemMultiple(t) {
        /// The item id.
        fn item -> String = t.item.clone();
        /// The item's short label.
        fn label -> String = t.label.clone();
        /// Option labels.
        fn labels -> Vec<String> = t.option_labels.clone();
        /// Option codes.
        fn codes -> Vec<i32> = t.option_codes.clone();
        /// Respondents not asked (routing).
        fn n_not_asked -> usize = t.n_not_asked;
        /// Respondents asked who chose nothing or gave a missing answer.
        fn n_unanswered -> usize = t.n_unanswered;
        /// The base: respondents who answered (sum of weights when weighted).
        fn base -> f64 = t.table.base;
        /// Whether weighted.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// The table as :class:`lomonitor.stats.MultipleResponse`.
        fn table -> PyMultipleResponse = PyMultipleResponse { inner: t.table.clone() };
    }
    /// Percentage of respondents choosing each option.
    #[getter]
    fn percent_of_respondents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.table.options.iter().map(|o| o.percent_of_respondents).collect())
    }
    /// Count (sum of weights) per option.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.table.options.iter().map(|o| o.count).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.table.options.len()
    }
}

/// A ranking item: mean rank, % ranked first and % in the top k per option.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ItemRanking")]
pub struct PyItemRanking {
    pub(crate) inner: core::ItemRanking,
}

impl Render for PyItemRanking {
    fn table(&self) -> Table {
        let t = &self.inner;
        replace_column(
            PyRanking { inner: t.table.clone() }.table(),
            "option",
            vec![("label", Column::Str(t.option_labels.clone()))],
        )
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        format!(
            "{} ({}): top {}, base {}{}",
            t.label,
            t.item,
            t.top,
            t.table.base,
            weighting_note(t.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let mut lines = vec![format!(
            "ItemRanking(item={:?}, top={}, base={}, n_not_asked={}, weighted={})",
            t.item,
            t.top,
            t.table.base,
            t.table.n_not_asked,
            yes(t.weighted)
        )];
        for (o, label) in t.table.options.iter().zip(&t.option_labels) {
            lines.push(format!(
                "  {:<40} mean rank {:>5}  first {:>5.1}%  top {} {:>5.1}%",
                label.chars().take(40).collect::<String>(),
                o.mean_rank.map_or_else(|| "-".to_owned(), |m| format!("{m:.2}")),
                o.percent_first,
                t.top,
                o.percent_top_k
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyItemRanking(t) {
        /// The item id.
        fn item -> String = t.item.clone();
        /// The item's short label.
        fn label -> String = t.label.clone();
        /// Option labels.
        fn labels -> Vec<String> = t.option_labels.clone();
        /// How many options were ranked (k).
        fn top -> u8 = t.top;
        /// Whether weighted.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// The table as :class:`lomonitor.stats.Ranking`.
        fn table -> PyRanking = PyRanking { inner: t.table.clone() };
    }
    /// Mean rank per option (NaN when nobody ranked it).
    #[getter]
    fn mean_rank<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.table.options.iter().map(|o| o.mean_rank.unwrap_or(f64::NAN)).collect())
    }
    /// % ranked first per option.
    #[getter]
    fn percent_first<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.table.options.iter().map(|o| o.percent_first).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.table.options.len()
    }
}

// ---------------------------------------------------------------------------------------------
// crosstab

/// A crosstab of an item (rows: its options) by a stratum variable or another item (columns),
/// with the chi-square test, Cramér's V, Fisher's exact test for 2x2, the Rao–Scott test when
/// weighted, and disclosure control when asked for. ``to_dict()``/``to_pandas()`` give the long
/// form (one row per cell); the HTML shows the labelled table with row percentages.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ItemCrosstab")]
pub struct PyItemCrosstab {
    pub(crate) inner: core::ItemCrosstab,
}

impl PyItemCrosstab {
    fn is_cell_suppressed(&self, i: usize) -> bool {
        self.inner.suppression.as_ref().is_some_and(|s| s.is_suppressed(i))
    }
}

impl Render for PyItemCrosstab {
    fn table(&self) -> Table {
        let t = &self.inner;
        let c = &t.table;
        let cells = c.n_rows * c.n_cols;
        let nc = c.n_cols.max(1);
        let label = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        let t1 = replace_column(
            PyCrosstab { inner: c.clone() }.table(),
            "row",
            vec![("row", Column::Str((0..cells).map(|i| label(&t.row_labels, i / nc)).collect()))],
        );
        let mut t2 = replace_column(
            t1,
            "col",
            vec![("col", Column::Str((0..cells).map(|i| label(&t.col_labels, i % nc)).collect()))],
        );
        t2.columns.push(("suppressed", Column::Bool((0..cells).map(|i| self.is_cell_suppressed(i)).collect())));
        t2
    }
    fn html(&self) -> String {
        self.labelled_html()
    }
    fn caption(&self) -> String {
        let t = &self.inner;
        let test = match (&t.rao_scott, &t.table.chi_square) {
            (Some(r), _) => format!("; Rao–Scott F = {:.3}, p = {}", r.f_statistic, pv(r.f_p_value)),
            (None, Some(x)) => format!(
                "; X² = {:.3}, df = {}, p = {}, Cramér's V = {:.3}",
                x.statistic,
                x.df,
                pv(x.p_value),
                x.cramers_v
            ),
            _ => String::new(),
        };
        format!(
            "{} by {}: row % (n = {}){}{}",
            t.label,
            t.by_label,
            t.table.n,
            test,
            weighting_note(t.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let c = &t.table;
        let mut lines = vec![format!(
            "ItemCrosstab(item={:?}, by={:?}, n={}, weighted={}, chi_square={}, rao_scott={}, suppressed={})",
            t.item,
            t.by,
            c.n,
            yes(t.weighted),
            c.chi_square.as_ref().map_or_else(
                || "None".to_owned(),
                |x| format!("(X²={:.4}, df={}, p={}, V={:.4})", x.statistic, x.df, pv(x.p_value), x.cramers_v)
            ),
            t.rao_scott
                .as_ref()
                .map_or_else(|| "None".to_owned(), |r| format!("(F={:.4}, p={})", r.f_statistic, pv(r.f_p_value))),
            t.suppression.as_ref().map_or(0, |s| s.n_primary + s.n_secondary)
        )];
        lines.push(format!(
            "  {:<24}{}",
            "",
            t.col_labels.iter().map(|l| format!("{:>14}", l.chars().take(13).collect::<String>())).collect::<String>()
        ));
        for (r, label) in t.row_labels.iter().enumerate() {
            let cells: String = (0..c.n_cols)
                .map(|j| {
                    let i = r * c.n_cols + j;
                    if self.is_cell_suppressed(i) {
                        format!("{:>14}", "x")
                    } else {
                        format!("{:>14.2}", c.counts.get(i).copied().unwrap_or(0.0))
                    }
                })
                .collect();
            lines.push(format!("  {:<24}{cells}", label.chars().take(24).collect::<String>()));
        }
        lines.join("\n")
    }
}

result_class! {
    PyItemCrosstab(t) {
        /// The row item's id.
        fn item -> String = t.item.clone();
        /// The row item's label.
        fn label -> String = t.label.clone();
        /// The column variable (``"size_class"``, ``"province"`` or an item id).
        fn by -> String = t.by.clone();
        /// The column variable's label.
        fn by_label -> String = t.by_label.clone();
        /// Row labels (the item's options).
        fn row_labels -> Vec<String> = t.row_labels.clone();
        /// Column labels.
        fn col_labels -> Vec<String> = t.col_labels.clone();
        /// Respondents in the table (unweighted).
        fn n -> usize = t.table.n;
        /// Whether weighted.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// The Pearson chi-square test with Cramér's V (None when undefined).
        fn chi_square -> Option<PyChiSquareTest> = t.table.chi_square.clone().map(|inner| PyChiSquareTest { inner });
        /// The Rao–Scott corrected test (weighted tables only).
        fn rao_scott -> Option<PyRaoScott> = t.rao_scott.clone().map(|inner| PyRaoScott { inner });
        /// The suppression pattern (when ``suppress_below`` was given).
        fn suppression -> Option<PySuppression> = t.suppression.clone().map(|inner| PySuppression { inner });
        /// The whole table as :class:`lomonitor.stats.Crosstab`.
        fn table -> PyCrosstab = PyCrosstab { inner: t.table.clone() };
    }
    /// Counts (sums of weights when weighted), rows x columns.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        let c = &self.inner.table;
        matrix(py, &c.counts, c.n_rows, c.n_cols)
    }
    /// Unweighted counts, rows x columns.
    #[getter]
    fn unweighted_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<u64>>> {
        let c = &self.inner.table;
        matrix(py, &c.unweighted_counts, c.n_rows, c.n_cols)
    }
    /// Whether each cell is suppressed, rows x columns (all False without disclosure control).
    #[getter]
    fn suppressed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<bool>>> {
        let c = &self.inner.table;
        let v: Vec<bool> = (0..c.n_rows * c.n_cols).map(|i| self.is_cell_suppressed(i)).collect();
        matrix(py, &v, c.n_rows, c.n_cols)
    }
}

impl PyItemCrosstab {
    fn labelled_html(&self) -> String {
        let t = &self.inner;
        let c = &t.table;
        let cells: Vec<Vec<String>> = (0..c.n_rows)
            .map(|r| {
                (0..c.n_cols)
                    .map(|j| {
                        let i = r * c.n_cols + j;
                        if self.is_cell_suppressed(i) {
                            "x".to_owned()
                        } else {
                            c.row_percent.get(i).copied().flatten().map_or_else(String::new, |p| {
                                format!("{p:.1}% ({})", c.unweighted_counts.get(i).copied().unwrap_or(0))
                            })
                        }
                    })
                    .collect()
            })
            .collect();
        matrix_html(&self.caption(), &t.label, &t.row_labels, &t.col_labels, &cells)
    }
}

// ---------------------------------------------------------------------------------------------
// scales

/// The block of a scale: Cronbach's alpha with its interval, item statistics and each item's
/// descriptives; reverse-keyed items are reversed first.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ScaleSummary")]
pub struct PyScaleSummary {
    pub(crate) inner: core::ScaleSummary,
}

impl Render for PyScaleSummary {
    fn table(&self) -> Table {
        let t = &self.inner;
        let it = &t.reliability.items;
        Table {
            columns: vec![
                ("item", Column::Str(t.item_ids.clone())),
                ("label", Column::Str(t.items.iter().map(|d| d.label.clone()).collect())),
                ("reversed", Column::Bool(t.item_ids.iter().map(|i| t.reversed.contains(i)).collect())),
                ("n", Column::Int(it.iter().map(|x| x.n as u64).collect())),
                ("mean", Column::Float(it.iter().map(|x| x.mean).collect())),
                ("sd", Column::Float(it.iter().map(|x| x.sd).collect())),
                ("item_total_correlation", Column::OptFloat(it.iter().map(|x| x.item_total_correlation).collect())),
                ("alpha_if_deleted", Column::OptFloat(it.iter().map(|x| x.alpha_if_deleted).collect())),
            ],
        }
    }
    fn caption(&self) -> String {
        let r = &self.inner.reliability;
        format!(
            "{} ({}): Cronbach's alpha = {:.3} [{:.3}, {:.3}], k = {}, n = {}{}",
            self.inner.label,
            self.inner.id,
            r.alpha,
            r.interval.lower,
            r.interval.upper,
            r.k,
            r.n,
            weighting_note(self.inner.weighting.as_ref())
        )
    }
    fn repr(&self) -> String {
        let t = &self.inner;
        let r = &t.reliability;
        format!(
            "ScaleSummary(id={:?}, items={:?}, reversed={:?}, n={}, alpha={:.4}, ci=[{:.4}, {:.4}], weighted={})",
            t.id,
            t.item_ids,
            t.reversed,
            r.n,
            r.alpha,
            r.interval.lower,
            r.interval.upper,
            yes(t.weighted)
        )
    }
}

result_class! {
    PyScaleSummary(t) {
        /// The scale id.
        fn id -> String = t.id.clone();
        /// The scale's label.
        fn label -> String = t.label.clone();
        /// Its items, in order.
        fn item_ids -> Vec<String> = t.item_ids.clone();
        /// The reverse-keyed items (reversed before analysis).
        fn reversed -> Vec<String> = t.reversed.clone();
        /// Cronbach's alpha.
        fn alpha -> f64 = t.reliability.alpha;
        /// Respondents in the analysis.
        fn n -> usize = t.reliability.n;
        /// Whether weighted.
        fn weighted -> bool = t.weighted;
        /// The weighting, described (None when unweighted).
        fn weighting -> Option<String> = t.weighting.clone();
        /// The reliability block: :class:`lomonitor.stats.ScaleReliability`.
        fn reliability -> PyScaleReliability = PyScaleReliability { inner: t.reliability.clone() };
        /// Each item's descriptives (as answered, not reversed).
        fn items -> Vec<PyItemDescriptives> =
            t.items.iter().map(|d| PyItemDescriptives { inner: d.clone() }).collect();
    }
}

// ---------------------------------------------------------------------------------------------
// response rates, weights

/// Response rates per stratum (reporting units), with the goodness-of-fit test of the
/// respondents against the frame.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "ResponseRates")]
pub struct PyResponseRates {
    pub(crate) inner: core::ResponseRates,
}

impl Render for PyResponseRates {
    fn table(&self) -> Table {
        replace_column(
            PyRepresentativeness { inner: self.inner.result.clone() }.table(),
            "stratum",
            vec![("stratum", Column::Str(self.inner.labels.clone()))],
        )
    }
    fn caption(&self) -> String {
        format!(
            "Response by {}: {}",
            self.inner.by,
            PyRepresentativeness { inner: self.inner.result.clone() }.caption()
        )
    }
    fn repr(&self) -> String {
        let r = &self.inner.result;
        let mut lines = vec![format!(
            "ResponseRates(by={:?}, n={}, population={}, response_rate={:.4}, goodness_of_fit={})",
            self.inner.by,
            r.n,
            r.population,
            r.response_rate,
            r.goodness_of_fit.as_ref().map_or_else(
                || "None".to_owned(),
                |g| format!("(X²={:.4}, df={}, p={})", g.statistic, g.df, pv(g.p_value))
            )
        )];
        for (s, label) in r.strata.iter().zip(&self.inner.labels) {
            lines.push(format!(
                "  {:<24} {:>4} / {:<4} {:>6}",
                label,
                s.respondents,
                s.population,
                s.response_rate.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", 100.0 * x))
            ));
        }
        lines.join("\n")
    }
}

result_class! {
    PyResponseRates(t) {
        /// The stratification.
        fn by -> String = t.by.clone();
        /// Stratum labels.
        fn labels -> Vec<String> = t.labels.clone();
        /// Respondents (reporting units).
        fn n -> u64 = t.result.n;
        /// Reporting units in the frame.
        fn population -> u64 = t.result.population;
        /// Overall response rate.
        fn response_rate -> f64 = t.result.response_rate;
        /// Respondents per stratum.
        fn respondents -> Vec<u64> = t.result.strata.iter().map(|s| s.respondents).collect();
        /// Units per stratum (N_h).
        fn populations -> Vec<u64> = t.result.strata.iter().map(|s| s.population).collect();
        /// The chi-square goodness-of-fit test (None with fewer than two populated strata).
        fn goodness_of_fit -> Option<PyGoodnessOfFit> =
            t.result.goodness_of_fit.clone().map(|inner| PyGoodnessOfFit { inner });
        /// Everything: :class:`lomonitor.stats.Representativeness`.
        fn result -> PyRepresentativeness = PyRepresentativeness { inner: t.result.clone() };
    }
    /// Response rate per stratum (NaN where N_h = 0).
    #[getter]
    fn response_rates<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_vec(py, self.inner.result.strata.iter().map(|s| s.response_rate.unwrap_or(f64::NAN)).collect())
    }
    fn __len__(&self) -> usize {
        self.inner.labels.len()
    }
}

/// The weights of a study's responses under a weighting scheme, with the design effect and (for
/// raking) the convergence, and a sentence for the methods section.
#[pyclass(frozen, module = "lomonitor._lomonitor", name = "WeightingSummary")]
pub struct PyWeightingSummary {
    pub(crate) inner: core::WeightingSummary,
    /// The respondent ids, in the order of the weights.
    pub(crate) respondent_id: Vec<String>,
}

impl Render for PyWeightingSummary {
    fn table(&self) -> Table {
        Table {
            columns: vec![
                ("respondent_id", Column::Str(self.respondent_id.clone())),
                ("weight", Column::Float(self.inner.weights.clone())),
            ],
        }
    }
    fn caption(&self) -> String {
        format!("Weights ({}): {}", self.inner.scheme, self.inner.description)
    }
    fn repr(&self) -> String {
        let w = &self.inner;
        format!(
            "WeightingSummary(scheme={:?}, n={}, kish_design_effect={:.4}, effective_sample_size={:.2}, converged={})",
            w.scheme.to_string(),
            w.weights.len(),
            w.kish_design_effect,
            w.effective_sample_size,
            w.converged.map_or("None", yes)
        )
    }
}

result_class! {
    PyWeightingSummary(w) {
        /// The scheme, as text (``"poststratify:size_class"``).
        fn scheme -> String = w.scheme.to_string();
        /// A sentence for the methods section.
        fn description -> String = w.description.clone();
        /// Kish's design effect due to weighting.
        fn kish_design_effect -> f64 = w.kish_design_effect;
        /// Kish's effective sample size.
        fn effective_sample_size -> f64 = w.effective_sample_size;
        /// Raking: cycles run (None for post-stratification).
        fn iterations -> Option<usize> = w.iterations;
        /// Raking: whether every margin is within the tolerance.
        fn converged -> Option<bool> = w.converged;
        /// Raking: the largest deviation from a margin total.
        fn max_abs_deviation -> Option<f64> = w.max_abs_deviation;
        /// Raking: the tolerance.
        fn tolerance -> Option<f64> = w.tolerance;
    }
    /// The respondent ids, in the order of ``weights``.
    #[getter]
    fn respondent_id(&self) -> Vec<String> {
        self.respondent_id.clone()
    }
    /// One weight per response, in the response set's order; they sum to the number of units.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.weights)
    }
    fn __len__(&self) -> usize {
        self.inner.weights.len()
    }
}

/// Register the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyItemFrequencies>()?;
    m.add_class::<PyItemProportions>()?;
    m.add_class::<PyItemDescriptives>()?;
    m.add_class::<PyItemMultiple>()?;
    m.add_class::<PyItemRanking>()?;
    m.add_class::<PyItemCrosstab>()?;
    m.add_class::<PyScaleSummary>()?;
    m.add_class::<PyResponseRates>()?;
    m.add_class::<PyWeightingSummary>()?;
    Ok(())
}
