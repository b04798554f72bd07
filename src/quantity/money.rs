//! Rule family `money`: amounts with a currency (`data/currencies.tsv`).
//!
//! What it matches:
//! - `money.prefix`: a symbol, code or word right before the number, glued or after one space:
//!   `$1.13bn`, `US$5.2 billion`, `£600m`, `€40`, `RMB 300,000`, `Rs. 500`, `Rupees 500`,
//!   `MSEK 250` (a code with a scale: 250 million kronor);
//! - `money.suffix`: a currency word or code after the number: `1.5 mln dlrs`, `3.2 billion yen`,
//!   `300,000 yuan`, `5 USD`, `75 USD million`, `120 MEUR`, `50 cents`, `50p`, `42 LE`,
//!   `42 L.E.`, `42 RM`, `ten pennies` (US cents), and a spaced `c` on a price tag (`45 c`:
//!   after a whole number from 1 to 99, at the end of the phrase).
//!
//! A major amount followed by its minor unit is one amount: `3 dollars 50 cents`, `$20 and 43c`,
//! `20 ringgit and 43 sen`, `3 UAH 4 kopiykas`; some minor units are read only there (`sen`: a
//! lone "43 sen" is not money). A whole number from 1 to 99 that ends the phrase right after a
//! whole amount, on the same line, is its cents said without their word: `$20 43`, `twenty
//! ringgit and 43`, `US$3 and fourteen`, `3 GBP and one` (see `bare_cents`: not "£10 five years
//! ago", "£10 one-way", "between $20 and 40.", "$20 million 43", "rmb 10 usd 20"). A word that several countries' currencies share (`dinars`,
//! `rials`, and `pounds` besides sterling) takes its currency from a national form named about a
//! paragraph before (`200 Iraqi dinars, up from 170 dinars`); bare `dinars` and `rials` without
//! one are no money (there is no ISO code to give them) and are left to the count rule.
//!
//! The unit is the ISO 4217 code; the value is in the major unit, scale words applied
//! (`$1.13bn` → 1130000000 USD). Minor units convert: `50 cents` → 0.5 USD, `87 cts` → 0.87 USD.
//! After a currency symbol, a glued `m` or `b` is million or billion (`£600m`, `$5b`).
//!
//! Why: money is the most common measured quantity in business news, written a dozen ways.
//!
//! Known problems: `¥` is JPY (yuan is usually written `yuan` or `RMB` in English news);
//! a bare `pounds` is a weight unless the context makes it money (see
//! `MoneyRule::pound_currency`: `pounds of` and weight words make a weight; a price
//! (`pounds per tonne`), a rate of exchange (`pounds to the dollar`), a national pound named just
//! before (`Egyptian pounds`), a scale word or a money word make money). A pound of a country named
//! only by the country (`Sudan ... four pounds to the dollar`) is read as sterling. A glued minor
//! unit after a year-shaped number (`2021 c`) is not money, nor a spaced `c` that the phrase
//! goes on after (`3 c of the act`). A list of amounts whose last has no currency ("$10, $15 and
//! 20.") reads the last as cents; a number that ends a sentence after an amount in a table
//! column would too, but the corpora hold none. `pennies` are US cents and `penny` a British
//! penny, so an American "one penny" is read as sterling. A lowercase `le` after a number is the
//! Egyptian pound (LE), as a French "le" after a number would be.
//!
//! Example: "profits jumped 76% to $1.13bn (£600m)" → money 1130000000 USD, money 600000000 GBP.

use super::lexicon::Lexicon;
use super::number::{Number, NumberScanner};
use super::{Cx, Kind, Quantity};
use crate::bitset::Starts;
use crate::data;
use crate::text::{Span, skip_gap};

/// A currency written after the number.
#[derive(Debug, Clone, PartialEq)]
struct Suffix {
    code: &'static str,
    minor: bool,
    glued_only: bool,
    /// With `glued_only`: also after a space at the end of a phrase, after a whole number below
    /// 100, as a price tag is written ("10 c").
    tag: bool,
    pound: bool,
    /// A minor unit read only after an amount of its major unit ("20 ringgit and 43 sen").
    after_major: bool,
    /// A word several countries' currencies share ("dinars"): the code comes from a national
    /// form named shortly before ("Iraqi dinars"), and without one it is no money.
    national: bool,
    /// The power of ten the code includes ("MSEK": millions of kronor).
    scale: i32,
    /// The singular word in lowercase ("dinar" for "dinars"), for the national forms.
    stem: &'static str,
}

/// A currency written before the number.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    surface: &'static str,
    code: &'static str,
    /// The power of ten the code includes ("MEUR 120").
    scale: i32,
}

