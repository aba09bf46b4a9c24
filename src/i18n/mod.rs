//! Every sentence notebot says to a person, in Korean and English, for the bot and the CLI.
//!
//! What both say (no answer, the confidence of an answer, nearest topics, words the notes
//! lack, a question with no word, no notes at all) is in the [`Texts`] table, so the
//! terminal and Discord say the same thing in the same words; what only the CLI says
//! (progress, index counts, errors of the command line) is in [`cli`]. The bot picks its table
//! by `discord.language`, the CLI by `answer.language`. Logs stay English, for operators.

pub mod cli;

use crate::answer::Confidence;
use crate::config::Language;

/// The fixed texts of one language; formatted texts are methods below.
#[derive(Debug)]
pub struct Texts {
    /// The table's language, for the formatted texts below.
    pub language: Language,
    /// Embed title when the notes hold no answer.
    pub no_answer: &'static str,
    /// Heading above the nearest topics listed when there is no answer.
    pub nearest_topics: &'static str,
    /// Heading of the other sections a `/topic` name fits as well.
    pub other_topics: &'static str,
    /// Shown instead of a topic list when nothing is even close.
    pub no_topics: &'static str,
    /// Embed title when the knowledge folder holds no notes.
    pub no_notes_title: &'static str,
    /// What to do about it.
    pub no_notes: &'static str,
    /// Name of the citations field.
    pub sources: &'static str,
    /// Embed title when the best hit has no heading.
    pub answer_title: &'static str,
    /// Appended where a long text is cut, pointing the reader to the citation.
    pub trimmed: &'static str,
    /// Over the per-user limit (slash commands; messages get a reaction instead).
    pub rate_limited: &'static str,
    /// A mention or command without any question text.
    pub empty_question: &'static str,
    /// The engine failed; details go to the log, not to the user.
    pub search_failed: &'static str,
    /// `/reindex` by someone who is not configured as an admin.
    pub not_admin: &'static str,
    /// `/reindex` while another rebuild is running.
    pub reindex_running: &'static str,
}

static KO: Texts = Texts {
    language: Language::Ko,
    no_answer: "노트에서 답을 찾지 못했어요",
    nearest_topics: "가까운 주제",
    other_topics: "같은 이름의 다른 주제",
    no_topics: "비슷한 주제도 찾지 못했어요. 다른 말로 물어봐 주세요.",
    no_notes_title: "아직 노트가 없어요",
    no_notes:
        "지식 폴더에 노트(.md)가 없어서 답할 수 없어요. 관리자가 노트를 넣고 `/reindex`를 실행하면 답할 수 있어요.",
    sources: "출처",
    answer_title: "답변",
    trimmed: "… (길어서 줄였어요. 전체 내용은 출처를 확인하세요)",
    rate_limited: "질문이 너무 많아요. 잠시 후 다시 물어봐 주세요.",
    empty_question: "질문 내용을 함께 적어 주세요.",
    search_failed: "검색 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
    not_admin: "이 명령은 관리자만 쓸 수 있어요.",
    reindex_running: "이미 색인을 다시 만드는 중이에요. 끝나면 다시 시도해 주세요.",
};

static EN: Texts = Texts {
    language: Language::En,
    no_answer: "The notes don't answer this",
    nearest_topics: "Nearest topics",
    other_topics: "Other topics with this name",
    no_topics: "Nothing close either. Try asking in other words.",
    no_notes_title: "No notes yet",
    no_notes: "The knowledge folder holds no notes (.md), so there is nothing to answer from. An admin can add notes and run `/reindex`.",
    sources: "Sources",
    answer_title: "Answer",
    trimmed: "… (trimmed; see the cited source for the rest)",
    rate_limited: "Too many questions. Please wait a moment and ask again.",
    empty_question: "Please include a question.",
    search_failed: "Something went wrong while searching. Please try again later.",
    not_admin: "Only admins can run this command.",
    reindex_running: "A reindex is already running. Try again when it is done.",
};

/// The table for `language`; `'static` so handlers can hold it without cloning.
pub fn texts(language: Language) -> &'static Texts {
    match language {
        Language::Ko => &KO,
        Language::En => &EN,
    }
}

impl Texts {
    fn is_korean(&self) -> bool {
        self.language == Language::Ko
    }

