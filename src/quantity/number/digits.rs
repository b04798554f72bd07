//! Numbers written with digits.
//!
//! What it matches: a run of digits with optional comma thousands separators
//! (`\d{1,3}(,\d{3})+`), an optional decimal part (`3.3`, `.5`), an optional sign right before
//! it (`-3.5`, `−2`, `+4`) when no letter or digit precedes the sign, an ordinal suffix (`1st`,
//! `22nd`), digit fractions (`1/2`, `3/4`, and `1/40` before "of"; numerator below
//! denominator), exponents (`1.3e6`,
//! `1.3x10^6`, `6.1×10⁻⁴`, `8x2^10`), powers written with a caret (`1.1^23`, `2.5^-1`: the
//! sign before the numeral applies after the power, `-2^2` = -4) and Indian grouping
//! (`12,34,567`).
//!
//! Why: scanning for digits by hand is faster than a regex with captures and lets every rule see
//! the same parsed value and shape (grouped, decimal, digit count).
//!
//! Known problems:
//! - a number glued to letters (`3km`, `5G`, `450h`) is returned with `glued = true`; a rule
//!   must consume the letters, otherwise the number is dropped;
//! - digits inside a dotted or dashed name (`ID.4`, `v1.2.3`, `F-150`, `e-2008`) are skipped,
//!   while `mid-2025` and `pre-2020` (a lowercase word of three or more letters) are numbers;
//! - times of day (`10:30`, `10:30:15`) are skipped here; `6pm` is left to the time rule;
//! - scientific notation whose superscript was lost in copying (`2.48×10−5`, `5.5x10-3`) is read
//!   only with a decimal from 1 to 10 before the `x10` (`3x10-3` may be a size and a range);
//!   a doubled sign (`2^--3`) is no exponent;
//! - a space-grouped number with one group that is not `000` (`5 100`) is read as two numbers;
//!   Indian grouping is read when a last group of three ends it (`12,34,567`), not `1,20`.
//!
//! Example: in "sold 851,200 vehicles" the atom spans `851,200` with value 851200.

use std::sync::LazyLock;

use super::Number;
use crate::data;
use crate::text::Span;

/// Denominators accepted in digit fractions; any other up to 1000 only before "of" (`1/40 of`).
const DENOMINATORS: &[u32] = &[2, 3, 4, 5, 8, 10, 16, 32, 64, 100];

/// Finds every digit number in `text`, in order (scale words are attached by the caller).
pub fn scan(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    scan_into(text, &mut out);
    out
}

/// As [`scan`], into `out` (emptied first): a caller scanning many texts keeps the vector and
/// its room.
pub fn scan_into(text: &str, out: &mut Vec<Number>) {
    let bytes = text.as_bytes();
    out.clear();
    // A number every 100 bytes or so in news: room for most documents' at once.
    out.reserve(text.len() / 64 + 1);
    let mut i = 0;
    while let Some(start) = next_candidate(bytes, i) {
        if !bytes[start].is_ascii_digit() {
            // A standalone vulgar fraction ("½ teaspoon").
            match vulgar_fraction(text, start) {
                Some((end, value)) if crate::text::boundary_before(text, start) => {
                    let mut n = Number::digits(Span::new(start, end), Some(value));
                    n.fraction = true;
                    n.glued = !crate::text::boundary_after(text, end);
                    out.push(n);
                    i = end;
                }
                _ => i = start + 1,
            }
            continue;
        }
        let (end, number) = read(text, start);
        if let Some(number) = number {
            out.push(number);
        }
        i = end.max(start + 1);
    }
}

/// The first digit or possible vulgar-fraction lead byte (`½` is C2 BD, `⅓` E2 85 93) at or
/// after `from`. Digits are one byte in forty of news, so most of a text is passed over: 32
/// bytes at a time (a loop the compiler turns into vector compares), then the candidate is
/// located in its block eight bytes at a time. Not inlined: in the scanner's loop its registers
/// would be spilled on every block.
#[inline(never)]
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut i = from;
    while let Some(block) = bytes.get(i..i + BLOCK) {
        let block: &[u8; BLOCK] = block.try_into().expect("a block");
        if block.iter().fold(false, |any, &b| any | is_candidate(b)) {
            break;
        }
        i += BLOCK;
    }
    while let Some(word) = crate::swar::load(bytes, i) {
        let found = candidates(word);
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| is_candidate(b)).map(|p| i + p)
}

/// A digit, or 0xC2 or 0xE2 (the two differ in bit 5 only).
#[inline]
fn is_candidate(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10 || b | 0x20 == 0xE2
}

/// The bytes of `word` for which [`is_candidate`] holds, as `swar` marks them: the lowest
/// marked byte is the first candidate (a byte above it may be marked by a borrow).
#[inline]
fn candidates(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    crate::swar::any_below(word ^ (ONES * u64::from(b'0')), 10) | crate::swar::any_eq(word | (ONES * 0x20), 0xE2)
}

/// Reads the number that starts with the digit at `start`. Returns where scanning continues and
/// the number, if the digits form one.
fn read(text: &str, start: usize) -> (usize, Option<Number>) {
    match read_plain(text.as_bytes(), start) {
        Some((end, n)) => (end, Some(n)),
        None => read_general(text, start),
    }
}

/// The most digits [`read_plain`] reads: their value is below 2^53, exact in an `f64`.
const PLAIN_DIGITS: usize = 15;

