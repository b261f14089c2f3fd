//! Opening the user's files without ever waiting on them or reading more than we can use: only
//! regular files are read (a named pipe, device or socket is refused before anything blocks),
//! reads stop at a cap, and paths are shown so that two different names never look alike.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path};

/// Opens `path` for reading if it is a regular file. The file is opened without blocking, so a
/// named pipe (which would wait for a writer forever) is seen for what it is and refused.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(std::io::Error::other(format!("not a regular file ({})", kind_of(&file_type))));
    }
    Ok(file)
}

/// What kind of non-regular file this is, in words.
pub fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() { "a folder" } else { "not a plain file" }
}

/// Reads a regular file of at most `cap` bytes. A larger file is not read at all and its size is
/// returned, unless `keep_beginning` is set: then its first `cap` bytes are returned with it.
pub fn read_capped(path: &Path, cap: u64, keep_beginning: bool) -> std::io::Result<(Vec<u8>, Option<u64>)> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > cap && !keep_beginning {
        return Ok((Vec::new(), Some(size)));
    }
    let mut bytes = Vec::with_capacity(size.min(cap) as usize);
    file.take(cap).read_to_end(&mut bytes)?;
    Ok((bytes, (size > cap).then_some(size)))
}

const TEMP_PREFIX: &str = ".parallax-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of [`write_atomically`]'s temporary files (a watcher ignores them).
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Writes `bytes` to `path` atomically: into a temporary file beside it (created exclusively,
/// with an unpredictable name, so nothing planted in the folder can redirect the write), synced,
/// renamed over `path`, and the folder synced, so a crash leaves either the old file or the new
/// one, never half of one. A file that is replaced keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let result = (|| -> std::io::Result<()> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            // A new file gets the usual mode (the umask still applies); a replaced one its own.
            let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o666);
            std::fs::Permissions::from_mode(mode)
        };
        #[cfg(unix)]
        builder.permissions(mode);
        let mut tmp = builder.tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        // The rename is durable only once the folder itself is on disk.
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    result.with_context(|| format!("cannot write {}", shown(path)))
}

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

/// A path for people: components joined by `/`, and bytes that are not UTF-8 written as `\xFF`,
/// so `\xff.txt` and `\xfe.txt` are told apart (a lossy conversion would show both as `�.txt`).
pub fn shown(path: &Path) -> String {
    // The root of an absolute path is an empty first part, so joining gives the leading "/".
    let parts: Vec<String> = path
        .components()
        .map(|c| if c == Component::RootDir { String::new() } else { escape(c.as_os_str()) })
        .collect();
    parts.join("/")
}

fn escape(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_pipes_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let err = open_regular(&fifo).unwrap_err();
        assert!(err.to_string().contains("named pipe"), "{err}");
        assert!(open_regular(dir.path()).is_err(), "a folder is not read as a file");
    }

    #[test]
    fn reads_stop_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_capped(&file, 4, true).unwrap(), (b"0123".to_vec(), Some(10)));
        assert_eq!(read_capped(&file, 4, false).unwrap(), (Vec::new(), Some(10)));
        assert_eq!(read_capped(&file, 10, false).unwrap(), (b"0123456789".to_vec(), None));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = Path::new(std::ffi::OsStr::from_bytes(b"sub/\xff.txt"));
        let b = Path::new(std::ffi::OsStr::from_bytes(b"sub/\xfe.txt"));
        assert_eq!(shown(a), "sub/\\xFF.txt");
        assert_eq!(shown(b), "sub/\\xFE.txt");
        assert_eq!(shown(Path::new("/tmp/a b/c.txt")), "/tmp/a b/c.txt");
    }
}
