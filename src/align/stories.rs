//! Stage 1, stories: what the judgement of article pairs ([`super::judge`]) reads of each
//! article (its characteristic terms), and a story's centre.

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::ledes::LEDE_PASSAGES;
use super::similarity::{Vector, Vectors, cosine, normalize};
use super::model::{PassageRef, Story};
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
/// characteristic terms. `refs` go article by article, as [`super::Prepared`] makes them; each
/// article is summed on its own, so no more than one sum per thread is held at once.
pub(super) fn article_vectors(n: usize, vectors: &Vectors, refs: &[PassageRef], kinds: &[TermKind]) -> Vectors {
    debug_assert!(refs.is_sorted_by_key(|r| r.article));
    let mut starts = vec![0usize; n + 1];
    refs.iter().for_each(|r| starts[r.article + 1] += 1);
    (0..n).for_each(|a| starts[a + 1] += starts[a]);
    (0..n)
        .into_par_iter()
        // One map per thread, emptied for each article: grown once, not once per article.
        .map_init(HashMap::<u32, f32>::default, |sum, a| {
            for (v, r) in vectors.range(starts[a]..starts[a + 1]).zip(&refs[starts[a]..starts[a + 1]]) {
                let position = if r.passage < LEDE_PASSAGES { LEDE_WEIGHT } else { 1.0 };
                for &(t, w) in v {
                    let name = if kinds[t as usize] == TermKind::Name { NAME_WEIGHT } else { 1.0 };
                    *sum.entry(t).or_default() += w * position * name;
                }
            }
            // The heaviest, by weight and term: the order the map gives them in does not
            // matter. Only chosen, not sorted: they are sorted by term next.
            let mut v: Vector = sum.drain().collect();
            if v.len() > ARTICLE_TERMS {
                v.select_nth_unstable_by(ARTICLE_TERMS, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                v.truncate(ARTICLE_TERMS);
            }
            v.sort_unstable_by_key(|e| e.0);
            normalize(&mut v);
            v
        })
        .collect()
}

/// A story from a cluster of articles; its centre is the article most like the others.
pub(super) fn story(members: &[u32], article_vectors: &Vectors) -> Story {
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn closeness_in_time_falls_from_a_few_days_to_two_months() {
        let day = date(2024, 5, 1);
        assert_eq!(date_closeness(None, Some(day)), 1.0, "an undated article is not held against");
        assert_eq!(date_closeness(Some(day), Some(date(2024, 5, 3))), 1.0);
        assert!((date_closeness(Some(day), Some(date(2024, 6, 2))) - 0.75).abs() < 0.01, "a month apart");
        assert_eq!(date_closeness(Some(day), Some(date(2025, 5, 1))), 0.5, "never below one half");
    }

    #[test]
    fn a_story_is_centred_on_the_article_most_like_the_others() {
        let vectors: Vectors = [vec![(0, 1.0)], vec![(0, 0.8), (1, 0.6)], vec![(1, 1.0)]].into_iter().collect();
        let story = story(&[0, 1, 2], &vectors);
        assert_eq!(story.articles, vec![0, 1, 2]);
        assert_eq!(story.central, 1, "the article between the other two");
    }

    #[test]
    fn an_article_vector_weighs_its_lede_up() {
        let refs = [PassageRef { article: 0, passage: 0 }, PassageRef { article: 0, passage: LEDE_PASSAGES }];
        let kinds = [TermKind::Word, TermKind::Word];
        let v = article_vectors(1, &[vec![(0, 1.0)], vec![(1, 1.0)]].into_iter().collect(), &refs, &kinds);
        let weight = |t: u32| v[0].iter().find(|e| e.0 == t).unwrap().1;
        assert!((weight(0) / weight(1) - LEDE_WEIGHT).abs() < 1e-5, "a lede term counts {LEDE_WEIGHT} times");
    }
}
