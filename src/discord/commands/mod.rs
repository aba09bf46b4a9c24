//! Slash commands, one file each (the ferrisbot-for-discord layout), registered together.

mod ask;
mod reindex;
mod topic;

use super::{reply, retry, Context, Data, Error};

/// Every command the bot registers; the order is the order Discord lists them in.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![ask::ask(), topic::topic(), reindex::reindex()]
}

/// Counts a command against its author's and its server's question limits; over it, tells them so (ephemerally)
/// and returns false.
async fn within_rate_limit(ctx: Context<'_>) -> Result<bool, Error> {
    let data = ctx.data();
    if data.allow_question(ctx.author().id.get(), ctx.guild_id().map(|g| g.get())) {
        return Ok(true);
    }
    respond(ctx, reply::ephemeral_text(data.texts.rate_limited, data.texts)).await;
    Ok(false)
}

/// Answers the interaction with `response` (a follow-up once it was answered or deferred)
/// through [`retry::call`]: tried again after a 429, any other failure logged once with the
/// interaction's id and dropped, so the command does not fail a second time over it.
async fn respond(ctx: Context<'_>, response: poise::CreateReply) {
    retry::call("answer an interaction", ctx.id(), || ctx.send(response.clone())).await;
}