/// The shapes most numbers of news have, read in a few steps: digits, maybe comma groups of
/// three, maybe a decimal part (`2024`, `851,200`, `3.3`), after a space, the start of the
/// text, an opening bracket or quote, a currency sign (`$`, `£`, `€`) or a dash or slash after a
/// digit (`10-15`, `1/2/2024`), and before a byte that none of the other forms continues with
/// (the end, a space, a comma or a period not before a digit, a space not before a times sign,
/// other ASCII punctuation but `:`, `/`, `^` and `*`). There no other form can be (a sign, a
/// leading dot, a name, another separator, a version, a time, a power, a fraction, an ordinal
/// suffix, glued letters), and the number is the one [`read_general`] reads. `None` for every
/// other shape.
fn read_plain(bytes: &[u8], start: usize) -> Option<(usize, Number)> {
    let plain_before = match start.checked_sub(1).map(|p| bytes[p]) {
        None => true,
        Some(b) if b.is_ascii_whitespace() => true,
        Some(b'(' | b'[' | b'"' | b'\'' | b'$') => true,
        // "10-15", "1/2/2024": after a dash or a slash after a digit (no sign, no name).
        Some(b'-' | b'/') => start >= 2 && bytes[start - 2].is_ascii_digit(),
        // "£5", "€5".
        Some(0xA3) => start >= 2 && bytes[start - 2] == 0xC2,
        Some(0xAC) => start >= 3 && bytes[start - 3..start - 1] == [0xE2, 0x82],
        Some(_) => false,
    };
    if !plain_before {
        return None;
    }
    // The digits read so far, as an integer, and how many there are.
    let (mut mantissa, mut digits) = (0u64, 0);
    // Appends the digit at `at`: whether there is one; `None` when the value would not be exact.
    let digit = |at: usize, mantissa: &mut u64, digits: &mut usize| match bytes.get(at) {
        Some(&b) if b.is_ascii_digit() && *digits < PLAIN_DIGITS => {
            *mantissa = *mantissa * 10 + u64::from(b - b'0');
            *digits += 1;
            Some(true)
        }
        Some(b) if b.is_ascii_digit() => None,
        _ => Some(false),
    };
    let mut end = start;
    while digit(end, &mut mantissa, &mut digits)? {
        end += 1;
    }
    let first_run = end - start;
    // "851,200": groups of three digits after a comma, each not followed by a fourth.
    let mut grouped = false;
    if first_run <= 3 {
        let group = |at: usize| {
            bytes.get(at..at + 4).is_some_and(|g| g[0] == b',' && g[1..].iter().all(u8::is_ascii_digit))
                && !bytes.get(at + 4).is_some_and(u8::is_ascii_digit)
        };
        while group(end) {
            for _ in 0..3 {
                end += 1;
                digit(end, &mut mantissa, &mut digits)?;
            }
            end += 1;
            grouped = true;
        }
    }
    let int_digits = digits;
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1;
        while digit(end, &mut mantissa, &mut digits)? {
            end += 1;
        }
    }
    let places = digits - int_digits;
    let next = bytes.get(end + 1).copied();
    let plain_end = match bytes.get(end) {
        None => true,
        Some(b' ') => !next.is_some_and(|b| b.is_ascii_digit() || matches!(b, b'x' | b'X' | b'*' | 0xC3)),
        Some(b',' | b'.') => !next.is_some_and(|b| b.is_ascii_digit()),
        Some(&b) => b.is_ascii() && !b.is_ascii_alphanumeric() && !matches!(b, b':' | b'/' | b'^' | b'*'),
    };
    if !plain_end {
        return None;
    }
    let value = if places == 0 { mantissa as f64 } else { mantissa as f64 / EXACT_POWERS[places] };
    let mut n = Number::digits(Span::new(start, end), Some(value));
    n.int_digits = int_digits;
    n.grouped = grouped;
    n.decimal = places > 0;
    Some((end, n))
}

