//! Abbreviations the notes spell out: every run of English words in the notes (`replication
//! factor`, `Time To Live`) and every camel-case word (`HyperLogLog`) listed under its
//! initials (`rf`, `ttl`, `hll`), so a question that abbreviates what the notes write out in
//! full (`RF 몇이야?`) still meets it.

use std::collections::BTreeMap;

use super::lines::{each_note_line, english_runs};
use super::Section;

/// Abbreviations are two to five letters; shorter is a letter, longer is a word.
const MIN_INITIALS: usize = 2;
const MAX_INITIALS: usize = 5;
/// Initials shared by more phrases than this spell nothing in particular and are not kept,
/// unless one phrase is written more often than all the others together (`refresh token`
/// beside a stray `refersh token` and `rotate tokens`)…
const MAX_PHRASES_PER_INITIALS: usize = 3;
/// …and at least this often.
const MIN_DOMINANT_USES: usize = 3;
/// Distinct phrases counted under one initials; later ones are only counted together.
const MAX_TRACKED_PHRASES: usize = 8;

/// The phrases written with one set of initials, and how often each.
#[derive(Default)]
struct Spellings {
    phrases: Vec<(String, usize)>,
    /// Uses of phrases beyond the tracked ones.
    untracked: usize,
}

impl Spellings {
    fn count(&mut self, phrase: String) {
        if let Some(entry) = self.phrases.iter_mut().find(|(known, _)| *known == phrase) {
            entry.1 += 1;
        } else if self.phrases.len() < MAX_TRACKED_PHRASES {
            self.phrases.push((phrase, 1));
        } else {
            self.untracked += 1;
        }
    }

    /// All phrases when they are few, else the one written more often than the rest together.
    fn kept(self) -> Vec<String> {
        if self.phrases.len() <= MAX_PHRASES_PER_INITIALS && self.untracked == 0 {
            return self.phrases.into_iter().map(|(phrase, _)| phrase).collect();
        }
        let total: usize = self.phrases.iter().map(|(_, uses)| uses).sum::<usize>() + self.untracked;
        let most_used = self.phrases.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        most_used
            .filter(|&(_, uses)| uses >= MIN_DOMINANT_USES && uses * 2 > total)
            .map(|(top, _)| top)
            .into_iter()
            .collect()
    }
}

/// Lower-case phrases (words joined by a space) under their initials, from every section's
/// text; initials with more than three phrases spell nothing in particular and are left out,
/// unless one of them is written more often than all the others together. Each line of a
/// note is read once.
pub fn spelled_out(sections: &[Section]) -> BTreeMap<String, Vec<String>> {
    let mut by_initials: BTreeMap<String, Spellings> = BTreeMap::new();
    each_note_line(sections, |_, _, line| {
        for run in english_runs(line) {
            add_phrases(&run, &mut by_initials);
        }
    });
    let kept = by_initials.into_iter().map(|(initials, spellings)| (initials, spellings.kept()));
    kept.filter(|(_, phrases)| !phrases.is_empty()).collect()
}

/// Every phrase of two to five consecutive words of `run`, and every camel-case word in it.
fn add_phrases(run: &[&str], by_initials: &mut BTreeMap<String, Spellings>) {
    for start in 0..run.len() {
        let longest = (run.len() - start).min(MAX_INITIALS);
        for words in MIN_INITIALS..=longest {
            let phrase = &run[start..start + words];
            let initials: String = phrase.iter().map(|word| word[..1].to_ascii_lowercase()).collect();
            add(by_initials, initials, phrase.join(" ").to_ascii_lowercase());
        }
        let initials = camel_case_initials(run[start]);
        if (MIN_INITIALS..=MAX_INITIALS).contains(&initials.len()) {
            add(by_initials, initials, run[start].to_ascii_lowercase());
        }
    }
}

/// The first letter of each part of a camel-case word (`HyperLogLog`: `hll`, `useEffect`:
/// `ue`), lower-cased; a single letter for any other word.
fn camel_case_initials(word: &str) -> String {
    let bytes = word.as_bytes();
    let starts_part = |i: usize| i == 0 || (bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase());
    (0..bytes.len()).filter(|&i| starts_part(i)).map(|i| char::from(bytes[i].to_ascii_lowercase())).collect()
}

fn add(by_initials: &mut BTreeMap<String, Spellings>, initials: String, phrase: String) {
    by_initials.entry(initials).or_default().count(phrase);
}

#[cfg(test)]
mod tests {
    use super::spelled_out;
    use crate::knowledge::Section;

    fn section(text: &str) -> Section {
        Section { source: "a.md".into(), heading_path: vec!["A".into()], lines: (1, 1), text: text.into() }
    }

    #[test]
    fn phrases_and_camel_case_words_are_listed_under_their_initials() {
        let found = spelled_out(&[section("* replication factor 3\n* HyperLogLog 는 카디널리티\n* Time To Live")]);
        assert_eq!(found["rf"], vec!["replication factor"]);
        assert_eq!(found["hll"], vec!["hyperloglog"]);
        assert_eq!(found["ttl"], vec!["time to live"]);
        assert!(!found.contains_key("r"), "one letter is not an abbreviation");
    }

    #[test]
    fn initials_spelling_many_phrases_are_dropped() {
        let text = "alpha beta\nalpha bravo\nalpha bear\nalpha boat\nalpha bat\n";
        assert!(!spelled_out(&[section(text)]).contains_key("ab"));
    }

    #[test]
    fn a_phrase_written_more_than_all_others_together_is_kept() {
        let text = "refresh token\nrefresh token\nrefresh token\nrefresh token\nrefresh token\nrefersh token\nrotate tokens\nread timeout\nraw text\n";
        assert_eq!(spelled_out(&[section(text)])["rt"], vec!["refresh token"]);
        let text = "refresh token\nrefresh token\nrefersh token\nrotate tokens\nread timeout\nraw text\n";
        assert!(!spelled_out(&[section(text)]).contains_key("rt"), "twice is not enough");
    }
}
