//! Rule family `unit`: a number followed by a unit from the lexicon (`data/units.tsv`).
//!
//! What it matches: percentages (`3.3%`, `10 percent`, `5 per cent`, `55 pct`,
//! `2 percentage points`, `50 basis points`), lengths, speeds, masses, volumes, areas, energy,
//! power, torque, temperature, data, frequency, fuel economy, rpm, voltage and durations —
//! glued (`3km`, `250kW`, `25°C`), after a space (`1,200 km`) or in the adjectival form with a
//! hyphen (`10-minute`, `520-kilometre`, `800-volt`). The kind and canonical unit id come from the
//! lexicon row, and so does the conversion to the SI unit (`si` in the output). One word may stand
//! between the number and the unit: a comparative (`six more months`, `10 extra minutes`, `2 fewer
//! hours`), or `of a`/`of an` after a fraction (`three quarters of an hour`, `a quarter of a
//! percentage point`; a mixed number may take a plural: `two and a quarter of hours`). A caret
//! exponent squares or cubes a length (`4km^2`, `20 m^3`); an inverse exponent is part of the
//! unit's word (`5 fb−1`, `4e14 s-1`, `s⁻¹`).
//!
//! Rates: a measure followed by `/`, `per`, `a` or `an` and a unit of time is a rate when its kind
//! has one in `data/rates.tsv` — `400,000 tonnes a year` (mass_flow, `t/year`), `20 mm per hour`
//! (speed, `mm/h`), `5 km/day`, `2 mSv a year` (dose_rate) —; a composed id that is a row of the
//! lexicon takes the row (`90 km an hour` is `km/h`). Durations, percentages, money and counts per
//! unit of time keep their kind (`two hours a day`, `5% a year`). Events per unit of time are
//! rows of the lexicon: `four times a week` (frequency, `1/week`).
//!
//! Temperatures without a written unit: `absolute zero` (0 K, not before a noun: "absolute zero
//! tolerance"); a decimal glued to `K` where the sentence speaks of temperature (`573.15K`; an
//! integer such as `77K` only where a scale is named: `20K jobs` and `a 10K race` are thousands);
//! bare degrees followed by `on the Celsius scale` take that scale.
//!
//! Why: a table keeps every surface form reviewable in one file; the rule only decides where the
//! unit starts and takes the longest surface.
//!
//! Known problems and ambiguities:
//! - `m` after money is million (the money rule runs first: `£600m`); otherwise it is metres;
//! - `in` is an inch glued to the number (`12in`), before a word of size (`2 in thick`) or
//!   spaced after digits at the end of a sentence (`the pencil is 2 in.`, where no preposition
//!   can stand; "one of five in." keeps the preposition); otherwise "12 in" is the preposition;
//! - `"` (or `''`) right after digits is an inch mark (`a 9" plate`) only when no quotation is
//!   open in the sentence: in news it mostly closes one (`growth "in 2005"`); `'` is a foot mark
//!   only before an inch mark (`5' 10"`, joined by `compound` into 70 in);
//! - `C`/`F`/`t`/`L` are units glued (`25C`) or spaced (`minus 30 C`, `278,000 t`), but a
//!   spaced letter is no unit before a hyphen (`18 F-14A`) or a capitalized word (`23456 F
//!   Block`), `C`/`F` after a year, or after another word
//!   (`four class C`); lowercase "2021 c" is nothing; a spaced unit in capitals before a hyphen
//!   and a digit is a code too (`10,000 EB-5 visas`);
//! - `pounds` is money unless the money rule sees a weight context; then it is a mass here;
//! - a unit separated from its number by a line break inside a paragraph is still taken;
//! - `second` followed by a hyphen and a letter is the ordinal (`4 second-half goals`);
//! - a unit of time before `-to-date` is a reporting period (`nil year-to-date`), no duration;

//! - `pm` and `am` are picometres and attometres only where the sentence speaks of sizes (`a size
//!   of 2.1 pm`) and the number cannot be a time (`6 pm` and `10.30 pm` are the time rule's, and a
//!   three- or four-digit `1230 pm` is hours and minutes);
//! - `Ma` and `Ga` (megayears, gigayears) spaced from the number only before "ago" (`66 Ma ago`;
//!   glued: `4.5Ga`): "5 Ma" is mostly a name;
//! - "a" before a unit of time after a measure is a rate (`tonnes a year`) unless a stop word of
//!   `data/article_units.tsv` follows (`121,168 tonnes a week ago`, `four times a year earlier`)
//!   or a hyphen (`a year-long`);
//! - a unit decides that the capitalized word before a number is no name (see [`UnitRule::overrides_name`]):
//!   an inch mark after the number (`Adjustable Wrench 8"`), or the word is itself the unit of the
//!   number before it (`2.80 GHz 8 MB`, `9-7/8 PCT 30-YEAR`);
//! - `less` between a number and a unit is read like `fewer` (`2 less minutes`);
//! - `below zero` after a number (`20 below zero`, `2 degrees below zero`) makes a negative
//!   temperature, with the unit `degree` when none is written.
//!
//! Example: "a 10-minute charge" → duration 10 minute, si 600 s, rule `unit.duration`.

use super::lexicon::Lexicon;
use super::number::{Form, Number};
use super::{Conversion, Cx, Kind, Quantity};
use crate::data;
use crate::text::{Span, skip_gap};

/// One unit from the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDef {
    /// Canonical unit id.
    pub unit: &'static str,
    /// The kind of quantity it measures.
    pub kind: Kind,
    /// How it converts to SI.
    pub conversion: Option<Conversion>,
    /// Whether the adjectival `10-minute` form is allowed.
    pub hyphen: bool,
    /// Whether the unit must be glued to the number.
    pub glued_only: bool,
    /// A bare "degrees": temperature or angle, decided by the sentence.
    pub degrees: bool,
    /// Spaced from the number only before "ago" (`66 Ma ago`; glued: `1Ga`).
    pub ago: bool,
    /// Only in a sentence about sizes, after a number that is no time of day (`2.1 pm`).
    pub size: bool,
}

/// A measure per unit of time (`data/rates.tsv`): a unit of `kind` whose SI unit is `si` makes,
/// per a unit of time, a rate of `rate_kind` in `rate_si`.
#[derive(Debug)]
struct Rate {
    kind: Kind,
    si: &'static str,
    rate_kind: Kind,
    rate_si: &'static str,
}

/// Words that make a bare "degrees" a temperature.
const TEMPERATURE_WORDS: &[&str] = &[
    "temperature",
    "weather",
    "heat",
    "hot",
    "cold",
    "warm",
    "cool",
    "freez",
    "frost",
    "snow",
    "sunny",
    "thermometer",
    "climate",
    "below zero",
    "above zero",
    "chill",
    "celsius",
    "fahrenheit",
    "degrees c",
    "degrees f",
];

/// Words that may stand between a number and its unit: "two more years", "10 extra minutes".
const COMPARATIVES: &[&str] = &["more", "fewer", "less", "extra", "additional", "further"];

/// Words of size after which a spaced "in" is an inch: "2 in thick", "8 in long".
const SIZE_WORDS: &[&str] = &["thick", "long", "wide", "tall", "high", "deep", "across", "diameter", "square"];

/// Lengths with a caret exponent (`km^2`): the length's unit id, the power, the unit id of the
/// area or volume in `data/units.tsv`.
const POWERS: &[(&str, u8, &str)] = &[
    ("km", b'2', "km2"),
    ("km", b'3', "km3"),
    ("m", b'2', "m2"),
    ("m", b'3', "m3"),
    ("cm", b'3', "cc"),
    ("ft", b'2', "sq_ft"),
    ("ft", b'3', "cu_ft"),
    ("mi", b'2', "sq_mi"),
];

