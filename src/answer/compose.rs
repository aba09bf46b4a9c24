//! Assembling an [`Answer`] from ranked documents.

use std::collections::HashSet;
use std::ops::Range;
use std::time::Instant;

use super::counts::{asks_how_many, counts, AskedNumber};
use super::excerpt::{relevant_lines, relevant_passage_lines, shown_whole, trim_at_line};
use super::passages::{self, Candidate};
use super::{source_url, Answer, Confidence, Hit};
use crate::analysis::{contains_hangul, TermClass};
use crate::index::OpenIndex;
use crate::knowledge::dedent;
use crate::lexicon::List;
use crate::search::{AbstentionParams, Coverage, PassageParams, QueryPlan, RankedDoc};

/// Suggestions offered when a question is not answered.
const MAX_SUGGESTIONS: usize = 3;
/// What composing an answer needs besides the question.
pub struct Composer<'a> {
    /// The live index.
    pub open: &'a OpenIndex,
    /// Thresholds, limits and the link base.
    pub options: &'a ComposeOptions,
}

/// The settings an answer is composed with, taken from `Settings` by the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct ComposeOptions {
    /// When the best hit answers (`search.weights.abstention`).
    pub abstention: AbstentionParams,
    /// Citations shown besides the answer's: those within this share of its score
    /// (`answer.citation_margin`).
    pub citation_margin: f32,
    /// Longest answer text before it is trimmed at a line (`answer.max_answer_chars`).
    pub max_answer_chars: usize,
    /// Prefix that turns a note's path into a link; empty for none (`knowledge.source_url_base`).
    pub source_url_base: String,
    /// Which of the best hits are cited together (`search.weights.passages`).
    pub passages: PassageParams,
}

/// Builds the answer: the best hit's answer text when it covers the question, citations for
/// the first `top` hits either way (neighbours among the best joined into one passage), and
/// nearby topics when unanswered. Also returns, for each hit, the question's concepts it holds
/// (bit `i` for concept `i` of the plan, as [`Coverage::found`]; a passage holds what each of
/// its hits held), for `--explain`.
pub fn compose(
    composer: &Composer<'_>,
    query: &str,
    plan: &QueryPlan,
    ranked: &[RankedDoc],
    top: usize,
    started: Instant,
) -> (Answer, Vec<u64>) {
    let mut loaded: Vec<Candidate> = ranked
        .iter()
        .filter_map(|r| {
            let (hit, qa) = load_hit(composer, r)?;
            Some(Candidate {
                coverage: r.coverage,
                ranked_share: r.ranked_share,
                hit,
                qa,
                reference_list: r.reference_list,
            })
        })
        .collect();
    let how_many = asks_how_many(query);
    let options = composer.options;
    let asked = if how_many { AskedNumber::of(query) } else { AskedNumber::default() };
    if how_many {
        lead_with_a_number(&mut loaded, &options.abstention, &asked);
    }
    let coverage = loaded.first().map(|c| c.coverage);
    let covered = coverage.is_some_and(|c| c.share >= options.abstention.min_coverage)
        && !asks_about_an_absent_name(query, plan, coverage)
        && !names_an_absent_number(query, plan, coverage);
    let no_number = how_many
        && loaded.first().is_some_and(|best| !number_where_asked(&best.hit.text, &concept_terms(plan), &asked));
    let answered = covered && !loaded.is_empty() && !no_number;
    let section_holding = |source: &str, first, last| composer.open.section_holding(source, first, last);
    let parts = passages::join_neighbours(&mut loaded, &options.passages, &options.source_url_base, section_holding);
    // The words the answer lacks are read from what it shows: the whole passage.
    let shown = loaded.first().map(|c| c.coverage);
    loaded.truncate(top);
    let found: Vec<u64> = loaded.iter().map(|c| c.coverage.found).collect();
    let loaded: Vec<(Hit, String)> = loaded.into_iter().map(|c| (c.hit, c.qa)).collect();
    let answer = match loaded.first() {
        Some((best, qa_answer)) if answered => answer_text(best, qa_answer, &parts, plan, options.max_answer_chars),
        _ => String::new(),
    };
    let hits: Vec<Hit> = loaded.into_iter().map(|(hit, _)| hit).collect();
    let (unmatched, unknown, missing) = missing_words(plan, shown);
    let best_text = hits.first().map(|h| crate::analysis::normalize(&h.text)).unwrap_or_default();
    let missing: Vec<String> =
        missing.iter().filter(|w| !mentions_stem(&best_text, w)).map(|w| as_written(query, w)).collect();
    let confidence = match (answered, missing.is_empty()) {
        (false, _) => Confidence::NotAnswered,
        (true, true) => Confidence::Answered,
        (true, false) => Confidence::Partial,
    };
    let reply = Answer {
        query: query.to_string(),
        answered,
        confidence,
        cited: cited(&hits, options.citation_margin),
        answer: trim_at_line(&answer, options.max_answer_chars),
        suggestions: if answered { Vec::new() } else { suggestions(&hits) },
        hits,
        coverage: coverage.map_or(0.0, |c| c.share),
        unmatched,
        unknown,
        missing: if answered { missing } else { Vec::new() },
        no_number,
        truncated: false,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    };
    (reply, found)
}

