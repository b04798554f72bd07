//! Stage 3: quantities — numbers with what they measure, normalized.
//!
//! Recognition starts from the numbers in the masked text ([`number`]: digits and spelled-out
//! words). For each number, in text order, the rule families are tried in a fixed order and the
//! first that accepts it produces a [`Quantity`]:
//!
//! 1. [`time`]: a time of day (`6pm`, `10 a.m.`, `1500 GMT`) — dropped;
//! 2. ordinals (`1st`, `third`): a [`date`] day (`5th of May`), a [`period`] (`third quarter`,
//!    `first half`), or an [`ordinal`];
//! 3. [`date`]: a month name next to it (`February 5`, `5 February 2024`, `March 2026`);
//! 4. [`period`]: decades and fiscal years (`the 1990s`, `fiscal 2025`, `2024/25`);
//! 5. [`name`]: a name before it (`Model 3`, `Level 3`, `RX 450h`) — dropped;
//! 6. [`money`]: a currency before or after it (`$1.13bn`, `£600m`, `1.5 mln dlrs`);
//! 7. [`age`]: `35-year-old`, `aged 60`;
//! 8. [`unit`]: a unit from `data/units.tsv` after it (`3.3%`, `1,200 km`, `250kW`, `10-minute`),
//!    or a measure per unit of time (`400,000 tonnes a year`, from `data/rates.tsv`);
//!    a number with letters glued to it that are no unit (`5G`) stops here and is dropped;
//! 9. [`year`] with a cue word (`in 2027`, `by 2035`);
//! 10. [`count`]: a counted plural noun after it (`851,200 vehicles`, `2,500 charging stations`);
//! 11. [`year`] without a cue (`"2027"`);
//! 12. a bare number (`fell 4.1% to 36,900`), kind `number`.
//!
//! Before the families, [`ratio`] reads a proportion (`one in five`, `three out of four`) or a
//! fraction read aloud (`one over three`) as its value.
//!
//! Tokens that are not read number by number — period tokens (`Q3 2024`, `H1`, `FY2025`) and
//! numeric dates (`2024-02-05`, `04/09/87`) — are found by [`period`] and [`date`] before the
//! loop and take precedence over the numbers inside them. After a quantity is decided, [`range`] joins it with the next one
//! (`10-15%`, `between 5 and 10 km`, `from 2025 to 2027`) — or [`compound`] joins a measure written
//! in several units (`5 feet 2 inches`) —, [`qualifier`] widens the span over
//! words such as `nearly` or `or more`, and [`change`] marks changes (`rose 3.3%`, `a 3.3%
//! year-on-year increase`) with their basis.

mod age;
mod change;
mod compound;
mod count;
mod date;
pub mod lexicon;
mod money;
mod name;
pub mod number;
mod ordinal;
mod percent_of;
mod period;
mod qualifier;
mod range;
mod ratio;
mod time;
mod token;
mod unit;
mod year;

pub(crate) use compound::nominal_seconds;

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use serde::Serialize;

use crate::bitset::Starts;
use crate::data;
use crate::segment::Segmentation;
use crate::text::Span;
use number::{Form, Number};

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// A number without unit: `fell 4.1% to 36,900`.
    Number,
    /// Things counted: `851,200 vehicles` (unit: the singular noun).
    Count,
    /// A percentage, percentage points or basis points.
    Percent,
    /// Money: `$1.13bn` (unit: ISO 4217 code, value in the major unit).
    Money,
    /// A calendar year: `in 2027` (no unit).
    Year,
    /// A calendar date: `February 5` (ISO 8601 string in `date`).
    Date,
    /// A decade: `the 1990s` (value: first year; `period` "1990/1999").
    Decade,
    /// A quarter, half or fiscal year: `Q3 2024` (`period` "2024-Q3").
    Period,
    /// An ordinal: `first`, `1st`, `second-largest`.
    Ordinal,
    /// An age: `35-year-old`.
    Age,
    /// A span of time: `20 years`, `10-minute`.
    Duration,
    /// A length: `1,200 km`.
    Distance,
    /// A speed: `120 km/h`.
    Speed,
    /// A mass: `3 tonnes`.
    Mass,
    /// A volume: `2.0 litres`.
    Volume,
    /// A volume per time: `500,000 barrels per day`.
    Flow,
    /// An area: `40 hectares`.
    Area,
    /// Energy: `80 kWh`.
    Energy,
    /// Energy per mass: `300 Wh/kg`.
    EnergyDensity,
    /// Energy per distance: `15 kWh/100km`.
    Consumption,
    /// Power: `250kW`, `300 hp`.
    Power,
    /// Torque: `400 Nm`.
    Torque,
    /// Temperature: `-20°C`.
    Temperature,
    /// Digital storage: `16 GB`.
    Data,
    /// Frequency: `5 GHz`.
    Frequency,
    /// Fuel economy: `40 mpg`, `5.9 l/100km`.
    FuelEconomy,
    /// Rotational speed: `6,000 rpm`.
    Rotation,
    /// An angle: `90 degrees`, `0.8 rad`.
    Angle,
    /// A data rate: `100 Mbps`.
    DataRate,
    /// Voltage: `800V`.
    Voltage,
    /// Electric charge: `100 Ah`.
    Charge,
    /// Electric current: `32 amps`.
    Current,
    /// Acceleration: `9.8 m/s2`.
    Acceleration,
    /// Mass per time: `4,500 tpd`, `400,000 tonnes a year`.
    MassFlow,
    /// A dose of ionizing radiation: `14 mGy`, `20 millisieverts`.
    RadiationDose,
    /// A radiation dose per time: `2.5 µSv/h`, `1 mSv a year`.
    DoseRate,
    /// Action (energy × time): `6.6e-34 J·s`.
    Action,
    /// Integrated luminosity of a particle collider: `5 fb−1`.
    IntegratedLuminosity,
    /// Mass per volume: `5.5 g/cm3`, `300 µg/m3`.
    Density,
}

