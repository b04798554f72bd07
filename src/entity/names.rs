//! The spellings of every name, looked up by the bytes a word starts with.
//!
//! A name is looked for only where a word starts. Spellings of four bytes or more are grouped by
//! their first four bytes in a hash table, so a word start costs one lookup, which fails for
//! almost every word ("The", "that", "March"), and then a byte comparison with the few spellings
//! that begin with the same four bytes (the five that begin with "the " for "the"). Shorter
//! spellings (`UK`, `BYD`, `GM`) are looked up whole, by length. This replaced an anchored
//! Aho-Corasick automaton walked from the same word starts: the same matches, a quarter of the
//! instructions (most walks died after a few steps, each a search through a state's sparse
//! transitions), and no automaton to build at start-up.

use rustc_hash::FxHashMap;

use crate::bitset::Starts;

/// One spelling: where its bytes are in the arena, and which pattern it is.
#[derive(Debug, Clone, Copy)]
struct Spelling {
    start: u32,
    len: u32,
    pattern: u32,
    /// Its bytes 4..8 (as far as it has them), and which of those bytes it has: compared
    /// before the whole spelling, so that the spellings sharing a word's first four bytes
    /// ("the " of "the Americas" and of "the Balkans") are passed over at once.
    next: u32,
    next_mask: u32,
}

/// Every spelling, by its first four bytes (or whole when shorter).
#[derive(Debug, Clone)]
pub(crate) struct NameTable {
    /// The bytes of all spellings, one after the other.
    arena: Vec<u8>,
    /// Spellings of four bytes or more, grouped by their first four bytes.
    long: Vec<Spelling>,
    /// First four bytes → range of `long`.
    by_prefix: FxHashMap<u32, (u32, u32)>,
    /// A bit per hash of the first four bytes of the long spellings (see `filter_bit`): most
    /// words are rejected by this one load, without the hash table.
    prefix_filter: Box<[u64; FILTER_WORDS]>,
    /// Spellings of one to three bytes, by their bytes and length (see `short_key`).
    short: FxHashMap<u32, u32>,
    /// A bit per hash of the short spellings' keys: most short words are rejected by this load,
    /// without the hash table.
    short_filter: Box<[u64; FILTER_WORDS]>,
    /// How the short spellings start.
    short_starts: Starts,
    /// A bit per hash of the first four bytes (as in `prefix_filter`) of the groups that hold a
    /// spelling of four to seven bytes.
    medium_filter: Box<[u64; FILTER_WORDS]>,
    /// A bit per hash of the first eight bytes of the spellings of eight bytes or more (see
    /// `eight_bit`): a word whose first four bytes begin only such spellings ("the " of "the
    /// Americas", the most common word) is rejected unless its first eight bytes begin one.
    eight_filter: Box<[u64; FILTER_WORDS]>,
}

const FILTER_BITS: u32 = 16;
const FILTER_WORDS: usize = (1 << FILTER_BITS) / 64;

/// The table cannot hold this many bytes of spellings.
#[derive(Debug, thiserror::Error)]
#[error("the names take {0} bytes, more than the 4 GiB the name table can hold")]
pub struct TooLarge(usize);

