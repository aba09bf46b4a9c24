//! Index generations on disk and the `CURRENT` pointer that names the live one.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::columnar::Column;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher};

use super::integrity::{self, FileSum, ReadOnlyDirectory};
use super::schema::{ChunkFields, SCHEMA_VERSION};
use super::stored::{StoredChunk, StoredChunks};
use super::terms::KnownTerms;
use super::IndexError;
use crate::analysis::{register_tokenizers, Analyzer};
use crate::knowledge::{Definition, Translation, WrittenApart};
use crate::knowledge::{Problem, Section};

const CURRENT: &str = "CURRENT";
pub(super) const MANIFEST: &str = "notebot.json";
/// Written into every index folder notebot makes: only a folder holding it, or an empty one,
/// is built in, since a build deletes old generations there.
const MARKER: &str = "NOTEBOT-INDEX";
const MARKER_TEXT: &str = "This folder is a notebot search index. notebot deletes its gen-* and building-* \
folders when it rebuilds; keep nothing else here.\n";
/// Held while a process builds and publishes, so builds from several processes take turns.
const BUILD_LOCK: &str = "build.lock";
/// `CURRENT` holds one generation name; anything longer is not ours.
const MAX_POINTER_BYTES: u64 = 256;

/// What a build knew when it ran, stored beside the Tantivy files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Schema and analysis version; a mismatch forces a rebuild.
    pub schema_version: u32,
    /// Fingerprint of the notes the index was built from.
    pub fingerprint: String,
    /// Notes indexed.
    pub files: usize,
    /// Chunks indexed.
    pub chunks: usize,
    /// Of which Q&A pairs.
    pub qa_pairs: usize,
    /// Notes skipped or read in part, with reasons.
    pub problems: Vec<Problem>,
    /// Headings and their text, for topics.
    pub sections: Vec<Section>,
    /// English phrases of the notes under their initials (`rf`: `replication factor`), for
    /// questions that abbreviate them.
    #[serde(default)]
    pub spelled_out: BTreeMap<String, Vec<String>>,
    /// Terms the notes write in both languages (`교착상태(Deadlock)`), searched like aliases.
    #[serde(default)]
    pub translations: Vec<Translation>,
    /// English terms the notes write both glued and apart (`roundrobin`, `round robin`), so a
    /// question's glued word also finds them written apart.
    #[serde(default)]
    pub written_apart: Vec<WrittenApart>,
    /// Abbreviations the notes define (`SSR(Server Side Rendering)`), searched like aliases.
    #[serde(default)]
    pub abbreviations: Vec<Definition>,
    /// Build time in milliseconds.
    pub build_ms: f64,
    /// Length and CRC-32 of every data file, checked before the generation is opened.
    #[serde(default)]
    pub files_written: Vec<FileSum>,
}

/// A generation opened for searching.
pub struct OpenIndex {
    /// A searcher over the generation's single commit, reused by every query (it keeps the
    /// segments open, so no reader needs to be kept).
    pub searcher: Searcher,
    /// Field handles.
    pub fields: ChunkFields,
    /// What the build recorded.
    pub manifest: Manifest,
    chunks: StoredChunks,
    terms: Arc<KnownTerms>,
    /// Each segment's `order` column.
    orders: Vec<Column<u64>>,
    /// Each segment's `links` column.
    links: Vec<Column<u64>>,
    /// Each note's sections, as a range of `manifest.sections` (a note's sections are written
    /// together).
    note_sections: FxHashMap<String, Range<usize>>,
}

impl OpenIndex {
    /// The smallest section of `source` that holds lines `first..=last`, if any does (lines
    /// above a note's first heading belong to none).
    pub fn section_holding(&self, source: &str, first: u32, last: u32) -> Option<&Section> {
        let range = self.note_sections.get(source)?.clone();
        crate::knowledge::section_holding(&self.manifest.sections[range], source, first, last)
    }

    /// The chunk's place in the notes (see [`ChunkFields::order`]), for ordering equal scores
    /// the same way however the index was written.
    pub fn order(&self, address: DocAddress) -> u64 {
        let column = self.orders.get(address.segment_ord as usize);
        column.and_then(|column| column.first(address.doc_id)).unwrap_or(u64::MAX)
    }

    /// The share (0..1) of the chunk's visible text that is links (see [`ChunkFields::links`]).
    pub fn link_share(&self, address: DocAddress) -> f32 {
        let column = self.links.get(address.segment_ord as usize);
        column.and_then(|column| column.first(address.doc_id)).map_or(0.0, |thousandths| thousandths as f32 / 1000.0)
    }

    /// The stored fields of the chunk at `address`, decoded once per generation.
    pub fn chunk(&self, address: DocAddress) -> tantivy::Result<Arc<StoredChunk>> {
        self.chunks.get(&self.searcher, &self.fields, address)
    }

