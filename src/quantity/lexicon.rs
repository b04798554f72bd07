//! A lexicon of surface forms (one or more words) looked up at a position in the text: the
//! longest surface written there wins. Used for units (`km`, `per cent`, `miles per hour`) and
//! currency words (`dlrs`, `US dollars`).
//!
//! Words are runs of letters and unit symbols (`%`, `°`, `²`, `³`, `µ`, `/` and digits after a
//! slash, as in `l/100km`), letters with an inverse exponent (`fb−1`, `s^-1`, `s⁻¹`); the words of a multiword surface are separated in the text by one run
//! of whitespace without a paragraph break (matching a space in the surface) or by a hyphen
//! (matching a hyphen: `kilowatt-hours`). Surfaces are compared case-insensitively unless
//! registered as case-sensitive.

use rustc_hash::FxHashMap as HashMap;

use crate::bitset::Prefixes;

/// The longest surface, in bytes.
pub const MAX_SURFACE: usize = 48;
/// The most words a surface may have.
const MAX_WORDS: usize = 8;

/// Surfaces to entries of type `T`.
#[derive(Debug)]
pub struct Lexicon<T> {
    entries: Vec<T>,
    exact: HashMap<&'static [u8], usize>,
    folded: HashMap<Box<[u8]>, usize>,

    /// The lower-case first word of every surface, with the most words of a surface starting
    /// with it and the surfaces of that one word: a position whose first word is none of them
    /// holds no surface, and one with a single word needs no other lookup.
    firsts: HashMap<Box<[u8]>, First>,
    /// How the first words begin (their first four bytes in any case, or the whole word when
    /// shorter): most positions are rejected by this one bit before their word is delimited.
    starts: Prefixes,
}

/// What the surfaces starting with one word (in lower case) need to be looked up.
#[derive(Debug, Default)]
struct First {
    /// The most words of a surface starting with it.
    most: usize,
    /// The entry of the word alone, in any case.
    folded: Option<usize>,
    /// The entries of the word alone registered case-sensitively, by their spelling.
    exact: Vec<(&'static [u8], usize)>,
}

impl<T> Default for Lexicon<T> {
    fn default() -> Lexicon<T> {
        Lexicon {
            entries: Vec::new(),
            exact: HashMap::default(),
            folded: HashMap::default(),

            firsts: HashMap::default(),
            starts: Prefixes::default(),
        }
    }
}

impl<T: PartialEq> Lexicon<T> {
    /// Registers `surface` for `entry` (an entry equal to the one registered before it is shared).
    /// Panics on a surface longer than [`MAX_SURFACE`] or with more than eight words: the built-in
    /// tables are checked by the tests.
    pub fn insert(&mut self, surface: &'static str, case_sensitive: bool, entry: T) {
        assert!(surface.len() <= MAX_SURFACE, "surface {surface:?} is too long");
        let words = surface.split(' ').count();
        assert!(words <= MAX_WORDS, "surface {surface:?} has too many words");
        // The surfaces of one entry are listed together: an entry equal to the last one is
        // shared, any other is added (comparing it with every earlier entry made the build
        // quadratic; an equal entry stored twice is found the same).
        let index = match self.entries.last() {
            Some(last) if *last == entry => self.entries.len() - 1,
            _ => {
                self.entries.push(entry);
                self.entries.len() - 1
            }
        };

        // Words as the text is split: at spaces and at hyphens before a letter.
        let mut parts = 1;
        let bytes = surface.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b' ' || (b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)) {
                parts += 1;
            }
        }
        let first_len = (0..bytes.len())
            .find(|&i| bytes[i] == b' ' || (bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)))
            .unwrap_or(bytes.len());
        let first = surface[..first_len].to_ascii_lowercase().into_bytes().into_boxed_slice();
        self.starts.insert(&first);
        let info = self.firsts.entry(first).or_default();
        info.most = info.most.max(parts);
        // A later surface replaces an equal one, in the maps and in the first word's entries.
        if case_sensitive {
            self.exact.insert(surface.as_bytes(), index);
            if parts == 1 {
                info.exact.retain(|&(s, _)| s != surface.as_bytes());
                info.exact.push((surface.as_bytes(), index));
            }
        } else {
            self.folded.insert(surface.to_ascii_lowercase().into_bytes().into_boxed_slice(), index);
            if parts == 1 {
                info.folded = Some(index);
            }
        }
    }
}

impl<T> Lexicon<T> {
    /// Every distinct entry.
    pub fn entries(&self) -> &[T] {
        &self.entries
    }

