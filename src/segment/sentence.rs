//! Sentences: the UAX #29 sentence-boundary rules, applied directly to each paragraph, with soft
//! line breaks read as spaces, repaired after abbreviations.
//!
//! A sentence ends after a terminator (`.`, `!`, `?` and their CJK, Arabic and Devanagari
//! forms), the closing quotes and brackets and the spaces after it, unless (UAX #29 SB6–SB8a):
//! a period is followed right away by a digit ("3.3") or sits between letters with a capital
//! right after it ("U.S"); the next letter after a period is lower case ("e.g. the"); or the next
//! character continues the sentence (`,` `;` `:` `-` `–` `—`, another terminator). Combining marks
//! and format characters belong to the character before them (SB5).
//!
//! The rules are applied by one scan over the bytes that only decodes characters around a
//! terminator: ten times faster than the general UAX #29 iterator, with the same boundaries on
//! news text (the tests check both on the corpus). In an ASCII paragraph whose line breaks are
//! soft (or absent) only `.`, `!` and `?` can end a sentence, and the scan goes from one punctuation mark
//! to the next, as the word pass found them (one bit per byte). The characters after a terminator are classified once each (ASCII ones by a
//! table), and the piece before it is trimmed and checked for a letter byte by byte while it is
//! ASCII; an abbreviation is looked up only for a word short enough and with the right first
//! letter.
//!
//! UAX #29 breaks after a period followed by a space and a capital, which splits "Mr. Smith"
//! and "Feb. 5 Toyota said". After such a break, the pieces are joined again when the first
//! ends in an abbreviation from `data/abbreviations.tsv` (titles always; month abbreviations and
//! `No.` only before a digit).
//!
//! Pieces without any letter or digit (the remains of a masked image line, a row of dashes) are
//! not sentences.
//!
//! Known problems: "U.S." at the end of a sentence followed by a capital is a boundary (correct
//! there) and in the middle of one ("the U.S. Commerce Department") a false one.

use rustc_hash::FxHashMap as HashMap;

use crate::data;
use crate::swar;

use crate::text::Span;

/// When a piece ending in an abbreviation joins the next piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Always,
    BeforeDigit,
}

/// Splits paragraphs into sentences.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    /// The abbreviations, as bytes: looked up with the bytes before a period.
    abbreviations: HashMap<&'static [u8], Join>,
    /// The length of the longest abbreviation, and the bytes abbreviations start with.
    longest: usize,
    firsts: [bool; 256],
}

impl Default for SentenceSplitter {
    fn default() -> SentenceSplitter {
        let abbreviations: HashMap<&'static [u8], Join> = data::builtin_rows("abbreviations.tsv", data::ABBREVIATIONS)
            .map(|row| {
                let join = match row.get(1) {
                    "always" => Join::Always,
                    "digit" => Join::BeforeDigit,
                    other => panic!("data/abbreviations.tsv:{}: unknown join {other:?}", row.line),
                };
                (row.get(0).as_bytes(), join)
            })
            .collect();
        let longest = abbreviations.keys().map(|a| a.len()).max().unwrap_or(0);
        let mut firsts = [false; 256];
        for a in abbreviations.keys() {
            if let Some(&b) = a.first() {
                firsts[usize::from(b)] = true;
            }
        }
        SentenceSplitter { abbreviations, longest, firsts }
    }
}

impl SentenceSplitter {
    /// Appends the sentences of the paragraph `span` of `text` to `out`. `wrapped` says whether
    /// the paragraph holds soft line breaks.
    pub fn split(&self, text: &str, span: Span, wrapped: bool, out: &mut Vec<Span>) {
        self.split_paragraph(text, span, wrapped, None, out);
    }