impl Kind {
    /// The kind named `name` in a data file.
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "number" => Kind::Number,
            "count" => Kind::Count,
            "percent" => Kind::Percent,
            "money" => Kind::Money,
            "year" => Kind::Year,
            "date" => Kind::Date,
            "decade" => Kind::Decade,
            "period" => Kind::Period,
            "ordinal" => Kind::Ordinal,
            "age" => Kind::Age,
            "duration" => Kind::Duration,
            "distance" => Kind::Distance,
            "speed" => Kind::Speed,
            "mass" => Kind::Mass,
            "volume" => Kind::Volume,
            "flow" => Kind::Flow,
            "area" => Kind::Area,
            "energy" => Kind::Energy,
            "energy_density" => Kind::EnergyDensity,
            "consumption" => Kind::Consumption,
            "power" => Kind::Power,
            "torque" => Kind::Torque,
            "temperature" => Kind::Temperature,
            "data" => Kind::Data,
            "frequency" => Kind::Frequency,
            "fuel_economy" => Kind::FuelEconomy,
            "rotation" => Kind::Rotation,
            "angle" => Kind::Angle,
            "data_rate" => Kind::DataRate,
            "voltage" => Kind::Voltage,
            "charge" => Kind::Charge,
            "current" => Kind::Current,
            "acceleration" => Kind::Acceleration,
            "mass_flow" => Kind::MassFlow,
            "radiation_dose" => Kind::RadiationDose,
            "dose_rate" => Kind::DoseRate,
            "action" => Kind::Action,
            "integrated_luminosity" => Kind::IntegratedLuminosity,
            "density" => Kind::Density,
            _ => return None,
        })
    }

    /// True for kinds that place a quantity in time rather than measure something.
    pub fn is_temporal(self) -> bool {
        matches!(self, Kind::Year | Kind::Date | Kind::Decade | Kind::Period)
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
    /// `at least`, `or more`.
    AtLeast,
    /// `up to`, `at most`, `as much as`.
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

/// The direction of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// rose, gained, a 3.3% increase.
    Up,
    /// fell, cut, a 5% drop.
    Down,
}

/// What a change is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// year-on-year, y/y.
    YearOnYear,
    /// quarter-on-quarter, sequentially.
    QuarterOnQuarter,
    /// month-on-month.
    MonthOnMonth,
    /// from a year earlier, from the previous year.
    FromAYearEarlier,
    /// from a quarter earlier.
    FromAQuarterEarlier,
    /// from a month earlier.
    FromAMonthEarlier,
}

impl Basis {
    /// The basis named `name` in a data file.
    pub fn parse(name: &str) -> Option<Basis> {
        Some(match name {
            "year_on_year" => Basis::YearOnYear,
            "quarter_on_quarter" => Basis::QuarterOnQuarter,
            "month_on_month" => Basis::MonthOnMonth,
            "from_a_year_earlier" => Basis::FromAYearEarlier,
            "from_a_quarter_earlier" => Basis::FromAQuarterEarlier,
            "from_a_month_earlier" => Basis::FromAMonthEarlier,
            _ => return None,
        })
    }
}

/// How a unit converts to its SI unit: `si = (value + offset) × factor`, or `factor / value`
/// for inverse units (mpg → l/100km).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conversion {
    /// Multiplier (or numerator for inverse units).
    pub factor: f64,
    /// Added before multiplying (temperatures).
    pub offset: f64,
    /// True for inverse units.
    pub inverse: bool,
    /// The SI (or normal) unit.
    pub unit: &'static str,
}

impl Conversion {
    /// The SI value of `value`, when finite.
    pub fn apply(&self, value: f64) -> Option<f64> {
        let si = if self.inverse { self.factor / value } else { (value + self.offset) * self.factor };
        si.is_finite().then_some(si)
    }
}

