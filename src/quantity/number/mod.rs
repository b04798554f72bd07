//! Numbers: the atoms every quantity rule starts from.
//!
//! Two scanners find numbers in the masked text and their results are merged by position:
//! - [`digits`]: `851,200`, `3.3`, `-3.5`, `.5`, `1/2`, `2 1/2`, `1st`, with a scale word after
//!   them from `data/scales.tsv` (`6.52 million`, `1.5 mln`, `$1.13bn`, `20k`);
//! - [`words`]: spelled-out numbers from `data/number_words.tsv`: `two`, `twenty-five`,
//!   `one hundred and twelve`, `a dozen`, `half a million`, `two-thirds`, `first`.
//!
//! A digit number with a scale word takes a smaller group after it (`4 thousand 3 hundred and
//! 21`, `6 crore and two hundred`), and a spelled-out one a group of hundreds after a comma
//! (`three million, two hundred & forty`; see `join_word_groups`). Decimals read aloud with digits or after a lone "point" are
//! one number (`1 point 1`, `point 77`, `point five`; see `join_spoken_decimals` for when
//! "point" is a noun or a unit instead). `minus 4` negates the number after it. Every atom carries its value (scale applied) and its
//! shape, so the rules can tell a year (`2027`) from a count or a name.

pub mod digits;
pub mod words;

use crate::bitset::ByteSet;
use crate::data;
use crate::text::{Span, boundary_after, skip_gap, skip_space_back, word_ending_at};

pub use digits::{parse_scaled, parse_value};

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// With digits: `851,200`.
    Digits,
    /// In words: `twenty-five`.
    Words,
}

/// A number found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The numeral's bytes (sign, scale word and ordinal suffix included).
    pub span: Span,
    /// Its value; `None` when it does not fit a finite `f64`.
    pub value: Option<f64>,
    /// How it is written.
    pub form: Form,
    /// Digits before the decimal point (0 for words).
    pub int_digits: usize,
    /// True when written with thousands separators.
    pub grouped: bool,
    /// True when written with a decimal part.
    pub decimal: bool,
    /// True when a letter follows right after the numeral (`3km`).
    pub glued: bool,
    /// The power of ten of a scale word (`million` → 6), when there is one.
    pub scale: Option<i32>,
    /// True for ordinals: `1st`, `third`.
    pub ordinal: bool,
    /// True for fractions: `1/2`, `two-thirds`, `half`.
    pub fraction: bool,
    /// True when written with a sign or `minus`.
    pub signed: bool,
    /// True when the words say the value is approximate: `a couple of` (2, maybe 3).
    pub approx: bool,
}

impl Number {
    /// A plain atom from the digit scanner.
    pub(crate) fn digits(span: Span, value: Option<f64>) -> Number {
        Number {
            span,
            value,
            form: Form::Digits,
            int_digits: 0,
            grouped: false,
            decimal: false,
            glued: false,
            scale: None,
            ordinal: false,
            fraction: false,
            signed: false,
            approx: false,
        }
    }

    /// True for a plain integer of exactly four digits (`2027`), the shape of a year.
    pub fn is_year_shaped(&self) -> bool {
        self.int_digits == 4 && self.is_plain_integer()
    }

    /// True for a plain integer written with digits, without separators, decimals, sign, scale
    /// word, ordinal suffix or fraction.
    pub fn is_plain_integer(&self) -> bool {
        self.form == Form::Digits
            && !self.grouped
            && !self.decimal
            && self.scale.is_none()
            && !self.ordinal
            && !self.fraction
            && !self.signed
    }

    /// True for a cardinal (not an ordinal).
    pub fn is_cardinal(&self) -> bool {
        !self.ordinal
    }
}

/// Where a scale word may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    /// After a space only: "1.2 million".
    Spaced,
    /// After a space or glued to the digits: "1.13bn".
    Both,
    /// Glued only: "20k".
    Glued,
    /// Glued, and only after a currency symbol: "£600m".
    Money,
}

/// What a scale word multiplies by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Multiplier {
    /// × 10^n, applied exactly to the decimal numeral.
    Power(i32),
    /// × 12.
    Dozen,
}

/// A scale word of `data/scales.tsv`.
#[derive(Debug, Clone, Copy)]
struct Scale {
    surface: &'static str,
    /// Matched as written (`M`, `m`), else in any case.
    case_sensitive: bool,
    multiplier: Multiplier,
    position: Position,
}

/// The vectors [`NumberScanner::scan_in`] works in, kept from one text to the next so that
/// their room is allocated once.
#[derive(Debug, Default)]
pub struct NumberBuffers {
    /// The digit numbers.
    digits: Vec<Number>,
    /// The spelled-out numbers.
    words: Vec<Number>,
    /// Both, merged and joined: the numbers found.
    numbers: Vec<Number>,
}

