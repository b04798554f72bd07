//! Adversarial text with specific expectations: numbers too large (or too small) for an `f64`,
//! mixed scripts and right-to-left text, emoji, and combining marks at the edges of spans. Every
//! record is also checked against all the invariants of `tests/common/mod.rs`.
//!
//! The rules tested here are documented in the README ("Reliability").

mod common;

use std::sync::LazyLock;

use factex::Extractor;
use serde_json::Value;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The record of `text`, after checking every invariant.
fn record(text: &str) -> Value {
    common::check_text(&EXTRACTOR, text)
}

/// Each quantity as `text value` (`-` without a value, `low..high` for a range).
fn quantities(text: &str) -> Vec<String> {
    record(text)["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let value = match (&q["value"], &q["low"], &q["high"]) {
                (Value::Number(v), _, _) => v.to_string(),
                (_, Value::Number(l), Value::Number(h)) => format!("{l}..{h}"),
                _ => "-".into(),
            };
            format!("{} {value}", q["text"].as_str().unwrap())
        })
        .collect()
}

fn entities(text: &str) -> Vec<String> {
    record(text)["entities"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap().to_owned()).collect()
}

// --- Overflow and huge numbers -----------------------------------------------------------------

#[test]
fn a_run_of_13_or_more_digits_is_an_id_and_never_a_quantity() {
    let five_thousand = "9".repeat(5000);
    assert!(quantities(&format!("It sold {five_thousand} cars.")).is_empty());
    assert!(quantities("999999999999999999999999 billion dollars").is_empty());
    assert!(quantities(&format!("{} km", "1".repeat(13))).is_empty());
    assert_eq!(quantities(&format!("{} km", "1".repeat(12))), [format!("{} km 111111111111", "1".repeat(12))]);
}

#[test]
fn a_number_too_large_for_an_f64_is_reported_by_its_text_alone() {
    let grouped = format!("1{}", ",000".repeat(1700)); // 5,101 digits, written with separators
    assert_eq!(quantities(&format!("{grouped} cars")), [format!("{grouped} cars -")]);
    assert_eq!(quantities("1e400"), ["1e400 -"]);
    assert_eq!(quantities("grew 1e400%"), ["1e400% -"]);
    assert_eq!(quantities("$1e308 trillion"), ["$1e308 trillion -"]);
    assert_eq!(quantities("1.5e308 dozen eggs"), ["1.5e308 dozen eggs -"]);
    assert_eq!(quantities("1e308 billion cars"), ["1e308 billion cars -"]);
    assert_eq!(
        quantities(&format!("$9{} billion", ",999".repeat(110))),
        [format!("$9{} billion -", ",999".repeat(110))]
    );
    // The largest finite values are kept.
    assert_eq!(quantities("1.7e308 tonnes"), ["1.7e308 tonnes 1.7e+308"]);
}

#[test]
fn a_nonzero_number_that_rounds_to_zero_has_no_value() {
    assert_eq!(quantities("1e-400 and 0e-400"), ["1e-400 -", "0e-400 0"]);
}

#[test]
fn a_range_needs_two_ends_with_values() {
    assert_eq!(quantities("between 1e400 and 5 km"), ["1e400 -", "5 km 5"]);
    assert_eq!(quantities("0,000.1e310 to 0"), ["0,000.1e310 -", "0 0"]);
    // Both ends finite, but the SI value of the high end overflows: the range stays, without SI.
    let r = record("1 to 1e308 miles");
    assert_eq!(r["quantities"][0]["low"], 1);
    assert!(r["quantities"][0].get("si").is_none());
}

#[test]
fn a_power_too_large_for_an_f64_has_no_value() {
    // `10^999` is one number, as `1e999` is, reported by its text alone; a small power keeps its
    // value; a four-digit exponent is no power, and the number after a caret is no quantity of
    // its own (`J/m^2` has no "2").
    assert_eq!(quantities("10^999"), ["10^999 -"]);
    assert_eq!(quantities("2.5^-1 and 10^-999"), ["2.5^-1 0.4", "10^-999 -"]);
    assert_eq!(quantities("10^9999"), ["10 10"]);
}

