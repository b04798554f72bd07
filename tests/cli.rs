//! Tests of the `factex` binary: formats, exit codes, error reporting, closed pipes and
//! determinism across thread counts.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn factex() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factex"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    factex().args(args).output().expect("factex runs")
}

fn stdout_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corpus_files() -> usize {
    std::fs::read_dir("corpus")
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name().into_string().unwrap();
            name.ends_with(".md") || name.ends_with(".txt")
        })
        .count()
}

#[test]
fn jsonl_has_one_record_per_article_in_sorted_order() {
    let out = run(&["extract", "corpus"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let records = stdout_lines(&out);
    assert_eq!(records.len(), corpus_files());
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for r in &records {
        assert_eq!(r["schema"], "factex/1");
        let id = r["id"].as_str().unwrap();
        assert_eq!(r["source"]["path"], format!("corpus/{id}"));
        assert!(r["stats"]["quantities"].as_u64().unwrap() > 0);
    }
}

#[test]
fn a_file_argument_keeps_its_path_as_id() {
    let out = run(&["extract", "corpus/lexus-shanghai-ev-plant.md"]);
    let records = stdout_lines(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "corpus/lexus-shanghai-ev-plant.md");
    assert_eq!(records[0]["quantities"][1]["text"], "100,000 units");
    assert_eq!(records[0]["quantities"][1]["value"], 100000);
}

#[test]
fn json_format_is_one_array_with_the_same_records() {
    let jsonl = stdout_lines(&run(&["extract", "corpus"]));
    let out = run(&["extract", "--format", "json", "corpus"]);
    assert_eq!(out.status.code(), Some(0));
    let array: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(array.as_array().unwrap(), &jsonl);
}

#[test]
fn output_file() {
    let dir = scratch("output_file");
    let path = dir.join("facts.jsonl");
    let out = run(&["extract", "-o", path.to_str().unwrap(), "corpus"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written.lines().count(), corpus_files());
}

#[test]
fn thread_count_does_not_change_the_output() {
    let dir = scratch("threads");
    // Many documents so that batches and threads really interleave.
    let paths: Vec<&str> = std::iter::repeat_n("corpus", 40).collect();
    let one = factex().args(["extract", "--threads", "1"]).args(&paths).output().unwrap();
    let two = factex().args(["extract", "--threads", "2"]).args(&paths).output().unwrap();
    let eight = factex().args(["extract", "--threads", "8"]).args(&paths).output().unwrap();
    assert_eq!(one.status.code(), Some(0));
    assert!(one.stdout.len() > 100_000);
    assert!(one.stdout == two.stdout, "--threads 1 and --threads 2 differ");
    assert!(one.stdout == eight.stdout, "--threads 1 and --threads 8 differ");
    std::fs::write(dir.join("one.jsonl"), &one.stdout).unwrap();
}

#[test]
fn failed_inputs_are_reported_and_the_rest_processed() {
    let dir = scratch("failures");
    std::fs::write(dir.join("a-good.txt"), "Tesla shipped 150,000 cars in 2024.").unwrap();
    std::fs::write(dir.join("b-bad.txt"), b"Sales rose \x00\x01 5% in 2024.").unwrap();
    std::fs::write(dir.join("c-good.md"), "BYD sold 300,000 vehicles.").unwrap();
    let missing = dir.join("missing.txt");
    let out = run(&["extract", dir.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let records = stdout_lines(&out);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a-good.txt", "b-bad.txt", "c-good.md", missing.to_str().unwrap()]);
    assert_eq!(records[1]["error"]["kind"], "binary");
    assert_eq!(records[3]["error"]["kind"], "not_found");
    assert!(records[0]["quantities"].is_array());
    assert!(records[2]["quantities"].is_array());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per failed input, then the summary: {stderr}");
    assert!(lines[0].contains("b-bad.txt") && lines[0].contains("binary file (NUL byte at offset 11)"), "{}", lines[0]);
    assert!(lines[1].contains("missing.txt") && lines[1].contains("no such file"), "{}", lines[1]);
    assert!(lines[2].starts_with("factex: 4 documents read, 2 written, 2 failed;"), "{}", lines[2]);
}

#[test]
fn folders_skip_hidden_entries_and_other_extensions() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join("sub/b.txt"), "2 plants").unwrap();
    std::fs::write(dir.join("a.md"), "3 plants").unwrap();
    std::fs::write(dir.join(".secret.txt"), "4 plants").unwrap();
    std::fs::write(dir.join(".hidden/c.txt"), "5 plants").unwrap();
    std::fs::write(dir.join("notes.csv"), "6 plants").unwrap();
    let out = run(&["extract", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<String> = stdout_lines(&out).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["a.md", "sub/b.txt"]);
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["extract"][..],
        &["extract", "--format", "xml", "corpus"],
        &["extract", "--threads", "0", "corpus"],
        &["extract", "--no-such-flag", "corpus"],
        &["frobnicate"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} explains itself");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    let mut child = factex()
        .arg("extract")
        .args(std::iter::repeat_n("corpus", 200))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"schema\":\"factex/1\""));
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}
