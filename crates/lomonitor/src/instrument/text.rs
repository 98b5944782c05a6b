//! Bilingual labels: [`Text`] lives on the ground floor ([`crate::meta`]); re-exported here.

pub use crate::meta::Text;
