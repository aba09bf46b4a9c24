//! The analyzer as a Tantivy tokenizer, so index and query share one analysis path.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::Analyzer;

/// Name under which the tokenizer is registered on every notebot index.
pub const TOKENIZER_NAME: &str = "notebot_ko";

/// Tantivy adapter over [`Analyzer`].
#[derive(Clone)]
pub struct KoreanTokenizer {
    analyzer: Analyzer,
}

impl KoreanTokenizer {
    /// Wraps an analyzer (cheap; the dictionary is shared).
    pub fn new(analyzer: Analyzer) -> Self {
        KoreanTokenizer { analyzer }
    }
}

/// Terms of one text, analysed up front; a stream is only an index into them.
pub struct KoreanTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl Tokenizer for KoreanTokenizer {
    type TokenStream<'a> = KoreanTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KoreanTokenStream {
        let tokens = self
            .analyzer
            .analyze(text)
            .into_iter()
            .map(|term| Token {
                offset_from: term.offset.0,
                offset_to: term.offset.1,
                position: term.position,
                text: term.text,
                position_length: 1,
            })
            .collect();
        KoreanTokenStream { tokens, index: 0 }
    }
}

impl TokenStream for KoreanTokenStream {
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
