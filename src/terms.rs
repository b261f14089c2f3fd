//! Turning a passage into the terms that tell events apart: stemmed content words with spelling
//! variants merged (Kiev/Kyiv, defence/defense, organise/organize), capitalised names, and
//! numbers and amounts in one canonical form ("£1.6bn" and "1.6 billion" are the same amount).
//!
//! Terms are 64-bit hashes: a year of news holds millions of words, and hashing them in
//! parallel avoids building and interning millions of short strings.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::unicode::is_letter_or_digit;

/// What kind of evidence a term is; kinds weigh differently when scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    Word,
    /// A capitalised word inside a sentence: usually a person, place or organisation.
    Name,
    /// A number or amount other than a year.
    Number,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub hash: u64,
    pub kind: TermKind,
}

/// A term in eight bytes: its hash less two bits, and its kind in those two bits. A folder's
/// passages hold tens of millions of terms while it is prepared, and a [`Term`] takes sixteen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PackedTerm(u64);

impl PackedTerm {
    /// What tells one term from another (a name and the same word lowercase are one term).
    pub fn key(self) -> u64 {
        self.0 >> 2
    }

    pub fn kind(self) -> TermKind {
        match self.0 & 3 {
            0 => TermKind::Name,
            1 => TermKind::Word,
            2 => TermKind::Number,
            _ => TermKind::Year,
        }
    }
}

impl From<Term> for PackedTerm {
    fn from(t: Term) -> PackedTerm {
        // Names first, so that of a name and the same word in one passage the name is kept.
        let code = match t.kind {
            TermKind::Name => 0,
            TermKind::Word => 1,
            TermKind::Number => 2,
            TermKind::Year => 3,
        };
        PackedTerm(t.hash << 2 | code)
    }
}

/// The distinct terms among `terms`, sorted; of a word that is a name in one place, the name.
pub fn distinct(terms: &[Term]) -> Vec<PackedTerm> {
    let mut packed: Vec<PackedTerm> = terms.iter().map(|&t| t.into()).collect();
    packed.sort_unstable();
    packed.dedup_by_key(|p| p.key());
    packed
}

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../assets/stopwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

static VARIANTS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for line in include_str!("../assets/variants.txt").lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split_whitespace();
        if let Some(canonical) = words.next() {
            for variant in words {
                map.insert(variant, canonical);
            }
        }
    }
    map
});

/// Words ending in "-ise" that are not British spellings of "-ize".
const ISE_WORDS: &[&str] = &[
    "advis", "revis", "devis", "supervis", "televis", "surpris", "compris", "compromis", "enterpris",
    "exercis", "expertis", "franchis", "merchandis", "premis", "promis", "rais", "prais", "ris",
    "wis", "otherwis", "nois", "pois", "cruis", "precis", "concis", "demis", "disguis", "despis",
    "chastis", "excis", "incis", "improvis", "treatis", "paradis", "appris", "circumcis", "arise",
];

/// British stems whose "-our" is American "-or".
const OUR_STEMS: &[&str] = &[
    "colour", "favour", "honour", "labour", "neighbour", "behaviour", "harbour", "rumour", "humour",
    "vigour", "armour", "endeavour", "flavour", "savour", "saviour", "parlour", "odour", "valour",
    "vapour", "glamour", "clamour", "rancour", "splendour", "tumour", "candour", "ardour",
];

/// Maps a lowercase word to its American spelling where the British one differs by a rule.
fn americanize(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if let Some(canonical) = VARIANTS.get(word) {
        return Cow::Borrowed(canonical);
    }
    if let Some(stem) = OUR_STEMS.iter().find(|s| word.starts_with(*s)) {
        return Cow::Owned(format!("{}or{}", &stem[..stem.len() - 3], &word[stem.len()..]));
    }
    for (british, american) in [("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing")] {
        if let Some(root) = word.strip_suffix(british)
            && root.len() >= 3
            && !ISE_WORDS.iter().any(|w| word.starts_with(w) && w.len() > root.len())
        {
            return Cow::Owned(format!("{root}{american}"));
        }
    }
    for (british, american) in [("tre", "ter"), ("tres", "ters")] {
        if let Some(root) = word.strip_suffix(british)
            && matches!(root, "cen" | "thea" | "me" | "li" | "fib" | "kilome" | "millime" | "centime")
        {
            return Cow::Owned(format!("{root}{american}"));
        }
    }
    Cow::Borrowed(word)
}

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
    /// What the raw words seen before on this thread are (see [`Entry`]): news repeats its
    /// vocabulary, and lowercasing and stemming every word again was the costliest step of
    /// reading a folder.
    static NORMAL: std::cell::RefCell<NormalCache> = std::cell::RefCell::new(NormalCache::default());
}

