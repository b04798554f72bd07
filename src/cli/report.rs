//! What the user sees on standard error while a run goes on and when it ends: a progress bar
//! (only when standard error is a terminal), one line per failed document and per warning,
//! and a summary line; `--summary FILE` writes the same summary as JSON. `--quiet` keeps only
//! the error lines.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use factex::batch::{Observer, Summary};

/// Reports a run on standard error.
pub struct Report {
    messages: Messages,
    /// Bytes read so far by the reader (before decompression), for the bar.
    read: Arc<AtomicU64>,
    started: Instant,
    /// Documents whose bytes could not be read at all (kinds `io`, `not_found`, `truncated`).
    pub unreadable: usize,
}

impl Report {
    /// A report; shows a progress bar when standard error is a terminal and not `quiet`.
    /// `read` is the reader's byte counter.
    pub fn new(quiet: bool, read: Arc<AtomicU64>) -> Report {
        let bar = (!quiet && io::stderr().is_terminal()).then(progress_bar);
        Report { messages: Messages { quiet, bar }, read, started: Instant::now(), unreadable: 0 }
    }

    /// A handle for printing warnings and errors from another thread.
    pub fn messages(&self) -> Messages {
        self.messages.clone()
    }

    /// When a progress bar is shown, computes the size of all inputs with `total` on a helper
    /// thread and shows it (with an ETA) once known. `total` returns `None` when the size
    /// cannot be known (standard input).
    pub fn total_later(&self, total: impl FnOnce() -> Option<u64> + Send + 'static) {
        if let Some(bar) = self.messages.bar.clone() {
            std::thread::spawn(move || {
                if let Some(total) = total() {
                    bar.set_length(total);
                    bar.set_style(style(true));
                }
            });
        }
    }

    /// Ends the bar and prints the summary line (not with `--quiet`); writes the summary JSON to
    /// `file` if given.
    pub fn finish(&self, summary: &Summary, file: Option<&Path>) -> Result<()> {
        if let Some(bar) = &self.messages.bar {
            bar.finish_and_clear();
        }
        let totals = Totals::new(summary, self.started.elapsed());
        if !self.messages.quiet {
            eprintln_quietly(&totals.line());
        }
        if let Some(path) = file {
            let mut json = serde_json::to_vec_pretty(&totals).expect("the summary serializes");
            json.push(b'\n');
            super::output::write_file(path, &json)
                .with_context(|| format!("cannot write the summary to {}", path.display()))?;
        }
        Ok(())
    }
}

/// Prints warnings and errors on standard error, around the progress bar.
#[derive(Clone)]
pub struct Messages {
    quiet: bool,
    bar: Option<ProgressBar>,
}

impl Messages {
    /// Prints a warning (not with `--quiet`).
    pub fn warn(&self, message: &str) {
        if !self.quiet {
            self.print(&format!("factex: warning: {message}"));
        }
    }

    /// Prints an error, always.
    pub fn error(&self, message: &str) {
        self.print(&format!("factex: {message}"));
    }

    fn print(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln_quietly(line)),
            None => eprintln_quietly(line),
        }
    }
}

impl Observer for Report {
    fn failed(&mut self, kind: &str, message: &str) {
        if matches!(kind, "io" | "not_found" | "truncated") {
            self.unreadable += 1;
        }
        self.messages.error(message);
    }

    fn warned(&mut self, message: &str) {
        self.messages.warn(message);
    }

    fn progress(&mut self, summary: &Summary) {
        if let Some(bar) = &self.messages.bar {
            bar.set_position(self.read.load(Ordering::Relaxed));
            bar.set_message(format!("{} documents", summary.documents));
        }
    }
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style(false));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn style(with_total: bool) -> ProgressStyle {
    let template = if with_total {
        "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} · {msg}"
    } else {
        "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} · {msg}"
    };
    ProgressStyle::with_template(template).expect("the template is valid").progress_chars("=> ")
}

/// Writes a line on standard error, ignoring failures (there is nowhere else to report them).
fn eprintln_quietly(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// The end-of-run summary, as written to `--summary FILE`.
#[derive(Debug, Serialize)]
struct Totals {
    /// Documents read: files, JSONL lines, inputs that could not be read.
    documents: usize,
    /// Records with facts written.
    written: usize,
    /// Documents that failed (written as error records).
    failed: usize,
    /// Bytes of input in the documents.
    bytes: u64,
    /// Entities and quantities written.
    facts: usize,
    /// Entity mentions written.
    entities: usize,
    /// Quantities written.
    quantities: usize,
    /// Wall time of the run.
    seconds: f64,
    /// Input megabytes (10^6 bytes) per second.
    mb_per_s: f64,
}

impl Totals {
    fn new(summary: &Summary, elapsed: Duration) -> Totals {
        let seconds = elapsed.as_secs_f64();
        let mb_per_s = if seconds > 0.0 { summary.bytes as f64 / 1e6 / seconds } else { 0.0 };
        Totals {
            documents: summary.documents,
            written: summary.written,
            failed: summary.failed,
            bytes: summary.bytes,
            facts: summary.facts(),
            entities: summary.entities,
            quantities: summary.quantities,
            seconds: round(seconds, 3),
            mb_per_s: round(mb_per_s, 2),
        }
    }

    fn line(&self) -> String {
        format!(
            "factex: {} documents read, {} written, {} failed; {:.1} MB; {} facts; {:.2} s; {:.1} MB/s",
            self.documents,
            self.written,
            self.failed,
            self.bytes as f64 / 1e6,
            self.facts,
            self.seconds,
            self.mb_per_s
        )
    }
}

fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}
