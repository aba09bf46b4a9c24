//! What only the command line says, in Korean (default) and English; sentences the bot says
//! too come from the shared [`super::Texts`] table.

use crate::analysis::TermClass;
use std::path::Path;

use super::texts;
use crate::answer::Confidence;
use crate::config::Language;
use crate::knowledge::Problem;

/// The one-line label above an answer: `[답변]`, `[부분 답변] 이 답에 없는 말: 요금`, or
/// `[답 없음] 노트에서 답을 찾지 못했어요`.
pub fn confidence_label(language: Language, confidence: Confidence, missing: &[String]) -> String {
    let t = texts(language);
    let name = t.confidence_name(confidence);
    match confidence {
        Confidence::Answered => format!("[{name}]"),
        Confidence::Partial => format!("[{name}] {}", t.lacking(missing)),
        Confidence::NotAnswered => format!("[{name}] {}", t.no_answer),
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

/// The engine could not start for a reason other than the notes (the dictionary, the index
/// folder); the detail is the operator's, in English.
pub fn engine_failed(language: Language, error: &str) -> String {
    match language {
        Language::Ko => format!("색인을 열거나 만들 수 없습니다: {error}"),
        Language::En => format!("cannot open or build the index: {error}"),
    }
}

/// The knowledge folder does not exist.
pub fn no_knowledge_folder(language: Language, dir: &Path) -> String {
    let dir = dir.display();
    match language {
        Language::Ko => format!(
            "노트 폴더 {dir}이(가) 없습니다. --knowledge DIR 또는 설정 knowledge.dir로 노트 폴더를 알려 주세요."
        ),
        Language::En => {
            format!("there is no notes folder {dir}; name it with --knowledge DIR or the knowledge.dir setting.")
        }
    }
}

/// The knowledge folder could not be read.
pub fn cannot_read_notes(language: Language, problem: &Problem) -> String {
    match language {
        Language::Ko => format!("노트를 읽을 수 없습니다: {problem}"),
        Language::En => format!("cannot read the notes: {problem}"),
    }
}

/// The knowledge folder holds no notes, so there is nothing to answer from.
pub fn no_notes(language: Language, dir: &Path) -> String {
    let dir = dir.display();
    match language {
        Language::Ko => format!("{dir}에 노트(.md)가 없습니다. 노트를 넣은 뒤 다시 실행해 주세요."),
        Language::En => format!("there are no notes (.md) in {dir}; add notes, then run this again."),
    }
}

/// Progress: the index is being built.
pub fn building(language: Language, dir: &Path) -> String {
    let dir = dir.display();
    match language {
        Language::Ko => format!("{dir}의 노트로 색인을 만드는 중입니다…"),
        Language::En => format!("building the index from {dir} …"),
    }
}

/// A note skipped or read in part while indexing (the reason is the note checker's, in
/// English).
pub fn problem(language: Language, problem: &Problem) -> String {
    match language {
        Language::Ko => format!("건너뛰었거나 일부만 읽은 노트: {problem}"),
        Language::En => format!("skipped or partly read: {problem}"),
    }
}

/// The notes changed but the index could not be rebuilt; answers come from the previous one.
pub fn kept_previous(language: Language, error: &str) -> String {
    match language {
        Language::Ko => format!("노트가 바뀌었지만 색인을 다시 만들지 못해 이전 색인으로 답합니다: {error}"),
        Language::En => {
            format!("the notes changed but the index could not be rebuilt; the previous index answers: {error}")
        }
    }
}

/// The prompt of interactive `ask`.
pub fn prompt(language: Language) -> &'static str {
    match language {
        Language::Ko => "질문> ",
        Language::En => "question> ",
    }
}

/// Said when interactive `ask` starts.
pub fn interactive_hint(language: Language) -> &'static str {
    match language {
        Language::Ko => "질문을 입력하세요. 끝내려면 Ctrl-D를 누르세요.",
        Language::En => "Type a question. Press Ctrl-D to leave.",
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