    /// The longest surface written at `pos`, as its end and entry.
    #[inline]
    pub fn lookup(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        // The text's first word must be the first word of a surface (the separators of a
        // multiword surface come after it), so its first bytes must begin one; and a word never
        // ends before an ASCII letter. Most positions end here, in the caller, without the call
        // below (whose buffers make it costly to enter).
        let bytes = text.as_bytes();
        if pos >= bytes.len() || !self.starts.may_be_word_at(bytes, pos) {
            return None;
        }
        self.lookup_word(text, pos)
    }

    /// [`lookup`](Self::lookup) past its filter.
    #[inline(never)]
    fn lookup_word(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        let bytes = text.as_bytes();
        let first_end = word_end(text, pos);
        if first_end == pos || first_end - pos > MAX_SURFACE {
            return None;
        }
        // Words end on character boundaries and ASCII lowercasing keeps UTF-8 valid, so the keys
        // are compared as bytes.
        // Lowercased byte by byte as it is copied: a word is a few bytes, too few for a call.
        let mut first = [0u8; MAX_SURFACE];
        let first = &mut first[..first_end - pos];
        for (to, &b) in first.iter_mut().zip(&bytes[pos..first_end]) {
            *to = b.to_ascii_lowercase();
        }
        let info = self.firsts.get(&*first)?;
        if info.most > 1 {
            let mut words = [(0usize, 0usize, b' '); MAX_WORDS];
            let count = words_at(text, pos, first_end, &mut words[..info.most.min(MAX_WORDS)]);
            for n in (2..=count).rev() {
                let mut buf = [0u8; MAX_SURFACE];
                let Some(len) = surface_key(text, &words[..n], &mut buf) else { continue };
                let end = words[n - 1].1;
                if let Some(&i) = self.exact.get(&buf[..len]) {
                    return Some((end, &self.entries[i]));
                }
                buf[..len].make_ascii_lowercase();
                if let Some(&i) = self.folded.get(&buf[..len]) {
                    return Some((end, &self.entries[i]));
                }
            }
        }
        // The first word alone: no surface of several words can be a word of the text.
        let word = &bytes[pos..first_end];
        let exact = info.exact.iter().find(|&&(s, _)| s == word).map(|&(_, i)| i);
        exact.or(info.folded).map(|i| (first_end, &self.entries[i]))
    }
}

/// Finds up to `words.len()` words starting at `pos` (the first ending at `first_end`), as
/// `(start, end, separator before)`; returns how many. Words are separated by one whitespace
/// run without a paragraph break (read as a space) or by one hyphen between letters
/// ("kilowatt-hours", "km-long").
fn words_at(text: &str, pos: usize, first_end: usize, words: &mut [(usize, usize, u8)]) -> usize {
    let bytes = text.as_bytes();
    let mut start = pos;
    let mut sep = b' ';
    let mut n = 0;
    while n < words.len() {
        // The first word's end is known.
        let end = if n == 0 { first_end } else { word_end(text, start) };
        if end == start {
            break;
        }
        words[n] = (start, end, sep);
        n += 1;
        if bytes.get(end) == Some(&b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
            start = end + 1;
            sep = b'-';
            continue;
        }
        let next = crate::text::skip_gap(text, end);
        if next == end || next >= text.len() {
            break;
        }
        start = next;
        sep = b' ';
    }
    n
}

