//! Evaluation: factex's numeric extraction measured against public peer test suites.
//!
//! `factex eval PATH` reads the suites from the `eval/` folder at `PATH` (they are never copied
//! into the project), runs [`Extractor::extract`] on each case's input text and compares the
//! returned quantities with the expected items. Every suite is listed once in [`SUITES`], with its
//! file, its loader and which predictions it counts.
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
//!    `percent`, Dimension the physical kinds ([`PHYSICAL`]), and so on. A prediction of another
//!    kind is neither a hit nor a false positive there (it is shown as "not counted" next to a
//!    miss it overlaps). The Number suites (Recognizers `Number`, Duckling `Numeral`) count every
//!    kind with a numeric value except ordinals, dates and periods: Recognizers' NumberModel finds
//!    the number inside `3 km` or `$75 million`, so factex's `3 km` (value 3) matches an expected
//!    bare `3`; a range there counts as its two ends (two predictions with the range's span).
//!    quantulum3 counts the same kinds but keeps a range whole. NumberRange counts ranges and
//!    values with a bounding qualifier (`more_than`, `less_than`, `at_least`, `at_most`).
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
//!    value equal to its midpoint. Duckling's `under`/`above` are a value with the qualifier
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
pub mod quantulum;
pub mod recognizers;
pub mod score;
pub mod units;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Document, Extractor};
use score::{CharSpan, Counts, greedy_match, same_value};
use units::{Family, UnitMap, seconds_per};

/// The physical kinds that the Recognizers Dimension suite counts.
pub const PHYSICAL: &[&str] = &[
    "area",
    "data",
    "distance",
    "energy",
    "energy_density",
    "frequency",
    "fuel_economy",
    "mass",
    "power",
    "rotational_speed",
    "speed",
    "temperature",
    "torque",
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
}

const fn suite(name: &'static str, file: &'static str, loader: Loader, kinds: Kinds) -> SuiteSpec {
    let family = match loader {
        Loader::Recognizers => Family::Recognizers,
        Loader::Duckling => Family::Duckling,
        Loader::Quantulum => Family::Quantulum,
    };
    SuiteSpec { name, file, loader, family, kinds, seconds: false }
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
            Only(PHYSICAL),
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
        in_seconds(suite(
            "recognizers-duration",
            "recognizers-text/DateTime/DurationParser.json",
            Recognizers,
            Only(&["duration"]),
        )),
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

/// A factex quantity as its JSON form gives it (fields the harness does not use are ignored).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Prediction {
    /// `count`, `percent`, `money`, `distance`, …
    pub kind: String,
    /// The value of a single quantity.
    #[serde(default)]
    pub value: Option<f64>,
    /// Lower end of a range.
    #[serde(default)]
    pub low: Option<f64>,
    /// Upper end of a range.
    #[serde(default)]
    pub high: Option<f64>,
    /// Canonical unit id.
    #[serde(default)]
    pub unit: Option<String>,
    /// The value in the SI unit, where the dimension has one.
    #[serde(default)]
    pub si: Option<Si>,
    /// `exact`, `approx`, `more_than`, …
    #[serde(default)]
    pub qualifier: Option<String>,
    /// The text as written.
    pub text: String,
    /// First character.
    pub char_start: usize,
    /// One past the last character.
    pub char_end: usize,
}

/// A normalized SI value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Si {
    /// The value in `unit`.
    pub value: f64,
    /// The SI unit (`s`, `m`, `kg`, …).
    pub unit: String,
}

impl Prediction {
    /// The quantities factex finds in `text`.
    pub fn extract(extractor: &Extractor, id: &str, text: &str) -> Vec<Prediction> {
        let doc = Document::from_text(id, text);
        let facts = extractor.extract(&doc);
        // The records are plain serde structs; both directions succeed unless the `factex/1`
        // contract loses a field the harness needs, which the tests of this module would show.
        let json = serde_json::to_value(&facts.quantities).expect("quantities serialize");
        serde_json::from_value(json).expect("quantities have kind, text and character offsets")
    }

