//! Tests of the scoring: kind filters, value and unit comparison, one-to-one matching, tallies
//! and findings. Predictions are written by hand, so these tests do not depend on what factex
//! recognizes today; one test runs the real extractor on forms it has always known.

use super::run::same_amount;
use super::score::{CharSpan, Counts};
use super::units::UnitMap;
use super::*;
use crate::Extractor;

fn spec(name: &str) -> &'static SuiteSpec {
    SUITES.iter().find(|s| s.name == name).unwrap()
}

fn pred(kind: &str, value: f64, unit: Option<&str>, span: CharSpan) -> Prediction {
    Prediction {
        kind: kind.into(),
        value: Some(value),
        low: None,
        high: None,
        unit: unit.map(Into::into),
        si: None,
        qualifier: Some("exact".into()),
        text: format!("{value}"),
        char_start: span.0,
        char_end: span.1,
    }
}

fn range(kind: &str, low: f64, high: f64, unit: Option<&str>, span: CharSpan) -> Prediction {
    Prediction { value: None, low: Some(low), high: Some(high), ..pred(kind, 0.0, unit, span) }
}

fn expected(span: CharSpan, amount: Amount, unit: Option<&str>) -> Expected {
    Expected { span: Some(span), text: "x".into(), amount, qualifier: None, unit: unit.map(Into::into) }
}

fn case(id: &str, expected: Vec<Expected>) -> Case {
    Case { id: id.into(), input: "input".into(), expected, dotnet: false }
}

fn run(name: &str, cases: Vec<Case>, predictions: Vec<Vec<Prediction>>) -> SuiteReport {
    let loaded = Loaded { cases, skipped: 0, latent: 0 };
    let mut predictions = predictions.into_iter();
    evaluate_with(spec(name), &loaded, UnitMap::builtin(), |_| predictions.next().unwrap())
}

#[test]
fn amounts_compare_values_ranges_bounds_and_midpoints() {
    let v = Amount::Value;
    let r = |low, high| Amount::Range { low, high };
    let no = RangeAsValue::No;
    assert!(same_amount(v(3.0), v(3.0000001), None, no));
    assert!(!same_amount(v(3.0), v(3.1), None, no));
    assert!(same_amount(r(Some(10.0), Some(20.0)), r(Some(10.0), Some(20.0)), None, no));
    assert!(!same_amount(r(Some(10.0), Some(20.0)), r(Some(10.0), Some(21.0)), None, no));
    // A bounded value against an open range.
    assert!(same_amount(r(Some(30.0), None), v(30.0), Some("more_than"), no));
    assert!(same_amount(r(Some(30.0), None), v(30.0), Some("at_least"), no));
    assert!(same_amount(r(None, Some(100.0)), v(100.0), Some("less_than"), no));
    assert!(!same_amount(r(None, Some(100.0)), v(100.0), Some("more_than"), no));
    assert!(same_amount(r(Some(20.0), Some(20.0)), v(20.0), Some("exact"), no));
    assert!(!same_amount(r(Some(20.0), Some(20.0)), v(20.0), Some("approx"), no));
    // A range against a single value: as its midpoint (quantulum3) or either end (Recognizers'
    // NumberWithUnit), never otherwise.
    assert!(same_amount(v(12.0), r(Some(8.0), Some(16.0)), None, RangeAsValue::Midpoint));
    assert!(!same_amount(v(12.0), r(Some(8.0), Some(16.0)), None, no));
    assert!(same_amount(v(16.0), r(Some(8.0), Some(16.0)), None, RangeAsValue::Ends));
    assert!(same_amount(v(8.0), r(Some(8.0), Some(16.0)), None, RangeAsValue::Ends));
    assert!(!same_amount(v(12.0), r(Some(8.0), Some(16.0)), None, RangeAsValue::Ends));
}

