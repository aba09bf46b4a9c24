//! What the notes teach about their own words: terms they write in both languages, English
//! inflections, and names glued to a version.

use notebot::config::Settings;
use notebot::engine::Engine;

use crate::common::Fixture;

/// Two notes: one glosses its Korean terms in English, the other is about something else.
const OS_NOTE: &str = "# 운영체제\n\n\
## 교착상태(Deadlock)\n\n\
두 프로세스가 서로의 자원을 기다리며 영원히 멈춘 상태.\n\n\
## 문맥 교환\n\n\
Context Switching(문맥 교환)은 CPU가 실행 중인 프로세스를 바꾸는 일이다.\n";
const WEB_NOTE: &str = "# Web\n\n\
## 캐시\n\n\
* cache 는 자주 쓰는 응답을 가까이 둔다.\n\n\
## 런타임\n\n\
* python 스크립트는 venv 안에서 돌린다.\n\n\
## 인덱스\n\n\
* index 는 B+트리로 만든다.\n";

fn engine() -> (Fixture, Engine) {
    let fixture = Fixture::new();
    fixture.write("os.md", OS_NOTE.as_bytes());
    fixture.write("web.md", WEB_NOTE.as_bytes());
    let engine = fixture.engine();
    (fixture, engine)
}

/// An engine over one note, and the fixture that holds it.
fn engine_over(file: &str, note: &str) -> (Fixture, Engine) {
    let fixture = Fixture::new();
    fixture.write(file, note.as_bytes());
    let engine = fixture.engine();
    (fixture, engine)
}

/// An engine over the fixture's notes with one setting changed.
fn reopened(fixture: &Fixture, change: impl FnOnce(&mut Settings)) -> Engine {
    let mut settings = fixture.settings();
    change(&mut settings);
    Engine::open(settings).unwrap()
}

fn forms(engine: &Engine, question: &str) -> Vec<String> {
    let (_, reading) = engine.explain(question, 3).unwrap();
    reading.into_iter().flat_map(|c| c.variants.into_iter().map(|v| v.terms)).collect()
}

