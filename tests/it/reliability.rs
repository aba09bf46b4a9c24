//! What a hostile week finds: builds that fail on big machines, panics on rare characters,
//! damaged or foreign index folders, concurrent rebuilds, secrets in errors, files outside the
//! notes, unbounded work and configuration the README shows. Each test is the regression test
//! of one finding of issue 19.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use notebot::analysis::Analyzer;
use notebot::engine::{Engine, EngineError};
use notebot::index::IndexError;
use serde_json::Value;

use crate::common::{settings, Fixture};

/// `notebot` over the fixture's folders, with a clean environment for the keys tests set.
fn notebot(fixture: &Fixture, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_notebot"));
    command.arg("--knowledge").arg(fixture.knowledge()).arg("--index").arg(fixture.index()).args(args);
    for (name, _) in std::env::vars() {
        if name.starts_with("NOTEBOT__") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command.current_dir(fixture.root.path());
    command
}

/// Runs `command`, killing it after `limit`: a hang is a failure, not a stuck test run.
fn run_within(mut command: Command, limit: Duration) -> Output {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("notebot runs");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!("still running after {limit:?}; stderr: {}", String::from_utf8_lossy(&output.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

fn answer_json(output: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {stdout}; exit {:?}; stderr: {}", output.status, stderr(output)))
}

/// The generation folder `CURRENT` names.
fn current_generation(index: &Path) -> PathBuf {
    index.join(std::fs::read_to_string(index.join("CURRENT")).expect("CURRENT").trim())
}

/// A note of `items` list items, each its own chunk, about `topic`.
fn list_note(topic: &str, items: usize) -> String {
    let mut note = format!("# {topic}\n\n## Items\n\n");
    for i in 0..items {
        note.push_str(&format!("- {topic} item {i} covers setting number {i} of the {topic} service\n"));
    }
    note
}

const NACL_NOTE: &str = "# Network\n\n## NACL\n\nNACL은 subnet 단위로 적용되는 stateless 방화벽이다.\n\n## Security group\n\nSecurity group은 instance 단위의 stateful 방화벽이다.\n";

// 1. Eight indexing threads.

#[test]
fn eight_indexing_threads_build_an_index() {
    let fixture = Fixture::new();
    for n in 0..40 {
        fixture.write(&format!("topic{n}.md"), list_note(&format!("topic{n}"), 150).as_bytes());
    }
    let mut settings = fixture.settings();
    settings.index.threads = 8;
    let engine = Engine::open(settings.clone()).expect("a build with 8 threads");
    assert_eq!(engine.stats().chunks, 40 * 150);
    assert!(engine.ask("topic7 item 42", 1).unwrap().hits[0].source == "topic7.md");
    Engine::open_rebuilt(settings, &|_| {}).expect("and a rebuild");
}

// 2. White space of more than one byte before a camel-case word.

#[test]
fn multi_byte_white_space_before_a_camel_case_word_is_read_not_a_panic() {
    let analyzer = Analyzer::shared().expect("dictionary");
    let fixture = Fixture::new();
    for (n, space) in ['\u{2028}', '\u{2029}', '\u{85}', '\u{1680}'].into_iter().enumerate() {
        let text = format!("x{space}readinessProbe");
        let terms: Vec<String> = analyzer.analyze(&text).into_iter().map(|t| t.text).collect();
        assert!(terms.contains(&"probe".to_string()), "{space:?}: {terms:?}");
        fixture.write(&format!("note{n}.md"), format!("# Probe {n}\n\nx{space}readinessProbe 실패 시 재시작\n").as_bytes());
    }
    let engine = fixture.engine();
    assert_eq!(engine.stats().files, 4);
    for space in ['\u{2028}', '\u{2029}', '\u{85}', '\u{1680}'] {
        let answer = engine.ask(&format!("x{space}readinessProbe"), 3).expect("an answer, not a panic");
        assert!(answer.answered, "{space:?}");
    }
}
