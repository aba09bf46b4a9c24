//! Settings, layered the way operators expect: built-in defaults, `config/default.toml`,
//! `config/local.toml`, an explicit `--config` file, then `NOTEBOT__SECTION__KEY` variables.
//!
//! Every section denies unknown keys so a typo in a config file is an error that names the
//! key instead of a silently ignored setting.

use std::fmt;
use std::path::PathBuf;

use config::builder::{ConfigBuilder, DefaultState};
use config::{Config, Environment, File, FileFormat};
use serde::Deserialize;

use crate::search::{Ranking, RankingParams};

/// Most hits one question may ask for (`search.top`, `--top`).
pub const MAX_TOP: usize = 50;

/// The documented defaults, compiled in so the binary works from any directory.
const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// All of notebot's settings; one struct per `[section]` of `config/default.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Where the notes are and how to link to them.
    pub knowledge: KnowledgeSettings,
    /// Where the index lives and how it is built.
    pub index: IndexSettings,
    /// Query-time limits and the answer threshold.
    pub search: SearchSettings,
    /// How answers are written for people.
    pub answer: AnswerSettings,
    /// The Discord adapter's settings; unused by the CLI.
    pub discord: DiscordSettings,
    /// Logging defaults.
    pub log: LogSettings,
}

/// `[knowledge]`: the notes folder and the link base for citations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeSettings {
    /// Folder searched recursively for Markdown notes.
    pub dir: PathBuf,
    /// Prefix that turns a note's relative path into a browsable URL; empty for none.
    pub source_url_base: String,
    /// Alias file, relative to `dir`; missing is fine.
    pub aliases_file: PathBuf,
    /// A list item longer than this many lines is cited as passages of its nested items
    /// (0: never cut).
    pub passage_lines: u32,
    /// Consecutive one-level list items are cited as one chunk up to this many lines (1: each
    /// item alone).
    pub item_group_lines: u32,
    /// Chunks are searchable by their note's file name as words (`HTTPMethod.md` → `HTTP
    /// Method`).
    pub file_titles: bool,
    /// A list's items are searchable with the paragraph that introduces it (`이유는 세 가지다.`).
    pub lead_ins: bool,
    /// Notes (and the alias file) larger than this many bytes are skipped, by name.
    pub max_note_bytes: u64,
    /// Front matter larger than this many bytes is not parsed; the body is still indexed.
    pub max_front_matter_bytes: usize,
    /// Front matter nested deeper than this is not parsed; the body is still indexed.
    pub max_front_matter_depth: usize,
}

impl KnowledgeSettings {
    /// Where the alias file is: `aliases_file` under `dir`, or itself when absolute.
    pub fn aliases_path(&self) -> PathBuf {
        self.dir.join(&self.aliases_file)
    }

    /// The limits on what one note may cost to read.
    pub fn note_limits(&self) -> crate::knowledge::NoteLimits {
        crate::knowledge::NoteLimits {
            max_note_bytes: self.max_note_bytes,
            max_front_matter_bytes: self.max_front_matter_bytes,
            max_front_matter_depth: self.max_front_matter_depth,
        }
    }
    /// How notes are read into chunks, from these settings.
    pub fn page_options(&self) -> crate::knowledge::PageOptions {
        crate::knowledge::PageOptions {
            passage_lines: self.passage_lines,
            item_group_lines: self.item_group_lines,
            file_titles: self.file_titles,
            lead_ins: self.lead_ins,
            limits: self.note_limits(),
            ..crate::knowledge::PageOptions::default()
        }
    }
}

/// `[index]`: location and build parallelism.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSettings {
    /// Folder holding index generations and the pointer to the live one.
    pub dir: PathBuf,
    /// Indexing threads; 0 picks one per core.
    pub threads: usize,
}

