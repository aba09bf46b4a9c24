//! Neighbouring hits cited as one passage (`search.weights.passages`).
//!
//! Chunks are cut small so that a citation points at the lines that answer, but an answer often
//! runs over two of them: a list and the items under the sub-heading below it, a definition and
//! the paragraph after it. When several of the best hits lie next to each other in one note,
//! they are one passage to read.

use super::source_url;
use super::Hit;
use crate::knowledge::{dedent, ChunkKind, Section, HEADING_SEPARATOR};
use crate::search::{Coverage, PassageParams};

/// A ranked chunk loaded as a citation, with what composing the answer still needs of it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// How much of the question it covers.
    pub coverage: Coverage,
    /// The share of the question it was ranked by (`RankedDoc::ranked_share`).
    pub ranked_share: f32,
    /// The citation.
    pub hit: Hit,
    /// A Q&A pair's answer; empty for a section.
    pub qa: String,
    /// Whether it is a reference list (`search.weights.coverage.links`).
    pub reference_list: bool,
}

/// Joins each of the first `params.depth` hits, in rank order, with those of them that lie
/// within `params.max_gap` lines of it in the same note and score at least `params.min_score`
/// of it (`params.sibling_min_score` under a heading off its branch), as long as the passage
/// stays within `params.max_lines` lines and covers no other hit's lines; a joined hit leaves
/// the list, and the passage holds the concepts of all it took in (its coverage share and
/// `ranked_share` stay the best hit's: whether to answer was decided on it). Q&A pairs and reference lists are never
/// joined. `section_holding` gives the smallest section of a note holding a range of lines: the
/// passage's text is read from it, so hits that no section holds stay apart. Returns the lines
/// of each hit the first one's passage was made of, its own first (alone when it took in none).
pub fn join_neighbours<'s>(
    hits: &mut Vec<Candidate>,
    params: &PassageParams,
    source_url_base: &str,
    section_holding: impl Fn(&str, u32, u32) -> Option<&'s Section>,
) -> Vec<[u32; 2]> {
    let mut first_parts: Vec<[u32; 2]> = hits.first().map(|c| c.hit.lines).into_iter().collect();
    let depth = params.depth.min(hits.len());
    let mut joined = vec![false; hits.len()];
    for i in 0..depth {
        if joined[i] || !joinable(&hits[i]) {
            continue;
        }
        let mut taken = vec![i];
        let [mut first, mut last] = hits[i].hit.lines;
        let mut grew = true;
        while grew {
            grew = false;
            for j in i + 1..depth {
                let floor = if on_one_branch(&hits[i].hit.heading, &hits[j].hit.heading) {
                    params.min_score
                } else {
                    params.sibling_min_score
                };
                let weak = hits[j].hit.score < floor * hits[i].hit.score;
                if joined[j]
                    || taken.contains(&j)
                    || weak
                    || !joinable(&hits[j])
                    || hits[j].hit.source != hits[i].hit.source
                {
                    continue;
                }
                let [a, b] = hits[j].hit.lines;
                let gap = a.saturating_sub(last).max(first.saturating_sub(b)).saturating_sub(1);
                let (from, to) = (first.min(a), last.max(b));
                // A passage may cover a weaker hit it did not join (it is shown there anyway,
                // and leaves the list), but never a better one, one joined elsewhere, a Q&A pair,
                // a reference list, or part of one.
                let covers_another = |k: usize| {
                    let [c, d] = hits[k].hit.lines;
                    let overlaps = hits[k].hit.source == hits[i].hit.source && c <= to && from <= d;
                    let absorbable = k > i && !joined[k] && joinable(&hits[k]) && from <= c && d <= to;
                    k != j && !taken.contains(&k) && overlaps && !absorbable
                };
                if gap <= params.max_gap && to - from < params.max_lines && !(0..hits.len()).any(covers_another) {
                    taken.push(j);
                    (first, last) = (from, to);
                    grew = true;
                }
            }
        }
        if taken.len() == 1 {
            continue;
        }
        let Some(section) = section_holding(&hits[i].hit.source, first, last) else {
            continue;
        };
        let covered: Vec<usize> = (i + 1..hits.len())
            .filter(|&k| !taken.contains(&k) && hits[k].hit.source == hits[i].hit.source)
            .filter(|&k| first <= hits[k].hit.lines[0] && hits[k].hit.lines[1] <= last)
            .collect();
        let heading = shared_heading(taken.iter().map(|&t| hits[t].hit.heading.as_str()));
        if i == 0 {
            first_parts = taken.iter().map(|&t| hits[t].hit.lines).collect();
        }
        let found = taken.iter().fold(0, |found, &t| found | hits[t].coverage.found);
        hits[i].coverage.found = found;
        let hit = &mut hits[i].hit;
        hit.text = section_lines(section, first, last);
        hit.lines = [first, last];
        hit.url = source_url(source_url_base, &hit.source, hit.lines);
        if !heading.is_empty() {
            hit.heading = heading;
        }
        for &t in taken[1..].iter().chain(&covered) {
            joined[t] = true;
        }
    }
    let mut index = 0;
    hits.retain(|_| {
        let keep = !joined.get(index).copied().unwrap_or(false);
        index += 1;
        keep
    });
    first_parts
}

