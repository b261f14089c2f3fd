//! The window's state and the one place where user intents ([`Command`]s) change it. Panels
//! only read the state and push commands; background work lives in [`super::worker`].

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::ui::widgets::plural;
use super::filter::{Filters, Visible};
use super::history::{Edit, Entry, Saving, Step};
use super::settings::Settings;
use super::ui;
use super::watch::FolderWatch;
use super::worker::{Finished, Job, JobKind, Outcome, PendingLoad, SidecarWrite};
use super::workspace::Workspace;

use super::command::{Command, List, Mode};
use super::view::{Chrome, Selection, View};

/// A list's panel: never taller than its rows, so a filter that leaves few rows shrinks it;
/// when rows come back, a panel shorter than the list's usual height grows back to it (egui
/// keeps a panel's last size, which would otherwise keep it one row tall until the user found
/// the splitter, even in the next session: egui keeps it with the window's state). Between
/// changes of the rows, the size the user drags to stays.
#[derive(Default)]
struct ListPanel {
    /// The height the rows needed last frame, and the panel's height then.
    needed: f32,
    height: f32,
}

/// What an export asked for covers.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Folder,
    /// The selected story.
    Story,
    /// The chosen thread.
    Thread,
}

/// What an export about to be written holds: the folder, or a story or thread by its id.
enum Exported {
    Folder,
    Story(String),
    Thread(String),
}

pub struct ParallaxApp {
    pub settings: Settings,
    pub workspace: Option<Workspace>,
    pub filters: Filters,
    pub visible: Visible,
    pub selection: Selection,
    pub job: Option<Job>,
    /// The last failure to load or save, shown until the next success.
    pub error: Option<String>,
    /// A short confirmation ("Saved to parallax.json").
    pub notice: Option<String>,
    /// What was last put on the clipboard (a test reads it; the clipboard itself is the
    /// platform's).
    pub copied: Option<String>,
    /// The stories list's and the events list's panels (see [`ListPanel`]).
    list_panels: [ListPanel; 2],
    pub help_open: bool,
    /// Whether Open folder… tries the system's dialog before the in-window chooser (tests and
    /// systems without a dialog use the chooser only).
    pub native_dialogs: bool,
    /// Opens originals in the system browser (tests give it an opener that records instead).
    pub browser: super::browser::Browser,
    watch: Option<FolderWatch>,
    /// The corrections of stories and claims as last written (what every re-alignment applies).
    pub corrections: crate::corrections::Corrections,
    pub history: super::history::History,
    commands: Vec<Command>,
    folder_chooser: ui::folder_chooser::FolderChooser,
    correction_dialog: ui::corrections::CorrectionDialog,
    /// What Export… is about to write, while the user picks where: format and what of the folder.
    pending_export: Option<(crate::share::Format, Exported)>,
    toolbar: ui::toolbar::Toolbar,
    sidebar: ui::sidebar::Sidebar,
    events: ui::events::EventsTable,
    stories: ui::stories::StoriesTable,
    claims_grid: ui::claims_grid::ClaimsGrid,
    thread_grid: ui::thread_grid::ThreadGrid,
    comparison: ui::comparison::ComparisonView,
    article: ui::article::ArticleView,
    timeline: ui::timeline::Timeline,
    title: String,
    /// Set by `--measure-load`: the window reports when the events show, and how long a change
    /// of strictness then takes.
    measure_load: Option<LoadMeasure>,
    /// A workspace arrived: once its first frame is drawn, what it needs later is prepared.
    prepare_after_frame: bool,
}

impl ParallaxApp {
    /// Opens `folder`, or the last folder, or the seeds.
    pub fn new(cc: &eframe::CreationContext<'_>, folder: Option<PathBuf>) -> ParallaxApp {
        ParallaxApp::opening(cc, folder, None)
    }

