//! Command-line flags, parsed by clap into plain data, then validated into a [`Config`].

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use factex::entity::Gazetteer;
use factex::eval::{self, SuiteSpec};
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
    /// Measure numeric extraction against peer test suites (Recognizers-Text, Duckling,
    /// quantulum3): precision, recall and F1 per suite, for the value and for value + unit.
    Eval(EvalArgs),
    /// Print the JSON Schema (draft 2020-12) of the output records, as in
    /// schema/factex-1.schema.json.
    Schema,
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

    /// Sync the output file (-o) to the disk before it replaces the old one, so that even a
    /// power loss leaves the old file or the whole new one. Without it, the file is still
    /// written to a temporary file and renamed into place at the end, but not synced.
    #[arg(long, help_heading = "Output")]
    pub fsync: bool,

    /// Worker threads [default: all cores]. The output does not depend on it. With 1, one thread
    /// does all the work (standard input is still read on a thread of its own).
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

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By file extension; standard input is text.
    Auto,
    /// Each file is one document (UTF-8, UTF-16 with a byte-order mark, or Windows-1252).
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
    /// Sync the output file before it is renamed into place.
    pub fsync: bool,
    /// Worker threads.
    pub threads: usize,
    /// The entity lists to match; `None` for the built-in ones, which the extractor then parses
    /// while it builds its other rules.
    pub gazetteer: Option<Gazetteer>,
}

impl Config {
    /// True when standard input (`-`) is one of the inputs.
    pub fn reads_stdin(&self) -> bool {
        self.paths.iter().any(|p| p.as_os_str() == "-")
    }

    /// Mapper mode: JSONL on standard input and nothing else, as distributed engines run it.
    /// Every input line then gets exactly one output line, and only a lost line fails the run.
    pub fn is_mapper(&self) -> bool {
        self.input_format == Some(InputFormat::Jsonl) && self.paths.len() == 1 && self.reads_stdin()
    }
}

/// Refuses outputs that would destroy an input or each other: `-o` or `--summary` naming a file
/// argument (compared by canonical path, so `./a.txt`, `a.txt` and a link to it are the same),
/// the same file for both, or a folder. A file found inside a folder argument is not refused: the
/// walk leaves the output file out, with a warning.
fn check_outputs(paths: &[PathBuf], output: Option<&Path>, summary: Option<&Path>) -> Result<()> {
    let inputs: Vec<PathBuf> =
        paths.iter().filter(|p| p.as_os_str() != "-" && !p.is_dir()).filter_map(|p| resolve(p)).collect();
    for (flag, path) in [("-o", output), ("--summary", summary)] {
        let Some(path) = path else { continue };
        if path.is_dir() {
            bail!("{flag} {}: is a folder; give the name of a file to write", path.display());
        }
        if resolve(path).is_some_and(|p| inputs.contains(&p)) {
            bail!("{flag} {}: is also an input; refusing to overwrite an input (write it elsewhere)", path.display());
        }
    }
    if let (Some(output), Some(summary)) = (output, summary) {
        if resolve(output).is_some_and(|p| resolve(summary) == Some(p)) {
            bail!("-o and --summary name the same file ({}); give two files", output.display());
        }
    }
    Ok(())
}

/// The canonical path of `path`, or of its folder joined with its name when it does not exist
/// yet.
fn resolve(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok().or_else(|| {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
    })
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
        check_outputs(&self.paths, self.output.as_deref(), self.summary.as_deref())?;
        let gazetteer = if self.no_default_entities || !self.entities.is_empty() {
            let mut gazetteer = if self.no_default_entities { Gazetteer::empty() } else { Gazetteer::builtin() };
            for path in &self.entities {
                gazetteer.load(path).context("invalid gazetteer")?;
            }
            Some(gazetteer)
        } else {
            None
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
            fsync: self.fsync,
            threads,
            gazetteer,
        })
    }
}
