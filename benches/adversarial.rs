//! Linear time on adversarial text: `extract` + `encode` over each pattern of
//! `benches/inputs/mod.rs` at 1×, 10× and 100× a base size, reported by criterion as throughput
//! (MB/s), which should be the same at every size.
//!
//! ```text
//! cargo bench --bench adversarial                  # every pattern at 10 KB, 100 KB and 1 MB
//! cargo bench --bench adversarial -- '1,1,1'       # one pattern (criterion's filter)
//! ADVERSARIAL_BASE_KB=100 cargo bench --bench adversarial   # 100 KB, 1 MB, 10 MB (slow)
//! ```
//!
//! The whole run takes about five minutes with the default sizes. `scripts/adversarial.sh`
//! prints the same measurement as one table in ms per MB (100 KB, 1 MB and 10 MB).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use factex::output::{self, FactsRecord, Format, Record};
use factex::{Document, Extractor};

mod inputs;

fn adversarial(c: &mut Criterion) {
    let base_kb: usize = std::env::var("ADVERSARIAL_BASE_KB").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let extractor = Extractor::new();
    for pattern in inputs::PATTERNS {
        let mut group = c.benchmark_group(pattern.name);
        group.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_secs(1));
        group.sampling_mode(SamplingMode::Flat);
        for times in [1, 10, 100] {
            let doc = Document::from_text("adversarial", pattern.text(base_kb * 1000 * times));
            group.throughput(Throughput::Bytes(doc.text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(format!("{times}x")), &doc, |b, doc| {
                b.iter(|| {
                    let facts = extractor.extract(black_box(doc));
                    output::encode(&Record::Facts(FactsRecord::new(doc, facts)), Format::Jsonl).len()
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, adversarial);
criterion_main!(benches);