/// Words of size that make `pm` and `am` picometres and attometres (`a size of 2.1 pm`).
const SIZE_CONTEXT: &[&str] = &[
    "size",
    "wavelength",
    "diameter",
    "radius",
    "width",
    "thick",
    "length",
    "resolution",
    "spacing",
    "atom",
    "nanomet",
    "picomet",
];

/// Words that make a decimal glued to `K` (`573.15K`) kelvins rather than thousands.
const KELVIN_CONTEXT: &[&str] = &["temperature", "°c", "°f", "celsius", "fahrenheit", "kelvin", "absolute zero"];

/// Words that make an integer glued to `K` (`77K`) kelvins: a temperature scale named nearby.
const KELVIN_SCALES: &[&str] = &["°c", "°f", "celsius", "fahrenheit", "kelvin"];

/// Words that may follow "absolute zero" as a temperature (not "absolute zero tolerance").
const AFTER_ABSOLUTE_ZERO: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "and",
    "or",
    "of",
    "in",
    "at",
    "on",
    "for",
    "to",
    "by",
    "as",
    "which",
    "where",
    "when",
    "itself",
    "temperature",
    "temperatures",
];

/// The `unit` rule family.
#[derive(Debug)]
pub struct UnitRule {
    lexicon: Lexicon<UnitDef>,
    /// The kinds that make rates per unit of time (`data/rates.tsv`).
    rates: Vec<Rate>,
    /// Units of time and how a composed unit id writes them (`hour` → `h`).
    times: Vec<(&'static str, &'static str)>,
    /// Words after "a year" that make it a point in time (`a week ago`).
    stops: Vec<&'static str>,
}

impl UnitRule {
    /// The rule with the built-in lexicon.
    pub fn new() -> UnitRule {
        let mut lexicon = Lexicon::default();
        for row in data::builtin_rows("units.tsv", data::UNITS) {
            let fail = |what: &str| -> ! { panic!("data/units.tsv:{}: {what}", row.line) };
            let kind = Kind::parse(row.get(2)).unwrap_or_else(|| fail("unknown kind"));
            let flags: Vec<&str> = row.get(5).split(',').filter(|f| !f.is_empty()).collect();
            let mut offset = 0.0;
            for flag in &flags {
                match *flag {
                    "cs" | "glued" | "nohyphen" | "inverse" | "degrees" | "ago" | "size" => {}
                    f if f.starts_with("offset=") => {
                        offset = f["offset=".len()..].parse().unwrap_or_else(|_| fail("bad offset"));
                    }
                    _ => fail("unknown flag"),
                }
            }
            let conversion = match (row.get(3), row.get(4)) {
                ("", _) | (_, "") => None,
                (factor, unit) => Some(Conversion {
                    factor: factor.parse().unwrap_or_else(|_| fail("bad factor")),
                    offset,
                    inverse: flags.contains(&"inverse"),
                    unit,
                }),
            };
            let def = UnitDef {
                unit: row.get(1),
                kind,
                conversion,
                hyphen: !flags.contains(&"nohyphen"),
                glued_only: flags.contains(&"glued"),
                degrees: flags.contains(&"degrees"),
                ago: flags.contains(&"ago"),
                size: flags.contains(&"size"),
            };
            lexicon.insert(row.get(0), flags.contains(&"cs"), def);
        }
        let (mut rates, mut times) = (Vec::new(), Vec::new());
        for row in data::builtin_rows("rates.tsv", data::RATES) {
            let fail = |what: &str| -> ! { panic!("data/rates.tsv:{}: {what}", row.line) };
            let kind = |i: usize| Kind::parse(row.get(i)).unwrap_or_else(|| fail("unknown kind"));
            match row.get(0) {
                "rate" => rates.push(Rate { kind: kind(1), si: row.get(2), rate_kind: kind(3), rate_si: row.get(4) }),
                "time" => times.push((row.get(1), row.get(2))),
                _ => fail("role must be rate or time"),
            }
        }
        let stops = data::builtin_rows("article_units.tsv", data::ARTICLE_UNITS)
            .filter(|r| r.get(1) == "stop")
            .map(|r| r.get(0))
            .collect();
        UnitRule { lexicon, rates, times, stops }
    }

    /// The definition of the unit with canonical id `unit`.
    pub fn definition(&self, unit: &str) -> Option<&UnitDef> {
        self.lexicon.entries().iter().find(|d| d.unit == unit)
    }

    /// The unit written at `pos`, if any, as its end and definition; before a slash and a unit
    /// of time, the unit of a rate (`km/day` → `km`, see [`UnitRule::per_time`]).
    fn find(&self, text: &str, pos: usize) -> Option<(usize, &UnitDef)> {
        self.lexicon.lookup(text, pos).or_else(|| self.before_slash(text, pos))
    }

    /// The unit before a slash at `pos` (`km` in `km/day`) when it makes a rate with the unit of
    /// time after the slash. Most words after a number hold no slash: a few bytes decide.
    fn before_slash(&self, text: &str, pos: usize) -> Option<(usize, &UnitDef)> {
        let bytes = text.as_bytes();
        let mut len = 0;
        while len < 6 && bytes.get(pos + len).is_some_and(u8::is_ascii_alphanumeric) {
            len += 1;
        }
        if len == 0 || bytes.get(pos + len) != Some(&b'/') {
            return None;
        }
        let (end, def) = self.lexicon.lookup(&text[..pos + len], pos).filter(|&(end, _)| end == pos + len)?;
        self.per_time(text, end, def)?;
        Some((end, def))
    }

    /// The rate kind of a measure in `def` per unit of time, when it has one.
    fn rate_of(&self, def: &UnitDef) -> Option<&Rate> {
        let c = def.conversion.filter(|c| c.offset == 0.0 && !c.inverse)?;
        self.rates.iter().find(|r| r.kind == def.kind && r.si == c.unit)
    }

    /// A unit of time after the unit in `def` that ends at `unit_end` (`/day`, ` per hour`, ` a
    /// year`), when the measure makes a rate: the end of the unit of time, its definition and its
    /// abbreviation in a composed id. "a"/"an" before a word that makes a point in time ("a week
    /// ago") or a hyphen ("a year-long") is no rate.
    fn per_time(&self, text: &str, unit_end: usize, def: &UnitDef) -> Option<(usize, &UnitDef, &'static str)> {
        let bytes = text.as_bytes();
        let slash = bytes.get(unit_end) == Some(&b'/');
        let p = skip_gap(text, unit_end);
        // Most units are followed by neither a slash nor "a", "an" or "per": one byte decides.
        if !slash && (p == unit_end || !matches!(bytes.get(p), Some(b'a' | b'p' | b'A' | b'P'))) {
            return None;
        }
        self.rate_of(def)?;
        let (time_end, time) = if slash {
            self.lexicon.lookup(text, unit_end + 1)?
        } else {
            let (word_end, word) = crate::text::word_starting_at(text, p)?;
            let article = word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an");
            if !article && !word.eq_ignore_ascii_case("per") {
                return None;
            }
            let q = skip_gap(text, word_end);
            let (time_end, time) = self.lookup(text, q).filter(|_| q > word_end)?;
            if article && self.point_in_time(text, time_end) {
                return None;
            }
            (time_end, time)
        };
        if time.kind != Kind::Duration {
            return None;
        }
        let &(_, abbreviation) = self.times.iter().find(|(unit, _)| *unit == time.unit)?;
        Some((time_end, time, abbreviation))
    }

