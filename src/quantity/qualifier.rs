//! Qualifiers: the words before a number that bound or soften it (`data/qualifiers.tsv`).
//!
//! What it matches: `nearly`, `about`, `some`, `an estimated` (approx); `over`, `more than`,
//! `exceeded`, `greater than`, `in excess of`, `upwards of` (more than); `under`, `fewer than`,
//! `lower than` (less than); `at least`, `no fewer than`, `greater than or equal to` (at least);
//! `up to`, `at most`, `as much as`, `no more than`, `less than or equal to` (at most) — right
//! before the quantity — and `or more`, `or greater`, `and above`, `or less`, `or fewer`,
//! `or below` right after it; case-insensitively, separated by spaces only; and the suffix
//! `-ish` of a bare number (`360-ish`, `40-ish`: approx). A number whose own
//! words are vague is approx without a phrase: `a couple of days` (two, maybe three; the
//! number scanner marks it, see `number/words.rs`), unless a phrase bounds it ("more than a
//! couple of days").
//!
//! Why: "exceeded 30,000 units" is not the fact "30,000 units"; the qualifier keeps the bound.
//! The span grows to cover the phrase, so `text` shows the evidence.
//!
//! Known problems: years and dates take only approximating qualifiers ("around 2027"): "over
//! 2024" is a period, not a bound. A qualifier separated by another word ("more than the 300
//! cars") is missed.
//!
//! Example: "Nearly 20 years" → duration 20 year, qualifier `approx`, text `Nearly 20 years`.

use rustc_hash::FxHashMap as HashMap;

use super::{Cx, Kind, Qualifier, Quantity, WordMap};
use crate::data;