/// Reads the number that starts with the digit at `start`, whatever its shape.
fn read_general(text: &str, start: usize) -> (usize, Option<Number>) {
    let bytes = text.as_bytes();
    let run_end = |from: usize| from + bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = run_end(start);
    let first_run = end - start;
    let mut grouped = false;
    if first_run <= 3 {
        end = group_end(text, end, &mut grouped);
    }
    if first_run <= 2
        && !grouped
        && let Some(indian) = indian_group_end(bytes, end)
    {
        end = indian;
        grouped = true;
    }
    let int_digits = text[start..end].bytes().filter(u8::is_ascii_digit).count();
    let mut decimal = false;
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        decimal = true;
        end = run_end(end + 1);
    }
    let before = start.checked_sub(1).map(|p| bytes[p]);
    let before2 = start.checked_sub(2).map(|p| bytes[p]);
    // ".5": a leading-dot decimal, when nothing word-like precedes the dot.
    let leading_dot = before == Some(b'.')
        && !grouped
        && !decimal
        && before2.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'(' | b'$' | b'-'));
    // Skip everything that makes the digits part of a name, version or identifier.
    let embedded = !leading_dot
        && match before {
            None => false,
            // "USD3.14", "Rs20": a currency code glued before the digits is not a name.
            Some(b) if b.is_ascii_alphabetic() => !glued_currency_prefix(text, start),
            Some(b) if b.is_ascii_digit() || b == b'_' => true,
            // "ID.4", "F-150", "l/100km" are names or units; "10-15" and "1986/87" are ranges.
            Some(b'.') => before2.is_some_and(|b| b.is_ascii_alphanumeric()),
            Some(b'-' | b'/') => {
                // "mid-2025" and "pre-2020" are prose; other words make a name ("F-150", "scp-173").
                let word = bytes[..start - 1].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
                // "3km-5km": a unit glued to a number before the dash makes a range.
                let after_number = start - 1 - word > 0 && bytes[start - 2 - word].is_ascii_digit();
                word > 0
                    && !after_number
                    && !PROSE_PREFIXES.iter().any(|p| text[start - 1 - word..start - 1].eq_ignore_ascii_case(p))
            }
            // "J1149.5+6663": a sign glued to a code of letters and digits continues the code.
            Some(b'+') => {
                let code = || bytes[..start - 1].iter().rev().take_while(|b| b.is_ascii_alphanumeric() || **b == b'.');
                code().any(u8::is_ascii_alphabetic) && code().any(u8::is_ascii_digit)
            }
            Some(b) if b >= 0x80 => !crate::text::boundary_before(text, start),
            _ => false,
        };
    let versioned = bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    let more_digits = bytes.get(end).is_some_and(u8::is_ascii_digit)
        || (grouped && bytes.get(end) == Some(&b',') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
    let time = !grouped && !decimal && first_run <= 2 && bytes.get(end) == Some(&b':') && run_end(end + 1) == end + 3;
    if embedded || versioned || more_digits || time {
        let skip = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b'_' | b':'))
                .count();
        return (skip.max(end), None);
    }
    let numeral_start = if leading_dot { start - 1 } else { start };
    let (span_start, signed) = sign_before(text, numeral_start);
    let mut n = Number::digits(Span::new(span_start, end), None);
    n.int_digits = if leading_dot { 0 } else { int_digits };
    n.grouped = grouped;
    n.decimal = decimal || leading_dot;
    n.signed = signed;
    let negative = signed && text[span_start..].starts_with(['-', '−']);
    n.value = parse_value(&text[numeral_start..end]).map(|v| if negative { -v } else { v });
    // "1.3e6", "-12e-1", "1.3x10^6", "2.48×10−5", "8x2^10": scientific notation; "1.1^23": a power.
    let power = match bytes.get(end) {
        Some(b'e' | b'E') => exponent(text, end).map(|(e, exp)| (e, Power::Times(10, exp))),
        Some(b'^') => caret_exponent(text, end + 1).map(|(e, exp)| (e, Power::Raised(exp))),
        // Most numbers have a space and a word after them: one more byte to look at.
        Some(b' ') if !matches!(bytes.get(end + 1), Some(b'x' | b'X' | b'*' | 0xC3)) => None,
        Some(b' ' | b'x' | b'X' | b'*' | 0xC3) => times_power(text, end, n.value.map(f64::abs), decimal),
        _ => None,
    };
    if let Some((exp_end, power)) = power {
        let magnitude = match power {
            Power::Times(10, exp) => parse_scaled(&text[numeral_start..end], exp),
            Power::Times(base, exp) => n.value.map(|v| v.abs() * f64::from(base).powi(exp)),
            Power::Raised(exp) => n.value.map(|v| v.abs().powi(exp)),
        };
        // Too large for an f64, or so small that it rounds to zero ("10^-999"): no value.
        let underflow = |v: f64| v == 0.0 && n.value.is_some_and(|m| m != 0.0);
        n.value = magnitude.filter(|v| v.is_finite() && !underflow(*v)).map(|v| if negative { -v } else { v });
        n.span.end = exp_end;
        n.decimal = true;
        n.glued = !crate::text::boundary_after(text, exp_end);
        return (exp_end, Some(n));
    }
    // "2½": a vulgar fraction glued to the integer.
    if let Some((frac_end, frac)) = vulgar_fraction(text, end) {
        n.value = n.value.map(|v| if negative { v - frac } else { v + frac });
        n.span.end = frac_end;
        n.fraction = true;
        n.glued = !crate::text::boundary_after(text, frac_end);
        return (frac_end, Some(n));
    }

    if let Some(suffix_end) = ordinal_suffix(text, &n) {
        n.ordinal = true;
        n.span.end = suffix_end;
        return (suffix_end, Some(n));
    }
    // "1/0": a division by zero (or a score) is no number, and neither is its zero; after a
    // decimal, zeros are the short form of a second quote ("0.5693/00 dlrs": 0.5693 to 0.5700),
    // no number of their own.
    if let Some(zero_end) = zero_denominator(bytes, end) {
        if !n.decimal {
            return (zero_end, None);
        }
        n.glued = false;
        return (zero_end, Some(n));
    }
    if let Some((fraction_end, value)) = fraction(text, &n) {
        n.fraction = true;
        n.value = Some(value);
        n.span.end = fraction_end;
        n.glued = !crate::text::boundary_after(text, fraction_end);
        return (fraction_end, Some(n));
    }
    n.glued = !crate::text::boundary_after(text, end);
    (end, Some(n))
}

/// Currency codes that may be glued before the digits ("USD3.14", "Rs20", "RM1.2"): the
/// case-sensitive, all-letter surfaces written before a number in `data/currencies.tsv`, except
/// those flagged `spaced`. The money rule decides the currency; this only keeps the digits from
/// being read as part of a name.
static GLUED_CURRENCY_PREFIXES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    data::builtin_rows("currencies.tsv", data::CURRENCIES)
        .filter(|row| matches!(row.get(2), "before" | "both"))
        .filter(|row| {
            let flags = row.get(3).split(',');
            flags.clone().any(|f| f == "cs") && !flags.clone().any(|f| f == "spaced")
        })
        .map(|row| row.get(0))
        .filter(|surface| surface.bytes().all(|b| b.is_ascii_alphabetic()))
        .collect()
});

