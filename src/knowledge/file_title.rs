//! A note's file name as words: authors name a note for what it is about (`TowerOfHanoi.md`,
//! `HTTPMethod.md`, `최신_브라우저의_내부_살펴보기.md`), often in the other language from its
//! headings, so the name is searchable context of every chunk, like the front matter's
//! description.

use crate::analysis::case_breaks;
use crate::lexicon::List;

/// The words of the file name of `source` (a relative path), without its extension:
/// underscores, hyphens and other separators become spaces, and an identifier is split where
/// the analyser splits one ([`case_breaks`]: `HTTPMethod` → `HTTP Method`), but not after a
/// lone capital (`OAuth` stays). Empty for names of a kind of page rather than a topic
/// (`README`, `index`, `overview`: `src/lexicon/generic_file_names.txt`) or of digits only
/// (`2.md`). A leading date (`2021-03-02-spring-bean.md`, as Jekyll names posts) is when the
/// note was written, not what it is about: Jekyll reads it as the post's date and the rest as
/// its slug, and so does this.
pub fn file_title_words(source: &str) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = without_leading_date(stem);
    // A name of digits only (`2.md`, `2018-10.md`) numbers a note or dates it; it names no topic.
    if List::GenericFileNames.contains(&stem.to_lowercase()) || !stem.chars().any(char::is_alphabetic) {
        return String::new();
    }
    let separator = |c: char| matches!(c, '_' | '-' | '.' | '+' | '&') || c.is_whitespace();
    let words: Vec<String> = stem.split(separator).filter(|word| !word.is_empty()).map(identifier_words).collect();
    words.join(" ")
}

/// `stem` without a leading date and the separator after it, as Jekyll reads a post's name:
/// four digits, a month and a day of one or two digits each, then `-`, `_`, a space or the end
/// (`2019-12-8-layout-basic` → `layout-basic`; `2018-10-189-x` and `20181018-x` are no dates).
fn without_leading_date(stem: &str) -> &str {
    let rest = digits_then(stem, 4, 4)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| digits_then(rest, 1, 2))
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| digits_then(rest, 1, 2));
    match rest {
        Some(rest) if rest.is_empty() || rest.starts_with(['-', '_', ' ']) => rest.trim_start_matches(['-', '_', ' ']),
        _ => stem,
    }
}

/// What follows a run of `min` to `max` ASCII digits that starts `text`.
fn digits_then(text: &str, min: usize, max: usize) -> Option<&str> {
    let run = text.bytes().take_while(u8::is_ascii_digit).count();
    (min..=max).contains(&run).then(|| &text[run..])
}

/// `word` with a space at each of its case breaks, except after a lone capital that starts an
/// acronym run (`OAuth` stays, `HTTPMethod` → `HTTP Method`).
fn identifier_words(word: &str) -> String {
    let bytes = word.as_bytes();
    let lone_capital_before =
        |at: usize| bytes[at - 1].is_ascii_uppercase() && (at < 2 || !bytes[at - 2].is_ascii_uppercase());
    let mut words = String::with_capacity(word.len() + 4);
    let mut start = 0;
    for at in case_breaks(word, &word.to_ascii_lowercase()).into_iter().filter(|&at| !lone_capital_before(at)) {
        words.push_str(&word[start..at]);
        words.push(' ');
        start = at;
    }
    words.push_str(&word[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::file_title_words;

    #[test]
    fn camel_case_acronyms_and_separators_become_words() {
        assert_eq!(file_title_words("jobhope/algorithm/TowerOfHanoi.md"), "Tower Of Hanoi");
        assert_eq!(file_title_words("web/HTTPMethod.md"), "HTTP Method");
        assert_eq!(file_title_words("db/DDLAndDMLAndDCL.md"), "DDL And DML And DCL");
        assert_eq!(file_title_words("css/vendor-prefix.md"), "vendor prefix");
        assert_eq!(file_title_words("Browser/최신_브라우저의_내부_살펴보기.md"), "최신 브라우저의 내부 살펴보기");
        assert_eq!(file_title_words("ETC/OAuth&JWT.md"), "OAuth JWT");
    }

    #[test]
    fn a_leading_date_is_when_not_what() {
        assert_eq!(file_title_words("_posts/2021-03-02-spring-bean-scope.md"), "spring bean scope");
        assert_eq!(file_title_words("_posts/2019-12-31_JPA_N+1.md"), "JPA N 1");
        assert_eq!(file_title_words("Early-Bird/2018-10/2018-10-18.md"), "");
        assert_eq!(file_title_words("notes/2018-10.md"), "");
        assert_eq!(file_title_words("notes/20181018-log.md"), "20181018 log");
        assert_eq!(file_title_words("css/2019-12-8-layout-basic.md"), "layout basic");
        assert_eq!(file_title_words("notes/2018-10-189-x.md"), "2018 10 189 x");
        assert_eq!(file_title_words("notes/2018-10-18T10-x.md"), "2018 10 18 T10 x");
    }

    #[test]
    fn generic_names_say_nothing() {
        assert_eq!(file_title_words("network/README.md"), "");
        assert_eq!(file_title_words("index.markdown"), "");
        assert_eq!(file_title_words("aws/Overview.md"), "");
        assert_eq!(file_title_words("java/2.md"), "", "a number names no topic");
    }
}
