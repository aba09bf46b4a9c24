//! Reading a question into a plan: its concepts, the terms typed for each, compound parts and
//! written forms, then the wideners (`widen`) in their order.

use rustc_hash::FxHashMap;

use super::aliases::{Aliases, MisreadWord};
use super::params::{RankingParams, WidenerWeights};
use super::query::{Concept, Expansions, QueryGram, QueryPlan, Variant, Widener};
use super::vocabulary::Vocabulary;
use super::widen::{alias_kind, Context, TypedTerms, Wideners};
use super::written::{recuts, typos, written_words, ConceptSpan, Recut, Typo};
use crate::analysis::{normalize, normalized_bigrams, Analyzer, Term as AnalysedTerm, TermClass};

/// A question rarely needs more distinct concepts than this; the rest is noise or abuse. Not a
/// ranking knob: it bounds the work per question and keeps concepts within coverage's 64-bit sets.
const MAX_TERMS: usize = 48;
/// Bigrams searched per question, for the same reason.
const MAX_GRAMS: usize = 64;
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
    /// Misspelt words, each read as one concept, and whether each is in.
    typos: Vec<Typo>,
    typos_added: Vec<bool>,
    /// Words cut as the notes write them, and whether each is in.
    recuts: Vec<Recut>,
    recuts_added: Vec<bool>,
    typed: TypedTerms,
    compound: CompoundParts,
    /// Nouns with their spans, for reading whole written words.
    nouns: Vec<((usize, usize), usize)>,
    /// Every concept's span, for finding the concepts inside a written word.
    concept_spans: Vec<ConceptSpan>,
    /// The last word was one asked about already: its parts are skipped too.
    repeated_word: bool,
    /// The wideners this plan runs (all of them but in tests).
    wideners: Wideners<'a>,
}

