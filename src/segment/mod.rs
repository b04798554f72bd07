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
/// counted by a direct scan applying the word rules for ASCII (WB5–WB13b); other text by the
/// general UAX #29 iterator.
pub fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.unicode_words().count();
    }
    // A word starts at a letter, digit or `_` that does not continue the word before it: one
    // right after another, or after a separator between two letters (`:` `.` `'`, "e.g") or
    // two digits (`,` `;` `.` `'`, "851,200"). A word counts if it holds a letter or digit; it
    // is counted at its first one. One table lookup per byte: `WORD_STEP` (below).
    let mut state = OUT;
    let mut count = 0;
    for &b in s.as_bytes() {
        let step = WORD_STEP[usize::from((state | WORD_CLASS[usize::from(b)]) & STATE)];
        state = step & STATE;
        count += usize::from(step >> 7);
    }
    count
}

// UAX #29 word-break classes of ASCII bytes, as `count_words` uses them.
const LETTER: u8 = 0;
const DIGIT: u8 = 1;
const UNDERSCORE: u8 = 2;
const MID_LETTER: u8 = 3;
const MID_NUM_LETTER: u8 = 4;
const MID_NUM: u8 = 5;
const OTHER: u8 = 6;

// The states of `count_words`, each a multiple of 8 so that `state | class` indexes `WORD_STEP`.
/// Not in a word.
const OUT: u8 = 0;
/// In a word, after a letter.
const AFTER_LETTER: u8 = 8;
/// In a word, after a digit.
const AFTER_DIGIT: u8 = 16;
/// In a word that has a letter or digit, after `_`.
const AFTER_UNDERSCORE: u8 = 24;
/// In a word of underscores only (not counted yet).
const UNDERSCORES: u8 = 32;
/// After a letter and `:`, `.` or `'`: a letter continues the word.
const LETTER_MID: u8 = 40;
/// After a digit and `,`, `;`, `.` or `'`: a digit continues the word.
const DIGIT_MID: u8 = 48;
const STATE: u8 = 0x3f;
/// Set in a `WORD_STEP` entry when the byte is the first letter or digit of a word.
const COUNT: u8 = 0x80;

/// `WORD_STEP[state | class]`: the next state, and `COUNT` when a word is counted.
static WORD_STEP: [u8; 64] = {
    let mut table = [OUT; 64];
    let mut state = 0;
    while state < 56 {
        let mut class = 0;
        while class < 7 {
            let (continues, has_alnum) = match (state as u8, class as u8) {
                (AFTER_LETTER | AFTER_DIGIT | AFTER_UNDERSCORE, LETTER | DIGIT | UNDERSCORE) => (true, true),
                (UNDERSCORES, LETTER | DIGIT | UNDERSCORE) => (true, false),
                (LETTER_MID, LETTER) | (DIGIT_MID, DIGIT) => (true, true),
                _ => (false, false),
            };
            table[state + class] = match class as u8 {
                LETTER | DIGIT => {
                    let next = if class as u8 == LETTER { AFTER_LETTER } else { AFTER_DIGIT };
                    if continues && has_alnum { next } else { next | COUNT }
                }
                UNDERSCORE if continues && has_alnum => AFTER_UNDERSCORE,
                UNDERSCORE => UNDERSCORES,
                MID_LETTER if state as u8 == AFTER_LETTER => LETTER_MID,
                MID_NUM_LETTER if state as u8 == AFTER_LETTER => LETTER_MID,
                MID_NUM_LETTER | MID_NUM if state as u8 == AFTER_DIGIT => DIGIT_MID,
                _ => OUT,
            };
            class += 1;
        }
        state += 8;
    }
    table
};

static WORD_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'A'..=b'Z' | b'a'..=b'z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDERSCORE,
            b':' => MID_LETTER,
            b'.' | b'\'' => MID_NUM_LETTER,
            b',' | b';' => MID_NUM,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

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
        let mut seg = Segmentation::default();
        let mut spans = Vec::new();
        for (index, p) in paragraph::paragraphs(text).into_iter().enumerate() {
            seg.paragraphs.push(p.span);
            spans.clear();
            self.splitter.split(text, p.span, p.wrapped, &mut spans);
            for &span in &spans {
                seg.tokens += count_words(&text[span.start..span.end]);
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
            let len = (seed % 16) as usize;
            let s: String =
                (0..len).map(|j| ALPHABET[((seed >> (j * 4 % 60)) % ALPHABET.len() as u64) as usize] as char).collect();
            assert_eq!(count_words(&s), uax29(&s), "{s:?}");
        }
    }
}
