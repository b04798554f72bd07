//! Rule family `money`: amounts with a currency (`data/currencies.tsv`).
//!
//! What it matches:
//! - `money.prefix`: a symbol or code right before the number, glued or after one space:
//!   `$1.13bn`, `US$5.2 billion`, `£600m`, `€40`, `RMB 300,000`, `Rs. 500`;
//! - `money.suffix`: a currency word or code after the number: `1.5 mln dlrs`, `3.2 billion yen`,
//!   `300,000 yuan`, `5 USD`, `50 cents`, `50p`.
//!
//! The unit is the ISO 4217 code; the value is in the major unit, scale words applied
//! (`$1.13bn` → 1130000000 USD). Minor units convert: `50 cents` → 0.5 USD, `87 cts` → 0.87 USD.
//! After a currency symbol, a glued `m` or `b` is million or billion (`£600m`, `$5b`).
//!
//! Why: money is the most common measured quantity in business news, written a dozen ways.
//!
//! Known problems: `¥` is JPY (yuan is usually written `yuan` or `RMB` in English news);
//! `pounds` is money unless the sentence speaks of weight (`weighs`, `weight`, `heavy`,
//! `pounds of`); a glued minor unit after a year-shaped number (`2021 c`) is not money.
//!
//! Example: "profits jumped 76% to $1.13bn (£600m)" → money 1130000000 USD, money 600000000 GBP.

use super::lexicon::Lexicon;
use super::number::NumberScanner;
use super::{Cx, Kind, Quantity};
use crate::data;
use crate::text::{Span, skip_gap};

/// A currency written after the number.
#[derive(Debug, Clone, PartialEq)]
struct Suffix {
    code: &'static str,
    minor: bool,
    glued_only: bool,
    pound: bool,
}

/// The `money` rule family.
#[derive(Debug)]
pub struct MoneyRule {
    /// Symbols and codes written before the number, longest first: (surface, code).
    prefixes: Vec<(&'static str, &'static str)>,
    suffixes: Lexicon<Suffix>,
}

/// Words that make "pounds" a weight.
const WEIGHT_WORDS: &[&str] = &["weigh", "weight", "heavy", "heavier", "lighter", "lbs"];

impl MoneyRule {
    /// The rule with the built-in currency table.
    pub fn new() -> MoneyRule {
        let mut prefixes = Vec::new();
        let mut suffixes = Lexicon::default();
        for row in data::builtin_rows("currencies.tsv", data::CURRENCIES) {
            let fail = |what: &str| -> ! { panic!("data/currencies.tsv:{}: {what}", row.line) };
            let (surface, code, position) = (row.get(0), row.get(1), row.get(2));
            let flags: Vec<&str> = row.get(3).split(',').filter(|f| !f.is_empty()).collect();
            if let Some(f) = flags.iter().find(|f| !matches!(**f, "cs" | "minor" | "glued")) {
                fail(&format!("unknown flag {f}"));
            }
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                fail("code must be three capital letters");
            }
            let (before, after) = match position {
                "before" => (true, false),
                "after" => (false, true),
                "both" => (true, true),
                _ => fail("position must be before, after or both"),
            };
            if before {
                prefixes.push((surface, code));
            }
            if after {
                let suffix = Suffix {
                    code,
                    minor: flags.contains(&"minor"),
                    glued_only: flags.contains(&"glued"),
                    pound: surface.starts_with("pound") && !surface.contains("sterling"),
                };
                suffixes.insert(surface, flags.contains(&"cs"), suffix);
            }
        }
        prefixes.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        MoneyRule { prefixes, suffixes }
    }

    /// Money around the current number, if a currency is written next to it.
    pub fn apply(&self, cx: &Cx, scanner: &NumberScanner) -> Option<Quantity> {
        self.prefixed(cx, scanner).or_else(|| self.suffixed(cx))
    }

    fn prefixed(&self, cx: &Cx, scanner: &NumberScanner) -> Option<Quantity> {
        let text = cx.text;
        let mut n = *cx.number();
        if !n.is_cardinal() {
            return None;
        }
        let (start, code) = self.prefix(text, n.span.start)?;
        if start < cx.floor {
            return None;
        }
        scanner.attach_scale(text, &mut n, true);
        if n.glued {
            return None;
        }
        Some(money(code, n.value, Span::new(start, n.span.end), "money.prefix"))
    }

    /// The currency symbol or code written right before `pos`: glued, or with one space between.
    fn prefix(&self, text: &str, pos: usize) -> Option<(usize, &'static str)> {
        let before = &text[..pos];
        let spaced = before.strip_suffix(' ');
        for &(surface, code) in &self.prefixes {
            for candidate in [Some(before), spaced].into_iter().flatten() {
                if let Some(rest) = candidate.strip_suffix(surface) {
                    let starts_alnum = surface.starts_with(|c: char| c.is_alphanumeric());
                    if !starts_alnum || crate::text::boundary_before(text, rest.len()) {
                        return Some((rest.len(), code));
                    }
                }
            }
        }
        None
    }

    fn suffixed(&self, cx: &Cx) -> Option<Quantity> {
        let text = cx.text;
        let n = cx.number();
        if !n.is_cardinal() {
            return None;
        }
        let pos = if n.glued { n.span.end } else { skip_gap(text, n.span.end) };
        if pos == n.span.end && !n.glued {
            return None;
        }
        let (end, suffix) = self.suffixes.lookup(text, pos)?;
        if suffix.glued_only && (!n.glued || n.is_year_shaped()) {
            return None;
        }
        if suffix.pound && weight_context(cx, end) {
            return None;
        }
        let value = if suffix.minor { n.value.map(|v| v / 100.0) } else { n.value };
        Some(money(suffix.code, value, Span::new(n.span.start, end), "money.suffix"))
    }
}

