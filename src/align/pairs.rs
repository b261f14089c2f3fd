//! Finding similar pairs without comparing all pairs (candidates through posting lists of
//! rare keys, in parallel chunks) and grouping them by average linkage.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::similarity::Vectors;

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
pub(super) fn pairs_through(
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

/// A hasher for keys that are hashes already (shingles, word keys): it passes them through.
#[derive(Default)]
pub(super) struct Identity(u64);

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
pub(super) struct Edge {
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) weight: f32,
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
    fn new(vectors: &Vectors, df: &[u32]) -> Postings {
        let cap = CANDIDATE_DF_CAP;
        let listed = |t: u32| df[t as usize] > 1 && df[t as usize] <= cap;
        let mut start = vec![0u32; df.len() + 1];
        for v in vectors.iter() {
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

pub(super) fn document_frequencies(vectors: &Vectors) -> Vec<u32> {
    let max_term = vectors.iter().flat_map(|v| v.iter().map(|e| e.0)).max().map_or(0, |m| m as usize + 1);
    let mut df = vec![0u32; max_term];
    for v in vectors.iter() {
        for &(t, _) in v {
            df[t as usize] += 1;
        }
    }
    df
}

/// All pairs of items with similarity at least `min_weight`, found through rare shared terms.
///
/// Each item is spread over a dense array by term once, and each candidate read against it: a
/// gather instead of a merge of two sorted lists (articles have hundreds of terms each). The
/// sum runs in the candidate's term order, as [`super::similarity::cosine`] does, so the weights are the same.
pub(super) fn similar_pairs(vectors: &Vectors, df: &[u32], min_weight: f32) -> Vec<Edge> {
    let index = Postings::new(vectors, df);
    let n = vectors.len();
    for_each_item(
        n,
        || (Vec::<u32>::new(), vec![false; n], vec![0.0f32; df.len()]),
        |i, (touched, seen, dense), edges| {
            for &(t, _) in &vectors[i] {
                for &j in index.list(t) {
                    if j as usize > i && !seen[j as usize] {
                        seen[j as usize] = true;
                        touched.push(j);
                    }
                }
            }
            if touched.is_empty() {
                return;
            }
            vectors[i].iter().for_each(|&(t, w)| dense[t as usize] = w);
            for j in touched.drain(..) {
                seen[j as usize] = false;
                let weight: f32 = vectors[j as usize].iter().map(|&(t, w)| dense[t as usize] * w).sum();
                if weight >= min_weight {
                    edges.push(Edge { a: i as u32, b: j, weight });
                }
            }
            vectors[i].iter().for_each(|&(t, _)| dense[t as usize] = 0.0);
        },
    )
}

/// Groups items by average linkage over a sparse similarity graph (missing edges count as 0):
/// two groups merge while the mean similarity between their members is at least `threshold`.
/// Groups of one are left out, so only the items on an edge take part: a folder's passages
/// are a million items, of which a few thousand are on the edges of reuse.
pub(super) fn average_linkage(edges: &[Edge], threshold: f32) -> Vec<Vec<u32>> {
    let mut items: Vec<u32> = edges.iter().flat_map(|e| [e.a, e.b]).collect();
    items.par_sort_unstable();
    items.dedup();
    // Renumbered in order, so ties break as they would on the items' own numbers.
    let number = |item: u32| items.binary_search(&item).expect("an item of an edge") as u32;
    let renumbered: Vec<Edge> = edges.par_iter().map(|e| Edge { a: number(e.a), b: number(e.b), weight: e.weight }).collect();
    // Two groups merge only if some pair between them weighs at least the threshold (a mean
    // of weights all below it is below it), so groups never reach across the components that
    // such strong pairs connect. Each component is grouped on its own, on every thread, with
    // its items renumbered in order and its edges in their order: the same merges as over the
    // whole. (Over all pairs, a large folder's weak ones made one component of almost
    // everything, grouped on one thread.)
    let component = components(items.len(), &renumbered, threshold);
    let count = component.iter().max().map_or(0, |&c| c as usize + 1);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); count];
    let mut local = vec![0u32; items.len()];
    for (item, &c) in component.iter().enumerate() {
        local[item] = members[c as usize].len() as u32;
        members[c as usize].push(item as u32);
    }
    let mut component_edges: Vec<Vec<Edge>> = vec![Vec::new(); count];
    for e in &renumbered {
        let c = component[e.a as usize];
        if c == component[e.b as usize] {
            component_edges[c as usize].push(Edge { a: local[e.a as usize], b: local[e.b as usize], weight: e.weight });
        }
    }
    let mut groups: Vec<Vec<u32>> = members
        .par_iter()
        .zip(component_edges)
        .filter(|(members, _)| members.len() > 1)
        .flat_map_iter(|(members, edges)| {
            let mut groups = linkage(members.len(), &edges, threshold);
            groups.iter_mut().flatten().for_each(|m| *m = items[members[*m as usize] as usize]);
            groups
        })
        .collect();
    groups.sort();
    groups
}

/// The connected component of each item `0..n` over the pairs of `edges` that weigh at least
/// `threshold` (a pair named by several edges weighs their sum, as in [`linkage`]), numbered
/// from 0 in order of each component's first item. At a threshold of 0 or less, every pair.
fn components(n: usize, edges: &[Edge], threshold: f32) -> Vec<u32> {
    // Each pair's edges together, in their order, to add up their weights as linkage does.
    let mut by_pair: Vec<(u32, u32, u32)> = edges.iter().enumerate().map(|(k, e)| (e.a.min(e.b), e.a.max(e.b), k as u32)).collect();
    by_pair.par_sort_unstable();
    let mut strong: Vec<(u32, u32)> = Vec::new();
    for run in by_pair.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let weight = run.iter().fold(0.0f32, |sum, &(_, _, k)| sum + edges[k as usize].weight);
        if weight >= threshold || threshold <= 0.0 {
            strong.push((run[0].0, run[0].1));
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            // Path halving: each step also shortens the way for the next search.
            parent[i as usize] = parent[parent[i as usize] as usize];
            i = parent[i as usize];
        }
        i
    }
    for (a, b) in strong {
        let (a, b) = (root(&mut parent, a), root(&mut parent, b));
        if a != b {
            parent[a.max(b) as usize] = a.min(b);
        }
    }
    let mut number = vec![u32::MAX; n];
    let mut count = 0;
    (0..n as u32)
        .map(|i| {
            let r = root(&mut parent, i) as usize;
            if number[r] == u32::MAX {
                number[r] = count;
                count += 1;
            }
            number[r]
        })
        .collect()
}

