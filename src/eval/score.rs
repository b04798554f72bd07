//! Matching found items to expected ones, and precision, recall and F1.
//!
//! Matching is greedy and one-to-one: among all (expected, predicted) pairs that overlap and
//! that the caller accepts, the pair with the longest overlap is taken first (ties: the earlier
//! expected item, then the earlier prediction), both sides leave the pool, and so on.

use serde::Serialize;

/// A half-open range of characters (Unicode scalar values): `(start, end)`.
pub type CharSpan = (usize, usize);

/// Relative tolerance for two values to count as equal.
pub const TOLERANCE: f64 = 1e-6;

/// Characters shared by two spans (0 when they are disjoint).
pub fn overlap(a: CharSpan, b: CharSpan) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// True when `a` and `b` are equal within a relative tolerance of [`TOLERANCE`].
pub fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

/// Pairs `(expected index, predicted index)`, each index used at most once, sorted by expected
/// index. An expected item without a span (a quantulum3 surface not found in its sentence) may
/// pair with any prediction, after all overlapping pairs.
pub fn greedy_match(
    expected: &[Option<CharSpan>],
    predicted: &[CharSpan],
    accept: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, e) in expected.iter().enumerate() {
        for (j, &p) in predicted.iter().enumerate() {
            let shared = match e {
                Some(e) => overlap(*e, p),
                None => 0,
            };
            if (shared > 0 || e.is_none()) && accept(i, j) {
                candidates.push((shared, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_e = vec![false; expected.len()];
    let mut used_p = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_e[i] && !used_p[j] {
            used_e[i] = true;
            used_p[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// How many items were expected, predicted and matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Expected items.
    pub expected: usize,
    /// Predictions counted for the suite.
    pub predicted: usize,
    /// Matched pairs (true positives).
    pub matched: usize,
}

impl Counts {
    /// Adds another tally.
    pub fn add(&mut self, other: Counts) {
        self.expected += other.expected;
        self.predicted += other.predicted;
        self.matched += other.matched;
    }

    /// matched / predicted; 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// matched / expected; 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }

    /// The harmonic mean of precision and recall, 2·matched / (predicted + expected); 0 when
    /// both are 0.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.matched, self.predicted + self.expected)
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 { 0.0 } else { num as f64 / den as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_shared_characters() {
        assert_eq!(overlap((0, 4), (2, 6)), 2);
        assert_eq!(overlap((0, 4), (4, 6)), 0, "touching spans do not overlap");
        assert_eq!(overlap((5, 6), (0, 4)), 0);
        assert_eq!(overlap((0, 10), (3, 4)), 1);
    }

    #[test]
    fn values_match_within_relative_tolerance() {
        assert!(same_value(0.0, 0.0));
        assert!(same_value(103.666666666667, 311.0 / 3.0));
        assert!(same_value(1e9, 1e9 + 1.0));
        assert!(!same_value(1e9, 1e9 + 1e4));
        assert!(!same_value(0.0, 1e-12));
        assert!(!same_value(1.0, -1.0));
        assert!(same_value(-3.5, -3.5));
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_longer_overlaps() {
        // One prediction overlapping two expected items goes to the one it overlaps most.
        let pairs = greedy_match(&[Some((0, 2)), Some((3, 10))], &[(1, 9)], |_, _| true);
        assert_eq!(pairs, [(1, 0)]);
        // Two predictions over one expected item: only one matches.
        let pairs = greedy_match(&[Some((0, 5))], &[(0, 2), (0, 5)], |_, _| true);
        assert_eq!(pairs, [(0, 1)]);
        // Disjoint spans never match; rejected pairs are skipped.
        assert!(greedy_match(&[Some((0, 2))], &[(2, 4)], |_, _| true).is_empty());
        let pairs = greedy_match(&[Some((0, 5))], &[(0, 5), (1, 3)], |_, j| j == 1);
        assert_eq!(pairs, [(0, 1)]);
        // Ties go to the earlier expected item, then the earlier prediction.
        let pairs = greedy_match(&[Some((0, 3)), Some((0, 3))], &[(0, 3), (0, 3)], |_, _| true);
        assert_eq!(pairs, [(0, 0), (1, 1)]);
        // An expected item without a span pairs with any accepted prediction, overlaps first.
        let pairs = greedy_match(&[None, Some((0, 3))], &[(0, 3), (5, 9)], |_, _| true);
        assert_eq!(pairs, [(0, 1), (1, 0)]);
    }

    #[test]
    fn precision_recall_f1() {
        let c = Counts { expected: 4, predicted: 2, matched: 1 };
        assert_eq!(c.precision(), 0.5);
        assert_eq!(c.recall(), 0.25);
        assert!((c.f1() - 2.0 * 0.5 * 0.25 / 0.75).abs() < 1e-12);
        let none = Counts::default();
        assert_eq!((none.precision(), none.recall(), none.f1()), (0.0, 0.0, 0.0));
        let silent = Counts { expected: 3, predicted: 0, matched: 0 };
        assert_eq!((silent.precision(), silent.recall(), silent.f1()), (0.0, 0.0, 0.0));
        let noisy = Counts { expected: 0, predicted: 2, matched: 0 };
        assert_eq!((noisy.precision(), noisy.recall(), noisy.f1()), (0.0, 0.0, 0.0));
        let mut total = c;
        total.add(Counts { expected: 1, predicted: 1, matched: 1 });
        assert_eq!(total, Counts { expected: 5, predicted: 3, matched: 2 });
    }
}
