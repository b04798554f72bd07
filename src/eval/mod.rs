//! Evaluation: factex's numeric extraction measured against public peer test suites.
//!
//! `factex eval PATH` reads the suites from the `eval/` folder at `PATH` (they are never copied
//! into the project), runs [`Extractor::extract`](crate::Extractor::extract) on each case's
//! input text and compares the returned quantities with the expected items. Every suite is
//! listed once in [`SUITES`], with its file, its loader and which predictions it counts.
//!
//! # Suites
//! - Microsoft Recognizers-Text ([`recognizers`]): `Number`, `Percent`, `NumberRange`, `Ordinal`,
//!   `Dimension`, `Currency`, `Age`, `Temperature` and `DateTime/DurationParser` (durations in
//!   seconds). `DurationExtractor.json` has spans but no values, so it is not scored. Cases whose
//!   `NotSupported` mentions `dotnet` fail in the reference implementation too; they are scored
//!   apart (the `dotnet` tally) and left out of the suite's main numbers.
//! - facebook/duckling's English corpora ([`duckling`]): one suite per dimension.
//! - nielstron/quantulum3 ([`quantulum`]): `quantities.json` is `quantulum3`, and
//!   `quantities.ambiguity.json` is reported as `quantulum3-ambiguity`.
//!
//! # Scoring rules
//! 1. **Which predictions count.** Each suite counts only the quantity kinds it tests, from the
//!    `kinds` column of [`SUITES`] ([`Kinds`]): the Currency suite counts `money`, Percent counts
//!    `percent`, Dimension the physical kinds ([`DIMENSION`]), and so on. A prediction of another
//!    kind is neither a hit nor a false positive there (it is shown as "not counted" next to a
//!    miss it overlaps). The Number suites (Recognizers `Number`, Duckling `Numeral`) count every
//!    kind with a numeric value except ordinals, dates and periods: Recognizers' NumberModel finds
//!    the number inside `3 km` or `$75 million`, so factex's `3 km` (value 3) matches an expected
//!    bare `3`; a range there counts as its two ends (two predictions with the range's span).
//!    quantulum3 counts the same kinds but keeps a range whole. NumberRange counts ranges and
//!    values with a bounding qualifier (`more_than`, `less_than`, `at_least`, `at_most`).
//!    Recognizers' NumberModel does not read a number glued to the letters of a unit (`the 180ml
//!    liquid`, `29km Road` and `1m` expect nothing: NumberWithUnit reads those), so in
//!    `recognizers-number` a measure written that way is not counted. Recognizers' Dimension
//!    suite counts the physical kinds except `temperature`, which Recognizers reads with its own
//!    TemperatureModel (`the temperature is 24 degrees` expects nothing in Dimension).
//! 2. **Where.** A prediction can only match an expected item whose character span it overlaps
//!    (Recognizers gives `Start` and an inclusive `End`, or `Length` for durations; a Duckling
//!    text is a whole input, so its span is the whole text). quantulum3 gives no offsets: its
//!    `surface` is looked up in the sentence (the first occurrence not taken by an earlier item
//!    of the case); a surface that is not found may match anywhere in its sentence.
//! 3. **Value.** Values are equal within a relative tolerance of 1e-6. A range is compared by
//!    its ends (`low`/`high`, an absent end must be absent on both sides; Recognizers' open or
//!    closed brackets are ignored). Against an expected range, a single value with a bounding
//!    qualifier counts as a half-open range (`more than 30` is `30..`) and an exact value `v` as
//!    `v..v`. quantulum3 resolves a range to its midpoint, so a factex range matches a quantulum3
//!    value equal to its midpoint. Recognizers' NumberWithUnit models (Dimension, Currency, Age,
//!    Temperature) never join a range: in `eight to 10 feet` they report `10 feet`, the end that
//!    carries the unit, so there a factex range matches an expected value equal to either of its
//!    ends ([`RangeAsValue`]). Duckling's `under`/`above` are a value with the qualifier
//!    `less_than`/`more_than`; the value alone is compared. Sub-units count in either
//!    convention: an expected `50 Cent` matches 0.5 USD (the `scale` column of the unit map).
//! 4. **Value + unit** additionally requires the prediction's unit to count as the suite's unit
//!    name under the unit map (`data/eval_units.tsv`, [`units`]). Suites without units (numbers,
//!    ordinals, ranges, Recognizers durations) score value + unit the same as value.
//! 5. **Durations** (Recognizers `DurationParser`, Duckling `Duration`) are amounts of time:
//!    value + unit compares seconds, with the suites' calendar (a month is 30 days, a year 365;
//!    [`units::seconds_per`]), so the grain a suite normalizes to is not held against factex
//!    (Duckling writes `1.5 hours` as 90 Minute; factex's 1.5 hour is right). The value alone
//!    also matches when the number is the one Duckling states (`2 hours` for `2 minutes` has the
//!    right value and the wrong unit). Recognizers gives seconds only, so both compare seconds.
//! 6. **One-to-one.** Each expected item and each prediction is matched at most once, greedily
//!    by the longest overlap ([`score::greedy_match`]); value and value + unit are matched
//!    separately.
//! 7. **Negative and latent cases.** A Duckling `negative` text expects nothing: any counted
//!    prediction there is a false positive. `latent` texts (`five` as an amount of money) are
//!    ambiguous on their own and are skipped (counted in `latent`). Expected items the harness
//!    cannot score — a unit named without a number (`convert 10 celsius to fahrenheit` expects
//!    `fahrenheit` with a null value), relative ordinals (`last`, `next`) — are skipped and
//!    counted in `skipped`.
//! 8. **Totals** are micro-averaged over the cases of a suite: precision = matched / predicted,
//!    recall = matched / expected, F1 = 2·matched / (predicted + expected), each 0 when its
//!    denominator is 0.
//!
//! factex's quantities are read through their JSON form (the `factex/1` contract: `kind`,
//! `value`, `low`/`high`, `unit`, `si`, `qualifier`, `char_start`/`char_end`), so new kinds and
//! fields need no change here beyond the kind and unit tables.

