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
    /// The citation.
    pub hit: Hit,
    /// A Q&A pair's answer; empty for a section.
    pub qa: String,
    /// Whether it is a reference list (`search.weights.coverage.links`).
    pub reference_list: bool,
}

/// Joins each of the first `params.depth` hits, in rank order, with those of them that lie
/// within `params.max_gap` lines of it in the same note and score at least `params.min_score`
/// of it (`params.sibling_min_score` under a sibling heading), as long as the passage stays within
/// `params.max_lines` lines; a joined hit leaves the list, and the passage holds the concepts
/// of all it took in (its coverage share stays the best hit's: whether to answer was decided
/// on it). Q&A pairs and reference lists are never joined. `section_holding` gives the smallest section of a note holding a range of lines:
/// the passage's text is read from it, so hits that no section holds stay apart. Returns the
/// lines of each hit the first one's passage was made of, in note order (its own alone when
/// it took in none).
pub fn join_neighbours<'s>(
    hits: &mut Vec<Candidate>,
    params: &PassageParams,
    source_url_base: &str,
    section_holding: impl Fn(&str, u32, u32) -> Option<&'s Section>,
) -> Vec<[u32; 2]> {
    let mut first_parts: Vec<[u32; 2]> = hits.first().map(|c| c.hit.lines).into_iter().collect();
    let depth = params.depth.min(hits.len());
    let mut joined = vec![false; depth];
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
                let floor = if same_line(&hits[i].hit.heading, &hits[j].hit.heading) {
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
                if gap <= params.max_gap && to - from < params.max_lines {
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
        let heading = shared_heading(taken.iter().map(|&t| hits[t].hit.heading.as_str()));
        if i == 0 {
            first_parts = taken.iter().map(|&t| hits[t].hit.lines).collect();
            first_parts.sort_unstable();
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
        for &t in &taken[1..] {
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
/// (a list and the sub-heading under it), not two siblings (`… › write-back`, `… › write-through`).
fn same_line(a: &str, b: &str) -> bool {
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
        Candidate { coverage, hit, qa: String::new(), reference_list: false }
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

    #[test]
    fn neighbours_under_one_heading_become_one_passage_with_the_heading_between() {
        let sections = sections();
        let mut hits = vec![
            hit([4, 5], "락 › 비관적 락", "- 충돌을 가정하고 잠근다.\n- 독점한다."),
            hit([14, 14], "락 › 링크", "- a"),
            hit([8, 8], "락 › 비관적 락 › 특징", "- 교착상태가 생길 수 있다."),
        ];
        let parts = join_neighbours(&mut hits, &PassageParams::default(), "https://x/", holding(&sections));
        assert_eq!(parts, [[4, 5], [8, 8]]);
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
        let sections = sections();
        let two = || vec![hit([4, 5], "락 › 비관적 락", "x"), hit([8, 8], "락 › 비관적 락 › 특징", "y")];
        let mut far = two();
        join_neighbours(&mut far, &PassageParams { max_gap: 1, ..PassageParams::default() }, "", holding(&sections));
        assert_eq!(far.len(), 2, "two lines apart is more than one");
        let mut long = two();
        join_neighbours(&mut long, &PassageParams { max_lines: 4, ..PassageParams::default() }, "", holding(&sections));
        assert_eq!(long.len(), 2, "lines 4 to 8 are five");
        let mut shallow = two();
        join_neighbours(&mut shallow, &PassageParams { depth: 1, ..PassageParams::default() }, "", holding(&sections));
        assert_eq!(shallow.len(), 2);
        let mut weak = two();
        weak[1].hit.score = 0.09;
        join_neighbours(&mut weak, &PassageParams::default(), "", holding(&sections));
        assert_eq!(weak.len(), 2, "a neighbour scoring under a tenth of the hit is no part of its answer");
        let mut other_note = two();
        other_note[1].hit.source = "db/other.md".to_string();
        join_neighbours(&mut other_note, &PassageParams::default(), "", holding(&sections));
        assert_eq!(other_note.len(), 2);
    }

    #[test]
    fn qa_pairs_reference_lists_and_lines_no_section_holds_are_never_joined() {
        let sections = sections();
        let mut qa = vec![hit([4, 5], "락 › 비관적 락", "x"), hit([8, 8], "락 › 비관적 락 › 특징", "y")];
        qa[1].qa = "y".to_string();
        join_neighbours(&mut qa, &PassageParams::default(), "", holding(&sections));
        assert_eq!(qa.len(), 2);
        let mut links = vec![hit([4, 5], "락 › 비관적 락", "x"), hit([8, 8], "락 › 비관적 락 › 특징", "y")];
        links[0].reference_list = true;
        join_neighbours(&mut links, &PassageParams::default(), "", holding(&sections));
        assert_eq!(links.len(), 2, "an author's avatar link is no part of the answer under it");
        let mut unheld = vec![hit([4, 5], "a", "x"), hit([8, 8], "a", "y")];
        join_neighbours(&mut unheld, &PassageParams::default(), "", |_, _, _| None);
        assert_eq!(unheld.len(), 2);
        assert_eq!(unheld[0].hit.lines, [4, 5]);
    }

    #[test]
    fn a_passage_keeps_growing_through_hits_next_to_what_it_took_in() {
        let sections = sections();
        let mut hits = vec![
            hit([10, 11], "락 › 비관적 락 › 특징", "z"),
            hit([4, 5], "락 › 비관적 락", "x"),
            hit([8, 8], "락 › 비관적 락 › 특징", "y"),
        ];
        join_neighbours(&mut hits, &PassageParams::default(), "", holding(&sections));
        assert_eq!(hits.len(), 1, "lines 4–5 are four lines from 10–11, but two from 8");
        assert_eq!(hits[0].hit.lines, [4, 11]);
        assert_eq!(hits[0].hit.heading, "락 › 비관적 락");
    }

    #[test]
    fn a_sibling_joins_only_when_it_scores_nearly_as_well() {
        let sections = sections();
        let siblings = |score: f32| {
            let mut hits = vec![hit([4, 5], "락 › 비관적 락 › 쓰기", "x"), hit([7, 8], "락 › 비관적 락 › 읽기", "y")];
            hits[1].hit.score = score;
            hits
        };
        let mut close = siblings(0.6);
        join_neighbours(&mut close, &PassageParams::default(), "", holding(&sections));
        assert_eq!(close.len(), 1, "the ranking can hardly tell which of the two answers");
        let mut far = siblings(0.3);
        join_neighbours(&mut far, &PassageParams::default(), "", holding(&sections));
        assert_eq!(far.len(), 2, "the other item is not what was asked");
        assert!(same_line("A › B", "A › B › C") && same_line("A › B", "A › B") && !same_line("A › B › C", "A › B › D"));
    }

    #[test]
    fn the_shared_heading_is_the_common_start() {
        assert_eq!(shared_heading(["A › B › C", "A › B › D", "A › B"].into_iter()), "A › B");
        assert_eq!(shared_heading(["A", "B"].into_iter()), "");
    }
}
