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
    /// Where the last export was saved: the next one is offered there.
    pub export_folder: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { last_folder: None, recent: Vec::new(), dark: true, threshold: crate::DEFAULT_THRESHOLD, export_folder: None }
    }
}

impl Settings {
    pub const KEY: &'static str = "parallax-settings";

    /// Where Export… starts: the last export's folder, else the user's documents (or downloads,
    /// or home) folder. Never the article folder: an export saved there would be read back as
    /// an article (and Parallax refuses to write one there).
    pub fn export_start(&self) -> PathBuf {
        self.export_folder
            .clone()
            .filter(|f| f.is_dir())
            .or_else(dirs::document_dir)
            .filter(|f| f.is_dir())
            .or_else(dirs::download_dir)
            .filter(|f| f.is_dir())
            .or_else(dirs::home_dir)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Records `folder` as opened: last folder, and first in the recent list.
    pub fn opened(&mut self, folder: PathBuf) {
        self.recent.retain(|f| f != &folder);
        self.recent.insert(0, folder.clone());
        self.recent.truncate(RECENT);
        self.last_folder = Some(folder);
    }
}
