//! What the user can ask of the window: every intent a panel, a shortcut or a menu expresses,
//! handled in one place (`ParallaxApp::handle`).

use std::path::PathBuf;

use jiff::civil::Date;

use super::filter::Sort;

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Open(PathBuf),
    PickFolder,
    Reload,
    Cancel,
    /// Select an event by its index in the comparison.
    SelectEvent(usize),
    /// Choose a story (by its index in the alignment): its claims grid fills the centre.
    SelectStory(usize),
    /// Choose a thread (by its index in the alignment): its developments × outlets fill the
    /// centre, and its stories show under its row.
    SelectThread(usize),
    /// Show or hide a thread's stories under its row in the stories list.
    ToggleThread(usize),
    /// Show the stories list or the flat list of every event.
    ShowList(List),
    /// Move through the visible events list: +1 next, -1 previous.
    Step(isize),
    ShowArticle(usize),
    ShowComparison,
    /// Back one level: from an article to the comparison, from a claim's comparison to its
    /// story's grid.
    Back,
    /// Compare every column against this article.
    SetBase(usize),
    SetDateRange(Option<Date>, Option<Date>),
    ShowUndated(bool),
    ToggleOutlet(String),
    /// Show only these outlets (every outlet when `None`).
    ShowOutlets(Option<Vec<String>>),
    SetSearch(String),
    SetSort(Sort),
    SetStorySort(super::filter::StorySort),
    SetThreshold(f32),
    /// Save a correction of an article's outlet and date to the folder's sidecar.
    Correct { article: usize, outlet: Option<String>, published: Option<Date> },
    SetDark(bool),
    ToggleHelp,
    /// Export the selected event's story (`story`), or every story, in `format`: asks where.
    Export { format: crate::share::Format, story: bool },
    /// Export the chosen thread in `format`: asks where.
    ExportThread(crate::share::Format),
    /// Write the export asked for last to this file.
    SaveExport(PathBuf),
    /// Open an article's original (its URL) in the system browser.
    OpenOriginal(String),
    /// Put an outlet's own words on the clipboard (`whose` says whose, for the status line).
    Copy { text: String, whose: String },
    /// Correct a claim or a story: kept in the folder's sidecar, undoable.
    Fix(super::fixes::Fix),
    /// Open the dialog of a correction that needs a choice or a text.
    OpenDialog(super::fixes::Dialog),
    Undo,
    Redo,
}

/// What the central area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Comparison,
    Article(usize),
    /// A story's claims grid.
    Story(usize),
    /// A thread's developments × outlets.
    Thread(usize),
}

/// Which list the top panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum List {
    #[default]
    Stories,
    Events,
}
