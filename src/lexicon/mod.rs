//! Every hand-written word list of notebot, one data file each in this folder (see
//! `docs/lexicon.md`): stop words, particles, numerals, question and chatter words, Q&A labels,
//! and the built-in English–Korean glossary.
//!
//! The files are embedded with `include_str!`, so the binary needs nothing beside it, and
//! parsed once on first use. Word lists are plain UTF-8 text, one entry per line; a line that
//! starts with `#` is a comment and blank lines are skipped. Entries are taken as written (no
//! trimming): [`List::problems`] reports padded, duplicated, upper-case or non-NFC entries, and
//! the tests in `tests/it/lexicon.rs` run it on every list and check each entry against what the
//! code that matches it sees. Parsing a word list cannot fail; the glossary's TOML can, and
//! then [`glossary`] says why instead of panicking (a test keeps it from shipping broken).

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// One word list of this folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// English function words the analyser drops.
    EnglishStopWords,
    /// English words a question is framed with: searched, but weighed as function words.
    EnglishFrameWords,
    /// What follows the apostrophe of an English contraction (`ll` of `we'll`).
    EnglishContractionTails,
    /// Korean light verbs and adjectives the analyser drops (`하`, `되`, `있`).
    KoreanStopStems,
    /// Korean particles taken off a written word (`는`, `에서는`).
    KoreanParticles,
    /// Two Korean particles written together (`에서도`).
    KoreanParticlePairs,
    /// Words that ask rather than name (`얼마`, `차이`, `difference`).
    QuestionWords,
    /// Korean native numerals written as words (`셋`).
    KoreanNumerals,
    /// What may follow a Korean numeral word (`셋이`, `둘째`).
    NumeralEndings,
    /// Determiner forms of Korean numerals (`두` of `두 개`).
    KoreanDeterminerNumerals,
    /// Korean counters and units (`개`, `번`, `분`).
    KoreanCounters,
    /// Sino-Korean round numbers, one syllable each (`십`, `백`).
    KoreanRoundNumbers,
    /// English numbers written as words (`three`, `dozen`).
    EnglishNumerals,
    /// What a question counts when it asks which kinds there are (`가지`, `types`).
    CountKinds,
    /// First words of a chat acknowledgement (`thanks`, `넵`).
    ChatterWords,
    /// Beginnings of a chat acknowledgement (`감사`, `ㅋㅋ`).
    ChatterStems,
    /// Labels of a written Q&A pair's question (`질문`, `q`).
    QuestionLabels,
    /// Labels of a written Q&A pair's answer (`답변`, `a`).
    AnswerLabels,
    /// Abbreviations that start an example rather than a translation (`e.g.`, `vs`).
    ExampleAbbreviations,
    /// Note file names that name a kind of page, not a topic (`readme`, `overview`).
    GenericFileNames,
    /// Words a question asks for a link with (`링크`, `page`).
    LinkWords,
    /// Units of measure, one kind per entry (`초 분 … seconds`), for how-many questions.
    MeasureUnits,
}

impl List {
    /// Every list, in the order of [`List`].
    pub const ALL: [List; 22] = [
        List::EnglishStopWords,
        List::EnglishFrameWords,
        List::EnglishContractionTails,
        List::KoreanStopStems,
        List::KoreanParticles,
        List::KoreanParticlePairs,
        List::QuestionWords,
        List::KoreanNumerals,
        List::NumeralEndings,
        List::KoreanDeterminerNumerals,
        List::KoreanCounters,
        List::KoreanRoundNumbers,
        List::EnglishNumerals,
        List::CountKinds,
        List::ChatterWords,
        List::ChatterStems,
        List::QuestionLabels,
        List::AnswerLabels,
        List::ExampleAbbreviations,
        List::GenericFileNames,
        List::LinkWords,
        List::MeasureUnits,
    ];

