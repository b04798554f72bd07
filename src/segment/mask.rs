//! Masking non-prose before recognition.
//!
//! What it masks: URLs (`http://`, `https://`, `ftp://`, `www.`), Markdown link and image
//! targets (`[text](target)`, `![](target)`), e-mail addresses, Reuters-style tickers (`<TWA>`),
//! UUIDs, long hexadecimal ids (`74795f790aa5…`), other long mixed letter-digit ids
//! (`B08N5WRWNW`), digit runs of 13 or more digits, and phone numbers (`+86 21 5555 0199`,
//! `(555) 123-4567`, `555-123-4567`).
//!
//! Why: the digits and names inside them are not facts: `/upload/2024/74795f…png` holds no year
//! and `lexus.com` names no brand in prose.
//!
//! How: the masked text is a copy of the document in which every byte of a masked region is
//! replaced by an ASCII space. Lengths and offsets are unchanged, so every later stage reports
//! offsets into the original text; output `text` fields are always cut from the original.
//! Markdown targets and e-mail addresses are found by hand from their `](` and `@`, the rest by
//! one scan ([`non_prose`]) that finds what the regex [`NON_PROSE`] in the tests describes —
//! the same regions, checked on the corpus and on random strings — without a regex engine
//! stepping through every byte: it jumps over runs of word characters with one table lookup per
//! byte and tries a pattern only where one can start (a URL scheme ending a run before `://` or
//! `www` before `.`; a run of letters and digits at a word start; `<`, `(` and `+`). Every
//! pattern ends within a bounded length or matches once started; a pattern that can stay alive
//! without matching (an e-mail's local part over `5%5%5%…`) makes every later match scan to the
//! end of the text, which is quadratic time. Overlapping regions are merged.

//!
//! Known problems: a URL written without a scheme or `www.` (`example.com/2024`) is not masked;
//! trailing sentence punctuation after a URL is kept out of the mask, so a URL that really ends
//! in `.` loses that character.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::Span;

/// The regions the scan finds, as one regex (leftmost-first over the alternatives, in order):
/// the specification of [`non_prose`] and its oracle in the tests. The one difference: `(?i)`
/// also lets `ſ` (U+017F) match the `s` of `https`, which the scan does not.
#[cfg(test)]
static NON_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i:https?://|ftp://|www\.)[^\s<>\x22\x60]+", // URL
        r"|<[A-Z0-9][A-Z0-9.\-]{0,39}>",                // ticker such as <TWA>
        r"|(?-u:\b)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?-u:\b)",
        r"|\+[0-9]{1,3}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5}(?-u:\b)", // international phone number
        r"|\([0-9]{3}\) ?[0-9]{3}[ .\-][0-9]{4}(?-u:\b)",         // (555) 123-4567
        r"|(?-u:\b)[0-9]{3}[.\-][0-9]{3}[.\-][0-9]{4}(?-u:\b)",   // 555-123-4567
        // Id candidates, checked by `is_id`: every id has a digit, and asking for one keeps the
        // long words of prose from being matches at all. Last, so that phone numbers come first.
        r"|(?-u:\b)[A-Za-z]*[0-9][0-9A-Za-z]*(?-u:\b)",
    ))
    .expect("mask pattern compiles")
});

/// A document's text with non-prose regions blanked out.
pub struct Masked<'a> {
    /// The text with masked bytes replaced by spaces (borrowed when nothing was masked).
    pub text: Cow<'a, str>,
    /// The masked regions, in order.
    pub spans: Vec<Span>,
}

/// Masks the non-prose regions of `text`.
pub fn mask(text: &str) -> Masked<'_> {
    let mut buffers = MaskBuffers::default();
    mask_in(text, &mut buffers);
    let MaskBuffers { spans, text: masked } = buffers;
    Masked { text: if spans.is_empty() { Cow::Borrowed(text) } else { Cow::Owned(masked) }, spans }
}

