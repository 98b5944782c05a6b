//! Whole-buffer functions for the benchmarks and bulk analysis: a 2-D `uint8` array of codes
//! (respondents x items) in, numpy arrays out, no per-value Python objects.
//!
//! Fortran (column-major) order is the natural layout: each item is then a contiguous column
//! and is borrowed without a copy. A C-ordered array is transposed once, detached from the
//! interpreter. Every computation runs detached (`py.detach`); no statistics are computed here.

use std::borrow::Cow;

use lomonitor::Error as CoreError;
use lomonitor::frame::{Frame, Organisations};
use lomonitor::instrument::Questionnaire;
use lomonitor::io::TextEncoding;
use lomonitor::responses::{ImportOptions, import_csv};
use lomonitor::stats::{self as core, AgreementOptions, Margin, MeasurementLevel, RatingMatrix, SurveyCiMethod};
use numpy::ndarray::{Array2, Array3, ArrayView2};
use numpy::{IntoPyArray, PyArray1, PyArray2, PyArray3, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{PyLoError, PyLoResult};

fn arg(name: &'static str, message: impl Into<String>) -> PyLoError {
    PyLoError::from(CoreError::InvalidArgument { name, message: message.into() })
}

/// The codes item after item (column-major), borrowed when the array is Fortran-ordered.
struct Columns<'a> {
    data: Cow<'a, [u8]>,
    n_rows: usize,
    n_cols: usize,
}

impl<'a> Columns<'a> {
    fn new(view: ArrayView2<'a, u8>) -> Self {
        let (n_rows, n_cols) = view.dim();
        let t = view.reversed_axes();
        let data = match t.to_slice() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(t.iter().copied().collect()),
        };
        Self { data, n_rows, n_cols }
    }

    fn views(&self) -> Vec<&[u8]> {
        if self.n_rows == 0 {
            return vec![&[][..]; self.n_cols];
        }
        self.data.chunks(self.n_rows).collect()
    }
}

/// The level count of each item: one number for all, or one per item.
fn levels(n_levels: Vec<usize>, n_cols: usize) -> PyLoResult<Vec<usize>> {
    match n_levels.as_slice() {
        [l] => Ok(vec![*l; n_cols]),
        v if v.len() == n_cols => Ok(n_levels),
        _ => Err(arg("n_levels", format!("{} level counts for {n_cols} items", n_levels.len()))),
    }
}

fn slice<'a>(a: &'a PyReadonlyArray1<'_, f64>, name: &'static str) -> PyLoResult<&'a [f64]> {
    a.as_slice().map_err(|e| arg(name, format!("expected a contiguous array: {e}")))
}

/// Rows of ragged per-item results padded into one 2-D array (`pad` beyond an item's levels).
fn padded<T: Copy>(rows: &[Vec<T>], pad: T) -> Array2<T> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    Array2::from_shape_fn((rows.len(), width), |(j, k)| rows.get(j).and_then(|r| r.get(k)).copied().unwrap_or(pad))
}

/// Counts of every item: `(n_items, max(n_levels))` `uint64`, 0 beyond an item's levels.
#[pyfunction]
pub fn _bench_count_columns<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray2<'py, u8>,
    n_levels: Vec<usize>,
) -> PyLoResult<Bound<'py, PyArray2<u64>>> {
    let view = codes.as_array();
    let out = py.detach(|| {
        let cols = Columns::new(view);
        let l = levels(n_levels, cols.n_cols)?;
        Ok::<_, PyLoError>(padded(&core::count_columns(&cols.views(), &l)?, 0))
    })?;
    Ok(out.into_pyarray(py))
}

/// Weighted counts of every item: `(n_items, max(n_levels))` `float64`, 0 beyond an item's levels.
#[pyfunction]
pub fn _bench_weighted_count_columns<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray2<'py, u8>,
    n_levels: Vec<usize>,
    weights: PyReadonlyArray1<'py, f64>,
) -> PyLoResult<Bound<'py, PyArray2<f64>>> {
    let w = slice(&weights, "weights")?;
    let view = codes.as_array();
    let out = py.detach(|| {
        let cols = Columns::new(view);
        let l = levels(n_levels, cols.n_cols)?;
        Ok::<_, PyLoError>(padded(&core::weighted_count_columns(&cols.views(), &l, w)?, 0.0))
    })?;
    Ok(out.into_pyarray(py))
}

