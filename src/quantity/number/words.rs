//! Spelled-out numbers (`data/number_words.tsv`).
//!
//! What it matches:
//! - cardinals: `two`, `twenty-five`, `fifty two`, `one hundred and twelve` (or `& twelve`), `two million`,
//!   `a dozen`, `a hundred`, `three lakh`;
//! - fractions: `half`, `a third of`, `two-thirds`, `three quarters`, `one fifth`, `three eighths`,
//!   `one and a half`, `five and three quarters`, `one and half`, `one and quarter hour` (the
//!   article left out, but not "Halo 2 and Half Life 2", "two and quarter-finals", "2003 and
//!   quarter four"), and fractions of a scale: `half a million`,
//!   `half million`, `a quarter million`, `two thirds of a million`, `three quarters billion`,
//!   `five and a half million`; but "two quarters", "six quarters" and "two halves" are counts
//!   (quarters of a year, halves of a match: English says "half", and writes no improper fraction
//!   of quarters in words), except as the fraction of a mixed number ("one and two quarters");
//! - fractions whose denominator is an ordinal: the whole cardinal before a plural ordinal is
//!   the numerator (`a hundred trillionths` → 1e-10, `one hundred and thirty fifths` → 26), a ten
//!   not joined by "and" belongs to the denominator (`three twenty-firsts`, `one hundred
//!   thirty-fifths` → 100/35), and "one" or "a" before a singular one reads as a fraction when
//!   "of" or nothing follows (`one twenty-fifth`, `a twenty-first`, `one millionth of`);
//! - decimals read aloud: `two hundred point zero three`, `nine point five`, but not "at one
//!   point" (a moment: "at one point three men were held") or a hyphenated word after "point"
//!   ("sixty point six-monthly coupons": points as a unit); a lone "point" and decimals with
//!   digits (`point five`, `1 point 1`) are read in `number/mod.rs`;
//! - hundreds read aloud: `one twenty two` (122), `seven forty-seven` (747): a unit below ten,
//!   a ten and a unit below ten, not after "at" ("at one twenty five" is a time of day) and not
//!   before a hyphen ("one twenty two-year-old"); "one twenty" alone stays two numbers;
//! - ordinals: `first`, `twenty-first`, and compound ones: `one hundred and fiftieth`, `the One
//!   Hundred Fifth Congress`, `two hundredth` (200th), `two millionth visitor`;
//! - `a couple of`, `a pair of` (2, times a scale word after them: `a couple of hundred`), and
//!   `a couple` without "of" before a scale word, a plural unit of time or "more" (`a couple
//!   hundred`, `a couple weeks ago`, `a couple more events`); before other words or punctuation
//!   "a couple" is mostly two people ("a couple who met", "ceased to be a couple."), so the bare
//!   "a couple" and "a pair" are not numbers. "a couple" is marked approximate (two, maybe
//!   three: the quantity's qualifier is `approx`), "a pair" is exactly two;
//! - the article before a unit of time, as one, after a cue word (`data/article_units.tsv`):
//!   `for a year`, `more than an hour`, `within a week`, or before a fraction (`a year and a
//!   half`) or another duration (`an hour and 45 minutes`) — so that `an hour and a half` and
//!   `nearly a decade` are durations like `1.5 hours` and `nearly 10 years`; and `another` before
//!   most of those units (`another month`, `wait another hour`: one more);
//! - the article before a currency word, as one, after a money cue (`data/article_units.tsv`),
//!   when the currency word ends the phrase or a rate or cents follow: `less than a dollar a
//!   day`, `sold for a euro`, `above a dollar and 42 cents` (the money rule reads the currency).
//!
//! Why: news spells out small numbers ("two plants", "five-year plan") and writes `half a
//! million`; the value must be the number, as for digits.
//!
//! How: a trie of the number words (and of "a year", "another month", "a dollar"), ASCII letters
//! in any case, walked from the word starts whose first three and then four bytes begin one
//! (`swar::word_starts`, a 32 Kbit set of three-byte beginnings, then `bitset::Prefixes`: "the",
//! "that" and "for" are passed over without the trie), finds the longest number word there (as an anchored
//! leftmost-longest Aho-Corasick automaton would, which the tests keep as the specification; the
//! trie is built in a fraction of the time); from each, the words that follow (separated by
//! spaces, one line break, or a hyphen) are folded into a value, each word's class looked up in
//! the same trie.
//!
//! Known problems: plural scale words alone (`thousands of jobs`) are vague and not numbers;
//! "one" is a number here, and the bare-number rule decides whether a lone "one" is worth
//! reporting; "a third plant" is an ordinal, "a third of" a fraction; math-speak such as
//! "one over three" is two numbers here (the `ratio` rule reads it as a fraction); a scale or hundred followed by "first" or "second" without
//! "and" ends the number ("a thousand first responders"), so "one hundred first" is 100 and 1st;
//! "the one hundredth" is an ordinal but "one hundredth" alone a fraction; "two thirty five
//! dollar tickets" reads 235 (hundreds read aloud); a capital fraction word after a lowercase
//! word is a name ("like Half Life 2"), so a title such as "Sales fell by Half" is missed; "a year" without a cue ("a year ago", "$5bn a year", "twice a
//! year") is no number, and so "a month" alone is missed.
//!
//! Example: "one hundred and twelve" → 112; "one and a half million" → 1500000.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use super::{Form, Number};
use crate::bitset::{Prefixes, Triples};
use crate::data;
use crate::text::{Span, boundary_after, boundary_before, skip_gap, skip_space_back, word_ending_at, word_starting_at};

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
    /// "couple", "pair": a number only in "a couple of"; true when the value is approximate
    /// ("a couple of days" may be three; "a pair of shoes" is two).
    Couple(f64, bool),
}

/// The longest number word, in bytes.
const MAX_WORD: usize = 16;

/// The spelled-out number finder; build once.
#[derive(Debug)]
pub struct WordNumbers {
    /// Every pattern: the number words, their plurals, "a year", "another month", "a dollar".
    trie: Trie,
    /// The patterns, in the order of their numbers in `trie`.
    #[cfg(test)]
    patterns: Vec<String>,

    /// The first three bytes of every pattern, in any case.
    triples: Triples,
    /// How every pattern begins (its first four bytes, or the whole of a short one), in any case:
    /// asked when the first two bytes passed.
    prefixes: Prefixes,

    /// What each pattern of `trie` is as a word: the class of the word itself (glued ones too:
    /// "twentyfive"), and that of the word without a final "s" ("fifths": the ordinal 5). A word
    /// is looked up by walking the trie over it, which leaves most other words at their first
    /// or second letter.
    lookups: Vec<(Option<Class>, Option<Class>)>,
    /// The number words and their classes.
    #[cfg(test)]
    words: HashMap<String, Class>,
    /// Patterns from this index on are "a"/"an" before a unit of time ("an hour").
    first_article: usize,
    /// Words right before the article that make it a duration ("for a year").
    article_cues: Vec<&'static str>,
    /// Words right after the unit that make it a point in time ("a year ago").
    article_stops: Vec<&'static str>,
    /// The units of time of the article patterns ("hour"), to see a duration after "and".
    article_units: Vec<&'static str>,
    /// Currency words that "a" may count ("dollar"), found by the article patterns too.
    money_units: Vec<&'static str>,
    /// Words right before the article that make "a dollar" an amount ("less than a dollar").
    money_cues: Vec<&'static str>,
}

impl Default for WordNumbers {
    fn default() -> WordNumbers {
        WordNumbers::new()
    }
}

/// Patterns in a trie of their bytes, ASCII letters in any case: the longest pattern at a
/// position is found by walking down from the root, one table lookup per byte, until no
/// pattern goes on. Anchored at word starts, a trie needs no failure links, and it is built in
/// one pass over the patterns (an Aho-Corasick DFA of the same patterns took seven million
/// instructions to build, four times what its lookups cost in 3,000 articles).
#[derive(Debug)]
struct Trie {
    /// The class of each byte, 1 and up (an ASCII letter in both cases has one); 0 for the
    /// bytes no pattern has.
    classes: [u8; 256],
    /// The number of classes, 0 included: the length of a row of `next`.
    stride: usize,
    /// The child of each node (row `node`) for each class; 0 (the root) for none.
    next: Vec<u16>,
    /// The number of the pattern that ends at each node, plus one; 0 for none.
    ends: Vec<u32>,
}

impl Trie {
    fn new(patterns: &[String]) -> Trie {
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for b in patterns.iter().flat_map(|p| p.bytes()) {
            let lower = usize::from(b.to_ascii_lowercase());
            if classes[lower] == 0 {
                classes[lower] = u8::try_from(stride).expect("fewer than 256 bytes in the patterns");
                stride += 1;
            }
            classes[usize::from(b.to_ascii_uppercase())] = classes[lower];
        }
        let mut next = vec![0u16; stride];
        let mut ends = vec![0u32];
        for (id, p) in patterns.iter().enumerate() {
            let mut node = 0;
            for b in p.bytes() {
                let slot = node * stride + usize::from(classes[usize::from(b)]);
                if next[slot] == 0 {
                    next[slot] = u16::try_from(ends.len()).expect("fewer than 65536 trie nodes");
                    next.resize(next.len() + stride, 0);
                    ends.push(0);
                }
                node = usize::from(next[slot]);
            }
            // The first of equal patterns (in any case) is the one found.
            if ends[node] == 0 {
                ends[node] = u32::try_from(id + 1).expect("fewer than 2^32 patterns");
            }
        }
        Trie { classes, stride, next, ends }
    }

