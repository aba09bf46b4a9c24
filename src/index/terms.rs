//! Which terms a generation's searched fields hold, gathered once when it is opened.
//!
//! Most forms a question is widened to are not in the notes (six in ten over the shipped
//! question set: aliases, plurals, spellings), and asking each searched field's term
//! dictionary about every one of them was a tenth of a question's cost. A hash probe answers
//! "not there" for a fraction of that; the dictionaries are asked only about terms that are.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashSet};
use tantivy::Searcher;

use super::ChunkFields;

/// 64-bit hashes of every term of the searched fields: 16 bytes a term, so about 3 MB for a
/// couple of hundred thousand distinct words. Two terms sharing a hash only cost a dictionary
/// lookup that finds nothing.
#[derive(Debug)]
pub struct KnownTerms {
    hashes: FxHashSet<u64>,
}

impl KnownTerms {
    /// Reads every term of every searched field of every segment.
    pub fn gather(searcher: &Searcher, fields: &ChunkFields) -> tantivy::Result<KnownTerms> {
        let mut hashes = FxHashSet::default();
        for segment in searcher.segment_readers() {
            for field in fields.searched() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    hashes.insert(hash_of(stream.key()));
                }
            }
        }
        Ok(KnownTerms { hashes })
    }

    /// Whether some searched field may hold `term`; `false` means none does.
    pub fn may_hold(&self, term: &str) -> bool {
        self.hashes.contains(&hash_of(term.as_bytes()))
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    FxBuildHasher.hash_one(bytes)
}
