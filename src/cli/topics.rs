//! `notebot topics` and `notebot topic`.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{fail, finish, open_notes, EXIT_USAGE};
use crate::answer::{render, Topic};
use crate::config::{Language, Settings};
use crate::i18n::cli as texts;

/// Arguments of `notebot topics`.
#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Only headings starting with this text.
    prefix: Option<String>,
}

/// Arguments of `notebot topic`.
#[derive(Debug, Args)]
pub struct TopicArgs {
    /// A heading, as listed by `notebot topics` (its last part is enough).
    #[arg(required = true)]
    name: Vec<String>,
}

/// Lists headings with their locations.
pub fn run_list(settings: Settings, args: &TopicsArgs) -> ExitCode {
    let language = settings.answer.language;
    let engine = match open_notes(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let topics = engine.topics(args.prefix.as_deref());
    if let Some(prefix) = args.prefix.as_deref().filter(|_| topics.is_empty()) {
        return fail(1, &texts::no_topics_with_prefix(language, prefix));
    }
    let mut out = std::io::stdout().lock();
    let written = topics.iter().try_for_each(|topic| {
        writeln!(out, "{}  ({}:{}-{})", topic.heading, topic.source, topic.lines[0], topic.lines[1])
    });
    finish(written.and_then(|()| out.flush()), language)
}

/// Prints one section and its citation.
pub fn run_show(settings: Settings, args: &TopicArgs) -> ExitCode {
    let language = settings.answer.language;
    let name = args.name.join(" ");
    if name.trim().is_empty() {
        return fail(EXIT_USAGE, texts::empty_topic_name(language));
    }
    let engine = match open_notes(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let Some(view) = engine.topic(&name) else {
        return fail(1, &texts::no_topic(language, &name));
    };
    let topic = &view.topic;
    let mut out = std::io::stdout().lock();
    let written = writeln!(out, "{}\n", render::terminal(&view.text))
        .and_then(|()| writeln!(out, "[{}:{}-{}] {}", topic.source, topic.lines[0], topic.lines[1], topic.heading))
        .and_then(|()| view.url.as_ref().map_or(Ok(()), |url| writeln!(out, "{url}")))
        .and_then(|()| write_others(&mut out, &view.others, view.more_others, language))
        .and_then(|()| out.flush());
    finish(written, language)
}

/// Names the other sections the name fits, so a pick among equals is not silent.
fn write_others(out: &mut impl Write, others: &[Topic], more: usize, language: Language) -> std::io::Result<()> {
    if others.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{}:", crate::i18n::texts(language).other_topics)?;
    others.iter().try_for_each(|t| writeln!(out, "  notebot topic \"{}\"", t.name))?;
    if more > 0 {
        writeln!(out, "  {}", texts::more_topics(language, more))?;
    }
    Ok(())
}
