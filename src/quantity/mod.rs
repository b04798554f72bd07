//! Stage 3: quantities — numbers with what they measure, normalized.
//!
//! Recognition starts from the digit numbers in the masked text ([`number`]). For each number,
//! in text order, the rule families are tried in a fixed order and the first that accepts it
//! produces a [`Quantity`]:
//!
//! 1. [`date`]: a month name next to it (`February 5`, `5 February 2024`, `March 2026`);
//! 2. [`name`]: a name before it (`Model 3`, `Level 3`, `RX 450h`) — the number is dropped;
//!    a number with letters glued to it (`3km`, `5G`) must then be a unit or is dropped;
//! 3. [`unit`]: a unit from `data/units.tsv` after it (`3.3%`, `1,200 km`, `10-minute`);
//! 4. [`year`] with a cue word (`in 2027`, `by 2035`);
//! 5. [`count`]: a counted plural noun after it (`851,200 vehicles`);
//! 6. [`year`] without a cue (`"2027"`, `restate 2000 and 2003 results`).
//!
//! A number no family accepts yields nothing. A rule may consume more than its number (a date
//! takes the year after it); numbers inside an accepted span are skipped. Finally [`qualifier`]
//! widens the span over words such as `nearly` or `exceeded` and sets the qualifier.

mod count;
mod date;
mod name;
pub mod number;
mod qualifier;
mod unit;
mod year;

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Serialize;

use crate::data;
use crate::segment::Segmentation;
use crate::text::Span;
use number::Number;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// Things counted: `851,200 vehicles` (unit: the singular noun).
    Count,
    /// A percentage: `3.3%`.
    Percent,
    /// A calendar year: `in 2027` (no unit).
    Year,
    /// A calendar date: `February 5` (value in `date`).
    Date,
    /// A length: `1,200 km`.
    Distance,
    /// A span of time: `20 years`, `10-minute`.
    Duration,
}

impl Kind {
    /// The kind named `name` in a data file.
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "count" => Kind::Count,
            "percent" => Kind::Percent,
            "year" => Kind::Year,
            "date" => Kind::Date,
            "distance" => Kind::Distance,
            "duration" => Kind::Duration,
            _ => return None,
        })
    }
}

/// How the text bounds the number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated as is.
    #[default]
    Exact,
    /// `nearly`, `about`, `some`, …
    Approx,
    /// `over`, `more than`, `exceeded`, …
    MoreThan,
    /// `under`, `less than`, `fewer than`, …
    LessThan,
    /// `at least`.
    AtLeast,
    /// `up to`, `at most`.
    AtMost,
}

impl Qualifier {
    /// The qualifier named `name` in a data file.
    pub fn parse(name: &str) -> Option<Qualifier> {
        Some(match name {
            "exact" => Qualifier::Exact,
            "approx" => Qualifier::Approx,
            "more_than" => Qualifier::MoreThan,
            "less_than" => Qualifier::LessThan,
            "at_least" => Qualifier::AtLeast,
            "at_most" => Qualifier::AtMost,
            _ => return None,
        })
    }
}

/// One recognized quantity, with its span in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// What it measures.
    pub kind: Kind,
    /// The normalized value; `None` for dates and for numbers too large for an `f64`.
    pub value: Option<f64>,
    /// Canonical unit id (`percent`, `km`, `minute`, or the counted noun); `None` for years and dates.
    pub unit: Option<Cow<'static, str>>,
    /// ISO 8601 (partial) date for [`Kind::Date`]: `2024-02-05`, `--02-05`, `2026-03`.
    pub date: Option<String>,
    /// How the text bounds the number.
    pub qualifier: Qualifier,
    /// Bytes in the document, qualifier words included.
    pub span: Span,
    /// The id of the rule that produced it (`unit.percent`, `count.noun`, …).
    pub rule: &'static str,
}

impl Quantity {
    fn new(kind: Kind, value: Option<f64>, span: Span, rule: &'static str) -> Quantity {
        Quantity { kind, value, unit: None, date: None, qualifier: Qualifier::Exact, span, rule }
    }

    fn with_unit(mut self, unit: impl Into<Cow<'static, str>>) -> Quantity {
        self.unit = Some(unit.into());
        self
    }
}

/// What a rule sees: the text, all numbers, which one is being decided, and the limits.
pub(crate) struct Cx<'a> {
    /// The masked document text.
    pub text: &'a str,
    /// Every number in the document.
    pub numbers: &'a [Number],
    /// Index of the number being decided.
    pub index: usize,
    /// Nothing may start before this byte (the end of the previous quantity).
    pub floor: usize,
    /// Start of the sentence the number is in.
    pub sentence_start: usize,
}

impl Cx<'_> {
    /// The number being decided.
    pub fn number(&self) -> &Number {
        &self.numbers[self.index]
    }
}

