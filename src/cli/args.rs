//! Command-line flags, parsed by clap into plain data, then validated into a [`Config`].

use std::num::NonZeroUsize;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use factex::output::Format;
use factex::source::{InputFormat, JsonlOptions, Shard};

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
}

/// Flags of `factex extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or folders to read, or `-` for standard input. Folders are walked recursively in
    /// sorted order; hidden entries and symbolic-link loops are skipped and only files with a
    /// selected extension (--ext) are read. A file argument is read whatever its extension.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// File extensions to read from folders (repeatable or comma-separated; replaces the
    /// default list). Add html to read HTML pages.
    #[arg(
        long = "ext",
        value_name = "EXT",
        value_delimiter = ',',
        default_value = "txt,md,jsonl,jsonl.gz,jsonl.zst",
        help_heading = "Input"
    )]
    pub extensions: Vec<String>,

    /// How to read inputs: by file extension (auto: .jsonl[.gz|.zst] and .ndjson are JSONL,
    /// .html and .htm are HTML, the rest text; standard input is text), or all the same way.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto, value_name = "FORMAT", help_heading = "Input")]
    pub input_format: InputFormatArg,

    /// JSONL: the field that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME", help_heading = "Input")]
    pub text_field: String,

    /// JSONL: the field that holds the document id; lines without it get FILE:LINE.
    #[arg(long, default_value = "id", value_name = "NAME", help_heading = "Input")]
    pub id_field: String,

    /// JSONL: copy this field into the record's `meta` (repeatable; kept in the order given).
    #[arg(long = "keep-field", value_name = "NAME", help_heading = "Input")]
    pub keep_fields: Vec<String>,

    /// Process only the inputs whose position in the sorted input list is K modulo N
    /// (0 <= K < N), so that N workers split the inputs without coordination. Whole files
    /// are shared out, not the lines inside a JSONL file.
    #[arg(long, value_name = "K/N", help_heading = "Input")]
    pub shard: Option<Shard>,

    /// Output format: one record per line, or one pretty-printed JSON array.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl, help_heading = "Output")]
    pub format: FormatArg,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Also write the end-of-run summary to FILE, as JSON.
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub summary: Option<PathBuf>,

    /// Print nothing on standard error but errors: no progress bar, warnings or summary line.
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,

    /// Worker threads [default: all cores]. The output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
}

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By file extension; standard input is text.
    Auto,
    /// Each file is one UTF-8 document.
    Text,
    /// One JSON object per line, one document per line.
    Jsonl,
    /// Each file is one HTML page; its visible text is the document.
    Html,
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
    /// Inputs, in order (`-` is standard input).
    pub paths: Vec<PathBuf>,
    /// Extensions read from folders.
    pub extensions: Vec<String>,
    /// How to read every input; `None` decides by extension.
    pub input_format: Option<InputFormat>,
    /// JSONL fields.
    pub jsonl: JsonlOptions,
    /// The share of the inputs to process.
    pub shard: Option<Shard>,
    /// Output format.
    pub format: Format,
    /// Output file, or standard output.
    pub output: Option<PathBuf>,
    /// Summary file.
    pub summary: Option<PathBuf>,
    /// Errors only on standard error.
    pub quiet: bool,
    /// Worker threads.
    pub threads: usize,
}

impl Config {
    /// Mapper mode: JSONL on standard input and nothing else, as distributed engines run it.
    /// Every input line then gets exactly one output line, and only a lost line fails the run.
    pub fn is_mapper(&self) -> bool {
        self.input_format == Some(InputFormat::Jsonl) && self.paths.len() == 1 && self.paths[0].as_os_str() == "-"
    }
}

impl ExtractArgs {
    /// Checks the flags and fills in defaults.
    pub fn into_config(self) -> Result<Config> {
        if self.paths.is_empty() {
            bail!(
                "no input: give one or more files or folders, or - for standard input, e.g. `factex extract corpus/`"
            );
        }
        if self.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            bail!("standard input (-) can be read only once");
        }
        let mut extensions = Vec::new();
        for ext in &self.extensions {
            let ext = ext.trim().trim_start_matches('.').to_owned();
            if ext.is_empty() {
                bail!("--ext needs an extension such as txt or jsonl.gz");
            }
            if !extensions.contains(&ext) {
                extensions.push(ext);
            }
        }
        for (flag, value) in [("--text-field", &self.text_field), ("--id-field", &self.id_field)] {
            if value.is_empty() {
                bail!("{flag} needs a field name");
            }
        }
        let mut keep_fields: Vec<String> = Vec::new();
        for field in self.keep_fields {
            if field.is_empty() {
                bail!("--keep-field needs a field name");
            }
            if !keep_fields.contains(&field) {
                keep_fields.push(field);
            }
        }
        let threads = match self.threads {
            Some(n) => n.get(),
            None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        };
        let input_format = match self.input_format {
            InputFormatArg::Auto => None,
            InputFormatArg::Text => Some(InputFormat::Text),
            InputFormatArg::Jsonl => Some(InputFormat::Jsonl),
            InputFormatArg::Html => Some(InputFormat::Html),
        };
        let format = match self.format {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Json => Format::Json,
        };
        Ok(Config {
            paths: self.paths,
            extensions,
            input_format,
            jsonl: JsonlOptions { text_field: self.text_field, id_field: self.id_field, keep_fields },
            shard: self.shard,
            format,
            output: self.output,
            summary: self.summary,
            quiet: self.quiet,
            threads,
        })
    }
}
