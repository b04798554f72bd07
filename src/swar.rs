//! Eight bytes at a time ("SIMD within a register"): the byte tests that let the scanners of
//! the masker, the sentence splitter and the JSON encoder jump over the bytes they do not care
//! about, which are most of a text.
//!
//! Each test returns a word whose high bit is set in at least one byte exactly when some byte of
//! the input word passes (which byte is not said: the scanners look at the eight bytes one by one
//! once a word passes). Exact for presence; tested against the byte-by-byte test for every byte
//! at every position.
//!
//! [`pack`] turns 64 flags of one byte each (what a byte-by-byte test written over an array
//! gives, which the compiler evaluates for many bytes at once) into one bit per byte, whose
//! lowest set bit is the next position to look at.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i..i + 8`, if there are eight.
#[inline]
pub(crate) fn load(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// The eight bytes at `i..i + 8`, the missing ones past the end of `bytes` read as zero.
#[inline]
pub(crate) fn load_padded(bytes: &[u8], i: usize) -> u64 {
    // The tail byte by byte (at most seven), not copied into an array: a copy of unknown length
    // is a call to `memcpy`, whose registers every caller would save on its fast path too.
    load(bytes, i).unwrap_or_else(|| {
        let tail = bytes.get(i..).unwrap_or_default();
        tail.iter().enumerate().fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k))
    })
}

/// The bytes equal to `b`, exactly per byte (unlike `any_eq`, whose borrows may mark a byte
/// after an equal one): the high bit of each such byte is set, and no other bit.
#[inline]
#[allow(dead_code)] // no caller at the moment; kept (and tested) with the other tests
pub(crate) fn eq(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    !(((x & !HIGHS).wrapping_add(!HIGHS)) | x) & HIGHS
}