    /// The number of the pattern that is `word`, in any case.
    fn find(&self, word: &[u8]) -> Option<usize> {
        let mut node = 0;
        for &b in word {
            node = usize::from(self.next[node * self.stride + usize::from(self.classes[usize::from(b)])]);
            if node == 0 {
                return None;
            }
        }
        self.ends[node].checked_sub(1).map(|id| id as usize)
    }

    /// The number of the longest pattern that starts at `start` and its end.
    #[inline(never)]
    fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, usize)> {
        let mut node = 0;
        let mut longest = None;
        for (i, &b) in bytes.get(start..)?.iter().enumerate() {
            let class = usize::from(self.classes[usize::from(b)]);
            let child = usize::from(self.next[node * self.stride + class]);
            if child == 0 {
                break;
            }
            node = child;
            if let Some(id) = self.ends[node].checked_sub(1) {
                longest = Some((id as usize, start + i + 1));
            }
        }
        longest
    }
}

/// A value parsed from words, before it becomes a [`Number`].
struct Parsed {
    value: f64,
    end: usize,
    fraction: bool,
    ordinal: bool,
    /// An ordinal written in the plural ("twenty-firsts"), read as a denominator.
    plural: bool,
}

/// What [`WordNumbers::fold`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A number: a cardinal, a fraction or an ordinal.
    Number,
    /// The denominator after a numerator: an ordinal only, maybe plural.
    Denominator,
}

/// An ordinal word met by the fold.
#[derive(Clone, Copy)]
struct OrdinalAt {
    /// Its value (5 for "fifth").
    v: f64,
    /// True for "fifths".
    plural: bool,
    /// Its start and end.
    pos: usize,
    end: usize,
    /// True when it comes right after "and".
    after_and: bool,
}

/// The state of the fold before an ordinal word.
#[derive(Clone, Copy)]
struct Fold {
    total: f64,
    current: f64,
    last: Option<Class>,
    last_after_and: bool,
}

/// What an ordinal word makes of the fold: the value, as a fraction or an ordinal.
struct Step {
    value: f64,
    fraction: bool,
    ordinal: bool,
}

