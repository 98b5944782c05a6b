//! Fuzz target `contacts_csv`: see `lomonitor_fuzz::checks::contacts_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::contacts_csv(data));
