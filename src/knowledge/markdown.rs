//! Walks a note's Markdown structure (pulldown-cmark with byte offsets) and cuts it into
//! chunks: runs of top-level prose (split further into Q&A pairs and paragraphs), and one
//! chunk per top-level list item with its nested items.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::frontmatter::FrontMatter;
use super::html::html_text;
use super::lines::{dedent, LineIndex};
use super::qa::{self, NumberedLine};
use super::{Chunk, ChunkKind, PageOptions, ParsedNote, Section};

/// A list item's first line becomes part of the heading path when it reads like a label
/// (`NACL`, `ALB , NLB`) rather than a sentence.
const MAX_ITEM_LABEL_CHARS: usize = 40;

/// A block of top-level prose waiting to be cut into pieces.
struct Block {
    first: u32,
    last: u32,
    fenced_code: bool,
    /// A paragraph or a quote (`> 1번부터 적용하고 뒤로 갈수록 덮어쓴다`): what may introduce a
    /// list below it.
    paragraph: bool,
}

/// The most of a list's lead-in paragraph (its end) searched with the list's items.
const MAX_LEAD_IN_CHARS: usize = 300;

/// Lines from one grouped list item to the next: only items that touch are grouped (a
/// tight list); items set apart by blank lines are set apart on purpose.
const MAX_ITEM_GAP: u32 = 1;

/// Open container while walking events.
enum Frame {
    List,
    Item {
        start: usize,
        nested_start: Option<usize>,
    },
    /// A list item inside a top-level item.
    NestedItem,
    Heading,
    Other,
}

struct OpenSection {
    level: u32,
    path: Vec<String>,
    first: u32,
}

/// Accumulates chunks and sections for one note.
struct Chunker<'a> {
    source: &'a str,
    /// Longest passage of a cut list item (see [`Chunker::passages`]).
    passage_lines: u32,
    lines: LineIndex<'a>,
    title: Option<String>,
    context: String,
    headings: Vec<(u32, String)>,
    run: Vec<Block>,
    open_sections: Vec<OpenSection>,
    /// The chunk of the list item just closed, while nothing else has followed it.
    last_item: Option<usize>,
    /// The chunk of the last list item without nested items, which the next one may join.
    mergeable_item: Option<usize>,
    /// Longest run of one-level items cited as one chunk (1: every item alone).
    item_group_lines: u32,
    /// List items whose label joined the heading path: they are topics too.
    labelled_items: Vec<Section>,
    /// Items nested in the open top-level item: (depth, 1 for the top level; byte range).
    nested_items: Vec<(u32, Range<usize>)>,
    /// Whether the last top-level list was numbered.
    numbered_list: bool,
    /// The paragraph that introduces the open top-level list (`이유는 세 가지다.`), searched
    /// with each of its items as context.
    lead_in: String,
    /// Whether lead-ins are searched with their lists (`knowledge.lead_ins`).
    lead_ins: bool,
    /// Heading levels of the open `<details>` sections, innermost last.
    details: Vec<u32>,
    /// The line of the last heading if it states something and no chunk has followed it yet.
    statement_heading: Option<u32>,
    /// The chunk of the one-line paragraph that introduces the open list, until its first item.
    intro: Option<usize>,
    out: ParsedNote,
}

/// Parses `masked` (the note with front matter and kramdown lines blanked) into chunks.
pub fn chunk_note(source: &str, masked: &str, front: &FrontMatter, options: &PageOptions) -> ParsedNote {
    let mut chunker = Chunker {
        passage_lines: if options.passage_lines == 0 { u32::MAX } else { options.passage_lines },
        source,
        lines: LineIndex::new(masked),
        title: front.title.clone(),
        context: [&front.parent, &front.description].into_iter().flatten().cloned().collect::<Vec<_>>().join(" "),
        headings: Vec::new(),
        run: Vec::new(),
        open_sections: Vec::new(),
        last_item: None,
        mergeable_item: None,
        item_group_lines: options.item_group_lines.max(1),
        labelled_items: Vec::new(),
        nested_items: Vec::new(),
        numbered_list: false,
        lead_in: String::new(),
        lead_ins: options.lead_ins,
        details: Vec::new(),
        statement_heading: None,
        intro: None,
        out: ParsedNote::default(),
    };
    chunker.out.problems.extend(front.problem.clone());
    chunker.walk(masked);
    chunker.finish()
}

