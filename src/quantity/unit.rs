//! Rule family `unit`: a number followed by a unit from the lexicon (`data/units.tsv`).
//!
//! What it matches: `3.3%`, `3.3 %`, `10 percent`, `5 per cent`, `1,200 km`, `3km`,
//! `300 kilometres`, `250 miles`, `20 years`, `48 hours`, and the adjectival form with a hyphen,
//! `10-minute`, `520-kilometre`. The kind (percent, distance, duration) and the canonical unit id
//! come from the lexicon row.
//!
//! Why: a table keeps every surface form reviewable in one file; the rule only decides where the
//! unit starts (glued, after one space, or after a hyphen) and takes the longest surface.
//!
//! Known problems: `m` after a plain number is always metres here (money comes later); a unit
//! separated from its number by a line break inside a paragraph is still taken.
//!
//! Example: "a 10-minute charge" → duration 10 minute, rule `unit.duration`.

use std::collections::HashMap;

use super::{Cx, Kind, Quantity};
use crate::data;
use crate::text::Span;

/// One unit from the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDef {
    /// Canonical unit id.
    pub unit: &'static str,
    /// The kind of quantity it measures.
    pub kind: Kind,
    /// Value in the SI unit = value × factor.
    pub factor: Option<f64>,
    /// The SI unit, when there is one.
    pub si: Option<&'static str>,
    /// Whether the adjectival `10-minute` form is allowed.
    pub hyphen: bool,
}

/// The unit lexicon: surface forms to units, longest surface first.
#[derive(Debug)]
pub struct UnitTable {
    defs: Vec<UnitDef>,
    exact: HashMap<&'static str, usize>,
    folded: HashMap<String, usize>,
    max_words: usize,
}

/// The longest unit surface, in bytes, the lookup will build.
const MAX_SURFACE: usize = 48;

impl UnitTable {
    /// The built-in lexicon.
    pub fn builtin() -> UnitTable {
        let mut table = UnitTable { defs: Vec::new(), exact: HashMap::new(), folded: HashMap::new(), max_words: 1 };
        for row in data::builtin_rows("units.tsv", data::UNITS) {
            let fail = |what: &str| -> ! { panic!("data/units.tsv:{}: {what}", row.line) };
            let kind = Kind::parse(row.get(2)).unwrap_or_else(|| fail("unknown kind"));
            let factor = match row.get(3) {
                "" => None,
                f => Some(f.parse::<f64>().unwrap_or_else(|_| fail("bad factor"))),
            };
            let flags = row.get(5);
            let def = UnitDef {
                unit: row.get(1),
                kind,
                factor,
                si: Some(row.get(4)).filter(|s| !s.is_empty()),
                hyphen: !flags.contains("nohyphen"),
            };
            let surface = row.get(0);
            assert!(surface.len() <= MAX_SURFACE, "data/units.tsv:{}: surface too long", row.line);
            let index = table.defs.iter().position(|d| *d == def).unwrap_or_else(|| {
                table.defs.push(def);
                table.defs.len() - 1
            });
            table.max_words = table.max_words.max(surface.split(' ').count());
            if flags.split(',').any(|f| f == "cs") {
                table.exact.insert(surface, index);
            } else {
                table.folded.insert(surface.to_ascii_lowercase(), index);
            }
        }
        table
    }

    /// The longest unit written at `pos` (words separated by single whitespace runs), as the end
    /// of the surface and the unit.
    pub fn lookup(&self, text: &str, pos: usize) -> Option<(usize, &UnitDef)> {
        let mut ends = [0usize; 8];
        let words = unit_words(text, pos, &mut ends[..self.max_words.min(8)]);
        for n in (1..=words).rev() {
            let mut buf = [0u8; MAX_SURFACE];
            let Some(len) = surface_key(text, pos, &ends[..n], &mut buf) else {
                continue;
            };
            let Ok(key) = std::str::from_utf8(&buf[..len]) else {
                continue;
            };
            if let Some(&i) = self.exact.get(key) {
                return Some((ends[n - 1], &self.defs[i]));
            }
            let lower = lowercase(&mut buf[..len]);
            if let Some(&i) = self.folded.get(lower) {
                return Some((ends[n - 1], &self.defs[i]));
            }
        }
        None
    }
}

/// Finds up to `ends.len()` unit words starting at `pos`; stores their ends and returns how many.
fn unit_words(text: &str, pos: usize, ends: &mut [usize]) -> usize {
    let bytes = text.as_bytes();
    let mut p = pos;
    let mut n = 0;
    while n < ends.len() {
        let end = unit_word_end(text, p);
        if end == p {
            break;
        }
        ends[n] = end;
        n += 1;
        // The next word must follow after exactly one run of spaces without a paragraph break.
        let next = crate::text::skip_gap(text, end);
        if next == end || next >= bytes.len() {
            break;
        }
        p = next;
    }
    n
}

