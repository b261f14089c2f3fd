//! What the window knows about the open folder: the comparison, plus the indexes every panel
//! needs (outlets and their colours, which event each passage belongs to, search text), built
//! once per load so that no frame recomputes them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use egui::Color32;
use rayon::prelude::*;
use jiff::civil::Date;
use crate::Comparison;

use super::colors;

/// Name shown for articles whose outlet is not known.
pub const UNKNOWN_OUTLET: &str = "unknown";

#[derive(Debug, Clone)]
pub struct Outlet {
    pub name: String,
    pub color: Color32,
    pub articles: usize,
    pub first: Option<Date>,
    pub last: Option<Date>,
}

pub struct Workspace {
    pub folder: PathBuf,
    pub comparison: Arc<Comparison>,
    /// The strictness the comparison was aligned at.
    pub threshold: f32,
    /// Sorted by name.
    pub outlets: Vec<Outlet>,
    /// Article → index into `outlets`.
    pub outlet_of: Vec<usize>,
    /// Article → passage → event index.
    pub event_of: Vec<Vec<Option<u32>>>,
    /// What the search box reads of each event (its passages and their outlets): built in the
    /// background, as the window shows the folder.
    event_search: SearchIndex,
    /// The same of each article (its title, outlet and whole text: the articles list is
    /// searched too), kept across re-alignments of the same articles.
    article_search: SearchIndex,
    /// Event → short label.
    pub labels: Vec<String>,
    /// Story → its headline (its most typical article's title) and its first and last dates.
    pub story_labels: Vec<String>,
    pub story_span: Vec<Option<(Date, Date)>>,
    /// Story → the thread it is a development of (an index into the alignment's threads).
    pub thread_of: Vec<Option<usize>>,
    /// Thread → the headline of its story with the most articles.
    pub thread_labels: Vec<String>,
    /// The other stories whose articles reuse a passage's text, so a claims grid can link to
    /// them.
    pub reuse: crate::story_grid::Reuse,
    /// Earliest and latest article dates.
    pub span: Option<(Date, Date)>,
    pub undated: usize,
}

impl Workspace {
    /// What the window shows of `comparison`, aligned at strictness `threshold`.
    pub fn new(folder: PathBuf, comparison: Arc<Comparison>, threshold: f32) -> Workspace {
        Workspace::with_search(folder, comparison, threshold, None)
    }

