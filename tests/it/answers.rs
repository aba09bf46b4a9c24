//! What an answer shows: the lines that answer with what belongs to them, its confidence, and
//! the citations that matter. Over this module's own notes (tests/fixtures/answers) and the
//! shipped note's NLB item.

use std::path::Path;

use notebot::answer::Confidence;
use notebot::engine::Engine;

use crate::common::{settings, Fixture};

fn fixture_engine(tweak: impl FnOnce(&mut notebot::config::Settings)) -> (Engine, tempfile::TempDir) {
    let index = tempfile::tempdir().unwrap();
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers");
    let mut settings = settings(&knowledge, index.path());
    tweak(&mut settings);
    (Engine::open(settings).expect("engine over the fixture notes"), index)
}

#[test]
fn a_short_item_is_shown_whole_so_the_lines_that_answer_are_in_it() {
    let fixture = Fixture::new();
    fixture.write(
        "lb.md",
        "# LB\n\n * NLB\n   * L4기반 TCP용\n   * EIP부여 가능\n   * 커넥션이 긴경우 추천됨.\n   * 게임이나 메세징 서비스\n   * port기반으로 트래픽을 처리함\n   * TLS termination지원\n"
            .as_bytes(),
    );
    let answer = fixture.engine().ask("NLB는 언제 쓰나요?", 5).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert!(answer.answer.contains("커넥션이 긴경우 추천됨"), "{}", answer.answer);
    assert_eq!(answer.answer.lines().count(), 7, "{}", answer.answer);
}

#[test]
fn a_table_row_comes_with_its_header_and_separator() {
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("read_timeout 기본값은?", 5).unwrap();
    assert!(answer.answered, "{answer:?}");
    let lines: Vec<&str> = answer.answer.lines().collect();
    assert!(lines.contains(&"| 설정 | 기본값 | 설명 |") && lines.contains(&"|---|---|---|"), "{}", answer.answer);
    assert!(answer.answer.contains("| read_timeout | 30s |"), "{}", answer.answer);
    assert_eq!(lines.len(), 3, "only the matching row: {}", answer.answer);
}

#[test]
fn ordinary_question_words_are_never_missing_words() {
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("SQS 메시지 보존 기간 기준이 얼마야?", 5).unwrap();
    assert_eq!(answer.confidence, Confidence::Answered, "{answer:?}");
    assert!(answer.missing.is_empty() && answer.unknown.is_empty(), "{:?} {:?}", answer.missing, answer.unknown);
}

#[test]
fn a_partial_answer_names_the_content_words_it_lacks() {
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("SQS 메시지 보존 기간과 요금은?", 5).unwrap();
    assert_eq!(answer.confidence, Confidence::Partial, "{answer:?}");
    assert_eq!(answer.missing, ["요금"]);
    assert!(answer.answer.contains("14일"), "{}", answer.answer);
}

#[test]
fn a_declined_question_offers_the_nearest_topics() {
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("쿠버네티스 클러스터 노드 오토스케일링 설정", 5).unwrap();
    assert_eq!(answer.confidence, Confidence::NotAnswered, "{answer:?}");
    assert!(answer.missing.is_empty());
}

#[test]
fn only_citations_within_the_margin_are_shown_while_every_hit_is_kept() {
    let (engine, _index) = fixture_engine(|settings| settings.answer.citation_margin = 0.0);
    let answer = engine.ask("배포 명령", 5).unwrap();
    assert!(answer.hits.len() > 1, "{answer:?}");
    assert_eq!(answer.shown_hits().len(), 1, "margin 0 shows the answer's citation alone");
    let (engine, _index) = fixture_engine(|settings| settings.answer.citation_margin = 1.0);
    let answer = engine.ask("배포 명령", 5).unwrap();
    assert_eq!(answer.shown_hits().len(), answer.hits.len(), "margin 1 shows every hit asked for");
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("배포 명령", 5).unwrap();
    let floor = answer.hits[0].score * (1.0 - engine.settings().answer.citation_margin);
    assert!(answer.shown_hits().iter().all(|h| h.score >= floor));
    assert!(answer.hits[answer.cited..].iter().all(|h| h.score < floor));
}

