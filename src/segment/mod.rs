//! Stage 2: masking non-prose, then paragraphs, sentences and words.
//!
//! The stage works on the masked text ([`mask`]), which has the same length as the original,
//! so every span it produces is a byte span into the original document.
//!
//! - [`paragraph`]: blank-line separated blocks, split at line breaks that are not hard wraps;
//! - [`sentence`]: UAX #29 sentences inside each paragraph, repaired after abbreviations;
//! - [`words`]: UAX #29 words with their spans, counted for `stats.tokens` (and their possible
//!   starts found) in one pass over the whole text.

pub mod mask;
pub mod paragraph;
pub mod sentence;
#[cfg(target_arch = "x86_64")]
mod sse2;

use unicode_segmentation::UnicodeSegmentation;

pub use mask::{MaskBuffers, Masked, mask, mask_in};

use crate::swar;
use crate::text::Span;

/// One sentence and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span, trimmed.
    pub span: Span,
    /// Index of its paragraph in [`Segmentation::paragraphs`].
    pub paragraph: usize,
}

/// The units of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Number of words (UAX #29 words with a letter or digit).
    pub tokens: usize,
    /// The positions in the sentences that may start a word, in order, as `swar::word_starts`
    /// finds them (an ASCII letter or digit, or a non-ASCII lead byte, after a byte that is not
    /// an ASCII letter or digit), found by the word count's pass: the number words and names
    /// are looked for there without a scan of their own. No number word or name starts outside
    /// a sentence, where there is no letter or digit. `None` when not computed (a segmentation
    /// built by hand, a text of 4 GiB or more): then each finder scans the text itself.
    pub word_starts: Option<Vec<u32>>,
}

impl Segmentation {
    /// The index of the sentence that contains byte `pos`; a position between sentences belongs
    /// to the sentence before it (and the first sentence when there is none).
    pub fn sentence_at(&self, pos: usize) -> usize {
        self.sentences.partition_point(|s| s.span.start <= pos).saturating_sub(1)
    }
}

/// The words (UAX #29 words with a letter or digit) inside `span` of `text`, with their spans.
pub fn words(text: &str, span: Span) -> impl Iterator<Item = (Span, &str)> {
    text[span.start..span.end]
        .unicode_word_indices()
        .map(move |(offset, word)| (Span::new(span.start + offset, span.start + offset + word.len()), word))
}

/// The number of words (UAX #29 words with a letter or digit) in `s`. ASCII text, most news, is
/// counted eight bytes at a time by the word rules for ASCII (WB5–WB13b); other text by the
/// general UAX #29 iterator.
///
/// In ASCII a word is a run of letters, digits and `_` holding a letter or digit, and runs are
/// joined only by a separator between two letters (`:` `.` `'`: "e.g", "don't") or two digits
/// (`,` `;` `.` `'`: "851,200") and by underscores between two letters or digits. So the count
/// is the number of runs of letters and digits (their first bytes, found 64 at a time with no
/// dependency from byte to byte) minus the joins, which are only looked for at the punctuation
/// that sits alone between two letters or digits, and at underscores.
pub fn count_words(s: &str) -> usize {
    let (count, non_ascii) = ascii_words(s.as_bytes(), None);
    if non_ascii { s.unicode_words().count() } else { count }
}

/// The number of words in `bytes` by the ASCII rules of [`count_words`] (whatever the other
/// bytes are: they are neither letters nor digits), whether some byte is not ASCII, and, given
/// `starts`, the positions that may start a word appended to it, as `swar::word_starts` finds
/// them (`bytes` is then shorter than 4 GiB). One pass, 64 bytes at a time.
///
/// With the starts, the punctuation and the line feeds of every block of 64 bytes are written to
/// `bits` ([`Bits`], made for `bytes`), where the sentence splitter finds the terminators of
/// ASCII text and the paragraph splitter the lines.
fn ascii_words(bytes: &[u8], out: Option<(&mut Vec<u32>, &mut Bits)>) -> (usize, bool) {
    // Underscores join words in more ways than the other separators; news has none, so the pass
    // looks for them only when there is one.
    let underscores = memchr::memchr(b'_', bytes).is_some();
    match (out, underscores) {
        (Some((starts, bits)), false) => ascii_pass::<true, false>(bytes, starts, bits),
        (Some((starts, bits)), true) => ascii_pass::<true, true>(bytes, starts, bits),
        (None, false) => ascii_pass::<false, false>(bytes, &mut Vec::new(), &mut Bits::default()),
        (None, true) => ascii_pass::<false, true>(bytes, &mut Vec::new(), &mut Bits::default()),
    }
}