/// `configured` threads, where 0 (the default of `index.threads`) means one per core.
pub fn threads_or_cores(configured: usize) -> usize {
    match configured {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// `[search]`: knobs that bound and judge a query.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Default number of hits.
    pub top: usize,
    /// Questions are cut to this many characters so huge input cannot stall a search.
    pub max_question_chars: usize,
    /// `notebot` (fields, aliases, typo corrections, coverage re-ranking) or `bm25` (plain
    /// BM25 over heading and body with the same analysis), kept to measure what the structure adds.
    pub ranking: Ranking,
    /// Whether the built-in English–Korean glossary (`security` = `보안`) widens questions
    /// like the team's aliases: notes in one language, questions in the other.
    pub glossary: bool,
    /// Whether terms the notes write in both languages (`교착상태(Deadlock)`) widen questions
    /// like aliases: the notes' own translations, learnt at index time.
    pub translations: bool,
    /// With `translations`, the words of the notes' multi-word translations paired in order
    /// (`이진 트리` = `binary tree` pairs `이진` with `binary`) widen questions too, once at least
    /// this many translations pair them and nothing contradicts them (0: off).
    pub translation_word_support: u32,
    /// Whether the abbreviations the notes define (`SSR(Server Side Rendering)`) widen
    /// questions like aliases, both ways: learnt at index time.
    pub definitions: bool,
    /// `[search.weights]`: every ranking weight and threshold, the answer threshold
    /// (`abstention.min_coverage`) among them.
    #[serde(default)]
    pub weights: RankingParams,
}

/// `[answer]`: presentation settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSettings {
    /// `ko` or `en`.
    pub language: Language,
    /// Answer texts longer than this are trimmed at a line boundary.
    pub max_answer_chars: usize,
    /// Citations shown to a person besides the answer's: those scoring within this share of
    /// the answer's score (0..1). `--json` keeps every hit asked for.
    pub citation_margin: f32,
}

/// `[discord]`: everything `notebot serve` needs beyond the engine.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordSettings {
    /// Bot token; kept out of `Debug` output so it never reaches a log.
    pub token: String,
    /// Channels where every question is answered.
    #[serde(deserialize_with = "ids")]
    pub answer_channels: Vec<u64>,
    /// Answer in a thread opened on the question.
    pub reply_in_thread: bool,
    /// Guild for instant command registration; 0 for global.
    pub guild_id: u64,
    /// Users allowed to `/reindex`.
    #[serde(deserialize_with = "ids")]
    pub admin_user_ids: Vec<u64>,
    /// Roles allowed to `/reindex`.
    #[serde(deserialize_with = "ids")]
    pub admin_role_ids: Vec<u64>,
    /// REST proxy URL; empty for direct calls to Discord.
    pub api_proxy: String,
    /// `ko` or `en`.
    pub language: Language,
    /// Questions one user may ask per minute.
    pub rate_limit_per_minute: u32,
    /// Questions one server may ask per minute, all users together; 0 for no limit.
    pub guild_rate_limit_per_minute: u32,
}

impl fmt::Debug for DiscordSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DiscordSettings")
            .field("token", &if self.token.is_empty() { "" } else { "<redacted>" })
            .field("answer_channels", &self.answer_channels)
            .field("reply_in_thread", &self.reply_in_thread)
            .field("guild_id", &self.guild_id)
            .field("admin_user_ids", &self.admin_user_ids)
            .field("admin_role_ids", &self.admin_role_ids)
            .field("api_proxy", &self.api_proxy)
            .field("language", &self.language)
            .field("rate_limit_per_minute", &self.rate_limit_per_minute)
            .field("guild_rate_limit_per_minute", &self.guild_rate_limit_per_minute)
            .finish()
    }
}

