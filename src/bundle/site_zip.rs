//! The whole site as one archive for reading offline: every page with
//! relative links to files (as `build --offline` makes them), search
//! included, so the unpacked folder works from `file://`. Packages stay
//! out (each is downloadable on its own); links to them go to the hub.

use super::zipfile::{Builder, Effort};
use crate::render::offline::{offline_url, rewrite_links};
use crate::render::Output;

pub const URL: &str = "/bundles/offline-site.zip";

/// The archive of every file of `output` but the packages.
pub fn site_zip(output: &Output, base: &str) -> Result<Vec<u8>, String> {
    let mut paths: Vec<&str> = output
        .paths()
        .filter(|p| !p.starts_with("bundles/"))
        .collect();
    paths.sort_unstable();
    let mut zip = Builder::new(Effort::Fast);
    for path in paths {
        let bytes = output
            .read(path)
            .ok_or_else(|| format!("{path} cannot be read back"))?;
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            let up = "../".repeat(path.matches('/').count());
            let offline = rewrite_links(&html, |url| {
                if url.starts_with("/bundles/") {
                    format!("{base}{url}")
                } else {
                    offline_url(url, &up)
                }
            });
            zip.add(path, offline.as_bytes());
        } else {
            zip.add(path, &bytes);
        }
    }
    Ok(zip.finish())
}
