//! How much of a chunk is links: a reference list (`- [Union Find & Kruskal](…pdf)`,
//! `* [누구든지 하는 리액트: 불변성을 지키는 이유](https://…)`) names its topic in link labels but
//! explains nothing, and search tells it from the lines that do by this share.

use std::borrow::Cow;

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

/// `markdown` as searched: without the targets of its links and images into the notes' own
/// folder (`[자료](./materials/유니온파인드.pdf)` → `[자료]`), which a reader never sees, so a
/// file name there does not match a question as if the chunk explained it. A web address's
/// target stays: it is the cited page's own name for its topic, and its length keeps a list of
/// references from outranking the prose that explains (docs/quality.md). Code is searched as
/// written.
pub fn without_local_link_targets(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains("](") {
        return Cow::Borrowed(markdown);
    }
    let mut kept = String::with_capacity(markdown.len());
    let mut fenced = false;
    for line in markdown.split_inclusive('\n') {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if fenced || fence || !line.contains("](") {
            fenced ^= fence;
            kept.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find("](") {
            let (before, after) = rest.split_at(open + 1);
            kept.push_str(before);
            let target = &after[1..];
            let in_code = kept.rsplit('\n').next().is_some_and(|so_far| so_far.matches('`').count() % 2 == 1);
            match target_end(target).filter(|_| !in_code && is_local(target)) {
                Some(end) => rest = &target[end..],
                None => {
                    kept.push('(');
                    rest = target;
                }
            }
        }
        kept.push_str(rest);
    }
    Cow::Owned(kept)
}

/// Where the link target that starts `text` (just past its `(`) ends, past its `)`: parentheses
/// may nest (`(…/Rust_(language))`) and a target never runs past its line.
fn target_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => return None,
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i + 1),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Whether a link target points into the notes' own folder (a path or an anchor) rather than
/// at a web address or a mail box.
fn is_local(target: &str) -> bool {
    let target = target.trim_start_matches(['<', ' ']);
    !is_address(target)
        && !target.contains("://")
        && !target.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:"))
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

    #[test]
    fn targets_into_the_notes_folder_are_not_searched() {
        let text = "> 스터디 자료 [Union Find](./materials/유니온파인드.pdf) ![트리](../img/tree(1).png) 끝\n";
        assert_eq!(without_local_link_targets(text), "> 스터디 자료 [Union Find] ![트리] 끝\n");
        assert_eq!(without_local_link_targets("[위로](#목차)"), "[위로]");
    }

    #[test]
    fn web_addresses_code_and_broken_links_stay_as_written() {
        for kept in [
            "[공식 문서](https://react.dev/learn) 참고",
            "[메일](mailto:me@example.com)",
            "`arr[i](x)` 는 함수 호출",
            "```js\nhandlers[0](event)\n```\n",
            "[열린 괄호](./a.md 가 닫히지 않음\n다음 줄)",
            "링크 없는 줄",
        ] {
            assert_eq!(without_local_link_targets(kept), kept);
        }
    }
}
