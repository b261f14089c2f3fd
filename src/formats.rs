//! Reading each supported file format into a [`Draft`]: the text passages will index into, where
//! the body starts, and the metadata the file itself carries.
//!
//! - `.txt`/`.md`: optional YAML front matter between `---` lines; the text is the file itself.
//! - `.json`: one article object or an array of them, with the keys common news APIs use.
//! - `.html`/`.htm`: the main text by readability extraction, metadata from meta tags and JSON-LD.

use std::borrow::Cow;

use serde_json::Value as Json;

/// Front matter larger than this is not parsed (a real one is a few hundred bytes).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Front matter nested deeper than this (`[[[...` or `{{{...`) is not parsed: YAML parsing time
/// grows with the square of the depth.
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;
/// HTML nested deeper than this is not extracted: the extraction recurses once per level (so
/// extreme depth overflows the stack) and its time grows with the square of the depth. Real
/// pages stay well under 100 levels.
pub const MAX_HTML_DEPTH: usize = 256;
/// A tag with more attributes than this is not extracted (parsing time grows with their square).
pub const MAX_HTML_ATTRIBUTES: usize = 1024;

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
    if let Err(limit) = check_front_matter(yaml) {
        draft.warning = Some(format!("front matter {limit}; read the text without it"));
        draft.body_start = body_start;
        draft.text = text;
        return draft;
    }
    let (json, warning) = match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
        Ok(value) => (Some(serde_json::to_value(&value).unwrap_or(Json::Null)), None),
        // Hand-written front matter is often almost YAML ("title: Runoff: voters queue"): its
        // `key: value` lines still say what they mean.
        Err(e) => match plain_front_matter(yaml) {
            Some(json) => (Some(json), Some(format!("front matter is not valid YAML ({e}); read its key: value lines as written"))),
            None => (None, Some(format!("front matter is not valid YAML ({e}); read the text without it"))),
        },
    };
    if let Some(json) = json {
        draft.meta = meta_from_json(&json);
        if let Some(title) = &draft.meta.title {
            draft.headline_span = yaml.find(title.as_str()).map(|i| (fm_start + i, fm_start + i + title.len()));
        }
    }
    draft.warning = warning;
    draft.body_start = body_start;
    draft.text = text;
    if draft.meta.url.is_none() {
        skip_leading_url(&mut draft);
    }
    draft
}

/// Front matter read line by line as `key: value`, everything after the first colon being the
/// value (quotes around it dropped); `None` unless some line reads so.
fn plain_front_matter(yaml: &str) -> Option<Json> {
    let mut fields = serde_json::Map::new();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        let value = ['"', '\''].iter().find_map(|&q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q))).unwrap_or(value);
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        // A block scalar's indicator ("|", ">-") is no value of its own.
        let block = value.starts_with(['|', '>']) && value.len() <= 3;
        if is_key && !value.is_empty() && !block {
            fields.entry(key.to_string()).or_insert_with(|| Json::String(value.to_string()));
        }
    }
    (!fields.is_empty()).then_some(Json::Object(fields))
}

