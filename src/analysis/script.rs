//! Regrouping of Latin letters and digits around mecab's segmentation.
//!
//! mecab-ko-dic reads `EC2인스턴스` as `EC`, `2`, `인`, `스턴스`. Segmenting the whole text keeps
//! the context particles need (`NLB가` → `NLB` + subject particle), so we segment the whole text
//! and then (1) join touching Latin/number tokens into one word (`ec2`), and (2) re-read the
//! Korean tail of a mixed word on its own when that gives fewer, longer morphemes
//! (`인스턴스`).

/// Whether a token surface is an ASCII word or number.
pub fn is_latin(surface: &str) -> bool {
    !surface.is_empty() && surface.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `text` has a Hangul syllable anywhere: a Korean sentence, or a mixed one.
pub fn contains_hangul(text: &str) -> bool {
    text.chars().any(is_hangul_syllable)
}

/// Whether `c` is a precomposed Hangul syllable (가 to 힣).
pub fn is_hangul_syllable(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// Whether `c` is a letter or digit of a word: `char::is_alphanumeric`, with ASCII and Hangul
/// syllables answered without the Unicode table search (words are split on every character of
/// the hits a how-many question reads).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_hangul_syllable(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// The jamo of a precomposed Hangul syllable as Unicode orders them: its initial consonant
/// (0..19, ㄱ first), vowel (0..21, ㅏ first) and final consonant (0..28, none first).
pub fn jamo(c: char) -> Option<[u32; 3]> {
    let index = (c as u32).checked_sub(0xAC00).filter(|&i| i < 11_172)?;
    Some([index / 588, (index % 588) / 28, index % 28])
}

/// Whether `text` is one word of Hangul syllables only.
pub fn is_hangul_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_hangul_syllable)
}

/// Latin words longer than this (hashes, tracking ids in URLs) are noise, not terms.
pub const MAX_LATIN_WORD: usize = 40;
