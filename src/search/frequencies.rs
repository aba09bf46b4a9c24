//! Document frequencies of a question's terms, looked up once per question: BM25 weights,
//! clause pruning, scoring and the coverage scorer all need them, and term-dictionary lookups
//! are a tenth of a question's cost.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{BlockSegmentPostings, SegmentPostings, TermInfo};
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{InvertedIndexReader, Searcher, SegmentReader};

use super::params::SearchedField;
use super::QueryPlan;
use crate::index::OpenIndex;

/// A term's entry in each searched field of one segment, if it has one.
type SegmentEntries = [Option<TermInfo>; FIELDS];

/// The word fields, the bigram field and the lead field.
const FIELDS: usize = 5;

/// What the term dictionaries say about one term.
struct TermStats {
    /// Chunks containing it, per searched field, summed over segments.
    docs: [u64; FIELDS],
    /// Where its postings are, per segment and searched field.
    entries: Vec<SegmentEntries>,
}

/// For every term of a plan, how many chunks contain it in each word field (in the order
/// of [`crate::index::ChunkFields::searched`]), and for every bigram how many contain it in the
/// bigram field, plus the field totals BM25 needs. Each term's dictionary entries are kept
/// too, so scoring and coverage read postings without a second lookup.
pub struct FieldFrequencies {
    by_term: FxHashMap<String, TermStats>,
    fields: [Field; FIELDS],
    /// Each segment's inverted index of each searched field.
    inverted: Vec<[Arc<InvertedIndexReader>; FIELDS]>,
    tokens: [u64; FIELDS],
    docs: u64,
    searcher: Searcher,
}

impl FieldFrequencies {
    /// Looks up every term of `plan` in every word field, its bigrams in the bigram field, and,
    /// when `lead`, each concept's typed term in the lead field.
    pub fn lookup(open: &OpenIndex, plan: &QueryPlan, lead: bool) -> tantivy::Result<FieldFrequencies> {
        let (searcher, known) = (&open.searcher, open.known_terms());
        let [heading, question, body] = open.fields.searched();
        let fields = [heading, question, body, open.fields.grams, open.fields.lead];
        let inverted = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let [a, b, c, d, e] = fields.map(|field| segment.inverted_index(field));
                Ok([a?, b?, c?, d?, e?])
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut by_term: FxHashMap<String, TermStats> = FxHashMap::default();
        let empty = || TermStats { docs: [0; FIELDS], entries: vec![std::array::from_fn(|_| None); inverted.len()] };
        for term in &plan.terms {
            if !by_term.contains_key(&term.text) {
                let mut stats = empty();
                if known.may_hold(&term.text) {
                    look_up(&inverted, &term.text, &SearchedField::WORDS, &mut stats)?;
                }
                by_term.insert(term.text.clone(), stats);
            }
        }
        if lead {
            // Leads are read for the words as typed only (a plan's concepts are distinct): a lead
            // is a chunk's heading and first line, and what no word field holds, no lead does.
            for concept in &plan.concepts {
                if let Some(stats) = by_term.get_mut(&concept.text).filter(|stats| stats.docs.iter().any(|&d| d > 0)) {
                    look_up(&inverted, &concept.text, &[SearchedField::Lead], stats)?;
                }
            }
        }
        for gram in &plan.grams {
            let stats = by_term.entry(gram.text.clone()).or_insert_with(empty);
            look_up(&inverted, &gram.text, &[SearchedField::Grams], stats)?;
        }
        let tokens = fields.map(|field| searcher.total_num_tokens(field).unwrap_or(0));
        let docs = searcher.total_num_docs().unwrap_or(0);
        Ok(FieldFrequencies { by_term, fields, inverted, tokens, docs, searcher: searcher.clone() })
    }

    /// `text`'s postings (documents only) in `field` of segment `segment_ord`, read from the
    /// entry found by [`FieldFrequencies::lookup`]; `None` when it is not there.
    pub fn postings(&self, text: &str, segment_ord: usize, field: SearchedField) -> Option<SegmentPostings> {
        self.read_postings(text, segment_ord, field, IndexRecordOption::Basic)
    }

    /// Like [`FieldFrequencies::postings`], with term frequencies, for scoring: read a block of
    /// up to 128 documents at a time, without a call per document.
    pub fn postings_with_freqs(
        &self,
        text: &str,
        segment_ord: usize,
        field: SearchedField,
    ) -> Option<BlockSegmentPostings> {
        let inverted = &self.inverted[segment_ord][field.index()];
        inverted
            .read_block_postings_from_terminfo(self.term_info(text, segment_ord, field)?, IndexRecordOption::WithFreqs)
            .ok()
    }

    fn read_postings(
        &self,
        text: &str,
        segment_ord: usize,
        field: SearchedField,
        option: IndexRecordOption,
    ) -> Option<SegmentPostings> {
        let inverted = &self.inverted[segment_ord][field.index()];
        inverted.read_postings_from_terminfo(self.term_info(text, segment_ord, field)?, option).ok()
    }

    fn term_info(&self, text: &str, segment_ord: usize, field: SearchedField) -> Option<&TermInfo> {
        self.by_term.get(text)?.entries.get(segment_ord)?[field.index()].as_ref()
    }

    /// Segments of the index searched.
    pub fn segments(&self) -> usize {
        self.inverted.len()
    }

    /// Segment `segment_ord` of the index searched.
    pub fn segment_reader(&self, segment_ord: usize) -> &SegmentReader {
        self.searcher.segment_reader(segment_ord as u32)
    }

    /// Field lengths of `field` in segment `segment_ord`, which BM25 normalises term
    /// frequencies by. A field without norms counts every document as one token long, as
    /// Tantivy does.
    pub fn fieldnorms(&self, segment_ord: usize, field: SearchedField) -> tantivy::Result<FieldNormReader> {
        let segment = self.segment_reader(segment_ord);
        let norms = segment.fieldnorms_readers().get_field(self.fields[field.index()])?;
        Ok(norms.unwrap_or_else(|| FieldNormReader::constant(segment.max_doc(), 1)))
    }

    /// Tokens in `field`, over all chunks.
    pub fn tokens(&self, field: SearchedField) -> u64 {
        self.tokens[field.index()]
    }

    /// Chunks containing `text` in `field`.
    pub fn in_field(&self, text: &str, field: SearchedField) -> u64 {
        self.by_term.get(text).map_or(0, |stats| stats.docs[field.index()])
    }

    /// Chunks containing `text` in the word field where it is most common.
    pub fn most(&self, text: &str) -> u64 {
        let words = |stats: &TermStats| SearchedField::WORDS.iter().map(|f| stats.docs[f.index()]).max().unwrap_or(0);
        self.by_term.get(text).map_or(0, words)
    }

    /// Chunks in the index.
    pub fn docs(&self) -> u64 {
        self.docs
    }
}

/// Looks `text` up in every segment's dictionary of each of `fields`, into `stats`.
fn look_up(
    inverted: &[[Arc<InvertedIndexReader>; FIELDS]],
    text: &str,
    fields: &[SearchedField],
    stats: &mut TermStats,
) -> tantivy::Result<()> {
    for (segment, entries) in inverted.iter().zip(stats.entries.iter_mut()) {
        for field in fields {
            let found = segment[field.index()].terms().get(text.as_bytes())?;
            stats.docs[field.index()] += found.as_ref().map_or(0, |info| u64::from(info.doc_freq));
            entries[field.index()] = found;
        }
    }
    Ok(())
}
