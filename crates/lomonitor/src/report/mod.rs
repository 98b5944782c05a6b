//! The report's building blocks: tables, number formatting, renderers and charts.
//!
//! - [`table`]: one [`Table`] type (title, columns, typed cells, notes) and converters from every
//!   statistical result ([`frequency_table`], [`proportions_table`], [`crosstab_table`],
//!   [`descriptives_table`], [`reliability_table`], [`agreement_table`],
//!   [`representativeness_table`]); labels come from the caller.
//! - [`format`](mod@format): Dutch (`12,5%`, `1.234`, `0,42`) or English number formatting.
//! - [`render`]: CSV (Excel-ready, injection-safe), Markdown and HTML; [`xlsx`]: an Excel
//!   workbook with real numbers and number formats.
//! - [`charts`]: self-contained SVG charts (bars with interval whiskers, diverging Likert bars,
//!   response rate per stratum, a tile map of the provinces, a municipal choropleth in the RD
//!   projection) and [`charts::infographic`], a one-page layout.
//!
//! - [`png`], [`docx`], [`pptx`] (feature `report`, on by default): the charts as PNG, the
//!   report as a Word document and the slides for the meeting.
//!
//! [`charts`] and the study report ([`study_report`]) need the `report` feature, [`xlsx`] the
//! `xlsx` feature (both on by default).
//!
//! Every file is written through [`crate::io::write_atomic`].
//!
//! ```
//! use lomonitor::Language;
//! use lomonitor::report::{frequency_table, markdown_string};
//! use lomonitor::stats::{FrequencyTable, LevelKind};
//!
//! let t = FrequencyTable::from_counts(&[60.0, 30.0, 10.0], &[LevelKind::Valid, LevelKind::Valid, LevelKind::UserMissing], false)?;
//! let table = frequency_table(&t, "Heeft uw gemeente een opleidingsplan?", &["Ja", "Nee", "Weet niet"], None, Language::Nl)?;
//! assert!(markdown_string(&table, Language::Nl).contains("| Ja | 60 | 60,0% | 66,7% | 66,7% |"));
//! # Ok::<(), lomonitor::Error>(())
//! ```

#[cfg(feature = "report")]
pub mod charts;
#[cfg(feature = "report")]
pub mod docx;
pub use crate::table::format;
#[cfg(feature = "report")]
mod input;
#[cfg(feature = "report")]
mod office;
#[cfg(feature = "report")]
pub mod png;
#[cfg(feature = "report")]
pub mod pptx;
pub mod render;
#[cfg(feature = "report")]
pub mod study_report;
pub mod table;
#[cfg(feature = "report")]
pub mod templates;
#[cfg(feature = "xlsx")]
pub mod xlsx;

#[cfg(feature = "report")]
pub use input::ReportInput;
pub use render::{
    CsvLayout, HTML_CSS, csv_string, html_page, html_table, markdown_string, write_csv, write_html, write_markdown,
};
#[cfg(feature = "report")]
#[allow(deprecated)] // kept for callers of the old name; `CiMethod::from_str` is the parser
pub use study_report::parse_ci;
#[cfg(feature = "report")]
pub use study_report::{
    Block, KeyFigureSpec, ReportConfig, ReportFiles, ReportOptions, Section, StudyReport, StyleConfig, build_report,
    long_date,
};
pub use table::{
    Align, Cell, Column, CrosstabCells, Notes, Row, SUPPRESSED_MARK, Table, agreement_table, crosstab_table,
    descriptives_table, frequency_table, proportions_table, reliability_table, representativeness_table,
};
#[cfg(feature = "report")]
pub use templates::ReportStyle;
#[cfg(feature = "xlsx")]
pub use xlsx::{sheet_names, write_xlsx, write_xlsx_book, xlsx_book, xlsx_bytes};
