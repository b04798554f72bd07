//! factex's quantities as the harness reads them: through their JSON form (the `factex/1`
//! contract), so that new kinds and fields need no change here.

use std::fmt;

use serde::Deserialize;

use super::Amount;
use super::score::CharSpan;
use super::units::seconds_per;
use crate::{Document, Extractor};

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
    /// The value in the SI unit, where the dimension has one (ignored when its shape is not
    /// `{value, unit}`).
    #[serde(default, deserialize_with = "lenient")]
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

/// `Some` when the field has the expected shape, `None` for anything else.
fn lenient<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
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

    pub(super) fn span(&self) -> CharSpan {
        (self.char_start, self.char_end)
    }

    pub(super) fn is_bound(&self) -> bool {
        matches!(self.qualifier.as_deref(), Some("more_than" | "less_than" | "at_least" | "at_most"))
    }

    /// Its amount in seconds, by the suites' calendar, falling back to `si`.
    pub(super) fn seconds(&self) -> Option<Amount> {
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
