//! Loader for quantulum3's English tests (`_lang/en_US/tests/quantities*.json`).
//!
//! A file is a JSON array of `{"req": sentence, "res": [{"value", "unit", "surface", …}]}`
//! without offsets. Each item's span is found by looking its `surface` up in the sentence: the
//! first occurrence that does not overlap an earlier item of the same sentence (`4 km` can occur
//! twice). A surface that does not occur gets no span and may match anywhere in its sentence.
//! quantulum3 resolves a range to its midpoint (`8- to 16-meter` is 12 metre); the comparison
//! handles that, the loader keeps the value as given. The unit is quantulum3's name
//! (`kilometre`, `pound sterling`, `dimensionless`).

use serde::Deserialize;

use super::score::{CharSpan, overlap};
use super::{Amount, Case, Expected, Loaded};

#[derive(Debug, Deserialize)]
struct RawCase {
    req: String,
    #[serde(default)]
    res: Vec<RawQuantity>,
}

#[derive(Debug, Deserialize)]
struct RawQuantity {
    value: f64,
    unit: String,
    surface: String,
}

/// Parses one quantulum3 test file; `file` names it in case ids and messages.
pub fn parse(src: &str, file: &str) -> Result<Loaded, String> {
    let raw: Vec<RawCase> = serde_json::from_str(src).map_err(|e| e.to_string())?;
    let mut loaded = Loaded::default();
    for (index, case) in raw.into_iter().enumerate() {
        let mut taken: Vec<CharSpan> = Vec::new();
        let mut expected = Vec::new();
        for q in &case.res {
            let span = locate(&case.req, &q.surface, &taken);
            taken.extend(span);
            expected.push(Expected {
                span,
                text: q.surface.clone(),
                amount: Amount::Value(q.value),
                qualifier: None,
                unit: Some(q.unit.clone()),
            });
        }
        loaded.cases.push(Case { id: format!("{file}[{index}]"), input: case.req, expected, dotnet: false });
    }
    Ok(loaded)
}

/// The character span of the first occurrence of `surface` in `text` that overlaps none of
/// `taken`.
fn locate(text: &str, surface: &str, taken: &[CharSpan]) -> Option<CharSpan> {
    if surface.is_empty() {
        return None;
    }
    let surface_chars = surface.chars().count();
    text.match_indices(surface).map(|(byte, _)| text[..byte].chars().count()).find_map(|start| {
        let span = (start, start + surface_chars);
        taken.iter().all(|&t| overlap(t, span) == 0).then_some(span)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_are_located_in_characters_and_repeats_move_on() {
        let loaded = parse(
            r#"[
          {"req": "I want two meters of cotton for £2,000", "res": [
            {"value": 2, "unit": "metre", "surface": "two meters"},
            {"value": 2000, "unit": "pound sterling", "surface": "£2,000"}]},
          {"req": "I have seen 45 and 45 cases.", "res": [
            {"value": 45, "unit": "dimensionless", "surface": "45"},
            {"value": 45, "unit": "dimensionless", "surface": "45"}]},
          {"req": "We produced nothing in 2013-14.", "res": []},
          {"req": "Odd", "comment": "surface not in the text", "res": [
            {"value": 1, "unit": "dimensionless", "surface": "one", "entity": "unknown"}]}
        ]"#,
            "quantities.json",
        )
        .unwrap();
        let c = &loaded.cases;
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].expected[0].span, Some((7, 17)));
        assert_eq!(c[0].expected[1].span, Some((32, 38)), "£ counts as one character");
        assert_eq!(c[0].expected[1].unit.as_deref(), Some("pound sterling"));
        assert_eq!(c[1].expected[0].span, Some((12, 14)));
        assert_eq!(c[1].expected[1].span, Some((19, 21)));
        assert!(c[2].expected.is_empty());
        assert_eq!(c[3].expected[0].span, None);
        assert_eq!(c[3].id, "quantities.json[3]");
    }

    #[test]
    fn malformed_files_are_errors() {
        assert!(parse(r#"[{"req": "x", "res": [{"value": "two"}]}]"#, "X.json").is_err());
        assert!(parse("not json", "X.json").is_err());
    }
}
