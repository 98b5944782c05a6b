//! Fuzz target `responses_limesurvey`: see `lomonitor_fuzz::checks::responses_limesurvey`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lomonitor_fuzz::checks::responses_limesurvey(data));
