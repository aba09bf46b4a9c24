//! From a question to weighted terms grouped into concepts, and from those to scored clauses.
//!
//! A concept is one thing the question asks about: a word as typed plus its variants (alias
//! group members, typo corrections). Variants widen recall at a lower weight; coverage counts
//! a concept as found when any of its variants is.

use super::aliases::{Aliases, MisreadWord};
use super::frequencies::FieldFrequencies;
use super::params::{CoverageParams, Ranking, RankingParams, SearchedField, WidenerWeights};
use super::scoring::Clause;
use super::vocabulary::Vocabulary;
use super::written::{written_words, ConceptSpan};
use crate::analysis::{is_english_frame_word, normalize, Analyzer, Term as AnalysedTerm, TermClass};

/// A question rarely needs more distinct concepts than this; the rest is noise or abuse. Not a
/// ranking knob: it bounds the work per question and keeps concepts within coverage's 64-bit sets.
const MAX_TERMS: usize = 48;

/// One distinct term to search, with its weight and the concept it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// Analysed term text.
    pub text: String,
    /// Relative weight; variants weigh less than typed words.
    pub weight: f32,
    /// Index into [`QueryPlan::concepts`].
    pub concept: usize,
}

/// Something the question asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The term as typed.
    pub text: String,
    /// The written word the term is part of (`쿠버네티스` for the pieces `쿠`, `버네`, `티스`
    /// the dictionary cuts it into), for telling people which words were not found.
    pub word: String,
    /// Noun, verb, Latin word or number.
    pub class: TermClass,
}

impl Concept {
    /// How much the concept says about the topic: names and nouns more than numbers, numbers
    /// more than verbs (`search.weights.coverage`).
    pub fn importance(&self, weights: &CoverageParams) -> f32 {
        match self.class {
            _ if self.is_frame_word() => weights.frame_word,
            TermClass::Noun | TermClass::Latin => weights.noun,
            TermClass::Number => weights.number,
            TermClass::Verb => weights.verb,
        }
    }

    /// An English word questions are framed with (`exactly`, `difference`).
    pub fn is_frame_word(&self) -> bool {
        self.class == TermClass::Latin && is_english_frame_word(&self.text)
    }

    /// A name or a noun: what a question is about, rather than what it asks of it.
    pub fn is_topic_word(&self) -> bool {
        matches!(self.class, TermClass::Noun | TermClass::Latin) && !self.is_frame_word()
    }
}

/// The analysed question, ready to run.
#[derive(Debug, Clone, Default)]
pub struct QueryPlan {
    /// Distinct terms to search.
    pub terms: Vec<QueryTerm>,
    /// The question's concepts, in order.
    pub concepts: Vec<Concept>,
    /// Ways a chunk can contain a concept: the typed term, a correction, or an alias
    /// alternative, which counts only when all of its terms are present.
    pub variants: Vec<Variant>,
}

/// One way of expressing a concept.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Index into [`QueryPlan::concepts`].
    pub concept: usize,
    /// Terms that must all be present (one for a word, several for `network load balancer`).
    pub terms: Vec<String>,
    /// The rule that added it.
    pub widener: Widener,
    /// Where the notes write it as a translation of the question's word (`os.md:12`).
    pub origin: Option<String>,
}

/// The rule that added a variant to a question, named by `--explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Widener {
    /// The word as the question writes it.
    Typed,
    /// The written word, particle aside, where the dictionary cut it (`웨비나`).
    WrittenForm,
    /// A compound's parts together (`보안 그룹` for `보안그룹`).
    Parts,
    /// The team's alias file or the built-in glossary.
    Alias,
    /// A term the notes themselves write in the other language (`교착상태(Deadlock)`).
    Translation,
    /// The singular the notes write (`snapshots` → `snapshot`).
    Singular,
    /// Another inflection the notes write (`caching` → `cache`).
    Stem,
    /// A versioned name's bare name (`python3` → `python`).
    Version,
    /// A note word one or two typing slips away (`scailing` → `scaling`).
    Correction,
    /// A word in the other script that sounds like it (`아웃바운드` ↔ `outbound`).
    Loanword,
    /// The words the question writes apart, joined as the notes write them (`tcp dump`).
    Joined,
    /// A Latin word split in two as the notes write it (`autoscaling` → `auto scaling`).
    Split,
    /// The notes' phrase an abbreviation's initials spell (`rf` → `replication factor`).
    SpelledOut,
}

impl Widener {
    /// Whether the variant says the same thing in other words, as the team or the notes
    /// translate it, rather than the typed word in another spelling or sound.
    pub fn is_translation(self) -> bool {
        matches!(self, Widener::Alias | Widener::Translation | Widener::SpelledOut)
    }
}

