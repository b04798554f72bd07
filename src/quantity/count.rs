//! Rule family `count`: a number followed by the plural noun it counts.
//!
//! What it matches: `100,000 units`, `1,000 employees`, `851,200 vehicles`, and up to two
//! modifiers before the noun (`300,000 electric vehicles`, `1,000 full-time employees`,
//! `3 new factories`). The unit is the noun in the singular: regular plurals by rule
//! (`batteries` → `battery`, `switches` → `switch`, `units` → `unit`), irregular ones from
//! `data/plurals.tsv` (`people` → `person`), acronyms keep their capitals (`EVs` → `EV`).
//!
//! Why: "how many of what" is the most common numeric claim in business news; the counted noun
//! is what makes the number comparable across articles.
//!
//! A spelled-out "one" counts only a noun whose plural is its singular (`one aircraft`): before
//! another plural it is a pronoun before a verb ("that one costs", "no one knows") or counts the
//! word before the plural ("one bank bills", "one preferred shares").
//!
//! Known problems: a verb ending in -s right after a number ("the 3 leads") is read as a noun;
//! words in `data/count_exclusions.txt` and `data/stopwords.txt` are never nouns or modifiers.
//! A year-shaped number before a noun from `data/year_nouns.txt` ("2003 results") is left to the
//! `year` rule.
//!
//! Multiword counted things from `data/compound_nouns.txt` keep their modifiers in the unit:
//! `2,500 charging stations` → `charging_station`.
//!
//! When the noun after the modifiers is a unit ("four consecutive months"), the quantity is a
//! measure of that unit, not a count.
//!
//! Zero before a modifier is a compound adjective (`zero coupon bonds`, `zero emission
//! vehicles`), not a count; so "zero new cases" is missed too.
//!
//! Example: "Lexus sold 851,200 vehicles worldwide" → count 851200 vehicle.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

use super::number::Form;
use super::unit::UnitRule;
use super::{Cx, Kind, Quantity, Vocabulary, WordMap};
use crate::data;
use crate::text::{Span, boundary_after, skip_gap};

/// Modifiers allowed between the number and the noun.
const MAX_MODIFIERS: usize = 2;

/// The `count` rule family.
#[derive(Debug)]
pub struct CountRule {
    irregular: WordMap<&'static str>,
    exclusions: WordMap<()>,
    year_nouns: WordMap<()>,
    compounds: HashSet<&'static str>,
}

impl CountRule {
    /// The rule with the built-in word lists.
    pub fn new() -> CountRule {
        CountRule {
            irregular: WordMap::new(data::builtin_rows("plurals.tsv", data::PLURALS).map(|r| (r.get(0), r.get(1)))),
            exclusions: WordMap::set(data::words("count_exclusions.txt", data::COUNT_EXCLUSIONS)),
            year_nouns: WordMap::set(data::words("year_nouns.txt", data::YEAR_NOUNS)),
            compounds: data::words("compound_nouns.txt", data::COMPOUND_NOUNS).collect(),
        }
    }

    /// A count when a plural noun follows the number.
    pub fn apply(&self, cx: &Cx, vocabulary: &Vocabulary, units: &UnitRule) -> Option<Quantity> {
        let n = cx.number();
        if n.glued || !n.is_cardinal() {
            return None;
        }
        let text = cx.text;
        // "That one costs", "one bank bills": a spelled-out "one" before a plural is a pronoun
        // before a verb, or counts the word before the plural; "one aircraft" counts.
        let one = n.form == Form::Words && n.value == Some(1.0) && !n.fraction;
        let mut pos = n.span.end;
        // The modifiers read so far, one a round: one more than allowed fits, read before the
        // loop ends.
        let mut read = [""; MAX_MODIFIERS + 1];
        for count in 0..=MAX_MODIFIERS {
            let modifiers = &read[..count];
            let start = skip_gap(text, pos);
            if start == pos {
                return None;
            }
            let (end, word) = noun_word(text, start)?;
            if vocabulary.is_stopword(word) || self.exclusions.contains(word) || vocabulary.is_number_word(word) {
                return None;
            }
            // "the Six Nations": a capitalized spelled number before a capitalized noun is a name.
            if n.form == Form::Words
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && text[n.span.start..].starts_with(|c: char| c.is_ascii_uppercase())
                && !cx.sentence_initial(n.span.start)
            {
                return None;
            }
            // "four consecutive months" measures time; the modifiers stay in the span.
            if !modifiers.is_empty()
                && !year_like(n)
                && let Some((unit_end, def)) = units.lookup(text, start)
                && unit_end == end
            {
                return Some(units.quantity(n.value, Span::new(n.span.start, end), def));
            }
            if let Some(singular) = self.singular(word) {
                if one && !singular.eq_ignore_ascii_case(word) {
                    return None;
                }
                // "zero coupon bonds", "zero emission vehicles", "zero duty bindings": zero before
                // a modifier makes a compound adjective, not a count of nothing.
                if n.value == Some(0.0) && !modifiers.is_empty() {
                    return None;
                }
                if year_like(n) && self.year_nouns.contains_lower(word) {
                    return None;
                }
                let unit = self.compound(modifiers, &singular).map_or(singular, Cow::Owned);
                let span = Span::new(n.span.start, end);
                return Some(Quantity::new(Kind::Count, n.value, span, "count.noun").with_unit(unit));
            }
            // A year-shaped number takes its noun directly ("2024 vehicles", not "1986 nine mths").
            if !is_modifier(word) || year_like(n) {
                return None;
            }
            read[count] = word;
            pos = end;
        }
        None
    }

