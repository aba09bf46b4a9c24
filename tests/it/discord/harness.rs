//! Starts the real `notebot::discord::run_until` (the code path of `notebot serve`) against a
//! fresh fake Discord, over an engine on a temporary copy of the shipped note, and stops it
//! cleanly, checking on the way out that the token never reached a log.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notebot::config::{Settings, SettingsSources};
use notebot::discord::DiscordError;
use notebot::engine::Engine;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::oneshot;

use super::fake::{FakeDiscord, Request};
use super::logs;
use super::payloads::{self, InteractionSpec, MessageSpec};

/// The note every test answers from: the tests' own copy of the example note, so editing the
/// note users see breaks no test.
pub const SHIPPED_NOTE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/notes/aws/overview.md");

/// A running bot, its fake Discord and its engine.
pub struct Bot {
    /// The Discord stand-in the bot talks to.
    pub fake: FakeDiscord,
    /// The engine the bot serves (shared, so tests can look at the index directly).
    pub engine: Arc<Engine>,
    /// The bot's token (unique per test).
    pub token: String,
    folders: Folders,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), DiscordError>>>,
}

/// The temporary notes, index and config folders of an engine; they must outlive it.
pub struct Folders {
    knowledge: TempDir,
    _index: TempDir,
    _config: TempDir,
}

/// An engine over the shipped note plus `copies` copies of it and `notes`, in fresh temporary
/// folders, with the test settings changed by `configure`; no bot.
pub async fn open_engine(
    copies: usize,
    notes: &[(&str, &str)],
    configure: impl FnOnce(&mut Settings),
) -> (Folders, Arc<Engine>) {
    let (knowledge, index, config) = (temp(), temp(), temp());
    write_notes(knowledge.path(), copies, notes);
    let mut settings = settings(knowledge.path(), index.path(), config.path());
    configure(&mut settings);
    let engine =
        tokio::task::spawn_blocking(move || Engine::open(settings)).await.expect("engine task").expect("engine opens");
    (Folders { knowledge, _index: index, _config: config }, Arc::new(engine))
}

/// Hermetic settings: built-in defaults only (no `config/local.toml`, no environment).
fn settings(knowledge: &Path, index: &Path, config: &Path) -> Settings {
    let sources = SettingsSources { config_dir: Some(config.to_path_buf()), file: None, use_env: false };
    let mut settings = Settings::load(&sources).expect("default settings");
    settings.knowledge.dir = knowledge.to_path_buf();
    settings.index.dir = index.to_path_buf();
    settings.index.threads = 1;
    settings.discord.answer_channels = vec![payloads::ANSWER_CHANNEL];
    settings.discord.guild_id = payloads::GUILD_ID;
    settings.discord.admin_user_ids = vec![payloads::ADMIN];
    settings.discord.admin_role_ids = vec![payloads::ADMIN_ROLE];
    settings.discord.rate_limit_per_minute = 100;
    settings
}

/// `NO_PROXY` for 127.0.0.1, so a developer's `HTTP_PROXY` cannot divert the bot's calls.
fn bypass_proxies() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
        std::env::set_var("no_proxy", "127.0.0.1,localhost");
    });
}

impl Bot {
    /// Starts a bot over the shipped note plus `copies` copies of it and `notes`; `configure`
    /// adjusts settings. Returns once slash commands are registered (the bot is ready).
    pub async fn start(copies: usize, notes: &[(&str, &str)], configure: impl FnOnce(&mut Settings)) -> Bot {
        assert!(logs::install(), "the discord tests need the capturing log subscriber");
        bypass_proxies();
        let token = format!("NzkyNzE1NDU0MTk2MDg4ODQy.fake{}.secret-token-{}", std::process::id(), unique());
        let fake = FakeDiscord::start(&token).await;
        let (folders, engine) = open_engine(copies, notes, |settings| {
            settings.discord.token = token.clone();
            settings.discord.api_proxy = fake.url();
            configure(settings);
        })
        .await;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(notebot::discord::run_until(Arc::clone(&engine), async {
            let _ = stopped.await;
        }));
        let bot = Bot { fake, engine, token, folders, stop: Some(stop), task: Some(task) };
        bot.fake.wait_for("command registration", |r| r.method == "PUT" && r.path.ends_with("/commands")).await;
        bot
    }

    /// Where the notes are, to add one before `/reindex`.
    pub fn knowledge(&self) -> PathBuf {
        self.folders.knowledge.path().to_path_buf()
    }

    /// Dispatches a MESSAGE_CREATE; returns its id and dispatch time.
    pub fn say(&self, spec: MessageSpec<'_>) -> (u64, Instant) {
        let at = self.fake.dispatch("MESSAGE_CREATE", payloads::message(&spec));
        (spec.id, at)
    }

