//! The claims grid of one story: a row per claim (in the base article's order, then by date), a
//! column per article (grouped by outlet, in the order the outlets published), each cell the
//! article's passage with its word differences against the base column, "not reported" where
//! the article has none, and the first to publish it marked. Hovering a claim shows why its
//! passages were joined; clicking it opens the claim's comparison.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::align::EventKind;
use crate::diff::{DiffOptions, WordDiff, diff_words};
use crate::story_grid::{GridCell, GridRow, Shown, StoryGrid};
use crate::gui::command::Command;
use crate::gui::view::View;
use crate::gui::colors;
use crate::gui::fixes::Fix;
use crate::gui::fixes::Dialog;

#[derive(Default)]
pub struct ClaimsGrid {
    cache: Option<Grid>,
    /// How far both halves of the grid (claims, articles) are scrolled down.
    scroll_y: f32,
    /// Where each half was scrolled at the end of the last frame.
    halves_y: [f32; 2],
}

/// One story's grid, computed once per story and filter change: the story's grid as the
/// filters leave it, and each cell's words against the base column.
struct Grid {
    key: (usize, usize, Option<usize>),
    grid: StoryGrid,
    /// Per row, per column: the cell's words against the base column's (none for the base).
    diffs: Vec<Vec<Option<WordDiff>>>,
    /// Each row's height: its tallest cell laid out at the columns' first width. Measured on
    /// the first frame that shows the grid, as laying out needs the fonts.
    heights: Vec<f32>,
}

/// Width of a column at first; the user may resize it.
const COLUMN_WIDTH: f32 = 280.0;
/// Width of the claim column, which stays put when the articles scroll sideways.
const ROW_HEADER: f32 = 220.0;
/// Links from a cell to other stories reusing its text; the rest are counted.
const MAX_REUSE_LINKS: usize = 3;

impl ClaimsGrid {
    /// The filters changed: build the grid again on the next frame.
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// The article columns on screen, for tests: (article, its cell texts by row).
    pub fn columns(&self) -> Vec<(usize, Vec<Option<&str>>)> {
        let Some(grid) = &self.cache else { return Vec::new() };
        grid.grid.columns.iter().enumerate().map(|(c, &a)| (a, grid.grid.rows.iter().map(|r| r.cells[c].as_ref().map(|x| x.text.as_str())).collect())).collect()
    }

    /// The article of the base column of the grid last built.
    pub fn base(&self) -> Option<usize> {
        self.cache.as_ref().and_then(|g| g.grid.columns.get(g.grid.base).copied())
    }

