//! The window's panels. Each panel is a struct with its own state and one `ui` method; panels
//! read the shared state ([`super::view::View`]) and push [`super::command::Command`]s.

pub mod article;
pub mod claims_grid;
pub mod comparison;
pub mod corrections;
pub mod events;
pub mod folder_chooser;
pub mod help;
pub mod original;
pub mod sidebar;
pub mod stories;
pub mod timeline;
pub mod toolbar;

/// "1 claim", "2 claims": a count with its noun, singular for one.
pub fn plural(n: usize, word: &str) -> String {
    let plural = match word {
        "story" => "stories",
        _ => return if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") },
    };
    if n == 1 { format!("1 {word}") } else { format!("{n} {plural}") }
}
