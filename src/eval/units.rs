//! The unit map: which unit name of a peer suite each factex unit id counts as.
//!
//! The table lives in `data/eval_units.tsv` (one row per family, factex id, suite name and
//! optional scale) so that it can be completed without touching code; `--misses` lists the
//! suite names that no row maps yet. Durations are compared in seconds with the suites' own
//! calendar ([`seconds_per`]).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::data;

/// The unit map file (`data/eval_units.tsv`).
pub const EVAL_UNITS: &str = include_str!("../../data/eval_units.tsv");

/// Whose unit names a suite uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Microsoft Recognizers-Text (`Kilometer`, `Dollar`, `C`).
    Recognizers,
    /// facebook/duckling (`Kilometre`, `USD`, `Celsius`).
    Duckling,
    /// nielstron/quantulum3 (`kilometre`, `pound sterling`, `degree Celsius`).
    Quantulum,
}

impl Family {
    /// The family named `name` in the unit map.
    pub fn parse(name: &str) -> Option<Family> {
        Some(match name {
            "recognizers" => Family::Recognizers,
            "duckling" => Family::Duckling,
            "quantulum" => Family::Quantulum,
            _ => return None,
        })
    }

    /// The name used in the unit map.
    pub fn name(self) -> &'static str {
        match self {
            Family::Recognizers => "recognizers",
            Family::Duckling => "duckling",
            Family::Quantulum => "quantulum",
        }
    }
}

/// One row of the unit map.
#[derive(Debug, Clone, PartialEq)]
struct Link {
    /// A factex unit id, `kind:<kind>`, or `-`.
    factex: String,
    /// The suite's name, lowercased.
    suite: String,
    /// Suite value × scale = factex value.
    scale: f64,
}

/// The parsed unit map, keyed by family.
#[derive(Debug, Default)]
pub struct UnitMap {
    links: BTreeMap<Family, Vec<Link>>,
}

static BUILTIN: LazyLock<UnitMap> = LazyLock::new(|| UnitMap::parse(EVAL_UNITS).unwrap_or_else(|e| panic!("{e}")));

impl UnitMap {
    /// The built-in map from `data/eval_units.tsv`.
    pub fn builtin() -> &'static UnitMap {
        &BUILTIN
    }

    /// Parses the TSV format described at the top of `data/eval_units.tsv`.
    pub fn parse(src: &str) -> Result<UnitMap, String> {
        let mut map = UnitMap::default();
        for row in data::rows(src) {
            let row = row.map_err(|(line, reason)| format!("data/eval_units.tsv:{line}: {reason}"))?;
            let at = |reason: &str| format!("data/eval_units.tsv:{}: {reason}", row.line);
            let family = Family::parse(row.get(0)).ok_or_else(|| at("unknown family"))?;
            let (factex, suite) = (row.get(1), row.get(2));
            if factex.is_empty() || suite.is_empty() {
                return Err(at("a row needs a factex id and a suite unit"));
            }
            let scale = match row.get(3) {
                "" => 1.0,
                s => s.parse::<f64>().ok().filter(|v| v.is_finite() && *v != 0.0).ok_or_else(|| at("bad scale"))?,
            };
            map.links.entry(family).or_default().push(Link {
                factex: factex.to_string(),
                suite: suite.to_lowercase(),
                scale,
            });
        }
        Ok(map)
    }

    /// Every scale under which some factex unit counts as `suite_unit`, always including 1.
    /// Used for the value-only comparison, so that `50 cents` found as 0.5 USD still matches.
    pub fn scales(&self, family: Family, suite_unit: &str) -> Vec<f64> {
        let wanted = suite_unit.to_lowercase();
        let mut out = vec![1.0];
        for link in self.family(family) {
            if link.suite == wanted && link.factex != "-" && !out.contains(&link.scale) {
                out.push(link.scale);
            }
        }
        out
    }

    /// The factex units (with their scales) that `suite_unit` maps to.
    pub fn factex_units(&self, family: Family, suite_unit: &str) -> Vec<(&str, f64)> {
        let wanted = suite_unit.to_lowercase();
        self.family(family)
            .iter()
            .filter(|l| l.suite == wanted && l.factex != "-" && !l.factex.starts_with("kind:"))
            .map(|l| (l.factex.as_str(), l.scale))
            .collect()
    }

    /// The scales under which a prediction with `unit` and `kind` counts as `suite_unit`; empty
    /// when it does not. A unit id equal to the suite name (ignoring case) counts with scale 1.
    pub fn links(&self, family: Family, unit: Option<&str>, kind: &str, suite_unit: &str) -> Vec<f64> {
        let wanted = suite_unit.to_lowercase();
        let kind_key = format!("kind:{kind}");
        let mut out = Vec::new();
        if unit.is_some_and(|u| u.to_lowercase() == wanted) {
            out.push(1.0);
        }
        for link in self.family(family) {
            let key_matches = unit.is_some_and(|u| link.factex == u) || link.factex == kind_key;
            if key_matches && link.suite == wanted && !out.contains(&link.scale) {
                out.push(link.scale);
            }
        }
        out
    }

    /// True when some row names `suite_unit` (including `-` rows, which say that factex has
    /// deliberately no such unit).
    pub fn knows(&self, family: Family, suite_unit: &str) -> bool {
        let wanted = suite_unit.to_lowercase();
        self.family(family).iter().any(|link| link.suite == wanted)
    }

    fn family(&self, family: Family) -> &[Link] {
        self.links.get(&family).map_or(&[], Vec::as_slice)
    }
}

