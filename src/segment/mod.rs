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
                seg.tokens += words(text, span).count();
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
}
