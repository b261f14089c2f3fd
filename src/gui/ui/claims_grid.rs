//! The claims grid of one story: a row per claim (in the base article's order, then by date), a
//! column per article (grouped by outlet, in the order the outlets published), each cell the
//! article's passage with its word differences against the base column, "not reported" where
//! the article has none, and the first to publish it marked. Hovering a claim shows why its
//! passages were joined; clicking it opens the claim's comparison.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::align::EventKind;
use crate::diff::{DiffOptions, WordDiff, diff_words};
use crate::gui::app::{Command, View};
use crate::gui::colors;

#[derive(Default)]
pub struct ClaimsGrid {
    cache: Option<Grid>,
}

/// One story's grid, computed once per story and filter change.
struct Grid {
    key: (usize, usize),
    /// Articles, in column order.
    columns: Vec<usize>,
    base: usize,
    rows: Vec<GridRow>,
}

struct GridRow {
    event: usize,
    kind: EventKind,
    cells: Vec<Option<Cell>>,
    /// Columns that published it first (ties share).
    first: Vec<usize>,
    /// Characters in its longest cell: the row's height follows it.
    longest: usize,
}

struct Cell {
    text: String,
    /// Against the base column's cell, for the other columns.
    diff: Option<WordDiff>,
}

/// Width of a column at first; the user may resize it.
const COLUMN_WIDTH: f32 = 280.0;

impl ClaimsGrid {
    /// The filters changed: build the grid again on the next frame.
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// The article columns on screen, for tests: (article, its cell texts by row).
    pub fn columns(&self) -> Vec<(usize, Vec<Option<&str>>)> {
        let Some(grid) = &self.cache else { return Vec::new() };
        grid.columns.iter().enumerate().map(|(c, &a)| (a, grid.rows.iter().map(|r| r.cells[c].as_ref().map(|x| x.text.as_str())).collect())).collect()
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View, story: usize, commands: &mut Vec<Command>) {
        let ws = view.ws;
        let key = (std::sync::Arc::as_ptr(&ws.comparison) as usize, story);
        if self.cache.as_ref().is_none_or(|g| g.key != key) {
            self.cache = Some(Grid::new(view, story, key));
        }
        let grid = self.cache.as_ref().expect("just built");
        let span = match ws.story_span[story] {
            Some((f, l)) if f != l => format!("{f} – {l}"),
            Some((f, _)) => f.to_string(),
            None => "undated".into(),
        };
        ui.horizontal_wrapped(|ui| {
            ui.heading(&ws.story_labels[story]);
        });
        ui.horizontal(|ui| {
            ui.label(format!("{span} · {} articles · {} claims", grid.columns.len(), grid.rows.len()));
            ui.weak("· each cell against the base column; hover a claim for why its passages are one");
        });
        ui.separator();
        if grid.rows.is_empty() {
            ui.label("No claims of this story are shown: its articles share no passage under the filters.");
            return;
        }
        let row_header = 220.0;
        let char_width = 7.5;
        let line_height = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
        egui::ScrollArea::horizontal().id_salt(("claims-grid", story)).auto_shrink([false, false]).show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt(("claims-table", story))
                .striped(true)
                .resizable(true)
                .auto_shrink([false, false])
                .column(Column::exact(row_header).clip(true));
            for _ in &grid.columns {
                table = table.column(Column::initial(COLUMN_WIDTH).at_least(140.0).clip(true));
            }
            table
                .header(2.6 * line_height, |mut header| {
                    header.col(|ui| {
                        ui.strong("claim");
                    });
                    for (c, &a) in grid.columns.iter().enumerate() {
                        let article = &ws.articles()[a];
                        let outlet = ws.outlet(a);
                        header.col(|ui| {
                            ui.vertical(|ui| {
                                ui.label(RichText::new(&outlet.name).strong().color(colors::readable(outlet.color, view.dark)));
                                ui.horizontal(|ui| {
                                    ui.label(article.published.map_or("undated".into(), |d| d.to_string()));
                                    if c == grid.base {
                                        ui.label(RichText::new("BASE").small().strong());
                                    }
                                    if let Some(url) = &article.url {
                                        super::original::compact(ui, url);
                                    }
                                });
                            });
                        });
                    }
                })
                .body(|mut body| {
                    for row in &grid.rows {
                        let lines = (row.longest as f32 * char_width / (COLUMN_WIDTH - 16.0)).ceil().max(1.0) + 1.0;
                        body.row(lines * line_height + 8.0, |mut tr| {
                            let event = &ws.comparison.alignment.events[row.event];
                            tr.col(|ui| {
                                let kind = match row.kind {
                                    EventKind::Lede => "LEDE ",
                                    _ => "",
                                };
                                let label = ui.add(egui::Label::new(RichText::new(format!("{kind}{}", ws.labels[row.event]))).wrap().sense(egui::Sense::click()));
                                let label = label.on_hover_ui(|ui| {
                                    ui.label("Why these passages are one claim:");
                                    for line in &event.evidence {
                                        ui.weak(line);
                                    }
                                    ui.label("Click to compare them side by side.");
                                });
                                if label.clicked() {
                                    commands.push(Command::SelectEvent(row.event));
                                }
                            });
                            for (c, cell) in row.cells.iter().enumerate() {
                                tr.col(|ui| match cell {
                                    None => {
                                        ui.label(RichText::new("not reported").italics().color(ui.visuals().weak_text_color()));
                                    }
                                    Some(cell) => {
                                        ui.vertical(|ui| {
                                            if row.first.contains(&c) {
                                                let tie = if row.first.len() > 1 { " (tie)" } else { "" };
                                                ui.label(RichText::new(format!("first reported{tie}")).small().strong().color(ui.visuals().warn_fg_color));
                                            }
                                            match &cell.diff {
                                                Some(diff) => {
                                                    let font = egui::TextStyle::Body.resolve(ui.style());
                                                    ui.add(egui::Label::new(super::comparison::diff_job(ui, diff, view.dark, font)).wrap());
                                                }
                                                None => {
                                                    ui.add(egui::Label::new(RichText::new(&cell.text).color(ui.visuals().strong_text_color())).wrap());
                                                }
                                            }
                                        });
                                    }
                                });
                            }
                        });
                    }
                });
        });
    }
}

