//! Answers from the shipped note: expected citations from a data file, abstention, hostile
//! input, topics, and rebuilding while serving.

use std::sync::Arc;

use notebot::analysis::Analyzer;
use notebot::engine::{AskError, Engine, EngineError};
use notebot::index::IndexStore;
use notebot::knowledge::ChunkKind;
use serde::Deserialize;
use tantivy::DocAddress;

use crate::common::{shipped_engine, Fixture};

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    question: String,
    lines: Option<[u32; 2]>,
    #[serde(default = "yes")]
    answerable: bool,
}

fn yes() -> bool {
    true
}

fn cases() -> Vec<Case> {
    let text = include_str!("../data/questions.toml");
    toml::from_str::<Cases>(text).expect("tests/data/questions.toml parses").case
}

#[test]
fn shipped_questions_cite_the_expected_lines_first() {
    let engine = shipped_engine();
    let cases = cases();
    assert!(cases.iter().filter(|c| c.answerable).count() >= 20);
    let mut wrong = Vec::new();
    for case in cases.iter().filter(|c| c.answerable) {
        let answer = engine.ask(&case.question, 5).expect("answer");
        let first = answer.hits.first().map(|h| h.lines);
        if first != case.lines || !answer.answered {
            wrong.push(format!("{} → {:?} (answered: {})", case.question, first, answer.answered));
        }
    }
    assert!(wrong.is_empty(), "wrong first citations:\n{}", wrong.join("\n"));
}

#[test]
fn questions_the_notes_do_not_answer_are_not_answered() {
    let engine = shipped_engine();
    for case in cases().iter().filter(|c| !c.answerable) {
        let answer = engine.ask(&case.question, 5).expect("answer");
        assert!(!answer.answered, "{} was answered with {:?}", case.question, answer.hits.first());
        assert!(answer.answer.is_empty());
    }
}

#[test]
fn qa_hits_answer_with_the_answer_text_and_cite_file_heading_lines() {
    let answer = shipped_engine().ask("EBS 스냅샷은 실제 사용한 용량만 과금돼?", 3).unwrap();
    assert!(answer.answered);
    let first = &answer.hits[0];
    assert_eq!(first.kind, ChunkKind::Qa);
    assert_eq!(first.source, "aws/overview.md");
    assert_eq!(first.heading, "Overview › 질문 했었던 내용들");
    assert_eq!(first.lines, [314, 316]);
    assert!(answer.answer.starts_with("질문: 1000G 사이즈의 EBS가"), "with its question: {}", answer.answer);
    assert!(answer.answer.contains("답변: 네 스냅샷은 사용되는 용량만큼만"), "{}", answer.answer);
    assert!(first.url.is_none());
}

#[test]
fn section_hits_answer_with_their_most_relevant_lines() {
    let answer = shipped_engine().ask("NLB는 TLS termination 지원해?", 3).unwrap();
    assert!(answer.answer.contains("TLS termination지원"), "{}", answer.answer);
    assert_eq!(answer.answer.lines().count(), 7, "a seven-line item is shown whole: {}", answer.answer);
    let command = shipped_engine().ask("cloud9 자격증명 확인 명령어", 3).unwrap();
    assert!(command.answer.contains("```\naws sts get-caller-identity\n```"), "{}", command.answer);
}

#[test]
fn query_syntax_and_huge_questions_are_just_text() {
    let engine = shipped_engine();
    for hostile in ["AND ( ) : ^ ~ * \"", "NLB^10 OR title:ALB", "\"unclosed", "field:value~2", "*"] {
        let answer = engine.ask(hostile, 5).expect(hostile);
        assert_eq!(answer.query, hostile);
    }
    let huge = "NLB 설정 ".repeat(2_000);
    let answer = engine.ask(&huge, 5).expect("huge question");
    assert!(answer.query.chars().count() <= 500, "question was not bounded");
    let rest = huge.strip_prefix(answer.query.as_str()).expect("the beginning of the question");
    assert!(answer.truncated && rest.starts_with(' '), "cut after a whole word: {:?}", answer.query);
    assert_eq!(answer.hits[0].lines, [219, 225]);
    let unbroken = "가".repeat(600);
    let cut = engine.ask(&unbroken, 5).expect("one long word");
    assert_eq!(cut.query.chars().count(), 500, "no word boundary: cut at the limit");
    assert!(!engine.ask("NLB 설정", 5).unwrap().truncated);
}

