//! The readable terminal report of `parallax align` (without `--json`). Everything it prints
//! from the input (labels, outlets, paths, passages, problems) goes through
//! [`crate::unicode::for_terminal`]: an article cannot send escape sequences to the terminal.

use std::fmt::Write;

use crate::export::Output;
use crate::unicode::for_terminal;

/// One line of input, made safe to print.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    for_terminal(text, true)
}

/// Renders the events with their outlets and passages, then the problems.
pub fn render(out: &Output) -> String {
    let mut s = String::new();
    let outlets: std::collections::BTreeSet<&str> = out.articles.iter().filter_map(|a| a.outlet.as_deref()).collect();
    let _ = writeln!(
        s,
        "{} articles · {} outlets · {} stories · {} threads · {} events · {} problems\n",
        out.articles.len(),
        outlets.len(),
        out.stories.len(),
        out.threads.len(),
        out.events.len(),
        out.problems.len()
    );
    for t in &out.threads {
        let span = match (&t.first, &t.last) {
            (Some(f), Some(l)) => format!("{f} – {l}"),
            _ => "undated".into(),
        };
        let _ = writeln!(s, "{} thread of {} stories ({})  {}  [{}]", t.id, t.stories.len(), t.stories.join(", "), clean(&span), clean(&t.label));
    }
    if !out.threads.is_empty() {
        s.push('\n');
    }
    let article = |id: &str| out.articles.iter().find(|a| a.id == id);
    for e in &out.events {
        let _ = writeln!(s, "{} {}  {}  (agreement {:.0}%)", e.id, clean(e.date.as_deref().unwrap_or("undated")), clean(&e.label), e.agreement * 100.0);
        for p in &e.passages {
            let a = article(&p.article);
            let source = a.and_then(|a| a.outlet.as_deref()).unwrap_or("unknown");
            let path = a.map_or("", |a| a.path.as_str());
            let _ = writeln!(s, "    [{}] {}:{}  {}", clean(source), clean(path), p.line, clean(&p.text));
        }
        s.push('\n');
    }
    if !out.problems.is_empty() {
        let _ = writeln!(s, "Problems:");
        for p in &out.problems {
            let severity = match p.severity {
                crate::problem::Severity::Error => "error",
                crate::problem::Severity::Warning => "warning",
            };
            let _ = writeln!(s, "    {severity}: {}: {}", clean(&p.path), clean(&p.message));
        }
    }
    s
}
