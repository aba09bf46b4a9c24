//! `notebot bench`: cold start, build throughput, latency and peak memory at several sizes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{fail, output, EXIT_USAGE};
use crate::bench::{measure_scale, Launcher, ScaleFigures};
use crate::config::Settings;
use crate::eval::load_questions;

/// Arguments of `notebot bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Sizes to measure, as copies of the notes.
    #[arg(long, value_delimiter = ',', default_value = "1,10,100,1000", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    scales: Vec<u32>,
    /// Questions to time (JSONL question set).
    #[arg(long, default_value = "eval/questions.jsonl")]
    questions: PathBuf,
    /// Print one JSON object per scale.
    #[arg(long)]
    json: bool,
    /// Internal: measure one scale in this process, in this work folder.
    #[arg(long, hide = true, requires = "work")]
    one: Option<usize>,
    /// Internal: work folder for `--one`.
    #[arg(long, hide = true)]
    work: Option<PathBuf>,
}

/// Runs every scale in a child process and prints the table.
pub fn run(settings: Settings, config: Option<&Path>, args: &BenchArgs) -> ExitCode {
    let questions: Vec<String> = match load_questions(&args.questions, &settings.knowledge.dir) {
        Ok(questions) => questions.into_iter().map(|q| q.question).collect(),
        Err(e) => return fail(EXIT_USAGE, &e.to_string()),
    };
    let Ok(exe) = std::env::current_exe() else { return fail(1, "cannot find the notebot executable") };
    let launcher = Launcher { exe, config: config.map(Path::to_path_buf) };
    if let (Some(scale), Some(work)) = (args.one, &args.work) {
        return match measure_scale(&settings, scale, &questions, &launcher, work) {
            Ok(figures) => {
                let _ = output::write_json_line(&mut std::io::stdout(), &figures);
                ExitCode::SUCCESS
            }
            Err(e) => fail(1, &e),
        };
    }
    if !args.json {
        println!(
            "{:>6} {:>8} {:>8} {:>10} {:>8} {:>8} {:>9} {:>9} {:>10} {:>9}",
            "scale", "MB", "chunks", "startup s", "build s", "MB/s", "p50 ms", "p99 ms", "cold s", "peak MB"
        );
    }
    for scale in args.scales.iter().map(|&scale| scale as usize) {
        match run_child(&launcher, &settings, args, scale) {
            Ok(figures) if args.json => {
                let _ = output::write_json_line(&mut std::io::stdout(), &figures);
            }
            Ok(f) => println!(
                "{:>6} {:>8.2} {:>8} {:>10.3} {:>8.2} {:>8.2} {:>9.3} {:>9.3} {:>10.3} {:>9.0}",
                f.scale,
                f.markdown_mb,
                f.chunks,
                f.startup_s,
                f.build_s,
                f.build_mb_per_s,
                f.p50_ms,
                f.p99_ms,
                f.cold_start_s,
                f.peak_rss_mb
            ),
            Err(e) => return fail(1, &format!("scale {scale}: {e}")),
        }
    }
    ExitCode::SUCCESS
}

fn run_child(launcher: &Launcher, settings: &Settings, args: &BenchArgs, scale: usize) -> Result<ScaleFigures, String> {
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let output = launcher
        .command(&settings.knowledge.dir)
        .args(["bench", "--one", &scale.to_string(), "--work"])
        .arg(work.path())
        .arg("--questions")
        .arg(&args.questions)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).to_string());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("unreadable figures: {e}"))
}
