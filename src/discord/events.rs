//! Channel messages: decides which ones are questions for the bot (answer channels, mentions,
//! direct messages, follow-ups in bot threads) and answers them in place or in a new thread.

use poise::serenity_prelude::{
    self as serenity, AutoArchiveDuration, ChannelId, Context, CreateEmbed, CreateThread, FullEvent, Message,
    MessageType, ReactionType, UserId,
};
use tracing::{debug, info};

use super::asking::{self, Outcome};
use super::question::{reads_as_question, strip_mentions};
use super::reply::{self, NAME_MAX};
use super::retry;
use super::{Data, Error};

/// Reaction put on a user's first message within a minute that is over the user's or the
/// server's rate limit.
const SLOW_DOWN: &str = "⏳";

/// Why a message is for the bot; decides whether chatter is ignored and where to reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A direct message: always addressed to the bot.
    Direct,
    /// A message that mentions the bot: always addressed to it.
    Mention,
    /// A message in a configured answer channel.
    AnswerChannel,
    /// A message in a thread the bot opened.
    BotThread,
}

/// A message the bot should answer, with its question text.
#[derive(Debug, PartialEq, Eq)]
struct Trigger {
    /// The message with mention markup stripped.
    question: String,
    /// Where it was asked.
    place: Place,
}

/// poise's event hook: routes the events the bot cares about.
pub async fn handle(fw: poise::FrameworkContext<'_, Data, Error>, event: &FullEvent) -> Result<(), Error> {
    match event {
        FullEvent::Ready { data_about_bot } => {
            info!(user = %data_about_bot.user.name, guilds = data_about_bot.guilds.len(), "connected to Discord");
        }
        FullEvent::Message { new_message } => {
            on_message(fw.serenity_context, fw.user_data, fw.bot_id(), new_message).await;
        }
        FullEvent::ThreadDelete { thread, .. } => fw.user_data.threads.forget(thread.id),
        _ => {}
    }
    Ok(())
}

/// Decides whether `msg` is for the bot. Pure, so the rules are unit-tested; `in_bot_thread`
/// is only asked (it takes a lock and a cache look-up) when nothing else decides.
fn classify(
    msg: &Message,
    bot: UserId,
    answer_channels: &[u64],
    in_bot_thread: impl FnOnce() -> bool,
) -> Option<Trigger> {
    // Cheapest checks first: most traffic in busy servers is other bots.
    if msg.author.bot || msg.author.id == bot || msg.webhook_id.is_some() {
        return None;
    }
    if !matches!(msg.kind, MessageType::Regular | MessageType::InlineReply) {
        return None;
    }
    let place = if msg.guild_id.is_none() {
        Place::Direct
    } else if msg.mentions_user_id(bot) {
        Place::Mention
    } else if answer_channels.contains(&msg.channel_id.get()) {
        Place::AnswerChannel
    } else if in_bot_thread() {
        Place::BotThread
    } else {
        return None;
    };
    let question = strip_mentions(&msg.content);
    // A bare mention (or empty DM) gets a hint; chatter like "thanks" gets nothing anywhere.
    let addressed = matches!(place, Place::Direct | Place::Mention);
    let bare = addressed && question.is_empty();
    (bare || reads_as_question(&question)).then_some(Trigger { question, place })
}

async fn on_message(ctx: &Context, data: &Data, bot: UserId, msg: &Message) {
    let in_bot_thread = || data.threads.is_bot_thread(ctx, msg.guild_id, msg.channel_id, bot);
    let Some(trigger) = classify(msg, bot, &data.settings().answer_channels, in_bot_thread) else {
        return;
    };
    if !data.allow_question(msg.author.id.get(), msg.guild_id.map(|g| g.get())) {
        debug!(user = %msg.author.id, guild = ?msg.guild_id, "rate limited");
        if !data.slow_down_notices.allow(msg.author.id.get()) {
            return; // this user already got a ⏳ within the minute
        }
        let slow_down = ReactionType::Unicode(SLOW_DOWN.to_owned());
        let on = format!("{}/{}", msg.channel_id, msg.id);
        retry::call("react to a rate-limited message", on, || msg.react(ctx, slow_down.clone())).await;
        return;
    }
    let typing = retry::Typing::start(std::sync::Arc::clone(&ctx.http), msg.channel_id);
    let context = match trigger.place {
        Place::BotThread | Place::Mention => data.threads.first_question(msg.channel_id),
        _ => None,
    };
    let embed = match asking::ask(&data.engine, &trigger.question, context.as_deref()).await {
        Outcome::Answer(answer) => {
            info!(answered = answer.answered, took_ms = answer.took_ms, place = ?trigger.place, "answering a message");
            Some(reply::answer_embed(&answer, data.texts))
        }
        Outcome::Empty => None,
        Outcome::Failed => Some(CreateEmbed::new().description(data.texts.search_failed)),
        Outcome::NoNotes => Some(reply::no_notes_embed(data.texts)),
    };
    deliver(ctx, data, msg, &trigger, embed).await;
    drop(typing);
}

