//! Threads: stories that continue one subject (the same actors, places and subject, a few days
//! apart), in order. Each story is judged against the stories it resembles by a fitted model of
//! the same form as the judgement of stories ([`super::judge::Model`]), `assets/thread_model.json`,
//! fitted by `benches/fit_threads.py` on labelled story pairs and overridden by
//! `PARALLAX_THREAD_MODEL`. Stories are grouped by average linkage on that probability, so a
//! thread's stories belong together on average, not each only to the next.

use std::sync::LazyLock;

use jiff::civil::Date;
use rayon::prelude::*;

use super::judge::{Model, model};
use super::model::{Story, Thread};
use super::pairs::{Edge, average_linkage, document_frequencies, similar_pairs};
use super::similarity::{Vectors, add_up, normalize};
use crate::article::Article;

/// The features of a story pair, in the order of the model's weights. Few on purpose: the
/// hand-labelled pairs they are fitted on are few, and richer features (shared names, headline
/// similarity, ranks) fitted them better but joined look-alike shootings of other corpora
/// (see `benches/fit_threads.py`).
pub const FEATURES: [&str; 3] = [
    // Cosine of the two stories' vectors (the sum of their articles' characteristic terms, the
    // names and places among them weighted up).
    "body",
    // ln(1 + days from the end of the earlier story to the start of the later; 0 when they
    // overlap), when both are dated; whether either is undated.
    "ln_gap",
    "undated",
];

/// Terms kept per story when comparing stories.
const STORY_TERMS: usize = 60;

/// Story pairs whose vectors are less alike than this are never asked about: they share too
/// little to continue one subject. A floor for the cost, as the candidate floor of stories is;
/// the model decides above it.
const CANDIDATE_FLOOR: f32 = 0.1;

/// The judgement of threads (story pairs), from `assets/thread_model.json`.
pub(super) static THREAD_MODEL: LazyLock<Model> = LazyLock::new(|| model(include_str!("../../assets/thread_model.json"), "PARALLAX_THREAD_MODEL", &FEATURES));

/// A candidate story pair (`a` starts no later than `b`) and its features.
pub(super) struct Candidate {
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) features: [f32; FEATURES.len()],
}

/// Every candidate pair of stories with its features.
pub(super) fn candidates(stories: &[Story], articles: &[Article], article_vectors: &Vectors) -> Vec<Candidate> {
    let story_vectors: Vectors = stories
        .par_iter()
        .map(|story| {
            let mut vector = add_up(story.articles.iter().map(|&a| &article_vectors[a]));
            vector.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            vector.truncate(STORY_TERMS);
            vector.sort_unstable_by_key(|e| e.0);
            normalize(&mut vector);
            vector
        })
        .collect();
    let spans = spans(stories, articles);
    let edges = similar_pairs(&story_vectors, &document_frequencies(&story_vectors), CANDIDATE_FLOOR);
    edges
        .par_iter()
        .map(|e| {
            // The earlier story first (by first date, then by index): it starts no later than
            // the other, so the gap runs from its last day to the other's first.
            let (mut a, mut b) = (e.a as usize, e.b as usize);
            if (spans[b].map(|s| s.0), b) < (spans[a].map(|s| s.0), a) {
                std::mem::swap(&mut a, &mut b);
            }
            let (ln_gap, undated) = match (spans[a], spans[b]) {
                (Some((_, a_last)), Some((b_first, _))) => (((b_first - a_last).get_days().max(0) as f32).ln_1p(), 0.0),
                _ => (0.0, 1.0),
            };
            Candidate { a: a as u32, b: b as u32, features: [e.weight, ln_gap, undated] }
        })
        .collect()
}

/// The threads of the stories: groups of stories whose pairs average at least `cut` (average
/// linkage, which cannot chain: a pair that is not a candidate counts as 0), two or more
/// stories each, in order of their first date.
pub(super) fn threads(stories: &[Story], articles: &[Article], candidates: &[Candidate], cut: f32) -> Vec<Thread> {
    let edges: Vec<Edge> = candidates.iter().map(|c| Edge { a: c.a, b: c.b, weight: THREAD_MODEL.probability(&c.features) }).collect();
    // Undated stories last.
    let first: Vec<(bool, Option<Date>)> = spans(stories, articles).iter().map(|s| (s.is_none(), s.map(|s| s.0))).collect();
    // Average linkage gives groups of two or more.
    let mut threads: Vec<Thread> = average_linkage(&edges, cut)
        .into_iter()
        .map(|m| {
            let mut m: Vec<usize> = m.into_iter().map(|s| s as usize).collect();
            m.sort_by_key(|&s| (first[s], s));
            Thread { stories: m }
        })
        .collect();
    threads.sort_by_key(|t| (first[t.stories[0]], t.stories[0]));
    threads
}

/// Each story's first and last publication days (`None` when none of its articles is dated).
fn spans(stories: &[Story], articles: &[Article]) -> Vec<Option<(Date, Date)>> {
    stories
        .iter()
        .map(|story| {
            let dates = story.articles.iter().filter_map(|&a| articles[a].published);
            dates.clone().min().zip(dates.max())
        })
        .collect()
}