    /// Its amount: a range when it has `low` or `high`, else its value.
    pub fn amount(&self) -> Option<Amount> {
        if self.low.is_some() || self.high.is_some() {
            Some(Amount::Range { low: self.low, high: self.high })
        } else {
            self.value.map(Amount::Value)
        }
    }

    fn span(&self) -> CharSpan {
        (self.char_start, self.char_end)
    }

    fn is_bound(&self) -> bool {
        matches!(self.qualifier.as_deref(), Some("more_than" | "less_than" | "at_least" | "at_most"))
    }

    /// Its amount in seconds, by the suites' calendar, falling back to `si`.
    fn seconds(&self) -> Option<Amount> {
        if let Some(per) = self.unit.as_deref().and_then(seconds_per) {
            return self.amount().map(|a| a.scaled(per));
        }
        match (&self.si, self.amount()) {
            (Some(si), Some(Amount::Value(_))) if si.unit == "s" => Some(Amount::Value(si.value)),
            _ => None,
        }
    }
}

impl fmt::Display for Prediction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(amount) = self.amount() {
            write!(f, " {amount}")?;
        }
        if let Some(unit) = &self.unit {
            write!(f, " {unit}")?;
        }
        if let Some(q) = self.qualifier.as_deref().filter(|q| *q != "exact") {
            write!(f, " ({q})")?;
        }
        write!(f, " «{}»", self.text)
    }
}

/// A prediction counted by a suite, with the amount it is compared by.
#[derive(Debug, Clone)]
struct Counted<'a> {
    prediction: &'a Prediction,
    amount: Option<Amount>,
}

/// The predictions `spec` counts, in order.
fn counted<'a>(spec: &SuiteSpec, predictions: &'a [Prediction]) -> Vec<Counted<'a>> {
    let mut out = Vec::new();
    for p in predictions {
        let Some(amount) = p.amount() else { continue };
        let numeric = !NOT_NUMBERS.contains(&p.kind.as_str());
        let take = match spec.kinds {
            Kinds::Only(kinds) => kinds.contains(&p.kind.as_str()),
            Kinds::Numbers | Kinds::Quantities => numeric,
            Kinds::Bounds => matches!(amount, Amount::Range { .. }) || p.is_bound(),
        };
        if !take {
            continue;
        }
        let amount = if spec.seconds { p.seconds() } else { Some(amount) };
        match (spec.kinds, amount) {
            (Kinds::Numbers, Some(Amount::Range { low, high })) => {
                for end in [low, high].into_iter().flatten() {
                    out.push(Counted { prediction: p, amount: Some(Amount::Value(end)) });
                }
            }
            _ => out.push(Counted { prediction: p, amount }),
        }
    }
    out
}

/// True when `expected` and `found` are the same amount, `found` read with the qualifier of
/// its prediction; `midpoint` lets a range stand for its midpoint.
fn same_amount(expected: Amount, found: Amount, qualifier: Option<&str>, midpoint: bool) -> bool {
    let same_end = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => same_value(a, b),
        (None, None) => true,
        _ => false,
    };
    match (expected, found) {
        (Amount::Value(e), Amount::Value(f)) => same_value(e, f),
        (Amount::Value(e), Amount::Range { low: Some(l), high: Some(h) }) => midpoint && same_value(e, (l + h) / 2.0),
        (Amount::Value(_), Amount::Range { .. }) => false,
        (Amount::Range { low, high }, Amount::Range { low: l, high: h }) => same_end(low, l) && same_end(high, h),
        (Amount::Range { low, high }, Amount::Value(v)) => {
            let (l, h) = match qualifier {
                Some("more_than" | "at_least") => (Some(v), None),
                Some("less_than" | "at_most") => (None, Some(v)),
                None | Some("exact") => (Some(v), Some(v)),
                Some(_) => return false,
            };
            same_end(low, l) && same_end(high, h)
        }
    }
}

/// Compares one expected item with one counted prediction.
struct Judge<'a> {
    spec: &'a SuiteSpec,
    units: &'a UnitMap,
}

