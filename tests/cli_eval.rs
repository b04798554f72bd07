//! Tests of `factex eval` on a tiny fake `eval/` folder written here: the numbers in JSON, the
//! table, `--misses`, and the errors for missing files and unknown suites. The fixtures use
//! forms factex has always recognized (`3.3%`, `1,200 km`, `8 miles`), and the one miss is a
//! unit the fixture gets wrong on purpose, so the expected numbers do not move as the grammar
//! grows.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn factex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factex")).args(args).output().expect("factex runs")
}

fn write(root: &Path, file: &str, contents: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// An eval folder with three suites' files (one with a UTF-8 BOM, as Recognizers-Text writes).
fn fake_eval(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    write(
        &root,
        "recognizers-text/Number/PercentModel.json",
        "\u{feff}[
  {\"Input\": \"It rose 3.3% in May.\", \"Results\": [{\"Text\": \"3.3%\", \"TypeName\": \"percentage\",
    \"Resolution\": {\"value\": \"3.3%\"}, \"Start\": 8, \"End\": 11}]},
  {\"Input\": \"Nothing here.\", \"Results\": []},
  {\"Input\": \"The % of it\", \"NotSupported\": \"dotnet, java\", \"Results\": [{\"Text\": \"%\",
    \"TypeName\": \"percentage\", \"Resolution\": {\"value\": \"null\"}, \"Start\": 4, \"End\": 4}]}
]",
    );
    write(
        &root,
        "duckling/Distance_EN.json",
        r#"[
  {"dimension": "Distance", "kind": "positive", "section": "allExamples", "text": "8 miles",
   "expected_expr": "simple Mile 8", "expected": {"type": "simple", "unit": "Mile", "value": 8.0, "product": null}},
  {"dimension": "Distance", "kind": "positive", "section": "allExamples", "text": "1,200 km",
   "expected_expr": "simple Mile 1200", "expected": {"type": "simple", "unit": "Mile", "value": 1200.0, "product": null}}
]"#,
    );
    write(
        &root,
        "quantulum3/quantities.json",
        r#"[{"req": "The road is 1,200 km long.", "res": [{"value": 1200, "unit": "kilometre", "surface": "1,200 km"}]}]"#,
    );
    write(&root, "quantulum3/quantities.ambiguity.json", "[]");
    root
}

const SELECTED: [&str; 6] = ["--suite", "recognizers-percent", "--suite", "duckling-distance", "--suite", "quantulum3"];

#[test]
fn json_reports_precision_recall_and_f1_per_suite() {
    let root = fake_eval("eval-json");
    let mut args = vec!["eval", root.to_str().unwrap(), "--format", "json"];
    args.extend(SELECTED);
    let out = factex(&args);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let suites = report["suites"].as_array().unwrap();
    let names: Vec<&str> = suites.iter().map(|s| s["suite"].as_str().unwrap()).collect();
    assert_eq!(names, ["recognizers-percent", "duckling-distance", "quantulum3", "quantulum3-ambiguity"]);

    let percent = &suites[0];
    assert_eq!((percent["cases"].as_u64(), percent["expected"].as_u64()), (Some(2), Some(1)));
    assert_eq!(percent["value"]["f1"], 1.0);
    assert_eq!(percent["value_unit"]["f1"], 1.0);
    let dotnet = &percent["not_supported_dotnet"];
    assert_eq!((dotnet["cases"].as_u64(), dotnet["expected"].as_u64()), (Some(1), Some(0)));
    assert_eq!(percent["skipped"], 1, "the `%` with a null value");

    let distance = &suites[1];
    assert_eq!(distance["value"]["matched"], 2);
    assert_eq!(distance["value_unit"]["matched"], 1, "1,200 km is not 1,200 miles");
    assert_eq!(distance["value_unit"]["precision"], 0.5);
    assert_eq!(distance["not_supported_dotnet"], serde_json::Value::Null);

    assert_eq!(suites[2]["value_unit"]["f1"], 1.0);
    assert_eq!(suites[3]["cases"], 0);
    assert!(report.get("findings").is_none() && suites[0].get("findings").is_none());
}

#[test]
fn table_and_misses() {
    let root = fake_eval("eval-table");
    let mut args = vec!["eval", root.to_str().unwrap(), "--misses"];
    args.extend(SELECTED);
    let out = factex(&args);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("| suite "), "{text}");
    let row = text.lines().find(|l| l.starts_with("| duckling-distance ")).expect("a row per suite");
    let cells: Vec<&str> = row.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(cells, ["duckling-distance", "2", "2", "2", "0", "1.000", "1.000", "1.000", "0.500", "0.500", "0.500"]);
    assert!(text.contains("| recognizers-percent [NotSupported dotnet] "), "{text}");
    assert!(
        text.contains(
            "- wrong unit `Distance_EN.json[1]`: expected «1,200 km» 1200 Mile; got distance 1200 km «1,200 km»"
        ),
        "{text}"
    );
    assert!(text.contains("## Suite unit names without a mapping"), "{text}");

    // The same run twice gives the same bytes.
    let again = factex(&args);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
}

#[test]
fn missing_files_and_unknown_suites_are_errors() {
    let root = fake_eval("eval-errors");
    let out = factex(&["eval", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("recognizers-text/Number/NumberModel.json"), "{stderr}");
    assert!(out.stdout.is_empty(), "no partial table");

    write(&root, "duckling/Volume_EN.json", "[{\"kind\": ");
    let out = factex(&["eval", root.to_str().unwrap(), "--suite", "duckling-volume"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("duckling/Volume_EN.json: malformed suite file"), "{stderr}");

    let out = factex(&["eval", root.to_str().unwrap(), "--suite", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown suite `nope`"));

    let out = factex(&["eval", root.join("missing").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}
