//! The wideners: rules that add other ways of writing a question's concepts, each a small unit
//! with a name, what it reads and what it adds, run in one ordered list (as a Lucene analysis
//! chain or charabia's normalizers are).
//!
//! Reading the question (`read::Reader`) makes the concepts and their typed forms, compound
//! parts and written forms, and reads a misspelt word as one concept with its corrections. Then [`WORD_WIDENERS`] widen each Latin word the notes do not
//! contain, as it is read, and [`QUESTION_WIDENERS`] run once over the whole question, in
//! order: the aliases come after the loanwords and spacing rules so a loanword's concepts are
//! already shown as the written word, and abbreviations are spelled out last, only where
//! nothing else widened them. Every variant records the [`Widener`] that made it.

use super::aliases::Aliases;
use super::params::WidenerWeights;
use super::query::{QueryPlan, Widener};
use super::vocabulary::Vocabulary;
use super::written::{ConceptSpan, WrittenWord};
use crate::analysis::{Analyzer, TermClass};

/// What the question wideners read: the question as written and as read, and the notes.
pub struct Context<'c> {
    /// The normalised question.
    pub(super) normalized: &'c str,
    /// Its Hangul words as written, particles aside.
    pub(super) written: &'c [WrittenWord],
    /// Where each concept was read.
    pub(super) spans: &'c [ConceptSpan],
    /// The nouns read, with their spans.
    pub(super) nouns: &'c [((usize, usize), usize)],
    /// The question's terms in order, for alias matching.
    pub(super) typed: &'c TypedTerms,
    /// The team's aliases, the glossary and the notes' own translations.
    pub(super) aliases: &'c Aliases,
    /// The notes' words.
    pub(super) vocabulary: &'c Vocabulary,
    /// What each kind of variant weighs.
    pub(super) weights: &'c WidenerWeights,
    /// The analysis, to tell a note word that is a noun from one read with a verb in it.
    pub(super) analyzer: &'c Analyzer,
    /// Written words already read as loanwords (their spans), for the wideners after.
    pub(super) loanwords: Vec<(usize, usize)>,
}

/// The question's terms in order (compound parts included, duplicates not), for alias
/// matching, with the concept each one belongs to.
#[derive(Default)]
pub(super) struct TypedTerms {
    pub(super) texts: Vec<String>,
    pub(super) concepts: Vec<usize>,
}

impl TypedTerms {
    pub(super) fn push(&mut self, text: String, concept: usize) {
        self.texts.push(text);
        self.concepts.push(concept);
    }

    /// Whether the terms `start..start + len` hold some parts of a compound word but neither
    /// the whole word nor all its parts (`보안` of `보안그룹`): an alias of such a piece is not
    /// another way of saying the word, and as its variant it would let any chunk saying
    /// `security` cover `보안그룹`. A word's whole term comes first, then its parts.
    pub(super) fn splits_a_word(&self, start: usize, len: usize) -> bool {
        let span = start..start + len;
        let mut concepts = self.concepts[span.clone()].to_vec();
        concepts.dedup();
        concepts.into_iter().any(|concept| {
            let mut terms = (0..self.concepts.len()).filter(|&i| self.concepts[i] == concept);
            let whole = terms.next();
            let parts: Vec<usize> = terms.collect();
            let covers_whole = whole.is_some_and(|i| span.contains(&i));
            !covers_whole && !parts.is_empty() && !parts.iter().all(|i| span.contains(i))
        })
    }
}

/// An alias group member, or a term the notes translate the word with, and its weight.
pub(super) fn alias_kind(translated: bool, weights: &WidenerWeights) -> (Widener, f32) {
    if translated {
        (Widener::Translation, weights.translation)
    } else {
        (Widener::Alias, weights.alias)
    }
}

/// Which wideners a plan runs, in their order.
#[derive(Clone, Copy)]
pub struct Wideners<'w> {
    /// Run once over the whole question.
    pub question: &'w [QuestionWidener],
    /// Run for each Latin word the notes do not contain.
    pub word: &'w [WordWidener],
}

impl Wideners<'static> {
    /// Every widener, in order.
    pub fn all() -> Wideners<'static> {
        Wideners { question: &QUESTION_WIDENERS, word: &WORD_WIDENERS }
    }
}