/// What widens a question beyond its own words.
#[derive(Debug, Clone, Copy)]
pub struct Expansions<'a> {
    /// Team-defined equivalent terms.
    pub aliases: &'a Aliases,
    /// Known Latin words, for typo correction.
    pub vocabulary: &'a Vocabulary,
    /// What each widening weighs.
    pub params: &'a RankingParams,
}

/// The question's terms in order (compound parts included, duplicates not), for alias
/// matching, with the concept each one belongs to.
#[derive(Default)]
struct TypedTerms {
    texts: Vec<String>,
    concepts: Vec<usize>,
}

impl TypedTerms {
    fn push(&mut self, text: String, concept: usize) {
        self.texts.push(text);
        self.concepts.push(concept);
    }

    /// Whether the terms `start..start + len` hold some parts of a compound word but neither
    /// the whole word nor all its parts (`보안` of `보안그룹`): an alias of such a piece is not
    /// another way of saying the word, and as its variant it would let any chunk saying
    /// `security` cover `보안그룹`. A word's whole term comes first, then its parts.
    fn splits_a_word(&self, start: usize, len: usize) -> bool {
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

/// The compound word being read (its concept) and its parts seen so far.
#[derive(Default)]
struct CompoundParts {
    whole: Option<usize>,
    parts: Vec<String>,
}

/// Reads a question's terms into a plan, one at a time: which concept each term starts or
/// belongs to, and the widenings that need the whole question (written words, aliases).
struct Reader<'a> {
    plan: QueryPlan,
    analyzer: &'a Analyzer,
    expansions: Expansions<'a>,
    /// Alias entries the dictionary cut differently in this question, and whether each is in.
    misread: Vec<MisreadWord>,
    misread_added: Vec<bool>,
    typed: TypedTerms,
    compound: CompoundParts,
    /// Nouns with their spans, for reading whole written words.
    nouns: Vec<((usize, usize), usize)>,
    /// Every concept's span, for finding the concepts inside a written word.
    concept_spans: Vec<ConceptSpan>,
    /// The last word was one asked about already: its parts are skipped too.
    repeated_word: bool,
}

impl<'a> Reader<'a> {
    fn new(analyzer: &'a Analyzer, expansions: Expansions<'a>, misread: Vec<MisreadWord>) -> Reader<'a> {
        Reader {
            plan: QueryPlan::default(),
            analyzer,
            expansions,
            misread_added: vec![false; misread.len()],
            misread,
            typed: TypedTerms::default(),
            compound: CompoundParts::default(),
            nouns: Vec::new(),
            concept_spans: Vec::new(),
            repeated_word: false,
        }
    }

    fn weights(&self) -> WidenerWeights {
        self.expansions.params.wideners
    }

    /// Takes one analysed term; `false` once the plan holds as many concepts as it may.
    fn read(&mut self, term: AnalysedTerm) -> bool {
        if term.written_form {
            self.add_written_form(term);
            return true;
        }
        if let Some(index) = self.misread.iter().position(|word| word.spans(term.offset)) {
            self.add_misread(index);
            return true;
        }
        if term.compound_part && self.repeated_word {
            return true; // a part of a word asked about already
        }
        self.repeated_word = false;
        if let Some(concept) = self.compound.whole.filter(|_| term.compound_part) {
            self.plan.add(&term.text, self.weights().part, concept);
            self.compound.parts.push(term.text.clone());
            self.typed.push(term.text, concept);
            return true;
        }
        self.plan.add_parts_variant(&mut self.compound);
        if self.plan.concepts.len() >= MAX_TERMS {
            return false;
        }
        if self.plan.concepts.iter().any(|c| c.text == term.text) {
            self.repeated_word = true;
            return true;
        }
        self.add_concept(term);
        true
    }

    /// A word as written, particle aside, is a variant of every concept read from it: a chunk
    /// that writes `웨비나` holds both pieces the question's `웨비나` was cut into (`웨`, `비나`),
    /// even where the particle rule took its last syllable (`나`) for one.
    fn add_written_form(&mut self, term: AnalysedTerm) {
        let (start, end) = term.offset;
        let inside: Vec<usize> =
            self.concept_spans.iter().filter(|s| s.start < end && s.end > start).map(|s| s.concept).collect();
        let weight = self.weights().written_form;
        for concept in inside {
            self.plan.add_variant(&term.text, weight, concept, Widener::WrittenForm);
        }
    }

    fn add_misread(&mut self, index: usize) {
        self.plan.add_parts_variant(&mut self.compound);
        if !self.misread_added[index] && self.plan.concepts.len() < MAX_TERMS {
            self.plan.add_misread_word(&self.misread[index], &self.weights());
            self.misread_added[index] = true;
        }
    }

