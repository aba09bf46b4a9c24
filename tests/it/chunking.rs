//! Citable units of real notes: deep lists cut into answer-sized passages, and Jekyll pages
//! read as Jekyll renders them.

use notebot::knowledge::{parse_note, parse_page, Chunk, PageOptions, SiteConfig};

fn deep_list_note() -> String {
    let mut note = String::from("# OS\n\n");
    note.push_str("- 프로세스 관리\n");
    for topic in ["스케줄링", "동기화", "교착상태(Deadlock)"] {
        note.push_str(&format!("  - {topic}\n"));
        for i in 1..=8 {
            note.push_str(&format!("    - {topic} 설명 {i}\n"));
        }
    }
    note.push_str("- 짧은 항목\n  - 한 줄\n");
    note
}

fn chunk_with<'a>(chunks: &'a [Chunk], text: &str) -> &'a Chunk {
    chunks.iter().find(|c| c.text.contains(text)).unwrap_or_else(|| panic!("no chunk holds {text}: {chunks:#?}"))
}

#[test]
fn a_deep_list_item_is_cut_into_passages_along_its_nested_items() {
    let chunks = parse_note("os.md", &deep_list_note()).chunks;
    assert!(chunks.iter().all(|c| c.lines.1 - c.lines.0 < 20), "{chunks:#?}");
    let deadlock = chunk_with(&chunks, "교착상태(Deadlock) 설명 3");
    assert!(deadlock.text.starts_with("- 교착상태(Deadlock)"), "a passage starts at a nested item: {}", deadlock.text);
    assert_eq!(deadlock.heading(), "OS › 프로세스 관리");
    let first = chunk_with(&chunks, "스케줄링 설명 1");
    assert!(first.text.starts_with("- 프로세스 관리"), "the item's own line leads its first passage");
    let short = chunk_with(&chunks, "한 줄");
    assert_eq!(short.lines.1 - short.lines.0, 1, "a short item stays one chunk");
}

#[test]
fn passages_cover_every_line_of_the_item_once() {
    let note = deep_list_note();
    let chunks = parse_note("os.md", &note).chunks;
    let item_lines = 3..=32u32;
    for line in item_lines {
        let holders = chunks.iter().filter(|c| c.lines.0 <= line && line <= c.lines.1).count();
        assert_eq!(holders, 1, "line {line} is in {holders} chunks");
    }
}

#[test]
fn a_sentence_parent_becomes_context_of_deeper_passages() {
    let mut note = String::from("# Net\n\n- 전송 계층\n  - TCP는 연결을 맺고 순서를 보장한다.\n");
    for i in 1..=24 {
        note.push_str(&format!("    - 세부 {i}\n"));
    }
    let chunks = parse_note("net.md", &note).chunks;
    let deep = chunk_with(&chunks, "세부 24");
    assert!(deep.context.contains("TCP는 연결을 맺고"), "{deep:#?}");
}

#[test]
fn jekyll_highlight_blocks_are_code_not_headings() {
    let page = "---\ntitle: Linux\n---\n## 권한\n\n{% highlight console %}\n# ls -al\ntotal 0\n{% endhighlight %}\n\n소유자만 읽을 수 있다.\n";
    let parsed = parse_page("linux.md", page, &PageOptions::default());
    assert!(parsed.chunks.iter().all(|c| c.heading() != "Linux › ls -al"), "{:#?}", parsed.chunks);
    let after = chunk_with(&parsed.chunks, "소유자만");
    assert_eq!(after.heading(), "Linux › 권한");
}

#[test]
fn liquid_in_a_page_without_front_matter_is_text() {
    let note = "# Vue\n\n```html\n<p>{{ message }}</p>\n```\n\n{% not liquid here %}\n";
    let parsed = parse_note("vue.md", note);
    assert!(parsed.chunks.iter().any(|c| c.text.contains("{{ message }}")));
    assert!(parsed.chunks.iter().any(|c| c.text.contains("{% not liquid here %}")));
}

