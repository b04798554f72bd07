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
//! Known problems: a verb ending in -s right after a number ("the 3 leads") is read as a noun;
//! words in `data/count_exclusions.txt` and `data/stopwords.txt` are never nouns or modifiers.
//! A year-shaped number before a noun from `data/year_nouns.txt` ("2003 results") is left to the
//! `year` rule.
//!
//! Example: "Lexus sold 851,200 vehicles worldwide" → count 851200 vehicle.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::{Cx, Kind, Quantity, Vocabulary};
use crate::data;
use crate::text::{Span, boundary_after, skip_gap};

/// Modifiers allowed between the number and the noun.
const MAX_MODIFIERS: usize = 2;

/// The `count` rule family.
#[derive(Debug)]
pub struct CountRule {
    irregular: HashMap<&'static str, &'static str>,
    exclusions: HashSet<&'static str>,
    year_nouns: HashSet<&'static str>,
}

impl CountRule {
    /// The rule with the built-in word lists.
    pub fn new() -> CountRule {
        CountRule {
            irregular: data::builtin_rows("plurals.tsv", data::PLURALS).map(|r| (r.get(0), r.get(1))).collect(),
            exclusions: data::words("count_exclusions.txt", data::COUNT_EXCLUSIONS).collect(),
            year_nouns: data::words("year_nouns.txt", data::YEAR_NOUNS).collect(),
        }
    }

    /// A count when a plural noun follows the number.
    pub fn apply(&self, cx: &Cx, vocabulary: &Vocabulary) -> Option<Quantity> {
        let n = cx.number();
        if n.glued {
            return None;
        }
        let text = cx.text;
        let mut pos = n.span.end;
        for _ in 0..=MAX_MODIFIERS {
            let start = skip_gap(text, pos);
            if start == pos {
                return None;
            }
            let (end, word) = noun_word(text, start)?;
            if vocabulary.is_stopword(word) || self.exclusions.contains(word) {
                return None;
            }
            if let Some(singular) = self.singular(word) {
                let lower = word.to_ascii_lowercase();
                let year_like = n.is_year_shaped() && n.value.is_some_and(|v| (1800.0..=2100.0).contains(&v));
                if year_like && self.year_nouns.contains(lower.as_str()) {
                    return None;
                }
                let span = Span::new(n.span.start, end);
                return Some(Quantity::new(Kind::Count, n.value, span, "count.noun").with_unit(singular));
            }
            if !is_modifier(word) {
                return None;
            }
            pos = end;
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
        let lower = word.to_ascii_lowercase();
        if let Some(&singular) = self.irregular.get(lower.as_str()) {
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
    fn counted_nouns_with_modifiers() {
        assert_eq!(
            render("It sold 300,000 electric vehicles, hired 1,000 full-time employees and built 3 new factories."),
            [
                "count 300000 vehicle exact «300,000 electric vehicles» count.noun",
                "count 1000 employee exact «1,000 full-time employees» count.noun",
                "count 3 factory exact «3 new factories» count.noun",
            ]
        );
    }

    #[test]
    fn not_counted_nouns() {
        assert!(render("sold 3 more than 5 as 40 times").is_empty());
        assert!(render("Tesla shipped 150,000.").is_empty());
        assert!(render("the 3 was").is_empty());
    }

    #[test]
    fn scale_words_and_acronyms() {
        assert_eq!(render("6.52 million EVs"), ["count 6520000 EV exact «6.52 million EVs» count.noun"]);
    }
}
