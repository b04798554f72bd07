//! Turning the user's path arguments into an ordered list of inputs.

use std::fmt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Input, SourceError, display, ends_with_ignore_case, file_name};

/// The extensions a folder walk takes when none are given.
pub const DEFAULT_EXTENSIONS: [&str; 5] = ["txt", "md", "jsonl", "jsonl.gz", "jsonl.zst"];

/// Which files a folder walk takes.
#[derive(Debug, Clone)]
pub struct Discovery {
    extensions: Vec<String>,
}

impl Default for Discovery {
    fn default() -> Discovery {
        Discovery::new(DEFAULT_EXTENSIONS)
    }
}

/// What [`Discovery::discover`] found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// The inputs in order; paths that cannot be listed are errors in their place.
    pub inputs: Vec<Result<Input, SourceError>>,
    /// Entries left out on purpose, to report as warnings (they are not inputs).
    pub skipped: Vec<Skipped>,
}

/// An entry a walk left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry.
    pub path: PathBuf,
    /// Why it was left out.
    pub reason: &'static str,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", display(&self.path), self.reason)
    }
}

impl Discovery {
    /// A walk that takes files whose names end in one of `extensions` (without the leading dot,
    /// compared case-insensitively; `jsonl.gz` works).
    pub fn new<I, S>(extensions: I) -> Discovery
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let extensions = extensions
            .into_iter()
            .map(|e| format!(".{}", e.as_ref().trim_start_matches('.').to_ascii_lowercase()))
            .collect();
        Discovery { extensions }
    }

    /// True when a file found in a folder should be read.
    pub fn accepts(&self, path: &Path) -> bool {
        let name = file_name(path);
        self.extensions.iter().any(|ext| name.len() > ext.len() && ends_with_ignore_case(name, ext))
    }

    /// Lists the inputs under `paths`, in argument order and sorted within each folder. A file
    /// argument is taken whatever its extension; `-` is standard input. Paths that cannot be
    /// listed appear as errors in their place; symbolic-link loops are skipped.
    pub fn discover(&self, paths: &[PathBuf]) -> Discovered {
        let mut found = Discovered::default();
        for entry in self.walk(paths.to_vec()) {
            match entry {
                Found::Input(input) => found.inputs.push(input),
                Found::Skipped(skipped) => found.skipped.push(skipped),
            }
        }
        found
    }

    /// The same as [`discover`](Discovery::discover), as the walk goes: only the entries of
    /// the folders being walked are held, so a run over millions of files does not hold their
    /// list.
    pub fn walk(&self, paths: Vec<PathBuf>) -> Walk {
        Walk { discovery: self.clone(), paths: paths.into_iter(), folder: None }
    }
}

/// An entry found by [`Discovery::walk`].
#[derive(Debug)]
pub enum Found {
    /// An input, or a path that could not be listed.
    Input(Result<Input, SourceError>),
    /// An entry left out on purpose.
    Skipped(Skipped),
}

/// The lazy walk of [`Discovery::walk`].
pub struct Walk {
    discovery: Discovery,
    paths: std::vec::IntoIter<PathBuf>,
    /// The folder being walked: its root and the walk.
    folder: Option<(PathBuf, Entries)>,
}

/// The entries of a folder walk.
type Entries = Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>;

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some((root, entries)) = &mut self.folder {
                match entries.next() {
                    Some(Ok(entry)) if entry.file_type().is_file() && self.discovery.accepts(entry.path()) => {
                        let relative = entry.path().strip_prefix(&*root).unwrap_or(entry.path());
                        let id = display(relative);
                        return Some(Found::Input(Ok(Input { id, path: entry.into_path() })));
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(e)) if e.loop_ancestor().is_some() => {
                        let path = e.path().unwrap_or(root).to_owned();
                        return Some(Found::Skipped(Skipped { path, reason: "symbolic link loop" }));
                    }
                    Some(Err(e)) => {
                        let path = e.path().unwrap_or(root).to_owned();
                        // A broken symbolic link (dangling, or a loop of file links) cannot be
                        // told to be a file or a folder: judge it by its name, as a file, and
                        // let the reader say what is wrong with it.
                        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                            if !self.discovery.accepts(&path) {
                                continue;
                            }
                            let id = display(path.strip_prefix(&*root).unwrap_or(&path));
                            return Some(Found::Input(Ok(Input { id, path })));
                        }
                        let io = e.into_io_error().unwrap_or_else(|| std::io::Error::other("cannot be listed"));
                        return Some(Found::Input(Err(SourceError::io(&path, io))));
                    }
                    None => self.folder = None,
                }
            }
            let path = self.paths.next()?;
            if path.as_os_str() == super::stdin::NAME {
                return Some(Found::Input(Ok(Input::stdin())));
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    let entries = WalkDir::new(&path)
                        .follow_links(true)
                        // Siblings share their parent's path, so their paths compare as their
                        // names do — without parsing each path's components per comparison
                        // (what `sort_by_file_name` does: 12% of the reader thread).
                        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                        .into_iter()
                        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
                    self.folder = Some((path, Box::new(entries)));
                }
                Ok(_) => return Some(Found::Input(Ok(Input { id: display(&path), path }))),
                Err(e) => return Some(Found::Input(Err(SourceError::io(&path, e)))),
            }
        }
    }
}

/// Lists the inputs under `paths` with the default extensions
/// (`txt`, `md`, `jsonl`, `jsonl.gz`, `jsonl.zst`).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    Discovery::default().discover(paths)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_compare_case_insensitively() {
        let d = Discovery::new(["txt", ".jsonl.gz"]);
        assert!(d.accepts(Path::new("a/B.TXT")));
        assert!(d.accepts(Path::new("shard.jsonl.gz")));
        assert!(!d.accepts(Path::new("a.md")));
        assert!(!d.accepts(Path::new(".txt")));
    }

    #[test]
    fn defaults_take_text_and_jsonl_shards() {
        let d = Discovery::default();
        for yes in ["a.txt", "a.md", "a.jsonl", "a.jsonl.gz", "a.jsonl.zst"] {
            assert!(d.accepts(Path::new(yes)), "{yes}");
        }
        for no in ["a.html", "a.gz", "a.json", "a.csv"] {
            assert!(!d.accepts(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn dash_is_standard_input() {
        let found = discover(&[PathBuf::from("-")]);
        assert_eq!(found.inputs.len(), 1);
        assert!(found.inputs[0].as_ref().unwrap().is_stdin());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_skipped_with_a_reason() {
        let dir = std::env::temp_dir().join(format!("factex-walk-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.txt"), "1 car").unwrap();
        std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
        let found = discover(std::slice::from_ref(&dir));
        let ids: Vec<&str> = found.inputs.iter().map(|i| i.as_ref().unwrap().id.as_str()).collect();
        assert_eq!(ids, ["sub/a.txt"]);
        assert_eq!(found.skipped.len(), 1);
        assert!(found.skipped[0].to_string().ends_with("sub/up: skipped: symbolic link loop"), "{}", found.skipped[0]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