#[test]
fn currency_counts_money_only_and_reports_findings() {
    let cases = vec![
        case("c[0]", vec![expected((0, 10), Amount::Value(75e6), Some("Dollar"))]),
        case("c[1]", vec![expected((0, 3), Amount::Value(10.0), Some("Euro"))]),
        case("c[2]", vec![expected((4, 12), Amount::Value(50.0), Some("Cent"))]),
        case("c[3]", vec![expected((0, 5), Amount::Value(7.0), Some("Pound"))]),
        case("c[4]", vec![]),
    ];
    let predictions = vec![
        vec![pred("money", 75e6, Some("USD"), (0, 10))],
        // Right value, wrong unit; plus a count that the Currency suite does not count.
        vec![pred("money", 10.0, Some("USD"), (0, 3)), pred("count", 3.0, Some("bill"), (5, 12))],
        // 50 cents found as 0.5 USD: matches by value and by value + unit.
        vec![pred("money", 0.5, Some("USD"), (4, 12))],
        // Missed: only a count overlaps.
        vec![pred("count", 7.0, Some("pound"), (0, 5))],
        // Spurious.
        vec![pred("money", 1.0, Some("EUR"), (0, 2))],
    ];
    let report = run("recognizers-currency", cases, predictions);
    assert_eq!(report.main.cases, 5);
    assert_eq!(report.main.value, Counts { expected: 4, predicted: 4, matched: 3 });
    assert_eq!(report.main.value_unit, Counts { expected: 4, predicted: 4, matched: 2 });
    assert_eq!(report.dotnet, None);
    let statuses: Vec<(&str, Status)> = report.findings.iter().map(|f| (f.case.as_str(), f.status)).collect();
    assert_eq!(statuses, [("c[1]", Status::WrongUnit), ("c[3]", Status::Missed), ("c[4]", Status::Spurious)]);
    assert_eq!(report.findings[0].expected.as_deref(), Some("«x» 10 Euro"));
    assert_eq!(report.findings[0].got, ["money 10 USD «10»"]);
    assert_eq!(report.findings[1].got, ["count 7 pound «7» [not counted here]"]);
}

#[test]
fn spans_must_overlap_and_matching_is_one_to_one() {
    let cases = vec![case(
        "p[0]",
        vec![expected((0, 3), Amount::Value(20.0), Some("Percent")), expected((10, 13), Amount::Value(20.0), None)],
    )];
    // Two predictions over the first item, none over the second.
    let predictions =
        vec![vec![pred("percent", 20.0, Some("percent"), (0, 3)), pred("percent", 20.0, Some("percent"), (1, 4))]];
    let report = run("recognizers-percent", cases, predictions);
    assert_eq!(report.main.value, Counts { expected: 2, predicted: 2, matched: 1 });
    assert_eq!(report.main.value_unit.matched, 1);
}

#[test]
fn dotnet_cases_are_tallied_apart() {
    let mut unsupported = case("n[1]", vec![expected((0, 3), Amount::Value(1.0), None)]);
    unsupported.dotnet = true;
    let cases = vec![case("n[0]", vec![expected((0, 3), Amount::Value(1.0), None)]), unsupported];
    let predictions = vec![vec![pred("number", 1.0, None, (0, 3))], vec![]];
    let report = run("recognizers-number", cases, predictions);
    assert_eq!(
        report.main,
        Tally {
            cases: 1,
            value: Counts { expected: 1, predicted: 1, matched: 1 },
            value_unit: Counts { expected: 1, predicted: 1, matched: 1 }
        }
    );
    let dotnet = report.dotnet.unwrap();
    assert_eq!((dotnet.cases, dotnet.value.expected, dotnet.value.matched), (1, 1, 0));
    assert!(report.findings[0].dotnet);
}

#[test]
fn number_suites_count_numbers_inside_quantities_and_split_ranges() {
    let cases = vec![
        case("n[0]", vec![expected((0, 1), Amount::Value(3.0), None)]),
        case("n[1]", vec![expected((0, 2), Amount::Value(10.0), None), expected((3, 5), Amount::Value(15.0), None)]),
        case("n[2]", vec![]),
    ];
    let predictions = vec![
        vec![pred("distance", 3.0, Some("km"), (0, 4))],
        vec![range("percent", 10.0, 15.0, Some("percent"), (0, 6))],
        vec![pred("ordinal", 1.0, None, (0, 5)), pred("year", 2027.0, None, (9, 13))],
    ];
    let report = run("recognizers-number", cases, predictions);
    // 1 + 2 (the range's ends) + 1 (the year; the ordinal is not a number here).
    assert_eq!(report.main.value, Counts { expected: 3, predicted: 4, matched: 3 });
    assert_eq!(report.main.value_unit, report.main.value, "no units in the Number suite");
}

#[test]
fn recognizers_number_leaves_glued_measures_out() {
    let cases = vec![case("n[0]", vec![]), case("n[1]", vec![expected((0, 1), Amount::Value(3.0), None)])];
    let mut glued = pred("volume", 180.0, Some("ml"), (4, 9));
    glued.text = "180ml".into();
    let mut spaced = pred("distance", 3.0, Some("km"), (0, 4));
    spaced.text = "3 km".into();
    let mut scaled = pred("number", 3000.0, None, (10, 12));
    scaled.text = "3k".into();
    let predictions = vec![vec![glued], vec![spaced, scaled]];
    let report = run("recognizers-number", cases, predictions);
    // The glued measure is not counted; the spaced one and the scaled number are.
    assert_eq!(report.main.value, Counts { expected: 1, predicted: 2, matched: 1 });
}