/// Finds numbers in text; build once.
#[derive(Debug)]
pub struct NumberScanner {
    /// The scale words, grouped by their first letter in lowercase and their length: a group
    /// has one to three words, so a word is looked up by comparing it with them (no hashing, no
    /// lowercase copy), and most words after a number ("the", "more", "to") have no group.
    scales: Vec<Scale>,
    /// The range in `scales` of the words that begin with each letter, `a` to `z`, by length.
    by_shape: [[(u8, u8); MAX_SCALE + 1]; 26],
    /// The first bytes of the scale words, in both cases (a 256-bit set): most words after a
    /// number start with none of them, and need no lookup.
    firsts: ByteSet,
    words: words::WordNumbers,
    /// Words before a lone "point" that make it a decimal point (`data/point_cues.txt`).
    point_cues: Vec<&'static str>,
}

impl Default for NumberScanner {
    fn default() -> NumberScanner {
        NumberScanner::new()
    }
}

/// The longest scale word, in bytes.
const MAX_SCALE: usize = 9;

impl NumberScanner {
    /// A scanner with the built-in scale and number words.
    pub fn new() -> NumberScanner {
        let mut scales: Vec<Scale> = Vec::new();
        for row in data::builtin_rows("scales.tsv", data::SCALES) {
            let fail = |what: &str| -> ! { panic!("data/scales.tsv:{}: {what}", row.line) };
            let multiplier = match row.get(1) {
                "dozen" => Multiplier::Dozen,
                p => Multiplier::Power(p.parse().unwrap_or_else(|_| fail("bad power"))),
            };
            let position = match row.get(2) {
                "spaced" => Position::Spaced,
                "both" => Position::Both,
                "glued" => Position::Glued,
                "money" => Position::Money,
                _ => fail("position must be spaced, both, glued or money"),
            };
            let surface = row.get(0);
            if surface.len() > MAX_SCALE {
                fail("scale word too long");
            }
            if !surface.starts_with(|c: char| c.is_ascii_alphabetic()) {
                fail("scale word must start with a letter");
            }
            let case_sensitive = match row.get(3) {
                "cs" => true,
                "" => false,
                _ => fail("unknown flag"),
            };
            // A later row for the same word replaces an earlier one.
            let same = |s: &Scale| {
                s.case_sensitive == case_sensitive
                    && if case_sensitive { s.surface == surface } else { s.surface.eq_ignore_ascii_case(surface) }
            };
            scales.retain(|s| !same(s));
            scales.push(Scale { surface, case_sensitive, multiplier, position });
        }
        scales.sort_by_key(|s| (s.surface.as_bytes()[0].to_ascii_lowercase(), s.surface.len()));
        let mut by_shape = [[(0u8, 0u8); MAX_SCALE + 1]; 26];
        let mut firsts = ByteSet::default();
        for (i, s) in scales.iter().enumerate() {
            let first = s.surface.as_bytes()[0];
            firsts.insert(first.to_ascii_lowercase());
            firsts.insert(first.to_ascii_uppercase());
            let i = u8::try_from(i).expect("fewer than 256 scale words");
            let range = &mut by_shape[usize::from(first.to_ascii_lowercase() - b'a')][s.surface.len()];
            *range = if range.0 == range.1 { (i, i + 1) } else { (range.0, i + 1) };
        }
        let point_cues = data::words("point_cues.txt", data::POINT_CUES).collect();
        NumberScanner { scales, by_shape, firsts, words: words::WordNumbers::new(), point_cues }
    }

    /// The scale word `word`: as written among the case-sensitive ones, else in any case.
    fn scale(&self, word: &str) -> Option<(Multiplier, Position)> {
        let first = word.as_bytes().first()?.to_ascii_lowercase();
        let &(from, to) = self.by_shape.get(usize::from(first.wrapping_sub(b'a')))?.get(word.len())?;
        let group = &self.scales[usize::from(from)..usize::from(to)];
        group
            .iter()
            .find(|s| s.case_sensitive && s.surface == word)
            .or_else(|| group.iter().find(|s| !s.case_sensitive && s.surface.eq_ignore_ascii_case(word)))
            .map(|s| (s.multiplier, s.position))
    }

