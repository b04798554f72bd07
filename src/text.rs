//! Small text primitives shared by every stage: byte spans, word-boundary checks and the
//! conversion of byte offsets to character offsets.
//!
//! All offsets in factex are UTF-8 byte offsets into the original document text, with
//! exclusive ends. Character offsets (Unicode scalar values, as Python's `str` counts them) are
//! derived only when a record is written.

use std::borrow::Cow;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The character that ends right before byte `pos`, if any.
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character that starts at byte `pos`, if any.
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// True when no letter or digit touches `pos` from the left.
#[inline]
pub fn boundary_before(text: &str, pos: usize) -> bool {
    // An ASCII byte before `pos` is the whole character (and `pos` a character boundary).
    match text.as_bytes()[..pos].last() {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => char_before(text, pos).is_none_or(|c| !c.is_alphanumeric()),
    }
}

/// True when no letter or digit touches `pos` from the right.
#[inline]
pub fn boundary_after(text: &str, pos: usize) -> bool {
    // An ASCII byte at `pos` is the whole character; a continuation byte panics in `char_at`
    // as slicing there always did.
    match text.as_bytes()[pos..].first() {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, pos).is_none_or(|c| !c.is_alphanumeric()),
    }
}

/// The ASCII-alphabetic word that ends exactly at `end` (letters, `'` and `-` inside allowed),
/// as `(start, word)`. Returns `None` when `end` is not preceded by a letter.
pub fn word_ending_at(text: &str, end: usize) -> Option<(usize, &str)> {
    let bytes = &text.as_bytes()[..end];
    let start = end - crate::swar::trailing_letters(bytes);
    if start == end {
        return None;
    }
    // The byte before the letters is no letter: an ASCII one decides alone (a digit joins the
    // word), others are decoded.
    let boundary = match start.checked_sub(1).map(|i| bytes[i]) {
        None => true,
        Some(b) if b < 0x80 => !b.is_ascii_digit(),
        Some(_) => boundary_before(text, start),
    };
    if !boundary {
        return None;
    }
    Some((start, &text[start..end]))
}

/// The ASCII-alphabetic word that starts exactly at `start`, as `(end, word)`.
/// Returns `None` when `start` is not a letter or the word runs into a digit or non-ASCII letter.
pub fn word_starting_at(text: &str, start: usize) -> Option<(usize, &str)> {
    let len = crate::swar::leading_letters(&text.as_bytes()[start..]);
    let end = start + len;
    if len == 0 || !boundary_after(text, end) {
        return None;
    }
    Some((end, &text[start..end]))
}

/// The word that ends right before `pos` with whitespace between ([`word_ending_at`] after
/// [`skip_space_back`]), as `(start, word)`; `None` when nothing separates it from `pos`.
pub fn word_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    let end = skip_space_back(text, pos);
    if end == pos {
        return None;
    }
    word_ending_at(text, end)
}

/// `word` in ASCII lowercase for a lookup, without allocating: borrowed when it has no capital,
/// lowercased in `buf` when it fits, owned only when longer.
pub fn lower<'a>(word: &'a str, buf: &'a mut [u8; 32]) -> Cow<'a, str> {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(word);
    }
    match buf.get_mut(..word.len()) {
        Some(out) => {
            out.copy_from_slice(word.as_bytes());
            out.make_ascii_lowercase();
            // Lowercasing ASCII letters keeps UTF-8 valid.
            Cow::Borrowed(std::str::from_utf8(out).unwrap_or(word))
        }
        None => Cow::Owned(word.to_ascii_lowercase()),
    }
}

/// True when `text` contains one of `needles` (written in lowercase), ignoring ASCII case.
pub fn contains_any_ignore_case(text: &str, needles: &[&str]) -> bool {
    needles
        .iter()
        .any(|n| !n.is_empty() && text.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n.as_bytes())))
}

/// The end of `words` when they follow `pos`, each after at least one space (spaces between),
/// case-insensitively: `phrase_after(" or more", 0, &["or", "more"])` is `Some(8)`.
pub fn phrase_after(text: &str, pos: usize, words: &[&str]) -> Option<usize> {
    let mut end = pos;
    for word in words {
        let start = skip_space(text, end);
        if start == end {
            return None;
        }
        // Most texts differ in the first byte of the word.
        if !text
            .as_bytes()
            .get(start)
            .is_some_and(|b| word.as_bytes().first().is_some_and(|w| b.eq_ignore_ascii_case(w)))
        {
            return None;
        }
        let (word_end, found) = word_starting_at(text, start)?;
        if !found.eq_ignore_ascii_case(word) {
            return None;
        }
        end = word_end;
    }
    Some(end)
}

