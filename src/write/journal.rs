//! The journal of a commit: the moves that put a build's staged files in
//! place and the stale files to remove, in the order they run. It is
//! written whole and renamed into the stage before anything moves, so a
//! build killed while moving leaves a journal the next build replays to
//! the end: the output then holds the new site, never half of it. Every
//! step can run twice (a move whose source is gone is done; a removal of
//! a missing path is done), so a replay killed again is replayed again.

use super::{io_err, WriteError};
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub const FILE: &str = "journal";
const LAST_LINE: &str = "end";

/// One step of a commit. Paths are `/`-separated and relative: `from` to
/// the stage, the others to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Moves a staged file, or a staged folder that is new as a whole.
    Move { from: String, to: String },
    /// Removes a file, or a folder and everything in it.
    Remove(String),
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Journal {
    pub steps: Vec<Step>,
}

impl Journal {
    /// Writes the journal into `stage`, appearing whole or not at all.
    pub fn save(&self, stage: &Path) -> Result<(), WriteError> {
        let mut text = String::new();
        for step in &self.steps {
            match step {
                Step::Move { from, to } => {
                    text.push_str("move ");
                    text.push_str(&encode(from));
                    text.push(' ');
                    text.push_str(&encode(to));
                }
                Step::Remove(path) => {
                    text.push_str("remove ");
                    text.push_str(&encode(path));
                }
            }
            text.push('\n');
        }
        text.push_str(LAST_LINE);
        text.push('\n');
        let tmp = stage.join(format!("{FILE}.part"));
        let mut f = std::fs::File::create(&tmp).map_err(|e| io_err(&tmp, "create", e))?;
        f.write_all(text.as_bytes())
            .map_err(|e| io_err(&tmp, "write", e))?;
        let path = stage.join(FILE);
        std::fs::rename(&tmp, &path).map_err(|e| io_err(&path, "create", e))
    }

    /// The journal in `stage`: `None` when there is none or it is not whole
    /// (a build killed before its commit began: nothing has moved).
    pub fn load(stage: &Path) -> Option<Journal> {
        let text = std::fs::read_to_string(stage.join(FILE)).ok()?;
        let mut steps = Vec::new();
        let mut ended = false;
        for line in text.lines() {
            if ended {
                return None;
            }
            let mut words = line.split(' ');
            match (words.next(), words.next(), words.next(), words.next()) {
                (Some("move"), Some(from), Some(to), None) => steps.push(Step::Move {
                    from: decode(from)?,
                    to: decode(to)?,
                }),
                (Some("remove"), Some(path), None, None) => steps.push(Step::Remove(decode(path)?)),
                (Some(LAST_LINE), None, None, None) => ended = true,
                _ => return None,
            }
        }
        ended.then_some(Journal { steps })
    }

    /// Runs every step not yet done.
    pub fn apply(&self, stage: &Path, out: &Path) -> Result<(), WriteError> {
        for step in &self.steps {
            match step {
                Step::Move { from, to } => {
                    let from = join(stage, from);
                    let to = join(out, to);
                    match std::fs::rename(&from, &to) {
                        Ok(()) => {}
                        // Moved already, by the run this one replays.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !from.exists() => {}
                        Err(e) => return Err(io_err(&to, "put in place", e)),
                    }
                }
                Step::Remove(rel) => remove(&join(out, rel))?,
            }
            super::hooks::after_step();
        }
        Ok(())
    }
}

/// Removes a file or a folder tree; a missing path is already removed.
pub fn remove(path: &Path) -> Result<(), WriteError> {
    let gone = |e: &std::io::Error| {
        matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        )
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if gone(&e) => return Ok(()),
        Err(e) => return Err(io_err(path, "remove", e)),
    };
    let done = if meta.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    match done {
        Err(e) if !gone(&e) => Err(io_err(path, "remove", e)),
        _ => Ok(()),
    }
}

fn join(base: &Path, rel: &str) -> PathBuf {
    base.join(rel)
}

/// Paths as one word each: every byte but letters, digits and `._/-`
/// percent-encoded, so spaces and line breaks in names survive.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"._/-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(word: &str) -> Option<String> {
    let bytes = word.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal() -> Journal {
        Journal {
            steps: vec![
                Step::Remove("old file.html".into()),
                Step::Move {
                    from: "f/0".into(),
                    to: "index.html".into(),
                },
                Step::Move {
                    from: "t/новое".into(),
                    to: "новое".into(),
                },
            ],
        }
    }

    #[test]
    fn saves_and_loads_whole() {
        let dir = tempfile::tempdir().unwrap();
        journal().save(dir.path()).unwrap();
        assert_eq!(Journal::load(dir.path()), Some(journal()));
        assert!(!dir.path().join("journal.part").exists());
    }

    #[test]
    fn a_journal_cut_short_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        journal().save(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        for cut in [0, 5, text.len() - 4] {
            std::fs::write(dir.path().join(FILE), &text[..cut]).unwrap();
            assert_eq!(Journal::load(dir.path()), None, "cut at {cut}");
        }
        std::fs::write(dir.path().join(FILE), format!("{text}move a b\n")).unwrap();
        assert_eq!(Journal::load(dir.path()), None, "lines after the end");
    }

    #[test]
    fn applying_twice_is_applying_once() {
        let dir = tempfile::tempdir().unwrap();
        let (stage, out) = (dir.path().join("stage"), dir.path().join("out"));
        std::fs::create_dir_all(stage.join("f")).unwrap();
        std::fs::create_dir_all(stage.join("t/новое")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(stage.join("f/0"), "new").unwrap();
        std::fs::write(stage.join("t/новое/index.html"), "page").unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        std::fs::write(out.join("old file.html"), "stale").unwrap();
        journal().apply(&stage, &out).unwrap();
        journal().apply(&stage, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(out.join("новое/index.html").is_file());
        assert!(!out.join("old file.html").exists());
    }

    #[test]
    fn names_survive_encoding() {
        for name in ["a b/c\nd", "%41", "ünï/cödé", "plain/index.html"] {
            assert_eq!(decode(&encode(name)).as_deref(), Some(name));
            assert!(!encode(name).contains([' ', '\n']));
        }
    }
}
