//! Turning the user's path arguments into an ordered list of inputs.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::{Folder, Input, SourceError, display, ends_with_ignore_case, file_name};

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
        self.accepts_name(file_name(path))
    }

    /// [`accepts`](Discovery::accepts) for a file's name.
    fn accepts_name(&self, name: &[u8]) -> bool {
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
///
/// A folder is listed one level at a time with `std::fs::read_dir`, its entries sorted by name
/// (byte order) and visited depth first, so the inputs come in the order of their paths. The
/// type of an entry comes from the listing itself; the size of a file is asked relative to its
/// open folder (`fstatat`), which is much cheaper than a stat of the whole path: on the
/// 21,268-file benchmark folder the reader thread's stats went from about 50 to about 20 ms of
/// CPU. Symbolic links are followed (to files and to folders); one that leads back to a folder
/// being walked is a loop and is skipped; hidden entries (names starting with `.`) below the
/// given path are skipped.
pub struct Walk {
    discovery: Discovery,
    paths: std::vec::IntoIter<PathBuf>,
    /// The folder being walked: its root and the open levels, deepest last.
    folder: Option<(PathBuf, Vec<Level>)>,
}

/// One listed folder of a walk: its entries not visited yet, and its identity (for loops).
struct Level {
    /// The folder's path, which its entries' paths extend.
    path: PathBuf,
    /// Each entry with its name (the key it was sorted by, kept so as not to be copied again).
    entries: std::vec::IntoIter<(std::ffi::OsString, fs::DirEntry)>,
    id: FolderId,
    /// The folder held open, to open its files by name.
    folder: Option<Folder>,
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some((root, levels)) = &mut self.folder {
                let Some(level) = levels.last_mut() else {
                    self.folder = None;
                    continue;
                };
                let Some((name, entry)) = level.entries.next() else {
                    levels.pop();
                    continue;
                };
                let path = child(&level.path, &name);
                if let Some(found) = self.discovery.visit(root, levels, &name, path, entry) {
                    return Some(found);
                }
                continue;
            }
            let path = self.paths.next()?;
            if path.as_os_str() == super::stdin::NAME {
                return Some(Found::Input(Ok(Input::stdin())));
            }
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => match list(&path, &meta) {
                    Ok(level) => self.folder = Some((path, vec![level])),
                    Err(e) => return Some(Found::Input(Err(SourceError::io(&path, e)))),
                },
                Ok(meta) => {
                    return Some(Found::Input(Ok(Input {
                        id: display(&path),
                        path,
                        size: Some(meta.len()),
                        folder: None,
                    })));
                }
                Err(e) => return Some(Found::Input(Err(SourceError::io(&path, e)))),
            }
        }
    }
}

impl Discovery {
    /// What one folder entry is: an input, a skipped loop, a folder to descend into (pushed on
    /// `levels`; `None` returned), or nothing to report.
    fn visit(
        &self,
        root: &Path,
        levels: &mut Vec<Level>,
        name: &std::ffi::OsStr,
        path: PathBuf,
        entry: fs::DirEntry,
    ) -> Option<Found> {
        if is_hidden(name) {
            return None;
        }
        let id = || relative_id(root, &path);
        let folder = || levels.last().and_then(|level| level.folder.clone());
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => return Some(Found::Input(Err(SourceError::io(&path, e)))),
        };
        if kind.is_symlink() {
            return match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    let id = folder_id(&meta);
                    if levels.iter().any(|level| same_folder(&level.id, &id)) {
                        return Some(Found::Skipped(Skipped { path, reason: "symbolic link loop" }));
                    }
                    self.descend(path, &meta, levels)
                }
                Ok(meta) if meta.is_file() && self.accepts(&path) => {
                    Some(Found::Input(Ok(Input { id: id(), path, size: Some(meta.len()), folder: folder() })))
                }
                Ok(_) => None,
                // A broken symbolic link (dangling, or a loop of file links) cannot be told to
                // be a file or a folder: judge it by its name, as a file, and let the reader say
                // what is wrong with it.
                Err(_) if self.accepts(&path) => {
                    Some(Found::Input(Ok(Input { id: id(), path, size: None, folder: folder() })))
                }
                Err(_) => None,
            };
        }
        if kind.is_dir() {
            return match entry.metadata() {
                Ok(meta) => self.descend(path, &meta, levels),
                Err(e) => Some(Found::Input(Err(SourceError::io(&path, e)))),
            };
        }
        if !kind.is_file() || !self.accepts_name(name.as_encoded_bytes()) {
            return None;
        }
        // Relative to the open folder; if it fails, the reader asks again and reports why.
        let size = entry.metadata().ok().map(|meta| meta.len());
        Some(Found::Input(Ok(Input { id: id(), path, size, folder: folder() })))
    }

    /// Lists the folder at `path` as the next level of the walk; a folder that cannot be listed
    /// is an error in its place.
    fn descend(&self, path: PathBuf, meta: &fs::Metadata, levels: &mut Vec<Level>) -> Option<Found> {
        match list(&path, meta) {
            Ok(level) => {
                levels.push(level);
                None
            }
            Err(e) => Some(Found::Input(Err(SourceError::io(&path, e)))),
        }
    }
}

