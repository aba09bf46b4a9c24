//! What a person sees, as golden files a reviewer can read: the terminal output of
//! `notebot ask` and the Discord embed (as JSON) for a Q&A answer, a list item, a table, a code
//! block, a partial answer, a declined question and an empty knowledge folder, in Korean and
//! English. The notes are this test's own (tests/fixtures/answers).
//!
//! A changed rendering fails with the difference; `UPDATE_GOLDEN=1 cargo test --test it
//! snapshots` rewrites the files, to be read and committed with the change.

use std::path::{Path, PathBuf};

use notebot::config::Language;
use notebot::discord::preview;
use notebot::engine::Engine;

use crate::common::{notebot_in, settings, Fixture};

/// The cases: what each question shows.
const QUESTIONS: &[(&str, &str)] = &[
    ("Q&A answer", "정기 배포는 무슨 요일에 해?"),
    ("list item", "Kafka는 언제 써?"),
    ("table", "read_timeout 기본값은?"),
    ("code block", "스테이징 배포 명령 알려줘"),
    ("partial answer", "SQS 메시지 보존 기간과 요금은?"),
    ("declined", "쿠버네티스 클러스터 노드 오토스케일링 설정"),
];

fn fixture_notes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers")
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN` is set.
fn assert_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
        panic!(
            "{} differs from what is shown now (first different line: {:?}); rerun with UPDATE_GOLDEN=1 and review the diff.\n--- now:\n{actual}",
            path.display(),
            first.map(|i| i + 1)
        );
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Ko => "ko",
        Language::En => "en",
    }
}

/// `notebot ask` as a person runs it, one question at a time.
fn terminal(knowledge: &Path, index: &Path, language: Language, question: &str) -> String {
    let output = notebot_in(knowledge)
        .arg("--knowledge")
        .arg(knowledge)
        .arg("--index")
        .arg(index)
        .args(["ask", question])
        .env("NOTEBOT__ANSWER__LANGUAGE", language_name(language))
        .output()
        .expect("notebot runs");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.trim().is_empty() {
        text.push_str(&format!("[stderr]\n{stderr}"));
    }
    text.push_str(&format!("[exit {}]\n", output.status.code().unwrap_or(-1)));
    text
}

fn render_all(language: Language) -> String {
    let index = tempfile::tempdir().unwrap();
    let mut settings = settings(&fixture_notes(), index.path());
    settings.answer.language = language;
    let engine = Engine::open(settings).expect("engine over the fixture notes");
    let mut out = String::new();
    for (case, question) in QUESTIONS {
        let mut answer = engine.ask(question, 5).expect("an answer");
        answer.took_ms = 12.3; // the only figure that changes from run to run
        out.push_str(&format!("=== {case}: {question}\n--- terminal\n"));
        out.push_str(&terminal(&fixture_notes(), index.path(), language, question));
        out.push_str("--- discord embed\n");
        out.push_str(&serde_json::to_string_pretty(&preview::answer_embed(&answer, language)).unwrap());
        out.push_str("\n\n");
    }
    let empty = Fixture::new();
    out.push_str("=== empty knowledge folder: 정기 배포는 무슨 요일에 해?\n--- terminal\n");
    let shown = terminal(&empty.knowledge(), &empty.index(), language, "정기 배포는 무슨 요일에 해?");
    out.push_str(&shown.replace(&empty.knowledge().display().to_string(), "<knowledge>"));
    out.push_str("--- discord embed\n");
    out.push_str(&serde_json::to_string_pretty(&preview::no_notes_embed(language)).unwrap());
    out.push('\n');
    out
}

#[test]
fn answers_in_korean_look_as_reviewed() {
    assert_golden("answers-ko.txt", &render_all(Language::Ko));
}

#[test]
fn answers_in_english_look_as_reviewed() {
    assert_golden("answers-en.txt", &render_all(Language::En));
}

/// The README's first question over the shipped note, with `knowledge.source_url_base` set so
/// the embed's title and citations are links.
#[test]
fn the_shipped_nlb_answer_looks_as_reviewed() {
    let index = tempfile::tempdir().unwrap();
    let mut settings = settings(&crate::common::shipped_knowledge(), index.path());
    settings.knowledge.source_url_base = "https://github.com/team/notes/blob/main/knowledge/".to_string();
    let engine = Engine::open(settings).expect("engine over the shipped notes");
    let mut answer = engine.ask("NLB는 언제 쓰나요?", 5).expect("an answer");
    answer.took_ms = 12.3;
    let mut out = String::from("=== NLB는 언제 쓰나요?\n--- terminal\n");
    let mut shown = Vec::new();
    notebot::cli::write_answer(&mut shown, &answer, Language::Ko).unwrap();
    out.push_str(&String::from_utf8(shown).unwrap());
    out.push_str("--- discord embed\n");
    out.push_str(&serde_json::to_string_pretty(&preview::answer_embed(&answer, Language::Ko)).unwrap());
    out.push('\n');
    assert_golden("nlb-ko.txt", &out);
}
