//! Loading and chunking notes: the seed note's chunks and Q&A pairs, Markdown variants, and
//! notes that are broken in the ways real folders are.

use notebot::knowledge::{self, parse_note, ChunkKind};

use crate::common::{seed_note, Fixture};

fn seed_chunks() -> Vec<notebot::knowledge::Chunk> {
    parse_note("aws/overview.md", &seed_note()).chunks
}

#[test]
fn seed_qa_pairs_are_found_with_their_lines() {
    let qa: Vec<_> = seed_chunks().into_iter().filter(|c| c.kind == ChunkKind::Qa).collect();
    let lines: Vec<(u32, u32)> = qa.iter().map(|c| c.lines).collect();
    assert_eq!(
        lines,
        vec![
            (198, 199),
            (260, 261),
            (285, 287),
            (291, 293),
            (297, 299),
            (305, 307),
            (314, 316),
            (319, 321),
            (327, 329)
        ]
    );
    let canary = &qa[1];
    assert_eq!(canary.question.as_deref(), Some("auto scailing로 카나리 릴리스 배포같은 거는 없나?"));
    assert_eq!(canary.answer.as_deref(), Some("code deploy"));
    let transit = &qa[2];
    assert!(transit.question.as_deref().unwrap().starts_with("transit gateway 와 direct connect"));
    assert!(transit.answer.as_deref().unwrap().starts_with("네 불가능 합니다"));
    let unlabelled = &qa[8];
    assert!(unlabelled.question.as_deref().unwrap().starts_with("DR구축검토중에"));
    assert!(unlabelled.answer.as_deref().unwrap().starts_with("AWS의 물리적인"));
}

#[test]
fn cloud_map_topics_are_separate_precise_chunks() {
    let chunks = seed_chunks();
    let cloud_map: Vec<_> = chunks.iter().filter(|c| c.heading().starts_with("Overview › Cloud Map")).collect();
    assert!(cloud_map.len() >= 20, "only {} chunks under Cloud Map", cloud_map.len());
    assert!(cloud_map.iter().all(|c| c.lines.1 - c.lines.0 < 10), "a Cloud Map chunk is too coarse");
    let nacl = chunks.iter().find(|c| c.lines == (144, 146)).expect("NACL chunk");
    assert_eq!(nacl.heading(), "Overview › Cloud Map › NACL");
    assert_eq!(nacl.kind, ChunkKind::Section);
    assert!(nacl.text.contains("stateless해서"));
    let nlb = chunks.iter().find(|c| c.heading() == "Overview › Cloud Map › NLB").expect("NLB chunk");
    assert_eq!(nlb.lines, (219, 225));
}

#[test]
fn front_matter_titles_paths_and_kramdown_lines_are_dropped() {
    let parsed = parse_note("aws/overview.md", &seed_note());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert!(parsed.chunks.iter().all(|c| c.heading_path[0] == "Overview"));
    assert!(parsed.chunks.iter().all(|c| !c.text.contains("{:")), "kramdown attribute left in a chunk");
    assert!(parsed.chunks.iter().all(|c| !c.text.contains("layout: default")));
    assert!(parsed.chunks.iter().all(|c| c.context.contains("AWS")), "front matter parent is searchable context");
    let skill = parsed.chunks.iter().find(|c| c.lines == (44, 44)).expect("skill builder chunk");
    assert_eq!(skill.text, "https://explore.skillbuilder.aws/learn");
    assert_eq!(skill.heading(), "Overview › 스킬빌더");
    let sections: Vec<String> = parsed.sections.iter().map(|s| s.heading()).collect();
    assert!(sections.contains(&"Overview › Cloud Map".to_string()));
    assert!(!sections.iter().any(|s| s.contains("Table of contents")), "empty TOC heading listed: {sections:?}");
    let cloud_map = parsed.sections.iter().find(|s| s.heading() == "Overview › Cloud Map").unwrap();
    assert_eq!(cloud_map.lines, (123, 240));
}

