//! Scoring one suite: which predictions count, when an expected item and a prediction are the
//! same, the tallies and the findings for `--misses`. The rules are listed in the [`super`]
//! module docs.

use std::collections::BTreeSet;

use serde::Serialize;

use super::score::{self, CharSpan, Counts, greedy_match, same_value};
use super::units::{UnitMap, seconds_per};
use super::{Amount, Case, Expected, Kinds, Loaded, NOT_NUMBERS, Prediction, RangeAsValue, SuiteSpec, known_kinds};
use crate::Extractor;

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
        if !take || (spec.glued_units_apart && glued_unit(p)) {
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

/// True for a measure whose number is glued to letters of its unit (`180ml`, `29km`, `1m`):
/// Recognizers' NumberModel leaves such tokens to its NumberWithUnit models (rule 1).
fn glued_unit(p: &Prediction) -> bool {
    let kind = p.kind.as_str();
    let measure = super::DIMENSION.contains(&kind) || matches!(kind, "temperature" | "duration");
    let Some(first) = p.text.find(|c: char| c.is_ascii_digit()) else { return false };
    let after = p.text[first..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    measure && after.starts_with(|c: char| c.is_alphabetic())
}

/// True when `expected` and `found` are the same amount, `found` read with the qualifier of
/// its prediction; `as_value` says whether and how a found range may stand for an expected
/// single value.
pub(super) fn same_amount(expected: Amount, found: Amount, qualifier: Option<&str>, as_value: RangeAsValue) -> bool {
    let same_end = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => same_value(a, b),
        (None, None) => true,
        _ => false,
    };
    match (expected, found) {
        (Amount::Value(e), Amount::Value(f)) => same_value(e, f),
        (Amount::Value(e), Amount::Range { low: Some(l), high: Some(h) }) => match as_value {
            RangeAsValue::No => false,
            RangeAsValue::Midpoint => same_value(e, (l + h) / 2.0),
            RangeAsValue::Ends => same_value(e, l) || same_value(e, h),
        },
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
        same_amount(expected.scaled(scale), found, c.prediction.qualifier.as_deref(), self.spec.range_as_value)
    }

    /// True when the prediction states the same physical quantity as `e` in another unit of the
    /// same dimension ("62 in" for "5.1667 Foot"): their SI values agree.
    fn same_si(&self, e: &Expected, c: &Counted) -> bool {
        let (Some(unit), Some(si), Amount::Value(expected)) = (&e.unit, &c.prediction.si, e.amount) else {
            return false;
        };
        self.units.factex_units(self.spec.family, unit).into_iter().any(|(factex, scale)| {
            crate::quantity::unit_conversion(factex).is_some_and(|conv| {
                conv.unit == si.unit && conv.apply(expected * scale).is_some_and(|v| same_value(v, si.value))
            })
        })
    }

    fn value(&self, e: &Expected, c: &Counted) -> bool {
        if self.same_si(e, c) {
            return true;
        }
        if self.spec.seconds {
            // The same time, or the same number as stated (`2 hours` for Duckling's `2 Minute`).
            let stated = e.unit.is_some()
                && c.prediction.amount().is_some_and(|found| same_amount(e.amount, found, None, RangeAsValue::No));
            return stated || self.same(e, c, 1.0);
        }
        match &e.unit {
            Some(unit) => self.units.scales(self.spec.family, unit).into_iter().any(|s| self.same(e, c, s)),
            None => self.same(e, c, 1.0),
        }
    }

    fn value_unit(&self, e: &Expected, c: &Counted) -> bool {
        if self.same_si(e, c) {
            return true;
        }
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
