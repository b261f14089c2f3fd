//! Loading a folder (recursively) or single files into articles, and reporting every file that
//! could not be read, with the reason, without letting it stop the others.
//!
//! Owns: walking (symlink loops, hidden files, each file once however often it is named),
//! reading with a size cap, decoding (UTF-8, UTF-16 with BOM, Windows-1252 fallback), dispatch
//! to [`crate::formats`], the folder sidecars, and settling each article's date and outlet from
//! the best source available. Each file is read in isolation: whatever goes wrong with one
//! (even a bug of ours, caught as a panic) becomes a problem for that file alone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{Article, DateOrigin};
use crate::cache::{Entry as CacheEntry, FileKey, FolderCache};
use crate::dates;
use crate::files;
use crate::formats::{self, Draft, Item, ReadError};
use crate::imported::{FileSpans, ReuseSpan};
use crate::progress::{Progress, Stage};
use std::sync::atomic::Ordering;
use crate::segment;
use crate::problem::{Problem, Severity};
use crate::sidecar::{self, FileMeta, Sidecar};
use crate::text_keys::TextKeys;

/// Files larger than this are cut (text) or skipped (JSON, HTML) and reported.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub const EXTENSIONS: [&str; 8] = ["txt", "md", "markdown", "json", "jsonl", "ndjson", "html", "htm"];

/// JSON files may be larger than [`MAX_FILE_BYTES`], up to this: a corpus of JSON Lines or a
/// part of passim's output holds thousands of records in one file.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// A passage among an article's first this many that repeats its first (the headline) is dropped.
const HEADLINE_REPEAT_WINDOW: usize = 3;

/// Everything read from the paths the user gave.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// The user's corrections of stories and claims, from the sidecar of the one folder opened
    /// (their keys are paths from it; none when several paths are read).
    pub corrections: crate::corrections::Corrections,
    /// What the user may want to know that is no problem of a file (a damaged cache ignored).
    pub notes: Vec<String>,
    /// Passages another tool (passim) found reused, per file that lists them.
    pub reuse: Vec<FileSpans>,
    /// The keys of each article's text, one per article (see [`TextKeys`]).
    pub keys: Vec<TextKeys>,
}

/// One file to read: where it is, and the path to show for it.
#[derive(Debug, Clone)]
struct FileEntry {
    full: PathBuf,
    /// Relative to the folder the user gave, with `/`.
    shown: String,
    /// The sidecar entries for it and its parts, if any.
    sidecar: Option<FileMeta>,
}

/// Why nothing was loaded: what goes wrong with a file is one of [`Loaded::problems`] instead.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file or folder", crate::files::shown(.0))]
    NotFound(PathBuf),
}

/// Loads every supported file under `paths`. Fails only if a path does not exist.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    Ok(load_with_progress(paths, &Progress::default(), None)?.expect("no one cancels a private progress"))
}

/// Like [`load`], reporting progress; returns `None` if cancelled through `progress`. With a
/// `cache` directory, one folder is read through its cache there (see [`crate::cache`]).
pub fn load_with_progress(paths: &[PathBuf], progress: &Progress, cache: Option<&Path>) -> Result<Option<Loaded>, LoadError> {
    for p in paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(LoadError::NotFound(p.clone()));
        }
    }
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut corrections = Default::default();
    for root in paths {
        if let Some(found) = collect(root, &mut entries, &mut problems)
            && paths.len() == 1
        {
            corrections = found;
        }
    }
    if paths.len() > 1 {
        read_each_file_once(&mut entries);
    }
    crate::steps::done("reading: finding the files");
    let mut notes = Vec::new();
    let cache = match (cache, paths) {
        (Some(dir), [folder]) if folder.is_dir() => {
            let (cache, note) = FolderCache::open(dir, folder);
            notes.extend(note);
            Some(cache)
        }
        _ => None,
    };
    progress.files_total.store(entries.len(), Ordering::Relaxed);
    progress.set_stage(Stage::Reading);
    let read_all = || -> Option<Vec<FileRead>> {
        entries
            .par_iter()
            .map(|entry| {
                progress.check().ok()?;
                let result = load_file_isolated(entry, cache.as_ref());
                progress.files_read.fetch_add(1, Ordering::Relaxed);
                progress.passages.fetch_add(result.articles.iter().map(|a| a.passages.len()).sum(), Ordering::Relaxed);
                Some(result)
            })
            .collect()
    };
    let results = match reading_pool() {
        Some(pool) => pool.install(read_all),
        None => read_all(),
    };
    let Some(results) = results else { return Ok(None) };
    crate::steps::done("reading: each file");
    let mut articles = Vec::new();
    let mut keys = Vec::new();
    let mut fresh = Vec::new();
    let mut reuse = Vec::new();
    for (read, entry) in results.into_iter().zip(&entries) {
        articles.extend(read.articles);
        keys.extend(read.keys);
        problems.extend(read.problems);
        if !read.reuse.is_empty() {
            reuse.push(FileSpans { file: entry.shown.clone(), spans: read.reuse });
        }
        fresh.extend(read.fresh.map(|e| (entry.shown.clone(), e)));
    }
    if let Some(cache) = cache {
        let read: Vec<&str> = entries.iter().map(|e| e.shown.as_str()).collect();
        if let Err(e) = cache.save(&read, fresh) {
            notes.push(format!("{e}; the folder will be read in full next time"));
        }
    }
    drop_copies(&mut articles, &mut keys, &mut problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(Loaded { articles, problems, corrections, notes, reuse, keys }))
}

