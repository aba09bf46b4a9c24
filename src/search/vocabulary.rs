//! What the notes' words are, for widening a question: typo tolerance for Latin terms (words
//! of five letters or more that the notes do not use are matched to note words one edit away,
//! `scaling` ↔ `scailing`), English plurals the notes write in the singular (`AZs` → `az`),
//! and loanwords matched by sound across scripts, both ways (`아웃바운드` → `outbound`,
//! `service` → `서비스`).

use rustc_hash::FxHashMap;

use std::collections::BTreeMap;

use std::sync::{Arc, OnceLock};

use rust_stemmers::{Algorithm, Stemmer};

use tantivy::Searcher;

use super::keyboard;
use super::params::MatchingParams;
use super::transliteration::{
    agreeing_best_by_vowels, collapse, consonant_agreement, hangul_lookup_key, latin_keys, spelled_alike,
    vowel_agreement,
};
use crate::analysis::{is_english_stopword, is_hangul_syllable, jamo};
use crate::index::{ChunkFields, KnownTerms, Manifest, OpenIndex};

/// The Latin words and the distinctive Hangul words of the index, gathered once per index
/// generation, by their consonant skeleton (each list sorted).
#[derive(Clone, Default)]
pub struct Vocabulary {
    by_sound: FxHashMap<String, Vec<String>>,
    /// The same Latin words once each, by length then spelling: typo corrections scan only
    /// the lengths a word's budget of edits can reach.
    by_length: Vec<String>,
    hangul_by_sound: FxHashMap<String, Vec<String>>,
    known: Option<Arc<KnownTerms>>,
    spelled_out: BTreeMap<String, Vec<String>>,
    /// Glued terms the notes also write as two words (`roundrobin` → `round`, `robin`), and
    /// where they first write them apart.
    apart: FxHashMap<String, ([String; 2], String)>,
    /// The notes' English terms of several words (their translations, abbreviations spelled
    /// out, words written apart, a heading's neighbouring English words: `race condition`), by
    /// the skeleton of the words together, and where the notes write each: a Hangul loanword of
    /// two words (`레이스 컨디션`) sounds like the phrase, not like any one note word.
    phrases_by_sound: FxHashMap<String, Vec<(Vec<String>, String)>>,
    /// The Latin words by English stem (`cach` → `cache`, `caching`), built on first use: most
    /// questions never need it, and a CLI answer should not pay for it at start.
    by_stem: OnceLock<FxHashMap<String, Vec<String>>>,
    /// The Hangul words of the notes under each of their spellings with one syllable masked
    /// (`자료*조`), built on first use, for typo corrections: a typo's candidates are found by
    /// as many lookups as it has syllables, not by a scan of every word of its length.
    hangul_by_masked: OnceLock<MaskedWords>,
    /// Where the Hangul words come from (kept to build `hangul_by_masked` lazily).
    searcher: Option<(Searcher, ChunkFields)>,
    /// Which note words a question's word may be matched to.
    matching: MatchingParams,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary").field("sounds", &self.by_sound.len()).finish()
    }
}

impl Vocabulary {
    /// Collects the Latin terms and the Hangul terms of the searched fields: only the
    /// lower-case ASCII and Hangul-syllable ranges of each term dictionary are read. Every
    /// Latin word is kept, whatever its skeleton, since typo corrections are drawn from them
    /// (`actuator`'s skeleton `kt` is too short to be matched by sound, not to be misspelt);
    /// Hangul words are only ever looked up by skeletons of
    /// [`MatchingParams::min_sound_consonants`] or more, and of
    /// [`MatchingParams::min_loanword_syllables`] syllables or more.
    pub fn from_index(open: &OpenIndex, matching: MatchingParams) -> Vocabulary {
        let (searcher, fields) = (&open.searcher, &open.fields);
        let by_sound = by_skeleton(searcher, fields, ("a", "{"), latin_keys);
        let hangul_by_sound = by_skeleton(searcher, fields, ("\u{AC00}", "\u{D7A4}"), |term| {
            (term.chars().count() >= matching.min_loanword_syllables)
                .then(|| hangul_lookup_key(term, &matching))
                .flatten()
        });
        let mut by_length: Vec<String> = by_sound.values().flatten().cloned().collect();
        by_length.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        by_length.dedup();
        let known = Some(open.known_terms().clone());
        let spelled_out = open.manifest.spelled_out.clone();
        let written_apart = open.manifest.written_apart.iter();
        let apart = written_apart.map(|w| (w.glued.clone(), (w.words.clone(), w.origin.clone()))).collect();
        let phrases_by_sound = phrases_by_sound(&open.manifest, &matching);
        Vocabulary {
            by_sound,
            by_length,
            hangul_by_sound,
            known,
            spelled_out,
            apart,
            phrases_by_sound,
            by_stem: OnceLock::new(),
            hangul_by_masked: OnceLock::new(),
            searcher: Some((searcher.clone(), *fields)),
            matching,
        }
    }

