//! Abbreviations the notes define: `SSR(Server Side Rendering)`, `Inversion of Control (IoC)`.
//! Study notes spell an abbreviation out once, in parentheses, and use it alone afterwards; a
//! question that writes one form then meets the lines that write the other, as the notes
//! themselves say the two mean the same. An abbreviation counts as defined only when its
//! letters are the initials of the words beside it (as Schwartz and Hearst read biomedical
//! abbreviations), so a remark in parentheses (`Find(int x)`) is not taken for one.

use serde::{Deserialize, Serialize};

use super::lines::{each_note_line, english_runs};
use super::partners::{mutual_first, Tally};
use super::Section;
use crate::analysis::{is_english_frame_word, is_english_stopword};

/// Letters of an abbreviation: fewer is a letter, more is a word.
const MIN_LETTERS: usize = 2;
const MAX_LETTERS: usize = 8;

/// An abbreviation and the words the notes spell it out with, and where first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// The abbreviation, lower-cased (`ssr`).
    pub short: String,
    /// What it stands for, lower-cased words joined by a space (`server side rendering`).
    pub long: String,
    /// Where the notes first define it: `note.md:12`.
    pub origin: String,
    /// How many times the notes define it so.
    pub count: u32,
}

/// The abbreviations the sections define, each with the spelling the notes write most often
/// (the first on a tie), in a stable order. A spelling two abbreviations claim is kept for
/// the one it is written with most, so one stray definition cannot join two of them.
pub fn defined(sections: &[Section]) -> Vec<Definition> {
    let mut tally = Tally::default();
    each_note_line(sections, |source, line_number, line| {
        for (short, long) in definitions_in(line) {
            tally.add(short, long, || format!("{source}:{line_number}"));
        }
    });
    let mut all: Vec<Definition> = tally
        .into_pairs()
        .into_iter()
        .map(|t| Definition { short: t.left, long: t.right, origin: t.origin, count: t.count })
        .collect();
    // In the order first written, so the stable sort keeps the first on a tie.
    all.sort_by_key(|definition| std::cmp::Reverse(definition.count));
    let mut kept = mutual_first(all, |d| &d.short, |d| &d.long);
    kept.sort_by(|a, b| a.short.cmp(&b.short).then_with(|| a.long.cmp(&b.long)));
    kept
}

