//! Paragraphs: blank-line separated blocks, split further where a line break is a paragraph
//! break rather than a hard wrap.
//!
//! News arrives in two layouts. Web articles put one paragraph per line (lines are long).
//! Wire copy and plain-text archives hard-wrap paragraphs at 65–80 columns and start each
//! paragraph with an indent or a blank line. Within a blank-line separated block:
//!
//! - if any line is longer than [`WRAP_WIDTH`] bytes, the block is not hard-wrapped and every
//!   line is a paragraph;
//! - otherwise a line break joins two lines (a soft wrap) unless the next line is indented,
//!   starts a list item, heading, quote or table row, the previous line is a heading, or the
//!   previous line ends a sentence and the next starts with a capital, or the previous line is a
//!   short title followed by a capitalized line.
//!
//! Known problems: a hard-wrapped paragraph whose line happens to end with a sentence and whose
//! next line starts with a capital is split in two; sentences are unaffected.

use crate::text::Span;

/// Lines longer than this are never hard wraps.
pub const WRAP_WIDTH: usize = 100;
/// A line shorter than this that does not end a sentence, followed by a capitalized line, is a title.
const TITLE_WIDTH: usize = 40;

/// One paragraph: its span and whether it contains soft line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte span, trimmed of surrounding whitespace.
    pub span: Span,
    /// True when the paragraph spans several lines joined as soft wraps.
    pub wrapped: bool,
}

/// A line of a block: its span (without its terminator) and the length of the ASCII white space
/// it starts with, found once for the line by [`indent`] and used by every rule that looks past it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    span: Span,
    indent: usize,
}

/// Splits `text` into paragraphs.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    split(text, memchr::memchr_iter(b'\n', text.as_bytes()))
}

/// [`paragraphs`], given the positions of the line feeds of `text` (`breaks`, in order).
pub(crate) fn split(text: &str, breaks: impl Iterator<Item = usize>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    split_into(text, breaks, &mut out, &mut Vec::new());
    out
}

/// [`split`] into `out` (emptied first), with `block` (emptied first) as room for the lines of
/// a block: both kept from one text to the next by the caller.
pub(crate) fn split_into(
    text: &str,
    breaks: impl Iterator<Item = usize>,
    out: &mut Vec<Paragraph>,
    block: &mut Vec<Line>,
) {
    // A paragraph every 150 bytes or so in news (but more in some), and a line every 65 in wire
    // copy: room for most documents' at once.
    out.clear();
    out.reserve(text.len() / 64 + 1);
    block.clear();
    block.reserve(text.len() / 48 + 1);
    // Whether the block has a line too long to be hard-wrapped, noted as its lines are read.
    let mut long_line = false;
    for span in lines(text, breaks) {
        let indent = indent(&text.as_bytes()[span.start..span.end]);
        if is_blank(text, span, indent) {
            flush_block(text, block, !long_line, out);
            block.clear();
            long_line = false;
        } else {
            block.push(Line { span, indent });
            long_line |= span.len() > WRAP_WIDTH;
        }
    }
    flush_block(text, block, !long_line, out);
}

/// Line spans without their terminators (`\n`, `\r\n`), given the positions of the line feeds.
fn lines<'a>(text: &'a str, mut breaks: impl Iterator<Item = usize> + 'a) -> impl Iterator<Item = Span> + 'a {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = breaks.next().unwrap_or(bytes.len());
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let line = Span::new(start, content_end);
        start = end + 1;
        Some(line)
    })
}

/// The number of ASCII white space bytes `line` starts with.
fn indent(line: &[u8]) -> usize {
    line.iter().take_while(|&&b| is_space(b)).count()
}

/// Whether the line, which starts with `indent` bytes of ASCII white space, holds only white
/// space: decided by its first byte that is not an ASCII space, when that is ASCII.
fn is_blank(text: &str, line: Span, indent: usize) -> bool {
    match text.as_bytes()[line.start + indent..line.end].first() {
        None => true,
        Some(&b) if b < 0x80 => false,
        Some(_) => text[line.start..line.end].trim().is_empty(),
    }
}

