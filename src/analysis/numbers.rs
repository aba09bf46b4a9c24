//! Numbers written across several tokens: thousands separators (`1,000`) and Korean magnitude
//! words (`100만`, `3천만`, `1.5억`), read as the one number they write.
//!
//! mecab reads `100만 건` as `100` + `만` and `1,000` as `1` + `,` + `000`, so a question's
//! `100만 건` met a note's `100% SLA` on `100`, and `1,000개` never met `1000개`. The number is
//! indexed by its value instead (`1000000`), which also makes `100만`, `1,000,000` and
//! `1000000` one term.

use super::{Seg, TermClass, TermSink};

/// A number read from the first tokens of a word.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Quantity {
    /// The value in digits, with a Latin unit written right after it (`1000ppm`).
    pub text: String,
    /// How many tokens it spans.
    pub tokens: usize,
    /// Byte range in the text.
    pub span: (usize, usize),
}

/// The number written by the tokens at the start of `word`, when it has a thousands separator
/// or a magnitude word; `None` for a plain number, which the Latin path handles.
pub(super) fn read_quantity(text: &str, word: &[Seg]) -> Option<Quantity> {
    let surface = |i: usize| word.get(i).map(|seg| &text[seg.start..seg.end]);
    let first = surface(0).filter(|s| is_digits(s))?;
    let mut digits = first.to_string();
    let mut used = 1;
    while first.len() <= 3
        && surface(used) == Some(",")
        && surface(used + 1).is_some_and(|s| s.len() == 3 && is_digits(s))
    {
        digits.push_str(surface(used + 1)?);
        used += 2;
    }
    let grouped = used > 1;
    let mut fraction = "";
    if !grouped && surface(used) == Some(".") && surface(used + 2).is_some_and(is_magnitude) {
        fraction = surface(used + 1).filter(|s| is_digits(s))?;
        used += 2;
    }
    let magnitude = surface(used).filter(|s| is_magnitude(s));
    let value = match magnitude {
        Some(words) => {
            used += 1;
            scaled(&digits, fraction, words)?
        }
        None if grouped => digits,
        None => return None,
    };
    let unit = surface(used).filter(|s| magnitude.is_none() && s.bytes().all(|b| b.is_ascii_alphabetic()));
    let tokens = used + usize::from(unit.is_some());
    let span = (word[0].start, word[tokens - 1].end);
    Some(Quantity { text: value + unit.unwrap_or(""), tokens, span })
}

impl TermSink<'_> {
    /// Pushes a number read by [`read_quantity`], with its unit as a part (`ppm` of `1000ppm`).
    pub(super) fn push_quantity(&mut self, quantity: Quantity) {
        self.push(quantity.text.clone(), TermClass::Number, quantity.span, false, false);
        self.push_unit(&quantity.text, quantity.span.1);
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` is made of magnitude words only (`만`, `천만`, `백억`).
fn is_magnitude(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| magnitude_of(c).is_some())
}

fn magnitude_of(c: char) -> Option<u128> {
    match c {
        '십' => Some(10),
        '백' => Some(100),
        '천' => Some(1_000),
        '만' => Some(10_000),
        '억' => Some(100_000_000),
        '조' => Some(1_000_000_000_000),
        _ => None,
    }
}

/// `digits.fraction` times the magnitude `words`, in digits; `None` when it overflows or is not
/// a whole number.
fn scaled(digits: &str, fraction: &str, words: &str) -> Option<String> {
    let scale = words.chars().try_fold(1u128, |acc, c| acc.checked_mul(magnitude_of(c)?))?;
    let whole: u128 = format!("{digits}{fraction}").parse().ok()?;
    let divisor = 10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    let value = whole.checked_mul(scale)?;
    (value % divisor == 0).then(|| (value / divisor).to_string())
}

#[cfg(test)]
mod tests {
    use super::scaled;

    #[test]
    fn magnitude_words_scale_the_number() {
        assert_eq!(scaled("100", "", "만").as_deref(), Some("1000000"));
        assert_eq!(scaled("3", "", "천만").as_deref(), Some("30000000"));
        assert_eq!(scaled("1", "5", "억").as_deref(), Some("150000000"));
        assert_eq!(scaled("1", "23456789", "만"), None, "not a whole number");
        assert_eq!(scaled("99999999999999999999999999999999999999", "", "조"), None, "overflow");
    }
}
