//! Checking records against the committed JSON Schema (tests/bad_inputs.rs, tests/schema.rs).

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

/// The committed schema of the output, `schema/factex-1.schema.json`.
pub fn schema_path() -> &'static Path {
    static PATH: OnceLock<std::path::PathBuf> = OnceLock::new();
    PATH.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/factex-1.schema.json"))
}

/// Checks every record against the committed schema; panics naming the first invalid record
/// and what is wrong with it.
#[allow(dead_code)]
pub fn validate_records(records: &[Value]) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_slice(&std::fs::read(schema_path()).expect("the schema is committed"))
            .expect("the schema is JSON");
        jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
    });
    for record in records {
        let errors: Vec<String> =
            validator.iter_errors(record).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "record {} does not match the schema: {errors:#?}", record["id"]);
    }
}
