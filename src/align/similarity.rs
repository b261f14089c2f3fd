//! The one place that scores: passages as TF-IDF vectors over their terms (rare words, names
//! and specific figures weigh most), and how alike two vectors are.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::terms::{self, TermKind};

/// Specific numbers and amounts identify a fact far better than a word of the same rarity.
const NUMBER_BOOST: f32 = 4.0;

const YEAR_BOOST: f32 = 0.5;

/// Passages with fewer terms than this say too little to be matched ("High stakes").
const MIN_TERMS: usize = 3;

/// A sparse, L2-normalised vector of (term id, weight), sorted by term id.
pub(super) type Vector = Vec<(u32, f32)>;

/// Many vectors in one array, each a slice of it: a large folder has millions of passages, and
/// a list each was an allocation each, scattered over memory that every later step reads.
pub(super) struct Vectors {
    all: Vec<(u32, f32)>,
    /// Where each vector starts in `all`, and after them where the last ends.
    starts: Vec<usize>,
}

impl Vectors {
    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &[(u32, f32)]> + Clone {
        self.range(0..self.len())
    }

    /// The vectors numbered `range`.
    pub(super) fn range(&self, range: std::ops::Range<usize>) -> impl ExactSizeIterator<Item = &[(u32, f32)]> + Clone {
        self.starts[range.start..=range.end].windows(2).map(|w| &self.all[w[0]..w[1]])
    }
}

impl std::ops::Index<usize> for Vectors {
    type Output = [(u32, f32)];

    fn index(&self, i: usize) -> &[(u32, f32)] {
        &self.all[self.starts[i]..self.starts[i + 1]]
    }
}

impl FromIterator<Vector> for Vectors {
    fn from_iter<I: IntoIterator<Item = Vector>>(vectors: I) -> Vectors {
        let mut all = Vec::new();
        let mut starts = vec![0];
        for v in vectors {
            all.extend(v);
            starts.push(all.len());
        }
        Vectors { all, starts }
    }
}

impl FromParallelIterator<Vector> for Vectors {
    fn from_par_iter<I: IntoParallelIterator<Item = Vector>>(vectors: I) -> Vectors {
        vectors.into_par_iter().collect::<Vec<Vector>>().into_iter().collect()
    }
}

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

