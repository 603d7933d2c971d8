//! The packages' place in the site: each course's and handbook's SCORM and
//! Common Cartridge files (made by `bundle`), the catalogue page listing
//! them per language, the bulk metadata file, the Atom feeds of updates and,
//! last, the archive of the whole site.

use super::views::FileInfo;
use super::{render_one, AssetUrls, Output, SiteBase};
use crate::bundle;
use crate::diag::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::link::Site;
use crate::model::{Kind, Lang};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A course's or handbook's download links, for its page's button.
#[derive(Serialize)]
pub struct PackageLinks {
    pub scorm: String,
    pub cc: String,
}

/// `/packages/`, `/ru/packages/`.
pub fn catalogue_url(site: &Site, lang: &Lang) -> String {
    format!("{}/packages/", site.lang_prefix(lang))
}

/// The packages of page `i` when it is a course or handbook that has them.
pub fn package_links(site: &Site, i: usize) -> Option<PackageLinks> {
    let p = site.page(i);
    let packaged = !p.fallback
        && match p.kind {
            Kind::Course(_) => site.courses.contains_key(&i),
            Kind::Handbook(_) => true,
            _ => false,
        };
    if !packaged {
        return None;
    }
    let slug = bundle::slug_of(&p.url);
    Some(PackageLinks {
        scorm: bundle::package_url(&p.lang, &slug, "zip"),
        cc: bundle::package_url(&p.lang, &slug, "imscc"),
    })
}

#[derive(Serialize)]
struct Row<'a> {
    title: &'a str,
    url: &'a str,
    #[serde(rename = "type")]
    type_name: &'static str,
    lang: &'a str,
    lang_name: &'a str,
    license: &'a str,
    date: Option<String>,
    scorm: FileInfo,
    cc: FileInfo,
}

#[derive(Serialize)]
struct CatalogueView<'a> {
    /// This language's packages first, then the others'.
    rows: Vec<Row<'a>>,
    metadata: FileInfo,
    /// The archive of the whole site, unless the hub turned it off.
    site_zip: Option<FileInfo>,
}

#[derive(Serialize)]
struct CatalogueContext<'a> {
    site: super::views::SiteView<'a>,
    lang: &'a str,
    catalogue: &'a CatalogueView<'a>,
}

/// Everything the section's comment lists but the site archive, which
/// must come after every other file.
#[allow(clippy::too_many_arguments)]
pub(super) fn packages(
    site: &Site,
    tera: &tera::Tera,
    bases: &BTreeMap<&Lang, SiteBase>,
    assets: &AssetUrls,
    i18n: &I18n,
    scorm_js: &[u8],
    out: &mut Output,
    origins: &mut HashMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let packages = bundle::packages(site);
    let inputs = bundle::Inputs {
        site,
        output: out,
        i18n,
        root: &site.config.root,
        scorm_js,
    };
    let built = crate::timings::time("packages", || bundle::build_packages(&inputs, &packages));
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for b in built {
        match b {
            Ok(b) => {
                sizes.insert(b.path.clone(), b.bytes.len() as u64);
                out.add(b.path, b.bytes, &b.origin, origins, diags);
            }
            Err(e) => diags.push(Diagnostic::error(Span::file("content"), e)),
        }
    }
    let bulk = crate::meta::bulk(site);
    let metadata = FileInfo::sized(crate::meta::BULK_URL, bulk.len() as u64);
    out.add(
        crate::meta::BULK_URL[1..].to_string(),
        bulk.into_bytes(),
        "the bulk metadata file",
        origins,
        diags,
    );
    let langs: Vec<&Lang> = site.languages().collect();
    for &lang in &langs {
        if let Some(feed) = crate::meta::atom::feed(site, lang, site.config.title_in(lang)) {
            out.add(
                crate::meta::atom::atom_url(site, lang)[1..].to_string(),
                feed.into_bytes(),
                &format!("the Atom feed ({lang})"),
                origins,
                diags,
            );
        }
    }
    // The site archive's size is not known yet: the catalogue shows none.
    let site_zip = site.config.packages.site_archive.then(|| FileInfo {
        url: bundle::site_zip::URL.to_string(),
        format: "ZIP".into(),
        bytes: 0,
        kb: None,
        mb: None,
    });
    let size_of = |url: &str| FileInfo::sized(url, sizes.get(&url[1..]).copied().unwrap_or(0));
    for &lang in &langs {
        let mut rows: Vec<Row> = packages
            .iter()
            .filter(|p| sizes.contains_key(&p.scorm_url()[1..]))
            .map(|pkg| {
                let p = site.page(pkg.root);
                Row {
                    title: &p.title,
                    url: &p.url,
                    type_name: p.content_type().name(),
                    lang: pkg.lang.as_str(),
                    lang_name: site
                        .config
                        .language(&pkg.lang)
                        .map_or(pkg.lang.as_str(), |s| s.name.as_str()),
                    license: &p.license,
                    date: p.updated.or(p.date).map(|d| d.date.to_string()),
                    scorm: size_of(&pkg.scorm_url()),
                    cc: size_of(&pkg.cc_url()),
                }
            })
            .collect();
        rows.sort_by_key(|r| (r.lang != lang.as_str(), r.type_name, r.title));
        let view = CatalogueView {
            rows,
            metadata: metadata.clone(),
            site_zip: site_zip.clone(),
        };
        let url = catalogue_url(site, lang);
        let ctx = CatalogueContext {
            site: bases[lang].view_with(site, lang, assets, &|l: &Lang| super::Alternate {
                url: catalogue_url(site, l),
                translated: true,
            }),
            lang: lang.as_str(),
            catalogue: &view,
        };
        let origin = format!("the package catalogue ({lang})");
        match render_one(tera, "packages.html", &ctx, std::path::Path::new("themes")) {
            Ok(html) => out.add(super::out_path(&url), html, &origin, origins, diags),
            Err(d) => diags.push(d),
        }
    }
}

/// The archive of the whole site, made once every other file is there:
/// written straight to its place when spooling, else kept in memory.
pub(super) fn site_archive(
    site: &Site,
    out: &mut Output,
    origins: &mut HashMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let path = bundle::site_zip::URL[1..].to_string();
    let base = site.config.base();
    let origin = "the offline site archive";
    let made = crate::timings::time("site archive", || match out.spool() {
        Some(spool) => spool
            .put_streamed(&path, |file| {
                bundle::site_zip::write_site_zip(out, base, std::io::BufWriter::new(file))
                    .and_then(|w| w.into_inner().map_err(|e| e.to_string()))
            })
            .map(|_| super::Rendered::Spooled)
            .map_err(crate::write::diagnostic),
        None => bundle::site_zip::write_site_zip(out, base, std::io::Cursor::new(Vec::new()))
            .map(|c| super::Rendered::Kept(c.into_inner()))
            .map_err(|e| Diagnostic::global(format!("{origin}: {e}"))),
    });
    match made {
        Ok(rendered) => out.add_rendered(path, rendered, origin, origins, diags),
        Err(d) => diags.push(d),
    }
}
