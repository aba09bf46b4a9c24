//! How the question's words are written, read against how the notes write them: Hangul
//! loanwords the dictionary cuts up (`쿠버네티스` for `kubernetes`), and English words written
//! apart or together (`tcp dump` for `tcpdump`, `autoscaling` for `auto scaling`).

use super::params::WidenerWeights;
use super::query::{QueryPlan, Widener};
use super::transliteration::{agreeing_best_by_vowels, hangul_lookup_key, hangul_sound_len, vowel_agreement};
use super::vocabulary::Vocabulary;
use super::widen::{is_nouns_only, no_predicate};
use crate::analysis::{is_hangul_word, touching_runs, without_particle, Analyzer, Term, TermClass};

/// A word of the question as written, its particle aside.
pub(super) struct WrittenWord {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where the word ends with its particle: a word the dictionary does not know is often
    /// read as one unknown token with the particle in it (`럿매니저가` of `알럿매니저가`).
    pub(super) particle_end: usize,
    pub(super) text: String,
}

/// The question's Hangul words as written, with the punctuation after them and a particle
/// dropped (`인그레스는?` → `인그레스`): the spans loanwords are read from.
pub(super) fn written_words(normalized: &str) -> Vec<WrittenWord> {
    let base = normalized.as_ptr() as usize;
    normalized
        .split_whitespace()
        .filter_map(|token| {
            let start = token.as_ptr() as usize - base;
            let word = token.trim_end_matches(|c: char| c.is_ascii_punctuation());
            let stem = without_particle(word);
            (stem.chars().count() >= 2 && is_hangul_word(stem)).then(|| WrittenWord {
                start,
                end: start + stem.len(),
                particle_end: start + word.len(),
                text: stem.to_string(),
            })
        })
        .collect()
}

/// The terms the dictionary read inside `word` (its particle included), compound parts and
/// written forms aside.
fn read_inside<'t>(terms: &'t [Term], word: &WrittenWord) -> Vec<&'t Term> {
    let within = |term: &&Term| word.start <= term.offset.0 && term.offset.1 <= word.particle_end;
    terms.iter().filter(|term| !term.written_form && !term.compound_part).filter(within).collect()
}

/// A Hangul word of the question that the notes never write, one jamo from words they do
/// (`자료구졸` for `자료구조`): a slip of the keys, read as one concept, the words it is a slip of.
pub(super) struct Typo {
    /// Where it starts in the normalised question.
    pub(super) start: usize,
    /// Where it ends, with its particle.
    pub(super) end: usize,
    /// The word as typed, particle aside.
    pub(super) text: String,
    /// The note words it is a slip of.
    pub(super) corrections: Vec<String>,
}

impl Typo {
    /// Whether the term at `offset` was read from inside the typo.
    pub(super) fn spans(&self, offset: (usize, usize)) -> bool {
        self.start <= offset.0 && offset.1 <= self.end
    }
}

/// The question's typos. The dictionary cuts a misspelt word into pieces that are no part of
/// the word meant (`자료구졸` into `자료` and `구졸`, `고정소슈점` into `고`, `정소`, `점`): read
/// as concepts of their own, a piece the notes lack weighs as the rarest word and one they
/// write by chance matches what the question never asked, so the typo is read as one concept
/// instead. Only a word cut into a noun the notes never write is read so: a word whose nouns
/// the notes all write is the question's own, as is a verb they use rarely (`도는` of `돌다`,
/// whose typed concepts still get the correction as a variant), one the dictionary reads whole
/// is a word, not a slip (`날씨` is not `날리`), and one read as nothing (endings only) stays
/// nothing.
pub(super) fn typos(normalized: &str, terms: &[Term], vocabulary: &Vocabulary) -> Vec<Typo> {
    written_words(normalized)
        .into_iter()
        .filter_map(|word| {
            let inside = read_inside(terms, &word);
            let whole = matches!(inside[..], [only] if only.text == word.text);
            let unknown_noun = inside.iter().any(|term| term.class == TermClass::Noun && !vocabulary.knows(&term.text));
            if whole || !unknown_noun {
                return None;
            }
            let corrections = vocabulary.hangul_corrections(&word.text);
            (!corrections.is_empty()).then_some(Typo {
                start: word.start,
                end: word.particle_end,
                text: word.text,
                corrections,
            })
        })
        .collect()
}