/// A national form of a shared currency word: "Egyptian pounds" is ("pound", "Egyptian", "EGP").
#[derive(Debug, Clone, Copy, PartialEq)]
struct National {
    stem: &'static str,
    adjective: &'static str,
    code: &'static str,
}

/// The `money` rule family.
#[derive(Debug)]
pub struct MoneyRule {
    /// Symbols, codes and words written before the number, longest first.
    prefixes: Vec<Prefix>,
    /// The last two bytes of the prefixes, last first (the last alone for one-byte prefixes), in
    /// a 64 Kbit set: most numbers have none of them before them, and are done with after two
    /// lookups.
    prefix_tails: Starts,
    /// The positions in `prefixes` of the prefixes that end in each byte, in order: the byte
    /// before the number picks the few worth comparing (a word before a number ends in `s` far
    /// more often than a currency does).
    by_tail: Vec<Vec<u8>>,
    suffixes: Lexicon<Suffix>,
    /// The national forms of shared currency words, other than sterling: "Egyptian pounds",
    /// "Iraqi dinars".
    nationals: Vec<National>,
}

/// Words that make "pounds" money: without one of them (or a scale word, "5 million pounds"),
/// a number of pounds is a weight.
const MONEY_WORDS: &[&str] = &[
    "£", "sterling", "cost", "price", "paid", "pay", "worth", "fine", "fee", "salary", "wage", "budget", "spend",
    "spent", "bought", "sold for", "tax", "profit", "revenue", "loss", "fund", "invest", "bid", "offer", "deal",
    "bonus", "pension", "loan", "debt", "euros", "dollars", "penny", "pence", "charge", "raise", "award",
];

/// Words that make "pounds" a weight even when the sentence also speaks of money ("bought 11.1 mln
/// pounds of flour for 1.1 mln dlrs", "capacity of 600 mln pounds a year"). Not `ton`/`tonne`:
/// they are mostly the unit of a price ("200 pounds per tonne").
const MASS_WORDS: &[&str] = &[
    "weigh",
    "heavy",
    "heavier",
    "lighter",
    "kg",
    "kilo",
    "lbs",
    "capacity",
    "production",
    "output",
    "thrust",
    "pressure",
    "payload",
    "warhead",
    "bales",
    "cargo",
];

/// What "pounds a …"/"pounds per …" is a price of ("200 pounds per tonne", "two pounds a share").
const PRICE_UNITS: &[&str] = &[
    "tonne",
    "ton",
    "kilo",
    "kg",
    "kilogram",
    "kilogramme",
    "pound",
    "lb",
    "ounce",
    "barrel",
    "litre",
    "liter",
    "gallon",
    "share",
    "head",
    "unit",
    "month",
    "week",
    "day",
    "hour",
    "ticket",
];

/// What "pounds to the …"/"pounds against the …"/"pounds per …" is a rate of exchange against.
const EXCHANGE_UNITS: &[&str] = &["dollar", "US", "euro", "mark", "yen", "currency"];

/// How far back (in bytes) a national form named earlier ("28 Egyptian pounds") decides what a
/// bare "pounds" or "dinars" is: about a paragraph. Bounded so that a long document stays linear.
const NATIONAL_LOOKBACK: usize = 1500;

