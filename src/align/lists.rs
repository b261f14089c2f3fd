//! Many short lists in one array, each a slice of it: a large folder has millions of passages,
//! and a list each (its terms, its vector) was an allocation each, scattered over memory that
//! every later step reads.

use std::ops::{Index, Range};

use rayon::prelude::*;

pub(super) struct Lists<T> {
    all: Vec<T>,
    /// Where each list starts in `all`, and after them where the last ends.
    starts: Vec<usize>,
}

impl<T> Default for Lists<T> {
    fn default() -> Lists<T> {
        Lists { all: Vec::new(), starts: vec![0] }
    }
}

impl<T> Lists<T> {
    /// Lists already in one array: list `i` is `all[starts[i]..starts[i + 1]]`.
    pub(super) fn from_parts(all: Vec<T>, starts: Vec<usize>) -> Lists<T> {
        debug_assert!(starts.first() == Some(&0) && starts.last() == Some(&all.len()) && starts.is_sorted());
        Lists { all, starts }
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Adds a list at the end.
    pub(super) fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.all.extend(list);
        self.starts.push(self.all.len());
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> + Clone {
        self.range(0..self.len())
    }

    /// The lists numbered `range`.
    pub(super) fn range(&self, range: Range<usize>) -> impl ExactSizeIterator<Item = &[T]> + Clone {
        self.starts[range.start..=range.end].windows(2).map(|w| &self.all[w[0]..w[1]])
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.all.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

impl<T> Index<usize> for Lists<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        &self.all[self.starts[i]..self.starts[i + 1]]
    }
}

impl<T, L: IntoIterator<Item = T>> FromIterator<L> for Lists<T> {
    fn from_iter<I: IntoIterator<Item = L>>(lists: I) -> Lists<T> {
        let mut all = Lists::default();
        lists.into_iter().for_each(|list| all.push(list));
        all
    }
}

impl<T: Send> FromParallelIterator<Vec<T>> for Lists<T> {
    fn from_par_iter<I: IntoParallelIterator<Item = Vec<T>>>(lists: I) -> Lists<T> {
        lists.into_par_iter().collect::<Vec<Vec<T>>>().into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_one_array_keep_each_one_empty_ones_too() {
        let each = vec![vec![1], vec![], vec![2, 3], vec![]];
        let lists: Lists<u32> = each.clone().into_iter().collect();
        assert_eq!(lists.len(), 4);
        assert_eq!(lists.iter().map(<[_]>::to_vec).collect::<Vec<_>>(), each);
        assert_eq!(lists.range(1..3).map(<[_]>::to_vec).collect::<Vec<_>>(), each[1..3]);
        assert_eq!(&lists[2], &[2, 3]);
        let (all, starts) = (vec![1, 2, 3], vec![0, 1, 1, 3, 3]);
        assert_eq!(Lists::from_parts(all, starts).iter().map(<[_]>::to_vec).collect::<Vec<_>>(), each);
    }
}
