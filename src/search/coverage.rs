//! How much of a question a chunk actually covers: the signal that separates an answer from
//! a weak match. BM25 scores are not comparable across questions; the share of the
//! question's concepts found in the chunk, weighted by rarity and word class, is.
//!
//! Term statistics are looked up once per question. Which candidates hold a term scoring
//! walked in every word field is known from scoring (`scoring::TermBits`); any other variant's
//! postings are read once per segment and walked through the candidates in document order, so
//! measuring fifty candidates costs little more than measuring one.

use rustc_hash::FxHashMap;

use tantivy::{DocAddress, DocSet};

use super::frequencies::FieldFrequencies;
use super::params::{CoverageParams, SearchedField};
use super::scoring::TermBits;
use super::QueryPlan;

/// The share of a question's weighted concepts present in one chunk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Σ weight(found concepts) / Σ weight(all concepts), in 0..=1.
    pub share: f32,
    /// Bit `i` is set when the chunk contains concept `i` of the plan.
    pub found: u64,
    /// Bit `i` is set when the notes never mention concept `i` (in any variant): a question
    /// about something absent, or a word the alias file could map.
    pub unknown: u64,
    /// Bit `i` is set when the notes never write concept `i` as typed, whatever other forms
    /// (aliases, loanwords that sound like it) they hold.
    pub untyped: u64,
}

impl Coverage {
    /// Whether concept `index` of the plan is in the chunk.
    pub fn contains(&self, index: usize) -> bool {
        index < 64 && self.found & (1 << index) != 0
    }

    /// Whether the notes never mention concept `index` of the plan.
    pub fn is_unknown(&self, index: usize) -> bool {
        index < 64 && self.unknown & (1 << index) != 0
    }

    /// Whether the notes never write concept `index` as the question types it.
    pub fn is_untyped(&self, index: usize) -> bool {
        index < 64 && self.untyped & (1 << index) != 0
    }
}

/// The variants (their terms) of a concept the notes actually contain.
struct ConceptStats {
    known_variants: Vec<Vec<String>>,
    /// Whether the notes hold the concept as typed.
    typed_known: bool,
}

/// Per-question statistics, computed once and applied to many candidates.
pub(super) struct CoverageScorer {
    concepts: Vec<ConceptStats>,
    /// Each concept's weight (rarity times word class), in the plan's order.
    weights: Vec<f32>,
    unknown: u64,
    untyped: u64,
}