/// True when the letters right before `start` are a glued currency code at a word boundary.
fn glued_currency_prefix(text: &str, start: usize) -> bool {
    let letters = text.as_bytes()[..start].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    let word = &text[start - letters..start];
    GLUED_CURRENCY_PREFIXES.contains(&word) && crate::text::boundary_before(text, start - letters)
}

/// Lowercase words that may precede a year with a hyphen in prose ("mid-2025").
const PROSE_PREFIXES: &[&str] = &["mid", "pre", "post", "late", "early", "end", "start", "circa"];

/// Extends a digit run over thousands groups: `,` (`851,200`), or a narrow, thin or non-breaking
/// space (`40 000`), or a plain space when two or more groups follow or the group is `000`
/// (`1 234 567`, `40 000`). Sets `grouped` when it does.
fn group_end(text: &str, run_end: usize, grouped: &mut bool) -> usize {
    let bytes = text.as_bytes();
    let separator_len = |at: usize| -> Option<usize> {
        match bytes.get(at..)? {
            [b',', ..] | [b' ', ..] => Some(1),
            [0xC2, 0xA0, ..] => Some(2),
            [0xE2, 0x80, 0x89 | 0xAF, ..] => Some(3),
            _ => None,
        }
    };
    let digits3 = |at: usize| {
        bytes.get(at..at + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
    };
    let Some(first_sep) = separator_len(run_end) else { return run_end };
    let sep = &text[run_end..run_end + first_sep];
    let mut end = run_end;
    let mut groups = 0;
    while text[end..].starts_with(sep) && digits3(end + sep.len()) {
        end += sep.len() + 3;
        groups += 1;
    }
    if groups == 0 || (sep == " " && groups == 1 && &text[end - 3..end] != "000") {
        return run_end;
    }
    *grouped = true;
    end
}

/// Indian grouping after a first group of one or two digits: `12,34,567` (pairs of digits, then
/// a last group of three): the end of the numeral. A run of pairs alone (`1,20`) is a list.
fn indian_group_end(bytes: &[u8], run_end: usize) -> Option<usize> {
    let digits = |at: usize, n: usize| bytes.get(at..at + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let mut p = run_end;
    while bytes.get(p) == Some(&b',') && digits(p + 1, 2) && bytes.get(p + 3) == Some(&b',') {
        p += 3;
    }
    let last = p > run_end
        && bytes.get(p) == Some(&b',')
        && digits(p + 1, 3)
        && !digits(p + 4, 1)
        && !(bytes.get(p + 4) == Some(&b',') && digits(p + 5, 1));
    last.then_some(p + 4)
}

/// How a numeral is raised to a power.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Power {
    /// Times `base` to the power: `1.3x10^6`, `8x2^10`, `1.3e6`.
    Times(u32, i32),
    /// The numeral itself to the power: `1.1^23`.
    Raised(i32),
}

/// The exponent written after a caret at `pos` (`23`, `+23`, `-1`: a sign and one to three
/// digits, ending at a boundary): its end and value.
#[cold]
#[inline(never)]
fn caret_exponent(text: &str, pos: usize) -> Option<(usize, i32)> {
    let bytes = text.as_bytes();
    let (sign, start) = match bytes.get(pos) {
        Some(b'-') => (-1, pos + 1),
        Some(b'+') => (1, pos + 1),
        _ => (1, pos),
    };
    let digits = bytes.get(start..)?.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || !crate::text::boundary_after(text, start + digits) {
        return None;
    }
    let exp: i32 = text[start..start + digits].parse().ok()?;
    Some((start + digits, sign * exp))
}

/// Superscript digits and signs (`⁻⁵`, `⁶`, `¹²`) at `pos`, ending at a boundary: their end and
/// value.
#[cold]
#[inline(never)]
fn superscript_exponent(text: &str, pos: usize) -> Option<(usize, i32)> {
    let mut chars = text[pos..].char_indices().peekable();
    let sign = match chars.peek() {
        Some((_, '⁻')) => -1,
        Some((_, '⁺')) => 1,
        _ => 0,
    };
    if sign != 0 {
        chars.next();
    }
    let (mut exp, mut digits, mut end) = (0i32, 0, pos);
    for (i, c) in chars {
        let d = match c {
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴'..='⁹' => c as i32 - '⁴' as i32 + 4,
            _ => break,
        };
        exp = exp * 10 + d;
        digits += 1;
        end = pos + i + c.len_utf8();
    }
    if digits == 0 || digits > 3 || !crate::text::boundary_after(text, end) {
        return None;
    }
    Some((end, if sign < 0 { -exp } else { exp }))
}

/// A multiplication by a power right after a numeral, ending at a boundary: `x10^6`, `× 10^-4`,
/// `*10^3`, `x2^10` (a base of one or two digits and a caret), `x10⁻⁵` (superscripts), and the
/// superscript lost in copying, `2.48×10−5` and `5.5x10-3` (a minus sign after "10"; read only
/// after a decimal `mantissa` from 1 to 10, the shape of scientific notation, since "3x10-3" may
/// be anything). Returns the end and the power.
#[cold]
#[inline(never)]
fn times_power(text: &str, end: usize, mantissa: Option<f64>, decimal: bool) -> Option<(usize, Power)> {
    let rest = &text[end..];
    fn after_space(s: &str) -> &str {
        s.strip_prefix(' ').unwrap_or(s)
    }
    let op = after_space(rest);
    let op = op.strip_prefix(['x', 'X', '*']).or_else(|| op.strip_prefix('×'))?;
    let base_at = text.len() - after_space(op).len();
    let bytes = text.as_bytes();
    let base_digits = bytes[base_at..].iter().take_while(|b| b.is_ascii_digit()).count();
    if base_digits == 0 || base_digits > 2 {
        return None;
    }
    let base: u32 = text[base_at..base_at + base_digits].parse().ok()?;
    let after = base_at + base_digits;
    if bytes.get(after) == Some(&b'^') {
        return caret_exponent(text, after + 1).map(|(e, exp)| (e, Power::Times(base, exp)));
    }
    if base != 10 {
        return None;
    }
    if let Some((e, exp)) = superscript_exponent(text, after) {
        return Some((e, Power::Times(10, exp)));
    }
    // "2.48×10−5": a minus and one or two digits, the superscript lost.
    let minus =
        if text[after..].starts_with('−') { '−'.len_utf8() } else { usize::from(bytes.get(after) == Some(&b'-')) };
    let scientific = decimal && mantissa.is_some_and(|m| (1.0..10.0).contains(&m));
    if minus == 0 || !scientific {
        return None;
    }
    let digits_at = after + minus;
    let digits = bytes[digits_at..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 2 || !crate::text::boundary_after(text, digits_at + digits) {
        return None;
    }
    let exp: i32 = text[digits_at..digits_at + digits].parse().ok()?;
    Some((digits_at + digits, Power::Times(10, -exp)))
}

/// `e6`, `E+14`, `e-1` right after a numeral, ending at a boundary: the end and the exponent.
fn exponent(text: &str, end: usize) -> Option<(usize, i32)> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(end), Some(b'e' | b'E')) {
        return None;
    }
    let mut p = end + 1;
    let negative = match bytes.get(p) {
        Some(b'+') => {
            p += 1;
            false
        }
        Some(b'-') => {
            p += 1;
            true
        }
        _ => false,
    };
    let digits = bytes[p..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || !crate::text::boundary_after(text, p + digits) {
        return None;
    }
    let exp: i32 = text[p..p + digits].parse().ok()?;
    Some((p + digits, if negative { -exp } else { exp }))
}

/// A vulgar fraction character at `pos` (`½`, `¾`, `⅔`, …): its end and value.
pub fn vulgar_fraction(text: &str, pos: usize) -> Option<(usize, f64)> {
    let c = text[pos..].chars().next()?;
    let value = match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    };
    Some((pos + c.len_utf8(), value))
}

