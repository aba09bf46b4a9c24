//! How much of a chunk is links: a reference list (`- [Union Find & Kruskal](…pdf)`,
//! `* [누구든지 하는 리액트: 불변성을 지키는 이유](https://…)`) names its topic in link labels but
//! explains nothing, and search tells it from the lines that do by this share.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The share (0..1) of `markdown`'s visible letters and digits that are link labels, image
/// labels or bare addresses. Link targets are not visible and count for nothing; code counts as
/// text, so a code block with an address in it is not a link list.
pub fn link_share(markdown: &str) -> f32 {
    // Most chunks hold no link at all: they are not parsed.
    let holds =
        |pattern: &str| markdown.as_bytes().windows(pattern.len()).any(|w| w.eq_ignore_ascii_case(pattern.as_bytes()));
    if !markdown.contains("](") && !ADDRESS_STARTS.iter().any(|start| holds(start)) {
        return 0.0;
    }
    let (mut linked, mut visible) = (0usize, 0usize);
    let (mut depth, mut code_block) = (0usize, false);
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => depth = depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => code_block = true,
            Event::End(TagEnd::CodeBlock) => code_block = false,
            Event::Text(text) => {
                for word in text.split_whitespace() {
                    let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
                    visible += letters;
                    if !code_block && (depth > 0 || is_address(word)) {
                        linked += letters;
                    }
                }
            }
            Event::Code(code) => visible += code.chars().filter(|c| c.is_alphanumeric()).count(),
            _ => {}
        }
    }
    if visible == 0 {
        0.0
    } else {
        linked as f32 / visible as f32
    }
}

/// How a bare web address begins, in any case.
const ADDRESS_STARTS: [&str; 3] = ["http://", "https://", "www."];

/// A bare web address, which Markdown shows as written (`https://example.com/a`).
fn is_address(word: &str) -> bool {
    let word = word.trim_start_matches(['(', '<', '"', '\'']);
    ADDRESS_STARTS.iter().any(|start| word.get(..start.len()).is_some_and(|s| s.eq_ignore_ascii_case(start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_links_is_all_links() {
        let list = "- [누구든지 하는 리액트: 9편 불변성을 지키는 이유](https://velopert.com/3640)\n\
                    - [Immutability in React](https://example.com/immutability)\n";
        assert!(link_share(list) > 0.95, "{}", link_share(list));
    }

    #[test]
    fn bare_addresses_and_images_are_links_too() {
        assert!(link_share("참고: https://example.com/a/very/long/path/to/an/article") > 0.8);
        assert!(link_share("![Trie](https://example.com/trie.png)") > 0.99);
    }

    #[test]
    fn prose_with_a_link_in_it_is_mostly_prose() {
        let prose = "리액트는 상태를 직접 바꾸지 않고 새 객체로 바꿔야 변경을 알아챈다. \
                     자세한 내용은 [공식 문서](https://react.dev)를 보자.";
        assert!(link_share(prose) < 0.2, "{}", link_share(prose));
    }

    #[test]
    fn link_targets_do_not_count_and_text_without_letters_is_no_link_list() {
        let short =
            "[A](https://example.com/a-very-long-slug-that-would-outweigh-the-text) 다음 문장이 이 항목을 설명한다";
        assert!(link_share(short) < 0.1, "{}", link_share(short));
        assert_eq!(link_share(""), 0.0);
        assert_eq!(link_share("---\n\n* * *\n"), 0.0);
    }

    #[test]
    fn code_is_text() {
        let code = "```sh\ncurl https://example.com/api\n```\n";
        assert!(link_share(code) < 0.01, "{}", link_share(code));
    }
}
