//! Interviews: sampling the municipalities to interview, the coded segments (from CSV or a
//! REFI-QDA project), code frequencies and co-occurrence over the codebook's theme tree,
//! intercoder agreement, the joint display of themes against a questionnaire answer, and the
//! pseudonymisation of quotes.
//!
//! `docs/interviews-format.md` documents the files (`interview-guide.toml`, `codebook.toml`,
//! `codings.csv`, `.qdpx`/`.qdc`).
//!
//! ```
//! use lomonitor::coding::Codings;
//! use lomonitor::instrument::Codebook;
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/study/");
//! let codebook = Codebook::load(format!("{dir}codebook.toml").as_ref())?;
//! let codings = Codings::from_csv_path(format!("{dir}codings.csv").as_ref(), &codebook)?;
//! let freq = lomonitor::coding::frequencies(&codings, &codebook, lomonitor::coding::Merge::First);
//! assert_eq!(freq.n_interviews, codings.interviews.len());
//! # Ok::<(), lomonitor::Error>(())
//! ```

mod agreement;
mod analysis;
mod joint;
mod pseudonym;
#[cfg(feature = "qdpx")]
mod qdpx;
mod sample;
mod segments;

pub use agreement::{
    AgreementMethod, CodeAgreement, IntercoderAgreement, PresenceMatrix, intercoder_agreement, presence_matrices,
};
pub use analysis::{
    CoOccurrence, CodeFrequencies, CodeFrequency, InterviewCodes, Level, Scope, co_occurrence, frequencies,
};
pub use joint::{JointCell, JointDisplay, JointQuote, joint_display};
pub use pseudonym::Pseudonymiser;
#[cfg(feature = "qdpx")]
pub use qdpx::{
    ArchiveLimits, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, QdaProject, code_guid, read_qdc, read_qdpx,
    read_qdpx_with_limits, write_qdc,
};
pub use sample::{Allocation, InterviewSample, Replacement, SampleStratum, SampleUnit, UnitStatus, allocate};
pub use segments::{Coding, Codings, Interview, Merge, NO_CODE, Segment};
