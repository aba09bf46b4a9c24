//! Hangul loanwords matched to the English words the notes use: people ask about `아웃바운드`,
//! `엔드포인트` or `키네시스` while the notes say `outbound`, `endpoint`, `Kinesis`.
//!
//! Both spellings are reduced to a consonant skeleton, roughly as Korean borrows English
//! sounds: vowels vanish, `b/p/f/v` → `p`, `c/k/g/q` → `k`, `d/t` → `t`, `s/z/j/ch/sh` → `s`
//! (and the `t` of `-tion`, `-tial`, `-tient`, `-tious`: `로케이션` for `location`),
//! `l/r` → `l` (an `r` before a consonant or at the end is silent, as in `웨비나` for
//! `webinar`), and repeats collapse. `outbound` and `아웃바운드` both become `tpnt`. Only
//! skeletons of `matching.min_sound_consonants` or more are compared, and only for words the
//! notes do not contain in Hangul.

use super::params::MatchingParams;
use crate::analysis::jamo;

const INITIALS: [&str; 19] =
    ["k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "", "s", "s", "s", "k", "t", "p", "h"];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "lk", "lm", "lp", "l", "l", "lp", "l", "m", "p", "p", "t", "t", "nk",
    "t", "t", "k", "t", "p", "",
];
/// Medial vowels that start with a `w` glide (ㅘ ㅙ ㅚ ㅝ ㅞ ㅟ).
const W_GLIDES: [u32; 6] = [9, 10, 11, 14, 15, 16];
const SILENT_INITIAL: u32 = 11;

/// The skeleton to look up for a Hangul word, when it is distinctive enough: of
/// `min_sound_consonants`, or `min_short_word_sound_consonants` for a two-syllable word.
pub fn hangul_lookup_key(word: &str, matching: &MatchingParams) -> Option<String> {
    let key = hangul_key(word)?;
    let needed =
        if word.chars().count() < 3 { matching.min_short_word_sound_consonants } else { matching.min_sound_consonants };
    (key.len() >= needed).then_some(key)
}

/// How many consonant sounds a word of Hangul syllables has (0 for other words): what each
/// word of a pair adds to the sound of the two together.
pub fn hangul_sound_len(word: &str) -> usize {
    hangul_key(word).map_or(0, |key| key.len())
}

/// The skeleton of a word of Hangul syllables, or `None` when it has other characters.
fn hangul_key(word: &str) -> Option<String> {
    let mut key = String::new();
    for c in word.chars() {
        let [initial, medial, last] = jamo(c)?;
        if initial == SILENT_INITIAL && W_GLIDES.contains(&medial) {
            key.push('w');
        }
        key.push_str(INITIALS[initial as usize]);
        key.push_str(FINALS[last as usize]);
    }
    Some(collapse(&key))
}

/// The skeleton of a lower-case Latin word, or `None` when it has other characters.
pub fn latin_key(word: &str) -> Option<String> {
    skeleton(word, "t")
}

/// Every skeleton a lower-case Latin word may be borrowed as: `th` is written with ㄷ or ㅌ
/// (`이더넷`, `테마`) but as often with ㅅ (`메서드` for `method`, `스레드` for `thread`).
pub fn latin_keys(word: &str) -> Vec<String> {
    let mut keys: Vec<String> = latin_key(word).into_iter().collect();
    if word.contains("th") {
        keys.extend(skeleton(word, "s").filter(|key| !keys.contains(key)));
    }
    keys
}

/// The skeleton of a lower-case Latin word with `th` sounding as `th_sound`.
fn skeleton(word: &str, th_sound: &'static str) -> Option<String> {
    let sounds = english_sounds(word)?;
    let key: String = sounds
        .iter()
        .map(|&sound| match sound {
            b'p' | b'b' => "p",
            b'k' | b'g' => "k",
            b't' | b'd' => "t",
            b's' | b'Z' | b'j' | b'c' => "s",
            b'*' => th_sound,
            b'N' => "nk",
            b'l' => "l",
            b'm' => "m",
            b'n' => "n",
            b'h' => "h",
            b'w' => "w",
            _ => "",
        })
        .collect();
    Some(collapse(&key))
}

