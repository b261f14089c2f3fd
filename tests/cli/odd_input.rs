//! What a real folder can hold, end to end through `parallax align --json`: scraped text with
//! every kind of space and invisible mark, files that are not files, markup built to exhaust a
//! parser, broken encodings and metadata. Each odd file is reported by name, and every other file
//! still loads.

use std::path::Path;
use std::process::Command;

use crate::support::cli::{align_json, paths, problem};

const GOOD: &str = "Flood waters rose in the valley on Sunday. Residents left their homes before dawn.\n";

#[test]
fn unicode_spaces_and_marks_load_with_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let spaces = ["\u{a0}", "\u{2009}", "\u{2028}", "\u{3000}", "\u{1680}", "\u{200b}", "\u{ad}", "\u{200e}", "\u{feff}"];
    for (i, space) in spaces.iter().enumerate() {
        std::fs::write(p.join(format!("s{i}.txt")), format!("We met at{space}noon on day {i}. Then{space}we left.{space}\nA second{space}line here.\n")).unwrap();
    }
    std::fs::write(p.join("nbsp.json"), r#"{"text":"They met at\u00a0dusk. Then they left."}"#).unwrap();
    std::fs::write(p.join("cp1252.txt"), b"We met at\xa0noon. Then we left.\n").unwrap();
    let out = align_json(&[p], &[]);
    let loaded = paths(&out);
    for i in 0..spaces.len() {
        assert!(loaded.contains(&format!("s{i}.txt")), "s{i}.txt loads: {loaded:?}");
    }
    assert!(loaded.contains(&"nbsp.json".to_string()) && loaded.contains(&"cp1252.txt".to_string()));
    // Offsets of text files index the file itself, at char boundaries.
    for article in out["articles"].as_array().unwrap().iter().filter(|a| a["path"].as_str().unwrap().starts_with('s')) {
        let file = std::fs::read_to_string(p.join(article["path"].as_str().unwrap())).unwrap();
        for passage in out["events"].as_array().unwrap().iter().flat_map(|e| e["passages"].as_array().unwrap()) {
            if passage["article"] == article["id"] {
                let (s, e) = (passage["start"].as_u64().unwrap() as usize, passage["end"].as_u64().unwrap() as usize);
                assert!(file.get(s..e).is_some(), "{s}..{e} is a char-boundary slice of {}", article["path"]);
            }
        }
    }
}

#[test]
fn odd_files_are_named_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("good.txt"), GOOD).unwrap();
    std::fs::write(p.join("bom.json"), "\u{feff}{\"title\":\"Dam holds\",\"text\":\"The dam held through the night, engineers said.\"}").unwrap();
    std::fs::write(p.join("empty-list.json"), "[]").unwrap();
    std::fs::write(p.join("empty-wrapped.json"), r#"{"articles": []}"#).unwrap();
    std::fs::write(p.join("surrogate.json"), r#"{"text":"Half an emoji \ud83d here. The bridge stayed closed all week."}"#).unwrap();
    std::fs::write(p.join("repeats.json"), format!("[{}]", vec![r#"{"text":"The school reopened on Monday after repairs."}"#; 50].join(","))).unwrap();
    let deep_b = format!("<html><body><article><p>Town hall text. {}x{}</p></article></body></html>", "<b>".repeat(150_000), "</b>".repeat(150_000));
    std::fs::write(p.join("deep.html"), deep_b).unwrap();
    let attrs: String = (0..100_000).map(|i| format!(" a{i}=\"1\"")).collect();
    std::fs::write(p.join("attrs.html"), format!("<html><body><p{attrs}>Text here. More text.</p></body></html>")).unwrap();
    std::fs::write(p.join("deep.md"), format!("---\ntitle: {}\n---\nThe levee was raised by a metre overnight.\n", "[".repeat(100_000))).unwrap();
    let mut nul = GOOD.repeat(200).into_bytes();
    nul[10_000] = 0;
    std::fs::write(p.join("stray-nul.txt"), nul).unwrap();
    std::fs::write(
        p.join("parallax.json"),
        "\u{feff}{\"articles\":{\"good.txt\":{\"outlet\":\"Valley News\"},\"bom.json\":{\"published\":\"2024-02-30\"},\"stray-nul.txt\":{\"published\":\"1850-06-01\"}}}",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        assert!(Command::new("mkfifo").arg(p.join("pipe.txt")).status().unwrap().success());
        std::fs::write(p.join(std::ffi::OsStr::from_bytes(b"\xff.txt")), "The first odd name. It has its own words.\n").unwrap();
        std::fs::write(p.join(std::ffi::OsStr::from_bytes(b"\xfe.txt")), "The second odd name. Different words entirely.\n").unwrap();
    }

    let out = align_json(&[p], &[]);
    let loaded = paths(&out);
    for good in ["good.txt", "bom.json", "surrogate.json", "repeats.json", "deep.md", "stray-nul.txt"] {
        assert!(loaded.contains(&good.to_string()), "{good} loads: {loaded:?}");
    }
    let article = |path: &str| out["articles"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap().clone();
    assert_eq!(article("good.txt")["source"], "Valley News", "a sidecar with a byte-order mark is read");
    assert_eq!(article("stray-nul.txt")["published"], "1850-06-01", "a real date from any year is accepted");
    assert_eq!(loaded.iter().filter(|p| *p == "repeats.json").count(), 1, "repeats inside one file are compared once");
    assert!(problem(&out, "repeats.json").contains("49 articles repeat earlier ones"));
    assert!(problem(&out, "empty-list.json").contains("no articles in this file"));
    assert!(problem(&out, "empty-wrapped.json").contains("no articles in this file"));
    assert!(problem(&out, "deep.html").contains("nested more than 256 levels"));
    assert!(problem(&out, "attrs.html").contains("attributes, over the limit"));
    assert!(problem(&out, "deep.md").contains("front matter is"));
    assert!(problem(&out, "stray-nul.txt").contains("stray NUL"));
    assert!(problem(&out, "parallax.json").contains(r#""2024-02-30" given for bom.json is not a real date"#));
    #[cfg(unix)]
    {
        assert!(problem(&out, "pipe.txt").contains("named pipe"));
        assert!(loaded.contains(&"\\xFF.txt".to_string()) && loaded.contains(&"\\xFE.txt".to_string()), "{loaded:?}");
    }
    for p in out["problems"].as_array().unwrap() {
        assert!(!p["path"].as_str().unwrap().starts_with('/') && !p["message"].as_str().unwrap().contains(dir.path().to_str().unwrap()), "relative paths: {p}");
    }
}

#[test]
fn a_file_named_twice_is_read_once() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let once = align_json(&[&seeds], &[]);
    let twice = align_json(&[&seeds, &seeds, &seeds.join("000_830395bd5e98b52a.txt")], &[]);
    assert_eq!(paths(&once), paths(&twice));
    assert_eq!(once["events"].as_array().unwrap().len(), twice["events"].as_array().unwrap().len());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_above_is_a_loop_not_a_second_reading() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("outside.txt"), "A file outside the opened folder. Never read.\n").unwrap();
    let root = outer.path().join("root");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("good.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink(outer.path(), root.join("up")).unwrap();
    let out = align_json(&[&root], &[]);
    assert_eq!(paths(&out), ["good.txt"]);
    assert!(problem(&out, "up").contains("loop"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_one_problem() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("a.txt"), GOOD).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Running as root: permissions are not enforced, so there is nothing to report.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can read a folder with mode 000");
        return;
    }
    let out = align_json(&[dir.path()], &[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let problems = out["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["path"], "locked");
}