#[test]
fn a_question_without_words_is_offered_a_topic_of_the_notes_in_use() {
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("???", 5).unwrap();
    assert!(answer.searched_nothing());
    let topics: Vec<String> = engine.topics(None).iter().map(|t| t.last_heading().to_string()).collect();
    assert_eq!(answer.suggestions.len(), 1);
    assert!(topics.contains(&answer.suggestions[0]), "{:?} not among {topics:?}", answer.suggestions);
}

#[test]
fn a_short_qa_pair_is_shown_with_its_question() {
    let (engine, _index) = fixture_engine(|_| {});
    let answer = engine.ask("정기 배포는 무슨 요일에 해?", 5).unwrap();
    assert!(answer.answer.starts_with("질문: 정기 배포는 무슨 요일에 하나요?"), "{}", answer.answer);
    assert!(answer.answer.contains("화요일과 목요일 오후에 한다."), "{}", answer.answer);
}

#[test]
fn another_form_of_a_long_word_in_the_answer_is_not_missing() {
    let answer = crate::common::shipped_engine().ask("Does NLB terminate TLS?", 5).unwrap();
    assert_eq!(answer.confidence, Confidence::Answered, "{:?}", answer.missing);
}

/// Chunks are cut small, so an answer can run over two: the list under a heading and the
/// sub-heading's items below it.
const LOCK_NOTE: &str = "# 락\n\n## 낙관적 락\n- 충돌이 드물다고 가정하고 버전을 확인한다.\n- 커밋할 때 버전이 다르면 롤백한다.\n\n## 비관적 락\n- 충돌이 잦다고 가정하고 먼저 잠근다.\n- 트랜잭션이 끝날 때까지 레코드를 독점한다.\n\n### 특징\n- 낙관적 락보다 무결성이 우수하다.\n- 교착상태가 생길 수 있다.\n\n## 링크\n- [위키](https://example.com/lock)\n";

#[test]
fn neighbouring_hits_are_cited_as_one_passage_and_weak_neighbours_stay_out() {
    let fixture = Fixture::new();
    fixture.write("db/lock.md", LOCK_NOTE.as_bytes());
    let engine = fixture.engine();
    let answer = engine.ask("비관적 락은 어떻게 잠그고 교착상태도 생겨?", 5).unwrap();
    assert!(answer.answered, "{answer:?}");
    let best = &answer.hits[0];
    assert_eq!(best.lines, [8, 13], "the list and its sub-heading's items: {answer:?}");
    assert_eq!(best.heading, "락 › 비관적 락");
    assert!(best.text.contains("먼저 잠근다") && best.text.contains("### 특징") && best.text.contains("교착상태"));
    assert!(answer.answer.contains("교착상태가 생길 수 있다"), "{}", answer.answer);
    assert!(!answer.answer.contains("드물다") && !answer.answer.contains("위키"), "{}", answer.answer);
    let mut apart = fixture.settings();
    apart.index.dir = fixture.root.path().join("index-apart");
    apart.search.weights.passages.depth = 1;
    let apart = Engine::open(apart).unwrap().ask("비관적 락은 어떻게 잠그고 교착상태도 생겨?", 5).unwrap();
    assert!(apart.hits[0].lines[1] - apart.hits[0].lines[0] < 2, "depth 1 joins nothing: {apart:?}");
}

#[test]
fn how_many_citations_are_asked_for_never_changes_the_first() {
    let fixture = Fixture::new();
    fixture.write("db/lock.md", LOCK_NOTE.as_bytes());
    let engine = fixture.engine();
    let question = "비관적 락은 어떻게 잠그고 교착상태도 생겨?";
    let (one, five) = (engine.ask(question, 1).unwrap(), engine.ask(question, 5).unwrap());
    assert_eq!(one.hits.len(), 1);
    assert_eq!((&one.hits[0].lines, &one.hits[0].text), (&five.hits[0].lines, &five.hits[0].text));
    assert_eq!(one.answer, five.answer);
}