/// The end of the unit word at `pos`: letters, `%`, `°`, `²`, `³`, `µ`, and `/` followed by more
/// (digits are allowed after a `/`: `l/100km`).
fn unit_word_end(text: &str, pos: usize) -> usize {
    let mut end = pos;
    let mut after_slash = false;
    for (i, c) in text[pos..].char_indices() {
        let ok = c.is_ascii_alphabetic()
            || matches!(c, '%' | '°' | '²' | '³' | 'µ')
            || (c == '/' && i > 0)
            || (after_slash && c.is_ascii_digit());
        if !ok {
            break;
        }
        after_slash |= c == '/';
        end = pos + i + c.len_utf8();
    }
    // A trailing slash is not part of the unit.
    while end > pos && text.as_bytes()[end - 1] == b'/' {
        end -= 1;
    }
    if end > pos && !crate::text::boundary_after(text, end) {
        return pos;
    }
    end
}

/// Joins the words `pos..ends[last]` with single spaces into `buf`; returns the length.
fn surface_key(text: &str, pos: usize, ends: &[usize], buf: &mut [u8; MAX_SURFACE]) -> Option<usize> {
    let mut len = 0;
    let mut start = pos;
    for (i, &end) in ends.iter().enumerate() {
        if i > 0 {
            *buf.get_mut(len)? = b' ';
            len += 1;
            start = crate::text::skip_space(text, start);
        }
        let word = &text.as_bytes()[start..end];
        buf.get_mut(len..len + word.len())?.copy_from_slice(word);
        len += word.len();
        start = end;
    }
    Some(len)
}

fn lowercase(buf: &mut [u8]) -> &str {
    buf.make_ascii_lowercase();
    std::str::from_utf8(buf).unwrap_or_default()
}

/// The `unit` rule family.
#[derive(Debug)]
pub struct UnitRule {
    table: UnitTable,
}

impl UnitRule {
    /// The rule with the built-in lexicon.
    pub fn new() -> UnitRule {
        UnitRule { table: UnitTable::builtin() }
    }

    /// A quantity when a unit follows the number: glued (`3km`, `52%`), after a space
    /// (`1,200 km`) or after a hyphen (`10-minute`).
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let text = cx.text;
        let end = n.span.end;
        let bytes = text.as_bytes();
        let (unit_end, def) = match bytes.get(end) {
            // "10-minute" is one word; "10-minutes" reads the same.
            Some(b'-') => self.table.lookup(text, end + 1).filter(|(_, d)| d.hyphen)?,
            Some(b) if b.is_ascii_whitespace() => {
                let start = crate::text::skip_gap(text, end);
                if start == end {
                    return None;
                }
                self.table.lookup(text, start)?
            }
            Some(_) => self.table.lookup(text, end)?,
            None => return None,
        };
        let rule = match def.kind {
            Kind::Percent => "unit.percent",
            Kind::Distance => "unit.distance",
            Kind::Duration => "unit.duration",
            _ => "unit",
        };
        Some(Quantity::new(def.kind, n.value, Span::new(n.span.start, unit_end), rule).with_unit(def.unit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Option<(&str, &'static str)> {
        let table = UnitTable::builtin();
        table.lookup(text, 0).map(|(end, d)| (&text[..end], d.unit))
    }

    #[test]
    fn longest_surface_wins() {
        assert_eq!(find("km range"), Some(("km", "km")));
        assert_eq!(find("kilometres of"), Some(("kilometres", "km")));
        assert_eq!(find("Miles"), Some(("Miles", "mi")));
        assert_eq!(find("minutes."), Some(("minutes", "minute")));
    }

    #[test]
    fn case_sensitive_surfaces() {
        assert_eq!(find("h"), Some(("h", "hour")));
        assert_eq!(find("H"), None);
        assert_eq!(find("MI"), None);
    }

    #[test]
    fn words_must_end_at_a_boundary() {
        assert_eq!(find("kmz"), None);
        assert_eq!(find("mileage"), None);
    }
}

#[cfg(test)]
mod recognizer_tests {
    use super::super::render;

    #[test]
    fn percent_forms() {
        assert_eq!(
            render("52%, 3.3 %, 10 percent, 5 per cent and 55 pct"),
            [
                "percent 52 percent exact «52%» unit.percent",
                "percent 3.3 percent exact «3.3 %» unit.percent",
                "percent 10 percent exact «10 percent» unit.percent",
                "percent 5 percent exact «5 per cent» unit.percent",
                "percent 55 percent exact «55 pct» unit.percent",
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
            render("Nearly 20 years, 48 hours and a 10-minute charge"),
            [
                "duration 20 year approx «Nearly 20 years» unit.duration",
                "duration 48 hour exact «48 hours» unit.duration",
                "duration 10 minute exact «10-minute» unit.duration",
            ]
        );
    }

    #[test]
    fn glued_letters_that_are_not_units() {
        assert!(render("5G networks and 4x4 trucks, 3rd").is_empty());
    }
}
