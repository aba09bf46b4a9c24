//! Index generations on disk and the `CURRENT` pointer that names the live one.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher};

use super::schema::{ChunkFields, SCHEMA_VERSION};
use super::stored::{StoredChunk, StoredChunks};
use super::terms::KnownTerms;
use super::IndexError;
use crate::analysis::{register_tokenizers, Analyzer};
use crate::knowledge::Translation;
use crate::knowledge::{Problem, Section};

const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "notebot.json";

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
    /// Build time in milliseconds.
    pub build_ms: f64,
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
}

impl OpenIndex {
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

    /// The live generation's folder, if `CURRENT` names one that exists.
    pub fn current(&self) -> Option<PathBuf> {
        let name = fs::read_to_string(self.dir.join(CURRENT)).ok()?;
        let path = self.dir.join(name.trim());
        path.is_dir().then_some(path)
    }

    /// A fresh, empty folder for a build; unique even for concurrent builders. Refuses a folder
    /// that holds anything notebot did not write, since pruning old generations deletes folders.
    pub fn begin(&self) -> Result<PathBuf, IndexError> {
        fs::create_dir_all(&self.dir).map_err(|e| io(&self.dir, e))?;
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
            let pointer = name == CURRENT || name.strip_prefix("CURRENT.").is_some_and(is_unique_suffix);
            let hidden = name.starts_with('.'); // `.gitkeep`, `.DS_Store`
            !pointer && !hidden && !is_generation(name) && !is_build(name)
        });
        match foreign {
            Some(name) => Err(IndexError::NotAnIndex { path: self.dir.display().to_string(), entry: name }),
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
    let json = serde_json::to_vec(manifest).map_err(|e| IndexError::Manifest(e.to_string()))?;
    let path = dir.join(MANIFEST);
    fs::write(&path, json).map_err(|e| io(&path, e))
}

fn read_manifest(dir: &Path) -> Result<Manifest, IndexError> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|e| io(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| IndexError::Manifest(format!("{}: {e}", path.display())))
}

/// Opens a generation folder for searching, with our tokenizer registered.
pub fn open_generation(path: &Path, analyzer: &Analyzer) -> Result<OpenIndex, IndexError> {
    let manifest = read_manifest(path)?;
    if manifest.schema_version != SCHEMA_VERSION {
        return Err(IndexError::Manifest(format!(
            "built by schema version {}, this notebot uses {SCHEMA_VERSION}",
            manifest.schema_version
        )));
    }
    open_with_manifest(path, analyzer, manifest)
}

/// Opens a generation whose manifest the caller already holds: a build has just written it,
/// and reading its JSON back (every heading's text) was a tenth of a build's serial part.
pub(super) fn open_with_manifest(
    path: &Path,
    analyzer: &Analyzer,
    manifest: Manifest,
) -> Result<OpenIndex, IndexError> {
    let index = Index::open_in_dir(path)?;
    register_tokenizers(&index, analyzer);
    let (_, fields) = ChunkFields::schema();
    let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    let chunks = StoredChunks::new(&searcher);
    let terms = Arc::new(KnownTerms::gather(&searcher, &fields)?);
    Ok(OpenIndex { searcher, fields, manifest, chunks, terms })
}

/// Opens the live generation, if there is one that this version can read.
pub fn open_current(store: &IndexStore, analyzer: &Analyzer) -> Option<OpenIndex> {
    let path = store.current()?;
    match open_generation(&path, analyzer) {
        Ok(open) => Some(open),
        Err(e) => {
            tracing::info!("index at {} will be rebuilt: {e}", path.display());
            None
        }
    }
}
