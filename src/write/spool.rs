//! The spool: files staged while the site renders, so that the whole site
//! never sits in memory and nothing in the output folder changes before
//! the build has succeeded.
//!
//! A changed file whose folder already exists in the output is staged flat
//! (`f/<n>` in the stage) and later moved over its old version; a file in
//! a folder the output does not have yet is staged in the folder's place
//! (`t/<path>`), and the folder moves in as a whole. A build into an empty
//! folder thus ends with a few dozen moves, not one per file.

use super::journal::{self, Journal, Step};
use super::{in_kept, io_err, safe_join, OutputDir, WriteError, WriteStats, MARKER, STAGE_PREFIX};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Where a file is staged.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// `f/<n>` in the stage, for a file whose folder the output has.
    Flat(u32),
    /// `t/<its path>` in the stage, inside a folder new to the output.
    Tree,
}

/// What the output folder has at a path, as found before the build moved
/// anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Missing,
    Folder,
    /// A file (or anything else that is not a folder).
    Other,
}

#[derive(Debug)]
pub struct Spool {
    dir: OutputDir,
    stage: PathBuf,
    keep: Vec<String>,
    staged: Mutex<HashMap<String, Place>>,
    next_flat: AtomicU32,
    /// What the output folder has at each folder path asked about.
    found: Mutex<HashMap<String, Found>>,
    /// Folders made in the stage: `create_dir_all` costs two system calls
    /// even for a folder that is there, and many files share one.
    stage_folders: Mutex<HashSet<PathBuf>>,
    /// The first error met while staging; the build fails with it, once.
    failure: Mutex<Option<WriteError>>,
    committed: bool,
}

impl Spool {
    /// Opens `out` for a build (see the module docs of `write`): a folder
    /// with files oerhub did not write is refused; `keep` names files and
    /// folders no build removes.
    pub fn open(out: &Path, keep: &[String]) -> Result<Spool, WriteError> {
        let dir = OutputDir::open(out, keep)?;
        let stage = dir.new_stage()?;
        for sub in ["f", "t"] {
            let p = stage.join(sub);
            std::fs::create_dir(&p).map_err(|e| io_err(&p, "create", e))?;
        }
        Ok(Spool {
            dir,
            stage,
            keep: keep.to_vec(),
            staged: Mutex::new(HashMap::new()),
            next_flat: AtomicU32::new(0),
            found: Mutex::new(HashMap::new()),
            stage_folders: Mutex::new(HashSet::new()),
            failure: Mutex::new(None),
            committed: false,
        })
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.dir.path
    }

