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

/// A folder sidecar and the dates it gives.
pub fn sidecar(bytes: &[u8]) {
    if let Ok(sidecar) = parallax::sidecar::Sidecar::parse(bytes) {
        for meta in sidecar.articles.values() {
            if let Some(date) = &meta.published {
                let _ = parallax::dates::parse_metadata_date(date);
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