    fn add_concept(&mut self, term: AnalysedTerm) {
        let plan = &mut self.plan;
        let concept = plan.concepts.len();
        plan.concepts.push(Concept { text: term.text.clone(), word: term.text.clone(), class: term.class });
        plan.add(&term.text, 1.0, concept);
        plan.variants.push(Variant { concept, terms: vec![term.text.clone()], widener: Widener::Typed, origin: None });
        self.concept_spans.push(ConceptSpan { start: term.offset.0, end: term.offset.1, concept });
        let vocabulary = self.expansions.vocabulary;
        if term.class == TermClass::Latin && !vocabulary.knows(&term.text) {
            let weights = self.expansions.params.wideners;
            plan.widen_unknown_latin(&term.text, concept, vocabulary, self.analyzer, &weights);
        }
        self.compound = CompoundParts { whole: Some(concept), parts: Vec::new() };
        if term.class == TermClass::Noun {
            self.nouns.push((term.offset, concept));
        }
        self.typed.push(term.text, concept);
    }

    /// Closes the last word and adds the widenings that need the whole question.
    fn finish(mut self, normalized: &str) -> QueryPlan {
        self.plan.add_parts_variant(&mut self.compound);
        let (vocabulary, weights) = (self.expansions.vocabulary, &self.expansions.params.wideners);
        let written = written_words(normalized);
        let loanwords = self.plan.read_loanwords(&written, &self.concept_spans, vocabulary, weights);
        self.plan.read_written_words(normalized, &self.nouns, &loanwords, vocabulary, weights);
        self.plan.read_spaced_words(normalized, &self.concept_spans, vocabulary, weights);
        self.plan.read_spaced_loanwords(normalized, &written, &self.concept_spans, vocabulary, weights);
        self.plan.correct_hangul_typos(&written, &self.concept_spans, vocabulary, weights);
        for found in self.expansions.aliases.find_widened(&self.typed.texts, vocabulary) {
            if self.typed.splits_a_word(found.start, found.len) {
                continue;
            }
            let mut spanned: Vec<usize> = self.typed.concepts[found.start..found.start + found.len].to_vec();
            spanned.dedup();
            for (alternative, origin) in found.alternatives.into_iter().zip(found.origins) {
                for &concept in &spanned {
                    let (widener, weight) = alias_kind(origin.is_some(), weights);
                    self.plan.add_terms_variant_from(alternative.clone(), weight, concept, widener, origin.clone());
                }
            }
        }
        self.plan.spell_out_abbreviations(vocabulary, weights);
        self.plan
    }
}

/// An alias group member, or a term the notes translate the word with, and its weight.
fn alias_kind(translated: bool, weights: &WidenerWeights) -> (Widener, f32) {
    if translated {
        (Widener::Translation, weights.translation)
    } else {
        (Widener::Alias, weights.alias)
    }
}

impl QueryPlan {
    /// Analyses `question` (already bounded in length) into concepts and weighted terms.
    pub fn build(analyzer: &Analyzer, question: &str, expansions: Expansions<'_>) -> QueryPlan {
        let normalized = normalize(question);
        let terms = analyzer.analyze_cased(question, &normalized);
        let misread = expansions.aliases.misread_words_widened(&normalized, &terms, expansions.vocabulary);
        let mut reader = Reader::new(analyzer, expansions, misread);
        for term in terms {
            if !reader.read(term) {
                break;
            }
        }
        reader.finish(&normalized)
    }

    /// A word the analysis misread, as one concept: its own entry's terms and its group's
    /// other alternatives, instead of the pieces the dictionary cut it into.
    fn add_misread_word(&mut self, word: &MisreadWord, weights: &WidenerWeights) {
        let concept = self.concepts.len();
        self.concepts.push(Concept { text: word.text.clone(), word: word.text.clone(), class: TermClass::Noun });
        for terms in &word.own {
            self.add_terms_variant(terms.clone(), 1.0, concept, Widener::Typed);
        }
        for (terms, origin) in word.alternatives.iter().zip(&word.origins) {
            let (widener, weight) = alias_kind(origin.is_some(), weights);
            self.add_terms_variant_from(terms.clone(), weight, concept, widener, origin.clone());
        }
    }

