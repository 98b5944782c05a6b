//! Fuzz target `codings_csv`: see `lomonitor_fuzz::checks::codings_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::codings_csv(data));
