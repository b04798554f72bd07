//! The JSON Lines encoder: writes a record byte for byte as `serde_json::to_writer` writes its
//! serde derive (same field order, same left-out fields, same escapes, same number formats),
//! without serde's per-field dispatch.
//!
//! Why by hand: encoding was an eighth of the whole run, most of it spent going through serde's
//! generic machinery for short strings (ids, kinds, names) and for `#[serde(flatten)]`, which
//! goes through a map serializer. Strings are checked eight bytes at a time for bytes that need
//! an escape and copied whole when there are none (nearly always).
//!
//! The serde derive in `record.rs` stays the contract: it produces the pretty JSON format and
//! the JSON Schema, and the tests compare this encoder's bytes with `serde_json::to_vec` on the
//! corpus, on the bad inputs and on arbitrary strings (`tests/common/mod.rs`). Every struct is
//! destructured here field by field, so a field added to a record type fails to compile until
//! it is written here too.

use serde::Serialize;

use crate::swar;

use super::record::{
    ClaimFact, EntityFact, ErrorInfo, ErrorRecord, Evidence, Facts, FactsRecord, QuantityFact, Record, SiFact, Source,
    Stats,
};

/// Appends `record` as one compact JSON object (no newline).
pub(super) fn write_record(out: &mut Vec<u8>, record: &Record) {
    match record {
        Record::Facts(r) => facts_record(out, r),
        Record::Error(r) => error_record(out, r),
    }
}

fn facts_record(out: &mut Vec<u8>, r: &FactsRecord) {
    let FactsRecord { schema, id, source: src, meta, facts } = r;
    out.extend_from_slice(b"{\"schema\":");
    string(out, schema);
    out.extend_from_slice(b",\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"source\":");
    source(out, src);
    if let Some(meta) = meta {
        out.extend_from_slice(b",\"meta\":");
        serde_value(out, meta);
    }
    let Facts { stats: st, entities, quantities, claims } = facts;
    out.extend_from_slice(b",\"stats\":");
    stats(out, st);
    out.extend_from_slice(b",\"entities\":");
    array(out, entities, entity);
    out.extend_from_slice(b",\"quantities\":");
    array(out, quantities, quantity);
    out.extend_from_slice(b",\"claims\":");
    array(out, claims, claim);
    out.push(b'}');
}

fn error_record(out: &mut Vec<u8>, r: &ErrorRecord) {
    let ErrorRecord { schema, id, source: src, error } = r;
    let ErrorInfo { kind, message } = error;
    out.extend_from_slice(b"{\"schema\":");
    string(out, schema);
    out.extend_from_slice(b",\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"source\":");
    source(out, src);
    out.extend_from_slice(b",\"error\":{\"kind\":");
    string(out, kind);
    out.extend_from_slice(b",\"message\":");
    string(out, message);
    out.extend_from_slice(b"}}");
}

fn source(out: &mut Vec<u8>, s: &Source) {
    let Source { path, line, bytes, encoding } = s;
    out.extend_from_slice(b"{\"path\":");
    string(out, path);
    optional(out, b",\"line\":", line.as_ref(), |out, line| integer(out, *line));
    out.extend_from_slice(b",\"bytes\":");
    integer(out, *bytes);
    optional(out, b",\"encoding\":", *encoding, string);
    out.push(b'}');
}

fn stats(out: &mut Vec<u8>, s: &Stats) {
    let Stats { paragraphs, sentences, tokens, entities, quantities, claims } = *s;
    out.extend_from_slice(b"{\"paragraphs\":");
    integer(out, paragraphs);
    out.extend_from_slice(b",\"sentences\":");
    integer(out, sentences);
    out.extend_from_slice(b",\"tokens\":");
    integer(out, tokens);
    out.extend_from_slice(b",\"entities\":");
    integer(out, entities);
    out.extend_from_slice(b",\"quantities\":");
    integer(out, quantities);
    out.extend_from_slice(b",\"claims\":");
    integer(out, claims);
    out.push(b'}');
}

fn entity(out: &mut Vec<u8>, e: &EntityFact) {
    let EntityFact { id, name, kind, wikidata, parents, text, start, end, char_start, char_end, sentence } = e;
    out.extend_from_slice(b"{\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"name\":");
    string(out, name);
    out.extend_from_slice(b",\"kind\":");
    string(out, kind);
    optional(out, b",\"wikidata\":", *wikidata, string);
    if !parents.is_empty() {
        out.extend_from_slice(b",\"parents\":");
        array(out, parents, |out, p| string(out, p));
    }
    out.extend_from_slice(b",\"text\":");
    string(out, text);
    span(out, *start, *end, *char_start, *char_end);
    out.extend_from_slice(b",\"sentence\":");
    integer(out, *sentence);
    out.push(b'}');
}

