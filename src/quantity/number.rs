//! Numbers written with digits: the atoms every quantity rule starts from.
//!
//! What it matches: `851,200`, `3.3`, `2027`, `0.3`, `1200` — a run of digits with optional
//! comma thousands separators (`\d{1,3}(,\d{3})+`) and an optional decimal part, starting at a
//! word boundary — and a scale word from `data/scales.tsv` after it (`6.52 million`,
//! `1.5 mln`, `1.13bn`), which multiplies the value and belongs to the numeral.
//!
//! Why: scanning for digits by hand is faster than a regex with captures and lets every rule see
//! the same parsed value and shape (grouped, decimal, digit count).
//!
//! Known problems:
//! - a number glued to letters (`3km`, `5G`, `450h`) is returned with `glued = true`; a rule
//!   must consume the letters, otherwise the number is dropped;
//! - a number inside a dotted or dashed name (`ID.4`, `v1.2.3`, `F-150`) is skipped;
//! - space-grouped (`1 200`) and Indian (`1,00,000`) grouping are read as separate numbers.
//!
//! Example: in "sold 851,200 vehicles" the atom spans `851,200` with value 851200.

use std::collections::HashMap;

use crate::data;
use crate::text::{Span, boundary_after, skip_gap, word_starting_at};

/// A number written with digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The numeral's bytes.
    pub span: Span,
    /// Its value; `None` when it does not fit a finite `f64`.
    pub value: Option<f64>,
    /// Digits before the decimal point.
    pub int_digits: usize,
    /// True when written with thousands separators.
    pub grouped: bool,
    /// True when written with a decimal part.
    pub decimal: bool,
    /// True when a letter follows right after the numeral (`3km`).
    pub glued: bool,
    /// The power of ten of a scale word (`million` → 6), when there is one.
    pub scale: Option<i32>,
}

impl Number {
    /// True for a plain integer of exactly four digits (`2027`), the shape of a year.
    pub fn is_year_shaped(&self) -> bool {
        self.int_digits == 4 && self.is_plain_integer()
    }

    /// True for a plain integer without separators, decimals or scale word.
    pub fn is_plain_integer(&self) -> bool {
        !self.grouped && !self.decimal && self.scale.is_none()
    }
}

/// Where a scale word may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// After a space only: "1.2 million".
    Spaced,
    /// After a space or glued to the digits: "1.13bn".
    Both,
}

/// Finds numbers in text; build once.
#[derive(Debug)]
pub struct NumberScanner {
    scales: HashMap<&'static str, (i32, Position)>,
}

impl Default for NumberScanner {
    fn default() -> NumberScanner {
        NumberScanner::new()
    }
}

/// The longest scale word, in bytes.
const MAX_SCALE: usize = 9;

impl NumberScanner {
    /// A scanner with the built-in scale words.
    pub fn new() -> NumberScanner {
        let scales = data::builtin_rows("scales.tsv", data::SCALES)
            .map(|row| {
                let fail = |what: &str| -> ! { panic!("data/scales.tsv:{}: {what}", row.line) };
                let power = row.get(1).parse().unwrap_or_else(|_| fail("bad power"));
                let position = match row.get(2) {
                    "spaced" => Position::Spaced,
                    "both" => Position::Both,
                    _ => fail("position must be spaced or both"),
                };
                if row.get(0).len() > MAX_SCALE {
                    fail("scale word too long");
                }
                (row.get(0), (power, position))
            })
            .collect();
        NumberScanner { scales }
    }

    /// Finds every digit number in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<Number> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(offset) = bytes[i..].iter().position(u8::is_ascii_digit) {
            let start = i + offset;
            let (end, number) = read(text, start);
            if let Some(mut number) = number {
                self.attach_scale(text, &mut number);
                out.push(number);
            }
            i = end.max(start + 1);
        }
        out
    }

    /// Extends `n` over a scale word after it and scales its value.
    fn attach_scale(&self, text: &str, n: &mut Number) {
        let end = n.span.end;
        let start = if n.glued { end } else { skip_gap(text, end) };
        if start == end && !n.glued {
            return;
        }
        let Some((word_end, word)) = word_starting_at(text, start) else { return };
        if word.len() > MAX_SCALE {
            return;
        }
        let mut buf = [0u8; MAX_SCALE];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let Some(&(power, position)) = std::str::from_utf8(lower).ok().and_then(|w| self.scales.get(w)) else {
            return;
        };
        if n.glued && position != Position::Both {
            return;
        }
        n.value = parse_scaled(&text[n.span.start..n.span.end], power);
        n.scale = Some(power);
        n.span.end = word_end;
        n.glued = !boundary_after(text, word_end);
    }
}

