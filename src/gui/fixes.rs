//! The user's corrections of claims and stories, from what they pointed at on screen (an event,
//! an article, a story of the alignment shown) to what the sidecar keeps (see
//! [`crate::corrections`]): article keys and passage texts, which outlive the alignment.

use crate::Comparison;
use crate::align::PassageRef;
use crate::corrections::{ClaimFix, Corrections, Note, PassageKey, StoryFix};

/// One correction, as the user asked for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    /// An article's passages are not the claim's fact: out of it.
    TakeOut { event: usize, article: usize },
    /// These passages state the fact of a claim, or of another passage: out of the claim they
    /// were in (if any), into that one.
    Pair { passages: Vec<PassageRef>, with: PairWith },
    /// These articles' passages leave the claim and are a claim of their own.
    SplitClaim { event: usize, articles: Vec<usize> },
    Checked { event: usize, checked: bool },
    /// An article moves to another story, or out of its own (`None`).
    MoveArticle { article: usize, to: Option<usize> },
    MergeStories { story: usize, with: usize },
    /// These articles leave the story and are a story of their own.
    SplitStory { story: usize, articles: Vec<usize> },
    /// The note on a claim (empty: none).
    NoteOnClaim { event: usize, text: String },
    /// The note on a story (empty: none).
    NoteOnStory { story: usize, text: String },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PairWith {
    Event(usize),
    Passage(PassageRef),
}

