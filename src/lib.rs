//! notebot: answers questions, in Korean or English, from a team's Markdown notes, and always
//! says where the answer came from.
//!
//! The engine is plain library code, free of Discord: [`knowledge`] loads and chunks notes,
//! [`analysis`] turns Korean and English text into index terms, [`index`] builds and swaps the
//! Tantivy index, [`search`] ranks chunks and [`answer`] writes the reply with citations.
//! [`engine::Engine`] ties them together for the CLI and the Discord bot.
//!
//! The two adapters are cargo features, both on by default: `cli` (the `notebot` command) and
//! `discord` (the bot). Without them the crate is the engine alone.

pub mod analysis;
pub mod answer;
#[cfg(feature = "cli")]
mod bench;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
#[cfg(feature = "discord")]
pub mod discord;
pub mod engine;
pub mod eval;
pub mod i18n;
pub mod index;
pub mod knowledge;
pub mod lexicon;
pub mod search;
