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
    /// Also show how the question was read: its words, their weights, every alias or
    /// spelling searched for each, and which citations contain them.
    #[arg(long)]
    explain: bool,
}

/// How `ask` prints.
#[derive(Debug, Clone, Copy)]
struct Format {
    top: usize,
    json: bool,
    explain: bool,
}

/// Runs `ask`.
pub fn run(settings: Settings, args: &AskArgs) -> ExitCode {
    let language = settings.answer.language;
    let format = Format { top: args.top.unwrap_or(settings.search.top), json: args.json, explain: args.explain };
    let question = args.question.join(" ");
    if !args.question.is_empty() && question.trim().is_empty() {
        return fail(EXIT_USAGE, texts::empty_question(language));
    }
    let engine = match open_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    if args.question.is_empty() {
        return answer_stdin(&engine, format);
    }
    match answer_one(&engine, &question, format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(AskError::Empty) => fail(EXIT_USAGE, texts::empty_question(language)),
        Err(e) => fail(1, &e.to_string()),
    }
}

fn answer_one(engine: &Engine, question: &str, format: Format) -> Result<(), AskError> {
    let (answer, reading) = if format.explain {
        engine.explain(question, format.top)?
    } else {
        (engine.ask(question, format.top)?, Vec::new())
    };
    let language = engine.settings().answer.language;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match (format.json, format.explain) {
        (true, true) => output::write_json_line(&mut out, &output::Explained { answer: &answer, reading: &reading }),
        (true, false) => output::write_json_line(&mut out, &answer),
        (false, explain) => output::write_answer(&mut out, &answer, language)
            .and_then(|()| {
                if explain {
                    output::write_reading(&mut out, &answer, &reading, engine.settings().search.min_coverage, language)
                } else {
                    Ok(())
                }
            })
            .and_then(|()| out.flush()),
    };
    written.map_err(|e| AskError::Search(format!("cannot write the answer: {e}")))
}

/// Answers each non-empty line of stdin in turn; a broken pipe ends quietly.
fn answer_stdin(engine: &Engine, format: Format) -> ExitCode {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else {
            return fail(1, "standard input is not UTF-8 text");
        };
        if line.trim().is_empty() {
            continue;
        }
        if let Err(e) = answer_one(engine, &line, format) {
            if e.to_string().contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            return fail(1, &e.to_string());
        }
        if !format.json {
            println!();
        }
    }
    ExitCode::SUCCESS
}