/// Posts the reply: in a new thread when configured (and possible), else as a reply to `msg`.
/// Only mentions and answer-channel messages can open threads, so the thread look-up here
/// and the one in [`classify`] never both run for one message.
async fn deliver(ctx: &Context, data: &Data, msg: &Message, trigger: &Trigger, embed: Option<CreateEmbed>) {
    let message = match embed {
        Some(embed) => reply::embed_message(embed),
        None => reply::text_message(data.texts.empty_question, data.texts),
    };
    let wants_thread = data.settings().reply_in_thread
        && matches!(trigger.place, Place::AnswerChannel | Place::Mention)
        && !trigger.question.is_empty()
        && !data.threads.is_thread(ctx, msg.guild_id, msg.channel_id);
    if wants_thread {
        if let Some(thread) = open_thread(ctx, msg, &trigger.question).await {
            data.threads.remember(thread, &trigger.question);
            return send(ctx, thread, message).await;
        }
    }
    send(ctx, msg.channel_id, message.reference_message(msg)).await;
}

/// Opens a thread on `msg` named after `question`, which is never empty (so neither is the
/// name); `None` (logged) when Discord refuses, and the reply goes to the channel instead.
async fn open_thread(ctx: &Context, msg: &Message, question: &str) -> Option<ChannelId> {
    let name = reply::fit_label(question, NAME_MAX);
    let builder = CreateThread::new(name).auto_archive_duration(AutoArchiveDuration::OneDay);
    let on = format!("{}/{}", msg.channel_id, msg.id);
    let open = || msg.channel_id.create_thread_from_message(ctx, msg.id, builder.clone());
    Some(retry::call("open a thread (replying in the channel instead)", on, open).await?.id)
}

/// Posts `message` through [`retry::call`]: tried again after a 429, anything else logged once
/// and dropped.
async fn send(ctx: &Context, channel: ChannelId, message: serenity::CreateMessage) {
    retry::call("send a reply", channel, || channel.send_message(ctx, message.clone())).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const BOT: u64 = 900;

    fn message(content: &str, guild: Option<u64>, channel: u64, author_bot: bool, mentions: &[u64]) -> Message {
        let user = |id: u64, bot: bool| json!({"id": id.to_string(), "username": "u", "discriminator": "0", "global_name": null, "avatar": null, "bot": bot});
        serde_json::from_value(json!({
            "id": "1", "channel_id": channel.to_string(), "guild_id": guild.map(|g| g.to_string()),
            "author": user(5, author_bot), "content": content, "timestamp": "2024-01-01T00:00:00+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": mentions.iter().map(|m| user(*m, *m == BOT)).collect::<Vec<_>>(),
            "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
        }))
        .unwrap()
    }

    fn place(msg: &Message, in_thread: bool) -> Option<Place> {
        classify(msg, UserId::new(BOT), &[10], || in_thread).map(|t| t.place)
    }

    #[test]
    fn routes_messages_by_where_they_are() {
        assert_eq!(place(&message("NLB는?", Some(1), 10, false, &[]), false), Some(Place::AnswerChannel));
        assert_eq!(place(&message("감사합니다", Some(1), 10, false, &[]), false), None, "chatter");
        assert_eq!(place(&message("NLB는?", Some(1), 11, false, &[]), false), None, "other channel");
        assert_eq!(place(&message("<@900> NLB", Some(1), 11, false, &[BOT]), false), Some(Place::Mention));
        assert_eq!(place(&message("ECR 서명", None, 12, false, &[]), false), Some(Place::Direct));
        assert_eq!(place(&message("고마워", None, 12, false, &[]), false), None, "chatter in a DM");
        assert_eq!(place(&message("<@900> 감사!", Some(1), 11, false, &[BOT]), false), None, "chatter to the bot");
        assert_eq!(place(&message("<@900>", Some(1), 11, false, &[BOT]), false), Some(Place::Mention), "bare mention");
        assert_eq!(place(&message("가격은?", Some(1), 13, false, &[]), true), Some(Place::BotThread));
        assert_eq!(place(&message("NLB는?", Some(1), 10, true, &[]), false), None, "bots are ignored");
    }

    #[test]
    fn the_mention_is_stripped_from_the_question() {
        let msg = message("<@900>  ALB 와 NLB 차이?", Some(1), 11, false, &[BOT]);
        let trigger = classify(&msg, UserId::new(BOT), &[], || false).unwrap();
        assert_eq!(trigger.question, "ALB 와 NLB 차이?");
    }
}
