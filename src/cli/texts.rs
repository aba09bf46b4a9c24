//! User-facing CLI sentences in Korean (default) and English.

use crate::analysis::TermClass;
use crate::config::Language;

/// Heading printed before the nearest topics of an unanswered question.
pub fn not_found(language: Language) -> &'static str {
    match language {
        Language::Ko => "노트에서 이 질문에 대한 답을 찾지 못했습니다.",
        Language::En => "The notes do not answer this question.",
    }
}

/// Said instead of [`not_found`] when the question held no word to look up.
pub fn no_words(language: Language) -> &'static str {
    match language {
        Language::Ko => {
            "질문에서 찾아볼 단어가 없습니다. 궁금한 것을 단어로 적어 주세요. 예: notebot ask \"NLB는 언제 쓰나요?\""
        }
        Language::En => "The question has no word to look up. Ask in words, e.g. notebot ask \"When do I use an NLB?\"",
    }
}

/// Label of the nearest-topics line.
pub fn nearest_topics(language: Language) -> &'static str {
    match language {
        Language::Ko => "가까운 주제",
        Language::En => "Nearest topics",
    }
}

/// Label of the other sections a `topic` name fits as well.
pub fn other_topics(language: Language) -> &'static str {
    match language {
        Language::Ko => "이 이름에 맞는 다른 주제도 있습니다",
        Language::En => "Other topics also match this name",
    }
}

/// The count of other matching topics not listed.
pub fn more_topics(language: Language, more: usize) -> String {
    match language {
        Language::Ko => format!("… 외 {more}개 (`notebot topics`로 전체 목록을 볼 수 있습니다)"),
        Language::En => format!("… and {more} more (`notebot topics` lists them all)"),
    }
}

/// `topic` was given an empty name.
pub fn empty_topic_name(language: Language) -> &'static str {
    match language {
        Language::Ko => "주제 이름이 비어 있습니다. 예: notebot topic NLB (`notebot topics`로 목록을 볼 수 있습니다)",
        Language::En => "the topic name is empty; try: notebot topic NLB (`notebot topics` lists them)",
    }
}

/// No heading starts with the prefix given to `topics`.
pub fn no_topics_with_prefix(language: Language, prefix: &str) -> String {
    match language {
        Language::Ko => {
            format!("'{prefix}'(으)로 시작하는 주제가 없습니다. `notebot topics`로 전체 목록을 볼 수 있습니다.")
        }
        Language::En => format!("no topic starts with '{prefix}'; `notebot topics` lists them all."),
    }
}

/// Label of weak matches shown under an unanswered question.
pub fn possibly_related(language: Language) -> &'static str {
    match language {
        Language::Ko => "관련 있을 수 있는 곳",
        Language::En => "Possibly related",
    }
}

/// The message for an empty question.
pub fn empty_question(language: Language) -> &'static str {
    match language {
        Language::Ko => "질문이 비어 있습니다. 예: notebot ask \"NLB는 언제 쓰나요?\"",
        Language::En => "the question is empty; try: notebot ask \"When should I use an NLB?\"",
    }
}

/// The engine could not start.
pub fn engine_failed(language: Language, error: &str) -> String {
    match language {
        Language::Ko => format!("노트 색인을 열 수 없습니다: {error}"),
        Language::En => format!("cannot open the notes index: {error}"),
    }
}

/// The output could not be written (a full disk, a closed terminal).
pub fn cannot_write(language: Language, error: &std::io::Error) -> String {
    match language {
        Language::Ko => format!("출력을 쓸 수 없습니다: {error}"),
        Language::En => format!("cannot write the output: {error}"),
    }
}

/// Searching the index failed for one question.
pub fn search_failed(language: Language, error: &str) -> String {
    match language {
        Language::Ko => format!("검색하지 못했습니다: {error}"),
        Language::En => format!("search failed: {error}"),
    }
}

