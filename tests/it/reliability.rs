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
use notebot::index::{IndexError, IndexStore};
use serde_json::Value;

use crate::common::{notebot_in, settings, Fixture};

/// `notebot` over the fixture's folders, with a clean environment for the keys tests set.
fn notebot(fixture: &Fixture, args: &[&str]) -> Command {
    let mut command = notebot_in(fixture.root.path());
    command.arg("--knowledge").arg(fixture.knowledge()).arg("--index").arg(fixture.index()).args(args);
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
    settings.knowledge.item_group_lines = 1; // every item its own chunk: 6,000 of them
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
        fixture.write(
            &format!("note{n}.md"),
            format!("# Probe {n}\n\nx{space}readinessProbe 실패 시 재시작\n").as_bytes(),
        );
    }
    let engine = fixture.engine();
    assert_eq!(engine.stats().files, 4);
    for space in ['\u{2028}', '\u{2029}', '\u{85}', '\u{1680}'] {
        let answer = engine.ask(&format!("x{space}readinessProbe"), 3).expect("an answer, not a panic");
        assert!(answer.answered, "{space:?}");
    }
}

// 3. A damaged index is rebuilt.

/// A fixture with the NACL note, indexed once by the binary.
fn indexed_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    let output = run_within(notebot(&fixture, &["index"]), Duration::from_secs(60));
    assert!(output.status.success(), "{}", stderr(&output));
    fixture
}

/// Asks about NACL through the binary and checks the full answer comes back.
fn assert_answers_from_complete_index(fixture: &Fixture) -> Output {
    let output = run_within(notebot(fixture, &["ask", "--json", "NACL은 subnet 단위야?"]), Duration::from_secs(60));
    assert!(output.status.success(), "exit {:?}: {}", output.status, stderr(&output));
    let answer = answer_json(&output);
    assert_eq!(answer["answered"], true, "{answer}");
    assert!(answer["hits"][0]["text"].as_str().unwrap().contains("stateless 방화벽"), "{answer}");
    output
}

/// Flips `count` bytes at `at` (a fraction of the length) of every file of the live
/// generation whose name ends with `suffix`.
fn damage(index: &Path, suffix: &str, at: f64, count: usize) {
    let generation = current_generation(index);
    let mut damaged = 0;
    for entry in std::fs::read_dir(&generation).unwrap().flatten() {
        if !entry.file_name().to_string_lossy().ends_with(suffix) {
            continue;
        }
        let mut bytes = std::fs::read(entry.path()).unwrap();
        let start = ((bytes.len() as f64 * at) as usize).min(bytes.len().saturating_sub(count));
        for byte in &mut bytes[start..start + count] {
            *byte ^= 0x5a;
        }
        std::fs::write(entry.path(), bytes).unwrap();
        damaged += 1;
    }
    assert!(damaged > 0, "no {suffix} file in {}", generation.display());
}

#[test]
fn a_generation_with_damaged_terms_or_stored_chunks_is_rebuilt() {
    for (suffix, at) in [(".term", 0.3), (".term", 0.5), (".store", 0.2), (".store", 0.5), (".idx", 0.4)] {
        let fixture = indexed_fixture();
        let damaged = current_generation(&fixture.index());
        damage(&fixture.index(), suffix, at, 6);
        assert_answers_from_complete_index(&fixture);
        assert_ne!(current_generation(&fixture.index()), damaged, "{suffix} at {at}: rebuilt");
    }
}

#[test]
fn a_huge_max_doc_in_meta_json_is_rebuilt_not_an_abort() {
    let fixture = indexed_fixture();
    let meta = current_generation(&fixture.index()).join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let key = text.find("\"max_doc\":").expect("max_doc") + "\"max_doc\":".len();
    let at = key + text[key..].bytes().take_while(u8::is_ascii_whitespace).count();
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    assert!(digits > 0, "{}", &text[key..]);
    std::fs::write(&meta, format!("{}4000000000{}", &text[..at], &text[at + digits..])).unwrap();
    assert_answers_from_complete_index(&fixture);
}