/// Entries each generation of the cache of normal forms holds (a few megabytes).
const NORMAL_CACHE_ENTRIES: usize = 200_000;

/// The cache of normal forms: words of up to [`SHORT_WORD_BYTES`] bytes (almost all) kept by
/// their bytes in one integer, compared and hashed without a call to `memcmp` (which was a
/// tenth of preparing a folder), longer ones by their text.
#[derive(Default)]
struct NormalCache {
    short: Generations<u128>,
    long: Generations<Box<str>>,
}

impl NormalCache {
    /// Calls `f` with the entry of `raw`, made first if not kept.
    fn with<R>(&mut self, raw: &str, f: impl FnOnce(&Entry) -> R) -> R {
        match short_key(raw) {
            Some(key) => self.short.with(&key, || key, raw, f),
            None => self.long.with(raw, || raw.into(), raw, f),
        }
    }
}

const SHORT_WORD_BYTES: usize = 15;

/// The bytes of a short word and its length, in one integer; `None` for a longer word.
fn short_key(raw: &str) -> Option<u128> {
    let bytes = raw.as_bytes();
    (bytes.len() <= SHORT_WORD_BYTES).then(|| bytes.iter().rev().fold(0u128, |key, &b| key << 8 | u128::from(b)) | (bytes.len() as u128) << 120)
}

/// Two generations of entries: when the young one is full it becomes the old one, and a word
/// found only in the old one moves back into the young. The words a folder keeps using stay,
/// where clearing the whole cache made a large folder normalise its vocabulary again.
struct Generations<K> {
    young: HashMap<K, Entry>,
    old: HashMap<K, Entry>,
}

impl<K> Default for Generations<K> {
    fn default() -> Self {
        Generations { young: HashMap::default(), old: HashMap::default() }
    }
}

impl<K: Hash + Eq> Generations<K> {
    /// Calls `f` with the entry of `raw` (kept under `key`), made first if not kept.
    fn with<Q, R>(&mut self, key: &Q, owned: impl FnOnce() -> K, raw: &str, f: impl FnOnce(&Entry) -> R) -> R
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(entry) = self.young.get(key) {
            return f(entry);
        }
        let entry = self.old.remove(key).unwrap_or_else(|| Entry::new(raw));
        let result = f(&entry);
        self.insert(owned(), entry);
        result
    }

    fn insert(&mut self, key: K, entry: Entry) {
        if self.young.len() >= NORMAL_CACHE_ENTRIES {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(key, entry);
    }
}

/// What one raw word is to the rest of the program: the hash of the term it makes (`None`: a
/// stopword or a fragment; see [`hash_term`]) and its key as a word of a shingle. Its normal
/// form itself is not kept: nothing that runs for every word needs it. Sixteen bytes, so that
/// an entry and its key fill half a cache line: every word of a folder waits for its entry.
#[derive(Debug, PartialEq)]
struct Entry {
    /// A hash of 0 (one in 2^64) is kept as 1.
    term: Option<std::num::NonZeroU64>,
    folded: u64,
}

impl Entry {
    fn new(raw: &str) -> Entry {
        let term = normalize_uncached(raw).map(|normal| std::num::NonZeroU64::new(hash_term(TermKind::Word, &normal)).unwrap_or(std::num::NonZeroU64::MIN));
        Entry { term, folded: folded_hash(raw) }
    }

    fn term(&self) -> Option<u64> {
        self.term.map(std::num::NonZeroU64::get)
    }
}

