//! Rule family `range`: two numbers joined into one range.
//!
//! What it matches: `10-15%`, `10–15%`, `10 to 15 percent`, `between 5 and 10 km`,
//! `$3m-$5m`, `2.5 to 3 million vehicles`, `from 2025 to 2027`, `3-5 years`, `a 10- to 15-year
//! sentence`. The range has `low`
//! and `high` instead of `value`, the unit of the second half (a bare first half takes it, and its
//! scale word: `2.5 to 3 million` → 2500000..3000000, unless the first half is a thousand or
//! more and larger than the second with it: `500,000 to two mln` → 500000..2000000), and a span that includes `between` or
//! `from` when they introduce it. A word of approximation or a tilde may stand before the
//! second end (`between 2l and about 7l`, `2 - ~7 grams`); the range stays `exact` (only one end
//! is approximate).
//!
//! Scores are not ranges: two small integers joined by a hyphen where the second is not larger
//! (`3-1`, `2-2`) and no unit follows are dropped altogether.
//!
//! Why: "10-15%" is one claim with two bounds; reading it as 10 and 15% loses the meaning.
//!
//! Known problems: "rose from 5% to 8%" is a change between two levels, not a range: after a
//! change verb, `from … to …` is left as two quantities, and so is `by … to …` ("rise by one mln
//! tonnes to 6.3 mln tonnes"). Ranges of dates are not joined.
//!
//! A bare number joined by "and" or "or" (without "between") to a measure takes its unit and
//! stays a quantity of its own ([`share_unit`], rule `unit.shared`): `10 or 15 pct`, `three and
//! six-month bills`.
//!
//! A value with a margin (`2,000.45±0.01 pounds`) is the value ([`tolerance`]).
//!
//! Bounds joined by "and" or "but" are a range too ([`join_bounds`]): `more than 10 and less
//! than 40` → 10..40.
//!
//! Example: "between 5 and 10 km" → distance 5..10 km.

use super::number::Form;
use super::{Cx, Kind, Quantity, WordMap};
use crate::data;
use crate::text::{Span, word_before};

/// After a change verb, "A to B" is a range only when B is at most this many times A
/// ("rise 10 to 15 pct"); otherwise B is the level reached ("up 1-1/4 to 83-3/4").
const MAX_CHANGE_RANGE_RATIO: f64 = 5.0;

/// Words of approximation that may stand before the second end of a range: "between 2 l and
/// about 7 l".
const APPROX: &[&str] = &["about", "around", "approximately", "roughly"];

/// The outcome of trying to join a quantity with the next one.
pub enum Joined {
    /// The two form a range.
    Range(Quantity),
    /// The current quantity, re-read with the next one without joining them into a range: a
    /// bare number taking the next one's unit (`10 or 15 pct`), or a value with its margin
    /// (`5 ± 0.2 mm`).
    Shared(Quantity),
    /// The two are a score; nothing is reported up to this byte.
    Score(usize),
    /// No range.
    No,
}

/// The `range` rule family.
#[derive(Debug)]
pub struct RangeRule {
    change_verbs: WordMap<()>,
}

impl RangeRule {
    /// The rule (it reads the change verbs to leave "rose from 5% to 8%" alone).
    pub fn new() -> RangeRule {
        let change_verbs = WordMap::set(
            data::builtin_rows("change_words.tsv", data::CHANGE_WORDS)
                .filter(|r| r.get(2) == "before")
                .map(|r| r.get(0)),
        );
        RangeRule { change_verbs }
    }