/// How many bytes have their high bit set in `mask`, whose other bits are clear.
#[inline]
#[allow(dead_code)] // no caller at the moment; kept (and tested) with the other tests
pub(crate) fn count(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as usize
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

/// The position of the first byte at or after `from` for which `byte` holds: whole words of
/// eight are passed over while `word` finds none in them (`word` must be true of every word
/// holding such a byte), then the bytes are looked at one by one.
#[inline]
pub(crate) fn find(
    bytes: &[u8],
    mut from: usize,
    word: impl Fn(u64) -> u64,
    byte: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(w) = load(bytes, from) {
        if word(w) != 0 {
            break;
        }
        from += 8;
    }
    bytes.get(from..)?.iter().position(|&b| byte(b)).map(|i| from + i)
}

/// The bytes that are ASCII letters or digits. Unlike the `any_` tests, exact per byte: the high
/// bit of each such byte is set, and no other bit.
#[inline]
pub(crate) fn alphanumeric(word: u64) -> u64 {
    // Setting bit 5 turns exactly the capitals into small letters.
    any_in(word, b'0', b'9') | any_in(word | (ONES * 0x20), b'a', b'z')
}

/// The bytes that start a character of two or more bytes (0xC0 and above), exactly per byte.
#[inline]
pub(crate) fn lead_bytes(word: u64) -> u64 {
    word & (word << 1) & HIGHS
}

/// 64 flags (bytes that are 0 or 1) packed into one bit per byte: bit `i` of the result is
/// `flags[i]`. Eight bytes at a time, each gathered by one multiplication.
#[inline]
pub(crate) fn pack(flags: &[u8; 64]) -> u64 {
    let mut bits = 0;
    for (k, chunk) in flags.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Byte i's bit (8i) times the multiplier's bit 56 - 7i lands at bit 56 + i; the other
        // products land each at a position of its own (8i + 56 - 7j = 56 + i + 7(i - j)), below
        // bit 56 or above bit 63, so nothing carries into the top byte.
        bits |= (word.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    bits
}

/// The positions that may start a word, in order: an ASCII letter or digit, or the first byte of
/// a non-ASCII character, that is first or follows a byte that is not an ASCII letter or digit.
/// A start after a non-ASCII character is a candidate only: callers that need a word boundary
/// check the character before (`text::boundary_before`). Eight bytes at a time.
pub(crate) fn word_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut base = 0;
    let mut pending = 0u64;
    let mut carry = 0u64; // 0x80 when the last byte of the previous word was a letter or digit
    std::iter::from_fn(move || {
        while pending == 0 {
            if base >= bytes.len() {
                return None;
            }
            let word = load_padded(bytes, base);
            let alnum = alphanumeric(word);
            let after_alnum = (alnum << 8) | carry;
            carry = alnum >> 56;
            pending = (alnum | lead_bytes(word)) & !after_alnum;
            base += 8;
        }
        let bit = pending.trailing_zeros() as usize;
        pending &= pending - 1;
        Some(base - 8 + bit / 8)
    })
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

    #[test]
    fn per_byte_tests_mark_exactly_their_bytes() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for filler in [b'a', b' ', 0xc3, 0x80] {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let word = load(&bytes, 0).unwrap();
                    let marks = |test: &dyn Fn(u8) -> bool| {
                        bytes.iter().enumerate().fold(0u64, |m, (i, &x)| if test(x) { m | 0x80 << (8 * i) } else { m })
                    };
                    assert_eq!(alphanumeric(word), marks(&|x| x.is_ascii_alphanumeric()), "{bytes:?}");
                    assert_eq!(lead_bytes(word), marks(&|x| x >= 0xc0), "{bytes:?}");
                    assert_eq!(count(alphanumeric(word)), bytes.iter().filter(|x| x.is_ascii_alphanumeric()).count());
                }
            }
        }
    }

    #[test]
    fn packed_bits_are_the_flags_in_order() {
        let mut numbers = crate::testing::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..50_000 {
            let mut flags = [0u8; 64];
            for (flag, seed) in flags.iter_mut().zip(&mut numbers) {
                *flag = u8::from(seed >> 40 & 1 == 1);
            }
            let want = (0..64).fold(0u64, |m, i| m | (u64::from(flags[i]) << i));
            assert_eq!(pack(&flags), want);
        }
        // Every set of flags among eight bytes, in each place.
        for bits in 0..=255u64 {
            for k in 0..8 {
                let mut flags = [0u8; 64];
                for i in 0..8 {
                    flags[8 * k + i] = (bits >> i & 1) as u8;
                }
                assert_eq!(pack(&flags), bits << (8 * k));
            }
        }
    }

    #[test]
    fn equality_marks_exactly_the_equal_bytes_whatever_their_neighbours() {
        // Borrows would show next to an equal byte: try every pair of neighbours.
        for target in [0u8, b' ', b'_', b'.', 0x7f, 0x80, 0xff] {
            for a in 0..=255u8 {
                for b in 0..=255u8 {
                    for at in [0, 3, 6] {
                        let mut bytes = [b'x'; 8];
                        bytes[at] = a;
                        bytes[at + 1] = b;
                        let expected = bytes
                            .iter()
                            .enumerate()
                            .fold(0u64, |m, (i, &x)| if x == target { m | 0x80 << (8 * i) } else { m });
                        assert_eq!(eq(load(&bytes, 0).unwrap(), target), expected, "{target:#x} in {bytes:?}");
                    }
                }
            }
        }
        assert_eq!(load_padded(b"abc", 0), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(load_padded(b"abc", 3), 0);
        assert_eq!(load_padded(b"abc", 9), 0);
    }

    #[test]
    fn word_starts_are_found_at_every_offset() {
        let naive = |bytes: &[u8]| -> Vec<usize> {
            (0..bytes.len())
                .filter(|&i| {
                    (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0xc0)
                        && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                })
                .collect()
        };
        let texts = ["", "a", "ab cd", "Lexus sold 851,200 vehicles.", "Škoda, Citroën é1 x", "a b c d e f g h i j k"];
        for text in texts {
            for prefix in 0..9 {
                let s = format!("{}{text}", "-".repeat(prefix));
                assert_eq!(word_starts(s.as_bytes()).collect::<Vec<_>>(), naive(s.as_bytes()), "{s:?}");
                let s = format!("{}{text}", "x".repeat(prefix));
                assert_eq!(word_starts(s.as_bytes()).collect::<Vec<_>>(), naive(s.as_bytes()), "{s:?}");
            }
        }
    }
}

/// The bytes that are ASCII letters, exactly per byte: the high bit of each such byte is set, and
/// no other bit.
#[inline]
pub(crate) fn letters(word: u64) -> u64 {
    // Setting bit 5 turns exactly the capitals into small letters.
    any_in(word | (ONES * 0x20), b'a', b'z')
}

