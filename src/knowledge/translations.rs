//! Terms the notes themselves write in both languages: `교착상태(Deadlock)`,
//! `Idempotency(멱등성)`, `**정규화 (Normalization)**`. Korean study notes name a concept in
//! one language and gloss it in the other in parentheses; read at build time, those glosses
//! let a question in either language find the note, with no word list written by hand.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::partners::{mutual_first, Tally};
use super::{Chunk, Section};
use crate::analysis::{is_english_frame_word, is_english_stopword, is_hangul_syllable};

/// A gloss longer than this many words is a remark in parentheses, not a translation.
const MAX_GLOSS_WORDS: usize = 4;
/// Korean side of a gloss: at most this many words before (or inside) the parentheses.
const MAX_HANGUL_WORDS: usize = 3;

/// One pair of terms the notes write as translations of each other, and where first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// The Korean term as written (`교착상태`, `가상 메모리`).
    pub hangul: String,
    /// The English term, lower-cased (`deadlock`, `virtual memory`).
    pub english: String,
    /// Where the pair is written first: `note.md:12`.
    pub origin: String,
    /// How many times the notes write this pair.
    pub count: u32,
}

/// The translation pairs written in `chunks`, keeping for each term only the partner it is
/// written with most often (so one stray gloss cannot chain unrelated terms into one group),
/// in a stable order.
pub fn mine(chunks: &[Chunk], sections: &[Section], is_noun: &dyn Fn(&str) -> bool) -> Vec<Translation> {
    let mut tally = Tally::default();
    let chunk_lines = chunks.iter().flat_map(|chunk| {
        chunk
            .text
            .lines()
            .enumerate()
            .map(|(offset, line)| (chunk.source.as_str(), chunk.lines.0 + offset as u32, line))
    });
    // Headings (`## 교착상태(Deadlock)`) are where notes gloss their terms most.
    let headings =
        sections.iter().filter_map(|s| s.heading_path.last().map(|h| (s.source.as_str(), s.lines.0, h.as_str())));
    for (source, line_number, line) in chunk_lines.chain(headings) {
        for (hangul, english) in glosses(line, is_noun) {
            tally.add(hangul, english, || format!("{source}:{line_number}"));
        }
    }
    let mut pairs: Vec<Translation> = tally
        .into_pairs()
        .into_iter()
        .map(|t| Translation { hangul: t.left, english: t.right, origin: t.origin, count: t.count })
        .collect();
    pairs.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| a.hangul.cmp(&b.hangul)).then_with(|| a.english.cmp(&b.english))
    });
    let mut kept = mutual_first(pairs, |p| &p.hangul, |p| &p.english);
    kept.sort_by(|a, b| a.hangul.cmp(&b.hangul).then_with(|| a.english.cmp(&b.english)));
    kept
}

/// Word pairs aligned inside the notes' multi-word translations: `이진 트리` = `binary tree`
/// and `완전 이진 트리` = `complete binary tree` both pair `이진` with `binary`. Korean and
/// English noun compounds put their words in the same order (modifier, then head), so when
/// both sides have as many words, the words pair up in order. A word pair is kept when at
/// least `min_support` of the translations show it, each of its words is aligned with nothing
/// else as often, and neither word is already one side of a translation of its own: one phrase
/// alone (`변경 가능한 데이터` cut to `가능한 데이터` = `mutable data`) would pair words that do
/// not mean each other. Its origin is the earliest place (note, then line) any of them is
/// written. 0 turns it off.
pub fn aligned_words(pairs: &[Translation], min_support: u32) -> Vec<Translation> {
    if min_support == 0 {
        return Vec::new();
    }
    let mut aligned: HashMap<(&str, &str), (u32, &str)> = HashMap::new();
    for pair in pairs {
        let hangul: Vec<&str> = pair.hangul.split_whitespace().collect();
        let english: Vec<&str> = pair.english.split_whitespace().collect();
        // A function word (`in range` = `범위 안`, `out of range`) has no noun to pair with and
        // shifts the order.
        let function_word = |e: &&str| is_english_stopword(e) || is_english_frame_word(e);
        if hangul.len() < 2 || hangul.len() != english.len() || english.iter().any(function_word) {
            continue;
        }
        for (h, e) in hangul.into_iter().zip(english) {
            let entry = aligned.entry((h, e)).or_insert((0, pair.origin.as_str()));
            entry.0 += 1;
            if origin_order(&pair.origin) < origin_order(entry.1) {
                entry.1 = pair.origin.as_str();
            }
        }
    }
    let partnered: HashSet<&str> =
        pairs.iter().flat_map(|p| [p.hangul.as_str(), p.english.as_str()]).filter(|side| !side.contains(' ')).collect();
    let mut most: HashMap<&str, (u32, u32)> = HashMap::new(); // word → (best support, how many have it)
    for (&(h, e), &(n, _)) in &aligned {
        for word in [h, e] {
            let entry = most.entry(word).or_insert((0, 0));
            match n.cmp(&entry.0) {
                Ordering::Greater => *entry = (n, 1),
                Ordering::Equal => entry.1 += 1,
                Ordering::Less => {}
            }
        }
    }
    let sole_best = |word: &str, n: u32| most.get(word).is_some_and(|&(best, ties)| best == n && ties == 1);
    let mut words: Vec<Translation> = aligned
        .into_iter()
        .filter(|&((h, e), (n, _))| {
            n >= min_support && sole_best(h, n) && sole_best(e, n) && !partnered.contains(h) && !partnered.contains(e)
        })
        .map(|((h, e), (n, origin))| Translation {
            hangul: h.to_string(),
            english: e.to_string(),
            origin: origin.to_string(),
            count: n,
        })
        .collect();
    words.sort_by(|a, b| a.hangul.cmp(&b.hangul).then_with(|| a.english.cmp(&b.english)));
    words
}