impl<'a> Chunker<'a> {
    fn walk(&mut self, masked: &str) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let mut stack: Vec<Frame> = Vec::new();
        let mut heading_text = String::new();
        for (event, range) in Parser::new_ext(masked, options).into_offset_iter() {
            match event {
                Event::Start(tag) => self.start(tag, range, &mut stack, &mut heading_text),
                Event::End(end) => self.end(end, range, &mut stack, &heading_text),
                Event::Text(text) | Event::Code(text) if stack.iter().any(|f| matches!(f, Frame::Heading)) => {
                    heading_text.push_str(&text)
                }
                Event::Rule if stack.is_empty() => {
                    self.last_item = None;
                    self.flush_run()
                }
                _ => {}
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>, stack: &mut Vec<Frame>, heading_text: &mut String) {
        let last_item = if stack.is_empty() { self.last_item.take() } else { self.last_item };
        let frame = match (&tag, stack.len(), stack.last()) {
            (Tag::CodeBlock(CodeBlockKind::Fenced(_)), 0, _) if self.attach_to_item(last_item, &range) => Frame::Other,
            (Tag::Heading { .. }, 0, _) => {
                self.flush_run();
                heading_text.clear();
                Frame::Heading
            }
            (Tag::HtmlBlock, 0, _) => {
                self.html_block(&tag, &range);
                Frame::Other
            }
            (Tag::List(_), 0, _) => {
                let bullets_under_number = self.numbered_list && matches!(tag, Tag::List(None));
                self.last_item = last_item.filter(|&index| bullets_under_number && self.touches(index, &range));
                let lead_in = if self.last_item.is_none() { Some(self.lead_in_of(&range)) } else { None };
                let intro = self.run.last().filter(|b| b.paragraph && b.first == b.last).map(|b| b.first);
                self.flush_run();
                if let Some(lead_in) = lead_in {
                    // An answer of a Q&A pair introduces nothing.
                    let after_qa = self.out.chunks.last().is_some_and(|c| c.kind == ChunkKind::Qa);
                    self.lead_in = if after_qa { String::new() } else { lead_in };
                    if !self.lead_in.is_empty() {
                        self.cite_intro_with_list(intro);
                    }
                }
                self.numbered_list = matches!(tag, Tag::List(Some(_)));
                Frame::List
            }
            (_, 0, _) => {
                self.push_block(&tag, &range);
                Frame::Other
            }
            (Tag::Item, 1, Some(Frame::List)) => {
                self.nested_items.clear();
                Frame::Item { start: range.start, nested_start: None }
            }
            (Tag::List(_), 2, Some(Frame::Item { .. })) => {
                if let Some(Frame::Item { nested_start, .. }) = stack.last_mut() {
                    nested_start.get_or_insert(range.start);
                }
                Frame::Other
            }
            (Tag::Item, _, _) => Frame::NestedItem,
            _ => Frame::Other,
        };
        stack.push(frame);
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>, stack: &mut Vec<Frame>, heading_text: &str) {
        let Some(frame) = stack.pop() else { return };
        match (frame, end) {
            (Frame::Heading, TagEnd::Heading(level)) => self.heading(level, heading_text.trim(), &range),
            (Frame::Item { start, nested_start }, _) => self.item(start, nested_start, range.end),
            (Frame::NestedItem, _) => {
                let depth = 1 + stack.iter().filter(|f| matches!(f, Frame::Item { .. } | Frame::NestedItem)).count();
                self.nested_items.push((depth as u32, range));
            }
            _ => {}
        }
    }

    /// Makes a fenced code block that directly follows a list item (blank lines between) part
    /// of the item's chunk: notes often leave the code an item introduces (`아래 명령으로
    /// 확인할 수 있다.`) unindented, which ends the list in Markdown but not for the reader.
    fn attach_to_item(&mut self, item: Option<usize>, range: &Range<usize>) -> bool {
        let Some(index) = item else {
            return false;
        };
        let (first, last) = (self.lines.line_of(range.start), self.lines.last_line_of(range.start, range.end));
        let item_first = self.out.chunks[index].lines.0;
        let item_last = self.out.chunks[index].lines.1;
        if ((item_last + 1)..first).any(|n| !self.lines.line(n).trim().is_empty()) {
            return false;
        }
        let chunk = &mut self.out.chunks[index];
        chunk.lines.1 = last;
        chunk.text = self.lines.dedented(item_first, last);
        true
    }

    /// Whether `range` starts on the line right after the chunk `index` ends. A list of
    /// another kind that touches an item (`1. TRUNCATE` and, below it, `- 테이블을 초기화`) is
    /// a new list to Markdown, but to its author it goes on with that item.
    fn touches(&self, index: usize, range: &Range<usize>) -> bool {
        self.lines.line_of(range.start) == self.out.chunks[index].lines.1 + 1
    }

    /// The end of the paragraph just before a list starting at `list` (blank lines between),
    /// which introduces it: the items' own lines often lack the words the lead-in sets out
    /// (`SQL인젝션은 다음 조건을 모두 만족해야 가능하다.` over `1. DB와 연동된 웹 애플리케이션`).
    fn lead_in_of(&self, list: &Range<usize>) -> String {
        let Some(block) = self.run.last().filter(|b| b.paragraph && self.lead_ins) else {
            return String::new();
        };
        let start = self.lines.line_of(list.start);
        if start > block.last + 2 {
            return String::new();
        }
        let text = (block.first..=block.last).map(|n| self.lines.line(n).trim()).collect::<Vec<_>>().join(" ");
        if text.starts_with('[') || text.starts_with("![") || text.starts_with("http") {
            return String::new();
        }
        let chars = text.chars().count();
        if chars <= MAX_LEAD_IN_CHARS {
            return text;
        }
        let tail: String = text.chars().skip(chars - MAX_LEAD_IN_CHARS).collect();
        tail.split_once(' ').map_or(tail.clone(), |(_, rest)| rest.to_string())
    }

    /// A one-line paragraph that introduces the list after it (`SQL인젝션은 다음 조건을 모두
    /// 만족해야 가능하다.`) and was cut as a chunk of its own is cited with the list's first
    /// items instead (see [`Chunker::join_intro`]): alone it holds the question's words and none
    /// of the answer.
    fn cite_intro_with_list(&mut self, intro: Option<u32>) {
        self.intro = None;
        let Some(line) = intro else {
            return;
        };
        let path = self.heading_path();
        let index = self.out.chunks.len().checked_sub(1);
        // The chunk is that line alone, or that line under the heading that states something.
        let alone = |n: u32| {
            n == line || self.lines.line(n).trim_start().starts_with('#') || self.lines.line(n).trim().is_empty()
        };
        self.intro = index.filter(|&i| {
            let chunk = &self.out.chunks[i];
            let own = chunk.lines.1 == line && (chunk.lines.0..=line).all(alone);
            chunk.kind == ChunkKind::Section && own && chunk.heading_path == path
        });
    }

    /// The first line of the chunk of a list's first items starting at `first`: the line of the
    /// list's one-line introduction when it is the chunk just before, which is then dropped.
    /// Asked once per list; a long first item cut into passages keeps its introduction apart.
    fn join_intro(&mut self, first: u32) -> u32 {
        let Some(index) = self.intro.take() else {
            return first;
        };
        let just_before = index + 1 == self.out.chunks.len();
        let intro = &self.out.chunks[index];
        if !just_before || ((intro.lines.1 + 1)..first).any(|n| !self.lines.line(n).trim().is_empty()) {
            return first;
        }
        let start = intro.lines.0;
        self.out.chunks.pop();
        start
    }

    /// The searchable context of a top-level list item: the note's, and its list's lead-in.
    fn item_context(&self) -> String {
        format!("{} {}", self.context, self.lead_in).trim().to_string()
    }

    fn push_block(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        let first = self.lines.line_of(range.start);
        let last = self.lines.last_line_of(range.start, range.end);
        let fenced_code = matches!(tag, Tag::CodeBlock(CodeBlockKind::Fenced(_)));
        let paragraph = matches!(tag, Tag::Paragraph | Tag::BlockQuote(_));
        self.run.push(Block { first, last, fenced_code, paragraph });
    }

    fn heading(&mut self, level: HeadingLevel, text: &str, range: &Range<usize>) {
        let line = self.lines.line_of(range.start);
        self.open_heading(level as u32, text, line);
        self.statement_heading = is_statement(text).then_some(line);
    }

    /// The line of a heading that states something (`Class는 호이스팅이 되지 않는다.`), when the
    /// chunk starting at `first` is the first under it: that heading is part of the answer, so
    /// the chunk's citation starts there. Asked once per chunk; only the first gets it.
    fn take_statement_heading(&mut self, first: u32) -> Option<u32> {
        let line = self.statement_heading.take()?;
        ((line + 1)..first).all(|n| self.lines.line(n).trim().is_empty()).then_some(line)
    }

    /// Ends the sections of `level` and below before `line`, and opens one titled `text` there.
    fn open_heading(&mut self, level: u32, text: &str, line: u32) {
        self.statement_heading = None;
        self.end_sections(level, line.saturating_sub(1));
        if text.is_empty() {
            return;
        }
        self.headings.push((level, text.to_string()));
        self.open_sections.push(OpenSection { level, path: self.heading_path(), first: line });
    }

    /// Ends the sections of `level` and below at `last_line`.
    fn end_sections(&mut self, level: u32, last_line: u32) {
        self.close_sections(level, last_line);
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
    }

    /// A top-level HTML block. `<details><summary>질문</summary>` opens a section headed by
    /// its summary, which `</details>` ends: interview and study notes fold each question's
    /// answer this way, and the summary names what the answer is about. One block may end one
    /// such section and open the next (`</details>` and `<details>` with no blank line
    /// between). A block of tags only (`<p>`, `</details>`, `<br/>`) holds no text to cite.
    fn html_block(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        let (first, last) = (self.lines.line_of(range.start), self.lines.last_line_of(range.start, range.end));
        let html = (first..=last).map(|n| self.lines.line(n)).collect::<Vec<_>>().join("\n");
        let tags = details_tags(&html);
        let ends_open = tags.last().is_some_and(|&(_, opens)| opens);
        let shows_text = |html: &str| !html_text(html).trim().is_empty();
        // A whole `<details>` with its answer inline stays text, as written.
        if tags.is_empty() || (!ends_open && shows_text(&without_summaries(&html))) {
            if shows_text(&html) {
                self.push_block(tag, range);
            }
            return;
        }
        let line_at = |at: usize| first + html[..at].matches('\n').count() as u32;
        let mut summaries = 0;
        for (i, &(at, opens)) in tags.iter().enumerate() {
            let until = tags.get(i + 1).map_or(html.len(), |&(next, _)| next);
            if !opens {
                if let Some(level) = self.details.pop() {
                    self.flush_run();
                    self.end_sections(level, line_at(at).saturating_sub(1));
                }
                continue;
            }
            if let Some(summary) = summary_of(&html[at..until]).filter(|s| !s.is_empty()) {
                self.flush_run();
                let level = self.headings.last().map_or(1, |&(level, _)| level + 1);
                self.open_heading(level, &summary, line_at(at));
                self.details.push(level);
                summaries += 1;
            }
        }
        if summaries == 0 {
            // `<details>` without a summary heads nothing: its text is text.
            if shows_text(&html) {
                self.push_block(tag, range);
            }
            return;
        }
        // Answer lines written right under the last summary, with no blank line, are part of
        // the HTML block to Markdown but text to the reader.
        let lower = html.to_ascii_lowercase();
        let summary_end = lower.rfind("</summary").map(line_at);
        let answer_lines = summary_end.map_or(last + 1, |n| n + 1)..=last;
        if ends_open && answer_lines.clone().any(|n| shows_text(self.lines.line(n))) {
            let (first, last) = (*answer_lines.start(), *answer_lines.end());
            self.run.push(Block { first, last, fenced_code: false, paragraph: true });
        }
    }

    /// The note's title followed by the open headings (a heading equal to the title is not
    /// repeated).
    fn heading_path(&self) -> Vec<String> {
        let mut path: Vec<String> = self.title.iter().cloned().collect();
        for (_, text) in &self.headings {
            if path.last() != Some(text) {
                path.push(text.clone());
            }
        }
        path
    }

    fn close_sections(&mut self, level: u32, last_line: u32) {
        while self.open_sections.last().is_some_and(|s| s.level >= level) {
            let Some(open) = self.open_sections.pop() else {
                break;
            };
            let Some((_, last)) = self.lines.trim_section(open.first, last_line.max(open.first)) else {
                continue;
            };
            let has_body = last > open.first;
            if has_body {
                let text = self.lines.dedented(open.first, last);
                self.out.sections.push(Section {
                    source: self.source.to_string(),
                    heading_path: open.path,
                    lines: (open.first, last),
                    text,
                });
            }
        }
    }

    fn item(&mut self, start: usize, nested_start: Option<usize>, end: usize) {
        let first = self.lines.line_of(start);
        let Some((first, last)) = self.lines.trim_blank(first, self.lines.last_line_of(start, end)) else {
            return;
        };
        let own_last = nested_start.map_or(last, |n| self.lines.line_of(n).saturating_sub(1).max(first));
        let own_text = strip_bullets(&(first..=own_last).map(|n| self.lines.line(n)).collect::<Vec<_>>());
        let nested_text = nested_start
            .map(|_| strip_bullets(&((own_last + 1)..=last).map(|n| self.lines.line(n)).collect::<Vec<_>>()));
        let mut heading_path = self.heading_path();
        let label = plain_label(&own_text);
        let mut labelled = false;
        let (kind, question, answer) = match nested_text {
            Some(nested) if own_text.trim_end().ends_with('?') => (ChunkKind::Qa, Some(own_text.clone()), Some(nested)),
            Some(_) if !label.is_empty() && is_label(&label) => {
                heading_path.push(label);
                labelled = true;
                self.labelled_items.push(Section {
                    source: self.source.to_string(),
                    heading_path: heading_path.clone(),
                    lines: (first, last),
                    text: self.lines.dedented(first, last),
                });
                (ChunkKind::Section, None, None)
            }
            _ => (ChunkKind::Section, None, None),
        };
        // A labelled item is a sub-heading of its own, not one of the things a lead-in lists.
        let context = if labelled { self.context.clone() } else { self.item_context() };
        if kind == ChunkKind::Section && last - first + 1 > self.passage_lines && nested_start.is_some() {
            self.intro = None;
            let nested = std::mem::take(&mut self.nested_items);
            self.passages(Span { first, own_last, last, depth: 1 }, &nested, heading_path, &context, first);
            self.last_item = Some(self.out.chunks.len() - 1);
            return;
        }
        let plain = kind == ChunkKind::Section && nested_start.is_none();
        if plain && self.merge_into_previous_item(first, last, &heading_path) {
            return;
        }
        let item_first = first;
        let first = if kind == ChunkKind::Section { self.join_intro(first) } else { first };
        self.intro = None;
        // Cited with its list's introduction, the chunk holds it: no need to search it twice.
        let context = if first < item_first { self.context.clone() } else { context };
        self.mergeable_item = plain.then_some(self.out.chunks.len());
        self.last_item = (kind == ChunkKind::Section).then_some(self.out.chunks.len());
        let first = self.take_statement_heading(first).filter(|_| kind == ChunkKind::Section).unwrap_or(first);
        self.out.chunks.push(Chunk {
            kind,
            source: self.source.to_string(),
            heading_path,
            context,
            file_title: String::new(),
            lines: (first, last),
            text: self.lines.dedented(first, last),
            question,
            answer,
        });
    }

    /// Joins a one-level list item to the one-level item just before it in the same list while
    /// together they stay within `item_group_lines`: a run of short bullets under a heading
    /// reads as one paragraph, and is cited as one.
    fn merge_into_previous_item(&mut self, first: u32, last: u32, heading_path: &[String]) -> bool {
        let Some(index) = self.mergeable_item.filter(|&i| self.last_item == Some(i)) else {
            return false;
        };
        let previous = &self.out.chunks[index];
        let fits = last - previous.lines.0 < self.item_group_lines;
        let adjacent = previous.lines.1 < first && first - previous.lines.1 <= MAX_ITEM_GAP;
        if !fits || !adjacent || previous.heading_path != heading_path {
            return false;
        }
        let start = previous.lines.0;
        let chunk = &mut self.out.chunks[index];
        chunk.lines.1 = last;
        chunk.text = self.lines.dedented(start, last);
        true
    }

    /// Cuts a long list item into passages of whole nested items, each at most
    /// `passage_lines` long unless one nested item with no items of its own is longer.
    /// The first passage starts at `lead` (the item's own lines, or an ancestor's); a nested
    /// item too long for one passage is cut the same way, its label joining the heading path.
    /// An item's own text that is a sentence rather than a label becomes searchable context of
    /// its passages.
    fn passages(&mut self, span: Span, nested: &[(u32, Range<usize>)], path: Vec<String>, context: &str, lead: u32) {
        let children: Vec<Span> = nested
            .iter()
            .filter(|(depth, _)| *depth == span.depth + 1)
            .filter_map(|(_, range)| {
                let first = self.lines.line_of(range.start);
                let (first, last) = self.lines.trim_blank(first, self.lines.last_line_of(range.start, range.end))?;
                let own_last = nested
                    .iter()
                    .filter(|(depth, r)| *depth == span.depth + 2 && r.start > range.start && r.end <= range.end)
                    .map(|(_, r)| self.lines.line_of(r.start).saturating_sub(1).max(first))
                    .min()
                    .unwrap_or(last);
                Some(Span { first, own_last, last, depth: span.depth + 1 })
            })
            .filter(|child| child.first > span.own_last && child.last <= span.last)
            .collect();
        let own_text = strip_bullets(&(span.first..=span.own_last).map(|n| self.lines.line(n)).collect::<Vec<_>>());
        let context = if span.depth > 1 && !is_label(&plain_label(&own_text)) {
            format!("{context} {own_text}").trim().to_string()
        } else {
            context.to_string()
        };
        // (first line, last line, whether it holds a nested item yet)
        let mut passage: Option<(u32, u32, bool)> = Some((lead, span.own_last, false));
        for child in &children {
            let too_long = child.last - child.first + 1 > self.passage_lines && child.own_last < child.last;
            if too_long {
                let child_lead = match passage.take() {
                    Some((start, _, false)) => start,
                    Some((start, end, true)) => {
                        self.push_passage(start, end, &path, &context);
                        child.first
                    }
                    None => child.first,
                };
                let mut child_path = path.clone();
                let child_own =
                    strip_bullets(&(child.first..=child.own_last).map(|n| self.lines.line(n)).collect::<Vec<_>>());
                let label = plain_label(&child_own);
                if !label.is_empty() && is_label(&label) {
                    child_path.push(label);
                }
                self.passages(*child, nested, child_path, &context, child_lead);
                continue;
            }
            passage = match passage {
                Some((start, _, _)) if child.last - start < self.passage_lines => Some((start, child.last, true)),
                Some((start, end, _)) => {
                    self.push_passage(start, end, &path, &context);
                    Some((child.first, child.last, true))
                }
                None => Some((child.first, child.last, true)),
            };
        }
        match passage {
            Some((start, _, _)) => self.push_passage(start, span.last.max(start), &path, &context),
            None => {
                if let Some(end) = children.last().map(|c| c.last).filter(|&end| end < span.last) {
                    self.push_passage(end + 1, span.last, &path, &context);
                }
            }
        }
    }

    fn push_passage(&mut self, first: u32, last: u32, path: &[String], context: &str) {
        let Some((first, last)) = self.lines.trim_blank(first, last) else {
            return;
        };
        self.out.chunks.push(Chunk {
            kind: ChunkKind::Section,
            source: self.source.to_string(),
            heading_path: path.to_vec(),
            context: context.to_string(),
            file_title: String::new(),
            lines: (first, last),
            text: self.lines.dedented(first, last),
            question: None,
            answer: None,
        });
    }

    /// Cuts the pending run of top-level blocks into Q&A pairs and prose chunks.
    fn flush_run(&mut self) {
        let run = std::mem::take(&mut self.run);
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        let fence_lines: Vec<u32> = run.iter().filter(|b| b.fenced_code).flat_map(|b| [b.first, b.last]).collect();
        let numbered: Vec<NumberedLine<'_>> = (first.first..=last.last)
            .map(|number| {
                let text = if fence_lines.contains(&number) { "" } else { self.lines.line(number) };
                NumberedLine { number, text }
            })
            .collect();
        let pieces = qa::pieces(&numbered);
        let heading_path = self.heading_path();
        for piece in pieces {
            let (kind, question, answer) = match piece.qa {
                Some((q, a)) => (ChunkKind::Qa, Some(q), Some(a)),
                None => (ChunkKind::Section, None, None),
            };
            let stated = self.take_statement_heading(piece.first).filter(|_| kind == ChunkKind::Section);
            let first = stated.unwrap_or(piece.first);
            self.out.chunks.push(Chunk {
                kind,
                source: self.source.to_string(),
                heading_path: heading_path.clone(),
                context: self.context.clone(),
                file_title: String::new(),
                lines: (first, piece.last),
                text: self.lines.dedented(first, piece.last),
                question,
                answer,
            });
        }
    }

    fn finish(mut self) -> ParsedNote {
        self.flush_run();
        // A table of contents repeats the note's headings as links to them: it answers nothing,
        // and its words would only outrank the sections it points at.
        self.out.chunks.retain(|chunk| !is_table_of_contents(&chunk.text));
        self.close_sections(0, self.lines.len());
        self.add_item_sections();
        self.out.sections.sort_by_key(|s| s.lines.0);
        self.out
    }

    /// A labelled list item (`* NLB` over its details) is cited under its label like a
    /// heading, so `/topic` offers it too: notes often use such items as sub-headings.
    fn add_item_sections(&mut self) {
        self.out.sections.append(&mut self.labelled_items);
    }
}

/// A list item's lines: its own (up to `own_last`) and its nested items' (to `last`).
#[derive(Debug, Clone, Copy)]
struct Span {
    first: u32,
    own_last: u32,
    last: u32,
    /// 1 for a top-level item.
    depth: u32,
}

/// A heading states something when it ends as a sentence does (`…되지 않는다.`), not as a
/// title or a question.
fn is_statement(heading: &str) -> bool {
    heading.trim().ends_with(['.', '!', '다', '요', '음', '함'])
}

/// A list item's own text reads as a label when it is one short line without a sentence end.
fn is_label(text: &str) -> bool {
    let text = text.trim();
    !text.contains('\n')
        && text.chars().count() <= MAX_ITEM_LABEL_CHARS
        && !text.ends_with(['.', '?', '!', '다', '요', '음', '함'])
}

/// A label as read, without inline markup (`**Redis**`, `` `TIME_WAIT` ``, `[Grafana](…)`):
/// the text pulldown-cmark reads in it, as headings are read.
fn plain_label(text: &str) -> String {
    let read: String = Parser::new(text.trim())
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.into_string()),
            _ => None,
        })
        .collect();
    read.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins lines with their list markers (`*`, `-`, `+`, `1.`) removed.
