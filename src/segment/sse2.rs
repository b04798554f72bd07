//! SSE2 pieces shared by the word pass and the masker, which classify blocks of 64 bytes into
//! one bit per byte (x86_64 only; SSE2 is part of its baseline).

use std::arch::x86_64::{__m128i, _mm_movemask_epi8, _mm_set_epi64x};

/// The four vectors of 16 bytes of `block`, each read as one number (which the compiler loads
/// whole).
#[target_feature(enable = "sse2")]
#[inline]
pub(super) fn lanes(block: &[u8; 64]) -> [__m128i; 4] {
    std::array::from_fn(|k| {
        let x = u128::from_le_bytes(block[16 * k..16 * k + 16].try_into().expect("16 bytes"));
        _mm_set_epi64x((x >> 64) as i64, x as i64)
    })
}

/// The bytes of lane `k` whose comparison in `flags` held, as bits `16k` to `16k + 15`.
#[target_feature(enable = "sse2")]
#[inline]
pub(super) fn bits(flags: __m128i, k: usize) -> u64 {
    u64::from(_mm_movemask_epi8(flags) as u16) << (16 * k)
}