/// A Hangul word of the question that the notes write as two words, which the dictionary cut
/// otherwise (`카운팅소트` into `카`, `운`, `팅`, `소트`; `다중상속` into `다`, `중상`, `속`): read
/// as the notes' two words instead.
pub(super) struct Recut {
    /// Where it starts in the normalised question.
    pub(super) start: usize,
    /// Where it ends, with its particle.
    pub(super) end: usize,
    /// The word as typed, particle aside.
    pub(super) text: String,
    /// The two note words it is made of.
    pub(super) parts: [String; 2],
}

impl Recut {
    /// Whether the term at `offset` was read from inside the word.
    pub(super) fn spans(&self, offset: (usize, usize)) -> bool {
        self.start <= offset.0 && offset.1 <= self.end
    }
}

/// The question's words to cut as the notes do. A compound the notes never write, of
/// loanwords above all, is cut by the dictionary into whatever pieces its entries allow, and
/// a piece of one syllable (`운` of `카운팅`) matches what the question never asked while the
/// word meant is lost; the notes' own words are the better dictionary. A word the notes also
/// write whole is cut so only when the dictionary left a piece of one syllable (`속` of
/// `다중상속`, while the notes explain `단일 상속`); their sentences that write it whole are cut
/// as the question was, so the whole word stays one of each part's forms. A word the
/// dictionary already cut into the same two words, and one cut only into nouns of two
/// syllables or more the notes all write (`상태공간트리`) are left as read, and so is a word
/// whose parts are not both nouns.
pub(super) fn recuts(normalized: &str, terms: &[Term], vocabulary: &Vocabulary, analyzer: &Analyzer) -> Vec<Recut> {
    written_words(normalized)
        .into_iter()
        .filter_map(|word| {
            let (left, right) = vocabulary.hangul_split_in_two(&word.text)?;
            if !no_predicate(analyzer, &left) || !no_predicate(analyzer, &right) {
                return None; // `초기화할때` is a noun, a verb and a noun, not two words
            }
            let inside = read_inside(terms, &word);
            let as_read = inside.iter().map(|term| term.text.as_str()).collect::<Vec<_>>();
            let same = as_read.len() >= 2 && as_read[0] == left && as_read[1] == right;
            // A noun the notes lack matters only in a word they never write whole: one they do
            // write was cut so in their sentences too.
            let known_whole = vocabulary.knows(&word.text);
            let well_read = inside.iter().all(|term| {
                term.text.chars().count() >= 2
                    && (known_whole || term.class != TermClass::Noun || vocabulary.knows(&term.text))
            });
            (!same && !well_read).then_some(Recut {
                start: word.start,
                end: word.particle_end,
                text: word.text,
                parts: [left, right],
            })
        })
        .collect()
}

impl Recut {
    /// The notes' English words that sound like one of its parts (`카운팅` → `counting`),
    /// when that sound is distinctive, as for any word whose pieces the notes know.
    pub(super) fn sound_alikes<'v>(vocabulary: &'v Vocabulary, part: &str) -> Vec<&'v str> {
        if part.chars().count() < vocabulary.matching().min_loanword_syllables {
            return Vec::new();
        }
        distinctive_sound_alikes(vocabulary, part)
    }
}

/// Where in the question a concept's term was read.
pub(super) struct ConceptSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) concept: usize,
}

/// The notes' English words that sound like the Hangul `word` and agree with its vowels
/// (`키클락` is `keycloak`, not `clock`: `search.weights.matching.min_vowel_agreement`), or none
/// when so many sound alike that the sound says nothing (`앱스토어` sounds like `best`, `burst`,
/// `fast` and `post`: `max_sound_alikes`), unless few enough of them agree best with its vowels
/// (`버저닝`: `versioning`, not `parsing` or `passing`).
fn sound_alikes<'v>(vocabulary: &'v Vocabulary, word: &str) -> Vec<&'v str> {
    let found = vocabulary.sounding_like(word);
    let matching = vocabulary.matching();
    if found.len() <= matching.max_sound_alikes {
        return found
            .into_iter()
            .filter(|english| vowel_agreement(word, english) >= matching.min_vowel_agreement)
            .collect();
    }
    let agreement = |english: &&str| vowel_agreement(word, english);
    agreeing_best_by_vowels(found, agreement, matching.min_vowel_agreement, matching.max_sound_alikes)
}

/// Whether each of two words adds sounds to their joined word: `컨테이너 안에` sounds just like
/// `컨테이너`, so it is no loanword of its own.
fn both_sound_in(joined: &str, first: &str, second: &str) -> bool {
    hangul_sound_len(joined) > hangul_sound_len(first).max(hangul_sound_len(second))
}

