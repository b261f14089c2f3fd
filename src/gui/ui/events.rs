//! The events list: one row per visible event (virtualised, so thousands scroll smoothly), with
//! its date, label, coverage (which outlets report it) and agreement (how alike their wording is).

use std::time::Duration;

use egui::{Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{MAX_MARKS, coverage, event_tag};
use crate::gui::command::Command;
use crate::gui::view::View;
use crate::gui::filter::Sort;

#[derive(Default)]
pub struct EventsTable {
    /// Row to bring into view on the next frame.
    scroll_to: Option<usize>,
    /// Set by `--measure-scroll`: scroll the list every frame (the window records frame times).
    pub measure: Option<ScrollMeasure>,
}

impl EventsTable {
    pub fn scroll_to(&mut self, row: Option<usize>) {
        self.scroll_to = row;
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let events = &view.visible.events;
        ui.horizontal(|ui| {
            ui.strong("EVENTS");
            ui.label(format!("{} shown", events.len()));
            if view.visible.events_hidden > 0 {
                ui.weak(format!("· {} hidden by filters", view.visible.events_hidden));
            }
        });
        ui.style_mut().interaction.selectable_labels = false;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut table = TableBuilder::new(ui)
            .id_salt("events-table")
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .auto_shrink([false, false])
            .min_scrolled_height(0.0)
            .column(Column::exact(92.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(MAX_MARKS as f32 * 12.0 + 34.0))
            .column(Column::exact(86.0));
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row, Some(egui::Align::Center));
        }
        if let Some(m) = &self.measure {
            table = table.vertical_scroll_offset(m.offset(row_height, events.len()));
        }
        let sort_button = |ui: &mut Ui, label: &str, sort: Sort, tip: &str, commands: &mut Vec<Command>| {
            let active = view.filters.sort == sort;
            let arrow = match (active, view.filters.descending == (sort == Sort::Date)) {
                (false, _) => "",
                (true, true) => " ⏷",
                (true, false) => " ⏶",
            };
            if ui.button(format!("{label}{arrow}")).on_hover_text(tip).clicked() {
                commands.push(Command::SetSort(sort));
            }
        };
        table
            .header(row_height, |mut header| {
                header.col(|ui| sort_button(ui, "date", Sort::Date, "Sort by the day the event was first reported", commands));
                header.col(|ui| {
                    ui.strong("event");
                });
                header.col(|ui| sort_button(ui, "coverage", Sort::Coverage, "Sort by how many outlets report the event", commands));
                header.col(|ui| sort_button(ui, "agreement", Sort::Agreement, "Sort by how alike the outlets' wording is", commands));
            })
            .body(|body| {
                body.rows(row_height, events.len(), |mut row| {
                    let e = &events[row.index()];
                    row.set_selected(view.selection.event == Some(e.index));
                    row.col(|ui| {
                        ui.label(e.event.date.map_or("undated".into(), |d| d.to_string()));
                    });
                    row.col(|ui| {
                        ui.horizontal(|ui| {
                            event_tag(ui, &e.event, true);
                            ui.add(egui::Label::new(&ws.labels[e.index]).truncate()).on_hover_ui(|ui| {
                                ui.label(&ws.labels[e.index]);
                                for line in &e.event.evidence {
                                    ui.weak(line);
                                }
                            });
                        });
                    });
                    row.col(|ui| coverage(ui, ws, &e.outlets, row_height, "Reported by"));
                    row.col(|ui| agreement_bar(ui, e.event.agreement, row_height));
                    if row.response().clicked() {
                        commands.push(Command::SelectEvent(e.index));
                    }
                });
            });
    }
}

/// Five cells filled in proportion to the agreement.
fn agreement_bar(ui: &mut Ui, agreement: f32, row_height: f32) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(70.0, row_height - 8.0), Sense::hover());
    let filled = (agreement * 5.0).round() as usize;
    let on = if ui.visuals().dark_mode { egui::Color32::from_rgb(90, 170, 255) } else { egui::Color32::from_rgb(30, 110, 210) };
    let off = ui.visuals().widgets.inactive.bg_fill;
    for k in 0..5 {
        let r = egui::Rect::from_min_size(rect.left_top() + egui::vec2(k as f32 * 14.0, 1.0), egui::vec2(11.0, rect.height() - 2.0));
        ui.painter().rect_filled(r, 1.0, if k < filled.max(1) { on } else { off });
    }
    response.on_hover_text(format!("{:.0}% of the wording in common across outlets", agreement * 100.0));
}

/// Drives `--measure-scroll`: scrolls the events list by three rows every frame and records how
/// long each frame's UI code took and how long each whole frame took (UI, layout, tessellation
/// and painting, measured from one frame's start to the next), then prints medians and 95th
/// percentiles.
pub struct ScrollMeasure {
    frames: usize,
    ui_times: Vec<Duration>,
    /// eframe's CPU time of the previous frame: UI, layout, tessellation, handing over to the GPU.
    cpu_times: Vec<Duration>,
    frame_times: Vec<Duration>,
    last_start: Option<std::time::Instant>,
}

impl ScrollMeasure {
    pub fn new(frames: usize) -> ScrollMeasure {
        ScrollMeasure { frames, ui_times: Vec::with_capacity(frames), cpu_times: Vec::with_capacity(frames), frame_times: Vec::with_capacity(frames), last_start: None }
    }

    fn offset(&self, row_height: f32, rows: usize) -> f32 {
        let step = 3.0 * row_height;
        let max = (rows as f32 * row_height - 300.0).max(step);
        (self.ui_times.len() as f32 * step) % max
    }

    /// Records one frame that started at `start` and whose UI took `ui_time`; true when done
    /// (the report was printed).
    pub fn record(&mut self, start: std::time::Instant, ui_time: Duration, cpu_time: Option<f32>) -> bool {
        if let Some(cpu) = cpu_time {
            self.cpu_times.push(Duration::from_secs_f32(cpu));
        }
        if let Some(last) = self.last_start.replace(start) {
            self.frame_times.push(start - last);
        }
        self.ui_times.push(ui_time);
        if self.ui_times.len() < self.frames {
            return false;
        }
        let stats = |times: &[Duration]| {
            let mut ms: Vec<f64> = times.iter().skip(5).map(|t| t.as_secs_f64() * 1000.0).collect();
            ms.sort_by(f64::total_cmp);
            let at = |q: f64| ms[((ms.len() - 1) as f64 * q) as usize];
            format!("median {:.2} ms, p95 {:.2} ms", at(0.5), at(0.95))
        };
        eprintln!(
            "scrolling the events list for {} frames: UI code {}; CPU per frame {}; frame to frame {}",
            self.ui_times.len(),
            stats(&self.ui_times),
            stats(&self.cpu_times),
            stats(&self.frame_times)
        );
        true
    }
}