/// One rule over the whole question.
pub struct QuestionWidener {
    /// The rule's name, as the docs and the tests call it.
    pub name: &'static str,
    /// What it reads from the question and the notes.
    pub reads: &'static str,
    /// The kinds of variant it adds.
    pub adds: &'static [Widener],
    widen: fn(&mut QueryPlan, &mut Context<'_>),
}

/// One rule for a Latin word the notes do not contain: the other forms it finds, each a
/// variant of the word's concept at the rule's weight.
pub struct WordWidener {
    /// The rule's name.
    pub name: &'static str,
    /// The kind of variant it adds.
    pub adds: Widener,
    /// The forms it finds for a word (several terms when the notes write it in two).
    forms: fn(&str, &Vocabulary, &Analyzer) -> Vec<Vec<String>>,
    weight: fn(&WidenerWeights) -> f32,
}

/// The word wideners, in the order they run: a form one of them found is not added again.
pub static WORD_WIDENERS: [WordWidener; 6] = [
    // The singular the notes write for an English plural (`snapshots` → `snapshot`, `AZs` → `az`).
    WordWidener {
        name: "singulars",
        adds: Widener::Singular,
        forms: |word, vocabulary, _| single(vocabulary.singular(word)),
        weight: |w| w.singular,
    },
    // The notes' other inflections by the Snowball stemmer (`caching` → `cache`).
    WordWidener {
        name: "stems",
        adds: Widener::Stem,
        forms: |word, vocabulary, _| single(vocabulary.same_stem(word)),
        weight: |w| w.stem,
    },
    // A versioned name's bare name, as the notes write it (`python3` → `python`).
    WordWidener {
        name: "versions",
        adds: Widener::Version,
        forms: |word, vocabulary, _| single(vocabulary.without_version(word)),
        weight: |w| w.version,
    },
    // Note words one or two typing slips away (`scailing` → `scaling`).
    WordWidener {
        name: "corrections",
        adds: Widener::Correction,
        forms: |word, vocabulary, _| single(vocabulary.corrections(word)),
        weight: |w| w.correction,
    },
    // The notes' Hangul nouns that sound like the word, vowels and consonants alike
    // (`service` → `서비스`, not `pulumi` → `프레임`).
    WordWidener {
        name: "hangul loanwords",
        adds: Widener::Loanword,
        forms: |word, vocabulary, analyzer| {
            let forms = vocabulary.agreeing_hangul_sounding_like(word);
            single(forms.into_iter().filter(|form| is_nouns_only(analyzer, form)))
        },
        weight: |w| w.loanword,
    },
    // The word as the notes write it in two (`autoscaling` → `auto scaling`): both together.
    WordWidener {
        name: "splits",
        adds: Widener::Split,
        forms: |word, vocabulary, _| {
            vocabulary.split_in_two(word).map(|(left, right)| vec![left, right]).into_iter().collect()
        },
        weight: |w| w.split,
    },
];

/// The question wideners, in the order they run.
pub static QUESTION_WIDENERS: [QuestionWidener; 12] = [
    // Hangul words the dictionary cuts into pieces, read whole as the English loanword the
    // notes write (`디플로이먼트` → `deployment`).
    QuestionWidener {
        name: "loanwords",
        reads: "the question's Hangul words as written; the notes' English words by sound",
        adds: &[Widener::Loanword],
        widen: |plan, c| c.loanwords = plan.read_loanwords(c.written, c.spans, c.vocabulary, c.weights),
    },
    // Hangul loanwords the notes write and the dictionary cuts, read also as the English word
    // other notes write (`디바운스` → `debounce`), when its vowels single it out.
    QuestionWidener {
        name: "english of known loanwords",
        reads: "the question's Hangul words the notes write; the notes' English words by sound and vowels",
        adds: &[Widener::Loanword],
        widen: |plan, c| plan.add_english_of_known_loanwords(c.written, c.spans, c.vocabulary, c.weights),
    },
    // Hangul loanwords the notes also spell otherwise (`컬렉션` → `콜렉션`): nouns of the same
    // consonants whose vowels Korean interchanges in loanwords.
    QuestionWidener {
        name: "hangul spellings",
        reads: "the question's Hangul nouns as written; the notes' Hangul nouns of the same consonants",
        adds: &[Widener::Loanword],
        widen: |plan, c| plan.add_hangul_spellings(c.written, c.spans, c.vocabulary, c.analyzer, c.weights),
    },
    // English words the notes write that other notes write as a Hangul loanword (`promise` →
    // `프로미스`): the loanword, when its vowels single it out among the sound-alikes.
    QuestionWidener {
        name: "loanwords of known words",
        reads: "the question's English words the notes write; the notes' Hangul nouns by sound and vowels",
        adds: &[Widener::Loanword],
        widen: |plan, c| plan.add_loanwords_of_known_words(c.vocabulary, c.analyzer, c.weights),
    },
    // English words the notes write in other inflections too (`serialized`, `serialize`): those
    // inflections, as the stems widener finds them for a word the notes lack.
    QuestionWidener {
        name: "inflections of known words",
        reads: "the question's English words the notes write; the notes' words of the same stem",
        adds: &[Widener::Stem],
        widen: |plan, c| plan.add_inflections_of_known_words(c.vocabulary, c.weights),
    },
    // Nouns of one written word the notes lack as pieces, read as the English word that sounds
    // like the whole (`아웃바운드` → `outbound`).
    QuestionWidener {
        name: "written words",
        reads: "runs of nouns the question writes as one word; the notes' English words by sound",
        adds: &[Widener::Loanword],
        widen: |plan, c| plan.read_written_words(c.normalized, c.nouns, &c.loanwords, c.vocabulary, c.weights),
    },
    // Latin words written apart that the notes join (`tcp dump` → `tcpdump`, `write-through`).
    QuestionWidener {
        name: "spaced words",
        reads: "pairs of neighbouring Latin words; the notes' words",
        adds: &[Widener::Joined],
        widen: |plan, c| plan.read_spaced_words(c.normalized, c.spans, c.vocabulary, c.weights),
    },
    // Two Hangul words that are one loanword written apart (`워크 스페이스` → `workspace`).
    QuestionWidener {
        name: "spaced loanwords",
        reads: "pairs of neighbouring Hangul words; the notes' words, and their English words by sound",
        adds: &[Widener::Joined, Widener::Loanword],
        widen: |plan, c| plan.read_spaced_loanwords(c.normalized, c.written, c.spans, c.vocabulary, c.weights),
    },
    // Hangul words one jamo from a note word that reading did not make one concept (`보얀` →
    // `보안`).
    QuestionWidener {
        name: "hangul typos",
        reads: "the question's Hangul words as written; the notes' Hangul words of as many syllables",
        adds: &[Widener::Correction],
        widen: |plan, c| plan.correct_hangul_typos(c.written, c.spans, c.vocabulary, c.weights),
    },
    // The team's alias groups, the built-in glossary and the notes' own translations: every
    // other member of a group a run of the question's terms starts.
    QuestionWidener {
        name: "aliases and translations",
        reads: "the question's terms in order; the alias file, the glossary and the notes' `한글(English)` pairs",
        adds: &[Widener::Alias, Widener::Translation],
        widen: add_aliases,
    },
    // Abbreviations the notes never write and nothing else widened (`RF`): the notes' phrases
    // with those initials (`replication factor`). Last, as the aliases say what a team's
    // abbreviations stand for better than initials can.
    QuestionWidener {
        name: "abbreviations",
        reads: "Latin concepts with no variant yet; the notes' phrases by initials",
        adds: &[Widener::SpelledOut],
        widen: |plan, c| plan.spell_out_abbreviations(c.vocabulary, c.weights),
    },
    // Glued forms the notes also write as two words (`roundrobin` and `Round Robin`): the two
    // words, for every form found so far, typed or widened (`라운드로빈` → `roundrobin`).
    QuestionWidener {
        name: "words written apart",
        reads: "every single-word form searched so far; the notes' terms written both glued and apart",
        adds: &[Widener::Apart],
        widen: |plan, c| plan.add_written_apart(c.vocabulary, c.weights),
    },
];

impl QuestionWidener {
    /// Adds its variants to `plan`.
    pub(super) fn widen(&self, plan: &mut QueryPlan, context: &mut Context<'_>) {
        (self.widen)(plan, context);
    }
}

impl QueryPlan {
    /// English words of the question that the notes write, in the other inflections the notes
    /// also write (`serialized` → `serialize`, `capturing` → `capture`, `fields` → `field`), at
    /// `weights.stem`: one note writes the form the question does, the one that answers another,
    /// and the stems widener runs only for words the notes lack.
    pub(super) fn add_inflections_of_known_words(&mut self, vocabulary: &Vocabulary, weights: &WidenerWeights) {
        self.widen_known_latin(vocabulary, weights.stem, Widener::Stem, |word| vocabulary.same_stem(word));
    }

