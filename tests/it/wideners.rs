//! Each widener alone and in the pipeline: what it adds for a question written for it, and
//! that alone it adds nothing but its own kinds of variant.

use notebot::search::{QueryPlan, Widener, Wideners, QUESTION_WIDENERS, WORD_WIDENERS};

use notebot::engine::Engine;

use crate::common::Fixture;

const NOTE: &str = "# 인프라\n\n\
## 백업\n\n* EBS snapshot 은 매일 새벽에 뜬다\n\n\
## 캐시\n\n* cache 는 redis 에 둠\n\n\
## 스크립트\n\n* python 스크립트는 cron 으로 돌림\n\n\
## 확장\n\n* scaling 정책은 CPU 기준\n\n\
## 운영\n\n* 장애 때는 스레드 덤프 부터 뜸\n\n\
## HPA\n\n* auto scaling 기준은 CPU 사용률\n\n\
## 배포\n\n* Deployment 는 ReplicaSet 으로 pod 개수를 유지함\n\n\
## 네트워크\n\n* NACL 은 inbound 와 outbound 규칙을 모두 넣어야 한다\n\n\
## 패킷\n\n* tcpdump 는 -w 옵션으로 저장\n\n\
## 협업\n\n* workspace 는 팀별로 하나\n\n\
## 레디스\n\n* 자료구조 는 hash 를 주로 씀\n\n\
## 방화벽\n\n* 보안 그룹 은 stateful\n\n\
## 카프카\n\n* order-events 토픽은 replication factor 3 으로 만듬\n\n\
## 부하 분산\n\n* RoundRobin 방식이 기본\n\n\
## DNS\n\n* Round Robin DNS 는 죽은 서버도 알려 준다\n\n\
## 빌드\n\n* 파이프라인 은 매일 밤 돈다\n\n\
## CI\n\n* pipeline 파일은 yaml 이다\n\n\
## 로그\n\n* 로그 파일은 rotated 되어 쌓인다\n\n\
## 보관\n\n* rotate 주기는 하루\n\n\
## 입력\n\n* 검색창 입력은 디바운스 로 묶음\n\n\
## 스크롤\n\n* scroll 핸들러는 debounce 없이 둠\n\n\
## 메모리\n\n* 가비지 콜렉션 은 새벽에 돈다\n";

/// Variants made while reading the question, before any widener runs.
fn is_read(widener: Widener) -> bool {
    matches!(widener, Widener::Typed | Widener::WrittenForm | Widener::Parts)
}

/// The widened variants of `plan`: (terms, the widener that made them).
fn widened(plan: &QueryPlan) -> Vec<(Vec<String>, Widener)> {
    plan.variants.iter().filter(|v| !is_read(v.widener)).map(|v| (v.terms.clone(), v.widener)).collect()
}

fn has(plan: &QueryPlan, term: &str) -> bool {
    widened(plan).iter().any(|(terms, _)| terms.iter().any(|t| t == term))
}

/// Checks one widener on a question written for it: alone it finds `form` and adds only
/// `adds`; reading alone does not find `form`; the whole pipeline keeps it.
fn check_alone_and_in_pipeline(engine: &Engine, alone: Wideners<'_>, adds: &[Widener], case: (&str, &str, &str)) {
    let (name, question, form) = case;
    let plan = engine.read_with(question, alone);
    assert!(has(&plan, form), "{name} alone finds {form} for {question}: {:?}", widened(&plan));
    for (terms, kind) in widened(&plan) {
        assert!(adds.contains(&kind), "{name} alone added {terms:?} as {kind:?}");
    }
    let none = engine.read_with(question, Wideners { question: &[], word: &[] });
    assert!(!has(&none, form), "{form} comes from {name}, not from reading {question}");
    let all = engine.read_with(question, Wideners::all());
    assert!(has(&all, form), "the pipeline keeps {form} for {question}: {:?}", widened(&all));
}

fn engine() -> (Fixture, Engine) {
    let fixture = Fixture::new();
    fixture.write("infra.md", NOTE.as_bytes());
    let engine = fixture.engine();
    (fixture, engine)
}