/// An engine over one note of its own (the fixture keeps the folder alive).
fn engine_over(path: &str, note: &str) -> (Fixture, notebot::engine::Engine) {
    let fixture = Fixture::new();
    fixture.write(path, note.as_bytes());
    let engine = fixture.engine();
    (fixture, engine)
}

#[test]
fn a_question_asking_how_many_needs_a_number_in_its_answer() {
    let (_fixture, engine) = engine_over(
        "net.md",
        "# 네트워크\n\n## 보안 그룹\n\n보안 그룹은 stateful이라 인바운드 규칙만 열면 응답은 나간다.\n\n\
         ## 람다\n\n람다 메모리는 최대 10GB까지 잡을 수 있다.\n",
    );
    let no_number = declined_for_a_number_and_answered(
        &engine,
        "보안 그룹 인바운드 규칙은 최대 몇 개까지 넣어?",
        "람다 메모리는 최대 몇 GB까지 돼?",
    );
    assert!(no_number.hits[0].heading.ends_with("보안 그룹"), "still cited: {:?}", no_number.hits[0]);
    let not_a_count = engine.ask("보안 그룹 인바운드 규칙 열면 응답도 나가?", 3).unwrap();
    assert!(not_a_count.answered, "{not_a_count:?}");
}

#[test]
fn a_question_asking_how_much_needs_a_number_in_its_answer() {
    let (_fixture, engine) = engine_over(
        "pricing.md",
        "# 요금\n\n## 버킷\n\n버킷 요금은 저장한 용량과 요청 수로 나온다.\n\n## 큐\n\n큐 요금은 요청 100만 건당 0.4달러다.\n",
    );
    declined_for_a_number_and_answered(&engine, "버킷 요금 얼마야?", "큐 요금 얼마임");
}

/// Asks `lacking`, whose best hit states no number, and `stated`, whose best hit does: the first
/// is declined for want of a number, the second answered. Returns the first answer.
fn declined_for_a_number_and_answered(
    engine: &notebot::engine::Engine,
    lacking: &str,
    stated: &str,
) -> notebot::answer::Answer {
    let no_number = engine.ask(lacking, 3).unwrap();
    assert!(!no_number.answered && no_number.no_number, "{no_number:?}");
    let with_number = engine.ask(stated, 3).unwrap();
    assert!(with_number.answered && !with_number.no_number, "{with_number:?}");
    no_number
}

#[test]
fn a_count_asked_in_a_unit_needs_a_number_in_that_unit() {
    let (_fixture, engine) = engine_over(
        "cache.md",
        "# 캐시\n\n## DNS 캐시\n\nDNS 캐시 정책은 RFC 1035 를 따르고 레코드마다 TTL 이 있다.\n\n\
         ## 세션 캐시\n\n세션 캐시 TTL 은 30분으로 잡았다.\n\n## 토큰 캐시\n\n로그인 토큰 캐시는 15분으로 둔다.\n",
    );
    let other_number = engine.ask("DNS 캐시 TTL 몇 초야?", 3).unwrap();
    assert!(!other_number.answered && other_number.no_number, "1035 is no time: {other_number:?}");
    let minutes = engine.ask("세션 캐시 TTL 몇 초로 잡았어?", 3).unwrap();
    assert!(minutes.answered, "minutes answer a question in seconds: {minutes:?}");
    let echoed = engine.ask("로그인 토큰 캐시 15분으로 뒀으면 리프레시 토큰 캐시는 몇 분이야?", 3).unwrap();
    assert!(!echoed.answered && echoed.hits[0].text.contains("15분"), "the question's own 15분: {echoed:?}");
}