    /// A guild message by `author` in `channel`.
    pub fn message<'a>(&self, channel: u64, author: u64, content: &'a str) -> MessageSpec<'a> {
        MessageSpec {
            id: self.fake.id(),
            channel,
            guild: Some(payloads::GUILD_ID),
            author,
            author_bot: false,
            content,
            mentions: &[],
        }
    }

    /// Dispatches an INTERACTION_CREATE for `command` with `options`; returns its id.
    pub fn command(&self, kind: u8, command: &str, options: Value, user: u64, roles: &[u64]) -> u64 {
        let id = self.fake.id();
        self.command_as(id, kind, command, options, user, roles);
        id
    }

    /// [`Self::command`] with the interaction id given, so a test can script the fake's answers
    /// to its callback and follow-ups before the bot sees it.
    pub fn command_as(&self, id: u64, kind: u8, command: &str, options: Value, user: u64, roles: &[u64]) {
        let token = format!("itoken-{id}");
        let spec = InteractionSpec { id, token: &token, kind, command, options, user, roles };
        self.fake.dispatch("INTERACTION_CREATE", payloads::interaction(&spec));
    }

    /// Waits for the bot's message in `channel` (a reply, or a post in a thread).
    pub async fn reply_in(&self, channel: u64) -> Request {
        self.fake.wait_for(&format!("a message in {channel}"), |r| is_post_to(r, channel)).await
    }

    /// Waits for the interaction callback for interaction `id`.
    pub async fn callback(&self, id: u64) -> Request {
        let path = format!("/interactions/{id}/itoken-{id}/callback");
        self.fake.wait_for(&path.clone(), |r| r.path == path).await
    }

    /// Waits for a follow-up message on interaction `id` (after a deferred reply).
    pub async fn followup(&self, id: u64) -> Request {
        let path = format!("/webhooks/{}/itoken-{id}", payloads::BOT_ID);
        self.fake.wait_for(&path.clone(), |r| r.method == "POST" && r.path == path).await
    }

    /// Messages posted to `channel` so far.
    pub fn posts_to(&self, channel: u64) -> Vec<Request> {
        self.fake.requests().into_iter().filter(|r| is_post_to(r, channel)).collect()
    }

    /// Lets in-flight handlers finish, so "no reply" assertions mean something.
    pub async fn settle(&self) {
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Stops the bot like Ctrl-C does and checks it shut down cleanly: `run` returned Ok, the
    /// gateway got a normal close, and the token is in no log line.
    pub async fn shutdown(self) {
        self.shutdown_after_reconnects(false).await;
    }

    /// [`Self::shutdown`] for a bot that reconnected after the fake ended sessions (dropped
    /// or invalidated): `run` must still return Ok and no log line hold the token.
    pub async fn shutdown_after_reconnects(mut self, reconnected: bool) {
        let _ = self.stop.take().expect("running").send(());
        let task = self.task.take().expect("running");
        let result = tokio::time::timeout(Duration::from_secs(15), task).await;
        let result = result.expect("the bot stops within 15 s").expect("the bot task does not panic");
        assert!(result.is_ok(), "run returned {result:?}");
        if reconnected {
            // serenity 0.12's shard restart leaves the new session out of `shutdown_all`: it is
            // closed when the process exits, not with a close frame (see docs/reliability.md).
            assert!(!self.fake.closes().is_empty(), "the fake ended a session");
        } else {
            self.fake.wait_until("the gateway close", |f| !f.closes().is_empty()).await;
            assert_eq!(self.fake.closes(), vec![Some(1000)], "one session, closed normally");
        }
        assert_no_token_logged(&self.token);
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Fails if `token` appears in any captured log line.
pub fn assert_no_token_logged(token: &str) {
    let captured = logs::captured();
    assert!(!captured.is_empty(), "logs are captured");
    let leaks: Vec<&str> = captured.lines().filter(|l| l.contains(token)).collect();
    assert!(leaks.is_empty(), "the token leaked into the log:\n{}", leaks.join("\n"));
}

fn is_post_to(r: &Request, channel: u64) -> bool {
    r.method == "POST" && r.path == format!("/channels/{channel}/messages")
}

fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn temp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The shipped note at `aws/overview.md`, `copies` more under `copies/`, and `notes`.
fn write_notes(dir: &Path, copies: usize, notes: &[(&str, &str)]) {
    let shipped = std::fs::read_to_string(SHIPPED_NOTE).expect("the shipped note");
    write(&dir.join("aws/overview.md"), &shipped);
    for i in 0..copies {
        write(&dir.join(format!("copies/overview-{i}.md")), &shipped);
    }
    for (path, text) in notes {
        write(&dir.join(path), text);
    }
}

/// Writes `text` to `path`, creating folders.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(path, text).expect("write note");
}

/// The first embed of a message or interaction-response body.
pub fn embed(body: &Value) -> &Value {
    let data = body.get("data").unwrap_or(body);
    &data["embeds"][0]
}

/// All text of the first embed, for "does it mention X" checks.
pub fn embed_text(body: &Value) -> String {
    let e = embed(body);
    let fields: Vec<String> =
        e["fields"].as_array().into_iter().flatten().map(|f| format!("{}\n{}", f["name"], f["value"])).collect();
    format!("{}\n{}\n{}\n{}", e["title"], e["description"], fields.join("\n"), e["footer"]["text"])
}

/// Allowed mentions that ping nobody, as the bot must send on everything.
pub fn assert_no_mentions(body: &Value) {
    let data = body.get("data").filter(|d| d.is_object()).unwrap_or(body);
    let allowed = &data["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "allowed_mentions.parse in {body}");
    assert_eq!(allowed["users"], json!([]), "allowed_mentions.users in {body}");
    assert_eq!(allowed["roles"], json!([]), "allowed_mentions.roles in {body}");
    assert!(allowed.get("replied_user").is_none_or(|v| v == false), "replied_user in {body}");
}
