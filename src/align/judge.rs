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
use super::similarity::{Vector, cosine, direction};
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
    headline: Vec<Vector>,
    /// Per article: the name terms of its vector alone, so the part of a pair's body cosine
    /// that names make is a dot product of two short vectors, not a walk of two long ones.
    name_vectors: Vec<Vector>,
    lede: Vec<Vector>,
    /// Per article: its specific figures, names and years (term ids of kind Number, Name and
    /// Year), each sorted.
    figures: Vec<Vec<u32>>,
    names: Vec<Vec<u32>>,
    years: Vec<Vec<u32>>,
}

impl ArticleFacts {
    pub(super) fn new(context: &Context, vectors: &[Vector], article_vectors: &[Vector], kinds: &[TermKind]) -> ArticleFacts {
        let per_article: Vec<(Vector, Vector, [Vec<u32>; 3])> = context
            .range
            .par_iter()
            .map(|range| {
                let with_terms: Vec<usize> = range.clone().filter(|&p| !vectors[p].is_empty()).collect();
                let headline = with_terms.first().map(|&p| vectors[p].clone()).unwrap_or_default();
                let lede = direction(with_terms.iter().take(super::ledes::LEDE_PASSAGES).map(|&p| &vectors[p]));
                let of_kind = |kind: TermKind| {
                    let mut ids: Vec<u32> = range.clone().flat_map(|p| vectors[p].iter().map(|e| e.0)).filter(|&t| kinds[t as usize] == kind).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                };
                (headline, lede, [of_kind(TermKind::Number), of_kind(TermKind::Name), of_kind(TermKind::Year)])
            })
            .collect();
        let name_vectors = article_vectors.par_iter().map(|v| names_of(v, kinds)).collect();
        let mut facts = ArticleFacts { headline: Vec::new(), name_vectors, lede: Vec::new(), figures: Vec::new(), names: Vec::new(), years: Vec::new() };
        for (h, l, [f, n, y]) in per_article {
            facts.headline.push(h);
            facts.lede.push(l);
            facts.figures.push(f);
            facts.names.push(n);
            facts.years.push(y);
        }
        facts
    }
}

/// What `each` makes of the features of each candidate pair (`edges`, weighted by body
/// cosine): the features themselves for fitting, only a probability when aligning (a big
/// folder has millions of candidate pairs, and their features would be 64 bytes each).
pub(super) fn features<T: Send>(edges: &[Edge], articles: &[Article], facts: &ArticleFacts, each: impl Fn([f32; FEATURES.len()]) -> T + Sync) -> Vec<T> {
    // Each article's candidates by body cosine, best first: the rank of each partner among them
    // (ties ranked by partner), kept per edge and side.
    let mut by_article: Vec<Vec<(f32, u32, u32)>> = vec![Vec::new(); articles.len()];
    for (k, e) in edges.iter().enumerate() {
        by_article[e.a as usize].push((e.weight, e.b, 2 * k as u32));
        by_article[e.b as usize].push((e.weight, e.a, 2 * k as u32 + 1));
    }
    let mut ranks = vec![1.0f32; 2 * edges.len()];
    for list in &mut by_article {
        list.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (r, &(_, _, slot)) in list.iter().enumerate() {
            ranks[slot as usize] = (r + 1) as f32;
        }
    }
    drop(by_article);
    edges
        .par_iter()
        .enumerate()
        .map(|(k, e)| {
            let (a, b) = (e.a as usize, e.b as usize);
            let names: f32 = cosine(&facts.name_vectors[a], &facts.name_vectors[b]);
            let (shared, only) = overlap(&facts.figures[a], &facts.figures[b]);
            let (ra, rb) = (ranks[2 * k], ranks[2 * k + 1]);
            let (ln_days, undated) = match (articles[a].published, articles[b].published) {
                (Some(x), Some(y)) => (days_apart(x, y).ln_1p(), 0.0),
                _ => (0.0, 1.0),
            };
            let (headline, lede) = (cosine(&facts.headline[a], &facts.headline[b]), cosine(&facts.lede[a], &facts.lede[b]));
            let (shared_names, other_names) = overlap(&facts.names[a], &facts.names[b]);
            let fewer_names = facts.names[a].len().min(facts.names[b].len()).max(1);
            let (_, other_years) = overlap(&facts.years[a], &facts.years[b]);
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
fn names_of(v: &Vector, kinds: &[TermKind]) -> Vector {
    v.iter().copied().filter(|&(t, _)| kinds[t as usize] == TermKind::Name).collect()
}

/// How many items two sorted lists share, and how many are in one only.
fn overlap(a: &[u32], b: &[u32]) -> (usize, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (shared, a.len() + b.len() - 2 * shared)
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
    fn overlap_counts_shared_and_unshared_items() {
        assert_eq!(overlap(&[1, 2, 5], &[2, 5, 7, 9]), (2, 3));
        assert_eq!(overlap(&[], &[1]), (0, 1));
    }

    #[test]
    fn the_names_part_of_a_cosine_counts_shared_names_only() {
        let kinds = [TermKind::Word, TermKind::Name, TermKind::Name, TermKind::Number];
        let (a, b): (Vector, Vector) = (vec![(0, 0.6), (1, 0.6), (3, 0.5)], vec![(0, 0.8), (1, 0.5), (2, 0.3), (3, 0.1)]);
        assert_eq!(names_of(&a, &kinds), vec![(1, 0.6)]);
        assert_eq!(cosine(&names_of(&a, &kinds), &names_of(&b, &kinds)), 0.6 * 0.5, "the word and the figure they share count for nothing");
    }
}
