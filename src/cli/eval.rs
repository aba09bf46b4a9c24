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
    let questions = match load_questions(&args.file, &settings.knowledge.dir) {
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

/// A threshold and the figure it holds: `at_least` for hit@1 and abstention, not for false
/// abstention.
struct Threshold<'a> {
    flag: &'a str,
    figure: &'a str,
    value: Option<f64>,
    limit: Option<f64>,
    at_least: bool,
}

impl Threshold<'_> {
    /// Why the threshold fails, if it does: the figure is on the wrong side of it, or the set has
    /// no question the figure applies to (a gate that cannot be checked must not pass).
    fn failure(&self) -> Option<String> {
        let limit = self.limit?;
        let (flag, figure) = (self.flag, self.figure);
        let Some(value) = self.value else {
            return Some(format!("{flag} cannot be checked: the set has no question {figure} applies to"));
        };
        let side = if self.at_least { "below" } else { "above" };
        let wrong_side = if self.at_least { value < limit } else { value > limit };
        wrong_side.then(|| format!("{figure} {value:.3} is {side} {flag} {limit}"))
    }
}

fn gate(overall: &Summary, args: &EvalArgs) -> ExitCode {
    let thresholds = [
        Threshold {
            flag: "--min-hit1",
            figure: "hit@1",
            value: overall.hit_at_1,
            limit: args.min_hit1,
            at_least: true,
        },
        Threshold {
            flag: "--min-abstention",
            figure: "abstention",
            value: overall.abstention,
            limit: args.min_abstention,
            at_least: true,
        },
        Threshold {
            flag: "--max-false-abstention",
            figure: "false abstention",
            value: overall.false_abstention,
            limit: args.max_false_abstention,
            at_least: false,
        },
    ];
    let failures: Vec<String> = thresholds.iter().filter_map(Threshold::failure).collect();
    for failure in &failures {
        eprintln!("notebot: {failure}");
    }
    let failed = !failures.is_empty();
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
    for outcome in report.outcomes.iter().filter(|o| o.answer_contains == Some(false)) {
        println!("MISS {} {}: the answer text shown lacks the expected text", outcome.id, outcome.question);
    }
    println!();
    println!(
        "{:<16} {:>5} {:>6} {:>8} {:>6} {:>6} {:>7} {:>9} {:>8} {:>8}",
        "set", "n", "hit@1", "contains", "hit@3", "MRR", "abstain", "false-abs", "p50 ms", "p95 ms"
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
    println!(
        "{name:<16} {:>5} {:>6} {:>8} {:>6} {:>6} {:>7} {:>9} {:>8.3} {:>8.3}",
        s.questions,
        figure(s.hit_at_1),
        figure(s.answer_contains),
        figure(s.hit_at_3),
        figure(s.mrr_at_10),
        figure(s.abstention),
        figure(s.false_abstention),
        s.p50_ms,
        s.p95_ms
    );
}

/// A share to three decimals, or `-` when the group has no question it applies to.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |value| format!("{value:.3}"))
}
