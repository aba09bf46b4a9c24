//! Telling a damaged generation from a sound one before Tantivy reads it, and opening a
//! generation without writing to it.
//!
//! Tantivy checks a file's footer, not its content: a few flipped bytes inside a term
//! dictionary made opening panic, and inside the document store they silently dropped chunks
//! from answers. A build records the length and CRC-32 of every file it wrote; opening checks
//! them first (a few milliseconds for a large index, and the files are read into the page cache
//! that searching uses anyway), so damage of any kind is a missing index, rebuilt.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// One file of a generation as its build wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSum {
    /// File name inside the generation folder.
    pub name: String,
    /// Length in bytes.
    pub len: u64,
    /// CRC-32 of the content.
    pub crc32: u32,
}

/// Sums of every data file in `dir`: all but the manifest (written after them) and Tantivy's
/// hidden bookkeeping and lock files.
pub fn sum_files(dir: &Path, manifest: &str) -> io::Result<Vec<FileSum>> {
    let mut sums = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name == manifest || name.starts_with('.') || !entry.file_type()?.is_file() {
            continue;
        }
        let (len, crc32) = sum_of(&entry.path())?;
        sums.push(FileSum { name, len, crc32 });
    }
    sums.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sums)
}

/// Why `dir` does not hold the files `sums` lists, if it does not.
pub fn verify(dir: &Path, sums: &[FileSum]) -> Result<(), String> {
    for expected in sums {
        let path = dir.join(&expected.name);
        let meta = fs::symlink_metadata(&path).map_err(|e| format!("{}: {e}", expected.name))?;
        if !meta.is_file() || meta.len() != expected.len {
            return Err(format!("{} changed size", expected.name));
        }
        let (_, crc32) = sum_of(&path).map_err(|e| format!("{}: {e}", expected.name))?;
        if crc32 != expected.crc32 {
            return Err(format!("{} is damaged (checksum mismatch)", expected.name));
        }
    }
    Ok(())
}

fn sum_of(path: &Path) -> io::Result<(u64, u32)> {
    let mut file = fs::File::open(path)?;
    let mut hasher = crc32fast::Hasher::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut len = 0u64;
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            return Ok((len, hasher.finalize()));
        }
        hasher.update(&buffer[..read]);
        len += read as u64;
    }
}

/// A published generation, opened for reading only: Tantivy's reader takes a lock by creating
/// a file, which fails on a read-only disk or volume. Published generations are never written
/// again (a rebuild makes a new folder), so a lock in memory is all a reader needs.
#[derive(Clone, Debug)]
pub struct ReadOnlyDirectory(MmapDirectory);

impl ReadOnlyDirectory {
    /// The generation at `path`.
    pub fn open(path: &Path) -> tantivy::Result<ReadOnlyDirectory> {
        Ok(ReadOnlyDirectory(MmapDirectory::open(path)?))
    }
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
