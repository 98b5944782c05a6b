//! Fuzz target `responses_qualtrics`: see `lomonitor_fuzz::checks::responses_qualtrics`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::responses_qualtrics(data));
