//! Rule `unit.percent_of`: a percentage named before its number, `percent of 10` → 10%.
//!
//! What it matches: `percent`, `percents`, `per cent`, `per cents` or `pct`, then `of` and a
//! number that ends the phrase (`text::phrase_ends`: the end of the text, a paragraph break or
//! closing punctuation after it), with no number right before the percent word: `percent of
//! 10` → 10 percent, `per cent of twenty-two.` → 22 percent. The span covers the percent word
//! and the number.
//!
//! Why: some writers (and the English of texts translated from languages that name the share
//! after the word for percent) put the number last; read number by number, the 10 was a bare
//! number and the percentage was lost.
//!
//! Known problems: English news writes the number first (`15 percent of the shares`), so the
//! rule asks for a number that ends the phrase: `the percent of 10-year-olds`, `percent of 2025
//! sales` and `what percent of 10 is 2` are not percentages, and `5 percent of 10` is 5% and a
//! bare 10. A title ending in "Percent of 10" would read as 10%. It found nothing to change in
//! the 21,268 BBC and Reuters articles.
//!
//! Example: "The share is per cent of twenty-two." → percent 22, text `per cent of twenty-two`.

use super::{Cx, Kind, Quantity};
use crate::text::{Span, phrase_ends, skip_space_back, word_ending_at};

/// The words of a percentage (as in `data/units.tsv`), the last word first: `per cent` is
/// `cent` after `per`.
const PERCENT_WORDS: &[(&str, Option<&str>)] =
    &[("percent", None), ("percents", None), ("pct", None), ("cent", Some("per")), ("cents", Some("per"))];

/// The `unit.percent_of` rule.
#[derive(Debug, Default)]
pub struct PercentOfRule;

impl PercentOfRule {
    /// The percentage that ends with the current number, if any.
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        // Most numbers have no "of" right before them.
        let of_end = skip_space_back(text, n.span.start);
        if of_end == n.span.start || !text[..of_end].ends_with("of") {
            return None;
        }
        let (of_start, of) = word_ending_at(text, of_end)?;
        if !of.eq_ignore_ascii_case("of") {
            return None;
        }
        let (mut start, word) = word_ending_at(text, skip_space_back(text, of_start))?;
        let (_, before) = PERCENT_WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word))?;
        if let Some(before) = before {
            let (per_start, per) = word_ending_at(text, skip_space_back(text, start))?;
            if !per.eq_ignore_ascii_case(before) {
                return None;
            }
            start = per_start;
        }
        // Not part of an earlier quantity ("5 percent of 10"), and no number right before it.
        let number_before = cx.index.checked_sub(1).map(|i| cx.numbers[i].span.end);
        if start < cx.floor || number_before.is_some_and(|end| skip_space_back(text, start) == end) {
            return None;
        }
        if !phrase_ends(text, n.span.end) || n.value.is_none() {
            return None;
        }
        let mut q = Quantity::new(Kind::Percent, n.value, Span::new(start, n.span.end), "unit.percent_of");
        q.unit = Some("percent".into());
        Some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn a_percentage_named_before_its_number() {
        assert_eq!(render("The rate was percent of 10."), ["percent 10 percent exact «percent of 10» unit.percent_of"]);
        assert_eq!(
            render("It rose by Per Cent of twenty-two; then percents of twenty"),
            [
                "percent 22 percent exact «Per Cent of twenty-two» unit.percent_of up",
                "percent 20 percent exact «percents of twenty» unit.percent_of",
            ]
        );
        assert_eq!(render("about pct of 5.5)"), ["percent 5.5 percent approx «about pct of 5.5» unit.percent_of"]);
    }

    #[test]
    fn news_puts_the_number_first() {
        assert_eq!(
            render("Sales rose 5 percent of 10."),
            ["percent 5 percent exact «5 percent» unit.percent up", "number 10 - exact «10» number.bare"]
        );
        assert!(render("the percent of 10-year-olds").iter().all(|q| !q.starts_with("percent")));
        assert!(render("what percent of 10 is 2").iter().all(|q| !q.starts_with("percent")));
        assert!(render("percent of 2025 sales").iter().all(|q| !q.starts_with("percent")));
        assert!(render("a per share of 10.").iter().all(|q| !q.starts_with("percent")));
        assert!(render("a cent of 10.").iter().all(|q| !q.starts_with("percent")));
    }
}
