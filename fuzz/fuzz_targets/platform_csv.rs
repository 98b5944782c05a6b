//! Fuzz target `platform_csv`: see `lomonitor_fuzz::checks::platform_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::platform_csv(data));