/// Finds every digit number in `text` with the built-in scale words.
pub fn scan(text: &str) -> Vec<Number> {
    static SCANNER: std::sync::LazyLock<NumberScanner> = std::sync::LazyLock::new(NumberScanner::new);
    SCANNER.scan(text)
}

/// Reads the number that starts with the digit at `start`. Returns where scanning continues and
/// the number, if the digits form one.
fn read(text: &str, start: usize) -> (usize, Option<Number>) {
    let bytes = text.as_bytes();
    let run_end = |from: usize| from + bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = run_end(start);
    let first_run = end - start;
    let mut grouped = false;
    if first_run <= 3 {
        while bytes.get(end) == Some(&b',') && run_end(end + 1) == end + 4 {
            grouped = true;
            end += 4;
        }
    }
    let int_digits = if grouped { (end - start) - (end - start) / 4 } else { first_run };
    let mut decimal = false;
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        decimal = true;
        end = run_end(end + 1);
    }
    // Skip everything that makes the digits part of a name, version or identifier.
    let embedded = match start.checked_sub(1).map(|p| bytes[p]) {
        None => false,
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => true,
        // "ID.4", "F-150", "l/100km" are names or units; "10-15" and "1986/87" are ranges.
        Some(b'.') => start >= 2 && bytes[start - 2].is_ascii_alphanumeric(),
        Some(b'-' | b'/') => {
            // "mid-2025" and "pre-2020" are prose; short or capitalized words make a name.
            let word = bytes[..start - 1].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
            word > 0 && (word < 3 || bytes[start - 1 - word..start - 1].iter().any(u8::is_ascii_uppercase))
        }
        Some(b) if b >= 0x80 => !crate::text::boundary_before(text, start),
        _ => false,
    };
    let versioned = bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    let more_digits = bytes.get(end).is_some_and(u8::is_ascii_digit)
        || (bytes.get(end) == Some(&b',') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) && grouped);
    if embedded || versioned || more_digits {
        let skip = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b'_'))
                .count();
        return (skip.max(end), None);
    }
    let glued = !crate::text::boundary_after(text, end);
    let span = Span::new(start, end);
    let number =
        Number { span, value: parse_value(&text[start..end]), int_digits, grouped, decimal, glued, scale: None };
    (end, Some(number))
}

/// Parses a numeral (digits, commas, one decimal point) into a finite `f64`.
pub fn parse_value(numeral: &str) -> Option<f64> {
    parse_scaled(numeral, 0)
}

/// Parses a numeral and multiplies it by `10^exponent`, exactly rounded (`1.13` with 9 → 1.13e9).
pub fn parse_scaled(numeral: &str, exponent: i32) -> Option<f64> {
    let mut buf = [0u8; 48];
    let mut len = 0;
    let mut heap = String::new();
    for b in numeral.bytes().filter(|&b| b != b',') {
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
    let value = if heap.is_empty() {
        let digits = std::str::from_utf8(&buf[..len]).ok()?;
        if exponent == 0 { digits.parse::<f64>().ok()? } else { format_exp(digits, exponent).parse::<f64>().ok()? }
    } else if exponent == 0 {
        heap.parse::<f64>().ok()?
    } else {
        format_exp(&heap, exponent).parse::<f64>().ok()?
    };
    value.is_finite().then_some(value)
}

fn format_exp(digits: &str, exponent: i32) -> String {
    format!("{digits}e{exponent}")
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
    fn names_versions_and_ids_are_skipped() {
        assert_eq!(numbers("ID.4 v1.2.3 F-150 RX450h COVID-19 a1b2 e-2008"), []);
        assert_eq!(numbers("mid-2025"), [("2025", Some(2025.0))]);
        assert_eq!(numbers("Level 3"), [("3", Some(3.0))]);
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
    fn scale_words_multiply() {
        assert_eq!(
            numbers("6.52 million vehicles, 1.5 mln dlrs, $1.13bn, 3 Billion, 2 millionaires"),
            [
                ("6.52 million", Some(6.52e6)),
                ("1.5 mln", Some(1.5e6)),
                ("1.13bn", Some(1.13e9)),
                ("3 Billion", Some(3e9)),
                ("2", Some(2.0))
            ]
        );
        assert!(scan("1.13bn").iter().all(|n| !n.glued && n.scale == Some(9)));
    }

    #[test]
    fn huge_numbers_have_no_value() {
        let digits = "9".repeat(400);
        assert_eq!(parse_value(&digits), None);
        assert_eq!(parse_scaled("1.13", 9), Some(1.13e9));
        assert_eq!(parse_scaled("1.13", 9).unwrap() as u64, 1_130_000_000);
    }
}