/// Threads that read files: more than the processor has cores. A file not in the system's
/// cache of the disk (a folder opened the day after, or pushed out by other work) keeps its
/// thread waiting on the disk; with a thread per core, the cores waited with it (a 50,000-file
/// folder read from the disk took 7.3 s on two threads, 4.1 s on sixteen; from memory, the
/// same 3.0 s on both).
const READING_THREADS: usize = 16;

/// A pool of [`READING_THREADS`] threads, or `None` if the system will not start them (the
/// files are then read on the shared pool).
fn reading_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(READING_THREADS).thread_name(|i| format!("parallax-read-{i}")).build().ok()
}

/// Keeps the first of several entries for one file: `parallax align seeds seeds`, or a folder and
/// a file inside it, name the same file twice.
fn read_each_file_once(entries: &mut Vec<FileEntry>) {
    let mut seen = std::collections::HashSet::new();
    entries.retain(|e| seen.insert(std::fs::canonicalize(&e.full).unwrap_or_else(|_| e.full.clone())));
}

/// Keeps one of several files holding the same article from the same outlet (a story saved
/// twice), and says which; repeats inside one file (a JSON list holding one article many times)
/// are counted in one problem for that file. The same text from different outlets is kept: that
/// is syndication, and worth seeing.
fn drop_copies(articles: &mut Vec<Article>, keys: &mut Vec<TextKeys>, problems: &mut Vec<Problem>) {
    let mut first_with: HashMap<u64, String> = HashMap::new();
    let mut repeats_in_file: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut keep = Vec::with_capacity(articles.len());
    for (a, key) in articles.iter().zip(keys.iter().map(|k| &k.copy)) {
        match first_with.get(key) {
            Some(original) if *original != a.path => {
                problems.push(Problem {
                    path: a.path.clone(),
                    message: format!("same article as {original} (same outlet, same text); compared once"),
                    severity: Severity::Warning,
                });
                keep.push(false);
            }
            Some(_) => {
                *repeats_in_file.entry(a.path.clone()).or_default() += 1;
                keep.push(false);
            }
            None => {
                first_with.insert(*key, a.path.clone());
                keep.push(true);
            }
        }
    }
    for (path, repeats) in repeats_in_file {
        let message = if repeats == 1 {
            "1 article repeats an earlier one of this file (same outlet, same text); compared once".to_string()
        } else {
            format!("{repeats} articles repeat earlier ones of this file (same outlet, same text); each compared once")
        };
        problems.push(Problem { path, message, severity: Severity::Warning });
    }
    let mut kept = keep.iter();
    articles.retain(|_| *kept.next().unwrap_or(&true));
    let mut kept = keep.iter();
    keys.retain(|_| *kept.next().unwrap_or(&true));
}

