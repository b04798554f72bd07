//! Rule family `period`: quarters, halves, fiscal years, split years and decades.
//!
//! What it matches (kind `period` unless noted, with an ISO-like string in `period`):
//! - `period.token`: `Q3`, `Q3 2024`, `2024 Q3`, `3Q`, `H1 2025`, `FY2025`, `FY25`, `FY 2025` →
//!   `Q3`, `2024-Q3`, `2025-H1`, `FY2025`;
//! - `period.ordinal`: `the third quarter`, `third-quarter`, `first half of 2025`,
//!   `fourth quarter of fiscal 2025` → `Q3`, `2025-H1`, `FY2025-Q4`;
//! - `period.fiscal`: `fiscal 2025`, `fiscal year 2025` → `FY2025`;
//! - `period.split_year`: `2024/25`, `2024-25`, `1986/87` (consecutive years) → `2024/2025`;
//! - `period.decade` (kind `decade`, value the first year): `the 1990s`, `1990's`, `the '90s`
//!   → `1990/1999`.
//!
//! Why: results and targets are stated per quarter and fiscal year; a claim needs that time.
//!
//! Known problems: two-digit decades without apostrophe ("the 90s") are read only after `the`,
//! `early`, `mid`, `late`; `'20s` is the 2020s, `'30s` to `'90s` the 1900s.
//!
//! Example: "third-quarter deliveries" → period Q3; "in Q3 2024" → period 2024-Q3.

#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex::Regex;

use super::number::Form;
use super::{Cx, Kind, Quantity};
use crate::text::{Span, boundary_after, is_word_byte, skip_gap, skip_space_back, word_ending_at, word_starting_at};

/// What a period token is (the tests check `token_at` against it on random texts).
#[cfg(test)]
pub(super) static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Q[1-4]|H[12]|[1-4]Q|FY ?'?[0-9]{2}(?:[0-9]{2})?)(?-u:\b)").expect("period pattern compiles")
});

/// The end of the period token (`Q3`, `H1`, `3Q`, `FY2025`, `FY 25`, `FY'25`) that starts at
/// `start`, as `TOKEN` matches it there: the text after it must not continue a word.
///
/// Inlined as far as its first test, the token's first two bytes, which nearly every word fails.
#[inline]
pub(super) fn token_at(bytes: &[u8], start: usize) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    match (at(start), at(start + 1)) {
        (b'Q', b'1'..=b'4') | (b'H', b'1' | b'2') | (b'1'..=b'4', b'Q') | (b'F', b'Y') => token_end(bytes, start),
        _ => None,
    }
}

/// [`token_at`] past its first two bytes, which begin a token.
#[inline(never)]
fn token_end(bytes: &[u8], start: usize) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let ends = |end: usize| (!is_word_byte(at(end))).then_some(end);
    if at(start) != b'F' {
        return ends(start + 2);
    }
    // `FY`, then a space or an apostrophe, and two or four digits.
    let mut p = start + 2;
    p += usize::from(at(p) == b' ');
    p += usize::from(at(p) == b'\'');
    if !(at(p).is_ascii_digit() && at(p + 1).is_ascii_digit()) {
        return None;
    }
    // Four digits if they end the word, else two.
    if at(p + 2).is_ascii_digit() && at(p + 3).is_ascii_digit() && !is_word_byte(at(p + 4)) {
        return Some(p + 4);
    }
    ends(p + 2)
}

/// The `period` rule family.
#[derive(Debug)]
pub struct PeriodRule;

impl PeriodRule {
    /// The rule.
    pub fn new() -> PeriodRule {
        PeriodRule
    }

    /// Period tokens (`Q3 2024`, `FY2025`, `3Q`, found by `token.rs`), with an adjacent year,
    /// appended to `out` (what it holds is left as it is).
    pub fn scan_tokens_into(&self, text: &str, found: &[(usize, usize)], out: &mut Vec<Quantity>) {
        let from = out.len();
        for &(start, end) in found {
            let token = &text[start..end];
            let mut span = Span::new(start, end);
            let label = if let Some(fy) = token.strip_prefix("FY") {
                let digits: String = fy.chars().filter(char::is_ascii_digit).collect();
                let year = if digits.len() == 2 { format!("20{digits}") } else { digits };
                format!("FY{year}")
            } else {
                let (letter, digit) =
                    if token.starts_with(['Q', 'H']) { (&token[..1], &token[1..]) } else { (&token[1..], &token[..1]) };
                let label = format!("{letter}{digit}");
                match adjacent_year(text, span) {
                    Some((year, joined)) => {
                        span = joined;
                        format!("{year}-{label}")
                    }
                    None => label,
                }
            };
            if out[from..].last().is_some_and(|q| q.span.end > span.start) {
                continue;
            }
            out.push(period(label, span, "period.token"));
        }
    }

