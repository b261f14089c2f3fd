//! The command line end to end, and the library's properties that hold for any input: one test
//! binary, sharing `tests/support`.

#[path = "../support/mod.rs"]
mod support;

#[path = "../../fuzz/fuzz_targets/checks.rs"]
mod checks;

mod align;
mod cache;
mod fuzz_corpus;
mod odd_input;
mod passim;
mod segmentation;
mod threads;