    /// The events of the story's rows, in the grid's order, if its grid is the one built.
    pub fn row_events(&self, story: usize) -> Option<Vec<usize>> {
        let grid = self.cache.as_ref().filter(|g| g.key.1 == story)?;
        Some(grid.grid.rows.iter().map(|r| r.event).collect())
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let crate::gui::command::Mode::Story(story) = view.selection.mode else { return };
        let ws = view.ws;
        let key = (std::sync::Arc::as_ptr(&ws.comparison) as usize, story, view.selection.base);
        if self.cache.as_ref().is_none_or(|g| g.key != key) {
            self.cache = Some(Grid::new(view, story, key));
            self.scroll_y = 0.0;
            self.halves_y = [0.0; 2];
        }
        let grid = self.cache.as_mut().expect("just built");
        if grid.heights.is_empty() {
            grid.heights = row_heights(ui, view, grid);
        }
        let grid = &*grid;
        let span = super::widgets::span(ws.story_span[story]);
        ui.horizontal_wrapped(|ui| {
            ui.heading(&ws.story_labels[story]);
        });
        let user = &ws.comparison.alignment.stories[story].user;
        if user.corrected || !user.notes.is_empty() {
            ui.horizontal_wrapped(|ui| {
                if user.corrected {
                    ui.label(RichText::new("corrected by hand").small().strong().color(ui.visuals().hyperlink_color));
                }
                for note in &user.notes {
                    ui.label(RichText::new(format!("Note: {note}")).strong());
                }
            });
        }
        ui.horizontal(|ui| {
            ui.label(format!("{span} · {} · {}", super::widgets::plural(grid.grid.columns.len(), "article"), super::widgets::plural(grid.grid.rows.len(), "claim")));
            ui.weak("· each cell against the base column; hover a claim for why its passages are one; right-click to correct");
            let label = if user.notes.is_empty() { "note…" } else { "edit the note…" };
            if ui.small_button(label).on_hover_text("A note on this story, kept in the folder's parallax.json and in the exports").clicked() {
                commands.push(Command::OpenDialog(Dialog::NoteOnStory { story, text: user.notes.join("\n") }));
            }
        });
        if !view.visible.stories.iter().any(|s| s.index == story) {
            // The list no longer holds it (a search, the dates or the outlets leave it out):
            // say so, rather than leave a grid the list disagrees with.
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "This story is hidden by the filters: the stories list does not show it.");
                if !view.filters.search.is_empty() && ui.link("Clear the search").clicked() {
                    commands.push(Command::SetSearch(String::new()));
                }
            });
        }
        ui.separator();
        if grid.grid.rows.is_empty() {
            ui.label("No claims of this story are shown: its articles share no passage under the filters.");
            return;
        }
        let line_height = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
        let header_height = 2.6 * line_height;
        let heights = &grid.heights;
        // Solid scroll bars: the horizontal one stays in sight and takes its own room, which
        // the claim column leaves free too, so that both halves scroll by the same rows.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        let bar = ui.spacing().scroll.allocated_width();
        let size = ui.available_size();
        // A half that is not where the other one left it follows; the other is left alone so
        // that its own kinetic scrolling goes on.
        let shared_offset = self.scroll_y;
        let follows = self.halves_y.map(|y| (y - shared_offset).abs() > 0.5);
        let start = [0, 1].map(|i| if follows[i] { shared_offset } else { self.halves_y[i] });
        let mut offsets = start;
        let item_spacing = ui.spacing().item_spacing.x;
        ui.horizontal_top(|ui| {
            // The two halves touch; inside each, the usual spacing.
            ui.spacing_mut().item_spacing.x = 0.0;
            // The claim column stays put while the articles scroll sideways.
            ui.allocate_ui_with_layout(egui::vec2(ROW_HEADER, size.y - bar), egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.spacing_mut().item_spacing.x = item_spacing;
                let mut table = TableBuilder::new(ui)
                    .id_salt(("claims-rows", story))
                    .striped(true)
                    .auto_shrink([false, false])
                    .min_scrolled_height(0.0)
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden);
                if follows[0] {
                    table = table.vertical_scroll_offset(shared_offset);
                }
                let out = table
                    .column(Column::exact(ROW_HEADER - 8.0).clip(true))
                    .header(header_height, |mut header| {
                        header.col(|ui| {
                            ui.strong("claim");
                        });
                    })
                    .body(|body| {
                        body.heterogeneous_rows(heights.iter().copied(), |mut tr| {
                            let row = &grid.grid.rows[tr.index()];
                            tr.col(|ui| claim_header(ui, view, row, commands));
                        });
                    });
                offsets[0] = out.state.clamped_offset().y;
            });
            ui.allocate_ui_with_layout(egui::vec2(size.x - ROW_HEADER, size.y), egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.spacing_mut().item_spacing.x = item_spacing;
                egui::ScrollArea::horizontal()
                    .id_salt(("claims-grid", story))
                    .auto_shrink([false, false])
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                        let mut table = TableBuilder::new(ui)
                            .id_salt(("claims-table", story))
                            .striped(true)
                            .resizable(true)
                            .auto_shrink([false, false])
                            // On a small screen the grid fits what is left, scrolling inside.
                            .min_scrolled_height(0.0);
                        if follows[1] {
                            table = table.vertical_scroll_offset(shared_offset);
                        }
                        for _ in &grid.grid.columns {
                            table = table.column(Column::initial(COLUMN_WIDTH).at_least(140.0).clip(true));
                        }
                        let out = table
                            .header(header_height, |mut header| {
                                for c in 0..grid.grid.columns.len() {
                                    header.col(|ui| column_header(ui, view, grid, story, c, commands));
                                }
                            })
                            .body(|body| {
                                body.heterogeneous_rows(heights.iter().copied(), |mut tr| {
                                    let row = &grid.grid.rows[tr.index()];
                                    let diffs = &grid.diffs[tr.index()];
                                    for (c, cell) in row.cells.iter().enumerate() {
                                        tr.col(|ui| match cell {
                                            None => {
                                                let silent = ui.add(egui::Label::new(RichText::new("not reported").italics().color(ui.visuals().weak_text_color())).sense(egui::Sense::click()));
                                                silent.on_hover_text("Right-click to pair a passage of this article with the claim").context_menu(|ui| {
                                                    if ui.button("Pair a passage of this article with the claim…").clicked() {
                                                        commands.push(Command::OpenDialog(Dialog::PairInto { event: row.event, article: grid.grid.columns[c], filter: String::new() }));
                                                        ui.close();
                                                    }
                                                });
                                            }
                                            Some(cell) => cell_ui(ui, view, grid, row, c, (cell, diffs[c].as_ref()), commands),
                                        });
                                    }
                                });
                            });
                        offsets[1] = out.state.clamped_offset().y;
                    });
            });
        });
        // Whichever half the user scrolled leads; the other follows on the next frame.
        if let Some(leader) = (0..2).rev().find(|&i| (offsets[i] - start[i]).abs() > 0.5) {
            self.scroll_y = offsets[leader];
        }
        self.halves_y = offsets;
        if offsets.iter().any(|y| (y - self.scroll_y).abs() > 0.5) {
            ui.ctx().request_repaint();
        }
    }
}

