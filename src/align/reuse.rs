//! Reuse across stories: the same text in articles that report different happenings (wire copy,
//! one quotation, a background sentence repeated word for word), and the same specific figure
//! restated in the same words (the 5,000 air-defence missiles of a March pledge, recalled in
//! October). Two passages are reuse when they share a run of words long enough to be copied and
//! most of the shorter one is shared, or when they cite the same figure and are alike in their
//! words too. A shared figure, name or date alone never joins anything.

use rustc_hash::FxHashMap;

use super::pairs::{Edge, pairs_through};
use super::similarity::{Vectors, cosine, shares_a_word};
use crate::terms::TermKind;

/// Words per shingle: runs of this many words are the unit of copied text.
const SHINGLE_WORDS: usize = 4;
/// Two passages are reuse when at least this share of the shorter one's shingles is in the other.
pub const REUSE_CONTAINMENT: f32 = 0.6;
/// ...and they share at least this many shingles (a run of at least 8 words in common), so a
/// stock phrase ("said in a statement on Monday") is not reuse.
const MIN_SHARED: usize = 5;
/// ...of which at least this many hold a content word: sentences of function words alone
/// ("That's all I can say about that.") recur in any large folder, said by different people.
const MIN_SHARED_WORDED: usize = 1;
/// A shingle in more passages than this proposes no pairs: it bounds the work per shingle.
const SHINGLE_DF_CAP: usize = 1000;

/// A shingle: a hash of a run of words (31 bits, and the bit of [`is_worded`]). Four bytes: a
/// folder of 50,000 articles holds 42 million of them. Two passages of 20 shingles share a hash
/// by chance once in five million pairs, and then one shingle, where reuse takes five and most
/// of the shorter passage.
pub type Shingle = u32;

/// Makes the shingles of a passage from its words (see [`crate::terms::shingle_words`]), given
/// one at a time: hashes of each run of [`SHINGLE_WORDS`] words, lowercased, punctuation
/// dropped; sorted and deduplicated. The lowest bit of a shingle says whether it has a content
/// word (see [`is_worded`]). They go at the end of their block (see [`Shingles`]).
pub struct Shingler<'b> {
    /// The last words given, the latest last.
    last: [crate::terms::ShingleWord; SHINGLE_WORDS],
    words: usize,
    block: &'b mut ShingleBlock,
}

