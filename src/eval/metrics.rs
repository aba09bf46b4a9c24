//! hit@1, hit@3, MRR@10, abstention and latency over a set of outcomes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Outcome;

/// Figures for one group of questions; a share is `None` (JSON `null`) when no question of the
/// group applies to it (abstention in a group of answerable questions only).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Questions in the group.
    pub questions: usize,
    /// Of which answerable.
    pub answerable: usize,
    /// Share of answerable questions whose first hit is correct.
    pub hit_at_1: Option<f64>,
    /// Of the answered questions whose first hit is correct, the share whose shown answer text
    /// contains the expected text: the answer reads right, not only cites right.
    pub answer_contains: Option<f64>,
    /// Share of answerable questions with a correct hit in the first three.
    pub hit_at_3: Option<f64>,
    /// Mean reciprocal rank of the first correct hit within ten.
    pub mrr_at_10: Option<f64>,
    /// Share of unanswerable questions notebot declined to answer.
    pub abstention: Option<f64>,
    /// Share of answerable questions notebot declined to answer.
    pub false_abstention: Option<f64>,
    /// Median time per question, ms.
    pub p50_ms: f64,
    /// 95th percentile time per question, ms.
    pub p95_ms: f64,
}

/// The whole evaluation: overall, per split, and every question that failed.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// All questions.
    pub overall: Summary,
    /// Per `split` value.
    pub splits: BTreeMap<String, Summary>,
    /// Per tag (`english`, `paraphrase`…): which kinds of question are weak.
    pub tags: BTreeMap<String, Summary>,
    /// Per-question results, in file order.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// Aggregates outcomes.
    pub fn from_outcomes(outcomes: Vec<Outcome>) -> Report {
        let overall = summarize(&outcomes.iter().collect::<Vec<_>>());
        let splits = summarize_groups(&outcomes, |outcome| outcome.split.iter().cloned().collect());
        let tags = summarize_groups(&outcomes, |outcome| outcome.tags.clone());
        Report { overall, splits, tags, outcomes }
    }

    /// Questions that failed hit@1 or abstention.
    pub fn failures(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.failed())
    }
}

/// A summary per group, each outcome counted in every group `groups_of` names.
fn summarize_groups(outcomes: &[Outcome], groups_of: impl Fn(&Outcome) -> Vec<String>) -> BTreeMap<String, Summary> {
    let mut groups: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for outcome in outcomes {
        for group in groups_of(outcome) {
            groups.entry(group).or_default().push(outcome);
        }
    }
    groups.into_iter().map(|(name, group)| (name, summarize(&group))).collect()
}

/// `count / of`, or `None` when no question of the set applies (`of` is 0).
fn share(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| count as f64 / of as f64)
}

fn summarize(outcomes: &[&Outcome]) -> Summary {
    let answerable: Vec<&&Outcome> = outcomes.iter().filter(|o| o.answerable).collect();
    let unanswerable = outcomes.len() - answerable.len();
    let hit = |k: usize| answerable.iter().filter(|o| o.rank.is_some_and(|r| r <= k)).count();
    let mrr = answerable.iter().filter_map(|o| o.rank).fold(0.0, |sum, r| sum + 1.0 / r as f64);
    let abstained = outcomes.iter().filter(|o| !o.answerable && !o.answered).count();
    let falsely_abstained = answerable.iter().filter(|o| !o.answered).count();
    let mut times: Vec<f64> = outcomes.iter().map(|o| o.took_ms).collect();
    times.sort_by(f64::total_cmp);
    Summary {
        questions: outcomes.len(),
        answerable: answerable.len(),
        hit_at_1: share(hit(1), answerable.len()),
        answer_contains: share(
            outcomes.iter().filter(|o| o.answer_contains == Some(true)).count(),
            outcomes.iter().filter(|o| o.answer_contains.is_some()).count(),
        ),
        hit_at_3: share(hit(3), answerable.len()),
        mrr_at_10: (!answerable.is_empty()).then(|| mrr / answerable.len() as f64),
        abstention: share(abstained, unanswerable),
        false_abstention: share(falsely_abstained, answerable.len()),
        p50_ms: percentile(&times, 0.50),
        p95_ms: percentile(&times, 0.95),
    }
}

/// Nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}