#[test]
fn a_number_naming_what_is_asked_about_must_be_in_the_answer() {
    let (_fixture, engine) = engine_over(
        "tls.md",
        "# TLS\n\n## 핸드셰이크\n\nTLS 1.2 핸드셰이크는 2 RTT가 걸리고 인증서를 주고받는다.\n\n## 용량\n\n로그 볼륨은 보통 100GB로 잡는다.\n",
    );
    let other_version = engine.ask("TLS 1.3 핸드셰이크 과정", 3).unwrap();
    assert!(!other_version.answered, "1.3 is not the 1.2 the notes describe: {other_version:?}");
    assert!(engine.ask("TLS 1.2 핸드셰이크 과정", 3).unwrap().answered);
    let a_quantity = engine.ask("로그 볼륨 200GB면 부족해?", 3).unwrap();
    assert!(a_quantity.answered, "a quantity the notes lack does not change the topic: {a_quantity:?}");
}

#[test]
fn empty_questions_are_refused() {
    assert!(matches!(shipped_engine().ask("   \n\t", 5), Err(AskError::Empty)));
}

#[test]
fn topics_list_find_and_suggest_headings() {
    let engine = shipped_engine();
    let all = engine.topics(None);
    assert!(all.iter().any(|t| t.heading == "Overview › Cloud Map"));
    assert_eq!(engine.topics(Some("Cloud")).len(), 3, "Cloud Map, its item Cloudfront, and Cloud 9");
    let view = engine.topic("cloud map").expect("topic by last heading");
    assert_eq!(view.topic.lines, [123, 240]);
    assert!(view.text.contains("* NACL"));
    assert!(engine.topic("Overview › ECR").is_some());
    assert!(engine.topic("존재하지 않는 주제 xyz").is_none());
    let suggested = engine.suggest_topics("리소", 25);
    assert!(!suggested.is_empty() && suggested.len() <= 25);
    assert!(suggested.iter().all(|t| t.heading.contains("리소")), "{suggested:?}");
    let by_term = engine.suggest_topics("지원 프로그램", 25);
    assert_eq!(by_term[0].heading, "Overview › AWS 지원 프로그램");
}

#[test]
fn labelled_list_items_are_topics_like_the_citations_that_name_them() {
    let engine = shipped_engine();
    let cited = engine.ask("NLB가 TLS 종료해?", 1).unwrap().hits[0].heading.clone();
    assert_eq!(cited, "Overview › Cloud Map › NLB");
    for name in ["NLB", "nlb", cited.as_str(), "NLB · aws/overview.md"] {
        let view = engine.topic(name).unwrap_or_else(|| panic!("{name} is a topic"));
        assert_eq!(view.topic.heading, cited);
        assert_eq!(view.topic.lines, [219, 225]);
        assert!(view.text.contains("TLS termination") && !view.text.contains("* ALB"), "{}", view.text);
        assert!(view.others.is_empty(), "{:?}", view.others);
    }
    let topics = engine.topics(None);
    let position = |heading: &str| topics.iter().position(|t| t.heading == heading).unwrap();
    assert!(position("Overview › Cloud Map") < position("Overview › Cloud Map › NACL"), "note order");
    assert!(position("Overview › Cloud Map › NLB") < position("Overview › Cloud 9"), "note order");
}

#[test]
fn a_question_that_only_names_a_heading_is_answered_by_its_intro() {
    let engine = shipped_engine();
    let cloud9 = engine.ask("Cloud 9?", 3).unwrap();
    assert_eq!(cloud9.hits[0].heading, "Overview › Cloud 9", "the number is part of the name");
    let kafka = engine.ask("카프카?", 3).unwrap();
    assert!(kafka.answer.contains("Kinesis 사용 추천"), "a label alone says nothing: {}", kafka.answer);
    let framed = ["What exactly is Cloud Map, in short?", "Can you briefly explain Cloud Map?"];
    for question in ["What is Cloud Map?", "클라우드 맵이 뭐야?", "cloud map 알려줘"].into_iter().chain(framed)
    {
        let answer = engine.ask(question, 5).unwrap();
        assert_eq!(answer.hits[0].lines, [124, 126], "{question}: {:?}", answer.hits[0]);
        assert!(answer.answered && answer.answer.contains("진화된 형태의 DNS"), "{question}: {answer:?}");
        assert!(answer.hits.windows(2).all(|pair| pair[0].score >= pair[1].score), "scores stay in order");
    }
    let fixture = Fixture::new();
    let note = "# 운영\n\n## 배포\n\n배포는 CI가 main 브랜치에서 한다.\n\n* 배포 전에 스테이징 확인\n\n* 롤백\n  * 배포 실패하면 이전 이미지로 되돌림\n";
    fixture.write("ops.md", note.as_bytes());
    let mut settings = fixture.settings();
    settings.search.weights.passages.depth = 0; // which chunk leads, not what is cited with it
    let engine = Engine::open(settings).unwrap();
    assert_eq!(
        engine.ask("배포가 뭐야?", 3).unwrap().hits[0].lines,
        [5, 7],
        "the intro (cited with the first item it introduces), not the item repeating the word"
    );
    assert_eq!(engine.ask("롤백", 3).unwrap().hits[0].lines, [9, 10], "a labelled item is a heading too");
    assert_eq!(
        engine.ask("배포 실패하면 어떻게 해?", 3).unwrap().hits[0].lines,
        [9, 10],
        "more than the heading: ranked as usual"
    );
}

