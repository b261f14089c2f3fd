//! The filters the user sets (date range, outlets, search, sort) and what they leave visible.
//! Recomputed only when a filter changes, never per frame.

use std::collections::BTreeSet;

use jiff::civil::Date;
use crate::align::Event;
use serde::{Deserialize, Serialize};

use super::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Date,
    Coverage,
    Agreement,
}

/// How the stories list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorySort {
    /// By first publication, earliest first.
    #[default]
    Date,
    /// Most articles first.
    Size,
    /// Most outlets first.
    Outlets,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    pub story_sort: StorySort,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Whether articles without a known date stay visible while a date range is set.
    pub show_undated: bool,
    pub hidden_outlets: BTreeSet<String>,
    pub search: String,
    pub sort: Sort,
    pub descending: bool,
}

impl Filters {
    pub fn has_date_range(&self) -> bool {
        !self.range().is_all()
    }

    /// The date range, by the rule the CLI's `--from`/`--to` follow too.
    pub fn range(&self) -> crate::export::DateRange {
        crate::export::DateRange { from: self.from, to: self.to }
    }
}

/// An event as the filters leave it: only its visible articles' passages.
pub struct VisibleEvent {
    /// Index into the comparison's events.
    pub index: usize,
    pub event: Event,
    /// Outlets covering it (indexes into the workspace's outlets), sorted.
    pub outlets: Vec<usize>,
}

/// A story as the filters leave it.
pub struct VisibleStory {
    /// Index into the alignment's stories.
    pub index: usize,
    /// Its visible articles, and their outlets (indexes into the workspace's outlets), sorted.
    pub articles: usize,
    pub outlets: Vec<usize>,
    /// Its visible events inside the story (lede and claims).
    pub claims: usize,
}

/// A thread as the filters leave it: the developments still shown.
pub struct VisibleThread {
    /// Index into the alignment's threads.
    pub index: usize,
    /// Its visible stories (indexes into the alignment's stories), in order of their first date.
    pub stories: Vec<usize>,
    /// Per visible story: its visible outlets (indexes into the workspace's outlets), sorted,
    /// and the outlets of its earliest visible articles (the first to report it).
    pub covered: Vec<Vec<usize>>,
    pub first: Vec<Vec<usize>>,
    /// The outlets of all its visible stories, the ones covering most developments first.
    pub outlets: Vec<usize>,
    /// The first and last days of its visible stories.
    pub span: Option<(jiff::civil::Date, jiff::civil::Date)>,
    pub articles: usize,
    pub claims: usize,
}

#[derive(Default)]
pub struct Visible {
    /// Stories with at least two visible articles and, when searching, a matching event; by
    /// the date of their first article.
    pub stories: Vec<VisibleStory>,
    /// Threads with at least two visible stories, in order of their first day.
    pub threads: Vec<VisibleThread>,
    /// Which computation this is: the stories list rebuilds its rows when it changes.
    pub generation: u64,
    pub articles: Vec<bool>,
    /// The visible articles, by date (undated last), then path.
    pub article_list: Vec<usize>,
    pub events: Vec<VisibleEvent>,
    /// Articles per outlet that are listed (shown and, when searching, matching).
    pub per_outlet: Vec<usize>,
    pub articles_shown: usize,
    /// Articles hidden by the date range (dated ones outside it, undated ones unless shown).
    pub hidden_by_date: usize,
    pub undated_hidden: usize,
    /// Events that exist but are hidden by the filters.
    pub events_hidden: usize,
    /// The words searched for, to mark where they are found.
    pub search: Vec<super::workspace::SearchWord>,
}

