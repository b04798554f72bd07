//! Which company a number is about.
//!
//! In the sentence of the number, among the companies named there (a joint venture counts once,
//! not with the partners inside its name):
//! 1. the nearest one before the number that is not inside a prepositional phrase
//!    (`data/claims/prepositions.txt`: "according to Toyota's data", "a share of Toyota's sales",
//!    "a challenge to Audi");
//! 2. else the first such one after the number ("With … a 1,200 km range, Lexus could …");
//! 3. else the nearest one before, then after, even inside a phrase.
//!
//! With no company in the sentence, the subject is carried from the previous sentences of the same
//! paragraph: the last company of the nearest earlier sentence that names one, again preferring one
//! outside a prepositional phrase ("Toyota announced that Lexus will …. The capacity will be
//! 100,000 units." → Lexus).
//!
//! Known problems: pronouns are not resolved beyond the paragraph; a company named only in a
//! previous paragraph is not carried.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use super::Mentions;
use crate::data;
use crate::text::{Span, lower, word_before};

/// The subject rule; build once.
#[derive(Debug)]
pub struct SubjectRule {
    prepositions: HashSet<&'static str>,
}

impl Default for SubjectRule {
    fn default() -> SubjectRule {
        SubjectRule { prepositions: data::words("claims/prepositions.txt", data::CLAIM_PREPOSITIONS).collect() }
    }
}

impl SubjectRule {
    /// The subject of the number at `number` among the mentions `range` of its sentence.
    pub fn in_sentence(&self, text: &str, range: Range<usize>, number: Span, mentions: &Mentions) -> Option<usize> {
        let companies = companies_in(range, mentions);
        if !companies.is_empty() {
            let free = |i: &&usize| !self.in_phrase(text, mentions.span(**i));
            // The companies before and after the number, filtered as they are looked at.
            let before = || companies.iter().filter(|&&i| mentions.span(i).end <= number.start);
            let after = || companies.iter().filter(|&&i| mentions.span(i).start >= number.end);
            let chosen = before()
                .rev()
                .find(free)
                .or_else(|| after().find(free))
                .or_else(|| before().next_back())
                .or_else(|| after().next());
            if let Some(&mention) = chosen {
                return Some(mention);
            }
        }
        None
    }

    /// The company a later sentence would carry from the sentence with mentions `range`: its
    /// last company outside a prepositional phrase, else its last company.
    pub fn topic(&self, text: &str, range: Range<usize>, mentions: &Mentions) -> Option<usize> {
        let companies = companies_in(range, mentions);
        companies.iter().rev().find(|&&i| !self.in_phrase(text, mentions.span(i))).or_else(|| companies.last()).copied()
    }

    /// True when the word before `span` (skipping "the") is a preposition, or the phrase is
    /// "according to".
    fn in_phrase(&self, text: &str, span: Span) -> bool {
        let Some((start, word)) = word_before(text, span.start) else { return false };
        let mut buf = [0; 32];
        let lowered = lower(word, &mut buf);
        if lowered == "the" {
            return word_before(text, start)
                .is_some_and(|(_, w)| self.prepositions.contains(lower(w, &mut [0; 32]).as_ref()));
        }
        self.prepositions.contains(lowered.as_ref())
    }
}

/// The company mentions among `range`, outermost only (a joint venture, not its partners).
fn companies_in(range: Range<usize>, mentions: &Mentions) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in range {
        let m = &mentions.mentions[i];
        if !mentions.is_company(i) {
            continue;
        }
        if out.last().is_some_and(|&last| mentions.span(last).end >= m.span.end) {
            continue;
        }
        out.push(i);
    }
    out
}