impl WordNumbers {
    /// The finder with the built-in number words.
    pub fn new() -> WordNumbers {
        let mut words = HashMap::default();
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
                "couple" => Class::Couple(value, true),
                "pair" => Class::Couple(value, false),
                _ => fail("unknown class"),
            };
            if row.get(0).len() > MAX_WORD {
                fail("word too long");
            }
            words.insert(Cow::Borrowed(row.get(0)), class);
        }
        // "twentyfive", "thirtyfirst": a ten glued to a unit or an ordinal below ten, as one word.
        let glued: Vec<(String, Class)> = words
            .iter()
            .filter_map(|(ten, c)| if let Class::Ten(t) = c { Some((ten, *t)) } else { None })
            .flat_map(|(ten, t)| {
                words.iter().filter_map(move |(w, c)| match c {
                    Class::Unit(v) if (1.0..10.0).contains(v) => Some((format!("{ten}{w}"), Class::Unit(t + v))),
                    Class::Ordinal(v) if *v < 10.0 => Some((format!("{ten}{w}"), Class::Ordinal(t + v))),
                    _ => None,
                })
            })
            .collect();
        for (w, c) in glued {
            if w.len() <= MAX_WORD {
                words.insert(Cow::Owned(w), c);
            }
        }
        let mut patterns: Vec<String> = words.keys().map(|w| w.to_string()).collect();
        // Plural ordinals are denominators ("fifths"): match them too.
        patterns.extend(words.iter().filter(|(_, c)| matches!(c, Class::Ordinal(_))).map(|(w, _)| format!("{w}s")));
        patterns.sort_unstable();
        // "a year", "an hour": found in the same trie, so they cost no second scan.
        let first_article = patterns.len();
        let (mut article_cues, mut article_stops, mut article_units) = (Vec::new(), Vec::new(), Vec::new());
        let (mut money_units, mut money_cues) = (Vec::new(), Vec::new());
        for row in data::builtin_rows("article_units.tsv", data::ARTICLE_UNITS) {
            match row.get(1) {
                "unit" => {
                    patterns.extend(["a", "an"].map(|article| format!("{article} {}", row.get(0))));
                    article_units.push(row.get(0));
                }
                "another" => patterns.push(format!("another {}", row.get(0))),
                "cue" => article_cues.push(row.get(0)),
                "stop" => article_stops.push(row.get(0)),
                "money" => {
                    patterns.push(format!("a {}", row.get(0)));
                    money_units.push(row.get(0));
                }
                "money cue" => money_cues.push(row.get(0)),
                _ => panic!(
                    "data/article_units.tsv:{}: role must be unit, another, cue, stop, money or money cue",
                    row.line
                ),
            }
        }
        // The trie is walked at the word starts where a pattern may begin (its first
        // two, then four bytes, in any case), so every pattern must start with two letters or a
        // letter and a space.
        let mut triples = Triples::default();
        let mut prefixes = Prefixes::default();
        for p in &patterns {
            let &[b0, _, ..] = p.as_bytes() else { panic!("number word {p:?} is shorter than two bytes") };
            assert!(b0.is_ascii_alphabetic(), "number word {p:?} does not start with a letter");
            triples.insert(p.as_bytes());
            prefixes.insert(p.as_bytes());
        }
        let trie = Trie::new(&patterns);
        // The trie finds words in any case: they are written in lowercase to be found as written.
        assert!(words.keys().all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())), "number words are in lowercase");
        let lookups = patterns
            .iter()
            .map(|p| (words.get(p.as_str()).copied(), p.strip_suffix('s').and_then(|stem| words.get(stem)).copied()))
            .collect();
        WordNumbers {
            trie,
            #[cfg(test)]
            patterns,
            triples,
            prefixes,
            lookups,
            #[cfg(test)]
            words: words.into_iter().map(|(w, c)| (w.into_owned(), c)).collect(),
            first_article,
            article_cues,
            article_stops,
            article_units,
            money_units,
            money_cues,
        }
    }

    /// The class of a word, in any case; plural ordinals are denominators.
    /// The power of ten of the singular scale word that ends `n` ("three million" → 6), if any.
    pub(crate) fn final_scale(&self, text: &str, n: &Number) -> Option<i32> {
        let (_, word) = word_ending_at(text, n.span.end)?;
        match self.class(word)? {
            Class::Scale(p) if !is_plural(word) => Some(p),
            _ => None,
        }
    }

    fn class(&self, word: &str) -> Option<Class> {
        let (direct, stem) = self.lookup(word);
        direct.or(match stem {
            // "seconds" and "firsts" are not fractions.
            Some(Class::Ordinal(v)) if v >= 3.0 => Some(Class::Fraction(v)),
            _ => None,
        })
    }

    /// The class of `word` (in any case) and that of its stem before a final "s", when it is one
    /// of the patterns. A word that is none has no class, nor a stem that matters: the plural of
    /// every ordinal is a pattern.
    fn lookup(&self, word: &str) -> (Option<Class>, Option<Class>) {
        self.trie.find(word.as_bytes()).map_or((None, None), |id| self.lookups[id])
    }

    /// Finds every spelled-out number in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<Number> {
        self.scan_at(text, crate::swar::word_starts(text.as_bytes()))
    }

    /// As [`scan`](Self::scan), looking only at `starts`: the positions that may start a word, in
    /// order (at least those `swar::word_starts` finds where a number word can be).
    pub fn scan_at(&self, text: &str, starts: impl Iterator<Item = usize>) -> Vec<Number> {
        let mut out = Vec::new();
        self.scan_at_into(text, starts, &mut out);
        out
    }

    /// As [`scan_at`](Self::scan_at), into `out` (emptied first).
    pub fn scan_at_into(&self, text: &str, starts: impl Iterator<Item = usize>, out: &mut Vec<Number>) {
        let bytes = text.as_bytes();
        out.clear();
        // The end of the last number found: the word starts before it are inside it.
        let mut last_end = 0;
        // A number word starts a word: only word starts (eight bytes at a time) whose first two
        // and four bytes begin a pattern are looked up in the trie (the longest pattern wins).
        let mut starts = starts;
        loop {
            let Some((start, rest)) = self.next_start(bytes, starts, last_end) else { break };
            starts = rest;
            if !boundary_before(text, start) {
                continue;
            }
            let Some((pattern, end)) = self.trie.longest_at(bytes, start) else { continue };
            if !boundary_after(text, end) {
                continue;
            }
            let n = if pattern >= self.first_article {
                self.article_one(text, start, end)
            } else {
                self.parse(text, start)
            };
            if let Some(n) = n {
                last_end = n.span.end;
                out.push(n);
            }
        }
    }

    /// The next of `starts` from `from` on whose first three and four bytes begin a pattern, and
    /// the starts after it. Not inlined, and the starts moved in and out (not borrowed): the
    /// loop over every word start is most of the scan, and alone it keeps its values in
    /// registers.
    #[inline(never)]
    fn next_start<I: Iterator<Item = usize>>(&self, bytes: &[u8], mut starts: I, from: usize) -> Option<(usize, I)> {
        // The starts inside the last number are passed over first, out of the main loop.
        let mut start = starts.find(|&s| s >= from)?;
        loop {
            if self.triples.may_start_at(bytes, start) && self.prefixes.may_start_at(bytes, start) {
                return Some((start, starts));
            }
            start = starts.next()?;
        }
    }

    /// The article of "a year" (`start..end`) as the number one, when a cue word stands right
    /// before it, a fraction or another duration follows ("for a year", "a year and a half", "an
    /// hour and 45 minutes"), or it is "another" ("another month"); and no stop word or hyphen
    /// follows the unit ("a year ago", "a year-long").
    fn article_one(&self, text: &str, start: usize, end: usize) -> Option<Number> {
        let unit = &text[start_of_unit(text, end)..end];
        if self.money_units.iter().any(|u| u.eq_ignore_ascii_case(unit)) {
            return self.article_money(text, start, end);
        }
        let another = text.get(start..start + 8).is_some_and(|w| w.eq_ignore_ascii_case("another "));
        let cue = word_ending_at(text, skip_space_back(text, start)).filter(|(s, _)| *s < start);
        let cued = cue.is_some_and(|(_, cue)| self.article_cues.iter().any(|c| c.eq_ignore_ascii_case(cue)));
        // "a year and a half", "an hour and 45 minutes" are spans of time wherever they stand.
        if !another && !cued && self.fraction_after(text, end).is_none() && !self.duration_after(text, end) {
            return None;
        }
        if text[end..].starts_with('-')
            || next_word(text, end).is_some_and(|(_, w)| self.article_stops.iter().any(|s| s.eq_ignore_ascii_case(w)))
        {
            return None;
        }
        let (article_end, _) = word_starting_at(text, start)?;
        let mut n = Number::digits(Span::new(start, article_end), Some(1.0));
        n.form = Form::Words;
        Some(n)
    }

    /// The article of "a dollar" (`start..end`) as the number one, when a cue word stands right
    /// before it ("for a dollar", "less than a dollar", "above a dollar") and the currency word
    /// ends the phrase or a rate or its cents follow ("a dollar a day", "a dollar and 42 cents",
    /// "a dollar per share"): "a dollar bond", "a dollar-denominated loan" are no amounts.
    fn article_money(&self, text: &str, start: usize, end: usize) -> Option<Number> {
        let (_, cue) = word_ending_at(text, skip_space_back(text, start)).filter(|(s, _)| *s < start)?;
        if !self.money_cues.iter().any(|c| c.eq_ignore_ascii_case(cue)) {
            return None;
        }
        let next = text[end..].bytes().next();
        let ends = match next {
            None => true,
            Some(b'-') => false,
            Some(b) if b.is_ascii_whitespace() => match next_word(text, end) {
                // "a dollar and 42 cents", but not "almost a cent and a half" (not read here).
                Some((and_end, w)) if w.eq_ignore_ascii_case("and") => {
                    text.as_bytes().get(skip_gap(text, and_end)).is_some_and(u8::is_ascii_digit)
                }
                Some((_, w)) => ["a", "an", "per", "each", "apiece"].iter().any(|f| f.eq_ignore_ascii_case(w)),
                // A line break, punctuation or a digit after the space.
                None => !text[end..].trim_start().starts_with(|c: char| c.is_ascii_digit()),
            },
            Some(_) => true,
        };
        if !ends {
            return None;
        }
        let (article_end, _) = word_starting_at(text, start)?;
        let mut n = Number::digits(Span::new(start, article_end), Some(1.0));
        n.form = Form::Words;
        Some(n)
    }

    /// Parses the spelled-out number whose first word starts at `start`.
    fn parse(&self, text: &str, start: usize) -> Option<Number> {
        let article = article_before(text, start);
        let (first_end, first_word) = word_starting_at(text, start)?;
        let first = self.class(first_word)?;
        let mut parsed = self.parse_from(text, (first_end, first_word, first), article.is_some())?;
        // "like Half Life 2", "venues including Half Time": a capital after a lowercase word on
        // the same line starts a name, not a fraction (a headline may end without a stop: "poor
        // fund\n\nHalf of the money").
        if matches!(first, Class::Fraction(_))
            && first_word.starts_with(|c: char| c.is_ascii_uppercase())
            && text[..start].ends_with([' ', '\t'])
            && crate::text::word_before(text, start).is_some_and(|(from, w)| {
                w.starts_with(|c: char| c.is_ascii_lowercase()) && !text[from..start].contains(['\n', '\r'])
            })
        {
            return None;
        }
        // "a twenty-first": one of a compound ordinal, as "a fifth" is.
        if let Some(article) = article
            && matches!(first, Class::Ten(_))
            && parsed.ordinal
            && !followed_by_word_or_of(text, parsed.end)
        {
            parsed =
                Parsed { value: 1.0 / parsed.value, end: parsed.end, fraction: true, ordinal: false, plural: false };
            let mut n = Number::digits(Span::new(article, parsed.end), Some(parsed.value));
            n.form = Form::Words;
            n.fraction = true;
            return Some(n);
        }
        let span_start = match first {
            // "a hundred", "a dozen", "a third of", "a half": the article is the numerator.
            Class::Hundred | Class::Scale(_) | Class::Dozen | Class::Fraction(_) | Class::Couple(..) => {
                article.unwrap_or(start)
            }
            Class::Ordinal(_) if parsed.fraction => article.unwrap_or(start),
            _ => start,
        };
        let mut n = Number::digits(Span::new(span_start, parsed.end), Some(parsed.value));
        n.form = Form::Words;
        n.fraction = parsed.fraction;
        n.ordinal = parsed.ordinal;
        n.approx = matches!(first, Class::Couple(_, true));
        Some(n)
    }

    /// Parses from the first word (its end, itself and its class); `article` says whether
    /// "a"/"an" stands before it.
    fn parse_from(
        &self,
        text: &str,
        (first_end, first_word, first): (usize, &str, Class),
        article: bool,
    ) -> Option<Parsed> {
        let start = first_end - first_word.len();
        let plural = is_plural(first_word);
        match first {
            Class::Ordinal(v) => {
                // "a fifth of", "a third." are fractions; "a third plant" is an ordinal.
                if article && v >= 3.0 && (followed_by_of(text, first_end) || !followed_by_word(text, first_end)) {
                    let parsed =
                        Parsed { value: 1.0 / v, end: first_end, fraction: true, ordinal: false, plural: false };
                    return Some(self.of_a_scale(text, parsed));
                }
                Some(Parsed { value: v, end: first_end, fraction: false, ordinal: true, plural: false })
            }
            Class::Fraction(den) => {
                if plural {
                    return None;
                }
                let mut parsed =
                    Parsed { value: 1.0 / den, end: first_end, fraction: true, ordinal: false, plural: false };
                // "half a million", "half an hour", "half million", "a quarter million".
                let mut p = first_end;
                if let Some((art_end, _)) = next_word(text, first_end).filter(|(_, w)| is_article(w)) {
                    if den != 2.0 {
                        return (article && followed_by_of(text, first_end)).then(|| self.of_a_scale(text, parsed));
                    }
                    parsed.end = art_end;
                    p = art_end;
                }
                if let Some((scale_end, w)) = next_word(text, p)
                    && let Some(multiplier) = self.multiplier(w)
                {
                    parsed.value *= multiplier;
                    parsed.end = scale_end;
                    parsed.fraction = false;
                    return Some(parsed);
                }
                if den != 2.0 && !(article && followed_by_of(text, first_end)) {
                    return None;
                }
                Some(self.of_a_scale(text, parsed))
            }
            Class::Hundred | Class::Scale(_) | Class::Dozen if plural || !article => None,
            // "a couple of days", "a pair of shoes", "a couple of hundred people".
            Class::Couple(v, _) => {
                if !article || plural {
                    return None;
                }
                let Some((of_end, _)) = next_word(text, first_end).filter(|(_, w)| w.eq_ignore_ascii_case("of")) else {
                    return self.couple_without_of(text, first_end, v);
                };
                let mut parsed = Parsed { value: v, end: of_end, fraction: false, ordinal: false, plural: false };
                if let Some((scale_end, w)) = next_word(text, of_end)
                    && let Some(multiplier) = self.multiplier(w)
                {
                    parsed.value *= multiplier;
                    parsed.end = scale_end;
                }
                Some(parsed)
            }
            _ => self.cardinal(text, start, article),
        }
    }

    /// "a couple hundred", "a couple dozen", "a couple weeks", "a couple more events": "a
    /// couple" without "of" is two before a scale word, a plural unit of time
    /// (`data/article_units.tsv`) or "more" and a plural (or nothing); before other words or
    /// punctuation it is mostly two people ("a couple who met", "ceased to be a couple."), and
    /// "a pair" needs its "of".
    fn couple_without_of(&self, text: &str, end: usize, v: f64) -> Option<Parsed> {
        let word = word_ending_at(text, end)?.1;
        if !word.eq_ignore_ascii_case("couple") {
            return None;
        }
        let (next_end, next) = next_word(text, end)?;
        if let Some(multiplier) = self.multiplier(next) {
            return Some(Parsed {
                value: v * multiplier,
                end: next_end,
                fraction: false,
                ordinal: false,
                plural: false,
            });
        }
        // "play a couple more events", "win a couple more.": two more; but "a couple more likely
        // to" is two people.
        if next.eq_ignore_ascii_case("more") && next_word(text, next_end).is_none_or(|(_, w)| is_plural(w)) {
            return Some(Parsed { value: v, end, fraction: false, ordinal: false, plural: false });
        }
        let unit = next.strip_suffix(['s', 'S']).filter(|_| is_plural(next))?;
        self.article_units.iter().any(|u| u.eq_ignore_ascii_case(unit)).then_some(Parsed {
            value: v,
            end,
            fraction: false,
            ordinal: false,
            plural: false,
        })
    }

    /// The multiplier of a singular scale word or "dozen" (`million` → 1e6).
    fn multiplier(&self, word: &str) -> Option<f64> {
        if is_plural(word) {
            return None;
        }
        match self.class(word)? {
            Class::Scale(p) => Some(10f64.powi(p)),
            Class::Hundred => Some(100.0),
            Class::Dozen => Some(12.0),
            _ => None,
        }
    }

    /// "two thirds of a million", "three quarters billion": a fraction of a scale.
    fn of_a_scale(&self, text: &str, mut parsed: Parsed) -> Parsed {
        if let Some((scale_end, w)) = next_word(text, parsed.end)
            && let Some(multiplier) = self.multiplier(w)
        {
            parsed.value *= multiplier;
            parsed.end = scale_end;
            parsed.fraction = false;
        } else if let Some((of_end, _)) = next_word(text, parsed.end).filter(|(_, w)| w.eq_ignore_ascii_case("of"))
            && let Some((art_end, _)) = next_word(text, of_end).filter(|(_, w)| is_article(w))
            && let Some((scale_end, w)) = next_word(text, art_end)
            && let Some(multiplier) = self.multiplier(w)
        {
            parsed.value *= multiplier;
            parsed.end = scale_end;
            parsed.fraction = false;
        }
        parsed
    }

    /// Folds a run of cardinal words starting at `start` into a value; `article` lets a first
    /// "hundred", scale or "dozen" stand for one of it ("a hundred").
    fn cardinal(&self, text: &str, start: usize, article: bool) -> Option<Parsed> {
        self.fold(text, start, article, Mode::Number)
    }

    /// The fold behind [`cardinal`](Self::cardinal); in [`Mode::Denominator`] it reads an ordinal
    /// only ("twenty-firsts", "hundred and fifth"), for the fraction after a numerator.
    fn fold(&self, text: &str, start: usize, article: bool, mode: Mode) -> Option<Parsed> {
        self.fold_part(text, start, article, mode, false)
    }

    /// [`fold`](Self::fold); `mixed` says the number is the fraction of a mixed number ("one and
    /// two quarters"), where "two quarters" is a half.
    fn fold_part(&self, text: &str, start: usize, article: bool, mode: Mode, mixed: bool) -> Option<Parsed> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last: Option<Class> = None;
        let mut last_scale = i32::MAX;
        let mut end = start;
        let mut pos = start;
        let mut fraction = false;
        let mut ordinal = false;
        let mut plural_ordinal = false;
        // True when the last word came right after "and" ("one hundred and thirty").
        let mut last_after_and = false;
        let mut after_and = false;
        // The state before an "and", restored when what follows belongs to another number.
        let mut before_and: Option<(f64, f64, usize)> = None;
        // Where the fold stopped at a number word that cannot continue it: "three| twenty-firsts".
        let mut stopped: Option<usize> = None;
        // The next word when it was read already, at its start.
        let mut read: Option<(usize, Option<(usize, &str)>)> = None;
        loop {
            let word = match read.take() {
                Some((at, word)) if at == pos => word,
                _ => word_starting_at(text, pos),
            };
            let Some((word_end, w)) = word else { break };
            let (ordinal_word, class) = self.ordinal_or_class(w);
            if let Some((v, plural)) = ordinal_word {
                let step = self.ordinal_step(
                    text,
                    OrdinalAt { v, plural, pos, end: word_end, after_and },
                    Fold { total, current, last, last_after_and },
                    mode,
                );
                if let Some(step) = step {
                    end = word_end;
                    (fraction, ordinal, plural_ordinal) = (step.fraction, step.ordinal, plural);
                    (total, current) = (0.0, step.value);
                    last = Some(Class::Ordinal(v));
                }
                break;
            }
            let Some(class) = class else { break };
            let plural = is_plural(w);
            match class {
                Class::Unit(v) => {
                    let after_ten = matches!(last, Some(Class::Ten(_)));
                    if matches!(last, Some(Class::Unit(_) | Class::Dozen | Class::Fraction(_)))
                        || (after_ten && (v >= 10.0 || current % 10.0 != 0.0))
                    {
                        stopped = Some(pos);
                        break;
                    }
                    current += v;
                }
                Class::Ten(v) => {
                    if let Some(Class::Unit(u)) = last
                        && mode == Mode::Number
                        && total == 0.0
                        && current == u
                        && self.spoken_hundreds(text, start, u, word_end)
                    {
                        // "one twenty two": 1 × 100 + 20, and the unit after it.
                        current = u * 100.0 + v;
                    } else if matches!(last, Some(Class::Unit(_) | Class::Ten(_))) {
                        stopped = Some(pos);
                        break;
                    } else {
                        current += v;
                    }
                }
                Class::Hundred => {
                    if plural
                        || current >= 100.0
                        || matches!(last, Some(Class::Hundred))
                        || (last.is_none() && !article)
                    {
                        break;
                    }
                    current = current.max(1.0) * 100.0;
                }
                Class::Scale(p) => {
                    if p >= last_scale || (last.is_none() && !article) {
                        // "three lakh and twelve crore" is two numbers.
                        if let Some((t, c, e)) = before_and.take() {
                            (total, current, end) = (t, c, e);
                        }
                        break;
                    }
                    total += current.max(1.0) * 10f64.powi(p);
                    current = 0.0;
                    last_scale = p;
                    if plural {
                        // "three lakhs", "two millions": the plural ends the number.
                        end = word_end;
                        last = Some(class);
                        break;
                    }
                }
                Class::Dozen => {
                    if !(matches!(last, Some(Class::Unit(_) | Class::Ten(_) | Class::Hundred))
                        || (last.is_none() && article))
                    {
                        break;
                    }
                    // "two hundred dozens" is 2400, "three hundred and two dozens" 324.
                    let small = if matches!(last, Some(Class::Hundred)) { current } else { current % 100.0 };
                    current = current - small + small.max(1.0) * 12.0;
                    if plural {
                        end = word_end;
                        last = Some(class);
                        break;
                    }
                }
                Class::Fraction(den) => {
                    // "three quarters", "two halves": a numerator first.
                    if !matches!(last, Some(Class::Unit(_) | Class::Ten(_))) || total != 0.0 {
                        break;
                    }
                    // "six quarters", "two quarters", "the two halves": a count of quarters (of a
                    // year) or halves (of a match); English says "half", not "two quarters", and
                    // hardly writes an improper fraction of quarters in words ("three halves" is
                    // 1.5).
                    if plural
                        && !mixed
                        && ((current == 2.0 && den == 2.0) || (den == 4.0 && (current == 2.0 || current >= 4.0)))
                    {
                        break;
                    }
                    current /= den;
                    fraction = true;
                    end = word_end;
                    last = Some(class);
                    break;
                }
                Class::Couple(..) | Class::Ordinal(_) => break,
            }
            end = word_end;
            last = Some(class);
            last_after_and = after_and;
            after_and = false;
            // "and", or "&" between spaces ("two hundred & forty").
            let amp = skip_gap(text, word_end);
            let (next_start, and_len) = if amp > word_end && text[amp..].starts_with("& ") {
                (amp, 1)
            } else {
                let Some(next_start) = next_word_start(text, word_end) else { break };
                let next_word = word_starting_at(text, next_start);
                read = Some((next_start, next_word));
                let Some((_, next)) = next_word else { break };
                (next_start, if next.eq_ignore_ascii_case("and") { 3 } else { 0 })
            };
            if and_len > 0 {
                let Some(after) = next_word_start(text, next_start + and_len) else { break };
                let after_word = word_starting_at(text, after);
                read = Some((after, after_word));
                let Some((_, w2)) = after_word else { break };
                let joins = matches!(last, Some(Class::Hundred | Class::Scale(_)))
                    && match self.class(w2) {
                        // "one hundred and twelve"; "one hundred and thirty fifths" is 130 fifths
                        // (a plural ordinal takes the whole cardinal), but "two hundred and one
                        // half" is 200.5, "two hundred and fifty-four hundredths" 200.54 and
                        // "six million and two thirds" 6⅔ million.
                        Some(Class::Unit(_) | Class::Ten(_)) => {
                            self.and_fraction(text, after).is_none()
                                || (matches!(last, Some(Class::Hundred)) && self.ends_in_plural_ordinal(text, after))
                        }
                        // "one hundred and fifth", "two thousand and first".
                        Some(Class::Ordinal(_)) => true,
                        _ => false,
                    };
                if joins {
                    before_and = Some((total, current, end));
                    pos = after;
                    after_and = true;
                    continue;
                }
                // "one and a half", "five and three quarters", "one million and a half".
                if let Some(f) = self.and_fraction(text, after) {
                    end = f.end;
                    fraction = true;
                    match next_word(text, end).and_then(|(scale_end, w)| Some((scale_end, self.multiplier(w)?))) {
                        // "one billion and a half million": half a million more.
                        Some((scale_end, multiplier))
                            if total != 0.0 && current == 0.0 && f64::from(last_scale) > multiplier.log10() =>
                        {
                            total += f.value * multiplier;
                            end = scale_end;
                            fraction = false;
                        }
                        // "five and a half million".
                        Some((scale_end, multiplier)) => {
                            current = (total + current + f.value) * multiplier;
                            total = 0.0;
                            end = scale_end;
                            fraction = false;
                        }
                        // "one million and a half": half of the last scale; "one and a half".
                        None if current == 0.0 && total != 0.0 => total += f.value * 10f64.powi(last_scale),
                        None => current += f.value,
                    }
                }
                break;
            }
            pos = next_start;
        }
        last?;
        if mode == Mode::Denominator {
            return ordinal.then_some(Parsed {
                value: total + current,
                end,
                fraction: false,
                ordinal,
                plural: plural_ordinal,
            });
        }
        let mut value = total + current;
        // "three| twenty-firsts", "one| one hundred and fifth": an ordinal after the numerator.
        if !fraction
            && !ordinal
            && let Some(at) = stopped
            && let Some(den) = self.fold(text, at, false, Mode::Denominator)
            && den.value >= 3.0
            && (den.plural || (value == 1.0 && !followed_by_word_or_of(text, den.end)))
        {
            value /= den.value;
            end = den.end;
            fraction = true;
        }
        let mut end_pos = end;
        // "two hundred point zero three", "nine point five"; but "at one point" is a moment ("at
        // one point three men were held").
        if !fraction
            && !ordinal
            && let Some(point_end) = next_word_if(text, end, "point")
            && !(value == 1.0
                && crate::text::word_before(text, start).is_some_and(|(_, w)| w.eq_ignore_ascii_case("at")))
            && let Some(digits_start) = next_word_start(text, point_end)
            && let Some(d) = self.decimals(text, digits_start)
        {
            value = d.after(value);
            end_pos = d.end;
        }
        let parsed = Parsed { value, end: end_pos, fraction, ordinal, plural: false };
        // The scale after a mixed number's fraction belongs to the whole ("one billion and three
        // quarters million").
        let scale_after = || next_word(text, parsed.end).is_some_and(|(_, w)| self.multiplier(w).is_some());
        Some(if fraction && !(mixed && scale_after()) { self.of_a_scale(text, parsed) } else { parsed })
    }

    /// True when the unit `unit` that starts the number at `start` and the ten that ends at
    /// `ten_end` are hundreds read aloud: "one twenty two" (122), "seven forty-seven" (747). A
    /// unit word below ten must follow the ten and end the compound ("one twenty-two-year-old"
    /// is no 122); after "at" it is a time of day ("at one twenty five").
    fn spoken_hundreds(&self, text: &str, start: usize, unit: f64, ten_end: usize) -> bool {
        if !(1.0..10.0).contains(&unit)
            || crate::text::word_before(text, start).is_some_and(|(_, w)| w.eq_ignore_ascii_case("at"))
        {
            return false;
        }
        next_word(text, ten_end).is_some_and(|(end, w)| {
            !is_plural(w)
                && matches!(self.class(w), Some(Class::Unit(v)) if (1.0..10.0).contains(&v))
                && !text[end..].starts_with('-')
        })
    }

    /// True when the run of number words from `pos` ends in a plural ordinal below a hundredth
    /// ("thirty fifths").
    fn ends_in_plural_ordinal(&self, text: &str, mut pos: usize) -> bool {
        while let Some((end, w)) = word_starting_at(text, pos) {
            let (ordinal_word, class) = self.ordinal_or_class(w);
            if let Some((v, plural)) = ordinal_word {
                return plural && v < 100.0;
            }
            if class.is_none() {
                return false;
            }
            let Some(next) = next_word_start(text, end) else { return false };
            pos = next;
        }
        false
    }

    /// The value of an ordinal word and whether it is written in the plural ("fifths",
    /// "firsts"; "seconds" are a unit of time), else the [`class`](Self::class) of the word:
    /// both from one lookup of the word and of its stem.
    fn ordinal_or_class(&self, word: &str) -> (Option<(f64, bool)>, Option<Class>) {
        let (direct, stem) = self.lookup(word);
        if let Some(Class::Ordinal(v)) = direct {
            return (Some((v, false)), direct);
        }
        let ordinal = match stem {
            Some(Class::Ordinal(v)) if v != 2.0 => Some((v, true)),
            _ => None,
        };
        // "seconds" and "firsts" are not fractions.
        let class = direct.or(match stem {
            Some(Class::Ordinal(v)) if v >= 3.0 => Some(Class::Fraction(v)),
            _ => None,
        });
        (ordinal, class)
    }

    /// What an ordinal word makes of the fold before it: a compound ordinal ("twenty-first",
    /// "one hundred and fifth", "two hundredth"), a fraction ("three fifths", "a hundred
    /// trillionths", "one hundred thirty-fifths"), or nothing (the number ends before it).
    fn ordinal_step(&self, text: &str, at: OrdinalAt, fold: Fold, mode: Mode) -> Option<Step> {
        let OrdinalAt { v, plural, pos, end, after_and } = at;
        let Fold { total, current, last, last_after_and } = fold;
        let numerator = total + current;
        let as_ordinal = |value: f64| Some(Step { value, fraction: false, ordinal: true });
        let as_fraction = |value: f64| Some(Step { value, fraction: true, ordinal: false });
        // Hundredth, thousandth, …: multiplies the group before it ("two hundredth" is 200th).
        let scale_ordinal = v >= 100.0;
        match last? {
            // "twenty-first", "three hundred twenty second", "thirty fifths".
            Class::Ten(ten) if v < 10.0 && current % 10.0 == 0.0 => {
                if mode == Mode::Denominator || !plural {
                    return as_ordinal(numerator + v);
                }
                // "one hundred thirty-fifths": a ten not joined by "and" starts the denominator.
                let before_ten = numerator - ten;
                if before_ten > 0.0 && !last_after_and {
                    return as_fraction(before_ten / (ten + v));
                }
                (v >= 3.0).then(|| Step { value: numerator / v, fraction: true, ordinal: false })
            }
            Class::Unit(_) | Class::Ten(_) if scale_ordinal => {
                let ordinal = total + current * v;
                match mode {
                    Mode::Denominator => as_ordinal(ordinal),
                    Mode::Number if plural => as_fraction(numerator / v),
                    // "one millionth of a second", "one one-hundredth share", but "the one
                    // hundredth anniversary".
                    Mode::Number
                        if numerator == 1.0 && (text[..pos].ends_with('-') || !followed_by_word_or_of(text, end)) =>
                    {
                        as_fraction(1.0 / v)
                    }
                    Mode::Number => as_ordinal(ordinal),
                }
            }
            // "one fifth", "three eighths", "one million two hundred three fifths".
            Class::Unit(_) | Class::Ten(_) => {
                (mode == Mode::Number && v >= 3.0 && (plural || total == 0.0) && !hyphenated_after_ten(text, pos, last))
                    .then(|| Step { value: numerator / v, fraction: true, ordinal: false })
            }
            // "a hundred trillionth" is 1e14th, "a hundred trillionths" 1e-10.
            Class::Hundred if scale_ordinal && v > 100.0 => {
                if plural && mode == Mode::Number {
                    as_fraction(numerator / v)
                } else {
                    as_ordinal(total + current * v)
                }
            }
            Class::Scale(p) if scale_ordinal => (plural && mode == Mode::Number && v > 10f64.powi(p)).then(|| Step {
                value: numerator / v,
                fraction: true,
                ordinal: false,
            }),
            // "one hundred and fifth", "the One Hundred Fifth Congress", "five hundred fifths"; but
            // "a thousand first responders" and "five hundred first-time buyers" are not ordinals.
            Class::Hundred | Class::Scale(_) => {
                if text[end..].starts_with('-') || (!after_and && v <= 2.0 && !plural) {
                    return None;
                }
                match (plural, mode) {
                    (true, Mode::Number) => {
                        (v >= 3.0).then(|| Step { value: numerator / v, fraction: true, ordinal: false })
                    }
                    _ => as_ordinal(numerator + v),
                }
            }
            _ => None,
        }
    }

    /// The fraction in " and a half", " and three quarters", … right after `end`: its end and
    /// value ("5 and a half minutes").
    pub(crate) fn fraction_after(&self, text: &str, end: usize) -> Option<(usize, f64)> {
        let p = next_word_start(text, end)?;
        // Most numbers have no "and" after them: three bytes tell.
        if !text.as_bytes().get(p..p + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"and")) {
            return None;
        }
        let (and_end, and) = word_starting_at(text, p)?;
        if !and.eq_ignore_ascii_case("and") {
            return None;
        }
        let f = self.and_fraction(text, next_word_start(text, and_end)?)?;
        Some((f.end, f.value))
    }

    /// True when "and" and a number of shorter units of time follow the unit ending at `end`:
    /// "an hour| and 45 minutes", "a year| and two months".
    fn duration_after(&self, text: &str, end: usize) -> bool {
        let Some((and_end, _)) = next_word(text, end).filter(|(_, w)| w.eq_ignore_ascii_case("and")) else {
            return false;
        };
        let bytes = text.as_bytes();
        let mut pos = skip_gap(text, and_end);
        if pos == and_end {
            return false;
        }
        // The number: digits ("45", "1.5"), or up to three number words ("twenty five").
        if bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += bytes[pos..].iter().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')).count();
            if bytes[pos - 1] == b'.' || bytes[pos - 1] == b',' {
                return false;
            }
            let gap = skip_gap(text, pos);
            if gap == pos {
                return false;
            }
            pos = gap;
        } else {
            let mut words = 0;
            while let Some((w_end, w)) =
                word_starting_at(text, pos).filter(|(_, w)| !is_article(w) && self.class(w).is_some())
            {
                if words == 3 || matches!(self.class(w), Some(Class::Ordinal(_) | Class::Fraction(_))) {
                    return false;
                }
                words += 1;
                match next_word_start(text, w_end) {
                    Some(next) => pos = next,
                    None => return false,
                }
            }
            if words == 0 {
                return false;
            }
        }
        // The units are listed shortest first; "second" is shorter than all of them.
        let rank = |word: &str| self.article_units.iter().position(|u| u.eq_ignore_ascii_case(word));
        let Some(first) = word_starting_at(text, start_of_unit(text, end)).and_then(|(_, u)| rank(u)) else {
            return false;
        };
        word_starting_at(text, pos).is_some_and(|(_, unit)| {
            let singular = unit.strip_suffix(['s', 'S']).unwrap_or(unit);
            singular.eq_ignore_ascii_case("second") || rank(singular).is_some_and(|r| r < first)
        })
    }

    /// The fraction after "and": "a half", "a quarter", "three quarters", "two thirds", "a fifth".
    fn and_fraction(&self, text: &str, start: usize) -> Option<Parsed> {
        let (first_end, first) = word_starting_at(text, start)?;
        if is_article(first) || first.eq_ignore_ascii_case("one") {
            let next = next_word_start(text, first_end)?;
            let (end, w) = word_starting_at(text, next)?;
            return match self.class(w)? {
                Class::Fraction(den) if !is_plural(w) => {
                    Some(Parsed { value: 1.0 / den, end, fraction: true, ordinal: false, plural: false })
                }
                Class::Ordinal(v) if v >= 3.0 => {
                    Some(Parsed { value: 1.0 / v, end, fraction: true, ordinal: false, plural: false })
                }
                _ => None,
            };
        }
        // "one and half", "one and quarter hour": the article left out.
        let bare = if first.eq_ignore_ascii_case("half") {
            Some(0.5)
        } else if first.eq_ignore_ascii_case("quarter") {
            Some(0.25)
        } else {
            None
        };
        if let Some(value) = bare {
            // Not a name ("Halo 2 and Half Life 2"), a compound ("two and quarter-finals") or a
            // numbered quarter ("2003 and quarter four").
            let capital = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
            let named = capital(first) && crate::text::word_before(text, start).is_none_or(|(_, and)| !capital(and));
            let numbered = value == 0.25 && {
                let p = skip_gap(text, first_end);
                p > first_end
                    && (text.as_bytes()[p].is_ascii_digit()
                        || word_starting_at(text, p).is_some_and(|(_, w)| self.class(w).is_some()))
            };
            if named || numbered || text[first_end..].starts_with('-') {
                return None;
            }
            return Some(Parsed { value, end: first_end, fraction: true, ordinal: false, plural: false });
        }
        let parsed = self.fold_part(text, start, false, Mode::Number, true)?;
        parsed.fraction.then_some(parsed)
    }

    /// Digits read one word at a time after "point": "zero three" → 0.03, "seventy-one" → 0.71.
    /// The last digit word must end the phrase: in "sixty point six-monthly coupons" "point" is
    /// a unit ("0.60 point six-monthly coupons").
    fn decimals(&self, text: &str, start: usize) -> Option<Decimals> {
        let mut d = Decimals { end: start, digits: 0, places: 0 };
        let mut pos = start;
        while let Some((word_end, w)) = word_starting_at(text, pos) {
            match self.class(w) {
                Some(Class::Unit(v)) if v < 10.0 => d.push(v as u64)?,
                Some(Class::Unit(_) | Class::Ten(_)) if d.places == 0 => {
                    let n = self.cardinal(text, pos, false)?;
                    if n.fraction || n.ordinal || n.value >= 100.0 {
                        return None;
                    }
                    d.push(n.value as u64 / 10)?;
                    d.push(n.value as u64 % 10)?;
                    d.end = n.end;
                    break;
                }
                _ => break,
            }
            d.end = word_end;
            let Some(next) = next_word_start(text, word_end) else { break };
            pos = next;
        }
        (d.places > 0 && !text[d.end..].starts_with('-')).then_some(d)
    }

    /// The decimals after a lone "point" whose digit words start at `start` ("point five",
    /// "point zero three", "point two million"): their end and value, with the scale word after
    /// them.
    pub(crate) fn after_point(&self, text: &str, start: usize) -> Option<(usize, f64)> {
        let d = self.decimals(text, start)?;
        if let Some((scale_end, w)) = next_word(text, d.end)
            && !is_plural(w)
            && let Some(Class::Scale(p)) = self.class(w)
        {
            return Some((scale_end, d.scaled(0.0, p)));
        }
        Some((d.end, d.after(0.0)))
    }
}

