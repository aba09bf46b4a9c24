//! One integration-test binary (the Korean dictionary is linked once), with a module per
//! capability.

mod analysis;
mod answers;
mod cli;
mod common;
mod discord;
mod index;
mod knowledge;
mod ranking;
mod search;
mod snapshots;
mod widening;
