//! Bit sets of bytes, of byte pairs and of word beginnings: the one-lookup filters that let a
//! scanner pass over the positions where nothing it looks for can be (a currency prefix must end
//! in one of a few bytes, a name must start with one of a few pairs, a number word with one of a
//! few four-letter beginnings).

/// A set of bytes, 256 bits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ByteSet([u64; 4]);

impl ByteSet {
    /// Adds `b`.
    pub(crate) fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    /// True when `b` is in the set.
    #[inline]
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

/// How the words of a list start: their first two bytes (a [`Pairs`] set) and their first bytes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Starts {
    firsts: ByteSet,
    pairs: Pairs,
}

impl Starts {
    /// Adds the start of `word`; a one-byte word may be followed by anything.
    pub(crate) fn insert(&mut self, word: &[u8]) {
        if let Some(&first) = word.first() {
            self.firsts.insert(first);
            self.pairs.insert(word);
        }
    }

    /// True when a word of the list may start at `pos`: the two bytes there begin one, or the
    /// last byte of `bytes` is the first byte of one.
    #[inline]
    pub(crate) fn may_start_at(&self, bytes: &[u8], pos: usize) -> bool {
        match bytes.get(pos + 1) {
            Some(&second) => self.pairs.has(u16::from_le_bytes([bytes[pos], second])),
            None => self.firsts.contains(bytes[pos]),
        }
    }
}

/// A set of byte pairs (the first two bytes of words), 64 Kbit, by the pair read as a
/// little-endian number: the low half of a word's first four bytes, loaded as one, gives its bit.
#[derive(Debug, Clone)]
pub(crate) struct Pairs([u64; 1024]);

impl Default for Pairs {
    fn default() -> Pairs {
        Pairs([0; 1024])
    }
}

impl Pairs {
    /// Adds the first two bytes of `spelling`; a one-byte spelling may be followed by anything.
    pub(crate) fn insert(&mut self, spelling: &[u8]) {
        match *spelling {
            [] => {}
            [b] => (0..=255).for_each(|second| self.set(u16::from_le_bytes([b, second]))),
            [b0, b1, ..] => self.set(u16::from_le_bytes([b0, b1])),
        }
    }

    pub(crate) fn set(&mut self, pair: u16) {
        self.0[usize::from(pair >> 6)] |= 1 << (pair & 63);
    }

    /// True when some spelling begins with `pair` (its first byte in the low half).
    #[inline]
    pub(crate) fn has(&self, pair: u16) -> bool {
        self.0[usize::from(pair >> 6)] & (1 << (pair & 63)) != 0
    }
}

/// How the words of a list begin, in any letter case: their first four bytes, or the whole word
/// when it is shorter (hashes in a 64 Kbit set). A finer filter than [`Starts`] for lists whose
/// words share their first two letters with common words ("th" of "three" and "the", "fo" of
/// "four" and "for"). It may let a position through where no word starts (a hash collision),
/// never the other way round.
#[derive(Debug, Clone)]
pub(crate) struct Prefixes {
    bits: Box<[u64; PREFIX_WORDS]>,
    /// The lengths of the words shorter than four bytes (bit `len`).
    short_lengths: u8,
}

const PREFIX_BITS: u32 = 16;
const PREFIX_WORDS: usize = (1 << PREFIX_BITS) / 64;

impl Default for Prefixes {
    fn default() -> Prefixes {
        Prefixes { bits: Box::new([0; PREFIX_WORDS]), short_lengths: 0 }
    }
}