    /// Finds every number in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<Number> {
        self.scan_with(text, None)
    }

    /// As [`scan`](Self::scan), with the positions that may start a word when they are known
    /// ([`Segmentation::word_starts`](crate::segment::Segmentation::word_starts)).
    pub fn scan_with(&self, text: &str, word_starts: Option<&[u32]>) -> Vec<Number> {
        let mut buffers = NumberBuffers::default();
        self.scan_in(text, word_starts, &mut buffers);
        buffers.numbers
    }

    /// As [`scan_with`](Self::scan_with), in `buffers` (their earlier numbers dropped).
    pub fn scan_in<'b>(&self, text: &str, word_starts: Option<&[u32]>, buffers: &'b mut NumberBuffers) -> &'b [Number] {
        let NumberBuffers { digits: found, words: spelled, numbers: out } = buffers;
        digits::scan_into(text, found);
        for n in found.iter_mut() {
            if n.ordinal || n.fraction {
                continue;
            }
            // "5 and a half minutes".
            if n.is_plain_integer()
                && !n.glued
                && let Some((end, fraction)) = self.words.fraction_after(text, n.span.end)
            {
                n.value = n.value.map(|v| v + fraction);
                n.span.end = end;
                n.fraction = true;
                continue;
            }
            // "3 million and a half": half of the scale.
            if self.attach_scale(text, n, false)
                && let Some(power) = n.scale.filter(|p| *p >= 3)
                && let Some((end, fraction)) = self.words.fraction_after(text, n.span.end)
            {
                n.value = n.value.map(|v| v + fraction * 10f64.powi(power));
                n.span.end = end;
            }
        }
        match word_starts {
            Some(starts) => self.words.scan_at_into(text, starts.iter().map(|&s| s as usize), spelled),
            None => self.words.scan_at_into(text, crate::swar::word_starts(text.as_bytes()), spelled),
        }
        for n in spelled.iter_mut() {
            // "one mln shares": an abbreviation after a spelled-out number.
            self.attach_scale(text, n, false);
        }
        if spelled.is_empty() {
            // Most texts have no spelled-out number: the digit numbers are all, without a copy
            // (the vectors trade places, and keep their room).
            std::mem::swap(found, out);
        } else {
            merge(found, spelled, out);
        }
        self.join_spoken_decimals(text, out);
        for n in out.iter_mut() {
            negate_after_minus(text, n);
        }
        join_mixed_fractions(text, out);
        join_scaled_groups(text, out);
        self.join_word_groups(text, out);
        join_restatements(text, out);
        out
    }

    /// `three million, two hundred and forty` → 3000240: a spelled-out number that ends in a
    /// scale word, a comma, and a spelled-out group of hundreds with a smaller part (101 to 999,
    /// not a multiple of a hundred), as cheques and contracts write numbers. A round group
    /// stays apart: in "of the three thousand, two hundred were held" the two hundred are some
    /// of the three thousand.
    fn join_word_groups(&self, text: &str, numbers: &mut Vec<Number>) {
        let mut i = 0;
        while i + 1 < numbers.len() {
            let (a, b) = (numbers[i], numbers[i + 1]);
            let words = |n: &Number| n.form == Form::Words && !n.ordinal && !n.fraction && !n.approx && !n.signed;
            if !words(&a) || !words(&b) || &text[a.span.end..b.span.start] != ", " {
                i += 1;
                continue;
            }
            let group = b.value.is_some_and(|v| (101.0..1000.0).contains(&v) && v % 100.0 != 0.0 && v.fract() == 0.0);
            if group
                && b.scale.is_none()
                && a.value.is_some_and(|v| v.fract() == 0.0)
                && self.words.final_scale(text, &a).is_some_and(|p| p >= 3)
            {
                numbers[i].value = a.value.zip(b.value).map(|(x, y)| x + y);
                numbers[i].span.end = b.span.end;
                numbers[i].glued = b.glued;
                numbers.remove(i + 1);
                continue;
            }
            i += 1;
        }
    }

    /// Extends `n` over a scale word after it and scales its value. With `after_currency`, the
    /// money-only scales (`m`, `b`) count too.
    ///
    /// Inlined up to the first byte of the word after the number, where most numbers end
    /// (every digit number is asked), without a call.
    #[inline]
    pub(crate) fn attach_scale(&self, text: &str, n: &mut Number, after_currency: bool) -> bool {
        if n.scale.is_some() || n.ordinal || n.fraction {
            return false;
        }
        let end = n.span.end;
        let start = if n.glued { end } else { skip_gap(text, end) };
        if start == end && !n.glued {
            return false;
        }
        let Some(&first) = text.as_bytes().get(start) else { return false };
        if !self.firsts.contains(first) {
            return false;
        }
        self.attach_scale_at(text, n, start, after_currency)
    }

    /// [`attach_scale`](Self::attach_scale) with the word after the number at `start`, whose
    /// first byte begins a scale word.
    #[inline(never)]
    fn attach_scale_at(&self, text: &str, n: &mut Number, start: usize, after_currency: bool) -> bool {
        // The word's letters (a longer run is no scale word), looked up before the boundary
        // after them is checked: most words are no scale words.
        let len = text.as_bytes()[start..].iter().take(MAX_SCALE + 1).take_while(|b| b.is_ascii_alphabetic()).count();
        if len > MAX_SCALE {
            return false;
        }
        let word_end = start + len;
        let Some((multiplier, position)) = self.scale(&text[start..word_end]) else {
            return false;
        };
        if !boundary_after(text, word_end) {
            return false;
        }
        // "3 hundred" and "3 dozens" scale digits; spelled numbers fold those words themselves.
        if n.form == Form::Words && (multiplier == Multiplier::Dozen || multiplier == Multiplier::Power(2)) {
            return false;
        }
        let allowed = match position {
            Position::Spaced => !n.glued,
            Position::Both => true,
            Position::Glued => n.glued,
            Position::Money => n.glued && after_currency,
        };
        if !allowed {
            return false;
        }
        let power = match multiplier {
            Multiplier::Power(p) => p,
            Multiplier::Dozen => 0,
        };
        n.value = match (n.form, multiplier) {
            // "1.3e6 million": the numeral has an exponent, which `parse_scaled` does not read.
            (Form::Digits, Multiplier::Power(p))
                if text.as_bytes()[n.span.start..n.span.end].iter().any(|&b| (b | 0x20) == b'e') =>
            {
                n.value.map(|v| v * 10f64.powi(p))
            }
            (Form::Digits, Multiplier::Power(p)) => {
                let numeral = &text[n.span.start..n.span.end];
                let negative = numeral.starts_with(['-', '−']);
                parse_scaled(numeral.trim_start_matches(['+', '-', '−']), p).map(|v| if negative { -v } else { v })
            }
            (_, Multiplier::Dozen) => n.value.map(|v| v * 12.0),
            (Form::Words, Multiplier::Power(p)) => n.value.map(|v| v * 10f64.powi(p)),
        }
        // "1.5e308 dozen": a value that overflows is no value.
        .filter(|v| v.is_finite());
        n.scale = Some(power);
        n.span.end = word_end;
        n.glued = !boundary_after(text, word_end);
        true
    }
}

