//! Cutting plain article text into a headline, paragraphs and sentences with exact byte offsets,
//! telling site chrome ("Comments", "Previous Post Next Post") apart from article text, and
//! splitting pages that bundle several stories (an aggregator's "Related Articles" teasers).
//!
//! Chrome is recognised by shape, not by a word list: article text is made of sentences, while
//! chrome comes in runs of short lines without sentence punctuation, or trails the last sentence;
//! captions and credits are furniture (see [`crate::furniture`]).

use crate::article::{Passage, PassageKind};
use crate::unicode::{self, is_blank};

/// A story found on a page: the main article, or one bundled after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The headline passage, if the section has one.
    pub headline: Option<Passage>,
    /// Short lines right before a bundled story's headline (outlet, "5 hours ago"), as byte ranges.
    pub kicker: Vec<(usize, usize)>,
    /// Headline first (if any), then the body's sentences in order.
    pub passages: Vec<Passage>,
}

/// Lines of at most this many words without sentence punctuation count as short.
const SHORT_LINE_WORDS: usize = 8;
/// In scripts written without spaces (see [`unicode::is_unspaced_script`]), this many
/// characters count as one word when a line's length is judged: a Chinese or Japanese word is
/// one to two characters, a Thai word four or five; two keeps a long line of any of them text.
const UNSPACED_CHARS_PER_WORD: usize = 2;
/// A run of this many short lines is chrome (menus, share bars, comment prompts).
const CHROME_RUN: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// No letters at all: timestamps ("15:21"), separators, bullets.
    NoWords,
    /// Few words, no sentence-ending punctuation.
    Short,
    Text,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    kind: LineKind,
    chrome: bool,
}

/// Segments `text[body_start..]`. When `first_line_is_headline` is set, the first line with
/// words is the headline of the main section.
pub fn segment(text: &str, body_start: usize, first_line_is_headline: bool) -> Vec<Section> {
    let mut lines_before = LineCounter::new(text);
    let mut lines = classify_lines(text, body_start);
    mark_chrome(text, &mut lines);

    let mut sections = vec![Section { headline: None, kicker: Vec::new(), passages: Vec::new() }];
    let mut want_headline = first_line_is_headline;
    let mut seen_text = false;
    // Paragraphs of the current section so far (the headline is paragraph 0).
    let mut paragraphs = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.kind == LineKind::Blank || line.kind == LineKind::NoWords || line.chrome {
            i += 1;
            continue;
        }
        // A first line that is a paragraph of several sentences is body text, not a headline.
        if want_headline && split_sentences(text, line.start, line.end).len() > 1 {
            want_headline = false;
        }
        if want_headline {
            let p = make_passage(text, &mut lines_before, line.start, line.end, 0, PassageKind::Headline);
            let section = sections.last_mut().expect("one section");
            section.headline = Some(p.clone());
            section.passages.push(p);
            want_headline = false;
            seen_text = true;
            i += 1;
            continue;
        }
        if seen_text && let Some(kicker) = bundled_story_kicker(text, &lines, i) {
            let p = make_passage(text, &mut lines_before, line.start, line.end, 0, PassageKind::Headline);
            sections.push(Section { headline: Some(p.clone()), kicker, passages: vec![p] });
            paragraphs = 0;
            i += 1;
            continue;
        }
        // A paragraph: this line and the following lines that continue its sentences.
        let para_start = line.start;
        let mut para_end = line.end;
        let mut j = i + 1;
        while j < lines.len() && lines[j].kind != LineKind::Blank && !lines[j].chrome
            && lines[j].kind != LineKind::NoWords
            && continues_sentence(&text[para_start..para_end], &text[lines[j].start..lines[j].end])
        {
            para_end = lines[j].end;
            j += 1;
        }
        let section = sections.last_mut().expect("one section");
        paragraphs += 1;
        for (s, e) in split_sentences(text, para_start, para_end) {
            section.passages.push(make_passage(text, &mut lines_before, s, e, paragraphs, PassageKind::Sentence));
        }
        seen_text = true;
        i = j;
    }
    sections
}

