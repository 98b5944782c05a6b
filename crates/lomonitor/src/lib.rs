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
//! Modules follow the domain: [`frame`] (municipalities, register, strata, organisations),
//! [`study`] (the study folder), [`io`] (reading what spreadsheets write).
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
pub mod report;
pub mod responses;
pub mod stats;
pub mod study;
pub mod xml;

pub use error::{Error, Location, Result};
pub use frame::{
    Corop, Frame, Municipality, MunicipalityCode, Organisation, OrganisationId, Organisations, Province, SizeClasses,
    Stratification, StratumCount, StratumVar, Unit,
};
pub use meta::{Language, StudyInfo, Text};
pub use study::Study;
