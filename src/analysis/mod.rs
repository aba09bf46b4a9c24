//! Korean and English text to index terms.
//!
//! Shaped like charabia: a [`normalize`] step (NFKC, lower case), a segmenter that splits
//! Latin/number runs from Korean runs (so `EC2인스턴스` yields `ec2`), lindera's mecab-ko-dic
//! segmentation of the Korean runs, and [`morphemes`] filters that keep content words the way
//! nori does and split inflected and compound words on mecab's expression field.

mod grams;
mod latin;
mod morphemes;
mod normalize;
mod numbers;
mod particles;
mod script;
mod tokenizer;

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use lindera::dictionary::load_dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera::token::Token;
use lindera::worker::SegmentWorker;

pub use grams::{normalized_bigrams, syllable_bigrams, GramTokenizer, GRAMS_TOKENIZER_NAME};
pub use morphemes::{is_english_frame_word, is_english_stopword};
pub use normalize::{case_breaks, normalize};
pub use particles::{is_only_particles, without_particle};
pub use script::{contains_hangul, is_hangul_syllable, is_hangul_word, is_word_char, jamo};
pub use tokenizer::{register_tokenizers, REPEATED_TEXT_TOKENIZER_NAME, TOKENIZER_NAME};

/// What kind of word a term is; questions lean on nouns and names far more than on verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermClass {
    /// Korean nouns, roots and Hanja.
    Noun,
    /// Verb and adjective stems.
    Verb,
    /// Latin-script words (`nlb`, `ec2`).
    Latin,
    /// Numbers and quantities (`2023`, `100gb`): they qualify a question rather than name its
    /// topic.
    Number,
}

/// One index term with its position (compound parts share their whole word's position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised term: a noun, a verb stem, a Latin word or a number.
    pub text: String,
    /// Noun, verb, Latin word or number.
    pub class: TermClass,
    /// Token position, handed to Tantivy (the index keeps frequencies only: no query reads
    /// positions) and kept right in case proximity is tried again.
    pub position: usize,
    /// Byte range in the normalised text.
    pub offset: (usize, usize),
    /// A part of the compound term just before it (`게이트` of `게이트웨이`), with the whole's
    /// offsets: a question counts the parts toward the whole word, not as words of their own.
    pub compound_part: bool,
    /// The written word without its particle (`길이` of `길이가`), added when the dictionary's
    /// pieces do not spell it (`길이 약` read as `길` + particle `이`): one more way for the
    /// same word in a note and a question to meet however each sentence was cut.
    pub written_form: bool,
}

/// Why the analyzer could not start (the embedded dictionary failed to load).
#[derive(Debug, thiserror::Error)]
#[error("the Korean dictionary could not be loaded: {0}")]
pub struct AnalyzerError(#[source] Arc<lindera::error::LinderaError>);

/// The Korean/English analyzer; cheap to clone, one dictionary per process.
#[derive(Clone)]
pub struct Analyzer {
    segmenter: Arc<Segmenter>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(ko-dic)")
    }
}

static SHARED: OnceLock<Result<Analyzer, Arc<lindera::error::LinderaError>>> = OnceLock::new();

impl Analyzer {
    /// The process-wide analyzer: the 80 MB dictionary is loaded once (about 0.1 s) and shared
    /// by every index, query and engine in the process.
    pub fn shared() -> Result<Analyzer, AnalyzerError> {
        SHARED
            .get_or_init(|| {
                let dictionary = load_dictionary("embedded://ko-dic").map_err(Arc::new)?;
                let segmenter = Segmenter::new(Mode::Normal, dictionary, None);
                Ok(Analyzer { segmenter: Arc::new(segmenter) })
            })
            .clone()
            .map_err(AnalyzerError)
    }

    /// Index terms of `text`, in order.
    pub fn analyze(&self, text: &str) -> Vec<Term> {
        let normalized = normalize(text);
        self.analyze_cased(text, &normalized)
    }

    /// Like [`Analyzer::analyze`] for text that is already normalised (offsets refer to it).
    /// Lower case hides where identifiers change case, so their parts are not added.
    pub fn analyze_normalized(&self, normalized: &str) -> Vec<Term> {
        self.analyze_with_breaks(normalized, &[])
    }

    /// Like [`Analyzer::analyze_normalized`], with `original` (the text before normalisation)
    /// telling where identifiers change case: `readinessProbe` is also indexed as its parts
    /// `readiness` and `probe`, so a question that spaces them meets it, and the other way round.
    pub fn analyze_cased(&self, original: &str, normalized: &str) -> Vec<Term> {
        self.analyze_with_breaks(normalized, &normalize::case_breaks(original, normalized))
    }

