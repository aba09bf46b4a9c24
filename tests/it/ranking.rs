//! Ranking: notebot scores a question's clauses itself, from the postings its term lookup
//! found, and those scores must be Tantivy's BM25, on one segment or several, with field
//! boosts, short and long fields, and deleted documents left out.

use std::collections::HashMap;

use notebot::analysis::{register_tokenizers, Analyzer};
use notebot::index::{open_current, ChunkFields, IndexStore, OpenIndex};
use notebot::search::{rank, QueryPlan, RankedDoc, Ranking, RankingParams, SearchedField};
use tantivy::collector::TopDocs;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{doc, DocAddress, Index, IndexWriter, TantivyDocument, Term};

use crate::common::Fixture;

/// Questions over the shipped note; the last matches far more chunks than a page of hits.
const QUESTIONS: [&str; 5] = [
    "NLB는 TLS 종료 하나요?",
    "보안그룹이랑 NACL 차이",
    "이전 태그로 롤백 배포",
    "리전 가용영역 엣지",
    "AWS 서비스 리소스 EC2 VPC 보안 네트워크",
];

/// The shipped note as built, plus a second segment committed later: a rollback chunk, and a
/// retired chunk that is deleted again.
fn two_segment_index(fixture: &Fixture, analyzer: &Analyzer) -> OpenIndex {
    let knowledge =
        notebot::knowledge::load(&fixture.knowledge(), 1, &notebot::knowledge::PageOptions::default()).unwrap();
    let store = IndexStore::new(fixture.index());
    notebot::index::build(&store, &knowledge, "seed".into(), analyzer, 1).unwrap();
    let index = Index::open_in_dir(store.current().unwrap()).unwrap();
    register_tokenizers(&index, analyzer);
    let (_, fields) = ChunkFields::schema();
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(NoMergePolicy));
    writer.add_document(section(&fields, "ops/deploy.md", "배포 롤백", "롤백은 이전 태그로 다시 배포한다")).unwrap();
    writer
        .add_document(section(&fields, "ops/retired.md", "퇴역 롤백", "퇴역한 롤백 절차는 이전 태그를 쓰지 않는다"))
        .unwrap();
    writer.commit().unwrap();
    writer.delete_term(Term::from_field_text(fields.source, "ops/retired.md"));
    writer.commit().unwrap();
    notebot::index::seal(&store.current().unwrap()).unwrap();
    open_current(&store, analyzer).expect("the generation opens")
}

fn section(fields: &ChunkFields, source: &str, heading: &str, text: &str) -> TantivyDocument {
    doc!(
        fields.kind => "section",
        fields.source => source,
        fields.heading_display => heading,
        fields.heading => heading,
        fields.question => "",
        fields.body => text,
        fields.grams => heading,
        fields.grams => text,
        fields.text => text,
        fields.answer => "",
        fields.line_start => 5u64,
        fields.line_end => 5u64,
    )
}

/// Every matching chunk's score under Tantivy's own BM25: each term in each of `fields`,
/// boosted by the field's weight times the term's, plus each bigram in the bigram field,
/// boosted by `grams` times the bigram's weight.
fn tantivy_scores(open: &OpenIndex, plan: &QueryPlan, fields: &[(Field, f32)], grams: f32) -> HashMap<DocAddress, f32> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let boosted = |field: Field, text: &str, boost: f32| -> (Occur, Box<dyn Query>) {
        let query = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs);
        (Occur::Should, Box::new(BoostQuery::new(Box::new(query), boost)))
    };
    for term in &plan.terms {
        for &(field, boost) in fields {
            clauses.push(boosted(field, &term.text, boost * term.weight));
        }
    }
    for gram in plan.grams.iter().filter(|_| grams > 0.0) {
        clauses.push(boosted(open.fields.grams, &gram.text, grams * gram.weight));
    }
    let top = open.searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(10_000)).unwrap();
    top.into_iter().map(|(score, address)| (address, score)).collect()
}