/// Every `SHORT(long words)` and `long words (SHORT)` of one line whose letters and initials
/// agree, lower-cased.
fn definitions_in(line: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (open, _) in line.match_indices('(') {
        let after = &line[open + 1..];
        let Some(close) = after.find(')') else {
            continue;
        };
        let inside = after[..close].trim();
        let before = line[..open].trim_end();
        // `SSR(Server Side Rendering)`: the abbreviation just before, its words inside.
        let short_before = before.rsplit(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
        if is_abbreviation(short_before) && is_words(inside) {
            let words: Vec<&str> = english_runs(inside).into_iter().flatten().collect();
            if spelled_by(short_before, &words) {
                found.push((short_before.to_ascii_lowercase(), lower_words(&words)));
            }
        }
        // `Inversion of Control (IoC)`: the abbreviation inside, its words just before.
        if is_abbreviation(inside) {
            let Some(run) = english_runs(before).pop() else {
                continue;
            };
            let run_ends_before = before.ends_with(run[run.len() - 1]);
            let spelled = (1..=run.len()).map(|n| &run[run.len() - n..]).find(|words| spelled_by(inside, words));
            if let (true, Some(words)) = (run_ends_before, spelled) {
                found.push((inside.to_ascii_lowercase(), lower_words(words)));
            }
        }
    }
    found
}

/// Two to eight ASCII letters or digits, starting with a letter, at least two of them capitals
/// (`SSR`, `IoC`, `NoSQL`), and no English function word (`IS`, `OR`).
fn is_abbreviation(word: &str) -> bool {
    let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
    (MIN_LETTERS..=MAX_LETTERS).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word.as_bytes()[0].is_ascii_alphabetic()
        && capitals >= 2
        && !is_english_stopword(&word.to_ascii_lowercase())
}

/// Only English words, spaces and hyphens: what an abbreviation is spelled out with.
fn is_words(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-')
}

/// Whether the letters of `short` are the initials of `words` in order (camel-case parts
/// counted as words: `HyperText` is `h`, `t`), where only a function word may be passed over:
/// `Inversion of Control` is `IoC` and `IC`, `GNU is Not Unix` is `GNU`, `Traversal Using
/// Relays around NAT` is `TURN`.
fn spelled_by(short: &str, words: &[&str]) -> bool {
    let letters: Vec<char> = short.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    let parts: Vec<(char, bool)> = words
        .iter()
        .flat_map(|word| {
            let lower = word.to_ascii_lowercase();
            let function = is_english_stopword(&lower) || is_english_frame_word(&lower);
            camel_initials(word).into_iter().map(move |initial| (initial, function))
        })
        .collect();
    letters.len() >= MIN_LETTERS && initials_spell(&letters, &parts)
}

/// Whether `letters` are the initials of `parts` in order, passing over function words only.
fn initials_spell(letters: &[char], parts: &[(char, bool)]) -> bool {
    match (letters, parts) {
        ([], rest) => rest.iter().all(|&(_, function)| function),
        (_, []) => false,
        ([letter, next_letters @ ..], [(initial, function), next_parts @ ..]) => {
            (letter == initial && initials_spell(next_letters, next_parts))
                || (*function && initials_spell(letters, next_parts))
        }
    }
}

/// The first letter of each camel-case part of `word`, lower-cased (`HyperText`: `h`, `t`).
fn camel_initials(word: &str) -> Vec<char> {
    let bytes = word.as_bytes();
    let starts = |i: usize| i == 0 || (bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase());
    (0..bytes.len()).filter(|&i| starts(i)).map(|i| char::from(bytes[i].to_ascii_lowercase())).collect()
}

fn lower_words(words: &[&str]) -> String {
    words.iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> Section {
        Section { source: "a.md".into(), heading_path: vec!["A".into()], lines: (1, 1), text: text.into() }
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        definitions_in(text)
    }

    fn pair(short: &str, long: &str) -> (String, String) {
        (short.into(), long.into())
    }

    #[test]
    fn an_abbreviation_before_its_words_is_defined() {
        assert_eq!(
            pairs("Next.js는 SSR(Server Side Rendering) 목적의 프레임워크"),
            [pair("ssr", "server side rendering")]
        );
        assert_eq!(pairs("CORS (Cross-Origin Resource Sharing) 정책"), [pair("cors", "cross origin resource sharing")]);
        assert_eq!(pairs("IoC(Inversion of Control)"), [pair("ioc", "inversion of control")]);
        assert_eq!(pairs("GNU(GNU is Not Unix)"), [pair("gnu", "gnu is not unix")]);
        let turn = pair("turn", "traversal using relays around nat");
        assert_eq!(pairs("TURN(Traversal Using Relays around NAT)"), [turn]);
    }

    #[test]
    fn words_before_their_abbreviation_define_it_from_the_shortest_that_spell_it() {
        assert_eq!(pairs("스케줄링은 Round Robin (RR) 방식"), [pair("rr", "round robin")]);
        assert_eq!(pairs("this is Inversion of Control (IoC)"), [pair("ioc", "inversion of control")]);
        assert_eq!(pairs("HyperText Transfer Protocol(HTTP)"), [pair("http", "hypertext transfer protocol")]);
    }

    #[test]
    fn parentheses_that_do_not_spell_the_abbreviation_define_nothing() {
        assert!(pairs("Find(int x)").is_empty());
        assert!(pairs("NoSQL(Not Only SQL)").is_empty(), "initials nos are not nosql");
        assert!(pairs("GC(가비지 컬렉션)").is_empty(), "a Hangul gloss is a translation");
        assert!(pairs("IS (Infosec Standard)").is_empty(), "a function word is no abbreviation");
        assert!(pairs("cache(Hot Data)").is_empty());
    }

    #[test]
    fn each_abbreviation_keeps_the_spelling_written_most() {
        let text = "TTL(Time To Live)\nTTL(Time To Live) 는 초\nTTL(Time Table List)\n";
        let found = defined(&[section(text)]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].short.as_str(), found[0].long.as_str(), found[0].count), ("ttl", "time to live", 2));
        assert_eq!(found[0].origin, "a.md:1");
    }
}
