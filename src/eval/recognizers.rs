//! Loader for Microsoft Recognizers-Text specs (`Specs/*/English/*.json`).
//!
//! A file is a JSON array of `{"Input", "Results": [...], "NotSupported"?}`. Model specs give
//! each result as `{"Text", "TypeName", "Resolution": {"value", "unit"?}, "Start", "End"}` with
//! character offsets and an **inclusive** `End`; `Text` is lower-cased, so the harness shows the
//! input's own characters instead. `DateTime/DurationParser.json` gives `{"Text", "Type",
//! "Value": {"FutureResolution": {"duration": seconds}}, "Start", "Length"}`.
//!
//! How a result becomes an [`Expected`] item, by `TypeName`:
//! - `number`, `ordinal`: the value (`"192"`, `"1E-12"`), no unit;
//! - `percentage`: `"20%"` → 20, unit `Percent`;
//! - `numberrange`: `"[20,30)"`, `"(,100]"` → a range with open ends where a bound is missing;
//! - `ordinal.relative` (`last`, `next`): skipped;
//! - `dimension`, `currency`, `age`, `temperature`: the value with `Resolution.unit`; a null
//!   value (`fahrenheit` named without a number) is skipped;
//! - durations: seconds, no unit.
//!
//! A case whose `NotSupported` (or `NotSupportedByDesign`) mentions `dotnet` is marked
//! [`Case::dotnet`].

use serde::Deserialize;
use serde_json::Value;

use super::{Amount, Case, Expected, Loaded};

#[derive(Debug, Deserialize)]
struct RawCase {
    #[serde(rename = "Input")]
    input: String,
    #[serde(rename = "Results", default)]
    results: Vec<RawResult>,
    #[serde(rename = "NotSupported", default)]
    not_supported: Option<String>,
    #[serde(rename = "NotSupportedByDesign", default)]
    not_supported_by_design: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RawResult {
    #[serde(rename = "TypeName", alias = "Type", default)]
    type_name: String,
    #[serde(rename = "Start")]
    start: usize,
    #[serde(rename = "End", default)]
    end: Option<usize>,
    #[serde(rename = "Length", default)]
    length: Option<usize>,
    #[serde(rename = "Resolution", default)]
    resolution: Option<Value>,
    #[serde(rename = "Value", default)]
    value: Option<Value>,
}

/// Parses one Recognizers-Text spec file; `file` names it in case ids and messages.
pub fn parse(src: &str, file: &str) -> Result<Loaded, String> {
    let raw: Vec<RawCase> = serde_json::from_str(src).map_err(|e| e.to_string())?;
    let mut loaded = Loaded::default();
    for (index, case) in raw.into_iter().enumerate() {
        let chars: Vec<char> = case.input.chars().collect();
        let mut expected = Vec::new();
        for (r, result) in case.results.iter().enumerate() {
            let end = match (result.end, result.length) {
                (Some(end), _) => end + 1,
                (None, Some(length)) => result.start + length,
                (None, None) => return Err(format!("case {index}, result {r}: neither End nor Length")),
            };
            if result.start >= end || end > chars.len() {
                return Err(format!(
                    "case {index}, result {r}: span {}..{end} outside the {}-character input",
                    result.start,
                    chars.len()
                ));
            }
            match amount_and_unit(result) {
                Some((amount, unit)) => expected.push(Expected {
                    span: Some((result.start, end)),
                    text: chars[result.start..end].iter().collect(),
                    amount,
                    qualifier: None,
                    unit,
                }),
                None => loaded.skipped += 1,
            }
        }
        let mentions_dotnet = |s: &Option<String>| s.as_deref().is_some_and(|s| s.to_lowercase().contains("dotnet"));
        let dotnet = mentions_dotnet(&case.not_supported) || mentions_dotnet(&case.not_supported_by_design);
        loaded.cases.push(Case { id: format!("{file}[{index}]"), input: case.input, expected, dotnet });
    }
    Ok(loaded)
}

/// The amount and unit of a result, or `None` when it cannot be scored.
fn amount_and_unit(result: &RawResult) -> Option<(Amount, Option<String>)> {
    if let Some(value) = &result.value {
        let seconds = value.pointer("/FutureResolution/duration").or_else(|| value.pointer("/PastResolution/duration"));
        return number(seconds?).map(|s| (Amount::Value(s), None));
    }
    let resolution = result.resolution.as_ref()?;
    let value = resolution.get("value")?;
    let unit = resolution.get("unit").and_then(Value::as_str).map(str::to_string);
    match result.type_name.as_str() {
        "ordinal.relative" => None,
        "numberrange" => interval(value.as_str()?).map(|a| (a, None)),
        "percentage" => {
            let v = value.as_str()?.trim().strip_suffix('%')?;
            v.trim().parse().ok().map(|v| (Amount::Value(v), Some("Percent".to_string())))
        }
        _ => number(value).map(|v| (Amount::Value(v), unit)),
    }
}

/// A JSON number, or a string holding one; `null` and `"null"` are `None`.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok().filter(|v: &f64| v.is_finite()),
        _ => None,
    }
}