    /// Joins `a` (decided for the current number) with the quantity of the next number when a
    /// range connector lies between them. `decide(index, floor)` decides another number.
    pub fn join(&self, cx: &Cx, a: &Quantity, decide: impl Fn(usize, usize) -> Option<Quantity>) -> Joined {
        if a.kind.is_temporal() && a.kind != Kind::Year || matches!(a.kind, Kind::Ordinal) {
            return Joined::No;
        }
        let text = cx.text;
        let Some(next_index) = (cx.index + 1 < cx.numbers.len()).then_some(cx.index + 1) else { return Joined::No };
        let next = &cx.numbers[next_index];
        let rest = &text[a.span.end..next.span.start.max(a.span.end)];
        let Some((connector, tight)) = connector(rest) else { return Joined::No };
        if connector == "±" {
            return tolerance(a, next_index, decide);
        }
        let prefix = word_before(text, a.span.start);
        if connector == "or" || connector == "and" && !prefix.is_some_and(|(_, w)| w.eq_ignore_ascii_case("between")) {
            return share_unit(cx, a, next_index, connector, tight, decide);
        }
        // "rose 257 mln dlrs to 221.53 billion dlrs" and "up 1-1/4 to 83-3/4 dlrs": a change,
        // then the level reached; "rise 10 to 15 pct" is a range of the change.
        let is_change_verb = |w: &str| self.change_verbs.contains_lower(w);
        // "rise 10 to 15 pct", and "rise by one mln tonnes to 6.3 mln": a change, then a level.
        let after_change_verb = connector == "to"
            && prefix.is_some_and(|(by_start, w)| {
                is_change_verb(w)
                    || w.eq_ignore_ascii_case("by")
                        && word_before(text, by_start).is_some_and(|(_, v)| is_change_verb(v))
            });
        if after_change_verb && a.kind != Kind::Number {
            return Joined::No;
        }
        let from = prefix.filter(|(_, w)| w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("between"));
        if let Some((from_start, w)) = from
            && w.eq_ignore_ascii_case("from")
            && word_before(text, from_start).is_some_and(|(_, v)| self.change_verbs.contains_lower(v))
        {
            return Joined::No;
        }
        let Some(b) = decide(next_index, a.span.end) else { return Joined::No };
        let first = cx.number();
        // Scores: "3-1", "2-2".
        if tight
            && connector == "-"
            && a.kind == Kind::Number
            && b.kind == Kind::Number
            && first.is_plain_integer()
            && next.is_plain_integer()
            && first.int_digits <= 2
            && next.int_digits <= 2
            && b.value <= a.value
        {
            return Joined::Score(b.span.end);
        }
        // The bare low end takes the scale word of the high end ("decline by 30 to 40 billion",
        // "from 3.450 to 1.350 billion"), unless it is a whole amount already, a thousand or more
        // that would pass the high end ("rise 500,000 to two mln barrels").
        let scale = match (first.scale, next.scale, a.value, next.value) {
            (None, Some(power), Some(low), Some(high)) if low < 1000.0 || low * 10f64.powi(power) <= high => {
                10f64.powi(power)
            }
            _ => 1.0,
        };
        if after_change_verb
            && let (Some(low), Some(high)) = (a.value.map(|v| v * scale), next.value)
            && !(low > 0.0 && high >= low && high <= low * MAX_CHANGE_RANGE_RATIO)
        {
            return Joined::No;
        }
        let compatible = match (a.kind, b.kind) {
            (Kind::Number, k) => !k.is_temporal() && k != Kind::Ordinal,
            (Kind::Year, Kind::Year) => true,
            (ka, kb) => ka == kb && a.unit == b.unit || rate_of(a, &b),
        };
        if !compatible || b.low.is_some() {
            return Joined::No;
        }
        let mut low = a.value;
        if a.kind == Kind::Number {
            // The bare first half takes the scale word of the second ("2.5 to 3 million") and
            // whatever its value was multiplied by ("0.25-0.50 cent" → dollars).
            low = low.map(|v| v * scale);
            if let (Some(b_value), Some(atom)) = (b.value, next.value)
                && atom != 0.0
                && b_value != atom
            {
                low = low.map(|v| v * (b_value / atom));
            }
        }
        // "1e400 to 5 km": a range needs both ends; a number too large for an f64 has no value.
        if !low.is_some_and(f64::is_finite) || !b.value.is_some_and(f64::is_finite) {
            return Joined::No;
        }
        // "1e300 to 3 billion": larger than the high end with or without its scale word.
        if first.scale.is_none() && next.scale.is_some() && scale == 1.0 && low > b.value {
            return Joined::No;
        }
        let start = match from {
            Some((s, _)) if s >= cx.floor => s,
            _ => a.span.start,
        };
        let mut range = Quantity::new(b.kind, None, Span::new(start, b.span.end), "range");
        range.low = low;
        range.high = b.value;
        range.unit = b.unit.clone();
        range.conversion = b.conversion;
        Joined::Range(range)
    }
}