#[test]
fn a_jekyll_posts_date_is_not_a_title_word() {
    let post = "---\nlayout: post\ntitle: \"HTTP 정리\"\n---\n\n## 들어가며\n\n웹의 기본 프로토콜이다.\n";
    let parsed = parse_note("_posts/2019-03-03-http-part1.md", post);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let chunk = parsed.chunks.iter().find(|c| c.text.contains("기본 프로토콜")).expect("body chunk");
    assert_eq!(chunk.heading(), "HTTP 정리 › 들어가며");
    assert_eq!(chunk.file_title, "http part1", "the date Jekyll reads from the name is not what the post is about");
}

#[test]
fn labelled_list_items_are_sections_and_sentences_are_not() {
    let note = "# 운영\n\n* 배포\n  * 금요일에는 하지 않음\n  * 승인 필요\n\n* 장애가 나면 먼저 슬랙에 알린다.\n  * 그다음 원인 파악\n\n* 로그\n\n```\nkubectl logs pod\n```\n";
    let parsed = parse_note("ops.md", note);
    let sections: Vec<(String, (u32, u32))> = parsed.sections.iter().map(|s| (s.heading(), s.lines)).collect();
    assert_eq!(
        sections,
        [("운영".to_string(), (1, 14)), ("운영 › 배포".to_string(), (3, 5))],
        "a sentence item and an item without details are not headings"
    );
    assert_eq!(parsed.sections[1].text, "* 배포\n  * 금요일에는 하지 않음\n  * 승인 필요");
}

#[test]
fn a_spaced_toc_marker_hides_its_placeholder_and_a_plain_toc_item_stays() {
    let jekyll = "# 개요\n\n1. TOC\n{: toc }\n\n## 배포\n\n- 롤백 절차\n";
    let parsed = parse_note("a.md", jekyll);
    assert!(parsed.chunks.iter().all(|c| !c.text.contains("TOC") && !c.text.contains("{:")), "{:?}", parsed.chunks);
    assert!(parsed.chunks.iter().any(|c| c.text.contains("롤백 절차")));
    let plain = "# 개요\n\n1. TOC\n2. 롤백 절차\n";
    let parsed = parse_note("b.md", plain);
    assert!(parsed.chunks.iter().any(|c| c.text.contains("TOC")), "a list item without a kramdown marker is text");
}

#[test]
fn qa_label_variants_are_extracted() {
    let note = "# Seminar\n\nQ: Does the ALB keep client IPs?\nA: Use the X-Forwarded-For header.\n\n문: 요금은 얼마인가요?\n\n답: 시간당 과금입니다.\n\nWhat about NLB?\n=> It keeps them.\n\nplain paragraph\n";
    let parsed = parse_note("seminar.md", note);
    let qa: Vec<_> = parsed.chunks.iter().filter(|c| c.kind == ChunkKind::Qa).collect();
    assert_eq!(qa.len(), 3, "{:#?}", parsed.chunks);
    assert_eq!(qa[0].question.as_deref(), Some("Does the ALB keep client IPs?"));
    assert_eq!(qa[0].answer.as_deref(), Some("Use the X-Forwarded-For header."));
    assert_eq!(qa[0].lines, (3, 4));
    assert_eq!(qa[1].lines, (6, 8));
    assert_eq!(qa[1].answer.as_deref(), Some("시간당 과금입니다."));
    assert_eq!(qa[2].question.as_deref(), Some("What about NLB?"));
    assert_eq!(qa[2].answer.as_deref(), Some("It keeps them."));
    assert!(parsed.chunks.iter().any(|c| c.kind == ChunkKind::Section && c.text == "plain paragraph"));
}

#[test]
fn a_code_block_right_after_a_list_item_belongs_to_it() {
    let note = "# Cloud 9\n\n * 아래 명령으로 확인할 수 있다.\n\n```\naws sts get-caller-identity\n```\n\n * cookies\n\nProse.\n\n```\necho alone\n```\n";
    let parsed = parse_note("c9.md", note);
    let item = parsed.chunks.iter().find(|c| c.text.contains("아래 명령")).expect("item chunk");
    assert_eq!(item.lines, (3, 7), "{:#?}", parsed.chunks);
    assert!(item.text.contains("get-caller-identity"));
    let after_prose = parsed.chunks.iter().find(|c| c.text.contains("echo alone")).expect("code chunk");
    assert!(!after_prose.text.contains("cookies"), "a code block after prose stays its own: {after_prose:?}");
}

