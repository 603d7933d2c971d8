//! Stage 4, `render`: the linked site through the theme's Tera templates
//! into an `Output` (site path → bytes), pages in parallel. Nothing here
//! touches the disk; `write` does.

mod admin;
mod base;
mod course;
mod engine;
mod facets;
mod feed;
mod glossary;
mod handbook;
pub mod ics;
mod minify;
pub use course::certificate_url;
pub use handbook::print_url;
pub mod offline;
mod outputs;
mod packages;
mod podcast;
mod programme;
mod renderer;
pub mod theme;
mod views;

use crate::diag::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::link::Site;
use crate::model::Lang;
use crate::write::Spool;
use base::{Alternate, AssetUrls, SiteBase};
use engine::{build_tera, render_one, render_with, Parts};
use rayon::prelude::*;
use renderer::{Renderer, ThemeAssets};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use theme::Theme;

/// The built site: `/`-separated path under the output folder → bytes.
/// With a spool (`oerhub build`), each file goes to disk as it is rendered
/// and only its path stays here; without one (tests, `--offline`), the
/// bytes stay in `files`.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    spool: Option<Spool>,
    spooled: BTreeSet<String>,
    /// What each HTML page links to and offers as anchors, read as it is
    /// added (see [`crate::check::site_links`]).
    refs: std::sync::Mutex<Vec<crate::check::site_links::PageRefs>>,
}

/// A rendered file before it is added: still in memory, or already staged.
pub enum Rendered {
    Kept(Vec<u8>),
    Spooled,
}

impl Output {
    pub fn spooled_to(spool: Spool) -> Output {
        Output {
            spool: Some(spool),
            ..Output::default()
        }
    }

    /// Stages `bytes` when spooling (callable from many threads at once).
    /// A file the disk refuses fails the build once, at its end (see
    /// [`Output::write_failure`]), not once per file.
    pub fn prepare(&self, path: &str, bytes: Vec<u8>) -> Result<Rendered, Diagnostic> {
        self.prepare_page(path, bytes, &[])
    }

    /// [`Output::prepare`] for a page whose body's links `checked` were
    /// checked already.
    pub fn prepare_page(
        &self,
        path: &str,
        bytes: Vec<u8>,
        checked: &[String],
    ) -> Result<Rendered, Diagnostic> {
        if path.ends_with(".html") {
            let refs = crate::check::site_links::scan(path, &bytes, checked);
            self.refs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(refs);
        }
        match &self.spool {
            None => Ok(Rendered::Kept(bytes)),
            Some(spool) => {
                if let Err(e) = spool.put(path, &bytes) {
                    spool.record_failure(e);
                }
                Ok(Rendered::Spooled)
            }
        }
    }

    /// The first error the spool met, as the build's diagnostic.
    pub fn write_failure(&self) -> Option<Diagnostic> {
        self.spool
            .as_ref()
            .and_then(Spool::take_failure)
            .map(crate::write::diagnostic)
    }

    /// Adds a file; a second file at the same path is an error naming both origins.
    pub fn add(
        &mut self,
        path: String,
        bytes: Vec<u8>,
        origin: &str,
        origins: &mut HashMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) {
        // A second file for a path fails the build, whose spool then
        // removes whatever was staged for it.
        match self.prepare(&path, bytes) {
            Ok(rendered) => self.add_rendered(path, rendered, origin, origins, diags),
            Err(d) => diags.push(d),
        }
    }

    /// Adds a file [`Output::prepare`] has rendered.
    pub fn add_rendered(
        &mut self,
        path: String,
        rendered: Rendered,
        origin: &str,
        origins: &mut HashMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) {
        if let Some(first) = origins.get(&path) {
            diags.push(
                Diagnostic::error(
                    Span::file(origin),
                    format!("{origin} and {first} would both be written to {path}"),
                )
                .with_hint("rename one of them"),
            );
            return;
        }
        origins.insert(path.clone(), origin.to_string());
        match rendered {
            Rendered::Kept(bytes) => {
                self.files.insert(path, bytes);
            }
            Rendered::Spooled => {
                self.spooled.insert(path);
            }
        }
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.files.len() + self.spooled.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every file's path.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().chain(&self.spooled).map(String::as_str)
    }

