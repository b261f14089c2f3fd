//! The stories list: one row per story (articles that report one happening) with its headline,
//! date span, outlets as coloured marks, and how many claims and articles it has. Choosing a
//! story fills the centre with its claims grid. The stories of a thread (developments of one
//! subject) are grouped under one row that opens and closes; choosing it fills the centre
//! with its developments × outlets.

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
    /// Story to bring into view on the next frame (a story chosen from elsewhere: a reuse link).
    scroll_to: Option<usize>,
    /// The threads whose stories show under their row (indexes into the alignment's threads).
    open: std::collections::HashSet<usize>,
    /// The rows as last laid out, and what they were laid out from (the filters' result, the
    /// open threads): rebuilt when either changes, not every frame.
    rows: Vec<Row>,
    rows_of: Option<(u64, usize)>,
    opened: usize,
}

/// A row of the list.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    /// A thread (an index into the visible threads).
    Thread(usize),
    /// A story (an index into the visible stories), under its thread's row or on its own.
    Story { k: usize, in_thread: bool },
}

impl StoriesTable {
    /// Brings the row of story `story` (an index into the alignment's stories) into view.
    pub fn scroll_to(&mut self, story: Option<usize>) {
        self.scroll_to = story;
    }

    /// Shows or hides the stories of thread `thread` under its row.
    pub fn toggle(&mut self, thread: usize) {
        if !self.open.remove(&thread) {
            self.open.insert(thread);
        }
        self.opened += 1;
    }

    /// Shows the stories of thread `thread` under its row.
    pub fn open(&mut self, thread: usize) {
        if self.open.insert(thread) {
            self.opened += 1;
        }
    }

    /// The rows for what the filters show: a thread's row where its first story would be, and
    /// its stories under it when it is open.
    fn lay_out(&mut self, view: &View) {
        let key = (view.visible.generation, self.opened);
        if self.rows_of == Some(key) {
            return;
        }
        let visible = view.visible;
        let mut thread_of: Vec<Option<usize>> = vec![None; view.ws.comparison.alignment.stories.len()];
        for (t, thread) in visible.threads.iter().enumerate() {
            thread.stories.iter().for_each(|&s| thread_of[s] = Some(t));
        }
        let mut position: Vec<usize> = vec![usize::MAX; thread_of.len()];
        for (k, s) in visible.stories.iter().enumerate() {
            position[s.index] = k;
        }
        let mut placed = vec![false; visible.threads.len()];
        self.rows.clear();
        for (k, s) in visible.stories.iter().enumerate() {
            match thread_of[s.index] {
                None => self.rows.push(Row::Story { k, in_thread: false }),
                Some(t) if !placed[t] => {
                    placed[t] = true;
                    self.rows.push(Row::Thread(t));
                    if self.open.contains(&visible.threads[t].index) {
                        self.rows.extend(visible.threads[t].stories.iter().map(|&s| Row::Story { k: position[s], in_thread: true }));
                    }
                }
                Some(_) => {}
            }
        }
        self.rows_of = Some(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let stories = &view.visible.stories;
        ui.horizontal(|ui| {
            ui.strong("STORIES");
            ui.label(format!("{} shown", stories.len()));
            if !view.visible.threads.is_empty() {
                ui.label(format!("· {} in {}", plural(view.visible.threads.iter().map(|t| t.stories.len()).sum(), "story"), plural(view.visible.threads.len(), "thread")))
                    .on_hover_text("A thread is stories that continue one subject, each a development of it; open its row to see them");
            }
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
        self.lay_out(view);
        let rows = &self.rows;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut table = TableBuilder::new(ui);
        if let Some(story) = self.scroll_to.take() {
            // Only as far as needed: a row clicked in view does not move. A story in a closed
            // thread is brought into view by its thread's row.
            let thread = view.visible.threads.iter().position(|t| t.stories.contains(&story));
            let at = rows.iter().position(|r| match *r {
                Row::Story { k, .. } => stories[k].index == story,
                Row::Thread(t) => Some(t) == thread,
            });
            if let Some(at) = at {
                table = table.scroll_to_row(at, None);
            }
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
                body.rows(row_height, rows.len(), |mut row| {
                    let s = match rows[row.index()] {
                        Row::Thread(t) => {
                            let thread = &view.visible.threads[t];
                            thread_row(&mut row, view, thread, self.open.contains(&thread.index), row_height, commands);
                            return;
                        }
                        Row::Story { k, .. } => &stories[k],
                    };
                    let in_thread = matches!(rows[row.index()], Row::Story { in_thread: true, .. });
                    row.set_selected(view.selection.story == Some(s.index) && !matches!(view.selection.mode, crate::gui::command::Mode::Thread(_)));
                    row.col(|ui| {
                        ui.label(super::widgets::span(ws.story_span[s.index]));
                    });
                    row.col(|ui| {
                        let label = |ui: &mut Ui| {
                            let label = &ws.story_labels[s.index];
                            // Only a corrected story's row formats its label anew each frame.
                            if ws.comparison.alignment.stories[s.index].user.corrected {
                                ui.add(egui::Label::new(format!("{label} · corrected")).truncate()).on_hover_text("Corrected by hand");
                            } else {
                                ui.add(egui::Label::new(label).truncate());
                            }
                        };
                        if in_thread {
                            // Under its thread's row: indented.
                            ui.horizontal(|ui| {
                                ui.add_space(22.0);
                                label(ui);
                            });
                        } else {
                            label(ui);
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

/// A thread's row: its span, label and number of developments (with the button that shows
/// or hides them), its outlets, claims and articles.
fn thread_row(row: &mut egui_extras::TableRow, view: &View, thread: &crate::gui::filter::VisibleThread, open: bool, row_height: f32, commands: &mut Vec<Command>) {
    let ws = view.ws;
    row.set_selected(view.selection.mode == crate::gui::command::Mode::Thread(thread.index));
    row.col(|ui| {
        ui.strong(super::widgets::span(thread.span));
    });
    row.col(|ui| {
        ui.horizontal(|ui| {
            let arrow = if open { "⏷" } else { "⏵" };
            let toggle = ui.add(egui::Button::new(arrow).frame(false)).on_hover_text(if open { "Hide its stories" } else { "Show its stories" });
            if toggle.clicked() {
                commands.push(Command::ToggleThread(thread.index));
            }
            let label = format!("Thread: {} · {}", ws.thread_labels[thread.index], plural(thread.stories.len(), "development"));
            ui.add(egui::Label::new(egui::RichText::new(label).strong()).truncate());
        });
    });
    row.col(|ui| super::widgets::coverage(ui, ws, &thread.outlets, row_height, "Covered by"));
    row.col(|ui| {
        ui.label(thread.claims.to_string());
    });
    row.col(|ui| {
        ui.label(thread.articles.to_string());
    });
    if row.response().clicked() {
        commands.push(Command::SelectThread(thread.index));
    }
}
