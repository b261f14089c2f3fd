//! The one place that scores: passages as TF-IDF vectors over their terms (rare words, names
//! and specific figures weigh most), and how alike two vectors are.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::lists::Lists;
use crate::terms::{self, TermKind};

/// Specific numbers and amounts identify a fact far better than a word of the same rarity.
const NUMBER_BOOST: f32 = 4.0;

const YEAR_BOOST: f32 = 0.5;

/// Passages with fewer terms than this say too little to be matched ("High stakes").
const MIN_TERMS: usize = 3;

/// A sparse, L2-normalised vector of (term id, weight), sorted by term id.
pub(super) type Vector = Vec<(u32, f32)>;

/// The vectors of many passages or articles, in one array.
pub(super) type Vectors = Lists<(u32, f32)>;

/// The sum of some vectors.
pub(super) fn add_up<'a>(vectors: impl Iterator<Item = &'a [(u32, f32)]>) -> Vector {
    // The entries of all, merged by term: each vector is sorted, so the sort merges runs. It is
    // stable, so each term's weights are added in the order of the vectors.
    let mut all: Vec<(u32, f32)> = vectors.flatten().copied().collect();
    all.sort_by_key(|e| e.0);
    all.chunk_by(|x, y| x.0 == y.0).map(|run| (run[0].0, run.iter().fold(0.0, |sum, &(_, w)| sum + w))).collect()
}

/// The direction of the sum of some vectors: their normalised sum.
pub(super) fn direction<'a>(vectors: impl Iterator<Item = &'a [(u32, f32)]>) -> Vector {
    let mut v = add_up(vectors);
    normalize(&mut v);
    v
}

/// The dot product of a short vector with a possibly much longer one, in time proportional to
/// the short one (a story's summed ledes can hold many terms).
pub(super) fn dot(short: &[(u32, f32)], long: &[(u32, f32)]) -> f32 {
    short.iter().map(|&(t, w)| long.binary_search_by_key(&t, |e| e.0).map_or(0.0, |k| w * long[k].1)).sum()
}

/// The distinct terms of some passages (from [`terms::distinct`]), in one array: made block
/// by block of passages as they are read, and held until all are.
pub(super) type TermLists = Lists<terms::PackedTerm>;

