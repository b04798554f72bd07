//! Throughput of the per-document core, `Extractor::extract`, in MB/s over the articles in
//! `corpus/` (read at start-up, so the benchmark needs nothing outside the repository).
//!
//! Run with `cargo bench --bench extract`; criterion prints the time per pass over the corpus
//! and the throughput. The end-to-end benchmark (reading, JSON writing, threads, next to `rg`)
//! is `scripts/bench.sh`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factex::{Document, Extractor};

fn corpus() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/ is in the repository")
        .map(|e| e.expect("corpus/ can be listed").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            Document::from_text(name, std::fs::read_to_string(p).expect("corpus articles are UTF-8"))
        })
        .collect()
}

fn extract(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            let mut facts = 0;
            for doc in &docs {
                let f = extractor.extract(black_box(doc));
                facts += f.entities.len() + f.quantities.len();
            }
            facts
        })
    });
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
