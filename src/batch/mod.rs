//! Running the pipeline over many documents: read ahead, extract in parallel, write in order.
//!
//! ```text
//!  reader thread              calling thread                        rayon pool (FIFO)
//!  Reader ──► bounded queue ──► cut batch n into pieces ──► decode + extract + encode each
//!                               write batch n-1 ◄── the last piece done sends its batch
//! ```
//!
//! A reader thread runs the [`Reader`](crate::source::Reader) ahead of the workers (cutting
//! JSONL streams into lines, decompressing; plain files are read by the workers) and hands
//! documents over through a queue bounded in bytes (see [`Limits`]). The calling thread cuts
//! the queue into batches — at most [`Limits::documents`] documents or [`Limits::bytes`] bytes,
//! and no longer than [`Limits::wait`] after the batch's first document arrived, so a slow
//! trickle of lines on standard input is still answered promptly — and each batch into pieces
//! of a few consecutive documents, each a job of its own for the rayon pool, queued first in,
//! first out: a worker decodes, extracts and encodes a piece's documents into its own buffer,
//! and the piece that finishes a batch hands the batch back in order. Two batches are in the
//! pool at once: a batch is handed over as soon as it is cut, and the calling thread then waits
//! for the one before it, writes it and flushes the output — so the workers never wait for the
//! disk, and a worker done with the pieces of one batch takes the next one's instead of waiting
//! for the last long document of the first (on the benchmark folder a single document could
//! hold one core for 9 ms). Pieces are jobs of their own, not halves of a parallel iterator,
//! so that a batch is done as soon as its own documents are: with rayon's `join`, a worker
//! waiting for the other half of one batch took up work of the next, and the first batch was
//! done only once that was too, so both batches ended together and the pool then sat idle
//! while the calling thread wrote (a tenth of the run on two cores, see
//! docs/performance-log.md). A batch cut by the wait rather than by its size is written as
//! soon as it is done, and so is everything when the input stalls. Meanwhile the reader reads
//! ahead; a batch's bytes are given back to it once written, so memory is bounded by about
//! four batches, not by the corpus, and the output is byte-identical whatever the number of
//! threads.
//!
//! [`Batch::run_here`] does all of this on the calling thread alone, one document after the
//! other: for a process that is given one core.
//!
//! A document that cannot be read or decoded becomes an error record in its place and is
//! reported to the [`Observer`]; the run continues. So does a document whose processing panics
//! (a bug): the panic is caught around that document alone and becomes an error record of kind
//! `panic` with its message (see [`quiet_document_panics`]). Only a failing write, or a panic
//! in the reader thread, ends a run early; neither waits for the reader thread, which may be
//! blocked on an input that never ends (standard input).

mod panic;
mod queue;

use std::io::{self, Write};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError, TryLockError};
use std::time::Duration;

pub use queue::ReadAhead;
use queue::Step;

use crate::output::{self, ErrorInfo, ErrorRecord, FactsRecord, Format, Record, RecordWriter, Source};
use crate::source::{JsonlOptions, Origin, RawDocument, SourceError};
use crate::{Document, Extractor, Facts, Scratch};

pub use panic::quiet_document_panics;

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

impl Limits {
    /// The documents of a batch by default.
    pub const DOCUMENTS: usize = 1024;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { documents: Limits::DOCUMENTS, bytes: 8 << 20, wait: Duration::from_millis(20) }
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

    /// A document was processed with a warning: `message` names the file and says what was
    /// done (a text decoded from an encoding other than UTF-8).
    fn warned(&mut self, message: &str) {
        let _ = message;
    }

    /// A batch was written; `summary` counts everything written so far.
    fn progress(&mut self, summary: &Summary) {
        let _ = summary;
    }
}

/// An observer that ignores everything.
impl Observer for () {}

