//! Rule family `change`: quantities the text presents as a change, with their basis.
//!
//! What it matches (`data/change_words.tsv`, `data/bases.tsv`):
//! - a verb or adverb right before the quantity, optionally with `by`: `rose 3.3%`,
//!   `fell by 5 pct`, `down 2%`, `jumped 76%`, `cut 1,000 jobs`, `lost 464,000 subscribers`;
//! - a noun after it, possibly after a basis: `a 3.3% year-on-year increase`, `a 5% drop`,
//!   `3% higher`; or before it with `of`: `an increase of 5%`;
//! - the basis, when stated before the change noun or in the words after the quantity:
//!   `year-on-year`, `y/y`, `from a year earlier`, `from the previous year`, `quarter-on-quarter`.
//!
//! Why: "rose 3.3%" and "3.3%" are different facts; a level after `to` is not a change:
//! in "jumped 76% to $1.13bn" only the 76% is.
//!
//! Known problems: a change stated far from its number ("sales, which had been falling for
//! years, were 5% lower") is missed unless the change word is adjacent; years, dates, periods,
//! ordinals and ages never carry a change.
//!
//! Example: "a slight 0.3% increase from the previous year" → change up, basis
//! from_a_year_earlier.

use super::lexicon::Lexicon;
use super::{Basis, Change, Cx, Kind, Quantity, WordMap};
use crate::data;
use crate::text::{skip_gap, skip_space_back, word_before, word_ending_at};

/// Words after the quantity searched for a basis.
const BASIS_WINDOW: usize = 8;

/// The `change` rule family.
#[derive(Debug)]
pub struct ChangeRule {
    before: WordMap<Change>,
    after: WordMap<Change>,
    bases: Lexicon<Basis>,
}

impl ChangeRule {
    /// The rule with the built-in word lists.
    pub fn new() -> ChangeRule {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for row in data::builtin_rows("change_words.tsv", data::CHANGE_WORDS) {
            let fail = |what: &str| -> ! { panic!("data/change_words.tsv:{}: {what}", row.line) };
            let change = match row.get(1) {
                "up" => Change::Up,
                "down" => Change::Down,
                _ => fail("direction must be up or down"),
            };
            match row.get(2) {
                "before" => before.push((row.get(0), change)),
                "after" => after.push((row.get(0), change)),
                _ => fail("position must be before or after"),
            }
        }
        let mut bases = Lexicon::default();
        for row in data::builtin_rows("bases.tsv", data::BASES) {
            let basis =
                Basis::parse(row.get(1)).unwrap_or_else(|| panic!("data/bases.tsv:{}: unknown basis", row.line));
            bases.insert(row.get(0), false, basis);
        }
        ChangeRule { before: WordMap::new(before), after: WordMap::new(after), bases }
    }

    /// Marks `q` as a change when the words around it say so, and finds its basis.
    pub fn apply(&self, cx: &Cx, q: &mut Quantity) {
        if q.kind.is_temporal() || matches!(q.kind, Kind::Ordinal | Kind::Age) {
            return;
        }
        let text = cx.text;
        let mut basis = None;
        let mut change = self.change_before(text, q.span.start);
        // After: [basis] change-noun, e.g. "3.3% year-on-year increase".
        let mut pos = skip_gap(text, q.span.end);
        let mut scan_from = q.span.end;
        if pos > q.span.end {
            if let Some((end, b)) = self.bases.lookup(text, pos) {
                basis = Some(*b);
                scan_from = end;
                pos = skip_gap(text, end);
            }
            if change.is_none()
                && let Some((end, &c)) = self.after.get_lower_at(text, pos)
            {
                change = Some(c);
                scan_from = end;
            }
        }
        let Some(change) = change else { return };
        q.change = Some(change);
        q.basis = basis.or_else(|| self.basis_after(text, scan_from, cx.sentence_end()));
    }

