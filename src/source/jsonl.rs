//! JSONL shards (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`, `.ndjson`; the CC-News, C4 and Dolma
//! layout): one JSON object per line, one document per line.
//!
//! [`Lines`] cuts a (decompressed) stream into lines as it is read, so a shard is never held
//! whole. Each line is parsed later, in a worker thread, by [`parse`]: the text is the string
//! in the text field (`--text-field`, default `text`); the id is the id field (`--id-field`,
//! default `id`; a string, or a number written as it is in the line), or `FILE:LINE` when the
//! line has none; the fields named by `--keep-field` are copied verbatim into [`Meta`] (`null`
//! when the line lacks one). Other fields are skipped without being built.
//!
//! A bad line — invalid JSON, not an object, no text field, a text that is not a string —
//! becomes an error naming the file and the line, and the next lines are still read. A read
//! error (a truncated or corrupt `.gz`/`.zst`) ends the file with an error at the first line
//! that could not be read; the lines before it have been processed.

use std::fmt;
use std::io::BufRead;
use std::path::PathBuf;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

use super::read::RawDocument;
use super::{Document, InputFormat, Origin, SourceError};

/// Which fields of a JSONL line hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlOptions {
    /// The field holding the text (must be a string).
    pub text_field: String,
    /// The field holding the id (a string or a number).
    pub id_field: String,
    /// Fields copied into the record's `meta`, in this order (no duplicates).
    pub keep_fields: Vec<String>,
}

impl Default for JsonlOptions {
    fn default() -> JsonlOptions {
        JsonlOptions { text_field: "text".into(), id_field: "id".into(), keep_fields: Vec::new() }
    }
}

/// Fields copied from a JSONL line (`--keep-field`), in the order asked for; serialized as a
/// JSON object with each value exactly as it was written in the line, `null` when missing.
#[derive(Debug, Clone, Default)]
pub struct Meta(pub Vec<(String, Option<Box<RawValue>>)>);

impl PartialEq for Meta {
    fn eq(&self, other: &Meta) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((ka, va), (kb, vb))| ka == kb && va.as_ref().map(|v| v.get()) == vb.as_ref().map(|v| v.get()))
    }
}

impl Eq for Meta {}

impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The lines of one JSONL stream, as raw documents.
pub(crate) struct Lines {
    reader: Box<dyn BufRead + Send>,
    origin: Origin,
    compressed: bool,
    line: u64,
    done: bool,
}

impl Lines {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, origin: Origin, compressed: bool) -> Lines {
        Lines { reader, origin, compressed, line: 0, done: false }
    }
}

impl Iterator for Lines {
    type Item = RawDocument;

    fn next(&mut self) -> Option<RawDocument> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        let result = self.reader.read_until(b'\n', &mut buf);
        self.line += 1;
        let origin = self.origin.at_line(self.line);
        let data = match result {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                if self.line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
                Ok(buf)
            }
            Err(source) => {
                self.done = true;
                let path = PathBuf::from(self.origin.path());
                Err(if self.compressed {
                    SourceError::Truncated { path, line: Some(self.line), source }
                } else {
                    SourceError::Io { path, source }
                })
            }
        };
        Some(RawDocument::new(origin, InputFormat::Jsonl, data))
    }
}

/// Parses one line into a document.
pub(crate) fn parse(origin: &Origin, line: Vec<u8>, options: &JsonlOptions) -> Result<Document, SourceError> {
    let path = || PathBuf::from(origin.path());
    let number = origin.line.unwrap_or(0);
    let json_error = |message: String| SourceError::Json { path: path(), line: number, message };
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(json_error("empty line, expected a JSON object".into()));
    }
    let mut de = serde_json::Deserializer::from_slice(&line);
    let fields = de.deserialize_map(LineVisitor { options }).and_then(|f| de.end().map(|()| f));
    let fields = fields.map_err(|e| json_error(without_position(&e)))?;

    let text = match fields.text {
        Some(Text::String(text)) => text,
        Some(Text::Other(found)) => {
            return Err(SourceError::FieldType {
                path: path(),
                line: number,
                field: options.text_field.clone(),
                found,
                expected: "a string",
            });
        }
        None => {
            return Err(SourceError::MissingField { path: path(), line: number, field: options.text_field.clone() });
        }
    };
    let id = match fields.id.as_deref().map(RawValue::get) {
        None | Some("null") => origin.fallback_id(),
        Some(raw) if raw.starts_with('"') => serde_json::from_str(raw).map_err(|e| json_error(without_position(&e)))?,
        Some(raw) if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => raw.to_owned(),
        Some(raw) => {
            return Err(SourceError::FieldType {
                path: path(),
                line: number,
                field: options.id_field.clone(),
                found: json_type(raw),
                expected: "a string or a number",
            });
        }
    };
    let meta =
        (!options.keep_fields.is_empty()).then(|| Meta(options.keep_fields.iter().cloned().zip(fields.keep).collect()));
    Ok(Document {
        id,
        path: origin.path().to_string(),
        line: origin.line,
        bytes: line.len() as u64,
        text,
        encoding: None,
        meta,
    })
}

/// serde_json's message without " at line 1 column N" (the line is the file's, not the JSON's).
fn without_position(e: &serde_json::Error) -> String {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    if e.column() > 0 { format!("{message} at column {}", e.column()) } else { message }
}

/// What a JSON value is, for messages.
fn json_type(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'"') => "a string",
        _ => "a number",
    }
}

/// The fields of a line that matter.
struct Fields {
    text: Option<Text>,
    id: Option<Box<RawValue>>,
    keep: Vec<Option<Box<RawValue>>>,
}