/// The notes' English words that sound like `word` when its sound is distinctive enough to
/// read a word whose pieces the notes know as a loanword: few look-alikes, many consonants.
fn distinctive_sound_alikes<'v>(vocabulary: &'v Vocabulary, word: &str) -> Vec<&'v str> {
    let matching = vocabulary.matching();
    let found = if long_skeleton(vocabulary, word) { sound_alikes(vocabulary, word) } else { Vec::new() };
    if found.len() > matching.max_sound_alikes_of_known_pieces {
        return Vec::new();
    }
    found
}

/// Whether `word`'s sound has `matching.min_skeleton_of_known_pieces` consonants or more: a
/// word the notes know, or whose pieces they know, is read by sound only then (`인그레스`:
/// n-k-l-s).
fn long_skeleton(vocabulary: &Vocabulary, word: &str) -> bool {
    let matching = vocabulary.matching();
    hangul_lookup_key(word, matching).is_some_and(|key| key.len() >= matching.min_skeleton_of_known_pieces)
}

/// The concepts read from the question between `start` and `end`.
fn concepts_within(spans: &[ConceptSpan], start: usize, end: usize) -> Vec<usize> {
    spans.iter().filter(|span| span.start >= start && span.end <= end).map(|span| span.concept).collect()
}

impl QueryPlan {
    /// English words of the question that the notes write, and that other notes write as a
    /// Hangul loanword (`promise` → `프로미스`, `pipeline` → `파이프라인`): the loanword, when it
    /// agrees best with the word's vowels and at most `matching.max_sound_alikes_of_known_pieces`
    /// note words do. The word wideners skip a word the notes know, so without this a note that
    /// writes it only in Hangul is reached only if an alias or a translation names it.
    pub(super) fn add_loanwords_of_known_words(
        &mut self,
        vocabulary: &Vocabulary,
        analyzer: &Analyzer,
        weights: &WidenerWeights,
    ) {
        self.widen_known_latin(vocabulary, weights.loanword, Widener::Loanword, |word| {
            vocabulary.distinct_hangul_sounding_like(word, |form| is_nouns_only(analyzer, form))
        });
    }

    /// Hangul words the notes never write that are one jamo away from a word they do, and
    /// that reading left as the concepts the dictionary cut them into (`보얀` read as the verb
    /// `보얗다`; see [`typos`]): the corrected word is a variant of every concept read inside
    /// the typo. A word the dictionary reads whole is a word, not a slip (`날씨` is not `날리`).
    pub(super) fn correct_hangul_typos(
        &mut self,
        written: &[WrittenWord],
        spans: &[ConceptSpan],
        vocabulary: &Vocabulary,
        weights: &WidenerWeights,
    ) {
        self.widen_written_words(written, spans, weights.correction, Widener::Correction, |plan, word, inside| {
            let read_whole = matches!(inside, [only] if plan.concepts[*only].text == word.text);
            if read_whole {
                return Vec::new();
            }
            vocabulary.hangul_corrections(&word.text)
        });
    }

    /// Adds what `forms` finds for each written word (given the concepts read inside it) as a
    /// variant of every one of those concepts.
    fn widen_written_words<S: AsRef<str>>(
        &mut self,
        written: &[WrittenWord],
        spans: &[ConceptSpan],
        weight: f32,
        widener: Widener,
        mut forms: impl FnMut(&QueryPlan, &WrittenWord, &[usize]) -> Vec<S>,
    ) {
        for word in written {
            let inside = concepts_within(spans, word.start, word.particle_end);
            let found = forms(self, word, &inside);
            for &concept in &inside {
                for form in &found {
                    self.add_variant(form.as_ref(), weight, concept, widener);
                }
            }
        }
    }

