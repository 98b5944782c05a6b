//! Fuzz target `responses_lomonitor`: see `lomonitor_fuzz::checks::responses_lomonitor`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::responses_lomonitor(data));
