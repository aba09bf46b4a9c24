//! Korean particles at the end of a written word, for matching words by their surface when the
//! dictionary reads them unreliably (`엔엘비는` is `엔엘비` + `는`). The particles are listed in
//! `src/lexicon/korean_particles.txt` and `korean_particle_pairs.txt`.

use crate::lexicon::List;

/// `word` without one trailing particle, when something of at least two characters is left.
pub fn without_particle(word: &str) -> &str {
    // The longest particle that fits: `에서는` rather than `는`.
    match List::KoreanParticles.words().longest_suffix_of(word, 2) {
        Some(particle) => &word[..word.len() - particle.len()],
        None => word,
    }
}

/// Whether the written `word` is nothing but particles (`를`, `에서`, `으로는`), as Korean writes
/// them after an English word or a number with a space between (`plan 은`, `count 로`,
/// `Dockerfile 에서`): no word of its own, though the dictionary, reading it alone, makes
/// nouns of it (`로`, `에서`, even `의대` for `를`).
pub fn is_only_particles(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
    List::KoreanParticles.contains(word) || List::KoreanParticlePairs.contains(word)
}

#[cfg(test)]
mod tests {
    use super::{is_only_particles, without_particle};

    #[test]
    fn one_trailing_particle_goes() {
        assert_eq!(without_particle("엔엘비는"), "엔엘비");
        assert_eq!(without_particle("빈스톡에서는"), "빈스톡");
        assert_eq!(without_particle("서버리스로"), "서버리스");
        assert_eq!(without_particle("나이"), "나이", "one character would be left");
        assert_eq!(without_particle("표에서는"), "표에서", "the longest particle that leaves two characters");
        assert_eq!(without_particle("코그니토"), "코그니토");
        assert_eq!(without_particle("가"), "가");
    }

    #[test]
    fn words_of_particles_alone_are_known() {
        for word in ["를", "로", "에서", "까지", "으로는", "에서도", "은?"] {
            assert!(is_only_particles(word), "{word}");
        }
        for word in ["과도", "도로", "의도", "나이", "로그", "에러"] {
            assert!(!is_only_particles(word), "{word}");
        }
    }
}