    /// Reads the nouns of each written word (the analyzer often cuts a word such as
    /// `아웃바운드` into pieces, `아웃` and `바운드`): gives the pieces the whole word's spelling,
    /// for telling people which words were not found, and, when the notes contain none of the
    /// pieces, makes the notes' English words that sound like the whole word (`outbound`) a
    /// variant of every piece.
    pub(super) fn read_written_words(
        &mut self,
        normalized: &str,
        nouns: &[((usize, usize), usize)],
        loanwords: &[(usize, usize)],
        vocabulary: &Vocabulary,
        weights: &WidenerWeights,
    ) {
        for word in touching_runs(nouns, |noun| noun.0) {
            let (start, end) = (word[0].0 .0, word[word.len() - 1].0 .1);
            if loanwords.iter().any(|&(from, to)| from <= start && end <= to) {
                continue; // read already as the whole loanword it is part of
            }
            let Some(text) = normalized.get(start..end) else {
                continue;
            };
            if word.len() > 1 {
                word.iter().for_each(|&(_, concept)| self.concepts[concept].word = text.to_string());
            }
            let sounds_like = sound_alikes(vocabulary, text);
            if sounds_like.is_empty() || word.iter().all(|&(_, concept)| vocabulary.knows(&self.concepts[concept].text))
            {
                continue;
            }
            for english in sounds_like {
                for &(_, concept) in word {
                    self.add_variant(english, weights.loanword, concept, Widener::Loanword);
                }
            }
        }
    }

    /// Written words the dictionary does not know and cuts into pieces of any class
    /// (`디플로이먼트` read as `디`, `플로`, `이`, `먼`, `트`; `쿠버네티스`): when the notes lack
    /// the word but have an English word that sounds like it (`deployment`), that word becomes
    /// a variant of every concept read inside it, and the concepts are shown as the word. Such
    /// pieces are often note words by chance (`인그레스` read as `인` and `레스`), so a word of
    /// three syllables or more is read this way even when the notes know every piece.
    /// Returns the spans of the words so read.
    pub(super) fn read_loanwords(
        &mut self,
        written: &[WrittenWord],
        spans: &[ConceptSpan],
        vocabulary: &Vocabulary,
        weights: &WidenerWeights,
    ) -> Vec<(usize, usize)> {
        let mut read = Vec::new();
        for word in written {
            if vocabulary.knows(&word.text) {
                continue;
            }
            let inside = concepts_within(spans, word.start, word.particle_end);
            let pieces_known = inside.iter().all(|&concept| vocabulary.knows(&self.concepts[concept].text));
            let short = word.text.chars().count() < vocabulary.matching().min_loanword_syllables;
            if inside.is_empty() || (pieces_known && short) {
                continue;
            }
            let sounds_like = if pieces_known {
                distinctive_sound_alikes(vocabulary, &word.text)
            } else {
                sound_alikes(vocabulary, &word.text)
            };
            let phrases = if sounds_like.is_empty() && inside.len() > 1 {
                vocabulary.phrases_sounding_like(&word.text)
            } else {
                Vec::new()
            };
            if sounds_like.is_empty() && phrases.is_empty() {
                continue;
            }
            for &concept in &inside {
                self.concepts[concept].word.clone_from(&word.text);
                for english in &sounds_like {
                    self.add_variant(english, weights.loanword, concept, Widener::Loanword);
                }
                self.add_phrases(&phrases, weights.loanword, concept);
            }
            read.push((word.start, word.end));
        }
        read
    }

    /// Hangul words the notes write that the dictionary does not know and cut into pieces
    /// (`디바운스` read as `디`, `바운스`), read also as the English word other notes write for
    /// them (`debounce`): one note names a technique in Hangul, another in English, and a
    /// question in Hangul should reach both. Only a sound long enough and singled out by its
    /// vowels among the sound-alikes (`matching.min_skeleton_of_known_pieces`,
    /// `min_vowel_agreement`, `max_sound_alikes_of_known_pieces`): the word is a note word, and
    /// a native word the dictionary cut is not to be read as English by chance.
    pub(super) fn add_english_of_known_loanwords(
        &mut self,
        written: &[WrittenWord],
        spans: &[ConceptSpan],
        vocabulary: &Vocabulary,
        weights: &WidenerWeights,
    ) {
        self.widen_written_words(written, spans, weights.loanword, Widener::Loanword, |_, word, inside| {
            let known_loanword =
                inside.len() >= 2 && vocabulary.knows(&word.text) && long_skeleton(vocabulary, &word.text);
            if !known_loanword {
                return Vec::new();
            }
            vocabulary.distinct_sounding_like(&word.text)
        });
    }

