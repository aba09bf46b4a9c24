//! Team-editable groups of equivalent terms (`오토스케일링 = auto scaling = autoscaling`),
//! applied at query time with less weight than the words actually typed.
//!
//! The file is TOML with one array per group:
//! ```toml
//! groups = [
//!   ["보안그룹", "security group", "SG"],
//!   ["람다", "lambda"],
//! ]
//! ```
//! Every entry is analysed like the notes, so spacing and particles do not matter.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::analysis::Analyzer;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    groups: Vec<Vec<String>>,
}

/// Alias groups, each alternative as its analysed term sequence, with an index from an
/// alternative's first term to where it occurs so a question is matched in a few lookups.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    groups: Vec<Vec<Vec<String>>>,
    by_first_term: HashMap<String, Vec<(usize, usize)>>,
}

/// One place where a question uses an alias, and the alternatives to add.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasMatch {
    /// Index of the first matched question term.
    pub start: usize,
    /// How many question terms the alias spans (`pre-warm` spans `pre` and `warm`).
    pub len: usize,
    /// Terms of every other alternative in the group.
    pub alternatives: Vec<Vec<String>>,
}

impl Aliases {
    /// Reads the alias file; a missing file means no aliases, a broken one is an error that
    /// says which file and why.
    pub fn load(path: &Path, analyzer: &Analyzer) -> Result<Aliases, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Aliases::default()),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let file: AliasFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Self::from_groups(&file.groups, analyzer))
    }

    /// Builds aliases from groups of phrases.
    pub fn from_groups(groups: &[Vec<String>], analyzer: &Analyzer) -> Aliases {
        let groups: Vec<Vec<Vec<String>>> = groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|phrase| analyzer.analyze(phrase).into_iter().map(|t| t.text).collect::<Vec<_>>())
                    .filter(|terms| !terms.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|group| group.len() > 1)
            .collect();
        let mut by_first_term: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (group_index, group) in groups.iter().enumerate() {
            for (alternative_index, alternative) in group.iter().enumerate() {
                by_first_term.entry(alternative[0].clone()).or_default().push((group_index, alternative_index));
            }
        }
        Aliases { groups, by_first_term }
    }

    /// Every alias occurrence in the question's terms, with the group's other alternatives.
    pub fn find(&self, terms: &[String]) -> Vec<AliasMatch> {
        let mut found = Vec::new();
        for (start, first) in terms.iter().enumerate() {
            for &(group_index, which) in self.by_first_term.get(first).into_iter().flatten() {
                let group = &self.groups[group_index];
                if !terms[start..].starts_with(&group[which]) {
                    continue;
                }
                let alternatives =
                    group.iter().enumerate().filter(|(i, _)| *i != which).map(|(_, a)| a.clone()).collect();
                found.push(AliasMatch { start, len: group[which].len(), alternatives });
            }
        }
        found
    }
}