/// Seconds in one `unit` (a factex duration unit id or a Duckling grain, any case), by the
/// suites' calendar: a month is 30 days, a quarter 90 days, a year 365 days (Recognizers-Text
/// resolves `P1M` to 2,592,000 s and `P1Y` to 31,536,000 s). factex's own `si` value uses the
/// Gregorian averages, which differ by 0.07%, so it is only the fallback for other units.
pub fn seconds_per(unit: &str) -> Option<f64> {
    let unit = unit.to_ascii_lowercase();
    // The calendar compound durations are summed on (`1 year 2 days`).
    crate::quantity::nominal_seconds(if unit == "s" { "second" } else { &unit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_map_parses_and_is_sorted() {
        let map = UnitMap::builtin();
        assert!(!map.family(Family::Recognizers).is_empty());
        let rows: Vec<Vec<String>> = data::rows(EVAL_UNITS)
            .map(|r| {
                let r = r.unwrap();
                (0..3).map(|i| r.get(i).to_string()).collect()
            })
            .collect();
        let mut sorted = rows.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(rows, sorted, "data/eval_units.tsv must be sorted (bytewise) and without duplicates");
    }

    #[test]
    fn links_use_rows_kinds_and_same_names() {
        let map = UnitMap::parse(
            "recognizers\tkm\tKilometer\nrecognizers\tUSD\tCent\t0.01\nquantulum\tkind:count\tdimensionless\n",
        )
        .unwrap();
        assert_eq!(map.links(Family::Recognizers, Some("km"), "distance", "kilometer"), [1.0]);
        assert!(map.links(Family::Recognizers, Some("mi"), "distance", "Kilometer").is_empty());
        assert_eq!(map.links(Family::Recognizers, Some("USD"), "money", "Cent"), [0.01]);
        assert_eq!(map.links(Family::Quantulum, Some("car"), "count", "dimensionless"), [1.0]);
        assert_eq!(map.links(Family::Duckling, Some("cup"), "count", "Cup"), [1.0]);
        assert!(map.links(Family::Duckling, None, "number", "Cup").is_empty());
        assert_eq!(map.scales(Family::Recognizers, "cent"), [1.0, 0.01]);
        assert!(map.knows(Family::Recognizers, "KILOMETER"));
        assert!(!map.knows(Family::Duckling, "Kilometer"));
    }

    #[test]
    fn bad_rows_are_errors() {
        assert!(UnitMap::parse("mars\tkm\tKilometer\n").unwrap_err().contains(":1: unknown family"));
        assert!(UnitMap::parse("# c\nduckling\tkm\n").unwrap_err().contains(":2:"));
        assert!(UnitMap::parse("duckling\tkm\tKilometre\tx\n").unwrap_err().contains("bad scale"));
    }

    #[test]
    fn seconds_follow_the_suites_calendar() {
        assert_eq!(seconds_per("Hour"), Some(3600.0));
        assert_eq!(seconds_per("month"), Some(2_592_000.0));
        assert_eq!(seconds_per("year"), Some(31_536_000.0));
        assert_eq!(seconds_per("fortnight"), Some(1_209_600.0));
        assert_eq!(seconds_per("s"), Some(1.0));
        assert_eq!(seconds_per("km"), None);
    }
}
