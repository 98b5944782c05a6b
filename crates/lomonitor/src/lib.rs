//! # lomonitor
//!
//! Descriptive mixed-methods studies of Dutch municipalities: the population frame (all
//! municipalities, their strata and the werkorganisaties that serve several), contacts and
//! fieldwork, instruments and responses, and the finite-population statistics a report needs.
//!
//! Built for the study *Leren en Ontwikkelen binnen Nederlandse gemeenten* (A&O fonds
//! Gemeenten) and studies like it: about 340 municipalities, one respondent each.
//!
//! ```
//! use lomonitor::{Frame, Stratification, SizeClasses};
//!
//! let frame = Frame::embedded(); // CBS, municipal division of 1 January 2025
//! let by_size = Stratification::parse("size_class", SizeClasses::personeelsmonitor_with_g4())?;
//! for c in by_size.counts(&frame) {
//!     println!("{:<16} N_h = {}", c.stratum.label, c.count);
//! }
//! # Ok::<(), lomonitor::Error>(())
//! ```
//!
//! ## Rooms and the direction of flow
//!
//! Data flows one way: files -> validated model -> statistics -> tables -> renderers. Each
//! module is a room of the domain on a floor; a room uses only the floors below it (checked by
//! `tests/layering.rs`; `docs/architecture.md` draws the plan):
//!
//! | floor | rooms |
//! |---|---|
//! | ground | [`error`], [`meta`] (language, bilingual text, study metadata), [`options`] (option names), [`io`] (files, positions), [`cells`] (cell parsing, the injection guard), [`validation`] (the one `Issue`), [`table`] (the one table model) |
//! | 1 | [`stats`]: pure statistics over slices |
//! | 2 | [`frame`]: municipalities, register, strata, werkorganisaties |
//! | 3 | [`instrument`]: questionnaire, routing, scales, columns, interview guide, codebook |
//! | 4 | [`responses`], [`contacts`], [`coding`] (beside each other) |
//! | 5 | [`analysis`]: the [`analysis::Analysis`] context and every study-level statistic |
//! | 6 | [`report`]: converters, renderers, charts, built from a [`report::ReportInput`] |
//! | 7 | [`study`]: the study folder, which assembles the rooms |
//!
//! ## Features
//!
//! All on by default. With `default-features = false` the model (frame, instrument, responses,
//! contacts, coding, analysis, study) and the statistics build without zip, rust_xlsxwriter and
//! quick-xml; turn on what you need:
//!
//! | feature | what it adds | pulls in |
//! |---|---|---|
//! | `report` | the study report: HTML page, SVG charts, infographic (`report::build_report`, `Study::build_report`); implies `xlsx` | - |
//! | `xlsx` | Excel workbooks (`report::write_xlsx`, `report::xlsx_bytes`) | rust_xlsxwriter |
//! | `qdpx` | REFI-QDA: `.qdpx` projects and `.qdc` codebooks (`coding::read_qdpx`, `coding::read_qdc`, `coding::write_qdc`) | zip, quick-xml |
//! | `archive` | the archive export (`responses::export_archive`) with DDI Codebook 2.5 (`responses::write_ddi`) | quick-xml |
//! | `platforms` | LimeSurvey `.lss` and Qualtrics `.qsf` questionnaires (`instrument::platform`) | quick-xml |
//!
//! Without `report` the `[report]` table of `study.toml` is accepted and left unread. CSV,
//! Markdown, HTML tables, the codebook and the SPSS syntax need no feature.
#![deny(missing_docs)]

pub mod analysis;
pub mod cells;
pub mod coding;
pub mod contacts;
pub mod error;
pub mod frame;
pub mod instrument;
pub mod io;
pub mod meta;
pub mod options;
pub mod report;
pub mod responses;
pub mod stats;
pub mod study;
pub mod table;
pub mod validation;
pub mod xml;

pub use error::{Error, Location, Result};
pub use frame::{
    Corop, Frame, Municipality, MunicipalityCode, Organisation, OrganisationId, Organisations, Province, SizeClasses,
    Stratification, StratumCount, StratumVar, Unit,
};
pub use meta::{Language, StudyInfo, Text};
pub use study::Study;
