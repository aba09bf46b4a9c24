//! `/ask`: the channel-question answer as an interaction reply, for channels the bot does not
//! read and for users who want an answer only they can see.

use super::super::asking::{self, Outcome};
use super::super::reply;
use super::super::{Context, Error};

/// Ask the team notes a question
///
/// Same answer and citations as a question asked in an answer channel; `ephemeral` keeps the
/// reply visible only to the asker.
#[poise::command(slash_command, name_localized("ko", "질문"), description_localized("ko", "팀 노트에 질문합니다"))]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in Korean or English"]
    #[name_localized("ko", "질문")]
    #[description_localized("ko", "한국어나 영어로 된 질문")]
    #[max_length = 500]
    question: String,
    #[description = "Only you see the answer (default: false)"]
    #[name_localized("ko", "나만보기")]
    #[description_localized("ko", "나에게만 답을 보여 줍니다 (기본값: 아니요)")]
    ephemeral: Option<bool>,
) -> Result<(), Error> {
    if !super::within_rate_limit(ctx).await? {
        return Ok(());
    }
    let data = ctx.data();
    let question = super::super::question::strip_mentions(&question);
    let response = match asking::ask(&data.engine, &question, None).await {
        Outcome::Answer(answer) => {
            tracing::info!(answered = answer.answered, took_ms = answer.took_ms, "answering /ask");
            reply::embed_reply(reply::answer_embed(&answer, data.texts), ephemeral.unwrap_or(false))
        }
        Outcome::Empty => reply::ephemeral_text(data.texts.empty_question, data.texts),
        Outcome::Failed => reply::ephemeral_text(data.texts.search_failed, data.texts),
        Outcome::NoNotes => reply::embed_reply(reply::no_notes_embed(data.texts), true),
    };
    super::respond(ctx, response).await;
    Ok(())
}
