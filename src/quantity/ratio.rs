//! Rule family `ratio`: "one in five", "three out of four" — a proportion, read as its value —
//! and "one over three", a fraction read aloud.
//!
//! What it matches:
//! - a whole number, `in` or `out of`, and a larger whole number that no unit of time or measure
//!   follows: `one in five adults` → 0.2, `three out of four regions` → 0.75, `1 in 10` → 0.1;
//! - a number, `over` and a number that ends the clause (nothing but punctuation or the end of
//!   the text after it): `one over three` → 0.333, `1 over 21.` → 0.0476, `negative one over
//!   20` → -0.05, `2000 over 3` → 666.67.
//!
//! The quantity is a `number` whose span covers both numbers.
//!
//! Why: "one in five adults" states a share, not five adults; read number by number it became
//! a count of 5 adults and a lost "one". "one over three" is how a fraction is said, and read
//! number by number it became "more than 3".
//!
//! Known problems: the counted noun after the ratio is not kept as a unit; a year ("1 in 2020")
//! and a time ("one in three weeks", "2 in 10 minutes") are not ratios, so they are left to the
//! other rules; "out of" after a larger number ("40 out of 35") is not a ratio. "over" is
//! mostly "more than" or "during" in news, so a fraction needs the clause to end after its
//! denominator: "rose 5 over 3 years", "over 3%" and "5 over 3-year notes" keep "over" as a
//! qualifier; a year on either side is a comparison ("in 1986 over 1985", "a rise of 3,400 over
//! 1985"), and so is money ("$5 over 3."); a score written "52 over 48." reads as a fraction.
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
        // Most numbers have neither "in", "out of" nor "over" after them.
        let next = skip_space(cx.text, a.span.end);
        if next == a.span.end || !cx.text.as_bytes().get(next).is_some_and(|b| matches!(b | 0x20, b'i' | b'o')) {
            return None;
        }
        if !whole(a) || a.value? < 1.0 {
            return self.over(cx, decide);
        }
        self.proportion(cx, &decide).or_else(|| self.over(cx, decide))
    }

    /// "one in five", "three out of four".
    fn proportion(&self, cx: &Cx, decide: impl Fn(usize, usize) -> Option<Quantity>) -> Option<Quantity> {
        let a = cx.number();
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

impl RatioRule {
    /// "one over three", "1 over 21.": a fraction read aloud, when the clause ends after it.
    #[inline(never)]
    fn over(&self, cx: &Cx, decide: impl Fn(usize, usize) -> Option<Quantity>) -> Option<Quantity> {
        let a = cx.number();
        let text = cx.text;
        let b_start = over_end(text, a.span.end)?;
        let next = cx.index + 1;
        let b = cx.numbers.get(next).filter(|b| b.span.start == b_start)?;
        let plain = |n: &Number| n.is_cardinal() && !n.glued && n.scale.is_none() && !n.approx && n.value.is_some();
        if !plain(a)
            || !plain(b)
            || b.signed
            || b.is_year_shaped()
            || b.value == Some(0.0)
            || !crate::text::phrase_ends(text, b.span.end)
        {
            return None;
        }
        // "in 1986 over 1985" is a comparison of years, "$5 over 3" of money: only a bare number
        // (or a year no cue names, "2000 over 3") is a numerator.
        let numerator = decide(cx.index, cx.floor);
        if numerator.is_some_and(|q| q.kind != Kind::Number && q.rule != "year.bare") {
            return None;
        }
        let value = a.value? / b.value?;
        Some(Quantity::new(Kind::Number, Some(value), Span::new(a.span.start, b.span.end), "ratio"))
    }
}

/// Where the second number starts after " over " at `end`.
fn over_end(text: &str, end: usize) -> Option<usize> {
    let start = skip_space(text, end);
    let (word_end, w) = (start > end).then(|| word_starting_at(text, start)).flatten()?;
    if !w.eq_ignore_ascii_case("over") {
        return None;
    }
    let start = skip_space(text, word_end);
    (start > word_end).then_some(start)
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
    fn fractions_read_aloud() {
        assert_eq!(
            render("The odds were one over four; the share is 1 over 12, or 3 over fifty."),
            [
                "number 0.25 - exact «one over four» ratio",
                "number 0.08333333333333333 - exact «1 over 12» ratio",
                "number 0.06 - exact «3 over fifty» ratio",
            ]
        );
        assert_eq!(render("minus two over 5"), ["number -0.4 - exact «minus two over 5» ratio"]);
        assert_eq!(render("4000 over 16"), ["number 250 - exact «4000 over 16» ratio"]);
        assert_eq!(render("2.5 over 10)"), ["number 0.25 - exact «2.5 over 10» ratio"]);
    }

    #[test]
    fn over_as_a_qualifier_or_a_comparison() {
        assert_eq!(
            render("Sales rose 5 over 3 years."),
            ["number 5 - exact «5» number.bare up", "duration 3 year more_than «over 3 years» unit.duration"]
        );
        assert_eq!(
            render("It rose 5.5 pct in 1986 over 1985, it said."),
            [
                "percent 5.5 percent exact «5.5 pct» unit.percent up",
                "year 1986 - exact «1986» year.cue",
                "year 1985 - exact «1985» year.bare",
            ]
        );
        assert_eq!(
            render("a rise of 3,400 over 1985."),
            ["number 3400 - exact «3,400» number.bare up", "year 1985 - exact «1985» year.bare"]
        );
        assert!(render("bought at $5 over 3.").iter().any(|q| q.contains("«$5»")));
        assert!(render("in 2019 over 3.").iter().all(|q| !q.ends_with(" ratio")));
        let r = render("3 over 5%, 3 over 5-year notes, 3 over 0.");
        assert!(r.iter().all(|q| !q.ends_with(" ratio")), "{r:?}");
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