impl NameTable {
    /// A table of the spellings `patterns`, as (start, length) in `arena`; pattern ids are
    /// their positions. Spellings must be unique; bytes of `arena` outside them are ignored.
    pub(crate) fn new(arena: Vec<u8>, patterns: &[(usize, usize)]) -> Result<NameTable, TooLarge> {
        if u32::try_from(arena.len()).is_err() || u32::try_from(patterns.len()).is_err() {
            return Err(TooLarge(arena.len()));
        }
        let mut table = NameTable {
            arena,
            long: Vec::new(),
            by_prefix: FxHashMap::default(),
            prefix_filter: Box::new([0; FILTER_WORDS]),
            short: FxHashMap::default(),
            short_filter: Box::new([0; FILTER_WORDS]),
            short_starts: Starts::default(),
            medium_filter: Box::new([0; FILTER_WORDS]),
            eight_filter: Box::new([0; FILTER_WORDS]),
        };
        // The long spellings as their first four bytes and pattern id in one number, sorted
        // below: grouped by prefix, by pattern id within a group (any order would do, as every
        // spelling that matches is reported, but keep it stable).
        let mut long: Vec<u64> = Vec::with_capacity(patterns.len());
        for (id, &(start, len)) in patterns.iter().enumerate() {
            let bytes = &table.arena[start..start + len];
            match bytes.len() {
                0 => {}
                1..=3 => {
                    let key = short_key(bytes);
                    table.short.insert(key, id as u32);
                    let bit = filter_bit(key);
                    table.short_filter[bit / 64] |= 1 << (bit % 64);
                    table.short_starts.insert(bytes);
                }
                4..=7 => {
                    set(&mut table.medium_filter, filter_bit(prefix_key(bytes)));
                    long.push(u64::from(prefix_key(bytes)) << 32 | id as u64);
                }
                _ => {
                    set(&mut table.eight_filter, eight_bit(eight_key(bytes)));
                    long.push(u64::from(prefix_key(bytes)) << 32 | id as u64);
                }
            }
        }
        long.sort_unstable();
        table.long = long
            .iter()
            .map(|&key_id| {
                let id = key_id as u32;
                let (start, len) = patterns[id as usize];
                let (next, next_mask) = next_key(&table.arena[start..start + len]);
                Spelling { start: start as u32, len: len as u32, pattern: id, next, next_mask }
            })
            .collect();
        let mut i = 0;
        while i < long.len() {
            let key = (long[i] >> 32) as u32;
            let j = i + long[i..].iter().take_while(|&&k| (k >> 32) as u32 == key).count();
            table.by_prefix.insert(key, (i as u32, j as u32));
            let bit = filter_bit(key);
            table.prefix_filter[bit / 64] |= 1 << (bit % 64);
            i = j;
        }
        Ok(table)
    }

    /// False when no spelling can begin `bytes[start..]`: its first four bytes begin no
    /// spelling of four bytes or more (by the filters: none of four to seven bytes, and its first
    /// eight bytes none longer) and its first two bytes no short one. [`each_at`](Self::each_at)
    /// finds nothing where this is false; it is cheap enough to be tested at every word start.
    #[inline]
    pub(crate) fn may_start_at(&self, bytes: &[u8], start: usize) -> bool {
        if let Some(head) = bytes.get(start..start + 4) {
            let bit = filter_bit(prefix_key(head));
            if has(&self.prefix_filter, bit)
                && (has(&self.medium_filter, bit)
                    || bytes
                        .get(start..start + 8)
                        .is_some_and(|head| has(&self.eight_filter, eight_bit(eight_key(head)))))
            {
                return true;
            }
        }
        self.short_starts.may_start_at(bytes, start)
    }

    /// Calls `found(pattern, len)` for every spelling that `bytes[start..]` begins with.
    #[inline]
    pub(crate) fn each_at(&self, bytes: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let rest = &bytes[start..];
        if self.short_starts.may_start_at(bytes, start) {
            for len in 1..=3.min(rest.len()) {
                let key = short_key(&rest[..len]);
                let bit = filter_bit(key);
                if self.short_filter[bit / 64] & (1 << (bit % 64)) != 0
                    && let Some(&pattern) = self.short.get(&key)
                {
                    found(pattern as usize, len);
                }
            }
        }
        let Some(head) = rest.get(..4) else { return };
        let key = prefix_key(head);
        let bit = filter_bit(key);
        if self.prefix_filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        let Some(&(from, to)) = self.by_prefix.get(&key) else { return };
        let next = match rest.get(4..8) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => next_key(rest).0,
        };
        for s in &self.long[from as usize..to as usize] {
            if next & s.next_mask != s.next {
                continue;
            }
            let spelling = &self.arena[s.start as usize..(s.start + s.len) as usize];
            if rest.starts_with(spelling) {
                found(s.pattern as usize, spelling.len());
            }
        }
    }
}

/// The first four bytes of a spelling as one number.
#[inline]
fn prefix_key(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// The first eight bytes of a spelling as one number.
#[inline]
fn eight_key(bytes: &[u8]) -> u64 {
    u64::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]])
}

/// The filter bit of eight first bytes: the top bits of a multiplicative hash.
#[inline]
fn eight_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS)) as usize
}