    /// [`SentenceSplitter::split`], told what the word pass knows of `text`.
    pub(crate) fn split_paragraph(
        &self,
        text: &str,
        span: Span,
        wrapped: bool,
        known: Option<Punctuation<'_>>,
        out: &mut Vec<Span>,
    ) {
        let raw = &text[span.start..span.end];
        let first = out.len();
        // The pieces are looked at as bytes (their ends are character boundaries, which a string
        // slice would check again each time).
        let push = |start: usize, end: usize, out: &mut Vec<Span>| {
            let Some(piece) = trim(raw, start, end) else { return };
            if !has_alphanumeric(raw, piece) {
                return;
            }
            let sentence = Span::new(span.start + piece.start, span.start + piece.end);
            if out.len() > first {
                let prev = out[out.len() - 1];
                if self.joins(&text.as_bytes()[prev.start..prev.end], &raw.as_bytes()[piece.start..piece.end]) {
                    out.last_mut().expect("checked above").end = sentence.end;
                    return;
                }
            }
            out.push(sentence);
        };
        // Only terminators can end a sentence in an ASCII paragraph whose line breaks are soft
        // (or absent): they are found among the punctuation.
        let punct = known
            .filter(|known| known.ascii || raw.is_ascii())
            .filter(|known| wrapped || !known.line_breaks || memchr::memchr2(b'\n', b'\r', raw.as_bytes()).is_none())
            .map(|known| known.punct);
        let mut start = 0;
        let mut at = 0;
        loop {
            let end = match punct {
                Some(punct) => next_terminator_boundary(raw, at, wrapped, punct, span.start),
                None => next_boundary(raw, at, wrapped),
            };
            let Some(end) = end else { break };
            push(start, end, out);
            start = end;
            at = end;
        }
        if start < raw.len() {
            push(start, raw.len(), out);
        }
    }

    /// True when `prev` ends in an abbreviation that `next` continues.
    fn joins(&self, prev: &[u8], next: &[u8]) -> bool {
        let Some(body) = prev.strip_suffix(b".") else {
            return false;
        };
        // The word before the period: the ASCII letters that end `body`. Most are no
        // abbreviation by their length or first letter, and are not looked up.
        let letters = body.iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
        let word = &body[body.len() - letters..];
        if letters > self.longest || word.first().is_some_and(|&b| !self.firsts[usize::from(b)]) {
            return false;
        }
        match self.abbreviations.get(word) {
            Some(Join::Always) => true,
            Some(Join::BeforeDigit) => next.first().is_some_and(u8::is_ascii_digit),
            None => false,
        }
    }
}

/// What the word pass knows of a text, for [`SentenceSplitter::split_paragraph`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Punctuation<'a> {
    /// Where the ASCII punctuation is (at least `.`, `!` and `?`): bit `i` of word `k` is set
    /// when byte `64k + i` of the text is.
    pub punct: &'a [u64],
    /// Whether the whole text is ASCII (else each paragraph is asked).
    pub ascii: bool,
    /// Whether a paragraph without soft line breaks may hold a line break (`\r` or `\n`): not
    /// when the paragraphs are lines of a text without carriage returns.
    pub line_breaks: bool,
}

/// `raw[start..end]` without white space at its ends (as `str::trim`), or `None` when nothing
/// is left; looked at byte by byte while the bytes are ASCII.
fn trim(raw: &str, start: usize, end: usize) -> Option<Span> {
    let bytes = raw.as_bytes();
    let is_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let (mut first, mut last) = (start, end);
    while first < last && is_space(bytes[first]) {
        first += 1;
    }
    while last > first && is_space(bytes[last - 1]) {
        last -= 1;
    }
    if first < last && (bytes[first] >= 0x80 || bytes[last - 1] >= 0x80) {
        let piece = &raw[first..last];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            return None;
        }
        let from = first + (piece.len() - piece.trim_start().len());
        return Some(Span::new(from, from + trimmed.len()));
    }
    (first < last).then(|| Span::new(first, last))
}

/// Whether the piece `piece` of `raw` holds a letter or digit (`char::is_alphanumeric`): its
/// ASCII bytes are looked at first.
fn has_alphanumeric(raw: &str, piece: Span) -> bool {
    let bytes = &raw.as_bytes()[piece.start..piece.end];
    match bytes.iter().position(|&b| b.is_ascii_alphanumeric() || b >= 0x80) {
        Some(i) if bytes[i] < 0x80 => true,
        Some(i) => raw[piece.start + i..piece.end].chars().any(char::is_alphanumeric),
        None => false,
    }
}

