//! Slips of typing Korean on the standard two-set keyboard (KS X 5002, 두벌식), the layout
//! nearly every Korean keyboard and phone uses: a syllable typed with one key pressed next to
//! the right one, with or without shift (`졔` for `제`, `욜` for `열`), or with one key left out
//! or doubled (`한` for `하`, `하` for `화`). Two words one jamo apart are far more often such a
//! slip than any other change: it tells a typo's word from the notes' other words a jamo away.

use crate::analysis::jamo;

/// The keys of each initial consonant, in Unicode order (ㄱ ㄲ ㄴ … ㅎ): a capital is the
/// key with shift.
const INITIALS: [&str; 19] =
    ["r", "R", "s", "e", "E", "f", "a", "q", "Q", "t", "T", "d", "w", "W", "c", "z", "x", "v", "g"];

/// The keys of each vowel, in Unicode order (ㅏ ㅐ ㅑ … ㅣ); a compound vowel takes two.
const VOWELS: [&str; 21] =
    ["k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b", "m", "ml", "l"];

/// The keys of each final consonant, in Unicode order (none, ㄱ, ㄲ, ㄳ … ㅎ); a compound
/// final takes two.
const FINALS: [&str; 28] = [
    "", "r", "R", "rt", "s", "sw", "sg", "e", "f", "fr", "fa", "fq", "ft", "fx", "fv", "fg", "a", "q", "qt", "t", "T",
    "d", "w", "c", "z", "x", "v", "g",
];

/// The letter rows of the keyboard, top to bottom, and how far each is set to the right of
/// the top row, in keys.
const ROWS: [(&str, f32); 3] = [("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75)];

/// The keys typed for a Hangul syllable; `None` for any other character.
pub fn keys(syllable: char) -> Option<String> {
    let [initial, vowel, last] = jamo(syllable)?.map(|i| i as usize);
    Some([INITIALS[initial], VOWELS[vowel], FINALS[last]].concat())
}

/// Whether typing `typed` for `meant` is one slip: the same keys but one, which is the same
/// key with or without shift or a key next to it, or one key more or fewer.
pub fn is_slip(typed: char, meant: char) -> bool {
    let (Some(typed), Some(meant)) = (keys(typed), keys(meant)) else {
        return false;
    };
    let (a, b) = (typed.as_bytes(), meant.as_bytes());
    if a.len() == b.len() {
        let mut differing = a.iter().zip(b).filter(|(x, y)| x != y);
        return match (differing.next(), differing.next()) {
            (Some((&x, &y)), None) => neighbours(x, y),
            _ => false,
        };
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    long.len() == short.len() + 1
        && (0..long.len()).any(|skip| long[..skip] == short[..skip] && long[skip + 1..] == short[skip..])
}

/// Whether two keys are one key with and without shift, or touch on the keyboard.
fn neighbours(a: u8, b: u8) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    if a == b {
        return true;
    }
    let (Some((row_a, x_a)), Some((row_b, x_b))) = (place(a), place(b)) else {
        return false;
    };
    match row_a.abs_diff(row_b) {
        0 => (x_a - x_b).abs() < 1.5,
        1 => (x_a - x_b).abs() < 1.0,
        _ => false,
    }
}

/// A letter key's row and horizontal place, in keys from the top row's left edge.
fn place(key: u8) -> Option<(usize, f32)> {
    ROWS.iter().enumerate().find_map(|(row, (letters, offset))| {
        letters.bytes().position(|k| k == key).map(|column| (row, column as f32 + offset))
    })
}

#[cfg(test)]
mod tests {
    use super::{is_slip, keys};

    #[test]
    fn syllables_are_typed_as_on_the_keyboard() {
        assert_eq!(keys('한').as_deref(), Some("gks"));
        assert_eq!(keys('뷁').as_deref(), Some("qnpfr"));
        assert_eq!(keys('a'), None);
    }

    #[test]
    fn a_neighbouring_or_shifted_key_is_a_slip() {
        assert!(is_slip('졔', '제')); // ㅖ is ㅔ with shift
        assert!(is_slip('욜', '열')); // ㅛ and ㅕ are next to each other
        assert!(is_slip('량', '략')); // ㅇ touches ㄱ a row up
        assert!(!is_slip('욜', '율')); // ㅛ and ㅠ are two rows apart
        assert!(!is_slip('자', '제')); // ㅏ and ㅔ are far apart
    }

    #[test]
    fn a_key_more_or_fewer_is_a_slip() {
        assert!(is_slip('느', '는'));
        assert!(is_slip('하', '화'));
        assert!(!is_slip('하', '횅'));
    }
}