/// True when the phrase ends at `pos`: only white space follows before the end of the text or
/// a paragraph break (a blank line), or closing punctuation (`.`, `,`, `;`, `:`, `!`, `?`, `)`)
/// after spaces; a `.` before a digit ("c. 1500") does not end it, and a single line break is
/// a hard wrap, not an end.
pub fn phrase_ends(text: &str, pos: usize) -> bool {
    let next = skip_space(text, pos);
    let Some(&b) = text.as_bytes().get(next) else { return true };
    match b {
        b'.' => !text.as_bytes().get(skip_space(text, next + 1)).is_some_and(u8::is_ascii_digit),
        b',' | b';' | b':' | b'!' | b'?' | b')' => true,
        _ => text.as_bytes()[pos..next].iter().filter(|&&c| c == b'\n').count() >= 2,
    }
}

/// Skips horizontal and vertical ASCII whitespace backwards from `pos`; returns the new position.
pub fn skip_space_back(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos > 0 && bytes[pos - 1].is_ascii_whitespace() {
        pos -= 1;
    }
    pos
}

/// Skips ASCII whitespace forwards from `pos`; returns the new position.
pub fn skip_space(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// The longest whitespace run [`skip_gap`] crosses: one space, a soft line break with a little
/// indentation. Wider gaps are table columns ("31.2 mln     Avg shrs").
pub const MAX_GAP: usize = 3;

/// Skips the whitespace after `pos` when it is a gap between words of one phrase: at most
/// [`MAX_GAP`] bytes and at most one line break. Returns the position after the gap, or `pos`
/// when there is no such gap.
pub fn skip_gap(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut p = pos;
    let mut newlines = 0;
    while p < bytes.len() && bytes[p].is_ascii_whitespace() {
        if bytes[p] == b'\n' {
            newlines += 1;
        }
        p += 1;
    }
    if newlines > 1 || p - pos > MAX_GAP { pos } else { p }
}

/// True when `span` starts and ends between user-perceived characters (extended grapheme
/// clusters, UAX #29) of `text`: no combining mark, variation selector, emoji modifier or
/// zero-width joiner after its end belongs to its last character (`Lexus\u{301}`, `5\u{fe0f}\u{20e3}`),
/// and it does not start on one.
pub fn on_grapheme_boundaries(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let boundary = |pos: usize| {
        // Between two ASCII characters there is always a boundary except inside CR LF (every
        // character that joins the one before it — marks, joiners, modifiers — is non-ASCII).
        if pos > 0 && pos < bytes.len() && bytes[pos - 1].is_ascii() && bytes[pos].is_ascii() {
            return !(bytes[pos - 1] == b'\r' && bytes[pos] == b'\n');
        }
        // The whole text is the chunk, so the cursor never asks for more context.
        pos == 0
            || pos == text.len()
            || unicode_segmentation::GraphemeCursor::new(pos, text.len(), true).is_boundary(text, 0).unwrap_or(true)
    };
    text.is_char_boundary(span.start) && text.is_char_boundary(span.end) && boundary(span.start) && boundary(span.end)
}

/// Converts byte offsets into character offsets for one text.
///
/// ASCII texts map offsets one to one. Other texts keep a checkpoint every [`CharIndex::BLOCK`]
/// bytes, so a conversion costs at most one block scan and the index stays small.
pub struct CharIndex<'a> {
    bytes: &'a [u8],
    checkpoints: Option<Vec<usize>>,
}

impl<'a> CharIndex<'a> {
    /// Bytes between two checkpoints.
    pub const BLOCK: usize = 256;

    /// Builds the index for `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return CharIndex { bytes, checkpoints: None };
        }
        let mut checkpoints = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(Self::BLOCK) {
            checkpoints.push(count);
            count += count_chars(block);
        }
        checkpoints.push(count);
        CharIndex { bytes, checkpoints: Some(checkpoints) }
    }

    /// The number of characters in `text[..byte]`.
    pub fn char_offset(&self, byte: usize) -> usize {
        match &self.checkpoints {
            None => byte,
            Some(checkpoints) => {
                let block = byte / Self::BLOCK;
                checkpoints[block] + count_chars(&self.bytes[block * Self::BLOCK..byte])
            }
        }
    }
}