/// A sign directly before `start` counts when nothing word-like precedes it: "-3.5%", "(−2)",
/// "$-99.99".
/// Returns the span start and whether a sign was found.
fn sign_before(text: &str, start: usize) -> (usize, bool) {
    let before = &text[..start];
    let sign_len = if before.ends_with(['-', '+']) {
        1
    } else if before.ends_with('−') {
        '−'.len_utf8()
    } else {
        return (start, false);
    };
    let sign_start = start - sign_len;
    // "75 -300mm": a dash between two numbers is a range, not a sign.
    let before_space = text[..sign_start].trim_end_matches([' ', '\t']);
    if before_space.len() < sign_start && before_space.ends_with(|c: char| c.is_ascii_digit()) {
        return (start, false);
    }
    // "$-99.99": a sign after a currency symbol.
    let clear = text[..sign_start]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '|' | '$' | '€' | '£' | '¥'));
    if clear { (sign_start, true) } else { (start, false) }
}

/// The end of a valid ordinal suffix (`st`, `nd`, `rd`, `th`) glued to an integer.
fn ordinal_suffix(text: &str, n: &Number) -> Option<usize> {
    if n.grouped || n.decimal || n.signed {
        return None;
    }
    let end = n.span.end;
    let suffix = text.get(end..end + 2)?;
    let value = n.value? as u64;
    let expected = match (value % 10, value % 100) {
        (1, v) if v != 11 => "st",
        (2, v) if v != 12 => "nd",
        (3, v) if v != 13 => "rd",
        _ => "th",
    };
    (suffix.eq_ignore_ascii_case(expected) && crate::text::boundary_after(text, end + 2)).then_some(end + 2)
}

/// The end of a denominator of zeros (`/0`, `/00`) at `slash`, ending the digits there.
fn zero_denominator(bytes: &[u8], slash: usize) -> Option<usize> {
    if bytes.get(slash) != Some(&b'/') {
        return None;
    }
    let zeros = bytes[slash + 1..].iter().take_while(|&&b| b == b'0').count();
    let end = slash + 1 + zeros;
    let more = match bytes.get(end) {
        None => false,
        Some(b'.' | b',') => bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(&b) => b.is_ascii_alphanumeric() || b == b'/',
    };
    (zeros > 0 && !more).then_some(end)
}

