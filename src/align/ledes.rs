//! Stage 2, the lede: each story's main happening as its articles' headlines and first
//! sentences tell it.

use super::similarity::{Vector, add_up, cosine, direction, dot};
use super::{Context, SHORT_ARTICLE, Story};

/// Passages of an article's lede: its headline and first sentences.
pub(super) const LEDE_PASSAGES: usize = 5;

/// A lede passage joins its story's lede event if it is at least this topical (similar to its
/// own article) at the default strictness; datelines and bylines are not.
const LEDE_TOPICALITY: f32 = 0.1;

/// In a long article, a lede sentence after the first must also be this similar to the other
/// articles' ledes (at the default strictness): a long report soon moves from the main happening
/// to background, reactions and quotes, which are facts of their own. A short article (see
/// [`SHORT_ARTICLE`]) is about one happening throughout; the requirement grows with length and
/// is full at twice that.
const LEDE_SUPPORT: f32 = 0.2;

/// Each story's lede passages of its articles: the headline and the first sentences that are
/// topical (similar to their own article); and each article's lede as one direction.
pub(super) fn lede_candidates(story: &[usize], context: &Context, vectors: &[Vector], article_vectors: &[Vector], strictness: f32) -> (Vec<Vec<usize>>, Vec<Vector>) {
    let candidates: Vec<Vec<usize>> = story
        .iter()
        .map(|&a| {
            context.range[a]
                .clone()
                .take(LEDE_PASSAGES)
                .filter(|&p| !vectors[p].is_empty() && cosine(&vectors[p], &article_vectors[a]) >= LEDE_TOPICALITY * strictness)
                .collect()
        })
        .collect();
    let ledes = candidates.iter().map(|ps| direction(ps.iter().map(|&p| &vectors[p]))).collect();
    (candidates, ledes)
}

/// Each story's lede event: the lede passages of its articles that speak to its happening, with
/// the story's index.
pub(super) fn lede_events(stories: &[Story], context: &Context, vectors: &[Vector], article_vectors: &[Vector], strictness: f32) -> Vec<(usize, Vec<u32>)> {
    stories
        .iter()
        .enumerate()
        .filter_map(|(story_index, s)| {
            let (candidates, ledes) = lede_candidates(&s.articles, context, vectors, article_vectors, strictness);
            let all_ledes = &add_up(ledes.iter());
            let all_norm2 = dot(all_ledes, all_ledes);
            let members: Vec<u32> = s
                .articles
                .iter()
                .enumerate()
                .flat_map(|(i, &a)| {
                    // The other articles' ledes: all of them minus this one (a unit vector).
                    let own = &ledes[i];
                    let others_norm = (all_norm2 - 2.0 * dot(own, all_ledes) + dot(own, own)).max(0.0).sqrt();
                    let length = ((context.size[a] - SHORT_ARTICLE) / SHORT_ARTICLE).clamp(0.0, 1.0);
                    let needed = LEDE_SUPPORT * strictness * length;
                    let support = move |p: usize| {
                        if others_norm <= 1e-6 {
                            return 0.0;
                        }
                        (dot(&vectors[p], all_ledes) - cosine(&vectors[p], own)) / others_norm
                    };
                    candidates[i]
                        .iter()
                        .copied()
                        .filter(move |&p| p == context.range[a].start || support(p) >= needed)
                        .map(|p| p as u32)
                        .collect::<Vec<u32>>()
                })
                .collect();
            let first = context.article_of(members.first().copied()?);
            members.iter().any(|&p| context.article_of(p) != first).then_some((story_index, members))
        })
        .collect()
}