/// For a question that asks how many, a first hit that states no number (in the unit asked,
/// when one is) cannot answer it; a hit close behind (within `number_search_depth`) that covers
/// nearly as much (at least `number_hit_min_coverage` of its share) and states one is put first
/// instead. Shares are those the candidates were ranked by, rarity among them included.
fn lead_with_a_number(loaded: &mut [Candidate], params: &AbstentionParams, asked: &AskedNumber) {
    let Some(best) = loaded.first() else {
        return;
    };
    if asked.stated_in(&best.hit.text) {
        return;
    }
    let enough = best.ranked_share * params.number_hit_min_coverage;
    let stated = |c: &Candidate| c.ranked_share >= enough && asked.stated_in(&c.hit.text);
    let found = loaded.iter().take(params.number_search_depth + 1).skip(1).position(stated);
    if let Some(at) = found {
        loaded[..at + 2].rotate_right(1);
    }
}

/// Each concept's terms, as typed and widened: a line speaks of a concept when it holds any.
fn concept_terms(plan: &QueryPlan) -> Vec<HashSet<&str>> {
    let mut terms: Vec<HashSet<&str>> = vec![HashSet::new(); plan.concepts.len()];
    for variant in &plan.variants {
        if let Some(set) = terms.get_mut(variant.concept) {
            set.extend(variant.terms.iter().map(String::as_str));
        }
    }
    for (set, concept) in terms.iter_mut().zip(&plan.concepts) {
        set.insert(concept.text.as_str());
    }
    terms
}

/// Whether `text` states a number where it speaks of what was asked: on a line that holds the
/// most of the question's concepts (in any of their forms, each counted once: `대역 폭` is one
/// concept, not two), or the line after one (an item's label and its value). A chunk of several
/// bullets may state a number about something else (`6시간에 100번` beside the line about the
/// scan that was asked about). A question that names a unit (`몇 초`) needs the number in it.
fn number_where_asked(text: &str, concepts: &[HashSet<&str>], asked: &AskedNumber) -> bool {
    let lines: Vec<String> = text.lines().map(crate::analysis::normalize).collect();
    let speaks_of = |line: &String, terms: &HashSet<&str>| terms.iter().any(|t| line.contains(*t));
    let scores: Vec<usize> =
        lines.iter().map(|line| concepts.iter().filter(|terms| speaks_of(line, terms)).count()).collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return asked.stated_in(text);
    }
    let where_asked = (0..lines.len()).filter(|&i| scores[i] == best).flat_map(|i| [i, i + 1]);
    let raw: Vec<&str> = text.lines().collect();
    where_asked.filter_map(|i| raw.get(i)).any(|line| asked.stated_in(line))
}

/// How many of the first hits to show: the answer's and those scoring at least
/// `1 - margin` of it (hits come best first).
fn cited(hits: &[Hit], margin: f32) -> usize {
    let Some(best) = hits.first() else { return 0 };
    let floor = best.score * (1.0 - margin.clamp(0.0, 1.0));
    1 + hits[1..].iter().take_while(|h| h.score >= floor).count()
}

