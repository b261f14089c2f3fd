//! The folder sidecar, `parallax.json`: metadata for the articles in a folder, kept beside them so
//! article files are never modified. It gives or overrides title, outlet, date and URL per file;
//! the GUI writes user corrections here: of an article's metadata, and of stories and claims
//! (under `"corrections"`, see [`crate::corrections`]). Writes are atomic (temporary file, then
//! rename) and keep every entry and field Parallax does not know.
//!
//! ```json
//! { "version": 1,
//!   "articles": { "000_story.txt": { "outlet": "BBC News", "published": "2024-09-25" } } }
//! ```
//! Keys are paths relative to the sidecar's folder, with `/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// The sidecar's file name.
pub const FILE_NAME: &str = "parallax.json";

/// A sidecar larger than this is not read (metadata for a hundred thousand articles is a few MB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Why a sidecar could not be read as a whole, or was not changed. Reading errors say what is
/// wrong with the file, not where it is: the caller knows how to show its path.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("the sidecar is {size_mb:.1} MB, over the {limit} MB limit for sidecars", limit = MAX_BYTES / (1024 * 1024))]
    TooLarge { size_mb: f64 },
    #[error("cannot read the sidecar: {0}")]
    Unreadable(std::io::Error),
    #[error("not a valid Parallax sidecar: not valid {0} text")]
    NotText(&'static str),
    #[error("not a valid Parallax sidecar: {0}")]
    NotJson(serde_json::Error),
    #[error("not a valid Parallax sidecar: it is {0}, not an object with \"articles\"")]
    NotAnObject(&'static str),
    #[error("\"articles\" is not an object of entries")]
    ArticlesNotAnObject,
    #[error("cannot encode the sidecar: {0}")]
    Encode(serde_json::Error),
    #[error("{}: not changed: {reason}", crate::files::shown(path))]
    NotChanged { path: PathBuf, reason: Box<SidecarError> },
    #[error(transparent)]
    Write(#[from] crate::files::WriteError),
}

impl SidecarError {
    fn not_changing(path: &Path) -> impl FnOnce(SidecarError) -> SidecarError {
        move |reason| SidecarError::NotChanged { path: path.to_path_buf(), reason: Box::new(reason) }
    }
}

/// What a sidecar says, read entry by entry: an entry or field that cannot be used is left out
/// and named in `problems`, and every other entry still applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidecar {
    pub version: u32,
    /// By key (see [`key`]), in one form: Unicode NFC, `/` between folders, no leading `./`.
    pub articles: BTreeMap<String, ArticleMeta>,
    /// The user's corrections of stories and claims (a sidecar in a subfolder may have some,
    /// but only the opened folder's apply: their keys are paths from it).
    pub corrections: crate::corrections::Corrections,
    /// What could not be read, each naming the entry and the field.
    pub problems: Vec<String>,
}

/// Metadata for one file. Every field is optional: what is missing comes from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
    /// Why the metadata says what it says (a note for people; never read by Parallax).
    pub note: Option<String>,
}

/// The fields of an entry: the name Parallax writes, then the names it also reads.
const FIELDS: [&[&str]; 5] = [&["title"], &["outlet", "source"], &["published", "date"], &["url"], &["note"]];

impl ArticleMeta {
    /// The field [`FIELDS`]`[index]` names.
    fn field(&self, index: usize) -> &Option<String> {
        [&self.title, &self.outlet, &self.published, &self.url, &self.note][index.min(4)]
    }

    fn field_mut(&mut self, index: usize) -> &mut Option<String> {
        match index {
            0 => &mut self.title,
            1 => &mut self.outlet,
            2 => &mut self.published,
            3 => &mut self.url,
            _ => &mut self.note,
        }
    }