/// True when `b` is a rate of `a`'s unit per unit of time ("between 1 GB and 30 GB a month":
/// the rate is said once, after the second end).
fn rate_of(a: &Quantity, b: &Quantity) -> bool {
    let (Some(unit), Some(rate)) = (a.unit.as_deref(), b.unit.as_deref()) else { return false };
    a.rule.starts_with("unit.")
        && rate.len() > unit.len()
        && rate.starts_with(unit)
        && rate[unit.len()..].starts_with('/')
}

/// Rule `unit.shared`: a bare number joined by "and" or "or" to a measure takes its unit —
/// `10 or 15 pct`, `12 or 18 months`, `45 and 50 mg` — as two quantities, not a range (without
/// "between", "15 and 18 pct" are two values, often "respectively"). Only for a unit from the
/// unit rule (not counted nouns or money), values within a factor of ten of each other ("the
/// 7,832,800 and 25.9 pct", "87 and 2.5 pct" name different things) and no scale word on either.
fn share_unit(
    cx: &Cx,
    a: &Quantity,
    next_index: usize,
    connector: &str,
    tight: bool,
    decide: impl Fn(usize, usize) -> Option<Quantity>,
) -> Joined {
    let (first, next) = (cx.number(), &cx.numbers[next_index]);
    if tight || a.kind != Kind::Number || a.low.is_some() || first.scale.is_some() || next.scale.is_some() {
        return Joined::No;
    }
    let (Some(x), Some(y)) = (a.value, next.value) else { return Joined::No };
    // "at eight and one year at 6-1/2 pct", "quoted at 9-3/4 5/8 and one year": a rate, then
    // a term of one year.
    if !(x > 0.0 && y > 0.0 && x.max(y) <= 10.0 * x.min(y)) || y == 1.0 && (x > 1.0 || first.fraction) {
        return Joined::No;
    }
    // "twenty and four hours" is the old way to say 24, not two spans.
    let words = first.form == Form::Words && next.form == Form::Words;
    if connector == "and" && words && x % 10.0 == 0.0 && (20.0..100.0).contains(&x) && y < 10.0 {
        return Joined::No;
    }
    // "aged 30-39 and 14%", "25/30 and 36 pct": the end of another expression.
    let bytes = cx.text.as_bytes();
    if matches!(bytes.get(first.span.start.wrapping_sub(1)), Some(b'-' | b'/')) {
        return Joined::No;
    }
    // "three and six-month bills" are terms; "from 6.28 and five-year yields" is a rate and a term.
    if bytes.get(next.span.end) == Some(&b'-') && x.fract() != 0.0 {
        return Joined::No;
    }
    let Some(b) = decide(next_index, a.span.end) else { return Joined::No };
    if !b.rule.starts_with("unit.") || b.low.is_some() || b.value != Some(y) {
        return Joined::No;
    }
    let mut shared = Quantity::new(b.kind, a.value, a.span, "unit.shared");
    shared.unit = b.unit;
    shared.conversion = b.conversion;
    Joined::Shared(shared)
}

