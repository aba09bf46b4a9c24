//! How a question was read — its concepts, their weights and every variant searched — for
//! `notebot ask --explain`: the way a team sees why a question was answered or declined, and
//! which alias or glossary entry would have helped.

use serde::Serialize;

use super::coverage::CoverageScorer;
use super::frequencies::FieldFrequencies;
use super::params::CoverageParams;
use super::{QueryPlan, Widener};
use crate::analysis::TermClass;
use crate::index::OpenIndex;

/// One concept of the question, as searched.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptReading {
    /// The word as written in the question.
    pub word: String,
    /// The analysed term the concept stands for.
    pub term: String,
    /// Noun, verb, Latin word or number (`noun`, `verb`, `latin`, `number` in JSON): word
    /// classes weigh differently.
    pub class: TermClass,
    /// Its weight in coverage (rarity in the notes × word class).
    pub weight: f32,
    /// Its share of the question's total weight (0..1): what finding it adds to coverage.
    pub share: f32,
    /// Whether any of its variants occurs somewhere in the notes.
    pub in_notes: bool,
    /// The hits (numbered as cited, from 1) that contain it.
    pub found_in: Vec<usize>,
    /// Every way it was searched, the typed form at weight 1 among them.
    pub variants: Vec<VariantReading>,
}

/// One way a concept was searched.
#[derive(Debug, Clone, Serialize)]
pub struct VariantReading {
    /// Its terms, space-separated (`network load balancer`).
    pub terms: String,
    /// Query weight relative to the typed word (1): its widener's weight in
    /// [`super::WidenerWeights`] (`search.weights.wideners`).
    pub weight: f32,
    /// Whether the notes contain all of its terms somewhere.
    pub in_notes: bool,
    /// The rule that searched it (`typed`, `alias`, `translation`, `loanword`, …).
    pub widener: Widener,
    /// Where the notes write it, for a term they teach (a translation of the question's word,
    /// an English term a Hangul loanword sounds like): `os.md:12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Reads `plan` against the index: the figures the coverage rule used, recomputed only when
/// asked for, so answering stays as fast without `--explain`. `found` holds, for each hit of
/// the answer, the concepts it holds (as [`super::Coverage::found`]).
pub fn read(
    open: &OpenIndex,
    plan: &QueryPlan,
    found: &[u64],
    coverage: &CoverageParams,
) -> tantivy::Result<Vec<ConceptReading>> {
    if plan.is_empty() {
        return Ok(Vec::new());
    }
    let frequencies = FieldFrequencies::lookup(open, plan, false)?;
    let scorer = CoverageScorer::new(&frequencies, plan, coverage);
    let weights = scorer.concept_weights();
    let total: f32 = weights.iter().sum();
    let readings = plan
        .concepts
        .iter()
        .zip(weights.iter().copied())
        .enumerate()
        .map(|(index, (concept, weight))| {
            let mut variants: Vec<VariantReading> = Vec::new();
            for variant in plan.variants.iter().filter(|v| v.concept == index) {
                let terms = variant.terms.join(" ");
                if variants.iter().all(|v| v.terms != terms) {
                    let weight = variant_weight(plan, &variant.terms);
                    let in_notes = variant.terms.iter().all(|t| frequencies.most(t) > 0);
                    let (widener, origin) = (variant.widener, variant.origin.clone());
                    variants.push(VariantReading { terms, weight, in_notes, widener, origin });
                }
            }
            ConceptReading {
                word: concept.word.clone(),
                term: concept.text.clone(),
                class: concept.class,
                weight,
                share: if total > 0.0 { weight / total } else { 0.0 },
                in_notes: variants.iter().any(|v| v.in_notes),
                found_in: (0..found.len())
                    .filter(|&hit| index < 64 && found[hit] & (1 << index) != 0)
                    .map(|hit| hit + 1)
                    .collect(),
                variants,
            }
        })
        .collect();
    Ok(readings)
}

/// A variant weighs what its lightest term does.
fn variant_weight(plan: &QueryPlan, terms: &[String]) -> f32 {
    terms
        .iter()
        .filter_map(|text| plan.terms.iter().find(|t| &t.text == text).map(|t| t.weight))
        .fold(f32::INFINITY, f32::min)
        .min(1.0)
}
