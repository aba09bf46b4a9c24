//! How much of a question a chunk actually covers: the signal that separates an answer from
//! a weak match. BM25 scores are not comparable across questions; the share of the
//! question's concepts found in the chunk, weighted by rarity and word class, is.

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term};

use super::QueryPlan;
use crate::index::ChunkFields;

/// The share of a question's weighted concepts present in one chunk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Σ weight(found concepts) / Σ weight(all concepts), in 0..=1.
    pub share: f32,
    /// Concepts found in the chunk.
    pub matched: usize,
    /// Concepts in the question.
    pub total: usize,
}

impl Coverage {
    /// Measures `plan` against the chunk at `doc`. A concept the notes never mention counts
    /// with the highest rarity, so a question about something absent stays uncovered.
    pub fn measure(
        searcher: &Searcher,
        fields: &ChunkFields,
        plan: &QueryPlan,
        doc: DocAddress,
    ) -> Coverage {
        let docs = searcher.num_docs().max(1) as f32;
        let idf = |df: f32| (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
        let (mut found_weight, mut total_weight, mut matched) = (0.0f32, 0.0f32, 0usize);
        for (index, concept) in plan.concepts.iter().enumerate() {
            let variants = plan.terms.iter().filter(|t| t.concept == index);
            let mut rarest_known: Option<f32> = None;
            let mut found = false;
            for variant in variants {
                let df = document_frequency(searcher, fields, &variant.text);
                if df == 0 {
                    continue;
                }
                let weight = idf(df as f32);
                rarest_known = Some(rarest_known.map_or(weight, |w: f32| w.max(weight)));
                found = found || contains(searcher, fields, &variant.text, doc);
            }
            let weight = rarest_known.unwrap_or_else(|| idf(0.0)) * concept.importance;
            total_weight += weight;
            if found {
                found_weight += weight;
                matched += 1;
            }
        }
        let share = if total_weight > 0.0 {
            found_weight / total_weight
        } else {
            0.0
        };
        Coverage {
            share,
            matched,
            total: plan.concepts.len(),
        }
    }
}

fn document_frequency(searcher: &Searcher, fields: &ChunkFields, text: &str) -> u64 {
    fields
        .searched()
        .into_iter()
        .map(|field| {
            searcher
                .doc_freq(&Term::from_field_text(field, text))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

fn contains(searcher: &Searcher, fields: &ChunkFields, text: &str, doc: DocAddress) -> bool {
    let segment = searcher.segment_reader(doc.segment_ord);
    fields.searched().into_iter().any(|field| {
        let Ok(inverted) = segment.inverted_index(field) else {
            return false;
        };
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
