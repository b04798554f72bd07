//! Reading inputs one after the other into raw documents, and decoding raw documents.
//!
//! [`Reader`] is meant to run on its own thread, ahead of the workers (or, in a run on one
//! thread, between documents): it opens each input in turn and yields one [`RawDocument`] per
//! document. A JSONL stream is cut into lines as they arrive (decompressing by file name);
//! standard input and compressed files are read whole. A plain file is only looked at (its
//! size, for the memory budget): the worker that decodes it reads it, so that the many small
//! files of a folder are read in parallel. The reader never holds more than the document it is
//! yielding.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::jsonl::{self, JsonlOptions, Lines};
use super::{
    Compression, Document, Folder, Input, InputFormat, Origin, SourceError, display, file_name, html, stdin, text,
};

/// One document as read from its input, before decoding: the bytes of a whole file or of one
/// JSONL line (without its line break) — or a plain file still to be read — or why they could
/// not be read.
#[derive(Debug)]
pub struct RawDocument {
    /// Where it comes from.
    pub origin: Origin,
    /// How to decode it.
    pub format: InputFormat,
    content: Result<Content, SourceError>,
}

#[derive(Debug)]
enum Content {
    Bytes(Vec<u8>),
    /// A plain file, read when decoded.
    File {
        /// Its path, when the origin's is not the same (a path that is valid UTF-8 with `/`
        /// separators, as nearly all are, is not carried twice).
        path: Option<PathBuf>,
        /// Its size when the reader saw it.
        size: usize,
        /// The folder it was found in, when that is open: it is opened there by its name.
        folder: Option<Folder>,
    },
}

impl RawDocument {
    /// A document from bytes already read, or from the reason they could not be.
    pub fn new(origin: Origin, format: InputFormat, data: Result<Vec<u8>, SourceError>) -> RawDocument {
        RawDocument { origin, format, content: data.map(Content::Bytes) }
    }

    /// The number of bytes held or to be read (0 for an error).
    pub fn len(&self) -> usize {
        match &self.content {
            Ok(Content::Bytes(bytes)) => bytes.len(),
            Ok(Content::File { size, .. }) => *size,
            Err(_) => 0,
        }
    }

    /// True when no bytes are held or to be read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, reading a plain file now if need be.
    pub fn into_bytes(self) -> Result<Vec<u8>, SourceError> {
        self.into_bytes_in(&mut Vec::new())
    }

    /// [`into_bytes`](Self::into_bytes), reading a plain file into the room of `room` (taken).
    fn into_bytes_in(self, room: &mut Vec<u8>) -> Result<Vec<u8>, SourceError> {
        match self.content? {
            Content::Bytes(bytes) => Ok(bytes),
            Content::File { path, size, folder } => {
                let path = path.as_deref().unwrap_or(Path::new(self.origin.path()));
                read_file(path, folder.as_ref(), size, std::mem::take(room)).map_err(|e| {
                    match SourceError::io(path, e) {
                        // The reader saw it a moment ago.
                        SourceError::NotFound { path } => SourceError::Vanished { path },
                        other => other,
                    }
                })
            }
        }
    }

    /// Decodes the bytes into a document: text (UTF-8, UTF-16 with a byte-order mark, else
    /// Windows-1252; binary files refused — see `text.rs`), the visible text of HTML decoded the
    /// same way, or the fields of a JSONL line (which must be UTF-8).
    pub fn decode(self, options: &JsonlOptions) -> Result<Document, SourceError> {
        self.decode_in(options, &mut Vec::new())
    }

    /// [`decode`](Self::decode), reading a plain file into the room of `room` (taken): a
    /// worker gives each document's text back to be the room of the next (see
    /// [`Batch`](crate::batch::Batch)), so that reading a file allocates nothing once the room
    /// has grown to the size of the files. (The text of a UTF-8 file is its bytes.)
    pub fn decode_in(self, options: &JsonlOptions, room: &mut Vec<u8>) -> Result<Document, SourceError> {
        let origin = self.origin.clone();
        let format = self.format;
        let raw = self.into_bytes_in(room)?;
        if format == InputFormat::Jsonl {
            return jsonl::parse(&origin, raw, options);
        }
        let bytes = raw.len() as u64;
        let decoded = text::decode(Path::new(origin.path()), raw)?;
        let text = if format == InputFormat::Html { html::visible_text(&decoded.text) } else { decoded.text };
        Ok(Document {
            // Copied as strings (`to_string` would go through `Display`).
            id: String::from(origin.file_id()),
            path: String::from(origin.path()),
            line: None,
            bytes,
            text,
            encoding: decoded.encoding,
            meta: None,
        })
    }
}

