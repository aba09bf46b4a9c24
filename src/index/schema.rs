//! Fields of a chunk document. Headings and questions are separate fields so they can weigh
//! more than body text; citation data is stored so a hit is shown without reading the notes.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use crate::analysis::{GRAMS_TOKENIZER_NAME, REPEATED_TEXT_TOKENIZER_NAME, TOKENIZER_NAME};

/// Bumped whenever fields, analysis or chunking change, so older indexes are rebuilt rather
/// than misread.
pub const SCHEMA_VERSION: u32 = 35;

/// Handles to every field of the chunk schema.
#[derive(Debug, Clone, Copy)]
pub struct ChunkFields {
    /// `section` or `qa`.
    pub kind: Field,
    /// Note path relative to the knowledge folder.
    pub source: Field,
    /// Heading path as shown (stored only).
    pub heading_display: Field,
    /// Heading path plus the note's parent and description, analysed for search.
    pub heading: Field,
    /// A Q&A pair's question, analysed.
    pub question: Field,
    /// Chunk text (a Q&A pair's answer), analysed.
    pub body: Field,
    /// Hangul syllable bigrams of heading, question and text, which meet however the
    /// dictionary cut or the writer spaced a word (`analysis::grams`).
    pub grams: Field,
    /// The chunk's own heading (the last of its path) and first line, analysed without
    /// frequencies: what coverage re-ranking reads as what the chunk says it is about.
    pub lead: Field,
    /// Cited text as written (stored only).
    pub text: Field,
    /// A Q&A pair's answer as written (stored only).
    pub answer: Field,
    /// First cited line.
    pub line_start: Field,
    /// Last cited line.
    pub line_end: Field,
    /// The chunk's place in the notes (notes by path, then chunks by line): equal scores are
    /// ordered by it, so how many threads wrote the index never changes an answer.
    pub order: Field,
    /// The share of the chunk's visible text that is link labels and addresses, in
    /// thousandths (`knowledge::link_share`): a reference list names topics it does not explain.
    pub links: Field,
}

impl ChunkFields {
    /// Builds the schema and returns it with its field handles.
    pub fn schema() -> (Schema, ChunkFields) {
        let mut builder = Schema::builder();
        // Frequencies without positions: no query reads positions (a proximity boost was tried
        // and not kept, see docs/quality.md), and writing and merging them was 3% of a build.
        let analysed_with = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqs),
            )
        };
        let analysed = analysed_with(TOKENIZER_NAME);
        let number = NumericOptions::default().set_stored();
        let fields = ChunkFields {
            kind: builder.add_text_field("kind", STRING | STORED),
            source: builder.add_text_field("source", STRING | STORED),
            heading_display: builder.add_text_field("heading_display", STORED),
            heading: builder.add_text_field("heading", analysed_with(REPEATED_TEXT_TOKENIZER_NAME)),
            question: builder.add_text_field("question", analysed.clone()),
            body: builder.add_text_field("body", analysed),
            grams: builder.add_text_field("grams", analysed_with(GRAMS_TOKENIZER_NAME)),
            lead: builder.add_text_field(
                "lead",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(TOKENIZER_NAME)
                        .set_index_option(IndexRecordOption::Basic)
                        .set_fieldnorms(false),
                ),
            ),
            text: builder.add_text_field("text", STORED),
            answer: builder.add_text_field("answer", STORED),
            line_start: builder.add_u64_field("line_start", number.clone()),
            line_end: builder.add_u64_field("line_end", number),
            order: builder.add_u64_field("order", FAST),
            links: builder.add_u64_field("links", FAST),
        };
        (builder.build(), fields)
    }

    /// Fields searched by a question, in the order their weights are listed in `search`.
    pub fn searched(&self) -> [Field; 3] {
        [self.heading, self.question, self.body]
    }
}
