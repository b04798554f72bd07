//! Eight bytes at a time ("SIMD within a register"): the byte tests that let the scanners of
//! the masker, the sentence splitter and the JSON encoder jump over the bytes they do not care
//! about, which are most of a text.
//!
//! Each test returns a word whose high bit is set in at least one byte exactly when some byte of
//! the input word passes (which byte is not said: the scanners look at the eight bytes one by one
//! once a word passes). Exact for presence; tested against the byte-by-byte test for every byte
//! at every position.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i..i + 8`, if there are eight.
#[inline]
pub(crate) fn load(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// Some byte equals `b`.
#[inline]
pub(crate) fn any_eq(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Some byte is below `n` (`n` ≤ 0x80).
#[inline]
pub(crate) fn any_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// Some byte is in `low..=high` (`high` < 0x80).
#[inline]
pub(crate) fn any_in(word: u64, low: u8, high: u8) -> u64 {
    // Per byte below 0x80 (no carries between bytes): the high bit of `b + (0x80 - n)` is set
    // exactly when `b` is at least `n`.
    let seven = word & !HIGHS;
    let at_least_low = seven.wrapping_add(ONES * (0x80 - u64::from(low)));
    let above_high = seven.wrapping_add(ONES * (0x7f - u64::from(high)));
    at_least_low & !above_high & !word & HIGHS
}

/// Some byte is 0x80 or above (not ASCII).
#[inline]
pub(crate) fn any_non_ascii(word: u64) -> u64 {
    word & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position, among bytes that pass no test.
    fn check(test: impl Fn(u64) -> u64, expected: impl Fn(u8) -> bool) {
        for filler in [b'a', b' ', b'0'] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let word = load(&bytes, 0).unwrap();
                    let want = expected(b) || expected(filler);
                    assert_eq!(test(word) != 0, want, "byte {b:#x} at {at} among {filler:#x}");
                }
            }
        }
    }

    #[test]
    fn every_test_is_exact_for_every_byte() {
        for target in [0u8, b'"', b'\\', b'.', 0x7f, 0x80, 0xff] {
            check(|w| any_eq(w, target), |b| b == target);
        }
        for n in [1u8, 0x20, 0x7f, 0x80] {
            check(|w| any_below(w, n), |b| b < n);
        }
        for (low, high) in [(b'(', b'<'), (b'0', b'9'), (0, 0x7f), (0x41, 0x41)] {
            check(|w| any_in(w, low, high), |b| (low..=high).contains(&b));
        }
        check(any_non_ascii, |b| b >= 0x80);
        assert_eq!(load(b"1234567", 0), None);
    }
}
