//! The one place the bot's Discord REST calls are made from: channel replies, reactions,
//! typing, thread creation, interaction responses and follow-ups, command registration.
//!
//! Without `discord.api_proxy`, serenity's own rate limiter waits out every 429 for its
//! `retry_after` (per route, and globally when `X-RateLimit-Global` is set) before a call
//! returns, so a 429 reaches [`call`] only when Discord sent no `Retry-After`. Behind a proxy
//! serenity's limiter must be off (it would send to discord.com), a proxy may pass a 429 on,
//! and serenity 0.12 keeps only the status of a 429 (its error body drops `retry_after` and
//! the headers): [`call`] then waits 1 s, then 2 s, longer than the sub-second `retry_after`
//! Discord gives per route and for the global limit alike, and gives up after three tries.
//! A 429 means Discord did nothing, so trying again cannot do anything twice. Any other
//! failure is not retried: a 5xx may have taken effect after all, a 403 will not change.

use std::fmt::Display;
use std::future::Future;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tracing::warn;

/// Attempts at one call that Discord keeps answering with 429.
pub const TRIES: u32 = 3;
/// Wait before the first retry after a 429; doubled for each further one.
const RATE_LIMITED_WAIT: Duration = Duration::from_secs(1);

/// Makes the call `attempt` makes (`what`, e.g. "send a reply", on `on`, e.g. a channel),
/// trying again after a 429 as the module explains. Logs one warning per retry and one when it
/// gives up, naming `what`, `on`, the HTTP status and the tries; `None` then.
pub async fn call<T, F, Fut>(what: &str, on: impl Display, mut attempt: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let mut tries = 1;
    loop {
        match attempt().await {
            Ok(value) => return Some(value),
            Err(error) if status(&error) == Some(429) && tries < TRIES => {
                let wait = RATE_LIMITED_WAIT * 2u32.pow(tries - 1);
                warn!(%on, ?wait, tries, "{what}: rate limited by Discord; trying again");
                tokio::time::sleep(wait).await;
                tries += 1;
            }
            Err(error) => {
                // The status says what happened when the body is not Discord's JSON (a 502 page).
                warn!(status = status(&error), %error, %on, tries, "could not {what}");
                return None;
            }
        }
    }
}

/// The HTTP status Discord refused a request with, if that is what failed.
fn status(error: &serenity::Error) -> Option<u16> {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            Some(response.status_code.as_u16())
        }
        _ => None,
    }
}

/// "Bot is typing…" in `channel` until dropped: sent at once and every 7 s (Discord shows it
/// for 10 s), through [`call`]; a failure other than a 429 ends it.
pub struct Typing(tokio::task::JoinHandle<()>);

impl Typing {
    pub fn start(http: std::sync::Arc<serenity::Http>, channel: serenity::ChannelId) -> Typing {
        Typing(tokio::spawn(async move {
            while call("show typing", channel, || channel.broadcast_typing(&http)).await.is_some() {
                tokio::time::sleep(Duration::from_secs(7)).await;
            }
        }))
    }
}

impl Drop for Typing {
    fn drop(&mut self) {
        self.0.abort();
    }
}
