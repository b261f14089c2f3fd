//! The folder sidecar, `parallax.json`: metadata for the articles in a folder, kept beside them so
//! article files are never modified. It gives or overrides title, outlet, date and URL per file;
//! the GUI writes user corrections here. Writes are atomic (temporary file, then rename).
//!
//! ```json
//! { "version": 1,
//!   "articles": { "000_story.txt": { "outlet": "BBC News", "published": "2024-09-25" } } }
//! ```
//! Keys are paths relative to the sidecar's folder, with `/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// The sidecar's file name.
pub const FILE_NAME: &str = "parallax.json";

/// A sidecar larger than this is not read (metadata for a hundred thousand articles is a few MB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    #[serde(default = "current_version")]
    pub version: u32,
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleMeta>,
}

fn current_version() -> u32 {
    1
}

/// Metadata for one file. Every field is optional: what is missing comes from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, alias = "source", skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, alias = "date", skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Why the metadata says what it says (a note for people; never read by Parallax).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The sidecar key of one article of a file: the file's path, and `path#N` for the N-th article
/// a file holds (counting from 0 in reading order: the items of a JSON list, the stories a page
/// bundles after its own), so a correction of one of them changes that one alone.
pub fn key(path: &str, part: Option<usize>) -> String {
    match part {
        None => path.to_string(),
        Some(n) => format!("{path}#{n}"),
    }
}

/// A file's sidecar entries: the file's own (`path`, for every article it holds) and those of
/// its parts (`path#N`), which win over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileMeta {
    pub file: Option<ArticleMeta>,
    pub parts: BTreeMap<usize, ArticleMeta>,
}

impl FileMeta {
    /// The entries of `sidecar` for the file keyed `path`, if it names the file or a part of it.
    pub fn of(sidecar: &Sidecar, path: &str) -> Option<FileMeta> {
        let prefix = format!("{path}#");
        let parts: BTreeMap<usize, ArticleMeta> = sidecar
            .articles
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, meta)| Some((k[prefix.len()..].parse().ok()?, meta.clone())))
            .collect();
        let file = sidecar.articles.get(path).cloned();
        (file.is_some() || !parts.is_empty()).then_some(FileMeta { file, parts })
    }

    /// What the sidecar says of the file's article `part`: its own entry, then the file's.
    pub fn for_part(&self, part: usize) -> Option<ArticleMeta> {
        match (self.parts.get(&part), &self.file) {
            (Some(own), Some(file)) => Some(ArticleMeta {
                title: own.title.clone().or(file.title.clone()),
                outlet: own.outlet.clone().or(file.outlet.clone()),
                published: own.published.clone().or(file.published.clone()),
                url: own.url.clone().or(file.url.clone()),
                note: own.note.clone().or(file.note.clone()),
            }),
            (Some(own), None) => Some(own.clone()),
            (None, file) => file.clone(),
        }
    }
}

impl Sidecar {
    /// Reads the sidecar of `dir`; a folder without one has an empty sidecar. Errors say what is
    /// wrong with the file, not where it is: the caller knows how to show its path.
    pub fn read(dir: &Path) -> anyhow::Result<Sidecar> {
        let path = dir.join(FILE_NAME);
        let bytes = match crate::files::read_capped(&path, MAX_BYTES, false) {
            Ok((_, Some(size))) => anyhow::bail!(
                "the sidecar is {:.1} MB, over the {} MB limit for sidecars",
                size as f64 / (1024.0 * 1024.0),
                MAX_BYTES / (1024 * 1024)
            ),
            Ok((bytes, None)) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Sidecar { version: 1, ..Sidecar::default() }),
            Err(e) => return Err(e).context("cannot read the sidecar"),
        };
        Sidecar::parse(&bytes)
    }

    /// Parses a sidecar's bytes (UTF-8, with or without a byte-order mark).
    pub fn parse(bytes: &[u8]) -> anyhow::Result<Sidecar> {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        serde_json::from_slice(bytes).context("not a valid Parallax sidecar")
    }

    /// Writes the sidecar of `dir` atomically: a crash leaves either the old or the new file.
    pub fn write(&self, dir: &Path) -> anyhow::Result<PathBuf> {
        let path = dir.join(FILE_NAME);
        let mut json = serde_json::to_string_pretty(self)?;
        json.push('\n');
        crate::files::write_atomically(&path, json.as_bytes())?;
        Ok(path)
    }

    /// Reads, changes and writes back one entry (see [`key`]) in `dir`'s sidecar.
    pub fn update(dir: &Path, file: &str, change: impl FnOnce(&mut ArticleMeta)) -> anyhow::Result<PathBuf> {
        let mut sidecar = Sidecar::read(dir).with_context(|| format!("{}", dir.join(FILE_NAME).display()))?;
        change(sidecar.articles.entry(file.to_string()).or_default());
        sidecar.write(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_round_trips_and_keeps_other_entries() {
        let dir = tempfile::tempdir().unwrap();
        Sidecar::update(dir.path(), "a.txt", |m| m.outlet = Some("BBC News".into())).unwrap();
        Sidecar::update(dir.path(), "b.txt", |m| m.published = Some("2024-01-02".into())).unwrap();
        let read = Sidecar::read(dir.path()).unwrap();
        assert_eq!(read.articles["a.txt"].outlet.as_deref(), Some("BBC News"));
        assert_eq!(read.articles["b.txt"].published.as_deref(), Some("2024-01-02"));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, [std::ffi::OsString::from(FILE_NAME)], "no temporary file is left behind");
    }

    #[test]
    fn a_byte_order_mark_is_allowed() {
        let s = Sidecar::parse("\u{feff}{\"articles\":{\"x.txt\":{\"outlet\":\"AP\"}}}".as_bytes()).unwrap();
        assert_eq!(s.articles["x.txt"].outlet.as_deref(), Some("AP"));
    }

    #[test]
    fn an_oversized_sidecar_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(dir.path().join(FILE_NAME)).unwrap();
        file.set_len(MAX_BYTES + 1).unwrap();
        let err = Sidecar::read(dir.path()).unwrap_err();
        assert!(format!("{err:#}").contains("over the 16 MB limit"), "{err:#}");
    }

    #[test]
    fn source_is_an_alias_of_outlet() {
        let s: Sidecar = serde_json::from_str(r#"{"articles":{"x.txt":{"source":"AP","date":"2020-01-01"}}}"#).unwrap();
        assert_eq!(s.articles["x.txt"].outlet.as_deref(), Some("AP"));
        assert_eq!(s.articles["x.txt"].published.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn a_part_entry_wins_over_the_file_entry_for_that_part_alone() {
        let s = Sidecar::parse(br#"{"articles": {"list.json": {"outlet": "Wire", "date": "2020-01-01"}, "list.json#1": {"outlet": "Own"}, "list.json.bak": {"outlet": "Other"}}}"#).unwrap();
        let meta = FileMeta::of(&s, "list.json").unwrap();
        assert_eq!(meta.parts.keys().collect::<Vec<_>>(), [&1]);
        assert_eq!(meta.for_part(0).unwrap().outlet.as_deref(), Some("Wire"));
        let one = meta.for_part(1).unwrap();
        assert_eq!((one.outlet.as_deref(), one.published.as_deref()), (Some("Own"), Some("2020-01-01")));
        assert_eq!(key("list.json", Some(1)), "list.json#1");
        assert!(FileMeta::of(&s, "other.json").is_none());
    }
}
