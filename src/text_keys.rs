//! The keys that repeated text is found by, across a folder: an article's copy key (its outlet
//! and its visible words, however spaced), which finds a story saved twice, and each sentence's
//! key (its outlet and its letters and digits, lowercased), which finds an outlet's boilerplate.
//! Both are a file's own, so they are computed once when it is read and kept in the folder cache
//! with its articles: a reopened folder hashes no text again.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

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
        // One buffer for the text each key hashes: hashing text whole is several times faster
        // than feeding the hasher word by word or letter by letter (a quarter of reading a file).
        let mut buffer = Vec::new();
        let copy = copy_key(article, &mut buffer);
        // Each sentence key's text starts with the outlet's, folded once for all.
        buffer.clear();
        if let Some(outlet) = &article.outlet {
            push_folded(outlet, &mut buffer);
            buffer.push(0);
        }
        let outlet_len = buffer.len();
        TextKeys { copy, sentences: article.passages.iter().map(|p| sentence_key(article, p, &mut buffer, outlet_len)).collect() }
    }
}

/// The outlet and the visible words of every passage, one space between words however they are
/// spaced, a NUL after each passage.
fn copy_key(a: &Article, visible: &mut Vec<u8>) -> u64 {
    let mut h = FxHasher::default();
    a.outlet.hash(&mut h);
    for p in &a.passages {
        let text = &a.text[p.range()];
        if is_its_own_words(text) {
            h.write(text.as_bytes());
        } else {
            visible.clear();
            let mut gap = false;
            for c in text.chars().filter(|&c| !crate::unicode::is_invisible(c)) {
                if c.is_whitespace() {
                    gap = true;
                    continue;
                }
                if std::mem::take(&mut gap) && !visible.is_empty() {
                    visible.push(b' ');
                }
                visible.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            h.write(visible);
        }
        h.write_u8(0);
    }
    h.finish()
}

/// Whether `text` is its visible words with one space between them: no space at either end or
/// after another, no other whitespace, no invisible mark. (`false` only costs the slower way.)
/// Checked on the bytes, decoding only the characters beyond ASCII: most passages have a few,
/// curly quotes, and decoding all of them was most of the time this took. Their lead bytes are
/// looked for a block at a time (see [`crate::unicode::find_in_blocks`]): byte by byte, the
/// search was half of this function's samples in a profile.
fn is_its_own_words(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') || b.iter().fold(false, |control, &x| control | (x < b' ')) || DOUBLE_SPACE.find(b).is_some() {
        return false;
    }
    let not_seen = |i: usize| {
        let c = text[i..].chars().next().expect("a character starts here");
        c.is_whitespace() || crate::unicode::is_invisible(c)
    };
    crate::unicode::find_in_blocks(b, 0, |x| x >= 0xC0, |i| b[i] >= 0xC0 && not_seen(i)).is_none()
}

/// Two spaces, looked for in every passage of a folder: a searcher made once, not one per passage.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> = std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));

/// The outlet and the sentence's letters and digits, lowercased. `letters` starts with the
/// outlet's, NUL-terminated, in its first `outlet_len` bytes.
fn sentence_key(a: &Article, p: &crate::article::Passage, letters: &mut Vec<u8>, outlet_len: usize) -> Option<u64> {
    a.outlet.as_ref().filter(|_| p.kind == PassageKind::Sentence)?;
    letters.truncate(outlet_len);
    push_folded(&a.text[p.range()], letters);
    let mut h = FxHasher::default();
    h.write(letters);
    Some(h.finish())
}

