//! Discord failing under the bot: rate limits, server errors and missing permissions on a
//! reply, slow interactions and a message flood. The bot retries what Discord says to retry,
//! gives up on the rest with one log line, never crashes and never posts twice.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::fake::{Request, Scripted};
use super::harness::{embed_text, Bot};
use super::logs;
use super::payloads::{MessageSpec, ADMIN, ASKER, BOT_ID, OTHER_ASKER, OTHER_CHANNEL};

const NLB_QUESTION: &str = "Does NLB terminate TLS?";
const NLB_CITATION: &str = "aws/overview.md:219-225";

/// A channel of its own per test, so counts of posts and log lines are this test's alone
/// (the log capture is shared by every test in the binary).
fn channel(offset: u64) -> u64 {
    OTHER_CHANNEL + 50_000 + offset
}

fn messages_path(channel: u64) -> String {
    format!("/channels/{channel}/messages")
}

/// Asks `question` in `channel` by mentioning the bot (answered in any channel).
fn ask_in(bot: &Bot, channel: u64, author: u64, question: &str) {
    let content = format!("<@{BOT_ID}> {question}");
    bot.say(MessageSpec { mentions: &[BOT_ID], ..bot.message(channel, author, &content) });
}

fn replies(bot: &Bot, channel: u64) -> Vec<Request> {
    bot.posts_to(channel)
}

fn accepted(requests: &[Request]) -> Vec<&Request> {
    requests.iter().filter(|r| r.status.is_success()).collect()
}

/// Captured log lines mentioning `needle` and `channel`.
fn log_lines(needle: &str, channel: u64) -> Vec<String> {
    let channel = channel.to_string();
    logs::captured().lines().filter(|l| l.contains(needle) && l.contains(&channel)).map(str::to_owned).collect()
}