    /// The list's file name in `src/lexicon/` and its embedded text.
    pub fn file(self) -> (&'static str, &'static str) {
        macro_rules! file {
            ($name:literal) => {
                ($name, include_str!($name))
            };
        }
        match self {
            List::EnglishStopWords => file!("english_stop_words.txt"),
            List::EnglishFrameWords => file!("english_frame_words.txt"),
            List::EnglishContractionTails => file!("english_contraction_tails.txt"),
            List::KoreanStopStems => file!("korean_stop_stems.txt"),
            List::KoreanParticles => file!("korean_particles.txt"),
            List::KoreanParticlePairs => file!("korean_particle_pairs.txt"),
            List::QuestionWords => file!("question_words.txt"),
            List::KoreanNumerals => file!("korean_numerals.txt"),
            List::NumeralEndings => file!("numeral_endings.txt"),
            List::KoreanDeterminerNumerals => file!("korean_determiner_numerals.txt"),
            List::KoreanCounters => file!("korean_counters.txt"),
            List::KoreanRoundNumbers => file!("korean_round_numbers.txt"),
            List::EnglishNumerals => file!("english_numerals.txt"),
            List::CountKinds => file!("count_kinds.txt"),
            List::ChatterWords => file!("chatter_words.txt"),
            List::ChatterStems => file!("chatter_stems.txt"),
            List::QuestionLabels => file!("question_labels.txt"),
            List::AnswerLabels => file!("answer_labels.txt"),
            List::ExampleAbbreviations => file!("example_abbreviations.txt"),
            List::GenericFileNames => file!("generic_file_names.txt"),
            List::LinkWords => file!("link_words.txt"),
            List::MeasureUnits => file!("measure_units.txt"),
        }
    }

    /// The list's entries, parsed on first use.
    pub fn words(self) -> &'static Words {
        static PARSED: LazyLock<Vec<Words>> =
            LazyLock::new(|| List::ALL.iter().map(|list| Words::parse(list.file().1)).collect());
        &PARSED[self as usize]
    }

    /// Whether `word` is an entry of the list.
    pub fn contains(self, word: &str) -> bool {
        self.words().contains(word)
    }

    /// What is wrong with the list's file, one message per problem (empty when nothing is).
    pub fn problems(self) -> Vec<String> {
        let (name, text) = self.file();
        let mut found = problems_of(entries(text));
        if self.words().is_empty() {
            found.push("the list has no entry".to_string());
        }
        found.into_iter().map(|problem| format!("{name}: {problem}")).collect()
    }
}

/// The entries of one list: in file order, and hashed for look-ups (some lists are asked about
/// every word of every note).
#[derive(Debug, Default)]
pub struct Words {
    in_order: Vec<&'static str>,
    set: FxHashSet<&'static str>,
    longest_chars: usize,
}

impl Words {
    fn parse(text: &'static str) -> Words {
        let in_order: Vec<&'static str> = entries(text).map(|(_, entry)| entry).collect();
        let set = in_order.iter().copied().collect();
        let longest_chars = in_order.iter().map(|entry| entry.chars().count()).max().unwrap_or(0);
        Words { in_order, set, longest_chars }
    }

    /// Whether `word` is an entry.
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// The longest entry that ends `word` and leaves at least `min_rest` characters before it:
    /// one hash probe per suffix length rather than a scan of every entry (particles are
    /// stripped from every written word of a question).
    pub fn longest_suffix_of(&self, word: &str, min_rest: usize) -> Option<&'static str> {
        let longest = self.longest_chars.min(word.chars().count().saturating_sub(min_rest));
        let suffixes = word.char_indices().rev().take(longest).map(|(at, _)| &word[at..]);
        suffixes.filter_map(|suffix| self.set.get(suffix).copied()).last()
    }

    /// Whether some entry starts `word`.
    pub fn any_starts(&self, word: &str) -> bool {
        self.in_order.iter().any(|entry| word.starts_with(entry))
    }

    /// The entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.in_order.iter().copied()
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.in_order.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.in_order.is_empty()
    }
}

/// The entries of a list file with their line numbers (from 1): every line but blank ones and
/// `#` comments, as written (a carriage return before the line feed aside).
pub fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| (i + 1, line))
}

/// Problems of entries that every list avoids: white space around an entry, an entry that is
/// not NFC or not lower case (every list is matched against lower-cased text), and duplicates.
pub fn problems_of<'a>(entries: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (line, entry) in entries {
        if entry.trim() != entry {
            found.push(format!("line {line}: `{entry}` has white space around it"));
        }
        if is_nfc_quick(entry.chars()) != IsNormalized::Yes && entry.nfc().collect::<String>() != entry {
            found.push(format!("line {line}: `{entry}` is not in Unicode NFC"));
        }
        if entry.to_lowercase() != entry {
            found.push(format!("line {line}: `{entry}` is not lower case"));
        }
        if let Some(first) = seen.insert(entry, line) {
            found.push(format!("line {line}: `{entry}` repeats line {first}"));
        }
    }
    found
}

