//! English terms the notes write both glued and apart: `RoundRobin` and `Round Robin`,
//! `bubbleSort` and `bubble sort`, `hashtable` and `hash table`. A question (or the English
//! word a Hangul loanword sounds like) meets only the spelling it shares with a note, so the
//! notes' own two spellings of a term tell which glued words are two words written together,
//! with no list written by hand. Only pairs the notes do write apart count: `database` is not
//! `data base` just because both words exist.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::lines::{each_note_line, english_runs};
use super::Section;
use crate::analysis::{is_english_frame_word, is_english_stopword};

/// Shortest word of a pair: two-letter words (`in`, `on`, `up`) glue onto too much.
const MIN_WORD_LEN: usize = 3;

/// A glued term and the two words the notes also write it as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenApart {
    /// The term glued, lower-cased (`roundrobin`).
    pub glued: String,
    /// Its words as the notes write them apart (`round`, `robin`).
    pub words: [String; 2],
    /// Where the notes first write it apart: `note.md:12`.
    pub origin: String,
}

/// Every term the sections write glued (one word of ASCII letters, camel case included) and
/// also as two words (separated by a space, `-` or `_`) of at least three letters, neither a
/// function word. A glued term written apart in more than one way keeps the way it is written
/// most often (the first, on a tie).
pub fn written_apart(sections: &[Section]) -> Vec<WrittenApart> {
    // Two reads of the lines: the glued words first, so that the second keeps only the pairs
    // written glued too, rather than every pair of words the notes write side by side.
    let mut glued: HashSet<String> = HashSet::new();
    each_note_line(sections, |_, _, line| {
        for run in english_runs(line) {
            glued.extend(run.iter().filter(|word| word.len() >= 2 * MIN_WORD_LEN).map(|w| w.to_ascii_lowercase()));
        }
    });
    // (glued, first, second) → (times written apart, first origin, order first seen)
    let mut apart: BTreeMap<(String, String, String), (usize, String, usize)> = BTreeMap::new();
    let mut joined = String::new();
    let mut order = 0;
    each_note_line(sections, |source, line_number, line| {
        for run in english_runs(line) {
            for pair in run.windows(2) {
                joined.clear();
                joined.extend(pair.iter().flat_map(|word| word.chars()).map(|c| c.to_ascii_lowercase()));
                if !glued.contains(&joined) {
                    continue;
                }
                let (first, second) = (pair[0].to_ascii_lowercase(), pair[1].to_ascii_lowercase());
                if !is_term_word(&first) || !is_term_word(&second) {
                    continue;
                }
                order += 1;
                let entry = apart
                    .entry((joined.clone(), first, second))
                    .or_insert_with(|| (0, format!("{source}:{line_number}"), order));
                entry.0 += 1;
            }
        }
    });
    let mut best: BTreeMap<String, (usize, usize, WrittenApart)> = BTreeMap::new();
    for ((joined, first, second), (times, origin, order)) in apart {
        let better = |kept: &(usize, usize, WrittenApart)| times > kept.0 || (times == kept.0 && order < kept.1);
        if best.get(&joined).is_none_or(better) {
            let found = WrittenApart { glued: joined.clone(), words: [first, second], origin };
            best.insert(joined, (times, order, found));
        }
    }
    best.into_values().map(|(_, _, found)| found).collect()
}

/// A word that can be half of a term: long enough, and no function word.
fn is_term_word(word: &str) -> bool {
    word.len() >= MIN_WORD_LEN && !is_english_stopword(word) && !is_english_frame_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(source: &str, first_line: u32, text: &str) -> Section {
        Section {
            source: source.to_string(),
            heading_path: vec!["Notes".to_string()],
            lines: (first_line, first_line + text.lines().count() as u32 - 1),
            text: text.to_string(),
        }
    }

    fn found(sections: &[Section]) -> Vec<(String, [String; 2], String)> {
        written_apart(sections).into_iter().map(|w| (w.glued, w.words, w.origin)).collect()
    }

    fn words(first: &str, second: &str) -> [String; 2] {
        [first.to_string(), second.to_string()]
    }

    #[test]
    fn a_term_written_glued_and_apart_is_found_with_where_it_is_apart() {
        let sections = [
            section("net.md", 1, "# Notes\n\nRoundRobin DNS 는 부하를 나눈다.\n"),
            section("dns.md", 5, "## 문제점\n\nRound Robin 방식은 서버가 죽어도 모른다.\n"),
        ];
        assert_eq!(found(&sections), vec![("roundrobin".to_string(), words("round", "robin"), "dns.md:7".to_string())]);
    }

    #[test]
    fn two_words_that_both_exist_are_no_term_unless_written_side_by_side() {
        let apart = [section("db.md", 1, "# Notes\n\nThe database keeps data. A base table is not a data base.\n")];
        let never_side_by_side = [section("db.md", 1, "# Notes\n\nThe database keeps data on a base table.\n")];
        let never_glued = [section("db.md", 1, "# Notes\n\nhash table 은 빠르다.\n")];
        assert_eq!(found(&apart).len(), 1, "`data base` is written side by side and `database` glued");
        assert!(found(&never_side_by_side).is_empty());
        assert!(found(&never_glued).is_empty());
    }

    #[test]
    fn function_words_and_short_words_are_no_half_of_a_term() {
        let text = "# Notes\n\nlogout, log out, without, with out, signin, sign in, intoit, into it\n";
        let sections = [section("x.md", 1, text)];
        assert!(found(&sections).is_empty(), "{:?}", found(&sections));
        let sections = [section("x.md", 1, "# Notes\n\nloginform, login form\n")];
        assert_eq!(found(&sections).len(), 1, "the same words without function words pair");
    }

    #[test]
    fn the_way_a_term_is_written_apart_most_often_is_kept_and_the_first_on_a_tie() {
        let text = "# Notes\n\nwebsocket\n\nweb socket\n\nweb-socket\n\nwebs ocket\n\nweb_socket\n";
        let sections = [section("ws.md", 1, text)];
        assert_eq!(found(&sections), vec![("websocket".to_string(), words("web", "socket"), "ws.md:5".to_string())]);
        let sections = [section("ws.md", 1, "# Notes\n\nwebsocket\n\nwebs ocket\n\nweb socket\n")];
        assert_eq!(found(&sections), vec![("websocket".to_string(), words("webs", "ocket"), "ws.md:5".to_string())]);
    }

    #[test]
    fn a_line_nested_sections_share_is_counted_once() {
        // Read twice, the nested `web socket` would outnumber the `webs ocket` above it.
        let note = "# Sockets\n\nwebsocket, webs ocket\n\n## Web\n\nweb socket\n";
        let sections = [section("s.md", 1, note), section("s.md", 5, "## Web\n\nweb socket\n")];
        assert_eq!(found(&sections), vec![("websocket".to_string(), words("webs", "ocket"), "s.md:3".to_string())]);
    }
}
