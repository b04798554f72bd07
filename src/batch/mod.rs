//! Running the pipeline over many documents: read ahead, extract in parallel, write in order.
//!
//! ```text
//!  reader thread              calling thread                      rayon pool
//!  Reader ──► bounded queue ──► cut a batch ──► decode + extract + encode (ordered collect)
//!                                    ▲                  │
//!                                    └── write, flush ◄─┘
//! ```
//!
//! A reader thread runs the [`Reader`](crate::source::Reader) ahead of the workers (cutting
//! JSONL streams into lines, decompressing; plain files are read by the workers) and hands
//! documents over through a queue bounded in bytes (see [`Limits`]). The calling thread cuts
//! the queue into batches — at most [`Limits::documents`] documents or [`Limits::bytes`] bytes,
//! and no longer than [`Limits::wait`] after the batch's first document arrived, so a slow
//! trickle of lines on standard input is still answered promptly — and the rayon pool decodes,
//! extracts and encodes each batch with an ordered `collect`. The calling thread then writes
//! the batch in order and flushes the output. While a batch is being processed the reader reads
//! the next one, so memory is bounded by about two batches, not by the corpus, and the output is
//! byte-identical whatever the number of threads.
//!
//! A document that cannot be read or decoded becomes an error record in its place and is
//! reported to the [`Observer`]; the run continues. Only a failing write ends a run early.

mod queue;

use std::io::{self, Write};
use std::time::Duration;

use rayon::prelude::*;

use crate::Extractor;
use crate::output::{self, ErrorInfo, ErrorRecord, FactsRecord, Format, Record, RecordWriter, Source};
use crate::source::{JsonlOptions, RawDocument, SourceError};

/// How big a batch may grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Documents per batch.
    pub documents: usize,
    /// Bytes of input per batch (a single larger document still makes a batch of its own). The
    /// reader thread reads ahead by at most this much more.
    pub bytes: usize,
    /// The longest a batch waits for more documents after its first one arrived.
    pub wait: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { documents: 1024, bytes: 8 << 20, wait: Duration::from_millis(20) }
    }
}

/// What a run did, for the summary and the exit code. `documents == written + failed`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents read (files, JSONL lines, and inputs that could not be read).
    pub documents: usize,
    /// Records with facts written.
    pub written: usize,
    /// Documents that failed (each also written as an error record).
    pub failed: usize,
    /// Bytes of input in the documents (after decompression, before decoding).
    pub bytes: u64,
    /// Entity mentions written.
    pub entities: usize,
    /// Quantities written.
    pub quantities: usize,
}

impl Summary {
    /// Entities and quantities written.
    pub fn facts(&self) -> usize {
        self.entities + self.quantities
    }

    fn add(&mut self, done: &Done) {
        self.documents += 1;
        self.bytes += done.bytes;
        match done.facts {
            Some((entities, quantities)) => {
                self.written += 1;
                self.entities += entities;
                self.quantities += quantities;
            }
            None => self.failed += 1,
        }
    }
}

/// Hears about a run as it goes. Every method is called on the calling thread, in input order.
pub trait Observer {
    /// A document failed: `kind` is its error record's `error.kind` (`json`, `io`, …) and
    /// `message` names the file (and line) and the reason.
    fn failed(&mut self, kind: &str, message: &str) {
        let _ = (kind, message);
    }

    /// A batch was written; `summary` counts everything written so far.
    fn progress(&mut self, summary: &Summary) {
        let _ = summary;
    }
}

/// An observer that ignores everything.
impl Observer for () {}

/// Runs many documents through one [`Extractor`] (see the module docs).
#[derive(Debug)]
pub struct Batch<'a> {
    extractor: &'a Extractor,
    jsonl: JsonlOptions,
    format: Format,
    limits: Limits,
}

/// The outcome of one document, encoded and ready to write.
struct Done {
    encoded: Vec<u8>,
    bytes: u64,
    facts: Option<(usize, usize)>,
    error: Option<(&'static str, String)>,
}

impl<'a> Batch<'a> {
    /// A batch runner writing JSON Lines with default JSONL fields and limits.
    pub fn new(extractor: &'a Extractor) -> Batch<'a> {
        Batch { extractor, jsonl: JsonlOptions::default(), format: Format::Jsonl, limits: Limits::default() }
    }

    /// Which fields of JSONL lines hold the text, the id and the kept fields.
    pub fn jsonl(mut self, options: JsonlOptions) -> Batch<'a> {
        self.jsonl = options;
        self
    }

