//! Rule family `date`: calendar dates written with a month name (`data/months.tsv`).
//!
//! What it matches:
//! - `date.month_day`: `February 5`, `Feb. 5`, `Feb 26`, `September 30, 2025`, `March 3rd`;
//! - `date.day_month`: `5 February 2024`, `3 April`, `5th of May`;
//! - `date.month_year`: `March 2026`;
//! - `date.numeric`: `2024-02-05` (ISO), `04/09/87`, `15/03/2024`;
//! - `date.month`: a month alone after a time word: `in March`, `since October`, `mid-June`,
//!   `last December` → `--03`, `--10`, …
//!
//! The result carries an ISO 8601 string in `date`: `2025-09-30`, `--02-05` (no year given),
//! `2026-03`; a day that does not exist in the month (`February 30`) is not a date.
//!
//! Why: the month name is what makes "5" or "2026" a date; anchoring on it keeps bare numbers
//! out.
//!
//! Known problems: month names are matched as written or in capitals, so a lowercase "may 5" is
//! missed (on purpose: "may" is a verb). A numeric date whose first two parts could both be the
//! month (`04/09/87`) is read month first, as US wire copy writes it; a first part above 12 makes
//! it day first (`15/03/2024`). Two-digit years below 50 are 20xx, others 19xx.

#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex::Regex;

use super::number::{Form, Number};
use super::{Cx, Kind, Quantity, WordMap};
use crate::data;
use crate::text::{Span, is_word_byte, skip_gap, skip_space_back, word_ending_at, word_starting_at};

/// The `date` rule family.
#[derive(Debug)]
pub struct DateRule {
    /// The month names as written and in capitals. Its filters of first and last bytes reject
    /// most words next to a number before they are delimited, and its filter of shapes most of
    /// the others without a hash lookup.
    months: WordMap<u8>,
}

impl DateRule {
    /// The rule with the built-in month names.
    pub fn new() -> DateRule {
        let months = data::builtin_rows("months.tsv", data::MONTHS).flat_map(|row| {
            let month: u8 = row.get(1).parse().unwrap_or_else(|_| panic!("data/months.tsv:{}: bad month", row.line));
            [(row.get(0).to_owned(), month), (row.get(0).to_ascii_uppercase(), month)]
        });
        DateRule { months: WordMap::new(months) }
    }

    /// The month a word names, as written or in capitals.
    pub fn month(&self, word: &str) -> Option<u8> {
        self.months.get(word).copied()
    }

    /// A date built around the current number, if a month name is next to it.
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        self.month_first(cx).or_else(|| self.day_first(cx))
    }

    /// `February 5`, `Feb. 5, 2024`, `March 2026`.
    fn month_first(&self, cx: &Cx) -> Option<Quantity> {
        let text = cx.text;
        let n = cx.number();
        // Only a day or a year goes with a month (most numbers are neither).
        if day(n).is_none() && year_value(n).is_none() {
            return None;
        }
        let mut p = skip_space_back(text, n.span.start);
        if p == n.span.start {
            return None;
        }
        let gap = p..n.span.start;
        let abbreviated = text[..p].ends_with('.');
        if abbreviated {
            p -= 1;
        }
        // Most words before a number end in no month's last two letters.
        if !self.months.may_end_at(text.as_bytes(), p) {
            return None;
        }
        let (start, word) = word_ending_at(text, p)?;
        if start < cx.floor || (abbreviated && word.len() > 4) {
            return None;
        }
        // A paragraph break between the month and the number (looked for only after a month).
        let month = self.month(word)?;
        if text[gap].contains("\n\n") {
            return None;
        }
        if let Some((end, day)) = day(n) {
            if !valid_day(month, day) {
                return None;
            }
            if let Some((year_end, year)) = year_after(cx, end) {
                let date = iso(Some(year.into()), month, Some(day));
                return Some(date_quantity(date, Span::new(start, year_end), "date.month_day"));
            }
            return Some(date_quantity(iso(None, month, Some(day)), Span::new(start, end), "date.month_day"));
        }
        let year = year_value(n)?;
        Some(date_quantity(iso(Some(year.into()), month, None), Span::new(start, n.span.end), "date.month_year"))
    }

    /// `5 February 2024`, `3 April`, `5th of May`.
    fn day_first(&self, cx: &Cx) -> Option<Quantity> {
        let text = cx.text;
        let n = cx.number();
        let (day_end, day) = day(n)?;
        let mut p = skip_gap(text, day_end);
        if p == day_end {
            return None;
        }
        // A month or "of" comes next: its first bytes say whether one may.
        if text.as_bytes().get(p) == Some(&b'o')
            && let Some((of_end, "of")) = word_starting_at(text, p)
        {
            p = skip_gap(text, of_end);
        }
        if !self.months.may_start_at(text.as_bytes(), p) {
            return None;
        }
        let (month_end, word) = word_starting_at(text, p)?;
        let month = self.month(word)?;
        let month_end = if word.len() <= 4 && text[month_end..].starts_with('.') { month_end + 1 } else { month_end };
        if !valid_day(month, day) {
            return None;
        }
        if let Some((year_end, year)) = year_after(cx, month_end) {
            let date = iso(Some(year.into()), month, Some(day));
            return Some(date_quantity(date, Span::new(n.span.start, year_end), "date.day_month"));
        }
        let date = iso(None, month, Some(day));
        Some(date_quantity(date, Span::new(n.span.start, month_end), "date.day_month"))
    }
}