/// The per-document extraction a batch runs: [`Extractor::extract_with`], unless a test replaces
/// it.
#[doc(hidden)]
pub type ExtractFn = for<'d> fn(&'d Extractor, &'d Document, &mut Scratch) -> Facts<'d>;

/// Runs many documents through one [`Extractor`] (see the module docs).
#[derive(Debug)]
pub struct Batch<'a> {
    extractor: &'a Extractor,
    jsonl: JsonlOptions,
    format: Format,
    limits: Limits,
    extract: ExtractFn,
}

/// The next batch the pool finished. Blocks, except on a thread of the pool itself (a caller
/// running [`Batch::run`] inside `ThreadPool::install`), which runs the pool's jobs meanwhile:
/// blocking it could leave no thread to finish the batch.
fn next_finished(finished: &std::sync::mpsc::Receiver<(u64, Vec<Chunk>)>) -> (u64, Vec<Chunk>) {
    loop {
        match finished.try_recv() {
            Ok(batch) => return batch,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => unreachable!("the run holds a sender"),
            Err(std::sync::mpsc::TryRecvError::Empty) => match rayon::yield_now() {
                Some(rayon::Yield::Executed) => {}
                Some(rayon::Yield::Idle) => std::thread::yield_now(),
                None => return finished.recv().expect("a spawned batch always sends its result"),
            },
        }
    }
}

/// The batches of a run that were handed to the pool and not written yet.
#[derive(Default)]
struct Flight {
    /// Batches written so far (batch numbers count from 0; the next one spawned is
    /// `written + costs.len()`).
    written: u64,
    /// Finished batches waiting for an earlier one to be written, by number.
    ready: std::collections::BTreeMap<u64, Vec<Chunk>>,
    /// The cost of each batch not written yet, oldest first.
    costs: std::collections::VecDeque<usize>,
}

/// The records of a piece of a batch (see [`pieces`]), encoded one after the other into blocks.
#[derive(Default)]
struct Chunk {
    blocks: Vec<Block>,
}

impl Chunk {
    /// The block the next record goes into: the last one, without what a record that did not
    /// end left behind (a panic while encoding), or a new one when that has less than `room`
    /// bytes left.
    fn block_for(&mut self, room: usize, blocks: &Blocks) -> &mut Block {
        if let Some(block) = self.blocks.last_mut() {
            block.encoded.truncate(block.done.last().map_or(0, |d| d.end));
        }
        if self.blocks.last().is_none_or(|b| b.encoded.capacity() - b.encoded.len() < room) {
            self.blocks.push(Block { encoded: blocks.take(room), done: Vec::with_capacity(BLOCK / 2048) });
        }
        self.blocks.last_mut().expect("a block was just made")
    }
}

/// What a worker keeps from one document to the next, so that their buffers are allocated once
/// for the run rather than for every document: the extractor's [`Scratch`], and the last
/// document's text, which the next plain file is read into.
#[derive(Default)]
struct Worker {
    scratch: Scratch,
    text: Vec<u8>,
}

/// The [`Worker`]s of a run, one for each thread of the pool, so that each thread's buffers
/// are allocated once for the run.
struct Workers(Vec<Mutex<Worker>>);

