//! Prints the time per MB of `extract` + `encode` on each adversarial pattern at three sizes, to
//! show that it stays flat (linear time). `scripts/adversarial.sh` runs it in release mode.
//!
//! ```text
//! cargo run --release --example adversarial [-- BASE_KB [PATTERN_SUBSTRING]]
//! ```
//!
//! The sizes are 1×, 10× and 100× BASE_KB (default 100 KB, so 100 KB, 1 MB, 10 MB). Each size is
//! timed as the best of several runs (fewer for the large sizes); the last column is the largest
//! time per MB divided by the smallest.

use std::time::{Duration, Instant};

use factex::output::{self, FactsRecord, Format, Record};
use factex::{Document, Extractor};

#[path = "../benches/inputs/mod.rs"]
mod inputs;

fn main() {
    let mut args = std::env::args().skip(1);
    let base_kb: usize = args.next().map_or(100, |a| a.parse().expect("BASE_KB is a number of kilobytes"));
    let filter = args.next().unwrap_or_default();
    let sizes = [base_kb * 1000, base_kb * 10_000, base_kb * 100_000];
    let extractor = Extractor::new();
    println!(
        "| pattern | ms/MB at {} | ms/MB at {} | ms/MB at {} | max/min | quantities, entities at {} | output MB at {} |",
        size(sizes[0]),
        size(sizes[1]),
        size(sizes[2]),
        size(sizes[2]),
        size(sizes[2])
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for pattern in inputs::PATTERNS.iter().filter(|p| p.name.contains(&filter)) {
        let mut per_mb = Vec::new();
        let mut last = (0, 0, 0);
        for (i, &bytes) in sizes.iter().enumerate() {
            let doc = Document::from_text("adversarial", pattern.text(bytes));
            let runs = [5, 3, 1][i];
            let mut best = Duration::MAX;
            for _ in 0..runs {
                let start = Instant::now();
                let facts = extractor.extract(&doc);
                let counts = (facts.quantities.len(), facts.entities.len());
                let encoded = output::encode(&Record::Facts(FactsRecord::new(&doc, facts)), Format::Jsonl);
                best = best.min(start.elapsed());
                last = (counts.0, counts.1, encoded.len());
            }
            per_mb.push(best.as_secs_f64() * 1000.0 / (doc.text.len() as f64 / 1e6));
        }
        let max = per_mb.iter().copied().fold(f64::MIN, f64::max);
        let min = per_mb.iter().copied().fold(f64::MAX, f64::min);
        println!(
            "| {} | {:.1} | {:.1} | {:.1} | {:.2} | {}, {} | {:.1} |",
            pattern.name,
            per_mb[0],
            per_mb[1],
            per_mb[2],
            max / min,
            last.0,
            last.1,
            last.2 as f64 / 1e6
        );
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 { format!("{} MB", bytes / 1_000_000) } else { format!("{} KB", bytes / 1000) }
}
