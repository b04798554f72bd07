//! Rule family `age`: how old someone or something is.
//!
//! What it matches: `35-year-old`, `35 years old`, `a 90 day old bill`, `six-month-old`, `6 weeks
//! of age`, and `aged 60` / `age 60`.
//! The unit is the time unit (`year`, `month`, `week`, `day`).
//!
//! Why: "a 35-year-old engineer" states an age, not a duration of 35 years.
//!
//! Known problems: ranges of ages ("aged 18 to 24") are read as an age and a bare number.
//!
//! Example: "the 58-year-old chief executive" → age 58 year.

use super::{Cx, Kind, Quantity};
use crate::text::{Span, skip_space_back, word_ending_at};

/// Endings after the number that make it an age, with their unit.
const OLD: &[(&str, &str)] = &[
    ("-year-old", "year"),
    ("-years-old", "year"),
    (" years old", "year"),
    (" year old", "year"),
    (" years of age", "year"),
    (" year of age", "year"),
    ("-month-old", "month"),
    (" months old", "month"),
    (" month old", "month"),
    (" months of age", "month"),
    ("-week-old", "week"),
    (" weeks old", "week"),
    (" week old", "week"),
    (" weeks of age", "week"),
    ("-day-old", "day"),
    (" days old", "day"),
    (" day old", "day"),
    (" days of age", "day"),
];

/// The `age` rule family.
#[derive(Debug)]
pub struct AgeRule;

impl AgeRule {
    /// An age around the current number.
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        if !n.is_cardinal() || n.glued {
            return None;
        }
        let text = cx.text;
        let after = &text[n.span.end..];
        let candidate = may_end_in_age(after.as_bytes());
        for &(ending, unit) in OLD.iter().filter(|_| candidate) {
            if after.len() >= ending.len()
                && after.is_char_boundary(ending.len())
                && after[..ending.len()].eq_ignore_ascii_case(ending)
                && crate::text::boundary_after(text, n.span.end + ending.len())
            {
                let span = Span::new(n.span.start, n.span.end + ending.len());
                return Some(Quantity::new(Kind::Age, n.value, span, "age.old").with_unit(unit));
            }
        }
        let p = skip_space_back(text, n.span.start);
        // "aged" and "age" end in `d` or `e`.
        if p < n.span.start
            && n.int_digits <= 3
            && p > 0
            && matches!(text.as_bytes()[p - 1] | 0x20, b'd' | b'e')
            && let Some((start, word)) = word_ending_at(text, p)
            && (word.eq_ignore_ascii_case("aged") || word.eq_ignore_ascii_case("age"))
            && start >= cx.floor
        {
            return Some(Quantity::new(Kind::Age, n.value, Span::new(start, n.span.end), "age.aged").with_unit("year"));
        }
        None
    }
}

/// True when `after` may start with an ending of [`OLD`]: a space or hyphen, then the unit's
/// first two letters. One check for most numbers ("5 mln", "5 dlrs" and "5 million" are not
/// even compared with the endings).
fn may_end_in_age(after: &[u8]) -> bool {
    matches!(
        after,
        [b' ' | b'-', c, d, ..] if matches!((c | 0x20, d | 0x20), (b'y' | b'w', b'e') | (b'm', b'o') | (b'd', b'a'))
    )
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn every_ending_passes_the_first_check() {
        for (ending, _) in super::OLD {
            for form in [ending.to_string(), ending.to_ascii_uppercase()] {
                assert!(super::may_end_in_age(form.as_bytes()), "{form:?}");
            }
        }
    }

    #[test]
    fn ages() {
        assert_eq!(
            render("the 58-year-old chief, a six-month-old plant, workers aged 60 and a car 12 years old"),
            [
                "age 58 year exact «58-year-old» age.old",
                "age 6 month exact «six-month-old» age.old",
                "age 60 year exact «aged 60» age.aged",
                "age 12 year exact «12 years old» age.old",
            ]
        );
        assert_eq!(
            render("children under 5 years of age, at 6 weeks of age, a 90 day old bill"),
            [
                "age 5 year less_than «under 5 years of age» age.old",
                "age 6 week exact «6 weeks of age» age.old",
                "age 90 day exact «90 day old» age.old",
            ]
        );
    }
}