pub mod duckling;
mod prediction;
pub mod quantulum;
pub mod recognizers;
mod run;
pub mod score;
pub mod units;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

pub use prediction::{Prediction, Si};
pub use run::{Finding, Status, SuiteReport, Tally, evaluate, evaluate_with};
use score::CharSpan;
use units::Family;

/// The physical kinds (measured in a unit of `data/units.tsv`) that the Recognizers Dimension
/// suite counts: all but time and `temperature` (Recognizers has a TemperatureModel of its own).
pub const DIMENSION: &[&str] = &[
    "acceleration",
    "action",
    "angle",
    "area",
    "charge",
    "consumption",
    "current",
    "data",
    "data_rate",
    "density",
    "distance",
    "dose_rate",
    "energy",
    "energy_density",
    "flow",
    "frequency",
    "fuel_economy",
    "integrated_luminosity",
    "mass",
    "mass_flow",
    "power",
    "radiation_dose",
    "rotation",
    "speed",
    "torque",
    "voltage",
    "volume",
];

/// Kinds that never count as numbers: their `value`, if any, is not a stated amount.
pub const NOT_NUMBERS: &[&str] = &["date", "ordinal", "period"];

/// Which predictions a suite counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinds {
    /// Only these kinds.
    Only(&'static [&'static str]),
    /// Every kind with a numeric value except [`NOT_NUMBERS`]; a range counts as its two ends.
    Numbers,
    /// Every kind with a numeric value except [`NOT_NUMBERS`]; a range counts once, compared
    /// by its midpoint against a single expected value.
    Quantities,
    /// Ranges, and values with a bounding qualifier (`more_than`, `less_than`, `at_least`,
    /// `at_most`).
    Bounds,
}

/// How a suite's file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loader {
    /// Recognizers-Text model specs (and `DurationParser`), [`recognizers::parse`].
    Recognizers,
    /// Duckling corpora converted to JSON, [`duckling::parse`].
    Duckling,
    /// quantulum3 test files, [`quantulum::parse`].
    Quantulum,
}

/// One peer suite: where it is, how to read it and what it counts.
#[derive(Debug, Clone, Copy)]
pub struct SuiteSpec {
    /// The name used in reports and by `--suite`.
    pub name: &'static str,
    /// The file, relative to the `eval/` folder.
    pub file: &'static str,
    /// How it is read.
    pub loader: Loader,
    /// Whose unit names it uses.
    pub family: Family,
    /// Which predictions it counts.
    pub kinds: Kinds,
    /// Compare durations in seconds.
    pub seconds: bool,
    /// Whether and how a found range may match an expected single value.
    pub range_as_value: RangeAsValue,
    /// Measures glued to their unit (`180ml`) are not counted (Recognizers' NumberModel).
    pub glued_units_apart: bool,
}