/// The ASCII characters that are white space (`char::is_whitespace`, which `str::trim` uses).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Appends the paragraphs of `block`, whose lines are all at most [`WRAP_WIDTH`] long when
/// `wrapped_layout`.
fn flush_block(text: &str, block: &[Line], wrapped_layout: bool, out: &mut Vec<Paragraph>) {
    let Some(&first) = block.first() else { return };
    // A paragraph starts past the indent of its first line (white space that `trim` would skip).
    let unindented = |line: Line| Span::new(line.span.start + line.indent, line.span.end);
    let mut current = unindented(first);
    let mut wrapped = false;
    for pair in block.windows(2) {
        if wrapped_layout && soft_wrap(text, pair[0], pair[1]) {
            current.end = pair[1].span.end;
            wrapped = true;
        } else {
            push(text, current, wrapped, out);
            current = unindented(pair[1]);
            wrapped = false;
        }
    }
    push(text, current, wrapped, out);
}

fn push(text: &str, span: Span, wrapped: bool, out: &mut Vec<Paragraph>) {
    let span = trim(text, span);
    if span.start < span.end {
        out.push(Paragraph { span, wrapped });
    }
}

/// `span` without the white space at its ends (as `str::trim`), looked at byte by byte while
/// the bytes are ASCII.
fn trim(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (span.start, span.end);
    while start < end && is_space(bytes[start]) {
        start += 1;
    }
    while end > start && is_space(bytes[end - 1]) {
        end -= 1;
    }
    if start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80) {
        let s = &text[start..end];
        let trimmed_start = start + (s.len() - s.trim_start().len());
        return Span::new(trimmed_start, start + s.trim_end().len());
    }
    Span::new(start, end)
}

/// True when the break between the lines `a` and `b` of `text` is a hard wrap inside one
/// paragraph: [`soft_wrap_chars`], decided from the bytes when the characters it looks at are
/// ASCII.
fn soft_wrap(text: &str, a: Line, b: Line) -> bool {
    let bytes = text.as_bytes();
    let (indent, a, b) = (a.indent, a.span, b.span);
    soft_wrap_ascii(&bytes[a.start..a.end], indent, &bytes[b.start..b.end])
        .unwrap_or_else(|| soft_wrap_chars(&text[a.start..a.end], &text[b.start..b.end]))
}

/// [`soft_wrap_chars`] when the characters it looks at are ASCII, else `None`; `indent` is the
/// [`indent`] of `a`.
fn soft_wrap_ascii(a: &[u8], indent: usize, b: &[u8]) -> Option<bool> {
    let &b0 = b.first()?;
    if b0 >= 0x80 {
        return None;
    }
    if b0 == b' ' || b0 == b'\t' || starts_block(b) {
        return Some(false);
    }
    match a.get(indent) {
        Some(&c) if c >= 0x80 => return None,
        Some(b'#') => return Some(false),
        _ => {}
    }
    let next_upper = b0.is_ascii_uppercase();
    let mut end = a.len();
    while end > 0 && is_space(a[end - 1]) {
        end -= 1;
    }
    let trimmed = end;
    while end > 0 && matches!(a[end - 1], b'"' | b'\'' | b')' | b']' | b'*' | b'_') {
        end -= 1;
    }
    match end.checked_sub(1).map(|i| a[i]) {
        Some(c) if c >= 0x80 => None,
        Some(b'.' | b'!' | b'?' | b':') => Some(!next_upper),
        _ => Some(!(trimmed < TITLE_WIDTH && next_upper)),
    }
}

