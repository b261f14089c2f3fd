//! Finding stories (articles that report one happening) and events (passages of different
//! articles that report the same claim), story first:
//!
//! ```text
//! articles ──► stories ──► lede + claims (inside each story) ──► reuse (across stories)
//! ```
//!
//! Passages become TF-IDF vectors over [`crate::terms`]: rare words, names and specific numbers
//! weigh most.
//!
//! 1. **Stories**: articles are compared through their characteristic terms (the lede counts
//!    most: news puts its main happening first) and their dates, and grouped by average linkage.
//!    Candidate article pairs come from an inverted index over rarer terms, so the cost grows
//!    with real overlap, not with all pairs.
//! 2. **Lede**: each story's lede event gathers the headline and first sentences of its articles,
//!    per burst of coverage ([`happenings`]).
//! 3. **Claims** ([`claims`]): inside each story, passages are paired by mutual best match
//!    between two articles and merged into claims with a consistency check.
//! 4. **Reuse** ([`reuse`]): across stories, only text copied word for word joins passages.
//!
//! A passage of one story never joins a passage of another through a shared name or figure.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::article::Article;
use crate::terms::{self, TermKind};

mod claims;
mod evidence;
mod reuse;

pub use claims::CLAIM_FLOOR;

/// The default strictness: how similar passages must be to count as one event.
pub const DEFAULT_THRESHOLD: f32 = 0.35;

/// Specific numbers and amounts identify a fact far better than a word of the same rarity.
const NUMBER_BOOST: f32 = 4.0;
const YEAR_BOOST: f32 = 0.5;
/// Passages with fewer terms than this say too little to be matched ("High stakes").
const MIN_TERMS: usize = 3;

/// A passage of an article, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PassageRef {
    pub article: usize,
    pub passage: usize,
}

/// How an event was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A story's main happening, as each article's headline and lede tell it.
    Lede,
    /// One claim of a story, as several of its articles state it.
    Claim,
    /// Text reused word for word in articles of different stories (wire copy, a quotation, a
    /// background sentence).
    Reuse,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    /// In article order, then text order.
    pub passages: Vec<PassageRef>,
    /// The passage that best represents the event (most similar to the others).
    pub central: PassageRef,
    /// The earliest date among its articles.
    pub date: Option<Date>,
    /// Mean similarity of its passages across articles, 0..1: how alike the wording is.
    pub agreement: f32,
    /// The story it belongs to (an index into [`Alignment::stories`]); `None` for reuse.
    pub story: Option<usize>,
    /// Why its passages were joined: what they share, for a reader to judge.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Story {
    pub articles: Vec<usize>,
    /// The article whose coverage is most typical of the story.
    pub central: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    pub events: Vec<Event>,
    pub stories: Vec<Story>,
}

/// A sparse, L2-normalised vector of (term id, weight), sorted by term id.
type Vector = Vec<(u32, f32)>;

