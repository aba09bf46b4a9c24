//! Slash commands and start-up: registration, `/ask`, `/topic` with autocomplete, the gateway
//! handshake and the missing-token error.

use notebot::discord::DiscordError;
use serde_json::{json, Value};

use super::harness::{assert_no_mentions, embed, embed_text, open_engine, Bot};
use super::payloads::{ASKER, BOT_ID, GUILD_ID};

fn ask(question: &str, ephemeral: Option<bool>) -> Value {
    let mut options = vec![json!({"type": 3, "name": "question", "value": question})];
    if let Some(ephemeral) = ephemeral {
        options.push(json!({"type": 5, "name": "ephemeral", "value": ephemeral}));
    }
    Value::Array(options)
}

fn command<'a>(commands: &'a Value, name: &str) -> &'a Value {
    commands.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("{name} in {commands}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_connects_and_registers_localised_commands_to_the_guild() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let requests = bot.fake.requests();
    assert!(requests.iter().any(|r| r.path == "/gateway"), "the gateway URL comes from the API");
    assert!(requests.iter().any(|r| r.path == "/gateway/bot"), "autosharded start asks for the shard count");
    assert!(requests.iter().all(|r| r.auth.as_deref() == Some(&format!("Bot {}", bot.token))));
    let identify = bot.fake.identifies().pop().expect("IDENTIFY");
    let intents = identify["intents"].as_u64().unwrap();
    for (bit, name) in
        [(1 << 0, "GUILDS"), (1 << 9, "GUILD_MESSAGES"), (1 << 12, "DIRECT_MESSAGES"), (1 << 15, "MESSAGE_CONTENT")]
    {
        assert_ne!(intents & bit, 0, "{name} intent");
    }
    assert_eq!(identify["shard"], json!([0, 1]));
    assert_eq!(identify["compress"], true);
    assert!(identify["token"].as_str().unwrap().ends_with(&bot.token), "the token is used, only not logged");

    let registration = bot
        .fake
        .wait_for("guild registration", |r| r.path == format!("/applications/{BOT_ID}/guilds/{GUILD_ID}/commands"))
        .await;
    let commands = &registration.body;
    assert_eq!(commands.as_array().unwrap().len(), 3);
    let ask = command(commands, "ask");
    assert_eq!(ask["name_localizations"]["ko"], "질문");
    assert_eq!(ask["description_localizations"]["ko"], "팀 노트에 질문합니다");
    assert_eq!(ask["options"][0]["name_localizations"]["ko"], "질문");
    assert_eq!(ask["options"][1]["type"], 5, "ephemeral is a boolean option");
    let topic = command(commands, "topic");
    assert_eq!(topic["options"][0]["autocomplete"], true);
    assert_eq!(topic["name_localizations"]["ko"], "주제");
    let reindex = command(commands, "reindex");
    assert_eq!(reindex["default_member_permissions"], "32", "Manage Server");
    assert_eq!(reindex["description_localizations"]["ko"], "노트 색인을 다시 만듭니다 (관리자)");
    bot.fake.wait_until("a heartbeat", |f| f.heartbeats() > 0).await;
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_guild_commands_are_registered_globally() {
    let bot = Bot::start(0, &[], |s| s.discord.guild_id = 0).await;
    let global = format!("/applications/{BOT_ID}/commands");
    bot.fake.wait_for("global registration", |r| r.method == "PUT" && r.path == global).await;
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_as_an_interaction_reply_optionally_ephemeral() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let id = bot.command(2, "ask", ask("Does NLB terminate TLS?", None), ASKER, &[]);
    let public = bot.callback(id).await;
    assert_eq!(public.body["type"], 4, "an immediate message response");
    assert!(embed_text(&public.body).contains("`aws/overview.md:219-225`"), "{}", public.body);
    assert!(public.body["data"]["flags"].as_u64().unwrap_or(0) & 64 == 0, "public by default");
    assert_no_mentions(&public.body);

    let id = bot.command(2, "ask", ask("ECR 이미지 서명", Some(true)), ASKER, &[]);
    let private = bot.callback(id).await;
    assert_eq!(private.body["data"]["flags"], 64, "ephemeral on request");
    assert!(embed_text(&private.body).contains("Overview › ECR"));
    assert_no_mentions(&private.body);
    assert!(bot.fake.compressed_frames() > 0, "large frames went out zlib-compressed and were understood");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn topic_shows_a_section_and_refuses_unknown_names_ephemerally() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let name = json!([{"type": 3, "name": "name", "value": "ECR"}]);
    let id = bot.command(2, "topic", name, ASKER, &[]);
    let shown = bot.callback(id).await;
    assert_eq!(shown.body["type"], 4);
    assert_eq!(embed(&shown.body)["title"], "Overview › ECR");
    assert!(embed_text(&shown.body).contains("signing해서"), "{}", shown.body);
    assert!(embed_text(&shown.body).contains("`aws/overview.md` L118–L119"), "{}", shown.body);
    assert!(shown.body["data"]["flags"].as_u64().unwrap_or(0) & 64 == 0, "public");
    assert_no_mentions(&shown.body);

    let id = bot.command(2, "topic", json!([{"type": 3, "name": "name", "value": "없는 주제 @everyone"}]), ASKER, &[]);
    let missing = bot.callback(id).await;
    assert_eq!(missing.body["data"]["flags"], 64);
    assert!(missing.body["data"]["content"].as_str().unwrap().contains("없는 주제"));
    assert_no_mentions(&missing.body);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn topic_autocomplete_offers_at_most_25_short_choices_for_a_korean_prefix() {
    let mut note = String::from("# 점검 목록\n\n");
    for i in 0..40 {
        note.push_str(&format!("## 보안 점검 {i}\n\n내용 {i}\n\n"));
    }
    note.push_str(&format!("## 보안 {}\n\n긴 제목\n", "아주 긴 제목 ".repeat(20)));
    let bot = Bot::start(0, &[("ops/checks.md", &note)], |_| {}).await;
    let focused = json!([{"type": 3, "name": "name", "value": "보안", "focused": true}]);
    let id = bot.command(4, "topic", focused, ASKER, &[]);
    let callback = bot.callback(id).await;
    assert_eq!(callback.body["type"], 8, "an autocomplete result");
    let choices = callback.body["data"]["choices"].as_array().expect("choices");
    assert_eq!(choices.len(), 25, "capped at Discord's 25");
    for choice in choices {
        let (name, value) = (choice["name"].as_str().unwrap(), choice["value"].as_str().unwrap());
        assert!(name.encode_utf16().count() <= 100 && value.encode_utf16().count() <= 100, "{choice}");
        assert!(value.contains("보안"), "matches the prefix: {choice}");
        assert!(bot.engine.topic(value).is_some(), "the value resolves: {value}");
    }
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn equal_headings_in_two_notes_are_both_offered_and_the_other_is_named() {
    let notes = [
        ("a/deploy.md", "# 배포\n\n금요일에는 배포하지 않는다.\n"),
        ("b/deploy.md", "# 배포\n\n스테이징에서 먼저 확인한다.\n"),
    ];
    let bot = Bot::start(0, &notes, |_| {}).await;
    let focused = json!([{"type": 3, "name": "name", "value": "배포", "focused": true}]);
    let id = bot.command(4, "topic", focused, ASKER, &[]);
    let callback = bot.callback(id).await;
    let values: Vec<&str> =
        callback.body["data"]["choices"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["배포 · a/deploy.md", "배포 · b/deploy.md"]);

    let id = bot.command(2, "topic", json!([{"type": 3, "name": "name", "value": values[1]}]), ASKER, &[]);
    let picked = bot.callback(id).await;
    assert!(embed_text(&picked.body).contains("스테이징"), "{}", picked.body);
    assert!(embed(&picked.body)["footer"].is_null(), "{}", picked.body);

    let id = bot.command(2, "topic", json!([{"type": 3, "name": "name", "value": "배포"}]), ASKER, &[]);
    let typed = bot.callback(id).await;
    assert!(embed_text(&typed.body).contains("금요일"), "{}", typed.body);
    let footer = embed(&typed.body)["footer"]["text"].as_str().unwrap_or_default().to_owned();
    assert_eq!(footer, "같은 이름의 다른 주제: 배포 · b/deploy.md");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_token_is_an_error_naming_the_variables() {
    let (_folders, engine) = open_engine(0, &[], |settings| settings.discord.token = "   ".into()).await;
    let error = notebot::discord::run(engine).await.expect_err("no token");
    assert!(matches!(error, DiscordError::MissingToken));
    let message = error.to_string();
    assert!(message.contains("DISCORD_TOKEN") && message.contains("NOTEBOT__DISCORD__TOKEN"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_that_is_not_a_url_is_refused_without_echoing_the_token() {
    let (_folders, engine) = open_engine(0, &[], |settings| {
        settings.discord.token = "secret-token-not-shown".into();
        settings.discord.api_proxy = "127.0.0.1:9".into();
    })
    .await;
    let error = notebot::discord::run(engine).await.expect_err("bad proxy");
    assert!(matches!(error, DiscordError::InvalidProxy(_)));
    assert!(!error.to_string().contains("secret-token-not-shown"));
    assert!(!format!("{error:?}").contains("secret-token-not-shown"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_longer_than_discord_allows_is_cut_at_a_line_with_a_pointer() {
    let mut note = String::from("# 운영 문서\n\n## 긴 절\n\n");
    for i in 0..400 {
        note.push_str(&format!("- 항목 {i}: 장애 대응 절차를 길게 설명하는 줄입니다\n"));
    }
    let bot = Bot::start(0, &[("ops/long.md", &note)], |_| {}).await;
    let id = bot.command(2, "topic", json!([{"type": 3, "name": "name", "value": "긴 절"}]), ASKER, &[]);
    let shown = bot.callback(id).await;
    let embed = embed(&shown.body);
    let units = |v: &Value| v.as_str().unwrap_or_default().encode_utf16().count();
    let description = embed["description"].as_str().expect("a description");
    assert!(units(&embed["description"]) <= 4096, "{}", units(&embed["description"]));
    assert!(description.ends_with("\n… (길어서 줄였어요. 전체 내용은 출처를 확인하세요)"), "{description}");
    let body = description.rsplit_once('\n').unwrap().0;
    let rendered = notebot::answer::render::discord(&note);
    assert!(body.lines().all(|l| rendered.lines().any(|n| n == l)), "only whole lines of the note: {body}");
    let fields: usize =
        embed["fields"].as_array().unwrap().iter().map(|f| units(&f["name"]) + units(&f["value"])).sum();
    assert!(units(&embed["title"]) + units(&embed["description"]) + fields <= 6000);
    assert!(embed_text(&shown.body).contains("`ops/long.md` L3–L404"), "{}", embed_text(&shown.body));
    bot.shutdown().await;
}
