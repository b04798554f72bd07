//! Every input kept in `tests/fuzz-regressions/` (crashes, invariant violations and slow inputs
//! found by the fuzzer and the property tests) still extracts and keeps every invariant. The
//! adversarial patterns of the benchmark, at a small size, are checked the same way. Time is
//! measured by the benchmark (`benches/adversarial.rs`, `scripts/adversarial.sh`), not here.

mod common;

#[path = "../benches/inputs/mod.rs"]
mod inputs;

use std::path::Path;
use std::sync::LazyLock;

use factex::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Extracts `text` and checks the invariants; returns the failure, if any.
fn check(name: &str, text: &str) -> Option<String> {
    match std::panic::catch_unwind(|| common::check_text(&EXTRACTOR, text)) {
        Err(panic) => {
            let message =
                panic.downcast_ref::<String>().cloned().or(panic.downcast_ref::<&str>().map(|s| s.to_string()));
            Some(format!("{name}: {}", message.unwrap_or_default()))
        }

        Ok(_) => None,
    }
}

#[test]
fn every_kept_fuzz_input_keeps_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions/ is in the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap();
            check(&path.file_name().unwrap().to_string_lossy(), &String::from_utf8_lossy(&bytes))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} inputs failed:\n{}", failures.len(), paths.len(), failures.join("\n"));
}

#[test]
fn adversarial_patterns_keep_the_invariants() {
    let failures: Vec<String> =
        inputs::PATTERNS.iter().filter_map(|pattern| check(pattern.name, &pattern.text(4096))).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
