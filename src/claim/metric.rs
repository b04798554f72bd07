//! What a number measures, as a short phrase taken from the text.
//!
//! Tried in order, all within the number's sentence:
//! 1. a noun right after a measure (`data/claims/metric_nouns.tsv`): "a 1,200 km range" → range,
//!    "a 10-minute charge" → charging time, "100% electrification" → electrification; a share
//!    after a percentage: "52% of total sales" → share of total sales;
//! 2. the noun phrase before a connective (`data/claims/connectives.txt`): "The initial annual
//!    production capacity will be 100,000 units" → initial annual production capacity, "a
//!    workforce of 1,000 employees" → workforce, "its annual sales in China exceeded 30,000 units"
//!    → annual sales, "Lexus' share of Toyota's total sales in China has now risen to 10%" →
//!    share of Toyota's total sales; "X accounted for 52% of total sales" → X share of total sales;
//! 3. a verb right before the number (`data/claims/metric_verbs.tsv`), with an adverb of place
//!    after it: "sold 851,200 vehicles worldwide" → sold worldwide;
//! 4. for a change, the growth of what the previous claim of the sentence measured: "sold 851,200
//!    vehicles …, a 3.3% year-on-year increase" → sales growth.
//!
//! Known problems: long or nested noun phrases are cut at six words; a metric stated in another
//! sentence is not found.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::data;
use crate::quantity::{Change, Kind, Quantity};
use crate::text::{Span, skip_space, skip_space_back, word_ending_at, word_starting_at};

/// The longest noun phrase kept as a metric, in words.
const MAX_WORDS: usize = 6;

/// Determiners and pronouns stripped from the start of a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "that", "with", "of", "for", "to",
];

/// Adverbs of place kept after a verb metric ("sold worldwide").
const PLACE_ADVERBS: &[&str] =
    &["worldwide", "globally", "overseas", "abroad", "domestically", "locally", "nationwide"];

/// Verbs that introduce the figure rather than name it ("reported operating profit of").
const REPORTING_VERBS: &[&str] = &[
    "reported",
    "report",
    "reports",
    "posted",
    "post",
    "posts",
    "announced",
    "expects",
    "expect",
    "expected",
    "forecast",
    "forecasts",
    "predicted",
    "projected",
    "targets",
    "aims",
    "plans",
    "recorded",
    "record",
    "booked",
    "had",
    "has",
    "have",
    "saw",
    "sees",
    "see",
    "gave",
    "set",
];

/// Words that end a noun phrase going left: clause starters.
const CLAUSE_STARTERS: &[&str] =
    &["that", "and", "but", "while", "whereas", "after", "since", "because", "as", "when", "said"];

/// The metric rule; build once.
#[derive(Debug)]
pub struct MetricRule {
    verbs: HashMap<&'static str, &'static str>,
    nouns: HashMap<&'static str, &'static str>,
    connectives: Vec<Vec<&'static str>>,
    verb_set: HashSet<&'static str>,
}

impl Default for MetricRule {
    fn default() -> MetricRule {
        let verbs: HashMap<_, _> = data::builtin_rows("claims/metric_verbs.tsv", data::CLAIM_METRIC_VERBS)
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let nouns = data::builtin_rows("claims/metric_nouns.tsv", data::CLAIM_METRIC_NOUNS)
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let mut connectives: Vec<Vec<&'static str>> =
            data::words("claims/connectives.txt", data::CLAIM_CONNECTIVES).map(|c| c.split(' ').collect()).collect();
        // A connective with a capital would never equal a lowercased word: it is left out, so
        // that words compared in any letter case match exactly those that lowercase to one.
        connectives.retain(|c| c.iter().all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())));
        connectives.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let verb_set = verbs.keys().copied().collect();
        MetricRule { verbs, nouns, connectives, verb_set }
    }
}

impl MetricRule {
    /// The metric of `q` in the sentence `sentence`; `previous` is the metric of the claim before
    /// it in the same sentence.
    pub fn metric(&self, text: &str, sentence: Span, q: &Quantity, previous: Option<&str>) -> Option<String> {
        let end = sentence.end.max(q.span.end);
        if let Some(m) = self.accounted_for(text, sentence, q) {
            return Some(m);
        }
        if let Some(m) = self.noun_after(text, q, end) {
            return Some(m);
        }
        if let Some(m) = self.phrase_before(text, sentence, q) {
            return Some(m);
        }
        if let Some(m) = self.verb_before(text, sentence, q, end) {
            return Some(m);
        }
        let change = q.change?;
        let noun = previous.and_then(|p| {
            let first = p.split(' ').next()?;
            self.verbs.get(first).copied().or_else(|| p.strip_suffix(" growth").or(p.strip_suffix(" decline")))
        })?;
        Some(format!("{noun} {}", if change == Change::Up { "growth" } else { "decline" }))
    }

