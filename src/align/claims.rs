//! Claims inside one story: what each article says, lined up with what the others say.
//!
//! For each pair of articles of a story, every passage is scored against the passages of the
//! other article it shares a term with, and a pair is kept only if each passage is the other's
//! best counterpart and the score clears a low floor. Because a passage competes only with the passages of one other
//! article, the floor can be low without letting noise in: two wordings of one claim ("a bridge
//! to the second peace summit", "a bridge towards stopping the war") pair up even when they
//! share one word. The pairwise matches of N articles then merge into claims, a passage joining
//! a claim only if it is matched with at least half of the claim's passages and its article is
//! not in the claim yet, so a claim never becomes a chain and holds one passage per article.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::similarity::Vector;
use super::{Context, Story};
use crate::terms::TermKind;

/// The lowest score (passage similarity plus the articles' context bonus) at which two mutual
/// best counterparts are one claim, at the default strictness. Set on the dev sets; the
/// strictness that scales it is chosen by cross-validation (`benches/quality.py`). Low on
/// purpose: a passage competes only with the passages of one other article.
pub const CLAIM_FLOOR: f32 = 0.2;

/// How much a similar relative position in the two articles adds to a pair's rank (never to
/// the score that must clear the floor).
const POSITION_WEIGHT: f32 = 0.1;

/// Each article is matched passage by passage with at most this many of its story's articles
/// (the most similar): a story of hundreds of articles still costs linear time.
const PARTNERS: usize = 12;

/// Only an article's first this many passages (with terms) take part in claims. A news article
/// has tens of sentences, the longest in the dev corpora a few hundred; a file of megabytes
/// (a book, a transcript, a scrape gone wrong) has tens of thousands. Comparing two articles
/// costs at most `MAX_CLAIM_PASSAGES`² scored pairs (a million, some 30 MB held while the pair
/// is compared), however long the files: two 8 MB articles of one story finish in seconds.
pub const MAX_CLAIM_PASSAGES: usize = 1_000;

/// A mutual best match between two passages (flat passage indices).
#[derive(Debug, Clone, Copy)]
struct Match {
    a: u32,
    b: u32,
    score: f32,
}

/// The claims of every story, as groups of flat passage indices (each group from at least two
/// articles, with one passage per article), with the story each belongs to.
pub fn claims(stories: &[Story], vectors: &[Vector], kinds: &[TermKind], context: &Context, strictness: f32) -> Vec<(usize, Vec<u32>)> {
    stories
        .par_iter()
        .enumerate()
        .flat_map_iter(|(s, story)| {
            let matches = story_matches(story, vectors, kinds, context, CLAIM_FLOOR * strictness);
            merge(&matches, context).into_iter().map(move |claim| (s, claim))
        })
        .collect()
}

/// A pair of passages (by place in their articles' lists) that share a term, and its score.
struct Touched {
    x: u32,
    y: u32,
    score: f32,
    /// Whether they share a word or name (not only figures).
    worded: bool,
}

