//! Why an event's passages were joined, in words a reader can check: the words and figures they
//! share, the wording copied word for word, how alike they are.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::pairs::Identity;
use super::model::{EventKind, PassageRef};
use crate::unicode::is_blank;
use crate::article::Article;

/// At most this many shared words are listed.
const MAX_WORDS: usize = 8;
/// Reused wording is quoted up to this many words...
const MAX_QUOTE_WORDS: usize = 14;
/// ...if at least this many: a shorter run is a phrase, not copied text.
const MIN_QUOTE_WORDS: usize = 4;

/// A word or figure of an event's passages: in how many of its articles, where first written.
struct Shared<'a> {
    articles: usize,
    last_article: usize,
    shown: &'a str,
    figure: bool,
}

/// The evidence for an event made of `passages` (in article order). Runs for every event of a
/// folder, so it reads the passages in place and keeps only what it shows.
pub fn evidence(kind: EventKind, passages: &[PassageRef], articles: &[Article], agreement: f32) -> Vec<String> {
    let cleaned: Vec<(usize, std::borrow::Cow<'_, str>)> = passages
        .iter()
        .map(|p| (p.article, crate::furniture::without_inline_widgets(&articles[p.article].text[articles[p.article].passages[p.passage].range()])))
        .collect();
    let texts: Vec<(usize, &str)> = cleaned.iter().map(|(a, t)| (*a, t.as_ref())).collect();
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
    let key_of = |text: &str| {
        let mut h = rustc_hash::FxHasher::default();
        text.hash(&mut h);
        h.finish()
    };
    // Room for the words at once (a word is about six bytes with its space): the map grown as
    // it filled showed in a profile of this step.
    let room = texts.iter().map(|(_, t)| t.len() / 6).sum();
    let mut seen: HashMap<u64, Shared, BuildHasherDefault<Identity>> = HashMap::with_capacity_and_hasher(room, BuildHasherDefault::default());
    let mut order: Vec<u64> = Vec::new();
    for &(article, text) in &texts {
        for raw in text.split(is_blank) {
            let word = raw.trim_matches(|c: char| !crate::unicode::is_letter_or_digit(c));
            let figure = word.chars().any(|c| c.is_ascii_digit());
            let key = if figure {
                if word.chars().filter(char::is_ascii_digit).count() < 2 {
                    continue;
                }
                key_of(&word.replace(',', ""))
            } else {
                match crate::terms::word_hash(word) {
                    Some(key) => key,
                    None => continue,
                }
            };
            let entry = seen.entry(key).or_insert_with(|| {
                order.push(key);
                Shared { articles: 0, last_article: usize::MAX, shown: word, figure }
            });
            if entry.last_article != article {
                entry.articles += 1;
                entry.last_article = article;
            }
        }
    }
    let needed = (article_count.div_ceil(2)).max(2);
    let shared = |figures: bool| -> Vec<String> {
        let words = order.iter().filter_map(|k| seen.get(k)).filter(|e| e.figure == figures && e.articles >= needed);
        words.map(|e| crate::unicode::without_invisible(e.shown).into_owned()).take(MAX_WORDS).collect()
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
fn copied_run<'a>(texts: &[(usize, &'a str)]) -> Option<String> {
    let first = texts.first()?;
    let second = texts.iter().find(|t| t.0 != first.0)?;
    let words = |t| str::split_whitespace(t).collect::<Vec<&str>>();
    let (a, b) = (words(first.1), words(second.1));
    // A word's key, lowercase; copied only if it has a letter to lower (most words have none
    // past the first, and every reuse event compares two passages' words).
    let key = |&w: &&'a str| {
        let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric());
        if trimmed.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) { std::borrow::Cow::Borrowed(trimmed) } else { std::borrow::Cow::Owned(trimmed.to_lowercase()) }
    };
    let (ka, kb): (Vec<_>, Vec<_>) = (a.iter().map(key).collect(), b.iter().map(key).collect());
    let ops = similar::capture_diff_slices(similar::Algorithm::Patience, &ka, &kb);
    let longest = ops
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { old_index, len, .. } => Some((*old_index, *len)),
            _ => None,
        })
        .max_by_key(|&(_, len)| len)
        .filter(|&(_, len)| len >= MIN_QUOTE_WORDS)?;
    let (start, len) = longest;
    let mut quote = a[start..start + len.min(MAX_QUOTE_WORDS)].join(" ");
    if len > MAX_QUOTE_WORDS {
        quote.push('…');
    }
    Some(quote)
}