    /// Ephemeral reply when `/topic` finds nothing for `name`.
    pub fn topic_not_found(&self, name: &str) -> String {
        if self.is_korean() {
            format!("`{name}`에 해당하는 주제가 없어요. 자동 완성 목록에서 골라 주세요.")
        } else {
            format!("No topic matches `{name}`. Pick one from the autocomplete list.")
        }
    }

    /// Shown when the question held no word to look up (`???`); `example` is a way to ask about
    /// a topic of the notes in use, as the medium writes it.
    pub fn no_words(&self, example: Option<&str>) -> String {
        let base = if self.is_korean() {
            "질문에서 찾아볼 단어가 없어요. 궁금한 것을 단어로 적어 주세요."
        } else {
            "There is no word in the question to look up. Please ask in words."
        };
        match example {
            Some(example) if self.is_korean() => format!("{base} 예: {example}"),
            Some(example) => format!("{base} For example: {example}"),
            None => base.to_string(),
        }
    }

    /// The name of an answer's confidence.
    pub fn confidence_name(&self, confidence: Confidence) -> &'static str {
        match (self.is_korean(), confidence) {
            (true, Confidence::Answered) => "답변",
            (true, Confidence::Partial) => "부분 답변",
            (true, Confidence::NotAnswered) => "답 없음",
            (false, Confidence::Answered) => "Answer",
            (false, Confidence::Partial) => "Partial answer",
            (false, Confidence::NotAnswered) => "No answer",
        }
    }

    /// What a partial answer leaves out: the question's content words it does not contain.
    pub fn lacking(&self, words: &[String]) -> String {
        if self.is_korean() {
            format!("이 답에 없는 말: {}", words.join(", "))
        } else {
            format!("not in this answer: {}", words.join(", "))
        }
    }

    /// The confidence with what a partial answer lacks (`부분 답변 · 이 답에 없는 말: 요금`).
    pub fn confidence(&self, confidence: Confidence, missing: &[String]) -> String {
        let name = self.confidence_name(confidence);
        if confidence == Confidence::Partial && !missing.is_empty() {
            format!("{name} · {}", self.lacking(missing))
        } else {
            name.to_string()
        }
    }

    /// Footer showing how long the search took, so slow answers are visible to users.
    pub fn took(&self, ms: f64) -> String {
        if self.is_korean() {
            format!("검색 {ms:.1}ms")
        } else {
            format!("searched in {ms:.1} ms")
        }
    }

    /// Names the question's words the notes never mention, so a partial answer reads as one.
    pub fn absent_words(&self, words: &[String]) -> String {
        if self.is_korean() {
            format!("노트에 없는 말: {}", words.join(", "))
        } else {
            format!("Not in the notes: {}", words.join(", "))
        }
    }

    /// A long question of which only the beginning was read.
    pub fn truncated(&self, chars: usize) -> String {
        if self.is_korean() {
            format!("질문이 길어 앞의 {chars}자만 읽었습니다")
        } else {
            format!("Only the first {chars} characters of this long question were read")
        }
    }

    /// Why a question that asks how many went unanswered.
    pub fn no_number(&self) -> &'static str {
        if self.is_korean() {
            "질문은 수를 묻는데, 가장 가까운 인용에는 숫자가 없습니다."
        } else {
            "The question asks how many, but the closest citation states no number."
        }
    }

    /// `/reindex` success: the counts an admin checks after adding notes.
    pub fn reindex_done(&self, files: usize, chunks: usize, qa: usize, problems: usize, ms: f64) -> String {
        let secs = ms / 1000.0;
        if self.is_korean() {
            format!(
                "색인을 다시 만들었어요: 파일 {files}개, 조각 {chunks}개, Q&A {qa}개, 문제 {problems}개 ({secs:.1}초)"
            )
        } else {
            format!("Reindexed: {files} files, {chunks} chunks, {qa} Q&A pairs, {problems} problems ({secs:.1} s)")
        }
    }

    /// `/reindex` failure: the error, and the reassurance that answers keep working.
    pub fn reindex_failed(&self, error: &str) -> String {
        if self.is_korean() {
            format!("색인을 다시 만들지 못했어요 (기존 색인으로 계속 답해요): {error}")
        } else {
            format!("Reindex failed; the previous index keeps serving: {error}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_own_table() {
        assert!(texts(Language::Ko).is_korean());
        assert!(!texts(Language::En).is_korean());
        assert!(texts(Language::Ko).topic_not_found("x").contains("주제"));
        assert!(texts(Language::En).reindex_done(1, 2, 3, 0, 1500.0).contains("1.5 s"));
    }
}