/// How a range found by factex may match a single value a suite expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAsValue {
    /// It may not.
    No,
    /// By its midpoint (quantulum3 resolves `8- to 16-meter` to 12 metre).
    Midpoint,
    /// By either end (Recognizers' NumberWithUnit reports `10 feet` in `eight to 10 feet`).
    Ends,
}

const fn suite(name: &'static str, file: &'static str, loader: Loader, kinds: Kinds) -> SuiteSpec {
    let family = match loader {
        Loader::Recognizers => Family::Recognizers,
        Loader::Duckling => Family::Duckling,
        Loader::Quantulum => Family::Quantulum,
    };
    let range_as_value = match kinds {
        Kinds::Quantities => RangeAsValue::Midpoint,
        Kinds::Only(_) if matches!(loader, Loader::Recognizers) => RangeAsValue::Ends,
        _ => RangeAsValue::No,
    };
    let glued_units_apart = matches!((loader, kinds), (Loader::Recognizers, Kinds::Numbers));
    SuiteSpec { name, file, loader, family, kinds, seconds: false, range_as_value, glued_units_apart }
}

/// A Recognizers DateTime suite: its durations are whole, so ranges match only ranges.
const fn whole_ranges(mut spec: SuiteSpec) -> SuiteSpec {
    spec.range_as_value = RangeAsValue::No;
    spec
}

const fn in_seconds(mut spec: SuiteSpec) -> SuiteSpec {
    spec.seconds = true;
    spec
}

/// Every suite, in report order, with the kinds it counts. The one table to edit when factex
/// gains a kind.
pub const SUITES: &[SuiteSpec] = {
    use Kinds::{Bounds, Numbers, Only, Quantities};
    use Loader::{Duckling, Quantulum, Recognizers};
    &[
        suite("recognizers-number", "recognizers-text/Number/NumberModel.json", Recognizers, Numbers),
        suite("recognizers-percent", "recognizers-text/Number/PercentModel.json", Recognizers, Only(&["percent"])),
        suite("recognizers-numberrange", "recognizers-text/Number/NumberRangeModel.json", Recognizers, Bounds),
        suite("recognizers-ordinal", "recognizers-text/Number/OrdinalModel.json", Recognizers, Only(&["ordinal"])),
        suite(
            "recognizers-dimension",
            "recognizers-text/NumberWithUnit/DimensionModel.json",
            Recognizers,
            Only(DIMENSION),
        ),
        suite(
            "recognizers-currency",
            "recognizers-text/NumberWithUnit/CurrencyModel.json",
            Recognizers,
            Only(&["money"]),
        ),
        suite("recognizers-age", "recognizers-text/NumberWithUnit/AgeModel.json", Recognizers, Only(&["age"])),
        suite(
            "recognizers-temperature",
            "recognizers-text/NumberWithUnit/TemperatureModel.json",
            Recognizers,
            Only(&["temperature"]),
        ),
        in_seconds(whole_ranges(suite(
            "recognizers-duration",
            "recognizers-text/DateTime/DurationParser.json",
            Recognizers,
            Only(&["duration"]),
        ))),
        suite("duckling-amountofmoney", "duckling/AmountOfMoney_EN.json", Duckling, Only(&["money"])),
        suite("duckling-distance", "duckling/Distance_EN.json", Duckling, Only(&["distance"])),
        in_seconds(suite("duckling-duration", "duckling/Duration_EN.json", Duckling, Only(&["duration"]))),
        suite("duckling-numeral", "duckling/Numeral_EN.json", Duckling, Numbers),
        suite("duckling-ordinal", "duckling/Ordinal_EN.json", Duckling, Only(&["ordinal"])),
        suite("duckling-quantity", "duckling/Quantity_EN.json", Duckling, Only(&["count", "mass", "volume"])),
        suite("duckling-temperature", "duckling/Temperature_EN.json", Duckling, Only(&["temperature"])),
        suite("duckling-volume", "duckling/Volume_EN.json", Duckling, Only(&["volume"])),
        suite("quantulum3", "quantulum3/quantities.json", Quantulum, Quantities),
        suite("quantulum3-ambiguity", "quantulum3/quantities.ambiguity.json", Quantulum, Quantities),
    ]
};

/// The kinds named anywhere in the kind tables, plus the plain numeric kinds; `--misses` lists
/// predicted kinds outside this set, which no unit-bearing suite counts yet.
pub fn known_kinds() -> BTreeSet<&'static str> {
    let mut known: BTreeSet<&'static str> = ["count", "number", "year", "decade"].into_iter().collect();
    known.extend(NOT_NUMBERS);
    for spec in SUITES {
        if let Kinds::Only(kinds) = spec.kinds {
            known.extend(kinds);
        }
    }
    known
}

