//! The bot's embeds as JSON without a connection to Discord, so reviewers and snapshot tests
//! can read exactly what would be posted.

use serde_json::Value;

use super::reply;
use crate::answer::Answer;
use crate::config::Language;
use crate::i18n;

/// The embed posted for `answer`, in `language`.
pub fn answer_embed(answer: &Answer, language: Language) -> Value {
    serde_json::to_value(reply::answer_embed(answer, i18n::texts(language))).unwrap_or_default()
}

/// The embed posted for any question while the knowledge folder holds no notes.
pub fn no_notes_embed(language: Language) -> Value {
    serde_json::to_value(reply::no_notes_embed(i18n::texts(language))).unwrap_or_default()
}
