//! The article model shared by every stage: what was read, where its metadata came from,
//! and the passages (headline and sentences) it was cut into.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where an article's published date was found, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    /// The folder's sidecar file (a user correction or curated metadata).
    Sidecar,
    /// The article's own metadata: front matter, JSON keys, HTML meta tags.
    Metadata,
    /// A date in the file name, such as `2024-10-10_story.txt`.
    Filename,
    /// A dateline near the top of the text, such as "May 03, 2013".
    Dateline,
    /// A relative date ("2 days ago") resolved against the page it was bundled in.
    Relative,
    /// No date could be found.
    None,
}

/// What a passage is within its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    Headline,
    Sentence,
}

/// A span of an article's text: the unit that is compared and aligned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Byte range into [`Article::text`].
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start` in [`Article::text`].
    pub line: usize,
    /// Index of the paragraph this passage belongs to (0 for the headline).
    pub paragraph: usize,
    pub kind: PassageKind,
}

/// How a passage follows the one before it when several of one article are quoted together, so
/// that a quotation never runs pieces into a sentence sequence the article does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// The next sentence of the same paragraph: a space, as written.
    Space,
    /// The next passage, in a new paragraph (a headline and the first paragraph).
    Paragraph,
    /// Text of the article left out between them.
    Elision,
}

impl Join {
    /// How `next` follows `previous` (indices into an article's passages, `previous < next`).
    pub fn between(passages: &[Passage], previous: usize, next: usize) -> Join {
        if next != previous + 1 {
            Join::Elision
        } else if passages[next].paragraph != passages[previous].paragraph {
            Join::Paragraph
        } else {
            Join::Space
        }
    }

    /// What stands between the two in a quotation.
    pub fn mark(self) -> &'static str {
        match self {
            Join::Space => " ",
            Join::Paragraph => " ¶ ",
            Join::Elision => " […] ",
        }
    }
}

/// The outlet an article is shown under: its own outlet name, else the site its web address is
/// on ("example.org"), else "unknown" with its file name. Articles without an outlet are never
/// pooled into one "unknown" outlet: two different sites are two outlets in every count.
pub fn outlet_name(source: Option<&str>, url: Option<&str>, path: &str) -> String {
    if let Some(source) = source {
        return source.to_string();
    }
    if let Some(host) = url.and_then(site) {
        return host;
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    format!("unknown ({file})")
}

/// The host of an http(s) address, without a leading `www.`, lowercased.
fn site(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.') && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')).then(|| host.to_string())
}

/// One loaded article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Path relative to the folder that was opened, with `/` separators.
    pub path: String,
    /// Which of its file's articles this is, when the file holds several (the items of a JSON
    /// list, the stories a page bundles): its sidecar entry is `path#part`.
    pub part: Option<usize>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub date_origin: DateOrigin,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// The text passages index into. For `.txt`/`.md` this is the whole file, so offsets are
    /// byte offsets into the file; for JSON and HTML it is the extracted text.
    pub text: String,
    pub passages: Vec<Passage>,
    /// The record of a corpus it was read from, when its file is one (see [`Record`]).
    pub record: Option<Record>,
}

/// An article read from one record of a corpus of records, as text-reuse tools take them (the
/// JSON Lines that passim reads: `id`, `text`, ...): the record's id, and where its text field
/// is in [`Article::text`], so that another tool's character offsets into that field find the
/// same words here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    /// Byte offset in the article's text where the record's text field begins, once trimmed.
    pub text_start: usize,
    /// How many characters trimming took from the front of the field.
    pub trimmed: usize,
}

impl Record {
    /// The byte offset in `text` of character `offset` of the record's text field (clamped to
    /// the ends of the field as it was kept).
    pub fn byte_of(&self, text: &str, offset: usize) -> usize {
        let field = text.get(self.text_start..).unwrap_or("");
        field.char_indices().nth(offset.saturating_sub(self.trimmed)).map_or(text.len(), |(i, _)| self.text_start + i)
    }
}

