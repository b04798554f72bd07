//! Spelled-out numbers (`data/number_words.tsv`).
//!
//! What it matches: cardinals (`two`, `twenty-five`, `one hundred and twelve`, `two million`,
//! `a dozen`, `a hundred`), fractions (`half`, `half a million`, `a third of`, `two-thirds`,
//! `three-quarters`), ordinals (`first`, `twenty-first`).
//!
//! Why: news spells out small numbers ("two plants", "five-year plan") and writes `half a
//! million`; the value must be the number, as for digits.
//!
//! How: one case-insensitive Aho-Corasick automaton finds number words at word boundaries; from
//! each, the words that follow (separated by a space or a hyphen) are folded into a value.
//!
//! Known problems: plural scale words alone (`thousands of jobs`) are vague and not numbers;
//! "one" is a number here, and the bare-number rule decides whether a lone "one" is worth
//! reporting; "a third plant" is an ordinal, "a third of" a fraction.
//!
//! Example: "one hundred and twelve" → 112.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Form, Number};
use crate::data;
use crate::text::{Span, boundary_after, boundary_before, skip_space_back, word_ending_at};

/// What a number word does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    /// 0–19.
    Unit(f64),
    /// 20, 30, … 90.
    Ten(f64),
    /// × 100.
    Hundred,
    /// × 10^n.
    Scale(i32),
    /// × 12.
    Dozen,
    /// A denominator: 2 (half), 3 (thirds), 4 (quarters), …
    Fraction(f64),
    /// first, second, …
    Ordinal(f64),
}

/// The spelled-out number finder; build once.
#[derive(Debug)]
pub struct WordNumbers {
    automaton: AhoCorasick,
    words: HashMap<&'static str, Class>,
}

impl Default for WordNumbers {
    fn default() -> WordNumbers {
        WordNumbers::new()
    }
}

impl WordNumbers {
    /// The finder with the built-in number words.
    pub fn new() -> WordNumbers {
        let mut words = HashMap::new();
        for row in data::builtin_rows("number_words.tsv", data::NUMBER_WORDS) {
            let fail = |what: &str| -> ! { panic!("data/number_words.tsv:{}: {what}", row.line) };
            let value: f64 = row.get(1).parse().unwrap_or_else(|_| fail("bad value"));
            let class = match row.get(2) {
                "unit" => Class::Unit(value),
                "ten" => Class::Ten(value),
                "hundred" => Class::Hundred,
                "scale" => Class::Scale(value as i32),
                "dozen" => Class::Dozen,
                "fraction" => Class::Fraction(value),
                "ordinal" => Class::Ordinal(value),
                _ => fail("unknown class"),
            };
            words.insert(row.get(0), class);
        }
        let mut patterns: Vec<&str> = words.keys().copied().collect();
        patterns.sort_unstable();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("number words compile");
        WordNumbers { automaton, words }
    }