    fn analyze_with_breaks(&self, normalized: &str, case_breaks: &[usize]) -> Vec<Term> {
        let mut out = TermSink { case_breaks, ..TermSink::default() };
        let tokens: Vec<Seg> = if normalized.len() <= MAX_SEGMENTED_BYTES {
            self.segment(normalized, 0) // every chunk and question: no second copy of the tokens
        } else {
            pieces_of_at_most(normalized, MAX_SEGMENTED_BYTES)
                .flat_map(|(base, piece)| self.segment(piece, base))
                .collect()
        };
        for word in touching_runs(&tokens, |seg| (seg.start, seg.end)) {
            let written = &normalized[word[0].start..word[word.len() - 1].end];
            if !particles::is_only_particles(written) {
                self.push_word(normalized, word, &mut out);
            }
        }
        out.terms
    }

    /// Segments `text`; `base` is its byte offset in the whole text.
    fn segment(&self, text: &str, base: usize) -> Vec<Seg> {
        WORKER.with(|worker| {
            let mut worker = worker.borrow_mut();
            let worker = worker.get_or_insert_with(|| self.segmenter.new_worker());
            let Ok(tokens) = worker.segment(text) else {
                return Vec::new();
            };
            tokens
                .into_iter()
                .map(|mut token| {
                    let latin = script::is_latin(&token.surface);
                    let pieces = if latin { Arc::from([]) } else { entry_pieces(&mut token) };
                    Seg { latin, start: base + token.byte_start, end: base + token.byte_end, pieces }
                })
                .collect()
        })
    }

    /// Emits the terms of one space-delimited word (eojeol).
    fn push_word(&self, text: &str, word: &[Seg], out: &mut TermSink) {
        let mut i = 0;
        while i < word.len() {
            if word[i].latin {
                if let Some(quantity) = numbers::read_quantity(text, &word[i..]) {
                    i += quantity.tokens;
                    out.push_quantity(quantity);
                    continue;
                }
                let run = word[i..].iter().take_while(|s| s.latin).count();
                let (start, end) = (word[i].start, word[i + run - 1].end);
                out.push_latin(text, start, end);
                i += run;
                continue;
            }
            let tail = word[i..].iter().take_while(|s| !s.latin).count();
            let segs = &word[i..i + tail];
            let follows_latin = i > 0;
            let reread = if follows_latin { self.reread(text, segs) } else { None };
            for seg in reread.as_deref().unwrap_or(segs) {
                push_seg(seg, out);
            }
            i += tail;
        }
        push_written_form(text, word, out);
    }

    /// The dictionary's reading of `text` (normalised first): every morpheme with its
    /// mecab-ko-dic tag (`하`/`VV`, `는`/`ETM`) and whether the analyser indexes that tag, before
    /// stop lists and particles are taken out. For checking the word lists of `src/lexicon/`
    /// against what the dictionary produces.
    pub fn morphemes(&self, text: &str) -> Vec<(String, String, bool)> {
        let normalized = normalize(text);
        WORKER.with(|worker| {
            let mut worker = worker.borrow_mut();
            let worker = worker.get_or_insert_with(|| self.segmenter.new_worker());
            let Ok(tokens) = worker.segment(&normalized) else {
                return Vec::new();
            };
            let mut found = Vec::new();
            for mut token in tokens {
                let surface = token.surface.to_string();
                let details: Vec<String> = token.details().into_iter().map(str::to_string).collect();
                let details: Vec<&str> = details.iter().map(String::as_str).collect();
                for (text, tag) in morphemes::morphemes(&surface, &details) {
                    found.push((text.to_string(), tag.to_string(), morphemes::is_content_tag(tag)));
                }
            }
            found
        })
    }

    /// Re-segments a Korean tail glued to a Latin word on its own, if that reads it as fewer
    /// morphemes (`EC2인스턴스`: `인`+`스턴스` becomes `인스턴스`).
    fn reread(&self, text: &str, segs: &[Seg]) -> Option<Vec<Seg>> {
        if segs.len() < 2 {
            return None; // one morpheme (`NLB가`: a particle) cannot be read as fewer
        }
        let (start, end) = (segs.first()?.start, segs.last()?.end);
        let alone = self.segment(&text[start..end], start);
        (alone.len() < segs.len()).then_some(alone)
    }
}

/// Longest text handed to lindera at once. Notes are cut into chunks far shorter, but a note
/// written as one huge line is not: lindera then splits it itself, warning once per piece, and
/// its lattice grows with the text.
const MAX_SEGMENTED_BYTES: usize = 16 * 1024;

/// `text` in pieces of at most `max` bytes with their offsets, cut after the last white space
/// within the limit (mid-word only when a piece has none).
fn pieces_of_at_most(text: &str, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let mut end = rest.len();
        if end > max {
            end = max;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            if let Some(space) = rest[..end].rfind(char::is_whitespace) {
                end = space + rest[space..].chars().next().map_or(1, char::len_utf8);
            }
        }
        let piece = (start, &rest[..end]);
        start += end;
        Some(piece)
    })
}