fn strip_bullets(lines: &[&str]) -> String {
    let stripped: Vec<&str> = lines.iter().map(|line| strip_bullet(line)).collect();
    dedent(&stripped).lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn strip_bullet(line: &str) -> &str {
    let trimmed = line.trim_start();
    for marker in ["* ", "- ", "+ "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return rest;
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = trimmed[digits..].strip_prefix(". ").or_else(|| trimmed[digits..].strip_prefix(") ")) {
            return rest;
        }
    }
    trimmed
}

/// Whether every line of `text` is a list item that only links to a place in the same page
/// (`- [안티 패턴 개요](#안티-패턴-개요)`).
fn is_table_of_contents(text: &str) -> bool {
    let in_page_link = |line: &str| {
        let item = strip_bullet(line).trim();
        item.len() < line.trim().len()
            && item.starts_with('[')
            && item.ends_with(')')
            && item.split_once("](").is_some_and(|(label, target)| !label.is_empty() && target.starts_with('#'))
    };
    let mut lines = text.lines().filter(|line| !line.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(in_page_link)
}

/// Where `html` opens (`true`) and closes (`false`) a `<details>` element, in order.
fn details_tags(html: &str) -> Vec<(usize, bool)> {
    let lower = html.to_ascii_lowercase();
    let opens = lower.match_indices("<details").map(|(at, _)| (at, true));
    let closes = lower.match_indices("</details").map(|(at, _)| (at, false));
    let mut tags: Vec<(usize, bool)> = opens.chain(closes).collect();
    tags.sort_unstable();
    tags
}

/// `html` without its `<summary>…</summary>` elements.
fn without_summaries(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut kept = String::new();
    let mut rest = 0;
    while let Some(open) = lower[rest..].find("<summary").map(|at| rest + at) {
        kept.push_str(&html[rest..open]);
        match lower[open..].find("</summary>") {
            Some(close) => rest = open + close + "</summary>".len(),
            None => return kept,
        }
    }
    kept.push_str(&html[rest..]);
    kept
}

/// The text of the first `<summary>…</summary>` in `html`, tags inside it dropped.
fn summary_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<summary")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</summary")?;
    Some(html_text(&html[start..end]).split_whitespace().collect::<Vec<_>>().join(" "))
}
