//! The fitted judgement of stories: the probability that two articles report one happening,
//! from a few features anyone can inspect, by logistic regression. The weights are fitted on
//! the labelled dev corpora by `benches/fit_stories.py`, which writes `assets/story_model.json`;
//! nothing here is a tuned cut-off. Setting `PARALLAX_STORY_MODEL` to another model file makes
//! a run use it (the fitting script scores corpora it left out that way). The judgement of
//! claims (features in [`super::claims`]) is a model of the same form, `assets/claim_model.json`,
//! fitted by `benches/fit_claims.py`, overridden by `PARALLAX_CLAIM_MODEL`; it lives with them.

use std::sync::LazyLock;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::pairs::Edge;
use super::similarity::{Vector, Vectors, cosine, direction};
use super::context::Context;
use crate::article::Article;
use crate::terms::TermKind;

/// The features of an article pair, in the order of the model's weights.
pub const FEATURES: [&str; 16] = [
    // Cosine of the two articles' vectors (their characteristic terms, the lede weighted up).
    "body",
    // Cosine of their headlines, and of their ledes (headline and first sentences).
    "headline",
    "lede",
    // The part of the body cosine that names (capitalised words) make.
    "names",
    // ln(1 + the specific figures, not years, the two share) and ln(1 + those only one has).
    "shared_figures",
    "other_figures",
    // ln of the rank of each among the other's candidates by body cosine: the better, the worse.
    "ln_rank_best",
    "ln_rank_worst",
    // ln(1 + days between the two dates) when both are dated; whether either is undated.
    "ln_days",
    "undated",
    // Body, headline and lede cosine again when either is undated: without dates, the wording
    // has to tell one happening from the next alone, and may weigh differently.
    "body_undated",
    "headline_undated",
    "lede_undated",
    // The names (capitalised words) of the two articles: the share of the smaller set the other
    // has too, and the share of all their names both have. Two rehab stories differ in who.
    // (Shares, not counts: a count grows with the length of the articles.)
    "name_share",
    "names_in_both",
    // ln(1 + the years only one of the two mentions): a happening of 2008 is not one of 2011.
    "other_years",
];

/// A model: `P = 1 / (1 + e^-(bias + weights · features))`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub features: Vec<String>,
    pub weights: Vec<f32>,
    pub bias: f32,
}

/// The model in use for `names`: the fitted one, or the file the variable `env` names.
pub(super) fn model(fitted: &str, env: &str, names: &[&str]) -> Model {
    match std::env::var_os(env) {
        Some(path) => std::fs::read_to_string(&path)
            .map_err(ModelError::Unreadable)
            .and_then(|text| Model::parse(&text, names))
            .unwrap_or_else(|e| panic!("{env}={}: {e}", path.to_string_lossy())),
        None => Model::parse(fitted, names).expect("the fitted model in assets/ is a model of these features"),
    }
}

/// The judgement of stories (article pairs), from `assets/story_model.json`.
pub(super) static MODEL: LazyLock<Model> = LazyLock::new(|| model(include_str!("../../assets/story_model.json"), "PARALLAX_STORY_MODEL", &FEATURES));

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
enum ModelError {
    #[error("{0}")]
    Unreadable(std::io::Error),
    #[error("{0}")]
    NotAModel(#[from] serde_json::Error),
    #[error("the model's features are {found:?}, not {wanted:?}")]
    OtherFeatures { found: Vec<String>, wanted: Vec<String> },
}

impl Model {
    fn parse(text: &str, names: &[&str]) -> Result<Model, ModelError> {
        let model: Model = serde_json::from_str(text)?;
        if model.features != names || model.weights.len() != names.len() {
            return Err(ModelError::OtherFeatures { found: model.features, wanted: names.iter().map(|n| n.to_string()).collect() });
        }
        Ok(model)
    }