/// The consonant sounds of a lower-case Latin word by voicing and aspiration, as Korean tells
/// them apart in loanwords: `p`/`f` (ㅍ), `b`/`v` (ㅂ), `t` (ㅌ), `d` (ㄷ), `k`/`c`/`q` (ㅋ),
/// `g` (ㄱ), `s` (ㅅ), `j`/`z`/a soft `g` (ㅈ), `c` for `ch` (ㅊ), `*` for `th` (ㄷ, ㅌ or ㅅ),
/// `Z` for an `s` between vowels (ㅅ or ㅈ),
/// `N` for an `ng` Korean writes as ㅇ, and `l`, `m`, `n`, `h`, `w`; `None` when the word has
/// other characters. The skeleton merges the pairs.
fn english_sounds(word: &str) -> Option<Vec<u8>> {
    let letters = word.as_bytes();
    if !letters.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let at = |i: usize| letters.get(i).copied();
    let mut sounds = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let next = at(i + 1);
        let (sound, used): (&[u8], usize) = match letters[i] {
            b'c' if next == Some(b'h') => (b"c", 2),
            b'c' if next == Some(b'k') => (b"k", 2),
            b'c' if next.is_some_and(is_front_vowel) => (b"s", 1),
            b'g' if i > 0 && next.is_some_and(is_front_vowel) => (b"j", 1),
            b's' if next == Some(b'h') => (b"s", 2),
            b'p' if next == Some(b'h') => (b"p", 2),
            b't' if next == Some(b'h') => (b"*", 2),
            // `tch` sounds as `ch`: `dispatch` is `디스패치`, `switch` `스위치`.
            b't' if next == Some(b'c') && at(i + 2) == Some(b'h') => (b"", 1),
            b't' if sounds_like_sh(&letters[i + 1..]) => (b"s", 1),
            // Between vowels an `s` often sounds as `z`: `browser` is `브라우저`, `user` `유저`.
            b's' if i > 0 && is_vowel_or_glide(letters[i - 1]) && next.is_some_and(is_vowel) => (b"Z", 1),
            b'w' if next == Some(b'h') => (b"w", 2),
            b'r' if !next.is_some_and(is_vowel) => (b"", 1),
            b'w' if !next.is_some_and(is_vowel) => (b"", 1),
            // Before an `u` sound Korean writes no `w` glide: `wood` is `우드`, `hollywood` `할리우드`.
            b'w' if next == Some(b'u') || (next == Some(b'o') && at(i + 2) == Some(b'o')) => (b"", 1),
            b'n' if next == Some(b'g') && !at(i + 2).is_some_and(is_vowel) => (b"N", 2),
            letter => (consonant_sound(letter), 1),
        };
        sounds.extend_from_slice(sound);
        i += used;
    }
    Some(sounds)
}

/// Whether what follows a `t` makes it sound as `sh`: the suffixes `-tion`, `-tial`, `-tient`,
/// `-tious` and a final `-tia` (`location` → `로케이션`, `potential` → `포텐셜`), and not `-tie`,
/// `-tier` or `-ties` (`frontier` → `프런티어`, `properties` → `프로퍼티스`).
fn sounds_like_sh(rest: &[u8]) -> bool {
    ["ion", "ial", "ient", "ious"].iter().any(|suffix| rest.starts_with(suffix.as_bytes())) || rest == b"ia"
}

fn consonant_sound(letter: u8) -> &'static [u8] {
    match letter {
        b'b' | b'v' => b"b",
        b'p' | b'f' => b"p",
        b'c' | b'k' | b'q' => b"k",
        b'g' => b"g",
        b'd' => b"d",
        b't' => b"t",
        b's' => b"s",
        b'z' | b'j' => b"j",
        b'x' => b"ks",
        b'l' | b'r' => b"l",
        b'm' => b"m",
        b'n' => b"n",
        b'h' => b"h",
        b'w' => b"w",
        _ => b"",
    }
}

