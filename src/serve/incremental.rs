//! The fast path of `serve`: when a save changed only the words of a page
//! (its front matter is as it was), that page is rendered again on the site
//! kept in memory, with its fallbacks in the other languages, and the open
//! pages reload at once. A full build follows in the background and brings
//! everything else up to date (listings, taxonomies, the search index), and
//! catches what one page cannot see (another page's link to a heading that
//! went). Anything else (a new file, changed fields, the theme) is a full
//! build straight away.

use crate::i18n::I18n;
use crate::link::{Body, Site};
use crate::render::theme::Theme;
use crate::render::Prepared;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The built site, kept between edits with what re-rendering needs.
pub struct Live {
    pub site: Site,
    pub i18n: Arc<I18n>,
    pub theme: Theme,
    pub prepared: Prepared,
    /// The front matter each source had when the site was built (a hash).
    pub fronts: HashMap<PathBuf, u64>,
}

pub enum Outcome {
    /// The pages that changed: (output path, HTML).
    Patched(Vec<(String, Vec<u8>)>),
    /// This edit needs a full build, and why.
    Full(&'static str),
}

impl Live {
    pub fn new(site: Site, i18n: Arc<I18n>, theme: Theme, root: &Path) -> Result<Live, String> {
        let prepared = crate::render::prepare(&theme, Arc::clone(&i18n)).map_err(|d| {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        let fronts = fronts(root, &site);
        Ok(Live {
            site,
            i18n,
            theme,
            prepared,
            fronts,
        })
    }

    /// Re-renders what an edit of `rel` (relative to the hub) touched, if
    /// only the words of a page changed.
    pub fn patch(&mut self, root: &Path, rel: &Path) -> Outcome {
        let Ok(under) = rel.strip_prefix(crate::load::CONTENT_DIR) else {
            return Outcome::Full("not a content file");
        };
        if rel.extension().is_none_or(|e| e != "md") {
            return Outcome::Full("not a page");
        }
        let at: Vec<usize> = self
            .site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.path == rel)
            .map(|(i, _)| i)
            .collect();
        if at.is_empty() {
            return Outcome::Full("a new page");
        }
        let config = &self.site.config;
        let under = under.to_string_lossy().replace('\\', "/");
        let Ok(src) = crate::load::read_source(root, &under, &root.join(rel), config) else {
            return Outcome::Full("the file cannot be read");
        };
        let Ok(parsed) = crate::parse::parse(src) else {
            return Outcome::Full("the front matter does not parse");
        };
        let front = hash(&parsed.src.text[parsed.front_range.clone()]);
        if self.fronts.get(rel) != Some(&front) {
            return Outcome::Full("its front matter changed");
        }
        let i18n = Arc::clone(&self.i18n);
        let labels = |l: &crate::model::Lang| crate::build::md_labels(&i18n, config, l);
        let assets: HashMap<&str, usize> = self
            .site
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| (a.rel.as_str(), i))
            .collect();
        let reserved_ids = self.theme.ids();
        let opts = crate::link::LinkOptions {
            drafts: false,
            labels: &labels,
            reserved_ids: &reserved_ids,
        };
        let outputs =
            crate::link::render_some(config, &self.site.pages, &at, &parsed, &assets, &opts);
        if outputs.iter().flat_map(|o| &o.diags).any(|d| d.is_error()) {
            return Outcome::Full("its words have errors");
        }
        drop(assets);
        for (&i, out) in at.iter().zip(outputs) {
            let page = &mut self.site.pages[i];
            page.html = Body::new(out.html);
            page.toc = out.toc;
            page.summary = out.summary;
            if !page.fallback {
                page.text = out.text;
            }
        }
        match crate::render::render_pages(&self.site, &self.theme, &self.i18n, &self.prepared, &at)
        {
            Ok(files) => Outcome::Patched(files),
            Err(_) => Outcome::Full("the page does not render"),
        }
    }
}

/// Each source file's front matter hash.
fn fronts(root: &Path, site: &Site) -> HashMap<PathBuf, u64> {
    use rayon::prelude::*;
    let mut paths: Vec<&PathBuf> = site.pages.iter().map(|p| &p.path).collect();
    paths.sort_unstable();
    paths.dedup();
    paths
        .par_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(root.join(p)).ok()?;
            let front = crate::parse::front_text(&text)?;
            Some(((*p).clone(), hash(front)))
        })
        .collect()
}

fn hash(text: &str) -> u64 {
    let mut h = crate::translations::Fnv64::new();
    h.write(text.as_bytes());
    h.finish()
}
