//! `notebot index`: rebuild and report.

use std::process::ExitCode;

use clap::Args;

use super::{output, rebuild_engine};
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
    let engine = match rebuild_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let stats = engine.stats();
    if args.json {
        let _ = output::write_json_line(&mut std::io::stdout(), &stats);
    } else {
        println!(
            "indexed {} files: {} chunks, {} Q&A pairs in {:.0} ms",
            stats.files, stats.chunks, stats.qa_pairs, stats.took_ms
        );
        for problem in &stats.problems {
            println!("skipped or partly read: {problem}");
        }
    }
    ExitCode::SUCCESS
}
