//! `notebot index`: rebuild and report.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{finish, output, rebuild_engine};
use crate::config::Settings;

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
    let engine = match rebuild_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let stats = engine.stats();
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        output::write_json_line(&mut out, &stats)
    } else {
        let files = if stats.files == 1 { "note" } else { "notes" };
        writeln!(
            out,
            "indexed {} {files}: {} chunks, {} Q&A pairs in {:.0} ms",
            stats.files, stats.chunks, stats.qa_pairs, stats.took_ms
        )
        .and_then(|()| stats.problems.iter().try_for_each(|p| writeln!(out, "skipped or partly read: {p}")))
        .and_then(|()| out.flush())
    };
    finish(written, language)
}
