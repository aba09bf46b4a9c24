//! Fixtures shared by the capability tests: temporary knowledge folders, engines over them,
//! and one engine over the tests' copy of the shipped notes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use notebot::config::Settings;
use notebot::engine::Engine;
use tempfile::TempDir;

/// The tests' copy of the shipped example notes (`tests/data/notes`): tests pin its lines and
/// wording, so the example in `knowledge/` can be edited without breaking them.
pub fn shipped_knowledge() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/notes")
}

/// The seed note's text, from the tests' copy.
pub fn seed_note() -> String {
    std::fs::read_to_string(shipped_knowledge().join("aws/overview.md")).expect("shipped note")
}

/// Settings pointing at `knowledge` and `index`, with built-in defaults otherwise.
pub fn settings(knowledge: &Path, index: &Path) -> Settings {
    let mut settings = Settings::defaults().expect("the built-in defaults are valid");
    settings.knowledge.dir = knowledge.to_path_buf();
    settings.index.dir = index.to_path_buf();
    settings
}

/// One engine over the shipped notes for the whole test binary (its index lives in cargo's
/// per-target temporary folder).
pub fn shipped_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let index = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("shipped-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&index);
        Engine::open(settings(&shipped_knowledge(), &index)).expect("engine over the shipped notes")
    })
}

/// A temporary knowledge folder and index folder.
pub struct Fixture {
    /// Keeps the folders alive.
    pub root: TempDir,
}

impl Fixture {
    /// Empty knowledge folder.
    pub fn new() -> Fixture {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("knowledge")).expect("knowledge dir");
        Fixture { root }
    }

    /// With a copy of the shipped note at `aws/overview.md`.
    pub fn with_seed() -> Fixture {
        let fixture = Fixture::new();
        fixture.write("aws/overview.md", seed_note().as_bytes());
        fixture
    }

    /// The knowledge folder.
    pub fn knowledge(&self) -> PathBuf {
        self.root.path().join("knowledge")
    }

    /// The index folder.
    pub fn index(&self) -> PathBuf {
        self.root.path().join("index")
    }

    /// Writes a file under the knowledge folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) {
        let path = self.knowledge().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write note");
    }

    /// Settings for this fixture.
    pub fn settings(&self) -> Settings {
        settings(&self.knowledge(), &self.index())
    }

    /// An engine for this fixture.
    pub fn engine(&self) -> Engine {
        Engine::open(self.settings()).expect("engine")
    }
}

/// The `notebot` binary run in `dir` with none of the caller's `NOTEBOT__…` variables or
/// `RUST_LOG`: a developer's `config/local.toml` or environment must not change a test.
pub fn notebot_in(dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_notebot"));
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(|name| name.starts_with("NOTEBOT__") || name == "RUST_LOG") {
            command.env_remove(name);
        }
    }
    command.current_dir(dir);
    command
}
