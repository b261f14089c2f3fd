//! Helpers for running the `parallax` command and reading its JSON.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs the `parallax` binary built for the tests, its cache in the tests' own folder (never
/// the user's).
pub fn parallax(args: &[&str]) -> Output {
    parallax_caching_in(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"), args)
}

/// Runs the `parallax` binary with its cache directory in `cache_home` (as `XDG_CACHE_HOME`).
pub fn parallax_caching_in(cache_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax")).env("XDG_CACHE_HOME", cache_home).args(args).output().expect("run parallax")
}

/// `parallax align PATHS... --json EXTRA...`, which must succeed, as JSON.
pub fn align_json(paths: &[&Path], extra: &[&str]) -> Value {
    let mut args = vec!["align"];
    args.extend(paths.iter().map(|p| p.to_str().expect("a UTF-8 path")));
    args.push("--json");
    args.extend_from_slice(extra);
    let out = parallax(&args);
    assert!(out.status.success(), "align failed ({}): {}", out.status, stderr(&out));
    serde_json::from_slice(&out.stdout).expect("one JSON object on stdout")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The paths of the articles of an `align --json` output.
pub fn paths(out: &Value) -> Vec<String> {
    out["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap().to_string()).collect()
}

/// The message of the (first) problem reported for `path`.
pub fn problem_for<'a>(out: &'a Value, path: &str) -> Option<&'a str> {
    out["problems"].as_array().unwrap().iter().find(|p| p["path"] == path).and_then(|p| p["message"].as_str())
}

/// Like [`problem_for`], failing the test when there is none.
pub fn problem<'a>(out: &'a Value, path: &str) -> &'a str {
    problem_for(out, path).unwrap_or_else(|| panic!("no problem reported for {path}: {}", out["problems"]))
}
