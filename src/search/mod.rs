//! Ranking chunks for a question.
//!
//! The question is analysed with the same Korean/English analyzer as the notes and turned
//! into Tantivy term queries directly, never through QueryParser syntax, so characters such as
//! `AND ( ) : ^ ~ * "` are just text and a huge question cannot stall a search. Each term is
//! searched in the heading, question and body fields with BM25, headings and questions
//! weighing more than body text.

mod aliases;
mod coverage;
mod query;
mod vocabulary;

pub use aliases::{AliasMatch, Aliases};
pub use coverage::Coverage;
pub use query::{Concept, Expansions, QueryPlan, QueryTerm};
pub use vocabulary::Vocabulary;

use tantivy::collector::TopDocs;
use tantivy::DocAddress;

use crate::index::OpenIndex;

/// A ranked chunk before it is turned into a citation.
#[derive(Debug, Clone, Copy)]
pub struct RankedDoc {
    /// Where the chunk is in the index.
    pub address: DocAddress,
    /// BM25 score with field boosts.
    pub score: f32,
}

/// The `limit` best chunks for `plan`, best first.
pub fn rank(open: &OpenIndex, plan: &QueryPlan, limit: usize) -> tantivy::Result<Vec<RankedDoc>> {
    if plan.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let query = plan.to_query(&open.fields);
    let top = open.searcher.search(&query, &TopDocs::with_limit(limit))?;
    Ok(top.into_iter().map(|(score, address)| RankedDoc { address, score }).collect())
}
