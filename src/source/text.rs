//! Plain text files (`.txt`, `.md`, anything not JSONL or HTML): the whole file is one document,
//! decoded as UTF-8 with a leading byte-order mark dropped.

use std::path::Path;

use super::SourceError;

/// Decodes UTF-8, dropping a leading byte-order mark. Offsets in the error are into `raw`.
pub(crate) fn decode(path: &Path, mut raw: Vec<u8>) -> Result<String, SourceError> {
    let bom = if raw.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    raw.drain(..bom);
    String::from_utf8(raw)
        .map_err(|e| SourceError::Encoding { path: path.to_owned(), offset: bom + e.utf8_error().valid_up_to() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_reports_invalid_offset() {
        let p = Path::new("a.txt");
        assert_eq!(decode(p, b"\xEF\xBB\xBFhello".to_vec()).unwrap(), "hello");
        let err = decode(p, b"ab\xFFcd".to_vec()).unwrap_err();
        assert!(matches!(err, SourceError::Encoding { offset: 2, .. }), "{err:?}");
        assert_eq!(err.to_string(), "a.txt: not valid UTF-8 (first invalid byte at offset 2)");
    }
}
