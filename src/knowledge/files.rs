//! Finding notes on disk and reading them defensively.

use std::cell::RefCell;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use super::Problem;

/// A Markdown note found under the knowledge folder.
#[derive(Debug, Clone)]
pub struct NoteFile {
    /// Where to read it.
    pub path: PathBuf,
    /// Path relative to the knowledge folder with `/` separators: the name citations use.
    pub relative: String,
}

/// Lists `*.md` / `*.markdown` notes below `dir`, sorted, skipping hidden entries and links
/// that lead outside the folder (a note must not pull in arbitrary files from the machine).
pub fn note_files(dir: &Path) -> Result<Vec<NoteFile>, Problem> {
    list_notes(dir).map(|(notes, _)| notes)
}

/// Like [`note_files`], with what could not be listed: a note behind a link that leads
/// nowhere, a folder that cannot be read. A note reached twice (through a link inside the
/// folder) is listed once, by its own path, so it is not cited twice.
pub fn list_notes(dir: &Path) -> Result<(Vec<NoteFile>, Vec<Problem>), Problem> {
    let root = dir.canonicalize().map_err(|e| Problem {
        path: dir.display().to_string(),
        message: format!("knowledge folder cannot be opened: {e}"),
    })?;
    if !root.is_dir() {
        return Err(Problem { path: dir.display().to_string(), message: "knowledge path is not a folder".to_string() });
    }
    // Links to folders outside the notes (`/usr`, `/proc`) are not walked at all: every start
    // would list thousands of paths that can never be notes.
    let outside = RefCell::new(Vec::new());
    let walker = WalkDir::new(&root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
        if entry.depth() == 0 {
            return true;
        }
        if is_hidden(entry.file_name()) {
            return false;
        }
        let leads_outside = entry.path_is_symlink()
            && entry.file_type().is_dir()
            && !entry.path().canonicalize().is_ok_and(|real| real.starts_with(&root));
        if leads_outside {
            outside.borrow_mut().push(Problem {
                path: escaped(&relative_name(&root, entry.path())),
                message: "is a link to a folder outside the notes folder; not read".to_string(),
            });
        }
        !leads_outside
    });
    let mut found: Vec<(PathBuf, NoteFile)> = Vec::new();
    let mut problems = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.extend(unlisted(&root, &e));
                continue;
            }
        };
        if !entry.file_type().is_file() || !is_markdown(entry.path()) {
            continue;
        }
        let Ok(real) = entry.path().canonicalize() else {
            continue;
        };
        let relative = relative_name(&root, entry.path());
        if !real.starts_with(&root) {
            problems.push(Problem {
                path: escaped(&relative),
                message: "is a link to a file outside the notes folder; not read".to_string(),
            });
            continue;
        }
        if relative.contains(unsafe_in_name) {
            problems.push(Problem {
                path: escaped(&relative),
                message: "has a control character (a line break, an escape, a direction override…) in its name; rename it to have it read"
                    .to_string(),
            });
            continue;
        }
        found.push((real, NoteFile { path: entry.path().to_path_buf(), relative }));
    }
    problems.extend(outside.into_inner());
    Ok((reached_once(&root, found), problems))
}

/// `name` with control characters and bidirectional overrides written as escapes (`\n`,
/// `\u{1b}`, `\u{202e}`), so a file name cannot break a log line, send escape sequences to a
/// terminal or show its text reordered.
pub fn escaped(name: &str) -> String {
    if !name.contains(unsafe_in_name) {
        return name.to_string();
    }
    name.chars().map(|c| if unsafe_in_name(c) { c.escape_default().to_string() } else { c.to_string() }).collect()
}

