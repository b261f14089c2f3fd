//! Outlet boilerplate: a sentence an outlet prints word for word in several of its articles
//! ("Sign up for our morning newsletter", "Reporting by …; editing by …") is site furniture, not
//! reporting. It is found by repetition within one outlet, so no list of phrases is needed.

use rustc_hash::FxHashSet as HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::article::Article;
use crate::text_keys::TextKeys;

/// A sentence in this many articles of one outlet is boilerplate.
pub const MIN_ARTICLES: usize = 3;

/// Removes outlet boilerplate passages from `articles` (whose keys are `keys`, one per article);
/// returns how many were removed.
pub fn strip(articles: &mut [Article], keys: &[TextKeys]) -> usize {
    // Copies of one article (the same story saved twice) count once.
    let article_key = |keys: &[Option<u64>]| {
        let mut h = DefaultHasher::new();
        keys.hash(&mut h);
        h.finish()
    };
    // (sentence, article) once each, sorted: a sentence's articles are one run. Sorting scales
    // with the folder where a map of sets, visited at random, fell out of the cache.
    let mut seen_in: Vec<(u64, u64)> = keys
        .par_iter()
        .flat_map_iter(|TextKeys { sentences: article_keys, .. }| {
            let copy = article_key(article_keys);
            article_keys.iter().flatten().map(move |&k| (k, copy))
        })
        .collect();
    seen_in.par_sort_unstable();
    seen_in.dedup();
    let boilerplate: HashSet<u64> = seen_in.chunk_by(|x, y| x.0 == y.0).filter(|run| run.len() >= MIN_ARTICLES).map(|run| run[0].0).collect();
    let mut removed = 0;
    for (a, article_keys) in articles.iter_mut().zip(keys) {
        let before = a.passages.len();
        let mut keys = article_keys.sentences.iter().copied();
        a.passages.retain(|_| !keys.next().flatten().is_some_and(|k| boilerplate.contains(&k)));
        removed += before - a.passages.len();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{DateOrigin, Passage};

    fn article(source: &str, text: &str) -> Article {
        let passages = crate::segment::segment(text, 0, false).remove(0).passages;
        Article {
            path: String::new(),
            part: None,
            title: None,
            outlet: Some(source.into()),
            published: None,
            date_origin: DateOrigin::None,
            url: None,
            author: None,
            language: None,
            text: text.into(),
            passages,
            record: None,
        }
    }

    fn strip_all(articles: &mut [Article]) -> usize {
        let keys: Vec<TextKeys> = articles.iter().map(TextKeys::of).collect();
        strip(articles, &keys)
    }

    #[test]
    fn repeated_sentences_of_one_outlet_go() {
        let footer = "Sign up for our newsletter today.";
        let mut articles = vec![
            article("A", &format!("Troops crossed the river at dawn. {footer}")),
            article("A", &format!("The minister resigned on Monday. {footer}")),
            article("A", &format!("Markets fell sharply overnight. {footer}")),
            article("A", &format!("Markets fell sharply overnight. {footer}")),
            article("B", &format!("Troops crossed the river at dawn. {footer}")),
        ];
        assert_eq!(strip_all(&mut articles), 4);
        let texts = |a: &Article| a.passages.iter().map(|p: &Passage| a.text[p.start..p.end].to_string()).collect::<Vec<_>>();
        assert_eq!(texts(&articles[0]), ["Troops crossed the river at dawn."]);
        assert_eq!(texts(&articles[4]).len(), 2, "another outlet's single use is kept");
        let mut copies = vec![article("A", "One story. Its footer."), article("A", "One story. Its footer."), article("A", "One story. Its footer.")];
        assert_eq!(strip_all(&mut copies), 0, "copies of one article are not boilerplate");
    }
}