impl Judge<'_> {
    /// The expected amount as compared: in seconds for duration suites.
    fn expected_amount(&self, e: &Expected) -> Option<Amount> {
        if !self.spec.seconds {
            return Some(e.amount);
        }
        match &e.unit {
            Some(grain) => seconds_per(grain).map(|per| e.amount.scaled(per)),
            None => Some(e.amount),
        }
    }

    fn same(&self, e: &Expected, c: &Counted, scale: f64) -> bool {
        let (Some(expected), Some(found)) = (self.expected_amount(e), c.amount) else { return false };
        let midpoint = self.spec.kinds == Kinds::Quantities;
        same_amount(expected.scaled(scale), found, c.prediction.qualifier.as_deref(), midpoint)
    }

    fn value(&self, e: &Expected, c: &Counted) -> bool {
        if self.spec.seconds {
            // The same time, or the same number as stated (`2 hours` for Duckling's `2 Minute`).
            let stated = e.unit.is_some()
                && c.prediction.amount().is_some_and(|found| same_amount(e.amount, found, None, false));
            return stated || self.same(e, c, 1.0);
        }
        match &e.unit {
            Some(unit) => self.units.scales(self.spec.family, unit).into_iter().any(|s| self.same(e, c, s)),
            None => self.same(e, c, 1.0),
        }
    }

    fn value_unit(&self, e: &Expected, c: &Counted) -> bool {
        if self.spec.seconds {
            // Equal seconds already say that the unit is right, whatever grain the suite uses.
            return self.same(e, c, 1.0);
        }
        let Some(unit) = &e.unit else { return self.value(e, c) };
        let p = c.prediction;
        let links = self.units.links(self.spec.family, p.unit.as_deref(), &p.kind, unit);
        links.into_iter().any(|s| self.same(e, c, s))
    }
}

/// Counts of one part of a suite (its main cases, or the `NotSupported dotnet` ones).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Cases scored.
    pub cases: usize,
    /// Matching on the value alone.
    pub value: Counts,
    /// Matching on value and unit.
    pub value_unit: Counts,
}

/// What went wrong with one item, for `--misses`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Expected, and no counted prediction has its value.
    Missed,
    /// Expected, found with the right value but another unit.
    WrongUnit,
    /// Predicted, matching no expected value.
    Spurious,
}

/// One missed, mis-united or spurious item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The case id (`NumberModel.json[12]`).
    pub case: String,
    /// From a `NotSupported dotnet` case.
    pub dotnet: bool,
    /// The input text.
    pub input: String,
    /// What went wrong.
    pub status: Status,
    /// The expected item (`«five years old» 5 Year`), for misses and wrong units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What factex found there: the prediction itself (spurious, wrong unit), or every
    /// quantity overlapping a missed item, counted or not.
    pub got: Vec<String>,
}

/// The result of one suite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuiteReport {
    /// The suite name.
    pub suite: &'static str,
    /// Its file, relative to the `eval/` folder.
    pub file: &'static str,
    /// The main cases.
    pub main: Tally,
    /// The cases marked `NotSupported dotnet`, if the suite has any.
    pub dotnet: Option<Tally>,
    /// Expected items that could not be scored.
    pub skipped: usize,
    /// Latent cases skipped.
    pub latent: usize,
    /// Misses, wrong units and spurious predictions, in case order.
    pub findings: Vec<Finding>,
    /// Suite unit names that no row of the unit map names.
    pub unmapped_units: BTreeSet<String>,
    /// Predicted kinds that are not in [`known_kinds`].
    pub unknown_kinds: BTreeSet<String>,
}

/// Runs `extractor` over every case of a loaded suite and scores it.
pub fn evaluate(extractor: &Extractor, spec: &'static SuiteSpec, loaded: &Loaded, units: &UnitMap) -> SuiteReport {
    evaluate_with(spec, loaded, units, |case| Prediction::extract(extractor, &case.id, &case.input))
}