fn is_vowel(letter: u8) -> bool {
    matches!(letter, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn is_vowel_or_glide(letter: u8) -> bool {
    is_vowel(letter) || letter == b'w'
}

fn is_front_vowel(letter: u8) -> bool {
    matches!(letter, b'e' | b'i' | b'y')
}

/// Of `sound_alikes`, those that agree best by their vowels ([`vowel_agreement`], as
/// `agreement` reads it for each), at least `min_agreement`; none when more than
/// `max_agreeing` agree that well, since then the vowels cannot tell them apart either.
pub fn agreeing_best_by_vowels<T>(
    sound_alikes: Vec<T>,
    agreement: impl Fn(&T) -> f32,
    min_agreement: f32,
    max_agreeing: usize,
) -> Vec<T> {
    let agreements: Vec<f32> = sound_alikes.iter().map(agreement).collect();
    let best = agreements.iter().copied().fold(0.0, f32::max);
    if best < min_agreement {
        return Vec::new();
    }
    let agreeing: Vec<T> =
        sound_alikes.into_iter().zip(&agreements).filter(|(_, &a)| a == best).map(|(alike, _)| alike).collect();
    if agreeing.len() > max_agreeing {
        return Vec::new();
    }
    agreeing
}

/// How well the vowels of a Hangul word agree with those of an English word that sounds like
/// it, from 0 to 1: the longest run of vowels that agree in order, as a share of the longer
/// side. Korean borrows an English vowel in a few ways (`o` as ㅗ, ㅏ or ㅓ: `로그`, `락`,
/// `컨테이너`), so each English vowel stands for the Hangul vowels it is written with; ㅡ, which
/// Korean adds between consonants (`스`, `트`), and a silent final `e` count for neither side,
/// and a diphthong written over two syllables (`파인드`) counts once.
/// Skeletons alone are coarse (`버저닝` sounds like `versioning`, `parsing` and `passing`);
/// vowels tell them apart.
pub fn vowel_agreement(hangul: &str, english: &str) -> f32 {
    let korean = hangul_vowels(hangul);
    let letters = english.as_bytes();
    let is_vowel_at = |i: usize| is_vowel(letters[i]) && !(i == 0 && letters[i] == b'y');
    let mut groups: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < letters.len() {
        if !is_vowel_at(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < letters.len() && is_vowel_at(i) {
            i += 1;
        }
        let group = &letters[start..i];
        // A final `e` is silent, but after a `g` Korean writes it as the ㅣ of `지` (`edge`, `엣지`).
        let silent_e =
            group == b"e" && i == letters.len() && start > 0 && !groups.is_empty() && letters[start - 1] != b'g';
        if !silent_e {
            let mut class = group.iter().fold(0, |class, &letter| class | english_vowel(letter));
            if group.windows(2).any(|pair| pair == b"oo") {
                class |= U;
            }
            // The `a` of `-age` is borrowed as ㅣ: `package` is `패키지`, `storage` `스토리지`.
            if group == b"a" && &letters[i..] == b"ge" && !groups.is_empty() {
                class |= I;
            }
            groups.push(class);
        }
    }
    let longest = korean.len().max(groups.len());
    if longest == 0 {
        return 0.0;
    }
    // A Hangul vowel agrees with a group that may stand for it.
    longest_common_run(&korean, &groups, |vowel, group| vowel & group != 0) as f32 / longest as f32
}

/// The vowel classes of a Hangul word, one per vowel sound: a diphthong Korean writes over two
/// syllables, the second without a consonant of its own (`파인드` for `find`, `타입` for `type`,
/// `레이턴시`, `아웃바운드`), is one sound, as its English vowel is one letter or group.
fn hangul_vowels(hangul: &str) -> Vec<u8> {
    let mut vowels: Vec<u8> = Vec::new();
    let mut open_before = false;
    for [initial, vowel, last] in hangul.chars().filter_map(jamo) {
        let class = HANGUL_VOWELS[vowel as usize];
        let glide = initial == SILENT_INITIAL && matches!(class, I | U) && open_before;
        match vowels.last_mut() {
            Some(previous) if glide && *previous & (A | E | O) != 0 => *previous |= class,
            _ if class != 0 => vowels.push(class),
            _ => {}
        }
        open_before = last == 0 && class != 0;
    }
    vowels
}

/// Whether two Hangul words may spell one loanword: as many syllables, the same initial and
/// final consonants in each, and in each the same vowel or two that spell one English vowel
/// interchangeably (`컬렉션` and `콜렉션`, `메세지` and `메새지`, `스케줄` and `스케쥴`).
pub fn spelled_alike(a: &str, b: &str) -> bool {
    let syllables = |word: &str| -> Option<Vec<[u32; 3]>> { word.chars().map(jamo).collect() };
    let (Some(a), Some(b)) = (syllables(a), syllables(b)) else {
        return false;
    };
    let alike = |x: u32, y: u32| x == y || INTERCHANGED_VOWELS.iter().any(|&pair| pair == (x.min(y), x.max(y)));
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x[0] == y[0] && x[2] == y[2] && alike(x[1], y[1]))
}

/// Medial vowels (by index, ㅏ = 0) Korean writes one English vowel with interchangeably:
/// ㅓ/ㅗ (`컬렉션`, `콜렉션`), ㅐ/ㅔ and ㅒ/ㅖ (`매니페스트`, `메니페스트`), ㅓ/ㅕ (`브라우저`,
/// `브라우져`), ㅜ/ㅠ (`스케줄`, `스케쥴`).
const INTERCHANGED_VOWELS: [(u32, u32); 5] = [(4, 8), (1, 5), (3, 7), (4, 6), (13, 17)];

/// Vowel classes, one bit each, as Hangul writes English vowels.
const A: u8 = 1;
const E: u8 = 2;
const O: u8 = 4;
const U: u8 = 8;
const EO: u8 = 16;
const I: u8 = 32;

/// The class of each Hangul medial vowel (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ); ㅡ
/// is none.
const HANGUL_VOWELS: [u8; 21] = [A, E, A, E, EO, E, EO, E, O, A, E, E, O, U, EO, E, I, U, 0, I, I];

/// The Hangul vowel classes an English vowel letter is written with.
fn english_vowel(letter: u8) -> u8 {
    match letter {
        b'a' => A | E | EO,
        b'e' => E | I | EO,
        b'i' | b'y' => I | A,
        b'o' => O | A | EO,
        b'u' => U | EO | A,
        _ => 0,
    }
}

/// Initial consonants by voicing and aspiration, as Korean writes English ones in loanwords:
/// `p`/`f` as ㅍ, `b`/`v` as ㅂ, `t` as ㅌ, `d` as ㄷ, `k` as ㅋ, `g` as ㄱ, `s` as ㅅ, `j`/`z` as ㅈ,
/// `ch` as ㅊ (the skeleton puts each pair in one class).
const FINE_INITIALS: [u8; 19] =
    [b'g', b'k', b'n', b'd', b't', b'l', b'm', b'b', b'p', b's', b's', 0, b'j', b'j', b'c', b'k', b't', b'p', b'h'];
/// Stands for the silent ㅇ that opens a word beginning with a vowel.
const VOWEL_START: u8 = b'0';
/// Final consonants as loanwords use them, voicing unmarked: ㄱ for `k` or `g` (`백`, `빅`),
/// ㅂ for `p` or `b` (`탑`, `웹`), ㅅ for `t` or `d` (`넷`, `패드`).
const FINE_FINALS: [u8; 28] = [
    0, b'K', b'K', b'K', b'n', b'n', b'n', b'T', b'l', b'l', b'l', b'l', b'l', b'l', b'l', b'l', b'm', b'P', b'P',
    b'T', b'T', b'n', b'T', b'T', b'K', b'T', b'P', 0,
];

/// How well the consonants of a Hangul word agree with an English word's in voicing and
/// aspiration, from 0 to 1 (the longest run that agrees in order, as a share of the longer
/// side): words of one skeleton differ there (`process` is `프로세스`, not `브라우저`, whose
/// vowels agree as well), and so does a word's opening vowel (`access` is `액세스`, not `캐시`).
/// `th` agrees with either of the ways Korean writes it, an `s` between vowels with ㅅ or ㅈ.
pub fn consonant_agreement(hangul: &str, english: &str) -> f32 {
    let mut korean: Vec<u8> = Vec::new();
    for (at, c) in hangul.chars().enumerate() {
        let Some([initial, _, last]) = jamo(c) else {
            return 0.0;
        };
        if at == 0 && initial == SILENT_INITIAL {
            korean.push(VOWEL_START);
        }
        korean.extend([FINE_INITIALS[initial as usize], FINE_FINALS[last as usize]].into_iter().filter(|&s| s != 0));
    }
    // A word opening with a vowel, or a `w` glide, is written with a silent ㅇ (`액세스`,
    // `웹`); `캐시` does not stand for `access`.
    let mut latin: Vec<u8> = Vec::new();
    if english.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'w']) {
        latin.push(VOWEL_START);
    }
    // Korean writes no `w` and an `ng` as the final ㅇ, read here as `n`.
    latin.extend(english_sounds(english).unwrap_or_default());
    latin.retain(|&sound| sound != b'w');
    latin.iter_mut().filter(|sound| **sound == b'N').for_each(|sound| *sound = b'n');
    latin.dedup();
    // A final repeats the initial before it (`퀵` of `퀵소트` is one `k`).
    korean.dedup_by(|next, previous| {
        next == previous
            || (*next == b'K' && matches!(*previous, b'k' | b'g'))
            || (*next == b'P' && matches!(*previous, b'p' | b'b'))
            || (*next == b'T' && matches!(*previous, b't' | b'd'))
    });
    let longest = korean.len().max(latin.len());
    if longest == 0 {
        return 0.0;
    }
    let agree = |k: u8, e: u8| {
        k == e
            || (e == b'*' && matches!(k, b't' | b'd' | b's' | b'T'))
            || (e == b'Z' && matches!(k, b's' | b'j'))
            || (k == b'P' && matches!(e, b'p' | b'b'))
            || (k == b'K' && matches!(e, b'k' | b'g'))
            || (k == b'T' && matches!(e, b't' | b'd'))
    };
    longest_common_run(&korean, &latin, agree) as f32 / longest as f32
}

