//! The per-document pipeline: mask → segment → quantities → entities → facts.

use crate::claim::{ClaimBuilder, Mentions};
use crate::entity::{BuildError, EntityMatcher, Gazetteer, MentionBuffers};
use crate::output::{ClaimFact, Evidence};
use crate::output::{EntityFact, Facts, QuantityFact, SiFact, Stats, encode_entry};
use crate::quantity::{QuantityBuffers, QuantityRecognizer};
#[cfg(test)]
use crate::segment::mask;
use crate::segment::{MaskBuffers, SegmentBuffers, Segmentation, Segmenter, mask_in};
use crate::source::Document;
use crate::text::{CharCursor, Span, on_grapheme_boundaries};

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
        // The entity lists and automata and the quantity rules take about as long to build: side
        // by side on the rayon pool when it has two threads (half the start-up of a run), in
        // turn on one.
        let ((entities, encoded_entries), (segmenter, quantities, claims)) = rayon::join(
            || {
                let gazetteer = self.gazetteer.unwrap_or_else(Gazetteer::builtin_in_parallel);
                // Each entry's fields as the encoder writes them, with the entities.
                let encoded: Vec<Box<str>> = gazetteer
                    .entries()
                    .iter()
                    .map(|e| encode_entry(&e.id, &e.name, &e.kind, e.wikidata.as_deref(), &e.parents).into())
                    .collect();
                (EntityMatcher::new(gazetteer), encoded)
            },
            || (Segmenter::new(), QuantityRecognizer::new(), ClaimBuilder::new()),
        );
        let entities = entities?;
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
        self.extract_with(doc, &mut Scratch::default())
    }

    /// As [`extract`](Self::extract), with the intermediate results of the document (its
    /// masked and flattened copies, its segmentation, its names) made in `scratch`, and its
    /// facts in the vectors of the facts last given back to it ([`Scratch::recycle`]): a caller
    /// extracting many documents keeps one scratch from one to the next, and their memory is
    /// then allocated once rather than for every document.
    pub fn extract_with<'a>(&'a self, doc: &'a Document, scratch: &mut Scratch) -> Facts<'a> {
        let text = doc.text.as_str();
        let Scratch { mask, flat, segmentation, segment, quantities: found, mentions, facts } = scratch;
        let masked = mask_in(text, mask);
        self.segmenter.segment_into(masked, segmentation, segment);
        let segmentation = &*segmentation;
        // A span never splits a user-perceived character: a number or name whose last
        // character carries a combining mark ("5\u{301}", "Lexus\u{301}") is a different word,
        // as when a letter touches it, and is not reported.
        let found = self.quantities.recognize_in(masked, segmentation, found);
        found.retain(|q| on_boundaries(text, q.span));
        // Multiword names wrap across lines in hard-wrapped text ("Land\nRover"): match on a
        // copy where line breaks and tabs read as spaces (same length, same offsets).
        let flat = flatten_whitespace(masked, flat);
        // Line breaks are no letters or digits: the word starts of the masked text are the flat
        // text's.
        self.entities.find_in(flat, segmentation.word_starts.as_deref(), mentions);
        let mentions = &mut mentions.mentions;
        mentions.retain(|m| on_boundaries(text, m.span));
        let entries = self.entities.gazetteer().entries();
        let companies = self.entities.companies();
        let mentions_of = Mentions { mentions, entries, companies };
        let built = self.claims.build(flat, segmentation, found, &mentions_of);

        let written = |span: Span| text.get(span.start..span.end).unwrap_or_default();
        // The facts are written into the room of an earlier document's (see `Scratch::recycle`).
        let Facts { mut entities, mut quantities, mut claims, .. } = std::mem::take(facts);
        let mut sentences = SentenceCursor::new(segmentation);
        entities.extend(mentions.iter().map(|m| {
            let entry = self.entities.entry(m);
            EntityFact {
                id: &entry.id,
                name: &entry.name,
                kind: &entry.kind,
                wikidata: entry.wikidata.as_deref(),
                parents: &entry.parents,
                text: written(m.span),
                start: m.span.start,
                end: m.span.end,
                // The byte offsets, right for ASCII text; others in `char_offsets`.
                char_start: m.span.start,
                char_end: m.span.end,
                sentence: sentences.at(m.span.start),
                encoded_entry: Some(&self.encoded_entries[m.entry]),
            }
        }));
        let mut sentences = SentenceCursor::new(segmentation);
        quantities.extend(found.drain(..).map(|q| {
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
                text: written(q.span),
                start: q.span.start,
                end: q.span.end,
                char_start: q.span.start,
                char_end: q.span.end,
                sentence: sentences.at(q.span.start),
                rule: q.rule,
            }
        }));
        char_offsets(text, &mut entities, &mut quantities);
        claims.extend(built.into_iter().map(|c| {
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
        }));
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