impl NumberScanner {
    /// `1 point 1` → 1.1, `2 point 5 million` → 2.5e6, `point 77` → 0.77, `point five` → 0.5:
    /// decimals read aloud with digits, or after a lone "point" (spelled-out numbers before
    /// "point" are read by [`words`]: "nine point five").
    ///
    /// "point" is also a noun and a unit, so: between two numbers, the first must be a plain
    /// integer (in "0.60 point six-monthly coupons" and "a 60 point plan" the points are a
    /// unit) and the second plain digits; a lone "point" must be lowercase and start the phrase
    /// — nothing but punctuation before it, or a cue word (`data/point_cues.txt`: "by point
    /// five") — because after other words it is a noun ("the turning point two years ago", "at
    /// that point two men", "Nine Mile Point Two"). A number followed by "of" or a hyphenated
    /// word is not a decimal ("point 3 of the plan", "point six-monthly").
    fn join_spoken_decimals(&self, text: &str, numbers: &mut Vec<Number>) {
        let mut i = 0;
        while i < numbers.len() {
            let Some(point) = point_before(text, numbers[i].span.start) else {
                i += 1;
                continue;
            };
            let n = numbers[i];
            let tail_ok =
                |end: usize| !text[end..].starts_with('-') && crate::text::phrase_after(text, end, &["of"]).is_none();
            // "1 point 1": the integer before "point" is the previous atom.
            let before = skip_space_back(text, point);
            if i > 0
                && numbers[i - 1].span.end == before
                && numbers[i - 1].is_plain_integer()
                && !numbers[i - 1].glued
                && let Some(digits) = decimal_digits(text, &n)
                && tail_ok(n.span.end)
            {
                let a = &numbers[i - 1];
                let whole = &text[a.span.start..a.span.end];
                let value = joined_decimal(whole, digits, n.scale.unwrap_or(0));
                let a = &mut numbers[i - 1];
                a.value = value;
                a.span.end = n.span.end;
                a.decimal = true;
                a.scale = n.scale;
                a.glued = n.glued;
                numbers.remove(i);
                continue;
            }
            if !self.starts_phrase(text, point) {
                i += 1;
                continue;
            }
            // "point 77", "point five", "point zero three million".
            let read = match n.form {
                Form::Digits => decimal_digits(text, &n)
                    .map(|digits| (n.span.end, joined_decimal("0", digits, n.scale.unwrap_or(0)))),
                Form::Words if !n.ordinal && !n.fraction && !n.approx => {
                    self.words.after_point(text, n.span.start).map(|(end, v)| (end, Some(v)))
                }
                Form::Words => None,
            };
            if let Some((end, value)) = read
                && tail_ok(end)
            {
                let m = &mut numbers[i];
                m.span = Span::new(point, end);
                m.value = value;
                m.decimal = true;
                m.form = n.form;
                m.glued = !boundary_after(text, end);
                if end != n.span.end {
                    m.scale = None;
                    m.int_digits = 0;
                }
                // "point zero three": the digit words after the first were atoms of their own.
                while numbers.get(i + 1).is_some_and(|next| next.span.start < end) {
                    numbers.remove(i + 1);
                }
            }
            i += 1;
        }
    }

    /// True when the lone "point" at `point` starts a number: lowercase, and nothing but
    /// punctuation or a cue word before it.
    fn starts_phrase(&self, text: &str, point: usize) -> bool {
        if &text[point..point + 5] != "point" {
            return false;
        }
        let before = skip_space_back(text, point);
        match text[..before].bytes().next_back() {
            None => true,
            Some(b) if b.is_ascii_alphabetic() => word_ending_at(text, before)
                .is_some_and(|(_, w)| self.point_cues.iter().any(|c| c.eq_ignore_ascii_case(w))),
            Some(b) => !b.is_ascii_digit(),
        }
    }
}