#[test]
fn recognizers_units_match_a_range_by_its_ends_and_dimension_leaves_temperature_out() {
    let cases = vec![case("d[0]", vec![expected((9, 16), Amount::Value(10.0), Some("Foot"))]), case("d[1]", vec![])];
    let predictions = vec![
        vec![range("distance", 8.0, 10.0, Some("ft"), (0, 16))],
        vec![pred("temperature", 24.0, Some("degree"), (19, 29))],
    ];
    let report = run("recognizers-dimension", cases, predictions);
    assert_eq!(report.main.value_unit, Counts { expected: 1, predicted: 1, matched: 1 });
}

#[test]
fn number_ranges_take_ranges_and_bounds() {
    let cases = vec![case(
        "r[0]",
        vec![
            expected((0, 12), Amount::Range { low: Some(30.0), high: None }, None),
            expected((20, 30), Amount::Range { low: Some(1000.0), high: Some(1500.0) }, None),
        ],
    )];
    let mut over = pred("number", 30.0, None, (0, 12));
    over.qualifier = Some("more_than".into());
    let predictions = vec![vec![
        over,
        range("number", 1000.0, 1500.0, None, (20, 30)),
        pred("number", 7.0, None, (40, 41)), // exact: not a range, not counted
    ]];
    let report = run("recognizers-numberrange", cases, predictions);
    assert_eq!(report.main.value, Counts { expected: 2, predicted: 2, matched: 2 });
}

#[test]
fn durations_compare_seconds_and_duckling_grains() {
    // Recognizers: seconds, no unit.
    let cases = vec![
        case("d[0]", vec![expected((0, 7), Amount::Value(10800.0), None)]),
        case("d[1]", vec![expected((0, 8), Amount::Value(7_776_000.0), None)]),
    ];
    let predictions =
        vec![vec![pred("duration", 3.0, Some("hour"), (0, 7))], vec![pred("duration", 3.0, Some("month"), (0, 8))]];
    let report = run("recognizers-duration", cases, predictions);
    assert_eq!(report.main.value_unit, Counts { expected: 2, predicted: 2, matched: 2 });

    // Duckling: value in its grain; seconds decide value + unit.
    let cases = vec![
        case("k[0]", vec![expected((0, 12), Amount::Value(30.0), Some("Minute"))]),
        case("k[1]", vec![expected((0, 9), Amount::Value(90.0), Some("Minute"))]),
        case("k[2]", vec![expected((0, 10), Amount::Value(2.0), Some("Minute"))]),
        case("k[3]", vec![expected((0, 7), Amount::Value(2.0), Some("Minute"))]),
    ];
    let mut with_si = pred("duration", 2.0, Some("min"), (0, 10));
    with_si.si = Some(Si { value: 120.0, unit: "s".into() });
    let predictions = vec![
        vec![pred("duration", 0.5, Some("hour"), (0, 12))],
        vec![pred("duration", 90.0, Some("minute"), (0, 9))],
        vec![with_si],
        vec![pred("duration", 2.0, Some("hour"), (0, 7))],
    ];
    let report = run("duckling-duration", cases, predictions);
    assert_eq!(report.main.value.matched, 4, "same seconds, or the number as stated");
    assert_eq!(report.main.value_unit.matched, 3, "same seconds (`si` when the unit is not in the table)");
    assert_eq!(report.findings.len(), 1);
    assert_eq!((report.findings[0].case.as_str(), report.findings[0].status), ("k[3]", Status::WrongUnit));
}

#[test]
fn quantulum_counts_ranges_by_midpoint_and_maps_dimensionless() {
    let cases = vec![case(
        "q[0]",
        vec![
            expected((0, 14), Amount::Value(12.0), Some("metre")),
            expected((20, 22), Amount::Value(50.0), Some("dimensionless")),
            Expected { span: None, ..expected((0, 0), Amount::Value(1979.0), Some("dimensionless")) },
        ],
    )];
    let predictions = vec![vec![
        range("distance", 8.0, 16.0, Some("m"), (0, 14)),
        pred("count", 50.0, Some("car"), (20, 27)),
        pred("year", 1979.0, None, (40, 44)),
    ]];
    let report = run("quantulum3", cases, predictions);
    assert_eq!(report.main.value_unit, Counts { expected: 3, predicted: 3, matched: 3 });
}

