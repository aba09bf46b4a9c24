//! Measuring answer quality on a question set: is the first citation the right one, and does
//! the bot stay quiet when the notes have no answer?
//!
//! A question set is JSONL, one `{"id", "question", "expect": [{"source", "contains"}],
//! "answerable"}` per line (`split` and `tags` optional). A hit is correct when it cites the
//! expected note, spans at most [`MAX_CITED_LINES`] lines, and those lines contain the
//! expected text.

mod metrics;
mod notes;

use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

#[cfg(feature = "cli")] // only the bench, run from the command, reads it
pub(crate) use metrics::percentile;
pub use metrics::{Report, Summary};

use crate::answer::Hit;
use crate::engine::Engine;
use notes::NoteLines;

/// A citation longer than this is too coarse to count as finding the answer.
pub const MAX_CITED_LINES: u32 = 25;
/// Hits looked at for MRR@10.
pub const RANK_DEPTH: usize = 10;

/// One line of a question set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvalQuestion {
    /// Stable id for failure reports.
    pub id: String,
    /// The question as a person would ask it.
    pub question: String,
    /// Acceptable citations (any one counts); empty for unanswerable questions.
    #[serde(default)]
    pub expect: Vec<Expectation>,
    /// Whether the notes answer it.
    pub answerable: bool,
    /// `tune` or `heldout`, reported separately.
    #[serde(default)]
    pub split: Option<String>,
    /// Free-form labels (`english`, `paraphrase`…).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Where an answer must be found.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// Note path relative to the knowledge folder.
    pub source: String,
    /// Text that must be inside the cited lines.
    pub contains: String,
    /// Lines where the answer is written (informational).
    #[serde(default)]
    pub lines: Option<[u32; 2]>,
    /// The public repository the note comes from (`owner/name`), for notes kept outside the
    /// project under their own licence (informational).
    #[serde(default)]
    pub repo: Option<String>,
}

/// How one question went.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The question's id.
    pub id: String,
    /// The question.
    pub question: String,
    /// Its split, if any.
    pub split: Option<String>,
    /// Its labels, for figures per kind of question.
    pub tags: Vec<String>,
    /// Whether the notes answer it.
    pub answerable: bool,
    /// Whether notebot presented an answer.
    pub answered: bool,
    /// The best hit's coverage of the question, for calibrating the answer threshold.
    pub coverage: f32,
    /// 1-based rank of the first correct hit within the first ten.
    pub rank: Option<usize>,
    /// The first hit's location and heading, for failure reports.
    pub top_hit: Option<String>,
    /// For a question answered with the correct first citation: whether the answer text shown
    /// contains the expected `contains` text (see [`shows_expected`]); `None` otherwise.
    pub answer_contains: Option<bool>,
    /// Time to answer, in milliseconds.
    pub took_ms: f64,
}

impl Outcome {
    /// Whether this question counts against hit@1 or abstention.
    pub fn failed(&self) -> bool {
        if self.answerable {
            self.rank != Some(1) || !self.answered
        } else {
            self.answered
        }
    }
}

/// Why a question set could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {problem}", if *line > 0 { format!(":{line}") } else { String::new() })]
pub struct EvalError {
    /// The question file.
    pub path: String,
    /// 1-based line number (0 for the whole file).
    pub line: usize,
    /// What is wrong.
    #[source]
    pub problem: EvalProblem,
}