#[test]
fn broken_front_matter_is_reported_and_the_body_still_indexed() {
    let note = "---\ntitle: [unclosed\n---\n# Body\n\nStill here.\n";
    let parsed = parse_note("broken.md", note);
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].contains("front matter"), "{:?}", parsed.problems);
    assert!(parsed.chunks.iter().any(|c| c.text == "Still here." && c.lines == (6, 6)));
}

#[test]
fn bad_files_are_reported_by_path_and_the_rest_is_indexed() {
    let fixture = Fixture::with_seed();
    fixture.write("latin1.md", b"# Caf\xe9\n\nbroken \xff bytes\n");
    fixture.write("binary.md", b"\x00\x01\x02 not text");
    fixture.write("empty.md", b"   \n\n");
    fixture.write(".hidden/secret.md", "# Secret\n\n비밀 노트".as_bytes());
    fixture.write("notes.txt", b"not markdown");
    let loaded =
        knowledge::load(&fixture.knowledge(), 0, &notebot::knowledge::PageOptions::default()).expect("folder loads");
    assert_eq!(loaded.files, 1);
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["binary.md", "empty.md", "latin1.md"]);
    assert!(loaded.problems[2].message.contains("UTF-8"));
    assert!(loaded.problems[0].message.contains("binary"));
    assert!(loaded.chunks.iter().all(|c| c.source == "aws/overview.md"));
}

#[test]
fn missing_knowledge_folder_is_a_clear_error() {
    let fixture = Fixture::new();
    let missing = fixture.knowledge().join("nope");
    let problem =
        knowledge::load(&missing, 0, &notebot::knowledge::PageOptions::default()).expect_err("missing folder");
    assert!(problem.message.contains("cannot be opened"), "{problem}");
}

#[cfg(unix)]
#[test]
fn links_leaving_the_folder_are_not_followed() {
    let fixture = Fixture::with_seed();
    let outside = fixture.root.path().join("outside.md");
    std::fs::write(&outside, "# Outside\n\n밖에 있는 노트").unwrap();
    std::os::unix::fs::symlink(&outside, fixture.knowledge().join("link.md")).unwrap();
    let loaded = knowledge::load(&fixture.knowledge(), 0, &notebot::knowledge::PageOptions::default()).unwrap();
    assert!(loaded.chunks.iter().all(|c| !c.text.contains("밖에 있는")));
}

#[cfg(unix)]
#[test]
fn a_note_linked_inside_the_folder_is_cited_once_and_broken_links_are_reported() {
    let fixture = Fixture::new();
    fixture.write("qa.md", "# 주차\n\n질문: 주차 되나요?\n답변: 지하 2층에 됩니다.\n".as_bytes());
    std::os::unix::fs::symlink(fixture.knowledge().join("qa.md"), fixture.knowledge().join("a-link.md")).unwrap();
    std::os::unix::fs::symlink(fixture.knowledge().join("gone.md"), fixture.knowledge().join("broken.md")).unwrap();
    let loaded = knowledge::load(&fixture.knowledge(), 0, &notebot::knowledge::PageOptions::default()).unwrap();
    assert_eq!(loaded.files, 1);
    assert!(loaded.chunks.iter().all(|c| c.source == "qa.md"), "cited by its own path, once");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, vec!["broken.md: is a link to something that does not exist; skipped"]);
}

#[test]
fn notes_read_by_three_threads_keep_their_path_order() {
    let fixture = Fixture::new();
    for n in 0..80 {
        fixture.write(&format!("team/note-{n:03}.md"), format!("# Note {n}\n\n* item {n}\n").as_bytes());
    }
    fixture.write("team/note-040-broken.md", &[0xff, 0xfe, 0x00, 0x41]);
    let loaded = knowledge::load(&fixture.knowledge(), 3, &notebot::knowledge::PageOptions::default()).unwrap();
    assert_eq!(loaded.files, 80);
    let sources: Vec<&str> = loaded.chunks.iter().map(|c| c.source.as_str()).collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "chunks follow the notes' order whatever thread read them");
    assert_eq!(loaded.chunks[79].text, "* item 79");
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert_eq!(loaded.problems[0].path, "team/note-040-broken.md");
}
