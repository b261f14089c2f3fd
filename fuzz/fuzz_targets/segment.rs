//! Segmentation of any text: see `checks::segment`.
#![no_main]
mod checks;
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::segment(bytes));
