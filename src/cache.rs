//! The folder cache: what reading each file of a folder produced (its articles with their
//! passages, and what was wrong with it), kept in the user's cache directory, never in the
//! folder, so that reopening an unchanged folder parses no file again and a changed file alone
//! is parsed again.
//!
//! One file per folder (`<cache dir>/parallax/<hash of the folder's path>.cache`): a header that
//! names this build, then each file's entry under its path in the folder. An entry is used only
//! when the file's size, modification time, content and sidecar entry are all as they were; a
//! cache written by another build, damaged or cut short is ignored (and said so) and written
//! anew. The cache holds only what a file alone decides, so a hit gives what parsing gives.
//!
//! Beside it (`<hash>.aligned`), the folder's last alignment ([`AlignedCache`]), under a hash
//! of everything aligning reads: the articles as they were aligned, the reuse passim found,
//! the user's corrections, the strictness, the judgements and this build. Reopening a folder
//! that has not changed shows that alignment without aligning again.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::Alignment;
use crate::article::Article;
use crate::problem::Problem;

/// What starts every cache file.
const MAGIC: &[u8; 16] = b"PARALLAX CACHE\n\0";

/// What starts every file of a kept alignment.
const ALIGNED_MAGIC: &[u8; 16] = b"PARALLAX ALIGN\n\0";

/// Folder caches kept at most: the least recently written go first.
const MAX_FOLDERS: usize = 32;

/// What identifies one reading of a file: an entry is used only when all of it is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    pub size: u64,
    /// Modification time, in nanoseconds since 1970 (0 when the system does not say).
    pub modified: i128,
    /// A hash of the file's bytes.
    pub content: u64,
    /// A hash of the file's sidecar entry (its metadata changes the articles read from it).
    pub sidecar: u64,
}

impl FileKey {
    pub fn new(metadata: Option<&std::fs::Metadata>, bytes: &[u8], sidecar: &impl Hash) -> FileKey {
        let modified = metadata
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        FileKey { size: bytes.len() as u64, modified, content: hash_of(bytes), sidecar: hash_of(sidecar) }
    }
}

/// What reading one file produced.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: FileKey,
    pub articles: Vec<Article>,
    /// The keys of each article's text (see [`crate::text_keys`]), one per article.
    pub keys: Vec<crate::text_keys::TextKeys>,
    pub reuse: Vec<crate::imported::ReuseSpan>,
    pub problems: Vec<Problem>,
}

/// One folder's cache: the entries read back, and where it is written.
#[derive(Debug, Default)]
pub struct FolderCache {
    file: Option<PathBuf>,
    build: u64,
    entries: BTreeMap<String, Entry>,
}

impl FolderCache {
    /// The cache of `folder` under `dir`, read back; empty when there is none yet, or when it
    /// cannot be used (the note says why: it is then written anew).
    pub fn open(dir: &Path, folder: &Path) -> (FolderCache, Option<String>) {
        let file = file_of(dir, folder, "cache");
        let build = this_build();
        let mut cache = FolderCache { file: Some(file.clone()), build, entries: BTreeMap::new() };
        let note = match std::fs::read(&file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => Some(format!("the cache {} cannot be read ({e}); the folder was read again", file.display())),
            Ok(bytes) => match read_framed(&bytes, MAGIC, build) {
                Ok(Some(entries)) => {
                    cache.entries = entries;
                    None
                }
                // Written by another build: its passages may not be this build's.
                Ok(None) => None,
                Err(why) => Some(format!("the cache {} was {why}; it was ignored and the folder read again", file.display())),
            },
        };
        (cache, note)
    }

    /// What reading the file at `path` produced last time, if the file is as it was then.
    pub fn get(&self, path: &str, key: &FileKey) -> Option<&Entry> {
        self.entries.get(path).filter(|e| e.key == *key)
    }

