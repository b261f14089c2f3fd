//! What the panels read: the selection, the read-only view of the state every panel of an open
//! folder draws from, and the chrome the window's frame draws from.

use super::command::{List, Mode};
use super::filter::{Filters, Visible};
use super::history::History;
use super::settings::Settings;
use super::worker::Job;
use super::workspace::Workspace;

/// What is selected.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub event: Option<usize>,
    pub story: Option<usize>,
    /// The thread chosen last (an index into the alignment's threads).
    pub thread: Option<usize>,
    pub list: List,
    pub base: Option<usize>,
    pub mode: Mode,
}

/// Read-only state every panel draws from.
pub struct View<'a> {
    pub ws: &'a Workspace,
    pub visible: &'a Visible,
    pub filters: &'a Filters,
    pub selection: &'a Selection,
    pub dark: bool,
    /// The strictness the shown alignment was made at.
    pub threshold: f32,
}

/// What the window's frame reads (the toolbar, the folder chooser), with or without a folder
/// open.
#[derive(Clone, Copy)]
pub struct Chrome<'a> {
    pub settings: &'a Settings,
    pub ws: Option<&'a Workspace>,
    pub job: Option<&'a Job>,
    pub filters: &'a Filters,
    pub history: &'a History,
    /// The thread chosen last, if any (what Export… offers besides stories).
    pub thread: Option<usize>,
}

impl View<'_> {
    /// Why the events list is empty, naming what the user can change.
    pub fn why_no_events(&self) -> String {
        if self.ws.comparison.alignment.events.is_empty() {
            if self.threshold > crate::DEFAULT_THRESHOLD + 0.005 {
                return format!(
                    "No events at strictness {:.2}: no passages of different articles are that alike. Lower the strictness (the default is {:.2}) to see looser matches.",
                    self.threshold,
                    crate::DEFAULT_THRESHOLD
                );
            }
            return "No events: no two articles here report the same thing.".into();
        }
        let f = self.filters;
        let mut causes = Vec::new();
        if !f.search.trim().is_empty() {
            causes.push(format!("the search “{}”", f.search.trim()));
        }
        if f.has_date_range() {
            causes.push("the date range".to_string());
        }
        if !f.hidden_outlets.is_empty() {
            causes.push(format!("{} hidden outlets", f.hidden_outlets.len()));
        }
        match causes.len() {
            0 => "No events match the filters.".into(),
            _ => format!("No events match {}.", causes.join(" and ")),
        }
    }
}
