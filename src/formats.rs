//! Reading each supported file format into a [`Draft`]: the text passages will index into, where
//! the body starts, and the metadata the file itself carries.
//!
//! - `.txt`/`.md`: optional YAML front matter between `---` lines; the text is the file itself.
//! - `.json`: one article object or an array of them, with the keys common news APIs use.
//! - `.html`/`.htm`: the main text by readability extraction, metadata from meta tags and JSON-LD.

use serde_json::Value as Json;

/// One article as read from its file, before dates, outlets and passages are settled.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub text: String,
    /// Where the body starts in `text` (after front matter).
    pub body_start: usize,
    /// Byte range of the headline when it lies outside the body (a front matter title).
    pub headline_span: Option<(usize, usize)>,
    pub meta: FileMeta,
    /// Something worth telling the user that did not stop the file from loading.
    pub warning: Option<String>,
}

/// Metadata as the file states it; dates are still raw strings.
#[derive(Debug, Clone, Default)]
pub struct FileMeta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
}

/// Plain text or Markdown, with or without front matter.
pub fn read_text(text: String) -> Draft {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = &text[bom..];
    let mut draft = Draft { body_start: bom, ..Draft::default() };
    if !(rest.starts_with("---\n") || rest.starts_with("---\r\n")) {
        draft.text = text;
        skip_leading_url(&mut draft);
        return draft;
    }
    let fm_start = bom + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut close = None;
    let mut pos = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            close = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((close, body_start)) = close else {
        draft.warning = Some("front matter starts with --- but has no closing --- line; read as plain text".into());
        draft.text = text;
        return draft;
    };
    let yaml = &text[fm_start..close];
    match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
        Ok(value) => {
            let json = serde_json::to_value(&value).unwrap_or(Json::Null);
            draft.meta = meta_from_json(&json);
            if let Some(title) = &draft.meta.title {
                draft.headline_span = yaml.find(title.as_str()).map(|i| (fm_start + i, fm_start + i + title.len()));
            }
        }
        Err(e) => {
            draft.warning = Some(format!("front matter is not valid YAML ({e}); read the text without it"));
        }
    }
    draft.body_start = body_start;
    draft.text = text;
    if draft.meta.url.is_none() {
        skip_leading_url(&mut draft);
    }
    draft
}

/// A body whose first line is a bare URL (a saved page's address) takes it as its URL.
fn skip_leading_url(draft: &mut Draft) {
    let body = &draft.text[draft.body_start..];
    let lead = body.len() - body.trim_start().len();
    let first = body.trim_start().lines().next().unwrap_or("").trim();
    if (first.starts_with("http://") || first.starts_with("https://")) && !first.contains(char::is_whitespace) {
        draft.meta.url = Some(first.to_string());
        let end = draft.body_start + lead + body.trim_start().find('\n').unwrap_or(body.trim_start().len());
        draft.body_start = end;
    }
}

/// A JSON file: one article object, an array of them, or an object wrapping an array
/// (`{"articles": [...]}` as news APIs return).
pub fn read_json(text: &str) -> Result<Vec<Result<Draft, String>>, String> {
    let value: Json = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let items: Vec<&Json> = match &value {
        Json::Array(items) => items.iter().collect(),
        Json::Object(map) => match ["articles", "results", "items", "data"].iter().find_map(|k| map.get(*k)?.as_array()) {
            Some(items) => items.iter().collect(),
            None => vec![&value],
        },
        _ => return Err("JSON holds neither an article object nor an array of articles".into()),
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let meta = meta_from_json(item);
            let body = ["text", "body", "content", "article", "description"]
                .iter()
                .find_map(|k| item.get(*k)?.as_str().filter(|s| !s.trim().is_empty()));
            let Some(body) = body else {
                return Err(format!("article {} has no text (expected a text, body or content field)", i + 1));
            };
            Ok(draft_from_parts(meta, body))
        })
        .collect())
}

/// An HTML page: readability extraction of the main text, metadata from the page's tags.
pub fn read_html(html: &str) -> Result<Draft, String> {
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut reader = dom_smoothie::Readability::new(html, None, Some(config)).map_err(|e| format!("cannot read HTML: {e}"))?;
    let article = reader.parse().map_err(|e| format!("could not find the article text in this page ({e})"))?;
    let text = article.text_content.to_string();
    if text.trim().is_empty() {
        return Err("the page has no readable article text".into());
    }
    let meta = FileMeta {
        title: Some(article.title.clone()).filter(|t| !t.trim().is_empty()),
        source: article.site_name.clone(),
        published: article.published_time.clone(),
        url: article.url.clone(),
        author: article.byline.clone(),
        language: article.lang.clone(),
    };
    Ok(draft_from_parts(meta, &text))
}

/// Extracted text: the title as its first line (a passage like any other), then the body.
fn draft_from_parts(meta: FileMeta, body: &str) -> Draft {
    let text = match &meta.title {
        Some(title) => format!("{}\n\n{}", title.trim(), body.trim()),
        None => body.trim().to_string(),
    };
    Draft { text, meta, ..Draft::default() }
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

fn meta_from_json(value: &Json) -> FileMeta {
    FileMeta {
        title: first_of(value, &["title", "headline"]),
        source: first_of(value, &["source", "outlet", "publisher", "site_name", "site", "source_name"]),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_metadata_and_headline_offsets() {
        let text = "---\ntitle: \"Big news\"\nsource: {name: Reuters}\npublished: 2018-09-12\n---\n\nBody text here.\n".to_string();
        let d = read_text(text.clone());
        assert_eq!(d.meta.title.as_deref(), Some("Big news"));
        assert_eq!(d.meta.source.as_deref(), Some("Reuters"));
        assert_eq!(d.meta.published.as_deref(), Some("2018-09-12"));
        let (s, e) = d.headline_span.unwrap();
        assert_eq!(&text[s..e], "Big news");
        assert!(text[d.body_start..].starts_with("\nBody"));
    }

    #[test]
    fn malformed_front_matter_keeps_the_text() {
        let d = read_text("---\ntitle: [unclosed\n---\nBody.\n".into());
        assert!(d.warning.unwrap().contains("not valid YAML"));
        assert_eq!(&d.text[d.body_start..], "Body.\n");
        let d = read_text("---\ntitle: x\nBody without end.\n".into());
        assert!(d.warning.unwrap().contains("no closing"));
        assert_eq!(d.body_start, 0);
    }

    #[test]
    fn json_arrays_and_wrapped_arrays() {
        let items = read_json(r#"{"articles":[{"title":"T","content":"Body.","source":{"name":"AP"},"publishedAt":"2020-01-02T03:04:05Z"},{"title":"no body"}]}"#).unwrap();
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.meta.source.as_deref(), Some("AP"));
        assert_eq!(first.text, "T\n\nBody.");
        assert!(items[1].as_ref().unwrap_err().contains("article 2 has no text"));
        assert!(read_json("{not json").unwrap_err().starts_with("not valid JSON"));
    }

    #[test]
    fn leading_url_line_is_metadata() {
        let d = read_text("http://www.example.com/story\nHeadline\nBody.\n".into());
        assert_eq!(d.meta.url.as_deref(), Some("http://www.example.com/story"));
        assert_eq!(site_of_url("http://www.example.com/story").as_deref(), Some("example.com"));
        assert!(d.text[d.body_start..].trim_start().starts_with("Headline"));
    }
}
