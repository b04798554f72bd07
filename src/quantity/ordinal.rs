//! Rule family `ordinal`: positions in an order.
//!
//! What it matches: `first`, `third`, `twenty-first`, `1st`, `22nd`, and a superlative joined by
//! a hyphen, which belongs to the span (`second-largest`, `third-biggest`). Ordinals that are part
//! of a date (`March 3rd`) or a period (`the third quarter`) are taken by those rules first.
//!
//! Why: rankings ("the world's second-largest automaker") are claims of their own.
//!
//! Known problems: "first" as an adverb ("Lexus first considered") is reported as ordinal 1.
//!
//! Example: "its second-largest market" → ordinal 2, text `second-largest`.

use super::{Cx, Kind, Quantity};
use crate::text::Span;

/// The `ordinal` rule family.
#[derive(Debug)]
pub struct OrdinalRule;

impl OrdinalRule {
    /// An ordinal quantity for an ordinal number.
    pub fn apply(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        if !n.ordinal {
            return None;
        }
        let text = cx.text;
        let mut end = n.span.end;
        if text[end..].starts_with('-') {
            let word_end = end + 1 + text[end + 1..].bytes().take_while(u8::is_ascii_alphabetic).count();
            let word = &text[end + 1..word_end];
            if word.len() > 3 && word.ends_with("est") && crate::text::boundary_after(text, word_end) {
                end = word_end;
            }
        }
        Some(Quantity::new(Kind::Ordinal, n.value, Span::new(n.span.start, end), "ordinal"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn ordinals() {
        assert_eq!(
            render("the second-largest market, the first time, the 21st century and a third-biggest"),
            [
                "ordinal 2 - exact «second-largest» ordinal",
                "ordinal 1 - exact «first» ordinal",
                "ordinal 21 - exact «21st» ordinal",
                "ordinal 3 - exact «third-biggest» ordinal",
            ]
        );
    }
}
