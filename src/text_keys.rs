//! The keys that repeated text is found by, across a folder: an article's copy key (its outlet
//! and its visible words, however spaced), which finds a story saved twice, and each sentence's
//! key (its outlet and its letters and digits, lowercased), which finds an outlet's boilerplate.
//! Both are a file's own, so they are computed once when it is read and kept in the folder cache
//! with its articles: a reopened folder hashes no text again.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::article::{Article, PassageKind};

/// The keys of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextKeys {
    /// Equal for two articles of one outlet with the same visible words.
    pub copy: u64,
    /// Per passage: for a sentence of an article with an outlet, its key; else none.
    pub sentences: Vec<Option<u64>>,
}

impl TextKeys {
    pub fn of(article: &Article) -> TextKeys {
        TextKeys { copy: copy_key(article), sentences: article.passages.iter().map(|p| sentence_key(article, p)).collect() }
    }
}

fn copy_key(a: &Article) -> u64 {
    let mut h = DefaultHasher::new();
    a.outlet.hash(&mut h);
    // The visible words of every passage, however they are spaced.
    for p in &a.passages {
        crate::unicode::without_invisible(&a.text[p.range()]).split_whitespace().for_each(|w| w.hash(&mut h));
        0u8.hash(&mut h);
    }
    h.finish()
}

fn sentence_key(a: &Article, p: &crate::article::Passage) -> Option<u64> {
    let source = a.outlet.as_deref().filter(|_| p.kind == PassageKind::Sentence)?;
    // FNV-1a over the outlet and the sentence's letters and digits, lowercased.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let letters = a.text[p.start..p.end].chars().filter(|c| c.is_alphanumeric());
    for c in source.chars().chain(std::iter::once('\0')).chain(letters) {
        crate::unicode::lowercase(c, |c| h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3));
    }
    Some(h)
}