/// Scores a loaded suite against the predictions `predict` gives for each case.
pub fn evaluate_with(
    spec: &'static SuiteSpec,
    loaded: &Loaded,
    units: &UnitMap,
    mut predict: impl FnMut(&Case) -> Vec<Prediction>,
) -> SuiteReport {
    let judge = Judge { spec, units };
    let known = known_kinds();
    let mut main = Tally::default();
    let mut dotnet: Option<Tally> = None;
    let mut findings = Vec::new();
    let mut unknown_kinds = BTreeSet::new();
    let mut unmapped_units = BTreeSet::new();

    for case in &loaded.cases {
        let predictions = predict(case);
        for p in &predictions {
            if !known.contains(p.kind.as_str()) {
                unknown_kinds.insert(p.kind.clone());
            }
        }
        for unit in case.expected.iter().filter_map(|e| e.unit.as_deref()) {
            if !units.knows(spec.family, unit) {
                unmapped_units.insert(unit.to_string());
            }
        }
        let counted = counted(spec, &predictions);
        let expected_spans: Vec<Option<CharSpan>> = case.expected.iter().map(|e| e.span).collect();
        let counted_spans: Vec<CharSpan> = counted.iter().map(|c| c.prediction.span()).collect();
        let by_value =
            greedy_match(&expected_spans, &counted_spans, |i, j| judge.value(&case.expected[i], &counted[j]));
        let by_unit =
            greedy_match(&expected_spans, &counted_spans, |i, j| judge.value_unit(&case.expected[i], &counted[j]));

        let tally = if case.dotnet { dotnet.get_or_insert_with(Tally::default) } else { &mut main };
        tally.cases += 1;
        let counts = |matched: usize| Counts { expected: case.expected.len(), predicted: counted.len(), matched };
        tally.value.add(counts(by_value.len()));
        tally.value_unit.add(counts(by_unit.len()));

        let finding = |status, expected: Option<String>, got: Vec<String>| Finding {
            case: case.id.clone(),
            dotnet: case.dotnet,
            input: case.input.clone(),
            status,
            expected,
            got,
        };
        for (i, e) in case.expected.iter().enumerate() {
            if by_unit.iter().any(|&(ei, _)| ei == i) {
                continue;
            }
            let shown = Some(describe_expected(e));
            match by_value.iter().find(|&&(ei, _)| ei == i) {
                Some(&(_, j)) => {
                    findings.push(finding(Status::WrongUnit, shown, vec![counted[j].prediction.to_string()]))
                }
                None => {
                    let got = predictions
                        .iter()
                        .filter(|p| e.span.is_none_or(|s| score::overlap(s, p.span()) > 0))
                        .map(|p| {
                            let is_counted = counted.iter().any(|c| std::ptr::eq(c.prediction, p));
                            if is_counted { p.to_string() } else { format!("{p} [not counted here]") }
                        })
                        .collect();
                    findings.push(finding(Status::Missed, shown, got));
                }
            }
        }
        for (j, c) in counted.iter().enumerate() {
            // A range split into its two ends is one prediction: report it once.
            let first = counted.iter().position(|o| std::ptr::eq(o.prediction, c.prediction)) == Some(j);
            let matched = by_value.iter().any(|&(_, pj)| std::ptr::eq(counted[pj].prediction, c.prediction));
            if first && !matched {
                findings.push(finding(Status::Spurious, None, vec![c.prediction.to_string()]));
            }
        }
    }
    SuiteReport {
        suite: spec.name,
        file: spec.file,
        main,
        dotnet,
        skipped: loaded.skipped,
        latent: loaded.latent,
        findings,
        unmapped_units,
        unknown_kinds,
    }
}

fn describe_expected(e: &Expected) -> String {
    let mut out = format!("«{}» ", e.text);
    match e.qualifier {
        Some("less_than") => out.push_str("under "),
        Some("more_than") => out.push_str("above "),
        _ => {}
    }
    out.push_str(&e.amount.to_string());
    if let Some(unit) = &e.unit {
        out.push(' ');
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests;
