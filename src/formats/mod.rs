//! Reading each supported file format into a [`Draft`]: the text passages will index into, where
//! the body starts, and the metadata the file itself carries. One file per format:
//!
//! - [`text`]: `.txt`/`.md`, optional YAML front matter between `---` lines.
//! - [`json`]: one article object, an array of them, or JSON Lines (one record per line, as
//!   passim reads and writes them), with the keys common news APIs use; passim's cluster
//!   records among them are reuse it found, not articles.
//! - [`html`]: `.html`/`.htm`, the main text by readability extraction.

mod html;
mod json;
mod text;

pub use html::read_html;
pub use json::{Item, read_json};
pub use text::read_text;

use serde_json::Value as Json;

/// One article as read from its file, before dates, outlets and passages are settled.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub text: String,
    /// Where the body starts in `text` (after front matter).
    pub body_start: usize,
    /// Byte range of the headline when it lies outside the body (a front matter title).
    pub headline_span: Option<(usize, usize)>,
    pub meta: StatedMeta,
    /// Something worth telling the user that did not stop the file from loading.
    pub warning: Option<String>,
    /// The corpus record it was read from, if it was one (see [`crate::article::Record`]).
    pub record: Option<crate::article::Record>,
}

/// Metadata as the file states it; dates are still raw strings.
#[derive(Debug, Clone, Default)]
pub struct StatedMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
}

/// Why a file (or one article of a JSON file) could not be read: the message says what is
/// wrong with it, the caller knows which file it was.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("line {line}: not valid JSON: {error}")]
    JsonLine { line: usize, error: serde_json::Error },
    #[error("{0}")]
    Reuse(#[from] crate::imported::SpanError),
    #[error("JSON holds neither an article object nor an array of articles")]
    NoArticleObject,
    #[error("no articles in this file (the list of articles is empty)")]
    NoArticles,
    #[error("article {number} has no text (expected a text, body or content field)")]
    NoText { number: usize },
    #[error("cannot read HTML: {0}")]
    Html(dom_smoothie::ReadabilityError),
    #[error("could not find the article text in this page ({0})")]
    NoArticleFound(dom_smoothie::ReadabilityError),
    #[error("the page has no readable article text")]
    NoReadableText,
    #[error("a <{tag}> tag has {attributes} attributes, over the limit of {limit}; the page was not read")]
    TooManyAttributes { tag: String, attributes: usize, limit: usize },
    #[error("the page's markup is nested more than {limit} levels deep; the page was not read")]
    NestedTooDeep { limit: usize },
}

/// Extracted text: the title as its first line (a passage like any other), then the body.
fn draft_from_parts(meta: StatedMeta, body: &str) -> Draft {
    draft_of_record(meta, body, None)
}

/// Like [`draft_from_parts`], for the record `id` of a corpus: keeps where `body` is in the text.
fn draft_of_record(meta: StatedMeta, body: &str, id: Option<String>) -> Draft {
    let (text, text_start) = match &meta.title {
        Some(title) => (format!("{}\n\n{}", title.trim(), body.trim()), title.trim().len() + 2),
        None => (body.trim().to_string(), 0),
    };
    let trimmed = body[..body.len() - body.trim_start().len()].chars().count();
    let record = id.map(|id| crate::article::Record { id, text_start, trimmed });
    Draft { text, meta, record, ..Draft::default() }
}

fn string_of(value: &Json) -> Option<String> {
    let s = match value {
        Json::String(s) => s.clone(),
        Json::Number(n) => n.to_string(),
        Json::Object(map) => return map.get("name").and_then(string_of),
        Json::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(string_of).collect();
            if parts.is_empty() {
                return None;
            }
            parts.join(", ")
        }
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn first_of(value: &Json, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| value.get(*k).and_then(string_of))
}

fn meta_from_json(value: &Json) -> StatedMeta {
    StatedMeta {
        title: first_of(value, &["title", "headline"]),
        // passim's `series` is the paper a document is from.
        outlet: first_of(value, &["source", "outlet", "publisher", "site_name", "site", "source_name", "series"]),
        published: first_of(value, &["published", "date", "publishedAt", "published_at", "pubDate", "datePublished", "publish_date"]),
        url: first_of(value, &["url", "link", "uri"]),
        author: first_of(value, &["author", "authors", "byline", "creator"]),
        language: first_of(value, &["language", "lang"]),
    }
}

/// The site of a URL, as an outlet name of last resort: `https://www.bbc.co.uk/x` → `bbc.co.uk`.
pub fn site_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (host.contains('.')).then(|| host.to_lowercase())
}
