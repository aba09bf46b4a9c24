//! Every weight and threshold that decides how chunks are ranked and when the best one is an
//! answer, in one struct: `[search.weights]` of `config/default.toml`, so a maintainer can try a
//! value with `notebot eval` without recompiling. `docs/ranking.md` names each of them with its
//! default (a test keeps the two in step).

use serde::{Deserialize, Serialize};

use super::MAX_HITS;

/// The fields a question is searched in: the three word fields, in the order of
/// [`crate::index::ChunkFields::searched`], then the syllable-bigram field and the lead field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchedField {
    /// The chunk's heading path (`Overview › VPC › NACL`).
    Heading,
    /// The question of a Q&A pair.
    Question,
    /// The chunk's text.
    Body,
    /// Hangul syllable bigrams of heading, question and text (`analysis::grams`): searched with
    /// the question's own bigrams, not its words, and never counted as covering a concept.
    Grams,
    /// The chunk's own heading and first line: what it says it is about. Never scored by
    /// BM25; coverage re-ranking reads which concepts it holds (`coverage.lead`).
    Lead,
}

impl SearchedField {
    /// The fields a question's words are searched in, in index order.
    pub const WORDS: [SearchedField; 3] = [SearchedField::Heading, SearchedField::Question, SearchedField::Body];

    /// Position among [`crate::index::ChunkFields::searched`] then the bigram field (and
    /// per-field arrays).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How chunks are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ranking {
    /// Field boosts, aliases, typo corrections and coverage re-ranking.
    Notebot,
    /// Plain BM25 over heading and body, the baseline notebot is compared with.
    Bm25,
}

/// Every ranking weight and threshold (`[search.weights]`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankingParams {
    /// How much a term found in each field counts.
    pub fields: FieldBoosts,
    /// Tantivy's BM25 constants, which the hand-computed scores must share with Tantivy.
    pub bm25: Bm25Params,
    /// What each widening of the question weighs, relative to a typed word (1).
    pub wideners: WidenerWeights,
    /// Length and look-alike limits that decide which note words a question's word may be
    /// matched to (typos, sounds, stems, splits).
    pub matching: MatchingParams,
    /// How coverage weighs the question's words and re-ranks BM25's candidates.
    pub coverage: CoverageParams,
    /// When the best hit is presented as the answer.
    pub abstention: AbstentionParams,
    /// Which of the best hits are cited together, as one passage of a note.
    pub passages: PassageParams,
}

/// `[search.weights.fields]`: field boosts of the `notebot` ranking (`bm25` weighs heading and
/// body alike and skips the question field).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FieldBoosts {
    /// A heading names what the whole section is about, so a term there says more than in one
    /// line of text.
    pub heading: f32,
    /// A Q&A pair's question is the question a note's author expected: a match there is the
    /// strongest sign of an answer.
    pub question: f32,
    /// The chunk's text, the reference weight.
    pub body: f32,
    /// The question's Hangul syllable bigrams in the chunk's: a weaker, spelling-level sign
    /// that lets a word the dictionary cut differently in the question and the note still
    /// count. A question word's bigrams weigh one word together, times this.
    pub grams: f32,
}

impl Default for FieldBoosts {
    fn default() -> FieldBoosts {
        FieldBoosts { heading: 1.2, question: 2.0, body: 1.0, grams: 0.2 }
    }
}

impl FieldBoosts {
    /// The boost of `field`.
    pub fn of(&self, field: SearchedField) -> f32 {
        match field {
            SearchedField::Heading => self.heading,
            SearchedField::Question => self.question,
            SearchedField::Body => self.body,
            SearchedField::Grams => self.grams,
            SearchedField::Lead => 0.0,
        }
    }
}

/// `[search.weights.bm25]`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bm25Params {
    /// Term-frequency saturation: how little a term's tenth repetition adds. Tantivy's value,
    /// so `tests/it/ranking.rs` can check the scores against Tantivy's own queries.
    pub k1: f32,
    /// Length normalisation (0: none, 1: full): a long chunk that mentions a term once is about
    /// it less than a short one. Tantivy's value.
    pub b: f32,
}

impl Default for Bm25Params {
    fn default() -> Bm25Params {
        Bm25Params { k1: 1.2, b: 0.75 }
    }
}