/// `note.md:12` as (note, line), so line 9 comes before line 10.
fn origin_order(origin: &str) -> (&str, u32) {
    let (note, line) = origin.rsplit_once(':').unwrap_or((origin, ""));
    (note, line.parse().unwrap_or(u32::MAX))
}

/// The (Korean, English) glosses written in one line.
fn glosses(line: &str, is_noun: &dyn Fn(&str) -> bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut search_from = 0;
    while let Some(open) = line[search_from..].find(['(', '（']).map(|i| i + search_from) {
        let open_len = line[open..].chars().next().map_or(1, char::len_utf8);
        let Some(close) = line[open + open_len..].find([')', '）']).map(|i| i + open + open_len) else {
            break;
        };
        let inside = &line[open + open_len..close];
        let before = &line[..open];
        if let Some(pair) = gloss_pair(before, inside, is_noun).filter(|(h, e)| plausible(h, e) && !remark(h, e)) {
            out.push(pair);
        }
        search_from = close + 1;
    }
    out
}

/// A term before parentheses and its gloss inside, when one side is English and the other
/// Korean nouns (`대한 축소 인자(shrink factor)` glosses `축소 인자`, not `대한`).
fn gloss_pair(before: &str, inside: &str, is_noun: &dyn Fn(&str) -> bool) -> Option<(String, String)> {
    if before.ends_with(char::is_whitespace) && before.trim_end().ends_with(['.', ',', ':', ')']) {
        return None;
    }
    let inside = strip_markup(inside);
    let inside_words: Vec<&str> = inside.split_whitespace().collect();
    if inside_words.is_empty() || inside_words.len() > MAX_GLOSS_WORDS {
        return None;
    }
    if inside_words.iter().all(|w| is_english_word(w)) {
        let wanted = inside_words.len().min(MAX_HANGUL_WORDS);
        let hangul = trailing_words(before, wanted, &|w| is_hangul_word(w) && is_noun(w))?;
        return Some((hangul, english_phrase(&inside_words)?));
    }
    if inside_words.len() <= MAX_HANGUL_WORDS && inside_words.iter().all(|w| is_hangul_word(w) && is_noun(w)) {
        let english = trailing_words(before, MAX_GLOSS_WORDS, &is_english_word)?;
        let words: Vec<&str> = english.split_whitespace().collect();
        return Some((inside_words.join(" "), english_phrase(&words)?));
    }
    None
}

