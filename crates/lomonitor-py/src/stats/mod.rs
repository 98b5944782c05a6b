//! `lomonitor.stats` on the native side: private functions `_stats_*` over numpy arrays.
//!
//! The Python module `lomonitor/stats.py` is the public API: it turns lists, pandas Series and
//! arrays of other dtypes into contiguous arrays of the dtype each function takes here (uint8
//! codes, float64 values and weights, uintp strata), so these functions borrow the buffers
//! without copying where the core takes slices. Every computation runs detached from the
//! interpreter (`py.detach`). Method names arrive as strings and go through the core's one
//! parser of each option (`crate::options::opt`); an unknown name is an `ArgumentError`. No
//! statistics are computed in this crate.

pub mod results;

use lomonitor::Error as CoreError;
use lomonitor::stats::{
    self as core, AgreementOptions, Alternative, CiMethod, Coefficient, DescribeOptions, DisclosureRule, DomainDf,
    LevelKind, Margin, MeasurementLevel, Missing, QuantileMethod, RatingMatrix, SurveyCiMethod,
};
use numpy::{Element, PyArray1, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{PyLoError, PyLoResult};
use crate::options::opt;
use results::{
    PyAgreement, PyCrosstab, PyDescriptives, PyFisherExact, PyFrequencyTable, PyMultipleResponse, PyProportionEstimate,
    PyRakeResult, PyRanking, PyRaoScott, PyRepresentativeness, PyScaleReliability, PySuppression, PySurveyEstimate,
    PyTrimResult, PyWeights,
};

pub(crate) fn arg(name: &'static str, message: impl Into<String>) -> PyLoError {
    PyLoError::from(CoreError::InvalidArgument { name, message: message.into() })
}

/// A whole-number argument taken from Python as `i64` and checked here, so a negative (or too
/// large) value is an `ArgumentError` naming the argument, not pyo3's `OverflowError`.
pub(crate) fn non_negative<T: TryFrom<i64>>(name: &'static str, value: i64) -> PyLoResult<T> {
    if value < 0 {
        return Err(arg(name, format!("{name} must be 0 or more, got {value}")));
    }
    T::try_from(value).map_err(|_| arg(name, format!("{name} = {value} is too large")))
}

/// The buffer of a contiguous 1-D array (stats.py passes only contiguous arrays).
fn slice<'a, T: Element>(a: &'a PyReadonlyArray1<'_, T>, name: &'static str) -> PyLoResult<&'a [T]> {
    a.as_slice().map_err(|e| arg(name, format!("expected a contiguous array: {e}")))
}

fn opt_slice<'a, T: Element>(
    a: &'a Option<PyReadonlyArray1<'_, T>>,
    name: &'static str,
) -> PyLoResult<Option<&'a [T]>> {
    a.as_ref().map(|a| slice(a, name)).transpose()
}

// ---------------------------------------------------------------------------------------------
// frequencies

#[pyfunction]
pub fn _stats_count_codes<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray1<'py, u8>,
    n_levels: i64,
) -> PyLoResult<Bound<'py, PyArray1<u64>>> {
    let n_levels: usize = non_negative("n_levels", n_levels)?;
    let c = slice(&codes, "codes")?;
    let counts = py.detach(|| core::count_codes(c, n_levels))?;
    Ok(PyArray1::from_vec(py, counts))
}

#[pyfunction]
pub fn _stats_weighted_counts<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray1<'py, u8>,
    n_levels: i64,
    weights: Option<PyReadonlyArray1<'py, f64>>,
) -> PyLoResult<Bound<'py, PyArray1<f64>>> {
    let n_levels: usize = non_negative("n_levels", n_levels)?;
    let c = slice(&codes, "codes")?;
    let w = opt_slice(&weights, "weights")?;
    let counts = py.detach(|| core::weighted_counts(c, n_levels, w))?;
    Ok(PyArray1::from_vec(py, counts))
}