/// The buffers [`mask_in`] masks a text in, kept from one text to the next (a worker's
/// [`Scratch`](crate::Scratch)), so that masking a document allocates nothing once they have
/// grown to the size of the documents.
#[derive(Debug, Default)]
pub struct MaskBuffers {
    spans: Vec<Span>,
    text: String,
}

/// [`mask`] into `buffers`: the masked text (`text` itself when nothing was masked).
pub fn mask_in<'a>(text: &'a str, buffers: &'a mut MaskBuffers) -> &'a str {
    buffers.spans.clear();
    regions(text, &mut buffers.spans);
    if buffers.spans.is_empty() {
        return text;
    }
    buffers.text.clear();
    blank(text, &buffers.spans, &mut buffers.text);
    &buffers.text
}

/// Adds the regions of `text` to mask to `spans` (empty), in order, merged where they overlap.
fn regions(text: &str, spans: &mut Vec<Span>) {
    non_prose(text, spans);
    let before = spans.len();
    // Most texts hold neither `]` nor `@`: one scan for both says so.
    if let Some(first) = memchr::memchr2(b']', b'@', text.as_bytes()) {
        markdown_targets(text.as_bytes(), first, spans);
        emails(text.as_bytes(), first, spans);
    }
    if spans.len() > before {
        merge(spans);
    }
}

/// Appends `text` with the bytes of `spans` (in order, apart) replaced by spaces to `masked`.
fn blank(text: &str, spans: &[Span], masked: &mut String) {
    masked.reserve(text.len());
    // Every region starts and ends at an ASCII byte or the end of a whole character (a URL's),
    // so the copy is made of string slices and spaces, with no second UTF-8 validation.
    let mut copied = 0;
    for span in spans {
        if let Some(before) = text.get(copied..span.start)
            && text.is_char_boundary(span.end)
        {
            masked.push_str(before);
            masked.extend(std::iter::repeat_n(' ', span.end - span.start));
            copied = span.end;
        }
    }
    masked.push_str(&text[copied..]);
}

/// An international phone number starting at `+`, anchored (the one pattern whose extent needs a
/// regex: up to five optional-separator groups, backtracking to a word boundary).
static INTERNATIONAL_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\+[0-9]{1,3}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5}(?-u:\b)").expect("phone pattern compiles")
});

// Byte classes of the scan.
/// `[0-9A-Za-z_]`: a word character for `(?-u:\b)`.
const WORD: u8 = 1;
const DIGIT: u8 = 2;
const UNDERSCORE: u8 = 4;

static CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0'..=b'9' => WORD | DIGIT,
            b'A'..=b'Z' | b'a'..=b'z' => WORD,
            b'_' => WORD | UNDERSCORE,

            _ => 0,
        };
        b += 1;
    }
    table
};

