//! Jekyll front matter and kramdown leftovers.
//!
//! Both are removed by blanking their lines rather than deleting them, so line numbers in
//! citations still match the file people open.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::NoteLimits;

/// What a just-the-docs page says about itself, plus the body with the block blanked out.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// `title`: the root of every heading path in the note.
    pub title: Option<String>,
    /// `parent`: the navigation parent, searchable but not shown in heading paths.
    pub parent: Option<String>,
    /// `description`: searchable summary.
    pub description: Option<String>,
    /// The note's text with the front matter lines blanked.
    pub body: String,
    /// Why the front matter could not be read, if it could not.
    pub problem: Option<String>,
}

/// The three keys notebot reads, each a scalar's text (`None`: absent, null, or not a scalar).
#[derive(Debug, Default)]
struct Fields {
    title: Option<String>,
    parent: Option<String>,
    description: Option<String>,
}

/// Separates a leading `---` … `---` block from the body; broken YAML is reported and the body
/// is still used.
pub fn split(text: &str, limits: &NoteLimits) -> FrontMatter {
    let mut lines = text.split_inclusive('\n');
    let starts_with_fence = lines.next().is_some_and(|first| first.trim_end() == "---");
    if !starts_with_fence {
        return FrontMatter { body: text.to_string(), ..FrontMatter::default() };
    }
    let Some(block_lines) = text.lines().skip(1).position(|line| matches!(line.trim_end(), "---" | "...")) else {
        return FrontMatter {
            body: text.to_string(),
            problem: Some("front matter starts with `---` but is never closed; read as text".to_string()),
            ..FrontMatter::default()
        };
    };
    let yaml: String = text.lines().skip(1).take(block_lines).collect::<Vec<_>>().join("\n");
    let body = blank_first_lines(text, block_lines + 2);
    if let Some(problem) = beyond_limits(&yaml, limits) {
        return FrontMatter { body, problem: Some(problem), ..FrontMatter::default() };
    }
    match parse_fields(&yaml, limits.max_front_matter_depth) {
        Ok(fields) => FrontMatter {
            title: fields.title,
            parent: fields.parent,
            description: fields.description,
            body,
            problem: None,
        },
        Err(e) => FrontMatter {
            body,
            problem: Some(format!("front matter is not valid YAML ({e}); the body is still indexed")),
            ..FrontMatter::default()
        },
    }
}

/// Why `yaml` is not parsed, if it is too large or nested too deeply: the YAML parser takes
/// quadratic time over nested flow collections (`[[[[…`), and a page's title, parent and
/// description need neither.
fn beyond_limits(yaml: &str, limits: &NoteLimits) -> Option<String> {
    if yaml.len() > limits.max_front_matter_bytes {
        return Some(format!(
            "front matter is larger than {} bytes (`knowledge.max_front_matter_bytes`); ignored, the body is still indexed",
            limits.max_front_matter_bytes
        ));
    }
    (flow_depth(yaml) > limits.max_front_matter_depth).then(|| {
        format!(
            "front matter is nested more than {} levels deep (`knowledge.max_front_matter_depth`); ignored, the body is still indexed",
            limits.max_front_matter_depth
        )
    })
}

/// How deeply `yaml` nests: the deepest indentation (in steps of two columns, `- ` and `? `
/// counted as indentation) plus the deepest nesting of `[` and `{` outside quoted strings and
/// comments. It errs on the side of counting too much: a quote is only taken as one where a
/// YAML value can start, and ends with its line.
fn flow_depth(yaml: &str) -> usize {
    let (mut deepest, mut depth) = (0, 0usize);
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start_matches([' ', '-', '?', ':']).len();
        let (mut quote, mut escaped, mut previous) = (None, false, ' ');
        for c in line.chars() {
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if matches!(previous, ' ' | '\t' | ':' | '[' | '{' | ',' | '-' | '?') => quote = Some(c),
                    '#' if previous == ' ' || previous == '\t' => break,
                    '[' | '{' => {
                        depth += 1;
                        deepest = deepest.max(indent / 2 + depth);
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            previous = c;
        }
        deepest = deepest.max(indent / 2);
    }
    deepest
}

