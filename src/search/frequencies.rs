//! Document frequencies of a question's terms, looked up once per question: the query's BM25
//! weights, the query's clause pruning and the coverage scorer all need them, and
//! term-dictionary lookups are a tenth of a question's cost.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use tantivy::postings::TermInfo;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{InvertedIndexReader, Searcher, Term};

use super::QueryPlan;
use crate::index::ChunkFields;

/// A term's entry in each searched field of one segment, if it has one.
type SegmentEntries = [Option<TermInfo>; 3];

/// What the term dictionaries say about one term.
struct TermStats {
    /// Chunks containing it, per searched field, summed over segments.
    docs: [u64; 3],
    /// Where its postings are, per segment and searched field.
    entries: Vec<SegmentEntries>,
}

/// For every term of a plan, how many chunks contain it in each searched field (in the order
/// of [`ChunkFields::searched`]), plus the field totals BM25 needs; handed to Tantivy as its
/// statistics so it does not look the same terms up again. Each term's dictionary entries are
/// kept too, so the coverage scorer reads postings without a second lookup.
pub struct FieldFrequencies {
    by_term: FxHashMap<String, TermStats>,
    fields: [Field; 3],
    /// Each segment's inverted index of each searched field.
    inverted: Vec<[Arc<InvertedIndexReader>; 3]>,
    tokens: [u64; 3],
    docs: u64,
    searcher: Searcher,
}

impl FieldFrequencies {
    /// Looks up every term of `plan` in every searched field.
    pub fn lookup(searcher: &Searcher, fields: &ChunkFields, plan: &QueryPlan) -> tantivy::Result<FieldFrequencies> {
        let searched = fields.searched();
        let inverted = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let [a, b, c] = searched.map(|field| segment.inverted_index(field));
                Ok([a?, b?, c?])
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut by_term = FxHashMap::default();
        for term in &plan.terms {
            if !by_term.contains_key(&term.text) {
                by_term.insert(term.text.clone(), term_stats(&inverted, &term.text)?);
            }
        }
        let tokens = searched.map(|field| searcher.total_num_tokens(field).unwrap_or(0));
        let docs = searcher.total_num_docs().unwrap_or(0);
        Ok(FieldFrequencies { by_term, fields: searched, inverted, tokens, docs, searcher: searcher.clone() })
    }

    /// `text`'s postings in the searched field at `field_index` of segment `segment_ord`, read
    /// from the entry found by [`FieldFrequencies::lookup`]; `None` when it is not there.
    pub fn postings(
        &self,
        text: &str,
        segment_ord: usize,
        field_index: usize,
    ) -> Option<tantivy::postings::SegmentPostings> {
        let info = self.by_term.get(text)?.entries.get(segment_ord)?[field_index].as_ref()?;
        let inverted = &self.inverted[segment_ord][field_index];
        inverted.read_postings_from_terminfo(info, tantivy::schema::IndexRecordOption::Basic).ok()
    }

    /// Chunks containing `text` in the searched field at `field_index`.
    pub fn in_field(&self, text: &str, field_index: usize) -> u64 {
        self.by_term.get(text).map_or(0, |stats| stats.docs[field_index])
    }

    /// Chunks containing `text` in the searched field where it is most common.
    pub fn most(&self, text: &str) -> u64 {
        self.by_term.get(text).map_or(0, |stats| stats.docs.iter().copied().max().unwrap_or(0))
    }

    /// Chunks in the index.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    fn field_index(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|&f| f == field)
    }
}

impl Bm25StatisticsProvider for FieldFrequencies {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.field_index(field) {
            Some(index) => Ok(self.tokens[index]),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let known = self
            .field_index(term.field())
            .zip(term.value().as_str())
            .and_then(|(index, text)| self.by_term.get(text).map(|stats| stats.docs[index]));
        match known {
            Some(count) => Ok(count),
            None => self.searcher.doc_freq(term),
        }
    }
}

/// Looks `text` up in every segment's dictionary of every searched field.
fn term_stats(inverted: &[[Arc<InvertedIndexReader>; 3]], text: &str) -> tantivy::Result<TermStats> {
    let mut docs = [0u64; 3];
    let mut entries = Vec::with_capacity(inverted.len());
    for segment in inverted {
        let mut found: SegmentEntries = [None, None, None];
        for (field_index, reader) in segment.iter().enumerate() {
            found[field_index] = reader.terms().get(text.as_bytes())?;
            docs[field_index] += found[field_index].as_ref().map_or(0, |info| u64::from(info.doc_freq));
        }
        entries.push(found);
    }
    Ok(TermStats { docs, entries })
}