/// True when the break between lines `a` and `b` is a hard wrap inside one paragraph.
fn soft_wrap_chars(a: &str, b: &str) -> bool {
    if b.starts_with([' ', '\t']) || starts_block(b.as_bytes()) || a.trim_start().starts_with('#') {
        return false;
    }
    let next_upper = b.chars().next().is_some_and(char::is_uppercase);
    let a = a.trim_end();
    let last = a.trim_end_matches(['"', '\'', ')', ']', '”', '’', '*', '_']).chars().next_back();
    if last.is_some_and(|c| matches!(c, '.' | '!' | '?' | ':')) {
        return !next_upper;
    }
    !(a.len() < TITLE_WIDTH && next_upper)
}

/// True for lines that open a block of their own: list items, headings, quotes, table rows.
#[inline]
fn starts_block(b: &[u8]) -> bool {
    match b.first() {
        Some(b'#' | b'>' | b'|') => true,
        Some(b'-' | b'*' | b'+' | 0xE2) => {
            matches!(b.first(), Some(b'-' | b'*' | b'+')) && b.get(1) == Some(&b' ') || b.starts_with("• ".as_bytes())
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(digits), Some(b'.' | b')')) && b.get(digits + 1) == Some(&b' ')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|p| &text[p.span.start..p.span.end]).collect()
    }

    #[test]
    fn one_paragraph_per_long_line() {
        let long = "x".repeat(120);
        let text = format!("Title!\n{long}.\n{long} and more.\n");
        assert_eq!(texts(&text).len(), 3);
    }

    #[test]
    fn hard_wrapped_wire_copy_with_indents() {
        let text = "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week were 155,221 bags\nof 60 kilos.\n";
        assert_eq!(
            texts(text),
            [
                "BAHIA COCOA REVIEW",
                "SALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.",
                "The dry period means the temporao will be late this year.",
                "Arrivals for the week were 155,221 bags\nof 60 kilos.",
            ]
        );
        assert!(paragraphs(text)[1].wrapped);
    }

    #[test]
    fn headings_lists_and_titles_stand_alone() {
        let text = "# Heading\nBody line one\n- item one\n- item two\nShort title\nThe next line starts a paragraph.";
        assert_eq!(
            texts(text),
            [
                "# Heading",
                "Body line one",
                "- item one",
                "- item two",
                "Short title",
                "The next line starts a paragraph."
            ]
        );
    }

    /// Lines drawn from the characters the rules look at, from a fixed seed.
    fn random_lines() -> impl Iterator<Item = String> {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "7",
            ".",
            "!",
            "?",
            ":",
            " ",
            "  ",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r",
            "#",
            ">",
            "|",
            "-",
            "*",
            "+",
            "• ",
            "•",
            "\"",
            "'",
            ")",
            "]",
            "_",
            "”",
            "’",
            "\u{a0}",
            "\u{3000}",
            "\u{85}",
            "é",
            "É",
            "Ωmega",
            "1. ",
            "12)",
            "word",
            "The end.",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ];
        crate::testing::random_texts(PIECES, 40_000, 8)
    }

    #[test]
    fn the_byte_rules_decide_as_the_character_rules() {
        let lines: Vec<String> = random_lines().collect();
        for pair in lines.windows(2) {
            let (a, b) = (pair[0].as_str(), pair[1].as_str());
            if let Some(wrap) = soft_wrap_ascii(a.as_bytes(), indent(a.as_bytes()), b.as_bytes()) {
                assert_eq!(wrap, soft_wrap_chars(a, b), "{a:?} {b:?}");
            }
            for line in [a, b] {
                let all = Span::new(0, line.len());
                let trimmed = line.trim();
                let start = line.len() - line.trim_start().len();
                let t = trim(line, all);
                if !trimmed.is_empty() {
                    assert_eq!((t.start, t.end), (start, start + trimmed.len()), "{line:?}");
                } else {
                    assert!(t.start >= t.end, "{line:?}");
                }
                assert_eq!(is_blank(line, all, indent(line.as_bytes())), trimmed.is_empty(), "{line:?}");
            }
        }
    }

    #[test]
    fn crlf_and_blank_lines() {
        assert_eq!(texts("a b c\r\n\r\nd e f\r\n"), ["a b c", "d e f"]);
    }
}
