//! Where records (and the `--summary` JSON) are written: standard output, or a file.
//!
//! A regular file — or a path that does not exist yet — is written atomically: into a hidden
//! temporary file in the same folder (`.NAME.tmp-PID`, which a folder walk skips), flushed and
//! put in place of the file (renamed, or swapped with it: see [`replace`]) only once everything
//! was written. Until then the file is untouched: an
//! older version stays whole, and no half-written output ever looks complete.
//!
//! The data is not synced to the disk before the rename unless asked (`--fsync`,
//! [`OutputFile::durable`]): like `sort -o`, `gzip` or `rsync` without `--fsync`, a run leaves
//! durability across a power loss to the file system, and does not wait for the disk (a sync
//! of 20 MB of output took 30 to 40 ms here, 6% of a run over the 22 MB benchmark folder).
//! When the run fails or panics, the temporary file is removed; when it is interrupted (SIGINT,
//! SIGTERM, SIGHUP) a signal handler removes it and exits with status 130. Only a kill that
//! cannot be caught (SIGKILL, power loss) leaves it behind — never the file itself.
//!
//! A symbolic link to a file is followed (the link stays a link); a file being replaced keeps its
//! permissions. What cannot be renamed over — a device such as `/dev/full` or `/dev/null`, a
//! FIFO, anything under `/dev` or `/proc` — is written directly.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// Exit status after an interrupt (128 + SIGINT, as a shell reports it).
const INTERRUPTED: i32 = 130;

/// Temporary files not yet renamed into place, for the signal handler to remove.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the pending temporary files on SIGINT, SIGTERM and SIGHUP, then exits.
fn remove_on_interrupt() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Fails only when a handler is already installed; the run then goes on without one.
        let _ = ctrlc::set_handler(|| {
            // Held until exit: a rename in progress finishes first, none starts after.
            let pending = pending();
            for path in pending.iter() {
                let _ = fs::remove_file(path);
            }
            let _ = writeln!(io::stderr(), "factex: interrupted; the output was not written");
            std::process::exit(INTERRUPTED);
        });
    });
}

/// The output of a run: standard output or a file (see the module docs).
pub enum Sink {
    /// Standard output.
    Stdout(io::StdoutLock<'static>),
    /// A file, written atomically or directly.
    File(OutputFile),
}

impl Sink {
    /// Standard output, or `path` opened for writing; `fsync`: sync the file to the disk before
    /// it is put in place.
    pub fn open(path: Option<&Path>, fsync: bool) -> io::Result<Sink> {
        Ok(match path {
            None => Sink::Stdout(io::stdout().lock()),
            Some(path) => Sink::File(OutputFile::create(path)?.durable(fsync)),
        })
    }

    /// What the output is, for messages: `standard output` or the path as given.
    pub fn name(&self) -> String {
        match self {
            Sink::Stdout(_) => "standard output".into(),
            Sink::File(file) => file.path.display().to_string(),
        }
    }

    /// Ends the output: flushes standard output, or puts the file in place.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::File(file) => file.commit(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File(file) => file.file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::File(file) => file.file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(file) => file.file.flush(),
        }
    }
}

/// A file being written: directly, or through a temporary file renamed into place by
/// [`commit`](OutputFile::commit) and removed if it is dropped before.
pub struct OutputFile {
    /// The path as given.
    path: PathBuf,
    file: File,
    /// For an atomic write: the temporary file and the file it will replace.
    atomic: Option<(PathBuf, PathBuf)>,
    /// Sync the data to the disk before the rename.
    fsync: bool,
}

