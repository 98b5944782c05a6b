//! Fuzz target `qualtrics_qsf`: see `lomonitor_fuzz::checks::qualtrics_qsf`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::qualtrics_qsf(data));
