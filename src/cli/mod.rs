//! The `factex` command line: flags → validated config → pipeline → exit status.
//!
//! `extract` wires the stages together: discovery (with `--ext`, then `--shard`), the reader
//! (with `--input-format`), the batch runner (with the JSONL fields), the record writer and the
//! report on standard error.

mod args;
mod eval;
mod output;
mod report;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use anyhow::{Context, Result, anyhow};
use clap::Parser;

use factex::Extractor;
use factex::batch::{Batch, Limits, ReadAhead};
use factex::output::RecordWriter;
use factex::source::{Discovery, Found, Input, Reader, Shard, Skipped, SourceError};

pub use args::{Args, Command, Config, EvalConfig, EvalFormat};
use output::Sink;
use report::Report;

/// Exit status when every input was processed.
pub const SUCCESS: u8 = 0;
/// Exit status when some inputs failed (each reported on stderr, the rest processed).
pub const SOME_FAILED: u8 = 1;
/// Exit status for usage errors (clap uses it too).
pub const USAGE: u8 = 2;

/// Parses the command line and runs it.
pub fn run() -> Result<ExitCode> {
    let args = Args::parse();
    match args.command {
        Command::Extract(extract) => {
            let config = match extract.into_config() {
                Ok(config) => config,
                Err(e) => {
                    eprintln!("factex: {e:#}");
                    return Ok(ExitCode::from(USAGE));
                }
            };
            extract_command(config)
        }
        Command::Eval(args) => {
            let config = match args.into_config() {
                Ok(config) => config,
                Err(e) => {
                    eprintln!("factex: {e:#}");
                    return Ok(ExitCode::from(USAGE));
                }
            };
            eval::run(&config)?;
            Ok(ExitCode::from(SUCCESS))
        }
        Command::Schema => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &factex::output::json_schema())?;
            writeln!(out)?;
            Ok(ExitCode::from(SUCCESS))
        }
    }
}

fn extract_command(mut config: Config) -> Result<ExitCode> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build_global()
        .context("cannot start the worker threads")?;
    let gazetteer = config.gazetteer.take();
    let config = &config;

    // A file is written to a temporary file renamed into place at the end (output.rs).
    let out = Sink::open(config.output.as_deref(), config.fsync)
        .with_context(|| format!("cannot create {}", config.output.as_deref().unwrap_or(Path::new("-")).display()))?;
    let name = out.name();
    // Inputs are found as the run goes: never read an earlier version of the output file.
    let output = config.output.as_ref().and_then(|path| std::fs::canonicalize(path).ok());

    let read = Arc::new(AtomicU64::new(0));
    let mut report = Report::new(config.quiet, read.clone());
    let discovery = Discovery::new(&config.extensions);
    report.total_later({
        let (discovery, paths, shard, output) = (discovery.clone(), config.paths.clone(), config.shard, output.clone());
        move || total_size(inputs(discovery, paths, shard, output, |_| {}))
    });
    let messages = report.messages();
    let inputs = inputs(discovery, config.paths.clone(), config.shard, output, move |s| messages.warn(&s));
    let reader = Reader::new(inputs).format(config.input_format).count_bytes(read);
    // One thread does everything, unless standard input is read: records must then come out
    // whenever the input stalls, which takes a reader thread. Otherwise the reader finds the
    // first files while the rules and automata are built (a few ms).
    let reading = if config.threads == 1 && !config.reads_stdin() {
        Reading::Here(reader)
    } else {
        Reading::Ahead(ReadAhead::start(reader, Limits::default()).context("cannot start the input reader")?)
    };
    // Not dropped: the process ends with the run, and freeing every table and automaton one by
    // one would only make the user wait (about 3 ms, a tenth of the start-up and end of a run).
    let extractor = std::mem::ManuallyDrop::new(
        match gazetteer {
            Some(gazetteer) => Extractor::builder().gazetteer(gazetteer),
            None => Extractor::builder(),
        }
        .build()
        .context("cannot build the entity matcher")?,
    );

    // Smaller than a batch's blocks (64 KiB), which are then written straight from where they
    // were encoded; the buffer gathers the small ones and the records of the JSON format.
    let mut writer = RecordWriter::new(BufWriter::with_capacity(1 << 14, out), config.format);
    let batch = Batch::new(&extractor).jsonl(config.jsonl.clone()).format(config.format);
    let result = match reading {
        Reading::Here(reader) => batch.run_here(reader, &mut writer, &mut report),
        Reading::Ahead(reading) => batch.run_reading(reading, &mut writer, &mut report),
    };
    let result = result.and_then(|summary| {
        let out = writer.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?;
        out.commit().map(|()| summary)
    });
    let summary = match result {
        Ok(summary) => summary,
        // `factex extract corpus | head -1`: the reader has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && !config.is_mapper() => return Ok(ExitCode::SUCCESS),
        // A mapper whose output closes has lost lines: the engine must know.
        Err(e) if config.is_mapper() => {
            return Err(anyhow!("cannot write to {name}, input lines were lost: {e}"));
        }
        // The temporary file is gone with the writer: an existing output file is left as it was.
        Err(e) => return Err(e).context(format!("cannot write to {name}")),
    };
    report.finish(&summary, config.summary.as_deref())?;

    let failed = if config.is_mapper() {
        // Each bad line was answered with an error record: only a line never read is a failure
        // (engines would otherwise retry, then abort a whole job over one bad line).
        report.unreadable > 0
    } else {
        summary.failed > 0
    };
    Ok(ExitCode::from(if failed { SOME_FAILED } else { SUCCESS }))
}

