//! The five seed articles and their sidecar, compiled into the binary: a copied or installed
//! `parallax` opens real work on first run. They are written into a folder of the user's (the
//! window uses its data directory), once: files already there are left alone, so corrections
//! saved to that folder's sidecar stay.

use std::path::Path;

/// The seed files, byte for byte as in `seeds/`.
pub const FILES: [(&str, &[u8]); 6] = [
    ("000_830395bd5e98b52a.txt", include_bytes!("../seeds/000_830395bd5e98b52a.txt")),
    ("001_048866fb0eaad4a3.txt", include_bytes!("../seeds/001_048866fb0eaad4a3.txt")),
    ("002_700af1b1d028a35e.txt", include_bytes!("../seeds/002_700af1b1d028a35e.txt")),
    ("003_f042ae69e39f5617.txt", include_bytes!("../seeds/003_f042ae69e39f5617.txt")),
    ("004_0f05e8be09840685.txt", include_bytes!("../seeds/004_0f05e8be09840685.txt")),
    (crate::sidecar::FILE_NAME, include_bytes!("../seeds/parallax.json")),
];

/// Writes the seed files that `dir` does not have yet (creating it), each atomically.
pub fn install(dir: &Path) -> Result<(), crate::files::WriteError> {
    std::fs::create_dir_all(dir).map_err(|io| crate::files::WriteError { path: dir.to_path_buf(), io })?;
    for (name, bytes) in FILES {
        let path = dir.join(name);
        if !path.exists() {
            crate::files::write_atomically(&path, bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_seeds_are_the_seed_files_and_keep_corrections() {
        let dir = tempfile::tempdir().unwrap();
        install(dir.path()).unwrap();
        for (name, bytes) in FILES {
            assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), bytes, "{name}");
            let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(name);
            assert_eq!(std::fs::read(shipped).unwrap(), bytes, "{name} is compiled in byte for byte");
        }
        crate::sidecar::Sidecar::update(dir.path(), "004_0f05e8be09840685.txt", |m| m.outlet = Some("Corrected".into())).unwrap();
        install(dir.path()).unwrap();
        let sidecar = crate::sidecar::Sidecar::read(dir.path()).unwrap();
        assert_eq!(sidecar.articles["004_0f05e8be09840685.txt"].outlet.as_deref(), Some("Corrected"), "a second start keeps the correction");
    }
}