    pub fn probability(&self, x: &[f32]) -> f32 {
        let z = self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// What the features need of every article, computed once per alignment.
pub(super) struct ArticleFacts {
    /// Per article, what every candidate pair reads of it, in one record: a large folder's
    /// pairs reach their second article at random, and these facts in lists of their own cost
    /// a wait on memory each (eight per pair).
    sides: Vec<Side>,
    /// The vectors the records point into, each article's one after another.
    entries: Vec<(u32, f32)>,
    /// Per article: its specific figures, names and years (term ids of kind Number, Name and
    /// Year), each sorted.
    figures: Items,
    names: Items,
    years: Items,
}

/// One article's facts (see [`ArticleFacts`]).
struct Side {
    /// Where in the entries its headline, lede and names start, and where the names end. Its
    /// names are the name terms of its vector alone, so the part of a pair's body cosine that
    /// names make is a dot product of two short vectors, not a walk of two long ones.
    bounds: [u32; 4],
    published: Option<Date>,
    /// How many figures, names and years it has (indexed by [`FIGURES`], [`NAMES`], [`YEARS`]).
    counts: [u32; 3],
}

const FIGURES: usize = 0;
const NAMES: usize = 1;
const YEARS: usize = 2;

impl ArticleFacts {
    fn headline(&self, side: &Side) -> &[(u32, f32)] {
        &self.entries[side.bounds[0] as usize..side.bounds[1] as usize]
    }

    fn lede(&self, side: &Side) -> &[(u32, f32)] {
        &self.entries[side.bounds[1] as usize..side.bounds[2] as usize]
    }

    fn names(&self, side: &Side) -> &[(u32, f32)] {
        &self.entries[side.bounds[2] as usize..side.bounds[3] as usize]
    }
}

/// Per article, a set of term ids, kept for counting how many two articles share: only the ids
/// another article has too, renumbered densely. A term of one article alone is never shared.
struct Items {
    shareable: Vec<Vec<u32>>,
    /// How many ids are shareable (the renumbered ids are below it).
    universe: usize,
}

impl Items {
    fn new(sets: Vec<Vec<u32>>) -> Items {
        let mut articles_with = vec![0u32; sets.iter().flatten().max().map_or(0, |&t| t as usize + 1)];
        sets.iter().flatten().for_each(|&t| articles_with[t as usize] += 1);
        let mut universe = 0;
        let renumbered: Vec<u32> = articles_with
            .iter()
            .map(|&n| {
                universe += usize::from(n > 1);
                if n > 1 { universe as u32 - 1 } else { u32::MAX }
            })
            .collect();
        let shareable = sets.into_par_iter().map(|s| s.into_iter().map(|t| renumbered[t as usize]).filter(|&t| t != u32::MAX).collect()).collect();
        Items { shareable, universe }
    }
}

/// For each edge (numbered by half its slot in `by_article`, see [`features`]), how many items
/// of each of `items` its two articles share. A million pairs of articles with a hundred names
/// each made walking two sorted lists per pair the costliest step of judging a big folder; here
/// each article's items are marked once in a bitset (a few kilobytes, in the fastest cache),
/// and each partner's items are looked up in it.
fn shared_items<List: AsRef<[(f32, u32, u32)]> + Sync>(items: [&Items; 3], by_article: &[List], edges: usize) -> Vec<[u32; 3]> {
    let found: Vec<Vec<(u32, [u32; 3])>> = by_article
        .par_iter()
        .enumerate()
        .map_init(
            || items.map(|i| vec![0u64; i.universe.div_ceil(64)]),
            |bits, (a, list)| {
                // Marks article a's items, or clears them (a whole word at a time: only a's bits are set).
                let mark = |bits: &mut [Vec<u64>; 3], on: bool| {
                    for (set, of) in bits.iter_mut().zip(items) {
                        for &t in &of.shareable[a] {
                            set[t as usize / 64] = if on { set[t as usize / 64] | 1 << (t % 64) } else { 0 };
                        }
                    }
                };
                mark(bits, true);
                let counts = list
                    .as_ref()
                    .iter()
                    .filter(|&&(_, _, slot)| slot % 2 == 0)
                    .map(|&(_, b, slot)| {
                        let count = |set: &[u64], of: &Items| of.shareable[b as usize].iter().map(|&t| (set[t as usize / 64] >> (t % 64)) as u32 & 1).sum::<u32>();
                        (slot / 2, [count(&bits[0], items[0]), count(&bits[1], items[1]), count(&bits[2], items[2])])
                    })
                    .collect();
                mark(bits, false);
                counts
            },
        )
        .collect();
    let mut shared = vec![[0u32; 3]; edges];
    for (k, counts) in found.into_iter().flatten() {
        shared[k as usize] = counts;
    }
    shared
}

impl ArticleFacts {
    pub(super) fn new(context: &Context, articles: &[Article], vectors: &Vectors, article_vectors: &Vectors, kinds: &[TermKind]) -> ArticleFacts {
        let per_article: Vec<(Vector, Vector, Vector, [Vec<u32>; 3])> = context
            .range
            .par_iter()
            .enumerate()
            .map(|(a, range)| {
                let article_vector = &article_vectors[a];
                let with_terms: Vec<usize> = range.clone().filter(|&p| !vectors[p].is_empty()).collect();
                let headline = with_terms.first().map(|&p| vectors[p].to_vec()).unwrap_or_default();
                let lede = direction(with_terms.iter().take(super::ledes::LEDE_PASSAGES).map(|&p| &vectors[p]));
                // Figures, names and years, in one pass over the article's terms.
                let mut of_kind: [Vec<u32>; 3] = Default::default();
                for &(t, _) in range.clone().flat_map(|p| vectors[p].iter()) {
                    match kinds[t as usize] {
                        TermKind::Number => of_kind[0].push(t),
                        TermKind::Name => of_kind[1].push(t),
                        TermKind::Year => of_kind[2].push(t),
                        TermKind::Word => {}
                    }
                }
                for ids in &mut of_kind {
                    ids.sort_unstable();
                    ids.dedup();
                }
                (headline, lede, names_of(article_vector, kinds), of_kind)
            })
            .collect();
        let mut entries = Vec::with_capacity(per_article.iter().map(|(h, l, n, _)| h.len() + l.len() + n.len()).sum());
        let mut sides = Vec::with_capacity(per_article.len());
        let (mut figures, mut names, mut years) = (Vec::new(), Vec::new(), Vec::new());
        for ((headline, lede, name_vector, [f, n, y]), article) in per_article.into_iter().zip(articles) {
            let mut bounds = [entries.len() as u32; 4];
            for (k, v) in [headline, lede, name_vector].into_iter().enumerate() {
                entries.extend(v);
                bounds[k + 1] = entries.len() as u32;
            }
            sides.push(Side { bounds, published: article.published, counts: [f.len() as u32, n.len() as u32, y.len() as u32] });
            figures.push(f);
            names.push(n);
            years.push(y);
        }
        ArticleFacts { sides, entries, figures: Items::new(figures), names: Items::new(names), years: Items::new(years) }
    }
}

/// What `each` makes of the features of each candidate pair (`edges`, weighted by body
/// cosine): the features themselves for fitting, only a probability when aligning (a big
/// folder has millions of candidate pairs, and their features would be 64 bytes each).
pub(super) fn features<T: Send>(edges: &[Edge], articles: &[Article], facts: &ArticleFacts, each: impl Fn([f32; FEATURES.len()]) -> T + Sync) -> Vec<T> {
    // Each article's candidates by body cosine, best first: the rank of each partner among them
    // (ties ranked by partner), kept per edge and side.
    // The lists in one allocation, each article's after the one before (a list per article
    // grew by copying, millions of times in a large folder).
    let mut starts = vec![0usize; articles.len() + 1];
    for e in edges {
        starts[e.a as usize + 1] += 1;
        starts[e.b as usize + 1] += 1;
    }
    (0..articles.len()).for_each(|a| starts[a + 1] += starts[a]);
    let mut listed = vec![(0.0f32, 0u32, 0u32); 2 * edges.len()];
    let mut next = starts.clone();
    for (k, e) in edges.iter().enumerate() {
        for (from, to, slot) in [(e.a, e.b, 2 * k as u32), (e.b, e.a, 2 * k as u32 + 1)] {
            listed[next[from as usize]] = (e.weight, to, slot);
            next[from as usize] += 1;
        }
    }
    let mut by_article: Vec<&mut [(f32, u32, u32)]> = Vec::with_capacity(articles.len());
    let mut rest = &mut listed[..];
    for a in 0..articles.len() {
        let (list, after) = std::mem::take(&mut rest).split_at_mut(starts[a + 1] - starts[a]);
        by_article.push(list);
        rest = after;
    }
    by_article.par_iter_mut().for_each(|list| list.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1))));
    let mut ranks = vec![1.0f32; 2 * edges.len()];
    for list in &by_article {
        for (r, &(_, _, slot)) in list.iter().enumerate() {
            ranks[slot as usize] = (r + 1) as f32;
        }
    }
    let shared = shared_items([&facts.figures, &facts.names, &facts.years], &by_article, edges.len());
    drop(by_article);
    crate::steps::done("judgement: ranks");
    // How many of their items two articles share, and how many only one of them has.
    let overlap = |kind: usize, a: &Side, b: &Side, shared: u32| (shared as usize, (a.counts[kind] + b.counts[kind] - 2 * shared) as usize);
    edges
        .par_iter()
        .enumerate()
        .map(|(k, e)| {
            let (a, b) = (&facts.sides[e.a as usize], &facts.sides[e.b as usize]);
            let names: f32 = cosine(facts.names(a), facts.names(b));
            let [shared_figures, shared_names, shared_years] = shared[k];
            let (shared, only) = overlap(FIGURES, a, b, shared_figures);
            let (ra, rb) = (ranks[2 * k], ranks[2 * k + 1]);
            let (ln_days, undated) = match (a.published, b.published) {
                (Some(x), Some(y)) => (days_apart(x, y).ln_1p(), 0.0),
                _ => (0.0, 1.0),
            };
            let (headline, lede) = (cosine(facts.headline(a), facts.headline(b)), cosine(facts.lede(a), facts.lede(b)));
            let (shared_names, other_names) = overlap(NAMES, a, b, shared_names);
            let fewer_names = a.counts[NAMES].min(b.counts[NAMES]).max(1) as usize;
            let (_, other_years) = overlap(YEARS, a, b, shared_years);
            each([
                e.weight,
                headline,
                lede,
                names,
                (shared as f32).ln_1p(),
                (only as f32).ln_1p(),
                ra.min(rb).ln(),
                ra.max(rb).ln(),
                ln_days,
                undated,
                e.weight * undated,
                headline * undated,
                lede * undated,
                shared_names as f32 / fewer_names as f32,
                shared_names as f32 / (shared_names + other_names).max(1) as f32,
                (other_years as f32).ln_1p(),
            ])
        })
        .collect()
}