/// 1-based line number of byte offset `pos`: one more than the line breaks before it.
pub fn line_of(text: &str, pos: usize) -> usize {
    1 + newlines(&text.as_bytes()[..pos])
}

fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Line numbers of offsets asked for in increasing order (as passages are made), counting
/// the line breaks of the text once in all, not once per passage.
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter { text, pos: 0, line: 1 }
    }

    /// The line of byte offset `pos` (see [`line_of`]).
    fn line_of(&mut self, pos: usize) -> usize {
        if pos < self.pos {
            return line_of(self.text, pos);
        }
        self.line += newlines(&self.text.as_bytes()[self.pos..pos]);
        self.pos = pos;
        self.line
    }
}

fn make_passage(text: &str, lines_before: &mut LineCounter, start: usize, end: usize, paragraph: usize, kind: PassageKind) -> Passage {
    debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    Passage { start, end, line: lines_before.line_of(start), paragraph, kind }
}

fn classify_lines(text: &str, body_start: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pos = body_start;
    for raw in text[body_start..].split_inclusive('\n') {
        let line_start = pos;
        pos += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start_matches(is_blank).len();
        let trimmed = unicode::trim(content);
        let start = line_start + lead;
        let end = start + trimmed.len();
        let kind = if trimmed.is_empty() {
            LineKind::Blank
        } else if !trimmed.chars().any(char::is_alphabetic) {
            LineKind::NoWords
        } else if !ends_sentence(trimmed) && !has_more_words(trimmed, SHORT_LINE_WORDS) {
            LineKind::Short
        } else {
            LineKind::Text
        };
        lines.push(Line { start, end, kind, chrome: false });
    }
    lines
}

/// Whether a line has more than `most` words, for telling short lines from text: words between
/// spaces, and in scripts without spaces, one per [`UNSPACED_CHARS_PER_WORD`] characters.
fn has_more_words(line: &str, most: usize) -> bool {
    let spaced = line.split_whitespace().take(most + 1).count();
    if spaced > most {
        return true;
    }
    // Every character of those scripts starts with one of these bytes in UTF-8 (and few others
    // do: not the quotes and dashes of English news), so most lines need no decoding.
    let maybe_unspaced = line.bytes().any(|b| matches!(b, 0xE0 | 0xE1 | 0xE3..=0xE9 | 0xEF | 0xF0));
    let unspaced = if maybe_unspaced { line.chars().filter(|&c| unicode::is_unspaced_script(c)).count() } else { 0 };
    spaced + unspaced / UNSPACED_CHARS_PER_WORD > most
}

/// Whether a line ends like a sentence: `.`, `!` or `?` (or the ideographic `。！？`), possibly
/// inside closing quotes. An ellipsis ("No comments yet...") trails off rather than ending one.
fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(|c: char| CLOSERS.contains(&c));
    if core.ends_with("...") || core.ends_with('…') {
        return false;
    }
    core.ends_with(['.', '!', '?']) || core.ends_with(IDEOGRAPHIC_ENDS)
}

/// Per byte, whether it can start a character that ends a sentence: the first byte in UTF-8 of
/// `.`, `!`, `?`, `…` and each of [`IDEOGRAPHIC_ENDS`].
static MAY_END_SENTENCE: [bool; 256] = {
    let mut table = [false; 256];
    let ends = ['.', '!', '?', '…'];
    let mut k = 0;
    while k < ends.len() + IDEOGRAPHIC_ENDS.len() {
        let end = if k < ends.len() { ends[k] } else { IDEOGRAPHIC_ENDS[k - ends.len()] };
        table[end.encode_utf8(&mut [0; 4]).as_bytes()[0] as usize] = true;
        k += 1;
    }
    table
};

/// The first byte of `bytes` from `from` on that may start a terminator (see
/// [`MAY_END_SENTENCE`]), looked for only in blocks that hold a byte of
/// [`may_end_sentence_roughly`] (see [`unicode::find_in_blocks`]): a sentence is a hundred
/// bytes or more, and looking up each of them in the table was most of the time splitting took.
fn next_may_end_sentence(bytes: &[u8], from: usize) -> Option<usize> {
    unicode::find_in_blocks(bytes, from, may_end_sentence_roughly, |i| MAY_END_SENTENCE[bytes[i] as usize])
}