    /// Like [`Workspace::new`], with the articles' search index `search` when it is already
    /// being built for these articles (a re-alignment keeps them).
    pub(super) fn with_search(folder: PathBuf, comparison: Arc<Comparison>, threshold: f32, search: Option<SearchIndex>) -> Workspace {
        let articles = &comparison.articles;
        let mut by_name: BTreeMap<String, Outlet> = BTreeMap::new();
        for a in articles.iter() {
            let name = a.shown_outlet();
            let o = by_name.entry(name.clone()).or_insert_with(|| Outlet { color: colors::for_name(&name), name, articles: 0, first: None, last: None });
            o.articles += 1;
            if let Some(d) = a.published {
                o.first = Some(o.first.map_or(d, |f| f.min(d)));
                o.last = Some(o.last.map_or(d, |l| l.max(d)));
            }
        }
        let mut outlets: Vec<Outlet> = by_name.into_values().collect();
        // The busiest outlets choose their colours first: they are the ones seen side by side.
        let mut by_size: Vec<usize> = (0..outlets.len()).collect();
        by_size.sort_by(|&a, &b| outlets[b].articles.cmp(&outlets[a].articles).then(a.cmp(&b)));
        let names: Vec<&str> = by_size.iter().map(|&o| outlets[o].name.as_str()).collect();
        let colours = colors::distinct(&names);
        for (&o, colour) in by_size.iter().zip(colours) {
            outlets[o].color = colour;
        }
        let outlet_of = articles
            .iter()
            .map(|a| {
                let name = a.shown_outlet();
                outlets.binary_search_by(|o| o.name.as_str().cmp(&name)).unwrap_or(0)
            })
            .collect();
        let mut event_of: Vec<Vec<Option<u32>>> = articles.iter().map(|a| vec![None; a.passages.len()]).collect();
        for (i, e) in comparison.alignment.events.iter().enumerate() {
            for p in &e.passages {
                event_of[p.article][p.passage] = Some(i as u32);
            }
        }
        let labels = comparison
            .alignment
            .events
            .par_iter()
            .map(|e| {
                let central = &articles[e.central.article];
                crate::text::short_label(&central.passage_text(&central.passages[e.central.passage]), 110)
            })
            .collect();
        let story_labels = comparison
            .alignment
            .stories
            .iter()
            .map(|s| crate::story_grid::story_label(articles, s))
            .collect();
        let story_span = comparison
            .alignment
            .stories
            .iter()
            .map(|s| {
                let dates = s.articles.iter().filter_map(|&a| articles[a].published);
                dates.clone().min().zip(dates.max())
            })
            .collect();
        let threads = &comparison.alignment.threads;
        let mut thread_of = vec![None; comparison.alignment.stories.len()];
        for (t, thread) in threads.iter().enumerate() {
            thread.stories.iter().for_each(|&s| thread_of[s] = Some(t));
        }
        let stories = &comparison.alignment.stories;
        let thread_labels = threads
            .iter()
            .map(|t| t.stories.iter().max_by_key(|&&s| (stories[s].articles.len(), std::cmp::Reverse(s))).map_or_else(String::new, |&s| crate::story_grid::story_label(articles, &stories[s])))
            .collect();
        let reuse = crate::story_grid::Reuse::new(&comparison.alignment);
        let dates = articles.iter().filter_map(|a| a.published);
        let span = dates.clone().min().zip(dates.max());
        let undated = articles.iter().filter(|a| a.published.is_none()).count();
        let event_search = SearchIndex::default();
        let article_search = search.unwrap_or_default();
        Workspace {
            folder,
            comparison,
            threshold,
            outlets,
            outlet_of,
            event_of,
            event_search,
            article_search,
            labels,
            story_labels,
            story_span,
            thread_of,
            thread_labels,
            reuse,
            span,
            undated,
        }
    }

    /// Starts building, on other threads, what a search and a change of strictness need (the
    /// search indexes, what re-aligning reuses): reading every word of every event and article
    /// takes most of a second on a big folder. Called once the window shows the workspace, so
    /// that its first frame does not share the cores; what is asked for before it is done waits.
    pub(super) fn prepare_in_background(&self) {
        let (events, comparison) = (self.event_search.clone(), self.comparison.clone());
        rayon::spawn(move || {
            events.get_or_init(|| Searchable::of_events(&comparison));
        });
        let (articles, comparison) = (self.article_search.clone(), self.comparison.clone());
        rayon::spawn(move || {
            articles.get_or_init(|| Searchable::of_articles(&comparison.articles));
        });
        let comparison = self.comparison.clone();
        rayon::spawn(move || {
            comparison.prepared();
        });
    }

    /// Whether event `event` matches one word typed in the search box (see [`search_words`]): as
    /// written, or as a spelling variant or another form of the same word.
    pub fn event_matches(&self, event: usize, word: &SearchWord) -> bool {
        self.event_search.get_or_init(|| Searchable::of_events(&self.comparison)).matches(event, word)
    }

    /// What the search reads of event `event`: its passages and outlets, searchable.
    pub fn event_search_text(&self, event: usize) -> &str {
        &self.event_search.get_or_init(|| Searchable::of_events(&self.comparison)).text[event]
    }

    /// The articles' search index, for a re-alignment of the same articles to keep.
    pub(super) fn article_search(&self) -> SearchIndex {
        self.article_search.clone()
    }

    /// Whether article `article` (its title, outlet and text) matches one word typed in the
    /// search box, the same way.
    pub fn article_matches(&self, article: usize, word: &SearchWord) -> bool {
        self.article_search.get_or_init(|| Searchable::of_articles(&self.comparison.articles)).matches(article, word)
    }

    pub fn articles(&self) -> &[crate::Article] {
        &self.comparison.articles
    }

    pub fn outlet(&self, article: usize) -> &Outlet {
        &self.outlets[self.outlet_of[article]]
    }

    /// A colour for an event, for article highlights.
    pub fn event_color(&self, event: usize) -> Color32 {
        colors::for_name(&format!("event {event}"))
    }
}

