//! The folder cache end to end: reopening a folder gives what reading it afresh gives, changed,
//! deleted and new files are picked up, a kept alignment stands only for what it was aligned
//! from, and a damaged cache is ignored with a note.

use std::path::{Path, PathBuf};

use crate::support::cli::{parallax_caching_in, stderr};
use crate::support::seeds_copy;

/// `align --json` of `folder`, its cache under `cache_home` (or none), and what it said on stderr.
fn align(folder: &Path, cache_home: &Path, cache: bool) -> (Vec<u8>, String) {
    align_with(folder, cache_home, cache, &[])
}

/// Like [`align`], with more arguments.
fn align_with(folder: &Path, cache_home: &Path, cache: bool, more: &[&str]) -> (Vec<u8>, String) {
    let mut args = vec!["align", folder.to_str().unwrap(), "--json"];
    args.extend(more);
    if !cache {
        args.push("--no-cache");
    }
    let out = parallax_caching_in(cache_home, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    (out.stdout, said)
}

/// The cache files under `cache_home`, sorted: a folder's `.aligned`, then its `.cache`.
fn cache_files(cache_home: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache_home.join("parallax")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files
}

fn modified(files: &[PathBuf]) -> Vec<std::time::SystemTime> {
    files.iter().map(|f| std::fs::metadata(f).unwrap().modified().unwrap()).collect()
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
    let files = cache_files(home.path());
    let kinds: Vec<_> = files.iter().map(|f| f.extension().unwrap().to_str().unwrap()).collect();
    assert_eq!(kinds, ["aligned", "cache"], "the folder's files read and its alignment, kept once");
    assert_eq!(listing(folder.path()), before, "nothing is written into the article folder");
    let written = modified(&files);
    let (warm, said) = align(folder.path(), home.path(), true);
    assert!(warm == cold, "the cache gives byte for byte what reading and aligning give");
    assert!(said.is_empty(), "{said}");
    assert_eq!(modified(&files), written, "an unchanged folder's cache is not written again");
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
fn a_kept_alignment_stands_only_for_the_strictness_and_corrections_it_was_made_with() {
    let (folder, home) = (seeds_copy(), tempfile::tempdir().unwrap());
    let (default, _) = align(folder.path(), home.path(), true);
    let (stricter, _) = align_with(folder.path(), home.path(), true, &["--threshold", "0.6"]);
    assert!(stricter == align_with(folder.path(), home.path(), false, &["--threshold", "0.6"]).0);
    assert!(stricter != default, "another strictness is aligned again");
    // The user joins two stories by hand: the sidecar changes, no article does.
    let sidecar = folder.path().join("parallax.json");
    let mut root: serde_json::Value = serde_json::from_slice(&std::fs::read(&sidecar).unwrap()).unwrap();
    let out: serde_json::Value = serde_json::from_slice(&default).unwrap();
    let path = |prefix: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"].as_str().unwrap().starts_with(prefix)).unwrap()["path"].clone();
    root["corrections"] = serde_json::json!({ "stories": [{ "action": "together", "articles": [path("001"), path("004")] }] });
    std::fs::write(&sidecar, serde_json::to_vec_pretty(&root).unwrap()).unwrap();
    let (corrected, _) = align(folder.path(), home.path(), true);
    assert!(corrected == align(folder.path(), home.path(), false).0, "the correction is applied as in a fresh run");
    assert!(corrected != default);
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note_and_written_anew() {
    let (folder, home) = (seeds_copy(), tempfile::tempdir().unwrap());
    let (cold, _) = align(folder.path(), home.path(), true);
    // The files read, and the alignment kept.
    for file in cache_files(home.path()) {
        let whole = std::fs::read(&file).unwrap();
        for damaged in [whole[..whole.len() / 2].to_vec(), b"not a cache at all".to_vec()] {
            std::fs::write(&file, &damaged).unwrap();
            let (out, said) = align(folder.path(), home.path(), true);
            assert!(out == cold, "the folder is read and aligned again");
            assert!(said.contains("note") && said.contains("ignored") && said.contains(file.to_str().unwrap()), "{said}");
            assert_eq!(std::fs::read(&file).unwrap(), whole, "the cache is written anew");
        }
    }
}

#[test]
fn what_the_window_realigns_is_kept_for_the_next_opening() {
    let (folder, home) = (seeds_copy(), tempfile::tempdir().unwrap());
    let (dir, paths) = (home.path().join("parallax"), [folder.path().to_path_buf()]);
    let open = |threshold| parallax::compare_with_progress(&paths, threshold, &parallax::progress::Progress::default(), Some(&dir)).unwrap().unwrap();
    let opened = open(parallax::DEFAULT_THRESHOLD);
    assert!(opened.prepared.get().is_some(), "a first opening aligns");
    // The user moves the strictness: the window re-aligns and keeps what it found.
    let stricter = parallax::realign(&opened, 0.6);
    parallax::keep_alignment(&stricter, 0.6, folder.path(), &dir).unwrap();
    let reopened = open(0.6);
    assert!(reopened.prepared.get().is_none(), "read back, not aligned again");
    assert!(reopened.notes.is_empty(), "{:?}", reopened.notes);
    assert_eq!(format!("{:?}", reopened.alignment), format!("{:?}", parallax::align::align(&opened.articles, 0.6)), "what was kept is what aligning gives");
    assert!(open(parallax::DEFAULT_THRESHOLD).prepared.get().is_some(), "one alignment is kept per folder: the last");
}