/// A word as a word of a shingle: FNV-1a over its characters, lowercased.
fn folded_hash(raw: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    raw.chars().for_each(|c| crate::unicode::lowercase(c, |c| hash = (hash ^ c as u64).wrapping_mul(0x0100_0000_01b3)));
    hash
}

fn hash_term(kind: TermKind, text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // Names and words share one space so "Charles" and "charles" match.
    matches!(kind, TermKind::Number | TermKind::Year).hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// The normalised form of one word, or `None` for stopwords and fragments.
pub fn normalize_word(raw: &str) -> Option<String> {
    normalize_uncached(raw)
}

/// The hash of the term a word makes (see [`hash_term`]), or `None` for stopwords and fragments:
/// one hash for each normal form. Cached per thread: it is asked for every word of a folder.
pub fn word_hash(raw: &str) -> Option<u64> {
    with_entry(raw, Entry::term)
}

/// Calls `f` with the cached [`Entry`] of `raw`, making it first if this thread has not seen it.
fn with_entry<R>(raw: &str, f: impl FnOnce(&Entry) -> R) -> R {
    NORMAL.with(|cache| cache.borrow_mut().with(raw, f))
}

/// A word of a shingle: its key (lowercased, see [`folded_hash`]) and whether it is a content
/// word (not a stopword or fragment).
pub type ShingleWord = (u64, bool);

/// The words shingles are made of: runs of letters and digits, every other character a break.
pub fn shingle_words(text: &str) -> Vec<ShingleWord> {
    text.split(|c: char| !is_letter_or_digit(c)).filter(|w| !w.is_empty()).map(shingle_word).collect()
}

fn shingle_word(raw: &str) -> ShingleWord {
    with_entry(raw, |entry| (entry.folded, entry.term.is_some()))
}

fn normalize_uncached(raw: &str) -> Option<String> {
    let lower: String = raw.chars().flat_map(|c| if c == '’' { '\''.to_lowercase() } else { c.to_lowercase() }).collect();
    let lower = lower.trim_matches('\'');
    // Contractions: "they've", "she'll", "Biden's" are their first word; "don't", "isn't" are
    // auxiliaries, function words like the stopwords.
    if lower.ends_with("n't") {
        return None;
    }
    let lower = match lower.rsplit_once('\'') {
        Some((word, "s" | "ve" | "re" | "ll" | "d" | "m")) => word,
        _ => lower,
    };
    if lower.chars().count() < 2 || STOPWORDS.contains(lower) {
        return None;
    }
    Some(STEMMER.with(|s| s.stem(&americanize(lower)).into_owned()))
}

/// Scale words after a number: "1.6bn", "2 million", "5k".
fn scale_of(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "k" | "thousand" => Some(1e3),
        "m" | "mn" | "million" | "millions" => Some(1e6),
        "bn" | "b" | "billion" | "billions" => Some(1e9),
        "tn" | "trillion" | "trillions" => Some(1e12),
        _ => None,
    }
}

/// The terms of a passage, in order.
pub fn terms(text: &str) -> Vec<Term> {
    // A soft hyphen or zero-width mark inside a word does not split it.
    read(&crate::unicode::without_invisible(text), |_| {})
}

/// A passage's terms (see [`terms`]), with each word of its shingles (see [`shingle_words`])
/// given to `word` in order, read in one pass: both need every word's entry in the cache of
/// normal forms, and a word is looked up once for both where its token and its shingle word are
/// the same text (most words). The words are handed on, not listed: their list was written and
/// read again for every word of a folder.
pub fn terms_and_shingle_words(text: &str, mut word: impl FnMut(ShingleWord)) -> Vec<Term> {
    if crate::unicode::has_invisible(text) {
        // Terms read words across invisible marks, shingles break at them: two readings.
        shingle_words(text).into_iter().for_each(&mut word);
        return terms(text);
    }
    read(text, word)
}

/// The terms of a text without invisible marks, with its shingle words given to `word`, in one
/// pass over its tokens, each handled as it is found (a list of tokens and a list of their
/// hashes were a third of the time this took). The cache of normal forms is borrowed once for
/// the whole text.
fn read(text: &str, word: impl FnMut(ShingleWord)) -> Vec<Term> {
    NORMAL.with(|cache| {
        let mut reader = Reader { cache: &mut cache.borrow_mut(), terms: Vec::with_capacity(text.len() / 8), word, number: None };
        for_each_token(text, |token, starts_clause| reader.token(token, starts_clause));
        reader.finish()
    })
}

