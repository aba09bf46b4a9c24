//! The command line: a thin adapter that parses arguments, opens the [`Engine`] and prints
//! for a person (or as JSON for scripts). Logs go to stderr; stdout carries only results.

mod ask;
mod bench;
mod eval;
mod index;
mod output;
#[cfg(feature = "discord")]
mod serve;
mod topics;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{Language, Settings, SettingsSources};
use crate::engine::{Engine, EngineError, Notice};
use crate::i18n::cli as texts;

pub use output::write_answer;

/// Exit code for a problem with how notebot was called (empty question, bad config).
pub const EXIT_USAGE: u8 = 2;

const EXAMPLES: &str = "Examples:
  notebot ask \"NLB는 언제 쓰나요?\"
  notebot ask --json --top 3 \"Does NLB terminate TLS?\"
  cat questions.txt | notebot ask --json
  notebot topics Cloud
  notebot topic \"Cloud Map\"
  notebot index
  notebot eval eval/questions.jsonl --min-hit1 0.8
  DISCORD_TOKEN=... notebot serve";

/// Answers questions from Markdown notes, with citations.
#[derive(Debug, Parser)]
#[command(name = "notebot", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Extra configuration file (TOML), layered over config/default.toml and config/local.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Folder of Markdown notes (overrides knowledge.dir).
    #[arg(long, global = true, value_name = "DIR")]
    knowledge: Option<PathBuf>,
    /// Index folder (overrides index.dir).
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

// Usage lines are written out: clap's own, in an error, lists the options given as if they
// were required (`notebot ask --json [QUESTION]...`).
#[derive(Debug, Subcommand)]
enum Command {
    /// Answer a question (without one: at a terminal, ask at a prompt; otherwise, every line of
    /// standard input).
    #[command(override_usage = "notebot ask [OPTIONS] [QUESTION]...")]
    Ask(ask::AskArgs),
    /// List the notes' headings, optionally only those starting with PREFIX.
    #[command(override_usage = "notebot topics [OPTIONS] [PREFIX]")]
    Topics(topics::TopicsArgs),
    /// Show one section with its citation.
    #[command(override_usage = "notebot topic [OPTIONS] <NAME>...")]
    Topic(topics::TopicArgs),
    /// Rebuild the index from the notes and print counts.
    #[command(override_usage = "notebot index [OPTIONS]")]
    Index(index::IndexArgs),
    /// Measure answer quality on a JSONL question set.
    #[command(override_usage = "notebot eval [OPTIONS] <FILE>")]
    Eval(eval::EvalArgs),
    /// Measure cold start, index build speed, answer latency and peak memory at 1× to 1,000×.
    #[command(override_usage = "notebot bench [OPTIONS]")]
    Bench(bench::BenchArgs),
    /// Run the Discord bot (token from DISCORD_TOKEN or NOTEBOT__DISCORD__TOKEN).
    #[cfg(feature = "discord")]
    #[command(override_usage = "notebot serve [OPTIONS]")]
    Serve,
}

/// Parses arguments, runs the command and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let settings = match load_settings(&cli) {
        Ok(settings) => settings,
        Err(message) => return fail(EXIT_USAGE, &message),
    };
    output::init_logging(&settings.log.level);
    match cli.command {
        Command::Ask(args) => ask::run(settings, &args),
        Command::Topics(args) => topics::run_list(settings, &args),
        Command::Topic(args) => topics::run_show(settings, &args),
        Command::Index(args) => index::run(settings, &args),
        Command::Eval(args) => eval::run(settings, &args),
        Command::Bench(args) => bench::run(settings, cli.config.as_deref(), &args),
        #[cfg(feature = "discord")]
        Command::Serve => serve::run(settings),
    }
}

fn load_settings(cli: &Cli) -> Result<Settings, String> {
    let sources = SettingsSources { config_dir: None, file: cli.config.clone(), use_env: true };
    let mut settings = Settings::load(&sources).map_err(|e| e.to_string())?;
    if let Some(dir) = &cli.knowledge {
        settings.knowledge.dir = dir.clone();
    }
    if let Some(dir) = &cli.index {
        settings.index.dir = dir.clone();
    }
    Ok(settings)
}

/// Opens the engine, telling the person on stderr when an index build is needed and what it
/// skipped, in their language.
fn open_engine(settings: Settings) -> Result<Engine, ExitCode> {
    start_engine(settings, Engine::open_with_notice, true)
}

/// Opens the engine for a command that reads the notes (`ask`, `topics`, `topic`): with no
/// notes in the knowledge folder there is nothing to read, which is said, exit code 1.
fn open_notes(settings: Settings) -> Result<Engine, ExitCode> {
    let language = settings.answer.language;
    let dir = settings.knowledge.dir.clone();
    let engine = open_engine(settings)?;
    if !engine.has_notes() {
        return Err(fail(1, &texts::no_notes(language, &dir)));
    }
    Ok(engine)
}

/// Builds the index afresh and opens the engine over it, or the exit code after saying why not;
/// what the build skipped is left to the command's report.
fn rebuild_engine(settings: Settings) -> Result<Engine, ExitCode> {
    start_engine(settings, Engine::open_rebuilt, false)
}

type EngineStart = fn(Settings, &dyn Fn(Notice<'_>)) -> Result<Engine, EngineError>;

/// Starts the engine with `start`, progress on stderr (and, with `report_problems`, the notes
/// skipped), failures as exit code 1 with a reason, each said once in `answer.language`.
fn start_engine(settings: Settings, start: EngineStart, report_problems: bool) -> Result<Engine, ExitCode> {
    let language = settings.answer.language;
    let dir = settings.knowledge.dir.clone();
    let notice = |notice: Notice<'_>| match notice {
        Notice::Building(dir) => say(&texts::building(language, dir)),
        Notice::Problems(problems) if report_problems => {
            problems.iter().for_each(|p| say(&format!("notebot: {}", texts::problem(language, p))))
        }
        Notice::KeptPrevious(e) => say(&format!("notebot: {}", texts::kept_previous(language, &e.to_string()))),
        Notice::Problems(_) | Notice::NoNotes(_) => {}
    };
    start(settings, &notice).map_err(|e| {
        let message = match &e {
            EngineError::Knowledge(_) if !dir.is_dir() => texts::no_knowledge_folder(language, &dir),
            EngineError::Knowledge(problem) => texts::cannot_read_notes(language, problem),
            other => texts::engine_failed(language, &other.to_string()),
        };
        fail(1, &message)
    })
}

/// The exit code once output has been written: a reader that stopped reading
/// (`notebot topics | head`) ends the run quietly, like any Unix tool; other write errors fail.
fn finish(written: std::io::Result<()>, language: Language) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, &texts::cannot_write(language, &e)),
    }
}

/// Prints `message` on stderr and returns `code`.
fn fail(code: u8, message: &str) -> ExitCode {
    say(&format!("notebot: {message}"));
    ExitCode::from(code)
}

/// Writes a line on stderr; a closed stderr (`2>&1 | head`) must not stop a build or a batch,
/// as `eprintln!` would by panicking.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
