//! Exports of a response set: the wide CSV in lomonitor's own layout ([`csv`]), and what goes
//! beside it for an archive: a Markdown codebook ([`codebook`]), DDI 2.5 XML ([`ddi`]) and SPSS
//! syntax ([`spss`]), all written from one data dictionary ([`dictionary`]); [`archive`] writes
//! the four together.

#[cfg(feature = "archive")]
pub mod archive;
pub mod codebook;
pub mod csv;
#[cfg(feature = "archive")]
pub mod ddi;
pub mod dictionary;
pub mod spss;

pub use csv::{CsvStyle, export_csv, write_csv};