    /// True when the unit of time that ends at `end` after "a" is a point in time or a modifier:
    /// a stop word follows ("a week ago", "a year earlier") or a hyphen ("a year-long").
    fn point_in_time(&self, text: &str, end: usize) -> bool {
        text[end..].starts_with('-')
            || crate::text::word_starting_at(text, skip_gap(text, end))
                .filter(|_| skip_gap(text, end) > end)
                .is_some_and(|(_, w)| self.stops.iter().any(|s| s.eq_ignore_ascii_case(w)))
    }

    /// The rate of `value` in `def` per the unit of time `time`, written `abbreviation` in the
    /// composed id: the row of that id when there is one (`km` per hour is `km/h`), else a
    /// composed unit (`t/year`, si kg/s).
    fn rate(
        &self,
        value: Option<f64>,
        span: Span,
        def: &UnitDef,
        time: &UnitDef,
        abbreviation: &str,
    ) -> Option<Quantity> {
        let id = format!("{}/{abbreviation}", def.unit);
        if let Some(row) = self.definition(&id) {
            return Some(self.quantity(value, span, row));
        }
        let rate = self.rate_of(def)?;
        let (c, t) = (def.conversion?, time.conversion?);
        let mut q = Quantity::new(rate.rate_kind, value, span, "unit.measure").with_unit(id);
        q.conversion =
            Some(Conversion { factor: c.factor / t.factor, offset: 0.0, inverse: false, unit: rate.rate_si });
        Some(q)
    }

    /// The unit written as a word at `pos`, for a unit that follows other words after the number
    /// (`four consecutive months`): not a symbol that must be glued to the number, nor a single
    /// letter (`45 xs l` is no volume).
    pub fn lookup(&self, text: &str, pos: usize) -> Option<(usize, &UnitDef)> {
        self.find(text, pos).filter(|&(end, d)| !d.glued_only && !d.ago && !d.size && end - pos > 1)
    }

