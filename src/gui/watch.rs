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
    /// The sidecar as the window last wrote it (its path and a hash of its bytes): a change to
    /// it that leaves it so is the window's own, already applied, and reloads nothing.
    own_sidecar: Arc<std::sync::Mutex<Option<(std::path::PathBuf, u64)>>>,
    dirty: Arc<AtomicBool>,
    since: Option<Instant>,
    ctx: egui::Context,
}

/// Tells a [`FolderWatch`] that the window is about to write the sidecar, so that change
/// reloads nothing.
#[derive(Clone, Default)]
pub struct OwnWrites(Arc<std::sync::Mutex<Option<(std::path::PathBuf, u64)>>>);

impl OwnWrites {
    /// The window is about to write these bytes to the sidecar at `path`.
    pub fn writing_sidecar(&self, path: std::path::PathBuf, bytes: &[u8]) {
        if let Ok(mut own) = self.0.lock() {
            *own = Some((path, hash_of(bytes)));
        }
    }
}

impl FolderWatch {
    /// Watches `folder`; `None` if the platform cannot (the window still works, without auto-reload).
    pub fn new(folder: &Path, ctx: &egui::Context) -> Option<FolderWatch> {
        let dirty = Arc::new(AtomicBool::new(false));
        let own_sidecar: Arc<std::sync::Mutex<Option<(std::path::PathBuf, u64)>>> = Default::default();
        let (flag, wake, own) = (dirty.clone(), ctx.clone(), own_sidecar.clone());
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            let own = own.lock().map(|o| o.clone()).unwrap_or_default();
            let is_own_write = |p: &Path| {
                own.as_ref().is_some_and(|(path, hash)| p == path && std::fs::read(p).is_ok_and(|bytes| hash_of(&bytes) == *hash))
            };
            if event.kind.is_access() || event.paths.iter().all(|p| is_own_temp_file(p) || is_own_write(p)) {
                return;
            }
            flag.store(true, Ordering::Relaxed);
            wake.request_repaint();
        })
        .ok()?;
        watcher.watch(folder, RecursiveMode::Recursive).ok()?;
        Some(FolderWatch { _watcher: watcher, own_sidecar, dirty, since: None, ctx: ctx.clone() })
    }

    /// What a writer of the sidecar (on another thread) tells the watch before it writes.
    pub fn own_writes(&self) -> OwnWrites {
        OwnWrites(self.own_sidecar.clone())
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

fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}
