//! The per-document pipeline: mask → segment → quantities → entities → facts.

use crate::claim::{ClaimBuilder, Mentions};
use crate::entity::{BuildError, EntityMatcher, Gazetteer};
use crate::output::{ClaimFact, Evidence};
use crate::output::{EntityFact, Facts, QuantityFact, SiFact, Stats, encode_entry};
use crate::quantity::QuantityRecognizer;
use crate::segment::{Segmenter, mask};
use crate::source::Document;
use crate::text::{CharIndex, Span, on_grapheme_boundaries};

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
        // The entity automata and the quantity rules take about as long to build: side by side
        // on the rayon pool when it has two threads (half the start-up of a run), in turn on one.
        let (entities, (segmenter, quantities, claims)) = rayon::join(
            || EntityMatcher::new(gazetteer),
            || (Segmenter::new(), QuantityRecognizer::new(), ClaimBuilder::new()),
        );
        let entities = entities?;
        let encoded_entries = entities
            .gazetteer()
            .entries()
            .iter()
            .map(|e| encode_entry(&e.id, &e.name, &e.kind, e.wikidata.as_deref(), &e.parents).into_boxed_str())
            .collect();
        Ok(Extractor { segmenter, quantities, entities, claims, encoded_entries })
    }
}

/// Runs the per-document stages. Built once, shared by reference between threads; extraction
/// never fails.
#[derive(Debug)]
pub struct Extractor {
    segmenter: Segmenter,
    quantities: QuantityRecognizer,
    entities: EntityMatcher,
    claims: ClaimBuilder,
    /// Each gazetteer entry's fields as the JSON Lines encoder writes them, by entry index.
    encoded_entries: Vec<Box<str>>,
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
        // A span never splits a user-perceived character: a number or name whose last
        // character carries a combining mark ("5\u{301}", "Lexus\u{301}") is a different word,
        // as when a letter touches it, and is not reported.
        let mut quantities = self.quantities.recognize(&masked.text, &segmentation);
        quantities.retain(|q| on_grapheme_boundaries(text, q.span));
        // Multiword names wrap across lines in hard-wrapped text ("Land\nRover"): match on a
        // copy where line breaks and tabs read as spaces (same length, same offsets).
        let flat = flatten_whitespace(&masked.text);
        // Line breaks are no letters or digits: the word starts of the masked text are the flat
        // text's.
        let mut mentions = self.entities.find_at(&flat, segmentation.word_starts.as_deref());
        mentions.retain(|m| on_grapheme_boundaries(text, m.span));
        let entries: Vec<_> = mentions.iter().map(|m| self.entities.entry(m)).collect();
        let claims = self.claims.build(&flat, &segmentation, &quantities, &Mentions { mentions: &mentions, entries });

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
                    wikidata: entry.wikidata.as_deref(),
                    parents: &entry.parents,
                    text: written,
                    start: m.span.start,
                    end: m.span.end,
                    char_start,
                    char_end,
                    sentence: segmentation.sentence_at(m.span.start),
                    encoded_entry: Some(&self.encoded_entries[m.entry]),
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
        let claims: Vec<ClaimFact> = claims
            .into_iter()
            .map(|c| {
                let subject = &entities[c.subject];
                let place = c.place.map(|(i, _)| &entities[i]);
                let time = c.time.map(|(i, _)| &quantities[i]);
                let quantity = &quantities[c.quantity];
                ClaimFact {
                    quantity: c.quantity,
                    subject: subject.id,
                    subject_text: subject.text,
                    place: place.map(|p| p.id),
                    place_text: place.map(|p| p.text),
                    time: time.and_then(time_label),
                    time_text: time.map(|t| t.text),
                    metric: c.metric,
                    change: quantity.change,
                    basis: quantity.basis,
                    sentence: c.sentence,
                    evidence: Evidence {
                        subject: c.subject_from,
                        place: c.place.map(|(_, o)| o),
                        time: c.time.map(|(_, o)| o),
                    },
                }
            })
            .collect();
        let stats = Stats {
            paragraphs: segmentation.paragraphs.len(),
            sentences: segmentation.sentences.len(),
            tokens: segmentation.tokens,
            entities: entities.len(),
            quantities: quantities.len(),
            claims: claims.len(),
        };
        Facts { stats, entities, quantities, claims }
    }
}

/// The time a temporal quantity names: a year (`2024`), a year range (`2025/2027`), an ISO date or
/// a period label.
fn time_label(q: &QuantityFact) -> Option<String> {
    if let Some(date) = &q.date {
        return Some(date.clone());
    }
    if let Some(period) = &q.period {
        return Some(period.clone());
    }
    match (q.value, q.low, q.high) {
        (Some(v), _, _) => Some(format!("{v}")),
        (None, Some(l), Some(h)) => Some(format!("{l}/{h}")),
        _ => None,
    }
}

/// `text` with line breaks and tabs replaced by spaces; borrowed when there are none.
fn flatten_whitespace(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes: Vec<u8> = text.bytes().map(|b| if matches!(b, b'\n' | b'\r' | b'\t') { b' ' } else { b }).collect();
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiword_names_match_across_soft_line_breaks() {
        let extractor = Extractor::new();
        let doc = Document::from_text("wrap.txt", "the effort by Land\nRover Group to introduce vehicles");
        let facts = extractor.extract(&doc);
        assert_eq!(facts.entities.len(), 1);
        assert_eq!(facts.entities[0].id, "land-rover");
        assert_eq!(facts.entities[0].text, "Land\nRover");
    }

    #[test]
    fn no_span_cuts_a_combining_mark_off_its_character() {
        let extractor = Extractor::new();
        let doc =
            Document::from_text("marks.txt", "Lexus\u{301} sold 5\u{301} % and 5\u{fe0f}\u{20e3} cars; Lexus sold 7%.");
        let facts = extractor.extract(&doc);
        let texts: Vec<&str> =
            facts.entities.iter().map(|e| e.text).chain(facts.quantities.iter().map(|q| q.text)).collect();
        assert_eq!(texts, ["Lexus", "7%"]);
        assert_eq!(facts.entities[0].start, doc.text.rfind("Lexus").unwrap());
    }
}