/// A list of Discord ids written as a TOML array, or in an environment variable as one id or
/// several separated by commas: the environment source reads `333` as a number, not a list of
/// one, and `1,2` as a list of strings.
fn ids<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
    struct Ids;

    impl<'de> serde::de::Visitor<'de> for Ids {
        type Value = Vec<u64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of ids, or ids separated by commas")
        }

        fn visit_u64<E: serde::de::Error>(self, id: u64) -> Result<Vec<u64>, E> {
            Ok(vec![id])
        }

        fn visit_i64<E: serde::de::Error>(self, id: i64) -> Result<Vec<u64>, E> {
            u64::try_from(id).map(|id| vec![id]).map_err(|_| E::custom(format!("{id} is not a Discord id")))
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Vec<u64>, E> {
            text.split(',').map(str::trim).filter(|id| !id.is_empty()).map(parse_id).collect()
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u64>, A::Error> {
            let mut ids = Vec::new();
            while let Some(item) = seq.next_element::<IdItem>()? {
                ids.extend(item.0);
            }
            Ok(ids)
        }
    }

    /// One element of a list: a number, or text that is one (blank text is no id).
    struct IdItem(Option<u64>);

    impl<'de> Deserialize<'de> for IdItem {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<IdItem, D::Error> {
            let ids = deserializer.deserialize_any(Ids)?;
            match ids.as_slice() {
                [] => Ok(IdItem(None)),
                [id] => Ok(IdItem(Some(*id))),
                _ => Err(serde::de::Error::custom("a list inside a list of ids")),
            }
        }
    }

    fn parse_id<E: serde::de::Error>(text: &str) -> Result<u64, E> {
        text.parse().map_err(|_| E::custom(format!("{text:?} is not a Discord id (a number)")))
    }

    deserializer.deserialize_any(Ids)
}

/// `[log]`: the level used when `RUST_LOG` is unset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// A `tracing` level or filter directive.
    pub level: String,
}

/// Language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Language {
    /// Korean, the default for our teams.
    Ko,
    /// English.
    En,
}

impl TryFrom<String> for Language {
    type Error = String;

    /// `ko` or `en`, in any case, so `EN` in an environment variable works too.
    fn try_from(name: String) -> Result<Language, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "ko" => Ok(Language::Ko),
            "en" => Ok(Language::En),
            _ => Err(format!("the language must be \"ko\" or \"en\", not {name:?}")),
        }
    }
}

/// Where settings come from besides the built-in defaults; every field is optional.
#[derive(Debug, Default, Clone)]
pub struct SettingsSources {
    /// Folder holding `default.toml` / `local.toml`; `config` in the working directory if unset.
    pub config_dir: Option<PathBuf>,
    /// An explicit file that must exist (`--config`).
    pub file: Option<PathBuf>,
    /// Read `NOTEBOT__…` variables (tests turn this off to stay hermetic).
    pub use_env: bool,
}

/// Where a setting was written, as a configuration error names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `config/default.toml` as compiled in.
    BuiltIn,
    /// A config file.
    File(PathBuf),
    /// A `NOTEBOT__…` environment variable, by name.
    Variable(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("the built-in defaults"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Variable(name) => write!(f, "the environment variable {name}"),
        }
    }
}

/// A configuration problem, worded for the operator who has to fix it. No message, and no
/// cause kept, shows the Discord token.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The `--config` file is missing.
    #[error("configuration error: config file {} does not exist", .0.display())]
    Missing(PathBuf),
    /// The `--config` path is a folder or another non-file.
    #[error("configuration error: config file {} is not a file", .0.display())]
    NotAFile(PathBuf),
    /// A config file exists but cannot be read.
    #[error("configuration error: config file {} cannot be read: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why reading failed.
        #[source]
        source: std::io::Error,
    },
    /// A config file is not TOML. The TOML parser's own error quotes the line, which may be the
    /// token's, so only [`toml_problem`]'s account of it is kept.
    #[error("configuration error: {} is not valid TOML: {problem}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line, key and what is wrong, without the line's text.
        problem: String,
    },
    /// An unknown key or a value of the wrong type, with the source that carries it when one
    /// does on its own.
    #[error("configuration error: {source}{}", in_origin(.origin))]
    Setting {
        /// What the `config` crate found wrong (boxed: it is large, and errors are rare).
        #[source]
        source: Box<config::ConfigError>,
        /// The file or variable it is written in.
        origin: Option<Origin>,
    },
    /// The token is not text. The `config` crate's error quotes the value, so it is not kept.
    #[error(
        "configuration error: `discord.token` must be text in quotes (the value given is not shown){}",
        in_origin(.origin)
    )]
    Token {
        /// The file or variable it is written in.
        origin: Option<Origin>,
    },
    /// A ranking weight out of its range: the message names the key.
    #[error("configuration error: {0}")]
    Weight(String),
    /// A value out of its range.
    #[error("configuration error: `{key}` {why}")]
    Value {
        /// The key, `section.name`.
        key: &'static str,
        /// What it must be.
        why: String,
    },
}