    /// Stages one file; `false` when the file on disk already holds `bytes`.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<bool, WriteError> {
        if crate::interrupt::requested() {
            return Err(WriteError::Interrupted);
        }
        let target = safe_join(&self.dir.path, rel)?;
        if !self.dir.fresh && unchanged(&target, bytes) {
            return Ok(false);
        }
        let (place, path) = self.place(rel)?;
        let mut f = std::fs::File::create(&path).map_err(|e| io_err(&target, "create", e))?;
        f.write_all(bytes)
            .map_err(|e| io_err(&target, "write", e))?;
        self.lock_staged().insert(rel.to_string(), place);
        super::hooks::after_put();
        Ok(true)
    }

    /// Stages a file too large to hold in memory: `write` fills it on disk.
    /// `false` when it came out the same as the file already there.
    pub fn put_streamed(
        &self,
        rel: &str,
        write: impl FnOnce(std::fs::File) -> Result<std::fs::File, String>,
    ) -> Result<bool, WriteError> {
        if crate::interrupt::requested() {
            return Err(WriteError::Interrupted);
        }
        let target = safe_join(&self.dir.path, rel)?;
        let (place, path) = self.place(rel)?;
        let file = std::fs::File::create(&path).map_err(|e| io_err(&target, "create", e))?;
        if let Err(e) = write(file) {
            let _ = std::fs::remove_file(&path);
            return Err(io_err(&target, "write", std::io::Error::other(e)));
        }
        if !self.dir.fresh && same_contents(&path, &target) {
            let _ = std::fs::remove_file(&path);
            return Ok(false);
        }
        self.lock_staged().insert(rel.to_string(), place);
        Ok(true)
    }

    /// The bytes this build gave `rel`: its staged file, or the file in the
    /// output folder when the build found it unchanged. Only this build's
    /// own staged files are ever read.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, WriteError> {
        let target = safe_join(&self.dir.path, rel)?;
        let place = self.lock_staged().get(rel).copied();
        let path = match place {
            Some(place) => self.staged_path(rel, place),
            None => target.clone(),
        };
        std::fs::read(&path).map_err(|e| io_err(&target, "read back", e))
    }

    /// Keeps the first error of a build that goes on rendering (so that
    /// every content error is still found), for [`Spool::take_failure`].
    pub fn record_failure(&self, e: WriteError) {
        let mut slot = self.failure.lock().unwrap_or_else(|e| e.into_inner());
        // An interruption says more than the errors it causes.
        if slot.is_none() || matches!(e, WriteError::Interrupted) {
            *slot = Some(e);
        }
    }

    pub fn take_failure(&self) -> Option<WriteError> {
        self.failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }

    /// Puts every staged file in place and removes files the build no
    /// longer makes; `paths` are every file of the new site. Not
    /// interrupted: a signal that arrives now waits for the site to be
    /// whole.
    pub fn commit<'a>(
        mut self,
        paths: impl Iterator<Item = &'a str>,
    ) -> Result<WriteStats, WriteError> {
        let wanted: HashSet<&str> = paths.collect();
        let staged = std::mem::take(&mut *self.lock_staged());
        let mut stale = if self.dir.fresh {
            Vec::new()
        } else {
            self.stale(&wanted)?
        };
        // Target → what moves there: a flat file, or a whole new folder.
        let mut moves: BTreeMap<String, String> = BTreeMap::new();
        // What stands where a move must go: a folder where a file goes,
        // a file where a folder goes. Removed first.
        let mut in_the_way = Vec::new();
        for (rel, place) in &staged {
            match place {
                Place::Flat(n) => {
                    if self.found(rel) == Found::Folder {
                        in_the_way.push(rel.clone());
                    }
                    moves.insert(rel.clone(), format!("f/{n}"));
                }
                Place::Tree => {
                    let unit = self.new_folder(rel).unwrap_or(rel.as_str()).to_string();
                    if !moves.contains_key(&unit) && self.found(&unit) == Found::Other {
                        in_the_way.push(unit.clone());
                    }
                    moves.insert(unit.clone(), format!("t/{unit}"));
                }
            }
        }
        stale.retain(|s| {
            !in_the_way.iter().any(|w| {
                s == w
                    || s.strip_prefix(w.as_str())
                        .is_some_and(|r| r.starts_with('/'))
            })
        });
        let mut journal = Journal::default();
        journal
            .steps
            .extend(in_the_way.iter().cloned().map(Step::Remove));
        journal
            .steps
            .extend(moves.into_iter().map(|(to, from)| Step::Move { from, to }));
        journal
            .steps
            .extend(stale.iter().cloned().map(Step::Remove));
        journal.save(&self.stage)?;
        self.committed = true;
        journal.apply(&self.stage, &self.dir.path)?;
        journal::remove(&self.stage)?;
        remove_empty_folders(&self.dir.path, &stale);
        Ok(WriteStats {
            written: staged.len(),
            unchanged: wanted.len().saturating_sub(staged.len()),
            removed: stale.len(),
        })
    }

    fn lock_staged(&self) -> std::sync::MutexGuard<'_, HashMap<String, Place>> {
        self.staged.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn staged_path(&self, rel: &str, place: Place) -> PathBuf {
        match place {
            Place::Flat(n) => self.stage.join("f").join(n.to_string()),
            Place::Tree => self.stage.join("t").join(rel),
        }
    }

    /// Where `rel` is staged, its stage folder made.
    fn place(&self, rel: &str) -> Result<(Place, PathBuf), WriteError> {
        if self.new_folder(rel).is_none() {
            let n = self.next_flat.fetch_add(1, Ordering::Relaxed);
            let place = Place::Flat(n);
            return Ok((place, self.staged_path(rel, place)));
        }
        let path = self.staged_path(rel, Place::Tree);
        if let Some(parent) = path.parent() {
            let lock = || self.stage_folders.lock().unwrap_or_else(|e| e.into_inner());
            if !lock().contains(parent) {
                std::fs::create_dir_all(parent).map_err(|e| io_err(parent, "create", e))?;
                lock().insert(parent.to_path_buf());
            }
        }
        Ok((Place::Tree, path))
    }

    /// The outermost folder of `rel`'s path that the output folder does not
    /// have as a folder, if any.
    fn new_folder<'r>(&self, rel: &'r str) -> Option<&'r str> {
        rel.match_indices('/')
            .map(|(i, _)| &rel[..i])
            .find(|folder| self.found(folder) != Found::Folder)
    }

    /// What the output folder has at `rel`, looked up once per path.
    fn found(&self, rel: &str) -> Found {
        if self.dir.fresh {
            return Found::Missing;
        }
        let lock = || self.found.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = lock().get(rel) {
            return *f;
        }
        let f = match std::fs::symlink_metadata(self.dir.path.join(rel)) {
            Ok(m) if m.is_dir() => Found::Folder,
            Ok(_) => Found::Other,
            Err(_) => Found::Missing,
        };
        lock().insert(rel.to_string(), f);
        f
    }

    /// Files in the output folder that the new site does not have, but for
    /// the marker, kept names and stages.
    fn stale(&self, wanted: &HashSet<&str>) -> Result<Vec<String>, WriteError> {
        let out = &self.dir.path;
        let mut stale = Vec::new();
        let rel_of = |path: &Path| {
            path.strip_prefix(out)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/")
        };
        let walker = walkdir::WalkDir::new(out)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let rel = rel_of(e.path());
                let ours = e.depth() == 1 && (rel == MARKER || rel.starts_with(STAGE_PREFIX));
                !ours && !in_kept(&rel, &self.keep)
            });
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(out).to_path_buf();
                io_err(&path, "read", e.into())
            })?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = rel_of(entry.path());
            if !wanted.contains(rel.as_str()) {
                stale.push(rel);
            }
        }
        Ok(stale)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let _ = journal::remove(&self.stage);
        self.dir.abandon();
    }
}