/// A digit fraction `n/d` right after the integer `n`: returns its end and value.
fn fraction(text: &str, n: &Number) -> Option<(usize, f64)> {
    if n.grouped || n.decimal || n.int_digits > 2 {
        return None;
    }
    let bytes = text.as_bytes();
    let slash = n.span.end;
    if bytes.get(slash) != Some(&b'/') {
        return None;
    }
    let den_end = slash + 1 + bytes[slash + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
    let numerator = n.value?.abs() as u32;
    let denominator: u32 = text.get(slash + 1..den_end)?.parse().ok()?;
    // "1/40 of the wavelength": any denominator up to 1000 before "of".
    let listed = DENOMINATORS.contains(&denominator)
        || denominator <= 1000 && crate::text::phrase_after(text, den_end, &["of"]).is_some();
    let valid = listed
        && numerator > 0
        && numerator < denominator
        && bytes.get(den_end).is_none_or(|b| !b.is_ascii_digit() && *b != b'/');
    let sign = if n.value? < 0.0 { -1.0 } else { 1.0 };
    valid.then(|| (den_end, sign * f64::from(numerator) / f64::from(denominator)))
}

/// Parses a numeral (digits, commas, one decimal point) into a finite `f64`.
pub fn parse_value(numeral: &str) -> Option<f64> {
    parse_scaled(numeral, 0)
}

/// Parses a numeral and multiplies it by `10^exponent`, exactly rounded (`1.13` with 9 → 1.13e9).
pub fn parse_scaled(numeral: &str, exponent: i32) -> Option<f64> {
    match exact_decimal(numeral.as_bytes(), exponent) {
        Some(value) => Some(value),
        None => parse_scaled_text(numeral, exponent),
    }
}

/// The powers of ten that an `f64` holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The fast path of [`parse_scaled`], for the numerals of news ("851,200", "3.3", "1.13" with
/// 9): without a sign, with at most one decimal point, whose digits make an integer `m` below
/// 2^53 and whose power of ten `e` (the exponent less the decimal places) is within ±22. Then
/// `m` and 10^|e| are exact in an `f64` and one multiplication or division rounds once, to the
/// same value as the text parse (Clinger's fast path, which `str::parse` takes too). `None`
/// sends every other numeral to the text parse.
fn exact_decimal(numeral: &[u8], exponent: i32) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut places: Option<i32> = None;
    for &b in numeral {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                if mantissa >= 1 << 53 {
                    return None;
                }
                digits += 1;
                if let Some(p) = places.as_mut() {
                    *p += 1;
                }
            }
            b'.' if places.is_none() => places = Some(0),
            b'.' | b'-' | b'+' => return None,
            // Group separators are passed over, as by the text parse.
            _ => {}
        }
    }
    if digits == 0 {
        return None;
    }
    let power = exponent.checked_sub(places.unwrap_or(0))?;
    let m = mantissa as f64;
    match power {
        0..=22 => Some(m * EXACT_POWERS[power as usize]),
        -22..=-1 => Some(m / EXACT_POWERS[(-power) as usize]),
        _ => None,
    }
}

