//! Background work: loading and aligning a folder, or re-aligning at another strictness, on a
//! thread of its own so the window never freezes, after writing what the user changed to the
//! sidecar (a synced write can take a while); the worker also derives what the window
//! shows ([`Workspace`]), so a finished job costs the UI thread nothing. The window polls
//! [`Job::poll`] a few times a second while a job runs.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::Arc;

use super::filter::{Filters, Visible};
use super::history::Saving;
use super::watch::FolderWatch;
use super::workspace::Workspace;
use crate::corrections::Corrections;
use crate::progress::Progress;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Load,
    Realign,
}

pub struct Job {
    pub kind: JobKind,
    pub folder: PathBuf,
    pub progress: Arc<Progress>,
    /// The change the job writes first, and what the window records once it is written.
    pub saving: Option<Saving>,
    /// For a load: the folder watched from the start, so that a file changed while it is read
    /// is not missed.
    pub watch: Option<FolderWatch>,
    result: Receiver<Result<Option<Finished>, JobError>>,
}

/// A write to the sidecar, run by the job before its work.
pub type SidecarWrite = Box<dyn FnOnce() -> Result<(), crate::sidecar::SidecarError> + Send>;

/// Why a job produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    #[error(transparent)]
    Sidecar(#[from] crate::sidecar::SidecarError),
    #[error("internal error: {0}. Please report it.")]
    Panicked(String),
    #[error("the background worker stopped unexpectedly")]
    Stopped,
}

/// What a job made: the workspace and, for a load, what the default filters show of it (the
/// filters of a folder opened anew).
pub struct Finished {
    pub workspace: Workspace,
    pub unfiltered: Option<Visible>,
}

/// What a finished job produced.
pub enum Outcome {
    Done(Box<Finished>),
    Cancelled,
    Failed(JobError),
}

impl Job {
    /// Loads and aligns `folder`, watching it meanwhile.
    pub fn load(folder: PathBuf, threshold: f32, ctx: &egui::Context) -> Job {
        PendingLoad::read(folder).align(threshold, ctx).watching(ctx)
    }

    /// The job, with its folder watched from now on (see [`Job::watch`]).
    pub fn watching(self, ctx: &egui::Context) -> Job {
        let watch = FolderWatch::new(&self.folder, ctx);
        Job { watch, ..self }
    }

    /// Runs `saved` (the change of [`Saving`] `saving`), then loads and aligns `folder`.
    pub fn save_and_load(saved: SidecarWrite, saving: Saving, folder: PathBuf, threshold: f32, ctx: &egui::Context) -> Job {
        Job { saving: Some(saving), ..PendingLoad::read_after(Some(saved), folder).align(threshold, ctx) }
    }

    /// Re-aligns the articles of `ws` at a new strictness.
    pub fn realign(ws: &Workspace, threshold: f32, corrections: Corrections, ctx: &egui::Context) -> Job {
        Job::realign_after(None, ws, threshold, corrections, ctx)
    }

    /// Runs `saved` (the change of [`Saving`] `saving`: new corrections), then re-aligns the
    /// articles of `ws` with `corrections`.
    pub fn save_and_realign(saved: SidecarWrite, saving: Saving, ws: &Workspace, threshold: f32, corrections: Corrections, ctx: &egui::Context) -> Job {
        Job { saving: Some(saving), ..Job::realign_after(Some(saved), ws, threshold, corrections, ctx) }
    }