    /// Hangul loanwords the notes also spell otherwise (`컬렉션`, where a note writes `가비지
    /// 콜렉션`; `메소드` and `메서드`): Korean writes one English vowel with several Hangul vowels
    /// (`transliteration::spelled_alike`), and notes by different people, or one person on
    /// different days, spell a term differently. Each such spelling, a noun as the word is, is a
    /// variant of every concept read inside the word.
    pub(super) fn add_hangul_spellings(
        &mut self,
        written: &[WrittenWord],
        spans: &[ConceptSpan],
        vocabulary: &Vocabulary,
        analyzer: &Analyzer,
        weights: &WidenerWeights,
    ) {
        self.widen_written_words(written, spans, weights.loanword, Widener::Loanword, |_, word, _| {
            // The lookup first: reading a word with the dictionary costs more than most
            // questions' spellings, which are none.
            let mut spellings = vocabulary.hangul_spellings(&word.text);
            if spellings.is_empty() || !is_nouns_only(analyzer, &word.text) {
                return Vec::new();
            }
            spellings.retain(|spelling| is_nouns_only(analyzer, spelling));
            spellings
        });
    }

    /// The notes' English terms of several words a Hangul loanword sounds like (`race
    /// condition`), as variants of `concept` naming where the notes write them.
    fn add_phrases(&mut self, phrases: &[(&[String], &str)], weight: f32, concept: usize) {
        for &(terms, origin) in phrases {
            let origin = Some(origin.to_string());
            self.add_distinct_terms_variant(terms.to_vec(), weight, concept, Widener::Loanword, origin);
        }
    }

    /// Latin words the question writes apart and the notes as one (`tcp dump`, `cloud front`),
    /// or hyphenated (`write through` for `write-through`, whose `through` is no search term of
    /// its own): the joined word is a variant of every concept read from the pair.
    pub(super) fn read_spaced_words(
        &mut self,
        normalized: &str,
        spans: &[ConceptSpan],
        vocabulary: &Vocabulary,
        weights: &WidenerWeights,
    ) {
        let words = latin_words(normalized);
        for pair in words.windows(2) {
            let ((first_start, first_end), (second_start, second_end)) = (pair[0], pair[1]);
            let gap = &normalized[first_end..second_start];
            if gap.len() > 2 || !gap.chars().all(|c| c == '-' || c.is_whitespace()) {
                continue;
            }
            let (first, second) = (&normalized[first_start..first_end], &normalized[second_start..second_end]);
            let joined = [format!("{first}{second}"), format!("{first}-{second}")];
            let concepts = concepts_within(spans, first_start, second_end);
            for form in joined.iter().filter(|form| vocabulary.knows(form)) {
                for &concept in &concepts {
                    self.add_variant(form, weights.joined, concept, Widener::Joined);
                }
            }
        }
    }

    /// Two Hangul words that are one loanword written apart (`워크 스페이스` for `워크스페이스`,
    /// `workspace`; `헬스 체크` for `healthcheck`): the joined word, when the notes write it, or
    /// else the notes' English words that sound like it, when its sound is distinctive (as for
    /// a word whose pieces the notes know), are variants of every concept read from the pair.
    pub(super) fn read_spaced_loanwords(
        &mut self,
        normalized: &str,
        written: &[WrittenWord],
        spans: &[ConceptSpan],
        vocabulary: &Vocabulary,
        weights: &WidenerWeights,
    ) {
        for pair in written.windows(2) {
            let (first, second) = (&pair[0], &pair[1]);
            if first.end != first.particle_end || !normalized[first.end..second.start].trim().is_empty() {
                continue; // a particle or punctuation ends the first word: two words
            }
            let joined = format!("{}{}", first.text, second.text);
            let sounds_whole = both_sound_in(&joined, &first.text, &second.text);
            let forms: Vec<(String, f32, Widener)> = if vocabulary.knows(&joined) {
                vec![(joined.clone(), weights.joined, Widener::Joined)]
            } else if sounds_whole {
                let sounds_like = distinctive_sound_alikes(vocabulary, &joined);
                let loanword = |english: &str| (english.to_string(), weights.loanword, Widener::Loanword);
                sounds_like.into_iter().map(loanword).collect()
            } else {
                Vec::new()
            };
            let phrases =
                if forms.is_empty() && sounds_whole { vocabulary.phrases_sounding_like(&joined) } else { Vec::new() };
            let concepts = concepts_within(spans, first.start, second.particle_end);
            for &concept in &concepts {
                for (form, weight, widener) in &forms {
                    self.add_variant(form, *weight, concept, *widener);
                }
                self.add_phrases(&phrases, weights.loanword, concept);
            }
        }
    }
}

/// The byte ranges of the runs of ASCII letters in `text` (`write`, `through`).
fn latin_words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate().chain(std::iter::once((text.len(), b' '))) {
        match (b.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                words.push((from, i));
                start = None;
            }
            _ => {}
        }
    }
    words
}
