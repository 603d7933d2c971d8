//! `oerhub init DIR`: a new hub that builds at once, without a warning,
//! written from what the binary embeds: the starter hub under the default
//! theme's `init/` (settings, a home page, one course with a lesson and its
//! quiz, one library item, in four languages), the default theme and the
//! UI strings.

use std::path::Path;

/// The starter hub's files are the theme's `init/…`, minus that prefix.
const STARTER: &str = "init/";

pub fn init(dir: &Path) -> Result<(), String> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} is not empty; choose a new folder",
            dir.display()
        ));
    }
    let write = |rel: &str, bytes: &[u8]| -> Result<(), String> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    for (name, bytes) in crate::embedded::THEME {
        match name.strip_prefix(STARTER) {
            // The podcast placeholder cover is for `oerhub new podcast`.
            Some("cover.png") => {}
            // Kept without its dot, so the theme's file list includes it.
            Some("gitignore") => write(".gitignore", bytes)?,
            Some(starter) => write(starter, bytes)?,
            None => write(&format!("themes/default/{name}"), bytes)?,
        }
    }
    for (name, bytes) in crate::embedded::I18N {
        write(&format!("i18n/{name}"), bytes)?;
    }
    Ok(())
}