impl Visible {
    pub fn compute(ws: &Workspace, f: &Filters) -> Visible {
        let articles = ws.articles();
        let mut hidden_by_date = 0;
        let mut undated_hidden = 0;
        let shown: Vec<bool> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let in_range = f.range().contains(a.published) || (a.published.is_none() && f.show_undated);
                if !in_range {
                    hidden_by_date += 1;
                    undated_hidden += usize::from(a.published.is_none());
                }
                in_range && !f.hidden_outlets.contains(&ws.outlet(i).name)
            })
            .collect();
        let words = super::workspace::search_words(&f.search);
        let mut events: Vec<VisibleEvent> = ws
            .comparison
            .alignment
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| words.iter().all(|w| ws.event_matches(*i, w)))
            .filter_map(|(i, e)| {
                let event = crate::export::restrict_event(e, articles, &shown)?;
                let mut outlets: Vec<usize> = event.passages.iter().map(|p| ws.outlet_of[p.article]).collect();
                outlets.sort_unstable();
                outlets.dedup();
                Some(VisibleEvent { index: i, event, outlets })
            })
            .collect();
        match f.sort {
            Sort::Date => events.sort_by(|a, b| a.event.date.cmp(&b.event.date).then(a.index.cmp(&b.index))),
            Sort::Coverage => events.sort_by(|a, b| a.outlets.len().cmp(&b.outlets.len()).then(b.index.cmp(&a.index))),
            Sort::Agreement => events.sort_by(|a, b| a.event.agreement.total_cmp(&b.event.agreement).then(b.index.cmp(&a.index))),
        }
        // Date ascends by default; coverage and agreement list the most first.
        if f.descending == (f.sort == Sort::Date) {
            events.reverse();
        }
        let events_hidden = ws.comparison.alignment.events.len() - events.len();
        let mut claims_of = vec![0usize; ws.comparison.alignment.stories.len()];
        for e in &events {
            if let Some(s) = e.event.story {
                claims_of[s] += 1;
            }
        }
        let searching = !words.is_empty();
        let mut stories: Vec<VisibleStory> = ws
            .comparison
            .alignment
            .stories
            .iter()
            .enumerate()
            .filter_map(|(index, story)| {
                let shown_articles: Vec<usize> = story.articles.iter().copied().filter(|&a| shown[a]).collect();
                if shown_articles.len() < 2 || (searching && claims_of[index] == 0) {
                    return None;
                }
                let mut outlets: Vec<usize> = shown_articles.iter().map(|&a| ws.outlet_of[a]).collect();
                outlets.sort_unstable();
                outlets.dedup();
                Some(VisibleStory { index, articles: shown_articles.len(), outlets, claims: claims_of[index] })
            })
            .collect();
        match f.story_sort {
            StorySort::Date => stories.sort_by_key(|s| (ws.story_span[s.index].is_none(), ws.story_span[s.index].map(|d| d.0), s.index)),
            StorySort::Size => stories.sort_by_key(|s| (std::cmp::Reverse(s.articles), s.index)),
            StorySort::Outlets => stories.sort_by_key(|s| (std::cmp::Reverse(s.outlets.len()), std::cmp::Reverse(s.articles), s.index)),
        }
        // The articles list is searched too (the events and stories keep every shown article).
        let mut article_list: Vec<usize> = (0..articles.len()).filter(|&i| shown[i] && words.iter().all(|w| ws.article_matches(i, w))).collect();
        // Each outlet's count is of the listed articles, so that the outlets, the articles list
        // and the status line agree under a search.
        let mut per_outlet = vec![0; ws.outlets.len()];
        for &i in &article_list {
            per_outlet[ws.outlet_of[i]] += 1;
        }
        article_list.sort_by(|&a, &b| {
            let (x, y) = (&articles[a], &articles[b]);
            x.published.is_none().cmp(&y.published.is_none()).then(x.published.cmp(&y.published)).then(x.path.cmp(&y.path)).then(a.cmp(&b))
        });
        let threads = visible_threads(ws, &stories, &shown);
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Visible {
            stories,
            threads,
            generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            articles_shown: article_list.len(),
            article_list,
            articles: shown,
            events,
            per_outlet,
            hidden_by_date,
            undated_hidden,
            events_hidden,
            search: words,
        }
    }

    /// The visible thread of the alignment's thread `thread`.
    pub fn thread(&self, thread: usize) -> Option<&VisibleThread> {
        self.threads.iter().find(|t| t.index == thread)
    }

    /// Position of an event (by comparison index) in the visible list.
    pub fn position(&self, event: usize) -> Option<usize> {
        self.events.iter().position(|e| e.index == event)
    }
}

/// The threads of the visible stories (`shown`: which articles are visible).
fn visible_threads(ws: &Workspace, stories: &[VisibleStory], shown: &[bool]) -> Vec<VisibleThread> {
    let alignment = &ws.comparison.alignment;
    let articles = ws.articles();
    let mut visible_story: Vec<Option<&VisibleStory>> = vec![None; alignment.stories.len()];
    for s in stories {
        visible_story[s.index] = Some(s);
    }
    let mut threads: Vec<VisibleThread> = alignment
        .threads
        .iter()
        .enumerate()
        .filter_map(|(index, thread)| {
            let developments: Vec<&VisibleStory> = thread.stories.iter().filter_map(|&s| visible_story[s]).collect();
            if developments.len() < 2 {
                return None;
            }
            let first = developments
                .iter()
                .map(|d| {
                    let dated: Vec<usize> = alignment.stories[d.index].articles.iter().copied().filter(|&a| shown[a]).collect();
                    let earliest = dated.iter().filter_map(|&a| articles[a].published).min();
                    let mut first: Vec<usize> = dated.iter().filter(|&&a| earliest.is_some() && articles[a].published == earliest).map(|&a| ws.outlet_of[a]).collect();
                    first.sort_unstable();
                    first.dedup();
                    first
                })
                .collect();
            let mut count: std::collections::BTreeMap<usize, usize> = Default::default();
            for d in &developments {
                for &o in &d.outlets {
                    *count.entry(o).or_default() += 1;
                }
            }
            let mut outlets: Vec<usize> = count.keys().copied().collect();
            outlets.sort_by_key(|o| (std::cmp::Reverse(count[o]), *o));
            let spans = developments.iter().filter_map(|d| ws.story_span[d.index]);
            let span = spans.clone().map(|s| s.0).min().zip(spans.map(|s| s.1).max());
            Some(VisibleThread {
                index,
                stories: developments.iter().map(|d| d.index).collect(),
                covered: developments.iter().map(|d| d.outlets.clone()).collect(),
                first,
                outlets,
                span,
                articles: developments.iter().map(|d| d.articles).sum(),
                claims: developments.iter().map(|d| d.claims).sum(),
            })
        })
        .collect();
    threads.sort_by_key(|t| (t.span.is_none(), t.span.map(|s| s.0), t.index));
    threads
}
