//! Where the tokens that are not read number by number start: period tokens (`Q3`, `FY2025`,
//! `3Q`), ISO dates (`2024-02-05`), slashed dates (`04/09/87`) and month names (`March`).
//!
//! Each begins a word, so they are looked for in one pass over the word starts (the
//! segmentation's, when known), each start dispatched on its first byte to the finders of
//! `period.rs` and `date.rs`. What they find is what their patterns (kept in those files' tests
//! as the specification) would find, match for match: a pattern's matches do not overlap, and
//! `(?-u:\b)` counts `_` as part of a word.

use super::{date, period};
use crate::text::is_word_byte;

/// The matches of each token kind, in text order, as byte ranges.
#[derive(Debug, Default)]
pub struct Tokens {
    /// `period::TOKEN`.
    pub periods: Vec<(usize, usize)>,
    /// `date::ISO_DATE`.
    pub iso_dates: Vec<(usize, usize)>,
    /// `date::SLASHED_DATE`.
    pub slashed_dates: Vec<(usize, usize)>,
    /// `date::MONTH_NAME`, with the month (0-11).
    pub months: Vec<(usize, usize, usize)>,
}

/// The tokens of `text`, from the word starts `starts` when known, else from those of the whole
/// text.
#[cfg(test)]
pub fn find(text: &str, starts: Option<&[u32]>) -> Tokens {
    let mut tokens = Tokens::default();
    find_into(text, starts, &mut tokens);
    tokens
}

/// As `find`, into `tokens` (emptied first): a caller looking at many texts keeps them and
/// their room.
pub fn find_into(text: &str, starts: Option<&[u32]>, tokens: &mut Tokens) {
    let bytes = text.as_bytes();
    let Tokens { periods, iso_dates, slashed_dates, months } = tokens;
    periods.clear();
    iso_dates.clear();
    slashed_dates.clear();
    months.clear();
    match starts {
        Some(starts) => scan(bytes, starts.iter().map(|&s| s as usize), tokens),
        None => scan(bytes, crate::swar::word_starts(bytes), tokens),
    }
}

/// Not inlined: the loop over every word start is most of the scan, and alone it keeps its
/// values in registers (inlined into the recognizer, it reloaded them from the stack at every
/// start).
#[inline(never)]
fn scan(bytes: &[u8], mut starts: impl Iterator<Item = usize>, tokens: &mut Tokens) {
    // The end of each kind's last match: a start before it is inside that match.
    let mut ends = [0usize; 4];
    // Nine word starts in ten begin with a byte no token begins with: they are passed over in a
    // loop of their own.
    while let Some(start) = starts.find(|&s| FIRST[usize::from(bytes[s])] != 0) {
        let kind = FIRST[usize::from(bytes[start])];
        if start.checked_sub(1).is_some_and(|p| is_word_byte(bytes[p])) {
            continue;
        }
        if kind & PERIOD != 0
            && start >= ends[0]
            && let Some(end) = period::token_at(bytes, start)
        {
            ends[0] = end;
            tokens.periods.push((start, end));
        }
        if kind & DIGIT != 0 {
            if start >= ends[1]
                && let Some(end) = date::iso_date_at(bytes, start)
            {
                ends[1] = end;
                tokens.iso_dates.push((start, end));
            }
            if start >= ends[2]
                && let Some(end) = date::slashed_date_at(bytes, start)
            {
                ends[2] = end;
                tokens.slashed_dates.push((start, end));
            }
        }
        if kind & MONTH != 0
            && start >= ends[3]
            && month_head(bytes, start)
            && let Some((month, end)) = date::month_at(bytes, start)
        {
            ends[3] = end;
            tokens.months.push((start, end, month));
        }
    }
}

/// May start a period token: `Q`, `H`, `F`, `1`-`4`.
const PERIOD: u8 = 1;
/// May start a numeric date: a digit.
const DIGIT: u8 = 2;
/// May start a month name.
const MONTH: u8 = 4;

/// True when the two bytes at `start` begin a month name: most capitalized words with a month's
/// first letter ("A", "Mr", "South") are ruled out in one lookup, without the month finder.
fn month_head(bytes: &[u8], start: usize) -> bool {
    let (Some(&first), Some(&second)) = (bytes.get(start), bytes.get(start + 1)) else { return false };
    second.is_ascii_lowercase() && MONTH_SECONDS[usize::from(first)] & (1 << (second - b'a')) != 0
}

/// For each first byte, the second letters (bit 0 for `a`) that follow it in a month name.
static MONTH_SECONDS: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut m = 0;
    while m < date::MONTHS.len() {
        let name = date::MONTHS[m].as_bytes();
        assert!(name[1].is_ascii_lowercase(), "a month name's second letter is a small letter");
        table[name[0] as usize] |= 1 << (name[1] - b'a');
        m += 1;
    }
    table
};

/// What a token starting with each byte may be.
static FIRST: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut kind = 0;
        if matches!(c, b'Q' | b'H' | b'F' | b'1'..=b'4') {
            kind |= PERIOD;
        }
        if c.is_ascii_digit() {
            kind |= DIGIT;
        }
        let mut m = 0;
        while m < date::MONTHS.len() {
            if date::MONTHS[m].as_bytes()[0] == c {
                kind |= MONTH;
            }
            m += 1;
        }
        table[b] = kind;
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_where_their_patterns_find_them() {
        let pieces = [
            "Q",
            "H",
            "FY",
            "F",
            "Y",
            "1",
            "2",
            "3",
            "4",
            "0",
            "9",
            " ",
            "'",
            "_",
            "x",
            "/",
            "-",
            ".",
            "é",
            "May",
            "March",
            "Ma",
            "June",
            "July",
            "Ju",
            "Mr",
            "A",
            "December",
            "De",
            "2024-02-05",
            "12/31/87",
            "Q3",
        ];
        let texts = crate::testing::random_texts(&pieces, 30_000, 10).chain(
            [
                "in Q3 2024, FY2025 FY 25 FY'25 FY '2025 FY20256 3Q H1H2 _Q3 Q3_ xQ3 Q31",
                "2024-02-05 1/2/2024 04/09/87 123/4/56 1/2/20245 1/2/872 a1/2/33 _1/2/33 Mayday May_ xMay March.",
            ]
            .map(String::from),
        );
        for text in texts {
            let found = |re: &regex::Regex| re.find_iter(&text).map(|m| (m.start(), m.end())).collect::<Vec<_>>();
            let tokens = find(&text, None);
            assert_eq!(tokens.periods, found(&period::TOKEN), "{text:?}");
            assert_eq!(tokens.iso_dates, found(&date::ISO_DATE), "{text:?}");
            assert_eq!(tokens.slashed_dates, found(&date::SLASHED_DATE), "{text:?}");
            let months: Vec<_> = tokens.months.iter().map(|&(s, e, _)| (s, e)).collect();
            assert_eq!(months, found(&date::MONTH_NAME), "{text:?}");
            // The segmentation's word starts give the same tokens.
            let seg = crate::segment::Segmenter::new().segment(&text);
            let with_starts = super::find(&text, seg.word_starts.as_deref());
            assert_eq!((with_starts.periods, with_starts.months), (tokens.periods, tokens.months), "{text:?}");
        }
    }
}