/// Turns term lists into TF-IDF vectors, one per list of each of `blocks` in turn; also returns
/// each term id's kind. Each block is freed as soon as it is numbered: a large folder's terms
/// need not be held twice.
///
/// Term ids are given in order of first use over all lists, whichever thread numbers them: the
/// blocks are numbered in groups, each on its own (its terms in order of first use there), then
/// the groups' terms are numbered in group order, so a term first used in an earlier group, or
/// earlier in the same group, gets the smaller id.
pub(super) fn weigh(blocks: Vec<TermLists>) -> (Vectors, Vec<TermKind>) {
    let lists: usize = blocks.iter().map(Lists::len).sum();
    let n = lists.max(1) as f32;
    let group_len = lists.div_ceil(NUMBERING_GROUPS_PER_THREAD * rayon::current_num_threads()).max(1);
    let mut groups: Vec<Vec<TermLists>> = Vec::new();
    let mut in_group = usize::MAX;
    for block in blocks {
        if in_group >= group_len {
            groups.push(Vec::new());
            in_group = 0;
        }
        in_group += block.len();
        groups.last_mut().expect("a group was started").push(block);
    }
    let groups: Vec<Group> = groups.into_par_iter().map(Group::number).collect();
    // The groups' terms in group order: each group's local ids mapped to global ones.
    let mut ids: HashMap<u64, u32> = HashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut kinds: Vec<TermKind> = Vec::new();
    let global: Vec<Vec<u32>> = groups
        .iter()
        .map(|group| {
            group
                .terms
                .iter()
                .map(|term| {
                    let id = *ids.entry(term.key).or_insert_with(|| {
                        df.push(0);
                        kinds.push(term.kind);
                        (df.len() - 1) as u32
                    });
                    df[id as usize] += term.count;
                    if term.named {
                        kinds[id as usize] = TermKind::Name;
                    }
                    id
                })
                .collect()
        })
        .collect();
    drop(ids);
    // Each term's weight, once: a logarithm per term of each list was a tenth of weighing.
    let weights: Vec<f32> = df.par_iter().zip(&kinds).map(|(&df, &kind)| (1.0 + n / df as f32).ln() * boost(kind)).collect();
    // Each list's vector has a weight per term, lists too short to match none: where each
    // starts is known before any is made, so each group's are made in place.
    let lengths = groups.iter().flat_map(|group| group.lists.iter()).map(|list| if list.len() < MIN_TERMS { 0 } else { list.len() });
    let starts: Vec<usize> = std::iter::once(0)
        .chain(lengths.scan(0, |end, n| {
            *end += n;
            Some(*end)
        }))
        .collect();
    let mut all = vec![(0, 0.0); starts[starts.len() - 1]];
    let mut pieces: Vec<&mut [(u32, f32)]> = Vec::with_capacity(groups.len());
    let (mut rest, mut first) = (&mut all[..], 0);
    for group in &groups {
        let after = first + group.lists.len();
        let (piece, tail) = std::mem::take(&mut rest).split_at_mut(starts[after] - starts[first]);
        pieces.push(piece);
        (rest, first) = (tail, after);
    }
    groups.into_par_iter().zip(global).zip(pieces).for_each(|((group, global), piece)| {
        // Each local id's global id and weight, side by side.
        let entries: Vec<(u32, f32)> = global.into_iter().map(|id| (id, weights[id as usize])).collect();
        let mut rest = piece;
        for list in group.lists.iter().filter(|list| list.len() >= MIN_TERMS) {
            let (v, tail) = std::mem::take(&mut rest).split_at_mut(list.len());
            v.iter_mut().zip(list).for_each(|(entry, &local)| *entry = entries[local as usize]);
            v.sort_unstable_by_key(|e| e.0);
            normalize(v);
            rest = tail;
        }
    });
    (Vectors::from_parts(all, starts), kinds)
}

/// Groups per thread the term lists are numbered in (see [`weigh`]): enough for the threads to
/// share the work evenly, few enough that a term is numbered again in few groups.
const NUMBERING_GROUPS_PER_THREAD: usize = 4;

/// A group of term lists numbered on its own: each list as local ids, and what each local id
/// stands for.
struct Group {
    lists: Lists<u32>,
    /// By local id, in order of first use in the group.
    terms: Vec<GroupTerm>,
}

struct GroupTerm {
    key: u64,
    /// Its kind where the group first uses it.
    kind: TermKind,
    /// Whether the group ever uses it as a name.
    named: bool,
    /// Lists of the group it is in.
    count: u32,
}

impl Group {
    fn number(blocks: Vec<TermLists>) -> Group {
        let mut ids: HashMap<u64, u32> = HashMap::default();
        let mut terms: Vec<GroupTerm> = Vec::new();
        let mut lists = Lists::default();
        for block in blocks {
            for list in block.iter() {
                lists.push(list.iter().map(|t| {
                    let id = *ids.entry(t.key()).or_insert_with(|| {
                        terms.push(GroupTerm { key: t.key(), kind: t.kind(), named: false, count: 0 });
                        (terms.len() - 1) as u32
                    });
                    let term = &mut terms[id as usize];
                    term.count += 1;
                    term.named |= t.kind() == TermKind::Name;
                    id
                }));
            }
        }
        Group { lists, terms }
    }
}

fn boost(kind: TermKind) -> f32 {
    match kind {
        TermKind::Number => NUMBER_BOOST,
        TermKind::Year => YEAR_BOOST,
        _ => 1.0,
    }
}

pub(super) fn normalize(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|e| e.1 /= norm);
    }
}

