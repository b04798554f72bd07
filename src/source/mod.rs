//! Stage 1: finding inputs and reading them into documents.
//!
//! Reading happens in three steps, so that the slow part can run in parallel:
//!
//! 1. [`walk`](Discovery) turns the user's path arguments into an ordered list of [`Input`]s:
//!    files as given, folders walked recursively in sorted order (siblings by name, bytewise),
//!    hidden entries (names starting with `.`) skipped, only files with a selected extension
//!    taken, symbolic-link loops skipped with a message. `-` stands for standard input.
//!    [`Shard`] keeps every N-th input.
//! 2. [`Reader`] opens the inputs one after the other (decompressing `.gz` and `.zst`) and yields
//!    one [`RawDocument`] per document: a whole file, or one line of a JSONL file. It holds one
//!    document at a time; nothing is decoded yet.
//! 3. [`RawDocument::decode`] turns the bytes into a [`Document`], by input shape: text decoded
//!    to UTF-8 (`text.rs`: UTF-8, UTF-16 with a byte-order mark, else Windows-1252; binary files
//!    refused), HTML decoded the same way and reduced to its visible text (`html.rs`), or a JSON
//!    object whose text, id and kept fields are picked out (`jsonl.rs`). This runs in the worker
//!    threads.
//!
//! A document's `id` is its path relative to the folder argument, with `/` separators; a file
//! argument keeps its path as given; a JSONL line takes the value of its id field, or
//! `FILE:LINE` without one.
//!
//! Failures never stop a run: a missing path, an unreadable file, an invalid JSONL line or a
//! truncated compressed file each become an error in the place of the document that could not
//! be read, so every input is accounted for.

mod compress;
mod html;
mod jsonl;
mod read;
mod shard;
mod stdin;
mod text;
mod walk;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use compress::Compression;
pub use html::visible_text;
pub use jsonl::{JsonlOptions, Meta};
pub use read::{RawDocument, Reader};
pub use shard::Shard;
pub use text::ENCODINGS;
pub use walk::{DEFAULT_EXTENSIONS, Discovered, Discovery, Found, Skipped, Walk, discover};

/// One article: its id, where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable document id (the path relative to the folder argument, or a JSONL id).
    pub id: String,
    /// The path the text was read from, as the user would write it (`-` for standard input).
    pub path: String,
    /// For a document read from a JSONL file, its line number (1-based).
    pub line: Option<u64>,
    /// Size of the input in bytes, before decoding (for a JSONL document, the whole line).
    pub bytes: u64,
    /// The decoded text (UTF-8, without a byte-order mark; for HTML, the visible text).
    pub text: String,
    /// The encoding the text was decoded from when it was not UTF-8 (one of [`ENCODINGS`]).
    pub encoding: Option<&'static str>,
    /// Fields copied from a JSONL line (`--keep-field`), in the order asked for.
    pub meta: Option<Meta>,
}

impl Document {
    /// A document from text in memory; `path` is the id.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        let text = text.into();
        Document { path: id.clone(), line: None, bytes: text.len() as u64, id, text, encoding: None, meta: None }
    }
}

/// How the bytes of an input are turned into documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// The whole file is one document (decoded to UTF-8 by its bytes).
    Text,
    /// One JSON object per line, one document per line.
    Jsonl,
    /// The whole file is one HTML document; its visible text is the document text.
    Html,
}