/// Every byte of [`MAY_END_SENTENCE`] and some more (all that start a three- or four-byte
/// character from U+2000 on), told by comparisons that run on many bytes at once.
fn may_end_sentence_roughly(b: u8) -> bool {
    (b == b'.') | (b == b'!') | (b == b'?') | (b >= 0xE2)
}

/// Marks that end a sentence in Chinese and Japanese: the ideographic full stop, the full-width
/// `！？．` and the half-width `｡`. No space follows them, and the next sentence needs none.
const IDEOGRAPHIC_ENDS: [char; 5] = ['。', '！', '？', '．', '｡'];

const CLOSERS: [char; 14] = ['"', '\'', '”', '’', ')', ']', '»', '」', '』', '）', '】', '》', '〉', '〕'];
const OPENERS: [char; 13] = ['"', '\'', '“', '‘', '(', '[', '«', '「', '『', '（', '【', '《', '〈'];

/// Marks chrome: runs of short lines, and short lines after the last line of text.
fn mark_chrome(text: &str, lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind != LineKind::Short {
            i += 1;
            continue;
        }
        // A run: short lines, with blank and wordless lines allowed in between.
        let mut j = i;
        let mut shorts = Vec::new();
        while j < lines.len() && matches!(lines[j].kind, LineKind::Short | LineKind::Blank | LineKind::NoWords) {
            if lines[j].kind == LineKind::Short {
                shorts.push(j);
            }
            j += 1;
        }
        let trailing = j == lines.len();
        if shorts.len() >= CHROME_RUN || trailing {
            for &k in &shorts {
                lines[k].chrome = true;
            }
            // A bundled story's short headline ends its kicker run: outlet, date, headline, body.
            // (When the line after the run is itself headline-like, that line is the headline.)
            let next_is_body = lines.get(j).is_some_and(|l| l.kind == LineKind::Text && ends_sentence(&text[l.start..l.end]));
            let is_date = |k: usize| crate::dates::is_date_line(&text[lines[k].start..lines[k].end]);
            if let Some(&last) = shorts.last()
                && next_is_body
                && !is_date(last)
                && shorts.iter().rev().skip(1).take(3).any(|&k| is_date(k))
            {
                lines[last].chrome = false;
            }
        }
        i = j;
    }
    // A publication stamp says when, not what, and a caption or credit is furniture: neither
    // is headline nor article text.
    let mut first = None;
    for (k, line) in lines.iter_mut().enumerate().filter(|(_, l)| matches!(l.kind, LineKind::Short | LineKind::Text)) {
        let words = &text[line.start..line.end];
        if crate::dates::is_timestamp_line(words) || crate::furniture::is_furniture(words) {
            line.chrome = true;
        } else if first.is_none() {
            first = Some(k);
        }
    }
    // The first line with words is kept even if short: it is usually the headline.
    if let Some(k) = first {
        lines[k].chrome = false;
    }
}

/// If line `i` is the headline of a story bundled into the page, returns its kicker lines.
/// A bundled story is announced by a chrome run whose last lines carry a date ("5 hours ago",
/// "March 3, 2025") and is followed by a headline (no sentence punctuation) and body text.
fn bundled_story_kicker(text: &str, lines: &[Line], i: usize) -> Option<Vec<(usize, usize)>> {
    let line = lines[i];
    if ends_sentence(&text[line.start..line.end]) {
        return None;
    }
    // The kicker: the chrome lines right before the headline, up to a blank-line gap of two.
    let mut kicker = Vec::new();
    let mut blanks = 0;
    for l in lines[..i].iter().rev() {
        match l.kind {
            LineKind::Blank => {
                blanks += 1;
                if blanks >= 2 && !kicker.is_empty() {
                    break;
                }
            }
            _ if l.chrome => {
                blanks = 0;
                kicker.push((l.start, l.end));
            }
            LineKind::NoWords => {}
            _ => break,
        }
    }
    kicker.reverse();
    // A teaser names its source and its time ("France 24", "5 hours ago"); a date alone before
    // a line of text is part of the article (a dated quotation, a timeline entry).
    let has_date = kicker.iter().any(|&(s, e)| crate::dates::is_date_line(&text[s..e]));
    let has_source = kicker.iter().any(|&(s, e)| !crate::dates::is_date_line(&text[s..e]));
    let body_follows = lines[i + 1..]
        .iter()
        .find(|l| l.kind != LineKind::Blank)
        .is_some_and(|l| l.kind == LineKind::Text && !l.chrome);
    (has_date && has_source && body_follows).then_some(kicker)
}

