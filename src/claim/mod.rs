//! Stage 5: claims — each quantity linked to the company it is about, the place and the time it
//! refers to, and what it measures.
//!
//! A claim is made for every quantity that is not itself a time (years, dates, periods, decades)
//! or an ordinal, when a company can be found for it:
//!
//! - [`subject`]: the company in the same sentence — the nearest before the number that is not
//!   inside a prepositional phrase ("according to Toyota's data, Lexus sold …" → Lexus), else the
//!   first such one after it ("… a 1,200 km range, Lexus could …"); else the last company named in
//!   an earlier sentence of the same paragraph ("It", "The company");
//! - [`scope`]: the place scoped with `in`/`across`/`throughout` in the sentence ("In China,
//!   Lexus sold …"), else the place of the sentence the subject was carried from; the time
//!   nearest to the number in the sentence, else the most recent year or period in the paragraph;
//! - [`metric`]: a short phrase from the text for what is measured ("annual production
//!   capacity", "workforce", "sold worldwide", "range", "charging time", "sales growth").
//!
//! Every part records whether it came from the same sentence or was carried over.
//!
//! Rules over words and sentence structure only: fast, deterministic, no model.

pub mod metric;
pub mod scope;
pub mod subject;

use serde::Serialize;

use crate::entity::{Entry, Mention};
use crate::quantity::{Kind, Quantity};
use crate::segment::Segmentation;
use crate::text::Span;

/// Where a part of a claim was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// In the sentence of the number.
    Sentence,
    /// In an earlier sentence of the same paragraph.
    Paragraph,
}

/// One claim, by indices into the document's quantities and entity mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the quantity.
    pub quantity: usize,
    /// Index of the subject's mention.
    pub subject: usize,
    /// Where the subject was found.
    pub subject_from: Origin,
    /// Index of the place's mention, with where it was found.
    pub place: Option<(usize, Origin)>,
    /// Index of the time quantity, with where it was found.
    pub time: Option<(usize, Origin)>,
    /// What is measured.
    pub metric: Option<String>,
    /// Index of the sentence of the quantity.
    pub sentence: usize,
}

/// The entity facts a claim needs: spans and whether each mention is a company or a place.
pub struct Mentions<'a> {
    /// The mentions, sorted by start.
    pub mentions: &'a [Mention],
    /// The gazetteer's entries, which the mentions index (`Mention::entry`).
    pub entries: &'a [Entry],
    /// Whether each entry is a company ([`EntityMatcher::companies`](crate::entity::EntityMatcher::companies)).
    pub companies: &'a [bool],
}

impl Mentions<'_> {
    fn entry(&self, i: usize) -> &Entry {
        &self.entries[self.mentions[i].entry]
    }

    fn is_company(&self, i: usize) -> bool {
        self.companies[self.mentions[i].entry]
    }

    fn is_place(&self, i: usize) -> bool {
        self.entry(i).kind == "place"
    }

    fn span(&self, i: usize) -> Span {
        self.mentions[i].span
    }
}

/// Builds claims; build once, share between threads.
#[derive(Debug, Default)]
pub struct ClaimBuilder {
    subjects: subject::SubjectRule,
    metrics: metric::MetricRule,
}

impl ClaimBuilder {
    /// A builder with the built-in word lists.
    pub fn new() -> ClaimBuilder {
        ClaimBuilder::default()
    }

