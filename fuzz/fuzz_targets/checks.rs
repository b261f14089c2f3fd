//! The checks every fuzz target runs, one function per target, each taking raw bytes. They are
//! shared with `tests/fuzz_corpus.rs`, which replays the committed corpora on stable Rust, so a
//! crash the fuzzer once found stays fixed.
#![allow(dead_code)] // each target uses one of them

use parallax::article::PassageKind;

/// A file of the given name (its extension picks the format), from raw bytes to articles:
/// nothing panics, and every passage is a slice of its article's text at char boundaries.
pub fn file(name: &str, bytes: &[u8]) {
    let (articles, _problems) = parallax::load::articles_from_bytes(name, name, bytes, None);
    for article in &articles {
        for p in &article.passages {
            assert!(p.start <= p.end && p.end <= article.text.len(), "passage {}..{} outside the text", p.start, p.end);
            assert!(article.text.is_char_boundary(p.start) && article.text.is_char_boundary(p.end), "passage not at char boundaries");
            let _ = parallax::terms::terms(&article.text[p.start..p.end]);
            let _ = article.passage_text(p);
        }
    }
}

/// A folder sidecar, read entry by entry, and the dates it gives: whatever the bytes, reading
/// never panics, every key is in its one form, and an update of one entry of a readable sidecar
/// gives a readable sidecar in which that entry changed and every other entry did not.
pub fn sidecar(bytes: &[u8]) {
    use parallax::sidecar::{FileMeta, Sidecar, normal_key};
    let Ok(sidecar) = Sidecar::parse(bytes) else { return };
    for (key, meta) in &sidecar.articles {
        assert_eq!(&normal_key(key), key, "keys are kept in their one form");
        assert!(FileMeta::of(&sidecar, key).is_some(), "an entry is found by its own key");
        if let Some(date) = &meta.published {
            let _ = parallax::dates::parse_metadata_date(date);
        }
    }
    let Some(first) = sidecar.articles.keys().next().cloned().or_else(|| Some("new.md".to_string())) else { return };
    // Only a sidecar whose "articles" is not an object of entries (a problem the reading
    // reported) is refused, and then left as it is.
    let Ok(updated) = Sidecar::updated(Some(bytes), &first, |m| m.outlet = Some("Fuzzed outlet".into())) else {
        assert!(sidecar.problems.iter().any(|p| p.starts_with("\"articles\" is")), "a readable sidecar was not updated");
        return;
    };
    let after = Sidecar::parse(&updated).expect("an updated sidecar is readable");
    assert_eq!(after.articles.get(&normal_key(&first)).and_then(|m| m.outlet.as_deref()), Some("Fuzzed outlet"));
    for (key, meta) in &sidecar.articles {
        if *key != normal_key(&first) {
            assert_eq!(after.articles.get(key), Some(meta), "another entry changed: {key}");
        }
    }
}

/// The HTML, Markdown and CSV writers on a comparison whose every text (outlets, URLs, labels,
/// passages, evidence) comes from the fuzzer, split at `\u{1}`: nothing panics, every link of
/// the page goes to a web address or inside the page, and no CSV cell would run as a formula.
pub fn writers(bytes: &[u8]) {
    use parallax::align::EventKind;
    use parallax::article::{DateOrigin, PassageKind};
    use parallax::export::{ArticleOut, EventOut, Output, PassageOut, StoryOut};
    use parallax::share::{Format, render};
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.split('\u{1}').map(str::to_string).chain(std::iter::repeat(String::new()));
    let mut next = || parts.next().unwrap_or_default();
    let article = |id: &str, next: &mut dyn FnMut() -> String| ArticleOut {
        id: id.into(),
        path: next(),
        title: Some(next()),
        source: Some(next()),
        published: Some(next()),
        date_origin: DateOrigin::Metadata,
        url: Some(next()),
        author: None,
        passages: 2,
    };
    let articles = vec![article("a1", &mut next), article("a2", &mut next), article("a3", &mut next)];
    let passage = |article: &str, text: String| PassageOut { article: article.into(), start: 0, end: text.len(), line: 1, text, kind: PassageKind::Sentence, join: None };
    let event = |id: &str, kind: EventKind, story: Option<&str>, next: &mut dyn FnMut() -> String| EventOut {
        id: id.into(),
        kind,
        story: story.map(str::to_string),
        evidence: vec![next()],
        label: next(),
        date: Some(next()),
        agreement: 0.5,
        passages: vec![passage("a1", next()), passage("a2", next()), passage(if kind == EventKind::Reuse { "a3" } else { "a1" }, next())],
        // A folder's sidecar is untrusted too: its notes reach every export.
        corrected: true,
        checked: true,
        notes: vec![next()],
    };
    let events = vec![event("e1", EventKind::Lede, Some("s1"), &mut next), event("e2", EventKind::Claim, Some("s1"), &mut next), event("e3", EventKind::Reuse, None, &mut next)];
    let story = StoryOut { id: "s1".into(), articles: vec!["a1".into(), "a2".into()], label: next(), first: Some(next()), last: Some(next()), outlets: vec![next(), next()], corrected: true, notes: vec![next()] };
    let out = Output { articles, stories: vec![story], events, problems: Vec::new() };
    let html = String::from_utf8(render(&out, Format::Html, None).expect("renders")).expect("UTF-8");
    for (at, _) in html.match_indices("href=\"") {
        let target: String = html[at + 6..].chars().take(8).collect::<String>().to_lowercase();
        assert!(target.starts_with("http://") || target.starts_with("https://") || target.starts_with('#'), "a live link: {target}");
    }
    assert!(!html.to_lowercase().contains("<script"), "markup from the input survived");
    let _ = render(&out, Format::Markdown, None).expect("renders");
    for only in [None, Some("s1")] {
        let csv = render(&out, Format::Csv, only).expect("renders");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&csv[..]);
        for record in reader.records() {
            for cell in record.expect("the writer's CSV reads back").iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a cell a spreadsheet would run: {cell:?}");
            }
        }
    }
}

/// Segmentation of any text from any body start (the first byte says whether the first line is
/// a headline, the next two where the body starts): passages are in order, inside the body and
/// at char boundaries.
pub fn segment(bytes: &[u8]) {
    let [flags, hi, lo, rest @ ..] = bytes else { return };
    let text = String::from_utf8_lossy(rest);
    let mut body_start = (usize::from(*hi) << 8 | usize::from(*lo)).min(text.len());
    while !text.is_char_boundary(body_start) {
        body_start -= 1;
    }
    for section in parallax::segment::segment(&text, body_start, flags & 1 == 1) {
        let mut last_end = body_start;
        for p in &section.passages {
            assert!(p.start >= body_start && p.start <= p.end && p.end <= text.len(), "passage {}..{} outside the body", p.start, p.end);
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end), "passage not at char boundaries");
            assert!(p.start >= last_end || p.kind == PassageKind::Headline, "passages in order");
            last_end = p.end;
        }
    }
}

/// Every date reader on any text.
pub fn dates(bytes: &[u8]) {
    use parallax::dates;
    let text = String::from_utf8_lossy(bytes);
    let _ = dates::parse_metadata_date(&text);
    let _ = dates::date_in_file_name(&text);
    let _ = dates::find_dateline(&text);
    let _ = dates::is_date_line(&text);
    let _ = dates::is_timestamp_line(&text);
    let _ = dates::resolve_relative(&text, jiff::civil::date(2024, 2, 29));
}