impl InputFormat {
    /// The format a file name implies: `.jsonl`/`.ndjson` (optionally compressed) are JSONL,
    /// `.html`/`.htm` are HTML, everything else is text.
    pub fn detect(path: &Path) -> InputFormat {
        let name = Compression::strip(file_name(path));
        if ends_with_ignore_case(name, ".jsonl") || ends_with_ignore_case(name, ".ndjson") {
            InputFormat::Jsonl
        } else if ends_with_ignore_case(name, ".html") || ends_with_ignore_case(name, ".htm") {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

/// A file to read, found by [`Discovery::discover`]. The path `-` is standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The document id the file will have.
    pub id: String,
    /// Where to read it from.
    pub path: PathBuf,
    /// Its size in bytes, when the walk that found it learned it (the reader asks otherwise).
    pub size: Option<u64>,
    /// The open folder the walk found it in, to open it by name.
    pub(crate) folder: Option<Folder>,
}

/// A folder held open by a walk, so that the files found in it are opened by name (`openat`)
/// rather than by their whole path, which the kernel would look up again, folder by folder, for
/// every file: the five lookups of `target/bench/corpus/reuters/reut-00001.txt` become one.
///
/// A folder stays open while documents found in it wait to be read. At most
/// [`Folder::MAX_OPEN`] are open at once (a tree of many small folders could otherwise hold
/// thousands, and leave the workers none to open files with); past that, files are opened by
/// their path.
#[derive(Debug, Clone)]
pub(crate) struct Folder(Arc<OpenFolder>);

/// An open folder, and the count of open folders it is counted in.
#[derive(Debug)]
pub(crate) struct OpenFolder(std::os::fd::OwnedFd, &'static std::sync::atomic::AtomicUsize);

/// The folders open now.
static OPEN_FOLDERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Folder {
    /// The most folders open at once.
    pub(crate) const MAX_OPEN: usize = 64;

    /// The folder at `path`, if it can be opened and fewer than [`MAX_OPEN`](Self::MAX_OPEN)
    /// are.
    pub(crate) fn open(path: &Path) -> Option<Folder> {
        Folder::open_counted(path, &OPEN_FOLDERS)
    }

    /// [`open`](Self::open), counted in `open`.
    fn open_counted(path: &Path, open: &'static std::sync::atomic::AtomicUsize) -> Option<Folder> {
        use rustix::fs::{Mode, OFlags};
        use std::sync::atomic::Ordering::Relaxed;
        if open.fetch_add(1, Relaxed) >= Folder::MAX_OPEN {
            open.fetch_sub(1, Relaxed);
            return None;
        }
        match rustix::fs::open(path, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()) {
            Ok(fd) => Some(Folder(Arc::new(OpenFolder(fd, open)))),
            Err(_) => {
                open.fetch_sub(1, Relaxed);
                None
            }
        }
    }

    /// Opens the file `name` of the folder for reading.
    pub(crate) fn open_file(&self, name: &[u8]) -> std::io::Result<std::fs::File> {
        use rustix::fs::{Mode, OFlags};
        Ok(rustix::fs::openat(&self.0.0, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?.into())
    }
}

impl Drop for OpenFolder {
    fn drop(&mut self) {
        self.1.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The same open folder.
impl PartialEq for Folder {
    fn eq(&self, other: &Folder) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Folder {}

impl Input {
    /// The file at `path`, with document id `id`.
    pub fn file(id: impl Into<String>, path: impl Into<PathBuf>) -> Input {
        Input { id: id.into(), path: path.into(), size: None, folder: None }
    }

    /// Standard input, with id and path `-`.
    pub fn stdin() -> Input {
        Input::file(stdin::NAME, stdin::NAME)
    }

    /// True for standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == stdin::NAME
    }

    /// The path as shown in records and messages.
    pub fn display_path(&self) -> String {
        display(&self.path)
    }

    /// Reads a plain text file into one document, decoding it as [`RawDocument::decode`] does.
    pub fn read(&self) -> Result<Document, SourceError> {
        let raw = std::fs::read(&self.path).map_err(|e| SourceError::io(&self.path, e))?;
        let bytes = raw.len() as u64;
        let decoded = text::decode(&self.path, raw)?;
        Ok(Document {
            id: self.id.clone(),
            path: self.display_path(),
            line: None,
            bytes,
            text: decoded.text,
            encoding: decoded.encoding,
            meta: None,
        })
    }
}

/// Why an input, or one document in it, could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// The path does not exist. Check the spelling, or whether it was moved during the run.
    #[error("{}: no such file or folder", display(path))]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },
    /// The operating system refused to read the path (permissions, a folder given as a file, …).
    #[error("{}: {source}", display(path))]
    Io {
        /// The unreadable path.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The file starts with a byte-order mark (UTF-8, UTF-16LE or UTF-16BE) but what follows is
    /// not valid in that encoding. Re-save the file in one encoding.
    #[error("{}: starts with a {encoding} byte-order mark but is not valid {encoding}{}", display(path), at_offset(*offset))]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The encoding the byte-order mark announces.
        encoding: &'static str,
        /// Offset of the first invalid byte, when known.
        offset: Option<usize>,
    },
    /// The file is not text (NUL bytes, or many control characters and not UTF-8): an image,
    /// an archive or UTF-16 without a byte-order mark. It is skipped.
    #[error("{}: binary file ({reason}), skipped", display(path))]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The path is a symbolic link to nothing. Fix or remove the link.
    #[error("{}: dangling symbolic link (its target {} does not exist)", display(path), display(target))]
    DanglingLink {
        /// The link.
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// The file was there when the inputs were listed but had gone when it was read (deleted or
    /// moved during the run).
    #[error("{}: deleted or moved after it was listed", display(path))]
    Vanished {
        /// The file.
        path: PathBuf,
    },
    /// A compressed file ends early or is corrupt. For JSONL, the lines before `line` were read
    /// and processed.
    #[error("{}: truncated or corrupt compressed data{}: {source}", display(path), at_line(*line))]
    Truncated {
        /// The file.
        path: PathBuf,
        /// For JSONL, the first line that could not be read (1-based).
        line: Option<u64>,
        /// What the decompressor said.
        #[source]
        source: io::Error,
    },
    /// A JSONL line is not a JSON object. Fix or drop the line; the other lines are processed.
    #[error("{}:{line}: invalid JSON: {message}", display(path))]
    Json {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// A JSONL line has no text field. Check `--text-field`.
    #[error("{}:{line}: no \"{field}\" field (choose the text field with --text-field)", display(path))]
    MissingField {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: u64,
        /// The field that is missing.
        field: String,
    },
    /// A JSONL field has the wrong type: the text is not a string, or the id is not a string
    /// or a number.
    #[error("{}:{line}: field \"{field}\" is {found}, expected {expected}", display(path))]
    FieldType {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: u64,
        /// The field.
        field: String,
        /// What it holds (`a number`, `null`, `an object`, …).
        found: &'static str,
        /// What it should hold.
        expected: &'static str,
    },
}

impl SourceError {
    /// The error for `path` that could not be opened, listed or looked at: a missing path, a
    /// dangling symbolic link, a symbolic-link loop, a folder where a file was expected, or what
    /// the operating system said (permissions, …).
    pub(crate) fn io(path: &Path, source: io::Error) -> SourceError {
        let path = path.to_owned();
        match source.kind() {
            io::ErrorKind::NotFound => match std::fs::read_link(&path) {
                Ok(target) => SourceError::DanglingLink { path, target },
                Err(_) => SourceError::NotFound { path },
            },
            io::ErrorKind::IsADirectory => {
                SourceError::Io { path, source: io::Error::new(source.kind(), "is a folder, not a file") }
            }
            #[cfg(unix)]
            _ if source.raw_os_error() == Some(libc::ELOOP) => {
                SourceError::Io { path, source: io::Error::new(source.kind(), "symbolic link loop") }
            }
            _ => SourceError::Io { path, source },
        }
    }

    /// A short machine-readable reason, written as `error.kind` in records.
    pub fn kind(&self) -> &'static str {
        match self {
            SourceError::NotFound { .. } => "not_found",
            SourceError::Io { .. } => "io",
            SourceError::Encoding { .. } => "encoding",
            SourceError::Binary { .. } => "binary",
            SourceError::DanglingLink { .. } | SourceError::Vanished { .. } => "not_found",
            SourceError::Truncated { .. } => "truncated",
            SourceError::Json { .. } => "json",
            SourceError::MissingField { .. } => "missing_field",
            SourceError::FieldType { .. } => "field_type",
        }
    }

    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SourceError::NotFound { path }
            | SourceError::Io { path, .. }
            | SourceError::Encoding { path, .. }
            | SourceError::Binary { path, .. }
            | SourceError::DanglingLink { path, .. }
            | SourceError::Vanished { path }
            | SourceError::Truncated { path, .. }
            | SourceError::Json { path, .. }
            | SourceError::MissingField { path, .. }
            | SourceError::FieldType { path, .. } => path,
        }
    }
}

/// Where a document comes from: its input file and, for JSONL, its line.
///
/// The file's path and id share one allocation (the id of a file found in a folder is the end of
/// its path): the reader thread makes an `Origin` for every file and the workers free it, and an
/// allocation freed by another thread is one the reader's allocator never gets back to reuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The path, then the id unless it is the end of the path.
    names: Arc<str>,
    /// `names[..path_end]` is the path.
    path_end: usize,
    /// `names[id_start..]` is the id.
    id_start: usize,
    /// The line, for a JSONL document (1-based).
    pub line: Option<u64>,
}

impl Origin {
    /// The origin of the input file with id `file_id` at `path` (as shown in records; `-` for
    /// standard input), at no line.
    pub fn new(file_id: &str, path: &str) -> Origin {
        let (names, id_start) = if path.ends_with(file_id) {
            (Arc::from(path), path.len() - file_id.len())
        } else {
            (Arc::from([path, file_id].concat()), path.len())
        };
        Origin { names, path_end: path.len(), id_start, line: None }
    }

    /// The same file, at line `line`.
    pub fn at_line(&self, line: u64) -> Origin {
        Origin { line: Some(line), ..self.clone() }
    }

    /// The id of the input file.
    pub fn file_id(&self) -> &str {
        &self.names[self.id_start..]
    }

    /// The input file's path as shown in records (`-` for standard input).
    pub fn path(&self) -> &str {
        &self.names[..self.path_end]
    }

    /// The id of a document that has no id of its own: the file's id, with `:LINE` for a JSONL
    /// line.
    pub fn fallback_id(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file_id()),
            None => self.file_id().to_string(),
        }
    }
}

/// The file name of `path` as bytes (empty without one). Extensions are compared on these
/// bytes without allocating: this runs for every file of a walk.
pub(crate) fn file_name(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    // The common case found by a byte search: the part after the last `/` of a path that does
    // not end in `/`, `.` or `..` (which `Path::file_name` normalizes away or rejects). Parsing
    // the components, as `Path::file_name` does, costs the reader thread about 300 instructions
    // a file, three times per file.
    let start = memchr::memrchr(b'/', bytes).map_or(0, |i| i + 1);
    match &bytes[start..] {
        name if cfg!(unix) && !matches!(name, b"" | b"." | b"..") => name,
        _ => path.file_name().map_or(&[], |name| name.as_encoded_bytes()),
    }
}

/// True when `name` ends with `suffix`, ignoring ASCII case.
pub(crate) fn ends_with_ignore_case(name: &[u8], suffix: &str) -> bool {
    name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn at_offset(offset: Option<usize>) -> String {
    offset.map(|n| format!(" (first invalid byte at offset {n})")).unwrap_or_default()
}

fn at_line(line: Option<u64>) -> String {
    line.map(|n| format!(" at line {n}")).unwrap_or_default()
}

/// A path as text, with `/` separators on every platform.
pub(crate) fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace(std::path::MAIN_SEPARATOR, "/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_folders_are_capped_and_given_back() {
        static OPEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dir = std::env::temp_dir();
        let open = || Folder::open_counted(&dir, &OPEN);
        let mut held: Vec<Folder> = std::iter::from_fn(open).take(Folder::MAX_OPEN + 1).collect();
        assert_eq!(held.len(), Folder::MAX_OPEN);
        assert!(open().is_none());
        let copy = held[0].clone();
        held.remove(0);
        assert!(open().is_none(), "a copy keeps its folder open");
        drop(copy);
        assert!(open().is_some());
        assert!(Folder::open_counted(&dir.join("factex-no-such-folder"), &OPEN).is_none());
        drop(held);
        assert_eq!(OPEN.load(std::sync::atomic::Ordering::Relaxed), 0);
    }

    #[test]
    fn file_names_are_those_of_the_standard_library() {
        let pieces = ["a", "b.txt", "/", "//", ".", "..", ".x", "é"];
        for text in crate::testing::random_texts(&pieces, 5000, 6) {
            let path = Path::new(&text);
            let expected = path.file_name().map_or(&b""[..], |name| name.as_encoded_bytes());
            assert_eq!(file_name(path), expected, "{text:?}");
        }
    }

    #[test]
    fn formats_are_detected_by_extension() {
        assert_eq!(InputFormat::detect(Path::new("a/b.jsonl")), InputFormat::Jsonl);
        assert_eq!(InputFormat::detect(Path::new("b.JSONL.GZ")), InputFormat::Jsonl);
        assert_eq!(InputFormat::detect(Path::new("b.jsonl.zst")), InputFormat::Jsonl);
        assert_eq!(InputFormat::detect(Path::new("b.ndjson")), InputFormat::Jsonl);
        assert_eq!(InputFormat::detect(Path::new("index.htm")), InputFormat::Html);
        assert_eq!(InputFormat::detect(Path::new("index.html.gz")), InputFormat::Html);
        assert_eq!(InputFormat::detect(Path::new("a.md")), InputFormat::Text);
        assert_eq!(InputFormat::detect(Path::new("-")), InputFormat::Text);
    }

    #[test]
    fn fallback_ids_name_the_line() {
        let origin = Origin::new("a.jsonl", "in/a.jsonl").at_line(3);
        assert_eq!(origin.fallback_id(), "a.jsonl:3");
        assert_eq!(Origin::new("a.jsonl", "in/a.jsonl").fallback_id(), "a.jsonl");
    }
}
