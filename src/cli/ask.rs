//! `notebot ask`: one question from the arguments, or one per line from standard input.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;

use super::{fail, finish, open_notes, output, say, EXIT_USAGE};
use crate::config::Settings;
use crate::engine::{AskError, Engine, MAX_TOP};
use crate::i18n::cli as texts;

/// Arguments of `notebot ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// The question; omit it to be asked at a prompt (at a terminal) or to read questions from
    /// standard input, one per line.
    question: Vec<String>,
    /// Print one JSON object per question instead of text.
    #[arg(long)]
    json: bool,
    /// How many citations to return, 1 to 50 (default: search.top).
    #[arg(long, value_name = "N", value_parser = parse_top)]
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
    let engine = match open_notes(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    if args.question.is_empty() {
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            return answer_interactively(&engine, format);
        }
        return answer_stdin(&engine, format);
    }
    match answer_one(&engine, &question, None, format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed::Ask(AskError::Empty)) => fail(EXIT_USAGE, texts::empty_question(language)),
        Err(Failed::Ask(AskError::Search(e))) => fail(1, &texts::search_failed(language, &e.to_string())),
        Err(Failed::Write(e)) => finish(Err(e), language),
    }
}

/// `--top`: at least one citation, at most [`MAX_TOP`].
fn parse_top(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(top) if (1..=MAX_TOP).contains(&top) => Ok(top),
        _ => Err(format!("must be a number from 1 to {MAX_TOP}")),
    }
}

/// Why one question printed no answer.
enum Failed {
    /// The engine refused or failed the question.
    Ask(AskError),
    /// The answer could not be written out.
    Write(std::io::Error),
}

/// Answers `question`; `line` is its line number when it came from standard input.
fn answer_one(engine: &Engine, question: &str, line: Option<usize>, format: Format) -> Result<(), Failed> {
    let (answer, reading) = if format.explain {
        engine.explain(question, format.top).map_err(Failed::Ask)?
    } else {
        (engine.ask(question, format.top).map_err(Failed::Ask)?, Vec::new())
    };
    let language = engine.settings().answer.language;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let explained = output::Explained { answer: &answer, reading: &reading };
    let written = match (format.json, format.explain, line) {
        (true, true, Some(line)) => output::write_json_line(&mut out, &output::FromLine { line, answer: &explained }),
        (true, true, None) => output::write_json_line(&mut out, &explained),
        (true, false, Some(line)) => output::write_json_line(&mut out, &output::FromLine { line, answer: &answer }),
        (true, false, None) => output::write_json_line(&mut out, &answer),
        (false, explain, _) => output::write_answer(&mut out, &answer, language)
            .and_then(|()| {
                if explain {
                    output::write_reading(
                        &mut out,
                        &answer,
                        &reading,
                        engine.params().abstention.min_coverage,
                        language,
                    )
                } else {
                    Ok(())
                }
            })
            .and_then(|()| out.flush()),
    };
    written.map_err(Failed::Write)
}

/// Asks for questions at a `질문> ` prompt with line editing and history until Ctrl-D
/// (Ctrl-C abandons the line being typed), answering each in turn.
fn answer_interactively(engine: &Engine, format: Format) -> ExitCode {
    use rustyline::error::ReadlineError;
    let language = engine.settings().answer.language;
    let Ok(mut editor) = rustyline::DefaultEditor::new() else {
        return answer_stdin(engine, format);
    };
    say(texts::interactive_hint(language));
    loop {
        match editor.readline(texts::prompt(language)) {
            Ok(line) if line.trim().is_empty() => {}
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                match answer_one(engine, &line, None, format) {
                    Ok(()) | Err(Failed::Ask(AskError::Empty)) => {}
                    Err(Failed::Ask(AskError::Search(e))) => {
                        say(&format!("notebot: {}", texts::search_failed(language, &e.to_string())))
                    }
                    Err(Failed::Write(e)) => return finish(Err(e), language),
                }
                println!();
            }
            Err(ReadlineError::Interrupted) => {}
            Err(ReadlineError::Eof) => return ExitCode::SUCCESS,
            Err(e) => return fail(1, &texts::cannot_read_input(language, &std::io::Error::other(e))),
        }
    }
}

/// Answers each non-empty line of stdin in turn (in JSON each answer names its line, in text
/// each starts with the question, so answers can be matched to questions; a byte-order mark
/// is dropped). A line that is not UTF-8 is reported and
/// skipped (the run then exits 1 after the others); a reader that stops reading ends it quietly.
fn answer_stdin(engine: &Engine, format: Format) -> ExitCode {
    let language = engine.settings().answer.language;
    let mut skipped = false;
    for (number, line) in std::io::stdin().lock().split(b'\n').enumerate() {
        let line = match line {
            Ok(bytes) => String::from_utf8(bytes),
            Err(e) => return fail(1, &texts::cannot_read_input(language, &e)),
        };
        let Ok(line) = line else {
            skipped = true;
            say(&format!("notebot: {}", texts::line_not_utf8(language, number + 1)));
            continue;
        };
        let line = if number == 0 { line.trim_start_matches('\u{feff}').to_string() } else { line };
        if line.trim().is_empty() {
            continue;
        }
        let header = if format.json { Ok(()) } else { writeln!(std::io::stdout(), "> {}", line.trim()) };
        let answered = header
            .map_err(Failed::Write)
            .and_then(|()| answer_one(engine, &line, Some(number + 1), format))
            .and_then(|()| if format.json { Ok(()) } else { writeln!(std::io::stdout()).map_err(Failed::Write) });
        match answered {
            Ok(()) | Err(Failed::Ask(AskError::Empty)) => {}
            Err(Failed::Ask(AskError::Search(e))) => return fail(1, &texts::search_failed(language, &e.to_string())),
            Err(Failed::Write(e)) => return finish(Err(e), language),
        }
    }
    if skipped {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
