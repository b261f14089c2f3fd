//! The in-window folder chooser: where the system has no file dialog (no desktop portal, as on
//! many X11 window managers and a bare Xvfb), Open folder… still opens a folder and Export…
//! still saves. A path field (Enter goes there), the folder's subfolders to walk into, its
//! parent, the recent folders, and how many article files the folder holds, so the user sees
//! what they are about to open; to save, a file name.

use std::path::{Path, PathBuf};

use crate::gui::command::Command;

#[derive(Default)]
pub struct FolderChooser {
    open: bool,
    /// Saving: the file name to save under, in the chosen folder.
    save_as: Option<String>,
    /// What the path field holds.
    typed: String,
    /// The folder listed below, and what it holds: read once per folder, not per frame.
    listed: Option<Listing>,
}

struct Listing {
    folder: PathBuf,
    subfolders: Vec<(String, PathBuf)>,
    articles: usize,
    /// Article files in its subfolders (which a load reads too), counted up to a bound, and
    /// whether the count stopped there.
    nested: usize,
    nested_capped: bool,
    error: Option<String>,
}

/// How many entries of a folder's subfolders the chooser looks at to count their article files:
/// enough for a big folder of news, quick on a home folder.
const NESTED_ENTRIES: usize = 20_000;

fn is_article_file(path: &Path, name: &str) -> bool {
    name != crate::sidecar::FILE_NAME && path.extension().and_then(|e| e.to_str()).is_some_and(|e| crate::load::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The article files under `folders`, and whether the count stopped at [`NESTED_ENTRIES`].
fn count_nested(folders: &[PathBuf]) -> (usize, bool) {
    let (mut stack, mut seen, mut count) = (folders.to_vec(), 0usize, 0usize);
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            seen += 1;
            if seen > NESTED_ENTRIES {
                return (count, true);
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            // Never through a link: a load does not follow links out of the folder either.
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() && !name.starts_with('.') {
                stack.push(entry.path());
            } else if kind.is_file() && is_article_file(&entry.path(), &name) {
                count += 1;
            }
        }
    }
    (count, false)
}

impl Listing {
    fn read(folder: &Path) -> Listing {
        let mut listing = Listing { folder: folder.to_path_buf(), subfolders: Vec::new(), articles: 0, nested: 0, nested_capped: false, error: None };
        match std::fs::read_dir(folder) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let path = entry.path();
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if path.is_dir() {
                        if !name.starts_with('.') {
                            listing.subfolders.push((name, path));
                        }
                    } else if is_article_file(&path, &name) {
                        listing.articles += 1;
                    }
                }
                listing.subfolders.sort_by_key(|(name, _)| name.to_lowercase());
                let folders: Vec<PathBuf> = listing.subfolders.iter().map(|(_, p)| p.clone()).collect();
                (listing.nested, listing.nested_capped) = count_nested(&folders);
            }
            Err(e) => listing.error = Some(format!("cannot read {}: {e}", crate::files::shown(folder))),
        }
        listing
    }
}

impl FolderChooser {
    /// Shows the chooser, starting at `start` (the open folder, or the current directory).
    pub fn show(&mut self, start: &Path) {
        self.open = true;
        self.save_as = None;
        self.go_to(start);
    }

    /// Shows the chooser to save a file named `file_name` (which the user may change).
    pub fn show_save(&mut self, start: &Path, file_name: &str) {
        self.show(start);
        self.save_as = Some(file_name.to_string());
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    fn go_to(&mut self, folder: &Path) {
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        self.typed = folder.display().to_string();
        self.listed = Some(Listing::read(&folder));
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, chrome: &crate::gui::view::Chrome, commands: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        let (ctx, recent) = (ui.ctx().clone(), &chrome.settings.recent);
        let ctx = &ctx;
        let mut open = true;
        let mut go: Option<PathBuf> = None;
        let mut choose: Option<PathBuf> = None;
        let title = if self.save_as.is_some() { "Save the export" } else { "Open a folder of articles" };
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .default_size([560.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Folder:");
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.typed).desired_width(ui.available_width() - 40.0).id_salt("chooser path"))
                        .labelled_by(label.id);
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        go = Some(PathBuf::from(self.typed.trim()));
                    }
                    if ui.button("Go").on_hover_text("List the folder typed on the left").clicked() {
                        go = Some(PathBuf::from(self.typed.trim()));
                    }
                });
                let Some(listing) = &self.listed else { return };
                ui.horizontal(|ui| {
                    if let Some(parent) = listing.folder.parent()
                        && ui.button("⬆ Parent folder").clicked()
                    {
                        go = Some(parent.to_path_buf());
                    }
                    match &listing.error {
                        Some(e) => ui.colored_label(ui.visuals().error_fg_color, e),
                        None => ui.label(format!(
                            "{} here, {}{} more in {}",
                            super::widgets::plural(listing.articles, "article file"),
                            if listing.nested_capped { "at least " } else { "" },
                            listing.nested,
                            super::widgets::plural(listing.subfolders.len(), "subfolder")
                        )),
                    };
                });
                ui.separator();
                egui::ScrollArea::vertical().max_height(220.0).auto_shrink([false, true]).show(ui, |ui| {
                    for (name, path) in &listing.subfolders {
                        if ui.selectable_label(false, format!("📁 {name}")).on_hover_text("Look inside").clicked() {
                            go = Some(path.clone());
                        }
                    }
                });
                if !recent.is_empty() {
                    ui.separator();
                    ui.label("Recent folders:");
                    for folder in recent.iter().take(5) {
                        if ui.selectable_label(false, folder.display().to_string()).clicked() {
                            go = Some(folder.clone());
                        }
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let here = listing.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| listing.folder.display().to_string());
                    if let Some(name) = &mut self.save_as {
                        let label = ui.label("File name:");
                        ui.add(egui::TextEdit::singleline(name).desired_width(200.0)).labelled_by(label.id);
                        let valid = listing.error.is_none() && !name.trim().is_empty() && !name.contains(['/', '\\']);
                        if ui.add_enabled(valid, egui::Button::new(format!("Save in {here}"))).clicked() {
                            choose = Some(listing.folder.join(name.trim()));
                        }
                    } else if ui.add_enabled(listing.error.is_none(), egui::Button::new(format!("Open {here}"))).clicked() {
                        choose = Some(listing.folder.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        self.open = false;
                    }
                });
            });
        if let Some(folder) = go {
            self.go_to(&folder);
        }
        if let Some(path) = choose {
            commands.push(if self.save_as.is_some() { Command::SaveExport(path) } else { Command::Open(path) });
            self.open = false;
        }
        if !open {
            self.open = false;
        }
    }
}