    /// As [`ParallaxApp::new`], going on with `pending` when it reads the folder to open (it was
    /// started before the window, which then opens while the files are read).
    pub(super) fn opening(cc: &eframe::CreationContext<'_>, folder: Option<PathBuf>, pending: Option<PendingLoad>) -> ParallaxApp {
        let settings: Settings = cc.storage.and_then(|s| eframe::get_value(s, Settings::KEY)).unwrap_or_default();
        let mut app = ParallaxApp {
            filters: Filters::default(),
            visible: Visible::default(),
            selection: Selection { event: None, story: None, thread: None, list: List::Stories, base: None, mode: Mode::Comparison },
            workspace: None,
            job: None,
            error: None,
            notice: None,
            copied: None,
            list_panels: Default::default(),
            help_open: false,
            native_dialogs: system_has_dialogs(),
            browser: super::browser::Browser::default(),
            watch: None,
            corrections: Default::default(),
            history: Default::default(),
            correction_dialog: Default::default(),
            commands: Vec::new(),
            folder_chooser: ui::folder_chooser::FolderChooser::default(),
            pending_export: None,
            toolbar: ui::toolbar::Toolbar::default(),
            sidebar: ui::sidebar::Sidebar,
            events: ui::events::EventsTable::default(),
            stories: ui::stories::StoriesTable::default(),
            claims_grid: ui::claims_grid::ClaimsGrid::default(),
            thread_grid: ui::thread_grid::ThreadGrid,
            comparison: ui::comparison::ComparisonView::default(),
            article: ui::article::ArticleView::default(),
            timeline: ui::timeline::Timeline::default(),
            title: String::new(),
            measure_load: None,
            prepare_after_frame: false,
            settings,
        };
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            cc.egui_ctx.style_mut_of(theme, |style| super::colors::readable_visuals(&mut style.visuals));
        }
        cc.egui_ctx.set_theme(if app.settings.dark { egui::Theme::Dark } else { egui::Theme::Light });
        let folder = folder
            .or_else(|| app.settings.last_folder.clone().filter(|f| f.is_dir()))
            .unwrap_or_else(default_seeds);
        match pending {
            Some(pending) if pending.folder() == super::worker::resolve_folder(folder.clone()) => {
                app.job = Some(pending.align(app.settings.threshold, &cc.egui_ctx).watching(&cc.egui_ctx));
            }
            other => {
                // Another folder's reading, of no use now.
                if let Some(pending) = other {
                    pending.cancel();
                }
                app.start_load(folder, &cc.egui_ctx);
            }
        }
        app
    }

    /// Makes the window scroll its events list every frame and print frame times (see README).
    pub fn measure_scrolling(&mut self, frames: usize) {
        self.events.measure = Some(ui::events::ScrollMeasure::new(frames));
    }

    /// The comparison columns on screen: (article, text, diff against the base).
    pub fn comparison_columns(&self) -> Vec<(usize, &str, Option<&crate::diff::WordDiff>)> {
        self.comparison.columns()
    }

    /// Makes the window print how long it took, from `launched`, to show the folder's events,
    /// and close (see `benches/window.py`).
    pub fn measure_loading(&mut self, launched: std::time::Instant) {
        self.measure_load = Some(LoadMeasure { launched, realigned: None });
    }

    /// The claims grid's columns on screen: (article, its cells by row).
    pub fn claims_grid_columns(&self) -> Vec<(usize, Vec<Option<&str>>)> {
        self.claims_grid.columns()
    }

    /// The events of the claims grid's rows, in its order, for the story shown.
    pub fn claims_grid_row_events(&self) -> Option<Vec<usize>> {
        self.claims_grid.row_events(self.selection.story?)
    }

    /// The article of the claims grid's base column.
    pub fn claims_grid_base(&self) -> Option<usize> {
        self.claims_grid.base()
    }

    /// Whether a load or re-alignment is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Queues a command, as a click would.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn start_load(&mut self, folder: PathBuf, ctx: &egui::Context) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        self.job = Some(Job::load(super::worker::resolve_folder(folder), self.settings.threshold, ctx));
    }

    fn refilter(&mut self) {
        if let Some(ws) = &self.workspace {
            self.visible = Visible::compute(ws, &self.filters);
            if let Some(e) = self.selection.event
                && self.visible.position(e).is_none()
            {
                self.selection.event = self.visible.events.first().map(|e| e.index);
            }
            self.comparison.invalidate();
            self.claims_grid.invalidate();
        }
    }

    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        let Some(outcome) = job.poll() else {
            // The progress bar moves a few times a second; the worker wakes the window when done.
            ctx.request_repaint_after(PROGRESS_REPAINT);
            return;
        };
        let mut job = self.job.take().expect("a job was running");
        let saving = job.saving.take();
        match outcome {
            Outcome::Done(finished) => {
                let Finished { workspace, unfiltered } = *finished;
                let same_folder = self.workspace.as_ref().is_some_and(|w| w.folder == job.folder);
                if job.kind == JobKind::Load {
                    // What is on disk now: the window's own corrections, or a script's.
                    self.corrections = workspace.comparison.corrections.clone();
                    self.settings.opened(job.folder.clone());
                    // A damaged cache, ignored: said once, on the status line.
                    self.notice = workspace.comparison.notes.first().cloned().or(self.notice.take());
                }
                if !same_folder {
                    self.history.clear();
                    self.filters = Filters::default();
                    self.timeline.reset();
                }
                // A load's own watch has seen every change since it began.
                if !same_folder || job.watch.is_some() {
                    self.watch = job.watch.take();
                }
                let visible = match unfiltered {
                    Some(visible) if !same_folder => visible,
                    _ => Visible::compute(&workspace, &self.filters),
                };
                let old = self.workspace.as_ref().filter(|_| same_folder);
                self.selection = super::carry_over::selection_after(&self.selection, old, &workspace, &visible);
                self.visible = visible;
                self.comparison.invalidate();
                self.claims_grid.invalidate();
                if workspace.threshold != self.settings.threshold {
                    self.job = Some(Job::realign(&workspace, self.settings.threshold, self.corrections.clone(), ctx));
                }
                self.workspace = Some(workspace);
                self.prepare_after_frame = true;
                self.error = None;
                if let Some(saving) = saving {
                    self.saved(saving);
                }
            }
            // A job is cancelled only after its write.
            Outcome::Cancelled => match saving {
                Some(saving) => self.saved(saving),
                None => self.notice = Some("Loading cancelled".into()),
            },
            Outcome::Failed(failure) => {
                self.error = Some(failure.to_string());
                if let Some(entry) = saving.and_then(|s| s.failed) {
                    self.history.record(entry);
                }
            }
        }
    }

    /// Records a change the sidecar now holds.
    fn saved(&mut self, saving: Saving) {
        self.notice = Some(saving.notice);
        if let Some(corrections) = saving.corrections {
            self.corrections = corrections;
        }
        self.history.record(saving.succeeded);
    }

    fn handle(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Open(folder) => self.start_load(folder, ctx),
            Command::PickFolder => self.pick_folder(ctx),
            Command::Reload => {
                if let Some(folder) = self.workspace.as_ref().map(|w| w.folder.clone()) {
                    self.start_load(folder, ctx);
                }
            }
            Command::Cancel => match &self.job {
                Some(job) if job.kind == JobKind::Realign => {
                    // The alignment at the strictness before stays; the worker's result, when it
                    // comes, goes nowhere.
                    self.job = None;
                    if let Some(ws) = &self.workspace {
                        self.settings.threshold = ws.threshold;
                        self.notice = Some(format!("Re-aligning cancelled: the strictness stays {:.2}", ws.threshold));
                    }
                }
                Some(job) => job.cancel(),
                None => {}
            },
            Command::SelectStory(s) => {
                self.selection.story = Some(s);
                self.selection.mode = Mode::Story(s);
                self.stories.scroll_to(Some(s));
            }
            Command::SelectThread(t) => {
                self.selection.thread = Some(t);
                self.selection.mode = Mode::Thread(t);
                self.stories.open(t);
            }
            Command::ToggleThread(t) => self.stories.toggle(t),
            Command::ShowList(list) => {
                self.selection.list = list;
                match list {
                    // The centre follows the list: a story's grid, or an event's comparison.
                    List::Stories => {
                        if let Some(s) = self.selection.story.or(self.visible.stories.first().map(|s| s.index)) {
                            self.selection.story = Some(s);
                            self.selection.mode = Mode::Story(s);
                        }
                    }
                    List::Events => {
                        if matches!(self.selection.mode, Mode::Story(_) | Mode::Thread(_)) {
                            self.selection.mode = Mode::Comparison;
                        }
                    }
                }
            }
            Command::SelectEvent(e) => {
                self.selection.event = Some(e);
                self.selection.mode = Mode::Comparison;
                self.events.scroll_to(self.visible.position(e));
            }
            Command::Step(delta) => {
                // Inside a chosen story, its claims in the grid's order; else the events list.
                let story = self.selection.story.filter(|_| self.selection.list == List::Stories);
                let order: Vec<usize> = match story {
                    Some(s) => self.claims_grid.row_events(s).unwrap_or_else(|| {
                        self.visible.events.iter().filter(|v| v.event.story == Some(s)).map(|v| v.index).collect()
                    }),
                    None => self.visible.events.iter().map(|v| v.index).collect(),
                };
                if !order.is_empty() {
                    let current = self.selection.event.and_then(|e| order.iter().position(|&x| x == e));
                    let next = match current {
                        Some(i) => (i as isize + delta).clamp(0, order.len() as isize - 1) as usize,
                        None => 0,
                    };
                    self.selection.event = Some(order[next]);
                    self.selection.mode = Mode::Comparison;
                    if story.is_none() {
                        self.events.scroll_to(Some(next));
                    }
                }
            }
            Command::Back => {
                self.selection.mode = match self.selection.mode {
                    Mode::Article(_) => Mode::Comparison,
                    Mode::Comparison => match self.selection.story {
                        Some(s) if self.selection.list == List::Stories => Mode::Story(s),
                        _ => Mode::Comparison,
                    },
                    // From a development's claims to its thread's developments.
                    Mode::Story(s) => match self.selection.thread {
                        Some(t) if self.workspace.as_ref().is_some_and(|ws| ws.thread_of[s] == Some(t)) => Mode::Thread(t),
                        _ => Mode::Story(s),
                    },
                    thread => thread,
                };
            }
            Command::ShowArticle(a) => self.selection.mode = Mode::Article(a),
            Command::ShowComparison => self.selection.mode = Mode::Comparison,
            Command::SetBase(a) => {
                self.selection.base = Some(a);
                self.comparison.set_base();
            }
            Command::SetDateRange(from, to) => {
                let (from, to) = match (from, to) {
                    (Some(f), Some(t)) if f > t => (Some(t), Some(f)),
                    other => other,
                };
                self.filters.from = from;
                self.filters.to = to;
                self.refilter();
            }
            Command::ShowUndated(show) => {
                self.filters.show_undated = show;
                self.refilter();
            }
            Command::ToggleOutlet(name) => {
                if !self.filters.hidden_outlets.remove(&name) {
                    self.filters.hidden_outlets.insert(name);
                }
                self.refilter();
            }
            Command::ShowOutlets(only) => {
                self.filters.hidden_outlets = match (&self.workspace, only) {
                    (Some(ws), Some(only)) => ws.outlets.iter().map(|o| o.name.clone()).filter(|n| !only.contains(n)).collect(),
                    _ => Default::default(),
                };
                self.refilter();
            }
            Command::SetSearch(text) => {
                self.filters.search = text;
                self.refilter();
            }
            Command::SetSort(sort) => {
                if self.filters.sort == sort {
                    self.filters.descending = !self.filters.descending;
                } else {
                    self.filters.sort = sort;
                    self.filters.descending = false;
                }
                self.refilter();
            }
            Command::SetStorySort(sort) => {
                self.filters.story_sort = sort;
                self.refilter();
            }
            Command::SetThreshold(t) => {
                self.settings.threshold = t;
                // The latest strictness wins: a re-alignment under way for an earlier one is
                // dropped. A load under way re-aligns when it is done.
                if self.job.as_ref().is_none_or(|j| j.kind == JobKind::Realign)
                    && let Some(ws) = &self.workspace
                {
                    self.job = (ws.threshold != t).then(|| Job::realign(ws, t, self.corrections.clone(), ctx));
                }
            }
            Command::Correct { article, outlet, published } => self.correct(article, outlet, published, ctx),
            Command::Fix(fix) => self.fix(fix, ctx),
            Command::OpenDialog(dialog) => self.correction_dialog.open = Some(dialog),
            Command::Undo => self.undo_or_redo(true, ctx),
            Command::Redo => self.undo_or_redo(false, ctx),
            Command::SetDark(dark) => {
                self.settings.dark = dark;
                ctx.set_theme(if dark { egui::Theme::Dark } else { egui::Theme::Light });
            }
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::Export { format, story } => self.ask_export(format, if story { Scope::Story } else { Scope::Folder }),
            Command::ExportThread(format) => self.ask_export(format, Scope::Thread),
            Command::SaveExport(path) => self.save_export(&path),
            Command::OpenOriginal(url) => {
                if let Err(refused) = self.browser.open(&url, ctx) {
                    self.error = Some(refused.to_string());
                }
            }
            Command::Copy { text, whose } => {
                self.notice = Some(format!("Copied the words of {whose}, as written ({} characters)", text.chars().count()));
                self.copied = Some(text.clone());
                ctx.copy_text(text);
            }
        }
    }

    /// Asks the system's dialog, if there may be one. A dialog that answers "nothing chosen" at
    /// once was never shown (rfd's portal backend does so when the desktop has no portal).
    fn system_dialog<T>(&self, ask: impl FnOnce() -> Option<T>) -> Dialog<T> {
        if !self.native_dialogs {
            return Dialog::Unavailable;
        }
        let asked = std::time::Instant::now();
        match ask() {
            Some(chosen) => Dialog::Chosen(chosen),
            None if asked.elapsed() >= NO_DIALOG => Dialog::Cancelled,
            None => Dialog::Unavailable,
        }
    }

    /// The system's folder dialog, or the in-window chooser where there is none, instead of
    /// nothing happening.
    fn pick_folder(&mut self, ctx: &egui::Context) {
        let start = self.workspace.as_ref().map(|w| w.folder.clone()).or_else(|| std::env::current_dir().ok()).unwrap_or_else(|| PathBuf::from("/"));
        match self.system_dialog(|| rfd::FileDialog::new().set_title("Open a folder of articles").set_directory(&start).pick_folder()) {
            Dialog::Chosen(folder) => return self.start_load(folder, ctx),
            Dialog::Cancelled => return,
            Dialog::Unavailable => {}
        }
        eprintln!("parallax: no system folder dialog here; showing the built-in folder chooser");
        self.folder_chooser.show(&start);
    }

    /// The selected story, by its id in the export (as in `align --json`): the story shown in the centre, or else the selected event's story, or else the story
    /// chosen last: what "the selected story" means to someone who clicked a story row and
    /// never a claim.
    fn selected_story_id(&self) -> Option<String> {
        let ws = self.workspace.as_ref()?;
        let event_story = || ws.comparison.alignment.events.get(self.selection.event?)?.story;
        let story = match self.selection.mode {
            Mode::Story(s) => Some(s),
            _ => event_story().or(self.selection.story),
        }?;
        crate::export::Positions::new(&ws.comparison, crate::export::DateRange::default()).story_id(story)
    }

    /// The chosen thread, by its id in the export (as in `align --json`).
    fn selected_thread_id(&self) -> Option<String> {
        let ws = self.workspace.as_ref()?;
        crate::export::Positions::new(&ws.comparison, crate::export::DateRange::default()).thread_id(self.selection.thread?)
    }

    /// Asks where to save an export: the system's save dialog, or the in-window chooser.
    fn ask_export(&mut self, format: crate::share::Format, scope: Scope) {
        let Some(ws) = &self.workspace else { return };
        let exported = match scope {
            Scope::Folder => Exported::Folder,
            Scope::Story => match self.selected_story_id() {
                Some(id) => Exported::Story(id),
                None => {
                    self.error = Some("Select a story, or an event of one, to export that story".into());
                    return;
                }
            },
            Scope::Thread => match self.selected_thread_id() {
                Some(id) => Exported::Thread(id),
                None => {
                    self.error = Some("Choose a thread in the stories list to export it".into());
                    return;
                }
            },
        };
        let folder_name = ws.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "parallax".into());
        // Named for what it holds: the story's or thread's headline, or the folder's every story or event.
        let what = match (&exported, self.selection.story, self.selection.thread) {
            (Exported::Story(_), Some(s), _) => ws.story_labels.get(s).map(|l| file_safe(l)).unwrap_or_default(),
            (Exported::Thread(_), _, Some(t)) => ws.thread_labels.get(t).map(|l| format!("thread – {}", file_safe(l))).unwrap_or_default(),
            _ => String::new(),
        };
        let what = if what.is_empty() {
            let whole = match exported {
                Exported::Story(_) => "story",
                Exported::Thread(_) => "thread",
                Exported::Folder if format == crate::share::Format::Csv => "every event",
                Exported::Folder => "every story",
            };
            format!("{} – {whole}", file_safe(&folder_name))
        } else {
            what
        };
        let file_name = format!("{what}.{}", format.extension());
        let start = self.settings.export_start();
        self.pending_export = Some((format, exported));
        match self.system_dialog(|| rfd::FileDialog::new().set_title("Save the export").set_directory(&start).set_file_name(&file_name).save_file()) {
            Dialog::Chosen(path) => return self.save_export(&path),
            Dialog::Cancelled => return,
            Dialog::Unavailable => {}
        }
        eprintln!("parallax: no system save dialog here; showing the built-in chooser");
        self.folder_chooser.show_save(&start, &file_name);
    }

    /// Writes the pending export to `path`.
    fn save_export(&mut self, path: &Path) {
        let (Some(ws), Some((format, exported))) = (&self.workspace, self.pending_export.take()) else { return };
        // The dialog has asked before replacing a file; an article or the sidecar is never replaced.
        let written = (|| -> Result<(), ExportError> {
            crate::destination::check_output(path, std::slice::from_ref(&ws.folder), true)?;
            let bytes = match &exported {
                Exported::Folder => crate::share::render(&ws.comparison, format, None)?,
                Exported::Story(id) => crate::share::render(&ws.comparison, format, Some(id))?,
                Exported::Thread(id) => crate::share::render_thread(&ws.comparison, format, id)?,
            };
            Ok(crate::files::write_atomically(path, &bytes)?)
        })();
        match written {
            Ok(()) => {
                self.notice = Some(format!("Exported to {}", path.display()));
                self.settings.export_folder = path.parent().map(Path::to_path_buf);
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Whether the in-window folder chooser is showing.
    pub fn folder_chooser_open(&self) -> bool {
        self.folder_chooser.is_open()
    }

    /// Corrects an article's outlet and date in the folder's sidecar (`None`: the file's own),
    /// undoably, and reads the folder again.
    fn correct(&mut self, article: usize, outlet: Option<String>, published: Option<Date>, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        if self.job.is_some() {
            self.notice = Some("The folder is still being read: correct it once it is shown".into());
            return;
        }
        let key = ws.articles()[article].sidecar_key();
        let outlet = outlet.filter(|o| !o.trim().is_empty()).map(|o| o.trim().to_string());
        let before = self.meta_now(&key);
        let step = Step { name: "correct an article's outlet and date".into(), before };
        self.write_meta(&key, outlet, published.map(crate::dates::iso), Entry::Done(step), None, ctx);
    }

    /// An article's outlet and date as the sidecar has them now, as the edit that puts them back.
    fn meta_now(&self, key: &str) -> Edit {
        let folder = self.workspace.as_ref().map(|w| w.folder.as_path());
        let was = folder.and_then(|f| crate::sidecar::Sidecar::read(f).ok()).and_then(|s| s.articles.get(&crate::sidecar::normal_key(key)).cloned()).unwrap_or_default();
        Edit::Meta { key: key.to_string(), outlet: was.outlet, published: was.published }
    }

    /// Writes an article's outlet and date to the sidecar and reads the folder again, in the
    /// background; `succeeded` and `failed` say where the step goes in the history then.
    fn write_meta(&mut self, key: &str, outlet: Option<String>, published: Option<String>, succeeded: Entry, failed: Option<Entry>, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        let (folder, key) = (ws.folder.clone(), key.to_string());
        let notice = match &succeeded {
            Entry::Done(_) => format!("Saved to {}", crate::sidecar::FILE_NAME),
            Entry::CanRedo(step) => format!("Undone: {}", step.name),
            Entry::CanUndo(step) => format!("Redone: {}", step.name),
        };
        let saving = Saving { notice, corrections: None, succeeded, failed };
        let target = folder.clone();
        let write: SidecarWrite = Box::new(move || {
            crate::sidecar::Sidecar::update(&target, &key, |meta| {
                meta.outlet = outlet;
                meta.published = published;
            })
            .map(drop)
        });
        self.job = Some(Job::save_and_load(write, saving, folder, self.settings.threshold, ctx));
    }

    /// Makes a correction of a claim or a story, against the alignment shown.
    fn fix(&mut self, fix: super::fixes::Fix, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        if self.job.is_some() {
            self.notice = Some("The folder is still being aligned: correct it once it is shown".into());
            return;
        }
        let after = fix.applied(&ws.comparison, &self.corrections);
        if after == self.corrections {
            return;
        }
        let step = Step { name: fix.name().into(), before: Edit::Corrections(self.corrections.clone()) };
        let notice = format!("Corrected: {} (Ctrl+Z undoes it); kept in {}", fix.name(), crate::sidecar::FILE_NAME);
        self.write_corrections(after, notice, Entry::Done(step), None, ctx);
    }

    /// Writes the corrections to the sidecar and aligns the folder again with them, in the
    /// background; `succeeded` and `failed` say where the step goes in the history then.
    fn write_corrections(&mut self, corrections: crate::corrections::Corrections, notice: String, succeeded: Entry, failed: Option<Entry>, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        let folder = ws.folder.clone();
        let own_writes = self.watch.as_ref().map(FolderWatch::own_writes).unwrap_or_default();
        let (target, written) = (folder.clone(), corrections.clone());
        let write: SidecarWrite = Box::new(move || {
            let path = target.join(crate::sidecar::FILE_NAME);
            crate::sidecar::Sidecar::write_corrections(&target, &written, |bytes| own_writes.writing_sidecar(path, bytes)).map(drop)
        });
        let saving = Saving { notice, corrections: Some(corrections.clone()), succeeded, failed };
        self.job = Some(Job::save_and_realign(write, saving, ws, self.settings.threshold, corrections, ctx));
    }

    /// Undoes the last correction (`undo`), or redoes the last undone.
    fn undo_or_redo(&mut self, undo: bool, ctx: &egui::Context) {
        if self.job.is_some() {
            self.notice = Some("The folder is still being aligned: undo once it is shown".into());
            return;
        }
        let Some(step) = (if undo { self.history.take_undo() } else { self.history.take_redo() }) else { return };
        let now = match &step.before {
            Edit::Corrections(_) => Edit::Corrections(self.corrections.clone()),
            Edit::Meta { key, .. } => self.meta_now(key),
        };
        // Done, the step can go the other way with the state it replaced; failed, it is put back.
        let replaced = Step { name: step.name.clone(), before: now };
        let (succeeded, failed) = if undo { (Entry::CanRedo(replaced), Entry::CanUndo(step.clone())) } else { (Entry::CanUndo(replaced), Entry::CanRedo(step.clone())) };
        match step.before {
            Edit::Corrections(c) => {
                let notice = format!("{}: {}", if undo { "Undone" } else { "Redone" }, step.name);
                self.write_corrections(c, notice, succeeded, Some(failed), ctx);
            }
            Edit::Meta { key, outlet, published } => self.write_meta(&key, outlet, published, succeeded, Some(failed), ctx),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            let mut press = |m, k| i.consume_shortcut(&KeyboardShortcut::new(m, k));
            if press(Modifiers::COMMAND, Key::O) {
                self.commands.push(Command::PickFolder);
            }
            if press(Modifiers::COMMAND, Key::R) || press(Modifiers::NONE, Key::F5) {
                self.commands.push(Command::Reload);
            }
            if press(Modifiers::NONE, Key::F1) {
                self.commands.push(Command::ToggleHelp);
            }
            if !typing {
                // Shift first: Ctrl+Z would also match Ctrl+Shift+Z.
                if press(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || press(Modifiers::COMMAND, Key::Y) {
                    self.commands.push(Command::Redo);
                }
                if press(Modifiers::COMMAND, Key::Z) {
                    self.commands.push(Command::Undo);
                }
                if press(Modifiers::NONE, Key::J) || press(Modifiers::NONE, Key::ArrowDown) {
                    self.commands.push(Command::Step(1));
                }
                if press(Modifiers::NONE, Key::K) || press(Modifiers::NONE, Key::ArrowUp) {
                    self.commands.push(Command::Step(-1));
                }
                if press(Modifiers::NONE, Key::Escape) {
                    self.commands.push(Command::Back);
                }
            }
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.workspace {
            Some(ws) => format!(
                "Parallax — {} ({} · {} · {} · {})",
                ws.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| ws.folder.display().to_string()),
                plural(ws.articles().len(), "article"),
                plural(ws.outlets.len(), "outlet"),
                plural(ws.comparison.alignment.events.len(), "event"),
                plural(ws.comparison.problems.len(), "problem")
            ),
            None => "Parallax".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn status_line(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(ws) = &self.workspace {
                let shown_outlets = self.visible.per_outlet.iter().filter(|&&n| n > 0).count();
                ui.label(format!(
                    "{} of {} · {} of {} · {} of {} · {}",
                    self.visible.articles_shown,
                    plural(ws.articles().len(), "article"),
                    shown_outlets,
                    plural(ws.outlets.len(), "outlet"),
                    self.visible.events.len(),
                    plural(ws.comparison.alignment.events.len(), "event"),
                    plural(ws.comparison.problems.len(), "problem")
                ));
                if self.visible.hidden_by_date > 0 {
                    ui.separator();
                    ui.label(format!("{} hidden by the date range", self.visible.hidden_by_date));
                }
            }
            if let Some(e) = &self.error {
                ui.separator();
                ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {e}"));
            } else if let Some(n) = &self.notice {
                ui.separator();
                ui.label(n);
            }
        });
    }
}

impl eframe::App for ParallaxApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_job(ctx);
        match self.browser.poll() {
            Some(Ok(notice)) => self.notice = Some(notice),
            Some(Err(error)) => self.error = Some(error.to_string()),
            None => {}
        }
        if self.watch.as_mut().is_some_and(FolderWatch::should_reload) && self.job.is_none() {
            self.commands.push(Command::Reload);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(first) = dropped.into_iter().next() {
            self.commands.push(Command::Open(first));
        }
        self.shortcuts(ctx);
        self.update_title(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        let ctx = ui.ctx().clone();
        let chrome = Chrome { settings: &self.settings, ws: self.workspace.as_ref(), job: self.job.as_ref(), filters: &self.filters, history: &self.history, thread: self.selection.thread };
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar.ui(ui, &chrome, &mut self.commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status_line(ui));
        if let Some(ws) = &self.workspace {
            let view = View { ws, visible: &self.visible, filters: &self.filters, selection: &self.selection, dark: self.settings.dark, threshold: ws.threshold };
            // On a small screen (1024x640) the comparison keeps most of the height.
            let height = ui.available_height();
            if ws.span.is_some() {
                egui::Panel::bottom("timeline").resizable(true).default_size((height * 0.18).clamp(110.0, 150.0)).min_size(110.0).show(ui, |ui| {
                    self.timeline.ui(ui, &view, &mut self.commands);
                });
            } else {
                // With no date to draw, the timeline is one line saying so.
                egui::Panel::bottom("no-timeline").resizable(false).show(ui, |ui| {
                    self.timeline.ui(ui, &view, &mut self.commands);
                });
            }
            egui::Panel::left("sidebar").resizable(true).default_size(260.0).min_size(180.0).show(ui, |ui| {
                self.sidebar.ui(ui, &view, &mut self.commands);
            });
            egui::CentralPanel::default().show(ui, |ui| {
                // The list is never taller than its rows, and leaves the story or comparison
                // below it most of the height.
                let rows = match self.selection.list {
                    List::Stories => self.visible.stories.len(),
                    List::Events => self.visible.events.len(),
                };
                let row = ui.text_style_height(&egui::TextStyle::Body) + 6.0 + ui.spacing().item_spacing.y;
                let needed = (rows as f32 + 4.0) * row + 16.0;
                let fitting = (ui.available_height() * 0.35).clamp(120.0, 260.0).min(needed);
                // Each list keeps its own height: a folder's few stories, its many events.
                let (name, k) = match self.selection.list {
                    List::Stories => ("stories-list", 0),
                    List::Events => ("events-list", 1),
                };
                let panel = &self.list_panels[k];
                // Growing back: for one frame the least height is the usual one, which the kept
                // size is clamped to (and then kept).
                let regrow = needed > panel.needed + 0.5 && panel.height + 1.0 < fitting;
                let least = if regrow { fitting.max(100.0) } else { 100.0 };
                let shown = egui::Panel::top(name).resizable(true).default_size(fitting).min_size(least).max_size(needed.max(least)).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let list = self.selection.list;
                        if ui.selectable_label(list == List::Stories, "Stories").on_hover_text("One row per story: the articles that report one happening").clicked() {
                            self.commands.push(Command::ShowList(List::Stories));
                        }
                        if ui.selectable_label(list == List::Events, "All events").on_hover_text("Every event of the folder, stories and reuse across them").clicked() {
                            self.commands.push(Command::ShowList(List::Events));
                        }
                    });
                    match self.selection.list {
                        List::Stories => self.stories.ui(ui, &view, &mut self.commands),
                        List::Events => self.events.ui(ui, &view, &mut self.commands),
                    }
                });
                self.list_panels[k].height = shown.response.rect.height();
                self.list_panels[k].needed = needed;
                egui::CentralPanel::default().show(ui, |ui| match self.selection.mode {
                    Mode::Comparison => self.comparison.ui(ui, &view, &mut self.commands),
                    Mode::Article(_) => self.article.ui(ui, &view, &mut self.commands),
                    Mode::Story(_) => self.claims_grid.ui(ui, &view, &mut self.commands),
                    Mode::Thread(_) => self.thread_grid.ui(ui, &view, &mut self.commands),
                });
            });
            self.correction_dialog.ui(ui, &view, &mut self.commands);
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    if self.job.is_some() {
                        ui.label("Reading the folder…");
                    } else {
                        ui.label("Open a folder of articles (Ctrl+O), or drop one on the window.");
                    }
                });
            });
        }
        ui::help::window(ui.ctx(), &mut self.help_open);
        self.folder_chooser.ui(ui, &chrome, &mut self.commands);
        // Commands change what the next frame shows: draw it.
        if !self.commands.is_empty() {
            ctx.request_repaint();
        }
        for command in std::mem::take(&mut self.commands) {
            self.handle(command, &ctx);
        }
        if std::mem::take(&mut self.prepare_after_frame)
            && let Some(ws) = &self.workspace
        {
            ws.prepare_in_background();
        }
        if let Some(measure) = &mut self.measure_load
            && self.job.is_none()
            && let Some(ws) = &self.workspace
        {
            let events = ws.comparison.alignment.events.len();
            match measure.realigned {
                None => {
                    println!("window: {:.3} s to show {events} events of {} articles", measure.launched.elapsed().as_secs_f64(), ws.articles().len());
                    // Then a change of strictness, as the slider makes it.
                    measure.realigned = Some(std::time::Instant::now());
                    let other = if (self.settings.threshold - crate::DEFAULT_THRESHOLD).abs() < 0.01 { 0.45 } else { crate::DEFAULT_THRESHOLD };
                    self.commands.push(Command::SetThreshold(other));
                    ctx.request_repaint();
                }
                Some(asked) => {
                    println!("strictness change: {:.3} s to show {events} events", asked.elapsed().as_secs_f64());
                    self.measure_load = None;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
        if let Some(m) = &mut self.events.measure
            && self.workspace.is_some()
            && self.job.is_none()
        {
            if m.record(started, started.elapsed(), frame.info().cpu_usage) {
                self.events.measure = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }
}

/// What `--measure-load` has measured so far.
struct LoadMeasure {
    launched: std::time::Instant,
    /// When the change of strictness was asked for.
    realigned: Option<std::time::Instant>,
}

/// How often the window redraws the progress of a running job: often enough to see it move,
/// rarely enough to leave the cores to the job.
const PROGRESS_REPAINT: std::time::Duration = std::time::Duration::from_millis(250);

/// What the system's file dialog answered.
enum Dialog<T> {
    Chosen(T),
    Cancelled,
    /// No dialog was shown: the in-window chooser must ask instead.
    Unavailable,
}

/// A folder dialog that answers faster than this was not shown to anyone.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(300);

/// Whether the system can show a file dialog. On Linux and the BSDs rfd asks the desktop portal
/// over the session bus; with no session bus there is no portal to ask.
fn system_has_dialogs() -> bool {
    if cfg!(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")) {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
        let runtime_bus = std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
        bus || runtime_bus
    } else {
        true
    }
}

/// The seed articles, in the user's data directory (written there from the binary on first use,
/// so corrections to them are kept there, never beside the binary); `seeds/` in the current
/// folder where there is no data directory.
pub fn default_seeds() -> PathBuf {
    let Some(dir) = eframe::storage_dir("parallax").map(|d| d.join("seeds")) else { return PathBuf::from("seeds") };
    match crate::seeds::install(&dir) {
        Ok(()) => dir,
        Err(e) => {
            eprintln!("parallax: cannot write the seed articles: {e}");
            PathBuf::from("seeds")
        }
    }
}

/// A file name made of `text`: its letters, digits and spaces (other characters dropped),
/// runs of spaces as one, cut at a word before 60 characters.
fn file_safe(text: &str) -> String {
    let kept: String = text.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { ' ' }).collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    let mut name = String::new();
    for w in words {
        if name.chars().count() + w.chars().count() + 1 > 60 {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    name
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
enum ExportError {
    #[error("Not exported: {0}")]
    Refused(#[from] crate::destination::RefusedOutput),
    #[error(transparent)]
    Render(#[from] crate::share::ShareError),
    #[error(transparent)]
    Write(#[from] crate::files::WriteError),
}
