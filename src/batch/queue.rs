//! The reader thread and the queue between it and the batches.
//!
//! The queue is a channel of at most [`QUEUED`] documents whose contents are also bounded by a
//! byte budget: the reader takes a document's cost from the budget before sending it (waiting
//! while the budget is spent) and a batch gives its cost back once written. A document's cost
//! is its size plus a fixed overhead, so both bytes and document counts are bounded. A document
//! larger than the whole budget still passes when nothing else is in flight.
//!
//! The reader thread is not joined when a run ends early (a write error, a panic): it may be
//! blocked reading an input that never ends — standard input kept open by a distributed engine
//! that waits for output — and waiting for it would hang the run. It is told to stop instead,
//! and stops before its next document. A panic in the reader thread is caught and ends the run
//! with an error rather than looking like the end of the input.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use super::{Limits, panic};
use crate::source::RawDocument;

/// Cost of a document beyond its bytes: the bookkeeping that even an empty document takes.
const OVERHEAD: usize = 256;

/// The most documents waiting in the queue to be cut into a batch. A bounded channel's slots are
/// allocated once, where an unbounded one allocates (zeroed, past the sizes malloc keeps
/// ready) a block for every 31 documents: 8 % of the reader thread's instructions.
const QUEUED: usize = 4 * Limits::DOCUMENTS;

/// The most documents in the first batch.
const FIRST_BATCH: usize = 64;

/// What the calling thread is handed by [`read_ahead`].
pub(super) enum Step {
    /// The next documents, in order. `full` when the batch was cut by its size limits, so more
    /// input is probably waiting already, rather than by the wait or the end of the input;
    /// `spent` is their cost, to be given back (by the callback's result) once they are written.
    Batch { documents: Vec<RawDocument>, full: bool, spent: usize },
    /// No document arrived for [`Limits::wait`]: time to write what is still pending, since the
    /// next batch may be long in coming (a trickle of lines on standard input).
    Idle,
}

/// Runs `documents` on a reader thread and calls `each` with consecutive batches, in order,
/// on the calling thread (and with [`Step::Idle`] when the input stalls). `each` returns the
/// cost of the batches it has written (their `spent`), which the reader may then read ahead
/// again. Stops at the first error of `each` (the reader thread is then told to stop, and not
/// waited for) and returns it; a panic in the reader thread is an error too.
#[cfg(test)]
fn read_ahead<I, F>(documents: I, limits: Limits, each: F) -> io::Result<()>
where
    I: Iterator<Item = RawDocument> + Send + 'static,
    F: FnMut(Step) -> io::Result<usize>,
{
    ReadAhead::start(documents, limits)?.each(each)
}

/// A reader thread started on some documents, whose batches are not taken yet: started before
/// the rest of a run is ready, it finds the first files meanwhile. Dropped unused, it tells the
/// reader to stop (not waiting for it).
pub struct ReadAhead {
    limits: Limits,
    budget: Arc<Budget>,
    rx: Receiver<RawDocument>,
    reader: std::thread::JoinHandle<Result<(), String>>,
    /// Tells the reader to stop when the batches are done with, or never taken.
    stop: Stop,
}

impl ReadAhead {
    /// Starts the reader thread on `documents`, reading ahead by at most twice `limits.bytes`.
    pub fn start<I>(documents: I, limits: Limits) -> io::Result<ReadAhead>
    where
        I: Iterator<Item = RawDocument> + Send + 'static,
    {
        let budget = Arc::new(Budget::new(limits.bytes.saturating_mul(2)));
        let (tx, rx) = mpsc::sync_channel(QUEUED);
        let reader = {
            let budget = budget.clone();
            std::thread::Builder::new().name("factex-reader".into()).spawn(move || {
                panic::catch(move || {
                    for doc in documents {
                        if !budget.take(cost(&doc)) || tx.send(doc).is_err() {
                            break;
                        }
                    }
                })
            })?
        };
        let stop = Stop(budget.clone());
        Ok(ReadAhead { limits, budget, rx, reader, stop })
    }

    /// Calls `each` with the batches (see [`read_ahead`]).
    pub(super) fn each<F>(self, mut each: F) -> io::Result<()>
    where
        F: FnMut(Step) -> io::Result<usize>,
    {
        // However this ends (an error, a panic in `each`), `stop` releases a reader waiting for
        // budget.
        let ReadAhead { limits, budget, rx, reader, stop: _stop } = self;
        // The first batches are small, so that the workers start while the reader is still
        // finding the first thousand files: 64 documents, then four times as many each batch up
        // to the limit.
        let mut batch_limits = Limits { documents: limits.documents.min(FIRST_BATCH), ..limits };
        loop {
            let first = match rx.recv_timeout(limits.wait) {
                Ok(doc) => doc,
                Err(RecvTimeoutError::Timeout) => {
                    budget.give(each(Step::Idle)?);
                    match rx.recv() {
                        Ok(doc) => doc,
                        Err(_) => break,
                    }
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let (documents, spent, full) = fill_batch(first, &rx, &batch_limits);
            batch_limits.documents = (batch_limits.documents * 4).min(limits.documents);
            budget.give(each(Step::Batch { documents, full, spent })?);
        }
        // The channel is closed: the reader has returned, or is returning.
        match reader.join() {
            Ok(Ok(())) => Ok(()),
            Ok(Err(panic)) => Err(io::Error::other(format!("the input reader panicked, a bug to report: {panic}"))),
            Err(_) => Err(io::Error::other("the input reader panicked")),
        }
    }
}

fn cost(doc: &RawDocument) -> usize {
    doc.len() + OVERHEAD
}

/// After a first document, takes more until the batch is full, the wait is over or the reader
/// is done; returns the batch, its cost and whether it is full.
fn fill_batch(first: RawDocument, rx: &Receiver<RawDocument>, limits: &Limits) -> (Vec<RawDocument>, usize, bool) {
    let deadline = Instant::now() + limits.wait;
    let mut spent = cost(&first);
    // Room for a default batch at once; a larger limit grows the vector as documents come.
    let mut batch = Vec::with_capacity(limits.documents.min(Limits::DOCUMENTS));
    batch.push(first);
    while batch.len() < limits.documents && spent < limits.bytes {
        // What is already queued is taken at once, without looking at the clock (a reader
        // ahead of the workers keeps the queue full); only an empty queue is waited on, until
        // the deadline.
        let next = match rx.try_recv() {
            Ok(doc) => Ok(doc),
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) => rx.recv_timeout(left),
                None => break,
            },
        };
        match next {
            Ok(doc) => {
                spent += cost(&doc);
                batch.push(doc);
            }
            Err(_) => break,
        }
    }
    let full = batch.len() >= limits.documents || spent >= limits.bytes;
    (batch, spent, full)
}