/// [`average_linkage`] over the items `0..n`.
fn linkage(n: usize, edges: &[Edge], threshold: f32) -> Vec<Vec<u32>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: u32, b: u32, weight: f32) -> Edge {
        Edge { a, b, weight }
    }

    #[test]
    fn average_linkage_does_not_chain() {
        // 0 is like 1 and 1 like 2, but 0 is nothing like 2: 2 stays out of {0, 1}.
        let chain = [edge(0, 1, 0.9), edge(1, 2, 0.8)];
        assert_eq!(average_linkage(&chain, 0.5), vec![vec![0, 1]]);
        // Once 0 and 2 are alike too, the three average above the threshold.
        let triangle = [edge(0, 1, 0.9), edge(1, 2, 0.8), edge(0, 2, 0.6)];
        assert_eq!(average_linkage(&triangle, 0.5), vec![vec![0, 1, 2]]);
        assert!(average_linkage(&[edge(0, 1, 0.49)], 0.5).is_empty(), "a pair below the threshold stays apart");
        // 2 joins {0, 1} at a mean of (0.35 + 0.35 + 0.35) / 2, though no one edge to it is strong.
        let twice = [edge(0, 1, 0.9), edge(1, 2, 0.35), edge(2, 1, 0.35), edge(0, 2, 0.35)];
        assert_eq!(average_linkage(&twice, 0.5), vec![vec![0, 1, 2]], "a pair named twice weighs both");
    }

    #[test]
    fn grouping_component_by_component_makes_the_groups_of_grouping_the_whole() {
        // Several hundred items in clusters of many sizes, with repeated pairs, ties and weak
        // links between clusters: what each component gives is what all of them at once give.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let mut edges = Vec::new();
        for _ in 0..3000 {
            let cluster = next(60) * 10;
            let (a, b) = (cluster + next(10), cluster + next(12));
            if a != b {
                edges.push(edge(a as u32 * 3, b as u32 * 3, [0.3, 0.5, 0.7, 0.9][next(4) as usize] * (next(100) as f32 / 100.0 + 0.5)));
            }
        }
        // Weak pairs anywhere, as a large folder has: alone they join nothing, but repeated
        // they add up.
        for _ in 0..1500 {
            let (a, b) = (next(600), next(600));
            if a != b {
                edges.push(edge(a as u32 * 3, b as u32 * 3, next(25) as f32 / 100.0));
            }
        }
        for threshold in [0.3, 0.5, 0.8] {
            let mut items: Vec<u32> = edges.iter().flat_map(|e| [e.a, e.b]).collect();
            items.sort_unstable();
            items.dedup();
            let number = |item: u32| items.binary_search(&item).unwrap() as u32;
            let renumbered: Vec<Edge> = edges.iter().map(|e| Edge { a: number(e.a), b: number(e.b), weight: e.weight }).collect();
            let mut whole = linkage(items.len(), &renumbered, threshold);
            whole.iter_mut().flatten().for_each(|m| *m = items[*m as usize]);
            let grouped = average_linkage(&edges, threshold);
            assert!(grouped.len() > 10, "many components, several groups each");
            assert_eq!(grouped, whole, "threshold {threshold}");
        }
    }

    #[test]
    fn groups_keep_the_numbers_of_their_items() {
        let far = [edge(7, 90_000, 0.9), edge(90_000, 3_000_000, 0.8), edge(7, 3_000_000, 0.7), edge(12, 13, 0.2)];
        assert_eq!(average_linkage(&far, 0.5), vec![vec![7, 90_000, 3_000_000]]);
    }

    #[test]
    fn pairs_come_through_shared_rare_terms_only() {
        let a = 0.6f32;
        let b = 0.8f32;
        // Items 0 and 1 share terms 0 and 1; item 2 has a term of its own; term 3 is in every item.
        let vectors: Vectors = [vec![(0, a), (1, b)], vec![(0, a), (1, b)], vec![(2, 1.0)]].into_iter().collect();
        let df = document_frequencies(&vectors);
        assert_eq!(df, vec![2, 2, 1]);
        let pairs = similar_pairs(&vectors, &df, 0.1);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].a, pairs[0].b), (0, 1));
        assert!((pairs[0].weight - 1.0).abs() < 1e-6, "the weight is their cosine");
        assert!(similar_pairs(&vectors, &df, 1.01).is_empty(), "a pair under the floor is not kept");
    }

    #[test]
    fn a_term_in_too_many_items_proposes_no_pair() {
        let n = CANDIDATE_DF_CAP as usize + 1;
        let vectors: Vectors = (0..n).map(|_| vec![(0, 1.0)]).collect();
        let df = document_frequencies(&vectors);
        assert!(similar_pairs(&vectors, &df, 0.0).is_empty(), "a term in {n} items is too common to propose pairs");
    }
}