#[pyfunction]
pub fn _stats_frequency_table(
    py: Python<'_>,
    codes: PyReadonlyArray1<'_, u8>,
    kinds: Vec<String>,
    weights: Option<PyReadonlyArray1<'_, f64>>,
) -> PyLoResult<PyFrequencyTable> {
    let c = slice(&codes, "codes")?;
    let w = opt_slice(&weights, "weights")?;
    let kinds = kinds.iter().map(|k| opt::<LevelKind>("kind", k)).collect::<PyLoResult<Vec<_>>>()?;
    let inner = py.detach(|| core::FrequencyTable::from_codes(c, &kinds, w))?;
    Ok(PyFrequencyTable { inner })
}

// ---------------------------------------------------------------------------------------------
// proportions, survey estimates, descriptives

#[pyfunction]
pub fn _stats_proportion_ci(
    py: Python<'_>,
    x: i64,
    n: i64,
    level: f64,
    method: &str,
    population: Option<i64>,
) -> PyLoResult<PyProportionEstimate> {
    let m: CiMethod = opt("method", method)?;
    let (x, n): (u64, u64) = (non_negative("x", x)?, non_negative("n", n)?);
    let population: Option<u64> = population.map(|p| non_negative("population", p)).transpose()?;
    let inner = py.detach(|| core::proportion_ci(x, n, level, m, population))?;
    Ok(PyProportionEstimate { inner })
}

#[pyfunction]
pub fn _stats_survey_mean(
    py: Python<'_>,
    y: PyReadonlyArray1<'_, f64>,
    weights: PyReadonlyArray1<'_, f64>,
    strata: Option<PyReadonlyArray1<'_, usize>>,
    stratum_population: Option<PyReadonlyArray1<'_, f64>>,
    level: f64,
) -> PyLoResult<PySurveyEstimate> {
    let (y, w) = (slice(&y, "y")?, slice(&weights, "weights")?);
    let h = opt_slice(&strata, "strata")?;
    let pop = opt_slice(&stratum_population, "stratum_population")?;
    let inner = py.detach(|| core::survey_mean(y, w, h, pop, level))?;
    Ok(PySurveyEstimate { inner })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)] // the core function's arguments, plus py
pub fn _stats_survey_proportion(
    py: Python<'_>,
    y: PyReadonlyArray1<'_, u8>,
    weights: PyReadonlyArray1<'_, f64>,
    strata: Option<PyReadonlyArray1<'_, usize>>,
    stratum_population: Option<PyReadonlyArray1<'_, f64>>,
    level: f64,
    method: &str,
) -> PyLoResult<PySurveyEstimate> {
    let m: SurveyCiMethod = opt("method", method)?;
    let (y, w) = (slice(&y, "y")?, slice(&weights, "weights")?);
    let h = opt_slice(&strata, "strata")?;
    let pop = opt_slice(&stratum_population, "stratum_population")?;
    let inner = py.detach(|| core::survey_proportion(y, w, h, pop, level, m))?;
    Ok(PySurveyEstimate { inner })
}

/// `values`: NaN is missing (`None` for the core); infinities go through and are rejected there.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // the core function's arguments, plus py
pub fn _stats_describe(
    py: Python<'_>,
    values: PyReadonlyArray1<'_, f64>,
    weights: Option<PyReadonlyArray1<'_, f64>>,
    level: f64,
    quantile_method: &str,
    population: Option<i64>,
    top_codes: Vec<f64>,
) -> PyLoResult<PyDescriptives> {
    let population: Option<u64> = population.map(|p| non_negative("population", p)).transpose()?;
    let quantile_method: QuantileMethod = opt("quantile_method", quantile_method)?;
    let v = slice(&values, "values")?;
    let w = opt_slice(&weights, "weights")?;
    let options = DescribeOptions { level, quantile_method, population, top_codes, bottom_codes: Vec::new() };
    let inner = py.detach(|| {
        let v: Vec<Option<f64>> = v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect();
        core::describe(&v, w, &options)
    })?;
    Ok(PyDescriptives { inner })
}

// ---------------------------------------------------------------------------------------------
// multiple response, ranking