fn in_origin(origin: &Option<Origin>) -> String {
    origin.as_ref().map(|origin| format!(" (in {origin})")).unwrap_or_default()
}

/// One source of settings: a TOML text, or one environment variable.
struct Layer {
    origin: Origin,
    content: LayerContent,
}

enum LayerContent {
    Toml(String),
    Variable(String, String),
}

impl Layer {
    fn add_to(&self, builder: ConfigBuilder<DefaultState>) -> ConfigBuilder<DefaultState> {
        match &self.content {
            LayerContent::Toml(text) => builder.add_source(File::from_str(text, FileFormat::Toml)),
            LayerContent::Variable(name, value) => {
                let only = [(name.clone(), value.clone())].into_iter().collect();
                builder.add_source(environment().source(Some(only)))
            }
        }
    }
}

impl Settings {
    /// The built-in defaults (`config/default.toml` as compiled in), and nothing from the working
    /// directory or the environment: what tests and embedders start from.
    pub fn defaults() -> Result<Settings, ConfigError> {
        let built_in = Layer { origin: Origin::BuiltIn, content: LayerContent::Toml(DEFAULT_TOML.to_string()) };
        Self::from_layers(&[built_in], None)
    }

    /// Layers every source in precedence order and checks the result.
    pub fn load(sources: &SettingsSources) -> Result<Settings, ConfigError> {
        let config_dir = sources.config_dir.clone().unwrap_or_else(|| PathBuf::from("config"));
        let mut layers = vec![Layer { origin: Origin::BuiltIn, content: LayerContent::Toml(DEFAULT_TOML.to_string()) }];
        for file in [config_dir.join("default.toml"), config_dir.join("local.toml")] {
            if file.is_file() {
                layers.push(toml_layer(file)?);
            }
        }
        if let Some(file) = &sources.file {
            if !file.exists() {
                return Err(ConfigError::Missing(file.clone()));
            }
            if !file.is_file() {
                return Err(ConfigError::NotAFile(file.clone()));
            }
            layers.push(toml_layer(file.clone())?);
        }
        let mut token = None;
        if sources.use_env {
            layers.extend(variables().into_iter().map(|(name, value)| Layer {
                origin: Origin::Variable(name.clone()),
                content: LayerContent::Variable(name, value),
            }));
            if std::env::var_os("NOTEBOT__DISCORD__TOKEN").is_none() {
                token = std::env::var("DISCORD_TOKEN").ok();
            }
        }
        Self::from_layers(&layers, token)
    }

