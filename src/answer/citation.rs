//! Links from citations to the notes, e.g. a GitHub blob URL with `#L12-L20`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a path segment escapes: everything but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `base` + `source` + `#L<first>-L<last>`, or `None` when no base is configured.
pub fn source_url(base: &str, source: &str, lines: [u32; 2]) -> Option<String> {
    if base.trim().is_empty() {
        return None;
    }
    let separator = if base.ends_with('/') { "" } else { "/" };
    let path: String = source
        .split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/");
    let anchor = if lines[0] == lines[1] { format!("#L{}", lines[0]) } else { format!("#L{}-L{}", lines[0], lines[1]) };
    Some(format!("{base}{separator}{path}{anchor}"))
}

#[cfg(test)]
mod tests {
    use super::source_url;

    #[test]
    fn a_path_is_encoded_segment_by_segment() {
        let url = source_url("https://git.example/notes/", "운영 노트/a+b (1)~.md", [3, 3]);
        assert_eq!(
            url.as_deref(),
            Some("https://git.example/notes/%EC%9A%B4%EC%98%81%20%EB%85%B8%ED%8A%B8/a%2Bb%20%281%29~.md#L3")
        );
        assert_eq!(source_url(" ", "a.md", [1, 2]), None);
    }
}
