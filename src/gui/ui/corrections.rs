//! The dialogs of corrections that need the user to choose or write something: what to pair a
//! passage with, which story to move an article to, a note. The one-click corrections (take
//! out, split, mark checked, merge) are menu items of the grid and the lists.

use egui::Ui;

use crate::align::PassageRef;
use crate::gui::command::Command;
use crate::gui::view::View;
use crate::gui::fixes::{Dialog, Fix, PairWith};

/// Choices listed at most, the rest found by typing.
const MAX_CHOICES: usize = 200;

#[derive(Default)]
pub struct CorrectionDialog {
    pub open: Option<Dialog>,
}

impl CorrectionDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View, commands: &mut Vec<Command>) {
        let Some(dialog) = &mut self.open else { return };
        let ctx = &ui.ctx().clone();
        let title = match dialog {
            Dialog::Pair { .. } | Dialog::PairInto { .. } => "Pair passages",
            Dialog::MoveTo { .. } => "Move to a story",
            Dialog::NoteOnClaim { .. } => "Note on the claim",
            Dialog::NoteOnStory { .. } => "Note on the story",
        };
        let mut open = true;
        let mut done = false;
        egui::Window::new(title).open(&mut open).collapsible(false).default_size([620.0, 420.0]).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
            if let Some(fix) = dialog_ui(ui, dialog, view) {
                commands.push(Command::Fix(fix));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        if !open || done {
            self.open = None;
        }
    }
}

/// The dialog's content; the correction, once the user has made it.
fn dialog_ui(ui: &mut Ui, dialog: &mut Dialog, view: &View) -> Option<Fix> {
    let ws = view.ws;
    let alignment = &ws.comparison.alignment;
    let articles = ws.articles();
    let passage_text = |p: &PassageRef| articles[p.article].passage_text(&articles[p.article].passages[p.passage]);
    match dialog {
        Dialog::Pair { passages, story, filter } => {
            let source = passages.first()?.article;
            ui.label(format!("“{}”", crate::text::short_label(&passages.iter().map(passage_text).collect::<Vec<_>>().join(" "), 200)));
            ui.weak("states the same fact as the claim or passage you choose:");
            filter_field(ui, filter, "words of the claim or passage");
            let words = lowercase_words(filter);
            let mut chosen = None;
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                let mut shown = 0;
                for (e, event) in alignment.events.iter().enumerate().filter(|(_, e)| e.story == Some(*story)) {
                    let label = &ws.labels[e];
                    if shown < MAX_CHOICES && matches(label, &words) && !event.passages.iter().all(|p| passages.contains(p)) {
                        shown += 1;
                        if ui.add(egui::Button::new(format!("Claim: {label}")).wrap()).clicked() {
                            chosen = Some(PairWith::Event(e));
                        }
                    }
                }
                for &a in alignment.stories[*story].articles.iter().filter(|&&a| a != source) {
                    for p in 0..articles[a].passages.len() {
                        let r = PassageRef { article: a, passage: p };
                        let text = passage_text(&r);
                        if shown < MAX_CHOICES && matches(&text, &words) {
                            shown += 1;
                            if ui.add(egui::Button::new(format!("{}: {text}", ws.outlet(a).name)).wrap()).clicked() {
                                chosen = Some(PairWith::Passage(r));
                            }
                        }
                    }
                }
            });
            chosen.map(|with| Fix::Pair { passages: passages.clone(), with })
        }
        Dialog::PairInto { event, article, filter } => {
            ui.label(format!("Which passage of {} states “{}”?", ws.outlet(*article).name, crate::text::short_label(&ws.labels[*event], 120)));
            filter_field(ui, filter, "words of the claim or passage");
            let words = lowercase_words(filter);
            let mut chosen = None;
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for p in (0..articles[*article].passages.len()).map(|p| PassageRef { article: *article, passage: p }) {
                    let text = passage_text(&p);
                    if matches(&text, &words) && ui.add(egui::Button::new(text).wrap()).clicked() {
                        chosen = Some(p);
                    }
                }
            });
            chosen.map(|p| Fix::Pair { passages: vec![p], with: PairWith::Event(*event) })
        }
        Dialog::MoveTo { article, filter } => {
            ui.label(format!("Move “{}” to the story:", articles[*article].title.as_deref().unwrap_or(&articles[*article].path)));
            filter_field(ui, filter, "words of the story's headline");
            let words = lowercase_words(filter);
            let current = alignment.stories.iter().position(|s| s.articles.contains(article));
            let mut chosen = None;
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                let candidates = view.visible.stories.iter().map(|v| v.index).filter(|&s| Some(s) != current && matches(&ws.story_labels[s], &words));
                for s in candidates.take(MAX_CHOICES) {
                    let span = ws.story_span[s].map_or("undated".to_string(), |(f, _)| f.to_string());
                    if ui.button(format!("{span}  {}", ws.story_labels[s])).clicked() {
                        chosen = Some(s);
                    }
                }
            });
            chosen.map(|s| Fix::MoveArticle { article: *article, to: Some(s) })
        }
        Dialog::NoteOnClaim { event, text } => {
            ui.label(format!("On “{}”:", crate::text::short_label(&ws.labels[*event], 120)));
            note_field(ui, text).then(|| Fix::NoteOnClaim { event: *event, text: text.clone() })
        }
        Dialog::NoteOnStory { story, text } => {
            ui.label(format!("On “{}”:", crate::text::short_label(&ws.story_labels[*story], 120)));
            note_field(ui, text).then(|| Fix::NoteOnStory { story: *story, text: text.clone() })
        }
    }
}

fn filter_field(ui: &mut Ui, filter: &mut String, hint: &str) {
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        ui.add(egui::TextEdit::singleline(filter).hint_text(hint).desired_width(300.0)).labelled_by(label.id);
    });
}

/// A note's text field and its Save button; true once saved.
fn note_field(ui: &mut Ui, text: &mut String) -> bool {
    let label = ui.weak("Kept in the folder's parallax.json and in the exports; an empty note is removed.");
    ui.add(egui::TextEdit::multiline(text).desired_rows(4).desired_width(f32::INFINITY)).labelled_by(label.id);
    ui.button("Save the note").clicked()
}

fn lowercase_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(str::to_lowercase).collect()
}

fn matches(text: &str, words: &[String]) -> bool {
    let text = text.to_lowercase();
    words.iter().all(|w| text.contains(w.as_str()))
}