    /// A change word right before `start` ("rose 3%", "rose by 3%", "an increase of 3%").
    fn change_before(&self, text: &str, start: usize) -> Option<Change> {
        // Most words before a number are none of the change words and neither "by" nor "of":
        // their last two bytes say so before they are delimited.
        let end = skip_space_back(text, start);
        let bytes = text.as_bytes();
        let by_or_of = end >= 2
            && (bytes[end - 2..end].eq_ignore_ascii_case(b"by") || bytes[end - 2..end].eq_ignore_ascii_case(b"of"));
        if end == start || !by_or_of && !self.before.may_end_at(bytes, end) {
            return None;
        }
        let (word_start, word) = word_ending_at(text, end)?;
        if word.eq_ignore_ascii_case("by") {
            let (_, verb) = word_before(text, word_start)?;
            self.before.get_lower(verb).copied()
        } else if word.eq_ignore_ascii_case("of") {
            let (_, noun) = word_before(text, word_start)?;
            self.after.get_lower(noun).copied()
        } else {
            self.before.get_lower(word).copied()
        }
    }

    /// The first basis phrase in the few words after `pos`, within the sentence.
    fn basis_after(&self, text: &str, pos: usize, sentence_end: usize) -> Option<Basis> {
        let mut p = pos;
        for _ in 0..BASIS_WINDOW {
            p = skip_gap(text, p);
            if p >= sentence_end || text[p..].starts_with([';', '.']) {
                return None;
            }
            if let Some((_, basis)) = self.bases.lookup(text, p) {
                return Some(*basis);
            }
            // Move past one word (or one punctuation character).
            let word_len = text[p..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'%' | b'.' | b','))
                .count();
            p += word_len.max(text[p..].chars().next().map_or(1, char::len_utf8));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::render;

    /// The change words before a position as first read, word by word: the specification of
    /// `change_before` and its test of the last two bytes.
    fn change_before_by_words(rule: &super::ChangeRule, text: &str, start: usize) -> Option<super::Change> {
        let (word_start, word) = super::word_before(text, start)?;
        match word.to_ascii_lowercase().as_str() {
            "by" => rule.before.get_lower(super::word_before(text, word_start)?.1).copied(),
            "of" => rule.after.get_lower(super::word_before(text, word_start)?.1).copied(),
            w => rule.before.get_lower(w).copied(),
        }
    }

    #[test]
    fn change_words_before_agree_with_their_specification() {
        let rule = super::ChangeRule::new();
        let pieces =
            [" ", "  ", "\n", "5", "by", "BY", "of", "rose", "Fell", "increase", "cut", "nearby", "x", "é", "-"];
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 20_000, 8) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let expected = change_before_by_words(&rule, &text, pos);
                found += usize::from(expected.is_some());
                assert_eq!(rule.change_before(&text, pos), expected, "{text:?} at {pos}");
            }
        }
        assert!(found > 1_000, "only {found} changes found");
    }

    #[test]
    fn verbs_before() {
        assert_eq!(
            render("Profits jumped 76% to $1.13bn, sales fell by 5 pct, output was down 2% and it cut 1,000 jobs."),
            [
                "percent 76 percent exact «76%» unit.percent up",
                "money 1130000000 USD exact «$1.13bn» money.prefix",
                "percent 5 percent exact «5 pct» unit.percent down",
                "percent 2 percent exact «2%» unit.percent down",
                "count 1000 job exact «1,000 jobs» count.noun down",
            ]
        );
    }

    #[test]
    fn nouns_after_with_basis() {
        assert_eq!(
            render(
                "sold 851,200 vehicles, a 3.3% year-on-year increase. In China, a slight 0.3% increase from the previous year."
            ),
            [
                "count 851200 vehicle exact «851,200 vehicles» count.noun",
                "percent 3.3 percent exact «3.3%» unit.percent up/year_on_year",
                "percent 0.3 percent exact «0.3%» unit.percent up/from_a_year_earlier",
            ]
        );
        assert_eq!(render("an increase of 5%"), ["percent 5 percent exact «5%» unit.percent up"]);
        assert_eq!(
            render("up 2% from a year earlier"),
            ["percent 2 percent exact «2%» unit.percent up/from_a_year_earlier"]
        );
    }

    #[test]
    fn levels_are_not_changes() {
        assert_eq!(render("its share has now risen to 10%."), ["percent 10 percent exact «10%» unit.percent"]);
        assert_eq!(render("up to 10%"), ["percent 10 percent at_most «up to 10%» unit.percent"]);
        assert_eq!(render("rose in 2024"), ["year 2024 - exact «2024» year.cue"]);
    }
}
