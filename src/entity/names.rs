//! The spellings of every name, looked up by the bytes a word starts with.
//!
//! A name is looked for only where a word starts. Most word starts are passed over by the first
//! four bytes there, loaded as one number: by their first two (a 64 Kbit set of the pairs that
//! begin some spelling), then by a hash of all four (a 64 Kbit filter of the prefixes of the
//! spellings of four bytes or more), or by the first two again when they begin a spelling of one
//! to three bytes. Spellings of four bytes or more are put in buckets by the hash of their first
//! four bytes, so a word start that gets through costs one load of a bucket's bounds and a
//! comparison of its first eight bytes with each spelling there (the few that begin with "the "
//! for "the"), then the bytes of longer spellings past their eighth, eight at a time.
//! Shorter spellings (`UK`, `BYD`, `GM`) are looked up whole, by length. This replaced an
//! anchored Aho-Corasick automaton walked from the same word starts: the same matches, a quarter
//! of the instructions (most walks died after a few steps, each a search through a state's sparse
//! transitions), and no automaton to build at start-up.

use rustc_hash::FxHashMap;

use crate::bitset::Pairs;

/// One spelling of four bytes or more: where its bytes are in the arena, which pattern it is,
/// and its first eight bytes (as far as it has them) as one number with the mask of those it has.
#[derive(Debug, Clone, Copy)]
struct Spelling {
    head: u64,
    head_mask: u64,
    start: u32,
    len: u32,
    pattern: u32,
}

/// Every spelling, by its first four bytes (or whole when shorter).
#[derive(Debug, Clone)]
pub(crate) struct NameTable {
    /// The bytes of all spellings (and maybe others between them).
    arena: Vec<u8>,
    /// Spellings of four bytes or more, by bucket (see `bucket`).
    long: Vec<Spelling>,
    /// Bucket → where its spellings start in `long` (they end where the next bucket's start).
    buckets: Box<[u32]>,
    /// The first two bytes of every spelling (see [`Pairs`]).
    pairs: Pairs,
    /// A bit per hash of the first four bytes of the long spellings (see `filter_bit`): most
    /// words are rejected by this one load.
    prefix_filter: [u64; FILTER_WORDS],
    /// Spellings of one to three bytes, by their bytes and length (see `short_key`).
    short: FxHashMap<u32, u32>,
    /// A bit per hash of the short spellings' keys: most short words are rejected by this load,
    /// without the hash table.
    short_filter: [u64; FILTER_WORDS],
    /// The first two bytes of the short spellings.
    short_pairs: Pairs,
    /// A bit per hash of the first four bytes (as in `prefix_filter`) of the spellings of four
    /// to seven bytes.
    medium_filter: [u64; FILTER_WORDS],
    /// A bit per hash of the first eight bytes of the spellings of eight bytes or more (see
    /// `eight_bit`): a word whose first four bytes begin only such spellings ("the " of "the
    /// Americas", the most common word) is rejected unless its first eight bytes begin one.
    eight_filter: [u64; FILTER_WORDS],
}

