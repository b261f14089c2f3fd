//! What the user corrected in stories and claims: the journalist's last word over the engine's.
//!
//! Corrections are kept in the folder's sidecar (`parallax.json`, under `"corrections"`) and
//! applied after every alignment, in the order they were made. They name articles by their
//! sidecar key (the file's path, `path#N` for one of a file's articles) and passages by their
//! article's key and their own text, never by event ids or byte offsets, so that they survive a
//! re-alignment, a change of strictness and the next version of the engine:
//!
//! ```json
//! "corrections": {
//!   "claims": [
//!     { "action": "together", "passages": [{ "article": "000.txt", "text": "…" }, { "article": "003.txt", "text": "…" }] },
//!     { "action": "apart", "passages": [{ "article": "002.txt", "text": "…" }], "from": [{ "article": "000.txt", "text": "…" }] },
//!     { "action": "checked", "passages": [{ "article": "000.txt", "text": "…" }, { "article": "003.txt", "text": "…" }] }
//!   ],
//!   "stories": [
//!     { "action": "apart", "articles": ["004.txt"], "from": ["001.txt"] },
//!     { "action": "together", "articles": ["000.txt", "003.txt"] }
//!   ],
//!   "notes": [
//!     { "story": "000.txt", "text": "Both cite the same briefing." },
//!     { "claim": { "article": "000.txt", "text": "…" }, "text": "Checked against the transcript." }
//!   ]
//! }
//! ```
//!
//! `together` puts the named passages (articles) in one claim (story), with whatever else the
//! claims (stories) holding them hold; `apart` takes the named ones out of any claim (story)
//! that also holds one of `from`; `checked` marks the claim of exactly these passages as checked
//! by the user. A note on a story is kept with the story that holds its article; on a claim,
//! with the claim that holds its passage.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A passage, as a correction names it: its article's sidecar key and its own text (as the
/// window shows it: see `Article::passage_text`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PassageKey {
    pub article: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClaimFix {
    /// These passages state one fact: one claim holds them all.
    Together { passages: Vec<PassageKey> },
    /// These passages do not state the fact of those: out of any claim that holds both.
    Apart { passages: Vec<PassageKey>, from: Vec<PassageKey> },
    /// The claim of exactly these passages was checked by the user.
    Checked { passages: Vec<PassageKey> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum StoryFix {
    /// These articles report one happening: one story holds them all.
    Together { articles: Vec<String> },
    /// These articles do not report the happening of those: out of any story that holds both.
    Apart { articles: Vec<String>, from: Vec<String> },
}

/// A note on a story (by one of its articles) or on a claim (by one of its passages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Note {
    Story { story: String, text: String },
    Claim { claim: PassageKey, text: String },
}

impl Note {
    pub fn text(&self) -> &str {
        match self {
            Note::Story { text, .. } | Note::Claim { text, .. } => text,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimFix>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<StoryFix>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.stories.is_empty() && self.notes.is_empty()
    }

    /// Reads the sidecar's `"corrections"` entry by entry: one that cannot be read is left out
    /// and named in `problems`; every other still applies.
    pub fn from_value(value: &Value, problems: &mut Vec<String>) -> Corrections {
        let Value::Object(root) = value else {
            problems.push("\"corrections\" is not an object of \"claims\", \"stories\" and \"notes\"; no correction was applied".into());
            return Corrections::default();
        };
        fn list<T: serde::de::DeserializeOwned>(root: &serde_json::Map<String, Value>, name: &str, problems: &mut Vec<String>) -> Vec<T> {
            match root.get(name) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(items)) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(n, item)| match serde_json::from_value(item.clone()) {
                        Ok(fix) => Some(fix),
                        Err(e) => {
                            problems.push(format!("correction {} of \"{name}\" cannot be read ({e}); it was not applied", n + 1));
                            None
                        }
                    })
                    .collect(),
                Some(_) => {
                    problems.push(format!("\"corrections\".\"{name}\" is not a list; none of it was applied"));
                    Vec::new()
                }
            }
        }
        Corrections { claims: list(root, "claims", problems), stories: list(root, "stories", problems), notes: list(root, "notes", problems) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_that_cannot_be_read_is_named_and_the_others_apply() {
        let value = serde_json::json!({
            "claims": [
                { "action": "together", "passages": [{ "article": "a.txt", "text": "One." }, { "article": "b.txt", "text": "Two." }] },
                { "action": "glue", "passages": [] },
                "not an object"
            ],
            "stories": { "action": "apart" },
            "notes": [{ "story": "a.txt", "text": "Why." }, { "claim": { "article": "a.txt", "text": "One." }, "text": "Checked." }]
        });
        let mut problems = Vec::new();
        let read = Corrections::from_value(&value, &mut problems);
        assert_eq!(read.claims.len(), 1);
        assert!(read.stories.is_empty());
        assert_eq!(read.notes.len(), 2);
        assert!(matches!(&read.notes[1], Note::Claim { claim, .. } if claim.text == "One."));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("correction 2 of \"claims\""), "{problems:?}");
        // What is written reads back the same.
        let written = serde_json::to_value(&read).unwrap();
        assert_eq!(Corrections::from_value(&written, &mut Vec::new()), read);
    }
}