    /// The limits this vocabulary matches words within.
    pub fn matching(&self) -> &MatchingParams {
        &self.matching
    }

    /// The two words the notes also write a glued term as (`roundrobin` → `round`, `robin`),
    /// and where they first write them apart (`dns.md:7`).
    pub fn written_apart(&self, word: &str) -> Option<(&[String; 2], &str)> {
        self.apart.get(word).map(|(words, origin)| (words, origin.as_str()))
    }

    /// The notes' phrases an abbreviation they never write may stand for (`rf` → `replication
    /// factor`, `hll` → `hyperloglog`), each as its searched terms; none for words longer
    /// than an abbreviation or letters that spell many phrases. A phrase left with one short
    /// word once function words are dropped (`to be` → `be`) stands for nothing.
    pub fn spelled_out(&self, abbreviation: &str) -> Vec<Vec<String>> {
        let Some(phrases) = self.spelled_out.get(abbreviation) else {
            return Vec::new();
        };
        let searched = |phrase: &String| -> Vec<String> {
            let words = phrase.split(' ').filter(|word| !is_english_stopword(word));
            words.filter(|word| self.knows(word)).map(str::to_string).collect()
        };
        phrases
            .iter()
            .map(searched)
            .filter(|terms| {
                terms.len() > 1 || terms.first().is_some_and(|t| t.len() >= self.matching.min_spelled_out_word)
            })
            .collect()
    }

    /// Whether the notes contain `term` in a searched field (without an index, every word
    /// counts as known, so nothing is widened). Answered from the generation's term hashes: a
    /// word the notes lack counts as known only if its hash collides with a note word's, one
    /// chance in billions, and then it is merely not widened.
    pub fn knows(&self, term: &str) -> bool {
        self.known.as_ref().is_none_or(|known| known.may_hold(term))
    }

    /// The notes' English words that sound like the Hangul `word` (`아웃바운드` → `outbound`).
    /// Words without a vowel are acronyms, spelled out letter by letter (`grpc`, `ssh`), never
    /// borrowed by sound: `카프카` is not `grpc`.
    pub fn sounding_like(&self, word: &str) -> Vec<&str> {
        let Some(found) = hangul_lookup_key(word, &self.matching).and_then(|key| self.by_sound.get(&key)) else {
            return Vec::new();
        };
        found.iter().map(String::as_str).filter(|english| english.contains(['a', 'e', 'i', 'o', 'u', 'y'])).collect()
    }

    /// The notes' English terms of several words that sound like the Hangul `word` (`레이스컨디션`
    /// → `race condition`), each with where the notes write it, when their vowels agree (at
    /// least `matching.min_vowel_agreement`) and at most
    /// `matching.max_sound_alikes_of_known_pieces` do.
    pub fn phrases_sounding_like(&self, word: &str) -> Vec<(&[String], &str)> {
        let Some(found) = hangul_lookup_key(word, &self.matching).and_then(|key| self.phrases_by_sound.get(&key))
        else {
            return Vec::new();
        };
        let agreement = |(terms, _): &&(Vec<String>, String)| vowel_agreement(word, &terms.concat());
        let (min, max) = (self.matching.min_vowel_agreement, self.matching.max_sound_alikes_of_known_pieces);
        let agreeing = agreeing_best_by_vowels(found.iter().collect(), agreement, min, max);
        agreeing.into_iter().map(|(terms, origin)| (&terms[..], origin.as_str())).collect()
    }