/// Rule `range.tolerance`: a value with its margin, `2,000.45±0.01 pounds`, `9.8 +/- 0.2 mm`,
/// is the value, in the unit written after the margin (or after both). The margin itself is not
/// reported: a quantity has no field for it, and its two ends would state bounds the text only
/// implies.
fn tolerance(a: &Quantity, next_index: usize, decide: impl Fn(usize, usize) -> Option<Quantity>) -> Joined {
    let Some(b) = decide(next_index, a.span.end) else { return Joined::No };
    let same = a.kind == b.kind && a.unit == b.unit;
    if a.low.is_some() || b.low.is_some() || !(a.kind == Kind::Number && !b.kind.is_temporal() || same) {
        return Joined::No;
    }
    if b.kind == Kind::Ordinal || a.value.is_none() {
        return Joined::No;
    }
    let mut q = Quantity::new(b.kind, a.value, Span::new(a.span.start, b.span.end), "range.tolerance");
    q.unit = b.unit;
    q.conversion = b.conversion;
    q.minor = b.minor;
    Joined::Shared(q)
}

/// Rule `range.bounds`: a lower and an upper bound joined by "and" or "but" are one range —
/// `more than 10 and less than 40` → 10..40, `above 1000 and below 1500`, `at most 100 and at
/// least 20 apples` → 20..100 apples. Runs over the decided quantities (their qualifiers set),
/// in order. Bounds that leave nothing between them stay apart: `under 5 and over 65` is two
/// groups, not a range.
pub fn join_bounds(text: &str, out: &mut Vec<Quantity>) {
    let mut i = 0;
    while i + 1 < out.len() {
        if let Some(range) = bounds(text, &out[i], &out[i + 1]) {
            out[i] = range;
            out.remove(i + 1);
        }
        i += 1;
    }
}

/// The range that `a` and `b`, two bounds in this order, state together.
fn bounds(text: &str, a: &Quantity, b: &Quantity) -> Option<Quantity> {
    use super::Qualifier::{AtLeast, AtMost, LessThan, MoreThan};
    let lower = |q: &Quantity| matches!(q.qualifier, MoreThan | AtLeast);
    let upper = |q: &Quantity| matches!(q.qualifier, LessThan | AtMost);
    let (low, high) = match () {
        _ if lower(a) && upper(b) => (a, b),
        _ if upper(a) && lower(b) => (b, a),
        _ => return None,
    };
    let gap = text.get(a.span.end..b.span.start)?;
    let joined = gap.starts_with([' ', ',']) && gap.ends_with(' ') && {
        let word = gap.trim_matches([' ', ',']);
        word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("but")
    };
    if !joined || a.low.is_some() || b.low.is_some() {
        return None;
    }
    let measured = |q: &Quantity| !q.kind.is_temporal() && q.kind != Kind::Ordinal;
    let unit_of = match (a.kind, b.kind) {
        _ if !measured(a) || !measured(b) => return None,
        (ka, kb) if ka == kb && a.unit == b.unit => b,
        (Kind::Number, _) => b,
        (_, Kind::Number) => a,
        _ => return None,
    };
    let (l, h) = (low.value?, high.value?);
    if l >= h || l.is_nan() || h.is_nan() {
        return None;
    }
    let mut range = Quantity::new(unit_of.kind, None, Span::new(a.span.start, b.span.end), "range.bounds");
    range.low = Some(l);
    range.high = Some(h);
    range.unit = unit_of.unit.clone();
    range.conversion = unit_of.conversion;
    range.change = a.change;
    range.basis = a.basis;
    range.minor = unit_of.minor;
    Some(range)
}

/// The connector in the text between two numbers: `-`, `–`, `to`, `and`, `through`; with
/// whether it is written without spaces. A currency symbol may follow it (`$3m-$5m`).
fn connector(between: &str) -> Option<(&'static str, bool)> {
    // Every connector starts with `-`, `t`, `a`, `o`, `+` or `~`, or a character of more than a
    // byte (`–`, `±`), after white space: most texts between two numbers are decided here.
    let first = between.bytes().find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'));
    if first.is_none_or(|b| b.is_ascii() && !matches!(b, b'-' | b't' | b'a' | b'o' | b'+' | b'~')) {
        return None;
    }
    connector_read(between)
}

