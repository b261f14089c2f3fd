//! Reuse found by another tool: passim's cluster output, read beside the documents it was run
//! on. Each of its records names a document (`id`), a span of that document's text field in
//! characters (`begin`, `end`) and the cluster the span belongs to; here each span becomes the
//! passages of the article read from that document which it covers, and each cluster the
//! passages of all its spans. Spans are checked against the text they quote, so output of other
//! versions of the documents is reported, never shown on the wrong words.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::align::{ImportedCluster, Origin, PassageRef};
use crate::article::{Article, collapse_whitespace};
use crate::problem::{Problem, Severity};

/// One passage passim found reused: a span of document `doc`'s text field, in characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReuseSpan {
    pub cluster: String,
    pub doc: String,
    pub begin: usize,
    pub end: usize,
    /// The span's text, as passim writes it in the record's `text` field.
    pub text: Option<String>,
}

/// A cluster record that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SpanError {
    #[error("passim record {number} has no document id (its `id` field), so its passage cannot be placed")]
    NoId { number: usize },
    #[error("passim record {number} has no usable span: `begin` {begin} and `end` {end} must be offsets with begin < end")]
    BadSpan { number: usize, begin: String, end: String },
}

impl ReuseSpan {
    /// Whether a JSON record is one of passim's cluster records (rather than a document).
    pub fn is_cluster_record(record: &Json) -> bool {
        ["cluster", "begin", "end"].iter().all(|k| record.get(*k).is_some())
    }

    /// The span of cluster record `number` (counted from 1 in its file).
    pub fn from_record(record: &Json, number: usize) -> Result<ReuseSpan, SpanError> {
        let name = |v: &Json| match v {
            Json::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let doc = record.get("id").and_then(name).ok_or(SpanError::NoId { number })?;
        let offset = |k: &str| record.get(k).and_then(Json::as_u64).and_then(|n| usize::try_from(n).ok());
        let (begin, end) = match (offset("begin"), offset("end")) {
            (Some(b), Some(e)) if b < e => (b, e),
            _ => {
                let shown = |k: &str| record.get(k).map_or("missing".to_string(), ToString::to_string);
                return Err(SpanError::BadSpan { number, begin: shown("begin"), end: shown("end") });
            }
        };
        let cluster = record.get("cluster").and_then(name).ok_or(SpanError::BadSpan { number, begin: begin.to_string(), end: end.to_string() })?;
        let text = record.get("text").and_then(Json::as_str).map(str::to_string);
        Ok(ReuseSpan { cluster, doc, begin, end, text })
    }
}

/// The spans read from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSpans {
    /// The file, as problems name it.
    pub file: String,
    pub spans: Vec<ReuseSpan>,
}

/// A passage is in a span when at least this share of it is inside, or when the span, being
/// shorter, lies at least this much inside it: spans rarely end where sentences do.
const COVERED: usize = 2;

/// Passim's clusters as passages of `articles`, and what could not be placed, per file.
pub fn resolve(articles: &[Article], files: &[FileSpans]) -> (Vec<ImportedCluster>, Vec<Problem>) {
    let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        if let Some(record) = &article.record {
            by_doc.entry(record.id.as_str()).or_default().push(index);
        }
    }
    let mut clusters: BTreeMap<&str, Vec<PassageRef>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in files {
        let mut unknown: Vec<&ReuseSpan> = Vec::new();
        let mut mismatched: Vec<&ReuseSpan> = Vec::new();
        for span in &file.spans {
            let Some(found) = by_doc.get(span.doc.as_str()) else {
                unknown.push(span);
                continue;
            };
            let members = clusters.entry(span.cluster.as_str()).or_default();
            // The parts of one document (a page bundling stories) share its text and record.
            let Some((start, end)) = byte_range(&articles[found[0]], span) else {
                mismatched.push(span);
                continue;
            };
            for &a in found {
                let article = &articles[a];
                for (p, passage) in article.passages.iter().enumerate() {
                    let inside = end.min(passage.end).saturating_sub(start.max(passage.start));
                    if inside > 0 && (inside * COVERED >= passage.end - passage.start || inside * COVERED >= end - start) {
                        members.push(PassageRef { article: a, passage: p });
                    }
                }
            }
        }
        if let Some(first) = unknown.first() {
            problems.push(Problem {
                path: file.file.clone(),
                message: format!(
                    "{} of passim's passages name a document that is not in this folder (the first: {:?}); they were left out",
                    unknown.len(),
                    first.doc
                ),
                severity: Severity::Warning,
            });
        }
        if let Some(first) = mismatched.first() {
            problems.push(Problem {
                path: file.file.clone(),
                message: format!(
                    "{} of passim's passages do not quote their document at the offsets they give (the first: {:?}, characters {}..{}); \
                     was passim run on other versions of these documents? They were left out",
                    mismatched.len(),
                    first.doc,
                    first.begin,
                    first.end
                ),
                severity: Severity::Warning,
            });
        }
    }
    let imported = clusters
        .into_iter()
        .filter_map(|(id, mut passages)| {
            passages.sort_unstable();
            passages.dedup();
            (!passages.is_empty()).then(|| ImportedCluster { origin: Origin::Passim, id: id.to_string(), passages })
        })
        .collect();
    (imported, problems)
}

