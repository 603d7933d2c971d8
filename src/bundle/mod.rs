//! Stage 4b, `bundle`: packages NGOs take away. For each course and
//! handbook, per language, a SCORM 1.2 package (`/bundles/<lang>/<slug>.zip`)
//! and the same material as an IMS Common Cartridge 1.1 (`.imscc`); and the
//! whole site as one archive for reading offline. Packages are made from
//! the rendered pages, links rewritten: relative inside the package,
//! absolute to the hub for everything else.
//!
//! One SCO per course, not per lesson: a course's own navigation, progress,
//! quizzes and certificate span its lessons, and LMSs record one grade per
//! SCORM activity anyway. A launch page keeps the one LMS session open while
//! the learner moves through the lessons in a frame inside it; with SCOs per
//! lesson every link between lessons would leave the LMS's tracking.

mod cc;
mod contents;
mod scorm;
pub mod site_zip;
pub mod zipfile;

use crate::i18n::I18n;
use crate::link::Site;
use crate::model::{Kind, Lang};
use crate::render::Output;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

pub use contents::Contents;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageKind {
    Course,
    Handbook,
}

/// One course or handbook in one language.
#[derive(Debug)]
pub struct Package {
    /// The course or handbook page.
    pub root: usize,
    pub kind: PackageKind,
    pub lang: Lang,
    /// The last segment of its URL: the package's file name.
    pub slug: String,
    /// Its pages in reading order, the root first.
    pub pages: Vec<usize>,
    /// Its pages that are not content pages: the certificate, the
    /// single-page edition (site-rooted URLs).
    pub companions: Vec<String>,
}

/// Where a package of `slug` in `lang` is published: `ext` is `zip`
/// (SCORM 1.2) or `imscc` (Common Cartridge).
pub fn package_url(lang: &Lang, slug: &str, ext: &str) -> String {
    format!("/bundles/{lang}/{slug}.{ext}")
}

impl Package {
    pub fn scorm_url(&self) -> String {
        package_url(&self.lang, &self.slug, "zip")
    }

    pub fn cc_url(&self) -> String {
        package_url(&self.lang, &self.slug, "imscc")
    }
}

/// Every course and handbook in every language whose words are its own
/// (a fallback would repeat its original's package).
pub fn packages(site: &Site) -> Vec<Package> {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        if p.fallback {
            continue;
        }
        match p.kind {
            Kind::Course(_) | Kind::Handbook(_) => members.entry(i).or_default(),
            _ => continue,
        };
    }
    let mut out = Vec::new();
    for &root in members.keys() {
        let p = site.page(root);
        let (kind, pages, companions) = match &p.kind {
            Kind::Course(c) => {
                let Some(outline) = site.courses.get(&root) else {
                    continue;
                };
                let mut pages = vec![root];
                for (module, lessons) in &outline.modules {
                    if *module != root {
                        pages.push(*module);
                    }
                    pages.extend(lessons);
                }
                let companions = if c.certificate {
                    vec![crate::render::certificate_url(&p.url)]
                } else {
                    Vec::new()
                };
                (PackageKind::Course, pages, companions)
            }
            Kind::Handbook(_) => {
                let mut pages = vec![root];
                pages.extend(
                    p.children
                        .iter()
                        .filter(|&&c| matches!(site.page(c).kind, Kind::Chapter)),
                );
                (
                    PackageKind::Handbook,
                    pages,
                    vec![crate::render::print_url(&p.url)],
                )
            }
            _ => continue,
        };
        // Pages shown in another language's words stay out of a package.
        let pages = pages
            .into_iter()
            .filter(|&x| !site.page(x).fallback)
            .collect();
        out.push(Package {
            root,
            kind,
            lang: p.lang.clone(),
            slug: slug_of(&p.url),
            pages,
            companions,
        });
    }
    out
}

/// `/ru/courses/asylum/` → `asylum`.
pub fn slug_of(url: &str) -> String {
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("package")
        .to_string()
}

/// A built package file: its path in the site and its bytes.
pub struct Built {
    pub path: String,
    pub bytes: Vec<u8>,
    pub origin: String,
}

/// What packaging needs besides the site.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub output: &'a Output,
    pub i18n: &'a I18n,
    /// The hub folder, where the Markdown sources are read from.
    pub root: &'a Path,
    /// The SCORM bridge script, from the theme.
    pub scorm_js: &'a [u8],
}

/// Both packages of every course and handbook, made in parallel.
pub fn build_packages(inputs: &Inputs, packages: &[Package]) -> Vec<Result<Built, String>> {
    packages
        .par_iter()
        .flat_map_iter(|pkg| {
            let origin = format!(
                "the packages of {}",
                inputs.site.page(pkg.root).path.display()
            );
            let made = Contents::gather(inputs, pkg).map(|contents| {
                [
                    Built {
                        path: pkg.scorm_url()[1..].to_string(),
                        bytes: scorm::package(inputs, pkg, &contents),
                        origin: origin.clone(),
                    },
                    Built {
                        path: pkg.cc_url()[1..].to_string(),
                        bytes: cc::package(inputs, pkg, &contents),
                        origin: origin.clone(),
                    },
                ]
            });
            match made {
                Ok(both) => both.into_iter().map(Ok).collect::<Vec<_>>(),
                Err(e) => vec![Err(format!("{origin}: {e}"))],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_the_last_segment() {
        assert_eq!(slug_of("/ru/courses/asylum/"), "asylum");
        assert_eq!(slug_of("/handbooks/labour/"), "labour");
    }
}
