//! Stage 6, `write`: put a built site on disk so that the output folder
//! holds a whole site, the previous one or the new one, whatever happens
//! to the build.
//!
//! - A build takes a lock on the output folder's marker file first: a
//!   second build into the same folder waits for it.
//! - Files are staged while the site renders, inside the output folder in
//!   a folder of the build's own (`.oerhub-stage-<id>`); a file whose bytes
//!   did not change is not staged, so its inode and mtime stay.
//! - Once the build has succeeded, a [`journal`] of moves and removals is
//!   written whole, and only then does anything move. A build that fails,
//!   is interrupted or is killed before that point leaves the previous site
//!   untouched (its stage is removed on the way out, or by the next build);
//!   one killed while moving is finished by the next build, which replays
//!   the journal.
//! - Names the site does not make but its publisher keeps (`.git`, `CNAME`,
//!   `output.keep` in `oerhub.yaml`) are never removed.
//!
//! A marker file keeps oerhub from cleaning a folder it did not make.

mod hooks;
mod journal;
mod spool;

pub use spool::Spool;

use std::path::{Component, Path, PathBuf};

pub const MARKER: &str = ".oerhub-output";
const MARKER_TEXT: &[u8] =
    b"This folder is written by oerhub build; files not produced by the build are removed.\n";
/// The prefix of a build's stage folder inside the output folder.
const STAGE_PREFIX: &str = ".oerhub-stage-";

/// Names kept in every output folder although no build makes them: a
/// publishing checkout's `.git` and GitHub Pages' `CNAME`.
pub const ALWAYS_KEPT: [&str; 2] = [".git", "CNAME"];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The disk said no: full, read-only, permissions, a name too long.
    Io {
        path: PathBuf,
        action: &'static str,
        error: std::io::Error,
    },
    /// oerhub refuses: a folder it did not make, a path outside the output.
    Refused(String),
    /// Ctrl-C or a termination signal arrived.
    Interrupted,
}

impl WriteError {
    /// What to do about it, for the message.
    pub fn hint(&self) -> Option<&'static str> {
        let WriteError::Io { error, .. } = self else {
            return None;
        };
        Some(match error.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                "the disk is full: free some space on it (or choose another --out), then build again"
            }
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                "oerhub may not write there: check the folder's owner and permissions, or choose another --out"
            }
            std::io::ErrorKind::InvalidFilename => {
                "a file name is too long for this file system: shorten the page's slug or file name"
            }
            _ => "check the disk and the folder's permissions, then build again",
        })
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io {
                path,
                action,
                error,
            } => write!(f, "{}: cannot {action}: {error}", path.display()),
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Interrupted => f.write_str("interrupted"),
        }
    }
}

/// Codes of the diagnostics a write failure becomes; the command line
/// turns them into exit codes.
pub const IO_CODE: &str = "io";
pub const REFUSED_CODE: &str = "output-refused";
pub const INTERRUPTED_CODE: &str = "interrupted";

/// A write failure as the build's diagnostic.
pub fn diagnostic(e: WriteError) -> crate::diag::Diagnostic {
    let code = match &e {
        WriteError::Io { .. } => IO_CODE,
        WriteError::Refused(_) => REFUSED_CODE,
        WriteError::Interrupted => INTERRUPTED_CODE,
    };
    let d = crate::diag::Diagnostic::global(e.to_string()).with_code(code);
    match e.hint() {
        Some(hint) => d.with_hint(hint),
        None => d,
    }
}

/// Finishes or clears what an interrupted build left in `out` (what every
/// build does first), under the lock; `false` when `out` is not an output
/// folder.
pub fn recover(out: &Path) -> Result<bool, WriteError> {
    if !out.join(MARKER).is_file() {
        return Ok(false);
    }
    OutputDir::open(out, &[]).map(|_| true)
}

/// Writes a site built in memory (`--offline`) the way a spooled build
/// writes its files.
pub fn write(
    output: &crate::render::Output,
    out: &Path,
    keep: &[String],
) -> Result<WriteStats, WriteError> {
    let spool = Spool::open(out, keep)?;
    for (rel, bytes) in &output.files {
        spool.put(rel, bytes)?;
    }
    spool.commit(output.paths())
}

fn io_err(path: &Path, action: &'static str, error: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.to_path_buf(),
        action,
        error,
    }
}

/// A relative output path that stays inside the output folder.
pub(crate) fn safe_join(out: &Path, rel: &str) -> Result<PathBuf, WriteError> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(WriteError::Refused(format!(
            "refusing to write `{rel}`: it is not a plain path inside the output folder"
        )));
    }
    Ok(out.join(p))
}

/// Whether `rel` (`/`-separated, relative to the output folder) lies in a
/// kept name: `keep` entries are paths relative to the output folder, and
/// a folder keeps everything in it.
fn in_kept(rel: &str, keep: &[String]) -> bool {
    let top = rel.split('/').next().unwrap_or(rel);
    ALWAYS_KEPT.contains(&top)
        || keep.iter().any(|k| {
            let k = k.trim_matches('/');
            rel == k || rel.strip_prefix(k).is_some_and(|r| r.starts_with('/'))
        })
}

