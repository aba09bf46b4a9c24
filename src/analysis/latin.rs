//! Latin words and numbers in the text: English function words and contraction tails dropped,
//! the units of quantities (`gb` of `10gb`), the words of camel-case identifiers and the whole
//! of hyphenated terms added beside the word.

use super::{morphemes, script, TermClass, TermSink};

impl TermSink<'_> {
    /// Pushes a Latin word or number of `text` at `start`, unless it is the tail of a
    /// contraction (`we're`, `can't`, `it's`) or a function word of English text. A function
    /// word standing alone in Korean text is a name: the keyword `this` of `this는 뭘 가리켜`,
    /// the `for` of `for문`, the abbreviation `WAS` of `웹서버랑 WAS 차이`.
    pub(super) fn push_latin(&mut self, text: &str, start: usize, end: usize) {
        let word = &text[start..end];
        if is_contraction_tail(text, start, word) {
            return;
        }
        let function_word = morphemes::is_english_stopword(word) && !stands_alone(text, start, end);
        if word.len() <= script::MAX_LATIN_WORD && !function_word {
            let class =
                if word.starts_with(|c: char| c.is_ascii_digit()) { TermClass::Number } else { TermClass::Latin };
            self.push(word.to_string(), class, (start, start + word.len()), false, false);
            self.push_unit(word, end);
            self.push_case_parts(text, start, end);
        }
        self.push_hyphenated_whole(text, start, end);
    }

    /// After the last word of a hyphenated term (`write-through`, `kube-proxy`), the whole
    /// term, as a word as written: its words alone lose a function word (`through`), so
    /// `write-through` and `write-back` would both be `write`. The hyphens stay, which keeps
    /// such terms out of typo and sound matching.
    fn push_hyphenated_whole(&mut self, text: &str, start: usize, end: usize) {
        let joined_on = |i: usize| text.as_bytes().get(i).is_some_and(u8::is_ascii_alphabetic);
        if text[end..].starts_with('-') && joined_on(end + 1) {
            return; // not the last word yet
        }
        let mut first = start;
        while first >= 2 && text[..first].ends_with('-') && joined_on(first - 2) {
            let before = text[..first - 1].char_indices().rev().find(|&(_, c)| !c.is_ascii_alphanumeric());
            first = before.map_or(0, |(i, c)| i + c.len_utf8());
        }
        if first == start {
            return; // a word of its own
        }
        let whole = &text[first..end];
        let letters_only = whole.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-');
        if !letters_only || whole.len() > script::MAX_LATIN_WORD || in_link(text, first, end) {
            return; // not a term, or a slug in a URL (`aws-modern-applications-kr`)
        }
        self.push(whole.to_string(), TermClass::Latin, (first, end), true, false);
        if let Some(term) = self.terms.last_mut() {
            term.written_form = true;
        }
    }

    /// Adds the parts of an identifier written in camel case (`readinessProbe`,
    /// `HTTPServer`) as parts of it; function words are left out, and words with a
    /// one-letter part are not split.
    fn push_case_parts(&mut self, text: &str, start: usize, end: usize) {
        if text[start..end].starts_with(|c: char| c.is_ascii_digit()) {
            return; // a quantity: its unit is added by `push_unit`
        }
        let first = self.case_breaks.partition_point(|&b| b <= start);
        let inside = self.case_breaks[first..].iter().take_while(|&&b| b < end);
        let bounds: Vec<usize> = std::iter::once(start).chain(inside.copied()).chain(std::iter::once(end)).collect();
        if bounds.len() < 3 || bounds.windows(2).any(|pair| pair[1] - pair[0] < 2) || in_link(text, start, end) {
            return; // `iPhone`, or an id such as `ySQdKgA` in a URL: not words
        }
        for pair in bounds.windows(2) {
            let part = &text[pair[0]..pair[1]];
            if part.bytes().any(|b| b.is_ascii_alphabetic()) && !morphemes::is_english_stopword(part) {
                self.push(part.to_string(), TermClass::Latin, (pair[0], pair[1]), true, true);
            }
        }
    }

    /// Adds the unit of a quantity written as one word (`gb` of `10gb`, `mbps` of `100mbps`)
    /// as a part of it, so `몇 GB` meets `10GB`; `end` is where the word ends in the text.
    pub(super) fn push_unit(&mut self, word: &str, end: usize) {
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        let unit = &word[digits..];
        if digits > 0 && unit.len() >= 2 && unit.bytes().all(|b| b.is_ascii_alphabetic()) {
            self.push(unit.to_string(), TermClass::Latin, (end - unit.len(), end), true, true);
        }
    }
}

/// Whether the Latin word at `start..end` of `text` has no English word next to it, spaces and
/// apostrophes aside: `this` of `this는`, of `` `this`를 `` and of `this.state`, `WAS` of
/// `웹서버랑 WAS 역할`, but not `What` of `What's the` nor `is` of `NLB is`.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let between = |c: &char| c.is_whitespace() || matches!(c, '\'' | '\u{2019}');
    let before = text[..start].chars().rev().find(|c| !between(c));
    let after = text[end..].chars().find(|c| !between(c));
    !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Whether the word at `start..end` is part of a URL, path or query string (its white-space
/// delimited token holds `/`, `=`, `?` or `&`), where mixed case spells ids, not words.
fn in_link(text: &str, start: usize, end: usize) -> bool {
    // White space is not always one byte (U+2028, U+0085, U+1680…).
    let space_before = text[..start].char_indices().rev().find(|&(_, c)| c.is_whitespace());
    let token_start = space_before.map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
    text[token_start..token_end].contains(['/', '=', '?', '&'])
}

/// Whether `word`, at `start` in `text`, is the tail of a contraction: no word of its own.
fn is_contraction_tail(text: &str, start: usize, word: &str) -> bool {
    crate::lexicon::List::EnglishContractionTails.contains(word) && text[..start].ends_with(['\'', '\u{2019}'])
}
