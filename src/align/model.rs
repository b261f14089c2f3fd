//! What an alignment is made of: stories, events and the passages they hold, as every stage
//! builds them and every layer above reads them.

use jiff::civil::Date;

/// A passage of an article, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct PassageRef {
    pub article: usize,
    pub passage: usize,
}

/// How an event was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A story's main happening, as each article's headline and lede tell it.
    Lede,
    /// One claim of a story, as several of its articles state it.
    Claim,
    /// Text reused word for word in articles of different stories (wire copy, a quotation, a
    /// background sentence).
    Reuse,
}

impl EventKind {
    /// The name the JSON contract and the exports give it.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Lede => "lede",
            EventKind::Claim => "claim",
            EventKind::Reuse => "reuse",
        }
    }
}

/// Which tool found an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Parallax,
    /// passim's cluster output, read from the folder (see [`crate::imported`]).
    Passim,
}

/// Passages another tool found reused together: one of passim's clusters, by its id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportedCluster {
    pub origin: Origin,
    pub id: String,
    /// Sorted, each once.
    pub passages: Vec<PassageRef>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub kind: EventKind,
    pub origin: Origin,
    /// In article order, then text order.
    pub passages: Vec<PassageRef>,
    /// The passage that best represents the event (most similar to the others).
    pub central: PassageRef,
    /// The earliest date among its articles.
    pub date: Option<Date>,
    /// Mean similarity of its passages across articles, 0..1: how alike the wording is.
    pub agreement: f32,
    /// The story it belongs to (an index into [`Alignment::stories`]); `None` for reuse.
    pub story: Option<usize>,
    /// Why its passages were joined: what they share, for a reader to judge.
    pub evidence: Vec<String>,
    /// What the user said of it: whether a correction changed it, whether they checked it,
    /// their notes.
    pub user: UserMarks,
}

/// What the user said of a story or an event (see [`crate::corrections`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserMarks {
    /// A correction changed it from what the engine found.
    pub corrected: bool,
    /// The user checked it (claims only).
    pub checked: bool,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Story {
    pub articles: Vec<usize>,
    /// The article whose coverage is most typical of the story.
    pub central: usize,
    pub user: UserMarks,
}

/// Stories that continue one subject, each a development of it (see [`super::threads`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Thread {
    /// Indexes into [`Alignment::stories`], in order of their first date; at least two.
    pub stories: Vec<usize>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Alignment {
    pub events: Vec<Event>,
    pub stories: Vec<Story>,
    /// Each story is in at most one.
    pub threads: Vec<Thread>,
    /// The corrections (or parts of them) that could not be applied, and why: for Problems.
    pub unapplied: Vec<String>,
}
