//! Korean particles at the end of a written word, for matching words by their surface when the
//! dictionary reads them unreliably (`엔엘비는` is `엔엘비` + `는`).

/// Common case and topic particles, longest first so `에서는` is taken before `는`.
const PARTICLES: &[&str] = &[
    "에서는",
    "으로는",
    "에게는",
    "한테는",
    "이라는",
    "에서",
    "으로",
    "에게",
    "한테",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이랑",
    "하고",
    "이나",
    "라는",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "의",
    "도",
    "로",
    "랑",
    "만",
    "와",
    "과",
    "나",
];

/// `word` without one trailing particle, when something of at least two characters is left.
pub fn without_particle(word: &str) -> &str {
    PARTICLES
        .iter()
        .filter_map(|particle| word.strip_suffix(particle))
        .find(|stem| stem.chars().count() >= 2)
        .unwrap_or(word)
}

/// Two particles written together (`에서는`, `으로도`), besides those [`PARTICLES`] lists. Only
/// these: other pairs spell words (`과도`, `도로`, `의도`, `나이`).
const PARTICLE_PAIRS: &[&str] = &[
    "에는",
    "에도",
    "에의",
    "에서도",
    "에서의",
    "으로도",
    "으로의",
    "로는",
    "로도",
    "로의",
    "까지는",
    "까지도",
    "까지의",
    "부터는",
    "부터도",
    "에게도",
    "한테도",
    "와는",
    "와의",
    "과는",
    "과의",
    "랑은",
    "랑도",
    "보다는",
    "보다도",
    "처럼은",
    "만은",
    "만의",
];

/// Whether the written `word` is nothing but particles (`를`, `에서`, `으로는`), as Korean writes
/// them after an English word or a number with a space between (`plan 은`, `count 로`,
/// `Dockerfile 에서`): no word of its own, though the dictionary, reading it alone, makes
/// nouns of it (`로`, `에서`, even `의대` for `를`).
pub fn is_only_particles(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
    PARTICLES.contains(&word) || PARTICLE_PAIRS.contains(&word)
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
