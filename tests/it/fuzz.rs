//! Fuzz-style loops that run on the stable toolchain: the Markdown loader and chunker (bytes as
//! a note, front matter included), the question path (text through analysis and search on a
//! small index) and the config loader. Inputs are the repository's own notes, questions and
//! config mutated byte by byte and spliced with fragments that broke things before (multi-byte
//! white space, deep YAML, control characters, unclosed strings).
//!
//! `cargo test --test it fuzz` runs each target for about a second. Longer runs:
//! `NOTEBOT_FUZZ_SECS=600 cargo test --release --test it fuzz -- --nocapture --test-threads 1`
//! (seconds per target; `NOTEBOT_FUZZ_SEED` picks another sequence). Each target prints its
//! executions and its slowest input; any input slower than `NOTEBOT_FUZZ_MAX_MS` (1,000 ms by
//! default) fails, as does any panic, with the input written out; `NOTEBOT_FUZZ_REPLAY=<file>`
//! runs a target on that input alone (filter the test run to the target), timing it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notebot::config::{Settings, SettingsSources};
use notebot::engine::AskError;
use notebot::knowledge::NoteLimits;

use crate::common::Fixture;

/// SplitMix64: small, stable across Rust versions, so a seed always gives the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments spliced into inputs: each once broke a parser or stood for a class of input that can.
const FRAGMENTS: &[&str] = &[
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{1680}",
    "\u{feff}",
    "\u{200b}",
    "\u{3000}",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\u{1b}[31m",
    "\u{0}",
    "\u{7f}",
    "readinessProbe",
    "HTTPServer",
    "x\u{2028}readinessProbe",
    "10GB",
    "write-through",
    "it's",
    "we're",
    "https://a.b/c?d=e&f=g",
    "---\n",
    "---\ntitle: [\n",
    "...\n",
    "```\n",
    "~~~",
    "# ",
    "## ",
    "###### ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "    ",
    "|a|b|\n|-|-|\n",
    "Q:",
    "A:",
    "**Q.**",
    "질문:",
    "답변:",
    "{:toc}",
    "{: .no_toc}",
    "1. TOC\n{:toc}\n",
    "[[[[[[[[",
    "{{{{{{",
    "]]]]",
    "'",
    "\"",
    "\\",
    "&amp;",
    "<br>",
    "<!--",
    "-->",
    "`",
    "NLB는",
    "보안그룹",
    "ㅋㅋ",
    "한글English혼용",
    "é",
    "e\u{301}",
    "🙂",
    "𝔘",
    "\u{d7a3}",
    "0",
    "-1",
    "18446744073709551616",
    "1e999",
    "NaN",
    "AND OR NOT",
    "+title:x",
    "\"phrase\"",
    "*",
    "?",
    "~2",
    "^3",
    "(",
    ")",
    ":",
    "title: x\n",
    "parent: [a, {b: c}]\n",
];

/// Applies one to four random edits to `input`.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, donors: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(8) {
            0 if !input.is_empty() => {
                let i = at.min(input.len() - 1);
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let end = (at + 1 + rng.below(32)).min(input.len());
                input.drain(at.min(end)..end);
            }
            2 => {
                let byte = *rng.pick(&[0u8, b'\n', b' ', b'-', b'#', b'[', b'{', b':', 0xe2, 0x80, 0xa8, 0xff, 0xc3]);
                input.insert(at, byte);
            }
            3 | 4 => {
                let fragment = rng.pick(FRAGMENTS).as_bytes();
                let times = if rng.below(10) == 0 { 1 + rng.below(200) } else { 1 };
                let spliced: Vec<u8> = fragment.repeat(times);
                input.splice(at..at, spliced);
            }
            5 if !donors.is_empty() => {
                let donor = rng.pick(donors);
                if !donor.is_empty() {
                    let from = rng.below(donor.len());
                    let to = (from + 1 + rng.below(400)).min(donor.len());
                    input.splice(at..at, donor[from..to].iter().copied());
                }
            }
            6 if input.len() > 1 => {
                let from = rng.below(input.len());
                let to = (from + 1 + rng.below(64)).min(input.len());
                let copy = input[from..to].to_vec();
                input.splice(at..at, copy);
            }
            _ => {
                let end = (at + rng.below(16)).min(input.len());
                let replacement = rng.pick(FRAGMENTS).as_bytes().to_vec();
                input.splice(at.min(end)..end, replacement);
            }
        }
    }
    input.truncate(256 * 1024);
}