/// The start of the word "point" (any case) when it stands right before `pos`, spaces between.
fn point_before(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most numbers have no "t" and a space before them: one byte comparison each.
    if pos < 6 || bytes[pos - 1] != b' ' {
        return None;
    }
    let end = skip_space_back(text, pos);
    if pos - end > crate::text::MAX_GAP || !bytes[end - 1].eq_ignore_ascii_case(&b't') {
        return None;
    }
    word_ending_at(text, end).filter(|(_, w)| w.eq_ignore_ascii_case("point")).map(|(start, _)| start)
}

/// The digits of `n` read as decimals after "point": plain digits, maybe with a scale word
/// ("5 million"), no sign, separator, decimal point, fraction or ordinal suffix.
fn decimal_digits<'t>(text: &'t str, n: &Number) -> Option<&'t str> {
    let plain = n.form == Form::Digits && !n.grouped && !n.decimal && !n.signed && !n.fraction && !n.ordinal;
    // Nothing but the digits and a scale word: no exponent ("5e3").
    let bare = match n.scale {
        Some(_) => !text[n.span.start + n.int_digits..].starts_with(['e', 'E']),
        None => n.span.len() == n.int_digits,
    };
    let digits = text.get(n.span.start..n.span.start + n.int_digits)?;
    (plain && bare && n.int_digits > 0 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// `whole`.`digits` × 10^`power`, rounded once.
fn joined_decimal(whole: &str, digits: &str, power: i32) -> Option<f64> {
    let mut buf = [0u8; 64];
    let len = whole.len() + 1 + digits.len();
    let numeral = buf.get_mut(..len)?;
    numeral[..whole.len()].copy_from_slice(whole.as_bytes());
    numeral[whole.len()] = b'.';
    numeral[whole.len() + 1..].copy_from_slice(digits.as_bytes());
    parse_scaled(std::str::from_utf8(numeral).ok()?, power)
}

/// Merges digit and word atoms by start into `out`; a word atom overlapping a digit atom is
/// dropped.
fn merge(digits: &[Number], words: &[Number], out: &mut Vec<Number>) {
    out.clear();
    out.reserve(digits.len() + words.len());
    let (mut d, mut w) = (digits.iter().copied().peekable(), words.iter().copied().peekable());
    loop {
        let take_digit = match (d.peek(), w.peek()) {
            (Some(a), Some(b)) => a.span.start <= b.span.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_digit { d.next() } else { w.next() };
        let Some(next) = next else { break };
        if out.last().is_some_and(|prev: &Number| prev.span.overlaps(next.span)) {
            if next.form == Form::Digits {
                out.pop();
                out.push(next);
            }
            continue;
        }
        out.push(next);
    }
}

/// `minus 4` → -4.
fn negate_after_minus(text: &str, n: &mut Number) {
    let p = skip_space_back(text, n.span.start);
    if p == n.span.start || n.signed {
        return;
    }
    // Both words end in "us" or "ve"; most words before a number do not, and need no lookup.
    if p < 2 || !matches!([text.as_bytes()[p - 2] | 0x20, text.as_bytes()[p - 1] | 0x20], [b'u', b's'] | [b'v', b'e']) {
        return;
    }
    if let Some((start, word)) = word_ending_at(text, p)
        && (word.eq_ignore_ascii_case("minus") || word.eq_ignore_ascii_case("negative"))
    {
        n.value = n.value.map(|v| -v);
        n.span.start = start;
        n.signed = true;
    }
}

/// `2 1/2` and `83-3/4` (wire copy) → 2.5 and 83.75: an integer followed by a space or a hyphen
/// and a digit fraction.
fn join_mixed_fractions(text: &str, numbers: &mut Vec<Number>) {
    let mut i = 0;
    while i + 1 < numbers.len() {
        let (a, b) = (numbers[i], numbers[i + 1]);
        // The gap is looked at only before a digit fraction, which few numbers are.
        if !(b.fraction && b.form == Form::Digits && a.is_plain_integer()) {
            i += 1;
            continue;
        }
        let gap = &text[a.span.end..b.span.start];
        let spaced = !gap.is_empty() && gap.len() <= crate::text::MAX_GAP && gap.bytes().all(|c| c == b' ');
        if spaced || gap == "-" {
            numbers[i].value = a.value.zip(b.value).map(|(x, y)| x + y);
            numbers[i].span.end = b.span.end;
            numbers[i].fraction = true;
            numbers[i].int_digits = a.int_digits;
            numbers.remove(i + 1);
        }
        i += 1;
    }
}

/// `4 thousand 3 hundred and 21` → 4321, `3 hundred and one` → 301, `6 crore and two hundred`
/// → 60000200: a whole number written with digits and a scale word, followed by a smaller group
/// that completes it. The smaller group is a digit number with a smaller scale word right after
/// (`4 thousand 3 hundred`), or after "and" a number below 100 when the scale is "hundred"
/// (`3 hundred and 21`), or a spelled-out group of hundreds (`6 crore and two hundred`). Lists
/// and ranges are not groups: `25 billion and 30 pct`, `1.14 billion and 560.7 mln`, `400
/// billion 10 years`, `between 3 hundred and 50`.
fn join_scaled_groups(text: &str, numbers: &mut Vec<Number>) {
    let whole =
        |n: &Number| !n.decimal && !n.fraction && !n.ordinal && !n.glued && n.value.is_some_and(|v| v.fract() == 0.0);
    let mut i = 0;
    while i + 1 < numbers.len() {
        let a = numbers[i];
        let Some(mut power) = a.scale.filter(|p| *p >= 2) else {
            i += 1;
            continue;
        };
        if a.form != Form::Digits
            || !whole(&a)
            || crate::text::word_before(text, a.span.start).is_some_and(|(_, w)| w.eq_ignore_ascii_case("between"))
        {
            i += 1;
            continue;
        }
        while let Some(b) = numbers.get(i + 1).copied() {
            let gap = &text[numbers[i].span.end..b.span.start];
            let spaced = !gap.is_empty() && gap.len() <= crate::text::MAX_GAP && gap.bytes().all(|c| c == b' ');
            let and = gap.len() >= 5
                && gap.starts_with(' ')
                && gap.ends_with(' ')
                && gap.trim_matches(' ').eq_ignore_ascii_case("and");
            let Some(v) = b.value.filter(|v| *v >= 1.0 && *v < 10f64.powi(power)) else { break };
            let hundreds = b.form == Form::Words && v >= 100.0;
            let fits = whole(&b)
                && !b.signed
                && if and {
                    (power == 2 && b.scale.is_none() && v < 100.0) || hundreds
                } else {
                    spaced && (hundreds || (b.form == Form::Digits && b.scale.is_some_and(|q| (2..power).contains(&q))))
                };
            if !fits {
                break;
            }
            let n = &mut numbers[i];
            n.value = n.value.map(|x| if x < 0.0 { x - v } else { x + v });
            n.span.end = b.span.end;
            power = match b.scale {
                Some(q) => q,
                None if hundreds => 2,
                None => 0,
            };
            numbers.remove(i + 1);
        }
        i += 1;
    }
}

/// `ten (10) days`, `45 (forty-five)`: a number restated in the other form in parentheses
/// right after it, as contracts and notices write them, is one number; its span takes the
/// parentheses. Different values stay apart (`800,000 (one mln)`).
fn join_restatements(text: &str, numbers: &mut Vec<Number>) {
    let mut i = 0;
    while i + 1 < numbers.len() {
        let (a, b) = (numbers[i], numbers[i + 1]);
        // The gap is looked at only between equal values written in both forms.
        if a.form != b.form
            && !a.ordinal
            && !b.ordinal
            && a.value.is_some()
            && a.value == b.value
            && matches!(&text[a.span.end..b.span.start], " (" | "(")
            && text[b.span.end..].starts_with(')')
        {
            numbers[i].span.end = b.span.end + 1;
            numbers[i].glued = !crate::text::boundary_after(text, b.span.end + 1);
            numbers.remove(i + 1);
        }
        i += 1;
    }
}

/// Finds every number in `text` with the built-in tables.
pub fn scan(text: &str) -> Vec<Number> {
    static SCANNER: std::sync::LazyLock<NumberScanner> = std::sync::LazyLock::new(NumberScanner::new);
    SCANNER.scan(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap as HashMap;

    fn numbers(text: &str) -> Vec<(&str, Option<f64>)> {
        scan(text).iter().map(|n| (&text[n.span.start..n.span.end], n.value)).collect()
    }

    #[test]
    fn scale_words_multiply() {
        assert_eq!(
            numbers("6.52 million vehicles, 1.5 mln dlrs, $1.13bn, 3 Billion, 20k, 2 millionaires"),
            [
                ("6.52 million", Some(6.52e6)),
                ("1.5 mln", Some(1.5e6)),
                ("1.13bn", Some(1.13e9)),
                ("3 Billion", Some(3e9)),
                ("20k", Some(20e3)),
                ("2", Some(2.0))
            ]
        );
        assert!(scan("1.13bn").iter().all(|n| !n.glued && n.scale == Some(9)));
        // "m" is million only after a currency, which the money rule decides.
        assert_eq!(numbers("600m"), [("600", Some(600.0))]);
        assert_eq!(
            numbers("10M, 1MM, 2mil, 13 lakh, 1 crore, 3 hundred, 3 dozens, 10 tln"),
            [
                ("10M", Some(1e7)),
                ("1MM", Some(1e6)),
                ("2mil", Some(2e6)),
                ("13 lakh", Some(1.3e6)),
                ("1 crore", Some(1e7)),
                ("3 hundred", Some(300.0)),
                ("3 dozens", Some(36.0)),
                ("10 tln", Some(1e13))
            ]
        );
    }

    #[test]
    fn scale_words_are_found_as_by_a_lookup_of_each_case() {
        // The specification: one map of the case-sensitive words, one of the others in lowercase.
        let (mut exact, mut folded) = (HashMap::default(), HashMap::default());
        for row in data::builtin_rows("scales.tsv", data::SCALES) {
            let key = (row.get(1).to_string(), row.get(2).to_string());
            match row.get(3) {
                "cs" => exact.insert(row.get(0).to_string(), key),
                _ => folded.insert(row.get(0).to_ascii_lowercase(), key),
            };
        }
        let scanner = NumberScanner::new();
        let described = |found: Option<(Multiplier, Position)>| {
            found.map(|(m, p)| {
                let m = match m {
                    Multiplier::Power(p) => p.to_string(),
                    Multiplier::Dozen => "dozen".to_string(),
                };
                (m, format!("{p:?}").to_ascii_lowercase())
            })
        };
        let mut words: Vec<String> = ["", "x", "é", "Mé", "mn1", "M M", "zz", "Z"].map(String::from).to_vec();
        for w in exact.keys().chain(folded.keys()) {
            for v in [w.clone(), w.to_ascii_uppercase(), w.to_ascii_lowercase(), format!("{w}s"), format!("{w}x")] {
                let mut capital = v.clone();
                capital[..1].make_ascii_uppercase();
                words.extend([v.clone(), capital, v[..v.len() - 1].to_string()]);
            }
        }
        for w in &words {
            let lower = w.to_ascii_lowercase();
            let want = exact.get(w.as_str()).or_else(|| folded.get(&lower)).cloned();
            assert_eq!(described(scanner.scale(w)), want, "{w:?}");
        }
    }

    #[test]
    fn scale_words_after_an_exponent_or_overflowing() {
        assert_eq!(numbers("1.3e6 million"), [("1.3e6 million", Some(1.3e12))]);
        assert_eq!(numbers("1e308 billion, 1.5e308 dozen"), [("1e308 billion", None), ("1.5e308 dozen", None)]);
    }

    #[test]
    fn digits_and_words_merge_in_order() {
        assert_eq!(
            numbers("two plants, 3 lines and twenty-five robots"),
            [("two", Some(2.0)), ("3", Some(3.0)), ("twenty-five", Some(25.0))]
        );
    }

    #[test]
    fn digits_and_a_half() {
        assert_eq!(
            numbers("5 and a half minutes, 2 and three quarters"),
            [("5 and a half", Some(5.5)), ("2 and three quarters", Some(2.75))]
        );
        assert_eq!(numbers("3 million and a half"), [("3 million and a half", Some(3_500_000.0))]);
        // The article may be left out; a name, a compound or a numbered quarter is no fraction.
        assert_eq!(numbers("1 and half, 1 and quarter"), [("1 and half", Some(1.5)), ("1 and quarter", Some(1.25))]);
        assert_eq!(numbers("Halo 2 and Half Life 2"), [("2", Some(2.0)), ("2", Some(2.0))]);
        assert_eq!(numbers("in 2003 and quarter four"), [("2003", Some(2003.0)), ("four", Some(4.0))]);
        assert_eq!(numbers("won 2 and quarter-finals"), [("2", Some(2.0))]);
        assert_eq!(numbers("-4/5 and 2  1/4"), [("-4/5", Some(-0.8)), ("2  1/4", Some(2.25))]);
    }

    #[test]
    fn abbreviated_scales_after_words() {
        assert_eq!(numbers("one mln shares"), [("one mln", Some(1e6))]);
    }

    #[test]
    fn signs_and_minus() {
        assert_eq!(
            numbers("-3.5% and minus 4 and (−2) and negative 5"),
            [("-3.5", Some(-3.5)), ("minus 4", Some(-4.0)), ("−2", Some(-2.0)), ("negative 5", Some(-5.0))]
        );
        assert_eq!(numbers("-1.5 mln"), [("-1.5 mln", Some(-1.5e6))]);
    }

    #[test]
    fn digits_with_scale_words_in_groups() {
        assert_eq!(numbers("4 thousand 3 hundred and 21 is"), [("4 thousand 3 hundred and 21", Some(4321.0))]);
        assert_eq!(numbers("3 hundred and one"), [("3 hundred and one", Some(301.0))]);
        assert_eq!(numbers("give you 3 hundred and 21 yuan"), [("3 hundred and 21", Some(321.0))]);
        assert_eq!(numbers("6 crore and two hundred"), [("6 crore and two hundred", Some(60_000_200.0))]);
        assert_eq!(numbers("4 thousand 3 hundred and 0"), [("4 thousand 3 hundred", Some(4300.0)), ("0", Some(0.0))]);
        assert_eq!(numbers("3 dzs, 2 hundred dozens"), [("3 dzs", Some(36.0)), ("2 hundred", Some(200.0))]);
        // Lists and ranges stay apart.
        assert_eq!(
            numbers("25 billion and 30 pct, 1.14 billion and 560.7 mln, 400 billion 10 years"),
            [
                ("25 billion", Some(25e9)),
                ("30", Some(30.0)),
                ("1.14 billion", Some(1.14e9)),
                ("560.7 mln", Some(560.7e6)),
                ("400 billion", Some(400e9)),
                ("10", Some(10.0))
            ]
        );
        assert_eq!(numbers("between 3 hundred and 50"), [("3 hundred", Some(300.0)), ("50", Some(50.0))]);
        assert_eq!(numbers("2 million 3 million"), [("2 million", Some(2e6)), ("3 million", Some(3e6))]);
    }

    #[test]
    fn spelled_groups_after_a_comma() {
        assert_eq!(
            numbers("two million, four hundred & sixty-one; five thousand, three hundred and two"),
            [
                ("two million, four hundred & sixty-one", Some(2_000_461.0)),
                ("five thousand, three hundred and two", Some(5302.0))
            ]
        );
        assert_eq!(numbers("nine hundred & twelve"), [("nine hundred & twelve", Some(912.0))]);
        // A round group, a small number or digits stay apart.
        assert_eq!(
            numbers("of the three thousand, two hundred were held"),
            [("three thousand", Some(3000.0)), ("two hundred", Some(200.0))]
        );
        assert_eq!(numbers("three billion, one banker said"), [("three billion", Some(3e9)), ("one", Some(1.0))]);
        assert_eq!(numbers("3 million, 240"), [("3 million", Some(3e6)), ("240", Some(240.0))]);
    }

    #[test]
    fn restated_in_parentheses() {
        assert_eq!(numbers("forty-five (45)"), [("forty-five (45)", Some(45.0))]);
        assert_eq!(numbers("45 (forty five)"), [("45 (forty five)", Some(45.0))]);
        assert_eq!(numbers("within ten (10) days"), [("ten (10)", Some(10.0))]);
        assert_eq!(numbers("800,000 (one mln)"), [("800,000", Some(800_000.0)), ("one mln", Some(1e6))]);
        assert_eq!(numbers("3 (3)"), [("3", Some(3.0)), ("3", Some(3.0))]);
    }

    #[test]
    fn decimals_read_aloud() {
        assert_eq!(numbers("1 point 1"), [("1 point 1", Some(1.1))]);
        assert_eq!(
            numbers("1 point 05, 2 point 5 million"),
            [("1 point 05", Some(1.05)), ("2 point 5 million", Some(2.5e6))]
        );
        assert_eq!(numbers("minus 1 point 5"), [("minus 1 point 5", Some(-1.5))]);
        assert_eq!(numbers("point 77"), [("point 77", Some(0.77))]);
        assert_eq!(numbers("point five"), [("point five", Some(0.5))]);
        assert_eq!(numbers("(point zero three)"), [("point zero three", Some(0.03))]);
        assert_eq!(numbers("by point two five million"), [("point two five million", Some(250_000.0))]);
        assert_eq!(numbers("minus point 3"), [("minus point 3", Some(-0.3))]);
    }

    #[test]
    fn points_that_are_no_decimal_point() {
        // A noun or a unit: the numbers stay as they are.
        assert_eq!(numbers("the turning point two years ago"), [("two", Some(2.0))]);
        assert_eq!(numbers("at that point two men"), [("two", Some(2.0))]);
        assert_eq!(numbers("used to point two lasers"), [("two", Some(2.0))]);
        assert_eq!(numbers("Nine Mile Point Two"), [("Nine", Some(9.0)), ("Two", Some(2.0))]);
        assert_eq!(numbers("point 3 of the plan"), [("3", Some(3.0))]);
        assert_eq!(numbers("a 60 point plan"), [("60", Some(60.0))]);
        assert_eq!(numbers("cut by 0.60 point 6"), [("0.60", Some(0.6)), ("6", Some(6.0))]);
        assert_eq!(numbers("0.60 point six-monthly coupons"), [("0.60", Some(0.6)), ("six", Some(6.0))]);
        assert_eq!(numbers("fell 20 points to 1,200"), [("20", Some(20.0)), ("1,200", Some(1200.0))]);
        assert_eq!(numbers("12 point 1,000"), [("12", Some(12.0)), ("1,000", Some(1000.0))]);
        assert_eq!(numbers("1 point 5e3"), [("1", Some(1.0)), ("5e3", Some(5000.0))]);
    }

    #[test]
    fn mixed_fractions() {
        assert_eq!(numbers("2 1/2 years"), [("2 1/2", Some(2.5))]);
        assert_eq!(numbers("div 2-1/2 cts, at 83-3/4"), [("2-1/2", Some(2.5)), ("83-3/4", Some(83.75))]);
    }
}