    fn class(&self, word: &str) -> Option<Class> {
        if word.len() > 12 {
            return None;
        }
        let mut buf = [0u8; 12];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).ok().and_then(|w| self.words.get(w).copied())
    }

    /// Finds every spelled-out number in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<Number> {
        let mut out: Vec<Number> = Vec::new();
        for m in self.automaton.find_iter(text) {
            if out.last().is_some_and(|n| m.start() < n.span.end) {
                continue;
            }
            if !boundary_before(text, m.start()) || !boundary_after(text, m.end()) {
                continue;
            }
            if let Some(n) = self.parse(text, m.start()) {
                out.push(n);
            }
        }
        out
    }

    /// Parses the spelled-out number whose first word starts at `start`.
    fn parse(&self, text: &str, start: usize) -> Option<Number> {
        let (first_end, first_word) = word_at(text, start)?;
        let first = self.class(first_word)?;
        let article = article_before(text, start);
        let plural = first_word.len() > 3 && first_word.ends_with(['s', 'S']);
        let word = |n: Number| Some(Number { form: Form::Words, ..n });
        match first {
            Class::Ordinal(v) => {
                // "a third of" is a fraction; "a third plant" an ordinal.
                if let Some(article_start) = article
                    && v >= 3.0
                    && followed_by_of(text, first_end)
                {
                    let mut n = Number::digits(Span::new(article_start, first_end), Some(1.0 / v));
                    n.fraction = true;
                    return word(n);
                }
                let mut n = Number::digits(Span::new(start, first_end), Some(v));
                n.ordinal = true;
                word(n)
            }
            Class::Fraction(den) => {
                if first_word.eq_ignore_ascii_case("half") {
                    let mut n = Number::digits(Span::new(article.unwrap_or(start), first_end), Some(0.5));
                    n.fraction = true;
                    // "half a million", "half a dozen", "half an hour".
                    if let Some((art_end, _)) = next_word(text, first_end).filter(|(_, w)| is_article(w)) {
                        n.span.end = art_end;
                        if let Some((scale_end, w)) = next_word(text, art_end) {
                            match self.class(w) {
                                Some(Class::Scale(p)) if !w.ends_with('s') => {
                                    n.value = Some(0.5 * 10f64.powi(p));
                                    n.span.end = scale_end;
                                    n.fraction = false;
                                }
                                Some(Class::Dozen) if !w.ends_with('s') => {
                                    n.value = Some(6.0);
                                    n.span.end = scale_end;
                                    n.fraction = false;
                                }
                                _ => {}
                            }
                        }
                    }
                    return word(n);
                }
                // "a quarter of": a lone denominator needs the article and "of".
                let article_start = article?;
                if plural || !followed_by_of(text, first_end) {
                    return None;
                }
                let mut n = Number::digits(Span::new(article_start, first_end), Some(1.0 / den));
                n.fraction = true;
                word(n)
            }
            _ => {
                if plural && matches!(first, Class::Hundred | Class::Scale(_) | Class::Dozen) {
                    return None;
                }
                // "a hundred", "a dozen"; a bare "hundred" ("several hundred") is vague.
                let span_start = match first {
                    Class::Hundred | Class::Scale(_) | Class::Dozen => article?,
                    _ => start,
                };
                self.cardinal(text, start, span_start)
            }
        }
    }

    /// Folds a run of cardinal words starting at `start` into a value.
    fn cardinal(&self, text: &str, start: usize, span_start: usize) -> Option<Number> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last: Option<Class> = None;
        let mut last_scale = i32::MAX;
        let mut end = start;
        let mut pos = start;
        let mut fraction = false;
        let mut ordinal = false;
        while let Some((word_end, w)) = word_at(text, pos) {
            let Some(class) = self.class(w) else { break };
            let plural = w.len() > 3 && w.ends_with(['s', 'S']);
            match class {
                Class::Unit(v) => {
                    let after_ten = matches!(last, Some(Class::Ten(_)));
                    if matches!(last, Some(Class::Unit(_) | Class::Dozen))
                        || (after_ten && (v >= 10.0 || current % 10.0 != 0.0))
                    {
                        break;
                    }
                    current += v;
                }
                Class::Ten(v) => {
                    if matches!(last, Some(Class::Unit(_) | Class::Ten(_))) {
                        break;
                    }
                    current += v;
                }
                Class::Hundred => {
                    if plural || current >= 100.0 || matches!(last, Some(Class::Hundred)) {
                        break;
                    }
                    current = current.max(1.0) * 100.0;
                }
                Class::Scale(p) => {
                    if plural || p >= last_scale {
                        break;
                    }
                    total += current.max(1.0) * 10f64.powi(p);
                    current = 0.0;
                    last_scale = p;
                }
                Class::Dozen => {
                    if plural || last.is_some() && !matches!(last, Some(Class::Unit(_) | Class::Ten(_))) {
                        break;
                    }
                    current = current.max(1.0) * 12.0;
                }
                Class::Fraction(den) => {
                    // "two-thirds", "three quarters": a numerator before the denominator.
                    if !matches!(last, Some(Class::Unit(_) | Class::Ten(_))) || total != 0.0 {
                        break;
                    }
                    current /= den;
                    fraction = true;
                    end = word_end;
                    break;
                }
                Class::Ordinal(v) => {
                    // "twenty-first".
                    if matches!(last, Some(Class::Ten(_))) && v < 10.0 && current % 10.0 == 0.0 && total == 0.0 {
                        current += v;
                        ordinal = true;
                        end = word_end;
                    }
                    break;
                }
            }
            end = word_end;
            last = Some(class);
            // Next word: after a space or hyphen; "and" is skipped after hundred or a scale.
            let Some((next_start, next)) = next_word_start(text, word_end) else { break };
            if next.eq_ignore_ascii_case("and") && matches!(last, Some(Class::Hundred | Class::Scale(_))) {
                let Some((after_and, w2)) = next_word_start(text, next_start + 3) else { break };
                if matches!(self.class(w2), Some(Class::Unit(_) | Class::Ten(_))) {
                    pos = after_and;
                    continue;
                }
                break;
            }
            pos = next_start;
        }
        last?;
        let mut n = Number::digits(Span::new(span_start, end), Some(total + current));
        n.form = Form::Words;
        n.fraction = fraction;
        n.ordinal = ordinal;
        Some(n)
    }
}