    /// The terms the searched fields hold, to skip dictionary lookups for the rest.
    pub fn known_terms(&self) -> &Arc<KnownTerms> {
        &self.terms
    }
}

/// The index folder.
#[derive(Debug, Clone)]
pub struct IndexStore {
    dir: PathBuf,
}

static BUILD_COUNTER: AtomicU32 = AtomicU32::new(0);

impl IndexStore {
    /// A store rooted at `dir` (created on first build).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        IndexStore { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The live generation's folder, if `CURRENT` is a small file naming a generation that
    /// exists (a FIFO, a device or a huge file there is no index, not a hang).
    pub fn current(&self) -> Option<PathBuf> {
        let name = read_pointer(&self.dir.join(CURRENT))?;
        if !is_generation(&name) {
            return None;
        }
        let path = self.dir.join(name);
        path.is_dir().then_some(path)
    }

    /// Waits until no other process builds in this folder, then holds it for one build until
    /// the lock is dropped. Refuses a folder notebot did not make (see [`MARKER`]).
    pub fn lock_for_build(&self) -> Result<BuildLock, IndexError> {
        self.claim()?;
        let path = self.dir.join(BUILD_LOCK);
        let file =
            fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| io(&path, e))?;
        fs4::fs_std::FileExt::lock_exclusive(&file).map_err(|e| io(&path, e))?;
        Ok(BuildLock { _file: file })
    }

    /// Removes what a process killed while building left behind: build folders and unfinished
    /// `CURRENT` pointers. Only while holding `_lock`, so no running build is touched.
    pub fn clear_abandoned(&self, _lock: &BuildLock) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if is_build(&name) {
                let _ = fs::remove_dir_all(entry.path());
            } else if is_pointer_draft(&name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Clears what a killed build left behind when no build is running now; a start that needs
    /// no build calls this, so a rebuild killed midway leaves nothing for long. Does nothing in
    /// a folder without the marker or one that cannot be written.
    pub fn tidy(&self) {
        let stray = |name: &str| is_build(name) || is_pointer_draft(name);
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let any_stray = entries.flatten().any(|e| stray(&e.file_name().to_string_lossy()));
        if !any_stray || !self.dir.join(MARKER).is_file() {
            return;
        }
        let path = self.dir.join(BUILD_LOCK);
        let Ok(file) = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path) else {
            return;
        };
        if fs4::fs_std::FileExt::try_lock_exclusive(&file).unwrap_or(false) {
            self.clear_abandoned(&BuildLock { _file: file });
        }
    }

    /// Makes sure the folder exists and is notebot's: empty (or new), marked, or holding a
    /// generation notebot published before the marker existed. A folder with anything else is
    /// refused whatever its entries are named: `gen-2024-01-15/` may be someone's backup.
    fn claim(&self) -> Result<(), IndexError> {
        fs::create_dir_all(&self.dir).map_err(|e| io(&self.dir, e))?;
        let marker = self.dir.join(MARKER);
        if fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
            return Ok(());
        }
        // The marker or lock may appear after the check above: another notebot process (or
        // thread) claiming the same new folder at the same moment. Both are ours.
        let mut names: Vec<String> = fs::read_dir(&self.dir)
            .map_err(|e| io(&self.dir, e))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|name| name != MARKER && name != BUILD_LOCK)
            .collect();
        names.sort();
        if let Some(first) = names.first() {
            if !self.published_by_notebot() {
                return Err(IndexError::NotAnIndex {
                    path: self.dir.display().to_string(),
                    entry: crate::knowledge::escaped(first),
                });
            }
        }
        fs::write(&marker, MARKER_TEXT).map_err(|e| io(&marker, e))
    }

    /// Whether `CURRENT` names a generation holding a notebot manifest.
    fn published_by_notebot(&self) -> bool {
        let Some(generation) = self.current() else {
            return false;
        };
        let manifest = fs::read(generation.join(MANIFEST)).ok();
        let json = manifest.and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
        json.is_some_and(|json| json["schema_version"].is_u64() && json["fingerprint"].is_string())
    }

    /// A fresh, empty folder for a build; unique even for concurrent builders. Refuses a folder
    /// that holds anything notebot did not write, since pruning old generations deletes folders.
    pub fn begin(&self) -> Result<PathBuf, IndexError> {
        self.claim()?;
        self.check_ours()?;
        let path = self.dir.join(format!("building-{}", unique_suffix()));
        fs::create_dir(&path).map_err(|e| io(&path, e))?;
        Ok(path)
    }

    /// Makes a finished build live: renames it to a generation and swaps `CURRENT` atomically,
    /// then removes generations older than the previous one.
    pub fn publish(&self, building: &Path) -> Result<PathBuf, IndexError> {
        let name = format!("gen-{}", unique_suffix());
        let generation = self.dir.join(&name);
        fs::rename(building, &generation).map_err(|e| io(building, e))?;
        let previous = self.current();
        let pointer = self.dir.join(format!("{CURRENT}.{}", unique_suffix()));
        fs::write(&pointer, &name).map_err(|e| io(&pointer, e))?;
        fs::rename(&pointer, self.dir.join(CURRENT)).map_err(|e| io(&pointer, e))?;
        self.prune(&[Some(generation.clone()), previous]);
        Ok(generation)
    }

    /// Removes a failed build's folder.
    pub fn discard(&self, building: &Path) {
        let _ = fs::remove_dir_all(building);
    }

    /// Fails when the folder holds an entry that is not a generation, a build, or `CURRENT`.
    fn check_ours(&self) -> Result<(), IndexError> {
        let entries = fs::read_dir(&self.dir).map_err(|e| io(&self.dir, e))?;
        let foreign = entries.flatten().map(|e| e.file_name().to_string_lossy().to_string()).find(|name| {
            let pointer = name == CURRENT || is_pointer_draft(name);
            let hidden = name.starts_with('.'); // `.gitkeep`, `.DS_Store`
            let ours = name == MARKER || name == BUILD_LOCK;
            !pointer && !hidden && !ours && !is_generation(name) && !is_build(name)
        });
        match foreign {
            Some(name) => Err(IndexError::NotAnIndex {
                path: self.dir.display().to_string(),
                entry: crate::knowledge::escaped(&name),
            }),
            None => Ok(()),
        }
    }

    /// Removes generations other than `keep`, and builds abandoned more than
    /// [`ABANDONED_BUILD_SECS`] ago (a process killed while building).
    fn prune(&self, keep: &[Option<PathBuf>]) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let old_generation = is_generation(&name) && !keep.iter().flatten().any(|k| k == &path);
            let abandoned_build = is_build(&name) && started_secs_ago(&name) > ABANDONED_BUILD_SECS;
            if old_generation || abandoned_build {
                let _ = fs::remove_dir_all(&path);
            }
        }
    }
}

