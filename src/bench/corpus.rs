//! Larger knowledge folders made of copies of the real notes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::knowledge::note_files;

/// A generated knowledge folder.
pub struct Corpus {
    /// Where it is.
    pub dir: PathBuf,
    /// Markdown bytes in it.
    pub bytes: u64,
}

/// Writes `scale` copies of every note under `from` into `to` (as `copy-0001/…`), plus the
/// alias file, so the bigger folder reads like the real one.
pub fn copy_notes(from: &Path, to: &Path, scale: usize) -> io::Result<Corpus> {
    let notes = note_files(from).map_err(|p| io::Error::other(p.to_string()))?;
    let mut bytes = 0;
    for copy in 1..=scale {
        for note in &notes {
            let text = fs::read(&note.path)?;
            let target = to.join(format!("copy-{copy:04}")).join(&note.relative);
            fs::create_dir_all(target.parent().unwrap_or(to))?;
            fs::write(&target, &text)?;
            bytes += text.len() as u64;
        }
    }
    let aliases = from.join("_aliases.toml");
    if aliases.is_file() {
        fs::copy(&aliases, to.join("_aliases.toml"))?;
    }
    Ok(Corpus { dir: to.to_path_buf(), bytes })
}
