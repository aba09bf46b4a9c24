//! The command line: a thin adapter that parses arguments, opens the [`Engine`] and prints
//! for a person (or as JSON for scripts). Logs go to stderr; stdout carries only results.

mod ask;
mod bench;
mod eval;
mod index;
mod output;
mod serve;
mod texts;
mod topics;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{Language, Settings, SettingsSources};
use crate::engine::{Engine, EngineError};

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

#[derive(Debug, Subcommand)]
enum Command {
    /// Answer a question (or, without one, every line of standard input).
    Ask(ask::AskArgs),
    /// List the notes' headings, optionally only those starting with PREFIX.
    Topics(topics::TopicsArgs),
    /// Show one section with its citation.
    Topic(topics::TopicArgs),
    /// Rebuild the index from the notes and print counts.
    Index(index::IndexArgs),
    /// Measure answer quality on a JSONL question set.
    Eval(eval::EvalArgs),
    /// Measure cold start, index build speed, answer latency and peak memory at 1× to 1,000×.
    Bench(bench::BenchArgs),
    /// Run the Discord bot (token from DISCORD_TOKEN or NOTEBOT__DISCORD__TOKEN).
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

/// Opens the engine, telling the person on stderr when an index build is needed.
fn open_engine(settings: Settings) -> Result<Engine, ExitCode> {
    start_engine(settings, Engine::open_with_notice)
}

/// Builds the index afresh and opens the engine over it, or the exit code after saying why not.
fn rebuild_engine(settings: Settings) -> Result<Engine, ExitCode> {
    start_engine(settings, Engine::open_rebuilt)
}

type EngineStart = fn(Settings, &dyn Fn(&str)) -> Result<Engine, EngineError>;

/// Starts the engine with `start`, progress on stderr, failures as exit code 1 with a reason.
fn start_engine(settings: Settings, start: EngineStart) -> Result<Engine, ExitCode> {
    let language = settings.answer.language;
    start(settings, &|notice| say(notice)).map_err(|e| fail(1, &texts::engine_failed(language, &e.to_string())))
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