#[cfg(unix)]
#[test]
fn a_current_pointer_that_is_not_a_small_file_is_a_missing_index() {
    let fixture = indexed_fixture();
    let current = fixture.index().join("CURRENT");
    std::fs::remove_file(&current).unwrap();
    let made = Command::new("mkfifo").arg(&current).status().expect("mkfifo");
    assert!(made.success());
    assert_answers_from_complete_index(&fixture);

    let _ = std::fs::remove_file(&current);
    std::os::unix::fs::symlink("/dev/zero", &current).unwrap();
    assert_answers_from_complete_index(&fixture);
    let _ = std::fs::remove_file(&current);
    std::fs::write(&current, "gen-1-1-1\n".repeat(100_000)).unwrap();
    assert_answers_from_complete_index(&fixture);
    std::fs::write(&current, "../../etc\n").unwrap();
    assert_answers_from_complete_index(&fixture);
}

// 4. The index folder is trusted by a marker, not by names.

#[test]
fn a_folder_of_dotfiles_and_generation_like_names_is_refused() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    let home = fixture.index();
    for dir in ["gen-2024-01-15", "building-2023-10-05"] {
        std::fs::create_dir_all(home.join(dir)).unwrap();
        std::fs::write(home.join(dir).join("thesis.txt"), "keep me").unwrap();
    }
    std::fs::write(home.join(".bashrc"), "export EDITOR=vi").unwrap();
    let refused = Engine::open(fixture.settings()).expect_err("a folder notebot did not make");
    assert!(matches!(refused, EngineError::Index(IndexError::NotAnIndex { .. })), "{refused}");
    for dir in ["gen-2024-01-15", "building-2023-10-05"] {
        assert_eq!(std::fs::read_to_string(home.join(dir).join("thesis.txt")).unwrap(), "keep me");
    }
    assert_eq!(std::fs::read_dir(&home).unwrap().count(), 3, "nothing was written beside them");

    let dotfiles_only = fixture.root.path().join("home");
    std::fs::create_dir_all(dotfiles_only.join(".config")).unwrap();
    std::fs::write(dotfiles_only.join(".profile"), "PATH=$PATH").unwrap();
    let refused = Engine::open(settings(&fixture.knowledge(), &dotfiles_only)).expect_err("a home folder");
    assert!(refused.to_string().contains(&dotfiles_only.display().to_string()), "{refused}");
    assert_eq!(std::fs::read_dir(&dotfiles_only).unwrap().count(), 2);
}

#[test]
fn an_index_folder_notebot_made_before_the_marker_is_still_used() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    drop(fixture.engine());
    for entry in std::fs::read_dir(fixture.index()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.starts_with("gen-") && name != "CURRENT" {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    fixture.write("more.md", "# More\n\nEFS는 NFS 파일 시스템이다.\n".as_bytes());
    let engine = fixture.engine();
    assert_eq!(engine.stats().files, 2, "rebuilt in the folder it made before");
}

// 5. A read-only index.

#[test]
fn an_index_that_cannot_be_written_is_opened_and_left_unchanged() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    drop(fixture.engine());
    let generation = current_generation(&fixture.index());
    // Root may write anywhere, so the lock file is made impossible to open for writing.
    let lock = generation.join(".tantivy-meta.lock");
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    let before: Vec<_> = std::fs::read_dir(&generation).unwrap().flatten().map(|e| e.file_name()).collect();
    let engine = fixture.engine();
    assert!(engine.ask("NACL은 subnet 단위야?", 1).unwrap().answered);
    assert_eq!(current_generation(&fixture.index()), generation, "served as it was, not rebuilt");
    let after: Vec<_> = std::fs::read_dir(&generation).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(before.len(), after.len());
}

// 6. Rebuilds from several processes.

#[test]
fn starts_claiming_a_new_index_folder_at_once_all_get_it() {
    // The marker one start writes must not look like someone else's file to another start
    // that checked for it a moment before.
    let root = tempfile::tempdir().unwrap();
    for round in 0..60 {
        let dir = root.path().join(format!("index{round}"));
        let barrier = Arc::new(Barrier::new(8));
        let starts: Vec<_> = (0..8)
            .map(|_| {
                let (store, barrier) = (IndexStore::new(&dir), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    store.lock_for_build().map(drop)
                })
            })
            .collect();
        for start in starts {
            let claimed = start.join().expect("no panic");
            assert!(claimed.is_ok(), "round {round}: {claimed:?}");
        }
    }
}