    /// The notes' Hangul words that sound like an English `word` the notes do not contain
    /// (`service` → `서비스`), or like its singular; shorter English words have too many
    /// look-alikes (`find` and `이벤트` share a skeleton).
    pub fn hangul_sounding_like(&self, word: &str) -> Vec<String> {
        if word.len() < self.matching.min_fuzzy_len {
            return Vec::new();
        }
        let mut keys: Vec<String> =
            std::iter::once(word.to_string()).chain(singular_forms(word)).flat_map(|form| latin_keys(&form)).collect();
        keys.sort();
        keys.dedup();
        keys.iter().filter_map(|key| self.hangul_by_sound.get(key)).flatten().cloned().collect()
    }

    /// Like [`Vocabulary::hangul_sounding_like`], only the words whose vowels and consonants
    /// agree with `word` (`matching.min_vowel_agreement`,
    /// `min_consonant_agreement_of_unknown_words`): for an English word the notes lack.
    pub fn agreeing_hangul_sounding_like(&self, word: &str) -> Vec<String> {
        let m = &self.matching;
        let mut found = self.hangul_sounding_like(word);
        found.retain(|hangul| {
            vowel_agreement(hangul, word) >= m.min_vowel_agreement
                && consonant_agreement(hangul, word) >= m.min_consonant_agreement_of_unknown_words
        });
        found
    }

    /// Two words of the notes that make up a Latin `word` the notes lack (`autoscaling` →
    /// `auto` + `scaling`), each of three letters or more; the most even cut when several fit.
    pub fn split_in_two(&self, word: &str) -> Option<(String, String)> {
        let min_part = self.matching.min_split_part;
        if word.len() < 2 * min_part || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        most_even_cut(word.len(), min_part, |cut| self.knows(&word[..cut]) && self.knows(&word[cut..]))
            .map(|cut| (word[..cut].to_string(), word[cut..].to_string()))
    }

    /// Two words of the notes that make up a Hangul `word` (`카운팅소트` → `카운팅` +
    /// `소트`), each of `matching.min_recut_syllables` syllables or more; the most even cut
    /// when several fit.
    pub fn hangul_split_in_two(&self, word: &str) -> Option<(String, String)> {
        let syllables: Vec<char> = word.chars().collect();
        let min_part = self.matching.min_recut_syllables;
        let whole = syllables.len();
        if min_part == 0 || whole < 2 * min_part || !syllables.iter().all(|&c| is_hangul_syllable(c)) {
            return None;
        }
        let part = |from: usize, to: usize| syllables[from..to].iter().collect::<String>();
        most_even_cut(whole, min_part, |cut| self.knows(&part(0, cut)) && self.knows(&part(cut, whole)))
            .map(|cut| (part(0, cut), part(cut, whole)))
    }

    /// The singular the notes use for an English plural they do not contain (`snapshots` →
    /// `snapshot`, `AZs` → `az`).
    pub fn singular(&self, word: &str) -> Option<String> {
        singular_forms(word).find(|form| self.knows(form))
    }

    /// The notes' English words with the same stem as `word` (`caching` → `cache`, `indexes`
    /// → `index`, `indexing`), `word` itself aside: inflections the notes write differently
    /// from the question, found by the Snowball English stemmer rather than listed by hand.
    pub fn same_stem(&self, word: &str) -> Vec<String> {
        let min_len = self.matching.min_stemmed_len;
        if word.len() < min_len || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        let stemmer = Stemmer::create(Algorithm::English);
        let by_stem = self.by_stem.get_or_init(|| {
            let mut by_stem: FxHashMap<String, Vec<String>> = FxHashMap::default();
            let words =
                self.by_length.iter().filter(|w| w.len() >= min_len && w.bytes().all(|b| b.is_ascii_lowercase()));
            for known in words {
                by_stem.entry(stemmer.stem(known).into_owned()).or_default().push(known.clone());
            }
            by_stem
        });
        let stem = stemmer.stem(word).into_owned();
        let siblings = by_stem.get(&stem).into_iter().flatten();
        siblings.filter(|known| *known != word && inflections_of_one_word(word, known)).cloned().collect()
    }