/// How many ASCII letters `bytes` starts with, eight bytes at a time.
#[inline]
pub(crate) fn leading_letters(bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        // Past the end the bytes read as zero, which is no letter.
        let others = !letters(load_padded(bytes, n)) & HIGHS;
        if others != 0 {
            return n + others.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
}

/// How many ASCII letters `bytes` ends with, eight bytes at a time from the end.
#[inline]
pub(crate) fn trailing_letters(bytes: &[u8]) -> usize {
    let mut end = bytes.len();
    loop {
        // The eight bytes before `end` (the first ones of `bytes` after zeros, which are no
        // letters); the last byte is the word's top byte.
        let word = match end.checked_sub(8) {
            Some(start) => load(bytes, start).expect("eight bytes"),
            // Shifted in from the top, byte by byte (as in `load_padded`, no `memcpy`).
            None => bytes[..end].iter().fold(0, |w, &b| w >> 8 | u64::from(b) << 56),
        };
        let others = !letters(word) & HIGHS;
        if others != 0 {
            return bytes.len() - end + others.leading_zeros() as usize / 8;
        }
        end -= 8;
    }
}

#[cfg(test)]
mod letter_tests {
    use super::*;

    #[test]
    fn letters_mark_exactly_the_letters() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for filler in [b'a', b'Z', b' ', b'@', b'[', b'`', b'{', 0xc3, 0x80, 0xe1] {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let expected = bytes
                        .iter()
                        .enumerate()
                        .fold(0u64, |m, (i, &x)| if x.is_ascii_alphabetic() { m | 0x80 << (8 * i) } else { m });
                    assert_eq!(letters(load(&bytes, 0).unwrap()), expected, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn runs_of_letters_are_counted_at_every_length_and_offset() {
        let pieces: [&[u8]; 8] = [b"a", b"Z", b"q", b" ", b"5", b"@", "é".as_bytes(), b"["];
        for seed in crate::testing::xorshift(0x2545_F491_4F6C_DD1D).take(100_000) {
            let len = (seed % 40) as usize;
            let bytes: Vec<u8> =
                (0..len).flat_map(|i| pieces[((seed >> (i % 20 * 3)) % 8) as usize].iter().copied()).collect();
            for cut in 0..=bytes.len() {
                let (head, tail) = bytes.split_at(cut);
                let leading = tail.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                let trailing = head.iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
                assert_eq!(leading_letters(tail), leading, "{tail:?}");
                assert_eq!(trailing_letters(head), trailing, "{head:?}");
            }
        }
    }
}

/// True when `word` finds a byte in `bytes`, for a `word` test that is exact for presence (all
/// the `any_` tests): every byte is looked at in whole words, the last word overlapping the one
/// before, and a slice shorter than eight bytes as one word made of its own bytes (two
/// overlapping halves, or its first, middle and last byte repeated), so that short slices cost
/// one test instead of a loop over their bytes.
#[inline(always)]
pub(crate) fn any(bytes: &[u8], word: impl Fn(u64) -> u64) -> bool {
    let n = bytes.len();
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word(load(bytes, i).unwrap_or_default()) != 0 {
                return true;
            }
            i += 8;
        }
        return word(load(bytes, n - 8).unwrap_or_default()) != 0;
    }
    let w = if n >= 4 {
        let half = |at: usize| u64::from(u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]));
        half(0) | half(n - 4) << 32
    } else if n > 0 {
        let (a, b, c) = (bytes[0], bytes[n / 2], bytes[n - 1]);
        u64::from_le_bytes([a, b, c, a, a, a, a, a])
    } else {
        return false;
    };
    word(w) != 0
}

#[cfg(test)]
mod any_tests {
    use super::*;

    #[test]
    fn any_finds_a_byte_at_every_position_of_every_length() {
        type Test<'a> = (&'a dyn Fn(u64) -> u64, &'a dyn Fn(u8) -> bool);
        let tests: [Test; 3] = [
            (&|w| any_below(w, 0x20) | any_eq(w, b'"') | any_eq(w, b'\\'), &|b| b < 0x20 || b == b'"' || b == b'\\'),
            (&any_non_ascii, &|b| b >= 0x80),
            (&|w| any_eq(w, b'.'), &|b| b == b'.'),
        ];
        for (word, byte) in tests {
            for len in 0..26 {
                for filler in [b'a', b' ', b'.', 0xc3] {
                    let plain = vec![filler; len];
                    assert_eq!(any(&plain, word), plain.iter().any(|&b| byte(b)), "{plain:?}");
                    for at in 0..len {
                        for b in 0..=255u8 {
                            let mut bytes = plain.clone();
                            bytes[at] = b;
                            assert_eq!(any(&bytes, word), bytes.iter().any(|&b| byte(b)), "{bytes:?}");
                        }
                    }
                }
            }
        }
    }
}