    /// The compound noun formed by the last modifiers and the singular head, as a unit id
    /// (`charging_station`).
    fn compound(&self, modifiers: &[&str], singular: &str) -> Option<String> {
        if modifiers.is_empty() {
            return None;
        }
        // One string, with the room of the longest phrase, written over for each shorter one.
        let mut phrase = String::with_capacity(modifiers.iter().map(|m| m.len() + 1).sum::<usize>() + singular.len());
        for k in (1..=modifiers.len()).rev() {
            phrase.clear();
            for modifier in &modifiers[modifiers.len() - k..] {
                phrase.push_str(modifier);
                phrase.push(' ');
            }
            // The modifiers in lowercase, the head as it is.
            phrase.make_ascii_lowercase();
            phrase.push_str(singular);
            if self.compounds.contains(phrase.as_str()) {
                return Some(phrase.replace([' ', '-'], "_"));
            }
        }
        None
    }

    /// The singular of a plural noun; `None` when `word` is not a plural noun.
    pub fn singular(&self, word: &str) -> Option<Cow<'static, str>> {
        let bytes = word.as_bytes();
        // Acronyms: "EVs", "SUVs", "NEVs".
        if bytes.len() >= 3
            && bytes[bytes.len() - 1] == b's'
            && bytes[..bytes.len() - 1].iter().all(u8::is_ascii_uppercase)
        {
            return Some(Cow::Owned(word[..word.len() - 1].to_owned()));
        }
        if !bytes[1..].iter().all(|b| b.is_ascii_lowercase() || *b == b'-') {
            return None;
        }
        let mut buf = [0; 32];
        let lower = crate::text::lower(word, &mut buf);
        if let Some(&singular) = self.irregular.get(&lower) {
            return Some(Cow::Borrowed(singular));
        }
        if lower.len() < 3
            || !lower.ends_with('s')
            || lower.ends_with("ss")
            || lower.ends_with("us")
            || lower.ends_with("is")
        {
            return None;
        }
        let stem = if let Some(stem) = lower.strip_suffix("ies").filter(|s| s.len() >= 2) {
            format!("{stem}y")
        } else if ["sses", "ches", "shes", "xes", "zzes"].iter().any(|s| lower.ends_with(s)) {
            lower[..lower.len() - 2].to_owned()
        } else {
            lower[..lower.len() - 1].to_owned()
        };
        Some(Cow::Owned(stem))
    }
}

/// A year-shaped number in the range of bare years (2025 in "2025 model years").
fn year_like(n: &super::number::Number) -> bool {
    n.is_year_shaped() && n.value.is_some_and(|v| (1800.0..=2100.0).contains(&v))
}

/// A word of ASCII letters with inner hyphens (`full-time`), starting at `start`.
fn noun_word(text: &str, start: usize) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_alphabetic()
            || (b == b'-' && end > start && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic))
        {
            end += 1;
        } else {
            break;
        }
    }
    (end > start && boundary_after(text, end)).then(|| (end, &text[start..end]))
}

