//! Links from citations to the notes, e.g. a GitHub blob URL with `#L12-L20`.

/// `base` + `source` + `#L<first>-L<last>`, or `None` when no base is configured.
pub fn source_url(base: &str, source: &str, lines: [u32; 2]) -> Option<String> {
    if base.trim().is_empty() {
        return None;
    }
    let separator = if base.ends_with('/') { "" } else { "/" };
    let path: String = source.split('/').map(encode_segment).collect::<Vec<_>>().join("/");
    let anchor = if lines[0] == lines[1] { format!("#L{}", lines[0]) } else { format!("#L{}-L{}", lines[0], lines[1]) };
    Some(format!("{base}{separator}{path}{anchor}"))
}

fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
