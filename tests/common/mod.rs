//! The invariants every `factex/1` record must satisfy, checked on the JSON the pipeline writes.
//!
//! Shared by `tests/properties.rs`, `tests/regressions.rs` and the fuzz targets in `fuzz/` (which
//! include this file by path), so the property tests, the fuzzer and the regression inputs check
//! exactly the same thing.
#![allow(dead_code)] // each test crate uses a different part

use factex::output::{self, FactsRecord, Format, Record};
use factex::{Document, Extractor};
use serde_json::Value;

/// The record of `doc` as the pipeline writes it (one JSON line), and parsed back.
pub fn record(extractor: &Extractor, doc: &Document) -> (Vec<u8>, Value) {
    let facts = extractor.extract(doc);
    let record = Record::Facts(FactsRecord::new(doc, facts));
    let encoded = output::encode(&record, Format::Jsonl);
    // The hand-written JSON Lines encoder writes what serde writes for the record types.
    let mut serde = serde_json::to_vec(&record).expect("records serialize");
    serde.push(b'\n');
    assert!(
        encoded == serde,
        "the JSONL encoder differs from serde:\n{}\n{}",
        String::from_utf8_lossy(&encoded),
        String::from_utf8_lossy(&serde)
    );

    let value = match serde_json::from_slice(&encoded) {
        Ok(value) => value,
        Err(e) => panic!("the record is not valid JSON ({e}): {}", String::from_utf8_lossy(&encoded)),
    };
    (encoded, value)
}

/// Extracts `text` as one document, checks every invariant of its record (in both output
/// formats), and returns the parsed record. Panics with the reason on a violation.
pub fn check_text(extractor: &Extractor, text: &str) -> Value {
    let doc = Document::from_text("doc", text);
    let (encoded, value) = record(extractor, &doc);
    if let Err(e) = check(text, &value) {
        panic!("{e}\ntext: {text:?}\nrecord: {}", String::from_utf8_lossy(&encoded));
    }
    // The pretty-printed format says the same thing.
    let facts = extractor.extract(&doc);
    let pretty = output::encode(&Record::Facts(FactsRecord::new(&doc, facts)), Format::Json);
    let parsed: Value = serde_json::from_slice(&pretty).expect("the pretty record is valid JSON");
    assert_eq!(parsed, value, "the two formats differ for {text:?}");
    value
}

/// Checks the invariants of the record `record` extracted from `text`.
pub fn check(text: &str, record: &Value) -> Result<(), String> {
    let obj = record.as_object().ok_or("the record is not an object")?;
    if obj.get("schema") != Some(&Value::from("factex/1")) {
        return Err("schema is not factex/1".into());
    }
    if obj.contains_key("error") {
        return Err(format!("an error record for a text document: {}", obj["error"]));
    }
    no_null(record, "")?;
    let stats = obj.get("stats").and_then(Value::as_object).ok_or("no stats")?;
    let stat = |name: &str| stats.get(name).and_then(Value::as_u64).ok_or(format!("stats.{name} is not a count"));
    let sentences = stat("sentences")?;
    let entities = array(obj, "entities")?;
    let quantities = array(obj, "quantities")?;
    let claims = array(obj, "claims")?;
    for (name, list) in [("entities", entities), ("quantities", quantities), ("claims", claims)] {
        if stat(name)? != list.len() as u64 {
            return Err(format!("stats.{name} is {} but there are {}", stat(name)?, list.len()));
        }
    }
    if sentences > text.len() as u64 || stat("paragraphs")? > text.len() as u64 {
        return Err("more sentences or paragraphs than bytes".into());
    }

    let chars = CharCounter::new(text);
    let mut previous = 0;
    for (i, e) in entities.iter().enumerate() {
        let at = format!("entities[{i}]");
        let start = span(text, &chars, e, &at)?;
        if start < previous {
            return Err(format!("{at} starts before the entity before it"));
        }
        previous = start;
        for field in ["id", "name", "kind"] {
            if e.get(field).and_then(Value::as_str).is_none_or(str::is_empty) {
                return Err(format!("{at}.{field} is missing or empty"));
            }
        }
        sentence(e, sentences, &at)?;
    }
    let mut previous = 0;
    for (i, q) in quantities.iter().enumerate() {
        let at = format!("quantities[{i}]");
        let start = span(text, &chars, q, &at)?;
        if start < previous {
            return Err(format!("{at} starts before the quantity before it"));
        }
        previous = start;
        for field in ["kind", "qualifier", "rule"] {
            if q.get(field).and_then(Value::as_str).is_none_or(str::is_empty) {
                return Err(format!("{at}.{field} is missing or empty"));
            }
        }
        values(q, &at)?;
        if let Some(si) = q.get("si") {
            values(si, &format!("{at}.si"))?;
            if si.get("value").is_none() && si.get("low").is_none() {
                return Err(format!("{at}.si has no value"));
            }
        }
        sentence(q, sentences, &at)?;
    }
    let mut previous = None;
    for (i, c) in claims.iter().enumerate() {
        let at = format!("claims[{i}]");
        let index = c.get("quantity").and_then(Value::as_u64).ok_or(format!("{at}.quantity is not an index"))?;
        let q = quantities.get(index as usize).ok_or(format!("{at}.quantity {index} is out of range"))?;
        if previous.is_some_and(|p| p >= index) {
            return Err(format!("{at} is not in quantity order"));
        }
        previous = Some(index);
        if c.get("sentence") != q.get("sentence") {
            return Err(format!("{at}.sentence is not the sentence of its quantity"));
        }
        for field in ["change", "basis"] {
            if c.get(field) != q.get(field) {
                return Err(format!("{at}.{field} differs from its quantity's"));
            }
        }
        mentioned(entities, c, "subject", &at)?;
        if c.get("place").is_some() {
            mentioned(entities, c, "place", &at)?;
        }
        if let Some(time) = c.get("time_text") {
            if !quantities.iter().any(|q| q.get("text") == Some(time)) {
                return Err(format!("{at}.time_text {time} is not the text of a quantity"));
            }
        }
    }
    Ok(())
}

