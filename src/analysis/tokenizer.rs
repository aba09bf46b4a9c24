//! The analyzer as a Tantivy tokenizer, so index and query share one analysis path.

use rustc_hash::FxHashMap;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

use super::grams::{GramTokenizer, GRAMS_TOKENIZER_NAME};
use super::Analyzer;

/// Name under which the tokenizer is registered on every notebot index.
pub const TOKENIZER_NAME: &str = "notebot_ko";
/// The same analysis with a memo, for fields whose text repeats from chunk to chunk (every
/// chunk of a section carries the same heading path).
pub const REPEATED_TEXT_TOKENIZER_NAME: &str = "notebot_ko_repeated";

/// Distinct texts a memoising tokenizer remembers before it starts over.
const MEMO_CAPACITY: usize = 4_096;

/// Tantivy adapter over [`Analyzer`].
#[derive(Clone)]
pub struct KoreanTokenizer {
    analyzer: Analyzer,
    memo: Option<FxHashMap<String, Vec<Token>>>,
}

impl KoreanTokenizer {
    /// Wraps an analyzer (cheap; the dictionary is shared).
    pub fn new(analyzer: Analyzer) -> Self {
        KoreanTokenizer { analyzer, memo: None }
    }

    /// Like [`KoreanTokenizer::new`], remembering the terms of texts it has seen; each indexing
    /// thread has its own copy, so no lock is needed.
    pub fn memoising(analyzer: Analyzer) -> Self {
        KoreanTokenizer { analyzer, memo: Some(FxHashMap::default()) }
    }

    fn tokens(&self, text: &str) -> Vec<Token> {
        self.analyzer
            .analyze(text)
            .into_iter()
            .map(|term| Token {
                offset_from: term.offset.0,
                offset_to: term.offset.1,
                position: term.position,
                text: term.text,
                position_length: 1,
            })
            .collect()
    }
}

/// Registers every notebot tokenizer on an index (needed to write and to query it).
pub fn register_tokenizers(index: &Index, analyzer: &Analyzer) {
    index.tokenizers().register(TOKENIZER_NAME, KoreanTokenizer::new(analyzer.clone()));
    index.tokenizers().register(REPEATED_TEXT_TOKENIZER_NAME, KoreanTokenizer::memoising(analyzer.clone()));
    index.tokenizers().register(GRAMS_TOKENIZER_NAME, GramTokenizer);
}

/// Tokens of one text, computed up front (by either notebot tokenizer); a stream is only an
/// index into them.
pub struct UpFrontTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl UpFrontTokenStream {
    pub(super) fn new(tokens: Vec<Token>) -> UpFrontTokenStream {
        UpFrontTokenStream { tokens, index: 0 }
    }
}

impl Tokenizer for KoreanTokenizer {
    type TokenStream<'a> = UpFrontTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> UpFrontTokenStream {
        let tokens = match self.memo.as_ref().and_then(|memo| memo.get(text)) {
            Some(tokens) => tokens.clone(),
            None => {
                let tokens = self.tokens(text);
                if let Some(memo) = self.memo.as_mut() {
                    if memo.len() >= MEMO_CAPACITY {
                        memo.clear();
                    }
                    memo.insert(text.to_string(), tokens.clone());
                }
                tokens
            }
        };
        UpFrontTokenStream::new(tokens)
    }
}

impl TokenStream for UpFrontTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}
