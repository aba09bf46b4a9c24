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

use rustc_hash::FxHashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::{DocAddress, DocId, Score};

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

/// Which of up to 64 terms each scored chunk holds in the word fields, learnt from the postings
/// scoring walks anyway, so coverage need not open them again (`TermBits::of`).
#[derive(Debug, Default)]
pub struct TermBits<'a> {
    masks: FxHashMap<&'a str, u64>,
}

impl<'a> TermBits<'a> {
    /// The terms whose every word-field posting list is among `clauses`: a term the clauses
    /// leave out of a field that holds it (too common there) cannot be told from its postings.
    pub fn of(clauses: &[Clause<'a>], frequencies: &FieldFrequencies) -> TermBits<'a> {
        let scored = |text: &str, field: SearchedField| clauses.iter().any(|c| c.text == text && c.field == field);
        let mut masks = FxHashMap::default();
        for clause in clauses.iter().filter(|c| SearchedField::WORDS.contains(&c.field)) {
            if masks.len() == 64 || masks.contains_key(clause.text) {
                continue;
            }
            let whole = SearchedField::WORDS
                .iter()
                .all(|&field| frequencies.in_field(clause.text, field) == 0 || scored(clause.text, field));
            if whole {
                masks.insert(clause.text, 1u64 << masks.len());
            }
        }
        TermBits { masks }
    }

    /// The bit of `term`, when its postings were all scored.
    pub fn mask(&self, term: &str) -> Option<u64> {
        self.masks.get(term).copied()
    }

    /// The bit a clause sets in the chunks it matches (0: none).
    fn of_clause(&self, clause: &Clause<'_>) -> u64 {
        match SearchedField::WORDS.contains(&clause.field) {
            true => self.mask(clause.text).unwrap_or(0),
            false => 0,
        }
    }
}

/// One of the best chunks: its summed BM25, its place in the notes, its address, and the
/// [`TermBits`] it holds.
pub type TopDoc = (Score, u64, DocAddress, u64);

/// The `limit` best chunks for `clauses` by summed BM25, best first, each with its place in
/// the notes (`order`), which breaks ties. Only the chunks that can still make the list (every
/// score above the `limit`-th, and all equal to it) have their place looked up.
pub fn top_docs(
    frequencies: &FieldFrequencies,
    clauses: &[Clause<'_>],
    tracked: &TermBits<'_>,
    limit: usize,
    bm25: &Bm25Params,
    order: &dyn Fn(DocAddress) -> u64,
) -> tantivy::Result<Vec<TopDoc>> {
    let mut scored: Vec<(Score, DocAddress, u64)> = Vec::new();
    SCRATCH.with_borrow_mut(|totals| -> tantivy::Result<()> {
        // A question that panicked halfway (a task of the bot's blocking pool) left its totals.
        totals.clear();
        for segment_ord in 0..frequencies.segments() {
            if let Err(error) = score_segment(frequencies, clauses, tracked, segment_ord, bm25, totals) {
                totals.clear(); // left clean for the next question
                return Err(error);
            }
            let segment = frequencies.segment_reader(segment_ord);
            let segment_ord = segment_ord as u32;
            let alive = |doc: DocId| segment.alive_bitset().is_none_or(|alive| alive.is_alive(doc));
            totals.drain_best(limit, alive, |doc_id, score, bits| {
                scored.push((score, DocAddress { segment_ord, doc_id }, bits))
            });
        }
        Ok(())
    })?;
    if limit == 0 {
        return Ok(Vec::new());
    }
    if scored.len() > limit {
        let last = nth_best(scored.iter().map(|&(score, _, _)| score), limit);
        scored.retain(|(score, _, _)| *score >= last);
    }
    let mut ranked: Vec<TopDoc> =
        scored.into_iter().map(|(score, address, bits)| (score, order(address), address, bits)).collect();
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

thread_local! {
    /// Each thread's score totals, kept between questions: a segment's worth of zeroed scores
    /// is otherwise allocated for every question.
    static SCRATCH: std::cell::RefCell<SparseScores> = std::cell::RefCell::new(SparseScores::default());
}

/// Adds to `totals` the summed clause scores of every document of one segment that matches a
/// clause.
fn score_segment(
    frequencies: &FieldFrequencies,
    clauses: &[Clause<'_>],
    tracked: &TermBits<'_>,
    segment_ord: usize,
    bm25: &Bm25Params,
    totals: &mut SparseScores,
) -> tantivy::Result<()> {
    totals.cover(frequencies.segment_reader(segment_ord).max_doc());
    let mut norms: [Option<FieldNormReader>; 5] = [None, None, None, None, None];
    let mut length_norms: [Option<LengthNorms>; 5] = [None, None, None, None, None];
    for clause in clauses {
        let Some(mut postings) = frequencies.postings_with_freqs(clause.text, segment_ord, clause.field) else {
            continue;
        };
        let fieldnorms = match &mut norms[clause.field.index()] {
            Some(reader) => reader,
            empty => empty.insert(frequencies.fieldnorms(segment_ord, clause.field)?),
        };
        let lengths =
            length_norms[clause.field.index()].get_or_insert_with(|| LengthNorms::new(frequencies, clause.field, bm25));
        let weight = ClauseWeight::new(frequencies, clause, bm25, lengths);
        let bit = tracked.of_clause(clause);
        // A block of up to 128 postings at a time: one decoded array of documents and one of
        // their term frequencies (absent when the field keeps none: each counts once).
        loop {
            let docs = postings.docs();
            if docs.is_empty() {
                break;
            }
            let freqs = postings.freqs();
            if freqs.len() == docs.len() {
                for (&doc, &freq) in docs.iter().zip(freqs) {
                    totals.add(doc, weight.score(fieldnorms.fieldnorm_id(doc), freq), bit);
                }
            } else {
                for &doc in docs {
                    totals.add(doc, weight.score(fieldnorms.fieldnorm_id(doc), 1), bit);
                }
            }
            postings.advance();
        }
    }
    Ok(())
}

/// BM25's length normalisation of a field, `k1 × (1 − b + b × length / average length)`, for
/// each of the 256 encoded field lengths: computed once per field and question, so a posting
/// costs a table read and a division.
struct LengthNorms([Score; 256]);

impl LengthNorms {
    fn new(frequencies: &FieldFrequencies, field: SearchedField, bm25: &Bm25Params) -> LengthNorms {
        let average = frequencies.tokens(field) as Score / frequencies.docs().max(1) as Score;
        let (k1, b) = (bm25.k1, bm25.b);
        LengthNorms(std::array::from_fn(|id| {
            let length = FieldNormReader::id_to_fieldnorm(id as u8) as Score;
            k1 * (1.0 - b + b * length / average)
        }))
    }
}

/// A clause's BM25 weight, as Tantivy's `Bm25Weight` computes it for a boosted term query.
struct ClauseWeight<'a> {
    weight: Score,
    norms: &'a LengthNorms,
}

impl<'a> ClauseWeight<'a> {
    fn new(frequencies: &FieldFrequencies, clause: &Clause<'_>, bm25: &Bm25Params, norms: &'a LengthNorms) -> Self {
        let docs = frequencies.docs();
        let doc_freq = frequencies.in_field(clause.text, clause.field).min(docs);
        let idf = (1.0 + ((docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5)).ln();
        ClauseWeight { weight: idf * (1.0 + bm25.k1) * clause.boost, norms }
    }

    fn score(&self, fieldnorm_id: u8, term_freq: u32) -> Score {
        let term_freq = term_freq as Score;
        self.weight * (term_freq / (term_freq + self.norms.0[fieldnorm_id as usize]))
    }
}

/// Per-document score totals of one segment, remembering which documents have one; drained
/// back to all zeros after each segment, so it can be reused.
#[derive(Default)]
struct SparseScores {
    totals: Vec<Score>,
    seen: Vec<bool>,
    /// The [`TermBits`] of each document.
    bits: Vec<u64>,
    touched: Vec<DocId>,
}

impl SparseScores {
    /// Makes room for exactly documents `0..max_doc`, the segment about to be scored: a segment
    /// of an earlier, larger index leaves no room for ids past this one's end. Every total is
    /// zero between segments, so shrinking and growing keep them so.
    fn cover(&mut self, max_doc: u32) {
        let docs = max_doc as usize;
        self.totals.resize(docs, 0.0);
        self.seen.resize(docs, false);
        self.bits.resize(docs, 0);
    }

    /// Adds a clause's score and term bit; a document id past the segment's end (a damaged
    /// index) is ignored rather than allowed to panic.
    fn add(&mut self, doc: DocId, score: Score, bit: u64) {
        let at = doc as usize;
        let (Some(total), Some(seen), Some(bits)) =
            (self.totals.get_mut(at), self.seen.get_mut(at), self.bits.get_mut(at))
        else {
            return;
        };
        if !*seen {
            *seen = true;
            self.touched.push(doc);
        }
        *total += score;
        *bits |= bit;
    }

    /// Clears every total without handing any over.
    fn clear(&mut self) {
        for doc in self.touched.drain(..) {
            let at = doc as usize;
            (self.totals[at], self.seen[at], self.bits[at]) = (0.0, false, 0);
        }
    }

    /// Hands over the documents of the segment's `limit` best totals (all that tie with the
    /// last of them too) among those `alive`, in the order first scored, and clears every
    /// total. No other document can make the `limit` best of all segments.
    fn drain_best(&mut self, limit: usize, alive: impl Fn(DocId) -> bool, mut each: impl FnMut(DocId, Score, u64)) {
        let last = if self.touched.len() > limit && limit > 0 {
            let alive_totals = self.touched.iter().filter(|&&doc| alive(doc)).map(|&doc| self.totals[doc as usize]);
            nth_best(alive_totals, limit)
        } else {
            Score::NEG_INFINITY
        };
        for doc in self.touched.drain(..) {
            let at = doc as usize;
            let total = std::mem::take(&mut self.totals[at]);
            let bits = std::mem::take(&mut self.bits[at]);
            self.seen[at] = false;
            if total >= last && alive(doc) {
                each(doc, total, bits);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{nth_best, SparseScores};

    fn drained(scores: &mut SparseScores, limit: usize, alive: impl Fn(u32) -> bool) -> Vec<(u32, f32)> {
        let mut kept = Vec::new();
        scores.drain_best(limit, alive, |doc, score, _| kept.push((doc, score)));
        kept
    }

    #[test]
    fn the_best_totals_are_handed_over_with_their_ties_and_the_rest_cleared() {
        let mut scores = SparseScores::default();
        scores.cover(8);
        for (doc, score) in [(5, 1.0), (2, 3.0), (7, 2.0), (5, 1.0), (0, 2.0), (3, 0.5)] {
            scores.add(doc, score, 0);
        }
        scores.add(9, 4.0, 0); // past the segment's end: ignored
        assert_eq!(drained(&mut scores, 2, |_| true), vec![(5, 2.0), (2, 3.0), (7, 2.0), (0, 2.0)]);
        // Reused for the next question, nothing of the last one is left.
        scores.add(3, 1.5, 0);
        assert_eq!(drained(&mut scores, 2, |_| true), vec![(3, 1.5)]);
        assert!(scores.totals.iter().all(|&total| total == 0.0) && !scores.seen.contains(&true));
    }

    #[test]
    fn a_smaller_segment_after_a_larger_one_ignores_ids_past_its_end() {
        let mut scores = SparseScores::default();
        scores.cover(8);
        scores.cover(4);
        scores.add(6, 1.0, 0b1);
        scores.add(1, 1.0, 0b01);
        scores.add(1, 1.0, 0b10);
        let mut kept = Vec::new();
        scores.drain_best(5, |_| true, |doc, score, bits| kept.push((doc, score, bits)));
        assert_eq!(kept, vec![(1, 2.0, 0b11)], "the term bits of every clause that matched");
    }

    #[test]
    fn totals_left_by_a_question_that_stopped_halfway_are_cleared_by_the_next() {
        let mut scores = SparseScores::default();
        scores.cover(4);
        scores.add(2, 5.0, 0b1);
        scores.clear();
        scores.add(1, 1.0, 0);
        assert_eq!(drained(&mut scores, 5, |_| true), vec![(1, 1.0)]);
        assert_eq!(scores.bits, vec![0; 4]);
    }

    #[test]
    fn deleted_documents_neither_count_among_the_best_nor_are_handed_over() {
        let mut scores = SparseScores::default();
        scores.cover(4);
        for (doc, score) in [(0, 9.0), (1, 1.0), (2, 2.0), (3, 3.0)] {
            scores.add(doc, score, 0);
        }
        assert_eq!(drained(&mut scores, 2, |doc| doc != 0), vec![(2, 2.0), (3, 3.0)]);
    }

    #[test]
    fn the_nth_best_score_counts_ties() {
        let scores = [1.0, 5.0, 3.0, 5.0, 2.0, 4.0];
        assert_eq!(nth_best(scores.into_iter(), 1), 5.0);
        assert_eq!(nth_best(scores.into_iter(), 2), 5.0);
        assert_eq!(nth_best(scores.into_iter(), 3), 4.0);
        assert_eq!(nth_best(scores.into_iter(), 6), 1.0);
    }
}
