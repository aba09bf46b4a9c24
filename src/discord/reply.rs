//! What the bot posts: answer and topic embeds with citations, cut to Discord's length limits
//! at line boundaries (never rejected by Discord for being too long). Allowed mentions are
//! [`no_mentions`], set once per path in `client`, so text from notes or users can never ping
//! anyone.

use poise::serenity_prelude::{Colour, CreateAllowedMentions, CreateEmbed, CreateEmbedFooter, CreateMessage};
use serenity::constants::{EMBED_MAX_LENGTH, MESSAGE_CODE_LIMIT};

use crate::answer::{render, Answer, Confidence, Hit, Topic, TopicView};
use crate::i18n::Texts;

// Message content and all embed text of one message are limited by serenity's
// `MESSAGE_CODE_LIMIT` and `EMBED_MAX_LENGTH`; serenity has no constants for the limits below.
/// Discord's limit on an embed description.
const DESCRIPTION_MAX: usize = 4096;
/// Discord's limit on embed titles and field names (thread names are shorter still).
const TITLE_MAX: usize = 256;
/// Discord's limit on an embed footer.
const FOOTER_MAX: usize = 2048;
/// Discord's limit on an embed field value.
const FIELD_VALUE_MAX: usize = 1024;
/// Discord's limit on autocomplete choice names and values, and on thread names.
pub const NAME_MAX: usize = 100;
/// Citations listed under an answer; more would bury the one that matters.
const MAX_CITATIONS: usize = 3;

const ANSWERED: Colour = Colour::new(0x2e_a0_43);
const PARTIAL: Colour = Colour::new(0xd2_99_22);
const UNANSWERED: Colour = Colour::new(0x8b_94_9e);

/// Allowed mentions that parse nothing: users, roles, `@everyone`, `@here` and the replied-to
/// user are all left unpinged.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// Discord counts characters in UTF-16 units at worst; counting those keeps us under every
/// limit whatever the script.
pub fn discord_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Cuts `text` to at most `max` units at a line boundary, closing an open code fence and
/// appending `pointer`; a single over-long line is cut at a word boundary instead.
fn fit(text: &str, max: usize, pointer: &str) -> String {
    if discord_len(text) <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(discord_len(pointer) + "\n```\n".len());
    let mut kept = String::new();
    let mut used = 0;
    for line in text.split_inclusive('\n') {
        let len = discord_len(line);
        if used + len > budget {
            break;
        }
        kept.push_str(line);
        used += len;
    }
    if kept.trim().is_empty() {
        kept = cut_within_line(text, budget);
    }
    let mut out = kept.trim_end().to_owned();
    if out.matches("```").count() % 2 == 1 {
        out.push_str("\n```");
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(pointer);
    out
}

/// Longest prefix within `budget` units, backed off to the last whitespace when there is one.
fn cut_within_line(text: &str, budget: usize) -> String {
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > budget
        })
        .map_or(text.len(), |(i, _)| i);
    let prefix = &text[..end];
    match prefix.rfind(char::is_whitespace) {
        Some(space) if space > end / 2 => prefix[..space].to_owned(),
        _ => prefix.to_owned(),
    }
}

/// Cuts a one-line label (title, choice, thread name) to `max` units, marking the cut.
pub fn fit_label(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if discord_len(&text) <= max {
        return text;
    }
    let mut out = cut_within_line(&text, max.saturating_sub(1)).trim_end().to_owned();
    out.push('…');
    out
}

/// `heading — `file` L3–L9`, linked when the note has a URL: the citation format everywhere.
fn citation(heading: &str, source: &str, lines: [u32; 2], url: Option<&str>) -> String {
    let heading = fit_label(&heading.replace(['[', ']'], ""), TITLE_MAX);
    let heading = match url {
        Some(url) => format!("[{heading}]({url})"),
        None => format!("**{heading}**"),
    };
    let range = if lines[0] == lines[1] { format!("L{}", lines[0]) } else { format!("L{}–L{}", lines[0], lines[1]) };
    format!("{heading} — `{}` {range}", source.replace('`', "'"))
}

fn hit_citation(hit: &Hit) -> String {
    citation(&hit.heading, &hit.source, hit.lines, hit.url.as_deref())
}

