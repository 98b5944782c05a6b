//! Instruments: the questionnaire (items, options, typed missing values, routing, scales), the
//! interview guide and the codebook of the interviews.
//!
//! Definition files are TOML (JSON accepted too); `docs/instrument-format.md` documents them.

mod codebook;
pub mod columns;
mod definition;
mod guide;
mod item;
pub mod platform;
mod questionnaire;
mod routing;
mod text;

pub use codebook::{Code, Codebook, MAX_CODE_DEPTH};
pub use guide::{GuideQuestion, InterviewGuide, Topic};
pub use item::{AnswerOption, FIRST_LEVEL, Item, ItemKind, MissingCode, NOT_ASKED, UNANSWERED};
pub use questionnaire::{Questionnaire, Scale};
pub use routing::{Answers, Condition, MAX_CONDITION_DEPTH, Op};
pub use text::Text;