/// Up to `wanted` words at the end of `text` that all pass `is_word`, as one phrase; `None`
/// when the word right before the parenthesis does not.
fn trailing_words(text: &str, wanted: usize, is_word: &dyn Fn(&str) -> bool) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().rev().take(wanted).collect();
    let mut kept: Vec<String> = Vec::new();
    for (i, raw) in words.iter().enumerate() {
        let word = strip_markup(raw);
        // The word right before the parenthesis must touch it or be one space away.
        if i == 0 && (text.ends_with("  ") || word.is_empty()) {
            return None;
        }
        if word.is_empty() || !is_word(&word) || (i > 0 && raw.ends_with([',', '.', ':', ';'])) {
            break;
        }
        kept.push(word);
    }
    if kept.is_empty() {
        return None;
    }
    kept.reverse();
    Some(kept.join(" "))
}

/// Markdown emphasis, code marks and list or heading markers around a word.
fn strip_markup(text: &str) -> String {
    let trimmed =
        text.trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '#' | '>' | '[' | ']' | '"' | '\'' | '“' | '”'));
    trimmed.trim().to_string()
}

fn is_hangul_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_hangul_syllable)
}

/// A word of an English term: letters (digits and `-`, `+`, `#` inside), at least two
/// letters. File names, paths and calls (`a.md`, `hugo/blog`, `promise.resolve`) are not terms.
fn is_english_word(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    letters >= 2
        && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#'))
}

/// A translation spends at least one Hangul syllable per English word: `주소` does not gloss
/// `internet protocol address`, it glosses its last word.
fn plausible(hangul: &str, english: &str) -> bool {
    hangul.chars().filter(|c| !c.is_whitespace()).count() >= english.split_whitespace().count()
}

/// An English side that opens with a function word and has more words than the Korean side
/// says something about the term rather than translating it: `사용 방법 (with Spring Boot)`,
/// `웹의 동작 원리 (How the Web Works)`; `동일 출처 정책 (Same Origin Policy)` translates.
fn remark(hangul: &str, english: &str) -> bool {
    let opens_with_function_word = english.split_whitespace().next().is_some_and(is_english_stopword);
    opens_with_function_word && english.split_whitespace().count() > hangul.split_whitespace().count()
}

