//! `notebot serve` end to end: the real serenity/poise client inside `notebot::discord::run_until`
//! talks to an in-process fake Discord (REST + WebSocket gateway on 127.0.0.1), and the tests
//! assert on the requests the fake receives.

mod commands;
mod fake;
mod faults;
mod gateway;
mod harness;
mod logs;
mod messages;
mod payloads;
mod reindex;