/// Decimal digits read aloud after "point".
struct Decimals {
    /// The end of the last digit word.
    end: usize,
    /// The digits as an integer ("zero three" → 3) …
    digits: u64,
    /// … and how many there are (2).
    places: i32,
}

impl Decimals {
    /// The most digits kept exact in an `f64` (below 2^53).
    const MAX_PLACES: i32 = 15;

    /// Appends a digit; `None` when there are too many to read exactly.
    fn push(&mut self, digit: u64) -> Option<()> {
        if self.places == Self::MAX_PLACES {
            return None;
        }
        self.digits = self.digits * 10 + digit;
        self.places += 1;
        Some(())
    }

    /// `whole` with these decimals: 200 and "zero three" → 200.03, rounded once.
    fn after(&self, whole: f64) -> f64 {
        self.scaled(whole, 0)
    }

    /// (`whole` with these decimals) × 10^`power`, rounded once when the parts are exact
    /// ("point two five million" → 250000).
    fn scaled(&self, whole: f64, power: i32) -> f64 {
        let places = 10f64.powi(self.places);
        let n = whole * places + self.digits as f64;
        let shift = power - self.places;
        if shift >= 0 { n * 10f64.powi(shift) } else { n / 10f64.powi(-shift) }
    }
}

/// True for "fifty-fifth" style hyphenation after a ten (an ordinal, not a fraction).
fn hyphenated_after_ten(text: &str, pos: usize, last: Option<Class>) -> bool {
    matches!(last, Some(Class::Ten(_))) && text[..pos].ends_with('-')
}