#[test]
fn duckling_negatives_turn_predictions_into_false_positives() {
    let cases = vec![case("neg[0]", vec![])];
    let predictions =
        vec![vec![pred("duration", 1.0, Some("second"), (2, 8)), pred("count", 2.0, Some("day"), (0, 1))]];
    let report = run("duckling-duration", cases, predictions);
    assert_eq!(report.main.value, Counts { expected: 0, predicted: 1, matched: 0 });
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].status, Status::Spurious);
}

#[test]
fn unmapped_units_and_unknown_kinds_are_collected() {
    let cases = vec![case("d[0]", vec![expected((0, 4), Amount::Value(1.0), Some("Furlong"))])];
    let predictions = vec![vec![pred("flux", 1.0, Some("Wb"), (0, 4))]];
    let report = run("recognizers-dimension", cases, predictions);
    assert_eq!(report.unmapped_units.iter().collect::<Vec<_>>(), ["Furlong"]);
    assert_eq!(report.unknown_kinds.iter().collect::<Vec<_>>(), ["flux"]);
}

#[test]
fn suites_are_selected_by_name_or_family() {
    let names = |v: &[&str]| -> Vec<&str> {
        select(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap().iter().map(|s| s.name).collect()
    };
    assert_eq!(names(&[]).len(), SUITES.len());
    assert_eq!(names(&["duckling-distance"]), ["duckling-distance"]);
    assert_eq!(names(&["quantulum3"]), ["quantulum3", "quantulum3-ambiguity"]);
    assert_eq!(names(&["recognizers"]).len(), 9);
    assert!(matches!(select(&["duck".into()]), Err(EvalError::UnknownSuite { .. })));
    let names: BTreeSet<&str> = SUITES.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), SUITES.len(), "suite names are unique");
}

#[test]
fn the_extractor_output_reads_as_predictions() {
    let extractor = Extractor::new();
    let predictions = Prediction::extract(&extractor, "t", "It rose 3.3%; the road is 1,200 km long.");
    let found: Vec<(&str, Option<f64>, Option<&str>, CharSpan)> =
        predictions.iter().map(|p| (p.kind.as_str(), p.value, p.unit.as_deref(), p.span())).collect();
    assert_eq!(
        found,
        [("percent", Some(3.3), Some("percent"), (8, 12)), ("distance", Some(1200.0), Some("km"), (26, 34))]
    );
}

#[test]
fn predictions_read_the_json_contract_and_tolerate_new_fields() {
    let json = serde_json::json!([
        {"kind": "money", "value": 1130000000, "unit": "USD", "qualifier": "exact", "change": "up",
         "text": "$1.13bn", "start": 0, "end": 7, "char_start": 0, "char_end": 7, "sentence": 0, "rule": "money"},
        {"kind": "percent", "low": 10, "high": 15, "unit": "percent", "text": "10-15%",
         "char_start": 9, "char_end": 15, "si": "not an object"},
        {"kind": "duration", "value": 2, "unit": "hour", "si": {"value": 7200, "unit": "s"},
         "text": "2 hours", "char_start": 20, "char_end": 27}
    ]);
    let p: Vec<Prediction> = serde_json::from_value(json).unwrap();
    assert_eq!(p[0].amount(), Some(Amount::Value(1.13e9)));
    assert_eq!(p[1].amount(), Some(Amount::Range { low: Some(10.0), high: Some(15.0) }));
    assert_eq!((p[1].si.as_ref(), p[1].qualifier.as_deref()), (None, None));
    assert_eq!(p[2].si, Some(Si { value: 7200.0, unit: "s".into() }));
    assert_eq!(p[2].to_string(), "duration 2 hour «2 hours»");
}

#[test]
fn load_names_the_file_in_errors() {
    let root = std::env::temp_dir().join(format!("factex-eval-load-errors-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("duckling")).unwrap();
    let err = load(&root, spec("duckling-distance")).unwrap_err();
    assert!(matches!(err, EvalError::Io { .. }));
    assert!(err.to_string().contains("duckling/Distance_EN.json"), "{err}");
    std::fs::write(root.join("duckling/Distance_EN.json"), "[{").unwrap();
    let err = load(&root, spec("duckling-distance")).unwrap_err();
    assert!(err.to_string().contains("Distance_EN.json: malformed suite file"), "{err}");
    std::fs::write(root.join("duckling/Distance_EN.json"), "\u{feff}[]").unwrap();
    assert_eq!(load(&root, spec("duckling-distance")).unwrap(), Loaded::default());
    std::fs::remove_dir_all(&root).unwrap();
}