/// `[search.weights.wideners]`: each widening weighs less than the word typed, so a chunk
/// with the question's own words wins over one with only another spelling of them.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WidenerWeights {
    /// A member of the word's alias group (team alias file, built-in glossary): the same thing
    /// in other words, but not the word asked.
    pub alias: f32,
    /// A term the notes gloss in the other language (`교착상태(Deadlock)`): an alias the notes
    /// define themselves.
    pub translation: f32,
    /// A note word one or two typing slips away (`scailing`, `자료구조` for `자료구졸`): likely
    /// meant, but a guess.
    pub correction: f32,
    /// A word in the other script that sounds like it (`아웃바운드` ↔ `outbound`): a guess
    /// from consonants.
    pub loanword: f32,
    /// The notes' phrase an abbreviation's initials spell (`rf` → `replication factor`).
    pub spelled_out: f32,
    /// The singular the notes write for a plural they lack (`snapshots` → `snapshot`): the
    /// same word, nearly.
    pub singular: f32,
    /// Another inflection the notes write of an English word, whether they lack it (`caching` →
    /// `cache`) or write it too (`serialized` → `serialize`).
    pub stem: f32,
    /// A versioned name's bare name (`python3` → `python`).
    pub version: f32,
    /// The word as written, particle aside, where the dictionary cut it into pieces (`웨비나`).
    pub written_form: f32,
    /// English words written apart that the notes write as one (`tcp dump` → `tcpdump`).
    pub joined: f32,
    /// Each word of an unknown English word the notes write as two (`autoscaling` → `auto` +
    /// `scaling`): each is only half the word.
    pub split: f32,
    /// The two words a glued form of the question (typed or widened) is also written as in the
    /// notes (`roundrobin` → `round robin`, where the notes write both): the same term, spaced
    /// differently. At most the weight of the form it spaces.
    pub apart: f32,
    /// A compound's part (`게이트` of `게이트웨이`): lets spacing variants match without
    /// counting one word three times.
    pub part: f32,
    /// A widened form or compound part in more than this share of the chunks is not scored
    /// (coverage still counts it): it barely tells chunks apart and has the longest postings.
    pub common_share: f32,
    /// …once that share is more than this many chunks: only long postings cost enough to matter.
    pub common_min_chunks: u64,
    /// A word as the question writes it is not scored in a field where more than this share of
    /// the chunks hold it (the note's title in every heading path, `AWS` over an AWS note), once
    /// that is more than `common_min_chunks`: its BM25 weight there is next to nothing, and its
    /// postings are the longest of the question. Coverage still counts it.
    pub common_typed_share: f32,
}

impl Default for WidenerWeights {
    fn default() -> WidenerWeights {
        WidenerWeights {
            alias: 0.7,
            translation: 0.7,
            correction: 0.6,
            loanword: 0.6,
            spelled_out: 0.7,
            singular: 0.9,
            stem: 0.8,
            version: 0.8,
            written_form: 0.8,
            joined: 0.8,
            split: 0.5,
            apart: 0.8,
            part: 0.5,
            common_share: 0.3,
            common_min_chunks: 1_000,
            common_typed_share: 0.9,
        }
    }
}