    /// Decades, fiscal years and split years on a cardinal number.
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        self.decade(cx).or_else(|| self.fiscal(cx)).or_else(|| self.split_year(cx))
    }

    /// `the third quarter`, `first-half`, `fourth quarter of 2024`.
    pub fn apply_ordinal(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        let value = n.value? as u32;
        let word_start = if text[n.span.end..].starts_with('-') { n.span.end + 1 } else { skip_gap(text, n.span.end) };
        if word_start == n.span.end {
            return None;
        }
        let (word_end, word) = word_starting_at(text, word_start)?;
        let letter = match word.to_ascii_lowercase().as_str() {
            "quarter" if (1..=4).contains(&value) => 'Q',
            "half" if (1..=2).contains(&value) => 'H',
            _ => return None,
        };
        let label = format!("{letter}{value}");
        let (label, end) = match year_after_period(cx, word_end) {
            Some((year, end)) => (format!("{year}-{label}"), end),
            None => (label, word_end),
        };
        Some(period(label, Span::new(n.span.start, end), "period.ordinal"))
    }

    fn decade(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        if !n.is_plain_integer() || !n.glued {
            return None;
        }
        let end = n.span.end;
        let suffix_len = if text[end..].starts_with("'s") || text[end..].starts_with("’s") {
            text[end..].find('s')? + 1
        } else if text[end..].starts_with('s') {
            1
        } else {
            return None;
        };
        if !boundary_after(text, end + suffix_len) {
            return None;
        }
        let value = n.value? as u32;
        let first_year = match n.int_digits {
            4 if value.is_multiple_of(10) && (1000..3000).contains(&value) => value,
            2 if value.is_multiple_of(10) => {
                let before = &text[..n.span.start];
                let apostrophe = before.ends_with(['\'', '’']);
                let cue = word_ending_at(text, skip_space_back(text, n.span.start))
                    .is_some_and(|(_, w)| matches!(w.to_ascii_lowercase().as_str(), "the" | "early" | "mid" | "late"));
                if !(apostrophe || cue) {
                    return None;
                }
                if value < 30 { 2000 + value } else { 1900 + value }
            }
            _ => return None,
        };
        let start = if n.int_digits == 2 && text[..n.span.start].ends_with(['\'', '’']) {
            n.span.start - text[..n.span.start].chars().next_back()?.len_utf8()
        } else {
            n.span.start
        };
        let mut q = Quantity::new(
            Kind::Decade,
            Some(f64::from(first_year)),
            Span::new(start, end + suffix_len),
            "period.decade",
        );
        q.period = Some(format!("{first_year}/{}", first_year + 9));
        Some(q)
    }

    fn fiscal(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        if !n.is_year_shaped() || n.glued {
            return None;
        }
        let text = cx.text;
        let (start, word) = word_ending_at(text, skip_space_back(text, n.span.start))?;
        let start = if word.eq_ignore_ascii_case("year") {
            let (s, w) = word_ending_at(text, skip_space_back(text, start))?;
            if !w.eq_ignore_ascii_case("fiscal") {
                return None;
            }
            s
        } else if word.eq_ignore_ascii_case("fiscal") {
            start
        } else {
            return None;
        };
        if start < cx.floor {
            return None;
        }
        let year = n.value? as u32;
        Some(period(format!("FY{year}"), Span::new(start, n.span.end), "period.fiscal"))
    }

    fn split_year(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        if !n.is_year_shaped() {
            return None;
        }
        let text = cx.text;
        let sep = text.as_bytes().get(n.span.end).copied()?;
        if !(sep == b'/' || sep == b'-') {
            return None;
        }
        let next = cx.numbers.get(cx.index + 1)?;
        if next.span.start != n.span.end + 1 || !next.is_plain_integer() || next.glued {
            return None;
        }
        let first = n.value? as u32;
        let second = next.value? as u32;
        let consecutive = match next.int_digits {
            2 => second == (first + 1) % 100,
            4 => second == first + 1,
            _ => false,
        };
        if !consecutive {
            return None;
        }
        Some(period(format!("{first}/{}", first + 1), Span::new(n.span.start, next.span.end), "period.split_year"))
    }
}

