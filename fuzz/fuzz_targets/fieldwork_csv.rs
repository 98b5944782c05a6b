//! Fuzz target `fieldwork_csv`: see `lomonitor_fuzz::checks::fieldwork_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::fieldwork_csv(data));
