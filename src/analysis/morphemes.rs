//! Part-of-speech filtering and decompounding of mecab-ko-dic tokens.
//!
//! The stop tags follow Lucene/Elasticsearch nori's defaults (particles, endings, suffixes,
//! determiners, adverbs, punctuation…), plus copulas, auxiliary verbs, bound nouns and
//! pronouns, which carry no topic. Inflected forms (`해서`, `들어요`) are split on the
//! expression field (`하/XSV/*+아서/EC/*`) so their stems are indexed; compounds
//! (`게이트웨이` → `게이트/NNG/*+웨이/NNG/*`) are indexed whole and as their parts, so
//! `보안그룹` and `보안 그룹` match each other.

use std::sync::OnceLock;

use super::TermClass;

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

/// Light verbs and adjectives that appear in nearly every question (`하다`, `되다`, `있다`,
/// `알려줘`) and would only dilute a query.
const STOP_STEMS: &[&str] =
    &["하", "되", "있", "없", "같", "않", "이", "그렇", "그러", "이렇", "어떻", "알리", "알", "주", "모르", "싶", "쓰"];

/// Terms from one token: nothing for particles and endings, the stems of inflected forms, the
/// whole word and its parts for compounds.
pub fn index_pieces(surface: &str, details: &[&str]) -> Vec<Piece> {
    let tag = details.get(POS).copied().unwrap_or("UNK");
    let kind = details.get(KIND).copied().unwrap_or("*");
    let expression = details.get(EXPRESSION).copied().unwrap_or("*");
    match kind {
        "Inflect" | "Preanalysis" if expression != "*" => expression_parts(expression)
            .filter(|(_, part_tag)| keeps(part_tag))
            .filter(|(text, _)| !STOP_STEMS.contains(text))
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
    keeps(tag) && !STOP_STEMS.contains(&surface)
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

/// Function words of English questions ("Does NLB terminate TLS?"): never topic terms. A
/// standard English stop list, without the particles of technical phrasal terms (`scale up`,
/// `scale out`, `sign in`, `stop and start`), plus the words a question is framed with.
const ENGLISH_STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "few",
    "find",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "many",
    "me",
    "more",
    "most",
    "much",
    "my",
    "myself",
    "nor",
    "of",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "until",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "don",
    "doesn",
    "isn",
    "aren",
    "won",
    "get",
    "got",
    "tell",
    "let",
    "us",
    "may",
    "might",
    "must",
    "shall",
    "also",
    "yet",
    "anyone",
    "someone",
    "something",
    "anything",
    "please",
    "know",
    "want",
    "need",
    "ok",
    "okay",
    "thanks",
    "notes",
    "mentioned",
    "say",
    "said",
    "says",
    "didn",
    "wasn",
    "weren",
    "hasn",
    "haven",
    "hadn",
    "couldn",
    "shouldn",
    "wouldn",
    "mustn",
    "needn",
    "mightn",
    "shan",
    "whats",
    "dont",
    "doesnt",
    "didnt",
    "cant",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "wont",
    "wouldnt",
    "shouldnt",
    "couldnt",
    "hasnt",
    "havent",
    "im",
    "ive",
    "youre",
    "theyre",
    "thats",
    "theres",
    "hows",
    "wheres",
    "whos",
];

/// Whether a lower-cased Latin word is an English function word. Asked for every Latin token
/// of every note, so the list is searched sorted (a linear scan was 4% of the analysis).
pub fn is_english_stopword(word: &str) -> bool {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    sorted_once(&SORTED, || ENGLISH_STOPWORDS.to_vec()).binary_search(&word).is_ok()
}

/// Whether a lower-cased Latin word is one English questions are framed with (`exactly`,
/// `usually`, `whose`, the `in` of `sign in`; see the list's header): searched, but not what a
/// question is about.
pub fn is_english_frame_word(word: &str) -> bool {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    let list = || {
        let lines = include_str!("english_frame_words.txt").lines().map(str::trim);
        lines.filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
    };
    sorted_once(&SORTED, list).binary_search(&word).is_ok()
}

/// A word list, sorted on first use, for binary search.
fn sorted_once(
    cell: &'static OnceLock<Vec<&'static str>>,
    words: impl FnOnce() -> Vec<&'static str>,
) -> &'static [&'static str] {
    cell.get_or_init(|| {
        let mut words = words();
        words.sort_unstable();
        words
    })
}