/// How long a target runs, its seed and the slowest input it may meet.
struct Budget {
    time: Duration,
    seed: u64,
    max_input: Duration,
}

fn budget() -> Budget {
    let number = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    Budget {
        time: Duration::from_millis((number("NOTEBOT_FUZZ_SECS", 0) * 1000).max(1000)),
        seed: number("NOTEBOT_FUZZ_SEED", 19),
        max_input: Duration::from_millis(number("NOTEBOT_FUZZ_MAX_MS", 1000)),
    }
}

/// Runs `target` on mutated `seeds` until the budget is spent; a panic or an input slower
/// than the budget allows fails, with the input saved where the message says.
fn run(name: &str, seeds: &[Vec<u8>], mut target: impl FnMut(&[u8])) {
    let budget = budget();
    if let Some(path) = std::env::var_os("NOTEBOT_FUZZ_REPLAY") {
        let input = std::fs::read(&path).expect("NOTEBOT_FUZZ_REPLAY names a saved input");
        for _ in 0..3 {
            let began = Instant::now();
            target(&input);
            println!("fuzz {name}: replayed {} bytes in {:.1} ms", input.len(), began.elapsed().as_secs_f64() * 1000.0);
        }
        return;
    }
    let mut rng = Rng(budget.seed);
    let started = Instant::now();
    let (mut executions, mut slowest, mut slowest_input) = (0u64, Duration::ZERO, Vec::new());
    while started.elapsed() < budget.time {
        let mut input = rng.pick(seeds).clone();
        mutate(&mut rng, &mut input, seeds);
        let began = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(&input)));
        let took = began.elapsed();
        executions += 1;
        if outcome.is_err() {
            panic!("{name}: panicked on the input saved at {}", save(name, "panic", &input).display());
        }
        if took > slowest {
            (slowest, slowest_input) = (took, input);
        }
    }
    // A wall-clock time on a shared machine includes time the thread was not running: the
    // slowest input is timed again, and fails only when it is slow every time.
    let replayed = (0..3)
        .map(|_| {
            let began = Instant::now();
            target(&slowest_input);
            began.elapsed()
        })
        .min()
        .unwrap_or_default();
    println!(
        "fuzz {name}: {executions} executions in {:.1} s (seed {}), slowest input {:.1} ms ({} bytes), {:.1} ms when replayed",
        started.elapsed().as_secs_f64(),
        budget.seed,
        slowest.as_secs_f64() * 1000.0,
        slowest_input.len(),
        replayed.as_secs_f64() * 1000.0
    );
    assert!(
        replayed <= budget.max_input,
        "{name}: an input took {replayed:?}; saved at {}",
        save(name, "slow", &slowest_input).display()
    );
}

fn save(name: &str, kind: &str, input: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{name}-{kind}-{}.bin", std::process::id()));
    let _ = std::fs::write(&path, input);
    path
}

