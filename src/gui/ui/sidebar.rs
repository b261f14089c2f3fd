//! The left panel: outlets (colour, article count, date range, on/off), the articles the
//! filters leave visible, and the files that could not be read.

use egui::{RichText, Ui};

use crate::gui::command::{Command, Mode};
use crate::gui::view::View;

#[derive(Default)]
pub struct Sidebar;

impl Sidebar {
    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let ws = view.ws;
        ui.horizontal(|ui| {
            ui.strong("OUTLETS");
            if ui.small_button("all").on_hover_text("Show every outlet").clicked() {
                commands.push(Command::ShowOutlets(None));
            }
            if ui.small_button("none").on_hover_text("Hide every outlet, to tick the few to compare").clicked() {
                commands.push(Command::ShowOutlets(Some(Vec::new())));
            }
        });
        egui::ScrollArea::vertical().id_salt("outlets").max_height(ui.available_height() * 0.35).auto_shrink([false, true]).show(ui, |ui| {
            for (i, outlet) in ws.outlets.iter().enumerate() {
                ui.horizontal(|ui| {
                    let mut on = !view.filters.hidden_outlets.contains(&outlet.name);
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, outlet.color);
                    let dates = match (outlet.first, outlet.last) {
                        (Some(f), Some(l)) if f == l => format!("{f}"),
                        (Some(f), Some(l)) => format!("{f} – {l}"),
                        _ => "undated".to_string(),
                    };
                    let label = format!("{}  {}/{}", outlet.name, view.visible.per_outlet[i], outlet.articles);
                    let check = ui.checkbox(&mut on, label).on_hover_text(format!(
                        "{} articles ({} visible), {dates}. Untick to hide this outlet everywhere; right-click to show only this outlet.",
                        outlet.articles, view.visible.per_outlet[i]
                    ));
                    if check.changed() {
                        commands.push(Command::ToggleOutlet(outlet.name.clone()));
                    }
                    check.context_menu(|ui| {
                        if ui.button("Only this outlet").clicked() {
                            commands.push(Command::ShowOutlets(Some(vec![outlet.name.clone()])));
                            ui.close();
                        }
                        if ui.button("Every outlet").clicked() {
                            commands.push(Command::ShowOutlets(None));
                            ui.close();
                        }
                    });
                });
            }
        });
        ui.separator();
        ui.strong(format!("ARTICLES ({})", view.visible.article_list.len()));
        let problems = &ws.comparison.problems;
        let reserve = if problems.is_empty() { 30.0 } else { 150.0 };
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical().id_salt("articles").max_height((ui.available_height() - reserve).max(80.0)).auto_shrink([false, false]).show_rows(
            ui,
            row_height,
            view.visible.article_list.len(),
            |ui, rows| {
                for &a in &view.visible.article_list[rows] {
                    let article = &ws.articles()[a];
                    let outlet = ws.outlet(a);
                    let date = article.published.map_or("undated".to_string(), |d| d.to_string());
                    let title = article.title.as_deref().unwrap_or(&article.path);
                    let selected = view.selection.mode == Mode::Article(a);
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(6.0, row_height - 6.0), egui::Sense::hover());
                        ui.painter().rect_filled(rect, 1.0, outlet.color);
                        let text = RichText::new(format!("{date}  {title}"));
                        let response = ui
                            .add(egui::Button::selectable(selected, text).truncate())
                            .on_hover_text(format!("{} · {} · {}\nClick to read it whole.", outlet.name, date, article.path));
                        if response.clicked() {
                            commands.push(Command::ShowArticle(a));
                        }
                    });
                }
            },
        );
        ui.separator();
        let header = format!("PROBLEMS ({})", problems.len());
        egui::CollapsingHeader::new(RichText::new(header).strong()).id_salt("problems").default_open(!problems.is_empty()).show(ui, |ui| {
            if problems.is_empty() {
                ui.label("Every file was read.");
            }
            egui::ScrollArea::vertical().id_salt("problem-list").auto_shrink([false, true]).show(ui, |ui| {
                for p in problems {
                    let (icon, color) = match p.severity {
                        crate::problem::Severity::Error => ("⚠", ui.visuals().error_fg_color),
                        crate::problem::Severity::Warning => ("note", ui.visuals().warn_fg_color),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(color, icon);
                        ui.strong(&p.path);
                        ui.label(&p.message);
                    });
                }
            });
        });
    }
}
