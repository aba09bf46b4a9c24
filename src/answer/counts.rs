//! Questions that ask how many or how much (`몇 개`, `몇 분`, `얼마야`, `how many`): a chunk that
//! states no number cannot answer them, however many of their other words it shares. Near-topic
//! questions the notes cannot answer are often of this kind (a service's quota or price, when
//! the notes only say what the service is for). The numerals, counters and kinds are word
//! lists of `src/lexicon/`.

use std::sync::LazyLock;

use crate::analysis::is_hangul_syllable;
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
    lower.split(|c: char| !crate::analysis::is_word_char(c)).filter(|w| !w.is_empty()).collect()
}

/// What a how-many question asks for: a number, in the unit it names, and not one it gives
/// itself (`access token 15분으로 했는데 … 기본은 몇 분이야?` is not answered by the line stating
/// `15분`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AskedNumber {
    unit: Option<AskedUnit>,
    given: Vec<String>,
}

/// The unit a how-many question asks its number in (`몇 초`, `몇 KB야`, `how many seconds`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum AskedUnit {
    /// A unit of measure: any unit of its kind answers (`30초` and `5 min` both answer `몇 분`).
    Kind(&'static [&'static str]),
    /// A Latin word after `몇` that is no such unit counts as its own (`몇 RTT` is answered by
    /// `1-RTT`, `몇 pt` by `34pt`).
    Own(String),
}

impl AskedNumber {
    /// What `question` asks for, when it asks how many ([`asks_how_many`]).
    pub fn of(question: &str) -> AskedNumber {
        let lower = question.to_lowercase();
        let given = numbers_of(&lower).into_iter().map(|(_, number)| number.to_string()).collect();
        AskedNumber { unit: asked_unit(&lower), given }
    }

    /// Whether `text` states such a number: any number ([`states_a_number`]) when no unit is
    /// named, or digits or a numeral word right before one of its units (`30초`, `1-RTT`,
    /// `16 KB`, `두 달`, `ten minutes`), or a fraction for a percentage (`> 0.05`); a number the
    /// question gives does not count.
    pub fn stated_in(&self, text: &str) -> bool {
        if self.unit.is_none() && self.given.is_empty() {
            return states_a_number(text);
        }
        let lower = text.to_lowercase();
        let numbers = numbers_of(&lower);
        let given = |number: &str| self.given.iter().any(|g| g == number);
        let units: &[&str] = match &self.unit {
            None if numbers.is_empty() => return states_a_number(text),
            None => {
                let mut masked = lower.clone();
                for (end, number) in numbers.iter().rev().filter(|(_, number)| given(number)) {
                    masked.replace_range(end - number.len()..*end, " ");
                }
                return states_a_number(&masked);
            }
            Some(AskedUnit::Kind(units)) => units,
            Some(AskedUnit::Own(word)) => &[word.as_str()],
        };
        let share = units.contains(&"%");
        let after_digits = |(end, number): &(usize, &str)| {
            if share && number.starts_with("0.") {
                return true;
            }
            let rest = &lower[*end..];
            match rest.strip_prefix([' ', '-']) {
                Some(spaced) => unit_at(spaced, units, rest.starts_with('-')),
                None => unit_at(rest, units, true),
            }
        };
        numbers.iter().filter(|(_, number)| !given(number)).any(after_digits)
            || words_of(&lower).iter().any(|word| {
                let is_numeral = List::KoreanDeterminerNumerals.contains(word)
                    || List::KoreanNumerals.contains(word)
                    || List::EnglishNumerals.contains(word);
                let end = word.as_ptr() as usize - lower.as_ptr() as usize + word.len();
                is_numeral && lower[end..].strip_prefix(' ').is_some_and(|rest| unit_at(rest, units, false))
            })
    }
}

/// The unit a question names right after `몇` or `how many` (`src/lexicon/measure_units.txt`), or
/// a Latin word after `몇`; `None` when it names none. `lower` is lower-cased.
fn asked_unit(lower: &str) -> Option<AskedUnit> {
    let after = |marker: &'static str| {
        let starts: Vec<usize> = lower.match_indices(marker).map(|(at, m)| at + m.len()).collect();
        starts.into_iter().map(move |at| (at, marker == "몇"))
    };
    for (at, after_myeot) in after("몇").chain(after("how many ")) {
        let rest = lower[at..].trim_start();
        if let Some(kind) = measures().iter().find(|units| unit_at(rest, units, true)) {
            return Some(AskedUnit::Kind(kind));
        }
        let word = &rest[..rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())];
        if after_myeot && word.len() >= 2 {
            return Some(AskedUnit::Own(word.to_string()));
        }
    }
    None
}

