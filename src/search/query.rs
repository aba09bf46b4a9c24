//! From a question to weighted terms grouped into concepts, and from those to scored clauses.
//!
//! A concept is one thing the question asks about: a word as typed plus its variants (alias
//! group members, typo corrections). Variants widen recall at a lower weight; coverage counts
//! a concept as found when any of its variants is.

use super::aliases::Aliases;
use super::frequencies::FieldFrequencies;
use super::params::{CoverageParams, Ranking, RankingParams, SearchedField, WidenerWeights};
use super::scoring::Clause;
use super::vocabulary::Vocabulary;
use crate::analysis::{is_english_frame_word, TermClass};
use crate::lexicon::List;

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
    /// The question's distinct Hangul syllable bigrams, searched in the bigram field.
    pub grams: Vec<QueryGram>,
}

/// One of a question's syllable bigrams.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryGram {
    /// Two Hangul syllables.
    pub text: String,
    /// Its share of the written word (or words) it comes from: a word's bigrams weigh one word
    /// together, so a long word does not count once per pair of its syllables.
    pub weight: f32,
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
    /// Where the notes write it as a translation of the question's word, or apart as the
    /// question writes it glued (`os.md:12`).
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
    /// A glued form of the word as the two words the notes also write it as (`roundrobin` →
    /// `round robin`).
    Apart,
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