/// A value in the SI unit of its dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Si {
    /// The value, for single quantities.
    pub value: Option<f64>,
    /// The low end, for ranges.
    pub low: Option<f64>,
    /// The high end, for ranges.
    pub high: Option<f64>,
    /// The SI unit (`m`, `kg`, `J`, `s`, …).
    pub unit: &'static str,
}

/// One recognized quantity, with its span in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// What it measures.
    pub kind: Kind,
    /// The normalized value; `None` for ranges, dates and periods, and for numbers too large
    /// for an `f64`.
    pub value: Option<f64>,
    /// The low end of a range.
    pub low: Option<f64>,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Canonical unit id (`percent`, `km`, `USD`, `minute`, or the counted noun).
    pub unit: Option<Cow<'static, str>>,
    /// How the unit converts to SI, when it has a physical dimension.
    pub conversion: Option<Conversion>,
    /// ISO 8601 (partial) date for [`Kind::Date`]: `2024-02-05`, `--02-05`, `2026-03`.
    pub date: Option<String>,
    /// ISO-like period for [`Kind::Period`] and [`Kind::Decade`]: `2024-Q3`, `FY2025`, `1990/1999`.
    pub period: Option<String>,
    /// How the text bounds the number.
    pub qualifier: Qualifier,
    /// Set when the text presents the quantity as a change.
    pub change: Option<Change>,
    /// What the change is measured against, when stated.
    pub basis: Option<Basis>,
    /// Bytes in the document, qualifier words included.
    pub span: Span,
    /// The id of the rule that produced it (`unit.percent`, `count.noun`, …).
    pub rule: &'static str,
    /// True for money written in a minor unit (cents, pence), already converted.
    pub(crate) minor: bool,
}

impl Quantity {
    fn new(kind: Kind, value: Option<f64>, span: Span, rule: &'static str) -> Quantity {
        Quantity {
            kind,
            value,
            low: None,
            high: None,
            unit: None,
            conversion: None,
            date: None,
            period: None,
            qualifier: Qualifier::Exact,
            change: None,
            basis: None,
            span,
            rule,
            minor: false,
        }
    }

    fn with_unit(mut self, unit: impl Into<Cow<'static, str>>) -> Quantity {
        self.unit = Some(unit.into());
        self
    }

    /// Drops the values that are not finite: a number too large for an `f64` is reported by its
    /// text alone, and a range only with both ends. In place: a quantity is large, and moving it
    /// in and out costs a copy.
    fn make_finite(&mut self) {
        self.value = self.value.filter(|v| v.is_finite());
        if !self.low.is_some_and(f64::is_finite) || !self.high.is_some_and(f64::is_finite) {
            (self.low, self.high) = (None, None);
        }
    }

    /// The value in SI units, when the unit has a physical dimension.
    pub fn si(&self) -> Option<Si> {
        let c = self.conversion?;
        let convert = |v: Option<f64>| v.and_then(|v| c.apply(v));
        let si = Si { value: convert(self.value), low: convert(self.low), high: convert(self.high), unit: c.unit };
        // A range needs both ends ("1 to 1e308 miles" has no SI value: the high end overflows).
        (si.value.is_some() || si.low.is_some() && si.high.is_some()).then_some(si)
    }
}

/// How the unit with canonical id `unit` (`km`, `lb`, `degF`) converts to SI, from
/// `data/units.tsv`; `None` for units without a physical dimension.
pub fn unit_conversion(unit: &str) -> Option<Conversion> {
    static UNITS: std::sync::LazyLock<unit::UnitRule> = std::sync::LazyLock::new(unit::UnitRule::new);
    UNITS.definition(unit).and_then(|d| d.conversion)
}

/// How far (in bytes) around a number its context checks look.
pub(crate) const CONTEXT_WINDOW: usize = 200;

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
    /// The document's sentences, where the few rules that read the number's sentence find it.
    pub segmentation: &'a Segmentation,
    /// `numbers[index]`, looked up once: the rules ask for it many times per number.
    number: &'a Number,
}

impl<'a> Cx<'a> {
    /// The context of `numbers[index]`.
    pub fn new(
        text: &'a str,
        numbers: &'a [Number],
        index: usize,
        floor: usize,
        segmentation: &'a Segmentation,
    ) -> Cx<'a> {
        Cx { text, numbers, index, floor, segmentation, number: &numbers[index] }
    }
}

