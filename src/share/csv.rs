//! Comparisons as CSV: a story as claim × article rows with the passage text (empty when the
//! article does not report the claim), or every event of a folder, one row per passage. The
//! `csv` crate quotes what needs quoting (commas, quotes, line breaks).

use super::StoryTable;
use crate::export::Output;

/// Claim × article rows for `tables`.
pub fn stories(tables: &[StoryTable]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["story", "event", "kind", "claim", "article", "outlet", "published", "url", "first_reported", "text"])?;
    for t in tables {
        for row in &t.rows {
            for (c, a) in t.columns.iter().enumerate() {
                w.write_record([
                    t.story.id.as_str(),
                    row.event.id.as_str(),
                    row.event.kind.name(),
                    row.event.label.as_str(),
                    a.id.as_str(),
                    a.source.as_deref().unwrap_or(""),
                    a.published.as_deref().unwrap_or(""),
                    a.url.as_deref().unwrap_or(""),
                    if row.first.contains(&c) { "yes" } else { "" },
                    row.cells[c].as_deref().unwrap_or(""),
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Every event of the folder, one row per passage.
pub fn events(out: &Output) -> Result<Vec<u8>, csv::Error> {
    let outlet = |id: &str| out.articles.iter().find(|a| a.id == id).and_then(|a| a.source.as_deref()).unwrap_or("");
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["event", "kind", "story", "date", "label", "article", "outlet", "line", "text"])?;
    for e in &out.events {
        for p in &e.passages {
            w.write_record([
                e.id.as_str(),
                e.kind.name(),
                e.story.as_deref().unwrap_or(""),
                e.date.as_deref().unwrap_or(""),
                e.label.as_str(),
                p.article.as_str(),
                outlet(&p.article),
                &p.line.to_string(),
                p.text.as_str(),
            ])?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