/// The singular of a currency word in lowercase, as a slice of it: "dinars" → "dinar".
fn stem(word: &'static str) -> &'static str {
    word.strip_suffix('s').filter(|w| w.len() > 2).unwrap_or(word)
}

impl MoneyRule {
    /// The rule with the built-in currency table.
    pub fn new() -> MoneyRule {
        let mut prefixes = Vec::new();
        let mut suffixes = Lexicon::default();
        let mut nationals: Vec<National> = Vec::new();
        for row in data::builtin_rows("currencies.tsv", data::CURRENCIES) {
            let fail = |what: &str| -> ! { panic!("data/currencies.tsv:{}: {what}", row.line) };
            let (surface, code, position) = (row.get(0), row.get(1), row.get(2));
            let flags: Vec<&str> = row.get(3).split(',').filter(|f| !f.is_empty()).collect();
            let mut scale = 0;
            for flag in &flags {
                match *flag {
                    "cs" | "minor" | "glued" | "tag" | "pound" | "spaced" | "after_major" | "national" => {}
                    f if f.starts_with("scale=") => {
                        scale = f["scale=".len()..].parse().unwrap_or_else(|_| fail("bad scale"));
                    }
                    f => fail(&format!("unknown flag {f}")),
                }
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
                prefixes.push(Prefix { surface, code, scale });
            }
            if after
                && code != "GBP"
                && let Some((adjective, word)) = surface.rsplit_once(' ')
            {
                let national = National { stem: stem(word), adjective, code };
                if !nationals.contains(&national) {
                    nationals.push(national);
                }
            }
            if after {
                let suffix = Suffix {
                    code,
                    minor: flags.contains(&"minor"),
                    glued_only: flags.contains(&"glued"),
                    tag: flags.contains(&"tag"),
                    pound: flags.contains(&"pound"),
                    after_major: flags.contains(&"after_major"),
                    national: flags.contains(&"national"),
                    scale,
                    stem: stem(surface),
                };
                suffixes.insert(surface, flags.contains(&"cs"), suffix);
            }
        }
        // A shared word only needs the national forms of its own stem.
        let shared: Vec<&str> = suffixes.entries().iter().filter(|s| s.pound || s.national).map(|s| s.stem).collect();
        nationals.retain(|n| shared.iter().any(|s| s.eq_ignore_ascii_case(n.stem)));
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.surface.len()));
        let mut prefix_tails = Starts::default();
        let mut by_tail = vec![Vec::new(); 256];
        assert!(prefixes.len() <= 256, "data/currencies.tsv: more than 256 prefixes");
        for (i, p) in prefixes.iter().enumerate() {
            let (tail, len) = tail(p.surface.as_bytes());
            prefix_tails.insert(&tail[..len]);
            let &b = p.surface.as_bytes().last().expect("data/currencies.tsv: an empty prefix");
            by_tail[usize::from(b)].push(i as u8);
        }
        MoneyRule { prefixes, prefix_tails, by_tail, suffixes, nationals }
    }

    /// Money with a currency symbol or code before the number (`$1.13bn`, `USD 200`).
    pub fn apply_prefix(&self, cx: &Cx, scanner: &NumberScanner) -> Option<Quantity> {
        self.prefixed(cx, scanner).map(|q| self.with_cents(cx, q))
    }

    /// Money with a currency after the number (`1.5 mln dlrs`, `20€`, `12-cent`).
    pub fn apply_suffix(&self, cx: &Cx, scanner: &NumberScanner) -> Option<Quantity> {
        self.suffixed(cx, cx.number(), false)
            .map(|q| self.scale_after_code(cx, scanner, q))
            .map(|q| self.with_cents(cx, q))
    }

    /// "75 USD million": a scale word after a currency code.
    fn scale_after_code(&self, cx: &Cx, scanner: &NumberScanner, mut q: Quantity) -> Quantity {
        let text = cx.text;
        let n = cx.number();
        let code = &text[skip_gap(text, n.span.end).min(q.span.end)..q.span.end];
        if n.scale.is_some() || code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return q;
        }
        let mut scaled = *n;
        scaled.span.end = q.span.end;
        scaled.glued = false;
        if scanner.attach_scale(text, &mut scaled, true)
            && let Some(scale) = scaled.scale
        {
            q.value = q.value.map(|v| v * 10f64.powi(scale));
            q.span.end = scaled.span.end;
        }
        q
    }

    fn prefixed(&self, cx: &Cx, scanner: &NumberScanner) -> Option<Quantity> {
        let text = cx.text;
        let mut n = *cx.number();
        if !n.is_cardinal() {
            return None;
        }
        let (start, prefix) = self.prefix(text, n.span.start)?;
        if start < cx.floor {
            return None;
        }
        if prefix.scale == 0 {
            scanner.attach_scale(text, &mut n, true);
        }
        if n.glued {
            return None;
        }
        let value = n.value.map(|v| v * 10f64.powi(prefix.scale));
        Some(money(prefix.code, value, Span::new(start, n.span.end), "money.prefix"))
    }

    /// The currency symbol or code written right before `pos`: glued, or with one space between.
    fn prefix(&self, text: &str, pos: usize) -> Option<(usize, Prefix)> {
        let before = &text[..pos];
        let spaced = before.strip_suffix(' ');
        // Compare last bytes first: most numbers have no currency before them.
        let is_tail = |s: &str| {
            let (tail, len) = tail(s.as_bytes());
            len > 0 && self.prefix_tails.may_start_at(&tail[..len], 0)
        };
        if !is_tail(before) && !spaced.is_some_and(is_tail) {
            return None;
        }
        let last = before.as_bytes().last().copied();
        let last_spaced = spaced.and_then(|s| s.as_bytes().last().copied());
        // The prefixes that end in either byte, in their order (longest first): the two lists
        // merged.
        let list = |b: Option<u8>| b.map_or(&[][..], |b| self.by_tail[usize::from(b)].as_slice());
        let (mut a, mut b) = (list(last), if last_spaced == last { &[][..] } else { list(last_spaced) });
        loop {
            let i = match (a.first(), b.first()) {
                (Some(&x), Some(&y)) if x < y => {
                    a = &a[1..];
                    x
                }
                (_, Some(&y)) => {
                    b = &b[1..];
                    y
                }
                (Some(&x), None) => {
                    a = &a[1..];
                    x
                }
                (None, None) => return None,
            };
            let prefix = self.prefixes[usize::from(i)];
            let surface = prefix.surface;
            for candidate in [Some(before), spaced].into_iter().flatten() {
                if let Some(rest) = candidate.strip_suffix(surface) {
                    let starts_alnum = surface.starts_with(|c: char| c.is_alphanumeric());
                    if !starts_alnum || crate::text::boundary_before(text, rest.len()) {
                        return Some((rest.len(), prefix));
                    }
                }
            }
        }
    }

    /// Money with a currency after `n`; `after_major` when `n` follows an amount of a major
    /// unit, where minor units such as "sen" are read.
    fn suffixed(&self, cx: &Cx, n: &Number, after_major: bool) -> Option<Quantity> {
        let text = cx.text;
        if !n.is_cardinal() {
            return None;
        }
        // Glued ("20€", "50p"), after a hyphen ("12-cent", "one-yen") or after a space.
        let pos = match text.as_bytes().get(n.span.end) {
            Some(b'-') => n.span.end + 1,
            Some(b) if b.is_ascii_whitespace() => skip_gap(text, n.span.end),
            _ => n.span.end,
        };
        let (end, suffix) = self.suffixes.lookup(text, pos)?;
        let glued_ok = if n.glued { !n.is_year_shaped() } else { suffix.tag && price_tag(text, n, end) };
        if suffix.glued_only && !glued_ok || suffix.after_major && !after_major {
            return None;
        }
        let code = if suffix.pound {
            self.pound_currency(cx, n, end)?
        } else if suffix.national {
            self.national_before(text, n.span.start, suffix.stem)?
        } else {
            suffix.code
        };
        let value = if suffix.minor { n.value.map(|v| v / 100.0) } else { n.value };
        let value = value.map(|v| v * 10f64.powi(suffix.scale));
        let mut q = money(code, value, Span::new(n.span.start, end), "money.suffix");
        q.minor = suffix.minor;
        Some(q)
    }

    /// The currency of "pounds" written after `n` (ending at `end`), or `None` when they are a
    /// weight. In order:
    /// 1. "pounds of copper": a weight;
    /// 2. "200 pounds per tonne", "two pounds a share", "four pounds to the dollar": a price or
    ///    a rate of exchange, money;
    /// 3. a weight word in the sentence ([`MASS_WORDS`]: "weighs", "capacity", "kg"): a weight;
    /// 4. a national pound named shortly before ("28 Egyptian pounds a ton, instead of 7.5
    ///    pounds"): that currency;
    /// 5. a scale word ("5 million pounds") or a money word in the sentence ([`MONEY_WORDS`]):
    ///    sterling;
    /// 6. otherwise a weight (news writes sterling as `£` or `stg`).
    fn pound_currency(&self, cx: &Cx, n: &Number, end: usize) -> Option<&'static str> {
        let text = cx.text;
        let (word_end, word) =
            crate::text::word_starting_at(text, skip_gap(text, end)).map_or((end, ""), |(e, w)| (e, w));
        if word == "of" {
            return None;
        }
        let national = || self.national_before(text, n.span.start, "pound");
        if price_or_exchange(text, word, word_end) {
            return Some(national().unwrap_or("GBP"));
        }
        if super::contains_any_lowercase(cx.sentence(), MASS_WORDS) {
            return None;
        }
        if let Some(code) = national() {
            return Some(code);
        }
        (n.scale.is_some() || super::contains_any_lowercase(cx.sentence(), MONEY_WORDS)).then_some("GBP")
    }

    /// The currency of the last national form of `stem` ("Egyptian pounds" for "pound", "Iraqi
    /// dinars" for "dinar") named within [`NATIONAL_LOOKBACK`] bytes before `pos`.
    fn national_before(&self, text: &str, pos: usize, stem: &str) -> Option<&'static str> {
        let mut from = pos.saturating_sub(NATIONAL_LOOKBACK);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let window = &text[from..pos];
        // The stem without its first letter, so that a capital is found too ("Pounds").
        let (first, rest) = stem.as_bytes().split_first()?;
        for at in memchr::memmem::rfind_iter(window.as_bytes(), rest) {
            let start = from + at;
            if start == 0 || !text.as_bytes()[start - 1].eq_ignore_ascii_case(first) {
                continue;
            }
            let Some((_, adjective)) = crate::text::word_before(text, start - 1) else { continue };
            let found = self
                .nationals
                .iter()
                .find(|n| n.stem.eq_ignore_ascii_case(stem) && n.adjective.eq_ignore_ascii_case(adjective));
            if let Some(national) = found {
                return Some(national.code);
            }
        }
        None
    }

    /// "3 dollars 50 cents", "$20 and 43c": a major amount followed by cents of the same currency;
    /// and "$20 43", "twenty ringgit and 43", "US$3 and fourteen": a whole number from 1 to 99
    /// that ends the phrase right after a whole amount, its cents said without their word (see
    /// [`MoneyRule::bare_cents`]).
    fn with_cents(&self, cx: &Cx, mut q: Quantity) -> Quantity {
        let text = cx.text;
        if q.minor || q.value.is_none_or(|v| v.fract() != 0.0) {
            return q;
        }
        let mut p = skip_gap(text, q.span.end);
        if p == q.span.end {
            return q;
        }
        let mut and = false;
        if let Some((and_end, "and")) = crate::text::word_starting_at(text, p) {
            p = skip_gap(text, and_end);
            and = true;
        }
        let Some(next) = cx.numbers[cx.index + 1..].iter().find(|m| m.span.start >= p) else { return q };
        if next.span.start != p || next.value.is_none_or(|v| v >= 100.0) {
            return q;
        }
        // Cents of any currency: "3 CAD 3 cents", "20 dollars 43 cents".
        if let Some(cents) = self.suffixed(cx, next, true) {
            if cents.minor && (cents.unit == q.unit || cents.unit.as_deref() == Some("USD")) {
                q.value = q.value.zip(cents.value).map(|(a, b)| a + b);
                q.span.end = cents.span.end;
            }
            return q;
        }
        if bare_cents(self, cx, &q, next, and) {
            q.value = q.value.zip(next.value).map(|(a, b)| a + b / 100.0);
            q.span.end = next.span.end;
        }
        q
    }
}

