//! The HTML, Markdown and CSV writers: see `checks::writers`.
#![no_main]
mod checks;
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::writers(bytes));
