//! Property tests: invariants of the record over arbitrary and adversarial strings, over slices
//! and mutations of the corpus articles, and independence of a document from its batch.
//!
//! The invariants themselves are in `tests/common/mod.rs` (shared with the fuzz targets and the
//! regression inputs). Each property runs 256 cases by default (`PROPTEST_CASES` overrides it);
//! a failing case is shrunk and its seed saved under `tests/proptest-regressions/`.

mod common;

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use factex::batch::{Batch, Limits};
use factex::output::{self, FactsRecord, Format, Record, RecordWriter};
use factex::segment::Segmenter;
use factex::source::{InputFormat, JsonlOptions, Origin, RawDocument};
use factex::{Document, Extractor};
use proptest::prelude::*;
use proptest::sample::select;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The corpus articles, read once.
static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> =
        std::fs::read_dir(&dir).expect("corpus/ is in the repository").map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("corpus articles are UTF-8")).collect()
});

/// Pieces of text that the rules care about, and characters that break naive offset arithmetic.
const PIECES: &[&str] = &[
    // separators and punctuation
    " ",
    "  ",
    ",",
    ".",
    "-",
    "/",
    ":",
    "(",
    ")",
    "'s",
    "’s",
    "\"",
    "“",
    "”",
    "–",
    "—",
    "−",
    "+",
    "*",
    "#",
    "[",
    "](",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\u{a0}",
    "\u{202f}",
    "\u{2009}",
    // currencies, percent, scientific notation
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "₹",
    "RMB",
    "USD",
    "%",
    " percent",
    " pct",
    "bp",
    "e",
    "E",
    "^",
    "x",
    "×",
    "e400",
    "^999",
    // units and scale words
    "km",
    " km",
    "kWh",
    " mph",
    "m",
    "mn",
    "bn",
    "k",
    " mln",
    " million",
    " billion",
    " thousand",
    " trillion",
    " dozen",
    "half a ",
    " tonnes",
    " vehicles",
    " cars",
    " units",
    " years",
    "-year-old",
    " hours",
    "°C",
    "F",
    // numbers as words, months, periods, cues
    "one",
    "two",
    "five",
    "hundred",
    "first",
    "third",
    " January ",
    "Feb.",
    " May ",
    "December",
    "Q3",
    "FY2025",
    "H1",
    "1990s",
    "mid-",
    "2024",
    "2025/26",
    "1st",
    "½",
    "¼",
    // qualifiers, changes, ranges
    "about ",
    "nearly ",
    "more than ",
    "up to ",
    " or more",
    "rose ",
    "fell ",
    " to ",
    " from ",
    "between ",
    " and ",
    " year-on-year",
    " a year earlier",
    // names and places
    "Toyota",
    "Lexus",
    "BYD",
    "Li Auto",
    "Tesla",
    "Ford",
    "GAC-Honda",
    "Land\nRover",
    "Shanghai",
    "In China, ",
    "TOYOTA",
    "Lexus'",
    // non-prose
    "http://x.com/2024",
    "www.",
    "@",
    "a@b.co",
    "<TWA>",
    "+86 21 5555 0199",
    // multi-byte, combining, emoji, right-to-left, other digits
    "é",
    "e\u{301}",
    "\u{301}",
    "\u{308}",
    "\u{20dd}",
    "ß",
    "上海",
    "比亚迪",
    "🚗",
    "👍🏽",
    "👨‍👩‍👧",
    "🇨🇳",
    "العربية",
    "١٢٣",
    "٣٪",
    "עברית",
    "\u{200f}",
    "\u{202e}",
    "\u{200d}",
    "\u{feff}",
    "１２",
    "²",
    "𝟓",
];

/// One piece: a rule-relevant fragment, a digit run, or any character.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(PIECES).prop_map(str::to_owned),
        3 => "[0-9]{1,7}",
        1 => "[0-9]{1,3}(,[0-9]{3}){1,3}(\\.[0-9]{1,2})?",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Adversarial text: pieces glued together.
fn adversarial() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|pieces| pieces.concat())
}

/// A slice of a corpus article (cut anywhere, moved to character boundaries), mutated by a few
/// insertions, deletions and duplications.
fn corpus_derived() -> impl Strategy<Value = String> {
    let edit = (any::<prop::sample::Index>(), 0usize..40, prop::option::of(piece()));
    (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1usize..3000, prop::collection::vec(edit, 0..6))
        .prop_map(|(file, start, len, edits)| {
            let article = &CORPUS[file.index(CORPUS.len())];
            let start = floor(article, start.index(article.len()));
            let mut text = article[start..floor(article, (start + len).min(article.len()))].to_owned();
            for (at, n, insert) in edits {
                let at = floor(&text, at.index(text.len() + 1));
                let end = floor(&text, (at + n).min(text.len()));
                match insert {
                    Some(piece) => text.insert_str(at, &piece),
                    None if n % 2 == 0 => text.replace_range(at..end, ""),
                    None => {
                        let copy = text[at..end].to_owned();
                        text.insert_str(end, &copy);
                    }
                }
            }
            text
        })
}

