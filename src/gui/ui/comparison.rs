//! The comparison view: the selected event's passages side by side, one column per article,
//! with word-level differences against a base column the user picks. All columns sit in one
//! scroll area, so they always scroll together.

use egui::{RichText, Stroke, Ui};
use crate::diff::{DiffOptions, WordDiff, diff_words};

use super::widgets::{diff_job, event_tag, plain_job, plural};
use crate::gui::command::Command;
use crate::gui::view::View;
use crate::gui::colors;

/// Narrowest a column gets before the view scrolls sideways.
const MIN_COLUMN_WIDTH: f32 = 300.0;

#[derive(Default)]
pub struct ComparisonView {
    cache: Option<Cached>,
    /// Scroll back to the first column on the next frame: the new base is drawn there.
    show_base: bool,
}

/// The columns of one event against one base, computed once per selection.
struct Cached {
    event: usize,
    base: usize,
    columns: Vec<ColumnData>,
    /// Outlets of the event's story that do not report it.
    silent: Vec<usize>,
    /// Words in common with the base, averaged over the other columns: from the diffs shown,
    /// so the figure and the highlighting agree.
    wording: Option<f32>,
}

struct ColumnData {
    article: usize,
    /// The article's passages in this event, in text order.
    text: String,
    /// Against the base; `None` for the base column itself.
    diff: Option<WordDiff>,
}

impl ComparisonView {
    /// Forgets the computed columns (the filters or the base changed).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// A new base column: it moves to the front, and the view scrolls there to keep it in sight.
    pub fn set_base(&mut self) {
        self.cache = None;
        self.show_base = true;
    }

    /// The columns on screen: (article, its text, its diff against the base, if not the base).
    pub fn columns(&self) -> Vec<(usize, &str, Option<&WordDiff>)> {
        self.cache.iter().flat_map(|c| c.columns.iter().map(|col| (col.article, col.text.as_str(), col.diff.as_ref()))).collect()
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let Some(position) = view.selection.event.and_then(|e| view.visible.position(e)) else {
            ui.centered_and_justified(|ui| {
                ui.label(if view.visible.events.is_empty() { view.why_no_events() } else { "Select an event to compare how each outlet told it.".into() });
            });
            return;
        };
        let visible = &view.visible.events[position];
        let event = &visible.event;
        let articles_in_event: Vec<usize> = {
            let mut a: Vec<usize> = event.passages.iter().map(|p| p.article).collect();
            a.dedup();
            a
        };
        let base = view.selection.base.filter(|b| articles_in_event.contains(b)).unwrap_or(event.central.article);
        if self.cache.as_ref().is_none_or(|c| c.event != visible.index || c.base != base) {
            self.cache = Some(compute(view, visible.index, event, &articles_in_event, base));
        }
        let cache = self.cache.as_ref().expect("just computed");

        // Opened from a story's grid: prev and next walk that story's claims, and Esc or the
        // button goes back to the grid.
        let in_story = view.selection.list == crate::gui::command::List::Stories && view.selection.story.is_some_and(|s| event.story == Some(s));
        ui.horizontal(|ui| {
            if in_story && ui.button("⏶ the story's claims").on_hover_text("Back to the story's claims grid (Esc)").clicked() {
                commands.push(Command::Back);
            }
            let (first, last) = if in_story { (false, false) } else { (position == 0, position + 1 == view.visible.events.len()) };
            let unit = if in_story { "claim" } else { "event" };
            if ui.add_enabled(!first, egui::Button::new("◀ prev")).on_hover_text(format!("Previous {unit} (K or ↑)")).clicked() {
                commands.push(Command::Step(-1));
            }
            if ui.add_enabled(!last, egui::Button::new("next ▶")).on_hover_text(format!("Next {unit} (J or ↓)")).clicked() {
                commands.push(Command::Step(1));
            }
            if !in_story {
                ui.label(format!("event {} of {}", position + 1, view.visible.events.len()));
            }
            ui.separator();
            event_tag(ui, event, false);
            ui.label(event.date.map_or("undated".into(), |d| d.to_string()));
            ui.label(format!("· {}", plural(visible.outlets.len(), "outlet")));
            if let Some(wording) = cache.wording {
                ui.label(format!("· {:.0}% of the words shared with the base", wording * 100.0))
                    .on_hover_text("Words in common with the base column, in order, as the highlighting below shows them");
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.weak("Why these passages are one event:");
            ui.label(event.evidence.join(" · "));
        });
        let user = &event.user;
        if user.corrected || user.checked || !user.notes.is_empty() {
            ui.horizontal_wrapped(|ui| {
                let marks = [(user.checked, "✔ checked by hand"), (user.corrected, "corrected by hand")];
                for (_, mark) in marks.iter().filter(|m| m.0) {
                    ui.label(RichText::new(*mark).strong().color(ui.visuals().hyperlink_color));
                }
                for note in &user.notes {
                    ui.label(RichText::new(format!("Note: {note}")).strong());
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            let dark = view.dark;
            ui.weak("Against the base column:");
            ui.label(RichText::new("only in the base").strikethrough().background_color(colors::removed(dark)));
            ui.label(RichText::new("only in this column").background_color(colors::added(dark)));
            ui.label(RichText::new("a number that differs").color(colors::number(dark)).underline());
            if !cache.silent.is_empty() {
                ui.separator();
                let names: Vec<&str> = cache.silent.iter().map(|&o| ws.outlets[o].name.as_str()).collect();
                ui.label(RichText::new(format!("Not reported by: {}", names.join(", "))).italics())
                    .on_hover_text("Outlets that covered this story but not this event");
            }
        });
        ui.separator();

        let n = cache.columns.len().max(1) as f32;
        let spacing = ui.spacing().item_spacing.x;
        let width = ((ui.available_width() - spacing * (n - 1.0)) / n).max(MIN_COLUMN_WIDTH);
        let mut area = egui::ScrollArea::both().id_salt("comparison").auto_shrink([false, false]);
        if std::mem::take(&mut self.show_base) {
            area = area.horizontal_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for column in &cache.columns {
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        column_ui(ui, view, column, base, (cache.event, cache.columns.len()), commands);
                    });
                }
            });
        });
    }
}

