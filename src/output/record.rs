//! The `factex/1` record types: the output contract, serialized with serde.
//!
//! Field order in the structs is the order in the JSON. Optional fields are left out when they
//! have no value, so a `year` has no `unit` and a `date` has no `value`. Numbers that are whole
//! are written as JSON integers (`100000`, not `100000.0`).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::schema as s;
use crate::SCHEMA;
use crate::claim::Origin;
use crate::quantity::{Basis, Change, Kind, Qualifier};
use crate::source::{Document, Meta};

/// One output line: the facts of a document, or why it has none.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Record<'a> {
    /// A processed document.
    Facts(FactsRecord<'a>),
    /// A document that could not be processed.
    Error(ErrorRecord<'a>),
}

/// Where a document came from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source<'a> {
    /// The path it was read from (`-` for standard input).
    pub path: &'a str,
    /// The line, for a document read from a JSONL file (1-based); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64", range(min = 1))]
    pub line: Option<u64>,
    /// Its size in bytes before decoding (for a JSONL document, its line).
    pub bytes: u64,
    /// The encoding a text file was decoded from when it was not UTF-8 (`UTF-16LE`, `UTF-16BE`,
    /// `windows-1252`); absent for UTF-8. Offsets are into the decoded text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::encodings")]
    pub encoding: Option<&'static str>,
}

impl<'a> Source<'a> {
    /// The source of a document.
    pub fn of(doc: &'a Document) -> Source<'a> {
        Source { path: &doc.path, line: doc.line, bytes: doc.bytes, encoding: doc.encoding }
    }
}

/// A processed document.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FactsRecord<'a> {
    /// Always `factex/1`.
    #[schemars(schema_with = "s::schema_id")]
    pub schema: &'static str,
    /// The document id.
    pub id: &'a str,
    /// Where it came from.
    pub source: Source<'a>,
    /// Fields kept from a JSONL line (`--keep-field`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::meta")]
    pub meta: Option<&'a Meta>,
    /// Its facts.
    #[serde(flatten)]
    pub facts: Facts<'a>,
}

impl<'a> FactsRecord<'a> {
    /// The record of a document and its facts.
    pub fn new(doc: &'a Document, facts: Facts<'a>) -> FactsRecord<'a> {
        FactsRecord { schema: SCHEMA, id: &doc.id, source: Source::of(doc), meta: doc.meta.as_ref(), facts }
    }
}

/// A document that could not be processed.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ErrorRecord<'a> {
    /// Always `factex/1`.
    #[schemars(schema_with = "s::schema_id")]
    pub schema: &'static str,
    /// The document id.
    pub id: &'a str,
    /// Where it came from (`bytes` is 0 when the input could not be read).
    pub source: Source<'a>,
    /// What went wrong.
    pub error: ErrorInfo<'a>,
}

/// What went wrong with a document.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ErrorInfo<'a> {
    /// A short machine-readable reason: `not_found`, `io`, `binary`, `encoding`, `truncated`,
    /// `json`, `missing_field`, `field_type`, `panic`.
    #[schemars(schema_with = "s::error_kinds")]
    pub kind: &'a str,
    /// A human-readable message naming the file.
    pub message: Cow<'a, str>,
}

/// Everything factex extracted from one document.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Facts<'a> {
    /// Counts of units and facts.
    pub stats: Stats,
    /// Names found, sorted by start.
    pub entities: Vec<EntityFact<'a>>,
    /// Quantities found, sorted by start.
    pub quantities: Vec<QuantityFact<'a>>,
    /// Quantities linked to their company, place, time and metric, in quantity order.
    pub claims: Vec<ClaimFact<'a>>,
}

/// Counts of units and facts in a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Stats {
    /// Paragraphs.
    pub paragraphs: usize,
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub tokens: usize,
    /// Entity mentions.
    pub entities: usize,
    /// Quantities.
    pub quantities: usize,
    /// Claims.
    pub claims: usize,
}

/// A name found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EntityFact<'a> {
    /// The entry's stable id (`lexus`, `mercedes-benz`).
    pub id: &'a str,
    /// The entry's display name.
    pub name: &'a str,
    /// The entry's kind (`brand`, `automaker`, `group`, `place`, …).
    pub kind: &'a str,
    /// The entry's Wikidata id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub wikidata: Option<&'a str>,
    /// Ids of the entry's owners or partners (a brand's group, a joint venture's partners) or of
    /// the places containing it.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub parents: &'a [String],
    /// The text as written (exactly the bytes `start..end`).
    pub text: &'a str,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// First character (Unicode scalar values).
    pub char_start: usize,
    /// One past the last character.
    pub char_end: usize,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// The entry's fields (`id` to `parents`) as the JSON Lines encoder writes them
    /// ([`encode_entry`](super::encode_entry)), when they were encoded once for every mention of
    /// the entry (the extractor encodes each entry of its gazetteer when it is built): the
    /// encoder copies them instead of encoding the same five fields for every mention. Not
    /// part of the record.
    #[serde(skip)]
    pub(crate) encoded_entry: Option<&'a str>,
}