/// Held while building; dropping it (or the process ending) lets the next build start.
#[derive(Debug)]
pub struct BuildLock {
    _file: fs::File,
}

/// The content of the pointer file at `path`, if it is a regular file small enough to be one.
fn read_pointer(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_POINTER_BYTES {
        return None;
    }
    let mut text = String::new();
    fs::File::open(path).ok()?.take(MAX_POINTER_BYTES).read_to_string(&mut text).ok()?;
    Some(text.trim().to_string())
}

/// `CURRENT.<millis>-<pid>-<n>`: a pointer written before it is renamed over `CURRENT`.
fn is_pointer_draft(name: &str) -> bool {
    name.strip_prefix("CURRENT.").is_some_and(is_unique_suffix)
}

/// A build folder older than this belongs to a process that died: builds take seconds.
const ABANDONED_BUILD_SECS: u64 = 3_600;

/// `gen-<millis>-<pid>-<n>`, as [`IndexStore::publish`] names generations.
fn is_generation(name: &str) -> bool {
    name.strip_prefix("gen-").is_some_and(is_unique_suffix)
}

/// `building-<millis>-<pid>-<n>`, as [`IndexStore::begin`] names builds.
fn is_build(name: &str) -> bool {
    name.strip_prefix("building-").is_some_and(is_unique_suffix)
}

/// Seconds since the build named `name` started, from the milliseconds in its name.
fn started_secs_ago(name: &str) -> u64 {
    let started = name.trim_start_matches("building-").split('-').next().and_then(|ms| ms.parse::<u128>().ok());
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    started.map_or(0, |started| (now.saturating_sub(started) / 1000) as u64)
}

fn unique_suffix() -> String {
    let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let n = BUILD_COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{millis}-{}-{n}", std::process::id())
}

/// Whether `suffix` is what [`unique_suffix`] makes: three dash-separated numbers.
fn is_unique_suffix(suffix: &str) -> bool {
    let parts: Vec<&str> = suffix.split('-').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn io(path: &Path, source: std::io::Error) -> IndexError {
    IndexError::Io { path: path.display().to_string(), source }
}

pub(super) fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), IndexError> {
    let path = dir.join(MANIFEST);
    let json = serde_json::to_vec(manifest).map_err(|e| manifest_json(&path, e))?;
    fs::write(&path, json).map_err(|e| io(&path, e))
}

fn read_manifest(dir: &Path) -> Result<Manifest, IndexError> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|e| io(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| manifest_json(&path, e))
}

fn manifest_json(path: &Path, source: serde_json::Error) -> IndexError {
    IndexError::ManifestJson { path: path.display().to_string(), source }
}

