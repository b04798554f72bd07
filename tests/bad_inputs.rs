//! The bad input matrix (issue 6): every kind of broken, strange or hostile input a news folder
//! holds gets a record or an error record in its place, a line on stderr naming the file and the
//! reason, and never stops the rest of the batch. The last test mixes all of them in one folder
//! and checks that every input is accounted for.
//!
//! Inputs are written at test time under `CARGO_TARGET_TMPDIR`; nothing outside the repository
//! is read.

mod cli_support;
mod schema_support;

use std::io::Write;
use std::path::Path;

use cli_support::{gzip, records, run_in, scratch, stderr};
use factex::source::{Input, JsonlOptions, Reader};
use serde_json::Value;

fn quantity_texts(record: &Value) -> Vec<&str> {
    record["quantities"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap()).collect()
}

const LEXUS: &str = "Lexus sold 851,200 vehicles worldwide in 2024.";

/// A synthetic Windows-1252 article in the style of old BBC archives: `é` is 0xE9, curly quotes
/// 0x93 and 0x94, the pound sign 0xA3, an en dash 0x96.
const LATIN1: &[u8] = b"Chelsea sack Mutu\n\nThe club said the \x93Caf\xe9 Royal\x94 signing cost \xa315.8m \x96 \
    a record fee in 2003.\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

/// The first bytes of a real PNG file (signature, header chunk, end chunk): what an image renamed
/// `.txt` starts with.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\
    \x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82";

fn line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string() + "\n"
}