/// What [`read`] keeps between tokens.
struct Reader<'c, W> {
    cache: &'c mut NormalCache,
    terms: Vec<Term>,
    /// Given each shingle word.
    word: W,
    /// A figure with nothing after its digits, waiting for the next token: a scale word
    /// ("1.6 billion") belongs to it.
    number: Option<Figure>,
}

/// A figure read from a token: its value, its digits (commas dropped), and whether the token
/// had a comma or a decimal point.
struct Figure {
    value: f64,
    digits: String,
    separated: bool,
}

impl<W: FnMut(ShingleWord)> Reader<'_, W> {
    /// Reads one token; `starts_clause`: the first token, or one after a sentence's end or a colon.
    fn token(&mut self, token: &str, starts_clause: bool) {
        let number = starts_number(token);
        let hash = self.shingle_words_and_hash(token, number);
        if let Some(figure) = self.number.take() {
            let scale = scale_of(token);
            self.push_figure(figure, scale);
            if scale.is_some() {
                return;
            }
        }
        if number {
            let digits: String = token.chars().filter(|&c| c != ',').collect();
            let split = digits.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(digits.len());
            let Ok(value) = digits[..split].trim_end_matches('.').parse::<f64>() else {
                return;
            };
            // What follows the digits ("bn"), if anything, is the figure's scale.
            let suffix_scale = (split < digits.len()).then(|| scale_of(&digits[split..]));
            let mut digits = digits;
            digits.truncate(split);
            let figure = Figure { value, digits, separated: token.contains([',', '.']) };
            match suffix_scale {
                None => self.number = Some(figure),
                Some(scale) => self.push_figure(figure, scale),
            }
        } else if let Some(hash) = hash {
            let capitalised = match token.as_bytes()[0] {
                b if b.is_ascii() => b.is_ascii_uppercase(),
                _ => token.starts_with(char::is_uppercase),
            };
            let kind = if capitalised && !starts_clause { TermKind::Name } else { TermKind::Word };
            self.terms.push(Term { hash, kind });
        }
    }

    /// Pushes the shingle words of `token` and returns the hash of the term it makes as a word
    /// (`None` for a figure). A token is letters and digits, with apostrophes, decimal points
    /// and thousands separators inside: a shingle word each between those.
    fn shingle_words_and_hash(&mut self, token: &str, number: bool) -> Option<u64> {
        let cache = &mut *self.cache;
        let word = &mut self.word;
        // Any other byte of a separator: '.', ',', '\'' or the lead byte of '’'.
        let plain = !token.bytes().any(|b| matches!(b, b'.' | b',' | b'\'' | 0xE2)) || token.chars().all(is_letter_or_digit);
        if plain {
            return cache.with(token, |entry| {
                word((entry.folded, entry.term.is_some()));
                entry.term().filter(|_| !number)
            });
        }
        for part in token.split(|c: char| !is_letter_or_digit(c)).filter(|w| !w.is_empty()) {
            cache.with(part, |entry| word((entry.folded, entry.term.is_some())));
        }
        if number { None } else { cache.with(token, Entry::term) }
    }

    /// A figure as a term: a year, a two-digit count (an everyday word), or a specific amount.
    fn push_figure(&mut self, figure: Figure, scale: Option<f64>) {
        let Figure { value, digits, separated } = figure;
        let value = value * scale.unwrap_or(1.0);
        let is_year = scale.is_none() && !separated && (1900.0..2100.0).contains(&value) && digits.len() == 4;
        if is_year {
            self.terms.push(Term { hash: hash_term(TermKind::Year, &digits), kind: TermKind::Year });
        } else if value >= 10.0 || digits.contains('.') {
            // Two-digit counts ("10 Downing Street", "20 leaders") are everyday words; larger
            // or fractional figures are specific.
            let kind = if value >= 100.0 || digits.contains('.') { TermKind::Number } else { TermKind::Word };
            let canonical = format!("{value}");
            self.terms.push(Term { hash: hash_term(TermKind::Number, &canonical), kind });
        }
    }

    fn finish(mut self) -> Vec<Term> {
        if let Some(figure) = self.number.take() {
            self.push_figure(figure, None);
        }
        self.terms
    }
}