/// Adds the regions of URLs, tickers, UUIDs, phone numbers and ids ([`NON_PROSE`] in the tests
/// says exactly which): the leftmost match, then the next one after it.
///
/// Only bytes from `(` to `<` can trigger a match ([`Triggers`] finds them 64 at a time, but
/// commas, which trigger nothing): `<`, `(` and `+` start one; a digit puts its run of word
/// characters in question (ids, phone numbers and UUIDs hold one); `:`, `.` and `-` the run
/// before them (a URL scheme before `://`, `www` before `.`, a UUID's first group before `-`).
/// A run without any of these can hold no match. Most separators are passed over by their neighbours alone: the run before
/// one holds no digit, so it can only be a URL scheme (before `//`), `www` or a group of eight
/// hexadecimal letters.
fn non_prose(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    // Everything before `decided` is decided: inside a match, or in a run already looked at.
    let mut decided = 0;
    let mut from = 0;
    let mut triggers = Triggers::new(bytes);
    // Triggers before `decided` are passed over.
    while let Some(p) = triggers.next(from.max(decided)) {
        from = p + 1;
        let found = match bytes[p] {
            b'<' => ticker(bytes, p).map(|end| (p, end)),
            b'(' => bracketed_phone(bytes, p).map(|end| (p, end)),
            b'+' => INTERNATIONAL_PHONE.find(&text[p..]).map(|m| (p, p + m.end())),
            // A separator's run holds no digit (else the digit's run, decided before, would
            // reach the separator), so only a URL scheme or `www` can end it, or a UUID's first
            // group (eight hexadecimal letters) before `-`: where what follows or the run's last
            // byte rules these out, nothing is looked at.
            b':' if !bytes[p + 1..].starts_with(b"//") => None,
            b'.' if p == 0 || bytes[p - 1] | 0x20 != b'w' => None,
            b'-' if p < 8 || bytes.len() < p + 28 || !bytes[p - 1].is_ascii_hexdigit() => None,
            b'0'..=b'9' | b':' | b'.' | b'-' => {
                // The run of word characters holding the digit, or ending before the separator.
                // It starts at a word boundary: a match never ends right before a word
                // character unless it ends in `)`.
                let is_word = |b: u8| CLASS[usize::from(b)] & WORD != 0;
                let start = decided.max(p - bytes[decided..p].iter().rev().take_while(|&&b| is_word(b)).count());
                let end = if bytes[p].is_ascii_digit() {
                    p + bytes[p..].iter().take_while(|&&b| is_word(b)).count()
                } else {
                    p
                };
                if start == end {
                    continue;
                }
                decided = end;
                from = end;
                if bytes[p].is_ascii_digit() && is_plain_number(bytes, start, end) {
                    continue;
                }
                let seen = bytes[start..end].iter().fold(0, |seen, &b| seen | CLASS[usize::from(b)]);
                in_run(bytes, start, end, seen)
            }
            _ => None,
        };
        if let Some((start, end)) = found {
            if let Some(span) = region(&text[start..end], start) {
                spans.push(span);
            }
            decided = end;
            from = end;
        }
    }
}

/// The bytes in `(`..=`<` but commas (`(`, `+`, `-`, `.`, digits, `:`, `<`, and a few others) of
/// a text, in order: found for 64 bytes at a time and packed into one bit per byte, so that the
/// next one is the lowest bit left.
struct Triggers<'a> {
    bytes: &'a [u8],
    /// Where the current block of 64 starts (a multiple of 64), and its triggers not yet passed.
    block: usize,
    bits: u64,
}

impl<'a> Triggers<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Triggers { bytes, block: 0, bits: Self::of(bytes, 0) }
    }

    /// The triggers among the 64 bytes at `block` (those past the end read as zeros).
    fn of(bytes: &[u8], block: usize) -> u64 {
        match bytes.get(block..block + 64) {
            Some(chunk) => Self::in_chunk(chunk.try_into().expect("64 bytes")),
            None => {
                let mut padded = [0; 64];
                let rest = &bytes[block..];
                padded[..rest.len()].copy_from_slice(rest);
                Self::in_chunk(&padded)
            }
        }
    }

    /// The triggers among 64 bytes.
    #[inline]
    fn in_chunk(chunk: &[u8; 64]) -> u64 {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: SSE2, the one target feature `of_sse2` enables, is part of the x86_64
        // baseline: every x86_64 processor has it (and the compiler assumes it everywhere).
        return unsafe { Self::of_sse2(chunk) };
        #[cfg(not(target_arch = "x86_64"))]
        Self::of_bytes(chunk)
    }

    /// [`Triggers::of_bytes`] by SSE2 comparisons of 16 bytes at a time, packed into bits by
    /// `pmovmskb`. The comparisons are of signed bytes: `b - b'(' <= b'<' - b'('` (unsigned) is
    /// `(b - b'(') ^ 0x80 < -128 + 21`, that is `b - (b'(' ^ 0x80)` below `-128 + 21`.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn of_sse2(chunk: &[u8; 64]) -> u64 {
        use std::arch::x86_64::{_mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_set1_epi8, _mm_sub_epi8};
        let mut bits = 0;
        for (k, v) in super::sse2::lanes(chunk).into_iter().enumerate() {
            let range = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8(0xa8_u8 as i8)), _mm_set1_epi8(-128 + 21));
            let trigger = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(b',' as i8)), range);
            bits |= super::sse2::bits(trigger, k);
        }
        bits
    }

    /// The triggers among 64 bytes, byte by byte: a flag per byte, which the compiler compares
    /// many bytes at a time, packed into bits. Commas, the most frequent of the bytes in the
    /// range that start nothing, are left out.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))] // the specification in the tests there
    fn of_bytes(chunk: &[u8; 64]) -> u64 {
        let mut flags = [0; 64];
        for (flag, &b) in flags.iter_mut().zip(chunk) {
            *flag = u8::from(is_trigger(b));
        }
        crate::swar::pack(&flags)
    }

    /// The position of the first trigger at or after `from`.
    #[inline]
    fn next(&mut self, from: usize) -> Option<usize> {
        if from >= self.block + 64 {
            self.block = from & !63;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.bits = Self::of(self.bytes, self.block);
        }
        if from > self.block {
            self.bits &= u64::MAX << (from - self.block);
        }
        while self.bits == 0 {
            self.block += 64;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.bits = Self::of(self.bytes, self.block);
        }
        Some(self.block + self.bits.trailing_zeros() as usize)
    }
}