/// The first sentence boundary after byte `from` of `s` (a position strictly inside `s`), or
/// `None`. Only terminators and paragraph separators can start a boundary; every other byte is
/// skipped with one table lookup.
fn next_boundary(s: &str, from: usize, wrapped: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        // Eight plain bytes at a time (ASCII, none of `.!?` or a line break).
        if let Some(word) = swar::load(bytes, i)
            && swar::any_non_ascii(word)
                | swar::any_eq(word, b'.')
                | swar::any_eq(word, b'!')
                | swar::any_eq(word, b'?')
                | swar::any_eq(word, b'\n')
                | swar::any_eq(word, b'\r')
                == 0
        {
            i += 8;
            continue;
        }
        // Else one by one to the first byte that may matter among the next eight.
        let limit = (i + 8).min(bytes.len());
        while i < limit && !INTERESTING[usize::from(bytes[i])] {
            i += 1;
        }
        if i == limit {
            continue;
        }
        // Most characters of other scripts, curly quotes and dashes end nothing: passed over
        // without decoding them.
        if bytes[i] >= 0x80 && !may_end_sentence(&bytes[i..]) {
            i += 1;
            continue;
        }
        match boundary_at(s, i, wrapped) {
            Ok(end) => return Some(end),
            Err(after) => i = after,
        }
    }
    None
}

/// [`next_boundary`] in a text where only `.`, `!` and `?` can start a boundary (ASCII, with no
/// line break that is a paragraph separator): they are looked for only among its punctuation,
/// given as bits (`punct`, see [`SentenceSplitter::split_paragraph`]; `s` starts at byte `base`
/// of the text they describe).
fn next_terminator_boundary(s: &str, from: usize, wrapped: bool, punct: &[u64], base: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let (first, end) = (base + from, base + s.len());
    let mut block = first / 64;
    let mut bits = punct.get(block)? & (u64::MAX << (first % 64));
    loop {
        while bits == 0 {
            block += 1;
            if block * 64 >= end {
                return None;
            }
            bits = *punct.get(block)?;
        }
        let at = block * 64 + bits.trailing_zeros() as usize;
        if at >= end {
            return None;
        }
        bits &= bits - 1;
        let term = match bytes[at - base] {
            b'.' => Class::ATerm,
            b'!' | b'?' => Class::STerm,
            _ => continue,
        };
        if let Some(boundary) = after_ascii_terminator(bytes, at - base, term, wrapped)
            && boundary < s.len()
        {
            return Some(boundary);
        }
    }
}

/// [`after_terminator`] in ASCII text without paragraph separators (as
/// [`next_terminator_boundary`] sees it), byte by byte: every character is one byte, none
/// extends the one before, and a line break is a space.
fn after_ascii_terminator(bytes: &[u8], i: usize, term: Class, wrapped: bool) -> Option<usize> {
    let class_at = |pos: usize| {
        bytes.get(pos).map(|&b| match ASCII_CLASSES[usize::from(b & 0x7f)] {
            Class::Sep if wrapped => Class::Sp,
            class => class,
        })
    };
    let after = i + 1;
    let mut next = class_at(after);
    // SB6 and SB7: "3.3", "U.S".
    if term == Class::ATerm {
        if next == Some(Class::Numeric) {
            return None;
        }
        if next == Some(Class::Upper) && i > 0 && matches!(class_at(i - 1), Some(Class::Upper | Class::Lower)) {
            return None;
        }
    }
    // Close* Sp*, then SB8, SB8a and the break.
    let mut pos = after;
    while next == Some(Class::Close) {
        pos += 1;
        next = class_at(pos);
    }
    while next == Some(Class::Sp) {
        pos += 1;
        next = class_at(pos);
    }
    if term == Class::ATerm {
        let mut look = pos;
        while let Some(class) = class_at(look) {
            match class {
                Class::Lower => return None,
                Class::Upper | Class::OLetter | Class::Sep | Class::ATerm | Class::STerm => break,
                _ => look += 1,
            }
        }
    }
    match next {
        Some(Class::SContinue | Class::ATerm | Class::STerm) => None,
        Some(Class::Sep) => Some(pos + 1),
        _ => Some(pos),
    }
}

