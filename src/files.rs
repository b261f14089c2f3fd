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

/// A path for people: components joined by `/`, and bytes that are not UTF-8 written as `\xFF`,
/// so `\xff.txt` and `\xfe.txt` are told apart (a lossy conversion would show both as `�.txt`).
/// Writes `bytes` to `path` atomically: into a temporary file beside it, synced, then renamed
/// over it, so a crash leaves either the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}

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
