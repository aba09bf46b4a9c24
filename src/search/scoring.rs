//! BM25 over a question's terms, scored straight from the postings the frequency lookup found.
//!
//! The scores are Tantivy's BM25 (its `k1`, `b`, fieldnorm encoding and statistics), summed
//! over the weighted (term, field) clauses a question asks for. Scoring them here rather than
//! through a `BooleanQuery` of boosted `TermQuery`s spares every clause a second dictionary
//! lookup, a 256-entry norm table and a boxed scorer: together two thirds of Tantivy's share
//! of a question over notes of a few thousand chunks. Every matching posting is scored (no
//! block-max pruning), which stays well under the per-question budget at 70,000 chunks since
//! the longest postings (variants most chunks contain, and words as typed that nearly every
//! chunk of a field holds) are not scored at all.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::{DocAddress, DocId, DocSet, Score, TERMINATED};

use super::frequencies::FieldFrequencies;
use super::params::{Bm25Params, SearchedField};

/// One weighted (term, field) pair of a question.
#[derive(Debug, Clone, Copy)]
pub struct Clause<'a> {
    /// The analysed term.
    pub text: &'a str,
    /// The field it is searched in.
    pub field: SearchedField,
    /// Field boost times the term's weight.
    pub boost: Score,
}

/// The `limit` best chunks for `clauses` by summed BM25, best first, each with its place in
/// the notes (`order`), which breaks ties. Only the chunks that can still make the list (every
/// score above the `limit`-th, and all equal to it) have their place looked up.
pub fn top_docs(
    frequencies: &FieldFrequencies,
    clauses: &[Clause<'_>],
    limit: usize,
    bm25: &Bm25Params,
    order: &dyn Fn(DocAddress) -> u64,
) -> tantivy::Result<Vec<(Score, u64, DocAddress)>> {
    let mut scored: Vec<(Score, DocAddress)> = Vec::new();
    for segment_ord in 0..frequencies.segments() {
        let scores = score_segment(frequencies, clauses, segment_ord, bm25)?;
        let segment_ord = segment_ord as u32;
        scored.extend(scores.into_iter().map(|(doc_id, score)| (score, DocAddress { segment_ord, doc_id })));
    }
    if limit == 0 {
        return Ok(Vec::new());
    }
    if scored.len() > limit {
        let last = nth_best(scored.iter().map(|&(score, _)| score), limit);
        scored.retain(|(score, _)| *score >= last);
    }
    let mut ranked: Vec<(Score, u64, DocAddress)> =
        scored.into_iter().map(|(score, address)| (score, order(address), address)).collect();
    ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(limit);
    Ok(ranked)
}

/// The `n`-th best of `scores` (`n` ≥ 1, at most as many as there are), kept in a heap of
/// `n`: most scores are below the `n` best so far and cost one comparison, where selecting in
/// place moves every match's address around.
fn nth_best(scores: impl Iterator<Item = Score>, n: usize) -> Score {
    let mut best: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(n + 1);
    for score in scores {
        if best.len() < n {
            best.push(Reverse(Ranked(score)));
        } else if best.peek().is_some_and(|Reverse(Ranked(least))| score.total_cmp(least).is_gt()) {
            best.pop();
            best.push(Reverse(Ranked(score)));
        }
    }
    best.peek().map_or(Score::NEG_INFINITY, |Reverse(Ranked(least))| *least)
}

/// A score ordered by `total_cmp`, for the heap.
struct Ranked(Score);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Summed clause scores of every document of one segment that matches a clause.
fn score_segment(
    frequencies: &FieldFrequencies,
    clauses: &[Clause<'_>],
    segment_ord: usize,
    bm25: &Bm25Params,
) -> tantivy::Result<Vec<(DocId, Score)>> {
    let segment = frequencies.segment_reader(segment_ord);
    let mut totals = SparseScores::new(segment.max_doc());
    let mut norms: [Option<FieldNormReader>; 5] = [None, None, None, None, None];
    for clause in clauses {
        let Some(mut postings) = frequencies.postings_with_freqs(clause.text, segment_ord, clause.field) else {
            continue;
        };
        let fieldnorms = match &mut norms[clause.field.index()] {
            Some(reader) => reader,
            empty => empty.insert(frequencies.fieldnorms(segment_ord, clause.field)?),
        };
        let weight = ClauseWeight::new(frequencies, clause, bm25);
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let score = weight.score(fieldnorms.fieldnorm_id(doc), postings.term_freq());
            totals.add(doc, score);
            doc = postings.advance();
        }
    }
    let mut matches = totals.into_matches();
    if let Some(alive) = segment.alive_bitset() {
        matches.retain(|&(doc, _)| alive.is_alive(doc));
    }
    Ok(matches)
}

/// A clause's BM25 weight, as Tantivy's `Bm25Weight` computes it for a boosted term query.
struct ClauseWeight {
    weight: Score,
    average_fieldnorm: Score,
    k1: Score,
    b: Score,
}

impl ClauseWeight {
    fn new(frequencies: &FieldFrequencies, clause: &Clause<'_>, bm25: &Bm25Params) -> ClauseWeight {
        let docs = frequencies.docs();
        let doc_freq = frequencies.in_field(clause.text, clause.field).min(docs);
        let idf = (1.0 + ((docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5)).ln();
        let average_fieldnorm = frequencies.tokens(clause.field) as Score / docs.max(1) as Score;
        let (k1, b) = (bm25.k1, bm25.b);
        ClauseWeight { weight: idf * (1.0 + k1) * clause.boost, average_fieldnorm, k1, b }
    }

    fn score(&self, fieldnorm_id: u8, term_freq: u32) -> Score {
        let fieldnorm = FieldNormReader::id_to_fieldnorm(fieldnorm_id) as Score;
        let (k1, b) = (self.k1, self.b);
        let norm = k1 * (1.0 - b + b * fieldnorm / self.average_fieldnorm);
        let term_freq = term_freq as Score;
        self.weight * (term_freq / (term_freq + norm))
    }
}

/// Per-document score totals of one segment, remembering which documents have one.
struct SparseScores {
    totals: Vec<Score>,
    seen: Vec<bool>,
    touched: Vec<DocId>,
}

impl SparseScores {
    fn new(max_doc: u32) -> SparseScores {
        let docs = max_doc as usize;
        SparseScores { totals: vec![0.0; docs], seen: vec![false; docs], touched: Vec::new() }
    }

    /// Adds a clause's score; a document id past the segment's end (a damaged index) is ignored
    /// rather than allowed to panic.
    fn add(&mut self, doc: DocId, score: Score) {
        let (Some(total), Some(seen)) = (self.totals.get_mut(doc as usize), self.seen.get_mut(doc as usize)) else {
            return;
        };
        if !*seen {
            *seen = true;
            self.touched.push(doc);
        }
        *total += score;
    }

    fn into_matches(self) -> Vec<(DocId, Score)> {
        let totals = self.totals;
        self.touched.into_iter().map(|doc| (doc, totals[doc as usize])).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::nth_best;

    #[test]
    fn the_nth_best_score_counts_ties() {
        let scores = [1.0, 5.0, 3.0, 5.0, 2.0, 4.0];
        assert_eq!(nth_best(scores.into_iter(), 1), 5.0);
        assert_eq!(nth_best(scores.into_iter(), 2), 5.0);
        assert_eq!(nth_best(scores.into_iter(), 3), 4.0);
        assert_eq!(nth_best(scores.into_iter(), 6), 1.0);
    }
}