// What the token finders find (`iso_date_at`, `slashed_date_at`, `month_at`): the tests check
// them against these patterns on random texts.
#[cfg(test)]
pub(super) static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[12][0-9]{3}-[01][0-9]-[0-3][0-9](?-u:\b)").expect("ISO date pattern compiles")
});

#[cfg(test)]
pub(super) static SLASHED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})(?-u:\b)").expect("slashed date pattern compiles")
});

#[cfg(test)]
pub(super) static MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)",
    )
    .expect("month pattern compiles")
});

/// The end of an ISO date (`2024-02-05`: `[12]` and three digits, `-`, `[01]` and a digit, `-`,
/// `[0-3]` and a digit) starting at `start` and not continued by a word.
///
/// Inlined as far as its first test, which most numbers fail: no dash in their fifth byte.
#[inline]
pub(super) fn iso_date_at(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start + 4) != Some(&b'-') {
        return None;
    }
    iso_date_end(bytes, start)
}

/// [`iso_date_at`] past its first test.
#[inline(never)]
fn iso_date_end(bytes: &[u8], start: usize) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let digit = |i: usize| at(i).is_ascii_digit();
    let shape = matches!(at(start), b'1' | b'2')
        && (1..4).all(|i| digit(start + i))
        && at(start + 4) == b'-'
        && matches!(at(start + 5), b'0' | b'1')
        && digit(start + 6)
        && at(start + 7) == b'-'
        && matches!(at(start + 8), b'0'..=b'3')
        && digit(start + 9);
    (shape && !is_word_byte(at(start + 10))).then_some(start + 10)
}

/// The end of a slashed date (`04/09/87`, `5/17/2018`: one or two digits, `/`, one or two
/// digits, `/`, four or two digits) starting at `start` and not continued by a word.
///
/// Inlined as far as its first test, which most numbers fail: no slash in their second or third
/// byte.
#[inline]
pub(super) fn slashed_date_at(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start + 1) != Some(&b'/') && bytes.get(start + 2) != Some(&b'/') {
        return None;
    }
    slashed_date_end(bytes, start)
}

/// [`slashed_date_at`] past its first test.
#[inline(never)]
fn slashed_date_end(bytes: &[u8], start: usize) -> Option<usize> {
    let run = |from: usize| bytes.get(from..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count());
    let first = run(start);
    let slash = start + first;
    if !(1..=2).contains(&first) || bytes.get(slash) != Some(&b'/') {
        return None;
    }
    let second = run(slash + 1);
    let slash = slash + 1 + second;
    if !(1..=2).contains(&second) || bytes.get(slash) != Some(&b'/') {
        return None;
    }
    let year = run(slash + 1);
    let end = slash + 1 + year;
    (matches!(year, 2 | 4) && bytes.get(end).is_none_or(|&b| !is_word_byte(b))).then_some(end)
}

