//! A cited chunk's stored fields, decoded from Tantivy's document store once per index
//! generation and then shared: decoding a document (field by field, a string each) was a
//! sixth of the cost of answering a question, and the same few chunks are cited again and
//! again. Slots exist for every document, but a chunk is only decoded when first cited, so
//! opening a large index stays as quick as before. A decoded chunk stays until the next
//! reindex replaces the generation: at most the notes' own text (14 MB at 1,000 copies of the
//! shipped note, if every chunk were cited), a fair price for a bot that answers from them.

use std::sync::{Arc, OnceLock};

use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::ChunkFields;
use crate::knowledge::ChunkKind;

/// What the index stores about a chunk to cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChunk {
    /// Section or Q&A pair.
    pub kind: ChunkKind,
    /// Note path relative to the knowledge folder.
    pub source: String,
    /// Heading path as shown.
    pub heading: String,
    /// First and last cited line.
    pub lines: [u32; 2],
    /// Cited text as written.
    pub text: String,
    /// A Q&A pair's answer as written (empty for sections).
    pub answer: String,
}

/// Decoded chunks of one generation, one slot per document of each segment.
pub struct StoredChunks {
    by_segment: Vec<Box<[OnceLock<Arc<StoredChunk>>]>>,
}

impl StoredChunks {
    /// Empty slots for every document `searcher` can return.
    pub fn new(searcher: &Searcher) -> StoredChunks {
        let by_segment = searcher
            .segment_readers()
            .iter()
            .map(|segment| (0..segment.max_doc()).map(|_| OnceLock::new()).collect())
            .collect();
        StoredChunks { by_segment }
    }

    /// The chunk at `address`, decoded on first use.
    pub fn get(
        &self,
        searcher: &Searcher,
        fields: &ChunkFields,
        address: DocAddress,
    ) -> tantivy::Result<Arc<StoredChunk>> {
        let slot =
            self.by_segment.get(address.segment_ord as usize).and_then(|segment| segment.get(address.doc_id as usize));
        let Some(slot) = slot else {
            return Ok(Arc::new(decode(&searcher.doc(address)?, fields)));
        };
        if let Some(chunk) = slot.get() {
            return Ok(Arc::clone(chunk));
        }
        let chunk = Arc::new(decode(&searcher.doc(address)?, fields));
        Ok(Arc::clone(slot.get_or_init(|| chunk)))
    }
}

fn decode(doc: &TantivyDocument, fields: &ChunkFields) -> StoredChunk {
    StoredChunk {
        kind: ChunkKind::parse(&text_of(doc, fields.kind)).unwrap_or(ChunkKind::Section),
        source: text_of(doc, fields.source),
        heading: text_of(doc, fields.heading_display),
        lines: [number_of(doc, fields.line_start), number_of(doc, fields.line_end)],
        text: text_of(doc, fields.text),
        answer: text_of(doc, fields.answer),
    }
}

fn text_of(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string()
}

fn number_of(doc: &TantivyDocument, field: Field) -> u32 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0) as u32
}
