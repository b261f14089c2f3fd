//! Parallax: compare how different outlets covered the same events.
//!
//! The core knows nothing of the window: [`load`] reads a folder of articles, [`segment`] cuts
//! them into passages, [`align`] finds events and stories, [`diff`] compares two passages word by
//! word, and [`export`] speaks the JSON contract of `parallax align --json`.

pub mod align;
pub mod cache;
pub mod article;
pub mod corrections;
pub mod destination;
pub mod diff;
pub mod export;
pub mod files;
pub mod imported;
pub mod load;
pub mod problem;
pub mod progress;
pub mod report;
pub mod share;
pub mod steps;
pub mod sidecar;
pub mod story_grid;
pub mod text_keys;

mod boilerplate;
mod dates;
mod first_reported;
mod formats;
mod furniture;
#[cfg(feature = "gui")]
mod seeds;
mod segment;
mod terms;
#[cfg(test)]
mod test_support;
mod text;
mod unicode;

/// What the fuzz targets and property tests reach inside; not part of the API.
#[doc(hidden)]
pub mod internals {
    pub mod dates {
        pub use crate::dates::{date_in_file_name, find_dateline, is_date_line, is_timestamp_line, parse_metadata_date, resolve_relative};
    }
    pub use crate::formats::read_text;
    pub use crate::segment::segment;
    pub use crate::terms::terms;
    pub use crate::text::short_label;
    #[cfg(feature = "gui")]
    pub use crate::gui::colors::{MIN_DISTANCE, distance, oklab};
}

#[cfg(feature = "gui")]
pub mod gui;

use std::path::PathBuf;

pub use align::{Alignment, DEFAULT_THRESHOLD};
pub use article::Article;
pub use problem::Problem;

/// Everything Parallax knows about a set of files: the articles, what could not be read, and
/// how the articles line up.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Shared: re-aligning at another strictness reuses the loaded articles.
    pub articles: std::sync::Arc<Vec<Article>>,
    /// What could not be read, then the corrections that could not be applied.
    pub problems: Vec<Problem>,
    /// What could not be read (re-aligning says again which corrections do not apply).
    pub load_problems: Vec<Problem>,
    /// The user's corrections, applied to `alignment`.
    pub corrections: corrections::Corrections,
    pub alignment: Alignment,
    /// What re-aligning at another strictness reuses: made when first needed (see
    /// [`Comparison::prepared`]), kept across re-alignments, left out to save memory.
    pub prepared: std::sync::Arc<std::sync::OnceLock<align::Prepared>>,
    /// What the user may want to know that is no problem of a file (see [`load::Loaded::notes`]).
    pub notes: Vec<String>,
    /// Reuse another tool found (passim's clusters), added to every alignment as events.
    pub imported: std::sync::Arc<Vec<align::ImportedCluster>>,
}

impl Comparison {
    /// What re-aligning reuses, prepared now if it was not (or waited for, if it is being
    /// prepared on another thread).
    pub fn prepared(&self) -> &align::Prepared {
        self.prepared.get_or_init(|| align::Prepared::new(&self.articles))
    }
}

/// Loads `paths` and aligns them. Fails only if a path does not exist.
/// The result does not keep what re-aligning would reuse.
pub fn compare(paths: &[PathBuf], threshold: f32) -> Result<Comparison, load::LoadError> {
    let comparison = compare_cached(paths, threshold, None)?;
    Ok(Comparison { prepared: Default::default(), ..comparison })
}

/// Like [`compare`], reading one folder through its cache in `cache` (see [`cache`]), and
/// keeping what re-aligning would reuse: the command line ends without freeing it (freeing a
/// large folder's, piece by piece, was a tenth of making its output).
pub fn compare_cached(paths: &[PathBuf], threshold: f32, cache: Option<&std::path::Path>) -> Result<Comparison, load::LoadError> {
    Ok(compare_with_progress(paths, threshold, &progress::Progress::default(), cache)?.expect("no one cancels a private progress"))
}

/// Loads `paths` and prepares the articles as [`compare`] does, without aligning them (the
/// feature dumps the judgements are fitted on start here).
pub fn prepare(paths: &[PathBuf]) -> Result<(Vec<Article>, align::Prepared), load::LoadError> {
    let load::Loaded { mut articles, keys, .. } = load::load(paths)?;
    boilerplate::strip(&mut articles, &keys);
    let prepared = align::Prepared::new(&articles);
    Ok((articles, prepared))
}

/// Like [`compare`], reporting progress; returns `None` if cancelled through `progress`.
pub fn compare_with_progress(paths: &[PathBuf], threshold: f32, progress: &progress::Progress, cache: Option<&std::path::Path>) -> Result<Option<Comparison>, load::LoadError> {
    let Some(read) = read_with_progress(paths, progress, cache)? else { return Ok(None) };
    Ok(align_read(read, threshold, progress))
}

/// `paths` read and readied for aligning, which does not depend on the strictness: the window
/// reads a folder while it opens, before it knows the strictness it remembers.
pub struct Read {
    paths: Vec<PathBuf>,
    cache: Option<PathBuf>,
    loaded: load::Loaded,
    imported: Vec<align::ImportedCluster>,
}

/// The first half of [`compare_with_progress`]: reads `paths` (through `cache`) and strips the
/// outlets' boilerplate; `None` if cancelled through `progress`.
pub fn read_with_progress(paths: &[PathBuf], progress: &progress::Progress, cache: Option<&std::path::Path>) -> Result<Option<Read>, load::LoadError> {
    steps::start();
    let Some(mut loaded) = load::load_with_progress(paths, progress, cache)? else { return Ok(None) };
    steps::done("reading");
    boilerplate::strip(&mut loaded.articles, &std::mem::take(&mut loaded.keys));
    steps::done("outlet boilerplate");
    // After the strip: spans are placed on the passages that are left.
    let (imported, unplaced) = imported::resolve(&loaded.articles, &loaded.reuse);
    loaded.problems.extend(unplaced);
    loaded.problems.sort_by(|a, b| a.path.cmp(&b.path));
    if progress.check().is_err() {
        return Ok(None);
    }
    Ok(Some(Read { paths: paths.to_vec(), cache: cache.map(std::path::Path::to_path_buf), loaded, imported }))
}

