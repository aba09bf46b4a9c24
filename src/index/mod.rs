//! The on-disk search index: schema, build, and the atomic swap that lets a rebuild replace
//! the serving index without a moment where questions cannot be answered.
//!
//! Layout under the index folder: one directory per build (`gen-…`), and a `CURRENT` file
//! naming the live one. A build writes a fresh directory, and only when it is complete does
//! `CURRENT` change, by an atomic rename; a failed build leaves the old index serving.

mod build;
mod integrity;
mod schema;
mod store;
mod stored;
mod terms;

pub use build::build;
pub use integrity::FileSum;
pub use schema::ChunkFields;
pub use store::{open_current, seal, BuildLock, IndexStore, Manifest, OpenIndex};
pub use stored::StoredChunk;
pub use terms::KnownTerms;

/// Why an index could not be built or opened.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The index folder could not be written or read.
    #[error("index folder {path}: {source}")]
    Io {
        /// The folder or file involved.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Tantivy refused an operation.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The manifest next to the index is of another version.
    #[error("index manifest: {0}")]
    Manifest(String),
    /// The manifest next to the index is not the JSON notebot writes, or could not be written.
    #[error("index manifest: {path}: {source}")]
    ManifestJson {
        /// The manifest file.
        path: String,
        /// What the JSON library found.
        #[source]
        source: serde_json::Error,
    },
    /// A generation's files are not those its build wrote.
    #[error("damaged index: {0}")]
    Damaged(String),
    /// The index folder holds files notebot did not write; building there could delete them.
    #[error("{path} is not a notebot index folder (it holds `{entry}` and no NOTEBOT-INDEX marker): give --index an empty or new folder")]
    NotAnIndex {
        /// The index folder.
        path: String,
        /// One entry notebot did not write.
        entry: String,
    },
}
