//! Picking the lines of a chunk that answer the question, and trimming long text politely.

use std::collections::HashSet;

use crate::analysis::normalize;

/// Chunks this short are shown whole.
const SHOW_WHOLE_UP_TO_LINES: usize = 3;
/// At most this many lines are picked from a longer chunk.
const MAX_PICKED_LINES: usize = 6;
/// A code block this long or shorter comes whole with the line that introduces it.
const MAX_CODE_BLOCK_LINES: usize = 15;

/// The lines of `text` that mention the most question terms, in order, with the first line
/// kept for context (it is usually the item's label), and a short code block whole when a
/// picked line introduces it (`아래 명령으로 확인할 수 있다` and the command under it) or lies
/// in it. Lines are matched by substring on normalised text rather than re-analysed: this runs
/// on every answer and must stay cheap.
pub fn relevant_lines(text: &str, question_terms: &HashSet<&str>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= SHOW_WHOLE_UP_TO_LINES {
        return text.to_string();
    }
    let scores: Vec<usize> = lines
        .iter()
        .map(|line| {
            let line = normalize(line);
            question_terms.iter().filter(|term| line.contains(*term)).count()
        })
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return lines[..SHOW_WHOLE_UP_TO_LINES].join("\n");
    }
    let threshold = best.div_ceil(2).max(1);
    let picked: Vec<usize> =
        (0..lines.len()).filter(|&i| i == 0 || scores[i] >= threshold).take(MAX_PICKED_LINES).collect();
    if picked == [0] {
        // Only the label matched (`카프카?` of `* Kafka` and its details): what is under it is
        // the answer.
        return lines[..lines.len().min(MAX_PICKED_LINES)].join("\n");
    }
    let blocks = code_blocks(&lines);
    let mut shown = vec![false; lines.len()];
    for &i in &picked {
        shown[i] = true;
        let next = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());
        let block = blocks.iter().find(|b| b.contains(&i) || next.is_some_and(|j| b.start == j));
        if let Some(block) = block.filter(|b| b.len() <= MAX_CODE_BLOCK_LINES) {
            block.clone().for_each(|j| shown[j] = true);
        }
    }
    lines.iter().zip(shown).filter(|(_, shown)| *shown).map(|(line, _)| *line).collect::<Vec<_>>().join("\n")
}

/// Line ranges of fenced code blocks (```` ``` ```` or `~~~`), fences included; an unclosed
/// fence runs to the end.
fn code_blocks(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let is_fence = |line: &str| {
        let line = line.trim_start();
        line.starts_with("```") || line.starts_with("~~~")
    };
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if is_fence(line) {
            match open.take() {
                Some(start) => blocks.push(start..i + 1),
                None => open = Some(i),
            }
        }
    }
    if let Some(start) = open {
        blocks.push(start..lines.len());
    }
    blocks
}

/// Cuts `text` to at most `max_chars` characters at a line boundary (or a character boundary
/// when the first line alone is too long), marking the cut with `…`.
pub fn trim_at_line(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let budget = max_chars.saturating_sub(1);
    let mut out = String::new();
    for line in text.lines() {
        let needed = out.chars().count() + line.chars().count() + usize::from(!out.is_empty());
        if needed > budget {
            break;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    if out.is_empty() {
        out = text.chars().take(budget).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::relevant_lines;

    #[test]
    fn a_code_block_comes_whole_with_the_line_that_introduces_it_or_a_line_in_it() {
        let text = "* 배포\n  * 아래 명령으로 배포한다.\n\n```\nmake deploy\n```\n  * 로그는 따로 본다.\n  * 기타";
        let terms: HashSet<&str> = ["명령"].into();
        assert_eq!(relevant_lines(text, &terms), "* 배포\n  * 아래 명령으로 배포한다.\n```\nmake deploy\n```");
        let inside: HashSet<&str> = ["make"].into();
        assert_eq!(relevant_lines(text, &inside), "* 배포\n```\nmake deploy\n```");
        let elsewhere: HashSet<&str> = ["로그"].into();
        assert_eq!(relevant_lines(text, &elsewhere), "* 배포\n  * 로그는 따로 본다.");
    }

    #[test]
    fn a_label_that_alone_matches_comes_with_what_is_under_it() {
        let text = "* Kafka\n  * 관리상의 편의를 위해 Kinesis 추천\n  * 가용영역이 달라도\n  * latency가 충분함";
        let terms: HashSet<&str> = ["kafka"].into();
        assert_eq!(relevant_lines(text, &terms), text);
    }
}
