//! What goes into a course's or handbook's packages: its rendered pages
//! with their links rewritten, the assets they use, the Markdown sources,
//! the licence and the metadata record.

use super::{Inputs, Package};
use crate::render::offline::rewrite_links;
use crate::render::out_path;
use std::collections::{BTreeMap, BTreeSet};

/// A package's files, in the layout of the site (so that the relative
/// links between them are the site's own).
pub struct Contents {
    /// Path inside the package → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The content pages in reading order: (path, package page index).
    pub pages: Vec<(String, usize)>,
    /// The certificate and single-page edition, by path.
    pub companions: Vec<String>,
    /// Stylesheets, scripts, images the pages use.
    pub assets: Vec<String>,
    /// Sources, licence and metadata: files no page links to.
    pub extras: Vec<String>,
}

impl Contents {
    pub fn gather(inputs: &Inputs, pkg: &Package) -> Result<Contents, String> {
        let site = inputs.site;
        let base = site.config.base();
        let pages: Vec<(String, usize)> = pkg
            .pages
            .iter()
            .map(|&i| (out_path(&site.page(i).url), i))
            .collect();
        let companions: Vec<String> = pkg
            .companions
            .iter()
            .map(|u| out_path(u))
            .filter(|p| inputs.output.contains(p))
            .collect();
        let html_files: BTreeSet<&str> = pages
            .iter()
            .map(|(p, _)| p.as_str())
            .chain(companions.iter().map(String::as_str))
            .collect();
        let mut files = BTreeMap::new();
        let mut assets = BTreeSet::new();
        for &path in &html_files {
            let bytes = inputs
                .output
                .read(path)
                .ok_or_else(|| format!("{path} was not rendered"))?;
            let html = std::str::from_utf8(&bytes).map_err(|e| format!("{path}: {e}"))?;
            let up = "../".repeat(path.matches('/').count());
            let rewritten = rewrite_links(html, |url| {
                let split = url.find(['?', '#']).unwrap_or(url.len());
                let (target, tail) = url.split_at(split);
                let file = if target.ends_with('/') {
                    format!("{}index.html", &target[1..])
                } else {
                    target[1..].to_string()
                };
                if html_files.contains(file.as_str()) || is_packable_asset(inputs, &file) {
                    if !html_files.contains(file.as_str()) {
                        assets.insert(file.clone());
                    }
                    format!("{up}{file}{tail}")
                } else {
                    // Everything else stays on the hub.
                    format!("{base}{url}")
                }
            });
            files.insert(path.to_string(), rewritten.into_bytes());
        }
        for asset in &assets {
            let bytes = inputs
                .output
                .read(asset)
                .ok_or_else(|| format!("{asset} was not built"))?;
            files.insert(asset.clone(), bytes.into_owned());
        }
        let mut extras = Vec::new();
        for &i in &pkg.pages {
            let p = site.page(i);
            let rel = p
                .path
                .strip_prefix(crate::load::CONTENT_DIR)
                .unwrap_or(&p.path);
            let name = format!("sources/{}", rel.to_string_lossy().replace('\\', "/"));
            let text = std::fs::read(inputs.root.join(&p.path))
                .map_err(|e| format!("{}: cannot read: {e}", p.path.display()))?;
            files.insert(name.clone(), text);
            extras.push(name);
        }
        files.insert("LICENSE.txt".into(), license_text(inputs, pkg).into_bytes());
        extras.push("LICENSE.txt".into());
        if let Some(mut record) = crate::meta::amb::record(site, pkg.root) {
            // LRMI readers outside AMB look for `author`; AMB calls it `creator`.
            if let Some(creators) = record.get("creator").cloned() {
                record["author"] = creators;
            }
            let json = serde_json::to_string_pretty(&record).unwrap_or_default();
            files.insert("metadata.json".into(), (json + "\n").into_bytes());
            extras.push("metadata.json".into());
        }
        Ok(Contents {
            files,
            pages,
            companions,
            assets: assets.into_iter().collect(),
            extras,
        })
    }
}

/// Whether a site file a page links to travels with the package: the
/// theme's assets and content files, but not other pages, feeds, the
/// search index or other packages.
fn is_packable_asset(inputs: &Inputs, file: &str) -> bool {
    !file.ends_with(".html")
        && !file.ends_with(".xml")
        && !file.ends_with(".ics")
        && !file.starts_with("bundles/")
        && !file.starts_with("search/")
        && inputs.output.contains(file)
}

/// The hub's own text of the licence (`licenses/<id>.txt` in the hub)
/// after a notice naming the work, its makers and where it comes from.
fn license_text(inputs: &Inputs, pkg: &Package) -> String {
    let site = inputs.site;
    let p = site.page(pkg.root);
    let config = &site.config;
    let t = |key: &str, args: &[(&str, String)]| {
        inputs
            .i18n
            .t(&pkg.lang, key, None, args)
            .unwrap_or_else(|_| key.to_string())
    };
    let by = if p.authors.is_empty() {
        config
            .organisation
            .as_ref()
            .map_or_else(|| config.title.clone(), |o| o.name.clone())
    } else {
        p.authors.join(", ")
    };
    let deed = crate::meta::amb::license_url(&p.license).unwrap_or_default();
    let mut text = t(
        "package_license_notice",
        &[
            ("title", p.title.clone()),
            ("by", by),
            ("license", p.license.clone()),
            ("url", deed),
            ("source", format!("{}{}", config.base(), p.url)),
        ],
    );
    text.push('\n');
    // Only plain SPDX ids name a file: front matter must not pick a path.
    let plain = p
        .license
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-.+".contains(&b));
    let own = inputs
        .root
        .join("licenses")
        .join(format!("{}.txt", p.license));
    let inside = crate::load::check_inside(inputs.root, &own).is_ok();
    if let Some(full) = (plain && inside)
        .then(|| std::fs::read_to_string(own).ok())
        .flatten()
    {
        text.push('\n');
        text.push_str(&full);
    }
    text
}
