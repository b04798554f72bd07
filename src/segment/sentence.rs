//! Sentences: UAX #29 sentence boundaries (unicode-segmentation) inside each paragraph, with
//! soft line breaks read as spaces, repaired after abbreviations.
//!
//! UAX #29 breaks after a period followed by a space and a capital, which splits "Mr. Smith"
//! and "Feb. 5 Toyota said". After such a break, the pieces are joined again when the first
//! ends in an abbreviation from `data/abbreviations.tsv` (titles always; month abbreviations and
//! `No.` only before a digit).
//!
//! Pieces without any letter or digit (the remains of a masked image line, a row of dashes) are
//! not sentences.
//!
//! Known problems: "U.S." at the end of a sentence followed by a capital is a boundary (correct
//! there) and in the middle of one ("the U.S. Commerce Department") a false one.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use crate::data;
use crate::text::Span;

/// When a piece ending in an abbreviation joins the next piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Always,
    BeforeDigit,
}

/// Splits paragraphs into sentences.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    abbreviations: HashMap<&'static str, Join>,
}

impl Default for SentenceSplitter {
    fn default() -> SentenceSplitter {
        let abbreviations = data::builtin_rows("abbreviations.tsv", data::ABBREVIATIONS)
            .map(|row| {
                let join = match row.get(1) {
                    "always" => Join::Always,
                    "digit" => Join::BeforeDigit,
                    other => panic!("data/abbreviations.tsv:{}: unknown join {other:?}", row.line),
                };
                (row.get(0), join)
            })
            .collect();
        SentenceSplitter { abbreviations }
    }
}

impl SentenceSplitter {
    /// Appends the sentences of the paragraph `span` of `text` to `out`. `wrapped` says whether
    /// the paragraph holds soft line breaks.
    pub fn split(&self, text: &str, span: Span, wrapped: bool, out: &mut Vec<Span>) {
        let raw = &text[span.start..span.end];
        let prose: Cow<'_, str> = if wrapped { Cow::Owned(raw.replace(['\n', '\r'], " ")) } else { Cow::Borrowed(raw) };
        let first = out.len();
        for (offset, piece) in prose.split_sentence_bound_indices() {
            let trimmed_start = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.chars().any(char::is_alphanumeric) {
                continue;
            }
            let start = span.start + offset + trimmed_start;
            let sentence = Span::new(start, start + trimmed.len());
            if out.len() > first {
                let prev = out[out.len() - 1];
                if self.joins(&prose[prev.start - span.start..prev.end - span.start], trimmed) {
                    out.last_mut().expect("checked above").end = sentence.end;
                    continue;
                }
            }
            out.push(sentence);
        }
    }

    /// True when `prev` ends in an abbreviation that `next` continues.
    fn joins(&self, prev: &str, next: &str) -> bool {
        let Some(body) = prev.strip_suffix('.') else {
            return false;
        };
        let word_start =
            body.char_indices().rev().find(|(_, c)| !c.is_ascii_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
        match self.abbreviations.get(&body[word_start..]) {
            Some(Join::Always) => true,
            Some(Join::BeforeDigit) => next.starts_with(|c: char| c.is_ascii_digit()),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, wrapped: bool) -> Vec<&str> {
        let mut out = Vec::new();
        SentenceSplitter::default().split(text, Span::new(0, text.len()), wrapped, &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sentences("Lexus sold more. It grew 3.3%! Why?", false),
            ["Lexus sold more.", "It grew 3.3%!", "Why?"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones. On Feb. 5 Toyota said so.", false),
            ["Mr. Smith met Dr. Jones.", "On Feb. 5 Toyota said so."]
        );
        assert_eq!(sentences("It ended in Feb. Then it rose.", false), ["It ended in Feb.", "Then it rose."]);
    }

    #[test]
    fn non_ascii_before_a_period() {
        assert_eq!(
            sentences("Plants in Kecskemét. Audi in Győr. Mr. Tóth said.", false),
            ["Plants in Kecskemét.", "Audi in Győr.", "Mr. Tóth said."]
        );
    }

    #[test]
    fn soft_wraps_read_as_spaces() {
        assert_eq!(
            sentences("Showers continued in\nthe zone. The dry\nperiod ended.", true),
            ["Showers continued in\nthe zone.", "The dry\nperiod ended."]
        );
    }

    #[test]
    fn punctuation_only_pieces_are_dropped() {
        assert_eq!(sentences("![](      )", false), Vec::<&str>::new());
    }
}
