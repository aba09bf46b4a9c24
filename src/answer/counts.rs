//! Questions that ask how many or how much (`몇 개`, `몇 분`, `얼마야`, `how many`): a chunk that
//! states no number cannot answer them, however many of their other words it shares. Near-topic
//! questions the notes cannot answer are often of this kind (a service's quota or price, when
//! the notes only say what the service is for). The numerals, counters and kinds are word
//! lists of `src/lexicon/`.

use crate::lexicon::List;

/// Whether `question` asks for a count or an amount: `몇` starting a word (not `몇몇`, "some"),
/// `얼마` (a price, a size, a setting: `얼마야`, `얼마로`) or `how many`, unless it asks how many
/// kinds (`몇 가지`, `how many types`). `얼마나` (how long, how far) is not one: `얼마나 걸려`
/// is as often answered by a time complexity or `금방` as by a number.
pub fn asks_how_many(question: &str) -> bool {
    let lower = question.to_lowercase();
    let words = words_of(&lower);
    (0..words.len()).filter_map(|i| counted_after(&words, i)).any(|counted| !counted.is_some_and(names_kinds))
}

/// When word `i` starts a count (`몇`, `몇개`, `how many`), what is counted: the rest of the
/// word or the next word (`None` at the end of the question).
fn counted_after<'a>(words: &[&'a str], i: usize) -> Option<Option<&'a str>> {
    let word = words[i];
    if word.strip_prefix("얼마").is_some_and(|rest| !rest.starts_with('나')) {
        return Some(None);
    }
    if let Some(rest) = word.strip_prefix('몇') {
        let counted = if rest.is_empty() { words.get(i + 1).copied() } else { Some(rest) };
        return (!rest.starts_with('몇')).then_some(counted);
    }
    (word == "how" && words.get(i + 1) == Some(&"many")).then(|| words.get(i + 2).copied())
}

/// What follows `몇` or `how many` when the question asks which kinds there are, answered by
/// naming them rather than by a number.
fn names_kinds(counted: &str) -> bool {
    List::CountKinds.words().any_starts(counted)
}

/// The alphanumeric runs of lower-cased text.
fn words_of(lower: &str) -> Vec<&str> {
    lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// Whether `text` states a number: digits, or a numeral written as a word (`셋`, `두 개`,
/// `three`).
pub fn states_a_number(text: &str) -> bool {
    if text.chars().any(char::is_numeric) {
        return true;
    }
    let lower = text.to_lowercase();
    let words = words_of(&lower);
    words.iter().enumerate().any(|(i, word)| {
        List::KoreanNumerals.words().iter().any(|n| word.strip_prefix(n).is_some_and(ends_a_numeral))
            || List::EnglishNumerals.contains(word)
            || (List::KoreanDeterminerNumerals.contains(word) && words.get(i + 1).is_some_and(|next| counts(next)))
            || is_round_number(word, words.get(i + 1).copied())
    })
}

/// Whether `rest` may follow a numeral word (`셋이`, `둘째`), so `셋업` is no number.
fn ends_a_numeral(rest: &str) -> bool {
    rest.is_empty() || List::NumeralEndings.contains(rest)
}

/// Whether `word` starts with a counter or unit (`개`, `번`, `개까지`).
pub(super) fn counts(word: &str) -> bool {
    List::KoreanCounters.words().any_starts(word)
}

/// `수십번`, `수백 개`, `천 개`, `수천만`: units of ten and up, after an optional `수` (some),
/// then a counter, or a particle after `수`; so `백업`, `만들어` and `천천히` are no numbers.
fn is_round_number(word: &str, next: Option<&str>) -> bool {
    let rest = word.strip_prefix('수').unwrap_or(word);
    let some = rest.len() < word.len();
    let round_unit = |c: char| List::KoreanRoundNumbers.words().iter().any(|unit| unit.chars().eq([c]));
    let tail = rest.trim_start_matches(round_unit);
    if tail.len() == rest.len() {
        return false;
    }
    counts(tail) || (tail.is_empty() && (some || next.is_some_and(counts))) || (some && ends_a_numeral(tail))
}

#[cfg(test)]
mod tests {
    use super::{asks_how_many, states_a_number};

    #[test]
    fn a_count_is_asked_with_myeot_or_how_many_but_not_for_kinds() {
        assert!(asks_how_many("보안 그룹 하나에 규칙 최대 몇 개까지 넣어?"));
        assert!(asks_how_many("람다는 몇분까지 돌아?"));
        assert!(asks_how_many("How many AZs does Seoul have?"));
        assert!(!asks_how_many("로드밸런서 종류가 몇 가지야?"));
        assert!(!asks_how_many("How many kinds of load balancer are there?"));
        assert!(!asks_how_many("몇몇 서비스는 리전이 없어?"));
        assert!(!asks_how_many("NLB는 언제 써?"));
        assert!(!asks_how_many("how much memory?"));
    }

    #[test]
    fn an_amount_is_asked_with_eolma_but_not_eolmana() {
        assert!(asks_how_many("S3 요금 GB당 얼마야?"));
        assert!(asks_how_many("타임아웃은 보통 얼마로 잡아"));
        assert!(asks_how_many("키 길이 보통 얼마"));
        assert!(!asks_how_many("검색하면 시간 얼마나 걸려?"), "얼마나 is as often answered in words");
    }

    #[test]
    fn a_number_is_digits_or_a_numeral_word() {
        assert!(states_a_number("최대 10GB까지"));
        assert!(states_a_number("AZ가 셋이 있다"));
        assert!(states_a_number("규칙을 두 개 둔다"));
        assert!(states_a_number("There are three of them."));
        assert!(!states_a_number("stateful로 inbound를 설정하면 outbound는 자동적용된다."));
        assert!(!states_a_number("셋업 가이드를 본다"));
        assert!(!states_a_number("세상이 바뀐다고 네 말이 맞다"), "세 and 네 before a non-counter are no numerals");
        assert!(states_a_number("세 번째 방법"));
        assert!(states_a_number("API 가 초당 수십번 나간 사고"));
        assert!(states_a_number("천 개까지") && states_a_number("수백만이 넘는다"));
        assert!(!states_a_number("백업 받고 만들어서 천천히"), "백, 만, 천 starting other words");
    }
}