fn zstd_with_checksum(data: &[u8]) -> Vec<u8> {
    let mut e = zstd::stream::Encoder::new(Vec::new(), 3).unwrap();
    e.include_checksum(true).unwrap();
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// `n` JSONL lines.
fn shard_lines(prefix: &str, n: usize) -> String {
    (1..=n).map(|i| line(&format!("{prefix}{i}"), &format!("BYD sold {i} cars in 2024."))).collect()
}

/// True when the current user can read a file whatever its permissions (root).
fn reads_anything(path: &Path) -> bool {
    std::fs::File::open(path).is_ok()
}

#[test]
fn utf8_with_a_byte_order_mark_is_read_without_it() {
    let dir = scratch("bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(LEXUS.as_bytes());
    std::fs::write(dir.join("bom.txt"), &bytes).unwrap();
    let out = run_in(&dir, &["extract", "bom.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rec = &records(&out)[0];
    // No warning and no encoding: it is UTF-8. Offsets are into the text after the mark.
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(rec["source"], serde_json::json!({ "path": "bom.txt", "bytes": bytes.len() }));
    let q = &rec["quantities"][0];
    assert_eq!(
        (q["text"].as_str(), q["start"].as_u64(), q["char_start"].as_u64()),
        (Some("851,200 vehicles"), Some(11), Some(11))
    );
    assert_eq!(&LEXUS[11..27], "851,200 vehicles");
}

#[test]
fn windows_1252_is_decoded_with_a_warning_and_recorded() {
    let dir = scratch("latin1");
    std::fs::write(dir.join("latin1.txt"), LATIN1).unwrap();
    std::fs::write(dir.join("z.txt"), LEXUS).unwrap();
    let out = run_in(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    let rec = &recs[0];
    assert_eq!(
        rec["source"],
        serde_json::json!({ "path": "./latin1.txt", "bytes": LATIN1.len(), "encoding": "windows-1252" })
    );
    assert!(recs[1]["source"].get("encoding").is_none(), "UTF-8 has no encoding field");
    // The pound sign is one byte in the file and two in the decoded text: offsets are into the
    // decoded text.
    let decoded = "Chelsea sack Mutu\n\nThe club said the “Café Royal” signing cost £15.8m – a record fee in 2003.\n";
    let money = rec["quantities"].as_array().unwrap().iter().find(|q| q["kind"] == "money").expect("the fee");
    assert_eq!(
        (money["text"].as_str(), money["unit"].as_str(), money["value"].as_u64()),
        (Some("£15.8m"), Some("GBP"), Some(15_800_000))
    );
    let (start, end) = (money["start"].as_u64().unwrap() as usize, money["end"].as_u64().unwrap() as usize);
    assert_eq!(&decoded[start..end], "£15.8m");
    let char_start = money["char_start"].as_u64().unwrap() as usize;
    assert_eq!(decoded.chars().skip(char_start).take(6).collect::<String>(), "£15.8m");
    assert_eq!(
        stderr(&out).lines().next(),
        Some("factex: warning: ./latin1.txt: not UTF-8, decoded as windows-1252 (offsets are into the decoded text)")
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let dir = scratch("utf16");
    let text = "Lexus sold 851,200 vehicles worldwide in 2024 — “a record”.";
    std::fs::write(dir.join("le.txt"), utf16(text, false)).unwrap();
    std::fs::write(dir.join("be.txt"), utf16(text, true)).unwrap();
    let out = run_in(&dir, &["extract", "le.txt", "be.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    for (rec, encoding) in recs.iter().zip(["UTF-16LE", "UTF-16BE"]) {
        assert_eq!(rec["source"]["encoding"], encoding);
        assert_eq!(quantity_texts(rec), ["851,200 vehicles", "2024"]);
        assert_eq!(rec["quantities"][0]["start"], 11);
        assert_eq!(rec["entities"][0]["id"], "lexus");
    }
    let err = stderr(&out);
    assert!(err.contains("factex: warning: le.txt: not UTF-8, decoded as UTF-16LE"), "{err}");
    assert!(err.contains("factex: warning: be.txt: not UTF-8, decoded as UTF-16BE"), "{err}");
}

#[test]
fn malformed_utf16_and_utf8_after_a_bom_are_encoding_errors() {
    let dir = scratch("broken_bom");
    let mut odd = utf16("Lexus", false);
    odd.push(b'!');
    std::fs::write(dir.join("odd.txt"), odd).unwrap();
    std::fs::write(dir.join("bom-latin1.txt"), b"\xEF\xBB\xBFcaf\xe9").unwrap();
    let out = run_in(&dir, &["extract", "odd.txt", "bom-latin1.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs[0]["error"]["kind"], "encoding");
    assert_eq!(
        recs[0]["error"]["message"],
        "odd.txt: starts with a UTF-16LE byte-order mark but is not valid UTF-16LE"
    );
    assert_eq!(recs[1]["error"]["kind"], "encoding");
    assert_eq!(
        recs[1]["error"]["message"],
        "bom-latin1.txt: starts with a UTF-8 byte-order mark but is not valid UTF-8 (first invalid byte at offset 6)"
    );
}

#[test]
fn invalid_utf8_never_panics() {
    let dir = scratch("invalid_utf8");
    let cases: [&[u8]; 8] = [
        b"\x80 lone continuation byte, 5 cars",
        b"overlong \xC0\xAF slash, 5 cars",
        b"surrogate \xED\xA0\x80 half, 5 cars",
        b"cut at the end: 5 cars \xE2\x82",
        b"\xF5\xFF\xFE 5 cars",
        b"\xFF\xFE",
        b"\xFE",
        b"5% \x9D\x81\x8D\x8F\x90 undefined in windows-1252",
    ];
    let mut args = vec!["extract".to_owned()];
    for (n, bytes) in cases.iter().enumerate() {
        std::fs::write(dir.join(format!("{n}.txt")), bytes).unwrap();
        args.push(format!("{n}.txt"));
    }
    let out = run_in(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), cases.len());
    for rec in &recs {
        assert!(rec.get("error").is_none() || rec["error"]["kind"] == "binary", "{rec}");
    }
    // `FF FE` is the UTF-16LE byte-order mark of an empty text.
    assert_eq!(recs[5]["source"]["encoding"], "UTF-16LE");
    assert_eq!(recs[0]["source"]["encoding"], "windows-1252");
}

#[test]
fn binary_files_are_skipped_as_errors() {
    let dir = scratch("binary");
    std::fs::write(dir.join("a.txt"), LEXUS).unwrap();
    std::fs::write(dir.join("image.txt"), PNG).unwrap();
    std::fs::write(dir.join("nul.md"), b"Tesla sold\x00 5 cars.").unwrap();
    // UTF-16 without a byte-order mark cannot be told from binary.
    std::fs::write(dir.join("utf16-no-bom.txt"), &utf16(LEXUS, false)[2..]).unwrap();
    std::fs::write(dir.join("z.txt"), LEXUS).unwrap();
    let out = run_in(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let kinds: Vec<&str> = recs.iter().map(|r| r["error"]["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds, ["", "binary", "binary", "binary", ""]);
    assert_eq!(recs[1]["source"], serde_json::json!({ "path": "./image.txt", "bytes": PNG.len() }));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "factex: ./image.txt: binary file (NUL byte at offset 8), skipped");
    assert_eq!(lines[1], "factex: ./nul.md: binary file (NUL byte at offset 10), skipped");
    assert_eq!(lines[2], "factex: ./utf16-no-bom.txt: binary file (NUL byte at offset 1), skipped");
    assert!(lines[3].starts_with("factex: 5 documents read, 2 written, 3 failed;"), "{}", lines[3]);
}

#[test]
fn empty_and_blank_files_are_records_without_facts() {
    let dir = scratch("empty");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("blank.md"), " \n\t\r\n\u{a0}\n").unwrap();
    let out = run_in(&dir, &["extract", "empty.txt", "blank.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for rec in records(&out) {
        assert_eq!(
            rec["stats"],
            serde_json::json!({ "paragraphs": 0, "sentences": 0, "tokens": 0, "entities": 0, "quantities": 0, "claims": 0 })
        );
        assert_eq!((rec["entities"].as_array().unwrap().len(), rec["quantities"].as_array().unwrap().len()), (0, 0));
    }
}

#[test]
fn a_file_of_one_long_line_works() {
    // 2 MB without a line break (the 50 MB case was checked by hand, see README).
    let dir = scratch("long_line");
    let sentence = "Tesla sold 5 cars, ";
    let content = sentence.repeat(2_000_000 / sentence.len());
    std::fs::write(dir.join("line.txt"), &content).unwrap();
    let out = run_in(&dir, &["extract", "line.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rec = &records(&out)[0];
    assert_eq!(rec["source"]["bytes"], content.len());
    assert_eq!(rec["stats"]["quantities"], content.len() / sentence.len());
}

#[test]
fn many_tiny_files() {
    // 100,000 files were checked by hand (see README); 2,000 here.
    let dir = scratch("many");
    for n in 0..2000 {
        std::fs::write(dir.join(format!("{n:05}.txt")), format!("BYD sold {n} cars.")).unwrap();
    }
    let out = run_in(&dir, &["extract", "--summary", "summary.json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2000);
    assert_eq!(recs[1999]["id"], "01999.txt");
    let summary: Value = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!((summary["documents"].as_u64(), summary["written"].as_u64()), (Some(2000), Some(2000)));
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_io_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    std::fs::write(dir.join("a.txt"), LEXUS).unwrap();
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, LEXUS).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = run_in(&dir, &["extract", "."]);
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    if reads_anything(&secret) {
        // Root reads it anyway.
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(recs[1].get("error").is_none());
    } else {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(recs[1]["error"]["kind"], "io");
        assert_eq!(recs[1]["source"]["bytes"], 0);
        assert_eq!(stderr(&out).lines().next(), Some("factex: ./secret.txt: Permission denied (os error 13)"));
    }
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn broken_symbolic_links_name_what_is_wrong() {
    use std::os::unix::fs::symlink;
    let dir = scratch("links");
    std::fs::write(dir.join("a.txt"), LEXUS).unwrap();
    symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    // Not a selected extension: left out like any other .png.
    symlink("nowhere.png", dir.join("dangling.png")).unwrap();
    symlink("loop-b.txt", dir.join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", dir.join("loop-b.txt")).unwrap();
    // A folder loop is skipped with a warning (it is not an input).
    std::fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();
    let out = run_in(&dir, &["extract", "."]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let summary: Vec<(&str, &str)> =
        recs.iter().map(|r| (r["id"].as_str().unwrap(), r["error"]["kind"].as_str().unwrap_or(""))).collect();
    assert_eq!(summary, [("a.txt", ""), ("dangling.txt", "not_found"), ("loop-a.txt", "io"), ("loop-b.txt", "io")]);
    let err = stderr(&out);
    // The walk's warning comes from the reader thread, ahead of the records: sort.
    let mut lines: Vec<&str> = err.lines().take(4).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "factex: ./dangling.txt: dangling symbolic link (its target nowhere.txt does not exist)",
            "factex: ./loop-a.txt: symbolic link loop",
            "factex: ./loop-b.txt: symbolic link loop",
            "factex: warning: ./sub/up: skipped: symbolic link loop",
        ],
        "{err}"
    );
    // The same as file arguments.
    let out = run_in(&dir, &["extract", "dangling.txt", "loop-a.txt"]);
    let recs = records(&out);
    assert_eq!(
        recs[0]["error"]["message"],
        "dangling.txt: dangling symbolic link (its target nowhere.txt does not exist)"
    );
    assert_eq!(recs[1]["error"]["message"], "loop-a.txt: symbolic link loop");
}

#[test]
fn a_folder_named_like_a_file_is_walked_and_a_missing_path_is_an_error() {
    let dir = scratch("folder_as_file");
    std::fs::create_dir(dir.join("news.txt")).unwrap();
    std::fs::write(dir.join("news.txt/inner.md"), LEXUS).unwrap();
    let out = run_in(&dir, &["extract", ".", "news.txt", "missing.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["news.txt/inner.md", "inner.md", "missing.txt"]);
    assert_eq!(recs[2]["error"]["kind"], "not_found");
    assert_eq!(stderr(&out).lines().next(), Some("factex: missing.txt: no such file or folder"));
}

#[test]
fn a_file_deleted_after_it_was_listed_is_an_error() {
    let dir = scratch("vanished");
    let path = dir.join("gone.txt");
    std::fs::write(&path, LEXUS).unwrap();
    let mut reader = Reader::new(vec![Ok(Input::file("gone.txt", path.clone()))]);
    let raw = reader.next().expect("listed");
    std::fs::remove_file(&path).unwrap();
    let err = raw.decode(&JsonlOptions::default()).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert_eq!(err.to_string(), format!("{}: deleted or moved after it was listed", path.display()));
}

#[test]
fn a_folder_read_as_a_file_is_an_error() {
    // A file that became a folder between listing and reading.
    let dir = scratch("became_folder");
    let path = dir.join("x.txt");
    std::fs::write(&path, LEXUS).unwrap();
    let mut reader = Reader::new(vec![Ok(Input::file("x.txt", path.clone()))]);
    let raw = reader.next().expect("listed");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    let err = raw.decode(&JsonlOptions::default()).unwrap_err();
    assert_eq!((err.kind(), err.to_string()), ("io", format!("{}: is a folder, not a file", path.display())));
}

#[test]
fn bad_jsonl_bytes_and_truncated_zstd() {
    // Invalid lines, missing and mistyped text fields and truncated .gz are in cli_inputs.rs.
    let dir = scratch("jsonl");
    let mut shard = line("ok1", LEXUS).into_bytes();
    shard.extend_from_slice(b"{\"id\":\"latin1\",\"text\":\"caf\xe9\"}\n");
    shard.extend_from_slice(b"\x00\x00\x00\n");
    shard.extend_from_slice(line("ok2", LEXUS).as_bytes());
    std::fs::write(dir.join("bytes.jsonl"), shard).unwrap();
    let zst = zstd_with_checksum(shard_lines("z", 50).as_bytes());
    std::fs::write(dir.join("cut.jsonl.zst"), &zst[..zst.len() - 4]).unwrap();
    std::fs::write(dir.join("garbage.jsonl.gz"), b"this is not gzip").unwrap();
    let out = run_in(&dir, &["extract", "bytes.jsonl", "cut.jsonl.zst", "garbage.jsonl.gz"]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let kinds: Vec<&str> = recs.iter().map(|r| r["error"]["kind"].as_str().unwrap_or("")).collect();
    // JSON text must be UTF-8: a Latin-1 byte in a line is an error for that line.
    assert_eq!(kinds[..4], ["", "json", "json", ""]);
    assert!(
        recs[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("bytes.jsonl:2: invalid JSON: invalid unicode code point")
    );
    assert!(kinds[4..54].iter().all(|k| k.is_empty()), "{kinds:?}");
    assert_eq!(recs[54]["id"], "cut.jsonl.zst:51");
    assert_eq!(kinds[54..], ["truncated", "truncated"]);
    assert_eq!(recs[55]["id"], "garbage.jsonl.gz:1");
    assert!(stderr(&out).contains("factex: garbage.jsonl.gz: truncated or corrupt compressed data at line 1: "));
}

/// Extraction that panics on documents saying "boom".
fn boom<'d>(
    extractor: &'d factex::Extractor,
    doc: &'d factex::Document,
    scratch: &mut factex::Scratch,
) -> factex::Facts<'d> {
    if doc.text.contains("boom") {
        panic!("boom in {}", doc.id);
    }
    extractor.extract_with(doc, scratch)
}

#[test]
fn a_panic_on_one_file_costs_only_that_file() {
    use factex::batch::{Batch, Observer};
    use factex::output::{Format, RecordWriter};
    use factex::source::Discovery;

    struct Failures(Vec<(String, String)>);
    impl Observer for Failures {
        fn failed(&mut self, kind: &str, message: &str) {
            self.0.push((kind.to_owned(), message.to_owned()));
        }
    }

    factex::batch::quiet_document_panics();
    let dir = scratch("panic");
    for n in 0..40 {
        let text = if n == 17 { "boom".to_owned() } else { format!("Tesla sold {n} cars.") };
        std::fs::write(dir.join(format!("{n:02}.txt")), text).unwrap();
    }
    let inputs = Discovery::default().discover(std::slice::from_ref(&dir)).inputs;
    let extractor = factex::Extractor::new();
    let mut writer = RecordWriter::new(Vec::new(), Format::Jsonl);
    let mut failures = Failures(Vec::new());
    let summary =
        Batch::new(&extractor).extract_with(boom).run(Reader::new(inputs), &mut writer, &mut failures).unwrap();
    assert_eq!((summary.documents, summary.written, summary.failed), (40, 39, 1));
    let out = String::from_utf8(writer.finish().unwrap()).unwrap();
    let recs: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 40);
    assert_eq!(recs[17]["id"], "17.txt");
    assert_eq!(recs[17]["error"]["kind"], "panic");
    assert_eq!(recs[18]["quantities"][0]["value"], 18);
    assert_eq!(failures.0.len(), 1);
    let (kind, message) = &failures.0[0];
    assert_eq!(kind, "panic");
    let expected = format!(
        "{}: panicked (a bug in factex, please report it): boom in 17.txt (at tests/bad_inputs.rs:",
        dir.join("17.txt").display()
    );
    assert!(message.starts_with(&expected), "{message}");
    schema_support::validate_records(&recs);
}

/// Every case above in one folder: every input is accounted for, in the records, the summary
/// and the exit status.
#[test]
fn a_folder_of_every_bad_input_is_accounted_for() {
    let dir = scratch("mixed");
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    put("a-good.txt", LEXUS.as_bytes());
    put("b-bom.txt", &[b"\xEF\xBB\xBF".as_slice(), LEXUS.as_bytes()].concat());
    put("c-latin1.txt", LATIN1);
    put("d-utf16le.txt", &utf16(LEXUS, false));
    put("e-utf16be.md", &utf16(LEXUS, true));
    put("f-bad-utf16.txt", &[utf16("x", false), vec![b'!']].concat());
    put("g-nul.txt", b"Tesla\x00sold 5 cars");
    put("h-image.txt", PNG);
    put("i-empty.txt", b"");
    put("j-blank.md", b"  \n\n\t \n");
    put("k-unreadable.txt", LEXUS.as_bytes());
    let shard = line("p1", LEXUS)
        + "{\"id\": \"broken\",\n"
        + "{\"id\":\"p3\",\"body\":\"x\"}\n"
        + "{\"id\":\"p4\",\"text\":17}\n"
        + &line("p5", "BYD sold 300,000 cars.");
    put("p-shard.jsonl", shard.as_bytes());
    let gz = gzip(shard_lines("q", 30).as_bytes());
    put("q-cut.jsonl.gz", &gz[..gz.len() - 8]);
    let zst = zstd_with_checksum(shard_lines("r", 20).as_bytes());
    put("r-cut.jsonl.zst", &zst[..zst.len() - 4]);
    put("s-ignored.csv", b"1,2,3");
    std::fs::create_dir(dir.join("n-folder.txt")).unwrap();
    put("n-folder.txt/inner.txt", LEXUS.as_bytes());
    #[cfg(not(unix))]
    let unreadable = false;
    #[cfg(unix)]
    let unreadable = {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let secret = dir.join("k-unreadable.txt");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
        symlink("nowhere.txt", dir.join("l-dangling.txt")).unwrap();
        symlink("m-loop-b.txt", dir.join("m-loop-a.txt")).unwrap();
        symlink("m-loop-a.txt", dir.join("m-loop-b.txt")).unwrap();
        std::fs::create_dir(dir.join("o-dir")).unwrap();
        symlink("..", dir.join("o-dir/loop")).unwrap();
        !reads_anything(&secret)
    };
    let out = run_in(&dir, &["extract", "--summary", "../summary.json", "-o", "../out.jsonl", ".", "missing.txt"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("k-unreadable.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");

    let written = std::fs::read_to_string(dir.join("../out.jsonl")).unwrap();
    let recs: Vec<Value> = written.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<(String, String)> = recs
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["error"]["kind"].as_str().unwrap_or("").to_owned()))
        .collect();
    let mut expected: Vec<(String, &str)> = vec![
        ("a-good.txt".into(), ""),
        ("b-bom.txt".into(), ""),
        ("c-latin1.txt".into(), ""),
        ("d-utf16le.txt".into(), ""),
        ("e-utf16be.md".into(), ""),
        ("f-bad-utf16.txt".into(), "encoding"),
        ("g-nul.txt".into(), "binary"),
        ("h-image.txt".into(), "binary"),
        ("i-empty.txt".into(), ""),
        ("j-blank.md".into(), ""),
        ("k-unreadable.txt".into(), if unreadable { "io" } else { "" }),
    ];
    if cfg!(unix) {
        expected.extend([
            ("l-dangling.txt".into(), "not_found"),
            ("m-loop-a.txt".into(), "io"),
            ("m-loop-b.txt".into(), "io"),
        ]);
    }
    expected.push(("n-folder.txt/inner.txt".into(), ""));
    expected.extend([
        ("p1".into(), ""),
        ("p-shard.jsonl:2".into(), "json"),
        ("p-shard.jsonl:3".into(), "missing_field"),
        ("p-shard.jsonl:4".into(), "field_type"),
        ("p5".into(), ""),
    ]);
    expected.extend((1..=30).map(|i| (format!("q{i}"), "")));
    expected.push(("q-cut.jsonl.gz:31".into(), "truncated"));
    expected.extend((1..=20).map(|i| (format!("r{i}"), "")));
    expected.push(("r-cut.jsonl.zst:21".into(), "truncated"));
    expected.push(("missing.txt".into(), "not_found"));
    let expected: Vec<(String, String)> = expected.into_iter().map(|(id, kind)| (id, kind.to_owned())).collect();
    assert_eq!(got, expected);

    // Accounting: records = inputs = written + failed, in the summary file and line.
    let failed = expected.iter().filter(|(_, kind)| !kind.is_empty()).count();
    let documents = expected.len();
    let summary: Value = serde_json::from_slice(&std::fs::read(dir.join("../summary.json")).unwrap()).unwrap();
    assert_eq!(
        (summary["documents"].as_u64(), summary["written"].as_u64(), summary["failed"].as_u64()),
        (Some(documents as u64), Some((documents - failed) as u64), Some(failed as u64))
    );
    let last = err.lines().last().unwrap();
    let line = format!("factex: {documents} documents read, {} written, {failed} failed;", documents - failed);
    assert!(last.starts_with(&line), "{last}");
    // One stderr line per failure, one warning per decoded file (and the folder loop), naming the file.
    let errors: Vec<&str> = err.lines().filter(|l| !l.starts_with("factex: warning: ")).collect();
    assert_eq!(errors.len(), failed + 1, "{err}");
    for ((id, _), message) in expected.iter().filter(|(_, kind)| !kind.is_empty()).zip(&errors) {
        let file = id.split(':').next().unwrap();
        assert!(message.contains(file), "{message} should name {file}");
    }
    let mut warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("factex: warning: ")).collect();
    warnings.sort();
    let mut expected_warnings = vec![
        "factex: warning: ./c-latin1.txt: not UTF-8, decoded as windows-1252 (offsets are into the decoded text)",
        "factex: warning: ./d-utf16le.txt: not UTF-8, decoded as UTF-16LE (offsets are into the decoded text)",
        "factex: warning: ./e-utf16be.md: not UTF-8, decoded as UTF-16BE (offsets are into the decoded text)",
    ];
    if cfg!(unix) {
        expected_warnings.push("factex: warning: ./o-dir/loop: skipped: symbolic link loop");
    }
    assert_eq!(warnings, expected_warnings, "{err}");
    schema_support::validate_records(&recs);
}