/// Whether `b` is a trigger of [`Triggers`].
fn is_trigger(b: u8) -> bool {
    (b'('..=b'<').contains(&b) && b != b','
}

/// Whether the run of word characters `start..end`, which holds a digit, can hold no match and
/// is masked by none ([`in_run`] and [`region`] say so, at more cost): it is shorter than an id
/// (eight), and neither starts like a URL (`h`, `w`, `f`: `region` masks an id candidate that
/// starts with `http`), is the first group of a `555-123-4567` phone number, nor ends with a
/// letter before `:` or `.` (a URL scheme or `www`). A UUID's first group has eight characters.
fn is_plain_number(bytes: &[u8], start: usize, end: usize) -> bool {
    let next = bytes.get(end).copied();
    let id_length = end - start >= 8;
    let url_start = matches!(bytes[start] | 0x20, b'h' | b'w' | b'f');
    let phone = end - start == 3 && matches!(next, Some(b'.' | b'-'));
    let scheme = bytes[end - 1].is_ascii_alphabetic() && matches!(next, Some(b':' | b'.'));
    !(id_length || url_start || phone || scheme)
}

/// The leftmost match that starts in the run of word characters `start..end` (`seen`: the union
/// of its byte classes), in the order of the alternatives: at its start a URL, a UUID, a
/// `555-123-4567` phone number or an id candidate; else a URL whose scheme ends the run.
fn in_run(bytes: &[u8], start: usize, end: usize, seen: u8) -> Option<(usize, usize)> {
    let url = url_start(bytes, start, end);
    if let Some((u, body)) = url
        && u == start
    {
        return Some((start, url_end(bytes, body)));
    }
    if let Some(uuid) = uuid(bytes, start) {
        return Some((start, uuid));
    }
    if let Some(phone) = dashed_phone(bytes, start) {
        return Some((start, phone));
    }
    if seen & DIGIT != 0 && seen & UNDERSCORE == 0 {
        return Some((start, end)); // `[A-Za-z]*[0-9][0-9A-Za-z]*` between word boundaries
    }
    url.map(|(u, body)| (u, url_end(bytes, body)))
}

/// Where a URL starts in the run `start..end`, and where its body starts: a scheme (`https`,
/// `http`, `ftp`, any case) ending the run before `://`, or `www` ending it before `.`, with a
/// character of the URL after.
fn url_start(bytes: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let run = &bytes[start..end];
    let ends_with = |word: &[u8]| run.len() >= word.len() && run[run.len() - word.len()..].eq_ignore_ascii_case(word);
    let rest = &bytes[end..];
    let (scheme, body) = if rest.starts_with(b"://") {
        let scheme = [&b"https"[..], b"http", b"ftp"].into_iter().find(|w| ends_with(w))?;
        (end - scheme.len(), end + 3)
    } else if rest.starts_with(b".") && ends_with(b"www") {
        (end - 3, end + 1)
    } else {
        return None;
    };
    url_char(bytes, body).map(|_| (scheme, body))
}

