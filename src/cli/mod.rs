//! The `factex` command line: flags → validated config → pipeline → exit status.

mod args;
mod eval;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use factex::output::RecordWriter;
use factex::{Extractor, batch, source};

pub use args::{Args, Command, Config, EvalConfig, EvalFormat};

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
    }
}

fn extract_command(config: &Config) -> Result<ExitCode> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build_global()
        .context("cannot start the worker threads")?;
    let extractor =
        Extractor::builder().gazetteer(config.gazetteer.clone()).build().context("cannot build the entity matcher")?;
    let inputs = source::discover(&config.paths);

    let out: Box<dyn Write> = match &config.output {
        Some(path) => Box::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = RecordWriter::new(BufWriter::with_capacity(1 << 16, out), config.format);
    let stderr = io::stderr();
    let summary = batch::run(inputs, &extractor, &mut writer, config.format, |message| {
        let _ = writeln!(stderr.lock(), "factex: {message}");
    })?;
    writer.finish()?;
    Ok(ExitCode::from(if summary.failed > 0 { SOME_FAILED } else { SUCCESS }))
}
