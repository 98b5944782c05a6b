//! Fuzz target `qdpx`: see `lomonitor_fuzz::checks::qdpx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::qdpx(data));
