//! Complete Discord payloads (gateway events and REST responses), shaped as Discord sends them.
//!
//! serenity silently drops an event whose payload misses a field its model requires, so every
//! builder here is checked against serenity's own types (see the test at the bottom, and the
//! fake's check on every dispatched frame).

use serde_json::{json, Value};

/// The bot's user id, equal to its application id as for every modern bot.
pub const BOT_ID: u64 = 1_000_000_000_000_000_001;
/// The guild the tests run in.
pub const GUILD_ID: u64 = 2_000_000_000_000_000_001;
/// A channel listed in `discord.answer_channels`.
pub const ANSWER_CHANNEL: u64 = 3_000_000_000_000_000_001;
/// A channel the bot only answers mentions in.
pub const OTHER_CHANNEL: u64 = 3_000_000_000_000_000_002;
/// The direct-message channel with the asker.
pub const DM_CHANNEL: u64 = 3_000_000_000_000_000_003;
/// A person asking questions.
pub const ASKER: u64 = 4_000_000_000_000_000_001;
/// A second person (rate limits are per user).
pub const OTHER_ASKER: u64 = 4_000_000_000_000_000_002;
/// A person listed in `discord.admin_user_ids`.
pub const ADMIN: u64 = 4_000_000_000_000_000_003;
/// Another bot in the server.
pub const OTHER_BOT: u64 = 4_000_000_000_000_000_009;
/// A role listed in `discord.admin_role_ids`.
pub const ADMIN_ROLE: u64 = 5_000_000_000_000_000_001;
/// A thread a person opened in [`OTHER_CHANNEL`] (listed in GUILD_CREATE).
pub const USER_THREAD: u64 = 3_000_000_000_000_000_011;
/// A thread the bot opened before it restarted (listed in GUILD_CREATE, owned by the bot).
pub const OLD_BOT_THREAD: u64 = 3_000_000_000_000_000_012;
/// Threads that exist before the bot connects: `(id, parent, owner)`.
pub const EXISTING_THREADS: [(u64, u64, u64); 2] =
    [(USER_THREAD, OTHER_CHANNEL, ASKER), (OLD_BOT_THREAD, ANSWER_CHANNEL, BOT_ID)];

const TIMESTAMP: &str = "2025-01-01T00:00:00.000000+00:00";

/// A user object as embedded in messages and members.
pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({
        "id": id.to_string(), "username": name, "discriminator": "0", "global_name": name,
        "avatar": null, "bot": bot, "public_flags": 0, "banner": null, "accent_color": null,
        "avatar_decoration_data": null, "collectibles": null, "primary_guild": null,
    })
}

/// The bot's own user, as in READY and `GET /users/@me`.
pub fn bot_user() -> Value {
    let mut user = user(BOT_ID, "notebot", true);
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["flags"] = json!(0);
    user["locale"] = json!("en-US");
    user["email"] = Value::Null;
    user
}

/// A guild member with `roles`, as interactions carry it (with its user).
pub fn member(user_id: u64, roles: &[u64]) -> Value {
    let mut member = partial_member(roles);
    member["user"] = user(user_id, &format!("user{}", user_id % 100), false);
    member["permissions"] = json!("2248473465835073");
    member
}

/// The `member` field of a guild MESSAGE_CREATE (no user: it is the author).
fn partial_member(roles: &[u64]) -> Value {
    json!({
        "roles": roles.iter().map(u64::to_string).collect::<Vec<_>>(), "nick": null, "avatar": null,
        "banner": null, "joined_at": TIMESTAMP, "premium_since": null, "deaf": false, "mute": false,
        "flags": 0, "pending": false, "communication_disabled_until": null,
        "unusual_dm_activity_until": null,
    })
}

/// A message as MESSAGE_CREATE delivers it.
pub struct MessageSpec<'a> {
    /// Message id.
    pub id: u64,
    /// Channel (or thread) id.
    pub channel: u64,
    /// `None` for a direct message.
    pub guild: Option<u64>,
    /// Author id.
    pub author: u64,
    /// Whether the author is a bot.
    pub author_bot: bool,
    /// Raw content, mention markup included.
    pub content: &'a str,
    /// Users mentioned (resolved as Discord does).
    pub mentions: &'a [u64],
}

/// The MESSAGE_CREATE payload for `spec`.
pub fn message(spec: &MessageSpec<'_>) -> Value {
    let mentions: Vec<Value> = spec.mentions.iter().map(|id| user(*id, "mentioned", *id == BOT_ID)).collect();
    let mut msg = json!({
        "id": spec.id.to_string(), "channel_id": spec.channel.to_string(),
        "author": user(spec.author, &format!("user{}", spec.author % 100), spec.author_bot),
        "content": spec.content, "timestamp": TIMESTAMP, "edited_timestamp": null, "tts": false,
        "mention_everyone": false, "mentions": mentions, "mention_roles": [], "attachments": [],
        "embeds": [], "components": [], "pinned": false, "type": 0, "flags": 0,
        "nonce": spec.id.to_string(), "webhook_id": null,
    });
    if let Some(guild) = spec.guild {
        msg["guild_id"] = json!(guild.to_string());
        msg["member"] = partial_member(&[]);
    }
    msg
}