/// The suites selected by `names`: a suite name (`duckling-distance`) or a family prefix
/// (`duckling`, `recognizers`, `quantulum3`). No names select every suite.
pub fn select(names: &[String]) -> Result<Vec<&'static SuiteSpec>, EvalError> {
    if names.is_empty() {
        return Ok(SUITES.iter().collect());
    }
    for name in names {
        let known = SUITES.iter().any(|s| selects(name, s.name));
        if !known {
            let known = SUITES.iter().map(|s| s.name).collect::<Vec<_>>().join(", ");
            return Err(EvalError::UnknownSuite { name: name.clone(), known });
        }
    }
    Ok(SUITES.iter().filter(|s| names.iter().any(|n| selects(n, s.name))).collect())
}

fn selects(name: &str, suite: &str) -> bool {
    suite == name || suite.strip_prefix(name).is_some_and(|rest| rest.starts_with('-'))
}

/// Why the evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A suite file could not be read. Check that PATH is the `eval/` folder holding
    /// `recognizers-text/`, `duckling/` and `quantulum3/`.
    #[error("{}: cannot read the suite file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A suite file is not in the expected format.
    #[error("{}: malformed suite file: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the case index where known.
        message: String,
    },
    /// `--suite` named no known suite.
    #[error("unknown suite `{name}`; the suites are: {known} (or a prefix: recognizers, duckling, quantulum3)")]
    UnknownSuite {
        /// The name given.
        name: String,
        /// The known names.
        known: String,
    },
}

/// An expected amount: one value, or a range whose ends may be open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// A single value.
    Value(f64),
    /// A range; `None` is an open end (`more than 30` is `Some(30)..None`).
    Range {
        /// Lower end.
        low: Option<f64>,
        /// Upper end.
        high: Option<f64>,
    },
}

impl Amount {
    fn scaled(self, scale: f64) -> Amount {
        match self {
            Amount::Value(v) => Amount::Value(v * scale),
            Amount::Range { low, high } => Amount::Range { low: low.map(|v| v * scale), high: high.map(|v| v * scale) },
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        match *self {
            Amount::Value(v) => write!(f, "{v}"),
            Amount::Range { low, high } => write!(f, "{}..{}", end(low), end(high)),
        }
    }
}

/// One item a suite expects in a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// Characters of the input it covers (end exclusive); `None` when the suite gives no
    /// position that could be found.
    pub span: Option<CharSpan>,
    /// The text as the suite writes it.
    pub text: String,
    /// The amount.
    pub amount: Amount,
    /// `less_than` or `more_than` for Duckling's `under` and `above`.
    pub qualifier: Option<&'static str>,
    /// The suite's unit name (`Kilometer`, `Dollar`, a Duckling grain), if it has one.
    pub unit: Option<String>,
}

/// One input text and what it should yield.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Where it comes from: `file[index]`.
    pub id: String,
    /// The input text.
    pub input: String,
    /// The items expected; empty for a negative case.
    pub expected: Vec<Expected>,
    /// Marked `NotSupported: dotnet` (fails in Recognizers' reference implementation).
    pub dotnet: bool,
}

/// A parsed suite file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// The cases, in file order.
    pub cases: Vec<Case>,
    /// Expected items that cannot be scored (no value, relative ordinals).
    pub skipped: usize,
    /// Duckling latent cases, skipped.
    pub latent: usize,
}

/// Reads and parses the file of `spec` under the `eval/` folder `root`.
pub fn load(root: &Path, spec: &SuiteSpec) -> Result<Loaded, EvalError> {
    let path = root.join(spec.file);
    let bytes = std::fs::read(&path).map_err(|source| EvalError::Io { path: path.clone(), source })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| EvalError::Malformed { path: path.clone(), message: format!("not UTF-8: {e}") })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let file = Path::new(spec.file).file_name().and_then(|f| f.to_str()).unwrap_or(spec.file);
    let parsed = match spec.loader {
        Loader::Recognizers => recognizers::parse(text, file),
        Loader::Duckling => duckling::parse(text, file),
        Loader::Quantulum => quantulum::parse(text, file),
    };
    parsed.map_err(|message| EvalError::Malformed { path, message })
}

#[cfg(test)]
mod tests;