fn assert_close(ours: f32, theirs: f32, context: &str) {
    assert!((ours - theirs).abs() <= 1e-4 * theirs.max(1e-3), "{context}: notebot {ours} vs Tantivy {theirs}");
}

/// Each hit's BM25 is Tantivy's for that chunk, and the hits are Tantivy's best, in order.
fn assert_same_ranking(hits: &[(DocAddress, f32)], theirs: &HashMap<DocAddress, f32>, limit: usize, question: &str) {
    let mut expected: Vec<f32> = theirs.values().copied().collect();
    expected.sort_by(|a, b| b.total_cmp(a));
    expected.truncate(limit);
    assert_eq!(hits.len(), expected.len(), "{question}: as many hits as Tantivy finds, up to {limit}");
    for ((address, score), best) in hits.iter().zip(&expected) {
        let context = format!("{question} {address:?}");
        assert_close(*score, theirs[address], &context);
        assert_close(*score, *best, &context);
    }
}

#[test]
fn plain_bm25_scores_are_tantivys_over_several_segments() {
    let fixture = Fixture::with_seed();
    let analyzer = Analyzer::shared().unwrap();
    let open = two_segment_index(&fixture, &analyzer);
    assert_eq!(open.searcher.segment_readers().len(), 2);
    let [heading, _, body] = open.fields.searched();
    for question in QUESTIONS {
        let plan = QueryPlan::from_question(&analyzer, question);
        let theirs = tantivy_scores(&open, &plan, &[(heading, 1.0), (body, 1.0)], 0.0);
        for limit in [10, 1_000] {
            let ours = rank(&open, &plan, limit, Ranking::Bm25, &RankingParams::default()).unwrap();
            let hits: Vec<(DocAddress, f32)> = ours.iter().map(|hit| (hit.address, hit.score)).collect();
            assert_same_ranking(&hits, &theirs, limit, question);
        }
    }
    let broad = QueryPlan::from_question(&analyzer, QUESTIONS[4]);
    assert!(
        tantivy_scores(&open, &broad, &[(heading, 1.0), (body, 1.0)], 0.0).len() > 20,
        "the broad question fills a page"
    );
}

#[test]
fn field_boosted_scores_under_coverage_are_tantivys() {
    let fixture = Fixture::with_seed();
    let analyzer = Analyzer::shared().unwrap();
    let open = two_segment_index(&fixture, &analyzer);
    let searched = open.fields.searched();
    // The shipped boosts, and others a team may configure (bigrams off, or weighing more): the
    // scores follow them.
    let shipped = RankingParams::default();
    let mut tuned = RankingParams::default();
    (tuned.fields.heading, tuned.fields.question, tuned.fields.body, tuned.fields.grams) = (3.0, 0.5, 1.5, 0.0);
    let mut spelled = RankingParams::default();
    spelled.fields.grams = 2.0;
    for params in [shipped, tuned, spelled] {
        let boosted: Vec<(Field, f32)> =
            SearchedField::WORDS.iter().map(|&field| (searched[field.index()], params.fields.of(field))).collect();
        for question in QUESTIONS.iter().chain(&["NLB에 고정 IP 붙일 수 있어?", "cognito 사용자풀은 뭐야"])
        {
            let plan = QueryPlan::own_words(&analyzer, question, &params);
            assert!(!plan.grams.is_empty(), "{question} has bigrams to score");
            let theirs = tantivy_scores(&open, &plan, &boosted, params.fields.grams);
            for hit in rank(&open, &plan, 1_000, Ranking::Notebot, &params).unwrap() {
                let context = format!("{question} {:?} {:?}", hit.address, params.fields);
                assert_close(bm25_of(&hit, &params), theirs[&hit.address], &context);
            }
        }
    }
}

