//! `--entities FILE` and `--no-default-entities`: user gazetteers add and override entries; a
//! malformed file is a usage error naming the file, the line and the reason.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn factex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factex"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("factex runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn entities(out: &Output) -> Vec<(String, String, String)> {
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON record");
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (e["id"].as_str().unwrap().into(), e["name"].as_str().unwrap().into(), e["text"].as_str().unwrap().into())
        })
        .collect()
}

#[test]
fn user_entries_add_and_override() {
    let dir = scratch("entities_add");
    let article = dir.join("a.txt");
    std::fs::write(&article, "Acme Motors and Lexus opened plants in Springfield.").unwrap();
    let list = dir.join("mine.tsv");
    std::fs::write(
        &list,
        "# my list\nacme-motors\tAcme Motors\tautomaker\t\tAcme\nlexus\tLexus (Toyota)\tbrand\tQ35919\tLexus\ttoyota\nspringfield\tSpringfield\tplace\n",
    )
    .unwrap();
    let out = factex(&["extract", "--entities", list.to_str().unwrap(), article.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        entities(&out),
        [
            ("acme-motors".into(), "Acme Motors".into(), "Acme Motors".into()),
            ("lexus".into(), "Lexus (Toyota)".into(), "Lexus".into()),
            ("springfield".into(), "Springfield".into(), "Springfield".into())
        ]
    );
}

#[test]
fn no_default_entities_starts_empty() {
    let dir = scratch("entities_none");
    let article = dir.join("a.txt");
    std::fs::write(&article, "Toyota and Acme Motors in China.").unwrap();
    let out = factex(&["extract", "--no-default-entities", article.to_str().unwrap()]);
    assert_eq!(entities(&out), []);
    let list = dir.join("mine.tsv");
    std::fs::write(&list, "acme-motors\tAcme Motors\tautomaker\n").unwrap();
    let out =
        factex(&["extract", "--no-default-entities", "--entities", list.to_str().unwrap(), article.to_str().unwrap()]);
    assert_eq!(entities(&out), [("acme-motors".into(), "Acme Motors".into(), "Acme Motors".into())]);
}

#[test]
fn malformed_gazetteer_is_a_usage_error_with_file_and_line() {
    let dir = scratch("entities_bad");
    let list = dir.join("bad.tsv");
    std::fs::write(&list, "# header\nok\tOk\tbrand\nBad Id\tX\tbrand\n").unwrap();
    let out = factex(&["extract", "--entities", list.to_str().unwrap(), "corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("{}:3:", list.display())), "{stderr}");
    assert!(stderr.contains("lowercase slug"), "{stderr}");
    let missing = dir.join("missing.tsv");
    let out = factex(&["extract", "--entities", missing.to_str().unwrap(), "corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("missing.tsv"));
}