impl Prefixes {
    /// Adds the beginning of `word` (any length; an empty word is ignored, a one-byte word lets
    /// every position starting with its byte through).
    pub(crate) fn insert(&mut self, word: &[u8]) {
        let key = match word.len() {
            0 => return,
            len @ 1..=3 => {
                self.short_lengths |= 1 << len;
                short_key(word)
            }
            _ => fold4(word),
        };
        let bit = prefix_bit(key);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    #[inline]
    fn has(&self, key: u32) -> bool {
        let bit = prefix_bit(key);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// True when a word of the list may start at `pos`, in any letter case.
    #[inline]
    pub(crate) fn may_start_at(&self, bytes: &[u8], pos: usize) -> bool {
        let rest = &bytes[pos..];
        if rest.len() < 4 {
            return true;
        }
        let head = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        self.has(head | 0x2020_2020)
            || (self.short_lengths != 0
                && (1..=3).any(|len| self.short_lengths & (1 << len) != 0 && self.has(short_key(&rest[..len]))))
    }
}

/// The first four bytes of `word` with bit 5 set (capitals read as small letters), as one number.
#[inline]
fn fold4(word: &[u8]) -> u32 {
    u32::from_le_bytes([word[0], word[1], word[2], word[3]]) | 0x2020_2020
}

/// A word of one to three bytes, folded, and its length (in the top byte, which no folded
/// four-byte beginning of text has: their top byte is a byte with bit 5 set).
#[inline]
fn short_key(word: &[u8]) -> u32 {
    word.iter().enumerate().fold((word.len() as u32) << 24, |key, (i, &b)| key | u32::from(b | 0x20) << (8 * i))
}

/// The filter bit of a folded four-byte beginning: the top bits of a multiplicative hash.
#[inline]
fn prefix_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - PREFIX_BITS)) as usize
}

impl Prefixes {
    /// True when a word of the list may be the whole word at `pos`, in any letter case: as
    /// [`Prefixes::may_start_at`], but a word shorter than four bytes counts only where no ASCII
    /// letter follows it (there the word at `pos` is longer). For lists of short words ("m",
    /// "kg", "in") that would otherwise let every word starting with their letters through.
    #[inline]
    pub(crate) fn may_be_word_at(&self, bytes: &[u8], pos: usize) -> bool {
        assert!(pos <= bytes.len(), "position {pos} past the end");
        let Some(&[b0, b1, b2, b3]) = bytes.get(pos..pos + 4) else { return true };
        let folded = u32::from_le_bytes([b0, b1, b2, b3]) | 0x2020_2020;
        if self.has(folded) {
            return true;
        }
        // The short keys come from the same four bytes: a word of `len` bytes is the low `len`
        // bytes of `folded` (as `short_key` folds them) with its length on top.
        let letter = |b: u8| (b | 0x20).wrapping_sub(b'a') < 26;
        let after = [b1, b2, b3];
        self.short_lengths != 0
            && (1..=3).any(|len: u32| {
                self.short_lengths & (1 << len) != 0
                    && !letter(after[len as usize - 1])
                    && self.has(folded & ((1 << (8 * len)) - 1) | len << 24)
            })
    }
}

/// How the patterns begin: their first three bytes, each folded to its low five bits (an ASCII
/// letter and its capital share them), as a set of the third bytes after each pair of first
/// bytes (a 32 Kbit table). The first two letters alone let through every "the", "that",
/// "for", "on" and "an" (the beginnings of "three", "thousand", "four", "one" and "an hour");
/// the third rejects most of them in the same lookup. Other bytes share their five bits with
/// letters, so the set may let a position through where no pattern starts, never the other
/// way round: the trie decides.
#[derive(Debug)]
pub(crate) struct Triples {
    /// For each pair of folded first bytes, the folded third bytes (all of them after a pattern
    /// of two bytes), at [`pair_index`]: the first four bytes of a position, loaded as one
    /// little-endian number, give the index with one mask (the table has room for the unused
    /// bits 5-7 of the first byte, 31 KB for one instruction of the test of every word start).
    thirds: Box<[u32; PAIR_INDICES]>,
}

/// The size of [`Triples`]' table: the pairs of folded bytes, the second one shifted by eight.
const PAIR_INDICES: usize = 0x1f1f + 1;