    /// `layers` merged in order (and `token` over them); on a bad key, the message names the
    /// last layer that is bad on its own.
    fn from_layers(layers: &[Layer], token: Option<String>) -> Result<Settings, ConfigError> {
        let mut builder = layers.iter().fold(Config::builder(), |builder, layer| layer.add_to(builder));
        if let Some(token) = token {
            builder = builder.set_override("discord.token", token).map_err(|e| setting_error(e, None))?;
        }
        let settings = match deserialize(builder) {
            Ok(settings) => settings,
            Err(merged) => return Err(blame(layers).unwrap_or_else(|| setting_error(merged, None))),
        };
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &'static str, why: &str| Err(ConfigError::Value { key, why: why.to_string() });
        if !(1..=MAX_TOP).contains(&self.search.top) {
            return bad("search.top", &format!("must be from 1 to {MAX_TOP}"));
        }
        if self.knowledge.max_note_bytes < 1_000 {
            return bad("knowledge.max_note_bytes", "must be at least 1000");
        }
        if self.knowledge.max_front_matter_bytes < 256 || self.knowledge.max_front_matter_depth < 2 {
            return bad(
                "knowledge.max_front_matter_bytes",
                "must be at least 256, and max_front_matter_depth at least 2",
            );
        }
        if self.search.max_question_chars < 10 {
            return bad("search.max_question_chars", "must be at least 10");
        }
        self.search.weights.validate().map_err(ConfigError::Weight)?;
        if self.answer.max_answer_chars < 100 {
            return bad("answer.max_answer_chars", "must be at least 100");
        }
        if !(0.0..=1.0).contains(&self.answer.citation_margin) {
            return bad("answer.citation_margin", "must be between 0 and 1");
        }
        if !self.log.level.split(',').all(is_log_directive) {
            return bad("log.level", "must be error, warn, info, debug, trace or off (or a `target=level` filter)");
        }
        Ok(())
    }
}

/// A config file read once, refused when it is not TOML with a message naming the file, the
/// line and the key, never the line itself: it may be the token's (`token = "abc` with the quote
/// left open), and the TOML parser's own message quotes it.
fn toml_layer(path: PathBuf) -> Result<Layer, ConfigError> {
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(source) => return Err(ConfigError::Unreadable { path, source }),
    };
    if let Err(e) = toml::from_str::<toml::Table>(&text) {
        let problem = toml_problem(&text, &e);
        return Err(ConfigError::Syntax { path, problem });
    }
    Ok(Layer { origin: Origin::File(path), content: LayerContent::Toml(text) })
}

/// The `NOTEBOT__…` variables, in name order (names or values that are not UTF-8 are skipped,
/// as the `config` crate skips them).
fn variables() -> Vec<(String, String)> {
    let mut variables: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
        .filter(|(name, _)| name.to_ascii_uppercase().starts_with("NOTEBOT__"))
        .collect();
    variables.sort();
    variables
}

fn deserialize(builder: ConfigBuilder<DefaultState>) -> Result<Settings, config::ConfigError> {
    builder.build().and_then(Config::try_deserialize)
}

/// The error of the last layer that is bad over the built-in defaults alone, named by that
/// layer: every key is in the defaults, so a layer fails alone exactly when it holds an unknown
/// key or a value of the wrong type.
fn blame(layers: &[Layer]) -> Option<ConfigError> {
    let (built_in, rest) = layers.split_first()?;
    let alone = |layer: &Layer| deserialize(layer.add_to(built_in.add_to(Config::builder()))).err();
    if let Some(error) = alone(built_in) {
        return Some(setting_error(error, Some(built_in.origin.clone())));
    }
    rest.iter().rev().find_map(|layer| alone(layer).map(|error| setting_error(error, Some(layer.origin.clone()))))
}

/// The error as kept; one about the token drops the `config` crate's error, which quotes the value.
fn setting_error(source: config::ConfigError, origin: Option<Origin>) -> ConfigError {
    if is_about_token(&source) {
        ConfigError::Token { origin }
    } else {
        ConfigError::Setting { source: Box::new(source), origin }
    }
}

fn is_about_token(error: &config::ConfigError) -> bool {
    match error {
        config::ConfigError::Type { key, .. } => key.as_deref() == Some("discord.token"),
        config::ConfigError::At { key, error, .. } => key.as_deref() == Some("discord.token") || is_about_token(error),
        _ => false,
    }
}

