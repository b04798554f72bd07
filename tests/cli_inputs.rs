//! Tests of every input shape the binary reads (folders, files, standard input, JSONL plain and
//! compressed, HTML), the JSONL field flags, bad lines, sharding, mapper mode, the summary and
//! `--quiet`. Fixtures are written at test time under `CARGO_TARGET_TMPDIR`.

mod cli_support;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use cli_support::{factex, gzip, records, run_in, scratch, stderr};
use serde_json::Value;

fn run_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = factex()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn ids(out: &Output) -> Vec<String> {
    records(out).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 3).unwrap()
}

fn line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string() + "\n"
}

fn quantity_texts(record: &Value) -> Vec<&str> {
    record["quantities"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap()).collect()
}

const LEXUS: &str = "Lexus sold 851,200 vehicles worldwide in 2024.";

/// A folder with one file of each default shape, plus files that are not read by default.
fn mixed_folder(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), LEXUS).unwrap();
    std::fs::write(dir.join("b.md"), "# BYD\n\nBYD sold 300,000 cars in March.").unwrap();
    std::fs::write(dir.join("c.jsonl"), line("c1", "Tesla cut prices by 5%.") + &line("c2", "NIO lost 2 billion."))
        .unwrap();
    std::fs::write(
        dir.join("sub/d.jsonl.gz"),
        gzip((line("d1", "Toyota built 10,000 cars.") + &line("d2", "x")).as_bytes()),
    )
    .unwrap();
    std::fs::write(dir.join("sub/e.jsonl.zst"), zstd(line("e1", "Honda hired 1,000 employees.").as_bytes())).unwrap();
    std::fs::write(dir.join("f.html"), "<p>Ford recalled 5,000 trucks.</p>").unwrap();
    std::fs::write(dir.join("g.csv"), "1,2,3").unwrap();
    dir
}

#[test]
fn a_folder_reads_text_markdown_and_jsonl_shards_in_sorted_order() {
    let dir = mixed_folder("folder");
    let out = run_in(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["a.txt", "b.md", "c1", "c2", "d1", "d2", "e1"]);
    let recs = records(&out);
    assert_eq!(recs[0]["source"], serde_json::json!({ "path": "./a.txt", "bytes": LEXUS.len() }));
    assert!(recs[0].get("meta").is_none());
    assert_eq!(recs[3]["source"]["line"], 2);
    assert_eq!(recs[3]["source"]["path"], "./c.jsonl");
    assert_eq!(
        recs[4]["source"],
        serde_json::json!({ "path": "./sub/d.jsonl.gz", "line": 1, "bytes": line("d1", "Toyota built 10,000 cars.").len() - 1 })
    );
    assert_eq!(quantity_texts(&recs[4]), ["10,000 cars"]);
    assert_eq!(recs[6]["source"]["path"], "./sub/e.jsonl.zst");
    assert_eq!(quantity_texts(&recs[6]), ["1,000 employees"]);
}

