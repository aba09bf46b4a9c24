//! Captures every `tracing` line the process emits (from all threads, so from the bot's
//! tasks too) so tests can prove the token never reaches a log.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

static CAPTURED: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static INSTALLED: OnceLock<bool> = OnceLock::new();

#[derive(Clone, Copy)]
struct Capture;

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        *self
    }
}

/// Installs the capturing subscriber once for the whole test binary; true when ours is the
/// global one (so an absent token in the capture means something).
pub fn install() -> bool {
    *INSTALLED.get_or_init(|| {
        let filter = EnvFilter::new("info,notebot=trace,serenity=debug,poise=debug,tantivy=warn");
        let subscriber =
            tracing_subscriber::fmt().with_env_filter(filter).with_writer(Capture).with_ansi(false).finish();
        tracing::subscriber::set_global_default(subscriber).is_ok()
    })
}

/// Everything logged so far by every test.
pub fn captured() -> String {
    String::from_utf8_lossy(&CAPTURED.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
}
