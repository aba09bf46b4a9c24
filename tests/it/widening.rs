//! How a question reaches notes written with other words: alias groups, Latin typos, Hangul
//! loanwords for the notes' English words, compound words counted once, and the words an
//! answer could not find.

use notebot::analysis::Analyzer;
use notebot::search::{Aliases, QueryPlan};

use crate::common::{shipped_engine, Fixture};

const NETWORK_NOTE: &str = "# Network\n\n\
* NACL\n  * stateless라서 inbound와 outbound 규칙을 모두 넣어야 한다.\n\n\
* Flow logs\n  * 10분 정도 늦게 쌓인다.\n\n\
![](/images/diagram.png)\n";

/// An engine over one note (the fixture keeps its folders alive).
fn engine_over(name: &str, note: &str) -> (Fixture, notebot::engine::Engine) {
    let fixture = Fixture::new();
    fixture.write(name, note.as_bytes());
    let engine = fixture.engine();
    (fixture, engine)
}

/// How `engine` reads `question`: each concept's word and the forms searched for it.
fn reading(engine: &notebot::engine::Engine, question: &str) -> Vec<(String, Vec<String>)> {
    let (_answer, reading) = engine.explain(question, 3).unwrap();
    reading.into_iter().map(|c| (c.word, c.variants.into_iter().map(|v| v.terms).collect())).collect()
}

/// An engine over [`NETWORK_NOTE`].
fn network_engine() -> (Fixture, notebot::engine::Engine) {
    engine_over("net.md", NETWORK_NOTE)
}

