//! Questions that only name a heading (`Cloud Map이 뭐야?`, `What is PDB?`): the answer is the
//! section that heading begins, not whichever line under it repeats one of its words.
//!
//! Every chunk under a heading carries the heading path, so all of them match such a question
//! equally in the heading field, and BM25 lets a short body line that mentions `cloud` (`cloud
//! front`) win. When every topic word of the question is in some candidates' headings, the one
//! with the shortest heading (the section itself rather than a labelled item under it) leads.
//! Of several such headings, the best-ranked one leads, as its text decides; of the chunks
//! under that very heading, the first in the notes (its intro).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::DocAddress;

use super::coverage::CoverageScorer;
use super::frequencies::FieldFrequencies;
use super::params::SearchedField;
use super::query::Widener;
use super::{Concept, QueryPlan, RankedDoc};
use crate::analysis::TermClass;
use crate::index::OpenIndex;

/// Moves to the front the candidate that begins the heading the question names, when the
/// question's topic words (nouns, names and numbers, not verbs or frame words) are all in that
/// heading and the notes know each of them. `ranked` is best first; the lead keeps the best
/// score so the list stays in score order.
pub(super) fn lead_with_named_heading(
    open: &OpenIndex,
    frequencies: &FieldFrequencies,
    scorer: &CoverageScorer,
    plan: &QueryPlan,
    ranked: &mut [RankedDoc],
) -> tantivy::Result<()> {
    let topic_words = topic_word_bits(plan);
    if topic_words == 0 || topic_words & scorer.unknown() != 0 || ranked.len() < 2 {
        return Ok(());
    }
    // Only chunks holding every topic word somewhere can hold them all in their heading. A
    // reference list (an author's avatar link under `## 작성자`) names the topic by the note's
    // title in its heading path, and explains nothing.
    let covering: Vec<usize> = (0..ranked.len())
        .filter(|&i| !ranked[i].reference_list && ranked[i].coverage.found & topic_words == topic_words)
        .collect();
    if covering.is_empty() {
        return Ok(());
    }
    let best = shortest_named_heading(open, frequencies, scorer, ranked, &covering, topic_words)?;
    if let Some(position) = best.filter(|&position| position > 0) {
        let top_score = ranked[0].score;
        ranked[..=position].rotate_right(1);
        ranked[0].score = top_score;
    }
    Ok(())
}

/// Of the `candidates` (positions in `ranked`) whose heading holds every topic word, the one
/// with the shortest heading (the section itself rather than an item under it). Of several
/// that short, the best-ranked heading, and of the chunks under it the first in the notes (its
/// intro): siblings of one length (`BFS 장점`, `DFS 단점`) are told apart by their text.
fn shortest_named_heading(
    open: &OpenIndex,
    frequencies: &FieldFrequencies,
    scorer: &CoverageScorer,
    ranked: &[RankedDoc],
    candidates: &[usize],
    topic_words: u64,
) -> tantivy::Result<Option<usize>> {
    let addresses: Vec<DocAddress> = candidates.iter().map(|&i| ranked[i].address).collect();
    let in_heading = scorer.found_in(frequencies, &addresses, &[SearchedField::Heading]);
    let mut norms: Vec<Option<FieldNormReader>> = vec![None; frequencies.segments()];
    // (encoded heading length, position in `ranked`) of each candidate naming every topic word.
    let mut named: Vec<(u8, usize)> = Vec::new();
    for ((&position, address), found) in candidates.iter().zip(addresses).zip(in_heading) {
        if found & topic_words != topic_words {
            continue;
        }
        let segment = address.segment_ord as usize;
        let reader = match &mut norms[segment] {
            Some(reader) => reader,
            empty => empty.insert(frequencies.fieldnorms(segment, SearchedField::Heading)?),
        };
        // Tantivy's encoded token count of the heading field.
        named.push((reader.fieldnorm_id(address.doc_id), position));
    }
    let Some(&(shortest, best_ranked)) = named.iter().min() else {
        return Ok(None);
    };
    let tied: Vec<usize> =
        named.iter().filter(|(length, _)| *length == shortest).map(|&(_, position)| position).collect();
    if tied.len() == 1 {
        return Ok(Some(best_ranked));
    }
    // Stored chunks are decoded once per generation, and the leading ones are cited anyway.
    let heading = open.chunk(ranked[best_ranked].address)?.heading.clone();
    let mut intro = best_ranked;
    for position in tied {
        if ranked[position].order < ranked[intro].order && open.chunk(ranked[position].address)?.heading == heading {
            intro = position;
        }
    }
    Ok(Some(intro))
}

/// Bits of the plan's concepts that say what the question is about: nouns, names and numbers
/// (`9` of `Cloud 9` tells it from `Cloud Map`).
fn topic_word_bits(plan: &QueryPlan) -> u64 {
    let names = |c: &Concept| c.is_topic_word() || c.class == TermClass::Number;
    // A piece of a loanword names it, whatever class the dictionary gave the piece (`가리` of
    // `헝가리언`).
    let loanword = |i: usize| plan.variants.iter().any(|v| v.concept == i && v.widener == Widener::Loanword);
    plan.concepts
        .iter()
        .take(64)
        .enumerate()
        .filter(|&(i, c)| names(c) || (c.word != c.text && loanword(i)))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}