fn compute(view: &View, index: usize, event: &crate::align::Event, articles_in_event: &[usize], base: usize) -> Cached {
    let ws = view.ws;
    let text_of = |article: usize| -> String {
        let a = &ws.articles()[article];
        a.quote(&event.passages.iter().filter(|p| p.article == article).map(|p| p.passage).collect::<Vec<_>>())
    };
    let base_text = text_of(base);
    let mut order: Vec<usize> = articles_in_event.to_vec();
    order.sort_by_key(|&a| (a != base, ws.articles()[a].published, a));
    let columns: Vec<ColumnData> = order
        .into_iter()
        .map(|article| {
            let text = text_of(article);
            let diff = (article != base).then(|| diff_words(&base_text, &text, DiffOptions::default()));
            ColumnData { article, text, diff }
        })
        .collect();
    let story = ws.comparison.alignment.stories.iter().find(|s| s.articles.iter().any(|a| articles_in_event.contains(a)));
    let mut silent: Vec<usize> = story
        .map(|s| s.articles.iter().filter(|&&a| view.visible.articles[a]).map(|&a| ws.outlet_of[a]).collect())
        .unwrap_or_default();
    silent.sort_unstable();
    silent.dedup();
    let reporting: Vec<usize> = articles_in_event.iter().map(|&a| ws.outlet_of[a]).collect();
    silent.retain(|o| !reporting.contains(o));
    let similarities: Vec<f32> = columns.iter().filter_map(|c| c.diff.as_ref().map(|d| d.similarity)).collect();
    let wording = (!similarities.is_empty()).then(|| similarities.iter().sum::<f32>() / similarities.len() as f32);
    Cached { event: index, base, columns, silent, wording }
}

/// One article's card; `(event, articles)`: the event shown and how many articles it holds,
/// for the corrections of a claim.
fn column_ui(ui: &mut Ui, view: &View, column: &ColumnData, base: usize, (event, articles): (usize, usize), commands: &mut Vec<Command>) {
    let ws = view.ws;
    let article = &ws.articles()[column.article];
    let outlet = ws.outlet(column.article);
    egui::Frame::group(ui.style()).stroke(Stroke::new(2.0, outlet.color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&outlet.name).strong().color(colors::readable(outlet.color, view.dark)));
            ui.label(article.published.map_or("undated".into(), |d| d.to_string()));
            if column.article == base {
                ui.label(RichText::new("BASE").strong()).on_hover_text("The other columns are compared with this one");
            } else if ui.small_button("use as base").on_hover_text("Compare the other columns with this one").clicked() {
                commands.push(Command::SetBase(column.article));
            }
            if ui.small_button("read article").on_hover_text("Read the whole article with its aligned passages marked").clicked() {
                commands.push(Command::ShowArticle(column.article));
            }
            if let Some(url) = &article.url {
                super::widgets::original_compact(ui, url, commands);
            }
        });
        ui.label(RichText::new(article.title.as_deref().unwrap_or(&article.path)).strong());
        ui.separator();
        // A diffed text holds the base's struck words too, so it is not selectable: "copy
        // words" gives the outlet's words alone, as written.
        let text = match &column.diff {
            None => ui.label(plain_job(ui, &column.text, view, egui::FontId::proportional(15.0))),
            Some(diff) => {
                if diff.rewritten {
                    ui.label(RichText::new("rewritten: highlighted words are not in the base").italics()).on_hover_text(format!(
                        "Shares only {:.0}% of its words with the base in order, so it is shown as written, not as a word-by-word diff",
                        diff.similarity * 100.0
                    ));
                }
                ui.add(egui::Label::new(diff_job(ui, diff, view, egui::FontId::proportional(15.0))).selectable(false))
            }
        };
        let copy = |commands: &mut Vec<Command>| commands.push(Command::Copy { text: column.text.clone(), whose: outlet.name.clone() });
        text.context_menu(|ui| {
            if ui.button("Copy the outlet's words").clicked() {
                copy(commands);
                ui.close();
            }
        });
        ui.horizontal(|ui| {
            if ui.small_button("copy words").on_hover_text("Copy this outlet's words exactly as the article has them, without the base's struck words").clicked() {
                copy(commands);
            }
            let e = &ws.comparison.alignment.events[event];
            if let Some(story) = e.story {
                if articles > 1 && ui.small_button("not the same fact").on_hover_text("Take this article's passage out of the claim (Ctrl+Z undoes it)").clicked() {
                    commands.push(Command::Fix(crate::gui::fixes::Fix::TakeOut { event, article: column.article }));
                }
                if ui.small_button("pair…").on_hover_text("Pair this passage with another claim or passage of the story").clicked() {
                    let passages = e.passages.iter().copied().filter(|p| p.article == column.article).collect();
                    commands.push(Command::OpenDialog(crate::gui::fixes::Dialog::Pair { passages, story, filter: String::new() }));
                }
            }
        });
    });
}
