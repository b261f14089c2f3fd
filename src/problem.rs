//! What could not be read or applied, for the user: a file (or a part of it) not loaded, read with
//! a caveat, or a correction of the sidecar's that no longer applies. Every layer reports in it;
//! it depends on none.

use serde::{Deserialize, Serialize};

/// A file that could not be read, or was read with a caveat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// `error`: the file (or part of it) was not loaded; `warning`: it was, with a caveat.
    pub severity: Severity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}
