//! Fuzz target `register_csv`: see `lomonitor_fuzz::checks::register_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::register_csv(data));
