//! `/reindex`: rebuilds the index after notes change, for admins only, without stopping answers.

use tracing::{info, warn};

use super::super::asking::on_engine;
use super::super::permissions;
use super::super::{reply, retry};
use super::super::{Context, Error};
use crate::engine::{Engine, EngineError};

/// Rebuild the notes index (admins)
///
/// Registered with Manage Server as the default permission and checked again against the
/// configured admins. The reply is deferred because a rebuild can take longer than Discord's
/// three seconds; the engine swaps the new index in atomically, keeps serving the old one on
/// failure and refuses a second concurrent rebuild.
#[poise::command(
    slash_command,
    default_member_permissions = "MANAGE_GUILD",
    name_localized("ko", "재색인"),
    description_localized("ko", "노트 색인을 다시 만듭니다 (관리자)")
)]
pub async fn reindex(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    if !permissions::author_is_admin(ctx).await {
        warn!(user = %ctx.author().id, "refused /reindex from a non-admin");
        super::respond(ctx, reply::ephemeral_text(data.texts.not_admin, data.texts)).await;
        return Ok(());
    }
    if retry::call("defer an interaction", ctx.id(), || ctx.defer_ephemeral()).await.is_none() {
        return Ok(());
    }
    let result = on_engine(&data.engine, Engine::reindex).await?;
    let text = match result {
        Ok(stats) => {
            info!(files = stats.files, chunks = stats.chunks, took_ms = stats.took_ms, "reindexed");
            data.texts.reindex_done(stats.files, stats.chunks, stats.qa_pairs, stats.problems.len(), stats.took_ms)
        }
        Err(EngineError::ReindexInProgress) => data.texts.reindex_running.to_owned(),
        Err(error) => {
            warn!(%error, "reindex failed; the previous index keeps serving");
            data.texts.reindex_failed(&error.to_string())
        }
    };
    super::respond(ctx, reply::ephemeral_text(&text, data.texts)).await;
    Ok(())
}