/// Counts UTF-8 scalar values: every byte that is not a continuation byte starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A byte that `(?-u:\b)` counts as part of a word: an ASCII letter, digit or `_`.
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_borrows_or_uses_the_buffer() {
        let mut buf = [0; 32];
        assert!(matches!(lower("rose", &mut buf), Cow::Borrowed("rose")));
        assert_eq!(lower("Rose", &mut buf), "rose");
        assert_eq!(lower("ÉTÉ Up", &mut buf), "ÉtÉ up"); // ASCII letters only
        let long = "A".repeat(40);
        assert_eq!(lower(&long, &mut buf), "a".repeat(40));
    }

    #[test]
    fn phrases_after_a_position() {
        assert_eq!(phrase_after("5 or  More.", 1, &["or", "more"]), Some(10));
        assert_eq!(phrase_after("5or more", 1, &["or", "more"]), None);
        assert_eq!(phrase_after("5 or less", 1, &["or", "more"]), None);
        assert_eq!(phrase_after("5 below zero", 1, &["below"]), Some(7));
    }

    #[test]
    fn phrases_that_end() {
        for (text, ends) in [
            ("10 c", true),
            ("10 c  ", true),
            ("10 c.", true),
            ("10 c, 20 c", true),
            ("10 c)", true),
            ("10 c\n\nNext", true),
            ("10 c of", false),
            ("10 c\nof", false),
            ("10 c. 1500", false),
            ("10 c-3", false),
            ("10 c 5", false),
        ] {
            assert_eq!(phrase_ends(text, 4), ends, "{text:?}");
        }
    }

    #[test]
    fn char_index_matches_naive_count() {
        let text = "Lexus’ share – 10% in 上海, “quoted” ".repeat(40);
        let index = CharIndex::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(index.char_offset(byte), text[..byte].chars().count(), "at byte {byte}");
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn grapheme_boundaries() {
        let text = "Lexus\u{301} 5\u{fe0f}\u{20e3} 👍🏽 Toyota 5";
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        assert!(!on_grapheme_boundaries(text, at("Lexus")));
        assert!(on_grapheme_boundaries(text, at("Lexus\u{301}")));
        assert!(!on_grapheme_boundaries(text, at("5\u{fe0f}")));
        assert!(!on_grapheme_boundaries(text, at("\u{1f3fd}")));
        assert!(on_grapheme_boundaries(text, at("Toyota")));
        assert!(on_grapheme_boundaries(text, Span::new(text.len() - 1, text.len())));
        assert!(!on_grapheme_boundaries("上海", Span::new(0, 1)));
        // The ASCII shortcut agrees with UAX #29 for every pair of ASCII characters.
        for a in 0..128u8 {
            for b in 0..128u8 {
                let pair = String::from_utf8(vec![b'x', a, b, b'y']).unwrap();
                let cursor = unicode_segmentation::GraphemeCursor::new(2, pair.len(), true).is_boundary(&pair, 0);
                assert_eq!(on_grapheme_boundaries(&pair, Span::new(2, 2)), cursor.unwrap(), "{pair:?}");
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let index = CharIndex::new("plain ascii");
        assert_eq!(index.char_offset(5), 5);
    }

    #[test]
    fn gaps_are_short() {
        assert_eq!(skip_gap("18\nmonths", 2), 3);
        assert_eq!(skip_gap("5  percent", 1), 3);
        assert_eq!(skip_gap("31.2 mln     Avg", 8), 8);
        assert_eq!(skip_gap("a\n\nb", 1), 1);
    }

    /// The ASCII shortcuts of the boundary checks agree with the definition by characters at
    /// every character boundary of random texts.
    #[test]
    fn boundaries_agree_with_characters() {
        let pieces = ["a", "Z", "5", " ", "-", "é", "上", "\u{301}", "’", "_", ".", "\n", "😀", "ⅷ", "٣"];
        for text in crate::testing::random_texts(&pieces, 5_000, 8) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let before = char_before(&text, pos).is_none_or(|c| !c.is_alphanumeric());
                let after = char_at(&text, pos).is_none_or(|c| !c.is_alphanumeric());
                assert_eq!(boundary_before(&text, pos), before, "{text:?} at {pos}");
                assert_eq!(boundary_after(&text, pos), after, "{text:?} at {pos}");
            }
        }
    }

    /// The words around positions and the phrases after them, as first written (byte loops
    /// and a comparison of whole words): the specification of the faster forms above.
    mod spec {
        use super::super::{boundary_after, boundary_before, skip_space};

        pub fn word_ending_at(text: &str, end: usize) -> Option<(usize, &str)> {
            let bytes = text.as_bytes();
            let mut start = end;
            while start > 0 && (bytes[start - 1].is_ascii_alphabetic()) {
                start -= 1;
            }
            if start == end || !boundary_before(text, start) {
                return None;
            }
            Some((start, &text[start..end]))
        }

        pub fn word_starting_at(text: &str, start: usize) -> Option<(usize, &str)> {
            let bytes = text.as_bytes();
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
            if end == start || !boundary_after(text, end) {
                return None;
            }
            Some((end, &text[start..end]))
        }

        pub fn phrase_after(text: &str, pos: usize, words: &[&str]) -> Option<usize> {
            let mut end = pos;
            for word in words {
                let start = skip_space(text, end);
                if start == end {
                    return None;
                }
                let (word_end, found) = word_starting_at(text, start)?;
                if !found.eq_ignore_ascii_case(word) {
                    return None;
                }
                end = word_end;
            }
            Some(end)
        }
    }

    #[test]
    fn words_and_phrases_agree_with_their_specification() {
        let pieces = ["a", "Or", "more", "MORE", "5", " ", "  ", "-", "é", "上", "’", "_", ".", "\n", "x"];
        let phrases: [&[&str]; 4] = [&["or", "more"], &["more"], &["a"], &[""]];
        for text in crate::testing::random_texts(&pieces, 10_000, 10) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                assert_eq!(word_ending_at(&text, pos), spec::word_ending_at(&text, pos), "{text:?} at {pos}");
                assert_eq!(word_starting_at(&text, pos), spec::word_starting_at(&text, pos), "{text:?} at {pos}");
                for words in phrases {
                    assert_eq!(phrase_after(&text, pos, words), spec::phrase_after(&text, pos, words), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn words_around_positions() {
        let text = "sold 851,200 vehicles";
        assert_eq!(word_ending_at(text, 4), Some((0, "sold")));
        assert_eq!(word_starting_at(text, 13), Some((21, "vehicles")));
        assert_eq!(word_starting_at(text, 5), None);
        assert!(boundary_before(text, 5));
        assert!(!boundary_before(text, 2));
    }
}

/// Converts byte offsets into character offsets for one text, for offsets visited mostly in
/// increasing order (the starts and ends of a document's facts): each conversion counts the
/// characters between the previous offset and this one (eight bytes at a time), so a pass over
/// sorted offsets counts each byte once, and the text needs no index. An offset before the
/// previous one is counted backwards from it. ASCII texts map offsets one to one.
pub struct CharCursor<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// The number of characters in `text[..byte]`.
    #[inline]
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte >= self.byte {
            self.chars += count_chars_by_words(&self.bytes[self.byte..byte]);
        } else {
            self.chars -= count_chars_by_words(&self.bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
}

/// [`count_chars`] eight bytes at a time: the bytes that are not continuation bytes (`10xxxxxx`).
fn count_chars_by_words(bytes: &[u8]) -> usize {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // Bit 7 set and bit 6 clear, moved to bit 0 of each byte, summed by the multiplication.
        let marks = (w & !(w << 1) & HIGHS) >> 7;
        continuations += (marks.wrapping_mul(ONES) >> 56) as usize;
    }
    bytes.len() - continuations - words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count()
}

#[cfg(test)]
mod char_cursor_tests {
    use super::*;

    #[test]
    fn char_cursor_agrees_with_the_index_in_any_order() {
        let text = "Lexus’ share – 10% in 上海, “quoted” 🚗 ".repeat(20);
        let index = CharIndex::new(&text);
        let offsets: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut cursor = CharCursor::new(&text);
        for &byte in &offsets {
            assert_eq!(cursor.char_offset(byte), index.char_offset(byte), "at byte {byte}");
        }
        // Backwards, by jumps, and the same offset twice.
        let mut cursor = CharCursor::new(&text);
        for (n, &byte) in offsets.iter().rev().chain(offsets.iter().step_by(7)).enumerate() {
            let byte = if n % 5 == 0 { offsets[offsets.len() / 2] } else { byte };
            assert_eq!(cursor.char_offset(byte), index.char_offset(byte), "at byte {byte}");
            assert_eq!(cursor.char_offset(byte), index.char_offset(byte), "again at byte {byte}");
        }
        let mut cursor = CharCursor::new("");
        assert_eq!(cursor.char_offset(0), 0);
        let mut cursor = CharCursor::new("plain ascii");
        assert_eq!((cursor.char_offset(5), cursor.char_offset(2)), (5, 2));
    }

    #[test]
    fn characters_are_counted_by_words_as_byte_by_byte() {
        let text = "aé上🚗\u{301}z".repeat(5);
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                assert_eq!(count_chars_by_words(bytes), count_chars(bytes), "{start}..{end}");
            }
        }
        for b in 0..=255u8 {
            for at in 0..9 {
                let mut bytes = [b'a'; 9];
                bytes[at] = b;
                assert_eq!(count_chars_by_words(&bytes), count_chars(&bytes), "{b:#x} at {at}");
            }
        }
    }
}
