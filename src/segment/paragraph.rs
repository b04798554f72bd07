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

/// Splits `text` into paragraphs.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    // A paragraph every 150 bytes or so in news: room for most documents' at once.
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    let mut block: Vec<Span> = Vec::new();
    for line in lines(text) {
        if text[line.start..line.end].trim().is_empty() {
            flush_block(text, &block, &mut out);
            block.clear();
        } else {
            block.push(line);
        }
    }
    flush_block(text, &block, &mut out);
    out
}

/// Line spans without their terminators (`\n`, `\r\n`).
fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    let bytes = text.as_bytes();
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let line = Span::new(start, content_end);
        start = end + 1;
        Some(line)
    })
}

fn flush_block(text: &str, block: &[Span], out: &mut Vec<Paragraph>) {
    let Some(&first) = block.first() else { return };
    let wrapped_layout = block.iter().all(|l| l.len() <= WRAP_WIDTH);
    let mut current = first;
    let mut wrapped = false;
    for pair in block.windows(2) {
        let (a, b) = (&text[pair[0].start..pair[0].end], &text[pair[1].start..pair[1].end]);
        if wrapped_layout && soft_wrap(a, b) {
            current.end = pair[1].end;
            wrapped = true;
        } else {
            push(text, current, wrapped, out);
            current = pair[1];
            wrapped = false;
        }
    }
    push(text, current, wrapped, out);
}

fn push(text: &str, span: Span, wrapped: bool, out: &mut Vec<Paragraph>) {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    if start < end {
        out.push(Paragraph { span: Span::new(start, end), wrapped });
    }
}

/// True when the break between lines `a` and `b` is a hard wrap inside one paragraph.
fn soft_wrap(a: &str, b: &str) -> bool {
    if b.starts_with([' ', '\t']) || starts_block(b) || a.trim_start().starts_with('#') {
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
fn starts_block(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'#' | b'>' | b'|') => true,
        Some(b'-' | b'*' | b'+' | 0xE2) => {
            line.starts_with(['-', '*', '+', '•']) && b.get(1) == Some(&b' ') || line.starts_with("• ")
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

    #[test]
    fn crlf_and_blank_lines() {
        assert_eq!(texts("a b c\r\n\r\nd e f\r\n"), ["a b c", "d e f"]);
    }
}
