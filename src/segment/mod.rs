//! Stage 2: masking non-prose, then paragraphs, sentences and words.
//!
//! The stage works on the masked text ([`mask`]), which has the same length as the original,
//! so every span it produces is a byte span into the original document.
//!
//! - [`paragraph`]: blank-line separated blocks, split at line breaks that are not hard wraps;
//! - [`sentence`]: UAX #29 sentences inside each paragraph, repaired after abbreviations;
//! - [`words`]: UAX #29 words with their spans, counted per sentence for `stats.tokens`.

pub mod mask;
pub mod paragraph;
pub mod sentence;

use unicode_segmentation::UnicodeSegmentation;

pub use mask::{Masked, mask};

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
/// is the number of runs of letters and digits (their first bytes, found eight at a time with no
/// dependency from byte to byte) minus the joins, which are only looked for at the bytes that
/// sit alone between two letters or digits and are not spaces, and at underscores.
pub fn count_words(s: &str) -> usize {
    scan_words(s, Span::new(0, s.len()), None)
}

/// The number of words in `text[span]` (as [`count_words`] counts them in that slice alone),
/// and, given `starts`, the positions in it that may start a word appended to it: as
/// `swar::word_starts` finds them in the whole text (the byte before the span counts).
fn scan_words(text: &str, span: Span, mut starts: Option<&mut Vec<u32>>) -> usize {
    let s = &text[span.start..span.end];
    let bytes = s.as_bytes();
    let mut non_ascii = 0;
    let mut count = 0;
    // The high bit of the first byte: the byte before the current eight is a letter or digit
    // (for the count, the slice starts a word; for the starts, the byte before it tells).
    let mut carry = 0u64;
    let mut start_carry =
        span.start.checked_sub(1).map_or(0, |i| if text.as_bytes()[i].is_ascii_alphanumeric() { 0x80 } else { 0 });
    let mut alnum = swar::alphanumeric(swar::load_padded(bytes, 0));
    let mut at = 0;
    while at < bytes.len() {
        let word = swar::load_padded(bytes, at);
        let next = swar::alphanumeric(swar::load_padded(bytes, at + 8));
        let before = (alnum << 8) | carry;
        let after = (alnum >> 8) | (next << 56);
        count += swar::count(alnum & !before);
        if let Some(starts) = starts.as_deref_mut() {
            let mut found = (alnum | swar::lead_bytes(word)) & !((alnum << 8) | start_carry);
            while found != 0 {
                starts.push((span.start + at + found.trailing_zeros() as usize / 8) as u32);
                found &= found - 1;
            }
            start_carry = alnum >> 56;
        }
        let mut maybe = (before & after & !alnum & !swar::eq(word, b' ')) | swar::eq(word, b'_');
        while maybe != 0 {
            count -= usize::from(joins(bytes, at + maybe.trailing_zeros() as usize / 8));
            maybe &= maybe - 1;
        }
        non_ascii |= swar::any_non_ascii(word);
        carry = alnum >> 56;
        alnum = next;
        at += 8;
    }
    if non_ascii != 0 {
        return s.unicode_words().count();
    }
    count
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
    pub fn segment(&self, text: &str) -> Segmentation {
        let paragraphs = paragraph::paragraphs(text);
        // News has a sentence every 110 bytes and a word every 6 or so: room for most
        // documents' at once.
        let mut seg = Segmentation {
            paragraphs: Vec::with_capacity(paragraphs.len()),
            sentences: Vec::with_capacity(text.len() / 96 + 1),
            tokens: 0,
            word_starts: u32::try_from(text.len()).is_ok().then(|| Vec::with_capacity(text.len() / 5 + 1)),
        };
        let mut spans = Vec::new();
        for (index, p) in paragraphs.into_iter().enumerate() {
            seg.paragraphs.push(p.span);
            spans.clear();
            self.splitter.split(text, p.span, p.wrapped, &mut spans);
            for &span in &spans {
                seg.tokens += scan_words(text, span, seg.word_starts.as_mut());
                seg.sentences.push(Sentence { span, paragraph: index });
            }
        }
        seg
    }
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

    #[test]
    fn ascii_word_count_matches_uax29() {
        let uax29 = |s: &str| s.unicode_words().count();
        for s in ["e.g. U.S. 3.3% 851,200 don't a:b x_1 _ __a 1.a a.1 1,a ... 'quoted' it's. 1;2 a;b", "", "a"] {
            assert_eq!(count_words(s), uax29(s), "{s:?}");
        }
        const ALPHABET: &[u8] = b"aZ7._',;:- \n%$(";
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let s: String =
                (0..len).map(|j| ALPHABET[((seed >> (j * 4 % 60)) % ALPHABET.len() as u64) as usize] as char).collect();
            assert_eq!(count_words(&s), uax29(&s), "{s:?}");
        }
    }
}
