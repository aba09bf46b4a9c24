//! Team-editable groups of equivalent terms (`오토스케일링 = auto scaling = autoscaling`),
//! applied at query time with less weight than the words actually typed.
//!
//! The file is TOML with one array per group:
//! ```toml
//! groups = [
//!   ["보안그룹", "security group", "SG"],
//!   ["람다", "lambda"],
//! ]
//! ```
//! Every entry is analysed like the notes, so spacing and particles do not matter. A
//! one-word Hangul entry is also matched as written (`엔엘비는` finds `엔엘비`): the
//! dictionary cuts spelled-out abbreviations and new loanwords differently from sentence to
//! sentence, so their analysed terms cannot be relied on.

use rustc_hash::FxHashMap;
use std::path::Path;

use serde::Deserialize;

use super::vocabulary::{english_stem, inflections_of_each_other, singular_forms, Vocabulary};

use crate::analysis::{contains_hangul, is_hangul_word, is_word_char, normalize, without_particle, Analyzer, Term};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    groups: Vec<Vec<String>>,
}

/// Alias groups, each alternative as its analysed term sequence, with an index from an
/// alternative's first term to where it occurs so a question is matched in a few lookups.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    groups: Vec<Vec<Phrase>>,
    by_first_term: FxHashMap<String, Vec<(usize, usize)>>,
    /// The same places by the English stem of the first term, for inflections no entry lists.
    by_first_stem: FxHashMap<String, Vec<(usize, usize)>>,
    by_hangul_word: FxHashMap<String, (usize, usize)>,
    ignored: Vec<String>,
}

/// One entry of a group, analysed.
#[derive(Debug, Clone)]
struct Phrase {
    /// Its terms in order, compound parts included: what a question holds when it uses it.
    terms: Vec<String>,
    /// Where the notes write it as a translation of another entry, for `--explain`.
    origin: Option<String>,
    /// The term sets a chunk may hold it as. A compound is its whole word or its parts, never
    /// necessarily both: the dictionary reads `사용자` whole alone but as `사용` + suffix in
    /// `사용자풀은`, so a chunk with the word rarely has the whole and every part.
    ways: Vec<Vec<String>>,
}

impl Phrase {
    fn new(terms: &[Term]) -> Phrase {
        let texts = |keep: &dyn Fn(usize) -> bool| -> Vec<String> {
            (0..terms.len()).filter(|&i| keep(i)).map(|i| terms[i].text.clone()).collect()
        };
        let has_parts = |i: usize| !terms[i].compound_part && terms.get(i + 1).is_some_and(|next| next.compound_part);
        let mut ways = vec![texts(&|i| !terms[i].compound_part)];
        if terms.iter().any(|t| t.compound_part) {
            ways.push(texts(&|i| !has_parts(i)));
        }
        Phrase { terms: texts(&|_| true), origin: None, ways }
    }

    fn as_written(word: &str) -> Phrase {
        Phrase { terms: vec![word.to_string()], origin: None, ways: vec![vec![word.to_string()]] }
    }
}

/// A written word of the question that is an alias entry the analysis did not read as such.
#[derive(Debug, Clone)]
pub struct MisreadWord {
    /// Byte range of the word (particle included) in the normalised question.
    pub span: (usize, usize),
    /// The word without its particle.
    pub text: String,
    /// The term sets a chunk may hold the entry itself as.
    pub own: Vec<Vec<String>>,
    /// The term sets of its group's other entries.
    pub alternatives: Vec<Vec<String>>,
    /// Where the notes write each of `alternatives` as a translation (`os.md:12`), if they do.
    pub origins: Vec<Option<String>>,
}

impl MisreadWord {
    /// Whether a term at `offset` was read from this word.
    pub fn spans(&self, offset: (usize, usize)) -> bool {
        offset.0 >= self.span.0 && offset.1 <= self.span.1
    }
}

/// One place where a question uses an alias, and the alternatives to add.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasMatch {
    /// Index of the first matched question term.
    pub start: usize,
    /// How many question terms the alias spans (`pre-warm` spans `pre` and `warm`).
    pub len: usize,
    /// The term sets a chunk may hold each other entry of the group as.
    pub alternatives: Vec<Vec<String>>,
    /// Where the notes write each of `alternatives` as a translation (`os.md:12`), if they do.
    pub origins: Vec<Option<String>>,
}

