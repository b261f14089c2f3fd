//! HTML pages: the main text by readability extraction, metadata from meta tags and JSON-LD,
//! after a linear check that the markup is not built to exhaust the extractor.

use super::{Draft, StatedMeta, ReadError, draft_from_parts};

/// HTML nested deeper than this is not extracted: the extraction recurses once per level (so
/// extreme depth overflows the stack) and its time grows with the square of the depth. Real
/// pages stay well under 100 levels.
pub const MAX_DEPTH: usize = 256;
/// A tag with more attributes than this is not extracted (parsing time grows with their square).
pub const MAX_ATTRIBUTES: usize = 1024;

/// An HTML page: readability extraction of the main text, metadata from the page's tags.
pub fn read_html(html: &str) -> Result<Draft, ReadError> {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    check_markup(html)?;
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut reader = dom_smoothie::Readability::new(html, None, Some(config)).map_err(ReadError::Html)?;
    let article = reader.parse().map_err(ReadError::NoArticleFound)?;
    let text = article.text_content.to_string();
    if text.trim().is_empty() {
        return Err(ReadError::NoReadableText);
    }
    let meta = StatedMeta {
        title: Some(article.title.clone()).filter(|t| !t.trim().is_empty()),
        outlet: article.site_name.clone(),
        published: article.published_time.clone(),
        url: article.url.clone(),
        author: article.byline.clone(),
        language: article.lang.clone(),
    };
    Ok(draft_from_parts(meta, &text))
}

/// Elements that never have content, so never nest.
const VOID_ELEMENTS: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements whose end tag may be left out: the next one of the same kind closes them.
const OPTIONAL_END: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "option", "optgroup", "rp", "rt"];
/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Refuses markup that would overflow the stack or take unbounded time to extract, naming the
/// limit it breaks. One linear pass over the tags, before any parsing.
fn check_markup(html: &str) -> Result<(), ReadError> {
    let bytes = html.as_bytes();
    let lower_starts = |at: usize, word: &str| bytes.get(at..at + word.len()).is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()));
    let find_from = |at: usize, needle: &str| html.get(at..).and_then(|rest| rest.find(needle)).map(|i| at + i);
    // Open elements, as a parser would keep them: an end tag closes up to its element, and an
    // element whose end tag may be left out is closed by the next one of its kind.
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_from(i, "<") {
        i = lt + 1;
        if lower_starts(i, "!--") {
            i = find_from(i + 3, "-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if matches!(bytes.get(i), Some(b'!' | b'?')) {
            i = find_from(i, ">").map_or(bytes.len(), |e| e + 1);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // a lone "<" in text
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The rest of the tag: attributes, quoted values may hold '>'.
        let (mut attributes, mut quote, mut in_word) = (0usize, None, false);
        let mut j = name_start + name_len;
        let mut self_closing = false;
        while j < bytes.len() {
            let b = bytes[j];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'>' => break,
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b.is_ascii_whitespace() => in_word = false,
                None if b == b'=' => in_word = true,
                None => {
                    if !in_word && b != b'/' {
                        attributes += 1;
                    }
                    in_word = true;
                }
            }
            self_closing = b == b'/' && quote.is_none();
            j += 1;
        }
        if attributes > MAX_ATTRIBUTES {
            return Err(ReadError::TooManyAttributes { tag: name, attributes, limit: MAX_ATTRIBUTES });
        }
        i = j + 1;
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Skip to the element's end tag, matched without regard to case.
            let mut from = i;
            i = loop {
                match find_from(from, "</") {
                    Some(e) if lower_starts(e + 2, &name) => break e,
                    Some(e) => from = e + 2,
                    None => break bytes.len(),
                }
            };
            continue;
        }
        if self_closing || VOID_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        if OPTIONAL_END.contains(&name.as_str()) && open.last() == Some(&name) {
            open.pop();
        }
        open.push(name);
        if open.len() > MAX_DEPTH {
            return Err(ReadError::NestedTooDeep { limit: MAX_DEPTH });
        }
    }
    Ok(())
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_beyond_the_limits_is_refused_before_parsing() {
        let article = "<p>The minister resigned on Monday after a long dispute. She said it was time to go.</p>";
        let page = |inner: &str| format!("<html><head><title>T</title></head><body><article>{inner}</article></body></html>");
        let deep = page(&format!("{}{article}{}", "<b>".repeat(150_000), "</b>".repeat(150_000)));
        assert!(read_html(&deep).unwrap_err().to_string().contains("nested more than 256 levels"));
        let tables = page(&"<table><tr><td>".repeat(10_000));
        assert!(read_html(&tables).unwrap_err().to_string().contains("nested more than"));
        let attrs: String = (0..100_000).map(|i| format!(" a{i}=1")).collect();
        assert!(read_html(&page(&format!("<p{attrs}>x</p>{article}"))).unwrap_err().to_string().contains("attributes"));
        // Ordinary pages: void elements, unclosed paragraphs, scripts with "<" and comments do not count.
        let ordinary = page(&format!("{}<br><img src=x><!-- <div><div> --><script>if (a<b) {{ x('<div>') }}</script>{article}{}", "<p>Para".repeat(500), "<div title='a > b'>".repeat(200) + &"</div>".repeat(200)));
        assert!(check_markup(&ordinary).is_ok());
        let nested_ok = page(&format!("{}{article}{}", "<div>".repeat(MAX_DEPTH - 10), "</div>".repeat(MAX_DEPTH - 10)));
        assert!(read_html(&nested_ok).is_ok(), "a page just under the limit is read");
        let with_bom = format!("\u{feff}{}", page(article));
        assert!(read_html(&with_bom).unwrap().text.contains("The minister resigned"), "a byte-order mark is not in the way");
    }
}
