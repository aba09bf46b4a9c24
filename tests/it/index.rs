//! The index folder: falling back to the index built before, and never touching what notebot
//! did not write.

use std::time::{SystemTime, UNIX_EPOCH};

use notebot::engine::{Engine, EngineError};
use notebot::index::IndexError;

use crate::common::Fixture;

#[test]
fn a_failed_rebuild_at_start_leaves_the_previous_index_answering() {
    let fixture = Fixture::with_seed();
    drop(fixture.engine());
    let before = std::fs::read_to_string(fixture.index().join("CURRENT")).unwrap();
    std::fs::remove_dir_all(fixture.knowledge()).unwrap();
    let engine = Engine::open(fixture.settings()).expect("the previous index serves");
    assert!(engine.ask("NACL은 subnet 단위야?", 1).unwrap().answered);
    assert_eq!(std::fs::read_to_string(fixture.index().join("CURRENT")).unwrap(), before);
    let explicit = Engine::open_rebuilt(fixture.settings(), &|_| {}).expect_err("an explicit rebuild reports");
    assert!(matches!(explicit, EngineError::Knowledge(_)), "{explicit}");
}

#[test]
fn a_folder_notebot_did_not_write_is_refused_and_left_alone() {
    let fixture = Fixture::with_seed();
    let theirs = fixture.index().join("gen-notmine");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("thesis.txt"), "keep me").unwrap();
    let refused = Engine::open(fixture.settings()).expect_err("a foreign folder");
    assert!(
        matches!(&refused, EngineError::Index(IndexError::NotAnIndex { entry, .. }) if entry == "gen-notmine"),
        "{refused}"
    );
    assert_eq!(std::fs::read_to_string(theirs.join("thesis.txt")).unwrap(), "keep me");
    assert_eq!(std::fs::read_dir(fixture.index()).unwrap().count(), 1, "nothing was written beside it");
}

#[test]
fn builds_abandoned_by_a_killed_process_are_cleared_by_the_next_one() {
    let fixture = Fixture::with_seed();
    drop(fixture.engine());
    std::fs::write(fixture.index().join(".gitkeep"), "").unwrap();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis();
    let abandoned = fixture.index().join(format!("building-{}-1-0", now - 2 * 3_600_000));
    let killed_just_now = fixture.index().join(format!("building-{now}-1-0"));
    let pointer = fixture.index().join(format!("CURRENT.{now}-1-1"));
    for dir in [&abandoned, &killed_just_now] {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&pointer, "gen-1-1-1").unwrap();
    drop(Engine::open_rebuilt(fixture.settings(), &|_| {}).unwrap());
    assert!(!abandoned.exists() && !killed_just_now.exists(), "no build runs while the build lock is free");
    assert!(!pointer.exists());
    assert!(fixture.index().join(".gitkeep").exists());
}