/// The start of the word that ends at `end`.
fn start_of_unit(text: &str, end: usize) -> usize {
    end - text.as_bytes()[..end].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count()
}

fn is_plural(word: &str) -> bool {
    word.len() > 3 && word.ends_with(['s', 'S'])
}

/// The start of the next word after `end`: after a hyphen, after a whitespace gap (spaces, one
/// line break), or after a hyphen between spaces ("fifty - two").
fn next_word_start(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let start = match *bytes.get(end)? {
        b'-' => end + 1,
        b if b.is_ascii_whitespace() => {
            let gap_end = skip_gap(text, end);
            if gap_end == end {
                return None;
            }
            if bytes.get(gap_end) == Some(&b'-') && bytes.get(gap_end + 1) == Some(&b' ') {
                gap_end + 2
            } else {
                gap_end
            }
        }
        _ => return None,
    };
    bytes.get(start).is_some_and(u8::is_ascii_alphabetic).then_some(start)
}

/// The next word after `end`, as its end and text.
/// The end of the word after `end` when it is `word` (in any case), looked up only where the
/// bytes there begin with it.
fn next_word_if(text: &str, end: usize, word: &str) -> Option<usize> {
    let start = next_word_start(text, end)?;
    if !text.as_bytes().get(start..start + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes())) {
        return None;
    }
    word_starting_at(text, start).filter(|(_, w)| w.eq_ignore_ascii_case(word)).map(|(end, _)| end)
}

