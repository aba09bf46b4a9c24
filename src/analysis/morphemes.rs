//! Part-of-speech filtering and decompounding of mecab-ko-dic tokens.
//!
//! The stop tags follow Lucene/Elasticsearch nori's defaults (particles, endings, suffixes,
//! determiners, adverbs, punctuation…), plus copulas, auxiliary verbs, bound nouns and
//! pronouns, which carry no topic. Inflected forms (`해서`, `들어요`) are split on the
//! expression field (`하/XSV/*+아서/EC/*`) so their stems are indexed; compounds
//! (`게이트웨이` → `게이트/NNG/*+웨이/NNG/*`) are indexed whole and as their parts, so
//! `보안그룹` and `보안 그룹` match each other.

use super::TermClass;
use crate::lexicon::List;

/// A term taken from one dictionary token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The term text (surface or stem).
    pub text: String,
    /// Noun, verb, Latin word or number, from the part-of-speech tag.
    pub class: TermClass,
    /// A part of the compound word given just before it (`게이트` of `게이트웨이`); the first
    /// part shares the whole word's position.
    pub compound_part: bool,
}

const POS: usize = 0;
const KIND: usize = 4;
const EXPRESSION: usize = 7;

/// Terms from one token: nothing for particles and endings, the stems of inflected forms, the
/// whole word and its parts for compounds.
pub fn index_pieces(surface: &str, details: &[&str]) -> Vec<Piece> {
    let tag = details.get(POS).copied().unwrap_or("UNK");
    let kind = details.get(KIND).copied().unwrap_or("*");
    let expression = details.get(EXPRESSION).copied().unwrap_or("*");
    match kind {
        "Inflect" | "Preanalysis" if expression != "*" => expression_parts(expression)
            .filter(|(_, part_tag)| keeps(part_tag))
            .filter(|(text, _)| !List::KoreanStopStems.contains(text))
            .map(|(text, part_tag)| piece(text, part_tag, false))
            .collect(),
        "Compound" if expression != "*" && keeps(tag) => compound(surface, expression),
        _ if keeps_token(tag, surface) => vec![piece(surface, tag, false)],
        _ => Vec::new(),
    }
}

fn piece(text: &str, tag: &str, compound_part: bool) -> Piece {
    Piece { text: text.to_string(), class: class_of(tag), compound_part }
}

fn class_of(tag: &str) -> TermClass {
    match tag.split('+').next().unwrap_or(tag) {
        "VV" | "VA" => TermClass::Verb,
        "SN" => TermClass::Number,
        "SL" => TermClass::Latin,
        _ => TermClass::Noun,
    }
}

fn compound(surface: &str, expression: &str) -> Vec<Piece> {
    let mut pieces = vec![piece(surface, "NNG", false)];
    let parts: Vec<(&str, &str)> = expression_parts(expression).filter(|(_, t)| keeps(t)).collect();
    if parts.len() > 1 {
        pieces.extend(parts.into_iter().map(|(part, tag)| piece(part, tag, true)));
    }
    pieces
}

/// The morphemes of one token with their tags, before any filtering: an inflected or compound
/// word's expression parts, or the token itself.
pub fn morphemes<'a>(surface: &'a str, details: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let tag = details.get(POS).copied().unwrap_or("UNK");
    let kind = details.get(KIND).copied().unwrap_or("*");
    let expression = details.get(EXPRESSION).copied().unwrap_or("*");
    match kind {
        "Inflect" | "Preanalysis" | "Compound" if expression != "*" => expression_parts(expression).collect(),
        _ => vec![(surface, tag)],
    }
}

/// Whether the analyser indexes a morpheme of this tag (`VV`, `NNG`), stop lists aside.
pub fn is_content_tag(tag: &str) -> bool {
    keeps(tag)
}

/// `하/XSV/*+아서/EC/*` → (`하`, `XSV`), (`아서`, `EC`).
fn expression_parts(expression: &str) -> impl Iterator<Item = (&str, &str)> {
    expression.split('+').filter_map(|part| {
        let mut fields = part.split('/');
        let text = fields.next()?;
        let tag = fields.next()?;
        (!text.is_empty()).then_some((text, tag))
    })
}

fn keeps_token(tag: &str, surface: &str) -> bool {
    if is_jamo_only(surface) {
        return false; // chat laughter and tears (`ㅋㅋ`, `ㅠㅠ`, `ㄱㄱ`): no topic
    }
    if tag == "UNK" || tag == "UNKNOWN" {
        return surface.chars().any(char::is_alphanumeric);
    }
    keeps(tag) && !List::KoreanStopStems.contains(surface)
}

/// Whether `surface` is made of lone Hangul letters (jamo), as chat writes `ㅋㅋ` or `ㅠㅠ`
/// (conjoining jamo after NFKC, compatibility jamo before).
fn is_jamo_only(surface: &str) -> bool {
    let jamo = |c: char| matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318E}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}');
    !surface.is_empty() && surface.chars().all(jamo)
}

/// Whether a (possibly combined, `VV+EC`) tag carries content worth indexing.
fn keeps(tag: &str) -> bool {
    let first = tag.split('+').next().unwrap_or(tag);
    matches!(first, "NNG" | "NNP" | "NNBC" | "NR" | "VV" | "VA" | "XR" | "SL" | "SH" | "SN")
}

/// Whether a lower-cased Latin word is an English function word (see
/// `src/lexicon/english_stop_words.txt`). Asked for every Latin token of every note, so the
/// list is searched sorted.
pub fn is_english_stopword(word: &str) -> bool {
    List::EnglishStopWords.contains(word)
}

/// Whether a lower-cased Latin word is one English questions are framed with (`exactly`,
/// `usually`, `whose`, the `in` of `sign in`; see `src/lexicon/english_frame_words.txt`):
/// searched, but not what a question is about.
pub fn is_english_frame_word(word: &str) -> bool {
    List::EnglishFrameWords.contains(word)
}