impl OutputFile {
    /// Opens `path` for writing (see the module docs).
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        let target = match fs::metadata(path) {
            Ok(meta) if !meta.is_file() => None,
            _ if path.starts_with("/dev") || path.starts_with("/proc") => None,
            // Follow a symbolic link: replace what it points to, not the link.
            Ok(meta) => Some((fs::canonicalize(path)?, Some(meta.permissions()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Some((path.to_owned(), None)),
            Err(e) => return Err(e),
        };
        let Some((target, permissions)) = target else {
            let file = OpenOptions::new().write(true).create(true).truncate(true).open(path)?;
            return Ok(OutputFile { path: path.to_owned(), file, atomic: None, fsync: false });
        };
        let name = target.file_name().ok_or_else(|| io::Error::other("not a file name"))?;
        let mut temporary_name = std::ffi::OsString::from(".");
        temporary_name.push(name);
        temporary_name.push(format!(".tmp-{}", std::process::id()));
        let temporary = target.with_file_name(temporary_name);
        remove_on_interrupt();
        let mut pending = pending();
        let file = OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        pending.push(temporary.clone());
        drop(pending);
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        Ok(OutputFile { path: path.to_owned(), file, atomic: Some((temporary, target)), fsync: false })
    }

    /// Syncs the file's data to the disk before [`commit`](OutputFile::commit) puts it in place
    /// (`--fsync`), so that after a power loss the file is the old version or the whole new one.
    pub fn durable(mut self, fsync: bool) -> OutputFile {
        self.fsync = fsync;
        self
    }

    /// Writes everything to disk and, for an atomic write, renames the temporary file over the
    /// target.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.flush()?;
        let Some((temporary, target)) = self.atomic.take() else {
            return Ok(());
        };
        let synced = if self.fsync { self.file.sync_all() } else { Ok(()) };
        let result = synced.and_then(|()| {
            let mut pending = pending();
            let renamed = replace(&temporary, &target);
            pending.retain(|p| *p != temporary);
            renamed
        });
        if result.is_err() {
            self.atomic = Some((temporary, target));
        }
        result
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Some((temporary, _)) = self.atomic.take() {
            let mut pending = pending();
            let _ = fs::remove_file(&temporary);
            pending.retain(|p| *p != temporary);
        }
    }
}

/// Puts the file at `temporary` in place of `target`, atomically: `target` names either the old
/// file or the new one, never neither.
///
/// On Linux an existing file is swapped with the new one (`renameat2` with `RENAME_EXCHANGE`) and
/// the old one, now at `temporary`, is removed, rather than renamed over: ext4 (`auto_da_alloc`)
/// allocates and starts writing out every block of a file renamed over another, in the rename —
/// 20 to 28 ms for the 57 MB written over the benchmark folder, against 0.1 ms for the swap and
/// 10 ms to remove the old file. Durability is what it is without `--fsync` either way (see the
/// module docs). Where the swap is not supported, or there is no old file, a plain rename.
fn replace(temporary: &Path, target: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, temporary, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            // The old file, now under the temporary name; if it cannot be removed, it is left
            // there (hidden) as after an uncatchable kill, and the new file is in place anyway.
            let _ = fs::remove_file(temporary);
            return Ok(());
        }
    }
    fs::rename(temporary, target)
}

/// Writes `bytes` to `path` the same way (the `--summary` file).
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OutputFile::create(path)?;
    file.file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("factex-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn the_file_appears_whole_at_the_end_or_not_at_all() {
        let dir = scratch("atomic");
        let path = dir.join("out.jsonl");
        fs::write(&path, "old\n").unwrap();
        let mut out = OutputFile::create(&path).unwrap();
        out.file.write_all(b"new, half").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n", "untouched while writing");
        let temporary = format!(".out.jsonl.tmp-{}", std::process::id());
        assert_eq!(entries(&dir), [temporary.as_str(), "out.jsonl"]);
        drop(out); // a failed run
        assert_eq!(entries(&dir), ["out.jsonl"]);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert!(!pending().iter().any(|p| p.starts_with(&dir)), "no longer pending");

        let mut out = OutputFile::create(&path).unwrap();
        out.file.write_all(b"new\n").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(entries(&dir), ["out.jsonl"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_created_and_an_old_one_replaced_as_a_rename_would() {
        let dir = scratch("replace");
        let path = dir.join("out.jsonl");
        write_file(&path, b"first\n").unwrap();
        assert_eq!((fs::read_to_string(&path).unwrap().as_str(), entries(&dir)), ("first\n", vec!["out.jsonl".into()]));
        // Another name for the old file keeps the old content, as after a rename over it.
        fs::hard_link(&path, dir.join("kept.jsonl")).unwrap();
        write_file(&path, b"second\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second\n");
        assert_eq!(fs::read_to_string(dir.join("kept.jsonl")).unwrap(), "first\n");
        assert_eq!(entries(&dir), ["kept.jsonl", "out.jsonl"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_and_symbolic_links_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("links");
        let real = dir.join("real.jsonl");
        fs::write(&real, "old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink("real.jsonl", dir.join("link.jsonl")).unwrap();
        write_file(&dir.join("link.jsonl"), b"new\n").unwrap();
        assert!(fs::symlink_metadata(dir.join("link.jsonl")).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_are_written_directly() {
        let mut out = OutputFile::create(Path::new("/dev/null")).unwrap();
        assert!(out.atomic.is_none());
        out.file.write_all(b"x").unwrap();
        out.commit().unwrap();
        let mut full = OutputFile::create(Path::new("/dev/full")).unwrap();
        let err = full.file.write_all(b"x").and_then(|()| full.file.flush()).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOSPC));
    }
}