/// The length of the longest common subsequence of `a` and `b` under `agree`.
fn longest_common_run(a: &[u8], b: &[u8], agree: impl Fn(u8, u8) -> bool) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if agree(x, y) { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Repeated consonants sound as one (`ll`, `tt`), in both scripts and across the words of a
/// phrase: `key` with each run of one sound written once (`ttp` → `tp`).
pub fn collapse(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{consonant_agreement, hangul_key, latin_key, latin_keys, vowel_agreement};
    use crate::search::MatchingParams;

    fn hangul_lookup_key(word: &str) -> Option<String> {
        super::hangul_lookup_key(word, &MatchingParams::default())
    }

    fn same(hangul: &str, latin: &str) -> bool {
        hangul_key(hangul).is_some() && hangul_key(hangul) == latin_key(latin)
    }

    #[test]
    fn loanwords_share_a_skeleton_with_their_english_words() {
        for (hangul, latin) in [
            ("아웃바운드", "outbound"),
            ("엔드포인트", "endpoint"),
            ("웨비나", "webinar"),
            ("키네시스", "kinesis"),
            ("코그니토", "cognito"),
            ("트랜짓", "transit"),
            ("디스커버리", "discovery"),
            ("다이나믹", "dynamic"),
            ("게이트웨이", "gateway"),
            ("스케일링", "scaling"),
            ("컴플리트", "complete"),
            ("위스퍼러", "whisperer"),
            ("엔진", "engine"),
            ("로케이션", "location"),
            ("커넥션", "connection"),
            ("포텐셜", "potential"),
            ("할리우드", "hollywood"),
            ("디스패치", "dispatch"),
            ("스위치", "switch"),
        ] {
            assert!(same(hangul, latin), "{hangul} {:?} vs {latin} {:?}", hangul_key(hangul), latin_key(latin));
        }
    }

    #[test]
    fn th_is_borrowed_as_t_or_s() {
        for (hangul, latin) in [("메서드", "method"), ("스레드", "thread"), ("이더넷", "ethernet"), ("테마", "theme")]
        {
            let key = hangul_key(hangul).unwrap();
            assert!(latin_keys(latin).contains(&key), "{hangul} {key} vs {latin} {:?}", latin_keys(latin));
        }
        assert_eq!(latin_keys("outbound"), vec![latin_key("outbound").unwrap()], "one skeleton without th");
    }

    #[test]
    fn different_words_and_other_scripts_do_not() {
        assert!(!same("보안", "security"));
        assert!(!same("네트워크", "outbound"));
        assert!(same("프런티어", "frontier") && same("프로퍼티스", "properties"), "-tier, -ties keep their t");
        assert!(!same("샐러드", "tiered"));
        assert_eq!(hangul_key("EC2"), None);
        assert_eq!(latin_key("ec2"), None);
        assert_eq!(hangul_lookup_key("판교"), None, "two syllables, three consonants: too short");
        assert_eq!(hangul_lookup_key("엔진"), None, "엔진 (nsn) is too short as well");
        assert_eq!(hangul_lookup_key("아웃바운드").as_deref(), Some("tpnt"));
    }

    #[test]
    fn vowels_tell_apart_words_of_one_skeleton() {
        for (hangul, right, wrong) in [
            ("버저닝", "versioning", "parsing"),
            ("퀵소트", "quicksort", "cast"),
            ("우분투", "ubuntu", "bound"),
            ("서블릿", "servlet", "split"),
            ("버블소트", "bubblesort", "placed"),
        ] {
            assert_eq!(hangul_key(hangul).as_deref(), latin_key(right).as_deref(), "{hangul} sounds like {right}");
            let (good, bad) = (vowel_agreement(hangul, right), vowel_agreement(hangul, wrong));
            assert!(good > bad, "{hangul}: {right} {good} vs {wrong} {bad}");
        }
        assert_eq!(vowel_agreement("쿠버네티스", "kubernetes"), 1.0);
        assert!(vowel_agreement("스케일링", "scaling") >= 0.65, "a diphthong written as two vowels");
        for (hangul, english) in
            [("아웃바운드", "outbound"), ("파인드", "find"), ("타입", "type"), ("레이턴시", "latency")]
        {
            assert_eq!(vowel_agreement(hangul, english), 1.0, "{hangul}: one vowel sound over two syllables");
        }
        assert!(vowel_agreement("키클락", "keycloak") > vowel_agreement("키클락", "clock"));
        assert!(vowel_agreement("키클락", "clock") < 0.65);
    }

    #[test]
    fn one_loanword_is_spelled_with_interchanged_vowels() {
        use super::spelled_alike;
        for (a, b) in [("컬렉션", "콜렉션"), ("메소드", "매소드"), ("브라우저", "브라우져"), ("스케줄", "스케쥴")]
        {
            assert!(spelled_alike(a, b) && spelled_alike(b, a), "{a} {b}");
        }
        for (a, b) in [
            ("플래그", "플러그"),
            ("가상요소", "구성요소"),
            ("컬렉션", "컬렉트"),
            ("컬렉션", "컬렉션들"),
            ("컬렉션", "collection"),
        ] {
            assert!(!spelled_alike(a, b), "{a} {b}");
        }
        assert_eq!(vowel_agreement("스트", "st"), 0.0, "no vowel on either side");
        assert_eq!(vowel_agreement("패키지", "package"), 1.0, "-age as -이지");
        assert_eq!(vowel_agreement("스토리지", "storage"), 1.0);
        assert_eq!(vowel_agreement("엣지", "edge"), 1.0);
    }

    #[test]
    fn consonants_tell_apart_words_of_one_skeleton_by_voicing_and_aspiration() {
        for (hangul, english) in
            [("프로세스", "process"), ("멤버", "member"), ("컨테이너", "container"), ("인덱스", "index")]
        {
            assert_eq!(consonant_agreement(hangul, english), 1.0, "{hangul} ~ {english}");
        }
        assert_eq!(consonant_agreement("스레드", "thread"), 1.0, "th written with ㅅ");
        assert_eq!(consonant_agreement("이더넷", "ethernet"), 1.0, "th written with ㄷ, a final ㅅ for t");
        for (right, wrong, english) in [("프로세스", "브라우저", "process"), ("컨테이너", "고안된", "container")]
        {
            assert!(
                consonant_agreement(right, english) > consonant_agreement(wrong, english),
                "{right} over {wrong} for {english}"
            );
        }
        assert_eq!(consonant_agreement("브라우저", "browser"), 1.0, "an s between vowels as ㅈ");
        assert!(consonant_agreement("나머지", "names") < 0.75, "a final s is not ㅈ");
        assert_eq!(consonant_agreement("액세스", "access"), 1.0);
        assert!(consonant_agreement("캐시", "access") < 0.75, "an opening vowel is written with ㅇ");
        assert_eq!(consonant_agreement("웹소켓", "websocket"), 1.0, "a w glide too");
        assert_eq!(consonant_agreement("퀵소트", "quicksort"), 1.0, "a final repeating its initial");
        assert_eq!(consonant_agreement("process", "process"), 0.0, "not Hangul");
    }
}