fn starts_number(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_digit())
}

/// Calls `f` with each word-like token of `text`: letters and digits, keeping decimal points
/// and thousands separators inside numbers and apostrophes inside words. Hyphens split
/// ("anti-aircraft"). With each token, whether it starts a clause: the first, or the first
/// after a sentence boundary or colon.
fn for_each_token<'t>(text: &'t str, mut f: impl FnMut(&'t str, bool)) {
    let bytes = text.as_bytes();
    // ASCII (most of the text) without decoding.
    let char_at = |i: usize| if bytes[i].is_ascii() { char::from(bytes[i]) } else { text[i..].chars().next().expect("a character starts here") };
    let mut starts_clause = true;
    let mut i = 0;
    while i < bytes.len() {
        let c = char_at(i);
        if !is_letter_or_digit(c) {
            starts_clause |= matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '“' | '—');
            i += c.len_utf8();
            continue;
        }
        // A token: a run of ASCII letters and digits at a time (most of the text), then what
        // may continue it.
        let start = i;
        loop {
            i += bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len() - i);
            if i == bytes.len() {
                break;
            }
            let c = char_at(i);
            if !(is_letter_or_digit(c) || is_inside_token(text, i, c)) {
                break;
            }
            i += c.len_utf8();
        }
        f(&text[start..i], std::mem::take(&mut starts_clause));
    }
}