/// The BM25 part of a notebot score, which is BM25 × (floor + (1 - floor) × the share it was
/// ranked by, coverage with rarity among the candidates) ×
/// (1 + lead weight × the share of the question in the chunk's lead), less the links weight's
/// share for a reference list.
fn bm25_of(hit: &RankedDoc, params: &RankingParams) -> f32 {
    let floor = params.coverage.rerank_floor;
    let kept = if hit.reference_list { 1.0 - params.coverage.links } else { 1.0 };
    hit.score / (floor + (1.0 - floor) * hit.ranked_share) / (1.0 + params.coverage.lead * hit.lead) / kept
}

#[test]
fn a_chunk_in_a_later_segment_is_found_and_a_deleted_one_is_not() {
    let fixture = Fixture::with_seed();
    let analyzer = Analyzer::shared().unwrap();
    let open = two_segment_index(&fixture, &analyzer);
    let plan = QueryPlan::from_question(&analyzer, "퇴역한 롤백 절차에서 어느 태그로 배포해?");
    let hits = rank(&open, &plan, 10, Ranking::Notebot, &RankingParams::default()).unwrap();
    let sources: Vec<String> = hits.iter().map(|hit| open.chunk(hit.address).unwrap().source.clone()).collect();
    assert_eq!(sources.first().map(String::as_str), Some("ops/deploy.md"), "{sources:?}");
    assert_eq!(hits[0].address.segment_ord, 1);
    assert!(!sources.iter().any(|source| source == "ops/retired.md"), "a deleted chunk is never cited: {sources:?}");
    let known = open.known_terms();
    assert!(known.may_hold("롤백") && known.may_hold("nlb"), "terms of both segments are known");
    assert!(!known.may_hold("쿠버네티스") && !known.may_hold("kubernetes"), "absent words are not");
}

#[test]
fn how_many_citations_are_asked_for_never_changes_the_answer() {
    let engine = crate::common::shipped_engine();
    for question in QUESTIONS.iter().chain(&["Route 53 쿼리 요금", "EBS 스냅샷은 어디에 저장돼?"]) {
        let one = engine.ask(question, 1).unwrap();
        let many = engine.ask(question, notebot::engine::MAX_TOP).unwrap();
        assert_eq!(one.answered, many.answered, "{question}");
        assert_eq!(one.hits.first().map(|h| h.lines), many.hits.first().map(|h| h.lines), "{question}");
        assert_eq!(one.answer, many.answer, "{question}");
    }
}

#[test]
fn a_how_many_question_leads_with_the_close_hit_that_states_a_number() {
    let fixture = Fixture::new();
    let note = "# 쿠키\n\n## 쿠키 용량\n\n쿠키 용량은 브라우저마다 제한이 있고, 용량이 크면 요청이 무거워진다.\n\n\
## 한도\n\n쿠키 하나의 용량은 4KB 까지다.\n";
    fixture.write("cookie.md", note.as_bytes());
    let engine = fixture.engine();
    let answer = engine.ask("쿠키 용량 몇 KB까지야?", 3).unwrap();
    assert!(answer.answered, "{answer:?}");
    assert!(answer.hits[0].text.contains("4KB"), "{:?}", answer.hits);
}

/// Two chunks that each hold the question's two words once, one in its heading and one in its
/// text: which comes first is the heading boost's call, read from the settings.
fn heading_or_body_fixture() -> crate::common::Fixture {
    let fixture = Fixture::new();
    let note = "# 운영\n\n## 캐시 만료\n\n설정은 팀 위키에 정리해 두었다.\n\n## 기타\n\n캐시 만료 설정은 팀 위키에 정리해 두었다.\n";
    fixture.write("ops.md", note.as_bytes());
    fixture
}

fn first_heading(mut settings: notebot::config::Settings, question: &str) -> String {
    // Which chunk leads, not how the two neighbours are cited together.
    settings.search.weights.passages.depth = 0;
    let engine = notebot::engine::Engine::open(settings).unwrap();
    let answer = engine.ask(question, 2).unwrap();
    assert_eq!(answer.hits.len(), 2, "{answer:?}");
    answer.hits[0].heading.clone()
}

