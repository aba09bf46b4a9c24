//! `notebot bench`: cold start, build throughput, latency and peak memory at several sizes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{fail, output, EXIT_USAGE};
use crate::bench::{measure_baseline, measure_scale, BaselineFigures, Launcher, ScaleFigures};
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
    /// Skip the plain Tantivy baseline (measured by default in the same run, each scale in a
    /// process of its own, to report notebot / baseline ratios).
    #[arg(long)]
    no_baseline: bool,
    /// Internal: with `--one`, measure the baseline instead of notebot.
    #[arg(long, hide = true, requires = "one")]
    baseline: bool,
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
        let written = if args.baseline {
            measure_baseline(&settings, scale, &questions, work)
                .map(|figures| output::write_json_line(&mut std::io::stdout(), &figures))
        } else {
            measure_scale(&settings, scale, &questions, &launcher, work)
                .map(|figures| output::write_json_line(&mut std::io::stdout(), &figures))
        };
        return match written {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => fail(1, &e),
        };
    }
    if !args.json {
        println!(
            "{:>6} {:>8} {:>8} {:>10} {:>8} {:>8} {:>9} {:>9} {:>10} {:>9}",
            "scale", "MB", "chunks", "startup s", "build s", "MB/s", "p50 ms", "p99 ms", "cold s", "peak MB"
        );
    }
    let mut compared = Vec::new();
    for scale in args.scales.iter().map(|&scale| scale as usize) {
        let figures: ScaleFigures = match run_child(&launcher, &settings, args, scale, false) {
            Ok(figures) => figures,
            Err(e) => return fail(1, &format!("scale {scale}: {e}")),
        };
        let baseline: Option<BaselineFigures> = if args.no_baseline {
            None
        } else {
            match run_child(&launcher, &settings, args, scale, true) {
                Ok(baseline) => Some(baseline),
                Err(e) => return fail(1, &format!("scale {scale}, baseline: {e}")),
            }
        };
        if args.json {
            let _ = output::write_json_line(&mut std::io::stdout(), &figures);
            if let Some(baseline) = &baseline {
                let _ = output::write_json_line(&mut std::io::stdout(), &Compared::new(&figures, baseline));
            }
        } else {
            let f = &figures;
            println!(
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
            );
        }
        compared.extend(baseline.map(|baseline| Compared::new(&figures, &baseline)));
    }
    if !args.json && !compared.is_empty() {
        println!();
        println!("plain Tantivy baseline (same chunks and tokenizer, one field, QueryParser), and notebot / baseline:");
        println!(
            "{:>6} {:>8} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}",
            "scale", "build s", "p50 ms", "p99 ms", "peak MB", "build ×", "p50 ×", "p99 ×", "peak ×"
        );
        for c in &compared {
            let b = &c.baseline;
            println!(
                "{:>6} {:>8.2} {:>9.3} {:>9.3} {:>9.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
                b.scale, b.build_s, b.p50_ms, b.p99_ms, b.peak_rss_mb, c.build, c.p50, c.p99, c.peak_rss
            );
        }
    }
    ExitCode::SUCCESS
}

/// The baseline's figures beside notebot's ratios to them (above 1: notebot slower or bigger).
#[derive(Debug, Serialize)]
struct Compared {
    baseline: BaselineFigures,
    build: f64,
    p50: f64,
    p99: f64,
    peak_rss: f64,
}

impl Compared {
    fn new(notebot: &ScaleFigures, baseline: &BaselineFigures) -> Compared {
        let ratio = |ours: f64, theirs: f64| if theirs > 0.0 { ours / theirs } else { f64::NAN };
        Compared {
            baseline: baseline.clone(),
            build: ratio(notebot.build_s, baseline.build_s),
            p50: ratio(notebot.p50_ms, baseline.p50_ms),
            p99: ratio(notebot.p99_ms, baseline.p99_ms),
            peak_rss: ratio(notebot.peak_rss_mb, baseline.peak_rss_mb),
        }
    }
}

/// Measures one scale, notebot's or the baseline's, in a child process of its own so its
/// peak memory is its alone.
fn run_child<T: DeserializeOwned>(
    launcher: &Launcher,
    settings: &Settings,
    args: &BenchArgs,
    scale: usize,
    baseline: bool,
) -> Result<T, String> {
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut command = launcher.command(&settings.knowledge.dir);
    command
        .args(["bench", "--one", &scale.to_string(), "--work"])
        .arg(work.path())
        .arg("--questions")
        .arg(&args.questions);
    if baseline {
        command.arg("--baseline");
    }
    let output = command.output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).to_string());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("unreadable figures: {e}"))
}
