//! Helpers the test binaries share: the seed folder, running the command line, driving the
//! window.
#![allow(dead_code)] // each test binary uses its own subset

pub mod cli;
pub mod window;

use std::path::{Path, PathBuf};

pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A copy of the seeds the test may write a sidecar into.
pub fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

