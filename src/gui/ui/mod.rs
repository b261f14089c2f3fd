//! The window's panels. Each panel is a struct with its own state and one `ui` method; panels
//! read the shared state ([`super::view::View`]) and push [`super::command::Command`]s; what
//! several panels draw is in [`widgets`].

pub mod article;
pub mod claims_grid;
pub mod comparison;
pub mod corrections;
pub mod events;
pub mod folder_chooser;
pub mod help;
pub mod sidebar;
pub mod stories;
pub mod thread_grid;
pub mod timeline;
pub mod toolbar;
pub mod widgets;
