//! Picking the lines of a chunk that answer the question, with what belongs to them, and
//! trimming long text politely.
//!
//! A short chunk (a list item with its children) is the answer as written and is shown whole.
//! In a longer one the lines that mention the question's terms are picked, and each brings
//! what it needs to be read: a list item its children and the items above it, a line of prose
//! the rest of its sentence, a table row the table's header and separator, a line in or just
//! before a code block the whole block.

use std::ops::Range;

use crate::analysis::normalize;

/// Chunks this short are shown whole.
const SHOW_WHOLE_UP_TO_LINES: usize = 10;
/// At most this many matching lines are picked from a longer chunk (each with what belongs
/// to it).
const MAX_PICKED_LINES: usize = 6;

/// Whether `text` is short enough to be shown whole.
pub(crate) fn shown_whole(text: &str) -> bool {
    text.lines().count() <= SHOW_WHOLE_UP_TO_LINES
}

/// The lines of `text` that answer the question (see the module documentation), in order.
/// `concepts` holds, for each of the question's concepts, the forms searched for it (the typed
/// term, aliases, corrections); a line scores one per concept it mentions in any form. Lines
/// are matched by substring on normalised text rather than re-analysed: this runs on every
/// answer and must stay cheap.
pub fn relevant_lines(text: &str, concepts: &[Vec<&str>]) -> String {
    if shown_whole(text) {
        return text.to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    join_shown(&lines, &relevant_marks(&lines, concepts), usize::MAX)
}

/// The lines of a passage of joined hits that answer: each hit's own lines (`parts`, ranges of
/// line indices into `text`) as [`relevant_lines`] would pick them from that hit alone, and the
/// headings between them, so the passage shows at least what its best hit alone would.
pub fn relevant_passage_lines(text: &str, parts: &[Range<usize>], concepts: &[Vec<&str>]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut shown = vec![false; lines.len()];
    for part in parts {
        let part = part.start.min(lines.len())..part.end.min(lines.len());
        let marks = relevant_marks(&lines[part.clone()], concepts);
        for (i, mark) in part.zip(marks) {
            shown[i] |= mark;
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if is_heading(line) && !parts.iter().any(|p| p.contains(&i)) {
            shown[i] = true;
        }
    }
    join_shown(&lines, &shown, usize::MAX)
}

/// Which of `lines` [`relevant_lines`] shows.
fn relevant_marks(lines: &[&str], concepts: &[Vec<&str>]) -> Vec<bool> {
    if lines.len() <= SHOW_WHOLE_UP_TO_LINES {
        return vec![true; lines.len()];
    }
    let scores: Vec<usize> = lines
        .iter()
        .map(|line| {
            let line = normalize(line);
            concepts.iter().filter(|forms| forms.iter().any(|form| line.contains(form))).count()
        })
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let layout = Layout::new(lines);
    let mut shown = vec![false; lines.len()];
    if best == 0 {
        // Nothing matched by substring (the hit was found through an alias or a correction):
        // the chunk's opening unit is the best guess, at most as long as a chunk shown whole.
        layout.mark_belonging(0, true, &mut shown);
        let mut left = SHOW_WHOLE_UP_TO_LINES;
        for mark in shown.iter_mut().filter(|m| **m) {
            *mark = left > 0;
            left = left.saturating_sub(1);
        }
        return shown;
    }
    let threshold = best.div_ceil(2).max(1);
    // A table's rows are alike: only its best-matching rows answer (`read_timeout` of a settings
    // table, not every row sharing `timeout`).
    let table_best =
        |i: usize| layout.tables.iter().find(|t| t.contains(&i)).map(|t| t.clone().map(|j| scores[j]).max());
    let picked: Vec<usize> = (0..lines.len())
        .filter(|&i| scores[i] >= threshold && table_best(i).is_none_or(|best| Some(scores[i]) == best))
        .take(MAX_PICKED_LINES)
        .collect();
    // Only the label matched (`카프카?` of `* Kafka` and its details): what is under it is the
    // answer. Otherwise the label stays as context without all of its children.
    let only_label = picked == [0];
    shown[0] = true;
    for &i in &picked {
        layout.mark_belonging(i, i != 0 || only_label, &mut shown);
    }
    shown
}

/// The shown lines in order, at most `max` of them; a code fence left open by the limit is
/// closed.
fn join_shown(lines: &[&str], shown: &[bool], max: usize) -> String {
    let kept: Vec<&str> = lines.iter().zip(shown).filter(|(_, s)| **s).map(|(l, _)| *l).take(max).collect();
    let mut out = kept.join("\n");
    if kept.iter().filter(|l| is_fence(l)).count() % 2 == 1 {
        out.push_str("\n```");
    }
    out
}

/// What each line of a chunk is: its indentation, whether it starts a list item, and the
/// code blocks and tables it may lie in.
struct Layout<'a> {
    lines: &'a [&'a str],
    indents: Vec<usize>,
    items: Vec<bool>,
    code: Vec<Range<usize>>,
    tables: Vec<Range<usize>>,
}

