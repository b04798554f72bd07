//! Rule family `name`: numbers that are part of a name, not quantities. Matching ones are dropped.
//!
//! What it matches: a plain integer (possibly with letters glued to it, `450h`) right after
//! - a word from `data/name_prefixes.txt`, in any case (`Model 3`, `Level 3`, `level 2`,
//!   `Section 301`, `iPhone 15`);
//! - a capitalized or mixed-case word in the middle of a sentence that is not a function word or
//!   month (`Boeing 747`, `Toyota 86`), for numbers that are not year-shaped.
//!
//! Why: product, model and rule names carry digits that are not facts: "Level 3 autonomous
//! driving" has no count of three.
//!
//! Known problems: a capitalized word before a count ("Group 300 workers") hides the count;
//! grouped and decimal numbers are never names, so "Model 3,000" would stay a number.
//!
//! Example: "the Lexus RX has been testing Level 3 autonomous driving" → nothing.

use super::{Cx, Vocabulary, WordMap};
use crate::data;
use crate::text::{skip_space_back, word_ending_at};

/// The `name` rule family.
#[derive(Debug)]
pub struct NameRule {
    prefixes: WordMap<()>,
}

impl NameRule {
    /// The rule with the built-in prefix list.
    pub fn new() -> NameRule {
        NameRule { prefixes: WordMap::set(data::words("name_prefixes.txt", data::NAME_PREFIXES)) }
    }

    /// True when the current number belongs to the name before it.
    pub fn is_name(&self, cx: &Cx, vocabulary: &Vocabulary) -> bool {
        let n = cx.number();
        if !n.is_plain_integer() || n.int_digits > 4 {
            return false;
        }
        let text = cx.text;
        if text[n.span.end..].starts_with('%') {
            return false;
        }
        // "Smart #1": a number sign between the name and the number.
        let start = if text[..n.span.start].ends_with('#') { n.span.start - 1 } else { n.span.start };
        let p = skip_space_back(text, start);
        if p == start || text[p..start].contains('\n') {
            return false;
        }
        let Some((start, word)) = word_ending_at(text, p) else {
            return false;
        };
        if self.prefixes.contains_lower(word) {
            return true;
        }
        let capitalized = word.bytes().any(|b| b.is_ascii_uppercase());
        let year_shaped = n.is_year_shaped() && n.value.is_some_and(|v| (1000.0..3000.0).contains(&v));
        // The start of the sentence is looked for last: most words before a number are in lower
        // case.
        capitalized && !year_shaped && !vocabulary.is_stopword(word) && !cx.sentence_initial(start)
    }
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn model_and_level_names_are_not_quantities() {
        assert!(render("the Model 3 and Model Y sedans").is_empty());
        assert!(render("testing Level 3 autonomous driving and level 2 systems").is_empty());
        assert!(render("the Lexus RX 450h hybrid").is_empty());
        assert!(render("Section 301 tariffs on the Boeing 747 fleet").is_empty());
        assert!(render("the new Smart #1 and #3 SUVs").iter().all(|q| !q.contains("#1")));
    }

    #[test]
    fn capitalized_sentence_starts_and_function_words_are_not_names() {
        assert_eq!(render("In 2024 it grew."), ["year 2024 - exact «2024» year.cue"]);
        assert_eq!(render("About 300 workers left."), ["count 300 worker approx «About 300 workers» count.noun"]);
        assert_eq!(render("Tesla 2025 plans"), ["year 2025 - exact «2025» year.bare"]);
    }

    #[test]
    fn percent_after_a_name_is_kept() {
        assert_eq!(render("Lexus 10% share"), ["percent 10 percent exact «10%» unit.percent"]);
    }
}