/// Whether `c`, at byte `i` of `text` right after a token's letters or digits, continues the
/// token: `.` or `,` between digits, an apostrophe between letters.
fn is_inside_token(text: &str, i: usize, c: char) -> bool {
    // The characters around it are read only for the four that may continue a token: every
    // token ends at some other character, most often a space.
    let prev = || text[..i].chars().next_back();
    let next = || text[i + c.len_utf8()..].chars().next();
    match c {
        '.' | ',' => prev().is_some_and(|p| p.is_ascii_digit()) && next().is_some_and(|n| n.is_ascii_digit()),
        '\'' | '’' => prev().is_some_and(char::is_alphabetic) && next().is_some_and(char::is_alphabetic),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_of_normal_forms_keeps_the_words_seen_last() {
        let mut cache = Generations::<Box<str>>::default();
        cache.insert("Kyiv".into(), Entry::new("Kyiv"));
        for i in 0..NORMAL_CACHE_ENTRIES {
            cache.insert(format!("word{i}").into(), Entry::new("the"));
        }
        assert!(!cache.young.contains_key("Kyiv"), "a generation on, the first word is old");
        assert_eq!(cache.old.get("Kyiv"), Some(&Entry::new("Kyiv")), "old, not lost");
        assert!(cache.young.len() <= NORMAL_CACHE_ENTRIES && cache.old.len() <= NORMAL_CACHE_ENTRIES, "bounded");
        let word = cache.with("Kyiv", || "Kyiv".into(), "Kyiv", |e| e.folded);
        assert_eq!(word, folded_hash("kyiv"));
        assert!(cache.young.contains_key("Kyiv") && !cache.old.contains_key("Kyiv"), "used again, young again");
    }

    #[test]
    fn short_words_are_kept_by_their_bytes_and_length() {
        let keys: Vec<Option<u128>> = ["", "a", "a\0", "ab", "ba", "Zelenskyy's", "exactly15bytes!", "sixteen-bytes-xx"].iter().map(|w| short_key(w)).collect();
        assert_eq!(keys[7], None, "longer than fifteen bytes");
        let distinct: HashSet<u128> = keys[..7].iter().map(|k| k.expect("short")).collect();
        assert_eq!(distinct.len(), 7, "no two short words share a key");
        assert_eq!(normalize_word("exactly15bytes!"), normalize_word("exactly15bytes!"));
    }

    fn hashes(text: &str) -> Vec<u64> {
        terms(text).into_iter().map(|t| t.hash).collect()
    }

    #[test]
    fn one_pass_reads_the_terms_and_shingle_words_of_two() {
        for text in [
            "Biden’s aides didn't say; 5,000 missiles (1.6bn) reached Kyiv’s U.S.-made 2024 defences.",
            "Ky\u{ad}iv de\u{200b}fence\u{200e}: Zelensky'll meet them at 10 Downing St.",
            "北京 — Ελλάδα, «Ünïcödé» naïve café 5\u{a0}000\u{202f}missiles",
            "",
        ] {
            let mut words_once = Vec::new();
            let terms_once = terms_and_shingle_words(text, |w| words_once.push(w));
            assert_eq!(terms_once, terms(text), "{text}");
            assert_eq!(words_once, shingle_words(text), "{text}");
        }
    }

    #[test]
    fn spelling_variants_match() {
        assert_eq!(hashes("Kiev defence organised colours"), hashes("Kyiv defense organized colors"));
        assert_eq!(normalize_word("promised"), normalize_word("promised"));
        assert_ne!(normalize_word("promised"), normalize_word("promized"));
    }

    #[test]
    fn invisible_marks_inside_words_do_not_split_them() {
        assert_eq!(hashes("Ky\u{ad}iv de\u{200b}fence\u{200e}"), hashes("Kyiv defence"));
        assert_eq!(hashes("5\u{a0}000\u{202f}missiles"), hashes("5 000 missiles"));
    }

    #[test]
    fn contractions_are_their_first_word() {
        assert_eq!(normalize_word("They’ve"), None);
        assert_eq!(normalize_word("don't"), None);
        assert_eq!(normalize_word("Biden’s"), normalize_word("Biden"));
        assert_eq!(normalize_word("Zelensky'll"), normalize_word("Zelensky"));
    }

    #[test]
    fn amounts_are_canonical() {
        assert_eq!(hashes("£1.6bn"), hashes("1.6 billion"));
        assert_eq!(hashes("5,000 missiles"), hashes("5000 missile"));
        assert_eq!(terms("in 2024")[0].kind, TermKind::Year);
        assert!(terms("the 3 of them").is_empty(), "small counts and stopwords carry no evidence");
    }

    #[test]
    fn a_scale_word_belongs_to_the_figure_before_it() {
        let kinds = |text: &str| terms(text).into_iter().map(|t| t.kind).collect::<Vec<_>>();
        use TermKind::{Name, Number, Word, Year};
        assert_eq!(kinds("Funds of 5 million. Biden voted"), [Word, Number, Word, Word], "a clause ends after the scale word");
        assert_eq!(kinds("Funds of 5 million Biden voted"), [Word, Number, Name, Word]);
        assert_eq!(hashes("2024 million"), hashes("2,024,000,000"), "a year no more");
        assert_eq!(kinds("in 2024"), [Year], "a figure last in the passage");
        assert_eq!(hashes("5 k"), hashes("5000"));
        assert_eq!(hashes("5.6.7 billion"), hashes("billion"), "no figure: the scale word is a word");
    }

    #[test]
    fn distinct_terms_keep_a_name_over_the_same_word() {
        // "Charles" opens a sentence (a word), then stands inside one (a name).
        let t = terms("Charles spoke. Leaders met Charles.");
        let d = distinct(&t);
        let charles: Vec<&PackedTerm> = d.iter().filter(|p| p.key() == PackedTerm::from(t[0]).key()).collect();
        assert_eq!(charles.len(), 1, "one term");
        assert_eq!(charles[0].kind(), TermKind::Name);
        assert!(d.windows(2).all(|w| w[0].key() < w[1].key()), "sorted, each once");
        for kind in [TermKind::Word, TermKind::Name, TermKind::Number, TermKind::Year] {
            assert_eq!(PackedTerm::from(Term { hash: 0x1234_5678_9abc_def0, kind }).kind(), kind);
        }
    }

    #[test]
    fn names_are_capitalised_words_inside_a_sentence() {
        let t = terms("Leaders met King Charles. Charles spoke");
        let kinds: Vec<TermKind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TermKind::Word, TermKind::Word, TermKind::Name, TermKind::Name, TermKind::Word, TermKind::Word]);
        assert_eq!(t[3].hash, t[4].hash, "a name matches its sentence-initial form");
    }
}