/// Columns of a 2-D uint8 array (rows = respondents): borrowed when the array is
/// Fortran-contiguous (stats.py passes it so), copied otherwise.
fn columns<'a>(data: &'a PyReadonlyArray2<'_, u8>) -> Vec<std::borrow::Cow<'a, [u8]>> {
    let view = data.as_array();
    (0..view.ncols())
        .map(|j| view.index_axis_move(numpy::ndarray::Axis(1), j))
        .map(|c| match c.to_slice() {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(c.to_vec()),
        })
        .collect()
}

#[pyfunction]
pub fn _stats_multiple_response(
    py: Python<'_>,
    data: PyReadonlyArray2<'_, u8>,
    asked: Option<PyReadonlyArray1<'_, bool>>,
    weights: Option<PyReadonlyArray1<'_, f64>>,
) -> PyLoResult<PyMultipleResponse> {
    let cols = columns(&data);
    let a = opt_slice(&asked, "asked")?;
    let w = opt_slice(&weights, "weights")?;
    let inner = py.detach(|| {
        let refs: Vec<&[u8]> = cols.iter().map(AsRef::as_ref).collect();
        core::multiple_response(&refs, a, w)
    })?;
    Ok(PyMultipleResponse { inner })
}

#[pyfunction]
pub fn _stats_ranking(
    py: Python<'_>,
    data: PyReadonlyArray2<'_, u8>,
    top_k: i64,
    asked: Option<PyReadonlyArray1<'_, bool>>,
    weights: Option<PyReadonlyArray1<'_, f64>>,
) -> PyLoResult<PyRanking> {
    let top_k: u8 = non_negative("top_k", top_k)?;
    let cols = columns(&data);
    let a = opt_slice(&asked, "asked")?;
    let w = opt_slice(&weights, "weights")?;
    let inner = py.detach(|| {
        let refs: Vec<&[u8]> = cols.iter().map(AsRef::as_ref).collect();
        core::ranking(&refs, top_k, a, w)
    })?;
    Ok(PyRanking { inner })
}

// ---------------------------------------------------------------------------------------------
// weights

#[pyfunction]
pub fn _stats_poststratify(
    py: Python<'_>,
    strata: PyReadonlyArray1<'_, usize>,
    population_counts: PyReadonlyArray1<'_, f64>,
    base: Option<PyReadonlyArray1<'_, f64>>,
) -> PyLoResult<PyWeights> {
    let h = slice(&strata, "strata")?;
    let pop = slice(&population_counts, "population_counts")?;
    let b = opt_slice(&base, "base")?;
    let inner = py.detach(|| core::poststratify(h, pop, b))?;
    Ok(PyWeights { inner })
}

/// The raking margins from the code and target arrays (one pair per margin), for both raking
/// natives.
fn margins<'a>(
    codes: &'a [PyReadonlyArray1<'_, usize>],
    targets: &'a [PyReadonlyArray1<'_, f64>],
) -> PyLoResult<Vec<Margin<'a>>> {
    if codes.len() != targets.len() {
        return Err(arg("margins", format!("{} code arrays for {} target arrays", codes.len(), targets.len())));
    }
    codes
        .iter()
        .zip(targets)
        .map(|(c, t)| Ok(Margin { codes: slice(c, "margins")?, targets: slice(t, "margins")? }))
        .collect()
}

#[pyfunction]
pub fn _stats_rake(
    py: Python<'_>,
    codes: Vec<PyReadonlyArray1<'_, usize>>,
    targets: Vec<PyReadonlyArray1<'_, f64>>,
    base: Option<PyReadonlyArray1<'_, f64>>,
    tolerance: f64,
    max_iterations: i64,
) -> PyLoResult<PyRakeResult> {
    let max_iterations: usize = non_negative("max_iterations", max_iterations)?;
    let margins = margins(&codes, &targets)?;
    let b = opt_slice(&base, "base")?;
    let inner = py.detach(|| core::rake(&margins, b, tolerance, max_iterations))?;
    Ok(PyRakeResult { inner })
}

