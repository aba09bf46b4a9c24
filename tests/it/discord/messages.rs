//! Questions asked as channel messages: answer channels, mentions, direct messages, threads.

use std::time::Duration;

use serde_json::json;

use super::harness::{assert_no_mentions, embed, embed_text, Bot};
use super::payloads::{
    MessageSpec, ANSWER_CHANNEL, ASKER, BOT_ID, DM_CHANNEL, OLD_BOT_THREAD, OTHER_ASKER, OTHER_BOT, OTHER_CHANNEL,
    USER_THREAD,
};

const NLB_QUESTION: &str = "Does NLB terminate TLS?";
const NLB_CITATION: &str = "`aws/overview.md:219-225`";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_in_an_answer_channel_gets_one_reply_citing_the_note() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let (id, _) = bot.say(bot.message(ANSWER_CHANNEL, ASKER, NLB_QUESTION));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    let text = embed_text(&reply.body);
    assert_eq!(embed(&reply.body)["title"], "Overview › Cloud Map › NLB", "{text}");
    assert!(text.contains(&format!("1. {NLB_CITATION} · NLB")), "{text}");
    assert!(text.contains("TLS termination"), "{text}");
    assert_eq!(reply.body["message_reference"]["message_id"], id.to_string(), "a reply to the question");
    assert_no_mentions(&reply.body);
    let typing = format!("/channels/{ANSWER_CHANNEL}/typing");
    bot.fake.wait_for("the typing indicator", |r| r.method == "POST" && r.path == typing).await;
    bot.settle().await;
    assert_eq!(bot.posts_to(ANSWER_CHANNEL).len(), 1, "exactly one reply:\n{}", bot.fake.summary());
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_names_the_words_the_notes_never_mention() {
    let bot = Bot::start(0, &[], |_| {}).await;
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "NLB랑 Kubernetes Ingress 중에 뭐가 빨라?"));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    let text = embed_text(&reply.body);
    assert!(text.contains("노트에 없는 말: kubernetes"), "{text}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bots_chatter_and_unaddressed_messages_get_no_reply() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let from_bot =
        MessageSpec { author: OTHER_BOT, author_bot: true, ..bot.message(ANSWER_CHANNEL, OTHER_BOT, NLB_QUESTION) };
    bot.say(from_bot);
    let from_itself =
        MessageSpec { author: BOT_ID, author_bot: true, ..bot.message(ANSWER_CHANNEL, BOT_ID, NLB_QUESTION) };
    bot.say(from_itself);
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "감사합니다!"));
    bot.say(bot.message(OTHER_CHANNEL, ASKER, NLB_QUESTION));
    bot.settle().await;
    let posts: Vec<_> = bot.fake.requests().into_iter().filter(|r| r.method != "GET" && r.method != "PUT").collect();
    assert!(posts.is_empty(), "no reaction at all:\n{}", bot.fake.summary());
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_elsewhere_and_direct_messages_are_answered() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let content = format!("<@{BOT_ID}> NLB는 게임에도 쓰나요?");
    let (id, _) = bot.say(MessageSpec { mentions: &[BOT_ID], ..bot.message(OTHER_CHANNEL, ASKER, &content) });
    let reply = bot.reply_in(OTHER_CHANNEL).await;
    assert!(embed_text(&reply.body).contains(NLB_CITATION), "{}", reply.body);
    assert_eq!(reply.body["message_reference"]["message_id"], id.to_string());
    assert_no_mentions(&reply.body);

    bot.say(MessageSpec { guild: None, ..bot.message(DM_CHANNEL, ASKER, "ECR 이미지 서명") });
    let reply = bot.reply_in(DM_CHANNEL).await;
    assert!(embed_text(&reply.body).contains("Overview › ECR"), "{}", reply.body);
    assert_no_mentions(&reply.body);

    let bare = format!("<@{BOT_ID}>");
    let channel = OTHER_CHANNEL + 100;
    bot.say(MessageSpec { mentions: &[BOT_ID], ..bot.message(channel, ASKER, &bare) });
    let hint = bot.reply_in(channel).await;
    assert_eq!(hint.body["content"], "질문 내용을 함께 적어 주세요.");
    assert_no_mentions(&hint.body);
    bot.settle().await;
    assert_eq!(bot.posts_to(OTHER_CHANNEL).len(), 1);
    assert_eq!(bot.posts_to(DM_CHANNEL).len(), 1);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_reply_in_thread_answers_open_a_thread_that_takes_follow_ups() {
    let bot = Bot::start(0, &[], |s| s.discord.reply_in_thread = true).await;
    let (id, _) = bot.say(bot.message(ANSWER_CHANNEL, ASKER, NLB_QUESTION));
    let path = format!("/channels/{ANSWER_CHANNEL}/messages/{id}/threads");
    let opened = bot.fake.wait_for("a thread on the question", |r| r.method == "POST" && r.path == path).await;
    assert_eq!(opened.body["name"], NLB_QUESTION);
    let thread = id; // Discord gives a thread started from a message the message's id
    let answer = bot.reply_in(thread).await;
    assert!(embed_text(&answer.body).contains(NLB_CITATION));
    assert!(answer.body.get("message_reference").is_none(), "posted in the thread, not as a reply");
    assert_no_mentions(&answer.body);

    // A follow-up that matches nothing alone is answered with the first question as context.
    bot.say(bot.message(thread, ASKER, "what about that?"));
    let replies = bot
        .fake
        .wait_for_n("a follow-up answer", 2, |r| r.method == "POST" && r.path == format!("/channels/{thread}/messages"))
        .await;
    assert!(embed_text(&replies[1].body).contains(NLB_CITATION), "{}", replies[1].body);
    bot.say(bot.message(thread, ASKER, "고마워요"));
    bot.settle().await;
    assert_eq!(bot.posts_to(thread).len(), 2, "thanks are not answered");
    assert!(bot.posts_to(ANSWER_CHANNEL).is_empty(), "nothing posted in the channel itself");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_any_thread_and_follow_ups_in_earlier_bot_threads_are_answered_in_place() {
    let bot = Bot::start(0, &[], |s| s.discord.reply_in_thread = true).await;
    // A person's thread: only a mention is answered, in the thread (threads cannot hold threads).
    bot.say(bot.message(USER_THREAD, ASKER, NLB_QUESTION));
    let content = format!("<@{BOT_ID}> {NLB_QUESTION}");
    let (id, _) = bot.say(MessageSpec { mentions: &[BOT_ID], ..bot.message(USER_THREAD, ASKER, &content) });
    let reply = bot.reply_in(USER_THREAD).await;
    assert!(embed_text(&reply.body).contains(NLB_CITATION));
    assert_eq!(reply.body["message_reference"]["message_id"], id.to_string());
    // A thread the bot opened before a restart (known from GUILD_CREATE): no mention needed.
    bot.say(bot.message(OLD_BOT_THREAD, ASKER, "ECR 이미지 서명"));
    let reply = bot.reply_in(OLD_BOT_THREAD).await;
    assert!(embed_text(&reply.body).contains("Overview › ECR"));
    bot.settle().await;
    assert_eq!(bot.posts_to(USER_THREAD).len(), 1, "the unaddressed message was ignored");
    let opened = bot.fake.requests().into_iter().filter(|r| r.path.ends_with("/threads")).count();
    assert_eq!(opened, 0, "no thread opened inside a thread:\n{}", bot.fake.summary());
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_that_pings_everyone_is_quoted_without_pinging() {
    let note = "# 장애 대응\n\n## 호출 규칙\n\n장애가 나면 @everyone 과 <@&5000000000000000001> 에 알리고 @here 로 당직자를 부른다.\n";
    let bot = Bot::start(0, &[("ops/oncall.md", note)], |_| {}).await;
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "장애 호출 규칙은?"));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    let text = embed_text(&reply.body);
    assert!(text.contains("@everyone") && text.contains("@here"), "the note is quoted as written: {text}");
    assert_no_mentions(&reply.body);

    let id = bot.command(2, "ask", json!([{"type": 3, "name": "question", "value": "장애 호출 규칙은?"}]), ASKER, &[]);
    let callback = bot.callback(id).await;
    assert!(embed_text(&callback.body).contains("@everyone"));
    assert_no_mentions(&callback.body);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_rate_limit_a_question_gets_a_reaction_instead_of_an_answer() {
    let bot = Bot::start(0, &[], |s| s.discord.rate_limit_per_minute = 1).await;
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, NLB_QUESTION));
    bot.reply_in(ANSWER_CHANNEL).await;
    let (second, _) = bot.say(bot.message(ANSWER_CHANNEL, ASKER, "ECR 이미지 서명"));
    let reaction = format!("/channels/{ANSWER_CHANNEL}/messages/{second}/reactions/%E2%8F%B3/@me");
    bot.fake.wait_for("the slow-down reaction", |r| r.method == "PUT" && r.path == reaction).await;
    bot.say(bot.message(ANSWER_CHANNEL, OTHER_ASKER, "ECR 이미지 서명"));
    bot.fake
        .wait_for_n("the other user's answer", 2, |r| {
            r.method == "POST" && r.path == format!("/channels/{ANSWER_CHANNEL}/messages")
        })
        .await;
    let id = bot.command(2, "ask", json!([{"type": 3, "name": "question", "value": "ECR"}]), ASKER, &[]);
    let refused = bot.callback(id).await;
    assert_eq!(refused.body["data"]["flags"], 64, "an ephemeral refusal");
    assert!(refused.body["data"]["content"].as_str().unwrap().contains("너무 많아요"));
    bot.settle().await;
    assert_eq!(bot.posts_to(ANSWER_CHANNEL).len(), 2);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_answer_the_reply_says_so_in_the_configured_language() {
    let bot = Bot::start(0, &[], |s| s.discord.language = notebot::config::Language::En).await;
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "what is for lunch today?"));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    assert_eq!(embed(&reply.body)["title"], "The notes don't answer this", "{}", reply.body);
    assert_no_mentions(&reply.body);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_without_words_is_asked_for_words() {
    let bot = Bot::start(0, &[], |_| {}).await;
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "???"));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    let description = embed(&reply.body)["description"].as_str().unwrap_or_default().to_string();
    assert!(description.contains("찾아볼 단어가 없어요"), "{}", reply.body);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reply_latency_from_message_create_to_reply() {
    let bot = Bot::start(0, &[], |_| {}).await;
    let mut samples = Vec::new();
    for round in 0..10 {
        let channel = ANSWER_CHANNEL + 1000 + round;
        let content = format!("<@{BOT_ID}> {NLB_QUESTION}");
        let (_, sent) = bot.say(MessageSpec { mentions: &[BOT_ID], ..bot.message(channel, ASKER, &content) });
        let reply = bot.reply_in(channel).await;
        samples.push(reply.at - sent);
    }
    samples.sort();
    eprintln!(
        "MESSAGE_CREATE dispatch → reply POST over {} questions: min {:?}, median {:?}, max {:?}",
        samples.len(),
        samples[0],
        samples[samples.len() / 2],
        samples[samples.len() - 1]
    );
    assert!(samples[samples.len() / 2] < Duration::from_secs(2), "answers are quick");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_notes_the_bot_logs_it_at_start_and_answers_that_there_are_none() {
    let empty = std::env::temp_dir().join(format!("notebot-no-notes-{}-{}", std::process::id(), line!()));
    std::fs::create_dir_all(&empty).unwrap();
    let dir = empty.clone();
    let bot = Bot::start(0, &[], move |s| s.knowledge.dir = dir).await;
    bot.say(bot.message(ANSWER_CHANNEL, ASKER, NLB_QUESTION));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    assert_eq!(embed(&reply.body)["title"], "아직 노트가 없어요", "{}", reply.body);
    assert!(crate::discord::logs::captured().contains(&format!("no notes in {}", empty.display())));
    bot.shutdown().await;
    let _ = std::fs::remove_dir_all(&empty);
}