/// The entries of a vector whose terms are names, in order (not normalised again: their dot
/// product with another's is the part of the two vectors' cosine that names make).
fn names_of(v: &[(u32, f32)], kinds: &[TermKind]) -> Vector {
    v.iter().copied().filter(|&(t, _)| kinds[t as usize] == TermKind::Name).collect()
}

fn days_apart(a: Date, b: Date) -> f32 {
    (a - b).get_days().unsigned_abs() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_models_are_models_of_their_features() {
        assert_eq!(MODEL.features, FEATURES);
        assert!(MODEL.weights.iter().all(|w| w.is_finite()));
    }

    #[test]
    fn a_model_of_other_features_is_refused() {
        let text = r#"{"features": ["a", "b"], "weights": [1.0, 2.0], "bias": 0.0}"#;
        assert!(Model::parse(text, &["a", "b"]).is_ok());
        let refused = Model::parse(text, &["a", "c"]).unwrap_err().to_string();
        assert!(refused.contains("not [\"a\", \"c\"]"), "{refused}");
        assert!(Model::parse("{", &["a"]).is_err());
    }

    #[test]
    fn the_probability_is_the_logistic_of_the_weighed_features() {
        let model = Model { features: vec!["x".into(), "y".into()], weights: vec![2.0, -1.0], bias: -1.0 };
        assert!((model.probability(&[0.5, 0.0]) - 0.5).abs() < 1e-6, "z = 0 is even odds");
        assert!(model.probability(&[3.0, 0.0]) > 0.99);
        assert!(model.probability(&[0.0, 3.0]) < 0.02);
    }

    #[test]
    fn shared_items_count_what_both_articles_of_each_pair_have() {
        let items = Items::new(vec![vec![1, 2, 5], vec![2, 5, 7, 9], vec![9], vec![]]);
        assert_eq!(items.universe, 3, "2, 5 and 9 are in two articles; 1 and 7 in one");
        // Edges 0: (0, 1), 1: (1, 2), 2: (0, 2), 3: (2, 3), listed per article as features does.
        let by_article = vec![
            vec![(0.5, 1, 0), (0.5, 2, 4)],
            vec![(0.5, 0, 1), (0.5, 2, 2)],
            vec![(0.5, 1, 3), (0.5, 0, 5), (0.5, 3, 6)],
            vec![(0.5, 2, 7)],
        ];
        let shared: Vec<u32> = shared_items([&items; 3], &by_article, 4).into_iter().map(|[a, b, c]| {
            assert!(a == b && b == c);
            a
        }).collect();
        assert_eq!(shared, [2, 1, 0, 0]);
    }

    #[test]
    fn the_names_part_of_a_cosine_counts_shared_names_only() {
        let kinds = [TermKind::Word, TermKind::Name, TermKind::Name, TermKind::Number];
        let (a, b): (Vector, Vector) = (vec![(0, 0.6), (1, 0.6), (3, 0.5)], vec![(0, 0.8), (1, 0.5), (2, 0.3), (3, 0.1)]);
        assert_eq!(names_of(&a, &kinds), vec![(1, 0.6)]);
        assert_eq!(cosine(&names_of(&a, &kinds), &names_of(&b, &kinds)), 0.6 * 0.5, "the word and the figure they share count for nothing");
    }
}