/// Bytes of a text found by the word pass, one bit per byte: bit `i` of word `k` is byte
/// `64k + i` (the bits past the text's end are zero). Two sets of bits in one vector made at
/// its full size, each word written in place.
#[derive(Debug, Default)]
struct Bits {
    /// The ASCII punctuation (at least `.`, `!` and `?`) of the text's blocks of 64 bytes, then
    /// its line feeds.
    words: Vec<u64>,
    /// The number of blocks.
    blocks: usize,
}

impl Bits {
    /// Room for the bits of `bytes`, all clear (in the room it has).
    fn reset(&mut self, bytes: &[u8]) {
        self.blocks = bytes.len().div_ceil(64);
        self.words.clear();
        self.words.resize(2 * self.blocks, 0);
    }

    /// The punctuation.
    fn punct(&self) -> &[u64] {
        &self.words[..self.blocks]
    }

    /// The line feeds.
    fn newlines(&self) -> &[u64] {
        &self.words[self.blocks..]
    }
}

/// The positions of the bits set in `words` (bit `i` of word `k` is position `64k + i`), in
/// order.
fn ones(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    let mut k = 0;
    let mut bits = words.first().copied().unwrap_or(0);
    std::iter::from_fn(move || {
        while bits == 0 {
            k += 1;
            bits = *words.get(k)?;
        }
        let i = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        Some(64 * k + i)
    })
}

/// [`ascii_words`], with the starts appended to `starts` when `STARTS`, and underscores looked
/// at when `UNDERSCORES`.
///
/// The bytes are taken 64 at a time: classified into one bit per byte ([`Block`]), so that what
/// compares neighbours (a run's first byte, a byte between two runs) is done once for the 64 and
/// a start's position is its bit's.
fn ascii_pass<const STARTS: bool, const UNDERSCORES: bool>(
    bytes: &[u8],
    starts: &mut Vec<u32>,
    bits: &mut Bits,
) -> (usize, bool) {
    let base = starts.len();
    let (punct, newlines) = bits.words.split_at_mut(bits.blocks);
    let mut pass = Pass { bytes, found: 0, runs: 0, lead_starts: 0, joined: 0, carry: 0, leads: 0 };
    let mut at = 0;
    // The text is taken in stretches of 4 KiB (64 blocks), and the vector given room for every
    // start of a stretch before it: two starts are never next to each other (a start that is a
    // letter or digit makes the next byte no start, and a lead byte is followed by a
    // continuation byte). So the starts appended in the loop never grow the vector, and the room
    // made is never much more than what is used (nor is it zeroed before the starts are written).
    for stretch in bytes.chunks(4096) {
        if STARTS {
            starts.reserve(stretch.len().div_ceil(2));
        }
        let mut blocks = stretch.chunks_exact(64);
        for block in blocks.by_ref() {
            let class = pass.block::<STARTS, UNDERSCORES>(at, block.try_into().expect("64 bytes"), starts);
            if STARTS {
                punct[at / 64] = class.punct;
                newlines[at / 64] = class.newline;
            }
            at += 64;
        }
        if !blocks.remainder().is_empty() {
            let mut last = [0; 64];
            last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
            let class = pass.block::<STARTS, UNDERSCORES>(at, &last, starts);
            if STARTS {
                punct[at / 64] = class.punct;
                newlines[at / 64] = class.newline;
            }
        }
    }
    let Pass { found, runs, lead_starts, joined, leads, .. } = pass;
    debug_assert!(!STARTS || starts.len() == base + found);
    let runs = if STARTS { found - lead_starts } else { runs };
    // Only a text that is not ASCII has lead bytes.
    (runs - joined, leads != 0)
}

/// The counts of [`ascii_pass`] so far.
struct Pass<'a> {
    bytes: &'a [u8],
    /// How many starts are written.
    found: usize,
    /// The runs of letters and digits (counted when the starts are not written: else they are
    /// the starts that are not lead bytes), and the joins between two.
    runs: usize,
    lead_starts: usize,
    joined: usize,
    /// Bit 0: the byte before the block is a letter or digit.
    carry: u64,
    /// The lead bytes seen.
    leads: u64,
}

