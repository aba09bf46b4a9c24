//! Ranking chunks for a question.
//!
//! The question is analysed with the same Korean/English analyzer as the notes and its terms
//! are looked up in the term dictionaries directly, never through QueryParser syntax, so
//! characters such as `AND ( ) : ^ ~ * "` are just text and a huge question cannot stall a
//! search. Each term is scored in the heading, question and body fields with Tantivy's BM25
//! (computed in `scoring`), headings and questions weighing more than body text.

mod aliases;
mod coverage;
mod frequencies;
mod keyboard;
mod named;
mod params;
mod query;
mod read;
mod reading;
mod scoring;
mod transliteration;
mod vocabulary;
mod widen;
mod written;

pub use aliases::{AliasMatch, Aliases};
pub use coverage::Coverage;
pub use params::{
    AbstentionParams, Bm25Params, CoverageParams, FieldBoosts, MatchingParams, PassageParams, Ranking, RankingParams,
    SearchedField, WidenerWeights,
};
pub use query::{Concept, Expansions, QueryGram, QueryPlan, QueryTerm, Variant, Widener};
pub use reading::{read, ConceptReading, VariantReading};
pub use vocabulary::{inflections_of_each_other, Vocabulary};
pub use widen::{QuestionWidener, Wideners, WordWidener, QUESTION_WIDENERS, WORD_WIDENERS};

use tantivy::DocAddress;

use coverage::CoverageScorer;
use frequencies::FieldFrequencies;

use crate::index::OpenIndex;

/// Most hits a question returns.
pub const MAX_HITS: usize = 50;
/// BM25 candidates re-ranked by coverage: as many as can ever be shown, so how many citations
/// are asked for (`--top`) never changes which chunk comes first, and a long chunk that BM25's
/// length normalisation ranks low still gets its coverage measured.
const RERANK_DEPTH: usize = MAX_HITS;

/// A ranked chunk before it is turned into a citation.
#[derive(Debug, Clone, Copy)]
pub struct RankedDoc {
    /// Where the chunk is in the index.
    pub address: DocAddress,
    /// Its place in the notes (notes by path, chunks by line), which orders equal scores.
    pub order: u64,
    /// BM25 score with field boosts, scaled by `ranked_share`, by the share of the question in
    /// the chunk's lead, and down for a reference list when no link is asked for.
    pub score: f32,
    /// How much of the question the chunk covers.
    pub coverage: Coverage,
    /// The share of the question its score was ranked by: `coverage.share`, with what the best
    /// candidates tell apart weighing more (`coverage.candidate_rarity`).
    pub ranked_share: f32,
    /// The weighted share of the question the chunk's lead (its own heading and first line)
    /// holds, weighed as `ranked_share` is; 0 when leads are not read (`coverage.lead` 0, or
    /// plain BM25).
    pub lead: f32,
    /// Whether it was scored down as a reference list (`coverage.links`).
    pub reference_list: bool,
}

/// The `limit` best chunks for `plan`, best first: BM25 over the fields, then re-ranked so
/// that covering more of the question's concepts counts, not only repeating one of them.
pub fn rank(
    open: &OpenIndex,
    plan: &QueryPlan,
    limit: usize,
    ranking: Ranking,
    params: &RankingParams,
) -> tantivy::Result<Vec<RankedDoc>> {
    if plan.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let lead = params.coverage.lead;
    let reads_leads = ranking == Ranking::Notebot && lead > 0.0;
    let frequencies = FieldFrequencies::lookup(open, plan, reads_leads)?;
    let clauses = plan.clauses(&frequencies, ranking, params);
    let order = |address| open.order(address);
    let tracked = scoring::TermBits::of(&clauses, &frequencies);
    let top = scoring::top_docs(&frequencies, &clauses, &tracked, limit.max(RERANK_DEPTH), &params.bm25, &order)?;
    let addresses: Vec<DocAddress> = top.iter().map(|(_, _, address, _)| *address).collect();
    let term_bits: Vec<u64> = top.iter().map(|(_, _, _, bits)| *bits).collect();
    let scorer = CoverageScorer::new(&frequencies, plan, &params.coverage);
    let floor = params.coverage.rerank_floor;
    let coverages = scorer.measure(&frequencies, &addresses, (&tracked, &term_bits));
    let lead_found: Vec<u64> = if reads_leads {
        scorer.typed_found_in(&frequencies, plan, &addresses, SearchedField::Lead)
    } else {
        vec![0; addresses.len()]
    };
    let lead_shares: Vec<f32> = lead_found.iter().map(|&found| scorer.share(found)).collect();
    let demotes_links = ranking == Ranking::Notebot && params.coverage.links > 0.0 && !plan.asks_for_a_link();
    let is_reference_list = |address| demotes_links && open.link_share(address) >= params.coverage.links_min_share;
    // Each candidate's score but for the question's share in it and in its lead: BM25 and a
    // reference list's loss.
    let mut bases: Vec<f32> = Vec::with_capacity(top.len());
    let scored =
        |base: f32, share: f32, lead_share: f32| base * (floor + (1.0 - floor) * share) * (1.0 + lead * lead_share);
    let mut ranked: Vec<RankedDoc> = top
        .into_iter()
        .zip(coverages)
        .zip(lead_shares)
        .map(|(((bm25, order, address, _), coverage), lead_share)| {
            let reference_list = is_reference_list(address);
            let score = match ranking {
                Ranking::Notebot => {
                    let kept = if reference_list { 1.0 - params.coverage.links } else { 1.0 };
                    bases.push(bm25 * kept);
                    scored(bm25 * kept, coverage.share, lead_share)
                }
                Ranking::Bm25 => bm25,
            };
            RankedDoc {
                address,
                order,
                score,
                coverage,
                ranked_share: coverage.share,
                lead: lead_share,
                reference_list,
            }
        })
        .collect();
    let by_score = |a: &RankedDoc, b: &RankedDoc| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order));
    if ranking == Ranking::Notebot && params.coverage.candidate_rarity > 0.0 {
        let mut best_first: Vec<usize> = (0..ranked.len()).collect();
        best_first.sort_by(|&a, &b| by_score(&ranked[a], &ranked[b]));
        // Only once the best covers enough to answer: a chance match of one rare word must
        // not lift a chunk of an unanswerable question over the weak ones it has.
        let answers = best_first.first().is_some_and(|&i| ranked[i].coverage.share >= params.abstention.min_coverage);
        if answers {
            let depth = params.coverage.candidate_rarity_depth.min(ranked.len());
            let found: Vec<u64> = best_first[..depth].iter().map(|&i| ranked[i].coverage.found).collect();
            let rarity = params.coverage.candidate_rarity;
            let weights = coverage::rarity_among(scorer.concept_weights(), &found, scorer.unknown(), rarity);
            for ((doc, base), lead_found) in ranked.iter_mut().zip(bases).zip(&lead_found) {
                doc.ranked_share = coverage::weighted_share(&weights, doc.coverage.found);
                doc.lead = coverage::weighted_share(&weights, *lead_found);
                doc.score = scored(base, doc.ranked_share, doc.lead);
            }
        }
    }
    ranked.sort_by(by_score);
    if ranking == Ranking::Notebot {
        named::lead_with_named_heading(open, &frequencies, &scorer, plan, &mut ranked)?;
    }
    ranked.truncate(limit);
    Ok(ranked)
}