/// The boundary that the character at `i` (a terminator or separator, or any other character)
/// starts, if it is strictly inside `s`; else where to look on.
#[inline]
fn boundary_at(s: &str, i: usize, wrapped: bool) -> Result<usize, usize> {
    let (c, after) = next_char(s, i, wrapped).expect("i is on a char boundary");
    let class = class(c, wrapped);
    let boundary = match class {
        Class::Sep => Some(after),
        Class::ATerm | Class::STerm => after_terminator(s, i, after, class, wrapped),
        _ => None,
    };
    match boundary {
        Some(end) if end < s.len() => Ok(end),
        _ => Err(after),
    }
}

/// Where the sentence ending with the terminator at `i..after` ends, or `None` when it goes on.
fn after_terminator(s: &str, i: usize, after: usize, term: Class, wrapped: bool) -> Option<usize> {
    // Each character after the terminator is decoded and classified once.
    let next_at = |pos: usize| next_char(s, pos, wrapped).map(|(c, end)| (class(c, wrapped), end));
    let mut next = next_at(after);
    // SB6 and SB7: "3.3", "U.S".
    if term == Class::ATerm
        && let Some((class, _)) = next
    {
        if class == Class::Numeric {
            return None;
        }
        if class == Class::Upper
            && prev_char(s, i).is_some_and(|c| matches!(class_of(c, wrapped), Class::Upper | Class::Lower))
        {
            return None;
        }
    }
    // Close* Sp*, then SB8, SB8a and the break (with a paragraph separator, after it).
    let mut pos = after;
    while let Some((Class::Close, end)) = next {
        pos = end;
        next = next_at(pos);
    }
    while let Some((Class::Sp, end)) = next {
        pos = end;
        next = next_at(pos);
    }
    if term == Class::ATerm {
        let mut look = next;
        while let Some((class, end)) = look {
            match class {
                Class::Lower => return None,
                Class::Upper | Class::OLetter | Class::Sep | Class::ATerm | Class::STerm => break,
                _ => look = next_at(end),
            }
        }
    }
    match next {
        Some((Class::SContinue | Class::ATerm | Class::STerm, _)) => None,
        Some((Class::Sep, end)) => Some(end),
        _ => Some(pos),
    }
}

/// The character at `pos` with the position after it and after the combining marks and format
/// characters that belong to it (SB5).
fn next_char(s: &str, pos: usize, wrapped: bool) -> Option<(char, usize)> {
    // An ASCII character followed by one: no CR LF pair, no combining mark after it.
    let bytes = s.as_bytes();
    if let Some(&b) = bytes.get(pos)
        && b < 0x80
        && b != b'\r'
        && bytes.get(pos + 1).is_none_or(|&next| next < 0x80)
    {
        return Some((char::from(b), pos + 1));
    }
    let mut chars = s[pos..].chars();
    let c = chars.next()?;
    let mut end = pos + c.len_utf8();
    if c == '\r' && s.as_bytes().get(end) == Some(&b'\n') {
        // SB3: CR LF is one separator (or, in a wrapped paragraph, two spaces).
        end += 1;
        chars.next();
    }
    if class(c, wrapped) != Class::Sep {
        for x in chars {
            if !is_extend(x) {
                break;
            }
            end += x.len_utf8();
        }
    }
    Some((c, end))
}

/// Whether the character of more than one byte that `bytes` starts with is a terminator or a
/// paragraph separator (class `ATerm`, `STerm` or `Sep`), told from its bytes: U+0085, U+0589,
/// U+061F, U+06D4, U+0964, U+0965, U+2024, U+2028, U+2029, U+203C, U+203D, U+2047–U+2049, U+3002,
/// U+FE52, U+FE56, U+FE57, U+FF01, U+FF0E, U+FF1F, U+FF61 (tested against `class` for every
/// character).
fn may_end_sentence(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    match (at(0), at(1)) {
        (0xC2, b1) => b1 == 0x85,
        (0xD6, b1) => b1 == 0x89,
        (0xD8, b1) => b1 == 0x9F,
        (0xDB, b1) => b1 == 0x94,
        (0xE0, 0xA5) => matches!(at(2), 0xA4 | 0xA5),
        (0xE2, 0x80) => matches!(at(2), 0xA4 | 0xA8 | 0xA9 | 0xBC | 0xBD),
        (0xE2, 0x81) => matches!(at(2), 0x87..=0x89),
        (0xE3, 0x80) => at(2) == 0x82,
        (0xEF, 0xB9) => matches!(at(2), 0x92 | 0x96 | 0x97),
        (0xEF, 0xBC) => matches!(at(2), 0x81 | 0x8E | 0x9F),
        (0xEF, 0xBD) => at(2) == 0xA1,
        _ => false,
    }
}

