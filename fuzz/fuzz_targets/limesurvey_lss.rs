//! Fuzz target `limesurvey_lss`: see `lomonitor_fuzz::checks::limesurvey_lss`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::limesurvey_lss(data));