/// Reads the top-level `title`, `parent` and `description` of a YAML mapping from the parser's
/// events, without building a tree: saphyr's parser keeps its own stack (no recursion) and stops
/// at 255 nested flow collections, and nesting deeper than `max_depth` is refused here too, in
/// case the [`flow_depth`] estimate missed a form of nesting. Aliases are not expanded, so
/// a "billion laughs" costs nothing.
fn parse_fields(yaml: &str, max_depth: usize) -> Result<Fields, String> {
    let mut fields = Fields::default();
    let (mut depth, mut documents) = (0usize, 0);
    // At depth 1 (the root mapping) scalars alternate key, value; `pending` is the key whose
    // value comes next, `None` while a key is awaited.
    let mut expecting_value = false;
    let mut pending: Option<String> = None;
    let mut keys = HashSet::new();
    let mut anchored: HashMap<usize, String> = HashMap::new();
    for event in Parser::new_from_str(yaml) {
        let (event, _) = event.map_err(|e| e.to_string())?;
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err("more than one YAML document".to_owned());
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 && !matches!(event, Event::MappingStart(..)) {
                    return Err("not a mapping of keys to values".to_owned());
                }
                if depth == 1 {
                    // A collection as a key or as a value of the root mapping.
                    expecting_value = !expecting_value;
                    pending = None;
                }
                depth += 1;
                if depth > max_depth {
                    return Err(format!("nested more than {max_depth} levels deep"));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(text, style, anchor, _) => {
                let value = (style != ScalarStyle::Plain || !is_null(&text)).then(|| text.trim().to_owned());
                if anchor > 0 {
                    anchored.insert(anchor, value.clone().unwrap_or_default());
                }
                match depth {
                    0 if value.is_some() => return Err("not a mapping of keys to values".to_owned()),
                    1 => take(&mut fields, &mut expecting_value, &mut pending, &mut keys, value)?,
                    _ => {}
                }
            }
            Event::Alias(anchor) if depth == 1 => {
                let value = anchored.get(&anchor).cloned();
                take(&mut fields, &mut expecting_value, &mut pending, &mut keys, value)?;
            }
            _ => {}
        }
    }
    Ok(fields)
}

/// One scalar of the root mapping: a key (remembered, duplicates refused) or the value of the
/// key before it.
fn take(
    fields: &mut Fields,
    expecting_value: &mut bool,
    pending: &mut Option<String>,
    keys: &mut HashSet<String>,
    scalar: Option<String>,
) -> Result<(), String> {
    if *expecting_value {
        let value = scalar.filter(|v| !v.is_empty());
        match pending.take().as_deref() {
            Some("title") => fields.title = value,
            Some("parent") => fields.parent = value,
            Some("description") => fields.description = value,
            _ => {}
        }
    } else {
        let key = scalar.unwrap_or_default();
        if !keys.insert(key.clone()) {
            return Err(format!("duplicate key `{}`", key.chars().take(40).collect::<String>()));
        }
        *pending = Some(key);
    }
    *expecting_value = !*expecting_value;
    Ok(())
}

/// YAML's null in a plain scalar (an empty value, `~`, `null`).
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn blank_first_lines(text: &str, count: usize) -> String {
    text.split_inclusive('\n').enumerate().map(|(i, line)| if i < count { blank_line(line) } else { line }).collect()
}

fn blank_line(line: &str) -> &str {
    if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// Blanks kramdown attribute lines (`{: .no_toc}`, `{:toc}`, `{: toc }`) and the `1. TOC`
/// placeholder list they decorate: Jekyll turns them into markup, and as text they would only
/// add noise. Both start with `{:` as kramdown requires (`{ :toc}` is not an attribute).
pub fn mask_kramdown(body: &str) -> String {
    if !body.contains("{:") {
        return body.to_string(); // most notes have none; spares a pass over every line
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        let next_is_toc = lines.get(i + 1).is_some_and(|next| is_toc_marker(next));
        if is_attribute_line(line) || (next_is_toc && is_toc_placeholder(line)) {
            out.push_str(blank_line(line));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn is_attribute_line(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with("{:") && trimmed.ends_with('}')
}

fn is_toc_marker(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with("{:") && trimmed.replace(' ', "") == "{:toc}"
}

fn is_toc_placeholder(line: &str) -> bool {
    let trimmed = line.trim().trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '*' | '-' | '+'));
    trimmed.trim().eq_ignore_ascii_case("toc")
}
