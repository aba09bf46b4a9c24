//! Larger knowledge folders made of copies of the real notes.

use std::fs;
use std::io;
use std::path::Path;

use crate::config::KnowledgeSettings;
use crate::knowledge::note_files;

/// Writes `scale` copies of every note of `knowledge` into `to` (as `copy-0001/…`), plus the
/// alias file, so the bigger folder reads like the real one; returns the Markdown bytes written.
pub(super) fn copy_notes(knowledge: &KnowledgeSettings, to: &Path, scale: usize) -> io::Result<u64> {
    let notes = note_files(&knowledge.dir).map_err(|p| io::Error::other(p.to_string()))?;
    let mut bytes = 0;
    for note in &notes {
        let text = fs::read(&note.path)?;
        for copy in 1..=scale {
            let target = to.join(format!("copy-{copy:04}")).join(&note.relative);
            fs::create_dir_all(target.parent().unwrap_or(to))?;
            fs::write(&target, &text)?;
            bytes += text.len() as u64;
        }
    }
    let aliases = knowledge.aliases_path();
    if knowledge.aliases_file.is_relative() && aliases.is_file() {
        let target = to.join(&knowledge.aliases_file);
        fs::create_dir_all(target.parent().unwrap_or(to))?;
        fs::copy(&aliases, target)?;
    }
    Ok(bytes)
}