/// The mutual best matches between the articles of one story.
fn story_matches(story: &Story, vectors: &[Vector], kinds: &[TermKind], context: &Context, floor: f32) -> Vec<Match> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &a in &story.articles {
        let mut partners: Vec<(usize, f32)> =
            story.articles.iter().filter(|&&b| b != a).map(|&b| (b, context.article_similarity(a, b))).collect();
        partners.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        pairs.extend(partners.into_iter().take(PARTNERS).map(|(b, _)| (a.min(b), a.max(b))));
    }
    pairs.sort_unstable();
    pairs.dedup();
    // Each article's passages with terms, and their terms as (term, passage, weight) sorted by
    // term, so two articles meet in one merge of their lists.
    let passages: HashMap<usize, Vec<usize>> =
        story.articles.iter().map(|&a| (a, context.range[a].clone().filter(|&p| !vectors[p].is_empty()).take(MAX_CLAIM_PASSAGES).collect())).collect();
    let terms: HashMap<usize, Vec<(u32, u32, f32)>> = passages
        .iter()
        .map(|(&a, ps)| {
            let mut list: Vec<(u32, u32, f32)> = ps.iter().enumerate().flat_map(|(x, &p)| vectors[p].iter().map(move |&(t, w)| (t, x as u32, w))).collect();
            list.sort_unstable_by_key(|e| (e.0, e.1));
            (a, list)
        })
        .collect();
    let mut matches = Vec::new();
    for (a, b) in pairs {
        let (left, right) = (&passages[&a], &passages[&b]);
        if left.is_empty() || right.is_empty() {
            continue;
        }
        // Scores through the terms the two articles share. Only passages that share a word or
        // name can match: a figure or a year alone is not a claim ("150 people" and "$150").
        // Few pairs of passages share a term, so only those (`touched`, in the order first met)
        // are scored and ranked: memory grows with the pairs that share a term, never with
        // `left × right`.
        let mut touched: Vec<Touched> = Vec::new();
        let mut index_of: HashMap<u64, usize> = HashMap::default();
        let (ta, tb) = (&terms[&a], &terms[&b]);
        let (mut i, mut j) = (0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].0.cmp(&tb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let t = ta[i].0;
                    let is_word = matches!(kinds[t as usize], TermKind::Word | TermKind::Name);
                    let run_a = ta[i..].iter().take_while(|e| e.0 == t).count();
                    let run_b = tb[j..].iter().take_while(|e| e.0 == t).count();
                    for &(_, x, wx) in &ta[i..i + run_a] {
                        for &(_, y, wy) in &tb[j..j + run_b] {
                            let at = *index_of.entry(u64::from(x) << 32 | u64::from(y)).or_insert_with(|| {
                                touched.push(Touched { x, y, score: 0.0, worded: false });
                                touched.len() - 1
                            });
                            touched[at].score += wx * wy;
                            touched[at].worded |= is_word;
                        }
                    }
                    i += run_a;
                    j += run_b;
                }
            }
        }
        drop(index_of);
        touched.retain(|t| t.worded && t.score > 0.0);
        // Ranking also weighs the place of each passage: news tells a story in a similar order,
        // so of two near-equal counterparts the one at a similar relative place is likelier. It
        // only ranks: whether a pair clears the floor depends on its wording and articles.
        let place = |k: usize, n: usize| if n > 1 { k as f32 / (n - 1) as f32 } else { 0.5 };
        let rank = |t: &Touched| t.score + POSITION_WEIGHT * (1.0 - (place(t.x as usize, left.len()) - place(t.y as usize, right.len())).abs());
        // Each passage's best counterpart (of equal ranks, the earlier passage).
        let mut best_right: Vec<Option<(f32, usize)>> = vec![None; left.len()];
        let mut best_left: Vec<Option<(f32, usize)>> = vec![None; right.len()];
        let better = |best: Option<(f32, usize)>, r: f32, other: usize| best.is_none_or(|(br, bo)| r > br || (r == br && other < bo));
        for t in &touched {
            let (x, y) = (t.x as usize, t.y as usize);
            let r = rank(t);
            if better(best_right[x], r, y) {
                best_right[x] = Some((r, y));
            }
            if better(best_left[y], r, x) {
                best_left[y] = Some((r, x));
            }
        }
        let bonus = context.bonus(a, b);
        for t in &touched {
            let (x, y) = (t.x as usize, t.y as usize);
            let similarity = t.score;
            let mutual = best_right[x].is_some_and(|(_, b)| b == y) && best_left[y].is_some_and(|(_, b)| b == x);
            if mutual && similarity + bonus >= floor {
                matches.push(Match { a: left[x] as u32, b: right[y] as u32, score: similarity + bonus });
            }
        }
    }
    matches
}

/// Merges pairwise matches into claims, strongest first, with the consistency check.
fn merge(matches: &[Match], context: &Context) -> Vec<Vec<u32>> {
    let mut order: Vec<&Match> = matches.iter().collect();
    order.sort_unstable_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    let mut neighbours: HashMap<u32, Vec<u32>> = HashMap::default();
    for m in matches {
        neighbours.entry(m.a).or_default().push(m.b);
        neighbours.entry(m.b).or_default().push(m.a);
    }
    let mut claim_of: HashMap<u32, usize> = HashMap::default();
    let mut claims: Vec<Vec<u32>> = Vec::new();
    for m in order {
        let (ca, cb) = (claim_of.get(&m.a).copied(), claim_of.get(&m.b).copied());
        if ca.is_some() && ca == cb {
            continue;
        }
        let members = |c: Option<usize>, p: u32| c.map_or_else(|| vec![p], |c| claims[c].clone());
        let (left, right) = (members(ca, m.a), members(cb, m.b));
        // One passage per article: a claim is what each article says once.
        let left_articles: rustc_hash::FxHashSet<usize> = left.iter().map(|&x| context.article_of(x)).collect();
        if right.iter().any(|&y| left_articles.contains(&context.article_of(y))) {
            continue;
        }
        // Consistency: matched with at least half of the pairs across, never a chain.
        let in_right = |y: u32| match cb {
            Some(c) => claim_of.get(&y) == Some(&c),
            None => y == m.b,
        };
        let links: usize = left.iter().map(|x| neighbours[x].iter().filter(|&&y| in_right(y)).count()).sum();
        if 2 * links < left.len() * right.len() {
            continue;
        }
        let target = match (ca, cb) {
            (Some(c), _) | (None, Some(c)) => c,
            (None, None) => {
                claims.push(Vec::new());
                claims.len() - 1
            }
        };
        for p in left.into_iter().chain(right) {
            if claim_of.insert(p, target) != Some(target) {
                claims[target].push(p);
            }
        }
        for other in [ca, cb].into_iter().flatten().filter(|&c| c != target) {
            claims[other].clear();
        }
    }
    claims.into_iter().filter(|c| c.len() >= 2).collect()
}
