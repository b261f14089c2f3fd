//! Image snapshots of the window (run with `--features snapshots`, `WGPU_BACKEND=gl`); the
//! reference PNGs live in tests/snapshots/. Update them with `UPDATE_SNAPSHOTS=1`.
#![cfg(feature = "snapshots")]

mod support;

use egui_kittest::kittest::Queryable;
use parallax::gui::Command;
use support::seeds;
use support::window::open;

#[test]
fn main_view_with_seeds() {
    let mut harness = open(&seeds());
    harness.get_by_label("All events").click();
    harness.run();
    harness.get_by_label_contains("export finance to supply over").click();
    harness.run();
    harness.snapshot("main_view_seeds");
}

#[test]
fn timeline_narrowed_to_2024() {
    let mut harness = open(&seeds());
    harness.state_mut().command(Command::SetDateRange(Some(jiff::civil::date(2024, 1, 1)), Some(jiff::civil::date(2024, 12, 31))));
    harness.run();
    harness.snapshot("timeline_2024");
}

#[test]
fn article_view() {
    let mut harness = open(&seeds());
    harness.get_by_label_contains("On the morning of Oc").click();
    harness.run();
    harness.snapshot("article_view");
}

#[test]
fn claims_grid_of_the_victory_plan_story() {
    let mut harness = open(&seeds());
    let story = {
        let ws = harness.state().workspace.as_ref().unwrap();
        let of = |prefix: &str| ws.articles().iter().position(|a| a.path.starts_with(prefix)).unwrap();
        let (a000, a003) = (of("000"), of("003"));
        ws.comparison.alignment.stories.iter().position(|s| s.articles.contains(&a000) && s.articles.contains(&a003)).unwrap()
    };
    harness.state_mut().command(Command::SelectStory(story));
    harness.run();
    harness.snapshot("claims_grid_victory_plan");
}

#[test]
fn thread_grid_of_a_fixture_thread() {
    let folder = support::thread_folder();
    let mut harness = open(folder.path());
    harness.get_by_label_contains("Thread: ").click();
    harness.run();
    harness.snapshot("thread_grid");
}
