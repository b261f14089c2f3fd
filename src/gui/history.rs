//! Undo and redo of the user's corrections: of stories and claims (the corrections as they
//! were before) and of an article's outlet and date (its sidecar entry as it was before).

use crate::corrections::Corrections;

/// A state to go back to.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Corrections(Corrections),
    /// An article's outlet and date in the sidecar (`None`: the file's own).
    Meta { key: String, outlet: Option<String>, published: Option<String> },
}

/// One undoable step: what it did, and the state before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: String,
    pub before: Edit,
}

/// Where a step goes in the history.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Done(Step),
    CanUndo(Step),
    CanRedo(Step),
}

/// A change being written to the sidecar (by the job that then aligns the folder again): what
/// the window records once the write is known to have succeeded, or failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Saving {
    /// Said once it is written.
    pub notice: String,
    /// The corrections written, which every re-alignment applies from then on.
    pub corrections: Option<Corrections>,
    pub succeeded: Entry,
    /// Where the step goes back when the write failed (an undo or redo is not lost).
    pub failed: Option<Entry>,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// A new correction was made: it can be undone, and what was undone can no longer be redone.
    pub fn done(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    pub fn undo_name(&self) -> Option<&str> {
        self.undo.last().map(|s| s.name.as_str())
    }

    pub fn redo_name(&self) -> Option<&str> {
        self.redo.last().map(|s| s.name.as_str())
    }

    /// The step to undo; once undone, [`History::can_redo`] takes the state it replaced.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// A step that can be undone: one redone (with the state it replaced), or an undo that
    /// failed and is put back.
    pub fn can_undo(&mut self, step: Step) {
        self.undo.push(step);
    }

    /// A step that can be redone: one undone (with the state it replaced), or a redo that
    /// failed and is put back.
    pub fn can_redo(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// Puts a step where `entry` says.
    pub fn record(&mut self, entry: Entry) {
        match entry {
            Entry::Done(step) => self.done(step),
            Entry::CanUndo(step) => self.can_undo(step),
            Entry::CanRedo(step) => self.can_redo(step),
        }
    }

    /// A new folder: its corrections are not this one's.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
