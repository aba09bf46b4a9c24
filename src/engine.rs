//! The engine the CLI and the Discord bot share: open (building the index when the notes
//! changed), ask, list and show topics, and rebuild while questions keep being answered.

use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use crate::analysis::{Analyzer, AnalyzerError};
use crate::answer::{self, source_url, Answer, ComposeOptions, Composer, IndexStats, Topic, TopicView};
use crate::config::{threads_or_cores, Settings};
use crate::index::{self, IndexError, IndexStore, OpenIndex};
use crate::knowledge::{self, Section};
use crate::search::{
    self, Aliases, ConceptReading, Expansions, QueryPlan, Ranking, RankingParams, Vocabulary, Wideners,
};
use rustc_hash::FxHashMap;

mod topics;

pub use crate::config::MAX_TOP;
// A question may ask for no more hits than the search ranks.
const _: () = assert!(MAX_TOP <= search::MAX_HITS);
/// Other sections a `/topic` name also fits that are named to the person; more would bury
/// the section shown.
const MAX_OTHER_TOPICS: usize = 5;

/// Why the engine could not open or rebuild.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The knowledge folder is missing or unreadable.
    #[error("{0}")]
    Knowledge(knowledge::Problem),
    /// The Korean dictionary failed to load.
    #[error(transparent)]
    Analyzer(#[from] AnalyzerError),
    /// The index could not be written or read; the previous one (if any) keeps serving.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// Another rebuild is running; this one was not started.
    #[error("a reindex is already running")]
    ReindexInProgress,
}

