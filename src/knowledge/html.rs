//! HTML as the text it shows, for the notes' inline and block HTML: what the chunker counts as
//! text and what an answer shows are the same.

/// How an image reads as text: `[image: alt]`, or `[image]` without alt text.
pub fn image_label(alt: &str) -> String {
    let alt = alt.trim();
    if alt.is_empty() {
        "[image]".to_string()
    } else {
        format!("[image: {alt}]")
    }
}

/// What HTML shows as text: the text between tags, `<br>` a line break, `<img alt=…>` an
/// image label, other tags nothing.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        out.push_str(&html_tag(&rest[open..open + close + 1]));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn html_tag(tag: &str) -> String {
    let name: String =
        tag.trim_start_matches('<').trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    match name.to_ascii_lowercase().as_str() {
        "br" => "\n".to_string(),
        "img" => image_label(&attribute(tag, "alt").unwrap_or_default()),
        _ => String::new(),
    }
}

/// The value of `name="…"` (or `'…'`) in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}