/// The length of the URL character (`[^\s<>"\x60]`) at `i`, if there is one.
fn url_char(bytes: &[u8], i: usize) -> Option<usize> {
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return (!b.is_ascii_whitespace() && b != 0x0b && !matches!(b, b'<' | b'>' | b'"' | b'`')).then_some(1);
    }
    let len = match b {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    let c = std::str::from_utf8(&bytes[i..(i + len).min(bytes.len())]).ok()?.chars().next()?;
    (!c.is_whitespace()).then_some(len)
}

/// The end of a URL whose body starts at `body`: URL characters as far as they go.
fn url_end(bytes: &[u8], body: usize) -> usize {
    let mut i = body;
    while let Some(len) = url_char(bytes, i) {
        i += len;
    }
    i
}

/// `(?-u:\b)` after a word character at `end - 1`: `end` is the end or not a word character.
fn word_end(bytes: &[u8], end: usize) -> bool {
    bytes.get(end).is_none_or(|&b| CLASS[usize::from(b)] & WORD == 0)
}

/// Bytes at `i..` that match `pattern`, where `#` is a digit, `x` a hexadecimal digit, `-` a
/// `.` or `-`, and any other byte itself.
fn shape(bytes: &[u8], i: usize, pattern: &[u8]) -> bool {
    bytes.len() >= i + pattern.len()
        && bytes[i..i + pattern.len()].iter().zip(pattern).all(|(&b, &p)| match p {
            b'#' => b.is_ascii_digit(),
            b'x' => b.is_ascii_hexdigit(),
            b'-' => b == b'.' || b == b'-',
            _ => b == p,
        })
}

/// A UUID at the word start `i`: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` and a word boundary.
fn uuid(bytes: &[u8], i: usize) -> Option<usize> {
    const UUID: &[u8] = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    let dashes = [8, 13, 18, 23].iter().all(|&d| bytes.get(i + d) == Some(&b'-'));
    (dashes && shape(bytes, i, UUID) && word_end(bytes, i + UUID.len())).then_some(i + UUID.len())
}

/// `555-123-4567` (`.` or `-`) at the word start `i`, and a word boundary.
fn dashed_phone(bytes: &[u8], i: usize) -> Option<usize> {
    const PHONE: &[u8] = b"###-###-####";
    (shape(bytes, i, PHONE) && word_end(bytes, i + PHONE.len())).then_some(i + PHONE.len())
}

/// `(555) 123-4567` at `(` (the space optional; ` `, `.` or `-` before the last four digits).
fn bracketed_phone(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    if !shape(bytes, j, b"(###)") {
        return None;
    }
    j += 5;
    if bytes.get(j) == Some(&b' ') {
        j += 1;
    }
    let separated = shape(bytes, j, b"###") && matches!(bytes.get(j + 3), Some(b' ' | b'.' | b'-'));
    (separated && shape(bytes, j + 4, b"####") && word_end(bytes, j + 8)).then_some(j + 8)
}

/// A Reuters ticker at `<`: `<` `[A-Z0-9]` `[A-Z0-9.-]{0,39}` `>`.
fn ticker(bytes: &[u8], i: usize) -> Option<usize> {
    let ok = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    if !bytes.get(i + 1).is_some_and(ok) {
        return None;
    }
    let run = bytes[i + 2..].iter().take(40).take_while(|&b| ok(b) || *b == b'.' || *b == b'-').count();
    (run <= 39 && bytes.get(i + 2 + run) == Some(&b'>')).then_some(i + 3 + run)
}

/// Longest Markdown link or image target masked: `](` with no `)` within this many bytes is not
/// a link (real targets, a URL and an optional title, are far shorter).
const MAX_TARGET: usize = 4096;

