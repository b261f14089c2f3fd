//! What scraped text hides: characters that take no room on screen (soft hyphens, zero-width
//! spaces and joiners, bidi marks, byte-order marks) and whitespace beyond ASCII (non-breaking,
//! thin, ideographic, line and paragraph separators). Every stage that trims, splits or compares
//! words asks here, so "Kyiv" with a soft hyphen inside is still "Kyiv" and a line of bidi marks
//! is still blank.

/// A character that is in the text but not visible: soft hyphen, zero-width space, joiners,
/// word joiner and invisible operators, bidi marks and isolates, the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Whether `c` is a letter or digit (`char::is_alphanumeric`), answered without Unicode's tables
/// for ASCII and for the general punctuation (curly quotes and dashes, in almost every sentence
/// of news), which holds none: words are split on every character of a folder.
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
    }
}

/// Whitespace of any kind (Unicode `White_Space`) or an invisible mark: nothing a reader sees.
pub fn is_blank(c: char) -> bool {
    // No invisible mark is ASCII: most characters are answered by the first test.
    if c.is_ascii() { c.is_whitespace() } else { c.is_whitespace() || is_invisible(c) }
}

/// `text` without blank characters at either end.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_blank)
}

/// Whether `text` holds nothing a reader would see.
pub fn is_blank_text(text: &str) -> bool {
    text.chars().all(is_blank)
}

/// `text` with invisible marks removed (whitespace stays); borrowed when there are none.
pub fn without_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    // Every invisible mark is outside ASCII, and most text is ASCII: one fast check first.
    if has_invisible(text) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether `text` holds an invisible character (see [`is_invisible`]), from its UTF-8 bytes: it
/// runs on every passage, and most of the text is letters that need no decoding.
pub fn has_invisible(text: &str) -> bool {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let starts_mark = |i: usize| match b[i] {
        0xC2 => at(i + 1) == 0xAD,
        0xD8 => at(i + 1) == 0x9C,
        0xE1 => at(i + 1) == 0xA0 && at(i + 2) == 0x8E,
        0xE2 => matches!((at(i + 1), at(i + 2)), (0x80, 0x8B..=0x8F | 0xAA..=0xAE) | (0x81, 0xA0..=0xA4 | 0xA6..=0xA9)),
        0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
        _ => false,
    };
    // Every mark starts beyond ASCII: a block of ASCII is passed over in a few instructions
    // (byte by byte, this was a tenth of reading a folder's terms).
    find_in_blocks(b, 0, |x| x >= 0x80, starts_mark).is_some()
}

/// Bytes [`find_in_blocks`] tests at once.
pub const SCANNED_AT_ONCE: usize = 32;

/// The first place in `bytes`, from `from` on, where `exact` holds, looked for only in the
/// blocks of [`SCANNED_AT_ONCE`] bytes that hold a byte `rough` keeps (it must keep the byte at
/// every place `exact` holds). `rough` is a few comparisons, run on a block's bytes together:
/// the blocks without such a byte, most of a text, are passed over whole.
pub fn find_in_blocks(bytes: &[u8], from: usize, rough: impl Fn(u8) -> bool, mut exact: impl FnMut(usize) -> bool) -> Option<usize> {
    (from..bytes.len()).step_by(SCANNED_AT_ONCE).find_map(|start| {
        let block = start..(start + SCANNED_AT_ONCE).min(bytes.len());
        if bytes[block.clone()].iter().fold(false, |any, &x| any | rough(x)) { block.into_iter().find(|&i| exact(i)) } else { None }
    })
}

/// Whether `c` belongs to a script written without spaces between words: Chinese, Japanese
/// (kanji and kana), Thai, Lao, Khmer, Myanmar, Tibetan. A line of such text has few or no
/// spaces however long it is, so counting words by spaces calls it short.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{0F00}'..='\u{0FFF}' // Tibetan
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' // kana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' // Han
    )
}

/// `text` safe to print to a terminal: control characters (C0 and C1, ESC among them) and the
/// bidi controls that reorder what follows (embeddings, overrides, isolates) each become `�`;
/// newlines and tabs stay unless `one_line`, where they become spaces.
pub fn for_terminal(text: &str, one_line: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && (one_line || !matches!(c, '\n' | '\t'))) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' if one_line => ' ',
                c if unsafe_char(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Feeds `c` lowercased to `f`, as `char::to_lowercase` would (one or more chars), without its
/// iterator for ASCII, which is most of the text hashed letter by letter.
pub fn lowercase(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(f);
    }
}

/// Byte offset just past the last blank character of `text`, or 0: where the last word starts.
pub fn last_word_start(text: &str) -> usize {
    text.char_indices().rev().find(|&(_, c)| is_blank(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_found_in_the_bytes_as_in_the_chars() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_invisible(&text), is_invisible(c), "{:X}", c as u32);
        }
        // Wherever the mark falls in the blocks of ASCII passed over, across their edges too.
        let marks = ['\u{ad}', '\u{61c}', '\u{180e}', '\u{200b}', '\u{202e}', '\u{2064}', '\u{2069}', '\u{feff}'];
        for offset in 0..70 {
            for c in marks.into_iter().chain(['’', 'é', '中', '\u{2065}']) {
                let text = format!("{}{c}b", "x".repeat(offset));
                assert_eq!(has_invisible(&text), is_invisible(c), "{:X} after {offset}", c as u32);
            }
        }
    }

    #[test]
    fn lowercase_is_char_to_lowercase() {
        for c in ['A', 'z', '7', ' ', 'Σ', 'İ', 'Ä', 'ß', '\u{FEFF}'] {
            let mut out = String::new();
            lowercase(c, |l| out.push(l));
            assert_eq!(out, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn blanks_of_every_width() {
        for c in ['\u{a0}', '\u{2009}', '\u{2028}', '\u{3000}', '\u{1680}', '\u{200b}', '\u{200e}', '\u{feff}', '\u{ad}'] {
            assert!(is_blank(c), "{c:?}");
        }
        assert_eq!(trim("\u{feff}\u{200e} Kyiv\u{a0}\u{2029}"), "Kyiv");
        assert_eq!(without_invisible("Ky\u{ad}iv\u{200b}"), "Kyiv");
        assert!(is_blank_text("\u{200e}\u{3000}\n"));
    }

    #[test]
    fn last_word_starts_at_a_char_boundary() {
        let text = "met at\u{a0}noon";
        let at = last_word_start(text);
        assert_eq!(&text[at..], "noon");
        let text = "met at\u{3000}\u{2009}";
        assert_eq!(last_word_start(text), text.len());
        assert_eq!(last_word_start("word"), 0);
    }
}