/// Joins lines while they fit in `max`, so a field never exceeds Discord's limit.
fn join_fitting(lines: impl IntoIterator<Item = String>, max: usize) -> String {
    let mut out = String::new();
    for line in lines {
        if discord_len(&out) + discord_len(&line) + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// The text parts of an embed, kept apart until the total is known so the description can
/// absorb whatever the 6,000-unit message limit leaves.
struct EmbedParts<'a> {
    title: &'a str,
    url: Option<&'a str>,
    description: &'a str,
    /// Field name and value.
    field: Option<(&'a str, String)>,
    footer: Option<String>,
    colour: Colour,
}

impl EmbedParts<'_> {
    fn build(self, pointer: &str) -> CreateEmbed {
        let title = fit_label(self.title, TITLE_MAX);
        let field = self.field.map(|(n, v)| (fit_label(n, TITLE_MAX), fit(&v, FIELD_VALUE_MAX, "…")));
        let others = discord_len(&title)
            + field.as_ref().map_or(0, |(n, v)| discord_len(n) + discord_len(v))
            + self.footer.as_deref().map_or(0, discord_len);
        let room = DESCRIPTION_MAX.min(EMBED_MAX_LENGTH.saturating_sub(others));
        let mut embed = CreateEmbed::new().title(title).colour(self.colour);
        if !self.description.trim().is_empty() {
            embed = embed.description(fit(self.description, room, pointer));
        }
        if let Some(url) = self.url {
            embed = embed.url(url);
        }
        if let Some((name, value)) = field.filter(|(_, v)| !v.is_empty()) {
            embed = embed.field(name, value, false);
        }
        if let Some(footer) = self.footer {
            embed = embed.footer(CreateEmbedFooter::new(footer));
        }
        embed
    }
}

/// `1. [aws/overview.md:219-225](url) · NLB`: a numbered citation, the location linked when
/// the note has a URL, then the innermost heading.
fn numbered_citation(number: usize, hit: &Hit) -> String {
    let location = hit.location().replace(['[', ']', '`'], "");
    let location = match &hit.url {
        Some(url) => format!("[{location}]({url})"),
        None => format!("`{location}`"),
    };
    let heading = hit.heading.rsplit(crate::knowledge::HEADING_SEPARATOR).next().unwrap_or(&hit.heading);
    format!("{number}. {location} · {}", fit_label(&render::plain_inline(heading), NAME_MAX))
}

/// The embed for an [`Answer`]: titled with the answer's heading path (linked to the note when
/// it has a URL), the answer as Discord Markdown, the citations that matter as a numbered
/// list, and the confidence and search time in the footer; when the notes have no answer, a
/// short statement and the nearest topics.
pub fn answer_embed(answer: &Answer, texts: &Texts) -> CreateEmbed {
    if !answer.answered {
        let description = unanswered_description(answer, texts);
        return EmbedParts {
            title: texts.no_answer,
            url: None,
            description: &description,
            field: None,
            footer: Some(answer_footer(answer, texts)),
            colour: UNANSWERED,
        }
        .build(texts.trimmed);
    }
    let top = answer.hits.first();
    let title = top.map_or_else(|| texts.answer_title.to_string(), |h| render::plain_inline(&h.heading));
    let shown = answer.shown_hits().iter().take(MAX_CITATIONS).enumerate();
    let citations = join_fitting(shown.map(|(i, hit)| numbered_citation(i + 1, hit)), FIELD_VALUE_MAX);
    let description = render::discord(&answer.answer);
    EmbedParts {
        title: &title,
        url: top.and_then(|h| h.url.as_deref()),
        description: &description,
        field: Some((texts.sources, citations)),
        footer: Some(answer_footer(answer, texts)),
        colour: if answer.confidence == Confidence::Partial { PARTIAL } else { ANSWERED },
    }
    .build(texts.trimmed)
}

/// The confidence (naming what a partial answer lacks), a note when only the beginning of a
/// long question was read, and the search time.
fn answer_footer(answer: &Answer, texts: &Texts) -> String {
    let mut parts = vec![texts.confidence(answer.confidence, &answer.missing)];
    if answer.truncated {
        parts.push(texts.truncated(answer.query.chars().count()));
    }
    parts.push(texts.took(answer.took_ms));
    fit_label(&parts.join(" · "), FOOTER_MAX)
}

/// The embed for any question while the knowledge folder holds no notes: what is wrong and
/// how an admin fixes it.
pub fn no_notes_embed(texts: &Texts) -> CreateEmbed {
    EmbedParts {
        title: texts.no_notes_title,
        url: None,
        description: texts.no_notes,
        field: None,
        footer: None,
        colour: UNANSWERED,
    }
    .build(texts.trimmed)
}

/// The words the notes lack and a count the best hit does not give, then the nearest topics.
fn unanswered_description(answer: &Answer, texts: &Texts) -> String {
    if answer.searched_nothing() {
        return texts.no_words(answer.suggestions.first().map(String::as_str));
    }
    let mut reasons = Vec::new();
    if !answer.unknown.is_empty() {
        reasons.push(fit_label(&texts.absent_words(&answer.unknown), TITLE_MAX));
    }
    if answer.no_number {
        reasons.push(texts.no_number().to_string());
    }
    reasons.push(nearest_topics(answer, texts));
    reasons.join("\n\n")
}

/// Bullet list of the engine's suggestions, or of the weak hits' citations when there are none.
fn nearest_topics(answer: &Answer, texts: &Texts) -> String {
    let items: Vec<String> = if answer.suggestions.is_empty() {
        answer.shown_hits().iter().take(5).map(|h| format!("- {}", hit_citation(h))).collect()
    } else {
        answer
            .suggestions
            .iter()
            .take(5)
            .map(|s| format!("- {}", fit_label(&render::plain_inline(s), TITLE_MAX)))
            .collect()
    };
    if items.is_empty() {
        return texts.no_topics.to_owned();
    }
    format!("**{}**\n{}", texts.nearest_topics, items.join("\n"))
}

/// The embed for `/topic`: the section's text under its heading, with its citation.
pub fn topic_embed(view: &TopicView, texts: &Texts) -> CreateEmbed {
    let topic = &view.topic;
    let description = render::discord(&view.text);
    EmbedParts {
        title: &render::plain_inline(&topic.heading),
        url: view.url.as_deref(),
        description: &description,
        field: Some((texts.sources, citation(&topic.heading, &topic.source, topic.lines, view.url.as_deref()))),
        footer: other_topics_footer(&view.others, view.more_others, texts),
        colour: ANSWERED,
    }
    .build(texts.trimmed)
}

/// Names the other sections a `/topic` name fits, each as the value that picks it.
fn other_topics_footer(others: &[Topic], more: usize, texts: &Texts) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    let mut names: Vec<String> = others.iter().map(|t| t.name.clone()).collect();
    if more > 0 {
        names.push(format!("… +{more}"));
    }
    Some(fit_label(&format!("{}: {}", texts.other_topics, names.join(" / ")), FOOTER_MAX))
}

