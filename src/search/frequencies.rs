//! Document frequencies of a question's terms, looked up once per question: the query and the
//! coverage scorer both need them, and term-dictionary lookups are a tenth of a question's cost.

use std::collections::HashMap;

use tantivy::{Searcher, Term};

use super::QueryPlan;
use crate::index::ChunkFields;

/// For every term of a plan, how many chunks contain it in each searched field (in the order
/// of [`ChunkFields::searched`]).
pub struct FieldFrequencies {
    by_term: HashMap<String, [u64; 3]>,
}

impl FieldFrequencies {
    /// Looks up every term of `plan` in every searched field.
    pub fn lookup(searcher: &Searcher, fields: &ChunkFields, plan: &QueryPlan) -> FieldFrequencies {
        let by_term = plan
            .terms
            .iter()
            .map(|term| {
                let per_field = fields
                    .searched()
                    .map(|field| searcher.doc_freq(&Term::from_field_text(field, &term.text)).unwrap_or(0));
                (term.text.clone(), per_field)
            })
            .collect();
        FieldFrequencies { by_term }
    }

    /// Chunks containing `text` in the searched field at `field_index`.
    pub fn in_field(&self, text: &str, field_index: usize) -> u64 {
        self.by_term.get(text).map_or(0, |f| f[field_index])
    }

    /// Chunks containing `text` in the searched field where it is most common.
    pub fn most(&self, text: &str) -> u64 {
        self.by_term.get(text).map_or(0, |f| f.iter().copied().max().unwrap_or(0))
    }
}
