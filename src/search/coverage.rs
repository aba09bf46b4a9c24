//! How much of a question a chunk actually covers: the signal that separates an answer from
//! a weak match. BM25 scores are not comparable across questions; the IDF-weighted share of
//! the question's terms found in the chunk is.

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term};

use super::QueryPlan;
use crate::index::ChunkFields;

/// The share of a question's weighted terms present in one chunk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Σ idf(matched) / Σ idf(all), in 0..=1.
    pub share: f32,
    /// Terms of the question found in the chunk.
    pub matched: usize,
    /// Terms of the question.
    pub total: usize,
}

impl Coverage {
    /// Measures `plan` against the chunk at `doc`. Terms the notes never use count with the
    /// highest IDF, so a question about something absent stays uncovered.
    pub fn measure(searcher: &Searcher, fields: &ChunkFields, plan: &QueryPlan, doc: DocAddress) -> Coverage {
        let docs = searcher.num_docs().max(1) as f32;
        let (mut matched_weight, mut total_weight, mut matched) = (0.0f32, 0.0f32, 0usize);
        for term in &plan.terms {
            let df = document_frequency(searcher, fields, &term.text) as f32;
            let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln() * term.weight;
            total_weight += idf;
            if df > 0.0 && contains(searcher, fields, &term.text, doc) {
                matched_weight += idf;
                matched += 1;
            }
        }
        let share = if total_weight > 0.0 { matched_weight / total_weight } else { 0.0 };
        Coverage { share, matched, total: plan.terms.len() }
    }
}

fn document_frequency(searcher: &Searcher, fields: &ChunkFields, text: &str) -> u64 {
    fields
        .searched()
        .into_iter()
        .map(|field| searcher.doc_freq(&Term::from_field_text(field, text)).unwrap_or(0))
        .max()
        .unwrap_or(0)
}

fn contains(searcher: &Searcher, fields: &ChunkFields, text: &str, doc: DocAddress) -> bool {
    let segment = searcher.segment_reader(doc.segment_ord);
    fields.searched().into_iter().any(|field| {
        let Ok(inverted) = segment.inverted_index(field) else { return false };
        let term = Term::from_field_text(field, text);
        match inverted.read_postings(&term, IndexRecordOption::Basic) {
            Ok(Some(mut postings)) => match postings.doc() {
                current if current > doc.doc_id => false,
                current if current == doc.doc_id => true,
                _ => postings.seek(doc.doc_id) == doc.doc_id,
            },
            _ => false,
        }
    })
}
