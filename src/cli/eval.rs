//! `notebot eval FILE`: quality figures for a question set, with a CI gate.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{fail, open_engine, output, EXIT_USAGE};
use crate::config::Settings;
use crate::eval::{evaluate, load_questions, Report, Summary};

/// Arguments of `notebot eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// JSONL question set.
    file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also print figures per tag (`english`, `paraphrase`…).
    #[arg(long)]
    by_tag: bool,
    /// Exit with code 1 when overall hit@1 is below this.
    #[arg(long, value_name = "X")]
    min_hit1: Option<f64>,
    /// Exit with code 1 when abstention on unanswerable questions is below this.
    #[arg(long, value_name = "X")]
    min_abstention: Option<f64>,
    /// Exit with code 1 when false abstention on answerable questions is above this.
    #[arg(long, value_name = "X")]
    max_false_abstention: Option<f64>,
}

/// Runs the evaluation and applies the thresholds.
pub fn run(settings: Settings, args: &EvalArgs) -> ExitCode {
    let questions = match load_questions(&args.file) {
        Ok(questions) => questions,
        Err(e) => return fail(EXIT_USAGE, &e.to_string()),
    };
    let engine = match open_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let report = evaluate(&engine, &questions);
    if args.json {
        let _ = output::write_json_line(&mut std::io::stdout(), &report);
    } else {
        print_report(&report, args.by_tag);
    }
    gate(&report.overall, args)
}

fn gate(overall: &Summary, args: &EvalArgs) -> ExitCode {
    let mut failed = false;
    if let Some(min) = args.min_hit1.filter(|min| overall.hit_at_1 < *min) {
        eprintln!("notebot: hit@1 {:.3} is below --min-hit1 {min}", overall.hit_at_1);
        failed = true;
    }
    if let Some(min) = args.min_abstention.filter(|min| overall.abstention < *min) {
        eprintln!("notebot: abstention {:.3} is below --min-abstention {min}", overall.abstention);
        failed = true;
    }
    if let Some(max) = args.max_false_abstention.filter(|max| overall.false_abstention > *max) {
        eprintln!("notebot: false abstention {:.3} is above --max-false-abstention {max}", overall.false_abstention);
        failed = true;
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_report(report: &Report, by_tag: bool) {
    for outcome in report.failures() {
        let verdict = match (outcome.answerable, outcome.rank) {
            (false, _) => "answered an unanswerable question".to_string(),
            (true, _) if !outcome.answered => {
                format!("abstained (correct rank {:?})", outcome.rank)
            }
            (true, Some(rank)) => format!("correct citation at rank {rank}"),
            (true, None) => "no correct citation in the top 10".to_string(),
        };
        println!("FAIL {} {}: {verdict}", outcome.id, outcome.question);
        if let Some(top) = &outcome.top_hit {
            println!("     top hit: {top}");
        }
    }
    println!();
    println!(
        "{:<16} {:>5} {:>6} {:>6} {:>6} {:>7} {:>9} {:>8} {:>8}",
        "set", "n", "hit@1", "hit@3", "MRR", "abstain", "false-abs", "p50 ms", "p95 ms"
    );
    print_summary("all", &report.overall);
    for (name, summary) in &report.splits {
        print_summary(name, summary);
    }
    if by_tag {
        for (tag, summary) in &report.tags {
            print_summary(&format!("#{tag}"), summary);
        }
    }
}

fn print_summary(name: &str, s: &Summary) {
    let answerable = s.answerable > 0;
    let unanswerable = s.questions > s.answerable;
    println!(
        "{name:<16} {:>5} {:>6} {:>6} {:>6} {:>7} {:>9} {:>8.3} {:>8.3}",
        s.questions,
        figure(s.hit_at_1, answerable),
        figure(s.hit_at_3, answerable),
        figure(s.mrr_at_10, answerable),
        figure(s.abstention, unanswerable),
        figure(s.false_abstention, answerable),
        s.p50_ms,
        s.p95_ms
    );
}

/// A share to three decimals, or `-` when the group has no question it applies to.
fn figure(value: f64, applies: bool) -> String {
    if applies {
        format!("{value:.3}")
    } else {
        "-".to_string()
    }
}