#[test]
fn each_question_widener_alone_adds_its_own_kind_and_the_pipeline_keeps_it() {
    let (_fixture, engine) = engine();
    let cases: [(&str, &str, &str); 12] = [
        ("loanwords", "디플로이먼트가 pod 개수 유지해?", "deployment"),
        ("english of known loanwords", "디바운스 언제 써?", "debounce"),
        ("hangul spellings", "가비지 컬렉션 언제 돌아?", "콜렉션"),
        ("loanwords of known words", "pipeline 언제 돌아?", "파이프라인"),
        ("inflections of known words", "rotated 주기 얼마야?", "rotate"),
        ("written words", "아웃바운드 규칙도 넣어야 해?", "outbound"),
        ("spaced words", "tcp dump 저장 옵션", "tcpdump"),
        ("spaced loanwords", "워크 스페이스 몇 개야?", "workspace"),
        ("hangul typos", "보얀 그룹은 stateful이야?", "보안"),
        ("aliases and translations", "security 그룹은 stateful이야?", "보안"),
        ("abbreviations", "order-events 토픽 RF 몇이야?", "replication"),
        ("words written apart", "roundrobin dns 문제", "robin"),
    ];
    assert_eq!(QUESTION_WIDENERS.each_ref().map(|w| w.name), cases.map(|(name, _, _)| name), "a case each, in order");
    for (widener, case) in QUESTION_WIDENERS.iter().zip(cases) {
        let alone = Wideners { question: std::slice::from_ref(widener), word: &[] };
        check_alone_and_in_pipeline(&engine, alone, widener.adds, case);
    }
}

#[test]
fn each_word_widener_alone_adds_its_own_kind_and_the_pipeline_keeps_it() {
    let (_fixture, engine) = engine();
    let cases: [(&str, &str, &str); 6] = [
        ("singulars", "snapshots 언제 떠?", "snapshot"),
        ("stems", "caching 어디에 둬?", "cache"),
        ("versions", "python3 스크립트 뭘로 돌려?", "python"),
        ("corrections", "scailing 정책 기준", "scaling"),
        ("hangul loanwords", "when is a thread dump taken?", "스레드"),
        ("splits", "autoscaling 기준이 뭐야?", "auto"),
    ];
    assert_eq!(WORD_WIDENERS.each_ref().map(|w| w.name), cases.map(|(name, _, _)| name), "a case each, in order");
    for (widener, case) in WORD_WIDENERS.iter().zip(cases) {
        let alone = Wideners { question: &[], word: std::slice::from_ref(widener) };
        check_alone_and_in_pipeline(&engine, alone, &[widener.adds], case);
    }
}

#[test]
fn every_kind_of_variant_has_a_widener_or_comes_from_reading() {
    let mut kinds: Vec<Widener> = QUESTION_WIDENERS.iter().flat_map(|w| w.adds.iter().copied()).collect();
    kinds.extend(WORD_WIDENERS.iter().map(|w| w.adds));
    for kind in [
        Widener::Alias,
        Widener::Translation,
        Widener::Singular,
        Widener::Stem,
        Widener::Version,
        Widener::Correction,
        Widener::Loanword,
        Widener::Joined,
        Widener::Apart,
        Widener::Split,
        Widener::SpelledOut,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} has no widener");
    }
    for widener in &QUESTION_WIDENERS {
        assert!(!widener.reads.is_empty() && !widener.name.is_empty());
    }
}

#[test]
fn docs_list_the_wideners_in_the_order_they_run() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ranking.md")).unwrap();
    let listed = |names: Vec<&str>| {
        let places: Vec<usize> = names
            .iter()
            .map(|name| docs.find(&format!("*{name}*")).unwrap_or_else(|| panic!("docs/ranking.md names {name}")))
            .collect();
        assert!(places.windows(2).all(|pair| pair[0] < pair[1]), "in order: {names:?}");
    };
    listed(WORD_WIDENERS.iter().map(|w| w.name).collect());
    listed(QUESTION_WIDENERS.iter().map(|w| w.name).collect());
}
