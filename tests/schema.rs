//! The JSON Schema of the output, `schema/factex-1.schema.json`: it is what the record types
//! generate (`UPDATE_SCHEMA=1 cargo test --test schema` rewrites it after a change of the
//! contract), `factex schema` prints it, and every record factex writes conforms to it — the
//! corpus records here, the error records in `bad_inputs.rs`.

mod schema_support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn factex() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factex"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn generated() -> String {
    serde_json::to_string_pretty(&factex::output::json_schema()).unwrap() + "\n"
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = schema_support::schema_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(path, generated()).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated(),
        "{} is not what the record types generate: if the output contract changed on purpose, run \
         `UPDATE_SCHEMA=1 cargo test --test schema` and review the difference",
        path.display()
    );
}

#[test]
fn factex_schema_prints_it() {
    let out = factex().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), generated());
}

#[test]
fn every_corpus_record_conforms() {
    let out = factex().args(["extract", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert!(recs.len() >= 20);
    schema_support::validate_records(&recs);
    // The same with the optional parts: JSONL lines, kept fields, an encoding.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut lines = String::new();
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        lines += &(serde_json::json!({ "text": text, "url": name, "date": { "y": 2024 } }).to_string() + "\n");
    }
    let shard = dir.join("corpus.jsonl");
    std::fs::write(&shard, lines).unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::File::create(&latin1).unwrap().write_all(b"Caf\xe9 sales rose 5% to \xa33m.").unwrap();
    let out = factex()
        .args(["extract", "--keep-field", "url", "--keep-field", "date", "--keep-field", "nope"])
        .arg(&shard)
        .arg(&latin1)
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert!(recs[0]["meta"]["date"]["y"] == 2024 && recs.last().unwrap()["source"]["encoding"] == "windows-1252");
    schema_support::validate_records(&recs);
}

#[test]
fn the_schema_rejects_what_the_contract_does_not_allow() {
    let good = serde_json::json!({
        "schema": "factex/1", "id": "a", "source": { "path": "a", "bytes": 0 },
        "error": { "kind": "io", "message": "a: denied" }
    });
    schema_support::validate_records(std::slice::from_ref(&good));
    let schema: Value = serde_json::from_str(&generated()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    for (pointer, value) in [
        ("/schema", Value::from("factex/2")),
        ("/error/kind", Value::from("oops")),
        ("/source/bytes", Value::from(-1)),
        ("/source/encoding", Value::from("latin1")),
        ("/extra", Value::from(1)),
    ] {
        let mut bad = good.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        bad.pointer_mut(if parent.is_empty() { "" } else { parent }).unwrap()[key] = value;
        assert!(!validator.is_valid(&bad), "{pointer} should be rejected");
    }
}