/// Folders left empty by the removal of `removed`, removed in turn.
fn remove_empty_folders(out: &Path, removed: &[String]) {
    let mut tried = HashSet::new();
    for rel in removed {
        let mut folder = Path::new(rel).parent();
        while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
            if !tried.insert(f.to_path_buf()) || std::fs::remove_dir(out.join(f)).is_err() {
                break;
            }
            folder = f.parent();
        }
    }
}

/// Whether the file on disk already holds `bytes` (its size is checked
/// before its content is read).
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_contents(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if ma.len() != mb.len() || !mb.is_file() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn build(out: &Path, files: &[(&str, &str)]) -> WriteStats {
        let spool = Spool::open(out, &[]).unwrap();
        for (rel, text) in files {
            spool.put(rel, text.as_bytes()).unwrap();
        }
        spool.commit(files.iter().map(|(r, _)| *r)).unwrap()
    }

    fn tree(out: &Path) -> Vec<(String, String)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(out).unwrap().display().to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn rewrites_only_changes_and_removes_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = build(&out, &[("index.html", "a"), ("x/index.html", "b")]);
        assert_eq!(s.written, 2);
        let s = build(&out, &[("index.html", "a"), ("y/z/index.html", "c")]);
        assert_eq!(
            s,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("x").exists(), "empty folder removed");
        assert_eq!(
            tree(&out),
            [
                (
                    MARKER.to_string(),
                    String::from_utf8_lossy(super::super::MARKER_TEXT).into_owned()
                ),
                ("index.html".into(), "a".into()),
                ("y/z/index.html".into(), "c".into()),
            ]
        );
    }

    #[test]
    fn a_file_may_become_a_folder_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("a", "file"), ("b/index.html", "in b")]);
        build(&out, &[("a/index.html", "in a"), ("b", "file")]);
        let files = tree(&out);
        assert!(
            files.contains(&("a/index.html".into(), "in a".into())),
            "{files:?}"
        );
        assert!(files.contains(&("b".into(), "file".into())), "{files:?}");
    }

    #[test]
    fn kept_names_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join(".git")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(out.join("CNAME"), "hub.example.org").unwrap();
        build(&out, &[("index.html", "a")]);
        build(&out, &[("index.html", "b")]);
        assert!(out.join(".git/HEAD").is_file());
        assert!(out.join("CNAME").is_file());
    }

    #[test]
    fn a_dropped_spool_leaves_the_site_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("index.html", "a")]);
        let before = tree(&out);
        let spool = Spool::open(&out, &[]).unwrap();
        spool.put("index.html", b"changed").unwrap();
        spool.put("new/index.html", b"new").unwrap();
        assert_eq!(spool.read("index.html").unwrap(), b"changed");
        drop(spool);
        assert_eq!(tree(&out), before);
        let names: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn refuses_foreign_folders_and_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        assert!(matches!(
            Spool::open(dir.path(), &[]),
            Err(WriteError::Refused(_))
        ));
        assert!(dir.path().join("precious.txt").exists());
        let out = dir.path().join("public");
        let spool = Spool::open(&out, &[]).unwrap();
        assert!(spool.put("../evil.html", b"a").is_err());
        assert!(!dir.path().join("evil.html").exists());
    }
}