    /// The spool files go to, when the build writes as it renders.
    pub fn spool(&self) -> Option<&Spool> {
        self.spool.as_ref()
    }

    /// A file's bytes, from memory or read back from the spool.
    pub fn read(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(std::borrow::Cow::Borrowed(bytes));
        }
        match &self.spool {
            Some(spool) if self.spooled.contains(path) => {
                spool.read(path).ok().map(std::borrow::Cow::Owned)
            }
            _ => None,
        }
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.spooled.contains(path)
    }

    /// The links of every page added so far that lead nowhere (see
    /// [`crate::check::site_links`]).
    fn check_links(&self, site: &Site) -> Vec<Diagnostic> {
        let refs = std::mem::take(&mut *self.refs.lock().unwrap_or_else(|e| e.into_inner()));
        let sources = site
            .pages
            .iter()
            .map(|p| (out_path(&p.url), p.path.clone()))
            .collect();
        // The site archive is made last, from a site whose links hold.
        let archive = &crate::bundle::site_zip::URL[1..];
        let archived = site.config.packages.site_archive;
        let contains = |p: &str| self.contains(p) || (archived && p == archive);
        crate::check::site_links::check(&site.config.root, &refs, &contains, &sources)
    }

    pub fn take_spool(&mut self) -> Option<Spool> {
        self.spool.take()
    }
}