    /// A quantity when a unit follows the number: glued (`3km`, `52%`), after a space
    /// (`1,200 km`) or after a hyphen (`10-minute`).
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        let end = n.span.end;
        let bytes = text.as_bytes();
        if let Some(q) = self.absolute_zero(cx).or_else(|| self.kelvin(cx)) {
            return Some(q);
        }
        // "20 below zero": a temperature without its unit.
        if let Some(zero_end) = below_zero(text, end) {
            let mut q = Quantity::new(
                Kind::Temperature,
                n.value.map(|v| -v),
                Span::new(n.span.start, zero_end),
                "unit.measure",
            );
            q.unit = Some("degree".into());
            return Some(q);
        }
        let (unit_end, def) = match bytes.get(end) {
            // `5' 10"`, `a 9" plate`: feet and inch marks.
            Some(b'"' | b'\'') => self.mark(cx)?,
            // "10-minute" is one word; "10-minutes" reads the same.
            Some(b'-') => self.find(text, end + 1).filter(|(_, d)| d.hyphen && !d.glued_only)?,
            Some(b) if b.is_ascii_whitespace() => {
                let start = skip_gap(text, end);
                if start == end {
                    return None;
                }
                // "24703 L-202", "18 F-14A": a spaced letter before a hyphen is part of a code;
                // a spaced C or F after a year ("in 2003 C") starts another word.
                // before a capitalized word ("PA 23456 F Block") it is a name.
                let code = |unit_end: usize, d: &UnitDef| {
                    let after = |i: usize| text.as_bytes().get(unit_end + i).copied().unwrap_or(b' ');
                    unit_end == start + 1
                        && (after(0) == b'-' && after(1).is_ascii_alphanumeric()
                            || after(0) == b' ' && after(1).is_ascii_uppercase()
                            || d.kind == Kind::Temperature && n.is_year_shaped())
                        // "10,000 EB-5 visas": capitals before a hyphen and a digit name a code.
                        || after(0) == b'-'
                            && after(1).is_ascii_digit()
                            && text.as_bytes()[start..unit_end].iter().all(u8::is_ascii_uppercase)
                };
                match self.find(text, start).filter(|&(unit_end, d)| !d.glued_only && !code(unit_end, d)) {
                    Some(found) => found,
                    None => self.unit_after_a_word(text, n, start)?,
                }
            }
            Some(_) => self.find(text, end)?,
            None => return None,
        };
        // "4km^2": a caret exponent squares or cubes the unit.
        let (unit_end, def) = self.powered(text, unit_end, def).unwrap_or((unit_end, def));
        // "66 Ma ago", "1Ga": a spaced `Ma` is a megayear only before "ago".
        if def.ago
            && bytes.get(end).is_some_and(u8::is_ascii_whitespace)
            && crate::text::phrase_after(text, unit_end, &["ago"]).is_none()
        {
            return None;
        }
        // "a size of 2.1 pm": picometres only where sizes are spoken of, and never at a time.
        if def.size && (clock_shaped(text, n) || !super::contains_any_lowercase(cx.sentence(), SIZE_CONTEXT)) {
            return None;
        }
        // "four times a year earlier", "barrels a day ago": a point in time, not a rate.
        if matches!(def.kind, Kind::Frequency | Kind::Flow | Kind::Speed)
            && article_inside(&text[end..unit_end])
            && self.point_in_time(text, unit_end)
        {
            return None;
        }
        // "400,000 tonnes a year", "5 km/day": a rate.
        if let Some((time_end, time, abbreviation)) = self.per_time(text, unit_end, def) {
            return self.rate(n.value, Span::new(n.span.start, time_end), def, time, abbreviation);
        }
        // "in 1987 and 1986 quarters": years.
        if def.unit == "quarter" && n.is_year_shaped() {
            return None;
        }
        // "nil year-to-date", "5 month-to-date": a period of reporting, not a span of time.
        if def.kind == Kind::Duration
            && text.get(unit_end..unit_end + 8).is_some_and(|s| s.eq_ignore_ascii_case("-to-date"))
        {
            return None;
        }
        // "4 second-half goals", "the 2 second-largest": the ordinal "second", not a unit.
        if def.unit == "second"
            && text.as_bytes().get(unit_end) == Some(&b'-')
            && text.as_bytes().get(unit_end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            return None;
        }
        // "−273.15° on the Celsius scale": the scale named after the degrees.
        if def.degrees
            && let Some((scale_end, scale)) = self.scale_after(text, unit_end)
        {
            return Some(self.quantity(n.value, Span::new(n.span.start, scale_end), scale));
        }
        if def.degrees && temperature_context(cx.sentence()) {
            // "2 degrees below zero" is -2 degrees.
            let (value, end) = match below_zero(text, unit_end) {
                Some(zero_end) => (n.value.map(|v| -v), zero_end),
                None => (n.value, unit_end),
            };
            let mut q = Quantity::new(Kind::Temperature, value, Span::new(n.span.start, end), "unit.measure");
            q.unit = Some("degree".into());
            return Some(q);
        }
        let mut q = self.quantity(n.value, Span::new(n.span.start, unit_end), def);
        // "5 degrees Celsius below zero".
        if def.kind == Kind::Temperature
            && !n.signed
            && let Some(zero_end) = below_zero(text, unit_end)
        {
            q.value = q.value.map(|v| -v);
            q.span.end = zero_end;
        }
        Some(q)
    }

    /// True when a unit shows that the capitalized word before the number is no name: an inch
    /// mark after it (`Adjustable Wrench 8"`, `a Samsung 55" set`), or the word is the unit of
    /// the number before it (`2.80 GHz 8 MB`).
    pub fn overrides_name(&self, cx: &Cx) -> bool {
        let n = cx.number();
        let text = cx.text;
        if matches!(text.as_bytes().get(n.span.end), Some(b'"' | b'\'')) && self.mark(cx).is_some() {
            return true;
        }
        let Some((word_start, word)) = crate::text::word_before(text, n.span.start) else { return false };
        let Some(previous) = cx.index.checked_sub(1).map(|i| &cx.numbers[i]) else { return false };
        previous.span.end <= word_start
            && text[previous.span.end..word_start].bytes().all(|b| b == b' ')
            && self.find(text, word_start).is_some_and(|(end, _)| end == word_start + word.len())
    }

    /// "absolute zero" as a temperature of 0 K, when no noun follows ("absolute zero tolerance").
    fn absolute_zero(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        if n.form != Form::Words || n.value != Some(0.0) || !text[n.span.start..n.span.end].eq_ignore_ascii_case("zero")
        {
            return None;
        }
        let (start, word) = crate::text::word_before(text, n.span.start)?;
        if !word.eq_ignore_ascii_case("absolute") || text[n.span.end..].starts_with('-') {
            return None;
        }
        let p = skip_gap(text, n.span.end);
        if p > n.span.end
            && let Some((_, next)) = crate::text::word_starting_at(text, p)
            && !AFTER_ABSOLUTE_ZERO.iter().any(|w| w.eq_ignore_ascii_case(next))
        {
            return None;
        }
        Some(self.quantity(Some(0.0), Span::new(start, n.span.end), self.definition("K")?))
    }

    /// A number glued to `K` as kelvins, not thousands (`573.15K`): a decimal where the sentence
    /// speaks of temperature, an integer (`77K`) only where it names a temperature scale; "20K
    /// jobs" and "a 10K race" stay thousands.
    fn kelvin(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        let bytes = text.as_bytes();
        if n.scale != Some(3)
            || n.form != Form::Digits
            || bytes[n.span.end - 1] != b'K'
            || !bytes.get(n.span.end.wrapping_sub(2)).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        let context = if n.decimal { KELVIN_CONTEXT } else { KELVIN_SCALES };
        if !super::contains_any_lowercase(cx.sentence(), context) {
            return None;
        }
        Some(self.quantity(n.value.map(|v| v / 1000.0), n.span, self.definition("K")?))
    }

    /// The temperature scale named after bare degrees: " on the Celsius scale", " on the
    /// Fahrenheit scale", as the end of the phrase and the scale's unit.
    fn scale_after(&self, text: &str, end: usize) -> Option<(usize, &UnitDef)> {
        for (scale, unit) in [("celsius", "degC"), ("fahrenheit", "degF")] {
            if let Some(scale_end) = crate::text::phrase_after(text, end, &["on", "the", scale, "scale"]) {
                return Some((scale_end, self.definition(unit)?));
            }
        }
        None
    }

    /// The unit after one word between it and the number: a comparative ("six more months",
    /// "10 extra minutes"), or "of a"/"of an" after a fraction ("three quarters of an hour", "a
    /// quarter of a percentage point"; "of hour" without the article only before a singular unit:
    /// "half of hours worked" is a share of a set of hours, not a span).
    fn unit_after_a_word(&self, text: &str, n: &Number, start: usize) -> Option<(usize, &UnitDef)> {
        // The word is "in", "of" after a fraction, or a comparative: its first byte may say it
        // is none of them.
        let &first = text.as_bytes().get(start)?;
        let folded = first | 0x20;
        if !(first == b'i' || n.fraction && folded == b'o' || b"mflea".contains(&folded)) {
            return None;
        }
        let (word_end, word) = crate::text::word_starting_at(text, start)?;
        let mut pos = skip_gap(text, word_end);
        // "2 1/2 in thick": a spaced "in" is an inch before a word of size, and after digits at
        // the end of a sentence ("The pencil is 2 in."), where the preposition cannot stand.
        if word == "in"
            && (pos > word_end
                && crate::text::word_starting_at(text, pos).is_some_and(|(_, size)| SIZE_WORDS.contains(&size))
                || n.form == Form::Digits && sentence_ends(text, word_end))
        {
            return self.definition("in").map(|d| (word_end, d));
        }
        if pos == word_end {
            return None;
        }
        let mut singular_only = false;
        if n.fraction && word.eq_ignore_ascii_case("of") {
            match crate::text::word_starting_at(text, pos) {
                Some((article_end, article))
                    if article.eq_ignore_ascii_case("a") || article.eq_ignore_ascii_case("an") =>
                {
                    pos = skip_gap(text, article_end);
                    if pos == article_end {
                        return None;
                    }
                }
                // "two and a quarter of hours": a mixed number counts hours, not a share of them.
                _ => singular_only = !n.value.is_some_and(|v| v > 1.0),
            }
        } else if !COMPARATIVES.iter().any(|c| word.eq_ignore_ascii_case(c)) {
            return None;
        }
        let (unit_end, def) = self.find(text, pos).filter(|(_, d)| !d.glued_only)?;
        if singular_only && text[..unit_end].ends_with(['s', 'S']) {
            return None;
        }
        Some((unit_end, def))
    }

    /// The inch mark after digits (`9"`, `9''`) or the foot mark before inches (`5' 10"`), as
    /// the end of the mark and the unit. In news a `"` after a number mostly closes a quotation
    /// (`growth "in 2005"`), so the inch mark is read only when no quotation is open in the
    /// sentence (an even number of `"` before the number, not counting those after digits) and
    /// none opens right before the
    /// number (`"0/92"`); the foot mark only when an inch mark follows.
    fn mark(&self, cx: &Cx) -> Option<(usize, &UnitDef)> {
        let n = cx.number();
        let text = cx.text;
        let bytes = text.as_bytes();
        let end = n.span.end;
        let start = n.span.start;
        let quoted = match bytes.get(start.wrapping_sub(1)) {
            Some(b'"' | b'`') => true,
            // `'5''` is quoted; `6'2"` is feet and inches.
            Some(b'\'') => !bytes.get(start.wrapping_sub(2)).is_some_and(u8::is_ascii_digit),
            _ => false,
        };
        if n.form != Form::Digits || quoted {
            return None;
        }
        let inch = |pos: usize| -> Option<usize> {
            let mark_end = match (bytes.get(pos), bytes.get(pos + 1)) {
                (Some(b'"'), _) => pos + 1,
                (Some(b'\''), Some(b'\'')) => pos + 2,
                _ => return None,
            };
            let before = text.get(cx.sentence_start().min(pos)..pos)?;
            // Marks after digits (`5' 10"` earlier in the sentence) open nothing.
            let quotes = before.as_bytes().windows(2).filter(|w| w[1] == b'"' && !w[0].is_ascii_digit()).count()
                + usize::from(before.starts_with('"'));
            let closed = quotes % 2 == 0 && !before.contains("``");
            (closed && !bytes.get(mark_end).copied().is_some_and(crate::text::is_word_byte)).then_some(mark_end)
        };
        let mark_end = if bytes.get(end + 1) == Some(&b'"') || bytes.get(end + 1) == Some(&b'\'') {
            // `5''` (two apostrophes) or `5'"`: an inch mark.
            inch(end)
        } else if bytes[end] == b'\'' {
            // `5' 10"`: a foot mark when the next number, a space away at most, carries an inch mark.
            let next = cx.numbers.get(cx.index + 1)?;
            let gap = text.get(end + 1..next.span.start)?;
            if !(gap.is_empty() || gap == " ") || next.form != Form::Digits {
                return None;
            }
            inch(next.span.end)?;
            return self.definition("ft").map(|d| (end + 1, d));
        } else {
            inch(end)
        }?;
        self.definition("in").map(|d| (mark_end, d))
    }

    /// The square or cube of a length written with a caret after it (`km^2` → `km2`, `m^3` →
    /// `m3`), as the end of the exponent and the powered unit; `None` without one (the caret is
    /// rare: the lookup of the powered unit runs only after it).
    fn powered(&self, text: &str, unit_end: usize, def: &UnitDef) -> Option<(usize, &UnitDef)> {
        let bytes = text.as_bytes();
        if bytes.get(unit_end) != Some(&b'^') || def.kind != Kind::Distance {
            return None;
        }
        let power = *bytes.get(unit_end + 1).filter(|b| matches!(b, b'2' | b'3'))?;
        if bytes.get(unit_end + 2).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let (_, _, id) = POWERS.iter().find(|(unit, p, _)| *unit == def.unit && *p == power)?;
        Some((unit_end + 2, self.definition(id)?))
    }

    /// A quantity of `value` in unit `def`.
    pub fn quantity(&self, value: Option<f64>, span: Span, def: &UnitDef) -> Quantity {
        let rule = match def.kind {
            Kind::Percent => "unit.percent",
            Kind::Distance => "unit.distance",
            Kind::Duration => "unit.duration",
            _ => "unit.measure",
        };
        let mut q = Quantity::new(def.kind, value, span, rule).with_unit(def.unit);
        q.conversion = def.conversion;
        q
    }
}