/// Qualifier phrases, longest (in words) first.
#[derive(Debug)]
pub struct QualifierRule {
    before: Vec<(Vec<&'static str>, Qualifier)>,
    after: Vec<(Vec<&'static str>, Qualifier)>,
    /// Positions in `before` by the phrase's last word (lowercase), in order: the word next to
    /// the number picks the few phrases worth trying.
    before_by_last: WordMap<Vec<usize>>,
    /// Positions in `after` by the phrase's first word (lowercase), in order. Both maps reject
    /// most words next to a number by their last (or first) two bytes, before delimiting them.
    after_by_first: WordMap<Vec<usize>>,
}

/// Positions of `phrases` by one of their words (lowercased), in order.
fn index(
    phrases: &[(Vec<&'static str>, Qualifier)],
    word: impl Fn(&[&'static str]) -> Option<&'static str>,
) -> WordMap<Vec<usize>> {
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, (words, _)) in phrases.iter().enumerate() {
        if let Some(w) = word(words) {
            by_word.entry(w.to_ascii_lowercase()).or_default().push(i);
        }
    }
    WordMap::new(by_word)
}

impl QualifierRule {
    /// The rule with the built-in phrases.
    pub fn new() -> QualifierRule {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for row in data::builtin_rows("qualifiers.tsv", data::QUALIFIERS) {
            let qualifier = Qualifier::parse(row.get(1))
                .unwrap_or_else(|| panic!("data/qualifiers.tsv:{}: unknown qualifier", row.line));
            match row.get(2) {
                "before" => before.push((row.get(0).split(' ').collect::<Vec<_>>(), qualifier)),
                "after" => after.push((row.get(0).split(' ').collect::<Vec<_>>(), qualifier)),
                other => panic!("data/qualifiers.tsv:{}: unknown position {other:?}", row.line),
            }
        }
        before.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        after.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let before_by_last = index(&before, |words| words.last().copied());
        let after_by_first = index(&after, |words| words.first().copied());
        QualifierRule { before, after, before_by_last, after_by_first }
    }

    /// Widens `q` over a qualifier phrase right before or after it and sets its qualifier.
    pub fn apply(&self, cx: &Cx, q: &mut Quantity) {
        if cx.number().approx {
            q.qualifier = Qualifier::Approx;
        }
        // "360-ish": a bare number with the suffix that softens it.
        if q.kind == Kind::Number && q.low.is_none() && ish_after(cx.text, q.span.end) {
            q.span.end += "-ish".len();
            q.qualifier = Qualifier::Approx;
        }
        let bounded_kinds = !matches!(q.kind, Kind::Year | Kind::Date | Kind::Period | Kind::Decade | Kind::Ordinal);
        // The word next to the number is read once; only phrases that end (or start) with it are
        // tried in full.
        let (last_start, candidates) = self.ending_before(cx.text, q.span.start);
        // The word before that one, read once for all the candidates that need it.
        let mut previous = None;
        for &i in candidates {
            let (words, qualifier) = &self.before[i];
            if !bounded_kinds && *qualifier != Qualifier::Approx || q.kind == Kind::Ordinal {
                continue;
            }
            if let Some(start) = phrase_before_last(cx.text, last_start, &words[..words.len() - 1], &mut previous)
                && start >= cx.floor
            {
                q.span.start = start;
                q.qualifier = *qualifier;
                return;
            }
        }
        if !bounded_kinds {
            return;
        }
        let candidates = self.starting_after(cx.text, q.span.end);
        for &i in candidates {
            let (words, qualifier) = &self.after[i];
            if let Some(end) = crate::text::phrase_after(cx.text, q.span.end, words) {
                q.span.end = end;
                q.qualifier = *qualifier;
                return;
            }
        }
    }
}

impl QualifierRule {
    /// The start of the word before `pos` (spaces between) and the positions in `before` of the
    /// phrases that end with it (none without such a word).
    fn ending_before(&self, text: &str, pos: usize) -> (usize, &[usize]) {
        let end = crate::text::skip_space_back(text, pos);
        if end == pos || !self.before_by_last.may_end_at(text.as_bytes(), end) {
            return (pos, &[]);
        }
        crate::text::word_ending_at(text, end)
            .and_then(|(start, w)| Some((start, self.before_by_last.get_lower(w)?)))
            .map_or((pos, &[][..]), |(start, phrases)| (start, phrases.as_slice()))
    }

    /// The positions in `after` of the phrases whose first word is the word after `pos` (spaces
    /// between).
    fn starting_after(&self, text: &str, pos: usize) -> &[usize] {
        let start = crate::text::skip_space(text, pos);
        if start == pos || !self.after_by_first.may_start_at(text.as_bytes(), start) {
            return &[];
        }
        crate::text::word_starting_at(text, start)
            .and_then(|(_, w)| self.after_by_first.get_lower(w))
            .map_or(&[][..], Vec::as_slice)
    }
}

/// True when the suffix `-ish` follows `end` as the end of a word ("40-ish", not "40-ishes").
pub(super) fn ish_after(text: &str, end: usize) -> bool {
    text.get(end..end + 4).is_some_and(|s| s.eq_ignore_ascii_case("-ish")) && crate::text::boundary_after(text, end + 4)
}

/// The start of a phrase whose last word starts at `last_start` and whose other words are
/// `rest`, when they are written before it: [`phrase_before`] for the words before the last,
/// the nearest of them read once into `previous` for all the phrases tried.
fn phrase_before_last<'a>(
    text: &'a str,
    last_start: usize,
    rest: &[&str],
    previous: &mut Option<Option<(usize, &'a str)>>,
) -> Option<usize> {
    let Some((word, earlier)) = rest.split_last() else { return Some(last_start) };
    let (start, found) = (*previous.get_or_insert_with(|| crate::text::word_before(text, last_start)))?;
    if !found.eq_ignore_ascii_case(word) {
        return None;
    }
    phrase_before(text, start, earlier)
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

    /// The byte filters in front of the word lookups pass every phrase: the candidates are
    /// those of the plain lookups at every position of random texts.
    #[test]
    fn the_filters_keep_every_candidate() {
        let rule = QualifierRule::new();
        let mut pieces = vec![" ", "  ", "\n", "5", "-", "x", "é", "The", "of"];
        for (words, _) in rule.before.iter().chain(&rule.after) {
            pieces.extend(words.iter().copied());
            pieces.extend(words.iter().map(|w| &*w.to_ascii_uppercase().leak()));
        }
        let empty: &[usize] = &[];
        for text in crate::testing::random_texts(&pieces, 5_000, 8) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let mut buf = [0; 32];
                let before = crate::text::word_before(&text, pos)
                    .and_then(|(_, w)| rule.before_by_last.get(&crate::text::lower(w, &mut buf)))
                    .map_or(empty, Vec::as_slice);
                let (last_start, candidates) = rule.ending_before(&text, pos);
                assert_eq!(candidates, before, "{text:?} at {pos}");
                // The phrases read from the last word on are those read from the number.
                let mut previous = None;
                for &i in candidates {
                    let words = &rule.before[i].0;
                    assert_eq!(
                        phrase_before_last(&text, last_start, &words[..words.len() - 1], &mut previous),
                        phrase_before(&text, pos, words),
                        "{text:?} at {pos}: {words:?}"
                    );
                }
                let start = crate::text::skip_space(&text, pos);
                let after = (start > pos)
                    .then(|| crate::text::word_starting_at(&text, start))
                    .flatten()
                    .and_then(|(_, w)| rule.after_by_first.get(&crate::text::lower(w, &mut buf)))
                    .map_or(empty, Vec::as_slice);
                assert_eq!(rule.starting_after(&text, pos), after, "{text:?} at {pos}");
            }
        }
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
    fn the_suffix_ish_softens_a_bare_number() {
        assert_eq!(render("finest 360-ish plates"), ["number 360 - approx «360-ish» number.bare"]);
        assert_eq!(render("a 40-Ish man"), ["number 40 - approx «40-Ish» number.bare"]);
        assert!(render("the 40-ishes").is_empty());
    }

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
            ("as many as 5 plants", "at_most"),
            ("no more than 5 plants", "at_most"),
            ("no fewer than 5 plants", "at_least"),
            ("upwards of 5 plants", "more_than"),
            ("an estimated 5 plants", "approx"),
            ("greater than 5 plants", "more_than"),
            ("in excess of 5 plants", "more_than"),
            ("surpassed 5 plants", "more_than"),
            ("lower than 5 plants", "less_than"),
            ("greater than or equal to 5 plants", "at_least"),
            ("less than or equal to 5 plants", "at_most"),
            ("5 plants", "exact"),
        ];
        for (text, qualifier) in cases {
            assert_eq!(render(text), [format!("count 5 plant {qualifier} «{text}» count.noun")], "{text}");
        }
    }

    #[test]
    fn qualifiers_after() {
        assert_eq!(render("5 plants or more"), ["count 5 plant at_least «5 plants or more» count.noun"]);
        assert_eq!(render("10% or less"), ["percent 10 percent at_most «10% or less» unit.percent"]);
        assert_eq!(render("5 plants or greater"), ["count 5 plant at_least «5 plants or greater» count.noun"]);
        assert_eq!(render("aged 65 and above"), ["age 65 year at_least «aged 65 and above» age.aged"]);
    }

    #[test]
    fn a_couple_is_approximate() {
        assert_eq!(
            render("a couple of years, A couple of weeks, a couple of hundred"),
            [
                "duration 2 year approx «a couple of years» unit.duration",
                "duration 2 week approx «A couple of weeks» unit.duration",
                "number 200 - approx «a couple of hundred» number.bare",
            ]
        );
        // A phrase that bounds it wins; "a pair of" is exactly two.
        assert_eq!(
            render("more than a couple of days, a pair of shoes"),
            [
                "duration 2 day more_than «more than a couple of days» unit.duration",
                "count 2 shoe exact «a pair of shoes» count.noun"
            ]
        );
    }
}