#[pyfunction]
pub fn _stats_trim(
    py: Python<'_>,
    weights: PyReadonlyArray1<'_, f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    keep_total: bool,
) -> PyLoResult<PyTrimResult> {
    let w = slice(&weights, "weights")?;
    let inner = py.detach(|| core::trim(w, lower, upper, keep_total))?;
    Ok(PyTrimResult { inner })
}

#[pyfunction]
pub fn _stats_kish_design_effect(py: Python<'_>, weights: PyReadonlyArray1<'_, f64>) -> PyLoResult<f64> {
    let w = slice(&weights, "weights")?;
    Ok(py.detach(|| core::kish_design_effect(w))?)
}

#[pyfunction]
pub fn _stats_effective_sample_size(py: Python<'_>, weights: PyReadonlyArray1<'_, f64>) -> PyLoResult<f64> {
    let w = slice(&weights, "weights")?;
    Ok(py.detach(|| core::effective_sample_size(w))?)
}

// ---------------------------------------------------------------------------------------------
// crosstabs, representativeness, disclosure

#[pyfunction]
pub fn _stats_crosstab(
    py: Python<'_>,
    rows: PyReadonlyArray1<'_, u8>,
    n_rows: i64,
    cols: PyReadonlyArray1<'_, u8>,
    n_cols: i64,
    weights: Option<PyReadonlyArray1<'_, f64>>,
) -> PyLoResult<PyCrosstab> {
    let (n_rows, n_cols): (usize, usize) = (non_negative("n_rows", n_rows)?, non_negative("n_cols", n_cols)?);
    let (r, c) = (slice(&rows, "rows")?, slice(&cols, "cols")?);
    let w = opt_slice(&weights, "weights")?;
    let inner = py.detach(|| core::crosstab(r, n_rows, c, n_cols, w))?;
    Ok(PyCrosstab { inner })
}

#[pyfunction]
pub fn _stats_fisher_exact_2x2(py: Python<'_>, a: i64, b: i64, c: i64, d: i64) -> PyLoResult<PyFisherExact> {
    let cells: [u64; 4] = [non_negative("a", a)?, non_negative("b", b)?, non_negative("c", c)?, non_negative("d", d)?];
    let inner = py.detach(|| core::fisher_exact_2x2(cells));
    Ok(PyFisherExact { inner })
}

// ---------------------------------------------------------------------------------------------
// issue 18: exact tests, odds ratios, adjustments, raking to a relative tolerance, domains

#[pyfunction]
pub fn _stats_fisher_exact_test(py: Python<'_>, a: i64, b: i64, c: i64, d: i64, alternative: &str) -> PyLoResult<f64> {
    let (a, b, c, d): (u64, u64, u64, u64) =
        (non_negative("a", a)?, non_negative("b", b)?, non_negative("c", c)?, non_negative("d", d)?);
    let alt: Alternative = opt("alternative", alternative)?;
    Ok(py.detach(|| core::fisher_exact_test([a, b, c, d], alt))?)
}

#[pyfunction]
pub fn _stats_fisher_rxc<'py>(
    py: Python<'py>,
    table: Vec<u64>,
    n_rows: i64,
    n_cols: i64,
    replicates: i64,
    seed: i64,
) -> PyLoResult<Bound<'py, PyDict>> {
    let (n_rows, n_cols, replicates): (usize, usize, usize) =
        (non_negative("n_rows", n_rows)?, non_negative("n_cols", n_cols)?, non_negative("replicates", replicates)?);
    let seed: u64 = non_negative("seed", seed)?;
    let r = py.detach(|| core::fisher_rxc_monte_carlo(&table, n_rows, n_cols, replicates, seed))?;
    let d = PyDict::new(py);
    let set = |k: &str, v: f64| d.set_item(k, v).map_err(|e| arg("table", e.to_string()));
    set("p_value", r.p_value)?;
    set("mc_standard_error", r.mc_standard_error)?;
    set("statistic", r.statistic)?;
    d.set_item("replicates", r.replicates).map_err(|e| arg("replicates", e.to_string()))?;
    d.set_item("seed", r.seed).map_err(|e| arg("seed", e.to_string()))?;
    Ok(d)
}