/// Finds the files to read under `root` (or `root` itself), with their sidecar entries; returns
/// the corrections of a folder's own sidecar.
fn collect(root: &Path, entries: &mut Vec<FileEntry>, problems: &mut Vec<Problem>) -> Option<crate::corrections::Corrections> {
    if root.is_file() {
        let dir = root.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = root.file_name().map(|n| files::shown(Path::new(n))).unwrap_or_default();
        let real_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let sidecar = read_sidecar(dir, "", &real_dir, problems);
        entries.push(FileEntry { full: root.to_path_buf(), sidecar: FileMeta::of(&sidecar, &name), shown: name });
        return None;
    }
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut sidecars: HashMap<PathBuf, Sidecar> = HashMap::new();
    // Per folder with a sidecar: the keys of its entries that name a file found.
    let mut named: HashMap<PathBuf, std::collections::HashSet<String>> = HashMap::new();
    // Whether a sidecar found so far names files.
    let mut naming_files = false;
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| shown_path(root, p)).unwrap_or_default();
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one that contains it; skipped".to_string()
                } else {
                    format!("cannot read: {}", e.io_error().map_or(e.to_string(), ToString::to_string))
                };
                problems.push(Problem { path, message, severity: Severity::Error });
                continue;
            }
        };
        // An opened folder is untrusted: a link in it may lead anywhere (`/etc`, `/proc`, a home
        // folder). Links are followed only where they stay inside the folder.
        if entry.depth() > 0 && entry.path_is_symlink() && let Some(outside) = outside_link(entry.path(), &real_root) {
            problems.push(Problem { path: shown_path(root, entry.path()), message: outside, severity: Severity::Error });
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            // A link to a folder that contains the root would read the root again, and more.
            if entry.path_is_symlink()
                && std::fs::canonicalize(entry.path()).is_ok_and(|target| real_root.starts_with(&target))
            {
                problems.push(Problem {
                    path: shown_path(root, entry.path()),
                    message: "symbolic link loop: this folder links back to one that contains it; skipped".into(),
                    severity: Severity::Error,
                });
                walker.skip_current_dir();
                continue;
            }
            let sc = read_sidecar(entry.path(), &shown_path(root, entry.path()), &real_root, problems);
            naming_files |= !sc.articles.is_empty();
            sidecars.insert(entry.path().to_path_buf(), sc);
            continue;
        }
        let name = entry.file_name();
        let ext = entry.path().extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        if name == sidecar::FILE_NAME || !EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        if !entry.file_type().is_file() {
            problems.push(Problem {
                path: shown_path(root, entry.path()),
                message: format!("not a regular file ({}); skipped", files::kind_of(&entry.file_type())),
                severity: Severity::Error,
            });
            continue;
        }
        // The nearest sidecar up the tree that names this file wins; each that names it is
        // noted, so that an entry naming no file can be reported.
        let mut meta = None;
        // (Walking up the tree costs more than the rest of finding a file: only where a
        // sidecar names files.)
        for dir in entry.path().ancestors().skip(1).take_while(|a| naming_files && a.starts_with(root)) {
            let (Some(sc), Ok(relative)) = (sidecars.get(dir), entry.path().strip_prefix(dir)) else { continue };
            if sc.articles.is_empty() {
                continue;
            }
            let key = sidecar::normal_key(&files::shown(relative));
            if let Some(found) = FileMeta::of(sc, &key) {
                named.entry(dir.to_path_buf()).or_default().insert(key);
                meta.get_or_insert(found);
            }
        }
        entries.push(FileEntry { full: entry.path().to_path_buf(), shown: shown_path(root, entry.path()), sidecar: meta });
    }
    // An entry that names no article file (a typo, a file renamed or deleted) would be ignored
    // in silence: say so.
    let mut unused: Vec<Problem> = Vec::new();
    for (dir, sc) in &sidecars {
        let found = named.get(dir);
        let shown_dir = shown_path(root, dir);
        for key in sc.articles.keys() {
            let file = match key.rsplit_once('#') {
                Some((file, part)) if part.parse::<usize>().is_ok() => file,
                _ => key.as_str(),
            };
            if found.is_none_or(|f| !f.contains(file) && !f.contains(key)) {
                let path = if shown_dir.is_empty() { sidecar::FILE_NAME.to_string() } else { format!("{shown_dir}/{}", sidecar::FILE_NAME) };
                let message = format!("the entry for {key} names no article file in this folder; it was not used");
                unused.push(Problem { path, message, severity: Severity::Warning });
            }
        }
    }
    unused.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    problems.extend(unused);
    sidecars.remove(root).map(|sc| sc.corrections)
}

/// Why the link at `path` is not followed, if its target is outside `real_root` (the opened
/// folder, resolved): a problem message naming the target.
fn outside_link(path: &Path, real_root: &Path) -> Option<String> {
    let target = std::fs::canonicalize(path).ok()?;
    // A link to a folder that holds the root is a loop, and said to be one by the walk.
    (!target.starts_with(real_root) && !real_root.starts_with(&target)).then(|| format!("link to outside the folder ({}); not followed", files::shown(&target)))
}

/// Reads the sidecar of `dir` (shown as `shown_dir`, relative to the root), reporting a sidecar
/// that cannot be read and each date in it that is not a real date. A sidecar that is a link
/// to outside `real_root` is not read.
fn read_sidecar(dir: &Path, shown_dir: &str, real_root: &Path, problems: &mut Vec<Problem>) -> Sidecar {
    let path = if shown_dir.is_empty() { sidecar::FILE_NAME.to_string() } else { format!("{shown_dir}/{}", sidecar::FILE_NAME) };
    let file = dir.join(sidecar::FILE_NAME);
    if std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_symlink())
        && let Some(outside) = outside_link(&file, real_root)
    {
        problems.push(Problem { path, message: outside, severity: Severity::Error });
        return Sidecar::default();
    }
    let sidecar = Sidecar::read(dir).unwrap_or_else(|e| {
        // A folder that cannot be listed is reported once, by the walk; its sidecar is not news.
        if std::fs::read_dir(dir).is_ok() {
            problems.push(Problem { path: path.clone(), message: format!("{e}; its metadata was ignored"), severity: Severity::Error });
        }
        Sidecar::default()
    });
    for message in &sidecar.problems {
        problems.push(Problem { path: path.clone(), message: message.clone(), severity: Severity::Error });
    }
    for (file, meta) in &sidecar.articles {
        if let Some(value) = &meta.published
            && dates::parse_metadata_date(value).is_none()
        {
            problems.push(Problem {
                path: path.clone(),
                message: format!("the date {value:?} given for {file} is not a real date (expected YYYY-MM-DD); that date was ignored"),
                severity: Severity::Error,
            });
        }
    }
    sidecar
}