/// [`connector`] without its test of the first byte.
fn connector_read(between: &str) -> Option<(&'static str, bool)> {
    let trimmed = between.trim_end_matches(['$', '€', '£', '¥', 'U', 'S']);
    // "2 - ~7 litres", "between 2 l and about 7 l": the second end is approximate. After "to"
    // or a dash, "about" introduces the level reached ("rose by 110 mln dlrs to about 386 mln
    // dlrs", "March 4 - about 1,000 employees"), so it is read only after "and".
    let trimmed = match trimmed.trim_end().strip_suffix('~') {
        Some(rest) => rest,
        None if trimmed.len() < 24 && trimmed.starts_with(' ') && trimmed.ends_with(' ') => {
            let mut words = trimmed.split_ascii_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("and"), Some(w), None) if APPROX.iter().any(|a| w.eq_ignore_ascii_case(a)) => " and ",
                _ => trimmed,
            }
        }
        None => trimmed,
    };
    let tight = !trimmed.starts_with(char::is_whitespace) && !trimmed.ends_with(char::is_whitespace);
    let word = trimmed.trim();
    let connector = match word {
        "-" | "–" => "-",
        // "20~100": a tilde between two numbers, written tight.
        "" if between == "~" => "-",
        // "8- to 16-meter": the first half's hyphen waits for the unit of the second.
        "to" | "- to" | "– to" => "to",
        "and" => "and",
        "or" => "or",
        "±" | "+/-" | "+-" => "±",
        "through" => "through",
        _ => return None,
    };
    Some((connector, tight))
}

#[cfg(test)]
mod tests {
    use super::super::render;

    /// The test of the first byte lets every connector through: on random texts between two
    /// numbers, `connector` reads what the full reading reads.
    #[test]
    fn the_first_byte_keeps_every_connector() {
        let pieces = [
            " ", "  ", "\n", "\t", "\u{b}", "\u{a0}", "-", "–", "to", "and", "or", "about", "±", "+/-", "+", "~", "$",
            "€", "U", "S", "through", ",", "x",
        ];
        let mut found = 0;
        for between in crate::testing::random_texts(&pieces, 50_000, 6) {
            let expected = super::connector_read(&between);
            found += usize::from(expected.is_some());
            assert_eq!(super::connector(&between), expected, "{between:?}");
        }
        assert!(found > 1_000, "only {found} connectors");
    }

    #[test]
    fn ranges() {
        assert_eq!(
            render("10-15%, 10 to 15 percent, between 5 and 10 km, $3m-$5m, 3-5 years and from 2025 to 2027."),
            [
                "percent 10..15 percent exact «10-15%» range",
                "percent 10..15 percent exact «10 to 15 percent» range",
                "distance 5..10 km exact «between 5 and 10 km» range",
                "money 3000000..5000000 USD exact «$3m-$5m» range",
                "duration 3..5 year exact «3-5 years» range",
                "year 2025..2027 - exact «from 2025 to 2027» range",
            ]
        );
    }

    #[test]
    fn a_unit_after_the_second_end() {
        assert_eq!(
            render("from 2 to 7 l, 100 - 1000 l, 5 to 10 km and between 2l and about 7l"),
            [
                "volume 2..7 l exact «from 2 to 7 l» range",
                "volume 100..1000 l exact «100 - 1000 l» range",
                "distance 5..10 km exact «5 to 10 km» range",
                "volume 2..7 l exact «between 2l and about 7l» range",
            ]
        );
        assert_eq!(render("2 - ~7 grams"), ["mass 2..7 g exact «2 - ~7 grams» range"]);
        assert_eq!(render("about 20~100 apples"), ["count 20..100 apple approx «about 20~100 apples» range"]);
        // A spaced tilde or "about" alone is no connector; "to about" and "- about" are the level reached.
        assert_eq!(render("2 ~7 grams").len(), 2);
        assert_eq!(render("2 about 7 grams").len(), 2);
        assert_eq!(render("raise its reserve by 110 mln dlrs to about 386 mln dlrs").len(), 2);
        assert_eq!(
            render("La Paz, March 4 - about 1,000 employees")[1],
            "count 1000 employee approx «about 1,000 employees» count.noun"
        );
    }