/// The output folder, locked for one build: `open` makes sure it is ours,
/// finishes or clears what an interrupted build left, and holds the lock
/// until it is dropped.
#[derive(Debug)]
struct OutputDir {
    path: PathBuf,
    /// Held open with an exclusive lock for as long as the build runs.
    _lock: std::fs::File,
    /// The folder holds no site: nothing but the marker and kept names.
    fresh: bool,
    /// This build created the folder (a failed build removes it again).
    created: bool,
    /// This build wrote the marker (a failed build into a fresh folder
    /// removes it again).
    marked: bool,
}

impl OutputDir {
    fn open(out: &Path, keep: &[String]) -> Result<OutputDir, WriteError> {
        let existed = out.exists();
        let mut had_marker = out.join(MARKER).is_file();
        if existed && !had_marker {
            let foreign = std::fs::read_dir(out)
                .map_err(|e| io_err(out, "read", e))?
                .filter_map(Result::ok)
                .any(|e| !in_kept(&e.file_name().to_string_lossy(), keep));
            if foreign {
                return Err(WriteError::Refused(format!(
                    "{}: the output folder has files that oerhub did not write; refusing to replace them (choose an empty folder or delete it)",
                    out.display()
                )));
            }
        }
        std::fs::create_dir_all(out).map_err(|e| io_err(out, "create", e))?;
        let lock = loop {
            let marker = out.join(MARKER);
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&marker)
                .map_err(|e| io_err(&marker, "create", e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    eprintln!(
                        "Waiting for another oerhub build writing into {} to finish…",
                        out.display()
                    );
                    file.lock().map_err(|e| io_err(&marker, "lock", e))?;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io_err(&marker, "lock", e)),
            }
            // The build we waited for may have failed and removed the
            // marker it made: then lock a marker that is really there.
            if same_file(&file, &marker) {
                hooks::after_lock();
                break file;
            }
            had_marker = false;
        };
        // Empty when this build made it (or one killed at that moment did).
        if lock.metadata().is_ok_and(|m| m.len() == 0) {
            use std::io::Write as _;
            (&lock)
                .write_all(MARKER_TEXT)
                .map_err(|e| io_err(&out.join(MARKER), "write", e))?;
        }
        let dir = OutputDir {
            path: out.to_path_buf(),
            _lock: lock,
            fresh: false,
            created: !existed,
            marked: !had_marker,
        };
        dir.recover()?;
        let fresh = std::fs::read_dir(out)
            .map_err(|e| io_err(out, "read", e))?
            .filter_map(Result::ok)
            .all(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name == MARKER || in_kept(&name, keep)
            });
        Ok(OutputDir { fresh, ..dir })
    }

    /// Finishes the commit of a build killed while moving files into place
    /// (its journal is whole), and removes the stage of any build killed
    /// before its commit began.
    fn recover(&self) -> Result<(), WriteError> {
        let entries = std::fs::read_dir(&self.path).map_err(|e| io_err(&self.path, "read", e))?;
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(STAGE_PREFIX) {
                continue;
            }
            let stage = entry.path();
            if let Some(journal) = journal::Journal::load(&stage) {
                journal.apply(&stage, &self.path)?;
                eprintln!(
                    "note: finished putting an interrupted build's site in place in {}",
                    self.path.display()
                );
            }
            journal::remove(&stage)?;
        }
        Ok(())
    }

    /// A new stage folder, named for this build alone.
    fn new_stage(&self) -> Result<PathBuf, WriteError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let stage = self
            .path
            .join(format!("{STAGE_PREFIX}{}-{nanos:x}", std::process::id()));
        std::fs::create_dir(&stage).map_err(|e| io_err(&stage, "create", e))?;
        Ok(stage)
    }

    /// Undoes what opening did, for a build that failed into a folder that
    /// had no site: the marker goes, and the folder if this build made it.
    fn abandon(&self) {
        if self.fresh && self.marked {
            let _ = std::fs::remove_file(self.path.join(MARKER));
        }
        if self.fresh && self.created {
            let _ = std::fs::remove_dir(&self.path);
        }
    }
}

/// Whether the open `file` is the one at `path` now.
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_names_and_what_they_hold() {
        let keep = vec!["downloads".to_string(), "well-known/x.txt".to_string()];
        assert!(in_kept(".git/HEAD", &keep));
        assert!(in_kept("CNAME", &keep));
        assert!(in_kept("downloads/big.iso", &keep));
        assert!(in_kept("well-known/x.txt", &keep));
        assert!(!in_kept("well-known/y.txt", &keep));
        assert!(!in_kept("downloadsx/a", &keep));
        assert!(!in_kept("index.html", &keep));
    }

    proptest::proptest! {
        /// Whatever path a build asks for, it lands inside the output
        /// folder or is refused.
        #[test]
        fn output_paths_never_leave_the_output_folder(rel in "[a-z./\\\\:%~ -]{0,40}|.{0,40}") {
            let out = Path::new("/srv/site/public");
            if let Ok(path) = safe_join(out, &rel) {
                proptest::prop_assert!(path.starts_with(out));
                proptest::prop_assert!(path != out);
                proptest::prop_assert!(path
                    .strip_prefix(out)
                    .unwrap()
                    .components()
                    .all(|c| matches!(c, Component::Normal(_))));
            }
        }
    }
}
