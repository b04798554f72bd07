//! Rule `entity.context`: names that are also common words, people, places or other companies
//! must not produce false facts.
//!
//! An entry flagged `ambiguous` in the gazetteer (Ford, Lincoln, Jaguar, Smart, Genesis, Seat,
//! Mini, Dodge, Mercury, Saturn, Fiat, Polestar, …) is kept only with evidence. The checks, in
//! order, with their word lists in `data/entities/context/`:
//!
//! 1. a trap phrase around the mention (`traps.tsv`: "Book of Genesis", "planet Mercury",
//!    "Phelps Dodge") rejects it;
//! 2. a title or given name right before it (`person_cues.txt`: "Harrison Ford", "President
//!    Lincoln") rejects it — for every company and ambiguous place, not only flagged ones, so
//!    "Nikola Tesla" is not Tesla;
//! 3. an institution word right after it (`non_auto_after.txt`: "Lincoln Memorial", "Ford
//!    Foundation") rejects it;
//! 4. an alias that says what it is ("Ford Motor", "Great Wall Motor") accepts it;
//! 5. an automotive word right before it or in the two words after it (`auto_cues.txt`:
//!    "Smart brand", "Jaguar cars") accepts it;
//! 6. an automotive document accepts it: one that names at least two unambiguous car makers,
//!    brands or groups, or uses at least two words from `auto_keywords.txt`.
//!
//! Otherwise the mention is dropped. Ambiguous places and demonyms (Georgia, Jordan, Virginia)
//! only go through checks 1–3: in news they are mostly the place.
//!
//! Known problems: a sports or entertainment story that also mentions cars keeps "Jaguar" the
//! team; a person whose given name is not listed ("Bryan Ferry") is not recognized.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Entry;
use crate::data;
use crate::text::{Span, lower, skip_space, skip_space_back, word_ending_at, word_starting_at};

/// Entity kinds that are companies (the subjects of claims).
pub const COMPANY_KINDS: &[&str] =
    &["automaker", "brand", "group", "joint_venture", "battery_maker", "charging_network", "supplier"];

/// Words of a matched alias that say it is the carmaker ("Ford Motor", "Great Wall Motor").
const SELF_EXPLAINING: &[&str] =
    &["Motor", "Motors", "Auto", "Automobile", "Automobiles", "Automotive", "Cars", "Trucks"];

/// Checks ambiguous mentions against their context; build once.
#[derive(Debug)]
pub struct Disambiguator {
    person_cues: HashSet<&'static str>,
    non_auto_after: HashSet<&'static str>,
    auto_cues: HashSet<&'static str>,
    auto_keywords: HashSet<&'static str>,
    traps: HashMap<&'static str, Vec<&'static str>>,
}

impl Default for Disambiguator {
    fn default() -> Disambiguator {
        Disambiguator::new()
    }
}

/// What the whole document says, computed once and only when needed.
#[derive(Debug, Default)]
pub struct DocContext {
    automotive: Option<bool>,
}

impl Disambiguator {
    /// The checks with the built-in word lists.
    pub fn new() -> Disambiguator {
        let mut traps: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for row in data::builtin_rows("entities/context/traps.tsv", data::CONTEXT_TRAPS) {
            traps.entry(row.get(0)).or_default().push(row.get(1));
        }
        Disambiguator {
            person_cues: data::words("entities/context/person_cues.txt", data::CONTEXT_PERSON_CUES).collect(),
            non_auto_after: data::words("entities/context/non_auto_after.txt", data::CONTEXT_NON_AUTO_AFTER).collect(),
            auto_cues: data::words("entities/context/auto_cues.txt", data::CONTEXT_AUTO_CUES).collect(),
            auto_keywords: data::words("entities/context/auto_keywords.txt", data::CONTEXT_AUTO_KEYWORDS).collect(),
            traps,
        }
    }

    /// True when the mention of `entry` at `span` should be kept. `company` says whether the
    /// entry's kind is one of [`COMPANY_KINDS`] (the matcher knows it for each entry);
    /// `unambiguous_companies` is the number of company mentions in the document that need no
    /// evidence.
    pub fn keep(
        &self,
        text: &str,
        span: Span,
        entry: &Entry,
        company: bool,
        doc: &mut DocContext,
        unambiguous_companies: usize,
    ) -> bool {
        debug_assert_eq!(company, COMPANY_KINDS.contains(&entry.kind.as_str()));
        if !company && !entry.ambiguous {
            return true;
        }
        if self.in_trap(text, span, &entry.id) || self.person_before(text, span.start) {
            return false;
        }
        if !entry.ambiguous {
            return true;
        }
        if self.non_auto_after(text, span.end) {
            return false;
        }
        if !company {
            return true;
        }
        let written = &text[span.start..span.end];
        if written.split([' ', '-']).any(|w| SELF_EXPLAINING.contains(&w)) {
            return true;
        }
        if self.auto_cue_near(text, span) {
            return true;
        }
        *doc.automotive.get_or_insert_with(|| unambiguous_companies >= 2 || self.automotive_words(text) >= 2)
    }

