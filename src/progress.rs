//! Progress and cancellation for long loads, shared between a worker thread and whoever watches
//! it (the window's progress bar and Cancel button). Plain atomics: reading them never blocks.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// What a load is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Finding,
    Reading,
    Aligning,
    Done,
}

#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    pub files_total: AtomicUsize,
    pub files_read: AtomicUsize,
    pub passages: AtomicUsize,
    cancelled: AtomicBool,
}

/// Returned when the user cancelled a load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl Progress {
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Finding,
            1 => Stage::Reading,
            2 => Stage::Aligning,
            _ => Stage::Done,
        }
    }

    pub fn set_stage(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// `Err(Cancelled)` once [`Progress::cancel`] was called: workers check it between steps.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.cancelled.load(Ordering::Relaxed) { Err(Cancelled) } else { Ok(()) }
    }

    /// A 0..1 estimate for a progress bar: reading is the first half, aligning the second.
    pub fn fraction(&self) -> f32 {
        let total = self.files_total.load(Ordering::Relaxed).max(1) as f32;
        let read = self.files_read.load(Ordering::Relaxed) as f32;
        match self.stage() {
            Stage::Finding => 0.0,
            Stage::Reading => 0.5 * read / total,
            Stage::Aligning => 0.6,
            Stage::Done => 1.0,
        }
    }
}
