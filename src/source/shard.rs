//! Splitting the inputs between N workers without coordination: `--shard K/N`.
//!
//! Worker K keeps the inputs whose position in the discovered list (sorted, as the walk makes
//! it) is K modulo N. Positions count input files, not documents: a JSONL shard goes whole to
//! one worker, so it is decompressed once, and its records stay together and in order. A
//! folder of many shards (the CC-News, C4, Dolma layout) therefore splits evenly; a single
//! large JSONL file does not split (split it into files first, or feed lines through the
//! mapper mode). Paths that cannot be read hold a position too, so each failure is reported
//! by exactly one worker.

use std::fmt;
use std::str::FromStr;

/// Keep only the inputs at positions `index`, `index + count`, `index + 2 × count`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 0.
    pub index: usize,
    /// N, at least 1.
    pub count: usize,
}

impl Shard {
    /// True when the input at `position` belongs to this shard.
    pub fn contains(self, position: usize) -> bool {
        position % self.count == self.index
    }

    /// The items of `items` that belong to this shard, in order.
    pub fn select<I: IntoIterator>(self, items: I) -> impl Iterator<Item = I::Item> {
        items.into_iter().enumerate().filter(move |(i, _)| self.contains(*i)).map(|(_, item)| item)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N` with `0 <= K < N`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("expected K/N (e.g. 0/4), got `{s}`"))?;
        let index: usize = k.trim().parse().map_err(|_| format!("K in K/N must be a number, got `{k}`"))?;
        let count: usize = n.trim().parse().map_err(|_| format!("N in K/N must be a number, got `{n}`"))?;
        if count == 0 {
            return Err("N in K/N must be at least 1".into());
        }
        if index >= count {
            return Err(format!("K in K/N must be less than N (0 ≤ K < N), got {index}/{count}"));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        assert_eq!("1/3".parse(), Ok(Shard { index: 1, count: 3 }));
        assert_eq!("0/1".parse(), Ok(Shard { index: 0, count: 1 }));
        for bad in ["3/3", "1/0", "x/2", "1", "-1/2", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_partition_the_inputs() {
        let items: Vec<usize> = (0..10).collect();
        let mut all: Vec<usize> = (0..3).flat_map(|k| Shard { index: k, count: 3 }.select(items.clone())).collect();
        all.sort();
        assert_eq!(all, items);
        assert_eq!(Shard { index: 1, count: 3 }.select(items).collect::<Vec<_>>(), [1, 4, 7]);
    }
}
