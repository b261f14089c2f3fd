//! Claims inside one story: what each article says, lined up with what the others say.
//!
//! For each pair of articles of a story (each article with its most similar ones), every passage
//! is scored against the passages of the other article it shares a word with, and the passages
//! that are each other's best counterpart are candidates. The fitted judgement of claims
//! ([`super::judge`], features in [`CLAIM_FEATURES`]) gives each candidate the probability that
//! both state one fact; below even odds they stay apart. A story's own subject does not make
//! a fact: a word in many of the story's passages ("Santa Fe" in the story of the Santa Fe
//! shooting) counts for little, so two passages must share what is specific to them. The pairs
//! then merge into claims, strongest first; a passage joins a claim only if it is paired with
//! every passage of the claim whose article it was compared with, and its article is not in the
//! claim yet, so a claim never becomes a chain and holds one passage per article.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use rayon::prelude::*;

use super::similarity::Vectors;
use super::context::Context;
use super::model::Story;
use crate::terms::TermKind;

/// Two mutual best counterparts are one claim when the fitted judgement of claims gives them at
/// least this probability, at the default strictness (which scales it): even odds.
pub const CLAIM_PROBABILITY: f32 = 0.5;

/// How much a similar relative position in the two articles adds to a pair's rank (which
/// passage is a passage's best counterpart), never to the features the judgement reads.
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
pub fn claims(stories: &[Story], vectors: &Vectors, kinds: &[TermKind], context: &Context, scale: f32) -> Vec<(usize, Vec<u32>)> {
    let model = &*CLAIM_MODEL;
    let cut = (CLAIM_PROBABILITY * scale).min(0.99);
    stories
        .par_iter()
        .enumerate()
        .flat_map_iter(|(s, story)| {
            let pairs = partner_pairs(story, context);
            let matches: Vec<Match> = candidates(story, &pairs, vectors, kinds, context)
                .into_iter()
                .filter_map(|c| {
                    let p = model.probability(&c.features);
                    (p >= cut).then_some(Match { a: c.a, b: c.b, score: p })
                })
                .collect();
            merge(&matches, &pairs, context).into_iter().map(move |claim| (s, claim))
        })
        .collect()
}

/// The candidates of one story, as the judgement of claims sees them (for fitting it).
pub(super) fn story_candidates(story: &Story, vectors: &Vectors, kinds: &[TermKind], context: &Context) -> Vec<Candidate> {
    candidates(story, &partner_pairs(story, context), vectors, kinds, context)
}

/// No place in the list of pairs of passages touched (see [`candidates`]).
const NOT_TOUCHED: u32 = u32::MAX;

/// A pair of passages (by place in their articles' lists) that share a term, and its score.
struct Touched {
    x: u32,
    y: u32,
    /// The cosine of the two passages.
    score: f32,
    /// The part of it carried by what is specific to them in the story (see [`Specificity`]).
    specific: f32,
    /// Whether they share a word or name of their own (not only figures, not only the story's
    /// subject).
    worded: bool,
}

/// The pairs of a story's articles whose passages are matched: each article with its most
/// similar articles of the story.
fn partner_pairs(story: &Story, context: &Context) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &a in &story.articles {
        let mut partners: Vec<(usize, f32)> =
            story.articles.iter().filter(|&&b| b != a).map(|&b| (b, context.article_similarity(a, b))).collect();
        partners.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        pairs.extend(partners.into_iter().take(PARTNERS).map(|(b, _)| (a.min(b), a.max(b))));
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A pair of passages that are each other's best counterpart in their two articles, with the
/// features the judgement of claims reads.
pub(super) struct Candidate {
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) features: [f32; CLAIM_FEATURES.len()],
}

/// The judgement of claims (passage pairs of one story), from `assets/claim_model.json`.
pub(super) static CLAIM_MODEL: std::sync::LazyLock<super::judge::Model> =
    std::sync::LazyLock::new(|| super::judge::model(include_str!("../../assets/claim_model.json"), "PARALLAX_CLAIM_MODEL", &CLAIM_FEATURES));

pub const CLAIM_FEATURES: [&str; 12] = [
    // The cosine of the two passages over what is specific to them in the story (each shared
    // term weighted by its specificity), and the share of their plain cosine that the story's
    // common words carry.
    "specific_similarity",
    "subject_share",
    // The bonus their articles' similarity gives a pair, and the probability that their
    // articles report one happening.
    "context",
    "same_happening",
    // ln(1 + the words, names and specific figures they share, each counted by its
    // specificity).
    "shared_words",
    "shared_names",
    "shared_figures",
    // ln(1 + the figures only one has), when both state figures: 5,000 missiles are not 500.
    "other_figures",
    // ln of the terms of the shorter passage: a short sentence says little to match on.
    "ln_terms",
    // How far apart their places in the two articles are (0..1).
    "place_gap",
    // How far each is ahead of the other's runner-up: 1 - runner-up's rank / theirs.
    "margin",
    // The words the shorter passage has that the other does not, as a share of its words.
    "unshared_share",
];

