//! Speed and memory figures at several sizes of the shipped notes, for `notebot bench`.
//!
//! Each scale runs in its own process (the CLI re-executes itself), so the peak memory of one
//! measurement is not inflated by the one before.

mod baseline;
mod corpus;
mod memory;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use corpus::copy_notes;
use memory::peak_rss_mb;

use crate::analysis::Analyzer;
use crate::config::Settings;
use crate::engine::Engine;
use crate::eval::percentile;

/// Figures for one scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScaleFigures {
    /// Copies of the shipped notes.
    pub scale: usize,
    /// Markdown bytes indexed, in MB.
    pub markdown_mb: f64,
    /// Chunks indexed.
    pub chunks: usize,
    /// Loading the dictionary and building the segmenter, once per process, in seconds; kept
    /// out of `build_s` because it does not grow with the notes (cold start includes it).
    pub startup_s: f64,
    /// Load, chunk, analyse and index, in seconds.
    pub build_s: f64,
    /// Markdown indexed per second, in MB.
    pub build_mb_per_s: f64,
    /// Median time to answer one question in-process, in ms.
    pub p50_ms: f64,
    /// 99th percentile time to answer one question in-process, in ms.
    pub p99_ms: f64,
    /// Process start to first answer printed, index already built, median of runs, in seconds.
    pub cold_start_s: f64,
    /// Peak resident memory of the process that built the index and answered, in MB.
    pub peak_rss_mb: f64,
}

/// Figures of the plain Tantivy baseline (see `baseline`) at one scale, measured in a process
/// of its own over the same notes and questions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BaselineFigures {
    /// Copies of the shipped notes.
    pub scale: usize,
    /// Chunks indexed (the same chunks notebot indexes).
    pub chunks: usize,
    /// Load, chunk, analyse and index, in seconds.
    pub build_s: f64,
    /// Median time to answer one question in-process, in ms.
    pub p50_ms: f64,
    /// 99th percentile time to answer one question in-process, in ms.
    pub p99_ms: f64,
    /// Peak resident memory of the process that built the index and answered, in MB.
    pub peak_rss_mb: f64,
}

/// How many times the question list is asked for latency percentiles.
const LATENCY_ROUNDS: usize = 5;
/// Cold starts measured per scale (the median is reported).
const COLD_STARTS: usize = 5;

/// How to start notebot again (this executable, with the same configuration file), for the
/// child processes that measure each scale and the cold starts.
#[derive(Debug, Clone)]
pub struct Launcher {
    /// The notebot executable.
    pub exe: PathBuf,
    /// The `--config` file this run was given, passed on so children measure the same settings.
    pub config: Option<PathBuf>,
}

impl Launcher {
    /// A command for notebot over `knowledge`, with the configuration file when there is one.
    pub fn command(&self, knowledge: &Path) -> Command {
        let mut command = Command::new(&self.exe);
        if let Some(config) = &self.config {
            command.arg("--config").arg(config);
        }
        command.arg("--knowledge").arg(knowledge);
        command
    }
}

/// Measures one scale in this process: builds an index over `scale` copies of the notes in
/// `settings.knowledge.dir`, answers `questions`, and times cold starts of notebot.
pub fn measure_scale(
    settings: &Settings,
    scale: usize,
    questions: &[String],
    launcher: &Launcher,
    work: &Path,
) -> Result<ScaleFigures, String> {
    let mut scaled = settings.clone();
    scaled.knowledge.dir = work.join("knowledge");
    scaled.index.dir = work.join("index");
    let bytes = copy_notes(&settings.knowledge, &scaled.knowledge.dir, scale).map_err(|e| e.to_string())?;
    let started = Instant::now();
    Analyzer::shared().map_err(|e| e.to_string())?;
    let startup_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let engine = Engine::open(scaled.clone()).map_err(|e| e.to_string())?;
    let build_s = started.elapsed().as_secs_f64();
    let chunks = engine.stats().chunks;
    let (p50_ms, p99_ms) = latency(
        |question| {
            let _ = engine.ask(question, ASKED_HITS);
        },
        questions,
    );
    let peak = peak_rss_mb();
    drop(engine);
    let cold_start_s = cold_start(launcher, &scaled, questions.first().map_or("NLB", String::as_str))?;
    Ok(ScaleFigures {
        scale,
        markdown_mb: bytes as f64 / 1e6,
        chunks,
        startup_s,
        build_s,
        build_mb_per_s: bytes as f64 / 1e6 / build_s,
        p50_ms,
        p99_ms,
        cold_start_s,
        peak_rss_mb: peak,
    })
}

/// Measures the baseline at one scale in this process, over the same copies of the notes
/// and the same questions as [`measure_scale`].
pub fn measure_baseline(
    settings: &Settings,
    scale: usize,
    questions: &[String],
    work: &Path,
) -> Result<BaselineFigures, String> {
    let mut scaled = settings.clone();
    scaled.knowledge.dir = work.join("knowledge");
    copy_notes(&settings.knowledge, &scaled.knowledge.dir, scale).map_err(|e| e.to_string())?;
    let analyzer = Analyzer::shared().map_err(|e| e.to_string())?;
    let index_dir = work.join("baseline-index");
    std::fs::create_dir_all(&index_dir).map_err(|e| e.to_string())?;
    let (build_s, chunks, baseline) = baseline::timed_build(&scaled, &index_dir, &analyzer)?;
    let (p50_ms, p99_ms) = latency(
        |question| {
            let _ = baseline.ask(question, ASKED_HITS);
        },
        questions,
    );
    Ok(BaselineFigures { scale, chunks, build_s, p50_ms, p99_ms, peak_rss_mb: peak_rss_mb() })
}

/// Citations asked for per timed question, by notebot and the baseline alike.
const ASKED_HITS: usize = 5;

/// p50 and p99 of `ask` over `questions` in ms: one warm-up round, then [`LATENCY_ROUNDS`].
fn latency(ask: impl Fn(&str), questions: &[String]) -> (f64, f64) {
    for question in questions {
        ask(question);
    }
    let mut times = Vec::with_capacity(questions.len() * LATENCY_ROUNDS);
    for _ in 0..LATENCY_ROUNDS {
        for question in questions {
            let started = Instant::now();
            ask(question);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    (percentile(&times, 0.50), percentile(&times, 0.99))
}

fn cold_start(launcher: &Launcher, settings: &Settings, question: &str) -> Result<f64, String> {
    let mut times = Vec::with_capacity(COLD_STARTS);
    for _ in 0..COLD_STARTS {
        let started = Instant::now();
        let output = launcher
            .command(&settings.knowledge.dir)
            .arg("--index")
            .arg(&settings.index.dir)
            .args(["ask", "--json", question])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", launcher.exe.display()))?;
        if !output.status.success() {
            return Err(format!("cold-start run failed: {}", String::from_utf8_lossy(&output.stderr)));
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(percentile(&times, 0.5))
}
