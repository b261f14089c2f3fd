//! One story as a grid, computed once for the window and every export: a column per article
//! (grouped by outlet, in the order the outlets published), the base column, a row per claim
//! (in the base article's order, then by date), who reported each first, and which other
//! stories reuse a cell's text.

use rustc_hash::FxHashMap;

use crate::align::{Alignment, Event, EventKind, Story};
use crate::article::Article;
use crate::first_reported::first_reported;

/// A story's label: its central article's headline, else its path.
pub fn story_label(articles: &[Article], story: &Story) -> String {
    let central = &articles[story.central];
    central.title.clone().unwrap_or_else(|| central.path.clone())
}

/// For each passage of a reuse event, the other stories its text is reused in; built once per
/// alignment.
#[derive(Debug, Default)]
pub struct Reuse(FxHashMap<(usize, usize), Vec<usize>>);

impl Reuse {
    pub fn new(alignment: &Alignment) -> Reuse {
        let mut story_of = FxHashMap::default();
        for (s, story) in alignment.stories.iter().enumerate() {
            for &a in &story.articles {
                story_of.insert(a, s);
            }
        }
        let mut reused: FxHashMap<(usize, usize), Vec<usize>> = FxHashMap::default();
        for e in alignment.events.iter().filter(|e| e.kind == EventKind::Reuse) {
            for p in &e.passages {
                let own = story_of.get(&p.article);
                let others = e.passages.iter().filter_map(|q| story_of.get(&q.article)).filter(|&s| Some(s) != own);
                let entry = reused.entry((p.article, p.passage)).or_default();
                entry.extend(others);
                entry.sort_unstable();
                entry.dedup();
            }
        }
        reused.retain(|_, stories| !stories.is_empty());
        Reuse(reused)
    }

    /// The other stories reusing the text of an article's passage, sorted.
    pub fn stories_of(&self, article: usize, passage: usize) -> &[usize] {
        self.0.get(&(article, passage)).map_or(&[], Vec::as_slice)
    }
}

/// What a view leaves of a story: the articles it shows, and its events as the view restricts
/// them (each with its index into the alignment's events).
pub struct Shown<'a> {
    pub articles: &'a [bool],
    pub events: Vec<(usize, &'a Event)>,
}

#[derive(Debug)]
pub struct StoryGrid {
    pub story: usize,
    /// Articles, in column order.
    pub columns: Vec<usize>,
    /// The column the others are compared with.
    pub base: usize,
    pub rows: Vec<GridRow>,
}

#[derive(Debug)]
pub struct GridRow {
    pub event: usize,
    /// Per column: what the article says, or `None`: not reported.
    pub cells: Vec<Option<GridCell>>,
    /// The columns that published it first (ties share), among the shown ones.
    pub first: Vec<usize>,
    /// How many articles share the earliest date, shown or not.
    pub ties: usize,
    /// Whether a first one's date is uncertain (see [`crate::first_reported`]).
    pub first_uncertain: bool,
}

#[derive(Debug)]
pub struct GridCell {
    /// Whose words these are.
    pub article: usize,
    /// The article's words, as written (pieces of it joined as [`crate::article::Join`] says).
    pub text: String,
    /// The other stories that reuse its text, sorted.
    pub reused_in: Vec<usize>,
}

impl StoryGrid {
    /// The grid of `story`: every article and claim of it, or what `shown` leaves. The base is
    /// `base` if it is a column, else the first-published article.
    pub fn new(articles: &[Article], alignment: &Alignment, reuse: &Reuse, story: usize, shown: Option<&Shown>, base: Option<usize>) -> StoryGrid {
        let members: Vec<usize> = alignment.stories[story].articles.iter().copied().filter(|&a| shown.is_none_or(|s| s.articles[a])).collect();
        // Outlets in the order they first published the story, each outlet's articles by date.
        let outlet: FxHashMap<usize, String> = members.iter().map(|&a| (a, articles[a].shown_outlet())).collect();
        let date_key = |a: usize| (articles[a].published.is_none(), articles[a].published);
        let mut first_of_outlet: FxHashMap<&str, (bool, Option<jiff::civil::Date>)> = FxHashMap::default();
        for &a in &members {
            let first = first_of_outlet.entry(outlet[&a].as_str()).or_insert(date_key(a));
            *first = (*first).min(date_key(a));
        }
        let mut columns = members.clone();
        columns.sort_by(|&x, &y| (first_of_outlet[outlet[&x].as_str()], &outlet[&x], date_key(x), x).cmp(&(first_of_outlet[outlet[&y].as_str()], &outlet[&y], date_key(y), y)));
        let chosen = base.and_then(|b| columns.iter().position(|&a| a == b));
        let base = chosen.unwrap_or_else(|| (0..columns.len()).min_by_key(|&c| (date_key(columns[c]), c)).unwrap_or(0));
        let story_dates: Vec<jiff::civil::Date> = alignment.stories[story].articles.iter().filter_map(|&a| articles[a].published).collect();
        let all_events;
        let events: &[(usize, &Event)] = match shown {
            Some(s) => &s.events,
            None => {
                all_events = alignment.events.iter().enumerate().filter(|(_, e)| e.story == Some(story)).collect::<Vec<_>>();
                &all_events
            }
        };
        let mut rows: Vec<(Option<usize>, Option<jiff::civil::Date>, GridRow)> = events
            .iter()
            .filter(|(_, e)| e.story == Some(story))
            .map(|&(index, e)| {
                let cells: Vec<Option<GridCell>> = columns.iter().map(|&a| cell(articles, reuse, e, a)).collect();
                // First reported among all the story's articles that state it, shown or not: a
                // view that hides the first report never crowns a later one.
                let mut reporting: Vec<usize> = alignment.events[index].passages.iter().map(|p| p.article).collect();
                reporting.dedup();
                let reports: Vec<_> = reporting.iter().map(|&a| articles[a].published.map(|d| (d, articles[a].date_origin))).collect();
                let report = first_reported(&reports, &story_dates);
                let first = (0..columns.len()).filter(|&c| cells[c].is_some() && report.first.iter().any(|&k| reporting[k] == columns[c])).collect();
                let place_in_base = e.passages.iter().filter(|p| Some(&p.article) == columns.get(base)).map(|p| p.passage).min();
                (place_in_base, e.date, GridRow { event: index, cells, first, ties: report.first.len(), first_uncertain: report.uncertain })
            })
            .collect();
        rows.sort_by(|x, y| match (x.0, y.0) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => x.1.cmp(&y.1).then(x.2.event.cmp(&y.2.event)),
        });
        StoryGrid { story, columns, base, rows: rows.into_iter().map(|r| r.2).collect() }
    }
}