impl QueryPlan {
    /// Abbreviations the notes never write and nothing else widened (`RF`): the notes'
    /// phrases with those initials (`replication factor`) are variants. Run after the
    /// aliases, which say what a team's abbreviations stand for better than initials can.
    pub(super) fn spell_out_abbreviations(&mut self, vocabulary: &Vocabulary, weights: &WidenerWeights) {
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

    /// For every single-word form of a concept the notes also write as two words
    /// (`roundrobin`, `Round Robin`), those two words together, at `weights.apart` or, if lower,
    /// the form's weight (a loanword's guess stays a guess; a term's weight is the highest it
    /// has in the question). Not for a form joined from the question's own words (`round robin`
    /// → `roundrobin`), which would only give them back.
    pub(super) fn add_written_apart(&mut self, vocabulary: &Vocabulary, weights: &WidenerWeights) {
        let mut spaced: Vec<(usize, Vec<String>, f32, String)> = Vec::new();
        for variant in self.variants.iter().filter(|v| v.widener != Widener::Joined) {
            let [form] = &variant.terms[..] else {
                continue;
            };
            let Some((words, origin)) = vocabulary.written_apart(form) else {
                continue;
            };
            let weight = self.terms.iter().find(|t| t.text == *form).map_or(0.0, |t| t.weight).min(weights.apart);
            spaced.push((variant.concept, words.to_vec(), weight, origin.to_string()));
        }
        for (concept, words, weight, origin) in spaced {
            let known = self.variants.iter().any(|v| v.concept == concept && v.terms == words);
            if !known && weight > 0.0 {
                self.add_terms_variant_from(words, weight, concept, Widener::Apart, Some(origin));
            }
        }
    }

    /// Several terms that together are one more way to say `concept` (`replication factor`
    /// for `RF`): each is searched at `weight`, and a chunk covers the concept when it holds
    /// them all.
    pub(super) fn add_terms_variant(&mut self, terms: Vec<String>, weight: f32, concept: usize, widener: Widener) {
        self.add_terms_variant_from(terms, weight, concept, widener, None);
    }

    /// Like [`QueryPlan::add_terms_variant`], naming where the notes write it (`os.md:12`).
    pub(super) fn add_terms_variant_from(
        &mut self,
        terms: Vec<String>,
        weight: f32,
        concept: usize,
        widener: Widener,
        origin: Option<String>,
    ) {
        terms.iter().for_each(|term| self.add(term, weight, concept));
        self.variants.push(Variant { concept, terms, widener, origin });
    }

    /// Several terms that together are one more way to say `concept`, once, with where the
    /// notes write them if they teach them (`os.md:12`).
    pub(super) fn add_distinct_terms_variant(
        &mut self,
        terms: Vec<String>,
        weight: f32,
        concept: usize,
        widener: Widener,
        origin: Option<String>,
    ) {
        if !self.variants.iter().any(|v| v.concept == concept && v.terms == terms) {
            self.add_terms_variant_from(terms, weight, concept, widener, origin);
        }
    }

    /// `form` as a variant of `concept`, once.
    pub(super) fn add_variant(&mut self, form: &str, weight: f32, concept: usize, widener: Widener) {
        self.add_distinct_terms_variant(vec![form.to_string()], weight, concept, widener, None);
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

    /// Whether the question asks for a link (`링크`, `page`): a reference list may answer it.
    pub fn asks_for_a_link(&self) -> bool {
        self.concepts.iter().any(|concept| List::LinkWords.contains(&concept.text))
    }

    /// Every term in every searched field that contains it, weighted per field and term.
    /// Pairs the index does not contain are left out: they cannot match. So are variants most
    /// chunks contain (`https` for `링크`), and the question's own words in a field nearly every
    /// chunk holds them in, unless nothing else would be left to score: they barely tell chunks
    /// apart and have the longest postings to score; coverage still counts them. Plain BM25
    /// scores every word it is given.
    pub(super) fn clauses(
        &self,
        frequencies: &FieldFrequencies,
        ranking: Ranking,
        params: &RankingParams,
    ) -> Vec<Clause<'_>> {
        let skips_everywhere = ranking == Ranking::Notebot;
        let clauses = self.clauses_skipping(frequencies, ranking, params, skips_everywhere);
        if clauses.is_empty() && skips_everywhere {
            return self.clauses_skipping(frequencies, ranking, params, false);
        }
        clauses
    }

    fn clauses_skipping(
        &self,
        frequencies: &FieldFrequencies,
        ranking: Ranking,
        params: &RankingParams,
        skips_everywhere: bool,
    ) -> Vec<Clause<'_>> {
        let weighted: Vec<(SearchedField, f32)> = match ranking {
            Ranking::Notebot => SearchedField::WORDS.iter().map(|&field| (field, params.fields.of(field))).collect(),
            Ranking::Bm25 => vec![(SearchedField::Heading, 1.0), (SearchedField::Body, 1.0)],
        };
        let weights = &params.wideners;
        let scored = self
            .terms
            .iter()
            .filter(|t| t.weight >= 1.0 || !is_common(frequencies.most(&t.text), frequencies, weights));
        let words = scored.flat_map(|term| {
            weighted
                .iter()
                .filter(|&&(field, _)| {
                    let chunks = frequencies.in_field(&term.text, field);
                    let everywhere =
                        skips_everywhere && term.weight >= 1.0 && is_everywhere(chunks, frequencies, weights);
                    chunks > 0 && !everywhere
                })
                .map(|&(field, boost)| Clause { text: &term.text, field, boost: boost * term.weight })
        });
        let grams_boost = match ranking {
            Ranking::Notebot => params.fields.grams,
            Ranking::Bm25 => 0.0,
        };
        let grams = self.grams.iter().filter(|_| grams_boost > 0.0).filter(|gram| {
            let chunks = frequencies.in_field(&gram.text, SearchedField::Grams);
            chunks > 0 && !is_common(chunks, frequencies, weights)
        });
        let grams = grams.map(|gram| Clause {
            text: &gram.text,
            field: SearchedField::Grams,
            boost: grams_boost * gram.weight,
        });
        words.chain(grams).collect()
    }
}

/// Whether a word as typed is in so many chunks of a field (`chunks`) that scoring it there
/// costs more than it tells.
fn is_everywhere(chunks: u64, frequencies: &FieldFrequencies, weights: &WidenerWeights) -> bool {
    chunks > weights.common_min_chunks && chunks as f32 > weights.common_typed_share * frequencies.docs() as f32
}

/// Whether a variant or bigram in `chunks` chunks is in so many that scoring it costs more
/// than it tells.
fn is_common(chunks: u64, frequencies: &FieldFrequencies, weights: &WidenerWeights) -> bool {
    chunks > weights.common_min_chunks && chunks as f32 > weights.common_share * frequencies.docs() as f32
}
