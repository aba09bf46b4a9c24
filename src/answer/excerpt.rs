//! Picking the lines of a chunk that answer the question, and trimming long text politely.

use std::collections::HashSet;

use crate::analysis::normalize;

/// Chunks this short are shown whole.
const SHOW_WHOLE_UP_TO_LINES: usize = 3;
/// At most this many lines are picked from a longer chunk.
const MAX_PICKED_LINES: usize = 6;

/// The lines of `text` that mention the most question terms, in order, with the first line
/// kept for context (it is usually the item's label). Lines are matched by substring on
/// normalised text rather than re-analysed: this runs on every answer and must stay cheap.
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
    lines
        .iter()
        .zip(&scores)
        .enumerate()
        .filter(|(i, (_, score))| *i == 0 || **score >= threshold)
        .map(|(_, (line, _))| *line)
        .take(MAX_PICKED_LINES)
        .collect::<Vec<_>>()
        .join("\n")
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