    /// The notes' Hangul words one jamo away from a Hangul `word` they do not contain, with as
    /// many syllables (`자료구졸` → `자료구조`, `순희` → `순회`, `설게` → `설계`): the slips of
    /// typing Korean, found in the notes' own vocabulary. When several fit, those a slip of the
    /// keyboard would give are kept, if any (`문졔` is `문제` typed, not `문자`); a two-syllable
    /// word has many neighbours, so it is corrected only when exactly one remains.
    pub fn hangul_corrections(&self, word: &str) -> Vec<String> {
        let syllables: Vec<char> = word.chars().collect();
        if syllables.len() < 2 || !syllables.iter().all(|&c| is_hangul_syllable(c)) || self.knows(word) {
            return Vec::new();
        }
        let by_masked = self.hangul_by_masked.get_or_init(|| match &self.searcher {
            Some((searcher, fields)) => MaskedWords::new(searcher, fields),
            None => MaskedWords::default(),
        });
        let mut found: Vec<String> = (0..syllables.len())
            .flat_map(|at| by_masked.get(&masked(&syllables, at)))
            .filter(|known| one_jamo_apart(&syllables, known))
            .map(str::to_string)
            .collect();
        found.sort_unstable();
        found.dedup();
        let slips: Vec<String> = found.iter().filter(|known| typed_by_slip(&syllables, known)).cloned().collect();
        let found = if found.len() > 1 && !slips.is_empty() { slips } else { found };
        if syllables.len() == 2 && found.len() > 1 {
            return Vec::new();
        }
        found
    }

    /// The notes' other Hangul spellings of a loanword (`컬렉션` → `콜렉션`, `스케줄` →
    /// `스케쥴`): Hangul words of as many syllables, `matching.min_loanword_syllables` or more,
    /// with the same consonants in every syllable and vowels Korean interchanges in loanwords
    /// ([`spelled_alike`]).
    pub fn hangul_spellings(&self, word: &str) -> Vec<String> {
        if word.chars().count() < self.matching.min_loanword_syllables {
            return Vec::new();
        }
        let Some(key) = hangul_lookup_key(word, &self.matching) else {
            return Vec::new();
        };
        let candidates = self.hangul_by_sound.get(&key).into_iter().flatten();
        candidates.filter(|known| *known != word && spelled_alike(word, known)).cloned().collect()
    }

    /// The notes' English words that sound like a Hangul `word` and agree best with its vowels
    /// (at least `matching.min_vowel_agreement`), when at most
    /// `matching.max_sound_alikes_of_known_pieces` do: `디바운스` → `debounce`, not `defense`.
    pub fn distinct_sounding_like(&self, word: &str) -> Vec<&str> {
        let (min, max) = (self.matching.min_vowel_agreement, self.matching.max_sound_alikes_of_known_pieces);
        let agreement = |english: &&str| vowel_agreement(word, english);
        agreeing_best_by_vowels(self.sounding_like(word), agreement, min, max)
    }

