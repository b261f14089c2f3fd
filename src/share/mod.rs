//! Sharing a comparison outside Parallax: a story's claims lined up article by article
//! ([`table::StoryTable`]), written as a self-contained HTML page, as Markdown to quote from, or as CSV
//! (`parallax export`); a thread's developments in order, each with who covered it and its
//! claims ([`thread::ThreadTable`]), the same three ways. The grid is the window's ([`crate::story_grid::StoryGrid`]), told with the ids and words of
//! the JSON contract ([`crate::export::Output`]), so they are those of `parallax align --json`.

mod csv;
mod html;
mod markdown;
mod table;
mod thread;

pub use table::{ShareError, web_link};

use crate::Comparison;
use crate::export::DateRange;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }
}

/// The bytes of an export of the whole folder: every story, or the story `only`; as CSV without
/// a story, every event of the folder.
pub fn render(comparison: &Comparison, format: Format, only: Option<&str>) -> Result<Vec<u8>, ShareError> {
    let out = crate::export::output(comparison, DateRange::default());
    if format == Format::Csv && only.is_none() {
        return Ok(csv::events(&out)?);
    }
    let tables = table::tables(comparison, &out, only)?;
    match format {
        Format::Html => Ok(html::render(&tables, out.articles.len()).into_bytes()),
        Format::Markdown => Ok(markdown::render(&tables).into_bytes()),
        Format::Csv => Ok(csv::stories(&tables)?),
    }
}

/// The bytes of an export of the thread `id` (as in `align --json`, like t1).
pub fn render_thread(comparison: &Comparison, format: Format, id: &str) -> Result<Vec<u8>, ShareError> {
    let out = crate::export::output(comparison, DateRange::default());
    let thread = thread::thread_table(comparison, &out, id)?;
    match format {
        Format::Html => Ok(html::render_thread(&thread, out.articles.len()).into_bytes()),
        Format::Markdown => Ok(markdown::render_thread(&thread).into_bytes()),
        Format::Csv => Ok(csv::thread(&thread)?),
    }
}