/// The character before `pos`, skipping combining marks and format characters.
fn prev_char(s: &str, pos: usize) -> Option<char> {
    s[..pos].chars().rev().find(|&c| !is_extend(c))
}

/// The UAX #29 sentence-break classes factex tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Paragraph separator: a line break in an unwrapped paragraph, U+2028, U+2029, U+0085.
    Sep,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

fn class(c: char, wrapped: bool) -> Class {
    match ASCII_CLASSES.get(c as usize) {
        Some(Class::Sep) if wrapped => Class::Sp,
        Some(&class) => class,
        None => class_of(c, wrapped),
    }
}

/// The classes of the ASCII characters in a paragraph without soft line breaks (as
/// [`class_of`] gives them: the tests check every one).
static ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' => Class::Lower,
            b'A'..=b'Z' => Class::Upper,
            b'0'..=b'9' => Class::Numeric,
            b'.' => Class::ATerm,
            b'!' | b'?' => Class::STerm,
            b'\n' | b'\r' => Class::Sep,
            b',' | b'-' | b':' | b';' => Class::SContinue,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
            b'\t' | 0x0c | b' ' => Class::Sp,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// The class of `c`: the specification of [`class`], which looks ASCII characters up in a table.
fn class_of(c: char, wrapped: bool) -> Class {
    match c {
        'a'..='z' => Class::Lower,
        'A'..='Z' => Class::Upper,
        '0'..='9' => Class::Numeric,
        '.' | '\u{2024}' | '\u{FE52}' | '\u{FF0E}' => Class::ATerm,
        '!'
        | '?'
        | '\u{589}'
        | '\u{61F}'
        | '\u{6D4}'
        | '\u{964}'
        | '\u{965}'
        | '\u{203C}'
        | '\u{203D}'
        | '\u{2047}'..='\u{2049}'
        | '\u{3002}'
        | '\u{FE56}'
        | '\u{FE57}'
        | '\u{FF01}'
        | '\u{FF1F}'
        | '\u{FF61}' => Class::STerm,
        '\n' | '\r' => {
            if wrapped {
                Class::Sp
            } else {
                Class::Sep
            }
        }
        '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Sep,
        ',' | '-' | ':' | ';' | '\u{55D}' | '\u{60C}' | '\u{60D}' | '\u{2013}' | '\u{2014}' | '\u{3001}'
        | '\u{FE10}' | '\u{FE11}' | '\u{FE13}' | '\u{FE31}' | '\u{FE32}' | '\u{FE50}' | '\u{FE51}' | '\u{FE55}'
        | '\u{FE58}' | '\u{FE63}' | '\u{FF0C}' | '\u{FF0D}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF64}' => Class::SContinue,
        '"'
        | '\''
        | '('
        | ')'
        | '['
        | ']'
        | '{'
        | '}'
        | '\u{AB}'
        | '\u{BB}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{2045}'
        | '\u{2046}'
        | '\u{207D}'
        | '\u{207E}'
        | '\u{2308}'..='\u{230B}'
        | '\u{2329}'
        | '\u{232A}'
        | '\u{2768}'..='\u{2775}'
        | '\u{27E6}'..='\u{27EF}'
        | '\u{2E42}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301B}'
        | '\u{301D}'..='\u{301F}'
        | '\u{FF08}'
        | '\u{FF09}'
        | '\u{FF3B}'
        | '\u{FF3D}'
        | '\u{FF5B}'
        | '\u{FF5D}'
        | '\u{FF5F}'
        | '\u{FF60}'
        | '\u{FF62}'
        | '\u{FF63}' => Class::Close,
        c if c.is_ascii() => {
            if c.is_ascii_whitespace() {
                Class::Sp
            } else {
                Class::Other
            }
        }
        c if c.is_whitespace() => Class::Sp,
        c if c.is_lowercase() => Class::Lower,
        c if c.is_uppercase() => Class::Upper,
        c if c.is_alphabetic() => Class::OLetter,
        c if is_decimal_digit(c) => Class::Numeric,
        _ => Class::Other,
    }
}