#[test]
fn single_files_of_each_shape() {
    let dir = mixed_folder("files");
    for (file, expected_ids) in [
        ("a.txt", vec!["a.txt"]),
        ("c.jsonl", vec!["c1", "c2"]),
        ("sub/d.jsonl.gz", vec!["d1", "d2"]),
        ("sub/e.jsonl.zst", vec!["e1"]),
        ("f.html", vec!["f.html"]),
        // A file argument is read whatever its extension.
        ("g.csv", vec!["g.csv"]),
    ] {
        let out = run_in(&dir, &["extract", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        assert_eq!(ids(&out), expected_ids, "{file}");
    }
}

#[test]
fn ext_chooses_the_extensions_read_from_folders() {
    let dir = mixed_folder("ext");
    let out = run_in(&dir, &["extract", "--ext", "html", "."]);
    assert_eq!(ids(&out), ["f.html"]);
    let out = run_in(&dir, &["extract", "--ext", "txt,html", "--ext", ".jsonl.zst", "."]);
    assert_eq!(ids(&out), ["a.txt", "f.html", "e1"]);
}

#[test]
fn html_is_read_as_its_visible_text() {
    let dir = scratch("html");
    let html = "<!doctype html><html><head><title>Ignore 99 cars</title><style>p{width:300px}</style>\
        <script>var x = \"500 vehicles\";</script></head><body><h1>Lexus &amp; Toyota</h1>\
        <p>Lexus sold <b>851,200</b> vehicles\n in 2024.</p><!-- 7 trucks --><p>Sales rose 3.3%.</p></body></html>";
    std::fs::write(dir.join("page.htm"), html).unwrap();
    let out = run_in(&dir, &["extract", "page.htm"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rec = &records(&out)[0];
    assert_eq!(quantity_texts(rec), ["851,200 vehicles", "2024", "3.3%"]);
    // Offsets are into the extracted text: "Lexus & Toyota\n\nLexus sold 851,200 vehicles in 2024. …"
    let visible = factex::source::visible_text(html);
    assert!(visible.starts_with("Lexus & Toyota\n\nLexus sold 851,200 vehicles in 2024.\n\nSales rose 3.3%."));
    let q = &rec["quantities"][0];
    let (start, end) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
    assert_eq!(&visible[start..end], "851,200 vehicles");
    assert_eq!(rec["source"]["bytes"], html.len());

    // --input-format html reads any file (and standard input) as HTML.
    std::fs::write(dir.join("page.txt"), html).unwrap();
    let out = run_in(&dir, &["extract", "--input-format", "html", "page.txt"]);
    assert_eq!(quantity_texts(&records(&out)[0]), ["851,200 vehicles", "2024", "3.3%"]);
    let out = run_with_stdin(&dir, &["extract", "--input-format", "html", "-"], html.as_bytes());
    assert_eq!(quantity_texts(&records(&out)[0]), ["851,200 vehicles", "2024", "3.3%"]);
}

#[test]
fn standard_input_is_text_by_default_and_jsonl_on_request() {
    let dir = scratch("stdin");
    let out = run_with_stdin(&dir, &["extract", "-"], LEXUS.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0]["id"].as_str(), recs[0]["source"]["path"].as_str()), (Some("-"), Some("-")));
    assert_eq!(quantity_texts(&recs[0]), ["851,200 vehicles", "2024"]);

    let jsonl = line("s1", LEXUS) + "{\"text\":\"BYD sold 5 cars.\"}\n";
    let out = run_with_stdin(&dir, &["extract", "--input-format", "jsonl", "-"], jsonl.as_bytes());
    assert_eq!(ids(&out), ["s1", "-:2"]);
    assert_eq!(records(&out)[1]["source"], serde_json::json!({ "path": "-", "line": 2, "bytes": 27 }));

    // Standard input next to a folder.
    std::fs::write(dir.join("z.txt"), "Ford sold 3 trucks.").unwrap();
    let out = run_with_stdin(&dir, &["extract", "-", "z.txt"], LEXUS.as_bytes());
    assert_eq!(ids(&out), ["-", "z.txt"]);
}

#[test]
fn input_format_text_reads_a_jsonl_file_whole() {
    let dir = mixed_folder("input_format");
    let out = run_in(&dir, &["extract", "--input-format", "text", "c.jsonl"]);
    assert_eq!(ids(&out), ["c.jsonl"]);
    // And jsonl reads a file of any name line by line.
    std::fs::write(dir.join("lines.txt"), line("t1", "x") + &line("t2", "y")).unwrap();
    let out = run_in(&dir, &["extract", "--input-format", "jsonl", "lines.txt"]);
    assert_eq!(ids(&out), ["t1", "t2"]);
}

#[test]
fn text_id_and_kept_fields() {
    let dir = scratch("fields");
    let lines = [
        r#"{"url":"https://example.com/a","body":"Lexus sold 851,200 vehicles.","lang":"en","date":{"y":2024},"n":1.50}"#,
        r#"{"body":"BYD sold 5 cars.","date":"2024-02-05"}"#,
        r#"{"url":17,"body":"NIO sold 2 cars.","lang":"zh"}"#,
    ];
    std::fs::write(dir.join("news.jsonl"), lines.join("\n") + "\n").unwrap();
    let out = run_in(
        &dir,
        &[
            "extract",
            "--text-field",
            "body",
            "--id-field",
            "url",
            "--keep-field",
            "lang",
            "--keep-field",
            "date",
            "--keep-field",
            "n",
            "news.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["https://example.com/a", "news.jsonl:2", "17"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    // meta comes after source, in the order asked, with values as written.
    assert!(
        first.contains(r#""source":{"path":"news.jsonl","line":1,"bytes":108},"meta":{"lang":"en","date":{"y":2024},"n":1.50},"stats":"#),
        "{first}"
    );
    let second: Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["meta"], serde_json::json!({ "lang": null, "date": "2024-02-05", "n": null }));
}

#[test]
fn bad_jsonl_lines_are_reported_with_file_and_line_and_good_lines_processed() {
    let dir = scratch("bad_lines");
    let content = [
        line("ok1", LEXUS).trim_end().to_owned(),
        "{\"id\":\"broken\", \"text\": ".into(),
        r#"{"id":"notext","body":"x"}"#.into(),
        r#"{"id":"number","text":42}"#.into(),
        line("ok2", "BYD sold 300,000 cars.").trim_end().to_owned(),
    ]
    .join("\n");
    std::fs::write(dir.join("shard.jsonl"), content + "\n").unwrap();
    let out = run_in(&dir, &["extract", "shard.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(ids(&out), ["ok1", "shard.jsonl:2", "shard.jsonl:3", "shard.jsonl:4", "ok2"]);
    let kinds: Vec<&str> = recs.iter().map(|r| r["error"]["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds, ["", "json", "missing_field", "field_type", ""]);
    assert_eq!(recs[2]["source"], serde_json::json!({ "path": "shard.jsonl", "line": 3, "bytes": 26 }));
    assert_eq!(quantity_texts(&recs[4]), ["300,000 cars"]);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("factex: shard.jsonl:2: invalid JSON: "), "{}", lines[0]);
    assert_eq!(lines[1], "factex: shard.jsonl:3: no \"text\" field (choose the text field with --text-field)");
    assert_eq!(lines[2], "factex: shard.jsonl:4: field \"text\" is a number, expected a string");
    assert!(lines[3].starts_with("factex: 5 documents read, 2 written, 3 failed;"), "{}", lines[3]);
}

#[test]
fn a_truncated_compressed_shard_is_an_error_after_the_lines_that_could_be_read() {
    let dir = scratch("truncated");
    let content: String = (1..=2000).map(|n| line(&format!("n{n}"), &format!("BYD sold {n} cars in 2024."))).collect();
    let gz = gzip(content.as_bytes());
    std::fs::write(dir.join("cut.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    std::fs::write(dir.join("next.txt"), LEXUS).unwrap();
    let out = run_in(&dir, &["extract", "cut.jsonl.gz", "next.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let n = recs.len();
    assert!(n > 100 && n < 2000, "{n} records");
    assert!(recs[..n - 2].iter().all(|r| r.get("error").is_none()));
    let cut = &recs[n - 2];
    assert_eq!(cut["error"]["kind"], "truncated");
    assert_eq!(cut["id"], format!("cut.jsonl.gz:{}", n - 1));
    assert_eq!(cut["source"]["line"], n - 1);
    assert!(cut["error"]["message"].as_str().unwrap().starts_with("cut.jsonl.gz: truncated or corrupt"));
    assert_eq!(recs[n - 1]["id"], "next.txt");
    assert!(stderr(&out).contains("cut.jsonl.gz: truncated or corrupt compressed data at line"));
}

#[test]
fn shards_cover_every_input_exactly_once() {
    let dir = scratch("shards");
    for n in 0..7 {
        std::fs::write(dir.join(format!("t{n}.txt")), format!("Tesla sold {n}00 cars.")).unwrap();
    }
    for n in 0..4 {
        let lines: String = (0..3).map(|i| line(&format!("j{n}-{i}"), &format!("BYD sold {i} cars."))).collect();
        std::fs::write(dir.join(format!("j{n}.jsonl")), lines).unwrap();
    }
    let missing = dir.join("missing.txt");
    let missing = missing.to_str().unwrap();
    let all = run_in(&dir, &["extract", ".", missing]);
    let all_lines: Vec<String> = String::from_utf8(all.stdout).unwrap().lines().map(str::to_owned).collect();
    assert_eq!(all_lines.len(), 7 + 4 * 3 + 1);

    let mut union = Vec::new();
    for k in 0..3 {
        let shard = format!("{k}/3");
        let out = run_in(&dir, &["extract", "--shard", &shard, ".", missing]);
        let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect();
        // Each shard keeps the input order.
        let positions: Vec<usize> = lines.iter().map(|l| all_lines.iter().position(|a| a == l).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "shard {shard} out of order");
        // Lines of one JSONL file stay together in one shard.
        let files: BTreeSet<String> =
            records_of(&lines).iter().map(|r| r["source"]["path"].as_str().unwrap().to_owned()).collect();
        for n in 0..4 {
            let file = format!("./j{n}.jsonl");
            let count = records_of(&lines).iter().filter(|r| r["source"]["path"] == file.as_str()).count();
            assert!(count == 0 || count == 3, "{file} split");
        }
        assert!(!files.is_empty());
        union.extend(lines);
    }
    assert_eq!(union.len(), all_lines.len(), "no input twice");
    let union: BTreeSet<String> = union.into_iter().collect();
    let all: BTreeSet<String> = all_lines.into_iter().collect();
    assert_eq!(union, all, "every input once");
}

fn records_of(lines: &[String]) -> Vec<Value> {
    lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn mapper_mode_answers_every_line_in_order_with_an_empty_environment() {
    let dir = scratch("mapper");
    let mut input = String::new();
    for n in 0..500 {
        match n % 50 {
            7 => input.push_str("this is not json\n"),
            8 => input.push_str("{\"id\":\"no-text\"}\n"),
            _ => input.push_str(&line(&format!("m{n}"), &format!("Lexus sold {n},200 vehicles in 2024."))),
        }
    }
    let mut child = factex()
        .env_clear()
        .current_dir(&dir)
        .args(["extract", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    // Bad lines are answered with error records; no line is lost, so the task succeeds.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 500);
    for (n, r) in recs.iter().enumerate() {
        assert_eq!(r["source"]["line"], n + 1);
        match n % 50 {
            7 => assert_eq!(r["error"]["kind"], "json"),
            8 => assert_eq!(r["error"]["kind"], "missing_field"),
            _ => assert_eq!(r["id"], format!("m{n}")),
        }
    }
    assert!(stderr(&out).contains("500 documents read, 480 written, 20 failed"), "{}", stderr(&out));
}

#[test]
fn mapper_mode_answers_a_line_before_the_input_ends() {
    // With --threads 1 too, where standard input keeps its reader thread (anything else is read
    // on the one thread, between documents).
    for threads in ["1", "2"] {
        mapper_answers_a_line_before_the_input_ends(threads);
    }
}

fn mapper_answers_a_line_before_the_input_ends(threads: &str) {
    let mut child = factex()
        .env_clear()
        .args(["extract", "--threads", threads, "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let id = child.id();
    // If factex waited for the end of its input, the read below would block: end it then.
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(30));
        let _ = Command::new("kill").arg(id.to_string()).status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for n in 0..3 {
        stdin.write_all(line(&format!("t{n}"), LEXUS).as_bytes()).unwrap();
        stdin.flush().unwrap();
        let mut answer = String::new();
        stdout.read_line(&mut answer).unwrap();
        let record: Value = serde_json::from_str(&answer).expect("an answer before the input ends");
        assert_eq!(record["id"], format!("t{n}"));
    }
    drop(stdin);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
    assert_eq!(child.wait().unwrap().code(), Some(0));
    drop(watchdog);
}

#[test]
fn mapper_mode_fails_when_its_output_closes_early() {
    let mut child = factex()
        .env_clear()
        .args(["extract", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        for n in 0..20_000 {
            if stdin.write_all(line(&format!("x{n}"), LEXUS).as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    feeder.join().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1), "{err}");
    assert!(err.contains("input lines were lost"), "{err}");
}

#[test]
fn summary_file_counts_every_document() {
    let dir = mixed_folder("summary");
    std::fs::write(dir.join("h.jsonl"), "not json\n".to_owned() + &line("h2", LEXUS)).unwrap();
    let summary = dir.join("summary.json");
    let out = run_in(&dir, &["extract", "--summary", summary.to_str().unwrap(), "-o", "out.jsonl", "."]);
    assert_eq!(out.status.code(), Some(1));
    let s: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!((s["documents"].as_u64(), s["written"].as_u64(), s["failed"].as_u64()), (Some(9), Some(8), Some(1)));
    let written = std::fs::read_to_string(dir.join("out.jsonl")).unwrap();
    let recs: Vec<Value> = written.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 9);
    let facts: u64 = recs
        .iter()
        .filter_map(|r| r["stats"].as_object())
        .map(|st| st["entities"].as_u64().unwrap() + st["quantities"].as_u64().unwrap())
        .sum();
    assert_eq!(s["facts"].as_u64(), Some(facts));
    assert_eq!(s["entities"].as_u64().unwrap() + s["quantities"].as_u64().unwrap(), facts);
    let bytes: u64 = recs.iter().map(|r| r["source"]["bytes"].as_u64().unwrap()).sum();
    assert_eq!(s["bytes"].as_u64(), Some(bytes));
    assert!(s["seconds"].as_f64().unwrap() >= 0.0 && s["mb_per_s"].as_f64().unwrap() >= 0.0);
    // The summary line says the same.
    let err = stderr(&out);
    assert!(err.lines().last().unwrap().starts_with("factex: 9 documents read, 8 written, 1 failed;"), "{err}");
}

#[test]
fn quiet_prints_only_errors() {
    let dir = mixed_folder("quiet");
    let out = run_in(&dir, &["extract", "--quiet", "."]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
    assert_eq!(records(&out).len(), 7);
    // A warning (a Latin-1 file) is not printed; an error (a binary file) is.
    std::fs::write(dir.join("latin1.txt"), b"caf\xe9").unwrap();
    std::fs::write(dir.join("bad.txt"), b"caf\x00").unwrap();
    let out = run_in(&dir, &["extract", "-q", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("factex: ./bad.txt: binary file"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped_with_a_warning() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/x.txt"), LEXUS).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/loop")).unwrap();
    let out = run_in(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["a/x.txt"]);
    assert!(stderr(&out).starts_with("factex: warning: ./a/loop: skipped: symbolic link loop\n"), "{}", stderr(&out));
    let out = run_in(&dir, &["extract", "-q", "."]);
    assert_eq!(stderr(&out), "");
}

#[test]
fn jsonl_output_does_not_depend_on_threads() {
    let dir = scratch("jsonl_threads");
    let content: String = (0..3000).map(|n| line(&format!("n{n}"), &format!("{LEXUS} BYD sold {n} cars."))).collect();
    std::fs::write(dir.join("big.jsonl"), &content).unwrap();
    let one = run_in(&dir, &["extract", "--threads", "1", "big.jsonl"]);
    let two = run_in(&dir, &["extract", "--threads", "2", "big.jsonl"]);
    let five = run_in(&dir, &["extract", "--threads", "5", "big.jsonl"]);
    assert_eq!(records(&one).len(), 3000);
    assert!(one.stdout == two.stdout && one.stdout == five.stdout);
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["extract", "--shard", "3/3", "corpus"][..],
        &["extract", "--shard", "1", "corpus"],
        &["extract", "--shard", "a/b", "corpus"],
        &["extract", "-", "-"],
        &["extract", "--text-field", "", "-"],
        &["extract", "--ext", "", "corpus"],
        &["extract", "--input-format", "xml", "corpus"],
    ] {
        let out = factex().args(args).stdin(Stdio::null()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} explains itself");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_output_file_is_never_read_as_an_input() {
    let dir = scratch("output_inside");
    std::fs::write(dir.join("a.txt"), LEXUS).unwrap();
    // From an earlier run: it would be read as a JSONL shard.
    std::fs::write(dir.join("facts.jsonl"), line("old", LEXUS)).unwrap();
    let out = run_in(&dir, &["extract", "-o", "facts.jsonl", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("facts.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1, "{written}");
    assert!(
        stderr(&out).starts_with("factex: warning: ./facts.jsonl: skipped: it is the output file\n"),
        "{}",
        stderr(&out)
    );
}