/// Refuses front matter that would take unbounded time to parse, naming the limit it breaks.
fn check_front_matter(yaml: &str) -> Result<(), String> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(format!("is {} KB, over the {} KB limit", yaml.len() / 1024, MAX_FRONT_MATTER_BYTES / 1024));
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote = None;
    for c in yaml.chars() {
        match (quote, c) {
            // A quote ends at its closing mark, or at the end of the line (an apostrophe in a
            // plain value, "Biden's", opens no quote that hides the brackets after it).
            (Some(q), c) if c == q || c == '\n' => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_FRONT_MATTER_DEPTH {
        return Err(format!("is nested {deepest} levels deep, over the limit of {MAX_FRONT_MATTER_DEPTH}"));
    }
    Ok(())
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Json = serde_json::from_str(&replace_lone_surrogates(text)).map_err(|e| format!("not valid JSON: {e}"))?;
    let items: Vec<&Json> = match &value {
        Json::Array(items) => items.iter().collect(),
        Json::Object(map) => match ["articles", "results", "items", "data"].iter().find_map(|k| map.get(*k)?.as_array()) {
            Some(items) => items.iter().collect(),
            None => vec![&value],
        },
        _ => return Err("JSON holds neither an article object nor an array of articles".into()),
    };
    if items.is_empty() {
        return Err("no articles in this file (the list of articles is empty)".into());
    }
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

/// JSON text with each `\\uD800`-style escape that is half of no surrogate pair replaced by
/// `\\uFFFD`: scraped JSON often cuts an emoji in half, and one broken character must not
/// reject every article in the file. Borrowed when there is nothing to replace.
fn replace_lone_surrogates(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let surrogate_at = |i: usize| -> Option<u16> {
        let escape = bytes.get(i..i + 6)?;
        if escape[0] != b'\\' || escape[1] != b'u' {
            return None;
        }
        let unit = u16::from_str_radix(std::str::from_utf8(&escape[2..]).ok()?, 16).ok()?;
        (0xD800..=0xDFFF).contains(&unit).then_some(unit)
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match surrogate_at(i) {
            Some(0xD800..=0xDBFF) if surrogate_at(i + 6).is_some_and(|low| low >= 0xDC00) => i += 12,
            Some(_) => {
                let replaced = out.get_or_insert_with(|| String::with_capacity(json.len()));
                replaced.push_str(&json[copied..i]);
                replaced.push_str("\\uFFFD");
                i += 6;
                copied = i;
            }
            // Any other escape: skip the escaped character so `\\\\u` is not read as `\\u`.
            None => i += 2,
        }
    }
    match out {
        Some(mut replaced) => {
            replaced.push_str(&json[copied..]);
            Cow::Owned(replaced)
        }
        None => Cow::Borrowed(json),
    }
}

/// An HTML page: readability extraction of the main text, metadata from the page's tags.
pub fn read_html(html: &str) -> Result<Draft, String> {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    check_markup(html)?;
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

/// Elements that never have content, so never nest.
const VOID_ELEMENTS: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements whose end tag may be left out: the next one of the same kind closes them.
const OPTIONAL_END: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "option", "optgroup", "rp", "rt"];
/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Refuses markup that would overflow the stack or take unbounded time to extract, naming the
/// limit it breaks. One linear pass over the tags, before any parsing.
fn check_markup(html: &str) -> Result<(), String> {
    let bytes = html.as_bytes();
    let lower_starts = |at: usize, word: &str| bytes.get(at..at + word.len()).is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()));
    let find_from = |at: usize, needle: &str| html.get(at..).and_then(|rest| rest.find(needle)).map(|i| at + i);
    // Open elements, as a parser would keep them: an end tag closes up to its element, and an
    // element whose end tag may be left out is closed by the next one of its kind.
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_from(i, "<") {
        i = lt + 1;
        if lower_starts(i, "!--") {
            i = find_from(i + 3, "-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if matches!(bytes.get(i), Some(b'!' | b'?')) {
            i = find_from(i, ">").map_or(bytes.len(), |e| e + 1);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // a lone "<" in text
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The rest of the tag: attributes, quoted values may hold '>'.
        let (mut attributes, mut quote, mut in_word) = (0usize, None, false);
        let mut j = name_start + name_len;
        let mut self_closing = false;
        while j < bytes.len() {
            let b = bytes[j];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'>' => break,
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b.is_ascii_whitespace() => in_word = false,
                None if b == b'=' => in_word = true,
                None => {
                    if !in_word && b != b'/' {
                        attributes += 1;
                    }
                    in_word = true;
                }
            }
            self_closing = b == b'/' && quote.is_none();
            j += 1;
        }
        if attributes > MAX_HTML_ATTRIBUTES {
            return Err(format!("a <{name}> tag has {attributes} attributes, over the limit of {MAX_HTML_ATTRIBUTES}; the page was not read"));
        }
        i = j + 1;
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Skip to the element's end tag, matched without regard to case.
            let mut from = i;
            i = loop {
                match find_from(from, "</") {
                    Some(e) if lower_starts(e + 2, &name) => break e,
                    Some(e) => from = e + 2,
                    None => break bytes.len(),
                }
            };
            continue;
        }
        if self_closing || VOID_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        if OPTIONAL_END.contains(&name.as_str()) && open.last() == Some(&name) {
            open.pop();
        }
        open.push(name);
        if open.len() > MAX_HTML_DEPTH {
            return Err(format!("the page's markup is nested more than {MAX_HTML_DEPTH} levels deep; the page was not read"));
        }
    }
    Ok(())
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
    fn almost_yaml_front_matter_is_read_line_by_line() {
        let text = "---\ntitle: Bolivia runoff: voters queue in La Paz\nsource: 'Pacific Wire'\ndate: 2025-08-17\n---\nVoters in Bolivia cast ballots.\n".to_string();
        let d = read_text(text.clone());
        assert_eq!(d.meta.title.as_deref(), Some("Bolivia runoff: voters queue in La Paz"));
        assert_eq!(d.meta.source.as_deref(), Some("Pacific Wire"));
        assert_eq!(d.meta.published.as_deref(), Some("2025-08-17"));
        let (s, e) = d.headline_span.unwrap();
        assert_eq!(&text[s..e], "Bolivia runoff: voters queue in La Paz");
        assert!(d.warning.unwrap().contains("not valid YAML"), "the file is still reported");
        assert_eq!(&d.text[d.body_start..], "Voters in Bolivia cast ballots.\n");
        let block = read_text("---\ntitle: >\n  Runoff: voters queue\nsource: Wire: Andes\n---\nBody.\n".to_string());
        assert_eq!(block.meta.title, None, "a block scalar's indicator is not the title");
        assert_eq!(block.meta.source.as_deref(), Some("Wire: Andes"));
    }

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
    fn json_with_a_byte_order_mark_or_a_broken_surrogate_still_reads() {
        let items = read_json("\u{feff}[{\"text\":\"Body.\"}]").unwrap();
        assert_eq!(items[0].as_ref().unwrap().text, "Body.");
        let items = read_json(r#"[{"text":"Half \ud83d of an emoji, \ud83d\ude00 whole, \\ud800 literal, \udc00 low."}]"#).unwrap();
        assert_eq!(items[0].as_ref().unwrap().text, "Half \u{fffd} of an emoji, 😀 whole, \\ud800 literal, \u{fffd} low.");
    }

    #[test]
    fn empty_lists_are_named() {
        assert!(read_json("[]").unwrap_err().contains("no articles in this file"));
        assert!(read_json(r#"{"articles": []}"#).unwrap_err().contains("no articles in this file"));
    }

    #[test]
    fn front_matter_beyond_the_limits_is_skipped_quickly() {
        let deep = format!("---\ntitle: {}\n---\nBody text.\n", "[".repeat(100_000));
        let d = read_text(deep.clone());
        assert!(d.warning.as_deref().unwrap().contains("over the 64 KB limit"), "{:?}", d.warning);
        assert_eq!(&d.text[d.body_start..], "Body text.\n");
        let nested = format!("---\ntitle: {}x{}\n---\nBody text.\n", "[".repeat(40), "]".repeat(40));
        assert!(read_text(nested).warning.unwrap().contains("nested 40 levels deep"));
        let quoted = "---\ntitle: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n---\nBody.\n".to_string();
        assert_eq!(read_text(quoted).meta.title.as_deref(), Some("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["));
    }

    #[test]
    fn markup_beyond_the_limits_is_refused_before_parsing() {
        let article = "<p>The minister resigned on Monday after a long dispute. She said it was time to go.</p>";
        let page = |inner: &str| format!("<html><head><title>T</title></head><body><article>{inner}</article></body></html>");
        let deep = page(&format!("{}{article}{}", "<b>".repeat(150_000), "</b>".repeat(150_000)));
        assert!(read_html(&deep).unwrap_err().contains("nested more than 256 levels"));
        let tables = page(&"<table><tr><td>".repeat(10_000));
        assert!(read_html(&tables).unwrap_err().contains("nested more than"));
        let attrs: String = (0..100_000).map(|i| format!(" a{i}=1")).collect();
        assert!(read_html(&page(&format!("<p{attrs}>x</p>{article}"))).unwrap_err().contains("attributes"));
        // Ordinary pages: void elements, unclosed paragraphs, scripts with "<" and comments do not count.
        let ordinary = page(&format!("{}<br><img src=x><!-- <div><div> --><script>if (a<b) {{ x('<div>') }}</script>{article}{}", "<p>Para".repeat(500), "<div title='a > b'>".repeat(200) + &"</div>".repeat(200)));
        assert!(check_markup(&ordinary).is_ok());
        let nested_ok = page(&format!("{}{article}{}", "<div>".repeat(MAX_HTML_DEPTH - 10), "</div>".repeat(MAX_HTML_DEPTH - 10)));
        assert!(read_html(&nested_ok).is_ok(), "a page just under the limit is read");
        let with_bom = format!("\u{feff}{}", page(article));
        assert!(read_html(&with_bom).unwrap().text.contains("The minister resigned"), "a byte-order mark is not in the way");
    }

    #[test]
    fn leading_url_line_is_metadata() {
        let d = read_text("http://www.example.com/story\nHeadline\nBody.\n".into());
        assert_eq!(d.meta.url.as_deref(), Some("http://www.example.com/story"));
        assert_eq!(site_of_url("http://www.example.com/story").as_deref(), Some("example.com"));
        assert!(d.text[d.body_start..].trim_start().starts_with("Headline"));
    }
}
