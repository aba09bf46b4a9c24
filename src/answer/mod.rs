//! Turning ranked chunks into what people read: an answer, citations, and — when the notes do
//! not really cover the question — an honest "not found" with the nearest topics.

mod citation;
mod compose;
mod counts;
mod excerpt;
mod passages;
pub mod render;

pub use citation::source_url;
pub use compose::{compose, ComposeOptions, Composer};
pub use counts::{asks_how_many, states_a_number};
pub use excerpt::{relevant_lines, trim_at_line};

use serde::Serialize;

use crate::knowledge::{ChunkKind, Problem, HEADING_SEPARATOR};

/// The reply to one question, as the CLI prints it and the bot posts it.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The question as asked.
    pub query: String,
    /// Whether the best hit covers the question well enough to be presented as the answer.
    pub answered: bool,
    /// How far the answer can be trusted: `answered`, `partial` (some of the question's content
    /// words are not in it: `missing`) or `not_answered`.
    pub confidence: Confidence,
    /// The answer text (a Q&A answer or the hit's most relevant lines); empty when unanswered.
    pub answer: String,
    /// Ranked citations, listed even when `answered` is false: every hit asked for.
    pub hits: Vec<Hit>,
    /// How many of the first `hits` are worth showing a person: the answer's citation and
    /// those scoring within `answer.citation_margin` of it.
    pub cited: usize,
    /// Nearest topics to offer when unanswered; for a question with no word to look up, a
    /// topic of the notes to ask about instead.
    pub suggestions: Vec<String>,
    /// Weighted share of the question's concepts found in the best hit (0..1): the value
    /// `search.weights.abstention.min_coverage` is compared with.
    pub coverage: f32,
    /// The question's words the best hit does not contain.
    pub unmatched: Vec<String>,
    /// Of those, the names and nouns the notes never mention at all, as written in the
    /// question, so a reader knows what part of the question the answer cannot speak to.
    pub unknown: Vec<String>,
    /// The question's content words (names and nouns, not ordinary question words such as
    /// `얼마` or `기준`) the answer's chunk does not contain: what a partial answer leaves out.
    pub missing: Vec<String>,
    /// The question asks how many and the best hit states no number: why a well-matched
    /// question can still go unanswered.
    pub no_number: bool,
    /// The question was longer than `search.max_question_chars` and only its beginning (up to
    /// a word boundary) was read: `query` is that beginning.
    pub truncated: bool,
    /// Time spent answering, in milliseconds.
    pub took_ms: f64,
}

/// How far an answer can be trusted, shown as a label in the terminal and as the embed's
/// colour and footer in Discord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The best hit covers the question: this is the answer.
    Answered,
    /// The best hit covers enough of the question to be shown, but some of its content words
    /// are not in it.
    Partial,
    /// The notes do not answer the question; the nearest topics are offered instead.
    NotAnswered,
}

impl Answer {
    /// The citations worth showing a person (see [`Answer::cited`]).
    pub fn shown_hits(&self) -> &[Hit] {
        &self.hits[..self.cited.min(self.hits.len())]
    }

    /// Whether the question held no word to look up (`???`, `ㅋㅋ`, `is it the?`): nothing was
    /// searched, so "the notes do not answer this" would blame the notes for an empty question.
    pub fn searched_nothing(&self) -> bool {
        !self.answered && self.hits.is_empty() && self.unmatched.is_empty()
    }
}

/// One cited chunk.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// `section` or `qa`.
    pub kind: ChunkKind,
    /// Note path relative to the knowledge folder.
    pub source: String,
    /// Heading path, e.g. `Overview › Cloud Map › NACL`.
    pub heading: String,
    /// First and last cited line.
    pub lines: [u32; 2],
    /// Ranking score (BM25 with boosts).
    pub score: f32,
    /// The cited text as written.
    pub text: String,
    /// A link to the lines, when `knowledge.source_url_base` is set.
    pub url: Option<String>,
}

impl Hit {
    /// `aws/overview.md:144-146`, the short form of a citation.
    pub fn location(&self) -> String {
        if self.lines[0] == self.lines[1] {
            format!("{}:{}", self.source, self.lines[0])
        } else {
            format!("{}:{}-{}", self.source, self.lines[0], self.lines[1])
        }
    }
}

/// A heading people can ask for by name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Topic {
    /// Heading path.
    pub heading: String,
    /// Note path relative to the knowledge folder.
    pub source: String,
    /// The section's line range.
    pub lines: [u32; 2],
    /// The name that picks exactly this topic: `heading · note`, with `:line` when the note
    /// has the heading twice.
    pub name: String,
}

impl Topic {
    /// The innermost heading of the path (`ECR` of `Overview › ECR`).
    pub fn last_heading(&self) -> &str {
        self.heading.rsplit(HEADING_SEPARATOR).next().unwrap_or(&self.heading)
    }
}

/// A topic with its text, for `/topic` and `notebot topic`.
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    /// Which section.
    pub topic: Topic,
    /// The section's lines as written.
    pub text: String,
    /// A link to the lines, when configured.
    pub url: Option<String>,
    /// Other sections the name fits just as well (the same heading in another note), so the
    /// person learns the one shown was a pick.
    pub others: Vec<Topic>,
    /// How many more fit as well but are not listed.
    pub more_others: usize,
}

/// What a (re)build produced, for `notebot index` and `/reindex`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Notes indexed.
    pub files: usize,
    /// Chunks indexed.
    pub chunks: usize,
    /// Of which Q&A pairs.
    pub qa_pairs: usize,
    /// Notes skipped or read in part, with reasons.
    pub problems: Vec<Problem>,
    /// Build time in milliseconds.
    pub took_ms: f64,
}