/// True when `next`, after the whole amount `q` (and "and" between them when `and`), is its
/// cents said without their word: "$20 43", "20 dollar and 43", "3 GBP and one". The number is
/// whole, from 1 to 99, with no sign, scale or decimals, on the same line, and the phrase ends
/// after it; the amount has no scale word ("$20 million 43" is no price) and is not one of a
/// list of amounts each with its currency word ("rmb 10 usd 20"). Otherwise it is
/// another number: "£10 five years ago", "£10 one-way", "30 dlrs and 35\ndlrs a share",
/// "$15 and 20 pct", and a range ("between $20 and 40.").
#[inline(never)]
fn bare_cents(money: &MoneyRule, cx: &Cx, q: &Quantity, next: &Number, and: bool) -> bool {
    let text = cx.text;
    let whole = next.is_cardinal()
        && !next.fraction
        && !next.decimal
        && !next.signed
        && !next.glued
        && !next.approx
        && !next.grouped
        && next.scale.is_none()
        && next.value.is_some_and(|v| v >= 1.0 && v.fract() == 0.0);
    let one_line = !text[q.span.end..next.span.start].contains('\n');
    // "rmb 10 usd 20": amounts listed each with its currency word.
    let n = cx.number();
    let listed = !and
        && crate::text::word_before(text, q.span.start)
            .is_some_and(|(start, _)| money.suffixes.lookup(text, start).is_some_and(|(end, _)| end <= q.span.start));
    let between = || {
        crate::text::word_before(text, q.span.start)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("between") || w.eq_ignore_ascii_case("from"))
    };
    whole
        && one_line
        && !listed
        && n.scale.is_none()
        && crate::text::phrase_ends(text, next.span.end)
        && !(and && between())
}