/// The question's terms the best hit lacks; the written names and nouns among them that the
/// notes never mention; and the content words among them (names and nouns that are not
/// ordinary question words), as written.
fn missing_words(plan: &QueryPlan, coverage: Option<Coverage>) -> (Vec<String>, Vec<String>, Vec<String>) {
    let missing: Vec<usize> = (0..plan.concepts.len()).filter(|&i| coverage.is_none_or(|c| !c.contains(i))).collect();
    let content = |i: usize| plan.concepts[i].is_topic_word() && !is_question_word(&plan.concepts[i]);
    let unknown = missing
        .iter()
        .filter(|&&i| coverage.is_none_or(|c| c.is_unknown(i)) && content(i))
        .map(|&i| plan.concepts[i].word.clone());
    let lacking = missing.iter().filter(|&&i| content(i)).map(|&i| plan.concepts[i].word.clone());
    (missing.iter().map(|&i| plan.concepts[i].text.clone()).collect(), distinct(unknown), distinct(lacking))
}

/// Whether normalised `text` has a Latin word of at least six letters in another form
/// (`terminate` in `termination`): the index matches whole words, a reader does not.
fn mentions_stem(text: &str, word: &str) -> bool {
    let chars = word.chars().count();
    word.is_ascii() && chars >= 6 && text.contains(&word[..chars - 2])
}

/// `word` as the question wrote it (`NLB`, not the index's `nlb`), when it is there.
fn as_written(query: &str, word: &str) -> String {
    let lower = query.to_lowercase();
    match lower.find(word) {
        Some(at) if lower.len() == query.len() => query[at..at + word.len()].to_string(),
        _ => word.to_string(),
    }
}

/// Words that ask rather than name (`얼마야?`, `차이가 뭐야?`; `src/lexicon/question_words.txt`):
/// a question's answer need not contain them, so their absence never makes an answer partial and
/// they are never reported as missing from the notes.
fn is_question_word(concept: &crate::search::Concept) -> bool {
    let words = List::QuestionWords.words();
    words.contains(&concept.text.to_lowercase()) || words.contains(&concept.word.to_lowercase())
}

/// A question naming something in Latin script (`WebSocket`, `Glacier`, `Seoul`) that the notes
/// never mention asks about what the notes do not cover, however well its other words match.
/// Names are written with a capital letter or a digit (`SQS`, `s3`), a capital that only
/// starts an English sentence aside. A Korean question's other Latin words are names too
/// (`transitive routing`), unless they are ordinary words: English frame words, and words the
/// glossary or alias file knows (`verification`, `memory`), which the notes may lack in
/// either language without the question being about something else, unless the answer holds
/// no form of them at all.
fn asks_about_an_absent_name(query: &str, plan: &QueryPlan, coverage: Option<Coverage>) -> bool {
    let Some(coverage) = coverage else {
        return false;
    };
    let korean = contains_hangul(query);
    let names = written_names(query, korean);
    plan.concepts.iter().enumerate().any(|(i, c)| {
        if c.class != TermClass::Latin || c.is_frame_word() {
            return false;
        }
        let name = names.contains(&c.text) || korean;
        let absent_word = coverage.is_unknown(i) && (names.contains(&c.text) || (korean && !has_alternatives(plan, i)));
        // Never written as typed, and the answer holds it in no other form either: what only
        // sounds like it elsewhere in the notes (`svelte` → `서블릿`) is not what was asked.
        let translated = plan.variants.iter().any(|v| v.concept == i && v.widener.is_translation());
        let unaddressed = coverage.is_untyped(i) && !coverage.contains(i) && name && !translated;
        absent_word || unaddressed
    })
}

/// A number that names something (`TLS 1.3`, `429` of a status, `IEEE 754`) rather than counts
/// it (`60초`, `3가지`, `1TB`) must be in the answer: a hit about another version or code
/// answers another question. A number names when no unit or counter is written after it.
fn names_an_absent_number(query: &str, plan: &QueryPlan, coverage: Option<Coverage>) -> bool {
    let Some(coverage) = coverage else {
        return false;
    };
    let mut missing = plan.concepts.iter().enumerate().filter(|&(i, c)| {
        c.class == TermClass::Number && !coverage.contains(i) && c.text.chars().all(|ch| ch.is_ascii_digit())
    });
    let Some(first) = missing.next() else {
        return false;
    };
    let lower = query.to_lowercase();
    std::iter::once(first).chain(missing).any(|(_, c)| names(&lower, &c.text))
}

