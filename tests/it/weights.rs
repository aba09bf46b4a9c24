//! The ranking parameters: every key of `RankingParams` is documented in docs/ranking.md with
//! its default, and `config/default.toml` sets each of them to that default, so neither can
//! drift from the code.

use std::path::Path;

use notebot::search::RankingParams;

/// Every leaf of `table` as (`group.key`, value), depth first.
fn leaves(prefix: &str, table: &toml::Table, out: &mut Vec<(String, toml::Value)>) {
    for (key, value) in table {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::Table(inner) => leaves(&path, inner, out),
            leaf => out.push((path, leaf.clone())),
        }
    }
}

fn default_leaves() -> Vec<(String, toml::Value)> {
    let table = toml::Table::try_from(RankingParams::default()).expect("the parameters serialise");
    let mut out = Vec::new();
    leaves("", &table, &mut out);
    out
}

/// Whether a number written in the docs is the default `value` (floats compared as the `f32`
/// the struct holds).
fn same_number(written: &str, value: &toml::Value) -> bool {
    match value {
        toml::Value::Integer(n) => written.parse::<i64>() == Ok(*n),
        toml::Value::Float(x) => written.parse::<f32>().is_ok_and(|w| w == *x as f32),
        other => panic!("a ranking parameter is a number, not {other:?}"),
    }
}

#[test]
fn every_parameter_is_documented_with_its_default() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ranking.md")).unwrap();
    let keys = default_leaves();
    assert!(keys.len() > 30, "every weight and threshold: {}", keys.len());
    for (key, value) in keys {
        let cell = format!("`{key}`");
        // A table row: `| what | `key` | default | ... |`.
        let documented = docs.lines().filter(|line| line.trim_start().starts_with('|')).any(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let at = cells.iter().position(|c| *c == cell);
            at.and_then(|i| cells.get(i + 1)).is_some_and(|written| same_number(written, &value))
        });
        let shown = value.as_float().map_or(value.to_string(), |x| (x as f32).to_string());
        assert!(documented, "docs/ranking.md has no row `| … | {cell} | {shown} |`");
    }
}

#[test]
fn default_toml_sets_every_parameter_to_its_default() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml")).unwrap();
    let config: toml::Table = toml::from_str(&text).unwrap();
    let weights = config["search"]["weights"].as_table().expect("[search.weights] in default.toml").clone();
    let mut written = Vec::new();
    leaves("", &weights, &mut written);
    let written_keys: Vec<&str> = written.iter().map(|(key, _)| key.as_str()).collect();
    let defaults = default_leaves();
    let default_keys: Vec<&str> = defaults.iter().map(|(key, _)| key.as_str()).collect();
    let (mut a, mut b) = (written_keys.clone(), default_keys.clone());
    a.sort();
    b.sort();
    assert_eq!(a, b, "default.toml names every parameter, and only those");
    let parsed: RankingParams = weights.try_into().expect("default.toml's weights are RankingParams");
    assert_eq!(parsed, RankingParams::default());
    parsed.validate().expect("the defaults are in range");
}
