//! Rule family `compound`: one measure written in several units.
//!
//! What it matches: a length, mass, volume or duration followed by a smaller unit of the same
//! kind, less than ten of the larger unit, with nothing, `and`, or (not for durations) a comma
//! between them: `5 feet 2 inches`, `7 feet, 10 inches`,
//! `2 km and 1 metre`, `10 kms 8 metres 6 cm`, `1 hour and fifteen seconds`, `2 hours 10`
//! (minutes implied after hours), `one hour and a half`. The result is one quantity in the smallest
//! unit written (`5 feet 2 inches` → 62 in), with the SI value of the whole.
//!
//! Why: "5 feet 2 inches" is one height; reading it as 5 ft and 2 in states two facts that are not
//! in the text.
//!
//! Durations that reach below a month count a year as 365 days and a month as 30 days, as
//! Recognizers-Text and Duckling do (`1 year 1 month 21 days` → 416 days): someone who writes
//! "1 year and 2 days" means a calendar year and two days, not 365.2425 days and two; between
//! calendar units a year is 12 months (`2 years, 3 months` → 27 months). The SI value of the
//! result is its value in the smallest unit times that unit's factor from `data/units.tsv`.
//!
//! Known problems: a list of measures of the same kind in decreasing units ("a 10 km road and a
//! 2 m wall") would be joined if only "and" separates them; the joined units must come from the
//! unit lexicon.
//!
//! Example: "2 km and 1 metre" → distance 2001 m.

use super::{Cx, Kind, Quantity};
use crate::text::{Span, skip_gap, word_starting_at};

/// The `compound` rule family.
#[derive(Debug)]
pub struct CompoundRule;

/// Kinds that are written in several units at once.
const KINDS: &[Kind] = &[Kind::Distance, Kind::Mass, Kind::Volume, Kind::Duration];

impl CompoundRule {
    /// Joins `q` with the smaller-unit measures that follow it. `decide(index, floor)` decides
    /// another number. Returns the joined quantity, or `None` when nothing follows.
    pub fn join(&self, cx: &Cx, q: &Quantity, decide: impl Fn(usize, usize) -> Option<Quantity>) -> Option<Quantity> {
        if !KINDS.contains(&q.kind) || q.low.is_some() {
            return None;
        }
        let text = cx.text;
        let mut joined = q.clone();
        let mut conversion = joined.conversion?;
        let mut si = conversion.apply(joined.value?)?;
        let mut index = cx.index;
        let mut any = false;
        let mut calendar = Calendar::default();
        calendar.add(joined.value, joined.unit.as_deref());
        loop {
            // A comma separates the parts of a length or a weight ("7 feet, 10 inches"); between
            // durations it separates items of a list ("20 years, 48 hours").
            let comma = joined.kind != Kind::Duration || next_calendar_unit(joined.unit.as_deref()).is_some();
            let p = after_separator(text, joined.span.end, comma);
            // "one hour and a half", "one hour and half".
            if joined.kind == Kind::Duration && !any && starts_half(text, joined.span.end) {
                let (half_end, _) = half_end(text, joined.span.end)?;
                joined.value = joined.value.map(|v| v + 0.5);
                joined.span.end = half_end;
                return Some(joined);
            }
            let Some(next) = cx.numbers[index + 1..].iter().position(|m| m.span.start >= p).map(|i| index + 1 + i)
            else {
                break;
            };
            if cx.numbers[next].span.start != p {
                break;
            }
            let part = decide(next, joined.span.end);
            // A comma between durations only joins the next calendar unit ("2 years, 3 months").
            let comma_used = text[joined.span.end..p].contains(',');
            if comma_used
                && joined.kind == Kind::Duration
                && part.as_ref().is_none_or(|q| q.unit.as_deref() != next_calendar_unit(joined.unit.as_deref()))
            {
                break;
            }
            // "12 ft 2 in": after feet, a spaced "in" is an inch.
            let part = match part {
                Some(q) if q.kind == Kind::Number && joined.unit.as_deref() == Some("ft") => {
                    inch_after(text, &q).or(Some(q))
                }
                other => other,
            };
            let part = match part {
                Some(part) if part.kind == joined.kind && part.low.is_none() => part,
                // "2 hours 10": minutes after hours; "1 minute 30": seconds after minutes.
                Some(part) if part.kind == Kind::Number && joined.kind == Kind::Duration => {
                    let (unit, factor) = match joined.unit.as_deref() {
                        Some("hour") => ("minute", 60.0),
                        Some("minute") => ("second", 1.0),
                        _ => break,
                    };
                    if part.value.is_none_or(|v| !(0.0..60.0).contains(&v)) {
                        break;
                    }
                    let mut implied = part.clone();
                    implied.kind = Kind::Duration;
                    implied.unit = Some(unit.into());
                    implied.conversion = Some(super::Conversion { factor, offset: 0.0, inverse: false, unit: "s" });
                    implied
                }
                _ => break,
            };
            let Some(part_conversion) = part.conversion else { break };
            if part_conversion.unit != conversion.unit || part_conversion.factor >= conversion.factor {
                break;
            }
            let Some(part_si) = part.value.and_then(|v| part_conversion.apply(v)) else { break };
            // The smaller part stays small against the larger unit ("2 yards 7 feet" is one length;
            // "2 km and 5,000 m" is not how anyone writes one).
            if part_si >= 10.0 * conversion.factor {
                break;
            }
            si += part_si;
            conversion = part_conversion;
            joined.value = Some(round(si / conversion.factor));
            if joined.kind == Kind::Duration {
                calendar.add(part.value, part.unit.as_deref());
                if let Some(v) = calendar.value_in(part.unit.as_deref()) {
                    joined.value = Some(round(v));
                }
            }
            joined.unit = part.unit.clone();
            joined.conversion = Some(conversion);
            joined.span = Span::new(joined.span.start, part.span.end);
            joined.rule = "compound";
            index = next;
            any = true;
        }
        any.then_some(joined)
    }
}