/// [`first_heading`] over `fixture`'s notes with its settings changed by `change`, as a
/// maintainer would switch a mechanism off in the config.
fn first_heading_with(
    fixture: &Fixture,
    question: &str,
    change: impl FnOnce(&mut notebot::config::Settings),
) -> String {
    let mut settings = fixture.settings();
    change(&mut settings);
    first_heading(settings, question)
}

#[test]
fn the_heading_boost_from_the_config_decides_which_chunk_leads() {
    let fixture = heading_or_body_fixture();
    let question = "캐시 만료 설정";
    let shipped = fixture.settings();
    assert!(shipped.search.weights.fields.heading > shipped.search.weights.fields.body);
    let boosted = first_heading(shipped, question);
    assert!(boosted.ends_with("캐시 만료"), "the heading that names it leads: {boosted}");

    // The same weight given in a config file, as a maintainer would try it.
    let config = fixture.root.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("local.toml"), "[search.weights.fields]\nheading = 0.2\n").unwrap();
    let sources = notebot::config::SettingsSources { config_dir: Some(config), file: None, use_env: false };
    let mut settings = notebot::config::Settings::load(&sources).unwrap();
    assert_eq!(settings.search.weights.fields.heading, 0.2);
    settings.knowledge.dir = fixture.knowledge();
    settings.index.dir = fixture.index();
    let lowered = first_heading(settings, question);
    assert!(lowered.ends_with("기타"), "with headings weighing less, the text that says it leads: {lowered}");
}

#[test]
fn a_weight_out_of_range_is_a_configuration_error_naming_the_key() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("local.toml"), "[search.weights.wideners]\nalias = 1.5\n").unwrap();
    let sources =
        notebot::config::SettingsSources { config_dir: Some(config.path().to_path_buf()), file: None, use_env: false };
    let error = notebot::config::Settings::load(&sources).unwrap_err().to_string();
    assert!(error.contains("search.weights.wideners.alias") && error.contains("1.5"), "{error}");
    std::fs::write(config.path().join("local.toml"), "[search.weights.coverage]\ncandidate_rarity_depth = 1\n")
        .unwrap();
    let error = notebot::config::Settings::load(&sources).unwrap_err().to_string();
    assert!(error.contains("coverage.candidate_rarity_depth") && error.contains("from 2 to 50"), "{error}");
    std::fs::write(config.path().join("local.toml"), "[search.weights.fields]\nheadnig = 2.0\n").unwrap();
    let error = notebot::config::Settings::load(&sources).unwrap_err().to_string();
    assert!(error.contains("headnig"), "a misspelt weight is named: {error}");
}

/// Two chunks sharing one word of the question; only the longer one also writes the other
/// word, derived differently (`프로그래머` for the question's `프로그래밍`), so no word of it
/// matches there but its syllable bigrams (`프로`, `로그`, `그래`) do.
fn derived_word_fixture() -> crate::common::Fixture {
    let fixture = Fixture::new();
    let note =
        "# 개발 노트\n\n## 리뷰\n\n프로그래머가 리뷰에서 가장 자주 지적받는 실수는 경계값을 빠뜨리는 것이다.\n\n\
## 습관\n\n실수는 테스트로 줄인다.\n";
    fixture.write("dev.md", note.as_bytes());
    fixture
}

#[test]
fn syllable_bigrams_let_a_word_derived_differently_count() {
    let fixture = derived_word_fixture();
    let question = "프로그래밍 실수";
    let shipped = fixture.settings();
    assert!(shipped.search.weights.fields.grams > 0.0);
    let with_bigrams = first_heading(shipped, question);
    assert!(with_bigrams.ends_with("리뷰"), "the chunk spelling the other word alike leads: {with_bigrams}");

    let words_only = first_heading_with(&fixture, question, |s| s.search.weights.fields.grams = 0.0);
    assert!(words_only.ends_with("습관"), "on words alone the shorter chunk leads: {words_only}");
}

