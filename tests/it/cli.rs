//! The `notebot` binary as a user runs it: JSON and text output, stdin mode, exit codes,
//! configuration errors and overrides.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::common::{notebot_in, Fixture};

fn notebot(fixture: &Fixture, args: &[&str]) -> Command {
    let mut command = notebot_in(fixture.root.path());
    command.arg("--knowledge").arg(fixture.knowledge()).arg("--index").arg(fixture.index()).args(args);
    command
}

fn run(mut command: Command) -> Output {
    command.output().expect("notebot runs")
}

/// Runs `command` with `input` on its standard input.
fn run_with_stdin(command: &mut Command, input: &str) -> Output {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

#[test]
fn ask_json_has_the_documented_shape() {
    let fixture = Fixture::with_seed();
    let output = run(notebot(&fixture, &["ask", "--json", "--top", "3", "Does NLB terminate TLS?"]));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_str(stdout(&output).trim()).expect("one JSON object");
    assert_eq!(answer["query"], "Does NLB terminate TLS?");
    assert_eq!(answer["answered"], true);
    assert!(answer["answer"].as_str().unwrap().contains("TLS termination"));
    assert!(answer["took_ms"].as_f64().unwrap() >= 0.0);
    let hits = answer["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    let first = &hits[0];
    assert_eq!(first["kind"], "section");
    assert_eq!(first["source"], "aws/overview.md");
    assert_eq!(first["heading"], "Overview › Cloud Map › NLB");
    assert_eq!(first["lines"], serde_json::json!([219, 225]));
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert!(first["text"].as_str().unwrap().contains("L4기반"));
    assert!(first["url"].is_null());
}

#[test]
fn ask_text_puts_the_answer_first_then_numbered_citations() {
    let fixture = Fixture::with_seed();
    let output = run(notebot(&fixture, &["ask", "NACL은", "subnet", "단위야?"]));
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("[답변]\n• NACL\n  • subnet 단위이다."), "{text}");
    assert!(text.contains("[1] aws/overview.md:144-146 · Overview › Cloud Map › NACL"), "{text}");
}

#[test]
fn explain_shows_each_word_its_weight_forms_and_citations() {
    let fixture = Fixture::with_seed();
    fixture.write("_aliases.toml", b"groups = [[\"NLB\", \"network load balancer\"]]\n");
    let output = run(notebot(&fixture, &["ask", "--json", "--explain", "Does NLB terminate TLS?"]));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_str(stdout(&output).trim()).expect("one JSON object");
    assert_eq!(answer["answered"], true, "the answer's own fields stay at the top level");
    let reading = answer["reading"].as_array().expect("reading");
    let terms: Vec<&str> = reading.iter().map(|c| c["term"].as_str().unwrap()).collect();
    assert_eq!(terms, vec!["nlb", "terminate", "tls"]);
    let nlb = &reading[0];
    assert_eq!(nlb["class"], "latin");
    let shares: f64 = reading.iter().map(|c| c["share"].as_f64().unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-3, "shares add up to the whole question: {shares}");
    assert_eq!(nlb["found_in"][0], 1, "the first citation contains NLB");
    let variants = nlb["variants"].as_array().unwrap();
    assert_eq!(variants[0]["terms"], "nlb");
    assert_eq!(variants[0]["weight"], 1.0);
    let params = notebot::search::RankingParams::default();
    let alias = variants.iter().find(|v| v["terms"] == "network load balancer").expect("alias searched");
    assert!((alias["weight"].as_f64().unwrap() - f64::from(params.wideners.alias)).abs() < 1e-6);
    assert_eq!(alias["widener"], "alias");
    assert_eq!(reading[1]["in_notes"], false, "no note says terminate");
    assert!(reading[1]["found_in"].as_array().unwrap().is_empty());

    let text = stdout(&run(notebot(&fixture, &["ask", "--explain", "Does NLB terminate TLS?"])));
    assert!(text.contains("질문을 이렇게 읽었습니다. 첫 인용의 일치도 0."), "{text}");
    assert!(text.contains(&format!("답변 기준 {:.2}", params.abstention.min_coverage)), "{text}");
    assert!(text.contains("  terminate · 영문 "), "{text}");
    assert!(text.contains("노트에 없음"), "{text}");
    assert!(text.contains(&format!("network load balancer ×{:.1}", params.wideners.alias)), "{text}");

    let mut command = notebot(&fixture, &["ask", "--explain"]);
    let nothing = stdout(&run_with_stdin(&mut command, "is it the?\n"));
    assert!(nothing.contains("(검색할 단어가 없습니다)"), "{nothing}");
}

#[test]
fn weights_set_in_the_environment_are_used_and_explained() {
    let fixture = Fixture::with_seed();
    fixture.write("_aliases.toml", b"groups = [[\"NLB\", \"network load balancer\"]]\n");
    let mut command = notebot(&fixture, &["ask", "--json", "--explain", "Does NLB terminate TLS?"]);
    command.env("NOTEBOT__SEARCH__WEIGHTS__WIDENERS__ALIAS", "0.3");
    command.env("NOTEBOT__SEARCH__WEIGHTS__ABSTENTION__MIN_COVERAGE", "1");
    let output = run(command);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let answer: Value = serde_json::from_str(stdout(&output).trim()).expect("one JSON object");
    let variants = answer["reading"][0]["variants"].as_array().unwrap();
    let alias = variants.iter().find(|v| v["terms"] == "network load balancer").expect("alias searched");
    assert!((alias["weight"].as_f64().unwrap() - 0.3).abs() < 1e-6, "{alias}");
    assert_eq!(answer["answered"], false, "no hit covers terminate, so none reaches a coverage of 1");

    let mut command = notebot(&fixture, &["ask", "Does NLB terminate TLS?"]);
    command.env("NOTEBOT__SEARCH__WEIGHTS__FIELDS__HEADING", "-1");
    let output = run(command);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("search.weights.fields.heading"), "{error}");
}

