//! Plain text files (`.txt`, `.md`, anything not JSONL; HTML before its tags are dropped): the
//! whole file is one document, decoded to UTF-8 by what its bytes look like.
//!
//! 1. A byte-order mark decides: UTF-8 (the mark is dropped and the rest must be UTF-8),
//!    UTF-16LE or UTF-16BE (decoded; malformed UTF-16 is an `encoding` error).
//! 2. Otherwise a NUL byte anywhere means the file is not text (an image or an archive renamed
//!    `.txt`, UTF-16 without a byte-order mark): a `binary` error, the file is skipped.
//! 3. Valid UTF-8 is taken as it is.
//! 4. Anything else is decoded as Windows-1252 — the superset of Latin-1 (ISO 8859-1) that
//!    browsers apply to both, and what old news archives are written in (`£` is 0xA3, curly
//!    quotes 0x93/0x94) — unless control characters are frequent, which means binary again.
//!
//! The detected encoding (anything but UTF-8) is recorded as `source.encoding`, and offsets are
//! always into the decoded UTF-8 text without the byte-order mark. Other legacy encodings
//! (Shift JIS, GBK, ISO 8859-2, …) are not detected: they come out as Windows-1252 mojibake.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::SourceError;

/// The encodings a text file can be decoded from other than UTF-8, as written in
/// `source.encoding` (the WHATWG names).
pub const ENCODINGS: [&str; 3] = ["UTF-16LE", "UTF-16BE", "windows-1252"];

/// How many bytes at the start of a file that is not UTF-8 are looked at for control characters.
const SAMPLE: usize = 64 * 1024;

/// More than one control character in this many bytes of the sample means binary. Text in a
/// legacy encoding has none besides tab, line and page breaks and ESC; random bytes have about
/// one in eleven.
const CONTROL_RATIO: usize = 32;

/// A decoded text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was decoded from; `None` for UTF-8.
    pub encoding: Option<&'static str>,
}

/// Decodes the bytes of a text file (see the module docs). Offsets in errors are into `raw`.
pub(crate) fn decode(path: &Path, mut raw: Vec<u8>) -> Result<Decoded, SourceError> {
    if let Some((encoding, bom)) = Encoding::for_bom(&raw) {
        if encoding == UTF_8 {
            raw.drain(..bom);
            return String::from_utf8(raw).map(|text| Decoded { text, encoding: None }).map_err(|e| {
                SourceError::Encoding {
                    path: path.to_owned(),
                    encoding: UTF_8.name(),
                    offset: Some(bom + e.utf8_error().valid_up_to()),
                }
            });
        }
        // UTF-16: NUL bytes are expected.
        return match encoding.decode_without_bom_handling_and_without_replacement(&raw[bom..]) {
            Some(text) => Ok(Decoded { text: text.into_owned(), encoding: Some(encoding.name()) }),
            None => Err(SourceError::Encoding { path: path.to_owned(), encoding: encoding.name(), offset: None }),
        };
    }
    if let Some(offset) = memchr::memchr(0, &raw) {
        return Err(SourceError::Binary { path: path.to_owned(), reason: format!("NUL byte at offset {offset}") });
    }
    let raw = match String::from_utf8(raw) {
        Ok(text) => return Ok(Decoded { text, encoding: None }),
        Err(e) => e.into_bytes(),
    };
    let sample = &raw[..raw.len().min(SAMPLE)];
    let controls = sample.iter().filter(|&&b| is_binary_control(b)).count();
    if controls * CONTROL_RATIO > sample.len() {
        return Err(SourceError::Binary {
            path: path.to_owned(),
            reason: format!("{controls} control characters in the first {} bytes, and not UTF-8", sample.len()),
        });
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(&raw);
    Ok(Decoded { text: text.into_owned(), encoding: Some(WINDOWS_1252.name()) })
}

/// C0 control characters and DEL, except the ones text uses: tab, line feed, vertical tab, form
/// feed, carriage return and escape (terminal colours).
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_ok(raw: &[u8]) -> (String, Option<&'static str>) {
        let d = decode(Path::new("a.txt"), raw.to_vec()).unwrap();
        (d.text, d.encoding)
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_ok(b"\xEF\xBB\xBFhello \xE2\x82\xAC5"), ("hello €5".into(), None));
        assert_eq!(decode_ok("£15.8m".as_bytes()), ("£15.8m".into(), None));
        assert_eq!(decode_ok(b""), (String::new(), None));
        let err = decode(Path::new("a.txt"), b"\xEF\xBB\xBFab\xFFcd".to_vec()).unwrap_err();
        assert!(matches!(err, SourceError::Encoding { offset: Some(5), .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "a.txt: starts with a UTF-8 byte-order mark but is not valid UTF-8 (first invalid byte at offset 5)"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let text = "Lexus sold 851,200 vehicles — “up” 3.3% in 2024, £1.5bn 😀";
        assert_eq!(decode_ok(&utf16(text, false)), (text.into(), Some("UTF-16LE")));
        assert_eq!(decode_ok(&utf16(text, true)), (text.into(), Some("UTF-16BE")));
        // An odd number of bytes, an unpaired surrogate.
        let mut odd = utf16("ab", false);
        odd.push(b'c');
        let err = decode(Path::new("u.txt"), odd).unwrap_err();
        assert_eq!(
            (err.kind(), err.to_string().as_str()),
            ("encoding", "u.txt: starts with a UTF-16LE byte-order mark but is not valid UTF-16LE")
        );
        let err = decode(Path::new("u.txt"), vec![0xFE, 0xFF, 0xD8, 0x00, 0x00, 0x61]).unwrap_err();
        assert_eq!(err.kind(), "encoding");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        let raw = b"Caf\xe9 sales rose \x93sharply\x94 to \xa315.8m \x96 a record.";
        assert_eq!(decode_ok(raw), ("Café sales rose “sharply” to £15.8m – a record.".into(), Some("windows-1252")));
        // A stray control character does not make text binary.
        let mut long = b"Caf\xe9 ".repeat(100);
        long.push(0x1A);
        assert_eq!(decode_ok(&long).1, Some("windows-1252"));
    }

    #[test]
    fn binary_files_are_refused() {
        let err = decode(Path::new("x.txt"), b"Sales rose\x00 5%".to_vec()).unwrap_err();
        assert_eq!(
            (err.kind(), err.to_string().as_str()),
            ("binary", "x.txt: binary file (NUL byte at offset 10), skipped")
        );
        // UTF-16 without a byte-order mark has NUL bytes too.
        let err = decode(Path::new("x.txt"), utf16("abc", false)[2..].to_vec()).unwrap_err();
        assert_eq!(err.kind(), "binary");
        // Control characters without NUL bytes, not UTF-8.
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 255 + 1) as u8).collect();
        let err = decode(Path::new("x.txt"), noise).unwrap_err();
        assert_eq!(err.kind(), "binary", "{err}");
    }
}