/// The parts of a duration summed in the nominal calendar: in seconds with a 365-day year and a
/// 30-day month, and in months while every part is a month or longer.
#[derive(Debug, Default)]
struct Calendar {
    /// Nominal seconds; `None` once a part has no nominal length.
    seconds: Option<f64>,
    /// Months; `None` once a part is shorter than a month.
    months: Option<f64>,
    /// True once a part was added.
    started: bool,
}

impl Calendar {
    fn add(&mut self, value: Option<f64>, unit: Option<&str>) {
        let first = !self.started;
        self.started = true;
        let value = value.unwrap_or(f64::NAN);
        let seconds = unit.and_then(nominal_seconds).map(|s| s * value);
        let months = unit.and_then(months_in).map(|m| m * value);
        self.seconds = if first { seconds } else { self.seconds.zip(seconds).map(|(a, b)| a + b) };
        self.months = if first { months } else { self.months.zip(months).map(|(a, b)| a + b) };
    }

    /// The sum in `unit`: in months when `unit` is counted in months, else in nominal seconds.
    fn value_in(&self, unit: Option<&str>) -> Option<f64> {
        let unit = unit?;
        match (months_in(unit), self.months) {
            (Some(per), Some(months)) => Some(months / per),
            _ => Some(self.seconds? / nominal_seconds(unit)?),
        }
        .filter(|v| v.is_finite())
    }
}

/// The nominal length of a unit of time (a factex duration unit id) in seconds: a 365-day year,
/// a 30-day month, a 90-day quarter — the suites' calendar, used to sum compound durations and by
/// the eval harness.
pub(crate) fn nominal_seconds(unit: &str) -> Option<f64> {
    const DAY: f64 = 86_400.0;
    Some(match unit {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3_600.0,
        "day" => DAY,
        "week" => 7.0 * DAY,
        "fortnight" => 14.0 * DAY,
        "month" => 30.0 * DAY,
        "quarter" => 90.0 * DAY,
        "year" => 365.0 * DAY,
        "decade" => 3_650.0 * DAY,
        "century" => 36_500.0 * DAY,
        _ => return None,
    })
}

/// How many months a calendar unit of a month or longer holds.
fn months_in(unit: &str) -> Option<f64> {
    Some(match unit {
        "month" => 1.0,
        "quarter" => 3.0,
        "year" => 12.0,
        "decade" => 120.0,
        "century" => 1_200.0,
        _ => return None,
    })
}