/// The end of the word at `pos`: letters, `%`, `°`, `º`, `²`, `³`, `µ`, `·`, `.` in dotted
/// abbreviations ("U.S.", "a.m."), and `/` followed by more (digits are allowed after a `/`:
/// `l/100km`).
fn word_end(text: &str, pos: usize) -> usize {
    // The common case first: ASCII letters up to a byte that cannot continue a word (not `%`,
    // `/`, `.`, `2`, `3`, `$` or a non-ASCII character), which ends it, or a digit, which makes
    // it no word. Anything else goes through the general loop below.
    let bytes = text.as_bytes();
    let letters = crate::swar::leading_letters(&bytes[pos..]);
    if letters > 0 {
        match bytes.get(pos + letters) {
            None => return pos + letters,
            Some(&b) if b < 0x80 && !matches!(b, b'%' | b'/' | b'.' | b'2' | b'3' | b'$' | b'-' | b'^') => {
                return if b.is_ascii_digit() { pos } else { pos + letters };
            }
            // A full stop ends the word unless a letter follows it ("U.S.", "a.m.").
            Some(b'.') if !bytes.get(pos + letters + 1).is_some_and(u8::is_ascii_alphabetic) => {
                return pos + letters;
            }
            Some(&b) => {
                // "fb−1", "s^-1": letters with an inverse exponent are one word.
                if let Some(len) = inverse_exponent(&bytes[pos + letters..]) {
                    let end = pos + letters + len;
                    return if crate::text::boundary_after(text, end) { end } else { pos };
                }
                if b == b'-' || b == b'^' {
                    return pos + letters;
                }
            }
        }
    }
    let mut end = pos;
    let mut after_slash = false;
    let mut prev_letter = false;
    let mut dotted = false;
    let rest = &text[pos..];
    for (i, c) in rest.char_indices() {
        // Looked at only for `2`, `3` and `.` (an ASCII letter's first byte is the letter).
        let next_is_letter = || rest.as_bytes().get(i + c.len_utf8()).is_some_and(u8::is_ascii_alphabetic);
        let ok = c.is_ascii_alphabetic()
            || matches!(c, '%' | '°' | 'º' | '²' | '³' | 'µ' | 'μ' | '·')
            || is_currency_symbol(c)
            || ((c == '2' || c == '3') && prev_letter && !next_is_letter())
            || (c == '/' && i > 0)
            || (c == '.' && prev_letter && (dotted || next_is_letter()))
            || (after_slash && c.is_ascii_digit());
        if !ok {
            break;
        }
        after_slash |= c == '/';
        dotted |= c == '.';
        prev_letter = c.is_ascii_alphabetic();
        end = pos + i + c.len_utf8();
    }
    // A trailing slash is not part of a word.
    while end > pos && text.as_bytes()[end - 1] == b'/' {
        end -= 1;
    }
    if end > pos && !crate::text::boundary_after(text, end) {
        return pos;
    }
    end
}

/// The length of an inverse exponent at the start of `rest` (`-1`, `^-1`, `−1`, `^−1`, `⁻¹`),
/// when no digit follows it: "F-14A" and "M-1b" carry none.
fn inverse_exponent(rest: &[u8]) -> Option<usize> {
    const FORMS: &[&[u8]] =
        &[b"-1", b"^-1", "\u{2212}1".as_bytes(), "^\u{2212}1".as_bytes(), "\u{207b}\u{b9}".as_bytes()];
    let len = FORMS.iter().find(|f| rest.starts_with(f))?.len();
    (!rest.get(len).is_some_and(u8::is_ascii_alphanumeric)).then_some(len)
}

/// Currency signs, which can follow a number as a unit does ("20€", "10¢", "100元").
pub fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '¢'
            | '₹'
            | '₩'
            | '₽'
            | '₺'
            | '₪'
            | '฿'
            | '₡'
            | '₾'
            | '₭'
            | '₫'
            | '₱'
            | '元'
    )
}

/// Joins the words with their separators (whitespace read as one space) into `buf`; returns the
/// length.
fn surface_key(text: &str, words: &[(usize, usize, u8)], buf: &mut [u8; MAX_SURFACE]) -> Option<usize> {
    let mut len = 0;
    for (i, &(start, end, sep)) in words.iter().enumerate() {
        if i > 0 {
            *buf.get_mut(len)? = sep;
            len += 1;
        }
        let word = &text.as_bytes()[start..end];
        buf.get_mut(len..len + word.len())?.copy_from_slice(word);
        len += word.len();
    }
    Some(len)
}