/// The entries of the folder at `path`, sorted by name.
fn list(path: &Path, meta: &fs::Metadata) -> std::io::Result<Level> {
    let entries: Vec<(std::ffi::OsString, fs::DirEntry)> =
        fs::read_dir(path)?.map(|entry| entry.map(|entry| (entry.file_name(), entry))).collect::<Result<_, _>>()?;
    let folder = Folder::open(path);
    Ok(Level { path: path.to_owned(), entries: sorted_by_name(entries).into_iter(), id: folder_id(meta), folder })
}

/// `entries` in the byte order of their names. They are sorted by the first 16 bytes of each
/// name read as one number (names hold no NUL byte, so padding a short one with zeros keeps the
/// byte order), and whole names are compared only where those are equal: sorting small keys
/// rather than moving the entries and comparing names took the sort of the 19,043-file folder
/// of the benchmark from 17 to 3 M instructions.
fn sorted_by_name<T>(entries: Vec<(std::ffi::OsString, T)>) -> Vec<(std::ffi::OsString, T)> {
    let key = |name: &std::ffi::OsStr| {
        let (mut padded, name) = ([0; 16], name.as_encoded_bytes());
        let n = name.len().min(16);
        padded[..n].copy_from_slice(&name[..n]);
        u128::from_be_bytes(padded)
    };
    let mut order: Vec<(u128, usize)> = entries.iter().enumerate().map(|(i, (name, _))| (key(name), i)).collect();
    order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| entries[a.1].0.cmp(&entries[b.1].0)));
    let mut entries: Vec<Option<_>> = entries.into_iter().map(Some).collect();
    order.iter().map(|&(_, i)| entries[i].take().expect("every index comes once")).collect()
}

/// The path of the entry `name` of the folder at `folder`: `folder.join(name)` (what
/// `DirEntry::path` makes) allocated once at its final size instead of copied then grown.
fn child(folder: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(folder.as_os_str().len() + 1 + name.len());
    path.push(folder);
    path.push(name);
    path
}

/// What tells two folders apart: device and inode.
#[cfg(unix)]
type FolderId = (u64, u64);

#[cfg(unix)]
fn folder_id(meta: &fs::Metadata) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(unix)]
fn same_folder(a: &FolderId, b: &FolderId) -> bool {
    a == b
}

/// Elsewhere the walk does not detect loops (factex is built and tested on Unix).
#[cfg(not(unix))]
type FolderId = ();

#[cfg(not(unix))]
fn folder_id(_: &fs::Metadata) -> FolderId {}

#[cfg(not(unix))]
fn same_folder(_: &FolderId, _: &FolderId) -> bool {
    false
}

/// Lists the inputs under `paths` with the default extensions
/// (`txt`, `md`, `jsonl`, `jsonl.gz`, `jsonl.zst`).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    Discovery::default().discover(paths)
}