    /// A noun right after a measure, or "of NP" after a percentage.
    fn noun_after(&self, text: &str, q: &Quantity, end: usize) -> Option<String> {
        if matches!(q.kind, Kind::Count | Kind::Number | Kind::Money) {
            return None;
        }
        let mut pos = q.span.end;
        // Skip a basis or adjective between ("3.3% year-on-year increase").
        for _ in 0..2 {
            let start = skip_space(text, pos);
            if start == pos || start >= end {
                return None;
            }
            let (word_end, word) = word_starting_at(text, start)?;
            let lower = word.to_ascii_lowercase();
            if lower == "of" && q.kind == Kind::Percent {
                let np = self.noun_phrase_after(text, word_end, end)?;
                return Some(format!("share of {np}"));
            }
            if let Some(&metric) = self.nouns.get(lower.as_str()) {
                let metric = if metric == "*" { lower } else { metric.to_owned() };
                // "a 3.3% increase" is a change, not what is measured.
                if q.change.is_some() && matches!(metric.as_str(), "increase" | "growth" | "cut") {
                    return None;
                }
                return Some(metric);
            }
            if !lower.contains('-') {
                return None;
            }
            pos = word_end;
        }
        None
    }

    /// Up to `MAX_WORDS` lowercase words after `pos`, up to punctuation or a preposition.
    fn noun_phrase_after(&self, text: &str, pos: usize, end: usize) -> Option<String> {
        let mut words = Vec::new();
        let mut p = pos;
        while words.len() < MAX_WORDS {
            let start = skip_space(text, p);
            if start == p || start >= end {
                break;
            }
            let Some((word_end, word)) = word_starting_at(text, start) else { break };
            if matches!(word.to_ascii_lowercase().as_str(), "in" | "on" | "at" | "by" | "for" | "from" | "and" | "to") {
                break;
            }
            words.push(word);
            p = word_end;
        }
        // "the global total of 1,120 GWh": no dangling function word at the end.
        while words.last().is_some_and(|w| DETERMINERS.contains(&w.to_ascii_lowercase().as_str())) {
            words.pop();
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// "Electrified vehicles accounted for 52% of total sales" → electrified vehicles share of
    /// total sales.
    fn accounted_for(&self, text: &str, sentence: Span, q: &Quantity) -> Option<String> {
        if q.kind != Kind::Percent {
            return None;
        }
        let words = words_before(text, sentence.start, q.span.start, 12);
        let n = words.len();
        if n < 2 || !words[n - 2].2.eq_ignore_ascii_case("accounted") || !words[n - 1].2.eq_ignore_ascii_case("for") {
            return None;
        }
        let of = self.noun_after(text, q, sentence.end)?;
        Some(match noun_phrase(text, &words[..n - 2], words[n - 2].0) {
            Some(owner) => format!("{owner} {of}"),
            None => of,
        })
    }

    /// The noun phrase before a connective right before the number (or starting its span, as
    /// the qualifier "exceeded" does in "annual sales exceeded 30,000 units").
    fn phrase_before(&self, text: &str, sentence: Span, q: &Quantity) -> Option<String> {
        let mut words = words_before(text, sentence.start, q.span.start, 16);
        if let Some((end, word)) = word_starting_at(text, q.span.start)
            && q.qualifier != crate::quantity::Qualifier::Exact
        {
            words.push((q.span.start, end, word));
        }
        if words.is_empty() {
            return None;
        }
        // The words are compared in any letter case with the connectives (lowercase, see
        // `Default`) and the auxiliaries, instead of lowercased into new strings.
        for connective in &self.connectives {
            let n = connective.len();
            if words.len() <= n
                || !words[words.len() - n..].iter().zip(connective).all(|((_, _, w), c)| w.eq_ignore_ascii_case(c))
            {
                continue;
            }
            // Skip auxiliaries and adverbs before the connective ("has now risen to").
            let mut k = words.len() - n;
            while k > 0
                && ["has", "have", "had", "now", "already", "also", "just", "only"]
                    .iter()
                    .any(|a| words[k - 1].2.eq_ignore_ascii_case(a))
            {
                k -= 1;
            }
            let np_end = words.get(k).map_or(q.span.start, |w| w.0);
            if let Some(np) = noun_phrase(text, &words[..k], np_end) {
                return Some(np);
            }
        }
        None
    }

    /// A verb right before the number, with a place adverb after the quantity.
    fn verb_before(&self, text: &str, sentence: Span, q: &Quantity, end: usize) -> Option<String> {
        let words = words_before(text, sentence.start, q.span.start, 1);
        let (_, _, verb) = words.last()?;
        let verb = verb.to_ascii_lowercase();
        if !self.verb_set.contains(verb.as_str()) {
            return None;
        }
        let after = skip_space(text, q.span.end);
        let adverb = (after > q.span.end && after < end)
            .then(|| word_starting_at(text, after))
            .flatten()
            .map(|(_, w)| w.to_ascii_lowercase())
            .filter(|w| PLACE_ADVERBS.contains(&w.as_str()));
        Some(match adverb {
            Some(a) => format!("{verb} {a}"),
            None => verb,
        })
    }
}

/// The words between `floor` and `pos`, last `max` of them, as (start, end, word).
fn words_before(text: &str, floor: usize, pos: usize, max: usize) -> Vec<(usize, usize, &str)> {
    // Room for one more (`phrase_before` adds the word of the number).
    let mut out = Vec::with_capacity(max.min(16) + 1);
    let mut p = pos;
    while out.len() < max {
        let q = skip_space_back(text, p);
        if q <= floor {
            break;
        }
        // A possessive ("Geely’s", "Lexus’") belongs to the word before it.
        let mut q = if text[..q].ends_with(['’', '\'']) {
            q - text[..q].chars().next_back().map_or(1, char::len_utf8)
        } else {
            q
        };
        if text[..q].ends_with("’s") || text[..q].ends_with("'s") {
            q -= if text[..q].ends_with("’s") { "’s".len() } else { 2 };
        }
        let Some((mut start, _)) = word_ending_at(text, q) else { break };
        // Hyphenated words stay whole ("short-term").
        while text[..start].ends_with('-') {
            match word_ending_at(text, start - 1) {
                Some((s, _)) => start = s,
                None => break,
            }
        }
        if start < floor {
            break;
        }
        out.push((start, q, &text[start..q]));
        p = start;
    }
    out.reverse();
    out
}

/// The noun phrase made of the tail of `words` (which end at `end`): from the last clause
/// boundary, without leading determiners or a possessive company, without a trailing place or
/// time phrase ("in China"), at most `MAX_WORDS` words.
fn noun_phrase(text: &str, words: &[(usize, usize, &str)], end: usize) -> Option<String> {
    // Start after the last punctuation or clause starter.
    let mut first = 0;
    for (i, w) in words.iter().enumerate() {
        let gap_before = if i == 0 { "" } else { &text[words[i - 1].1..w.0] };
        if gap_before.contains([',', ';', ':', '(', '"', '“']) {
            first = i;
        }
        let lower = w.2.to_ascii_lowercase();
        // "Toyota reported operating profit of …": the phrase starts after the verb.
        if CLAUSE_STARTERS.contains(&lower.as_str()) || REPORTING_VERBS.contains(&lower.as_str()) {
            first = i + 1;
        }
    }
    let mut words = &words[first.min(words.len())..];
    // Leading determiners, prepositions and a possessive company ("Lexus’ share").
    while let Some((start, word_end, w)) = words.first() {
        let possessive = text[*word_end..].starts_with(['’', '\'']) && w.starts_with(|c: char| c.is_uppercase());
        if DETERMINERS.contains(&w.to_ascii_lowercase().as_str()) || possessive && *start < end {
            words = &words[1..];
        } else {
            break;
        }
    }
    // A trailing "in China", "in 2024", "worldwide".
    if let Some(i) =
        words.iter().rposition(|(_, _, w)| matches!(w.to_ascii_lowercase().as_str(), "in" | "across" | "during"))
        && i > 0
    {
        words = &words[..i];
    }
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    let (start, last_end) = (words[0].0, words[words.len() - 1].1);
    let phrase: String = text[start..last_end].split_whitespace().collect::<Vec<_>>().join(" ");
    // Sentence-initial capital: "Electrified vehicles" → "electrified vehicles".
    let mut chars = phrase.chars();
    let first_char = chars.next()?;
    let rest = chars.as_str();
    let phrase = if first_char.is_uppercase() && rest.starts_with(|c: char| c.is_lowercase()) {
        format!("{}{rest}", first_char.to_lowercase())
    } else {
        phrase
    };
    phrase.chars().any(|c| c.is_lowercase()).then_some(phrase)
}
