//! Where an export may be written: never over an article or the sidecar of the folders being
//! compared, never as a new article inside them, never over what is not a regular file.

use std::path::Path;

use crate::files::{kind_of, shown};

/// Why an export is not written where it was asked to go.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct RefusedOutput {
    pub path: String,
    pub reason: String,
}

/// Checks that an export may be written to `path`: never over an article or the sidecar of the
/// `inputs` being compared (nor as a new article file inside an input folder, which the next
/// load would read as an article), never over what is not a regular file (a link, a named pipe,
/// a device, a folder), and over an existing regular file only when `replace` is set.
pub fn check_output(path: &Path, inputs: &[std::path::PathBuf], replace: bool) -> Result<(), RefusedOutput> {
    let refuse = |reason: String| RefusedOutput { path: shown(path), reason };
    let Some(name) = path.file_name() else { return Err(refuse("names no file".into())) };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let real_dir = std::fs::canonicalize(dir).map_err(|e| refuse(format!("its folder cannot be used ({e})")))?;
    let target = real_dir.join(name);
    let is_sidecar = name == crate::sidecar::FILE_NAME;
    let reads_as_article = Path::new(name)
        .extension()
        .is_some_and(|e| crate::load::EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()));
    for input in inputs {
        let Ok(real) = std::fs::canonicalize(input) else { continue };
        if real.is_dir() {
            if target.starts_with(&real) && is_sidecar {
                return Err(refuse("is the sidecar of the folder being exported (it holds the corrections); choose a file outside the folder".into()));
            }
            if target.starts_with(&real) && reads_as_article {
                return Err(refuse(if target.exists() {
                    "is one of the articles being exported; choose a file outside the folder".into()
                } else {
                    "is inside the folder being exported, where it would be read as an article; choose a file outside the folder".into()
                }));
            }
        } else if target == real {
            return Err(refuse("is one of the articles being exported; choose another file".into()));
        } else if is_sidecar && real.parent() == Some(real_dir.as_path()) {
            return Err(refuse("is the sidecar of the articles being exported (it holds the corrections); choose another file".into()));
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(refuse("is a symbolic link; an export replaces only a regular file".into())),
        Ok(m) if !m.is_file() => Err(refuse(format!("is {}; an export replaces only a regular file", kind_of(&m.file_type())))),
        Ok(_) if !replace => Err(refuse("already exists; add --force to replace it".into())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(refuse(format!("cannot be checked ({e})"))),
    }
}
