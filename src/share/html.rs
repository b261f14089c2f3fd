//! A story's comparison as one self-contained HTML page: styles inline, no scripts, outlet
//! colours, word differences against the base column, and print styles. Every piece of text is
//! escaped, so a passage holding `<script>` is shown, never run, and only `http(s)` addresses
//! become links ([`super::table::web_link`]): a `javascript:`, `data:` or `file:` URL is shown as text.

use std::fmt::Write;

use super::table::{self, StoryTable};
use super::thread::ThreadTable;
use crate::diff::{Change, DiffOptions, diff_words};

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}\
h1{font-size:22px}h2{font-size:19px;margin-top:32px}.meta{color:#555}\
table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{border:1px solid #ccc;padding:6px 8px;vertical-align:top;text-align:left}\
thead th{position:sticky;top:0;background:#f4f4f4}tbody th{width:22%;background:#fafafa;font-weight:600}\
.kind{font-size:11px;color:#8a4b00;text-transform:uppercase;margin-right:4px}.why{font-weight:400;font-size:12px;color:#555;margin-top:4px}.user{font-weight:600;font-size:12px;color:#1d5e2a;margin-top:4px}\
.first{background:#fffbe6}.flag{font-size:11px;color:#7a5b00}.nr{color:#777;font-style:italic}.base{font-size:11px;color:#555}\
ins{background:#c9f0c9;text-decoration:none}del{background:#f7d4d4}del::before{content:attr(data-w)}.reuse{font-size:12px;color:#555}.url{font-size:11px;color:#555;word-break:break-all}\
@media print{thead th{position:static}body{margin:0}tr{break-inside:avoid}}";

/// The page for `tables` (from a folder of `articles` articles).
pub fn render(tables: &[StoryTable], articles: usize) -> String {
    let mut s = String::new();
    let title = match tables {
        [one] => format!("Parallax: {}", one.story.label),
        _ => format!("Parallax: {} stories", tables.len()),
    };
    let _ = write!(s, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{}<title>{}</title><style>{STYLE}</style></head><body>\n", crate::files::EXPORT_GENERATOR, escape(&title));
    let _ = writeln!(s, "<h1>{}</h1><p class=\"meta\">{} stories from {articles} articles, compared by Parallax. Each row is one claim; each column one article. Words only in the base column are <del data-w=\"struck\"></del> (shown, never copied: a copied cell holds its outlet's words alone), words only in a column <ins>marked</ins>.</p>", escape(&title), tables.len());
    for t in tables {
        story(&mut s, t);
    }
    s.push_str("</body></html>\n");
    s
}

/// The page for a thread: who covered each development (the first to publish marked, the
/// outlets that did not, blindspots), then each development's claims.
pub fn render_thread(t: &ThreadTable, articles: usize) -> String {
    let th = t.thread;
    let title = format!("Parallax: {}", th.label);
    let mut s = String::new();
    let _ = write!(s, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{}<title>{}</title><style>{STYLE}.gap{{background:#fbeaea;color:#8a2020;font-style:italic}}</style></head><body>\n", crate::files::EXPORT_GENERATOR, escape(&title));
    let span = table::span(&th.first, &th.last);
    let _ = writeln!(s, "<h1>{}</h1><p class=\"meta\">Thread {} · {} · {} developments · {} outlets · from {articles} articles, compared by Parallax. Each row is one development (a story: the articles that report one happening); each column one outlet.</p>", escape(&title), escape(&th.id), escape(&span), t.developments.len(), th.outlets.len());
    s.push_str("<table><thead><tr><th>Development</th>");
    for outlet in &th.outlets {
        let _ = write!(s, "<th style=\"border-top:5px solid {}\">{}</th>", outlet_colour(outlet), escape(outlet));
    }
    s.push_str("</tr></thead><tbody>\n");
    for d in &t.developments {
        let st = d.table.story;
        let _ = write!(s, "<tr><th><a href=\"#{}\">{}</a><div class=\"why\">{}</div></th>", escape(&st.id), escape(&st.label), escape(&table::span(&st.first, &st.last)));
        for (o, &covered) in d.covered.iter().enumerate() {
            match (covered, d.first.contains(&o)) {
                (true, true) => s.push_str("<td class=\"first\">covered<div class=\"flag\">first</div></td>"),
                (true, false) => s.push_str("<td>covered</td>"),
                (false, _) => s.push_str("<td class=\"gap\">not covered</td>"),
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    for d in &t.developments {
        story(&mut s, &d.table);
    }
    s.push_str("</body></html>\n");
    s
}

fn story(s: &mut String, t: &StoryTable) {
    let st = t.story;
    let span = table::span(&st.first, &st.last);
    let _ = writeln!(s, "<section id=\"{}\"><h2>{}</h2><p class=\"meta\">{} · {} · {} articles · {} claims</p>", escape(&st.id), escape(&st.label), escape(&span), escape(&st.outlets.join(", ")), t.columns.len(), t.rows.len());
    if st.corrected {
        s.push_str("<p class=\"user\">Corrected by hand: its articles are not all the engine's.</p>");
    }
    for note in &st.notes {
        let _ = writeln!(s, "<p class=\"user\">Note: {}</p>", escape(note));
    }
    s.push_str("<table><thead><tr><th>Claim</th>");
    for (c, a) in t.columns.iter().enumerate() {
        let colour = outlet_colour(&a.shown_outlet());
        let _ = write!(s, "<th style=\"border-top:5px solid {colour}\">{}", escape(&table::column_title(a)));
        if c == t.base {
            s.push_str(" <span class=\"base\">(base)</span>");
        }
        match a.url.as_deref().map(|u| (u, table::web_link(u))) {
            Some((_, Some(link))) => {
                let _ = write!(s, "<br><a href=\"{}\" rel=\"noopener noreferrer\">original</a>", escape(link));
            }
            // Not a web address: shown, never linked.
            Some((url, None)) => {
                let _ = write!(s, "<br><span class=\"url\">original: {}</span>", escape(url));
            }
            None => {}
        }
        s.push_str("</th>");
    }
    s.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        let kind = row.event.kind.name();
        let _ = write!(s, "<tr id=\"{}-{}\"><th><span class=\"kind\">{kind}</span>{}<div class=\"why\">{}</div>", escape(&st.id), escape(&row.event.id), escape(&row.event.label), escape(&row.event.evidence.join(" · ")));
        for mark in table::user_marks(row.event) {
            let _ = write!(s, "<div class=\"user\">{}</div>", escape(&mark));
        }
        s.push_str("</th>");
        let base_text = row.cells.get(t.base).cloned().flatten();
        for (c, cell) in row.cells.iter().enumerate() {
            let first = row.first.contains(&c);
            let _ = write!(s, "<td{}>", if first { " class=\"first\"" } else { "" });
            match cell {
                None => s.push_str("<span class=\"nr\">not reported</span>"),
                Some(text) => {
                    match (&base_text, c == t.base) {
                        (Some(base), false) => diffed(s, base, text),
                        _ => s.push_str(&escape(text)),
                    }
                    if first {
                        let _ = write!(s, "<div class=\"flag\">{}</div>", crate::first_reported::mark(row.first.len(), row.first_uncertain));
                    }
                    if !row.reused_in[c].is_empty() {
                        let links: Vec<String> = row.reused_in[c].iter().map(|id| format!("<a href=\"#{0}\">{0}</a>", escape(id))).collect();
                        let _ = write!(s, "<div class=\"reuse\">same text in stories {}</div>", links.join(", "));
                    }
                }
            }
            s.push_str("</td>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></section>\n");
}

/// `text` against `base`: its words with what differs marked.
fn diffed(s: &mut String, base: &str, text: &str) {
    let diff = diff_words(base, text, DiffOptions::default());
    for piece in &diff.pieces {
        let text = escape(&piece.text);
        match piece.change {
            Change::Same => s.push_str(&text),
            Change::Added => {
                let _ = write!(s, "<ins>{text}</ins>");
            }
            Change::Removed => {
                // The base's word as generated content: seen, but neither selected nor copied,
                // so what a reader copies from a cell is the outlet's own words.
                let _ = write!(s, "<del data-w=\"{text}\"></del>");
            }
        }
        s.push(' ');
    }
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An outlet's colour, from its name (readable on white).
fn outlet_colour(name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("hsl({}, 60%, 42%)", h % 360)
}