#[test]
fn bigrams_of_question_endings_are_not_searched_and_a_long_word_weighs_one_word() {
    let analyzer = Analyzer::shared().unwrap();
    let plan = QueryPlan::from_question(&analyzer, "서킷브레이커, 패턴은 뭐야?");
    let texts: Vec<&str> = plan.grams.iter().map(|gram| gram.text.as_str()).collect();
    assert!(texts.contains(&"브레") && texts.contains(&"패턴"), "{texts:?}");
    assert!(!texts.contains(&"뭐야"), "a question word's bigram is not searched: {texts:?}");
    let word: f32 =
        plan.grams.iter().filter(|gram| "서킷브레이커".contains(gram.text.as_str())).map(|g| g.weight).sum();
    assert!((word - 1.0).abs() < 1e-4, "a word's bigrams weigh one word together: {word}");
}

/// Twelve notes saying the same line, so a question about it ties them all.
fn tied_notes_fixture() -> crate::common::Fixture {
    let fixture = Fixture::new();
    for i in 0..12 {
        let note = format!("# 운영 {i:02}\n\n캐시 만료 설정은 팀 위키에 정리해 두었다.\n\n## 기타 {i:02}\n\n배포는 금요일에 하지 않는다.\n");
        fixture.write(&format!("ops/note-{i:02}.md"), note.as_bytes());
    }
    fixture
}

fn cited_sources(threads: usize, fixture: &crate::common::Fixture, index: &str) -> Vec<String> {
    let mut settings = crate::common::settings(&fixture.knowledge(), &fixture.root.path().join(index));
    settings.index.threads = threads;
    let engine = notebot::engine::Engine::open(settings).unwrap();
    let answer = engine.ask("캐시 만료 설정", notebot::engine::MAX_TOP).unwrap();
    answer.hits.iter().map(|hit| hit.source.clone()).collect()
}

#[test]
fn equal_scores_are_ordered_as_the_notes_are_however_many_threads_wrote_the_index() {
    let fixture = tied_notes_fixture();
    let one = cited_sources(1, &fixture, "one-thread");
    assert!(one.len() > 2, "{one:?}");
    let mut sorted = one.clone();
    sorted.sort();
    assert_eq!(one, sorted, "tied chunks come in the notes' order");
    for (threads, index) in [(4, "four-threads"), (8, "eight-threads")] {
        assert_eq!(cited_sources(threads, &fixture, index), one, "{threads} threads");
    }
}

#[test]
fn a_note_is_found_by_its_file_name_and_the_switch_turns_that_off() {
    let fixture = Fixture::new();
    let hanoi = "# 이동 횟수\n\n원판이 N개일 때 최소 이동 횟수는 2^N - 1 이다.\n";
    let sorting = "# 이동 횟수\n\n버블 정렬에서 원소의 이동 횟수는 역순쌍의 수와 같다.\n";
    fixture.write("algorithm/TowerOfHanoi.md", hanoi.as_bytes());
    fixture.write("algorithm/BubbleSort.md", sorting.as_bytes());
    let question = "hanoi 이동 횟수";
    let engine = fixture.engine();
    let answer = engine.ask(question, 2).unwrap();
    assert_eq!(answer.hits[0].source, "algorithm/TowerOfHanoi.md", "{answer:?}");

    let mut settings = fixture.settings();
    settings.knowledge.file_titles = false;
    settings.index.dir = fixture.root.path().join("without-titles");
    let without = notebot::engine::Engine::open(settings).unwrap().ask(question, 2).unwrap();
    assert_eq!(
        without.hits.first().map(|hit| hit.source.as_str()),
        Some("algorithm/BubbleSort.md"),
        "without file titles the two notes tie, and the first in the notes leads: {without:?}"
    );
}