#[test]
fn unanswered_questions_say_so_and_suggest_topics() {
    let fixture = Fixture::with_seed();
    let output = run(notebot(&fixture, &["ask", "--json", "쿠버네티스 EKS 노드 그룹 설정"]));
    let answer: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(answer["answered"], false);
    assert_eq!(answer["answer"], "");
    assert!(!answer["suggestions"].as_array().unwrap().is_empty(), "{answer}");
    let text = stdout(&run(notebot(&fixture, &["ask", "오늘 점심 메뉴"])));
    assert!(text.starts_with("[답 없음] 노트에서 답을 찾지 못했어요\n(노트에 없는 말: 오늘, 점심, 메뉴)"), "{text}");
    assert_eq!(
        answer["unknown"],
        serde_json::json!(["쿠버네티스", "eks", "노드"]),
        "written words, not dictionary pieces"
    );
}

#[test]
fn a_question_without_words_is_told_so_rather_than_blamed_on_the_notes() {
    let fixture = Fixture::with_seed();
    for question in ["???", "ㅋㅋㅋ", "is it the?"] {
        let text = stdout(&run(notebot(&fixture, &["ask", question])));
        assert!(text.starts_with("질문에서 찾아볼 단어가 없어요."), "{question}: {text}");
        // The example is the first short heading below a note's title.
        assert!(text.contains("예: notebot ask \"Resources\""), "{text}");
    }
    let text = stdout(&run(notebot(&fixture, &["ask", "오늘 점심 메뉴"])));
    assert!(text.starts_with("[답 없음] 노트에서 답을 찾지 못했어요"), "{text}");
}

#[test]
fn stdin_mode_answers_one_json_line_per_question() {
    let fixture = Fixture::with_seed();
    let output =
        run_with_stdin(&mut notebot(&fixture, &["ask", "--json"]), "NLB는 언제 써?\n\n배치그룹\nRoute 53 SLA\n");
    assert!(output.status.success());
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "blank lines are skipped");
    assert_eq!(lines[1]["query"], "배치그룹");
    let numbers: Vec<&Value> = lines.iter().map(|l| &l["line"]).collect();
    assert_eq!(numbers, [1, 3, 4], "each answer names its input line");
    let text = stdout(&run_with_stdin(&mut notebot(&fixture, &["ask"]), "\u{feff}NLB는 언제 써?\n\n배치그룹\n"));
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("> ")).collect();
    assert_eq!(headers, ["> NLB는 언제 써?", "> 배치그룹"], "text answers start with their question: {text}");
    assert_eq!(lines[1]["hits"][0]["lines"], serde_json::json!([201, 204]));
}

#[test]
fn an_empty_question_exits_with_code_2() {
    let fixture = Fixture::with_seed();
    let output = run(notebot(&fixture, &["ask", "   "]));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("질문이 비어 있습니다"));
}

#[test]
fn index_prints_counts_and_reports_bad_notes() {
    let fixture = Fixture::with_seed();
    fixture.write("bad.md", b"\xff\xfe broken");
    let output = run(notebot(&fixture, &["index"]));
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("색인을 다시 만들었어요: 파일 1개, "), "{text}");
    assert!(text.contains("Q&A 9개"), "{text}");
    assert!(text.contains("bad.md"), "{text}");
}