/// A channel message carrying `embed` (mentions off: the HTTP client's default).
pub fn embed_message(embed: CreateEmbed) -> CreateMessage {
    CreateMessage::new().embed(embed)
}

/// A plain-text channel message, cut to the content limit (mentions off: the HTTP client's
/// default).
pub fn text_message(text: &str, texts: &Texts) -> CreateMessage {
    CreateMessage::new().content(fit(text, MESSAGE_CODE_LIMIT, texts.trimmed))
}

/// An interaction reply carrying `embed` (mentions off: poise's framework default).
pub fn embed_reply(embed: CreateEmbed, ephemeral: bool) -> poise::CreateReply {
    poise::CreateReply::default().embed(embed).ephemeral(ephemeral)
}

/// An ephemeral plain-text interaction reply (refusals, errors; mentions off: poise's
/// framework default).
pub fn ephemeral_text(text: &str, texts: &Texts) -> poise::CreateReply {
    poise::CreateReply::default().content(fit(text, MESSAGE_CODE_LIMIT, texts.trimmed)).ephemeral(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        assert_eq!(fit("a\nb", 10, "…"), "a\nb");
    }

    #[test]
    fn long_text_is_cut_at_a_line_boundary_with_a_pointer() {
        let text = (0..100).map(|i| format!("줄 {i} 내용입니다")).collect::<Vec<_>>().join("\n");
        let out = fit(&text, 200, "(see source)");
        assert!(discord_len(&out) <= 200, "{}", discord_len(&out));
        assert!(out.ends_with("\n(see source)"));
        let body = out.trim_end_matches("(see source)").trim_end();
        assert!(body.lines().all(|l| text.lines().any(|t| t == l)), "only whole lines: {body}");
    }

    #[test]
    fn an_open_code_fence_is_closed() {
        let text = format!("intro\n```\n{}\n```", "code line\n".repeat(50));
        let out = fit(&text, 120, "…");
        assert_eq!(out.matches("```").count() % 2, 0, "{out}");
        assert!(discord_len(&out) <= 120);
    }

    #[test]
    fn a_single_long_line_is_cut_at_a_word() {
        let text = "word ".repeat(100);
        let out = fit(&text, 50, "…");
        assert!(discord_len(&out) <= 50);
        assert!(out.starts_with("word word"));
        let emoji = "😀".repeat(100);
        assert!(discord_len(&fit(&emoji, 51, "…")) <= 51);
    }

    #[test]
    fn labels_fit_and_citations_carry_lines_and_links() {
        assert_eq!(discord_len(&fit_label(&"가".repeat(300), NAME_MAX)), NAME_MAX);
        assert_eq!(citation("NLB", "aws/overview.md", [3, 9], None), "**NLB** — `aws/overview.md` L3–L9");
        assert_eq!(
            citation("A [b]", "x.md", [4, 4], Some("https://e/x.md#L4")),
            "[A b](https://e/x.md#L4) — `x.md` L4"
        );
    }
}