    /// The notes' Hangul words that sound like an English `word`, pass `is_loanword` and agree
    /// best with it among those that do, by vowels (at least `matching.min_vowel_agreement`)
    /// and then by consonants, when at most `matching.max_sound_alikes_of_known_pieces` do:
    /// `promise` → `프로미스`, not `프로세스`; `process` → `프로세스`, not `브라우저`. A verb
    /// form that agrees as well (`고안된` for `container`) is passed over, so it neither stands
    /// for the word nor crowds out the loanword (`컨테이너`).
    pub fn distinct_hangul_sounding_like(&self, word: &str, is_loanword: impl Fn(&str) -> bool) -> Vec<String> {
        let (min, max) = (self.matching.min_vowel_agreement, self.matching.max_sound_alikes_of_known_pieces);
        let mut alikes: Vec<((f32, f32), String)> = self
            .hangul_sounding_like(word)
            .into_iter()
            .map(|hangul| ((vowel_agreement(&hangul, word), consonant_agreement(&hangul, word)), hangul))
            .filter(|((vowels, consonants), _)| *vowels >= min && *consonants >= self.matching.min_consonant_agreement)
            .collect();
        alikes.sort_by(|a, b| b.0 .0.total_cmp(&a.0 .0).then(b.0 .1.total_cmp(&a.0 .1)));
        for equally_agreeing in alikes.chunk_by(|a, b| a.0 == b.0) {
            let kept: Vec<String> =
                equally_agreeing.iter().filter(|(_, hangul)| is_loanword(hangul)).map(|(_, h)| h.clone()).collect();
            if !kept.is_empty() {
                return if kept.len() <= max { kept } else { Vec::new() };
            }
        }
        Vec::new()
    }

    /// A name glued to its version (`python3`, `vue3`, `html5`) as the notes write it without
    /// one, when they do; the name must keep three letters (`es6` is not `es`).
    pub fn without_version(&self, word: &str) -> Option<String> {
        let bare = word.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        if bare.len() == word.len() || !word.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let name = bare.strip_suffix(['v', '-', '_']).unwrap_or(bare);
        (name.len() >= 3 && name.bytes().all(|b| b.is_ascii_lowercase()) && self.knows(name)).then(|| name.to_string())
    }

    /// Note words one edit away from a Latin `word` the notes do not contain, two for long
    /// words; empty for short words.
    pub fn corrections(&self, word: &str) -> Vec<String> {
        let (min_len, two_edits_len) = (self.matching.min_fuzzy_len, self.matching.min_two_edits_len);
        if word.len() < min_len || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        let edits = if word.len() >= two_edits_len { 2 } else { 1 };
        let shortest = (word.len() - edits).max(word.len().min(two_edits_len) - 1);
        let from = self.by_length.partition_point(|known| known.len() < shortest);
        let to = self.by_length.partition_point(|known| known.len() <= word.len() + edits);
        let candidates = self.by_length[from..to.max(from)].iter();
        let mut found: Vec<String> = candidates.filter(|known| within_edits(word, known, edits)).cloned().collect();
        found.sort();
        found
    }
}

/// The notes' English terms of two to `matching.max_phrase_words` words, by the skeleton of
/// their words together: the English side of their translations, the abbreviations they spell
/// out, the words they write apart, and neighbouring English words of a section's own heading
/// (`## Race Condition`), which names what the section is about. Function words break a
/// loanword's sound (`as a service`), so a phrase with one is left out; so is one whose
/// skeleton is too short to tell.
fn phrases_by_sound(manifest: &Manifest, matching: &MatchingParams) -> FxHashMap<String, Vec<(Vec<String>, String)>> {
    let mut phrases: Vec<(String, String)> = Vec::new();
    phrases.extend(manifest.translations.iter().map(|t| (t.english.clone(), t.origin.clone())));
    phrases.extend(manifest.abbreviations.iter().map(|d| (d.long.clone(), d.origin.clone())));
    phrases.extend(manifest.written_apart.iter().map(|w| (w.words.join(" "), w.origin.clone())));
    for section in &manifest.sections {
        let heading = section.heading_path.last().map_or("", String::as_str);
        for pair in heading_word_pairs(heading) {
            phrases.push((pair, format!("{}:{}", section.source, section.lines.0)));
        }
    }
    let mut by_sound: FxHashMap<String, Vec<(Vec<String>, String)>> = FxHashMap::default();
    for (phrase, origin) in phrases {
        let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
        let plain = |word: &String| word.len() > 1 && word.bytes().all(|b| b.is_ascii_lowercase());
        if !(2..=matching.max_phrase_words).contains(&words.len())
            || !words.iter().all(plain)
            || words.iter().any(|w| is_english_stopword(w))
        {
            continue;
        }
        for key in phrase_keys(&words) {
            if key.len() <= matching.min_sound_consonants {
                continue;
            }
            let listed = by_sound.entry(key).or_default();
            if !listed.iter().any(|(terms, _)| *terms == words) {
                listed.push((words.clone(), origin.clone()));
            }
        }
    }
    by_sound
}

