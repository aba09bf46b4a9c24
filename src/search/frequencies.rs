//! Document frequencies of a question's terms, looked up once per question: the query's BM25
//! weights, the query's clause pruning and the coverage scorer all need them, and
//! term-dictionary lookups are a tenth of a question's cost.

use rustc_hash::FxHashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::QueryPlan;
use crate::index::ChunkFields;

/// For every term of a plan, how many chunks contain it in each searched field (in the order
/// of [`ChunkFields::searched`]), plus the field totals BM25 needs; handed to Tantivy as its
/// statistics so it does not look the same terms up again.
pub struct FieldFrequencies {
    by_term: FxHashMap<String, [u64; 3]>,
    fields: [Field; 3],
    tokens: [u64; 3],
    docs: u64,
    searcher: Searcher,
}

impl FieldFrequencies {
    /// Looks up every term of `plan` in every searched field.
    pub fn lookup(searcher: &Searcher, fields: &ChunkFields, plan: &QueryPlan) -> FieldFrequencies {
        let searched = fields.searched();
        let by_term = plan
            .terms
            .iter()
            .map(|term| {
                let per_field =
                    searched.map(|field| searcher.doc_freq(&Term::from_field_text(field, &term.text)).unwrap_or(0));
                (term.text.clone(), per_field)
            })
            .collect();
        let tokens = searched.map(|field| searcher.total_num_tokens(field).unwrap_or(0));
        let docs = searcher.total_num_docs().unwrap_or(0);
        FieldFrequencies { by_term, fields: searched, tokens, docs, searcher: searcher.clone() }
    }

    /// Chunks containing `text` in the searched field at `field_index`.
    pub fn in_field(&self, text: &str, field_index: usize) -> u64 {
        self.by_term.get(text).map_or(0, |f| f[field_index])
    }

    /// Chunks containing `text` in the searched field where it is most common.
    pub fn most(&self, text: &str) -> u64 {
        self.by_term.get(text).map_or(0, |f| f.iter().copied().max().unwrap_or(0))
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
            .and_then(|(index, text)| self.by_term.get(text).map(|per_field| per_field[index]));
        match known {
            Some(count) => Ok(count),
            None => self.searcher.doc_freq(term),
        }
    }
}
