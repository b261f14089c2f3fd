//! Plain text and Markdown, with or without YAML front matter between `---` lines.

use serde_json::Value as Json;

use super::{Draft, meta_from_json};

/// Front matter larger than this is not parsed (a real one is a few hundred bytes).
pub const MAX_BYTES: usize = 64 * 1024;
/// Front matter nested deeper than this (`[[[...` or `{{{...`) is not parsed: YAML parsing time
/// grows with the square of the depth.
pub const MAX_DEPTH: usize = 32;

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
    let parsed = match simple_front_matter(yaml) {
        Some(json) => Ok(json),
        None => serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml).map(|value| serde_json::to_value(&value).unwrap_or(Json::Null)),
    };
    let (json, warning) = match parsed {
        Ok(json) => (Some(json), None),
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

/// Front matter made only of `key: "text"` and `key: YYYY-MM-DD` lines (what scrapers write),
/// read without the YAML parser, which was a tenth of reading a folder of such files. For
/// these lines YAML says the same (a test compares the two); `None` for anything else (a
/// quote or backslash inside the text, a comment, a tab, a key YAML reads as `true` or
/// `null`, a key given twice), which the YAML parser then reads.
fn simple_front_matter(yaml: &str) -> Option<Json> {
    let mut fields = serde_json::Map::new();
    for line in yaml.split('\n').filter(|line| !line.is_empty()) {
        let (key, value) = line.split_once(": ")?;
        if !is_simple_key(key) || fields.contains_key(key) {
            return None;
        }
        let value = value.trim_end_matches(' ');
        let text = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            Some(quoted) if quoted.chars().all(|c| is_yaml_printable(c) && !matches!(c, '"' | '\\')) => quoted,
            None if is_iso_date(value) => value,
            _ => return None,
        };
        fields.insert(key.to_string(), Json::String(text.to_string()));
    }
    (!fields.is_empty()).then_some(Json::Object(fields))
}

/// A key YAML reads as the string it is: a letter, then letters, digits and underscores, and
/// none of the words YAML reads as a boolean or null.
fn is_simple_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !["y", "n", "yes", "no", "true", "false", "on", "off", "null"].iter().any(|w| key.eq_ignore_ascii_case(w))
}

/// A character YAML takes as itself inside double quotes on one line: printable, not a tab,
/// not a line or paragraph separator, not a byte order mark.
fn is_yaml_printable(c: char) -> bool {
    matches!(c, ' '..='~') || (c >= '\u{a0}' && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
}

/// `YYYY-MM-DD`, which YAML reads as a string (a timestamp to YAML 1.1, which the parser leaves
/// as text).
fn is_iso_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
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

/// Front matter that is not parsed because parsing it would take unbounded time.
#[derive(Debug, thiserror::Error)]
enum FrontMatterLimit {
    #[error("is {kb} KB, over the {limit} KB limit", limit = MAX_BYTES / 1024)]
    TooLarge { kb: usize },
    #[error("is nested {depth} levels deep, over the limit of {MAX_DEPTH}")]
    TooDeep { depth: usize },
}

/// Refuses front matter that would take unbounded time to parse, naming the limit it breaks.
fn check_front_matter(yaml: &str) -> Result<(), FrontMatterLimit> {
    if yaml.len() > MAX_BYTES {
        return Err(FrontMatterLimit::TooLarge { kb: yaml.len() / 1024 });
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
    if deepest > MAX_DEPTH {
        return Err(FrontMatterLimit::TooDeep { depth: deepest });
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


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn almost_yaml_front_matter_is_read_line_by_line() {
        let text = "---\ntitle: Bolivia runoff: voters queue in La Paz\nsource: 'Pacific Wire'\ndate: 2025-08-17\n---\nVoters in Bolivia cast ballots.\n".to_string();
        let d = read_text(text.clone());
        assert_eq!(d.meta.title.as_deref(), Some("Bolivia runoff: voters queue in La Paz"));
        assert_eq!(d.meta.outlet.as_deref(), Some("Pacific Wire"));
        assert_eq!(d.meta.published.as_deref(), Some("2025-08-17"));
        let (s, e) = d.headline_span.unwrap();
        assert_eq!(&text[s..e], "Bolivia runoff: voters queue in La Paz");
        assert!(d.warning.unwrap().contains("not valid YAML"), "the file is still reported");
        assert_eq!(&d.text[d.body_start..], "Voters in Bolivia cast ballots.\n");
        let block = read_text("---\ntitle: >\n  Runoff: voters queue\nsource: Wire: Andes\n---\nBody.\n".to_string());
        assert_eq!(block.meta.title, None, "a block scalar's indicator is not the title");
        assert_eq!(block.meta.outlet.as_deref(), Some("Wire: Andes"));
    }

    #[test]
    fn front_matter_metadata_and_headline_offsets() {
        let text = "---\ntitle: \"Big news\"\nsource: {name: Reuters}\npublished: 2018-09-12\n---\n\nBody text here.\n".to_string();
        let d = read_text(text.clone());
        assert_eq!(d.meta.title.as_deref(), Some("Big news"));
        assert_eq!(d.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(d.meta.published.as_deref(), Some("2018-09-12"));
        let (s, e) = d.headline_span.unwrap();
        assert_eq!(&text[s..e], "Big news");
        assert!(text[d.body_start..].starts_with("\nBody"));
    }

    #[test]
    fn simple_front_matter_reads_as_yaml_does() {
        let yaml_says = |yaml: &str| serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml).ok().map(|v| serde_json::to_value(&v).unwrap_or(Json::Null));
        let scraped = "title: \"Why Collins’s vote — “quid pro quo” — #1: 50% & more\"\nsource: \"Vox\"\npublished: 2018-09-12\nurl: \"https://www.vox.com/a?b=1#c\"  \nauthor: \"  Emily Stewart, 李 \"\n";
        assert_eq!(simple_front_matter(scraped), yaml_says(scraped), "read without the parser, the same");
        assert!(simple_front_matter(scraped).is_some());
        // Lines the parser reads otherwise, or not at all: each left to it.
        for line in [
            "title: \"a \\\"quote\\\" inside\"",
            "title: \"tab\there\"",
            "title: \"line\u{2028}separator\"",
            "title: \"bom\u{feff}\"",
            "title: \"a\" # comment",
            "title: \"a\" \"b\"",
            "title: plain text",
            "published: 2018-9-12",
            "published: 20180912",
            "count: 12",
            "true: \"x\"",
            "Null: \"x\"",
            "y: \"x\"",
            "site-name: \"x\"",
            " title: \"indented\"",
            "title:  \"two spaces\"",
            "title: \"crlf\"\r",
            "title:\t\"tab\"",
            "# comment",
            "title: \"a\"\ntitle: \"twice\"",
            "tags: [\"a\", \"b\"]",
        ] {
            let yaml = format!("source: \"Vox\"\n{line}\n");
            assert_eq!(simple_front_matter(&yaml), None, "{line:?} is left to the YAML parser");
        }
        assert_eq!(simple_front_matter(""), None);
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
    fn leading_url_line_is_metadata() {
        let d = read_text("http://www.example.com/story\nHeadline\nBody.\n".into());
        assert_eq!(d.meta.url.as_deref(), Some("http://www.example.com/story"));
        assert_eq!(super::super::site_of_url("http://www.example.com/story").as_deref(), Some("example.com"));
        assert!(d.text[d.body_start..].trim_start().starts_with("Headline"));
    }
}