    #[test]
    fn a_rate_said_after_the_second_end() {
        assert_eq!(
            render("between one gigabyte and 30 gigabytes a month"),
            ["data_rate 1..30 GB/month exact «between one gigabyte and 30 gigabytes a month» range"]
        );
        assert_eq!(
            render("from 2 tonnes to 5 tonnes a day")[0],
            "mass_flow 2..5 t/d exact «from 2 tonnes to 5 tonnes a day» range"
        );
    }

    #[test]
    fn a_bare_number_shares_the_unit_of_the_next() {
        assert_eq!(
            render("They were given 45 and 50 mg; it fell 10 or 15 pct over 12 or 18 months."),
            [
                "mass 45 mg exact «45» unit.shared",
                "mass 50 mg exact «50 mg» unit.measure",
                "percent 10 percent exact «10» unit.shared down",
                "percent 15 percent exact «15 pct» unit.percent",
                "duration 12 month more_than «over 12» unit.shared",
                "duration 18 month exact «18 months» unit.duration",
            ]
        );
        // Different things: far apart, a year, a counted noun, money, a comma.
        assert_eq!(render("output of 7,832,800 and 25.9 pct")[0], "number 7832800 - exact «7,832,800» number.bare");
        assert_eq!(render("in 1986 and 483.4 tonnes")[0], "year 1986 - exact «1986» year.cue");
        assert_eq!(render("2 and 3 cars")[0], "number 2 - exact «2» number.bare");
        assert_eq!(render("rose 1,229, or 54.5 pct")[0], "number 1229 - exact «1,229» number.bare up");
        assert_eq!(
            render("tomorrow-next at eight and one year at 6-1/2 pct")[0],
            "number 8 - exact «eight» number.bare"
        );
        assert_eq!(render("for twenty and four hours")[0], "number 20 - exact «twenty» number.bare");
        assert_eq!(render("quoted at 9-3/4 5/8 and one year")[1], "number 0.625 - exact «5/8» number.bare");
        assert_eq!(render("aged 30-39 and 14% of those")[1], "number 39 - exact «39» number.bare");
        assert_eq!(
            render("fell to 6.26 pct from 6.28 and five-year yields")[1],
            "number 6.28 - exact «6.28» number.bare"
        );
        assert_eq!(
            render("three and six-month bills"),
            ["duration 3 month exact «three» unit.shared", "duration 6 month exact «six-month» unit.duration"]
        );
    }

    #[test]
    fn a_value_with_its_margin() {
        assert_eq!(
            render("It weighs 2,000.45±0.01 pounds; 9.8 +/- 0.2 mm and 5 mm ± 0.2 mm"),
            [
                "mass 2000.45 lb exact «2,000.45±0.01 pounds» range.tolerance",
                "distance 9.8 mm exact «9.8 +/- 0.2 mm» range.tolerance",
                "distance 5 mm exact «5 mm ± 0.2 mm» range.tolerance",
            ]
        );
        assert_eq!(render("5 km ± 2 kg").len(), 2);
    }

    #[test]
    fn bounds_make_a_range() {
        assert_eq!(
            render("more than 10 and less than 40, above 1000 and below 1500 km, at most 100 and at least 20 apples"),
            [
                "number 10..40 - exact «more than 10 and less than 40» range.bounds",
                "distance 1000..1500 km exact «above 1000 and below 1500 km» range.bounds",
                "count 20..100 apple exact «at most 100 and at least 20 apples» range.bounds",
            ]
        );
        assert_eq!(
            render("greater than 30 and less than or equal to 40"),
            ["number 30..40 - exact «greater than 30 and less than or equal to 40» range.bounds"]
        );
    }

