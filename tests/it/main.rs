//! One integration-test binary (the Korean dictionary is linked once), with a module per
//! capability.

mod analysis;
mod answers;
mod bench;
mod chunking;
mod cli;
mod common;
mod discord;
mod fuzz;
mod index;
mod knowledge;
mod lexicon;
mod ranking;
mod reliability;
mod search;
mod snapshots;
mod vocabulary;
mod weights;
mod wideners;
mod widening;
