//! Word-level differences between two passages (Patience diff over words), optionally ignoring
//! case, punctuation and quote style. When two passages share too little wording for a word diff
//! to read well, the result says they were rewritten instead of shredding both into fragments.

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

/// What to ignore when deciding whether two words are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    pub ignore_case: bool,
    /// Also ignores quote style: “curly” and "straight" quotes, and apostrophes.
    pub ignore_punctuation: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { ignore_case: true, ignore_punctuation: true }
    }
}

/// Below this share of common words, passages are reported as rewritten.
pub const REWRITTEN_BELOW: f32 = 0.3;

/// Passages longer than this many words are not diffed word by word but shown as rewritten: a
/// sentence is tens of words, a lede of several pieces a few hundred, and past this a word diff
/// is unreadable anyway. It bounds the cost of a diff (the window runs them while drawing).
pub const MAX_DIFF_WORDS: usize = 2_000;

/// However the words fall, a diff stops after this long and its remainder counts as changed.
/// Within [`MAX_DIFF_WORDS`] it is never reached in practice (a 2,000-word diff takes
/// milliseconds): a last guard, not a rule that shapes results.
const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(200);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// In both passages.
    Same,
    /// Only in the base passage.
    Removed,
    /// Only in the other passage.
    Added,
}

/// A run of words (with the whitespace between them) that share one [`Change`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub change: Change,
    pub text: String,
    /// Whether the run contains a number, so differing figures can be called out.
    pub has_number: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordDiff {
    /// Base and other interleaved in reading order: removals before the additions replacing them.
    pub pieces: Vec<Piece>,
    /// Share of words in common, 0..1 (common words over the longer passage).
    pub similarity: f32,
    /// True when the passages share too little for a word diff to be useful; `pieces` then hold
    /// only the other passage, with the content words the base does not use marked as added.
    pub rewritten: bool,
}

/// Compares `base` with `other` word by word.
pub fn diff_words(base: &str, other: &str, options: DiffOptions) -> WordDiff {
    let a: Vec<&str> = base.split_whitespace().collect();
    let b: Vec<&str> = other.split_whitespace().collect();
    if a.len() > MAX_DIFF_WORDS || b.len() > MAX_DIFF_WORDS {
        return WordDiff { pieces: words_not_in(&a, &b), similarity: 0.0, rewritten: true };
    }
    let ka: Vec<String> = a.iter().map(|w| comparison_key(w, options)).collect();
    let kb: Vec<String> = b.iter().map(|w| comparison_key(w, options)).collect();
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &ka, &kb, std::time::Instant::now().checked_add(DIFF_DEADLINE));
    let mut pieces: Vec<Piece> = Vec::new();
    let mut common = 0usize;
    let mut push = |change: Change, words: &[&str]| words.iter().for_each(|w| push_word(&mut pieces, change, w));
    for op in &ops {
        let (tag, old, new) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                common += new.len();
                // Show the other passage's spelling of equal words.
                push(Change::Same, &b[new]);
            }
            DiffTag::Delete => push(Change::Removed, &a[old]),
            DiffTag::Insert => push(Change::Added, &b[new]),
            DiffTag::Replace => {
                push(Change::Removed, &a[old]);
                push(Change::Added, &b[new]);
            }
        }
    }
    let longer = a.len().max(b.len()).max(1);
    let similarity = common as f32 / longer as f32;
    if similarity < REWRITTEN_BELOW {
        return WordDiff { pieces: words_not_in(&a, &b), similarity, rewritten: true };
    }
    WordDiff { pieces, similarity, rewritten: false }
}

/// For rewritten passages: the other passage in its own order, its content words whose stem the
/// base never uses marked as added (function words stay plain). Nothing is struck through, so
/// the text still reads as written.
fn words_not_in(base_words: &[&str], words: &[&str]) -> Vec<Piece> {
    let stem = |w: &str| crate::terms::normalize_word(w.trim_matches(|c: char| !c.is_alphanumeric()));
    let base: std::collections::HashSet<String> = base_words.iter().filter_map(|w| stem(w)).collect();
    let mut pieces: Vec<Piece> = Vec::new();
    for word in words {
        let change = match stem(word) {
            Some(s) if !base.contains(&s) => Change::Added,
            _ => Change::Same,
        };
        push_word(&mut pieces, change, word);
    }
    pieces
}