impl Cx<'_> {
    /// The number being decided.
    pub fn number(&self) -> &Number {
        self.number
    }

    /// The start and end of the sentence the number is in (the number alone when no sentence
    /// holds its start), looked up when a rule asks: most numbers are decided without it.
    pub fn sentence_bounds(&self) -> (usize, usize) {
        let n = self.number().span;
        let segmentation = self.segmentation;
        let sentence = segmentation.sentences.get(segmentation.sentence_at(n.start)).map(|s| s.span);
        let (start, end) = match sentence {
            Some(s) if s.start <= n.start && n.start < s.end => (s.start, s.end),
            _ => (n.start, self.text.len().min(n.end.max(n.start))),
        };
        (start, end.max(n.end))
    }

    /// Start of the sentence the number is in.
    pub fn sentence_start(&self) -> usize {
        self.sentence_bounds().0
    }

    /// End of the sentence the number is in.
    pub fn sentence_end(&self) -> usize {
        self.sentence_bounds().1
    }

    /// The part of the number's sentence within `CONTEXT_WINDOW` bytes of it: what context
    /// checks read. Bounded so that a document that is one huge "sentence" stays linear.
    pub fn sentence(&self) -> &str {
        let n = self.number().span;
        let (sentence_start, sentence_end) = self.sentence_bounds();
        let mut start = sentence_start.max(n.start.saturating_sub(CONTEXT_WINDOW));
        let mut end = sentence_end.min(n.end + CONTEXT_WINDOW).max(start);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        &self.text[start..end]
    }

    /// True when no letter or digit stands between the start of the sentence and `pos` (looking
    /// back at most `CONTEXT_WINDOW` bytes; farther counts as not initial).
    pub fn sentence_initial(&self, pos: usize) -> bool {
        let sentence_start = self.sentence_start();
        let from = sentence_start.max(pos.saturating_sub(CONTEXT_WINDOW));
        let from = (from..=pos).find(|&i| self.text.is_char_boundary(i)).unwrap_or(pos);
        from == sentence_start.min(pos) && self.text[from..pos].chars().all(|c| !c.is_alphanumeric())
    }
}

/// A word list (or a map from words) looked up behind a filter of its words' shapes — their
/// length and first and last bytes, letters in either case —: most words of a text have no
/// shape of the list, and are rejected by one bit without being lowercased and hashed. Where a
/// word is looked for at a position, the first (or last) two bytes there reject most positions
/// before the word is even delimited.
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    map: HashMap<Box<str>, V>,
    shapes: Box<[u64; SHAPE_WORDS]>,
    /// The first two bytes of the words in lower case.
    starts: Box<Starts>,
    /// The last two bytes of the words in lower case, the last first.
    ends: Box<Starts>,
}

/// The filter's size in 64-bit words: 4 bits of length, 6 of each end byte.
const SHAPE_WORDS: usize = (1 << 16) / 64;

/// The filter bit of a word's shape: its length (15 for longer words), and the low six bits of
/// its first and last bytes in lower case (a letter and its capital share them).
fn shape(word: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else { return 0 };
    let end = |b: u8| usize::from(b.to_ascii_lowercase() & 0x3f);
    word.len().min(15) << 12 | end(first) << 6 | end(last)
}

impl<V> WordMap<V> {
    /// The map of `entries`.
    pub fn new<K: Into<Box<str>>>(entries: impl IntoIterator<Item = (K, V)>) -> WordMap<V> {
        let mut words = WordMap {
            map: HashMap::default(),
            shapes: Box::new([0; SHAPE_WORDS]),
            starts: Box::default(),
            ends: Box::default(),
        };
        for (word, value) in entries {
            let word = word.into();
            let bit = shape(word.as_bytes());
            words.shapes[bit / 64] |= 1 << (bit % 64);
            let lower = word.to_ascii_lowercase().into_bytes();
            words.starts.insert(&lower[..lower.len().min(2)]);
            words.ends.insert(&lower.iter().rev().take(2).copied().collect::<Vec<_>>());
            words.map.insert(word, value);
        }
        words
    }
}

impl WordMap<()> {
    /// The list of `words`.
    pub fn set<K: Into<Box<str>>>(words: impl IntoIterator<Item = K>) -> WordMap<()> {
        WordMap::new(words.into_iter().map(|w| (w, ())))
    }
}