/// Neighbouring English words of a heading (`Race Condition`), lower-cased, joined by a space.
fn heading_word_pairs(heading: &str) -> Vec<String> {
    let words: Vec<&str> = heading.split(|c: char| !c.is_ascii_alphabetic() && c != ' ').collect();
    let mut pairs = Vec::new();
    for run in words {
        let run: Vec<String> = run.split(' ').filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
        for pair in run.windows(2) {
            pairs.push(pair.join(" "));
        }
    }
    pairs
}

/// Every skeleton of several words said together: each word's skeletons in turn (`th` may be
/// borrowed two ways in each), with repeats across a word boundary collapsed.
fn phrase_keys(words: &[String]) -> Vec<String> {
    let mut keys = vec![String::new()];
    for word in words {
        let word_keys = latin_keys(word);
        keys = keys.iter().flat_map(|key| word_keys.iter().map(move |more| format!("{key}{more}"))).collect();
    }
    keys.iter().map(|key| collapse(key)).collect()
}

/// Terms of the searched fields between `range` (bytes), listed under each skeleton `keys`
/// gives them.
fn by_skeleton<Keys: IntoIterator<Item = String>>(
    searcher: &Searcher,
    fields: &ChunkFields,
    range: (&str, &str),
    keys: impl Fn(&str) -> Keys,
) -> FxHashMap<String, Vec<String>> {
    let mut by_key: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        for field in fields.searched() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(range.0).lt(range.1).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                for key in keys(term) {
                    by_key.entry(key).or_default().push(term.to_string());
                }
            }
        }
    }
    by_key.values_mut().for_each(|words| {
        words.sort();
        words.dedup();
    });
    by_key
}

/// Whether `known` has the syllables of `typed` but for one, which differs in one jamo (its
/// initial, vowel or final consonant).
fn one_jamo_apart(typed: &[char], known: &str) -> bool {
    let mut differing = typed.iter().zip(known.chars()).filter(|(a, b)| **a != *b);
    let Some((&a, b)) = differing.next() else {
        return false;
    };
    if differing.next().is_some() || known.chars().count() != typed.len() {
        return false;
    }
    let (Some(a), Some(b)) = (jamo(a), jamo(b)) else {
        return false;
    };
    a.iter().zip(b).filter(|(x, y)| **x != *y).count() == 1
}

/// The notes' Hangul words of two syllables or more, under the hash of each of their
/// spellings with one syllable masked, sorted by it: a few bytes a key, where a map of strings
/// would hold a copy of every word per syllable. A hash may be shared; callers check the words.
#[derive(Clone, Default)]
struct MaskedWords {
    words: Vec<String>,
    keys: Vec<(u64, u32)>,
}

impl MaskedWords {
    fn new(searcher: &Searcher, fields: &ChunkFields) -> MaskedWords {
        let words = by_skeleton(searcher, fields, ("\u{AC00}", "\u{D7A4}"), |term| {
            let hangul = term.chars().count() >= 2 && term.chars().all(is_hangul_syllable);
            hangul.then(String::new)
        });
        let words: Vec<String> = words.into_values().flatten().collect();
        let mut keys = Vec::new();
        for (index, word) in words.iter().enumerate() {
            let syllables: Vec<char> = word.chars().collect();
            keys.extend((0..syllables.len()).map(|at| (hash(&masked(&syllables, at)), index as u32)));
        }
        keys.sort_unstable();
        MaskedWords { words, keys }
    }