fn unsafe_in_name(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `path` relative to `root`, with `/` separators.
fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Keeps one entry per real file, in listing order: the one whose own path it is when a link
/// leads to it too, otherwise the first. (Runs at every start, inside the fingerprint, so a
/// thousand notes must not cost a million comparisons.)
fn reached_once(root: &Path, found: Vec<(PathBuf, NoteFile)>) -> Vec<NoteFile> {
    let own_path = |real: &PathBuf, note: &NoteFile| root.join(&note.relative) == *real;
    let mut slot_of: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut chosen: Vec<NoteFile> = Vec::with_capacity(found.len());
    for (real, note) in found {
        match slot_of.get(&real) {
            Some(&slot) if own_path(&real, &note) && !own_path(&real, &chosen[slot]) => chosen[slot] = note,
            Some(_) => {}
            None => {
                slot_of.insert(real, chosen.len());
                chosen.push(note);
            }
        }
    }
    chosen
}

/// A walk error worth telling the notes' maintainer about: a Markdown name or a folder that
/// could not be read (other unreadable files were never notes).
fn unlisted(root: &Path, error: &walkdir::Error) -> Option<Problem> {
    let path = error.path()?;
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let maybe_folder_link = is_link && path.extension().is_none();
    if !is_markdown(path) && !path.is_dir() && !maybe_folder_link {
        return None;
    }
    let message = if error.loop_ancestor().is_some() {
        "is a link back to a folder above it; skipped".to_string()
    } else if is_link && !path.exists() {
        "is a link to something that does not exist; skipped".to_string()
    } else {
        match error.io_error() {
            Some(io) => format!("cannot be read: {io}; skipped"),
            None => format!("cannot be read: {error}; skipped"),
        }
    };
    Some(Problem { path: escaped(&relative_name(root, path)), message })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_markdown(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(), Some("md" | "markdown"))
}

/// Reads a note as UTF-8 text with `\n` line ends; the error says why a person's file was
/// skipped (too large, binary, not UTF-8, empty, unreadable).
pub fn read_note_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    let bytes = read_capped(path, max_bytes)?;
    if bytes.contains(&0) {
        return Err("looks like a binary file (contains NUL bytes); skipped".to_string());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!("is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8", e.utf8_error().valid_up_to())
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err("is empty; skipped".to_string());
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Reads a regular file of at most `max_bytes` (a file grown meanwhile is cut there, then
/// refused, rather than read without end).
fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let too_large = || {
        format!("is larger than {max_bytes} bytes (`knowledge.max_note_bytes`); skipped: split it or raise the limit")
    };
    // Checked before opening: opening a FIFO waits for a writer.
    if !fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?.is_file() {
        return Err("is not a regular file; not read".to_string());
    }
    let file = fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot be read: {e}"))?;
    if meta.len() > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads a file the notes' maintainers write beside the notes (the alias list) with the checks
/// notes get: a link must not lead outside `notes` (when the file is inside it), only a regular
/// file is opened (a FIFO would hang every start, `/dev/zero` would fill memory), and its size
/// is capped. `Ok(None)` when it does not exist.
pub fn read_team_file(notes: &Path, path: &Path, max_bytes: u64) -> Result<Option<String>, String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot be read: {e}")),
        Ok(_) => {}
    }
    let real = path.canonicalize().map_err(|e| format!("cannot be read: {e}"))?;
    let root = notes.canonicalize().unwrap_or_else(|_| notes.to_path_buf());
    if path.starts_with(notes) && !real.starts_with(&root) {
        return Err("is a link to a file outside the notes folder; not read".to_string());
    }
    let bytes = read_capped(&real, max_bytes)?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        format!("is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8", e.utf8_error().valid_up_to())
    })
}

/// A cheap fingerprint of the notes (paths, sizes, modification times and, on Unix, change
/// times and inodes, plus any extra files such as the alias list) that tells whether an index
/// built earlier is still current. The change time catches an edit that kept the size and put
/// the modification time back (`rsync -t`, `touch -r`, a restored backup): no tool can set it.
pub fn fingerprint(dir: &Path, extra: &[PathBuf]) -> String {
    let mut hash = Fnv64::default();
    if let Ok(notes) = note_files(dir) {
        for note in notes {
            hash.write(note.relative.as_bytes());
            hash.write(&file_stamp(&note.path));
        }
    }
    for path in extra {
        hash.write(path.to_string_lossy().as_bytes());
        hash.write(&file_stamp(path));
    }
    format!("{:016x}", hash.0)
}

fn file_stamp(path: &Path) -> [u8; 32] {
    let meta = fs::metadata(path).ok();
    let len = meta.as_ref().map_or(u64::MAX, |m| m.len());
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    let (changed, inode) = meta.as_ref().map_or((0, 0), change_stamp);
    let mut stamp = [0u8; 32];
    for (slot, value) in stamp.chunks_exact_mut(8).zip([len, modified, changed, inode]) {
        slot.copy_from_slice(&value.to_le_bytes());
    }
    stamp
}

/// The change time (nanoseconds) and inode of a file, which every write and every replacement
/// (an editor saving by rename) moves.
#[cfg(unix)]
fn change_stamp(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let changed = (meta.ctime() as u64).wrapping_mul(1_000_000_000).wrapping_add(meta.ctime_nsec() as u64);
    (changed, meta.ino())
}

#[cfg(not(unix))]
fn change_stamp(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`, so fingerprints on disk stay valid.
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // Separate fields so ("ab","c") and ("a","bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
}