#[test]
fn of_sibling_headings_naming_the_question_the_one_whose_text_answers_leads() {
    let fixture = Fixture::new();
    let note = "# 알고리즘\n\n## DFS와 BFS의 장단점\n\n### BFS 장점\n\n너비 우선이라 최단 경로를 보장한다.\n\n\
                ### DFS 단점\n\nDFS는 답이 아닌 경로가 깊으면 빠져나오지 못한다.\n";
    fixture.write("algo.md", note.as_bytes());
    let answer = fixture.engine().ask("DFS 단점 뭐임", 3).unwrap();
    assert!(answer.hits[0].heading.ends_with("DFS 단점"), "not the first sibling in the notes: {:?}", answer.hits);
}

#[test]
fn a_loanword_read_in_pieces_still_names_the_heading_asked_about() {
    let fixture = Fixture::new();
    let note = "# Naming Convention\n\n## Pascal Case(파스칼 표기법)\n\n- 첫 단어를 대문자로 시작하는 표기법\n\n\
                ## Hungarian Notation(헝가리언 표기법)\n\n- 맨 앞에 접두어로 자료형이 붙는 표기법\n\
                - 가독성이 떨어져 요즘은 쓰지 않는다\n";
    fixture.write("naming.md", note.as_bytes());
    let engine = fixture.engine();
    let (answer, reading) = engine.explain("헝가리언 표기법 왜 안 써", 3).unwrap();
    // The dictionary reads `헝가리언` as pieces one of which is a verb (`가리`); the shorter
    // sibling heading that names only `표기법` must not lead for it.
    assert!(reading.iter().any(|concept| concept.word == "헝가리언"), "{reading:?}");
    assert!(answer.hits[0].heading.contains("Hungarian"), "{:?}", answer.hits);
}

#[test]
fn a_name_shared_by_two_notes_shows_one_and_names_the_other() {
    let fixture = Fixture::new();
    fixture.write("a/deploy.md", "# 배포\n\n배포는 금요일에 하지 않는다.\n".as_bytes());
    fixture.write("b/deploy.md", "# 배포\n\n배포 전에 스테이징에서 확인한다.\n".as_bytes());
    let engine = fixture.engine();
    let view = engine.topic("배포").unwrap();
    assert_eq!(view.topic.source, "a/deploy.md");
    let others: Vec<&str> = view.others.iter().map(|t| t.source.as_str()).collect();
    assert_eq!(others, ["b/deploy.md"]);
    let picked = engine.topic("배포 · b/deploy.md").unwrap();
    assert_eq!(picked.topic.source, "b/deploy.md");
    assert!(picked.text.contains("스테이징") && picked.others.is_empty());
    for pasted in ["배포 ㆍ b/deploy.md", "배포 · ./b/deploy.md", "배포 · b/deploy.md:3"] {
        assert_eq!(engine.topic(pasted).map(|v| v.topic.source), Some("b/deploy.md".to_string()), "{pasted}");
    }
    assert!(engine.topic("배포 · c/deploy.md").is_none(), "a note that does not exist matches nothing");
}