    fn in_trap(&self, text: &str, span: Span, id: &str) -> bool {
        let Some(phrases) = self.traps.get(id) else { return false };
        phrases.iter().any(|phrase| {
            let from = span.end.saturating_sub(phrase.len());
            let to = (span.start + phrase.len()).min(text.len());
            text.get(from..to).and_then(|w| w.find(phrase)).is_some_and(|i| {
                let start = from + i;
                start <= span.start && start + phrase.len() >= span.end
            })
        })
    }

    fn person_before(&self, text: &str, start: usize) -> bool {
        let p = skip_space_back(text, start);
        if p == start || text[p..start].contains('\n') {
            return false;
        }
        let p = if text[..p].ends_with('.') { p - 1 } else { p };
        word_ending_at(text, p).is_some_and(|(_, w)| self.person_cues.contains(w))
    }

    fn non_auto_after(&self, text: &str, end: usize) -> bool {
        let p = skip_space(text, end);
        p > end && word_starting_at(text, p).is_some_and(|(_, w)| self.non_auto_after.contains(w))
    }

    /// An automotive word right before the mention or in the two words after it.
    fn auto_cue_near(&self, text: &str, span: Span) -> bool {
        let is_cue = |w: &str| self.auto_cues.contains(lower(w, &mut [0; 32]).as_ref());
        let p = skip_space_back(text, span.start);
        if p < span.start && word_ending_at(text, p).is_some_and(|(_, w)| is_cue(w)) {
            return true;
        }
        let mut pos = span.end;
        // Possessives: "Ford's plant".
        for suffix in ["'s", "’s", "'", "’"] {
            if text[pos..].starts_with(suffix) {
                pos += suffix.len();
                break;
            }
        }
        for _ in 0..2 {
            let start = skip_space(text, pos);
            if start == pos {
                return false;
            }
            let Some((end, word)) = word_starting_at(text, start) else { return false };
            if is_cue(word) {
                return true;
            }
            pos = end;
        }
        false
    }

    /// Whole-word occurrences of the automotive keywords, counted up to 2. A word is a run of
    /// ASCII letters, digits and `-` (any other character, non-ASCII ones included, separates
    /// words), so the text is split by bytes and each word lowercased into a buffer on the stack.
    fn automotive_words(&self, text: &str) -> usize {
        let mut found = 0;
        let mut buf = [0u8; 16];
        for word in text.as_bytes().split(|&b| !b.is_ascii_alphanumeric() && b != b'-') {
            let Some(lowered) = buf.get_mut(..word.len()).filter(|_| word.len() >= 2) else { continue };
            lowered.copy_from_slice(word);
            lowered.make_ascii_lowercase();
            // ASCII letters, digits and `-`: UTF-8.
            if std::str::from_utf8(lowered).is_ok_and(|w| self.auto_keywords.contains(w)) {
                found += 1;
                if found >= 2 {
                    break;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word count as it was written first: split by characters, each word lowercased into a
    /// new string.
    fn automotive_words_by_chars(d: &Disambiguator, text: &str) -> usize {
        let mut found = 0;
        for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '-') {
            if word.len() >= 2 && word.len() <= 16 && d.auto_keywords.contains(word.to_ascii_lowercase().as_str()) {
                found += 1;
                if found >= 2 {
                    break;
                }
            }
        }
        found
    }

    #[test]
    fn automotive_words_are_counted_as_by_characters() {
        let d = Disambiguator::new();
        let keywords: Vec<&str> = d.auto_keywords.iter().copied().take(3).collect();
        let mut pieces = vec![" ", "-", "é", "Ü", "x", "X", "’", "\n", "a-b", "0123456789abcdefg"];
        pieces.extend(keywords.iter().copied());
        let upper: Vec<String> = keywords.iter().map(|k| k.to_uppercase()).collect();
        pieces.extend(upper.iter().map(String::as_str));
        for text in crate::testing::random_texts(&pieces, 5000, 12) {
            assert_eq!(d.automotive_words(&text), automotive_words_by_chars(&d, &text), "{text:?}");
        }
    }
}