/// Bytes in flight between the reader and the writer.
struct Budget {
    limit: usize,
    state: Mutex<State>,
    freed: Condvar,
}

struct State {
    used: usize,
    closed: bool,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget { limit, state: Mutex::new(State { used: 0, closed: false }), freed: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes `n` bytes, waiting until they fit (or nothing is in flight). False once closed.
    fn take(&self, n: usize) -> bool {
        let mut state = self.lock();
        while !state.closed && state.used > 0 && state.used + n > self.limit {
            state = self.freed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state.used += n;
        !state.closed
    }

    fn give(&self, n: usize) {
        self.lock().used -= n;
        self.freed.notify_all();
    }

    fn close(&self) {
        self.lock().closed = true;
        self.freed.notify_all();
    }
}

/// Closes the budget when dropped: the reader stops before its next document.
struct Stop(Arc<Budget>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{InputFormat, Origin};
    use std::time::Duration;

    fn doc(n: usize, size: usize) -> RawDocument {
        let origin = Origin::new("x", "x").at_line(n as u64);
        RawDocument::new(origin, InputFormat::Text, Ok(vec![b'a'; size]))
    }

    #[test]
    fn batches_are_bounded_by_documents_and_bytes_and_keep_order() {
        let limits = Limits { documents: 5, bytes: 4000, wait: Duration::from_secs(5) };
        let docs = (0..40).map(|n| doc(n, if n == 20 { 100_000 } else { 500 }));
        let mut seen = Vec::new();
        read_ahead(docs, limits, |step| {
            let Step::Batch { documents: batch, spent, .. } = step else { return Ok(0) };
            assert_eq!(spent, batch.iter().map(cost).sum::<usize>());
            assert!(batch.len() <= 5 && (spent < 4000 + 100_000 + OVERHEAD), "{} {spent}", batch.len());
            seen.extend(batch.iter().map(|d| d.origin.line.unwrap()));
            Ok(spent)
        })
        .unwrap();
        assert_eq!(seen, (0..40).collect::<Vec<u64>>());
    }

    /// Documents, then (after `n`) a read that never returns — standard input left open.
    fn blocking_after(n: usize) -> impl Iterator<Item = RawDocument> + Send + 'static {
        (0..).map_while(move |i| {
            if i == n {
                loop {
                    std::thread::park();
                }
            }
            Some(doc(i, 10))
        })
    }

    /// Runs `f` on a thread and fails if it does not end within 20 seconds.
    fn ends_in_time<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(Duration::from_secs(20)).expect("read_ahead returned instead of hanging")
    }

    #[test]
    fn an_error_does_not_wait_for_a_blocked_reader() {
        let result = ends_in_time(|| {
            let limits = Limits { documents: 100, bytes: 1 << 20, wait: Duration::from_millis(1) };
            read_ahead(blocking_after(3), limits, |_| Err(io::Error::other("disk full")))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
    }

    #[test]
    fn a_panic_in_a_batch_does_not_wait_for_a_blocked_reader() {
        let result = ends_in_time(|| {
            std::panic::catch_unwind(|| {
                let limits = Limits { documents: 100, bytes: 1 << 20, wait: Duration::from_millis(1) };
                read_ahead(blocking_after(3), limits, |_| panic!("writer bug"))
            })
        });
        assert!(result.is_err());
    }

    #[test]
    fn a_panic_in_the_reader_is_an_error_not_the_end_of_the_input() {
        let limits = Limits { documents: 2, bytes: 1000, wait: Duration::from_millis(1) };
        let docs = (0..10).map(|n| if n == 5 { panic!("reader bug") } else { doc(n, 10) });
        let mut seen = 0;
        let result = read_ahead(docs, limits, |step| {
            let Step::Batch { documents, spent, .. } = step else { return Ok(0) };
            seen += documents.len();
            Ok(spent)
        });
        assert_eq!(seen, 5);
        let err = result.unwrap_err().to_string();
        assert!(err.starts_with("the input reader panicked, a bug to report: reader bug"), "{err}");
    }

    #[test]
    fn an_error_stops_the_reader() {
        let limits = Limits { documents: 2, bytes: 1000, wait: Duration::from_millis(1) };
        let docs = (0..).map(|n| doc(n, 300)); // endless
        let mut batches = 0;
        let result = read_ahead(docs, limits, |step| {
            // Only batches count: on a loaded machine the reader may be slow enough for the
            // 1 ms wait to pass, and a count of idle steps too could skip past the third.
            let Step::Batch { spent, .. } = step else { return Ok(0) };
            batches += 1;
            if batches == 3 { Err(io::Error::other("disk full")) } else { Ok(spent) }
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
    }
}