/// A quantity found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuantityFact<'a> {
    /// What it measures.
    #[schemars(schema_with = "s::kinds")]
    pub kind: Kind,
    /// The normalized value; absent for ranges, dates and periods, and for numbers too large to
    /// represent.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    #[schemars(with = "f64")]
    pub value: Option<f64>,
    /// The low end of a range.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    #[schemars(with = "f64")]
    pub low: Option<f64>,
    /// The high end of a range.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    #[schemars(with = "f64")]
    pub high: Option<f64>,
    /// Canonical unit id; absent for bare numbers, years, dates, periods and ordinals.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub unit: Option<Cow<'static, str>>,
    /// The value in the SI unit of its dimension, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "SiFact")]
    pub si: Option<SiFact>,
    /// ISO 8601 (partial) date, for dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub date: Option<String>,
    /// ISO-like period, for periods and decades: `2024-Q3`, `FY2025`, `1990/1999`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub period: Option<String>,
    /// How the text bounds the number.
    #[schemars(schema_with = "s::qualifiers")]
    pub qualifier: Qualifier,
    /// `up` or `down` when the text presents the quantity as a change.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::changes")]
    pub change: Option<Change>,
    /// What the change is measured against, when stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::bases")]
    pub basis: Option<Basis>,
    /// The text as written, qualifier words included (exactly the bytes `start..end`).
    pub text: &'a str,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// First character.
    pub char_start: usize,
    /// One past the last character.
    pub char_end: usize,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: &'static str,
}

/// A value in SI units: `value`, or `low` and `high` for ranges.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SiFact {
    /// The value.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    #[schemars(with = "f64")]
    pub value: Option<f64>,
    /// The low end of a range.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    #[schemars(with = "f64")]
    pub low: Option<f64>,
    /// The high end of a range.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "number")]
    #[schemars(with = "f64")]
    pub high: Option<f64>,
    /// The SI unit: `m`, `kg`, `s`, `J`, `W`, `K`, …
    pub unit: &'static str,
}

/// A quantity linked to what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ClaimFact<'a> {
    /// Index of the quantity in the record's `quantities`.
    pub quantity: usize,
    /// Entity id of the company the number is about.
    pub subject: &'a str,
    /// The subject as written.
    pub subject_text: &'a str,
    /// Entity id of the place the number applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub place: Option<&'a str>,
    /// The place as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub place_text: Option<&'a str>,
    /// The time the number refers to: a year (`2024`), an ISO date or a period (`2024-Q3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub time: Option<String>,
    /// The time as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub time_text: Option<&'a str>,
    /// What is measured, as a short phrase from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub metric: Option<String>,
    /// `up` or `down` when the quantity is a change.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::changes")]
    pub change: Option<Change>,
    /// What the change is measured against.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::bases")]
    pub basis: Option<Basis>,
    /// Index of the sentence of the quantity.
    pub sentence: usize,
    /// Where subject, place and time were found.
    pub evidence: Evidence,
}

/// Where each part of a claim was found: `sentence` (the number's sentence) or `paragraph`
/// (carried from an earlier sentence of the paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Evidence {
    /// Where the subject was found.
    #[schemars(schema_with = "s::origins")]
    pub subject: Origin,
    /// Where the place was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::origins")]
    pub place: Option<Origin>,
    /// Where the time was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "s::origins")]
    pub time: Option<Origin>,
}

/// Writes whole numbers as JSON integers and others as JSON floats.
pub(super) fn number<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match *value {
        Some(v) if v.fract() == 0.0 && v.abs() < EXACT => serializer.serialize_i64(v as i64),
        Some(v) => serializer.serialize_f64(v),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct V(#[serde(serialize_with = "number")] Option<f64>);

    #[test]
    fn whole_numbers_are_integers() {
        let json = |v| serde_json::to_string(&V(Some(v))).unwrap();
        assert_eq!(json(100000.0), "100000");
        assert_eq!(json(1.13e9), "1130000000");
        assert_eq!(json(3.3), "3.3");
        assert_eq!(json(-0.0), "0");
        assert_eq!(json(1e300), "1e+300");
    }
}
