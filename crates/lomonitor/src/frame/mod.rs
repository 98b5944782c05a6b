//! The population frame: every Dutch municipality at a reference date, its strata and the
//! organisations (werkorganisaties) that serve several municipalities.
//!
//! The crate carries the CBS register of 1 January 2025 ([`Frame::embedded`]); a newer register
//! loads from CSV in CBS's layout or the project's own ([`Frame::from_csv_path`]).

mod code;
mod municipality;
mod names;
mod organisation;
mod province;
mod register;
mod strata;

pub use code::MunicipalityCode;
pub use municipality::{Corop, G4, Municipality};
pub(crate) use names::ALIASES;
pub use names::{normalize, strip_cbs_suffix};
pub use organisation::{Organisation, OrganisationId, Organisations, Unit};
pub use province::Province;
pub use register::{EMBEDDED_REFERENCE_DATE, EMBEDDED_SOURCE, Frame, RegisterLayout};
pub use strata::{SizeClasses, Stratification, Stratum, StratumCount, StratumVar};