impl<V> WordMap<V> {
    /// True when a word of the list may have `word`'s shape (in any case).
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let bit = shape(word.as_bytes());
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The value of `word` as written.
    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.may_hold(word) {
            return None;
        }
        self.map.get(word)
    }

    /// The value of `word` in ASCII lower case.
    pub fn get_lower(&self, word: &str) -> Option<&V> {
        if !self.may_hold(word) {
            return None;
        }
        self.map.get(&*crate::text::lower(word, &mut [0; 32]))
    }

    /// True when a word of the list may start at `pos` of `bytes` (in any case): its first two
    /// bytes there, or the last byte.
    #[inline]
    pub fn may_start_at(&self, bytes: &[u8], pos: usize) -> bool {
        match *bytes.get(pos..).unwrap_or_default() {
            [] => false,
            [a] => self.starts.may_start_at(&[a.to_ascii_lowercase()], 0),
            [a, b, ..] => self.starts.may_start_at(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()], 0),
        }
    }

    /// True when a word of the list may end at `end` of `bytes` (in any case): its last two
    /// bytes there, or the first byte.
    #[inline]
    pub fn may_end_at(&self, bytes: &[u8], end: usize) -> bool {
        match *bytes.get(..end).unwrap_or_default() {
            [] => false,
            [a] => self.ends.may_start_at(&[a.to_ascii_lowercase()], 0),
            [.., b, a] => self.ends.may_start_at(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()], 0),
        }
    }

    /// The word that starts at `pos` ([`crate::text::word_starting_at`]), in ASCII lower case,
    /// when it is in the list: its end and value.
    pub fn get_lower_at(&self, text: &str, pos: usize) -> Option<(usize, &V)> {
        if !self.may_start_at(text.as_bytes(), pos) {
            return None;
        }
        let (end, word) = crate::text::word_starting_at(text, pos)?;
        Some((end, self.get_lower(word)?))
    }

    /// True when `word` is in the list as written.
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// True when `word` in ASCII lower case is in the list.
    pub fn contains_lower(&self, word: &str) -> bool {
        self.get_lower(word).is_some()
    }
}

/// Word lists shared by several rule families.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    pub stopwords: WordMap<()>,
    pub number_words: WordMap<()>,
    /// Scale words in lowercase (`mln`, `billion`, `k`), from `data/scales.tsv`.
    pub scales: WordMap<()>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        Vocabulary {
            stopwords: WordMap::set(data::words("stopwords.txt", data::STOPWORDS)),
            number_words: WordMap::set(data::words("number_words.tsv", data::NUMBER_WORDS)),
            scales: WordMap::set(data::words("scales.tsv", data::SCALES).map(str::to_ascii_lowercase)),
        }
    }

    /// True for spelled-out number words ("nine", "million"), compared in lowercase.
    pub fn is_number_word(&self, word: &str) -> bool {
        self.number_words.contains_lower(word)
    }

    /// True for scale words ("mln", "billion"), compared in lowercase.
    pub fn is_scale_word(&self, word: &str) -> bool {
        self.scales.contains_lower(word)
    }

    /// True for function words, compared in lowercase.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains_lower(word)
    }
}

/// The vectors [`QuantityRecognizer::recognize_in`] works in, kept from one document to the
/// next so that their room is allocated once.
#[derive(Debug, Default)]
pub struct QuantityBuffers {
    /// The number atoms.
    numbers: number::NumberBuffers,
    /// Where the period and date tokens are.
    tokens: token::Tokens,
    /// The period and date tokens read as quantities, in text order.
    token_quantities: Vec<Quantity>,
    /// The quantities found.
    found: Vec<Quantity>,
}

