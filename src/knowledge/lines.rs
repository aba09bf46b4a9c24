//! Line bookkeeping: byte offsets to 1-based line numbers and line ranges back to text.

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
