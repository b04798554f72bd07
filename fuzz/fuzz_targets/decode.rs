//! Decoding then extracting: the same bytes read as a text file, an HTML page and a JSONL line
//! (`RawDocument::decode`), and each decoded document extracted and checked like `pipeline`.
//! A decoding error is an outcome, not a finding; a panic is.
#![no_main]

use std::sync::LazyLock;

use factex::Extractor;
use factex::source::{InputFormat, JsonlOptions, Origin, RawDocument};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    for format in [InputFormat::Text, InputFormat::Html, InputFormat::Jsonl] {
        let origin = Origin { file_id: "doc".into(), path: "doc".into(), line: Some(1) };
        let raw = RawDocument::new(origin, format, Ok(data.to_vec()));
        if let Ok(doc) = raw.decode(&JsonlOptions::default()) {
            let (encoded, record) = common::record(&EXTRACTOR, &doc);
            if let Err(e) = common::check(&doc.text, &record) {
                panic!("{e}\nformat: {format:?}\ntext: {:?}\nrecord: {}", doc.text, String::from_utf8_lossy(&encoded));
            }
        }
    }
});
