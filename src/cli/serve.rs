//! `notebot serve`: the Discord bot over the same engine.

use std::process::ExitCode;
use std::sync::Arc;

use super::{fail, open_engine, EXIT_USAGE};
use crate::config::Settings;
use crate::discord::DiscordError;

/// Starts the bot; a missing token is a usage error (exit code 2) that names the variable.
pub fn run(settings: Settings) -> ExitCode {
    if settings.discord.token.trim().is_empty() {
        return fail(EXIT_USAGE, &DiscordError::MissingToken.to_string());
    }
    let engine = match open_engine(settings) {
        Ok(engine) => Arc::new(engine),
        Err(code) => return code,
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return fail(1, &format!("cannot start the async runtime: {e}")),
    };
    match runtime.block_on(crate::discord::run(engine)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, &e.to_string()),
    }
}