/// Aligns passages and articles. `threshold` is the strictness, 0..1.
pub fn align(articles: &[Article], threshold: f32) -> Alignment {
    let refs: Vec<PassageRef> = articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.passages.len()).map(move |p| PassageRef { article: a, passage: p }))
        .collect();
    let raw: Vec<Vec<terms::Term>> = refs
        .par_iter()
        .map(|r| {
            let art = &articles[r.article];
            let p = &art.passages[r.passage];
            let mut t = terms::terms(&art.text[p.start..p.end]);
            t.sort_unstable_by_key(|t| t.hash);
            t.dedup_by_key(|t| t.hash);
            t
        })
        .collect();
    let (vectors, kinds) = weigh(&raw);
    drop(raw);

    // Articles first: which articles cover the same news, and how closely.
    let article_vectors = article_vectors(articles.len(), &vectors, &refs, &kinds);
    let strictness = threshold / DEFAULT_THRESHOLD;
    let story_threshold = STORY_THRESHOLD * strictness;
    let mut article_edges = similar_pairs(&article_vectors, &document_frequencies(&article_vectors), story_threshold * 0.5);
    for e in &mut article_edges {
        e.weight *= date_closeness(articles[e.a as usize].published, articles[e.b as usize].published);
    }
    let mut story_groups = average_linkage(articles.len(), &article_edges, story_threshold);
    attach_leftovers(&mut story_groups, articles.len(), &article_edges, story_threshold * LEFTOVER_SHARE, story_threshold);
    let context = Context::new(articles, &vectors, &article_edges);
    // A story is one happening: coverage in bursts weeks apart (two rehab check-ins of one
    // celebrity, a summit in March and another in August) makes one story per burst.
    let stories: Vec<Story> = story_groups
        .into_iter()
        .flat_map(|members| {
            let members: Vec<usize> = members.into_iter().map(|m| m as usize).collect();
            let (_, ledes) = lede_candidates(&members, &context, &vectors, &article_vectors, strictness);
            happenings(&members, &ledes, &context.published).into_iter().map(move |h| h.into_iter().map(|i| members[i] as u32).collect::<Vec<u32>>())
        })
        .filter(|members| members.len() >= 2)
        .map(|members| story(&members, &article_vectors))
        .collect();

    let ledes = lede_events(&stories, &context, &vectors, &article_vectors, strictness);
    let claims = claims::claims(&stories, &vectors, &kinds, &context, strictness);

    let mut story_of = vec![None; articles.len()];
    for (s, story) in stories.iter().enumerate() {
        story.articles.iter().for_each(|&a| story_of[a] = Some(s));
    }
    let shingles: Vec<Vec<u64>> = refs
        .par_iter()
        .map(|r| {
            let p = &articles[r.article].passages[r.passage];
            reuse::shingles(&articles[r.article].text[p.start..p.end])
        })
        .collect();
    let across_stories = |i: usize, j: usize| {
        let (a, b) = (refs[i].article, refs[j].article);
        a != b && (story_of[a] != story_of[b] || story_of[a].is_none())
    };
    let reuse_edges = reuse::reuse_pairs(&shingles, across_stories);
    drop(shingles);
    let mut reused = average_linkage(vectors.len(), &reuse_edges, reuse::REUSE_CONTAINMENT);
    // A restated figure joins only articles that are related overall (they share at least
    // half a story's worth of terms): the same number in unrelated news is a coincidence.
    let echo_edges = reuse::echo_pairs(&vectors, &kinds, |i, j| {
        across_stories(i, j) && context.article_similarity(refs[i].article, refs[j].article) > 0.0
    });
    reused.extend(average_linkage(vectors.len(), &echo_edges, reuse::ECHO_SIMILARITY));

    let mut events: Vec<Event> = ledes
        .into_iter()
        .map(|(s, m)| (EventKind::Lede, Some(s), m))
        .chain(claims.into_iter().map(|(s, m)| (EventKind::Claim, Some(s), m)))
        .chain(reused.into_iter().map(|m| (EventKind::Reuse, None, m)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|(kind, story, members)| make_event(kind, story, &members, &refs, &vectors, articles))
        .collect();
    events.sort_by(|a, b| a.date.cmp(&b.date).then(a.passages.cmp(&b.passages)));
    Alignment { events, stories }
}

