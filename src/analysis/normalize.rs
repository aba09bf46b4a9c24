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

/// Byte offsets of `normalized` where an identifier of `original` changes case: a capital
/// after a lower-case letter or a digit (`readiness|Probe`, `S3|Bucket`), or the last capital of a run before lower
/// case (`HTTP|Server`). Empty when normalisation changed more than case (offsets differ).
pub fn case_breaks(original: &str, normalized: &str) -> Vec<usize> {
    let (bytes, lower) = (original.as_bytes(), normalized.as_bytes());
    if bytes.len() != lower.len() || !bytes.iter().any(u8::is_ascii_uppercase) {
        return Vec::new();
    }
    if !bytes.iter().zip(lower).all(|(b, l)| b.to_ascii_lowercase() == *l) {
        return Vec::new();
    }
    (1..bytes.len())
        .filter(|&i| {
            let (before, here, after) = (bytes[i - 1], bytes[i], bytes.get(i + 1).copied());
            here.is_ascii_uppercase()
                && (before.is_ascii_lowercase()
                    || before.is_ascii_digit()
                    || (before.is_ascii_uppercase() && after.is_some_and(|a| a.is_ascii_lowercase())))
        })
        .collect()
}