/// [`on_grapheme_boundaries`] with its common case first: both ends of `span` between two ASCII
/// characters that are not CR LF, always a boundary (every character that joins the one before
/// it is non-ASCII), decided here without a call.
#[inline]
fn on_boundaries(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let between_ascii = |pos: usize| match bytes.get(pos.wrapping_sub(1)..pos + 1) {
        Some(&[a, b]) => a.is_ascii() && b.is_ascii() && !(a == b'\r' && b == b'\n'),
        _ => false,
    };
    (between_ascii(span.start) && between_ascii(span.end)) || on_grapheme_boundaries(text, span)
}

/// The index of the sentence of each position, for positions in increasing order (a document's
/// facts by start): [`Segmentation::sentence_at`] by a forward scan instead of a binary search
/// each time.
struct SentenceCursor<'s> {
    starts: &'s [crate::segment::Sentence],
    /// How many sentences start at or before the last position.
    started: usize,
    last: usize,
}

impl<'s> SentenceCursor<'s> {
    fn new(segmentation: &'s crate::segment::Segmentation) -> SentenceCursor<'s> {
        SentenceCursor { starts: &segmentation.sentences, started: 0, last: 0 }
    }

    fn at(&mut self, pos: usize) -> usize {
        if pos < self.last {
            // Out of order (never for sorted facts): from the beginning.
            self.started = 0;
        }
        self.last = pos;
        while self.starts.get(self.started).is_some_and(|s| s.span.start <= pos) {
            self.started += 1;
        }
        self.started.saturating_sub(1)
    }
}

/// Fills the character offsets of the facts, which hold their byte offsets, in one pass over
/// the text: entities and quantities (each sorted by start) are visited in the order of their
/// starts, so that the cursor counts the characters of each byte about once. Nothing to do for
/// ASCII text (most news), where they are the same.
fn char_offsets(text: &str, entities: &mut [EntityFact], quantities: &mut [QuantityFact]) {
    if text.is_ascii() {
        return;
    }
    let mut chars = CharCursor::new(text);
    let (mut e, mut q) = (entities.iter_mut().peekable(), quantities.iter_mut().peekable());
    loop {
        let entity_first = match (e.peek(), q.peek()) {
            (Some(entity), Some(quantity)) => entity.start <= quantity.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return,
        };
        if entity_first {
            let Some(entity) = e.next() else { return };
            entity.char_start = chars.char_offset(entity.start);
            entity.char_end = chars.char_offset(entity.end);
        } else {
            let Some(quantity) = q.next() else { return };
            quantity.char_start = chars.char_offset(quantity.start);
            quantity.char_end = chars.char_offset(quantity.end);
        }
    }
}

/// `text` with line breaks and tabs replaced by spaces: `text` itself when there are none, else
/// a copy made in `copy`.
fn flatten_whitespace<'a>(text: &'a str, copy: &'a mut String) -> &'a str {
    let is_break = |b: u8| matches!(b, b'\n' | b'\r' | b'\t');
    let Some(first) = memchr::memchr3(b'\n', b'\r', b'\t', text.as_bytes()) else {
        return text;
    };
    // The text copied and overwritten in place from its first break on (vectorized: compare and
    // blend, no branch per byte).
    let mut bytes = std::mem::take(copy).into_bytes();
    bytes.clear();
    bytes.extend_from_slice(text.as_bytes());
    for b in &mut bytes[first..] {
        *b = if is_break(*b) { b' ' } else { *b };
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    *copy = String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned());
    copy
}

/// The room [`Extractor::extract_with`] makes a document's intermediate results in: the masked
/// text, its copy with line breaks as spaces, the segmentation and the names found, with the
/// room the stages work in, and the vectors of facts given back by [`Scratch::recycle`]. Each
/// worker of a [`Batch`](crate::batch::Batch) keeps one for the documents it processes in a
/// row, so that their buffers are allocated once and grow to the size of the longest document
/// rather than being allocated and freed for every document (two thirds of the allocations of
/// a run). The facts borrow the document and the extractor only, never the scratch; every
/// stage empties what it fills first, so a scratch left by a document whose extraction
/// panicked is still good.
#[derive(Debug, Default)]
pub struct Scratch {
    mask: MaskBuffers,
    flat: String,
    segmentation: Segmentation,
    segment: SegmentBuffers,
    quantities: QuantityBuffers,
    mentions: MentionBuffers,
    /// Empty vectors with the room of facts given back by [`Scratch::recycle`], which the next
    /// document's facts are written into.
    facts: Facts<'static>,
}

impl Scratch {
    /// Keeps the room of `facts` (a document's, done with) for the facts of the next document
    /// extracted with this scratch: their vectors are then allocated once too.
    pub fn recycle(&mut self, facts: Facts<'_>) {
        let Facts { entities, quantities, claims, .. } = facts;
        self.facts = Facts {
            stats: Stats::default(),
            entities: emptied(entities),
            quantities: emptied(quantities),
            claims: emptied(claims),
        };
    }
}

/// `v` emptied, as a vector of `U`, a type of the same size and alignment (here the same type
/// with other lifetimes): collected in place from its (no) elements, it keeps its allocation.
fn emptied<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().map(|_| unreachable!("the vector is empty")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening_replaces_exactly_line_breaks_and_tabs() {
        let pieces = ["a", " ", "\n", "\r", "\t", "é", "上", "\u{b}", "\u{c}"];
        // One copy for all the texts, as a worker keeps it.
        let mut copy = String::new();
        for text in crate::testing::random_texts(&pieces, 2000, 40) {
            let expected: String =
                text.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
            let flat = flatten_whitespace(&text, &mut copy);
            assert_eq!(flat, expected, "{text:?}");
            assert_eq!(std::ptr::eq(flat, text.as_str()), expected == text, "{text:?}");
        }
    }

    #[test]
    fn a_kept_scratch_extracts_what_a_new_one_does() {
        let extractor = Extractor::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
        texts.sort();
        // Long after short and short after long, masked or not, with and without line breaks.
        let all = texts.concat();
        texts.extend([all, "Toyota sold 5% more.".into(), String::new(), "See https://x.com/2024 \tnow".into()]);
        let json = |facts: &Facts| serde_json::to_string(facts).unwrap();
        let mut scratch = Scratch::default();
        for text in texts.iter().chain(texts.iter().rev()) {
            let doc = Document::from_text("x", text.as_str());
            let facts = extractor.extract_with(&doc, &mut scratch);
            assert_eq!(json(&facts), json(&extractor.extract(&doc)), "{text:?}");
            scratch.recycle(facts);
        }
    }

    #[test]
    fn recycled_facts_keep_their_room() {
        let extractor = Extractor::new();
        let doc = Document::from_text("x", "Toyota sold 5% more cars in 2024 and Lexus 10,000 in Japan.");
        let mut scratch = Scratch::default();
        let facts = extractor.extract_with(&doc, &mut scratch);
        let room = (facts.entities.capacity(), facts.quantities.capacity());
        assert!(room.0 > 0 && room.1 > 0);
        scratch.recycle(facts);
        assert_eq!((scratch.facts.entities.capacity(), scratch.facts.quantities.capacity()), room);
        assert!(scratch.facts.entities.is_empty() && scratch.facts.quantities.is_empty());
    }

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
    fn the_ascii_shortcut_agrees_with_the_grapheme_rules_on_every_span() {
        let pieces =
            ["a", "5", " ", "\r", "\n", "\r\n", "\u{301}", "é", "上", "\u{fe0f}", "\u{20e3}", "👍", "🏽", "\u{200d}"];
        for text in crate::testing::random_texts(&pieces, 3000, 8) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (i, &start) in bounds.iter().enumerate() {
                for &end in &bounds[i..] {
                    let span = Span::new(start, end);
                    assert_eq!(on_boundaries(&text, span), on_grapheme_boundaries(&text, span), "{text:?} {span:?}");
                }
            }
        }
    }

    #[test]
    fn sentences_and_characters_of_facts_are_found_in_one_pass() {
        let extractor = Extractor::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let doc = Document::from_text("x", std::fs::read_to_string(&path).unwrap() + " Škoda’s 上海 plant: 5%.");
            let facts = extractor.extract(&doc);
            let segmentation = extractor.segmenter.segment(&mask(&doc.text).text);
            let index = crate::text::CharIndex::new(&doc.text);
            for (start, end, char_start, char_end, sentence) in facts
                .entities
                .iter()
                .map(|e| (e.start, e.end, e.char_start, e.char_end, e.sentence))
                .chain(facts.quantities.iter().map(|q| (q.start, q.end, q.char_start, q.char_end, q.sentence)))
            {
                assert_eq!((char_start, char_end), (index.char_offset(start), index.char_offset(end)));
                assert_eq!(sentence, segmentation.sentence_at(start));
            }
        }
        // Out of order, the sentence cursor starts again.
        let segmentation = extractor.segmenter.segment("One. Two. Three.");
        let mut cursor = SentenceCursor::new(&segmentation);
        for pos in [0, 12, 5, 5, 16, 0] {
            assert_eq!(cursor.at(pos), segmentation.sentence_at(pos), "at {pos}");
        }
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
