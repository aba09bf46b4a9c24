//! Typo tolerance for Latin terms: words of five letters or more that the notes do not use
//! are matched to note words one edit away (`scaling` ↔ `scailing`, `cognito` ↔ `cognitor`).

use std::collections::HashSet;

use tantivy::Searcher;

use crate::index::ChunkFields;

/// Shorter words have too many neighbours one edit away to correct safely.
pub const MIN_FUZZY_LEN: usize = 5;

/// The Latin words of the index, gathered once per index generation.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    latin: HashSet<String>,
}

impl Vocabulary {
    /// Collects every Latin term of the searched fields.
    pub fn from_index(searcher: &Searcher, fields: &ChunkFields) -> Vocabulary {
        let mut latin = HashSet::new();
        for segment in searcher.segment_readers() {
            for field in fields.searched() {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().stream() else {
                    continue;
                };
                while stream.advance() {
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        if term.len() >= MIN_FUZZY_LEN - 1 && term.bytes().all(|b| b.is_ascii_lowercase()) {
                            latin.insert(term.to_string());
                        }
                    }
                }
            }
        }
        Vocabulary { latin }
    }

    /// Note words one edit away from an unknown Latin `word`; empty for known or short words.
    pub fn corrections(&self, word: &str) -> Vec<String> {
        if word.len() < MIN_FUZZY_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) || self.latin.contains(word) {
            return Vec::new();
        }
        let mut found: Vec<String> = self.latin.iter().filter(|known| within_one_edit(word, known)).cloned().collect();
        found.sort();
        found
    }
}

/// Whether `a` becomes `b` by one insertion, deletion or substitution (ASCII).
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("scaling", "scailing"));
        assert!(within_one_edit("cognito", "cognitor"));
        assert!(within_one_edit("kinesis", "kinesys"));
        assert!(!within_one_edit("kinesis", "kinesis2x"));
        assert!(!within_one_edit("prewarm", "freewarm"));
    }
}