/// The largest character boundary at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![2 => adversarial(), 2 => corpus_derived(), 1 => any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: persistence(), ..ProptestConfig::default() })]

    #[test]
    fn records_of_adversarial_text_keep_every_invariant(text in adversarial()) {
        common::check_text(&EXTRACTOR, &text);
    }

    #[test]
    fn records_of_corpus_slices_keep_every_invariant(text in corpus_derived()) {
        common::check_text(&EXTRACTOR, &text);
    }

    #[test]
    fn records_of_arbitrary_strings_keep_every_invariant(text in any::<String>()) {
        common::check_text(&EXTRACTOR, &text);
    }

    #[test]
    fn extraction_is_deterministic(text in any_text()) {
        let doc = Document::from_text("doc", text);
        prop_assert_eq!(common::record(&EXTRACTOR, &doc).0, common::record(&EXTRACTOR, &doc).0);
    }

    #[test]
    fn sentences_and_paragraphs_are_ordered_spans_of_the_text(text in any_text()) {
        let segmentation = Segmenter::new().segment(&text);
        let spans = |list: Vec<factex::text::Span>, what: &str| -> Result<(), TestCaseError> {
            let mut previous = 0;
            for s in list {
                prop_assert!(s.start <= s.end && s.end <= text.len(), "{what} {s:?} outside {} bytes", text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what} {s:?} cuts a char");
                prop_assert!(s.start >= previous, "{what} {s:?} overlaps the one before");
                previous = s.end;
            }
            Ok(())
        };
        spans(segmentation.paragraphs.clone(), "paragraph")?;
        spans(segmentation.sentences.iter().map(|s| s.span).collect(), "sentence")?;
        for s in &segmentation.sentences {
            let paragraph = segmentation.paragraphs.get(s.paragraph);
            prop_assert!(
                paragraph.is_some_and(|p| p.start <= s.span.start && s.span.end <= p.end),
                "sentence {:?} is not inside its paragraph {:?}", s.span, paragraph
            );
        }
    }
}

proptest! {
    // Each case runs two batches on two thread pools: fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: persistence(), ..ProptestConfig::default() })]

    #[test]
    fn a_document_is_extracted_the_same_alone_and_in_any_batch(
        texts in prop::collection::vec(any_text(), 1..8),
        per_batch in 1usize..4,
    ) {
        // A NUL byte makes an input binary (an error record, tested in tests/bad_inputs.rs); here
        // every input is text.
        let texts: Vec<String> = texts.into_iter().map(|t| t.replace('\0', " ")).collect();

        let raw = |i: usize, text: &str| {
            let origin = Origin::new(&format!("d{i}.txt"), &format!("in/d{i}.txt"));
            RawDocument::new(origin, InputFormat::Text, Ok(text.as_bytes().to_vec()))
        };
        // Each document alone: decoded as the batch decodes it, extracted, encoded.
        let alone: Vec<Vec<u8>> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let doc = raw(i, text).decode(&JsonlOptions::default()).expect("valid UTF-8 decodes");
                let facts = EXTRACTOR.extract(&doc);
                output::encode(&Record::Facts(FactsRecord::new(&doc, facts)), Format::Jsonl)
            })
            .collect();
        let limits = Limits { documents: per_batch, bytes: 8 << 20, wait: Duration::from_millis(1) };
        // On the calling thread alone, then in pools of one and two threads.
        let documents = texts.iter().enumerate().map(|(i, t)| raw(i, t));
        let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
        let summary = Batch::new(&EXTRACTOR)
            .run_here(documents, &mut writer, &mut ())
            .expect("writing to memory does not fail");
        prop_assert_eq!(summary.written, texts.len());
        let out = writer.finish().expect("writing to memory does not fail");
        prop_assert!(out == alone.concat(), "the documents differ when run on the calling thread");
        for pool in POOLS.iter() {
            let documents: Vec<RawDocument> = texts.iter().enumerate().map(|(i, t)| raw(i, t)).collect();
            let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
            let summary = pool
                .install(|| Batch::new(&EXTRACTOR).limits(limits).run(documents.into_iter(), &mut writer, &mut ()))
                .expect("writing to memory does not fail");
            prop_assert_eq!(summary.written, texts.len());
            let out = writer.finish().expect("writing to memory does not fail");
            let lines: Vec<&[u8]> = out.split_inclusive(|&b| b == b'\n').collect();
            prop_assert_eq!(lines.len(), alone.len());
            for (i, (line, single)) in lines.iter().zip(&alone).enumerate() {
                prop_assert!(
                    *line == single.as_slice(),
                    "document {i} differs in a batch on {} threads:\nalone: {}\nbatch: {}",
                    pool.current_num_threads(),
                    String::from_utf8_lossy(single),
                    String::from_utf8_lossy(line)
                );
            }
        }
    }
}

/// One- and two-thread pools, built once.
static POOLS: LazyLock<Vec<rayon::ThreadPool>> = LazyLock::new(|| {
    [1, 2].iter().map(|&n| rayon::ThreadPoolBuilder::new().num_threads(n).build().expect("a thread pool")).collect()
});

/// Failing seeds are saved beside this file, in `tests/proptest-regressions/`.
fn persistence() -> Option<Box<dyn proptest::test_runner::FailurePersistence>> {
    Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions")))
}