/// The id of `path`, found under the folder argument `root`: the path relative to it. Every path
/// of the walk is `root` joined with names, so the part after `root`'s bytes is the relative
/// path; comparing components (`Path::strip_prefix`) is only needed when it is not.
fn relative_id(root: &Path, path: &Path) -> String {
    let (root_bytes, bytes) = (root.as_os_str().as_encoded_bytes(), path.as_os_str().as_encoded_bytes());
    let separator = |b: &u8| std::path::is_separator(char::from(*b));
    let rest = bytes
        .strip_prefix(root_bytes)
        .filter(|rest| rest.first().is_some_and(separator) || root_bytes.last().is_some_and(separator))
        .map(|rest| &rest[rest.iter().take_while(|b| separator(b)).count()..]);
    match rest.map(std::str::from_utf8) {
        // Already text: only the separators may need replacing.
        Some(Ok(rest)) if std::path::MAIN_SEPARATOR == '/' => rest.to_owned(),
        Some(Ok(rest)) => display(Path::new(rest)),
        _ => display(path.strip_prefix(root).unwrap_or(path)),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_paths_relative_to_the_folder_argument() {
        for (root, path, id) in [
            ("corpus", "corpus/a.txt", "a.txt"),
            ("corpus/", "corpus/a.txt", "a.txt"),
            ("corpus", "corpus/bbc/tech/001.txt", "bbc/tech/001.txt"),
            (".", "./x/y.md", "x/y.md"),
            ("/", "/data.jsonl", "data.jsonl"),
            ("a//b", "a//b/c.txt", "c.txt"),
            ("./corpus", "./corpus/é.txt", "é.txt"),
        ] {
            let (root, path) = (Path::new(root), Path::new(path));
            assert_eq!(relative_id(root, path), display(path.strip_prefix(root).unwrap()), "{path:?} under {root:?}");
            assert_eq!(relative_id(root, path), id);
        }
    }

    #[test]
    fn entry_paths_are_joined_as_the_standard_library_joins() {
        for (folder, name) in
            [("corpus", "a.txt"), ("corpus/", "a.txt"), ("/", "a"), ("a//b", "c"), (".", "x"), ("", "y")]
        {
            assert_eq!(child(Path::new(folder), std::ffi::OsStr::new(name)), Path::new(folder).join(name));
        }
    }

    #[test]
    fn entries_are_sorted_by_the_bytes_of_their_names() {
        let mut random = crate::testing::xorshift(7);
        let mut next = || random.next().expect("endless");
        for _ in 0..200 {
            // Short names over a small alphabet (many shared prefixes, some longer than the
            // 16 bytes of the sort key), and multibyte characters.
            let mut names: Vec<String> = (0..(next() % 40) as usize)
                .map(|_| {
                    let len = (next() % 24) as usize + 1;
                    (0..len).map(|_| ['a', 'b', 'Z', '0', '.', 'é', '世'][(next() % 7) as usize]).collect()
                })
                .collect();
            names.sort_unstable();
            names.dedup();
            let mut shuffled: Vec<(std::ffi::OsString, u64)> = names.iter().map(|name| (name.into(), next())).collect();
            shuffled.sort_unstable_by_key(|&(_, random)| random);
            let mut expected = shuffled.clone();
            expected.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
            assert_eq!(sorted_by_name(shuffled), expected);
        }
    }

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
    fn links_are_followed_hidden_entries_skipped_and_sizes_known() {
        let dir = std::env::temp_dir().join(format!("factex-walk-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (root, elsewhere) = (dir.join("root"), dir.join("elsewhere"));
        for sub in ["root/B", "root/a", "root/.hidden", "elsewhere/deep"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for (file, text) in [
            ("root/B/z.txt", "1"),
            ("root/a/y.txt", "22"),
            ("root/a/x.csv", "no"),
            ("root/.hidden/h.txt", "no"),
            ("root/.h.txt", "no"),
            ("root/c.txt", "333"),
            ("elsewhere/deep/w.txt", "4444"),
            ("elsewhere/v.txt", "55555"),
        ] {
            std::fs::write(dir.join(file), text).unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, root.join("d")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("v.txt"), root.join("e.txt")).unwrap();
        let found = discover(std::slice::from_ref(&root));
        let inputs: Vec<(&str, Option<u64>)> =
            found.inputs.iter().map(|i| i.as_ref().unwrap()).map(|i| (i.id.as_str(), i.size)).collect();
        // Byte order: "B" sorts before "a"; a linked folder is walked in place.
        assert_eq!(
            inputs,
            [
                ("B/z.txt", Some(1)),
                ("a/y.txt", Some(2)),
                ("c.txt", Some(3)),
                ("d/deep/w.txt", Some(4)),
                ("d/v.txt", Some(5)),
                ("e.txt", Some(5))
            ]
        );
        assert!(found.skipped.is_empty());
        // Each is read by its name in the folder found open, through links too.
        assert!(found.inputs.iter().all(|i| i.as_ref().unwrap().folder.is_some()));
        let read: Vec<Vec<u8>> = crate::source::Reader::new(found.inputs).map(|d| d.into_bytes().unwrap()).collect();
        assert_eq!(read, ["1", "22", "333", "4444", "55555", "55555"].map(|t| t.as_bytes().to_vec()));
        // A file argument is taken whatever its extension, with its size.
        let one = discover(&[root.join("a/x.csv")]);
        assert_eq!(one.inputs[0].as_ref().unwrap().size, Some(2));
        std::fs::remove_dir_all(&dir).unwrap();
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
