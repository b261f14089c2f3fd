//! The Parallax window (eframe/egui), on top of the core library.
//!
//! [`app`] holds the state and handles every user intent ([`command`]) in one place, and
//! [`carry_over`] what the selection becomes when a new alignment arrives; [`ui`] has
//! one struct per panel, each reading the [`view`]; [`worker`] runs loading and aligning off the
//! UI thread; [`watch`] reloads when the folder changes; [`workspace`] and [`filter`] hold what
//! is derived once per load or per filter change, so that no frame recomputes it; [`fixes`]
//! turns a correction the user asks for into what the sidecar keeps, and [`history`] undoes and
//! redoes them; [`fonts`] adds the system's fonts for what egui's bundled fonts lack;
//! [`browser`] opens an article's original, web addresses only.

mod app;
mod browser;
mod carry_over;
pub(crate) mod colors;
mod command;
mod filter;
mod fixes;
mod fonts;
mod history;
mod settings;
mod ui;
mod view;
mod watch;
mod worker;
mod workspace;

use std::path::PathBuf;

pub use app::ParallaxApp;
pub use browser::Browser;
pub use command::{Command, List, Mode};
pub use fixes::{Fix, PairWith};

/// Opens the window on `folder` (or the last folder, or the seeds).
/// With `measure_scroll`, scrolls the events list for that many frames and prints frame times;
/// with `measure_load`, prints how long the folder took to show and quits.
pub fn run(folder: Option<PathBuf>, measure_scroll: Option<usize>, measure_load: bool) -> eframe::Result {
    let launched = std::time::Instant::now();
    // The files are read while the window opens; aligning waits for the saved strictness.
    let pending = folder.clone().map(|f| worker::PendingLoad::read(worker::resolve_folder(f)));
    // Only the real window: tests render with the bundled fonts alone, alike everywhere.
    // Looking through the system's fonts takes a while too, so it also runs meanwhile.
    let fonts = std::thread::spawn(fonts::with_system_fallbacks);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Parallax")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            .with_app_id("parallax"),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Parallax",
        options,
        Box::new(move |cc| {
            cc.egui_ctx.set_fonts(fonts.join().unwrap_or_default());
            let mut app = ParallaxApp::opening(cc, folder, pending);
            if let Some(frames) = measure_scroll {
                app.measure_scrolling(frames);
            }
            if measure_load {
                app.measure_loading(launched);
            }
            Ok(Box::new(app))
        }),
    )
}