/// How tall each row must be to show its label and every cell whole at the first widths.
fn row_heights(ui: &Ui, view: &View, grid: &Grid) -> Vec<f32> {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().strong_text_color();
    let spacing = ui.spacing().item_spacing;
    let small = egui::TextStyle::Small.resolve(ui.style());
    let small_line = ui.text_style_height(&egui::TextStyle::Small) + spacing.y;
    let height_of = |mut job: egui::text::LayoutJob, width: f32| {
        job.wrap.max_width = width - spacing.x;
        ui.painter().layout_job(job).rect.height()
    };
    grid.grid
        .rows
        .iter()
        .zip(&grid.diffs)
        .map(|(row, diffs)| {
            let kind = view.ws.comparison.alignment.events[row.event].kind;
            let label = egui::text::LayoutJob::simple(format!("{}{}", claim_prefix(kind), view.ws.labels[row.event]), body.clone(), color, f32::INFINITY);
            let label = height_of(label, ROW_HEADER - 8.0);
            // Laying out is the cost (a big story has hundreds of rows): only each row's
            // longest cell is laid out, as the tallest.
            let shown_chars = |(cell, diff): &(&GridCell, Option<&WordDiff>)| diff.map_or(cell.text.len(), |d| d.pieces.iter().map(|p| p.text.len()).sum());
            let cells_and_diffs = row.cells.iter().zip(diffs).filter_map(|(cell, diff)| Some((cell.as_ref()?, diff.as_ref())));
            let longest = cells_and_diffs.max_by_key(shown_chars);
            let cells = longest.map(|(cell, diff)| {
                let job = match diff {
                    Some(diff) => super::widgets::diff_job(ui, diff, view, body.clone()),
                    None => egui::text::LayoutJob::simple(cell.text.clone(), body.clone(), color, f32::INFINITY),
                };
                let first = if row.first.is_empty() { 0.0 } else { small_line };
                // The marks above and below a cell, as many as any cell of the row has.
                let most_reused = row.cells.iter().flatten().max_by_key(|cell| cell.reused_in.len()).map_or(&[][..], |cell| &cell.reused_in[..]);
                let links = if most_reused.is_empty() {
                    0.0
                } else {
                    let text = reuse_links(most_reused, view).map(|(_, link)| link).collect::<Vec<_>>().join("   ");
                    height_of(egui::text::LayoutJob::simple(format!("REUSED IN  {text}"), small.clone(), color, f32::INFINITY), COLUMN_WIDTH) + spacing.y
                };
                height_of(job, COLUMN_WIDTH) + spacing.y + first + links
            });
            cells.unwrap_or(0.0).max(label) + 2.0 * spacing.y + 4.0
        })
        .collect()
}

/// The links from a cell to the first stories reusing its text: (story, link text).
fn reuse_links<'a>(stories: &'a [usize], view: &'a View) -> impl Iterator<Item = (usize, String)> + 'a {
    stories.iter().take(MAX_REUSE_LINKS).map(|&s| (s, crate::text::short_label(&view.ws.story_labels[s], 40)))
}

/// What a claim's label starts with: its kind, where a reader needs telling.
fn claim_prefix(kind: EventKind) -> &'static str {
    if kind == EventKind::Lede { "LEDE " } else { "" }
}

/// Why a claim's passages are one, shown on hover.
fn evidence(ui: &mut Ui, view: &View, row: &GridRow) {
    ui.strong("Why these passages are one claim:");
    // Full-strength text: dimmed lines on a tooltip over the grid were hard to read.
    for line in &view.ws.comparison.alignment.events[row.event].evidence {
        ui.label(line);
    }
    ui.label("Click to compare them side by side.");
}