/// Sets bit `bit` of a filter.
fn set(filter: &mut [u64; FILTER_WORDS], bit: usize) {
    filter[bit / 64] |= 1 << (bit % 64);
}

/// Bit `bit` of a filter.
#[inline]
fn has(filter: &[u64; FILTER_WORDS], bit: usize) -> bool {
    filter[bit / 64] & (1 << (bit % 64)) != 0
}

/// Bytes 4..8 of `bytes` as one number (zero where it has none), and the mask of those it has.
#[inline]
fn next_key(bytes: &[u8]) -> (u32, u32) {
    let mut key = [0u8; 4];
    let mut mask = [0u8; 4];
    for (i, &b) in bytes.iter().skip(4).take(4).enumerate() {
        key[i] = b;
        mask[i] = 0xff;
    }
    (u32::from_le_bytes(key), u32::from_le_bytes(mask))
}

/// The filter bit of a four-byte prefix: the top bits of a multiplicative hash.
#[inline]
fn filter_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS)) as usize
}

/// A spelling of one to three bytes and its length as one number (the length in the top byte,
/// so `A` and `A\0` differ).
#[inline]
fn short_key(bytes: &[u8]) -> u32 {
    let mut key = (bytes.len() as u32) << 24;
    for (i, &b) in bytes.iter().enumerate() {
        key |= u32::from(b) << (8 * i);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of `patterns`, written one after the other.
    fn table_of(patterns: &[String]) -> NameTable {
        let mut arena = Vec::new();
        let mut spans = Vec::new();
        for p in patterns {
            spans.push((arena.len(), p.len()));
            arena.extend_from_slice(p.as_bytes());
        }
        NameTable::new(arena, &spans).unwrap()
    }

    fn found(table: &NameTable, text: &str, start: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        table.each_at(text.as_bytes(), start, |p, len| out.push((p, len)));
        out.sort();
        out
    }

    #[test]
    fn every_spelling_that_starts_here_is_found_whatever_its_length() {
        let patterns: Vec<String> =
            ["A", "AB", "ABC", "ABCD", "ABCDE", "ABCDX", "the Americas", "the Balkans", "Lexus", "Lex"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let table = table_of(&patterns);
        assert_eq!(found(&table, "ABCDEF", 0), [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
        assert_eq!(found(&table, "ABCDEF", 1), []);
        assert_eq!(found(&table, "AB", 0), [(0, 1), (1, 2)]);
        assert_eq!(found(&table, "the Balkans and the rest", 0), [(7, 11)]);
        assert_eq!(found(&table, "the Balkans and the rest", 16), []);
        assert_eq!(found(&table, "Lexus'", 0), [(8, 5), (9, 3)]);
        assert_eq!(found(&table, "Le", 0), []);
        // A short spelling is not the prefix of a longer text's zero padding.
        assert_eq!(found(&table, "A\0", 0), [(0, 1)]);
        // Words that begin only long spellings with their first four bytes are rejected by
        // their first eight.
        assert!(table.may_start_at(b"the Balkans", 0) && table.may_start_at(b"Lexus", 0));
        assert!(!table.may_start_at(b"the rest of", 0) && !table.may_start_at(b"the Bal", 0));
    }

    #[test]
    fn agrees_with_a_plain_search_on_random_texts() {
        let words = ["Li", "Li Auto", "BYD", "Great Wall", "Great Wall Motor", "É", "Škoda", "the X", "GM"];
        let patterns: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        let table = table_of(&patterns);
        let pieces = ["Li", " Auto", "BYD", "Great", " Wall", " Motor", "É", "Škoda", "the", " X", "GM", " ", "a"];
        for text in crate::testing::random_texts(&pieces, 2000, 8) {
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut expected: Vec<(usize, usize)> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| text[start..].starts_with(p.as_str()))
                    .map(|(i, p)| (i, p.len()))
                    .collect();
                expected.sort();
                assert_eq!(found(&table, &text, start), expected, "{text:?} at {start}");
                if !expected.is_empty() {
                    assert!(table.may_start_at(text.as_bytes(), start), "{text:?} at {start}");
                }
            }
        }
    }
}