#[test]
fn a_list_item_is_found_by_the_words_of_the_paragraph_that_introduces_it() {
    let fixture = Fixture::new();
    let note = "# HTTP\n\n## POST\n\n요청 헤더의 Content-Type에 데이터 타입을 적는다.\n\n\
                - 단순 텍스트 : text/plain\n- 파일 : multipart/form-data\n\n## 업로드\n\n파일 업로드는 용량 제한이 있다.\n";
    fixture.write("web/http.md", note.as_bytes());
    let question = "파일 보낼 때 Content-Type 뭐로 해?";
    let answer = fixture.engine().ask(question, 3).unwrap();
    assert_eq!(answer.hits[0].lines, [5, 8], "the list, cited with its one-line lead-in: {answer:?}");

    let mut settings = fixture.settings();
    settings.knowledge.lead_ins = false;
    settings.index.dir = fixture.root.path().join("without-lead-ins");
    let without = notebot::engine::Engine::open(settings).unwrap().ask(question, 3).unwrap();
    assert_eq!(without.hits.first().map(|hit| hit.lines), Some([5, 5]), "the lead-in alone: {without:?}");
}

#[test]
fn an_answer_folded_under_a_summary_is_found_by_the_summary_s_words() {
    let fixture = Fixture::new();
    let note = "# OS\n\n## 질의응답\n\n<details>\n<summary>교착상태 처리 방법 중 일반 OS가 가장 많이 쓰는 것은?</summary>\n<p>\n\n\
                Ignorance. 예방과 회피는 비용이 커서 발생하면 수동으로 푼다.\n\n</p>\n</details>\n\n\
                <details>\n<summary>스레드와 프로세스의 차이는?</summary>\n<p>\n\n스레드는 메모리를 공유한다.\n\n</p>\n</details>\n";
    fixture.write("os/README.md", note.as_bytes());
    let answer = fixture.engine().ask("일반 OS에서 교착상태 처리 제일 많이 쓰는 방식", 3).unwrap();
    assert_eq!(answer.hits[0].lines, [9, 9], "{answer:?}");
    assert!(answer.hits[0].heading.ends_with("교착상태 처리 방법 중 일반 OS가 가장 많이 쓰는 것은?"), "{answer:?}");
}

#[test]
fn of_two_chunks_holding_the_question_the_one_whose_lead_names_it_leads() {
    let fixture = Fixture::new();
    let aside = "# 메모\n\n오늘은 캐시 구조를 공부했다.\n레디스는 싱글 스레드로 명령을 처리한다.\n";
    let about = "# 메모\n\n레디스는 싱글 스레드로 명령을 처리한다.\n오늘은 캐시 구조를 공부했다.\n";
    fixture.write("a.md", aside.as_bytes());
    fixture.write("b.md", about.as_bytes());
    let question = "레디스 싱글 스레드?";
    let answer = fixture.engine().ask(question, 2).unwrap();
    assert_eq!(answer.hits[0].source, "b.md", "the note that opens with it: {answer:?}");

    let without = first_source_with(&fixture, question, |s| s.search.weights.coverage.lead = 0.0);
    assert_eq!(without, "a.md", "without the lead the two tie, the first note leads");
}

/// The note of the first hit for `question` over `fixture`'s notes with its settings changed by
/// `change`, as a maintainer would switch a mechanism off in the config.
fn first_source_with(fixture: &Fixture, question: &str, change: impl FnOnce(&mut notebot::config::Settings)) -> String {
    let mut settings = fixture.settings();
    change(&mut settings);
    let answer = notebot::engine::Engine::open(settings).unwrap().ask(question, 2).unwrap();
    answer.hits[0].source.clone()
}