/// Words that end in a period without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr",
    "sen", "rep", "gov", "pres", "rev", "hon", "st", "mt", "ft", "jr", "sr", "no", "nos", "vs", "v",
    "inc", "corp", "co", "ltd", "llc", "dept", "univ", "assn", "bros", "est", "approx", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "e.g", "i.e", "etc", "al", "cf",
];

/// Whether `word`, lowercased, is one of `words` (which are lowercase ASCII). Asked at every
/// period: lowercasing into a new string each time was a tenth of segmenting.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    if word.is_ascii() {
        words.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        let lower = word.to_lowercase();
        words.contains(&lower.as_str())
    }
}

/// Words that typically open a sentence; after an initialism ("U.S.") they signal a break.
const SENTENCE_OPENERS: &[&str] = &[
    "the", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "this", "that", "a", "an",
    "his", "her", "their", "its", "there", "on", "at", "as", "for", "if", "when", "while", "after",
    "so", "yet", "however", "meanwhile", "still", "also", "these", "those", "some", "many",
];

/// Whether the next line continues the current paragraph's sentence (a hard line break).
fn continues_sentence(paragraph: &str, next_line: &str) -> bool {
    let prev = paragraph.trim_end_matches(is_blank);
    let Some(first) = next_line.chars().next() else { return false };
    if first.is_lowercase() {
        return true;
    }
    let last_word = prev.rsplit(is_blank).next().unwrap_or("");
    if last_word.ends_with('.') {
        // "on Oct.⏎10." or "U.S.⏎President": a break after an abbreviation is inside a sentence.
        return !period_ends_sentence(last_word, next_line);
    }
    if ends_sentence(prev) {
        return false;
    }
    // A line that stops mid-phrase ("…met with⏎President Biden") continues.
    prev.ends_with([',', ';', '-', '–', '—', '(']) || first.is_ascii_digit() && !prev.ends_with(':')
        || FUNCTION_WORDS.contains(&last_word.to_lowercase().as_str())
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "and", "or", "but", "by", "from",
    "as", "that", "which", "who", "his", "her", "their", "its", "is", "was", "were", "are", "be",
];

/// Whether the period ending `word` ends a sentence, given the text that follows it.
fn period_ends_sentence(word: &str, rest: &str) -> bool {
    let bare = word.trim_start_matches(|c: char| OPENERS.contains(&c)).trim_end_matches('.');
    if is_one_of(bare, ABBREVIATIONS) {
        return false;
    }
    // A single initial: "J. K. Rowling".
    if bare.chars().count() == 1 && bare.chars().all(char::is_uppercase) {
        return false;
    }
    // Initialisms such as "U.S." or "U.K." end a sentence only before a typical sentence opener.
    if bare.contains('.') && bare.chars().all(|c| c == '.' || c.is_alphabetic()) {
        let next_word = rest.trim_start();
        let next_word = &next_word[..next_word.find(|c: char| !c.is_alphanumeric()).unwrap_or(next_word.len())];
        return is_one_of(next_word, SENTENCE_OPENERS);
    }
    true
}