/// Recognizes quantities; build once and share between threads.
#[derive(Debug)]
pub struct QuantityRecognizer {
    numbers: number::NumberScanner,
    vocabulary: Vocabulary,
    times: time::TimeRule,
    dates: date::DateRule,
    periods: period::PeriodRule,
    ordinals: ordinal::OrdinalRule,
    names: name::NameRule,
    money: money::MoneyRule,
    ages: age::AgeRule,
    units: unit::UnitRule,
    years: year::YearRule,
    counts: count::CountRule,
    ranges: range::RangeRule,
    ratios: ratio::RatioRule,
    percents_of: percent_of::PercentOfRule,
    compounds: compound::CompoundRule,
    qualifiers: qualifier::QualifierRule,
    changes: change::ChangeRule,
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
            times: time::TimeRule::new(),
            dates: date::DateRule::new(),
            periods: period::PeriodRule::new(),
            ordinals: ordinal::OrdinalRule,
            names: name::NameRule::new(),
            money: money::MoneyRule::new(),
            ages: age::AgeRule,
            units: unit::UnitRule::new(),
            years: year::YearRule::new(),
            counts: count::CountRule::new(),
            ranges: range::RangeRule::new(),
            ratios: ratio::RatioRule,
            percents_of: percent_of::PercentOfRule,
            compounds: compound::CompoundRule,
            qualifiers: qualifier::QualifierRule::new(),
            changes: change::ChangeRule::new(),
        }
    }

    /// The quantities in a masked text, sorted by start.
    pub fn recognize(&self, text: &str, segmentation: &Segmentation) -> Vec<Quantity> {
        let mut buffers = QuantityBuffers::default();
        self.recognize_in(text, segmentation, &mut buffers);
        buffers.found
    }

    /// As [`recognize`](Self::recognize), working in `buffers` (what they held from the last
    /// text dropped first) and leaving the quantities in the vector returned: taken out with
    /// [`Vec::drain`], it keeps its room for the next text.
    pub fn recognize_in<'b>(
        &self,
        text: &str,
        segmentation: &Segmentation,
        buffers: &'b mut QuantityBuffers,
    ) -> &'b mut Vec<Quantity> {
        let QuantityBuffers { numbers, tokens: found, token_quantities: tokens, found: out } = buffers;
        let word_starts = segmentation.word_starts.as_deref();
        let numbers = self.numbers.scan_in(text, word_starts, numbers);
        token::find_into(text, word_starts, found);
        tokens.clear();
        self.periods.scan_tokens_into(text, &found.periods, tokens);
        date::scan_tokens_into(text, found, tokens);
        tokens.sort_by_key(|t| t.span.start);
        // Peeked at through the slice left: `Peekable::next_if` would move each large quantity
        // out and back in for every number.
        let mut tokens = tokens.drain(..);
        out.clear();
        out.reserve(numbers.len() + tokens.len());
        let mut floor = 0;
        let mut index = 0;
        while index < numbers.len() {
            let n = &numbers[index];
            // Period tokens ("Q3 2024") that start before this number come first.
            while tokens.as_slice().first().is_some_and(|t| t.span.start <= n.span.start) {
                let token = tokens.next().expect("a token was peeked at");
                if token.span.start >= floor {
                    floor = token.span.end;
                    out.push(token);
                }
            }
            if n.span.start < floor {
                index += 1;
                continue;
            }
            let cx = self.context(text, segmentation, numbers, index, floor);
            let decide_next = |next: usize, floor: usize| {
                let cx = self.context(text, segmentation, numbers, next, floor);
                self.decide(&cx)
            };
            // "one in five": a proportion, before the lone "one" is dropped.
            if let Some(mut q) = self.ratios.apply(&cx, decide_next) {
                self.qualifiers.apply(&cx, &mut q);
                floor = q.span.end;
                q.make_finite();
                out.push(q);
                index += 1;
                continue;
            }
            let Some(q) = self.decide(&cx) else {
                index += 1;
                continue;
            };
            // Finished in its place in `out`: a quantity is large, and each move costs a copy.
            out.push(q);
            let q = out.last_mut().expect("just pushed");
            if let Some(joined) = self.compounds.join(&cx, q, decide_next) {
                *q = joined;
            }
            match self.ranges.join(&cx, q, decide_next) {
                range::Joined::Range(joined) | range::Joined::Shared(joined) => *q = joined,
                range::Joined::Score(end) => {
                    out.pop();
                    floor = end;
                    index += 1;
                    continue;
                }
                range::Joined::No => {}
            }
            self.qualifiers.apply(&cx, q);
            self.changes.apply(&cx, q);
            floor = q.span.end;
            q.make_finite();
            index += 1;
        }
        out.extend(tokens.filter(|t| t.span.start >= floor));
        range::join_bounds(text, out);
        out
    }

    fn context<'a>(
        &self,
        text: &'a str,
        segmentation: &'a Segmentation,
        numbers: &'a [Number],
        index: usize,
        floor: usize,
    ) -> Cx<'a> {
        Cx::new(text, numbers, index, floor, segmentation)
    }

    fn decide(&self, cx: &Cx) -> Option<Quantity> {
        let v = &self.vocabulary;
        let n = cx.number();
        // "m^2", "2^10": a number after a caret is an exponent, not a quantity.
        if self.times.is_time(cx) || cx.text[..n.span.start].ends_with('^') {
            return None;
        }
        if n.ordinal {
            return self.dates.apply(cx).or_else(|| self.periods.apply_ordinal(cx)).or_else(|| self.ordinals.apply(cx));
        }
        if let Some(q) = self.dates.apply(cx).or_else(|| self.periods.apply(cx)) {
            return Some(q);
        }
        // A currency before the number is stronger evidence than a capitalized word ("USD 200").
        if let Some(q) = self.money.apply_prefix(cx, &self.numbers) {
            return Some(q);
        }
        // "Wrench 8\"", "2.80 GHz 8 MB": a unit after the number, or the unit of the number before
        // the word, says the word is no name.
        if self.names.is_name(cx, v) && !self.units.overrides_name(cx) {
            return None;
        }
        if let Some(q) = self.money.apply_suffix(cx, &self.numbers).or_else(|| self.ages.apply(cx)) {
            return Some(q);
        }
        if n.glued {
            // Letters glued to the digits must be a unit ("3km"), or the number is a name ("5G").
            return self.units.apply(cx);
        }
        self.units
            .apply(cx)
            .or_else(|| self.percents_of.apply(cx))
            .or_else(|| self.years.apply_with_cue(cx))
            .or_else(|| self.counts.apply(cx, v, &self.units))
            .or_else(|| self.years.apply_bare(cx))
            .or_else(|| bare(cx, v))
    }
}