    /// Writes the folder's cache anew: the entries of the files `read` now, `fresh` replacing
    /// those parsed again; nothing is written when nothing changed. Keeps at most
    /// [`MAX_FOLDERS`] folder caches.
    pub fn save(mut self, read: &[&str], fresh: Vec<(String, Entry)>) -> Result<(), crate::files::WriteError> {
        let Some(file) = self.file.take() else { return Ok(()) };
        let before = self.entries.len();
        let read: std::collections::HashSet<&str> = read.iter().copied().collect();
        self.entries.retain(|path, _| read.contains(path.as_str()));
        if fresh.is_empty() && self.entries.len() == before && file.exists() {
            return Ok(());
        }
        self.entries.extend(fresh);
        write_framed(&file, MAGIC, self.build, &self.entries)?;
        let dir = file.parent().unwrap_or(Path::new("."));
        prune(dir, &file);
        Ok(())
    }
}

/// Writes `value` to `file` as every cache file is laid out: `magic`, a `stamp` the reader must
/// find as it expects (the build, or the key of what the value was made from), a checksum of
/// the body, then the body. Checked when read back, so it is written without a sync: a crash
/// that cuts it short costs one full reading.
fn write_framed(file: &Path, magic: &[u8; 16], stamp: u64, value: &impl Serialize) -> Result<(), crate::files::WriteError> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|io| crate::files::WriteError { path: dir.to_path_buf(), io })?;
    let body = postcard::to_stdvec(value).map_err(|e| crate::files::WriteError { path: file.to_path_buf(), io: std::io::Error::other(e) })?;
    let mut bytes = magic.to_vec();
    bytes.extend_from_slice(&stamp.to_le_bytes());
    bytes.extend_from_slice(&hash_of(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    crate::files::replace_unsynced(file, &bytes)
}

/// The value of a file [`write_framed`] wrote, `None` when its stamp is not `stamp` (another
/// build, other inputs), or what is wrong with it.
fn read_framed<T: serde::de::DeserializeOwned>(bytes: &[u8], magic: &[u8; 16], stamp: u64) -> Result<Option<T>, &'static str> {
    let rest = bytes.strip_prefix(magic.as_slice()).ok_or("not a Parallax cache")?;
    let (written_with, rest) = rest.split_first_chunk::<8>().ok_or("cut short")?;
    if u64::from_le_bytes(*written_with) != stamp {
        return Ok(None);
    }
    let (checksum, body) = rest.split_first_chunk::<8>().ok_or("cut short")?;
    if u64::from_le_bytes(*checksum) != hash_of(&body) {
        return Err("damaged or cut short");
    }
    postcard::from_bytes(body).map(Some).map_err(|_| "damaged")
}

/// Keeps the [`MAX_FOLDERS`] most recently written caches of `dir` (and always `keep`).
fn prune(dir: &Path, keep: &Path) {
    let Ok(listing) = std::fs::read_dir(dir) else { return };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = listing
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "cache") && p != keep)
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, old) in caches.into_iter().skip(MAX_FOLDERS - 1) {
        let _ = std::fs::remove_file(old.with_extension("aligned"));
        let _ = std::fs::remove_file(old);
    }
}

/// The file of `folder`'s cache of kind `extension` under `dir`.
fn file_of(dir: &Path, folder: &Path, extension: &str) -> PathBuf {
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    dir.join(format!("{:016x}.{extension}", hash_of(&folder)))
}

/// A folder's last alignment, kept under the hash of what it was made from: used only when
/// everything aligning reads is as it was.
#[derive(Debug)]
pub struct AlignedCache {
    file: PathBuf,
    key: u64,
}

impl AlignedCache {
    /// The kept alignment of `folder` under `dir`, for aligning `inputs` (everything aligning
    /// reads, see the module's comment).
    pub fn new(dir: &Path, folder: &Path, inputs: &impl Serialize) -> AlignedCache {
        let mut hasher = HashWriter(rustc_hash::FxHasher::default());
        this_build().hash(&mut hasher.0);
        // Writing to a hasher fails only if the inputs cannot be serialised, which ours can.
        let _ = postcard::to_io(inputs, &mut hasher);
        AlignedCache { file: file_of(dir, folder, "aligned"), key: hasher.0.finish() }
    }

