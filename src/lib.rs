//! Parallax: compare how different outlets covered the same events.
//!
//! The core knows nothing of the window: [`load`] reads a folder of articles, [`segment`] cuts
//! them into passages, [`align`] finds events and stories, [`diff`] compares two passages word by
//! word, and [`export`] speaks the JSON contract of `parallax align --json`.

pub mod align;
pub mod article;
pub mod boilerplate;
pub mod dates;
pub mod diff;
pub mod export;
pub mod formats;
pub mod load;
pub mod report;
pub mod segment;
pub mod sidecar;
pub mod terms;

use std::path::PathBuf;

pub use align::{Alignment, DEFAULT_THRESHOLD};
pub use article::Article;
pub use load::Problem;

/// Everything Parallax knows about a set of files: the articles, what could not be read, and
/// how the articles line up.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    pub alignment: Alignment,
}

/// Loads `paths` and aligns them. Fails only if a path does not exist.
pub fn compare(paths: &[PathBuf], threshold: f32) -> anyhow::Result<Comparison> {
    let mut loaded = load::load(paths)?;
    boilerplate::strip(&mut loaded.articles);
    let alignment = align::align(&loaded.articles, threshold);
    Ok(Comparison { articles: loaded.articles, problems: loaded.problems, alignment })
}
