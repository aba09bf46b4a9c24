//! The notes' raw lines, to check what a citation really covers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Lazily read note files, by path relative to the knowledge folder.
pub struct NoteLines {
    dir: PathBuf,
    files: HashMap<String, Vec<String>>,
}

impl NoteLines {
    /// Reads notes from `dir` on demand.
    pub fn new(dir: &Path) -> Self {
        NoteLines { dir: dir.to_path_buf(), files: HashMap::new() }
    }

    /// Whether lines `lines[0]..=lines[1]` of `source` contain `needle` (compared in NFC, so
    /// decomposed Hangul in a file still matches typed text).
    pub fn range_contains(&mut self, source: &str, lines: [u32; 2], needle: &str) -> bool {
        let dir = &self.dir;
        let file = self.files.entry(source.to_string()).or_insert_with(|| {
            std::fs::read_to_string(dir.join(source))
                .map(|text| text.lines().map(|l| l.nfc().collect()).collect())
                .unwrap_or_default()
        });
        let first = lines[0].max(1) as usize - 1;
        let last = (lines[1] as usize).min(file.len());
        if first >= last {
            return false;
        }
        let needle: String = needle.nfc().collect();
        file[first..last].join("\n").contains(&needle)
    }
}
