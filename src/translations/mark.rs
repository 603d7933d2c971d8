//! `oerhub translations --mark-current PATH…`: records in each translation
//! under PATH the fingerprint of its original as it is now, meaning "this
//! translation is up to date". Only the `source_hash:` line changes; the
//! rest of the file is kept byte for byte.

use super::source_fingerprint;
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::model::Lang;
use crate::parse::Parsed;
use std::path::{Path, PathBuf};

/// What `mark_current` did to one translation.
#[derive(Debug, PartialEq, Eq)]
pub enum Marked {
    Updated(PathBuf),
    AlreadyCurrent(PathBuf),
}

/// Marks every translation in or under each path (a file or a folder,
/// relative to the hub root or else to the working directory), optionally only
/// those in `only`.
pub fn mark_current(
    root: &Path,
    config: &Config,
    paths: &[PathBuf],
    only: Option<&Lang>,
) -> Result<Vec<Marked>, Vec<Diagnostic>> {
    let loaded = crate::load::load_sources(root, config);
    let (parsed, mut errors) = crate::parse::parse_all(loaded.sources);
    errors.extend(loaded.diags.into_iter().filter(Diagnostic::is_error));
    let originals = super::originals(&parsed, config);
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());

    let mut done = Vec::new();
    for arg in paths {
        let Some(rel) = hub_relative(arg, root, &root_abs) else {
            errors.push(
                Diagnostic::error(Span::file(arg), "no such file or folder in the hub").with_hint(
                    "give a translation such as content/glossary/refugee.ru.md, or a folder",
                ),
            );
            continue;
        };
        let chosen: Vec<&Parsed> = parsed
            .iter()
            .filter(|p| p.src.path.starts_with(&rel))
            .filter(|p| {
                let original = originals.get(&p.src.canonical());
                !original.is_some_and(|o| std::ptr::eq(*o, *p))
                    && only.is_none_or(|l| *l == p.src.lang)
            })
            .collect();
        if chosen.is_empty() {
            let hint = if rel.extension().is_some_and(|e| e == "md") {
                format!(
                    "{} is an original; mark its translations (e.g. its .ru.md file)",
                    rel.display()
                )
            } else {
                "translations are the files named like page.ru.md".to_string()
            };
            errors.push(
                Diagnostic::error(Span::file(&rel), "no translations here to mark").with_hint(hint),
            );
            continue;
        }
        for t in chosen {
            let Some(original) = originals.get(&t.src.canonical()) else {
                continue;
            };
            let hash = source_fingerprint(original);
            if t.front.source_hash.as_deref() == Some(hash.as_str()) {
                done.push(Marked::AlreadyCurrent(t.src.path.clone()));
                continue;
            }
            let file = root.join(&t.src.path);
            let result = std::fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|text| set_source_hash(&text, &hash))
                .and_then(|text| write_atomically(&file, &text).map_err(|e| e.to_string()));
            match result {
                Ok(()) => done.push(Marked::Updated(t.src.path.clone())),
                Err(e) => errors.push(Diagnostic::error(
                    Span::file(&t.src.path),
                    format!("cannot record source_hash: {e}"),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(errors)
    }
}

/// The argument as a path relative to the hub root (`content/…`).
pub(super) fn hub_relative(arg: &Path, root: &Path, root_abs: &Path) -> Option<PathBuf> {
    [root.join(arg), arg.to_path_buf()]
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .find_map(|abs| abs.strip_prefix(root_abs).ok().map(Path::to_path_buf))
}

/// The file with `source_hash: HASH` in its front matter: the existing
/// line replaced, or a new one added before the closing `---`.
pub fn set_source_hash(text: &str, hash: &str) -> Result<String, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = &text[..text.len() - body.len()];
    let newline = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines = body.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err("the file has no front matter".into());
    }
    let mut out = String::with_capacity(text.len() + 40);
    out.push_str(bom);
    out.push_str(first);
    let mut written = false;
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "---" {
            if !written {
                out.push_str(&format!("source_hash: {hash}{newline}"));
            }
            out.push_str(line);
            closed = true;
            break;
        }
        if line.starts_with("source_hash:") {
            out.push_str(&format!("source_hash: {hash}{newline}"));
            written = true;
        } else {
            out.push_str(line);
        }
    }
    if !closed {
        return Err("the front matter has no closing `---` line".into());
    }
    out.extend(lines);
    Ok(out)
}

/// `text` written beside `path` and renamed over it, so a kill leaves the
/// old file or the new one; the scratch file's name starts with a dot,
/// which the build ignores, should a kill leave it behind.
pub(super) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.oerhub-tmp"));
    let done = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if done.is_err() {
        // A full disk leaves no scratch file either.
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_then_replaces_the_line_keeping_the_rest() {
        let text = "---\ntitle: Беженец\n---\nТекст.\n";
        let once = set_source_hash(text, "aaaa").unwrap();
        assert_eq!(
            once,
            "---\ntitle: Беженец\nsource_hash: aaaa\n---\nТекст.\n"
        );
        let twice = set_source_hash(&once, "bbbb").unwrap();
        assert_eq!(
            twice,
            "---\ntitle: Беженец\nsource_hash: bbbb\n---\nТекст.\n"
        );
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: X\r\n---\r\nBody\r\n";
        let out = set_source_hash(text, "cafe").unwrap();
        assert_eq!(
            out,
            "\u{feff}---\r\ntitle: X\r\nsource_hash: cafe\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn refuses_files_without_front_matter() {
        assert!(set_source_hash("just text\n", "x").is_err());
        assert!(set_source_hash("---\ntitle: X\n", "x").is_err());
    }
}
