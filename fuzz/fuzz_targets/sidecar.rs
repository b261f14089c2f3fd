//! A folder sidecar (`parallax.json`): see `checks::sidecar`.
#![no_main]
mod checks;
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::sidecar(bytes));
