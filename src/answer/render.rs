//! Markdown as people read it: plain text for a terminal, Discord Markdown for the bot.
//!
//! Notes are written by hand and their lists are indented every which way (` * ALB` then
//! `   * layer 7`), which a full CommonMark parse would turn into code blocks or lazy
//! continuations. So the block structure is read line by line, the way the chunker's lines
//! are laid out (list items, fenced code, pipe tables, headings, quotes, kramdown attribute
//! lines), and each line's inline Markdown (links, images, emphasis, code, HTML) is rendered
//! with pulldown-cmark. No raw HTML or image syntax is left in either medium.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::excerpt::is_table_separator;
use crate::knowledge::{html_text, image_label};

/// Where the text will be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// Plain text: list indentation kept, links as `text (url)`, images as `[image: alt]`.
    Terminal,
    /// Discord Markdown: lists, bold, inline code, code blocks and masked links.
    Discord,
}

/// `markdown` as plain text for a terminal.
pub fn terminal(markdown: &str) -> String {
    render(markdown, Medium::Terminal)
}

/// `markdown` as Discord Markdown.
pub fn discord(markdown: &str) -> String {
    render(markdown, Medium::Discord)
}

/// `text` (a heading, a label) on one line with its inline Markdown and HTML rendered as plain
/// text.
pub fn plain_inline(text: &str) -> String {
    inline(text, Medium::Terminal).replace('\n', " ")
}

/// Renders `markdown` for `medium`.
pub fn render(markdown: &str, medium: Medium) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<(usize, String)> = None;
    let mut in_comment = false;
    let mut list: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        i += 1;
        if let Some((indent, marker)) = &fence {
            if raw.trim_start().starts_with(marker.as_str())
                && raw.trim().trim_start_matches(marker.as_str()).is_empty()
            {
                if medium == Medium::Discord {
                    out.push("```".to_string());
                }
                fence = None;
            } else {
                let code = strip_indent(raw, *indent);
                out.push(match medium {
                    Medium::Terminal => format!("{}    {code}", "  ".repeat(list.len())),
                    Medium::Discord => code.replace("```", "`\u{200b}``"),
                });
            }
            continue;
        }
        let line = strip_comments(raw, &mut in_comment);
        let trimmed = line.trim();
        if let Some(marker) = fence_marker(trimmed) {
            let language: String = trimmed[marker.len()..].trim().chars().filter(|c| c.is_alphanumeric()).collect();
            if medium == Medium::Discord {
                out.push(format!("```{language}"));
            }
            let indent = indent_of(&line);
            while list.last().is_some_and(|&top| top >= indent) {
                list.pop();
            }
            fence = Some((indent, marker));
            continue;
        }
        if trimmed.is_empty() {
            if !raw.trim().is_empty() {
                continue; // a comment alone on its line
            }
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        if is_attribute_line(trimmed) || is_rule(trimmed) {
            continue;
        }
        if trimmed.contains('|') && lines.get(i).is_some_and(|next| is_table_separator(next)) {
            let mut rows = vec![trimmed.to_string()];
            i += 1;
            while i < lines.len() && lines[i].contains('|') && !lines[i].trim().is_empty() {
                rows.push(lines[i].trim().to_string());
                i += 1;
            }
            list.clear();
            out.extend(table(&rows, medium));
            continue;
        }
        if let Some(title) = heading_text(trimmed) {
            list.clear();
            let title = inline(title, medium).replace('\n', " ");
            out.push(match medium {
                Medium::Terminal => title,
                Medium::Discord => format!("**{title}**"),
            });
            continue;
        }
        let (quoted, body) = strip_quote(&line);
        let indent = indent_of(body);
        let content = body.trim();
        let prefix_quote = if quoted && medium == Medium::Discord { "> " } else { "" };
        if let Some((marker, rest)) = list_marker(content) {
            while list.last().is_some_and(|&top| top >= indent) {
                list.pop();
            }
            list.push(indent);
            let bullet = match (marker, medium) {
                (Marker::Bullet, Medium::Terminal) => "•".to_string(),
                (Marker::Bullet, Medium::Discord) => "-".to_string(),
                (Marker::Number(n), _) => format!("{n}."),
            };
            let pad = "  ".repeat(list.len() - 1);
            let text = inline(&strip_attributes(rest), medium);
            let hang = format!("{prefix_quote}{pad}{}", " ".repeat(bullet.chars().count() + 1));
            out.push(format!("{prefix_quote}{pad}{bullet} {}", text.replace('\n', &format!("\n{hang}"))));
            continue;
        }
        while list.last().is_some_and(|&top| top >= indent) {
            list.pop();
        }
        let pad = "  ".repeat(list.len());
        let text = inline(&strip_attributes(content), medium);
        for part in text.split('\n') {
            out.push(format!("{prefix_quote}{pad}{part}").trim_end().to_string());
        }
    }
    if fence.is_some() && medium == Medium::Discord {
        out.push("```".to_string());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n")
}

