//! `notebot serve`: the Discord bot, a thin adapter that turns channel questions and slash
//! commands into [`Engine`] calls and the answers into Discord replies with citations.
//!
//! The layout follows the Rust community's ferrisbot-for-discord: one file per command under
//! `commands/`, the message listener in `events`, admin checks in `permissions`, embeds and
//! Discord's length limits in `reply`, user-facing texts in `i18n` and the per-user and
//! per-server flood guards in `rate_limit`. Start-up and shutdown live in `client`.
//!
//! Every message the bot sends has allowed mentions set to none, so `@everyone` in a note or
//! a question never pings anyone: channel messages get them as the HTTP client's default,
//! command replies from poise's `FrameworkOptions::allowed_mentions` (both set in `client`).

mod asking;
mod client;
mod commands;
mod events;
mod permissions;
pub mod preview;
mod question;
mod rate_limit;
mod reply;
mod retry;
mod threads;

use std::sync::Arc;

pub use client::{run, run_until};

use crate::config::DiscordSettings;
use crate::engine::Engine;

/// State shared by every handler (poise's user data).
#[derive(Debug)]
pub struct Data {
    /// The search engine; all calls go through `spawn_blocking`.
    engine: Arc<Engine>,
    /// Reply texts in `discord.language`.
    texts: &'static crate::i18n::Texts,
    /// Per-user question limit.
    limiter: rate_limit::RateLimiter,
    /// Per-guild question limit, counted only for questions within their user's limit.
    guild_limiter: rate_limit::RateLimiter,
    /// One ⏳ per user per minute: a flood answered with a reaction per message would spend
    /// Discord's request budget (and the bot's memory, in queued calls) on the flood itself.
    slow_down_notices: rate_limit::RateLimiter,
    /// Threads the bot opened, for follow-ups.
    threads: threads::BotThreads,
}

impl Data {
    fn new(engine: Arc<Engine>) -> Self {
        let settings = &engine.settings().discord;
        Self {
            texts: crate::i18n::texts(settings.language),
            limiter: rate_limit::RateLimiter::new(settings.rate_limit_per_minute),
            guild_limiter: rate_limit::RateLimiter::new(settings.guild_rate_limit_per_minute),
            slow_down_notices: rate_limit::RateLimiter::new(1),
            threads: threads::BotThreads::default(),
            engine,
        }
    }

    /// Counts a question by `user` in `guild` (none: a direct message); false when it is over
    /// the user's or the server's limit. The user's limit is checked first, so one user's
    /// refused flood does not use up the server's share.
    fn allow_question(&self, user: u64, guild: Option<u64>) -> bool {
        self.limiter.allow(user) && guild.is_none_or(|guild| self.guild_limiter.allow(guild))
    }

    /// `[discord]` settings: the engine's, which never change while it runs.
    fn settings(&self) -> &DiscordSettings {
        &self.engine.settings().discord
    }
}

/// Error type of command and event handlers; poise's `on_error` logs it.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// Context handed to every command.
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Why the bot could not start or stopped. Messages never contain the token.
#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    /// No token configured. `notebot serve` checks for it before opening the engine and exits
    /// with code 2 (a usage error) and this message.
    #[error("no Discord bot token: set the DISCORD_TOKEN (or NOTEBOT__DISCORD__TOKEN) environment variable")]
    MissingToken,
    /// `discord.api_proxy` is not an `http(s)://` URL.
    #[error("`discord.api_proxy` must be an http:// or https:// URL, got {0:?}")]
    InvalidProxy(String),
    /// The gateway or REST client failed (bad token, network, Discord outage).
    #[error("Discord client error: {0}")]
    Client(#[source] Box<poise::serenity_prelude::Error>),
}

impl From<poise::serenity_prelude::Error> for DiscordError {
    fn from(error: poise::serenity_prelude::Error) -> Self {
        Self::Client(Box::new(error))
    }
}