/// `[search.weights.matching]`: which note words a question's word may be matched to. Short
/// words have too many neighbours by spelling or sound to widen safely.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchingParams {
    /// Shortest Latin word corrected for typos or matched to Hangul loanwords by sound
    /// (letters): shorter words have too many neighbours one edit away.
    pub min_fuzzy_len: usize,
    /// Latin words this long are also corrected two edits away (`propagation` ↔
    /// `propergation`): a long word has few neighbours even that far.
    pub min_two_edits_len: usize,
    /// Shortest English word matched to other inflections by its stem: the stemmer would join
    /// `use`/`used`/`user` sized words whose forms mean different things.
    pub min_stemmed_len: usize,
    /// Shortest part a Latin word is split into: two-letter words (`in`, `on`) fit almost
    /// anywhere.
    pub min_split_part: usize,
    /// Shortest part a Hangul word the notes never write is cut into where the notes write
    /// both parts (`카운팅소트` → `카운팅` + `소트`) and the dictionary cut it otherwise
    /// (`카`, `운`, `팅`, `소트`): one syllable is a word almost anywhere. 0 turns it off.
    pub min_recut_syllables: usize,
    /// Most words of an English term the notes write (a translation, an abbreviation spelled
    /// out, a heading's neighbouring words: `race condition`) that a Hangul loanword of several
    /// words is matched to by sound (`레이스 컨디션`, `레이스컨디션`). 0 or 1 turns it off.
    pub max_phrase_words: usize,
    /// An abbreviation's phrase reduced to one word shorter than this (`to be` → `be`) spells
    /// out nothing.
    pub min_spelled_out_word: usize,
    /// Fewest syllables of a Hangul loanword matched by sound: most two-syllable nouns are
    /// native or Sino-Korean (`발급` sounds like `vlookup`). Read when the index is opened.
    pub min_loanword_syllables: usize,
    /// A Hangul word that sounds like more English note words than this is read as none of
    /// them (`앱스토어` sounds like `best`, `burst`, `fast` and `post`)…
    pub max_sound_alikes: usize,
    /// …unless at most that many of them agree best with its vowels, and at least this well
    /// (the share of vowels that agree, 0 to 1): `버저닝` sounds like `versioning`, `parsing`,
    /// `passing` and four more, but only `versioning` has its vowels. Fewer sound-alikes must
    /// agree this well too (`키클락` is `keycloak`, not `clock`). 0 admits every sound-alike.
    pub min_vowel_agreement: f32,
    /// An English word the notes write is matched to a Hangul loanword other notes write only
    /// if their consonants agree at least this well in voicing and aspiration, and in whether
    /// the word opens with a vowel (the share that agrees, 0 to 1): `install` is not `인자들`,
    /// `access` not `캐시`. 0 admits every sound-alike.
    pub min_consonant_agreement: f32,
    /// The same for an English word the notes lack, which reaches them only through its
    /// loanwords, so fewer must agree (`series` is `시리즈`, its last `s` a `z`), with its vowels
    /// at `min_vowel_agreement` or more: `pulumi` is not `프레임`, `solidity` not `슬라이드`.
    pub min_consonant_agreement_of_unknown_words: f32,
    /// When the notes know every piece of a written word, it is read as a loanword only if at
    /// most this many English words sound like it (and an English word the notes write is
    /// matched to the Hangul loanwords other notes write for it only if at most this many agree
    /// best with its vowels)…
    pub max_sound_alikes_of_known_pieces: usize,
    /// …and only if its sound has this many consonants (`인그레스`: n-k-l-s).
    pub min_skeleton_of_known_pieces: usize,
    /// Fewest consonants of a Hangul word's sound (its skeleton, `아웃바운드` → `tpnt`) for it
    /// to be matched by sound at all: shorter skeletons (`맵` → `mp`) match too many words.
    pub min_sound_consonants: usize,
    /// The same for a two-syllable word, which needs one more: native words that short
    /// (`판교` → `pnk`, like `png`) would otherwise find English look-alikes.
    pub min_short_word_sound_consonants: usize,
}

impl Default for MatchingParams {
    fn default() -> MatchingParams {
        MatchingParams::DEFAULT
    }
}

impl MatchingParams {
    /// The shipped limits, also used where no settings are at hand (alias groups are stemmed
    /// when they load, before any notes are).
    pub const DEFAULT: MatchingParams = MatchingParams {
        min_fuzzy_len: 5,
        min_two_edits_len: 9,
        min_stemmed_len: 4,
        min_split_part: 3,
        min_recut_syllables: 2,
        max_phrase_words: 3,
        min_spelled_out_word: 6,
        min_loanword_syllables: 3,
        max_sound_alikes: 3,
        min_vowel_agreement: 0.65,
        min_consonant_agreement: 0.75,
        min_consonant_agreement_of_unknown_words: 0.66,
        max_sound_alikes_of_known_pieces: 2,
        min_skeleton_of_known_pieces: 4,
        min_sound_consonants: 3,
        min_short_word_sound_consonants: 4,
    };
}

