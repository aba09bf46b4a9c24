//! Start-up and shutdown: builds the HTTP client (direct or through `discord.api_proxy`), the
//! poise framework and an autosharded serenity client, and stops it cleanly on Ctrl-C/SIGTERM.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude::{self as serenity, GatewayIntents, GuildId, HttpBuilder};
use tracing::{error, info, warn};

use super::{commands, events, reply, retry, Data, DiscordError, Error};
use crate::engine::Engine;

/// How long shards get to close their gateway connections after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Runs the bot until Ctrl-C or SIGTERM; what `notebot serve` calls.
pub async fn run(engine: Arc<Engine>) -> Result<(), DiscordError> {
    run_until(engine, shutdown_signal()).await
}

/// Runs the bot until `shutdown` completes: [`run`] with the signal made explicit, so tests
/// (and embedders) drive the same code path and stop it deterministically.
pub async fn run_until<F>(engine: Arc<Engine>, shutdown: F) -> Result<(), DiscordError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let settings = &engine.settings().discord;
    let token = settings.token.trim();
    if token.is_empty() {
        return Err(DiscordError::MissingToken);
    }
    let http = build_http(token, settings.api_proxy.trim())?;
    let guild = (settings.guild_id != 0).then(|| GuildId::new(settings.guild_id));
    if settings.admin_user_ids.is_empty() && settings.admin_role_ids.is_empty() {
        warn!("no discord.admin_user_ids or discord.admin_role_ids: /reindex is refused to everyone");
    }
    if !engine.has_notes() {
        warn!(
            "no notes in {}: every question is answered with \"no notes yet\" until notes are added and /reindex is run",
            engine.settings().knowledge.dir.display()
        );
    }
    let mut client = serenity::ClientBuilder::new_with_http(http, intents())
        .framework(framework(Data::new(Arc::clone(&engine)), guild))
        .await?;
    info!(proxy = !settings.api_proxy.trim().is_empty(), ?guild, "connecting to Discord");
    let shard_manager = Arc::clone(&client.shard_manager);
    let start = client.start_autosharded();
    tokio::pin!(start);
    tokio::select! {
        result = &mut start => return result.map_err(DiscordError::from),
        () = shutdown => info!("shutting down"),
    }
    shard_manager.shutdown_all().await;
    match tokio::time::timeout(SHUTDOWN_GRACE, start).await {
        Ok(result) => result.map_err(DiscordError::from),
        Err(_) => {
            warn!("shards did not stop within {SHUTDOWN_GRACE:?}; exiting anyway");
            Ok(())
        }
    }
}

/// Message content is privileged (enable it in the developer portal); the rest are not.
fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// The REST client, sending every channel message with no mentions unless a message sets its
/// own (none does). With a proxy, serenity's own rate limiter must be off, or it would send
/// requests straight to Discord; rate limiting is then the proxy's job.
fn build_http(token: &str, proxy: &str) -> Result<serenity::Http, DiscordError> {
    let builder = HttpBuilder::new(token).default_allowed_mentions(reply::no_mentions());
    if proxy.is_empty() {
        return Ok(builder.build());
    }
    if !(proxy.starts_with("http://") || proxy.starts_with("https://")) {
        return Err(DiscordError::InvalidProxy(proxy.to_owned()));
    }
    Ok(builder.proxy(proxy.trim_end_matches('/')).ratelimiter_disabled(true).build())
}

/// poise with our commands, the message listener, and empty allowed mentions on every command
/// reply (poise fills them into each reply that sets none; interaction responses do not use
/// the HTTP client's default).
fn framework(data: Data, guild: Option<GuildId>) -> poise::Framework<Data, Error> {
    let options = poise::FrameworkOptions {
        commands: commands::all(),
        event_handler: |fw, event| Box::pin(events::handle(fw, event)),
        on_error: |error| Box::pin(on_error(error)),
        allowed_mentions: Some(reply::no_mentions()),
        initialize_owners: false,
        prefix_options: poise::PrefixFrameworkOptions { mention_as_prefix: false, ..Default::default() },
        ..Default::default()
    };
    // `Framework::new`, not the builder: the builder would turn `initialize_owners` back on
    // (an extra API call for an owner list the bot does not use).
    poise::Framework::new(options, move |ctx, _ready, framework| Box::pin(setup(ctx, framework, data, guild)))
}

/// Registers the commands (to one guild: instant; globally: may take an hour to show) and
/// hands poise the shared data. A failed registration is logged, not fatal: questions in
/// channels still work and the next start retries.
async fn setup(
    ctx: &serenity::Context,
    framework: &poise::Framework<Data, Error>,
    data: Data,
    guild: Option<GuildId>,
) -> Result<Data, Error> {
    let commands = &framework.options().commands;
    let register = || async move {
        match guild {
            Some(guild) => poise::builtins::register_in_guild(ctx, commands, guild).await,
            None => poise::builtins::register_globally(ctx, commands).await,
        }
    };
    let scope = guild.map_or_else(|| "all servers".to_owned(), |g| format!("server {g}"));
    if retry::call("register slash commands", scope, register).await.is_some() {
        info!(count = commands.len(), ?guild, "registered slash commands");
    }
    Ok(data)
}

/// Logs every framework error; a failed command also gets a short ephemeral apology.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            error!(command = %ctx.command().name, %error, "command failed");
            let texts = ctx.data().texts;
            let apology = reply::ephemeral_text(texts.search_failed, texts);
            retry::call("report a command failure", ctx.id(), || ctx.send(apology.clone())).await;
        }
        other => {
            if let Err(error) = poise::builtins::on_error(other).await {
                error!(%error, "could not handle a framework error");
            }
        }
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM (what `docker stop` sends).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
