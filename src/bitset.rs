//! Bit sets of bytes and of byte pairs: the one-lookup filters that let a scanner pass over the
//! positions where nothing it looks for can be (a currency prefix must end in one of a few
//! bytes, a name or number word must start with one of a few pairs).

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

/// How the words of a list start: their first two bytes (a 64 Kbit set) and their first bytes.
#[derive(Debug, Clone)]
pub(crate) struct Starts {
    firsts: ByteSet,
    pairs: [u64; 1024],
}

impl Default for Starts {
    fn default() -> Starts {
        Starts { firsts: ByteSet::default(), pairs: [0; 1024] }
    }
}

impl Starts {
    /// Adds the start of `word`; a one-byte word may be followed by anything.
    pub(crate) fn insert(&mut self, word: &[u8]) {
        match *word {
            [] => {}
            [b] => {
                self.firsts.insert(b);
                (0..=255).for_each(|second| self.insert_pair(b, second));
            }
            [b0, b1, ..] => {
                self.firsts.insert(b0);
                self.insert_pair(b0, b1);
            }
        }
    }

    fn insert_pair(&mut self, first: u8, second: u8) {
        let pair = usize::from(first) << 8 | usize::from(second);
        self.pairs[pair >> 6] |= 1 << (pair & 63);
    }

    /// True when a word of the list may start at `pos`: the two bytes there begin one, or the
    /// last byte of `bytes` is the first byte of one.
    #[inline]
    pub(crate) fn may_start_at(&self, bytes: &[u8], pos: usize) -> bool {
        match bytes.get(pos + 1) {
            Some(&second) => {
                let pair = usize::from(bytes[pos]) << 8 | usize::from(second);
                self.pairs[pair >> 6] & (1 << (pair & 63)) != 0
            }
            None => self.firsts.contains(bytes[pos]),
        }
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
}