#[test]
fn a_term_the_notes_gloss_in_english_is_found_by_the_english_word() {
    let (_fixture, engine) = engine();
    let answer = engine.ask("what is a deadlock?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert!(answer.hits[0].text.contains("영원히 멈춘"), "{:?}", answer.hits[0]);
}

#[test]
fn a_term_the_notes_gloss_in_korean_is_found_by_the_korean_word() {
    let (_fixture, engine) = engine();
    assert!(forms(&engine, "문맥교환 언제 일어나?").iter().any(|f| f == "context switching"));
}

#[test]
fn translations_can_be_turned_off() {
    let fixture = Fixture::new();
    fixture.write("os.md", OS_NOTE.as_bytes());
    let mut settings = fixture.settings();
    settings.search.translations = false;
    let engine = Engine::open(settings).unwrap();
    assert!(!forms(&engine, "deadlock").iter().any(|f| f.contains("교착")));
}

#[test]
fn explain_names_where_the_notes_write_a_translation() {
    let (_fixture, engine) = engine();
    let (_, reading) = engine.explain("deadlock", 3).unwrap();
    let variant = reading[0].variants.iter().find(|v| v.terms.contains("교착")).expect("the glossed term is searched");
    assert_eq!(variant.origin.as_deref(), Some("os.md:3"));
}

/// A note that glosses three data-structure names word for word, and two lines on storage: a
/// short one, and one that names `binary` alone.
const TREE_NOTE: &str = "# 자료구조\n\n\
## 트리\n\n\
* 이진 트리(Binary Tree)는 자식이 둘 이하인 트리이다.\n\
* 완전 이진 트리(Complete Binary Tree)는 왼쪽부터 채운다.\n\
* 이진 탐색(Binary Search)은 반씩 나눠 찾는다.\n\n\
## 저장\n\n\
* 큐는 배열에 담는다.\n\n\
* 힙은 binary 힙 하나를 배열에 담는다.\n";

#[test]
fn the_words_of_glossed_terms_pair_up_when_several_terms_agree() {
    let (fixture, engine) = engine_over("ds.md", TREE_NOTE);
    let (_, reading) = engine.explain("이진 배열", 3).unwrap();
    let variant = reading[0].variants.iter().find(|v| v.terms == "binary").expect("binary is searched for 이진");
    assert_eq!(variant.origin.as_deref(), Some("ds.md:5"), "the earliest translation that pairs them");
    let question = "이진 배열에 담는 건?";
    let answer = engine.ask(question, 3).unwrap();
    assert!(answer.hits[0].text.contains("binary"), "{:?}", answer.hits[0]);

    let engine = reopened(&fixture, |settings| settings.search.translation_word_support = 0);
    assert!(!forms(&engine, "이진 배열").iter().any(|f| f == "binary"));
    let answer = engine.ask(question, 3).unwrap();
    assert!(answer.hits[0].text.contains("큐는"), "without the pair the shorter line leads: {:?}", answer.hits[0]);
}

/// A term written glued in one note and apart in another, and a shorter line on DNS.
const BALANCING_NOTE: &str = "# 부하 분산\n\n\
## 방식\n\n\
* RoundRobin 방식은 서버를 돌아가며 고른다.\n\n\
## 캐시\n\n\
* DNS 문제는 TTL 때문이다.\n\n\
## 장애\n\n\
* Round Robin DNS 는 죽은 서버의 IP 도 알려 주는 문제가 있다.\n";

#[test]
fn a_glued_word_also_finds_the_term_the_notes_write_apart() {
    let (fixture, engine) = engine_over("lb.md", BALANCING_NOTE);
    let question = "라운드로빈 dns 문제";
    let (answer, reading) = engine.explain(question, 3).unwrap();
    let variants: Vec<_> = reading.iter().flat_map(|c| &c.variants).collect();
    let glued = variants.iter().find(|v| v.terms == "roundrobin").expect("the loanword's glued form");
    let spaced = variants.iter().find(|v| v.terms == "round robin").expect("the glued form is also searched apart");
    assert_eq!(spaced.weight, glued.weight, "no more than the guess it spaces");
    assert_eq!(spaced.origin.as_deref(), Some("lb.md:13"), "where the notes write it apart");
    assert!(answer.hits[0].text.contains("죽은 서버"), "{:?}", answer.hits[0]);

    let engine = reopened(&fixture, |settings| settings.search.weights.wideners.apart = 0.0);
    assert!(!forms(&engine, question).iter().any(|f| f == "round robin"));
    let answer = engine.ask(question, 3).unwrap();
    assert!(answer.hits[0].text.contains("TTL"), "without it the shorter line leads: {:?}", answer.hits[0]);
}

/// One note writes an English word, another its Hangul loanword; `프로세스` sounds like
/// `promise` but for its vowels.
const LOANWORD_NOTE: &str = "# JS\n\n\
## API\n\n\
* fetch 는 promise 를 반환한다.\n\n\
## 프로세스\n\n\
* 프로세스 의 결과는 로그에 담는다.\n\n\
## 비동기\n\n\
* 프로미스 는 비동기 작업의 결과를 담는다.\n";

#[test]
fn an_english_word_the_notes_write_also_finds_their_hangul_loanword_for_it() {
    let (_fixture, engine) = engine_over("js.md", LOANWORD_NOTE);
    let found = forms(&engine, "promise 결과 어디 담겨?");
    assert!(found.iter().any(|f| f == "프로미스"), "{found:?}");
    assert!(!found.iter().any(|f| f == "프로세스"), "its vowels are another word's: {found:?}");
    let answer = engine.ask("promise 결과는 어디에 담아?", 3).unwrap();
    assert!(answer.hits[0].text.contains("비동기"), "{:?}", answer.hits[0]);
    // Without the loanword no line holds `promise` with `결과` and `담`.
    assert!(answer.coverage > 0.99, "{}", answer.coverage);
}

/// `process` sounds like `프로세스`, and as much by skeleton and vowels like `브라우저`;
/// `container` like `컨테이너` and the verb form `고안된`.
const LOANWORD_LOOKALIKES_NOTE: &str = "# OS\n\n\
## Process\n\n\
* process 는 실행 중인 program 이다.\n\n\
## 스케줄링\n\n\
* 프로세스 를 번갈아 실행하는 순서를 정한다.\n\n\
## 렌더링\n\n\
* 브라우저 가 화면을 그린다.\n\n\
## 배포\n\n\
* 컨테이너 는 이미지로 만든다.\n\
* 이 방식은 격리를 위해 고안된 것이다.\n\n\
## Docker\n\n\
* container 와 image 를 다룬다.\n\n\
## 함수\n\n\
* 함수에 넘기는 인자들 은 스택에 쌓인다.\n\n\
## Setup\n\n\
* install 은 brew 로 한다.\n";

#[test]
fn a_known_english_word_finds_the_loanword_whose_consonants_agree_and_no_verb_form() {
    let (_fixture, engine) = engine_over("os.md", LOANWORD_LOOKALIKES_NOTE);
    let found = forms(&engine, "process 실행 순서 누가 정해?");
    assert!(found.iter().any(|f| f == "프로세스"), "{found:?}");
    assert!(!found.iter().any(|f| f == "브라우저"), "b and j are not p and s: {found:?}");
    let answer = engine.ask("process 실행 순서 누가 정해?", 3).unwrap();
    assert!(answer.hits[0].text.contains("번갈아"), "{:?}", answer.hits[0]);
    let found = forms(&engine, "container 는 뭘로 만들어?");
    assert!(found.iter().any(|f| f == "컨테이너"), "{found:?}");
    assert!(!found.iter().any(|f| f == "고안된"), "a verb form is no loanword: {found:?}");
    let found = forms(&engine, "install 어떻게 해?");
    assert!(!found.iter().any(|f| f == "인자들"), "its vowels agree, but not its consonants: {found:?}");
}

/// One line writes `serialize`, another `serialized`.
const INFLECTIONS_NOTE: &str = "# Java\n\n\
## 직렬화\n\n\
* transient 필드는 serialize 되지 않는다.\n\n\
## 로그\n\n\
* serialized 된 객체는 파일에 남는다.\n";

#[test]
fn an_english_word_the_notes_write_also_finds_their_other_inflections_of_it() {
    let (_fixture, engine) = engine_over("java.md", INFLECTIONS_NOTE);
    let answer = engine.ask("transient 필드도 serialized 돼?", 3).unwrap();
    assert!(answer.hits[0].text.contains("transient"), "{:?}", answer.hits[0]);
    // Only `serialize` puts every word of the question in one line.
    assert!(answer.coverage > 0.99, "{}", answer.coverage);
    assert!(!forms(&engine, "serial 포트").iter().any(|f| f == "serialize"), "a derivation is another word");
}

#[test]
fn english_inflections_find_the_word_the_notes_write() {
    let (_fixture, engine) = engine();
    assert!(forms(&engine, "caching").contains(&"cache".to_string()));
    assert!(forms(&engine, "indexes").contains(&"index".to_string()));
    assert!(!forms(&engine, "indexation").contains(&"index".to_string()), "a derivation is another word");
}

#[test]
fn a_versioned_name_finds_the_bare_name() {
    let (_fixture, engine) = engine();
    let answer = engine.ask("python3 스크립트 어디서 돌려?", 3).unwrap();
    assert!(answer.hits[0].text.contains("venv"), "{:?}", answer.hits[0]);
    assert!(!forms(&engine, "es6").iter().any(|f| f == "es"));
}

#[test]
fn a_name_the_notes_hold_only_a_sound_alike_of_is_declined() {
    let note = "# Java\n\n## 서블릿\n\n서블릿은 자바로 웹 요청을 처리하는 클래스이다.\n\n## 배포\n\n* 사용법은 web.xml 에 등록하는 것.\n";
    let (_fixture, engine) = engine_over("java.md", note);
    let (answer, reading) = engine.explain("svelte 사용법 알려줘", 3).unwrap();
    // One skeleton (s-p-l-t), but one vowel against two: not even searched.
    let widened = reading.iter().flat_map(|c| &c.variants).any(|v| v.terms == "서블릿");
    assert!(!widened, "the sound-alike's vowels disagree: {reading:?}");
    assert!(!answer.answered, "svelte is not 서블릿: {answer:?}");
    let asked = engine.ask("서블릿은 뭘 처리해?", 3).unwrap();
    assert!(asked.answered, "{asked:?}");
}

/// A note whose words `문제` and `문자` are both one jamo from the typo `문졔`.
const DEPLOY_NOTE: &str = "# 배포\n\n\
## 배포 문제\n\n\
* 배포 중 문자 인코딩이 깨지는 문제가 있었다.\n\
* 로그의 문자 집합을 UTF-8 로 맞춰 문제를 풀었다.\n";

#[test]
fn a_two_syllable_typo_is_read_as_the_word_a_slip_of_the_keyboard_gives() {
    let (_fixture, engine) = engine_over("deploy.md", DEPLOY_NOTE);
    let corrected = |question: &str| {
        let forms = forms(&engine, question);
        ["문제", "문자"].into_iter().filter(|word| forms.iter().any(|f| f == word)).collect::<Vec<_>>()
    };
    // ㅖ is ㅔ with shift, so `문졔` is `문제` mistyped; ㅑ sits next to ㅏ, so `문쟈` is `문자`.
    assert_eq!(corrected("배포 문졔 뭐였지"), ["문제"]);
    assert_eq!(corrected("배포 문쟈 인코딩"), ["문자"]);
    // `문재` is a slip of both (ㅐ touches ㅔ and ㅏ): too close to call, so left alone.
    assert!(corrected("배포 문재 뭐였지").is_empty());
}

const STRUCTURES_NOTE: &str = "# 자료구조\n\n\
## 트리\n\n\
* 트리는 계층을 나타내는 자료 구조로, 탐색이 빠르다.\n\n\
## 해시\n\n\
* 해시는 키로 값을 바로 찾는다.\n";

#[test]
fn a_misspelt_word_is_read_as_one_concept_the_word_it_is_a_slip_of() {
    let (_fixture, engine) = engine_over("structures.md", STRUCTURES_NOTE);
    let (answer, reading) = engine.explain("트리 자료구졸 특징", 3).unwrap();
    // The dictionary cuts the typo into `자료` and `구졸`, a piece no note writes; read as its
    // pieces, `구졸` would weigh as the rarest word of the question and cover nothing.
    let typo = reading.iter().find(|concept| concept.word == "자료구졸").expect("the typo is one concept");
    let forms: Vec<&str> = typo.variants.iter().map(|v| v.terms.as_str()).collect();
    assert!(forms.contains(&"자료구조") && forms.contains(&"자료 구조"), "{forms:?}");
    assert!(reading.iter().all(|concept| concept.term != "구졸"), "{reading:?}");
    assert!(typo.in_notes, "{typo:?}");
    assert!(answer.answered && answer.hits[0].text.contains("계층을 나타내는"), "{answer:?}");
}

#[test]
fn a_verb_form_the_notes_rarely_use_stays_a_verb() {
    let (_fixture, engine) = engine_over("structures.md", STRUCTURES_NOTE);
    let (_, reading) = engine.explain("트리 탐색 도는 순서", 3).unwrap();
    assert!(reading.iter().all(|concept| concept.word != "도는"), "{reading:?}");
}

/// A note that defines an abbreviation once and spells it out elsewhere.
const RENDERING_NOTE: &str = "# 웹\n\n\
## Next.js\n\n\
* Next.js 는 SSR(Server Side Rendering) 목적의 프레임워크다.\n\n\
## 렌더링\n\n\
* Server Side Rendering 은 서버에서 화면을 그려 보내는 방식이다.\n\n\
## 번들러\n\n\
* webpack 은 모듈을 하나로 묶는다.\n";

#[test]
fn an_abbreviation_the_notes_define_finds_the_lines_that_spell_it_out() {
    let (fixture, engine) = engine_over("web.md", RENDERING_NOTE);
    let (answer, reading) = engine.explain("SSR 은 화면을 어디서 그려?", 3).unwrap();
    assert!(answer.hits[0].text.contains("서버에서 화면을"), "{answer:?}");
    let ssr = reading.iter().find(|concept| concept.term == "ssr").unwrap();
    assert!(ssr.found_in.contains(&1), "the spelled-out line holds the abbreviation: {ssr:?}");
    let variant = ssr.variants.iter().find(|v| v.terms == "server side rendering").expect("spelled out");
    assert_eq!(variant.origin.as_deref(), Some("web.md:5"));
    // And the other way: the words find the abbreviation.
    assert!(forms(&engine, "server side rendering 장점").iter().any(|f| f == "ssr"));
    let off = reopened(&fixture, |settings| settings.search.definitions = false);
    assert!(!forms(&off, "SSR 은 화면을 어디서 그려?").iter().any(|f| f == "server side rendering"));
}

/// A note that writes a loanword compound's two words apart, and the one-syllable noun the
/// dictionary cuts out of the first of them.
const SORTING_NOTE: &str = "# 정렬\n\n\
## Counting Sort\n\n\
* Counting Sort 는 값마다 개수를 세어 자리를 정한다.\n\n\
## 카운팅\n\n\
* 카운팅 은 개수를 세는 일이다.\n\n\
## 소트\n\n\
* 소트 는 정렬을 달리 이르는 말이다.\n\n\
## 운\n\n\
* 운 이 좋으면 한 번에 끝난다.\n";

#[test]
fn a_compound_the_notes_write_as_two_words_is_cut_as_they_write_it() {
    let (fixture, engine) = engine_over("sorting.md", SORTING_NOTE);
    let question = "카운팅소트 원리";
    let (answer, reading) = engine.explain(question, 3).unwrap();
    // The dictionary cuts `카운팅소트` into `카`, `운`, `팅` and `소트`; `운` is a note word by
    // chance and would weigh as a quarter of the question.
    let terms: Vec<&str> = reading.iter().map(|concept| concept.term.as_str()).collect();
    assert!(terms.contains(&"카운팅") && terms.contains(&"소트") && !terms.contains(&"운"), "{reading:?}");
    let counting = reading.iter().find(|concept| concept.term == "카운팅").unwrap();
    assert_eq!(counting.word, "카운팅소트");
    assert!(counting.variants.iter().any(|v| v.terms == "counting"), "{counting:?}");
    assert!(answer.hits.iter().any(|hit| hit.text.contains("Counting Sort")), "{answer:?}");
    let off = reopened(&fixture, |settings| settings.search.weights.matching.min_recut_syllables = 0);
    let (_, reading) = off.explain(question, 3).unwrap();
    assert!(reading.iter().any(|concept| concept.term == "운"), "{reading:?}");
}

#[test]
fn a_noun_glued_to_a_verb_is_not_cut_as_two_words() {
    let note = "# 배열\n\n* 배열 초기화 는 값을 채운다.\n* 할때 마다 다르다.\n* 때 가 되면 한다.\n";
    let (_fixture, engine) = engine_over("array.md", note);
    let (_, reading) = engine.explain("배열 초기화할때 주의점", 3).unwrap();
    // `할때` is `할` (a verb and its ending) and `때`: no noun of the question.
    assert!(reading.iter().all(|concept| concept.term != "할때"), "{reading:?}");
}

#[test]
fn a_sound_alike_is_a_noun_not_a_word_with_its_particle() {
    let note = "# 설정\n\n* 값은 프로파일에 둔다.\n* 명에게 알린다.\n";
    let (_fixture, engine) = engine_over("settings.md", note);
    // `명에게` (a noun and its particle `에게`) has the consonants of `meaning`, but no loanword
    // is written with a particle in it.
    let forms = forms(&engine, "meaning of variable");
    assert!(!forms.iter().any(|form| form == "명에게" || form == "프로파일에"), "{forms:?}");
}

/// A note that names an English term of two words in a heading, and one about something else.
const RACE_NOTE: &str = "# 동기화\n\n\
## Race Condition\n\n\
* 두 스레드가 공유 자원에 동시에 접근해 결과가 순서에 따라 달라지는 문제.\n\n\
## 뮤텍스\n\n\
* 한 번에 한 스레드만 임계 구역에 들어가게 잠근다.\n";
const HEALTH_NOTE: &str = "# 수면 관리\n\n* 시험 전날 에는 일찍 잔다.\n";

#[test]
fn a_loanword_of_two_words_sounds_like_the_english_term_the_notes_name() {
    let fixture = Fixture::new();
    fixture.write("sync.md", RACE_NOTE.as_bytes());
    fixture.write("life.md", HEALTH_NOTE.as_bytes());
    let engine = fixture.engine();
    for question in ["레이스컨디션이 뭐야", "레이스 컨디션 예시"] {
        let (answer, reading) = engine.explain(question, 3).unwrap();
        let race = reading.iter().find(|concept| concept.term == "레이스").unwrap();
        let phrase = race.variants.iter().find(|v| v.terms == "race condition");
        assert!(phrase.is_some_and(|v| v.origin.as_deref() == Some("sync.md:3")), "{question}: {race:?}");
        assert!(answer.hits[0].text.contains("공유 자원"), "{question}: {answer:?}");
    }
    // One word of the term is not the term.
    let forms = forms(&engine, "시험 전날 컨디션 관리");
    assert!(!forms.iter().any(|form| form == "race condition"), "{forms:?}");
    let off = reopened(&fixture, |settings| settings.search.weights.matching.max_phrase_words = 0);
    let (answer, reading) = off.explain("레이스컨디션이 뭐야", 3).unwrap();
    let variants = reading.iter().flat_map(|concept| &concept.variants);
    assert!(variants.clone().all(|v| v.terms != "race condition"), "{reading:?}");
    assert!(answer.hits.iter().all(|hit| !hit.text.contains("공유 자원")), "{answer:?}");
}

#[test]
fn a_word_the_notes_also_write_whole_is_cut_as_they_write_its_parts() {
    let fixture = Fixture::new();
    fixture.write(
        "java.md",
        "# 자바\n\n## 상속\n\n* 자바는 단일 상속 만 지원한다.\n\n## 인터페이스\n\n* 인터페이스는 다중 구현 을 허용한다.\n".as_bytes(),
    );
    fixture.write("cpp.md", "# C++\n\n## 클래스\n\n* C++ 는 다중상속 을 허용한다.\n".as_bytes());
    fixture.write("mood.md", "# 일기\n\n* 마음 속 이야기.\n".as_bytes());
    let engine = fixture.engine();
    let (answer, reading) = engine.explain("자바 다중상속 지원돼?", 3).unwrap();
    // The dictionary reads `다중상속` as `다`, `중상` and `속`; `속` is a note word by chance.
    let terms: Vec<&str> = reading.iter().map(|concept| concept.term.as_str()).collect();
    assert!(terms.contains(&"다중") && terms.contains(&"상속") && !terms.contains(&"속"), "{reading:?}");
    let inheritance = reading.iter().find(|concept| concept.term == "상속").unwrap();
    assert!(inheritance.variants.iter().any(|v| v.terms == "다중상속"), "{inheritance:?}");
    assert!(answer.hits[0].text.contains("단일 상속"), "{answer:?}");
    assert!(answer.hits.iter().any(|hit| hit.text.contains("다중상속")), "the note that writes it whole: {answer:?}");
    assert!(answer.hits.iter().all(|hit| !hit.text.contains("마음 속")), "{answer:?}");
}

#[test]
fn a_sound_alike_must_agree_with_the_word_s_vowels() {
    let note = "# 인프라\n\n## 인증\n\n* 인증 서버는 keycloak 22 버전을 쓴다.\n\n\
                ## 시간\n\n* 서버 clock 은 NTP 로 맞춘다.\n";
    let (fixture, engine) = engine_over("infra.md", note);
    // `키클락` and both English words share the skeleton k-k-l-k; only `keycloak` has its vowels.
    let (answer, reading) = engine.explain("키클락 몇 버전 써?", 3).unwrap();
    let forms: Vec<&str> = reading.iter().flat_map(|c| c.variants.iter().map(|v| v.terms.as_str())).collect();
    assert!(forms.contains(&"keycloak") && !forms.contains(&"clock"), "{forms:?}");
    assert!(answer.hits[0].text.contains("keycloak"), "{answer:?}");
    // A diphthong over two syllables is one vowel: `아웃바운드` keeps `outbound`.
    let (_, engine) = engine_over("net.md", "# 네트워크\n\n* NACL 은 outbound 규칙도 넣는다.\n");
    assert!(self::forms(&engine, "아웃바운드 규칙").iter().any(|form| form == "outbound"));
    let any = reopened(&fixture, |settings| settings.search.weights.matching.min_vowel_agreement = 0.0);
    assert!(self::forms(&any, "키클락 몇 버전 써?").iter().any(|form| form == "clock"), "0 admits every sound-alike");
}
