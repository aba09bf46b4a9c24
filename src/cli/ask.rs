//! `notebot ask`: one question from the arguments, or one per line from standard input.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;

use super::{fail, open_engine, output, texts, EXIT_USAGE};
use crate::config::Settings;
use crate::engine::{AskError, Engine};

/// Arguments of `notebot ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// The question; omit it to read questions from standard input, one per line.
    question: Vec<String>,
    /// Print one JSON object per question instead of text.
    #[arg(long)]
    json: bool,
    /// How many citations to return (default: search.top).
    #[arg(long, value_name = "N")]
    top: Option<usize>,
}

/// Runs `ask`.
pub fn run(settings: Settings, args: &AskArgs) -> ExitCode {
    let language = settings.answer.language;
    let top = args.top.unwrap_or(settings.search.top);
    let question = args.question.join(" ");
    if !args.question.is_empty() && question.trim().is_empty() {
        return fail(EXIT_USAGE, texts::empty_question(language));
    }
    let engine = match open_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    if args.question.is_empty() {
        return answer_stdin(&engine, top, args.json);
    }
    match answer_one(&engine, &question, top, args.json) {
        Ok(()) => ExitCode::SUCCESS,
        Err(AskError::Empty) => fail(EXIT_USAGE, texts::empty_question(language)),
        Err(e) => fail(1, &e.to_string()),
    }
}

fn answer_one(engine: &Engine, question: &str, top: usize, json: bool) -> Result<(), AskError> {
    let answer = engine.ask(question, top)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if json {
        output::write_json_line(&mut out, &answer)
    } else {
        output::write_answer(&mut out, &answer, engine.settings().answer.language).and_then(|()| out.flush())
    };
    written.map_err(|e| AskError::Search(format!("cannot write the answer: {e}")))
}

/// Answers each non-empty line of stdin in turn; a broken pipe ends quietly.
fn answer_stdin(engine: &Engine, top: usize, json: bool) -> ExitCode {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else {
            return fail(1, "standard input is not UTF-8 text");
        };
        if line.trim().is_empty() {
            continue;
        }
        if let Err(e) = answer_one(engine, &line, top, json) {
            if e.to_string().contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            return fail(1, &e.to_string());
        }
        if !json {
            println!();
        }
    }
    ExitCode::SUCCESS
}
