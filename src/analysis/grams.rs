//! Hangul syllable bigrams: a second way for a question's words and a note's to meet that does
//! not depend on where the dictionary cut them.
//!
//! mecab-ko-dic cuts a word differently in different sentences (`서킷브레이커` as a loanword plus
//! a verb, `풀` of `스레드 풀` as the verb `풀다`), and people drop or add spaces freely
//! (`스레드풀`, `캐시 미스`). Adjacent syllable pairs are the same however the word was cut or
//! spaced, so they are indexed in a field of their own and searched beside the morphological
//! fields, the way CJK bigram analyzers back up dictionary segmentation in Lucene.
//!
//! A run of Hangul continues across single spaces (so `스레드 풀` and `스레드풀` share `드풀`),
//! and is broken by anything else: Latin words, digits and punctuation have their own terms.

use tantivy::tokenizer::{Token, Tokenizer};

use super::normalize::normalize;
use super::script::is_hangul_syllable;
use super::tokenizer::UpFrontTokenStream;

/// Name under which the bigram tokenizer is registered on every notebot index.
pub const GRAMS_TOKENIZER_NAME: &str = "notebot_grams";

/// The syllable bigrams of `text`, in order, with repeats, each with its byte range in the
/// normalised text.
pub fn syllable_bigrams(text: &str) -> Vec<(String, (usize, usize))> {
    normalized_bigrams(&normalize(text))
}

/// Like [`syllable_bigrams`] for text already normalised (a question, read once).
pub fn normalized_bigrams(normalized: &str) -> Vec<(String, (usize, usize))> {
    let mut grams = Vec::new();
    // The previous syllable of the current run, and where it starts.
    let mut previous: Option<(char, usize)> = None;
    // A single space seen since the previous syllable: the run goes on across it.
    let mut spaced = false;
    for (offset, c) in normalized.char_indices() {
        if is_hangul_syllable(c) {
            if let Some((before, start)) = previous {
                grams.push((format!("{before}{c}"), (start, offset + c.len_utf8())));
            }
            previous = Some((c, offset));
            spaced = false;
        } else if c == ' ' && previous.is_some() && !spaced {
            spaced = true;
        } else {
            previous = None;
            spaced = false;
        }
    }
    grams
}

/// Tantivy adapter over [`syllable_bigrams`].
#[derive(Clone, Default)]
pub struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = UpFrontTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> UpFrontTokenStream {
        let tokens = syllable_bigrams(text)
            .into_iter()
            .enumerate()
            .map(|(position, (text, (offset_from, offset_to)))| Token {
                offset_from,
                offset_to,
                position,
                text,
                position_length: 1,
            })
            .collect();
        UpFrontTokenStream::new(tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn grams(text: &str) -> Vec<String> {
        syllable_bigrams(text).into_iter().map(|(gram, _)| gram).collect()
    }

    #[test]
    fn a_word_gives_its_adjacent_syllable_pairs() {
        assert_eq!(grams("서킷브레이커"), ["서킷", "킷브", "브레", "레이", "이커"]);
    }

    #[test]
    fn a_run_goes_on_across_one_space_so_spacing_does_not_matter() {
        assert_eq!(grams("스레드 풀"), grams("스레드풀"));
    }

    #[test]
    fn latin_digits_punctuation_and_line_breaks_end_a_run() {
        assert_eq!(grams("캐시(cache) 미스"), ["캐시", "미스"]);
        assert_eq!(grams("가나\n다라"), ["가나", "다라"]);
        assert_eq!(grams("가나  다라"), ["가나", "다라"]);
        assert_eq!(grams("ec2 인스턴스"), ["인스", "스턴", "턴스"]);
    }

    #[test]
    fn a_lone_syllable_and_text_without_hangul_give_nothing() {
        assert!(grams("풀").is_empty());
        assert!(grams("circuit breaker 42").is_empty());
        assert!(grams("").is_empty());
    }

    #[test]
    fn offsets_point_into_the_normalised_text() {
        let text = "A 캐시";
        let normalized = normalize(text);
        for (gram, (from, to)) in syllable_bigrams(text) {
            assert_eq!(&normalized[from..to], gram);
        }
    }

    #[test]
    fn the_tokenizer_streams_the_same_bigrams_with_positions() {
        let mut tokenizer = GramTokenizer;
        let mut stream = tokenizer.token_stream("캐시 미스");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push((stream.token().text.clone(), stream.token().position));
        }
        assert_eq!(seen, [("캐시".to_string(), 0), ("시미".to_string(), 1), ("미스".to_string(), 2)]);
    }
}