/// How the documents are read: on the calling thread, between documents, or by a reader
/// thread ahead of a pool of workers (see [`factex::batch`]).
enum Reading<R> {
    Here(R),
    Ahead(ReadAhead),
}

/// The inputs to process, found as the walk goes (on the thread that reads), with `--shard` applied
/// and the `output` file (canonical path) left out; entries skipped on purpose go to `skipped`.
fn inputs(
    discovery: Discovery,
    paths: Vec<PathBuf>,
    shard: Option<Shard>,
    output: Option<PathBuf>,
    skipped: impl Fn(String) + Send,
) -> impl Iterator<Item = Result<Input, SourceError>> + Send {
    let found = discovery.walk(paths).filter_map(move |found| match found {
        Found::Input(Ok(input)) if output.as_deref().is_some_and(|output| is_same_file(&input.path, output)) => {
            skipped(Skipped { path: input.path, reason: "it is the output file" }.to_string());
            None
        }
        Found::Input(input) => Some(input),
        Found::Skipped(s) => {
            skipped(s.to_string());
            None
        }
    });
    let shard = shard.unwrap_or(Shard { index: 0, count: 1 });
    shard.select(found)
}

/// True when `path` is the file at the canonical path `canonical` (compared by name first, so
/// that only likely matches cost a `canonicalize`).
fn is_same_file(path: &Path, canonical: &Path) -> bool {
    // A byte comparison first, since parsing a path's components for its name costs hundreds of
    // instructions (for every file, on the reader thread): `path` can only name the same file if
    // it ends with the bytes after the canonical path's last `/`.
    let canonical_bytes = canonical.as_os_str().as_encoded_bytes();
    let last = canonical_bytes.rsplit(|&b| std::path::is_separator(char::from(b))).next().unwrap_or_default();
    path.as_os_str().as_encoded_bytes().ends_with(last)
        && path.file_name() == canonical.file_name()
        && std::fs::canonicalize(path).is_ok_and(|p| p == canonical)
}

/// The size of all inputs on disk, for the progress bar; `None` when standard input is read.
fn total_size(inputs: impl Iterator<Item = Result<Input, SourceError>>) -> Option<u64> {
    let mut total = 0;
    for input in inputs.flatten() {
        if input.is_stdin() {
            return None;
        }
        total += std::fs::metadata(&input.path).map_or(0, |m| m.len());
    }
    Some(total)
}