    #[test]
    fn bounds_that_exclude_each_other_stay_apart() {
        assert_eq!(
            render("children under 5 and over 65"),
            ["number 5 - less_than «under 5» number.bare", "number 65 - more_than «over 65» number.bare"]
        );
        assert_eq!(
            render("more than 40 and less than 10"),
            ["number 40 - more_than «more than 40» number.bare", "number 10 - less_than «less than 10» number.bare"]
        );
        assert_eq!(render("more than 10 people died and less than 40 were hurt").len(), 2);
    }

    #[test]
    fn a_suspended_hyphen_waits_for_the_unit() {
        assert_eq!(
            render("a 10- to 15-year sentence and an 8- to 16-meter telescope"),
            ["duration 10..15 year exact «10- to 15-year» range", "distance 8..16 m exact «8- to 16-meter» range"]
        );
    }

    #[test]
    fn scale_words_spread_to_the_low_end() {
        assert_eq!(
            render("2.5 to 3 million vehicles"),
            ["count 2500000..3000000 vehicle exact «2.5 to 3 million vehicles» range"]
        );
        // Not to a low end that is a whole amount already.
        assert_eq!(
            render("from 296,000 to 28.52 million users")[0],
            "count 296000..28520000 user exact «from 296,000 to 28.52 million users» range"
        );
        assert_eq!(render("called 25-50 cents higher"), ["money 0.25..0.5 USD exact «25-50 cents» range up"]);
    }

    #[test]
    fn an_end_without_a_value_makes_no_range() {
        assert_eq!(
            render("between 1e400 and 5 km"),
            ["number - - exact «1e400» number.bare", "distance 5 km exact «5 km» unit.distance"]
        );
        assert_eq!(render("1e300 to 3 billion cars")[1..], ["count 3000000000 car exact «3 billion cars» count.noun"]);
    }

    #[test]
    fn scores_and_changes_are_not_ranges() {
        assert!(render("a 3-1 win and a 2-2 draw").is_empty());
        assert_eq!(
            render("Its share rose from 5% to 8%."),
            ["percent 5 percent exact «5%» unit.percent", "percent 8 percent exact «8%» unit.percent"]
        );
        assert_eq!(render("sales should rise 10 to 15 pct"), ["percent 10..15 percent exact «10 to 15 pct» range up"]);
        assert_eq!(
            render("the deficit would decline by 30 to 40 billion dlrs"),
            ["money 30000000000..40000000000 USD exact «30 to 40 billion dlrs» range down"]
        );
        assert_eq!(render("the number rose by 23 to 784").len(), 2);
        assert_eq!(
            render("stocks could rise 500,000 to two mln barrels"),
            ["volume 500000..2000000 bbl exact «500,000 to two mln barrels» range up"]
        );
        assert_eq!(
            render("output will rise by one mln tonnes to 6.3 mln tonnes a year"),
            [
                "mass 1000000 t exact «one mln tonnes» unit.measure up",
                "mass_flow 6300000 t/year exact «6.3 mln tonnes a year» unit.measure"
            ]
        );
        assert_eq!(
            render("the stock was up 1-1/4 to 83-3/4 dlrs"),
            ["number 1.25 - exact «1-1/4» number.bare up", "money 83.75 USD exact «83-3/4 dlrs» money.suffix"]
        );
        assert_eq!(
            render("Assets rose 257 mln dlrs to 221.53 billion dlrs."),
            [
                "money 257000000 USD exact «257 mln dlrs» money.suffix up",
                "money 221530000000 USD exact «221.53 billion dlrs» money.suffix"
            ]
        );
    }
}