const FILTER_BITS: u32 = 16;
const FILTER_WORDS: usize = (1 << FILTER_BITS) / 64;
/// Buckets of long spellings: the top bits of the filter bit.
const BUCKET_BITS: u32 = 12;

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
            buckets: Box::default(),
            pairs: Pairs::default(),
            prefix_filter: [0; FILTER_WORDS],
            short: FxHashMap::default(),
            short_filter: [0; FILTER_WORDS],
            short_pairs: Pairs::default(),
            medium_filter: [0; FILTER_WORDS],
            eight_filter: [0; FILTER_WORDS],
        };
        // The long spellings as their bucket and pattern id in one number, sorted below: by
        // bucket, by pattern id within a bucket (any order would do, as every spelling that
        // matches is reported, but keep it stable).
        let mut long: Vec<u64> = Vec::with_capacity(patterns.len());
        for (id, &(start, len)) in patterns.iter().enumerate() {
            let bytes = &table.arena[start..start + len];
            table.pairs.insert(bytes);
            match bytes.len() {
                0 => {}
                1..=3 => {
                    let key = short_key(bytes);
                    table.short.insert(key, id as u32);
                    set(&mut table.short_filter, filter_bit(key));
                    table.short_pairs.insert(bytes);
                }
                _ => {
                    let bit = filter_bit(prefix_key(bytes));
                    set(&mut table.prefix_filter, bit);
                    if bytes.len() < 8 {
                        set(&mut table.medium_filter, bit);
                    } else {
                        set(&mut table.eight_filter, eight_bit(eight_key(bytes)));
                    }
                    long.push((bucket(bit) as u64) << 32 | id as u64);
                }
            }
        }
        long.sort_unstable();
        let mut buckets = vec![0u32; (1 << BUCKET_BITS) + 1];
        for &bucket_id in &long {
            buckets[(bucket_id >> 32) as usize + 1] += 1;
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        table.buckets = buckets.into_boxed_slice();
        table.long = long
            .iter()
            .map(|&bucket_id| {
                let id = bucket_id as u32;
                let (start, len) = patterns[id as usize];
                let (head, head_mask) = head_key(&table.arena[start..start + len]);
                Spelling { head, head_mask, start: start as u32, len: len as u32, pattern: id }
            })
            .collect();
        Ok(table)
    }

    /// False when no spelling can begin `bytes[start..]`: its first two bytes begin none, or
    /// its first four bytes begin no spelling of four bytes or more (by the filters: none of four
    /// to seven bytes, and its first eight bytes none longer) and its first two bytes no short
    /// one. True near the end of `bytes`, where fewer than four bytes are left. [`each_at`]
    /// (Self::each_at) finds nothing where this is false; it is cheap enough to be tested at
    /// every word start: one load of four bytes, and for most words one bit of [`Pairs`].
    #[inline]
    pub(crate) fn may_start_at(&self, bytes: &[u8], start: usize) -> bool {
        let Some(&[b0, b1, b2, b3]) = bytes.get(start..start + 4) else { return true };
        let head = u32::from_le_bytes([b0, b1, b2, b3]);
        if !self.pairs.has(head as u16) {
            return false;
        }
        let bit = filter_bit(head);
        (has(&self.prefix_filter, bit)
            && (has(&self.medium_filter, bit)
                || bytes.get(start..start + 8).is_some_and(|head| has(&self.eight_filter, eight_bit(eight_key(head))))))
            || self.short_pairs.has(head as u16)
    }

    /// Calls `found(pattern, len)` for every spelling that `bytes[start..]` begins with.
    #[inline]
    pub(crate) fn each_at(&self, bytes: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let rest = &bytes[start..];
        if rest.len() >= 2 && self.short_pairs.has(u16::from_le_bytes([rest[0], rest[1]])) || rest.len() == 1 {
            for len in 1..=3.min(rest.len()) {
                let key = short_key(&rest[..len]);
                if has(&self.short_filter, filter_bit(key))
                    && let Some(&pattern) = self.short.get(&key)
                {
                    found(pattern as usize, len);
                }
            }
        }
        let Some(head) = rest.get(..4) else { return };
        let bit = filter_bit(prefix_key(head));
        if !has(&self.prefix_filter, bit) {
            return;
        }
        let b = bucket(bit);
        let (from, to) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        let head = match rest.get(..8) {
            Some(head) => eight_key(head),
            None => head_key(rest).0,
        };
        for s in &self.long[from..to] {
            // Its first eight bytes (the first four tell the prefixes in the bucket apart); then
            // its length, and the bytes after the eighth.
            if head & s.head_mask != s.head || s.len as usize > rest.len() {
                continue;
            }
            let len = s.len as usize;
            if len <= 8 || same_after_eight(&self.arena[s.start as usize..s.start as usize + len], &rest[..len]) {
                found(s.pattern as usize, len);
            }
        }
    }
}

/// Whether `a` and `b`, of the same length of more than eight bytes and equal in their first
/// eight, are equal: compared eight bytes at a time, the last eight overlapping those before,
/// instead of a call to `bcmp` for a few bytes.
#[inline]
fn same_after_eight(a: &[u8], b: &[u8]) -> bool {
    debug_assert!(a.len() == b.len() && a.len() > 8);
    let word = |s: &[u8], i: usize| eight_key(&s[i..i + 8]);
    let last = a.len() - 8;
    let mut i = 8;
    while i < last {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    word(a, last) == word(b, last)
}

/// The bucket of the long spellings whose first four bytes have filter bit `bit`.
#[inline]
fn bucket(bit: usize) -> usize {
    bit >> (FILTER_BITS - BUCKET_BITS)
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

/// The first eight bytes of `bytes` as one number (zero where it has none), and the mask of
/// those it has.
#[inline]
fn head_key(bytes: &[u8]) -> (u64, u64) {
    let mut key = [0u8; 8];
    let mut mask = [0u8; 8];
    for (i, &b) in bytes.iter().take(8).enumerate() {
        key[i] = b;
        mask[i] = 0xff;
    }
    (u64::from_le_bytes(key), u64::from_le_bytes(mask))
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
    fn long_spellings_are_compared_whole() {
        for len in 9..40 {
            let a: Vec<u8> = (0..len as u8).collect();
            assert!(same_after_eight(&a, &a));
            for i in 8..len {
                let mut b = a.clone();
                b[i] ^= 0x20;
                assert!(!same_after_eight(&a, &b), "{len} {i}");
            }
        }
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