#[pyfunction]
pub fn _stats_odds_ratio_2x2<'py>(
    py: Python<'py>,
    a: i64,
    b: i64,
    c: i64,
    d: i64,
    level: f64,
) -> PyLoResult<Bound<'py, PyDict>> {
    let (a, b, c, d): (u64, u64, u64, u64) =
        (non_negative("a", a)?, non_negative("b", b)?, non_negative("c", c)?, non_negative("d", d)?);
    let r = py.detach(|| core::odds_ratio_2x2([a, b, c, d], level))?;
    let out = PyDict::new(py);
    let err = |e: PyErr| arg("table", e.to_string());
    out.set_item("sample", r.sample).map_err(err)?;
    out.set_item("woolf", r.woolf.map(|i| (i.lower, i.upper))).map_err(err)?;
    out.set_item("conditional", r.conditional).map_err(err)?;
    out.set_item("conditional_interval", (r.conditional_interval.lower, r.conditional_interval.upper)).map_err(err)?;
    Ok(out)
}

#[pyfunction]
pub fn _stats_adjust_p(py: Python<'_>, p: Vec<f64>, method: &str) -> PyLoResult<Vec<f64>> {
    match opt::<lomonitor::analysis::PAdjustment>("method", method)? {
        lomonitor::analysis::PAdjustment::Holm => Ok(py.detach(|| core::holm(&p))?),
        lomonitor::analysis::PAdjustment::BenjaminiHochberg => Ok(py.detach(|| core::benjamini_hochberg(&p))?),
    }
}

#[pyfunction]
pub fn _stats_rake_with(
    py: Python<'_>,
    codes: Vec<PyReadonlyArray1<'_, usize>>,
    targets: Vec<PyReadonlyArray1<'_, f64>>,
    base: Option<PyReadonlyArray1<'_, f64>>,
    relative_tolerance: f64,
    max_iterations: i64,
) -> PyLoResult<PyRakeResult> {
    let max_iterations: usize = non_negative("max_iterations", max_iterations)?;
    let margins = margins(&codes, &targets)?;
    let b = opt_slice(&base, "base")?;
    let options = core::RakeOptions { relative_tolerance, max_iterations };
    let inner = py.detach(|| core::rake_with(&margins, b, &options))?;
    Ok(PyRakeResult { inner })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)] // the core function's arguments, plus py
pub fn _stats_survey_domain(
    py: Python<'_>,
    y: PyReadonlyArray1<'_, f64>,
    weights: PyReadonlyArray1<'_, f64>,
    domain: PyReadonlyArray1<'_, bool>,
    strata: Option<PyReadonlyArray1<'_, usize>>,
    stratum_population: Option<PyReadonlyArray1<'_, f64>>,
    level: f64,
    df: &str,
    method: Option<&str>,
) -> PyLoResult<PySurveyEstimate> {
    let df: DomainDf = opt("df", df)?;
    let (y, w, members) = (slice(&y, "y")?, slice(&weights, "weights")?, slice(&domain, "domain")?);
    let h = opt_slice(&strata, "strata")?;
    let pop = opt_slice(&stratum_population, "stratum_population")?;
    let dom = core::Domain { members, df };
    let inner = match method {
        None => py.detach(|| core::survey_domain_mean(y, w, h, pop, &dom, level))?,
        Some(m) => {
            let m: SurveyCiMethod = opt("method", m)?;
            if let Some(i) = y.iter().zip(members).position(|(&v, &d)| d && v != 0.0 && v != 1.0) {
                return Err(arg("y", format!("value at position {i} is not 0 or 1")));
            }
            let yb: Vec<u8> = y.iter().map(|&v| u8::from(v == 1.0)).collect();
            py.detach(|| core::survey_domain_proportion(&yb, w, h, pop, &dom, level, m))?
        }
    };
    Ok(PySurveyEstimate { inner })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)] // the core function's arguments, plus py
