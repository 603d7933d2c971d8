//! Stage 1, `load`: walk the hub's `content/` and `static/` folders and read
//! every file. Markdown files become `SourceFile`s tagged with their
//! language and id; everything else is an asset copied as it is. Editor
//! leftovers are skipped, symlink loops reported, and unreadable or
//! non-UTF-8 files become diagnostics, never panics.

use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::model::Lang;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub const CONTENT_DIR: &str = "content";
pub const STATIC_DIR: &str = "static";
/// The folders a build reads (beside `oerhub.yaml`).
pub const INPUT_DIRS: [&str; 5] = [CONTENT_DIR, "themes", "i18n", STATIC_DIR, "licenses"];

/// One Markdown file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the hub root, for messages: `content/courses/x.ru.md`.
    pub path: PathBuf,
    /// The folder relative to `content/`, `/`-separated; "" for the root.
    pub dir: String,
    /// The file name without language suffix and `.md`; `_index` for sections.
    pub id: String,
    pub lang: Lang,
    pub is_index: bool,
    /// Shared: a fallback page reuses its original's source.
    pub text: std::sync::Arc<str>,
}

impl SourceFile {
    /// The source path relative to `content/` of this file's default-language
    /// version: how links name it (`courses/x.md`).
    pub fn canonical(&self) -> String {
        join(&self.dir, &format!("{}.md", self.id))
    }
}

/// A file copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Relative to `content/` (or `static/`), `/`-separated.
    pub rel: String,
    /// Relative to the hub root, for messages.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    pub statics: Vec<Asset>,
    pub diags: Vec<Diagnostic>,
}

pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Files no editor means to publish: OS and editor leftovers, lock files,
/// and the scratch files editors save through (JetBrains writes
/// `x.md___jb_tmp___` and renames it over `x.md`; gedit writes
/// `.goutputstream-…`; vim probes with `4913`).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with('#')
        || name.ends_with('~')
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".bak",
            ".orig",
            ".crswap",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
        || ["Thumbs.db", "desktop.ini", "4913"].contains(&name)
}

pub fn load(root: &Path, config: &Config) -> Loaded {
    load_with(root, config, true)
}

/// The Markdown sources only, for tools that do not build (`translations`).
pub fn load_sources(root: &Path, config: &Config) -> Loaded {
    load_with(root, config, false)
}

fn load_with(root: &Path, config: &Config, with_assets: bool) -> Loaded {
    let mut loaded = Loaded::default();
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        loaded.diags.push(
            Diagnostic::error(Span::file(CONTENT_DIR), "the hub has no `content/` folder")
                .with_hint("create `content/_index.md` for the home page"),
        );
        return loaded;
    }
    let (md, other) = walk(root, &content, &mut loaded.diags);
    let read: Vec<Result<SourceFile, Diagnostic>> = md
        .par_iter()
        .map(|(rel, abs)| read_source(root, rel, abs, config))
        .collect();
    for r in read {
        match r {
            Ok(s) => loaded.sources.push(s),
            Err(d) => loaded.diags.push(d),
        }
    }
    if !with_assets {
        loaded.sources.sort_by(|a, b| a.path.cmp(&b.path));
        return loaded;
    }
    loaded.assets = read_assets(root, other, &mut loaded.diags);
    // Licence texts are read when packages are made: a link out of the hub
    // among them is refused here, with the others.
    let licenses = root.join("licenses");
    if licenses.is_dir() {
        walk(root, &licenses, &mut loaded.diags);
    }
    let statics = root.join(STATIC_DIR);
    if statics.is_dir() {
        let (md, other) = walk(root, &statics, &mut loaded.diags);
        let all = md.into_iter().chain(other).collect();
        loaded.statics = read_assets(root, all, &mut loaded.diags);
    }
    loaded.sources.sort_by(|a, b| a.path.cmp(&b.path));
    loaded
}

type Found = Vec<(String, PathBuf)>;