impl Workers {
    /// One for each thread of the pool the run's jobs go to (the caller's, or the global one).
    fn for_pool() -> Workers {
        Workers(std::iter::repeat_with(Mutex::default).take(rayon::current_num_threads().max(1)).collect())
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// Runs `f` with the calling thread's worker (on a thread of the pool, whose worker no other
    /// thread takes), or with a new one should the thread's be in use already: by a job further
    /// down the thread's own stack, which a rayon call waiting inside it let the thread take up.
    fn with_mine<R>(&self, f: impl FnOnce(&mut Worker) -> R) -> R {
        let i = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        match self.0[i].try_lock() {
            Ok(mut worker) => f(&mut worker),
            Err(TryLockError::Poisoned(poisoned)) => f(&mut poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => f(&mut Worker::default()),
        }
    }
}

/// The most documents of a batch's piece, a job of its own for one worker (news articles take
/// a fraction of a millisecond each, so pieces of 16 still balance the workers); see [`pieces`].
const PIECE: usize = 16;

/// The most bytes of input in a piece of several documents.
const PIECE_BYTES: usize = 128 << 10;

/// Cuts a batch into pieces of consecutive documents: at most [`PIECE`] documents or
/// [`PIECE_BYTES`] bytes, and of at most a `threads`-th of the batch, so that a small batch (a
/// trickle of lines) is still shared by every thread.
fn pieces(documents: Vec<RawDocument>, threads: usize) -> Vec<Vec<RawDocument>> {
    let most = documents.len().div_ceil(threads.max(1)).clamp(1, PIECE);
    let mut pieces = Vec::with_capacity(documents.len().div_ceil(most));
    let mut piece = Vec::with_capacity(most);
    let mut bytes = 0;
    for doc in documents {
        bytes += doc.len();
        piece.push(doc);
        if piece.len() == most || bytes >= PIECE_BYTES {
            pieces.push(std::mem::replace(&mut piece, Vec::with_capacity(most)));
            bytes = 0;
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// A batch whose pieces are being processed, each by a job of its own: each job puts its
/// chunk in its place, and the one that finishes last sends the batch to be written.
struct BatchInFlight {
    seq: u64,
    /// Each piece's chunk, and how many pieces are not done yet.
    chunks: Mutex<(Vec<Chunk>, usize)>,
    finished: Sender<(u64, Vec<Chunk>)>,
}

impl BatchInFlight {
    fn new(seq: u64, pieces: usize, finished: Sender<(u64, Vec<Chunk>)>) -> BatchInFlight {
        let chunks = (0..pieces).map(|_| Chunk::default()).collect();
        BatchInFlight { seq, chunks: Mutex::new((chunks, pieces)), finished }
    }

    /// Piece `i` is done with `chunk`.
    fn piece_done(&self, i: usize, chunk: Chunk) {
        let mut guard = self.chunks.lock().unwrap_or_else(PoisonError::into_inner);
        let (chunks, left) = &mut *guard;
        chunks[i] = chunk;
        *left -= 1;
        if *left == 0 {
            // The receiver is gone only when the run already failed.
            let _ = self.finished.send((self.seq, std::mem::take(chunks)));
        }
    }
}

/// The room an error record is given in a block (they are a few hundred bytes long).
const ERROR_ROOM: usize = 1024;

/// Records encoded one after the other into one buffer, written with one call (no copy into the
/// output's buffer), the buffer then given back to the [`Blocks`] to be filled again: the
/// records of a run take a few dozen allocations, not one each.
struct Block {
    encoded: Vec<u8>,
    done: Vec<Done>,
}

/// The room a block is made with: about twenty news articles' records, about what a piece of
/// [`PIECE`] documents makes. Every piece starts a block of its own, and the written blocks are
/// kept for reuse, so what a piece leaves unused stays resident: with 256 KiB blocks the pool
/// came to about 60 buffers and peak RSS grew with the length of the run (35 MB for the
/// benchmark folder, 64 MB for it ten times); with 64 KiB, 29 and 34 MB. The output's buffer is
/// smaller than a block, so full blocks are written without a copy into it.
const BLOCK: usize = 64 << 10;

/// The buffers of written blocks, for the next blocks to reuse.
#[derive(Default)]
struct Blocks(std::sync::Mutex<Vec<Vec<u8>>>);

impl Blocks {
    /// An empty buffer with room for at least `room` bytes.
    fn take(&self, room: usize) -> Vec<u8> {
        let mut buffer = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop().unwrap_or_default();
        buffer.reserve(room.max(BLOCK));
        buffer
    }

    /// Keeps `buffer` for reuse, unless a giant document made it much larger than a block.
    fn give(&self, mut buffer: Vec<u8>) {
        if buffer.capacity() <= 4 * BLOCK {
            buffer.clear();
            self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(buffer);
        }
    }
}

/// The outcome of one document, its record encoded into a [`Block`].
struct Done {
    /// Where its record ends in the block (it starts where the one before ends).
    end: usize,
    bytes: u64,
    facts: Option<(usize, usize)>,
    error: Option<(&'static str, String)>,
    warning: Option<String>,
}

impl<'a> Batch<'a> {
    /// A batch runner writing JSON Lines with default JSONL fields and limits.
    pub fn new(extractor: &'a Extractor) -> Batch<'a> {
        Batch {
            extractor,
            jsonl: JsonlOptions::default(),
            format: Format::Jsonl,
            limits: Limits::default(),
            extract: Extractor::extract_with,
        }
    }

    /// Test seam: runs `extract` instead of [`Extractor::extract_with`] on each document, so that a
    /// test can make one document panic and check that the others are still written.
    #[doc(hidden)]
    pub fn extract_with(mut self, extract: ExtractFn) -> Batch<'a> {
        self.extract = extract;
        self
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
    /// batch. Returns early only when writing fails or the reader thread panics; then it does
    /// not wait for the reader thread, which is left to end on its own (it stops before its next
    /// document).
    pub fn run<I, W, O>(&self, documents: I, writer: &mut RecordWriter<W>, observer: &mut O) -> io::Result<Summary>
    where
        I: Iterator<Item = RawDocument> + Send + 'static,
        W: Write,
        O: Observer + ?Sized,
    {
        self.run_reading(ReadAhead::start(documents, self.limits)?, writer, observer)
    }

    /// As [`run`](Self::run), on documents whose reader was started before (see
    /// [`ReadAhead::start`]: with the extractor still being built, it finds the first files
    /// meanwhile); the batches are cut by the limits given there.
    pub fn run_reading<W, O>(
        &self,
        reading: ReadAhead,
        writer: &mut RecordWriter<W>,
        observer: &mut O,
    ) -> io::Result<Summary>
    where
        W: Write,
        O: Observer + ?Sized,
    {
        let mut summary = Summary::default();
        // Up to two batches are processed at once: while the last documents of one are still
        // being worked on, the idle workers already take the next one's, so that a long
        // document at the end of a batch does not leave a core waiting. Batches are written in
        // order as they finish, while the pool works on; a batch cut by the wait (a trickle of
        // input) is written as soon as it is done, and so is everything when the input stalls.
        let (finished_tx, finished) = std::sync::mpsc::channel::<(u64, Vec<Chunk>)>();
        let mut flight = Flight::default();
        let blocks = &Blocks::default();
        let workers = &Workers::for_pool();
        let result = rayon::in_place_scope_fifo(|scope| {
            let mut write_until = |flight: &mut Flight, keep: usize, summary: &mut Summary| -> io::Result<usize> {
                let mut released = 0;
                while flight.costs.len() > keep {
                    let next = flight.written;
                    let done = loop {
                        if let Some(done) = flight.ready.remove(&next) {
                            break done;
                        }
                        let (seq, done) = next_finished(&finished);
                        flight.ready.insert(seq, done);
                    };
                    Self::write(done.into_iter().flat_map(|c| c.blocks), writer, summary, observer, blocks)?;
                    released += flight.costs.pop_front().expect("one cost per batch in flight");
                    flight.written += 1;
                }
                Ok(released)
            };
            reading.each(|step| match step {
                Step::Idle => write_until(&mut flight, 0, &mut summary),
                Step::Batch { documents, full, spent } => {
                    let seq = flight.written + flight.costs.len() as u64;
                    let pieces = pieces(documents, workers.len());
                    let batch = Arc::new(BatchInFlight::new(seq, pieces.len(), finished_tx.clone()));
                    for (i, piece) in pieces.into_iter().enumerate() {
                        let batch = batch.clone();
                        scope.spawn_fifo(move |_| {
                            let mut chunk = Chunk::default();
                            workers.with_mine(|worker| {
                                for raw in piece {
                                    self.process(raw, &mut chunk, worker, blocks);
                                }
                            });
                            batch.piece_done(i, chunk);
                        });
                    }
                    flight.costs.push_back(spent);
                    write_until(&mut flight, if full { 1 } else { 0 }, &mut summary)
                }
            })?;
            write_until(&mut flight, 0, &mut summary).map(drop)
        });
        result.map(|()| summary)
    }

    /// As [`run`](Self::run), on the calling thread alone, with no reader thread and no pool:
    /// each document is read, processed and encoded before the next is read, and the records
    /// are written a block (a few dozen documents) at a time — for a process given one core,
    /// where handing documents from thread to thread would only cost time. The output is the
    /// same. Records wait for their block to fill, so this is not for a trickle of input waiting
    /// for its answers (a mapper's standard input), which `run` answers whenever it stalls.
    pub fn run_here<I, W, O>(&self, documents: I, writer: &mut RecordWriter<W>, observer: &mut O) -> io::Result<Summary>
    where
        I: IntoIterator<Item = RawDocument>,
        W: Write,
        O: Observer + ?Sized,
    {
        let mut summary = Summary::default();
        let blocks = &Blocks::default();
        let mut worker = Worker::default();
        let mut chunk = Chunk::default();
        for raw in documents {
            self.process(raw, &mut chunk, &mut worker, blocks);
            // A new block was started: the ones before it are full.
            let full = chunk.blocks.len() - 1;
            Self::write(chunk.blocks.drain(..full), writer, &mut summary, observer, blocks)?;
        }
        Self::write(chunk.blocks, writer, &mut summary, observer, blocks)?;
        Ok(summary)
    }

    /// Writes blocks of processed documents in order, counts them, tells the observer and
    /// flushes the output (unless there was nothing to write).
    fn write<W: Write, O: Observer + ?Sized>(
        written: impl IntoIterator<Item = Block>,
        writer: &mut RecordWriter<W>,
        summary: &mut Summary,
        observer: &mut O,
        blocks: &Blocks,
    ) -> io::Result<()> {
        let mut written = written.into_iter().peekable();
        if written.peek().is_none() {
            return Ok(());
        }
        for block in written {
            writer.write_records(&block.encoded, block.done.iter().map(|d| d.end))?;
            for d in &block.done {
                summary.add(d);
                if let Some((kind, message)) = &d.error {
                    observer.failed(kind, message);
                }
                if let Some(message) = &d.warning {
                    observer.warned(message);
                }
            }
            blocks.give(block.encoded);
        }
        writer.flush()?;
        observer.progress(summary);
        Ok(())
    }

    /// Decodes, extracts and encodes one document into the last block of `chunk` (or a new one
    /// when its record may not fit), or encodes why it failed or panicked.
    fn process(&self, raw: RawDocument, chunk: &mut Chunk, worker: &mut Worker, blocks: &Blocks) {
        let origin = raw.origin.clone();
        let len = raw.len() as u64;
        let (done, block) = match panic::catch(|| self.process_document(raw, chunk, worker, blocks)) {
            Ok(Ok(done)) => (done, chunk.blocks.last_mut().expect("the record was encoded into a block")),
            Ok(Err(error)) => {
                // A plain file is read by the worker: if that failed, nothing was read.
                let nothing_read = matches!(
                    error,
                    SourceError::NotFound { .. }
                        | SourceError::Io { .. }
                        | SourceError::Vanished { .. }
                        | SourceError::DanglingLink { .. }
                );
                let block = chunk.block_for(ERROR_ROOM, blocks);
                let done =
                    self.failure(&origin, if nothing_read { 0 } else { len }, error.kind(), error.to_string(), block);
                (done, block)
            }
            Err(panic) => {
                let at = match origin.line {
                    Some(line) => format!("{}:{line}", origin.path()),
                    None => origin.path().to_string(),
                };
                let message = format!("{at}: panicked (a bug in factex, please report it): {panic}");
                let block = chunk.block_for(ERROR_ROOM, blocks);
                let done = self.failure(&origin, len, PANIC, message, block);
                (done, block)
            }
        };
        block.done.push(done);
    }

    /// Decodes and extracts one document, and encodes its record into a block of `chunk` with
    /// room for it: chosen once the facts are known, by the length the encoder expects, so
    /// that encoding never has to grow (and copy) a block.
    fn process_document(
        &self,
        raw: RawDocument,
        chunk: &mut Chunk,
        worker: &mut Worker,
        blocks: &Blocks,
    ) -> Result<Done, SourceError> {
        let doc = raw.decode_in(&self.jsonl, &mut worker.text)?;
        let facts = (self.extract)(self.extractor, &doc, &mut worker.scratch);
        let counts = (facts.entities.len(), facts.quantities.len());
        let record = Record::Facts(FactsRecord::new(&doc, facts));
        let warning = doc.encoding.map(|encoding| {
            format!("{}: not UTF-8, decoded as {encoding} (offsets are into the decoded text)", doc.path)
        });
        let encoded = &mut chunk.block_for(output::capacity(&record), blocks).encoded;
        output::encode_into(encoded, &record, self.format);
        if let Record::Facts(record) = record {
            worker.scratch.recycle(record.facts);
        }
        let done = Done { end: encoded.len(), bytes: doc.bytes, facts: Some(counts), error: None, warning };
        worker.text = doc.text.into_bytes();
        Ok(done)
    }

    /// Encodes the error record of a document that failed into `block`.
    fn failure(&self, origin: &Origin, bytes: u64, kind: &'static str, message: String, block: &mut Block) -> Done {
        let id = origin.fallback_id();
        output::encode_into(
            &mut block.encoded,
            &Record::Error(ErrorRecord {
                schema: crate::SCHEMA,
                id: &id,
                source: Source { path: origin.path(), line: origin.line, bytes, encoding: None },
                error: ErrorInfo { kind, message: message.as_str().into() },
            }),
            self.format,
        );
        Done { end: block.encoded.len(), bytes, facts: None, error: Some((kind, message)), warning: None }
    }
}

/// `error.kind` of a document whose processing panicked.
pub const PANIC: &str = "panic";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{InputFormat, Origin};

    fn line(n: u64, text: &str) -> RawDocument {
        let origin = Origin::new("f.jsonl", "f.jsonl").at_line(n);
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

    #[test]
    fn a_batch_is_cut_into_pieces_of_consecutive_documents_shared_by_the_threads() {
        let sizes = |lens: &[usize], threads| -> Vec<Vec<u64>> {
            let docs = lens.iter().zip(1..).map(|(&len, n)| line(n, &"x".repeat(len))).collect();
            pieces(docs, threads).iter().map(|p| p.iter().map(|d| d.origin.line.unwrap()).collect()).collect()
        };
        // Pieces of PIECE documents, the last one shorter.
        let many = sizes(&[10; 40], 2);
        assert_eq!(many.iter().map(Vec::len).collect::<Vec<_>>(), [PIECE, PIECE, 40 - 2 * PIECE]);
        assert_eq!(many.concat(), (1..=40).collect::<Vec<u64>>());
        // A small batch is shared by the threads.
        assert_eq!(sizes(&[10; 5], 2), [vec![1, 2, 3], vec![4, 5]]);
        assert_eq!(sizes(&[10; 3], 8), [vec![1], vec![2], vec![3]]);
        // A piece ends once it holds PIECE_BYTES; a larger document makes a piece of its own.
        let big = PIECE_BYTES / 2;
        assert_eq!(sizes(&[big, 10, big, big + PIECE_BYTES, 10], 1), [vec![1, 2, 3], vec![4], vec![5]]);
        assert!(pieces(Vec::new(), 2).is_empty());
    }

    /// What `run` returns, run on a thread of its own: a run that waits for itself fails the
    /// test after `seconds` instead of hanging it.
    fn in_time<T: Send + 'static>(seconds: u64, run: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(run());
        });
        rx.recv_timeout(Duration::from_secs(seconds)).expect("the run ended")
    }

    #[test]
    fn a_run_inside_a_pool_of_one_thread_does_not_wait_for_itself() {
        // Two batches in flight and the only worker running the batches' caller: it must work
        // on them while it waits, not block.
        let (written, bytes) = in_time(30, || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
            let extractor = Extractor::new();
            let docs: Vec<RawDocument> = (1..=40).map(|n| line(n, &format!(r#"{{"text":"{n} cars"}}"#))).collect();
            let limits = Limits { documents: 3, bytes: 1 << 20, wait: Duration::from_millis(50) };
            let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
            let summary =
                pool.install(|| Batch::new(&extractor).limits(limits).run(docs.into_iter(), &mut writer, &mut ()));
            (summary.unwrap().written, writer.finish().unwrap().len())
        });
        assert_eq!(written, 40);
        assert!(bytes > 0);
    }

    /// Extraction that first makes a rayon call of its own: a `join` whose second half, if the
    /// other thread steals it, takes longer than the first, so that the worker waits for it and
    /// may meanwhile take up another piece while its own `Worker` is in use.
    fn nested<'d>(extractor: &'d Extractor, doc: &'d Document, scratch: &mut Scratch) -> Facts<'d> {
        let nap = |ms| std::thread::sleep(Duration::from_millis(ms));
        rayon::join(|| nap(1), || nap(2));
        extractor.extract_with(doc, scratch)
    }

    #[test]
    fn a_thread_whose_worker_is_in_use_gets_a_new_one() {
        let workers = Workers(vec![Mutex::default()]);
        workers.with_mine(|outer| {
            outer.text.push(b'x');
            workers.with_mine(|inner| assert!(inner.text.is_empty()));
        });
        workers.with_mine(|again| assert_eq!(again.text, b"x"));
    }

    #[test]
    fn a_rayon_call_inside_an_extraction_neither_blocks_nor_changes_the_output() {
        let (nested, plain) = in_time(60, || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
            let extractor = Extractor::new();
            let docs = || (1..=200).map(|n| line(n, &format!(r#"{{"text":"{n} cars in 2024"}}"#)));
            let limits = Limits { documents: 64, bytes: 1 << 20, wait: Duration::from_millis(50) };
            let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
            let batch = Batch::new(&extractor).limits(limits).extract_with(nested);
            pool.install(|| batch.run(docs(), &mut writer, &mut ())).unwrap();
            let mut here = RecordWriter::new(Vec::new(), Format::Jsonl);
            Batch::new(&extractor).run_here(docs(), &mut here, &mut ()).unwrap();
            (writer.finish().unwrap(), here.finish().unwrap())
        });
        assert_eq!(nested.iter().filter(|&&b| b == b'\n').count(), 200);
        assert!(nested == plain);
    }

    /// Extraction that panics on documents saying "boom".
    fn boom<'d>(extractor: &'d Extractor, doc: &'d Document, scratch: &mut Scratch) -> Facts<'d> {
        assert!(!doc.text.contains("boom"), "boom in {}", doc.id);
        extractor.extract_with(doc, scratch)
    }

    #[test]
    fn a_record_goes_after_the_last_whole_one_into_a_block_with_room_for_it() {
        let blocks = Blocks::default();
        let mut chunk = Chunk::default();
        let done = |end| Done { end, bytes: 0, facts: None, error: None, warning: None };
        let block = chunk.block_for(100, &blocks);
        block.encoded.extend_from_slice(b"{\"a\":1}\n");
        block.done.push(done(8));
        // Part of a record left by a panic while encoding is cut off.
        block.encoded.extend_from_slice(b"{\"b\":");
        assert_eq!(chunk.block_for(100, &blocks).encoded, b"{\"a\":1}\n");
        assert_eq!(chunk.blocks.len(), 1);
        // A record that may not fit in what is left goes into a new block.
        let room = chunk.blocks[0].encoded.capacity() - 8 + 1;
        assert!(chunk.block_for(room, &blocks).encoded.is_empty());
        assert_eq!(chunk.blocks.len(), 2);
    }

    #[test]
    fn a_panic_is_the_error_record_of_its_document_and_the_batch_goes_on() {
        quiet_document_panics();
        let extractor = Extractor::new();
        let docs: Vec<RawDocument> = (1..=30)
            .map(|n| {
                let text = if n % 10 == 3 { "boom".to_owned() } else { format!("{n} cars") };
                line(n, &serde_json::json!({ "id": format!("d{n}"), "text": text }).to_string())
            })
            .collect();
        let limits = Limits { documents: 4, bytes: 1 << 20, wait: Duration::from_millis(1) };
        let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
        let summary = Batch::new(&extractor)
            .limits(limits)
            .extract_with(boom)
            .run(docs.into_iter(), &mut writer, &mut ())
            .unwrap();
        assert_eq!((summary.documents, summary.written, summary.failed), (30, 27, 3));
        let out = String::from_utf8(writer.finish().unwrap()).unwrap();
        // The same on the calling thread alone.
        let mut here = RecordWriter::new(Vec::new(), Format::Jsonl);
        let docs = (1..=30).map(|n| {
            let text = if n % 10 == 3 { "boom".to_owned() } else { format!("{n} cars") };
            line(n, &serde_json::json!({ "id": format!("d{n}"), "text": text }).to_string())
        });
        let alone = Batch::new(&extractor).extract_with(boom).run_here(docs, &mut here, &mut ()).unwrap();
        assert_eq!(alone, summary);
        assert!(here.finish().unwrap() == out.as_bytes(), "run_here writes what run writes");
        let records: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(records.len(), 30);
        for (n, r) in (1..).zip(&records) {
            if n % 10 == 3 {
                assert_eq!(r["id"], format!("f.jsonl:{n}"));
                assert_eq!(r["error"]["kind"], "panic");
                let message = r["error"]["message"].as_str().unwrap();
                let expected =
                    format!("f.jsonl:{n}: panicked (a bug in factex, please report it): boom in d{n} (at src/");
                assert!(message.starts_with(&expected), "{message}");
            } else {
                assert_eq!(r["id"], format!("d{n}"));
                assert_eq!(r["quantities"][0]["value"], n);
            }
        }
    }

    /// A writer that hands every write to a channel.
    struct Forward(std::sync::mpsc::Sender<Vec<u8>>);

    impl Write for Forward {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let _ = self.0.send(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_batch_is_written_when_the_input_stalls() {
        // Two documents fill a batch, which waits to be written while the next is processed;
        // then the input never ends nor sends more. The two records must still come out.
        let docs = (1..).map_while(|n| {
            if n == 3 {
                loop {
                    std::thread::park();
                }
            }
            Some(line(n, &format!(r#"{{"text":"{n} cars"}}"#)))
        });
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let extractor = Extractor::new();
            let limits = Limits { documents: 2, bytes: 1 << 20, wait: Duration::from_millis(5) };
            let mut writer = RecordWriter::new(Forward(tx), Format::Jsonl);
            let _ = Batch::new(&extractor).limits(limits).run(docs, &mut writer, &mut ());
        });
        let mut out = Vec::new();
        while out.iter().filter(|&&b| b == b'\n').count() < 2 {
            out.extend(rx.recv_timeout(Duration::from_secs(20)).expect("the pending batch was written"));
        }
        assert!(String::from_utf8(out).unwrap().contains(r#""id":"f.jsonl:2""#));
    }
}