fn array<'a>(obj: &'a serde_json::Map<String, Value>, name: &str) -> Result<&'a Vec<Value>, String> {
    obj.get(name).and_then(Value::as_array).ok_or(format!("{name} is not an array"))
}

/// No `null` anywhere outside `meta`: optional fields are left out, and serde_json writes a
/// non-finite float as `null`.
fn no_null(value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::Null => Err(format!("null at {path} (a missing value, or a number that is not finite)")),
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| no_null(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !(path.is_empty() && k.as_str() == "meta"))
            .try_for_each(|(k, v)| no_null(v, &format!("{path}.{k}"))),
        Value::Number(n) if n.as_f64().is_none_or(|f| !f.is_finite()) => Err(format!("{path} = {n} is not finite")),
        _ => Ok(()),
    }
}

/// `value` alone, or `low` and `high` together; every number finite.
fn values(q: &Value, at: &str) -> Result<(), String> {
    let number = |field: &str| match q.get(field) {
        None => Ok(None),
        Some(v) => v.as_f64().filter(|f| f.is_finite()).map(Some).ok_or(format!("{at}.{field} = {v} is not a number")),
    };
    let (value, low, high) = (number("value")?, number("low")?, number("high")?);
    if low.is_some() != high.is_some() {
        return Err(format!("{at} has only one end of a range"));
    }
    if value.is_some() && low.is_some() {
        return Err(format!("{at} has both a value and a range"));
    }
    Ok(())
}

/// Checks the offsets of a span-carrying item and returns its start.
fn span(text: &str, chars: &CharCounter, item: &Value, at: &str) -> Result<usize, String> {
    let offset = |field: &str| {
        item.get(field).and_then(Value::as_u64).map(|n| n as usize).ok_or(format!("{at}.{field} is not an offset"))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    if start >= end || end > text.len() {
        return Err(format!("{at}: {start}..{end} is empty or outside the text ({} bytes)", text.len()));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(format!("{at}: {start}..{end} cuts a character"));
    }
    let written = item.get("text").and_then(Value::as_str).ok_or(format!("{at}.text is missing"))?;
    if &text[start..end] != written {
        return Err(format!("{at}.text {written:?} is not the text at {start}..{end}: {:?}", &text[start..end]));
    }
    let (char_start, char_end) = (offset("char_start")?, offset("char_end")?);
    if char_start != chars.at(start) || char_end != chars.at(end) {
        return Err(format!(
            "{at}: characters {char_start}..{char_end} do not match bytes {start}..{end} (expected {}..{})",
            chars.at(start),
            chars.at(end)
        ));
    }
    Ok(start)
}

fn sentence(item: &Value, sentences: u64, at: &str) -> Result<(), String> {
    let index = item.get("sentence").and_then(Value::as_u64).ok_or(format!("{at}.sentence is not an index"))?;
    if index >= sentences {
        return Err(format!("{at}.sentence {index} but the document has {sentences} sentences"));
    }
    Ok(())
}

/// The claim's `field` (`subject` or `place`) names an entity written as `{field}_text`.
fn mentioned(entities: &[Value], claim: &Value, field: &str, at: &str) -> Result<(), String> {
    let id = claim.get(field).ok_or(format!("{at}.{field} is missing"))?;
    let written = claim.get(format!("{field}_text")).ok_or(format!("{at}.{field}_text is missing"))?;
    if !entities.iter().any(|e| e.get("id") == Some(id) && e.get("text") == Some(written)) {
        return Err(format!("{at}.{field} {id} written {written} is not an entity of the record"));
    }
    Ok(())
}

/// Character offsets computed the slow, obvious way (independent of `factex::text::CharIndex`).
struct CharCounter {
    /// For every byte offset that starts a character (and the end), the characters before it.
    before: Vec<usize>,
}

impl CharCounter {
    fn new(text: &str) -> CharCounter {
        let mut before = vec![usize::MAX; text.len() + 1];
        for (n, (byte, _)) in text.char_indices().enumerate() {
            before[byte] = n;
        }
        before[text.len()] = text.chars().count();
        CharCounter { before }
    }

    fn at(&self, byte: usize) -> usize {
        self.before[byte]
    }
}