/// `[search.weights.coverage]`: coverage is the share of the question's concepts a chunk
/// holds, each weighted by rarity (IDF) times its word class's weight.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoverageParams {
    /// Nouns and names: what a question is about.
    pub noun: f32,
    /// Numbers: they tell a topic apart (`Cloud 9`) but rarely name it.
    pub number: f32,
    /// Verbs: what the question asks of its topic.
    pub verb: f32,
    /// English words questions are framed with (`exactly`, `use`); one the notes never use
    /// weighs nothing.
    pub frame_word: f32,
    /// Share of its BM25 score a chunk keeps however little of the question it covers, so
    /// BM25 still orders chunks that cover nothing.
    pub rerank_floor: f32,
    /// Share of its score a chunk gains when its lead (its own heading and first line) holds
    /// all of the question's words as typed, in proportion to the share it holds: an item's
    /// label or a paragraph's opening sentence says what it is about, a word further down may
    /// be an aside.
    pub lead: f32,
    /// Share of its score a chunk loses when it is mostly links (at least `links_min_share`
    /// of its visible text is link labels and addresses) and the question asks for no link: a
    /// reference list names its topic in its links' titles but explains nothing.
    pub links: f32,
    /// The share of link text that makes a chunk a reference list for `links`.
    pub links_min_share: f32,
    /// How much more a concept weighs when ordering candidates the fewer of the best ones
    /// hold it: up to `1 + candidate_rarity` times for one none of them holds. Of the
    /// sections of one note that all hold its topic, the one holding what the question asks
    /// of it leads. Applied only when the best candidate covers enough to answer; coverage
    /// shown and compared with `abstention.min_coverage` is still the plain share of whichever
    /// chunk then leads. 0 turns it off.
    pub candidate_rarity: f32,
    /// How many of the best candidates (by the score before it) `candidate_rarity` counts in;
    /// at least 2, since one candidate tells nothing apart.
    pub candidate_rarity_depth: usize,
}

impl Default for CoverageParams {
    fn default() -> CoverageParams {
        CoverageParams {
            noun: 1.0,
            number: 0.6,
            verb: 0.35,
            frame_word: 0.35,
            rerank_floor: 0.1,
            lead: 0.2,
            links: 0.5,
            links_min_share: 0.6,
            candidate_rarity: 2.0,
            candidate_rarity_depth: 10,
        }
    }
}

/// `[search.weights.abstention]`: when the best hit answers.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AbstentionParams {
    /// Share (0..1) of the question's weighted concepts the best hit must cover to be
    /// presented as the answer; calibrated on the tuning sets (docs/quality.md).
    pub min_coverage: f32,
    /// Hits after the first that a how-many question may be answered from when the first
    /// states no number.
    pub number_search_depth: usize,
    /// Such a later hit leads when it covers at least this share of what the first covers
    /// (shares as ranked, rarity among candidates included).
    pub number_hit_min_coverage: f32,
}

impl Default for AbstentionParams {
    fn default() -> AbstentionParams {
        AbstentionParams { min_coverage: 0.25, number_search_depth: 5, number_hit_min_coverage: 0.8 }
    }
}

/// `[search.weights.passages]`: hits that are neighbours in one note cited as one passage.
/// Chunks are cut small so that a citation points at the lines that answer; but an answer
/// often runs over two of them (a list and the sub-heading's items below it, a definition and
/// the paragraph that follows), and when both are among the best hits a person should read
/// them together.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PassageParams {
    /// How many of the best hits may be joined: each takes in those of them that lie next to
    /// it. 0 or 1 joins none.
    pub depth: usize,
    /// Most lines between two hits (blank lines, a heading, a line no hit holds) that still make
    /// them neighbours.
    pub max_gap: u32,
    /// Longest passage, in lines, that joined hits may make.
    pub max_lines: u32,
    /// Share of the passage's best score a neighbour must reach to join it: in a short note
    /// every chunk is among the best few and next to another, but those that hardly match
    /// (the other section, the link list) are no part of the answer.
    pub min_score: f32,
    /// The share a neighbour off the hit's branch (a heading path that is not the start of the
    /// other's: a sibling section or item) must reach: only when the ranking can hardly tell
    /// which of them answers is it shown with the hit; otherwise it is another topic
    /// (`write-back` next to the asked `write-through`).
    pub sibling_min_score: f32,
}

impl Default for PassageParams {
    fn default() -> PassageParams {
        PassageParams { depth: 4, max_gap: 3, max_lines: 20, min_score: 0.1, sibling_min_score: 0.5 }
    }
}