async fn rate_limited_reply_is_retried_after_the_delay_and_posted_once(offset: u64, global: bool) {
    let bot = Bot::start(0, &[], |_| {}).await;
    let channel = channel(offset);
    let retry_after = 0.4;
    bot.fake.script(Method::POST, &messages_path(channel), vec![Scripted::rate_limited(retry_after, global)]);
    ask_in(&bot, channel, ASKER, NLB_QUESTION);
    let posts =
        bot.fake.wait_for_n("the retried reply", 2, |r| r.method == "POST" && r.path == messages_path(channel)).await;
    assert_eq!(posts[0].status, StatusCode::TOO_MANY_REQUESTS);
    assert!(posts[1].status.is_success(), "{:?}", posts[1].status);
    let waited = posts[1].at - posts[0].at;
    assert!(waited >= Duration::from_secs_f64(retry_after), "retried after {waited:?}, before retry_after");
    assert_eq!(posts[0].body, posts[1].body, "the same reply again");
    assert!(embed_text(&posts[1].body).contains(NLB_CITATION));
    bot.settle().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(accepted(&replies(&bot, channel)).len(), 1, "posted exactly once:\n{}", bot.fake.summary());
    assert_eq!(
        log_lines("send a reply: rate limited by Discord", channel).len(),
        1,
        "one line for the 429:\n{}",
        logs::captured()
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_rate_limited_per_route_is_retried_after_the_delay_and_posted_once() {
    rate_limited_reply_is_retried_after_the_delay_and_posted_once(1, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_rate_limited_globally_is_retried_after_the_delay_and_posted_once() {
    rate_limited_reply_is_retried_after_the_delay_and_posted_once(2, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_failing_with_500_or_502_is_dropped_with_one_line_and_never_posted_twice() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let channel = channel(3);
    let bad_gateway =
        Scripted { status: StatusCode::BAD_GATEWAY, headers: Vec::new(), body: json!("<html>502 Bad Gateway</html>") };
    let server_error = Scripted::error(StatusCode::INTERNAL_SERVER_ERROR, 0, "500: Internal Server Error");
    bot.fake.script(Method::POST, &messages_path(channel), vec![server_error, bad_gateway]);
    // A 5xx may come after Discord posted the message, so sending it again could post it twice.
    ask_in(&bot, channel, ASKER, NLB_QUESTION);
    bot.fake.wait_for("the 500", |r| r.path == messages_path(channel) && r.status == 500).await;
    ask_in(&bot, channel, OTHER_ASKER, "ECR 이미지 서명");
    bot.fake.wait_for("the 502", |r| r.path == messages_path(channel) && r.status == 502).await;
    bot.settle().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(replies(&bot, channel).len(), 2, "each reply tried once:\n{}", bot.fake.summary());
    let lines = log_lines("could not send a reply", channel);
    assert_eq!(lines.len(), 2, "one line per lost reply:\n{}", lines.join("\n"));
    assert!(lines.iter().any(|l| l.contains("status=500") && l.contains("Internal Server Error")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("status=502")), "the status names an HTML error page: {lines:?}");

    ask_in(&bot, channel, ASKER, NLB_QUESTION);
    let posts =
        bot.fake.wait_for_n("the next reply", 3, |r| r.method == "POST" && r.path == messages_path(channel)).await;
    assert!(posts[2].status.is_success() && embed_text(&posts[2].body).contains(NLB_CITATION), "still answering");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_permissions_on_a_reply_is_logged_once_and_other_questions_are_answered() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let (locked, open) = (channel(4), channel(5));
    let forbidden = Scripted::error(StatusCode::FORBIDDEN, 50013, "Missing Permissions");
    bot.fake.script(Method::POST, &messages_path(locked), vec![forbidden]);
    ask_in(&bot, locked, ASKER, NLB_QUESTION);
    bot.fake.wait_for("the 403", |r| r.path == messages_path(locked) && r.status == 403).await;
    ask_in(&bot, open, OTHER_ASKER, NLB_QUESTION);
    let answer = bot.reply_in(open).await;
    assert!(answer.status.is_success() && embed_text(&answer.body).contains(NLB_CITATION));
    bot.settle().await;
    assert_eq!(replies(&bot, locked).len(), 1, "a 403 is not retried:\n{}", bot.fake.summary());
    let lines = log_lines("could not send a reply", locked);
    assert_eq!(lines.len(), 1, "one line:\n{}", lines.join("\n"));
    assert!(lines[0].contains("Missing Permissions") && lines[0].contains("status=403"), "{}", lines[0]);
    assert!(lines[0].contains("WARN"), "{}", lines[0]);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reindex_answered_after_more_than_three_seconds_is_deferred_in_time() {
    let bot = Bot::start(0, &[], |_| {}).await;
    // Another process's build holds the folder's build lock, so this rebuild waits its turn
    // and the answer comes well after Discord's three seconds.
    let lock_path = bot.engine.settings().index.dir.join("build.lock");
    let held = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).unwrap();
    fs4::fs_std::FileExt::lock_exclusive(&held).expect("hold the build lock");
    let asked = std::time::Instant::now();
    let id = bot.command(2, "reindex", json!([]), ADMIN, &[]);
    let deferred = bot.callback(id).await;
    assert_eq!(deferred.body["type"], 5, "a deferred response: {}", deferred.body);
    assert!(deferred.at - asked < Duration::from_secs(3), "deferred after {:?}", deferred.at - asked);
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert!(bot.fake.requests().iter().all(|r| !r.path.starts_with("/webhooks/")), "still waiting for the lock");
    drop(held);
    let answer = bot.followup(id).await;
    assert!(answer.at - asked > Duration::from_secs(3), "{:?}", answer.at - asked);
    assert!(deferred.at < answer.at);
    let content = answer.body["content"].as_str().unwrap_or_default();
    assert!(content.contains("색인을 다시 만들었어요"), "{content}");
    bot.settle().await;
    let callbacks = bot.fake.requests().into_iter().filter(|r| r.path.ends_with("/callback")).count();
    assert_eq!(callbacks, 1, "one interaction response, the answer as its follow-up");
    bot.shutdown().await;
}

/// Resident and peak resident memory of this process in KiB (`VmRSS`, `VmHWM`).
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Samples this process's resident memory every 20 ms until dropped; the highest sample.
struct PeakRss {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    sampler: Option<std::thread::JoinHandle<u64>>,
}

impl PeakRss {
    fn start() -> PeakRss {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let sampler = std::thread::spawn(move || {
            let mut peak = 0;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(memory_kib().0);
                std::thread::sleep(Duration::from_millis(20));
            }
            peak
        });
        PeakRss { stop, sampler: Some(sampler) }
    }

    fn finish(mut self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.sampler.take().map_or(0, |s| s.join().unwrap_or(0))
    }
}

/// Messages in the flood: 2,000 by default, `NOTEBOT_FLOOD_MESSAGES` (the 10,000) for
/// the long run, which also checks memory (alone in its process, so other tests' memory does
/// not count): `NOTEBOT_FLOOD_MESSAGES=10000 cargo test --test it a_flood_of -- --nocapture`.
fn flood_size() -> (u64, bool) {
    match std::env::var("NOTEBOT_FLOOD_MESSAGES").ok().and_then(|v| v.parse().ok()) {
        Some(n) => (n, true),
        None => (2_000, false),
    }
}

/// How much the process may grow over a flood, whatever its size, besides the captured log.
const FLOOD_GROWTH_MAX_MIB: u64 = 48;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_messages_from_50_users_stays_within_both_limits_memory_stays_flat_and_reindex_is_answered() {
    const USERS: u64 = 50;
    const PER_USER: u64 = 2;
    const PER_GUILD: u64 = 60;
    let (messages, check_memory) = flood_size();
    let bot = Bot::start(0, &[], |s| {
        s.discord.rate_limit_per_minute = PER_USER as u32;
        s.discord.guild_rate_limit_per_minute = PER_GUILD as u32;
    })
    .await;
    let channel = channel(6);
    // Warm up: one answered question, so the first search's one-time allocations are not counted.
    ask_in(&bot, channel, ADMIN, NLB_QUESTION);
    bot.reply_in(channel).await;
    bot.settle().await;
    let (rss_before, _) = memory_kib();
    let log_before = logs::captured().len();
    let peak = PeakRss::start();
    let started = std::time::Instant::now();
    let mut authors = std::collections::HashMap::new();
    let (mut reindex, mut reindex_at) = (None, std::time::Instant::now());
    for i in 0..messages {
        let author = 4_100_000_000_000_000_000 + i % USERS;
        let content = format!("<@{BOT_ID}> {NLB_QUESTION}");
        let (id, _) = bot.say(MessageSpec { mentions: &[BOT_ID], ..bot.message(channel, author, &content) });
        authors.insert(id.to_string(), author);
        if i == messages / 2 {
            reindex = Some(bot.command(2, "reindex", json!([]), ADMIN, &[]));
            reindex_at = std::time::Instant::now();
        }
    }
    let sent = started.elapsed();
    assert!(sent < Duration::from_secs(60), "the flood is sent within a minute: {sent:?}");
    let reindex = reindex.expect("sent");
    // 100 questions are within their users' limit; the server's limit lets 59 of them through
    // (the warm-up question used one).
    let answers = PER_GUILD as usize - 1;
    let answered = |r: &Request| r.method == "POST" && r.path == messages_path(channel);
    bot.fake.wait_for_count("the answers", answers + 1, answered).await;
    let reactions = format!("/channels/{channel}/messages/");
    let slowed = |r: &Request| r.method == "PUT" && r.path.starts_with(&reactions) && r.path.contains("/reactions/");
    bot.fake.wait_for_count("a slow-down reaction per user", USERS as usize, slowed).await;
    // Events are dispatched in the order they came: once a direct message sent after the flood
    // is answered, every message of the flood was dispatched (the settle below lets their
    // handlers finish).
    let dm = super::payloads::DM_CHANNEL;
    bot.say(MessageSpec { guild: None, ..bot.message(dm, ASKER, NLB_QUESTION) });
    assert!(bot.reply_in(dm).await.status.is_success(), "a direct message is outside the server's limit");
    let handled = started.elapsed();
    // Looked at after the flood: these waits copy every request each time they look.
    let deferred = bot.callback(reindex).await;
    assert_eq!(deferred.body["type"], 5, "the admin's /reindex is not rate limited");
    let done = bot.followup(reindex).await;
    assert!(done.body["content"].as_str().unwrap_or_default().contains("색인을 다시 만들었어요"), "{}", done.body);
    eprintln!(
        "/reindex (sent mid-flood) deferred {:.1?} and answered {:.1?} after it was sent",
        deferred.at - reindex_at,
        done.at - reindex_at
    );
    bot.settle().await;
    let peak = peak.finish();
    let (rss_after, _) = memory_kib();
    let log_growth = (logs::captured().len() - log_before) as u64 / 1024;
    eprintln!(
        "{messages} messages from {USERS} users sent in {sent:.1?}, all handled in {handled:.1?}; resident memory \
         {} MiB before, {} MiB after, {} MiB at the peak (captured log +{} MiB)",
        rss_before / 1024,
        rss_after / 1024,
        peak / 1024,
        log_growth / 1024
    );
    if check_memory {
        let growth = peak.saturating_sub(rss_before).saturating_sub(log_growth) / 1024;
        assert!(growth <= FLOOD_GROWTH_MAX_MIB, "grew {growth} MiB over the flood, beyond the captured log");
    }

    let posts: Vec<Request> = replies(&bot, channel).into_iter().skip(1).collect();
    assert_eq!(posts.len(), answers, "{PER_GUILD} answers for the server, no more");
    let mut per_user = std::collections::HashMap::<u64, u64>::new();
    for post in &posts {
        let asked = post.body["message_reference"]["message_id"].as_str().expect("a reply");
        *per_user.entry(authors[asked]).or_default() += 1;
    }
    assert!(per_user.values().all(|&n| n <= PER_USER), "{PER_USER} answers per user at most: {per_user:?}");
    // One ⏳ per user per minute, not one per refused message.
    let mut reacted = std::collections::HashMap::<u64, Vec<u64>>::new();
    for request in bot.fake.requests().into_iter().filter(|r| slowed(r)) {
        let message = request.path.trim_start_matches(&reactions).split('/').next().unwrap_or_default().to_owned();
        reacted.entry(authors[&message]).or_default().push(message.parse().unwrap_or_default());
    }
    assert_eq!(reacted.len(), USERS as usize, "every user was told to slow down");
    assert!(reacted.values().all(|m| m.len() == 1), "once each: {reacted:?}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_rate_limited_three_times_is_given_up_with_one_line() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let channel = channel(7);
    let limited = vec![Scripted::rate_limited(0.1, false); 3];
    bot.fake.script(Method::POST, &messages_path(channel), limited);
    ask_in(&bot, channel, ASKER, NLB_QUESTION);
    bot.fake.wait_for_n("three tries", 3, |r| r.method == "POST" && r.path == messages_path(channel)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    bot.settle().await;
    let posts = replies(&bot, channel);
    assert_eq!(posts.len(), 3, "three tries, then no more:\n{}", bot.fake.summary());
    assert!(posts.iter().all(|p| p.status == StatusCode::TOO_MANY_REQUESTS));
    let gave_up = log_lines("could not send a reply", channel);
    assert_eq!(gave_up.len(), 1, "{gave_up:?}");
    assert!(gave_up[0].contains("status=429") && gave_up[0].contains("tries=3"), "{}", gave_up[0]);
    assert_eq!(log_lines("send a reply: rate limited by Discord", channel).len(), 2, "one line per retry");

    // The route is free again: the next question is answered.
    ask_in(&bot, channel, OTHER_ASKER, NLB_QUESTION);
    let posts =
        bot.fake.wait_for_n("the next reply", 4, |r| r.method == "POST" && r.path == messages_path(channel)).await;
    assert!(posts[3].status.is_success());
    bot.shutdown().await;
}

/// Checks that `path` was called twice, a 429 (per route or `global`) and then a success at
/// least `retry_after` later with the same body, that nothing else was sent to it, and that
/// the retry left exactly one log line (`what`, naming `on`) and no "could not" line.
async fn retried_once_after_the_delay(bot: &Bot, method: Method, path: &str, what: &str, on: &str) -> Request {
    bot.fake.wait_for_n(what, 2, |r| r.method == method && r.path == path).await;
    bot.settle().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let calls: Vec<Request> =
        bot.fake.requests().into_iter().filter(|r| r.method == method && r.path == path).collect();
    assert_eq!(calls.len(), 2, "one 429, one retry, nothing more:\n{}", bot.fake.summary());
    assert_eq!(calls[0].status, StatusCode::TOO_MANY_REQUESTS);
    assert!(calls[1].status.is_success(), "{:?}", calls[1].status);
    assert!(calls[1].at - calls[0].at >= Duration::from_secs_f64(RETRY_AFTER), "retried before retry_after");
    assert_eq!(calls[0].body, calls[1].body, "the same call again");
    let lines: Vec<String> = logs::captured().lines().filter(|l| l.contains(on)).map(str::to_owned).collect();
    let retried: Vec<&String> =
        lines.iter().filter(|l| l.contains(&format!("{what}: rate limited by Discord"))).collect();
    assert_eq!(retried.len(), 1, "one line for the 429:\n{}", lines.join("\n"));
    assert!(retried[0].contains("WARN"), "{}", retried[0]);
    assert!(lines.iter().all(|l| !l.contains("could not")), "{}", lines.join("\n"));
    calls[1].clone()
}

/// `retry_after` of the scripted 429s below: under the bot's first wait of 1 s.
const RETRY_AFTER: f64 = 0.4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_down_reaction_rate_limited_per_route_is_added_once() {
    let bot = Bot::start(0, &[], |s| s.discord.rate_limit_per_minute = 1).await;
    let channel = channel(10);
    ask_in(&bot, channel, ASKER, NLB_QUESTION);
    bot.reply_in(channel).await;
    let content = format!("<@{BOT_ID}> {NLB_QUESTION}");
    let spec = MessageSpec { mentions: &[BOT_ID], ..bot.message(channel, ASKER, &content) };
    let path = format!("/channels/{channel}/messages/{}/reactions/%E2%8F%B3/@me", spec.id);
    bot.fake.script(Method::PUT, &path, vec![Scripted::rate_limited(RETRY_AFTER, false)]);
    let on = format!("{channel}/{}", spec.id);
    bot.say(spec);
    retried_once_after_the_delay(&bot, Method::PUT, &path, "react to a rate-limited message", &on).await;
    assert_eq!(replies(&bot, channel).len(), 1, "the limited question is not answered:\n{}", bot.fake.summary());
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_creation_rate_limited_globally_opens_one_thread_and_answers_once() {
    let bot = Bot::start(0, &[], |s| s.discord.reply_in_thread = true).await;
    let channel = channel(11);
    let content = format!("<@{BOT_ID}> {NLB_QUESTION}");
    let spec = MessageSpec { mentions: &[BOT_ID], ..bot.message(channel, ASKER, &content) };
    let path = format!("/channels/{channel}/messages/{}/threads", spec.id);
    bot.fake.script(Method::POST, &path, vec![Scripted::rate_limited(RETRY_AFTER, true)]);
    let on = format!("{channel}/{}", spec.id);
    let asked = spec.id;
    bot.say(spec);
    retried_once_after_the_delay(&bot, Method::POST, &path, "open a thread (replying in the channel instead)", &on)
        .await;
    let thread = asked; // a thread started from a message has the message's id
    let answers = replies(&bot, thread);
    assert_eq!(answers.len(), 1, "answered once, in the thread:\n{}", bot.fake.summary());
    assert!(embed_text(&answers[0].body).contains(NLB_CITATION));
    assert!(replies(&bot, channel).is_empty(), "not also in the channel");
    bot.shutdown().await;
}

/// Sends interaction `offset` (an id of this file's own: every fake numbers its ids from the
/// same start, and log lines are told apart by the id) for `command` after scripting a 429
/// (`global` or per route) on the call `call` names for that id; returns the retried call.
async fn interaction_rate_limited_once(
    bot: &Bot,
    offset: u64,
    call: impl Fn(u64) -> String,
    global: bool,
    command: (&str, serde_json::Value, u64),
) -> (u64, Request) {
    let id = 7_300_000_000_000_000_000 + offset;
    let path = call(id);
    bot.fake.script(Method::POST, &path, vec![Scripted::rate_limited(RETRY_AFTER, global)]);
    let (name, options, user) = command;
    bot.command_as(id, 2, name, options, user, &[]);
    (id, retried_once_after_the_delay(bot, Method::POST, &path, "answer an interaction", &id.to_string()).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_follow_up_rate_limited_per_route_is_posted_once() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let follow_up = |id| format!("/webhooks/{BOT_ID}/itoken-{id}");
    let (id, done) = interaction_rate_limited_once(&bot, 1, follow_up, false, ("reindex", json!([]), ADMIN)).await;
    assert!(done.body["content"].as_str().unwrap_or_default().contains("색인을 다시 만들었어요"), "{}", done.body);
    assert_eq!(bot.callback(id).await.body["type"], 5, "deferred first");
    let callbacks = bot.fake.requests().into_iter().filter(|r| r.path.ends_with("/callback")).count();
    assert_eq!(callbacks, 1, "deferred once");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_response_rate_limited_globally_is_sent_once() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let response = |id| format!("/interactions/{id}/itoken-{id}/callback");
    let question = json!([{"name": "question", "type": 3, "value": NLB_QUESTION}]);
    let (_, answer) = interaction_rate_limited_once(&bot, 2, response, true, ("ask", question, ASKER)).await;
    assert_eq!(answer.body["type"], 4, "{}", answer.body);
    assert!(embed_text(&answer.body).contains(NLB_CITATION), "{}", answer.body);
    assert!(bot.fake.requests().iter().all(|r| !r.path.starts_with("/webhooks/")), "no follow-up as well");
    bot.shutdown().await;
}

/// Ends the bot's gateway session with `end`, then checks it identified again, answers, and
/// does not post twice; returns how long the reconnection took.
async fn reconnects_and_answers(offset: u64, end: impl FnOnce(&Bot)) -> Duration {
    let bot = Bot::start(0, &[], |_| {}).await;
    let channel = channel(offset);
    let ended = std::time::Instant::now();
    end(&bot);
    bot.fake.wait_until("a second IDENTIFY", |f| f.identifies().len() == 2 && f.connected()).await;
    let took = ended.elapsed();
    ask_in(&bot, channel, ASKER, NLB_QUESTION);
    assert!(embed_text(&bot.reply_in(channel).await.body).contains(NLB_CITATION), "answered after reconnecting");
    bot.settle().await;
    assert_eq!(replies(&bot, channel).len(), 1, "no double post after reconnecting");
    assert_eq!(bot.fake.identifies().len(), 2, "one new session");
    bot.shutdown_after_reconnects(true).await;
    took
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_dropped_connection_the_bot_connects_again_and_answers() {
    let took = reconnects_and_answers(8, |bot| bot.fake.drop_connection()).await;
    eprintln!("identified again {took:?} after the connection dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_an_invalid_session_the_bot_identifies_again_and_answers() {
    let took = reconnects_and_answers(9, |bot| bot.fake.invalidate_session()).await;
    eprintln!("identified again {took:?} after INVALID_SESSION");
}
