//! One story's claims lined up article by article, in the words and ids of the JSON contract:
//! what every export writes, and the words each shares (column and row titles, the user's marks,
//! which links may be live).

use crate::Comparison;
use crate::align::{EventKind, Origin};
use crate::export::{ArticleOut, DateRange, EventOut, Output, Positions, StoryOut};
use crate::story_grid::{Reuse, StoryGrid};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("no story {id:?} here; the stories are {known}")]
    UnknownStory { id: String, known: String },
    #[error("no thread {id:?} here; the threads are {known}")]
    UnknownThread { id: String, known: String },
    #[error("could not write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
}

/// One story's grid (see [`StoryGrid`]) in the words and ids of the JSON contract.
pub struct StoryTable<'a> {
    pub story: &'a StoryOut,
    /// Grouped by outlet, each outlet's articles by date.
    pub columns: Vec<&'a ArticleOut>,
    /// The column the others are compared with: the story's first-published article.
    pub base: usize,
    pub rows: Vec<Row<'a>>,
}

pub struct Row<'a> {
    pub event: &'a EventOut,
    /// Per column: what the article says in this event, or `None`: not reported.
    pub cells: Vec<Option<String>>,
    /// The columns that published it first (several when they share the earliest date).
    pub first: Vec<usize>,
    /// Whether a first one's date is uncertain (see [`crate::first_reported`]).
    pub first_uncertain: bool,
    /// Per column: the other stories whose articles reuse this cell's text.
    pub reused_in: Vec<Vec<&'a str>>,
}

/// The tables of every story of `out` (the whole folder's output), or of the story `only`; an
/// unknown story id is an error that names the ones there are.
pub(super) fn tables<'a>(comparison: &Comparison, out: &'a Output, only: Option<&str>) -> Result<Vec<StoryTable<'a>>, ShareError> {
    if let Some(id) = only
        && !out.stories.iter().any(|s| s.id == id)
    {
        let known: Vec<&str> = out.stories.iter().map(|s| s.id.as_str()).take(20).collect();
        let known = format!("{}{}", known.join(", "), if out.stories.len() > 20 { ", …" } else { "" });
        return Err(ShareError::UnknownStory { id: id.to_string(), known });
    }
    Ok(tables_where(comparison, out, |story| only.is_none_or(|id| story.id == id)))
}

/// The tables of the stories of `out` that `keep` keeps.
pub(super) fn tables_where<'a>(comparison: &Comparison, out: &'a Output, keep: impl Fn(&StoryOut) -> bool) -> Vec<StoryTable<'a>> {
    let positions = Positions::new(comparison, DateRange::default());
    let reuse = Reuse::new(&comparison.alignment);
    let articles = &comparison.articles;
    (0..comparison.alignment.stories.len())
        .filter_map(|s| Some((s, &out.stories[positions.stories[s]?])))
        .filter(|(_, story)| keep(story))
        .map(|(s, story)| {
            let grid = StoryGrid::new(articles, &comparison.alignment, &reuse, s, None, None);
            let rows = grid
                .rows
                .into_iter()
                .filter_map(|row| {
                    let event = &out.events[positions.events[row.event]?];
                    let reused_in = row
                        .cells
                        .iter()
                        .map(|c| c.iter().flat_map(|c| &c.reused_in).filter_map(|&s| positions.stories[s]).map(|k| out.stories[k].id.as_str()).collect())
                        .collect();
                    let cells = row.cells.into_iter().map(|c| c.map(|c| c.text)).collect();
                    Some(Row { event, cells, first: row.first, first_uncertain: row.first_uncertain, reused_in })
                })
                .collect();
            let columns = grid.columns.iter().filter_map(|&a| positions.articles[a]).map(|k| &out.articles[k]).collect();
            StoryTable { story, columns, base: grid.base, rows }
        })
        .collect()
}

/// `url` (without surrounding blanks) if it is a web address a reader may follow: `http` or
/// `https` with a host, no blank or control character anywhere (browsers drop those, so
/// `java\tscript:` would run). Anything else (`javascript:`, `data:`, `file:`, a bare path) is
/// shown as text, never linked or opened.
pub fn web_link(url: &str) -> Option<&str> {
    let url = crate::unicode::trim(url);
    if url.chars().any(|c| c.is_control() || crate::unicode::is_blank(c)) {
        return None;
    }
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = rest.strip_prefix("//")?.split(['/', '?', '#']).next()?;
    (web && !host.is_empty()).then_some(url)
}

/// How a column is headed: its outlet and date.
pub fn column_title(a: &ArticleOut) -> String {
    format!("{} · {}", a.shown_outlet(), a.published.as_deref().unwrap_or("undated"))
}

/// How a row is named: its kind and label.
/// What the user said of a claim, one line each: corrected or checked by hand, their notes.
pub fn user_marks(e: &EventOut) -> Vec<String> {
    let mut marks = Vec::new();
    match (e.corrected, e.checked) {
        (true, true) => marks.push("Corrected and checked by hand".to_string()),
        (true, false) => marks.push("Corrected by hand".to_string()),
        (false, true) => marks.push("Checked by hand".to_string()),
        (false, false) => {}
    }
    marks.extend(e.notes.iter().map(|n| format!("Note: {n}")));
    marks
}

pub fn row_title(e: &EventOut) -> String {
    match e.kind {
        EventKind::Lede => format!("Lede: {}", e.label),
        EventKind::Claim => e.label.clone(),
        EventKind::Reuse if e.origin == Origin::Passim => format!("Reused (found by passim): {}", e.label),
        EventKind::Reuse => format!("Reused: {}", e.label),
    }
}

/// A date span as the exports write it: one day, two days joined by a dash, or "undated".
pub fn span(first: &Option<String>, last: &Option<String>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f != l => format!("{f} – {l}"),
        (Some(f), _) => f.clone(),
        _ => "undated".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::web_link;

    #[test]
    fn only_web_addresses_are_links() {
        for url in ["https://example.com/a?b=1#c", "http://example.com", " HTTPS://EXAMPLE.COM/x "] {
            assert!(web_link(url).is_some(), "{url}");
        }
        for url in ["javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
            "file:///etc/passwd", "vbscript:x", "https:/no-host", "https://", "http:example.com", "//example.com", "/etc/passwd", "example.com",
            "https://exa mple.com", "https://example.com/\u{1b}]52;c;x", "https\u{0}://example.com"]
        {
            assert!(web_link(url).is_none(), "{url:?}");
        }
    }
}