/// Splits `text[start..end]` into sentence spans (trimmed, exact byte offsets).
pub fn split_sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let para = &text[start..end];
    // A hover card's headlines are not sentences of the paragraph: nothing inside one ends a
    // sentence, so the card stays inside the sentence it interrupts and is taken out whole.
    let cards = crate::furniture::inline_widget_spans(para);
    let mut out = Vec::new();
    let mut sent_start = 0;
    let bytes = para.as_bytes();
    let mut scan = 0;
    // Only bytes that can start a terminator are looked at (see [`MAY_END_SENTENCE`]), not
    // every character decoded.
    while let Some(i) = next_may_end_sentence(bytes, scan) {
        let c = para[i..].chars().next().expect("a character starts here");
        scan = i + c.len_utf8();
        let ideographic = IDEOGRAPHIC_ENDS.contains(&c);
        if !matches!(c, '.' | '!' | '?' | '…') && !ideographic {
            continue;
        }
        if cards.iter().any(|card| card.contains(&i)) {
            continue;
        }
        // Swallow further terminators and closing quotes: `?!`, `."`, `.”)`, `。」`.
        for d in para[scan..].chars() {
            if !(matches!(d, '.' | '!' | '?' | '…') || IDEOGRAPHIC_ENDS.contains(&d) || CLOSERS.contains(&d)) {
                break;
            }
            scan += d.len_utf8();
        }
        let j = scan;
        let rest = &para[j..];
        // `。` ends a sentence wherever it stands; what follows needs no space or capital.
        if ideographic {
            if !unicode::trim(rest).is_empty() && para[sent_start..j].chars().any(char::is_alphabetic) {
                push_trimmed(&mut out, para, sent_start, j, start);
                sent_start = j;
            }
            continue;
        }
        if !rest.starts_with(is_blank) {
            continue;
        }
        let next = rest.trim_start_matches(is_blank);
        let Some(first) = next.chars().next() else { continue };
        if !(first.is_uppercase() || first.is_ascii_digit() || OPENERS.contains(&first)) {
            continue;
        }
        if c == '.' && !para[i..j].contains("..") {
            let word_start = unicode::last_word_start(&para[..i]);
            if !period_ends_sentence(&para[word_start..=i], next) {
                continue;
            }
        }
        // A "sentence" without letters ("1." of a numbered list) stays with what follows.
        if !para[sent_start..j].chars().any(char::is_alphabetic) {
            continue;
        }
        push_trimmed(&mut out, para, sent_start, j, start);
        sent_start = j;
    }
    push_trimmed(&mut out, para, sent_start, para.len(), start);
    out
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, para: &str, s: usize, e: usize, offset: usize) {
    let piece = &para[s..e];
    let lead = piece.len() - piece.trim_start_matches(is_blank).len();
    let trimmed = unicode::trim(piece);
    if trimmed.chars().any(char::is_alphabetic) {
        out.push((offset + s + lead, offset + s + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, 0, text.len()).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn terminators_are_found_wherever_they_stand_in_the_blocks_scanned() {
        assert!((0..=255u8).all(|b| !MAY_END_SENTENCE[b as usize] || may_end_sentence_roughly(b)), "the rough test keeps every byte");
        for at in 0..3 * unicode::SCANNED_AT_ONCE {
            for end in [".", "!", "?", "…", "。", "！"] {
                let text = format!("Rain fell{}{end} Then it {}", "x".repeat(at), "y".repeat(2 * unicode::SCANNED_AT_ONCE));
                assert_eq!(sentences(&text).len(), 2, "{end} after {at} bytes");
            }
        }
    }

    #[test]
    fn abbreviations_and_initialisms_do_not_split() {
        let t = "He met U.S. President Joe Biden on Oct. 10. Mr. Smith said so. It was in the U.S. He left.";
        assert_eq!(
            sentences(t),
            ["He met U.S. President Joe Biden on Oct. 10.", "Mr. Smith said so.", "It was in the U.S.", "He left."]
        );
    }

    #[test]
    fn quotes_and_numbered_items_stay_whole() {
        let t = "\"We stand at a pivotal moment,\" he said. “Action is needed.” 1. Continue aid.";
        assert_eq!(sentences(t), ["\"We stand at a pivotal moment,\" he said.", "“Action is needed.”", "1. Continue aid."]);
    }

    #[test]
    fn hard_line_break_after_abbreviation_joins_lines() {
        let t = "Headline here\nZelensky met Starmer on Oct.\n10. Zelensky already presented it to U.S.\nPresident Joe Biden.\n";
        let sections = segment(t, 0, true);
        let texts: Vec<&str> = sections[0].passages.iter().map(|p| &t[p.start..p.end]).collect();
        assert_eq!(
            texts,
            ["Headline here", "Zelensky met Starmer on Oct.\n10.", "Zelensky already presented it to U.S.\nPresident Joe Biden."]
        );
        assert_eq!(sections[0].passages[2].line, 3);
    }

    #[test]
    fn publication_stamps_are_neither_headline_nor_text() {
        let t = "May 2, 2013, 1:12 PM\nLawyer: Lohan checks into rehab facility\nUpdated 4:08 p. m. ET\nHer attorney said Thursday the actress checked in.\n";
        let s = segment(t, 0, true);
        let headline = s[0].headline.as_ref().expect("a headline");
        assert_eq!(&t[headline.start..headline.end], "Lawyer: Lohan checks into rehab facility");
        let texts: Vec<&str> = s[0].passages.iter().map(|p| &t[p.start..p.end]).collect();
        assert_eq!(texts, ["Lawyer: Lohan checks into rehab facility", "Her attorney said Thursday the actress checked in."]);
    }

    #[test]
    fn chrome_runs_and_trailing_lines_are_dropped() {
        let t = "Title of story\nA real sentence about the summit happened today.\nHigh stakes\nAnother real sentence follows here.\n\nShare\nComments\nNo comments yet...\nRelated Articles\n\nMore text that is a sentence of the article.\nPrevious Post Next Post\n";
        let s = segment(t, 0, true);
        assert_eq!(s.len(), 1);
        let texts: Vec<&str> = s[0].passages.iter().map(|p| &t[p.start..p.end]).collect();
        assert!(texts.contains(&"High stakes"), "an isolated subhead is text: {texts:?}");
        for chrome in ["Share", "Comments", "No comments yet...", "Related Articles", "Previous Post Next Post"] {
            assert!(!texts.contains(&chrome), "{chrome} is chrome");
        }
    }

    #[test]
    fn unicode_spaces_and_invisible_marks_split_like_spaces() {
        for space in ["\u{a0}", "\u{2009}", "\u{2028}", "\u{3000}", "\u{1680}", "\u{202f}"] {
            let t = format!("We met at{space}noon. Then we left.{space}\u{200b}Later, Mr.{space}Smith spoke.");
            assert_eq!(sentences(&t), [format!("We met at{space}noon."), "Then we left.".into(), format!("Later, Mr.{space}Smith spoke.")], "{space:?}");
        }
        let t = "\u{feff}\u{200e}Headline with marks\u{200f}\n\u{2060}\u{a0}\nBody sentence\u{a0}one. Body two.\u{200b}\n";
        let s = segment(t, 0, true);
        let texts: Vec<&str> = s[0].passages.iter().map(|p| &t[p.start..p.end]).collect();
        assert_eq!(texts, ["Headline with marks", "Body sentence\u{a0}one.", "Body two."]);
    }

    #[test]
    fn japanese_and_chinese_keep_every_sentence() {
        // Lines without spaces that do not end in `.`: once short lines, dropped as trailing
        // chrome, so such an article kept its headline alone.
        let japanese = "東京で大雨、交通に乱れ\n気象庁によると、東京都心では午前中に一時間に五十ミリの激しい雨が降った。鉄道各社は一部の路線で運転を見合わせている。\n\n政府は関係省庁の会議を開き、被害の把握を急いでいる\n「早めの避難を」と気象庁は呼びかけた。\n";
        let texts = |t: &'static str| -> Vec<&'static str> { segment(t, 0, true)[0].passages.iter().map(|p| &t[p.start..p.end]).collect() };
        assert_eq!(
            texts(japanese),
            [
                "東京で大雨、交通に乱れ",
                "気象庁によると、東京都心では午前中に一時間に五十ミリの激しい雨が降った。",
                "鉄道各社は一部の路線で運転を見合わせている。",
                "政府は関係省庁の会議を開き、被害の把握を急いでいる",
                "「早めの避難を」と気象庁は呼びかけた。",
            ]
        );
        let chinese = "北京举行新闻发布会\n外交部发言人在周一的例行记者会上表示，双方将继续保持沟通！会谈将于下周举行？记者们对此表示关注。\n发言人还介绍了近期高层访问的安排情况以及双边合作的最新进展\n";
        assert_eq!(
            texts(chinese),
            [
                "北京举行新闻发布会",
                "外交部发言人在周一的例行记者会上表示，双方将继续保持沟通！",
                "会谈将于下周举行？",
                "记者们对此表示关注。",
                "发言人还介绍了近期高层访问的安排情况以及双边合作的最新进展",
            ]
        );
        let thai = "ฝนตกหนักในกรุงเทพ\nกรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักต่อเนื่องในหลายพื้นที่ของกรุงเทพมหานครตลอดสัปดาห์นี้\n";
        assert_eq!(texts(thai).len(), 2, "a long Thai line with no sentence mark is text: {:?}", texts(thai));
        let menu = "Headline of the story\nA sentence of the story.\n\nホーム\nニュース\n天気\n";
        assert_eq!(texts(menu), ["Headline of the story", "A sentence of the story."], "short lines in any script are still chrome");
    }

    #[test]
    fn paragraphs_are_numbered_in_order_in_each_section() {
        let t = "Headline\n\nOne sentence here.\n\nTwo sentence here. Two again.\n\nThree here.\n";
        let s = segment(t, 0, true);
        let numbers: Vec<usize> = s[0].passages.iter().map(|p| p.paragraph).collect();
        assert_eq!(numbers, [0, 1, 2, 2, 3]);
    }

    #[test]
    fn each_passage_knows_its_line() {
        let t = "Headline\r\n\r\nOne sentence\nbroken over lines. Two here.\n\n\nThree\u{a0}— “quoted.”\nMain body sentence one is here.\n\nFrance 24\n5 hours ago\nSecond story headline about talks\nSecond story body sentence.\n";
        let sections = segment(t, 0, true);
        let passages: Vec<&Passage> = sections.iter().flat_map(|s| &s.passages).collect();
        assert!(passages.len() >= 5, "{sections:?}");
        for p in passages {
            assert_eq!(p.line, 1 + t[..p.start].matches('\n').count(), "{:?}", &t[p.start..p.end]);
        }
        let mut counter = LineCounter::new(t);
        assert_eq!((counter.line_of(40), counter.line_of(3), counter.line_of(40)), (4, 1, 4), "an earlier offset is counted afresh");
    }

    #[test]
    fn a_dated_entry_inside_an_article_is_not_a_bundled_story() {
        let t = "Barbara Bush in her own words\nShe was known for speaking her mind.\n\n6. On a rival\n\n\"I can't say it.\"\n\n— Oct. 15, 1984\n\n7. On not watching coverage\n\n\"Why should I waste my beautiful mind on something like that?\"\n";
        assert_eq!(segment(t, 0, true).len(), 1);
    }

    #[test]
    fn bundled_stories_become_sections() {
        let t = "Main headline\nMain body sentence one is here.\n\nComments\nNo comments yet...\nRelated Articles\n\n\nFrance 24\n5 hours ago\n- France 24\nSecond story headline about talks\nSecond story body sentence. Another one.\n";
        let s = segment(t, 0, true);
        assert_eq!(s.len(), 2);
        let h = s[1].headline.as_ref().unwrap();
        assert_eq!(&t[h.start..h.end], "Second story headline about talks");
        let kicker: Vec<&str> = s[1].kicker.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(kicker, ["France 24", "5 hours ago", "- France 24"]);
        assert_eq!(s[1].passages.len(), 3);
    }
}
