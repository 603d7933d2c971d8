//! `oerhub init DIR`: a new hub that builds at once, written from what the
//! binary embeds (default theme, UI strings, a sample home and page).

use std::path::Path;

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
    write("oerhub.yaml", crate::embedded::SAMPLE_CONFIG.as_bytes())?;
    write("content/_index.md", crate::embedded::SAMPLE_HOME.as_bytes())?;
    write(
        "content/welcome.md",
        crate::embedded::SAMPLE_PAGE.as_bytes(),
    )?;
    for (name, bytes) in crate::embedded::I18N {
        write(&format!("i18n/{name}"), bytes)?;
    }
    for (name, bytes) in crate::embedded::THEME {
        if !name.starts_with("init/") {
            write(&format!("themes/default/{name}"), bytes)?;
        }
    }
    Ok(())
}