    /// Other spellings of a Latin word the notes do not contain: its singular, typo
    /// corrections, and Hangul loanwords that sound like it. A loanword is a noun: a note word
    /// the dictionary reads with a verb in it (`살아있어요`, `돌릴때`) only shares consonants
    /// with the English word (`thread`), however alike their skeletons.
    fn widen_unknown_latin(
        &mut self,
        word: &str,
        concept: usize,
        vocabulary: &Vocabulary,
        analyzer: &Analyzer,
        weights: &WidenerWeights,
    ) {
        let singular = vocabulary.singular(word).map(|form| (form, weights.singular, Widener::Singular));
        // A stem sibling that is the singular is already there: add_variant keeps one of each form.
        let stems = vocabulary.same_stem(word).into_iter().map(|form| (form, weights.stem, Widener::Stem));
        let singular = singular.into_iter().chain(stems);
        let versionless = vocabulary.without_version(word).map(|form| (form, weights.version, Widener::Version));
        let singular = singular.chain(versionless);
        let corrections =
            vocabulary.corrections(word).into_iter().map(|form| (form, weights.correction, Widener::Correction));
        let nouns_only = |form: &String| analyzer.analyze(form).iter().all(|t| t.class == TermClass::Noun);
        let loanwords = vocabulary.hangul_sounding_like(word).into_iter().filter(nouns_only);
        let loanwords = loanwords.map(|form| (form, weights.loanword, Widener::Loanword));
        for (form, weight, widener) in singular.chain(corrections).chain(loanwords) {
            self.add_variant(&form, weight, concept, widener);
        }
        self.split_joined_word(word, concept, vocabulary, weights);
    }

    /// Abbreviations the notes never write and nothing else widened (`RF`): the notes'
    /// phrases with those initials (`replication factor`) are variants. Run after the
    /// aliases, which say what a team's abbreviations stand for better than initials can.
    fn spell_out_abbreviations(&mut self, vocabulary: &Vocabulary, weights: &WidenerWeights) {
        for concept in 0..self.concepts.len() {
            let word = &self.concepts[concept];
            let alone = self.variants.iter().filter(|v| v.concept == concept).nth(1).is_none();
            if word.class != TermClass::Latin || !alone || vocabulary.knows(&word.text) {
                continue;
            }
            for terms in vocabulary.spelled_out(&word.text) {
                self.add_terms_variant(terms, weights.spelled_out, concept, Widener::SpelledOut);
            }
        }
    }

    /// A compound's parts together are one more way to say the compound (`보안 그룹`).
    fn add_parts_variant(&mut self, compound: &mut CompoundParts) {
        if let Some(concept) = compound.whole.take() {
            if compound.parts.len() > 1 {
                let terms = std::mem::take(&mut compound.parts);
                self.variants.push(Variant { concept, terms, widener: Widener::Parts, origin: None });
            }
        }
        compound.parts.clear();
    }

    /// A plan of the question's own words only (no aliases, no corrections), compound parts
    /// weighted by the default [`RankingParams`].
    pub fn from_question(analyzer: &Analyzer, question: &str) -> QueryPlan {
        Self::own_words(analyzer, question, &RankingParams::default())
    }

    /// A plan of the question's own words only, compound parts weighted by `params`.
    pub fn own_words(analyzer: &Analyzer, question: &str, params: &RankingParams) -> QueryPlan {
        let (aliases, vocabulary) = (Aliases::default(), Vocabulary::default());
        Self::build(analyzer, question, Expansions { aliases: &aliases, vocabulary: &vocabulary, params })
    }

    pub(super) fn add(&mut self, text: &str, weight: f32, concept: usize) {
        if let Some(existing) = self.terms.iter_mut().find(|t| t.text == text) {
            existing.weight = existing.weight.max(weight);
            return;
        }
        self.terms.push(QueryTerm { text: text.to_string(), weight, concept });
    }

    /// No searchable terms (only particles, punctuation or stop words).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every term in every searched field that contains it, weighted per field and term.
    /// Pairs the index does not contain are left out: they cannot match. So are variants most
    /// chunks contain (`https` for `링크`): they barely tell chunks apart and have the longest
    /// postings to score; coverage still counts them.
    pub(super) fn clauses(
        &self,
        frequencies: &FieldFrequencies,
        ranking: Ranking,
        params: &RankingParams,
    ) -> Vec<Clause<'_>> {
        let weighted: Vec<(SearchedField, f32)> = match ranking {
            Ranking::Notebot => SearchedField::ALL.iter().map(|&field| (field, params.fields.of(field))).collect(),
            Ranking::Bm25 => vec![(SearchedField::Heading, 1.0), (SearchedField::Body, 1.0)],
        };
        let weights = &params.wideners;
        let scored = self.terms.iter().filter(|t| t.weight >= 1.0 || !is_common(frequencies, &t.text, weights));
        scored
            .flat_map(|term| {
                weighted
                    .iter()
                    .filter(|&&(field, _)| frequencies.in_field(&term.text, field) > 0)
                    .map(|&(field, boost)| Clause { text: &term.text, field, boost: boost * term.weight })
            })
            .collect()
    }
}

/// Whether a variant is in so many chunks that scoring it costs more than it tells.
fn is_common(frequencies: &FieldFrequencies, text: &str, weights: &WidenerWeights) -> bool {
    let chunks = frequencies.most(text);
    chunks > weights.common_min_chunks && chunks as f32 > weights.common_share * frequencies.docs() as f32
}