fn shown_path(root: &Path, path: &Path) -> String {
    files::shown(path.strip_prefix(root).unwrap_or(path))
}

/// Reads one file like [`load_file`], turning a panic (a bug of ours meeting input we did not
/// foresee) into a problem for that file, so the other files still load.
fn load_file_isolated(entry: &FileEntry, cache: Option<&FolderCache>) -> FileRead {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_file(entry, cache))).unwrap_or_else(|payload| {
        let message = format!(
            "internal error while reading this file ({}); the file was skipped. Please report it with the file attached.",
            crate::panic_message(payload.as_ref())
        );
        FileRead { problems: vec![Problem { path: entry.shown.clone(), message, severity: Severity::Error }], ..FileRead::default() }
    })
}

/// What reading one file gave: its articles, the reuse it lists, its problems, and (read through
/// a cache that did not have it) the entry to keep for it.
#[derive(Default)]
struct FileRead {
    articles: Vec<Article>,
    keys: Vec<TextKeys>,
    reuse: Vec<ReuseSpan>,
    problems: Vec<Problem>,
    fresh: Option<CacheEntry>,
}

/// Reads one file into its articles (several for a JSON array or a page of bundled stories),
/// from `cache` when it holds the file as it is.
fn load_file(entry: &FileEntry, cache: Option<&FolderCache>) -> FileRead {
    let mut problems = Vec::new();
    let mut report = |message: String, severity: Severity| {
        problems.push(Problem { path: entry.shown.clone(), message, severity });
    };
    let ext = entry.full.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let is_text = matches!(ext.as_str(), "txt" | "md" | "markdown");
    let cap = if matches!(ext.as_str(), "json" | "jsonl" | "ndjson") { MAX_JSON_BYTES } else { MAX_FILE_BYTES };
    let bytes = match read_capped(&entry.full, cap, is_text) {
        Ok((bytes, None)) => bytes,
        Ok((bytes, Some(size))) => {
            if !is_text {
                report(format!("file is {}; files over {} are skipped", human_size(size), human_size(cap)), Severity::Error);
                return FileRead { problems, ..FileRead::default() };
            }
            report(format!("file is {}; only the first {} were read", human_size(size), human_size(cap)), Severity::Warning);
            bytes
        }
        Err(e) => {
            report(format!("cannot read: {e}"), Severity::Error);
            return FileRead { problems, ..FileRead::default() };
        }
    };
    let key = cache.map(|_| FileKey::new(std::fs::metadata(&entry.full).ok().as_ref(), &bytes, &entry.sidecar));
    if let (Some(cache), Some(key)) = (cache, &key)
        && let Some(hit) = cache.get(&entry.shown, key)
    {
        problems.extend(hit.problems.iter().cloned());
        return FileRead { articles: hit.articles.clone(), keys: hit.keys.clone(), reuse: hit.reuse.clone(), problems, fresh: None };
    }
    let file_name = entry.full.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let contents = articles_from_bytes(&entry.shown, &file_name, &bytes, entry.sidecar.as_ref());
    let keys: Vec<TextKeys> = contents.articles.iter().map(TextKeys::of).collect();
    let fresh = key.map(|key| CacheEntry { key, articles: contents.articles.clone(), keys: keys.clone(), reuse: contents.reuse.clone(), problems: contents.problems.clone() });
    problems.extend(contents.problems);
    FileRead { articles: contents.articles, keys, reuse: contents.reuse, problems, fresh }
}

/// What one file holds: its articles, the passages another tool found reused that it lists
/// (passim's cluster records), and what is wrong with it.
#[derive(Debug, Default)]
pub struct Contents {
    pub articles: Vec<Article>,
    pub reuse: Vec<ReuseSpan>,
    pub problems: Vec<Problem>,
}