/// True when `text` contains one of `needles` (written in lowercase), ignoring ASCII case: what
/// [`crate::text::contains_any_ignore_case`] says, for a sentence and a long list. The text is
/// lowercased once and each needle found by `memchr::memmem`, instead of every needle compared
/// at every byte (tens of thousands of instructions for a sentence and a few dozen words).
pub(crate) fn contains_any_lowercase(text: &str, needles: &[&str]) -> bool {
    debug_assert!(needles.iter().all(|n| !n.bytes().any(|b| b.is_ascii_uppercase())), "{needles:?}");
    let lower = text.to_ascii_lowercase();
    needles.iter().any(|n| !n.is_empty() && memchr::memmem::find(lower.as_bytes(), n.as_bytes()).is_some())
}

/// Rule `number.bare`: a number that no family explained. A lone spelled-out "one" (mostly a
/// pronoun: "one of the", "no one") and list markers ("1." at the start of a line) are left out.
fn bare(cx: &Cx, vocabulary: &Vocabulary) -> Option<Quantity> {
    let n = cx.number();
    let text = cx.text;
    if n.form == Form::Words && n.value == Some(1.0) && !n.fraction {
        return None;
    }
    let line_initial = {
        let before = text[..n.span.start].trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with('\n')
    };
    let list_marker =
        line_initial && text[n.span.end..].starts_with(['.', ')']) && text[n.span.end + 1..].starts_with([' ', '\t']);
    // "zero-emission", "one-off", "two-door": a number inside an adjectival compound; but a
    // decimal measures ("a 6.1-magnitude quake", "6.0-sigma") — unless a scale word, "to" or a
    // table's letter follows ("a 4.9-mln-dlr contract", "13.50-to-14", "1,663.3-x") —, and
    // "-ish" only softens ("40-ish").
    let compound = text[n.span.end..].starts_with('-')
        && text.as_bytes().get(n.span.end + 1).is_some_and(u8::is_ascii_alphabetic)
        && !(n.decimal && n.form == Form::Digits && measure_after_hyphen(text, n.span.end + 1, vocabulary))
        && !qualifier::ish_after(text, n.span.end);
    if list_marker || compound || n.glued {
        return None;
    }
    Some(Quantity::new(Kind::Number, n.value, n.span, "number.bare"))
}

/// True when the word at `start`, after a decimal and a hyphen, is what the decimal measures
/// ("magnitude", "sigma", "point"): not a scale word, "to", or a single letter.
fn measure_after_hyphen(text: &str, start: usize, vocabulary: &Vocabulary) -> bool {
    crate::text::word_starting_at(text, start).is_some_and(|(end, word)| {
        end - start > 1 && !word.eq_ignore_ascii_case("to") && !vocabulary.is_scale_word(word)
    })
}