/// Decimal digits of other scripts (Arabic-Indic, Devanagari, Bengali, Thai, fullwidth).
fn is_decimal_digit(c: char) -> bool {
    matches!(c as u32, 0x660..=0x669 | 0x6F0..=0x6F9 | 0x966..=0x96F | 0x9E6..=0x9EF | 0xE50..=0xE59 | 0xFF10..=0xFF19)
}

/// Combining marks, joiners and format characters (UAX #29 Extend and Format, the common ranges).
fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x610..=0x61A | 0x64B..=0x65F | 0x670
        | 0x6D6..=0x6DC | 0x900..=0x903 | 0x93A..=0x94F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFEFF)
}

/// Bytes that may start a terminator or a separator: the ASCII ones, CR, LF and every lead byte
/// of a multi-byte character (decoded and classified when met).
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    let mut b = 0xC2;
    while b < 0xF5 {
        table[b] = true;
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_of_every_terminator_and_separator_are_known() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            for wrapped in [false, true] {
                let ends = matches!(class(c, wrapped), Class::ATerm | Class::STerm | Class::Sep);
                assert_eq!(may_end_sentence(bytes), ends, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_table_classes_ascii_as_the_rules_do() {
        for c in (0..0x80u8).map(char::from) {
            for wrapped in [false, true] {
                assert_eq!(class(c, wrapped), class_of(c, wrapped), "{c:?}");
            }
        }
    }

    fn sentences(text: &str, wrapped: bool) -> Vec<&str> {
        let mut out = Vec::new();
        SentenceSplitter::default().split(text, Span::new(0, text.len()), wrapped, &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sentences("Lexus sold more. It grew 3.3%! Why?", false),
            ["Lexus sold more.", "It grew 3.3%!", "Why?"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones. On Feb. 5 Toyota said so.", false),
            ["Mr. Smith met Dr. Jones.", "On Feb. 5 Toyota said so."]
        );
        assert_eq!(sentences("It ended in Feb. Then it rose.", false), ["It ended in Feb.", "Then it rose."]);
    }

    #[test]
    fn non_ascii_before_a_period() {
        assert_eq!(
            sentences("Plants in Kecskemét. Audi in Győr. Mr. Tóth said.", false),
            ["Plants in Kecskemét.", "Audi in Győr.", "Mr. Tóth said."]
        );
    }

    #[test]
    fn soft_wraps_read_as_spaces() {
        assert_eq!(
            sentences("Showers continued in\nthe zone. The dry\nperiod ended.", true),
            ["Showers continued in\nthe zone.", "The dry\nperiod ended."]
        );
    }

    #[test]
    fn punctuation_only_pieces_are_dropped() {
        assert_eq!(sentences("![](      )", false), Vec::<&str>::new());
    }

    /// The boundaries of `s` by this module and by the general UAX #29 iterator.
    fn both(s: &str, wrapped: bool) -> (Vec<usize>, Vec<usize>) {
        use unicode_segmentation::UnicodeSegmentation;
        let mut ours = Vec::new();
        let mut at = 0;
        while let Some(end) = next_boundary(s, at, wrapped) {
            ours.push(end);
            at = end;
        }
        let prose = if wrapped { s.replace(['\n', '\r'], " ") } else { s.to_owned() };
        let reference: Vec<usize> = prose.split_sentence_bound_indices().map(|(i, _)| i).filter(|&i| i > 0).collect();
        (ours, reference)
    }

    #[test]
    fn same_boundaries_as_uax29_on_tricky_text() {
        for s in [
            "He said \"stop.\" Then he left. (It was late.) Later, e.g. at 5 p.m. the U.S. team met.",
            "Prices rose 3.3%. Why? Nobody knows!! Really?! Yes... maybe. OK.",
            "It ended in Feb. 5 Toyota said — no. The end; more. \u{201C}Quoted.\u{201D} Next one.",
            "Tokyo\u{3002}Next sentence\u{FF01} And \u{0661}.\u{0662} digits. Caf\u{E9}\u{301}. \u{C9}t\u{E9}.",
            "Arabic \u{645}\u{631}\u{62D}\u{628}\u{627}\u{61F} Hebrew \u{5E9}\u{5DC}\u{5D5}\u{5DD}. Emoji \u{1F697}. Done.",
            "a.b.c. D. e. F.G! h? i: j. - k. , l. 1. 2. x.\u{00A0}Y. z.\u{2029}Q.",
            "Line one.\nLine two\rthree. Four.",
        ] {
            for wrapped in [false, true] {
                let (ours, reference) = both(s, wrapped);
                assert_eq!(ours, reference, "{s:?} wrapped={wrapped}");
            }
        }
    }

    #[test]
    fn same_boundaries_as_uax29_on_the_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for p in crate::segment::paragraph::paragraphs(&text) {
                let (ours, reference) = both(&text[p.span.start..p.span.end], p.wrapped);
                assert_eq!(ours, reference, "{:?}", &text[p.span.start..p.span.end]);
            }
            files += 1;
        }
        assert!(files >= 10);
    }

    /// The punctuation bits of a text, as the word pass gives them to the splitter.
    fn punctuation(text: &str) -> Vec<u64> {
        let bytes = text.as_bytes();
        (0..bytes.len().div_ceil(64).max(1))
            .map(|k| {
                (0..64)
                    .filter(|&i| bytes.get(64 * k + i).is_some_and(|b| b.is_ascii_punctuation()))
                    .fold(0, |m, i| m | 1 << i)
            })
            .collect()
    }

    #[test]
    fn terminators_found_among_the_punctuation_give_the_same_boundaries_in_ascii() {
        const ALPHABET: &[&str] = &[
            "a", "Z", "7", ".", "!", "?", " ", "\n", "\r", ",", ";", "-", "\"", "'", ")", "(", "%", "e.g.", "U.S.",
            "Mr. ",
        ];
        for s in crate::testing::random_texts(ALPHABET, 20_000, 24) {
            for wrapped in [false, true] {
                if !wrapped && s.contains(['\n', '\r']) {
                    continue;
                }
                // The punctuation of `s` at a few offsets in a text.
                for offset in [0, 5, 63, 64] {
                    let text = format!("{}{s}", "x".repeat(offset));
                    let punct = punctuation(&text);
                    let mut at = 0;
                    while let Some(end) = next_boundary(&s, at, wrapped) {
                        let found = next_terminator_boundary(&s, at, wrapped, &punct, offset);
                        assert_eq!(found, Some(end), "{s:?} wrapped={wrapped}");
                        at = end;
                    }
                    assert_eq!(next_terminator_boundary(&s, at, wrapped, &punct, offset), None, "{s:?} {wrapped}");
                }
            }
        }
        let splitter = SentenceSplitter::default();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for p in crate::segment::paragraph::paragraphs(&text) {
                let (mut general, mut ascii) = (Vec::new(), Vec::new());
                splitter.split(&text, p.span, p.wrapped, &mut general);
                let punct = punctuation(&text);
                let known = Punctuation { punct: &punct, ascii: false, line_breaks: true };
                splitter.split_paragraph(&text, p.span, p.wrapped, Some(known), &mut ascii);
                assert_eq!(ascii, general);
            }
        }
    }

    #[test]
    fn same_boundaries_as_uax29_on_random_text() {
        // Strings drawn from the characters the rules tell apart, from a fixed seed.
        const ALPHABET: &[&str] = &[
            "a",
            "Z",
            "7",
            ".",
            "!",
            "?",
            " ",
            "\n",
            "\r",
            ",",
            ";",
            "-",
            "\"",
            "'",
            ")",
            "(",
            "\u{201D}",
            "\u{301}",
            "\u{3002}",
            "\u{645}",
            "\u{5D0}",
            "\u{1F697}",
            "\u{A0}",
            "\u{2014}",
            "\u{2029}",
            "\u{AD}",
            "%",
            "\u{E9}",
            "\u{C9}",
            "\u{0661}",
            "e.g.",
            "U.S.",
            "Mr. ",
        ];
        for s in crate::testing::random_texts(ALPHABET, 20_000, 24) {
            for wrapped in [false, true] {
                let (ours, reference) = both(&s, wrapped);
                assert_eq!(ours, reference, "{s:?} wrapped={wrapped}");
            }
        }
    }
}