pub(super) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
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
pub(super) fn shares_a_word(a: &[(u32, f32)], b: &[(u32, f32)], kinds: &[TermKind]) -> bool {
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

    /// The vectors of some passages, read as one block.
    fn weigh_texts(texts: &[&str]) -> (Vectors, Vec<TermKind>) {
        weigh(vec![texts.iter().map(|t| terms::distinct(&terms::terms(t))).collect()])
    }

    #[test]
    fn terms_are_numbered_in_order_of_first_use_and_counted_once_per_list() {
        let term = |hash: u64, kind| terms::PackedTerm::from(terms::Term { hash: hash << 2, kind });
        // Many more lists than groups, so that terms recur across groups: list k brings term k
        // as a word, names term k - 1 and repeats term 999 - k / 2 (each key once per list).
        let lists: Vec<Vec<terms::PackedTerm>> = (0..1000u64)
            .map(|k| {
                let mut list = vec![term(k, TermKind::Word), term(k.saturating_sub(1), TermKind::Name), term(999 - k / 2, TermKind::Word)];
                let mut seen = std::collections::HashSet::new();
                list.retain(|t| seen.insert(t.key()));
                list
            })
            .collect();
        // Numbered one list after another: ids in order of first use, a name once named.
        let mut ids: Vec<u64> = Vec::new();
        let mut df: HashMap<u64, u32> = HashMap::default();
        let mut named: std::collections::HashSet<u64> = Default::default();
        for t in lists.iter().flatten() {
            if !ids.contains(&t.key()) {
                ids.push(t.key());
            }
            *df.entry(t.key()).or_default() += 1;
            if t.kind() == TermKind::Name {
                named.insert(t.key());
            }
        }
        // In blocks of seven lists, as passages come in blocks.
        let (vectors, kinds) = weigh(lists.chunks(7).map(|block| block.iter().cloned().collect()).collect());
        assert_eq!(kinds.len(), ids.len());
        for (id, key) in ids.iter().enumerate() {
            assert_eq!(kinds[id] == TermKind::Name, named.contains(key), "term {id}");
        }
        for (list, v) in lists.iter().zip(vectors.iter()) {
            let mut expected: Vec<(u32, f32)> =
                list.iter().map(|t| (ids.iter().position(|&k| k == t.key()).unwrap() as u32, (1.0 + 1000.0 / df[&t.key()] as f32).ln())).collect();
            expected.sort_unstable_by_key(|e| e.0);
            normalize(&mut expected);
            if list.len() < MIN_TERMS {
                assert!(v.is_empty());
                continue;
            }
            assert_eq!(v.iter().map(|e| e.0).collect::<Vec<_>>(), expected.iter().map(|e| e.0).collect::<Vec<_>>());
            assert!(v.iter().zip(&expected).all(|(x, y)| (x.1 - y.1).abs() < 1e-6), "{v:?} against {expected:?}");
        }
    }

    #[test]
    fn cosine_of_normalised_vectors() {
        let mut a: Vector = vec![(0, 3.0), (2, 4.0)];
        normalize(&mut a);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&a, &[(1, 1.0), (3, 1.0)]), 0.0, "no term in common");
        assert!((dot(&[(2, 1.0)], &a) - 0.8).abs() < 1e-6, "dot looks the short vector's terms up in the long one");
    }

    #[test]
    fn a_rare_term_weighs_more_than_a_common_one() {
        let texts = ["The storm hit the coast of Kellport.", "The storm hit the town.", "The storm hit the harbour."];
        let distinct = |text: &str| terms::distinct(&terms::terms(text));
        let (vectors, kinds) = weigh_texts(&texts);
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
        let texts = ["Officials pledged 5,000 missiles.", "Tickets cost 5,000 dollars.", "The 5,000 missiles arrived."];
        let (vectors, kinds) = weigh_texts(&texts);
        assert!(!shares_a_word(&vectors[0], &vectors[1], &kinds), "only 5,000 is shared");
        assert!(shares_a_word(&vectors[0], &vectors[2], &kinds), "missiles is shared");
    }
}