/// Counts of every item by a group: `(n_items, max(n_levels), n_groups)` `uint64`.
#[pyfunction]
pub fn _bench_crosstab_columns<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray2<'py, u8>,
    n_levels: Vec<usize>,
    group: PyReadonlyArray1<'py, u8>,
    n_groups: usize,
) -> PyLoResult<Bound<'py, PyArray3<u64>>> {
    let g = group.as_slice().map_err(|e| arg("group", format!("expected a contiguous array: {e}")))?;
    let view = codes.as_array();
    let out = py.detach(|| {
        let cols = Columns::new(view);
        let l = levels(n_levels, cols.n_cols)?;
        let tables = core::crosstab_columns(&cols.views(), &l, g, n_groups)?;
        let width = l.iter().copied().max().unwrap_or(0);
        Ok::<_, PyLoError>(Array3::from_shape_fn((tables.len(), width, n_groups), |(j, k, h)| {
            tables.get(j).and_then(|t| t.get(k * n_groups + h)).copied().unwrap_or(0)
        }))
    })?;
    Ok(out.into_pyarray(py))
}

type Estimates<'py> =
    (Bound<'py, PyArray2<f64>>, Bound<'py, PyArray2<f64>>, Bound<'py, PyArray2<f64>>, Bound<'py, PyArray2<f64>>);

/// Design-based proportions of every level of every item: `(estimate, se, lower, upper)`, each
/// `(n_items, max(n_levels))` `float64`, NaN beyond an item's levels (padding only).
#[pyfunction]
#[pyo3(signature = (codes, n_levels, weights, level = 0.95, method = "logit"))]
pub fn _bench_survey_proportions<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray2<'py, u8>,
    n_levels: Vec<usize>,
    weights: PyReadonlyArray1<'py, f64>,
    level: f64,
    method: &str,
) -> PyLoResult<Estimates<'py>> {
    let method: SurveyCiMethod = crate::options::opt("method", method)?;
    let w = slice(&weights, "weights")?;
    let view = codes.as_array();
    let (e, s, lo, hi) = py.detach(|| {
        let cols = Columns::new(view);
        let l = levels(n_levels, cols.n_cols)?;
        let all = core::survey_proportions(&cols.views(), &l, w, None, None, level, method)?;
        let pick = |f: &dyn Fn(&core::SurveyEstimate) -> f64| -> Array2<f64> {
            padded(&all.iter().map(|r| r.iter().map(f).collect::<Vec<f64>>()).collect::<Vec<_>>(), f64::NAN)
        };
        Ok::<_, PyLoError>((
            pick(&|x| x.estimate),
            pick(&|x| x.se),
            pick(&|x| x.interval.lower),
            pick(&|x| x.interval.upper),
        ))
    })?;
    Ok((e.into_pyarray(py), s.into_pyarray(py), lo.into_pyarray(py), hi.into_pyarray(py)))
}

/// One read of every byte of the array (xor of its 8-byte words), on the cores the counting
/// uses: the memory floor the counting functions are compared with.
#[pyfunction]
pub fn _bench_read_floor(py: Python<'_>, codes: PyReadonlyArray2<'_, u8>) -> PyLoResult<u64> {
    let data = codes.as_slice().map_err(|e| arg("codes", format!("expected a contiguous array: {e}")))?;
    Ok(py.detach(|| {
        let blocks: Vec<&[u8]> = data.chunks(data.len().div_ceil(2).max(1)).collect();
        let threads = if data.len() < (1 << 20) { 1 } else { 2 };
        let fold = |b: &[u8]| {
            let mut acc = [0u64; 4];
            let mut words = b.chunks_exact(32);
            for w in &mut words {
                for (a, x) in acc.iter_mut().zip(w.chunks_exact(8)) {
                    *a ^= x.iter().fold(0u64, |v, &y| (v << 8) | u64::from(y));
                }
            }
            acc.iter().fold(0, |v, a| v ^ a) ^ words.remainder().iter().map(|&x| u64::from(x)).sum::<u64>()
        };
        if threads == 1 {
            blocks.iter().map(|b| fold(b)).fold(0, |v, x| v ^ x)
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = blocks.iter().map(|b| s.spawn(move || fold(b))).collect();
                handles.into_iter().map(|h| h.join().unwrap_or(0)).fold(0, |v, x| v ^ x)
            })
        }
    }))
}