/// Adds the target of every Markdown link or image, between `](` and the first `)` after it
/// (the brackets stay), whose `](` is at `first` or after. Linear: the position of the next `)`
/// is looked up once per `)`. The `](` are found from their `]`, which is rare.
fn markdown_targets(bytes: &[u8], first: usize, spans: &mut Vec<Span>) {
    let mut close: Option<usize> = None;
    let mut after = 0;
    let opens = memchr::memchr_iter(b']', &bytes[first..]).map(|i| first + i);
    for open in opens.filter(|&i| bytes.get(i + 1) == Some(&b'(')) {
        if open < after {
            continue; // inside the previous target
        }
        let from = open + 2;
        if close.is_none_or(|c| c < from) {
            close = memchr::memchr(b')', &bytes[from..]).map(|i| from + i);
        }
        let Some(end) = close else { return };
        if end - from <= MAX_TARGET {
            if end > from {
                spans.push(Span::new(from, end));
            }
            after = end + 1;
        }
    }
}

/// Longest local part of an e-mail address looked at (RFC 5321 allows 64 bytes).
const MAX_LOCAL: usize = 64;

/// Adds every e-mail address (whose `@` is at `first` or after): a local part of
/// `[A-Za-z0-9._%+-]` before `@`, and a domain of two or more dot-separated labels of
/// `[A-Za-z0-9-]` after it.
fn emails(bytes: &[u8], first: usize, spans: &mut Vec<Span>) {
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let label = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    for at in memchr::memchr_iter(b'@', &bytes[first..]).map(|i| first + i) {
        let floor = at.saturating_sub(MAX_LOCAL);
        let start = (floor..at).rev().take_while(|&i| local(bytes[i])).last();
        let Some(start) = start else { continue };
        let mut end = at + 1;
        let mut labels = 0;
        loop {
            let run = bytes[end..].iter().take_while(|&&b| label(b)).count();
            if run == 0 {
                break;
            }
            end += run;
            labels += 1;
            if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(|&b| label(b)) {
                end += 1;
            } else {
                break;
            }
        }
        if labels >= 2 {
            spans.push(Span::new(start, end));
        }
    }
}

/// Sorts `spans` and merges those that overlap, in place.
fn merge(spans: &mut Vec<Span>) {
    spans.sort_unstable_by_key(|s| (s.start, s.end));
    // A span that starts inside the one kept before it is folded into that one.
    spans.dedup_by(|s, kept| {
        let overlaps = s.start < kept.end;
        if overlaps {
            kept.end = kept.end.max(s.end);
        }
        overlaps
    });
}

/// Decides what part of a pattern match is masked, if any.
fn region(found: &str, start: usize) -> Option<Span> {
    let bytes = found.as_bytes();
    match bytes[0] {
        b'<' => Some(Span::new(start, start + found.len())),
        b'+' | b'(' => {
            let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
            (digits >= 8).then(|| Span::new(start, start + found.len()))
        }
        _ if bytes.len() == 12 && bytes[3] == bytes[7] && matches!(bytes[3], b'.' | b'-') => {
            Some(Span::new(start, start + found.len()))
        }

        _ if is_url_start(bytes) => Some(Span::new(start, start + url_len(found))),
        _ if bytes.len() == 36 && bytes[8] == b'-' => Some(Span::new(start, start + found.len())),
        _ => is_id(bytes).then(|| Span::new(start, start + found.len())),
    }
}

fn is_url_start(bytes: &[u8]) -> bool {
    let starts = |prefix: &[u8]| bytes.get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix));
    starts(b"http") || starts(b"www.") || starts(b"ftp")
}

/// A URL's length without the sentence punctuation that follows it in prose.
fn url_len(url: &str) -> usize {
    let mut end = url.len();
    let balanced = |s: &str| s.matches('(').count() >= s.matches(')').count();
    while end > 0 {
        match url.as_bytes()[end - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => end -= 1,
            b')' if !balanced(&url[..end]) => end -= 1,
            _ => break,
        }
    }
    end
}

