//! Output safety (issue 6): `-o FILE` is written atomically (never half-written, an older
//! version kept whole until the new one is complete, the temporary file removed on failure or
//! interrupt), an output that would overwrite an input is refused, and a failing write is an
//! error with exit status 1, never a silent truncation.

mod cli_support;

use cli_support::{factex, run_in, scratch, stderr};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

const LEXUS: &str = "Lexus sold 851,200 vehicles worldwide in 2024.";

#[test]
fn the_output_file_is_replaced_whole_and_no_temporary_file_is_left() {
    let dir = scratch("replace");
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a.txt"), LEXUS).unwrap();
    std::fs::write(dir.join("out.jsonl"), "an older run\n").unwrap();
    let out = run_in(&dir, &["extract", "-o", "out.jsonl", "--summary", "summary.json", "in"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1);
    assert!(written.starts_with("{\"schema\":\"factex/1\",\"id\":\"a.txt\""), "{written}");
    assert_eq!(names(&dir), ["in", "out.jsonl", "summary.json"]);

    // `--fsync` syncs before the rename; what is written is the same.
    let synced = run_in(&dir, &["extract", "--fsync", "-o", "synced.jsonl", "in"]);
    assert_eq!(synced.status.code(), Some(0), "{}", stderr(&synced));
    assert_eq!(std::fs::read_to_string(dir.join("synced.jsonl")).unwrap(), written);
    assert_eq!(names(&dir), ["in", "out.jsonl", "summary.json", "synced.jsonl"]);
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_the_old_output_and_no_temporary_file() {
    let dir = scratch("interrupt");
    std::fs::write(dir.join("out.jsonl"), "an older run\n").unwrap();
    let mut child = factex()
        .current_dir(&dir)
        .args(["extract", "--input-format", "jsonl", "-o", "out.jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for n in 0..100 {
        let line = serde_json::json!({ "id": n, "text": LEXUS }).to_string() + "\n";
        stdin.write_all(line.as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    // Wait until records reach the temporary file, with standard input still open.
    let temporary = dir.join(format!(".out.jsonl.tmp-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::metadata(&temporary).map_or(0, |m| m.len()) == 0 {
        assert!(Instant::now() < deadline, "no records written to {}", temporary.display());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(dir.join("out.jsonl")).unwrap(), "an older run\n");
    // SAFETY: kill has no memory-safety preconditions; the child is ours and still running.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) }, 0);
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("factex: interrupted; the output was not written"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.join("out.jsonl")).unwrap(), "an older run\n");
    assert_eq!(names(&dir), ["out.jsonl"]);
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = scratch("refuse");
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a.txt"), LEXUS).unwrap();
    for args in [
        &["extract", "-o", "in/a.txt", "in/a.txt"][..],
        &["extract", "-o", "./in/../in/a.txt", "in/a.txt"],
        &["extract", "--summary", "in/a.txt", "in/a.txt"],
        &["extract", "-o", "x.json", "--summary", "./x.json", "in"],
        &["extract", "-o", "in", "in"],
    ] {
        let out = run_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("factex: -o ") || err.starts_with("factex: --summary "), "{err}");
    }
    assert_eq!(
        stderr(&run_in(&dir, &["extract", "-o", "in/a.txt", "in/a.txt"])),
        "factex: -o in/a.txt: is also an input; refusing to overwrite an input (write it elsewhere)\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("in/a.txt")).unwrap(), LEXUS);
    assert_eq!(names(&dir), ["in"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_truncation() {
    let dir = scratch("full");
    std::fs::write(dir.join("a.txt"), LEXUS).unwrap();
    // A device is written directly: there is nothing to rename.
    let out = run_in(&dir, &["extract", "-o", "/dev/full", "a.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "factex: cannot write to /dev/full: No space left on device (os error 28)\n");

    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = factex().current_dir(&dir).args(["extract", "a.txt"]).stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "factex: cannot write to standard output: No space left on device (os error 28)\n");
}