#[test]
fn concurrent_starts_build_once_and_answer_from_that_build() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    for n in 0..30 {
        fixture.write(&format!("filler{n}.md"), list_note(&format!("filler{n}"), 40).as_bytes());
    }
    let builds = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(Barrier::new(3));
    let starts: Vec<_> = (0..3)
        .map(|_| {
            let (settings, builds, barrier) = (fixture.settings(), builds.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let engine = Engine::open_with_notice(settings, &|_| {
                    builds.fetch_add(1, Ordering::SeqCst);
                })
                .expect("engine");
                assert!(engine.ask("NACL은 subnet 단위야?", 1).unwrap().answered);
            })
        })
        .collect();
    for start in starts {
        start.join().expect("no panic");
    }
    assert_eq!(builds.load(Ordering::SeqCst), 1, "one build, the others answered from it");
    assert!(current_generation(&fixture.index()).is_dir());

    // Separate processes, the notes changed meanwhile.
    fixture.write("more.md", "# More\n\nEFS는 NFS 파일 시스템이다.\n".as_bytes());
    let children: Vec<_> = (0..4)
        .map(|_| {
            notebot(&fixture, &["ask", "--json", "NACL은 subnet 단위야?"])
                .env("NOTEBOT__ANSWER__LANGUAGE", "en")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let building = outputs.iter().filter(|o| stderr(o).contains("building the index")).count();
    for output in &outputs {
        assert_eq!(answer_json(output)["answered"], true);
    }
    assert_eq!(building, 1, "{:?}", outputs.iter().map(stderr).collect::<Vec<_>>());
    assert!(current_generation(&fixture.index()).is_dir());
}

// 7. Secrets and files outside the notes.

#[test]
fn a_malformed_config_line_is_named_without_its_content() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    let config = fixture.root.path().join("secret.toml");
    for line in ["token = \"MTIzSECRETabc", "token = MTIzSECRETabc", "token = \"MTIzSECRET\" junk", "MTIzSECRETabc"] {
        std::fs::write(&config, format!("[discord]\nguild_id = 0\n{line}\n")).unwrap();
        let output = run_within(
            notebot(&fixture, &["--config", config.to_str().unwrap(), "ask", "NACL"]),
            Duration::from_secs(30),
        );
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{said}");
        assert!(!said.contains("SECRET"), "{line}: {said}");
        assert!(said.contains("secret.toml") && said.contains("line 3"), "{line}: {said}");
    }
    let local = fixture.root.path().join("config");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::write(local.join("local.toml"), "[discord]\ntoken = 'MTIzSECRETabc\n").unwrap();
    let output = run_within(notebot(&fixture, &["ask", "NACL"]), Duration::from_secs(30));
    let said = stderr(&output);
    assert!(output.status.code() == Some(2) && !said.contains("SECRET") && said.contains("local.toml"), "{said}");
}

#[cfg(unix)]
#[test]
fn an_alias_file_gets_the_checks_notes_get() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    let outside = fixture.root.path().join("outside.toml");
    std::fs::write(&outside, "groups = [[\"zebracorn\", \"NACL\"]]\n").unwrap();
    let aliases = fixture.knowledge().join("_aliases.toml");
    std::os::unix::fs::symlink(&outside, &aliases).unwrap();
    let output = run_within(notebot(&fixture, &["ask", "--json", "zebracorn"]), Duration::from_secs(60));
    assert!(output.status.success(), "{}", stderr(&output));
    let hits = answer_json(&output)["hits"].as_array().unwrap().len();
    assert_eq!(hits, 0, "an alias file outside the notes is not read");

    std::fs::write(&outside, "groups = [[\"OUTSIDE-SECRET-LINE\n").unwrap();
    let output = run_within(notebot(&fixture, &["index"]), Duration::from_secs(60));
    assert!(!stderr(&output).contains("OUTSIDE-SECRET"), "{}", stderr(&output));

    std::fs::remove_file(&aliases).unwrap();
    std::fs::write(&aliases, "groups = [[\"OWN-LINE-CONTENT\n").unwrap();
    let output = run_within(notebot(&fixture, &["index"]), Duration::from_secs(60));
    let said = stderr(&output);
    assert!(said.contains("_aliases.toml") && said.contains("line 1") && !said.contains("OWN-LINE-CONTENT"), "{said}");

    std::fs::remove_file(&aliases).unwrap();
    assert!(Command::new("mkfifo").arg(&aliases).status().unwrap().success());
    let output = run_within(notebot(&fixture, &["ask", "--json", "NACL"]), Duration::from_secs(60));
    assert!(output.status.success(), "a FIFO is not read: {}", stderr(&output));

    std::fs::remove_file(&aliases).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &aliases).unwrap();
    let output = run_within(notebot(&fixture, &["ask", "--json", "NACL"]), Duration::from_secs(60));
    assert!(output.status.success(), "a device is not read: {}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn a_linked_folder_leading_outside_the_notes_is_not_walked() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    let outside = fixture.root.path().join("outside");
    for n in 0..20 {
        std::fs::create_dir_all(outside.join(format!("d{n}"))).unwrap();
        std::fs::write(outside.join(format!("d{n}/x.md")), "# Zebracorn\n\nzebracorn text\n").unwrap();
    }
    std::os::unix::fs::symlink(&outside, fixture.knowledge().join("ext")).unwrap();
    let engine = fixture.engine();
    let problems = engine.stats().problems;
    let about_link: Vec<_> = problems.iter().filter(|p| p.path.starts_with("ext")).collect();
    assert_eq!(about_link.len(), 1, "reported once: {problems:?}");
    assert!(about_link[0].path == "ext" && about_link[0].message.contains("outside"), "{problems:?}");
    assert_eq!(engine.stats().files, 1);
}