    /// Reads the fields of one entry (`key` names it in problems). A field of the wrong type is
    /// a problem and left out; the entry's other fields still apply. A date may be a number
    /// (`20240101`, or seconds since 1970), read as its digits.
    fn from_entry(key: &str, entry: &Map<String, Value>, problems: &mut Vec<String>) -> ArticleMeta {
        let mut meta = ArticleMeta::default();
        for (index, names) in FIELDS.iter().enumerate() {
            for name in *names {
                let value = match entry.get(*name) {
                    None | Some(Value::Null) => continue,
                    Some(Value::String(text)) => text.clone(),
                    Some(Value::Number(n)) if index == 2 => n.to_string(),
                    Some(other) => {
                        problems.push(format!("the entry for {key} gives \"{name}\" as {}, not as text; that field was ignored", type_name(other)));
                        continue;
                    }
                };
                meta.field_mut(index).get_or_insert(value);
            }
        }
        meta
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
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

/// A key in the one form keys are compared in: Unicode NFC (macOS writes names decomposed,
/// NFD), `/` between folders (a sidecar written on Windows may use `\`), no leading `./`.
pub fn normal_key(key: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut key: &str = key;
    while let Some(rest) = key.strip_prefix("./").or_else(|| key.strip_prefix(".\\")) {
        key = rest;
    }
    key.nfc().map(|c| if c == '\\' { '/' } else { c }).collect()
}

/// A file's sidecar entries: the file's own (`path`, for every article it holds) and those of
/// its parts (`path#N`), which win over it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FileMeta {
    pub file: Option<ArticleMeta>,
    pub parts: BTreeMap<usize, ArticleMeta>,
}

impl FileMeta {
    /// The entries of `sidecar` for the file keyed `path` (any form; see [`normal_key`]), if it
    /// names the file or a part of it.
    pub fn of(sidecar: &Sidecar, path: &str) -> Option<FileMeta> {
        let path = normal_key(path);
        let prefix = format!("{path}#");
        let parts: BTreeMap<usize, ArticleMeta> = sidecar
            .articles
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, meta)| Some((k[prefix.len()..].parse().ok()?, meta.clone())))
            .collect();
        let file = sidecar.articles.get(&path).cloned();
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
    pub fn read(dir: &Path) -> Result<Sidecar, SidecarError> {
        match read_bytes(dir)? {
            Some(bytes) => Sidecar::parse(&bytes),
            None => Ok(Sidecar { version: 1, ..Sidecar::default() }),
        }
    }

    /// Parses a sidecar's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with one
    /// (what Windows PowerShell 5 writes). Fails only when the file as a whole is unusable (not
    /// JSON, not an object); a bad entry or field is one of [`Sidecar::problems`].
    pub fn parse(bytes: &[u8]) -> Result<Sidecar, SidecarError> {
        let root = parse_root(bytes)?;
        let mut problems = Vec::new();
        let version = match root.get("version") {
            None => 1,
            Some(v) => v.as_u64().and_then(|v| u32::try_from(v).ok()).unwrap_or_else(|| {
                problems.push(format!("\"version\" is {}, not a whole number; read as version 1", type_name(v)));
                1
            }),
        };
        let mut articles = BTreeMap::new();
        match root.get("articles") {
            None => {}
            Some(Value::Object(entries)) => {
                for (key, entry) in entries {
                    let Value::Object(fields) = entry else {
                        problems.push(format!("the entry for {key} is {}, not an object of fields; it was ignored", type_name(entry)));
                        continue;
                    };
                    let meta = ArticleMeta::from_entry(key, fields, &mut problems);
                    let normal = normal_key(key);
                    if articles.contains_key(&normal) {
                        problems.push(format!("two entries name {normal}; the entry {key} was ignored"));
                        continue;
                    }
                    articles.insert(normal, meta);
                }
            }
            Some(other) => problems.push(format!("\"articles\" is {}, not an object of entries; no metadata was read from it", type_name(other))),
        }
        let corrections = match root.get("corrections") {
            None | Some(Value::Null) => Default::default(),
            Some(value) => crate::corrections::Corrections::from_value(value, &mut problems),
        };
        Ok(Sidecar { version, articles, corrections, problems })
    }

    /// Reads, changes and writes back one entry (see [`key`]) in `dir`'s sidecar, atomically
    /// (see [`Sidecar::updated`] for what changes).
    pub fn update(dir: &Path, file: &str, change: impl FnOnce(&mut ArticleMeta)) -> Result<PathBuf, SidecarError> {
        let path = dir.join(FILE_NAME);
        let existing = read_bytes(dir).map_err(SidecarError::not_changing(&path))?;
        let bytes = Sidecar::updated(existing.as_deref(), file, change).map_err(SidecarError::not_changing(&path))?;
        crate::files::write_atomically(&path, &bytes)?;
        Ok(path)
    }