/// Test helper: the quantities of `text`, one line each: `kind value unit qualifier «text» rule`,
/// with ` low..high` for ranges and ` change/basis` for changes.
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
            let value = match (&q.date, &q.period, q.value, q.low, q.high) {
                (Some(d), _, _, _, _) => d.clone(),
                (_, Some(p), _, _, _) => p.clone(),
                (_, _, Some(v), _, _) => v.to_string(),
                (_, _, None, Some(l), Some(h)) => format!("{l}..{h}"),
                _ => "-".into(),
            };
            let unit = q.unit.as_deref().unwrap_or("-");
            let mut line = format!(
                "{} {value} {unit} {} «{}» {}",
                kind.as_str().unwrap(),
                qualifier.as_str().unwrap(),
                &text[q.span.start..q.span.end],
                q.rule
            );
            if let Some(change) = q.change {
                line.push_str(&format!(" {}", serde_json::to_value(change).unwrap().as_str().unwrap()));
                if let Some(basis) = q.basis {
                    line.push_str(&format!("/{}", serde_json::to_value(basis).unwrap().as_str().unwrap()));
                }
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::render;

    /// The filter of shapes never hides a word of the list: every word of the built-in lists
    /// and of random texts, in several cases, is found as the map finds it without the filter.
    #[test]
    fn word_maps_find_what_their_maps_find() {
        let lists = [
            crate::data::STOPWORDS,
            crate::data::NUMBER_WORDS,
            crate::data::CHANGE_WORDS,
            crate::data::YEAR_CUES,
            crate::data::NAME_PREFIXES,
        ];
        let words: Vec<&str> = lists.iter().flat_map(|l| crate::data::words("list", l)).collect();
        let map = super::WordMap::new(words.iter().enumerate().map(|(i, &w)| (w, i)));
        let mut probes: Vec<String> = Vec::new();
        for w in &words {
            probes.extend([w.to_string(), w.to_ascii_uppercase(), format!("{w}s"), w[1..].to_string()]);
        }
        let pieces = ["a", "B", "in", "the", "é", "-", "x", "Of", "up"];
        probes.extend(crate::testing::random_texts(&pieces, 20_000, 5));
        for w in &probes {
            assert_eq!(map.get(w), map.map.get(w.as_str()), "{w:?}");
            let lower = w.to_ascii_lowercase();
            assert_eq!(map.get_lower(w), map.map.get(lower.as_str()), "{w:?}");
        }
        // Where a word of the list starts or ends in a text, the filters of its first and last
        // bytes let the position through.
        let mut pieces: Vec<&str> = vec![" ", "  ", "5", "-", "é", ".", "x", "A"];
        pieces.extend(words.iter().step_by(7));
        pieces.extend(words.iter().step_by(11).map(|w| &*w.to_ascii_uppercase().leak()));
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 5_000, 8) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let listed = |w: &str| map.map.contains_key(w.to_ascii_lowercase().as_str());
                let starts = crate::text::word_starting_at(&text, pos).is_some_and(|(_, w)| listed(w));
                let ends = crate::text::word_ending_at(&text, pos).is_some_and(|(_, w)| listed(w));
                found += usize::from(starts);
                assert!(!starts || map.may_start_at(text.as_bytes(), pos), "{text:?} at {pos}");
                assert!(!ends || map.may_end_at(text.as_bytes(), pos), "{text:?} at {pos}");
                let expected =
                    crate::text::word_starting_at(&text, pos).and_then(|(end, w)| Some((end, map.get_lower(w)?)));
                assert_eq!(map.get_lower_at(&text, pos), expected, "{text:?} at {pos}");
            }
        }
        assert!(found > 1_000, "only {found} words found");
    }

    /// The lowercased search finds what the comparison at every byte finds.
    #[test]
    fn contains_any_lowercase_finds_what_the_byte_comparison_finds() {
        let needles: &[&[&str]] = &[&["°c", "kelvin", "absolute zero"], &["sold for", "£", "fee"], &["", "a"]];
        let pieces = ["a", "B", " ", "°C", "°c", "KeLvIn", "absolute", "zero", "Sold", "for", "£", "é", "fEe", "x"];
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 20_000, 6) {
            for list in needles {
                let expected = crate::text::contains_any_ignore_case(&text, list);
                found += usize::from(expected);
                assert_eq!(super::contains_any_lowercase(&text, list), expected, "{text:?} {list:?}");
            }
        }
        assert!(found > 1_000, "only {found} found");
    }

    #[test]
    fn rule_order_and_spans() {
        assert_eq!(
            render("On February 5, Lexus sold nearly 851,200 vehicles in 2024, up 3.3%, with a 1,200 km range."),
            [
                "date --02-05 - exact «February 5» date.month_day",
                "count 851200 vehicle approx «nearly 851,200 vehicles» count.noun",
                "year 2024 - exact «2024» year.cue",
                "percent 3.3 percent exact «3.3%» unit.percent up",
                "distance 1200 km exact «1,200 km» unit.distance",
            ]
        );
    }

    #[test]
    fn bare_numbers() {
        // A decimal before a hyphenated word measures: "a 6.1-magnitude quake", "6.0-sigma".
        assert_eq!(
            render("a 6.1-magnitude quake with 6.0-sigma certainty, a 4-door car"),
            ["number 6.1 - exact «6.1» number.bare", "number 6 - exact «6.0» number.bare"]
        );
        assert!(render("a 4.9-mln-dlr contract, 13.50-to-14 and 1,663.3-x").is_empty());
        // A number after a caret is an exponent.
        assert_eq!(render("exposed to 20 J/m^2"), ["number 20 - exact «20» number.bare"]);
        assert_eq!(
            render("Deliveries fell 4.1% to 36,900 from 38,480."),
            [
                "percent 4.1 percent exact «4.1%» unit.percent down",
                "number 36900 - exact «36,900» number.bare",
                "number 38480 - exact «38,480» number.bare",
            ]
        );
        assert!(render("one of the plants").is_empty());
        assert!(render("zero-emission cars and a one-off payment").is_empty());
        assert!(render("1. First item").iter().all(|q| !q.contains("number.bare")));
    }

    #[test]
    fn values_too_large_for_an_f64_are_left_out() {
        assert_eq!(
            render("1e400 cars, 1.5e308 dozen eggs"),
            ["count - car exact «1e400 cars» count.noun", "count - egg exact «1.5e308 dozen eggs» count.noun"]
        );
        let recognizer = super::QuantityRecognizer::new();
        let text = "1 to 1e308 miles and 1e308 kWh";
        let segmentation = crate::segment::Segmenter::new().segment(text);
        let quantities = recognizer.recognize(text, &segmentation);
        // The SI value of a range needs both ends; a single value is left out when it overflows.
        assert_eq!(
            quantities.iter().map(|q| (q.value, q.si())).collect::<Vec<_>>(),
            [(None, None), (Some(1e308), None)]
        );
    }
}