impl Passage {
    /// Its byte range in [`Article::text`].
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl Article {
    /// The outlet it is shown under (see [`outlet_name`]).
    pub fn shown_outlet(&self) -> String {
        outlet_name(self.outlet.as_deref(), self.url.as_deref(), &self.path)
    }

    /// The key of this article's entry in the folder's sidecar.
    pub fn sidecar_key(&self) -> String {
        crate::sidecar::key(&self.path, self.part)
    }

    /// The text of one passage, with hard line breaks shown as spaces and hover cards scraped
    /// into its sentences taken out (see [`crate::furniture::without_inline_widgets`]).
    pub fn passage_text(&self, passage: &Passage) -> String {
        collapse_whitespace(&crate::furniture::without_inline_widgets(&self.text[passage.range()]))
    }

    /// Some of its passages (indices, in the article's order) as one quotation: each passage's
    /// text, joined as [`Join`] says, so a paragraph break or a cut shows.
    pub fn quote(&self, passages: &[usize]) -> String {
        let mut quote = String::new();
        for (k, &p) in passages.iter().enumerate() {
            if k > 0 {
                quote.push_str(Join::between(&self.passages, passages[k - 1], p).mark());
            }
            quote.push_str(&self.passage_text(&self.passages[p]));
        }
        quote
    }
}

/// Joins runs of whitespace (including line breaks inside a sentence, and whitespace of every
/// Unicode width) into single spaces, and drops invisible marks (soft hyphens, zero-width and
/// bidi characters).
pub fn collapse_whitespace(text: &str) -> String {
    let visible = crate::unicode::without_invisible(text);
    // One pass into one string: every event's passages are read through here. Whitespace is
    // what `char::is_whitespace` says; a character beyond ASCII is decoded only to ask.
    let bytes = visible.as_bytes();
    let char_at = |i: usize| match bytes[i] {
        b if b.is_ascii() => (1, matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ')),
        _ => visible[i..].chars().next().map_or((1, false), |c| (c.len_utf8(), c.is_whitespace())),
    };
    let mut out = String::with_capacity(bytes.len());
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let (mut i, mut word_start) = (0, None);
    while i < bytes.len() {
        let (len, space) = char_at(i);
        match (space, word_start) {
            (true, Some(start)) => {
                push_word(&visible[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        push_word(&visible[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{collapse_whitespace, outlet_name};

    #[test]
    fn whitespace_of_every_kind_collapses_to_single_spaces_as_split_whitespace_says() {
        let texts = [
            "",
            "   ",
            "plain words",
            "  lead\tand\r\ntrail \u{0B}\u{0C} ",
            "non\u{a0}breaking\u{2009}thin\u{3000}ideographic\u{2028}line\u{85}next",
            "soft\u{ad}hy\u{200b}phen and \u{202e}bidi\u{2066} marks",
            "caf\u{e9} \u{1F4F0} \u{4e2d}\u{6587}\u{1c}\u{1f}unit separators stay",
        ];
        for text in texts {
            let visible = crate::unicode::without_invisible(text);
            assert_eq!(collapse_whitespace(text), visible.split_whitespace().collect::<Vec<_>>().join(" "), "{text:?}");
        }
        // Every character that is whitespace, between two words.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            assert_eq!(collapse_whitespace(&format!("a{c}{c}b")), "a b", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn an_article_without_an_outlet_is_its_site_or_its_file() {
        assert_eq!(outlet_name(Some("BBC News"), Some("https://www.bbc.co.uk/x"), "a.txt"), "BBC News");
        assert_eq!(outlet_name(None, Some("https://www.Example.org/news/1?x=2"), "a.txt"), "example.org");
        assert_eq!(outlet_name(None, Some("http://user@news.example.com:8080/a"), "a.txt"), "news.example.com");
        assert_eq!(outlet_name(None, Some("javascript:alert(1)"), "dir/b.txt"), "unknown (b.txt)");
        assert_eq!(outlet_name(None, None, "dir/c.txt"), "unknown (c.txt)");
        assert_ne!(outlet_name(None, None, "d.txt"), outlet_name(None, None, "e.txt"), "two unknown outlets are two");
    }
}
