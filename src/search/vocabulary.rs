//! What the notes' words are, for widening a question: typo tolerance for Latin terms (words
//! of five letters or more that the notes do not use are matched to note words one edit away,
//! `scaling` ↔ `scailing`), and Hangul loanwords matched to the notes' English words by sound
//! (`아웃바운드` ↔ `outbound`).

use std::collections::HashMap;

use tantivy::{Searcher, Term};

use super::transliteration::{hangul_lookup_key, latin_key, MIN_KEY_LEN};
use crate::index::ChunkFields;

/// Shorter words have too many neighbours one edit away to correct safely.
const MIN_FUZZY_LEN: usize = 5;

/// The Latin words of the index, gathered once per index generation, by their consonant
/// skeleton (each list sorted).
#[derive(Clone, Default)]
pub struct Vocabulary {
    by_sound: HashMap<String, Vec<String>>,
    index: Option<(Searcher, ChunkFields)>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary").field("sounds", &self.by_sound.len()).finish()
    }
}

impl Vocabulary {
    /// Collects every Latin term of the searched fields: only the lower-case ASCII range of
    /// each term dictionary is read, not the Hangul terms that make up most of it.
    pub fn from_index(searcher: &Searcher, fields: &ChunkFields) -> Vocabulary {
        let mut by_sound: HashMap<String, Vec<String>> = HashMap::new();
        for segment in searcher.segment_readers() {
            for field in fields.searched() {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().range().ge("a").lt("{").into_stream() else {
                    continue;
                };
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let Some(key) = latin_key(term).filter(|k| k.len() >= MIN_KEY_LEN) else {
                        continue;
                    };
                    by_sound.entry(key).or_default().push(term.to_string());
                }
            }
        }
        by_sound.values_mut().for_each(|words| {
            words.sort();
            words.dedup();
        });
        Vocabulary { by_sound, index: Some((searcher.clone(), *fields)) }
    }

    /// Whether the notes contain `term` in a searched field (without an index, every word
    /// counts as known, so nothing is widened).
    pub fn knows(&self, term: &str) -> bool {
        let Some((searcher, fields)) = &self.index else {
            return true;
        };
        fields
            .searched()
            .into_iter()
            .any(|field| searcher.doc_freq(&Term::from_field_text(field, term)).unwrap_or(0) > 0)
    }

    /// Whether `word` is one of the notes' Latin words.
    fn has_latin(&self, word: &str) -> bool {
        let words = latin_key(word).and_then(|key| self.by_sound.get(&key));
        words.is_some_and(|words| words.binary_search_by(|w| w.as_str().cmp(word)).is_ok())
    }

    /// The notes' English words that sound like the Hangul `word` (`아웃바운드` → `outbound`).
    pub fn sounding_like(&self, word: &str) -> &[String] {
        hangul_lookup_key(word).and_then(|key| self.by_sound.get(&key)).map_or(&[], Vec::as_slice)
    }

    /// Note words one edit away from an unknown Latin `word`; empty for known or short words.
    pub fn corrections(&self, word: &str) -> Vec<String> {
        if word.len() < MIN_FUZZY_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) || self.has_latin(word) {
            return Vec::new();
        }
        let mut found: Vec<String> = self
            .by_sound
            .values()
            .flatten()
            .filter(|known| known.len() >= MIN_FUZZY_LEN - 1 && within_one_edit(word, known))
            .cloned()
            .collect();
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
