//! Assembling an [`Answer`] from ranked documents.

use std::collections::HashSet;
use std::time::Instant;

use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::excerpt::{relevant_lines, trim_at_line};
use super::{source_url, Answer, Hit};
use crate::analysis::Analyzer;
use crate::config::Settings;
use crate::index::OpenIndex;
use crate::knowledge::ChunkKind;
use crate::search::{QueryPlan, RankedDoc};

/// Suggestions offered when a question is not answered.
const MAX_SUGGESTIONS: usize = 3;

/// What composing an answer needs besides the question.
pub struct Composer<'a> {
    /// The live index.
    pub open: &'a OpenIndex,
    /// For picking relevant lines.
    pub analyzer: &'a Analyzer,
    /// Thresholds, limits and the link base.
    pub settings: &'a Settings,
}

/// Builds the answer: the best hit's answer text when it covers the question, citations for
/// every hit either way, and nearby topics when unanswered.
pub fn compose(
    composer: &Composer<'_>,
    query: &str,
    plan: &QueryPlan,
    ranked: &[RankedDoc],
    started: Instant,
) -> Answer {
    let hits: Vec<Hit> = ranked.iter().filter_map(|r| load_hit(composer, r)).collect();
    let coverage = ranked.first().map(|best| best.coverage);
    let answered = coverage.is_some_and(|c| c.share >= composer.settings.search.min_coverage);
    let answer = match (answered, ranked.first()) {
        (true, Some(best)) => answer_text(composer, best, plan),
        _ => String::new(),
    };
    let suggestions = if answered { Vec::new() } else { suggestions(&hits) };
    let concepts = plan.concepts.iter().enumerate();
    let unmatched: Vec<(usize, &str)> = match coverage {
        Some(c) => concepts.filter(|(i, _)| !c.contains(*i)).map(|(i, c)| (i, c.text.as_str())).collect(),
        None => concepts.map(|(i, c)| (i, c.text.as_str())).collect(),
    };
    let unknown = unmatched
        .iter()
        .filter(|(i, _)| coverage.is_none_or(|c| c.is_unknown(*i)))
        .filter(|(i, _)| plan.concepts[*i].importance >= 1.0);
    Answer {
        query: query.to_string(),
        answered,
        answer: trim_at_line(&answer, composer.settings.answer.max_answer_chars),
        hits,
        suggestions,
        coverage: coverage.map_or(0.0, |c| c.share),
        unknown: distinct(unknown.map(|(i, _)| plan.concepts[*i].word.clone())),
        unmatched: unmatched.iter().map(|(_, text)| text.to_string()).collect(),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    }
}

/// Keeps the first of each repeated word, in order.
fn distinct(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

fn stored_doc(composer: &Composer<'_>, ranked: &RankedDoc) -> Option<TantivyDocument> {
    composer.open.searcher.doc::<TantivyDocument>(ranked.address).ok()
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string()
}

fn number_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> u32 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0) as u32
}

fn load_hit(composer: &Composer<'_>, ranked: &RankedDoc) -> Option<Hit> {
    let doc = stored_doc(composer, ranked)?;
    let fields = &composer.open.fields;
    let source = text_of(&doc, fields.source);
    let lines = [number_of(&doc, fields.line_start), number_of(&doc, fields.line_end)];
    Some(Hit {
        kind: ChunkKind::parse(&text_of(&doc, fields.kind)).unwrap_or(ChunkKind::Section),
        url: source_url(&composer.settings.knowledge.source_url_base, &source, lines),
        source,
        heading: text_of(&doc, fields.heading_display),
        lines,
        score: ranked.score,
        text: text_of(&doc, fields.text),
    })
}

fn answer_text(composer: &Composer<'_>, best: &RankedDoc, plan: &QueryPlan) -> String {
    let Some(doc) = stored_doc(composer, best) else {
        return String::new();
    };
    let fields = &composer.open.fields;
    let answer = text_of(&doc, fields.answer);
    if !answer.is_empty() {
        return answer;
    }
    let terms: HashSet<&str> = plan.terms.iter().map(|t| t.text.as_str()).collect();
    relevant_lines(&text_of(&doc, fields.text), &terms)
}

fn suggestions(hits: &[Hit]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for hit in hits {
        if !out.contains(&hit.heading) {
            out.push(hit.heading.clone());
        }
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    out
}