/// The ASCII word at `pos` and its end.
fn word_at(text: &str, pos: usize) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let end = pos + bytes[pos..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    (end > pos && boundary_after(text, end)).then(|| (end, &text[pos..end]))
}

/// The start of the next word after `end` when one space or one hyphen separates them.
fn next_word_start(text: &str, end: usize) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let sep = *bytes.get(end)?;
    if !(sep == b' ' || sep == b'-') {
        return None;
    }
    let start = end + 1;
    word_at(text, start).map(|(_, w)| (start, w))
}

/// The next word after `end` (one space or hyphen between), as its end and text.
fn next_word(text: &str, end: usize) -> Option<(usize, &str)> {
    let (start, _) = next_word_start(text, end)?;
    word_at(text, start)
}

fn is_article(word: &str) -> bool {
    word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an")
}

/// The start of an article ("a", "an") right before `pos`.
fn article_before(text: &str, pos: usize) -> Option<usize> {
    let p = skip_space_back(text, pos);
    if p == pos || pos - p > 1 {
        return None;
    }
    word_ending_at(text, p).filter(|(_, w)| is_article(w)).map(|(s, _)| s)
}

fn followed_by_of(text: &str, end: usize) -> bool {
    next_word(text, end).is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(&str, f64, bool, bool)> {
        WordNumbers::new()
            .scan(text)
            .iter()
            .map(|n| (&text[n.span.start..n.span.end], n.value.unwrap(), n.ordinal, n.fraction))
            .collect()
    }

    #[test]
    fn cardinals() {
        assert_eq!(
            numbers("two plants, twenty-five robots, one hundred and twelve cars, a dozen lines, Twenty One"),
            [
                ("two", 2.0, false, false),
                ("twenty-five", 25.0, false, false),
                ("one hundred and twelve", 112.0, false, false),
                ("a dozen", 12.0, false, false),
                ("Twenty One", 21.0, false, false),
            ]
        );
        assert_eq!(
            numbers("two million and three thousand"),
            [("two million and three thousand", 2_003_000.0, false, false)]
        );
        assert_eq!(
            numbers("two million, and three"),
            [("two million", 2e6, false, false), ("three", 3.0, false, false)]
        );
        assert_eq!(numbers("a hundred and five"), [("a hundred and five", 105.0, false, false)]);
        assert_eq!(numbers("one thousand two hundred"), [("one thousand two hundred", 1200.0, false, false)]);
    }

    #[test]
    fn fractions() {
        assert_eq!(
            numbers("half a million, two-thirds of sales, three-quarters, a third of them, half an hour"),
            [
                ("half a million", 5e5, false, false),
                ("two-thirds", 2.0 / 3.0, false, true),
                ("three-quarters", 0.75, false, true),
                ("a third", 1.0 / 3.0, false, true),
                ("half an", 0.5, false, true),
            ]
        );
    }

    #[test]
    fn ordinals() {
        assert_eq!(
            numbers("the first time, a third plant, twenty-first century"),
            [("first", 1.0, true, false), ("third", 3.0, true, false), ("twenty-first", 21.0, true, false)]
        );
    }

    #[test]
    fn not_numbers() {
        assert!(
            numbers("someone often attends; thousands of jobs; dozens of plants; several hundred people").is_empty()
        );
        assert!(numbers("the first quarter").iter().all(|n| n.0 == "first"));
    }
}