#[test]
fn site_variables_in_link_targets_are_resolved_from_the_site_config() {
    let site = PageOptions { site: SiteConfig::parse("baseurl: /blog\n"), ..PageOptions::default() };
    let page = "---\ntitle: K8s\n---\n파드 구조는 ![pod]({{ site.baseurl }}/img/pod.png) 그림 참고\n{% include footer.html %}\n";
    let parsed = parse_page("k8s.md", page, &site);
    let chunk = chunk_with(&parsed.chunks, "파드 구조");
    assert!(chunk.text.contains("(/blog/img/pod.png)"), "{}", chunk.text);
    assert!(parsed.chunks.iter().all(|c| !c.text.contains("include")));
}

#[test]
fn passage_length_is_a_setting_and_zero_keeps_items_whole() {
    let note = deep_list_note();
    let whole = parse_page("os.md", &note, &PageOptions { passage_lines: 0, ..PageOptions::default() }).chunks;
    assert!(whole.iter().any(|c| c.lines == (3, 30)), "{whole:#?}");
    let short = parse_page("os.md", &note, &PageOptions { passage_lines: 10, ..PageOptions::default() }).chunks;
    assert!(short.iter().all(|c| c.lines.1 - c.lines.0 < 10), "{short:#?}");
}

#[test]
fn a_tight_run_of_short_bullets_is_cited_as_one_chunk() {
    let note = "# DB\n\n## 특징\n- 첫째 줄\n- 둘째 줄\n- 셋째 줄\n\n- 떨어진 줄\n";
    let chunks = parse_note("db.md", note).chunks;
    let run = chunk_with(&chunks, "둘째 줄");
    assert_eq!(run.lines, (4, 6), "{chunks:#?}");
    assert_eq!(chunk_with(&chunks, "떨어진 줄").lines, (8, 8), "a bullet set apart by a blank line stays alone");
    let alone = parse_page("db.md", note, &PageOptions { item_group_lines: 1, ..PageOptions::default() }).chunks;
    assert_eq!(chunk_with(&alone, "둘째 줄").lines, (5, 5));
}

#[test]
fn a_run_of_bullets_is_cut_where_it_would_grow_past_the_group_limit() {
    let mut note = String::from("# List\n\n");
    for i in 1..=12 {
        note.push_str(&format!("- 항목 {i}\n"));
    }
    let chunks = parse_note("list.md", &note).chunks;
    assert_eq!(chunks.iter().map(|c| c.lines).collect::<Vec<_>>(), vec![(3, 10), (11, 14)]);
}

#[test]
fn every_chunk_carries_its_note_file_name_as_words_unless_switched_off() {
    let note = "# 메서드\n\n## GET\n\n조회에 쓴다.\n\n## PUT\n\n전체 수정에 쓴다.\n";
    let chunks = parse_page("web/HTTPMethod.md", note, &PageOptions::default()).chunks;
    assert!(chunks.len() > 1);
    assert!(chunks.iter().all(|c| c.file_title == "HTTP Method"), "{chunks:#?}");
    let readme = parse_page("web/README.md", note, &PageOptions::default()).chunks;
    assert!(readme.iter().all(|c| c.file_title.is_empty()), "a README's name says nothing of its topic");
    let off =
        parse_page("web/HTTPMethod.md", note, &PageOptions { file_titles: false, ..PageOptions::default() }).chunks;
    assert!(off.iter().all(|c| c.file_title.is_empty()));
}