/// Whether `number` stands in `text` with no unit or counter after it: neither glued to it
/// (`60초`, `1tb`; a particle may be, `172로`) nor as the next word (`3 가지`).
fn names(text: &str, number: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(number).map(|at| at + from) {
        let mut end = at + number.len();
        from = end;
        if let Some(decimals) = text[end..].strip_prefix('.') {
            end += 1 + decimals.len() - decimals.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        }
        let before = text[..at].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            continue; // inside a longer number or a word (`ec2`)
        }
        let glued = &text[end..text[end..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |at| end + at)];
        if !glued.is_empty() && !crate::analysis::is_only_particles(glued) {
            continue; // a unit glued on (`60초`, `1tb`), not a particle (`172로`)
        }
        if !glued.is_empty() || !counts(text[end..].split_whitespace().next().unwrap_or("")) {
            return true;
        }
    }
    false
}

/// Whether the plan searched concept `index` in other words too; for a concept the notes
/// never mention, those can only be alias or glossary alternatives.
fn has_alternatives(plan: &QueryPlan, index: usize) -> bool {
    plan.variants.iter().filter(|v| v.concept == index).nth(1).is_some()
}

/// Lower-cased Latin words written with a capital letter or a digit after the first letter
/// (`SQS`, `ec2`; words that start with a digit are numbers, never names); in English text
/// (`sentence_starts_count` false), not counting a capital that only starts a sentence.
fn written_names(text: &str, sentence_starts_count: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut sentence_start = true;
    for word in text.split_whitespace() {
        for run in word.split(|c: char| !c.is_ascii_alphanumeric()).filter(|run| !run.is_empty()) {
            let capital = run.starts_with(|c: char| c.is_ascii_uppercase());
            let inner_capital_or_digit = run.chars().skip(1).any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if inner_capital_or_digit || (capital && (sentence_starts_count || !sentence_start)) {
                names.push(run.to_ascii_lowercase());
            }
            sentence_start = false;
        }
        sentence_start = word.ends_with(['.', '?', '!']);
    }
    names
}

