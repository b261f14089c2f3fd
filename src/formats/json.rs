//! JSON files: one article object, an array of them, or an object wrapping an array.

use std::borrow::Cow;

use serde_json::Value as Json;

use super::{Draft, ReadError, draft_from_parts, meta_from_json};

/// A JSON file: one article object, an array of them, or an object wrapping an array
/// (`{"articles": [...]}` as news APIs return).
pub fn read_json(text: &str) -> Result<Vec<Result<Draft, ReadError>>, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Json = serde_json::from_str(&replace_lone_surrogates(text))?;
    let items: Vec<&Json> = match &value {
        Json::Array(items) => items.iter().collect(),
        Json::Object(map) => match ["articles", "results", "items", "data"].iter().find_map(|k| map.get(*k)?.as_array()) {
            Some(items) => items.iter().collect(),
            None => vec![&value],
        },
        _ => return Err(ReadError::NoArticleObject),
    };
    if items.is_empty() {
        return Err(ReadError::NoArticles);
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
                return Err(ReadError::NoText { number: i + 1 });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_arrays_and_wrapped_arrays() {
        let items = read_json(r#"{"articles":[{"title":"T","content":"Body.","source":{"name":"AP"},"publishedAt":"2020-01-02T03:04:05Z"},{"title":"no body"}]}"#).unwrap();
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.meta.outlet.as_deref(), Some("AP"));
        assert_eq!(first.text, "T\n\nBody.");
        assert!(items[1].as_ref().unwrap_err().to_string().contains("article 2 has no text"));
        assert!(read_json("{not json").unwrap_err().to_string().starts_with("not valid JSON"));
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
        assert!(read_json("[]").unwrap_err().to_string().contains("no articles in this file"));
        assert!(read_json(r#"{"articles": []}"#).unwrap_err().to_string().contains("no articles in this file"));
    }
}
