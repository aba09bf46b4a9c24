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

#[cfg(test)]
mod tests {
    use super::without_particle;

    #[test]
    fn one_trailing_particle_goes() {
        assert_eq!(without_particle("엔엘비는"), "엔엘비");
        assert_eq!(without_particle("빈스톡에서는"), "빈스톡");
        assert_eq!(without_particle("서버리스로"), "서버리스");
        assert_eq!(without_particle("나이"), "나이", "one character would be left");
        assert_eq!(without_particle("코그니토"), "코그니토");
        assert_eq!(without_particle("가"), "가");
    }
}
