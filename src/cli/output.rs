//! Printing for people and for scripts.

use std::io::Write;

use crate::answer::{render, Answer, Hit};
use crate::config::Language;
use crate::i18n;
use crate::search::ConceptReading;

use crate::i18n::cli as texts;

/// Logs to stderr, at `RUST_LOG` if set, else at the configured level.
pub fn init_logging(default_level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(format!("{default_level},tantivy=warn")))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .with_target(false)
        .try_init();
}

/// `[1] aws/overview.md:144-146 · Overview › Cloud Map › NACL`, plus the link when there is one.
pub fn citation_line(number: usize, hit: &Hit) -> String {
    let mut line = format!("[{number}] {} · {}", hit.location(), hit.heading);
    if let Some(url) = &hit.url {
        line.push_str(&format!("\n    {url}"));
    }
    line
}

/// A one-line confidence label, the answer rendered for the terminal, then the citations that
/// matter; for an unanswered question, why, the nearest topics and the closest citations.
pub fn write_answer(out: &mut impl Write, answer: &Answer, language: Language) -> std::io::Result<()> {
    let shared = i18n::texts(language);
    if answer.truncated {
        writeln!(out, "({})\n", shared.truncated(answer.query.chars().count()))?;
    }
    if answer.searched_nothing() {
        let example = answer.suggestions.first().map(|topic| format!("notebot ask \"{topic}\""));
        return writeln!(out, "{}", shared.no_words(example.as_deref()));
    }
    writeln!(out, "{}", texts::confidence_label(language, answer.confidence, &answer.missing))?;
    if answer.answered {
        writeln!(out, "{}\n", render::terminal(&answer.answer))?;
        for (i, hit) in answer.shown_hits().iter().enumerate() {
            writeln!(out, "{}", citation_line(i + 1, hit))?;
        }
        return Ok(());
    }
    if !answer.unknown.is_empty() {
        writeln!(out, "({})", shared.absent_words(&answer.unknown))?;
    }
    if answer.no_number {
        writeln!(out, "({})", shared.no_number())?;
    }
    if !answer.suggestions.is_empty() {
        let topics: Vec<String> = answer.suggestions.iter().map(|s| render::plain_inline(s)).collect();
        writeln!(out, "{}: {}", shared.nearest_topics, topics.join(", "))?;
    }
    if !answer.hits.is_empty() {
        writeln!(out, "\n{}:", texts::possibly_related(language))?;
        for (i, hit) in answer.shown_hits().iter().enumerate() {
            writeln!(out, "{}", citation_line(i + 1, hit))?;
        }
    }
    Ok(())
}

/// An answer with how its question was read (`ask --json --explain`): the answer's fields
/// plus `reading`.
#[derive(serde::Serialize)]
pub struct Explained<'a> {
    /// The answer, its fields at the top level.
    #[serde(flatten)]
    pub answer: &'a Answer,
    /// The question's concepts as searched.
    pub reading: &'a [ConceptReading],
}

/// An answer to a line of standard input (`ask --json` without a question): `line` (1-based)
/// says which, since blank and unreadable lines get no answer.
#[derive(serde::Serialize)]
pub struct FromLine<'a, T: serde::Serialize> {
    /// The input line the question was on.
    pub line: usize,
    /// The answer, its fields at the top level.
    #[serde(flatten)]
    pub answer: &'a T,
}

/// How the question was read, one concept a line, e.g.
/// `  nlb · 영문 35% · [1] [2] · nlb, network load balancer ×0.7, 엔엘비 ×0.7✗`
/// (✗: a form no note contains).
pub fn write_reading(
    out: &mut impl Write,
    answer: &Answer,
    reading: &[ConceptReading],
    min_coverage: f32,
    language: Language,
) -> std::io::Result<()> {
    writeln!(out, "\n{}", texts::reading_heading(language, answer.coverage, min_coverage))?;
    if reading.is_empty() {
        writeln!(out, "  {}", texts::nothing_searchable(language))?;
    }
    for concept in reading {
        writeln!(out, "  {}", reading_line(concept, language))?;
    }
    Ok(())
}

fn reading_line(concept: &ConceptReading, language: Language) -> String {
    let place = if !concept.in_notes {
        texts::not_in_notes(language).to_string()
    } else if concept.found_in.is_empty() {
        texts::not_in_citations(language).to_string()
    } else {
        concept.found_in.iter().map(|n| format!("[{n}]")).collect::<Vec<_>>().join(" ")
    };
    let forms: Vec<String> = concept
        .variants
        .iter()
        .map(|v| {
            let weight = if v.weight < 1.0 { format!(" ×{}", short_weight(v.weight)) } else { String::new() };
            let origin = v.origin.as_ref().map(|at| format!(" ({at})")).unwrap_or_default();
            format!("{}{weight}{}{origin}", v.terms, if v.in_notes { "" } else { "✗" })
        })
        .collect();
    let word = if concept.word == concept.term {
        concept.term.clone()
    } else {
        format!("{} ({})", concept.word, concept.term)
    };
    let class = texts::word_class(language, concept.class);
    format!("{word} · {class} {:.0}% · {place} · {}", concept.share * 100.0, forms.join(", "))
}

/// One JSON object on one line, flushed so a reading process sees it at once.
pub fn write_json_line(out: &mut impl Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    out.flush()
}

/// A variant's weight as configured (`0.7`, `0.35`), without float noise (`0.699999`).
fn short_weight(weight: f32) -> String {
    let text = format!("{weight:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::short_weight;

    #[test]
    fn weights_keep_their_second_decimal_and_drop_trailing_zeros() {
        assert_eq!(short_weight(0.7), "0.7");
        assert_eq!(short_weight(0.35), "0.35");
        assert_eq!(short_weight(0.6000001), "0.6");
        assert_eq!(short_weight(0.05), "0.05");
    }
}