/// Decodes and reads the bytes of one file into its articles. `file_name` gives the format (by
/// its extension) and possibly a date; `shown` is the path problems are reported under. Public
/// so the fuzz targets run exactly what a load runs.
pub fn articles_from_bytes(shown: &str, file_name: &str, bytes: &[u8], sidecar: Option<&FileMeta>) -> Contents {
    let mut problems = Vec::new();
    let mut report = |message: String, severity: Severity| {
        problems.push(Problem { path: shown.to_string(), message, severity });
    };
    let ext = Path::new(file_name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let text = match decode(bytes) {
        Ok((text, note)) => {
            if let Some(note) = note {
                report(note, Severity::Warning);
            }
            text
        }
        Err(not_text) => {
            report(not_text.to_string(), Severity::Error);
            return Contents { problems, ..Contents::default() };
        }
    };
    if crate::unicode::is_blank_text(&text) {
        report("file is empty".into(), Severity::Error);
        return Contents { problems, ..Contents::default() };
    }
    if crate::files::is_parallax_output(&text) {
        report("written by Parallax (an export or `align --json`), not an article: skipped".into(), Severity::Warning);
        return Contents { problems, ..Contents::default() };
    }
    let mut reuse = Vec::new();
    let drafts: Vec<Draft> = match ext.as_str() {
        "json" | "jsonl" | "ndjson" => match formats::read_json(&text) {
            Ok(items) => {
                let records = items.len();
                let mut textless = Vec::new();
                let drafts = items
                    .into_iter()
                    .filter_map(|item| match item {
                        Ok(Item::Article(draft)) => Some(draft),
                        Ok(Item::Reuse(span)) => {
                            reuse.push(span);
                            None
                        }
                        Err(ReadError::NoText { number }) => {
                            textless.push(number);
                            None
                        }
                        Err(e) => {
                            report(e.to_string(), Severity::Error);
                            None
                        }
                    })
                    .collect();
                report_textless(&textless, records, &mut report);
                drafts
            }
            Err(e) => {
                report(e.to_string(), Severity::Error);
                Vec::new()
            }
        },
        "html" | "htm" => match formats::read_html(&text) {
            Ok(d) => vec![d],
            Err(e) => {
                report(e.to_string(), Severity::Error);
                Vec::new()
            }
        },
        _ => vec![formats::read_text(text)],
    };
    let file_date = dates::date_in_file_name(file_name);
    let mut articles = Vec::new();
    let mut next_part = 0;
    for draft in drafts {
        if let Some(w) = &draft.warning {
            report(w.clone(), Severity::Warning);
        }
        if let Some(value) = &draft.meta.published
            && dates::parse_metadata_date(value).is_none()
        {
            report(format!("the date {value:?} in the file's metadata is not a real date (expected YYYY-MM-DD); that date was ignored"), Severity::Warning);
        }
        let body_start = draft.body_start;
        let built = build_articles(draft, shown, sidecar, &mut next_part, file_date);
        if built.is_empty() && reuse.is_empty() {
            report("no article text found".into(), Severity::Error);
        }
        if let [only] = &built[..]
            && let Some(dropped) = body_dropped(only, body_start)
        {
            report(
                format!("body dropped as page furniture: only the headline was kept ({dropped} letters of text looked like menus, captions or credits)"),
                Severity::Warning,
            );
        }
        articles.extend(built);
    }
    // A file that holds one article is keyed by its path alone.
    if let [only] = &mut articles[..] {
        only.part = None;
    }
    Contents { articles, reuse, problems }
}

/// Records of a JSON file without text: each its own problem when they are few, else one
/// problem for them all, and a file none of whose records has text (a manifest, a list of
/// labels) is a warning, not a wall of errors.
fn report_textless(textless: &[usize], records: usize, report: &mut impl FnMut(String, Severity)) {
    const LISTED: usize = 3;
    match textless.len() {
        0 => {}
        n if n == records && n > 1 => report(
            format!("none of its {n} records has article text (a text, body or content field): not articles, so skipped"),
            Severity::Warning,
        ),
        n if n <= LISTED => textless.iter().for_each(|&number| report(ReadError::NoText { number }.to_string(), Severity::Error)),
        n => {
            let first: Vec<String> = textless[..LISTED].iter().map(ToString::to_string).collect();
            report(format!("{n} of its {records} records have no text (a text, body or content field): records {}, …", first.join(", ")), Severity::Error);
        }
    }
}

/// A body must lose at least this many letters to the chrome and furniture rules, leaving only
/// the headline, before that is reported: a page of a headline and a share bar is not news.
const DROPPED_BODY_LETTERS: usize = 80;

/// How many letters of `article`'s body were dropped, if it was reduced to its headline.
fn body_dropped(article: &Article, body_start: usize) -> Option<usize> {
    let [headline] = &article.passages[..] else { return None };
    let letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count();
    let body = letters(article.text.get(body_start..).unwrap_or(""));
    let dropped = body.saturating_sub(letters(&article.text[headline.range()]));
    (dropped >= DROPPED_BODY_LETTERS).then_some(dropped)
}

/// Reads a regular file, at most [`MAX_FILE_BYTES`] of it. Returns the full size when it was
/// cut (or, without `allow_cut`, not read).
fn read_capped(path: &Path, cap: u64, allow_cut: bool) -> std::io::Result<(Vec<u8>, Option<u64>)> {
    let (mut bytes, cut) = files::read_capped(path, cap, allow_cut)?;
    if cut.is_some() {
        // Do not end inside a UTF-8 sequence.
        while bytes.last().is_some_and(|b| b & 0xC0 == 0x80) {
            bytes.pop();
        }
        if bytes.last().is_some_and(|b| *b >= 0xC0) {
            bytes.pop();
        }
    }
    Ok((bytes, cut))
}

fn human_size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Decodes file bytes to text. Returns a note when the text was not plain UTF-8. Line breaks
/// made of a carriage return alone (old Mac files) are read as `\n`, one byte for one.
fn decode(bytes: &[u8]) -> Result<(String, Option<String>), NotText> {
    decode_any(bytes).map(|(text, note)| (lone_returns_as_newlines(text), note))
}

fn lone_returns_as_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("one ASCII byte replaced by another")
}