/// What is wrong with a question file or one of its lines.
#[derive(Debug, thiserror::Error)]
pub enum EvalProblem {
    /// The file cannot be read.
    #[error("{0}")]
    Read(#[source] std::io::Error),
    /// A line is not a question in JSON (an unknown field, a missing one, bad syntax).
    #[error("{0}")]
    Json(#[source] serde_json::Error),
    /// A well-formed question that cannot be checked, or a file without questions.
    #[error("{0}")]
    Invalid(String),
}

/// Reads a JSONL question set, naming the line of any malformed entry: unknown fields (a
/// misspelt `expect` would silently make a question unanswerable), an answerable question
/// without an expected citation, or one expecting a note that `knowledge` does not hold.
pub fn load_questions(path: &Path, knowledge: &Path) -> Result<Vec<EvalQuestion>, EvalError> {
    let error = |line, problem| EvalError { path: path.display().to_string(), line, problem };
    let text = std::fs::read_to_string(path).map_err(|e| error(0, EvalProblem::Read(e)))?;
    let mut questions = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let question: EvalQuestion = serde_json::from_str(line).map_err(|e| error(i + 1, EvalProblem::Json(e)))?;
        check_question(&question, knowledge).map_err(|message| error(i + 1, EvalProblem::Invalid(message)))?;
        questions.push(question);
    }
    if questions.is_empty() {
        return Err(error(0, EvalProblem::Invalid("no questions".to_string())));
    }
    Ok(questions)
}

/// What a well-formed entry also needs: an expected citation when answerable, in a note that
/// exists.
fn check_question(question: &EvalQuestion, knowledge: &Path) -> Result<(), String> {
    if question.answerable && question.expect.is_empty() {
        return Err(format!("{}: an answerable question needs at least one `expect` entry", question.id));
    }
    match question.expect.iter().find(|e| !knowledge.join(&e.source).is_file()) {
        Some(missing) => Err(format!("{}: no note {} in {}", question.id, missing.source, knowledge.display())),
        None => Ok(()),
    }
}

/// Runs every question through [`Engine::ask`] and scores the citations.
pub fn evaluate(engine: &Engine, questions: &[EvalQuestion]) -> Report {
    let mut notes = NoteLines::new(&engine.settings().knowledge.dir);
    let outcomes: Vec<Outcome> = questions.iter().map(|q| run_question(engine, q, &mut notes)).collect();
    Report::from_outcomes(outcomes)
}

fn run_question(engine: &Engine, question: &EvalQuestion, notes: &mut NoteLines) -> Outcome {
    let started = Instant::now();
    let answer = engine.ask(&question.question, RANK_DEPTH).ok();
    let took_ms = started.elapsed().as_secs_f64() * 1000.0;
    let hits = answer.as_ref().map(|a| a.hits.as_slice()).unwrap_or_default();
    let rank = hits.iter().position(|hit| is_correct(hit, &question.expect, notes)).map(|i| i + 1);
    let answered = answer.as_ref().is_some_and(|a| a.answered);
    let answer_contains = (answered && rank == Some(1)).then(|| {
        let shown = answer.as_ref().map_or("", |a| a.answer.as_str());
        shows_expected(shown, &hits[0], &question.expect)
    });
    Outcome {
        id: question.id.clone(),
        question: question.question.clone(),
        split: question.split.clone(),
        tags: question.tags.clone(),
        answerable: question.answerable,
        answered,
        coverage: answer.as_ref().map_or(0.0, |a| a.coverage),
        rank,
        top_hit: hits.first().map(|h| format!("{} · {}", h.location(), h.heading)),
        answer_contains,
        took_ms,
    }
}

fn is_correct(hit: &Hit, expect: &[Expectation], notes: &mut NoteLines) -> bool {
    let span = hit.lines[1].saturating_sub(hit.lines[0]) + 1;
    span <= MAX_CITED_LINES
        && expect.iter().any(|e| e.source == hit.source && notes.range_contains(&hit.source, hit.lines, &e.contains))
}

/// Whether the answer text shown contains the `contains` text of an expectation the cited hit
/// meets. Both are compared as raw Markdown lines (the answer text before it is rendered for
/// a terminal or Discord), in NFC with runs of white space made one space, so a needle that
/// spans an indented line break still matches.
pub fn shows_expected(shown: &str, hit: &Hit, expect: &[Expectation]) -> bool {
    let shown = comparable(shown);
    expect.iter().filter(|e| e.source == hit.source).any(|e| shown.contains(&comparable(&e.contains)))
}

fn comparable(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let text: String = text.nfc().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