impl Default for Triples {
    fn default() -> Triples {
        Triples { thirds: Box::new([0; PAIR_INDICES]) }
    }
}

/// The index of a pair of first bytes in [`Triples`]: their low five bits (an ASCII letter in
/// either case is one number, 1 for `a`), the first in bits 0-4 and the second in bits 8-12,
/// as they lie in a little-endian load (`head & 0x1f1f`).
#[inline]
fn pair_index(head: u32) -> usize {
    (head & 0x1f1f) as usize
}

/// The bit of a third byte in a [`Triples`] entry: its low five bits.
#[inline]
fn third_bit(b: u32) -> u32 {
    1 << (b & 0x1f)
}

impl Triples {
    /// Adds the beginning of `pattern` (two bytes or more).
    pub(crate) fn insert(&mut self, pattern: &[u8]) {
        let pair = pair_index(u32::from_le_bytes([pattern[0], pattern[1], 0, 0]));
        self.thirds[pair] |= pattern.get(2).map_or(!0, |&b| third_bit(u32::from(b)));
    }

    /// True when a pattern may start at `pos`: its first three bytes there, in any case (near
    /// the end of `bytes`, always). The bytes are read in one four-byte load where there are
    /// four.
    #[inline]
    pub(crate) fn may_start_at(&self, bytes: &[u8], pos: usize) -> bool {
        let head = match bytes.get(pos..pos + 4) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            _ => match bytes.get(pos..pos + 3) {
                Some(&[a, b, c]) => u32::from_le_bytes([a, b, c, 0]),
                _ => return true,
            },
        };
        self.thirds[pair_index(head)] & third_bit(head >> 16) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sets_hold_exactly_what_was_inserted() {
        let mut set = ByteSet::default();
        for b in [0u8, 63, 64, 200, 255] {
            set.insert(b);
        }
        let members: Vec<u8> = (0..=255).filter(|&b| set.contains(b)).collect();
        assert_eq!(members, [0, 63, 64, 200, 255]);
    }

    #[test]
    fn starts_by_pair_and_by_last_byte() {
        let mut starts = Starts::default();
        starts.insert(b"Lexus");
        starts.insert(b"X");
        let at = |s: &str, pos: usize| starts.may_start_at(s.as_bytes(), pos);
        assert!(at("a Lexus", 2));
        assert!(!at("a Lada", 2));
        assert!(at("L", 0), "a last byte that starts a word");
        assert!(at("X5", 0) && at("Xy", 0), "a one-byte word allows any second byte");
        assert!(!at("Yx", 0));
    }

    /// Whole words of the unit lists' kinds: one letter, a slash, a degree sign.
    const UNITS: [&str; 8] = ["m", "kg", "in", "mph", "km/h", "per", "°c", "percent"];

    fn prefixes_of(words: &[&str]) -> Prefixes {
        let mut prefixes = Prefixes::default();
        for w in words {
            prefixes.insert(w.as_bytes());
        }
        prefixes
    }

    #[test]
    fn prefixes_let_every_beginning_through_in_any_case() {
        let words = ["three", "thousand", "four", "one", "six", "a year", "an hour", "dz"];
        let prefixes = prefixes_of(&words);
        let at = |s: &str| prefixes.may_start_at(s.as_bytes(), 0);
        for text in
            ["three plants", "THREE", "Thousands", "four.", "one,", "ONE ", "six-year", "A year", "An Hour", "dz."]
        {
            assert!(at(text), "{text:?}");
        }
        for text in ["the plant", "that is", "for the", "onerous", "sixty", "a yacht", "dx..", "Th"] {
            // "onerous" and "sixty" begin with "one" and "six", "Th" is too short to tell.
            assert_eq!(at(text), ["onerous", "sixty", "Th"].contains(&text), "{text:?}");
        }
    }