/// UTF-16 without a byte-order mark, told by its zero bytes: text that is mostly ASCII has a
/// zero in every other byte, on the odd bytes for little-endian and the even ones for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 6 && even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 6 && odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes that are not text in any encoding Parallax reads.
#[derive(Debug, thiserror::Error)]
#[error("looks like a binary file, not text")]
struct NotText;

fn decode_any(bytes: &[u8]) -> Result<(String, Option<String>), NotText> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        let mut note = format!("{} text; offsets index the text decoded to UTF-8", encoding.name());
        if had_errors {
            note.push_str(" (some characters could not be decoded and were replaced)");
        }
        return Ok((text.into_owned(), Some(note)));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let mut note = format!("{} text without a byte-order mark; offsets index the text decoded to UTF-8", encoding.name());
        if had_errors {
            note.push_str(" (some characters could not be decoded and were replaced)");
        }
        return Ok((text.into_owned(), Some(note)));
    }
    // Binary files are full of NUL bytes; text scraped from the web has at most a stray few,
    // which are read as spaces (one byte for one, so offsets stay exact).
    let nuls = memchr::memchr_iter(0, bytes).count();
    if nuls > bytes.len() / 1000 + 1 {
        return Err(NotText);
    }
    let cleaned;
    let bytes = if nuls > 0 {
        cleaned = bytes.iter().map(|&b| if b == 0 { b' ' } else { b }).collect::<Vec<u8>>();
        &cleaned[..]
    } else {
        bytes
    };
    let nul_note = (nuls > 0).then(|| format!("{nuls} stray NUL byte{} read as space{}", plural(nuls), plural(nuls)));
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), nul_note)),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let mut note =
                format!("not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252, so offsets index the decoded text", e.valid_up_to());
            if let Some(nul_note) = nul_note {
                note = format!("{note}; {nul_note}");
            }
            Ok((text.into_owned(), Some(note)))
        }
    }
}

/// Whether two headlines are one repeated: the same words, lowercase, whatever is between them.
/// Compared word by word without copying (the first passages of every article are asked).
fn same_headline(a: &str, b: &str) -> bool {
    // A capital sigma lowercases by where it stands in its word: `str::to_lowercase` knows.
    if a.contains('Σ') || b.contains('Σ') {
        let comparable = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>();
        return comparable(a) == comparable(b);
    }
    fn words(t: &str) -> impl Iterator<Item = &str> {
        t.split(|c: char| !crate::unicode::is_letter_or_digit(c)).filter(|w| !w.is_empty())
    }
    let mut x = words(a);
    let mut y = words(b);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) || p.chars().flat_map(char::to_lowercase).eq(q.chars().flat_map(char::to_lowercase)) => {}
            _ => return false,
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Segments a draft into its articles and settles their metadata. The articles are the file's
/// parts from `next_part` on (see [`sidecar::key`]); `next_part` moves past them. The first is
/// the page's own article; the others are stories the page bundles.
fn build_articles(draft: Draft, path: &str, file_meta: Option<&FileMeta>, next_part: &mut usize, file_date: Option<jiff::civil::Date>) -> Vec<Article> {
    let Draft { text, body_start, headline_span, meta, record, .. } = draft;
    let sections = segment::segment(&text, body_start, headline_span.is_none());
    let first_part = *next_part;
    *next_part += sections.len();
    // The page's own article: its entry, then the file's. A bundled story: its entry alone (the
    // file's entry is the page's, which the story keeps only where it says nothing itself).
    let page = Page::settle(meta, file_meta.and_then(|m| m.for_part(first_part)).as_ref(), &text[body_start..], file_date);
    let mut articles = Vec::new();
    for (index, section) in sections.into_iter().enumerate() {
        let part = first_part + index;
        let mut article = if index == 0 {
            let Some(own) = page.own_article(section, &text, headline_span) else { continue };
            own
        } else {
            page.bundled_article(section, &text, file_meta.and_then(|m| m.parts.get(&part)))
        };
        article.path = path.to_string();
        article.part = Some(part);
        article.record = record.clone();
        articles.push(article);
    }
    // Articles of one file share its text; it is cloned only when a page bundles several.
    let n = articles.len();
    for a in articles.iter_mut().take(n.saturating_sub(1)) {
        a.text = text.clone();
    }
    if let Some(last) = articles.last_mut() {
        last.text = text;
    }
    articles
}