/// Cronbach's alpha of the items (columns), listwise, unweighted: the codes are the values,
/// read in place (one blocked pass, no conversion to floats).
#[pyfunction]
pub fn _bench_cronbach_alpha(py: Python<'_>, codes: PyReadonlyArray2<'_, u8>) -> PyLoResult<f64> {
    let view = codes.as_array();
    Ok(py.detach(|| {
        let cols = Columns::new(view);
        core::scale_reliability_codes(&cols.views(), &[], 0.95).map(|r| r.alpha)
    })?)
}

/// Krippendorff's alpha (nominal) of a units x coders `float64` matrix, NaN = not coded.
#[pyfunction]
pub fn _bench_krippendorff_alpha(py: Python<'_>, codes: PyReadonlyArray2<'_, f64>) -> PyLoResult<f64> {
    let view = codes.as_array();
    let n_coders = view.ncols();
    Ok(py.detach(|| {
        // A C-contiguous matrix is read in place; any other layout is copied once.
        let c = match view.as_slice() {
            Some(values) => RatingMatrix::from_f64(values, n_coders)?,
            None => RatingMatrix::from_f64(&view.iter().copied().collect::<Vec<f64>>(), n_coders)?,
        };
        c.krippendorff_alpha(MeasurementLevel::Nominal, &AgreementOptions::default()).map(|a| a.estimate)
    })?)
}

/// Raking of unit base weights to the margins (the `uint8` columns of `codes`, read in place)
/// with the given population totals per category: the raked weights.
#[pyfunction]
pub fn _bench_rake<'py>(
    py: Python<'py>,
    codes: PyReadonlyArray2<'py, u8>,
    targets: Vec<Vec<f64>>,
    tolerance: f64,
    max_iterations: usize,
) -> PyLoResult<Bound<'py, PyArray1<f64>>> {
    let view = codes.as_array();
    let w = py.detach(|| {
        let cols = Columns::new(view);
        if targets.len() != cols.n_cols {
            return Err(arg("targets", format!("{} target lists for {} margins", targets.len(), cols.n_cols)));
        }
        // The uint8 columns are raked in place (no widening to usize).
        let views = cols.views();
        let margins: Vec<Margin<'_, u8>> =
            views.iter().zip(&targets).map(|(&codes, t)| Margin { codes, targets: t }).collect();
        let r = core::rake_codes(&margins, None, tolerance, max_iterations)?;
        if !r.converged {
            return Err(arg("max_iterations", format!("raking did not converge in {} cycles", r.iterations)));
        }
        Ok(r.weights.weights)
    })?;
    Ok(PyArray1::from_vec(py, w))
}

/// Import response CSV text (lomonitor layout) against a questionnaire given as TOML text, with
/// the full validation, against the embedded frame. Returns counts and the store's size.
/// `several_per_unit`: keep every response of a unit (a staff survey), as
/// `ImportOptions::several_per_unit`.
#[pyfunction]
#[pyo3(signature = (text, questionnaire_toml, several_per_unit = false))]
pub fn _bench_import_csv<'py>(
    py: Python<'py>,
    text: &str,
    questionnaire_toml: &str,
    several_per_unit: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let (r, sizes, aside) = py
        .detach(|| {
            let q = Questionnaire::from_toml_str(questionnaire_toml, None)?;
            let frame = Frame::embedded();
            let r = import_csv(
                text,
                TextEncoding::Utf8,
                None,
                &q,
                &frame,
                &Organisations::default(),
                &ImportOptions { several_per_unit, ..ImportOptions::default() },
            )?;
            let sizes = r.responses.heap_bytes();
            let aside = r.set_aside.heap_bytes();
            Ok::<_, PyLoError>((r, sizes, aside))
        })
        .map_err(PyErr::from)?;
    let d = PyDict::new(py);
    d.set_item("rows_read", r.report.rows_read)?;
    d.set_item("rows_kept", r.report.rows_kept)?;
    d.set_item("rows_set_aside", r.report.rows_set_aside)?;
    d.set_item("issues", r.report.issues.len())?;
    d.set_item("item_bytes", sizes.0 + aside.0)?;
    d.set_item("store_bytes", sizes.1 + aside.1)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_bench_count_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_weighted_count_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_crosstab_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_survey_proportions, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_read_floor, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_cronbach_alpha, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_krippendorff_alpha, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_rake, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_import_csv, m)?)?;
    Ok(())
}
