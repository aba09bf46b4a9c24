//! `/reindex`: admins only, deferred, single-flight, and questions keep being answered while
//! the index is rebuilt.

use serde_json::json;

use super::harness::{assert_no_mentions, embed_text, write, Bot};
use super::payloads::{ADMIN, ADMIN_ROLE, ANSWER_CHANNEL, ASKER, OTHER_ASKER};

const NEW_NOTE: &str =
    "# Zorblax\n\n## Zorblax 파이프라인\n\nZorblax 파이프라인은 매일 새벽 3시에 배포 산출물을 정리한다.\n";
const NEW_QUESTION: &str = "Zorblax 파이프라인은 언제 돌아?";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reindex_from_a_non_admin_is_refused_and_changes_nothing() {
    let bot = Bot::start(0, &[], |_| {}).await;
    write(&bot.knowledge().join("ops/zorblax.md"), NEW_NOTE);
    let id = bot.command(2, "reindex", json!([]), ASKER, &[]);
    let refusal = bot.callback(id).await;
    assert_eq!(refusal.body["type"], 4, "answered at once, not deferred");
    assert_eq!(refusal.body["data"]["flags"], 64, "ephemeral");
    assert!(refusal.body["data"]["content"].as_str().unwrap().contains("관리자"));
    assert_no_mentions(&refusal.body);
    bot.settle().await;
    assert!(bot.fake.requests().iter().all(|r| !r.path.starts_with("/webhooks/")), "no follow-up");
    assert_eq!(bot.engine.stats().files, 1, "the index is untouched");
    assert!(!bot.engine.ask(NEW_QUESTION, 3).unwrap().answered);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reindex_from_admins_rebuilds_once_while_questions_are_answered() {
    // Enough notes that a rebuild takes a noticeable time, to ask a question in the middle.
    let bot = Bot::start(150, &[], |_| {}).await;
    write(&bot.knowledge().join("ops/zorblax.md"), NEW_NOTE);
    let by_user = bot.command(2, "reindex", json!([]), ADMIN, &[]);
    let by_role = bot.command(2, "reindex", json!([]), OTHER_ASKER, &[ADMIN_ROLE]);
    for id in [by_user, by_role] {
        let deferred = bot.callback(id).await;
        assert_eq!(deferred.body["type"], 5, "deferred: {}", deferred.body);
        assert_eq!(deferred.body["data"]["flags"], 64, "ephemeral");
    }

    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "Does NLB terminate TLS?"));
    let during = bot.reply_in(ANSWER_CHANNEL).await;
    assert!(embed_text(&during.body).contains("aws/overview.md:219-225"));

    let followups = [bot.followup(by_user).await, bot.followup(by_role).await];
    let content = |f: &&super::fake::Request| f.body["content"].as_str().unwrap_or_default().to_owned();
    let done: Vec<_> = followups.iter().filter(|f| content(f).contains("색인을 다시 만들었어요")).collect();
    let running: Vec<_> = followups.iter().filter(|f| content(f).contains("이미 색인을 다시 만드는 중")).collect();
    assert_eq!((done.len(), running.len()), (1, 1), "one rebuild, one refusal:\n{}", bot.fake.summary());
    assert!(content(&done[0]).contains("파일 152개"), "{}", content(&done[0]));
    assert!(during.at < done[0].at, "the question was answered during the rebuild");
    eprintln!("question answered {:?} before the rebuild finished", done[0].at - during.at);
    for followup in &followups {
        assert_eq!(followup.body["flags"], 64, "ephemeral follow-up");
        assert_no_mentions(&followup.body);
    }

    bot.say(bot.message(ANSWER_CHANNEL, OTHER_ASKER, NEW_QUESTION));
    let replies = bot
        .fake
        .wait_for_n("the new note's answer", 2, |r| {
            r.method == "POST" && r.path == format!("/channels/{ANSWER_CHANNEL}/messages")
        })
        .await;
    let text = embed_text(&replies[1].body);
    assert!(text.contains("`ops/zorblax.md:5`") && text.contains("새벽 3시"), "{text}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_reindex_is_reported_and_the_old_index_keeps_serving() {
    let bot = Bot::start(0, &[], |_| {}).await;
    std::fs::remove_dir_all(bot.knowledge()).expect("remove the notes");
    let id = bot.command(2, "reindex", json!([]), ADMIN, &[]);
    assert_eq!(bot.callback(id).await.body["type"], 5);
    let report = bot.followup(id).await;
    let content = report.body["content"].as_str().unwrap();
    assert!(content.contains("다시 만들지 못했어요") && content.contains("기존 색인으로 계속 답해요"), "{content}");
    assert_eq!(report.body["flags"], 64);
    assert_no_mentions(&report.body);

    bot.say(bot.message(ANSWER_CHANNEL, ASKER, "Does NLB terminate TLS?"));
    let reply = bot.reply_in(ANSWER_CHANNEL).await;
    assert!(embed_text(&reply.body).contains("`aws/overview.md:219-225`"), "still served from the old index");
    bot.shutdown().await;
}