    #[test]
    fn whole_words_need_no_letter_after_a_short_one() {
        let words = UNITS;
        let prefixes = prefixes_of(&words);
        let at = |s: &str| prefixes.may_be_word_at(s.as_bytes(), 0);
        for text in ["m long", "M.", "kg/m", "KG2", "in 5", "mph,", "km/h ", "per cent", "°C high", "Percent", "m"] {
            assert!(at(text), "{text:?}");
        }
        for text in ["more than", "kgs of", "into the", "mphx", "perhaps", "°Ca ", "the km"] {
            assert!(!at(text), "{text:?}");
        }
        // Wherever a word of the list is written whole, the position is let through.
        let pieces = ["m", "K", "g", "in", "IN", "mph", "per", "cent", "°c", " ", "5", "-", "/", "é", "x"];
        for text in crate::testing::random_texts(&pieces, 20_000, 8) {
            let bytes = text.as_bytes();
            for pos in 0..bytes.len() {
                for w in words {
                    let whole = bytes[pos..].len() >= w.len()
                        && bytes[pos..pos + w.len()].eq_ignore_ascii_case(w.as_bytes())
                        && !bytes.get(pos + w.len()).is_some_and(u8::is_ascii_alphabetic);
                    assert!(!whole || prefixes.may_be_word_at(bytes, pos), "{text:?} at {pos}: {w}");
                }
            }
        }
    }

    /// The triples read from one four-byte load say at every position of random texts (their
    /// ends included, where fewer than four bytes are left) what the first three bytes read one
    /// by one say: each byte's low five bits, the third one among those after the first two.
    #[test]
    fn triples_read_from_one_load_as_byte_by_byte() {
        let patterns = ["three", "thousand", "four", "an hour", "a year", "dz", "Tw"];
        let mut triples = Triples::default();
        for p in patterns {
            triples.insert(p.as_bytes());
        }
        let fold = |b: u8| b & 0x1f;
        let by_bytes = |bytes: &[u8], pos: usize| match bytes.get(pos..pos + 3) {
            Some(&[a, b, c]) => patterns.iter().any(|p| {
                let p = p.as_bytes();
                fold(p[0]) == fold(a) && fold(p[1]) == fold(b) && p.get(2).is_none_or(|&t| fold(t) == fold(c))
            }),
            _ => true,
        };
        let pieces = ["th", "TH", "r", "o", "u", "a", " ", "y", "h", "dz", "w", "4", "@", "é", "\u{0}"];
        for text in crate::testing::random_texts(&pieces, 20_000, 8) {
            let bytes = text.as_bytes();
            for pos in 0..=bytes.len() {
                assert_eq!(triples.may_start_at(bytes, pos), by_bytes(bytes, pos), "{text:?} at {pos}");
            }
        }
    }

    /// The filter of whole words reads its short keys from its one four-byte load: at every
    /// position of random texts (their ends included, where fewer than four bytes are left) it
    /// says what reading the bytes one by one, as first written, says.
    #[test]
    fn whole_words_read_from_one_load_as_byte_by_byte() {
        let words = UNITS;
        let prefixes = prefixes_of(&words);
        let by_bytes = |bytes: &[u8], pos: usize| {
            let rest = &bytes[pos..];
            rest.len() < 4
                || prefixes.has(fold4(rest))
                || (1..=3).any(|len| {
                    prefixes.short_lengths & (1 << len) != 0
                        && !rest[len].is_ascii_alphabetic()
                        && prefixes.has(short_key(&rest[..len]))
                })
        };
        let pieces = ["m", "K", "g", "in", "IN", "mph", "per", "cent", "°c", " ", "5", "-", "/", "é", "@", "[", "x"];
        for text in crate::testing::random_texts(&pieces, 20_000, 8) {
            let bytes = text.as_bytes();
            for pos in 0..=bytes.len() {
                assert_eq!(prefixes.may_be_word_at(bytes, pos), by_bytes(bytes, pos), "{text:?} at {pos}");
            }
        }
    }
}