impl Pass<'_> {
    #[inline(always)]
    fn block<const STARTS: bool, const UNDERSCORES: bool>(
        &mut self,
        at: usize,
        block: &[u8; 64],
        starts: &mut Vec<u32>,
    ) -> Block {
        let class = Block::of::<UNDERSCORES>(block);
        self.leads |= class.lead;
        let before = (class.alnum << 1) | self.carry;
        self.carry = class.alnum >> 63;
        let first = class.alnum & !before;
        if STARTS {
            let lead = class.lead & !before;
            if lead != 0 {
                self.lead_starts += lead.count_ones() as usize;
            }
            let mut bits = first | lead;
            // An iterator of known length (`Range` mapped), which `extend` writes with no check
            // of the room left per start.
            let n = bits.count_ones() as usize;
            starts.extend((0..n).map(|_| {
                let start = (at + bits.trailing_zeros() as usize) as u32;
                bits &= bits - 1;
                start
            }));
            self.found += n;
        } else {
            self.runs += first.count_ones() as usize;
        }
        // A join is looked for at punctuation that follows a letter or digit and is followed by
        // one, is an underscore or is the block's last byte: a superset of the bytes `joins`
        // accepts, which decides.
        let mut maybe = before & class.punct & ((class.alnum >> 1) | (1 << 63) | class.underscore);
        while maybe != 0 {
            self.joined += usize::from(joins(self.bytes, at + maybe.trailing_zeros() as usize));
            maybe &= maybe - 1;
        }
        class
    }
}

/// What [`ascii_pass`] needs to know of 64 bytes, one bit per byte.
struct Block {
    /// ASCII letters and digits.
    alnum: u64,
    /// Other ASCII bytes above a space (punctuation; other bytes may be set too).
    punct: u64,
    /// Lead bytes of characters of two or more bytes.
    lead: u64,
    /// Line feeds.
    newline: u64,
    /// Underscores (none unless looked for).
    underscore: u64,
}

impl Block {
    /// The classes of 64 bytes: on x86_64 by SSE2 comparisons of 16 bytes at a time, whose
    /// results are packed into bits by one instruction (`pmovmskb`); elsewhere byte by byte
    /// ([`Block::of_bytes`], which the tests compare it with).
    #[inline(always)]
    fn of<const UNDERSCORES: bool>(block: &[u8; 64]) -> Block {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: SSE2, the one target feature `of_sse2` enables, is part of the x86_64
        // baseline: every x86_64 processor has it (and the compiler assumes it everywhere).
        return unsafe { Block::of_sse2::<UNDERSCORES>(block) };
        #[cfg(not(target_arch = "x86_64"))]
        Block::of_bytes::<UNDERSCORES>(block)
    }

    /// [`Block::of`] with SSE2. The comparisons are of signed bytes, so each unsigned range test
    /// `b - low < n` is made one of `(b - low) ^ 0x80 < n ^ 0x80`, that is `b - (low ^ 0x80)`
    /// below `n - 128`.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn of_sse2<const UNDERSCORES: bool>(block: &[u8; 64]) -> Block {
        use sse2::bits;
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_max_epu8, _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8,
        };
        let vs = sse2::lanes(block);
        let mut class = Block { alnum: 0, punct: 0, lead: 0, newline: 0, underscore: 0 };
        for (k, &v) in vs.iter().enumerate() {
            let digit = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8(0xb0_u8 as i8)), _mm_set1_epi8(-128 + 10));
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = _mm_cmplt_epi8(_mm_sub_epi8(lower, _mm_set1_epi8(0xe1_u8 as i8)), _mm_set1_epi8(-128 + 26));
            let alnum = bits(_mm_or_si128(digit, letter), k);
            // Above a space and below 0x80: above 0x20 as a signed byte.
            let above_space = bits(_mm_cmpgt_epi8(v, _mm_set1_epi8(b' ' as i8)), k);
            class.alnum |= alnum;
            class.punct |= above_space & !alnum;
            class.newline |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8)), k);
            if UNDERSCORES {
                class.underscore |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8)), k);
            }
        }
        // Lead bytes only where some byte is not ASCII (rare in news): 0xC0 and above, the bytes
        // that the larger of themselves and 0xC0 is.
        if bits(_mm_or_si128(_mm_or_si128(vs[0], vs[1]), _mm_or_si128(vs[2], vs[3])), 0) != 0 {
            for (k, &v) in vs.iter().enumerate() {
                class.lead |= bits(_mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0xc0_u8 as i8)), v), k);
            }
        }
        class
    }

    /// [`Block::of`] written byte by byte, a flag per byte in arrays, which the compiler turns
    /// into comparisons of many bytes at once; the flags are then packed into bits eight at a
    /// time.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))] // the specification in the tests there
    #[inline(always)]
    fn of_bytes<const UNDERSCORES: bool>(block: &[u8; 64]) -> Block {
        let (mut alnum, mut punct, mut other) = ([0u8; 64], [0u8; 64], [0u8; 64]);
        for (i, &b) in block.iter().enumerate() {
            let is_alnum = b.wrapping_sub(b'0') < 10 || (b | 0x20).wrapping_sub(b'a') < 26;
            alnum[i] = u8::from(is_alnum);
            punct[i] = u8::from(b > b' ' && b < 0x80 && !is_alnum);
            other[i] = u8::from(b >= 0xc0);
        }
        let mut class =
            Block { alnum: swar::pack(&alnum), punct: swar::pack(&punct), lead: 0, newline: 0, underscore: 0 };
        if other.iter().any(|&lead| lead != 0) {
            class.lead = swar::pack(&other);
        }
        for (flag, &b) in other.iter_mut().zip(block) {
            *flag = u8::from(b == b'\n');
        }
        class.newline = swar::pack(&other);
        if UNDERSCORES {
            for (flag, &b) in other.iter_mut().zip(block) {
                *flag = u8::from(b == b'_');
            }
            class.underscore = swar::pack(&other);
        }
        class
    }
}

