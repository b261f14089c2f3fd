//! The keys that repeated text is found by, across a folder: an article's copy key (its outlet
//! and its visible words, however spaced), which finds a story saved twice, and each sentence's
//! key (its outlet and its letters and digits, lowercased), which finds an outlet's boilerplate.
//! Both are a file's own, so they are computed once when it is read and kept in the folder cache
//! with its articles: a reopened folder hashes no text again.

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
    // FNV-1a, as for sentences: the outlet, then the visible words of every passage, however
    // they are spaced (each word ended by a byte no UTF-8 text holds, each passage by another).
    let mut h = Fnv::new();
    match &a.outlet {
        Some(outlet) => h.bytes(outlet.as_bytes()),
        None => h.byte(0xFE),
    }
    for p in &a.passages {
        h.byte(0xFD);
        for word in crate::unicode::without_invisible(&a.text[p.range()]).split_whitespace() {
            h.bytes(word.as_bytes());
            h.byte(0xFF);
        }
    }
    h.0
}

/// The FNV-1a hash: a few cycles a byte, where the standard hasher took a tenth of reading a
/// folder; collisions only merge two keys by chance, once in billions.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    /// Adds one unit: a byte, or a character (the sentence keys hash characters).
    fn add(&mut self, unit: u64) {
        self.0 = (self.0 ^ unit).wrapping_mul(0x0100_0000_01b3);
    }

    fn byte(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn bytes(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.byte(b));
    }
}

fn sentence_key(a: &Article, p: &crate::article::Passage) -> Option<u64> {
    let source = a.outlet.as_deref().filter(|_| p.kind == PassageKind::Sentence)?;
    // FNV-1a over the outlet and the sentence's letters and digits, lowercased.
    let mut h = Fnv::new();
    let letters = a.text[p.start..p.end].chars().filter(|c| c.is_alphanumeric());
    for c in source.chars().chain(std::iter::once('\0')).chain(letters) {
        crate::unicode::lowercase(c, |c| h.add(c as u64));
    }
    Some(h.0)
}