#[test]
fn bullets_right_under_a_numbered_item_go_on_with_it() {
    // Markdown starts a new list at `-` after `1.`; the author meant the item's description.
    let note = "# DDL\n\n1. CREATE\n- 테이블을 생성하는 명령어\n\n2. TRUNCATE\n- 테이블을 초기화하는 명령어\n\n- 떨어진 설명\n";
    let chunks = parse_note("db.md", note).chunks;
    assert_eq!(chunk_with(&chunks, "CREATE").lines, (3, 4), "{chunks:#?}");
    assert_eq!(chunk_with(&chunks, "TRUNCATE").lines, (6, 7), "{chunks:#?}");
    assert_eq!(chunk_with(&chunks, "떨어진 설명").lines, (9, 9), "a list set apart by a blank line stays alone");
    let bullets = parse_note("b.md", "# B\n\n- 하나\n* 둘\n").chunks;
    assert_eq!(bullets.iter().map(|c| c.lines).collect::<Vec<_>>(), vec![(3, 3), (4, 4)], "only after a number");
}

#[test]
fn a_list_is_searched_with_the_paragraph_that_introduces_it() {
    let note = "# SQL Injection\n\n## 공격 원리\n\nSQL인젝션은 다음 조건을 모두 만족해야 가능하다.\n\n\
                1. DB와 연동된 웹 애플리케이션\n\n2. 외부 입력값을 DB 쿼리문에 사용\n";
    let chunks = parse_note("sqli.md", note).chunks;
    let second = chunk_with(&chunks, "외부 입력값");
    assert_eq!(second.lines, (9, 9), "the citation stays the item's own lines");
    assert!(second.context.contains("다음 조건을 모두 만족해야"), "{second:#?}");
    let first = chunk_with(&chunks, "SQL인젝션은");
    assert_eq!(first.lines, (5, 7), "a one-line lead-in is cited with the first item: {chunks:#?}");
    assert!(first.text.contains("DB와 연동된"), "{first:#?}");
    assert!(!first.context.contains("조건"), "the lead-in itself is not its own context");
    let off = parse_page("sqli.md", note, &PageOptions { lead_ins: false, ..PageOptions::default() }).chunks;
    assert!(chunk_with(&off, "외부 입력값").context.is_empty(), "{off:#?}");
    assert_eq!(chunk_with(&off, "SQL인젝션은").lines, (5, 5), "without lead-ins it stands alone: {off:#?}");
}

#[test]
fn only_a_one_line_lead_in_right_above_a_short_first_item_is_cited_with_it() {
    let two_lines = "# A\n\n첫 줄이 소개한다.\n둘째 줄도 있다.\n\n- 항목 하나\n";
    assert_eq!(chunk_with(&parse_note("a.md", two_lines).chunks, "항목 하나").lines, (6, 6));
    let mut long_item = String::from("# A\n\n아래처럼 나뉜다.\n\n- 분류\n");
    for i in 0..30 {
        long_item.push_str(&format!("  - 하위 항목 {i}번은 길게 이어진다\n"));
    }
    let chunks = parse_note("a.md", &long_item).chunks;
    assert_eq!(chunk_with(&chunks, "아래처럼").lines, (3, 3), "a first item cut into passages keeps it apart");
    assert!(chunks.iter().any(|c| c.text.contains("하위 항목 0번")), "{chunks:#?}");
    // Cut with the paragraph before it into one prose chunk, it stays there.
    let in_prose = "# A\n\n앞 문단이다.\n\n목록을 소개한다.\n\n- 항목\n";
    let chunks = parse_note("a.md", in_prose).chunks;
    assert_eq!(chunk_with(&chunks, "목록을 소개").lines, (3, 5), "{chunks:#?}");
    assert_eq!(chunk_with(&chunks, "- 항목").lines, (7, 7), "{chunks:#?}");
    let quoted = "# A\n\n> 1번부터 적용하고 뒤로 갈수록 덮어쓴다\n\n1. 실행 인자\n2. 환경 변수\n";
    let chunks = parse_note("a.md", quoted).chunks;
    assert_eq!(chunk_with(&chunks, "실행 인자").lines, (3, 6), "a quote introduces a list too: {chunks:#?}");
    let under_statement = "# A\n\n## 목록은 짧다.\n\n아래와 같다.\n\n- 항목\n";
    let chunks = parse_note("a.md", under_statement).chunks;
    assert_eq!(chunk_with(&chunks, "- 항목").lines, (3, 7), "a stating heading comes along: {chunks:#?}");
}

