//! Turning the user's path arguments into an ordered list of inputs.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Input, SourceError, display};

/// Which files a folder walk takes, and how.
#[derive(Debug, Clone)]
pub struct Discovery {
    extensions: Vec<String>,
}

impl Default for Discovery {
    fn default() -> Discovery {
        Discovery::new(["txt", "md"])
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
        let Some(name) = path.file_name() else {
            return false;
        };
        let name = name.to_string_lossy().to_ascii_lowercase();
        self.extensions.iter().any(|ext| name.len() > ext.len() && name.ends_with(ext.as_str()))
    }

    /// Lists the inputs under `paths`, in argument order and sorted within each folder.
    /// Paths that cannot be listed appear as errors in their place.
    pub fn discover(&self, paths: &[PathBuf]) -> Vec<Result<Input, SourceError>> {
        let mut out = Vec::new();
        for path in paths {
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => self.walk(path, &mut out),
                Ok(_) => out.push(Ok(Input { id: display(path), path: path.clone() })),
                Err(e) => out.push(Err(SourceError::io(path, e))),
            }
        }
        out
    }

    fn walk(&self, root: &Path, out: &mut Vec<Result<Input, SourceError>>) {
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() && self.accepts(entry.path()) => {
                    let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                    out.push(Ok(Input { id: display(relative), path: entry.into_path() }));
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_owned();
                    let io = e.into_io_error().unwrap_or_else(|| std::io::Error::other("symbolic link loop"));
                    out.push(Err(SourceError::io(&path, io)));
                }
            }
        }
    }
}

/// Lists the inputs under `paths` with the default extensions (`.txt`, `.md`).
pub fn discover(paths: &[PathBuf]) -> Vec<Result<Input, SourceError>> {
    Discovery::default().discover(paths)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
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
}
