//! Line bookkeeping: byte offsets to 1-based line numbers and line ranges back to text, each
//! line of a note's sections read once, and the runs of English words in a line.

use super::Section;

/// Line starts of one note, so parser offsets become the line numbers people see.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`; line 1 starts at offset 0.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&start| start <= offset) as u32
    }

    /// The last line that holds any byte of `start..end` (an exclusive end offset).
    pub fn last_line_of(&self, start: usize, end: usize) -> u32 {
        self.line_of(end.saturating_sub(1).max(start))
    }

    /// Number of lines.
    pub fn len(&self) -> u32 {
        self.starts.len() as u32
    }

    /// The text of line `number` (1-based) without its line end; empty past the end.
    pub fn line(&self, number: u32) -> &'a str {
        let Some(&start) = self.starts.get(number as usize - 1) else {
            return "";
        };
        let end = self.starts.get(number as usize).map_or(self.text.len(), |&next| next - 1);
        &self.text[start..end]
    }

    /// Narrows `first..=last` to its non-blank lines; `None` when all are blank.
    pub fn trim_blank(&self, first: u32, last: u32) -> Option<(u32, u32)> {
        let first = (first..=last).find(|&n| !self.line(n).trim().is_empty())?;
        let last = (first..=last).rev().find(|&n| !self.line(n).trim().is_empty())?;
        Some((first, last))
    }

    /// Like [`LineIndex::trim_blank`], but thematic breaks (`---`) at the end count as blank:
    /// they separate a section from the next one rather than belong to it.
    pub fn trim_section(&self, first: u32, last: u32) -> Option<(u32, u32)> {
        let (first, last) = self.trim_blank(first, last)?;
        let is_break = |n: u32| {
            let t = self.line(n).trim();
            t.is_empty() || (t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')))
        };
        let last = (first..=last).rev().find(|&n| n == first || !is_break(n))?;
        Some((first, last))
    }

    /// Lines `first..=last` joined with `\n`, with their common indentation removed.
    pub fn dedented(&self, first: u32, last: u32) -> String {
        let lines: Vec<&str> = (first..=last).map(|n| self.line(n).trim_end()).collect();
        dedent(&lines)
    }
}

/// Removes the indentation all non-blank lines share.
pub fn dedent(lines: &[&str]) -> String {
    let indent =
        lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    lines
        .iter()
        .map(|l| if l.len() >= indent && l.is_char_boundary(indent) { &l[indent..] } else { l.trim_start() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Calls `read` with every line of the sections once, with its note and line number (lines
/// above a note's first heading are in no section): sections come in note order, and a
/// section's text holds its subsections', so the lines an enclosing section already gave are
/// skipped.
pub(super) fn each_note_line<'s>(sections: &'s [Section], mut read: impl FnMut(&'s str, u32, &'s str)) {
    let mut read_until: Option<(&str, u32)> = None;
    for section in sections {
        let last_read = match read_until {
            Some((source, last)) if source == section.source => last,
            _ => 0,
        };
        let already_read = (last_read + 1).saturating_sub(section.lines.0) as usize;
        for (offset, line) in section.text.lines().enumerate().skip(already_read) {
            read(&section.source, section.lines.0 + offset as u32, line);
        }
        read_until = Some((&section.source, last_read.max(section.lines.1)));
    }
}

/// Runs of English words in a line: words of ASCII letters separated only by spaces, `-` or
/// `_` (`replication-factor`). Anything else between words (punctuation, Hangul) ends a run,
/// and so does a word with digits (`ec2`), which is a name rather than words.
pub(super) fn english_runs(line: &str) -> Vec<Vec<&str>> {
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let bytes = line.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let (start, alphanumeric) = (end, bytes[end].is_ascii_alphanumeric());
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() == alphanumeric {
            end += 1;
        }
        // ASCII letters and digits are whole characters, so `start..end` are char boundaries.
        let segment = &line[start..end];
        let joins = if alphanumeric {
            segment.bytes().all(|b| b.is_ascii_alphabetic())
        } else {
            segment.bytes().all(|b| matches!(b, b' ' | b'-' | b'_'))
        };
        if alphanumeric && joins {
            run.push(segment);
        } else if !joins && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(source: &str, lines: (u32, u32), text: &str) -> Section {
        Section { source: source.into(), heading_path: vec!["A".into()], lines, text: text.into() }
    }

    #[test]
    fn each_line_of_nested_sections_is_read_once_with_its_number() {
        let sections = [
            section("a.md", (1, 5), "# A\nintro\n## B\nnested\nlast"),
            section("a.md", (3, 5), "## B\nnested\nlast"),
            section("b.md", (2, 3), "# C\nother"),
        ];
        let mut read = Vec::new();
        each_note_line(&sections, |source, line, text| read.push(format!("{source}:{line} {text}")));
        let expected =
            ["a.md:1 # A", "a.md:2 intro", "a.md:3 ## B", "a.md:4 nested", "a.md:5 last", "b.md:2 # C", "b.md:3 other"];
        assert_eq!(read, expected);
    }

    #[test]
    fn runs_end_at_hangul_digits_and_punctuation() {
        let runs = english_runs("토픽은 replication factor 3, `min.insync` 로 Time To Live");
        assert_eq!(runs, vec![vec!["replication", "factor"], vec!["min"], vec!["insync"], vec!["Time", "To", "Live"]]);
        assert_eq!(english_runs("--replication-factor 3"), vec![vec!["replication", "factor"]]);
    }
}
