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

    /// The step to undo; `undone` is to be called with the state it replaced once it is undone.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// A step was undone: `replaced` (the state before the undo) can be redone.
    pub fn undone(&mut self, replaced: Step) {
        self.redo.push(replaced);
    }

    /// A step was redone (or an undo failed and is put back): it can be undone again.
    pub fn redone(&mut self, replaced: Step) {
        self.undo.push(replaced);
    }

    /// A redo failed: it stays to be redone.
    pub fn redo_again(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// A new folder: its corrections are not this one's.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
