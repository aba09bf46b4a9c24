//! Loading notes and cutting them into citable chunks.
//!
//! A chunk is the unit a citation points at, so it must be small enough to be precise: the
//! intro text of a section, one top-level list item with its nested items, or one Q&A pair.
//! Every chunk keeps its file, heading path and 1-based line range so an answer can always
//! say where it came from.

mod acronyms;
mod apart;
mod definitions;
mod file_title;
mod files;
mod frontmatter;
mod html;
mod lines;
mod links;
mod liquid;
mod markdown;
mod partners;
mod qa;
mod translations;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use acronyms::spelled_out;
pub use apart::{written_apart, WrittenApart};
pub use definitions::{defined as defined_abbreviations, Definition};
pub use file_title::file_title_words;
pub use files::{escaped, fingerprint, list_notes, note_files, read_team_file, NoteFile};
pub use html::{html_text, image_label};
pub use lines::dedent;
pub use links::{link_share, without_local_link_targets};
pub use liquid::SiteConfig;
pub use translations::{aligned_words as aligned_translation_words, mine as translations, Translation};

/// Separator used when a heading path is shown to people.
pub const HEADING_SEPARATOR: &str = " › ";

/// What a chunk is; Q&A pairs are searched by their question first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChunkKind {
    /// Prose or a list item under a heading.
    Section,
    /// A question with its answer, written down after a seminar.
    Qa,
}

impl ChunkKind {
    /// The stable name used in the index and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ChunkKind::Section => "section",
            ChunkKind::Qa => "qa",
        }
    }

    /// Inverse of [`ChunkKind::as_str`], for values read back from the index.
    pub fn parse(name: &str) -> Option<ChunkKind> {
        match name {
            "section" => Some(ChunkKind::Section),
            "qa" => Some(ChunkKind::Qa),
            _ => None,
        }
    }
}

/// One citable piece of a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// Section text or Q&A pair.
    pub kind: ChunkKind,
    /// Path of the note relative to the knowledge folder, with `/` separators.
    pub source: String,
    /// Headings from the note's title down to this chunk (a list item's label included).
    pub heading_path: Vec<String>,
    /// The note's front-matter `parent` and `description`: searchable context, not shown.
    pub context: String,
    /// The note's file name as words (`TowerOfHanoi.md` → `Tower Of Hanoi`), searched with the
    /// text: its author's own name for what the note is about (`knowledge.file_titles`).
    pub file_title: String,
    /// First and last line (1-based, inclusive) in the note.
    pub lines: (u32, u32),
    /// The cited lines as written, dedented; URLs and all.
    pub text: String,
    /// For Q&A pairs: the question alone.
    pub question: Option<String>,
    /// For Q&A pairs: the answer alone.
    pub answer: Option<String>,
}

impl Chunk {
    /// The heading path as people read it, e.g. `Overview › Cloud Map › NACL`.
    pub fn heading(&self) -> String {
        self.heading_path.join(HEADING_SEPARATOR)
    }
}

/// A heading and everything under it, for `/topic` and `notebot topic`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Path of the note relative to the knowledge folder.
    pub source: String,
    /// Headings from the note's title down to this section.
    pub heading_path: Vec<String>,
    /// From the heading line to the last non-blank line before the next heading of the same
    /// or a higher level.
    pub lines: (u32, u32),
    /// The section's lines as written.
    pub text: String,
}

impl Section {
    /// The heading path as people read it.
    pub fn heading(&self) -> String {
        self.heading_path.join(HEADING_SEPARATOR)
    }
}

/// The smallest of `sections` that belongs to note `source` and holds lines `first..=last`, if
/// any does (lines above a note's first heading belong to none).
pub fn section_holding<'s>(sections: &'s [Section], source: &str, first: u32, last: u32) -> Option<&'s Section> {
    sections
        .iter()
        .filter(|s| s.source == source && s.lines.0 <= first && last <= s.lines.1)
        .min_by_key(|s| s.lines.1.saturating_sub(s.lines.0))
}

/// A note that could not be used, or could be used only in part, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Path relative to the knowledge folder (or the folder itself).
    pub path: String,
    /// What went wrong, for the person who maintains the notes.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything read from a knowledge folder.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Notes that yielded chunks.
    pub files: usize,
    /// Citable chunks, in note order.
    pub chunks: Vec<Chunk>,
    /// Headings with their whole text, in note order.
    pub sections: Vec<Section>,
    /// Notes skipped or read only in part.
    pub problems: Vec<Problem>,
}

impl Knowledge {
    /// How many chunks are Q&A pairs.
    pub fn qa_pairs(&self) -> usize {
        self.chunks.iter().filter(|c| c.kind == ChunkKind::Qa).count()
    }
}

/// A note cut into chunks and sections.
#[derive(Debug, Clone, Default)]
pub struct ParsedNote {
    /// Citable chunks.
    pub chunks: Vec<Chunk>,
    /// Headings with their text.
    pub sections: Vec<Section>,
    /// Non-fatal problems, such as broken front matter.
    pub problems: Vec<String>,
}

/// Bounds on what one note may cost to read: a note is read whole into memory (a one-line
/// note of 60 MB took 2 GB to index), and YAML front matter nested deeply parses in quadratic
/// time. Defaults are those of `config/default.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteLimits {
    /// `knowledge.max_note_bytes`: larger notes are skipped, by name.
    pub max_note_bytes: u64,
    /// `knowledge.max_front_matter_bytes`: larger front matter is not parsed (the body is read).
    pub max_front_matter_bytes: usize,
    /// `knowledge.max_front_matter_depth`: front matter nested deeper is not parsed.
    pub max_front_matter_depth: usize,
}