#[test]
fn control_characters_in_note_names_never_reach_citations_or_logs() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    fixture.write("evil\nname.md", "# Zebracorn\n\nzebracorn은 줄무늬 유니콘이다.\n".as_bytes());
    fixture.write("esc\u{1b}[31m.md", "# Zebracorn two\n\nzebracorn은 두 번째 유니콘이다.\n".as_bytes());
    fixture.write("txt.\u{202e}dm.md", "# Zebracorn three\n\nzebracorn은 세 번째 유니콘이다.\n".as_bytes());
    let engine = fixture.engine();
    let answer = engine.ask("zebracorn", 5).unwrap();
    let unsafe_char = |c: char| c.is_control() || c == '\u{202e}';
    for hit in &answer.hits {
        assert!(!hit.source.contains(unsafe_char), "{:?}", hit.source);
    }
    for problem in engine.stats().problems {
        assert!(!problem.path.contains(unsafe_char) && !problem.message.contains(unsafe_char), "{problem:?}");
    }
    for topic in engine.topics(None) {
        assert!(!topic.source.contains(unsafe_char), "{:?}", topic.source);
    }
    let output = run_within(notebot(&fixture, &["index"]), Duration::from_secs(60));
    assert!(!output.stderr.contains(&0x1b) && !stderr(&output).contains("evil\nname"), "{}", stderr(&output));
}

// 8. Bounded work.

#[test]
fn a_note_over_the_size_limit_is_skipped_by_name() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    let huge = format!("# Huge\n\n{}\n", "zebracorn ".repeat(250_000));
    fixture.write("huge.md", huge.as_bytes());
    let engine = fixture.engine();
    assert_eq!(engine.stats().files, 1);
    let problem = engine.stats().problems.into_iter().find(|p| p.path == "huge.md").expect("named");
    assert!(problem.message.contains("2000000"), "{problem:?}");
    assert!(!engine.ask("zebracorn", 1).unwrap().answered);
}

#[test]
fn deeply_nested_front_matter_is_refused_quickly_and_the_body_kept() {
    let depth = 50_000;
    let note =
        format!("---\ntitle: {}{}\n---\n# Body\n\nzebracorn은 본문에 있다.\n", "[".repeat(depth), "]".repeat(depth));
    let started = Instant::now();
    let parsed = notebot::knowledge::parse_note("deep.md", &note);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert!(!parsed.problems.is_empty());
    assert!(parsed.chunks.iter().any(|c| c.text.contains("zebracorn")));
    let wide = format!("---\ntitle: x\nkeys: {}\n---\n# Body\n\ntext\n", "{a: [b, {c: d}]}, ".repeat(30_000));
    let started = Instant::now();
    let parsed = notebot::knowledge::parse_note("wide.md", &wide);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert!(!parsed.problems.is_empty(), "front matter over the size limit is reported");
}

