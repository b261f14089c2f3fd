//! A .json file, from raw bytes to articles.
#![no_main]
mod checks;
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::file("fuzzed.json", bytes));