/// How specific each term is inside a story: its rarity among the story's passages,
/// `ln(passages / passages with it) / ln(passages)`, 1 for a term in one passage, falling to 0 for
/// one in every passage. The story's subject ("Santa Fe" in the story of the Santa Fe shooting)
/// is in many passages of every article and says little about which fact two passages state; a
/// fact is told once or twice in each article that reports it, however many do.
struct Specificity {
    /// In how many of the story's passages each term occurs.
    passages_with: HashMap<u32, u32>,
    ln_passages: f32,
}

impl Specificity {
    fn new<'a>(terms_by_article: impl Iterator<Item = &'a Vec<(u32, u32, f32)>>, passages: usize) -> Specificity {
        let mut passages_with: HashMap<u32, u32> = HashMap::default();
        for list in terms_by_article {
            // Each (term, passage) once: a passage's vector holds a term once.
            for &(t, _, _) in list {
                *passages_with.entry(t).or_default() += 1;
            }
        }
        Specificity { passages_with, ln_passages: (passages.max(2) as f32).ln() }
    }

    /// The specificity of a term of the story.
    fn of(&self, term: u32) -> f32 {
        let with = self.passages_with.get(&term).copied().unwrap_or(1).max(1) as f32;
        (1.0 - with.ln() / self.ln_passages).clamp(0.0, 1.0)
    }
}

/// Every pair of passages of the article `pairs` that are each other's best counterpart, with
/// their features.
fn candidates(story: &Story, pairs: &[(usize, usize)], vectors: &Vectors, kinds: &[TermKind], context: &Context) -> Vec<Candidate> {
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
    let specificity = Specificity::new(terms.values(), passages.values().map(Vec::len).sum());
    let mut found = Vec::new();
    // Per pair of passages (x, y) of the two articles, at x × right + y: its place in
    // `touched`, or none. Kept from pair to pair, and only the places touched are cleared.
    let mut place_of: Vec<u32> = Vec::new();
    for &(a, b) in pairs {
        let (left, right) = (&passages[&a], &passages[&b]);
        if left.is_empty() || right.is_empty() {
            continue;
        }
        // Scores through the terms the two articles share. Only passages that share a word or
        // name can match: a figure or a year alone is not a claim ("150 people" and "$150").
        // Few pairs of passages share a term, so only those (`touched`, in the order first met)
        // are scored and ranked; what is held per pair of passages is their place in that list
        // (four bytes; 4 MB for two articles of `MAX_CLAIM_PASSAGES`), found without hashing.
        let mut touched: Vec<Touched> = Vec::new();
        let width = right.len();
        if place_of.len() < left.len() * width {
            place_of.resize(left.len() * width, NOT_TOUCHED);
        }
        let (ta, tb) = (&terms[&a], &terms[&b]);
        let (mut i, mut j) = (0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].0.cmp(&tb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let t = ta[i].0;
                    let specific = specificity.of(t);
                    let is_word = matches!(kinds[t as usize], TermKind::Word | TermKind::Name) && specific > 0.0;
                    let run_a = ta[i..].iter().take_while(|e| e.0 == t).count();
                    let run_b = tb[j..].iter().take_while(|e| e.0 == t).count();
                    for &(_, x, wx) in &ta[i..i + run_a] {
                        for &(_, y, wy) in &tb[j..j + run_b] {
                            let place = &mut place_of[x as usize * width + y as usize];
                            if *place == NOT_TOUCHED {
                                *place = touched.len() as u32;
                                touched.push(Touched { x, y, score: 0.0, specific: 0.0, worded: false });
                            }
                            let at = *place as usize;
                            touched[at].score += wx * wy;
                            touched[at].specific += wx * wy * specific;
                            touched[at].worded |= is_word;
                        }
                    }
                    i += run_a;
                    j += run_b;
                }
            }
        }
        for t in &touched {
            place_of[t.x as usize * width + t.y as usize] = NOT_TOUCHED;
        }
        touched.retain(|t| t.worded && t.specific > 0.0);
        // A passage's best counterpart is the one it shares most of what is specific with. The
        // rank also weighs the place of each passage: news tells a story in a similar order, so
        // of two near-equal counterparts the one at a similar relative place is likelier.
        let place = |k: usize, n: usize| if n > 1 { k as f32 / (n - 1) as f32 } else { 0.5 };
        let rank = |t: &Touched| t.specific + POSITION_WEIGHT * (1.0 - (place(t.x as usize, left.len()) - place(t.y as usize, right.len())).abs());
        // Each passage's best counterpart (of equal ranks, the earlier passage).
        let mut best_right: Vec<Option<(f32, usize)>> = vec![None; left.len()];
        let mut best_left: Vec<Option<(f32, usize)>> = vec![None; right.len()];
        // The rank of each passage's runner-up: a counterpart far ahead of any other is a
        // likelier match than one of several near-equal ones.
        let mut second_right = vec![0.0f32; left.len()];
        let mut second_left = vec![0.0f32; right.len()];
        let better = |best: Option<(f32, usize)>, r: f32, other: usize| best.is_none_or(|(br, bo)| r > br || (r == br && other < bo));
        let offer = |best: &mut Option<(f32, usize)>, second: &mut f32, r: f32, other: usize| {
            if better(*best, r, other) {
                if let Some((br, _)) = *best {
                    *second = second.max(br);
                }
                *best = Some((r, other));
            } else {
                *second = second.max(r);
            }
        };
        for t in &touched {
            let (x, y) = (t.x as usize, t.y as usize);
            let r = rank(t);
            offer(&mut best_right[x], &mut second_right[x], r, y);
            offer(&mut best_left[y], &mut second_left[y], r, x);
        }
        let bonus = context.bonus(a, b);
        let same_happening = context.same_happening(a, b);
        for t in &touched {
            let (x, y) = (t.x as usize, t.y as usize);
            let mutual = best_right[x].is_some_and(|(_, b)| b == y) && best_left[y].is_some_and(|(_, b)| b == x);
            if mutual {
                let (pa, pb) = (left[x], right[y]);
                let r = rank(t);
                let margin = 1.0 - second_right[x].max(second_left[y]) / r;
                let overlap = Overlap { plain: t.score, specific: t.specific, bonus, same_happening, margin, place_gap: (place(x, left.len()) - place(y, right.len())).abs() };
                let features = pair_features(&vectors[pa], &vectors[pb], kinds, &specificity, &overlap);
                found.push(Candidate { a: pa as u32, b: pb as u32, features });
            }
        }
    }
    found
}