/// A claim's row header: its label (LEDE marked), why its passages are one on hover, and a
/// click to compare them side by side.
fn claim_header(ui: &mut Ui, view: &View, row: &GridRow, commands: &mut Vec<Command>) {
    let ws = view.ws;
    let user = &ws.comparison.alignment.events[row.event].user;
    let kind = ws.comparison.alignment.events[row.event].kind;
    let label = ui.add(egui::Label::new(RichText::new(format!("{}{}{}", if user.checked { "✔ " } else { "" }, claim_prefix(kind), ws.labels[row.event]))).wrap().sense(egui::Sense::click()));
    let label = label.on_hover_ui(|ui| evidence(ui, view, row));
    if label.clicked() {
        commands.push(Command::SelectEvent(row.event));
    }
    label.context_menu(|ui| {
        let (text, checked) = if user.checked { ("Unmark as checked", false) } else { ("Mark as checked", true) };
        if ui.button(text).on_hover_text("You checked that its passages state one fact").clicked() {
            commands.push(Command::Fix(Fix::Checked { event: row.event, checked }));
            ui.close();
        }
        if ui.button(if user.notes.is_empty() { "Note…" } else { "Edit the note…" }).clicked() {
            commands.push(Command::OpenDialog(Dialog::NoteOnClaim { event: row.event, text: user.notes.join("\n") }));
            ui.close();
        }
    });
    user_marks(ui, user);
}

/// What the user said of a claim, under its label.
fn user_marks(ui: &mut Ui, user: &crate::align::UserMarks) {
    if user.corrected {
        ui.label(RichText::new("corrected by hand").small().color(ui.visuals().hyperlink_color));
    }
    for note in &user.notes {
        ui.label(RichText::new(format!("Note: {note}")).small().strong());
    }
}

/// An article's column header: outlet, date, BASE on the base column, and its original; its
/// menu moves the article out of the story, to another, or splits the story there.
fn column_header(ui: &mut Ui, view: &View, grid: &Grid, story: usize, column: usize, commands: &mut Vec<Command>) {
    let ws = view.ws;
    let article = grid.grid.columns[column];
    let base = column == grid.grid.base;
    let outlet = ws.outlet(article);
    let article_index = article;
    let article = &ws.articles()[article];
    ui.vertical(|ui| {
        let name = ui.add(egui::Label::new(RichText::new(&outlet.name).strong().color(colors::readable(outlet.color, view.dark))).sense(egui::Sense::click()));
        name.on_hover_text("Right-click to take this article out of the story, move it to another, or split the story here").context_menu(|ui| {
            if ui.button("Take out of this story").on_hover_text("It does not report this happening").clicked() {
                commands.push(Command::Fix(Fix::MoveArticle { article: article_index, to: None }));
                ui.close();
            }
            if ui.button("Move to another story…").clicked() {
                commands.push(Command::OpenDialog(Dialog::MoveTo { article: article_index, filter: String::new() }));
                ui.close();
            }
            if column > 0 && ui.button("Split the story here: this column and those right of it are a story of their own").clicked() {
                commands.push(Command::Fix(Fix::SplitStory { story, articles: grid.grid.columns[column..].to_vec() }));
                ui.close();
            }
        });
        ui.horizontal(|ui| {
            ui.label(article.published.map_or("undated".into(), |d| d.to_string()));
            if base {
                ui.label(RichText::new("BASE").small().strong()).on_hover_text("The other columns are compared with this one");
            } else if ui.small_button("use as base").on_hover_text("Compare the other columns with this one").clicked() {
                commands.push(Command::SetBase(article_index));
            }
            if let Some(url) = &article.url {
                super::widgets::original_compact(ui, url, commands);
            }
        });
    });
}

