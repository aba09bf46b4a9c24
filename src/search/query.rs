//! From analysed question terms to a Tantivy query.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::analysis::Analyzer;
use crate::index::ChunkFields;

/// Field weights, in the order of [`ChunkFields::searched`]: heading, question, body.
const FIELD_BOOSTS: [f32; 3] = [1.5, 2.0, 1.0];
/// A question rarely needs more distinct terms than this; the rest is noise or abuse.
const MAX_TERMS: usize = 48;

/// One distinct term of a question with its weight (1.0 for words the user typed).
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// Analysed term text.
    pub text: String,
    /// Relative weight; variants such as aliases weigh less than exact terms.
    pub weight: f32,
}

/// The analysed question, ready to run.
#[derive(Debug, Clone, Default)]
pub struct QueryPlan {
    /// Distinct terms in question order.
    pub terms: Vec<QueryTerm>,
}

impl QueryPlan {
    /// Analyses `question` (already bounded in length) into distinct weighted terms.
    pub fn from_question(analyzer: &Analyzer, question: &str) -> QueryPlan {
        let mut terms: Vec<QueryTerm> = Vec::new();
        for term in analyzer.analyze(question) {
            if terms.len() >= MAX_TERMS {
                break;
            }
            if !terms.iter().any(|t| t.text == term.text) {
                terms.push(QueryTerm { text: term.text, weight: 1.0 });
            }
        }
        QueryPlan { terms }
    }

    /// No searchable terms (only particles, punctuation or stop words).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// A disjunction of every term in every searched field, weighted per field and term.
    pub fn to_query(&self, fields: &ChunkFields) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &self.terms {
            for (field, boost) in fields.searched().into_iter().zip(FIELD_BOOSTS) {
                let query = TermQuery::new(Term::from_field_text(field, &term.text), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(query), boost * term.weight))));
            }
        }
        BooleanQuery::new(clauses)
    }
}
