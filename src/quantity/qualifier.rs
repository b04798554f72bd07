//! Qualifiers: the words before a number that bound or soften it (`data/qualifiers.tsv`).
//!
//! What it matches: `nearly`, `about`, `some` (approx); `over`, `more than`, `exceeded` (more
//! than); `under`, `fewer than` (less than); `at least`; `up to`, `at most` — right before the
//! quantity, case-insensitively, separated by spaces only.
//!
//! Why: "exceeded 30,000 units" is not the fact "30,000 units"; the qualifier keeps the bound.
//! The span grows to cover the phrase, so `text` shows the evidence.
//!
//! Known problems: years and dates take only approximating qualifiers ("around 2027"): "over
//! 2024" is a period, not a bound. A qualifier separated by another word ("more than the 300
//! cars") is missed.
//!
//! Example: "Nearly 20 years" → duration 20 year, qualifier `approx`, text `Nearly 20 years`.

use super::{Cx, Kind, Qualifier, Quantity};
use crate::data;

/// Qualifier phrases, longest (in words) first.
#[derive(Debug)]
pub struct QualifierRule {
    before: Vec<(Vec<&'static str>, Qualifier)>,
}

impl QualifierRule {
    /// The rule with the built-in phrases.
    pub fn new() -> QualifierRule {
        let mut before = Vec::new();
        for row in data::builtin_rows("qualifiers.tsv", data::QUALIFIERS) {
            let qualifier = Qualifier::parse(row.get(1))
                .unwrap_or_else(|| panic!("data/qualifiers.tsv:{}: unknown qualifier", row.line));
            match row.get(2) {
                "before" => before.push((row.get(0).split(' ').collect::<Vec<_>>(), qualifier)),
                other => panic!("data/qualifiers.tsv:{}: unknown position {other:?}", row.line),
            }
        }
        before.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        QualifierRule { before }
    }

    /// Widens `q` over a qualifier phrase right before it and sets its qualifier.
    pub fn apply(&self, cx: &Cx, q: &mut Quantity) {
        let bounded_kinds = !matches!(q.kind, Kind::Year | Kind::Date);
        for (words, qualifier) in &self.before {
            if !bounded_kinds && *qualifier != Qualifier::Approx {
                continue;
            }
            if let Some(start) = phrase_before(cx.text, q.span.start, words)
                && start >= cx.floor
            {
                q.span.start = start;
                q.qualifier = *qualifier;
                return;
            }
        }
    }
}

/// The start of `words` when they end right before `pos` (spaces between), case-insensitively.
fn phrase_before(text: &str, pos: usize, words: &[&str]) -> Option<usize> {
    let mut end = pos;
    let mut start = pos;
    for word in words.iter().rev() {
        let gap_end = end;
        end = crate::text::skip_space_back(text, end);
        if end == gap_end {
            return None;
        }
        let (word_start, found) = crate::text::word_ending_at(text, end)?;
        if !found.eq_ignore_ascii_case(word) {
            return None;
        }
        start = word_start;
        end = word_start;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_end_right_before_the_number() {
        let text = "sales exceeded 30,000 units, more than  5 and at least 3";
        assert_eq!(phrase_before(text, 15, &["exceeded"]), Some(6));
        assert_eq!(phrase_before(text, 40, &["more", "than"]), Some(29));
        assert_eq!(phrase_before(text, 55, &["at", "least"]), Some(46));
        assert_eq!(phrase_before(text, 15, &["sales"]), None);
    }

    #[test]
    fn case_insensitive_at_sentence_start() {
        assert_eq!(phrase_before("Nearly 20 years", 7, &["nearly"]), Some(0));
    }
}

#[cfg(test)]
mod recognizer_tests {
    use super::super::render;

    #[test]
    fn every_qualifier() {
        let cases = [
            ("nearly 5 plants", "approx"),
            ("almost 5 plants", "approx"),
            ("about 5 plants", "approx"),
            ("around 5 plants", "approx"),
            ("roughly 5 plants", "approx"),
            ("approximately 5 plants", "approx"),
            ("some 5 plants", "approx"),
            ("over 5 plants", "more_than"),
            ("more than 5 plants", "more_than"),
            ("above 5 plants", "more_than"),
            ("exceeded 5 plants", "more_than"),
            ("exceeding 5 plants", "more_than"),
            ("under 5 plants", "less_than"),
            ("less than 5 plants", "less_than"),
            ("below 5 plants", "less_than"),
            ("fewer than 5 plants", "less_than"),
            ("at least 5 plants", "at_least"),
            ("up to 5 plants", "at_most"),
            ("at most 5 plants", "at_most"),
            ("5 plants", "exact"),
        ];
        for (text, qualifier) in cases {
            assert_eq!(render(text), [format!("count 5 plant {qualifier} «{text}» count.noun")], "{text}");
        }
    }
}