#[test]
fn a_reference_list_gives_way_to_the_line_that_explains_unless_a_link_is_asked_for() {
    let fixture = Fixture::new();
    let references =
        "# 트라이\n\n## 참고\n\n- [트라이 노드에 단어 끝 표시가 필요한 이유](https://example.com/trie/end-of-word)\n";
    // One long line: no lead of its own beyond the note's title.
    let explains =
        "# 트라이\n\n트라이는 문자열을 글자 단위로 나누어 저장하고 검색하는 트리이며, 각 노드는 자식 목록을 \
                    가지고, 어떤 노드가 단어 끝 표시를 가지면 그 노드에서 끝나는 단어가 저장되어 있다는 뜻이다.\n";
    fixture.write("a.md", references.as_bytes());
    fixture.write("b.md", explains.as_bytes());
    let engine = fixture.engine();
    let question = "트라이 노드 단어 끝 표시";
    let answer = engine.ask(question, 2).unwrap();
    assert_eq!(answer.hits[0].source, "b.md", "the line that explains: {answer:?}");
    for asks_for_a_link in ["트라이 노드 단어 끝 표시 링크", "trie 노드 단어 끝 표시 reference page"]
    {
        let answer = engine.ask(asks_for_a_link, 2).unwrap();
        assert_eq!(answer.hits[0].source, "a.md", "{asks_for_a_link}: {answer:?}");
    }

    let without = first_source_with(&fixture, question, |s| s.search.weights.coverage.links = 0.0);
    assert_eq!(without, "a.md", "without the weight the reference list leads");
}

#[test]
fn a_question_naming_a_notes_title_is_not_answered_by_its_author_link() {
    let fixture = Fixture::new();
    let note = "# Trie\n\n## 작성자\n\n[![someone](https://example.com/avatar.png)](https://github.com/someone)\n\n\
                ## 문자열 검색 트리의 구조\n\n문자열을 글자 단위 노드로 저장하는 트리로, 접두사 검색이 빠르다.\n";
    fixture.write("trie.md", note.as_bytes());
    let answer = fixture.engine().ask("Trie가 뭐야?", 2).unwrap();
    assert!(answer.answered, "{answer:?}");
    // The author's heading is the shorter, which the named-heading rule would otherwise pick.
    assert_eq!(answer.hits[0].heading, "Trie › 문자열 검색 트리의 구조", "{answer:?}");
}

/// Ten sections of a note on tests all hold its topic (`expect`, `테스트`, `함수`), twice each,
/// so BM25 favours them; one more holds what the question asks of it (`단점`) and not `expect`.
/// Among the best candidates `단점` is the word that tells them apart.
fn topic_and_focus_fixture() -> Fixture {
    let fixture = Fixture::new();
    let steps = [
        "만들기",
        "이름 붙이기",
        "메시지 더하기",
        "묶기",
        "비동기 다루기",
        "값 비교하기",
        "예외 확인하기",
        "실행하기",
        "결과 보기",
        "정리하기",
    ];
    let mut note = String::from("# 테스트 코드\n");
    for step in steps {
        note += &format!(
            "\n## 테스트 함수 {step}\n\nexpect 테스트 함수로 {step} 예제를 만든다. expect 함수는 테스트 값을 받는다.\n"
        );
    }
    note += "\n## 한계\n\n이렇게 만든 테스트 함수는 어느 줄에서 실패했는지 알기 어렵다는 단점이 있다.\n";
    fixture.write("testing.md", note.as_bytes());
    // `단점` is no word of this note alone.
    let mut cache = String::from("# 캐시\n");
    for kind in ["로컬 캐시", "분산 캐시", "쓰기 지연", "읽기 캐시", "만료 정책", "무효화"] {
        cache += &format!("\n## {kind}\n\n{kind}의 단점은 일관성이 깨질 수 있다는 점이다.\n");
    }
    fixture.write("cache.md", cache.as_bytes());
    fixture
}

#[test]
fn what_the_question_asks_of_a_topic_leads_among_sections_that_share_the_topic() {
    let fixture = topic_and_focus_fixture();
    let question = "직접 만든 expect 테스트 함수의 단점";
    let engine = notebot::engine::Engine::open(fixture.settings()).unwrap();
    assert!(engine.ask(question, 3).unwrap().answered);
    let leads = first_heading(fixture.settings(), question);
    assert!(leads.ends_with("한계"), "the section holding 단점 leads: {leads}");

    let without = first_heading_with(&fixture, question, |s| s.search.weights.coverage.candidate_rarity = 0.0);
    assert!(without.contains("테스트 함수"), "without it, a section repeating the topic leads: {without}");
}