impl RankingParams {
    /// Checks every value's range; the error names the key under `[search.weights]` and what
    /// it must be.
    pub fn validate(&self) -> Result<(), String> {
        let share = |key: &str, value: f32| check(key, value, (0.0..=1.0).contains(&value), "between 0 and 1");
        let positive = |key: &str, value: f32| {
            check(key, value, value.is_finite() && value > 0.0 && value <= 100.0, "above 0 and at most 100")
        };
        let f = &self.fields;
        positive("fields.heading", f.heading)?;
        positive("fields.question", f.question)?;
        positive("fields.body", f.body)?;
        check("fields.grams", f.grams, f.grams.is_finite() && (0.0..=100.0).contains(&f.grams), "0 (off) to 100")?;
        check("bm25.k1", self.bm25.k1, self.bm25.k1.is_finite() && self.bm25.k1 >= 0.0, "0 or more")?;
        share("bm25.b", self.bm25.b)?;
        let w = &self.wideners;
        let weights = [
            ("alias", w.alias),
            ("translation", w.translation),
            ("correction", w.correction),
            ("loanword", w.loanword),
            ("spelled_out", w.spelled_out),
            ("singular", w.singular),
            ("stem", w.stem),
            ("version", w.version),
            ("written_form", w.written_form),
            ("joined", w.joined),
            ("split", w.split),
            ("apart", w.apart),
            ("part", w.part),
            ("common_share", w.common_share),
            ("common_typed_share", w.common_typed_share),
        ];
        for (key, value) in weights {
            share(&format!("wideners.{key}"), value)?;
        }
        let m = &self.matching;
        let at_least = |key: &str, value: usize, min: usize| {
            check(key, value, value >= min, &format!("a whole number of at least {min}"))
        };
        at_least("matching.min_fuzzy_len", m.min_fuzzy_len, 3)?;
        at_least("matching.min_two_edits_len", m.min_two_edits_len, m.min_fuzzy_len)?;
        at_least("matching.min_stemmed_len", m.min_stemmed_len, 1)?;
        at_least("matching.min_split_part", m.min_split_part, 1)?;
        at_least("matching.min_spelled_out_word", m.min_spelled_out_word, 1)?;
        at_least("matching.min_loanword_syllables", m.min_loanword_syllables, 2)?;
        at_least("matching.min_skeleton_of_known_pieces", m.min_skeleton_of_known_pieces, 1)?;
        at_least("matching.min_sound_consonants", m.min_sound_consonants, 1)?;
        at_least("matching.min_short_word_sound_consonants", m.min_short_word_sound_consonants, 1)?;
        check(
            "matching.min_vowel_agreement",
            m.min_vowel_agreement,
            m.min_vowel_agreement.is_finite() && m.min_vowel_agreement >= 0.0,
            "a number of at least 0",
        )?;
        for (key, value) in [
            ("matching.min_consonant_agreement", m.min_consonant_agreement),
            ("matching.min_consonant_agreement_of_unknown_words", m.min_consonant_agreement_of_unknown_words),
        ] {
            check(key, value, value.is_finite() && value >= 0.0, "a number of at least 0")?;
        }
        let c = &self.coverage;
        for (key, value) in [
            ("noun", c.noun),
            ("number", c.number),
            ("verb", c.verb),
            ("frame_word", c.frame_word),
            ("rerank_floor", c.rerank_floor),
            ("lead", c.lead),
            ("links", c.links),
            ("links_min_share", c.links_min_share),
        ] {
            share(&format!("coverage.{key}"), value)?;
        }
        check(
            "coverage.candidate_rarity",
            c.candidate_rarity,
            (0.0..=100.0).contains(&c.candidate_rarity),
            "a number from 0 (off) to 100",
        )?;
        check(
            "coverage.candidate_rarity_depth",
            c.candidate_rarity_depth,
            (2..=MAX_HITS).contains(&c.candidate_rarity_depth),
            &format!("a whole number from 2 to {MAX_HITS}"),
        )?;
        let a = &self.abstention;
        share("abstention.min_coverage", a.min_coverage)?;
        share("abstention.number_hit_min_coverage", a.number_hit_min_coverage)?;
        let p = &self.passages;
        check("passages.depth", p.depth, p.depth <= MAX_HITS, &format!("a whole number of at most {MAX_HITS}"))?;
        check("passages.max_lines", p.max_lines, p.max_lines >= 1, "a whole number of at least 1")?;
        share("passages.min_score", p.min_score)?;
        share("passages.sibling_min_score", p.sibling_min_score)?;
        Ok(())
    }
}

fn check(key: &str, value: impl std::fmt::Display, ok: bool, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("`search.weights.{key}` must be {what}, not {value}"))
    }
}