/// The site rendered, with the warnings found on the way (the links of
/// the built pages, at their levels); `Err` with every problem when one is
/// an error.
/// `failing`: the site has content errors already; it is rendered to find
/// the rest, and nothing is made that only a site to publish needs.
pub fn render(
    site: &Site,
    theme: &Theme,
    i18n: Arc<I18n>,
    spool: Option<Spool>,
    failing: bool,
) -> Result<(Output, Vec<Diagnostic>), Vec<Diagnostic>> {
    let langs: Vec<Lang> = site.languages().cloned().collect();
    let mut diags = theme.check_i18n(&i18n, &langs);
    if !diags.is_empty() {
        return Err(diags);
    }
    let tera = crate::timings::time("templates", || build_tera(theme, Arc::clone(&i18n)))?;
    let assets = ThemeAssets::of(theme);
    let renderer = crate::timings::time("render setup", || {
        Renderer::new(site, theme, &tera, &i18n, assets.urls())
    })?;
    let terms = views::term_links(site);
    let Renderer {
        ref urls,
        ref courses,
        ref lookups,
        ref handbooks,
        ref site_views,
        ..
    } = renderer;
    let mut out = match spool {
        Some(spool) => Output::spooled_to(spool),
        None => Output::default(),
    };
    // The pages and the search index are made side by side (both only
    // read the site): each keeps both cores busy while the other waits on
    // its slowest task or its serial steps. They reach the output in the
    // order below, as before.
    let pages = || -> Vec<Result<(String, Rendered), Diagnostic>> {
        site.pages
            .par_iter()
            .enumerate()
            .zip(terms.into_par_iter())
            .map(|((i, page), terms)| {
                if crate::interrupt::requested() {
                    return Err(crate::write::diagnostic(
                        crate::write::WriteError::Interrupted,
                    ));
                }
                let html = renderer.page(i, terms)?;
                let path = out_path(&page.url);
                let rendered = out.prepare_page(&path, html, &page.resolved)?;
                Ok((path, rendered))
            })
            .collect()
    };
    let search_index = || {
        let keep = |path: String, body: String| {
            let rendered = out.prepare(&path, body.into_bytes());
            (path, rendered)
        };
        crate::timings::time_beside("search index", || {
            crate::search::browser::index_files(site, &keep)
        })
    };
    let (rendered, index) = crate::timings::time("render pages, search index", || {
        rayon::join(pages, search_index)
    });

    let mut origins = HashMap::new();
    for (r, page) in rendered.into_iter().zip(&site.pages) {
        match r {
            // Two pages with one URL: the link stage said so, at its line.
            Ok((path, _)) if origins.contains_key(&path) => {}
            Ok((path, rendered)) => out.add_rendered(
                path,
                rendered,
                &page.path.display().to_string(),
                &mut origins,
                &mut diags,
            ),
            Err(d) => diags.push(d),
        }
    }
    // A single-page edition per handbook and language.
    for (&i, view) in handbooks {
        let page = site.page(i);
        let ctx = Context {
            lang: page.lang.as_str(),
            page: views::companion_page_view(site, i, lookups),
            course: None,
            programme: None,
            handbook: Some(view),
            chapters: Some(handbook::chapters(site, i)),
            glossary: None,
            podcast: None,
            episode: None,
            courses: Vec::new(),
            featured: None,
        };
        let parts = Parts {
            site: site_views[&page.lang].companion_value(site, i, handbook::print_url),
            content: None,
        };
        match render_with(&tera, "handbook_print.html", &ctx, parts, &page.path) {
            Ok(html) => out.add(
                out_path(&view.print_url),
                html,
                &format!("the single-page edition of {}", page.path.display()),
                &mut origins,
                &mut diags,
            ),
            Err(d) => diags.push(d),
        }
    }
    // A certificate page per course and language.
    for (&i, view) in courses {
        let Some(url) = &view.certificate_url else {
            continue;
        };
        let page = site.page(i);
        let ctx = Context {
            lang: page.lang.as_str(),
            page: views::companion_page_view(site, i, lookups),
            course: Some(view),
            programme: None,
            handbook: None,
            chapters: None,
            glossary: None,
            podcast: None,
            episode: None,
            courses: Vec::new(),
            featured: None,
        };
        let parts = Parts {
            site: site_views[&page.lang].companion_value(site, i, course::certificate_url),
            content: None,
        };
        match render_with(&tera, "certificate.html", &ctx, parts, &page.path) {
            Ok(html) => out.add(
                out_path(url),
                html,
                &format!("the certificate page of {}", page.path.display()),
                &mut origins,
                &mut diags,
            ),
            Err(d) => diags.push(d),
        }
    }
    // A podcast feed per language, and a chapters file per episode.
    for (i, page) in site.pages.iter().enumerate() {
        let file = match page.kind {
            crate::model::Kind::Podcast(_) => {
                Some((feed::feed_url(&page.url), feed::podcast_feed(site, i)))
            }
            crate::model::Kind::Episode(_) => {
                feed::chapters_json(site, i).map(|json| (feed::chapters_url(&page.url), json))
            }
            _ => None,
        };
        if let Some((url, body)) = file {
            out.add(
                out_path_file(&url),
                body.into_bytes(),
                &format!("the feed files of {}", page.path.display()),
                &mut origins,
                &mut diags,
            );
        }
    }
    // The search index, per language, as script files (made above).
    for (path, rendered) in index {
        match rendered {
            Ok(r) => out.add_rendered(path, r, "the search index", &mut origins, &mut diags),
            Err(d) => diags.push(d),
        }
    }
    // A calendar feed per programme and language.
    for (i, page) in site.pages.iter().enumerate() {
        if matches!(page.kind, crate::model::Kind::Programme(_)) {
            out.add(
                out_path_file(&programme::calendar_url(&page.url)),
                ics::programme_calendar(site, i).into_bytes(),
                &format!("the calendar of {}", page.path.display()),
                &mut origins,
                &mut diags,
            );
        }
    }
    for (path, bytes, origin) in assets.files {
        out.add(path, bytes, origin, &mut origins, &mut diags);
    }
    crate::timings::time("taxonomies, feeds, sitemap", || {
        outputs::extras(&renderer, &mut out, &mut origins, &mut diags)
    });
    for asset in site.assets.iter().chain(&site.statics) {
        let origin = asset.path.display().to_string();
        out.add(
            asset.rel.clone(),
            asset.bytes.clone(),
            &origin,
            &mut origins,
            &mut diags,
        );
    }
    for (name, bytes) in &theme.statics {
        if !renderer::is_fingerprinted(name) {
            out.add(
                format!("assets/{name}"),
                bytes.clone(),
                "the theme",
                &mut origins,
                &mut diags,
            );
        }
    }
    for (path, bytes) in admin::files(site, &i18n) {
        out.add(path, bytes, "the web editor", &mut origins, &mut diags);
    }
    let scorm_js = theme.statics.get("scorm.js").cloned().unwrap_or_default();
    packages::packages(
        site,
        &tera,
        site_views,
        urls,
        &i18n,
        &scorm_js,
        &mut out,
        &mut origins,
        &mut diags,
    );
    diags.extend(lookups.cards.errors());
    diags.extend(out.write_failure());
    let mut found = out.check_links(site);
    site.config.checks.apply(&mut found);
    let (errors, warnings): (Vec<_>, Vec<_>) = found.into_iter().partition(Diagnostic::is_error);
    diags.extend(errors);
    // The archive reads every other file back: only a site that built.
    if diags.is_empty() && !failing && site.config.packages.site_archive {
        packages::site_archive(site, &mut out, &mut origins, &mut diags);
        diags.extend(out.write_failure());
    }
    if diags.is_empty() {
        Ok((out, warnings))
    } else {
        diags.extend(warnings);
        Err(diags)
    }
}