/// True for tokens that are identifiers rather than words or numbers: hexadecimal runs of 8+
/// with both letters and digits, 10+ characters that switch between letters and digits at
/// least twice, and 13+ digits.
fn is_id(token: &[u8]) -> bool {
    if token.len() < 8 {
        return false;
    }
    let digits = token.iter().filter(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    if digits == token.len() {
        return digits >= 13;
    }
    if token.iter().all(u8::is_ascii_hexdigit) {
        return true;
    }
    let switches = token.windows(2).filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit()).count();
    token.len() >= 10 && switches >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_regions_merge_and_touching_ones_stay_apart() {
        let mut spans =
            [(10, 20), (0, 5), (15, 30), (5, 8), (12, 14), (40, 41), (40, 41)].map(|(a, b)| Span::new(a, b)).to_vec();
        merge(&mut spans);
        assert_eq!(spans, [(0, 5), (5, 8), (10, 30), (40, 41)].map(|(a, b)| Span::new(a, b)));
    }

    fn masked(text: &str) -> String {
        mask(text).text.into_owned()
    }

    /// The regions of the specification: the regex's matches, each decided by `region`.
    fn specified(text: &str) -> Vec<Span> {
        NON_PROSE.find_iter(text).filter_map(|m| region(m.as_str(), m.start())).collect()
    }

    fn scanned(text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        non_prose(text, &mut spans);
        spans
    }

    #[test]
    fn the_trigger_test_finds_every_byte_of_the_range_and_no_other() {
        for b in 0..=255u8 {
            for at in [0, 5, 63, 64, 100, 127, 128] {
                for len in [at + 1, at + 8, 200] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    for from in [0, at.saturating_sub(1), at, at + 1] {
                        let want = (is_trigger(b) && from <= at).then_some(at);
                        assert_eq!(Triggers::new(&bytes).next(from), want, "byte {b:#x} at {at} from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn blocks_of_triggers_are_those_of_the_bytes() {
        for background in [b'a', b'0', b',', 0x80, 0xff] {
            for b in 0..=255u8 {
                for i in 0..64 {
                    let mut block = [background; 64];
                    block[i] = b;
                    assert_eq!(Triggers::in_chunk(&block), Triggers::of_bytes(&block), "{block:?}");
                }
            }
        }
    }

    #[test]
    fn triggers_are_found_in_order_whatever_the_steps() {
        let text: Vec<u8> =
            (0..1000u32).map(|i| [b'a', b'.', b' ', b'7', b'(', 0xc3, b'<'][(i * i % 7) as usize]).collect();
        for step in [1, 2, 7, 63, 64, 65, 200] {
            let mut triggers = Triggers::new(&text);
            let mut from = 0;
            while from < text.len() + 70 {
                let want = text.iter().skip(from).position(|&b| is_trigger(b)).map(|i| from + i);
                assert_eq!(triggers.next(from), want, "from {from} step {step}");
                from += step;
            }
        }
    }

    #[test]
    fn the_scan_finds_what_the_regex_specifies_in_the_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(scanned(&text), specified(&text));
        }
    }

    #[test]
    fn the_scan_finds_what_the_regex_specifies_in_random_text() {
        const PIECES: &[&str] = &[
            "http",
            "HTTPS",
            "https",
            "hTtP",
            "ftp",
            "FtP",
            "www",
            "WwW",
            "ww",
            "://",
            ":/",
            ":",
            "/",
            ".",
            "..",
            "<",
            ">",
            "+",
            "(",
            ")",
            "-",
            " ",
            "\n",
            "\t",
            "\u{b}",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "é",
            "上",
            "_",
            "\"",
            "`",
            "0",
            "12",
            "123",
            "555",
            "1234",
            "4567",
            "86",
            "a",
            "abc",
            "deadbeef",
            "ABCDEF",
            "B08N5WRWNW",
            "a1",
            "x",
            "Z",
            "TWA",
            "<TWA>",
            "8f3a9c2e-41b7-d05a-1234-0123456789ab",
            "deadbeef-dead-beef-dead-beefdeadbeef",
            "(555)",
            "555-123-4567",
            "+1",
            "12345678901234",
            "e.g",
            "%",
            "@",
            "](",
        ];
        for text in crate::testing::random_texts(PIECES, 200_000, 14) {
            assert_eq!(scanned(&text), specified(&text), "{text:?}");
        }
    }

    #[test]
    fn markdown_image_target_is_masked() {
        let text = "x\n![](http://image.uc.cn/s/wemedia/s/upload/2024/74795f790aa530ab3002f232ac499604.png)\ny";
        let out = masked(text);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("2024"));
        assert!(out.contains("![]("));
    }

    #[test]
    fn link_text_stays_target_goes() {
        let out = masked("see [the 2025 report](https://example.com/reports/2025/q3.pdf) now");
        assert!(out.contains("[the 2025 report]"));
        assert!(!out.contains("q3.pdf"));
    }

    #[test]
    fn url_in_prose_keeps_final_period() {
        let out = masked("Read https://example.com/news/2024/05/story.html. Then more.");
        assert!(!out.contains("2024"));
        assert!(out.contains(". Then more."));
    }

    #[test]
    fn emails_tickers_and_ids() {
        let out = masked("Write to press@example-motors.com about <TWA> order 8f3a9c2e41b7d05a or B08N5WRWNW.");
        assert!(!out.contains('@'));
        assert!(!out.contains("TWA"));
        assert!(!out.contains("8f3a"));
        assert!(!out.contains("B08N"));
    }

    #[test]
    fn markdown_targets_end_at_the_first_parenthesis() {
        assert_eq!(masked("a [b](x y \"t\") c"), format!("a [b]({}) c", " ".repeat(7)));
        assert_eq!(masked("[](x)[](y)"), "[]( )[]( )");
        // Without a closing parenthesis nothing is a target.
        assert_eq!(masked("a ](b c and 5%"), "a ](b c and 5%");
        let far = format!("[x]({})", "y".repeat(MAX_TARGET + 1));
        assert_eq!(masked(&far), far);
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        let address = "a.b+c@news-desk.example.com";
        assert_eq!(masked(&format!("mail {address}. Then")), format!("mail {}. Then", " ".repeat(address.len())));
        for text in ["@example.com", "a@example", "a@b..c", "5 @ 6.7"] {
            assert_eq!(masked(text), text);
        }
        // A URL holding an address is one region.
        assert_eq!(masked("http://user@host.example.com/p x").trim_start(), "x");
    }

    #[test]
    fn runs_of_local_part_characters_do_not_stall() {
        // Each "5" is a candidate; a regex alternative for e-mails would rescan the rest of the
        // text after every one of them.
        let text = "5%".repeat(50_000);
        assert_eq!(masked(&text), text);
    }

    #[test]
    fn phone_numbers() {
        for phone in ["+86 21 5555 0199", "(555) 123-4567", "555-123-4567", "+44 (0)20 7946 0958", "+1-202-555-0147"] {
            let out = masked(&format!("call {phone} today"));
            assert_eq!(out.trim_start_matches("call ").trim_end_matches(" today").trim(), "", "{phone}: {out:?}");
        }
        for not_phone in ["+3.5%", "+4 points", "2020-2024", "(2024)"] {
            assert_eq!(masked(not_phone), not_phone);
        }
    }

    #[test]
    fn words_and_numbers_are_not_ids() {
        for text in ["electrification", "1,200 km", "10-minute", "20240512", "1200kilometres", "COVID19"] {
            assert_eq!(masked(text), text);
        }
        assert_eq!(masked("12345678901234").trim(), "");
    }

    #[test]
    fn non_ascii_regions_stay_valid_utf8() {
        let out = masked("voir https://exemple.fr/voiture/électrique?x=1 puis");
        assert!(out.ends_with(" puis"));
        assert!(!out.contains("exemple"));
    }
}
