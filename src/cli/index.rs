//! `notebot index`: rebuild and report.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{finish, output, rebuild_engine};
use crate::config::Settings;
use crate::i18n::cli as texts;

/// Arguments of `notebot index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Print the counts as JSON.
    #[arg(long)]
    json: bool,
}

/// Rebuilds the index (even when it is current) and prints files, chunks, Q&A pairs and time.
pub fn run(settings: Settings, args: &IndexArgs) -> ExitCode {
    let language = settings.answer.language;
    let dir = settings.knowledge.dir.clone();
    let engine = match rebuild_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let stats = engine.stats();
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        output::write_json_line(&mut out, &stats)
    } else {
        let counts = crate::i18n::texts(language).reindex_done(
            stats.files,
            stats.chunks,
            stats.qa_pairs,
            stats.problems.len(),
            stats.took_ms,
        );
        writeln!(out, "{counts}")
            .and_then(|()| stats.problems.iter().try_for_each(|p| writeln!(out, "{}", texts::problem(language, p))))
            .and_then(|()| if stats.files == 0 { writeln!(out, "{}", texts::no_notes(language, &dir)) } else { Ok(()) })
            .and_then(|()| out.flush())
    };
    finish(written, language)
}
