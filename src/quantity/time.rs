//! Rule family `time`: times of day are not quantities. Matching numbers are dropped.
//!
//! What it matches: a number followed by `am`, `pm`, `a.m.`, `p.m.` (glued or spaced) or
//! `o'clock` — hours, or hours and minutes with a dot (`10.38am`, `2.13 pm`) —, and a three- or four-digit number followed by a time zone (`1500 GMT`).
//! `10:30` is already skipped by the digit scanner.
//!
//! Why: "at 6pm" or "by 1500 GMT" place an event in the day; they are not amounts.
//!
//! Known problems: a time zone list is short (GMT, UTC, BST, CET, CEST, EST, EDT, PST, PDT,
//! JST, HKT, SGT, IST).
//!
//! Example: "trading closed at 4 p.m." → nothing.

use super::Cx;
use super::number::Number;

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
        let text = cx.text;
        if self.followed_by_meridiem(text, n) {
            return true;
        }
        // "from 3.30 to 5.30 p.m.": the first time of a span of times.
        let dotted = dotted_clock(&text[n.span.start..n.span.end]);
        if dotted
            && let Some(next) = cx.numbers.get(cx.index + 1)
            && dotted_clock(&text[next.span.start..next.span.end])
            && self.followed_by_meridiem(text, next)
        {
            let between = text[n.span.end..next.span.start].trim();
            return ["to", "-", "–", "and", "until", "till"].iter().any(|w| between.eq_ignore_ascii_case(w));
        }
        if !n.is_plain_integer() || n.int_digits > 4 {
            return false;
        }
        let after = &text[n.span.end..];
        let spaced = after.strip_prefix(' ').unwrap_or(after);
        // "o'clock" and the zones start with an `o`, a capital or the `l` of "local time".
        match spaced.as_bytes().first() {
            Some(b'o' | b'O') => is_word(spaced, "o'clock") || is_word(spaced, "o’clock"),
            Some(b'A'..=b'Z' | b'l') => {
                n.int_digits >= 3 && ZONES.iter().any(|z| spaced.starts_with(z) && is_word(spaced, z))
            }
            _ => false,
        }
    }

    /// True when `n` is hours (`6`) or hours and minutes with a dot, the British way (`10.38`),
    /// and `am`/`pm` follows, glued or after a space.
    fn followed_by_meridiem(&self, text: &str, n: &Number) -> bool {
        let after = &text[n.span.end..];
        let spaced = after.strip_prefix(' ').unwrap_or(after);
        // Most numbers are followed by something else: two bytes decide.
        if !matches!(spaced.as_bytes(), [b'a' | b'p' | b'A' | b'P', b'm' | b'M' | b'.', ..]) {
            return false;
        }
        if n.int_digits > 2 || !(n.is_plain_integer() || dotted_clock(&text[n.span.start..n.span.end])) {
            return false;
        }
        MERIDIEM.iter().any(|m| is_word(spaced, m))
    }
}

/// True when `s` starts with the word `w` (any case) not followed by a letter or digit.
fn is_word(s: &str, w: &str) -> bool {
    s.len() >= w.len()
        && s.is_char_boundary(w.len())
        && s[..w.len()].eq_ignore_ascii_case(w)
        && s[w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// True for `H.MM` or `HH.MM` with minutes below 60: `10.38`, `2.13` (not `2.5`, `10.75`).
fn dotted_clock(number: &str) -> bool {
    // One or two digits of hours, the dot and two of minutes: four or five bytes.
    if !(4..=5).contains(&number.len()) {
        return false;
    }
    let Some((hours, minutes)) = number.split_once('.') else { return false };
    (1..=2).contains(&hours.len())
        && hours.bytes().all(|b| b.is_ascii_digit())
        && minutes.len() == 2
        && minutes.as_bytes()[0].is_ascii_digit()
        && minutes.as_bytes()[0] <= b'5'
        && minutes.as_bytes()[1].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn dotted_clocks() {
        for (number, clock) in
            [("10.38", true), ("2.13", true), ("2.5", false), ("10.75", false), ("100.38", false), ("1.234", false)]
        {
            assert_eq!(super::dotted_clock(number), clock, "{number}");
        }
    }

    #[test]
    fn times_of_day_are_dropped() {
        for text in ["at 6pm", "at 6 p.m. sharp", "10:30 a.m.", "by 1500 GMT", "at 9 o'clock", "at 10 AM"] {
            assert!(render(text).is_empty(), "{text}: {:?}", render(text));
        }
        assert_eq!(render("6 plants"), ["count 6 plant exact «6 plants» count.noun"]);
        assert!(render("I arrived at 2.13 am, he at 10.38pm.").is_empty());
        assert!(render("open from 3.30 to 5.30 P.M.").is_empty());
        // Not minutes: a decimal before "am" that is no time is kept.
        assert_eq!(render("at 2.75 pm"), ["number 2.75 - exact «2.75» number.bare"]);
    }
}