/// What the ranking of two passages found, for their features.
struct Overlap {
    plain: f32,
    specific: f32,
    bonus: f32,
    same_happening: f32,
    margin: f32,
    place_gap: f32,
}

/// The features of two passages (their vectors) that share a term: see [`CLAIM_FEATURES`].
fn pair_features(va: &[(u32, f32)], vb: &[(u32, f32)], kinds: &[TermKind], specificity: &Specificity, overlap: &Overlap) -> [f32; CLAIM_FEATURES.len()] {
    let (mut words, mut names, mut figures) = (0.0f32, 0.0f32, 0.0f32);
    let (mut shared, mut shared_figures) = (0usize, 0usize);
    let figures_of = |v: &[(u32, f32)]| v.iter().filter(|e| kinds[e.0 as usize] == TermKind::Number).count();
    let (mut i, mut j) = (0, 0);
    while i < va.len() && j < vb.len() {
        match va[i].0.cmp(&vb[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let t = va[i].0;
                let specific = specificity.of(t);
                match kinds[t as usize] {
                    TermKind::Word => words += specific,
                    TermKind::Name => names += specific,
                    TermKind::Number => {
                        figures += specific;
                        shared_figures += 1;
                    }
                    TermKind::Year => {}
                }
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let (fa, fb) = (figures_of(va), figures_of(vb));
    let other_figures = if fa > 0 && fb > 0 { fa + fb - 2 * shared_figures } else { 0 };
    let shorter = va.len().min(vb.len()).max(1);
    [
        overlap.specific,
        if overlap.plain > 0.0 { 1.0 - overlap.specific / overlap.plain } else { 0.0 },
        overlap.bonus,
        overlap.same_happening,
        words.ln_1p(),
        names.ln_1p(),
        figures.ln_1p(),
        (other_figures as f32).ln_1p(),
        (shorter as f32).ln(),
        overlap.place_gap,
        overlap.margin,
        1.0 - (shared as f32 / shorter as f32).min(1.0),
    ]
}

/// Merges pairwise matches into claims, strongest first. Two groups join only when every pair
/// of their passages whose articles were compared (`pairs`) is a match: a claim is a clique,
/// never a chain, and holds one passage per article.
fn merge(matches: &[Match], pairs: &[(usize, usize)], context: &Context) -> Vec<Vec<u32>> {
    let mut order: Vec<&Match> = matches.iter().collect();
    order.sort_unstable_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    let matched: FxHashSet<(u32, u32)> = matches.iter().map(|m| (m.a.min(m.b), m.a.max(m.b))).collect();
    let compared = |x: u32, y: u32| {
        let (a, b) = (context.article_of(x), context.article_of(y));
        pairs.binary_search(&(a.min(b), a.max(b))).is_ok()
    };
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
        let left_articles: FxHashSet<usize> = left.iter().map(|&x| context.article_of(x)).collect();
        if right.iter().any(|&y| left_articles.contains(&context.article_of(y))) {
            continue;
        }
        let agree = left.iter().all(|&x| right.iter().all(|&y| !compared(x, y) || matched.contains(&(x.min(y), x.max(y)))));
        if !agree {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_claim_model_is_a_model_of_the_claim_features() {
        assert_eq!(CLAIM_MODEL.features, CLAIM_FEATURES);
        assert!(CLAIM_MODEL.weights.iter().all(|w| w.is_finite()));
    }
}
