//! Helpers for driving the window in tests.

use std::path::Path;
use std::time::Duration;

use egui_kittest::Harness;
use parallax::gui::ParallaxApp;

pub fn open(folder: &Path) -> Harness<'static, ParallaxApp> {
    open_sized(folder, egui::vec2(1400.0, 900.0))
}

pub fn open_sized(folder: &Path, size: egui::Vec2) -> Harness<'static, ParallaxApp> {
    let folder = folder.to_path_buf();
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| ParallaxApp::new(cc, Some(folder)));
    wait_until_loaded(&mut harness);
    harness
}

/// Steps the window until the background load has finished.
pub fn wait_until_loaded(harness: &mut Harness<'static, ParallaxApp>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().busy() && harness.state().workspace.is_some() {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the folder did not load in 10 s");
}

/// The index of the article read from a file whose name starts with `prefix`.
pub fn article(harness: &Harness<'static, ParallaxApp>, prefix: &str) -> usize {
    harness.state().workspace.as_ref().unwrap().articles().iter().position(|a| a.path.starts_with(prefix)).unwrap()
}


/// Runs the window the way an event loop with no user input does: a frame only when the app
/// (or another thread: a watcher, a worker) asked for one. Returns once `done` holds, or false
/// after `timeout`.
pub fn idle_until(harness: &mut Harness<'static, ParallaxApp>, timeout: Duration, done: impl Fn(&ParallaxApp) -> bool) -> bool {
    let started = std::time::Instant::now();
    while started.elapsed() < timeout {
        if done(harness.state()) {
            return true;
        }
        if harness.ctx.has_requested_repaint() {
            harness.step();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done(harness.state())
}