/// What happens while the engine opens or rebuilds that a person may need to hear about; the
/// CLI words it in the user's language, [`log_notice`] logs it in English for the bot.
#[derive(Debug)]
pub enum Notice<'a> {
    /// The index is being built from the notes in this folder.
    Building(&'a Path),
    /// Notes were skipped or read in part.
    Problems(&'a [knowledge::Problem]),
    /// The knowledge folder holds no notes: every question goes unanswered until notes are added.
    NoNotes(&'a Path),
    /// The notes changed but the index could not be rebuilt, so the index built before answers.
    KeptPrevious(&'a EngineError),
}

/// Logs a notice for operators (English, like every log line).
pub fn log_notice(notice: Notice<'_>) {
    match notice {
        Notice::Building(dir) => tracing::info!("building the index from {}", dir.display()),
        Notice::Problems(problems) => problems.iter().for_each(|p| tracing::warn!("{p}")),
        Notice::NoNotes(dir) => tracing::warn!(
            "no notes in {}: every question will go unanswered until *.md notes are added",
            dir.display()
        ),
        Notice::KeptPrevious(e) => {
            tracing::warn!(
                "the notes changed but the index could not be rebuilt, so the index built before answers: {e}"
            )
        }
    }
}

/// Why a question got no answer object at all.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    /// Nothing but white space was asked.
    #[error("the question is empty")]
    Empty,
    /// The index failed while searching.
    #[error("search failed: {0}")]
    Search(#[source] tantivy::TantivyError),
}

/// The serving index plus what is derived from it once per generation.
struct Live {
    open: OpenIndex,
    topics: Vec<Topic>,
    aliases: Aliases,
    vocabulary: Vocabulary,
}

impl Live {
    /// What a question is widened with over this generation, weighted by `params`.
    fn expansions<'a>(&'a self, params: &'a RankingParams) -> Expansions<'a> {
        Expansions { aliases: &self.aliases, vocabulary: &self.vocabulary, params }
    }
}

/// Shared by every caller; `ask` takes a read lock only long enough to clone an `Arc`.
pub struct Engine {
    settings: Settings,
    /// The answer's thresholds and limits, taken from `settings` once.
    compose: ComposeOptions,
    analyzer: Analyzer,
    store: IndexStore,
    live: RwLock<Arc<Live>>,
    rebuilding: Mutex<()>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("index", &self.store.dir()).finish()
    }
}

impl Engine {
    /// Opens the index, building it first when it is missing, unreadable or older than the notes;
    /// when that build fails (a note folder gone, an index folder turned read-only), the index
    /// built before keeps answering, with a warning.
    /// What happens on the way is logged ([`log_notice`]).
    pub fn open(settings: Settings) -> Result<Engine, EngineError> {
        Self::open_with_notice(settings, &log_notice)
    }

    /// Like [`Engine::open`]; `notice` hears about a build before it starts and about what it
    /// found, so a terminal can tell the person in their language.
    pub fn open_with_notice(settings: Settings, notice: &dyn Fn(Notice<'_>)) -> Result<Engine, EngineError> {
        Self::start(settings, notice, false)
    }

    /// Builds the index from the notes even when it is current, then opens it (`notebot index`):
    /// one build, where opening and then reindexing could build twice.
    pub fn open_rebuilt(settings: Settings, notice: &dyn Fn(Notice<'_>)) -> Result<Engine, EngineError> {
        Self::start(settings, notice, true)
    }

    fn start(settings: Settings, notice: &dyn Fn(Notice<'_>), rebuild: bool) -> Result<Engine, EngineError> {
        let analyzer = Analyzer::shared()?;
        let store = IndexStore::new(&settings.index.dir);
        let fingerprint = current_fingerprint(&settings);
        let seen = store.current();
        let current = if rebuild { None } else { index::open_current(&store, &analyzer) };
        let open = match current {
            Some(open) if open.manifest.fingerprint == fingerprint => {
                store.tidy();
                open
            }
            previous => {
                let reuse = if rebuild { None } else { Some(seen) };
                match (build_in_turn(&settings, &store, &analyzer, fingerprint, reuse, notice), previous) {
                    (Ok(open), _) => open,
                    (Err(e), Some(previous)) => {
                        notice(Notice::KeptPrevious(&e));
                        previous
                    }
                    (Err(e), None) => return Err(e),
                }
            }
        };
        Ok(Engine {
            live: RwLock::new(Arc::new(Live::new(open, &settings, &analyzer))),
            compose: compose_options(&settings),
            settings,
            analyzer,
            store,
            rebuilding: Mutex::new(()),
        })
    }

    /// The settings the engine was opened with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The ranking weights and thresholds questions are answered with (`[search.weights]`).
    pub fn params(&self) -> &RankingParams {
        &self.settings.search.weights
    }

    fn live(&self) -> Arc<Live> {
        match self.live.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Answers one question with up to `top` citations.
    pub fn ask(&self, question: &str, top: usize) -> Result<Answer, AskError> {
        self.answer(question, top, false).map(|(answer, _)| answer)
    }

    /// Like [`Engine::ask`], with how the question was read (concepts, weights, variants and
    /// the hits containing each), so a team can see why it was answered or declined.
    pub fn explain(&self, question: &str, top: usize) -> Result<(Answer, Vec<ConceptReading>), AskError> {
        self.answer(question, top, true)
    }

    /// How `question` is read with only `wideners` run, over the live notes: to test each
    /// widener alone and in the pipeline, and to compare them.
    pub fn read_with(&self, question: &str, wideners: Wideners<'_>) -> QueryPlan {
        let live = self.live();
        QueryPlan::build_with(&self.analyzer, question.trim(), live.expansions(self.params()), wideners)
    }

    fn answer(&self, question: &str, top: usize, explain: bool) -> Result<(Answer, Vec<ConceptReading>), AskError> {
        let started = Instant::now();
        let question = question.trim();
        if question.is_empty() {
            return Err(AskError::Empty);
        }
        let bounded = bounded_question(question, self.settings.search.max_question_chars);
        let live = self.live();
        let (ranking, params) = (self.settings.search.ranking, self.params());
        let plan = match ranking {
            Ranking::Notebot => QueryPlan::build(&self.analyzer, bounded, live.expansions(params)),
            Ranking::Bm25 => QueryPlan::own_words(&self.analyzer, bounded, params),
        };
        let top = top.clamp(1, MAX_TOP);
        // Hits beyond those shown still decide the answer (a number stated close behind the
        // best hit, a neighbour cited with it), and each hit joined into a passage leaves room
        // for one more.
        let joined_at_most = params.passages.depth.saturating_sub(1);
        let read = (top + joined_at_most).max(params.abstention.number_search_depth + 1).min(MAX_TOP);
        let ranked = search::rank(&live.open, &plan, read, ranking, params).map_err(AskError::Search)?;
        let composer = Composer { open: &live.open, options: &self.compose };
        let (mut answer, found) = answer::compose(&composer, bounded, &plan, &ranked, top, started);
        answer.truncated = bounded.len() < question.len();
        if answer.searched_nothing() {
            answer.suggestions = example_topic(&live.topics).into_iter().collect();
        }
        let reading = if explain { explain_reading(&live.open, &plan, &found, params) } else { Vec::new() };
        Ok((answer, reading))
    }

    /// Every heading, in note order, optionally only those starting with `prefix`.
    pub fn topics(&self, prefix: Option<&str>) -> Vec<Topic> {
        topics::with_prefix(&self.live().topics, prefix)
    }

    /// Headings ranked for autocomplete: prefix matches first, then shared Korean terms.
    pub fn suggest_topics(&self, partial: &str, limit: usize) -> Vec<Topic> {
        topics::suggest(&self.analyzer, &self.live().topics, partial, limit)
    }

    /// The section named `name` (a full heading path or its last heading, optionally followed by
    /// `· <note path>`), with its text and up to five other sections the name fits as well.
    pub fn topic(&self, name: &str) -> Option<TopicView> {
        let live = self.live();
        let found = topics::find(&self.analyzer, &live.topics, name)?;
        let section: &Section = live.open.manifest.sections.get(found.index)?;
        let topic = live.topics[found.index].clone();
        Some(TopicView {
            url: source_url(&self.settings.knowledge.source_url_base, &topic.source, topic.lines),
            text: section.text.clone(),
            topic,
            others: found.others.iter().take(MAX_OTHER_TOPICS).map(|&i| live.topics[i].clone()).collect(),
            more_others: found.others.len().saturating_sub(MAX_OTHER_TOPICS),
        })
    }

    /// Whether the serving index holds any note: with none, every question goes unanswered and
    /// the person should be told to add notes rather than that the notes do not answer.
    pub fn has_notes(&self) -> bool {
        self.live().open.manifest.files > 0
    }

    /// Counts of the serving index.
    pub fn stats(&self) -> IndexStats {
        let live = self.live();
        let manifest = &live.open.manifest;
        IndexStats {
            files: manifest.files,
            chunks: manifest.chunks,
            qa_pairs: manifest.qa_pairs,
            problems: manifest.problems.clone(),
            took_ms: manifest.build_ms,
        }
    }

    /// Rebuilds from the notes and swaps the new index in; questions keep being answered from
    /// the old one meanwhile, and on failure it stays. Concurrent calls do not rebuild twice.
    pub fn reindex(&self) -> Result<IndexStats, EngineError> {
        let Ok(_guard) = self.rebuilding.try_lock() else {
            return Err(EngineError::ReindexInProgress);
        };
        let fingerprint = current_fingerprint(&self.settings);
        let open = build_in_turn(&self.settings, &self.store, &self.analyzer, fingerprint, None, &log_notice)?;
        let fresh = Arc::new(Live::new(open, &self.settings, &self.analyzer));
        match self.live.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(self.stats())
    }
}

impl Live {
    /// Derives topics, loads the alias file and gathers the vocabulary for a new generation.
    fn new(open: OpenIndex, settings: &Settings, analyzer: &Analyzer) -> Live {
        let topics = topics::named(&open.manifest.sections);
        let mut groups = if settings.search.glossary { Aliases::glossary_groups() } else { Vec::new() };
        let knowledge = &settings.knowledge;
        match Aliases::read_groups_within(&knowledge.dir, &knowledge.aliases_path(), knowledge.max_note_bytes) {
            Ok(team) => groups.extend(team),
            Err(problem) => tracing::warn!("alias file ignored: {problem}"),
        }
        let mut origins = FxHashMap::default();
        // Pairs the notes write (translations, defined abbreviations): a group each, and each
        // side's first origin for `--explain`.
        let mut mined: Vec<(&String, &String, &String)> = Vec::new();
        let words;
        if settings.search.translations {
            let pairs = &open.manifest.translations;
            // Paired when a generation loads, not when the index is built, so that
            // `translation_word_support` takes effect without a rebuild; a few hundred pairs.
            words = knowledge::aligned_translation_words(pairs, settings.search.translation_word_support);
            mined.extend(pairs.iter().chain(&words).map(|pair| (&pair.hangul, &pair.english, &pair.origin)));
        }
        if settings.search.definitions {
            let definitions = open.manifest.abbreviations.iter();
            mined.extend(definitions.map(|definition| (&definition.short, &definition.long, &definition.origin)));
        }
        for (one, other, origin) in mined {
            groups.push(vec![one.clone(), other.clone()]);
            for form in [one, other] {
                origins.entry(form.clone()).or_insert_with(|| origin.clone());
            }
        }
        let aliases = Aliases::from_sourced_groups(&groups, &origins, analyzer);
        if !aliases.ignored().is_empty() {
            tracing::warn!("alias entries read as nothing, ignored: {}", aliases.ignored().join(", "));
        }
        let vocabulary = Vocabulary::from_index(&open, settings.search.weights.matching);
        Live { open, topics, aliases, vocabulary }
    }
}

/// What composing an answer takes from the settings.
fn compose_options(settings: &Settings) -> ComposeOptions {
    ComposeOptions {
        abstention: settings.search.weights.abstention,
        citation_margin: settings.answer.citation_margin,
        max_answer_chars: settings.answer.max_answer_chars,
        source_url_base: settings.knowledge.source_url_base.clone(),
        passages: settings.search.weights.passages,
    }
}

/// The beginning of `question` that is read: at most `max_chars` characters, cut after the last
/// whole word when there is one in the second half (a word cut in two would be searched as a
/// word the person never typed).
fn bounded_question(question: &str, max_chars: usize) -> &str {
    let Some((end, _)) = question.char_indices().nth(max_chars) else {
        return question;
    };
    let head = &question[..end];
    if question[end..].starts_with(char::is_whitespace) {
        return head.trim_end();
    }
    match head.rfind(char::is_whitespace) {
        Some(space) if head[..space].chars().count() >= max_chars / 2 => head[..space].trim_end(),
        _ => head,
    }
}

/// A topic of the notes in use to suggest asking about: the first short heading below a
/// note's title (`NLB`, `Spring Boot`), else the first heading.
fn example_topic(topics: &[Topic]) -> Option<String> {
    let short = |t: &&Topic| (2..=24).contains(&t.last_heading().chars().count());
    let below_title = topics.iter().filter(|t| t.heading.contains(knowledge::HEADING_SEPARATOR)).find(short);
    below_title.or_else(|| topics.iter().find(short)).map(|t| t.last_heading().to_string())
}

/// The notes' fingerprint, with the folder's real path (`./k`, `k/` and `/abs/k` are one folder
/// and must not force a rebuild), and the settings that shape the chunks: a change to either
/// rebuilds.
fn current_fingerprint(settings: &Settings) -> String {
    let dir = &settings.knowledge.dir;
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    let notes = knowledge::fingerprint(&dir, &[dir.join(&settings.knowledge.aliases_file)]);
    let chunking = &settings.knowledge;
    format!(
        "{notes};passages={};groups={};file_titles={};lead_ins={}",
        chunking.passage_lines, chunking.item_group_lines, chunking.file_titles, chunking.lead_ins
    )
}

/// Builds a new generation once no other process is building in the index folder. With
/// `reuse`, the generation that was live before waiting: when another process published a
/// different one meanwhile and it is built from the same notes, it is opened instead of built
/// again. `notice` hears about a build before it starts.
fn build_in_turn(
    settings: &Settings,
    store: &IndexStore,
    analyzer: &Analyzer,
    fingerprint: String,
    reuse: Option<Option<std::path::PathBuf>>,
    notice: &dyn Fn(Notice<'_>),
) -> Result<OpenIndex, EngineError> {
    let lock = store.lock_for_build()?;
    if let Some(seen) = reuse {
        let published = store.current().filter(|now| Some(now) != seen.as_ref());
        if published.is_some() {
            let fresh = index::open_current(store, analyzer).filter(|open| open.manifest.fingerprint == fingerprint);
            if let Some(open) = fresh {
                return Ok(open);
            }
        }
    }
    store.clear_abandoned(&lock);
    notice(Notice::Building(&settings.knowledge.dir));
    build(settings, store, analyzer, fingerprint, notice)
}

/// Builds a new generation from the notes; `fingerprint` is the notes' state read before
/// loading them, so a note edited meanwhile makes the next start rebuild.
fn build(
    settings: &Settings,
    store: &IndexStore,
    analyzer: &Analyzer,
    fingerprint: String,
    notice: &dyn Fn(Notice<'_>),
) -> Result<OpenIndex, EngineError> {
    let options = settings.knowledge.page_options();
    let readers = threads_or_cores(settings.index.threads);
    let knowledge = knowledge::load(&settings.knowledge.dir, readers, &options).map_err(EngineError::Knowledge)?;
    if !knowledge.problems.is_empty() {
        notice(Notice::Problems(&knowledge.problems));
    }
    if knowledge.files == 0 {
        notice(Notice::NoNotes(&settings.knowledge.dir));
    }
    Ok(index::build(store, &knowledge, fingerprint, analyzer, settings.index.threads)?)
}

/// How the question was read, for `--explain`; the answer stands without it, so a failure is
/// logged rather than failing the question.
fn explain_reading(open: &OpenIndex, plan: &QueryPlan, found: &[u64], params: &RankingParams) -> Vec<ConceptReading> {
    search::read(open, plan, found, &params.coverage).unwrap_or_else(|e| {
        tracing::warn!("the question's reading could not be computed: {e}");
        Vec::new()
    })
}