#[test]
fn a_heading_a_note_has_twice_is_reached_by_its_line() {
    let fixture = Fixture::new();
    let note = "# 운영\n\n* HPA\n  * CPU 기준으로 늘림\n\n## HPA\n\n최소 2개, 최대 10개.\n";
    fixture.write("ops.md", note.as_bytes());
    let engine = fixture.engine();
    let first = engine.topic("HPA").unwrap();
    assert_eq!(first.topic.lines, [3, 4]);
    let names: Vec<&str> = first.others.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["운영 › HPA · ops.md:6"]);
    let second = engine.topic(names[0]).unwrap();
    assert_eq!(second.topic.lines, [6, 8]);
    assert!(second.text.contains("최대 10개"), "{}", second.text);
}

#[test]
fn topic_names_are_plain_text_and_long_lists_of_others_are_counted() {
    let fixture = Fixture::new();
    let mut note = String::from(
        "# 도구\n\n* **Redis**\n  * 캐시\n\n* [Grafana](https://grafana.com)\n  * 대시보드\n\n* `TIME_WAIT` 많을 때\n  * ss로 센다\n\n",
    );
    for i in 0..8 {
        note.push_str(&format!("## 점검 {i}\n\n내용 {i}\n\n"));
    }
    fixture.write("tools.md", note.as_bytes());
    let engine = fixture.engine();
    let headings: Vec<String> = engine.topics(None).into_iter().map(|t| t.heading).collect();
    for plain in ["도구 › Redis", "도구 › Grafana", "도구 › TIME_WAIT 많을 때"] {
        assert!(headings.contains(&plain.to_string()), "{plain}: {headings:?}");
    }
    let view = engine.topic("점검").unwrap();
    assert_eq!((view.others.len(), view.more_others), (5, 2), "{:?}", view.others);
}

#[test]
fn citations_link_to_lines_when_a_base_url_is_configured() {
    let fixture = Fixture::with_seed();
    let mut settings = fixture.settings();
    settings.knowledge.source_url_base = "https://github.com/team/notes/blob/main/knowledge".to_string();
    let engine = notebot::engine::Engine::open(settings).unwrap();
    let answer = engine.ask("NACL은 subnet 단위야?", 1).unwrap();
    assert_eq!(
        answer.hits[0].url.as_deref(),
        Some("https://github.com/team/notes/blob/main/knowledge/aws/overview.md#L144-L146")
    );
}

#[test]
fn the_index_persists_and_is_rebuilt_only_when_notes_change() {
    let fixture = Fixture::with_seed();
    drop(fixture.engine());
    let current = || std::fs::read_to_string(fixture.index().join("CURRENT")).unwrap();
    let first = current();
    drop(fixture.engine());
    assert_eq!(current(), first, "an unchanged folder was re-indexed");
    fixture.write("new.md", "# 신규\n\n새로운 노트: 오로라 장애 조치는 30초 안에 끝난다.\n".as_bytes());
    let engine = fixture.engine();
    assert_ne!(current(), first, "a changed folder was not re-indexed");
    assert!(engine.ask("오로라 장애 조치 시간", 3).unwrap().answered);
}

#[test]
fn an_edit_that_keeps_the_size_and_the_modification_time_is_noticed() {
    let fixture = Fixture::new();
    fixture.write("db.md", "# DB\n\n백업은 매일 새벽 3시에 돈다.\n".as_bytes());
    let path = fixture.knowledge().join("db.md");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    assert!(fixture.engine().ask("백업 몇 시에 돌아?", 3).unwrap().answer.contains("3시"));
    std::fs::write(&path, "# DB\n\n백업은 매일 새벽 4시에 돈다.\n").unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
    let answer = fixture.engine().ask("백업 몇 시에 돌아?", 3).unwrap();
    assert!(answer.answer.contains("4시"), "stale index served: {answer:?}");
}

