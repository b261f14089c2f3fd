//! What the articles say about their passages, for the stages that score passages: how similar
//! each article is to the others, where its passages are, and the judgement of stories.

use rayon::prelude::*;

use super::pairs::Edge;
use super::similarity::Vectors;
use crate::article::Article;

/// How much an article's other passages speak for one of its passages. A short article is
/// about one happening, so a terse sentence in it ("She checked in today.") means what the
/// whole article means; in a long article a sentence stands more on its own.
const CONTEXT_WEIGHT: f32 = 0.35;

/// Articles with at most this many passages count as short (full context weight).
pub(super) const SHORT_ARTICLE: f32 = 10.0;

/// What the articles say about their passages: how similar each article is to others, and
/// where each article's passages are.
pub(super) struct Context {
    /// Per article: (other article, similarity, the pair's number among the edges it was made
    /// of), sorted by other article.
    similar: Vec<Vec<(u32, f32, u32)>>,
    /// Per article: the range of its passages in the flat passage list.
    pub(super) range: Vec<std::ops::Range<usize>>,
    /// Per article: the number of passages with terms.
    pub(super) size: Vec<f32>,
    /// The probability that two articles report one happening (the judgement of stories), by
    /// the number of their pair (see `similar`); set once stories are judged.
    same_happening: Vec<f32>,
}

impl Context {
    pub(super) fn new(articles: &[Article], vectors: &Vectors, edges: &[Edge]) -> Context {
        let n = articles.len();
        let mut degree = vec![0usize; n];
        for e in edges {
            degree[e.a as usize] += 1;
            degree[e.b as usize] += 1;
        }
        let mut similar: Vec<Vec<(u32, f32, u32)>> = degree.into_iter().map(Vec::with_capacity).collect();
        for (k, e) in edges.iter().enumerate() {
            similar[e.a as usize].push((e.b, e.weight, k as u32));
            similar[e.b as usize].push((e.a, e.weight, k as u32));
        }
        similar.par_iter_mut().for_each(|list| list.sort_unstable_by_key(|e| e.0));
        let mut range = vec![0..0; n];
        let mut size = vec![0.0f32; n];
        let mut start = 0;
        for a in 0..n {
            let len = articles[a].passages.len();
            range[a] = start..start + len;
            size[a] = vectors.range(start..start + len).filter(|v| !v.is_empty()).count() as f32;
            start += len;
        }
        debug_assert_eq!(start, vectors.len());
        Context { similar, range, size, same_happening: Vec::new() }
    }

    /// Sets the judgement of stories: the probability of each pair of the edges the context
    /// was made of, in their order.
    pub(super) fn set_same_happening(&mut self, probabilities: Vec<f32>) {
        self.same_happening = probabilities;
    }

    /// Where `b` is in the list of articles similar to `a`.
    fn find(&self, a: usize, b: usize) -> Option<&(u32, f32, u32)> {
        let list = &self.similar[a];
        list.binary_search_by_key(&(b as u32), |e| e.0).ok().map(|k| &list[k])
    }

    /// The article a passage belongs to.
    pub(super) fn article_of(&self, passage: u32) -> usize {
        self.range.partition_point(|r| r.end <= passage as usize)
    }

    /// How similar two articles are overall (0 when they share too little to be compared).
    pub(super) fn article_similarity(&self, a: usize, b: usize) -> f32 {
        if a == b {
            return 1.0;
        }
        self.find(a, b).map_or(0.0, |e| e.1)
    }

    /// The probability that articles `a` and `b` report one happening (0 for a pair the
    /// judgement of stories was not asked about).
    pub(super) fn same_happening(&self, a: usize, b: usize) -> f32 {
        self.find(a, b).and_then(|e| self.same_happening.get(e.2 as usize)).copied().unwrap_or(0.0)
    }

    /// The similarity bonus two passages get from their articles.
    pub(super) fn bonus(&self, a: usize, b: usize) -> f32 {
        let longest = self.size[a].max(self.size[b]).max(1.0);
        CONTEXT_WEIGHT * (SHORT_ARTICLE / longest).min(1.0) * self.article_similarity(a, b)
    }
}