#[cfg(test)]
impl<T> Lexicon<T> {
    /// The lookup as first written, the specification of [`Lexicon::lookup`]: the words at `pos`
    /// (as many as the longest surface starting with the first has), then the key of each
    /// number of them, longest first, as written and in lower case.
    fn lookup_by_keys(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        let first_end = word_end(text, pos);
        if first_end == pos || first_end - pos > MAX_SURFACE {
            return None;
        }
        let first = text[pos..first_end].to_ascii_lowercase();
        let most = self.firsts.get(first.as_bytes())?.most;
        let mut words = [(0usize, 0usize, b' '); MAX_WORDS];
        let count = words_at(text, pos, first_end, &mut words[..most.min(MAX_WORDS)]);
        for n in (1..=count).rev() {
            let mut buf = [0u8; MAX_SURFACE];
            let Some(len) = surface_key(text, &words[..n], &mut buf) else { continue };
            let end = words[n - 1].1;
            if let Some(&i) = self.exact.get(&buf[..len]) {
                return Some((end, &self.entries[i]));
            }
            buf[..len].make_ascii_lowercase();
            if let Some(&i) = self.folded.get(&buf[..len]) {
                return Some((end, &self.entries[i]));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_end_where_the_unit_symbols_end() {
        fn end(s: &str) -> &str {
            &s[..word_end(s, 0)]
        }
        for (text, word) in [
            ("km long", "km"),
            ("km", "km"),
            ("km, then", "km"),
            ("km5", ""),
            ("km_x", "km"),
            ("km2 of", "km2"),
            ("km3a", ""),
            ("km/h.", "km/h"),
            ("l/100km today", "l/100km"),
            ("U.S. dollars", "U.S."),
            ("a.m. today", "a.m."),
            ("kms. Then", "kms"),
            ("kms.", "kms"),
            ("kms.5", "kms"),
            ("kms.é", "kms"),
            ("Kms.x y", "Kms.x"),
            ("pct%", "pct%"),
            ("m² of", "m²"),
            ("°C high", "°C"),
            ("dlrs$", "dlrs$"),
            ("kmé", ""),
            ("km’s", "km"),
            ("5km", ""),
            ("fb−1 of", "fb−1"),
            ("fb⁻¹.", "fb⁻¹"),
            ("s-1 and", "s-1"),
            ("s^-1", "s^-1"),
            ("F-14A", "F"),
            ("M-1b money", "M"),
            ("s-12", "s"),
        ] {
            assert_eq!(end(text), word, "{text:?}");
        }
    }

    fn lexicon() -> Lexicon<&'static str> {
        let mut l = Lexicon::default();
        l.insert("km", false, "km");
        l.insert("km/h", false, "km/h");
        l.insert("per cent", false, "percent");
        l.insert("m", true, "m");
        l.insert("l/100 km", false, "l/100km");
        l.insert("lb-ft", false, "lb-ft");
        l.insert("U.S. dollars", false, "USD");
        l
    }

    fn find(text: &str) -> Option<(&str, &'static str)> {
        lexicon().lookup(text, 0).map(|(end, e)| (&text[..end], *e))
    }

    #[test]
    fn longest_surface_wins() {
        assert_eq!(find("km range"), Some(("km", "km")));
        assert_eq!(find("KM/H."), Some(("KM/H", "km/h")));
        assert_eq!(find("per\ncent of"), Some(("per\ncent", "percent")));
        assert_eq!(find("l/100 km"), Some(("l/100 km", "l/100km")));
        assert_eq!(find("lb-ft of torque"), Some(("lb-ft", "lb-ft")));
        assert_eq!(find("km-long road"), Some(("km", "km")));
        assert_eq!(find("U.S. dollars."), Some(("U.S. dollars", "USD")));
        assert_eq!(find("km. Next"), Some(("km", "km")));
    }

    /// The filter of first bytes never rejects a position where a surface is written, and a
    /// word alone is found as its key would be: on random texts made of the unit and currency
    /// surfaces (in several cases), separators and other words, every position gives what the
    /// lookup of every key gives.
    #[test]
    fn the_filter_keeps_every_surface() {
        let mut lexicon = Lexicon::default();
        let mut pieces: Vec<&'static str> =
            vec![" ", "  ", "\n", "\n\n", "-", "/", ".", "5", "a", "of", "per", "the ", "X", "é", "°", "s", "2"];
        for (file, rows) in [("units.tsv", crate::data::UNITS), ("currencies.tsv", crate::data::CURRENCIES)] {
            for row in crate::data::builtin_rows(file, rows) {
                let surface = row.get(0);
                let case_sensitive = file == "units.tsv" && row.get(5).split(',').any(|f| f == "cs")
                    || file == "currencies.tsv" && row.get(3).split(',').any(|f| f == "cs");
                lexicon.insert(surface, case_sensitive, surface);
                pieces.push(surface);
                pieces.push(surface.to_ascii_uppercase().leak());
                pieces.push(surface.replace(' ', "\n ").leak());
            }
        }
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 20_000, 6) {
            for pos in (0..text.len()).filter(|&p| text.is_char_boundary(p)) {
                let expected = lexicon.lookup_by_keys(&text, pos);
                found += usize::from(expected.is_some());
                assert_eq!(lexicon.lookup(&text, pos), expected, "{text:?} at {pos}");
            }
        }
        assert!(found > 10_000, "only {found} surfaces found");
    }

    #[test]
    fn case_sensitive_and_boundaries() {
        assert_eq!(find("m."), Some(("m", "m")));
        assert_eq!(find("M"), None);
        assert_eq!(find("kmz"), None);
        assert_eq!(find("per\n\ncent"), None);
    }
}