/// Distinct dictionary entries a thread remembers the pieces of before it starts over; a
/// large note set uses a few tens of thousands.
const ENTRY_MEMO_CAPACITY: usize = 200_000;

thread_local! {
    /// This thread's lindera worker over the shared segmenter: its Viterbi lattice and
    /// backtrace buffers are reused from text to text instead of allocated for each (lindera's
    /// one-worker-per-thread pattern). There is one analyzer per process, so one worker suffices.
    static WORKER: RefCell<Option<SegmentWorker>> = const { RefCell::new(None) };

    /// Pieces of dictionary entries already seen on this thread, by word id: reading an
    /// entry's details (eight UTF-8 fields) and splitting its expression is most of the
    /// analysis cost after the lattice itself, and the same few thousand entries recur.
    static ENTRY_PIECES: RefCell<FxHashMap<u32, Arc<[morphemes::Piece]>>> = RefCell::new(FxHashMap::default());
}

/// Index pieces of one Korean token, from the memo for system-dictionary entries (their
/// surface and details never change) and from the details otherwise.
fn entry_pieces(token: &mut Token<'_>) -> Arc<[morphemes::Piece]> {
    let word = token.word_id;
    let memoized = !word.is_unknown() && word.is_system();
    if memoized {
        if let Some(pieces) = ENTRY_PIECES.with(|memo| memo.borrow().get(&word.id()).cloned()) {
            return pieces;
        }
    }
    let surface = token.surface.to_string();
    let pieces: Arc<[morphemes::Piece]> = morphemes::index_pieces(&surface, &token.details()).into();
    if memoized {
        ENTRY_PIECES.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.len() >= ENTRY_MEMO_CAPACITY {
                memo.clear();
            }
            memo.insert(word.id(), pieces.clone());
        });
    }
    pieces
}

/// One lindera token: where it is, whether it is a Latin word or number (regrouped later), and
/// the index terms its dictionary entry yields.
struct Seg {
    latin: bool,
    start: usize,
    end: usize,
    pieces: Arc<[morphemes::Piece]>,
}

/// Adds the written word without its particle, when it is Hangul, two syllables or more, not
/// a function word (it yields terms) and not already one of its own terms. Besides words the
/// dictionary cut differently (`길이 약` read as 길 + particle 이), this lets a question that
/// reuses a note's wording (`발원하여`, `메모리설정량에`) meet it as written.
fn push_written_form(text: &str, word: &[Seg], out: &mut TermSink) {
    let (Some(first), Some(last)) = (word.first(), word.last()) else {
        return;
    };
    let written = &text[first.start..last.end];
    if !is_hangul_word(written) {
        return;
    }
    let stem = without_particle(written);
    let emitted = out.terms.iter().rev().take_while(|t| t.offset.0 >= first.start);
    if stem.chars().count() < 2 || emitted.clone().any(|t| t.text == stem) || emitted.count() == 0 {
        return;
    }
    let offset = (first.start, first.start + stem.len());
    out.push(stem.to_string(), TermClass::Noun, offset, true, false);
    if let Some(term) = out.terms.last_mut() {
        term.written_form = true;
    }
}

/// Emits a token's pieces; a compound's first part shares the whole word's position.
fn push_seg(seg: &Seg, out: &mut TermSink) {
    let mut previous_was_part = false;
    for piece in seg.pieces.iter().cloned() {
        let first_part = piece.compound_part && !previous_was_part;
        previous_was_part = piece.compound_part;
        out.push(piece.text, piece.class, (seg.start, seg.end), first_part, piece.compound_part);
    }
}

/// Splits `items` into runs whose byte spans touch (each starts where the previous ends):
/// the pieces of one written word.
pub fn touching_runs<T>(items: &[T], span: impl Fn(&T) -> (usize, usize)) -> Vec<&[T]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || span(&items[i]).0 != span(&items[i - 1]).1 {
            if start < i {
                runs.push(&items[start..i]);
            }
            start = i;
        }
    }
    runs
}

/// Collects terms and assigns positions.
#[derive(Default)]
struct TermSink<'a> {
    terms: Vec<Term>,
    next_position: usize,
    /// Offsets where an identifier changes case (`readiness|Probe`), in order.
    case_breaks: &'a [usize],
}

impl TermSink<'_> {
    fn push(&mut self, text: String, class: TermClass, offset: (usize, usize), same_position: bool, part: bool) {
        let position = if same_position { self.next_position.saturating_sub(1) } else { self.next_position };
        if !same_position {
            self.next_position += 1;
        }
        self.terms.push(Term { text, class, position, offset, compound_part: part, written_form: false });
    }
}
