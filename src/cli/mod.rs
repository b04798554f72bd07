//! The `factex` command line: flags → validated config → pipeline → exit status.
//!
//! `extract` wires the stages together: discovery (with `--ext`, then `--shard`), the reader
//! (with `--input-format`), the batch runner (with the JSONL fields), the record writer and the
//! report on standard error.

mod args;
mod report;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use anyhow::{Context, Result, anyhow};
use clap::Parser;

use factex::Extractor;
use factex::batch::Batch;
use factex::output::RecordWriter;
use factex::source::{Discovery, Input, Reader, SourceError};

pub use args::{Args, Command, Config};
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
            extract_command(&config)
        }
    }
}

fn extract_command(config: &Config) -> Result<ExitCode> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build_global()
        .context("cannot start the worker threads")?;
    let extractor = Extractor::new();

    let discovered = Discovery::new(&config.extensions).discover(&config.paths);
    let inputs = match config.shard {
        Some(shard) => shard.select(discovered.inputs),
        None => discovered.inputs,
    };
    let read = Arc::new(AtomicU64::new(0));
    let total = Report::shows_progress(config.quiet).then(|| total_size(&inputs)).flatten();
    let mut report = Report::new(config.quiet, read.clone(), total);
    for skipped in &discovered.skipped {
        report.warn(&skipped.to_string());
    }
    let reader = Reader::new(inputs).format(config.input_format).count_bytes(read);

    let out: Box<dyn Write> = match &config.output {
        Some(path) => Box::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = RecordWriter::new(BufWriter::with_capacity(1 << 16, out), config.format);
    let batch = Batch::new(&extractor).jsonl(config.jsonl.clone()).format(config.format);
    let result = batch.run(reader, &mut writer, &mut report).and_then(|summary| writer.finish().map(|_| summary));
    let summary = match result {
        Ok(summary) => summary,
        // `factex extract corpus | head -1`: the reader has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && !config.is_mapper() => return Ok(ExitCode::SUCCESS),
        // A mapper whose output closes has lost lines: the engine must know.
        Err(e) if config.is_mapper() => return Err(anyhow!("cannot write the output, input lines were lost: {e}")),
        Err(e) => return Err(e).context("cannot write the output"),
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

/// The size of all inputs on disk, for the progress bar; `None` when standard input is read.
fn total_size(inputs: &[Result<Input, SourceError>]) -> Option<u64> {
    let mut total = 0;
    for input in inputs.iter().flatten() {
        if input.is_stdin() {
            return None;
        }
        total += std::fs::metadata(&input.path).map_or(0, |m| m.len());
    }
    Some(total)
}