fn next_word(text: &str, end: usize) -> Option<(usize, &str)> {
    word_starting_at(text, next_word_start(text, end)?)
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
    // "a" and "an" end in "a" or "n": most words before a number word do not.
    if p == 0 || !matches!(text.as_bytes()[p - 1] | 0x20, b'a' | b'n') {
        return None;
    }
    word_ending_at(text, p).filter(|(_, w)| is_article(w)).map(|(s, _)| s)
}

fn followed_by_of(text: &str, end: usize) -> bool {
    next_word(text, end).is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
}

/// True when a word other than "of" follows after whitespace: "one hundredth| anniversary".
fn followed_by_word_or_of(text: &str, end: usize) -> bool {
    next_word(text, end).is_some_and(|(_, w)| !w.eq_ignore_ascii_case("of"))
}

/// True when a word (not punctuation) follows after whitespace.
fn followed_by_word(text: &str, end: usize) -> bool {
    next_word(text, end).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trie_finds_the_longest_pattern_as_an_aho_corasick_automaton() {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::dfa::DFA;
        use aho_corasick::{Anchored, MatchKind, StartKind};
        let finder = WordNumbers::new();
        // The specification: an anchored, case-insensitive, leftmost-longest automaton.
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&finder.patterns)
            .unwrap();
        let longest_at = |bytes: &[u8], start: usize| {
            let mut state = dfa.start_state(Anchored::Yes).unwrap();
            let mut longest = None;
            for (i, &b) in bytes[start..].iter().enumerate() {
                state = dfa.next_state(Anchored::Yes, state, b);
                if dfa.is_dead(state) {
                    break;
                }
                if dfa.is_match(state) {
                    longest = Some((dfa.match_pattern(state, 0).as_usize(), start + i + 1));
                }
            }
            longest
        };
        let mut pieces: Vec<String> = finder.patterns.clone();
        pieces.extend(finder.patterns.iter().map(|p| p.to_ascii_uppercase()));
        pieces.extend(finder.patterns.iter().map(|p| p[..p.len() / 2].to_string()));
        pieces.extend([" ", "-", "s", "e", "th", "é", "\u{212a}", "\0", "x", "and", "A", "a"].map(String::from));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 20_000, 6) {
            let bytes = text.as_bytes();
            for start in 0..=bytes.len() {
                let want = longest_at(bytes, start);
                found += usize::from(want.is_some());
                assert_eq!(finder.trie.longest_at(bytes, start), want, "{text:?} at {start}");
            }
        }
        assert!(found > 10_000, "{found}");
    }

    /// The filter of beginnings lets every pattern through, in any case, wherever it is.
    #[test]
    fn every_pattern_passes_the_filter_of_its_beginning() {
        let finder = WordNumbers::new();
        for p in &finder.patterns {
            for v in [p.clone(), p.to_ascii_uppercase(), format!("{}{}", p[..1].to_ascii_uppercase(), &p[1..])] {
                for text in [v.clone(), format!("{v} x"), format!("{v}-x"), format!("x {v}.")] {
                    let pos = text.find(&v).unwrap();
                    assert!(finder.triples.may_start_at(text.as_bytes(), pos), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn words_are_looked_up_as_lowercase_strings() {
        let finder = WordNumbers::new();
        // The specification: a map of the words in lowercase, and their stems before an "s".
        let by_string = &finder.words;
        assert!(by_string.len() > 100 && by_string.contains_key("twentyfive") && by_string.contains_key("first"));
        let class = |w: &str| {
            if w.len() > MAX_WORD {
                return None;
            }
            let lower = w.to_ascii_lowercase();
            if let Some(c) = by_string.get(&lower) {
                return Some(*c);
            }
            match lower.strip_suffix('s').and_then(|stem| by_string.get(stem)) {
                Some(Class::Ordinal(v)) if *v >= 3.0 => Some(Class::Fraction(*v)),
                _ => None,
            }
        };
        let ordinal_word = |w: &str| {
            let lower = w.to_ascii_lowercase();
            if let Some(Class::Ordinal(v)) = by_string.get(&lower) {
                return Some((*v, false));
            }
            match lower.strip_suffix('s').and_then(|stem| by_string.get(stem)) {
                Some(Class::Ordinal(v)) if *v != 2.0 => Some((*v, true)),
                _ => None,
            }
        };
        let mut words: Vec<String> =
            ["", "s", "S", "a", "x", "\0", "two\0", "one\0s", "twentyfivetwentyfive", "sixteenthssssss", "Ｏne"]
                .map(String::from)
                .to_vec();
        for w in by_string.keys() {
            for v in
                [w.clone(), w.to_ascii_uppercase(), format!("{w}s"), format!("{w}S"), format!("{w}x"), format!("{w}ss")]
            {
                let mut capital = v.clone();
                capital[..1].make_ascii_uppercase();
                words.extend([v.clone(), capital, v[..v.len() - 1].to_string(), format!("x{v}")]);
            }
        }
        for w in &words {
            assert_eq!(finder.class(w), class(w), "{w:?}");
            let (ordinal, other) = finder.ordinal_or_class(w);
            assert_eq!(ordinal, ordinal_word(w), "{w:?}");
            if ordinal.is_none() {
                assert_eq!(other, class(w), "{w:?}");
            }
        }
    }

    fn numbers(text: &str) -> Vec<(&str, f64, bool, bool)> {
        WordNumbers::new()
            .scan(text)
            .iter()
            .map(|n| (&text[n.span.start..n.span.end], n.value.unwrap(), n.ordinal, n.fraction))
            .collect()
    }

    fn values(text: &str) -> Vec<(&str, f64)> {
        numbers(text).into_iter().map(|(t, v, _, _)| (t, v)).collect()
    }

    #[test]
    fn cardinals() {
        assert_eq!(
            values("two plants, twenty-five robots, one hundred and twelve cars, a dozen lines, Twenty One"),
            [
                ("two", 2.0),
                ("twenty-five", 25.0),
                ("one hundred and twelve", 112.0),
                ("a dozen", 12.0),
                ("Twenty One", 21.0)
            ]
        );
        assert_eq!(values("two million and three thousand"), [("two million and three thousand", 2_003_000.0)]);
        assert_eq!(values("two million, and three"), [("two million", 2e6), ("three", 3.0)]);
        assert_eq!(values("a hundred and five"), [("a hundred and five", 105.0)]);
        assert_eq!(values("one thousand two hundred"), [("one thousand two hundred", 1200.0)]);
        assert_eq!(values("fifty   two and fifty - two"), [("fifty   two", 52.0), ("fifty - two", 52.0)]);
        assert_eq!(values("Three hundred  and  thirty one"), [("Three hundred  and  thirty one", 331.0)]);
        assert_eq!(values("three lakh and twelve crore"), [("three lakh", 3e5), ("twelve crore", 12e7)]);
        assert_eq!(values("nought"), [("nought", 0.0)]);
        assert_eq!(
            values("three cr twelve lac fifty-six thousand seven hundred twenty-one"),
            [("three cr twelve lac fifty-six thousand seven hundred twenty-one", 31_256_721.0)]
        );
        assert_eq!(values("three hundred Cr, five lacs"), [("three hundred Cr", 3e9), ("five lacs", 5e5)]);
    }

    #[test]
    fn dozens() {
        assert_eq!(values("two hundred dozens"), [("two hundred dozens", 2400.0)]);
        // A dozen binds to the number right before it, like a scale smaller than the last one.
        assert_eq!(values("three hundred and two dozens"), [("three hundred and two dozens", 324.0)]);
        assert_eq!(values("five dozs, 2 dz, four doz eggs"), [("five dozs", 60.0), ("four doz", 48.0)]);
    }

    #[test]
    fn fractions() {
        assert_eq!(
            values("half a million, two-thirds of sales, three-quarters, a third of them, half an hour"),
            [
                ("half a million", 5e5),
                ("two-thirds", 2.0 / 3.0),
                ("three-quarters", 0.75),
                ("a third", 1.0 / 3.0),
                ("half an", 0.5)
            ]
        );
        assert_eq!(
            values("one fifth, one-eighth, three fifths, a hundredth."),
            [("one fifth", 0.2), ("one-eighth", 0.125), ("three fifths", 0.6), ("a hundredth", 0.01)]
        );
        assert_eq!(
            values("one and a half, five and three quarters, twenty and three fifths"),
            [("one and a half", 1.5), ("five and three quarters", 5.75), ("twenty and three fifths", 20.6)]
        );
        assert_eq!(
            values("one billion and a half million, one billion and three quarters million"),
            [
                ("one billion and a half million", 1_000_500_000.0),
                ("one billion and three quarters million", 1_000_750_000.0)
            ]
        );
        assert_eq!(
            values("half million, a quarter million, two thirds of a million, five and a half million, half a dozen"),
            [
                ("half million", 5e5),
                ("a quarter million", 2.5e5),
                ("two thirds of a million", 2e6 / 3.0),
                ("five and a half million", 5.5e6),
                ("half a dozen", 6.0)
            ]
        );
    }

    #[test]
    fn and_a_fraction_without_the_article() {
        assert_eq!(
            values("one and quarter hour, two and quarter of hours, one and half years"),
            [("one and quarter", 1.25), ("two and quarter", 2.25), ("one and half", 1.5)]
        );
        assert_eq!(values("two and quarter-finals"), [("two", 2.0)]);
    }

    #[test]
    fn a_capital_fraction_after_a_lowercase_word_is_a_name() {
        assert!(values("the likes of Halo 2 and Half Life 2, venues including Half Time Orange").is_empty());
        assert_eq!(
            values("Half of them. Profits Fall By Half, poor fund\n\nHalf of it"),
            [("Half", 0.5), ("Half", 0.5), ("Half", 0.5)]
        );
    }

    #[test]
    fn counted_quarters_and_halves() {
        // A count of quarters (of a year) or halves, not a fraction.
        assert_eq!(
            values("six quarters of growth, two quarters in a row, both halves, two halves"),
            [("six", 6.0), ("two", 2.0), ("two", 2.0)]
        );
        // "three quarters" and a mixed number's fraction stay fractions.
        assert_eq!(
            values("three quarters, one and two quarters, two thirds, three halves"),
            [("three quarters", 0.75), ("one and two quarters", 1.5), ("two thirds", 2.0 / 3.0), ("three halves", 1.5)]
        );
        assert_eq!(
            values("three quarters billion, two thirds million"),
            [("three quarters billion", 7.5e8), ("two thirds million", 2e6 / 3.0)]
        );
    }

    #[test]
    fn fractions_with_ordinal_denominators() {
        let close = |text: &str, want: f64| {
            let got = values(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, text);
            assert!((got[0].1 - want).abs() <= want.abs() * 1e-9, "{text}: {} != {want}", got[0].1);
        };
        // The whole cardinal before a plural ordinal is the numerator.
        close("a hundred trillionths", 1e-10);
        close("a hundred thousand trillionths", 1e-7);
        close("two hundredths", 0.02);
        close("one million two thousand two hundred three fifths", 1_002_203.0 / 5.0);
        close("ninety - five hundred fifths", 1900.0);
        close("one hundred and thirty fifths", 26.0);
        close("one hundred and thirty-two fifths", 26.4);
        // A mixed number after a scale or with hundredths.
        close("two hundred and fifty-four hundredths", 200.54);
        close("six million and two thirds", 6e6 + 2e6 / 3.0);
        close("two million and three fifths", 2.6e6);
        // A ten written before the ordinal belongs to the denominator: "thirty-fifths".
        close("one hundred thirty-fifths", 100.0 / 35.0);
        close("one hundred thirty fifths", 100.0 / 35.0);
        close("three twenty-firsts", 3.0 / 21.0);
        close("three twenty firsts", 3.0 / 21.0);
        close("twenty twenty fifths", 0.8);
        close("twenty fifths", 4.0);
        // One of a compound ordinal.
        close("one twenty-fifth", 0.04);
        close("a twenty-first", 1.0 / 21.0);
        close("one one hundred fifth", 1.0 / 105.0);
        close("one one hundred and fifth", 1.0 / 105.0);
        close("one millionth", 1e-6);
        assert_eq!(values("one millionth of the market"), [("one millionth", 1e-6)]);
        assert_eq!(values("one one-hundredth share"), [("one", 1.0), ("one-hundredth", 0.01)]);
    }

    #[test]
    fn compound_ordinals() {
        fn ordinal(text: &str) -> Vec<(&str, f64)> {
            numbers(text).into_iter().filter(|n| n.2).map(|n| (n.0, n.1)).collect()
        }
        assert_eq!(ordinal("two hundredth"), [("two hundredth", 200.0)]);
        assert_eq!(ordinal("two millionth visitor"), [("two millionth", 2e6)]);
        assert_eq!(ordinal("three trillionth"), [("three trillionth", 3e12)]);
        assert_eq!(ordinal("a hundred trillionth"), [("a hundred trillionth", 1e14)]);
        assert_eq!(ordinal("the one hundredth anniversary"), [("one hundredth", 100.0)]);
        assert_eq!(ordinal("its one hundred and fiftieth year"), [("one hundred and fiftieth", 150.0)]);
        assert_eq!(ordinal("the One Hundred Fifth Congress"), [("One Hundred Fifth", 105.0)]);
        assert_eq!(ordinal("two thousand and first"), [("two thousand and first", 2001.0)]);
        assert_eq!(
            ordinal("twenty-one trillion and three hundred twenty second"),
            [("twenty-one trillion and three hundred twenty second", 21_000_000_000_322.0)]
        );
        assert_eq!(ordinal("a twenty-first century city"), [("twenty-first", 21.0)]);
    }

    #[test]
    fn a_ten_glued_to_a_unit() {
        assert_eq!(
            numbers("twentyfifth, Thirtyfirst, fortyseven, the nineth"),
            [
                ("twentyfifth", 25.0, true, false),
                ("Thirtyfirst", 31.0, true, false),
                ("fortyseven", 47.0, false, false),
                ("nineth", 9.0, true, false)
            ]
        );
    }

    #[test]
    fn ordinals_that_start_something_else() {
        assert_eq!(values("five hundred first-time buyers"), [("five hundred", 500.0), ("first", 1.0)]);
        assert_eq!(values("a thousand first responders"), [("a thousand", 1000.0), ("first", 1.0)]);
        assert_eq!(values("twenty seconds"), [("twenty", 20.0)]);
        assert_eq!(values("three twenty seconds"), [("three", 3.0), ("twenty", 20.0)]);
        assert_eq!(values("two twenty-first-century cities"), [("two", 2.0), ("twenty-first", 21.0)]);
        assert_eq!(values("three firsts"), [("three", 3.0)]);
    }

    #[test]
    fn decimals_read_aloud() {
        assert_eq!(values("two hundred point zero three"), [("two hundred point zero three", 200.03)]);
        assert_eq!(values("nine point five"), [("nine point five", 9.5)]);
        assert_eq!(values("two hundred point seventy-one"), [("two hundred point seventy-one", 200.71)]);
    }

    #[test]
    fn decimals_that_are_not() {
        // "at one point" is a moment; a hyphenated word after "point" makes the points a unit.
        assert_eq!(values("at one point three men were held"), [("one", 1.0), ("three", 3.0)]);
        assert_eq!(values("At one point two"), [("one", 1.0), ("two", 2.0)]);
        assert_eq!(values("sixty point six-monthly coupons"), [("sixty", 60.0), ("six", 6.0)]);
        assert_eq!(values("one point three per cent"), [("one point three", 1.3)]);
        assert_eq!(values("nought point eleven"), [("nought point eleven", 0.11)]);
    }

    #[test]
    fn hundreds_read_aloud() {
        assert_eq!(values("one twenty two"), [("one twenty two", 122.0)]);
        assert_eq!(values("ONE TwentY tWO"), [("ONE TwentY tWO", 122.0)]);
        assert_eq!(values("seven forty-seven jets"), [("seven forty-seven", 747.0)]);
        // Without a unit after the ten, after "at" (a time of day), or inside a compound
        // adjective: two numbers, as before.
        assert_eq!(values("one twenty"), [("one", 1.0), ("twenty", 20.0)]);
        assert_eq!(values("at one twenty five"), [("one", 1.0), ("twenty five", 25.0)]);
        assert_eq!(values("one twenty two-year-old"), [("one", 1.0), ("twenty two", 22.0)]);
        assert_eq!(values("two twenty-year bonds"), [("two", 2.0), ("twenty", 20.0)]);
        assert_eq!(values("nine eleven"), [("nine", 9.0), ("eleven", 11.0)]);
        assert_eq!(values("one twenty-fifth"), [("one twenty-fifth", 0.04)]);
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
            values("someone often attends; thousands of jobs; dozens of plants; several hundred people").is_empty()
        );
        assert!(values("the first quarter").iter().all(|n| n.0 == "first"));
        assert_eq!(values("one two"), [("one", 1.0), ("two", 2.0)]);
    }

    #[test]
    fn a_couple_of() {
        assert_eq!(
            values("a couple of days, a pair of shoes, a couple of hundred people, A Couple of million"),
            [("a couple of", 2.0), ("a pair of", 2.0), ("a couple of hundred", 200.0), ("A Couple of million", 2e6)]
        );
        assert!(values("the couple said; a couple who met; a pair; couples of").is_empty());
        assert_eq!(
            values("a couple hundred people, a couple dozen eggs, in a couple weeks, A couple years ago"),
            [("a couple hundred", 200.0), ("a couple dozen", 24.0), ("a couple", 2.0), ("A couple", 2.0)]
        );
        assert!(values("a couple lives there; a couple says; a couple thousands").is_empty());
        assert_eq!(
            values("play a couple more events, win a couple more. A couple more likely to wed"),
            [("a couple", 2.0), ("a couple", 2.0)]
        );
        // Two people, or a bare noun: no number.
        assert!(values("ceased to be a couple. a couple, a pair.").is_empty());
    }

    #[test]
    fn the_article_before_a_currency_after_a_cue() {
        assert_eq!(
            values("less than a dollar a day, sold for a euro. above a dollar and 42 cents, about a dollar per share"),
            [("a", 1.0), ("a", 1.0), ("a", 1.0), ("a", 1.0)]
        );
        // No cue, or a word that makes the currency a modifier: no number.
        assert!(values("a dollar, the dollar fell, for a dollar bond, over a dollar-denominated loan").is_empty());
        assert_eq!(values("almost a cent and a half weaker"), [("a half", 0.5)]);
    }

    #[test]
    fn the_article_before_a_unit_of_time_after_a_cue() {
        assert_eq!(
            values("for a year, more than an hour, Within a week, nearly a decade, A month and a half"),
            [("a", 1.0), ("an", 1.0), ("a", 1.0), ("a", 1.0), ("A", 1.0), ("a half", 0.5)]
        );
        // No cue, a stop word after the unit, or a hyphenated compound: no number.
        assert!(values("a year ago, $5bn a year, twice a year, than a year earlier, for a year-long probe").is_empty());
        // "a second" is left to the ordinal "second".
        assert_eq!(values("for a second"), [("second", 2.0)]);
    }
}