#[test]
fn reindex_swaps_in_new_notes_and_a_failed_one_keeps_the_old_index() {
    let fixture = Fixture::with_seed();
    let engine = fixture.engine();
    assert!(!engine.ask("오로라 장애 조치는 몇 초 걸려?", 3).unwrap().answered);
    fixture.write("db/aurora.md", "# Aurora\n\n* 오로라 장애 조치\n  * 보통 30초 안에 끝난다.\n".as_bytes());
    let stats = engine.reindex().expect("reindex");
    assert_eq!(stats.files, 2);
    let answer = engine.ask("오로라 장애 조치는 몇 초 걸려?", 3).unwrap();
    assert!(answer.answered);
    assert_eq!(answer.hits[0].source, "db/aurora.md");

    std::fs::remove_dir_all(fixture.knowledge()).unwrap();
    let failed = engine.reindex().expect_err("knowledge folder is gone");
    assert!(matches!(failed, EngineError::Knowledge(_)), "{failed}");
    assert!(engine.ask("오로라 장애 조치는 몇 초 걸려?", 3).unwrap().answered, "old index stopped serving");
    assert_eq!(engine.stats().files, 2);
}

#[test]
fn concurrent_reindex_calls_rebuild_once_refuse_the_others_and_questions_keep_working() {
    let fixture = Fixture::with_seed();
    let engine = fixture.engine();
    let store = IndexStore::new(fixture.index());
    let before = store.current().expect("a live generation");
    // The test holds the folder's build lock, so the one call that gets to rebuild waits for it
    // while holding the engine's rebuild: the three others must be refused, whatever the timing.
    let lock = store.lock_for_build().unwrap();
    let (done, results) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            let (done, engine) = (done.clone(), &engine);
            scope.spawn(move || done.send(engine.reindex().map(|stats| stats.files)).unwrap());
        }
        // A call that waited for the lock instead of being refused would never answer here.
        let next = || results.recv_timeout(std::time::Duration::from_secs(60)).expect("a call returned");
        for _ in 0..3 {
            let refused = next();
            assert!(matches!(refused, Err(EngineError::ReindexInProgress)), "{refused:?}");
        }
        for _ in 0..20 {
            assert!(engine.ask("NACL은 subnet 단위야?", 1).unwrap().answered);
        }
        drop(lock);
        assert_eq!(next().expect("the waiting call rebuilds"), 1);
    });
    let after = store.current().expect("a live generation");
    assert_ne!(after, before, "no new generation");
    // Publishing keeps the new generation and the one before it: a second rebuild would have
    // removed `before`.
    let mut generations: Vec<_> = std::fs::read_dir(fixture.index())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with("gen-"))
        .collect();
    generations.sort();
    let mut expected = vec![before, after];
    expected.sort();
    assert_eq!(generations, expected, "exactly one rebuild");
}

#[test]
fn a_generation_decodes_each_cited_chunk_once_and_keeps_its_stored_fields() {
    let fixture = Fixture::new();
    fixture.write(
        "ops/deploy.md",
        "# 배포\n\n## 롤백\n\n- 롤백은 이전 태그로 다시 배포한다\n- 배포 전에 알림을 보낸다\n".as_bytes(),
    );
    let analyzer = Analyzer::shared().unwrap();
    let knowledge =
        notebot::knowledge::load(&fixture.knowledge(), 1, &notebot::knowledge::PageOptions::default()).unwrap();
    let store = IndexStore::new(fixture.index());
    let open = notebot::index::build(&store, &knowledge, "fixture".into(), &analyzer, 1).unwrap();
    let chunks: Vec<_> =
        (0..open.searcher.num_docs() as u32).map(|doc| open.chunk(DocAddress::new(0, doc)).unwrap()).collect();
    let rollback = chunks.iter().find(|c| c.text.contains("이전 태그")).expect("the rollback item is stored");
    assert_eq!(rollback.source, "ops/deploy.md");
    assert_eq!(rollback.kind, ChunkKind::Section);
    assert_eq!(rollback.heading, "배포 › 롤백");
    assert!(rollback.lines[0] >= 5 && rollback.lines[1] <= 6, "{:?}", rollback.lines);
    for (doc, chunk) in chunks.iter().enumerate() {
        let again = open.chunk(DocAddress::new(0, doc as u32)).unwrap();
        assert!(Arc::ptr_eq(chunk, &again), "chunk {doc} was decoded twice");
    }
}