/// How many words fewer than its count by the ASCII rules a sentence that is not ASCII has, when
/// all its characters that are not ASCII are ones those rules can count around (else `None`):
/// separators that the word rules (UAX #29) treat as they treat an ASCII space ([`separates`]),
/// and curly apostrophes (`’`, `‘`), which join two letters or two digits as `'` does ("Toyota’s").
/// The ASCII rules read every byte that is not ASCII as a separator, so the count is theirs less
/// those joins, and the general iterator (a hundred times slower) is not needed.
fn apostrophe_joins(sentence: &str) -> Option<usize> {
    let bytes = sentence.as_bytes();
    let mut joins = 0;
    // Each character that is not ASCII is looked at from its lead byte.
    for (i, _) in bytes.iter().enumerate().filter(|&(_, &b)| b >= 0xc0) {
        match sentence[i..].chars().next()? {
            '\u{2018}' | '\u{2019}' => {
                let (before, after) = (i.checked_sub(1).map(|j| bytes[j]), bytes.get(i + 3).copied());
                let (Some(before), Some(after)) = (before, after) else { continue };
                let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
                let digits = before.is_ascii_digit() && after.is_ascii_digit();
                joins += usize::from(letters || digits);
            }
            c if separates(c) => {}
            _ => return None,
        }
    }
    Some(joins)
}

/// Characters that are neither letters nor digits and whose word-break property (UAX #29) is
/// Other, so that there is a word boundary on either side of them, as at an ASCII space:
/// currency signs, dashes, double quotes and guillemets, the ellipsis, bullets and a few signs of
/// news text. (Not the middle dot, a MidLetter, nor the narrow no-break space, an
/// ExtendNumLet: they can join words.)
fn separates(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' // no-break space
            | '£' | '€' | '¥' | '¢'
            | '©' | '®' | '°' | '±' | '×' | '§'
            | '«' | '»'
            | '\u{2013}' | '\u{2014}' // en and em dashes
            | '\u{201C}' | '\u{201D}' | '\u{201E}' // double quotes
            | '\u{2022}' | '\u{2026}' | '\u{2122}' // bullet, ellipsis, trade mark
    )
}