#[test]
fn front_matter_nested_100000_levels_is_refused_fast_naming_the_note_and_the_setting() {
    let depth = 100_000;
    let flow = format!("---\ntitle: {}{}\n---\n# Body\n\nzebracorn flows.\n", "[".repeat(depth), "]".repeat(depth));
    let mapping =
        format!("---\ntitle: T\nx: {}1{}\n---\n# Body\n\nquaggaling maps.\n", "{a: ".repeat(depth), "}".repeat(depth));
    let fixture = Fixture::with_seed();
    fixture.write("deep/flow.md", flow.as_bytes());
    fixture.write("deep/mapping.md", mapping.as_bytes());
    let mut settings = fixture.settings();
    // Over the size limit too by default; raised so the depth check is the one that speaks.
    settings.knowledge.max_front_matter_bytes = 1_000_000;
    let started = Instant::now();
    let engine = Engine::open(settings).expect("engine");
    assert!(started.elapsed() < Duration::from_secs(10), "build took {:?}", started.elapsed());
    for note in ["deep/flow.md", "deep/mapping.md"] {
        let problem = engine.stats().problems.into_iter().find(|p| p.path == note).expect("the note is named");
        assert!(problem.message.contains("knowledge.max_front_matter_depth"), "{problem:?}");
    }
    assert!(engine.ask("zebracorn", 1).unwrap().answered, "the body is still indexed");
    assert!(engine.ask("quaggaling", 1).unwrap().answered, "the body is still indexed");

    // With the depth check out of the way, the YAML parser itself stops early (saphyr gives
    // up at 255 nested flow collections) instead of recursing or taking quadratic time.
    let limits = notebot::knowledge::NoteLimits {
        max_front_matter_bytes: 1_000_000,
        max_front_matter_depth: usize::MAX,
        ..Default::default()
    };
    let options = notebot::knowledge::PageOptions { limits, ..Default::default() };
    for note in [&flow, &mapping] {
        let started = Instant::now();
        let parsed = notebot::knowledge::parse_page("deep.md", note, &options);
        let took = started.elapsed();
        println!("front matter 100,000 deep without the depth check: refused in {took:?}");
        assert!(took < Duration::from_millis(500), "parsed in {took:?}");
        assert!(parsed.problems.iter().any(|p| p.contains("not valid YAML")), "{:?}", parsed.problems);
        assert!(parsed.chunks.iter().any(|c| c.text.contains("zebracorn") || c.text.contains("quaggaling")));
    }
}

#[test]
fn many_alias_groups_merge_in_near_linear_time() {
    // Compared with a tenth of the groups in the same run, so a loaded machine slows both
    // sides: quadratic merging takes about 100 times as long for 10 times the groups.
    let analyzer = Analyzer::shared().expect("dictionary");
    let merge = |count: usize| {
        let groups: Vec<Vec<String>> = (0..count).map(|i| vec![format!("alpha{i}"), format!("beta{i}")]).collect();
        let mut chained = groups;
        chained.push(vec!["alpha1".to_string(), "alpha2".to_string()]);
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let aliases = notebot::search::Aliases::from_groups(&chained, &analyzer);
                assert!(aliases.ignored().is_empty());
                started.elapsed()
            })
            .min()
            .expect("three runs")
    };
    let small = merge(2_000);
    let large = merge(20_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    println!("aliases: 2,001 groups in {small:?}, 20,001 in {large:?}: {ratio:.1}x");
    assert!(ratio < 30.0, "10x the groups took {ratio:.1}x as long ({small:?} -> {large:?})");
}

#[test]
fn the_same_folders_spelled_differently_do_not_force_a_rebuild() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    fixture.write("_aliases.toml", "groups = [[\"zebracorn\", \"NACL\"]]\n".as_bytes());
    drop(fixture.engine());
    let knowledge = fixture.knowledge();
    let spellings = [
        knowledge.join("."),
        PathBuf::from(format!("{}/", knowledge.display())),
        fixture.index().join("..").join("knowledge"),
    ];
    for spelling in spellings {
        let builds = AtomicUsize::new(0);
        let mut settings = fixture.settings();
        settings.knowledge.dir = spelling.clone();
        let engine = Engine::open_with_notice(settings, &|_| {
            builds.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        assert_eq!(builds.load(Ordering::SeqCst), 0, "{} rebuilt", spelling.display());
        assert!(engine.ask("zebracorn", 1).unwrap().answered);
    }
}

// 9. Lists of one value in the environment.

#[test]
fn list_variables_with_one_value_are_lists() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    for (key, value) in [
        ("NOTEBOT__DISCORD__ADMIN_ROLE_IDS", "333"),
        ("NOTEBOT__DISCORD__ANSWER_CHANNELS", "42"),
        ("NOTEBOT__DISCORD__ADMIN_USER_IDS", "1,2"),
        ("NOTEBOT__DISCORD__ADMIN_USER_IDS", " 7 "),
    ] {
        let mut command = notebot(&fixture, &["ask", "--json", "NACL은 subnet 단위야?"]);
        command.env(key, value);
        let output = run_within(command, Duration::from_secs(60));
        assert!(output.status.success(), "{key}={value}: {}", stderr(&output));
    }
    let mut command = notebot(&fixture, &["ask", "NACL"]);
    command.env("NOTEBOT__DISCORD__ADMIN_ROLE_IDS", "12,abc");
    let output = run_within(command, Duration::from_secs(60));
    assert!(output.status.code() == Some(2) && stderr(&output).contains("admin_role_ids"), "{}", stderr(&output));
}

