//! Normalisation applied before segmentation, to the notes and the questions alike.

use unicode_normalization::UnicodeNormalization;

/// NFKC (full-width Latin to ASCII, decomposed Hangul jamo to syllables) and lower case, so
/// `ＥＣ２`, `EC2` and `ec2` are one term and NFD file names match typed Korean.
pub fn normalize(text: &str) -> String {
    let composed: String = text.nfkc().collect();
    if composed.is_ascii() {
        composed.to_ascii_lowercase()
    } else {
        composed.to_lowercase()
    }
}