impl<'a> Reader<'a> {
    fn new(
        analyzer: &'a Analyzer,
        expansions: Expansions<'a>,
        misread: Vec<MisreadWord>,
        typos: Vec<Typo>,
        recuts: Vec<Recut>,
        wideners: Wideners<'a>,
    ) -> Reader<'a> {
        Reader {
            wideners,
            recuts_added: vec![false; recuts.len()],
            recuts,
            typos_added: vec![false; typos.len()],
            typos,
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
        if let Some(index) = self.typos.iter().position(|typo| typo.spans(term.offset)) {
            self.add_typo(index);
            return true;
        }
        if let Some(index) = self.recuts.iter().position(|recut| recut.spans(term.offset)) {
            return self.add_recut(index);
        }
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

    /// A misspelt word as one concept: the word as typed, which the notes never write, and the
    /// note words it is a slip of at `wideners.correction`.
    fn add_typo(&mut self, index: usize) {
        self.plan.add_parts_variant(&mut self.compound);
        self.repeated_word = false;
        let typo = &self.typos[index];
        let asked_already = self.plan.concepts.iter().any(|concept| concept.text == typo.text);
        if self.typos_added[index] || asked_already || self.plan.concepts.len() >= MAX_TERMS {
            return;
        }
        self.typos_added[index] = true;
        let plan = &mut self.plan;
        let concept = plan.concepts.len();
        plan.concepts.push(Concept { text: typo.text.clone(), word: typo.text.clone(), class: TermClass::Noun });
        plan.add(&typo.text, 1.0, concept);
        plan.variants.push(Variant { concept, terms: vec![typo.text.clone()], widener: Widener::Typed, origin: None });
        let weights = self.expansions.params.wideners;
        for form in &typo.corrections {
            plan.add_variant(form, weights.correction, concept, Widener::Correction);
            // The correction as the notes' sentences read it: a word written apart there
            // (`멤버 변수`, `고정 소수점`) holds its words or its compound's parts, not the form.
            let analysed = self.analyzer.analyze(form);
            let (parts, words): (Vec<AnalysedTerm>, Vec<AnalysedTerm>) =
                analysed.into_iter().filter(|term| !term.written_form).partition(|term| term.compound_part);
            let words: Vec<String> = words.into_iter().map(|term| term.text).collect();
            if !words.is_empty() && words[..] != [form.as_str()] {
                plan.add_distinct_terms_variant(words, weights.correction, concept, Widener::Correction, None);
            }
            if parts.len() > 1 {
                let parts = parts.into_iter().map(|term| term.text).collect();
                plan.add_distinct_terms_variant(
                    parts,
                    weights.correction.min(weights.part),
                    concept,
                    Widener::Correction,
                    None,
                );
            }
        }
        self.concept_spans.push(ConceptSpan { start: typo.start, end: typo.end, concept });
        self.typed.push(typo.text.clone(), concept);
    }

    /// A word cut as the notes write it: each of its two words a concept, read as the notes
    /// read it, and shown as the word written. `false` once the plan holds as many concepts as
    /// it may.
    fn add_recut(&mut self, index: usize) -> bool {
        self.plan.add_parts_variant(&mut self.compound);
        self.repeated_word = false;
        if self.recuts_added[index] {
            return true;
        }
        self.recuts_added[index] = true;
        let recut = &self.recuts[index];
        let (start, end, word) = (recut.start, recut.end, recut.text.clone());
        for part in recut.parts.clone() {
            if self.plan.concepts.len() >= MAX_TERMS {
                return false;
            }
            if self.plan.concepts.iter().any(|concept| concept.text == part) {
                continue;
            }
            let plan = &mut self.plan;
            let concept = plan.concepts.len();
            plan.concepts.push(Concept { text: part.clone(), word: word.clone(), class: TermClass::Noun });
            plan.add(&part, 1.0, concept);
            plan.variants.push(Variant { concept, terms: vec![part.clone()], widener: Widener::Typed, origin: None });
            let vocabulary = self.expansions.vocabulary;
            if vocabulary.knows(&word) {
                plan.add_variant(&word, self.expansions.params.wideners.written_form, concept, Widener::WrittenForm);
            }
            for english in Recut::sound_alikes(vocabulary, &part) {
                plan.add_variant(english, self.expansions.params.wideners.loanword, concept, Widener::Loanword);
            }
            self.concept_spans.push(ConceptSpan { start, end, concept });
            self.typed.push(part, concept);
        }
        true
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
            plan.widen_unknown_latin(&term.text, concept, vocabulary, self.analyzer, &weights, self.wideners.word);
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
        let written = written_words(normalized);
        let mut context = Context {
            normalized,
            written: &written,
            spans: &self.concept_spans,
            nouns: &self.nouns,
            typed: &self.typed,
            aliases: self.expansions.aliases,
            vocabulary: self.expansions.vocabulary,
            weights: &self.expansions.params.wideners,
            analyzer: self.analyzer,
            loanwords: Vec::new(),
        };
        for widener in self.wideners.question {
            widener.widen(&mut self.plan, &mut context);
        }
        self.plan.grams = content_bigrams(normalized, &self.concept_spans);
        self.plan
    }
}

/// The question's distinct syllable bigrams that touch a word it asks about, first first: those
/// of its endings and question words (`뭐야`, `어떻게`) would only match how notes phrase
/// things. Each weighs its share of the written word it starts in, so a word's bigrams together
/// weigh one word and a long word does not count once per pair of its syllables.
fn content_bigrams(normalized: &str, spans: &[ConceptSpan]) -> Vec<QueryGram> {
    let spaces: Vec<usize> = normalized.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i).collect();
    let word_of = |start: usize| spaces.partition_point(|&space| space < start);
    let kept: Vec<(String, usize)> = normalized_bigrams(normalized)
        .into_iter()
        .filter(|(_, (start, end))| spans.iter().any(|span| span.start < *end && *start < span.end))
        .map(|(gram, (start, _))| (gram, word_of(start)))
        .collect();
    let mut per_word: FxHashMap<usize, f32> = FxHashMap::default();
    for (_, word) in &kept {
        *per_word.entry(*word).or_default() += 1.0;
    }
    let mut grams: Vec<QueryGram> = Vec::new();
    for (text, word) in kept {
        let weight = 1.0 / per_word[&word];
        if let Some(gram) = grams.iter_mut().find(|g| g.text == text) {
            gram.weight = (gram.weight + weight).min(1.0);
        } else if grams.len() < MAX_GRAMS {
            grams.push(QueryGram { text, weight });
        }
    }
    grams
}

impl QueryPlan {
    /// Analyses `question` (already bounded in length) into concepts and weighted terms.
    pub fn build(analyzer: &Analyzer, question: &str, expansions: Expansions<'_>) -> QueryPlan {
        Self::build_with(analyzer, question, expansions, Wideners::all())
    }

    /// Like [`QueryPlan::build`], running only `wideners` (to test each alone).
    pub fn build_with(
        analyzer: &Analyzer,
        question: &str,
        expansions: Expansions<'_>,
        wideners: Wideners<'_>,
    ) -> QueryPlan {
        let normalized = normalize(question);
        let terms = analyzer.analyze_cased(question, &normalized);
        let misread = expansions.aliases.misread_words_widened(&normalized, &terms, expansions.vocabulary);
        let mut typos = typos(&normalized, &terms, expansions.vocabulary);
        // An alias entry the dictionary misread is a word the team wrote down, not a slip.
        typos.retain(|typo| !misread.iter().any(|word| word.span.0 < typo.end && typo.start < word.span.1));
        let mut recuts = recuts(&normalized, &terms, expansions.vocabulary, analyzer);
        recuts.retain(|recut| {
            let overlaps = |start: usize, end: usize| start < recut.end && recut.start < end;
            !misread.iter().any(|word| overlaps(word.span.0, word.span.1))
                && !typos.iter().any(|typo| overlaps(typo.start, typo.end))
        });
        let mut reader = Reader::new(analyzer, expansions, misread, typos, recuts, wideners);
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
}
