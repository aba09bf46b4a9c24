//! The baseline `notebot bench` compares with: what a user would assemble from notebot's own
//! dependencies in an afternoon. The same chunks, analysed by the same tokenizer, go into a
//! plain Tantivy index with one text field (Tantivy's default indexing options, positions
//! included), merged into one segment as notebot's is, and a question is a lenient
//! `QueryParser` query whose best hits are read back from the store. No widening, no field
//! boosts, no re-ranking, no answer composition.

use std::path::Path;
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::analysis::{register_tokenizers, Analyzer, TOKENIZER_NAME};
use crate::config::{threads_or_cores, Settings};
use crate::knowledge::{self, Knowledge};

/// Tantivy's per-thread indexing budget, as notebot's build uses.
const MEMORY_PER_THREAD: usize = 64 * 1024 * 1024;

/// A built baseline index, ready to answer.
pub(super) struct Baseline {
    reader: IndexReader,
    parser: QueryParser,
    source: Field,
    body: Field,
}

impl Baseline {
    /// Indexes every chunk's heading path and text as one stored field in `dir`.
    pub(super) fn build(
        dir: &Path,
        knowledge: &Knowledge,
        analyzer: &Analyzer,
        threads: usize,
    ) -> tantivy::Result<Self> {
        let mut builder = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let body = builder.add_text_field("body", TextOptions::default().set_indexing_options(indexing).set_stored());
        let source = builder.add_text_field("source", STORED);
        let index = Index::create_in_dir(dir, builder.build())?;
        register_tokenizers(&index, analyzer);
        let mut writer: IndexWriter = index.writer_with_num_threads(threads, MEMORY_PER_THREAD * threads)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for chunk in &knowledge.chunks {
            let text = format!("{}\n{}", chunk.heading(), chunk.text);
            writer.add_document(doc!(body => text, source => chunk.source.as_str()))?;
        }
        writer.commit()?;
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let parser = QueryParser::for_index(&index, vec![body]);
        Ok(Baseline { reader, parser, source, body })
    }

    /// The `top` best chunks for `question`, read back as (source, text) the way a bot would
    /// quote them; the question's syntax errors are ignored, as `parse_query_lenient` does.
    pub(super) fn ask(&self, question: &str, top: usize) -> tantivy::Result<Vec<(String, String)>> {
        let (query, _errors) = self.parser.parse_query_lenient(question);
        let searcher = self.reader.searcher();
        let hits = searcher.search(&query, &TopDocs::with_limit(top))?;
        hits.into_iter()
            .map(|(_, address)| {
                let document: TantivyDocument = searcher.doc(address)?;
                let text = |field| document.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
                Ok((text(self.source), text(self.body)))
            })
            .collect()
    }
}

/// Loads and chunks the notes in `settings.knowledge.dir` as notebot does and builds the
/// baseline over them in `dir`; returns the seconds taken, loading included, and the index.
pub(super) fn timed_build(
    settings: &Settings,
    dir: &Path,
    analyzer: &Analyzer,
) -> Result<(f64, usize, Baseline), String> {
    let started = Instant::now();
    let options = settings.knowledge.page_options();
    let knowledge =
        knowledge::load(&settings.knowledge.dir, settings.index.threads, &options).map_err(|p| p.to_string())?;
    let threads = threads_or_cores(settings.index.threads).min(8);
    let baseline = Baseline::build(dir, &knowledge, analyzer, threads).map_err(|e| e.to_string())?;
    Ok((started.elapsed().as_secs_f64(), knowledge.chunks.len(), baseline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_finds_the_chunk_a_question_names() {
        let notes = tempfile::tempdir().unwrap();
        std::fs::write(notes.path().join("db.md"), "# DB\n\n## 인덱스\n\n인덱스는 B-Tree로 조회를 빠르게 한다.\n")
            .unwrap();
        std::fs::write(
            notes.path().join("os.md"),
            "# OS\n\n## 교착상태\n\n교착상태는 서로의 자원을 기다리는 상태다.\n",
        )
        .unwrap();
        let mut settings = Settings::defaults().expect("built-in defaults");
        settings.knowledge.dir = notes.path().to_path_buf();
        let index = tempfile::tempdir().unwrap();
        let analyzer = Analyzer::shared().unwrap();
        let (seconds, chunks, baseline) = timed_build(&settings, index.path(), &analyzer).unwrap();
        assert!(seconds > 0.0);
        assert!(chunks >= 2);
        let hits = baseline.ask("교착상태가 뭐야?", 5).unwrap();
        assert_eq!(hits.first().map(|(source, _)| source.as_str()), Some("os.md"));
        assert!(hits[0].1.contains("자원을 기다리는"));
        assert!(baseline.ask("AND ( ) : ^ ~ *", 5).is_ok(), "query syntax is read leniently");
    }
}
