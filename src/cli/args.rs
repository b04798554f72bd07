//! Command-line flags, parsed by clap into plain data, then validated into a [`Config`].

use std::num::NonZeroUsize;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use factex::entity::Gazetteer;
use factex::eval::{self, SuiteSpec};
use factex::output::Format;

/// factex turns news articles into structured facts: numbers with units and qualifiers,
/// car makers, brands and places, with exact offsets.
#[derive(Debug, Parser)]
#[command(name = "factex", version, about, max_term_width = 100)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from articles and write one JSON record per article.
    Extract(ExtractArgs),
    /// Measure numeric extraction against peer test suites (Recognizers-Text, Duckling,
    /// quantulum3): precision, recall and F1 per suite, for the value and for value + unit.
    Eval(EvalArgs),
}

/// Flags of `factex extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or folders to read. Folders are walked recursively in sorted order; hidden entries
    /// are skipped and only .txt and .md files are read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: one record per line, or one pretty-printed JSON array.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads [default: all cores]. The output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,

    /// Add the entries of a gazetteer FILE (same TSV format as data/entities/*.tsv); an entry
    /// with an id that exists replaces it. Repeatable; later files win.
    #[arg(long = "entities", value_name = "FILE")]
    pub entities: Vec<PathBuf>,

    /// Start from an empty gazetteer instead of the built-in lists.
    #[arg(long)]
    pub no_default_entities: bool,
}

/// Flags of `factex eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The `eval/` folder holding `recognizers-text/`, `duckling/` and `quantulum3/`.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Run only this suite (`duckling-distance`) or family (`recognizers`, `duckling`,
    /// `quantulum3`); repeatable. Default: every suite.
    #[arg(long = "suite", value_name = "NAME")]
    pub suites: Vec<String>,

    /// Also list, per suite, the missed, mis-united and spurious items, and the suite unit
    /// names and factex kinds that the harness's tables do not cover yet.
    #[arg(long)]
    pub misses: bool,

    /// Output format: a Markdown table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
}

/// `factex eval --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// One Markdown table (and the misses as text).
    Table,
    /// One JSON object.
    Json,
}

/// A validated `eval` invocation.
#[derive(Debug)]
pub struct EvalConfig {
    /// The `eval/` folder.
    pub path: PathBuf,
    /// The suites to run, in report order.
    pub suites: Vec<&'static SuiteSpec>,
    /// List the misses.
    pub misses: bool,
    /// Output format.
    pub format: EvalFormat,
}

impl EvalArgs {
    /// Checks the suite names.
    pub fn into_config(self) -> Result<EvalConfig> {
        let suites = eval::select(&self.suites)?;
        Ok(EvalConfig { path: self.path, suites, misses: self.misses, format: self.format })
    }
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// JSON Lines: one compact record per line.
    Jsonl,
    /// One pretty-printed JSON array.
    Json,
}

/// A validated `extract` invocation.
#[derive(Debug)]
pub struct Config {
    /// Inputs, in order.
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Output file, or standard output.
    pub output: Option<PathBuf>,
    /// Worker threads.
    pub threads: usize,
    /// The entity lists to match.
    pub gazetteer: Gazetteer,
}

impl ExtractArgs {
    /// Checks the flags and fills in defaults.
    pub fn into_config(self) -> Result<Config> {
        if self.paths.is_empty() {
            bail!("no input: give one or more files or folders, e.g. `factex extract corpus/`");
        }
        let threads = match self.threads {
            Some(n) => n.get(),
            None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        };
        let format = match self.format {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Json => Format::Json,
        };
        let mut gazetteer = if self.no_default_entities { Gazetteer::empty() } else { Gazetteer::builtin() };
        for path in &self.entities {
            gazetteer.load(path).context("invalid gazetteer")?;
        }
        Ok(Config { paths: self.paths, format, output: self.output, threads, gazetteer })
    }
}
