//! The whole per-document pipeline on arbitrary bytes: bytes → text (invalid UTF-8 replaced, as
//! a lossy reader would) → extract → the `factex/1` record as written → parsed back → every
//! invariant of `tests/common/mod.rs` checked. Any panic, in factex or in a violated invariant,
//! is a finding.
#![no_main]

use std::sync::LazyLock;

use factex::{Document, Extractor};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let doc = Document::from_text("doc", String::from_utf8_lossy(data));
    let (encoded, record) = common::record(&EXTRACTOR, &doc);
    if let Err(e) = common::check(&doc.text, &record) {
        panic!("{e}\ntext: {:?}\nrecord: {}", doc.text, String::from_utf8_lossy(&encoded));
    }
});
