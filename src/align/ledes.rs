//! Stage 2, the lede: each story's main happening as its articles' headlines and first
//! sentences tell it.

use rayon::prelude::*;

use super::similarity::{Vector, Vectors, add_up, cosine, direction, dot};
use super::context::{Context, SHORT_ARTICLE};
use super::model::Story;

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

/// Every article's lede: its headline and the first sentences that are topical (similar to
/// their own article). An article's lede depends on the article alone, so it is found once and
/// serves both the splitting of stories into happenings and the lede events.
pub(super) struct Ledes {
    /// Per article: its lede passages (flat passage indices).
    pub(super) passages: Vec<Vec<usize>>,
    /// Per article: the direction of its lede passages together.
    pub(super) directions: Vec<Vector>,
}

impl Ledes {
    pub(super) fn new(context: &Context, vectors: &Vectors, article_vectors: &Vectors, scale: f32) -> Ledes {
        let passages: Vec<Vec<usize>> = (0..article_vectors.len())
            .into_par_iter()
            .map(|a| {
                context.range[a]
                    .clone()
                    .take(LEDE_PASSAGES)
                    .filter(|&p| !vectors[p].is_empty() && cosine(&vectors[p], &article_vectors[a]) >= LEDE_TOPICALITY * scale)
                    .collect()
            })
            .collect();
        let directions = passages.par_iter().map(|ps| direction(ps.iter().map(|&p| &vectors[p]))).collect();
        Ledes { passages, directions }
    }
}

/// Each story's lede event: the lede passages of its articles that speak to its happening, with
/// the story's index.
pub(super) fn lede_events(stories: &[Story], ledes: &Ledes, context: &Context, vectors: &Vectors, scale: f32) -> Vec<(usize, Vec<u32>)> {
    stories
        .par_iter()
        .enumerate()
        .filter_map(|(story_index, s)| {
            let all_ledes = &add_up(s.articles.iter().map(|&a| ledes.directions[a].as_slice()));
            let all_norm2 = dot(all_ledes, all_ledes);
            let members: Vec<u32> = s
                .articles
                .iter()
                .flat_map(|&a| {
                    // The other articles' ledes: all of them minus this one (a unit vector).
                    let own = &ledes.directions[a];
                    let others_norm = (all_norm2 - 2.0 * dot(own, all_ledes) + dot(own, own)).max(0.0).sqrt();
                    let length = ((context.size[a] - SHORT_ARTICLE) / SHORT_ARTICLE).clamp(0.0, 1.0);
                    let needed = LEDE_SUPPORT * scale * length;
                    let support = move |p: usize| {
                        if others_norm <= 1e-6 {
                            return 0.0;
                        }
                        (dot(&vectors[p], all_ledes) - cosine(&vectors[p], own)) / others_norm
                    };
                    // An article whose lede nowhere speaks to the others' is on the story's
                    // topic, not its happening: its headline does not join either.
                    let mut members: Vec<u32> = ledes.passages[a].iter().copied().filter(|&p| support(p) >= needed).map(|p| p as u32).collect();
                    // Otherwise its headline comes with its supported lede sentences.
                    let headline = context.range[a].start;
                    if !members.is_empty() && ledes.passages[a].first() == Some(&headline) && members[0] != headline as u32 {
                        members.insert(0, headline as u32);
                    }
                    members
                })
                .collect();
            let first = context.article_of(members.first().copied()?);
            members.iter().any(|&p| context.article_of(p) != first).then_some((story_index, members))
        })
        .collect()
}