fn quantity(out: &mut Vec<u8>, q: &QuantityFact) {
    let QuantityFact {
        kind,
        value,
        low,
        high,
        unit,
        si: si_fact,
        date,
        period,
        qualifier,
        change,
        basis,
        text,
        start,
        end,
        char_start,
        char_end,
        sentence,
        rule,
    } = q;
    out.extend_from_slice(b"{\"kind\":");
    serde_value(out, kind);
    numbers(out, *value, *low, *high);
    optional(out, b",\"unit\":", unit.as_deref(), string);
    optional(out, b",\"si\":", si_fact.as_ref(), si);
    optional(out, b",\"date\":", date.as_deref(), string);
    optional(out, b",\"period\":", period.as_deref(), string);
    out.extend_from_slice(b",\"qualifier\":");
    serde_value(out, qualifier);
    optional(out, b",\"change\":", change.as_ref(), serde_value);
    optional(out, b",\"basis\":", basis.as_ref(), serde_value);
    out.extend_from_slice(b",\"text\":");
    string(out, text);
    span(out, *start, *end, *char_start, *char_end);
    out.extend_from_slice(b",\"sentence\":");
    integer(out, *sentence);
    out.extend_from_slice(b",\"rule\":");
    string(out, rule);
    out.push(b'}');
}

fn si(out: &mut Vec<u8>, s: &SiFact) {
    let SiFact { value, low, high, unit } = *s;
    out.push(b'{');
    for (key, v) in [(&b"\"value\":"[..], value), (b"\"low\":", low), (b"\"high\":", high)] {
        if let Some(v) = v {
            out.extend_from_slice(key);
            number(out, v);
            out.push(b',');
        }
    }
    out.extend_from_slice(b"\"unit\":");
    string(out, unit);
    out.push(b'}');
}

fn claim(out: &mut Vec<u8>, c: &ClaimFact) {
    let ClaimFact {
        quantity,
        subject,
        subject_text,
        place,
        place_text,
        time,
        time_text,
        metric,
        change,
        basis,
        sentence,
        evidence,
    } = c;
    out.extend_from_slice(b"{\"quantity\":");
    integer(out, *quantity);
    out.extend_from_slice(b",\"subject\":");
    string(out, subject);
    out.extend_from_slice(b",\"subject_text\":");
    string(out, subject_text);
    optional(out, b",\"place\":", *place, string);
    optional(out, b",\"place_text\":", *place_text, string);
    optional(out, b",\"time\":", time.as_deref(), string);
    optional(out, b",\"time_text\":", *time_text, string);
    optional(out, b",\"metric\":", metric.as_deref(), string);
    optional(out, b",\"change\":", change.as_ref(), serde_value);
    optional(out, b",\"basis\":", basis.as_ref(), serde_value);
    out.extend_from_slice(b",\"sentence\":");
    integer(out, *sentence);
    let Evidence { subject: from, place: place_from, time: time_from } = evidence;
    out.extend_from_slice(b",\"evidence\":{\"subject\":");
    serde_value(out, from);
    optional(out, b",\"place\":", place_from.as_ref(), serde_value);
    optional(out, b",\"time\":", time_from.as_ref(), serde_value);
    out.extend_from_slice(b"}}");
}

/// `"start":…,"end":…,"char_start":…,"char_end":…` with the leading comma.
fn span(out: &mut Vec<u8>, start: usize, end: usize, char_start: usize, char_end: usize) {
    out.extend_from_slice(b",\"start\":");
    integer(out, start);
    out.extend_from_slice(b",\"end\":");
    integer(out, end);
    out.extend_from_slice(b",\"char_start\":");
    integer(out, char_start);
    out.extend_from_slice(b",\"char_end\":");
    integer(out, char_end);
}

/// The optional `value`, `low` and `high` fields, each with its leading comma.
fn numbers(out: &mut Vec<u8>, value: Option<f64>, low: Option<f64>, high: Option<f64>) {
    for (key, v) in [(&b",\"value\":"[..], value), (b",\"low\":", low), (b",\"high\":", high)] {
        if let Some(v) = v {
            out.extend_from_slice(key);
            number(out, v);
        }
    }
}