    /// Adds `forms` of every Latin concept the notes know as its variants at `weight`: the
    /// counterpart of [`QueryPlan::widen_unknown_latin`] for words the notes write.
    pub(super) fn widen_known_latin(
        &mut self,
        vocabulary: &Vocabulary,
        weight: f32,
        kind: Widener,
        forms: impl Fn(&str) -> Vec<String>,
    ) {
        for concept in 0..self.concepts.len() {
            let word = &self.concepts[concept];
            if word.class != TermClass::Latin || !vocabulary.knows(&word.text) {
                continue;
            }
            for form in forms(&word.text) {
                self.add_variant(&form, weight, concept, kind);
            }
        }
    }

    /// Runs `wideners` over a Latin word the notes do not contain, read as `concept`.
    pub(super) fn widen_unknown_latin(
        &mut self,
        word: &str,
        concept: usize,
        vocabulary: &Vocabulary,
        analyzer: &Analyzer,
        weights: &WidenerWeights,
        wideners: &[WordWidener],
    ) {
        for widener in wideners {
            let weight = (widener.weight)(weights);
            for terms in (widener.forms)(word, vocabulary, analyzer) {
                match &terms[..] {
                    [form] => self.add_variant(form, weight, concept, widener.adds),
                    _ => self.add_terms_variant(terms, weight, concept, widener.adds),
                }
            }
        }
    }
}

/// Whether the analysis reads a note word as nouns only: a note word read with a verb in it
/// (`살아있어요`, `돌릴때`) only shares consonants with an English word (`thread`), however alike
/// their skeletons.
pub(super) fn is_nouns_only(analyzer: &Analyzer, form: &str) -> bool {
    analyzer.analyze(form).iter().all(|t| t.class == TermClass::Noun) && no_predicate(analyzer, form)
}

/// Whether the dictionary reads no verb, ending or particle in `word`: `할때` is `할` (a verb
/// and its ending) and `때`, `프로파일에` a noun and its particle, while a loanword it does not
/// know is cut into pieces of any other kind (`카운팅` into an interjection, a noun and an
/// adverb). The analysis drops those pieces, so only the dictionary's own reading tells.
pub(super) fn no_predicate(analyzer: &Analyzer, word: &str) -> bool {
    let predicate = |tag: &str| tag.starts_with(['V', 'E', 'J']) || tag == "XSV" || tag == "XSA";
    analyzer.morphemes(word).iter().all(|(_, tags, _)| !tags.split('+').any(predicate))
}

/// One form per item, as a single-term variant.
fn single(forms: impl IntoIterator<Item = String>) -> Vec<Vec<String>> {
    forms.into_iter().map(|form| vec![form]).collect()
}

/// Every other member of the alias groups (and translations) a run of the question's terms
/// starts, for each concept of the run; not for a run holding only part of a compound word.
fn add_aliases(plan: &mut QueryPlan, c: &mut Context<'_>) {
    for found in c.aliases.find_widened(&c.typed.texts, c.vocabulary) {
        if c.typed.splits_a_word(found.start, found.len) {
            continue;
        }
        let mut spanned: Vec<usize> = c.typed.concepts[found.start..found.start + found.len].to_vec();
        spanned.dedup();
        for (alternative, origin) in found.alternatives.into_iter().zip(found.origins) {
            for &concept in &spanned {
                let (widener, weight) = alias_kind(origin.is_some(), c.weights);
                plan.add_terms_variant_from(alternative.clone(), weight, concept, widener, origin.clone());
            }
        }
    }
}