/// Who runs a slash command and where.
pub struct InteractionSpec<'a> {
    /// Interaction id.
    pub id: u64,
    /// Interaction token (used in callback and webhook URLs).
    pub token: &'a str,
    /// 2 = application command, 4 = autocomplete.
    pub kind: u8,
    /// Command name as registered.
    pub command: &'a str,
    /// Options as Discord sends them.
    pub options: Value,
    /// Invoking user.
    pub user: u64,
    /// Their roles in the guild.
    pub roles: &'a [u64],
}

/// The INTERACTION_CREATE payload for `spec`, in a guild text channel.
pub fn interaction(spec: &InteractionSpec<'_>) -> Value {
    json!({
        "id": spec.id.to_string(), "application_id": BOT_ID.to_string(), "type": spec.kind,
        "data": {
            "id": "7000000000000000001", "name": spec.command, "type": 1,
            "options": spec.options, "guild_id": GUILD_ID.to_string(),
        },
        "guild_id": GUILD_ID.to_string(),
        "channel": {"id": OTHER_CHANNEL.to_string(), "name": "general", "type": 0, "permissions": "2248473465835073", "parent_id": null},
        "channel_id": OTHER_CHANNEL.to_string(), "member": member(spec.user, spec.roles),
        "token": spec.token, "version": 1, "app_permissions": "2248473465835073", "locale": "ko",
        "guild_locale": "ko", "entitlements": [], "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
        "context": 0, "attachment_size_limit": 10_485_760,
    })
}

/// The READY payload for the bot's single shard.
pub fn ready(resume_url: &str) -> Value {
    json!({
        "v": 10, "user": bot_user(), "guilds": [{"id": GUILD_ID.to_string(), "unavailable": true}],
        "session_id": "fake-session", "resume_gateway_url": resume_url, "shard": [0, 1],
        "application": {"id": BOT_ID.to_string(), "flags": 0}, "private_channels": [], "relationships": [],
    })
}

/// `GET /gateway/bot`: one shard recommended.
pub fn bot_gateway(url: &str) -> Value {
    json!({
        "url": url, "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
    })
}

/// The message object Discord returns for a created message, built from the request body.
pub fn created_message(body: &Value, id: u64, channel: u64) -> Value {
    let mut msg = message(&MessageSpec {
        id,
        channel,
        guild: Some(GUILD_ID),
        author: BOT_ID,
        author_bot: true,
        content: body["content"].as_str().unwrap_or_default(),
        mentions: &[],
    });
    msg["author"] = bot_user();
    msg["embeds"] = body.get("embeds").cloned().unwrap_or_else(|| json!([]));
    msg["type"] = json!(if body.get("message_reference").is_some() { 19 } else { 0 });
    msg["flags"] = body.get("flags").cloned().unwrap_or_else(|| json!(0));
    if let Some(reference) = body.get("message_reference") {
        let mut reference = reference.clone();
        if reference.get("channel_id").is_none() {
            reference["channel_id"] = json!(channel.to_string());
        }
        msg["message_reference"] = reference;
    }
    msg
}

/// A public thread owned by `owner`, as GUILD_CREATE lists it and thread creation returns it.
pub fn thread(id: u64, parent: u64, owner: u64, name: &str) -> Value {
    json!({
        "id": id.to_string(), "guild_id": GUILD_ID.to_string(), "parent_id": parent.to_string(),
        "owner_id": owner.to_string(), "type": 11, "name": name, "last_message_id": null,
        "thread_metadata": {"archived": false, "auto_archive_duration": 1440, "archive_timestamp": TIMESTAMP, "locked": false, "create_timestamp": TIMESTAMP},
        "message_count": 0, "member_count": 1, "rate_limit_per_user": 0, "flags": 0, "total_message_sent": 0,
        "member": {"id": id.to_string(), "user_id": BOT_ID.to_string(), "join_timestamp": TIMESTAMP, "flags": 1},
    })
}

/// A guild text channel.
fn text_channel(id: u64, name: &str) -> Value {
    json!({
        "id": id.to_string(), "guild_id": GUILD_ID.to_string(), "type": 0, "name": name, "position": 0,
        "permission_overwrites": [], "topic": null, "nsfw": false, "last_message_id": null,
        "rate_limit_per_user": 0, "parent_id": null, "flags": 0,
    })
}