/// A field that serde leaves out when it is `None`: `key` (with its leading comma) and the value
/// written by `write`.
fn optional<T: ?Sized>(out: &mut Vec<u8>, key: &[u8], value: Option<&T>, write: impl FnOnce(&mut Vec<u8>, &T)) {
    if let Some(value) = value {
        out.extend_from_slice(key);
        write(out, value);
    }
}

fn array<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// Enumerations and raw JSON (`meta`) go through serde: their names live in the serde derive.
fn serde_value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("enumerations and raw JSON serialize");
}

fn integer<T: itoa::Integer>(out: &mut Vec<u8>, n: T) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A number as `record::number` writes it: whole numbers as integers, others as shortest floats.
fn number(out: &mut Vec<u8>, v: f64) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if v.fract() == 0.0 && v.abs() < EXACT {
        integer(out, v as i64);
    } else if v.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and
/// `\u00xx` for the other control characters; everything else (non-ASCII included) as is.
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while let Some(i) = next_escape(bytes, from) {
        out.extend_from_slice(&bytes[from..i]);
        escape(out, bytes[i]);
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// The position of the first byte at or after `from` that needs an escape, eight bytes at a
/// time.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let word = |w| swar::any_below(w, 0x20) | swar::any_eq(w, b'"') | swar::any_eq(w, b'\\');
    swar::find(bytes, from, word, needs_escape)
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0a => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        0x0d => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xf) as usize]]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é上海🚗\u{7f}\u{2028}");
        for s in [all.as_str(), "", "plain", "12345678", "1234567\"", "\"1234567", "a\\b", "tab\there", "x\u{1f}"] {
            assert_eq!(encoded(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        // Every position of an escaped byte inside and around one eight-byte word.
        for at in 0..17 {
            for b in [b'"', b'\\', b'\n', 0, 0x1f] {
                let mut s = vec![b'a'; 17];
                s[at] = b;
                let s = String::from_utf8(s).unwrap();
                assert_eq!(encoded(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
    }

    /// The contract: what serde_json writes for the derive.
    fn serde(record: &Record) -> Vec<u8> {
        serde_json::to_vec(record).unwrap()
    }

    fn hand(record: &Record) -> Vec<u8> {
        let mut out = Vec::new();
        write_record(&mut out, record);
        out
    }

    #[test]
    fn every_corpus_record_is_written_as_serde_writes_it() {
        let extractor = crate::Extractor::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let mut doc =
                crate::Document::from_text(path.display().to_string(), std::fs::read_to_string(&path).unwrap());
            // Every optional field of the source, and kept JSONL fields of every JSON type.
            doc.line = Some(7);
            doc.encoding = Some("windows-1252");
            let raw = |s: &str| Some(serde_json::value::RawValue::from_string(s.into()).unwrap());
            doc.meta = Some(crate::source::Meta(vec![
                ("url".into(), raw("\"https://x.com/a?b=\\\"c\\\"\"")),
                ("n".into(), raw("[1, 2.5, {\"k\": null}]")),
                ("missing".into(), None),
            ]));
            let facts = extractor.extract(&doc);
            let record = Record::Facts(FactsRecord::new(&doc, facts));
            assert_eq!(String::from_utf8(hand(&record)).unwrap(), String::from_utf8(serde(&record)).unwrap());
            n += 1;
        }
        assert!(n >= 5, "the corpus has articles");
    }

    #[test]
    fn error_records_are_written_as_serde_writes_them() {
        let source = Source { path: "dir/\"odd\"\tname.txt", line: Some(3), bytes: 12, encoding: None };
        let record = Record::Error(ErrorRecord {
            schema: crate::SCHEMA,
            id: "odd\u{1}id",
            source,
            error: ErrorInfo { kind: "json", message: "dir/x.jsonl:3: expected `,` \\ or `}`\n".into() },
        });
        assert_eq!(hand(&record), serde(&record));
    }

    #[test]
    fn the_word_test_never_misses_nor_invents_an_escape() {
        for b in 0..=255u8 {
            let word = [b; 8];
            let found = next_escape(&word, 0).is_some();
            assert_eq!(found, needs_escape(b), "byte {b:#x}");
        }
    }

    #[test]
    fn numbers_are_written_as_record_number_writes_them() {
        #[derive(Serialize)]
        struct V(#[serde(serialize_with = "super::super::record::number")] Option<f64>);
        for v in [0.0, -0.0, 1.0, 100000.0, 1.13e9, 3.3, -4.25, 1e300, 1e-7, 9_007_199_254_740_992.0, 0.1 + 0.2] {
            let mut out = Vec::new();
            number(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&V(Some(v))).unwrap(), "{v}");
        }
    }
}
