//! Fuzz targets of lomonitor's parsers. The checks live in `checks.rs`, which the ordinary test
//! suite includes too (`crates/lomonitor/tests/fuzz_regressions.rs`), so a regression input is
//! replayed through exactly the code that found it.

#[path = "checks.rs"]
pub mod checks;