/// A search index, built once on another thread and waited for by a search asked for before.
pub(super) type SearchIndex = Arc<OnceLock<Searchable>>;

/// What the search reads of each event or article: its text, searchable, and the normal forms
/// of its words, sorted (the search finds "Kyiv" for "kiev" and "Zelensky" for "zelenskyy", as
/// the engine matches them).
pub(super) struct Searchable {
    text: Vec<String>,
    words: Vec<Vec<String>>,
}

impl Searchable {
    fn of_events(comparison: &Comparison) -> Searchable {
        let articles = &comparison.articles;
        Searchable::of(&comparison.alignment.events, |e| {
            let mut text = String::new();
            for p in &e.passages {
                let a = &articles[p.article];
                text.push_str(&crate::furniture::without_inline_widgets(&a.text[a.passages[p.passage].range()]));
                text.push(' ');
                text.push_str(&a.shown_outlet());
                text.push(' ');
            }
            text
        })
    }

    fn of_articles(articles: &[crate::Article]) -> Searchable {
        Searchable::of(articles, |a| format!("{} {} {}", a.title.as_deref().unwrap_or(""), a.shown_outlet(), a.text))
    }

    fn of<T: Sync>(items: &[T], text_of: impl Fn(&T) -> String + Sync) -> Searchable {
        let (text, words) = items
            .par_iter()
            .map(|item| {
                let text = searchable(&text_of(item));
                let words = word_forms(&text);
                (text, words)
            })
            .unzip();
        Searchable { text, words }
    }

    fn matches(&self, item: usize, word: &SearchWord) -> bool {
        word.found_in(&self.text[item], &self.words[item])
    }
}

/// Text as the search compares it: lowercase, and a figure's digit groups joined ("5,000" and
/// "5 000" are "5000"), so a figure is found however it is written or typed.
pub fn searchable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let separator = matches!(c, ',' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’');
        let grouped = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1..i + 4).is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if !(separator && grouped) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The normal forms of a searchable text's words, sorted, each once.
fn word_forms(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter_map(crate::terms::normalize_word).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// One word typed in the search box, as written (searchable) and in its normal form.
pub struct SearchWord {
    written: String,
    normal: Option<String>,
}

impl SearchWord {
    /// Whether one word of a text (as shown) is, or holds, what was searched for.
    pub fn marks(&self, word: &str) -> bool {
        let shown = searchable(word.trim_matches(|c: char| !c.is_alphanumeric()));
        shown.contains(&self.written) || self.normal.as_deref().is_some_and(|n| crate::terms::normalize_word(&shown).as_deref() == Some(n))
    }

    fn found_in(&self, text: &str, words: &[String]) -> bool {
        text.contains(&self.written) || self.normal.as_deref().is_some_and(|n| words.binary_search_by(|w| w.as_str().cmp(n)).is_ok())
    }
}

/// The words of a search.
pub fn search_words(search: &str) -> Vec<SearchWord> {
    searchable(search.trim()).split_whitespace().map(|w| SearchWord { written: w.to_string(), normal: crate::terms::normalize_word(w) }).collect()
}

#[cfg(test)]
mod tests {
    use super::{search_words, searchable};

    #[test]
    fn the_words_searched_for_are_marked_however_they_are_written() {
        let marks = |search: &str, word: &str| search_words(search).iter().any(|w| w.marks(word));
        assert!(marks("5000", "5,000"));
        assert!(marks("5,000", "5000"));
        assert!(marks("kiev", "Kyiv,"), "a spelling the engine knows");
        assert!(marks("missile", "missiles"), "another form of the word");
        assert!(!marks("kiev", "Kharkiv"));
        assert!(search_words("  ").is_empty());
    }

    #[test]
    fn a_figure_is_searched_however_its_digits_are_grouped() {
        assert_eq!(searchable("Over 5,000 missiles"), "over 5000 missiles");
        assert_eq!(searchable("5\u{202f}000 and 12,345,678"), "5000 and 12345678");
        assert_eq!(searchable("In 2024, 150 people"), "in 2024, 150 people");
        assert_eq!(searchable("1,5 and 3, 4"), "1,5 and 3, 4");
    }
}