impl Default for NoteLimits {
    fn default() -> Self {
        NoteLimits { max_note_bytes: 2_000_000, max_front_matter_bytes: 65_536, max_front_matter_depth: 32 }
    }
}

/// Reads every note under `dir` (a Jekyll site's `_config.yml` at its root replaces
/// `options.site`) with up to `threads` threads (the caller's count, so a build told to use
/// fewer cores by `index.threads` does not take them all while reading); unreadable notes
/// become [`Problem`]s, never errors.
pub fn load(dir: &Path, threads: usize, options: &PageOptions) -> Result<Knowledge, Problem> {
    let (notes, problems) = list_notes(dir)?;
    let options = PageOptions { site: site_config(dir), ..options.clone() };
    let mut knowledge = Knowledge { problems, ..Knowledge::default() };
    for (note, read) in notes.iter().zip(read_all(&notes, threads, &options)) {
        match read {
            Ok(parsed) => add_note(&mut knowledge, &note.relative, parsed),
            Err(message) => knowledge.problems.push(Problem { path: note.relative.clone(), message }),
        }
    }
    Ok(knowledge)
}

/// Reads and parses `notes` with up to `threads` threads (at least one), results in the
/// notes' order: with many notes, reading is a sixth of a build and would otherwise leave a
/// core idle.
fn read_all(notes: &[NoteFile], threads: usize, options: &PageOptions) -> Vec<Result<ParsedNote, String>> {
    let read = |note: &NoteFile| read_note(note, options);
    let workers = threads.min(notes.len() / MIN_NOTES_PER_READER).max(1);
    if workers == 1 {
        return notes.iter().map(read).collect();
    }
    std::thread::scope(|scope| {
        let readers: Vec<_> = notes
            .chunks(notes.len().div_ceil(workers))
            .map(|batch| scope.spawn(move || batch.iter().map(read).collect::<Vec<_>>()))
            .collect();
        readers
            .into_iter()
            .flat_map(|reader| reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// Below this many notes per thread, a second reading thread costs more than it saves.
const MIN_NOTES_PER_READER: usize = 16;

fn read_note(note: &NoteFile, options: &PageOptions) -> Result<ParsedNote, String> {
    let text = files::read_note_text(&note.path, options.limits.max_note_bytes)?;
    Ok(parse_page(&note.relative, &text, options))
}

/// The Jekyll site settings of a knowledge folder that is a site (`_config.yml` at its root),
/// for `{{ site.X }}`; empty otherwise.
fn site_config(dir: &Path) -> SiteConfig {
    const MAX_CONFIG_BYTES: u64 = 256 * 1024;
    let path = dir.join("_config.yml");
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() && meta.len() <= MAX_CONFIG_BYTES => {
            std::fs::read_to_string(&path).map(|text| SiteConfig::parse(&text)).unwrap_or_default()
        }
        _ => SiteConfig::default(),
    }
}

fn add_note(knowledge: &mut Knowledge, relative: &str, parsed: ParsedNote) {
    for message in parsed.problems {
        knowledge.problems.push(Problem { path: relative.to_string(), message });
    }
    if parsed.chunks.is_empty() {
        knowledge
            .problems
            .push(Problem { path: relative.to_string(), message: "no text to index (empty note)".to_string() });
        return;
    }
    knowledge.files += 1;
    knowledge.chunks.extend(parsed.chunks);
    knowledge.sections.extend(parsed.sections);
}

/// Cuts one note's text into chunks; `source` is the path shown in citations.
pub fn parse_note(source: &str, text: &str) -> ParsedNote {
    parse_page(source, text, &PageOptions::default())
}

/// How notes are read beyond their own text.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOptions {
    /// The Jekyll site the notes are pages of (`_config.yml`), for `{{ site.X }}`.
    pub site: SiteConfig,
    /// List items longer than this are cited as passages (`knowledge.passage_lines`; 0: never).
    pub passage_lines: u32,
    /// Runs of one-level list items are cited together up to this many lines
    /// (`knowledge.item_group_lines`; 1: every item alone).
    pub item_group_lines: u32,
    /// What one note may cost to read.
    pub limits: NoteLimits,
    /// Whether chunks are searchable by their note's file name (`knowledge.file_titles`).
    pub file_titles: bool,
    /// Whether a list's items are searchable with the paragraph that introduces the list
    /// (`knowledge.lead_ins`).
    pub lead_ins: bool,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions {
            site: SiteConfig::default(),
            passage_lines: DEFAULT_PASSAGE_LINES,
            item_group_lines: DEFAULT_ITEM_GROUP_LINES,
            limits: NoteLimits::default(),
            file_titles: true,
            lead_ins: true,
        }
    }
}

/// `knowledge.passage_lines` of the built-in configuration.
pub const DEFAULT_PASSAGE_LINES: u32 = 20;
/// `knowledge.item_group_lines` of the built-in configuration.
pub const DEFAULT_ITEM_GROUP_LINES: u32 = 8;

/// Like [`parse_note`], with `options`: a page with front matter has its Liquid rendered first,
/// as Jekyll does (only such pages are rendered).
pub fn parse_page(source: &str, text: &str, options: &PageOptions) -> ParsedNote {
    let front = frontmatter::split(text, &options.limits);
    let masked = frontmatter::mask_kramdown(&front.body);
    let has_front_matter = text.lines().next().is_some_and(|first| first.trim_end() == "---");
    let rendered = if has_front_matter { liquid::render(&masked, &options.site) } else { masked };
    let mut parsed = markdown::chunk_note(source, &rendered, &front, options);
    if options.file_titles {
        let title = file_title_words(source);
        parsed.chunks.iter_mut().for_each(|chunk| chunk.file_title.clone_from(&title));
    }
    parsed
}