pub fn _stats_rao_scott(
    py: Python<'_>,
    rows: PyReadonlyArray1<'_, u8>,
    n_rows: i64,
    cols: PyReadonlyArray1<'_, u8>,
    n_cols: i64,
    weights: PyReadonlyArray1<'_, f64>,
    strata: Option<PyReadonlyArray1<'_, usize>>,
    population_sizes: Option<PyReadonlyArray1<'_, f64>>,
) -> PyLoResult<PyRaoScott> {
    let (n_rows, n_cols): (usize, usize) = (non_negative("n_rows", n_rows)?, non_negative("n_cols", n_cols)?);
    let (r, c) = (slice(&rows, "rows")?, slice(&cols, "cols")?);
    let design = core::Design {
        weights: slice(&weights, "weights")?,
        strata: opt_slice(&strata, "strata")?,
        population_sizes: opt_slice(&population_sizes, "population_sizes")?,
    };
    let inner = py.detach(|| core::rao_scott(r, n_rows, c, n_cols, &design))?;
    Ok(PyRaoScott { inner })
}

#[pyfunction]
pub fn _stats_representativeness(
    py: Python<'_>,
    respondents: PyReadonlyArray1<'_, u64>,
    population: PyReadonlyArray1<'_, u64>,
) -> PyLoResult<PyRepresentativeness> {
    let (n, big_n) = (slice(&respondents, "respondents")?, slice(&population, "population")?);
    let inner = py.detach(|| core::representativeness(n, big_n))?;
    Ok(PyRepresentativeness { inner })
}

#[pyfunction]
pub fn _stats_suppress(
    py: Python<'_>,
    counts: PyReadonlyArray2<'_, u64>,
    threshold: i64,
    zero_is_disclosive: bool,
    totals_published: bool,
) -> PyLoResult<PySuppression> {
    let threshold: u64 = non_negative("threshold", threshold)?;
    let view = counts.as_array();
    let (n_rows, n_cols) = view.dim();
    let flat: Vec<u64> = view.iter().copied().collect(); // row-major, whatever the memory order
    let rule = DisclosureRule { threshold, zero_is_disclosive, totals_published };
    let inner = py.detach(|| core::suppress(&flat, n_rows, n_cols, &rule))?;
    Ok(PySuppression { inner })
}

// ---------------------------------------------------------------------------------------------
// reliability, agreement

/// `items`: rows = respondents, columns = items; NaN is missing.
#[pyfunction]
pub fn _stats_scale_reliability(
    py: Python<'_>,
    items: PyReadonlyArray2<'_, f64>,
    weights: Option<PyReadonlyArray1<'_, f64>>,
    missing: &str,
    level: f64,
) -> PyLoResult<PyScaleReliability> {
    let missing: Missing = opt("missing", missing)?;
    let view = items.as_array();
    let w = opt_slice(&weights, "weights")?;
    let inner = py.detach(|| {
        let cols: Vec<Vec<Option<f64>>> =
            view.columns().into_iter().map(|c| c.iter().map(|x| (!x.is_nan()).then_some(*x)).collect()).collect();
        let refs: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
        core::scale_reliability(&refs, w, missing, level)
    })?;
    Ok(PyScaleReliability { inner })
}

/// One code of the agreement data: NaN is missing, anything else a non-negative whole number.
fn agreement_code(x: f64, unit: usize, coder: usize) -> lomonitor::Result<Option<u32>> {
    if x.is_nan() {
        return Ok(None);
    }
    if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) {
        return Ok(Some(x as u32));
    }
    Err(CoreError::InvalidArgument {
        name: "data",
        message: format!(
            "unit {unit}, coder {coder}: code {x} is not a non-negative whole number (codes are category numbers; NaN is missing)"
        ),
    })
}