    /// The claims of one document. `text` is the masked text.
    ///
    /// Linear in the document: the mentions and quantities of each sentence are found by cursors
    /// moving forward with the sentences, what a sentence carries to the next (company, time,
    /// opening place) in the same pass, and each number looks at no more than [`WINDOW`]
    /// mentions or quantities either side.
    pub fn build(
        &self,
        text: &str,
        segmentation: &Segmentation,
        quantities: &[Quantity],
        mentions: &Mentions,
    ) -> Vec<Claim> {
        // Every claim has a company for subject (named in its sentence or carried): without
        // one, there is nothing to build.
        if quantities.is_empty() || !(0..mentions.mentions.len()).any(|i| mentions.is_company(i)) {
            return Vec::new();
        }
        let ms = mentions.mentions;
        let mut claims: Vec<Claim> = Vec::new();
        let mut carry = Carry::default();
        let mut paragraph = usize::MAX;
        let mut m_cursor = Cursor::default();
        let mut q_cursor = Cursor::default();
        for (sentence, s) in segmentation.sentences.iter().enumerate() {
            if s.paragraph != paragraph {
                paragraph = s.paragraph;
                carry = Carry::default();
            }
            let m_range = m_cursor.within(ms, s.span, |m| m.span.start);
            let q_range = q_cursor.within(quantities, s.span, |q| q.span.start);
            for index in q_range.clone() {
                let q = &quantities[index];
                if q.kind.is_temporal() || q.kind == Kind::Ordinal {
                    continue;
                }
                // The mentions before the number: all those before the sentence, and those of
                // the sentence that start before it.
                let before = m_range.start + ms[m_range.clone()].partition_point(|m| m.span.start < q.span.start);
                let near = window(m_range.clone(), before);
                let (subject, subject_from) = match self.subjects.in_sentence(text, near.clone(), q.span, mentions) {
                    Some(m) => (m, Origin::Sentence),
                    None => match carry.topic {
                        Some((m, _)) => (m, Origin::Paragraph),
                        None => continue,
                    },
                };
                let mut place = scope::place(text, near, q.span, mentions).map(|p| (p, Origin::Sentence));
                if place.is_none() && subject_from == Origin::Paragraph {
                    place = carry.topic.and_then(|(_, p)| p).map(|p| (p, Origin::Paragraph));
                }
                if place.is_none() {
                    place = carry.opening.map(|p| (p, Origin::Paragraph));
                }
                let time = scope::time(window(q_range.clone(), index), index, quantities, carry.time);
                let previous = claims.last().filter(|c| c.sentence == sentence);
                let metric = self.metrics.metric(text, s.span, q, previous.and_then(|c| c.metric.as_deref()));
                claims.push(Claim { quantity: index, subject, subject_from, place, time, metric, sentence });
            }
            // What this sentence passes on to the rest of its paragraph.
            if let Some(topic) = self.subjects.topic(text, m_range.clone(), mentions) {
                // The place a carried subject brings along: the scoped place nearest the end
                // of its sentence.
                let end = Span::new(s.span.end, s.span.end);
                carry.topic = Some((topic, scope::place(text, m_range.clone(), end, mentions)));
            }
            if let Some(t) = q_range.clone().rev().find(|&i| scope::carriable(&quantities[i])) {
                carry.time = Some(t);
            }
            if let Some(p) = scope::opening_place(text, s.span, m_range, mentions) {
                carry.opening = Some(p);
            }
        }
        claims
    }
}

/// The items (mentions or quantities, sorted by start) that start inside each sentence, for
/// sentences in order: the bounds only move forward, so a document's sentences cost one pass
/// over its items instead of two binary searches each.
#[derive(Debug, Default)]
struct Cursor {
    start: usize,
    end: usize,
    /// The last sentence, to notice one out of order (then the bounds start over).
    last: Span,
}

impl Cursor {
    /// The range of `items` whose start (`start_of`) is inside `sentence`: what
    /// `partition_point(start < sentence.start)..partition_point(start < sentence.end)` finds.
    fn within<T>(&mut self, items: &[T], sentence: Span, start_of: impl Fn(&T) -> usize) -> std::ops::Range<usize> {
        if sentence.start < self.last.start || sentence.end < self.last.end {
            *self = Cursor::default();
        }
        self.last = sentence;
        while self.start < items.len() && start_of(&items[self.start]) < sentence.start {
            self.start += 1;
        }
        self.end = self.end.max(self.start);
        while self.end < items.len() && start_of(&items[self.end]) < sentence.end {
            self.end += 1;
        }
        self.start..self.end
    }
}

/// How many mentions or quantities either side of a number its claim looks at: bounds the work
/// per number in a sentence with thousands of them.
pub const WINDOW: usize = 64;

/// `range` narrowed to at most [`WINDOW`] items either side of `at`.
fn window(range: std::ops::Range<usize>, at: usize) -> std::ops::Range<usize> {
    range.start.max(at.saturating_sub(WINDOW))..range.end.min(at.saturating_add(WINDOW))
}

/// What the earlier sentences of a paragraph pass on to a sentence without its own.
#[derive(Debug, Default, Clone, Copy)]
struct Carry {
    /// The last company named, with the place scoped in its sentence.
    topic: Option<(usize, Option<usize>)>,
    /// The most recent year, period, decade or month.
    time: Option<usize>,
    /// The place of the last sentence opening with "In <place>,".
    opening: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_finds_what_two_binary_searches_find() {
        // Items at pseudo-random sorted starts, sentences tiling the text, then some out of order.
        let mut numbers = crate::testing::xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: u64| (numbers.next().expect("xorshift never ends") % n) as usize;
        for _ in 0..500 {
            let mut items: Vec<usize> = (0..next(30)).map(|_| next(200)).collect();
            items.sort_unstable();
            let mut sentences = Vec::new();
            let mut at = 0;
            while at < 200 {
                let len = 1 + next(40);
                sentences.push(Span::new(at, (at + len).min(200)));
                at += len + next(3);
            }
            for _ in 0..3 {
                sentences.insert(next(sentences.len() as u64 + 1), Span::new(next(200), 200));
            }
            let mut cursor = Cursor::default();
            for s in sentences {
                let expected = items.partition_point(|&i| i < s.start)..items.partition_point(|&i| i < s.end);
                assert_eq!(cursor.within(&items, s, |&i| i), expected, "{items:?} {s:?}");
            }
        }
    }
}