/// [`parse_scaled`] through `str::parse`: every numeral, and the specification of the fast path.
fn parse_scaled_text(numeral: &str, exponent: i32) -> Option<f64> {
    let mut buf = [0u8; 48];
    let mut len = 0;
    let mut heap = String::new();
    for b in numeral.bytes().filter(|&b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+')) {
        if len < buf.len() {
            buf[len] = b;
            len += 1;
        } else {
            if heap.is_empty() {
                heap.push_str(std::str::from_utf8(&buf[..len]).ok()?);
            }
            heap.push(b as char);
        }
    }
    let digits = if heap.is_empty() { std::str::from_utf8(&buf[..len]).ok()? } else { heap.as_str() };
    let value =
        if exponent == 0 { digits.parse::<f64>().ok()? } else { format!("{digits}e{exponent}").parse::<f64>().ok()? };
    // Too large for an f64, or so small that it rounds to zero ("1e-400"): no value.
    let underflow = value == 0.0 && digits.bytes().any(|b| matches!(b, b'1'..=b'9'));
    (value.is_finite() && !underflow).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(&str, Option<f64>)> {
        scan(text).iter().map(|n| (&text[n.span.start..n.span.end], n.value)).collect()
    }

    #[test]
    fn grouped_decimal_and_plain() {
        assert_eq!(
            numbers("sold 851,200 vehicles, up 3.3% in 2024; 0.3% and 1,000"),
            [
                ("851,200", Some(851200.0)),
                ("3.3", Some(3.3)),
                ("2024", Some(2024.0)),
                ("0.3", Some(0.3)),
                ("1,000", Some(1000.0))
            ]
        );
    }

    #[test]
    fn sentence_final_period_is_not_a_decimal() {
        assert_eq!(numbers("rose to 150,000."), [("150,000", Some(150000.0))]);
    }

    #[test]
    fn names_versions_ids_and_times_are_skipped() {
        assert_eq!(numbers("ID.4 v1.2.3 F-150 RX450h COVID-19 a1b2 e-2008 10:30 9:05:10"), []);
        assert_eq!(numbers("mid-2025"), [("2025", Some(2025.0))]);
        assert_eq!(numbers("Level 3"), [("3", Some(3.0))]);
    }

    #[test]
    fn signs_and_leading_dots() {
        assert_eq!(numbers("-2.5% (+4) .5 x-3"), [("-2.5", Some(-2.5)), ("+4", Some(4.0)), (".5", Some(0.5))]);
        assert_eq!(numbers("$-99.99, £-5"), [("-99.99", Some(-99.99)), ("-5", Some(-5.0))]);
        assert_eq!(numbers("10-15"), [("10", Some(10.0)), ("15", Some(15.0))]);
        // A sign glued to a code of letters and digits continues the code, not "2+2".
        assert_eq!(numbers("MACS J1149.5+6663 and 2+2"), [("2", Some(2.0)), ("2", Some(2.0))]);
    }

    #[test]
    fn a_zero_denominator_is_no_number() {
        assert_eq!(numbers("1/0 is not valid, nor 3/00."), []);
        assert_eq!(numbers("finished at 0.5693/00 dlrs"), [("0.5693", Some(0.5693))]);
        assert_eq!(
            numbers("1/05/2024 and 3/0.5"),
            [("1", Some(1.0)), ("05", Some(5.0)), ("2024", Some(2024.0)), ("3", Some(3.0)), ("0.5", Some(0.5))]
        );
    }

    #[test]
    fn ordinals_and_fractions() {
        assert_eq!(
            numbers("1st 22nd 3rd 11th 3th"),
            [("1st", Some(1.0)), ("22nd", Some(22.0)), ("3rd", Some(3.0)), ("11th", Some(11.0)), ("3", Some(3.0))]
        );
        assert!(scan("1st").iter().all(|n| n.ordinal && !n.glued));
        assert_eq!(numbers("about 1/40 of the width, 3/7 of them"), [("1/40", Some(0.025)), ("3/7", Some(3.0 / 7.0))]);
        // Other denominators are no fractions elsewhere ("3/7 rule", "a 1/40 chance").
        assert_eq!(numbers("a 1/40 chance"), [("1", Some(1.0)), ("40", Some(40.0))]);
        assert_eq!(
            numbers("1/2 3/4 1986/87 24/7"),
            [
                ("1/2", Some(0.5)),
                ("3/4", Some(0.75)),
                ("1986", Some(1986.0)),
                ("87", Some(87.0)),
                ("24", Some(24.0)),
                ("7", Some(7.0))
            ]
        );
    }

    #[test]
    fn spaces_exponents_and_vulgar_fractions() {
        assert_eq!(
            numbers("1 234 567 and 40 000 and 40\u{202f}000 but 5 100 and in 2024 100"),
            [
                ("1 234 567", Some(1234567.0)),
                ("40 000", Some(40000.0)),
                ("40\u{202f}000", Some(40000.0)),
                ("5", Some(5.0)),
                ("100", Some(100.0)),
                ("2024", Some(2024.0)),
                ("100", Some(100.0))
            ]
        );
        assert_eq!(
            numbers("1e10, 1.3e6, -12e-1, 12.32E+14"),
            [("1e10", Some(1e10)), ("1.3e6", Some(1.3e6)), ("-12e-1", Some(-1.2)), ("12.32E+14", Some(1.232e15))]
        );
        assert_eq!(numbers("½ cup, 2½ hours, ¾"), [("½", Some(0.5)), ("2½", Some(2.5)), ("¾", Some(0.75))]);
        assert_eq!(numbers("ef 75 -300mm"), [("75", Some(75.0)), ("300", Some(300.0))]);
        assert_eq!(numbers("scp-173m"), []);
    }

    #[test]
    fn indian_grouping_and_powers_of_ten() {
        assert_eq!(
            numbers("12,34,567.89 and 1,00,000 but 1,20 and 12,34"),
            [
                ("12,34,567.89", Some(1_234_567.89)),
                ("1,00,000", Some(100_000.0)),
                ("1", Some(1.0)),
                ("20", Some(20.0)),
                ("12", Some(12.0)),
                ("34", Some(34.0))
            ]
        );
        assert_eq!(
            numbers("1.3x10^6, 6.23x10^-4, 2 × 10^3, 3x10 reps"),
            [("1.3x10^6", Some(1.3e6)), ("6.23x10^-4", Some(6.23e-4)), ("2 × 10^3", Some(2000.0)), ("3", Some(3.0))]
        );
    }

    #[test]
    fn powers_with_a_caret_or_superscripts() {
        let close = |text: &str, want: &[(&str, f64)]| {
            let got = numbers(text);
            assert_eq!(got.len(), want.len(), "{text:?}: {got:?}");
            for ((g, v), (w, x)) in got.iter().zip(want) {
                assert_eq!(g, w, "{text:?}");
                assert!(v.is_some_and(|v| (v - x).abs() <= x.abs() * 1e-12), "{text:?}: {v:?} != {x}");
            }
        };
        close(
            "1.05^10, 3^+2, 4^-1 and -20^-2",
            &[("1.05^10", 1.05f64.powi(10)), ("3^+2", 9.0), ("4^-1", 0.25), ("-20^-2", -0.0025)],
        );
        close("10^6 cells and 2^10", &[("10^6", 1e6), ("2^10", 1024.0)]);
        close("exactly 4x2^10 bits", &[("4x2^10", 4096.0)]);
        close("6.1×10⁻⁴ and 3x10⁶", &[("6.1×10⁻⁴", 6.1e-4), ("3x10⁶", 3e6)]);
        // The superscript lost in copying: a decimal from 1 to 10 before "x10" and a minus.
        close("a factor of 3.71×10−6, or 7.2x10-3.", &[("3.71×10−6", 3.71e-6), ("7.2x10-3", 7.2e-3)]);
        // Not powers: a caret without digits, a sign doubled, a whole number or a large decimal
        // before "x10-", a base of three digits.
        assert_eq!(numbers("5^ and 2^--3"), [("5", Some(5.0)), ("2", Some(2.0)), ("3", Some(3.0))]);
        assert_eq!(
            numbers("a 3x10-3 grid, 12.5x10-3"),
            [("3", Some(3.0)), ("3", Some(3.0)), ("12.5", Some(12.5)), ("3", Some(3.0))]
        );
        assert_eq!(numbers("2x100^2"), [("2", Some(2.0)), ("2", Some(2.0))]);
    }

    #[test]
    fn glued_letters_are_flagged() {
        let n = scan("3km");
        assert_eq!(n.len(), 1);
        assert!(n[0].glued);
    }

    #[test]
    fn list_commas_are_not_groups() {
        assert_eq!(numbers("1,2,3"), [("1", Some(1.0)), ("2", Some(2.0)), ("3", Some(3.0))]);
        assert_eq!(numbers("1,20"), [("1", Some(1.0)), ("20", Some(20.0))]);
    }

    #[test]
    fn candidates_are_found_at_every_position() {
        let plain = |bytes: &[u8], from: usize| {
            bytes[from..].iter().position(|&b| b.is_ascii_digit() || b == 0xC2 || b == 0xE2).map(|p| from + p)
        };
        // Every byte value at every position of a block, among bytes that are no candidates.
        for b in 0..=255u8 {
            for len in [1, 7, 8, 9, 31, 32, 33, 40, 64, 70, 100] {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    for from in [0, 1, at.saturating_sub(1), at, at + 1].into_iter().filter(|&f| f <= len) {
                        assert_eq!(
                            next_candidate(&bytes, from),
                            plain(&bytes, from),
                            "{b:#x} at {at} of {len} from {from}"
                        );
                    }
                }
            }
        }
        let pieces =
            ["a", " ", "0", "9", "/", ":", "\u{bd}", "\u{2153}", "\u{e9}", "\u{2019}", "xxxxxxxxxxxxxxxxxxxxxxx"];
        for text in crate::testing::random_texts(&pieces, 20_000, 30) {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                assert_eq!(next_candidate(bytes, from), plain(bytes, from), "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn plain_numbers_are_read_as_by_the_general_reader() {
        let pieces = [
            "0",
            "1",
            "7",
            "12",
            "123",
            "2024",
            "999999999",
            ".",
            ",",
            " ",
            "  ",
            "\n",
            "-",
            "+",
            "−",
            "(",
            ")",
            "$",
            "'",
            "\"",
            "[",
            "%",
            ":",
            "/",
            "^",
            "*",
            "x",
            "X",
            "e",
            "st",
            "th",
            "nd",
            "a",
            "_",
            "\u{a0}",
            "\u{202f}",
            "½",
            "×",
            "é",
            "US",
            "mid-",
            "Q",
            "£",
            "€",
            "¥",
            ",000",
            ",00",
            ",12",
            "1,234",
        ];
        let mut plain = 0;
        for text in crate::testing::random_texts(&pieces, 200_000, 12) {
            let bytes = text.as_bytes();
            for start in (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()) {
                if let Some((end, n)) = read_plain(bytes, start) {
                    plain += 1;
                    assert_eq!(read_general(&text, start), (end, Some(n)), "{text:?} at {start}");
                }
            }
        }
        // The fast path was taken often enough to be tested.
        assert!(plain > 20_000, "{plain}");
    }

    #[test]
    fn the_fast_parse_agrees_with_the_text_parse() {
        let pieces = [
            "0",
            "1",
            "2",
            "5",
            "7",
            "9",
            "00",
            "12",
            "999",
            "4503599627370495",
            "9007199254740993",
            ".",
            ",",
            "-",
            "+",
            " ",
            "\u{a0}",
            "^",
            "e",
            "−",
            "½",
        ];
        let exponents = [0, 1, 2, 3, 5, 6, 7, 9, 12, 15, 16, 22, 23, 30, -1, -3, -9, -22, -23, -300, 300, -400, 400];
        let texts = crate::testing::random_texts(&pieces, 200_000, 8).chain(
            ["5.", ".5", ".", "0.0", "0", "1,000,000", "0.1", "3.3", "12,34,567.89", "1 234 567"].map(String::from),
        );
        let mut fast_ones = 0;
        for (i, numeral) in texts.enumerate() {
            let exponent = exponents[i % exponents.len()];
            fast_ones += usize::from(exact_decimal(numeral.as_bytes(), exponent).is_some());
            let (fast, text) = (parse_scaled(&numeral, exponent), parse_scaled_text(&numeral, exponent));
            assert_eq!(fast.map(f64::to_bits), text.map(f64::to_bits), "{numeral:?} e{exponent}");
        }
        // The fast path was taken often enough to be tested.
        assert!(fast_ones > 20_000, "{fast_ones}");
    }

    #[test]
    fn huge_numbers_have_no_value() {
        let digits = "9".repeat(400);
        assert_eq!(parse_value(&digits), None);
        assert_eq!(parse_scaled("1", -400), None);
        assert_eq!(parse_scaled("0.0", -400), Some(0.0));
        assert_eq!(
            numbers("1e400 1e-400 0e-400 1e-320"),
            [("1e400", None), ("1e-400", None), ("0e-400", Some(0.0)), ("1e-320", Some(1e-320))]
        );
        assert_eq!(parse_scaled("1.13", 9), Some(1.13e9));
        assert_eq!(parse_scaled("1.13", 9).unwrap() as u64, 1_130_000_000);
    }
}
