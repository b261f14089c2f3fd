//! Finding stories (articles that report one happening) and events (passages of different
//! articles that report the same claim), story first:
//!
//! ```text
//! articles ──► stories ──► lede + claims (inside each story) ──► reuse (across stories)
//!                  └──────► threads (stories that continue one subject)
//! ```
//!
//! Passages become TF-IDF vectors over [`crate::terms`]: rare words, names and specific numbers
//! weigh most.
//!
//! 1. **Stories**: articles are compared through their characteristic terms (the lede counts
//!    most: news puts its main happening first) and their dates, and grouped by average linkage.
//!    Candidate article pairs come from an inverted index over rarer terms, so the cost grows
//!    with real overlap, not with all pairs. Coverage in bursts weeks apart is one story per
//!    burst: a story is one happening.
//! 2. **Lede**: each story's lede event gathers the headline and first sentences of its articles.
//! 3. **Claims** ([`claims`]): inside each story, passages are paired by mutual best match
//!    between two articles and merged into claims with a consistency check.
//! 4. **Reuse** ([`reuse`]): across stories, only text copied word for word joins passages.
//! 5. **Threads** ([`threads`]): stories whose subject continues, by a fitted judgement of story
//!    pairs and average linkage.
//!
//! A passage of one story never joins a passage of another through a shared name or figure.
//!
//! The user's corrections ([`crate::corrections`]) apply on top ([`corrected`]): to stories
//! before their ledes and claims are found, to claims before they become events.

use rayon::prelude::*;

use crate::article::Article;
use crate::terms;

mod claims;
mod context;
mod corrected;
mod evidence;
mod judge;
mod ledes;
mod model;
mod pairs;
mod reuse;
mod similarity;
mod stories;
mod threads;

pub use claims::CLAIM_FEATURES;
pub use model::{Alignment, Event, EventKind, ImportedCluster, Origin, PassageRef, Story, Thread, UserMarks};
pub use threads::FEATURES as THREAD_FEATURES;

use context::Context;

use ledes::{Ledes, lede_events};
use pairs::{Edge, average_linkage, document_frequencies, similar_pairs};
use similarity::{Vectors, cosine, weigh};
use stories::{STORY_THRESHOLD, article_vectors, date_closeness, story};
pub use judge::FEATURES as STORY_FEATURES;

/// The default strictness: how similar passages must be to count as one event.
pub const DEFAULT_THRESHOLD: f32 = 0.35;

/// What aligning needs that does not depend on the strictness: every passage's terms and
/// shingles, every article's vector. Computed once per load, it makes a change of strictness
/// cheaper (see [`align_prepared`]).
pub struct Prepared {
    refs: Vec<PassageRef>,
    vectors: Vectors,
    kinds: Vec<terms::TermKind>,
    article_vectors: Vectors,
    shingles: reuse::Shingles,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").field("passages", &self.refs.len()).finish_non_exhaustive()
    }
}