/// Lowercase, capitalized and short all-capital words can modify the counted noun ("new",
/// "electric", "Chinese", "EV").
fn is_modifier(word: &str) -> bool {
    word.bytes().skip(1).all(|b| b.is_ascii_lowercase() || b == b'-')
        || (word.len() <= 5 && word.bytes().all(|b| b.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        let rule = CountRule::new();
        let s = |w: &str| rule.singular(w).map(|c| c.into_owned());
        assert_eq!(s("units").as_deref(), Some("unit"));
        assert_eq!(s("batteries").as_deref(), Some("battery"));
        assert_eq!(s("switches").as_deref(), Some("switch"));
        assert_eq!(s("people").as_deref(), Some("person"));
        assert_eq!(s("buses").as_deref(), Some("bus"));
        assert_eq!(s("EVs").as_deref(), Some("EV"));
        assert_eq!(s("Vehicles").as_deref(), Some("vehicle"));
        assert_eq!(s("series").as_deref(), Some("series"));
        assert_eq!(s("electric"), None);
        assert_eq!(s("status"), None);
        assert_eq!(s("business"), None);
        assert_eq!(s("analysis"), None);
    }
}

#[cfg(test)]
mod recognizer_tests {
    use super::super::render;

    #[test]
    fn a_spelled_one_before_a_plural_is_a_pronoun() {
        assert_eq!(render("That one costs 3 dimes more"), ["count 3 dime exact «3 dimes» count.noun"]);
        assert!(render("one needs patience").is_empty());
        assert!(render("no one knows, one bank bills").is_empty());
        assert_eq!(render("one new aircraft"), ["count 1 aircraft exact «one new aircraft» count.noun"]);
        assert_eq!(render("1 costs"), ["count 1 cost exact «1 costs» count.noun"]);
    }

    #[test]
    fn counted_nouns_with_modifiers() {
        assert_eq!(
            render("It sold 300,000 electric vehicles, hired 1,000 full-time employees and built 3 new factories."),
            [
                "count 300000 electric_vehicle exact «300,000 electric vehicles» count.noun",
                "count 1000 employee exact «1,000 full-time employees» count.noun",
                "count 3 factory exact «3 new factories» count.noun",
            ]
        );
    }

    #[test]
    fn not_counted_nouns() {
        assert!(render("sold 3 more than 5 as 40 times").iter().all(|q| !q.starts_with("count")));
        assert!(render("the 3 was").iter().all(|q| !q.starts_with("count")));
    }

    #[test]
    fn compound_nouns() {
        assert_eq!(
            render("2,500 charging stations, 300 new charging points and 12 battery swap stations"),
            [
                "count 2500 charging_station exact «2,500 charging stations» count.noun",
                "count 300 charging_point exact «300 new charging points» count.noun",
                "count 12 battery_swap_station exact «12 battery swap stations» count.noun",
            ]
        );
    }

    #[test]
    fn names_tables_and_years() {
        assert!(render("at the end of the Six Nations").iter().all(|q| !q.starts_with("count")));
        assert!(render("Net 10,946,000 vs 8,206,000     Sales 214.1 mln").iter().all(|q| !q.starts_with("count")));
        assert_eq!(
            render("1986 nine mths includes"),
            ["year 1986 - exact «1986» year.bare", "duration 9 month exact «nine mths» unit.duration"]
        );
        assert_eq!(render("Six plants closed."), ["count 6 plant exact «Six plants» count.noun"]);
    }

    #[test]
    fn unit_heads_after_modifiers() {
        assert_eq!(
            render("for four consecutive months"),
            ["duration 4 month exact «four consecutive months» unit.duration"]
        );
        assert_eq!(render("its 2025 model years"), ["year 2025 - exact «2025» year.bare"]);
    }

    #[test]
    fn spelled_out_counts() {
        assert_eq!(
            render("two plants and twenty-five robots"),
            ["count 2 plant exact «two plants» count.noun", "count 25 robot exact «twenty-five robots» count.noun"]
        );
        // Zero before a modifier is a compound adjective; zero before its noun is a count.
        assert!(render("zero coupon bonds and zero emission vehicles").iter().all(|q| !q.contains("count")));
        assert_eq!(render("they scored zero points"), ["count 0 point exact «zero points» count.noun"]);
    }

    #[test]
    fn scale_words_and_acronyms() {
        assert_eq!(render("6.52 million EVs"), ["count 6520000 EV exact «6.52 million EVs» count.noun"]);
    }
}