#[test]
fn hangul_loanwords_find_the_english_words_of_the_notes() {
    let (_fixture, engine) = network_engine();
    let answer = engine.ask("아웃바운드 규칙도 넣어야 해?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "Network › NACL");
    assert!(answer.unknown.is_empty(), "아웃바운드 should count as outbound: {:?}", answer.unknown);
}

#[test]
fn english_words_find_only_hangul_nouns_by_sound() {
    let note = "# 운영\n\n* 워커는 다 살아있어요. 스레드 덤프도 떠 둠.\n\n* 스케줄러는 새벽에 돌릴때 느림\n";
    let (_fixture, engine) = engine_over("ops.md", note);
    let forms: Vec<String> = reading(&engine, "How many threads?").into_iter().flat_map(|(_, forms)| forms).collect();
    assert!(forms.contains(&"스레드".to_string()), "the loanword is found: {forms:?}");
    assert!(!forms.iter().any(|f| f.contains("살아") || f.contains("돌릴")), "verbs are not loanwords: {forms:?}");
}

#[test]
fn an_english_word_the_notes_lack_finds_only_loanwords_whose_vowels_and_consonants_agree() {
    let note = "# 렌더링\n\n* 프레임 마다 화면을 다시 그린다.\n\n* 드라마 시리즈 는 매주 올라온다.\n";
    let (_fixture, engine) = engine_over("render.md", note);
    let forms: Vec<String> =
        reading(&engine, "pulumi 로 배포하는 법").into_iter().flat_map(|(_, forms)| forms).collect();
    assert!(!forms.iter().any(|f| f == "프레임"), "one skeleton, other vowels: {forms:?}");
    let forms: Vec<String> =
        reading(&engine, "new series 언제 나와?").into_iter().flat_map(|(_, forms)| forms).collect();
    assert!(forms.iter().any(|f| f == "시리즈"), "a final s sounding z: {forms:?}");
}

#[test]
fn a_loanword_read_with_its_particle_still_finds_the_english_word() {
    let note = "# 모니터링\n\n* Alertmanager 는 알람을 묶어서 슬랙으로 보냄\n\n* 대시보드는 git 에 백업함\n";
    let (_fixture, engine) = engine_over("monitoring.md", note);
    assert_answered_by(&engine, "알럿매니저가 뭐 하는 거야?", "Alertmanager");
}

#[test]
fn a_loanword_written_apart_is_read_whole() {
    let note =
        "# Terraform\n\n* workspace 방식은 prod 에 잘못 apply 할 뻔해서 안 씀\n\n* 모듈은 버전 태그로 고정함\n\n\
* 모니터링 대시보드는 그라파나로 봄\n";
    let (_fixture, engine) = engine_over("tf.md", note);
    assert_answered_by(&engine, "워크 스페이스 방식 왜 안 써?", "workspace");
    let answer = engine.ask("대시 보드는 뭘로 봐?", 3).unwrap();
    assert!(answer.hits[0].text.contains("대시보드"), "the notes write it joined: {answer:?}");

    let note = "# Docker\n\n* HEALTHCHECK 는 30초마다 돈다\n\n* 헬스체크용 바이너리는 슬림 이미지에 따로 넣음\n\n\
* 컨테이너 재시작 정책은 always\n";
    let (_fixture, engine) = engine_over("docker.md", note);
    let forms = reading(&engine, "헬스 체크 몇 초마다 돌아?");
    let pair = forms.iter().filter(|(word, _)| word == "헬스" || word == "체크");
    assert!(
        pair.clone().count() == 2 && pair.clone().all(|(_, forms)| forms.contains(&"healthcheck".to_string())),
        "{forms:?}"
    );
    let forms = reading(&engine, "컨테이너 안에 파일 남아?");
    let inside = forms.iter().find(|(word, _)| word == "안").map(|(_, forms)| forms.clone()).unwrap_or_default();
    assert!(!inside.contains(&"container".to_string()), "안에 adds no sound to 컨테이너: {forms:?}");
}

const K8S_NOTE: &str = "# Kubernetes\n\n\
* Deployment\n  * ReplicaSet으로 pod 개수를 유지함\n\n\
* Ingress\n  * ingressClassName 안 적으면 default IngressClass 로 감\n\n\
* 체크 방식\n  * httpGet, tcpSocket, grpc 중 하나\n\n\
* tcpdump\n  * -w 옵션으로 pcap 파일에 저장\n\n\
* HPA\n  * auto scaling 기준은 CPU 사용률\n\n\
* 레스토랑 인근\n  * 팀 회식 장소\n";

#[test]
fn loanwords_the_dictionary_cuts_up_are_read_whole() {
    let (_fixture, engine) = engine_over("k8s.md", K8S_NOTE);
    for (question, heading) in [
        ("디플로이먼트가 pod 개수 유지해줘?", "Kubernetes › Deployment"),
        ("인그레스 클래스 안 적으면 어디로 가?", "Kubernetes › Ingress"),
    ] {
        let answer = engine.ask(question, 3).unwrap();
        assert!(answer.answered, "{question}: {answer:?}");
        assert_eq!(answer.hits[0].heading, heading, "{question}");
    }
    let read = reading(&engine, "인그레스 설정");
    let read: Vec<_> = read.into_iter().filter(|(word, _)| word != "설정").collect();
    assert!(read.len() > 1, "the dictionary cuts it: {read:?}");
    assert!(read.iter().all(|(word, forms)| word == "인그레스" && forms.contains(&"ingress".to_string())), "{read:?}");
}

#[test]
fn acronyms_are_not_matched_by_sound() {
    let (_fixture, engine) = engine_over("k8s.md", K8S_NOTE);
    let read = reading(&engine, "카프카 파티션");
    assert!(read.iter().all(|(_, forms)| !forms.contains(&"grpc".to_string())), "카프카 is not g-r-p-c: {read:?}");
}

#[test]
fn english_words_written_apart_or_together_meet_the_notes() {
    let (_fixture, engine) = engine_over("k8s.md", K8S_NOTE);
    let spaced = engine.ask("tcp dump 파일로 저장하는 옵션", 3).unwrap();
    assert_eq!(spaced.hits[0].heading, "Kubernetes › tcpdump");
    assert!(spaced.answered && spaced.unknown.is_empty(), "{spaced:?}");
    let joined = engine.ask("autoscaling 기준이 뭐야?", 3).unwrap();
    assert_eq!(joined.hits[0].heading, "Kubernetes › HPA");
    assert!(joined.answered, "{joined:?}");
    let camel = engine.ask("ingress class name 안 적으면?", 3).unwrap();
    assert_eq!(camel.hits[0].heading, "Kubernetes › Ingress");
}

#[test]
fn short_native_words_do_not_match_english_look_alikes() {
    let (_fixture, engine) = network_engine();
    // 판교 sounds like `png` (the image name in the note) but is a place, not a loanword.
    let answer = engine.ask("판교 날씨 어때?", 3).unwrap();
    assert!(!answer.answered, "{answer:?}");
    assert_eq!(answer.unknown, vec!["판교", "날씨"]);
}

#[test]
fn answers_name_the_words_the_notes_never_mention() {
    let answer = shipped_engine().ask("ALB에서 WebSocket 지원돼?", 3).unwrap();
    assert!(answer.unknown.contains(&"websocket".to_string()), "{:?}", answer.unknown);
    assert!(answer.unmatched.contains(&"websocket".to_string()));
    assert!(!answer.unknown.contains(&"alb".to_string()));
}

#[test]
fn a_compound_word_is_one_concept_with_its_parts_as_a_variant() {
    let analyzer = Analyzer::shared().unwrap();
    let plan = QueryPlan::from_question(&analyzer, "VPN게이트웨이");
    let concepts: Vec<&str> = plan.concepts.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(concepts, vec!["vpn", "게이트웨이"]);
    let gateway = 1;
    let parts = plan.variants.iter().find(|v| v.concept == gateway && v.terms.len() == 2);
    assert_eq!(parts.map(|v| v.terms.clone()), Some(vec!["게이트".to_string(), "웨이".to_string()]));
    let part_weight = plan.terms.iter().find(|t| t.text == "게이트").map(|t| t.weight);
    assert!(part_weight.is_some_and(|w| w < 1.0), "parts weigh less than the word: {part_weight:?}");
}

#[test]
fn spaced_and_unspaced_compounds_find_each_other() {
    let (_fixture, engine) =
        engine_over("gw.md", "# Gateways\n\n* VPN 게이트 웨이는 온프레미스와 암호화 통신에 쓴다.\n");
    let answer = engine.ask("VPN게이트웨이는 언제 써?", 1).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert!(answer.unmatched.is_empty(), "{:?}", answer.unmatched);
}

#[test]
fn analysis_is_the_same_on_every_thread_and_every_time() {
    let analyzer = Analyzer::shared().unwrap();
    let text = "트래픽이 몰릴 때 로드밸런서가 스케일링되는 방식";
    let first = analyzer.analyze(text);
    assert_eq!(analyzer.analyze(text), first, "the entry memo changed a second analysis");
    let other = std::thread::spawn(move || Analyzer::shared().unwrap().analyze(text)).join().unwrap();
    assert_eq!(other, first);
}

#[test]
fn english_plurals_find_the_singular_of_the_notes() {
    let (_fixture, engine) =
        engine_over("ebs.md", "# EBS\n\n* snapshot 요금은 실제 사용량 기준이다.\n* AZ 하나에만 붙는다.\n");
    let answer = engine.ask("Are snapshots billed by usage?", 1).unwrap();
    assert!(answer.hits[0].text.contains("snapshot 요금"), "{answer:?}");
    assert!(!answer.unknown.contains(&"snapshots".to_string()), "{:?}", answer.unknown);
}

#[test]
fn english_words_find_the_hangul_loanwords_of_the_notes() {
    let note = "# 지원\n\n* 보안 지원 프로그램이 있다.\n* 인증서 발급은 무료다.\n* 이벤트 알림\n";
    let (_fixture, engine) = engine_over("support.md", note);
    let answer = engine.ask("Is there a support program?", 1).unwrap();
    assert!(answer.hits[0].text.contains("프로그램"), "{answer:?}");
    assert!(!answer.unknown.contains(&"program".to_string()), "{:?}", answer.unknown);
    // Two-syllable native words are not loanwords: `vlookup` must not find 발급 (plkp).
    let unrelated = engine.ask("vlookup", 1).unwrap();
    assert!(unrelated.hits.is_empty(), "{unrelated:?}");
    // Four-letter words have too many look-alikes: `fund` must not find 이벤트 (pnt).
    let short = engine.ask("fund", 1).unwrap();
    assert!(short.hits.is_empty(), "{short:?}");
}

/// Asks the shipped notes and checks the question is answered from a chunk holding `expected`.
fn assert_answered_from(question: &str, expected: &str) {
    assert_answered_by(shipped_engine(), question, expected);
}

/// Asks `engine` and checks the question is answered from a chunk holding `expected`.
fn assert_answered_by(engine: &notebot::engine::Engine, question: &str, expected: &str) {
    let answer = engine.ask(question, 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert!(answer.hits[0].text.contains(expected), "{:?}", answer.hits[0]);
}

#[test]
fn quantities_are_not_names_the_notes_lack() {
    assert_answered_from("EBS 1TB짜리인데 실제 100GB만 쓰면 스냅샷 요금은?", "스냅샷");
}

#[test]
fn a_number_with_a_magnitude_word_is_not_the_bare_number() {
    let note = "# Limits\n\n* 큐 하나에 메시지 1,000,000건까지 쌓을 수 있다.\n\n* 가용성 SLA 100%를 보장한다.\n";
    let (_fixture, engine) = engine_over("limits.md", note);
    assert_answered_by(&engine, "큐에 100만 건 넘게 쌓여도 돼?", "1,000,000건");
    let question = engine.ask("SLA 100만 건 기준 요금 얼마?", 3).unwrap();
    assert!(!question.answered, "only the 100 of 100% and SLA matched: {question:?}");
}

#[test]
fn an_english_question_naming_a_place_the_notes_lack_is_declined() {
    let answer = shipped_engine().ask("How many AZs does the Seoul region have?", 3).unwrap();
    assert!(!answer.answered, "{answer:?}");
    assert_eq!(answer.unknown, vec!["seoul"]);
    let lower_case = shipped_engine().ask("are azs separate data centers?", 3).unwrap();
    assert!(!lower_case.unknown.contains(&"azs".to_string()), "azs reads as az: {:?}", lower_case.unknown);
}

#[test]
fn a_korean_question_is_not_declined_for_an_ordinary_english_word() {
    // `hardware` is a glossary word (하드웨어), absent from the note in both languages: an
    // ordinary word, not a name of something the note does not cover.
    let answer = shipped_engine().ask("EBS에 hardware 문제 생기면 AWS가 알려줘?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert!(answer.hits[0].text.contains("EBS"), "{:?}", answer.hits[0]);
    // A word nobody knows, lower-case or not, still names what the note lacks.
    let unknown = shipped_engine().ask("VPC 피어링은 transitive routing 지원해?", 3).unwrap();
    assert!(!unknown.answered, "{unknown:?}");
    assert!(unknown.unknown.contains(&"transitive".to_string()), "{:?}", unknown.unknown);
}

#[test]
fn english_frame_words_neither_count_against_a_question_nor_are_reported_missing() {
    let answer = shipped_engine().ask("What exactly is provisioned concurrency in Lambda used for?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    for frame in ["exactly", "used"] {
        assert!(!answer.unknown.contains(&frame.to_string()), "{frame}: {:?}", answer.unknown);
    }
    let title_case = shipped_engine().ask("What Exactly Is Provisioned Concurrency In Lambda For?", 3).unwrap();
    assert!(title_case.answered, "a capitalised frame word is not a name: {title_case:?}");
    let negated = shipped_engine().ask("Why didn't my Lambda start faster with provisioned concurrency?", 3).unwrap();
    assert!(!negated.unmatched.contains(&"didn".to_string()), "{:?}", negated.unmatched);
}

#[test]
fn asking_for_a_link_finds_the_line_that_holds_one() {
    assert_answered_from("AWS 스타트업용 사이트 링크 노트에 있었나?", "awsstartup.io");
}

#[test]
fn a_spelled_out_alias_is_found_however_the_sentence_cuts_it() {
    let fixture = Fixture::new();
    fixture.write("_aliases.toml", "groups = [[\"NLB\", \"엔엘비\"], [\"CLB\", \"씨엘비\"]]\n".as_bytes());
    fixture.write("lb.md", "# LB\n\n* NLB\n  * port 기반으로 트래픽을 처리함\n\n* CLB\n  * 이전 세대\n".as_bytes());
    let engine = fixture.engine();
    // In this sentence the dictionary reads 엔엘비는 as 엔 + 비, not as the alias entry.
    let answer = engine.ask("엔엘비는 뭘 기준으로 트래픽 나눠?", 1).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "LB › NLB");
    assert!(answer.unknown.is_empty(), "엔엘비 is known as NLB, and 기준 is an ordinary question word: {answer:?}");
}

#[test]
fn a_word_cut_differently_in_the_note_and_the_question_still_meets() {
    let note = "# 한강\n\n## 개요\n\n한강은 길이 약 494킬로미터의 강이다.\n\n## 다리\n\n한강에는 다리가 많다.\n";
    let (_fixture, engine) = engine_over("river.md", note);
    // The dictionary reads the note's `길이 약` as 길 + particle 이, the question's `길이가` as 길이.
    let answer = engine.ask("한강은 길이가 몇 킬로미터야?", 1).unwrap();
    assert_eq!(answer.hits[0].heading, "한강 › 개요");
    assert!(answer.unmatched.is_empty(), "길이 is found as written: {:?}", answer.unmatched);
}

const OPERATIONS_NOTE: &str = "# 운영\n\n\
## 장애 대응\n\n\
* 장애가 나면 먼저 대시보드에서 오류 로그를 확인하고 복구 절차를 따른다.\n\n\
## 배포\n\n\
* 배포는 매주 화요일 오후에 한다.\n";

#[test]
fn the_built_in_glossary_lets_english_questions_find_korean_notes() {
    let (fixture, engine) = engine_over("ops.md", OPERATIONS_NOTE);
    let answer = engine.ask("Where do I look for error logs in an outage?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "운영 › 장애 대응");
    let answer = engine.ask("Which day do we deploy?", 3).unwrap();
    assert_eq!(answer.hits[0].heading, "운영 › 배포", "{answer:?}");

    let mut settings = fixture.settings();
    settings.search.glossary = false;
    let without = notebot::engine::Engine::open(settings).unwrap();
    let answer = without.ask("Where do I look for error logs in an outage?", 3).unwrap();
    assert!(!answer.answered, "without the glossary no word of the question is in the note: {answer:?}");
}

#[test]
fn everyday_words_for_inside_and_outside_find_the_notes_terms() {
    let note = "# Network\n\n* 내부 트래픽은 라우팅 테이블대로 간다.\n\n* 외부 트래픽은 NAT 게이트웨이로 간다.\n";
    let (_fixture, engine) = engine_over("net.md", note);
    let answer = engine.ask("밖으로 가는 트래픽은 뭘 거쳐?", 3).unwrap();
    assert!(answer.hits[0].text.contains("외부"), "{answer:?}");
    let answer = engine.ask("VPC 안에서 도는 트래픽은 뭘 거쳐?", 3).unwrap();
    assert!(answer.hits[0].text.contains("내부"), "{answer:?}");
}

#[test]
fn a_broken_team_alias_file_keeps_the_glossary() {
    let (fixture, _) = engine_over("ops.md", OPERATIONS_NOTE);
    fixture.write("_aliases.toml", b"groups = [[\"unterminated\"\n");
    let engine = fixture.engine();
    let answer = engine.ask("Where do I look for error logs in an outage?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "운영 › 장애 대응");
}

/// What an alias built from `groups` finds for the one-term question `word`.
fn alias_matches(groups: &[&[&str]], word: &str) -> Vec<notebot::search::AliasMatch> {
    let groups: Vec<Vec<String>> = groups.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect();
    Aliases::from_groups(&groups, &Analyzer::shared().unwrap()).find(&[word.to_string()])
}

#[test]
fn groups_sharing_an_entry_are_one_group() {
    let found = alias_matches(&[&["latency", "지연"], &["지연", "lag"], &["unrelated", "other"]], "latency");
    assert_eq!(found.len(), 1);
    assert!(found[0].alternatives.contains(&vec!["lag".to_string()]), "{found:?}");
    assert!(found[0].alternatives.contains(&vec!["지연".to_string()]), "{found:?}");
    assert!(!found[0].alternatives.contains(&vec!["other".to_string()]), "{found:?}");
}

#[test]
fn a_compound_alias_entry_is_found_whole_or_in_parts() {
    // `사용자` alone is read whole with its parts (`사용`, `자`); in `사용자 관리` the dictionary
    // reads `사용` and a suffix. A chunk holds the word one way or the other, rarely both.
    let found = alias_matches(&[&["user", "사용자"]], "user");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].alternatives.contains(&vec!["사용자".to_string()]), "{found:?}");
    let parts = vec!["사용".to_string(), "자".to_string()];
    assert!(found[0].alternatives.contains(&parts), "{found:?}");
    assert!(found[0].alternatives.iter().all(|way| way.len() < 3), "whole and parts together: {found:?}");
}

#[test]
fn an_english_question_finds_a_korean_compound_the_dictionary_cut_differently() {
    let note = "# 인증\n\n## 코그니토\n\n\
* cognitor 사용자풀은 사용자 관리해주는 기능. 전화번호 확인도 된다.\n\n\
## 배포\n\n* 배포는 매주 화요일 오후에 한다.\n";
    let (_fixture, engine) = engine_over("auth.md", note);
    let answer = engine.ask("cognitor user pool 뭐 하는 거야", 3).unwrap();
    assert!(answer.answered, "`user` is `사용자` and `pool` is `풀`: {answer:?}");
    assert_eq!(answer.hits[0].heading, "인증 › 코그니토");
    assert_eq!(answer.unmatched, Vec::<String>::new(), "every word is in the cited section");
}

#[test]
fn a_word_as_written_stands_for_every_piece_the_dictionary_cut_it_into() {
    let note = "# 자료\n\n## 다시보기\n\n* [웨비나 다시보기](https://example.com/replay)\n\n\
## 블로그\n\n* 팀 블로그 주소는 위키에 있다.\n";
    let (_fixture, engine) = engine_over("resources.md", note);
    // The question's `웨비나` is read as `웨` + `비나`, the note's as `웨비` + particle.
    let answer = engine.ask("지난 웨비나 녹화본 다시 보려면 어디로 가?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "자료 › 다시보기");
    assert!(!answer.unmatched.contains(&"비나".to_string()), "{:?}", answer.unmatched);
}

#[test]
fn an_english_plural_matches_an_alias_entry_written_in_the_singular() {
    let analyzer = Analyzer::shared().unwrap();
    let groups = vec![vec!["NACL".to_string(), "network ACL".to_string()]];
    let aliases = Aliases::from_groups(&groups, &analyzer);
    let found = aliases.find(&["network".to_string(), "acls".to_string()]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].start, found[0].len), (0, 2));
    assert_eq!(found[0].alternatives, vec![vec!["nacl".to_string()]]);
    assert!(aliases.find(&["network".to_string(), "acts".to_string()]).is_empty());
}

#[test]
fn misspellings_of_short_skeleton_and_long_words_are_corrected() {
    let note = "# 스프링\n\n## Actuator\n\n* 기본으로 HTTP 로는 `/actuator/health` 만 열려 있음\n\n\
## 트랜잭션 전파 (propergation)\n\n* 기본값은 REQUIRED, 바깥 트랜잭션에 참여\n\n## 배포\n\n* 배포는 화요일\n";
    let (_fixture, engine) = engine_over("spring.md", note);
    // `actuator`'s consonant skeleton is too short to be matched by sound, not to be misspelt.
    let answer = engine.ask("actuater 는 기본으로 뭐가 열려 있어?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "스프링 › Actuator");
    // Two edits away, in a word of eleven letters.
    let answer = engine.ask("트랜잭션 propagation 기본값이 뭐였지", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "스프링 › 트랜잭션 전파 (propergation)");
    // Two neighbouring letters swapped count as one edit.
    let answer = engine.ask("acutator 기본으로 열린 거 뭐야?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "스프링 › Actuator");
}

#[test]
fn an_abbreviation_finds_the_phrase_the_notes_spell_out() {
    let note = "# 카프카\n\n## 토픽\n\n* order-events 토픽은 파티션 12개, replication factor 3 으로 만듬\n\n\
## 레디스 자료구조\n\n* HyperLogLog\n  * 표준오차 0.81%, 키 하나에 12KB\n\n## 컨슈머\n\n* 컨슈머 그룹은 서비스마다 하나\n";
    let (_fixture, engine) = engine_over("kafka.md", note);
    let answer = engine.ask("order-events 토픽 RF 몇이야?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "카프카 › 토픽");
    assert!(!answer.unknown.contains(&"rf".to_string()), "RF is replication factor: {:?}", answer.unknown);
    let answer = engine.ask("HLL 표준오차 몇 퍼센트?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert_eq!(answer.hits[0].heading, "카프카 › 레디스 자료구조 › HyperLogLog");
}

#[test]
fn a_hyphenated_term_is_told_from_its_siblings_however_it_is_spaced() {
    // `through` is a function word: alone, `write-through` would be just `write`.
    let note = "# 캐시\n\n## 전략\n\n* write-back\n  * 캐시에만 쓰고 나중에 DB 로 모아서 씀, 장애 때 유실 위험\n\n\
* write-through\n  * 쓰기 때 캐시와 DB 둘 다 씀, 쓰기 지연이 늘어남\n  * 읽기는 항상 최신이라 조회 많은 서비스에서 씀\n";
    let (_fixture, engine) = engine_over("cache.md", note);
    for question in ["write through 방식 단점이 뭐야", "write-through 단점?"] {
        let answer = engine.ask(question, 3).unwrap();
        assert_eq!(answer.hits[0].heading, "캐시 › 전략 › write-through", "{question}: {answer:?}");
    }
    assert_eq!(engine.ask("write back 단점", 3).unwrap().hits[0].heading, "캐시 › 전략 › write-back");
    let read = reading(&engine, "write through 방식 단점이 뭐야");
    let write = read.iter().find(|(word, _)| word == "write").expect("write is read");
    assert!(write.1.contains(&"write-through".to_string()), "the note's hyphenated term is searched: {read:?}");
}

#[test]
fn every_shipped_alias_entry_is_searchable() {
    let analyzer = Analyzer::shared().unwrap();
    let glossary = Aliases::glossary_groups();
    assert!(glossary.iter().all(|group| group.len() >= 2), "a glossary group lists one word");
    let team = Aliases::read_groups(&crate::common::shipped_knowledge().join("_aliases.toml")).unwrap();
    let aliases = Aliases::from_groups(&[glossary, team].concat(), &analyzer);
    assert_eq!(aliases.ignored(), &[] as &[String], "entries read as nothing");
    // A word the dictionary reads as an ending is searched as written.
    let found = aliases.misread_words("알림 설정", &analyzer.analyze_normalized("알림 설정"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].alternatives.contains(&vec!["alarm".to_string()]));
}

#[test]
fn groups_bridged_by_a_later_group_are_merged_once() {
    let found = alias_matches(&[&["latency", "delay"], &["lag", "slowness"], &["delay", "lag"]], "latency");
    assert_eq!(found.len(), 1, "{found:?}");
    let mut alternatives = found[0].alternatives.concat();
    alternatives.sort();
    assert_eq!(alternatives, vec!["delay", "lag", "slowness"]);
}

#[test]
fn an_alias_of_a_compound_part_does_not_stand_for_the_whole_word() {
    let analyzer = Analyzer::shared().unwrap();
    let groups =
        vec![vec!["게이트".to_string(), "gate".to_string()], vec!["게이트웨이".to_string(), "gateway".to_string()]];
    let aliases = Aliases::from_groups(&groups, &analyzer);
    let vocabulary = notebot::search::Vocabulary::default();
    let params = notebot::search::RankingParams::default();
    for question in ["게이트웨이 설정", "게이트웨이 설정과 게이트웨이 비용"] {
        let plan = QueryPlan::build(
            &analyzer,
            question,
            notebot::search::Expansions { aliases: &aliases, vocabulary: &vocabulary, params: &params },
        );
        let concepts: Vec<&str> = plan.concepts.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(concepts[0], "게이트웨이", "{question}: {concepts:?}");
        assert!(!concepts.contains(&"게이트"), "a repeated word's parts stay parts: {concepts:?}");
        let searched: Vec<&str> = plan.variants.iter().flat_map(|v| v.terms.iter().map(String::as_str)).collect();
        assert!(searched.contains(&"gateway"), "{searched:?}");
        assert!(!searched.contains(&"gate"), "게이트 is only part of 게이트웨이: {searched:?}");
    }
}

#[test]
fn an_alias_entry_stands_for_its_inflections_both_ways() {
    let analyzer = Analyzer::shared().unwrap();
    let aliases = Aliases::from_groups(&[vec!["support".to_string(), "지원".to_string()]], &analyzer);
    for typed in ["supported", "supports", "supporting"] {
        let found = aliases.find(&[typed.to_string()]);
        assert_eq!(found.len(), 1, "{typed}: {found:?}");
        assert!(found[0].alternatives.contains(&vec!["지원".to_string()]), "{typed}: {found:?}");
    }
    assert!(aliases.find(&["supporter".to_string()]).is_empty(), "a derivation is another word");
    // The notes write the entry only inflected: the Korean question still finds them.
    let note = "# 플랜\n\nThe enterprise plan is supported in every region, with a named contact.\n";
    let (_fixture, engine) = engine_over("plans.md", note);
    let read = reading(&engine, "엔터프라이즈 지원 여부");
    let support = read.iter().find(|(word, _)| word == "지원").expect("지원 is read");
    assert!(support.1.contains(&"supported".to_string()), "{read:?}");
}