/// Turns term lists into TF-IDF vectors; also returns each term id's kind. Each list is freed
/// as soon as it is numbered: a large folder's terms need not be held twice.
///
/// Term ids are given in order of first use over all lists, whichever thread numbers them: each
/// block of lists is numbered on its own (its terms in order of first use there), then the
/// blocks' terms are numbered in block order, so a term first used in an earlier block, or
/// earlier in the same block, gets the smaller id.
/// `raw` gives the `lists` lists one after the other.
pub(super) fn weigh(lists: usize, mut raw: impl Iterator<Item = Vec<terms::PackedTerm>>) -> (Vectors, Vec<TermKind>) {
    let n = lists.max(1) as f32;
    let block_len = lists.div_ceil(NUMBERING_BLOCKS_PER_THREAD * rayon::current_num_threads()).max(1);
    let mut blocks: Vec<Vec<Vec<terms::PackedTerm>>> = Vec::new();
    loop {
        let block: Vec<_> = raw.by_ref().take(block_len).collect();
        if block.is_empty() {
            break;
        }
        blocks.push(block);
    }
    let blocks: Vec<Block> = blocks.into_par_iter().map(Block::number).collect();
    // The blocks' terms in block order: each block's local ids mapped to global ones.
    let mut ids: HashMap<u64, u32> = HashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut kinds: Vec<TermKind> = Vec::new();
    let global: Vec<Vec<u32>> = blocks
        .iter()
        .map(|block| {
            block
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
    // starts is known before any is made, so each block's are made in place.
    let lengths = blocks.iter().flat_map(|block| &block.lists).map(|list| if list.len() < MIN_TERMS { 0 } else { list.len() });
    let starts: Vec<usize> = std::iter::once(0).chain(lengths.scan(0, |end, n| {
        *end += n;
        Some(*end)
    })).collect();
    let mut all = vec![(0, 0.0); starts[starts.len() - 1]];
    let mut pieces: Vec<&mut [(u32, f32)]> = Vec::with_capacity(blocks.len());
    let (mut rest, mut first) = (&mut all[..], 0);
    for block in &blocks {
        let after = first + block.lists.len();
        let (piece, tail) = std::mem::take(&mut rest).split_at_mut(starts[after] - starts[first]);
        pieces.push(piece);
        (rest, first) = (tail, after);
    }
    blocks.into_par_iter().zip(global).zip(pieces).for_each(|((block, global), piece)| {
        // Each local id's global id and weight, side by side.
        let entries: Vec<(u32, f32)> = global.into_iter().map(|id| (id, weights[id as usize])).collect();
        let mut rest = piece;
        for list in block.lists.into_iter().filter(|list| list.len() >= MIN_TERMS) {
            let (v, tail) = std::mem::take(&mut rest).split_at_mut(list.len());
            v.iter_mut().zip(list).for_each(|(entry, local)| *entry = entries[local as usize]);
            v.sort_unstable_by_key(|e| e.0);
            normalize(v);
            rest = tail;
        }
    });
    (Vectors { all, starts }, kinds)
}

/// Blocks per thread the term lists are numbered in (see [`weigh`]): enough for the threads to
/// share the work evenly, few enough that a term is numbered again in few blocks.
const NUMBERING_BLOCKS_PER_THREAD: usize = 4;

/// A block of term lists numbered on its own: each list as local ids, and what each local id
/// stands for.
struct Block {
    lists: Vec<Vec<u32>>,
    /// By local id, in order of first use in the block.
    terms: Vec<BlockTerm>,
}

struct BlockTerm {
    key: u64,
    /// Its kind where the block first uses it.
    kind: TermKind,
    /// Whether the block ever uses it as a name.
    named: bool,
    /// Lists of the block it is in.
    count: u32,
}

impl Block {
    fn number(raw: Vec<Vec<terms::PackedTerm>>) -> Block {
        let mut ids: HashMap<u64, u32> = HashMap::default();
        let mut terms: Vec<BlockTerm> = Vec::new();
        let lists = raw
            .into_iter()
            .map(|ts| {
                ts.iter()
                    .map(|t| {
                        let id = *ids.entry(t.key()).or_insert_with(|| {
                            terms.push(BlockTerm { key: t.key(), kind: t.kind(), named: false, count: 0 });
                            (terms.len() - 1) as u32
                        });
                        let term = &mut terms[id as usize];
                        term.count += 1;
                        term.named |= t.kind() == TermKind::Name;
                        id
                    })
                    .collect()
            })
            .collect();
        Block { lists, terms }
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

    #[test]
    fn terms_are_numbered_in_order_of_first_use_and_counted_once_per_list() {
        let term = |hash: u64, kind| terms::PackedTerm::from(terms::Term { hash: hash << 2, kind });
        // Many more lists than blocks, so that terms recur across blocks: list k brings term k
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
        let (vectors, kinds) = weigh(lists.len(), lists.clone().into_iter());
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
    fn vectors_in_one_array_keep_each_one_empty_ones_too() {
        let lists = vec![vec![(0, 1.0)], vec![], vec![(1, 0.6), (2, 0.8)], vec![]];
        let vectors: Vectors = lists.clone().into_iter().collect();
        assert_eq!(vectors.len(), 4);
        assert_eq!(vectors.iter().map(<[_]>::to_vec).collect::<Vec<_>>(), lists);
        assert_eq!(vectors.range(1..3).map(<[_]>::to_vec).collect::<Vec<_>>(), lists[1..3]);
        assert_eq!(&vectors[2], &lists[2][..]);
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
        let (vectors, kinds) = weigh(texts.len(), texts.iter().map(|t| distinct(t)));
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
        let distinct = |text: &str| terms::distinct(&terms::terms(text));
        let texts = ["Officials pledged 5,000 missiles.", "Tickets cost 5,000 dollars.", "The 5,000 missiles arrived."];
        let (vectors, kinds) = weigh(texts.len(), texts.iter().map(|t| distinct(t)));
        assert!(!shares_a_word(&vectors[0], &vectors[1], &kinds), "only 5,000 is shared");
        assert!(shares_a_word(&vectors[0], &vectors[2], &kinds), "missiles is shared");
    }
}