/// Opens a generation folder for searching, with our tokenizer registered, once its files
/// are checked to be those its build wrote.
pub fn open_generation(path: &Path, analyzer: &Analyzer) -> Result<OpenIndex, IndexError> {
    let manifest = read_manifest(path)?;
    if manifest.schema_version != SCHEMA_VERSION {
        return Err(IndexError::Manifest(format!(
            "built by schema version {}, this notebot uses {SCHEMA_VERSION}",
            manifest.schema_version
        )));
    }
    if manifest.files_written.is_empty() {
        return Err(IndexError::Manifest("built by an older notebot, which recorded no checksums".to_string()));
    }
    let checking = std::time::Instant::now();
    integrity::verify(path, &manifest.files_written).map_err(IndexError::Damaged)?;
    tracing::debug!(
        "checked {} index files ({} bytes) in {:.1} ms",
        manifest.files_written.len(),
        manifest.files_written.iter().map(|f| f.len).sum::<u64>(),
        checking.elapsed().as_secs_f64() * 1000.0
    );
    open_with_manifest(path, analyzer, manifest)
}

/// Opens a generation whose manifest the caller already holds: a build has just written it,
/// and reading its JSON back (every heading's text) was a tenth of a build's serial part.
pub(super) fn open_with_manifest(
    path: &Path,
    analyzer: &Analyzer,
    manifest: Manifest,
) -> Result<OpenIndex, IndexError> {
    // Damage the checksums cannot see (a file changed after they were checked) must still be
    // a missing index, not a crash: Tantivy panics on some malformed term dictionaries.
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open_searcher(path, analyzer, &manifest)));
    let (searcher, fields, chunks, terms, [orders, links]) = match opened {
        Ok(opened) => opened?,
        Err(_) => return Err(IndexError::Damaged("the search library failed reading it".to_string())),
    };
    let note_sections = note_sections(&manifest.sections);
    Ok(OpenIndex { searcher, fields, manifest, chunks, terms, orders, links, note_sections })
}

/// Where each note's sections sit in `sections`.
fn note_sections(sections: &[Section]) -> FxHashMap<String, Range<usize>> {
    let mut out: FxHashMap<String, Range<usize>> = FxHashMap::default();
    for (i, section) in sections.iter().enumerate() {
        match out.get_mut(&section.source) {
            Some(range) if range.end == i => range.end = i + 1,
            Some(range) => *range = range.start.min(i)..range.end.max(i + 1),
            None => {
                out.insert(section.source.clone(), i..i + 1);
            }
        }
    }
    out
}

type Opened = (Searcher, ChunkFields, StoredChunks, Arc<KnownTerms>, [Vec<Column<u64>>; 2]);

fn open_searcher(path: &Path, analyzer: &Analyzer, manifest: &Manifest) -> Result<Opened, IndexError> {
    let index = Index::open(ReadOnlyDirectory::open(path)?)?;
    register_tokenizers(&index, analyzer);
    let (_, fields) = ChunkFields::schema();
    let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    if searcher.num_docs() != manifest.chunks as u64 {
        let documents = searcher.num_docs();
        return Err(IndexError::Damaged(format!("{documents} documents where the build wrote {}", manifest.chunks)));
    }
    let chunks = StoredChunks::new(&searcher);
    let terms = Arc::new(KnownTerms::gather(&searcher, &fields)?);
    let column = |name: &str| {
        searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(name))
            .collect::<tantivy::Result<Vec<_>>>()
    };
    let columns = [column("order")?, column("links")?];
    Ok((searcher, fields, chunks, terms, columns))
}

/// Records `generation`'s files and document count in its manifest again, for a tool that
/// changed the generation in place (tests that build several segments): opening refuses a
/// generation whose files are not those recorded.
pub fn seal(generation: &Path) -> Result<(), IndexError> {
    let mut manifest = read_manifest(generation)?;
    let index = Index::open(ReadOnlyDirectory::open(generation)?)?;
    let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    manifest.chunks = reader.searcher().num_docs() as usize;
    manifest.files_written = integrity::sum_files(generation, MANIFEST).map_err(|e| io(generation, e))?;
    write_manifest(generation, &manifest)
}

/// Opens the live generation, if there is one that this version can read.
pub fn open_current(store: &IndexStore, analyzer: &Analyzer) -> Option<OpenIndex> {
    let path = store.current()?;
    match open_generation(&path, analyzer) {
        Ok(open) => Some(open),
        Err(e @ IndexError::Damaged(_)) => {
            tracing::warn!("index at {} will be rebuilt: {e}", path.display());
            None
        }
        Err(e) => {
            tracing::info!("index at {} will be rebuilt: {e}", path.display());
            None
        }
    }
}