#[test]
fn scale_words_after_scientific_notation_multiply_the_whole_value() {
    assert_eq!(quantities("1.3e6 million"), ["1.3e6 million 1300000000000"]);
}

// --- Mixed scripts, right-to-left text, emoji --------------------------------------------------

#[test]
fn offsets_count_characters_across_scripts() {
    let text = "Toyota 在上海 sold 300 cars; تويوتا باعت 10 ملايين سيارة عام 2024، و 5%. 🚗💨 Lexus 👍🏽 3%";
    let r = record(text);
    let q = &r["quantities"][0];
    assert_eq!(q["text"], "300 cars");
    assert_eq!(q["start"], text.find("300").unwrap());
    assert_eq!(q["char_start"], text[..text.find("300").unwrap()].chars().count());
    let texts: Vec<&str> = r["quantities"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["300 cars", "10", "2024", "5%", "3%"]);
    assert_eq!(entities(text), ["Toyota", "Lexus"]);
}

#[test]
fn right_to_left_marks_and_hebrew_prefixes_stay_outside_spans() {
    assert_eq!(quantities("\u{200f}5%\u{200f} and \u{202e}7%\u{202c}"), ["5% 5", "7% 7"]);
    assert_eq!(quantities("מכירות לקסוס עלו ב-5% ל-851,200 כלי רכב"), ["5% 5", "851,200 851200"]);
}

#[test]
fn digits_of_other_scripts_are_not_read() {
    // Arabic-Indic and full-width digits are not numbers for factex (yet): nothing, not garbage.
    assert!(quantities("بزيادة ٣٪ و ١٢٣").is_empty());
    assert!(quantities("１２ cars").is_empty());
}

// --- Combining marks at span edges -------------------------------------------------------------

#[test]
fn a_combining_mark_on_the_last_character_makes_another_word() {
    assert!(entities("Lexus\u{301} sold cars").is_empty());
    assert!(quantities("5\u{301} % of cars").is_empty());
    // A keycap digit (5 + variation selector + combining enclosing keycap) is an emoji.
    assert!(quantities("5\u{fe0f}\u{20e3} cars").is_empty());
    // A zero-width joiner belongs to the character before it.
    assert_eq!(entities("Toyota\u{200d}Lexus"), ["Lexus"]);
    // Precomposed or not, an accented letter touching a name is a letter.
    assert!(entities("Lexusé sold").is_empty());
}

#[test]
fn marks_and_emoji_modifiers_after_a_space_or_on_other_characters_change_nothing() {
    assert_eq!(entities("Tesla👍🏽 sold"), ["Tesla"]);
    assert_eq!(quantities("5 % \u{301}"), ["5 % 5"]);
    assert_eq!(entities("Lexus ́sold"), ["Lexus"]);
    assert_eq!(quantities("Caf\u{e9} sold 5 cars, cafe\u{301} sold 6 cars"), ["5 cars 5", "6 cars 6"]);
}

#[test]
fn spans_never_split_a_grapheme_cluster() {
    let pieces = ["5", "%", "Lexus", "\u{301}", "\u{20e3}", "\u{fe0f}", "\u{200d}", "🏽", "👍", " ", "km", "$", "€"];
    // Every string of up to three pieces.
    let mut texts = vec![String::new()];
    for _ in 0..3 {
        texts = texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
        for text in &texts {
            let r = record(text);
            for item in r["entities"].as_array().unwrap().iter().chain(r["quantities"].as_array().unwrap()) {
                let (start, end) = (item["start"].as_u64().unwrap() as usize, item["end"].as_u64().unwrap() as usize);
                let span = factex::text::Span::new(start, end);
                assert!(factex::text::on_grapheme_boundaries(text, span), "{text:?}: {item}");
            }
        }
    }
}
