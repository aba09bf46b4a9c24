//! The word lists of `src/lexicon/`: one test per list that its entries are well formed (no
//! duplicates, no padding, NFC, lower case) and written as the code that matches them sees
//! words, which for most lists means as the analyser produces them.

use notebot::analysis::{Analyzer, TermClass};
use notebot::lexicon::{self, List};

fn analyzer() -> Analyzer {
    Analyzer::shared().expect("dictionary")
}

/// Asserts that `list` has no problem of form and that `wrong` finds nothing to say about any
/// of its entries (it returns why an entry is wrong).
fn check(list: List, wrong: impl Fn(&str) -> Option<String>) {
    let mut problems = list.problems();
    let (name, text) = list.file();
    for (line, entry) in lexicon::entries(text) {
        if let Some(why) = wrong(entry) {
            problems.push(format!("{name}: line {line}: `{entry}` {why}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The analysed terms of `text`, dictionary pieces only (no written forms).
fn terms(text: &str) -> Vec<(String, TermClass)> {
    let terms = analyzer().analyze(text).into_iter().filter(|t| !t.written_form);
    terms.map(|t| (t.text, t.class)).collect()
}

fn is_ascii_word(entry: &str) -> bool {
    !entry.is_empty() && entry.bytes().all(|b| b.is_ascii_lowercase())
}

/// Words matched against the alphanumeric runs of lower-cased text (`words_of` in
/// `answer/counts.rs`): anything else in an entry could never be matched.
fn alphanumeric_only(entry: &str) -> Option<String> {
    (!entry.chars().all(char::is_alphanumeric)).then(|| "holds a character that splits words".to_string())
}

#[test]
fn english_stop_words_are_single_latin_words_the_analyser_drops() {
    check(List::EnglishStopWords, |entry| {
        if !is_ascii_word(entry) {
            return Some("is not one lower-case Latin word, as the analyser's Latin tokens are".into());
        }
        // Between English words, as in English text; alone among Korean words it is a name.
        let read = terms(&format!("alpha {entry} beta"));
        let left: Vec<_> = read.into_iter().filter(|(term, _)| term != "alpha" && term != "beta").collect();
        (!left.is_empty()).then(|| format!("is still indexed in English text: {left:?}"))
    });
}

#[test]
fn english_frame_words_are_searched_latin_words() {
    check(List::EnglishFrameWords, |entry| {
        let read = terms(entry);
        (read != [(entry.to_string(), TermClass::Latin)])
            .then(|| format!("is read as {read:?}, so the frame-word check never sees it"))
    });
}

#[test]
fn contraction_tails_are_dropped_after_an_apostrophe() {
    check(List::EnglishContractionTails, |entry| {
        if !is_ascii_word(entry) {
            return Some("is not lower-case Latin letters".into());
        }
        let read = terms(&format!("kafka'{entry}"));
        (read != [("kafka".to_string(), TermClass::Latin)]).then(|| format!("leaves terms: {read:?}"))
    });
}

#[test]
fn korean_stop_stems_are_stems_the_dictionary_indexes() {
    let analyzer = analyzer();
    check(List::KoreanStopStems, |entry| {
        // A stem shows up in its plain form, a polite one or before a noun; `이` is indexed as
        // a noun (`이가 아프다`, a tooth) and `싶` as an adjective (`싶은`) in some sentences.
        let frames = [
            format!("{entry}다"),
            format!("{entry}어요"),
            format!("{entry}고 싶다"),
            format!("{entry}은 것"),
            format!("{entry}가 아프다"),
        ];
        let produced = frames
            .iter()
            .flat_map(|frame| analyzer.morphemes(frame))
            .any(|(text, _, indexed)| text == entry && indexed);
        (!produced).then(|| "is never read as an indexed morpheme, so dropping it changes nothing".to_string())
    });
}

/// Whether the dictionary reads `particles` between a noun and the next word as morphemes it
/// does not index (particles `J…`, the copula and endings of `이라는`, the `하` + `고` it makes
/// of `하고`), so taking them off a written word loses no term.
/// Particles take a form after a vowel (`와`, `로`) and another after a consonant (`과`, `으로`),
/// so nouns of each kind are tried; the dictionary misreads some particles after some nouns
/// (`프로젝트의` as two nouns, `계정하고` as a verb), which is why words are also matched by
/// their surface with this list, so one reading as particles is enough.
fn reads_as_particles(particles: &str) -> Option<String> {
    let mut readings = Vec::new();
    for noun in ["프로젝트", "계정", "사람", "학교"] {
        // A particle joins its noun to a next word, which the dictionary reads it by.
        let phrase = format!("{noun}{particles} 설정");
        let morphemes = analyzer().morphemes(&phrase);
        let read: Vec<String> = terms(&phrase).into_iter().map(|(text, _)| text).collect();
        let between = &morphemes[1.min(morphemes.len())..morphemes.len().saturating_sub(1)];
        if read == [noun, "설정"] && between.iter().all(|(_, _, indexed)| !indexed) {
            return None;
        }
        readings.push(morphemes);
    }
    Some(format!("after a noun is not read as particles: {readings:?}"))
}

#[test]
fn korean_particles_are_read_as_particles_after_a_noun() {
    check(List::KoreanParticles, reads_as_particles);
}

#[test]
fn korean_particle_pairs_are_read_as_particles_after_a_noun() {
    check(List::KoreanParticlePairs, |entry| {
        // The dictionary misreads rare pairs (`에의`, `만의`) after a noun, and the list is for
        // pairs written alone (`plan 에의`), so a pair is checked as two listed particles.
        if List::KoreanParticles.contains(entry) {
            return Some("is in korean_particles.txt already".into());
        }
        let particles = List::KoreanParticles.words();
        let split = entry
            .char_indices()
            .skip(1)
            .any(|(at, _)| particles.contains(&entry[..at]) && particles.contains(&entry[at..]));
        (!split).then(|| "is not two particles of korean_particles.txt".to_string())
    });
}

/// For words compared with a concept's term, lower-cased: `entry` must be one, alone or in
/// one of the `frames` of a question it typically ends.
/// Checks that every entry of `list` is a term of itself or of one of the two questions
/// `frames` writes around it: an entry the analyser never produces never matches.
fn check_question_terms(list: List, frames: fn(&str) -> [String; 2]) {
    check(list, |entry| {
        let produced = std::iter::once(entry.to_string())
            .chain(frames(entry))
            .any(|frame| terms(&frame).iter().any(|(text, _)| text == entry));
        (!produced).then(|| "is never a term of a question, so it never matches".to_string())
    });
}

#[test]
fn question_words_are_terms_the_analyser_produces() {
    check_question_terms(List::QuestionWords, |entry| [format!("{entry}가 뭐야?"), format!("{entry}는 어때?")]);
}

#[test]
fn korean_numerals_are_whole_hangul_words() {
    check(List::KoreanNumerals, alphanumeric_only);
}

#[test]
fn numeral_endings_are_hangul_without_spaces() {
    check(List::NumeralEndings, alphanumeric_only);
}

#[test]
fn korean_determiner_numerals_are_whole_words() {
    check(List::KoreanDeterminerNumerals, alphanumeric_only);
}

#[test]
fn korean_counters_are_word_beginnings() {
    check(List::KoreanCounters, alphanumeric_only);
}

#[test]
fn korean_round_numbers_are_one_syllable_each() {
    check(List::KoreanRoundNumbers, |entry| {
        (entry.chars().count() != 1 || !notebot::analysis::is_hangul_word(entry))
            .then(|| "is not one Hangul syllable".to_string())
    });
}

#[test]
fn english_numerals_are_lower_case_words() {
    check(List::EnglishNumerals, |entry| (!is_ascii_word(entry)).then(|| "is not one lower-case word".into()));
}

#[test]
fn count_kinds_are_word_beginnings() {
    check(List::CountKinds, alphanumeric_only);
}

#[test]
fn chatter_words_are_first_words_as_a_message_is_read() {
    // The message's first white-space word, lower-cased, trailing punctuation aside.
    check(List::ChatterWords, |entry| {
        let read = entry.split_whitespace().next().unwrap_or_default().trim_end_matches(|c: char| !c.is_alphanumeric());
        (read != entry).then(|| format!("is read from a message as `{read}`"))
    });
}

#[test]
fn chatter_stems_are_beginnings_of_one_word() {
    check(List::ChatterStems, |entry| {
        entry.contains(char::is_whitespace).then(|| "spans two words: only the first word is compared".into())
    });
}

/// A label is what comes before `:`, `.` or `：`, trimmed.
fn label_form(entry: &str) -> Option<String> {
    (entry.contains([':', '.', '：']) || entry.contains(char::is_whitespace))
        .then(|| "holds a separator or a space, which no label before `:` can".to_string())
}

#[test]
fn question_labels_are_read_before_a_colon() {
    check(List::QuestionLabels, label_form);
}

#[test]
fn answer_labels_are_read_before_a_colon() {
    check(List::AnswerLabels, label_form);
}

#[test]
fn example_abbreviations_are_single_words() {
    check(List::ExampleAbbreviations, |entry| {
        let word = entry.chars().all(|c| c.is_ascii_lowercase() || c == '.');
        (!word).then(|| "is not one lower-case abbreviation (letters and periods)".into())
    });
}

#[test]
fn generic_file_names_are_whole_lower_case_file_stems() {
    check(List::GenericFileNames, |entry| {
        let stem = !entry.is_empty() && !entry.contains(['/', '.', ' ']) && entry.to_lowercase() == entry;
        (!stem).then(|| "is not one lower-case file name without folder or extension".into())
    });
    assert_eq!(notebot::knowledge::file_title_words("docs/README.md"), "");
}

#[test]
fn link_words_are_terms_a_question_is_read_into() {
    check_question_terms(List::LinkWords, |entry| [format!("관련 {entry} 있어?"), format!("any {entry} for it")]);
}

#[test]
fn measure_units_are_kinds_of_single_units_each_unit_once() {
    // Each entry is one kind, its units separated by one space; a unit is matched right after a
    // number in lower-cased text, so it is one word of letters (or `%`) and names one kind only.
    let seen = std::cell::RefCell::new(std::collections::HashSet::new());
    check(List::MeasureUnits, |entry| {
        let units: Vec<&str> = entry.split(' ').collect();
        if units.len() < 2 {
            return Some("is one unit, not a kind of several".into());
        }
        if let Some(bad) = units.iter().find(|u| u.is_empty() || (**u != "%" && !u.chars().all(char::is_alphabetic))) {
            return Some(format!("has `{bad}`, not a unit of letters"));
        }
        units
            .iter()
            .find(|u| !seen.borrow_mut().insert(u.to_string()))
            .map(|u| format!("repeats `{u}` of another kind"))
    });
}

#[test]
fn every_list_has_a_test() {
    // One test above per list: a new list must get its own check of how it is matched.
    assert_eq!(List::ALL.len(), 22, "add a test for the new list to tests/it/lexicon.rs");
}

#[test]
fn the_glossary_is_well_formed() {
    // That every entry keeps a term once analysed is checked with the team's aliases in
    // widening.rs (`every_shipped_alias_entry_is_searchable`).
    let problems = lexicon::glossary_problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_glossary_lists_no_inflection_the_stemmer_finds() {
    // Aliases match and widen one-word English entries by their inflections (`support` stands
    // for `supports` and `supported`); words too short to stem (`log`, `logs`) and derivations
    // (`deploy`, `deployment`) are still listed.
    let mut listed = Vec::new();
    for group in lexicon::glossary().unwrap() {
        for (i, a) in group.iter().enumerate() {
            let inflected = group[i + 1..].iter().filter(|b| notebot::search::inflections_of_each_other(a, b));
            listed.extend(inflected.map(|b| format!("{a} / {b}")));
        }
    }
    assert!(listed.is_empty(), "inflections listed by hand: {listed:?}");
}
