//! Engine calls from async handlers: each runs on the blocking pool so a search (or a rebuild)
//! never stalls the gateway's event loop, and failures become an [`Outcome`] the reply code
//! can word for users while the details go to the log.

use std::sync::Arc;

use tokio::task::JoinError;
use tracing::{debug, warn};

use crate::answer::Answer;
use crate::engine::{AskError, Engine};

/// What a question came to.
#[derive(Debug)]
pub enum Outcome {
    /// The engine answered (which includes "the notes have no answer").
    Answer(Answer),
    /// Nothing was left to search after stripping mentions and whitespace.
    Empty,
    /// The engine failed; already logged.
    Failed,
    /// The knowledge folder holds no notes, so nothing was searched.
    NoNotes,
}

/// Asks `question`; when it alone matches nothing and a thread's first question is known,
/// asks again with that as context (a follow-up like "and its price?" needs its subject).
pub async fn ask(engine: &Arc<Engine>, question: &str, context: Option<&str>) -> Outcome {
    if !engine.has_notes() && !question.trim().is_empty() {
        return Outcome::NoNotes;
    }
    let first = ask_once(engine, question).await;
    let Some(context) = context else { return first };
    match &first {
        Outcome::Answer(answer) if !answer.answered => {
            debug!("follow-up matched nothing alone; retrying with the thread's first question");
            match ask_once(engine, &format!("{context}\n{question}")).await {
                Outcome::Answer(with_context) if with_context.answered => Outcome::Answer(with_context),
                _ => first,
            }
        }
        _ => first,
    }
}

/// Runs `work` on the engine on tokio's blocking pool; `Err` only when it panicked.
pub async fn on_engine<T: Send + 'static>(
    engine: &Arc<Engine>,
    work: impl FnOnce(&Engine) -> T + Send + 'static,
) -> Result<T, JoinError> {
    let engine = Arc::clone(engine);
    tokio::task::spawn_blocking(move || work(&engine)).await
}

async fn ask_once(engine: &Arc<Engine>, question: &str) -> Outcome {
    let question = question.to_owned();
    let top = engine.settings().search.top;
    match on_engine(engine, move |engine| engine.ask(&question, top)).await {
        Ok(Ok(answer)) => Outcome::Answer(answer),
        Ok(Err(AskError::Empty)) => Outcome::Empty,
        Ok(Err(error)) => {
            warn!(%error, "search failed");
            Outcome::Failed
        }
        Err(error) => {
            warn!(%error, "search task panicked");
            Outcome::Failed
        }
    }
}