/// Compiled templates and the theme's asset URLs, kept by `serve` so that
/// an edit re-renders its pages without preparing the theme again.
pub struct Prepared {
    tera: tera::Tera,
    urls: AssetUrls,
}

pub fn prepare(theme: &Theme, i18n: Arc<I18n>) -> Result<Prepared, Vec<Diagnostic>> {
    Ok(Prepared {
        tera: build_tera(theme, i18n)?,
        urls: ThemeAssets::of(theme).urls(),
    })
}

/// Content pages `at` rendered again: (output path, HTML).
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    i18n: &I18n,
    prepared: &Prepared,
    at: &[usize],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let renderer = Renderer::new(site, theme, &prepared.tera, i18n, prepared.urls.clone())?;
    let mut terms = views::term_links(site);
    at.iter()
        .map(|&i| {
            let html = renderer.page(i, std::mem::take(&mut terms[i]))?;
            Ok((out_path(&site.page(i).url), html))
        })
        .collect::<Result<Vec<_>, Diagnostic>>()
        .map_err(|d| vec![d])
        .and_then(|pages| match renderer.lookups.cards.errors() {
            errors if errors.is_empty() => Ok(pages),
            errors => Err(errors),
        })
}

#[derive(Serialize)]
struct Context<'a> {
    // `site` is added as JSON (see [`Parts`]).
    lang: &'a str,
    page: views::PageView<'a>,
    /// The course the page belongs to, for courses, modules and lessons.
    course: Option<&'a course::CourseView<'a>>,
    /// For a programme: its timeline, calendar and application form.
    programme: Option<programme::ProgrammeView<'a>>,
    /// For a handbook and its chapters: the book's contents.
    handbook: Option<&'a handbook::HandbookView<'a>>,
    /// For a handbook's single-page edition: every chapter's content.
    chapters: Option<Vec<handbook::ChapterView<'a>>>,
    /// For a section of glossary terms: the alphabetical index.
    glossary: Option<glossary::GlossaryView<'a>>,
    /// For a podcast: its seasons and feed.
    podcast: Option<podcast::PodcastView<'a>>,
    /// For an episode: chapters, guests, transcript.
    episode: Option<podcast::EpisodeView<'a>>,
    /// For a language's home page: its courses in reading order (for the
    /// reader's "continue learning"), the first of them featured.
    courses: Vec<&'a course::CourseView<'a>>,
    featured: Option<views::Summary<'a>>,
}

/// `home.html` for the home page, `<type>.html` when the theme has one,
/// else `section.html` or `page.html`.
fn template_for(theme: &Theme, page: &crate::link::Page) -> String {
    if page.is_index && page.dir.is_empty() {
        return "home.html".into();
    }
    let specific = format!("{}.html", page.content_type().name());
    if theme.has(&specific) {
        specific
    } else if page.is_index {
        "section.html".into()
    } else {
        "page.html".into()
    }
}

/// `/ru/courses/x/` → `ru/courses/x/index.html`.
pub fn out_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// `/x/calendar.ics` → `x/calendar.ics`.
fn out_path_file(url: &str) -> String {
    url.trim_start_matches('/').to_string()
}

/// A short, stable content hash (FNV-1a, 64 bits) for file names.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h = crate::translations::Fnv64::new();
    h.write(bytes);
    format!("{:010x}", h.finish() >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_paths() {
        assert_eq!(out_path("/"), "index.html");
        assert_eq!(out_path("/ru/courses/x/"), "ru/courses/x/index.html");
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abd"));
    }
}
