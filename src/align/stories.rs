//! Stage 1, stories: what the judgement of article pairs ([`super::judge`]) reads of each
//! article (its characteristic terms), and a story's centre.

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::ledes::LEDE_PASSAGES;
use super::similarity::{Vector, cosine, normalize};
use super::{PassageRef, Story};
use crate::terms::TermKind;

/// Terms kept per article when comparing whole articles.
const ARTICLE_TERMS: usize = 40;

/// Twice the article similarity below which two articles are never a candidate story pair (at
/// the default strictness, which scales it): pairs under 0.115 share too little to be judged.
pub(super) const STORY_THRESHOLD: f32 = 0.23;

/// Weight of lede passages in an article's vector.
const LEDE_WEIGHT: f32 = 3.0;

/// Names say which story an article covers better than other words of the same rarity.
const NAME_WEIGHT: f32 = 1.5;

/// Each article as the sum of its passage vectors, lede and names weighted up, cut to its most
/// characteristic terms.
pub(super) fn article_vectors(n: usize, vectors: &[Vector], refs: &[PassageRef], kinds: &[TermKind]) -> Vec<Vector> {
    let mut sums: Vec<HashMap<u32, f32>> = vec![HashMap::default(); n];
    for (v, r) in vectors.iter().zip(refs) {
        let position = if r.passage < LEDE_PASSAGES { LEDE_WEIGHT } else { 1.0 };
        for &(t, w) in v {
            let name = if kinds[t as usize] == TermKind::Name { NAME_WEIGHT } else { 1.0 };
            *sums[r.article].entry(t).or_default() += w * position * name;
        }
    }
    sums.into_par_iter()
        .map(|m| {
            let mut v: Vector = m.into_iter().collect();
            v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(ARTICLE_TERMS);
            v.sort_unstable_by_key(|e| e.0);
            normalize(&mut v);
            v
        })
        .collect()
}

/// A story from a cluster of articles; its centre is the article most like the others.
pub(super) fn story(members: &[u32], article_vectors: &[Vector]) -> Story {
    let ids: Vec<usize> = members.iter().map(|&m| m as usize).collect();
    let scores: Vec<f32> = ids.iter().map(|&a| ids.iter().map(|&b| cosine(&article_vectors[a], &article_vectors[b])).sum()).collect();
    let best = (0..ids.len()).max_by(|&x, &y| scores[x].total_cmp(&scores[y]).then(ids[y].cmp(&ids[x]))).expect("a story has articles");
    Story { central: ids[best], articles: ids, user: Default::default() }
}

/// 1 for articles published within a few days of each other, falling to 1/2 two months apart.
pub(super) fn date_closeness(a: Option<Date>, b: Option<Date>) -> f32 {
    let (Some(a), Some(b)) = (a, b) else { return 1.0 };
    let days = (a - b).get_days().unsigned_abs() as f32;
    (1.0 - (days - 3.0).max(0.0) / 120.0).max(0.5)
}