/// The second half of [`compare_with_progress`]: aligns what was read at `threshold`, or reads
/// back the alignment kept for it; `None` if cancelled through `progress`.
pub fn align_read(read: Read, threshold: f32, progress: &progress::Progress) -> Option<Comparison> {
    let Read { paths, cache, mut loaded, imported } = read;
    if progress.check().is_err() {
        return None;
    }
    progress.set_stage(progress::Stage::Aligning);
    let kept = match (cache.as_deref(), &paths[..]) {
        (Some(dir), [folder]) if folder.is_dir() => Some(kept(dir, folder, &loaded.articles, &imported, &loaded.corrections, threshold)),
        _ => None,
    };
    let (found, note) = kept.as_ref().map(cache::AlignedCache::get).unwrap_or_default();
    loaded.notes.extend(note);
    let (alignment, prepared) = match found.filter(|a| fits(a, &loaded.articles)) {
        // What re-aligning reuses is prepared when first needed.
        Some(alignment) => (alignment, std::sync::OnceLock::new()),
        None => {
            let prepared = align::Prepared::new(&loaded.articles);
            let mut alignment = align::align_corrected(&loaded.articles, &prepared, threshold, &loaded.corrections);
            align::add_imported(&mut alignment, &loaded.articles, &prepared, &imported);
            if let Some(Err(e)) = kept.map(|k| k.put(&alignment)) {
                loaded.notes.push(format!("{e}; the folder will be aligned again next time"));
            }
            (alignment, std::sync::OnceLock::from(prepared))
        }
    };
    progress.set_stage(progress::Stage::Done);
    Some(Comparison {
        articles: std::sync::Arc::new(loaded.articles),
        problems: with_unapplied(&loaded.problems, &alignment),
        load_problems: loaded.problems,
        corrections: loaded.corrections,
        alignment,
        prepared: std::sync::Arc::new(prepared),
        notes: loaded.notes,
        imported: std::sync::Arc::new(imported),
    })
}

/// The alignment of `folder` kept under the cache directory `dir` for these inputs: everything
/// aligning reads (see [`cache::AlignedCache`]).
fn kept(dir: &std::path::Path, folder: &std::path::Path, articles: &[Article], imported: &[align::ImportedCluster], corrections: &corrections::Corrections, threshold: f32) -> cache::AlignedCache {
    let inputs = (articles, imported, corrections, threshold.to_bits(), align::judgements());
    cache::AlignedCache::new(dir, folder, &inputs)
}

/// Keeps `comparison`'s alignment (made at `threshold`) as `folder`'s under the cache directory
/// `dir`, in place of the one kept: the window keeps what it re-aligns, so the folder opened
/// again as it is now (its strictness and corrections included) shows it at once.
pub fn keep_alignment(comparison: &Comparison, threshold: f32, folder: &std::path::Path, dir: &std::path::Path) -> Result<(), files::WriteError> {
    kept(dir, folder, &comparison.articles, &comparison.imported, &comparison.corrections, threshold).put(&comparison.alignment)
}

/// Whether every passage `alignment` names is one of `articles`: a kept alignment that does
/// not is not theirs, whatever its key says.
fn fits(alignment: &Alignment, articles: &[Article]) -> bool {
    let exists = |r: &align::PassageRef| articles.get(r.article).is_some_and(|a| r.passage < a.passages.len());
    alignment.events.iter().all(|e| exists(&e.central) && e.passages.iter().all(exists) && e.story.is_none_or(|s| s < alignment.stories.len()))
        && alignment.stories.iter().all(|s| s.articles.iter().all(|&a| a < articles.len()) && s.articles.contains(&s.central))
}

/// The problems of loading, then each correction that could not be applied (a warning of the
/// sidecar: the rest of the work stands).
fn with_unapplied(load_problems: &[Problem], alignment: &Alignment) -> Vec<Problem> {
    let unapplied = alignment.unapplied.iter().map(|message| Problem {
        path: sidecar::FILE_NAME.to_string(),
        message: message.clone(),
        severity: problem::Severity::Warning,
    });
    load_problems.iter().cloned().chain(unapplied).collect()
}

/// The message a panic carried, for reporting it as a problem rather than dying of it.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// Aligns articles that are already loaded (after a change of strictness), reusing what does
/// not depend on the strictness.
pub fn realign(comparison: &Comparison, threshold: f32) -> Comparison {
    realign_corrected(comparison, threshold, comparison.corrections.clone())
}

/// Aligns articles that are already loaded with other corrections (the user made one).
pub fn realign_corrected(comparison: &Comparison, threshold: f32, corrections: corrections::Corrections) -> Comparison {
    let prepared = comparison.prepared();
    let mut alignment = align::align_corrected(&comparison.articles, prepared, threshold, &corrections);
    align::add_imported(&mut alignment, &comparison.articles, prepared, &comparison.imported);
    Comparison {
        articles: comparison.articles.clone(),
        problems: with_unapplied(&comparison.load_problems, &alignment),
        load_problems: comparison.load_problems.clone(),
        corrections,
        alignment,
        prepared: comparison.prepared.clone(),
        // Notes are about reading the files, which re-aligning does not do again.
        notes: Vec::new(),
        imported: comparison.imported.clone(),
    }
}
