//! The Korean/English analyzer: mixed words, compounds, particles, normalisation.

use notebot::analysis::{Analyzer, Term, TermClass};

/// The terms of `text` that are written forms (`true`) or the dictionary's pieces (`false`).
fn analyzed(text: &str, written_forms: bool) -> Vec<Term> {
    let terms = Analyzer::shared().expect("dictionary").analyze(text);
    terms.into_iter().filter(|t| t.written_form == written_forms).collect()
}

/// The dictionary's terms for `text`, without the written forms added beside them.
fn pieces(text: &str) -> Vec<Term> {
    analyzed(text, false)
}

fn terms(text: &str) -> Vec<String> {
    pieces(text).into_iter().map(|t| t.text).collect()
}

#[test]
fn latin_terms_are_cut_out_of_mixed_words() {
    assert!(terms("EC2인스턴스").contains(&"ec2".to_string()), "{:?}", terms("EC2인스턴스"));
    assert_eq!(terms("stateless해서"), vec!["stateless"]);
    assert_eq!(terms("NLB가"), vec!["nlb"]);
    assert_eq!(terms("path기반"), vec!["path", "기반"]);
    assert_eq!(terms("1000G 사이즈의 EBS"), vec!["1000g", "사이즈", "ebs"]);
}

#[test]
fn identifiers_in_camel_case_are_also_their_words() {
    let parts =
        |text: &str| -> Vec<String> { pieces(text).into_iter().filter(|t| t.compound_part).map(|t| t.text).collect() };
    assert_eq!(terms("readinessProbe 실패하면"), vec!["readinessprobe", "readiness", "probe", "실패"]);
    assert_eq!(parts("ingressClassName"), vec!["ingress", "class", "name"]);
    assert_eq!(parts("HTTPServer S3Bucket"), vec!["http", "server", "s3", "bucket"]);
    // `iPhone` has a one-letter part, so it is not split; `is` of `isReady` is a function word.
    assert_eq!(parts("iPhone isReady"), vec!["ready"]);
    assert!(parts("https://youtu.be/ySQdKgAxYz?list=PLabCdEf").is_empty(), "ids in links are not words");
    assert!(
        parts("readinessprobe ＲeadinessＰrobe").is_empty(),
        "without case (or when NFKC moves offsets) nothing is split"
    );
}

#[test]
fn a_quantity_written_as_one_word_is_also_its_unit() {
    let quantity = pieces("메모리 10GB까지");
    let units: Vec<(&str, bool, usize)> =
        quantity.iter().map(|t| (t.text.as_str(), t.compound_part, t.position)).collect();
    assert_eq!(units, vec![("메모리", false, 0), ("10gb", false, 1), ("gb", true, 1)]);
    assert_eq!(terms("ec2 s3 4k 2023"), vec!["ec2", "s3", "4k", "2023"], "names and bare numbers stay whole");
}

#[test]
fn numbers_with_separators_or_magnitude_words_are_one_number() {
    assert_eq!(terms("쿼리 100만 건당"), vec!["쿼리", "1000000", "건당"], "not the 100 of 100%");
    assert_eq!(terms("1,000,000건"), vec!["1000000", "건"]);
    assert_eq!(terms("3천만 원"), terms("30000000 원"));
    assert_eq!(terms("1.5억"), vec!["150000000"]);
    assert_eq!(terms("1,000ppm 안팎"), vec!["1000ppm", "ppm", "안팎"], "the unit stays a part");
    assert_eq!(terms("1,2,3 v1.5"), vec!["1", "2", "3", "v1", "5"], "lists and versions are left alone");
}

#[test]
fn chat_laughter_and_tears_are_not_terms() {
    assert_eq!(terms("락이 안 풀려요 ㅠㅠ"), vec!["락", "풀리"]);
    assert_eq!(terms("ㅋㅋㅋ 감사 ㅎㅎ"), vec!["감사"]);
    assert!(terms("ㄱㄱ ㅇㅇ ㅜㅜ").is_empty());
}

#[test]
fn particles_written_apart_after_english_words_are_not_terms() {
    // `for` alone among Korean words is the rule's field, a name: only the particle goes.
    assert_eq!(terms("알람 룰에 for 를 빼먹으면"), vec!["알람", "룰", "for", "빼먹"]);
    assert_eq!(terms("count 로 만든 Dockerfile 에서 plan 은?"), vec!["count", "만들", "dockerfile", "plan"]);
    assert_eq!(terms("도로 과도"), vec!["도로", "과도"], "words that only look like two particles stay");
}

