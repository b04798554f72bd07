//! Loader for Duckling's English corpora (`Duckling/<Dim>/EN/Corpus.hs`, converted to JSON).
//!
//! A file is a JSON array of `{dimension, kind, text, expected}`. Each `text` is a whole input
//! expected to yield exactly one mention covering it, so the expected item spans the whole text.
//! By `kind`:
//! - `positive`: one expected item, from `expected.type`: `simple` (a value with a unit),
//!   `between` (`from`/`to` → a range), `under`/`above` (a value with the qualifier
//!   `less_than`/`more_than`), `duration` (a value with its `grain` as the unit: `30 Minute`),
//!   `NumeralValue` and `OrdinalData` (a bare value);
//! - `negative`: a case that expects nothing;
//! - `latent`: skipped (ambiguous on its own: `five` as an amount of money), counted in
//!   [`Loaded::latent`].
//!
//! The unit `Unnamed` (`42 bucks`, a number without a currency) is kept as the unit name.

use serde::Deserialize;

use super::{Amount, Case, Expected, Loaded};

#[derive(Debug, Deserialize)]
struct RawCase {
    kind: String,
    text: String,
    #[serde(default)]
    expected: Option<RawExpected>,
}

#[derive(Debug, Deserialize)]
struct RawExpected {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    from: Option<f64>,
    #[serde(default)]
    to: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    grain: Option<String>,
}

/// Parses one Duckling corpus file; `file` names it in case ids and messages.
pub fn parse(src: &str, file: &str) -> Result<Loaded, String> {
    let raw: Vec<RawCase> = serde_json::from_str(src).map_err(|e| e.to_string())?;
    let mut loaded = Loaded::default();
    for (index, case) in raw.into_iter().enumerate() {
        let id = format!("{file}[{index}]");
        let expected = match case.kind.as_str() {
            "latent" => {
                loaded.latent += 1;
                continue;
            }
            "negative" => Vec::new(),
            "positive" => {
                let raw = case.expected.as_ref().ok_or_else(|| format!("case {index}: positive without `expected`"))?;
                match item(raw, &case.text) {
                    Some(e) => vec![e],
                    None => {
                        loaded.skipped += 1;
                        Vec::new()
                    }
                }
            }
            other => return Err(format!("case {index}: unknown kind `{other}`")),
        };
        loaded.cases.push(Case { id, input: case.text, expected, dotnet: false });
    }
    Ok(loaded)
}

fn item(raw: &RawExpected, text: &str) -> Option<Expected> {
    let (amount, qualifier) = match raw.kind.as_str() {
        "between" => (Amount::Range { low: Some(raw.from?), high: Some(raw.to?) }, None),
        "under" => (Amount::Value(raw.value?), Some("less_than")),
        "above" => (Amount::Value(raw.value?), Some("more_than")),
        _ => (Amount::Value(raw.value?), None),
    };
    Some(Expected {
        span: Some((0, text.chars().count())),
        text: text.to_string(),
        amount,
        qualifier,
        unit: raw.unit.clone().or_else(|| raw.grain.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: &str = r#"[
      {"dimension": "AmountOfMoney", "kind": "latent", "section": "latentCorpus", "text": "five",
       "expected_expr": "simple Unnamed 5", "expected": {"type": "simple", "unit": "Unnamed", "value": 5.0, "product": null}},
      {"dimension": "AmountOfMoney", "kind": "positive", "section": "allExamples", "text": "£10",
       "expected_expr": "simple Pound 10", "expected": {"type": "simple", "unit": "Pound", "value": 10.0, "product": null}},
      {"dimension": "AmountOfMoney", "kind": "positive", "section": "allExamples", "text": "between 10 and 20 dollars",
       "expected_expr": "between Dollar (10, 20)", "expected": {"type": "between", "unit": "Dollar", "from": 10.0, "to": 20.0, "product": null}},
      {"dimension": "AmountOfMoney", "kind": "positive", "section": "allExamples", "text": "under seven euros",
       "expected_expr": "under EUR 7", "expected": {"type": "under", "unit": "EUR", "value": 7.0, "product": null}},
      {"dimension": "AmountOfMoney", "kind": "negative", "section": "negativeCorpus", "text": "exactly dollars",
       "expected_expr": null, "expected": null},
      {"dimension": "Duration", "kind": "positive", "section": "allExamples", "text": "half an hour",
       "expected_expr": "DurationData 30 Minute", "expected": {"type": "duration", "value": 30.0, "grain": "Minute"}},
      {"dimension": "Numeral", "kind": "positive", "section": "allExamples", "text": "-1.2M",
       "expected_expr": "NumeralValue (-1.2e6)", "expected": {"type": "NumeralValue", "value": -1200000.0}}
    ]"#;

    #[test]
    fn kinds_types_and_whole_text_spans() {
        let loaded = parse(CORPUS, "AmountOfMoney_EN.json").unwrap();
        assert_eq!(loaded.latent, 1);
        assert_eq!(loaded.cases.len(), 6);
        let c = &loaded.cases;
        assert_eq!(c[0].id, "AmountOfMoney_EN.json[1]");
        let pound = &c[0].expected[0];
        assert_eq!(pound.span, Some((0, 3)), "characters, not bytes: £ is two bytes");
        assert_eq!((pound.amount, pound.unit.as_deref()), (Amount::Value(10.0), Some("Pound")));
        assert_eq!(c[1].expected[0].amount, Amount::Range { low: Some(10.0), high: Some(20.0) });
        assert_eq!(c[2].expected[0].qualifier, Some("less_than"));
        assert_eq!(c[2].expected[0].amount, Amount::Value(7.0));
        assert!(c[3].expected.is_empty(), "negative");
        assert_eq!(c[4].expected[0].unit.as_deref(), Some("Minute"));
        assert_eq!(c[5].expected[0].amount, Amount::Value(-1.2e6));
        assert_eq!(c[5].expected[0].unit, None);
    }

    #[test]
    fn malformed_files_are_errors() {
        assert!(parse("[{\"kind\": \"positive\"}]", "X.json").is_err());
        let unknown = r#"[{"kind": "maybe", "text": "x", "expected": null}]"#;
        assert!(parse(unknown, "X.json").unwrap_err().contains("case 0: unknown kind"));
        let missing = r#"[{"kind": "positive", "text": "x", "expected": null}]"#;
        assert!(parse(missing, "X.json").unwrap_err().contains("without `expected`"));
    }
}
