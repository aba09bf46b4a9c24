//! Pairs of terms the notes write as meaning each other (translations, abbreviations): how
//! often each pair is written and where first, and, of those, only the pairs whose two sides
//! are each other's first choice. A term glossed once with a stray partner
//! (`정규화(Normalization)` written a dozen times, `정규화(Regex)` once) would otherwise join
//! two unrelated terms into one group.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// One pair as the notes write it: its two sides, where first, and how many times.
pub struct Tallied {
    pub left: String,
    pub right: String,
    pub origin: String,
    pub count: u32,
}

/// Counts the pairs as they are found, keeping each one's first origin, in the order first
/// found.
#[derive(Default)]
pub struct Tally {
    at: HashMap<(String, String), usize>,
    pairs: Vec<Tallied>,
}

impl Tally {
    /// One more writing of `left` with `right`, at `origin` (made only for a new pair).
    pub fn add(&mut self, left: String, right: String, origin: impl FnOnce() -> String) {
        match self.at.entry((left.clone(), right.clone())) {
            Entry::Occupied(entry) => self.pairs[*entry.get()].count += 1,
            Entry::Vacant(entry) => {
                entry.insert(self.pairs.len());
                self.pairs.push(Tallied { left, right, origin: origin(), count: 1 });
            }
        }
    }

    /// The pairs in the order first found.
    pub fn into_pairs(self) -> Vec<Tallied> {
        self.pairs
    }
}

/// The pairs, in the order given (most preferred first), whose left side's first partner is
/// their right side and whose right side's first partner is their left side.
pub fn mutual_first<T>(pairs: Vec<T>, left: impl Fn(&T) -> &str, right: impl Fn(&T) -> &str) -> Vec<T> {
    let mut first_right: HashMap<&str, &str> = HashMap::new();
    let mut first_left: HashMap<&str, &str> = HashMap::new();
    for pair in &pairs {
        first_right.entry(left(pair)).or_insert(right(pair));
        first_left.entry(right(pair)).or_insert(left(pair));
    }
    let keep: Vec<bool> =
        pairs.iter().map(|p| first_right[left(p)] == right(p) && first_left[right(p)] == left(p)).collect();
    pairs.into_iter().zip(keep).filter_map(|(pair, kept)| kept.then_some(pair)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(pairs: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        mutual_first(pairs.to_vec(), |p| p.0, |p| p.1)
    }

    #[test]
    fn a_tally_counts_each_pair_from_where_it_is_first_written() {
        let mut tally = Tally::default();
        for (left, right, origin) in [("a", "b", "x:1"), ("c", "d", "x:2"), ("a", "b", "x:3")] {
            tally.add(left.into(), right.into(), || origin.into());
        }
        let found: Vec<(String, String, String, u32)> =
            tally.into_pairs().into_iter().map(|t| (t.left, t.right, t.origin, t.count)).collect();
        assert_eq!(found, [("a".into(), "b".into(), "x:1".into(), 2), ("c".into(), "d".into(), "x:2".into(), 1)]);
    }

    #[test]
    fn a_pair_whose_sides_prefer_each_other_is_kept() {
        assert_eq!(
            kept(&[("정규화", "normalization"), ("교착상태", "deadlock")]),
            [("정규화", "normalization"), ("교착상태", "deadlock")]
        );
    }

    #[test]
    fn a_later_partner_of_either_side_is_dropped() {
        let pairs =
            [("정규화", "normalization"), ("정규식", "regex"), ("표준화", "normalization"), ("정규화", "regex")];
        assert_eq!(kept(&pairs), [("정규화", "normalization"), ("정규식", "regex")]);
    }

    #[test]
    fn a_pair_one_side_of_which_prefers_another_is_dropped_even_when_the_other_side_has_no_other() {
        // `regex` prefers `정규식`, so `정규화`–`regex` goes though `정규화` has no better partner.
        let pairs = [("정규식", "regex"), ("정규화", "regex")];
        assert_eq!(kept(&pairs), [("정규식", "regex")]);
    }
}