    /// The bytes of a sidecar (`existing`, or a new one) with one entry changed. Only the fields
    /// `change` changed are written: every other entry, every field Parallax does not know, and a
    /// field it could not read stay exactly as they were. A sidecar that cannot be read as a
    /// whole is an error, never overwritten.
    pub fn updated(existing: Option<&[u8]>, file: &str, change: impl FnOnce(&mut ArticleMeta)) -> Result<Vec<u8>, SidecarError> {
        let mut root = match existing {
            Some(bytes) => parse_root(bytes)?,
            None => Map::from_iter([("version".to_string(), Value::from(1))]),
        };
        let entries = root.entry("articles").or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(entries) = entries else {
            return Err(SidecarError::ArticlesNotAnObject);
        };
        let wanted = normal_key(file);
        let key = entries.keys().find(|k| normal_key(k) == wanted).cloned().unwrap_or_else(|| file.to_string());
        let entry = entries.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(fields) = entry else { unreachable!("made an object above") };
        let before = ArticleMeta::from_entry(&key, fields, &mut Vec::new());
        let mut after = before.clone();
        change(&mut after);
        for (index, names) in FIELDS.iter().enumerate() {
            let new = after.field(index).clone();
            if *before.field(index) == new {
                continue;
            }
            // Written under the name the entry already uses, else the name Parallax writes.
            let name = names.iter().find(|n| fields.contains_key(**n)).unwrap_or(&names[0]).to_string();
            match new {
                Some(value) => {
                    fields.insert(name, Value::String(value));
                }
                None => {
                    for n in *names {
                        fields.remove(*n);
                    }
                }
            }
        }
        let mut json = serde_json::to_string_pretty(&Value::Object(root)).map_err(SidecarError::Encode)?;
        json.push('\n');
        Ok(json.into_bytes())
    }

    /// Writes `corrections` as `dir`'s sidecar's corrections, atomically; every other entry
    /// stays as it was. A sidecar that cannot be read as a whole is an error, never overwritten.
    /// `before_writing` sees the bytes about to be written (a watcher of the folder is told
    /// that this change is the window's own).
    pub fn write_corrections(dir: &Path, corrections: &crate::corrections::Corrections, before_writing: impl FnOnce(&[u8])) -> Result<PathBuf, SidecarError> {
        let path = dir.join(FILE_NAME);
        let existing = read_bytes(dir).map_err(SidecarError::not_changing(&path))?;
        let mut root = match existing {
            Some(bytes) => parse_root(&bytes).map_err(SidecarError::not_changing(&path))?,
            None => Map::from_iter([("version".to_string(), Value::from(1))]),
        };
        if corrections.is_empty() {
            root.remove("corrections");
        } else {
            root.insert("corrections".into(), serde_json::to_value(corrections).map_err(SidecarError::Encode)?);
        }
        let mut json = serde_json::to_string_pretty(&Value::Object(root)).map_err(SidecarError::Encode)?;
        json.push('\n');
        before_writing(json.as_bytes());
        crate::files::write_atomically(&path, json.as_bytes())?;
        Ok(path)
    }
}

/// The bytes of `dir`'s sidecar, or `None` when it has none.
fn read_bytes(dir: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    let path = dir.join(FILE_NAME);
    match crate::files::read_capped(&path, MAX_BYTES, false) {
        Ok((_, Some(size))) => Err(SidecarError::TooLarge { size_mb: size as f64 / (1024.0 * 1024.0) }),
        Ok((bytes, None)) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(SidecarError::Unreadable(e)),
    }
}

