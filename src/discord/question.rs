//! Turning a chat message into a question: stripping Discord's mention markup and telling a
//! question from chatter, so an answer channel gets answers without the bot replying to
//! every "thanks".

use crate::lexicon::List;

/// Removes `<@id>`, `<@!id>`, `<@&id>` and `<#id>` tokens (and `@everyone`/`@here`), which
/// carry no meaning for a search, and collapses the whitespace they leave.
pub fn strip_mentions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        match mention_len(tail) {
            Some(len) => {
                out.push(' ');
                rest = &tail[len..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("@everyone", " ").replace("@here", " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length of the mention token at the start of `s`, if it is one.
fn mention_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("<@!").or_else(|| s.strip_prefix("<@&")).or_else(|| s.strip_prefix("<@"));
    let body = body.or_else(|| s.strip_prefix("<#"))?;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && body.as_bytes().get(digits) == Some(&b'>')).then(|| s.len() - body.len() + digits + 1)
}

/// Whether a message in an answer channel (or a bot thread) should be answered.
///
/// Deliberately liberal: people ask notes-bots in fragments ("NLB EIP"), so anything with a
/// question mark or with letters counts, except short acknowledgements and bare links.
pub fn reads_as_question(question: &str) -> bool {
    let text = question.trim();
    if text.contains('?') || text.contains('？') {
        return true;
    }
    if !text.chars().any(char::is_alphanumeric) || is_only_links(text) {
        return false;
    }
    let lower = text.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    // Acknowledgements (`thanks`, `감사합니다`): src/lexicon/chatter_words.txt, chatter_stems.txt.
    let chatter = List::ChatterWords.contains(first) || List::ChatterStems.words().any_starts(first);
    !(chatter && lower.chars().count() <= 12)
}

fn is_only_links(text: &str) -> bool {
    text.split_whitespace().all(|w| w.starts_with("http://") || w.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_every_kind_of_mention() {
        assert_eq!(strip_mentions("<@123> NLB는 언제 쓰나요?"), "NLB는 언제 쓰나요?");
        assert_eq!(strip_mentions("hey <@!42>, what is <#7> for <@&9>"), "hey , what is for");
        assert_eq!(strip_mentions("@everyone ALB 2 < 3 <@x>"), "ALB 2 < 3 <@x>");
        assert_eq!(strip_mentions("<@123>"), "");
    }

    #[test]
    fn tells_questions_from_chatter() {
        for q in ["NLB는 언제 쓰나요?", "EBS 스냅샷 요금", "what is cloud map", "네트워크 성능", "okta 연동"]
        {
            assert!(reads_as_question(q), "{q}");
        }
        for c in ["감사합니다!", "thanks", "ㅋㅋㅋ", "👍", "https://example.com", "  ", "네 알겠어요"] {
            assert!(!reads_as_question(c), "{c}");
        }
        assert!(reads_as_question("ok but why?"));
    }
}
