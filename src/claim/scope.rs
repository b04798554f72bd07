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

use std::ops::Range;

use super::{Mentions, Origin};
use crate::quantity::{Kind, Quantity};
use crate::text::{Span, skip_space_back, word_ending_at};

/// Words that scope a number to the place after them.
const SCOPING: &[&str] = &["in", "across", "throughout", "within", "outside"];

/// The place scoping the number at `number` among the mentions `range` of its sentence.
pub fn place(text: &str, range: Range<usize>, number: Span, mentions: &Mentions) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for i in range {
        let m = &mentions.mentions[i];
        if !mentions.is_place(i) {
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

/// The place that opens a sentence ("In Europe, Volkswagen …"), among its mentions `range`:
/// it scopes the sentences after it in the paragraph.
pub fn opening_place(text: &str, sentence: Span, range: Range<usize>, mentions: &Mentions) -> Option<usize> {
    // Most sentences do not open with "In ": told by their first bytes.
    if !text.as_bytes().get(sentence.start..sentence.end).is_some_and(|b| b.starts_with(b"In ")) {
        return None;
    }
    let mut head_end = sentence.end.min(sentence.start + 80);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[sentence.start..head_end];
    if !head.starts_with("In ") {
        return None;
    }
    let opening = head.split(',').next().unwrap_or_default();
    if opening.len() == head.len() || opening.split_whitespace().count() > 5 {
        return None;
    }
    let opening_end = sentence.start + opening.len();
    range.into_iter().find(|&i| mentions.span(i).end <= opening_end && mentions.is_place(i))
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
        if SCOPING.iter().any(|s| s.eq_ignore_ascii_case(word)) {
            return true;
        }
        if !word.eq_ignore_ascii_case("the") {
            return false;
        }
        pos = word_start;
    }
    false
}

/// The time of the quantity `index` among the quantities `range` of its sentence; `carried`
/// is the most recent carriable time earlier in the paragraph.
pub fn time(
    range: Range<usize>,
    index: usize,
    quantities: &[Quantity],
    carried: Option<usize>,
) -> Option<(usize, Origin)> {
    let number = quantities[index].span;
    // Years and periods before dates: "TOKYO, 14 May 2026 - … by 2030" is about 2030.
    let mut best: Option<(usize, (bool, usize))> = None;
    for i in range {
        let q = &quantities[i];
        if i == index || !is_time(q) {
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
    carried.map(|i| (i, Origin::Paragraph))
}

fn is_time(q: &Quantity) -> bool {
    q.kind.is_temporal()
}

/// True for a time a later sentence of the paragraph may take: a year, period, decade or month.
pub fn carriable(q: &Quantity) -> bool {
    is_time(q) && !is_day(q)
}

/// True for a date with a day ("February 5"): it dates an event, and is not carried to the
/// sentences after it. A month ("March 2026", "in March") is.
fn is_day(q: &Quantity) -> bool {
    q.kind == Kind::Date && q.date.as_deref().is_some_and(|d| d.len() == 10 || (d.starts_with("--") && d.len() == 7))
}