/// `[20,30)`, `(,100]`, `(30,)` → a range; the brackets' open or closed sense is dropped.
fn interval(s: &str) -> Option<Amount> {
    let s = s.trim();
    let inner = s.strip_prefix(['[', '('])?.strip_suffix([']', ')'])?;
    let (low, high) = inner.split_once(',')?;
    let end = |e: &str| -> Option<Option<f64>> {
        let e = e.trim();
        if e.is_empty() { Some(None) } else { e.parse().ok().map(Some) }
    };
    let (low, high) = (end(low)?, end(high)?);
    if low.is_none() && high.is_none() {
        return None;
    }
    Some(Amount::Range { low, high })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"[
      {"Input": "192.", "Results": [{"Text": "192", "TypeName": "number",
        "Resolution": {"subtype": "integer", "value": "192"}, "Start": 0, "End": 2}]},
      {"Input": "Temps fell to Minus Five", "NotSupported": "dotnet, javascript",
       "Results": [{"Text": "minus five", "TypeName": "number",
        "Resolution": {"value": "-5"}, "Start": 14, "End": 23}]},
      {"Input": "1995-01", "NotSupported": "javascript, python", "Results": []},
      {"Input": "delete last sentence", "Results": [{"Text": "last", "Start": 7, "End": 10,
        "TypeName": "ordinal.relative", "Resolution": {"offset": "0", "relativeTo": "end", "value": "end+0"}}]}
    ]"#;

    #[test]
    fn model_specs_have_inclusive_ends_and_dotnet_marks() {
        let loaded = parse(MODEL, "NumberModel.json").unwrap();
        assert_eq!(loaded.cases.len(), 4);
        assert_eq!(loaded.skipped, 1, "relative ordinals are skipped");
        let first = &loaded.cases[0];
        assert_eq!(first.id, "NumberModel.json[0]");
        assert_eq!(first.expected[0].span, Some((0, 3)));
        assert_eq!(first.expected[0].amount, Amount::Value(192.0));
        assert_eq!(first.expected[0].unit, None);
        let second = &loaded.cases[1];
        assert!(second.dotnet);
        assert_eq!(second.expected[0].text, "Minus Five", "the input's characters, not the lower-cased Text");
        assert_eq!(second.expected[0].amount, Amount::Value(-5.0));
        assert!(!loaded.cases[2].dotnet);
        assert!(loaded.cases[2].expected.is_empty());
    }

    #[test]
    fn units_percentages_ranges_and_null_values() {
        let loaded = parse(
            r#"[
          {"Input": "You weight 200lbs.", "Results": [{"Text": "200lbs", "Start": 11, "End": 16,
            "TypeName": "dimension", "Resolution": {"unit": "Pound", "subtype": "Weight", "value": "200"}}]},
          {"Input": "convert 10 celsius to fahrenheit", "Results": [
            {"Text": "10 celsius", "TypeName": "temperature", "Resolution": {"value": "10", "unit": "C"}, "Start": 8, "End": 17},
            {"Text": "fahrenheit", "TypeName": "temperature", "Resolution": {"value": null, "unit": "F"}, "Start": 22, "End": 31}]},
          {"Input": "minus five percent", "Results": [{"Text": "minus five percent", "TypeName": "percentage",
            "Resolution": {"value": "-5%"}, "Start": 0, "End": 17}]},
          {"Input": "x>10 and y<=20", "Results": [
            {"Text": ">10", "TypeName": "numberrange", "Resolution": {"value": "(10,)"}, "Start": 1, "End": 3},
            {"Text": "<=20", "TypeName": "numberrange", "Resolution": {"value": "(,20]"}, "Start": 10, "End": 13}]},
          {"Input": "between 20 and 30", "Results": [{"Text": "between 20 and 30", "TypeName": "numberrange",
            "Resolution": {"value": "[20,30)"}, "Start": 0, "End": 16}]}
        ]"#,
            "Mixed.json",
        )
        .unwrap();
        let c = &loaded.cases;
        assert_eq!(c[0].expected[0].unit.as_deref(), Some("Pound"));
        assert_eq!(c[0].expected[0].span, Some((11, 17)));
        assert_eq!(c[1].expected.len(), 1, "a unit without a value is skipped");
        assert_eq!(loaded.skipped, 1);
        assert_eq!(c[2].expected[0].amount, Amount::Value(-5.0));
        assert_eq!(c[2].expected[0].unit.as_deref(), Some("Percent"));
        assert_eq!(c[3].expected[0].amount, Amount::Range { low: Some(10.0), high: None });
        assert_eq!(c[3].expected[1].amount, Amount::Range { low: None, high: Some(20.0) });
        assert_eq!(c[4].expected[0].amount, Amount::Range { low: Some(20.0), high: Some(30.0) });
    }

    #[test]
    fn duration_parser_gives_seconds_with_length() {
        let loaded = parse(
            r#"[{"Input": "I'll leave for 3h", "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
              "Results": [{"Text": "3h", "Type": "duration", "Value": {"Timex": "PT3H",
                "FutureResolution": {"duration": "10800"}, "PastResolution": {"duration": "10800"}},
                "Start": 15, "Length": 2}]}]"#,
            "DurationParser.json",
        )
        .unwrap();
        let e = &loaded.cases[0].expected[0];
        assert_eq!((e.span, e.amount, e.unit.as_deref()), (Some((15, 17)), Amount::Value(10800.0), None));
    }

    #[test]
    fn malformed_files_are_errors() {
        assert!(parse("{}", "X.json").is_err());
        assert!(parse(r#"[{"Results": []}]"#, "X.json").unwrap_err().contains("Input"));
        let out_of_range = r#"[{"Input": "ab", "Results": [{"Text": "abc", "TypeName": "number",
            "Resolution": {"value": "1"}, "Start": 0, "End": 2}]}]"#;
        assert!(parse(out_of_range, "X.json").unwrap_err().contains("case 0, result 0"));
    }

    #[test]
    fn intervals() {
        assert_eq!(interval("(20,35]"), Some(Amount::Range { low: Some(20.0), high: Some(35.0) }));
        assert_eq!(interval("[-10,15)"), Some(Amount::Range { low: Some(-10.0), high: Some(15.0) }));
        assert_eq!(interval("(,)"), None);
        assert_eq!(interval("20"), None);
    }
}