/// Word lists shared by several rule families.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    pub stopwords: HashSet<&'static str>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        Vocabulary { stopwords: data::words("stopwords.txt", data::STOPWORDS).collect() }
    }

    /// True for function words, compared in lowercase.
    pub fn is_stopword(&self, word: &str) -> bool {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.stopwords.contains(word.to_ascii_lowercase().as_str())
        } else {
            self.stopwords.contains(word)
        }
    }
}

/// Recognizes quantities; build once and share between threads.
#[derive(Debug)]
pub struct QuantityRecognizer {
    numbers: number::NumberScanner,
    vocabulary: Vocabulary,
    dates: date::DateRule,
    names: name::NameRule,
    units: unit::UnitRule,
    years: year::YearRule,
    counts: count::CountRule,
    qualifiers: qualifier::QualifierRule,
}

impl Default for QuantityRecognizer {
    fn default() -> QuantityRecognizer {
        QuantityRecognizer::new()
    }
}

impl QuantityRecognizer {
    /// A recognizer with the built-in tables from `data/`.
    pub fn new() -> QuantityRecognizer {
        QuantityRecognizer {
            numbers: number::NumberScanner::new(),
            vocabulary: Vocabulary::new(),
            dates: date::DateRule::new(),
            names: name::NameRule::new(),
            units: unit::UnitRule::new(),
            years: year::YearRule::new(),
            counts: count::CountRule::new(),
            qualifiers: qualifier::QualifierRule::new(),
        }
    }

    /// The quantities in a masked text, sorted by start.
    pub fn recognize(&self, text: &str, segmentation: &Segmentation) -> Vec<Quantity> {
        let numbers = self.numbers.scan(text);
        let mut out: Vec<Quantity> = Vec::new();
        let mut floor = 0;
        for index in 0..numbers.len() {
            let n = &numbers[index];
            if n.span.start < floor {
                continue;
            }
            let sentence_start =
                segmentation.sentences.get(segmentation.sentence_at(n.span.start)).map_or(0, |s| s.span.start);
            let cx = Cx { text, numbers: &numbers, index, floor, sentence_start: sentence_start.min(n.span.start) };
            if let Some(mut q) = self.decide(&cx) {
                self.qualifiers.apply(&cx, &mut q);
                floor = q.span.end;
                out.push(q);
            }
        }
        out
    }

    fn decide(&self, cx: &Cx) -> Option<Quantity> {
        let v = &self.vocabulary;
        if let Some(q) = self.dates.apply(cx) {
            return Some(q);
        }
        if self.names.is_name(cx, v) {
            return None;
        }
        if cx.number().glued {
            // Letters glued to the digits must be a unit ("3km"), or the number is a name ("5G").
            return self.units.apply(cx);
        }
        self.units
            .apply(cx)
            .or_else(|| self.years.apply_with_cue(cx))
            .or_else(|| self.counts.apply(cx, v))
            .or_else(|| self.years.apply_bare(cx))
    }
}

/// Test helper: the quantities of `text`, one line each: `kind value unit qualifier «text» rule`.
#[cfg(test)]
pub(crate) fn render(text: &str) -> Vec<String> {
    static RECOGNIZER: std::sync::LazyLock<QuantityRecognizer> = std::sync::LazyLock::new(QuantityRecognizer::new);
    let masked = crate::segment::mask(text);
    let segmentation = crate::segment::Segmenter::new().segment(&masked.text);
    RECOGNIZER
        .recognize(&masked.text, &segmentation)
        .iter()
        .map(|q| {
            let kind = serde_json::to_value(q.kind).unwrap();
            let qualifier = serde_json::to_value(q.qualifier).unwrap();
            let value = match (&q.date, q.value) {
                (Some(d), _) => d.clone(),
                (None, Some(v)) => v.to_string(),
                (None, None) => "-".into(),
            };
            let unit = q.unit.as_deref().unwrap_or("-");
            format!(
                "{} {value} {unit} {} «{}» {}",
                kind.as_str().unwrap(),
                qualifier.as_str().unwrap(),
                &text[q.span.start..q.span.end],
                q.rule
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn rule_order_and_spans() {
        assert_eq!(
            render("On February 5, Lexus sold nearly 851,200 vehicles in 2024, up 3.3%, with a 1,200 km range."),
            [
                "date --02-05 - exact «February 5» date.month_day",
                "count 851200 vehicle approx «nearly 851,200 vehicles» count.noun",
                "year 2024 - exact «2024» year.cue",
                "percent 3.3 percent exact «3.3%» unit.percent",
                "distance 1200 km exact «1,200 km» unit.distance",
            ]
        );
    }

    #[test]
    fn bare_numbers_yield_nothing() {
        assert!(render("It ranked 3 and scored 42, then 7.5.").is_empty());
    }
}
