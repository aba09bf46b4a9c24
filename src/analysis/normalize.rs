//! Normalisation applied before segmentation, to the notes and the questions alike.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::script::is_hangul_syllable;

/// NFKC (full-width Latin to ASCII, decomposed Hangul jamo to syllables) and lower case, so
/// `ＥＣ２`, `EC2` and `ec2` are one term and NFD file names match typed Korean.
///
/// Notes and questions are almost always NFKC already; a quick check lets them skip the
/// decompose-and-recompose pass, which otherwise costs as much as a sixth of the analysis.
pub fn normalize(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii() || is_hangul_syllable(c)) {
        return text.to_ascii_lowercase(); // both are NFKC, and Hangul has no case
    }
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_lowercase();
    }
    let composed: String = text.nfkc().collect();
    composed.to_lowercase()
}