impl Aliases {
    /// Reads the alias file's groups; a missing file means none, a broken one is an error that
    /// says which file and why.
    pub fn read_groups(path: &Path) -> Result<Vec<Vec<String>>, String> {
        let notes = path.parent().unwrap_or(Path::new("."));
        Self::read_groups_within(notes, path, crate::knowledge::NoteLimits::default().max_note_bytes)
    }

    /// Like [`Aliases::read_groups`], with the checks a note gets (see
    /// [`crate::knowledge::read_team_file`]); a parse error names the line, never quotes it.
    pub fn read_groups_within(notes: &Path, path: &Path, max_bytes: u64) -> Result<Vec<Vec<String>>, String> {
        let shown = crate::knowledge::escaped(&path.display().to_string());
        let text = match crate::knowledge::read_team_file(notes, path, max_bytes) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(Vec::new()),
            Err(why) => return Err(format!("{shown} {why}")),
        };
        let file: AliasFile =
            toml::from_str(&text).map_err(|e| format!("{shown}: {}", crate::config::toml_problem(&text, &e)))?;
        Ok(file.groups)
    }

    /// The built-in English–Korean glossary's groups (`security` = `보안`,
    /// `src/lexicon/glossary.toml`): teams write notes in one language and ask in the other, and
    /// no team should have to list everyday words. Should the embedded file not parse (a test
    /// keeps that from shipping), the error is logged and the team's file serves alone.
    pub fn glossary_groups() -> Vec<Vec<String>> {
        match crate::lexicon::glossary() {
            Ok(groups) => groups.to_vec(),
            Err(why) => {
                tracing::error!("the built-in glossary is ignored: {why}");
                Vec::new()
            }
        }
    }

    /// Builds aliases from groups of phrases; groups that share a phrase become one.
    pub fn from_groups(groups: &[Vec<String>], analyzer: &Analyzer) -> Aliases {
        Self::from_sourced_groups(groups, &FxHashMap::default(), analyzer)
    }

    /// Like [`Aliases::from_groups`], with where the notes write some phrases (`교착상태` →
    /// `os.md:12`, keyed by the phrase as written), shown by `--explain`.
    pub fn from_sourced_groups(
        groups: &[Vec<String>],
        origins: &FxHashMap<String, String>,
        analyzer: &Analyzer,
    ) -> Aliases {
        let mut aliases = Aliases::default();
        let origins: FxHashMap<String, &String> = origins.iter().map(|(phrase, at)| (normalize(phrase), at)).collect();
        for group in &merge_overlapping(groups) {
            let mut phrases: Vec<(String, Phrase)> = Vec::with_capacity(group.len());
            for written in group {
                match entry_phrase(written, analyzer) {
                    Some(mut phrase) => {
                        phrase.origin = origins.get(written).map(|at| (*at).clone());
                        phrases.push((written.clone(), phrase))
                    }
                    None => aliases.ignored.push(written.clone()),
                }
            }
            if phrases.len() < 2 {
                continue;
            }
            let group_index = aliases.groups.len();
            let mut alternatives = Vec::with_capacity(phrases.len());
            for (alternative_index, (written, phrase)) in phrases.into_iter().enumerate() {
                let places = aliases.by_first_term.entry(phrase.terms[0].clone()).or_default();
                places.push((group_index, alternative_index));
                if let Some(stem) = english_stem(&phrase.terms[0]) {
                    aliases.by_first_stem.entry(stem).or_default().push((group_index, alternative_index));
                }
                if is_hangul_word(&written) {
                    aliases.by_hangul_word.insert(written, (group_index, alternative_index));
                }
                alternatives.push(phrase);
            }
            aliases.groups.push(alternatives);
        }
        aliases
    }

    /// Entries read as nothing (only particles, endings or stop words) and so ignored, for a
    /// warning that names them.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }

    /// The one-word Hangul entries written in `normalized` (particle aside) whose terms there,
    /// `terms`, are not the entry's own terms: the dictionary read the word differently in this
    /// sentence (`엔엘비는 뭘…` as `엔` + `비`), so matching terms would miss it.
    pub fn misread_words(&self, normalized: &str, terms: &[Term]) -> Vec<MisreadWord> {
        self.misread_words_widened(normalized, terms, &Vocabulary::default())
    }

    /// Like [`Aliases::misread_words`], the alternatives widened by the notes' inflections of
    /// their English words (see [`Aliases::find_widened`]).
    pub fn misread_words_widened(&self, normalized: &str, terms: &[Term], vocabulary: &Vocabulary) -> Vec<MisreadWord> {
        let mut found = Vec::new();
        if self.by_hangul_word.is_empty() {
            return found;
        }
        for (span, word) in written_words(normalized).filter(|(_, word)| contains_hangul(word)) {
            let entry = self.by_hangul_word.get(word).map(|&place| (word, place)).or_else(|| {
                let stem = without_particle(word);
                self.by_hangul_word.get(stem).map(|&place| (stem, place))
            });
            let Some((entry_word, (group, alternative))) = entry else {
                continue;
            };
            let read: Vec<&str> = terms
                .iter()
                .filter(|t| !t.written_form && t.offset.0 >= span.0 && t.offset.1 <= span.1)
                .map(|t| t.text.as_str())
                .collect();
            if read != self.groups[group][alternative].terms {
                let (alternatives, origins) = self.alternatives(group, alternative, entry_word, vocabulary);
                found.push(MisreadWord {
                    span,
                    text: entry_word.to_string(),
                    own: self.groups[group][alternative].ways.clone(),
                    alternatives,
                    origins,
                });
            }
        }
        found
    }

    /// Every alias occurrence in the question's terms, with the group's other alternatives.
    /// An English plural in the question matches an entry's singular (`network ACLs` is the
    /// entry `network ACL`), and so does another inflection (`supported` is `support`).
    pub fn find(&self, terms: &[String]) -> Vec<AliasMatch> {
        self.find_widened(terms, &Vocabulary::default())
    }

    /// Like [`Aliases::find`], with the alternatives widened by the notes' inflections of each
    /// one-word English entry (`support` → `supported`, `supports`): the stemmer stands in for
    /// the inflections the glossary used to list by hand.
    pub fn find_widened(&self, terms: &[String], vocabulary: &Vocabulary) -> Vec<AliasMatch> {
        let mut found = Vec::new();
        for (start, first) in terms.iter().enumerate() {
            let mut places: Vec<(usize, usize)> = Vec::new();
            for form in std::iter::once(first.clone()).chain(singular_forms(first)) {
                for &place in self.by_first_term.get(&form).into_iter().flatten() {
                    if !places.contains(&place) {
                        places.push(place);
                    }
                }
            }
            let stem_places = english_stem(first).and_then(|stem| self.by_first_stem.get(&stem));
            for &(group, entry) in stem_places.into_iter().flatten() {
                let inflected = inflections_of_each_other(first, &self.groups[group][entry].terms[0]);
                if inflected && !places.contains(&(group, entry)) {
                    places.push((group, entry));
                }
            }
            for (group_index, which) in places {
                let phrase = &self.groups[group_index][which];
                if starts_with_phrase(&terms[start..], &phrase.terms) {
                    let (alternatives, origins) = self.alternatives(group_index, which, first, vocabulary);
                    found.push(AliasMatch { start, len: phrase.terms.len(), alternatives, origins });
                }
            }
        }
        found
    }

    /// The ways of every entry of `group` but `entry` with where the notes write them, then
    /// the inflections the notes write of the group's one-word English entries, `entry`
    /// included when the question wrote it inflected (`supports` for `support`), `typed` aside.
    fn alternatives(
        &self,
        group: usize,
        entry: usize,
        typed: &str,
        vocabulary: &Vocabulary,
    ) -> (Vec<Vec<String>>, Vec<Option<String>>) {
        let mut ways = self.other_ways(group, entry);
        let mut origins = self.other_origins(group, entry);
        for (i, phrase) in self.groups[group].iter().enumerate() {
            let [word] = phrase.terms.as_slice() else {
                continue;
            };
            let own = (i == entry && word != typed).then(|| word.clone());
            for form in own.into_iter().chain(vocabulary.same_stem(word)) {
                let way = vec![form];
                if way[0] != typed && !ways.contains(&way) {
                    ways.push(way);
                    origins.push(phrase.origin.clone());
                }
            }
        }
        (ways, origins)
    }

    /// Where the notes write each of [`Aliases::other_ways`], in the same order.
    fn other_origins(&self, group: usize, entry: usize) -> Vec<Option<String>> {
        let others = self.groups[group].iter().enumerate().filter(|&(i, _)| i != entry);
        others.flat_map(|(_, phrase)| phrase.ways.iter().map(|_| phrase.origin.clone())).collect()
    }

    /// The ways of every entry of `group` but `entry`.
    fn other_ways(&self, group: usize, entry: usize) -> Vec<Vec<String>> {
        let others = self.groups[group].iter().enumerate().filter(|&(i, _)| i != entry);
        others.flat_map(|(_, phrase)| phrase.ways.iter().cloned()).collect()
    }
}

