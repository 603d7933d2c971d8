//! Files that are not content pages: taxonomy pages, the 404 page per
//! language, alias redirects, `sitemap.xml` with hreflang alternates, and
//! `robots.txt`.

use super::views::{summary, Summary};
use super::{out_path, render_one, render_with, Alternate, Output};
use crate::diag::Diagnostic;
use crate::link::Site;
use crate::model::Lang;
use crate::parse::markdown::escape_html;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// A term as the taxonomy's list shows it: no pages, so that a term's page
/// does not carry every other term's listing.
#[derive(Serialize)]
struct TermLink<'a> {
    label: &'a str,
    url: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct TermView<'a> {
    label: &'a str,
    url: &'a str,
    count: usize,
    pages: Vec<Summary<'a>>,
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    name: &'a str,
    url: &'a str,
    terms: Vec<TermLink<'a>>,
}

#[derive(Serialize)]
struct TaxonomyContext<'a> {
    // `site` is added as JSON (see [`super::Parts`]).
    lang: &'a str,
    taxonomy: &'a TaxonomyView<'a>,
    term: Option<&'a TermView<'a>>,
}

pub(super) fn extras(
    renderer: &super::renderer::Renderer,
    out: &mut Output,
    origins: &mut HashMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let (site, tera, bases, assets, lookups) = (
        renderer.site,
        renderer.tera,
        &renderer.site_views,
        &renderer.urls,
        &renderer.lookups,
    );
    let by_name: HashMap<(&str, &Lang), &crate::link::Taxonomy> = site
        .taxonomies
        .iter()
        .map(|t| ((t.name, &t.lang), t))
        .collect();
    let term_urls: HashMap<(&str, &Lang, &str), &str> = site
        .taxonomies
        .iter()
        .flat_map(|t| {
            t.terms
                .iter()
                .map(move |x| ((t.name, &t.lang, x.key.as_str()), x.url.as_str()))
        })
        .collect();
    // The same taxonomy (and term) in another language, when it has one.
    let alternate = |name: &str, key: Option<&str>, l: &Lang| {
        let tax = by_name.get(&(name, l));
        let url = match (tax, key) {
            (Some(_), Some(k)) => term_urls.get(&(name, l, k)).map(|u| u.to_string()),
            (Some(t), None) => Some(t.url.clone()),
            (None, _) => None,
        };
        Alternate {
            translated: url.is_some(),
            url: url.unwrap_or_else(|| format!("{}/", site.lang_prefix(l))),
        }
    };
    // Every taxonomy's list and term pages, rendered in parallel.
    // Each page goes to the output (the disk, when spooling) as it is made.
    let spool: &Output = out;
    let keep = |path: String, origin: String, html: Result<Vec<u8>, Diagnostic>| {
        let rendered = html.and_then(|h| spool.prepare(&path, h));
        (path, origin, rendered)
    };
    // A term's page names its taxonomy but does not list the other terms:
    // every term page carrying every term made 50,000 tags take minutes.
    let heads: Vec<TaxonomyView> = site
        .taxonomies
        .iter()
        .map(|tax| TaxonomyView {
            name: tax.name,
            url: &tax.url,
            terms: Vec::new(),
        })
        .collect();
    let views: Vec<TaxonomyView> = site
        .taxonomies
        .iter()
        .map(|tax| TaxonomyView {
            name: tax.name,
            url: &tax.url,
            terms: tax
                .terms
                .iter()
                .map(|t| TermLink {
                    label: &t.label,
                    url: &t.url,
                    count: t.pages.len(),
                })
                .collect(),
        })
        .collect();
    // One task per list and per term page, not per taxonomy: a language's
    // tags can hold twice the terms of another's.
    let jobs: Vec<(usize, Option<usize>)> = site
        .taxonomies
        .iter()
        .enumerate()
        .flat_map(|(t, tax)| {
            std::iter::once((t, None)).chain((0..tax.terms.len()).map(move |k| (t, Some(k))))
        })
        .collect();
    let rendered: Vec<(String, String, Result<super::Rendered, Diagnostic>)> = jobs
        .into_par_iter()
        .map(|(t, term)| {
            let (tax, view) = (&site.taxonomies[t], &views[t]);
            let origin = format!("the `{}` taxonomy ({})", tax.name, tax.lang);
            let site_value = |key: Option<&str>| super::Parts {
                site: bases[&tax.lang]
                    .value_with(site, &tax.lang, &|l: &Lang| alternate(tax.name, key, l)),
                content: None,
            };
            let Some(term) = term.map(|k| &tax.terms[k]) else {
                let list = TaxonomyContext {
                    lang: tax.lang.as_str(),
                    taxonomy: view,
                    term: None,
                };
                let html = render_with(
                    tera,
                    "taxonomy_list.html",
                    &list,
                    site_value(None),
                    Path::new(&origin),
                );
                return keep(out_path(&tax.url), origin, html);
            };
            let term_view = TermView {
                label: &term.label,
                url: &term.url,
                count: term.pages.len(),
                pages: term
                    .pages
                    .iter()
                    .map(|i| summary(site, *i, lookups))
                    .collect(),
            };
            let ctx = TaxonomyContext {
                lang: tax.lang.as_str(),
                taxonomy: &heads[t],
                term: Some(&term_view),
            };
            let html = render_with(
                tera,
                "taxonomy_term.html",
                &ctx,
                site_value(Some(&term.key)),
                Path::new(&origin),
            );
            keep(out_path(&term.url), origin, html)
        })
        .collect();
    for (path, origin, rendered) in rendered {
        match rendered {
            Ok(r) => out.add_rendered(path, r, &origin, origins, diags),
            Err(d) => diags.push(d),
        }
    }

    // A 404 page per language: /404.html for the default, /ru/404.html …
    for lang in site.homes.keys() {
        #[derive(Serialize)]
        struct NotFound<'a> {
            site: super::views::SiteView<'a>,
            lang: &'a str,
        }
        let ctx = NotFound {
            site: bases[lang].view_with(site, lang, assets, &|l: &Lang| Alternate {
                url: format!("{}/404.html", site.lang_prefix(l)),
                translated: false,
            }),
            lang: lang.as_str(),
        };
        let path = format!("{}/404.html", site.lang_prefix(lang))
            .trim_start_matches('/')
            .to_string();
        match render_one(tera, "404.html", &ctx, Path::new("404.html")) {
            Ok(html) => out.add(path, html, "the 404 page", origins, diags),
            Err(d) => diags.push(d),
        }
    }

    // A search page per language.
    for lang in site.homes.keys() {
        #[derive(Serialize)]
        struct Choice<'a> {
            value: &'a str,
            label: &'a str,
        }
        #[derive(Serialize)]
        struct SearchPage<'a> {
            site: super::views::SiteView<'a>,
            lang: &'a str,
            types: Vec<&'static str>,
            areas: Vec<Choice<'a>>,
            /// Languages whose results fill in when this one has few.
            others: Vec<&'a str>,
        }
        let mut types: Vec<&'static str> = site
            .pages
            .iter()
            .filter(|p| p.lang == *lang && !p.implicit)
            .map(|p| p.content_type().name())
            .collect();
        types.sort_unstable();
        types.dedup();
        let areas = site
            .config
            .vocabularies
            .areas
            .iter()
            .map(|(key, labels)| Choice {
                value: key,
                label: labels.get(lang).map_or(key.as_str(), String::as_str),
            })
            .collect();
        let ctx = SearchPage {
            site: bases[lang].view_with(site, lang, assets, &|l: &Lang| Alternate {
                url: format!("{}/search/", site.lang_prefix(l)),
                translated: true,
            }),
            lang: lang.as_str(),
            types,
            areas,
            others: site
                .languages()
                .filter(|l| *l != lang)
                .map(Lang::as_str)
                .collect(),
        };
        let url = format!("{}/search/", site.lang_prefix(lang));
        match render_one(tera, "search.html", &ctx, Path::new("search.html")) {
            Ok(html) => out.add(out_path(&url), html, "the search page", origins, diags),
            Err(d) => diags.push(d),
        }
    }

    // An alias that is a page's URL was reported by the link stage, at
    // the alias's line; it is not reported again here.
    let page_urls: std::collections::HashSet<&str> =
        site.pages.iter().map(|p| p.url.as_str()).collect();
    for page in &site.pages {
        for alias in &page.aliases {
            let Ok(url) = crate::link::normalise_alias(alias) else {
                continue;
            };
            if page_urls.contains(url.as_str()) {
                continue;
            }
            let target = escape_html(&page.url);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{base}{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
                lang = page.lang,
                title = escape_html(&page.title),
                base = escape_html(site.config.base()),
            );
            out.add(
                out_path(&url),
                html.into_bytes(),
                &page.path.display().to_string(),
                origins,
                diags,
            );
        }
    }

    out.add(
        "sitemap.xml".into(),
        sitemap(site).into_bytes(),
        "the sitemap",
        origins,
        diags,
    );
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        site.config.base()
    );
    out.add(
        "robots.txt".into(),
        robots.into_bytes(),
        "robots.txt",
        origins,
        diags,
    );
}

/// Every page with its alternates in the other languages (reciprocal by
/// construction: each member of a translation group lists the whole group).
fn sitemap(site: &Site) -> String {
    let base = site.config.base();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Fallbacks are copies whose canonical address is the original.
    let mut pages: Vec<&crate::link::Page> = site.pages.iter().filter(|p| !p.fallback).collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    for p in pages {
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n",
            escape_html(&format!("{base}{}", p.url))
        );
        if let Some(d) = p.updated.or(p.date) {
            let _ = writeln!(xml, "    <lastmod>{}</lastmod>", d.date);
        }
        let alternates: Vec<&crate::link::Page> = p
            .translations
            .iter()
            .map(|t| site.page(*t))
            .filter(|t| !t.fallback)
            .collect();
        if alternates.len() > 1 {
            for tp in alternates {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    tp.lang,
                    escape_html(&format!("{base}{}", tp.url))
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