    /// The words with the spelling `key` once a syllable is masked (and any sharing its hash).
    fn get(&self, key: &str) -> impl Iterator<Item = &str> {
        let key = hash(key);
        let from = self.keys.partition_point(|&(k, _)| k < key);
        let same = self.keys[from..].iter().take_while(move |&&(k, _)| k == key);
        same.map(|&(_, index)| self.words[index as usize].as_str())
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// `syllables` with the one at `at` masked (`자료*조`).
fn masked(syllables: &[char], at: usize) -> String {
    syllables.iter().enumerate().map(|(i, &c)| if i == at { '*' } else { c }).collect()
}

/// Whether the one syllable `typed` differs in from `known` is a slip of the keyboard for
/// `known`'s (see [`keyboard`]).
fn typed_by_slip(typed: &[char], known: &str) -> bool {
    let mut differing = typed.iter().zip(known.chars()).filter(|(a, b)| **a != *b);
    differing.next().is_some_and(|(&a, b)| keyboard::is_slip(a, b))
}

/// Where to cut something `len` units long in two, each part at least `min_part`, so that
/// `fits` the cut: the most even such cut, the later of two equally even ones.
fn most_even_cut(len: usize, min_part: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
    (min_part..=len.saturating_sub(min_part)).filter(|&cut| fits(cut)).max_by_key(|&cut| (cut.min(len - cut), cut))
}

/// The Snowball English stem of a lower-case Latin word long enough to stem, `None` otherwise.
/// Alias groups are indexed by stem when they are loaded, before any notes are, so they use the
/// built-in `matching.min_stemmed_len`.
pub(super) fn english_stem(word: &str) -> Option<String> {
    let min_len = MatchingParams::DEFAULT.min_stemmed_len;
    let stemmable = word.len() >= min_len && word.bytes().all(|b| b.is_ascii_lowercase());
    stemmable.then(|| Stemmer::create(Algorithm::English).stem(word).into_owned())
}

/// Whether two lower-case Latin words are inflections of one word by the stemmer's reckoning
/// (`support`, `supports`, `supported`): one entry of an alias group stands for all of them.
pub fn inflections_of_each_other(a: &str, b: &str) -> bool {
    a != b && english_stem(a).is_some_and(|stem| english_stem(b) == Some(stem)) && inflections_of_one_word(a, b)
}

/// Whether two words of one stem differ only by inflection (`cache`/`caching`/`cached`,
/// `index`/`indexes`, `map`/`mapping`), not by a derivation that changes the meaning
/// (`transit`/`transitive`, `general`/`generate`): the stemmer joins both kinds.
fn inflections_of_one_word(a: &str, b: &str) -> bool {
    const ENDINGS: [&str; 10] = ["", "e", "s", "es", "ed", "d", "ing", "ies", "y", "ied"];
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let ending = |word: &str| {
        let rest = &word[common..];
        // A doubled final consonant (`mapping`, `stopped`) belongs to the ending.
        let rest = match (word[..common].chars().last(), rest.chars().next()) {
            (Some(last), Some(first)) if last == first && !"aeiou".contains(last) => &rest[1..],
            _ => rest,
        };
        ENDINGS.contains(&rest)
    };
    ending(a) && ending(b)
}

/// Singulars an English plural may have: `-s`, `-ies` → `-y`, and `-es` after a hissing
/// sound (`boxes`, `patches`; `comes` is not `com`).
pub(super) fn singular_forms(word: &str) -> impl Iterator<Item = String> + '_ {
    let plural = word.len() >= 3 && word.ends_with('s') && !word.ends_with("ss") && word.is_ascii();
    let hissing = |stem: &&str| ["s", "x", "z", "ch", "sh"].iter().any(|end| stem.ends_with(end));
    let forms = [
        word.strip_suffix("ies").map(|stem| format!("{stem}y")),
        word.strip_suffix("es").filter(hissing).map(str::to_string),
        word.strip_suffix('s').map(str::to_string),
    ];
    forms.into_iter().flatten().filter(move |form| plural && form.len() >= 2)
}

/// Whether `a` becomes `b` by one insertion, deletion, substitution or swap of two neighbours
/// (`bcrpyt` for `bcrypt`, the commonest slip of fast typing) (ASCII): the common case,
/// checked in one pass.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let swapped = prefix + 1 < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short[prefix + 2..] == long[prefix + 2..];
        swapped || short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Longest word compared for typos; longer ones are identifiers, not misspellings.
const MAX_FUZZY_LEN: usize = 63;

/// Whether `a` becomes `b` by at most `edits` insertions, deletions, substitutions or swaps
/// of neighbours (ASCII; optimal string alignment on the stack, abandoned once a row exceeds
/// the budget: it runs for every note word of a similar length).
fn within_edits(a: &str, b: &str, edits: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > edits || b.len() > MAX_FUZZY_LEN {
        return false;
    }
    if edits <= 1 {
        return a == b || (edits == 1 && within_one_edit(a, b));
    }
    let mut rows = [[0usize; MAX_FUZZY_LEN + 1]; 3];
    rows[1].iter_mut().enumerate().for_each(|(j, distance)| *distance = j);
    for (i, &x) in a.iter().enumerate() {
        let [before, previous, current] = &mut rows;
        current[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(x != y);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && x == b[j - 1] && a[i - 1] == y {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        if current[..=b.len()].iter().all(|&distance| distance > edits) {
            return false;
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()] <= edits
}

#[cfg(test)]
mod tests {
    use super::{inflections_of_one_word, one_jamo_apart, singular_forms, within_edits};

    #[test]
    fn hangul_typos_are_one_jamo_apart() {
        let apart = |a: &str, b: &str| one_jamo_apart(&a.chars().collect::<Vec<_>>(), b);
        assert!(apart("자료구졸", "자료구조"));
        assert!(apart("순희", "순회"));
        assert!(apart("줄바굼", "줄바꿈"));
        assert!(!apart("자료구조", "자료구조"));
        assert!(!apart("배열", "배우"), "two jamo apart");
        assert!(!apart("스택", "큐택"), "one syllable apart in two jamo");
    }

    #[test]
    fn inflections_are_told_from_derivations() {
        assert!(inflections_of_one_word("caching", "cache"));
        assert!(inflections_of_one_word("indexes", "index"));
        assert!(inflections_of_one_word("mapping", "map"));
        assert!(inflections_of_one_word("studies", "studied"));
        assert!(!inflections_of_one_word("transitive", "transit"));
        assert!(!inflections_of_one_word("generation", "generate"));
    }

    #[test]
    fn plurals_lose_es_only_after_a_hissing_sound() {
        let forms = |word: &str| singular_forms(word).collect::<Vec<_>>();
        assert_eq!(forms("comes"), vec!["come"]);
        assert!(forms("boxes").contains(&"box".to_string()) && forms("patches").contains(&"patch".to_string()));
        assert!(forms("policies").contains(&"policy".to_string()));
        assert!(forms("class").is_empty());
    }

    #[test]
    fn one_edit() {
        assert!(within_edits("scaling", "scailing", 1));
        assert!(within_edits("cognito", "cognitor", 1));
        assert!(within_edits("kinesis", "kinesys", 1));
        assert!(within_edits("actuater", "actuator", 1));
        assert!(!within_edits("kinesis", "kinesis2x", 1));
        assert!(!within_edits("prewarm", "freewarm", 1));
        assert!(within_edits("bcrpyt", "bcrypt", 1), "two neighbours swapped");
        assert!(within_edits("rdis", "rdsi", 1) && !within_edits("abcd", "badc", 1));
    }

    #[test]
    fn two_edits() {
        assert!(within_edits("propagation", "propergation", 2));
        assert!(within_edits("prewarm", "freewarm", 2));
        assert!(!within_edits("propagation", "propergation", 1));
        assert!(!within_edits("compression", "composition", 2));
        assert!(within_edits("kuberentes", "kubernetse", 2), "two swaps");
        assert!(!within_edits("kuberentes", "kbuernetse", 2));
    }
}