/// The runs of digits in `lower` (a decimal point or thousands comma inside one belongs to it:
/// `1.3`, `10,000`), each with the byte offset where it ends.
fn numbers_of(lower: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in lower.char_indices() {
        let rest = &lower[at + c.len_utf8()..];
        let inside = c.is_ascii_digit()
            || (start.is_some() && matches!(c, '.' | ',') && rest.starts_with(|n: char| n.is_ascii_digit()));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push((at, &lower[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        found.push((lower.len(), &lower[from..]));
    }
    found
}

/// The kinds of measure, each its units.
fn measures() -> &'static [Vec<&'static str>] {
    static MEASURES: LazyLock<Vec<Vec<&'static str>>> =
        LazyLock::new(|| List::MeasureUnits.words().iter().map(|kind| kind.split(' ').collect()).collect());
    &MEASURES
}

/// Whether `rest` starts with one of `units` as a unit: a Latin unit must not run on into a
/// longer word (`5s`, not `5 steps`); a Hangul unit of one syllable written apart from its
/// number must end its word (`30 초`, not `3 주요`), unless `attached` (`30초간`, `몇 초야`).
fn unit_at(rest: &str, units: &[&str], attached: bool) -> bool {
    units.iter().any(|unit| {
        let Some(after) = rest.strip_prefix(unit) else {
            return false;
        };
        let next = after.chars().next();
        if unit.is_ascii() {
            !unit.starts_with(|c: char| c.is_ascii_alphabetic()) || !next.is_some_and(|c| c.is_ascii_alphabetic())
        } else {
            attached || unit.chars().count() > 1 || !next.is_some_and(is_hangul_syllable)
        }
    })
}

/// Whether `text` states a number: digits, or a numeral written as a word (`셋`, `두 개`,
/// `three`).
pub fn states_a_number(text: &str) -> bool {
    // Hangul syllables are never numeric: skip the Unicode table search for them.
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || (!c.is_ascii() && !crate::analysis::is_hangul_syllable(c) && c.is_numeric()))
    {
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
    use super::{asks_how_many, states_a_number, AskedNumber};

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

    #[test]
    fn a_count_in_a_unit_is_answered_by_a_number_in_a_unit_of_its_kind() {
        let seconds = AskedNumber::of("TTL 기본값 몇 초야?");
        assert!(seconds.stated_in("TTL은 기본 300초") && seconds.stated_in("timeout 5m") && seconds.stated_in("두 달"));
        assert!(seconds.stated_in("30 초 후에") && seconds.stated_in("1.5 seconds"));
        assert!(!seconds.stated_in("ES6에서 추가된 기능") && !seconds.stated_in("1. 주요 기능"));
        assert!(!seconds.stated_in("3 주요 기능") && !seconds.stated_in("5 steps"), "a unit running on into a word");
        let size = AskedNumber::of("페이지 크기 몇 KB야");
        assert!(size.stated_in("16KB 페이지") && size.stated_in("1 MB") && !size.stated_in("3-Way 핸드셰이크"));
        let own = AskedNumber::of("TLS 1.3 핸드셰이크는 몇 RTT야");
        assert!(own.stated_in("TLS 1.3: 1-RTT") && !own.stated_in("TLS 1.3 은 2018년에 나왔다"));
        let share = AskedNumber::of("에러율 몇 % 넘으면 울려?");
        assert!(share.stated_in("ratio > 0.05") && share.stated_in("99.9퍼센트") && !share.stated_in("5분 동안"));
        assert!(AskedNumber::of("how many seconds").stated_in("10 sec"));
        assert!(AskedNumber::of("몇 개야?").stated_in("3가지"), "a counter is no unit: any number answers");
    }

    #[test]
    fn a_number_the_question_gives_answers_nothing() {
        let asked = AskedNumber::of("토큰 15분으로 했는데 기본은 몇 분이야?");
        assert!(!asked.stated_in("토큰 수명은 15분") && asked.stated_in("기본 5분, 우리는 15분"));
        let any = AskedNumber::of("테라폼 1.6 에서 retry 몇 번이야?");
        assert!(!any.stated_in("테라폼 1.6 으로 올림") && any.stated_in("1.6 부터 기본 3번"));
        assert!(AskedNumber::of("retry 몇 번이야?").stated_in("테라폼 1.6 으로 올림"));
    }
}