/// Markdown files and other files under `dir`, as (relative, absolute).
/// A symbolic link is followed only when its target is inside the hub.
fn walk(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> (Found, Found) {
    let (mut md, mut other) = (Vec::new(), Vec::new());
    let hub = hub_root(root);
    let refused = std::cell::RefCell::new(Vec::new());
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored(&e.file_name().to_string_lossy()) {
                return false;
            }
            match e.path_is_symlink().then(|| outside_link(&hub, e.path())) {
                Some(Some(d)) => {
                    refused.borrow_mut().push(d.relative_to(root));
                    false
                }
                _ => true,
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                let shown = crate::diag::relative(root, &path);
                if e.loop_ancestor().is_some() {
                    diags.push(Diagnostic::warning(
                        Span::file(shown),
                        "a symbolic link loops back to a folder above it; it is not followed",
                    ));
                } else if path.is_symlink() {
                    diags.push(dangling_link(root, &path));
                } else {
                    diags.push(Diagnostic::warning(
                        Span::file(shown),
                        format!("cannot read: {e}"),
                    ));
                }
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if rel.ends_with(".md") {
            md.push((rel, entry.into_path()));
        } else {
            other.push((rel, entry.into_path()));
        }
    }
    diags.extend(
        refused
            .into_inner()
            .into_iter()
            .map(OutsideLink::diagnostic),
    );
    (md, other)
}

/// The hub folder with its own symbolic links resolved, which every link
/// inside it must lead back into.
pub fn hub_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// A symbolic link that leads out of the hub, or to a hidden file in it.
pub struct OutsideLink {
    link: PathBuf,
    /// The target as the link names it, else as resolved.
    target: PathBuf,
    hidden: bool,
}

impl OutsideLink {
    pub fn relative_to(self, root: &Path) -> OutsideLink {
        OutsideLink {
            link: crate::diag::relative(root, &self.link),
            ..self
        }
    }

    pub fn diagnostic(self) -> Diagnostic {
        let place = if self.hidden {
            "a hidden file of the hub"
        } else {
            "outside the hub"
        };
        Diagnostic::error(
            Span::file(&self.link),
            format!(
                "a symbolic link to {}, {place}; it is not followed",
                self.target.display()
            ),
        )
        .with_hint(
            "put the file itself in the hub, or make the link point at something inside the hub",
        )
    }
}

/// `Some` when `path`, or a symbolic link on its way, leads outside the
/// hub (`hub` as [`hub_root`] gives it) or into one of its hidden files
/// (a CI checkout's `.git/config` holds its token). A missing target is
/// not this function's business: reading it reports that.
pub fn outside_link(hub: &Path, path: &Path) -> Option<OutsideLink> {
    let target = path.canonicalize().ok()?;
    let hidden = match target.strip_prefix(hub) {
        Ok(rel) => rel
            .components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy())),
        Err(_) => false,
    };
    if target.starts_with(hub) && !hidden {
        return None;
    }
    Some(OutsideLink {
        link: path.to_path_buf(),
        target: std::fs::read_link(path).unwrap_or(target),
        hidden,
    })
}

/// An error when the hub file at `path` is reached through a symbolic link
/// that leads out of the hub (see [`outside_link`]), before anything reads it.
pub fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    match outside_link(&hub_root(root), path) {
        Some(link) => Err(link.relative_to(root).diagnostic()),
        None => Ok(()),
    }
}

/// A link whose target does not exist.
fn dangling_link(root: &Path, path: &Path) -> Diagnostic {
    let target = std::fs::read_link(path).unwrap_or_default();
    Diagnostic::error(
        Span::file(crate::diag::relative(root, path)),
        format!(
            "a symbolic link to {}, which does not exist",
            target.display()
        ),
    )
    .with_hint("remove the link, or put the file it names in the hub")
}

fn read_assets(root: &Path, files: Found, diags: &mut Vec<Diagnostic>) -> Vec<Asset> {
    let read: Vec<Result<Asset, Diagnostic>> = files
        .into_par_iter()
        .map(|(rel, abs)| {
            let path = crate::diag::relative(root, &abs);
            std::fs::read(&abs)
                .map(|bytes| Asset {
                    rel,
                    path: path.clone(),
                    bytes,
                })
                .map_err(|e| Diagnostic::error(Span::file(path), format!("cannot read: {e}")))
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(a) => out.push(a),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// The bytes as a String, checked with SIMD: sources are most of what a
/// build reads, and the standard check walked them at about 1 GB/s.
fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that the bytes are UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        // The slow check says where the first bad byte is.
        String::from_utf8(bytes)
    }
}

/// One content file read into a source: `rel` is its path under `content/`.
pub fn read_source(
    root: &Path,
    rel: &str,
    abs: &Path,
    config: &Config,
) -> Result<SourceFile, Diagnostic> {
    let path = crate::diag::relative(root, abs);
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::error(Span::file(&path), format!("cannot read: {e}")))?;
    let text = utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let col = bytes[..valid]
            .iter()
            .rev()
            .take_while(|b| **b != b'\n')
            .count() as u32
            + 1;
        let guess = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            "it looks like UTF-16"
        } else {
            "it looks like a legacy 8-bit encoding such as Windows-1251 or Windows-1250"
        };
        Diagnostic::error(
            Span::new(&path, line, col),
            format!(
                "the file is not valid UTF-8 (byte 0x{:02X}); {guess}",
                bytes[valid]
            ),
        )
        .with_hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)")
    })?;
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let (id, lang) = match stem.rsplit_once('.') {
        Some((id, code)) if config.is_language(code) => (id, Lang::new(code)),
        Some((_, code)) if Lang::looks_like_code(code) => {
            return Err(Diagnostic::error(
                Span::file(&path),
                format!("the file name says language `{code}`, which the hub does not declare"),
            )
            .with_hint(format!(
                "add `{code}` under `languages:` in oerhub.yaml, or rename the file"
            )));
        }
        _ => (stem, config.default_language.clone()),
    };
    if id.is_empty() {
        return Err(Diagnostic::error(
            Span::file(&path),
            "the file name has no name before the language suffix",
        ));
    }
    Ok(SourceFile {
        path,
        dir: dir.to_string(),
        id: id.to_string(),
        lang,
        is_index: id == "_index",
        text: text.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_leftovers() {
        for name in [
            ".DS_Store",
            "~$doc.docx",
            "x.swp",
            "x~",
            "Thumbs.db",
            ".git",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in [
            "intro.md___jb_tmp___",
            "intro.md___jb_old___",
            ".goutputstream-XD3J7Z",
            "4913",
            ".intro.md.kate-swp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["intro.md", "checklist.pdf", "_index.ru.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
