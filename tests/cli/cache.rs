//! The folder cache end to end: reopening a folder gives what reading it afresh gives, changed,
//! deleted and new files are picked up, and a damaged cache is ignored with a note.

use std::path::{Path, PathBuf};

use crate::support::cli::{parallax_caching_in, stderr};
use crate::support::seeds_copy;

/// `align --json` of `folder`, its cache under `cache_home` (or none), and what it said on stderr.
fn align(folder: &Path, cache_home: &Path, cache: bool) -> (Vec<u8>, String) {
    let mut args = vec!["align", folder.to_str().unwrap(), "--json"];
    if !cache {
        args.push("--no-cache");
    }
    let out = parallax_caching_in(cache_home, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    (out.stdout, said)
}

fn cache_files(cache_home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache_home.join("parallax")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default()
}

fn listing(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_folder_read_back_from_the_cache_aligns_as_read_afresh() {
    let (folder, home) = (seeds_copy(), tempfile::tempdir().unwrap());
    let before = listing(folder.path());
    let (cold, _) = align(folder.path(), home.path(), true);
    assert_eq!(cache_files(home.path()).len(), 1, "one cache for the folder");
    assert_eq!(listing(folder.path()), before, "nothing is written into the article folder");
    let written = std::fs::metadata(&cache_files(home.path())[0]).unwrap().modified().unwrap();
    let (warm, said) = align(folder.path(), home.path(), true);
    assert!(warm == cold, "the cache gives byte for byte what reading gives");
    assert!(said.is_empty(), "{said}");
    assert_eq!(std::fs::metadata(&cache_files(home.path())[0]).unwrap().modified().unwrap(), written, "an unchanged folder's cache is not written again");
    let (fresh, _) = align(folder.path(), home.path(), false);
    assert!(fresh == cold);
}

#[test]
fn changed_deleted_and_new_files_are_read_again() {
    let (folder, home) = (seeds_copy(), tempfile::tempdir().unwrap());
    let (before, _) = align(folder.path(), home.path(), true);
    let dir = folder.path();
    let changed = dir.join("001_048866fb0eaad4a3.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nThe Zorbleton delegation arrived late on Friday after a long flight.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(dir.join("004_0f05e8be09840685.txt")).unwrap();
    std::fs::write(dir.join("005_new.md"), "---\ntitle: A new report\noutlet: New Wire\ndate: 2025-10-25\n---\nA new report on the Quuxfield summit.\n").unwrap();
    let (warm, _) = align(dir, home.path(), true);
    let (fresh, _) = align(dir, home.path(), false);
    assert!(warm == fresh, "the cache gives what reading the folder afresh gives");
    let (before, warm): (serde_json::Value, serde_json::Value) = (serde_json::from_slice(&before).unwrap(), serde_json::from_slice(&warm).unwrap());
    let passages = |out: &serde_json::Value, path: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).map(|a| a["passages"].as_u64().unwrap());
    assert_eq!(passages(&warm, "001_048866fb0eaad4a3.txt"), passages(&before, "001_048866fb0eaad4a3.txt").map(|n| n + 1), "the changed file is read again");
    assert!(passages(&warm, "005_new.md").is_some(), "the new file is read");
    assert!(passages(&warm, "004_0f05e8be09840685.txt").is_none(), "the deleted file is gone");
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note_and_written_anew() {
    let (folder, home) = (seeds_copy(), tempfile::tempdir().unwrap());
    let (cold, _) = align(folder.path(), home.path(), true);
    let file = cache_files(home.path()).remove(0);
    let whole = std::fs::read(&file).unwrap();
    for damaged in [whole[..whole.len() / 2].to_vec(), b"not a cache at all".to_vec()] {
        std::fs::write(&file, &damaged).unwrap();
        let (out, said) = align(folder.path(), home.path(), true);
        assert!(out == cold, "the folder is read again");
        assert!(said.contains("note") && said.contains("ignored"), "{said}");
        assert_eq!(std::fs::read(&file).unwrap(), whole, "the cache is written anew");
    }
}
