//! Compressed inputs: `.gz` (gzip, flate2) and `.zst` (Zstandard), chosen by the file name and
//! decoded as a stream, so a compressed shard is never held in memory whole.

use std::io::{self, Read};
use std::path::Path;

use super::{ends_with_ignore_case, file_name};

/// How an input file is compressed, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`.gz`); concatenated members are read one after the other.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl Compression {
    /// The compression a file name implies.
    pub fn detect(path: &Path) -> Compression {
        let name = file_name(path);
        if ends_with_ignore_case(name, ".gz") {
            Compression::Gzip
        } else if ends_with_ignore_case(name, ".zst") {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// A file name without its compression suffix (`a.jsonl.gz` → `a.jsonl`, in any case).
    pub fn strip(name: &[u8]) -> &[u8] {
        for suffix in [".gz", ".zst"] {
            if ends_with_ignore_case(name, suffix) {
                return &name[..name.len() - suffix.len()];
            }
        }
        name
    }

    /// True for a compressed format: an error while reading is then a truncated or corrupt file.
    pub fn is_compressed(self) -> bool {
        self != Compression::None
    }

    /// Wraps `inner` in the decoder for this compression.
    pub fn decoder<'a, R: Read + Send + 'a>(self, inner: R) -> io::Result<Box<dyn Read + Send + 'a>> {
        Ok(match self {
            Compression::None => Box::new(inner),
            Compression::Gzip => {
                Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(1 << 16, inner)))
            }
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(inner)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(c: Compression, data: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        c.decoder(data)?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn detection_and_stripping() {
        assert_eq!(Compression::detect(Path::new("a/x.jsonl.GZ")), Compression::Gzip);
        assert_eq!(Compression::detect(Path::new("x.jsonl.zst")), Compression::Zstd);
        assert_eq!(Compression::detect(Path::new("x.jsonl")), Compression::None);
        assert_eq!(Compression::strip(b"x.jsonl.ZST"), b"x.jsonl");
        assert_eq!(Compression::strip(b"x.txt"), b"x.txt");
    }

    #[test]
    fn round_trips_and_truncation_is_an_error() {
        let data = b"{\"text\":\"one\"}\n{\"text\":\"two\"}\n".repeat(50);
        let gz = gzip(&data);
        assert_eq!(read_all(Compression::Gzip, &gz).unwrap(), data);
        assert!(read_all(Compression::Gzip, &gz[..gz.len() / 2]).is_err());
        // Members one after the other, as `cat a.gz b.gz` makes them.
        let two = [gz.clone(), gz.clone()].concat();
        assert_eq!(read_all(Compression::Gzip, &two).unwrap().len(), data.len() * 2);

        let zst = zstd::encode_all(&data[..], 3).unwrap();
        assert_eq!(read_all(Compression::Zstd, &zst).unwrap(), data);
        assert!(read_all(Compression::Zstd, &zst[..zst.len() / 2]).is_err());
    }
}
