//! What the last import wrote: each translation file's fingerprint, in
//! `i18n/imported.txt` (commit it with the translations). An import may
//! overwrite a translation that is as the export found it or as an import
//! wrote it, and nothing else without `--force`; an export knows from it
//! that a translation was edited by hand since, and takes those words.
//! Kept apart from the exchange files, which translators' tools rewrite.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn file(root: &Path) -> PathBuf {
    root.join(crate::i18n::I18N_DIR).join("imported.txt")
}

/// Translation path (hub-relative, `/`-separated) → fingerprint.
pub fn load(root: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(file(root)).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(path, hash)| (path.to_string(), hash.to_string()))
        .collect()
}

/// The translation fingerprint an export records for `path`: the file's
/// own, or, when the file is as an import wrote it, what the earlier export
/// recorded, so that an export after an import rewrites no exchange file.
pub fn recorded(
    root: &Path,
    path: &str,
    now: Option<String>,
    earlier: Option<&super::exchange::Document>,
) -> Option<String> {
    match earlier {
        Some(e) if now.is_some() && load(root).get(path) == now.as_ref() => {
            e.translation_hash.clone()
        }
        _ => now,
    }
}

pub fn save(root: &Path, written: &BTreeMap<String, String>) -> std::io::Result<()> {
    let mut text = String::from(
        "# The translations `oerhub translations import` wrote, with their fingerprints.\n",
    );
    for (path, hash) in written {
        text.push_str(&format!("{path} {hash}\n"));
    }
    let path = file(root);
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    super::write_atomically(&path, &text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_is_saved_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = std::collections::BTreeMap::new();
        m.insert("content/a b.ru.md".to_string(), "0123".to_string());
        super::save(dir.path(), &m).unwrap();
        assert_eq!(super::load(dir.path()), m);
    }
}
