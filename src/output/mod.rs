//! Stage 5: output — the `factex/1` records and the writers for JSON Lines and JSON.
//!
//! Records are encoded to bytes where they are produced (in the worker threads) and written in
//! input order by one [`RecordWriter`] with one buffered output.

mod jsonl;
mod record;
mod schema;

use std::io::{self, Write};

pub use record::{
    ClaimFact, EntityFact, ErrorInfo, ErrorRecord, Evidence, Facts, FactsRecord, QuantityFact, Record, SiFact, Source,
    Stats,
};
pub use schema::{ERROR_KINDS, json_schema};

/// How records are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// One compact JSON object per line.
    #[default]
    Jsonl,
    /// One pretty-printed JSON array of records.
    Json,
}

/// Encodes one record in `format`, ready for [`RecordWriter::write`].
pub fn encode(record: &Record, format: Format) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity(record));
    encode_into(&mut out, record, format);
    out
}

/// Appends one record encoded in `format` to `out`, which may hold records before it (see
/// [`RecordWriter::write_records`]). Nothing is reserved ahead: the caller gives `out` the room
/// it expects a record to take (the batch runner picks a block with [`capacity`] bytes left),
/// and `out` grows as a `Vec` does when a record is longer. Reserving the estimate [`encode`]
/// starts from moved whole blocks of records whenever that estimate, meant to err on the long
/// side, was larger than the room left for a record that fitted.
pub fn encode_into(out: &mut Vec<u8>, record: &Record, format: Format) {
    match format {
        Format::Jsonl => {
            jsonl::write_record(out, record);
            out.push(b'\n');
        }
        Format::Json => {
            let mut pretty = Vec::with_capacity(2048);
            serde_json::to_writer_pretty(&mut pretty, record).expect("records serialize");
            // Indent by one level to sit inside the array.
            out.extend_from_slice(b"  ");
            for &b in &pretty {
                out.push(b);
                if b == b'\n' {
                    out.extend_from_slice(b"  ");
                }
            }
        }
    }
}

/// The fields an entity takes from its gazetteer entry (`{"id":…,"name":…,"kind":…`, then
/// `wikidata` and `parents` when it has them) as the JSON Lines encoder writes them: encoded once
/// per entry and handed to the encoder in [`EntityFact::encoded_entry`].
pub(crate) fn encode_entry(id: &str, name: &str, kind: &str, wikidata: Option<&str>, parents: &[String]) -> String {
    let mut out = Vec::with_capacity(128);
    jsonl::entry(&mut out, id, name, kind, wikidata, parents);
    // The encoder writes UTF-8 strings whole and ASCII around them.
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// About the length of a record's JSON line, from what it holds (an entity is about 230 bytes,
/// a quantity 260, a claim 200): [`encode`] makes one allocation instead of a dozen
/// reallocations, and the batch runner picks a block with this much room for a record.
pub(crate) fn capacity(record: &Record) -> usize {
    match record {
        Record::Facts(r) => {
            let f = &r.facts;
            512 + 240 * f.entities.len() + 280 * f.quantities.len() + 220 * f.claims.len()
        }
        Record::Error(_) => 512,
    }
}

/// Writes encoded records in order, adding the array brackets for [`Format::Json`].
pub struct RecordWriter<W: Write> {
    out: W,
    format: Format,
    written: usize,
}

impl<W: Write> RecordWriter<W> {
    /// A writer over `out` (which should be buffered).
    pub fn new(out: W, format: Format) -> RecordWriter<W> {
        RecordWriter { out, format, written: 0 }
    }

    /// Writes one record encoded by [`encode`] with the same format.
    pub fn write(&mut self, encoded: &[u8]) -> io::Result<()> {
        if self.format == Format::Json {
            self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        }
        self.out.write_all(encoded)?;
        self.written += 1;
        Ok(())
    }

    /// Writes consecutive records encoded by [`encode_into`] with the same format into
    /// `encoded`, the record before each of `ends` ending there: JSON Lines with one write.
    pub fn write_records(&mut self, encoded: &[u8], ends: impl IntoIterator<Item = usize>) -> io::Result<()> {
        if self.format == Format::Jsonl {
            self.out.write_all(encoded)?;
            self.written += ends.into_iter().count();
            return Ok(());
        }
        let mut start = 0;
        for end in ends {
            self.write(&encoded[start..end])?;
            start = end;
        }
        Ok(())
    }

    /// Flushes what was written so far to the output (after each batch, so that a reader of the
    /// output — a distributed engine driving factex as a mapper — sees records as they come).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Number of records written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Closes the array (for JSON), flushes, and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_record() -> Record<'static> {
        Record::Error(ErrorRecord {
            schema: crate::SCHEMA,
            id: "a.txt",
            source: Source { path: "dir/a.txt", line: None, bytes: 0, encoding: None },
            error: ErrorInfo { kind: "io", message: "dir/a.txt: denied".into() },
        })
    }

    #[test]
    fn json_array_is_valid_for_zero_one_and_two_records() {
        for n in 0..3 {
            let mut w = RecordWriter::new(Vec::new(), Format::Json);
            for _ in 0..n {
                w.write(&encode(&error_record(), Format::Json)).unwrap();
            }
            let bytes = w.finish().unwrap();
            let parsed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(parsed.as_array().unwrap().len(), n);
        }
    }

    #[test]
    fn jsonl_is_one_line_per_record() {
        let line = encode(&error_record(), Format::Jsonl);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "{\"schema\":\"factex/1\",\"id\":\"a.txt\",\"source\":{\"path\":\"dir/a.txt\",\"bytes\":0},\"error\":{\"kind\":\"io\",\"message\":\"dir/a.txt: denied\"}}\n"
        );
    }
}