impl Shingler<'_> {
    pub fn push(&mut self, word: crate::terms::ShingleWord) {
        self.last.copy_within(1.., 0);
        self.last[SHINGLE_WORDS - 1] = word;
        self.words += 1;
        if self.words >= SHINGLE_WORDS {
            // The top half of the last product: its best-mixed bits.
            let hash = (self.last.iter().fold(0u64, |h, &(w, _)| (h.rotate_left(17) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as Shingle;
            self.block.all.push((hash & !1) | Shingle::from(self.last.iter().any(|&(_, worded)| worded)));
        }
    }

    /// Ends the passage: its shingles sorted, each once.
    pub fn finish(self) {
        let all = &mut self.block.all;
        let from = *self.block.starts.last().expect("a block's starts begin with 0") as usize;
        all[from..].sort_unstable();
        let mut kept = from;
        for k in from..all.len() {
            if kept == from || all[k] != all[kept - 1] {
                all[kept] = all[k];
                kept += 1;
            }
        }
        all.truncate(kept);
        self.block.starts.push(u32::try_from(kept).expect("a block of passages holds fewer than 4 billion shingles"));
    }
}

/// Passages per block of [`Shingles`]: a block of a few thousand shingles is quick to grow.
pub const BLOCK_PASSAGES: usize = 1 << BLOCK_BITS;
const BLOCK_BITS: u32 = 8;

/// The shingles of [`BLOCK_PASSAGES`] passages in one array, passage after passage.
pub struct ShingleBlock {
    all: Vec<Shingle>,
    /// Where each passage's shingles start in `all`, and after the last, where they end.
    starts: Vec<u32>,
}

impl Default for ShingleBlock {
    fn default() -> ShingleBlock {
        ShingleBlock { all: Vec::new(), starts: vec![0] }
    }
}

impl ShingleBlock {
    /// Makes the next passage's shingles.
    pub fn shingler(&mut self) -> Shingler<'_> {
        Shingler { last: [(0, false); SHINGLE_WORDS], words: 0, block: self }
    }

    /// Gives back the room made for passages that are not to come: a folder's shingles are
    /// kept until it is aligned.
    pub fn shrink_to_fit(&mut self) {
        self.all.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

/// Every passage's shingles, in blocks of passages (see [`ShingleBlock`]). Comparing a pair of
/// passages reads the second one's at random: as a list of its own, each was a header to
/// read, then the list, in 2 million lists of a large folder (their headers alone 50 MB); here
/// the starts, four bytes a passage, stay in the processor's cache, and the shingles are one
/// read. Made in blocks, in parallel, and never copied into one array (170 MB at 50,000 articles).
pub struct Shingles {
    blocks: Vec<ShingleBlock>,
}

impl Shingles {
    /// The blocks, each but the last of [`BLOCK_PASSAGES`] passages.
    pub fn new(blocks: Vec<ShingleBlock>) -> Shingles {
        debug_assert!(blocks.iter().rev().skip(1).all(|b| b.starts.len() - 1 == BLOCK_PASSAGES));
        Shingles { blocks }
    }

    fn passages(&self) -> usize {
        self.blocks.last().map_or(0, |last| (self.blocks.len() - 1) * BLOCK_PASSAGES + last.starts.len() - 1)
    }

    fn of(&self, passage: usize) -> &[Shingle] {
        let block = &self.blocks[passage >> BLOCK_BITS];
        let k = passage & (BLOCK_PASSAGES - 1);
        &block.all[block.starts[k] as usize..block.starts[k + 1] as usize]
    }
}

/// Whether a shingle has a content word: "said that it was" has none, and is in every folder
/// many times over.
fn is_worded(shingle: Shingle) -> bool {
    shingle & 1 == 1
}

/// Shards the shingles are counted in (see [`reuse_pairs`]): `2^COUNTING_SHARD_BITS`, each a
/// few hundred KB at 50,000 articles.
const COUNTING_SHARD_BITS: u32 = 8;
const COUNTING_SHARDS: usize = 1 << COUNTING_SHARD_BITS;
/// Rounds the shards are counted in: each holds a copy of this share of all shingles.
const COUNTING_ROUNDS: usize = 2;

/// Pairs of passages that reuse text, weighted by containment, among the pairs `allowed` keeps
/// (the caller keeps pairs of different stories).
///
/// Candidates come by prefix filtering: each passage is indexed and probed under only its rarest
/// shingles of those in more than one passage (those of function words only counting as the
/// commonest), as many as can be missed while still reaching the containment; two passages of
/// similar length that share enough must share one of those.
/// So stock phrases, common everywhere, propose almost nothing.
pub fn reuse_pairs(shingles: &Shingles, allowed: impl Fn(usize, usize) -> bool + Sync) -> Vec<Edge> {
    use rayon::prelude::*;
    // How many passages each shingle is in. Most shingles are in one passage only; only the
    // others are kept, with their count. Counted shard by shard (by the top bits of the hash),
    // each a sorted list of its shingles: one sorted list of all of them was the largest thing
    // a big folder held (340 MB of the 2.7 GB of 50,000 articles). The shards are small enough
    // to sort in the processor's cache; each is sorted and counted into a map of its own, in
    // parallel. The shingles are placed in their shards in a few rounds, so that only a part
    // of them is copied at once.
    let shard_of = |h: Shingle| (h >> (Shingle::BITS - COUNTING_SHARD_BITS)) as usize;
    let per_round = COUNTING_SHARDS / COUNTING_ROUNDS;
    let blocks: Vec<&[ShingleBlock]> = shingles.blocks.chunks(shingles.blocks.len().div_ceil(4 * rayon::current_num_threads()).max(1)).collect();
    fn in_block(blocks: &[ShingleBlock]) -> impl Iterator<Item = &Shingle> {
        blocks.iter().flat_map(|b| &b.all)
    }
    // Counts are kept up to one past the cap: a shingle over the cap proposes nothing, and
    // counts past it only order shingles that are then left out (see the prefixes below).
    // Two bytes each: the maps are looked up for every shingle of the folder.
    let mut repeated: Vec<FxHashMap<Shingle, u16>> = Vec::with_capacity(COUNTING_SHARDS);
    for round in 0..COUNTING_ROUNDS {
        let first = round * per_round;
        let in_round = |h: Shingle| shard_of(h).wrapping_sub(first) < per_round;
        // Where each shard's shingles go: one pass counts them, one places them, both on
        // every thread: each block of shingles places them in a piece of each shard
        // of its own, the blocks' pieces in block order.
        let sizes: Vec<Vec<usize>> = blocks
            .par_iter()
            .map(|block| {
                let mut sizes = vec![0usize; per_round];
                in_block(block).filter(|&&h| in_round(h)).for_each(|&h| sizes[shard_of(h) - first] += 1);
                sizes
            })
            .collect();
        let shard_sizes: Vec<usize> = (0..per_round).map(|k| sizes.iter().map(|block| block[k]).sum()).collect();
        let mut placed: Vec<Shingle> = vec![0; shard_sizes.iter().sum()];
        let mut pieces: Vec<Vec<&mut [Shingle]>> = (0..blocks.len()).map(|_| Vec::with_capacity(per_round)).collect();
        let mut rest = &mut placed[..];
        for (k, &n) in shard_sizes.iter().enumerate() {
            let (shard, after) = rest.split_at_mut(n);
            rest = after;
            let mut shard_rest = &mut *shard;
            for (b, block_sizes) in sizes.iter().enumerate() {
                let (piece, after) = std::mem::take(&mut shard_rest).split_at_mut(block_sizes[k]);
                pieces[b].push(piece);
                shard_rest = after;
            }
        }
        blocks.par_iter().zip(pieces).for_each(|(block, mut pieces)| {
            let mut next = vec![0usize; per_round];
            for &h in in_block(block).filter(|&&h| in_round(h)) {
                let k = shard_of(h) - first;
                pieces[k][next[k]] = h;
                next[k] += 1;
            }
        });
        // The pieces are placed: each shard whole again.
        let mut shards: Vec<&mut [Shingle]> = Vec::with_capacity(per_round);
        let mut rest = &mut placed[..];
        for &n in &shard_sizes {
            let (shard, after) = rest.split_at_mut(n);
            shards.push(shard);
            rest = after;
        }
        repeated.par_extend(shards.into_par_iter().map(|part| {
            // By radix: a shard's shingles share their top byte, so three passes over the
            // rest sort it (a comparison sort was a third of counting).
            radsort::sort(part);
            part.chunk_by(|a, b| a == b).filter(|run| run.len() > 1).map(|run| (run[0], run.len().min(SHINGLE_DF_CAP + 1) as u16)).collect::<FxHashMap<Shingle, u16>>()
        }));
    }
    crate::steps::done("reuse: counting shingles");
    // How many passages hold a shingle in more than one; `None` for the others.
    let df = |h: Shingle| repeated[shard_of(h)].get(&h).copied();
    // Each passage's prefix: its rarest shingles among those in more than one passage.
    // Rarest first, and shingles of function words only last, as if they were the commonest:
    // any fixed order finds every pair, and this one proposes fewest. The order in one integer
    // (function words only, count, shingle).
    let order = |h: Shingle, n: u16| u64::from(!is_worded(h)) << 48 | u64::from(n) << 32 | u64::from(h);
    let count_in = |ordered: u64| (ordered >> 32) as u16;
    // Each passage's prefix shingles, with the passage: (shingle, passage), and its size (see
    // [`Size`]). Block by block (a list per passage was 2 million allocations in a large folder).
    let per_block: Vec<_> = shingles
        .blocks
        .par_iter()
        .enumerate()
        .map(|(b, block)| {
            let mut shared: Vec<u64> = Vec::new();
            let mut entries = Vec::new();
            let mut sizes = Vec::with_capacity(block.starts.len() - 1);
            for (k, passage) in block.starts.windows(2).enumerate() {
                shared.clear();
                shared.extend(block.all[passage[0] as usize..passage[1] as usize].iter().filter_map(|&h| df(h).map(|n| order(h, n))));
                sizes.push(Size { shingles: passage[1] - passage[0], repeated: shared.len() as u32 });
                if shared.len() < MIN_SHARED {
                    continue;
                }
                shared.sort_unstable();
                let needed = ((shared.len() as f32 * REUSE_CONTAINMENT).ceil() as usize).max(MIN_SHARED);
                let p = ((b << BLOCK_BITS) + k) as u32;
                let prefix = &shared[..shared.len() + 1 - needed.min(shared.len())];
                entries.extend(prefix.iter().filter(|&&o| usize::from(count_in(o)) <= SHINGLE_DF_CAP).map(|&o| (o as Shingle, p)));
            }
            (entries, sizes)
        })
        .collect();
    let sizes: Vec<Size> = per_block.iter().flat_map(|(_, sizes)| sizes).copied().collect();
    let mut entries: Vec<(Shingle, u32)> = per_block.into_par_iter().flat_map_iter(|(entries, _)| entries).collect();
    drop(repeated);
    crate::steps::done("reuse: prefixes");
    // The passages under each prefix shingle: (shingle, passage) sorted, so that one
    // shingle's passages are one run. Only runs of two passages or more can propose a pair;
    // each passage keeps the numbers of its runs, so probing is a lookup, not a search.
    entries.par_sort_unstable();
    let mut postings: Vec<u32> = Vec::new();
    let mut run_starts: Vec<u32> = vec![0];
    let mut memberships: Vec<(u32, u32)> = Vec::new();
    for run in entries.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let number = (run_starts.len() - 1) as u32;
        postings.extend(run.iter().map(|&(_, p)| p));
        run_starts.push(postings.len() as u32);
        memberships.extend(run.iter().map(|&(_, p)| (p, number)));
    }
    drop(entries);
    memberships.par_sort_unstable();
    let mut membership_starts = vec![0u32; shingles.passages() + 1];
    memberships.iter().for_each(|&(p, _)| membership_starts[p as usize + 1] += 1);
    (0..shingles.passages()).for_each(|p| membership_starts[p + 1] += membership_starts[p]);
    let runs_of = |p: usize| memberships[membership_starts[p] as usize..membership_starts[p + 1] as usize].iter().map(|&(_, run)| run as usize);
    let run = |r: usize| &postings[run_starts[r] as usize..run_starts[r + 1] as usize];
    crate::steps::done("reuse: postings");
    // Prefixes meet prefixes: two passages that share enough share a prefix shingle.
    pairs_through(
        shingles.passages(),
        |i, visit| runs_of(i).for_each(|r| visit(run(r))),
        |i, j| {
            if !allowed(i, j) {
                return None;
            }
            // Two passages share only shingles that are in more than one passage: when the
            // fewer of those could not make the pair reuse, it is not compared (four in five
            // pairs met under a prefix: 81% at 1×, 84% at 12×). The test is the one below, with
            // the most they could share: no pair it passes is left out.
            let (x, y) = (sizes[i], sizes[j]);
            let most = x.repeated.min(y.repeated);
            if (most as usize) < MIN_SHARED || (most as f32 / x.shingles.min(y.shingles).max(1) as f32) < REUSE_CONTAINMENT {
                return None;
            }
            let (a, b) = (shingles.of(i), shingles.of(j));
            let (n, worded) = intersection(a, b);
            let containment = n as f32 / a.len().min(b.len()).max(1) as f32;
            (n >= MIN_SHARED && worded >= MIN_SHARED_WORDED && containment >= REUSE_CONTAINMENT).then_some(containment)
        },
    )
}

/// How many shingles a passage has, and how many of them are in more than one passage: eight
/// bytes a passage, read for every pair compared (see [`reuse_pairs`]).
#[derive(Clone, Copy)]
struct Size {
    shingles: u32,
    repeated: u32,
}

/// Two passages citing the same figure are one fact restated when their similarity, figure
/// included, reaches this.
pub const ECHO_SIMILARITY: f32 = 0.3;
/// A figure in more passages than this is too common to propose pairs ("100", "1,000").
const FIGURE_DF_CAP: usize = 60;

/// Pairs of passages that cite the same specific figure and share at least one word or name
/// besides, with similarity at least [`ECHO_SIMILARITY`], among the pairs `allowed` keeps.
pub fn echo_pairs(vectors: &Vectors, kinds: &[TermKind], allowed: impl Fn(usize, usize) -> bool + Sync) -> Vec<Edge> {
    use rayon::prelude::*;
    let is_figure = |t: u32| kinds[t as usize] == TermKind::Number;
    // (figure, passage) for every figure of every passage, sorted: each figure's passages are
    // one run, in order. Made and sorted in parallel (a map of lists, filled on one thread,
    // was a third of this step at 50,000 articles).
    let mut cited: Vec<(u32, u32)> = (0..vectors.len()).into_par_iter().flat_map_iter(|i| vectors[i].iter().filter(|e| is_figure(e.0)).map(move |&(t, _)| (t, i as u32))).collect();
    cited.par_sort_unstable();
    // The runs of two passages up to the cap, each figure's found by its term id.
    let mut run_of = vec![u32::MAX; kinds.len()];
    let mut run_starts: Vec<u32> = vec![0];
    let mut postings: Vec<u32> = Vec::new();
    for run in cited.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1 && run.len() <= FIGURE_DF_CAP) {
        run_of[run[0].0 as usize] = (run_starts.len() - 1) as u32;
        postings.extend(run.iter().map(|&(_, p)| p));
        run_starts.push(postings.len() as u32);
    }
    drop(cited);
    let run = |r: u32| &postings[run_starts[r as usize] as usize..run_starts[r as usize + 1] as usize];
    pairs_through(
        vectors.len(),
        |i, visit| vectors[i].iter().filter(|e| is_figure(e.0)).map(|e| run_of[e.0 as usize]).filter(|&r| r != u32::MAX).for_each(|r| visit(run(r))),
        |i, j| {
            if !allowed(i, j) {
                return None;
            }
            let (a, b) = (&vectors[i], &vectors[j]);
            let similarity = cosine(a, b);
            (similarity >= ECHO_SIMILARITY && shares_a_word(a, b, kinds)).then_some(similarity)
        },
    )
}

/// The size of the intersection of two sorted lists of shingles, and how many of those shared
/// hold a content word.
fn intersection(a: &[Shingle], b: &[Shingle]) -> (usize, usize) {
    // Both sides step by comparison, without a branch on which is behind (as in `cosine`).
    let (mut i, mut j, mut n, mut worded) = (0, 0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        let shared = usize::from(x == y);
        n += shared;
        worded += shared & usize::from(is_worded(x));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    (n, worded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shingles of `texts`, in blocks as a folder's are made.
    fn shingles(texts: &[&str]) -> Shingles {
        let blocks = texts
            .chunks(BLOCK_PASSAGES)
            .map(|chunk| {
                let mut block = ShingleBlock::default();
                for text in chunk {
                    let mut shingler = block.shingler();
                    crate::terms::shingle_words(text).into_iter().for_each(|word| shingler.push(word));
                    shingler.finish();
                }
                block
            })
            .collect();
        Shingles::new(blocks)
    }

    /// The pairs of `texts` that are reuse.
    fn reuse_of(texts: &[&str]) -> Vec<(u32, u32)> {
        let s = shingles(texts);
        reuse_pairs(&s, |_, _| true).iter().map(|e| (e.a, e.b)).collect()
    }

    #[test]
    fn copied_text_is_reuse_and_a_shared_figure_is_not() {
        let texts = [
            "The agency said 150 people were killed when the dam burst on Tuesday night.",
            "The agency said 150 people were killed when the dam burst on Tuesday night, officials added.",
            "Others put the toll at 150 or more.",
            "He paid 150 dollars for the ticket to the game.",
        ];
        assert_eq!(reuse_of(&texts), [(0, 1)]);
    }

    #[test]
    fn copied_text_is_found_a_block_of_passages_apart() {
        // Passages too short for a shingle, but two copies, in different blocks.
        let copy = "The agency said 150 people were killed when the dam burst on Tuesday night.";
        let mut texts: Vec<String> = (0..BLOCK_PASSAGES + 10).map(|k| format!("Item {k}.")).collect();
        let (first, second) = (3, BLOCK_PASSAGES + 5);
        texts[first] = copy.to_string();
        texts[second] = format!("{copy} Officials added more.");
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_eq!(reuse_of(&texts), [(first as u32, second as u32)]);
    }

    #[test]
    fn a_figure_restated_with_a_word_pairs_and_a_common_one_proposes_nothing() {
        use TermKind::{Number, Word};
        // Figure 0 and word 1 in passages 0 and 1; figure 0 alone in passage 2; figure 3 with
        // word 2 in more passages than the cap.
        let kinds = [Number, Word, Word, Number];
        let first = [vec![(0, 0.6), (1, 0.8)], vec![(0, 0.6), (1, 0.8)], vec![(0, 1.0)]];
        let vectors: Vectors = first.into_iter().chain((0..=FIGURE_DF_CAP).map(|_| vec![(2, 0.6), (3, 0.8)])).collect();
        let pairs: Vec<(u32, u32)> = echo_pairs(&vectors, &kinds, |_, _| true).iter().map(|e| (e.a, e.b)).collect();
        assert_eq!(pairs, [(0, 1)]);
        assert!(echo_pairs(&vectors, &kinds, |i, j| (i, j) != (0, 1)).is_empty(), "a pair the caller does not allow is left out");
    }

    #[test]
    fn a_sentence_of_function_words_alone_is_not_reuse() {
        let texts = [
            "“That is all I can say about that,” she said.",
            "“That is all I can say about that,” he said.",
            "“That is all I can say about the merger,” he said of the bank.",
            "“That is all I can say about the merger,” she said of the bank.",
        ];
        // The first two share only "that is all I can say about that": nobody's words.
        assert_eq!(reuse_of(&texts), [(2, 3)]);
    }
}