#[test]
fn particles_endings_and_suffixes_are_dropped() {
    assert_eq!(
        terms("보안그룹하고 달리 stateless해서 inbound와 outbound모두 설정해야 된다."),
        vec!["보안", "그룹", "stateless", "inbound", "outbound", "설정"]
    );
}

#[test]
fn compounds_are_indexed_whole_and_as_parts() {
    let gateway = pieces("VPN게이트웨이");
    let texts: Vec<&str> = gateway.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, vec!["vpn", "게이트웨이", "게이트", "웨이"]);
    assert_eq!(gateway[1].position, gateway[2].position, "first part shares the compound's position");
    assert_eq!(terms("보안그룹"), terms("보안 그룹"));
}

#[test]
fn verb_stems_come_from_the_expression_field() {
    let terms = pieces("람다는 메모리설정량에 따라서 CPU성능이 좌우된다.");
    let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, vec!["람다", "메모리", "설정", "량", "따르", "cpu", "성능", "좌우"]);
    assert_eq!(terms[4].class, TermClass::Verb, "따라서 is indexed by its stem 따르");
}

#[test]
fn normalisation_folds_width_case_and_decomposed_hangul() {
    assert_eq!(terms("ＥＣ２"), vec!["ec2"]);
    assert_eq!(terms("Kinesis KINESIS"), vec!["kinesis", "kinesis"]);
    let decomposed = "\u{1100}\u{1161}\u{11BC}\u{1102}\u{1161}\u{11B7}"; // 강남 in jamo
    assert_eq!(terms(decomposed), terms("강남"));
    assert_eq!(terms("ÉCOLE 보안"), vec!["école", "보안"], "NFKC text outside ASCII is still lower-cased");
}

#[test]
fn english_function_words_and_symbols_are_not_terms() {
    assert_eq!(terms("Does NLB terminate TLS?"), vec!["nlb", "terminate", "tls"]);
    assert!(terms("this AND that OR those ( ) : ^ ~ * \"").is_empty());
}

#[test]
fn an_english_function_word_alone_in_korean_text_is_a_name() {
    assert!(terms("화살표함수 this는 뭘 가리켜").contains(&"this".to_string()));
    assert!(terms("웹서버랑 WAS 역할 차이").contains(&"was".to_string()));
    assert!(terms("`setup()` 함수 안에서는 `this`를 쓸 수 없다").contains(&"this".to_string()));
    assert!(terms("for문 대신 forEach").contains(&"for".to_string()));
    assert!(terms("this.state 는 언제 바뀌어").contains(&"this".to_string()), "a keyword in code");
    // Beside another English word it is English again.
    assert_eq!(terms("What's the NLB for?"), vec!["nlb"]);
    assert_eq!(terms("Is this NLB or that?"), vec!["nlb"]);
}

#[test]
fn contractions_leave_no_stray_tails() {
    assert_eq!(terms("We're sure it's NLB, aren't we?"), vec!["sure", "nlb"]);
    assert_eq!(terms("We’ll re-check"), vec!["re", "check"], "`re` that is not a contraction's tail stays");
}

#[test]
fn words_are_also_indexed_as_written_without_their_particle() {
    let written = |text: &str| -> Vec<String> { analyzed(text, true).into_iter().map(|t| t.text).collect() };
    // The dictionary reads `길이 약` as 길 + particle 이; the written word is kept beside it.
    assert!(written("한강은 길이 약 494킬로미터의 강이다.").contains(&"길이".to_string()));
    assert!(written("메모리설정량에 따라서").contains(&"메모리설정량".to_string()));
    assert!(written("한강은").is_empty(), "nothing beside a word the dictionary already spells");
    assert!(written("NLB가 있는").is_empty(), "no Latin words, no function words");
}

#[test]
fn a_huge_line_is_analysed_in_pieces_with_the_same_terms_and_true_offsets() {
    let phrase = "보안 그룹은 stateful ";
    let once = terms(phrase);
    let line = phrase.repeat(5_000);
    let analysed = Analyzer::shared().unwrap().analyze(&line);
    let pieces: Vec<&Term> = analysed.iter().filter(|t| !t.written_form).collect();
    assert_eq!(pieces.len(), once.len() * 5_000);
    let normalized = notebot::analysis::normalize(&line);
    for term in pieces.iter().filter(|t| !t.compound_part) {
        assert_eq!(&normalized[term.offset.0..term.offset.1], term.text, "offsets point at the term");
    }
    assert!(analysed.windows(2).all(|w| w[0].offset.0 <= w[1].offset.0), "terms stay in order");
}
