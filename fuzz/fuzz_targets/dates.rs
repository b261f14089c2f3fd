//! The date readers: see `checks::dates`.
#![no_main]
mod checks;
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::dates(bytes));
