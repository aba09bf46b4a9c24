//! Finding question-and-answer pairs in plain text, as teams write them after seminars:
//! `질문: … 답변: …` (also `Q:`/`A:`, `문:`/`답:`), a question line followed by `=> answer`,
//! and a question paragraph followed directly by `답변:` with no `질문:` label.

use crate::lexicon::List;

/// One line of a run of prose, with its 1-based line number.
#[derive(Debug, Clone, Copy)]
pub struct NumberedLine<'a> {
    /// Line number in the note.
    pub number: u32,
    /// The line's text; blank and separator lines split paragraphs.
    pub text: &'a str,
}

/// A citable piece found in a run of prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// First line (1-based).
    pub first: u32,
    /// Last line (1-based, inclusive).
    pub last: u32,
    /// For Q&A pairs, the question and the answer; `None` for prose.
    pub qa: Option<(String, String)>,
}

/// Prose paragraphs separated by one blank line are kept together up to this many lines.
const MAX_MERGED_LINES: u32 = 12;
/// A one-line paragraph this short, right before a Q&A pair, is a label (`청중 질문`).
const MAX_LABEL_CHARS: usize = 20;

/// Labels of a written Q&A pair (`질문:`, `A.`): src/lexicon/question_labels.txt, answer_labels.txt.
const QUESTION_LABELS: List = List::QuestionLabels;
const ANSWER_LABELS: List = List::AnswerLabels;

#[derive(Debug)]
struct Paragraph<'a> {
    lines: Vec<NumberedLine<'a>>,
    blank_before: u32,
}

impl Paragraph<'_> {
    fn first(&self) -> u32 {
        self.lines[0].number
    }
    fn last(&self) -> u32 {
        self.lines[self.lines.len() - 1].number
    }
}

/// Splits a run of lines into Q&A pairs and prose pieces.
pub fn pieces(lines: &[NumberedLine<'_>]) -> Vec<Piece> {
    let paragraphs = paragraphs(lines);
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let para = &paragraphs[i];
        let next = paragraphs.get(i + 1);
        let (piece, used) = pair_at(para, next).unwrap_or_else(|| (prose(para), 1));
        let is_label =
            used == 1 && para.lines.len() == 1 && para.lines[0].text.trim().chars().count() <= MAX_LABEL_CHARS;
        found.push(Found { piece, blank_before: para.blank_before, is_label });
        i += used;
    }
    merge_prose(drop_labels(found))
}

fn paragraphs<'a>(lines: &[NumberedLine<'a>]) -> Vec<Paragraph<'a>> {
    let mut out: Vec<Paragraph<'a>> = Vec::new();
    let mut blank = 0;
    let mut current: Vec<NumberedLine<'a>> = Vec::new();
    for line in lines {
        if is_blank_or_separator(line.text) {
            if !current.is_empty() {
                out.push(Paragraph { lines: std::mem::take(&mut current), blank_before: blank });
                blank = 0;
            }
            blank += 1;
        } else {
            current.push(*line);
        }
    }
    if !current.is_empty() {
        out.push(Paragraph { lines: current, blank_before: blank });
    }
    out
}

fn is_blank_or_separator(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || (t.len() >= 3 && t.chars().all(|c| matches!(c, '=' | '-' | '*' | '_' | '~' | '`')))
}

/// A Q&A pair starting at `para`, and how many paragraphs it uses.
fn pair_at(para: &Paragraph<'_>, next: Option<&Paragraph<'_>>) -> Option<(Piece, usize)> {
    if let Some(k) = para.lines.iter().skip(1).position(|l| l.text.trim_start().starts_with("=>")) {
        let (question, answer) = para.lines.split_at(k + 1);
        return Some((qa_piece(question, answer), 1));
    }
    let first = para.lines[0].text;
    if strip_label(first, ANSWER_LABELS).is_some() {
        return None;
    }
    if let Some(k) = para.lines.iter().skip(1).position(|l| strip_label(l.text, ANSWER_LABELS).is_some()) {
        if strip_label(first, QUESTION_LABELS).is_some() {
            let (question, answer) = para.lines.split_at(k + 1);
            return Some((qa_piece(question, answer), 1));
        }
    }
    let next = next.filter(|n| n.blank_before <= 3 && strip_label(n.lines[0].text, ANSWER_LABELS).is_some())?;
    Some((qa_piece(&para.lines, &next.lines), 2))
}

fn qa_piece(question: &[NumberedLine<'_>], answer: &[NumberedLine<'_>]) -> Piece {
    let question_text = join_stripped(question, QUESTION_LABELS);
    let answer_text = join_stripped(answer, ANSWER_LABELS);
    Piece { first: question[0].number, last: answer[answer.len() - 1].number, qa: Some((question_text, answer_text)) }
}

fn join_stripped(lines: &[NumberedLine<'_>], labels: List) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let text = l.text.trim();
            let text = text.strip_prefix("=>").map(str::trim_start).unwrap_or(text);
            if i == 0 {
                strip_label(text, labels).unwrap_or(text)
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text after a leading label such as `질문:` or `Q.`, if the line starts with one.
pub fn strip_label(line: &str, labels: List) -> Option<&str> {
    let trimmed = line.trim_start();
    let (head, rest) = trimmed.split_once([':', '.', '：'])?;
    let head = head.trim();
    labels.words().iter().any(|label| head.eq_ignore_ascii_case(label)).then(|| rest.trim())
}

fn prose(para: &Paragraph<'_>) -> Piece {
    Piece { first: para.first(), last: para.last(), qa: None }
}

/// A piece with what merging and label detection need to know about its paragraph.
struct Found {
    piece: Piece,
    blank_before: u32,
    is_label: bool,
}

/// Drops short one-line labels (`청중 질문`) that only introduce the Q&A pair after them.
fn drop_labels(found: Vec<Found>) -> Vec<Found> {
    let mut kept = Vec::with_capacity(found.len());
    let mut iter = found.into_iter().peekable();
    while let Some(item) = iter.next() {
        let next_is_qa = iter.peek().is_some_and(|next| next.piece.qa.is_some());
        if item.is_label && next_is_qa {
            continue;
        }
        kept.push(item);
    }
    kept
}

fn merge_prose(found: Vec<Found>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for Found { piece, blank_before, .. } in found {
        if let Some(last) = out.last_mut() {
            let both_prose = last.qa.is_none() && piece.qa.is_none();
            if both_prose && blank_before <= 1 && piece.last - last.first < MAX_MERGED_LINES {
                last.last = piece.last;
                continue;
            }
        }
        out.push(piece);
    }
    out
}