// Load and faults.

/// A number from the environment, for the long runs docs/reliability.md describes.
fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn questions_asked_during_repeated_reindexing_are_all_answered_from_a_complete_index() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    for n in 0..20 {
        fixture.write(&format!("filler{n}.md"), list_note(&format!("filler{n}"), 30).as_bytes());
    }
    let engine = Arc::new(fixture.engine());
    let (questions, reindexes) = (env_number("NOTEBOT_LOAD_QUESTIONS", 200), env_number("NOTEBOT_LOAD_REINDEXES", 3));
    let askers = 8;
    let errors = Arc::new(AtomicUsize::new(0));
    let asked = Arc::new(AtomicUsize::new(0));
    let reindexing = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let started = Instant::now();
    // Every asker keeps asking until the reindexing is over and the questions are all asked,
    // so questions meet every swap.
    let threads: Vec<_> = (0..askers)
        .map(|t| {
            let (engine, errors, asked, reindexing) =
                (engine.clone(), errors.clone(), asked.clone(), reindexing.clone());
            std::thread::spawn(move || {
                let mut q = t;
                while q < questions || reindexing.load(Ordering::SeqCst) {
                    let (question, expected) = if q % 2 == 0 {
                        ("NACL은 subnet 단위야?".to_string(), "stateless 방화벽".to_string())
                    } else {
                        let n = q % 20;
                        (format!("filler{n} item 7"), format!("filler{n} item 7 "))
                    };
                    match engine.ask(&question, 3) {
                        Ok(answer) if answer.hits.first().is_some_and(|h| h.text.contains(&expected)) => {}
                        _ => {
                            errors.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    asked.fetch_add(1, Ordering::SeqCst);
                    q += askers;
                }
            })
        })
        .collect();
    let mut rebuilt = 0;
    while rebuilt < reindexes {
        match engine.reindex() {
            Ok(stats) => {
                assert_eq!(stats.files, 21);
                rebuilt += 1;
            }
            Err(EngineError::ReindexInProgress) => {}
            Err(e) => panic!("reindex failed: {e}"),
        }
    }
    reindexing.store(false, Ordering::SeqCst);
    for thread in threads {
        thread.join().expect("no panic");
    }
    println!(
        "load: {} questions from {askers} threads during {reindexes} reindexes in {:.1} s, {} errors",
        asked.load(Ordering::SeqCst),
        started.elapsed().as_secs_f64(),
        errors.load(Ordering::SeqCst)
    );
    assert_eq!(errors.load(Ordering::SeqCst), 0);
}

#[cfg(unix)]
#[test]
fn a_rebuild_killed_at_any_point_leaves_a_complete_index_and_nothing_stray() {
    let fixture = Fixture::new();
    fixture.write("network.md", NACL_NOTE.as_bytes());
    for n in 0..60 {
        fixture.write(&format!("filler{n}.md"), list_note(&format!("filler{n}"), 40).as_bytes());
    }
    let started = Instant::now();
    let output = run_within(notebot(&fixture, &["index"]), Duration::from_secs(120));
    assert!(output.status.success(), "{}", stderr(&output));
    let build_ms = started.elapsed().as_millis() as u64;
    let kills = env_number("NOTEBOT_KILLS", 6);
    let mut seed = 0x5eed_u64;
    for kill in 0..kills {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let after = Duration::from_millis((seed >> 33) % build_ms.max(1));
        let mut child = notebot(&fixture, &["index"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(after);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_answers_from_complete_index(&fixture);
        let stray: Vec<String> = std::fs::read_dir(fixture.index())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|name| name.starts_with("building-") || name.starts_with("CURRENT."))
            .collect();
        assert!(stray.is_empty(), "kill {kill} after {after:?}: {stray:?}");
    }
    println!("kills: {kills} rebuilds killed at random points within {build_ms} ms, each followed by a complete index");
}
