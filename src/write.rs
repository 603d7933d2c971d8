//! Stage 5, `write`: put a built `Output` on disk. Called only after a
//! successful build, so a failed build never touches the previous site.
//! Only files whose bytes changed are rewritten, each through a temporary
//! file and a rename (atomic on one filesystem); files no longer produced
//! are removed. A marker file keeps oerhub from cleaning a folder it did
//! not make.

use crate::render::Output;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub const MARKER: &str = ".oerhub-output";
const MARKER_TEXT: &[u8] =
    b"This folder is written by oerhub build; files not produced by the build are removed.\n";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

#[derive(Debug)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: cannot {what}: {e}", path.display()))
}

/// A relative output path that stays inside the output folder.
pub(crate) fn safe_join(out: &Path, rel: &str) -> Result<PathBuf, WriteError> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(WriteError(format!(
            "refusing to write `{rel}`: it is not a plain path inside the output folder"
        )));
    }
    Ok(out.join(p))
}

pub fn write(mut output: Output, out: &Path) -> Result<WriteStats, WriteError> {
    if let Some(spool) = output.take_spool() {
        return spool.commit(&output);
    }
    check_ours(out)?;
    let mut stats = WriteStats::default();
    let files: Vec<(PathBuf, &Vec<u8>)> = output
        .files
        .iter()
        .map(|(rel, bytes)| Ok((safe_join(out, rel)?, bytes)))
        .collect::<Result<_, WriteError>>()?;
    // Folders first, once each, so the parallel writes below need none.
    let folders: BTreeSet<&Path> = files.iter().filter_map(|(p, _)| p.parent()).collect();
    for folder in folders {
        std::fs::create_dir_all(folder).map_err(|e| io_err(folder, "create", e))?;
    }
    let written: Vec<bool> = files
        .par_iter()
        .map(|(path, bytes)| {
            if unchanged(path, bytes) {
                return Ok(false);
            }
            write_atomic(path, bytes).map(|()| true)
        })
        .collect::<Result<_, WriteError>>()?;
    stats.written = written.iter().filter(|w| **w).count();
    stats.unchanged = written.len() - stats.written;
    let wanted: BTreeSet<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    finish(out, wanted, stats)
}

/// Refuses a folder with files oerhub did not write; creates it if missing.
fn check_ours(out: &Path) -> Result<(), WriteError> {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| io_err(out, "read", e))?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(WriteError(format!(
                "{}: the output folder has files that oerhub did not write; refusing to replace them (choose an empty folder or delete it)",
                out.display()
            )));
        }
    }
    std::fs::create_dir_all(out).map_err(|e| io_err(out, "create", e))
}

/// The marker, then every file the build did not produce removed.
fn finish(
    out: &Path,
    mut wanted: BTreeSet<PathBuf>,
    mut stats: WriteStats,
) -> Result<WriteStats, WriteError> {
    let marker = out.join(MARKER);
    if !marker.exists() {
        write_atomic(&marker, MARKER_TEXT)?;
    }
    wanted.insert(marker);
    stats.removed = remove_stale(out, &wanted)?;
    Ok(stats)
}

/// Whether the file on disk already holds `bytes` (its size is checked
/// before its content is read).
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_contents(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if ma.len() != mb.len() {
        return false;
    }
    let (Ok(mut fa), Ok(mut fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = match fa.read(&mut ba) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(_) => return false,
        };
        if fb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = write_beside(path, bytes)?;
    std::fs::rename(&tmp, path).map_err(|e| io_err(path, "replace", e))
}

fn tmp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.oerhub-tmp"))
}

/// Writes `bytes` to a temporary file beside `path`; returns its path.
fn write_beside(path: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    write_to(tmp_beside(path), bytes)
}

fn write_to(path: PathBuf, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let mut f = std::fs::File::create(&path).map_err(|e| io_err(&path, "create", e))?;
    f.write_all(bytes).map_err(|e| io_err(&path, "write", e))?;
    Ok(path)
}

/// Files put on disk while the build renders them, so that the whole site
/// never sits in memory: each changed file goes to a temporary file beside
/// its place, `commit` moves them all into place once the build has
/// succeeded, and a spool dropped without a commit (a failed build)
/// removes them, leaving the previous site as it was.
#[derive(Debug)]
pub struct Spool {
    out: PathBuf,
    /// (temporary file, final place) of every changed file.
    staged: Mutex<Vec<(PathBuf, PathBuf)>>,
    committed: bool,
    /// Whether the output folder was there before the build.
    existed: bool,
    /// The output folder was missing or empty: there is no previous site
    /// to keep, so files go straight to their place (a failed build still
    /// removes them), and nothing can be stale.
    fresh: bool,
    /// Folders known to exist: `create_dir_all` costs two system calls
    /// even for a folder that is there, and many files share one (a
    /// language's search index puts over a thousand in one).
    folders: Mutex<HashSet<PathBuf>>,
}

impl Spool {
    pub fn open(out: &Path) -> Result<Spool, WriteError> {
        let existed = out.exists();
        if existed {
            check_ours(out)?;
        }
        let fresh = !existed
            || std::fs::read_dir(out)
                .map_err(|e| io_err(out, "read", e))?
                .next()
                .is_none();
        if fresh {
            // First, so that a build killed halfway leaves a folder the
            // next build knows as its own and cleans.
            std::fs::create_dir_all(out).map_err(|e| io_err(out, "create", e))?;
            write_atomic(&out.join(MARKER), MARKER_TEXT)?;
        }
        Ok(Spool {
            out: out.to_path_buf(),
            staged: Mutex::new(Vec::new()),
            committed: false,
            existed,
            fresh,
            folders: Mutex::new(HashSet::new()),
        })
    }

