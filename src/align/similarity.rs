//! The one place that scores: passages as TF-IDF vectors over their terms (rare words, names
//! and specific figures weigh most), and how alike two vectors are.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::terms::{self, TermKind};

/// Specific numbers and amounts identify a fact far better than a word of the same rarity.
const NUMBER_BOOST: f32 = 4.0;

const YEAR_BOOST: f32 = 0.5;

/// Passages with fewer terms than this say too little to be matched ("High stakes").
const MIN_TERMS: usize = 3;

/// A sparse, L2-normalised vector of (term id, weight), sorted by term id.
pub(super) type Vector = Vec<(u32, f32)>;

/// The sum of some vectors.
pub(super) fn add_up<'a>(vectors: impl Iterator<Item = &'a Vector>) -> Vector {
    let mut sum: HashMap<u32, f32> = HashMap::default();
    for v in vectors {
        for &(t, w) in v {
            *sum.entry(t).or_default() += w;
        }
    }
    let mut v: Vector = sum.into_iter().collect();
    v.sort_unstable_by_key(|e| e.0);
    v
}

/// The direction of the sum of some vectors: their normalised sum.
pub(super) fn direction<'a>(vectors: impl Iterator<Item = &'a Vector>) -> Vector {
    let mut v = add_up(vectors);
    normalize(&mut v);
    v
}

/// The dot product of a short vector with a possibly much longer one, in time proportional to
/// the short one (a story's summed ledes can hold many terms).
pub(super) fn dot(short: &Vector, long: &Vector) -> f32 {
    short.iter().map(|&(t, w)| long.binary_search_by_key(&t, |e| e.0).map_or(0.0, |k| w * long[k].1)).sum()
}

/// Turns term lists into TF-IDF vectors; also returns each term id's kind. Each list is freed
/// as soon as it is numbered: a large folder's terms need not be held twice.
pub(super) fn weigh(raw: Vec<Vec<terms::PackedTerm>>) -> (Vec<Vector>, Vec<TermKind>) {
    let mut ids: HashMap<u64, u32> = HashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut kinds: Vec<TermKind> = Vec::new();
    let n = raw.len().max(1) as f32;
    let id_lists: Vec<Vec<u32>> = raw
        .into_iter()
        .map(|ts| {
            ts.iter()
                .map(|t| {
                    let id = *ids.entry(t.key()).or_insert_with(|| {
                        df.push(0);
                        kinds.push(t.kind());
                        (df.len() - 1) as u32
                    });
                    df[id as usize] += 1;
                    if t.kind() == TermKind::Name {
                        kinds[id as usize] = TermKind::Name;
                    }
                    id
                })
                .collect()
        })
        .collect();
    let vectors = id_lists
        .into_par_iter()
        .map(|list| {
            if list.len() < MIN_TERMS {
                return Vec::new();
            }
            let mut v: Vector = list
                .into_iter()
                .map(|id| {
                    let idf = (1.0 + n / df[id as usize] as f32).ln();
                    (id, idf * boost(kinds[id as usize]))
                })
                .collect();
            v.sort_unstable_by_key(|e| e.0);
            normalize(&mut v);
            v
        })
        .collect();
    (vectors, kinds)
}

fn boost(kind: TermKind) -> f32 {
    match kind {
        TermKind::Number => NUMBER_BOOST,
        TermKind::Year => YEAR_BOOST,
        _ => 1.0,
    }
}

pub(super) fn normalize(v: &mut Vector) {
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|e| e.1 /= norm);
    }
}

pub(super) fn cosine(a: &Vector, b: &Vector) -> f32 {
    // Without a branch on which side is behind (the processor cannot guess it, and each wrong
    // guess cost more than the step): both sides step by comparison, and a term in only one
    // adds zero (the weights are positive, so the sum is the same to the last bit).
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while let (Some(&(x, wx)), Some(&(y, wy))) = (a.get(i), b.get(j)) {
        dot += if x == y { wx * wy } else { 0.0 };
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    dot
}

/// Whether two passages share a word or a name (not only figures and years).
pub(super) fn shares_a_word(a: &Vector, b: &Vector, kinds: &[TermKind]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                if matches!(kinds[a[i].0 as usize], TermKind::Word | TermKind::Name) {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_normalised_vectors() {
        let mut a: Vector = vec![(0, 3.0), (2, 4.0)];
        normalize(&mut a);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&a, &vec![(1, 1.0), (3, 1.0)]), 0.0, "no term in common");
        assert!((dot(&vec![(2, 1.0)], &a) - 0.8).abs() < 1e-6, "dot looks the short vector's terms up in the long one");
    }

    #[test]
    fn a_rare_term_weighs_more_than_a_common_one() {
        let texts = ["The storm hit the coast of Kellport.", "The storm hit the town.", "The storm hit the harbour."];
        let distinct = |text: &str| terms::distinct(&terms::terms(text));
        let (vectors, kinds) = weigh(texts.iter().map(|t| distinct(t)).collect());
        // Term ids are numbered in order of first use, so the first passage's come first.
        let ids: Vec<u64> = distinct(texts[0]).iter().map(|t| t.key()).collect();
        let weight_of = |word: &str| {
            let id = ids.iter().position(|&k| k == distinct(word)[0].key()).expect("a term of the first passage") as u32;
            vectors[0].iter().find(|e| e.0 == id).expect("weighed").1
        };
        assert!(weight_of("coast") > weight_of("storm"), "a word of one passage outweighs a word of all three");
        assert_eq!(kinds.len(), vectors.iter().flat_map(|v| v.iter().map(|e| e.0)).max().unwrap() as usize + 1);
    }

    #[test]
    fn sharing_only_a_figure_is_not_sharing_a_word() {
        let distinct = |text: &str| terms::distinct(&terms::terms(text));
        let (vectors, kinds) = weigh(vec![distinct("Officials pledged 5,000 missiles."), distinct("Tickets cost 5,000 dollars."), distinct("The 5,000 missiles arrived.")]);
        assert!(!shares_a_word(&vectors[0], &vectors[1], &kinds), "only 5,000 is shared");
        assert!(shares_a_word(&vectors[0], &vectors[2], &kinds), "missiles is shared");
    }
}
