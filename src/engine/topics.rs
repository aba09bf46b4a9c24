//! Finding headings by name, for `/topic` autocomplete and `notebot topic`.

use std::collections::HashSet;

use crate::analysis::Analyzer;
use crate::answer::Topic;

fn folded(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Topics whose full path or last heading starts with `prefix` (all of them without one).
pub fn with_prefix(topics: &[Topic], prefix: Option<&str>) -> Vec<Topic> {
    let Some(prefix) = prefix.map(folded).filter(|p| !p.is_empty()) else {
        return topics.to_vec();
    };
    topics
        .iter()
        .filter(|t| folded(&t.heading).starts_with(&prefix) || folded(t.last_heading()).starts_with(&prefix))
        .cloned()
        .collect()
}

/// How well a topic matches what someone has typed so far; 0 is no match.
fn match_score(analyzer: &Analyzer, topic: &Topic, typed: &str, typed_terms: &HashSet<String>) -> u32 {
    let heading = folded(&topic.heading);
    let last = folded(topic.last_heading());
    let mut score = 0;
    if last.starts_with(typed) {
        score += 100;
    } else if heading.starts_with(typed) {
        score += 80;
    } else if heading.contains(typed) {
        score += 50;
    }
    if !typed_terms.is_empty() {
        let terms: HashSet<String> = analyzer.analyze(&topic.heading).into_iter().map(|t| t.text).collect();
        score += 10 * typed_terms.intersection(&terms).count() as u32;
    }
    score
}

/// Up to `limit` topics ranked by prefix, then substring, then shared analysed terms; with
/// nothing typed, the first `limit` topics in note order.
pub fn suggest(analyzer: &Analyzer, topics: &[Topic], partial: &str, limit: usize) -> Vec<Topic> {
    let typed = folded(partial);
    if typed.is_empty() {
        return topics.iter().take(limit).cloned().collect();
    }
    let typed_terms: HashSet<String> = analyzer.analyze(&typed).into_iter().map(|t| t.text).collect();
    let mut scored: Vec<(u32, usize)> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (match_score(analyzer, t, &typed, &typed_terms), i))
        .filter(|(score, _)| *score > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(limit).map(|(_, i)| topics[i].clone()).collect()
}

/// The index of the topic `name` refers to: an exact path, an exact last heading, then the
/// best suggestion.
pub fn find(analyzer: &Analyzer, topics: &[Topic], name: &str) -> Option<usize> {
    let wanted = folded(name);
    if wanted.is_empty() {
        return None;
    }
    let exact = topics.iter().position(|t| folded(&t.heading) == wanted);
    let by_last = || topics.iter().position(|t| folded(t.last_heading()) == wanted);
    exact.or_else(by_last).or_else(|| {
        let best = suggest(analyzer, topics, name, 1).into_iter().next()?;
        topics.iter().position(|t| *t == best)
    })
}
