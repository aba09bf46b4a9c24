//! `notebot topics` and `notebot topic`.

use std::process::ExitCode;

use clap::Args;

use super::{fail, open_engine, texts};
use crate::config::Settings;

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
    name: Vec<String>,
}

/// Lists headings with their locations.
pub fn run_list(settings: Settings, args: &TopicsArgs) -> ExitCode {
    let engine = match open_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    for topic in engine.topics(args.prefix.as_deref()) {
        println!("{}  ({}:{}-{})", topic.heading, topic.source, topic.lines[0], topic.lines[1]);
    }
    ExitCode::SUCCESS
}

/// Prints one section and its citation.
pub fn run_show(settings: Settings, args: &TopicArgs) -> ExitCode {
    let language = settings.answer.language;
    let name = args.name.join(" ");
    let engine = match open_engine(settings) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let Some(view) = engine.topic(&name) else {
        return fail(1, &texts::no_topic(language, &name));
    };
    println!("{}\n", view.text);
    let topic = &view.topic;
    println!("[{}:{}-{}] {}", topic.source, topic.lines[0], topic.lines[1], topic.heading);
    if let Some(url) = view.url {
        println!("{url}");
    }
    ExitCode::SUCCESS
}
