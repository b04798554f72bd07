//! Helpers shared by the unit tests.

/// The xorshift sequence that starts from `seed` (not zero): pseudo-random numbers, the same on
/// every run, so that a failure can be replayed.
pub(crate) fn xorshift(mut seed: u64) -> impl Iterator<Item = u64> {
    std::iter::repeat_with(move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    })
}

/// `count` strings of up to `max_pieces - 1` pieces drawn from `pieces`, by a fixed xorshift
/// sequence: the same strings on every run, so a failure can be replayed.
pub(crate) fn random_texts<'a>(
    pieces: &'a [&'a str],
    count: usize,
    max_pieces: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut numbers = xorshift(0x9E37_79B9_7F4A_7C15);
    let mut next = move || numbers.next().expect("xorshift never ends");
    (0..count).map(move |_| {
        let n = next() % max_pieces;
        (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
    })
}
