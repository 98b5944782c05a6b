//! Python bindings of lomonitor: conversions and wrappers only, no logic.
//!
//! Built by maturin as `lomonitor._lomonitor`; the Python package `lomonitor` re-exports it.
#![allow(missing_docs)] // pyo3 macros generate items; the Python stubs document the API.

mod analysis;
mod bench_api;
mod cli;
mod coding;
mod contacts;
mod errors;
mod frame;
mod front;
mod instrument;
mod options;
mod responses;
mod stats;
mod study;
mod table;

use pyo3::prelude::*;

#[pymodule(gil_used = false)]
fn _lomonitor(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(frame::register, m)?)?;
    options::register(m)?;
    m.add_function(wrap_pyfunction!(cli::_cli_main, m)?)?;
    m.add_class::<frame::PyFrame>()?;
    m.add_class::<frame::PyMunicipality>()?;
    m.add_class::<frame::PyStratumTable>()?;
    m.add_class::<study::PyOrganisation>()?;
    m.add_class::<study::PyStudy>()?;
    m.add_class::<study::PyErasure>()?;
    stats::register(m)?;
    analysis::register(m)?;
    instrument::register(m)?;
    responses::register(m)?;
    contacts::register(m)?;
    coding::register(m)?;
    front::register(m)?;
    bench_api::register(m)?;
    Ok(())
}
