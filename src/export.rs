//! The JSON contract of `parallax align --json`, and the date range filter shared by the CLI and
//! the window. Field names here are a public interface: add fields, never rename or remove them.

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::Comparison;
use crate::align::{Event, EventKind, Origin};
use crate::article::{Article, DateOrigin, Join, PassageKind};
use crate::dates::iso;
use crate::problem::Problem;
use crate::text::short_label;

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether an article with this date is inside the range. Undated articles are inside only
    /// when the range is open on both ends.
    pub fn contains(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
            None => self.is_all(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Output {
    pub articles: Vec<ArticleOut>,
    pub stories: Vec<StoryOut>,
    pub threads: Vec<ThreadOut>,
    pub events: Vec<EventOut>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Serialize)]
pub struct ArticleOut {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    /// The outlet as the article names it ("source" in the contract).
    #[serde(rename = "source")]
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub date_origin: DateOrigin,
    pub url: Option<String>,
    pub author: Option<String>,
    pub passages: usize,
}

impl ArticleOut {
    /// The outlet it is shown under (see [`crate::article::outlet_name`]).
    pub fn shown_outlet(&self) -> String {
        crate::article::outlet_name(self.outlet.as_deref(), self.url.as_deref(), &self.path)
    }
}

#[derive(Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    pub articles: Vec<String>,
    pub label: String,
    /// The earliest and latest publication dates of its articles (`YYYY-MM-DD`).
    pub first: Option<String>,
    pub last: Option<String>,
    /// The outlets of its articles, each once, in order of first appearance.
    pub outlets: Vec<String>,
    /// `true` when a correction of the user's changed it (absent otherwise).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
    /// The user's notes on it (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The thread it is a development of (an id of `threads`), or `null`.
    pub thread: Option<String>,
}

/// Stories that continue one subject: its developments, in order.
#[derive(Debug, Serialize)]
pub struct ThreadOut {
    pub id: String,
    /// The label of its story with the most articles.
    pub label: String,
    /// Its stories (ids of `stories`) in order of their first date.
    pub stories: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The outlets of its stories' articles, each once, in order of first appearance.
    pub outlets: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct EventOut {
    pub id: String,
    /// `lede`: a story's main happening as each article's headline and lede tell it;
    /// `claim`: one claim of a story as several of its articles state it;
    /// `reuse`: text reused word for word in articles of different stories.
    pub kind: EventKind,
    /// Which tool found it: `parallax`, or `passim` for a cluster of passim's output read from
    /// the folder.
    pub origin: Origin,
    /// The story the event belongs to (an id of `stories`), or `null` for reuse across stories.
    pub story: Option<String>,
    /// What its passages share: words, figures, copied wording, similarity.
    pub evidence: Vec<String>,
    pub label: String,
    pub date: Option<String>,
    /// Mean similarity of the wording across outlets, 0..1.
    pub agreement: f32,
    pub passages: Vec<PassageOut>,
    /// `true` when a correction of the user's changed it (absent otherwise).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
    /// `true` when the user marked it checked (absent otherwise).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub checked: bool,
    /// The user's notes on it (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PassageOut {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub kind: PassageKind,
    /// How it follows the event's previous passage of the same article (none for the first):
    /// for quoting, not part of the JSON.
    #[serde(skip)]
    pub join: Option<Join>,
}

/// Article ids are positions in the loaded list: `a1`, `a2`, …
pub fn article_id(index: usize) -> String {
    format!("a{}", index + 1)
}

/// Whether an event keeps passages of two articles among those kept by `keep`.
fn spans_two(event: &Event, keep: &[bool]) -> bool {
    let mut kept = event.passages.iter().filter(|p| keep[p.article]);
    kept.next().is_some_and(|first| kept.any(|p| p.article != first.article))
}

/// An event restricted to the articles kept by `keep`; `None` if fewer than two articles remain.
pub fn restrict_event(event: &Event, articles: &[Article], keep: &[bool]) -> Option<Event> {
    if !spans_two(event, keep) {
        return None;
    }
    let passages: Vec<_> = event.passages.iter().copied().filter(|p| keep[p.article]).collect();
    let central = if keep[event.central.article] { event.central } else { passages[0] };
    let date = passages.iter().filter_map(|p| articles[p.article].published).min();
    Some(Event { passages, central, date, ..event.clone() })
}

/// Where each article, story and event of a comparison is in its [`Output`] for a date range
/// (`None`: left out), the one place that numbers them: a story's and an event's id is `s` or
/// `e` and its position from 1; an article's is its place in the folder ([`article_id`]).
pub struct Positions {
    pub articles: Vec<Option<usize>>,
    /// A story keeps a place when at least two of its articles are in the range.
    pub stories: Vec<Option<usize>>,
    /// A thread keeps a place when at least two of its stories keep theirs.
    pub threads: Vec<Option<usize>>,
    pub events: Vec<Option<usize>>,
}

impl Positions {
    pub fn new(comparison: &Comparison, range: DateRange) -> Positions {
        let keep: Vec<bool> = comparison.articles.iter().map(|a| range.contains(a.published)).collect();
        // The kept ones, numbered in order.
        let number = |kept: &mut dyn Iterator<Item = bool>| -> Vec<Option<usize>> {
            let mut count = 0;
            kept.map(|k| {
                let position = k.then_some(count);
                count += usize::from(k);
                position
            })
            .collect()
        };
        let stories = number(&mut comparison.alignment.stories.iter().map(|s| s.articles.iter().filter(|&&a| keep[a]).count() >= 2));
        let threads = number(&mut comparison.alignment.threads.iter().map(|t| t.stories.iter().filter(|&&s| stories[s].is_some()).count() >= 2));
        Positions {
            articles: number(&mut keep.iter().copied()),
            stories,
            threads,
            events: number(&mut comparison.alignment.events.iter().map(|e| spans_two(e, &keep))),
        }
    }

