//! Finding headings by name, for `/topic` autocomplete and `notebot topic`.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use crate::analysis::Analyzer;
use crate::answer::Topic;
use crate::knowledge::Section;

/// The topics of a generation's sections, each with the name that picks it.
pub fn named(sections: &[Section]) -> Vec<Topic> {
    let headings: Vec<String> = sections.iter().map(Section::heading).collect();
    let mut uses: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (heading, section) in headings.iter().zip(sections) {
        *uses.entry((heading.as_str(), section.source.as_str())).or_default() += 1;
    }
    headings
        .iter()
        .zip(sections)
        .map(|(heading, section)| {
            let mut name = format!("{heading}{SOURCE_SEPARATOR}{}", section.source);
            if uses[&(heading.as_str(), section.source.as_str())] > 1 {
                name.push_str(&format!(":{}", section.lines.0));
            }
            let lines = [section.lines.0, section.lines.1];
            Topic { heading: heading.clone(), source: section.source.clone(), lines, name }
        })
        .collect()
}

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
    let candidates: Vec<usize> = (0..topics.len()).collect();
    ranked(analyzer, topics, &candidates, &typed).into_iter().take(limit).map(|(_, i)| topics[i].clone()).collect()
}

/// `candidates` that match `typed` at all, best first (note order among equals).
fn ranked(analyzer: &Analyzer, topics: &[Topic], candidates: &[usize], typed: &str) -> Vec<(u32, usize)> {
    let typed_terms: HashSet<String> = analyzer.analyze(typed).into_iter().map(|t| t.text).collect();
    let mut scored: Vec<(u32, usize)> = candidates
        .iter()
        .map(|&i| (match_score(analyzer, &topics[i], typed, &typed_terms), i))
        .filter(|(score, _)| *score > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
}

/// Separates a note path from a name picked in autocomplete (`Overview › ALB · aws/overview.md`),
/// so equal headings in different notes can each be reached.
const SOURCE_SEPARATOR: &str = " · ";

/// What a name refers to: the topic to show, and the others it fits just as well (the same
/// heading in another note, or several equally good guesses), so the person can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of the topic shown.
    pub index: usize,
    /// Indexes of the other topics the name fits as well, in note order.
    pub others: Vec<usize>,
}

/// The topic `name` refers to: an exact path, an exact last heading, then the best suggestion.
/// A name may end with `· <note path>` (or `· <note path>:<line>`, for a heading a note has
/// twice) to pick among equal headings; a note path that names no note matches nothing.
pub fn find(analyzer: &Analyzer, topics: &[Topic], name: &str) -> Option<Found> {
    let (heading, place) = split_place(name);
    let wanted = folded(heading);
    if wanted.is_empty() {
        return None;
    }
    let candidates: Vec<usize> =
        (0..topics.len()).filter(|&i| place.as_ref().is_none_or(|place| place.holds(&topics[i]))).collect();
    let exact = |text: fn(&Topic) -> &str| -> Vec<usize> {
        candidates.iter().copied().filter(|&i| folded(text(&topics[i])) == wanted).collect()
    };
    let mut matches = exact(|t| t.heading.as_str());
    if matches.is_empty() {
        matches = exact(Topic::last_heading);
    }
    if matches.is_empty() {
        let ranked = ranked(analyzer, topics, &candidates, &wanted);
        let best = ranked.first()?.0;
        matches = ranked.into_iter().take_while(|(score, _)| *score == best).map(|(_, i)| i).collect();
        matches.sort_unstable();
    }
    if let Some(line) = place.and_then(|place| place.line) {
        // The innermost section at that line: a labelled item rather than the heading over it.
        matches.sort_by_key(|&i| (topics[i].lines[0] != line, topics[i].lines[1] - topics[i].lines[0]));
    }
    let (&index, others) = matches.split_first()?;
    Some(Found { index, others: others.to_vec() })
}

/// Where a name says its topic is: a note, and maybe a line in it.
struct Place<'a> {
    source: &'a str,
    line: Option<u32>,
}

impl Place<'_> {
    fn holds(&self, topic: &Topic) -> bool {
        topic.source == self.source && self.line.is_none_or(|line| (topic.lines[0]..=topic.lines[1]).contains(&line))
    }
}

/// The heading part of `name` and the place it names, when it ends with `· <note path>` or
/// `· <note path>:<line>` (a citation pasted back; `ㆍ`, which Korean keyboards type, works too).
fn split_place(name: &str) -> (&str, Option<Place<'_>>) {
    let Some((heading, tail)) = name.rsplit_once(['·', 'ㆍ']) else {
        return (name, None);
    };
    let tail = tail.trim();
    let (source, line) = match tail.rsplit_once(':') {
        Some((source, line)) if line.parse::<u32>().is_ok() => (source, line.parse().ok()),
        _ => (tail, None),
    };
    let source = source.trim_start_matches("./");
    let looks_like_note = source.ends_with(".md") || source.ends_with(".markdown") || source.contains('/');
    if !looks_like_note {
        return (name, None);
    }
    (heading.trim_end(), Some(Place { source, line }))
}