    /// The alignment kept for these inputs, if there is one; a note when the file kept could
    /// not be used (it is then written anew).
    pub fn get(&self) -> (Option<Alignment>, Option<String>) {
        let bytes = match std::fs::read(&self.file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (None, None),
            Err(e) => return (None, Some(format!("the cache {} cannot be read ({e}); the folder was aligned again", self.file.display()))),
            Ok(bytes) => bytes,
        };
        match read_framed(&bytes, ALIGNED_MAGIC, self.key) {
            Ok(alignment) => (alignment, None),
            Err(why) => (None, Some(format!("the cache {} was {why}; it was ignored and the folder aligned again", self.file.display()))),
        }
    }

    /// Keeps `alignment` as the alignment of these inputs, in place of the one kept before.
    pub fn put(&self, alignment: &Alignment) -> Result<(), crate::files::WriteError> {
        write_framed(&self.file, ALIGNED_MAGIC, self.key, alignment)
    }
}

/// Hashes what is written to it.
struct HashWriter(rustc_hash::FxHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Identifies the running build: a cache written by another one is not trusted, since its
/// parsing may differ. The executable's size and modification time change with every build.
fn this_build() -> u64 {
    let exe = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok());
    let stamp = exe.map(|m| (m.len(), m.modified().ok()));
    hash_of(&(env!("CARGO_PKG_VERSION"), stamp))
}

fn hash_of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// The user's cache directory for Parallax (`$XDG_CACHE_HOME/parallax`, else
/// `~/.cache/parallax` on Linux), if the system has one.
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("parallax"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: u64) -> Entry {
        Entry { key: FileKey { size, modified: 1, content: 2, sidecar: 3 }, articles: Vec::new(), keys: Vec::new(), reuse: Vec::new(), problems: Vec::new() }
    }

    #[test]
    fn a_cache_reads_back_and_a_damaged_one_is_ignored_with_a_note() {
        let (dir, folder) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (cache, note) = FolderCache::open(dir.path(), folder.path());
        assert!(note.is_none() && cache.entries.is_empty(), "no cache yet is no problem");
        cache.save(&["a.txt"], vec![("a.txt".to_string(), entry(5))]).unwrap();
        let (cache, note) = FolderCache::open(dir.path(), folder.path());
        assert!(note.is_none());
        assert!(cache.get("a.txt", &entry(5).key).is_some());
        assert!(cache.get("a.txt", &entry(6).key).is_none(), "a changed file is read again");
        let file = cache.file.clone().unwrap();
        let bytes = std::fs::read(&file).unwrap();
        for damaged in [bytes[..bytes.len() - 3].to_vec(), b"garbage".to_vec(), [&bytes[..30], b"xyz".as_slice(), &bytes[33..]].concat()] {
            std::fs::write(&file, &damaged).unwrap();
            let (cache, note) = FolderCache::open(dir.path(), folder.path());
            assert!(cache.entries.is_empty(), "a damaged cache is not trusted");
            assert!(note.is_some_and(|n| n.contains("ignored")));
        }
    }

    #[test]
    fn a_cache_of_another_build_is_not_used() {
        let (dir, folder) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (cache, _) = FolderCache::open(dir.path(), folder.path());
        let other = FolderCache { build: cache.build ^ 1, ..cache };
        other.save(&["a.txt"], vec![("a.txt".to_string(), entry(5))]).unwrap();
        let (cache, note) = FolderCache::open(dir.path(), folder.path());
        assert!(note.is_none() && cache.entries.is_empty());
    }

    #[test]
    fn only_the_most_recent_folders_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let folders: Vec<tempfile::TempDir> = (0..MAX_FOLDERS + 3).map(|_| tempfile::tempdir().unwrap()).collect();
        for folder in &folders {
            FolderCache::open(dir.path(), folder.path()).0.save(&["a.txt"], vec![("a.txt".to_string(), entry(1))]).unwrap();
        }
        let kept = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(kept, MAX_FOLDERS);
        let (last, _) = FolderCache::open(dir.path(), folders.last().unwrap().path());
        assert!(!last.entries.is_empty(), "the folder just written is kept");
    }
}