/// Whether the question's `terms` begin with an entry's terms, each typed as it is or as
/// its plural.
fn starts_with_phrase(terms: &[String], entry: &[String]) -> bool {
    let same_word = |typed: &String, term: &String| {
        typed == term || singular_forms(typed).any(|form| &form == term) || inflections_of_each_other(typed, term)
    };
    terms.len() >= entry.len() && terms.iter().zip(entry).all(|(typed, term)| same_word(typed, term))
}

/// An entry as it is searched. A one-word Hangul entry the dictionary reads as nothing but
/// endings (`알림` as 알리 + ㅁ, `이씨투`) is searched as written: the notes index every word as
/// written when the dictionary's pieces do not spell it. `None` when nothing is left.
fn entry_phrase(written: &str, analyzer: &Analyzer) -> Option<Phrase> {
    let terms: Vec<Term> = analyzer.analyze_normalized(written).into_iter().filter(|t| !t.written_form).collect();
    match terms.is_empty() {
        false => Some(Phrase::new(&terms)),
        true if is_hangul_word(written) => Some(Phrase::as_written(written)),
        true => None,
    }
}

/// Normalises every phrase and merges groups that share one (`리전` in the glossary and in the
/// team's file): equivalence is transitive, and a word must belong to a single group for the
/// misread-word look-up. Earlier groups' phrases come first.
fn merge_overlapping(groups: &[Vec<String>]) -> Vec<Vec<String>> {
    // Union-find over the groups with phrase lists linked in merge order, so a file of tens of
    // thousands of groups costs about as much as reading it: the earlier pairwise merging was
    // quadratic (32,000 groups: 4.3 s at every start). The result is as before: a merged group
    // lists the groups it absorbed in the order they were last extended, then its own new phrases.
    let mut component_of: FxHashMap<String, usize> = FxHashMap::default();
    let mut parent: Vec<usize> = Vec::new();
    let mut phrases: Vec<String> = Vec::new();
    let mut next: Vec<Option<usize>> = Vec::new();
    // Per component root: first and last phrase of its list, and when it was last extended.
    let mut ends: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut touched_at: Vec<usize> = Vec::new();
    fn root(parent: &mut [usize], mut c: usize) -> usize {
        while parent[c] != c {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        c
    }
    for (time, group) in groups.iter().enumerate() {
        let own: Vec<String> = group.iter().map(|phrase| normalize(phrase)).collect();
        let mut touched: Vec<usize> = Vec::new();
        for phrase in &own {
            if let Some(&c) = component_of.get(phrase) {
                touched.push(root(&mut parent, c));
            }
        }
        touched.sort_by_key(|&r| touched_at[r]);
        touched.dedup();
        let merged = parent.len();
        parent.push(merged);
        touched_at.push(time);
        let (mut head, mut tail): (Option<usize>, Option<usize>) = (None, None);
        for &r in &touched {
            parent[r] = merged;
            let (first, last) = ends[r];
            match tail {
                Some(t) => next[t] = first,
                None => head = first,
            }
            if last.is_some() {
                tail = last;
            }
        }
        for phrase in own {
            if component_of.contains_key(&phrase) {
                continue;
            }
            let id = phrases.len();
            component_of.insert(phrase.clone(), merged);
            phrases.push(phrase);
            next.push(None);
            match tail {
                Some(t) => next[t] = Some(id),
                None => head = Some(id),
            }
            tail = Some(id);
        }
        ends.push((head, tail));
    }
    let mut roots: Vec<usize> = (0..parent.len()).filter(|&c| parent[c] == c).collect();
    roots.sort_by_key(|&r| touched_at[r]);
    let mut taken: Vec<Option<String>> = phrases.into_iter().map(Some).collect();
    roots
        .into_iter()
        .map(|r| {
            let mut group = Vec::new();
            let mut at = ends[r].0;
            while let Some(id) = at {
                group.extend(taken[id].take());
                at = next[id];
            }
            group
        })
        .collect()
}

/// Whitespace-separated words of `text` without surrounding punctuation, with their byte ranges.
fn written_words(text: &str) -> impl Iterator<Item = ((usize, usize), &str)> {
    text.split_whitespace().filter_map(move |word| {
        // ASCII and Hangul first: `is_alphanumeric` alone looks every Hangul letter up in
        // Unicode's tables, which was most of this scan.
        let trimmed = word.trim_matches(|c: char| !is_word_char(c));
        let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
        (!trimmed.is_empty()).then_some(((start, start + trimmed.len()), trimmed))
    })
}
