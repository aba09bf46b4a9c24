//! Slash commands, one file each (the ferrisbot-for-discord layout), registered together.

mod ask;
mod reindex;
mod topic;

use super::{Data, Error};

/// Every command the bot registers; the order is the order Discord lists them in.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![ask::ask(), topic::topic(), reindex::reindex()]
}