impl Prepared {
    pub fn new(articles: &[Article]) -> Prepared {
        let refs: Vec<PassageRef> = articles
            .iter()
            .enumerate()
            .flat_map(|(a, art)| (0..art.passages.len()).map(move |p| PassageRef { article: a, passage: p }))
            .collect();
        // Terms and shingles in one pass: both normalise every word, and a passage's words are
        // still in the cache of normal forms when its shingles need them (a second pass over a
        // large folder found most of them evicted and stemmed them again). In blocks of
        // passages, each block's shingles in one array of its own (see [`reuse::Shingles`]).
        let (raw, blocks): (Vec<Vec<Vec<terms::PackedTerm>>>, Vec<reuse::ShingleBlock>) = refs
            .par_chunks(reuse::BLOCK_PASSAGES)
            .map(|chunk| {
                let mut block = reuse::ShingleBlock::default();
                let terms = chunk
                    .iter()
                    .map(|r| {
                        let art = &articles[r.article];
                        let text = crate::furniture::without_inline_widgets(&art.text[art.passages[r.passage].range()]);
                        let mut shingler = block.shingler();
                        let terms = terms::terms_and_shingle_words(&text, |word| shingler.push(word));
                        shingler.finish();
                        let mut distinct = terms::distinct(&terms);
                        // Held until every passage is done: no room to spare (a third more, at 50,000 articles).
                        distinct.shrink_to_fit();
                        distinct
                    })
                    .collect();
                block.shrink_to_fit();
                (terms, block)
            })
            .unzip();
        let shingles = reuse::Shingles::new(blocks);
        crate::steps::done("terms and shingles");
        let (vectors, kinds) = weigh(refs.len(), raw.into_iter().flatten());
        crate::steps::done("weights");
        let article_vectors = article_vectors(articles.len(), &vectors, &refs, &kinds);
        crate::steps::done("article vectors");
        Prepared { refs, vectors, kinds, article_vectors, shingles }
    }
}

/// The two judgements in use (the fitted models, or the files the environment names): what
/// a kept alignment must have been made with to stand for a new one (see [`crate::cache`]).
pub fn judgements() -> impl serde::Serialize {
    (&*judge::MODEL, &*claims::CLAIM_MODEL, &*threads::THREAD_MODEL)
}

/// Aligns passages and articles. `threshold` is the strictness, 0..1.
pub fn align(articles: &[Article], threshold: f32) -> Alignment {
    align_prepared(articles, &Prepared::new(articles), threshold)
}

/// Aligns articles already prepared (by [`Prepared::new`] on the same articles).
pub fn align_prepared(articles: &[Article], prepared: &Prepared, threshold: f32) -> Alignment {
    align_corrected(articles, prepared, threshold, &crate::corrections::Corrections::default())
}