/// True when a unit's surface holds the article of a rate ("times a year", "barrels a day").
fn article_inside(surface: &str) -> bool {
    crate::text::contains_any_ignore_case(surface, &[" a ", " an "])
}

/// True when `n` could be a time of day before `am`/`pm` (`1230 pm`): a three- or four-digit
/// integer of hours and minutes. (Hours alone and `10.38` are the time rule's.)
fn clock_shaped(text: &str, n: &Number) -> bool {
    let digits = &text.as_bytes()[n.span.start..n.span.end];
    n.is_plain_integer() && (3..=4).contains(&digits.len()) && {
        let minutes = (digits[digits.len() - 2] - b'0') * 10 + digits[digits.len() - 1] - b'0';
        let hours = digits[..digits.len() - 2].iter().fold(0u32, |h, &d| h * 10 + u32::from(d - b'0'));
        minutes < 60 && hours <= 24
    }
}

/// The end of " below zero" right after `end` (spaces between, any case).
fn below_zero(text: &str, end: usize) -> Option<usize> {
    // Asked after every number and unit: most are followed by no space, or by one space and a
    // word that does not start with a "b", which the two bytes there rule out without the call.
    match text.as_bytes().get(end..end + 2) {
        Some(&[b, _]) if !b.is_ascii_whitespace() => return None,
        Some(&[b' ', c]) if !c.is_ascii_whitespace() && !c.eq_ignore_ascii_case(&b'b') => return None,
        _ => {}
    }
    crate::text::phrase_after(text, end, &["below", "zero"])
}

/// True when a sentence ends at `pos`: the end of the text, or `.`, `!` or `?` followed by the
/// end, a space or a closing quote.
fn sentence_ends(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(pos) {
        None => true,
        Some(b'.' | b'!' | b'?') => {
            bytes.get(pos + 1).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\''))
        }
        _ => false,
    }
}

/// True when the sentence speaks of weather or temperature.
fn temperature_context(sentence: &str) -> bool {
    super::contains_any_lowercase(sentence, TEMPERATURE_WORDS)
}

#[cfg(test)]
mod tests {
    use super::super::render;
    use super::*;

    fn find(text: &str) -> Option<(&str, &'static str)> {
        UnitRule::new().find(text, 0).map(|(end, d)| (&text[..end], d.unit))
    }

    #[test]
    fn longest_surface_wins() {
        assert_eq!(find("km range"), Some(("km", "km")));
        assert_eq!(find("kilometres of"), Some(("kilometres", "km")));
        assert_eq!(find("Miles"), Some(("Miles", "mi")));
        assert_eq!(find("minutes."), Some(("minutes", "minute")));
        assert_eq!(find("miles per hour"), Some(("miles per hour", "mph")));
        assert_eq!(find("percentage points"), Some(("percentage points", "percentage_point")));
    }

    #[test]
    fn case_sensitive_surfaces() {
        assert_eq!(find("h"), Some(("h", "hour")));
        assert_eq!(find("H"), None);
        assert_eq!(find("MI"), None);
        assert_eq!(find("Nm"), Some(("Nm", "Nm")));
    }

    #[test]
    fn percent_forms() {
        assert_eq!(
            render("52%, 3.3 %, 10 percent, 5 per cent, 55 pct, 2 percentage points and 50 basis points"),
            [
                "percent 52 percent exact «52%» unit.percent",
                "percent 3.3 percent exact «3.3 %» unit.percent",
                "percent 10 percent exact «10 percent» unit.percent",
                "percent 5 percent exact «5 per cent» unit.percent",
                "percent 55 percent exact «55 pct» unit.percent",
                "percent 2 percentage_point exact «2 percentage points» unit.percent",
                "percent 50 basis_point exact «50 basis points» unit.percent",
            ]
        );
    }

    #[test]
    fn distances_glued_spaced_and_hyphenated() {
        assert_eq!(
            render("1,200 km, 3km, 300 kilometres, 250 miles and a 520-kilometre range"),
            [
                "distance 1200 km exact «1,200 km» unit.distance",
                "distance 3 km exact «3km» unit.distance",
                "distance 300 km exact «300 kilometres» unit.distance",
                "distance 250 mi exact «250 miles» unit.distance",
                "distance 520 km exact «520-kilometre» unit.distance",
            ]
        );
    }

    #[test]
    fn durations() {
        assert_eq!(
            render("Nearly 20 years, 48 hours, two hours and a 10-minute charge"),
            [
                "duration 20 year approx «Nearly 20 years» unit.duration",
                "duration 48 hour exact «48 hours» unit.duration",
                "duration 2 hour exact «two hours» unit.duration",
                "duration 10 minute exact «10-minute» unit.duration",
            ]
        );
    }

    #[test]
    fn durations_counted_by_an_article() {
        assert_eq!(
            render("It lasted for an hour and a half, more than a year, within a couple of weeks, a year ago."),
            [
                "duration 1.5 hour exact «an hour and a half» unit.duration",
                "duration 1 year more_than «more than a year» unit.duration",
                "duration 2 week approx «a couple of weeks» unit.duration",
            ]
        );
        assert_eq!(
            render("for an hour and 45 minutes"),
            ["duration 105 minute exact «an hour and 45 minutes» compound"]
        );
    }

    #[test]
    fn durations_counted_by_an_article_before_a_shorter_unit_or_by_another() {
        assert_eq!(
            render("It took an hour and 45 minutes, a year and two months, then another month."),
            [
                "duration 105 minute exact «an hour and 45 minutes» compound",
                "duration 14 month exact «a year and two months» compound",
                "duration 1 month exact «another month» unit.duration",
            ]
        );
        // A rate before a longer unit, and the idiom "another day", are no spans of time.
        assert_eq!(
            render("They earn 60 yuan a month and three years of leave, to fight another day."),
            ["money 60 CNY exact «60 yuan» money.suffix", "duration 3 year exact «three years» unit.duration"]
        );
    }

