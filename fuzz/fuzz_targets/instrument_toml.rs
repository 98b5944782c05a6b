//! Fuzz target `instrument_toml`: see `lomonitor_fuzz::checks::instrument_toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::instrument_toml(data));