/// Passages of an article's lede: its headline and first sentences.
const LEDE_PASSAGES: usize = 5;
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
fn lede_candidates(story: &[usize], context: &Context, vectors: &[Vector], article_vectors: &[Vector], strictness: f32) -> (Vec<Vec<usize>>, Vec<Vector>) {
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
fn lede_events(stories: &[Story], context: &Context, vectors: &[Vector], article_vectors: &[Vector], strictness: f32) -> Vec<(usize, Vec<u32>)> {
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

/// Reports more than this many days apart from all others tell a different happening of their
/// story (the check-in, then the move to another clinic a month later), not the same one...
const HAPPENING_GAP_DAYS: i32 = 7;
/// ...if at least this many dated reports make up that burst of coverage; one or two late
/// reports (the trial two years on) mostly look back on the happening before them.
const HAPPENING_REPORTS: usize = 3;

/// Splits a story's articles (as indices into `articles`) into happenings: bursts of dated
/// coverage separated by more than [`HAPPENING_GAP_DAYS`]. An undated article joins the
/// happening whose ledes its own lede is most like.
fn happenings(articles: &[usize], ledes: &[Vector], published: &[Option<Date>]) -> Vec<Vec<usize>> {
    let mut dated: Vec<(Date, usize)> = articles.iter().enumerate().filter_map(|(i, &a)| Some((published[a]?, i))).collect();
    dated.sort_unstable();
    let mut bursts: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<Date> = None;
    for (date, i) in dated {
        if last.is_none_or(|l| (date - l).get_days() > HAPPENING_GAP_DAYS) {
            bursts.push(Vec::new());
        }
        bursts.last_mut().expect("a burst was pushed").push(i);
        last = Some(date);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for burst in bursts {
        match groups.last_mut() {
            Some(previous) if burst.len() < HAPPENING_REPORTS => previous.extend(burst),
            Some(previous) if previous.len() < HAPPENING_REPORTS => previous.extend(burst),
            _ => groups.push(burst),
        }
    }
    if groups.len() <= 1 {
        return vec![(0..articles.len()).collect()];
    }
    let group_ledes: Vec<Vector> = groups.iter().map(|g| direction(g.iter().map(|&i| &ledes[i]))).collect();
    for (i, &a) in articles.iter().enumerate() {
        if published[a].is_none() {
            let best = (0..groups.len()).max_by(|&x, &y| dot(&ledes[i], &group_ledes[x]).total_cmp(&dot(&ledes[i], &group_ledes[y])).then(y.cmp(&x)));
            groups[best.expect("several groups")].push(i);
        }
    }
    groups.iter_mut().for_each(|g| g.sort_unstable());
    groups
}

/// The sum of some vectors.
fn add_up<'a>(vectors: impl Iterator<Item = &'a Vector>) -> Vector {
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
fn direction<'a>(vectors: impl Iterator<Item = &'a Vector>) -> Vector {
    let mut v = add_up(vectors);
    normalize(&mut v);
    v
}

/// The dot product of a short vector with a possibly much longer one, in time proportional to
/// the short one (a story's summed ledes can hold many terms).
fn dot(short: &Vector, long: &Vector) -> f32 {
    short.iter().map(|&(t, w)| long.binary_search_by_key(&t, |e| e.0).map_or(0.0, |k| w * long[k].1)).sum()
}

/// How much an article's other passages speak for one of its passages. A short article is
/// about one happening, so a terse sentence in it ("She checked in today.") means what the
/// whole article means; in a long article a sentence stands more on its own.
const CONTEXT_WEIGHT: f32 = 0.35;
/// Articles with at most this many passages count as short (full context weight).
const SHORT_ARTICLE: f32 = 10.0;

/// What the articles say about their passages: how similar each article is to others, and
/// where each article's passages are.
struct Context {
    /// Per article: (other article, similarity), sorted by other article.
    similar: Vec<Vec<(u32, f32)>>,
    /// Per article: the range of its passages in the flat passage list.
    range: Vec<std::ops::Range<usize>>,
    /// Per article: the number of passages with terms.
    size: Vec<f32>,
    /// Per article: its date.
    published: Vec<Option<Date>>,
}

impl Context {
    fn new(articles: &[Article], vectors: &[Vector], edges: &[Edge]) -> Context {
        let n = articles.len();
        let mut similar: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
        for e in edges {
            similar[e.a as usize].push((e.b, e.weight));
            similar[e.b as usize].push((e.a, e.weight));
        }
        similar.iter_mut().for_each(|list| list.sort_unstable_by_key(|e| e.0));
        let mut range = vec![0..0; n];
        let mut size = vec![0.0f32; n];
        let mut start = 0;
        for a in 0..n {
            let len = articles[a].passages.len();
            range[a] = start..start + len;
            size[a] = vectors[start..start + len].iter().filter(|v| !v.is_empty()).count() as f32;
            start += len;
        }
        debug_assert_eq!(start, vectors.len());
        Context { similar, range, size, published: articles.iter().map(|a| a.published).collect() }
    }

    /// The article a passage belongs to.
    fn article_of(&self, passage: u32) -> usize {
        self.range.partition_point(|r| r.end <= passage as usize)
    }

    /// How similar two articles are overall (0 when they share too little to be compared).
    fn article_similarity(&self, a: usize, b: usize) -> f32 {
        if a == b {
            return 1.0;
        }
        self.similar[a].binary_search_by_key(&(b as u32), |e| e.0).map_or(0.0, |k| self.similar[a][k].1)
    }

    /// The similarity bonus two passages get from their articles.
    fn bonus(&self, a: usize, b: usize) -> f32 {
        let longest = self.size[a].max(self.size[b]).max(1.0);
        CONTEXT_WEIGHT * (SHORT_ARTICLE / longest).min(1.0) * self.article_similarity(a, b)
    }
}

/// Calls `visit(i, scratch, edges)` for every item `0..n` in parallel and gathers the edges.
/// The work is cut into a few large chunks so each allocates its scratch space (often one slot
/// per item) once, not once per task.
fn for_each_item<S>(n: usize, scratch: impl Fn() -> S + Sync, visit: impl Fn(usize, &mut S, &mut Vec<Edge>) + Sync) -> Vec<Edge> {
    let chunk = n.div_ceil(rayon::current_num_threads() * 8).max(1);
    let parts: Vec<Vec<Edge>> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .map(|c| {
            let mut s = scratch();
            let mut edges = Vec::new();
            for i in c * chunk..((c + 1) * chunk).min(n) {
                visit(i, &mut s, &mut edges);
            }
            edges
        })
        .collect();
    parts.concat()
}

/// For every item `i`, the items `j > i` in any of the lists that `lists(i, visit)` passes to
/// `visit` (each once), kept as edges weighted by `weigh(i, j)` where it gives a weight.
fn pairs_through(
    n: usize,
    lists: impl Fn(usize, &mut dyn FnMut(&[u32])) + Sync,
    weigh: impl Fn(usize, usize) -> Option<f32> + Sync,
) -> Vec<Edge> {
    for_each_item(
        n,
        || (Vec::<u32>::new(), vec![false; n]),
        |i, (touched, seen), edges| {
            lists(i, &mut |list| {
                for &j in list {
                    if j as usize > i && !seen[j as usize] {
                        seen[j as usize] = true;
                        touched.push(j);
                    }
                }
            });
            for j in touched.drain(..) {
                seen[j as usize] = false;
                if let Some(weight) = weigh(i, j as usize) {
                    edges.push(Edge { a: i as u32, b: j, weight });
                }
            }
        },
    )
}

/// Turns term lists into TF-IDF vectors; also returns each term id's kind.
fn weigh(raw: &[Vec<terms::Term>]) -> (Vec<Vector>, Vec<TermKind>) {
    let mut ids: HashMap<u64, u32> = HashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut kinds: Vec<TermKind> = Vec::new();
    let id_lists: Vec<Vec<u32>> = raw
        .iter()
        .map(|ts| {
            ts.iter()
                .map(|t| {
                    let id = *ids.entry(t.hash).or_insert_with(|| {
                        df.push(0);
                        kinds.push(t.kind);
                        (df.len() - 1) as u32
                    });
                    df[id as usize] += 1;
                    if t.kind == TermKind::Name {
                        kinds[id as usize] = TermKind::Name;
                    }
                    id
                })
                .collect()
        })
        .collect();
    let n = raw.len().max(1) as f32;
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

fn normalize(v: &mut Vector) {
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|e| e.1 /= norm);
    }
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// A hasher for keys that are hashes already (shingles, word keys): it passes them through.
#[derive(Default)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A similarity edge between two items.
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: u32,
    b: u32,
    weight: f32,
}

/// The most items a term may occur in and still propose candidate pairs. Terms more common
/// than this still count in the similarity; they just do not propose pairs. A fixed cap keeps
/// the work per passage bounded, so the whole grows linearly with the folder.
const CANDIDATE_DF_CAP: u32 = 60;

/// Inverted index of the terms rare enough to propose candidates: for each term, the items
/// that use it (one flat array, indexed by term).
struct Postings {
    start: Vec<u32>,
    entries: Vec<u32>,
}

impl Postings {
    fn new(vectors: &[Vector], df: &[u32]) -> Postings {
        let cap = CANDIDATE_DF_CAP;
        let listed = |t: u32| df[t as usize] > 1 && df[t as usize] <= cap;
        let mut start = vec![0u32; df.len() + 1];
        for v in vectors {
            for &(t, _) in v.iter().filter(|e| listed(e.0)) {
                start[t as usize + 1] += 1;
            }
        }
        for t in 0..df.len() {
            start[t + 1] += start[t];
        }
        let mut fill = start.clone();
        let mut entries = vec![0u32; start[df.len()] as usize];
        for (i, v) in vectors.iter().enumerate() {
            for &(t, _) in v.iter().filter(|e| listed(e.0)) {
                entries[fill[t as usize] as usize] = i as u32;
                fill[t as usize] += 1;
            }
        }
        Postings { start, entries }
    }

    fn list(&self, term: u32) -> &[u32] {
        let t = term as usize;
        &self.entries[self.start[t] as usize..self.start[t + 1] as usize]
    }
}

fn document_frequencies(vectors: &[Vector]) -> Vec<u32> {
    let max_term = vectors.iter().flat_map(|v| v.iter().map(|e| e.0)).max().map_or(0, |m| m as usize + 1);
    let mut df = vec![0u32; max_term];
    for v in vectors {
        for &(t, _) in v {
            df[t as usize] += 1;
        }
    }
    df
}

/// All pairs of items with similarity at least `min_weight`, found through rare shared terms.
fn similar_pairs(vectors: &[Vector], df: &[u32], min_weight: f32) -> Vec<Edge> {
    let index = Postings::new(vectors, df);
    pairs_through(
        vectors.len(),
        |i, visit| vectors[i].iter().for_each(|&(t, _)| visit(index.list(t))),
        |i, j| Some(cosine(&vectors[i], &vectors[j])).filter(|&weight| weight >= min_weight),
    )
}

/// Groups items by average linkage over a sparse similarity graph (missing edges count as 0):
/// two groups merge while the mean similarity between their members is at least `threshold`.
fn average_linkage(n: usize, edges: &[Edge], threshold: f32) -> Vec<Vec<u32>> {
    #[derive(PartialEq)]
    struct Candidate(f32, u32, u32, u32, u32);
    impl Eq for Candidate {}
    impl PartialOrd for Candidate {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Candidate {
        fn cmp(&self, other: &Self) -> Ordering {
            self.0.total_cmp(&other.0).then(other.1.cmp(&self.1)).then(other.2.cmp(&self.2))
        }
    }
    let mut size = vec![1u32; n];
    let mut version = vec![0u32; n];
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut links: Vec<HashMap<u32, f32>> = vec![HashMap::default(); n];
    for e in edges {
        *links[e.a as usize].entry(e.b).or_default() += e.weight;
        *links[e.b as usize].entry(e.a).or_default() += e.weight;
    }
    let mut heap = BinaryHeap::new();
    for e in edges {
        if e.weight >= threshold {
            heap.push(Candidate(e.weight, e.a, e.b, 0, 0));
        }
    }
    while let Some(Candidate(_, a, b, va, vb)) = heap.pop() {
        if parent[a as usize] != a || parent[b as usize] != b || version[a as usize] != va || version[b as usize] != vb {
            continue;
        }
        // Merge the smaller group into the larger.
        let (keep, gone) = if links[a as usize].len() >= links[b as usize].len() { (a, b) } else { (b, a) };
        parent[gone as usize] = keep;
        size[keep as usize] += size[gone as usize];
        version[keep as usize] += 1;
        let gone_links = std::mem::take(&mut links[gone as usize]);
        links[keep as usize].remove(&gone);
        for (other, w) in gone_links {
            if other == keep {
                continue;
            }
            *links[keep as usize].entry(other).or_default() += w;
            let theirs = &mut links[other as usize];
            let moved = theirs.remove(&gone).unwrap_or(0.0);
            *theirs.entry(keep).or_default() += moved;
        }
        for (&other, &w) in &links[keep as usize] {
            let mean = w / (size[keep as usize] as f32 * size[other as usize] as f32);
            if mean >= threshold {
                let (x, y) = (keep.min(other), keep.max(other));
                heap.push(Candidate(mean, x, y, version[x as usize], version[y as usize]));
            }
        }
    }
    let mut groups: HashMap<u32, Vec<u32>> = HashMap::default();
    for i in 0..n as u32 {
        let mut r = i;
        while parent[r as usize] != r {
            r = parent[r as usize];
        }
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort();
    out
}

/// Builds an event from a cluster of passages, if they come from at least two articles.
fn make_event(kind: EventKind, story: Option<usize>, members: &[u32], refs: &[PassageRef], vectors: &[Vector], articles: &[Article]) -> Option<Event> {
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
    Some(Event { kind, passages, central: refs[members[central_index] as usize], date, agreement, story, evidence })
}

/// Terms kept per article when comparing whole articles.
const ARTICLE_TERMS: usize = 40;
/// Article similarity that makes a story at the default strictness. Stories need less wording in
/// common than events: two articles on one story share its names and facts, not their sentences.
const STORY_THRESHOLD: f32 = 0.23;

/// Weight of lede passages in an article's vector.
const LEDE_WEIGHT: f32 = 3.0;
/// Names say which story an article covers better than other words of the same rarity.
const NAME_WEIGHT: f32 = 1.5;

/// Each article as the sum of its passage vectors, lede and names weighted up, cut to its most
/// characteristic terms.
fn article_vectors(n: usize, vectors: &[Vector], refs: &[PassageRef], kinds: &[TermKind]) -> Vec<Vector> {
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

/// An article left out of every story joins the one it is most like if their mean similarity
/// reaches this share of the story threshold.
const LEFTOVER_SHARE: f32 = 0.5;

/// Adds each item left out of every group to a group: the one it is most similar to on average,
/// if that mean similarity reaches `mean_threshold`, or else the group of its nearest item, if
/// that item is at least `nearest_threshold` similar. Articles that average linkage left alone
/// are often short or oddly worded reports of a story they plainly belong to, or long ones that
/// share much with a few of its articles and little with the rest.
fn attach_leftovers(groups: &mut [Vec<u32>], n: usize, edges: &[Edge], mean_threshold: f32, nearest_threshold: f32) {
    let mut group_of = vec![usize::MAX; n];
    for (g, members) in groups.iter().enumerate() {
        members.iter().for_each(|&m| group_of[m as usize] = g);
    }
    let mut sums: HashMap<(u32, usize), f32> = HashMap::default();
    let mut nearest: HashMap<u32, (f32, usize)> = HashMap::default();
    for e in edges {
        for (item, other) in [(e.a, e.b), (e.b, e.a)] {
            let g = group_of[other as usize];
            if group_of[item as usize] == usize::MAX && g != usize::MAX {
                *sums.entry((item, g)).or_default() += e.weight;
                let near = nearest.entry(item).or_insert((e.weight, g));
                if e.weight > near.0 || (e.weight == near.0 && g < near.1) {
                    *near = (e.weight, g);
                }
            }
        }
    }
    let mut best: HashMap<u32, (usize, f32)> = HashMap::default();
    for ((item, g), sum) in sums {
        let mean = sum / groups[g].len() as f32;
        let entry = best.entry(item).or_insert((g, mean));
        if mean > entry.1 || (mean == entry.1 && g < entry.0) {
            *entry = (g, mean);
        }
    }
    let mut joins: Vec<(u32, usize)> = nearest
        .into_iter()
        .filter_map(|(item, (weight, near_group))| match best.get(&item) {
            Some(&(g, mean)) if mean >= mean_threshold => Some((item, g)),
            _ => (weight >= nearest_threshold).then_some((item, near_group)),
        })
        .collect();
    joins.sort_unstable();
    for (item, g) in joins {
        groups[g].push(item);
    }
}

/// A story from a cluster of articles; its centre is the article most like the others.
fn story(members: &[u32], article_vectors: &[Vector]) -> Story {
    let ids: Vec<usize> = members.iter().map(|&m| m as usize).collect();
    let scores: Vec<f32> = ids.iter().map(|&a| ids.iter().map(|&b| cosine(&article_vectors[a], &article_vectors[b])).sum()).collect();
    let best = (0..ids.len()).max_by(|&x, &y| scores[x].total_cmp(&scores[y]).then(ids[y].cmp(&ids[x]))).expect("a story has articles");
    Story { central: ids[best], articles: ids }
}

/// Whether two passages share a word or a name (not only figures and years).
fn shares_a_word(a: &Vector, b: &Vector, kinds: &[TermKind]) -> bool {
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

/// 1 for articles published within a few days of each other, falling to 1/2 two months apart.
fn date_closeness(a: Option<Date>, b: Option<Date>) -> f32 {
    let (Some(a), Some(b)) = (a, b) else { return 1.0 };
    let days = (a - b).get_days().unsigned_abs() as f32;
    (1.0 - (days - 3.0).max(0.0) / 120.0).max(0.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DateOrigin;
    use jiff::civil::date;

    fn article(path: &str, published: Date, text: &str) -> Article {
        let passages = crate::segment::segment(text, 0, true).remove(0).passages;
        Article {
            path: path.into(),
            title: None,
            source: Some(path.into()),
            published: Some(published),
            date_origin: DateOrigin::Metadata,
            url: None,
            author: None,
            language: None,
            text: text.into(),
            passages,
        }
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
    fn bursts_of_coverage_weeks_apart_are_separate_happenings() {
        let may = Some(date(2013, 5, 2));
        let june = Some(date(2013, 6, 13));
        let published = vec![may, may, Some(date(2013, 5, 3)), june, june, Some(date(2013, 6, 14)), None];
        let (checks_in, moves) = (vec![(1, 1.0)], vec![(2, 1.0)]);
        let ledes = vec![checks_in.clone(), checks_in.clone(), checks_in, moves.clone(), moves.clone(), moves.clone(), moves];
        let articles: Vec<usize> = (0..7).collect();
        assert_eq!(happenings(&articles, &ledes, &published), vec![vec![0, 1, 2], vec![3, 4, 5, 6]]);
    }

    #[test]
    fn a_lone_late_report_stays_with_the_happening_it_looks_back_on() {
        let may = Some(date(2013, 5, 2));
        let published = vec![may, may, may, Some(date(2015, 1, 1)), Some(date(2015, 1, 2))];
        let ledes = vec![vec![(1, 1.0)]; 5];
        assert_eq!(happenings(&(0..5).collect::<Vec<_>>(), &ledes, &published), vec![vec![0, 1, 2, 3, 4]]);
    }
}
