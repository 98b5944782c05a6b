//! Fuzz target `study_toml`: see `lomonitor_fuzz::checks::study_toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::study_toml(data));