/// Appends the letters and digits of `text`, lowercased, to `out`. ASCII goes through a table
/// and is written whether kept or not (the next byte overwrites what is dropped): branching
/// on every byte cost twice as much. Room for the whole text lowercased is made first (see
/// [`MAX_LOWERCASE_GROWTH`]), so no byte written needs a check of the vector's capacity.
fn push_folded(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let start = out.len();
    out.resize(start + bytes.len() * MAX_LOWERCASE_GROWTH.0 / MAX_LOWERCASE_GROWTH.1 + 4, 0);
    let folded_out = &mut out[start..];
    let mut len = 0;
    let mut i = 0;
    while i < bytes.len() {
        let folded = FOLDED[bytes[i] as usize];
        if folded != NOT_ASCII {
            folded_out[len] = folded;
            len += usize::from(folded != 0);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        if crate::unicode::is_letter_or_digit(c) {
            for lower in c.to_lowercase() {
                len += lower.encode_utf8(&mut folded_out[len..]).len();
            }
        }
    }
    out.truncate(start + len);
}

/// A letter lowercased takes at most this many times its bytes in UTF-8 ("Ⱥ" is two bytes, "ⱥ"
/// three; see the test).
const MAX_LOWERCASE_GROWTH: (usize, usize) = (3, 2);

const NOT_ASCII: u8 = 0x80;

/// Per byte: an ASCII letter or digit lowercased, 0 for other ASCII, [`NOT_ASCII`] beyond.
static FOLDED: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            NOT_ASCII
        } else if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unicode::SCANNED_AT_ONCE;
    use crate::article::Passage;

    fn article(outlet: Option<&str>, sentences: &[&str]) -> Article {
        let text = sentences.join("\n");
        let mut passages = Vec::new();
        let mut start = 0;
        for (line, s) in sentences.iter().enumerate() {
            passages.push(Passage { start, end: start + s.len(), line: line + 1, paragraph: line + 1, kind: PassageKind::Sentence });
            start += s.len() + 1;
        }
        let mut article = crate::test_support::article("a.txt", "", jiff::civil::date(2024, 5, 1), &text);
        article.outlet = outlet.map(str::to_string);
        article.passages = passages;
        article
    }

    #[test]
    fn a_copy_key_sees_the_visible_words_of_each_passage() {
        let key = |outlet, sentences: &[&str]| TextKeys::of(&article(outlet, sentences)).copy;
        let base = key(Some("AP"), &["Rain fell in Kyiv.", "Roads closed."]);
        assert_eq!(base, key(Some("AP"), &["Rain\u{a0} fell\tin Ky\u{ad}iv.", " Roads\u{200b} closed. "]), "spacing and marks");
        assert_ne!(base, key(Some("Reuters"), &["Rain fell in Kyiv.", "Roads closed."]), "another outlet");
        assert_ne!(base, key(Some("AP"), &["Rain fell in", "Kyiv. Roads closed."]), "cut elsewhere");
        assert_ne!(base, key(Some("AP"), &["Rainfell in Kyiv.", "Roads closed."]), "words joined");
        let accented = key(None, &["Café «Ünï» in Kyiv.", "Roads closed."]);
        assert_eq!(accented, key(None, &["Café \u{2009}«Ünï»\u{200e} in\u{3000}Kyiv.", "Roads  closed."]), "beyond ASCII");
    }

    #[test]
    fn only_single_spaced_visible_text_is_its_own_words() {
        assert!(is_its_own_words("Café «Ünï» said “no” in Kyiv."));
        for spaced in ["a\u{a0}b", "a  b", " a", "a ", "a\tb", "a\nb", "Ky\u{ad}iv", "a\u{3000}b", "a\u{200b}b", "a\u{2009}b"] {
            assert!(!is_its_own_words(spaced), "{spaced:?}");
        }
        // Every place in the blocks the bytes are looked at in, and across their edges.
        for at in 0..3 * SCANNED_AT_ONCE {
            for (c, own) in [('\u{a0}', false), ('\u{200b}', false), ('\u{3000}', false), ('é', true), ('“', true)] {
                let text = format!("{}{c}{}", "x".repeat(at), "y".repeat(3 * SCANNED_AT_ONCE - at));
                assert_eq!(is_its_own_words(&text), own, "{c:?} at {at}");
            }
        }
    }

    #[test]
    fn no_letter_lowercased_outgrows_the_room_made_for_it() {
        for c in (char::MIN..=char::MAX).filter(|c| c.is_alphanumeric()) {
            let lower: usize = c.to_lowercase().map(char::len_utf8).sum();
            assert!(lower * MAX_LOWERCASE_GROWTH.1 <= c.len_utf8() * MAX_LOWERCASE_GROWTH.0, "{c:?}");
        }
    }

    #[test]
    fn a_sentence_key_sees_letters_and_digits_lowercased() {
        let keys = |outlet, sentence: &str| TextKeys::of(&article(outlet, &[sentence])).sentences;
        let base = keys(Some("AP"), "Follow AP's coverage at apnews.com.");
        assert!(base[0].is_some());
        assert_eq!(base, keys(Some("AP"), "FOLLOW — AP’s coverage at APNEWS.COM"));
        assert_eq!(keys(Some("AP"), "ÜBER Σ"), keys(Some("ap"), "über σ"), "lowercase beyond ASCII");
        assert_ne!(keys(Some("AP"), "İİ"), keys(Some("AP"), "II"), "a lowercase longer than its letter");
        assert_ne!(base, keys(Some("Reuters"), "Follow AP's coverage at apnews.com."));
        assert_eq!(keys(None, "Follow AP's coverage at apnews.com."), [None], "no outlet, no key");
    }
}
