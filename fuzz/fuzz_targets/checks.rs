//! The checks every fuzz target runs, one function per target, each taking raw bytes. They are
//! shared with `tests/cli/fuzz_corpus.rs`, which replays the committed corpora on stable Rust, so a
//! crash the fuzzer once found stays fixed.
#![allow(dead_code)] // each target uses one of them

use parallax::article::PassageKind;

/// A file of the given name (its extension picks the format), from raw bytes to articles:
/// nothing panics, and every passage is a slice of its article's text at char boundaries.
pub fn file(name: &str, bytes: &[u8]) {
    let articles = parallax::load::articles_from_bytes(name, name, bytes, None).articles;
    for article in &articles {
        for p in &article.passages {
            assert!(p.start <= p.end && p.end <= article.text.len(), "passage {}..{} outside the text", p.start, p.end);
            assert!(article.text.is_char_boundary(p.start) && article.text.is_char_boundary(p.end), "passage not at char boundaries");
            let _ = parallax::internals::terms(&article.text[p.start..p.end]);
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
            let _ = parallax::internals::dates::parse_metadata_date(date);
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
    use parallax::align::{Alignment, Event, EventKind, Origin, PassageRef, Story, UserMarks};
    use parallax::article::{Article, DateOrigin, Passage, PassageKind};
    use parallax::share::{Format, render};
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.split('\u{1}').map(str::to_string).chain(std::iter::repeat(String::new()));
    let mut next = || parts.next().unwrap_or_default();
    // Each article two passages: the fuzzer's texts, one line each.
    let article = |next: &mut dyn FnMut() -> String| {
        let (first, second) = (next(), next());
        let text = format!("{first}\n{second}");
        let passage = |start: usize, end: usize, line: usize| Passage { start, end, line, paragraph: line, kind: PassageKind::Sentence };
        Article {
            path: next(),
            part: None,
            title: Some(next()),
            outlet: Some(next()),
            published: parallax::internals::dates::parse_metadata_date(&next()),
            date_origin: DateOrigin::Metadata,
            url: Some(next()),
            author: None,
            language: None,
            passages: vec![passage(0, first.len(), 1), passage(first.len() + 1, text.len(), 2)],
            text,
            record: None,
        }
    };
    let articles = vec![article(&mut next), article(&mut next), article(&mut next)];
    // A folder's sidecar is untrusted too: its notes reach every export.
    let marks = |next: &mut dyn FnMut() -> String| UserMarks { corrected: true, checked: true, notes: vec![next()] };
    let event = |kind: EventKind, story: Option<usize>, third: usize, next: &mut dyn FnMut() -> String| {
        let passages = vec![PassageRef { article: 0, passage: 0 }, PassageRef { article: 1, passage: 1 }, PassageRef { article: third, passage: 1 }];
        let origin = if kind == EventKind::Reuse { Origin::Passim } else { Origin::Parallax };
        Event { kind, origin, central: passages[0], passages, date: None, agreement: 0.5, story, evidence: vec![next()], user: marks(next) }
    };
    let events = vec![event(EventKind::Lede, Some(0), 0, &mut next), event(EventKind::Claim, Some(0), 0, &mut next), event(EventKind::Reuse, None, 2, &mut next)];
    let stories = vec![Story { articles: vec![0, 1], central: 0, user: marks(&mut next) }];
    let out = parallax::Comparison { articles: std::sync::Arc::new(articles), alignment: Alignment { events, stories, threads: Vec::new(), unapplied: Vec::new() }, ..Default::default() };
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
    for section in parallax::internals::segment(&text, body_start, flags & 1 == 1) {
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
    use parallax::internals::dates;
    let text = String::from_utf8_lossy(bytes);
    let _ = dates::parse_metadata_date(&text);
    let _ = dates::date_in_file_name(&text);
    let _ = dates::find_dateline(&text);
    let _ = dates::is_date_line(&text);
    let _ = dates::is_timestamp_line(&text);
    let _ = dates::resolve_relative(&text, jiff::civil::date(2024, 2, 29));
}