impl CoverageScorer {
    /// Looks up document frequencies for every variant. A concept the notes never mention
    /// weighs as the rarest possible term, so a question about something absent stays uncovered;
    /// unless it only frames the question (`exactly`, `in short`), which says nothing of
    /// what the question is about, and then it weighs nothing.
    pub(super) fn new(frequencies: &FieldFrequencies, plan: &QueryPlan, params: &CoverageParams) -> CoverageScorer {
        let docs = frequencies.docs().max(1) as f32;
        let idf = |df: f32| (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
        let (weights, concepts): (Vec<f32>, Vec<ConceptStats>) = plan
            .concepts
            .iter()
            .enumerate()
            .map(|(index, concept)| {
                let mut rarest: Option<f32> = None;
                let mut typed: Option<f32> = None;
                let mut known_variants = Vec::new();
                for variant in plan.variants.iter().filter(|v| v.concept == index) {
                    let counts: Vec<u64> = variant.terms.iter().map(|t| frequencies.most(t)).collect();
                    if counts.iter().all(|&df| df > 0) {
                        let most_common = counts.iter().copied().max().unwrap_or(0);
                        let weight = idf(most_common as f32);
                        rarest = Some(rarest.map_or(weight, |w: f32| w.max(weight)));
                        if variant.terms.len() == 1 && variant.terms[0] == concept.text {
                            typed = Some(weight);
                        }
                        known_variants.push(variant.terms.clone());
                    }
                }
                let weight = match typed.or(rarest) {
                    Some(weight) => weight,
                    None if concept.is_frame_word() => 0.0,
                    None => idf(0.0),
                };
                (weight * concept.importance(params), ConceptStats { known_variants, typed_known: typed.is_some() })
            })
            .unzip();
        let unknown = bits(concepts.iter().map(|c| c.known_variants.is_empty()));
        let untyped = bits(concepts.iter().map(|c| !c.typed_known));
        CoverageScorer { concepts, weights, unknown, untyped }
    }

    /// Each concept's weight, in the plan's order.
    pub(super) fn concept_weights(&self) -> &[f32] {
        &self.weights
    }

    /// Coverage of each of `docs`, in the same order. `known` tells, for the terms scoring
    /// walked all the word-field postings of, which of `docs` hold them (their [`TermBits`], one
    /// per doc); only the other terms' postings are opened.
    pub(super) fn measure(
        &self,
        frequencies: &FieldFrequencies,
        docs: &[DocAddress],
        known: (&TermBits<'_>, &[u64]),
    ) -> Vec<Coverage> {
        let found = self.found_in_known(frequencies, docs, &SearchedField::WORDS, Some(known));
        found.into_iter().map(|found| self.coverage(found)).collect()
    }

    /// For each of `docs`, the concepts (bit `i` for concept `i`) one of whose variants lies
    /// wholly in the searched fields `fields`.
    pub(super) fn found_in(
        &self,
        frequencies: &FieldFrequencies,
        docs: &[DocAddress],
        fields: &[SearchedField],
    ) -> Vec<u64> {
        self.found_in_known(frequencies, docs, fields, None)
    }

    fn found_in_known(
        &self,
        frequencies: &FieldFrequencies,
        docs: &[DocAddress],
        fields: &[SearchedField],
        known: Option<(&TermBits<'_>, &[u64])>,
    ) -> Vec<u64> {
        let order = by_address(docs);
        let mut containing: FxHashMap<&str, Vec<bool>> = FxHashMap::default();
        let mut found = vec![0u64; docs.len()];
        let known_bits = |term: &str| {
            let (tracked, bits) = known?;
            let mask = tracked.mask(term)?;
            Some(bits.iter().map(|&held| held & mask != 0).collect())
        };
        for (concept_index, concept) in self.concepts.iter().enumerate().take(64) {
            for variant in &concept.known_variants {
                let mut has_all = vec![true; docs.len()];
                for term in variant {
                    let has_term = containing.entry(term.as_str()).or_insert_with(|| {
                        known_bits(term).unwrap_or_else(|| docs_containing(frequencies, term, docs, &order, fields))
                    });
                    has_all.iter_mut().zip(has_term.iter()).for_each(|(all, has)| *all &= *has);
                }
                for (doc, has) in has_all.into_iter().enumerate() {
                    found[doc] |= u64::from(has) << concept_index;
                }
            }
        }
        found
    }

    /// For each of `docs`, the concepts (bit `i` for concept `i`) whose typed term is in the
    /// searched field `field`: a cheaper reading than [`CoverageScorer::found_in`], for the
    /// chunks' leads, where the question's own words are what counts.
    pub(super) fn typed_found_in(
        &self,
        frequencies: &FieldFrequencies,
        plan: &QueryPlan,
        docs: &[DocAddress],
        field: SearchedField,
    ) -> Vec<u64> {
        let order = by_address(docs);
        let mut found = vec![0u64; docs.len()];
        for (concept_index, concept) in plan.concepts.iter().enumerate().take(64) {
            if !self.concepts.get(concept_index).is_some_and(|c| c.typed_known) {
                continue;
            }
            mark_containing(frequencies, field, &concept.text, docs, &order, |doc| found[doc] |= 1 << concept_index);
        }
        found
    }

    /// Concepts the notes never mention, as bits.
    pub(super) fn unknown(&self) -> u64 {
        self.unknown
    }

    /// The weighted share of the question's concepts in `found` (bit `i` for concept `i`).
    pub(super) fn share(&self, found: u64) -> f32 {
        weighted_share(&self.weights, found)
    }

    fn coverage(&self, found: u64) -> Coverage {
        Coverage { share: weighted_share(&self.weights, found), found, unknown: self.unknown, untyped: self.untyped }
    }
}

/// Concept weights for ordering candidates, each scaled up by how few of the best candidates
/// hold it: a word every strong candidate holds (the note's topic, `테스트` over a note on
/// tests) cannot tell them apart, a word only one holds (`단점`) is what the question asks of
/// that topic. `best` are the `found` sets of the best candidates; a concept held by `n` of
/// them weighs `1 + boost × ln((k + 1) / (n + 1)) / ln(k + 1)` times its weight. A concept the
/// notes never mention (`unknown`) tells no candidate apart and keeps its weight.
pub(super) fn rarity_among(weights: &[f32], best: &[u64], unknown: u64, boost: f32) -> Vec<f32> {
    let k = best.len() as f32;
    if best.is_empty() || boost <= 0.0 {
        return weights.to_vec();
    }
    weights
        .iter()
        .enumerate()
        .map(|(i, &weight)| {
            // Concepts past the 64th have no bit: none holds them, and none is unknown.
            let bit = if i < 64 { 1u64 << i } else { 0 };
            if unknown & bit != 0 {
                return weight;
            }
            let holding = best.iter().filter(|&&found| found & bit != 0).count();
            let rarity = ((k + 1.0) / (holding as f32 + 1.0)).ln() / (k + 1.0).ln();
            weight * (1.0 + boost * rarity)
        })
        .collect()
}

/// The share of `weights` whose concepts are in `found` (bit `i` for concept `i`).
pub(super) fn weighted_share(weights: &[f32], found: u64) -> f32 {
    let total: f32 = weights.iter().sum();
    let held: f32 = weights.iter().take(64).enumerate().filter(|(i, _)| found & (1 << i) != 0).map(|(_, w)| w).sum();
    if total > 0.0 {
        held / total
    } else {
        0.0
    }
}

/// For each of `docs`, whether one of the searched fields `fields` holds `term`.
fn docs_containing(
    frequencies: &FieldFrequencies,
    term: &str,
    docs: &[DocAddress],
    order: &[usize],
    fields: &[SearchedField],
) -> Vec<bool> {
    let mut has_term = vec![false; docs.len()];
    for &field in fields {
        mark_containing(frequencies, field, term, docs, order, |doc| has_term[doc] = true);
    }
    has_term
}

/// Calls `mark(i)` for every candidate `docs[i]` whose `field` contains `text`; `order` lists the candidates sorted by address so each segment's postings are
/// walked forward once.
fn mark_containing(
    frequencies: &FieldFrequencies,
    field: SearchedField,
    text: &str,
    docs: &[DocAddress],
    order: &[usize],
    mut mark: impl FnMut(usize),
) {
    let mut start = 0;
    while start < order.len() {
        let segment_ord = docs[order[start]].segment_ord;
        let end = start + order[start..].iter().take_while(|&&i| docs[i].segment_ord == segment_ord).count();
        if let Some(mut postings) = frequencies.postings(text, segment_ord as usize, field) {
            for &i in &order[start..end] {
                let target = docs[i].doc_id;
                if postings.doc() < target {
                    postings.seek(target);
                }
                if postings.doc() == target {
                    mark(i);
                }
            }
        }
        start = end;
    }
}

/// Positions of `docs` sorted by address, so each segment's postings are walked forward once.
fn by_address(docs: &[DocAddress]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| docs[i]);
    order
}

/// Flags as a bit set (the plan has at most 48 concepts).
fn bits(flags: impl Iterator<Item = bool>) -> u64 {
    flags.take(64).enumerate().filter(|(_, f)| *f).fold(0, |set, (i, _)| set | 1 << i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_concept_every_best_candidate_holds_keeps_its_weight() {
        let weights = rarity_among(&[1.0, 1.0], &[0b01, 0b01, 0b11], 0, 2.0);
        assert_eq!(weights[0], 1.0);
        assert!(weights[1] > 1.0 && weights[1] < 3.0, "{weights:?}");
    }

    #[test]
    fn a_concept_no_best_candidate_holds_weighs_most() {
        let weights = rarity_among(&[1.0, 1.0, 1.0], &[0b001, 0b011, 0b001], 0, 2.0);
        assert_eq!(weights[2], 3.0);
        assert!(weights[1] < weights[2] && weights[1] > weights[0]);
    }

    #[test]
    fn a_concept_the_notes_never_mention_keeps_its_weight() {
        let weights = rarity_among(&[1.0, 1.0, 1.0], &[0b001, 0b001], 0b100, 2.0);
        assert_eq!(weights[2], 1.0, "it tells no candidate apart");
        assert_eq!(weights[1], 3.0, "a known concept no best candidate holds weighs most");
    }

    #[test]
    fn no_boost_or_no_candidates_leave_weights_as_they_are() {
        assert_eq!(rarity_among(&[0.5, 2.0], &[0b01], 0, 0.0), vec![0.5, 2.0]);
        assert_eq!(rarity_among(&[0.5, 2.0], &[], 0, 2.0), vec![0.5, 2.0]);
    }

    #[test]
    fn the_rare_concept_a_candidate_holds_outweighs_a_common_heavier_one() {
        // `expect` (0.3) is in nine of ten best candidates, `단점` (0.25) in one.
        let mut best = vec![0b01; 9];
        best.push(0b10);
        let weights = rarity_among(&[0.3, 0.25], &best, 0, 2.0);
        assert!(weighted_share(&weights, 0b10) > weighted_share(&weights, 0b01));
        assert!(weighted_share(&[0.3, 0.25], 0b10) < weighted_share(&[0.3, 0.25], 0b01));
    }

    #[test]
    fn a_share_counts_only_the_concepts_found() {
        assert_eq!(weighted_share(&[1.0, 3.0], 0b10), 0.75);
        assert_eq!(weighted_share(&[1.0, 3.0], 0), 0.0);
        assert_eq!(weighted_share(&[], 0b1), 0.0);
    }
}