/// An article's passages of an event as one cell, or `None` if it has none.
fn cell(articles: &[Article], reuse: &Reuse, event: &Event, article: usize) -> Option<GridCell> {
    let passages: Vec<usize> = event.passages.iter().filter(|p| p.article == article).map(|p| p.passage).collect();
    if passages.is_empty() {
        return None;
    }
    let mut reused_in: Vec<usize> = passages.iter().flat_map(|&p| reuse.stories_of(article, p)).copied().collect();
    reused_in.sort_unstable();
    reused_in.dedup();
    Some(GridCell { article, text: articles[article].quote(&passages), reused_in })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{PassageRef, UserMarks};
    use jiff::civil::{Date, date};

    fn article(outlet: &str, published: Date) -> Article {
        let text = "First sentence of a passage that says one thing.\n\nSecond passage with another thing to say.\n";
        crate::test_support::article(&format!("{outlet}-{published}.txt"), outlet, published, text)
    }

    fn claim(passages: &[(usize, usize)]) -> Event {
        let passages: Vec<PassageRef> = passages.iter().map(|&(article, passage)| PassageRef { article, passage }).collect();
        Event { kind: EventKind::Claim, origin: crate::align::Origin::Parallax, central: passages[0], passages, date: None, agreement: 0.5, story: Some(0), evidence: Vec::new(), user: UserMarks::default() }
    }

    /// Beta on the 2nd, Alpha on the 1st, Beta again on the 1st; three claims.
    fn folder() -> (Vec<Article>, Alignment) {
        let articles = vec![article("Beta", date(2025, 1, 2)), article("Alpha", date(2025, 1, 1)), article("Beta", date(2025, 1, 1))];
        assert_eq!(articles[0].passages.len(), 2, "the fixture needs two passages an article");
        let story = Story { articles: vec![0, 1, 2], central: 0, user: UserMarks::default() };
        let events = vec![claim(&[(0, 1), (2, 0)]), claim(&[(0, 0), (1, 0)]), claim(&[(1, 1), (2, 1)])];
        (articles, Alignment { events, stories: vec![story], threads: Vec::new(), unapplied: Vec::new() })
    }

    #[test]
    fn columns_go_by_outlet_in_the_order_outlets_published_and_rows_by_the_base() {
        let (articles, alignment) = folder();
        let grid = StoryGrid::new(&articles, &alignment, &Reuse::new(&alignment), 0, None, None);
        // Both outlets first published on the 1st: by name, then each outlet's articles by date.
        assert_eq!(grid.columns, vec![1, 2, 0]);
        assert_eq!(grid.base, 0, "the first published, the leftmost of a tie");
        // The base article's passages in order, then the claim it does not state.
        assert_eq!(grid.rows.iter().map(|r| r.event).collect::<Vec<_>>(), vec![1, 2, 0]);
        let unstated = &grid.rows[2];
        assert!(unstated.cells[0].is_none(), "Alpha does not report it");
        assert_eq!(unstated.first, vec![1], "Beta's article of the 1st reported it first");
        assert_eq!(unstated.cells[1].as_ref().map(|c| c.text.as_str()), Some("First sentence of a passage that says one thing."));
    }

    #[test]
    fn a_chosen_base_leads_and_a_hidden_first_report_crowns_no_later_one() {
        let (articles, alignment) = folder();
        let grid = StoryGrid::new(&articles, &alignment, &Reuse::new(&alignment), 0, None, Some(0));
        assert_eq!(grid.columns[grid.base], 0);
        assert_eq!(grid.rows.iter().map(|r| r.event).collect::<Vec<_>>(), vec![1, 0, 2]);
        // Hide Beta's article of the 1st: claim 0 is left with the article of the 2nd alone.
        let visible = [true, true, false];
        let shown = Shown { articles: &visible, events: alignment.events.iter().enumerate().collect() };
        let grid = StoryGrid::new(&articles, &alignment, &Reuse::new(&alignment), 0, Some(&shown), None);
        assert_eq!(grid.columns, vec![1, 0]);
        let row = grid.rows.iter().find(|r| r.event == 0).expect("claim 0");
        assert!(row.cells[1].is_some());
        assert!(row.first.is_empty(), "the hidden article was first");
        assert_eq!(row.ties, 1);
    }
}
