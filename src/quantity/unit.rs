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
//! exponent squares or cubes a length (`4km^2`, `20 m^3`).
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
//!   (`four class C`); lowercase "2021 c" is nothing;
//! - `pounds` is money unless the money rule sees a weight context; then it is a mass here;
//! - a unit separated from its number by a line break inside a paragraph is still taken;
//! - `second` followed by a hyphen and a letter is the ordinal (`4 second-half goals`);
//! - a unit of time before `-to-date` is a reporting period (`nil year-to-date`), no duration;

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

/// The `unit` rule family.
#[derive(Debug)]
pub struct UnitRule {
    lexicon: Lexicon<UnitDef>,
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
                    "cs" | "glued" | "nohyphen" | "inverse" | "degrees" => {}
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
            };
            lexicon.insert(row.get(0), flags.contains(&"cs"), def);
        }
        UnitRule { lexicon }
    }

    /// The definition of the unit with canonical id `unit`.
    pub fn definition(&self, unit: &str) -> Option<&UnitDef> {
        self.lexicon.entries().iter().find(|d| d.unit == unit)
    }

    /// The unit written at `pos`, if any, as its end and definition.
    fn find(&self, text: &str, pos: usize) -> Option<(usize, &UnitDef)> {
        self.lexicon.lookup(text, pos)
    }

    /// The unit written as a word at `pos`, for a unit that follows other words after the number
    /// (`four consecutive months`): not a symbol that must be glued to the number, nor a single
    /// letter (`45 xs l` is no volume).
    pub fn lookup(&self, text: &str, pos: usize) -> Option<(usize, &UnitDef)> {
        self.find(text, pos).filter(|&(end, d)| !d.glued_only && end - pos > 1)
    }

    /// A quantity when a unit follows the number: glued (`3km`, `52%`), after a space
    /// (`1,200 km`) or after a hyphen (`10-minute`).
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        let end = n.span.end;
        let bytes = text.as_bytes();
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

    /// The unit after one word between it and the number: a comparative ("six more months",
    /// "10 extra minutes"), or "of a"/"of an" after a fraction ("three quarters of an hour", "a
    /// quarter of a percentage point"; "of hour" without the article only before a singular unit:
    /// "half of hours worked" is a share of a set of hours, not a span).
    fn unit_after_a_word(&self, text: &str, n: &Number, start: usize) -> Option<(usize, &UnitDef)> {
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
            let before = text.get(cx.sentence_start.min(pos)..pos)?;
            // Marks after digits (`5' 10"` earlier in the sentence) open nothing.
            let quotes = before.as_bytes().windows(2).filter(|w| w[1] == b'"' && !w[0].is_ascii_digit()).count()
                + usize::from(before.starts_with('"'));
            let closed = quotes % 2 == 0 && !before.contains("``");
            (closed && !bytes.get(mark_end).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_'))
                .then_some(mark_end)
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

/// The end of " below zero" right after `end` (spaces between, any case).
fn below_zero(text: &str, end: usize) -> Option<usize> {
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
    crate::text::contains_any_ignore_case(sentence, TEMPERATURE_WORDS)
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
        assert!(render("in 2003 C Company").iter().all(|q| !q.contains("degC")));
        assert!(render("Cloud City, PA 23456 F Block").iter().all(|q| !q.contains("degF")));
        // A single letter after another word is no unit.
        assert_eq!(render("45 xs l"), ["number 45 - exact «45» number.bare"]);
        assert!(render("results for 2021 c").iter().all(|q| !q.contains("degC") && !q.contains("USD")));
    }

    #[test]
    fn glued_letters_that_are_not_units() {
        assert!(render("5G networks and 4x4 trucks").is_empty());
    }
}
