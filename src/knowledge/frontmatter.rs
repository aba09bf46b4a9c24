//! Jekyll front matter and kramdown leftovers.
//!
//! Both are removed by blanking their lines rather than deleting them, so line numbers in
//! citations still match the file people open.

use serde::Deserialize;

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

#[derive(Debug, Default, Deserialize)]
struct Fields {
    title: Option<serde_yaml::Value>,
    parent: Option<serde_yaml::Value>,
    description: Option<serde_yaml::Value>,
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
    match parse_fields(&yaml) {
        Ok(fields) => FrontMatter {
            title: fields.title.as_ref().and_then(scalar),
            parent: fields.parent.as_ref().and_then(scalar),
            description: fields.description.as_ref().and_then(scalar),
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

fn parse_fields(yaml: &str) -> Result<Fields, serde_yaml::Error> {
    if yaml.trim().is_empty() {
        return Ok(Fields::default());
    }
    // A mapping with other keys (layout, nav_order…) is fine; anything else is not front matter.
    serde_yaml::from_str::<serde_yaml::Mapping>(yaml)?;
    serde_yaml::from_str(yaml)
}

fn scalar(value: &serde_yaml::Value) -> Option<String> {
    let text = match value {
        serde_yaml::Value::String(s) => s.trim().to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
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