/// Every agreement coefficient. `data`: rows = units, columns = coders; NaN is missing.
/// `coefficient` is the Python function's name; `measurement`, `bootstrap` and `seed` are used by
/// Krippendorff's alpha only.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one entry for the six coefficients
pub fn _stats_agreement(
    py: Python<'_>,
    data: PyReadonlyArray2<'_, f64>,
    coefficient: &str,
    level: f64,
    population: Option<f64>,
    categories: Option<Vec<u32>>,
    measurement: &str,
    bootstrap: Option<i64>,
    seed: i64,
) -> PyLoResult<PyAgreement> {
    let bootstrap: Option<usize> = bootstrap.map(|b| non_negative("bootstrap", b)).transpose()?;
    let seed: u64 = non_negative("seed", seed)?;
    let which: Coefficient = opt("coefficient", coefficient)?;
    let measurement: MeasurementLevel = opt("level", measurement)?;
    let view = data.as_array();
    let n_coders = view.ncols();
    let opts = AgreementOptions { level, population };
    let inner = py.detach(|| {
        let mut codes = Vec::with_capacity(view.len());
        for (unit, row) in view.rows().into_iter().enumerate() {
            for (coder, &x) in row.iter().enumerate() {
                codes.push(agreement_code(x, unit, coder)?);
            }
        }
        let codings = match &categories {
            Some(c) => RatingMatrix::with_categories(&codes, n_coders, c)?,
            None => RatingMatrix::new(&codes, n_coders)?,
        };
        // The level of alpha is its own argument: the coefficient's name carries none.
        match (which, bootstrap) {
            (Coefficient::PercentAgreement, _) => codings.percent_agreement(&opts),
            (Coefficient::CohenKappa, _) => codings.cohen_kappa(&opts),
            (Coefficient::FleissKappa, _) => codings.fleiss_kappa(&opts),
            (Coefficient::BrennanPrediger, _) => codings.brennan_prediger(&opts),
            (Coefficient::GwetAc1, _) => codings.gwet_ac1(&opts),
            (Coefficient::KrippendorffAlpha(_), None) => codings.krippendorff_alpha(measurement, &opts),
            (Coefficient::KrippendorffAlpha(_), Some(b)) => {
                codings.krippendorff_alpha_bootstrap(measurement, &opts, b, seed)
            }
        }
    })?;
    Ok(PyAgreement { inner })
}

/// Register the functions and classes of `lomonitor.stats`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_stats_count_codes, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_weighted_counts, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_frequency_table, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_proportion_ci, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_survey_mean, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_survey_proportion, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_describe, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_multiple_response, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_ranking, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_poststratify, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_rake, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_trim, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_kish_design_effect, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_effective_sample_size, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_crosstab, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_fisher_exact_2x2, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_fisher_exact_test, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_fisher_rxc, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_odds_ratio_2x2, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_adjust_p, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_rake_with, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_survey_domain, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_rao_scott, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_representativeness, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_suppress, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_scale_reliability, m)?)?;
    m.add_function(wrap_pyfunction!(_stats_agreement, m)?)?;
    m.add_class::<results::PyProportionEstimate>()?;
    m.add_class::<results::PySurveyEstimate>()?;
    m.add_class::<results::PyFrequencyTable>()?;
    m.add_class::<results::PyDescriptives>()?;
    m.add_class::<results::PyMultipleResponse>()?;
    m.add_class::<results::PyRanking>()?;
    m.add_class::<results::PyWeights>()?;
    m.add_class::<results::PyRakeResult>()?;
    m.add_class::<results::PyTrimResult>()?;
    m.add_class::<results::PyCrosstab>()?;
    m.add_class::<results::PyChiSquareTest>()?;
    m.add_class::<results::PyFisherExact>()?;
    m.add_class::<results::PyRaoScott>()?;
    m.add_class::<results::PyRepresentativeness>()?;
    m.add_class::<results::PyGoodnessOfFit>()?;
    m.add_class::<results::PySuppression>()?;
    m.add_class::<results::PyScaleReliability>()?;
    m.add_class::<results::PyAgreement>()?;
    Ok(())
}
