//! Running the pipeline over many inputs: read, extract and encode in parallel, write in order.
//!
//! Inputs are processed in bounded batches: each batch is read, extracted and encoded by the
//! rayon pool (an ordered `collect`, so the batch keeps input order), then written by the calling
//! thread before the next batch starts. Memory is bounded by the batch, not by the corpus, and
//! the output is byte-identical whatever the number of threads.

use std::io::{self, Write};

use rayon::prelude::*;

use crate::output::{self, ErrorInfo, ErrorRecord, FactsRecord, Format, Record, RecordWriter, Source};
use crate::source::{Input, SourceError};
use crate::{Extractor, SCHEMA};

/// Inputs per batch.
pub const BATCH_SIZE: usize = 256;

/// What a run did, for the summary and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs seen.
    pub documents: usize,
    /// Records with facts written.
    pub written: usize,
    /// Inputs that failed (each also written as an error record).
    pub failed: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Entity mentions written.
    pub entities: usize,
    /// Quantities written.
    pub quantities: usize,
}

/// The outcome of one input, encoded and ready to write.
struct Done {
    encoded: Vec<u8>,
    bytes: u64,
    facts: Option<(usize, usize)>,
    error: Option<String>,
}

/// Processes `inputs` in order and writes one record per input. `report` receives the message
/// of every failed input, in input order. Returns early only when writing fails.
pub fn run<W: Write>(
    inputs: Vec<Result<Input, SourceError>>,
    extractor: &Extractor,
    writer: &mut RecordWriter<W>,
    format: Format,
    mut report: impl FnMut(&str),
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for batch in inputs.chunks(BATCH_SIZE) {
        let done: Vec<Done> = batch.par_iter().map(|input| process(input, extractor, format)).collect();
        for d in done {
            writer.write(&d.encoded)?;
            summary.documents += 1;
            summary.bytes += d.bytes;
            if let Some((entities, quantities)) = d.facts {
                summary.written += 1;
                summary.entities += entities;
                summary.quantities += quantities;
            }
            if let Some(message) = &d.error {
                summary.failed += 1;
                report(message);
            }
        }
    }
    Ok(summary)
}

fn process(input: &Result<Input, SourceError>, extractor: &Extractor, format: Format) -> Done {
    let read_error;
    let (id, error) = match input {
        Ok(input) => match input.read() {
            Ok(doc) => return extract(&doc, extractor, format),
            Err(e) => {
                read_error = e;
                (input.id.clone(), &read_error)
            }
        },
        Err(e) => (crate::source::display(e.path()), e),
    };
    let path = crate::source::display(error.path());
    let message = error.to_string();
    let record = Record::Error(ErrorRecord {
        schema: SCHEMA,
        id: &id,
        source: Source { path: &path, bytes: 0 },
        error: ErrorInfo { kind: error.kind(), message: message.as_str().into() },
    });
    Done { encoded: output::encode(&record, format), bytes: 0, facts: None, error: Some(message) }
}

fn extract(doc: &crate::Document, extractor: &Extractor, format: Format) -> Done {
    let facts = extractor.extract(doc);
    let counts = (facts.entities.len(), facts.quantities.len());
    let record = Record::Facts(FactsRecord {
        schema: SCHEMA,
        id: &doc.id,
        source: Source { path: &doc.path, bytes: doc.bytes },
        facts,
    });
    Done { encoded: output::encode(&record, format), bytes: doc.bytes, facts: Some(counts), error: None }
}
