//! Reloading when files in the open folder change: a filesystem watcher marks the folder dirty
//! and wakes the window, and the window reloads once the changes have settled. Every wait asks
//! for the frame that ends it, so a reload never waits for the mouse to move.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

/// Changes closer together than this are one change (an editor saving, a sync tool copying).
const SETTLE: Duration = Duration::from_millis(600);

pub struct FolderWatch {
    _watcher: notify::RecommendedWatcher,
    dirty: Arc<AtomicBool>,
    since: Option<Instant>,
    ctx: egui::Context,
}

impl FolderWatch {
    /// Watches `folder`; `None` if the platform cannot (the window still works, without auto-reload).
    pub fn new(folder: &Path, ctx: &egui::Context) -> Option<FolderWatch> {
        let dirty = Arc::new(AtomicBool::new(false));
        let (flag, wake) = (dirty.clone(), ctx.clone());
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() || event.paths.iter().all(|p| is_own_temp_file(p)) {
                return;
            }
            flag.store(true, Ordering::Relaxed);
            wake.request_repaint();
        })
        .ok()?;
        watcher.watch(folder, RecursiveMode::Recursive).ok()?;
        Some(FolderWatch { _watcher: watcher, dirty, since: None, ctx: ctx.clone() })
    }

    /// True once files changed and then stayed unchanged for a moment.
    pub fn should_reload(&mut self) -> bool {
        if self.dirty.swap(false, Ordering::Relaxed) {
            self.since = Some(Instant::now());
        }
        match self.since {
            Some(t) if t.elapsed() >= SETTLE => {
                self.since = None;
                true
            }
            Some(t) => {
                // Nothing else may draw a frame before the changes settle: ask for the one that
                // will see them settled.
                self.ctx.request_repaint_after(SETTLE - t.elapsed());
                false
            }
            None => false,
        }
    }
}

/// A temporary file Parallax itself writes and renames (the sidecar's, an export's).
fn is_own_temp_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| crate::files::is_temp_file(&n.to_string_lossy()))
}
