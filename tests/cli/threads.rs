//! The threads of the JSON contract: stories that continue one subject, and which story is in
//! which thread.

use serde_json::Value;

use crate::support::{cli::align_json, thread_folder};

/// The story holding the article at `path`.
fn story_of<'a>(out: &'a Value, path: &str) -> &'a Value {
    let id = out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap()["id"].clone();
    out["stories"].as_array().unwrap().iter().find(|s| s["articles"].as_array().unwrap().contains(&id)).unwrap_or_else(|| panic!("{path} is in no story"))
}

#[test]
fn two_developments_of_one_subject_are_one_thread_and_an_unrelated_story_is_in_none() {
    let folder = thread_folder();
    let out = align_json(&[folder.path()], &["--no-cache"]);
    let (burst, inquiry, orchestra) = (story_of(&out, "courier-dam.md"), story_of(&out, "courier-inquiry.md"), story_of(&out, "courier-orchestra.md"));
    assert_ne!(burst["id"], inquiry["id"], "the burst and the inquiry are two happenings");
    let threads = out["threads"].as_array().unwrap();
    assert_eq!(threads.len(), 1, "{threads:?}");
    let thread = &threads[0];
    assert_eq!(thread["id"], "t1");
    assert_eq!(thread["stories"], serde_json::json!([burst["id"], inquiry["id"]]), "its developments in order");
    assert_eq!((thread["first"].as_str(), thread["last"].as_str()), (Some("2024-05-02"), Some("2024-05-08")));
    assert_eq!(thread["outlets"], serde_json::json!(["Daily Courier", "Metro News", "Valley Post"]));
    assert!(thread["label"].as_str().unwrap().contains("Kessel"), "{}", thread["label"]);
    assert_eq!((&burst["thread"], &inquiry["thread"]), (&thread["id"], &thread["id"]));
    assert!(orchestra["thread"].is_null(), "a story that continues nothing is in no thread: {orchestra}");
}

#[test]
fn a_thread_left_with_one_story_in_the_date_range_is_left_out() {
    let folder = thread_folder();
    let out = align_json(&[folder.path()], &["--no-cache", "--from", "2024-05-04"]);
    assert_eq!(out["threads"], serde_json::json!([]));
    assert!(out["stories"].as_array().unwrap().iter().all(|s| s["thread"].is_null()), "{}", out["stories"]);
}

#[test]
fn a_thread_exports_as_development_by_outlet_with_its_blindspots() {
    let folder = thread_folder();
    let dir = folder.path().to_str().unwrap();
    let out = crate::support::cli::parallax(&["export", dir, "--format", "csv", "--thread", "t1", "--no-cache"]);
    assert!(out.status.success(), "{}", crate::support::cli::stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "thread,development,story,first,last,headline,claims,Daily Courier,Metro News,Valley Post");
    assert!(lines[1].starts_with("t1,1,") && lines[1].ends_with(",first,covered,first"), "the burst: Metro News a day later: {}", lines[1]);
    assert!(lines[2].starts_with("t1,2,") && lines[2].ends_with(",first,,first"), "the inquiry: Metro News silent: {}", lines[2]);
    let md = crate::support::cli::parallax(&["export", dir, "--format", "md", "--thread", "t1", "--no-cache"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## 2. ") && md.contains("Not covered by: Metro News"), "{md}");
    let html = crate::support::cli::parallax(&["export", dir, "--format", "html", "--thread", "t1", "--no-cache"]);
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("<td class=\"gap\">not covered</td>") && html.contains("Brandt Bau"), "the grid and the claims");
    let unknown = crate::support::cli::parallax(&["export", dir, "--format", "csv", "--thread", "t7", "--no-cache"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(crate::support::cli::stderr(&unknown).contains("the threads are t1"), "{}", crate::support::cli::stderr(&unknown));
}
