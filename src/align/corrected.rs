//! The user's corrections (see [`crate::corrections`]) applied to what the engine found: story
//! fixes to the stories before their ledes and claims are found (so an article moved into a
//! story lines up with it), claim fixes to the groups of passages before they become events.
//! Each fix applies in the order it was made; one whose article or passage is gone is said in
//! words (for Problems) and the others still apply.

use std::collections::{BTreeSet, HashMap};

use super::model::{EventKind, Story};
use crate::article::Article;
use crate::corrections::{ClaimFix, Corrections, Note, PassageKey, StoryFix};
use super::similarity::Vectors;

/// Finds the articles and passages corrections name.
pub(super) struct Keys<'a> {
    articles: &'a [Article],
    article_of: HashMap<String, usize>,
    /// Per article: the index of its first passage in the flat list of every passage.
    offset: Vec<u32>,
}

impl<'a> Keys<'a> {
    pub(super) fn new(articles: &'a [Article]) -> Keys<'a> {
        let article_of = articles.iter().enumerate().map(|(i, a)| (crate::sidecar::normal_key(&a.sidecar_key()), i)).collect();
        let mut offset = Vec::with_capacity(articles.len());
        let mut next = 0u32;
        for a in articles {
            offset.push(next);
            next += a.passages.len() as u32;
        }
        Keys { articles, article_of, offset }
    }

    fn article(&self, key: &str, unapplied: &mut Vec<String>) -> Option<usize> {
        let found = self.article_of.get(&crate::sidecar::normal_key(key)).copied();
        if found.is_none() {
            unapplied.push(format!("a correction names {key}, which is not in the folder any more; that part of it was not applied"));
        }
        found
    }

    /// The passage's index in the flat list of every passage.
    fn passage(&self, key: &PassageKey, unapplied: &mut Vec<String>) -> Option<u32> {
        let a = self.article(&key.article, unapplied)?;
        let article = &self.articles[a];
        let found = article.passages.iter().position(|p| article.passage_text(p) == key.text);
        if found.is_none() {
            unapplied.push(format!(
                "a correction names a passage of {} that it no longer has (“{}”); that part of it was not applied",
                key.article,
                crate::text::short_label(&key.text, 60)
            ));
        }
        found.map(|p| self.offset[a] + p as u32)
    }

    /// The article a passage of the flat list is in.
    fn article_of_passage(&self, passage: u32) -> usize {
        self.offset.partition_point(|&o| o <= passage) - 1
    }
}

/// Applies the story fixes; returns, per story after them, whether a fix changed it.
pub(super) fn stories(stories: &mut Vec<Story>, fixes: &[StoryFix], keys: &Keys, article_vectors: &Vectors, unapplied: &mut Vec<String>) -> Vec<bool> {
    if fixes.is_empty() {
        return vec![false; stories.len()];
    }
    let mut groups: Vec<Vec<usize>> = stories.iter().map(|s| s.articles.clone()).collect();
    let mut changed = vec![false; groups.len()];
    let story_of = |groups: &[Vec<usize>], a: usize| groups.iter().position(|g| g.contains(&a));
    for fix in fixes {
        match fix {
            StoryFix::Together { articles } => {
                let named: Vec<usize> = articles.iter().filter_map(|k| keys.article(k, unapplied)).collect();
                if named.len() < 2 {
                    continue;
                }
                let holding: BTreeSet<usize> = named.iter().filter_map(|&a| story_of(&groups, a)).collect();
                let mut joined: BTreeSet<usize> = named.iter().copied().collect();
                for &g in &holding {
                    joined.extend(std::mem::take(&mut groups[g]));
                }
                groups.push(joined.into_iter().collect());
                changed.push(true);
            }
            StoryFix::Apart { articles, from } => {
                let named: BTreeSet<usize> = articles.iter().filter_map(|k| keys.article(k, unapplied)).collect();
                let others: BTreeSet<usize> = from.iter().filter_map(|k| keys.article(k, unapplied)).collect();
                for (g, group) in groups.iter_mut().enumerate() {
                    if group.iter().any(|a| named.contains(a)) && group.iter().any(|a| others.contains(a)) {
                        group.retain(|a| !named.contains(a));
                        changed[g] = true;
                    }
                }
            }
        }
    }
    let old = std::mem::take(stories);
    let mut corrected = Vec::new();
    for (g, members) in groups.into_iter().enumerate() {
        if members.len() < 2 {
            continue;
        }
        if !changed[g] {
            stories.push(old[g].clone());
        } else {
            let members: Vec<u32> = members.iter().map(|&a| a as u32).collect();
            stories.push(super::stories::story(&members, article_vectors));
        }
        corrected.push(changed[g]);
    }
    corrected
}

/// A group of passages on its way to be an event: its kind, its story, its members (indexes
/// in the flat list of every passage), and what the user said of it.
pub(super) struct Group {
    pub kind: EventKind,
    pub story: Option<usize>,
    pub members: Vec<u32>,
    pub corrected: bool,
    pub checked: bool,
    pub notes: Vec<String>,
}

/// Applies the claim fixes and the notes to the groups of passages of stories (`story` set; the
/// reuse across stories is the copy's, not a claim, and is left as found), and the story notes
/// to `story_notes`.
pub(super) fn claims(groups: &mut Vec<Group>, corrections: &Corrections, keys: &Keys, story_of: &[Option<usize>], story_notes: &mut [Vec<String>], unapplied: &mut Vec<String>) {
    for fix in &corrections.claims {
        match fix {
            ClaimFix::Together { passages } => {
                let named: Vec<u32> = passages.iter().filter_map(|k| keys.passage(k, unapplied)).collect();
                if named.len() < 2 {
                    continue;
                }
                let stories: BTreeSet<Option<usize>> = named.iter().map(|&p| story_of[keys.article_of_passage(p)]).collect();
                let story = match (stories.len(), stories.first()) {
                    (1, Some(&Some(story))) => story,
                    _ => {
                        unapplied.push(format!("passages paired by hand are not in one story any more ({}); they were left apart", describe(passages)));
                        continue;
                    }
                };
                let holding: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].story.is_some() && groups[g].members.iter().any(|m| named.contains(m))).collect();
                let mut members: BTreeSet<u32> = named.iter().copied().collect();
                let kind = holding.first().map_or(EventKind::Claim, |&g| groups[g].kind);
                let (mut checked, mut notes) = (false, Vec::new());
                for &g in holding.iter().rev() {
                    let group = groups.remove(g);
                    members.extend(group.members);
                    checked |= group.checked;
                    notes.extend(group.notes);
                }
                groups.push(Group { kind, story: Some(story), members: members.into_iter().collect(), corrected: true, checked, notes });
            }
            ClaimFix::Apart { passages, from } => {
                let named: BTreeSet<u32> = passages.iter().filter_map(|k| keys.passage(k, unapplied)).collect();
                let others: BTreeSet<u32> = from.iter().filter_map(|k| keys.passage(k, unapplied)).collect();
                for group in groups.iter_mut().filter(|g| g.story.is_some()) {
                    if group.members.iter().any(|m| named.contains(m)) && group.members.iter().any(|m| others.contains(m)) {
                        group.members.retain(|m| !named.contains(m));
                        group.corrected = true;
                    }
                }
            }
            ClaimFix::Checked { passages } => {
                let named: BTreeSet<u32> = passages.iter().filter_map(|k| keys.passage(k, unapplied)).collect();
                if named.len() < passages.len() {
                    continue;
                }
                match groups.iter_mut().find(|g| g.story.is_some() && g.members.len() == named.len() && g.members.iter().all(|m| named.contains(m))) {
                    Some(group) => group.checked = true,
                    None => unapplied.push(format!("a claim marked checked is not found as it was checked ({}); the mark was not applied", describe(passages))),
                }
            }
        }
    }
    for note in &corrections.notes {
        match note {
            Note::Story { story, text } => {
                if let Some(a) = keys.article(story, unapplied) {
                    match story_of[a] {
                        Some(s) => story_notes[s].push(text.clone()),
                        None => unapplied.push(format!("a note on the story of {story} has no story to go with: {story} is in none now (“{}”)", crate::text::short_label(text, 60))),
                    }
                }
            }
            Note::Claim { claim, text } => {
                if let Some(p) = keys.passage(claim, unapplied) {
                    match groups.iter_mut().find(|g| g.story.is_some() && g.members.contains(&p)) {
                        Some(group) => group.notes.push(text.clone()),
                        None => unapplied.push(format!("a note on a claim of {} has no claim to go with (“{}”)", claim.article, crate::text::short_label(text, 60))),
                    }
                }
            }
        }
    }
}

fn describe(passages: &[PassageKey]) -> String {
    passages.iter().map(|p| format!("{}: “{}”", p.article, crate::text::short_label(&p.text, 40))).collect::<Vec<_>>().join("; ")
}