impl Grid {
    fn new(view: &View, story: usize, key: (usize, usize)) -> Grid {
        let ws = view.ws;
        let articles = ws.articles();
        let members: Vec<usize> = ws.comparison.alignment.stories[story].articles.iter().copied().filter(|&a| view.visible.articles[a]).collect();
        // Outlets in the order they first published the story, each outlet's articles by date.
        let first_of_outlet = |o: usize| members.iter().filter(|&&a| ws.outlet_of[a] == o).map(|&a| (articles[a].published.is_none(), articles[a].published)).min();
        let mut columns = members.clone();
        columns.sort_by_key(|&a| (first_of_outlet(ws.outlet_of[a]), ws.outlet_of[a], articles[a].published.is_none(), articles[a].published, a));
        let base = (0..columns.len()).min_by_key(|&c| (articles[columns[c]].published.is_none(), articles[columns[c]].published, c)).unwrap_or(0);
        let text_of = |e: &crate::align::Event, a: usize| -> Option<String> {
            let texts: Vec<String> = e.passages.iter().filter(|p| p.article == a).map(|p| articles[a].passage_text(&articles[a].passages[p.passage])).collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        };
        let mut rows: Vec<(Option<usize>, Option<jiff::civil::Date>, GridRow)> = view
            .visible
            .events
            .iter()
            .filter(|v| v.event.story == Some(story))
            .map(|v| {
                let e = &v.event;
                let texts: Vec<Option<String>> = columns.iter().map(|&a| text_of(e, a)).collect();
                let base_text = texts[base].clone();
                let cells: Vec<Option<Cell>> = texts
                    .into_iter()
                    .enumerate()
                    .map(|(c, t)| {
                        t.map(|text| {
                            let diff = (c != base).then_some(()).and(base_text.as_ref()).map(|b| diff_words(b, &text, DiffOptions::default()));
                            Cell { text, diff }
                        })
                    })
                    .collect();
                let earliest = (0..columns.len()).filter(|&c| cells[c].is_some()).filter_map(|c| articles[columns[c]].published).min();
                let first = (0..columns.len()).filter(|&c| cells[c].is_some() && earliest.is_some() && articles[columns[c]].published == earliest).collect();
                let place_in_base = e.passages.iter().filter(|p| p.article == columns[base]).map(|p| p.passage).min();
                let longest = cells.iter().flatten().map(|c| c.text.chars().count()).max().unwrap_or(0);
                (place_in_base, e.date, GridRow { event: v.index, kind: e.kind, cells, first, longest })
            })
            .collect();
        rows.sort_by(|x, y| match (x.0, y.0) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => x.1.cmp(&y.1).then(x.2.event.cmp(&y.2.event)),
        });
        Grid { key, columns, base, rows: rows.into_iter().map(|r| r.2).collect() }
    }
}
