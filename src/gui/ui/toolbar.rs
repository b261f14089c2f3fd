//! The toolbar: open, recent folders, reload, search, strictness, theme, help, and the progress
//! of a running load with its Cancel button.

use egui::Ui;
use crate::progress::Stage;

use crate::gui::command::Command;
use crate::gui::view::Chrome;
use crate::gui::worker::JobKind;

#[derive(Default)]
pub struct Toolbar {
    search: String,
    /// The strictness while its slider is dragged; applied when released.
    threshold: Option<f32>,
}

impl Toolbar {
    pub fn ui(&mut self, ui: &mut Ui, chrome: &Chrome, commands: &mut Vec<Command>) {
        let Chrome { settings, ws, job, filters, history, thread } = *chrome;
        ui.horizontal(|ui| {
            if ui.button("Open folder…").on_hover_text("Open a folder of articles (Ctrl+O). You can also drop a folder on the window.").clicked() {
                commands.push(Command::PickFolder);
            }
            ui.menu_button("Recent", |ui| {
                if settings.recent.is_empty() {
                    ui.label("No folders opened yet");
                }
                for folder in &settings.recent {
                    if ui.button(folder.display().to_string()).clicked() {
                        commands.push(Command::Open(folder.clone()));
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Folders opened before");
            ui.add_enabled_ui(ws.is_some(), |ui| {
                ui.menu_button("Export…", |ui| {
                    use crate::share::Format;
                    ui.label("The selected story, claims by article:");
                    for (label, format) in [("as a web page (HTML)", Format::Html), ("as Markdown", Format::Markdown), ("as CSV", Format::Csv)] {
                        if ui.button(label).clicked() {
                            commands.push(Command::Export { format, story: true });
                            ui.close();
                        }
                    }
                    if let Some(label) = thread.and_then(|t| ws?.thread_labels.get(t)) {
                        ui.separator();
                        ui.label(format!("The chosen thread (“{}”), its developments by outlet:", crate::text::short_label(label, 40)));
                        for (label, format) in [("Thread as a web page (HTML)", Format::Html), ("Thread as Markdown", Format::Markdown), ("Thread as CSV, development × outlet", Format::Csv)] {
                            if ui.button(label).clicked() {
                                commands.push(Command::ExportThread(format));
                                ui.close();
                            }
                        }
                    }
                    ui.separator();
                    if ui.button("Every story as a web page (HTML)").clicked() {
                        commands.push(Command::Export { format: Format::Html, story: false });
                        ui.close();
                    }
                    if ui.button("Every event as CSV").clicked() {
                        commands.push(Command::Export { format: Format::Csv, story: false });
                        ui.close();
                    }
                })
                .response
                .on_hover_text("Save the comparison to share, quote or print");
            });
            ui.menu_button("Edit", |ui| {
                let undo = history.undo_name().map_or("Undo".to_string(), |n| format!("Undo: {n}"));
                if ui.add_enabled(history.undo_name().is_some(), egui::Button::new(undo).shortcut_text("Ctrl+Z")).clicked() {
                    commands.push(Command::Undo);
                    ui.close();
                }
                let redo = history.redo_name().map_or("Redo".to_string(), |n| format!("Redo: {n}"));
                if ui.add_enabled(history.redo_name().is_some(), egui::Button::new(redo).shortcut_text("Ctrl+Shift+Z")).clicked() {
                    commands.push(Command::Redo);
                    ui.close();
                }
            })
            .response
            .on_hover_text("Undo and redo corrections: of claims, stories, notes, outlets and dates");
            if ui.add_enabled(ws.is_some(), egui::Button::new("Reload")).on_hover_text("Read the folder again (Ctrl+R, F5). Changes on disk reload by themselves.").clicked() {
                commands.push(Command::Reload);
            }
            ui.separator();
            if filters.search != self.search && !ui.memory(|m| m.has_focus(egui::Id::unique("search"))) {
                self.search = filters.search.clone();
            }
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .id(egui::Id::unique("search"))
                    .hint_text("search words, outlets, people")
                    .desired_width(220.0),
            );
            let search = search.on_hover_text("Show only events whose passages or outlets contain all these words");
            if search.changed() {
                commands.push(Command::SetSearch(self.search.clone()));
            }
            if ui.input_mut(|i| i.consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F))) {
                search.request_focus();
            }
            ui.separator();
            let mut value = self.threshold.unwrap_or(settings.threshold);
            let slider = ui.add_enabled(
                job.is_none(),
                egui::Slider::new(&mut value, 0.15..=0.8).text("strictness").fixed_decimals(2),
            );
            let slider = slider.on_hover_text("How alike passages must be to count as one event. Higher: fewer, closer matches.");
            if slider.changed() {
                self.threshold = Some(value);
            }
            if (slider.drag_stopped() || (slider.changed() && !slider.dragged()))
                && let Some(t) = self.threshold.take()
            {
                commands.push(Command::SetThreshold(t));
            }
            ui.separator();
            let mut dark = settings.dark;
            if ui.checkbox(&mut dark, "Dark").on_hover_text("Dark or light theme").changed() {
                commands.push(Command::SetDark(dark));
            }
            if ui.button("Help").on_hover_text("Keyboard shortcuts and how to read the window (F1)").clicked() {
                commands.push(Command::ToggleHelp);
            }
        });
        if let Some(job) = job {
            ui.horizontal(|ui| {
                let p = &job.progress;
                let read = p.files_read.load(std::sync::atomic::Ordering::Relaxed);
                let total = p.files_total.load(std::sync::atomic::Ordering::Relaxed);
                let passages = p.passages.load(std::sync::atomic::Ordering::Relaxed);
                let text = match (job.kind, p.stage()) {
                    (JobKind::Realign, _) => "Aligning at the new strictness…".to_string(),
                    (_, Stage::Finding) => format!("Finding files in {}…", job.folder.display()),
                    (_, Stage::Reading) => format!("Reading files: {read} of {total} · {passages} passages"),
                    (_, Stage::Aligning | Stage::Done) => format!("Aligning {passages} passages from {read} files…"),
                };
                // Not animated: an animation redraws the window every frame, on the cores the job needs.
                ui.add(egui::ProgressBar::new(p.fraction()).desired_width(260.0));
                ui.label(text);
                let tip = match job.kind {
                    JobKind::Load => "Stop loading; the current folder stays open",
                    JobKind::Realign => "Stop re-aligning; the alignment at the strictness before stays",
                };
                if ui.button("Cancel").on_hover_text(tip).clicked() {
                    commands.push(Command::Cancel);
                }
            });
        }
    }
}