/// Keeps the first of each repeated word, in order.
fn distinct(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// The hit with its stored Q&A answer (empty for sections).
fn load_hit(composer: &Composer<'_>, ranked: &RankedDoc) -> Option<(Hit, String)> {
    let chunk = match composer.open.chunk(ranked.address) {
        Ok(chunk) => chunk,
        Err(e) => {
            tracing::warn!("a ranked chunk could not be read from the index and is left out: {e}");
            return None;
        }
    };
    let hit = Hit {
        kind: chunk.kind,
        url: source_url(&composer.options.source_url_base, &chunk.source, chunk.lines),
        source: chunk.source.clone(),
        heading: chunk.heading.clone(),
        lines: chunk.lines,
        score: ranked.score,
        text: chunk.text.clone(),
    };
    Some((hit, chunk.answer.clone()))
}

/// A Q&A pair short enough to show whole is shown with its question, which gives the answer
/// its subject (`네. 가능합니다.` alone says nothing); a longer one by its answer. A section
/// by its relevant lines; a passage of joined hits (`parts`, each hit's lines, the best hit's
/// first) by each hit's, or by the best hit's alone when all of them would be trimmed at
/// `max_chars` (a long neighbour above must not push the best hit's lines out).
fn answer_text(best: &Hit, qa_answer: &str, parts: &[[u32; 2]], plan: &QueryPlan, max_chars: usize) -> String {
    if !qa_answer.is_empty() {
        return if shown_whole(&best.text) { best.text.clone() } else { qa_answer.to_string() };
    }
    let mut concepts: Vec<Vec<&str>> = vec![Vec::new(); plan.concepts.len()];
    for term in &plan.terms {
        if let Some(forms) = concepts.get_mut(term.concept) {
            forms.push(term.text.as_str());
        }
    }
    for variant in &plan.variants {
        if let Some(forms) = concepts.get_mut(variant.concept) {
            forms.extend(variant.terms.iter().map(String::as_str));
        }
    }
    if parts.len() > 1 {
        let first = best.lines[0];
        let parts: Vec<Range<usize>> =
            parts.iter().map(|[a, b]| (a - first) as usize..(b - first + 1) as usize).collect();
        let shown = relevant_passage_lines(&best.text, &parts, &concepts);
        if shown.chars().count() <= max_chars {
            return shown;
        }
        let own: Vec<&str> = best.text.lines().skip(parts[0].start).take(parts[0].len()).collect();
        return relevant_lines(&dedent(&own), &concepts);
    }
    relevant_lines(&best.text, &concepts)
}

fn suggestions(hits: &[Hit]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for hit in hits {
        if !out.contains(&hit.heading) {
            out.push(hit.heading.clone());
        }
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{as_written, lead_with_a_number, mentions_stem, names, number_where_asked, AskedNumber, Candidate};
    use crate::answer::Hit;
    use crate::knowledge::ChunkKind;
    use crate::search::{AbstentionParams, Coverage};

    fn candidate(share: f32, ranked_share: f32, text: &str) -> Candidate {
        let hit = Hit {
            kind: ChunkKind::Section,
            source: "db/join.md".to_string(),
            heading: "JOIN".to_string(),
            lines: [1, 1],
            score: 1.0,
            text: text.to_string(),
            url: None,
        };
        let coverage = Coverage { share, found: 1, unknown: 0, untyped: 0 };
        Candidate { coverage, ranked_share, hit, qa: String::new(), reference_list: false }
    }

    #[test]
    fn a_number_close_behind_leads_only_if_it_was_ranked_nearly_as_well() {
        let params = AbstentionParams::default();
        // The join's own section states no number; a backtracking note's rows do.
        let loaded = || {
            vec![
                candidate(0.55, 0.75, "CROSS JOIN은 두 테이블의 모든 행을 조합한다."),
                candidate(0.45, 0.40, "N-Queen은 8개의 행에 퀸을 하나씩 둔다."),
            ]
        };
        let mut plain = loaded();
        plain[1].ranked_share = plain[1].coverage.share;
        plain[0].ranked_share = plain[0].coverage.share;
        lead_with_a_number(&mut plain, &params, &AskedNumber::default());
        assert!(plain[0].hit.text.starts_with("N-Queen"), "0.45 is within 0.8 of 0.55");
        let mut ranked = loaded();
        lead_with_a_number(&mut ranked, &params, &AskedNumber::default());
        assert!(ranked[0].hit.text.starts_with("CROSS"), "0.40 is not within 0.8 of what ranked it first, 0.75");
    }

    #[test]
    fn missing_words_are_named_as_written_and_other_forms_of_long_words_count() {
        assert_eq!(as_written("NLB 요금은 얼마야?", "nlb"), "NLB");
        assert_eq!(as_written("İstanbul NLB", "nlb"), "nlb", "lower-casing changed the length: left as indexed");
        assert!(mentions_stem("tls termination지원", "terminate"));
        assert!(!mentions_stem("tls termination지원", "terms"), "short words must match whole");
    }

    #[test]
    fn a_concept_written_in_two_words_counts_once_on_a_line() {
        let concepts: Vec<HashSet<&str>> =
            vec![["nat"].into(), ["gateway"].into(), ["bandwidth", "대역폭", "대역", "폭"].into()];
        let text = "- **Bandwidth**\n  - NAT Gateway : 10Gbps 까지 지원\n  - NAT Instance : 인스턴스 타입의 대역폭에 따라 다름";
        assert!(number_where_asked(text, &concepts, &AskedNumber::default()), "the gateway's line says 10Gbps");
        let elsewhere = "- NAT Gateway 요금은 시간 단위\n- 트래픽 요금은 따로\n- 로그는 7일 보관";
        assert!(
            !number_where_asked(elsewhere, &concepts[..2], &AskedNumber::default()),
            "the number is about the logs"
        );
    }

    #[test]
    fn a_number_names_unless_a_unit_or_counter_follows_it() {
        assert!(names("tls 1.3 핸드셰이크는 몇 rtt야", "1"), "a version");
        assert!(names("api가 429 응답을 주면", "429"), "a status code");
        assert!(names("ieee 754 단정도", "754"));
        assert!(!names("60초 안에 훑어보는 명령어", "60"), "a counter glued on");
        assert!(!names("경우 3 가지", "3"), "a counter as the next word");
        assert!(!names("1tb짜리 볼륨", "1"), "a unit glued on");
        assert!(!names("ec2 인스턴스", "2"), "part of a name");
        assert!(!names("4500 포트", "500"), "part of a longer number");
        assert!(names("172로 시작하는 사설 ip 대역", "172") && names("8080이 기본", "8080"), "a particle glued on");
    }
}