#[test]
fn only_a_paragraph_right_above_a_list_and_not_a_link_or_an_answer_is_its_lead_in() {
    let far = "# A\n\n소개하는 문장이다.\n\n\n- 두 줄 아래 항목\n";
    assert!(chunk_with(&parse_note("a.md", far).chunks, "두 줄 아래").context.is_empty());
    let link = "# A\n\n[AWS Blog](https://aws.amazon.com/blogs)\n\n- 고객 사례\n";
    assert!(chunk_with(&parse_note("a.md", link).chunks, "고객 사례").context.is_empty());
    let answer = "# A\n\n질문: 로그 레벨은요?\n답변: debug 로 켠다.\n\n- 운영에서는 끈다\n";
    assert!(chunk_with(&parse_note("a.md", answer).chunks, "운영에서는").context.is_empty());
    let labelled = "# A\n\n여러 가지를 정리했다.\n\n- 한줄 Q&A\n  - 캐시는? => 끈다\n";
    assert!(chunk_with(&parse_note("a.md", labelled).chunks, "캐시는").context.is_empty(), "a label heads itself");
    let heading = "# A\n\n첫 문단이다.\n\n## B\n\n- 다른 절의 항목\n";
    assert!(chunk_with(&parse_note("a.md", heading).chunks, "다른 절").context.is_empty());
}

#[test]
fn a_folded_details_block_is_a_section_headed_by_its_summary() {
    let note =
        "# 데이터베이스\n\n## 질의응답\n\n<details>\n<summary>Index를 구현하는 <b>자료구조</b>는?</summary>\n<p>\n\n\
                해시 테이블은 부등호 연산에 적합하지 않다.\n\n- B+ 트리는 범위 검색에 유리하다.\n\n</p>\n</details>\n\n\
                <br/>\n\n질의응답 뒤의 문단.\n";
    let parsed = parse_note("db.md", note);
    let chunks = &parsed.chunks;
    let hash = chunk_with(chunks, "해시 테이블은");
    assert_eq!(hash.heading(), "데이터베이스 › 질의응답 › Index를 구현하는 자료구조는?", "{chunks:#?}");
    assert_eq!(hash.lines, (9, 11), "a one-line paragraph is cited with the list right under it");
    assert!(hash.text.contains("B+ 트리"), "{chunks:#?}");
    assert_eq!(chunk_with(chunks, "질의응답 뒤의").heading(), "데이터베이스 › 질의응답", "</details> ends the section");
    assert!(chunks.iter().all(|c| !c.text.contains('<')), "tags alone are not text: {chunks:#?}");
    assert!(parsed.sections.iter().any(|s| s.heading_path.last().is_some_and(|h| h == "Index를 구현하는 자료구조는?")));
}

#[test]
fn details_without_a_summary_or_closed_at_once_stay_text() {
    let inline = "# A\n\n<details><summary>접힌 글</summary>한 줄 답</details>\n";
    let chunks = parse_note("a.md", inline).chunks;
    assert_eq!(chunk_with(&chunks, "한 줄 답").heading(), "A", "{chunks:#?}");
    let bare = "# A\n\n<details>\n<p>\n\n요약 없는 내용.\n\n</p>\n</details>\n";
    assert_eq!(chunk_with(&parse_note("a.md", bare).chunks, "요약 없는").heading(), "A");
}

#[test]
fn an_answer_written_right_under_its_summary_is_kept_as_text() {
    let note = "# A\n\n<details>\n<summary>질문은?</summary>\n바로 아래 쓴 답.\n\n이어지는 답.\n</details>\n";
    let chunks = parse_note("a.md", note).chunks;
    let answer = chunk_with(&chunks, "바로 아래 쓴 답");
    assert_eq!(answer.heading(), "A › 질문은?", "{chunks:#?}");
    assert_eq!(answer.lines.0, 5);
    assert_eq!(chunk_with(&chunks, "이어지는 답").heading(), "A › 질문은?");
}