/// Where a TOML error is and what it is, without any of the text: `line 3 (key `token`):
/// invalid string`. Shared by every file notebot reads TOML from.
pub fn toml_problem(text: &str, error: &toml::de::Error) -> String {
    let Some(span) = error.span() else {
        return first_line(error.message()).to_string();
    };
    let at = span.start.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_number = text[..line_start].matches('\n').count() + 1;
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = line.split_once('=').map(|(key, _)| key.trim()).filter(|key| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
    });
    let key = key.map(|key| format!(" (key `{key}`)")).unwrap_or_default();
    format!("line {line_number}{key}: {} (the line is not shown: it may hold a secret)", first_line(error.message()))
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

/// A level name, or a `tracing` directive naming a target (`notebot=debug`).
fn is_log_directive(directive: &str) -> bool {
    let directive = directive.trim();
    directive.contains('=')
        || ["error", "warn", "info", "debug", "trace", "off"].contains(&directive.to_ascii_lowercase().as_str())
}

fn environment() -> Environment {
    Environment::with_prefix("NOTEBOT")
        .prefix_separator("__")
        .separator("__")
        .try_parsing(true)
        .list_separator(",")
        .with_list_parse_key("discord.answer_channels")
        .with_list_parse_key("discord.admin_user_ids")
        .with_list_parse_key("discord.admin_role_ids")
}

#[cfg(test)]
mod tests {
    use std::error::Error;
    use std::path::Path;

    use super::*;

    fn load(dir: &Path, file: Option<&Path>) -> Result<Settings, ConfigError> {
        let sources = SettingsSources { config_dir: Some(dir.into()), file: file.map(Into::into), use_env: false };
        Settings::load(&sources)
    }

    fn origin(error: &ConfigError) -> Option<&Origin> {
        match error {
            ConfigError::Setting { origin, .. } | ConfigError::Token { origin } => origin.as_ref(),
            _ => None,
        }
    }

    #[test]
    fn defaults_are_the_built_in_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("local.toml"), "[search]\ntop = 9\n").unwrap();
        assert_eq!(load(dir.path(), None).unwrap().search.top, 9);
        let defaults = Settings::defaults().unwrap();
        assert_eq!(defaults.search.top, 5);
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(format!("{defaults:?}"), format!("{:?}", load(empty.path(), None).unwrap()));
    }

    #[test]
    fn a_bad_key_is_named_with_the_file_that_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("local.toml");
        let extra = dir.path().join("extra.toml");
        std::fs::write(&local, "[search]\ntopp = 3\n").unwrap();
        std::fs::write(&extra, "[answer]\nlanguage = \"en\"\n").unwrap();
        let unknown = load(dir.path(), Some(&extra)).unwrap_err();
        assert_eq!(origin(&unknown), Some(&Origin::File(local.clone())), "{unknown}");
        assert!(unknown.to_string().contains("topp") && unknown.source().is_some(), "{unknown}");

        std::fs::write(&extra, "[search]\ntop = \"many\"\n").unwrap();
        let both = load(dir.path(), Some(&extra)).unwrap_err();
        assert_eq!(origin(&both), Some(&Origin::File(extra.clone())), "the later layer is named: {both}");
        std::fs::remove_file(&local).unwrap();
        let typed = load(dir.path(), Some(&extra)).unwrap_err();
        assert!(typed.to_string().ends_with(&format!("(in {})", extra.display())), "{typed}");
    }

    #[test]
    fn a_token_of_the_wrong_type_is_neither_shown_nor_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret.toml");
        std::fs::write(&file, "[discord]\ntoken = [\"SECRETabc\"]\n").unwrap();
        let error = load(dir.path(), Some(&file)).unwrap_err();
        assert!(matches!(&error, ConfigError::Token { origin: Some(Origin::File(f)) } if f == &file), "{error}");
        assert!(error.source().is_none() && !format!("{error} {error:?}").contains("SECRET"), "{error:?}");
    }
}
