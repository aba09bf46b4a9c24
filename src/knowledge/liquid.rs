//! Liquid, as Jekyll renders it before Markdown sees the page.
//!
//! Jekyll runs Liquid only over files that start with front matter, so only those are read
//! this way: in any other note `{{ … }}` is text (a Vue or Helm template in a code block).
//! Every change keeps the line count, so citations still point at the lines people open.
//!
//! - `{% highlight lang %}` … `{% endhighlight %}` is a code block: its lines become a fenced
//!   block, so a root prompt (`# ls -al`) inside it is never read as a heading.
//! - `{% comment %}` … `{% endcomment %}` is not text; nor is a line holding only a tag
//!   (`{% include toc.md %}`, `{% assign … %}`, `{% if … %}`).
//! - `{% raw %}` / `{% endraw %}` markers go; what they wrap is kept as written.
//! - Output tags (`{{ site.baseurl }}`) outside raw and code become the site's value when
//!   `_config.yml` gives one, else nothing, so link and image targets read as Jekyll writes them.

use std::collections::HashMap;

/// Top-level scalar settings of a Jekyll site's `_config.yml` (`url`, `baseurl`, `title`…),
/// for resolving `{{ site.X }}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteConfig {
    values: HashMap<String, String>,
}

impl SiteConfig {
    /// Reads the top-level `key: value` lines of a `_config.yml`; nested maps, lists and
    /// anything unparsable are ignored (only scalars can be printed by `{{ site.key }}`).
    pub fn parse(yaml: &str) -> SiteConfig {
        let values = yaml
            .lines()
            .filter(|line| !line.starts_with([' ', '\t', '#', '-']))
            .filter_map(|line| line.split_once(':'))
            .filter_map(|(key, value)| {
                let value = strip_yaml_comment(value.trim());
                let key = key.trim();
                let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                plain.then(|| (key.to_string(), value.to_string()))
            })
            .collect();
        SiteConfig { values }
    }

    /// The value `{{ expression }}` prints: `site.X` from the config, anything else nothing.
    fn resolve(&self, expression: &str) -> &str {
        let name = expression.split('|').next().unwrap_or_default().trim();
        name.strip_prefix("site.").and_then(|key| self.values.get(key)).map_or("", String::as_str)
    }
}

/// A scalar's text: a quoted value up to its closing quote, a plain one up to a ` #` comment.
fn strip_yaml_comment(value: &str) -> &str {
    if let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let inner = &value[1..];
        return inner.find(quote).map_or(inner, |end| &inner[..end]);
    }
    value.find(" #").map_or(value, |at| value[..at].trim_end())
}

/// A line's role while walking a page.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    /// Inside `{% highlight %}`: the fence that opened it.
    Highlight,
    Comment,
    Raw,
    /// Inside a Markdown fenced code block, which Liquid still renders but whose
    /// `{{ … }}` we keep as written (it is what the author meant to show).
    Fence,
}