fn joinable(candidate: &Candidate) -> bool {
    candidate.hit.kind == ChunkKind::Section && candidate.qa.is_empty() && !candidate.reference_list
}

/// Whether one heading path starts with the other: the same section, or one within the other
/// (a list and the sub-heading under it), not two branches (`… › write-back`, `… › write-through`).
fn on_one_branch(a: &str, b: &str) -> bool {
    a.split(HEADING_SEPARATOR).zip(b.split(HEADING_SEPARATOR)).all(|(a, b)| a == b)
}

/// The heading path all of `headings` start with (`A › B › C` and `A › B › D` share `A › B`).
fn shared_heading<'h>(mut headings: impl Iterator<Item = &'h str>) -> String {
    let Some(first) = headings.next() else {
        return String::new();
    };
    let mut shared: Vec<&str> = first.split(HEADING_SEPARATOR).collect();
    for heading in headings {
        let n = shared.iter().zip(heading.split(HEADING_SEPARATOR)).take_while(|(a, b)| *a == b).count();
        shared.truncate(n);
    }
    shared.join(HEADING_SEPARATOR)
}

/// Lines `first..=last` of the note, read from `section` (which holds them), dedented.
fn section_lines(section: &Section, first: u32, last: u32) -> String {
    let skip = (first - section.lines.0) as usize;
    let lines: Vec<&str> = section.text.lines().skip(skip).take((last - first + 1) as usize).collect();
    dedent(&lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(lines: [u32; 2], heading: &str, text: &str) -> Candidate {
        let hit = Hit {
            kind: ChunkKind::Section,
            source: "db/lock.md".to_string(),
            heading: heading.to_string(),
            lines,
            score: 1.0,
            text: text.to_string(),
            url: None,
        };
        let found = 1 << lines[0];
        let coverage = Coverage { share: 0.5, found, unknown: 0, untyped: 0 };
        Candidate { coverage, ranked_share: coverage.share, hit, qa: String::new(), reference_list: false }
    }

    const NOTE: &str = "# 락\n\n## 비관적 락\n- 충돌을 가정하고 잠근다.\n- 독점한다.\n\n### 특징\n- 교착상태가 생길 수 있다.\n\n성능은 낮다.\n대신 안전하다.\n\n## 링크\n- a";

    fn sections() -> Vec<Section> {
        let lines: Vec<&str> = NOTE.lines().collect();
        let section = |path: &[&str], first: u32, last: u32| Section {
            source: "db/lock.md".to_string(),
            heading_path: path.iter().map(|s| s.to_string()).collect(),
            lines: (first, last),
            text: lines[first as usize - 1..last as usize].join("\n"),
        };
        vec![
            section(&["락"], 1, 14),
            section(&["락", "비관적 락"], 3, 11),
            section(&["락", "비관적 락", "특징"], 7, 11),
            section(&["락", "링크"], 13, 14),
        ]
    }

    fn holding<'s>(sections: &'s [Section]) -> impl Fn(&str, u32, u32) -> Option<&'s Section> {
        move |source, first, last| crate::knowledge::section_holding(sections, source, first, last)
    }

    /// Joins `hits` over the test note's sections with `params`.
    fn join_with(hits: &mut Vec<Candidate>, params: PassageParams) -> Vec<[u32; 2]> {
        let sections = sections();
        join_neighbours(hits, &params, "", holding(&sections))
    }

    fn join(hits: &mut Vec<Candidate>) -> Vec<[u32; 2]> {
        join_with(hits, PassageParams::default())
    }

    #[test]
    fn neighbours_under_one_heading_become_one_passage_with_the_heading_between() {
        let sections = sections();
        let mut hits = vec![
            hit([4, 5], "락 › 비관적 락", "- 충돌을 가정하고 잠근다.\n- 독점한다."),
            hit([14, 14], "락 › 링크", "- a"),
            hit([8, 8], "락 › 비관적 락 › 특징", "- 교착상태가 생길 수 있다."),
        ];
        let parts = join_neighbours(&mut hits, &PassageParams::default(), "https://x/", holding(&sections));
        assert_eq!(parts, [[4, 5], [8, 8]], "the best hit's own lines first");
        assert_eq!(hits.len(), 2);
        let passage = &hits[0].hit;
        assert_eq!(hits[0].coverage.found, 1 << 4 | 1 << 8, "the passage holds what both hits held");
        assert_eq!(hits[0].coverage.share, 0.5);
        assert_eq!(passage.lines, [4, 8]);
        assert_eq!(passage.heading, "락 › 비관적 락");
        assert_eq!(passage.text, "- 충돌을 가정하고 잠근다.\n- 독점한다.\n\n### 특징\n- 교착상태가 생길 수 있다.");
        assert_eq!(passage.url.as_deref(), Some("https://x/db/lock.md#L4-L8"));
        assert_eq!(hits[1].hit.lines, [14, 14], "the next hit moves up");
    }

    #[test]
    fn hits_too_far_apart_too_long_or_below_the_depth_stay_apart() {
        let two = || vec![hit([4, 5], "락 › 비관적 락", "x"), hit([8, 8], "락 › 비관적 락 › 특징", "y")];
        let mut far = two();
        join_with(&mut far, PassageParams { max_gap: 1, ..PassageParams::default() });
        assert_eq!(far.len(), 2, "two lines apart is more than one");
        let mut long = two();
        join_with(&mut long, PassageParams { max_lines: 4, ..PassageParams::default() });
        assert_eq!(long.len(), 2, "lines 4 to 8 are five");
        let mut shallow = two();
        join_with(&mut shallow, PassageParams { depth: 1, ..PassageParams::default() });
        assert_eq!(shallow.len(), 2);
        let mut weak = two();
        weak[1].hit.score = 0.09;
        join(&mut weak);
        assert_eq!(weak.len(), 2, "a neighbour scoring under a tenth of the hit is no part of its answer");
        let mut other_note = two();
        other_note[1].hit.source = "db/other.md".to_string();
        join(&mut other_note);
        assert_eq!(other_note.len(), 2);
    }

    #[test]
    fn qa_pairs_reference_lists_and_lines_no_section_holds_are_never_joined() {
        let mut qa = vec![hit([4, 5], "락 › 비관적 락", "x"), hit([8, 8], "락 › 비관적 락 › 특징", "y")];
        qa[1].qa = "y".to_string();
        join(&mut qa);
        assert_eq!(qa.len(), 2);
        let mut links = vec![hit([4, 5], "락 › 비관적 락", "x"), hit([8, 8], "락 › 비관적 락 › 특징", "y")];
        links[0].reference_list = true;
        join(&mut links);
        assert_eq!(links.len(), 2, "an author's avatar link is no part of the answer under it");
        let mut unheld = vec![hit([4, 5], "a", "x"), hit([8, 8], "a", "y")];
        join_neighbours(&mut unheld, &PassageParams::default(), "", |_, _, _| None);
        assert_eq!(unheld.len(), 2);
        assert_eq!(unheld[0].hit.lines, [4, 5]);
    }

    #[test]
    fn a_passage_keeps_growing_through_hits_next_to_what_it_took_in() {
        let mut hits = vec![
            hit([10, 11], "락 › 비관적 락 › 특징", "z"),
            hit([4, 5], "락 › 비관적 락", "x"),
            hit([8, 8], "락 › 비관적 락 › 특징", "y"),
        ];
        join(&mut hits);
        assert_eq!(hits.len(), 1, "lines 4–5 are four lines from 10–11, but two from 8");
        assert_eq!(hits[0].hit.lines, [4, 11]);
        assert_eq!(hits[0].hit.heading, "락 › 비관적 락");
    }

    #[test]
    fn a_sibling_joins_only_when_it_scores_nearly_as_well() {
        let siblings = |score: f32| {
            let mut hits = vec![hit([4, 5], "락 › 비관적 락 › 쓰기", "x"), hit([7, 8], "락 › 비관적 락 › 읽기", "y")];
            hits[1].hit.score = score;
            hits
        };
        let mut close = siblings(0.6);
        join(&mut close);
        assert_eq!(close.len(), 1, "the ranking can hardly tell which of the two answers");
        let mut far = siblings(0.3);
        join(&mut far);
        assert_eq!(far.len(), 2, "the other item is not what was asked");
        assert!(on_one_branch("A › B", "A › B › C") && on_one_branch("A › B", "A › B"));
        assert!(!on_one_branch("A › B › C", "A › B › D") && !on_one_branch("A › B › C", "A › D"));
    }

    #[test]
    fn a_passage_never_covers_a_hit_it_did_not_take() {
        let mut hits = vec![
            hit([8, 8], "락 › 비관적 락 › 특징", "y"),
            hit([10, 11], "락 › 비관적 락 › 특징", "z"),
            hit([4, 5], "락 › 비관적 락", "x"),
        ];
        // Too weak to join the best hit, strong enough to join each other: lines 4–11 would
        // hold line 8, which did not take them.
        hits[1].hit.score = 0.05;
        hits[2].hit.score = 0.05;
        join(&mut hits);
        assert_eq!(hits.len(), 3);
        assert_eq!(hits[1].hit.lines, [10, 11]);
    }

    #[test]
    fn a_weaker_hit_inside_a_passage_leaves_the_list_but_is_no_part_of_its_answer() {
        let mut hits = vec![
            hit([4, 5], "락 › 비관적 락", "x"),
            hit([8, 8], "락 › 비관적 락 › 특징", "y"),
            hit([10, 11], "락 › 비관적 락 › 특징", "z"),
        ];
        hits[1].hit.score = 0.05;
        let params = PassageParams { max_gap: 4, ..PassageParams::default() };
        let parts = join_with(&mut hits, params);
        assert_eq!(hits.len(), 1, "line 8 is shown within lines 4–11, not cited again");
        assert_eq!(hits[0].hit.lines, [4, 11]);
        assert_eq!(parts, [[4, 5], [10, 11]]);
    }

    #[test]
    fn the_shared_heading_is_the_common_start() {
        assert_eq!(shared_heading(["A › B › C", "A › B › D", "A › B"].into_iter()), "A › B");
        assert_eq!(shared_heading(["A", "B"].into_iter()), "");
    }
}