/// The built-in glossary's file name in `src/lexicon/` and its embedded text.
pub const GLOSSARY_FILE: (&str, &str) = ("glossary.toml", include_str!("glossary.toml"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    groups: Vec<Vec<String>>,
}

/// The built-in English–Korean glossary's groups of equivalent terms (`security` = `보안`),
/// parsed once; an error says what is wrong with the embedded file.
pub fn glossary() -> Result<&'static [Vec<String>], &'static str> {
    static PARSED: LazyLock<Result<Vec<Vec<String>>, String>> = LazyLock::new(|| {
        let (name, text) = GLOSSARY_FILE;
        let parsed: Result<GlossaryFile, _> = toml::from_str(text);
        parsed.map(|file| file.groups).map_err(|e| format!("{name}: {}", crate::config::toml_problem(text, &e)))
    });
    PARSED.as_deref().map_err(String::as_str)
}

/// What is wrong with the glossary: a parse error, or entries with the problems of
/// [`problems_of`] (duplicates counted across all groups: equal entries would merge their
/// groups) or groups of fewer than two entries.
pub fn glossary_problems() -> Vec<String> {
    let groups = match glossary() {
        Ok(groups) => groups,
        Err(why) => return vec![why.to_string()],
    };
    let (name, _) = GLOSSARY_FILE;
    let mut found: Vec<String> = groups
        .iter()
        .enumerate()
        .filter(|(_, group)| group.len() < 2)
        .map(|(i, group)| format!("group {} ({group:?}) has fewer than two entries", i + 1))
        .collect();
    let numbered =
        groups.iter().enumerate().flat_map(|(i, group)| group.iter().map(move |entry| (i + 1, entry.as_str())));
    found.extend(problems_of(numbered).into_iter().map(|problem| problem.replacen("line", "group", 1)));
    found.into_iter().map(|problem| format!("{name}: {problem}")).collect()
}

#[cfg(test)]
mod tests {
    use super::{entries, problems_of, List, Words};

    #[test]
    fn comments_and_blank_lines_are_no_entries() {
        let text = "# a comment\n\nfirst\n  \r\nsecond\r\n#third\nc#\n";
        let found: Vec<(usize, &str)> = entries(text).collect();
        assert_eq!(found, vec![(3, "first"), (5, "second"), (7, "c#")]);
    }

    #[test]
    fn entries_are_looked_up_whole_and_as_beginnings() {
        let words = Words::parse("감사\nthank\n");
        assert!(words.contains("감사") && words.contains("thank") && !words.contains("thanks"));
        assert!(words.any_starts("thanks") && words.any_starts("감사합니다") && !words.any_starts("고마워"));
        assert_eq!(words.iter().collect::<Vec<_>>(), vec!["감사", "thank"], "file order is kept");
    }

    #[test]
    fn bad_entries_are_reported_with_their_line() {
        let decomposed = "\u{1112}\u{1161}"; // 하 as conjoining jamo (NFD)
        let text = format!("ok\n ok\nOK\n{decomposed}\nok\n");
        let problems = problems_of(entries(&text));
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("line 2:") && problems[0].contains("white space"), "{problems:?}");
        assert!(problems[1].starts_with("line 3:") && problems[1].contains("lower case"), "{problems:?}");
        assert!(problems[2].starts_with("line 4:") && problems[2].contains("NFC"), "{problems:?}");
        assert!(problems[3].starts_with("line 5:") && problems[3].contains("repeats line 1"), "{problems:?}");
    }

    #[test]
    fn all_lists_in_the_order_of_their_index() {
        for (i, list) in List::ALL.into_iter().enumerate() {
            assert_eq!(list as usize, i, "{list:?}");
        }
    }

    #[test]
    fn every_list_parses_to_entries() {
        for list in List::ALL {
            assert!(!list.words().is_empty(), "{list:?}");
        }
        assert!(List::EnglishStopWords.contains("the") && !List::EnglishStopWords.contains("kafka"));
    }
}
