//! The article model shared by every stage: what was read, where its metadata came from,
//! and the passages (headline and sentences) it was cut into.

use jiff::civil::Date;
use serde::Serialize;

/// Where an article's published date was found, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    Headline,
    Sentence,
}

/// A span of an article's text: the unit that is compared and aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// One loaded article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the folder that was opened, with `/` separators.
    pub path: String,
    /// Which of its file's articles this is, when the file holds several (the items of a JSON
    /// list, the stories a page bundles): its sidecar entry is `path#part`.
    pub part: Option<usize>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<Date>,
    pub date_origin: DateOrigin,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// The text passages index into. For `.txt`/`.md` this is the whole file, so offsets are
    /// byte offsets into the file; for JSON and HTML it is the extracted text.
    pub text: String,
    pub passages: Vec<Passage>,
}

impl Passage {
    /// Its byte range in [`Article::text`].
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl Article {
    /// The key of this article's entry in the folder's sidecar.
    pub fn sidecar_key(&self) -> String {
        crate::sidecar::key(&self.path, self.part)
    }

    /// The text of one passage, with hard line breaks shown as spaces and hover cards scraped
    /// into its sentences taken out (see [`crate::furniture::without_inline_widgets`]).
    pub fn passage_text(&self, passage: &Passage) -> String {
        collapse_whitespace(&crate::furniture::without_inline_widgets(&self.text[passage.range()]))
    }
}

/// Joins runs of whitespace (including line breaks inside a sentence, and whitespace of every
/// Unicode width) into single spaces, and drops invisible marks (soft hyphens, zero-width and
/// bidi characters).
pub fn collapse_whitespace(text: &str) -> String {
    let visible = crate::unicode::without_invisible(text);
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}