#[test]
fn candidates_are_not_reordered_by_rarity_when_the_best_covers_too_little_to_answer() {
    let fixture = topic_and_focus_fixture();
    let analyzer = Analyzer::shared().unwrap();
    let engine = notebot::engine::Engine::open(fixture.settings()).unwrap();
    assert!(!engine.ask("주말에 볼만한 영화 단점 예제", 3).unwrap().answered);
    drop(engine);
    let open = open_current(&IndexStore::new(fixture.index()), &analyzer).unwrap();
    let params = RankingParams::default();
    let shares_as_ranked = |question: &str| -> Vec<(f32, f32)> {
        let plan = QueryPlan::own_words(&analyzer, question, &params);
        let ranked = rank(&open, &plan, 20, Ranking::Notebot, &params).unwrap();
        assert!(ranked.len() > 2, "{question}: {ranked:?}");
        ranked.iter().map(|hit| (hit.coverage.share, hit.ranked_share)).collect()
    };
    let answering = shares_as_ranked("직접 만든 expect 테스트 함수의 단점");
    assert!(answering[0].0 >= params.abstention.min_coverage);
    assert!(answering.iter().any(|(plain, ranked)| plain != ranked), "rarity reweighs an answerable question");
    let declined = shares_as_ranked("주말에 볼만한 영화 단점 예제");
    assert!(declined[0].0 < params.abstention.min_coverage, "{declined:?}");
    assert!(declined.iter().all(|(plain, ranked)| plain == ranked), "and leaves this one as it was: {declined:?}");
}

/// A note whose title, and so every chunk's heading path, holds `쿠버네티스`.
fn everywhere_word_fixture() -> Fixture {
    let fixture = Fixture::new();
    let mut note = String::from("# 쿠버네티스 운영 노트\n\n");
    for topic in 1..=30 {
        note.push_str(&format!("## 점검 항목 {topic}\n\n항목 {topic} 은 매주 확인한다.\n\n"));
    }
    note.push_str("## 파드 재시작 정책\n\n파드가 죽으면 restartPolicy 에 따라 다시 뜬다.\n");
    fixture.write("k8s.md", note.as_bytes());
    fixture
}

fn with_everywhere_share(fixture: &Fixture, share: f32) -> notebot::engine::Engine {
    let mut settings = fixture.settings();
    settings.search.weights.wideners.common_min_chunks = 10;
    settings.search.weights.wideners.common_typed_share = share;
    settings.index.dir = fixture.index().join(format!("share-{share}"));
    notebot::engine::Engine::open(settings).expect("engine")
}

#[test]
fn a_word_nearly_every_chunk_holds_is_not_scored_but_still_counts_as_found() {
    let fixture = everywhere_word_fixture();
    let (skipping, scoring) = (with_everywhere_share(&fixture, 0.9), with_everywhere_share(&fixture, 1.0));
    let question = "쿠버네티스 파드 재시작 정책";
    let (skipped, scored) = (skipping.ask(question, 3).unwrap(), scoring.ask(question, 3).unwrap());
    assert!(skipped.hits[0].heading.ends_with("파드 재시작 정책"), "{:?}", skipped.hits[0]);
    assert_eq!(skipped.hits[0].heading, scored.hits[0].heading);
    assert!(skipped.hits[0].score < scored.hits[0].score, "the title word adds no score: {skipped:?}");
    assert_eq!(skipped.coverage, scored.coverage, "coverage still counts it");
    assert!(skipped.answered && (skipped.coverage - 1.0).abs() < 1e-6, "{skipped:?}");
    // A question of that word alone still has chunks to show: nothing else would be scored.
    assert!(!skipping.ask("쿠버네티스", 3).unwrap().hits.is_empty());
}