#[test]
fn a_heading_keeps_its_bold_code_and_linked_words() {
    let note = "# **DDL, DML, DCL**\n\n## Class 안의 코드는 항상 **`strict` 모드** 이다\n\n설명.\n\n## [REST](https://example.com) 원칙\n\n본문.\n";
    let chunks = parse_note("db.md", note).chunks;
    assert_eq!(
        chunk_with(&chunks, "설명").heading(),
        "DDL, DML, DCL › Class 안의 코드는 항상 strict 모드 이다",
        "{chunks:#?}"
    );
    assert_eq!(chunk_with(&chunks, "본문").heading(), "DDL, DML, DCL › REST 원칙");
}

#[test]
fn a_heading_that_states_something_is_cited_with_the_first_chunk_under_it() {
    let note =
        "# Class\n\n#### Class는 호이스팅이 되지 않는다.\n\n![image](https://example.com/a.png)\n\n- 목록 항목\n\n\
                #### 정의\n\n정의 문단.\n\n#### 차이는?\n\n답 문단.\n";
    let chunks = parse_note("class.md", note).chunks;
    let stated = chunk_with(&chunks, "![image]");
    assert_eq!(stated.lines, (3, 5), "{chunks:#?}");
    assert!(stated.text.contains("호이스팅이 되지 않는다"));
    assert_eq!(chunk_with(&chunks, "목록 항목").lines, (7, 7), "only the first chunk under it");
    assert_eq!(chunk_with(&chunks, "정의 문단").lines, (11, 11), "a title is not part of the answer");
    assert_eq!(chunk_with(&chunks, "답 문단").lines, (15, 15), "nor is a question");
}

#[test]
fn one_html_block_may_end_a_folded_answer_and_open_the_next() {
    let note = "# SE\n\n<details>\n<summary>첫 질문?</summary>\n<p>\n\n첫 답.\n\n</p>\n</details>\n<details>\n\
                <summary>Validation과 Verification의 차이?</summary>\n<p>\n\n- Validation : 요구사항을 반영하는가\n\n</p>\n</details>\n";
    let chunks = parse_note("se.md", note).chunks;
    assert_eq!(chunk_with(&chunks, "첫 답").heading(), "SE › 첫 질문?", "{chunks:#?}");
    assert_eq!(chunk_with(&chunks, "요구사항을 반영").heading(), "SE › Validation과 Verification의 차이?");
    assert!(chunks.iter().all(|c| !c.text.contains("<summary>")), "{chunks:#?}");
}

#[test]
fn text_in_a_details_block_without_a_summary_is_kept() {
    let note = "# A\n\n<details>\n<p>\n접힌 설명 한 줄\n\n다음 문단.\n</details>\n";
    let chunks = parse_note("a.md", note).chunks;
    assert!(chunks.iter().any(|c| c.text.contains("접힌 설명 한 줄")), "{chunks:#?}");
    assert_eq!(chunk_with(&chunks, "다음 문단").heading(), "A");
}

#[test]
fn a_table_of_contents_is_not_cited() {
    let note = "# 안티 패턴\n\n- [개요](#개요)\n- [황금 망치](#황금-망치)\n  - [원인](#원인)\n\n## 개요\n\n안티 패턴은 나쁜 습관이다.\n\n\
                ## 참고\n\n- [황금 망치 설명](https://example.com/golden-hammer)\n";
    let chunks = parse_note("anti.md", note).chunks;
    assert!(chunks.iter().all(|c| !c.text.contains("(#")), "{chunks:#?}");
    assert!(chunks.iter().any(|c| c.text.contains("example.com")), "links out of the page are kept");
    assert!(chunks.iter().any(|c| c.text.contains("나쁜 습관")));
}
