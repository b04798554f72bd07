//! Rule family `ratio`: "one in five", "three out of four" — a proportion, read as its value.
//!
//! What it matches: a whole number, `in` or `out of`, and a larger whole number that no unit of
//! time or measure follows: `one in five adults` → 0.2, `three out of four regions` → 0.75,
//! `1 in 10` → 0.1. The quantity is a `number` whose span covers both numbers.
//!
//! Why: "one in five adults" states a share, not five adults; read number by number it became
//! a count of 5 adults and a lost "one".
//!
//! Known problems: the counted noun after the ratio is not kept as a unit; a year ("1 in 2020")
//! and a time ("one in three weeks", "2 in 10 minutes") are not ratios, so they are left to the
//! other rules; "out of" after a larger number ("40 out of 35") is not a ratio.
//!
//! Example: "One in five European adults" → number 0.2, text `One in five`.

use super::number::{Form, Number};
use super::{Cx, Kind, Quantity};
use crate::text::{Span, skip_space, word_starting_at};

/// The largest denominator read as a ratio ("one in a million" is written with words).
const MAX_DENOMINATOR: f64 = 1_000_000.0;

/// The `ratio` rule family.
#[derive(Debug)]
pub struct RatioRule;

impl RatioRule {
    /// The ratio that starts at the current number, if any. `decide(index, floor)` decides
    /// another number, to leave out "one in three weeks".
    pub fn apply(&self, cx: &Cx, decide: impl Fn(usize, usize) -> Option<Quantity>) -> Option<Quantity> {
        let a = cx.number();
        if !whole(a) || a.value? < 1.0 {
            return None;
        }
        let text = cx.text;
        let b_start = connector_end(text, a.span.end)?;
        let next = cx.index + 1;
        let b = cx.numbers.get(next).filter(|b| b.span.start == b_start)?;
        let (low, high) = (a.value?, b.value?);
        if !whole(b) || b.is_year_shaped() || high <= low || high > MAX_DENOMINATOR {
            return None;
        }
        // "one in three weeks": the second number measures time or something else.
        if decide(next, a.span.end).is_some_and(|q| !matches!(q.kind, Kind::Number | Kind::Count)) {
            return None;
        }
        Some(Quantity::new(Kind::Number, Some(low / high), Span::new(a.span.start, b.span.end), "ratio"))
    }
}

/// A cardinal written as a plain integer or in words, without a sign, scale or fraction.
fn whole(n: &Number) -> bool {
    let plain = match n.form {
        Form::Digits => n.is_plain_integer(),
        Form::Words => !n.ordinal && !n.fraction && n.scale.is_none() && !n.signed,
    };
    plain && n.value.is_some_and(|v| v.fract() == 0.0)
}

/// Where the second number starts after " in " or " out of " at `end`.
fn connector_end(text: &str, end: usize) -> Option<usize> {
    let word_after = |pos: usize| {
        let start = skip_space(text, pos);
        (start > pos).then(|| word_starting_at(text, start)).flatten()
    };
    let (word_end, w) = word_after(end)?;
    let after = if w.eq_ignore_ascii_case("in") {
        word_end
    } else if w.eq_ignore_ascii_case("out") {
        word_after(word_end).filter(|(_, of)| of.eq_ignore_ascii_case("of"))?.0
    } else {
        return None;
    };
    let start = skip_space(text, after);
    (start > after).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn ratios() {
        assert_eq!(
            render("One in five adults, three out of four regions and 1 in 10."),
            [
                "number 0.2 - exact «One in five» ratio",
                "number 0.75 - exact «three out of four» ratio",
                "number 0.1 - exact «1 in 10» ratio",
            ]
        );
    }

    #[test]
    fn not_ratios() {
        assert_eq!(render("won one in three weeks"), ["duration 3 week exact «three weeks» unit.duration"]);
        assert_eq!(
            render("1,000 in 1985 and 5 in 2 days"),
            [
                "number 1000 - exact «1,000» number.bare",
                "year 1985 - exact «1985» year.cue",
                "number 5 - exact «5» number.bare",
                "duration 2 day exact «2 days» unit.duration",
            ]
        );
        assert_eq!(
            render("40 out of 35"),
            ["number 40 - exact «40» number.bare", "number 35 - exact «35» number.bare"]
        );
    }
}