/// The last two bytes of `bytes`, last first, and how many there are (fewer when it is shorter).
fn tail(bytes: &[u8]) -> ([u8; 2], usize) {
    match *bytes {
        [] => ([0; 2], 0),
        [b] => ([b, 0], 1),
        [.., a, b] => ([b, a], 2),
    }
}

/// True when `n` and a currency sign after it (ending at `end`) are written as a price tag:
/// a whole number from 1 to 99, and the phrase ends after the sign ("10 c", "10 c, 20 c"; not
/// "2021 c", "3 c of the act", "c. 1500").
#[cold]
#[inline(never)]
fn price_tag(text: &str, n: &Number, end: usize) -> bool {
    n.is_plain_integer() && n.value.is_some_and(|v| (1.0..100.0).contains(&v)) && crate::text::phrase_ends(text, end)
}

fn money(code: &'static str, value: Option<f64>, span: Span, rule: &'static str) -> Quantity {
    Quantity::new(Kind::Money, value, span, rule).with_unit(code)
}

/// True when `word` (ending at `word_end`), right after "pounds", makes them a price ("per
/// tonne", "a share") or a rate of exchange ("to the dollar", "against the U.S. currency").
fn price_or_exchange(text: &str, word: &str, word_end: usize) -> bool {
    let next = |pos: usize| crate::text::word_starting_at(text, skip_gap(text, pos));
    // "dollar" or "dollars".
    let listed = |w: &str, list: &[&str]| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        list.iter().any(|u| w.eq_ignore_ascii_case(u) || singular.eq_ignore_ascii_case(u))
    };
    let exchange = |(end, w): (usize, &str)| listed(w, EXCHANGE_UNITS) || w == "U" && text[end..].starts_with(".S.");
    if ["per", "a", "an", "each"].iter().any(|p| word.eq_ignore_ascii_case(p)) {
        return next(word_end).is_some_and(|(end, w)| listed(w, PRICE_UNITS) || exchange((end, w)));
    }
    if word.eq_ignore_ascii_case("to") || word.eq_ignore_ascii_case("against") {
        return match next(word_end) {
            Some((end, the)) if the.eq_ignore_ascii_case("the") => next(end).is_some_and(exchange),
            other => other.is_some_and(exchange),
        };
    }
    false
}

