//! Threads the bot opened, with the question each one started from, so follow-ups in them are
//! answered (with the first question as context) without anyone mentioning the bot.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use poise::serenity_prelude::{ChannelId, Context, GuildId, UserId};

/// Threads remembered at most; the oldest are forgotten first (they are archived long since).
const CAPACITY: usize = 10_000;

/// In-memory registry of bot threads; after a restart the gateway cache still tells which
/// threads the bot owns, only the first question is then unknown.
#[derive(Debug, Default)]
pub struct BotThreads {
    inner: Mutex<Registry>,
}

#[derive(Debug, Default)]
struct Registry {
    questions: HashMap<ChannelId, String>,
    order: VecDeque<ChannelId>,
}

impl BotThreads {
    /// The registry; a panic elsewhere while it was held leaves it usable.
    fn registry(&self) -> MutexGuard<'_, Registry> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a thread the bot just opened for `question`.
    pub fn remember(&self, thread: ChannelId, question: &str) {
        let mut reg = self.registry();
        if reg.questions.insert(thread, question.to_owned()).is_none() {
            reg.order.push_back(thread);
        }
        while reg.order.len() > CAPACITY {
            if let Some(old) = reg.order.pop_front() {
                reg.questions.remove(&old);
            }
        }
    }

    /// Drops a deleted thread.
    pub fn forget(&self, thread: ChannelId) {
        let mut reg = self.registry();
        if reg.questions.remove(&thread).is_some() {
            reg.order.retain(|t| *t != thread);
        }
    }

    /// The question a bot thread started from, used as context for follow-ups.
    pub fn first_question(&self, thread: ChannelId) -> Option<String> {
        self.registry().questions.get(&thread).cloned()
    }

    /// Whether `channel` is a thread this bot opened (remembered, or owned per the cache).
    pub fn is_bot_thread(&self, ctx: &Context, guild: Option<GuildId>, channel: ChannelId, bot: UserId) -> bool {
        self.remembers(channel) || cached_thread_owner(ctx, guild, channel).is_some_and(|owner| owner == Some(bot))
    }

    /// Whether `channel` is any thread (threads cannot have threads opened on their messages).
    pub fn is_thread(&self, ctx: &Context, guild: Option<GuildId>, channel: ChannelId) -> bool {
        self.remembers(channel) || cached_thread_owner(ctx, guild, channel).is_some()
    }

    fn remembers(&self, thread: ChannelId) -> bool {
        self.registry().questions.contains_key(&thread)
    }
}

/// `Some(owner)` when the gateway cache knows `channel` as a thread of `guild`.
fn cached_thread_owner(ctx: &Context, guild: Option<GuildId>, channel: ChannelId) -> Option<Option<UserId>> {
    let guild = ctx.cache.guild(guild?)?;
    guild.threads.iter().find(|t| t.id == channel).map(|t| t.owner_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_forgets_and_stays_bounded() {
        let threads = BotThreads::default();
        threads.remember(ChannelId::new(1), "NLB?");
        assert_eq!(threads.first_question(ChannelId::new(1)).as_deref(), Some("NLB?"));
        threads.forget(ChannelId::new(1));
        assert_eq!(threads.first_question(ChannelId::new(1)), None);
        for id in 1..=(CAPACITY as u64 + 5) {
            threads.remember(ChannelId::new(id), "q");
        }
        assert_eq!(threads.first_question(ChannelId::new(1)), None, "oldest forgotten");
        assert!(threads.first_question(ChannelId::new(CAPACITY as u64 + 5)).is_some());
        assert_eq!(threads.inner.lock().unwrap().questions.len(), CAPACITY);
    }
}