    #[test]
    fn a_comparative_between_the_number_and_the_unit() {
        assert_eq!(
            render("It wants six more months; two fewer hours; 10 extra minutes; 5 additional km."),
            [
                "duration 6 month exact «six more months» unit.duration",
                "duration 2 hour exact «two fewer hours» unit.duration",
                "duration 10 minute exact «10 extra minutes» unit.duration",
                "distance 5 km exact «5 additional km» unit.distance",
            ]
        );
        assert_eq!(render("two more than last year"), ["number 2 - exact «two» number.bare"]);
        // Every comparative, in any case, passes the test of its first byte.
        for comparative in COMPARATIVES {
            for word in [comparative.to_string(), comparative.to_ascii_uppercase()] {
                let text = format!("It takes 6 {word} hours.");
                assert_eq!(render(&text), [format!("duration 6 hour exact «6 {word} hours» unit.duration")], "{text}");
            }
        }
    }

    #[test]
    fn a_fraction_of_a_unit() {
        assert_eq!(
            render("three quarters of an hour, one and three quarters of an hour, a quarter of a percentage point"),
            [
                "duration 0.75 hour exact «three quarters of an hour» unit.duration",
                "duration 1.75 hour exact «one and three quarters of an hour» unit.duration",
                "percent 0.25 percentage_point exact «a quarter of a percentage point» unit.percent",
            ]
        );
        // Not a fraction, or not of one unit.
        assert_eq!(render("three quarters of the total"), ["number 0.75 - exact «three quarters» number.bare"]);
        assert_eq!(render("5 of an hour"), ["number 5 - exact «5» number.bare"]);
    }

    #[test]
    fn a_spaced_in_before_a_word_of_size_is_an_inch() {
        assert_eq!(render("The door is 2 1/2 in thick"), ["distance 2.5 in exact «2 1/2 in» unit.distance"]);
        assert_eq!(render("2 in the morning"), ["number 2 - exact «2» number.bare"]);
    }

    #[test]
    fn powers_of_units() {
        assert_eq!(
            render("4 km squared, 4 cubic kilometres and 3 km³"),
            [
                "area 4 km2 exact «4 km squared» unit.measure",
                "volume 4 km3 exact «4 cubic kilometres» unit.measure",
                "volume 3 km3 exact «3 km³» unit.measure",
            ]
        );
    }

    #[test]
    fn caret_exponents_and_spelled_powers() {
        assert_eq!(
            render("4km^3, 4km^2, 4 km cubed, 20 m^2 and 50 metres squared"),
            [
                "volume 4 km3 exact «4km^3» unit.measure",
                "area 4 km2 exact «4km^2» unit.measure",
                "volume 4 km3 exact «4 km cubed» unit.measure",
                "area 20 m2 exact «20 m^2» unit.measure",
                "area 50 m2 exact «50 metres squared» unit.measure",
            ]
        );
        // Only a square or a cube, of a length.
        assert_eq!(render("4km^5")[0], "distance 4 km exact «4km» unit.distance");
        assert_eq!(render("a 4kg^2 weight")[0], "mass 4 kg exact «4kg» unit.measure");
    }

    #[test]
    fn feet_and_inch_marks() {
        assert_eq!(render("a 9\" plate"), ["distance 9 in exact «9\"» unit.distance"]);
        assert_eq!(render("over 5''"), ["distance 5 in more_than «over 5''» unit.distance"]);
        assert_eq!(render("the wrench is 8\""), ["distance 8 in exact «8\"» unit.distance"]);
        assert_eq!(
            render("Police described him as about 5' 10\" tall, and 6'2\"."),
            ["distance 70 in approx «about 5' 10\"» compound", "distance 74 in exact «6'2\"» compound"]
        );
        // A quotation that closes after the number, or a number in quotes.
        assert_eq!(render("It said growth \"will slow in 2005\"."), ["year 2005 - exact «2005» year.cue"]);
        assert_eq!(render("the so-called \"0/92\" plan").iter().filter(|q| q.contains("distance")).count(), 0);
        assert_eq!(render("it went ``up to 20''").iter().filter(|q| q.contains("distance")).count(), 0);
        // A lone apostrophe is no foot mark.
        assert_eq!(render("the 5' and"), ["number 5 - exact «5» number.bare"]);
    }

    #[test]
    fn a_spaced_in_that_ends_a_sentence_is_an_inch() {
        assert_eq!(render("The length of my pencil is 2 in."), ["distance 2 in exact «2 in» unit.distance"]);
        assert_eq!(render("above 5 in"), ["distance 5 in more_than «above 5 in» unit.distance"]);
        // A preposition before a word, or after a spelled-out number, stays one.
        assert_eq!(render("2 in 2024."), ["number 2 - exact «2» number.bare", "year 2024 - exact «2024» year.cue"]);
        assert!(render("It was one of five in.").iter().all(|q| !q.contains("distance")));
    }

    #[test]
    fn a_mixed_number_of_a_plural_unit() {
        assert_eq!(
            render("two and a quarter of hours"),
            ["duration 2.25 hour exact «two and a quarter of hours» unit.duration"]
        );
        assert_eq!(render("half of hours worked"), ["number 0.5 - exact «half» number.bare"]);
    }

    #[test]
    fn quarters_after_digits() {
        assert_eq!(render("over 3 quarters"), ["duration 3 quarter more_than «over 3 quarters» unit.duration"]);
        assert!(render("in the 1987 and 1986 quarters").iter().all(|q| !q.contains("duration")));
    }

    #[test]
    fn an_ordinal_second_after_a_number_is_no_unit() {
        assert!(render("he scored 4 second-half goals").iter().all(|q| !q.contains("duration")));
        assert_eq!(render("a 4-second delay"), ["duration 4 second exact «4-second» unit.duration"]);
    }

    #[test]
    fn a_period_to_date_is_no_duration() {
        assert!(render("sales of nil year-to-date and 5 Month-to-date").iter().all(|q| !q.contains("duration")));
        assert_eq!(render("5 years to date"), ["duration 5 year exact «5 years» unit.duration"]);
    }

    #[test]
    fn physical_units_and_si() {
        let cases = [
            ("a 250kW charger", "power", "kW", 250_000.0, "W"),
            ("a 100 kWh pack", "energy", "kWh", 360_000_000.0, "J"),
            ("400 Nm of torque", "torque", "Nm", 400.0, "N·m"),
            ("at 120 km/h", "speed", "km/h", 33.333333333333336, "m/s"),
            ("at 60 mph", "speed", "mph", 26.8224, "m/s"),
            ("2 tonnes", "mass", "t", 2000.0, "kg"),
            ("a 2.0-litre engine", "volume", "l", 0.002, "m3"),
            ("25°C", "temperature", "degC", 298.15, "K"),
            ("77F", "temperature", "degF", 298.15, "K"),
            ("40 mpg", "fuel_economy", "mpg", 5.8803645825, "l/100km"),
            ("6,000 rpm", "rotation", "rpm", 100.0, "Hz"),
            ("an 800V system", "voltage", "V", 800.0, "V"),
            ("50 hectares", "area", "ha", 500_000.0, "m2"),
            ("300 Wh/kg", "energy_density", "Wh/kg", 1_080_000.0, "J/kg"),
            ("16 GB", "data", "GB", 16e9, "B"),
            ("a 256 kilobit line", "data", "kbit", 32_000.0, "B"),
            ("384 kilobits per second", "data_rate", "kbit/s", 48_000.0, "B/s"),
            ("1.2 gigabits per second", "data_rate", "Gbit/s", 150_000_000.0, "B/s"),
            ("a 2mbps link", "data_rate", "Mbit/s", 250_000.0, "B/s"),
            ("5 GHz", "frequency", "GHz", 5e9, "Hz"),
        ];
        let recognizer = super::super::QuantityRecognizer::new();
        for (text, kind, unit, si, si_unit) in cases {
            let seg = crate::segment::Segmenter::new().segment(text);
            let q = recognizer.recognize(text, &seg);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(serde_json::to_value(q[0].kind).unwrap(), kind, "{text}");
            assert_eq!(q[0].unit.as_deref(), Some(unit), "{text}");
            let got = q[0].si().unwrap();
            assert!((got.value.unwrap() - si).abs() <= si.abs() * 1e-9, "{text}: {got:?}");
            assert_eq!(got.unit, si_unit, "{text}");
        }
    }