/// The value of the text field: a string, or the kind of value it was instead.
enum Text {
    String(String),
    Other(&'static str),
}

impl<'de> de::Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::String(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text, E> {
        Ok(Text::Other("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Text, E> {
        Ok(Text::Other("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Text, E> {
        Ok(Text::Other("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text, E> {
        Ok(Text::Other("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::Other("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text::Other("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text::Other("an object"))
    }
}

/// What a key is wanted for.
#[derive(Clone, Copy)]
struct Roles {
    text: bool,
    id: bool,
    keep: Option<usize>,
}

/// Reads a key and says what it is wanted for, without allocating.
struct KeySeed<'a> {
    options: &'a JsonlOptions,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Roles;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Roles, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Roles;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Roles, E> {
        let o = self.options;
        Ok(Roles {
            text: key == o.text_field,
            id: key == o.id_field,
            keep: o.keep_fields.iter().position(|k| k == key),
        })
    }
}

/// Reads the top-level object of a line.
struct LineVisitor<'a> {
    options: &'a JsonlOptions,
}

impl<'de> Visitor<'de> for LineVisitor<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields { text: None, id: None, keep: vec![None; self.options.keep_fields.len()] };
        while let Some(roles) = map.next_key_seed(KeySeed { options: self.options })? {
            match roles {
                Roles { text: false, id: false, keep: None } => {
                    map.next_value::<IgnoredAny>()?;
                }
                Roles { text: true, id: false, keep: None } => fields.text = Some(map.next_value()?),
                Roles { text, id, keep } => {
                    let raw: Box<RawValue> = map.next_value()?;
                    if text {
                        fields.text = Some(serde_json::from_str(raw.get()).map_err(de::Error::custom)?);
                    }
                    if id {
                        fields.id = Some(raw.clone());
                    }
                    if let Some(k) = keep {
                        fields.keep[k] = Some(raw);
                    }
                }
            }
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(line: u64) -> Origin {
        Origin::new("s.jsonl", "in/s.jsonl").at_line(line)
    }

    fn parse_with(line: &str, options: &JsonlOptions) -> Result<Document, SourceError> {
        parse(&origin(7), line.as_bytes().to_vec(), options)
    }

    fn parse_line(line: &str) -> Result<Document, SourceError> {
        parse_with(line, &JsonlOptions::default())
    }

    #[test]
    fn text_id_and_fallback_id() {
        let doc = parse_line(r#"{"id":"a1","x":[1,{"y":2}],"text":"Lexus \"sold\" 5 cars\n"}"#).unwrap();
        assert_eq!((doc.id.as_str(), doc.text.as_str()), ("a1", "Lexus \"sold\" 5 cars\n"));
        assert_eq!((doc.path.as_str(), doc.line, doc.meta), ("in/s.jsonl", Some(7), None));
        assert_eq!(parse_line(r#"{"text":"t"}"#).unwrap().id, "s.jsonl:7");
        assert_eq!(parse_line(r#"{"text":"t","id":null}"#).unwrap().id, "s.jsonl:7");
        assert_eq!(parse_line(r#"{"text":"t","id":-12.5}"#).unwrap().id, "-12.5");
    }

    #[test]
    fn chosen_fields_and_meta_in_the_order_asked() {
        let options = JsonlOptions {
            text_field: "body".into(),
            id_field: "url".into(),
            keep_fields: vec!["date".into(), "missing".into(), "url".into()],
        };
        let doc = parse_with(r#"{"url":"http://x/1","body":"b","date": {"y": 1987}}"#, &options).unwrap();
        assert_eq!(doc.id, "http://x/1");
        assert_eq!(
            serde_json::to_string(&doc.meta).unwrap(),
            r#"{"date":{"y": 1987},"missing":null,"url":"http://x/1"}"#
        );
    }

    #[test]
    fn bad_lines_name_file_line_and_reason() {
        let cases = [
            ("{\"text\": \"a\"", "json", "in/s.jsonl:7: invalid JSON: EOF while parsing an object at column 12"),
            ("[1]", "json", "in/s.jsonl:7: invalid JSON: invalid type: sequence, expected a JSON object"),
            ("  ", "json", "in/s.jsonl:7: invalid JSON: empty line, expected a JSON object"),
            ("{\"text\":\"a\"} x", "json", "in/s.jsonl:7: invalid JSON: trailing characters at column 14"),
            (
                "{\"id\":1}",
                "missing_field",
                "in/s.jsonl:7: no \"text\" field (choose the text field with --text-field)",
            ),
            ("{\"text\":5}", "field_type", "in/s.jsonl:7: field \"text\" is a number, expected a string"),
            ("{\"text\":{\"a\":[]}}", "field_type", "in/s.jsonl:7: field \"text\" is an object, expected a string"),
            (
                "{\"text\":\"a\",\"id\":[1]}",
                "field_type",
                "in/s.jsonl:7: field \"id\" is an array, expected a string or a number",
            ),
        ];
        for (line, kind, message) in cases {
            let err = parse_line(line).unwrap_err();
            assert_eq!((err.kind(), err.to_string().as_str()), (kind, message), "{line}");
        }
    }

    #[test]
    fn lines_strip_line_ends_and_a_bom() {
        let data = b"\xEF\xBB\xBF{\"text\":\"a\"}\r\n\n{\"text\":\"b\"}".to_vec();
        let lines = Lines::new(Box::new(std::io::Cursor::new(data)), origin(0), false);
        let got: Vec<(Option<u64>, Vec<u8>)> = lines.map(|d| (d.origin.line, d.into_bytes().unwrap())).collect();
        assert_eq!(
            got,
            [(Some(1), b"{\"text\":\"a\"}".to_vec()), (Some(2), b"".to_vec()), (Some(3), b"{\"text\":\"b\"}".to_vec())]
        );
    }
}