/// Aligns articles already prepared, then applies the user's corrections.
pub fn align_corrected(articles: &[Article], prepared: &Prepared, threshold: f32, corrections: &crate::corrections::Corrections) -> Alignment {
    let Prepared { refs, vectors, kinds, article_vectors, shingles } = prepared;
    let (refs, kinds) = (&refs[..], &kinds[..]);

    // Articles first: which articles report one happening. Candidate pairs share rare terms;
    // the fitted judgement gives each the probability that both report one happening, and
    // average linkage joins groups whose pairs average at least the cut (which cannot chain:
    // a pair that is not a candidate counts as 0).
    // The stages scale their cut-offs by the strictness relative to the default (1 there).
    let scale = threshold / DEFAULT_THRESHOLD;
    let (mut stories, context) = stories_of(articles, vectors, kinds, article_vectors, scale);
    // The user's corrections of stories, before their ledes and claims are found (the index of
    // keys is built only for a folder that has corrections).
    let keys = (!corrections.is_empty()).then(|| corrected::Keys::new(articles));
    let mut unapplied = Vec::new();
    if let Some(keys) = &keys {
        let stories_corrected = corrected::stories(&mut stories, &corrections.stories, keys, article_vectors, &mut unapplied);
        for (story, corrected) in stories.iter_mut().zip(stories_corrected) {
            story.user.corrected = corrected;
        }
    }
    // Threads on the stories as corrected: which continue one subject.
    let thread_candidates = threads::candidates(&stories, articles, article_vectors);
    let threads = threads::threads(&stories, articles, &thread_candidates, (THREAD_PROBABILITY * scale).min(0.99));
    crate::steps::done("threads");
    let ledes = Ledes::new(&context, vectors, article_vectors, scale);

    let lede_groups = lede_events(&stories, &ledes, &context, vectors, scale);
    crate::steps::done("ledes");
    let claims = claims::claims(&stories, vectors, kinds, &context, scale);
    crate::steps::done("claims");

    let mut story_of = vec![None; articles.len()];
    for (s, story) in stories.iter().enumerate() {
        story.articles.iter().for_each(|&a| story_of[a] = Some(s));
    }
    let across_stories = |i: usize, j: usize| {
        let (a, b) = (refs[i].article, refs[j].article);
        a != b && (story_of[a] != story_of[b] || story_of[a].is_none())
    };
    // Copies inside a story count as links too, so that a paragraph copied into two articles
    // of each of two stories is one event of four passages; a group must still cross stories.
    // Each passage's article in four bytes: a pair's second passage is read at random, and
    // the references, four times the size, were a wait on memory each in a large folder.
    let article_of: Vec<u32> = refs.iter().map(|r| r.article as u32).collect();
    let reuse_edges = reuse::reuse_pairs(shingles, |i, j| article_of[i] != article_of[j]);
    crate::steps::done("reuse: shingle pairs");
    let crosses_stories = |members: &Vec<u32>| {
        let first = story_of[refs[members[0] as usize].article];
        first.is_none() || members.iter().any(|&m| story_of[refs[m as usize].article] != first)
    };
    let mut reused: Vec<Vec<u32>> = average_linkage(&reuse_edges, reuse::REUSE_CONTAINMENT).into_iter().filter(crosses_stories).collect();
    crate::steps::done("reuse: grouping");
    // A restated figure joins only articles that are related overall (they share at least
    // half a story's worth of terms): the same number in unrelated news is a coincidence.
    let echo_edges = reuse::echo_pairs(vectors, kinds, |i, j| {
        across_stories(i, j) && context.article_similarity(refs[i].article, refs[j].article) > 0.0
    });
    reused.extend(average_linkage(&echo_edges, reuse::ECHO_SIMILARITY));
    crate::steps::done("restated figures");

    let group = |kind, story, members| corrected::Group { kind, story, members, corrected: false, checked: false, notes: Vec::new() };
    let mut groups: Vec<corrected::Group> = lede_groups
        .into_iter()
        .map(|(s, m)| group(EventKind::Lede, Some(s), m))
        .chain(claims.into_iter().map(|(s, m)| group(EventKind::Claim, Some(s), m)))
        .chain(reused.into_iter().map(|m| group(EventKind::Reuse, None, m)))
        .collect();
    if let Some(keys) = &keys {
        let mut story_notes = vec![Vec::new(); stories.len()];
        corrected::claims(&mut groups, corrections, keys, &story_of, &mut story_notes, &mut unapplied);
        for (story, notes) in stories.iter_mut().zip(story_notes) {
            story.user.notes = notes;
        }
    }
    let mut events: Vec<Event> = groups
        .into_par_iter()
        .filter_map(|g| {
            let event = make_event(g.kind, g.story, &g.members, refs, vectors, articles)?;
            Some(Event { user: UserMarks { corrected: g.corrected, checked: g.checked, notes: g.notes }, ..event })
        })
        .collect();
    events.sort_by(|a, b| a.date.cmp(&b.date).then(a.passages.cmp(&b.passages)));
    crate::steps::done("events with their evidence");
    Alignment { events, stories, threads, unapplied }
}

