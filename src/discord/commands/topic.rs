//! `/topic`: shows one section of the notes, picked with autocomplete over the headings.

use poise::serenity_prelude::{AutocompleteChoice, CreateAutocompleteResponse};

use super::super::asking::on_engine;
use super::super::reply::{self, NAME_MAX};
use super::super::{Context, Error};
use crate::answer::Topic;

/// Discord shows at most this many autocomplete choices.
const MAX_CHOICES: usize = 25;

/// Show a section of the team notes
///
/// The section text with its citation; the name is picked from autocomplete suggestions
/// ranked by prefix and by Korean tokens.
#[poise::command(
    slash_command,
    name_localized("ko", "주제"),
    description_localized("ko", "팀 노트의 한 부분을 보여 줍니다")
)]
pub async fn topic(
    ctx: Context<'_>,
    #[description = "Section heading"]
    #[name_localized("ko", "이름")]
    #[description_localized("ko", "섹션 제목")]
    #[autocomplete = "autocomplete_topic"]
    #[max_length = 100]
    name: String,
) -> Result<(), Error> {
    if !super::within_rate_limit(ctx).await? {
        return Ok(());
    }
    let data = ctx.data();
    let key = name.clone();
    let view = on_engine(&data.engine, move |engine| engine.topic(&key)).await?;
    let response = match view {
        _ if !data.engine.has_notes() => reply::embed_reply(reply::no_notes_embed(data.texts), true),
        Some(view) => reply::embed_reply(reply::topic_embed(&view, data.texts), false),
        None => reply::ephemeral_text(&data.texts.topic_not_found(&name), data.texts),
    };
    super::respond(ctx, response).await;
    Ok(())
}

/// Autocomplete for `name`: the engine's ranked suggestions as Discord choices.
async fn autocomplete_topic(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let partial = partial.to_owned();
    let topics = on_engine(&ctx.data().engine, move |engine| engine.suggest_topics(&partial, MAX_CHOICES))
        .await
        .unwrap_or_default();
    CreateAutocompleteResponse::new().set_choices(choices(&topics))
}

/// At most 25 choices of at most 100 characters, one per distinct value. The value names the
/// note too (`heading · note`), so equal headings in different notes each stay reachable; when
/// that is too long, the heading path, then its last heading. The label is the value, fitted.
fn choices(topics: &[Topic]) -> Vec<AutocompleteChoice> {
    let mut seen = std::collections::HashSet::new();
    topics
        .iter()
        .map(choice_value)
        .filter(|value| !value.is_empty() && seen.insert(value.clone()))
        .take(MAX_CHOICES)
        .map(|value| AutocompleteChoice::new(reply::fit_label(&value, NAME_MAX), value))
        .collect()
}

fn choice_value(topic: &Topic) -> String {
    [topic.name.clone(), topic.heading.clone()]
        .into_iter()
        .find(|value| reply::discord_len(value) <= NAME_MAX)
        .unwrap_or_else(|| reply::fit_label(topic.last_heading(), NAME_MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(heading: &str) -> Topic {
        let name = format!("{heading} · aws/overview.md");
        Topic { heading: heading.to_owned(), source: "aws/overview.md".to_owned(), lines: [1, 2], name }
    }

    #[test]
    fn choices_are_capped_deduplicated_and_short() {
        let mut topics: Vec<Topic> = (0..40).map(|i| topic(&format!("Overview › 주제 {i}"))).collect();
        topics.insert(1, topic("Overview › 주제 0"));
        topics.push(topic(&format!("{} › 마지막", "긴 제목 ".repeat(30))));
        let choices = choices(&topics);
        assert_eq!(choices.len(), MAX_CHOICES);
        let json = serde_json::to_value(&choices).unwrap();
        let values: Vec<&str> = json.as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
        assert_eq!(values.iter().filter(|v| **v == "Overview › 주제 0 · aws/overview.md").count(), 1);
        assert!(json.as_array().unwrap().iter().all(|c| reply::discord_len(c["name"].as_str().unwrap()) <= NAME_MAX));
        assert_eq!(choice_value(topics.last().unwrap()), "마지막");
    }
}