/// A page's metadata once settled: what its own article has, and what a story it bundles keeps
/// where it says nothing itself.
struct Page {
    title: Option<String>,
    outlet: Option<String>,
    published: Option<jiff::civil::Date>,
    date_origin: DateOrigin,
    url: Option<String>,
    author: Option<String>,
    language: Option<String>,
}

impl Page {
    /// The sidecar's entry first, then what the file states; the date then falls back on the
    /// file name and a dateline in `body`, the outlet on the site of the URL.
    fn settle(meta: formats::StatedMeta, sidecar: Option<&sidecar::ArticleMeta>, body: &str, file_date: Option<jiff::civil::Date>) -> Page {
        let side_date = sidecar.and_then(|s| s.published.as_deref()).and_then(dates::parse_metadata_date);
        let meta_date = meta.published.as_deref().and_then(dates::parse_metadata_date);
        let (published, date_origin) = if let Some(d) = side_date {
            (Some(d), DateOrigin::Sidecar)
        } else if let Some(d) = meta_date {
            (Some(d), DateOrigin::Metadata)
        } else if let Some(d) = file_date {
            (Some(d), DateOrigin::Filename)
        } else if let Some(d) = dates::find_dateline(body) {
            (Some(d), DateOrigin::Dateline)
        } else {
            (None, DateOrigin::None)
        };
        let url = sidecar.and_then(|s| s.url.clone()).or(meta.url);
        let outlet = sidecar.and_then(|s| s.outlet.clone()).or(meta.outlet).or_else(|| url.as_deref().and_then(formats::site_of_url));
        let title = sidecar.and_then(|s| s.title.clone()).or(meta.title);
        Page { title, outlet, published, date_origin, url, author: meta.author, language: meta.language }
    }

    /// The page's own article (path, part and text left to the caller), or `None` when it has
    /// no passage left.
    fn own_article(&self, section: segment::Section, text: &str, headline_span: Option<(usize, usize)>) -> Option<Article> {
        let mut passages = section.passages;
        if let Some((s, e)) = headline_span {
            // A body that opens by repeating the metadata's title: one headline, not two.
            let same = |p: &crate::article::Passage| same_headline(&text[p.start..p.end], &text[s..e]);
            while passages.first().is_some_and(same) {
                passages.remove(0);
            }
            let headline = crate::article::Passage {
                start: s,
                end: e,
                line: segment::line_of(text, s),
                paragraph: 0,
                kind: crate::article::PassageKind::Headline,
            };
            passages.insert(0, headline);
        }
        let title = self.title.clone().or_else(|| {
            let first = section.headline.as_ref().or(passages.first())?;
            Some(crate::text::short_label(&crate::article::collapse_whitespace(&text[first.start..first.end]), 100))
        });
        // Pages often print the headline twice (a kicker, then the title): one headline.
        if let Some(first) = passages.first().map(|p| &text[p.start..p.end]) {
            let mut index = 0;
            passages.retain(|p| {
                index += 1;
                index == 1 || index > HEADLINE_REPEAT_WINDOW || !same_headline(&text[p.start..p.end], first)
            });
        }
        if passages.is_empty() {
            return None;
        }
        Some(Article {
            path: String::new(),
            part: None,
            title,
            outlet: self.outlet.clone(),
            published: self.published,
            date_origin: self.date_origin,
            url: self.url.clone(),
            author: self.author.clone(),
            language: self.language.clone(),
            text: String::new(),
            passages,
            record: None,
        })
    }

