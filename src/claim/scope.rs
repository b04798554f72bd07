//! Where and when a number applies.
//!
//! Place: a place named in the sentence after `in`, `across`, `throughout`, `within` or `outside`
//! (optionally with "the": "in the United States"), nearest to the number ("In China, Lexus sold
//! 181,900 units"). A place merely mentioned ("exports to Europe", "Shanghai-based") does not
//! scope the number. Without one, the place comes from the sentence the subject was carried from,
//! or from an earlier sentence of the paragraph that opens with "In <place>,".
//!
//! Time: the year, period or decade nearest to the number in the same sentence (never the number
//! itself), or a date when there is none; else the most recent year, period or decade in the earlier sentences of the
//! paragraph. Dates with a day are not carried: "On February 5, Toyota announced …" dates the
//! announcement, not the figures that follow; months ("March 2026", "in March") are.

use super::{Mentions, Origin};
use crate::quantity::{Kind, Quantity};
use crate::segment::Segmentation;
use crate::text::{Span, skip_space_back, word_ending_at};

/// Words that scope a number to the place after them.
const SCOPING: &[&str] = &["in", "across", "throughout", "within", "outside"];

/// The place scoping the number at `number` in the sentence `sentence`.
pub fn place(text: &str, sentence: Span, number: Span, mentions: &Mentions) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, m) in mentions.mentions.iter().enumerate() {
        if m.span.start < sentence.start || m.span.end > sentence.end || !mentions.is_place(i) {
            continue;
        }
        if !scoped(text, m.span.start) {
            continue;
        }
        let distance = if m.span.end <= number.start {
            number.start - m.span.end
        } else {
            m.span.start.saturating_sub(number.end)
        };
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((i, distance));
        }
    }
    best.map(|(i, _)| i)
}

/// The place that opens an earlier sentence of the paragraph ("In Europe, Volkswagen …"): it
/// scopes the sentences after it.
pub fn paragraph_place(text: &str, segmentation: &Segmentation, sentence: usize, mentions: &Mentions) -> Option<usize> {
    let paragraph = segmentation.sentences.get(sentence)?.paragraph;
    for previous in (0..sentence).rev() {
        let s = &segmentation.sentences[previous];
        if s.paragraph != paragraph {
            break;
        }
        let opening = text[s.span.start..s.span.end].split(',').next().unwrap_or_default();
        if !opening.starts_with("In ") || opening.split_whitespace().count() > 5 {
            continue;
        }
        let opening_end = s.span.start + opening.len();
        if let Some(i) = mentions
            .mentions
            .iter()
            .enumerate()
            .find(|(i, m)| m.span.start >= s.span.start && m.span.end <= opening_end && mentions.is_place(*i))
            .map(|(i, _)| i)
        {
            return Some(i);
        }
    }
    None
}

/// True when a scoping word stands right before `start` ("in China", "in the United States").
fn scoped(text: &str, start: usize) -> bool {
    let mut pos = start;
    for _ in 0..2 {
        let p = skip_space_back(text, pos);
        if p == pos {
            return false;
        }
        let Some((word_start, word)) = word_ending_at(text, p) else { return false };
        let lower = word.to_ascii_lowercase();
        if SCOPING.contains(&lower.as_str()) {
            return true;
        }
        if lower != "the" {
            return false;
        }
        pos = word_start;
    }
    false
}

/// The time of the quantity `index` in sentence `sentence` of paragraph `paragraph`.
pub fn time(
    segmentation: &Segmentation,
    sentence: usize,
    paragraph: usize,
    index: usize,
    quantities: &[Quantity],
) -> Option<(usize, Origin)> {
    let span = segmentation.sentences.get(sentence)?.span;
    let number = quantities[index].span;
    // Years and periods before dates: "TOKYO, 14 May 2026 - … by 2030" is about 2030.
    let mut best: Option<(usize, (bool, usize))> = None;
    for (i, q) in quantities.iter().enumerate() {
        if i == index || q.span.start < span.start || q.span.end > span.end || !is_time(q) {
            continue;
        }
        let distance = if q.span.end <= number.start {
            number.start - q.span.end
        } else {
            q.span.start.saturating_sub(number.end)
        };
        let rank = (q.kind == Kind::Date, distance);
        if best.is_none_or(|(_, r)| rank < r) {
            best = Some((i, rank));
        }
    }
    if let Some((i, _)) = best {
        return Some((i, Origin::Sentence));
    }
    // The most recent year, period or decade earlier in the paragraph.
    let paragraph_start = (0..sentence)
        .rev()
        .take_while(|&s| segmentation.sentences[s].paragraph == paragraph)
        .last()
        .map_or(span.start, |s| segmentation.sentences[s].span.start);
    quantities
        .iter()
        .enumerate()
        .rev()
        .find(|(_, q)| q.span.start >= paragraph_start && q.span.end <= span.start && is_time(q) && !is_day(q))
        .map(|(i, _)| (i, Origin::Paragraph))
}

fn is_time(q: &Quantity) -> bool {
    q.kind.is_temporal()
}

/// True for a date with a day ("February 5"): it dates an event, and is not carried to the
/// sentences after it. A month ("March 2026", "in March") is.
fn is_day(q: &Quantity) -> bool {
    q.kind == Kind::Date && q.date.as_deref().is_some_and(|d| d.len() == 10 || (d.starts_with("--") && d.len() == 7))
}
