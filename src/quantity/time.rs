//! Rule family `time`: times of day are not quantities. Matching numbers are dropped.
//!
//! What it matches: a number followed by `am`, `pm`, `a.m.`, `p.m.` (glued or spaced) or
//! `o'clock`, and a three- or four-digit number followed by a time zone (`1500 GMT`).
//! `10:30` is already skipped by the digit scanner.
//!
//! Why: "at 6pm" or "by 1500 GMT" place an event in the day; they are not amounts.
//!
//! Known problems: a time zone list is short (GMT, UTC, BST, CET, CEST, EST, EDT, PST, PDT,
//! JST, HKT, SGT, IST).
//!
//! Example: "trading closed at 4 p.m." → nothing.

use super::Cx;

const MERIDIEM: &[&str] = &["a.m.", "p.m.", "a.m", "p.m", "am", "pm"];
const ZONES: &[&str] =
    &["GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "PST", "PDT", "JST", "HKT", "SGT", "IST", "local time"];

/// The `time` rule family.
#[derive(Debug)]
pub struct TimeRule;

impl TimeRule {
    /// The rule.
    pub fn new() -> TimeRule {
        TimeRule
    }

    /// True when the current number is a time of day.
    pub fn is_time(&self, cx: &Cx) -> bool {
        let n = cx.number();
        if !n.is_plain_integer() || n.int_digits > 4 {
            return false;
        }
        let text = cx.text;
        let after = &text[n.span.end..];
        let spaced = after.strip_prefix(' ').unwrap_or(after);
        let is_word = |s: &str, w: &str| {
            s.len() >= w.len()
                && s.is_char_boundary(w.len())
                && s[..w.len()].eq_ignore_ascii_case(w)
                && s[w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        };
        if MERIDIEM.iter().any(|m| is_word(spaced, m)) && n.int_digits <= 2 {
            return true;
        }
        if is_word(spaced, "o'clock") || is_word(spaced, "o’clock") {
            return true;
        }
        n.int_digits >= 3 && ZONES.iter().any(|z| spaced.starts_with(z) && is_word(spaced, z))
    }
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn times_of_day_are_dropped() {
        for text in ["at 6pm", "at 6 p.m. sharp", "10:30 a.m.", "by 1500 GMT", "at 9 o'clock", "at 10 AM"] {
            assert!(render(text).is_empty(), "{text}: {:?}", render(text));
        }
        assert_eq!(render("6 plants"), ["count 6 plant exact «6 plants» count.noun"]);
    }
}
