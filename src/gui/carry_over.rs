//! What the reader's selection becomes when a new alignment arrives: the story and event they
//! had chosen, found again by content (numbers change with every alignment, the articles and
//! passages they hold do not). Nothing here needs a window, so it is tested without one.

use super::command::{List, Mode};
use super::filter::Visible;
use super::view::Selection;
use super::workspace::Workspace;

/// The selection once `new` replaces `old`, `old` being the alignment of the same folder it
/// replaces (`None` for another folder) and `visible` what the filters show of `new`.
///
/// Of the same folder, the reader stays with the story sharing most articles with the one they
/// had chosen and the event sharing most passages with theirs; another folder opens on its first
/// story's claims when the stories list is shown.
pub fn selection_after(selection: &Selection, old: Option<&Workspace>, new: &Workspace, visible: &Visible) -> Selection {
    let mut next = selection.clone();
    let (story, event) = old.map_or((None, None), |old| (same_story(old, selection, new), same_event(old, selection, new)));
    if old.is_none() {
        next.mode = Mode::Comparison;
        next.base = None;
    }
    if let Mode::Article(a) = next.mode
        && a >= new.articles().len()
    {
        next.mode = Mode::Comparison;
    }
    next.story = story;
    if let Mode::Story(_) = next.mode {
        next.mode = story.map_or(Mode::Comparison, Mode::Story);
    }
    next.thread = old.and_then(|old| same_thread(old, selection, new));
    if let Mode::Thread(_) = next.mode {
        next.mode = next.thread.map_or(Mode::Comparison, Mode::Thread);
    }
    let events = new.comparison.alignment.events.len();
    next.event = event.filter(|&e| e < events && visible.position(e).is_some()).or(visible.events.first().map(|e| e.index));
    if old.is_none()
        && next.list == List::Stories
        && let Some(first) = visible.stories.first()
    {
        next.story = Some(first.index);
        next.mode = Mode::Story(first.index);
    }
    next
}

/// The story of `new` sharing most articles with the story chosen in `old` (none when none shares any).
fn same_story(old: &Workspace, selection: &Selection, new: &Workspace) -> Option<usize> {
    let chosen = old.comparison.alignment.stories.get(selection.story?)?;
    let articles: std::collections::HashSet<usize> = chosen.articles.iter().copied().collect();
    let shared = |t: &crate::align::Story| t.articles.iter().filter(|a| articles.contains(a)).count();
    let (best, story) = new.comparison.alignment.stories.iter().enumerate().max_by_key(|(k, t)| (shared(t), std::cmp::Reverse(*k)))?;
    (shared(story) > 0).then_some(best)
}

/// The thread of `new` sharing most articles with the thread chosen in `old` (none when none shares any).
fn same_thread(old: &Workspace, selection: &Selection, new: &Workspace) -> Option<usize> {
    let stories = &old.comparison.alignment.stories;
    let chosen = old.comparison.alignment.threads.get(selection.thread?)?;
    let articles: std::collections::HashSet<usize> = chosen.stories.iter().flat_map(|&s| stories[s].articles.iter().copied()).collect();
    let new_stories = &new.comparison.alignment.stories;
    let shared = |t: &crate::align::Thread| t.stories.iter().flat_map(|&s| &new_stories[s].articles).filter(|a| articles.contains(a)).count();
    let (best, thread) = new.comparison.alignment.threads.iter().enumerate().max_by_key(|(k, t)| (shared(t), std::cmp::Reverse(*k)))?;
    (shared(thread) > 0).then_some(best)
}

/// The event of `new` sharing most passages with the event chosen in `old` (none when none shares any).
fn same_event(old: &Workspace, selection: &Selection, new: &Workspace) -> Option<usize> {
    let chosen = old.comparison.alignment.events.get(selection.event?)?;
    let shared = |f: &crate::align::Event| f.passages.iter().filter(|p| chosen.passages.contains(p)).count();
    let (best, event) = new.comparison.alignment.events.iter().enumerate().max_by_key(|(k, f)| (shared(f), std::cmp::Reverse(*k)))?;
    (shared(event) > 0).then_some(best)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use super::*;
    use crate::gui::filter::Filters;

    fn seeds() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
    }

    fn workspace(threshold: f32) -> Workspace {
        let comparison = crate::compare(&[seeds()], threshold).unwrap();
        Workspace::new(seeds(), Arc::new(comparison), threshold)
    }

    fn nothing_chosen() -> Selection {
        Selection { event: None, story: None, thread: None, list: List::Stories, base: None, mode: Mode::Comparison }
    }

    #[test]
    fn another_folder_opens_on_its_first_story() {
        let new = workspace(crate::DEFAULT_THRESHOLD);
        let visible = Visible::compute(&new, &Filters::default());
        let was = Selection { base: Some(3), mode: Mode::Article(99), ..nothing_chosen() };
        let next = selection_after(&was, None, &new, &visible);
        let first = visible.stories[0].index;
        assert_eq!((next.story, next.mode, next.base), (Some(first), Mode::Story(first), None));
        assert_eq!(next.event, Some(visible.events[0].index), "the first visible event is chosen");
    }

    #[test]
    fn a_realignment_keeps_the_reader_on_the_story_and_event_they_chose() {
        let old = workspace(crate::DEFAULT_THRESHOLD);
        let new = workspace(crate::DEFAULT_THRESHOLD + 0.1);
        let visible = Visible::compute(&new, &Filters::default());
        let stories = &old.comparison.alignment.stories;
        let story = (0..stories.len()).max_by_key(|&s| stories[s].articles.len()).unwrap();
        let event = old.comparison.alignment.events.iter().position(|e| e.story == Some(story)).unwrap();
        let was = Selection { story: Some(story), event: Some(event), mode: Mode::Story(story), ..nothing_chosen() };
        let next = selection_after(&was, Some(&old), &new, &visible);
        let kept = next.story.expect("a story holds the chosen one's articles");
        let articles = |ws: &Workspace, s: usize| ws.comparison.alignment.stories[s].articles.clone();
        assert!(articles(&new, kept).iter().any(|a| articles(&old, story).contains(a)));
        assert_eq!(next.mode, Mode::Story(kept), "the claims grid stays open on it");
        let chosen = &old.comparison.alignment.events[event].passages;
        let now = &new.comparison.alignment.events[next.event.unwrap()].passages;
        assert!(now.iter().any(|p| chosen.contains(p)), "the event shares passages with the chosen one");
    }

    #[test]
    fn an_article_that_is_gone_closes_its_view() {
        let ws = workspace(crate::DEFAULT_THRESHOLD);
        let visible = Visible::compute(&ws, &Filters::default());
        let reading = Selection { mode: Mode::Article(ws.articles().len()), ..nothing_chosen() };
        assert_eq!(selection_after(&reading, Some(&ws), &ws, &visible).mode, Mode::Comparison);
        let reading = Selection { mode: Mode::Article(0), ..nothing_chosen() };
        assert_eq!(selection_after(&reading, Some(&ws), &ws, &visible).mode, Mode::Article(0));
    }
}