impl<'a> Layout<'a> {
    fn new(lines: &'a [&'a str]) -> Layout<'a> {
        let code = code_blocks(lines);
        let in_code = |i: usize| code.iter().any(|b| b.contains(&i));
        let indents = lines.iter().map(|l| indent_of(l)).collect();
        let items = (0..lines.len()).map(|i| !in_code(i) && is_list_item(lines[i])).collect();
        let tables = tables(lines, &code);
        Layout { lines, indents, items, code, tables }
    }

    fn blank(&self, i: usize) -> bool {
        self.lines[i].trim().is_empty()
    }

    /// Marks line `i` and what belongs to it; `with_children` also brings a list item's
    /// nested lines.
    fn mark_belonging(&self, i: usize, with_children: bool, shown: &mut [bool]) {
        shown[i] = true;
        if let Some(block) = self.code.iter().find(|b| b.contains(&i)) {
            block.clone().for_each(|j| shown[j] = true);
            self.mark_parents(block.start, shown);
            return;
        }
        if let Some(table) = self.tables.iter().find(|t| t.contains(&i)) {
            // Header and separator give the row its meaning.
            shown[table.start] = true;
            shown[table.start + 1] = true;
            self.mark_parents(table.start, shown);
        } else if self.items[i] {
            if with_children {
                self.item_body(i).for_each(|j| shown[j] = true);
            } else {
                self.continuation(i).for_each(|j| shown[j] = true);
            }
            self.mark_parents(i, shown);
        } else {
            self.sentence(i).for_each(|j| shown[j] = true);
            self.mark_parents(i, shown);
        }
        // A line introducing a code block (`아래 명령으로 확인한다`) comes with the block.
        let end = (i + 1..self.lines.len()).find(|&j| !shown[j] || self.code.iter().any(|b| b.start == j));
        let next = end.and_then(|from| (from..self.lines.len()).find(|&j| !self.blank(j)));
        if let Some(block) = next.and_then(|j| self.code.iter().find(|b| b.start == j)) {
            block.clone().for_each(|j| shown[j] = true);
        }
    }

    /// The list items that contain line `i` (each nearest line above with a smaller indent
    /// that starts an item), so a nested line keeps its labels.
    fn mark_parents(&self, i: usize, shown: &mut [bool]) {
        let mut indent = self.indents[i];
        for j in (0..i).rev() {
            if self.blank(j) || self.code.iter().any(|b| b.contains(&j)) {
                continue;
            }
            if self.items[j] && self.indents[j] < indent {
                shown[j] = true;
                indent = self.indents[j];
            }
            if indent == 0 {
                break;
            }
        }
    }

    /// A list item's own lines and everything nested under it.
    fn item_body(&self, i: usize) -> Range<usize> {
        let indent = self.indents[i];
        let mut end = i + 1;
        let mut j = i + 1;
        while j < self.lines.len() {
            let inside_code = self.code.iter().any(|b| b.contains(&j) && b.start > i && self.indents[b.start] > indent);
            if self.blank(j) || inside_code || self.indents[j] > indent {
                if !self.blank(j) {
                    end = j + 1;
                }
                j += 1;
                continue;
            }
            break;
        }
        i..end
    }

    /// A list item's own wrapped lines (more indented, not items themselves).
    fn continuation(&self, i: usize) -> Range<usize> {
        let indent = self.indents[i];
        let mut end = i + 1;
        while end < self.lines.len() && !self.blank(end) && !self.items[end] && self.indents[end] > indent {
            end += 1;
        }
        i..end
    }

    /// The lines of the sentence line `i` is part of, within its paragraph: a sentence
    /// wrapped over several lines is shown whole.
    fn sentence(&self, i: usize) -> Range<usize> {
        let prose = |j: usize| !self.blank(j) && !self.items[j] && !is_heading(self.lines[j]);
        let mut start = i;
        while start > 0 && prose(start - 1) && !ends_sentence(self.lines[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < self.lines.len() && prose(end) && !ends_sentence(self.lines[end - 1]) {
            end += 1;
        }
        start..end
    }
}

fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// `* x`, `- x`, `+ x`, `1. x`, `1) x`.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ ") || matches!(t, "*" | "-" | "+") {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits < 10 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

fn is_heading(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Whether a line of prose ends its sentence (`.`, `다`, `요`, `?`…), so the next line starts
/// another.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '。', ':', '다', '요', '음', '함', '됨', '임']) || t.ends_with("  ")
}

fn is_fence(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("```") || line.starts_with("~~~")
}

/// Line ranges of fenced code blocks (```` ``` ```` or `~~~`), fences included; an unclosed
/// fence runs to the end.
fn code_blocks(lines: &[&str]) -> Vec<Range<usize>> {
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

/// Pipe tables: a header row, a separator row (`|---|:--:|`), then rows, outside code.
fn tables(lines: &[&str], code: &[Range<usize>]) -> Vec<Range<usize>> {
    let row = |i: usize| lines[i].contains('|') && !code.iter().any(|b| b.contains(&i));
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        if row(i) && is_table_separator(lines[i + 1]) {
            let mut end = i + 2;
            while end < lines.len() && row(end) && !lines[end].trim().is_empty() {
                end += 1;
            }
            out.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// `|---|:---:|`, `--- | ---`.
pub(crate) fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
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
    use super::{relevant_lines, relevant_passage_lines};

    fn long(text: &str) -> String {
        // Padding items after the text make the chunk longer than what is shown whole.
        let padding: String = (0..10).map(|i| format!("\n* 기타 {i}")).collect();
        format!("{text}{padding}")
    }

    fn shown(text: &str, terms: &[&str]) -> String {
        let concepts: Vec<Vec<&str>> = terms.iter().map(|t| vec![*t]).collect();
        relevant_lines(text, &concepts)
    }

    #[test]
    fn a_passage_shows_each_hit_as_it_would_alone_with_the_headings_between() {
        // Lines 0–1 and 4–16 are the two hits; 3 is the sub-heading between them.
        let text = format!("* 비관적 락\n  * 먼저 잠근다.\n\n### 특징\n{}", long("* 교착상태가 생길 수 있다."));
        let concepts: Vec<Vec<&str>> = vec![vec!["교착상태"]];
        let shown = relevant_passage_lines(&text, &[0..2, 4..15], &concepts);
        assert_eq!(shown, "* 비관적 락\n  * 먼저 잠근다.\n### 특징\n* 교착상태가 생길 수 있다.");
        assert_eq!(relevant_lines(&text, &concepts), "* 비관적 락\n* 교착상태가 생길 수 있다.", "read as one chunk");
    }

    #[test]
    fn a_short_item_is_shown_whole() {
        let text = "* NLB\n  * L4기반 TCP용\n  * 커넥션이 긴경우 추천됨.\n  * 게임이나 메세징 서비스";
        assert_eq!(shown(text, &["nlb"]), text);
    }

    #[test]
    fn a_code_block_comes_whole_with_the_line_that_introduces_it_or_a_line_in_it() {
        let text = long("* 배포\n  * 아래 명령으로 배포한다.\n\n```\nmake deploy\n```\n  * 로그는 따로 본다.");
        assert_eq!(shown(&text, &["명령"]), "* 배포\n  * 아래 명령으로 배포한다.\n```\nmake deploy\n```");
        assert_eq!(shown(&text, &["make"]), "* 배포\n```\nmake deploy\n```");
        assert_eq!(shown(&text, &["로그"]), "* 배포\n  * 로그는 따로 본다.");
    }

    #[test]
    fn a_matching_item_brings_its_children_and_its_parents() {
        let text = long("* 로드밸런서\n  * NLB\n    * L4기반\n    * 고정 IP\n  * ALB\n    * L7기반");
        assert_eq!(shown(&text, &["nlb"]), "* 로드밸런서\n  * NLB\n    * L4기반\n    * 고정 IP");
        assert_eq!(shown(&text, &["l7기반"]), "* 로드밸런서\n  * ALB\n    * L7기반");
    }

    #[test]
    fn a_table_row_comes_with_the_header_and_separator() {
        let text = long("| 설정 | 값 |\n|---|---|\n| timeout | 30s |\n| retries | 3 |");
        assert_eq!(shown(&text, &["retries"]), "| 설정 | 값 |\n|---|---|\n| retries | 3 |");
    }

    #[test]
    fn a_wrapped_sentence_is_shown_whole() {
        let text =
            long("배포는 금요일에 하지 않는다.\n롤백이 필요하면 이전 태그로\n다시 배포하고 슬랙에 알린다.\n다른 문장.");
        assert_eq!(
            shown(&text, &["롤백"]),
            "배포는 금요일에 하지 않는다.\n롤백이 필요하면 이전 태그로\n다시 배포하고 슬랙에 알린다."
        );
    }

    #[test]
    fn a_concept_counts_once_in_whatever_form_it_is_written() {
        let text = long("로드맵은 없다.\n\nhttps://github.com/aws/beanstalk-roadmap\n\n기타 줄");
        let concepts = vec![vec!["로드맵", "roadmap"]];
        assert_eq!(relevant_lines(&text, &concepts), "로드맵은 없다.\nhttps://github.com/aws/beanstalk-roadmap");
    }

    #[test]
    fn a_label_that_alone_matches_comes_with_what_is_under_it() {
        let text = long("* Kafka\n  * 관리상의 편의를 위해 Kinesis 추천\n  * 가용영역이 달라도\n  * latency가 충분함");
        let expected = "* Kafka\n  * 관리상의 편의를 위해 Kinesis 추천\n  * 가용영역이 달라도\n  * latency가 충분함";
        assert_eq!(shown(&text, &["kafka"]), expected);
    }
}
