//! Fuzz target `instrument_json`: see `lomonitor_fuzz::checks::instrument_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::instrument_json(data));
