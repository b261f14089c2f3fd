//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`, including every input that once
//! crashed a target) through the same checks the fuzz targets run, on stable Rust, so what the
//! fuzzer found stays fixed.

use std::path::Path;

use crate::checks;

fn replay(target: &str, check: impl Fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(result.is_ok(), "{target} fails on {}", path.display());
        inputs += 1;
    }
    assert!(inputs > 0, "the {target} corpus is empty");
}

#[test]
fn text_files() {
    replay("file_txt", |b| checks::file("fuzzed.txt", b));
}

#[test]
fn markdown_files() {
    replay("file_md", |b| checks::file("fuzzed.md", b));
}

#[test]
fn json_files() {
    replay("file_json", |b| checks::file("fuzzed.json", b));
}

#[test]
fn html_files() {
    replay("file_html", |b| checks::file("fuzzed.html", b));
}

#[test]
fn sidecars() {
    replay("sidecar", checks::sidecar);
}

#[test]
fn writers() {
    replay("writers", checks::writers);
}

#[test]
fn segmentation() {
    replay("segment", checks::segment);
}

#[test]
fn dates() {
    replay("dates", checks::dates);
}