/// The month (0-11) whose name starts at `start`, and the name's end, when no word continues it.
#[inline]
pub(super) fn month_at(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let rest = &bytes[start..];
    rest.get(..2)?;
    // Only the months with the word's first letter are compared, in their order, and each
    // whole only after its second letter.
    let mut months = MONTHS_BY_FIRST[usize::from(rest[0])];
    let month = loop {
        if months == 0 {
            return None;
        }
        let month = months.trailing_zeros() as usize;
        let name = MONTHS[month].as_bytes();
        if name[1] == rest[1] && rest.starts_with(name) {
            break month;
        }
        months &= months - 1;
    };
    let end = start + MONTHS[month].len();
    bytes.get(end).is_none_or(|&b| !is_word_byte(b)).then_some((month, end))
}

/// Words before a month alone that make it a time ("in March", "end of June"), with a capital
/// or a lower-case first letter.
const MONTH_CUES: &[&str] =
    &["in", "during", "since", "until", "by", "from", "through", "for", "last", "this", "next", "early", "late", "mid"];

/// True when a cue word ends at `end`, separated from the month by spaces or hyphens.
fn month_cue_before(text: &str, month_start: usize) -> bool {
    let bytes = text.as_bytes();
    let mut p = month_start;
    while p > 0 && matches!(bytes[p - 1], b' ' | b'-') {
        p -= 1;
    }
    if p == month_start {
        return false;
    }
    let Some((start, word)) = crate::text::word_ending_at(text, p) else { return false };
    // The word with its first letter in lowercase is a cue, compared in place rather than in a
    // lowercased copy (a string made for every month name).
    let (first, rest) = word.as_bytes().split_at(1);
    let is = |cue: &str| {
        cue.len() == word.len() && cue.as_bytes()[0] == first[0].to_ascii_lowercase() && &cue.as_bytes()[1..] == rest
    };
    if is("of") {
        let before = &text[..start];
        return (before.ends_with("End ") || before.ends_with("end "))
            && crate::text::boundary_before(text, start - "end ".len());
    }
    MONTH_CUES.iter().any(|cue| is(cue))
}

/// Dates that are not read number by number, found before the number atoms (by `token.rs`):
/// numeric dates (`2024-02-05`, `04/09/87`) and months alone (`in March`).
#[cfg(test)]
fn scan_tokens(text: &str, found: &super::token::Tokens) -> Vec<Quantity> {
    let mut out = Vec::new();
    scan_tokens_into(text, found, &mut out);
    out
}

