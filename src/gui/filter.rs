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

#[derive(Default)]
pub struct Visible {
    /// Stories with at least two visible articles and, when searching, a matching event; by
    /// the date of their first article.
    pub stories: Vec<VisibleStory>,
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
        Visible {
            stories,
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

    /// Position of an event (by comparison index) in the visible list.
    pub fn position(&self, event: usize) -> Option<usize> {
        self.events.iter().position(|e| e.index == event)
    }
}