/// Appends a word, joining it to the last piece when their change is the same.
fn push_word(pieces: &mut Vec<Piece>, change: Change, word: &str) {
    let has_number = word.chars().any(|c| c.is_ascii_digit());
    match pieces.last_mut() {
        Some(last) if last.change == change => {
            last.text.push(' ');
            last.text.push_str(word);
            last.has_number |= has_number;
        }
        _ => pieces.push(Piece { change, text: word.to_string(), has_number }),
    }
}

fn comparison_key(word: &str, options: DiffOptions) -> String {
    let mut key: String = if options.ignore_punctuation {
        word.chars().filter(|c| c.is_alphanumeric()).collect()
    } else {
        word.chars()
            .map(|c| match c {
                '“' | '”' | '„' => '"',
                '‘' | '’' => '\'',
                c => c,
            })
            .collect()
    };
    if key.is_empty() {
        key = word.to_string();
    }
    if options.ignore_case { key.to_lowercase() } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(d: &WordDiff, change: Change) -> Vec<&str> {
        d.pieces.iter().filter(|p| p.change == change).map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn marks_changed_words_and_numbers() {
        let d = diff_words("The UK pledged 5,000 missiles on Sunday.", "The UK pledged 6,000 missiles on Monday.", DiffOptions::default());
        assert_eq!(changed(&d, Change::Removed), ["5,000", "Sunday."]);
        assert_eq!(changed(&d, Change::Added), ["6,000", "Monday."]);
        assert!(d.pieces.iter().any(|p| p.change == Change::Added && p.has_number));
        assert!(!d.rewritten);
    }

    #[test]
    fn ignores_case_punctuation_and_quote_style() {
        let d = diff_words("He said “victory plan” today", "he said \"Victory plan\" today.", DiffOptions::default());
        assert_eq!(d.similarity, 1.0);
        let strict = diff_words("He said “victory plan”", "He said \"victory plan\"", DiffOptions { ignore_case: false, ignore_punctuation: false });
        assert_eq!(strict.similarity, 1.0, "quote style alone is never a difference");
        let strict = diff_words("He said", "he said", DiffOptions { ignore_case: false, ignore_punctuation: false });
        assert_eq!(changed(&strict, Change::Removed), ["He"]);
    }

    #[test]
    fn passages_past_the_word_bound_are_shown_as_rewritten_at_once() {
        // Two 40,000-word sentences, one word in 50 changed: unbounded, such a diff took about
        // a minute in an export, and ran on the window's thread. Bounded, it is the other
        // passage with its new words marked, whatever the two share.
        let words = |changed: &str| (0..40_000).map(|i| if i % 50 == 0 { format!("{changed}{i}") } else { format!("w{i}") }).collect::<Vec<_>>().join(" ");
        let (a, b) = (words("a"), words("b"));
        let d = diff_words(&a, &b, DiffOptions::default());
        assert!(d.rewritten, "a passage past the bound is shown as rewritten");
        assert_eq!(d.pieces.iter().map(|p| p.text.split(' ').count()).sum::<usize>(), 40_000, "every word of the other passage is shown once");
        assert!(d.pieces.iter().all(|p| p.change != Change::Removed));
        assert!(d.pieces.iter().any(|p| p.change == Change::Added && p.text.starts_with("b0")));
        let at_bound = "word ".repeat(MAX_DIFF_WORDS);
        assert!(!diff_words(&at_bound, &at_bound, DiffOptions::default()).rewritten, "up to the bound, passages are diffed");
    }

    #[test]
    fn little_in_common_reads_as_rewritten() {
        let d = diff_words(
            "Starmer is expected to announce the acceleration of an anti-aircraft missile programme.",
            "The UK has pledged £1.6bn in export finance to supply over 5,000 air defence missiles.",
            DiffOptions::default(),
        );
        assert!(d.rewritten);
        assert!(d.pieces.iter().all(|p| p.change != Change::Removed), "a rewritten passage is not shredded");
        let added: Vec<&str> = d.pieces.iter().filter(|p| p.change == Change::Added).map(|p| p.text.as_str()).collect();
        assert!(added.iter().any(|t| t.contains("5,000")), "{added:?}");
        assert!(!added.iter().any(|t| t.split(' ').any(|w| w == "the")), "words in both stay plain: {added:?}");
    }
}