    /// The output format (must match the writer's).
    pub fn format(mut self, format: Format) -> Batch<'a> {
        self.format = format;
        self
    }

    /// Batch sizes.
    pub fn limits(mut self, limits: Limits) -> Batch<'a> {
        self.limits = limits;
        self
    }

    /// Processes `documents` in order and writes one record per document, flushing after each
    /// batch. Returns early only when writing fails.
    pub fn run<I, W, O>(&self, documents: I, writer: &mut RecordWriter<W>, observer: &mut O) -> io::Result<Summary>
    where
        I: Iterator<Item = RawDocument> + Send,
        W: Write,
        O: Observer + ?Sized,
    {
        let mut summary = Summary::default();
        queue::read_ahead(documents, self.limits, |batch| {
            let done: Vec<Done> = batch.into_par_iter().map(|raw| self.process(raw)).collect();
            for d in &done {
                writer.write(&d.encoded)?;
                summary.add(d);
                if let Some((kind, message)) = &d.error {
                    observer.failed(kind, message);
                }
            }
            writer.flush()?;
            observer.progress(&summary);
            Ok(())
        })?;
        Ok(summary)
    }

    /// Decodes, extracts and encodes one document, or encodes why it failed.
    fn process(&self, raw: RawDocument) -> Done {
        let origin = raw.origin.clone();
        let len = raw.len() as u64;
        match raw.decode(&self.jsonl) {
            Ok(doc) => {
                let facts = self.extractor.extract(&doc);
                let counts = (facts.entities.len(), facts.quantities.len());
                let record = Record::Facts(FactsRecord::new(&doc, facts));
                Done {
                    encoded: output::encode(&record, self.format),
                    bytes: doc.bytes,
                    facts: Some(counts),
                    error: None,
                }
            }
            Err(error) => {
                // A plain file is read by the worker: if that failed, nothing was read.
                let len = if matches!(error, SourceError::NotFound { .. } | SourceError::Io { .. }) { 0 } else { len };
                let id = origin.fallback_id();
                let message = error.to_string();
                let encoded = output::encode(
                    &Record::Error(ErrorRecord {
                        schema: crate::SCHEMA,
                        id: &id,
                        source: Source { path: &origin.path, line: origin.line, bytes: len },
                        error: ErrorInfo { kind: error.kind(), message: message.as_str().into() },
                    }),
                    self.format,
                );
                Done { encoded, bytes: len, facts: None, error: Some((error.kind(), message)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{InputFormat, Origin};

    fn line(n: u64, text: &str) -> RawDocument {
        let origin = Origin { file_id: "f.jsonl".into(), path: "f.jsonl".into(), line: Some(n) };
        RawDocument::new(origin, InputFormat::Jsonl, Ok(text.as_bytes().to_vec()))
    }

    #[test]
    fn every_document_gets_one_record_in_order_and_is_counted() {
        let extractor = Extractor::new();
        let docs: Vec<RawDocument> = (1..=50)
            .map(|n| if n % 7 == 0 { line(n, "not json") } else { line(n, &format!(r#"{{"text":"{n} cars"}}"#)) })
            .collect();
        let limits = Limits { documents: 4, bytes: 64, wait: Duration::from_millis(1) };
        let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
        let mut failures = Vec::new();
        struct Collect<'a>(&'a mut Vec<String>);
        impl Observer for Collect<'_> {
            fn failed(&mut self, _kind: &str, message: &str) {
                self.0.push(message.to_owned());
            }
        }
        let summary = Batch::new(&extractor)
            .limits(limits)
            .run(docs.into_iter(), &mut writer, &mut Collect(&mut failures))
            .unwrap();
        let out = String::from_utf8(writer.finish().unwrap()).unwrap();
        let ids: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids, (1..=50).map(|n| format!("f.jsonl:{n}")).collect::<Vec<_>>());
        assert_eq!((summary.documents, summary.written, summary.failed), (50, 43, 7));
        assert_eq!(failures.len(), 7);
        assert!(failures[0].starts_with("f.jsonl:7: invalid JSON"), "{}", failures[0]);
    }
}