    /// The id of thread `thread` in the output (`None` if it is left out).
    pub fn thread_id(&self, thread: usize) -> Option<String> {
        self.threads.get(thread).copied().flatten().map(|k| format!("t{}", k + 1))
    }

    /// The id of story `story` in the output (`None` if it is left out).
    pub fn story_id(&self, story: usize) -> Option<String> {
        self.stories.get(story).copied().flatten().map(|k| format!("s{}", k + 1))
    }
}

/// Builds the JSON contract for the articles and events inside `range`.
pub fn output(comparison: &Comparison, range: DateRange) -> Output {
    let articles = &comparison.articles;
    let keep: Vec<bool> = articles.iter().map(|a| range.contains(a.published)).collect();
    let articles_out = articles
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, a)| ArticleOut {
            id: article_id(i),
            path: a.path.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            published: a.published.map(iso),
            date_origin: a.date_origin,
            url: a.url.clone(),
            author: a.author.clone(),
            passages: a.passages.len(),
        })
        .collect();
    let positions = Positions::new(comparison, range);
    let mut thread_of = vec![None; comparison.alignment.stories.len()];
    for (t, thread) in comparison.alignment.threads.iter().enumerate() {
        thread.stories.iter().for_each(|&s| thread_of[s] = positions.thread_id(t));
    }
    let mut stories = Vec::new();
    for (index, s) in comparison.alignment.stories.iter().enumerate() {
        let Some(id) = positions.story_id(index) else { continue };
        let kept: Vec<usize> = s.articles.iter().copied().filter(|&a| keep[a]).collect();
        let dates: Vec<Date> = kept.iter().filter_map(|&a| articles[a].published).collect();
        let mut outlets: Vec<String> = Vec::new();
        for source in kept.iter().filter_map(|&a| articles[a].outlet.as_ref()) {
            if !outlets.contains(source) {
                outlets.push(source.clone());
            }
        }
        stories.push(StoryOut {
            id,
            articles: kept.iter().map(|&a| article_id(a)).collect(),
            label: crate::story_grid::story_label(articles, s),
            first: dates.iter().min().copied().map(iso),
            last: dates.iter().max().copied().map(iso),
            outlets,
            corrected: s.user.corrected,
            notes: s.user.notes.clone(),
            thread: thread_of[index].clone(),
        });
    }
    let story_out = |s: usize| positions.stories[s].map(|k| &stories[k]);
    let threads = comparison
        .alignment
        .threads
        .iter()
        .enumerate()
        .filter_map(|(t, thread)| {
            let id = positions.thread_id(t)?;
            let kept: Vec<&StoryOut> = thread.stories.iter().filter_map(|&s| story_out(s)).collect();
            let biggest = kept.iter().max_by_key(|s| (s.articles.len(), std::cmp::Reverse(s.first.clone())))?;
            let mut outlets: Vec<String> = Vec::new();
            for outlet in kept.iter().flat_map(|s| &s.outlets) {
                if !outlets.contains(outlet) {
                    outlets.push(outlet.clone());
                }
            }
            Some(ThreadOut {
                id,
                label: biggest.label.clone(),
                stories: kept.iter().map(|s| s.id.clone()).collect(),
                first: kept.iter().filter_map(|s| s.first.clone()).min(),
                last: kept.iter().filter_map(|s| s.last.clone()).max(),
                outlets,
            })
        })
        .collect();
    let kept: Vec<Event> = comparison.alignment.events.iter().filter_map(|e| restrict_event(e, articles, &keep)).collect();
    let events = kept
        .into_par_iter()
        .enumerate()
        .map(|(n, e)| {
            let central = &articles[e.central.article];
            EventOut {
                id: format!("e{}", n + 1),
                kind: e.kind,
                origin: e.origin,
                story: e.story.and_then(|s| positions.story_id(s)),
                evidence: e.evidence.clone(),
                label: short_label(&central.passage_text(&central.passages[e.central.passage]), 90),
                date: e.date.map(iso),
                agreement: (e.agreement * 100.0).round() / 100.0,
                passages: e
                    .passages
                    .iter()
                    .enumerate()
                    .map(|(k, p)| {
                        let a = &articles[p.article];
                        let passage = &a.passages[p.passage];
                        // Passages are in article order, each article's in text order.
                        let previous = k.checked_sub(1).map(|k| e.passages[k]).filter(|q| q.article == p.article);
                        PassageOut {
                            article: article_id(p.article),
                            start: passage.start,
                            end: passage.end,
                            line: passage.line,
                            text: a.passage_text(passage),
                            kind: passage.kind,
                            join: previous.map(|q| Join::between(&a.passages, q.passage, p.passage)),
                        }
                    })
                    .collect(),
                corrected: e.user.corrected,
                checked: e.user.checked,
                notes: e.user.notes.clone(),
            }
        })
        .collect();
    Output { articles: articles_out, stories, threads, events, problems: comparison.problems.clone() }
}