/// Adds another tool's clusters to an alignment as reuse events (a cluster left with passages
/// of one article makes none), named as that tool's, with what their passages share.
pub fn add_imported(alignment: &mut Alignment, articles: &[Article], prepared: &Prepared, clusters: &[ImportedCluster]) {
    if clusters.is_empty() {
        return;
    }
    let mut first_of = Vec::with_capacity(articles.len());
    let mut next = 0u32;
    for article in articles {
        first_of.push(next);
        next += article.passages.len() as u32;
    }
    let imported = clusters.par_iter().filter_map(|cluster| {
        let members: Vec<u32> = cluster.passages.iter().map(|p| first_of[p.article] + p.passage as u32).collect();
        let mut event = make_event(EventKind::Reuse, None, &members, &prepared.refs, &prepared.vectors, articles)?;
        // A cluster's span covers several sentences of each article: how alike they are is
        // each sentence against its best match in the other article, not against every one.
        event.agreement = best_match_agreement(&members, &prepared.refs, &prepared.vectors);
        event.evidence = evidence::evidence(EventKind::Reuse, &event.passages, articles, event.agreement);
        let outlets = event.passages.iter().map(|p| articles[p.article].shown_outlet()).collect::<std::collections::BTreeSet<_>>().len();
        let plural = |n: usize, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
        let found = format!("found by passim (its cluster {}): {}, {}", cluster.id, plural(event.passages.len(), "passage"), plural(outlets, "outlet"));
        event.evidence.insert(0, found);
        event.origin = cluster.origin;
        Some(event)
    });
    alignment.events.par_extend(imported);
    alignment.events.sort_by(|a, b| a.date.cmp(&b.date).then(a.passages.cmp(&b.passages)));
}

/// The mean, over the ordered pairs of articles of `members`, of how alike each passage of the
/// first is to its best match in the second.
fn best_match_agreement(members: &[u32], refs: &[PassageRef], vectors: &Vectors) -> f32 {
    let mut by_article: std::collections::BTreeMap<usize, Vec<u32>> = std::collections::BTreeMap::new();
    for &m in members {
        by_article.entry(refs[m as usize].article).or_default().push(m);
    }
    let (mut sum, mut n) = (0.0f32, 0u32);
    for (a, from) in &by_article {
        for (b, to) in &by_article {
            if a == b {
                continue;
            }
            for &p in from {
                sum += to.iter().map(|&q| cosine(&vectors[p as usize], &vectors[q as usize])).fold(0.0, f32::max);
                n += 1;
            }
        }
    }
    if n == 0 { 0.0 } else { sum / n as f32 }
}

/// The stories of the articles (see [`align_prepared`]) and the context their claims read.
fn stories_of(articles: &[Article], vectors: &Vectors, kinds: &[terms::TermKind], article_vectors: &Vectors, scale: f32) -> (Vec<Story>, Context) {
    let (candidates, mut context) = candidates(articles, vectors, article_vectors, scale);
    crate::steps::done("candidate article pairs");
    let probabilities = story_probabilities(articles, vectors, kinds, article_vectors, &candidates, &context);
    crate::steps::done("their judgement");
    let story_edges: Vec<Edge> = candidates.iter().zip(&probabilities).map(|(e, &p)| Edge { weight: p, ..*e }).collect();
    context.set_same_happening(probabilities);
    let cut = (STORY_PROBABILITY * scale).min(0.99);
    let stories = average_linkage(&story_edges, cut).into_par_iter().map(|members| story(&members, article_vectors)).collect();
    crate::steps::done("stories");
    (stories, context)
}

/// Two articles are one story when the fitted judgement gives them at least this probability,
/// at the default strictness (which scales it): the model's own even odds, not a tuned value.
const STORY_PROBABILITY: f32 = 0.5;

/// A story continues another when the fitted judgement of threads gives it at least this
/// probability, at the default strictness (which scales it): even odds, as for stories.
const THREAD_PROBABILITY: f32 = 0.5;

/// Candidate article pairs (weighted by the cosine of their vectors) and the context claims
/// read: each article's similar articles, their similarity lowered for dates far apart.
fn candidates(articles: &[Article], vectors: &Vectors, article_vectors: &Vectors, scale: f32) -> (Vec<Edge>, Context) {
    let candidates = similar_pairs(article_vectors, &document_frequencies(article_vectors), STORY_THRESHOLD * scale * 0.5);
    let mut context_edges = candidates.clone();
    context_edges.par_iter_mut().for_each(|e| e.weight *= date_closeness(articles[e.a as usize].published, articles[e.b as usize].published));
    let context = Context::new(articles, vectors, &context_edges);
    (candidates, context)
}

