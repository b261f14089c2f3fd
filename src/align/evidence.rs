//! Why an event's passages were joined, in words a reader can check: the words and figures they
//! share, the wording copied word for word, how alike they are.

use std::collections::HashMap;

use super::{EventKind, PassageRef};
use crate::article::Article;

/// At most this many shared words are listed.
const MAX_WORDS: usize = 8;
/// Reused wording is quoted up to this many words.
const MAX_QUOTE_WORDS: usize = 14;

/// The evidence for an event made of `passages` (in article order).
pub fn evidence(kind: EventKind, passages: &[PassageRef], articles: &[Article], agreement: f32) -> Vec<String> {
    let texts: Vec<(usize, String)> = passages.iter().map(|p| (p.article, articles[p.article].passage_text(&articles[p.article].passages[p.passage]))).collect();
    let mut out = Vec::new();
    if kind == EventKind::Reuse
        && let Some(quote) = copied_run(&texts)
    {
        out.push(format!("same wording: “{quote}”"));
    }
    let article_count = {
        let mut a: Vec<usize> = texts.iter().map(|t| t.0).collect();
        a.dedup();
        a.len()
    };
    // Each word or figure, counted once per article, shown as first written.
    let mut seen: HashMap<String, (usize, usize, String, bool)> = HashMap::new(); // key -> (articles, last article, shown, is figure)
    let mut order: Vec<String> = Vec::new();
    for (article, text) in &texts {
        for raw in text.split(|c: char| c.is_whitespace()) {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let figure = word.chars().any(|c| c.is_ascii_digit());
            let key = if figure {
                if word.chars().filter(char::is_ascii_digit).count() < 2 {
                    continue;
                }
                word.replace(',', "")
            } else {
                match crate::terms::normalize_word(word) {
                    Some(stem) => stem,
                    None => continue,
                }
            };
            let entry = seen.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (0, usize::MAX, word.to_string(), figure)
            });
            if entry.1 != *article {
                entry.0 += 1;
                entry.1 = *article;
            }
        }
    }
    let needed = (article_count.div_ceil(2)).max(2);
    let shared = |figures: bool| -> Vec<String> {
        order.iter().filter_map(|k| seen.get(k)).filter(|e| e.3 == figures && e.0 >= needed).map(|e| e.2.clone()).take(MAX_WORDS).collect()
    };
    let words = shared(false);
    if !words.is_empty() {
        out.push(format!("shared words: {}", words.join(", ")));
    }
    let figures = shared(true);
    if !figures.is_empty() {
        out.push(format!("shared figures: {}", figures.join(", ")));
    }
    out.push(format!("similarity {agreement:.2}"));
    out
}

/// The longest run of words two passages of different articles have in common, if it is long
/// enough to be copied text.
fn copied_run(texts: &[(usize, String)]) -> Option<String> {
    let first = texts.first()?;
    let second = texts.iter().find(|t| t.0 != first.0)?;
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let (a, b) = (words(&first.1), words(&second.1));
    let key = |w: &String| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let (ka, kb): (Vec<String>, Vec<String>) = (a.iter().map(key).collect(), b.iter().map(key).collect());
    let ops = similar::capture_diff_slices(similar::Algorithm::Patience, &ka, &kb);
    let longest = ops
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { old_index, len, .. } => Some((*old_index, *len)),
            _ => None,
        })
        .max_by_key(|&(_, len)| len)?;
    let (start, len) = longest;
    let mut quote = a[start..start + len.min(MAX_QUOTE_WORDS)].join(" ");
    if len > MAX_QUOTE_WORDS {
        quote.push('…');
    }
    Some(quote)
}
