//! The whole site as one archive for reading offline: every page with
//! relative links to files (as `build --offline` makes them), search
//! included, so the unpacked folder works from `file://`. Packages stay
//! out (each is downloadable on its own; links to them go to the hub), and
//! so does the web editor (`/admin/`), which only works online.
//!
//! At 10,000 pages that is half a gigabyte to compress, so it is done in
//! parallel: slices of the site become small archives on every core, and
//! their entries are copied, still compressed, into the one archive in
//! path order (the result is the same on every build). The archive goes
//! to its destination as it grows, never whole in memory.

use super::zipfile::{Builder, Effort};
use crate::render::offline::{offline_url, rewrite_links};
use crate::render::Output;
use rayon::prelude::*;
use std::io::{Cursor, Seek, Write};
use zip::{ZipArchive, ZipWriter};

pub const URL: &str = "/bundles/offline-site.zip";

/// Files per slice: enough to keep a core busy, few enough to keep the
/// slices in flight small.
const SLICE: usize = 200;

/// Writes the archive of every file of `output` but the packages to `sink`.
pub fn write_site_zip<W: Write + Seek>(output: &Output, base: &str, sink: W) -> Result<W, String> {
    let mut paths: Vec<&str> = output
        .paths()
        // Packages travel on their own; the web editor needs the hub online.
        .filter(|p| !p.starts_with("bundles/") && !p.starts_with("admin/"))
        .collect();
    paths.sort_unstable();
    let slices: Vec<&[&str]> = paths.chunks(SLICE).collect();
    let mut zip = ZipWriter::new(sink);
    let in_flight = rayon::current_num_threads() * 2;
    for batch in slices.chunks(in_flight) {
        let parts: Vec<Result<Vec<u8>, String>> = batch
            .par_iter()
            .map(|slice| slice_zip(output, base, slice))
            .collect();
        for part in parts {
            let part = ZipArchive::new(Cursor::new(part?)).map_err(|e| e.to_string())?;
            zip.merge_archive(part).map_err(|e| e.to_string())?;
        }
    }
    zip.finish().map_err(|e| e.to_string())
}

fn slice_zip(output: &Output, base: &str, paths: &[&str]) -> Result<Vec<u8>, String> {
    let mut zip = Builder::new(Effort::Fast);
    for &path in paths {
        let bytes = output
            .read(path)
            .ok_or_else(|| format!("{path} cannot be read back"))?;
        // Pages are ours and UTF-8; anything else travels as it is.
        let page = path
            .ends_with(".html")
            .then(|| std::str::from_utf8(&bytes).ok())
            .flatten();
        if let Some(html) = page {
            let up = "../".repeat(path.matches('/').count());
            let offline = rewrite_links(html, |url| {
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