/// What `each` makes of the features of each candidate pair (see [`STORY_FEATURES`]).
fn candidate_features<T: Send>(articles: &[Article], vectors: &Vectors, kinds: &[terms::TermKind], article_vectors: &Vectors, candidates: &[Edge], context: &Context, each: impl Fn([f32; STORY_FEATURES.len()]) -> T + Sync) -> Vec<T> {
    let facts = judge::ArticleFacts::new(context, articles, vectors, article_vectors, kinds);
    crate::steps::done("judgement: article facts");
    judge::features(candidates, articles, &facts, each)
}

/// The probability that each candidate pair reports one happening.
fn story_probabilities(articles: &[Article], vectors: &Vectors, kinds: &[terms::TermKind], article_vectors: &Vectors, candidates: &[Edge], context: &Context) -> Vec<f32> {
    candidate_features(articles, vectors, kinds, article_vectors, candidates, context, |x| judge::MODEL.probability(&x))
}

/// The features of every candidate article pair (see [`STORY_FEATURES`]), for fitting the
/// judgement of stories: (article, article, features).
pub fn story_pair_features(articles: &[Article], prepared: &Prepared, threshold: f32) -> Vec<(usize, usize, Vec<f32>)> {
    let Prepared { vectors, kinds, article_vectors, .. } = prepared;
    let (candidates, context) = candidates(articles, vectors, article_vectors, threshold / DEFAULT_THRESHOLD);
    let x = candidate_features(articles, vectors, kinds, article_vectors, &candidates, &context, |x| x);
    candidates.iter().zip(x).map(|(e, x)| (e.a as usize, e.b as usize, x.to_vec())).collect()
}

/// The features of every candidate story pair (see [`THREAD_FEATURES`]), for fitting the
/// judgement of threads: (earlier story's articles, later story's articles, features).
pub fn thread_pair_features(articles: &[Article], prepared: &Prepared, threshold: f32) -> Vec<(Vec<usize>, Vec<usize>, Vec<f32>)> {
    let Prepared { vectors, kinds, article_vectors, .. } = prepared;
    let (stories, _) = stories_of(articles, vectors, kinds, article_vectors, threshold / DEFAULT_THRESHOLD);
    threads::candidates(&stories, articles, article_vectors)
        .into_iter()
        .map(|c| (stories[c.a as usize].articles.clone(), stories[c.b as usize].articles.clone(), c.features.to_vec()))
        .collect()
}