/// The bytes of the file at `path` (opened by its name in `folder` when that is open), which the
/// reader saw `size` bytes long: one `read` of `size + 1` bytes, which comes back short exactly
/// when the file still has that size, so the read that finds the end of the file is not needed
/// (half the reads of a folder of articles). A file that grew or shrank since is read to its
/// end. Nothing else is asked of the file: a `stat` (as `fs::read` makes) would only tell the
/// size again. The bytes are read into the spare room of `bytes` (emptied first), which is not
/// zeroed first.
fn read_file(path: &Path, folder: Option<&Folder>, size: usize, mut bytes: Vec<u8>) -> io::Result<Vec<u8>> {
    let mut file = match folder {
        Some(folder) => folder.open_file(file_name(path))?,
        None => File::open(path)?,
    };
    bytes.clear();
    bytes.reserve(size + 1);
    let n = loop {
        match rustix::io::read(&file, rustix::buffer::spare_capacity(&mut bytes)) {
            Err(rustix::io::Errno::INTR) => {}
            read => break read?,
        }
    };
    if n != size {
        // `take` keeps the generic `read_to_end`, which asks no size either.
        (&mut file).take(u64::MAX).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Reads inputs in order and yields their documents (see the module docs).
pub struct Reader<I> {
    inputs: I,
    format: Option<InputFormat>,
    counter: Option<Arc<AtomicU64>>,
    lines: Option<Lines>,
}

impl<I: Iterator<Item = Result<Input, SourceError>>> Reader<I> {
    /// A reader over `inputs` (a list, or a lazy [`Walk`](super::Walk)), detecting each
    /// input's format from its name.
    pub fn new<T: IntoIterator<IntoIter = I>>(inputs: T) -> Reader<I> {
        Reader { inputs: inputs.into_iter(), format: None, counter: None, lines: None }
    }

    /// Reads every input as `format` (`None`: by file name; standard input is then text).
    pub fn format(mut self, format: Option<InputFormat>) -> Reader<I> {
        self.format = format;
        self
    }

    /// Adds the number of input bytes (before decompression) to `counter` as they are read or,
    /// for plain files that the workers read, as they are handed over — for a progress display.
    pub fn count_bytes(mut self, counter: Arc<AtomicU64>) -> Reader<I> {
        self.counter = Some(counter);
        self
    }

    fn read_input(&mut self, input: Input) -> Option<RawDocument> {
        // With `/` separators, a path that is valid UTF-8 is shown as it is, and the worker
        // reads the file at the path shown.
        let (origin, same) = match input.path.to_str() {
            Some(path) if std::path::MAIN_SEPARATOR == '/' => (Origin::new(&input.id, path), true),
            _ => (Origin::new(&input.id, &input.display_path()), false),
        };
        let (format, compression) = if input.is_stdin() {
            (self.format.unwrap_or(InputFormat::Text), Compression::None)
        } else {
            (self.format.unwrap_or_else(|| InputFormat::detect(&input.path)), Compression::detect(&input.path))
        };
        if format != InputFormat::Jsonl && compression == Compression::None && !input.is_stdin() {
            // A plain file: the worker reads it.
            let size = match input.size {
                Some(size) => Ok(size),
                None => std::fs::metadata(&input.path).map(|meta| meta.len()),
            };
            let content = match size {
                Ok(size) => {
                    if let Some(counter) = &self.counter {
                        counter.fetch_add(size, Ordering::Relaxed);
                    }
                    Ok(Content::File { path: (!same).then_some(input.path), size: size as usize, folder: input.folder })
                }
                Err(e) => Err(SourceError::io(&input.path, e)),
            };
            return Some(RawDocument { origin, format, content });
        }
        let (reader, size) = match self.open(&input, compression) {
            Ok(opened) => opened,
            Err(e) => return Some(RawDocument::new(origin, format, Err(e))),
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
        Some(RawDocument::new(origin, format, data))
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

impl<I: Iterator<Item = Result<Input, SourceError>>> Iterator for Reader<I> {
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
                    let path = display(error.path());
                    let origin = Origin::new(&path, &path);
                    return Some(RawDocument::new(origin, InputFormat::Text, Err(error)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_whatever_size_the_reader_saw() {
        let dir = std::env::temp_dir().join(format!("factex-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        for content in ["", "x", "Lexus sold 851,200 vehicles.", &"long text ".repeat(10_000)] {
            std::fs::write(&path, content).unwrap();
            // As seen, then grown or shrunk since the reader saw it.
            for seen in [content.len(), 0, content.len() / 2, content.len() + 1, content.len() + 100] {
                // By its path and by its name in the open folder; into no room, and into room
                // holding more bytes than the file.
                for folder in [None, Folder::open(&dir)] {
                    let room = b"x".repeat(content.len() + 7);
                    assert_eq!(read_file(&path, folder.as_ref(), seen, room).unwrap(), content.as_bytes());
                    assert_eq!(
                        read_file(&path, folder.as_ref(), seen, Vec::new()).unwrap(),
                        content.as_bytes(),
                        "{} bytes seen as {seen}",
                        content.len()
                    );
                }
            }
        }
        for folder in [None, Folder::open(&dir)] {
            let missing = read_file(&dir.join("missing.txt"), folder.as_ref(), 3, Vec::new());
            assert_eq!(missing.unwrap_err().kind(), io::ErrorKind::NotFound);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
