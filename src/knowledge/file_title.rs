//! A note's file name as words: authors name a note for what it is about (`TowerOfHanoi.md`,
//! `HTTPMethod.md`, `최신_브라우저의_내부_살펴보기.md`), often in the other language from its
//! headings, so the name is searchable context of every chunk, like the front matter's
//! description.

use crate::lexicon::List;

/// The words of the file name of `source` (a relative path), without its extension:
/// underscores, hyphens and dots become spaces, and a lower-case letter or digit followed by a
/// capital, or the last capital of a run of two or more before lower case, starts a new word
/// (`HTTPMethod` → `HTTP Method`, `OAuth` stays). Empty for names of a kind of page rather than
/// a topic (`README`, `index`, `overview`: `src/lexicon/generic_file_names.txt`).
pub fn file_title_words(source: &str) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if List::GenericFileNames.contains(&stem.to_lowercase()) {
        return String::new();
    }
    let chars: Vec<char> = stem.chars().collect();
    let mut words = String::with_capacity(stem.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '_' | '-' | '.' | '+' | '&') || c.is_whitespace() {
            words.push(' ');
            continue;
        }
        if i > 0 && c.is_ascii_uppercase() {
            let before = chars[i - 1];
            let after_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let acronym_before = before.is_ascii_uppercase() && i >= 2 && chars[i - 2].is_ascii_uppercase();
            if before.is_ascii_lowercase() || before.is_ascii_digit() || (acronym_before && after_lower) {
                words.push(' ');
            }
        }
        words.push(c);
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
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
        assert_eq!(file_title_words("Early-Bird/2018-10/2018-10-18.md"), "2018 10 18");
    }

    #[test]
    fn generic_names_say_nothing() {
        assert_eq!(file_title_words("network/README.md"), "");
        assert_eq!(file_title_words("index.markdown"), "");
        assert_eq!(file_title_words("aws/Overview.md"), "");
    }
}