    #[test]
    fn degrees_are_angles_or_temperatures() {
        assert_eq!(render("rotate 90 degrees"), ["angle 90 deg exact «90 degrees» unit.measure"]);
        assert_eq!(
            render("temperatures reached 35 degrees"),
            ["temperature 35 degree exact «35 degrees» unit.measure"]
        );
        assert_eq!(render("25 degrees Celsius"), ["temperature 25 degC exact «25 degrees Celsius» unit.measure"]);
        // The degree sign alone reads like "degrees"; spaced before the scale it is the scale.
        assert_eq!(render("a 360° view"), ["angle 360 deg exact «360°» unit.measure"]);
        assert_eq!(render("temperatures hit 45°"), ["temperature 45 degree exact «45°» unit.measure"]);
        assert_eq!(render("37 ° Celsius"), ["temperature 37 degC exact «37 ° Celsius» unit.measure"]);
    }

    #[test]
    fn below_zero_is_negative() {
        assert_eq!(render("It was 20 below zero"), ["temperature -20 degree exact «20 below zero» unit.measure"]);
        assert_eq!(render("2 degrees below zero"), ["temperature -2 degree exact «2 degrees below zero» unit.measure"]);
        assert_eq!(
            render("5 degrees Celsius below zero"),
            ["temperature -5 degC exact «5 degrees Celsius below zero» unit.measure"]
        );
    }

    #[test]
    fn ambiguous_unit_letters() {
        assert!(render("ranked 12 in the list").iter().all(|q| q.starts_with("number 12")));
        assert_eq!(render("a 12in screen"), ["distance 12 in exact «12in» unit.distance"]);
        assert_eq!(render("a 2.0 L engine"), ["volume 2 l exact «2.0 L» unit.measure"]);
        assert_eq!(render("24703 L-202"), ["number 24703 - exact «24703» number.bare"]);
        assert_eq!(render("down to minus 30 C"), ["temperature -30 degC exact «minus 30 C» unit.measure"]);
        assert_eq!(render("exports of 278,000 t"), ["mass 278000 t exact «278,000 t» unit.measure"]);
        assert!(render("172 F-110-GE-100 engines and 18 F-14A").iter().all(|q| !q.contains("degF")));
        assert!(render("it issued 10,000 EB-5 visas").iter().all(|q| !q.contains("EB")));
        // "Micron" is a chip maker; "micron" a length.
        assert_eq!(
            render("500,000 Micron common shares")[0],
            "count 500000 share exact «500,000 Micron common shares» count.noun"
        );
        assert_eq!(render("a 1.5-micron process"), ["distance 1.5 um exact «1.5-micron» unit.distance"]);
        assert!(render("in 2003 C Company").iter().all(|q| !q.contains("degC")));
        assert!(render("Cloud City, PA 23456 F Block").iter().all(|q| !q.contains("degF")));
        // A single letter after another word is no unit.
        assert_eq!(render("45 xs l"), ["number 45 - exact «45» number.bare"]);
        assert!(render("results for 2021 c").iter().all(|q| !q.contains("degC") && !q.contains("USD")));
    }

    #[test]
    fn units_of_science_and_industry_and_their_si() {
        let cases = [
            ("a CT scan gives 14 mGy", "radiation_dose", "mGy", 0.014, "Gy"),
            ("a dose of 0.01 Gy", "radiation_dose", "Gy", 0.01, "Gy"),
            ("workers got 250 millisieverts", "radiation_dose", "mSv", 0.25, "Sv"),
            ("readings of 3.8 µSv/h", "dose_rate", "uSv/h", 3.8e-6 / 3600.0, "Sv/s"),
            ("the plant handles 4,500 tpd", "mass_flow", "t/d", 4_500_000.0 / 86_400.0, "kg/s"),
            ("a 5 mtpa LNG train", "mass_flow", "Mt/year", 5e9 / 31_556_952.0, "kg/s"),
            ("falling at 9.8 m/s2", "acceleration", "m/s2", 9.8, "m/s2"),
            ("an acceleration of 0.5 km/s²", "acceleration", "km/s2", 500.0, "m/s2"),
            ("about 6.6e-34 Js", "action", "J·s", 6.6e-34, "J·s"),
            ("a pulse of 20 J", "energy", "J", 20.0, "J"),
            ("it collected 5 fb−1 of data", "integrated_luminosity", "fb-1", 5e43, "m-2"),
            ("and 30 fb-1 in 2012", "integrated_luminosity", "fb-1", 3e44, "m-2"),
            ("oscillates at 4e14 s-1", "frequency", "1/s", 4e14, "Hz"),
            ("decays at 2 s⁻¹", "frequency", "1/s", 2.0, "Hz"),
            ("it uses 10 l/km", "fuel_economy", "l/km", 1000.0, "l/100km"),
            ("at two kb per second", "data_rate", "kbit/s", 250.0, "B/s"),
            ("downloads at 800 KB/s", "data_rate", "KB/s", 800_000.0, "B/s"),
            ("a 64 KiB cache", "data", "KiB", 65_536.0, "B"),
            ("10 exabytes of data", "data", "EB", 1e19, "B"),
            ("rocks 66 Ma ago", "duration", "Myr", 66.0 * 31_556_952e6, "s"),
            ("formed 4.5 Gyr before", "duration", "Gyr", 4.5 * 31_556_952e9, "s"),
            ("a density of 5.5 g/cm3", "density", "g/cm3", 5_500.0, "kg/m3"),
            ("PM2.5 at 300 µg/m3", "density", "ug/m3", 3e-7, "kg/m3"),
            ("the river carries 2,000 m3/s", "flow", "m3/s", 2_000.0, "m3/s"),
            ("a field of 2.5 arcminutes", "angle", "arcmin", 2.5 * std::f64::consts::PI / 10_800.0, "rad"),
            ("a shift of 150 arcsec", "angle", "arcsec", 150.0 * std::f64::consts::PI / 648_000.0, "rad"),
        ];
        let recognizer = super::super::QuantityRecognizer::new();
        for (text, kind, unit, si, si_unit) in cases {
            let seg = crate::segment::Segmenter::new().segment(text);
            let q: Vec<_> = recognizer.recognize(text, &seg).into_iter().filter(|q| q.unit.is_some()).collect();
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(serde_json::to_value(q[0].kind).unwrap(), kind, "{text}");
            assert_eq!(q[0].unit.as_deref(), Some(unit), "{text}");
            let got = q[0].si().unwrap();
            assert!((got.value.unwrap() - si).abs() <= si.abs() * 1e-9, "{text}: {got:?}");
            assert_eq!(got.unit, si_unit, "{text}");
        }
    }