#[cfg(test)]
mod prefix_tests {
    use super::*;

    /// The prefixes compared one by one, longest first: what [`MoneyRule::prefix`] finds through
    /// its index by last byte.
    fn prefix_by_scan(rule: &MoneyRule, text: &str, pos: usize) -> Option<(usize, &'static str)> {
        let before = &text[..pos];
        let spaced = before.strip_suffix(' ');
        for prefix in &rule.prefixes {
            for candidate in [Some(before), spaced].into_iter().flatten() {
                if let Some(rest) = candidate.strip_suffix(prefix.surface) {
                    let starts_alnum = prefix.surface.starts_with(|c: char| c.is_alphanumeric());
                    if !starts_alnum || crate::text::boundary_before(text, rest.len()) {
                        return Some((rest.len(), prefix.surface));
                    }
                }
            }
        }
        None
    }

    #[test]
    fn the_index_by_last_byte_finds_what_a_scan_finds() {
        let rule = MoneyRule::new();
        let mut pieces: Vec<&str> = vec![" ", "  ", "5", "x", "a", "S", "is ", "US", "$", ".", "\n", "é"];
        pieces.extend(rule.prefixes.iter().map(|p| p.surface));
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 20_000, 6) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let expected = prefix_by_scan(&rule, &text, pos);
                found += usize::from(expected.is_some());
                assert_eq!(rule.prefix(&text, pos).map(|(s, p)| (s, p.surface)), expected, "{text:?} at {pos}");
            }
        }
        assert!(found > 10_000, "only {found} prefixes found");
    }
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
    fn codes_glued_before_the_digits() {
        assert_eq!(
            render("RM1.2 billion, UAH3.04 and MNT 42; PHP7 is a language."),
            [
                "money 1200000000 MYR exact «RM1.2 billion» money.prefix",
                "money 3.04 UAH exact «UAH3.04» money.prefix",
                "money 42 MNT exact «MNT 42» money.prefix",
            ]
        );
    }

    #[test]
    fn a_capital_t_after_a_currency_symbol_is_trillion() {
        assert_eq!(render("GDP is $2.174T; a 5T truck."), ["money 2174000000000 USD exact «$2.174T» money.prefix"]);
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
    fn national_currency_names() {
        assert_eq!(
            render("42 Qatari riyals, 3 billion Malaysian ringgit, 10 tugriks"),
            [
                "money 42 QAR exact «42 Qatari riyals» money.suffix",
                "money 3000000000 MYR exact «3 billion Malaysian ringgit» money.suffix",
                "money 10 MNT exact «10 tugriks» money.suffix",
            ]
        );
        assert_eq!(
            render("Mex$ 10 million, 6.25 BTC and 10,000 bitcoins"),
            [
                "money 10000000 MXN exact «Mex$ 10 million» money.prefix",
                "money 6.25 BTC exact «6.25 BTC» money.suffix",
                "money 10000 BTC exact «10,000 bitcoins» money.suffix",
            ]
        );
    }

    #[test]
    fn pounds_of_weight_are_mass() {
        assert_eq!(render("a fee of 200 pounds"), ["money 200 GBP exact «200 pounds» money.suffix"]);
        assert_eq!(
            render("a deal worth 5 million pounds"),
            ["money 5000000 GBP exact «5 million pounds» money.suffix"]
        );
        assert_eq!(render("The battery weighs 200 pounds."), ["mass 200 lb exact «200 pounds» unit.measure"]);
        assert_eq!(render("she lost 25 pounds"), ["mass 25 lb exact «25 pounds» unit.measure down"]);
        // A weight word beats the scale word and the money words of the sentence.
        assert_eq!(
            render("Capacity will be cut to 400 mln pounds, at a cost of 5 mln dlrs."),
            [
                "mass 400000000 lb exact «400 mln pounds» unit.measure",
                "money 5000000 USD exact «5 mln dlrs» money.suffix",
            ]
        );
        assert_eq!(
            render("It has a take-off weight of 870,000 pounds and pays for itself."),
            ["mass 870000 lb exact «870,000 pounds» unit.measure"]
        );
    }

    #[test]
    fn pounds_as_prices_rates_and_national_currencies() {
        assert_eq!(
            render("prices dropped by 200 pounds per tonne of robusta"),
            ["money 200 GBP exact «200 pounds» money.suffix down"]
        );
        assert_eq!(
            render("an official rate of 1.36 pounds to the dollar"),
            ["money 1.36 GBP exact «1.36 pounds» money.suffix"]
        );
        assert_eq!(
            render("fuel oil will sell for 28 Egyptian pounds a ton, instead of 7.5 pounds."),
            ["money 28 EGP exact «28 Egyptian pounds» money.suffix", "money 7.5 EGP exact «7.5 pounds» money.suffix",]
        );
        assert_eq!(
            render("a budget of 41.7 billion Syrian pounds. The rate is four pounds to the dollar."),
            [
                "money 41700000000 SYP exact «41.7 billion Syrian pounds» money.suffix",
                "money 4 SYP exact «four pounds» money.suffix",
            ]
        );
        assert_eq!(
            render("a profit of 205,000 Irish pounds; two British pounds a share"),
            [
                "money 205000 IEP exact «205,000 Irish pounds» money.suffix",
                "money 2 GBP exact «two British pounds» money.suffix"
            ]
        );
        // "of" after pounds is a weight whatever came before.
        assert_eq!(
            render("28 Egyptian pounds for 5 pounds of rice"),
            ["money 28 EGP exact «28 Egyptian pounds» money.suffix", "mass 5 lb exact «5 pounds» unit.measure"]
        );
    }

    #[test]
    fn symbols_after_codes_before_and_cents() {
        assert_eq!(
            render("10$, 20€, 10¢, 100元, USD 200, 20 usd, a 12-cent dividend, 3 dollars 50 cents, $20 and 43c"),
            [
                "money 10 USD exact «10$» money.suffix",
                "money 20 EUR exact «20€» money.suffix",
                "money 0.1 USD exact «10¢» money.suffix",
                "money 100 CNY exact «100元» money.suffix",
                "money 200 USD exact «USD 200» money.prefix",
                "money 20 USD exact «20 usd» money.suffix",
                "money 0.12 USD exact «12-cent» money.suffix",
                "money 3.5 USD exact «3 dollars 50 cents» money.suffix",
                "money 20.43 USD exact «$20 and 43c» money.prefix",
            ]
        );
    }

    #[test]
    fn minor_units_after_a_major_amount() {
        assert_eq!(
            render("20 ringgit and 43 sen; 3 UAH 4 kopiykas; 50 paise"),
            [
                "money 20.43 MYR exact «20 ringgit and 43 sen» money.suffix",
                "money 3.04 UAH exact «3 UAH 4 kopiykas» money.suffix",
                "money 0.5 INR exact «50 paise» money.suffix",
            ]
        );
        // "sen" alone is no money: "Sen." is a senator.
        assert!(render("voted 52 sen and 48 reps").iter().all(|q| !q.contains("money")));
    }

    #[test]
    fn dinars_and_rials_take_their_country_from_a_national_form_before() {
        assert_eq!(
            render("It costs 200 Iraqi dinars, up from 170 dinars; ten rials."),
            [
                "money 200 IQD exact «200 Iraqi dinars» money.suffix",
                "money 170 IQD exact «170 dinars» money.suffix",
                "count 10 rial exact «ten rials» count.noun",
            ]
        );
        assert_eq!(
            render("42 Saudi riyal and 5 Iranian rials"),
            ["money 42 SAR exact «42 Saudi riyal» money.suffix", "money 5 IRR exact «5 Iranian rials» money.suffix",]
        );
    }

    #[test]
    fn currency_words_and_codes_on_either_side() {
        assert_eq!(
            render("Rupees 500, ringgit 42, 42 LE, 20Rs, 42 Malaysia ringgits"),
            [
                "money 500 INR exact «Rupees 500» money.prefix",
                "money 42 MYR exact «ringgit 42» money.prefix",
                "money 42 EGP exact «42 LE» money.suffix",
                "money 20 INR exact «20Rs» money.suffix",
                "money 42 MYR exact «42 Malaysia ringgits» money.suffix",
            ]
        );
    }

    #[test]
    fn codes_with_a_scale() {
        assert_eq!(
            render("sales of 120 MEUR, MSEK 250 and 400 TEUR; they lost 75 USD million"),
            [
                "money 120000000 EUR exact «120 MEUR» money.suffix",
                "money 250000000 SEK exact «MSEK 250» money.prefix",
                "money 400000 EUR exact «400 TEUR» money.suffix",
                "money 75000000 USD exact «75 USD million» money.suffix down",
            ]
        );
    }

    #[test]
    fn cents_said_without_their_word() {
        assert_eq!(
            render("A ticket is $12 50; a meal eleven ringgit and 40, a coffee US$2 and fifteen."),
            [
                "money 12.5 USD exact «$12 50» money.prefix",
                "money 11.4 MYR exact «eleven ringgit and 40» money.suffix",
                "money 2.15 USD exact «US$2 and fifteen» money.prefix",
            ]
        );
        assert_eq!(render("it went to 17 EUR 25."), ["money 17.25 EUR exact «17 EUR 25» money.suffix"]);
        assert_eq!(render("priced at 4 GBP and one"), ["money 4.01 GBP exact «4 GBP and one» money.suffix"]);
    }

    #[test]
    fn numbers_after_an_amount_that_are_no_cents() {
        for (text, amount) in [
            ("sold for £10 five years ago", "money 10 GBP exact «£10» money.prefix"),
            ("costs £10 one-way", "money 10 GBP exact «£10» money.prefix"),
            ("at 30 dlrs and 35\ndlrs a share", "money 30 USD exact «30 dlrs» money.suffix"),
            ("priced between $20 and 40.", "money 20 USD exact «$20» money.prefix"),
            ("from $20 and 40.", "money 20 USD exact «$20» money.prefix"),
            ("$15 and 20 pct", "money 15 USD exact «$15» money.prefix"),
            ("$20 million 43.", "money 20000000 USD exact «$20 million» money.prefix"),
            ("rmb 10 usd 20", "money 10 USD exact «10 usd» money.suffix"),
            ("paid $20\n43.", "money 20 USD exact «$20» money.prefix"),
            ("15 dollars 50 times", "money 15 USD exact «15 dollars» money.suffix"),
            ("$20 and 150.", "money 20 USD exact «$20» money.prefix"),
            ("$20 and 4.5.", "money 20 USD exact «$20» money.prefix"),
            ("$20.5 43.", "money 20.5 USD exact «$20.5» money.prefix"),
        ] {
            let found = render(text);
            assert_eq!(found.iter().find(|q| q.starts_with("money")), Some(&amount.to_string()), "{text:?}: {found:?}");
        }
    }

    #[test]
    fn a_spaced_c_is_cents_on_a_price_tag() {
        assert_eq!(
            render("Eggs 45 c, milk 99 c."),
            ["money 0.45 USD exact «45 c» money.suffix", "money 0.99 USD exact «99 c» money.suffix"]
        );
        for text in ["results for 2021 c", "paragraph 3 c of the act", "built 20 c. 1500", "150 c.", "a 3 c grade"] {
            assert!(render(text).iter().all(|q| !q.contains("money")), "{text:?}");
        }
    }

    #[test]
    fn egyptian_and_malaysian_forms_after_the_number() {
        assert_eq!(
            render("42 L.E, 43 l.e., 44 le, 45 geneh, 46 genihat masriya, 47 RM and 48RM"),
            [
                "money 42 EGP exact «42 L.E» money.suffix",
                "money 43 EGP exact «43 l.e.» money.suffix",
                "money 44 EGP exact «44 le» money.suffix",
                "money 45 EGP exact «45 geneh» money.suffix",
                "money 46 EGP exact «46 genihat masriya» money.suffix",
                "money 47 MYR exact «47 RM» money.suffix",
                "money 48 MYR exact «48RM» money.suffix",
            ]
        );
        // Capitalized "Le" is a name ("24 Le Mans").
        assert!(render("the 24 Le Mans race").iter().all(|q| !q.contains("EGP")));
    }

    #[test]
    fn pennies_are_cents_and_a_penny_british() {
        assert_eq!(
            render("ten pennies; shares eased one penny"),
            ["money 0.1 USD exact «ten pennies» money.suffix", "money 0.01 GBP exact «one penny» money.suffix down"]
        );
    }

    #[test]
    fn a_sign_after_the_symbol() {
        assert_eq!(render("a result of $-99.99"), ["money -99.99 USD exact «$-99.99» money.prefix"]);
    }

    #[test]
    fn not_money() {
        assert!(render("results for 2021 c").iter().all(|q| !q.contains("money")));
        assert!(render("the $ sign").is_empty());
    }
}