fn period(label: String, span: Span, rule: &'static str) -> Quantity {
    let mut q = Quantity::new(Kind::Period, None, span, rule);
    q.period = Some(label);
    q
}

/// A year written right after a period token (`Q3 2024`) or right before it (`2024 Q3`).
fn adjacent_year(text: &str, token: Span) -> Option<(String, Span)> {
    let after = skip_gap(text, token.end);
    if after > token.end && is_year_at(text, after) {
        return Some((text[after..after + 4].to_owned(), Span::new(token.start, after + 4)));
    }
    let before = skip_space_back(text, token.start);
    if before < token.start && before >= 4 && is_year_at(text, before - 4) {
        return Some((text[before - 4..before].to_owned(), Span::new(before - 4, token.end)));
    }
    None
}

/// True when four digits between 1900 and 2199 stand alone at `pos`.
fn is_year_at(text: &str, pos: usize) -> bool {
    let Some(digits) = text.get(pos..pos + 4) else { return false };
    digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&digits[..2], "19" | "20" | "21")
        && crate::text::boundary_before(text, pos)
        && boundary_after(text, pos + 4)
}

/// A year after a quarter or half: ` 2024`, ` of 2024`, ` of fiscal 2025`. Returns the year label
/// (`2024` or `FY2025`) and the end.
fn year_after_period(cx: &Cx, end: usize) -> Option<(String, usize)> {
    let text = cx.text;
    let mut p = skip_gap(text, end);
    if p == end {
        return None;
    }
    if let Some((of_end, "of")) = word_starting_at(text, p) {
        p = skip_gap(text, of_end);
    }
    let mut fiscal = false;
    if let Some((w_end, w)) = word_starting_at(text, p)
        && w.eq_ignore_ascii_case("fiscal")
    {
        fiscal = true;
        p = skip_gap(text, w_end);
    }
    let year = cx.numbers[cx.index + 1..].iter().find(|m| m.span.start >= p)?;
    if year.span.start != p || !year.is_year_shaped() || year.glued || year.form != Form::Digits {
        return None;
    }
    let value = year.value? as u32;
    Some((if fiscal { format!("FY{value}") } else { value.to_string() }, year.span.end))
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn tokens() {
        assert_eq!(
            render("In Q3 2024 and 2025 Q1, H1 2025, FY2025, FY25 and 3Q."),
            [
                "period 2024-Q3 - exact «Q3 2024» period.token",
                "period 2025-Q1 - exact «2025 Q1» period.token",
                "period 2025-H1 - exact «H1 2025» period.token",
                "period FY2025 - exact «FY2025» period.token",
                "period FY2025 - exact «FY25» period.token",
                "period Q3 - exact «3Q» period.token",
            ]
        );
    }

    #[test]
    fn ordinal_quarters_and_halves() {
        assert_eq!(
            render("in the second\nhalf of 1986"),
            ["period 1986-H2 - exact «second\nhalf of 1986» period.ordinal"]
        );
        assert_eq!(
            render("third-quarter profit, the first half of 2025 and the fourth quarter of fiscal 2025"),
            [
                "period Q3 - exact «third-quarter» period.ordinal",
                "period 2025-H1 - exact «first half of 2025» period.ordinal",
                "period FY2025-Q4 - exact «fourth quarter of fiscal 2025» period.ordinal",
            ]
        );
    }

    #[test]
    fn fiscal_split_years_and_decades() {
        assert_eq!(
            render("in fiscal 2025, the 2024/25 season, the 1986/87 crop, the 1990s and the '80s"),
            [
                "period FY2025 - exact «fiscal 2025» period.fiscal",
                "period 2024/2025 - exact «2024/25» period.split_year",
                "period 1986/1987 - exact «1986/87» period.split_year",
                "decade 1990/1999 - exact «1990s» period.decade",
                "decade 1980/1989 - exact «'80s» period.decade",
            ]
        );
    }
}