/// GUILD_CREATE for the test guild, as Discord sends it after READY: channels, the bot's
/// member, and the active threads (which is how the bot knows threads after a restart).
pub fn guild_create() -> Value {
    let threads: Vec<Value> =
        EXISTING_THREADS.iter().map(|(id, parent, owner)| thread(*id, *parent, *owner, "earlier thread")).collect();
    let mut guild = json!({
        "id": GUILD_ID.to_string(), "name": "notebot tests", "icon": null, "icon_hash": null, "splash": null,
        "discovery_splash": null, "owner_id": ADMIN.to_string(), "afk_channel_id": null, "afk_timeout": 300,
        "widget_enabled": false, "widget_channel_id": null, "verification_level": 1,
        "default_message_notifications": 1, "explicit_content_filter": 2, "features": [], "mfa_level": 0,
        "roles": [everyone_role()], "emojis": [], "stickers": [], "application_id": null,
        "system_channel_id": null, "system_channel_flags": 0, "rules_channel_id": null, "max_presences": null,
        "max_members": 500_000, "vanity_url_code": null, "description": null, "banner": null,
    });
    let extra = json!({
        "premium_tier": 0, "premium_subscription_count": 0, "preferred_locale": "ko",
        "public_updates_channel_id": null, "max_video_channel_users": 25, "max_stage_video_channel_users": 50,
        "nsfw_level": 0, "premium_progress_bar_enabled": false, "safety_alerts_channel_id": null,
        "incidents_data": null, "joined_at": TIMESTAMP, "large": false, "unavailable": false, "member_count": 4,
        "voice_states": [], "members": [member(BOT_ID, &[])],
        "channels": [text_channel(ANSWER_CHANNEL, "questions"), text_channel(OTHER_CHANNEL, "general")],
        "threads": threads, "presences": [], "stage_instances": [], "guild_scheduled_events": [],
    });
    for (key, value) in extra.as_object().expect("an object") {
        guild[key] = value.clone();
    }
    guild
}

fn everyone_role() -> Value {
    json!({
        "id": GUILD_ID.to_string(), "name": "@everyone", "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false, "managed": false, "mentionable": false, "permissions": "2248473465835073",
        "position": 0, "icon": null, "unicode_emoji": null, "flags": 0,
    })
}

/// The command objects Discord returns for a bulk overwrite, built from the request body.
pub fn registered_commands(body: &Value, guild: Option<u64>) -> Value {
    let commands = body.as_array().cloned().unwrap_or_default();
    let registered: Vec<Value> = commands
        .into_iter()
        .enumerate()
        .map(|(i, mut command)| {
            command["id"] = json!((7_000_000_000_000_000_001 + i as u64).to_string());
            command["application_id"] = json!(BOT_ID.to_string());
            command["version"] = json!("7000000000000000100");
            command["guild_id"] = guild.map_or(Value::Null, |g| json!(g.to_string()));
            if command.get("type").is_none() {
                command["type"] = json!(1);
            }
            command
        })
        .collect();
    Value::Array(registered)
}

/// Discord's JSON error body.
pub fn error(code: u32, message: &str) -> Value {
    json!({"code": code, "message": message})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serenity::model::application::{Command, Interaction};
    use serenity::model::gateway::{BotGateway, Ready};
    use serenity::model::prelude::*;

    fn check<T: serde::de::DeserializeOwned>(value: Value) -> T {
        match serde_json::from_value(value.clone()) {
            Ok(parsed) => parsed,
            Err(e) => panic!("{} rejects {value:#}: {e}", std::any::type_name::<T>()),
        }
    }

    #[test]
    fn every_payload_deserializes_as_serenity_model() {
        let _: User = check(user(ASKER, "a", false));
        let _: CurrentUser = check(bot_user());
        let _: Member = check(member(ASKER, &[ADMIN_ROLE]));
        let spec = MessageSpec {
            id: 9,
            channel: ANSWER_CHANNEL,
            guild: Some(GUILD_ID),
            author: ASKER,
            author_bot: false,
            content: "q",
            mentions: &[BOT_ID],
        };
        let msg: Message = check(message(&spec));
        assert!(msg.member.unwrap().roles.is_empty());
        let dm: Message = check(message(&MessageSpec { guild: None, ..spec }));
        assert!(dm.guild_id.is_none());
        let options = json!([{"type": 3, "name": "question", "value": "q"}]);
        let command = InteractionSpec { id: 1, token: "t", kind: 2, command: "ask", options, user: ASKER, roles: &[] };
        let parsed: Interaction = check(interaction(&command));
        let Interaction::Command(parsed) = parsed else { panic!("not a command") };
        assert_eq!(parsed.user.id.get(), ASKER, "the user comes from the member");
        let focused = json!([{"type": 3, "name": "name", "value": "리", "focused": true}]);
        let auto: Interaction =
            check(interaction(&InteractionSpec { kind: 4, command: "topic", options: focused, ..command }));
        assert!(matches!(auto, Interaction::Autocomplete(_)));
        let ready: Ready = check(ready("ws://x"));
        assert_eq!(ready.application.id.get(), BOT_ID);
        let _: BotGateway = check(bot_gateway("ws://x"));
        let body = json!({"content": "", "embeds": [{"title": "t"}], "message_reference": {"message_id": "9"}});
        let _: Message = check(created_message(&body, 10, ANSWER_CHANNEL));
        let _: GuildChannel = check(thread(11, ANSWER_CHANNEL, BOT_ID, "q"));
        let guild: Guild = check(guild_create());
        assert_eq!(guild.threads.len(), EXISTING_THREADS.len());
        assert_eq!(guild.channels.len(), 2);
        let body = json!([{"name": "ask", "description": "d", "options": [], "default_member_permissions": null}]);
        let _: Vec<Command> = check(registered_commands(&body, Some(GUILD_ID)));
    }
}