#[test]
fn topics_and_topic_print_headings_and_sections() {
    let fixture = Fixture::with_seed();
    let list = stdout(&run(notebot(&fixture, &["topics", "Cloud"])));
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("Overview › Cloud Map › Cloudfront  (aws/overview.md:235-240)"), "{list}");
    let shown = run(notebot(&fixture, &["topic", "ECR"]));
    assert!(shown.status.success());
    assert!(stdout(&shown).contains("[aws/overview.md:118-119] Overview › ECR"), "{}", stdout(&shown));
    let missing = run(notebot(&fixture, &["topic", "없는 주제 qqq"]));
    assert_eq!(missing.status.code(), Some(1));
    let none = run(notebot(&fixture, &["topics", "없음"]));
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("'없음'(으)로 시작하는 주제가 없습니다"));
    let empty = run(notebot(&fixture, &["topic", " "]));
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("주제 이름이 비어 있습니다"));
}

#[test]
fn topic_names_the_other_notes_a_heading_is_in() {
    let fixture = Fixture::with_seed();
    fixture.write("gcp/overview.md", "# Overview\n\n## ECR\n\nGCP에는 ECR 대신 Artifact Registry가 있다.\n".as_bytes());
    let shown = stdout(&run(notebot(&fixture, &["topic", "ECR"])));
    assert!(shown.contains("[aws/overview.md:118-119] Overview › ECR"), "{shown}");
    assert!(shown.contains("notebot topic \"Overview › ECR · gcp/overview.md\""), "{shown}");
    let other = stdout(&run(notebot(&fixture, &["topic", "Overview › ECR · gcp/overview.md"])));
    assert!(other.contains("Artifact Registry") && !other.contains("notebot topic"), "{other}");
}