enum Marker {
    Bullet,
    Number(u32),
}

/// A list item's marker and the rest of the line.
fn list_marker(content: &str) -> Option<(Marker, &str)> {
    for bullet in ["* ", "- ", "+ "] {
        if let Some(rest) = content.strip_prefix(bullet) {
            return Some((Marker::Bullet, rest.trim_start()));
        }
    }
    if matches!(content, "*" | "-" | "+") {
        return Some((Marker::Bullet, ""));
    }
    let digits = content.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let rest = &content[digits..];
    let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))?;
    Some((Marker::Number(content[..digits].parse().ok()?), rest.trim_start()))
}

fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// `line` without up to `indent` leading spaces.
fn strip_indent(line: &str, indent: usize) -> &str {
    let spaces = line.chars().take(indent).take_while(|c| *c == ' ').count();
    &line[spaces..]
}

/// The opening fence of a code block (```` ``` ```` or `~~~`, three or more).
fn fence_marker(trimmed: &str) -> Option<String> {
    for c in ['`', '~'] {
        let n = trimmed.chars().take_while(|&x| x == c).count();
        if n >= 3 {
            return Some(c.to_string().repeat(n));
        }
    }
    None
}

/// `## Title ##` → `Title`.
fn heading_text(trimmed: &str) -> Option<&str> {
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &trimmed[hashes..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None; // `#hashtag`
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// `---`, `***`, `___` (three or more, spaces allowed).
fn is_rule(trimmed: &str) -> bool {
    let marks: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && ["-", "*", "_"].iter().any(|m| marks.chars().all(|c| c.to_string() == *m))
}

/// A kramdown attribute list alone on its line (`{: .note}`, `{::options ... /}`).
fn is_attribute_line(trimmed: &str) -> bool {
    trimmed.starts_with("{:") && trimmed.ends_with('}')
}

/// A line without its trailing kramdown attribute list (`text {: #id}`).
fn strip_attributes(text: &str) -> String {
    match text.rfind("{:") {
        Some(start) if text.trim_end().ends_with('}') => text[..start].trim_end().to_string(),
        _ => text.to_string(),
    }
}

/// `> > text` → (true, `text`), keeping the text's own indentation.
fn strip_quote(line: &str) -> (bool, &str) {
    let mut rest = line;
    let mut quoted = false;
    while let Some(after) = rest.trim_start().strip_prefix('>') {
        quoted = true;
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    (quoted, rest)
}

/// The line without HTML comments; `open` carries a comment that spans lines.
fn strip_comments(line: &str, open: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *open {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *open = false;
                }
                None => return out,
            }
        }
        match rest.find("<!--") {
            Some(start) => {
                out.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                *open = true;
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// One line's inline Markdown for `medium`; `<br>` and hard breaks become `\n`.
fn inline(text: &str, medium: Medium) -> String {
    let mut out = String::new();
    // Open links and images: where their text starts in `out`, and their URL.
    let mut links: Vec<(usize, String)> = Vec::new();
    let mut images: Vec<(usize, String)> = Vec::new();
    let discord = medium == Medium::Discord;
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) => {
                if discord && images.is_empty() {
                    out.push_str(&escape_discord(&t));
                } else {
                    out.push_str(&t);
                }
            }
            Event::Code(code) => {
                if discord {
                    let ticks = if code.contains('`') { "``" } else { "`" };
                    out.push_str(&format!("{ticks}{code}{ticks}"));
                } else {
                    out.push_str(&code);
                }
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Html(html) => out.push_str(&html_text(html.trim_end_matches('\n'))),
            Event::InlineHtml(html) => out.push_str(&html_text(&html)),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) if discord => out.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) if discord => out.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) if discord => out.push_str("~~"),
            Event::Start(Tag::Link { dest_url, .. }) => links.push((out.len(), dest_url.to_string())),
            Event::End(TagEnd::Link) => {
                if let Some((start, url)) = links.pop() {
                    let label = out.split_off(start);
                    out.push_str(&link(&label, &url, medium));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => images.push((out.len(), dest_url.to_string())),
            Event::End(TagEnd::Image) => {
                if let Some((start, url)) = images.pop() {
                    let alt = out.split_off(start);
                    let label = image_label(&alt);
                    match medium {
                        Medium::Discord if is_web_url(&url) => out.push_str(&format!("[{label}]({url})")),
                        _ => out.push_str(&label),
                    }
                }
            }
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => out.push_str(&format!("[{name}]")),
            _ => {}
        }
    }
    out
}

/// A link for `medium`: `text (url)` in a terminal, a masked link in Discord (for web URLs;
/// a link into the notes, relative, shows its text only).
fn link(label: &str, url: &str, medium: Medium) -> String {
    let label = label.trim();
    if url.is_empty() || url.starts_with('#') {
        return label.to_string();
    }
    match medium {
        Medium::Terminal if label.is_empty() || label == url => url.to_string(),
        Medium::Terminal => format!("{label} ({url})"),
        Medium::Discord if !is_web_url(url) => label.to_string(),
        Medium::Discord if label.is_empty() => url.to_string(),
        Medium::Discord => format!("[{}]({url})", label.replace(['[', ']'], "")),
    }
}

fn is_web_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Backslash-escapes Discord's formatting characters in plain text, leaving web addresses
/// alone (an escaped `_` would break the link Discord makes of them).
fn escape_discord(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if is_web_url(word) {
            out.push_str(word);
            continue;
        }
        for c in word.chars() {
            if matches!(c, '*' | '_' | '~' | '`' | '|' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A pipe table (header and rows, the separator left out) with aligned columns: plain in a terminal, in a code block in Discord (which
/// has no tables).
fn table(rows: &[String], medium: Medium) -> Vec<String> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let row = row.trim().trim_start_matches('|').trim_end_matches('|');
            row.split('|').map(|cell| plain_inline(cell.trim()).replace('\n', " / ").trim().to_string()).collect()
        })
        .collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|c| cells.iter().filter_map(|r| r.get(c)).map(|s| width(s)).max().unwrap_or(0)).collect();
    let line = |row: &[String]| {
        let padded: Vec<String> = (0..columns)
            .map(|c| {
                let cell = row.get(c).map_or("", String::as_str);
                format!("{cell}{}", " ".repeat(widths[c] - width(cell)))
            })
            .collect();
        padded.join(" | ").trim_end().to_string()
    };
    let mut out = Vec::new();
    if medium == Medium::Discord {
        out.push("```".to_string());
    }
    for (i, row) in cells.iter().enumerate() {
        out.push(line(row).replace("```", "'''"));
        if i == 0 {
            out.push(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-+-"));
        }
    }
    if medium == Medium::Discord {
        out.push("```".to_string());
    }
    out
}

/// Columns a text takes in a monospaced font: Hangul, CJK and full-width forms take two.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::{discord, terminal};

    #[test]
    fn terminal_text_is_plain_with_list_indentation_kept() {
        let md = " * NLB\n   * **L4**기반 `TCP`용\n   * [문서](https://aws.amazon.com/nlb)\n     * 더 깊게";
        assert_eq!(terminal(md), "• NLB\n  • L4기반 TCP용\n  • 문서 (https://aws.amazon.com/nlb)\n    • 더 깊게");
    }

    #[test]
    fn html_images_headings_quotes_and_attributes_never_reach_a_person() {
        let md = "##### 설정\n> 인용문<br>둘째 줄\n![구성도](img/a.png) <img src=\"b.png\" alt=\"흐름\"> <b>굵게</b>\n{: .note}\n끝 {: #id}";
        assert_eq!(terminal(md), "설정\n인용문\n둘째 줄\n[image: 구성도] [image: 흐름] 굵게\n끝");
        let out = discord(md);
        assert!(!out.contains('<') && !out.contains("![") && !out.contains("{:") && !out.contains("#####"), "{out}");
        assert!(out.starts_with("**설정**\n> 인용문\n> 둘째 줄"), "{out}");
    }

    #[test]
    fn discord_gets_masked_links_lists_code_and_escapes() {
        let md = "* 링크 [가이드](https://ex.com/a_b) 와 snake_case\n  1. `make deploy`\n```sh\nmake deploy\n```";
        assert_eq!(
            discord(md),
            "- 링크 [가이드](https://ex.com/a_b) 와 snake\\_case\n  1. `make deploy`\n```sh\nmake deploy\n```"
        );
        assert_eq!(terminal(md), "• 링크 가이드 (https://ex.com/a_b) 와 snake_case\n  1. make deploy\n    make deploy");
    }

    #[test]
    fn tables_keep_their_shape() {
        let md = "| 설정 | 값 |\n|---|---|\n| timeout | 30s |";
        assert_eq!(terminal(md), "설정    | 값\n--------+----\ntimeout | 30s");
        assert_eq!(discord(md), "```\n설정    | 값\n--------+----\ntimeout | 30s\n```");
    }
}
