//! One thread's developments in order, each with the outlets that covered it and the one that
//! published first, and each development's claims ([`super::table::StoryTable`]): what the
//! exports of a thread write.

use super::table::{self, ShareError, StoryTable};
use crate::Comparison;
use crate::export::{Output, ThreadOut};

pub struct ThreadTable<'a> {
    pub thread: &'a ThreadOut,
    pub developments: Vec<Development<'a>>,
}

/// One story of the thread.
pub struct Development<'a> {
    pub table: StoryTable<'a>,
    /// Per outlet of the thread (its `outlets`, in the order of the JSON contract): whether this development has an article of it (a blindspot
    /// where not).
    pub covered: Vec<bool>,
    /// The outlets (indexes into the thread's `outlets`) of its earliest articles.
    pub first: Vec<usize>,
}

/// The thread `id` of `out` (the whole folder's output); an unknown id is an error that names
/// the threads there are.
pub(super) fn thread_table<'a>(comparison: &Comparison, out: &'a Output, id: &str) -> Result<ThreadTable<'a>, ShareError> {
    let Some(thread) = out.threads.iter().find(|t| t.id == id) else {
        let known: Vec<&str> = out.threads.iter().map(|t| t.id.as_str()).take(20).collect();
        let known = if known.is_empty() { "none".to_string() } else { format!("{}{}", known.join(", "), if out.threads.len() > 20 { ", …" } else { "" }) };
        return Err(ShareError::UnknownThread { id: id.to_string(), known });
    };
    let mut tables = table::tables_where(comparison, out, |story| thread.stories.contains(&story.id));
    let mut developments = Vec::with_capacity(thread.stories.len());
    for story in &thread.stories {
        let Some(k) = tables.iter().position(|t| &t.story.id == story) else { continue };
        let table = tables.swap_remove(k);
        let covered = thread.outlets.iter().map(|o| table.story.outlets.contains(o)).collect();
        let earliest = table.columns.iter().filter_map(|a| a.published.as_deref()).min();
        let mut first: Vec<usize> = table
            .columns
            .iter()
            .filter(|a| earliest.is_some() && a.published.as_deref() == earliest)
            .filter_map(|a| thread.outlets.iter().position(|o| a.outlet.as_ref() == Some(o)))
            .collect();
        first.sort_unstable();
        first.dedup();
        developments.push(Development { table, covered, first });
    }
    Ok(ThreadTable { thread, developments })
}