/// As `scan_tokens`, appended to `out` (what it holds is left as it is).
pub fn scan_tokens_into(text: &str, found: &super::token::Tokens, out: &mut Vec<Quantity>) {
    let from = out.len();
    scan_numeric_into(text, found, out);
    for &(month_start, end, month) in &found.months {
        if !month_cue_before(text, month_start) {
            continue;
        }
        // "March 2026" and "March 5" belong to the number-anchored rules.
        let after = crate::text::skip_gap(text, end);
        if after > end && text[after..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        out.push(date_quantity(iso(None, month as u8 + 1, None), Span::new(month_start, end), "date.month"));
    }
    out[from..].sort_by_key(|q| q.span.start);
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The months (bit `i` for `MONTHS[i]`) by their first byte.
const MONTHS_BY_FIRST: [u16; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < MONTHS.len() {
        table[MONTHS[i].as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// Numeric dates (`2024-02-05`, `04/09/87`).
#[cfg(test)]
fn scan_numeric(text: &str, found: &super::token::Tokens) -> Vec<Quantity> {
    let mut out = Vec::new();
    scan_numeric_into(text, found, &mut out);
    out
}

/// As `scan_numeric`, appended to `out`.
fn scan_numeric_into(text: &str, found: &super::token::Tokens, out: &mut Vec<Quantity>) {
    let from = out.len();
    for &(start, end) in found.iso_dates.iter().chain(&found.slashed_dates) {
        // Not part of a longer slashed or dashed run ("1/2/3/4", "2024-02-05-01").
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_some_and(|c| matches!(c, '/' | '-' | '.')) || after.is_some_and(|c| matches!(c, '/' | '-')) {
            continue;
        }
        if let Some(date) = numeric_date(&text[start..end]) {
            out.push(date_quantity(date, Span::new(start, end), "date.numeric"));
        }
    }
    out[from..].sort_by_key(|q| q.span.start);
}

/// The ISO date of a numeric date, when valid.
fn numeric_date(s: &str) -> Option<String> {
    let (year, month, day) = if s.contains('-') {
        let mut parts = s.split('-').map(|p| p.parse::<u32>().ok());
        (parts.next()??, parts.next()??, parts.next()??)
    } else {
        let mut parts = s.split('/');
        let a: u32 = parts.next()?.parse().ok()?;
        let b: u32 = parts.next()?.parse().ok()?;
        let y = parts.next()?;
        let year: u32 = y.parse().ok()?;
        let year = match y.len() {
            2 if year < 50 => 2000 + year,
            2 => 1900 + year,
            _ => year,
        };
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        (year, month, day)
    };
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    ((1..=12).contains(&month) && valid_day(month, day)).then(|| iso(Some(year), month, Some(day)))
}

/// An ISO 8601 (partial) date: `2024-02-05`, `--02-05` without a year, `2026-03` without a
/// day, `--03` with neither; what `format!("{year:04}-{month:02}-{day:02}")` and its shorter
/// forms write, without their formatting machinery.
fn iso(year: Option<u32>, month: u8, day: Option<u8>) -> String {
    let mut out = String::with_capacity(10);
    match year {
        Some(year) => push_padded(&mut out, year, 4),
        None => out.push('-'),
    }
    out.push('-');
    push_padded(&mut out, month.into(), 2);
    if let Some(day) = day {
        out.push('-');
        push_padded(&mut out, day.into(), 2);
    }
    out
}

/// Writes `value` in decimal with zeros in front up to `width` digits.
fn push_padded(out: &mut String, value: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = value;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        rest /= 10;
        len += 1;
        if rest == 0 {
            break;
        }
    }
    out.extend(std::iter::repeat_n('0', width.saturating_sub(len)));
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

fn date_quantity(date: String, span: Span, rule: &'static str) -> Quantity {
    let mut q = Quantity::new(Kind::Date, None, span, rule);
    q.date = Some(date);
    q
}

/// A day of the month: one or two digits, optionally with an ordinal suffix (`3rd`).
/// Returns the end of the day (suffix included) and the day.
fn day(n: &Number) -> Option<(usize, u8)> {
    let plain = n.form == Form::Digits && !n.grouped && !n.decimal && !n.signed && !n.fraction && n.scale.is_none();
    if !plain || n.int_digits > 2 || n.glued {
        return None;
    }
    let day = n.value? as u8;
    (1..=31).contains(&day).then_some((n.span.end, day))
}

/// A year-shaped number between 1000 and 2999.
fn year_value(n: &Number) -> Option<u16> {
    let v = n.value?;
    (n.is_year_shaped() && !n.glued && (1000.0..3000.0).contains(&v)).then_some(v as u16)
}

/// A year right after `pos`, optionally after a comma: `, 2025` or ` 2024`.
fn year_after(cx: &Cx, pos: usize) -> Option<(usize, u16)> {
    let text = cx.text;
    let mut p = pos;
    if text[p..].starts_with(',') {
        p += 1;
    }
    let start = skip_gap(text, p);
    if start == p {
        return None;
    }
    let next = cx.numbers[cx.index + 1..].iter().find(|m| m.span.start >= start)?;
    if next.span.start != start {
        return None;
    }
    Some((next.span.end, year_value(next)?))
}

fn valid_day(month: u8, day: u8) -> bool {
    let max = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=max).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::super::number::scan;

    use super::*;

    fn dates(text: &str) -> Vec<(String, &str, &'static str)> {
        let rule = DateRule::new();
        let numbers = scan(text);
        let mut out = Vec::new();
        let mut floor = 0;
        let segmentation = crate::segment::Segmentation {
            sentences: vec![crate::segment::Sentence { span: Span::new(0, text.len()), paragraph: 0 }],
            ..Default::default()
        };
        for index in 0..numbers.len() {
            if numbers[index].span.start < floor {
                continue;
            }
            let cx = Cx::new(text, &numbers, index, floor, &segmentation);
            if let Some(q) = rule.apply(&cx) {
                floor = q.span.end;
                out.push((q.date.unwrap(), &text[q.span.start..q.span.end], q.rule));
            }
        }
        out
    }

    #[test]
    fn month_day_forms() {
        assert_eq!(dates("On February 5, Toyota said"), [("--02-05".into(), "February 5", "date.month_day")]);
        assert_eq!(
            dates("on Feb. 12 and on September 30, 2025."),
            [
                ("--02-12".into(), "Feb. 12", "date.month_day"),
                ("2025-09-30".into(), "September 30, 2025", "date.month_day")
            ]
        );
        assert_eq!(dates("SALVADOR, Feb 26 - Showers"), [("--02-26".into(), "Feb 26", "date.month_day")]);
        assert_eq!(dates("March 3rd"), [("--03-03".into(), "March 3rd", "date.month_day")]);
    }

    #[test]
    fn day_month_and_month_year() {
        assert_eq!(
            dates("on 5 February 2024 and 3 April"),
            [
                ("2024-02-05".into(), "5 February 2024", "date.day_month"),
                ("--04-03".into(), "3 April", "date.day_month")
            ]
        );
        assert_eq!(dates("until March 2026."), [("2026-03".into(), "March 2026", "date.month_year")]);
        assert_eq!(dates("the 5th of May"), [("--05-05".into(), "5th of May", "date.day_month")]);
    }

    #[test]
    fn numeric_dates() {
        let text = "on 2024-02-05, 04/09/87, 15/03/2024 and 13/13/2020, 1986/87, 1/2/3/4";
        let found: Vec<_> =
            scan_numeric(text, &super::super::token::find(text, None)).into_iter().map(|q| q.date.unwrap()).collect();
        assert_eq!(found, ["2024-02-05", "1987-04-09", "2024-03-15"]);
    }

    #[test]
    fn months_alone_after_time_words() {
        let found: Vec<_> = {
            let text = "sold in March, since October and mid-June, but March 2026 and may 5 and May 5";
            scan_tokens(text, &super::super::token::find(text, None))
        }
        .into_iter()
        .map(|q| q.date.unwrap())
        .collect();
        assert_eq!(found, ["--03", "--10", "--06"]);
    }

    #[test]
    fn iso_strings_are_what_format_writes() {
        for year in (0..12_000).chain([99_999, 4_294_967_295]) {
            for month in [0, 1, 9, 10, 12, 99, 255] {
                assert_eq!(iso(Some(year), month, None), format!("{year:04}-{month:02}"));
                for day in [0, 1, 9, 10, 31, 255] {
                    assert_eq!(iso(Some(year), month, Some(day)), format!("{year:04}-{month:02}-{day:02}"));
                    assert_eq!(iso(None, month, Some(day)), format!("--{month:02}-{day:02}"));
                }
            }
        }
        for month in 0..=255u8 {
            assert_eq!(iso(None, month, None), format!("--{month:02}"));
        }
    }

    #[test]
    fn the_month_filter_keeps_every_month() {
        let rule = DateRule::new();
        let mut words: Vec<String> = Vec::new();
        let others = ["May", "Mayor", "J", "", "Ja", "Sales", "SEPTEMBERS", "é"];
        for name in rule.months.map.keys().map(|k| &**k).chain(others) {
            for w in [name.to_string(), name.to_ascii_lowercase(), name.to_ascii_uppercase(), format!("{name}x")] {
                words.push(w.clone());
                words.push(w.chars().skip(1).collect());
            }
        }
        for w in &words {
            assert_eq!(rule.month(w), rule.months.map.get(w.as_str()).copied(), "{w:?}");
        }
    }

    #[test]
    fn every_month_after_a_day() {
        let rule = DateRule::new();
        for name in rule.months.map.keys() {
            for text in [format!("on 5 {name} and"), format!("the 5th of {name}.")] {
                assert_eq!(dates(&text).len(), 1, "{text}");
            }
        }
    }

    /// The filter of last bytes before the number lets every month through.
    #[test]
    fn every_month_before_a_day_or_a_year() {
        let rule = DateRule::new();
        for name in rule.months.map.keys() {
            for text in [format!("on {name} 5 and"), format!("on {name}. 5"), format!("in {name} 2026.")] {
                if text.contains(". ") && name.len() > 4 {
                    continue;
                }
                assert_eq!(dates(&text).len(), 1, "{text}");
            }
        }
    }

    #[test]
    fn not_dates() {
        assert!(dates("February 30").is_empty());
        assert!(dates("it may 5 times").is_empty());
        assert!(dates("March 3th").iter().all(|d| d.1 == "March 3"));
        assert!(dates("in 2024 vehicles").is_empty());
    }
}