/// Every Markdown file under `dir`.
fn markdown_under(dir: &Path, into: &mut Vec<Vec<u8>>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_under(&path, into);
        } else if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read(&path).unwrap();
            // Notes of several kilobytes, cut at line ends, so a mutation is not lost in a long note.
            for piece in text.split_inclusive(|b| *b == b'\n').collect::<Vec<_>>().chunks(60) {
                into.push(piece.concat());
            }
        }
    }
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn fuzz_the_markdown_loader_and_chunker() {
    let mut seeds = Vec::new();
    markdown_under(&repository().join("knowledge"), &mut seeds);
    markdown_under(&repository().join("eval/devnotes"), &mut seeds);
    seeds.push(b"---\ntitle: T\nparent: P\ndescription: D\n---\n# H\n\nQ: a?\nA: b\n".to_vec());
    let limits = NoteLimits::default();
    run("markdown", &seeds, |bytes| {
        // As the loader reads a note: UTF-8 (here lossy, to reach the chunker more often) with
        // `\n` line ends.
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n").replace('\r', "\n");
        let lines = text.lines().count().max(1) as u32 + 1;
        let parsed = notebot::knowledge::parse_page(
            "fuzz.md",
            &text,
            &notebot::knowledge::PageOptions { limits, ..Default::default() },
        );
        for chunk in &parsed.chunks {
            assert!(
                chunk.lines.0 >= 1 && chunk.lines.0 <= chunk.lines.1 && chunk.lines.1 <= lines,
                "{:?}",
                chunk.lines
            );
            assert!(!chunk.text.trim().is_empty());
        }
        for section in &parsed.sections {
            assert!(section.lines.0 <= section.lines.1 && section.lines.1 <= lines);
        }
    });
}

#[test]
fn fuzz_the_question_path() {
    let fixture = Fixture::with_seed();
    fixture.write("ops.md", b"# Ops\n\n## readinessProbe\n\nreadinessProbe fails: 10GB disk, write-through cache.\n");
    let engine = fixture.engine();
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for set in ["eval/questions.jsonl", "eval/devnotes-questions.jsonl"] {
        for line in std::fs::read_to_string(repository().join(set)).unwrap().lines().take(200) {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(question) = value["question"].as_str() {
                seeds.push(question.as_bytes().to_vec());
            }
        }
    }
    assert!(seeds.len() > 50, "question seeds: {}", seeds.len());
    let analyzer = notebot::analysis::Analyzer::shared().unwrap();
    run("question", &seeds, |bytes| {
        let question = String::from_utf8_lossy(bytes);
        let _ = analyzer.analyze(&question);
        match engine.ask(&question, 5) {
            Ok(answer) => assert!(answer.hits.len() <= 5),
            Err(AskError::Empty) => assert!(question.trim().is_empty()),
            Err(e) => panic!("{e}"),
        }
    });
}

#[test]
fn fuzz_the_config_loader() {
    // The loader reads a file, so each input is written to one. On tmpfs where there is one:
    // on ext4, truncating and rewriting the same file makes each close wait for the disk
    // (`auto_da_alloc`), which made this target several times slower than the loader itself.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.unwrap();
    let empty = dir.path().join("config");
    std::fs::create_dir_all(&empty).unwrap();
    let file = dir.path().join("fuzz.toml");
    let mut seeds = vec![std::fs::read(repository().join("config/default.toml")).unwrap()];
    seeds.push(b"[discord]\ntoken = \"SECRETabc\"\nadmin_role_ids = [1, 2]\n[search]\ntop = 3\n".to_vec());
    seeds.push(b"[knowledge]\nmax_note_bytes = 5000\n[index]\nthreads = 8\n".to_vec());
    run("config", &seeds, |bytes| {
        std::fs::write(&file, bytes).unwrap();
        let sources = SettingsSources { config_dir: Some(empty.clone()), file: Some(file.clone()), use_env: false };
        if let Err(e) = Settings::load(&sources) {
            let message = e.to_string();
            let text = String::from_utf8_lossy(bytes);
            // A token's value must never be shown. (Other keys' values may be: `top = "many"`.)
            let only_in_token = text.lines().filter(|l| l.contains("SECRET")).all(|l| {
                let line = l.trim_start();
                line.starts_with("token") && line.find("SECRET") > line.find('=')
            });
            if only_in_token {
                assert!(!message.contains("SECRET"), "{message}");
            }
        }
    });
}
