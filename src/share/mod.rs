//! Sharing a comparison outside Parallax: a story's claims lined up article by article
//! ([`StoryTable`]), written as a self-contained HTML page, as Markdown to quote from, or as CSV
//! (`parallax export`). Built on the JSON contract ([`crate::export::Output`]), so story, event
//! and article ids are those of `parallax align --json`.

pub mod csv;
pub mod html;
pub mod markdown;

use std::collections::HashMap;

use crate::align::EventKind;
use crate::export::{ArticleOut, EventOut, Output, StoryOut};
use crate::first_reported::{FirstReport, first_reported};

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

/// The bytes of an export: every story, or the story `only`; as CSV without a story, every
/// event of the folder.
pub fn render(out: &Output, format: Format, only: Option<&str>) -> Result<Vec<u8>, String> {
    if format == Format::Csv && only.is_none() {
        return csv::events(out).map_err(|e| e.to_string());
    }
    let tables = tables(out, only)?;
    match format {
        Format::Html => Ok(html::render(&tables, out.articles.len()).into_bytes()),
        Format::Markdown => Ok(markdown::render(&tables).into_bytes()),
        Format::Csv => csv::stories(&tables).map_err(|e| e.to_string()),
    }
}

/// One story as a grid: a row per claim (its events), a column per article.
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

/// The tables of every story, or of the story `only`; an unknown story id is an error that
/// names the ones there are.
pub fn tables<'a>(out: &'a Output, only: Option<&str>) -> Result<Vec<StoryTable<'a>>, String> {
    if let Some(id) = only
        && !out.stories.iter().any(|s| s.id == id)
    {
        let known: Vec<&str> = out.stories.iter().map(|s| s.id.as_str()).take(20).collect();
        return Err(format!("no story {id:?} here; the stories are {}{}", known.join(", "), if out.stories.len() > 20 { ", …" } else { "" }));
    }
    let articles: HashMap<&str, &ArticleOut> = out.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let story_of: HashMap<&str, &str> = out.stories.iter().flat_map(|s| s.articles.iter().map(move |a| (a.as_str(), s.id.as_str()))).collect();
    let mut events_of: HashMap<&str, Vec<&EventOut>> = HashMap::new();
    for e in &out.events {
        if let Some(s) = &e.story {
            events_of.entry(s.as_str()).or_default().push(e);
        }
    }
    // Passages reused across stories: (article, start) → the stories of the other articles.
    let mut reuse: HashMap<(&str, usize), Vec<&str>> = HashMap::new();
    for e in out.events.iter().filter(|e| e.kind == EventKind::Reuse) {
        for p in &e.passages {
            let mut others: Vec<&str> = e.passages.iter().filter(|q| q.article != p.article).filter_map(|q| story_of.get(q.article.as_str()).copied()).collect();
            others.retain(|s| story_of.get(p.article.as_str()) != Some(s));
            others.sort_unstable();
            others.dedup();
            if !others.is_empty() {
                reuse.entry((p.article.as_str(), p.start)).or_default().extend(others);
            }
        }
    }
    Ok(out
        .stories
        .iter()
        .filter(|s| only.is_none_or(|id| s.id == id))
        .map(|story| {
            let mut columns: Vec<&ArticleOut> = story.articles.iter().filter_map(|a| articles.get(a.as_str()).copied()).collect();
            // Outlets in the order they first published the story; undated last.
            let outlets: Vec<String> = columns.iter().map(|a| a.outlet()).collect();
            let first_of = |outlet: &str| {
                columns.iter().zip(&outlets).filter(|(_, o)| o.as_str() == outlet).map(|(a, _)| (a.published.is_none(), a.published.clone())).min()
            };
            let mut keyed: Vec<_> =
                columns.iter().zip(&outlets).map(|(a, o)| (first_of(o), o.clone(), a.published.is_none(), a.published.clone(), a.id.clone(), *a)).collect();
            keyed.sort_by(|x, y| (&x.0, &x.1, x.2, &x.3, &x.4).cmp(&(&y.0, &y.1, y.2, &y.3, &y.4)));
            columns = keyed.into_iter().map(|k| k.5).collect();
            let base = (0..columns.len())
                .min_by(|&x, &y| (columns[x].published.is_none(), &columns[x].published).cmp(&(columns[y].published.is_none(), &columns[y].published)).then(x.cmp(&y)))
                .unwrap_or(0);
            let mut rows: Vec<Row> = events_of
                .get(story.id.as_str())
                .map(|events| events.iter().map(|e| row(e, &columns, &reuse)).collect())
                .unwrap_or_default();
            // The base article's order, then the rest by date.
            let base_id = columns.get(base).map(|a| a.id.as_str());
            let place = |r: &Row| r.event.passages.iter().filter(|p| Some(p.article.as_str()) == base_id).map(|p| p.start).min();
            rows.sort_by(|x, y| match (place(x), place(y)) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => x.event.date.cmp(&y.event.date).then(x.event.id.cmp(&y.event.id)),
            });
            StoryTable { story, columns, base, rows }
        })
        .collect())
}

fn row<'a>(event: &'a EventOut, columns: &[&ArticleOut], reuse: &HashMap<(&str, usize), Vec<&'a str>>) -> Row<'a> {
    let cells: Vec<Option<String>> = columns
        .iter()
        .map(|a| {
            let mut quote: Option<String> = None;
            for p in event.passages.iter().filter(|p| p.article == a.id) {
                let text = quote.get_or_insert_with(String::new);
                if let Some(join) = p.join {
                    text.push_str(join.mark());
                }
                text.push_str(&p.text);
            }
            quote
        })
        .collect();
    let date = |a: &ArticleOut| a.published.as_deref().and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let story_dates: Vec<jiff::civil::Date> = columns.iter().filter_map(|a| date(a)).collect();
    let reports: Vec<_> = columns.iter().zip(&cells).map(|(a, cell)| cell.as_ref().and(date(a)).map(|d| (d, a.date_origin))).collect();
    let FirstReport { first, uncertain: first_uncertain } = first_reported(&reports, &story_dates);
    let reused_in = columns
        .iter()
        .map(|a| {
            let mut stories: Vec<&str> =
                event.passages.iter().filter(|p| p.article == a.id).filter_map(|p| reuse.get(&(a.id.as_str(), p.start))).flatten().copied().collect();
            stories.sort_unstable();
            stories.dedup();
            stories
        })
        .collect();
    Row { event, cells, first, first_uncertain, reused_in }
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
    format!("{} · {}", a.outlet(), a.published.as_deref().unwrap_or("undated"))
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
        EventKind::Reuse => format!("Reused: {}", e.label),
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