/// Whether `bytes[i]` joins the runs of letters and digits on either side of it into one word:
/// a separator between two letters or two digits (WB6, WB7, WB11, WB12), or the first of a run
/// of underscores with a letter or digit on both sides (WB13a, WB13b).
fn joins(bytes: &[u8], i: usize) -> bool {
    let (Some(&before), Some(&after)) = (i.checked_sub(1).and_then(|j| bytes.get(j)), bytes.get(i + 1)) else {
        return false;
    };
    let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
    let digits = before.is_ascii_digit() && after.is_ascii_digit();
    match bytes[i] {
        b':' => letters,
        b'.' | b'\'' => letters || digits,
        b',' | b';' => digits,
        b'_' if before.is_ascii_alphanumeric() => {
            bytes[i..].iter().find(|&&b| b != b'_').is_some_and(|b| b.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// Segments documents; build once, share between threads.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    splitter: sentence::SentenceSplitter,
}

impl Segmenter {
    /// A segmenter with the built-in abbreviation list.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// Segments a (masked) text.
    ///
    /// The words are counted and their starts found in one pass over the whole text rather than
    /// sentence by sentence: every run of letters and digits, and every join between two, lies
    /// inside a sentence (a sentence never starts right after a letter or digit, nor ends right
    /// before one with a join between them; outside the sentences there are only white space and
    /// pieces without a letter or digit), so the text's count by the ASCII rules is the sum of its
    /// sentences' counts. Only the sentences that are not ASCII are looked at again: their count
    /// is corrected at their curly apostrophes when their other characters that are not ASCII
    /// are plain separators ([`apostrophe_joins`]), else counted again by the general iterator.
    /// Only in a text that is not ASCII can a word start (a non-ASCII lead byte) fall outside the
    /// sentences.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut seg = Segmentation::default();
        self.segment_into(text, &mut seg, &mut SegmentBuffers::default());
        seg
    }

    /// [`segment`](Self::segment) into `seg`, whose vectors are emptied and filled again, with
    /// the room for the intermediate results in `buffers`: both kept from one text to the next
    /// by a worker (its [`Scratch`](crate::Scratch)), so that segmenting a document allocates
    /// nothing once they have grown to the size of the documents.
    pub fn segment_into(&self, text: &str, seg: &mut Segmentation, buffers: &mut SegmentBuffers) {
        // News has a sentence every 110 bytes: room for most documents' at once (the word starts
        // get theirs in the word pass).
        seg.paragraphs.clear();
        seg.sentences.clear();
        seg.sentences.reserve(text.len() / 96 + 1);
        // The word starts fit in `u32`s below 4 GiB; the vector's room is kept from the last text.
        let mut starts = seg.word_starts.take().unwrap_or_default();
        starts.clear();
        seg.word_starts = u32::try_from(text.len()).is_ok().then_some(starts);
        let SegmentBuffers { bits, paragraphs, lines, spans } = buffers;
        bits.reset(text.as_bytes());
        let (count, non_ascii) =
            ascii_words(text.as_bytes(), seg.word_starts.as_mut().map(|starts| (starts, &mut *bits)));
        seg.tokens = count;
        // The lines end at the line feeds the word pass found.
        match seg.word_starts {
            Some(_) => paragraph::split_into(text, ones(bits.newlines()), paragraphs, lines),
            None => paragraph::split_into(text, memchr::memchr_iter(b'\n', text.as_bytes()), paragraphs, lines),
        }
        seg.paragraphs.reserve_exact(paragraphs.len());
        // In ASCII paragraphs the sentence splitter finds the terminators among the punctuation.
        let known = seg.word_starts.is_some().then(|| sentence::Punctuation {
            punct: bits.punct(),
            ascii: !non_ascii,
            // A paragraph without soft line breaks is one line.
            line_breaks: memchr::memchr(b'\r', text.as_bytes()).is_some(),
        });
        for (index, p) in paragraphs.iter().enumerate() {
            seg.paragraphs.push(p.span);
            spans.clear();
            self.splitter.split_paragraph(text, p.span, p.wrapped, known, spans);
            for &span in spans.iter() {
                seg.sentences.push(Sentence { span, paragraph: index });
            }
        }
        if non_ascii {
            for s in &seg.sentences {
                let sentence = &text[s.span.start..s.span.end];
                if !sentence.is_ascii() {
                    seg.tokens = match apostrophe_joins(sentence) {
                        Some(joins) => seg.tokens - joins,
                        None => {
                            seg.tokens - ascii_words(sentence.as_bytes(), None).0 + sentence.unicode_words().count()
                        }
                    };
                }
            }
            if let Some(starts) = seg.word_starts.as_mut() {
                let mut k = 0;
                let sentences = &seg.sentences;
                starts.retain(|&p| {
                    let p = p as usize;
                    while k < sentences.len() && sentences[k].span.end <= p {
                        k += 1;
                    }
                    k < sentences.len() && sentences[k].span.start <= p
                });
            }
        }
    }
}

/// The room [`Segmenter::segment_into`] works in besides the [`Segmentation`] it fills: the
/// word pass's bits, the paragraphs and the lines of a block, a paragraph's sentences.
#[derive(Debug, Default)]
pub struct SegmentBuffers {
    bits: Bits,
    paragraphs: Vec<paragraph::Paragraph>,
    lines: Vec<paragraph::Line>,
    spans: Vec<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_paragraphs_sentences_and_words() {
        let text = "Lexus sold 851,200 vehicles. It grew.\n\nToyota’s plan is set.";
        let seg = Segmenter::new().segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
        assert_eq!(seg.sentences.len(), 3);
        assert_eq!(seg.sentences[2].paragraph, 1);
        assert_eq!(seg.tokens, 10);
        assert_eq!(seg.sentence_at(text.find("It").unwrap()), 1);
        assert_eq!(seg.sentence_at(text.find("\n\n").unwrap()), 1);
        let third: Vec<_> = words(text, seg.sentences[2].span).collect();
        assert_eq!(third[0], (Span::new(39, 49), "Toyota’s"));
        assert_eq!(&text[third[1].0.start..third[1].0.end], "plan");
    }

    #[test]
    fn word_starts_are_those_of_the_sentences() {
        let texts = [
            "Lexus sold 851,200 vehicles. It grew.\n\nToyota’s plan is set.",
            "Škoda, Citroën and BYD: 3.3% (e.g. U.S.) — «Geely» sold 5k cars!\n* item\n---\n",
            "a.b c_d 1,2 x—y",
        ];
        for text in texts {
            let seg = Segmenter::new().segment(text);
            let expected: Vec<u32> = crate::swar::word_starts(text.as_bytes())
                .filter(|&i| seg.sentences.iter().any(|s| s.span.start <= i && i < s.span.end))
                .map(|i| i as u32)
                .collect();
            assert_eq!(seg.word_starts.as_deref(), Some(&expected[..]), "{text:?}");
            // Outside the sentences there is no letter or digit to start a word.
            let outside = crate::swar::word_starts(text.as_bytes()).filter(|&i| !expected.contains(&(i as u32)));
            assert!(outside.into_iter().all(|i| !text[i..].starts_with(char::is_alphanumeric)), "{text:?}");
        }
    }

    /// The segmentation as it was computed before the one pass over the whole text: sentences by
    /// the general scan, the words counted and their starts found sentence by sentence (the
    /// specification of that pass).
    fn per_sentence(text: &str) -> Segmentation {
        let mut seg = Segmenter::new().segment(text);
        // The sentences by the general scan, paragraph by paragraph.
        let splitter = sentence::SentenceSplitter::default();
        seg.sentences.clear();
        for (index, p) in paragraph::paragraphs(text).into_iter().enumerate() {
            let mut spans = Vec::new();
            splitter.split(text, p.span, p.wrapped, &mut spans);
            seg.sentences.extend(spans.into_iter().map(|span| Sentence { span, paragraph: index }));
        }
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        seg.tokens = 0;
        for s in &seg.sentences {
            seg.tokens += count_words(&text[s.span.start..s.span.end]);
            let after_alnum = |i: usize| i > 0 && bytes[i - 1].is_ascii_alphanumeric();
            starts.extend(
                (s.span.start..s.span.end)
                    .filter(|&i| (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0xc0) && !after_alnum(i))
                    .map(|i| i as u32),
            );
        }
        seg.word_starts = Some(starts);
        seg
    }

    #[test]
    fn one_pass_finds_what_each_sentence_holds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut all = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let text = mask(&text).text.into_owned();
            assert_eq!(Segmenter::new().segment(&text), per_sentence(&text));
            all.push_str(&text);
            all.push_str("\n\n");
        }
        // Many stretches of 4 KiB, for which the starts are given room one after the other.
        assert_eq!(Segmenter::new().segment(&all), per_sentence(&all));
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "7",
            "42",
            ".",
            "!",
            "?",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            ",",
            ";",
            ":",
            "'",
            "_",
            "-",
            "\"",
            ")",
            "(",
            "\u{201D}",
            "\u{2019}",
            "\u{A0}",
            "\u{2014}",
            "\u{2022} ",
            "\u{2029}",
            "\u{E9}",
            "\u{C9}",
            "\u{3002}",
            "\u{0661}",
            "e.g.",
            "U.S.",
            "Mr. ",
            "Feb. 5",
            "    ",
            "# ",
            "- ",
            "1. ",
            "--",
            "\u{301}",
        ];
        for text in crate::testing::random_texts(PIECES, 30_000, 40) {
            assert_eq!(Segmenter::new().segment(&text), per_sentence(&text), "{text:?}");
        }
        // ASCII texts, where sentences are found among the punctuation, with and without
        // carriage returns, longer than a block of 64 bytes.
        let ascii: Vec<&str> = PIECES.iter().copied().filter(|piece| piece.is_ascii()).collect();
        for text in crate::testing::random_texts(&ascii, 30_000, 60) {
            assert_eq!(Segmenter::new().segment(&text), per_sentence(&text), "{text:?}");
            let text = text.replace('\r', "");
            assert_eq!(Segmenter::new().segment(&text), per_sentence(&text), "{text:?}");
        }
    }

    #[test]
    fn sentences_with_separators_and_apostrophes_are_counted_as_uax29() {
        // Each character between letters, digits, punctuation and itself: its count without the
        // general iterator is the iterator's.
        let others = ["\u{2019}", "\u{2018}", "\u{E9}", "\u{301}", "\u{B7}", "\u{202F}", "\u{BD}"];
        let all = ('\u{80}'..='\u{2FFF}').filter(|&c| separates(c)).map(String::from);
        for c in all.chain(others.map(String::from)) {
            for context in ["a{}b", "1{}2", "{}", "a{}", "{}b", "a.{}b", "a{}.b", "{}{}", "1{}a", "a'{}b", "_{}a"] {
                let s = context.replace("{}", &c);
                let fast = apostrophe_joins(&s).map(|joins| ascii_words(s.as_bytes(), None).0 - joins);
                assert!(fast.is_none_or(|n| n == s.unicode_words().count()), "{s:?}");
            }
        }
        const PIECES: &[&str] = &[
            "a", "Z", "s", "7", "42", ".", " ", "\n\n", ",", "'", "_", ":", "U.S.", "\u{A3}", "\u{20AC}", "\u{2019}",
            "\u{2018}", "\u{201C}", "\u{201D}", "\u{2014}", "\u{2013}", "\u{2026}", "\u{A0}", "\u{A9}", "\u{AB}",
            "\u{BB}", "\u{2022}", "\u{2122}", "\u{B0}", "\u{E9}", "\u{301}",
        ];
        for text in crate::testing::random_texts(PIECES, 20_000, 30) {
            assert_eq!(Segmenter::new().segment(&text), per_sentence(&text), "{text:?}");
        }
    }

    #[test]
    fn blocks_are_classified_as_byte_by_byte() {
        let same = |block: &[u8; 64]| {
            let (fast, slow) = (Block::of::<true>(block), Block::of_bytes::<true>(block));
            let fields = |c: &Block| (c.alnum, c.punct, c.lead, c.newline, c.underscore);
            assert_eq!(fields(&fast), fields(&slow), "{block:?}");
            let (fast, slow) = (Block::of::<false>(block), Block::of_bytes::<false>(block));
            assert_eq!(fields(&fast), fields(&slow), "{block:?}");
        };
        // Every byte at every position, among letters, spaces, punctuation and high bytes.
        for background in [b'a', b' ', b'.', 0x80, 0xff] {
            for b in 0..=255u8 {
                for i in 0..64 {
                    let mut block = [background; 64];
                    block[i] = b;
                    same(&block);
                }
            }
        }
        let mut numbers = crate::testing::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let mut block = [0u8; 64];
            for (b, seed) in block.iter_mut().zip(&mut numbers) {
                *b = (seed >> 24) as u8;
            }
            same(&block);
        }
    }

    #[test]
    fn ascii_word_count_matches_uax29() {
        let uax29 = |s: &str| s.unicode_words().count();
        for s in ["e.g. U.S. 3.3% 851,200 don't a:b x_1 _ __a 1.a a.1 1,a ... 'quoted' it's. 1;2 a;b", "", "a"] {
            assert_eq!(count_words(s), uax29(s), "{s:?}");
        }
        const ALPHABET: &[u8] = b"aZ7._',;:- \n%$(";
        for seed in crate::testing::xorshift(0x2545_F491_4F6C_DD1D).take(50_000) {
            let len = (seed % 40) as usize;
            let s: String =
                (0..len).map(|j| ALPHABET[((seed >> (j * 4 % 60)) % ALPHABET.len() as u64) as usize] as char).collect();
            assert_eq!(count_words(&s), uax29(&s), "{s:?}");
        }
    }
}
