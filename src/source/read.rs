//! Reading inputs one after the other into raw documents, and decoding raw documents.
//!
//! [`Reader`] is the only part of factex that touches files while a run is under way. It is
//! meant to run on its own thread, ahead of the workers: it opens each input in turn
//! (decompressing by file name), reads a text or HTML file whole, and cuts a JSONL stream into
//! lines as they arrive. It never holds more than the document it is yielding.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::jsonl::{self, JsonlOptions, Lines};
use super::{Compression, Document, Input, InputFormat, Origin, SourceError, display, html, stdin, text};

/// One document as read from its input, before decoding: the bytes of a whole file or of one
/// JSONL line (without its line break), or why they could not be read.
#[derive(Debug)]
pub struct RawDocument {
    /// Where it comes from.
    pub origin: Origin,
    /// How to decode it.
    pub format: InputFormat,
    /// Its bytes.
    pub data: Result<Vec<u8>, SourceError>,
}

impl RawDocument {
    /// The number of bytes held (0 for an error).
    pub fn len(&self) -> usize {
        self.data.as_ref().map_or(0, Vec::len)
    }

    /// True when no bytes are held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Decodes the bytes into a document: UTF-8 text, the visible text of HTML, or the fields
    /// of a JSONL line.
    pub fn decode(self, options: &JsonlOptions) -> Result<Document, SourceError> {
        let RawDocument { origin, format, data } = self;
        let raw = data?;
        if format == InputFormat::Jsonl {
            return jsonl::parse(&origin, raw, options);
        }
        let bytes = raw.len() as u64;
        let decoded = text::decode(&PathBuf::from(&*origin.path), raw)?;
        let text = if format == InputFormat::Html { html::visible_text(&decoded) } else { decoded };
        Ok(Document {
            id: origin.file_id.to_string(),
            path: origin.path.to_string(),
            line: None,
            bytes,
            text,
            meta: None,
        })
    }
}

/// Reads inputs in order and yields their documents (see the module docs).
pub struct Reader {
    inputs: std::vec::IntoIter<Result<Input, SourceError>>,
    format: Option<InputFormat>,
    counter: Option<Arc<AtomicU64>>,
    lines: Option<Lines>,
}

impl Reader {
    /// A reader over `inputs`, detecting each input's format from its name.
    pub fn new(inputs: Vec<Result<Input, SourceError>>) -> Reader {
        Reader { inputs: inputs.into_iter(), format: None, counter: None, lines: None }
    }

    /// Reads every input as `format` (`None`: by file name; standard input is then text).
    pub fn format(mut self, format: Option<InputFormat>) -> Reader {
        self.format = format;
        self
    }

    /// Adds the number of bytes read from files and standard input (before decompression) to
    /// `counter`, for a progress display.
    pub fn count_bytes(mut self, counter: Arc<AtomicU64>) -> Reader {
        self.counter = Some(counter);
        self
    }

    fn read_input(&mut self, input: Input) -> Option<RawDocument> {
        let origin = Origin { file_id: input.id.as_str().into(), path: input.display_path().into(), line: None };
        let (format, compression) = if input.is_stdin() {
            (self.format.unwrap_or(InputFormat::Text), Compression::None)
        } else {
            (self.format.unwrap_or_else(|| InputFormat::detect(&input.path)), Compression::detect(&input.path))
        };
        let (reader, size) = match self.open(&input, compression) {
            Ok(opened) => opened,
            Err(e) => return Some(RawDocument { origin, format, data: Err(e) }),
        };
        if format == InputFormat::Jsonl {
            let reader = Box::new(BufReader::with_capacity(1 << 16, reader));
            let mut lines = Lines::new(reader, origin, compression.is_compressed());
            let first = lines.next();
            self.lines = Some(lines);
            return first;
        }
        let mut buf = Vec::with_capacity(size);
        let data = match read_to_end(reader, &mut buf) {
            Ok(()) => Ok(buf),
            Err(source) if compression.is_compressed() => {
                Err(SourceError::Truncated { path: input.path.clone(), line: None, source })
            }
            Err(source) => Err(SourceError::io(&input.path, source)),
        };
        Some(RawDocument { origin, format, data })
    }

    /// Opens an input for reading, decompressed; returns the reader and a size hint.
    fn open(&self, input: &Input, compression: Compression) -> Result<(Box<dyn Read + Send>, usize), SourceError> {
        let counter = self.counter.clone();
        if input.is_stdin() {
            return Ok((Box::new(Counted { inner: stdin::open(), counter }), 0));
        }
        let file = File::open(&input.path).map_err(|e| SourceError::io(&input.path, e))?;
        let size = file.metadata().map_or(0, |m| m.len() as usize);
        let reader = compression
            .decoder(Counted { inner: file, counter })
            .map_err(|source| SourceError::Truncated { path: input.path.clone(), line: None, source })?;
        Ok((reader, if compression.is_compressed() { 0 } else { size }))
    }
}

impl Iterator for Reader {
    type Item = RawDocument;

    fn next(&mut self) -> Option<RawDocument> {
        loop {
            if let Some(lines) = &mut self.lines {
                if let Some(line) = lines.next() {
                    return Some(line);
                }
                self.lines = None;
            }
            match self.inputs.next()? {
                Ok(input) => {
                    if let Some(doc) = self.read_input(input) {
                        return Some(doc);
                    }
                }
                Err(error) => {
                    let path: Arc<str> = display(error.path()).into();
                    let origin = Origin { file_id: path.clone(), path, line: None };
                    return Some(RawDocument { origin, format: InputFormat::Text, data: Err(error) });
                }
            }
        }
    }
}

fn read_to_end(mut reader: impl Read, buf: &mut Vec<u8>) -> io::Result<()> {
    reader.read_to_end(buf).map(drop)
}

/// A reader that adds the bytes it reads to a shared counter.
struct Counted<R> {
    inner: R,
    counter: Option<Arc<AtomicU64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(counter) = &self.counter {
            counter.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}