/// Standard input could not be read.
pub fn cannot_read_input(language: Language, error: &std::io::Error) -> String {
    match language {
        Language::Ko => format!("표준 입력을 읽을 수 없습니다: {error}"),
        Language::En => format!("cannot read standard input: {error}"),
    }
}

/// A line of standard input that is not UTF-8 text; the other lines are still answered.
pub fn line_not_utf8(language: Language, line: usize) -> String {
    match language {
        Language::Ko => format!("표준 입력 {line}번째 줄이 UTF-8 텍스트가 아니라 건너뜁니다"),
        Language::En => format!("line {line} of standard input is not UTF-8 text; skipped"),
    }
}

/// No topic matched a name.
pub fn no_topic(language: Language, name: &str) -> String {
    match language {
        Language::Ko => {
            format!("'{name}' 주제를 찾지 못했습니다. `notebot topics`로 목록을 볼 수 있습니다.")
        }
        Language::En => format!("no topic matches '{name}'; `notebot topics` lists them."),
    }
}

/// Names the question's words the notes never mention, so a partial answer reads as one.
pub fn absent_words(language: Language, words: &[String]) -> String {
    match language {
        Language::Ko => format!("(노트에 없는 말: {})", words.join(", ")),
        Language::En => format!("(not in the notes: {})", words.join(", ")),
    }
}

/// A question longer than `search.max_question_chars`, of which only the beginning was read.
pub fn truncated(language: Language, chars: usize) -> String {
    match language {
        Language::Ko => format!("(질문이 길어 앞의 {chars}자만 읽었습니다)"),
        Language::En => format!("(the question is long: only its first {chars} characters were read)"),
    }
}

/// Why a question that asks how many went unanswered.
pub fn no_number(language: Language) -> &'static str {
    match language {
        Language::Ko => "(질문은 수를 묻는데, 가장 가까운 인용에는 숫자가 없습니다)",
        Language::En => "(the question asks how many, but the closest citation states no number)",
    }
}

/// Heading of `ask --explain`'s reading: the coverage the answer threshold judged, and how to
/// read the lines below.
pub fn reading_heading(language: Language, coverage: f32, min_coverage: f32) -> String {
    match language {
        Language::Ko => format!(
            "질문을 이렇게 읽었습니다. 첫 인용의 일치도 {coverage:.2}, 답변 기준 {min_coverage:.2}\n\
             (단어 · 종류와 비중 · 그 단어가 든 인용 · 찾아본 형태, ✗ 표시는 노트에 없는 형태)"
        ),
        Language::En => format!(
            "How the question was read: the first citation covers {coverage:.2}, answers need {min_coverage:.2}\n\
             (word · class and share · citations containing it · forms searched, ✗ for forms no note contains)"
        ),
    }
}

/// A question with no searchable word (only particles, endings or stop words).
pub fn nothing_searchable(language: Language) -> &'static str {
    match language {
        Language::Ko => "(검색할 단어가 없습니다)",
        Language::En => "(no word to search for)",
    }
}

/// A word class as shown in `ask --explain`.
pub fn word_class(language: Language, class: TermClass) -> &'static str {
    match (language, class) {
        (Language::Ko, TermClass::Noun) => "명사",
        (Language::Ko, TermClass::Verb) => "동사",
        (Language::Ko, TermClass::Latin) => "영문",
        (Language::Ko, TermClass::Number) => "수",
        (Language::En, TermClass::Noun) => "noun",
        (Language::En, TermClass::Verb) => "verb",
        (Language::En, TermClass::Latin) => "latin",
        (Language::En, TermClass::Number) => "number",
    }
}

/// A question word no note contains, in any form searched.
pub fn not_in_notes(language: Language) -> &'static str {
    match language {
        Language::Ko => "노트에 없음",
        Language::En => "not in the notes",
    }
}

/// A question word some note contains, but none of the citations.
pub fn not_in_citations(language: Language) -> &'static str {
    match language {
        Language::Ko => "인용에 없음",
        Language::En => "not in the citations",
    }
}
