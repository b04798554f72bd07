//! factex turns news articles into structured, machine-readable facts.
//!
//! Every document goes through the same stages, in this order:
//!
//! 1. [`source`] finds the inputs (files, folders, standard input) and reads them into
//!    [`Document`]s: a text or HTML file is one document, a JSONL shard (optionally `.gz` or
//!    `.zst`) one document per line.
//! 2. [`segment`] masks non-prose (URLs, link targets, e-mail addresses, long ids) and splits the
//!    text into paragraphs, sentences and words, all with byte offsets into the original text.
//! 3. [`quantity`] recognizes numbers with their units, qualifiers and kinds (counts, percentages,
//!    years, dates, distances, durations).
//! 4. [`entity`] finds car makers, brands, groups and places from a gazetteer, keeping ambiguous
//!    names (Ford, Jaguar, Mercury) only with evidence.
//! 5. [`claim`] links each quantity to its company, place, time and metric.
//! 6. [`output`] turns the result into a `factex/1` record and writes records in input order.
//!
//! [`Extractor`] runs stages 2–6 on one document; [`batch`] streams many documents through it
//! in bounded batches, in parallel, keeping the input order. [`eval`] measures the quantities
//! against public peer test suites (`factex eval`).
//!
//! ```
//! use factex::{Document, Extractor};
//!
//! let extractor = Extractor::new();
//! let doc = Document::from_text("note.txt", "Lexus sold 851,200 vehicles worldwide in 2024.");
//! let facts = extractor.extract(&doc);
//! assert_eq!(facts.quantities[0].text, "851,200 vehicles");
//! assert_eq!(facts.quantities[0].value, Some(851200.0));
//! assert_eq!(facts.entities[0].id, "lexus");
//! ```
#![deny(missing_docs)]

pub mod batch;
mod bitset;

pub mod claim;
pub mod data;
pub mod entity;
pub mod eval;
mod extract;
pub mod output;
pub mod quantity;
pub mod segment;
pub mod source;
mod swar;
#[cfg(test)]
mod testing;

pub mod text;

pub use extract::{Extractor, ExtractorBuilder, Scratch};
pub use output::Facts;
pub use source::Document;

/// The schema id written into every record.
pub const SCHEMA: &str = "factex/1";