/// Renders the Liquid of one page (see the module doc); `text` is the body with front matter
/// blanked.
pub fn render(text: &str, site: &SiteConfig) -> String {
    if !text.contains("{%") && !text.contains("{{") {
        return text.to_string();
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut state = State::Text;
    let mut fence = String::new();
    let mut markdown_fence = String::new();
    for (i, raw_line) in lines.iter().enumerate() {
        let (line, end) = split_line_end(raw_line);
        let tag = whole_line_tag(line);
        let tag = tag.as_deref();
        let rendered: String = match state {
            State::Comment => {
                if tag == Some("endcomment") {
                    state = State::Text;
                }
                String::new()
            }
            State::Highlight if tag == Some("endhighlight") => {
                state = State::Text;
                format!("{}{}", indent_of(line), fence)
            }
            State::Highlight => line.replace("{% raw %}", "").replace("{% endraw %}", ""),
            State::Raw if line.contains("{% endraw %}") => {
                state = State::Text;
                line.replace("{% endraw %}", "")
            }
            State::Raw => line.to_string(),
            State::Fence => {
                if line.trim_start().starts_with(markdown_fence.as_str()) {
                    state = State::Text;
                }
                line.replace("{% raw %}", "").replace("{% endraw %}", "")
            }
            State::Text => match tag {
                Some("highlight") => {
                    state = State::Highlight;
                    fence = fence_for(&lines[i + 1..]);
                    format!("{}{}{}", indent_of(line), fence, highlight_language(line))
                }
                Some("comment") => {
                    state = State::Comment;
                    String::new()
                }
                Some("raw") => {
                    state = State::Raw;
                    String::new()
                }
                Some(_) => String::new(),
                None => {
                    if let Some(opened) = markdown_fence_of(line) {
                        markdown_fence = opened;
                        state = State::Fence;
                        line.to_string()
                    } else {
                        let (rendered, raw_open) = render_inline(line, site);
                        if raw_open {
                            state = State::Raw;
                        }
                        rendered
                    }
                }
            },
        };
        out.push_str(&rendered);
        out.push_str(end);
    }
    out
}

fn split_line_end(line: &str) -> (&str, &str) {
    match line.strip_suffix('\n') {
        Some(body) => match body.strip_suffix('\r') {
            Some(body) => (body, "\r\n"),
            None => (body, "\n"),
        },
        None => (line, ""),
    }
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The tag name when the line holds one Liquid tag and nothing else (`{%- include x -%}`).
fn whole_line_tag(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix("{%")?.strip_suffix("%}")?;
    if inner.contains("%}") {
        return None;
    }
    let inner = inner.trim_matches('-').trim();
    Some(inner.split_whitespace().next().unwrap_or_default().to_string())
}

fn highlight_language(line: &str) -> String {
    let inner = line.trim().trim_start_matches("{%").trim_end_matches("%}").trim_matches('-');
    inner.split_whitespace().nth(1).unwrap_or_default().to_string()
}

/// A backtick fence longer than any backtick run in the block it opens.
fn fence_for(rest: &[&str]) -> String {
    let longest = rest
        .iter()
        .take_while(|line| whole_line_tag(line).is_none_or(|t| t != "endhighlight"))
        .flat_map(|line| line.split(|c| c != '`').map(str::len))
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The fence a line opens (```` ``` ```` or `~~~`, with its length), if it opens one.
fn markdown_fence_of(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|c| *c == marker).count();
    (run >= 3).then(|| marker.to_string().repeat(run))
}

/// Renders tags inside one text line; returns the line and whether a `{% raw %}` stays open.
fn render_inline(line: &str, site: &SiteConfig) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let next_tag = rest.find("{%");
        let next_output = rest.find("{{");
        let at = match (next_tag, next_output) {
            (None, None) => break,
            (Some(a), None) | (None, Some(a)) => a,
            (Some(a), Some(b)) => a.min(b),
        };
        out.push_str(&rest[..at]);
        let is_tag = next_tag == Some(at);
        let close = if is_tag { "%}" } else { "}}" };
        let Some(length) = rest[at + 2..].find(close) else {
            out.push_str(&rest[at..]);
            return (out, false);
        };
        let inner = &rest[at + 2..at + 2 + length];
        rest = &rest[at + 2 + length + 2..];
        if !is_tag {
            out.push_str(site.resolve(inner.trim_matches('-')));
            continue;
        }
        if inner.trim_matches('-').trim() == "raw" {
            match rest.find("{% endraw %}") {
                Some(end) => {
                    out.push_str(&rest[..end]);
                    rest = &rest[end + "{% endraw %}".len()..];
                }
                None => {
                    out.push_str(rest);
                    return (out, true);
                }
            }
        }
    }
    out.push_str(rest);
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteConfig {
        SiteConfig::parse("title: Notes\nbaseurl: \"/blog\" # sub-path\nurl: https://ex.io\nnav:\n  - a\n")
    }

    #[test]
    fn highlight_becomes_a_fenced_block_of_the_same_lines() {
        let page = "intro\n{% highlight console %}\n# ls -al\n{% endhighlight %}\nafter\n";
        let out = render(page, &SiteConfig::default());
        assert_eq!(out, "intro\n```console\n# ls -al\n```\nafter\n");
    }

    #[test]
    fn fence_outgrows_backticks_inside_the_block() {
        let out = render("{% highlight md %}\n```x```\n{% endhighlight %}\n", &SiteConfig::default());
        assert_eq!(out.lines().next(), Some("````md"));
    }

    #[test]
    fn comments_and_tag_lines_are_blanked() {
        let page = "a\n{% comment %}\nsecret\n{% endcomment %}\n{% include toc.md %}\nb\n";
        assert_eq!(render(page, &SiteConfig::default()), "a\n\n\n\n\nb\n");
    }

    #[test]
    fn site_variables_resolve_from_config_or_vanish() {
        let line = "![x]({{ site.baseurl }}/img/a.png) {{ page.title }}\n";
        assert_eq!(render(line, &site()), "![x](/blog/img/a.png) \n");
        assert_eq!(render(line, &SiteConfig::default()), "![x](/img/a.png) \n");
    }

    #[test]
    fn raw_keeps_what_it_wraps() {
        assert_eq!(render("a {% raw %}{{ x }}{% endraw %} b\n", &site()), "a {{ x }} b\n");
        assert_eq!(render("{% raw %}\n{{ y }}\n{% endraw %}\nz\n", &site()), "\n{{ y }}\n\nz\n");
    }

    #[test]
    fn markdown_code_keeps_its_braces() {
        let page = "```vue\n<p>{{ message }}</p>\n```\n";
        assert_eq!(render(page, &site()), page);
    }

    #[test]
    fn config_reads_top_level_scalars_only() {
        let config = site();
        assert_eq!(config.resolve("site.baseurl"), "/blog");
        assert_eq!(config.resolve("site.url | append: '/'"), "https://ex.io");
        assert_eq!(config.resolve("site.nav"), "");
    }
}
