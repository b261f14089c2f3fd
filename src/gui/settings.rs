//! What the window remembers between sessions (through eframe's storage).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// How many recent folders the Recent menu keeps.
const RECENT: usize = 10;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_folder: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub threshold: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { last_folder: None, recent: Vec::new(), dark: true, threshold: crate::DEFAULT_THRESHOLD }
    }
}

impl Settings {
    pub const KEY: &'static str = "parallax-settings";

    /// Records `folder` as opened: last folder, and first in the recent list.
    pub fn opened(&mut self, folder: PathBuf) {
        self.recent.retain(|f| f != &folder);
        self.recent.insert(0, folder.clone());
        self.recent.truncate(RECENT);
        self.last_folder = Some(folder);
    }
}