#[test]
fn configuration_errors_name_the_key_and_env_overrides_apply() {
    let fixture = Fixture::with_seed();
    let config = fixture.root.path().join("bad.toml");
    std::fs::write(&config, "[search]\ntopp = 3\n").unwrap();
    let output = run(notebot(&fixture, &["--config", config.to_str().unwrap(), "ask", "NLB"]));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(stderr.contains("topp") && stderr.contains(&format!("(in {})", config.display())), "{stderr}");
    let mut command = notebot(&fixture, &["ask", "NLB"]);
    command.env("NOTEBOT__SERACH__TOP", "3");
    let stderr = String::from_utf8_lossy(&run(command).stderr).to_string();
    assert!(
        stderr.contains("`serach`") && stderr.contains("(in the environment variable NOTEBOT__SERACH__TOP)"),
        "{stderr}"
    );

    std::fs::write(&config, "[search]\ntop = \"many\"\n").unwrap();
    let output = run(notebot(&fixture, &["--config", config.to_str().unwrap(), "ask", "NLB"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("top"));

    let mut command = notebot(&fixture, &["ask", "--json", "NLB"]);
    command.env("NOTEBOT__SEARCH__TOP", "2");
    let output = run(command);
    let answer: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(answer["hits"].as_array().unwrap().len(), 2);

    let refused = |key: &str, value: &str, says: &str| {
        let mut command = notebot(&fixture, &["ask", "NLB"]);
        command.env(key, value);
        let output = run(command);
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert!(output.status.code() == Some(2) && stderr.contains(says), "{key}={value}: {stderr}");
    };
    refused("NOTEBOT__ANSWER__LANGUAGE", "fr", r#"must be "ko" or "en""#);
    refused("NOTEBOT__LOG__LEVEL", "loud", "log.level");
    let mut english = notebot(&fixture, &["ask", "오늘 점심 뭐 먹지?"]);
    english.env("NOTEBOT__ANSWER__LANGUAGE", "EN");
    let output = run(english);
    assert!(stdout(&output).starts_with("[No answer] The notes don't answer this"), "{}", stdout(&output));

    let unusual_name = fixture.root.path().join("notebot.conf");
    std::fs::write(&unusual_name, "[search]\ntop = 1\n").unwrap();
    let output = run(notebot(&fixture, &["--config", unusual_name.to_str().unwrap(), "ask", "--json", "NLB"]));
    let answer: Value = serde_json::from_str(stdout(&output).trim()).expect("a TOML file of any name");
    assert_eq!(answer["hits"].as_array().unwrap().len(), 1);
}

#[test]
fn serve_without_a_token_names_the_variable_and_exits_with_code_2() {
    let fixture = Fixture::with_seed();
    let mut command = notebot(&fixture, &["serve"]);
    command.env_remove("DISCORD_TOKEN").env_remove("NOTEBOT__DISCORD__TOKEN");
    let output = run(command);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DISCORD_TOKEN") && stderr.contains("NOTEBOT__DISCORD__TOKEN"), "{stderr}");
}

#[test]
fn eval_reports_figures_and_gates_on_thresholds() {
    let fixture = Fixture::with_seed();
    let set = fixture.root.path().join("set.jsonl");
    let lines = [
        r#"{"id":"a","question":"NACL은 subnet 단위야?","expect":[{"source":"aws/overview.md","contains":"subnet 단위"}],"answerable":true,"tags":["mixed"]}"#,
        r#"{"id":"b","question":"NLB에 EIP 붙일 수 있어?","expect":[{"source":"aws/overview.md","contains":"EIP"}],"answerable":true}"#,
        r#"{"id":"u","question":"오늘 점심 뭐 먹지?","expect":[],"answerable":false}"#,
    ];
    std::fs::write(&set, lines.join("\n")).unwrap();
    let set = set.to_str().unwrap();
    let output = run(notebot(&fixture, &["eval", "--json", set]));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_str(stdout(&output).trim()).expect("one JSON object");
    assert_eq!(report["overall"]["hit_at_1"], 1.0, "{report}");
    assert_eq!(report["overall"]["abstention"], 1.0);
    assert_eq!(report["overall"]["false_abstention"], 0.0);
    assert_eq!(report["tags"]["mixed"]["questions"], 1, "figures per tag: {report}");
    let by_tag = stdout(&run(notebot(&fixture, &["eval", "--by-tag", set])));
    assert!(by_tag.lines().any(|line| line.starts_with("#mixed ") && line.contains(" 1.000 ")), "{by_tag}");
    let passing = ["eval", set, "--min-hit1", "0.9", "--min-abstention", "0.9", "--max-false-abstention", "0"];
    assert_eq!(run(notebot(&fixture, &passing)).status.code(), Some(0));
    let failing = run(notebot(&fixture, &["eval", set, "--max-false-abstention=-0.5"]));
    assert_eq!(failing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failing.stderr).contains("false abstention 0.000 is above"));
    assert_eq!(run(notebot(&fixture, &["eval", set, "--min-hit1", "1.01"])).status.code(), Some(1));
}

#[test]
fn eval_refuses_gates_it_cannot_check_and_malformed_sets() {
    let fixture = Fixture::with_seed();
    let write = |name: &str, lines: &[&str]| {
        let path = fixture.root.path().join(name);
        std::fs::write(&path, lines.join("\n")).unwrap();
        path.to_str().unwrap().to_string()
    };
    let missed = r#"{"id":"m","question":"오늘 점심 뭐 먹지?","expect":[{"source":"aws/overview.md","contains":"없는 글"}],"answerable":true}"#;
    let only_answerable = write("answerable.jsonl", &[missed]);
    let report: Value =
        serde_json::from_str(stdout(&run(notebot(&fixture, &["eval", "--json", &only_answerable]))).trim())
            .expect("one JSON object");
    assert!(report["overall"]["abstention"].is_null(), "no unanswerable question: {report}");
    assert_eq!(report["overall"]["mrr_at_10"], 0.0);
    let text = stdout(&run(notebot(&fixture, &["eval", &only_answerable])));
    assert!(!text.contains("-0.000"), "{text}");
    let gated = run(notebot(&fixture, &["eval", &only_answerable, "--min-abstention", "0.5"]));
    assert_eq!(gated.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gated.stderr).contains("--min-abstention cannot be checked"));

    let typo = r#"{"id":"t","question":"NLB?","expcet":[],"answerable":false}"#;
    let no_expect = r#"{"id":"n","question":"NLB?","answerable":true}"#;
    let wrong_note =
        r#"{"id":"w","question":"NLB?","expect":[{"source":"aws/overvew.md","contains":"NLB"}],"answerable":true}"#;
    for (line, needle) in
        [(typo, "expcet"), (no_expect, "needs at least one `expect`"), (wrong_note, "no note aws/overvew.md")]
    {
        let set = write("bad.jsonl", &[missed, line]);
        let refused = run(notebot(&fixture, &["eval", &set]));
        assert_eq!(refused.status.code(), Some(2), "{line}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains("bad.jsonl:2: ") && stderr.contains(needle), "{stderr}");
    }
    let gone = run(notebot(&fixture, &["eval", "missing.jsonl"]));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("missing.jsonl: "), "no `:0` line for a whole file");
}

#[test]
fn stdin_lines_that_are_not_utf8_are_skipped_and_named() {
    let fixture = Fixture::with_seed();
    let mut child = notebot(&fixture, &["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"NLB\n\xff\xfe\nNACL\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "a skipped line fails the run");
    let answers: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers.len(), 2, "the lines around it are answered");
    assert_eq!(answers[1]["query"], "NACL");
    assert!(String::from_utf8_lossy(&output.stderr).contains("2번째 줄"));
}

#[test]
fn a_reader_that_stops_reading_ends_the_run_quietly() {
    let fixture = Fixture::with_seed();
    drop(run(notebot(&fixture, &["index"])));
    let mut child = notebot(&fixture, &["ask"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let _ = child.stdin.take().unwrap().write_all("NLB는 언제 써?\n".repeat(2_000).as_bytes());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    for args in [&["topics"][..], &["topic", "Cloud Map"], &["index"]] {
        let mut child = notebot(&fixture, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(run(notebot(&fixture, &["ask", "--top", "0", "NLB"])).status.code(), Some(2));
}

#[test]
fn an_empty_knowledge_folder_is_named_and_exits_1() {
    let fixture = Fixture::new();
    for args in [&["ask", "NLB는 언제 쓰나요?"][..], &["topics"], &["topic", "NLB"]] {
        let output = run(notebot(&fixture, args));
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = format!("notebot: {}에 노트(.md)가 없습니다.", fixture.knowledge().display());
        assert!(stderr.contains(&expected), "{args:?}: {stderr}");
        assert_eq!(stderr.matches("노트(.md)가 없습니다").count(), 1, "said once: {stderr}");
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
}

#[test]
fn messages_are_in_the_configured_language_and_said_once() {
    let fixture = Fixture::with_seed();
    fixture.write("bad.md", b"\xff\xfe broken");
    let output = run(notebot(&fixture, &["ask", "NACL은 subnet 단위야?"]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("의 노트로 색인을 만드는 중입니다"), "{stderr}");
    assert_eq!(stderr.matches("bad.md").count(), 1, "a skipped note is reported once: {stderr}");
    assert!(!stderr.contains("building") && !stderr.contains("WARN"), "no English, no log line: {stderr}");

    let mut english = notebot(&fixture, &["index"]);
    english.env("NOTEBOT__ANSWER__LANGUAGE", "en");
    let output = run(english);
    let text = stdout(&output);
    assert!(text.starts_with("Reindexed: 1 files, "), "{text}");
    let all = format!("{text}{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(all.matches("bad.md").count(), 1, "{all}");

    let missing = Fixture::new();
    let mut command = notebot_in(missing.root.path());
    command.arg("--knowledge").arg(missing.root.path().join("nowhere")).arg("--index").arg(missing.index());
    command.args(["ask", "NLB"]);
    let output = run(command);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("노트 폴더") && stderr.contains("nowhere"), "{stderr}");
    let error = stderr.lines().find(|l| l.starts_with("notebot: ")).unwrap_or_default();
    assert!(error.contains("노트 폴더"), "{stderr}");
    assert!(!error.contains("색인") && !error.contains("index"), "the notes folder is not the index: {stderr}");
}

#[test]
fn usage_lines_show_options_as_optional() {
    let fixture = Fixture::with_seed();
    let output = run(notebot(&fixture, &["ask", "--json", "--bogus", "NLB"]));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Usage: notebot ask [OPTIONS] [QUESTION]..."), "{stderr}");
}

/// `notebot ask` without a question at a terminal asks at a prompt until Ctrl-D. The terminal
/// is util-linux `script`'s pseudo-terminal; where `script` is missing this test says so and
/// checks nothing.
#[test]
fn ask_without_a_question_at_a_terminal_prompts_until_ctrl_d() {
    let Some(script) = ["/usr/bin/script", "/bin/script"].into_iter().find(|p| Path::new(p).exists()) else {
        eprintln!("no `script` command: the interactive prompt is not tested here");
        return;
    };
    let fixture = Fixture::with_seed();
    // Build the index first, so the prompt session only answers.
    assert!(run(notebot(&fixture, &["index"])).status.success());
    let command = format!(
        "{} --knowledge {} --index {} ask",
        env!("CARGO_BIN_EXE_notebot"),
        fixture.knowledge().display(),
        fixture.index().display()
    );
    let mut session = Command::new(script);
    session.args(["-qec", &command, "/dev/null"]).env_remove("RUST_LOG");
    let output = run_with_stdin(&mut session, "NACL은 subnet 단위야?\n\u{4}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("질문> "), "{text}");
    assert!(text.contains("[1] aws/overview.md:144-146"), "the question was answered: {text}");
}
