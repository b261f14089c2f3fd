//! The stories list: one row per story (articles that report one happening) with its headline,
//! date span, outlets as coloured marks, and how many claims and articles it has. Choosing a
//! story fills the centre with its claims grid.

use egui::{Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::plural;
use crate::gui::command::{Command, List};
use crate::gui::view::View;
use crate::gui::filter::StorySort;
use crate::gui::fixes::Fix;
use crate::gui::fixes::Dialog;

#[derive(Default)]
pub struct StoriesTable {
    /// Row to bring into view on the next frame (a story chosen from elsewhere: a reuse link).
    scroll_to: Option<usize>,
}

impl StoriesTable {
    pub fn scroll_to(&mut self, row: Option<usize>) {
        self.scroll_to = row;
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let stories = &view.visible.stories;
        ui.horizontal(|ui| {
            ui.strong("STORIES");
            ui.label(format!("{} shown", stories.len()));
            ui.weak("· a story is the articles that report one happening; choose one to line up its claims");
        });
        if stories.is_empty() {
            // What matches may lie outside every story (text reused across stories): say so,
            // rather than that nothing matches.
            let elsewhere = view.visible.events.len();
            if elsewhere > 0 {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("No story's claims match, but {} outside stories {}.", plural(elsewhere, "event"), if elsewhere == 1 { "does" } else { "do" }));
                    if ui.link("Show all events").clicked() {
                        commands.push(Command::ShowList(List::Events));
                    }
                });
            } else {
                ui.label(view.why_no_events());
            }
            return;
        }
        ui.style_mut().interaction.selectable_labels = false;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut table = TableBuilder::new(ui);
        if let Some(row) = self.scroll_to.take() {
            // Only as far as needed: a row clicked in view does not move.
            table = table.scroll_to_row(row, None);
        }
        table
            .id_salt("stories-table")
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .auto_shrink([false, false])
            .min_scrolled_height(0.0)
            .column(Column::exact(180.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(super::widgets::MAX_MARKS as f32 * 12.0 + 34.0))
            .column(Column::exact(70.0))
            .column(Column::exact(70.0))
            .header(row_height, |mut header| {
                let sort = view.filters.story_sort;
                let mut sort_button = |ui: &mut Ui, title: &str, by: StorySort, tip: &str| {
                    let label = if sort == by { format!("{title} ⏷") } else { title.to_string() };
                    if ui.button(label).on_hover_text(tip).clicked() {
                        commands.push(Command::SetStorySort(by));
                    }
                };
                header.col(|ui| sort_button(ui, "dates", StorySort::Date, "First and last day its articles were published; sort by the first"));
                header.col(|ui| {
                    ui.strong("story").on_hover_text("The headline of its most typical article");
                });
                header.col(|ui| sort_button(ui, "outlets", StorySort::Outlets, "The outlets that covered it; sort by how many"));
                header.col(|ui| {
                    ui.strong("claims").on_hover_text("Claims lined up across its articles");
                });
                header.col(|ui| sort_button(ui, "articles", StorySort::Size, "Its articles; sort by how many"));
            })
            .body(|body| {
                body.rows(row_height, stories.len(), |mut row| {
                    let s = &stories[row.index()];
                    row.set_selected(view.selection.story == Some(s.index));
                    row.col(|ui| {
                        let span = match ws.story_span[s.index] {
                            Some((f, l)) if f != l => format!("{f} – {l}"),
                            Some((f, _)) => f.to_string(),
                            None => "undated".into(),
                        };
                        ui.label(span);
                    });
                    row.col(|ui| {
                        let label = &ws.story_labels[s.index];
                        // Only a corrected story's row formats its label anew each frame.
                        if ws.comparison.alignment.stories[s.index].user.corrected {
                            ui.add(egui::Label::new(format!("{label} · corrected")).truncate()).on_hover_text("Corrected by hand");
                        } else {
                            ui.add(egui::Label::new(label).truncate());
                        }
                    });
                    row.col(|ui| super::widgets::coverage(ui, ws, &s.outlets, row_height, "Covered by"));
                    row.col(|ui| {
                        ui.label(s.claims.to_string());
                    });
                    row.col(|ui| {
                        ui.label(s.articles.to_string());
                    });
                    let response = row.response();
                    if response.clicked() {
                        commands.push(Command::SelectStory(s.index));
                    }
                    response.context_menu(|ui| {
                        // Merging asks for two stories: the one chosen, and this one.
                        match view.selection.story.filter(|&chosen| chosen != s.index) {
                            Some(chosen) => {
                                let with = crate::text::short_label(&ws.story_labels[chosen], 50);
                                if ui.button(format!("Merge with the chosen story (“{with}”)")).on_hover_text("Both report one happening").clicked() {
                                    commands.push(Command::Fix(Fix::MergeStories { story: chosen, with: s.index }));
                                    ui.close();
                                }
                            }
                            None => {
                                ui.weak("Choose another story first to merge this one with it");
                            }
                        }
                        let notes = &ws.comparison.alignment.stories[s.index].user.notes;
                        if ui.button(if notes.is_empty() { "Note…" } else { "Edit the note…" }).clicked() {
                            commands.push(Command::OpenDialog(Dialog::NoteOnStory { story: s.index, text: notes.join("\n") }));
                            ui.close();
                        }
                    });
                });
            });
    }
}