/// The features of the passage pairs the judgement of claims is asked about, for fitting it:
/// in each story, the passages that are each other's best counterpart in two of its articles,
/// as (passage, passage, features).
pub fn claim_pair_features(articles: &[Article], prepared: &Prepared, threshold: f32) -> Vec<(PassageRef, PassageRef, Vec<f32>)> {
    let Prepared { refs, vectors, kinds, article_vectors, .. } = prepared;
    let (stories, context) = stories_of(articles, vectors, kinds, article_vectors, threshold / DEFAULT_THRESHOLD);
    stories
        .par_iter()
        .flat_map_iter(|story| {
            claims::story_candidates(story, vectors, kinds, &context)
                .into_iter()
                .map(|c| (refs[c.a as usize], refs[c.b as usize], c.features.to_vec()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Builds an event from a cluster of passages, if they come from at least two articles.
fn make_event(kind: EventKind, story: Option<usize>, members: &[u32], refs: &[PassageRef], vectors: &Vectors, articles: &[Article]) -> Option<Event> {
    let mut passages: Vec<PassageRef> = members.iter().map(|&m| refs[m as usize]).collect();
    passages.sort();
    let first = passages[0].article;
    if passages.iter().all(|p| p.article == first) {
        return None;
    }
    let mut centrality = vec![0.0f32; members.len()];
    let (mut cross_sum, mut cross_n) = (0.0f32, 0u32);
    for (i, &a) in members.iter().enumerate() {
        for (j, &b) in members.iter().enumerate().skip(i + 1) {
            let sim = cosine(&vectors[a as usize], &vectors[b as usize]);
            centrality[i] += sim;
            centrality[j] += sim;
            if refs[a as usize].article != refs[b as usize].article {
                cross_sum += sim;
                cross_n += 1;
            }
        }
    }
    let central_index = (0..members.len()).max_by(|&x, &y| centrality[x].total_cmp(&centrality[y])).unwrap_or(0);
    let date = passages.iter().filter_map(|p| articles[p.article].published).min();
    let agreement = if cross_n > 0 { cross_sum / cross_n as f32 } else { 0.0 };
    let evidence = evidence::evidence(kind, &passages, articles, agreement);
    Some(Event { kind, origin: Origin::Parallax, passages, central: refs[members[central_index] as usize], date, agreement, story, evidence, user: UserMarks::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn article(path: &str, published: jiff::civil::Date, text: &str) -> Article {
        crate::test_support::article(path, path, published, text)
    }

    /// The events holding passages of both articles that contain the needles.
    fn joined(alignment: &Alignment, articles: &[Article], (a, in_a): (usize, &str), (b, in_b): (usize, &str)) -> bool {
        let has = |e: &Event, article: usize, needle: &str| {
            e.passages.iter().any(|p| p.article == article && articles[article].passage_text(&articles[article].passages[p.passage]).contains(needle))
        };
        alignment.events.iter().any(|e| has(e, a, in_a) && has(e, b, in_b))
    }

    #[test]
    fn a_shared_figure_alone_never_makes_an_event() {
        let dam = |title: &str, figure: &str| {
            format!(
                "{title}\nThe Kessel dam burst on Tuesday night and flooded three villages in the Arno valley. \
                 Engineers had warned about cracks in the concrete wall for years. \
                 The regional governor declared a state of emergency on Wednesday morning. \
                 Army helicopters lifted families from rooftops across the valley. \
                 Rescue teams searched the river banks until dawn. {figure} \
                 Schools in the valley will stay closed until further notice.\n"
            )
        };
        let articles = vec![
            article("a", date(2024, 5, 2), &dam("Kessel dam bursts in the Arno valley", "Others put the toll at 150 or more.")),
            article("b", date(2024, 5, 2), &dam("Arno valley flooded as Kessel dam fails", "A local baker sold 150 loaves to volunteers.")),
            article("c", date(2024, 9, 20), "Orchestra opens its autumn season\nThe city orchestra opened its autumn season with a Mahler symphony. Tickets went for 150 crowns in the stalls. The conductor thanked the audience after the encore.\n"),
        ];
        let alignment = align(&articles, DEFAULT_THRESHOLD);
        assert!(joined(&alignment, &articles, (0, "Schools"), (1, "Schools")), "the same claim in one story is joined");
        assert!(!joined(&alignment, &articles, (0, "150"), (1, "150")), "inside a story, a figure alone is no claim");
        assert!(!joined(&alignment, &articles, (0, "150"), (2, "150")) && !joined(&alignment, &articles, (1, "150"), (2, "150")), "nor across stories");
    }

    #[test]
    fn a_shared_topic_word_alone_never_makes_a_claim() {
        // Four reports of one flood, "Kessel" in many of their sentences: the story's subject.
        // Two sentences that share only the subject (and "Friday") state different facts.
        let report = |title: &str, own: &str| {
            format!(
                "{title}\nThe Kessel dam burst on Tuesday night and flooded three villages near Kessel. \
                 Engineers in Kessel had warned about cracks in the concrete wall for years. \
                 Army helicopters lifted families from rooftops across the valley on Wednesday. \
                 The governor visited Kessel and promised money for the repairs. {own} \
                 Schools around Kessel will stay closed until further notice.\n"
            )
        };
        let articles = vec![
            article("a", date(2024, 5, 2), &report("Kessel dam bursts", "In Kessel, the bakery reopened its doors on Friday.")),
            article("b", date(2024, 5, 2), &report("Kessel flooded as dam fails", "On Friday Kessel residents thanked the volunteers at the church.")),
            article("c", date(2024, 5, 3), &report("Kessel counts the damage", "Insurers expect claims of many millions.")),
            article("d", date(2024, 5, 3), &report("After the Kessel flood", "The river is expected to fall by the weekend.")),
        ];
        let alignment = align(&articles, DEFAULT_THRESHOLD);
        assert!(alignment.stories.iter().any(|s| s.articles == [0, 1, 2, 3]), "one story: {:?}", alignment.stories);
        assert!(joined(&alignment, &articles, (0, "helicopters"), (1, "helicopters")), "the same fact is one claim");
        assert!(!joined(&alignment, &articles, (0, "bakery"), (1, "volunteers")), "the story's subject alone is no claim");
    }

    #[test]
    fn an_article_whose_lede_is_elsewhere_stays_out_of_the_lede_event() {
        let report = |title: &str| {
            format!(
                "{title}\nThe Kessel dam burst on Tuesday night and flooded three villages in the Arno valley. \
                 Engineers had warned about cracks in the concrete wall for years. \
                 The regional governor declared a state of emergency on Wednesday morning. \
                 Army helicopters lifted families from rooftops across the valley.\n"
            )
        };
        // A long column that opens on something else and comes to the flood late.
        let mut column = String::from(
            "Why we stopped trusting our experts\nPublic trust erodes slowly, one broken promise at a time. \
             My grandmother believed every word a minister said. \
             Her generation had lived through worse winters than ours. \
             Nobody reads the small print of a budget any more. ",
        );
        for day in ["Tuesday", "Wednesday", "Thursday", "Friday"] {
            column.push_str(&format!(
                "On {day} the Kessel dam flood in the Arno valley was still the news. The burst dam flooded three villages. \
                 Engineers had warned about cracks in the concrete wall of the dam. Army helicopters lifted families from rooftops across the valley. "
            ));
        }
        let articles = vec![
            article("a", date(2024, 5, 2), &report("Kessel dam bursts in the Arno valley")),
            article("b", date(2024, 5, 2), &report("Arno valley flooded as Kessel dam fails")),
            article("c", date(2024, 5, 3), &column),
        ];
        let alignment = align(&articles, DEFAULT_THRESHOLD);
        assert!(alignment.stories.iter().any(|s| s.articles == [0, 1, 2]), "one story: {:?}", alignment.stories);
        let lede = alignment.events.iter().find(|e| e.kind == EventKind::Lede).expect("the reports' lede");
        assert!(lede.passages.iter().any(|p| p.article == 0) && lede.passages.iter().any(|p| p.article == 1));
        assert!(lede.passages.iter().all(|p| p.article != 2), "the column's headline is not the flood's lede");
        assert!(joined(&alignment, &articles, (0, "helicopters"), (2, "helicopters")), "its flood paragraph is still a claim");
    }

    #[test]
    fn corrections_move_articles_and_passages_and_say_what_no_longer_applies() {
        use crate::corrections::{ClaimFix, Corrections, PassageKey, StoryFix};
        let report = |title: &str| {
            format!(
                "{title}\nThe Kessel dam burst on Tuesday night and flooded three villages in the Arno valley. \
                 Engineers had warned about cracks in the concrete wall for years. \
                 Army helicopters lifted families from rooftops across the valley.\n"
            )
        };
        let articles = vec![
            article("a", date(2024, 5, 2), &report("Kessel dam bursts in the Arno valley")),
            article("b", date(2024, 5, 2), &report("Arno valley flooded as Kessel dam fails")),
            article("c", date(2024, 5, 3), &report("Three villages under water after the Kessel dam burst")),
        ];
        let prepared = Prepared::new(&articles);
        let plain = align_prepared(&articles, &prepared, DEFAULT_THRESHOLD);
        assert!(plain.stories.iter().any(|s| s.articles == [0, 1, 2]), "{:?}", plain.stories);
        let helicopters = |a: usize| {
            let art = &articles[a];
            let p = art.passages.iter().find(|p| art.passage_text(p).contains("helicopters")).unwrap();
            PassageKey { article: art.path.clone(), text: art.passage_text(p) }
        };
        // c out of the story; b's helicopters sentence out of its claim with a's; an article
        // that is gone.
        let corrections = Corrections {
            stories: vec![StoryFix::Apart { articles: vec!["c".into()], from: vec!["a".into(), "b".into()] }, StoryFix::Together { articles: vec!["gone".into(), "a".into()] }],
            claims: vec![ClaimFix::Apart { passages: vec![helicopters(1)], from: vec![helicopters(0)] }],
            notes: Vec::new(),
        };
        let corrected = align_corrected(&articles, &prepared, DEFAULT_THRESHOLD, &corrections);
        let story = corrected.stories.iter().find(|s| s.articles.contains(&0)).expect("a and b stay a story");
        assert_eq!(story.articles, [0, 1]);
        assert!(story.user.corrected);
        // (The identical sentence of c, now outside the story, is still reuse of a's and b's.)
        let in_claim = |alignment: &Alignment| {
            alignment.events.iter().filter(|e| e.story.is_some()).any(|e| [0, 1].iter().all(|&a| e.passages.iter().any(|p| p.article == a && articles[a].passage_text(&articles[a].passages[p.passage]).contains("helicopters"))))
        };
        assert!(!in_claim(&corrected), "taken apart");
        assert!(in_claim(&plain), "one claim as the engine had it");
        assert_eq!(corrected.unapplied.len(), 1, "{:?}", corrected.unapplied);
        assert!(corrected.unapplied[0].contains("gone"));
        assert!(plain.unapplied.is_empty() && plain.stories.iter().all(|s| !s.user.corrected));
    }

    #[test]
    fn claims_of_very_long_articles_stop_at_the_passage_bound() {
        // Two long reports of one flood, sentence i of one restating sentence i of the other
        // in words of its own. Past the bound, no passage takes part in a claim: that keeps the
        // cost of comparing two articles at most MAX_CLAIM_PASSAGES² pairs, however long they
        // are (two 8 MB articles once needed 8 GB and aborted).
        let word = |i: usize| -> String {
            let mut n = i;
            let mut w = String::new();
            for _ in 0..4 {
                w.push((b'a' + (n % 26) as u8) as char);
                n /= 26;
            }
            w
        };
        let sentences = 1_500;
        let report = |title: &str, verb: &str| {
            let mut text = format!("{title}\n");
            for i in 0..sentences {
                text.push_str(&format!("The flood {verb} {}ville and {}berg near the {} river. ", word(i), word(i + 7), word(i + 13)));
            }
            text.push('\n');
            text
        };
        let articles = vec![
            article("a", date(2024, 5, 2), &report("Flood reaches the villages of the valley", "reached")),
            article("b", date(2024, 5, 2), &report("Villages of the valley flooded", "swamped")),
        ];
        assert!(articles.iter().all(|a| a.passages.len() > claims::MAX_CLAIM_PASSAGES + 100));
        let alignment = align(&articles, DEFAULT_THRESHOLD);
        assert_eq!(alignment.stories.len(), 1, "one story");
        let claims: Vec<&Event> = alignment.events.iter().filter(|e| e.kind == EventKind::Claim).collect();
        assert!(claims.len() > 100, "sentences before the bound pair up: {}", claims.len());
        assert!(claims.iter().all(|e| e.passages.iter().all(|p| p.passage <= claims::MAX_CLAIM_PASSAGES)), "no passage past the bound is in a claim");
    }
}
