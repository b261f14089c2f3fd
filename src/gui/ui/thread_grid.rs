//! A thread's developments × outlets: one row per development (a story of the thread, in order),
//! one column per outlet, each cell saying whether the outlet covered that development, was
//! the first to, or said nothing of it (a blindspot). Clicking a row or a cell opens that
//! development's claims grid.

use egui::{Color32, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::plural;
use crate::gui::command::Command;
use crate::gui::filter::VisibleThread;
use crate::gui::view::View;
use crate::share::Format;

/// Widths of the columns: the dates, the development's headline, an outlet.
const DATES_COLUMN: f32 = 170.0;
const DEVELOPMENT_COLUMN: f32 = 320.0;
const OUTLET_COLUMN: f32 = 92.0;

/// The panel keeps no state of its own: what it shows is the chosen thread as the filters
/// leave it ([`VisibleThread`]), computed once per change of the filters.
pub struct ThreadGrid;

impl ThreadGrid {
    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let Some(thread) = view.selection.thread.and_then(|t| view.visible.thread(t)) else {
            ui.label("This thread has fewer than two developments in what the filters show: widen the dates or show more outlets.");
            return;
        };
        let blindspots: usize = thread.covered.iter().map(|c| thread.outlets.len() - c.len()).sum();
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("THREAD · {}", ws.thread_labels[thread.index]));
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} · {} · {} · {}", super::widgets::span(thread.span), plural(thread.stories.len(), "development"), plural(thread.outlets.len(), "outlet"), plural(blindspots, "blindspot")));
            ui.separator();
            ui.label("Export:");
            for (name, format) in [("HTML", Format::Html), ("Markdown", Format::Markdown), ("CSV", Format::Csv)] {
                if ui.button(name).on_hover_text(format!("Save this thread as {name}: its developments in order, who covered each, and their claims")).clicked() {
                    commands.push(Command::ExportThread(format));
                }
            }
        });
        ui.weak("Each row is one development (a story: the articles that report one happening); each column an outlet. ★ first to report it, covered: reported it later, — said nothing of it (a blindspot). Click a row to line up its claims.");
        ui.add_space(4.0);
        // A thread of many outlets is wider than the window: the bar says there is more.
        egui::ScrollArea::horizontal()
            .id_salt("thread-grid-scroll")
            .auto_shrink([false, false])
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| grid(ui, view, thread, commands));
    }
}

fn grid(ui: &mut Ui, view: &View, thread: &VisibleThread, commands: &mut Vec<Command>) {
    let ws = view.ws;
    ui.style_mut().interaction.selectable_labels = false;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    // As wide as its columns, so that the scroll area around it scrolls to the last outlet.
    let spacing = ui.spacing().item_spacing.x;
    ui.set_min_width(DATES_COLUMN + DEVELOPMENT_COLUMN + thread.outlets.len() as f32 * OUTLET_COLUMN + (thread.outlets.len() + 2) as f32 * spacing);
    let mut table = TableBuilder::new(ui)
        .id_salt(("thread-grid", thread.index))
        .striped(true)
        .sense(Sense::click())
        .auto_shrink([false, false])
        .column(Column::exact(DATES_COLUMN))
        .column(Column::exact(DEVELOPMENT_COLUMN).clip(true));
    for _ in &thread.outlets {
        table = table.column(Column::exact(OUTLET_COLUMN));
    }
    let silent = if view.dark { Color32::from_rgb(230, 120, 120) } else { Color32::from_rgb(170, 40, 40) };
    table
        .header(row_height + 6.0, |mut header| {
            header.col(|ui| {
                ui.strong("dates");
            });
            header.col(|ui| {
                ui.strong("development");
            });
            for &o in &thread.outlets {
                let outlet = &ws.outlets[o];
                let covered = thread.covered.iter().filter(|c| c.binary_search(&o).is_ok()).count();
                header.col(|ui| {
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(6.0, 14.0), Sense::hover());
                        ui.painter().rect_filled(rect, 2.0, outlet.color);
                        ui.add(egui::Label::new(RichText::new(&outlet.name).strong()).truncate());
                    })
                    .response
                    .on_hover_text(format!("{}: covered {covered} of {} developments", outlet.name, thread.stories.len()));
                });
            }
        })
        .body(|body| {
            body.rows(row_height, thread.stories.len(), |mut row| {
                let d = row.index();
                let story = thread.stories[d];
                row.col(|ui| {
                    ui.label(super::widgets::span(ws.story_span[story]));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(format!("{}. {}", d + 1, ws.story_labels[story])).truncate());
                });
                for &o in &thread.outlets {
                    let name = &ws.outlets[o].name;
                    row.col(|ui| {
                        let (text, tip) = if thread.first[d].contains(&o) {
                            (RichText::new("★ first").strong().color(ws.outlets[o].color), format!("{name} reported this development first"))
                        } else if thread.covered[d].binary_search(&o).is_ok() {
                            (RichText::new("covered").color(ws.outlets[o].color), format!("{name} covered this development"))
                        } else {
                            (RichText::new("—").color(silent), format!("{name} said nothing of this development: a blindspot"))
                        };
                        ui.label(text).on_hover_text(tip);
                    });
                }
                if row.response().clicked() {
                    commands.push(Command::SelectStory(story));
                }
            });
        });
}