    /// A story bundled into the page (path, part and text left to the caller): its kicker names
    /// the outlet and the date, its sidecar entry `own` overrides them, and where neither says,
    /// it keeps the page's.
    fn bundled_article(&self, section: segment::Section, text: &str, own: Option<&sidecar::ArticleMeta>) -> Article {
        let kicker: Vec<&str> = section.kicker.iter().map(|&(s, e)| text[s..e].trim()).collect();
        let date_line = kicker.iter().find(|k| dates::is_date_line(k));
        let own_date = own.and_then(|m| m.published.as_deref()).and_then(dates::parse_metadata_date);
        let (published, date_origin) = match (own_date, date_line) {
            (Some(d), _) => (Some(d), DateOrigin::Sidecar),
            (None, Some(line)) => match self.published.and_then(|base| dates::resolve_relative(line, base)) {
                Some(d) => (Some(d), DateOrigin::Relative),
                None => match dates::find_written_date(line) {
                    Some(d) => (Some(d), DateOrigin::Dateline),
                    None => (self.published, self.date_origin),
                },
            },
            (None, None) => (self.published, self.date_origin),
        };
        let kicker_outlet = kicker
            .iter()
            .filter(|k| !dates::is_date_line(k))
            .map(|k| k.trim_start_matches(['-', '–', '—', '·', ' ']).trim_start_matches("By ").trim())
            .find(|k| !k.is_empty())
            .map(str::to_string);
        Article {
            path: String::new(),
            part: None,
            title: own
                .and_then(|m| m.title.clone())
                .or_else(|| section.headline.as_ref().map(|h| crate::article::collapse_whitespace(&text[h.start..h.end]))),
            outlet: own.and_then(|m| m.outlet.clone()).or(kicker_outlet).or_else(|| self.outlet.clone()),
            published,
            date_origin,
            url: own.and_then(|m| m.url.clone()),
            author: None,
            language: self.language.clone(),
            text: String::new(),
            passages: section.passages,
            record: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_printed_twice_is_one_passage() {
        let basil = "Glenn Beck Rips Progressivism at CPAC\n\nGlenn Beck Rips Progressivism at CPAC\n\nFox News host Glenn Beck, armed with his chalkboard, spoke on Saturday.\n";
        let with_title = format!("---\ntitle: \"Glenn Beck Rips Progressivism at CPAC\"\n---\n{basil}");
        for text in [basil.to_string(), with_title] {
            let articles = articles_from_bytes("a.md", "a.md", text.as_bytes(), None).articles;
            let texts: Vec<&str> = articles[0].passages.iter().map(|p| &articles[0].text[p.range()]).collect();
            assert_eq!(texts, ["Glenn Beck Rips Progressivism at CPAC", "Fox News host Glenn Beck, armed with his chalkboard, spoke on Saturday."], "{text}");
        }
    }

    #[test]
    fn a_headline_repeated_is_the_same_words_lowercase() {
        assert!(same_headline("Storm Hits the Coast", "STORM hits — the coast."));
        assert!(same_headline("“ΟΔΟΣ” Café", "οδος café!"), "a final sigma, as `str::to_lowercase` makes it");
        assert!(same_headline("Ünïcödé’s news", "ünïcödé s NEWS"));
        assert!(!same_headline("Storm Hits", "Storm hits the coast"));
        assert!(!same_headline("Storm Hits the Coast", "Storm hits a coast"));
        assert!(same_headline("", "—"), "no words either side");
    }

    #[test]
    fn a_body_that_repeats_the_title_has_one_headline() {
        let md = "---\ntitle: Storm Hits the Coast\ndate: 2020-01-02\n---\nStorm hits the coast.\n\nThe storm reached the coast on Monday, officials said.\n";
        let Contents { articles, problems, .. } = articles_from_bytes("a.md", "a.md", md.as_bytes(), None);
        assert!(problems.is_empty(), "{problems:?}");
        let texts: Vec<&str> = articles[0].passages.iter().map(|p| &articles[0].text[p.range()]).collect();
        assert_eq!(texts, ["Storm Hits the Coast", "The storm reached the coast on Monday, officials said."]);
    }

    #[test]
    fn decoding_reports_what_it_did() {
        assert_eq!(decode(b"plain").unwrap(), ("plain".to_string(), None));
        let (text, note) = decode(b"caf\xe9").unwrap();
        assert_eq!(text, "café");
        assert!(note.unwrap().contains("Windows-1252"));
        let (text, note) = decode(b"\xff\xfeh\x00i\x00").unwrap();
        assert_eq!(text, "hi");
        assert!(note.unwrap().contains("UTF-16LE"));
        assert!(decode(b"\x7fELF\x00\x01\x00\x00").unwrap_err().to_string().contains("binary"));
        let le: Vec<u8> = "Headline\nA sentence, with an é.\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "Headline\nA sentence, with an é.\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let (text, note) = decode(&bytes).unwrap();
            assert_eq!(text, "Headline\nA sentence, with an é.\n");
            assert!(note.unwrap().contains(name));
        }
        assert_eq!(decode(b"Headline\rBody one.\r\nBody two.\r").unwrap().0, "Headline\nBody one.\r\nBody two.\n", "a lone carriage return is a line break");
        let mut text = b"A sentence of text. ".repeat(500);
        text[9000] = 0;
        let (decoded, note) = decode(&text).unwrap();
        assert_eq!(decoded.len(), text.len(), "a NUL is read as one space, wherever it is");
        assert!(note.unwrap().contains("1 stray NUL byte read as space"));
        let mut binary = b"A sentence of text. ".repeat(500);
        for i in (8200..binary.len()).step_by(50) {
            binary[i] = 0;
        }
        assert!(decode(&binary).unwrap_err().to_string().contains("binary"), "NULs past the first 8 KB count too");
    }
}