/// The English side, lower-cased; `None` for abbreviations of examples (`e.g.`, `ex`) and
/// single letters that gloss nothing.
fn english_phrase(words: &[&str]) -> Option<String> {
    let phrase = words.join(" ").trim_end_matches('.').to_ascii_lowercase();
    let first = phrase.split_whitespace().next()?;
    if crate::lexicon::List::ExampleAbbreviations.contains(first) {
        return None;
    }
    // A gloss of function words only (`그리고(and)`, `many-to-many`) names no term.
    let names_something = phrase.split([' ', '-']).any(|word| !word.is_empty() && !is_english_stopword(word));
    (phrase.len() >= 2 && names_something).then_some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nouns for the tests: Hangul words without a verb or particle ending.
    fn is_noun(word: &str) -> bool {
        !word.ends_with(['한', '를', '은', '는', '다'])
    }

    fn pairs(line: &str) -> Vec<(String, String)> {
        glosses(line, &is_noun)
    }

    fn pair(h: &str, e: &str) -> (String, String) {
        (h.to_string(), e.to_string())
    }

    #[test]
    fn korean_term_with_english_gloss() {
        assert_eq!(pairs("- **교착상태(Deadlock)**란 무엇인가"), vec![pair("교착상태", "deadlock")]);
        assert_eq!(pairs("멱등성 (Idempotency)을 보장"), vec![pair("멱등성", "idempotency")]);
        assert_eq!(pairs("가상 메모리(Virtual Memory)는"), vec![pair("가상 메모리", "virtual memory")]);
    }

    #[test]
    fn english_term_with_korean_gloss() {
        assert_eq!(pairs("Idempotency(멱등성)"), vec![pair("멱등성", "idempotency")]);
        assert_eq!(pairs("`Context Switching`(문맥 교환)이 일어난다"), vec![pair("문맥 교환", "context switching")]);
    }

    #[test]
    fn remarks_in_parentheses_are_not_glosses() {
        assert!(pairs("캐시를 쓴다 (e.g. Redis)").is_empty());
        assert!(pairs("이 값은 기본값이다 (자세한 내용은 아래 링크를 참고하면 된다)").is_empty());
        assert!(pairs("함수(1)").is_empty());
        assert!(pairs("빠르다. (Fast)").is_empty());
        assert!(pairs("[링크](https://example.com)").is_empty());
        assert!(pairs("문서(singleton.md)").is_empty());
        assert!(pairs("주소(Internet Protocol Address)").is_empty());
        assert!(pairs("그리고(and)").is_empty());
        assert!(pairs("사용 방법 (with Spring Boot)").is_empty());
        assert_eq!(pairs("동일 출처 정책 (Same Origin Policy)"), vec![pair("동일 출처 정책", "same origin policy")]);
        assert_eq!(pairs("항목에 대한 축소 인자(shrink factor)"), vec![pair("축소 인자", "shrink factor")]);
    }

    fn chunk(text: &str) -> Chunk {
        Chunk {
            kind: super::super::ChunkKind::Section,
            source: "os.md".to_string(),
            heading_path: vec![],
            context: String::new(),
            file_title: String::new(),
            lines: (10, 10 + text.lines().count() as u32),
            text: text.to_string(),
            question: None,
            answer: None,
        }
    }

    fn translation(hangul: &str, english: &str) -> Translation {
        Translation { hangul: hangul.into(), english: english.into(), origin: format!("{hangul}.md:1"), count: 1 }
    }

    fn at(hangul: &str, english: &str, origin: &str) -> Translation {
        Translation { origin: origin.into(), ..translation(hangul, english) }
    }

    fn aligned(pairs: &[Translation], min_phrases: u32) -> Vec<(String, String, String)> {
        aligned_words(pairs, min_phrases).into_iter().map(|t| (t.hangul, t.english, t.origin)).collect()
    }

    #[test]
    fn words_of_translations_pair_in_order_when_enough_agree() {
        let pairs = [
            translation("이진 트리", "binary tree"),
            translation("완전 이진 트리", "complete binary tree"),
            translation("이진 탐색", "binary search"),
            translation("가능한 데이터", "mutable data"),
        ];
        let found = aligned(&pairs, 2);
        let pair = |h: &str, e: &str, o: &str| (h.to_string(), e.to_string(), o.to_string());
        assert_eq!(
            found,
            vec![pair("이진", "binary", "완전 이진 트리.md:1"), pair("트리", "tree", "완전 이진 트리.md:1")]
        );
        assert!(aligned(&pairs, 0).is_empty(), "0 turns it off");
        assert_eq!(aligned(&pairs, 1).len(), 6, "one phrase is enough at 1");
    }

    #[test]
    fn a_word_pair_comes_from_the_earliest_line_that_writes_it() {
        let pairs =
            [at("완전 이진 트리", "complete binary tree", "ds.md:10"), at("이진 트리", "binary tree", "ds.md:9")];
        let found = aligned(&pairs, 2);
        assert!(found.iter().all(|(_, _, origin)| origin == "ds.md:9"), "{found:?}");
    }

    #[test]
    fn a_word_with_a_partner_of_its_own_or_two_equal_ones_is_not_paired() {
        let pairs = [
            translation("트리", "tree"),
            translation("가상", "virtual machine"),
            translation("가상 주소", "virtual address"),
            translation("가상 공간", "virtual space"),
            translation("이진 트리", "binary tree"),
            translation("이진 나무", "binary tree"),
            translation("검색 엔진", "search engine"),
            translation("탐색 엔진", "search engine"),
            translation("검색 쿼리", "search query"),
            translation("탐색 쿼리", "search query"),
            translation("범위 안", "in range"),
            translation("범위 밖", "in range"),
        ];
        let found: Vec<(String, String)> = aligned(&pairs, 2).into_iter().map(|(h, e, _)| (h, e)).collect();
        // `트리` and `가상` have translations of their own, `search` is paired as often with
        // `검색` as with `탐색`, and `in range` holds a function word; the heads written with
        // `search` still pair.
        let expected = [("엔진", "engine"), ("이진", "binary"), ("쿼리", "query")];
        assert_eq!(found, expected.map(|(h, e)| (h.to_string(), e.to_string())));
    }

    #[test]
    fn each_term_keeps_its_most_written_partner_with_its_origin() {
        let chunks = [chunk("프로세스(Process)\n프로세스(Process)\n프로세스(Task)\n스레드(Thread)")];
        let mined = mine(&chunks, &[], &is_noun);
        let found: Vec<(&str, &str, &str)> =
            mined.iter().map(|t| (t.hangul.as_str(), t.english.as_str(), t.origin.as_str())).collect();
        assert_eq!(found, vec![("스레드", "thread", "os.md:13"), ("프로세스", "process", "os.md:10")]);
    }
}