/// The calendar unit that follows `unit` in a written duration ("2 years, 3 months").
fn next_calendar_unit(unit: Option<&str>) -> Option<&'static str> {
    Some(match unit? {
        "year" => "month",
        "month" => "day",
        "week" => "day",
        "day" => "hour",
        "hour" => "minute",
        "minute" => "second",
        _ => return None,
    })
}

/// `q` as inches when " in" follows the bare number `q` ("12 ft 2 in").
fn inch_after(text: &str, q: &Quantity) -> Option<Quantity> {
    let p = skip_gap(text, q.span.end);
    let (end, word) = word_starting_at(text, p)?;
    if p == q.span.end || word != "in" {
        return None;
    }
    let mut inch = q.clone();
    inch.kind = Kind::Distance;
    inch.unit = Some("in".into());
    inch.conversion = super::unit_conversion("in");
    inch.span.end = end;
    Some(inch)
}

/// The position after ` and `, a plain gap, or (with `comma`) `, ` and `, and ` after `end`.
fn after_separator(text: &str, end: usize, comma: bool) -> usize {
    let mut p = end;
    if comma && text[p..].starts_with(',') {
        p += 1;
    }
    p = skip_gap(text, p);
    if let Some((and_end, word)) = word_starting_at(text, p)
        && word.eq_ignore_ascii_case("and")
    {
        p = skip_gap(text, and_end);
    }
    p
}

fn starts_half(text: &str, end: usize) -> bool {
    half_end(text, end).is_some()
}

/// The end of " and a half" / " and half" after `end`.
fn half_end(text: &str, end: usize) -> Option<(usize, ())> {
    let p = skip_gap(text, end);
    let (and_end, and) = word_starting_at(text, p)?;
    if !and.eq_ignore_ascii_case("and") {
        return None;
    }
    let mut p = skip_gap(text, and_end);
    if let Some((a_end, a)) = word_starting_at(text, p)
        && a.eq_ignore_ascii_case("a")
    {
        p = skip_gap(text, a_end);
    }
    let (half_end, half) = word_starting_at(text, p)?;
    half.eq_ignore_ascii_case("half").then_some((half_end, ()))
}

/// Rounds away the binary noise of unit arithmetic (62.00000000000001 → 62).
fn round(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    if (r - v).abs() <= v.abs() * 1e-12 + 1e-12 { r } else { v }
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn compounds() {
        assert_eq!(
            render("5 feet 2 inches, 7 feet, 10 inches and 2 km and 1 metre"),
            [
                "distance 62 in exact «5 feet 2 inches» compound",
                "distance 94 in exact «7 feet, 10 inches» compound",
                "distance 2001 m exact «2 km and 1 metre» compound",
            ]
        );
        assert_eq!(
            render("1 hour and fifteen seconds"),
            ["duration 3615 second exact «1 hour and fifteen seconds» compound"]
        );
        assert_eq!(render("2 hours 10"), ["duration 130 minute exact «2 hours 10» compound"]);
        assert_eq!(render("2 years, 3 months"), ["duration 27 month exact «2 years, 3 months» compound"]);
        assert_eq!(render("12 ft 2 in"), ["distance 146 in exact «12 ft 2 in» compound"]);
        // The nominal calendar: a 365-day year, a 30-day month, 12 months a year.
        assert_eq!(render("1 year 1 month 21 days"), ["duration 416 day exact «1 year 1 month 21 days» compound"]);
        assert_eq!(
            render("1 year 2 days 3 hours and 4 seconds"),
            ["duration 31719604 second exact «1 year 2 days 3 hours and 4 seconds» compound"]
        );
        assert_eq!(render("a year and two months"), ["duration 14 month exact «a year and two months» compound"]);
        assert_eq!(render("2 weeks and 3 days"), ["duration 17 day exact «2 weeks and 3 days» compound"]);
        assert_eq!(render("one hour and a half"), ["duration 1.5 hour exact «one hour and a half» unit.duration"]);
    }

    #[test]
    fn not_compounds() {
        assert_eq!(
            render("2 inches and 5 feet"),
            ["distance 2 in exact «2 inches» unit.distance", "distance 5 ft exact «5 feet» unit.distance"]
        );
        assert_eq!(
            render("5 km, 20%"),
            ["distance 5 km exact «5 km» unit.distance", "percent 20 percent exact «20%» unit.percent"]
        );
    }
}
