//! The JSON Schema of the `factex/1` records, generated from the record types (schemars
//! derives; the field docs become the descriptions).
//!
//! `schema/factex-1.schema.json` in the repository is [`json_schema`]'s output, `factex schema`
//! prints it, and a test fails when the two differ (`UPDATE_SCHEMA=1 cargo test --test schema`
//! rewrites the file). The schema is strict: every object lists its fields and allows no
//! others, every enumerated value (quantity kinds, qualifiers, error kinds, …) is listed. A
//! later version that adds fields comes with a new schema file.
//!
//! The enumerations of types defined elsewhere (quantity kinds, qualifiers, changes, bases,
//! claim evidence) are listed here with [`every!`]: adding a variant there fails to compile
//! here until it is listed, so the schema cannot fall behind. The JSON Lines encoder takes its
//! tables of their serialized names from the same lists (`all_kinds`, …).

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use super::Record;
use crate::claim::Origin;
use crate::quantity::{Basis, Change, Kind, Qualifier};

/// Every `error.kind` an error record can have:
///
/// - `not_found`: the path does not exist, is a dangling symbolic link, or was deleted after it
///   was listed;
/// - `io`: the operating system refused to read it (permissions, a symbolic-link loop, a
///   folder where a file was expected, a read error);
/// - `binary`: not text (NUL bytes, or control characters and not UTF-8);
/// - `encoding`: a byte-order mark followed by bytes invalid in its encoding;
/// - `truncated`: a `.gz`/`.zst` that ends early or is corrupt;
/// - `json`: a JSONL line that is not a JSON object (or not UTF-8);
/// - `missing_field`: a JSONL line without the text field;
/// - `field_type`: a text field that is not a string, or an id neither a string nor a number;
/// - `panic`: factex panicked on the document (a bug).
pub const ERROR_KINDS: [&str; 9] =
    ["not_found", "io", "binary", "encoding", "truncated", "json", "missing_field", "field_type", "panic"];

/// The JSON Schema (draft 2020-12) that every record — facts or error — conforms to.
pub fn json_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut schema = generator.into_root_schema_for::<Record>();
    schema.insert("title".into(), "factex/1 record".into());
    schema.insert(
        "description".into(),
        "One output record of factex (schema `factex/1`): the facts of one document, or why it has none (`error`)."
            .into(),
    );
    schema.to_value()
}

/// All the variants of an enum defined in another module, as an array. The exhaustive match
/// fails to compile when a variant is added there, until it is listed here too.
macro_rules! every {
    ($ty:ident: $($variant:ident),+ $(,)?) => {{
        fn _exhaustive(value: $ty) {
            match value {
                $($ty::$variant)|+ => {}
            }
        }
        [$($ty::$variant),+]
    }};
}

/// A string schema allowing exactly the serialized forms of `values`.
fn one_of<T: Serialize>(values: impl IntoIterator<Item = T>) -> Schema {
    let names: Vec<serde_json::Value> =
        values.into_iter().map(|v| serde_json::to_value(v).expect("enums serialize to strings")).collect();
    json_schema!({ "type": "string", "enum": names })
}

pub(super) fn schema_id(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "const": crate::SCHEMA })
}

pub(super) fn encodings(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::source::ENCODINGS)
}

pub(super) fn error_kinds(_: &mut SchemaGenerator) -> Schema {
    one_of(ERROR_KINDS)
}

pub(super) fn meta(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "object", "additionalProperties": true })
}

/// Every quantity kind.
pub(super) fn all_kinds() -> [Kind; 39] {
    every!(Kind:
        Number, Count, Percent, Money, Year, Date, Decade, Period, Ordinal, Age, Duration, Distance, Speed, Mass,
        Volume, Flow, Area, Energy, EnergyDensity, Consumption, Power, Torque, Temperature, Data, Frequency,
        FuelEconomy, Rotation, Angle, DataRate, Voltage, Charge, Current, Acceleration, MassFlow, RadiationDose,
        DoseRate, Action, IntegratedLuminosity, Density,
    )
}

/// Every qualifier.
pub(super) fn all_qualifiers() -> [Qualifier; 6] {
    every!(Qualifier: Exact, Approx, MoreThan, LessThan, AtLeast, AtMost)
}

/// Every change.
pub(super) fn all_changes() -> [Change; 2] {
    every!(Change: Up, Down)
}

/// Every basis.
pub(super) fn all_bases() -> [Basis; 6] {
    every!(Basis:
        YearOnYear, QuarterOnQuarter, MonthOnMonth, FromAYearEarlier, FromAQuarterEarlier, FromAMonthEarlier,
    )
}

/// Every claim origin.
pub(super) fn all_origins() -> [Origin; 2] {
    every!(Origin: Sentence, Paragraph)
}

pub(super) fn kinds(_: &mut SchemaGenerator) -> Schema {
    one_of(all_kinds())
}

pub(super) fn qualifiers(_: &mut SchemaGenerator) -> Schema {
    one_of(all_qualifiers())
}

pub(super) fn changes(_: &mut SchemaGenerator) -> Schema {
    one_of(all_changes())
}

pub(super) fn bases(_: &mut SchemaGenerator) -> Schema {
    one_of(all_bases())
}

pub(super) fn origins(_: &mut SchemaGenerator) -> Schema {
    one_of(all_origins())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceError;
    use std::path::PathBuf;

    #[test]
    fn every_error_kind_is_listed() {
        let path = || PathBuf::from("a");
        let io = || std::io::Error::other("x");
        let errors = [
            SourceError::NotFound { path: path() },
            SourceError::Io { path: path(), source: io() },
            SourceError::Encoding { path: path(), encoding: "UTF-8", offset: None },
            SourceError::Binary { path: path(), reason: String::new() },
            SourceError::DanglingLink { path: path(), target: path() },
            SourceError::Vanished { path: path() },
            SourceError::Truncated { path: path(), line: None, source: io() },
            SourceError::Json { path: path(), line: 1, message: String::new() },
            SourceError::MissingField { path: path(), line: 1, field: String::new() },
            SourceError::FieldType { path: path(), line: 1, field: String::new(), found: "", expected: "" },
        ];
        for error in &errors {
            assert!(ERROR_KINDS.contains(&error.kind()), "{}", error.kind());
        }
        assert!(ERROR_KINDS.contains(&crate::batch::PANIC));
    }

    #[test]
    fn enumerations_are_the_serialized_names() {
        let schema = json_schema();
        let kinds = &schema["$defs"]["QuantityFact"]["properties"]["kind"]["enum"];
        assert_eq!(kinds.as_array().unwrap().len(), 39);
        assert!(kinds.as_array().unwrap().contains(&"energy_density".into()));
        assert_eq!(schema["$defs"]["ClaimFact"]["properties"]["basis"]["enum"][0], "year_on_year");
    }
}
