//! Stage 1: finding inputs and reading them into documents.
//!
//! Each path given by the user is a file or a folder. Folders are walked recursively in sorted
//! order (siblings by name, bytewise), hidden entries (names starting with `.`) are skipped, and
//! only files with a selected extension are taken. A document's `id` is its path relative to the
//! folder argument, with `/` separators; a file argument keeps its path as given.
//!
//! Failures never stop discovery: an unreadable folder or a missing path becomes an error in the
//! input list, in the position where it was found, so every input is accounted for.

mod walk;

use std::io;
use std::path::{Path, PathBuf};

pub use walk::{Discovery, discover};

/// One article: its id, where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable document id (the path relative to the folder argument).
    pub id: String,
    /// The path the text was read from, as the user would write it.
    pub path: String,
    /// Size of the input in bytes, before decoding.
    pub bytes: u64,
    /// The decoded text (UTF-8, without a byte-order mark).
    pub text: String,
}

impl Document {
    /// A document from text in memory; `path` is the id.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        let text = text.into();
        Document { path: id.clone(), bytes: text.len() as u64, id, text }
    }
}

/// A file to read, found by [`discover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The document id the file will have.
    pub id: String,
    /// Where to read it from.
    pub path: PathBuf,
}

impl Input {
    /// The path as shown in records and messages.
    pub fn display_path(&self) -> String {
        display(&self.path)
    }

    /// Reads and decodes the file.
    pub fn read(&self) -> Result<Document, SourceError> {
        let raw = std::fs::read(&self.path).map_err(|e| SourceError::io(&self.path, e))?;
        let bytes = raw.len() as u64;
        let text = decode(raw).map_err(|offset| SourceError::Encoding { path: self.path.clone(), offset })?;
        Ok(Document { id: self.id.clone(), path: self.display_path(), bytes, text })
    }
}

/// Decodes UTF-8, dropping a leading byte-order mark. On failure returns the offset of the
/// first invalid byte.
fn decode(mut raw: Vec<u8>) -> Result<String, usize> {
    if raw.starts_with(b"\xEF\xBB\xBF") {
        raw.drain(..3);
    }
    String::from_utf8(raw).map_err(|e| e.utf8_error().valid_up_to())
}

/// Why an input could not be read.
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
    /// The file is not valid UTF-8.
    #[error("{}: not valid UTF-8 (first invalid byte at offset {offset})", display(path))]
    Encoding {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
    },
}

impl SourceError {
    fn io(path: &Path, source: io::Error) -> SourceError {
        if source.kind() == io::ErrorKind::NotFound {
            SourceError::NotFound { path: path.to_owned() }
        } else {
            SourceError::Io { path: path.to_owned(), source }
        }
    }

    /// A short machine-readable reason, written as `error.kind` in records.
    pub fn kind(&self) -> &'static str {
        match self {
            SourceError::NotFound { .. } => "not_found",
            SourceError::Io { .. } => "io",
            SourceError::Encoding { .. } => "encoding",
        }
    }

    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SourceError::NotFound { path } | SourceError::Io { path, .. } | SourceError::Encoding { path, .. } => path,
        }
    }
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
    fn decode_strips_bom_and_reports_invalid_offset() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello".to_vec()).unwrap(), "hello");
        assert_eq!(decode(b"ab\xFFcd".to_vec()), Err(2));
    }
}
