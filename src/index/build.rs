//! Writing a new generation from loaded knowledge.

use std::time::Instant;

use tantivy::indexer::NoMergePolicy;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use super::integrity::sum_files;
use super::schema::{ChunkFields, SCHEMA_VERSION};
use super::store::{io, open_with_manifest, write_manifest, IndexStore, Manifest, OpenIndex, MANIFEST};
use super::IndexError;
use crate::analysis::{register_tokenizers, Analyzer};
use crate::knowledge::{spelled_out, Chunk, Knowledge};

/// Tantivy's per-thread indexing budget; ample for notes, small enough for a 2-core box.
const MEMORY_PER_THREAD: usize = 64 * 1024 * 1024;
/// Below this many chunks one thread is as fast as two and leaves a single segment.
const SINGLE_THREAD_BELOW: usize = 5_000;

/// Builds a generation from `knowledge` with `threads` writing threads (0: as many as suit the
/// build and the machine) and publishes it; on any error the folder is removed and the previous
/// generation stays live.
pub fn build(
    store: &IndexStore,
    knowledge: &Knowledge,
    fingerprint: String,
    analyzer: &Analyzer,
    threads: usize,
) -> Result<OpenIndex, IndexError> {
    let started = Instant::now();
    let building = store.begin()?;
    let result = write_generation(&building, knowledge, analyzer, threads).and_then(|()| {
        let files_written = sum_files(&building, MANIFEST).map_err(|e| io(&building, e))?;
        let manifest = Manifest {
            schema_version: SCHEMA_VERSION,
            fingerprint,
            files: knowledge.files,
            chunks: knowledge.chunks.len(),
            qa_pairs: knowledge.qa_pairs(),
            problems: knowledge.problems.clone(),
            sections: knowledge.sections.clone(),
            spelled_out: spelled_out(&knowledge.sections),
            translations: crate::knowledge::translations(&knowledge.chunks, &knowledge.sections, &|word| {
                is_noun(analyzer, word)
            }),
            written_apart: crate::knowledge::written_apart(&knowledge.sections),
            abbreviations: crate::knowledge::defined_abbreviations(&knowledge.sections),
            build_ms: started.elapsed().as_secs_f64() * 1000.0,
            files_written,
        };
        write_manifest(&building, &manifest).map(|()| manifest)
    });
    let manifest = match result {
        Ok(manifest) => manifest,
        Err(e) => {
            store.discard(&building);
            return Err(e);
        }
    };
    let generation = store.publish(&building)?;
    open_with_manifest(&generation, analyzer, manifest)
}

fn write_generation(
    dir: &std::path::Path,
    knowledge: &Knowledge,
    analyzer: &Analyzer,
    threads: usize,
) -> Result<(), IndexError> {
    let (schema, fields) = ChunkFields::schema();
    let index = Index::create_in_dir(dir, schema)?;
    register_tokenizers(&index, analyzer);
    let threads = writer_threads(threads, knowledge.chunks.len());
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, MEMORY_PER_THREAD * threads)?;
    // Tantivy's default policy starts a background merge once 8 segments exist (one per thread
    // at 8 threads), which races the explicit merge below and fails the build.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for (order, chunk) in knowledge.chunks.iter().enumerate() {
        writer.add_document(chunk_document(&fields, chunk, order as u64))?;
    }
    writer.commit()?;
    merge_into_one_segment(&index, writer)
}

/// `configured` threads (0, `index.threads`' default: one for a small build, else one per core),
/// at most 8.
fn writer_threads(configured: usize, chunks: usize) -> usize {
    match configured {
        0 if chunks < SINGLE_THREAD_BELOW => 1,
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()).min(8),
        n => n.min(8),
    }
}

/// Several segments slow every query; one merge at build time is cheap for notes.
fn merge_into_one_segment(index: &Index, mut writer: IndexWriter) -> Result<(), IndexError> {
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(())
}

fn chunk_document(fields: &ChunkFields, chunk: &Chunk, order: u64) -> TantivyDocument {
    let heading = chunk.heading();
    let searchable_heading = format!("{heading} {}", chunk.context);
    let body = crate::knowledge::without_local_link_targets(chunk.answer.as_deref().unwrap_or(&chunk.text));
    let body = body.as_ref();
    doc!(
        fields.kind => chunk.kind.as_str(),
        fields.source => chunk.source.as_str(),
        fields.heading_display => heading,
        fields.heading => searchable_heading.as_str(),
        fields.question => chunk.question.as_deref().unwrap_or(""),
        fields.body => body,
        // With the text, not the heading path: the heading path names the chunk's own
        // section, and a question naming a heading is answered by that section.
        fields.body => chunk.file_title.as_str(),
        fields.grams => searchable_heading.as_str(),
        fields.grams => chunk.question.as_deref().unwrap_or(""),
        fields.grams => body,
        fields.lead => lead(chunk).as_str(),
        fields.text => chunk.text.as_str(),
        fields.answer => chunk.answer.as_deref().unwrap_or(""),
        fields.line_start => u64::from(chunk.lines.0),
        fields.line_end => u64::from(chunk.lines.1),
        fields.order => order,
        fields.links => (crate::knowledge::link_share(&chunk.text) * 1000.0).round() as u64,
    )
}

/// Longest first line that counts as a chunk's lead: a label or a sentence. A paragraph's
/// first line says many things (prose notes lost questions when it counted).
const MAX_LEAD_LINE_CHARS: usize = 120;

/// What a chunk says it is about: its own heading (a list item's label included) and its first
/// line when short, the label or opening sentence the rest explains.
fn lead(chunk: &Chunk) -> String {
    let heading = chunk.heading_path.last().map_or("", String::as_str);
    let first_line = chunk.text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    let first_line = if first_line.chars().count() <= MAX_LEAD_LINE_CHARS { first_line } else { "" };
    format!("{heading}\n{first_line}")
}

/// Whether the analysis reads `word` as nouns only, as a translated term is.
fn is_noun(analyzer: &Analyzer, word: &str) -> bool {
    let terms = analyzer.analyze(word);
    !terms.is_empty() && terms.iter().all(|t| t.class == crate::analysis::TermClass::Noun)
}
