//! Stage 1, stories: articles that report one happening, from their characteristic terms and
//! their dates; a story covered in bursts weeks apart is one story per burst.

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::ledes::LEDE_PASSAGES;
use super::pairs::Edge;
use super::similarity::{Vector, cosine, direction, dot, normalize};
use super::{PassageRef, Story};
use crate::terms::TermKind;

/// Reports more than this many days apart from all others tell a different happening of their
/// story (the check-in, then the move to another clinic a month later), not the same one...
const HAPPENING_GAP_DAYS: i32 = 7;

/// ...if at least this many dated reports make up that burst of coverage; one or two late
/// reports (the trial two years on) mostly look back on the happening before them.
const HAPPENING_REPORTS: usize = 3;

/// Splits a story's articles into happenings (as positions in `articles`): bursts of dated
/// coverage separated by more than [`HAPPENING_GAP_DAYS`]. An undated article joins the
/// happening whose ledes its own lede is most like. `ledes` and `published` are per article of
/// the folder.
pub(super) fn happenings(articles: &[usize], ledes: &[Vector], published: &[Option<Date>]) -> Vec<Vec<usize>> {
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
    let group_ledes: Vec<Vector> = groups.iter().map(|g| direction(g.iter().map(|&i| &ledes[articles[i]]))).collect();
    for (i, &a) in articles.iter().enumerate() {
        if published[a].is_none() {
            let best = (0..groups.len()).max_by(|&x, &y| dot(&ledes[a], &group_ledes[x]).total_cmp(&dot(&ledes[a], &group_ledes[y])).then(y.cmp(&x)));
            groups[best.expect("several groups")].push(i);
        }
    }
    groups.iter_mut().for_each(|g| g.sort_unstable());
    groups
}

/// Terms kept per article when comparing whole articles.
const ARTICLE_TERMS: usize = 40;

/// Article similarity that makes a story at the default strictness. Stories need less wording in
/// common than events: two articles on one story share its names and facts, not their sentences.
pub(super) const STORY_THRESHOLD: f32 = 0.23;

/// Weight of lede passages in an article's vector.
const LEDE_WEIGHT: f32 = 3.0;

/// Names say which story an article covers better than other words of the same rarity.
const NAME_WEIGHT: f32 = 1.5;

/// Each article as the sum of its passage vectors, lede and names weighted up, cut to its most
/// characteristic terms.
pub(super) fn article_vectors(n: usize, vectors: &[Vector], refs: &[PassageRef], kinds: &[TermKind]) -> Vec<Vector> {
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
pub(super) const LEFTOVER_SHARE: f32 = 0.5;

/// Adds each item left out of every group to a group: the one it is most similar to on average,
/// if that mean similarity reaches `mean_threshold`, or else the group of its nearest item, if
/// that item is at least `nearest_threshold` similar. Articles that average linkage left alone
/// are often short or oddly worded reports of a story they plainly belong to, or long ones that
/// share much with a few of its articles and little with the rest.
pub(super) fn attach_leftovers(groups: &mut [Vec<u32>], n: usize, edges: &[Edge], mean_threshold: f32, nearest_threshold: f32) {
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
pub(super) fn story(members: &[u32], article_vectors: &[Vector]) -> Story {
    let ids: Vec<usize> = members.iter().map(|&m| m as usize).collect();
    let scores: Vec<f32> = ids.iter().map(|&a| ids.iter().map(|&b| cosine(&article_vectors[a], &article_vectors[b])).sum()).collect();
    let best = (0..ids.len()).max_by(|&x, &y| scores[x].total_cmp(&scores[y]).then(ids[y].cmp(&ids[x]))).expect("a story has articles");
    Story { central: ids[best], articles: ids }
}

/// 1 for articles published within a few days of each other, falling to 1/2 two months apart.
pub(super) fn date_closeness(a: Option<Date>, b: Option<Date>) -> f32 {
    let (Some(a), Some(b)) = (a, b) else { return 1.0 };
    let days = (a - b).get_days().unsigned_abs() as f32;
    (1.0 - (days - 3.0).max(0.0) / 120.0).max(0.5)
}