/// One article's passage for a claim: first reported or not, its words against the base
/// column, and links to the other stories that reuse its text.
fn cell_ui(ui: &mut Ui, view: &View, grid: &Grid, row: &GridRow, column: usize, (cell, diff): (&GridCell, Option<&WordDiff>), commands: &mut Vec<Command>) {
    ui.vertical(|ui| {
        if row.first.contains(&column) {
            let mark = crate::first_reported::mark(row.ties, row.first_uncertain);
            let label = ui.label(RichText::new(mark).small().strong().color(ui.visuals().warn_fg_color));
            if row.first_uncertain {
                label.on_hover_text("Its date came from a file name, a dateline or a relative date, or lies far from the story's other dates: it may not be the first");
            }
        }
        let text = match diff {
            Some(diff) => {
                let font = egui::TextStyle::Body.resolve(ui.style());
                egui::Label::new(super::widgets::diff_job(ui, diff, view, font))
            }
            None => egui::Label::new(super::widgets::plain_job(ui, &cell.text, view, egui::TextStyle::Body.resolve(ui.style()))),
        };
        // Anywhere in the row, the reader can ask why it is one claim, and open it. The text is
        // not selectable: it holds the base's struck words too, and a copy must be the outlet's
        // words alone, which the menu copies.
        let text = ui.add(text.wrap().selectable(false).sense(egui::Sense::click())).on_hover_ui(|ui| evidence(ui, view, row));
        if text.clicked() {
            commands.push(Command::SelectEvent(row.event));
        }
        text.context_menu(|ui| {
            if ui.button("Copy the outlet's words").on_hover_text("Exactly as the article has them, without the base's struck words").clicked() {
                let whose = view.ws.outlet(cell.article).name.clone();
                commands.push(Command::Copy { text: cell.text.clone(), whose });
                ui.close();
            }
            if ui.button("Copy as citation").on_hover_text("The outlet's words with its name, date and address, ready to paste").clicked() {
                let whose = view.ws.outlet(cell.article).name.clone();
                commands.push(Command::Copy { text: citation(view, cell), whose });
                ui.close();
            }
            ui.separator();
            let passages: Vec<crate::align::PassageRef> = view.ws.comparison.alignment.events[row.event].passages.iter().copied().filter(|p| p.article == cell.article).collect();
            let articles_in_row = row.cells.iter().flatten().count();
            if articles_in_row > 1 && ui.button("Not the same fact: take out of this claim").clicked() {
                commands.push(Command::Fix(Fix::TakeOut { event: row.event, article: cell.article }));
                ui.close();
            }
            if ui.button("Pair with another claim or passage…").clicked() {
                let story = view.ws.comparison.alignment.events[row.event].story.unwrap_or(grid.key.1);
                commands.push(Command::OpenDialog(Dialog::Pair { passages, story, filter: String::new() }));
                ui.close();
            }
            let leaving: Vec<usize> = row.cells[column..].iter().flatten().map(|c| c.article).collect();
            if column > 0 && leaving.len() < articles_in_row && ui.button("Split the claim here: this column and those right of it are a claim of their own").clicked() {
                commands.push(Command::Fix(Fix::SplitClaim { event: row.event, articles: leaving }));
                ui.close();
            }
        });
        if !cell.reused_in.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("REUSED IN").small().strong().color(ui.visuals().hyperlink_color));
                for (s, text) in reuse_links(&cell.reused_in, view) {
                    let title = &view.ws.story_labels[s];
                    let link = ui.link(RichText::new(text).small()).on_hover_text(format!("The same text in another story: {title}. Click to open its claims."));
                    if link.clicked() {
                        commands.push(Command::SelectStory(s));
                    }
                }
                if cell.reused_in.len() > MAX_REUSE_LINKS {
                    ui.label(RichText::new(format!("and {} more stories", cell.reused_in.len() - MAX_REUSE_LINKS)).small());
                }
            });
        }
    });
}

/// A cell's words as a citation: the outlet's words in quotation marks, then outlet, date and
/// address.
fn citation(view: &View, cell: &GridCell) -> String {
    let article = &view.ws.articles()[cell.article];
    let mut source = vec![view.ws.outlet(cell.article).name.clone()];
    source.extend(article.title.clone().map(|t| format!("“{t}”")));
    source.push(article.published.map_or("undated".into(), |d| d.to_string()));
    source.extend(article.url.clone());
    format!("“{}” — {}", cell.text, source.join(", "))
}

impl Grid {
    fn new(view: &View, story: usize, key: (usize, usize, Option<usize>)) -> Grid {
        let ws = view.ws;
        let shown = Shown {
            articles: &view.visible.articles,
            events: view.visible.events.iter().filter(|v| v.event.story == Some(story)).map(|v| (v.index, &v.event)).collect(),
        };
        let grid = StoryGrid::new(ws.articles(), &ws.comparison.alignment, &ws.reuse, story, Some(&shown), view.selection.base);
        let diffs = grid
            .rows
            .iter()
            .map(|row| {
                let base = row.cells.get(grid.base).and_then(Option::as_ref).map(|c| c.text.as_str());
                row.cells
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| Some(diff_words(base.filter(|_| c != grid.base)?, &cell.as_ref()?.text, DiffOptions::default())))
                    .collect()
            })
            .collect();
        Grid { key, grid, diffs, heights: Vec::new() }
    }
}
