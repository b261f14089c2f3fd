//! The readable terminal report of `parallax align` (without `--json`).

use std::fmt::Write;

use crate::export::Output;

/// Renders the events with their outlets and passages, then the problems.
pub fn render(out: &Output) -> String {
    let mut s = String::new();
    let outlets: std::collections::BTreeSet<&str> = out.articles.iter().filter_map(|a| a.source.as_deref()).collect();
    let _ = writeln!(
        s,
        "{} articles · {} outlets · {} stories · {} events · {} problems\n",
        out.articles.len(),
        outlets.len(),
        out.stories.len(),
        out.events.len(),
        out.problems.len()
    );
    let article = |id: &str| out.articles.iter().find(|a| a.id == id);
    for e in &out.events {
        let _ = writeln!(s, "{} {}  {}  (agreement {:.0}%)", e.id, e.date.as_deref().unwrap_or("undated"), e.label, e.agreement * 100.0);
        for p in &e.passages {
            let a = article(&p.article);
            let source = a.and_then(|a| a.source.as_deref()).unwrap_or("unknown");
            let path = a.map_or("", |a| a.path.as_str());
            let _ = writeln!(s, "    [{source}] {path}:{}  {}", p.line, p.text);
        }
        s.push('\n');
    }
    if !out.problems.is_empty() {
        let _ = writeln!(s, "Problems:");
        for p in &out.problems {
            let severity = match p.severity {
                crate::load::Severity::Error => "error",
                crate::load::Severity::Warning => "warning",
            };
            let _ = writeln!(s, "    {severity}: {}: {}", p.path, p.message);
        }
    }
    s
}
