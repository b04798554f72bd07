//! The per-document pipeline: mask → segment → quantities → entities → facts.

use crate::entity::{BuildError, EntityMatcher, Gazetteer};
use crate::output::{EntityFact, Facts, QuantityFact, SiFact, Stats};
use crate::quantity::QuantityRecognizer;
use crate::segment::{Segmenter, mask};
use crate::source::Document;
use crate::text::{CharIndex, Span};

/// Configures an [`Extractor`].
#[derive(Debug, Default)]
pub struct ExtractorBuilder {
    gazetteer: Option<Gazetteer>,
}

impl ExtractorBuilder {
    /// A builder with the built-in data.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Uses `gazetteer` instead of the built-in entity lists.
    pub fn gazetteer(mut self, gazetteer: Gazetteer) -> ExtractorBuilder {
        self.gazetteer = Some(gazetteer);
        self
    }

    /// Compiles every rule and list.
    pub fn build(self) -> Result<Extractor, BuildError> {
        let gazetteer = self.gazetteer.unwrap_or_else(Gazetteer::builtin);
        Ok(Extractor {
            segmenter: Segmenter::new(),
            quantities: QuantityRecognizer::new(),
            entities: EntityMatcher::new(gazetteer)?,
        })
    }
}

/// Runs the per-document stages. Built once, shared by reference between threads; extraction
/// never fails.
#[derive(Debug)]
pub struct Extractor {
    segmenter: Segmenter,
    quantities: QuantityRecognizer,
    entities: EntityMatcher,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in data.
    pub fn new() -> Extractor {
        ExtractorBuilder::new().build().expect("the built-in gazetteer compiles")
    }

    /// A builder for a configured extractor.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Extracts the facts of one document.
    pub fn extract<'a>(&'a self, doc: &'a Document) -> Facts<'a> {
        let text = doc.text.as_str();
        let masked = mask(text);
        let segmentation = self.segmenter.segment(&masked.text);
        let quantities = self.quantities.recognize(&masked.text, &segmentation);
        let mentions = self.entities.find(&masked.text);

        let chars = CharIndex::new(text);
        let locate = |span: Span| {
            (
                text.get(span.start..span.end).unwrap_or_default(),
                chars.char_offset(span.start),
                chars.char_offset(span.end),
            )
        };
        let entities: Vec<EntityFact> = mentions
            .iter()
            .map(|m| {
                let entry = self.entities.entry(m);
                let (written, char_start, char_end) = locate(m.span);
                EntityFact {
                    id: &entry.id,
                    name: &entry.name,
                    kind: &entry.kind,
                    text: written,
                    start: m.span.start,
                    end: m.span.end,
                    char_start,
                    char_end,
                    sentence: segmentation.sentence_at(m.span.start),
                }
            })
            .collect();
        let quantities: Vec<QuantityFact> = quantities
            .into_iter()
            .map(|q| {
                let (written, char_start, char_end) = locate(q.span);
                let si = q.si().map(|si| SiFact { value: si.value, low: si.low, high: si.high, unit: si.unit });
                QuantityFact {
                    kind: q.kind,
                    value: q.value,
                    low: q.low,
                    high: q.high,
                    unit: q.unit,
                    si,
                    date: q.date,
                    period: q.period,
                    qualifier: q.qualifier,
                    change: q.change,
                    basis: q.basis,
                    text: written,
                    start: q.span.start,
                    end: q.span.end,
                    char_start,
                    char_end,
                    sentence: segmentation.sentence_at(q.span.start),
                    rule: q.rule,
                }
            })
            .collect();
        let stats = Stats {
            paragraphs: segmentation.paragraphs.len(),
            sentences: segmentation.sentences.len(),
            tokens: segmentation.tokens,
            entities: entities.len(),
            quantities: quantities.len(),
        };
        Facts { stats, entities, quantities }
    }
}