    fn ensure_folder(&self, folder: &Path) -> Result<(), WriteError> {
        let lock = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if lock().contains(folder) {
            return Ok(());
        }
        std::fs::create_dir_all(folder).map_err(|e| io_err(folder, "create", e))?;
        lock().insert(folder.to_path_buf());
        Ok(())
    }

    /// Stages one file; `false` when the file on disk already holds `bytes`.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<bool, WriteError> {
        let path = safe_join(&self.out, rel)?;
        if !self.fresh && unchanged(&path, bytes) {
            return Ok(false);
        }
        if let Some(parent) = path.parent() {
            self.ensure_folder(parent)?;
        }
        let tmp = if self.fresh {
            write_to(path.clone(), bytes)?
        } else {
            write_beside(&path, bytes)?
        };
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((tmp, path));
        Ok(true)
    }

    /// Stages a file too large to hold in memory: `write` fills it on disk.
    /// `false` when it came out the same as the file already there.
    pub fn put_streamed(
        &self,
        rel: &str,
        write: impl FnOnce(std::fs::File) -> Result<std::fs::File, String>,
    ) -> Result<bool, WriteError> {
        let path = safe_join(&self.out, rel)?;
        if let Some(parent) = path.parent() {
            self.ensure_folder(parent)?;
        }
        let tmp = if self.fresh {
            path.clone()
        } else {
            tmp_beside(&path)
        };
        let file = std::fs::File::create(&tmp).map_err(|e| io_err(&tmp, "create", e))?;
        let written = write(file).and_then(|f| f.sync_data().map_err(|e| e.to_string()));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(WriteError(format!("{}: {e}", path.display())));
        }
        if !self.fresh && same_contents(&tmp, &path) {
            let _ = std::fs::remove_file(&tmp);
            return Ok(false);
        }
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((tmp, path));
        Ok(true)
    }

    /// The bytes this build gave `rel`: its staged file, or the file on
    /// disk when the build found it unchanged.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, WriteError> {
        let path = safe_join(&self.out, rel)?;
        if self.fresh {
            return std::fs::read(&path).map_err(|e| io_err(&path, "read back", e));
        }
        let tmp = tmp_beside(&path);
        std::fs::read(&tmp)
            .or_else(|_| std::fs::read(&path))
            .map_err(|e| io_err(&path, "read back", e))
    }

    fn commit(mut self, output: &Output) -> Result<WriteStats, WriteError> {
        let staged = std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.committed = true;
        staged
            .par_iter()
            .filter(|(tmp, path)| tmp != path)
            .map(|(tmp, path)| std::fs::rename(tmp, path).map_err(|e| io_err(path, "replace", e)))
            .collect::<Result<(), WriteError>>()?;
        let stats = WriteStats {
            written: staged.len(),
            unchanged: output.len() - staged.len(),
            removed: 0,
        };
        if self.fresh {
            return Ok(stats);
        }
        let wanted = output
            .paths()
            .map(|rel| safe_join(&self.out, rel))
            .collect::<Result<_, _>>()?;
        finish(&self.out, wanted, stats)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let staged = self.staged.get_mut().unwrap_or_else(|e| e.into_inner());
        if self.fresh {
            let _ = std::fs::remove_file(self.out.join(MARKER));
        }
        for (tmp, _) in staged.drain(..) {
            let _ = std::fs::remove_file(&tmp);
            // Folders this build created go again (a folder that holds
            // files cannot be removed, so the previous site's stay).
            let mut folder = tmp.parent();
            while let Some(dir) = folder {
                if dir == self.out {
                    if !self.existed {
                        let _ = std::fs::remove_dir(dir);
                    }
                    break;
                }
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
        if self.fresh && !self.existed {
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

/// Removes files under `out` not in `wanted`, then folders left empty.
fn remove_stale(out: &Path, wanted: &BTreeSet<PathBuf>) -> Result<usize, WriteError> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if entry.file_type().is_dir() {
            dirs.push(path.to_path_buf());
        } else if !wanted.contains(path) {
            std::fs::remove_file(path).map_err(|e| io_err(path, "remove", e))?;
            removed += 1;
        }
    }
    for dir in dirs.iter().rev() {
        // Fails when the folder still has files, which is what we want.
        let _ = std::fs::remove_dir(dir);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut out = Output::default();
        for (p, b) in files {
            out.files.insert(p.to_string(), b.as_bytes().to_vec());
        }
        out
    }

    #[test]
    fn rewrites_only_changes_and_removes_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = write(output(&[("index.html", "a"), ("x/index.html", "b")]), &out).unwrap();
        assert_eq!(s.written, 2);
        let s = write(output(&[("index.html", "a"), ("y/index.html", "c")]), &out).unwrap();
        assert_eq!(
            s,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("x").exists(), "empty folder removed");
    }

    #[test]
    fn refuses_foreign_folders_and_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        assert!(write(output(&[("index.html", "a")]), dir.path()).is_err());
        assert!(dir.path().join("precious.txt").exists());
        let out = dir.path().join("public");
        assert!(write(output(&[("../evil.html", "a")]), &out).is_err());
        assert!(!dir.path().join("evil.html").exists());
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
