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

use crate::entity::{COMPANY_KINDS, Entry, Mention};
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
    /// The entry of each mention.
    pub entries: Vec<&'a Entry>,
}

impl Mentions<'_> {
    fn is_company(&self, i: usize) -> bool {
        COMPANY_KINDS.contains(&self.entries[i].kind.as_str())
    }

    fn is_place(&self, i: usize) -> bool {
        self.entries[i].kind == "place"
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
    pub fn build(
        &self,
        text: &str,
        segmentation: &Segmentation,
        quantities: &[Quantity],
        mentions: &Mentions,
    ) -> Vec<Claim> {
        if mentions.mentions.is_empty() || quantities.is_empty() {
            return Vec::new();
        }
        let mut claims: Vec<Claim> = Vec::new();
        for (index, q) in quantities.iter().enumerate() {
            if q.kind.is_temporal() || q.kind == Kind::Ordinal {
                continue;
            }
            let sentence = segmentation.sentence_at(q.span.start);
            let Some(found) = self.subjects.find(text, segmentation, sentence, q.span, mentions) else { continue };
            let (sentence_span, paragraph) = match segmentation.sentences.get(sentence) {
                Some(s) => (s.span, s.paragraph),
                None => continue,
            };
            let mut place = scope::place(text, sentence_span, q.span, mentions).map(|p| (p, Origin::Sentence));
            if place.is_none()
                && let Some(from) = found.carried_from
            {
                let from_span = segmentation.sentences[from].span;
                place = scope::place(text, from_span, Span::new(from_span.end, from_span.end), mentions)
                    .map(|p| (p, Origin::Paragraph));
            }
            if place.is_none() {
                place = scope::paragraph_place(text, segmentation, sentence, mentions).map(|p| (p, Origin::Paragraph));
            }
            let time = scope::time(segmentation, sentence, paragraph, index, quantities);
            let previous = claims.iter().rev().find(|c| c.sentence == sentence);
            let metric = self.metrics.metric(text, sentence_span, q, previous.and_then(|c| c.metric.as_deref()));
            claims.push(Claim {
                quantity: index,
                subject: found.mention,
                subject_from: if found.carried_from.is_some() { Origin::Paragraph } else { Origin::Sentence },
                place,
                time,
                metric,
                sentence,
            });
        }
        claims
    }
}
