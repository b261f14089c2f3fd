//! JSON files: one article object, an array of them, an object wrapping an array, or JSON Lines
//! (one record per line: the corpora text-reuse tools read, and the clusters passim writes).

use std::borrow::Cow;

use serde_json::Value as Json;

use super::{Draft, ReadError, draft_of_record, meta_from_json};
use crate::imported::ReuseSpan;

/// One record of a JSON file: an article, or a passage passim found reused (one of its cluster
/// records, which echo their document's fields and add `cluster`, `begin` and `end`).
#[derive(Debug)]
pub enum Item {
    Article(Draft),
    Reuse(ReuseSpan),
}

/// A JSON file: one article object, an array of them, an object wrapping an array
/// (`{"articles": [...]}` as news APIs return), or JSON Lines (a record per line), where a line
/// that is not JSON is a problem of that record alone.
pub fn read_json(text: &str) -> Result<Vec<Result<Item, ReadError>>, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = replace_lone_surrogates(text);
    if let Some(lines) = json_lines(&text) {
        return Ok(lines);
    }
    let value: Json = serde_json::from_str(&text)?;
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
    Ok(items.into_iter().enumerate().map(|(i, item)| item_of(item, i + 1)).collect())
}

/// The records of a JSON Lines file, or `None` when `text` is not one: it is when its first
/// line is a whole JSON object and another line follows.
fn json_lines(text: &str) -> Option<Vec<Result<Item, ReadError>>> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next()?;
    lines.next()?;
    if !first.trim_start().starts_with('{') || !serde_json::from_str::<Json>(first).is_ok_and(|v| v.is_object()) {
        return None;
    }
    let records = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).enumerate();
    Some(
        records
            .map(|(number, (line, record))| match serde_json::from_str::<Json>(record) {
                Ok(value) => item_of(&value, number + 1),
                Err(error) => Err(ReadError::JsonLine { line: line + 1, error }),
            })
            .collect(),
    )
}

/// The article or reused passage one record holds; `number` counts records from 1.
fn item_of(item: &Json, number: usize) -> Result<Item, ReadError> {
    if ReuseSpan::is_cluster_record(item) {
        return Ok(Item::Reuse(ReuseSpan::from_record(item, number)?));
    }
    let meta = meta_from_json(item);
    let body = ["text", "body", "content", "article", "description"]
        .iter()
        .find_map(|k| item.get(*k)?.as_str().filter(|s| !s.trim().is_empty()));
    let Some(body) = body else {
        return Err(ReadError::NoText { number });
    };
    let id = item.get("id").and_then(|v| match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    });
    Ok(Item::Article(draft_of_record(meta, body, id)))
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

    fn article(item: &Result<Item, ReadError>) -> &Draft {
        match item {
            Ok(Item::Article(draft)) => draft,
            other => panic!("not an article: {other:?}"),
        }
    }

    #[test]
    fn json_arrays_and_wrapped_arrays() {
        let items = read_json(r#"{"articles":[{"title":"T","content":"Body.","source":{"name":"AP"},"publishedAt":"2020-01-02T03:04:05Z"},{"title":"no body"}]}"#).unwrap();
        let first = article(&items[0]);
        assert_eq!(first.meta.outlet.as_deref(), Some("AP"));
        assert_eq!(first.text, "T\n\nBody.");
        assert!(items[1].as_ref().unwrap_err().to_string().contains("article 2 has no text"));
        assert!(read_json("{not json").unwrap_err().to_string().starts_with("not valid JSON"));
    }

    #[test]
    fn json_with_a_byte_order_mark_or_a_broken_surrogate_still_reads() {
        let items = read_json("\u{feff}[{\"text\":\"Body.\"}]").unwrap();
        assert_eq!(article(&items[0]).text, "Body.");
        let items = read_json(r#"[{"text":"Half \ud83d of an emoji, \ud83d\ude00 whole, \\ud800 literal, \udc00 low."}]"#).unwrap();
        assert_eq!(article(&items[0]).text, "Half \u{fffd} of an emoji, 😀 whole, \\ud800 literal, \u{fffd} low.");
    }

    #[test]
    fn json_lines_are_one_record_per_line_and_a_broken_line_is_its_own_problem() {
        let lines = "{\"id\": \"d1\", \"series\": \"Courier\", \"text\": \"  First body.\"}\n\n{broken\r\n{\"id\": 7, \"title\": \"T\", \"text\": \"Second.\"}\n";
        let items = read_json(lines).unwrap();
        assert_eq!(items.len(), 3);
        let first = article(&items[0]);
        assert_eq!((first.text.as_str(), first.meta.outlet.as_deref()), ("First body.", Some("Courier")));
        assert_eq!(first.record, Some(crate::article::Record { id: "d1".into(), text_start: 0, trimmed: 2 }));
        assert!(items[1].as_ref().unwrap_err().to_string().starts_with("line 3: not valid JSON"), "{:?}", items[1]);
        let third = article(&items[2]);
        assert_eq!(third.text, "T\n\nSecond.");
        assert_eq!(third.record, Some(crate::article::Record { id: "7".into(), text_start: 3, trimmed: 0 }));
        // One object on one line is a JSON file like any other.
        assert_eq!(read_json("{\"text\": \"Only.\"}\n").unwrap().len(), 1);
    }

    #[test]
    fn passims_cluster_records_are_reuse_not_articles() {
        let record = r#"{"id": "d1", "text": "reused words", "cluster": 42, "size": 2, "begin": 3, "end": 15, "uid": -5}"#;
        let items = read_json(&format!("{record}\n{record}\n")).unwrap();
        match &items[0] {
            Ok(Item::Reuse(span)) => assert_eq!((span.cluster.as_str(), span.doc.as_str(), span.begin, span.end), ("42", "d1", 3, 15)),
            other => panic!("not reuse: {other:?}"),
        }
        let backwards = read_json(r#"[{"id": "d1", "cluster": 1, "begin": 9, "end": 2}]"#).unwrap();
        assert!(backwards[0].as_ref().unwrap_err().to_string().contains("no usable span"), "{:?}", backwards[0]);
    }

    #[test]
    fn empty_lists_are_named() {
        assert!(read_json("[]").unwrap_err().to_string().contains("no articles in this file"));
        assert!(read_json(r#"{"articles": []}"#).unwrap_err().to_string().contains("no articles in this file"));
    }
}
