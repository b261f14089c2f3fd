//! What several panels draw: counts with their nouns, an article's original link, passages with
//! their differences and the words searched for, and which outlets cover a row.

use egui::text::LayoutJob;
use egui::{Color32, Sense, Stroke, TextFormat, Ui};

use crate::diff::{Change, WordDiff};
use crate::gui::Command;
use crate::gui::colors;
use crate::gui::view::View;
use crate::gui::workspace::Workspace;

/// "1 claim", "2 claims": a count with its noun, singular for one.
/// The tag an event's kind and origin get (a claim gets none: it is the usual event), small in
/// a list row.
pub fn event_tag(ui: &mut Ui, event: &crate::align::Event, small: bool) {
    use crate::align::{EventKind, Origin};
    let (tag, color, hover) = match (event.kind, event.origin) {
        (EventKind::Claim, _) => return,
        (EventKind::Lede, _) => ("LEDE", ui.visuals().warn_fg_color, "How each outlet's headline and first sentences told the story"),
        (EventKind::Reuse, Origin::Parallax) => {
            ("REUSE", ui.visuals().hyperlink_color, "The same text, or the same figure in the same words, in articles of different stories")
        }
        (EventKind::Reuse, Origin::Passim) => ("REUSE · PASSIM", ui.visuals().hyperlink_color, "Text reuse found by passim: one of the clusters of its output in this folder"),
    };
    let text = egui::RichText::new(tag).strong();
    let text = if small { text.small().color(color) } else { text };
    ui.label(text).on_hover_text(hover);
}

/// A span of days as the lists and grids show it: one day, two days joined by a dash, or
/// "undated".
pub fn span(span: Option<(jiff::civil::Date, jiff::civil::Date)>) -> String {
    match span {
        Some((f, l)) if f != l => format!("{f} – {l}"),
        Some((f, _)) => f.to_string(),
        None => "undated".into(),
    }
}

pub fn plural(n: usize, word: &str) -> String {
    let plural = match word {
        "story" => "stories",
        _ => return if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") },
    };
    if n == 1 { format!("1 {word}") } else { format!("{n} {plural}") }
}

/// Outlet marks drawn per row; past this, their number.
pub const MAX_MARKS: usize = 12;

/// The URL in full, with Open and Copy link buttons (the article view).
pub fn original_full(ui: &mut Ui, url: &str, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.weak("Original:");
        if ui.link(url).on_hover_text("Open the original in the browser").clicked() {
            commands.push(Command::OpenOriginal(url.to_string()));
        }
        if ui.small_button("Copy link").on_hover_text("Copy the original's address").clicked() {
            ui.ctx().copy_text(url.to_string());
        }
    });
}

/// A compact "original" button that opens the URL, with it on hover (column headers).
pub fn original_compact(ui: &mut Ui, url: &str, commands: &mut Vec<Command>) {
    let button = ui.small_button("original").on_hover_text(format!("Open {url} in the browser (right-click to copy the link)"));
    if button.clicked() {
        commands.push(Command::OpenOriginal(url.to_string()));
    }
    button.context_menu(|ui| {
        if ui.button("Copy link").clicked() {
            ui.ctx().copy_text(url.to_string());
            ui.close();
        }
    });
}

/// The diff as one block of text: removed words struck through, added words highlighted,
/// changed numbers in a colour of their own, and the words searched for underlined.
pub fn diff_job(ui: &Ui, diff: &WordDiff, view: &View, font: egui::FontId) -> LayoutJob {
    let dark = view.dark;
    let text = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    for (i, piece) in diff.pieces.iter().enumerate() {
        let mut format = TextFormat { font_id: font.clone(), color: text, ..Default::default() };
        match piece.change {
            Change::Same => {}
            Change::Removed => {
                format.background = colors::removed(dark);
                format.strikethrough = Stroke::new(1.2, ui.visuals().weak_text_color());
                format.color = ui.visuals().weak_text_color();
            }
            Change::Added => format.background = colors::added(dark),
        }
        if piece.has_number && piece.change != Change::Same {
            format.color = colors::number(dark);
            format.underline = Stroke::new(1.5, colors::number(dark));
        }
        mark_search(&mut format, ui, view, &piece.text);
        if i > 0 {
            job.append(" ", 0.0, TextFormat { font_id: font.clone(), color: Color32::TRANSPARENT, ..Default::default() });
        }
        job.append(&piece.text, 0.0, format);
    }
    job
}

/// Underlines a word that holds what the search box asks for, so a reader sees why it matched.
fn mark_search(format: &mut TextFormat, ui: &Ui, view: &View, word: &str) {
    if view.visible.search.iter().any(|w| w.marks(word)) {
        format.underline = Stroke::new(2.0, ui.visuals().hyperlink_color);
        format.color = ui.visuals().hyperlink_color;
    }
}

/// A passage shown as written (the base column, an undiffed cell), the words searched for
/// underlined.
pub fn plain_job(ui: &Ui, text: &str, view: &View, font: egui::FontId) -> LayoutJob {
    let color = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    if view.visible.search.is_empty() {
        job.append(text, 0.0, TextFormat { font_id: font, color, ..Default::default() });
        return job;
    }
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            job.append(" ", 0.0, TextFormat { font_id: font.clone(), color, ..Default::default() });
        }
        let mut format = TextFormat { font_id: font.clone(), color, ..Default::default() };
        mark_search(&mut format, ui, view, word);
        job.append(word, 0.0, format);
    }
    job
}

/// The outlets of a row as coloured marks, their names on hover; past a dozen, marks can no
/// longer be told apart: their number, with the marks on hover.
pub fn coverage(ui: &mut Ui, ws: &Workspace, outlets: &[usize], row_height: f32, verb: &str) {
    let names = |ui: &mut Ui| {
        let names: Vec<&str> = outlets.iter().map(|&o| ws.outlets[o].name.as_str()).collect();
        ui.label(format!("{verb} {}: {}", names.len(), names.join(", ")));
    };
    if outlets.len() > MAX_MARKS {
        ui.label(format!("{} outlets", outlets.len())).on_hover_ui(|ui| {
            names(ui);
            ui.horizontal_wrapped(|ui| {
                for &o in outlets {
                    outlet_mark(ui, ws.outlets[o].color);
                }
            });
        });
    } else {
        let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), row_height - 6.0), Sense::hover());
        for (k, &o) in outlets.iter().enumerate() {
            let r = egui::Rect::from_min_size(rect.left_top() + egui::vec2(k as f32 * 12.0, 2.0), egui::vec2(9.0, rect.height() - 4.0));
            ui.painter().rect_filled(r, 2.0, ws.outlets[o].color);
        }
        response.on_hover_ui(names);
    }
}

/// One outlet's colour mark.
fn outlet_mark(ui: &mut Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(9.0, 14.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}
