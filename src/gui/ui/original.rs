//! The original: an article's URL, shown where the article is, to copy or open in the browser.
//! Opening is a command: the app lets only web addresses reach the browser.

use egui::Ui;

use crate::gui::Command;

/// The URL in full, with Open and Copy link buttons (the article view).
pub fn full(ui: &mut Ui, url: &str, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.weak("Original:");
        if ui.link(url).on_hover_text("Open the original in the browser").clicked() {
            commands.push(Command::OpenOriginal(url.to_string()));
        }
        if ui.small_button("Copy link").on_hover_text("Copy the original's address").clicked() {
            ui.ctx().copy_text(url.to_string());
        }
    });
}

/// A compact "original" button that opens the URL, with it on hover (column headers).
pub fn compact(ui: &mut Ui, url: &str, commands: &mut Vec<Command>) {
    let button = ui.small_button("original").on_hover_text(format!("Open {url} in the browser (right-click to copy the link)"));
    if button.clicked() {
        commands.push(Command::OpenOriginal(url.to_string()));
    }
    button.context_menu(|ui| {
        if ui.button("Copy link").clicked() {
            ui.ctx().copy_text(url.to_string());
            ui.close();
        }
    });
}