/// A sidecar's top-level object, decoded from UTF-8 or UTF-16 (by its byte-order mark).
fn parse_root(bytes: &[u8]) -> Result<Map<String, Value>, SidecarError> {
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) => {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            if had_errors {
                return Err(SidecarError::NotText(encoding.name()));
            }
            text
        }
        None => std::borrow::Cow::Borrowed(std::str::from_utf8(bytes).map_err(|_| SidecarError::NotText("UTF-8"))?),
    };
    match serde_json::from_str(&text).map_err(SidecarError::NotJson)? {
        Value::Object(root) => Ok(root),
        other => Err(SidecarError::NotAnObject(type_name(&other))),
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
        assert!(err.to_string().contains("over the 16 MB limit"), "{err}");
    }

    #[test]
    fn source_is_an_alias_of_outlet() {
        let s = Sidecar::parse(br#"{"articles":{"x.txt":{"source":"AP","date":"2020-01-01"}}}"#).unwrap();
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

    #[test]
    fn a_wrongly_typed_field_is_one_problem_and_everything_else_applies() {
        let s = Sidecar::parse(br#"{"articles": {"a.md": {"outlet": 42, "date": "2024-01-02"}, "b.md": {"outlet": "AP"}, "c.md": "oops", "d.md": {"date": 20240105}}}"#).unwrap();
        assert_eq!(s.articles["a.md"], ArticleMeta { published: Some("2024-01-02".into()), ..ArticleMeta::default() }, "the entry's other fields apply");
        assert_eq!(s.articles["b.md"].outlet.as_deref(), Some("AP"), "other entries apply");
        assert_eq!(s.articles["d.md"].published.as_deref(), Some("20240105"), "a date may be a number");
        assert!(!s.articles.contains_key("c.md"));
        assert_eq!(s.problems.len(), 2, "{:?}", s.problems);
        assert!(s.problems[0].contains("a.md") && s.problems[0].contains("\"outlet\"") && s.problems[0].contains("a number"), "{:?}", s.problems);
        assert!(s.problems[1].contains("c.md"), "{:?}", s.problems);
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let json = r#"{"articles":{"x.txt":{"outlet":"Le Monde","date":"2024-01-02"}}}"#;
        for (bom, encode) in [([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]), ([0xFE, 0xFF], u16::to_be_bytes)] {
            let bytes: Vec<u8> = bom.into_iter().chain(json.encode_utf16().flat_map(encode)).collect();
            let s = Sidecar::parse(&bytes).unwrap();
            assert_eq!(s.articles["x.txt"].outlet.as_deref(), Some("Le Monde"));
        }
    }

    #[test]
    fn keys_are_compared_in_one_form() {
        let s = Sidecar::parse("{\"articles\":{\"./sub/a.md\":{\"outlet\":\"A\"},\"sub\\\\b.md\":{\"outlet\":\"B\"},\"cafe\u{301}.md\":{\"outlet\":\"C\"}}}".as_bytes()).unwrap();
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(FileMeta::of(&s, "sub/a.md").unwrap().file.unwrap().outlet.as_deref(), Some("A"));
        assert_eq!(FileMeta::of(&s, "sub/b.md").unwrap().file.unwrap().outlet.as_deref(), Some("B"));
        assert_eq!(FileMeta::of(&s, "caf\u{e9}.md").unwrap().file.unwrap().outlet.as_deref(), Some("C"), "NFD and NFC name one file");
    }

    #[test]
    fn an_update_changes_only_what_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let original = r#"{"version": 1, "made_by": "a script", "articles": {"a.md": {"outlet": 42, "source_id": 7}, "./b.md": {"source": "AP"}}}"#;
        std::fs::write(dir.path().join(FILE_NAME), original).unwrap();
        Sidecar::update(dir.path(), "a.md", |m| m.published = Some("2024-01-02".into())).unwrap();
        Sidecar::update(dir.path(), "b.md", |m| m.outlet = Some("Reuters".into())).unwrap();
        let written: Value = serde_json::from_slice(&std::fs::read(dir.path().join(FILE_NAME)).unwrap()).unwrap();
        assert_eq!(written["made_by"], "a script", "a field Parallax does not know is kept");
        assert_eq!(written["articles"]["a.md"]["outlet"], 42, "a field it could not read is kept as it was");
        assert_eq!(written["articles"]["a.md"]["source_id"], 7);
        assert_eq!(written["articles"]["a.md"]["published"], "2024-01-02");
        assert_eq!(written["articles"]["./b.md"]["source"], "Reuters", "the entry's own key and field name are kept");
        assert!(Sidecar::update(dir.path(), "c.md", |_| {}).is_ok());
        std::fs::write(dir.path().join(FILE_NAME), "{ broken").unwrap();
        assert!(Sidecar::update(dir.path(), "a.md", |m| m.outlet = Some("X".into())).is_err(), "a broken sidecar is not overwritten");
        assert_eq!(std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap(), "{ broken");
    }
}
