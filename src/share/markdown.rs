//! A story's comparison as Markdown, to quote from: for each claim, what each outlet said, as a
//! quotation with its outlet and date, and who did not report it. Text is escaped so that a `|`,
//! `*`, `#` or `<` in a passage stays text.

use std::fmt::Write;

use super::table::{self, StoryTable};
use super::table::span;
use super::thread::ThreadTable;

pub fn render(tables: &[StoryTable]) -> String {
    // Invisible when the Markdown is shown; tells a later load that this is no article.
    let mut s = format!("{}\n\n", crate::files::EXPORT_COMMENT);
    for t in tables {
        let st = t.story;
        let _ = writeln!(s, "# {}\n", escape(&st.label));
        let span = table::span(&st.first, &st.last);
        let _ = writeln!(s, "Story {} · {} · {} · {} articles · {} claims\n", st.id, span, escape(&st.outlets.join(", ")), t.columns.len(), t.rows.len());
        if st.corrected {
            let _ = writeln!(s, "*Corrected by hand: its articles are not all the engine's.*\n");
        }
        for note in &st.notes {
            let _ = writeln!(s, "**Note:** {}\n", escape(note));
        }
        for (n, row) in t.rows.iter().enumerate() {
            let _ = writeln!(s, "## {}. {}\n", n + 1, escape(&table::row_title(row.event)));
            if !row.event.evidence.is_empty() {
                let _ = writeln!(s, "*Why one claim: {}*\n", escape(&row.event.evidence.join(" · ")));
            }
            for mark in table::user_marks(row.event) {
                let _ = writeln!(s, "**{}**\n", escape(&mark));
            }
            for (c, cell) in row.cells.iter().enumerate() {
                let Some(text) = cell else { continue };
                let a = t.columns[c];
                let first = if row.first.contains(&c) { format!(" — {}", crate::first_reported::mark(row.first.len(), row.first_uncertain)) } else { String::new() };
                let _ = writeln!(s, "> {}\n>\n> — **{}**{first}\n", escape(text), escape(&table::column_title(a)));
            }
            let silent: Vec<String> = row.cells.iter().enumerate().filter(|(_, c)| c.is_none()).map(|(c, _)| escape(&table::column_title(t.columns[c]))).collect();
            if !silent.is_empty() {
                let _ = writeln!(s, "Not reported by: {}\n", silent.join("; "));
            }
        }
    }
    s
}

/// A thread: its developments in order, each with its headline, date, the outlets that covered
/// it (the first marked) and those that did not, and its claims with who reported each.
pub fn render_thread(t: &ThreadTable) -> String {
    let th = t.thread;
    let mut s = format!("{}\n\n", crate::files::EXPORT_COMMENT);
    let _ = writeln!(s, "# {}\n", escape(&th.label));
    let _ = writeln!(s, "Thread {} · {} · {} developments · {}\n", th.id, span(&th.first, &th.last), t.developments.len(), escape(&th.outlets.join(", ")));
    for (n, d) in t.developments.iter().enumerate() {
        let st = d.table.story;
        let _ = writeln!(s, "## {}. {}\n", n + 1, escape(&st.label));
        let named = |keep: &dyn Fn(usize) -> bool| -> Vec<String> {
            (0..th.outlets.len()).filter(|&o| keep(o)).map(|o| format!("{}{}", escape(&th.outlets[o]), if d.first.contains(&o) { " (first)" } else { "" })).collect()
        };
        let _ = writeln!(s, "Story {} · {} · covered by {}\n", st.id, span(&st.first, &st.last), named(&|o| d.covered[o]).join(", "));
        let silent = named(&|o| !d.covered[o]);
        if !silent.is_empty() {
            let _ = writeln!(s, "Not covered by: {}\n", silent.join(", "));
        }
        for row in &d.table.rows {
            let by: Vec<String> = row.cells.iter().enumerate().filter(|(_, c)| c.is_some()).map(|(c, _)| d.table.columns[c].shown_outlet()).collect::<std::collections::BTreeSet<_>>().into_iter().map(|o| escape(&o)).collect();
            let _ = writeln!(s, "- {} — {}", escape(&table::row_title(row.event)), by.join(", "));
        }
        s.push('\n');
    }
    s
}

/// Text made literal in Markdown, still readable as a quotation: the characters that mark up
/// inline text backslashed, `<` and `&` as entities, a leading block marker (`#`, `>`, `-`, `+`)
/// backslashed, line breaks as spaces (a passage is one paragraph).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '>' | '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