    #[test]
    fn a_measure_per_unit_of_time_is_a_rate() {
        assert_eq!(
            render("It makes 400,000 tonnes a year, 20 mm per hour, 5 km/day, 2 mSv a year and 3 GB per month."),
            [
                "mass_flow 400000 t/year exact «400,000 tonnes a year» unit.measure",
                "speed 20 mm/h exact «20 mm per hour» unit.measure",
                "speed 5 km/d exact «5 km/day» unit.measure",
                "dose_rate 2 mSv/year exact «2 mSv a year» unit.measure",
                "data_rate 3 GB/month exact «3 GB per month» unit.measure",
            ]
        );
        // A composed id that names a row takes the row: km per hour is km/h, barrels per day bbl/d.
        assert_eq!(
            render("at 90 km an hour, 5,000 bbl/day"),
            ["speed 90 km/h exact «90 km an hour» unit.measure", "flow 5000 bbl/d exact «5,000 bbl/day» unit.measure"]
        );
        let si = |text: &str| {
            let seg = crate::segment::Segmenter::new().segment(text);
            super::super::QuantityRecognizer::new().recognize(text, &seg)[0].si().unwrap()
        };
        let t = si("30,000 tonnes a year");
        assert!((t.value.unwrap() - 30_000_000.0 / 31_556_952.0).abs() < 1e-9 && t.unit == "kg/s", "{t:?}");
    }

    #[test]
    fn no_rate_at_a_point_in_time_or_for_other_kinds() {
        // "a week ago", "a year earlier", "a year-long": points in time and modifiers.
        assert_eq!(
            render("exports of 121,168 tonnes a week ago"),
            ["mass 121168 t exact «121,168 tonnes» unit.measure"]
        );
        assert_eq!(
            render("It held 48,000 tonnes a year earlier")[0],
            "mass 48000 t exact «48,000 tonnes» unit.measure"
        );
        assert_eq!(render("5 tonnes a year-long")[0], "mass 5 t exact «5 tonnes» unit.measure");
        // Durations, percentages, money and power per time keep their kind.
        assert_eq!(render("two hours a day"), ["duration 2 hour exact «two hours» unit.duration"]);
        assert_eq!(render("inflation of 5% a year"), ["percent 5 percent exact «5%» unit.percent"]);
        assert_eq!(render("it costs $5bn a year")[0], "money 5000000000 USD exact «$5bn» money.prefix");
        assert_eq!(render("ramping at 3 W/min"), ["number 3 - exact «3» number.bare"]);
        // Not a unit of time after the slash or "per".
        assert_eq!(render("5 kg per person")[0], "mass 5 kg exact «5 kg» unit.measure");
    }

    #[test]
    fn events_per_unit_of_time() {
        assert_eq!(
            render("It is used four times per week and flies three times a day."),
            [
                "frequency 4 1/week exact «four times per week» unit.measure",
                "frequency 3 1/d exact «three times a day» unit.measure",
            ]
        );
        // "four times a year earlier" is a multiple of a past level; "four times larger" too.
        assert_eq!(render("profit was four times a year earlier"), ["number 4 - exact «four» number.bare"]);
        assert_eq!(render("four times larger"), ["number 4 - exact «four» number.bare"]);
    }

    #[test]
    fn picometres_and_attometres_only_in_a_sentence_about_sizes() {
        assert_eq!(render("This grid has a size of 2.1 pm."), ["distance 2.1 pm exact «2.1 pm» unit.distance"]);
        assert_eq!(
            render("The atom's radius is 2.123 am, or 175 pm"),
            ["distance 2.123 am exact «2.123 am» unit.distance", "distance 175 pm exact «175 pm» unit.distance"]
        );
        // Times of day: hours, British hours and minutes, and hhmm; and no size spoken of.
        assert!(render("The 6 pm meeting on the size of the budget, at 10.30 pm").is_empty());
        assert_eq!(render("a size review at 1230 pm"), ["number 1230 - exact «1230» number.bare"]);
        assert_eq!(render("at 2.75 pm"), ["number 2.75 - exact «2.75» number.bare"]);
    }

    #[test]
    fn megayears_spaced_only_before_ago() {
        assert_eq!(
            render("It lived 66 Ma ago; the crust is 4.4 Ga old, the Moon 4.5Ga."),
            [
                "duration 66 Myr exact «66 Ma» unit.duration",
                "number 4.4 - exact «4.4» number.bare",
                "duration 4.5 Gyr exact «4.5Ga» unit.duration",
            ]
        );
        assert_eq!(render("he paid 5 Ma the rest"), ["number 5 - exact «5» number.bare"]);
    }

    #[test]
    fn kelvins_glued_to_a_decimal_in_a_sentence_about_temperature() {
        assert_eq!(
            render("At temperatures of 300 °C (573.15K) it is inert."),
            ["temperature 300 degC exact «300 °C» unit.measure", "temperature 573.15 K exact «573.15K» unit.measure",]
        );
        assert_eq!(render("cooled to 77K, far below 0 °C")[0], "temperature 77 K exact «77K» unit.measure");
        // Thousands: jobs, races, and a decimal without a temperature.
        assert_eq!(render("the heat cost 20K jobs"), ["count 20000 job exact «20K jobs» count.noun"]);
        assert_eq!(render("temperatures soared at the 10K race")[0], "number 10000 - exact «10K» number.bare");
        assert_eq!(render("it drew 5.5K runners in the heat")[0], "count 5500 runner exact «5.5K runners» count.noun");
    }

    #[test]
    fn absolute_zero_is_zero_kelvin() {
        assert_eq!(
            render("Matter at absolute zero is in its ground state."),
            ["temperature 0 K exact «absolute zero» unit.measure"]
        );
        assert_eq!(
            render("cooled close to absolute zero."),
            ["temperature 0 K approx «close to absolute zero» unit.measure"]
        );
        assert_eq!(render("a policy of absolute zero tolerance"), ["number 0 - exact «zero» number.bare"]);
        assert_eq!(render("Trading is at an absolute nil, nobody"), ["number 0 - exact «nil» number.bare"]);
    }

    #[test]
    fn degrees_on_a_named_scale() {
        assert_eq!(
            render("absolute zero is −273.15° on the Celsius scale"),
            [
                "temperature 0 K exact «absolute zero» unit.measure",
                "temperature -273.15 degC exact «−273.15° on the Celsius scale» unit.measure",
            ]
        );
    }

    #[test]
    fn a_unit_shows_that_the_word_before_is_no_name() {
        assert_eq!(render("Adjustable Wrench 8\""), ["distance 8 in exact «8\"» unit.distance"]);
        assert_eq!(
            render("Core i7 Processor 2.80 GHz 8 MB LGA1156"),
            ["frequency 2.8 GHz exact «2.80 GHz» unit.measure", "data 8 MB exact «8 MB» unit.measure"]
        );
        // Names stay names: in quotes, or after another capitalized word.
        assert!(render("He bought the \"iPhone 8\" yesterday").is_empty());
        assert!(render("the Boeing 747 and Airbus 320 jets").iter().all(|q| !q.contains("747") && !q.contains("320")));
    }

    #[test]
    fn glued_letters_that_are_not_units() {
        assert!(render("5G networks and 4x4 trucks").is_empty());
    }
}
