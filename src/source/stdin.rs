//! Standard input as an input: the path argument `-` (a file literally named `-` is `./-`).
//!
//! Standard input is read as text unless `--input-format` says otherwise: one document with id
//! and path `-`, or with `--input-format jsonl` one document per line, read as the lines arrive
//! (the mapper mode of distributed engines). It is never decompressed.

use std::io::{self, Read};

/// The name standard input goes by, as a path argument, an id and a path in records.
pub(crate) const NAME: &str = "-";

/// Standard input as a reader that can move to the reader thread.
pub(crate) fn open() -> impl Read + Send {
    // `Stdin` is Send (a `StdinLock` is not); it locks per read, and reads are large.
    io::stdin()
}
