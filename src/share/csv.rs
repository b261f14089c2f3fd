//! Comparisons as CSV: a story as claim × article rows with the passage text (empty when the
//! article does not report the claim) and what the user said of the claim, or every event of a folder, one row per passage. The
//! `csv` crate quotes what needs quoting (commas, quotes, line breaks); a cell a spreadsheet
//! would run as a formula is made inert first (see [`inert`]).

use std::borrow::Cow;

use super::table::{self, StoryTable};
use super::thread::ThreadTable;
use crate::export::Output;

/// A cell a spreadsheet reads as text: one that opens with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (which Excel, LibreOffice and Google Sheets run as a formula, or as one after
/// the blank) gets a leading `'`, the usual neutralisation, which they show as text.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// Writes one record, every cell made inert.
fn record<'a>(w: &mut csv::Writer<Vec<u8>>, cells: impl IntoIterator<Item = &'a str>) -> Result<(), csv::Error> {
    w.write_record(cells.into_iter().map(inert).collect::<Vec<_>>().iter().map(|c| c.as_bytes()))
}

/// Claim × article rows for `tables`.
pub fn stories(tables: &[StoryTable]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["story", "event", "kind", "claim", "article", "file", "outlet", "published", "url", "first_reported", "text", "by_hand"])?;
    for t in tables {
        for row in &t.rows {
            // What the user said of the claim (corrected, checked, notes), on each of its rows.
            let by_hand = table::user_marks(row.event).join("; ");
            for (c, a) in t.columns.iter().enumerate() {
                record(&mut w, [
                    t.story.id.as_str(),
                    row.event.id.as_str(),
                    row.event.kind.name(),
                    row.event.label.as_str(),
                    a.id.as_str(),
                    a.path.as_str(),
                    &a.shown_outlet(),
                    a.published.as_deref().unwrap_or(""),
                    a.url.as_deref().unwrap_or(""),
                    match (row.first.contains(&c), row.first_uncertain) {
                        (true, false) => "yes",
                        (true, true) => "yes (date uncertain)",
                        (false, _) => "",
                    },
                    row.cells[c].as_deref().unwrap_or(""),
                    &by_hand,
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// A thread as development × outlet: one row per development (its story, dates and headline),
/// one column per outlet saying `first`, `covered`, or nothing (not covered).
pub fn thread(t: &ThreadTable) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = ["thread", "development", "story", "first", "last", "headline", "claims"].into_iter().chain(t.thread.outlets.iter().map(String::as_str)).collect();
    record(&mut w, header)?;
    for (n, d) in t.developments.iter().enumerate() {
        let st = d.table.story;
        let (number, claims) = ((n + 1).to_string(), d.table.rows.len().to_string());
        let cells = (0..t.thread.outlets.len()).map(|o| match (d.covered[o], d.first.contains(&o)) {
            (true, true) => "first",
            (true, false) => "covered",
            (false, _) => "",
        });
        let fixed = [t.thread.id.as_str(), number.as_str(), st.id.as_str(), st.first.as_deref().unwrap_or(""), st.last.as_deref().unwrap_or(""), st.label.as_str(), claims.as_str()];
        record(&mut w, fixed.into_iter().chain(cells))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Every event of the folder, one row per passage.
pub fn events(out: &Output) -> Result<Vec<u8>, csv::Error> {
    let articles: std::collections::HashMap<&str, (&str, String)> = out.articles.iter().map(|a| (a.id.as_str(), (a.path.as_str(), a.shown_outlet()))).collect();
    let file = |id: &str| articles.get(id).map_or("", |a| a.0);
    let outlet = |id: &str| articles.get(id).map_or("", |a| a.1.as_str());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["event", "kind", "story", "date", "label", "article", "file", "outlet", "line", "text"])?;
    for e in &out.events {
        for p in &e.passages {
            let line = p.line.to_string();
            record(&mut w, [
                e.id.as_str(),
                e.kind.name(),
                e.story.as_deref().unwrap_or(""),
                e.date.as_deref().unwrap_or(""),
                e.label.as_str(),
                p.article.as_str(),
                file(&p.article),
                outlet(&p.article),
                &line,
                p.text.as_str(),
            ])?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
