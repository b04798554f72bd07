//! Rule family `year`: four-digit calendar years in prose.
//!
//! What it matches:
//! - `year.cue`: a year-shaped number (1000–2999) after a cue word from `data/year_cues.txt`
//!   (`in 2027`, `by 2035`, `since 2019`, `mid-2025`), even when a noun follows
//!   ("in 2024 sales rose");
//! - `year.bare`: a year-shaped number between 1800 and 2100 that no other rule took
//!   (`"2027"`, `restate 2000 and 2003 results`).
//!
//! Why: years are the most common number in news and the time every claim needs. Counts come
//! first when a counted noun follows without a cue ("2024 vehicles" is a count), ids and URLs are
//! masked before this rule runs, and names ("Model 2024") are dropped by the `name` rule.
//!
//! Known problems: a bare level such as "stood at 2000" is read as a year.
//!
//! Example: "mass production of solid-state batteries by 2027" → year 2027, rule `year.cue`.

use super::{Cx, Kind, Quantity, WordMap};
use crate::data;
use crate::text::{skip_space_back, word_ending_at};

/// The `year` rule family.
#[derive(Debug)]
pub struct YearRule {
    cues: WordMap<()>,
}

impl YearRule {
    /// The rule with the built-in cue words.
    pub fn new() -> YearRule {
        YearRule { cues: WordMap::set(data::words("year_cues.txt", data::YEAR_CUES)) }
    }

    /// `in 2027`: a year after a cue word.
    pub fn apply_with_cue(&self, cx: &Cx) -> Option<Quantity> {
        let n = cx.number();
        let value = year_shaped(cx, 1000.0, 2999.0)?;
        let text = cx.text;
        let mut p = skip_space_back(text, n.span.start);
        if p == n.span.start {
            // "mid-2025": a cue joined by a hyphen.
            if !text[..p].ends_with('-') {
                return None;
            }
            p -= 1;
        }
        let (_, word) = word_ending_at(text, p)?;
        self.cues.contains_lower(word).then(|| Quantity::new(Kind::Year, Some(value), n.span, "year.cue"))
    }

    /// A year-shaped number between 1800 and 2100 that nothing else explained.
    pub fn apply_bare(&self, cx: &Cx) -> Option<Quantity> {
        let value = year_shaped(cx, 1800.0, 2100.0)?;
        Some(Quantity::new(Kind::Year, Some(value), cx.number().span, "year.bare"))
    }
}

fn year_shaped(cx: &Cx, min: f64, max: f64) -> Option<f64> {
    let n = cx.number();
    let value = n.value?;
    (n.is_year_shaped() && !n.glued && (min..=max).contains(&value)).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::super::render;

    #[test]
    fn years_with_cues() {
        assert_eq!(
            render("Production begins in 2027 and reaches full speed by 2035, since 2019 and by mid-2025."),
            [
                "year 2027 - exact «2027» year.cue",
                "year 2035 - exact «2035» year.cue",
                "year 2019 - exact «2019» year.cue",
                "year 2025 - exact «2025» year.cue",
            ]
        );
    }

    #[test]
    fn cue_years_win_over_counts_but_counts_win_over_bare_years() {
        assert_eq!(render("in 2024 vehicles sold"), ["year 2024 - exact «2024» year.cue"]);
        assert_eq!(render("it built 2024 vehicles"), ["count 2024 vehicle exact «2024 vehicles» count.noun"]);
        assert_eq!(
            render("restate 2000 and 2003 results"),
            ["year 2000 - exact «2000» year.bare", "year 2003 - exact «2003» year.bare"]
        );
    }

    #[test]
    fn quoted_years_and_not_years() {
        assert_eq!(render(r#"the "2027" plan"#), ["year 2027 - exact «2027» year.bare"]);
        assert!(render("code 1234, room 3000 and 2150").iter().all(|q| q.starts_with("number")));
        assert!(render("see https://example.com/news/2024/05/story.html").is_empty());
    }

    #[test]
    fn approximate_years_but_no_bounds() {
        assert_eq!(render("around 2030"), ["year 2030 - approx «around 2030» year.cue"]);
        assert_eq!(render("sales over 2024 rose"), ["year 2024 - exact «2024» year.bare"]);
    }
}