    fn realign_after(write: Option<SidecarWrite>, ws: &Workspace, threshold: f32, corrections: Corrections, ctx: &egui::Context) -> Job {
        let (folder, comparison, search) = (ws.folder.clone(), ws.comparison.clone(), ws.article_search());
        let progress = Arc::new(Progress::default());
        progress.set_stage(crate::progress::Stage::Aligning);
        let (tx, rx) = channel();
        let (f, ctx) = (folder.clone(), ctx.clone());
        std::thread::spawn(move || {
            let result = survive(|| {
                write.map_or(Ok(()), |w| w())?;
                let mut realigned = crate::realign_corrected(&comparison, threshold, corrections);
                if let Some(dir) = crate::cache::default_dir()
                    && let Err(e) = crate::keep_alignment(&realigned, threshold, &f, &dir)
                {
                    realigned.notes.push(format!("{e}; the folder will be aligned again when it is next opened"));
                }
                Ok(Some(realigned))
            })
            .map(|done| done.map(|c| Finished { workspace: Workspace::with_search(f, Arc::new(c), threshold, Some(search)), unfiltered: None }));
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        Job { kind: JobKind::Realign, folder, progress, saving: None, watch: None, result: rx }
    }

    /// The outcome, once the job has finished.
    pub fn poll(&self) -> Option<Outcome> {
        match self.result.try_recv() {
            Ok(Ok(Some(w))) => Some(Outcome::Done(Box::new(w))),
            Ok(Ok(None)) => Some(Outcome::Cancelled),
            Ok(Err(e)) => Some(Outcome::Failed(e)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Outcome::Failed(JobError::Stopped)),
        }
    }

    pub fn cancel(&self) {
        self.progress.cancel();
    }
}

/// A load started before the window knows its strictness: the files are read meanwhile (the
/// window opens in that time), and aligning waits for [`PendingLoad::align`].
pub struct PendingLoad {
    job: Job,
    start: Sender<(f32, egui::Context)>,
}

impl PendingLoad {
    /// Starts reading `folder`.
    pub fn read(folder: PathBuf) -> PendingLoad {
        PendingLoad::read_after(None, folder)
    }

    fn read_after(write: Option<SidecarWrite>, folder: PathBuf) -> PendingLoad {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (start, started) = channel::<(f32, egui::Context)>();
        let (p, f) = (progress.clone(), folder.clone());
        std::thread::spawn(move || {
            let read = survive(|| {
                write.map_or(Ok(()), |w| w())?;
                // Through the user's cache: a folder opened again reads its unchanged files back.
                Ok(crate::read_with_progress(std::slice::from_ref(&f), &p, crate::cache::default_dir().as_deref())?)
            });
            // A load dropped before it was started has no one to tell.
            let Ok((threshold, ctx)) = started.recv() else { return };
            let result = read
                .and_then(|read| survive(|| Ok(read.and_then(|r| crate::align_read(r, threshold, &p)))))
                .map(|done| {
                    done.map(|c| {
                        let workspace = Workspace::new(f, Arc::new(c), threshold);
                        let unfiltered = Some(Visible::compute(&workspace, &Filters::default()));
                        Finished { workspace, unfiltered }
                    })
                });
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        PendingLoad { job: Job { kind: JobKind::Load, folder, progress, saving: None, watch: None, result: rx }, start }
    }

    /// The folder being read.
    pub fn folder(&self) -> &std::path::Path {
        &self.job.folder
    }

    /// Stops the reading.
    pub fn cancel(self) {
        self.job.cancel();
    }

    /// Aligns what is read at `threshold` once it is read; `ctx` is asked to redraw when done.
    pub fn align(self, threshold: f32, ctx: &egui::Context) -> Job {
        // The reading thread waits for this; it has not stopped, since it would first have
        // had to receive it.
        let _ = self.start.send((threshold, ctx.clone()));
        self.job
    }
}

/// The folder a load opens when asked for `folder`: a file's own folder, and an absolute path,
/// so that the recent list and the title name it wherever the window was started from.
pub fn resolve_folder(folder: PathBuf) -> PathBuf {
    let folder = if folder.is_file() { folder.parent().map(std::path::Path::to_path_buf).unwrap_or(folder) } else { folder };
    std::fs::canonicalize(&folder).unwrap_or(folder)
}

/// Runs a job's work so that a panic in it becomes an error the window shows, not a progress
/// bar that never ends.
fn survive<T>(work: impl FnOnce() -> Result<Option<T>, JobError>) -> Result<Option<T>, JobError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| Err(JobError::Panicked(crate::panic_message(payload.as_ref()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_reports_an_error() {
        let result: Result<Option<()>, JobError> = survive(|| panic!("boom"));
        assert_eq!(result.unwrap_err().to_string(), "internal error: boom. Please report it.");
    }
}
