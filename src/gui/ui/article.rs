//! The article view: one article in full, its aligned passages highlighted in their events'
//! colours (click one to open its event), the rest marked as only in this outlet; and a form to
//! correct the article's outlet and date, saved to the folder's sidecar.

use egui::{RichText, Ui};
use jiff::civil::Date;

use crate::gui::command::Command;
use crate::gui::view::View;
use crate::gui::colors;
use crate::gui::workspace::UNKNOWN_OUTLET;

type FormSource = (String, Option<usize>, Option<String>, Option<Date>);

#[derive(Default)]
pub struct ArticleView {
    form: Option<Form>,
}

/// The correction form's fields, for one article.
struct Form {
    /// What the fields were filled from: the article (by file and part) and its outlet and date
    /// then. When a reload changes any of them, the fields follow the article.
    filled_from: FormSource,
    outlet: String,
    date: Date,
    dated: bool,
}

impl ArticleView {
    pub fn ui(&mut self, ui: &mut Ui, view: &View, commands: &mut Vec<Command>) {
        let crate::gui::command::Mode::Article(index) = view.selection.mode else { return };
        let ws = view.ws;
        let Some(article) = ws.articles().get(index) else { return };
        let outlet = ws.outlet(index);
        let filled_from_this = |f: &Form| {
            let (path, part, source, published) = &f.filled_from;
            *path == article.path && *part == article.part && *source == article.outlet && *published == article.published
        };
        if !self.form.as_ref().is_some_and(filled_from_this) {
            self.form = Some(Form {
                filled_from: (article.path.clone(), article.part, article.outlet.clone(), article.published),
                outlet: article.outlet.clone().unwrap_or_default(),
                date: article.published.or(ws.span.map(|s| s.0)).unwrap_or(jiff::civil::date(2025, 1, 1)),
                dated: article.published.is_some(),
            });
        }
        ui.horizontal(|ui| {
            if ui.button("◀ back to the comparison").on_hover_text("Show the selected event again (Esc)").clicked() {
                commands.push(Command::ShowComparison);
            }
            ui.label(RichText::new(&outlet.name).strong().color(colors::readable(outlet.color, view.dark)));
            ui.label(article.published.map_or("undated".into(), |d| format!("{d} (date from {})", origin(article.date_origin))));
            ui.weak(&article.path);
        });
        ui.label(RichText::new(article.title.as_deref().unwrap_or(&article.path)).heading());
        if let Some(url) = &article.url {
            super::widgets::original_full(ui, url, commands);
        }
        if let Some(form) = &mut self.form {
            ui.horizontal(|ui| {
                ui.label("Correct:");
                let l = ui.label("outlet");
                ui.add(egui::TextEdit::singleline(&mut form.outlet).hint_text(UNKNOWN_OUTLET).desired_width(160.0))
                    .labelled_by(l.id)
                    .on_hover_text("The outlet that published this article");
                ui.checkbox(&mut form.dated, "date").on_hover_text("Whether the article has a known publication date");
                if form.dated {
                    ui.add(egui_extras::DatePickerButton::new(&mut form.date).id_salt("correct-date").format("%Y-%m-%d"))
                        .on_hover_text("The day the article was published");
                }
                if ui.button("Save correction").on_hover_text("Write the outlet and date to the folder's parallax.json; the article file is not touched").clicked() {
                    commands.push(Command::Correct {
                        article: index,
                        outlet: Some(form.outlet.clone()),
                        published: form.dated.then_some(form.date),
                    });
                }
                if ui.button("Revert to the file's own").on_hover_text("Take this article's outlet and date out of parallax.json: the file's own metadata applies again").clicked() {
                    commands.push(Command::Correct { article: index, outlet: None, published: None });
                }
            });
        }
        let story = ws.comparison.alignment.stories.iter().position(|s| s.articles.contains(&index));
        ui.horizontal(|ui| {
            ui.label(match story {
                Some(s) => format!("In the story “{}”.", crate::text::short_label(&ws.story_labels[s], 70)),
                None => "In no story.".to_string(),
            });
            if ui.button(if story.is_some() { "Move to another story…" } else { "Move to a story…" }).on_hover_text("It reports the happening of another story").clicked() {
                commands.push(Command::OpenDialog(crate::gui::fixes::Dialog::MoveTo { article: index, filter: String::new() }));
            }
            if story.is_some() && ui.button("Take out of its story").on_hover_text("It does not report the story's happening").clicked() {
                commands.push(Command::Fix(crate::gui::fixes::Fix::MoveArticle { article: index, to: None }));
            }
        });
        ui.separator();
        let aligned = ws.event_of[index].iter().filter(|e| e.is_some()).count();
        ui.horizontal(|ui| {
            ui.weak(format!("{aligned} of {} passages are aligned with other outlets; click one to compare.", article.passages.len()));
        });
        // A passage of an article in a story can be paired by hand with a claim or a passage of
        // another of the story's articles.
        let pair_menu = |response: egui::Response, passage: usize, commands: &mut Vec<Command>| {
            if let Some(story) = story {
                response.context_menu(|ui| {
                    if ui.button("Pair with a claim or a passage of its story…").clicked() {
                        let passages = vec![crate::align::PassageRef { article: index, passage }];
                        commands.push(Command::OpenDialog(crate::gui::fixes::Dialog::Pair { passages, story, filter: String::new() }));
                        ui.close();
                    }
                });
            }
        };
        egui::ScrollArea::vertical().id_salt(("article", index)).auto_shrink([false, false]).show(ui, |ui| {
            let mut paragraph = usize::MAX;
            for (p, passage) in article.passages.iter().enumerate() {
                if passage.paragraph != paragraph {
                    if paragraph != usize::MAX {
                        ui.add_space(8.0);
                    }
                    paragraph = passage.paragraph;
                }
                let text = article.passage_text(passage);
                let size = if passage.kind == crate::article::PassageKind::Headline { 18.0 } else { 15.0 };
                ui.horizontal_top(|ui| {
                    let gutter = 120.0;
                    match ws.event_of[index][p] {
                        Some(e) if view.visible.position(e as usize).is_some() => {
                            let color = ws.event_color(e as usize);
                            ui.add_sized([gutter, 18.0], egui::Label::new(RichText::new("aligned").small().strong().color(color)));
                            let label = egui::Button::new(RichText::new(text).size(size)).fill(colors::background(color, view.dark)).wrap();
                            let response = ui.add(label).on_hover_text(format!("Open the event: {}", ws.labels[e as usize]));
                            if response.clicked() {
                                commands.push(Command::SelectEvent(e as usize));
                            }
                            pair_menu(response, p, commands);
                        }
                        Some(_) => {
                            ui.add_sized([gutter, 18.0], egui::Label::new(RichText::new("aligned (filtered out)").small().weak()));
                            ui.add(egui::Label::new(RichText::new(text).size(size).color(ui.visuals().strong_text_color())).wrap());
                        }
                        None => {
                            ui.add_sized([gutter, 18.0], egui::Label::new(RichText::new("only in this outlet").small().weak()));
                            let response = ui.add(egui::Label::new(RichText::new(text).size(size).color(ui.visuals().strong_text_color())).wrap().sense(egui::Sense::click()));
                            pair_menu(response, p, commands);
                        }
                    }
                });
            }
        });
    }
}

fn origin(o: crate::article::DateOrigin) -> &'static str {
    use crate::article::DateOrigin::*;
    match o {
        Sidecar => "the folder's sidecar",
        Metadata => "the article's metadata",
        Filename => "the file name",
        Dateline => "a dateline in the text",
        Relative => "a relative date on the page",
        None => "nowhere",
    }
}