fn money(code: &'static str, value: Option<f64>, span: Span, rule: &'static str) -> Quantity {
    Quantity::new(Kind::Money, value, span, rule).with_unit(code)
}

/// True when the sentence speaks of weight, or "pounds" is followed by "of".
fn weight_context(cx: &Cx, end: usize) -> bool {
    let sentence = cx.sentence().to_ascii_lowercase();
    if WEIGHT_WORDS.iter().any(|w| sentence.contains(w)) {
        return true;
    }
    let after = &cx.text[end..];
    after.trim_start().starts_with("of ")
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn symbols_codes_and_scales() {
        assert_eq!(
            render("profits jumped 76% to $1.13bn (£600m), from $639m; US$5.2 billion, €40 and RMB 300,000."),
            [
                "percent 76 percent exact «76%» unit.percent up",
                "money 1130000000 USD exact «$1.13bn» money.prefix",
                "money 600000000 GBP exact «£600m» money.prefix",
                "money 639000000 USD exact «$639m» money.prefix",
                "money 5200000000 USD exact «US$5.2 billion» money.prefix",
                "money 40 EUR exact «€40» money.prefix",
                "money 300000 CNY exact «RMB 300,000» money.prefix",
            ]
        );
    }

    #[test]
    fn currency_words_after() {
        assert_eq!(
            render("1.5 mln dlrs, 3.2 billion yen, 300,000 yuan, 5 USD, 50 cents, 87 cts and 50p"),
            [
                "money 1500000 USD exact «1.5 mln dlrs» money.suffix",
                "money 3200000000 JPY exact «3.2 billion yen» money.suffix",
                "money 300000 CNY exact «300,000 yuan» money.suffix",
                "money 5 USD exact «5 USD» money.suffix",
                "money 0.5 USD exact «50 cents» money.suffix",
                "money 0.87 USD exact «87 cts» money.suffix",
                "money 0.5 GBP exact «50p» money.suffix",
            ]
        );
    }

    #[test]
    fn pounds_of_weight_are_mass() {
        assert_eq!(render("a fee of 200 pounds"), ["money 200 GBP exact «200 pounds» money.suffix"]);
        assert_eq!(render("The battery weighs 200 pounds."), ["mass 200 lb exact «200 pounds» unit.measure"]);
    }

    #[test]
    fn not_money() {
        assert!(render("results for 2021 c").iter().all(|q| !q.contains("money")));
        assert!(render("the $ sign").is_empty());
    }
}