impl Fix {
    /// What it does, for the Undo and Redo items.
    pub fn name(&self) -> &'static str {
        match self {
            Fix::TakeOut { .. } => "take a passage out of a claim",
            Fix::Pair { .. } => "pair passages",
            Fix::SplitClaim { .. } => "split a claim",
            Fix::Checked { checked: true, .. } => "mark a claim checked",
            Fix::Checked { checked: false, .. } => "unmark a checked claim",
            Fix::MoveArticle { to: Some(_), .. } => "move an article to another story",
            Fix::MoveArticle { to: None, .. } => "take an article out of its story",
            Fix::MergeStories { .. } => "merge two stories",
            Fix::SplitStory { .. } => "split a story",
            Fix::NoteOnClaim { .. } => "note on a claim",
            Fix::NoteOnStory { .. } => "note on a story",
        }
    }

    /// The corrections with this one made, against the alignment the user saw.
    pub fn applied(&self, comparison: &Comparison, corrections: &Corrections) -> Corrections {
        let alignment = &comparison.alignment;
        let articles = &comparison.articles;
        let key = |p: &PassageRef| {
            let a = &articles[p.article];
            PassageKey { article: a.sidecar_key(), text: a.passage_text(&a.passages[p.passage]) }
        };
        let keys = |ps: &mut dyn Iterator<Item = &PassageRef>| ps.map(key).collect::<Vec<_>>();
        let article_key = |a: usize| articles[a].sidecar_key();
        let mut out = corrections.clone();
        match self {
            Fix::TakeOut { event, article } => {
                let e = &alignment.events[*event];
                let (named, others): (Vec<&PassageRef>, Vec<&PassageRef>) = e.passages.iter().partition(|p| p.article == *article);
                out.claims.push(ClaimFix::Apart { passages: keys(&mut named.into_iter()), from: keys(&mut others.into_iter()) });
            }
            Fix::Pair { passages, with } => {
                // Out of the claims of the story they were in, so that the claim they join is
                // not merged whole with it.
                let holding = alignment.events.iter().enumerate().filter(|(_, e)| e.story.is_some() && e.passages.iter().any(|p| passages.contains(p)));
                for (_, e) in holding.filter(|(i, _)| *with != PairWith::Event(*i)) {
                    let others: Vec<&PassageRef> = e.passages.iter().filter(|p| !passages.contains(p)).collect();
                    out.claims.push(ClaimFix::Apart { passages: keys(&mut passages.iter()), from: keys(&mut others.into_iter()) });
                }
                let mut together = keys(&mut passages.iter());
                match with {
                    PairWith::Event(t) => together.extend(keys(&mut alignment.events[*t].passages.iter().filter(|p| !passages.contains(p)))),
                    PairWith::Passage(q) => together.push(key(q)),
                }
                out.claims.push(ClaimFix::Together { passages: together });
            }
            Fix::SplitClaim { event, articles: leaving } => {
                let e = &alignment.events[*event];
                let (named, others): (Vec<&PassageRef>, Vec<&PassageRef>) = e.passages.iter().partition(|p| leaving.contains(&p.article));
                let named = keys(&mut named.into_iter());
                out.claims.push(ClaimFix::Apart { passages: named.clone(), from: keys(&mut others.into_iter()) });
                if leaving.len() >= 2 {
                    out.claims.push(ClaimFix::Together { passages: named });
                }
            }
            Fix::Checked { event, checked } => {
                let passages = keys(&mut alignment.events[*event].passages.iter());
                let same = |fix: &ClaimFix| matches!(fix, ClaimFix::Checked { passages: p } if sorted(p) == sorted(&passages));
                out.claims.retain(|fix| !same(fix));
                if *checked {
                    out.claims.push(ClaimFix::Checked { passages });
                }
            }
            Fix::MoveArticle { article, to } => {
                if let Some(from) = alignment.stories.iter().find(|s| s.articles.contains(article)) {
                    let others = from.articles.iter().filter(|&&a| a != *article).map(|&a| article_key(a)).collect();
                    out.stories.push(StoryFix::Apart { articles: vec![article_key(*article)], from: others });
                }
                if let Some(to) = to {
                    let mut together = vec![article_key(*article)];
                    together.extend(alignment.stories[*to].articles.iter().map(|&a| article_key(a)));
                    out.stories.push(StoryFix::Together { articles: together });
                }
            }
            Fix::MergeStories { story, with } => {
                let together = alignment.stories[*story].articles.iter().chain(&alignment.stories[*with].articles).map(|&a| article_key(a)).collect();
                out.stories.push(StoryFix::Together { articles: together });
            }
            Fix::SplitStory { story, articles: leaving } => {
                let s = &alignment.stories[*story];
                let others = s.articles.iter().filter(|a| !leaving.contains(a)).map(|&a| article_key(a)).collect();
                let named: Vec<String> = leaving.iter().map(|&a| article_key(a)).collect();
                out.stories.push(StoryFix::Apart { articles: named.clone(), from: others });
                if named.len() >= 2 {
                    out.stories.push(StoryFix::Together { articles: named });
                }
            }
            Fix::NoteOnClaim { event, text } => {
                let e = &alignment.events[*event];
                let held = keys(&mut e.passages.iter());
                out.notes.retain(|n| !matches!(n, Note::Claim { claim, .. } if held.contains(claim)));
                if !text.trim().is_empty() {
                    out.notes.push(Note::Claim { claim: key(&e.central), text: text.trim().to_string() });
                }
            }
            Fix::NoteOnStory { story, text } => {
                let s = &alignment.stories[*story];
                let held: Vec<String> = s.articles.iter().map(|&a| crate::sidecar::normal_key(&article_key(a))).collect();
                out.notes.retain(|n| !matches!(n, Note::Story { story, .. } if held.contains(&crate::sidecar::normal_key(story))));
                if !text.trim().is_empty() {
                    out.notes.push(Note::Story { story: article_key(s.central), text: text.trim().to_string() });
                }
            }
        }
        out
    }
}

fn sorted(passages: &[PassageKey]) -> Vec<&PassageKey> {
    let mut v: Vec<&PassageKey> = passages.iter().collect();
    v.sort();
    v
}

/// A dialog of a correction, with what the user has typed in it so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// Pair these passages (of one article of `story`) with a claim of the story, or with a
    /// passage of another of its articles.
    Pair { passages: Vec<PassageRef>, story: usize, filter: String },
    /// Pair a passage of `article` (which the claim leaves out) with the claim.
    PairInto { event: usize, article: usize, filter: String },
    /// Move an article to another story.
    MoveTo { article: usize, filter: String },
    NoteOnClaim { event: usize, text: String },
    NoteOnStory { story: usize, text: String },
}