/// The bytes of `article`'s text a span covers: at its offsets when the span's own text agrees
/// with what is there (or gives none), else where that text is found in the document, else
/// `None`.
fn byte_range(article: &Article, span: &ReuseSpan) -> Option<(usize, usize)> {
    let record = article.record.as_ref()?;
    let start = record.byte_of(&article.text, span.begin);
    let end = record.byte_of(&article.text, span.end);
    let Some(quoted) = span.text.as_deref().map(collapse_whitespace).filter(|q| !q.is_empty()) else {
        return (start < end).then_some((start, end));
    };
    if collapse_whitespace(&article.text[start..end]) == quoted {
        return Some((start, end));
    }
    // Offsets counted another way (UTF-16 units, as passim's older Scala version counts) or
    // whitespace passim saw otherwise: the quoted text itself, nearest to the offsets given.
    let exact = span.text.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    article.text.match_indices(exact).map(|(at, _)| (at, at + exact.len())).min_by_key(|&(at, _)| at.abs_diff(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article read from a corpus record, laid out as the JSON reader lays it out (its test
    /// pins that layout): the title, a blank line, then the trimmed text field.
    fn record_article(id: &str, title: Option<&str>, field: &str) -> Article {
        let prefix = title.map(|t| format!("{t}\n\n")).unwrap_or_default();
        let text = format!("{prefix}{}", field.trim());
        let trimmed = field.len() - field.trim_start().len();
        let mut article = crate::test_support::article(id, id, jiff::civil::date(2020, 1, 1), &text);
        article.record = Some(crate::article::Record { id: id.into(), text_start: prefix.len(), trimmed: field[..trimmed].chars().count() });
        article
    }

    fn span(cluster: &str, doc: &str, field: &str, quoted: &str) -> ReuseSpan {
        let at = field.find(quoted).unwrap();
        let begin = field[..at].chars().count();
        ReuseSpan { cluster: cluster.into(), doc: doc.into(), begin, end: begin + quoted.chars().count(), text: Some(quoted.into()) }
    }

    #[test]
    fn character_offsets_into_the_text_field_find_the_same_words_after_a_title_and_trimming() {
        let field = "  Ünïcödé first. The mayor resigned on Monday after the audit. Then more.";
        let article = record_article("d1", Some("A title"), field);
        let quoted = "The mayor resigned on Monday after the audit.";
        let range = byte_range(&article, &span("c", "d1", field, quoted)).unwrap();
        assert_eq!(&article.text[range.0..range.1], quoted);
    }

    #[test]
    fn a_span_whose_offsets_miss_is_found_by_its_text_or_reported() {
        let field = "😀 The mayor resigned on Monday. Later news.";
        let article = record_article("d1", None, field);
        // Offsets in UTF-16 units put the span one character late.
        let mut shifted = span("c", "d1", field, "The mayor resigned on Monday.");
        shifted.begin += 1;
        shifted.end += 1;
        let range = byte_range(&article, &shifted).unwrap();
        assert_eq!(&article.text[range.0..range.1], "The mayor resigned on Monday.");
        let other = ReuseSpan { text: Some("Words this document does not have.".into()), ..shifted };
        assert_eq!(byte_range(&article, &other), None);
    }

    #[test]
    fn clusters_gather_the_passages_their_spans_cover_and_unknown_documents_are_reported() {
        let a = "First sentence here. The dam burst on Tuesday and flooded three villages. Last one.";
        let b = "Other start. The dam burst on Tuesday and flooded three villages. Other end.";
        let articles = vec![record_article("a", None, a), record_article("b", None, b)];
        let quoted = "The dam burst on Tuesday and flooded three villages.";
        let spans = vec![span("7", "a", a, quoted), span("7", "b", b, quoted), span("7", "gone", b, quoted)];
        let (clusters, problems) = resolve(&articles, &[FileSpans { file: "out.json/part-0.json".into(), spans }]);
        assert_eq!(clusters.len(), 1);
        let texts: Vec<String> = clusters[0].passages.iter().map(|p| articles[p.article].passage_text(&articles[p.article].passages[p.passage])).collect();
        assert_eq!(texts, [quoted, quoted]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("1 of passim's passages name a document that is not in this folder (the first: \"gone\")"), "{}", problems[0].message);
    }
}
